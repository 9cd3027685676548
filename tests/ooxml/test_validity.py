"""ooxml.validity: every structural breach Word calls damage is found, with its place; sound packages
(the shipped templates, hand-made ones) pass."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from thidua_docs.errors import TemplateError
from thidua_docs.ooxml.validity import ensure_valid, file_flaws, package_flaws

from ..helpers import TEMPLATES

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
P = "<w:p><w:r><w:t>chữ</w:t></w:r></w:p>"


def table(rows: str, grid: int = 2) -> str:
    cols = '<w:gridCol w:w="2000"/>' * grid
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{rows}</w:tbl>{P}"


def cell(content: str = P, span: int = 1) -> str:
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f"<w:tc>{props}{content}</w:tc>"


def rewrite(data: bytes, change: Callable[[dict[str, bytes]], None]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    change(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, payload in parts.items():
            z.writestr(name, payload)
    return buffer.getvalue()


SOUND = (TEMPLATES / "to_trinh.docx").read_bytes()


def with_body(body: str) -> bytes:
    """A sound package (the shipped Tờ trình template) whose body is ``body``."""

    def change(parts: dict[str, bytes]) -> None:
        parts["word/document.xml"] = (
            f"<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>".encode()
        )

    return rewrite(SOUND, change)


def flaws_of(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "t.docx"
    path.write_bytes(with_body(body))
    return [str(f) for f in file_flaws(path)]


NESTED = (
    f'<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="900"/></w:tblGrid><w:tr>{cell()}</w:tr></w:tbl>'
)
BOOKMARK = '<w:bookmarkStart w:id="1" w:name="a"/>'
BOOKMARK_END = '<w:bookmarkEnd w:id="1"/>'
CELL_END = (
    "ô bảng không kết thúc bằng một đoạn văn (thường do cả nội dung ô nằm trong khối {%p if %} "
    "hay {%p for %} không được in); Word báo tệp hỏng, LibreOffice kéo phần sau vào bảng"
)


TABLE_CASES = [
    pytest.param(P, [], id="plain paragraph"),
    pytest.param(table(f"<w:tr>{cell()}{cell()}</w:tr>"), [], id="sound table"),
    pytest.param(
        table(f"<w:tr><w:tc/>{cell()}</w:tr>"),
        [f"phần thân, bảng 1, dòng 1 «chữ», ô 1: {CELL_END}"],
        id="cell without paragraph",
    ),
    pytest.param(
        table(f"<w:tr>{cell(P + NESTED)}{cell()}</w:tr>"),
        [f"phần thân, bảng 1, dòng 1 «chữ chữ chữ», ô 1: {CELL_END}"],
        id="cell ending with a nested table",
    ),
    pytest.param(
        table(f"<w:tr>{cell(BOOKMARK + P + BOOKMARK_END)}{cell()}</w:tr>"),
        [],
        id="bookmark after the last paragraph",
    ),
    pytest.param(
        table(f"<w:tr>{cell()}{cell()}{cell()}</w:tr>"),
        ["phần thân, bảng 1: lưới cột của bảng có 2 cột, các dòng cần 3 cột"],
        id="grid narrower than a row",
    ),
    pytest.param(
        table(f"<w:tr>{cell(span=2)}{cell()}</w:tr>", grid=2),
        ["phần thân, bảng 1: lưới cột của bảng có 2 cột, các dòng cần 3 cột"],
        id="gridSpan counted",
    ),
    pytest.param(
        f"<w:tbl><w:tblPr/><w:tr>{cell()}</w:tr></w:tbl>{P}",
        ["phần thân, bảng 1: bảng không có lưới cột (w:tblGrid)"],
        id="no grid",
    ),
    pytest.param(
        table(f"<w:tr>{cell()}{cell()}</w:tr><w:tr><w:trPr/></w:tr>"),
        ["phần thân, bảng 1, dòng 2: dòng bảng không có ô nào (Word báo tệp hỏng)"],
        id="row without cells",
    ),
    pytest.param(
        table(""),
        ["phần thân, bảng 1: bảng không còn dòng nào (Word báo tệp hỏng)"],
        id="table without rows",
    ),
]


@pytest.mark.parametrize(("body", "expected"), TABLE_CASES)
def test_table_rules(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert flaws_of(tmp_path, body) == expected


@pytest.mark.parametrize(("body", "expected"), TABLE_CASES)
def test_a_large_body_is_checked_as_a_stream_alike(
    tmp_path: Path, body: str, expected: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A print file of 10,000 certificates is checked block by block (memory of one block), with
    the same findings, at the same places, as a document read whole."""
    from thidua_docs.ooxml import validity

    monkeypatch.setattr(validity, "_STREAM_ABOVE", 0)
    assert flaws_of(tmp_path, body) == expected
    # after many sound tables, the broken one is still found and numbered in order
    many = table(f"<w:tr>{cell()}{cell()}</w:tr>") * 300
    found = flaws_of(tmp_path, many + body)
    shift = {f"bảng {n}": f"bảng {n + 300}" for n in (1, 2)}
    assert found == [
        next((e.replace(k, v) for k, v in shift.items() if k + ":" in e or k + "," in e), e)
        for e in expected
    ]


