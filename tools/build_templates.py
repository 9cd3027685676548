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
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from thidua_docs.render.engine import SUBJECT_LINE_STYLE  # noqa: E402

FONT = "Times New Roman"

# Page (ND30): A4 portrait, top/bottom 20 mm, left 30 mm, right 15 mm → text width 165 mm.
LEFT_COL_MM = 70
RIGHT_COL_MM = 95
CELL_MARGIN_MM = 1.9  # Word's default left/right cell margin (108 twips)
# Widths of fixed header texts in Times New Roman Bold (measured on Liberation Serif, same metrics).
TIEU_NGU_WIDTH_MM = 56.2  # "Độc lập - Tự do - Hạnh phúc" at 13 pt
BIEN_BAN_LEFT_MM = 74  # the biên bản's issuer column: the rest (91 mm) holds the Quốc hiệu (89 mm)
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
        run = par.add_run(text)
        set_run_font(
            run,
            size=style.get("size", size),
            bold=style.get("bold", False),
            italic=style.get("italic", False),
        )
        if style.get("highlight"):
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if style.get("color"):
            run.font.color.rgb = RGBColor.from_string(style["color"])
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
    marker = doc.styles.add_style(SUBJECT_LINE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    marker.base_style = doc.styles["Normal"]
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
    doc,
    *,
    so_label: str = "Số: {{ van_ban.so_ky_hieu }}",
    trich_yeu_cong_van: bool = False,
    place_date: bool = True,
    widths_mm: tuple[float, float] = (LEFT_COL_MM, RIGHT_COL_MM),
) -> None:
    """ND30 ô 1–5b: agency names with their line, Quốc hiệu and Tiêu ngữ with its line, Số, place-date, V/v."""
    rows = 3 if trich_yeu_cong_van else 2
    table = borderless_table(doc, rows, list(widths_mm))
    left_mm, right_mm = widths_mm
    left, right = table.rows[0].cells
    tag(left, "{%p if co_quan.chu_quan %}")
    centred(left, ["{{ co_quan.chu_quan }}"], size=13)
    tag(left, "{%p endif %}")
    centred(left, [("{{ co_quan.ten }}", {"bold": True})], size=12)
    usable = left_mm - 2 * CELL_MARGIN_MM
    line = centred(
        left,
        [""],
        size=4,
        left_mm=(usable - ISSUER_LINE_MM) / 2,
        right_mm=(usable - ISSUER_LINE_MM) / 2,
    )
    border(line, "bottom")
    centred(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True})], size=12)
    usable = right_mm - 2 * CELL_MARGIN_MM
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
    if place_date:
        centred(
            right,
            [("{{ co_quan.dia_danh }}, {{ van_ban.ngay|ngay }}", {"italic": True})],
            size=14,
            before=6,
        )
    else:  # a biên bản has no place-date line in its header (Mẫu 1.9)
        centred(right, [""], size=13, before=6)
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


def signature_block(doc, *, signer: str = "van_ban.nguoi_ky") -> None:
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
    signer_lines(right, signer)


def signer_lines(cell, signer: str) -> None:
    """Authority and title lines, room to sign and seal, the name, and a concurrent post if any."""
    tag(cell, f"{{%p for dong in {signer}.cac_dong %}}")
    centred(cell, [("{{ dong }}", {"bold": True})], size=14, before=6)
    tag(cell, "{%p endfor %}")
    for _ in range(4):
        centred(cell, [""], size=14)
    centred(cell, [(f"{{{{ {signer}.ho_ten }}}}", {"bold": True})], size=14)
    tag(cell, f"{{%p if {signer}.kiem_nhiem %}}")
    centred(cell, [f"{{{{ {signer}.kiem_nhiem }}}}"], size=14)
    tag(cell, "{%p endif %}")


def ten_loai_block(doc, ten_loai: str, trich_yeu: str = "{{ van_ban.trich_yeu }}") -> None:
    """ND30 ô 5a: the document type in capitals and its subject under it, with a short line."""
    centred(doc, [(ten_loai, {"bold": True})], size=14, before=18, keep_next=True)
    centred(doc, [(trich_yeu, {"bold": True})], size=14, keep_next=True)
    subject_line(doc)


