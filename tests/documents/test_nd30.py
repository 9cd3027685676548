"""ND30 (Nghị định 30/2020, Phụ lục I) properties of the generated công văn, read back with python-docx.

Each rule of ../shared/reference/nd30.md that applies to a công văn is checked on the effective
formatting (run → paragraph style → document defaults), on both examples: the issued 2024
circular and the 2026 draft under the new agency structure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph

from ..helpers import TEMPLATES, paragraph_text

EMU_PER_MM = 36000
FONT = "Times New Roman"
# Width of texts in Times New Roman Bold, measured once on Liberation Serif Bold (same metrics).
TIEU_NGU_13PT_MM = 56.2  # "Độc lập - Tự do - Hạnh phúc"
ISSUER_12PT_MM = 61.0  # "BẢO HIỂM XÃ HỘI VIỆT NAM"


@dataclass
class Para:
    element: Any  # the w:p element (lxml)
    paragraph: Paragraph
    text: str
    in_table: bool
    cell: tuple[int, int, int] | None  # (table index, row, column)


class Inspector:
    """Effective formatting of a document's paragraphs and runs."""

    def __init__(self, path: Path) -> None:
        self.doc = docx.Document(str(path))
        self.styles = self.doc.styles
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        self.default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        self.paras = list(self._paragraphs())

    def _paragraphs(self) -> Iterator[Para]:
        body = self.doc.element.body
        tables = list(body.iter(qn("w:tbl")))
        for p in body.iter(qn("w:p")):
            cell = None
            tc = next((a for a in p.iterancestors(qn("w:tc"))), None)
            if tc is not None:
                tr = tc.getparent()
                tbl = tr.getparent()
                cell = (
                    tables.index(tbl),
                    list(tbl.iter(qn("w:tr"))).index(tr),
                    list(tr.iter(qn("w:tc"))).index(tc),
                )
            yield Para(p, Paragraph(p, self.doc), paragraph_text(p), tc is not None, cell)

    def find(self, pattern: str) -> Para:
        found = [p for p in self.paras if re.fullmatch(pattern, p.text.strip())]
        assert found, f"không thấy đoạn khớp {pattern!r}"
        return found[0]

    def runs(self, para: Para) -> list[Any]:
        return [r for r in para.paragraph.runs if r.text.strip()]

    def size(self, run) -> float:  # type: ignore[no-untyped-def]
        for value in (run.font.size, run._parent.style.font.size):
            if value is not None:
                return float(value.pt)
        sz = self.default_rpr.find(qn("w:sz"))
        return int(sz.get(qn("w:val"))) / 2 if sz is not None else 10.0

    def flag(self, run, name: str) -> bool:  # type: ignore[no-untyped-def]
        value = getattr(run.font, name)
        if value is None:
            value = getattr(run._parent.style.font, name)
        return bool(value)

    def fonts(self, run) -> dict[str, str]:  # type: ignore[no-untyped-def]
        """The ascii/hAnsi fonts in effect: the run's rFonts, else its style's, else the defaults."""
        chain = [run._element.rPr, run._parent.style.element.rPr, self.default_rpr]
        result: dict[str, str] = {}
        for rpr in chain:
            fonts = None if rpr is None else rpr.find(qn("w:rFonts"))
            if fonts is None:
                continue
            for slot in ("ascii", "hAnsi"):
                if slot not in result:
                    theme = fonts.get(qn(f"w:{slot}Theme"))
                    value = fonts.get(qn(f"w:{slot}"))
                    if theme:
                        result[slot] = f"theme:{theme}"  # a theme font overrides the named one
                    elif value:
                        result[slot] = value
        return result


DOCUMENTS = ["cong_van_2024", "cong_van_2026"]


@pytest.fixture(params=DOCUMENTS)
def inspector(request: pytest.FixtureRequest) -> Inspector:
    return Inspector(request.getfixturevalue(request.param))


def mm(length: Length | int | None) -> float:
    return (length or 0) / EMU_PER_MM