def test_a_broken_large_body_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from thidua_docs.ooxml import validity

    monkeypatch.setattr(validity, "_STREAM_ABOVE", 0)
    path = tmp_path / "t.docx"
    path.write_bytes(with_body(P + "<w:p><w:r>"))
    (flaw,) = file_flaws(path)
    assert "phần word/document.xml không phải XML hợp lệ" in flaw.message


def _drop_styles(parts: dict[str, bytes]) -> None:
    del parts["word/styles.xml"]


def _broken_xml(parts: dict[str, bytes]) -> None:
    parts["word/styles.xml"] = parts["word/styles.xml"][:-20]


def _no_content_type(parts: dict[str, bytes]) -> None:
    parts["word/media/logo.emf"] = b"\x00"


def _no_content_types(parts: dict[str, bytes]) -> None:
    del parts["[Content_Types].xml"]


def _orphan_rels(parts: dict[str, bytes]) -> None:
    parts["word/_rels/khong-co.xml.rels"] = parts["word/_rels/document.xml.rels"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            _drop_styles,
            "liên kết rId{} của phần word/document.xml trỏ tới phần word/styles.xml, không có "
            "trong tệp",
            id="relationship to a missing part",
        ),
        pytest.param(_broken_xml, "phần word/styles.xml không phải XML hợp lệ", id="bad XML"),
        pytest.param(
            _no_content_type,
            "phần word/media/logo.emf không có kiểu nội dung trong [Content_Types].xml",
            id="part without a content type",
        ),
        pytest.param(
            _no_content_types,
            "thiếu phần [Content_Types].xml (kiểu nội dung các phần)",
            id="no content types",
        ),
        pytest.param(
            _orphan_rels,
            "phần word/_rels/khong-co.xml.rels thuộc phần word/khong-co.xml, không có trong tệp",
            id="relationships of a missing part",
        ),
    ],
)
def test_package_rules(change: Callable[[dict[str, bytes]], None], expected: str) -> None:
    assert package_flaws(SOUND) == []
    found = [str(f) for f in package_flaws(rewrite(SOUND, change))]
    head, _, tail = expected.partition("{}")
    assert any(head in f and tail in f for f in found), found


def test_not_a_zip() -> None:
    assert [str(f) for f in package_flaws(b"PK no zip")] == [
        "không phải tệp nén zip của Word (.docx)"
    ]


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.docx")), ids=lambda p: p.name)
def test_shipped_templates_are_sound(path: Path) -> None:
    assert file_flaws(path) == []


def test_ensure_valid_names_the_template_and_the_place(tmp_path: Path) -> None:
    bad = with_body(table(f"<w:tr><w:tc/>{cell()}</w:tr>"))
    with pytest.raises(TemplateError) as caught:
        ensure_valid(bad, "mau.docx")
    assert caught.value.message == (
        "Lỗi mẫu mau.docx, phần thân, bảng 1, dòng 1 «chữ», ô 1: văn bản tạo ra không phải tệp "
        f"Word hợp lệ: {CELL_END}; không ghi tệp này — sửa mẫu (xem: thidua templates check)"
    )
    good = with_body(P)
    assert ensure_valid(good, "mau.docx") == good


def test_a_breach_is_found_again_in_a_later_package() -> None:
    """Sound parts are remembered; a later package with a broken part of the same name is not."""
    assert package_flaws(SOUND) == []
    broken = rewrite(SOUND, _broken_xml)
    assert package_flaws(broken) != []
    assert package_flaws(SOUND) == []
