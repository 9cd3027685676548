"""Rule family of every run of text: the font, the colour, the Unicode form."""

from __future__ import annotations

import unicodedata

from thidua_docs.checks.nd30.layout import Layout
from thidua_docs.checks.nd30.violation import Entry
from thidua_docs.checks.nd30.words import FONT
from thidua_docs.ooxml.reader import Paragraph


def text_runs(layout: Layout) -> list[Entry]:
    """Times New Roman in both font slots, black, precomposed Unicode: in the body and in the
    page headers of the first section."""
    out: list[Entry] = []
    for para in layout.paras:
        out += _runs(layout, para, para)
    for rel_id in layout.doc.sections[0].refs("headerReference").values():
        for para in layout.doc.part_paragraphs(rel_id):
            out += _runs(layout, para, "đầu trang")
    return out


def _runs(layout: Layout, para: Paragraph, place: Paragraph | str) -> list[Entry]:
    out: list[Entry] = []
    fmt = layout.fmt
    fonts: list[str] = []
    colors: list[str] = []
    for run in para.runs:
        if not run.text.strip() or fmt.flag(para.element, run.element, "vanish"):
            continue
        for slot in ("ascii", "hAnsi"):
            font = fmt.font(para.element, run.element, slot)
            if font is None:
                problem = f"phông {slot} chưa đặt"
            elif font.theme is not None:
                problem = f"phông {slot} theo chủ đề ({font.theme})"
            elif font.name != FONT:
                problem = f'phông {slot} "{font.name}"'
            else:
                continue
            if problem not in fonts:
                fonts.append(problem)
        color = fmt.color(para.element, run.element)
        if color not in ("auto", "000000") and f"màu chữ {color}" not in colors:
            colors.append(f"màu chữ {color}")
    if fonts:
        expected = f"{FONT} ở cả hai ô phông ascii và hAnsi"
        out.append(layout.violation(place, "Phông chữ", ", ".join(fonts), expected))
    if colors:
        out.append(layout.violation(place, "Màu chữ", ", ".join(colors), "chữ màu đen"))
    if not unicodedata.is_normalized("NFC", para.text):
        words = para.text.split()
        word = next((w for w in words if not unicodedata.is_normalized("NFC", w)), para.text)
        found = f'chữ tổ hợp, không dựng sẵn ("{unicodedata.normalize("NFC", word).strip()}")'
        out.append(
            layout.violation(place, "Bảng mã", found, "Unicode dựng sẵn (NFC, TCVN 6909:2001)")
        )
    return out