def test_page_is_a4_portrait_with_nd30_margins(inspector: Inspector) -> None:
    for section in inspector.doc.sections:
        assert (round(mm(section.page_width)), round(mm(section.page_height))) == (210, 297)
        assert 20 <= round(mm(section.top_margin)) <= 25
        assert 20 <= round(mm(section.bottom_margin)) <= 25
        assert 30 <= round(mm(section.left_margin)) <= 35
        assert 15 <= round(mm(section.right_margin)) <= 20


def test_every_run_is_times_new_roman_in_both_font_slots(inspector: Inspector) -> None:
    for para in inspector.paras:
        for run in inspector.runs(para):
            assert inspector.fonts(run) == {"ascii": FONT, "hAnsi": FONT}, para.text[:60]
            color = run.font.color.rgb if run.font.color and run.font.color.type else None
            assert color in (None, docx.shared.RGBColor(0, 0, 0)), para.text[:60]


def test_all_text_is_unicode_nfc(inspector: Inspector) -> None:
    for para in inspector.paras:
        assert unicodedata.is_normalized("NFC", para.text)


def test_header_table_is_borderless_with_explicit_widths(inspector: Inspector) -> None:
    table = inspector.doc.element.body.find(qn("w:tbl"))
    tbl_pr = table.find(qn("w:tblPr"))
    assert tbl_pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert tbl_pr.find(qn("w:tblW")).get(qn("w:type")) == "dxa"
    widths = [int(c.get(qn("w:w"))) for c in table.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
    assert len(widths) == 2 and all(w > 0 for w in widths)
    assert sum(widths) <= round(165 / 25.4 * 1440) + 1  # within the 165 mm text width
    for cell in table.iter(qn("w:tc")):
        assert cell.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:type")) == "dxa"
    borders = tbl_pr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} <= {"nil", "none"}


# (paragraph pattern, allowed sizes, bold, italic, upper case, column of the header table or None)
ELEMENTS = [
    (r"BẢO HIỂM XÃ HỘI VIỆT NAM", (12, 13), True, False, True, 0),
    (r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (12, 13), True, False, True, 1),
    (r"Độc lập - Tự do - Hạnh phúc", (13, 14), True, False, False, 1),
    (r"Số: (\d{2,}| +)/BHXH-[A-ZĐ]+", (13,), False, False, False, 0),
    (r"Hà Nội, ngày .* năm 20\d\d", (13, 14), False, True, False, 1),
    (r"V/v phát động .*", (12, 13), False, False, False, 0),
    (r"Kính gửi:", (13, 14), False, False, False, None),
    (r"Nơi nhận:", (12,), True, True, False, 0),
]


@pytest.mark.parametrize(
    ("pattern", "sizes", "bold", "italic", "upper", "column"),
    ELEMENTS,
    ids=[
        "cơ quan ban hành",
        "Quốc hiệu",
        "Tiêu ngữ",
        "Số, ký hiệu",
        "địa danh, ngày",
        "trích yếu V/v",
        "Kính gửi",
        "Nơi nhận",
    ],
)
def test_element_format(
    inspector: Inspector,
    pattern: str,
    sizes: tuple[int, ...],
    bold: bool,
    italic: bool,
    upper: bool,
    column: int | None,
) -> None:
    para = inspector.find(pattern)
    runs = inspector.runs(para)
    assert runs
    for run in runs:
        assert inspector.size(run) in sizes
        assert inspector.flag(run, "bold") is bold
        assert inspector.flag(run, "italic") is italic
    if upper:
        assert para.text == para.text.upper()
    if column is not None:
        assert para.cell is not None and para.cell[2] == column


def test_number_and_place_date_stand_on_the_same_row(inspector: Inspector) -> None:
    number, date = inspector.find(r"Số: .*"), inspector.find(r"Hà Nội, ngày .*")
    assert number.cell is not None and date.cell is not None
    assert number.cell[:2] == date.cell[:2] and (number.cell[2], date.cell[2]) == (0, 1)


def _border(para: Para, side: str):  # type: ignore[no-untyped-def]
    ppr = para.element.find(qn("w:pPr"))
    borders = None if ppr is None else ppr.find(qn("w:pBdr"))
    return None if borders is None else borders.find(qn(f"w:{side}"))


def _line_length_mm(inspector: Inspector, para: Para, column_mm: float) -> float:
    fmt = para.paragraph.paragraph_format
    return column_mm - 2 * 1.9 - mm(fmt.left_indent) - mm(fmt.right_indent)


