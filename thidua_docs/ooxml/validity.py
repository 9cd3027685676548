"""Is a .docx a valid package? The structural check run on every generated file before it is written.

Word refuses ("unreadable content") and LibreOffice misreads a package that breaks the rules below,
which a template can break without any tag error: a ``{%p if %}`` block that holds a cell's every
paragraph leaves the cell empty when false, a ``{%tr for %}`` over an empty list can leave a table
without rows. ``package_flaws`` lists every breach, located in the words the template checker
uses ('phần thân, bảng 2, dòng 3, ô 1'):

* every part that is XML parses (``.xml``, ``.rels``);
* ``[Content_Types].xml`` gives a content type to every part (an Override or a Default extension);
* every internal relationship points at a part present in the package, and every ``.rels`` belongs
  to a part present;
* in every WordprocessingML part: each ``w:tc`` ends with a paragraph (its last block element is a
  ``w:p``), each ``w:tbl`` has a ``w:tblGrid`` with as many ``w:gridCol`` as its widest row needs
  (``gridBefore`` + the cells' ``gridSpan`` + ``gridAfter``) and at least one row, and no ``w:tr``
  is left without a cell.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from lxml import etree

from thidua_docs.errors import TemplateError
from thidua_docs.ooxml.names import PKG_RELS, TBL, TC, TR, El, W, nearest, to_int, val, w

__all__ = ["Flaw", "ensure_valid", "file_flaws", "package_flaws", "part_words"]

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_CONTENT_TYPES: Final = "[Content_Types].xml"
_CT: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
_PART_WORDS: Final = {
    "document": "phần thân",
    "header": "đầu trang",
    "footer": "chân trang",
    "footnotes": "chú thích cuối trang",
    "endnotes": "chú thích cuối văn bản",
    "comments": "phần ghi chú",
    "glossary/document": "phần khối dựng sẵn",
}
#: Children of a cell that are not block content (properties, range and revision marks).
_NOT_BLOCKS: Final = frozenset(
    w(tag)
    for tag in (
        "tcPr",
        "bookmarkStart",
        "bookmarkEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "permStart",
        "permEnd",
        "proofErr",
    )
)
#: Parts (name, CRC-32, size) that parsed and passed the table rules in this process: the fixed
#: parts of a template are checked once, not once per document.
_SOUND: set[tuple[str, int, int]] = set()
_SOUND_LIMIT: Final = 4096
_SDT: Final = w("sdt")
#: WordprocessingML parts larger than this (uncompressed) are checked as a stream.
_STREAM_ABOVE: Final = 8 * 2**20
_P: Final = w("p")


@dataclass(frozen=True)
class Flaw:
    """One breach: the part, the place in it in the clerk's words, and what is wrong."""

    part: str
    place: str
    message: str
    kind: str = "package"  # "package" (zip, XML, content types, relationships), "cell", "table"

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


def part_words(name: str) -> str:
    """'phần thân' for word/document.xml, 'đầu trang' for word/header2.xml…; else the name."""
    stem = re.sub(r"\d+$", "", name.removeprefix("word/").removesuffix(".xml"))
    return _PART_WORDS.get(stem, name)


def file_flaws(path: Path) -> list[Flaw]:
    """``package_flaws`` of the file at ``path`` (read whole; the caller handles OSError)."""
    return package_flaws(Path(path).read_bytes())


