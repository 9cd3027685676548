"""Bằng khen printed on pre-printed blank stock ("in phôi"): only the variable text, placed in mm.

The positions come from the agency profile (``bang_khen.vi_tri``), because every batch of
pre-printed certificates has its own layout. Each piece of text is a Word frame anchored to the
page (``w:framePr``) at x/y millimetres from the top-left corner, so Word and LibreOffice print it
in the same place whatever else is on the page.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from thidua_docs.documents.registry import DocumentProperties
from thidua_docs.render.engine import normalise_package
from thidua_docs.schema import BangKhenLayout, ViTri

FONT = "Times New Roman"
_PAPER_MM = {"A4": (210, 297), "A3": (297, 420)}
_ALIGN = {
    "trái": WD_ALIGN_PARAGRAPH.LEFT,
    "giữa": WD_ALIGN_PARAGRAPH.CENTER,
    "phải": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _twips(mm: Decimal) -> str:
    return str(round(mm / Decimal("25.4") * 1440))


def _framed(document: Any, text: str, where: ViTri) -> None:
    par = document.add_paragraph()
    par.alignment = _ALIGN[where.can_le]
    ppr = par._element.get_or_add_pPr()
    frame = OxmlElement("w:framePr")
    for key, value in (
        ("w", _twips(where.rong)),
        ("hAnchor", "page"),
        ("vAnchor", "page"),
        ("x", _twips(where.x)),
        ("y", _twips(where.y)),
        ("wrap", "around"),
    ):
        frame.set(qn(f"w:{key}"), value)
    ppr.insert(0, frame)
    par.paragraph_format.space_after = Pt(0)
    run = par.add_run(text)
    run.font.name = FONT
    fonts = run._element.get_or_add_rPr().find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    run.font.size = Pt(where.co_chu)
    run.font.bold = where.dam
    run.font.italic = where.nghieng


def in_phoi(
    layout: BangKhenLayout, texts: dict[str, str], properties: DocumentProperties | None = None
) -> bytes:
    """A .docx with each text of ``texts`` at its position of ``layout`` (keys without a position are skipped)."""
    document = Document()
    body = document.element.body
    for par in list(body.iterchildren(qn("w:p"))):
        body.remove(par)
    section = document.sections[0]
    short, long = _PAPER_MM[layout.kho_giay]
    if layout.huong == "ngang":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(long), Mm(short)
    else:
        section.page_width, section.page_height = Mm(short), Mm(long)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(5))
    props = document.core_properties
    props.title = "Bằng khen (in phôi)"
    props.author = props.last_modified_by = "thidua-docs"
    for key, where in layout.vi_tri.items():
        text = texts.get(key, "")
        if text:
            _framed(document, text, where)  # line breaks in text become Word line breaks
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_package(buffer.getvalue(), properties)