def subject_line(doc) -> None:
    """The line under a subject: its length is fitted to the subject text when rendering."""
    line = centred(doc, [""], size=4, left_mm=62.5, right_mm=62.5, after=12)
    line.style = doc.styles[SUBJECT_LINE_STYLE]
    border(line, "bottom")


def body_paragraphs(doc, variable: str) -> None:
    """One justified body paragraph per item of a list of texts."""
    tag(doc, f"{{%p for doan in {variable} %}}")
    paragraph(doc, ["{{ doan }}"])
    tag(doc, "{%p endfor %}")


def placeholder(text: str):
    """A run the clerk must replace: highlighted in yellow so it cannot be missed."""
    return (text, {"highlight": True})


#: Emphasis of a heading's lead (number and title) by the body's ``kieu_chu``.
_LEAD_STYLES = {
    "dam": {"bold": True},
    "nghieng": {"italic": True},
    "dam_nghieng": {"bold": True, "italic": True},
}


def body_tree(doc, variable: str = "van_ban.cac_doan") -> None:
    """A document body of any depth (documents.common.body_paragraphs): plain paragraphs, and
    numbered lines whose lead (number and heading) takes its level's emphasis; a heading standing
    alone is kept with the next paragraph. Every text goes through ``dinh_dang`` (*nghiêng*,
    **đậm** inside a sentence)."""
    tag(doc, f"{{%p for d in {variable} %}}")
    tag(doc, '{%p if d.loai == "doan" %}')
    paragraph(doc, ["{{ d.sau|dinh_dang }}"])
    for name, style in _LEAD_STYLES.items():
        tag(doc, f'{{%p elif d.kieu_chu == "{name}" and d.loai == "tieu_de" %}}')
        paragraph(doc, [("{{ d.dau|dinh_dang }}", style)], keep_next=True)
        tag(doc, f'{{%p elif d.kieu_chu == "{name}" %}}')
        paragraph(doc, [("{{ d.dau|dinh_dang }}", style), "{{ d.sau|dinh_dang }}"])
    tag(doc, '{%p elif d.loai == "tieu_de" %}')
    paragraph(doc, ["{{ d.dau|dinh_dang }}"], keep_next=True)
    tag(doc, "{%p else %}")
    paragraph(doc, ["{{ d.dau|dinh_dang }}{{ d.sau|dinh_dang }}"])
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def marked_paragraphs(doc, variable: str) -> None:
    """One justified paragraph per text, with its inline emphasis."""
    tag(doc, f"{{%p for doan in {variable} %}}")
    paragraph(doc, ["{{ doan|dinh_dang }}"])
    tag(doc, "{%p endfor %}")


def cong_van_phat_dong(path: Path) -> None:
    """Công văn (ND30 Mẫu 1.5): Kính gửi, opening, the numbered body of any depth, closing."""
    doc = new_document("Công văn phát động phong trào thi đua")
    header_block(doc, trich_yeu_cong_van=True)
    kinh_gui(doc)
    marked_paragraphs(doc, "van_ban.mo_dau")
    body_tree(doc)
    paragraph(doc, ["{{ van_ban.ket_luan|dinh_dang }}"], keep_next=True)
    signature_block(doc)
    doc.save(path)


def ke_hoach(path: Path) -> None:
    """Kế hoạch (ND30 Mẫu 1.4): opening, the numbered body of any depth, closing."""
    doc = new_document("Kế hoạch")
    header_block(doc)
    ten_loai_block(doc, "KẾ HOẠCH")
    marked_paragraphs(doc, "van_ban.mo_dau")
    body_tree(doc)
    paragraph(doc, ["{{ van_ban.ket_luan|dinh_dang }}"], keep_next=True)
    signature_block(doc)
    doc.save(path)