def package_flaws(data: bytes) -> list[Flaw]:
    """Every structural breach of the .docx package ``data`` (module docstring), in part order."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except zipfile.BadZipFile:
        return [Flaw("", "", "không phải tệp nén zip của Word (.docx)")]
    flaws: list[Flaw] = []
    names = [info.filename for info in infos]
    present = set(names)
    trees: dict[str, El] = {}
    checked: list[tuple[str, int, int]] = []
    for info in infos:
        name = info.filename
        if not name.endswith((".xml", ".rels")):
            continue
        key = (name, info.CRC, info.file_size)
        if key in _SOUND:  # byte for byte a part already found sound (a template's fixed part)
            continue
        checked.append(key)
        if info.file_size > _STREAM_ABOVE and name.startswith("word/"):
            # A print file of 10,000 certificates: checked block by block, never held whole.
            flaws += _streamed_flaws(archive, name)
            continue
        try:
            trees[name] = etree.fromstring(archive.read(name), _PARSER)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as err:
            flaws.append(Flaw(name, part_words(name), f"phần {name} không giải nén được ({err})"))
        except etree.XMLSyntaxError as err:
            flaws.append(Flaw(name, part_words(name), f"phần {name} không phải XML hợp lệ ({err})"))
    flaws += _content_type_flaws(trees.get(_CONTENT_TYPES), names)
    for name, root in trees.items():
        if name.endswith(".rels"):
            flaws += _relationship_flaws(name, root, present)
    for name, root in trees.items():
        if name.endswith(".xml") and root.tag.startswith(f"{{{W}}}"):
            flaws += _table_flaws(name, root)
    broken = {flaw.part for flaw in flaws}
    for key in checked:
        # Relationships and content types depend on the other parts present: always checked.
        if key[0] not in broken and key[0] != _CONTENT_TYPES and not key[0].endswith(".rels"):
            if len(_SOUND) >= _SOUND_LIMIT:
                _SOUND.clear()
            _SOUND.add(key)
    return flaws


def _content_type_flaws(root: El | None, names: list[str]) -> list[Flaw]:
    if root is None:
        return [Flaw(_CONTENT_TYPES, "", f"thiếu phần {_CONTENT_TYPES} (kiểu nội dung các phần)")]
    defaults = {(d.get("Extension") or "").lower() for d in root.iter(f"{{{_CT}}}Default")}
    overrides = {(o.get("PartName") or "").lstrip("/") for o in root.iter(f"{{{_CT}}}Override")}
    flaws = []
    for name in names:
        if name == _CONTENT_TYPES or name in overrides:
            continue
        if name.rsplit("/", 1)[-1].rsplit(".", 1)[-1].lower() not in defaults:
            flaws.append(
                Flaw(name, "", f"phần {name} không có kiểu nội dung trong {_CONTENT_TYPES}")
            )
    return flaws


def _relationship_flaws(name: str, root: El, present: set[str]) -> list[Flaw]:
    folder = posixpath.dirname(posixpath.dirname(name))  # word/_rels/x.rels → word
    source = posixpath.join(folder, posixpath.basename(name).removesuffix(".rels"))
    flaws = []
    if name != "_rels/.rels" and source not in present:
        flaws.append(Flaw(name, "", f"phần {name} thuộc phần {source}, không có trong tệp"))
    for rel in root.iter(f"{{{PKG_RELS}}}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External":
            continue
        resolved = (
            target[1:]
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        if resolved not in present:
            flaws.append(
                Flaw(
                    name,
                    "",
                    f"liên kết {rel.get('Id') or '?'} của phần {source or 'gói'} trỏ tới phần "
                    f"{resolved}, không có trong tệp",
                )
            )
    return flaws


def _rows(table: El) -> list[El]:
    return [row for row in table.iter(TR) if nearest(row, TBL) is table]


def _cells(row: El) -> list[El]:
    return [cell for cell in row.iter(TC) if nearest(cell, TR) is row]


def _text(element: El, limit: int = 40) -> str:
    pieces = ("".join(t.text or "" for t in p.iter(w("t"))) for p in element.iter(_P))
    text = " ".join(" ".join(pieces).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ends_with_paragraph(container: El) -> bool:
    blocks = [
        child for child in container if isinstance(child.tag, str) and child.tag not in _NOT_BLOCKS
    ]
    if not blocks:
        return False
    last = blocks[-1]
    if last.tag == _SDT:  # a content control: its content must end with a paragraph
        content = last.find(w("sdtContent"))
        return content is not None and _ends_with_paragraph(content)
    return bool(last.tag == _P)


def _streamed_flaws(archive: zipfile.ZipFile, name: str) -> list[Flaw]:
    """The table rules of a large WordprocessingML part, read as a stream: each block of the body
    (or of a header's or footer's root) checked when it ends, then dropped, so memory stays that
    of one block."""
    flaws: list[Flaw] = []
    tables = 0
    body = w("body")
    try:
        with archive.open(name) as stream:
            blocks = etree.iterparse(
                stream,
                events=("end",),
                tag=(_P, TBL, _SDT, w("sectPr")),
                resolve_entities=False,
                no_network=True,
                huge_tree=True,
            )
            for _, element in blocks:
                parent = element.getparent()
                if parent is None or (parent.tag != body and parent.getparent() is not None):
                    continue  # inside a table or a content control: checked with its block
                found = list(_table_flaws(name, element, first=tables + 1))
                flaws += found
                tables += sum(1 for _ in element.iter(TBL))
                element.clear()
                while element.getprevious() is not None:
                    del parent[0]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as err:
        flaws.append(Flaw(name, part_words(name), f"phần {name} không giải nén được ({err})"))
    except etree.XMLSyntaxError as err:
        flaws.append(Flaw(name, part_words(name), f"phần {name} không phải XML hợp lệ ({err})"))
    return flaws


def _table_flaws(name: str, root: El, first: int = 1) -> Iterable[Flaw]:
    label = part_words(name)
    for number, table in enumerate(root.iter(TBL), start=first):
        where = f"{label}, bảng {number}"
        rows = _rows(table)
        if not rows:
            yield Flaw(name, where, "bảng không còn dòng nào (Word báo tệp hỏng)", "table")
        needed = 0
        for index, row in enumerate(rows, start=1):
            cells = _cells(row)
            shown = _text(row)
            at = f"{where}, dòng {index}" + (f" «{shown}»" if shown else "")
            if not cells:
                yield Flaw(name, at, "dòng bảng không có ô nào (Word báo tệp hỏng)", "table")
            tr_pr = row.find(w("trPr"))
            span = to_int(val(tr_pr.find(w("gridBefore")) if tr_pr is not None else None))
            span += to_int(val(tr_pr.find(w("gridAfter")) if tr_pr is not None else None))
            for col, cell in enumerate(cells, start=1):
                span += max(to_int(val(cell.find(f"{w('tcPr')}/{w('gridSpan')}")), 1), 1)
                if not _ends_with_paragraph(cell):
                    yield Flaw(
                        name,
                        f"{at}, ô {col}",
                        message="ô bảng không kết thúc bằng một đoạn văn (thường do cả nội dung ô "
                        "nằm trong khối {%p if %} hay {%p for %} không được in); Word báo tệp hỏng, "
                        "LibreOffice kéo phần sau vào bảng",
                        kind="cell",
                    )
            needed = max(needed, span)
        grid = table.find(w("tblGrid"))
        columns = len(grid.findall(w("gridCol"))) if grid is not None else 0
        if grid is None:
            yield Flaw(name, where, "bảng không có lưới cột (w:tblGrid)", "table")
        elif columns < needed:
            yield Flaw(
                name,
                where,
                f"lưới cột của bảng có {columns} cột, các dòng cần {needed} cột",
                "table",
            )


def ensure_valid(data: bytes, template: Path | str) -> bytes:
    """``data`` when it is a valid package; else a ``TemplateError`` naming ``template`` (what
    the document was made from) and the first breach's place, so nothing invalid is written."""
    flaws = package_flaws(data)
    if not flaws:
        return data
    first = flaws[0]
    more = f" (và {len(flaws) - 1} lỗi cấu trúc khác)" if len(flaws) > 1 else ""
    raise TemplateError(
        template,
        first.place or first.part,
        f"văn bản tạo ra không phải tệp Word hợp lệ: {first.message}{more}; "
        "không ghi tệp này — sửa mẫu (xem: thidua templates check)",
    )
