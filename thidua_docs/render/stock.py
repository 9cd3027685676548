"""Bằng khen printed on pre-printed blank stock ("in phôi"): only the variable text, placed in mm.

The positions come from the agency profile (``bang_khen.vi_tri``), because every batch of
pre-printed certificates has its own layout. Each piece of text is a Word frame anchored to the
page (``w:framePr``) at x/y millimetres from the top-left corner, so Word and LibreOffice print it
in the same place whatever else is on the page.

Like a template, the stock is prepared once (``StockTemplate``, one per layout and process): the
package's fixed parts (content types, relationships, styles, settings) are compressed once, and
each frame's paragraph is written once with a slot for its text. A certificate is then its texts
escaped into the slots, one part compressed, and the package assembled — no document model is
built per awardee.

The decision line ("Quyết định số … ngày 15 tháng 01 năm 2025") is fitted to its position: set
smaller, down to the smallest size a position allows, until it fits on one line of the frame's
width; the date is bound with no-break spaces so that, if it still cannot fit, it moves to the
next line whole and "2025" is never left alone. ``calibration_page`` draws every position as a
labelled box on plain paper, so the clerk can lay the stock over it and check the positions.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import cache
from xml.sax.saxutils import escape

from thidua_docs.documents.registry import DocumentProperties
from thidua_docs.ooxml.package import Part, assemble
from thidua_docs.render.properties import app_xml, core_xml
from thidua_docs.schema import BangKhenLayout, ViTri

FONT = "Times New Roman"
_PAPER_MM = {"A4": (210, 297), "A3": (297, 420)}
_ALIGN = {"trái": "left", "giữa": "center", "phải": "right"}
#: The smallest size a position allows (schema.agency.ViTri.co_chu).
SMALLEST_PT = 8
#: Texts fitted to one line of their frame.
FITTED = ("quyet_dinh", "so_vao_so")
#: What each position holds, for the calibration page.
FIELD_NAMES = {
    "ten": "Tên tập thể, cá nhân",
    "don_vi": "Chức vụ, đơn vị",
    "thanh_tich": "Thành tích",
    "quyet_dinh": "Số, ngày quyết định",
    "so_vao_so": "Số vào sổ",
    "dia_danh_ngay": "Địa danh, ngày",
    "chuc_vu_nguoi_ky": "Chức vụ người ký",
    "nguoi_ky": "Người ký",
}
_DEFAULT_PROPERTIES = DocumentProperties(
    "Bằng khen (in phôi)", "Bằng khen (in phôi)", "thidua-docs"
)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_CONTENT_TYPES = (
    _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    _HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_DOCUMENT_RELS = (
    _HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    "</Relationships>"
)
_FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
_STYLES = (
    _HEAD + f'<w:styles xmlns:w="{_W_NS}">'
    f"<w:docDefaults><w:rPrDefault><w:rPr>{_FONTS}"
    '<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "</w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "<w:qFormat/></w:style></w:styles>"
)
_SETTINGS = (
    _HEAD + f'<w:settings xmlns:w="{_W_NS}"><w:defaultTabStop w:val="720"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    "</w:settings>"
)


def _twips(mm: Decimal | float) -> str:
    return str(round(Decimal(str(mm)) / Decimal("25.4") * 1440))


# ------------------------------------------------------------------ fitting the decision line

#: Advance widths of Times New Roman, in thousandths of an em, by base letter (diacritics do not
#: change a letter's width); other characters count as a lowercase letter.
_NARROW = dict.fromkeys("fijlrt.,:;'!|()[]/", 300)
_WIDTHS = {
    **dict.fromkeys("abcdeghknopqsuvxyz", 500),
    **_NARROW,
    **dict.fromkeys("mw", 760),
    **dict.fromkeys("0123456789", 500),
    " ": 250,
    "\u00a0": 250,
    "-": 333,
    "…": 1000,
    **dict.fromkeys("ABCDEGHKNOQRUVXY", 722),
    **dict.fromkeys("FLPSTZ", 611),
    **dict.fromkeys("IJ", 389),
    **dict.fromkeys("MW", 944),
    "Đ": 722,
}


def text_width_mm(text: str, points: float, *, bold: bool = False) -> float:
    """Estimated width of one line of ``text`` set in Times New Roman at ``points``."""
    ems = 0
    for char in text:
        base = unicodedata.normalize("NFD", char)[:1] or char
        ems += _WIDTHS.get(char, _WIDTHS.get(base, 500))
    return ems / 1000 * points * (1.05 if bold else 1.0) * 25.4 / 72


#: "ngày 15 tháng 01 năm 2025" (and a draft's "ngày      tháng     năm 2025"): bound as one.
_DATE = re.compile(
    r"ngày[\s\u00a0]+\S*[\s\u00a0]*tháng[\s\u00a0]+\S*[\s\u00a0]*năm[\s\u00a0]+\d{4}"
)


def _bound_date(text: str) -> str:
    return _DATE.sub(lambda m: re.sub(r"\s", "\u00a0", m.group()), text)


def fitted_size(text: str, where: ViTri) -> int:
    """The largest size, from the position's own down to ``SMALLEST_PT``, at which ``text``
    fits on one line of the position's width (the smallest when none does)."""
    size = where.co_chu
    while size > SMALLEST_PT and text_width_mm(text, size, bold=where.dam) > float(where.rong):
        size -= 1
    return size


