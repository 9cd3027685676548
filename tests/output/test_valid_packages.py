"""Every output a valid package, and print-ready pages.

- A template whose result would be a damaged package is an error naming the template and the
  place, and nothing is written.
- Every generated file of every example opens in LibreOffice: all of them converted in one
  soffice call, each PDF read back (pages, and the document's own text in them).
- The pages: rows never split, header rows repeat, headings kept with the next paragraph, the
  danh sách titled by its award form with figures to the right, section III of the Báo cáo thành
  tích and the Bằng khen's book number from the context.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from thidua_docs.api import build, dossier, draft
from thidua_docs.documents.catalogue import example_contexts
from thidua_docs.errors import TemplateError
from thidua_docs.ooxml.names import w
from thidua_docs.ooxml.validity import file_flaws
from thidua_docs.output.pdf import find_libreoffice
from thidua_docs.render.engine import PreparedTemplate

from ..helpers import CAMPAIGNS, TEMPLATES, nonempty_lines, normalise
from .test_build import campaign_copy, requires_libreoffice

TODAY = dt.date(2026, 12, 3)


def document_xml(data: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def old_bao_cao(folder: Path) -> Path:
    """The Báo cáo thành tích template as it was shipped: the confirmation cell wholly inside
    {%p if not van_ban.tap_the %}, so a collective's report had a cell with no paragraph."""
    with zipfile.ZipFile(TEMPLATES / "bao_cao_thanh_tich.docx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    left = next(list(root.iter(w("tbl")))[-1].iter(w("tc")))
    left.remove(left.findall(w("p"))[-1])
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "bao_cao_thanh_tich.docx"
    with zipfile.ZipFile(target, "w") as z:
        for name, payload in parts.items():
            z.writestr(name, payload)
    return target


def test_a_damaged_result_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    templates = tmp_path / "mau"
    old_bao_cao(templates)
    out = tmp_path / "ho-so"
    with pytest.raises(TemplateError) as caught:
        dossier(
            campaign=campaign_copy(tmp_path),
            out=out,
            templates=templates,
            only=["bao_cao"],
            today=TODAY,
        )
    message = caught.value.message
    assert message.startswith(f"Lỗi mẫu {templates / 'bao_cao_thanh_tich.docx'}, phần thân, bảng 2")
    assert "ô 1: văn bản tạo ra không phải tệp Word hợp lệ: ô bảng không kết thúc" in message
    assert not out.exists() or not list(out.rglob("*.docx"))


def test_build_reports_the_damaged_documents_and_writes_the_others(tmp_path: Path) -> None:
    templates = tmp_path / "mau"
    old_bao_cao(templates)
    out = tmp_path / "ho-so"
    result = build(
        campaign=campaign_copy(tmp_path), out=out, templates=templates, workers=1, today=TODAY
    )
    failed = sorted(name for name, _ in result.failed)
    # The three collectives' reports; the individuals' confirmation cell is printed.
    assert [n.split("/")[0] for n in failed] == ["bao-cao-thanh-tich"] * 3
    assert all(not (out / name).exists() for name in failed)
    assert all(file_flaws(path) == [] for path in out.rglob("*.docx"))


def every_example(tmp_path: Path) -> list[Path]:
    """Every file the examples generate: the dossiers (build: documents, certificates, print
    files) of the campaigns with an award list, the launch documents (draft) of all."""
    files: list[Path] = []
    for campaign in sorted(p for p in CAMPAIGNS.iterdir() if (p / "chien-dich.yaml").exists()):
        copy = campaign_copy(tmp_path / campaign.name, campaign.name)
        files += draft(campaign=copy, out=tmp_path / campaign.name / "du-thao", today=TODAY).files
        if (campaign / "khen-thuong.yaml").exists():
            out = tmp_path / campaign.name / "ho-so"
            result = build(campaign=copy, out=out, workers=1, today=TODAY)
            assert result.ok, result.failed
            files += sorted(out.rglob("*.docx"))
    return sorted(set(files))


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return every_example(tmp_path_factory.mktemp("vi-du"))


def test_every_generated_file_is_a_valid_package(examples: list[Path]) -> None:
    files = examples
    assert len(files) > 40
    assert {str(path): [str(f) for f in file_flaws(path)] for path in files} == {
        str(path): [] for path in files
    }


@requires_libreoffice
def test_every_generated_file_opens_in_libreoffice(examples: list[Path], tmp_path: Path) -> None:
    soffice = find_libreoffice()
    assert soffice is not None, "CI must install LibreOffice (.ci/run)"
    files = examples
    flat = tmp_path / "docx"
    flat.mkdir()
    names = {}
    for index, path in enumerate(files):
        copy = flat / f"{index:03d}.docx"
        shutil.copyfile(path, copy)
        names[copy.stem] = path
    pdf = tmp_path / "pdf"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf),
            *sorted(str(p) for p in flat.iterdir()),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    problems = []
    for stem, source in names.items():
        out = pdf / f"{stem}.pdf"
        if not out.exists():
            problems.append(f"{source}: không có PDF")
            continue
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
        pages = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
        text = normalise(
            subprocess.run(
                ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
            ).stdout
        )
        # Words of the document's first and last lines are in the PDF (no text lost, e.g. to
        # a table swallowing what follows it).
        lines = nonempty_lines(source)
        for line in (lines[0], lines[-1]):
            word = max(line.split(), key=len)
            if word not in text:
                problems.append(f"{source}: «{word}» của dòng «{line}» không có trong PDF")
        if pages < 1:
            problems.append(f"{source}: PDF không có trang")
    assert problems == []


