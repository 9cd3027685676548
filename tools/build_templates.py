"""Builds the first version of the shipped .docx templates (ND30 layout) with python-docx.

The .docx files in templates/ are the source of truth: office staff edit them in Word, and the
tests check the files themselves, not this script. This script exists so that a developer can
lay out a new template with the same ND30 building blocks (header table, signature block, body
paragraph styles) instead of drawing them by hand. Re-running it OVERWRITES templates/*.docx,
so do that only for a template nobody has edited in Word since.

    python tools/build_templates.py            # writes templates/cong_van_phat_dong.docx
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
FONT = "Times New Roman"

# Page (ND30): A4 portrait, top/bottom 20 mm, left 30 mm, right 15 mm → text width 165 mm.
LEFT_COL_MM = 70
RIGHT_COL_MM = 95
CELL_MARGIN_MM = 1.9  # Word's default left/right cell margin (108 twips)
# Widths of fixed header texts in Times New Roman Bold (measured on Liberation Serif, same metrics).
TIEU_NGU_WIDTH_MM = 56.2  # "Độc lập - Tự do - Hạnh phúc" at 13 pt
ISSUER_LINE_MM = 25.0  # line under the issuing agency: 1/3–1/2 of a name such as "BẢO HIỂM XÃ HỘI VIỆT NAM" (61 mm at 12 pt)


def set_run_font(run, *, size: float, bold: bool = False, italic: bool = False) -> None:
    """Times New Roman in all four font slots (ascii, hAnsi for Vietnamese letters, cs, eastAsia)."""
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic


def paragraph(
    container,
    runs,
    *,
    size: float = 14,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_indent_mm: float | None = 10,
    left_mm: float = 0,
    right_mm: float = 0,
    before: float = 0,
    after: float = 6,
    keep_next: bool = False,
):
    """Add a paragraph of ``runs``: plain strings or (text, {"bold":…, "italic":…}) pairs."""
    par = container.add_paragraph()
    fmt = par.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Mm(first_indent_mm) if first_indent_mm else None
    fmt.left_indent = Mm(left_mm) if left_mm else None
    fmt.right_indent = Mm(right_mm) if right_mm else None
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.keep_with_next = keep_next or None
    for item in runs:
        text, style = (item, {}) if isinstance(item, str) else item
        set_run_font(
            par.add_run(text),
            size=style.get("size", size),
            bold=style.get("bold", False),
            italic=style.get("italic", False),
        )
    return par


def tag(container, text: str):
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears on rendering."""
    return paragraph(container, [text], size=14, first_indent_mm=None, after=0)


def border(par, side: str, *, size_eighths: int = 6) -> None:
    """A solid single line on one side of a paragraph (ND30: the lines under headings)."""
    ppr = par._element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")
    borders.append(line)
    # pBdr has a fixed place in pPr (schema order): before shd, tabs, spacing, ind, jc…
    ppr.insert_element_before(
        borders,
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )


def borderless_table(doc, rows: int, widths_mm: list[float]):
    """A borderless table with fixed, explicit column widths (ND30 header/signature layout)."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(round(sum(widths_mm) / 25.4 * 1440)))
    width.set(qn("w:type"), "dxa")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(width)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tbl_pr.append(borders)
    for index, col in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
        col.set(qn("w:w"), str(round(widths_mm[index] / 25.4 * 1440)))
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            cell.width = Mm(widths_mm[index])
            # python-docx creates one empty paragraph per cell; our builders add their own.
            for par in list(cell.paragraphs):
                par._element.getparent().remove(par._element)
    return table


def centred(container, runs, *, size: float, after: float = 0, before: float = 0, **kw):
    return paragraph(
        container,
        runs,
        size=size,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        first_indent_mm=None,
        after=after,
        before=before,
        **kw,
    )


def new_document(title: str):
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    _defaults(doc)
    _page_numbers(section)
    props = doc.core_properties
    props.title = title
    props.author = "thidua-docs"
    props.last_modified_by = "thidua-docs"
    props.created = props.modified = dt.datetime(2024, 1, 1)
    props.revision = 1
    props.comments = "Mẫu văn bản của thidua-docs; sửa được bằng Word. Xem docs/huong-dan-mau.md."
    body = doc.element.body
    for par in list(body.iterchildren(qn("w:p"))):
        body.remove(par)
    return doc


def _defaults(doc) -> None:
    """Times New Roman 14 as the document default and Normal style; Vietnamese proofing language."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr_default.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal_fonts = normal.element.get_or_add_rPr().find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        normal_fonts.set(qn(slot), FONT)


