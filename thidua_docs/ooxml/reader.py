"""Reading any .docx — one this toolkit wrote or one a clerk typed by hand — for checking.

``Package`` opens the zip safely (no entity expansion, no network, a size cap per part) and turns
every failure into a ``PackageError`` (an ``InputError``) naming the file. ``read_document``
reads the main document once into a ``Document``: its paragraphs in document order (table cells
and text boxes included) with their runs, table cells and section, the sections' page setup,
the styles and the numbering, and the header/footer parts on demand.

Paragraphs are numbered over all ``w:p`` of the body in document order, table cells included,
starting at 1 — the count ``render`` uses for template errors. The package is parsed with lxml;
nothing is ever written back.
"""

from __future__ import annotations

import posixpath
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from lxml import etree

from thidua_docs.errors import InputError
from thidua_docs.ooxml.names import (
    MC,
    PKG_RELS,
    RUN,
    STRICT_W,
    TBL,
    TC,
    TR,
    El,
    P,
    R,
    T,
    V,
    nearest,
    to_int,
    val,
    w,
)
from thidua_docs.ooxml.numbering import Labeller, Numbering
from thidua_docs.ooxml.styles import Styles

__all__ = [
    "Cell",
    "Document",
    "Package",
    "PackageError",
    "Paragraph",
    "Relationship",
    "Run",
    "Section",
    "read_document",
]

#: Largest part read from a package: a bigger one is a broken or hostile file, not a letter.
MAX_PART_BYTES: Final = 64 * 1024 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

_FALLBACK = f"{{{MC}}}Fallback"
_TEXTBOXES = (w("txbxContent"), f"{{{V}}}textbox")


