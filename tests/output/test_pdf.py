"""`thidua build --pdf`: PDF/A-2b read back from the files, every font embedded, an empty named
signature field at each signer's block, LibreOffice on several processes, fonts reported.

The claims are read back with tools other than the ones that wrote them: pikepdf (qpdf) for the
XMP identification, the Info dictionary and the form fields, poppler's ``pdffonts`` for the fonts
and ``pdftotext -bbox-layout`` for where the signer's lines are printed. veraPDF, the reference
validator, is a Java program that neither Debian nor PyPI ships (the PyPI packages that mention it
call an installation of it), so it cannot run here; the PDF/A-2b rules a signature field could
break are checked one by one instead (annotation flags, appearance, no NeedAppearances, Info and
XMP agreeing).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pikepdf
import pytest

from thidua_docs.api import build
from thidua_docs.cli import main
from thidua_docs.errors import OutputError
from thidua_docs.inputs.campaign import load_campaign
from thidua_docs.output.pdf import (
    FONT_PACKAGE,
    PdfJob,
    convert,
    find_libreoffice,
    missing_fonts,
    processes_for,
)
from thidua_docs.output.result import BuildResult

from .test_build import campaign_copy
from .test_faults import as_root, fill_at, tmpfs

requires_pdf_tools = pytest.mark.skipif(
    (find_libreoffice() is None or shutil.which("pdffonts") is None) and not os.environ.get("CI"),
    reason="LibreOffice hoặc poppler-utils chưa cài trên máy này (CI cài chúng trong .ci/run)",
)

XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Built:
    out: Path
    result: BuildResult


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The 2024 example's dossier with PDFs, on two LibreOffice processes."""
    if find_libreoffice() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice chưa cài trên máy này")
    tmp_path = tmp_path_factory.mktemp("pdf")
    out = tmp_path / "ho-so"
    result = build(campaign=load_campaign(campaign_copy(tmp_path)), out=out, pdf=True, workers=2)
    assert result.ok, result.pdf_error
    return Built(out, result)


def pdfs(built: Built) -> list[Path]:
    return sorted((built.out / "pdf").rglob("*.pdf"))


# ------------------------------------------------------------------ PDF/A-2b


@requires_pdf_tools
def test_every_pdf_says_pdfa_2b_in_its_xmp(built: Built) -> None:
    files = pdfs(built)
    docx = sorted(p for p in built.out.rglob("*.docx") if "pdf" not in p.parts)
    assert (
        len(files) == len(docx) == 29
    )  # with in-an/can-chinh-phoi.docx, the stock's calibration page
    for path in files:
        with pikepdf.open(path) as pdf:
            meta = pdf.open_metadata()
            assert meta["pdfaid:part"] == "2", path
            assert meta["pdfaid:conformance"] == "B", path
            assert pdf.pdf_version >= "1.4"
            assert "/OutputIntents" in pdf.Root, path  # PDF/A: a colour profile for the device


@requires_pdf_tools
def test_every_font_of_every_pdf_is_embedded(built: Built) -> None:
    for path in pdfs(built):
        listing = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        fonts = listing[2:]  # after the header and its rule
        assert fonts, f"{path}: no font at all"
        for row in fonts:
            # columns: name, type (one or two words), encoding, emb, sub, uni, object, id
            emb = row.split()[-5]
            assert emb == "yes", f"{path}: {row}"


@requires_pdf_tools
def test_info_and_xmp_agree_after_the_signature_fields(built: Built) -> None:
    """PDF/A-2 6.6.2.3: an Info entry has its XMP equivalent with the same value; the incremental
    update that adds the fields changes both alike."""
    checked = 0
    for path in pdfs(built):
        with pikepdf.open(path) as pdf:
            meta = pdf.open_metadata()
            info = pdf.docinfo
            pairs = {
                "/Producer": "pdf:Producer",
                "/Title": "dc:title",
                "/Creator": "xmp:CreatorTool",
            }
            for key, xmp in pairs.items():
                if key in info:
                    assert str(info[key]) == str(meta.get(xmp)), (path, key)
                    checked += 1
    assert checked >= 28 * 2


# ------------------------------------------------------------------ signature fields

