"""Checking any .docx against the thể thức of Nghị định 30/2020 (Phụ lục I), paragraph by paragraph.

``check_document(path)`` reads a Word file — one this toolkit wrote or one a clerk typed by hand —
and returns every violation of ../shared/reference/nd30.md that can be read from the file, each
with the paragraph it is in (``đoạn 14 "Nơi nhận:"``), or ``trang`` / ``đầu trang`` for the page
setup and the page header, or ``văn bản`` for an element the document lacks. A document that
follows the rules gives an empty list: every rule is tuned to stay quiet on a correct document.

How the file is read:
- the package is opened with ``zipfile`` and parsed with ``lxml`` (no python-docx objects), so
  hand-made files with unusual parts, text boxes, content controls or numbering still read;
- every formatting value is the *effective* one: direct run/paragraph properties → character
  style → paragraph style (with ``basedOn``) → numbering level → table style → document defaults;
  a theme font (``asciiTheme``…) overrides the named font at the same level and never counts as
  Times New Roman;
- elements are found by their text ("Số:", "Kính gửi:", "Nơi nhận:", "Điều 1."…), not by their
  position only, because hand-made documents lay the header out in tables, tabs or text boxes;
  automatic numbering is turned back into its label ("1.", "a)") so numbered lists are checked;
- paragraphs are numbered over all ``w:p`` of the body in document order, table cells included,
  starting at 1 — the count ``render.py`` uses for template errors.

What a file cannot tell (the laid-out page) is estimated: text width at 0.5 em per character, to
judge a line drawn under a text and the page count ("a one-page document needs no number").
"""

from __future__ import annotations

import math
import posixpath
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from lxml import etree

from thidua_docs.errors import InputError

__all__ = ["KINDS", "Violation", "check_document"]

#: Kinds of document the checker knows, with their Vietnamese names (used in messages).
KINDS: Final[dict[str, str]] = {
    "cong_van": "công văn",
    "ke_hoach": "kế hoạch",
    "to_trinh": "tờ trình",
    "bao_cao": "báo cáo",
    "bien_ban": "biên bản",
    "quyet_dinh": "quyết định",
    "danh_sach": "danh sách",
}

# An lxml element; lxml ships no type information (see pyproject's mypy overrides).
_El = Any

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_V = "urn:schemas-microsoft-com:vml"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _RUN, _T, _TBL, _TR, _TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
_FALLBACK = f"{{{_MC}}}Fallback"
_TEXTBOXES = (_w("txbxContent"), f"{{{_V}}}textbox")

#: Largest part read from a package: a bigger one is a broken or hostile file, not a letter.
_MAX_PART_BYTES = 64 * 1024 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

_TWIPS_PER_MM = 1440 / 25.4
_PT_PER_MM = 72 / 25.4
_EMU_PER_MM = 36000
#: Width of an average character, in em, wherever a text width has to be guessed.
_EM_PER_CHAR = 0.5
#: Word's "single" line height for Times New Roman, in em.
_SINGLE_LINE_EM = 1.15
#: Word's default cell margin (the Normal Table style), in twips.
_DEFAULT_CELL_MARGIN = 108
#: Above this many estimated pages a document needs page numbers; the margin absorbs the
#: estimate's error, so a one-page letter is never asked for a number.
_MULTI_PAGE = 1.1
_END = 10**9

FONT: Final = "Times New Roman"
TIEU_NGU: Final = "Độc lập - Tự do - Hạnh phúc"
#: Điểm letters in ND30 order: the Vietnamese alphabet without ă â ê ô ơ ư, with đ.
DIEM_LETTERS: Final = tuple("abcdđeghiklmnopqrstuvxy")
#: Type codes of Phụ lục III; "CV" is a common mistake for công văn, which has no type code.
_TYPE_CODES = {"QĐ", "KH", "TTr", "BC", "BB", "TB", "HD", "CTr", "QyĐ", "CV"}
_KIND_CODES = {
    "ke_hoach": "KH",
    "to_trinh": "TTr",
    "bao_cao": "BC",
    "bien_ban": "BB",
    "quyet_dinh": "QĐ",
}
_TITLES = {
    "ke_hoach": "KẾ HOẠCH",
    "to_trinh": "TỜ TRÌNH",
    "bao_cao": "BÁO CÁO",
    "bien_ban": "BIÊN BẢN",
    "quyet_dinh": "QUYẾT ĐỊNH",
}
_TITLE_KINDS = {title.casefold(): kind for kind, title in _TITLES.items()}
_CHAIRS = ("CHỦ TỌA", "CHỦ TOẠ", "CHỦ TRÌ")

# Patterns run on NFC, whitespace-collapsed text; those on casefolded text say so.
_QUOC_HIEU = re.compile(r"^cộng h(òa|oà) xã hội chủ nghĩa việt nam$")  # casefolded
_TIEU_NGU = re.compile(r"^độc\s*lập\s*[-–—‐]\s*tự\s*do\s*[-–—‐]\s*hạnh\s*phúc$")  # casefolded
_SO = re.compile(r"^(Số|SỐ|số)\s*:")
_PLACE_DATE = re.compile(r"^[^\d,]{2,60},\s*ngày\b")
_DATE = re.compile(r"ngày\s*(?P<d>\d*|[.…]*)\s*tháng\s*(?P<m>\d*|[.…]*)\s*năm\s*(?P<y>\d{4}|[.…]*)")
_VV = re.compile(r"^V/v\b")
_KINH_GUI = re.compile(r"^Kính\s*gửi\b")
_NOI_NHAN = re.compile(r"^Nơi\s*nhận\b")
_ROMAN = re.compile(r"^(?P<n>X{0,3}(?:IX|IV|V?I{0,3}))\.\s+\S")
_KHOAN = re.compile(r"^(?P<n>\d{1,2})\.\s+\S")
_DIEM = re.compile(r"^(?P<l>[a-zđ])\)\s+\S")
_DIEU = re.compile(r"^Điều\s+(?P<n>\d+)\s*\.")
_AUTHORITY = re.compile(r"^(KT|TM|Q|TL|TUQ)\.\s*\S")
_HONORIFIC = re.compile(r"^(Ông|Bà|Đồng chí|Đ/c|TS\.|ThS\.|PGS\.|GS\.|KS\.|BS\.)\s")


@dataclass(frozen=True)
class Violation:
    """One place where a document breaks an ND30 rule.

    ``place`` is ``đoạn N "excerpt"`` (N counted over all ``w:p`` of the body in document order,
    table cells included, from 1; the excerpt is the paragraph text, whitespace-collapsed, cut to
    50 characters ending in "…" when longer), ``trang`` (page setup), ``đầu trang`` (page header)
    or ``văn bản`` (an element the document lacks). ``rule`` is a short Vietnamese rule name;
    ``found`` and ``expected`` are Vietnamese phrases.
    """

    file: Path
    place: str
    rule: str
    found: str
    expected: str

    def __str__(self) -> str:
        return f"{self.file.name}: {self.place} — {self.found}, thể thức yêu cầu {self.expected}"


def check_document(path: Path, kind: str | None = None) -> list[Violation]:
    """Every ND30 violation readable from the .docx at ``path``, in document order.

    ``kind`` is a key of ``KINDS`` or None to detect it from the text: a "V/v …" line and no tên
    loại is a công văn; the heading KẾ HOẠCH / TỜ TRÌNH / BÁO CÁO / BIÊN BẢN / QUYẾT ĐỊNH names
    the others; a "DANH SÁCH …" heading followed by "(Kèm theo …)" is a danh sách. A file that is
    not a readable Word document, or an unknown ``kind``, raises ``InputError`` naming the file.
    """
    path = Path(path)
    if kind is not None and kind not in KINDS:
        raise InputError(
            f"{path}: loại văn bản không hợp lệ {kind!r}; chọn một trong: {', '.join(KINDS)}"
        )
    return _Checker(path, _Document.load(path), kind).run()


# ---------------------------------------------------------------------------------------------
# Reading the package


class _Package:
    """The parts of a zip package, parsed on demand; every failure becomes an ``InputError``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.exists():
            raise InputError(f"Không tìm thấy tệp {path}")
        if path.is_dir():
            raise InputError(f"{path} là thư mục, không phải tệp Word (.docx)")
        try:
            with path.open("rb") as stream:
                magic = stream.read(8)
            self.zip = zipfile.ZipFile(path)
            self.names = set(self.zip.namelist())
        except zipfile.BadZipFile as err:
            if magic.startswith(b"\xd0\xcf\x11\xe0"):
                raise InputError(
                    f"Tệp {path} là tệp Word 97-2003 (.doc), không phải .docx: "
                    "hãy mở bằng Word rồi lưu lại dưới dạng .docx"
                ) from err
            raise InputError(
                f"Tệp {path} không phải tệp Word (.docx): không phải tệp nén zip"
            ) from err
        except OSError as err:
            raise InputError(f"Không đọc được tệp {path}: {err.strerror or err}") from err

    def xml(self, name: str) -> _El | None:
        """The parsed part, or None when the package has no such part."""
        if name not in self.names:
            return None
        if self.zip.getinfo(name).file_size > _MAX_PART_BYTES:
            raise InputError(f"Tệp {self.path} không đọc được: phần {name} quá lớn")
        try:
            return etree.fromstring(self.zip.read(name), _PARSER)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as err:
            raise InputError(
                f"Tệp {self.path} bị hỏng: không giải nén được phần {name} ({err})"
            ) from err
        except etree.XMLSyntaxError as err:
            raise InputError(
                f"Tệp {self.path} bị hỏng: phần {name} không phải XML hợp lệ ({err})"
            ) from err

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of ``part``: id → (type, target part name); external targets left out."""
        folder, name = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
        result: dict[str, tuple[str, str]] = {}
        if root is None:
            return result
        for rel in root.iter(f"{{{_PKG_RELS}}}Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            target = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            rel_type = (rel.get("Type") or "").rsplit("/", 1)[-1]
            result[rel.get("Id") or ""] = (rel_type, posixpath.normpath(target))
        return result


def _on(element: _El | None) -> bool | None:
    """A toggle property (w:b, w:i…): None when absent, else its value (no w:val means on)."""
    if element is None:
        return None
    return str(element.get(_w("val"), "true")).lower() not in ("0", "false", "off", "none")


def _int(value: str | None, default: int = 0) -> int:
    try:
        return round(float(value)) if value is not None else default
    except ValueError:
        return default


def _val(element: _El | None, name: str = "val") -> str | None:
    return None if element is None else element.get(_w(name))


class _Styles:
    """Style definitions and document defaults, with ``basedOn`` chains."""

    def __init__(self, root: _El | None) -> None:
        self.by_id: dict[str, _El] = {}
        self.defaults: dict[str, str] = {}
        self.default_rpr: _El | None = None
        self.default_ppr: _El | None = None
        if root is None:
            return
        for style in root.iter(_w("style")):
            style_id = style.get(_w("styleId"))
            if style_id is None:
                continue
            self.by_id.setdefault(style_id, style)
            if str(style.get(_w("default"), "0")).lower() in ("1", "true", "on"):
                self.defaults.setdefault(style.get(_w("type")) or "paragraph", style_id)
        defaults = root.find(_w("docDefaults"))
        if defaults is not None:
            self.default_rpr = defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}")
            self.default_ppr = defaults.find(f"{_w('pPrDefault')}/{_w('pPr')}")

    def chain(self, style_id: str | None, kind: str) -> list[_El]:
        """The style and its ancestors, nearest first; a missing or unknown id means the default."""
        if style_id is None or style_id not in self.by_id:
            style_id = self.defaults.get(kind)
        chain: list[_El] = []
        while style_id is not None and style_id in self.by_id:
            style = self.by_id[style_id]
            if any(style is seen for seen in chain):
                break  # a basedOn cycle
            chain.append(style)
            style_id = _val(style.find(_w("basedOn")))
        return chain


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