def _column_mm(inspector: Inspector, para: Para) -> float:
    table = inspector.doc.element.body.find(qn("w:tbl"))
    widths = [int(c.get(qn("w:w"))) for c in table.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
    assert para.cell is not None
    return widths[para.cell[2]] / 1440 * 25.4


def test_solid_line_under_tieu_ngu_as_long_as_the_text(inspector: Inspector) -> None:
    motto = inspector.find(r"Độc lập - Tự do - Hạnh phúc")
    line = _border(motto, "bottom")
    assert line is not None and line.get(qn("w:val")) == "single"
    length = _line_length_mm(inspector, motto, _column_mm(inspector, motto))
    assert abs(length - TIEU_NGU_13PT_MM) <= 3


def test_line_under_the_issuer_is_a_third_to_a_half_of_its_name(inspector: Inspector) -> None:
    issuer = inspector.find(r"BẢO HIỂM XÃ HỘI VIỆT NAM")
    following = inspector.paras[inspector.paras.index(issuer) + 1]
    line = _border(following, "bottom") if following.text == "" else _border(issuer, "bottom")
    assert line is not None and line.get(qn("w:val")) == "single"
    length = _line_length_mm(inspector, following, _column_mm(inspector, issuer))
    assert ISSUER_12PT_MM / 3 <= length <= ISSUER_12PT_MM / 2
    assert following.paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


def _body(inspector: Inspector) -> list[Para]:
    """Body text: the paragraphs outside tables after the addressees, up to the signature table."""
    outside = [p for p in inspector.paras if not p.in_table and p.text.strip()]
    start = next(i for i, p in enumerate(outside) if p.text.startswith("Kính gửi"))
    while outside[start + 1].text.startswith("- "):
        start += 1
    return outside[start + 1 :]


def test_body_text_one_size_justified_indented_spaced(inspector: Inspector) -> None:
    body = _body(inspector)
    assert len(body) > 10
    sizes = {inspector.size(run) for para in body for run in inspector.runs(para)}
    assert len(sizes) == 1 and sizes <= {13, 14}
    for para in body:
        fmt = para.paragraph.paragraph_format
        assert para.paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, para.text[:50]
        assert round(mm(fmt.first_line_indent), 1) in (10.0, 12.7), para.text[:50]
        assert fmt.space_after is not None and fmt.space_after.pt >= 6
        assert fmt.line_spacing in (None, 1.0) or 1.0 <= float(fmt.line_spacing) <= 1.5


def test_section_headings_roman_upper_bold(inspector: Inspector) -> None:
    headings = [p for p in _body(inspector) if re.match(r"^[IVX]+\. ", p.text)]
    assert [h.text.split(".")[0] for h in headings] == ["I", "II", "III", "IV", "V"]
    for heading in headings:
        assert heading.text == heading.text.upper()
        assert all(inspector.flag(run, "bold") for run in inspector.runs(heading))


def test_khoan_with_a_title_has_its_number_and_title_bold(inspector: Inspector) -> None:
    para = inspector.find(r"1\. Mục tiêu thi đua: .*")
    runs = inspector.runs(para)
    assert runs[0].text == "1. Mục tiêu thi đua:" and inspector.flag(runs[0], "bold")
    assert not any(inspector.flag(run, "bold") for run in runs[1:])


def test_khoan_without_title_is_not_bold(inspector: Inspector) -> None:
    plain = [
        p
        for p in _body(inspector)
        if re.match(r"^\d+\. ", p.text) and ":" not in p.text.split(" ")[1]
    ]
    numbered_plain = [
        p for p in plain if not any(inspector.flag(r, "bold") for r in inspector.runs(p))
    ]
    assert numbered_plain, "mỗi văn bản mẫu có ít nhất một khoản không có tiêu đề"
    for para in numbered_plain:
        assert re.match(r"^\d+\. \S", para.text)


def test_diem_letters_follow_the_nd30_sequence(inspector: Inspector) -> None:
    letters = [p.text.split(")")[0] for p in _body(inspector) if re.match(r"^[a-zđ]\) ", p.text)]
    # after each khoản the letters restart at a; within a khoản they follow a b c d đ e g …
    sequence = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"]
    run: list[str] = []
    for letter in letters:
        run = [letter] if letter == "a" else [*run, letter]
        assert run == sequence[: len(run)]


def test_recipients(inspector: Inspector) -> None:
    heading = inspector.find(r"Nơi nhận:")
    cell = [p for p in inspector.paras if p.cell == heading.cell and p.text.strip()]
    lines = cell[cell.index(heading) + 1 :]
    assert lines[0].text == "- Như trên;"
    assert re.fullmatch(r"- Lưu: VT, [A-ZĐ]+\.", lines[-1].text)
    assert all(line.text.startswith("- ") and line.text.endswith(";") for line in lines[:-1])
    for line in lines:
        for run in inspector.runs(line):
            assert inspector.size(run) == 11
            assert not inspector.flag(run, "bold") and not inspector.flag(run, "italic")


def test_signature_block(inspector: Inspector) -> None:
    heading = inspector.find(r"Nơi nhận:")
    assert heading.cell is not None
    right = [
        p
        for p in inspector.paras
        if p.cell is not None and p.cell[:2] == heading.cell[:2] and p.cell[2] == 1
    ]
    texts = [p.text for p in right]
    filled = [p for p in right if p.text.strip()]
    authority, title, name = filled[0], filled[1], filled[-1]
    assert re.fullmatch(r"KT\. (TỔNG )?GIÁM ĐỐC", authority.text)
    assert re.fullmatch(r"PHÓ (TỔNG )?GIÁM ĐỐC", title.text)
    assert texts.index(name.text) - texts.index(title.text) >= 4, "chỗ trống để ký và đóng dấu"
    assert name.text == name.text.title() or name.text.istitle()
    for para in (authority, title, name):
        assert para.paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        for run in inspector.runs(para):
            assert inspector.size(run) in (13, 14) and inspector.flag(run, "bold")


def test_page_numbers_in_header_from_page_two(inspector: Inspector) -> None:
    section = inspector.doc.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert re.search(r"<w:instrText[^>]*>\s*PAGE\s*</w:instrText>", header_xml)
    par = section.header.paragraphs[0]
    assert par.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in par.runs:
        assert run.font.size is not None and 13 <= run.font.size.pt <= 14
        assert not run.font.bold and not run.font.italic
    assert "PAGE" not in section.first_page_header._element.xml


def test_issued_circular_header_values(cong_van_2024: Path) -> None:
    inspector = Inspector(cong_van_2024)
    assert inspector.find(r"Số: .*").text == "Số: 4111/BHXH-TĐKT"
    assert inspector.find(r"Hà Nội, .*").text == "Hà Nội, ngày 11 tháng 11 năm 2024"
    assert inspector.paras[0].text == "BẢO HIỂM XÃ HỘI VIỆT NAM"  # no parent agency in 2024


def test_draft_under_the_new_structure(cong_van_2026: Path) -> None:
    inspector = Inspector(cong_van_2026)
    assert inspector.find(r"Số: .*").text == "Số:         /BHXH-VP"
    assert inspector.find(r"Hà Nội, .*").text == "Hà Nội, ngày      tháng     năm 2026"
    parent = inspector.paras[0]
    assert parent.text == "BỘ TÀI CHÍNH" and parent.cell == (0, 0, 0)
    for run in inspector.runs(parent):
        assert inspector.size(run) in (12, 13) and not inspector.flag(run, "bold")
    assert inspector.paras[1].text == "BẢO HIỂM XÃ HỘI VIỆT NAM"
    assert "TỔNG GIÁM ĐỐC" not in "\n".join(p.text for p in inspector.paras)


def test_the_shipped_template_itself_sets_the_page_and_fonts() -> None:
    """Office staff open the template, not the output: it must carry the ND30 page and fonts."""
    inspector = Inspector(TEMPLATES / "cong_van_phat_dong.docx")
    section = inspector.doc.sections[0]
    assert (round(mm(section.page_width)), round(mm(section.page_height))) == (210, 297)
    fonts = inspector.default_rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == FONT and fonts.get(qn("w:hAnsi")) == FONT
    assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:hAnsiTheme")) is None
    assert inspector.doc.styles["Normal"].font.name == FONT