def to_trinh(path: Path) -> None:
    """Tờ trình đề nghị khen thưởng (Mẫu 1.4), the list attached separately (danh_sach)."""
    doc = new_document("Tờ trình đề nghị khen thưởng")
    header_block(doc)
    ten_loai_block(doc, "TỜ TRÌNH")
    kinh_gui(doc)
    body_paragraphs(doc, "van_ban.mo_dau")
    tag(doc, "{%p for ht in khen_thuong.cac_hinh_thuc %}")
    paragraph(
        doc,
        [
            "Đề nghị tặng {{ ht.hinh_thuc }} cho {{ ht.tap_the_ca_nhan }} (có danh sách kèm "
            "theo) đã có thành tích: "
            "{{ ht.thanh_tich }}; tiền thưởng: {{ ht.tong_tien|tien }}."
        ],
    )
    tag(doc, "{%p endfor %}")
    paragraph(
        doc,
        [
            "Tổng số: {{ khen_thuong.tap_the_ca_nhan }}; "
            "tổng số tiền thưởng: {{ khen_thuong.tong_tien|tien }} "
            "(Bằng chữ: {{ khen_thuong.tong_tien|bang_chu }})."
        ],
    )
    # The register's statement that every awardee meets the conditions, when it shows that.
    tag(doc, "{%p if van_ban.du_dieu_kien %}")
    paragraph(doc, ["{{ van_ban.du_dieu_kien }}"])
    tag(doc, "{%p endif %}")
    paragraph(doc, ["{{ van_ban.ket_luan }}"], keep_next=True)
    signature_block(doc)
    doc.save(path)


def quyet_dinh(path: Path) -> None:
    """Quyết định khen thưởng (ND30 Mẫu 1.2)."""
    doc = new_document("Quyết định khen thưởng")
    header_block(doc)
    centred(doc, [("QUYẾT ĐỊNH", {"bold": True})], size=14, before=18, keep_next=True)
    centred(doc, [("{{ van_ban.trich_yeu }}", {"bold": True})], size=14, keep_next=True)
    subject_line(doc)
    centred(doc, [("{{ co_quan.tham_quyen }}", {"bold": True})], size=14, after=12)
    tag(doc, "{%p for dong in van_ban.can_cu %}")
    paragraph(doc, [("{{ dong }}", {"italic": True})])
    tag(doc, "{%p endfor %}")
    centred(doc, [("QUYẾT ĐỊNH:", {"bold": True})], size=14, before=6, after=12, keep_next=True)
    tag(doc, "{%p for dieu in van_ban.cac_dieu %}")
    paragraph(doc, [("Điều {{ loop.index }}.", {"bold": True}), " {{ dieu }}"])
    tag(doc, "{%p endfor %}")
    signature_block(doc)
    doc.save(path)