#: file → (field name, the signer's last title line, the name under it), read from the documents
#: of the 2024 example as printed (the tờ trình signed by the head of the proposing Vụ, the quyết
#: định KT. TỔNG GIÁM ĐỐC by the deputy; the biên bản's
#: secretary left and chair right; a collective's report signed by its head, an individual's by
#: the person and countersigned by the unit's head).
SIGNERS: dict[str, list[tuple[str, str, str]]] = {
    "to-trinh.pdf": [("ChuKy-vu-truong", "VỤ TRƯỞNG", "Trần Thị Lan")],
    "quyet-dinh.pdf": [("ChuKy-pho-tong-giam-doc", "PHÓ TỔNG GIÁM ĐỐC", "Chu Mạnh Sinh")],
    "bien-ban.pdf": [
        ("ChuKy-thu-ky", "THƯ KÝ", "Phạm Thu Hà"),
        ("ChuKy-chu-toa", "CHỦ TỌA", "Nguyễn Văn Minh"),
    ],
    "bao-cao-thanh-tich/001-bao-hiem-xa-hoi-thanh-pho-ha-noi.pdf": [
        ("ChuKy-thu-truong-don-vi", "THỦ TRƯỞNG ĐƠN VỊ", "[họ và tên]")
    ],
    "bao-cao-thanh-tich/004-nguyen-thi-thu-hang.pdf": [
        ("ChuKy-xac-nhan-cua-thu-truong-don-vi", "ĐƠN VỊ", "[họ và tên]"),
        ("ChuKy-nguoi-bao-cao-thanh-tich", "NGƯỜI BÁO CÁO THÀNH TÍCH", "[họ và tên]"),
    ],
}


@dataclass(frozen=True)
class Printed:
    """A line as poppler prints it, in PDF coordinates (origin bottom left)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def printed_lines(path: Path, page: int) -> list[Printed]:
    """The lines of one page (1-based) from ``pdftotext -bbox-layout``."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ElementTree.fromstring(html)
    page_node = next(root.iter(f"{XHTML}page"))
    height = float(page_node.attrib["height"])
    out = []
    for line in page_node.iter(f"{XHTML}line"):
        words = [w.text or "" for w in line.iter(f"{XHTML}word")]
        a = line.attrib
        out.append(
            Printed(
                " ".join(words),
                float(a["xMin"]),
                height - float(a["yMax"]),
                float(a["xMax"]),
                height - float(a["yMin"]),
            )
        )
    return out


@dataclass(frozen=True)
class Field:
    """A signature field as read back: its name, rectangle, page (1-based) and what PDF/A asks."""

    name: str
    rect: list[float]
    page: int
    signed: bool  # has a value (/V)
    subtype: str
    flags: int
    appearances: set[str]


def signature_fields(path: Path) -> list[Field]:
    with pikepdf.open(path) as pdf:
        if "/AcroForm" not in pdf.Root:
            return []
        form = pdf.Root.AcroForm
        assert "/NeedAppearances" not in form or not bool(form.NeedAppearances)  # PDF/A-2 6.4.1
        pages: dict[tuple[int, int], int] = {
            page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)
        }
        out = []
        for item in form.Fields:
            assert item.FT == "/Sig"
            out.append(
                Field(
                    str(item.T),
                    [float(v) for v in item.Rect],
                    pages[item.P.objgen],
                    "/V" in item,
                    str(item.Subtype),
                    int(item.F),
                    set(item.AP.keys()),
                )
            )
        return out


def column_line(lines: list[Printed], text: str, centre: float) -> Printed:
    """The line that reads ``text`` in the column around ``centre`` (two "[họ và tên]")."""
    candidates = [line for line in lines if line.text == text]
    assert candidates, f"{text!r} not printed"
    return min(candidates, key=lambda line: abs((line.x0 + line.x1) / 2 - centre))


@requires_pdf_tools
@pytest.mark.parametrize("name", sorted(SIGNERS))
def test_signature_field_sits_between_title_and_name(built: Built, name: str) -> None:
    path = built.out / "pdf" / name
    fields = signature_fields(path)
    assert [f.name for f in fields] == [s[0] for s in SIGNERS[name]]
    for field, (field_name, title, signer) in zip(fields, SIGNERS[name], strict=True):
        x0, y0, x1, y1 = rect = field.rect
        lines = printed_lines(path, field.page)
        centre = (x0 + x1) / 2
        title_line = column_line(lines, title, centre)
        name_line = column_line(lines, signer, centre)
        assert title_line.y0 >= y1 > y0 >= name_line.y1, (field_name, rect, title_line, name_line)
        assert y1 - y0 >= 30  # room for the signature image
        for line in (title_line, name_line):  # centred on the block, as ND30 places the image
            assert x0 <= (line.x0 + line.x1) / 2 <= x1, (field_name, rect, line)
        between = [
            line
            for line in lines
            if line.y0 < y1 and line.y1 > y0 and line.x0 < x1 and line.x1 > x0
        ]
        assert between == [], f"{field_name} covers printed text: {between}"


