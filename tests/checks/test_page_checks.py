"""Valid packages and print-ready pages in the checkers: `thidua templates check` finds a cell that
can end without a paragraph once filled, rows that can split and headings that can be left alone
at a page's foot, and --fix repairs them; `thidua check` reports a damaged package."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua_docs.checks.nd30.checker import check_document
from thidua_docs.checks.templates import check_template, fix_template
from thidua_docs.ooxml.validity import file_flaws

from ..helpers import TEMPLATES
from .test_template_check import Template, expect, run

CELL = (
    "khi điền, ô có thể không còn đoạn văn nào ở cuối ({found}): Word báo tệp hỏng, LibreOffice "
    "kéo phần sau vào bảng; thêm một đoạn trống (Enter) ở cuối ô, sau mọi thẻ {{%p …%}}"
)
IN_BLOCK = "đoạn cuối nằm trong khối {%p if %}/{%p for %} hoặc là một bảng"
ROWS = (
    "bảng 1: {n} dòng có thể bị ngắt sang trang sau (nửa dòng ở cuối trang, nửa ở trang sau); "
    "chọn bảng → Table Properties → Row → bỏ chọn “Allow row to break across pages”"
)
HEADING = (
    "đề mục có thể đứng một mình ở cuối trang, tách khỏi đoạn sau nó; chọn đoạn → Paragraph → "
    "Line and Page Breaks → chọn “Keep with next”"
)
GRID = '<w:tblStyle w:val="TableGrid"/>'
BORDERS = (
    '<w:tblBorders><w:top w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>'
    "</w:tblBorders>"
)
NO_BORDERS = '<w:tblBorders><w:top w:val="nil"/><w:bottom w:val="nil"/></w:tblBorders>'
CANT_SPLIT = "<w:trPr><w:cantSplit/></w:trPr>"
BOLD = "<w:b/>"


def cell_table(
    t: Template, cells: list[list[str]], tbl_pr: str = NO_BORDERS, tr_pr: str = "", more: int = 0
) -> None:
    """A table whose first row's cells hold the given paragraphs (raw runs each), counted; then
    ``more`` rows of plain cells, the last one holding {%tr endfor %} when the first has {%tr."""
    from lxml import etree

    xml = [f"<w:tbl {W}><w:tblPr>{tbl_pr}</w:tblPr><w:tblGrid>"]
    xml += ['<w:gridCol w:w="2000"/>'] * len(cells)
    xml.append("</w:tblGrid>")
    rows: list[list[list[str]]] = [cells]
    for index in range(more):
        rows.append(
            [[run("{%tr endfor %}" if index == more - 1 else "dòng")], *[[""]] * (len(cells) - 1)]
        )
    for row in rows:
        xml.append(f"<w:tr>{tr_pr}")
        for paragraphs in row:
            xml.append("<w:tc>")
            for content in paragraphs:
                xml.append(f"<w:p>{content}</w:p>")
                t.count += 1
            xml.append("</w:tc>")
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    body = t.document.element.body
    body.insert(len(body) - 1, etree.fromstring("".join(xml)))


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def place(number: int, excerpt: str, table: int = 1, col: int = 1) -> str:
    return f'phần thân, bảng {table}, dòng 1, ô {col}, đoạn {number} "{excerpt}"'


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        pytest.param(
            [[run("Ký tên")], [run("{%p if x %}"), run("Xác nhận"), run("{%p endif %}")]],
            [expect(place(5, "{%p endif %}", col=2), "lỗi", CELL.format(found=IN_BLOCK))],
            id="the whole cell in a {%p if%} block (the Báo cáo thành tích's signature)",
        ),
        pytest.param(
            [[run("Nơi nhận:"), run("{%p for d in ds %}"), run("{{ d }}"), run("{%p endfor %}")]],
            [],
            id="a loop after a paragraph always printed",
        ),
        pytest.param(
            [[run("{%p if x %}"), run("Xác nhận"), run("{%p endif %}"), ""]],
            [],
            id="an empty paragraph after the block",
        ),
        pytest.param(
            [
                [
                    run("{%p if x %}"),
                    run("Có"),
                    run("{%p else %}"),
                    run("Không"),
                    run("{%p endif %}"),
                ]
            ],
            [expect(place(6, "{%p endif %}"), "lỗi", CELL.format(found=IN_BLOCK))],
            id="if/else: each branch may print, but the checker cannot know the data",
        ),
    ],
)
def test_cells_that_can_end_without_a_paragraph(
    cells: list[list[str]], expected: list[str], tmp_path: Path
) -> None:
    t = Template()
    t.text("Mở đầu")
    cell_table(t, cells)
    t.text("Kết thúc")
    path = t.save(tmp_path / "mau.docx")
    assert [str(f) for f in check_template(path)] == expected
    if expected:
        fixed = tmp_path / "mau.da-sua.docx"
        assert [f.level for f in fix_template(path, fixed)] == ["lỗi"]
        assert [str(f) for f in check_template(fixed)] == []
        assert file_flaws(fixed) == []


def test_empty_cells_of_a_tr_row_are_found_and_fixed(tmp_path: Path) -> None:
    """The old danh sách: a {%tr for %} row whose other cells hold no paragraph at all — the
    template itself is a damaged package (Word refuses to open it)."""
    t = Template()
    t.text("Mở đầu")
    cell_table(t, [[run("{%tr for d in ds %}")], []], tbl_pr=NO_BORDERS, more=2)
    t.text("Kết thúc")
    path = t.save(tmp_path / "mau.docx")
    found = CELL.format(found="ô 2 của dòng không có đoạn văn nào")
    assert [str(f) for f in check_template(path)] == [
        expect(place(2, "{%tr for d in ds %}"), "lỗi", found)
    ]
    fixed = tmp_path / "mau.da-sua.docx"
    fix_template(path, fixed)
    assert check_template(fixed) == []


@pytest.mark.parametrize(
    ("tbl_pr", "tr_pr", "warned"),
    [
        pytest.param(GRID, "", True, id="a list with the Table Grid style"),
        pytest.param(BORDERS, "", True, id="a table with its own borders"),
        pytest.param(GRID, CANT_SPLIT, False, id="rows kept whole"),
        pytest.param(NO_BORDERS, "", False, id="a layout grid (header block, signature)"),
    ],
)
def test_rows_that_can_split(tbl_pr: str, tr_pr: str, warned: bool, tmp_path: Path) -> None:
    t = Template()
    t.text("Mở đầu")
    cell_table(t, [[run("STT")], [run("Tên")]], tbl_pr=tbl_pr, tr_pr=tr_pr)
    path = t.save(tmp_path / "mau.docx")
    expected = [expect(place(2, "STT"), "cảnh báo", ROWS.format(n=1))] if warned else []
    assert [str(f) for f in check_template(path)] == expected
    if warned:
        fixed = tmp_path / "mau.da-sua.docx"
        assert len(fix_template(path, fixed)) == 1
        assert check_template(fixed) == []


@pytest.mark.parametrize(
    ("paragraph", "warned"),
    [
        pytest.param(run("I. MỤC TIÊU", BOLD), True, id="roman numbered, bold"),
        pytest.param(run("2. Nội dung", BOLD), True, id="arabic numbered, bold"),
        pytest.param(run("a) Đối với tập thể", BOLD), True, id="lettered, bold"),
        pytest.param(run("{{ loop.index|la_ma }}. {{ p.tieu_de }}", BOLD), True, id="Jinja number"),
        pytest.param(
            f"<w:pPr><w:keepNext/></w:pPr>{run('I. MỤC TIÊU', BOLD)}", False, id="kept with next"
        ),
        pytest.param(run("I. MỤC TIÊU"), False, id="not bold: a sentence"),
        pytest.param(run("1. Mục tiêu:", BOLD) + run(" tăng thu"), False, id="bold lead-in"),
        pytest.param(run("Nơi nhận:", BOLD), False, id="not numbered"),
    ],
)
def test_headings_without_keep_with_next(paragraph: str, warned: bool, tmp_path: Path) -> None:
    t = Template()
    t.text("Mở đầu")
    t.paragraph(paragraph)
    t.text("Đoạn sau")
    path = t.save(tmp_path / "mau.docx")
    found = [str(f) for f in check_template(path)]
    if not warned:
        assert found == []
        return
    assert len(found) == 1 and found[0].endswith(f"— cảnh báo: {HEADING}"), found
    fixed = tmp_path / "mau.da-sua.docx"
    assert len(fix_template(path, fixed)) == 1
    assert check_template(fixed) == []


def test_old_bao_cao_template_is_reported_and_fixed(tmp_path: Path) -> None:
    """The shipped Báo cáo thành tích as it was: its confirmation cell sat whole in a {%p if %}."""
    import zipfile

    from lxml import etree

    from thidua_docs.ooxml.names import w

    with zipfile.ZipFile(TEMPLATES / "bao_cao_thanh_tich.docx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    tables = list(root.iter(w("tbl")))
    left = next(tables[-1].iter(w("tc")))
    left.remove(left.findall(w("p"))[-1])  # the empty paragraph that closes the cell now
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    old = tmp_path / "bao_cao_thanh_tich.docx"
    with zipfile.ZipFile(old, "w") as z:
        for name, payload in parts.items():
            z.writestr(name, payload)
    found = check_template(old)
    assert [f.level for f in found] == ["lỗi"]
    assert "bảng 3, dòng 1, ô 1" in found[0].place and IN_BLOCK in found[0].message
    assert check_template(TEMPLATES / "bao_cao_thanh_tich.docx") == []


def test_nd30_check_reports_a_damaged_package(tmp_path: Path) -> None:
    t = Template()
    t.text("Mở đầu")
    cell_table(t, [[run("Ký")], []])
    path = t.save(tmp_path / "van-ban.docx")
    structural = [v for v in check_document(path) if v.rule == "cấu trúc tệp Word"]
    assert [str(v) for v in structural] == [
        "van-ban.docx: phần thân, bảng 1, dòng 1 «Ký», ô 2 — ô bảng không kết thúc bằng một "
        "đoạn văn (thường do cả nội dung ô nằm trong khối {%p if %} hay {%p for %} không được "
        "in); Word báo tệp hỏng, LibreOffice kéo phần sau vào bảng, thể thức yêu cầu một tệp "
        "Word hợp lệ (Word mở không báo hỏng)"
    ]