# ------------------------------------------------------------------ the pages


def rendered(name: str, context: dict[str, Any]) -> Any:
    return document_xml(PreparedTemplate(TEMPLATES / name).render(context))


def text_of(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


@pytest.mark.parametrize("name", ["danh_sach.docx", "bien_ban.docx"])
def test_rows_never_split_and_header_rows_repeat(name: str) -> None:
    root = rendered(name, example_contexts()[name])
    lists = [t for t in root.iter(w("tbl")) if t.find(f"{w('tblPr')}/{w('tblStyle')}") is not None]
    assert lists
    for table in lists:
        rows = table.findall(w("tr"))
        assert all(r.find(f"{w('trPr')}/{w('cantSplit')}") is not None for r in rows)
        assert rows[0].find(f"{w('trPr')}/{w('tblHeader')}") is not None


@pytest.mark.parametrize("name", ["danh_sach.docx", "bien_ban.docx", "bao_cao_thanh_tich.docx"])
def test_headings_keep_with_next(name: str) -> None:
    """Every bold line ending a block of text (titles, numbered headings) keeps with the next."""
    root = rendered(name, example_contexts()[name])
    body = root.find(w("body"))
    for p in body.findall(w("p")):
        text = text_of(p).strip()
        runs = [r for r in p.iter(w("r")) if text_of(r).strip()]
        numbered = text[:3].rstrip(". ").isupper() and ". " in text[:6]
        if runs and numbered and all(r.find(f"{w('rPr')}/{w('b')}") is not None for r in runs):
            assert p.find(f"{w('pPr')}/{w('keepNext')}") is not None, text


def test_danh_sach_is_titled_by_its_award_form_and_figures_are_right_aligned() -> None:
    context = example_contexts()["danh_sach.docx"]
    root = rendered("danh_sach.docx", context)
    texts = [text_of(p) for p in root.iter(w("p"))]
    assert texts[:2] == [
        "DANH SÁCH",
        "TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN CỦA TỔNG GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM",
    ]
    for table in root.iter(w("tbl")):
        for row in table.findall(w("tr"))[1:]:
            last = row.findall(w("tc"))[-1]
            jc = last.find(f"{w('p')}/{w('pPr')}/{w('jc')}")
            assert jc is not None and jc.get(w("val")) == "right", text_of(row)


def test_danh_sach_with_several_forms_has_one_titled_group_each() -> None:
    context = example_contexts()["danh_sach.docx"]
    first = context["van_ban"]["cac_nhom"][0]
    second = {
        **first,
        "hinh_thuc": "Giấy khen của Giám đốc Bảo hiểm xã hội tỉnh Bắc Ninh",
        "tieu_de": "CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN CỦA GIÁM ĐỐC BẢO HIỂM XÃ HỘI TỈNH BẮC NINH",
        "tap_the": [],
    }
    several = {
        **context,
        "van_ban": {
            **context["van_ban"],
            "tieu_de": "TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
            "cac_nhom": [first, second],
        },
    }
    texts = [text_of(p) for p in rendered("danh_sach.docx", several).iter(w("p"))]
    assert "I. " + first["tieu_de"] in texts
    assert "II. CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN CỦA GIÁM ĐỐC BẢO HIỂM XÃ HỘI TỈNH BẮC NINH" in texts


@pytest.mark.parametrize(
    ("da_co", "expected"),
    [
        pytest.param(
            [
                {
                    "nam": 2023,
                    "hinh_thuc": "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam",
                    "so_quyet_dinh": "1234/QĐ-BHXH",
                    "ngay_quyet_dinh": dt.date(2023, 12, 20),
                    "co_quan": "Bảo hiểm xã hội Việt Nam",
                }
            ],
            [
                "Năm",
                "Hình thức khen thưởng",
                "Số, ngày quyết định",
                "Cơ quan ban hành",
                "2023",
                "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam",
                "1234/QĐ-BHXH ngày 20/12/2023",
                "Bảo hiểm xã hội Việt Nam",
            ],
            id="the register knows the awards: a table",
        ),
        pytest.param(
            [],
            ["[ghi các hình thức khen thưởng đã nhận: năm, hình thức, số và ngày quyết định]"],
            id="none known: the line to fill by hand",
        ),
        pytest.param(
            None,
            ["[ghi các hình thức khen thưởng đã nhận: năm, hình thức, số và ngày quyết định]"],
            id="absent from the context",
        ),
    ],
)
def test_bao_cao_section_iii(da_co: list[dict[str, Any]] | None, expected: list[str]) -> None:
    context = example_contexts()["bao_cao_thanh_tich.docx"]
    van_ban = dict(context["van_ban"])
    if da_co is not None:
        van_ban["khen_thuong_da_co"] = da_co
    texts = [
        text_of(p)
        for p in rendered("bao_cao_thanh_tich.docx", {**context, "van_ban": van_ban}).iter(w("p"))
    ]
    start = texts.index("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG") + 1
    assert texts[start : start + len(expected)] == expected


@pytest.mark.parametrize(
    ("so_vao_so", "line"),
    [("BK-2025/0123", "Số sổ: BK-2025/0123"), ("", None)],
)
def test_bang_khen_prints_the_book_number_when_known(so_vao_so: str, line: str | None) -> None:
    context = example_contexts()["bang_khen.docx"]
    context = {"bang_khen": {**context["bang_khen"], "so_vao_so": so_vao_so}}
    texts = [text_of(p) for p in rendered("bang_khen.docx", context).iter(w("p"))]
    assert [t for t in texts if t.startswith("Số sổ")] == ([line] if line else [])


def test_bang_khen_looks_like_a_certificate() -> None:
    """A gold frame round the page, the title in red, Times New Roman, landscape A4."""
    root = rendered("bang_khen.docx", example_contexts()["bang_khen.docx"])
    section = root.find(f"{w('body')}/{w('sectPr')}")
    borders = section.find(w("pgBorders"))
    assert borders is not None
    assert {edge.get(w("color")) for edge in borders} == {"B8860B"}
    size = section.find(w("pgSz"))
    assert (size.get(w("w")), size.get(w("h"))) == ("16838", "11906")
    title = next(p for p in root.iter(w("p")) if text_of(p) == "BẰNG KHEN")
    run = next(title.iter(w("r")))
    assert run.find(f"{w('rPr')}/{w('color')}").get(w("val")) == "C00000"
    assert run.find(f"{w('rPr')}/{w('rFonts')}").get(w("ascii")) == "Times New Roman"


# ------------------------------------------------------------------ the emblem


def png(width: int, height: int) -> bytes:
    """A small opaque red PNG of ``width`` × ``height`` pixels (an emblem for the tests)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xc8\x10\x2e" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def with_emblem(tmp_path: Path, value: str) -> Path:
    campaign = campaign_copy(tmp_path)
    profile = tmp_path / "co-quan" / "bhxh-viet-nam-2024.yaml"
    text = profile.read_text(encoding="utf-8")
    assert "\n  huong: ngang\n" in text
    profile.write_text(
        text.replace("\n  huong: ngang\n", f"\n  huong: ngang\n  bieu_trung: {value}\n", 1),
        encoding="utf-8",
    )
    return campaign


def emblem_of(path: Path) -> tuple[bytes, tuple[int, int]]:
    """The image bytes and the drawing's extent (EMU) of the picture named bieu_trung."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        doc_pr = next(d for d in root.iter(f"{{{wp}}}docPr") if d.get("name") == "bieu_trung")
        drawing = doc_pr.getparent()
        rel_id = next(drawing.iter(f"{{{a}}}blip")).get(f"{{{r}}}embed")
        target = next(x for x in rels if x.get("Id") == rel_id).get("Target")
        extent = drawing.find(f"{{{wp}}}extent")
        return z.read(f"word/{target}"), (int(extent.get("cx")), int(extent.get("cy")))


BOX = round(20 / 25.4 * 914400)  # the 20 mm placeholder, in EMU


@pytest.mark.parametrize(
    ("size", "extent"),
    [((64, 64), (BOX, BOX)), ((128, 64), (BOX, BOX // 2)), ((50, 100), (BOX // 2, BOX))],
    ids=["square", "wide", "tall"],
)
def test_the_office_emblem_takes_the_placeholder(
    tmp_path: Path, size: tuple[int, int], extent: tuple[int, int]
) -> None:
    image = png(*size)
    campaign = with_emblem(tmp_path, "logo.png")
    (tmp_path / "co-quan" / "logo.png").write_bytes(image)
    out = tmp_path / "ho-so"
    dossier(campaign=campaign, out=out, only=["bang_khen"], today=TODAY)
    for path in sorted((out / "bang-khen").glob("*.docx")):
        data, (cx, cy) = emblem_of(path)
        assert data == image
        assert abs(cx - extent[0]) <= 1 and abs(cy - extent[1]) <= 1
        assert file_flaws(path) == []


def test_without_an_emblem_the_place_stays_clean(tmp_path: Path) -> None:
    out = tmp_path / "ho-so"
    dossier(campaign=campaign_copy(tmp_path), out=out, only=["bang_khen"], today=TODAY)
    path = sorted((out / "bang-khen").glob("*.docx"))[0]
    data, extent = emblem_of(path)
    assert extent == (BOX, BOX)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[25] == 6  # RGBA
    # the placeholder's one pixel is fully transparent
    import zlib

    idat = data[data.index(b"IDAT") + 4 :]
    assert zlib.decompressobj().decompress(idat)[:5] == b"\x00\x00\x00\x00\x00"


@pytest.mark.parametrize(
    ("value", "write", "message"),
    [
        ("khong-co.png", None, "không tìm thấy tệp ảnh biểu trưng"),
        ("logo.png", b"GIF89a...", "tệp biểu trưng phải là ảnh PNG hoặc JPEG"),
    ],
    ids=["missing", "not an image"],
)
def test_a_bad_emblem_is_a_located_error(
    tmp_path: Path, value: str, write: bytes | None, message: str
) -> None:
    from thidua_docs.errors import SpecError

    campaign = with_emblem(tmp_path, value)
    if write is not None:
        (tmp_path / "co-quan" / value).write_bytes(write)
    with pytest.raises(SpecError) as caught:
        dossier(campaign=campaign, out=tmp_path / "ho-so", only=["bang_khen"], today=TODAY)
    text = caught.value.message
    assert "bhxh-viet-nam-2024.yaml:" in text
    assert f"bang_khen › bieu_trung: {message} (giá trị: '{value}')" in text
    assert not (tmp_path / "ho-so").exists()


def test_a_print_file_that_would_be_damaged_is_held_back(tmp_path: Path) -> None:
    """A certificate edited by the clerk into a damaged package is kept (an edit), but the
    print file made from it would be damaged too: reported, not written."""
    campaign = campaign_copy(tmp_path)
    out = tmp_path / "ho-so"
    assert build(campaign=campaign, out=out, workers=1, today=TODAY).ok
    printed = out / "in-an" / "bang-khen-tat-ca.docx"
    before = printed.read_bytes()
    edited = sorted((out / "bang-khen").glob("*.docx"))[0]
    with zipfile.ZipFile(edited) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    cell = next(root.iter(w("tc")))
    for p in cell.findall(w("p")):
        cell.remove(p)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(edited, "w") as z:
        for name, payload in parts.items():
            z.writestr(name, payload)
    result = build(campaign=campaign, out=out, workers=1, today=TODAY)
    assert edited in result.kept
    failed = dict(result.failed)
    assert list(failed) == ["in-an/bang-khen-tat-ca.docx"]
    assert failed["in-an/bang-khen-tat-ca.docx"].startswith(
        "tệp in gộp không hợp lệ: phần thân, bảng 1, dòng 1"
    )
    assert printed.read_bytes() == before
    assert not list((out / "in-an").glob(".*.tmp"))
