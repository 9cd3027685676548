"""The shared .docx reader (thidua_docs.ooxml.reader): package errors, paragraphs, cells,
sections, relationships."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from thidua_docs.errors import InputError
from thidua_docs.ooxml.reader import Package, PackageError, read_document

from .package import W_NS, make_docx, para, run

_SECT = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="-1134" w:bottom="1134" w:left="1701" w:right="1134" w:gutter="100"/>'
    "</w:sectPr>"
)


def test_paragraphs_in_document_order_with_cells_text_boxes_and_fallbacks(tmp_path: Path) -> None:
    box = (
        "<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>"
        f"{para(run('in box'))}</w:txbxContent></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{para(run('old box'))}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    table = (
        "<w:tbl><w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>"
        f"<w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr>{para(run('A'))}</w:tc>"
        f"<w:tc>{para(run('B'))}{para(run('B2'))}</w:tc></w:tr>"
        f"<w:tr><w:tc>{para(run('C'))}</w:tc></w:tr></w:tbl>"
    )
    body = para(run("Số:\t"), run("05"), "<w:r><w:br/><w:t>x</w:t></w:r>") + table
    body += f"<w:p>{run('host')}{box}</w:p>"
    doc = read_document(make_docx(tmp_path / "t.docx", body))
    got = [(p.index, p.text, p.boxed, p.fallback) for p in doc.paragraphs]
    assert got == [
        (1, "Số:\t05\nx", False, False),
        (2, "A", False, False),
        (3, "B", False, False),
        (4, "B2", False, False),
        (5, "C", False, False),
        (6, "host", False, False),  # the text box's text is not the host's
        (7, "in box", True, False),
        (8, "old box", False, True),  # the duplicate kept for old Word versions
    ]
    first = doc.paragraphs[0]
    assert [(r.start, r.end, r.text) for r in first.runs] == [
        (0, 4, "Số:\t"),
        (4, 6, "05"),
        (6, 8, "\nx"),
    ]
    cells = [(p.cell.row, p.cell.col) for p in doc.paragraphs[1:5] if p.cell is not None]
    assert cells == [(0, 1), (0, 3), (0, 3), (1, 0)]  # gridBefore and gridSpan move the column


def test_key_is_nfc_and_place_is_cut_to_50_characters(tmp_path: Path) -> None:
    decomposed = "Co\u0302\u0323ng"  # "Cộng" typed as base letters and combining marks
    long = "x" * 60
    doc = read_document(
        make_docx(tmp_path / "t.docx", para(run(f"  {decomposed}  hòa ")) + para(run(long)))
    )
    assert doc.paragraphs[0].key == "Cộng hòa"
    assert doc.paragraphs[1].place == f'đoạn 2 "{"x" * 49}…"'


def test_sections_and_the_paragraphs_in_them(tmp_path: Path) -> None:
    body = para(run("one"), ppr=_SECT) + para(run("two")) + "<w:sectPr/>"
    doc = read_document(make_docx(tmp_path / "t.docx", body))
    first, second = doc.sections
    assert (first.width, first.height, first.top, first.left, first.right) == (
        11906,
        16838,
        1134,
        1801,
        1134,
    )
    # Word's defaults (US Letter, 1"/1.25" margins) when the section says nothing
    assert (second.width, second.height, second.left) == (12240, 15840, 1800)
    assert [p.section for p in doc.paragraphs] == [0, 1]


def test_a_body_without_a_final_section_gets_a_default_one(tmp_path: Path) -> None:
    doc = read_document(make_docx(tmp_path / "t.docx", para(run("x"))))
    assert len(doc.sections) == 1 and doc.sections[0].width == 12240


def test_relationships_skip_external_targets_and_resolve_absolute_ones(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", para(run("x")), theme="")
    rels = Package(path).rels("word/document.xml")
    assert {r.type: r.target for r in rels.values()} == {
        "styles": "word/styles.xml",
        "theme": "word/theme/theme1.xml",
    }


def _zip(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="r1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# (case, how to make the file, reason, words of the message)
ERROR_CASES = [
    ("missing", lambda d: d / "none.docx", "missing", "Không tìm thấy tệp"),
    ("a folder", lambda d: d, "directory", "là thư mục"),
    (
        "Word 97-2003",
        lambda d: _write_bytes(d / "a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(50)),
        "doc",
        "Word 97-2003 (.doc)",
    ),
    (
        "not a zip",
        lambda d: _write_bytes(d / "a.docx", b"hello"),
        "not-zip",
        "không phải tệp nén zip",
    ),
    (
        "no main part",
        lambda d: _zip(d / "a.docx", {"x.txt": "x"}),
        "no-main-part",
        "không có phần văn bản chính",
    ),
    (
        "main part not XML",
        lambda d: _zip(d / "a.docx", {"_rels/.rels": _RELS, "word/document.xml": "<w:document"}),
        "bad-xml",
        "phần word/document.xml không phải XML hợp lệ",
    ),
    (
        "Strict Open XML",
        lambda d: _zip(
            d / "a.docx",
            {
                "_rels/.rels": _RELS,
                "word/document.xml": '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"/>',
            },
        ),
        "strict",
        "Strict Open XML",
    ),
    (
        "no body",
        lambda d: _zip(
            d / "a.docx",
            {"_rels/.rels": _RELS, "word/document.xml": f'<w:document xmlns:w="{W_NS}"/>'},
        ),
        "no-body",
        "phần chính không có nội dung",
    ),
]


@pytest.mark.parametrize(
    ("make", "reason", "words"), [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES]
)
def test_unreadable_files_raise_an_input_error_naming_the_file(
    tmp_path: Path, make: object, reason: str, words: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(PackageError) as caught:
        read_document(path)
    assert isinstance(caught.value, InputError)
    assert caught.value.reason == reason
    assert str(path) in str(caught.value) and words in str(caught.value)


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE w:document [<!ENTITY e "EXPANDED">]>'
    xml = f'{doctype}<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>'
    doc = read_document(_zip(tmp_path / "a.docx", {"_rels/.rels": _RELS, "word/document.xml": xml}))
    assert "EXPANDED" not in doc.paragraphs[0].text