def _format_number(value: int, fmt: str) -> str:
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        # Word's letters run a…z, then aa…zz: never the Vietnamese đ.
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(value).lower() if fmt == "lowerRoman" else _roman(value)
    return str(value)


class _Numbering:
    """Automatic numbering: the label Word shows in front of a numbered paragraph ("1.", "a)")."""

    def __init__(self, root: _El | None) -> None:
        self.abstract: dict[str, dict[int, _El]] = {}
        self.nums: dict[str, tuple[str, dict[int, _El]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(_w("abstractNum")):
            levels = {_int(lvl.get(_w("ilvl"))): lvl for lvl in abstract.iter(_w("lvl"))}
            self.abstract[abstract.get(_w("abstractNumId")) or ""] = levels
        for num in root.iter(_w("num")):
            overrides = {_int(o.get(_w("ilvl"))): o for o in num.iter(_w("lvlOverride"))}
            abstract_id = _val(num.find(_w("abstractNumId"))) or ""
            self.nums[num.get(_w("numId")) or ""] = (abstract_id, overrides)

    def level(self, num_id: str, ilvl: int) -> _El | None:
        if num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        override = overrides.get(ilvl)
        if override is not None and override.find(_w("lvl")) is not None:
            return override.find(_w("lvl"))
        return self.abstract.get(abstract_id, {}).get(ilvl)

    def _start(self, num_id: str, ilvl: int) -> int:
        override = self.nums[num_id][1].get(ilvl)
        start = override.find(_w("startOverride")) if override is not None else None
        if start is None:
            lvl = self.level(num_id, ilvl)
            start = lvl.find(_w("start")) if lvl is not None else None
        return _int(_val(start), 1)

    def _fmt(self, num_id: str, ilvl: int) -> str:
        lvl = self.level(num_id, ilvl)
        return (_val(lvl.find(_w("numFmt"))) if lvl is not None else None) or "decimal"

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list's counter at ``ilvl``; the label shown, with its trailing space."""
        lvl = self.level(num_id, ilvl)
        if lvl is None:
            return ""
        # Lists of one abstract definition continue each other, as in Word; a startOverride
        # restarts the list the first time its num is used.
        counters = self.counters.setdefault(self.nums[num_id][0], {})
        if num_id not in self.started:
            self.started.add(num_id)
            overrides = self.nums[num_id][1].values()
            if any(o.find(_w("startOverride")) is not None for o in overrides):
                counters.clear()
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else self._start(num_id, ilvl)
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        if self._fmt(num_id, ilvl) == "none":
            return ""

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            value = counters.get(level, self._start(num_id, level))
            return _format_number(value, self._fmt(num_id, level))

        label = re.sub(r"%([1-9])", number, _val(lvl.find(_w("lvlText"))) or "")
        if _val(lvl.find(_w("suff"))) in (None, "tab", "space"):
            label += " "
        return label


@dataclass
class _Run:
    element: _El
    start: int
    end: int
    text: str


@dataclass
class _Cell:
    table: _El
    row: int
    col: int
    tc: _El


@dataclass
class _Para:
    """One ``w:p``: its number, own text (nested text boxes excluded), runs and place."""

    index: int
    element: _El
    text: str
    runs: list[_Run]
    cell: _Cell | None
    boxed: bool
    fallback: bool
    section: int
    label: str = ""
    key: str = field(init=False)

    def __post_init__(self) -> None:
        # Detection works on NFC text: a decomposed "ộ" must still be recognised (and reported).
        self.key = " ".join(unicodedata.normalize("NFC", self.text).split())

    @property
    def numbered(self) -> str:
        """The text as shown, automatic numbering label included."""
        return " ".join(f"{self.label}{self.key}".split())

    @property
    def place(self) -> str:
        excerpt = " ".join(self.text.split())
        if len(excerpt) > 50:
            excerpt = excerpt[:49] + "…"
        return f'đoạn {self.index} "{excerpt}"'


def _nearest(node: _El, tag: str) -> _El | None:
    parent = node.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _paragraph_parts(p: _El) -> tuple[str, list[_Run]]:
    """A paragraph's own text (w:t, w:tab, w:br, w:cr of its runs) and its runs with offsets."""
    text = ""
    runs: list[_Run] = []
    for node in p.iter(_T, _w("tab"), _w("br"), _w("cr"), _w("noBreakHyphen")):
        run = node.getparent()
        if run is None or run.tag != _RUN or _nearest(node, _P) is not p:
            continue  # tab stops in w:pPr, text of nested text boxes
        if node.tag == _T:
            piece = node.text or ""
        elif node.tag == _w("tab"):
            piece = "\t"
        elif node.tag == _w("noBreakHyphen"):
            piece = "-"
        else:
            piece = "\n"
        if runs and runs[-1].element is run:
            runs[-1].end += len(piece)
            runs[-1].text += piece
        else:
            runs.append(_Run(run, len(text), len(text) + len(piece), piece))
        text += piece
    return text, runs


def _cell_of(p: _El) -> _Cell | None:
    tc = _nearest(p, _TC)
    tr = _nearest(tc, _TR) if tc is not None else None
    table = _nearest(tr, _TBL) if tr is not None else None
    if tc is None or tr is None or table is None:
        return None
    rows = [row for row in table.iter(_TR) if _nearest(row, _TBL) is table]
    col = _int(_val(tr.find(f"{_w('trPr')}/{_w('gridBefore')}")))
    for cell in tr.iter(_TC):
        if _nearest(cell, _TR) is not tr:
            continue
        if cell is tc:
            break
        col += _int(_val(cell.find(f"{_w('tcPr')}/{_w('gridSpan')}")), 1)
    return _Cell(table, rows.index(tr), col, tc)


@dataclass
class _Section:
    sect_pr: _El
    width: int  # twips
    height: int
    top: int
    bottom: int
    left: int
    right: int

    @property
    def text_width(self) -> int:
        return max(self.width - self.left - self.right, 1)

    @property
    def text_height(self) -> int:
        return max(self.height - self.top - self.bottom, 1)


def _section(sect_pr: _El) -> _Section:
    size = sect_pr.find(_w("pgSz"))
    margins = sect_pr.find(_w("pgMar"))

    def get(element: _El | None, name: str, default: int) -> int:
        # A negative top/bottom margin only tells Word not to move text for the header.
        return abs(_int(_val(element, name), default))

    return _Section(
        sect_pr,
        get(size, "w", 12240),  # Word's defaults when the file says nothing: US Letter
        get(size, "h", 15840),
        get(margins, "top", 1440),
        get(margins, "bottom", 1440),
        get(margins, "left", 1800) + get(margins, "gutter", 0),  # the gutter widens the left
        get(margins, "right", 1800),
    )


def _style_id(p: _El) -> str | None:
    return _val(p.find(f"{_w('pPr')}/{_w('pStyle')}"))


class _Document:
    """A Word document read for checking: paragraphs, sections, styles, numbering, parts."""

    def __init__(self, package: _Package, part: str, body: _El) -> None:
        self.package = package
        self.body = body
        self.rels = package.rels(part)
        styles_part = next((t for k, t in self.rels.values() if k == "styles"), None)
        numbering_part = next((t for k, t in self.rels.values() if k == "numbering"), None)
        self.styles = _Styles(package.xml(styles_part) if styles_part else None)
        self.numbering = _Numbering(package.xml(numbering_part) if numbering_part else None)
        sect_prs = [
            s for s in body.iter(_w("sectPr")) if s.getparent().tag in (_w("pPr"), _w("body"))
        ]
        if not sect_prs or sect_prs[-1].getparent() is not body:
            sect_prs.append(etree.Element(_w("sectPr")))
        self.sections = [_section(s) for s in sect_prs]
        self.paras = self._paragraphs()

    @classmethod
    def load(cls, path: Path) -> _Document:
        package = _Package(path)
        part = next((t for k, t in package.rels("").values() if k == "officeDocument"), None)
        root = package.xml(part) if part else None
        if part is None or root is None:
            raise InputError(f"Tệp {path} không phải tệp Word (.docx): không có phần văn bản chính")
        if str(root.tag).startswith(f"{{{_STRICT_W}}}"):
            raise InputError(
                f"Tệp {path} được lưu theo chuẩn Strict Open XML: hãy lưu lại dưới dạng "
                "“Word Document (.docx)” thông thường"
            )
        body = root.find(_w("body"))
        if root.tag != _w("document") or body is None:
            raise InputError(f"Tệp {path} không phải văn bản Word: phần chính không có nội dung")
        return cls(package, part, body)

    def _paragraphs(self) -> list[_Para]:
        paras: list[_Para] = []
        section = 0
        for index, p in enumerate(self.body.iter(_P), start=1):
            text, runs = _paragraph_parts(p)
            ancestors = {a.tag for a in p.iterancestors()}
            para = _Para(
                index,
                p,
                text,
                runs,
                _cell_of(p),
                boxed=any(tag in ancestors for tag in _TEXTBOXES),
                fallback=_FALLBACK in ancestors,  # a duplicate kept for old Word versions
                section=min(section, len(self.sections) - 1),
            )
            if not para.fallback:
                para.label = self._label(p)
            paras.append(para)
            if p.find(f"{_w('pPr')}/{_w('sectPr')}") is not None:
                section += 1
        return paras

    def _label(self, p: _El) -> str:
        num_pr = p.find(f"{_w('pPr')}/{_w('numPr')}")
        for style in self.styles.chain(_style_id(p), "paragraph"):
            if num_pr is None:
                num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
        if num_pr is None:
            return ""
        num_id = _val(num_pr.find(_w("numId")))
        if not num_id or num_id == "0":
            return ""
        return self.numbering.label(num_id, _int(_val(num_pr.find(_w("ilvl")))))

    def part_xml(self, rel_id: str | None) -> _El | None:
        rel = self.rels.get(rel_id or "")
        return self.package.xml(rel[1]) if rel else None


# ---------------------------------------------------------------------------------------------
# Effective formatting


@dataclass(frozen=True)
class _Indent:
    left: int  # twips
    right: int
    first: int  # first-line indent; negative for a hanging indent


@dataclass(frozen=True)
class _Spacing:
    before: float  # pt
    after: float
    line: int | None  # 240ths of a line (rule "auto") or twips ("exact", "atLeast")
    rule: str


def _children(elements: Iterable[_El], tag: str) -> list[_El]:
    return [child for child in (e.find(_w(tag)) for e in elements) if child is not None]


def _first(layers: Iterable[_El], tag: str) -> _El | None:
    for layer in layers:
        found = layer.find(_w(tag))
        if found is not None:
            return found
    return None


class _Format:
    """Effective run and paragraph properties, resolved through styles, numbering and defaults."""

    def __init__(self, document: _Document) -> None:
        self.doc = document
        self.styles = document.styles
        self._run_cache: dict[_El, list[_El]] = {}
        self._para_cache: dict[_El, list[_El]] = {}

    def table_chain(self, table: _El | None) -> list[_El]:
        if table is None:
            return []
        return self.styles.chain(_val(table.find(f"{_w('tblPr')}/{_w('tblStyle')}")), "table")

    def run_layers(self, p: _El, run: _El) -> list[_El]:
        """rPr elements that apply to a run, nearest first."""
        if run in self._run_cache:
            return self._run_cache[run]
        layers: list[_El] = []
        rpr = run.find(_w("rPr"))
        if rpr is not None:
            layers.append(rpr)
            char_style = _val(rpr.find(_w("rStyle")))
            if char_style is not None:
                layers += _children(self.styles.chain(char_style, "character"), "rPr")
        layers += _children(self.styles.chain(_style_id(p), "paragraph"), "rPr")
        layers += _children(self.table_chain(_nearest(p, _TBL)), "rPr")
        if self.styles.default_rpr is not None:
            layers.append(self.styles.default_rpr)
        self._run_cache[run] = layers
        return layers

    def para_layers(self, p: _El) -> list[_El]:
        """pPr elements that apply to a paragraph, nearest first; a list's level sits between
        the direct properties and the style, so its indents win over the style's, as in Word."""
        if p in self._para_cache:
            return self._para_cache[p]
        layers: list[_El] = []
        ppr = p.find(_w("pPr"))
        if ppr is not None:
            layers.append(ppr)
        chain = self.styles.chain(_style_id(p), "paragraph")
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        for style in chain:
            if num_pr is None:
                num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
        if num_pr is not None:
            level = self.doc.numbering.level(
                _val(num_pr.find(_w("numId"))) or "", _int(_val(num_pr.find(_w("ilvl"))))
            )
            if level is not None and level.find(_w("pPr")) is not None:
                layers.append(level.find(_w("pPr")))
        layers += _children(chain, "pPr")
        layers += _children(self.table_chain(_nearest(p, _TBL)), "pPr")
        if self.styles.default_ppr is not None:
            layers.append(self.styles.default_ppr)
        self._para_cache[p] = layers
        return layers

    # --- runs

    def size(self, p: _El, run: _El) -> float:
        sz = _first(self.run_layers(p, run), "sz")
        return _int(_val(sz), 20) / 2 if sz is not None else 10.0  # Word's size when none is set

    def flag(self, p: _El, run: _El, tag: str) -> bool:
        return bool(_on(_first(self.run_layers(p, run), tag)))

    def superscript(self, p: _El, run: _El) -> bool:
        return _val(_first(self.run_layers(p, run), "vertAlign")) in ("superscript", "subscript")

    def font(self, p: _El, run: _El, slot: str) -> str | None:
        """The font in effect for ``slot`` ("ascii"/"hAnsi"): a name, "theme:<x>" or None."""
        for layer in self.run_layers(p, run):
            fonts = layer.find(_w("rFonts"))
            if fonts is None:
                continue
            theme = fonts.get(_w(f"{slot}Theme"))
            if theme:
                return f"theme:{theme}"  # a theme font overrides the named one at its level
            name = fonts.get(_w(slot))
            if name:
                return str(name)
        return None

    def color(self, p: _El, run: _El) -> str:
        """The run's colour as Word computed it: "auto", "000000" or another RGB hex."""
        color = _first(self.run_layers(p, run), "color")
        value = str(_val(color) or "auto").upper()
        return "auto" if value == "AUTO" else value

    def underline(self, p: _El, run: _El) -> str:
        u = _first(self.run_layers(p, run), "u")
        return (_val(u) or "single") if u is not None else "none"

    # --- paragraphs

    def jc(self, p: _El) -> str:
        value = _val(_first(self.para_layers(p), "jc")) or "left"
        return {"start": "left", "end": "right"}.get(value, value)

    def indent(self, p: _El, size: float = 14.0) -> _Indent:
        left = right = first = None
        for layer in self.para_layers(p):
            ind = layer.find(_w("ind"))
            if ind is None:
                continue
            if left is None and (ind.get(_w("left")) or ind.get(_w("start"))) is not None:
                left = _int(ind.get(_w("left")) or ind.get(_w("start")))
            if right is None and (ind.get(_w("right")) or ind.get(_w("end"))) is not None:
                right = _int(ind.get(_w("right")) or ind.get(_w("end")))
            if first is None:
                # Indents in characters win over twips in Word; a character is one em wide.
                if _int(ind.get(_w("firstLineChars"))):
                    first = round(_int(ind.get(_w("firstLineChars"))) / 100 * size * 20)
                elif _int(ind.get(_w("hangingChars"))):
                    first = -round(_int(ind.get(_w("hangingChars"))) / 100 * size * 20)
                elif ind.get(_w("hanging")) is not None:
                    first = -_int(ind.get(_w("hanging")))
                elif ind.get(_w("firstLine")) is not None:
                    first = _int(ind.get(_w("firstLine")))
        return _Indent(left or 0, right or 0, first or 0)

    def spacing(self, p: _El) -> _Spacing:
        values: dict[str, str] = {}
        names = ("before", "after", "line", "lineRule", "beforeAutospacing", "afterAutospacing")
        for layer in self.para_layers(p):
            spacing = layer.find(_w("spacing"))
            for name in names if spacing is not None else ():
                value = spacing.get(_w(name))
                if value is not None:
                    values.setdefault(name, value)

        def space(name: str) -> float:
            if values.get(f"{name}Autospacing", "0").lower() in ("1", "true", "on"):
                return 14.0  # HTML-style automatic spacing is 14 pt in Word
            return _int(values.get(name)) / 20

        line = values.get("line")
        return _Spacing(
            space("before"),
            space("after"),
            _int(line) if line is not None else None,
            values.get("lineRule", "auto"),
        )

    def contextual(self, p: _El) -> bool:
        return bool(_on(_first(self.para_layers(p), "contextualSpacing")))

    def border(self, p: _El, side: str) -> str | None:
        """The style of the paragraph's ``side`` border ("single", "dashed"…), None when none."""
        for layer in self.para_layers(p):
            line = layer.find(f"{_w('pBdr')}/{_w(side)}")
            if line is not None:
                value = _val(line) or "none"
                return None if value in ("nil", "none") else str(value)
        return None

    def para_size(self, para: _Para) -> float:
        """The size most of the paragraph's text is set in (its mark's size when it is empty)."""
        weights: dict[float, int] = {}
        for run in para.runs:
            if run.text.strip():
                size = self.size(para.element, run.element)
                weights[size] = weights.get(size, 0) + len(run.text)
        if weights:
            return max(weights, key=lambda s: weights[s])
        mark = para.element.find(f"{_w('pPr')}/{_w('rPr')}")
        layers = [mark] if mark is not None else []
        layers += _children(self.styles.chain(_style_id(para.element), "paragraph"), "rPr")
        if self.styles.default_rpr is not None:
            layers.append(self.styles.default_rpr)
        sz = _first(layers, "sz")
        return _int(_val(sz), 20) / 2 if sz is not None else 10.0

    def tc_width(self, tc: _El, table: _El, col: int) -> int | None:
        """A cell's width in twips: its tcW, else its grid columns."""
        width = tc.find(f"{_w('tcPr')}/{_w('tcW')}")
        if width is not None and _val(width, "type") in (None, "dxa") and _int(_val(width, "w")):
            return _int(_val(width, "w"))
        grid = [
            _int(_val(column, "w"))
            for column in table.iter(_w("gridCol"))
            if _nearest(column, _TBL) is table
        ]
        span = _int(_val(tc.find(f"{_w('tcPr')}/{_w('gridSpan')}")), 1)
        widths = grid[col : col + span]
        return sum(widths) if widths and all(widths) else None

    def cell_margins(self, tc: _El, table: _El) -> int:
        sources = [
            tc.find(f"{_w('tcPr')}/{_w('tcMar')}"),
            table.find(f"{_w('tblPr')}/{_w('tblCellMar')}"),
        ]
        sources += [s.find(f"{_w('tblPr')}/{_w('tblCellMar')}") for s in self.table_chain(table)]
        total = 0
        for sides in (("left", "start"), ("right", "end")):
            found = [
                _int(_val(margin, "w"))
                for source in sources
                if source is not None
                for margin in (source.find(_w(side)) for side in sides)
                if margin is not None
            ]
            total += found[0] if found else _DEFAULT_CELL_MARGIN
        return total

    def available_width(self, para: _Para) -> float:
        """Width (twips) between the paragraph's indents, inside its table cell or the page."""
        page = self.doc.sections[para.section].text_width
        width = float(page)
        if para.cell is not None:
            cell = para.cell
            tc_width = self.tc_width(cell.tc, cell.table, cell.col) or page
            width = tc_width - self.cell_margins(cell.tc, cell.table)
        ind = self.indent(para.element)
        return max(width - ind.left - ind.right, 1.0)


# ---------------------------------------------------------------------------------------------
# Words for messages


def _num(value: float) -> str:
    """A number as Vietnamese write it: 12, 12,5."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _sizes(sizes: Sequence[float]) -> str:
    return _num(sizes[0]) if len(sizes) == 1 else f"{_num(sizes[0])}–{_num(sizes[-1])}"


def _style_words(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "đậm nghiêng"
    if bold:
        return "đậm, không nghiêng"
    if italic:
        return "nghiêng, không đậm"
    return "không đậm, không nghiêng"


_ALIGN_WORDS = {
    "left": "căn trái",
    "right": "căn phải",
    "center": "căn giữa",
    "both": "căn đều hai lề",
    "distribute": "căn đều hai lề",
}


def _align(jc: str) -> str:
    return _ALIGN_WORDS.get(jc, f"căn {jc}")


def _mm(twips: float) -> float:
    return twips / _TWIPS_PER_MM


def _text_mm(chars: int, size: float) -> float:
    return chars * _EM_PER_CHAR * size / _PT_PER_MM


def _roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for index, char in enumerate(text):
        value = values[char]
        following = values[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if following > value else value
    return total


# ---------------------------------------------------------------------------------------------
# The checks


@dataclass
class _Span:
    """A stretch of one paragraph's text: a tab-separated column, a label, the whole line."""

    para: _Para
    start: int
    end: int

    @property
    def text(self) -> str:
        raw = self.para.text[self.start : self.end]
        return " ".join(unicodedata.normalize("NFC", raw).split())


@dataclass(frozen=True)
class _Line:
    """A line found under a text: its style, length in mm (None when not measurable) and
    whether it is the text's own underline."""

    style: str
    length: float | None
    underline: bool = False


class _Checker:
    """Runs every rule on one document and collects the violations in document order."""

    def __init__(self, path: Path, document: _Document, kind: str | None) -> None:
        self.path = path
        self.doc = document
        self.fmt = _Format(document)
        self.requested = kind
        self.kind = kind
        self.paras = [p for p in document.paras if not p.fallback]
        self.position = {id(p): i for i, p in enumerate(self.paras)}
        self.found: list[tuple[int, int, Violation]] = []
        self.title: _Para | None = None
        self.vv: _Para | None = None
        self.kinh_gui: _Para | None = None
        self.top: list[_Para] = []
        self.header_end = 0
        self.noi_nhan: _Para | None = None
        self.sig_start = _END
        self.sig_table: _El | None = None
        self.body: list[_Para] = []

    def run(self) -> list[Violation]:
        self.check_page()
        self.check_page_numbers()
        self.check_text_runs()
        self.detect()
        self.check_header()
        if self.kind is not None:
            self.check_title_block()
            self.locate_body()
            self.check_body()
            self.check_signature()
            self.check_kind_rules()
        return [v for *_, v in sorted(self.found, key=lambda item: item[:2])]

    # --- reporting and finding

    def add(self, place: _Para | str, rule: str, found: str, expected: str) -> None:
        if isinstance(place, _Para):
            order, where = place.index, place.place
        else:
            order, where = {"trang": -2, "đầu trang": -1}.get(place, _END), place
        violation = Violation(self.path, where, rule, found, expected)
        self.found.append((order, len(self.found), violation))

    def segments(self, para: _Para) -> list[_Span]:
        """The tab-separated parts of a paragraph (a header typed with tabs has two columns)."""
        spans = []
        for match in re.finditer(r"[^\t\n]+", para.text):
            piece = match.group()
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                spans.append(_Span(para, match.start() + lead, match.start() + len(piece.rstrip())))
        return spans

    def whole(self, para: _Para) -> _Span:
        lead = len(para.text) - len(para.text.lstrip())
        return _Span(para, lead, len(para.text.rstrip()))

    def sub(self, span: _Span, pattern: str) -> _Span:
        """The part of ``span`` that ``pattern`` matches at its start (all of it when none)."""
        match = re.match(pattern, span.para.text[span.start : span.end])
        return _Span(span.para, span.start, span.start + match.end()) if match else span

    def runs(self, span: _Span) -> list[_Run]:
        """Visible runs with text inside ``span``."""
        out = []
        for run in span.para.runs:
            piece = span.para.text[max(run.start, span.start) : min(run.end, span.end)]
            if piece.strip() and not self.fmt.flag(span.para.element, run.element, "vanish"):
                out.append(run)
        return out

    def shown(self, span: _Span) -> str:
        """The span's text as printed: runs set in "all caps" show in upper case."""
        p = span.para
        pieces = []
        for run in p.runs:
            piece = p.text[max(run.start, span.start) : min(run.end, span.end)]
            pieces.append(piece.upper() if self.fmt.flag(p.element, run.element, "caps") else piece)
        return " ".join(unicodedata.normalize("NFC", "".join(pieces)).split())

    def is_upper(self, span: _Span) -> bool:
        shown = self.shown(span)
        return shown == shown.upper() and any(c.isalpha() for c in shown)

    def find(
        self, pattern: re.Pattern[str], paras: Iterable[_Para], fold: bool = False
    ) -> _Span | None:
        for para in paras:
            for span in self.segments(para):
                if pattern.search(span.text.casefold() if fold else span.text):
                    return span
        return None

    def after(self, para: _Para) -> list[_Para]:
        return self.paras[self.position[id(para)] + 1 :]

    def following(self, para: _Para) -> _Para | None:
        """The very next paragraph in reading order (it may be empty)."""
        position = self.position[id(para)] + 1
        return self.paras[position] if position < len(self.paras) else None

    def same_cell(self, one: _Para, other: _Para) -> bool:
        if one.cell is None or other.cell is None:
            return one.cell is None and other.cell is None
        return bool(one.cell.tc is other.cell.tc)

    def cell_paras(self, cell: _Cell) -> list[_Para]:
        return [p for p in self.paras if p.cell is not None and p.cell.tc is cell.tc]

    def outer_table(self, para: _Para) -> _El | None:
        outer = None
        for table in para.element.iterancestors(_TBL):
            outer = table
        return outer

    def table_range(self, table: _El) -> tuple[int, int]:
        inside = [p.index for p in self.paras if self.outer_table(p) is table]
        return min(inside), max(inside)

    def check_format(
        self,
        span: _Span,
        rule: str,
        sizes: Sequence[float] | None,
        bold: bool | None,
        italic: bool | None,
        *,
        upper: bool = False,
        center: bool = False,
    ) -> None:
        """One violation listing every way ``span`` differs from the required look."""
        runs = self.runs(span)
        if not runs:
            return
        p = span.para.element
        problems = []
        if sizes is not None:
            wrong = sorted({self.fmt.size(p, r.element) for r in runs} - set(sizes))
            if wrong:
                problems.append("cỡ chữ " + " và ".join(_num(s) for s in wrong))
        for wanted, tag, yes, no in (
            (bold, "b", "đậm", "không đậm"),
            (italic, "i", "nghiêng", "không nghiêng"),
        ):
            if wanted is None:
                continue
            flags = [self.fmt.flag(p, r.element, tag) for r in runs]
            if wanted and not all(flags):
                problems.append(f"chữ {no}")
            elif not wanted and any(flags):
                problems.append(f"chữ {yes}")
        if upper and not self.is_upper(span):
            problems.append("không in hoa")
        if center and self.fmt.jc(p) != "center":
            problems.append(_align(self.fmt.jc(p)))
        if not problems:
            return
        expected = [_sizes(sizes)] if sizes is not None else []
        if bold is not None and italic is not None:
            expected.append(_style_words(bold, italic))
        elif bold is not None:
            expected.append("đậm" if bold else "không đậm")
        elif italic is not None:
            expected.append("nghiêng" if italic else "không nghiêng")
        expected += ["in hoa"] * upper + ["căn giữa"] * center
        self.add(span.para, rule, ", ".join(problems), ", ".join(expected))

    # --- page setup

    def check_page(self) -> None:
        several = len(self.doc.sections) > 1
        for number, section in enumerate(self.doc.sections, start=1):
            prefix = f"phần {number}: " if several else ""
            width, height = _mm(section.width), _mm(section.height)
            if abs(min(width, height) - 210) > 1 or abs(max(width, height) - 297) > 1:
                found = f"{prefix}khổ giấy {round(width)} × {round(height)} mm"
                self.add("trang", "Khổ giấy", found, "A4 210 × 297 mm")
            elif width > height and not self.landscape_allowed(number - 1):
                found = f"{prefix}trang nằm ngang"
                self.add("trang", "Khổ giấy", found, "trang đứng (chỉ danh sách được nằm ngang)")
            margins = (
                ("trên", section.top, 20, 25),
                ("dưới", section.bottom, 20, 25),
                ("trái", section.left, 30, 35),
                ("phải", section.right, 15, 20),
            )
            wrong = [m for m in margins if not m[2] - 0.1 <= _mm(m[1]) <= m[3] + 0.1]
            if width > height:
                # Turned to landscape, Word rotates the margins: the binding edge becomes the top.
                rotated = ((30, 35), (15, 20), (20, 25), (20, 25))
                if all(
                    low - 0.1 <= _mm(m[1]) <= high + 0.1
                    for m, (low, high) in zip(margins, rotated, strict=True)
                ):
                    wrong = []
            for name, value, low, high in wrong:  # 0.1 mm: Word stores whole twips (0.02 mm)
                found = f"{prefix}lề {name} {_num(round(_mm(value), 1))} mm"
                self.add("trang", "Lề trang", found, f"lề {name} {low}–{high} mm")

    def landscape_allowed(self, section: int) -> bool:
        if "danh_sach" in (self.requested, self.detect_kind()):
            return True
        # A list attached to a quyết định, in its own section, may be landscape too.
        return any(
            p.section == section and p.key.upper().startswith("DANH SÁCH") and self.kem_theo(p)
            for p in self.paras
        )

    # --- page numbers

    def part_paras(self, rel_id: str | None) -> list[_Para]:
        root = self.doc.part_xml(rel_id)
        if root is None:
            return []
        out = []
        for index, p in enumerate(root.iter(_P), start=1):
            text, runs = _paragraph_parts(p)
            out.append(_Para(index, p, text, runs, _cell_of(p), False, False, 0))
        return out

    @staticmethod
    def part_refs(sect_pr: _El, tag: str) -> dict[str, str]:
        return {
            ref.get(_w("type")) or "default": ref.get(f"{{{_R}}}id") or ""
            for ref in sect_pr.iter(_w(tag))
        }

    def page_fields(self, paras: list[_Para]) -> list[tuple[_Para, str, list[_El]]]:
        """PAGE fields of a header or footer: (paragraph, instruction, runs showing the number)."""
        fields = []
        for para in paras:
            for simple in para.element.iter(_w("fldSimple")):
                instr = simple.get(_w("instr")) or ""
                if instr.split()[:1] == ["PAGE"]:
                    fields.append((para, instr, list(simple.iter(_RUN))))
            instr, state = "", ""
            result: list[_El] = []
            code: list[_El] = []
            for run in para.element.iter(_RUN):
                kind = _val(run.find(_w("fldChar")), "fldCharType")
                if kind == "begin":
                    instr, result, code, state = "", [], [run], "code"
                elif kind == "separate":
                    state = "result"
                elif kind == "end" and state:
                    if instr.split()[:1] == ["PAGE"]:
                        # Word shows the number in the result's formatting, else the code's.
                        fields.append((para, instr, result or code))
                    state = ""
                elif state == "code":
                    code.append(run)
                    instr += "".join(piece.text or "" for piece in run.iter(_w("instrText")))
                elif state == "result" and run.find(_T) is not None:
                    result.append(run)
        return fields

    def check_page_numbers(self) -> None:
        """Arabic page numbers, centred at the top, 13–14 upright, none on page 1."""
        section = self.doc.sections[0]
        headers = self.part_refs(section.sect_pr, "headerReference")
        default = self.page_fields(self.part_paras(headers.get("default")))
        expected = "số trang ở giữa đầu trang, từ trang 2"
        if not default:
            if self.estimated_pages() > _MULTI_PAGE:
                footers = self.part_refs(section.sect_pr, "footerReference")
                in_footer = self.page_fields(self.part_paras(footers.get("default")))
                found = "số trang đặt ở chân trang" if in_footer else "không có số trang"
                self.add("đầu trang", "Số trang", found, expected)
            return
        if not _on(section.sect_pr.find(_w("titlePg"))):
            found = "số trang hiện cả ở trang 1 (chưa chọn “trang đầu khác”)"
            self.add("đầu trang", "Số trang", found, "trang 1 không đánh số")
        elif self.page_fields(self.part_paras(headers.get("first"))):
            self.add("đầu trang", "Số trang", "trang 1 có số trang", "trang 1 không đánh số")
        para, instr, runs = default[0]
        style = _val(section.sect_pr.find(_w("pgNumType")), "fmt") or "decimal"
        switch = re.search(r"\\\*\s*(\w+)", instr)
        if switch and switch.group(1).lower() in ("roman", "alphabetic", "ordinal", "cardtext"):
            style = switch.group(1)
        if style not in ("decimal", "arabic", "Arabic"):
            self.add("đầu trang", "Số trang", f"số trang kiểu {style}", "chữ số Ả Rập")
        problems = []
        jc = self.fmt.jc(para.element)
        if jc != "center" and not (
            para.text.startswith("\t") and self.has_center_tab(para.element)
        ):
            problems.append(_align(jc))
        wrong = sorted({self.fmt.size(para.element, r) for r in runs} - {13.0, 14.0})
        if wrong:
            problems.append("cỡ chữ " + " và ".join(_num(s) for s in wrong))
        if any(self.fmt.flag(para.element, r, "b") for r in runs):
            problems.append("chữ đậm")
        if any(self.fmt.flag(para.element, r, "i") for r in runs):
            problems.append("chữ nghiêng")
        if problems:
            found = "số trang " + ", ".join(problems)
            self.add("đầu trang", "Số trang", found, "13–14, không đậm, không nghiêng, căn giữa")

    def has_center_tab(self, p: _El) -> bool:
        return any(
            _val(tab) == "center"
            for layer in self.fmt.para_layers(p)
            for tab in layer.iter(_w("tab"))
        )

    def estimated_pages(self) -> float:
        """Pages the body fills, estimated from text length, sizes and spacing (0.5 em a char)."""
        section = self.doc.sections[0]
        page = section.text_height / 20  # pt
        by_element = {p.element: p for p in self.paras}

        def paragraph_height(para: _Para, width: float) -> float:
            size = self.fmt.para_size(para)
            spacing = self.fmt.spacing(para.element)
            ind = self.fmt.indent(para.element, size)
            avail = max(width - (ind.left + ind.right) / 20, 72.0)
            text = len(para.numbered) * _EM_PER_CHAR * size + max(ind.first, 0) / 20
            lines = max(1, math.ceil(text / avail))
            if spacing.rule == "exact" and spacing.line:
                line = spacing.line / 20
            elif spacing.rule == "atLeast" and spacing.line:
                line = max(spacing.line / 20, size * _SINGLE_LINE_EM)
            else:
                line = size * _SINGLE_LINE_EM * (spacing.line or 240) / 240
            return lines * line + spacing.before + spacing.after

        def height(element: _El, width: float) -> float:
            if element.tag == _P:
                para = by_element.get(element)
                return paragraph_height(para, width) if para is not None else 0.0
            if element.tag != _TBL:
                return sum(height(child, width) for child in element)
            total = 0.0
            for row in element.iter(_TR):
                if _nearest(row, _TBL) is not element:
                    continue
                cells = [tc for tc in row.iter(_TC) if _nearest(tc, _TR) is row]
                tallest = 0.0
                for col, tc in enumerate(cells):
                    tc_width = self.fmt.tc_width(tc, element, col)
                    cell_width = tc_width / 20 if tc_width else width / max(len(cells), 1)
                    cell_width -= self.fmt.cell_margins(tc, element) / 20
                    tallest = max(tallest, sum(height(child, cell_width) for child in tc))
                total += tallest
            return total

        pages, position = 0, 0.0
        for child in self.doc.body:
            breaks = child.tag == _P and (
                any(_val(br, "type") == "page" for br in child.iter(_w("br")))
                or bool(_on(child.find(f"{_w('pPr')}/{_w('pageBreakBefore')}")))
            )
            if breaks and position > 0:
                pages, position = pages + 1, 0.0
            position += height(child, section.text_width / 20)
            while position > page:
                pages, position = pages + 1, position - page
        return pages + position / page

    # --- every run: font, colour, Unicode

    def check_text_runs(self) -> None:
        for para in self.paras:
            self.check_runs(para, para)
        for rel_id in self.part_refs(self.doc.sections[0].sect_pr, "headerReference").values():
            for para in self.part_paras(rel_id):
                self.check_runs(para, "đầu trang")

    def check_runs(self, para: _Para, place: _Para | str) -> None:
        fonts: list[str] = []
        colors: list[str] = []
        for run in para.runs:
            if not run.text.strip() or self.fmt.flag(para.element, run.element, "vanish"):
                continue
            for slot in ("ascii", "hAnsi"):
                font = self.fmt.font(para.element, run.element, slot)
                if font is None:
                    problem = f"phông {slot} chưa đặt"
                elif font.startswith("theme:"):
                    problem = f"phông {slot} theo chủ đề ({font[6:]})"
                elif font != FONT:
                    problem = f'phông {slot} "{font}"'
                else:
                    continue
                if problem not in fonts:
                    fonts.append(problem)
            color = self.fmt.color(para.element, run.element)
            if color not in ("auto", "000000") and f"màu chữ {color}" not in colors:
                colors.append(f"màu chữ {color}")
        if fonts:
            self.add(
                place, "Phông chữ", ", ".join(fonts), f"{FONT} ở cả hai ô phông ascii và hAnsi"
            )
        if colors:
            self.add(place, "Màu chữ", ", ".join(colors), "chữ màu đen")
        if not unicodedata.is_normalized("NFC", para.text):
            words = para.text.split()
            word = next((w for w in words if not unicodedata.is_normalized("NFC", w)), para.text)
            found = f'chữ tổ hợp, không dựng sẵn ("{unicodedata.normalize("NFC", word).strip()}")'
            self.add(place, "Bảng mã", found, "Unicode dựng sẵn (NFC, TCVN 6909:2001)")

    # --- kind and header region

    def kem_theo(self, title: _Para) -> _Para | None:
        """The "(Kèm theo …)" line within a few paragraphs after a list title."""
        later = [p for p in self.after(title) if p.key][:4]
        return next((p for p in later if p.key.startswith("(Kèm theo")), None)

    def title_kind(self, para: _Para, position: int) -> str | None:
        """The kind a paragraph names if it is a tên loại: only "KẾ HOẠCH", "TỜ TRÌNH"…; near
        the top, also an upper-case heading that starts with one ("BÁO CÁO THÀNH TÍCH"); a
        "DANH SÁCH …" heading followed by "(Kèm theo …)"."""
        key = para.key.casefold()
        if key in _TITLE_KINDS:
            return _TITLE_KINDS[key]
        if key.startswith("danh sách") and self.kem_theo(para):
            return "danh_sach"
        if position < 15 and ":" not in key and self.is_upper(self.whole(para)):
            return next((k for t, k in _TITLE_KINDS.items() if key.startswith(f"{t} ")), None)
        return None

    def title_para(self) -> tuple[_Para, str] | None:
        """The tên loại and its kind: the first paragraph naming a kind, before "Kính gửi" or
        "Nơi nhận"."""
        for position, para in enumerate(p for p in self.paras if p.key):
            kind = self.title_kind(para, position)
            if kind is not None:
                return para, kind
            if _NOI_NHAN.match(para.key) or _KINH_GUI.match(para.key):
                return None
        return None

    def detect_kind(self) -> str | None:
        title = self.title_para()
        if title is not None:
            return title[1]
        if any(_VV.match(p.key) for p in self.paras):
            return "cong_van"
        return None

    def detect(self) -> None:
        if self.kind is None:
            self.kind = self.detect_kind()
            if self.kind is None:
                self.add(
                    "văn bản",
                    "Loại văn bản",
                    "không nhận ra tên loại văn bản hoặc dòng trích yếu “V/v”",
                    "tên loại (KẾ HOẠCH, QUYẾT ĐỊNH…) hoặc dòng “V/v …” của công văn",
                )
        title = self.title_para()
        if title is not None and (self.kind == "danh_sach") == (title[1] == "danh_sach"):
            self.title = title[0]
        self.vv = next((p for p in self.paras if _VV.match(p.key)), None)
        self.kinh_gui = next(
            (
                p
                for p in self.paras
                if _KINH_GUI.match(p.key) and (self.title is None or p.index > self.title.index)
            ),
            None,
        )
        # The header region, where Số, the date and the agency are looked for: everything above
        # the tên loại, else above "Kính gửi", else the header table.
        qh = self.find(_QUOC_HIEU, self.paras, fold=True)
        table = self.outer_table(qh.para) if qh is not None else None
        if self.title is not None:
            limit = self.title.index
        elif self.kinh_gui is not None:
            limit = self.kinh_gui.index
        elif table is not None:
            limit = self.table_range(table)[1] + 1
        else:
            limit = self.vv.index + 2 if self.vv is not None else 20
        self.top = [p for p in self.paras if p.index < limit]
        self.header_end = max((p.index for p in self.top), default=0)

    # --- header: Quốc hiệu, Tiêu ngữ, agency, Số, date

    def check_header(self) -> None:
        required = self.kind not in ("danh_sach", None)
        qh = self.find(_QUOC_HIEU, self.top, fold=True)
        if qh is not None:
            self.check_format(qh, "Quốc hiệu", (12, 13), True, False, upper=True)
        elif required:
            self.add(
                "văn bản",
                "Quốc hiệu",
                "không có Quốc hiệu",
                "“CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”, in hoa, đậm, 12–13",
            )
        motto = self.find(_TIEU_NGU, self.top, fold=True)
        if motto is not None:
            shown = self.shown(motto)
            if shown != TIEU_NGU:
                self.add(
                    motto.para,
                    "Tiêu ngữ",
                    f'viết "{shown}"',
                    f'"{TIEU_NGU}" (gạch nối có cách hai bên)',
                )
            self.check_format(motto, "Tiêu ngữ", (13, 14), True, False)
            self.check_line_under(
                motto,
                "Đường kẻ dưới Tiêu ngữ",
                (0.6, 1.25),
                "đường kẻ liền, dài bằng dòng Tiêu ngữ",
                underline_counts=True,
            )
        elif required:
            self.add("văn bản", "Tiêu ngữ", "không có Tiêu ngữ", f"“{TIEU_NGU}”, đậm, 13–14")
        self.check_agency(qh, required)
        self.check_number(required)
        self.check_place_date()

    def check_agency(self, qh: _Span | None, required: bool) -> None:
        lines = self.agency_lines(qh)
        if not lines:
            if required:
                self.add(
                    "văn bản",
                    "Cơ quan ban hành",
                    "không có tên cơ quan ban hành",
                    "tên cơ quan in hoa, đậm, 12–13, góc trên bên trái",
                )
            return
        # The issuer is the bold line(s) at the bottom; a regular line above is the parent.
        first_issuer = len(lines) - 1
        while first_issuer > 0 and self.all_bold(lines[first_issuer - 1]):
            first_issuer -= 1
        for span in lines[:first_issuer]:
            self.check_format(span, "Cơ quan chủ quản", (12, 13), False, False, upper=True)
        issuer = lines[first_issuer:]
        for span in issuer:
            self.check_format(span, "Cơ quan ban hành", (12, 13), True, False, upper=True)
        if len(self.segments(issuer[-1].para)) == 1:  # with tabs, a border spans both columns
            self.check_line_under(
                issuer[-1],
                "Đường kẻ dưới tên cơ quan",
                (0.25, 0.75),
                "đường kẻ liền, dài 1/3–1/2 tên cơ quan",
                chars=max(len(span.text) for span in issuer),
            )

    def all_bold(self, span: _Span) -> bool:
        runs = self.runs(span)
        return bool(runs) and all(self.fmt.flag(span.para.element, r.element, "b") for r in runs)

    def agency_lines(self, qh: _Span | None) -> list[_Span]:
        """The parent and issuer lines: left of the Quốc hiệu (same table row), above "Số:"."""
        stop = re.compile(rf"{_SO.pattern}|{_VV.pattern}|{_PLACE_DATE.pattern}")
        if qh is None:
            return []
        if qh.para.cell is not None:
            cell = qh.para.cell
            candidates = [
                p
                for p in self.top
                if p.cell is not None
                and p.cell.table is cell.table
                and p.cell.row == cell.row
                and p.cell.col < cell.col
            ]
        else:
            candidates = [p for p in self.top if p.index <= qh.para.index]
        lines: list[_Span] = []
        for para in candidates:
            for span in self.segments(para):
                if span.para is qh.para and span.start >= qh.start:
                    break
                if stop.search(span.text):
                    return lines
                lines.append(span)
        if qh.para.cell is None:
            # Typed with tabs: the issuer also stands left of the Tiêu ngữ on the next line(s).
            for para in [p for p in self.top if p.index > qh.para.index]:
                spans = self.segments(para)
                if len(spans) < 2 or stop.search(spans[0].text):
                    break
                lines.append(spans[0])
        return lines

    def check_line_under(
        self,
        span: _Span,
        rule: str,
        ratio: tuple[float, float],
        expected: str,
        *,
        chars: int | None = None,
        underline_counts: bool = False,
    ) -> None:
        """A solid line under ``span`` — its paragraph's bottom border, the next paragraph's top
        border (or bottom border of an empty one), or a drawn line — no shorter or longer than
        ``ratio`` times the text's estimated width."""
        para = span.para
        size = max((self.fmt.size(para.element, r.element) for r in self.runs(span)), default=13.0)
        text_mm = min(_text_mm(chars or len(span.text), size), _mm(self.fmt.available_width(para)))
        lines: list[_Line] = []
        style = self.fmt.border(para.element, "bottom")
        if style:
            lines.append(_Line(style, _mm(self.fmt.available_width(para))))
        following = self.following(para)
        if following is not None and self.same_cell(para, following):
            for side in ("top", "bottom") if not following.key else ("top",):
                style = self.fmt.border(following.element, side)
                if style:
                    lines.append(_Line(style, _mm(self.fmt.available_width(following))))
        underlines = {self.fmt.underline(para.element, r.element) for r in self.runs(span)}
        if underlines and "none" not in underlines:
            # Underlining the text draws a line exactly as long as the text.
            style = "single" if underlines <= {"single", "thick"} else sorted(underlines)[0]
            lines.append(_Line(style, None if underline_counts else text_mm, underline=True))
        for other in self.paras[max(self.position[id(para)] - 2, 0) : self.position[id(para)] + 3]:
            if self.same_cell(para, other) and not other.boxed:
                lines += self.drawn_lines(other.element)
        if not lines:
            self.add(para, rule, "không có đường kẻ bên dưới", expected)
            return
        solid = [line for line in lines if line.style in ("single", "thick", "solid")]
        if not solid:
            self.add(para, rule, f"đường kẻ kiểu {lines[0].style}", expected)
            return
        if any(line.length is None for line in solid):
            return  # a drawn line whose length the file does not give
        low, high = ratio
        best = min(solid, key=lambda line: abs((line.length or 0) - text_mm * (low + high) / 2))
        length = best.length or 0.0
        if length > text_mm * high and best.underline:
            self.add(para, rule, "gạch chân cả dòng chữ", expected)
        elif length > text_mm * high:
            found = f"đường kẻ dài khoảng {round(length)} mm, dòng chữ khoảng {round(text_mm)} mm"
            self.add(para, rule, found, expected)
        elif length < text_mm * low:
            found = (
                f"đường kẻ chỉ dài khoảng {round(length)} mm, dòng chữ khoảng {round(text_mm)} mm"
            )
            self.add(para, rule, found, expected)

    def drawn_lines(self, p: _El) -> list[_Line]:
        """Lines drawn as shapes anchored in a paragraph (DrawingML with its length, or VML)."""
        lines = []
        for geometry in p.iter(f"{{{_A}}}prstGeom"):
            if geometry.get("prst") not in ("line", "straightConnector1"):
                continue
            holder = next(
                (
                    a
                    for a in geometry.iterancestors()
                    if a.tag in (f"{{{_WP}}}anchor", f"{{{_WP}}}inline")
                ),
                None,
            )
            extent = holder.find(f"{{{_WP}}}extent") if holder is not None else None
            length = _int(extent.get("cx")) / _EMU_PER_MM if extent is not None else None
            dash = geometry.getparent().find(f"{{{_A}}}ln/{{{_A}}}prstDash")
            lines.append(_Line(dash.get("val") if dash is not None else "solid", length))
        if not lines:  # old Word: VML lines, present but not measurable here
            for shape in p.iter(f"{{{_V}}}line", f"{{{_V}}}shape"):
                if shape.tag == f"{{{_V}}}shape" and "_x0000_t32" not in (shape.get("type") or ""):
                    continue
                stroke = shape.find(f"{{{_V}}}stroke")
                dash = stroke.get("dashstyle") if stroke is not None else None
                lines.append(_Line("solid" if dash in (None, "solid") else str(dash), None))
        return lines

    def check_number(self, required: bool) -> None:
        """ "Số: 05/KH-BHXH": 13 regular; zero-padded number or blank; code joined by "-"."""
        span = self.find(_SO, self.top)
        if span is None:
            if required:
                self.add(
                    "văn bản",
                    "Số, ký hiệu",
                    "không có dòng “Số: …/…”",
                    "“Số: 05/KH-BHXH”, cỡ chữ 13",
                )
            return
        para, text = span.para, span.text
        self.check_format(span, "Số, ký hiệu", (13,), False, False)
        word = text.split(":")[0].strip()
        if word != "Số":
            self.add(para, "Số, ký hiệu", f'viết "{word}:"', '"Số:" (chữ "Số" viết thường)')
        match = re.match(r"^[^:]*:(?P<num>[^/]*)/(?P<code>.*)$", text)
        if match is None:
            self.add(para, "Số, ký hiệu", f'"{text}" không có dấu "/"', "“Số: 05/KH-BHXH”")
            return
        number, code = match.group("num").strip(), match.group("code")
        if number and not re.fullmatch(r"\d+|[.…]+", number):
            self.add(
                para,
                "Số, ký hiệu",
                f'số "{number}"',
                "số bằng chữ số Ả Rập, để trống khi là dự thảo",
            )
        elif number.isdigit() and int(number) < 10 and len(number) < 2:
            self.add(
                para, "Số, ký hiệu", f"số {number}", f"số 0{number} (số dưới 10 có số 0 đứng trước)"
            )
        if re.search(r"\s", code):
            found = f'ký hiệu "{code.strip()}" có dấu cách'
            self.add(para, "Số, ký hiệu", found, 'các phần ký hiệu nối bằng "-", không có dấu cách')
        parts = [part.strip() for part in code.split("-")]
        if not all(parts):
            self.add(
                para,
                "Số, ký hiệu",
                f'ký hiệu "{code.strip()}" có phần trống',
                'các phần ký hiệu nối bằng một dấu "-"',
            )
            return
        if any(part != part.upper() and part not in _TYPE_CODES for part in parts):
            self.add(
                para,
                "Số, ký hiệu",
                f'ký hiệu "{code.strip()}" có chữ thường',
                "ký hiệu in hoa (trừ mã loại TTr, CTr, QyĐ)",
            )
        kind = self.kind
        if kind == "cong_van" and parts[0] in _TYPE_CODES:
            found = f'ký hiệu công văn "{code.strip()}" có mã loại {parts[0]}'
            self.add(
                para,
                "Số, ký hiệu",
                found,
                'ký hiệu công văn không có mã loại (ví dụ "4111/BHXH-TĐKT")',
            )
        elif kind in _KIND_CODES and parts[0] != _KIND_CODES[kind]:
            found = f'ký hiệu "{code.strip()}" ở {KINDS[kind]}'
            self.add(
                para,
                "Số, ký hiệu",
                found,
                f'ký hiệu {KINDS[kind]} bắt đầu bằng "{_KIND_CODES[kind]}-"',
            )

    def check_place_date(self) -> None:
        span = self.find(_PLACE_DATE, self.top)
        kind = self.kind
        if kind == "bien_ban":
            if span is not None:
                found = "biên bản có dòng địa danh, ngày tháng ở phần đầu"
                self.add(
                    span.para,
                    "Địa danh, ngày tháng",
                    found,
                    "biên bản không có dòng địa danh, ngày tháng dưới Quốc hiệu",
                )
            return
        if span is None:
            if kind not in ("danh_sach", None):
                self.add(
                    "văn bản",
                    "Địa danh, ngày tháng",
                    "không có dòng địa danh, ngày tháng",
                    "“Hà Nội, ngày 05 tháng 01 năm 2025”, nghiêng, 13–14",
                )
            return
        para, text = span.para, span.text
        self.check_format(span, "Địa danh, ngày tháng", (13, 14), False, True)
        if not text[:1].isupper() and not re.match(r"^[.…\s]*,", text):  # "……," is a blank
            self.add(
                para,
                "Địa danh, ngày tháng",
                f'địa danh "{text.split(",")[0]}" không viết hoa',
                "địa danh viết hoa chữ cái đầu",
            )
        date = _DATE.search(text)
        if date is None:
            self.add(para, "Ngày tháng", f'viết "{text}"', "“…, ngày DD tháng M năm YYYY”")
            return
        day, month = date.group("d"), date.group("m")
        if day.isdigit():
            value = int(day)
            if not 1 <= value <= 31:
                self.add(para, "Ngày tháng", f"ngày {day}", "ngày từ 01 đến 31")
            elif day != f"{value:02d}":
                rule = " (ngày dưới 10 có số 0 đứng trước)" if value < 10 else ""
                self.add(para, "Ngày tháng", f"ngày {day}", f"ngày {value:02d}{rule}")
        if month.isdigit():
            value = int(month)
            if not 1 <= value <= 12:
                self.add(para, "Ngày tháng", f"tháng {month}", "tháng từ 01 đến 12")
            elif value <= 2 and month != f"{value:02d}":
                self.add(
                    para,
                    "Ngày tháng",
                    f"tháng {month}",
                    f"tháng {value:02d} (tháng 1, 2 có số 0 đứng trước)",
                )
            elif value >= 3 and month != str(value):
                self.add(
                    para,
                    "Ngày tháng",
                    f"tháng {month}",
                    f"tháng {value} (tháng 3 đến 12 không có số 0 đứng trước)",
                )

    # --- tên loại, trích yếu, V/v, Kính gửi

    def check_title_block(self) -> None:
        kind = self.kind
        qh = self.find(_QUOC_HIEU, self.top, fold=True)
        table = self.outer_table(qh.para) if qh is not None else None
        if table is not None:
            self.header_end = max(self.header_end, self.table_range(table)[1])
        if kind == "cong_van":
            self.check_vv()
        elif kind is not None:
            self.check_title(kind)
        if self.kinh_gui is not None:
            self.check_kinh_gui(self.kinh_gui)
        elif kind == "cong_van":
            self.add(
                "văn bản",
                "Kính gửi",
                "công văn không có “Kính gửi:”",
                "“Kính gửi:” và nơi nhận công văn",
            )

    def check_vv(self) -> None:
        vv = self.vv
        if vv is None:
            self.add(
                "văn bản",
                "Trích yếu công văn",
                "không có dòng “V/v …”",
                "“V/v …” dưới số, ký hiệu, cỡ chữ 12–13",
            )
            return
        self.header_end = max(self.header_end, vv.index)
        lines = [vv]
        if vv.cell is not None:  # the trích yếu may run on in more paragraphs of its cell
            lines = [p for p in self.cell_paras(vv.cell) if p.index >= vv.index and p.key]
        for para in lines:
            self.check_format(self.whole(para), "Trích yếu công văn", (12, 13), False, False)

    def check_title(self, kind: str) -> None:
        title = self.title
        if title is None:
            name = _TITLES.get(kind, "DANH SÁCH …")
            self.add(
                "văn bản",
                "Tên loại",
                f"không có tên loại “{name}”",
                f"“{name}” in hoa, đậm, 13–14, căn giữa",
            )
            return
        self.header_end = max(self.header_end, title.index)
        self.check_format(
            self.whole(title), "Tên loại", (13, 14), True, False, upper=True, center=True
        )
        if kind == "danh_sach":
            self.check_attached_note(title)
            return
        summary = self.summary_lines(title)
        if not summary:
            self.add(
                title,
                "Trích yếu",
                "không có trích yếu dưới tên loại",
                "trích yếu ngay dưới tên loại, đậm, 13–14",
            )
            return
        for para in summary:
            self.check_format(self.whole(para), "Trích yếu", (13, 14), True, False)
        self.header_end = max(self.header_end, summary[-1].index)
        self.check_line_under(
            self.whole(summary[-1]),
            "Đường kẻ dưới trích yếu",
            (0.25, 0.75),
            "đường kẻ liền, dài 1/3–1/2 dòng trích yếu",
            chars=max(len(" ".join(line.split())) for p in summary for line in p.text.split("\n")),
        )
        if kind == "quyet_dinh":
            # The issuing authority line(s) of a quyết định stand between trích yếu and Căn cứ.
            for para in [p for p in self.after(summary[-1]) if p.key]:
                if para.key.startswith(("Căn cứ", "Theo đề nghị", "QUYẾT ĐỊNH")) or _DIEU.match(
                    para.key
                ):
                    break
                self.check_format(
                    self.whole(para),
                    "Thẩm quyền ban hành",
                    None,
                    True,
                    False,
                    upper=True,
                    center=True,
                )
                self.header_end = max(self.header_end, para.index)

    def check_attached_note(self, title: _Para) -> None:
        note = self.kem_theo(title)
        if note is None:
            return
        lines = []
        for para in [note, *self.after(note)][:3]:
            if para.key:
                lines.append(para)
            if para.key.endswith(")"):
                break
        for para in lines:
            self.check_format(self.whole(para), "Dòng kèm theo", None, None, True, center=True)
        self.header_end = max(self.header_end, lines[-1].index)

    def summary_lines(self, title: _Para) -> list[_Para]:
        """The trích yếu: the line(s) right under the tên loại, centred."""
        lines: list[_Para] = []
        for para in self.after(title)[:6]:
            key = para.key
            if not key:
                if lines:
                    break
                continue
            known = (
                _KINH_GUI.match(key)
                or key.startswith(("Căn cứ", "Theo đề nghị"))
                or _ROMAN.match(para.numbered)
                or _KHOAN.match(para.numbered)
                or _DIEU.match(key)
            )
            if known or (
                lines and (self.fmt.jc(para.element) != "center" or self.is_upper(self.whole(para)))
            ):
                break  # an upper-case line after the trích yếu is the quyết định's authority
            lines.append(para)
        return lines

    def check_kinh_gui(self, para: _Para) -> None:
        self.check_format(self.whole(para), "Kính gửi", (13, 14), False, False)
        self.header_end = max(self.header_end, para.index)
        rest = para.key.split(":", 1)[1].strip() if ":" in para.key else ""
        if rest and not rest.startswith("-"):
            return  # one addressee, on the Kính gửi line itself
        lines: list[_Para] = []
        for other in self.after(para):
            if not other.key:
                if lines:
                    break
                continue
            if other.cell is not None or not other.numbered.startswith(("-", "+")):
                break
            lines.append(other)
        for position, line in enumerate(lines):
            self.header_end = max(self.header_end, line.index)
            self.check_format(self.whole(line), "Kính gửi", (13, 14), False, False)
            self.check_list_line(self.whole(line), position == len(lines) - 1, "Kính gửi")

    def check_list_line(self, line: _Span, last: bool, rule: str) -> None:
        """ "- …;" on every line of a list, "." on the last one."""
        text = self.shown_line(line)
        if not text.startswith(("- ", "+ ")):
            self.add(line.para, rule, "dòng không bắt đầu bằng “- ”", "mỗi dòng “- …;”")
        elif last and not text.endswith("."):
            found = f'dòng cuối kết thúc bằng "{text[-1]}"'
            self.add(line.para, rule, found, 'dòng cuối kết thúc bằng "."')
        elif not last and not text.endswith((";", ":")):
            found = f'dòng kết thúc bằng "{text[-1]}"'
            self.add(line.para, rule, found, 'mỗi dòng kết thúc bằng ";", dòng cuối bằng "."')

    # --- body

    def locate_body(self) -> None:
        """Body paragraphs: outside tables, between the header block and the signature block."""
        start = self.header_end
        later = [p for p in self.paras if p.index > start]
        self.noi_nhan = next((p for p in later if _NOI_NHAN.match(p.key)), None)
        signer = next(
            (
                p
                for p in later
                for span in self.segments(p)
                if _AUTHORITY.match(span.text) or span.text in ("THƯ KÝ", *_CHAIRS)
            ),
            None,
        )
        for marker in (signer, self.noi_nhan):
            if marker is None:
                continue
            table = self.outer_table(marker)
            first = self.table_range(table)[0] if table is not None else marker.index
            if start < first < self.sig_start:
                self.sig_start, self.sig_table = first, table
            elif table is not None and first == self.sig_start:
                self.sig_table = table
        if self.sig_start >= _END:
            # The head signs without KT./TM. and there is no Nơi nhận: the signature is the last
            # table shaped like one (title in capitals, blank signing space, name).
            tables = {id(t): t for p in later if (t := self.outer_table(p)) is not None}
            for table in reversed(list(tables.values())):
                if self.looks_signed(table):
                    self.sig_start, self.sig_table = self.table_range(table)[0], table
                    break
        self.body = [
            p
            for p in later
            if p.index < self.sig_start and p.cell is None and not p.boxed and p.key
        ]

    def looks_signed(self, table: _El) -> bool:
        cells: dict[int, list[_Para]] = {}
        for para in self.paras:
            if para.cell is not None and self.outer_table(para) is table:
                cells.setdefault(id(para.cell.tc), []).append(para)
        for lines in cells.values():
            filled = [i for i, p in enumerate(lines) if p.key]
            if (
                len(filled) >= 2
                and self.is_upper(self.whole(lines[filled[0]]))
                and any(not p.key for p in lines[filled[0] : filled[-1]])
            ):
                return True
        return False

    def check_body(self) -> None:
        """One size 13 or 14 for all body text; justified, indented, spaced; numbering order."""
        weights: dict[float, int] = {}
        sizes: dict[int, set[float]] = {}
        for para in self.body:
            for run in self.runs(self.whole(para)):
                if self.fmt.superscript(para.element, run.element):
                    continue  # footnote marks are smaller on purpose
                size = self.fmt.size(para.element, run.element)
                sizes.setdefault(para.index, set()).add(size)
                weights[size] = weights.get(size, 0) + len(run.text.strip())
        main = max(weights, key=lambda s: weights[s]) if weights else 14.0
        for para in self.body:
            if main in (13.0, 14.0):
                other = sorted(sizes.get(para.index, set()) - {main})
                expected = f"{_num(main)} như toàn bộ nội dung (một cỡ chữ, 13 hoặc 14)"
            else:
                other = sorted(sizes.get(para.index, set()) - {13.0, 14.0})
                expected = "13 hoặc 14, một cỡ chữ cho toàn bộ nội dung"
            if other:
                found = "cỡ chữ " + " và ".join(_num(s) for s in other)
                self.add(para, "Cỡ chữ nội dung", found, expected)
        for position, para in enumerate(self.body):
            if para.key != "QUYẾT ĐỊNH:":  # centred by its own rule
                following = self.body[position + 1] if position + 1 < len(self.body) else None
                self.check_layout(para, following)
        self.check_numbering()

    def check_layout(self, para: _Para, next_body: _Para | None) -> None:
        jc = self.fmt.jc(para.element)
        if jc not in ("both", "distribute"):
            self.add(para, "Căn lề nội dung", _align(jc), "căn đều hai lề")
        size = self.fmt.para_size(para)
        first = _mm(self.fmt.indent(para.element, size).first)
        if not (abs(first - 10) <= 0.5 or abs(first - 12.7) <= 0.5):
            amount = _num(round(abs(first), 1))
            found = f"thụt lề treo {amount} mm" if first < 0 else f"thụt đầu dòng {amount} mm"
            self.add(para, "Thụt đầu dòng", found, "thụt đầu dòng 10 mm hoặc 12,7 mm")
        spacing = self.fmt.spacing(para.element)
        if next_body is not None and self.following(para) is next_body:
            after, before = spacing.after, self.fmt.spacing(next_body.element).before
            if _style_id(para.element) == _style_id(next_body.element):
                # Word drops the space between paragraphs of one style with contextual spacing.
                after = 0.0 if self.fmt.contextual(para.element) else after
                before = 0.0 if self.fmt.contextual(next_body.element) else before
            gap = max(after, before)  # Word uses the larger of the two, it does not add them
            if gap < 6:
                self.add(
                    para,
                    "Khoảng cách đoạn",
                    f"cách đoạn sau {_num(gap)} pt",
                    "cách đoạn sau tối thiểu 6 pt",
                )
        line = spacing.line
        if line is None:
            return
        if spacing.rule not in ("exact", "atLeast"):
            if not 240 <= line <= 360:
                self.add(
                    para,
                    "Giãn dòng",
                    f"giãn dòng {_num(round(line / 240, 2))} dòng",
                    "từ 1 dòng (single) đến 1,5 dòng",
                )
            return
        points, high = line / 20, 1.5 * _SINGLE_LINE_EM * size
        if points > high + 0.05 or (spacing.rule == "exact" and points < size):
            word = "chính xác" if spacing.rule == "exact" else "tối thiểu"
            expected = f"từ 1 dòng (single) đến 1,5 dòng ({_num(size)}–{_num(round(high, 1))} pt)"
            self.add(para, "Giãn dòng", f"giãn dòng {word} {_num(points)} pt", expected)

    def check_numbering(self) -> None:
        """Mục I, II… upper bold; khoản 1, 2… and điểm a, b… in order; Điều 1, 2… bold."""
        roman = khoan = dieu = 0
        letter = -1
        for para in self.body:
            text = para.numbered
            heading = _ROMAN.match(text)
            article = _DIEU.match(para.key)
            number = _KHOAN.match(text) if not re.match(r"^\d+\.\d", text) else None
            point = _DIEM.match(text)
            if heading and heading.group("n"):
                value = _roman_value(heading.group("n"))
                if value != roman + 1:
                    found = (
                        f"mục {heading.group('n')} sau mục {_roman(roman)}"
                        if roman
                        else f"mục {heading.group('n')} mở đầu"
                    )
                    self.add(para, "Số thứ tự mục", found, f"mục {_roman(roman + 1)}")
                roman, khoan, letter = value, 0, -1
                self.check_format(self.whole(para), "Tiêu đề mục", None, True, None, upper=True)
            elif article:
                value = int(article.group("n"))
                if value != dieu + 1:
                    found = f"Điều {value} sau Điều {dieu}" if dieu else f"Điều {value} mở đầu"
                    self.add(para, "Số thứ tự Điều", found, f"Điều {dieu + 1}")
                dieu, khoan, letter = value, 0, -1
                label = self.sub(self.whole(para), r"Điều\s+\d+\s*\.")
                self.check_format(label, "Điều", None, True, None)
            elif number:
                value = int(number.group("n"))
                if value != khoan + 1:
                    found = f"khoản {value} sau khoản {khoan}" if khoan else f"khoản {value} mở đầu"
                    self.add(para, "Số thứ tự khoản", found, f"khoản {khoan + 1}")
                khoan, letter = value, -1
            elif point:
                found_letter = point.group("l")
                wanted = DIEM_LETTERS[letter + 1] if letter + 1 < len(DIEM_LETTERS) else None
                if found_letter != wanted:
                    found = (
                        f"điểm {found_letter} sau điểm {DIEM_LETTERS[letter]}"
                        if letter >= 0
                        else f"điểm {found_letter} mở đầu"
                    )
                    expected = f"điểm {wanted}" if wanted else "điểm theo thứ tự a b c d đ e g h…"
                    self.add(para, "Thứ tự điểm", found, expected)
                if found_letter in DIEM_LETTERS:
                    letter = DIEM_LETTERS.index(found_letter)
                else:
                    letter += 1

    # --- recipients and signature

    def check_signature(self) -> None:
        self.check_recipients()
        groups = [g for g in self.signer_groups() if any(span is not None for span in g)]
        if self.kind == "bien_ban":
            self.check_bien_ban_signers()
        elif not groups and self.kind != "danh_sach":
            self.add(
                "văn bản",
                "Chữ ký",
                "không có chức vụ và họ tên người ký",
                "chức vụ in hoa đậm 13–14, họ tên đậm 13–14",
            )
        for group in groups:
            self.check_signer(group)

    def shown_line(self, span: _Span) -> str:
        """A list line as shown: the automatic numbering label goes with the first column."""
        first = span.start == self.whole(span.para).start
        return " ".join(f"{span.para.label if first else ''}{span.text}".split())

    def recipient_lines(self) -> list[_Span]:
        """The recipients under "Nơi nhận:": the rest of its table cell, or the "- …" lines
        that follow it (their first column when the block is typed with tabs)."""
        noi_nhan = self.noi_nhan
        if noi_nhan is None:
            return []
        if noi_nhan.cell is not None:
            cell = self.cell_paras(noi_nhan.cell)
            return [self.whole(p) for p in cell if p.index > noi_nhan.index and p.key]
        lines: list[_Span] = []
        for para in self.after(noi_nhan):
            spans = self.segments(para)
            if para.cell is not None:
                break
            if not spans or para.text.lstrip(" ").startswith("\t"):
                continue  # a blank line, or text in the signature column only
            if not self.shown_line(spans[0]).startswith(("-", "+")):
                break
            lines.append(spans[0])
        return lines

    def signer_groups(self) -> list[list[_Span | None]]:
        """Each signature as a column of lines (None for a blank line): each cell of the
        signature table but Nơi nhận's, or the signature column of the block below the body."""
        if self.sig_table is not None:
            cells: dict[int, list[_Span | None]] = {}
            for para in self.paras:
                if para.cell is None or para.boxed or self.outer_table(para) is not self.sig_table:
                    continue
                if self.noi_nhan is not None and self.same_cell(para, self.noi_nhan):
                    continue
                cells.setdefault(id(para.cell.tc), []).append(
                    self.whole(para) if para.key else None
                )
            return list(cells.values())
        if self.sig_start >= _END:
            return []
        listed = {id(span.para) for span in self.recipient_lines()}
        if self.noi_nhan is not None:
            listed.add(id(self.noi_nhan))
        column: list[_Span | None] = []
        section = None
        for para in self.paras:
            if para.index < self.sig_start or para.boxed:
                continue
            section = para.section if section is None else section
            if para.section != section or self.starts_page(para) or self.is_list_title(para):
                break  # an attached list or appendix follows the signature
            spans = self.segments(para)[1:] if id(para) in listed else self.segments(para)
            column.append(spans[-1] if spans else None)
        return [column]

    def starts_page(self, para: _Para) -> bool:
        p = para.element
        breaks = any(_val(br, "type") == "page" for br in p.iter(_w("br")))
        return breaks or bool(_on(p.find(f"{_w('pPr')}/{_w('pageBreakBefore')}")))

    def is_list_title(self, para: _Para) -> bool:
        return para.key.upper().startswith(("DANH SÁCH", "PHỤ LỤC"))

    def check_signer(self, group: list[_Span | None]) -> None:
        """Authority lines (KT./TM.…, title) above the signing space, the name below it."""

        def note(span: _Span) -> bool:
            return span.text.startswith("(") and span.text.endswith(")")  # "(Đã ký)"…

        lines = [s for s in group if s is not None and not note(s)]
        if not lines:
            return
        # The blank lines left for the signature and seal split authority from the name;
        # without them the last line is the name.
        gap = next((i for i, s in enumerate(group) if s is None and any(group[:i])), len(group))
        below = [s for s in group[gap:] if s is not None and not note(s)]
        if below:
            authority, name = [s for s in lines if s not in below], below[0]
            for extra in below[1:]:
                # A post the signer also holds may be captioned under the name in regular type
                # ("Chủ tịch Hội đồng Thi đua - Khen thưởng …", as in the plans BHXH Việt Nam
                # issues); another bold or capitalised line there is a second name or title.
                if self.all_bold(extra) or self.is_upper(extra):
                    self.add(
                        extra.para,
                        "Chữ ký",
                        "có dòng đậm hoặc in hoa dưới họ tên người ký",
                        "họ tên người ký là dòng cuối của chữ ký (chỉ cho phép dòng chức danh kiêm nhiệm, chữ thường)",
                    )
        else:
            authority, name = lines[:-1], lines[-1]
        if not authority and self.is_upper(name):
            rule = "Quyền hạn, chức vụ người ký"
            self.check_format(name, rule, (13, 14), True, False, upper=True)
            self.add(
                name.para,
                "Họ tên người ký",
                "không có họ tên người ký dưới chức vụ",
                "họ tên người ký, đậm, 13–14",
            )
            return
        for span in authority:
            self.check_format(
                span, "Quyền hạn, chức vụ người ký", (13, 14), True, False, upper=True
            )
        self.check_format(name, "Họ tên người ký", (13, 14), True, False)
        if _HONORIFIC.match(name.text):
            found = f'có "{name.text.split()[0]}" trước họ tên'
            self.add(
                name.para,
                "Họ tên người ký",
                found,
                "chỉ ghi họ tên, không có danh xưng, học hàm, học vị",
            )
        elif self.is_upper(name):
            self.add(
                name.para,
                "Họ tên người ký",
                "họ tên in hoa toàn bộ",
                "họ tên chữ thường, viết hoa chữ cái đầu mỗi tiếng",
            )

    def check_bien_ban_signers(self) -> None:
        spans = [s for p in self.paras if p.index >= self.sig_start for s in self.segments(p)]
        secretary = next((s for s in spans if s.text == "THƯ KÝ"), None)
        chair = next((s for s in spans if s.text in _CHAIRS), None)
        if secretary is None or chair is None:
            missing = " và ".join(
                name for name, span in (("THƯ KÝ", secretary), ("CHỦ TỌA", chair)) if span is None
            )
            self.add(
                "văn bản",
                "Chữ ký biên bản",
                f"không có chữ ký {missing}",
                "THƯ KÝ ký bên trái, CHỦ TỌA ký bên phải",
            )
            return
        one, other = secretary.para, chair.para
        if one is other:
            swapped = secretary.start > chair.start
        else:
            swapped = (
                one.cell is not None and other.cell is not None and one.cell.col > other.cell.col
            )
        if swapped:
            self.add(
                one,
                "Chữ ký biên bản",
                "THƯ KÝ ký bên phải, CHỦ TỌA bên trái",
                "THƯ KÝ ký bên trái, CHỦ TỌA ký bên phải",
            )

    def check_recipients(self) -> None:
        kind, noi_nhan = self.kind, self.noi_nhan
        if noi_nhan is None:
            # A heading longer than the bare tên loại ("BÁO CÁO THÀNH TÍCH") is a form another
            # regulation lays down (Nghị định 98/2023), which has no Nơi nhận.
            form = self.title is not None and self.title.key.casefold() not in _TITLE_KINDS
            if kind not in ("bien_ban", "danh_sach") and not form:
                self.add(
                    "văn bản",
                    "Nơi nhận",
                    "không có “Nơi nhận:”",
                    "“Nơi nhận:” đậm nghiêng 12, góc dưới bên trái",
                )
            return
        label = self.sub(self.whole(noi_nhan), r"\s*Nơi\s*nhận\s*:?")
        self.check_format(label, "Nơi nhận", (12,), True, True)
        if not noi_nhan.key.startswith("Nơi nhận:"):
            self.add(noi_nhan, "Nơi nhận", f'viết "{label.text}"', '"Nơi nhận:"')
        lines = self.recipient_lines()
        if not lines:
            self.add(
                noi_nhan,
                "Nơi nhận",
                "không có danh sách nơi nhận",
                "mỗi nơi nhận một dòng “- …;”, dòng cuối “- Lưu: VT, …”",
            )
            return
        for position, line in enumerate(lines):
            self.check_format(line, "Nơi nhận", (11,), False, False)
            self.check_list_line(line, position == len(lines) - 1, "Nơi nhận")
        if not re.match(r"^-\s*Lưu\s*:", self.shown_line(lines[-1])):
            self.add(
                lines[-1].para,
                "Nơi nhận",
                "dòng cuối không phải “- Lưu: …”",
                "dòng cuối “- Lưu: VT, …”",
            )
        first = self.shown_line(lines[0])
        articles = {int(m.group("n")) for p in self.body if (m := _DIEU.match(p.key))}
        if kind in ("cong_van", "to_trinh", "bao_cao") and self.kinh_gui is not None:
            if first != "- Như trên;":
                expected = '"- Như trên;" (văn bản có Kính gửi)'
                self.add(lines[0].para, "Nơi nhận", f'dòng đầu "{first}"', expected)
        elif kind == "quyet_dinh" and 3 in articles:
            named = re.match(r"^- Như Điều (\d+);$", first)
            if named is None or int(named.group(1)) not in articles:
                self.add(lines[0].para, "Nơi nhận", f'dòng đầu "{first}"', '"- Như Điều 3;"')

    # --- rules of one kind

    def check_kind_rules(self) -> None:
        if self.kind == "quyet_dinh":
            self.check_decision()
        elif self.kind == "bien_ban" and not any(
            p.key.startswith("Cuộc họp kết thúc") for p in self.body
        ):
            self.add(
                "văn bản",
                "Kết thúc biên bản",
                "không có câu “Cuộc họp kết thúc vào …”",
                "“Cuộc họp kết thúc vào … giờ …, ngày … tháng … năm …./.”",
            )

    def check_decision(self) -> None:
        decide = next((p for p in self.body if p.key.replace(" :", ":") == "QUYẾT ĐỊNH:"), None)
        if decide is None:
            self.add(
                "văn bản",
                "Quyết định",
                "không có dòng “QUYẾT ĐỊNH:” trước Điều 1",
                "“QUYẾT ĐỊNH:” đậm, căn giữa",
            )
        else:
            self.check_format(self.whole(decide), "Quyết định", None, True, None, center=True)
        if not any(_DIEU.match(p.key) for p in self.body):
            self.add(
                "văn bản",
                "Điều",
                "quyết định không có “Điều 1.”",
                "nội dung chia thành Điều 1., Điều 2., …",
            )
        limit = decide.index if decide is not None else _END
        preamble = [
            p for p in self.body if p.index < limit and p.key.startswith(("Căn cứ", "Theo đề nghị"))
        ]
        for position, para in enumerate(preamble):
            self.check_format(self.whole(para), "Căn cứ", None, None, True)
            end = para.key[-1]
            if position == len(preamble) - 1 and end != ".":
                self.add(
                    para,
                    "Căn cứ",
                    f'dòng cuối kết thúc bằng "{end}"',
                    'dòng căn cứ cuối kết thúc bằng "."',
                )
            elif position < len(preamble) - 1 and end != ";":
                self.add(
                    para,
                    "Căn cứ",
                    f'dòng kết thúc bằng "{end}"',
                    'mỗi dòng căn cứ kết thúc bằng ";"',
                )