def _cell_paragraph(cell, text, *, size=13, bold=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    return paragraph(
        cell, [(text, {"bold": bold})], size=size, align=align, first_indent_mm=None, after=0
    )


def no_cell_margins(table) -> None:
    """Cells without left/right margins: the whole column width holds text."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.append(margins)


def cant_split(table) -> None:
    """No row of ``table`` is split across two pages (a row moves to the next page whole)."""
    for table_row in table.rows:
        row_pr = table_row._tr.get_or_add_trPr()
        if row_pr.find(qn("w:cantSplit")) is None:
            row_pr.insert(0, OxmlElement("w:cantSplit"))


def _tag_row(table, index: int, text: str) -> None:
    """Row ``index`` holds only a {%tr %} tag: one cell across the whole row, one paragraph, so
    the template itself is a valid package (no cell without a paragraph) and the tag is alone."""
    row = table.rows[index]
    cells = row._tr.findall(qn("w:tc"))
    width = sum(int(tc.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w"))) for tc in cells)
    for tc in cells[1:]:
        row._tr.remove(tc)
    tc_pr = cells[0].find(qn("w:tcPr"))
    tc_pr.find(qn("w:tcW")).set(qn("w:w"), str(width))
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), str(len(cells)))
    tc_pr.append(span)
    _cell_paragraph(row.cells[0], text)


def grid_table(
    doc,
    widths_mm: list[float],
    header: list[str],
    row: list[str],
    total: list[str] | None,
    loop: str,
    aligns: str,
    *,
    size: float = 13,
):
    """A bordered table: a bold header row repeated on every page, one row repeated by
    {%tr for %}, an optional total row; ``aligns`` one letter per column (l, c, r: figures to the
    right); no row split across pages."""
    align_of = {
        "l": WD_ALIGN_PARAGRAPH.LEFT,
        "c": WD_ALIGN_PARAGRAPH.CENTER,
        "r": WD_ALIGN_PARAGRAPH.RIGHT,
    }
    rows = 4 + (1 if total else 0)
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, col in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
        col.set(qn("w:w"), str(round(widths_mm[index] / 25.4 * 1440)))
    for table_row in table.rows:
        for index, cell in enumerate(table_row.cells):
            cell.width = Mm(widths_mm[index])
            for par in list(cell.paragraphs):
                par._element.getparent().remove(par._element)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell_paragraph(cell, text, size=size, bold=True)
    header_pr = table.rows[0]._tr.get_or_add_trPr()
    header_pr.append(OxmlElement("w:tblHeader"))  # repeated on every page
    _tag_row(table, 1, f"{{%tr for dong in {loop} %}}")
    for cell, text, align in zip(table.rows[2].cells, row, aligns, strict=True):
        _cell_paragraph(cell, text, size=size, align=align_of[align])
    _tag_row(table, 3, "{%tr endfor %}")
    if total:
        for cell, text, align in zip(table.rows[4].cells, total, aligns, strict=True):
            _cell_paragraph(
                cell, text, size=size, bold=True, align=align_of["c" if align == "l" else align]
            )
    cant_split(table)
    return table


def danh_sach(path: Path) -> None:
    """Danh sách khen thưởng attached to a quyết định or a tờ trình, titled by its award form (with
    several forms, one group each, titled by its form); tables that never split a row."""
    doc = new_document("Danh sách khen thưởng")
    centred(doc, [("DANH SÁCH", {"bold": True})], size=14, keep_next=True)
    centred(doc, [("{{ van_ban.tieu_de }}", {"bold": True})], size=14, keep_next=True)
    centred(doc, [("{{ van_ban.kem_theo }}", {"italic": True})], size=14, keep_next=True)
    subject_line(doc)
    tag(doc, "{%p for ht in van_ban.cac_nhom %}")
    tag(doc, "{%p if van_ban.cac_nhom|length > 1 %}")
    paragraph(
        doc,
        [("{{ loop.index|la_ma }}. {{ ht.tieu_de }}", {"bold": True})],
        before=12,
        keep_next=True,
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if ht.tap_the %}")
    paragraph(
        doc,
        [("{{ ht.muc_tap_the }}. Tập thể ({{ ht.so_tap_the }} tập thể)", {"bold": True})],
        keep_next=True,
    )
    grid_table(
        doc,
        [13, 70, 22, 32, 28],
        ["STT", "Tên tập thể", "Biên chế (người)", "Mức thưởng (đồng)", "Số tiền (đồng)"],
        [
            "{{ dong.stt }}",
            "{{ dong.ten }}",
            "{{ dong.bien_che_chu }}",
            "{{ dong.muc_thuong }}",
            "{{ dong.tien|so }}",
        ],
        ["", "Cộng", "{{ ht.tong_bien_che|so }}", "", "{{ ht.tong_tap_the|so }}"],
        "ht.tap_the",
        "clrrr",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if ht.ca_nhan %}")
    paragraph(
        doc,
        [("{{ ht.muc_ca_nhan }}. Cá nhân ({{ ht.so_ca_nhan }} cá nhân)", {"bold": True})],
        before=12,
        keep_next=True,
    )
    grid_table(
        doc,
        [13, 47, 35, 44, 26],
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Số tiền (đồng)"],
        [
            "{{ dong.stt }}",
            "{{ dong.ho_ten }}",
            "{{ dong.chuc_vu }}",
            "{{ dong.don_vi }}",
            "{{ dong.tien|so }}",
        ],
        ["", "Cộng", "", "", "{{ ht.tong_ca_nhan|so }}"],
        "ht.ca_nhan",
        "clllr",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if van_ban.cac_nhom|length > 1 %}")
    paragraph(
        doc,
        [("Cộng {{ ht.hinh_thuc }}: {{ ht.tong_tien|tien }}.", {"bold": True})],
        before=12,
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    paragraph(
        doc,
        [("Tổng số tiền thưởng: {{ khen_thuong.tong_tien|tien }}.", {"bold": True})],
        before=12,
        keep_next=True,
    )
    paragraph(doc, [("Bằng chữ: {{ khen_thuong.tong_tien|bang_chu }}.", {"italic": True})])
    doc.save(path)


def bien_ban(path: Path) -> None:
    """Biên bản xét khen thưởng (ND30 Mẫu 1.9): no place-date in the header; THƯ KÝ left, CHỦ TỌA right."""
    doc = new_document("Biên bản xét khen thưởng")
    # The council's name is long ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG NGÀNH …"): the issuer column
    # takes what the Quốc hiệu (78 mm at 12 pt bold) leaves, so the name holds in two lines.
    # Measured in Liberation Serif Bold 12 (Times New Roman's metrics): "THƯỞNG NGÀNH BHXH VIỆT
    # NAM" 72 mm, the Quốc hiệu 89 mm; with no cell margins both fit, the name in two lines.
    header_block(doc, place_date=False, widths_mm=(BIEN_BAN_LEFT_MM, 165 - BIEN_BAN_LEFT_MM))
    no_cell_margins(doc.tables[0])
    ten_loai_block(doc, "BIÊN BẢN")
    paragraph(doc, ["Thời gian bắt đầu: {{ van_ban.bat_dau }}, {{ van_ban.ngay|ngay }}."])
    paragraph(doc, ["Địa điểm: {{ van_ban.dia_diem }}."])
    paragraph(
        doc,
        [
            "Thành phần tham dự: {{ van_ban.so_co_mat }}/{{ van_ban.so_thanh_vien }} thành viên Hội đồng:"
        ],
    )
    tag(doc, "{%p for tv in van_ban.co_mat %}")
    paragraph(
        doc, ["- {{ tv.ho_ten }}, {{ tv.chuc_vu }}, {{ tv.vai_tro }} Hội đồng{{ tv.dau_cau }}"]
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if van_ban.vang_mat %}")
    paragraph(doc, ["Vắng mặt: {{ van_ban.vang_mat|join(', ') }}."])
    tag(doc, "{%p endif %}")
    paragraph(
        doc, ["Chủ trì: {{ van_ban.chu_tri.ho_ten }}, {{ van_ban.chu_tri.vai_tro }} Hội đồng."]
    )
    paragraph(doc, ["Thư ký: {{ van_ban.thu_ky.ho_ten }}, {{ van_ban.thu_ky.vai_tro }} Hội đồng."])
    paragraph(doc, [("Nội dung:", {"bold": True})], keep_next=True)
    body_paragraphs(doc, "van_ban.noi_dung")
    paragraph(doc, ["Hội đồng biểu quyết từng trường hợp; kết quả như sau:"], keep_next=True)
    grid_table(
        doc,
        [13, 82, 25, 22, 23],
        ["STT", "Tập thể, cá nhân được đề nghị", "Số phiếu đồng ý", "Tỷ lệ (%)", "Kết quả"],
        [
            "{{ dong.stt }}",
            "{{ dong.ten }}",
            "{{ dong.phieu }}/{{ van_ban.so_co_mat }}",
            "{{ dong.ty_le|so }}",
            "{{ dong.ket_qua }}",
        ],
        None,
        "van_ban.bieu_quyet",
        "clcrc",
    )
    paragraph(
        doc,
        [
            "Kết luận: Hội đồng thống nhất đề nghị khen thưởng {{ van_ban.so_dat }} trường hợp "
            "đạt tỷ lệ đồng ý từ {{ van_ban.ty_le_dong_y }}% số thành viên có mặt trở lên."
        ],
        before=6,
    )
    paragraph(
        doc,
        ["Cuộc họp kết thúc vào {{ van_ban.ket_thuc }}, {{ van_ban.ngay|ngay }}./."],
        keep_next=True,
    )
    table = borderless_table(doc, 1, [82.5, 82.5])
    row_pr = table.rows[0]._tr.get_or_add_trPr()
    row_pr.append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    signer_lines(left, "van_ban.thu_ky")
    signer_lines(right, "van_ban.chu_toa")
    doc.save(path)


def bao_cao_thanh_tich(path: Path) -> None:
    """Báo cáo thành tích draft for one collective or individual, places to write marked in yellow."""
    doc = new_document("Báo cáo thành tích")
    header_block(doc)
    ten_loai_block(doc, "BÁO CÁO THÀNH TÍCH", "Đề nghị tặng {{ van_ban.hinh_thuc }}")
    tag(doc, "{%p if van_ban.tap_the %}")
    paragraph(doc, [("Tên tập thể: ", {"bold": True}), "{{ van_ban.ten }}"])
    section_heading(doc, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH")
    paragraph(
        doc,
        [
            "1. Đặc điểm, tình hình: ",
            placeholder(
                "[nêu tóm tắt chức năng, nhiệm vụ, tổ chức bộ máy; biên chế: {{ van_ban.bien_che }} người]"
            ),
        ],
    )
    paragraph(doc, ["2. Thuận lợi, khó khăn: ", placeholder("[ghi tóm tắt]")])
    tag(doc, "{%p else %}")
    section_heading(doc, "I. SƠ LƯỢC LÝ LỊCH")
    paragraph(doc, ["- Họ và tên: {{ van_ban.ten }}"])
    paragraph(doc, ["- Ngày, tháng, năm sinh: ", placeholder("[ghi ngày sinh]")])
    paragraph(doc, ["- Chức vụ: {{ van_ban.chuc_vu }}"])
    paragraph(doc, ["- Đơn vị công tác: {{ van_ban.don_vi }}"])
    paragraph(doc, ["- Trình độ chuyên môn, nghiệp vụ: ", placeholder("[ghi trình độ]")])
    tag(doc, "{%p endif %}")
    section_heading(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    paragraph(doc, ["{{ van_ban.thanh_tich }}"])
    paragraph(
        doc,
        [
            placeholder(
                "[nêu kết quả cụ thể đạt được trong phong trào thi đua: chỉ tiêu, số liệu so với kế hoạch và cùng kỳ; giải pháp, sáng kiến đã áp dụng]"
            )
        ],
    )
    section_heading(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    # The awards already received, when the office's register knows them; else lines to fill.
    tag(doc, "{%p set da_co = van_ban.khen_thuong_da_co|default([]) %}")
    tag(doc, "{%p if da_co %}")
    grid_table(
        doc,
        [14, 62, 46, 43],
        ["Năm", "Hình thức khen thưởng", "Số, ngày quyết định", "Cơ quan ban hành"],
        [
            "{{ dong.nam }}",
            "{{ dong.hinh_thuc }}",
            "{{ dong.so_quyet_dinh }}{% if dong.ngay_quyet_dinh %} ngày "
            "{{ dong.ngay_quyet_dinh|ngay_so }}{% endif %}",
            "{{ dong.co_quan }}",
        ],
        None,
        "da_co",
        "clll",
    )
    # A paragraph between this table and the signature table: two tables side by side in the
    # XML are one table to Word.
    paragraph(doc, [""], size=6, first_indent_mm=None, after=0)
    tag(doc, "{%p else %}")
    paragraph(
        doc,
        [
            placeholder(
                "[ghi các hình thức khen thưởng đã nhận: năm, hình thức, số và ngày quyết định]"
            )
        ],
    )
    tag(doc, "{%p endif %}")
    table = borderless_table(doc, 1, [82.5, 82.5])
    cant_split(table)
    left, right = table.rows[0].cells
    tag(left, "{%p if not van_ban.tap_the %}")
    centred(left, [("XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", {"bold": True})], size=14, before=6)
    for _ in range(4):
        centred(left, [""], size=14)
    centred(left, [("[họ và tên]", {"bold": True, "highlight": True})], size=14)
    tag(left, "{%p endif %}")
    # A cell must end with a paragraph, whatever the {%p if %} above leaves (a collective's
    # report has no confirmation): without it the file is damaged for Word and LibreOffice.
    centred(left, [""], size=14)
    centred(right, [("{{ van_ban.nguoi_bao_cao }}", {"bold": True})], size=14, before=6)
    for _ in range(4):
        centred(right, [""], size=14)
    centred(right, [("[họ và tên]", {"bold": True, "highlight": True})], size=14)
    doc.save(path)


#: Colours of a printed certificate: red title, gold frame, dark red for the authority.
CERT_RED = "C00000"
CERT_DARK_RED = "8B0000"
CERT_GOLD = "B8860B"
CERT_NAVY = "1F3864"


EMBLEM_MM = 20  # the emblem's box at the top of the Bằng khen


def transparent_png() -> bytes:
    """A 1×1 fully transparent PNG: the clean placeholder of the agency's emblem."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)  # 1×1, 8 bits, RGBA
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00")  # filter byte, one transparent pixel
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def emblem_placeholder(doc, size_mm: float) -> None:
    """A centred paragraph holding the emblem's placeholder picture, named ``bieu_trung``: the
    office's image (agency profile, bang_khen › bieu_trung) takes its place and its box."""
    import io

    par = centred(doc, [""], size=12)
    run = par.runs[0]
    run.add_picture(io.BytesIO(transparent_png()), width=Mm(size_mm), height=Mm(size_mm))
    doc_pr = run._element.find(".//" + qn("wp:docPr"))
    doc_pr.set("name", "bieu_trung")
    doc_pr.set("descr", "Biểu trưng của cơ quan (hồ sơ cơ quan: bang_khen › bieu_trung)")


def page_border(section, *, color: str, style: str = "thinThickThinMediumGap", size: int = 24):
    """A frame around the page (w:pgBorders), measured from the page edge."""
    sect_pr = section._sectPr
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), style)
        edge.set(qn("w:sz"), str(size))
        edge.set(qn("w:space"), "24")
        edge.set(qn("w:color"), color)
        borders.append(edge)
    sect_pr.find(qn("w:pgMar")).addnext(borders)