def _page_numbers(section) -> None:
    """Page number centred in the header, size 14, not on the first page (ND30)."""
    section.different_first_page_header_footer = True
    first = section.first_page_header.paragraphs[0]
    first.paragraph_format.space_after = Pt(0)
    par = section.header.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "2"),
        ("end", None),
    ):
        run = par.add_run()
        set_run_font(run, size=14)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._element.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text


def header_block(
    doc, *, so_label: str = "Số: {{ van_ban.so_ky_hieu }}", trich_yeu_cong_van: bool
) -> None:
    """ND30 ô 1–5b: agency names with their line, Quốc hiệu and Tiêu ngữ with its line, Số, place-date, V/v."""
    rows = 3 if trich_yeu_cong_van else 2
    table = borderless_table(doc, rows, [LEFT_COL_MM, RIGHT_COL_MM])
    left, right = table.rows[0].cells
    tag(left, "{%p if co_quan.chu_quan %}")
    centred(left, ["{{ co_quan.chu_quan }}"], size=13)
    tag(left, "{%p endif %}")
    centred(left, [("{{ co_quan.ten }}", {"bold": True})], size=12)
    usable = LEFT_COL_MM - 2 * CELL_MARGIN_MM
    line = centred(
        left,
        [""],
        size=4,
        left_mm=(usable - ISSUER_LINE_MM) / 2,
        right_mm=(usable - ISSUER_LINE_MM) / 2,
    )
    border(line, "bottom")
    centred(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True})], size=12)
    usable = RIGHT_COL_MM - 2 * CELL_MARGIN_MM
    motto = centred(
        right,
        [("Độc lập - Tự do - Hạnh phúc", {"bold": True})],
        size=13,
        left_mm=(usable - TIEU_NGU_WIDTH_MM) / 2,
        right_mm=(usable - TIEU_NGU_WIDTH_MM) / 2,
    )
    border(motto, "bottom")
    left, right = table.rows[1].cells
    centred(left, [so_label], size=13, before=6)
    centred(
        right,
        [("{{ co_quan.dia_danh }}, {{ van_ban.ngay|ngay }}", {"italic": True})],
        size=14,
        before=6,
    )
    if trich_yeu_cong_van:
        left, right = table.rows[2].cells
        centred(left, ["V/v {{ van_ban.trich_yeu }}"], size=12, before=6)
        centred(right, [""], size=12)


def generic_items(doc, variable: str) -> None:
    """The paragraphs of a structured part (khoản 1., điểm a), ý -, ý con +, đoạn) from a flat list."""
    tag(doc, f"{{%p for d in {variable} %}}")
    tag(doc, '{%p if d.loai == "khoan" %}')
    paragraph(
        doc,
        [
            ("{% if d.tieu_de %}{{ d.so }} {{ d.tieu_de }}{% endif %}", {"bold": True}),
            "{% if not d.tieu_de %}{{ d.so }}{% endif %}{% if d.noi_dung %} {{ d.noi_dung }}{% endif %}",
        ],
    )
    tag(doc, '{%p elif d.loai == "diem" %}')
    paragraph(
        doc,
        [
            ("{% if d.tieu_de %}{{ d.so }} {{ d.tieu_de }}{% endif %}", {"italic": True}),
            "{% if not d.tieu_de %}{{ d.so }}{% endif %}{% if d.noi_dung %} {{ d.noi_dung }}{% endif %}",
        ],
    )
    tag(doc, '{%p elif d.loai == "y" %}')
    paragraph(doc, ["- {{ d.noi_dung }}"])
    tag(doc, '{%p elif d.loai == "y_con" %}')
    paragraph(doc, ["+ {{ d.noi_dung }}"])
    tag(doc, "{%p else %}")
    paragraph(doc, ["{{ d.noi_dung }}"])
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def section_heading(doc, text: str) -> None:
    paragraph(doc, [(text, {"bold": True})], keep_next=True)