@requires_pdf_tools
def test_signature_fields_are_empty_printable_widgets(built: Built) -> None:
    """Unsigned (no /V), a widget with the print flag and no hidden flags, an appearance with only
    /N (PDF/A-2 6.3.2, 6.3.3), one field per signer and names unique in a file."""
    seen = 0
    for path in pdfs(built):
        fields = signature_fields(path)
        assert len({f.name for f in fields}) == len(fields)
        for field in fields:
            seen += 1
            assert not field.signed
            assert field.subtype == "/Widget"
            # Print; not Invisible, Hidden, NoView
            assert field.flags & 4 and not field.flags & (1 | 2 | 32)
            assert field.appearances == {"/N"}
    # 3 collectives' reports with one signer, 4 individuals' with two; tờ trình, quyết định: one;
    # biên bản: two.
    assert seen == 3 + 4 * 2 + 1 + 1 + 2


@requires_pdf_tools
def test_only_documents_with_a_signer_get_fields(built: Built) -> None:
    with_fields = {
        p.relative_to(built.out / "pdf").as_posix() for p in pdfs(built) if signature_fields(p)
    }
    reports = {
        p.relative_to(built.out / "pdf").as_posix()
        for p in (built.out / "pdf" / "bao-cao-thanh-tich").glob("*.pdf")
    }
    assert with_fields == {"to-trinh.pdf", "quyet-dinh.pdf", "bien-ban.pdf"} | reports
    assert len(reports) == 7
    # danh sách (no signer: attached to a decision), certificates, print files: none
    assert "Đã đặt 15 ô chữ ký số" in " ".join(built.result.notes)


# ------------------------------------------------------------------ on every core


def test_processes_for_the_documents() -> None:
    cases = [  # (documents, cores) → LibreOffice processes
        (1, 2, 1),
        (7, 2, 1),  # fewer than 4 each: one process does not pay for starting a second
        (8, 2, 2),
        (100, 2, 2),
        (100, 1, 1),
        (100, 8, 8),
        (10, 8, 2),
    ]
    for documents, cores, expected in cases:
        assert processes_for(documents, cores) == expected, (documents, cores)


@pytest.fixture
def documents(built: Built) -> Iterator[list[Path]]:
    """The seven Bằng khen of the example: one name each, two folders' worth of same names."""
    yield sorted((built.out / "bang-khen").glob("*.docx"))