def bang_khen(path: Path) -> None:
    """A full certificate page (Bằng khen is not an administrative document: its own layout):
    landscape A4 in a gold frame, the title in red, Times New Roman throughout; the decision and
    the book number at the bottom left, the signature at the bottom right."""
    doc = new_document("Bằng khen")
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(18)
    section.left_margin = section.right_margin = Mm(25)
    section.header_distance = section.footer_distance = Mm(8)
    section.different_first_page_header_footer = False
    for par in section.header.paragraphs:
        par._element.getparent().remove(par._element)
    page_border(section, color=CERT_GOLD)
    red = {"bold": True, "color": CERT_DARK_RED}
    emblem_placeholder(doc, EMBLEM_MM)
    centred(doc, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", red)], size=14, before=4)
    motto = centred(
        doc,
        [("Độc lập - Tự do - Hạnh phúc", red)],
        size=14,
        left_mm=(247 - TIEU_NGU_WIDTH_MM * 14 / 13) / 2,
        right_mm=(247 - TIEU_NGU_WIDTH_MM * 14 / 13) / 2,
        after=12,
    )
    border(motto, "bottom")
    centred(doc, [("{{ bang_khen.tham_quyen }}", red)], size=16, after=0)
    centred(doc, [("TẶNG", red)], size=16, before=6, after=0)
    centred(
        doc,
        [("{{ bang_khen.ten_bang }}", {"bold": True, "color": CERT_RED})],
        size=48,
        before=6,
        after=6,
    )
    centred(doc, [("{{ bang_khen.ten }}", {"bold": True, "color": CERT_NAVY})], size=24)
    tag(doc, "{%p if bang_khen.don_vi %}")
    centred(doc, [("{{ bang_khen.don_vi }}", {"color": CERT_NAVY})], size=16)
    tag(doc, "{%p endif %}")
    thanh_tich = centred(
        doc, [("{{ bang_khen.thanh_tich }}", {"italic": True})], size=16, before=12, after=6
    )
    thanh_tich.paragraph_format.left_indent = Mm(15)
    thanh_tich.paragraph_format.right_indent = Mm(15)
    table = borderless_table(doc, 1, [120, 127])
    cant_split(table)
    left, right = table.rows[0].cells
    for _ in range(3):
        centred(left, [""], size=13)
    paragraph(
        left,
        ["{{ bang_khen.quyet_dinh }}"],
        size=13,
        first_indent_mm=None,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        before=24,
        after=0,
    )
    tag(left, "{%p if bang_khen.so_vao_so|default('') %}")
    paragraph(
        left,
        ["Số sổ: {{ bang_khen.so_vao_so }}"],
        size=13,
        first_indent_mm=None,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        after=0,
    )
    tag(left, "{%p endif %}")
    centred(left, [""], size=13)  # a cell ends with a paragraph whatever the block above leaves
    centred(right, [("{{ bang_khen.dia_danh_ngay }}", {"italic": True})], size=14)
    tag(right, "{%p for dong in bang_khen.nguoi_ky.cac_dong %}")
    centred(right, [("{{ dong }}", {"bold": True})], size=14)
    tag(right, "{%p endfor %}")
    for _ in range(3):
        centred(right, [""], size=14)
    centred(right, [("{{ bang_khen.nguoi_ky.ho_ten }}", {"bold": True})], size=14)
    doc.save(path)


def giay_khen(path: Path) -> None:
    """A Giấy khen page: portrait A4, the unit head's certificate (not an administrative document)."""
    doc = new_document("Giấy khen")
    section = doc.sections[0]
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(25)
    section.different_first_page_header_footer = False
    for par in section.header.paragraphs:
        par._element.getparent().remove(par._element)
    # Like the Bằng khen: a gold frame, the emblem's place, the title in red, Times New Roman.
    page_border(section, color=CERT_GOLD)
    red = {"bold": True, "color": CERT_DARK_RED}
    emblem_placeholder(doc, EMBLEM_MM)
    centred(doc, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", red)], size=13, before=12)
    centred(doc, [("Độc lập - Tự do - Hạnh phúc", red)], size=14, after=24)
    centred(doc, [("{{ giay_khen.tham_quyen }}", red)], size=15, before=24)
    centred(doc, [("TẶNG", red)], size=15, after=12)
    centred(
        doc,
        [("{{ giay_khen.ten_bang }}", {"bold": True, "color": CERT_RED})],
        size=40,
        before=12,
        after=24,
    )
    centred(doc, [("{{ giay_khen.ten }}", {"bold": True, "color": CERT_NAVY})], size=20)
    tag(doc, "{%p if giay_khen.don_vi %}")
    centred(doc, ["{{ giay_khen.don_vi }}"], size=15)
    tag(doc, "{%p endif %}")
    centred(doc, [("{{ giay_khen.thanh_tich }}", {"italic": True})], size=15, before=18, after=48)
    # The signature on the right half; the decision and the book number as full lines below it
    # (too long for half a portrait page).
    table = borderless_table(doc, 1, [70, 90])
    left, right = table.rows[0].cells
    left.add_paragraph()  # a cell must hold a paragraph, or the file is invalid
    centred(right, [("{{ giay_khen.dia_danh_ngay }}", {"italic": True})], size=14)
    signer_lines(right, "giay_khen.nguoi_ky")
    for text, before in (
        ("{{ giay_khen.quyet_dinh }}", 36),
        ("Số sổ: {{ giay_khen.so_vao_so }}", 0),
    ):
        paragraph(
            doc,
            [text],
            size=12,
            first_indent_mm=None,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            before=before,
            after=0,
        )
    doc.save(path)


TEMPLATES = {
    "cong_van_phat_dong.docx": cong_van_phat_dong,
    "ke_hoach.docx": ke_hoach,
    "to_trinh.docx": to_trinh,
    "quyet_dinh.docx": quyet_dinh,
    "danh_sach.docx": danh_sach,
    "bien_ban.docx": bien_ban,
    "bao_cao_thanh_tich.docx": bao_cao_thanh_tich,
    "bang_khen.docx": bang_khen,
    "giay_khen.docx": giay_khen,
}


def main(argv: list[str]) -> int:
    names = argv or list(TEMPLATES)
    for name in names:
        target = ROOT / "templates" / name
        TEMPLATES[name](target)
        print(f"đã tạo {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