# ------------------------------------------------------------------ the prepared stock


def _run(text: str, where: ViTri, size: int) -> str:
    props = (
        _FONTS
        + ("<w:b/>" if where.dam else "")
        + ("<w:i/>" if where.nghieng else "")
        + f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>'
    )
    lines = [
        f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n")
    ]  # a line break in the text is a Word line break
    return f"<w:r><w:rPr>{props}</w:rPr>{'<w:br/>'.join(lines)}</w:r>"


def _frame(where: ViTri, border: bool) -> str:
    box = (
        "<w:pBdr>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right")
        )
        + "</w:pBdr>"
        if border
        else ""
    )
    return (
        f'<w:pPr><w:framePr w:w="{_twips(where.rong)}" w:hAnchor="page" w:vAnchor="page" '
        f'w:x="{_twips(where.x)}" w:y="{_twips(where.y)}" w:wrap="around"/>{box}'
        f'<w:spacing w:after="0"/><w:jc w:val="{_ALIGN[where.can_le]}"/></w:pPr>'
    )


class StockTemplate:
    """A layout's certificate on stock, prepared once: fixed parts compressed, frames written."""

    def __init__(self, layout: BangKhenLayout) -> None:
        self.layout = layout
        short, long = _PAPER_MM[layout.kho_giay]
        width, height = (long, short) if layout.huong == "ngang" else (short, long)
        orient = ' w:orient="landscape"' if layout.huong == "ngang" else ""
        margin = _twips(5)
        self._head = (_HEAD + f'<w:document xmlns:w="{_W_NS}" xmlns:r="{_R_NS}"><w:body>').encode()
        self._tail = (
            f'<w:sectPr><w:pgSz w:w="{_twips(width)}" w:h="{_twips(height)}"{orient}/>'
            f'<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" '
            f'w:left="{margin}" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>'
            "</w:body></w:document>"
        ).encode()
        self._frames = {key: (where, _frame(where, False)) for key, where in layout.vi_tri.items()}
        self._fixed = {
            name: Part.of(name, text.encode())
            for name, text in (
                ("[Content_Types].xml", _CONTENT_TYPES),
                ("_rels/.rels", _PACKAGE_RELS),
                ("word/_rels/document.xml.rels", _DOCUMENT_RELS),
                ("word/styles.xml", _STYLES),
                ("word/settings.xml", _SETTINGS),
            )
        }

    def _body(self, texts: dict[str, str]) -> str:
        paragraphs = []
        for key, (where, frame) in self._frames.items():
            text = texts.get(key, "")
            if not text:
                continue  # a text without a position, or a position without a text: nothing
            size = where.co_chu
            if key in FITTED:
                text = _bound_date(text)
                size = fitted_size(text, where)
            paragraphs.append(f"<w:p>{frame}{_run(text, where, size)}</w:p>")
        return "".join(paragraphs)

    def _package(self, body: str, properties: DocumentProperties | None) -> bytes:
        own = properties or _DEFAULT_PROPERTIES
        document = self._head + body.encode() + self._tail
        fixed = self._fixed
        return assemble(
            [
                fixed["[Content_Types].xml"],
                fixed["_rels/.rels"],
                Part.of("docProps/core.xml", core_xml(own)),
                Part.of("docProps/app.xml", app_xml(own)),
                Part.of("word/document.xml", document),
                fixed["word/_rels/document.xml.rels"],
                fixed["word/styles.xml"],
                fixed["word/settings.xml"],
            ]
        )

    def render(self, texts: dict[str, str], properties: DocumentProperties | None = None) -> bytes:
        """A .docx with each text of ``texts`` at its position (keys without a position are
        skipped)."""
        return self._package(self._body(texts), properties)

    def calibration(self, properties: DocumentProperties | None = None) -> bytes:
        """Every position as a bordered box labelled with its field and its place in mm, on
        plain paper: printed and laid over the stock, it shows where each text will go."""
        size_line = (
            f"Trang {self.layout.kho_giay} "
            f"{'ngang' if self.layout.huong == 'ngang' else 'dọc'}; "
            "mỗi khung là vị trí một dòng chữ (mm tính từ góc trên bên trái của tờ giấy)"
        )
        paragraphs = [
            '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
            + _run("TRANG CĂN CHỈNH PHÔI BẰNG KHEN", _LABEL_BOLD, 12)
            + "</w:p>",
            '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>' + _run(size_line, _LABEL, 10) + "</w:p>",
        ]
        for key, where in self.layout.vi_tri.items():
            label = (
                f"{FIELD_NAMES.get(key, key)} ({key}): x {_mm(where.x)} mm, y {_mm(where.y)} mm, "
                f"rộng {_mm(where.rong)} mm, cỡ {where.co_chu}"
            )
            paragraphs.append(
                f"<w:p>{_frame(where, True)}{_run(label, _LABEL, min(where.co_chu, 10))}</w:p>"
            )
        return self._package("".join(paragraphs), properties)


_LABEL = ViTri(x=Decimal(0), y=Decimal(0), rong=Decimal(1))
_LABEL_BOLD = ViTri(x=Decimal(0), y=Decimal(0), rong=Decimal(1), dam=True)


def _mm(value: Decimal) -> str:
    return (
        f"{value:f}".rstrip("0").rstrip(".").replace(".", ",")
        if "." in f"{value:f}"
        else f"{value:f}"
    )


@cache
def _prepared(layout_key: str) -> StockTemplate:
    return StockTemplate(BangKhenLayout.model_validate_json(layout_key))


def stock_template(layout: BangKhenLayout) -> StockTemplate:
    """The layout's prepared stock (once per layout and process)."""
    return _prepared(layout.model_dump_json())


def in_phoi(
    layout: BangKhenLayout, texts: dict[str, str], properties: DocumentProperties | None = None
) -> bytes:
    """A .docx with each text of ``texts`` at its position of ``layout`` (keys without a position are skipped)."""
    return stock_template(layout).render(texts, properties)


def calibration_page(layout: BangKhenLayout, properties: DocumentProperties | None = None) -> bytes:
    """The calibration page of ``layout`` (``StockTemplate.calibration``)."""
    return stock_template(layout).calibration(properties)