@requires_pdf_tools
def test_two_processes_keep_each_document_with_its_pdf(
    built: Built, documents: list[Path], tmp_path: Path
) -> None:
    """Documents of two folders with the same file names, dealt to two processes: each PDF is its
    own document's (the awardee's name), with progress reported while they run."""
    reports = sorted((built.out / "bao-cao-thanh-tich").glob("*.docx"))
    jobs = [PdfJob(d, tmp_path / "a" / f"{d.stem}.pdf") for d in documents]
    jobs += [PdfJob(d, tmp_path / "b" / f"{d.stem}.pdf", sign=True) for d in reports]
    calls: list[tuple[int, int]] = []
    soffice = find_libreoffice()
    assert soffice is not None
    result = convert(
        jobs, soffice, staging_in=tmp_path, workers=2, progress=lambda d, t: calls.append((d, t))
    )
    assert result.processes == 2
    assert sorted(result.pdfs) == sorted(job.target for job in jobs)
    names = {
        "001-bao-hiem-xa-hoi-thanh-pho-ha-noi": "thành phố Hà Nội",
        "004-nguyen-thi-thu-hang": "Nguyễn Thị Thu Hằng",
        "007-pham-duc-long": "Phạm Đức Long",
    }
    for stem, said in names.items():
        for folder in ("a", "b"):
            text = subprocess.run(
                ["pdftotext", str(tmp_path / folder / f"{stem}.pdf"), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            assert said in " ".join(text.split()), (folder, stem)
    total = len(jobs) + len(reports)  # conversions, then signature fields
    assert calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted({d for d, _ in calls})  # rising, never repeated
    assert any(0 < d < len(jobs) for d, _ in calls)  # reported during conversion, not only after
    assert sum(len(names) for names in result.fields.values()) == 3 + 4 * 2
    assert not list(tmp_path.glob(".pdf.*.tmp"))


@requires_pdf_tools
def test_a_broken_document_writes_no_pdf_and_names_the_file(
    documents: list[Path], tmp_path: Path
) -> None:
    broken = tmp_path / "hong.docx"
    broken.write_bytes(documents[0].read_bytes()[:3000])  # a .docx cut short
    jobs = [PdfJob(d, tmp_path / "pdf" / f"{d.stem}.pdf") for d in [*documents, broken]]
    soffice = find_libreoffice()
    assert soffice is not None
    with pytest.raises(OutputError) as caught:
        convert(jobs, soffice, staging_in=tmp_path / "pdf", workers=2)
    assert "hong.docx" in caught.value.message and "chưa ghi tệp PDF nào" in caught.value.message
    assert not list((tmp_path / "pdf").rglob("*.pdf"))
    assert not list((tmp_path / "pdf").glob(".pdf.*.tmp"))


# ------------------------------------------------------------------ fonts


def fontconfig(tmp_path: Path, *folders: str) -> Path:
    """A fontconfig file that knows only ``folders``."""
    dirs = "".join(f"<dir>{folder}</dir>" for folder in folders)
    path = tmp_path / "fonts.conf"
    path.write_text(
        f'<?xml version="1.0"?><fontconfig>{dirs}<cachedir>{tmp_path}/cache</cachedir></fontconfig>',
        encoding="utf-8",
    )
    return path


requires_fc_list = pytest.mark.skipif(
    shutil.which("fc-list") is None and not os.environ.get("CI"),
    reason="fontconfig (fc-list) chưa cài trên máy này",
)


@requires_fc_list
@pytest.mark.parametrize(
    ("folders", "missing"),
    [
        ((), True),  # no font at all
        (("/usr/share/fonts/truetype/dejavu",), True),  # fonts, but not Times New Roman's widths
        (("/usr/share/fonts/truetype/liberation2",), False),  # fonts-liberation2
        (("/usr/share/fonts/truetype/liberation",), False),  # the older fonts-liberation
    ],
)
def test_missing_times_new_roman_names_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folders: tuple[str, ...], missing: bool
) -> None:
    for folder in folders:
        if not Path(folder).is_dir():
            pytest.skip(f"{folder} không có trên máy này")
    monkeypatch.setenv("FONTCONFIG_FILE", str(fontconfig(tmp_path, *folders)))
    said = missing_fonts()
    if missing:
        assert said is not None
        assert "Times New Roman" in said and f"sudo apt-get install -y {FONT_PACKAGE}" in said
    else:
        assert said is None


@requires_pdf_tools
@requires_fc_list
def test_build_without_the_fonts_says_so_and_keeps_the_docx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FONTCONFIG_FILE", str(fontconfig(tmp_path)))
    folder = campaign_copy(tmp_path)
    out = tmp_path / "ho-so"
    code = main(["build", str(folder), "--out", str(out), "--pdf", "--jobs", "1"])
    assert code == 1
    err = capsys.readouterr().err
    assert "Lỗi: Máy chưa có phông Times New Roman" in err and FONT_PACKAGE in err
    assert (out / "quyet-dinh.docx").is_file()
    assert not (out / "pdf").exists() or not list((out / "pdf").rglob("*.pdf"))


# ------------------------------------------------------------------ the disk


@as_root
@requires_pdf_tools
def test_a_disk_full_when_libreoffice_writes_is_said_so_and_a_rerun_completes(
    built: Built, tmp_path: Path
) -> None:
    soffice = find_libreoffice()
    assert soffice is not None
    sources = [built.out / "quyet-dinh.docx", built.out / "bien-ban.docx"]
    with tmpfs(tmp_path / "dia", "16m") as disk:
        out = disk / "pdf"
        jobs = [PdfJob(d, out / f"{d.stem}.pdf", sign=True) for d in sources]
        with pytest.raises(OutputError) as caught:
            # full as LibreOffice starts
            convert(jobs, soffice, staging_in=out, workers=2, progress=fill_at(disk, 0))
        said = caught.value.message
        assert said.startswith("Không ghi được tệp ") and "ổ đĩa đã đầy" in said, said
        assert "hỏng" not in said  # the documents are fine: not blamed
        assert not list(out.rglob("*.pdf")) and not list(out.rglob(".pdf.*"))
        (disk / "dia-day.bin").unlink()
        again = convert(jobs, soffice, staging_in=out, workers=2)
        assert sorted(p.name for p in again.pdfs) == ["bien-ban.pdf", "quyet-dinh.pdf"]
        assert [f.name for f in signature_fields(out / "quyet-dinh.pdf")] == [
            "ChuKy-pho-tong-giam-doc"
        ]


@requires_pdf_tools
def test_a_libreoffice_that_cannot_run_is_said_so(built: Built, tmp_path: Path) -> None:
    broken = tmp_path / "soffice"
    broken.write_text("not a program", encoding="utf-8")  # not executable
    jobs = [PdfJob(built.out / "quyet-dinh.docx", tmp_path / "pdf" / "quyet-dinh.pdf")]
    with pytest.raises(OutputError) as caught:
        convert(jobs, str(broken), staging_in=tmp_path / "pdf", workers=1)
    assert caught.value.message.startswith(f"Không chạy được LibreOffice ({broken}); cài lại")
    assert not list((tmp_path / "pdf").iterdir())  # its temporary folder removed
