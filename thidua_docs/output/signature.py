"""Empty digital-signature fields at the signer's block of an administrative PDF.

Nghị định 30/2020/NĐ-CP, Phụ lục I, part II (thể thức văn bản điện tử) places the image of the
signer's digital signature centred between the signer's authority and position (ô 7a: "KT. TỔNG
GIÁM ĐỐC" / "PHÓ TỔNG GIÁM ĐỐC") and the signer's name (ô 7b), in the space left there for the
signature on paper. After LibreOffice has laid the document out, that space is found from the
positions of the text lines (pdfminer.six): a block of upper-case title lines, a gap of at least
:data:`MIN_GAP` points, and under it, centred on the same column, the name line. Each block found
gets one empty, named signature field (pyHanko), added as an incremental update so the PDF/A
identification of the file stays true; the office's signing tool signs into it without moving
anything.
"""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thidua_docs.awards.dossier import slugify

#: Points of empty space under the title lines for a block to count as a signer's (a signature
#: needs about three lines of 14 pt; a heading followed by its text has one line or less).
MIN_GAP = 30.0
#: More than this between title and name is not one block (a page of space is not a signature).
MAX_GAP = 200.0
#: The field is at least this wide (5 cm), centred on the block, and never wider than 7 cm.
MIN_WIDTH = 141.7
MAX_WIDTH = 198.4
#: Space kept clear between the field and the lines above and below it, in line heights: a
#: line's box as pdfminer gives it is its glyphs' size; the descenders and accents reach further.
PADDING = 0.4