def kinh_gui(doc) -> None:
    """ND30 ô 9a: one addressee on the "Kính gửi:" line; several, one per line "- …;"."""
    tag(doc, "{%p if van_ban.kinh_gui|length == 1 %}")
    centred(doc, ["Kính gửi: {{ van_ban.kinh_gui[0] }}"], size=14, before=12, after=12)
    tag(doc, "{%p else %}")
    paragraph(
        doc, ["Kính gửi:"], first_indent_mm=None, left_mm=20, before=12, after=0, keep_next=True
    )
    tag(doc, "{%p for dong in van_ban.kinh_gui %}")
    paragraph(
        doc,
        ["{{ dong }}"],
        first_indent_mm=None,
        left_mm=40,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        after=0,
    )
    tag(doc, "{%p endfor %}")
    paragraph(doc, [""], first_indent_mm=None, after=0)
    tag(doc, "{%p endif %}")


def signature_block(doc) -> None:
    """ND30 ô 7 and 9b: Nơi nhận at bottom left, authority, title and name at bottom right."""
    table = borderless_table(doc, 1, [75, 90])
    # The signature never stands alone at the top of a page without the rows of text it closes.
    row_pr = table.rows[0]._tr.get_or_add_trPr()
    row_pr.append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    paragraph(
        left,
        [("Nơi nhận:", {"bold": True, "italic": True})],
        size=12,
        first_indent_mm=None,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        before=6,
        after=0,
    )
    tag(left, "{%p for dong in van_ban.noi_nhan %}")
    paragraph(
        left, ["{{ dong }}"], size=11, first_indent_mm=None, align=WD_ALIGN_PARAGRAPH.LEFT, after=0
    )
    tag(left, "{%p endfor %}")
    tag(right, "{%p for dong in van_ban.nguoi_ky.cac_dong %}")
    centred(right, [("{{ dong }}", {"bold": True})], size=14, before=6)
    tag(right, "{%p endfor %}")
    for _ in range(4):
        centred(right, [""], size=14)
    centred(right, [("{{ van_ban.nguoi_ky.ho_ten }}", {"bold": True})], size=14)


def cong_van_phat_dong(path: Path) -> None:
    doc = new_document("Công văn phát động phong trào thi đua")
    header_block(doc, trich_yeu_cong_van=True)
    kinh_gui(doc)
    tag(doc, "{%p for doan in van_ban.mo_dau %}")
    paragraph(doc, ["{{ doan }}"])
    tag(doc, "{%p endfor %}")
    section_heading(doc, "I. MỤC TIÊU, ĐỐI TƯỢNG VÀ THỜI GIAN THI ĐUA")
    paragraph(doc, [("1. Mục tiêu thi đua:", {"bold": True}), " {{ chien_dich.muc_tieu }}"])
    paragraph(doc, [("2. Đối tượng thi đua:", {"bold": True}), " {{ chien_dich.doi_tuong }}"])
    paragraph(
        doc, [("3. Thời gian thi đua:", {"bold": True}), " {{ chien_dich.thoi_gian.van_ban }}"]
    )
    section_heading(doc, "II. NỘI DUNG THI ĐUA")
    generic_items(doc, "chien_dich.noi_dung")
    section_heading(doc, "III. TIÊU CHÍ THI ĐUA")
    generic_items(doc, "chien_dich.tieu_chi")
    section_heading(doc, "IV. CÔNG TÁC KHEN THƯỞNG")
    generic_items(doc, "chien_dich.khen_thuong")
    section_heading(doc, "V. TỔ CHỨC THỰC HIỆN")
    generic_items(doc, "chien_dich.to_chuc_thuc_hien")
    paragraph(doc, ["{{ van_ban.ket_luan }}"], keep_next=True)
    signature_block(doc)
    doc.save(path)


TEMPLATES = {"cong_van_phat_dong.docx": cong_van_phat_dong}


def main(argv: list[str]) -> int:
    names = argv or list(TEMPLATES)
    for name in names:
        target = ROOT / "templates" / name
        TEMPLATES[name](target)
        print(f"đã tạo {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