class PackageError(InputError):
    """A file that cannot be read as a Word package. ``reason`` says why in a word, for a caller
    that tells its user in its own terms: "missing", "directory", "doc", "not-zip",
    "unreadable", "too-big", "corrupt-part", "bad-xml", "no-main-part", "strict", "no-body";
    ``part`` is the part concerned, if any."""

    def __init__(self, path: Path, reason: str, message: str, part: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason
        self.part = part


@dataclass(frozen=True)
class Relationship:
    type: str  # the last segment of the type URI: "styles", "header", "officeDocument"…
    target: str  # the target part's name inside the package


class Package:
    """The parts of a zip package, read and parsed on demand; failures become ``PackageError``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.exists():
            raise PackageError(path, "missing", f"Không tìm thấy tệp {path}")
        if path.is_dir():
            raise PackageError(path, "directory", f"{path} là thư mục, không phải tệp Word (.docx)")
        try:
            with path.open("rb") as stream:
                magic = stream.read(8)
            self.zip = zipfile.ZipFile(path)
            self.names = set(self.zip.namelist())
        except zipfile.BadZipFile as err:
            if magic.startswith(b"\xd0\xcf\x11\xe0"):
                raise PackageError(
                    path,
                    "doc",
                    f"Tệp {path} là tệp Word 97-2003 (.doc), không phải .docx: "
                    "hãy mở bằng Word rồi lưu lại dưới dạng .docx",
                ) from err
            raise PackageError(
                path, "not-zip", f"Tệp {path} không phải tệp Word (.docx): không phải tệp nén zip"
            ) from err
        except OSError as err:
            raise PackageError(
                path, "unreadable", f"Không đọc được tệp {path}: {err.strerror or err}"
            ) from err

    def entries(self) -> list[tuple[zipfile.ZipInfo, bytes]]:
        """Every entry with its bytes, in the archive's order (to copy the package as it is)."""
        return [(info, self._read(info.filename)) for info in self.zip.infolist()]

    def read(self, name: str) -> bytes | None:
        """The bytes of a part, or None when the package has no such part."""
        return self._read(name) if name in self.names else None

    def _read(self, name: str) -> bytes:
        if self.zip.getinfo(name).file_size > MAX_PART_BYTES:
            raise PackageError(
                self.path, "too-big", f"Tệp {self.path} không đọc được: phần {name} quá lớn", name
            )
        try:
            return self.zip.read(name)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as err:
            raise PackageError(
                self.path,
                "corrupt-part",
                f"Tệp {self.path} bị hỏng: không giải nén được phần {name} ({err})",
                name,
            ) from err

    def xml(self, name: str) -> El | None:
        """The parsed part, or None when the package has no such part."""
        data = self.read(name)
        if data is None:
            return None
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as err:
            raise PackageError(
                self.path,
                "bad-xml",
                f"Tệp {self.path} bị hỏng: phần {name} không phải XML hợp lệ ({err})",
                name,
            ) from err

    def rels(self, part: str) -> dict[str, Relationship]:
        """Relationships of ``part`` ("" for the package's own): id → relationship; external
        targets are left out."""
        folder, name = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
        result: dict[str, Relationship] = {}
        if root is None:
            return result
        for rel in root.iter(f"{{{PKG_RELS}}}Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            target = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            rel_type = (rel.get("Type") or "").rsplit("/", 1)[-1]
            result[rel.get("Id") or ""] = Relationship(rel_type, posixpath.normpath(target))
        return result

    def related(self, part: str, rel_type: str) -> str | None:
        """The first part ``part`` relates to with ``rel_type`` ("styles", "theme"…)."""
        return next((r.target for r in self.rels(part).values() if r.type == rel_type), None)

    def styles(self, part: str, *, theme: bool = False) -> Styles:
        """The styles of main part ``part`` (found through its relationships), with the theme's
        fonts when ``theme``."""
        styles_part = self.related(part, "styles")
        theme_part = self.related(part, "theme") if theme else None
        return Styles(
            self.xml(styles_part) if styles_part else None,
            self.xml(theme_part) if theme_part else None,
        )


@dataclass(frozen=True, eq=False)
class Run:
    """A ``w:r`` of a paragraph and where its text sits in the paragraph's text."""

    element: El
    start: int
    end: int
    text: str


@dataclass(frozen=True, eq=False)
class Cell:
    """The table cell a paragraph is in: the table, row index, grid column and ``w:tc``."""

    table: El
    row: int
    col: int
    tc: El


@dataclass(frozen=True, eq=False)
class Paragraph:
    """One ``w:p``: its number, own text (nested text boxes excluded), runs and place."""

    index: int
    element: El
    text: str
    runs: tuple[Run, ...]
    cell: Cell | None
    boxed: bool  # inside a text box
    fallback: bool  # inside mc:Fallback: a duplicate kept for old Word versions
    section: int
    label: str = ""  # the automatic numbering label shown in front of it ("1. ", "a) ")
    key: str = field(init=False)  # the text, NFC, whitespace collapsed: what detection reads

    def __post_init__(self) -> None:
        # Detection works on NFC text: a decomposed "ộ" must still be recognised (and reported).
        object.__setattr__(self, "key", " ".join(unicodedata.normalize("NFC", self.text).split()))

    @property
    def numbered(self) -> str:
        """The text as shown, automatic numbering label included."""
        return " ".join(f"{self.label}{self.key}".split())

    @property
    def place(self) -> str:
        """``đoạn N "excerpt"``: the excerpt whitespace-collapsed, cut to 50 characters."""
        excerpt = " ".join(self.text.split())
        if len(excerpt) > 50:
            excerpt = excerpt[:49] + "…"
        return f'đoạn {self.index} "{excerpt}"'


@dataclass(frozen=True, eq=False)
class Section:
    """One section's page: its ``w:sectPr`` and page size and margins in twips."""

    sect_pr: El
    width: int
    height: int
    top: int
    bottom: int
    left: int  # the gutter included
    right: int

    @property
    def text_width(self) -> int:
        return max(self.width - self.left - self.right, 1)

    @property
    def text_height(self) -> int:
        return max(self.height - self.top - self.bottom, 1)

    def refs(self, tag: str) -> dict[str, str]:
        """``headerReference``/``footerReference`` of the section: type ("default", "first",
        "even") → relationship id."""
        return {
            ref.get(w("type")) or "default": ref.get(f"{{{R}}}id") or ""
            for ref in self.sect_pr.iter(w(tag))
        }


def paragraph_parts(p: El) -> tuple[str, tuple[Run, ...]]:
    """A paragraph's own text (w:t, w:tab, w:br, w:cr, w:noBreakHyphen of its runs) and its
    runs with their offsets in it."""
    text = ""
    runs: list[Run] = []
    for node in p.iter(T, w("tab"), w("br"), w("cr"), w("noBreakHyphen")):
        run = node.getparent()
        if run is None or run.tag != RUN or nearest(node, P) is not p:
            continue  # tab stops in w:pPr, text of nested text boxes
        if node.tag == T:
            piece = node.text or ""
        elif node.tag == w("tab"):
            piece = "\t"
        elif node.tag == w("noBreakHyphen"):
            piece = "-"
        else:
            piece = "\n"
        if runs and runs[-1].element is run:
            last = runs[-1]
            runs[-1] = Run(run, last.start, last.end + len(piece), last.text + piece)
        else:
            runs.append(Run(run, len(text), len(text) + len(piece), piece))
        text += piece
    return text, tuple(runs)


def cell_of(p: El) -> Cell | None:
    """The table cell holding ``p`` (its innermost), with its grid column; None outside tables."""
    tc = nearest(p, TC)
    tr = nearest(tc, TR) if tc is not None else None
    table = nearest(tr, TBL) if tr is not None else None
    if tc is None or tr is None or table is None:
        return None
    rows = [row for row in table.iter(TR) if nearest(row, TBL) is table]
    col = to_int(val(tr.find(f"{w('trPr')}/{w('gridBefore')}")))
    for cell in tr.iter(TC):
        if nearest(cell, TR) is not tr:
            continue
        if cell is tc:
            break
        col += to_int(val(cell.find(f"{w('tcPr')}/{w('gridSpan')}")), 1)
    return Cell(table, rows.index(tr), col, tc)


def _section(sect_pr: El) -> Section:
    size = sect_pr.find(w("pgSz"))
    margins = sect_pr.find(w("pgMar"))

    def get(element: El | None, name: str, default: int) -> int:
        # A negative top/bottom margin only tells Word not to move text for the header.
        return abs(to_int(val(element, name), default))

    return Section(
        sect_pr,
        get(size, "w", 12240),  # Word's defaults when the file says nothing: US Letter
        get(size, "h", 15840),
        get(margins, "top", 1440),
        get(margins, "bottom", 1440),
        get(margins, "left", 1800) + get(margins, "gutter", 0),  # the gutter widens the left
        get(margins, "right", 1800),
    )


@dataclass(frozen=True, eq=False)
class Document:
    """A Word document read once: the main part's body, paragraphs, sections, styles, numbering."""

    path: Path
    package: Package
    part: str
    body: El
    rels: dict[str, Relationship]
    styles: Styles
    numbering: Numbering
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]

    def part_xml(self, rel_id: str | None) -> El | None:
        """The part the main document relates to by ``rel_id`` (a header…), None if none."""
        rel = self.rels.get(rel_id or "")
        return self.package.xml(rel.target) if rel else None

    def part_paragraphs(self, rel_id: str | None) -> tuple[Paragraph, ...]:
        """The paragraphs of a related part (header, footer), numbered from 1 in that part,
        without numbering labels."""
        root = self.part_xml(rel_id)
        if root is None:
            return ()
        out = []
        for index, p in enumerate(root.iter(P), start=1):
            text, runs = paragraph_parts(p)
            out.append(Paragraph(index, p, text, runs, cell_of(p), False, False, 0))
        return tuple(out)


def read_document(path: Path) -> Document:
    """Read the .docx at ``path``; ``PackageError`` (an ``InputError`` naming the file) when it
    is not a readable Word document."""
    path = Path(path)
    package = Package(path)
    part = package.related("", "officeDocument")
    root = package.xml(part) if part else None
    if part is None or root is None:
        raise PackageError(
            path,
            "no-main-part",
            f"Tệp {path} không phải tệp Word (.docx): không có phần văn bản chính",
        )
    if str(root.tag).startswith(f"{{{STRICT_W}}}"):
        raise PackageError(
            path,
            "strict",
            f"Tệp {path} được lưu theo chuẩn Strict Open XML: hãy lưu lại dưới dạng "
            "“Word Document (.docx)” thông thường",
        )
    body = root.find(w("body"))
    if root.tag != w("document") or body is None:
        raise PackageError(
            path, "no-body", f"Tệp {path} không phải văn bản Word: phần chính không có nội dung"
        )
    rels = package.rels(part)
    styles = package.styles(part)
    numbering_part = package.related(part, "numbering")
    numbering = Numbering(package.xml(numbering_part) if numbering_part else None)
    sect_prs = [s for s in body.iter(w("sectPr")) if s.getparent().tag in (w("pPr"), w("body"))]
    if not sect_prs or sect_prs[-1].getparent() is not body:
        sect_prs.append(etree.Element(w("sectPr")))
    sections = tuple(_section(s) for s in sect_prs)
    return Document(
        path,
        package,
        part,
        body,
        rels,
        styles,
        numbering,
        sections,
        _body_paragraphs(body, Labeller(numbering, styles), len(sections)),
    )


def _body_paragraphs(body: El, labeller: Labeller, sections: int) -> tuple[Paragraph, ...]:
    paras: list[Paragraph] = []
    section = 0
    for index, p in enumerate(body.iter(P), start=1):
        text, runs = paragraph_parts(p)
        ancestors = {a.tag for a in p.iterancestors()}
        fallback = _FALLBACK in ancestors
        paras.append(
            Paragraph(
                index,
                p,
                text,
                runs,
                cell_of(p),
                boxed=any(tag in ancestors for tag in _TEXTBOXES),
                fallback=fallback,
                section=min(section, sections - 1),
                # A fallback duplicate is not shown, so it does not advance the counters.
                label="" if fallback else labeller.label(p),
            )
        )
        if p.find(f"{w('pPr')}/{w('sectPr')}") is not None:
            section += 1
    return tuple(paras)