@dataclass(frozen=True)
class Line:
    """One line of text on a page, in PDF user space (origin bottom left)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class SignerBlock:
    """A signer's block found on a page: its title lines, the name, and the signature's place."""

    page: int  # 0-based
    titles: tuple[str, ...]  # "KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC"
    name: str  # "Chu Mạnh Sinh" (or a template's "[họ và tên]")
    area: tuple[float, float, float, float]  # the whole block: titles, space and name
    rect: tuple[int, int, int, int]  # the signature field, inside the space between them

    @property
    def position(self) -> str:
        """The signer's own position: the title lines without the authority's line ("KT. TỔNG
        GIÁM ĐỐC" over "PHÓ TỔNG GIÁM ĐỐC" → "PHÓ TỔNG GIÁM ĐỐC"; "THƯ KÝ"; "XÁC NHẬN CỦA THỦ
        TRƯỞNG ĐƠN VỊ" over two lines)."""
        own = [line for line in self.titles if not _AUTHORITY.match(line)]
        return " ".join(own or self.titles)


#: The signing authority's prefix of ND30 (ký thay, thay mặt, quyền, thừa lệnh, thừa ủy quyền).
_AUTHORITY = re.compile(r"^(KT|TM|Q|TL|TUQ)\.\s")


def _is_title(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_name(text: str) -> bool:
    return any(c.islower() for c in text) and not text.rstrip().endswith((";", ":", ",", "."))


def _lines(layout: Any) -> list[Line]:
    from pdfminer.layout import LTTextContainer, LTTextLine

    lines: list[Line] = []
    for element in layout:
        if isinstance(element, LTTextContainer):
            for line in element:
                if isinstance(line, LTTextLine):
                    text = line.get_text().strip()
                    if text:
                        lines.append(Line(line.x0, line.y0, line.x1, line.y1, text))
    return lines


def last_pages_lines(pdf: Path) -> Iterator[tuple[int, float, list[Line]]]:
    """Page number (0-based), width and text lines of the pages of ``pdf``, last page first:
    only the pages looked at are laid out."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    with pdf.open("rb") as stream:
        document = PDFDocument(PDFParser(stream))
        pages = list(PDFPage.create_pages(document))
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        for index in range(len(pages) - 1, -1, -1):
            interpreter.process_page(pages[index])
            layout = device.get_result()
            yield index, float(layout.width), _lines(layout)


def _same_column(a: Line, b: Line) -> bool:
    """Centred on one column: the centres close, or one line's centre within the other."""
    return abs(a.centre - b.centre) <= 36 or a.x0 <= b.centre <= a.x1 or b.x0 <= a.centre <= b.x1


def _block_at(name: Line, lines: list[Line], page: int, width: float) -> SignerBlock | None:
    above = [
        line
        for line in lines
        if line.y0 > name.y1 and _same_column(line, name) and line is not name
    ]
    if not above:
        return None
    nearest = min(above, key=lambda line: line.y0)
    gap = nearest.y0 - name.y1
    if not (_is_title(nearest.text) and MIN_GAP <= gap <= MAX_GAP):
        return None
    titles = [nearest]
    while True:  # the title lines over it, one line height apart ("KT. …" over "PHÓ …")
        top = titles[0]
        height = top.y1 - top.y0
        over = [
            line
            for line in above
            if line.y0 >= top.y1 - 1 and line.y0 - top.y1 <= height and _same_column(line, top)
        ]
        if not over:
            break
        nxt = min(over, key=lambda line: line.y0)
        if not _is_title(nxt.text):
            break
        titles.insert(0, nxt)
    block = [*titles, name]
    left = min(line.x0 for line in block)
    right = max(line.x1 for line in block)
    centre = (left + right) / 2
    half = min(max(right - left, MIN_WIDTH), MAX_WIDTH) / 2
    x0, x1 = max(centre - half, 0.0), min(centre + half, width)
    y0 = name.y1 + PADDING * (name.y1 - name.y0)
    y1 = nearest.y0 - PADDING * (nearest.y1 - nearest.y0)
    rect = (round(x0), round(y0), round(x1), round(y1))
    area = (min(left, x0), name.y0, max(right, x1), titles[0].y1)
    return SignerBlock(page, tuple(line.text for line in titles), name.text, area, rect)


def blocks_on(lines: list[Line], page: int, width: float) -> list[SignerBlock]:
    """The signer's blocks among the text ``lines`` of one page, left to right."""
    found = []
    for line in lines:
        if _is_name(line.text):
            block = _block_at(line, lines, page, width)
            if block is not None:
                found.append(block)
    return sorted(found, key=lambda block: block.area[0])


def signer_blocks(pdf: Path) -> list[SignerBlock]:
    """Every signer's block of ``pdf``: those of the last page that has any (a document is
    signed at its end; a biên bản has two, THƯ KÝ and CHỦ TỌA), left to right."""
    for index, width, lines in last_pages_lines(pdf):
        found = blocks_on(lines, index, width)
        if found:
            return found
    return []


def field_names(blocks: Iterable[SignerBlock]) -> list[str]:
    """One field name per block, from the signer's position: "ChuKy-pho-tong-giam-doc",
    "ChuKy-thu-ky"; a repeated position is numbered ("ChuKy-thu-truong-don-vi-2"). ASCII, no
    dots (a dot would make it a child of another field)."""
    names: list[str] = []
    for block in blocks:
        base = "ChuKy-" + slugify(block.position, limit=48)
        name, n = base, 1
        while name in names:
            n += 1
            name = f"{base}-{n}"
        names.append(name)
    return names


def with_signature_fields(data: bytes, blocks: list[SignerBlock]) -> bytes:
    """``data`` (a PDF) with one empty signature field per block, as an incremental update.

    pyHanko updates the XMP metadata with the modification; its Info dictionary's Producer is
    made the same as the XMP's, as PDF/A requires the two to agree."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.metadata.model import VENDOR
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    if not blocks:
        return data
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    for block, name in zip(blocks, field_names(blocks), strict=True):
        append_signature_field(writer, SigFieldSpec(name, on_page=block.page, box=block.rect))
    info = writer.trailer_view.get("/Info")
    if info is not None:
        info_dict = info.get_object()
        info_dict[generic.pdf_name("/Producer")] = generic.TextStringObject(VENDOR)
        writer.mark_update(info)
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def preload() -> None:
    """Import pdfminer.six and pyHanko now (once, before worker processes are forked, so that
    each does not import them again)."""
    for module in _LIBRARIES:
        importlib.import_module(module)


_LIBRARIES = (
    "pdfminer.converter",
    "pdfminer.pdfinterp",
    "pyhanko.pdf_utils.incremental_writer",
    "pyhanko.sign.fields",
)


def add_signature_fields(pdf: Path) -> list[str]:
    """Give ``pdf`` (in place) an empty signature field at each signer's block; their names."""
    blocks = signer_blocks(pdf)
    if blocks:
        pdf.write_bytes(with_signature_fields(pdf.read_bytes(), blocks))
    return field_names(blocks)
