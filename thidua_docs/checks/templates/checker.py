"""Checking a .docx template for what editing it in Word breaks, and repairing what is mechanical.

``check_template`` lists every problem of a template with its place, as rendering would name it
(``phần thân, bảng 2, dòng 3, ô 1, đoạn 40 "…"``): paragraphs are numbered over every ``w:p`` of
a part in document order, table cells included, exactly as ``render.mark_paragraphs`` does.
``fix_template`` writes a repaired copy for the problems that have one mechanical repair.

Two layers are checked:

* Jinja, on the source ``render.PreparedTemplate`` compiles (docxtpl's ``patch_xml`` applied to
  the paragraph-marked XML): syntax errors, unknown filters and tests, and — when the template is
  one of ``TEMPLATE_FILES`` — variables missing from the context the toolkit really gives it
  (``variables.example_contexts``). This layer runs on the in-memory repaired XML, so a problem
  ``fix_template`` repairs is reported once, as the Word problem it is.
* Word's XML, which the clerk never sees: tags split across runs, curly quotes and odd spaces
  inside tags, tracked changes, ``{%p``/``{%tr``/``{%tc`` misuse, tags not closed in their
  paragraph, fonts other than Times New Roman.

Levels follow what rendering does (the tests render the damaged templates). docxtpl's ``patch_xml``
repairs by itself, so the finding is a warning ("cảnh báo"): a tag split across runs by proofing
marks, bookmarks, other rsids, differing formatting (the whole tag then takes the first piece's
formatting) or a smart tag or hyperlink around a middle piece; curly quotes inside ``{{ }}`` and
``{% %}``; a no-break space between Jinja tokens (Jinja takes any Unicode space for whitespace).
It does not, so the finding is an error ("lỗi"): a tag whose first and last pieces sit under
different wrappers (a smart tag, hyperlink or field around one end: the merged XML is unbalanced
and the output cannot be written); a no-break space right after ``{%p``/``{%tr``/``{%tc``/``{%r``
or a space Jinja does not know (zero-width…); a tracked change inside a tag (deleted text is
still read as template text, a change at one end unbalances the XML); a tag broken by Enter (docxtpl joins it, and the paragraphs with it);
a ``{%p``/``{%tr``/``{%tc`` tag sharing its paragraph, row or cell with text, which vanishes.

A valid package whatever the data (errors, repaired by ``--fix``): a table cell that can end
without a paragraph once filled (its last paragraphs inside a ``{%p if %}``/``{%p for %}`` block,
or none at all); then the template's own package and, for a shipped template's name, the document
its example data gives, through ``ooxml.validity``. Print-ready pages (warnings, repaired by
``--fix``): rows of a bordered table that may split across pages, numbered bold headings
without "keep with next".
"""

from __future__ import annotations

import bisect
import difflib
import functools
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import nodes
from lxml import etree

from thidua_docs.diagnostics import CANH_BAO, LOI, Diagnostic
from thidua_docs.documents.catalogue import example_contexts
from thidua_docs.errors import InputError, TemplateError, ThiduaError
from thidua_docs.files import check_writable, write_atomic
from thidua_docs.formatting import FILTERS
from thidua_docs.ooxml.names import nearest, on, w
from thidua_docs.ooxml.reader import Package, PackageError
from thidua_docs.ooxml.styles import Font, Formatting
from thidua_docs.ooxml.validity import package_flaws
from thidua_docs.render.budget import static_breaches
from thidua_docs.render.engine import (
    TEMPLATED_PART,
    PreparedTemplate,
    excerpt,
    make_environment,
    mark_paragraphs,
    part_label,
    template_read_error,
    translate_syntax,
)
from thidua_docs.render.templates import TEMPLATE_FILES

__all__ = ["CANH_BAO", "LOI", "Finding", "check_template", "fix_template"]


class Finding(Diagnostic):
    """One problem of a template: where (as rendering errors name it), how bad, what to do.

    ``place`` is as rendering names it ('phần thân, bảng 2, dòng 3, ô 1, đoạn 40 "…"');
    ``level`` is ``LOI`` (rendering fails or writes wrong output) or ``CANH_BAO`` (it works, but
    is fragile); ``message`` says in Vietnamese what is wrong and how to fix it; ``fixable``:
    ``fix_template`` repairs it mechanically.
    """

    def __init__(self, file: Path, place: str, level: str, message: str, fixable: bool) -> None:
        super().__init__(file=file, place=place, message=message, level=level, fixable=fixable)

    def __str__(self) -> str:
        return f"{Path(self.file).name}: {self.place} — {self.level}: {self.message}"


# --- WordprocessingML names ---------------------------------------------------------------------

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


_P, _R, _T, _DEL_TEXT, _INSTR_TEXT = w("p"), w("r"), w("t"), w("delText"), w("instrText")
_TAB, _BR, _CR = w("tab"), w("br"), w("cr")
_TBL, _TR, _TC = w("tbl"), w("tr"), w("tc")
_RPR = w("rPr")
_PROOF_ERR, _BOOKMARK_START, _BOOKMARK_END = w("proofErr"), w("bookmarkStart"), w("bookmarkEnd")
_COMMENT_MARKS = {w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")}
_SMART_TAG, _HYPERLINK = w("smartTag"), w("hyperlink")
_FIELD_MARKS = {w("fldChar"), w("instrText"), w("fldSimple")}
#: Tracked changes of content: their text is in the XML whether Word shows it or not.
_CONTENT_REVISIONS = {w("ins"), w("del"), w("moveFrom"), w("moveTo")}
#: Tracked changes of formatting: harmless to rendering, but carried into every document made.
_FORMAT_REVISIONS = {
    w(name)
    for name in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "trPrChange",
        "tcPrChange",
        "tblGridChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
    )
}
#: Run properties that differ between runs without the clerk seeing any difference.
_INVISIBLE_RPR = {w("lang"), w("noProof"), w("rPrChange"), w("webHidden")}

TIMES_NEW_ROMAN = "Times New Roman"

# --- Jinja as rendering sees it -----------------------------------------------------------------

_ENV = make_environment()
#: render.mark_paragraphs's marker line ("¶12#}"), or ours before a row or cell ("¶12+#}").
_MARKER = re.compile(r"^¶(\d+)(\+?)#\}")
_HOLDER_START = re.compile(r"<w:t[rc][ >]")
_PARAGRAPH_MARKER = re.compile(r"\n\{#\n¶(\d+)#\}\n")
_DELIMITER = re.compile(r"\{[{%#]|[}%#]\}")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
#: docxtpl's row/cell/paragraph/run tags: "{%p " with an ordinary space, nothing else.
_PREFIX = re.compile(r"^\{(?:[{%](tr|tc|p|r)|#(tr|tc|p)) ")
#: Word's curly quotes, which docxtpl straightens inside {{ }} and {% %} (patch_xml, clean_tags).
_CURLY = {"“": '"', "”": '"', "‘": "'", "’": "'"}
#: Spaces Word types or pastes that are not the space bar's: no-break spaces from Shift+Ctrl+Space
#: and AutoCorrect, thin and em spaces from pasted text, zero-width ones from the web.
_ODD_SPACES = {
    **{chr(code): f"dấu cách lạ (U+{code:04X})" for code in range(0x2000, 0x200B)},
    "\u00a0": "dấu cách không ngắt (non-breaking space, U+00A0)",
    "\u202f": "dấu cách hẹp không ngắt (U+202F)",
    "\u2007": "dấu cách chữ số (U+2007)",
    "\u2009": "dấu cách mảnh (U+2009)",
    "\u3000": "dấu cách rộng (U+3000)",
    "\u200b": "ký tự cách độ rộng 0 (U+200B)",
    "\u200c": "ký tự nối độ rộng 0 (U+200C)",
    "\u200d": "ký tự nối độ rộng 0 (U+200D)",
    "\u2060": "ký tự nối từ (U+2060)",
    "\ufeff": "ký tự BOM độ rộng 0 (U+FEFF)",
}
#: docxtpl joins the pieces of a tag across a paragraph break: the paragraphs become one.
_BROKEN_LINE = (
    "thẻ bị ngắt dòng (Enter) giữa chừng, khi điền các đoạn bị nhập làm một hoặc văn bản hỏng; "
    "gõ lại cả thẻ trên một dòng"
)
#: Jinja tags that open a block closed by "end…".
_BLOCK_TAGS = {"for", "if", "macro", "call", "filter", "with", "raw", "autoescape", "block"}
#: Names Jinja or the loop itself provides; never data.
_JINJA_NAMES = {"loop", "self", "super", "caller", "varargs", "kwargs"}
#: Filters whose result has the items of their input: a loop over it sees the same fields.
_SHAPE_KEEPING_FILTERS = {"sort", "reverse", "list", "unique", "selectattr", "rejectattr"}

#: Order of the findings of one paragraph: Jinja's first, then Word damage, fonts, then the page.
_SYNTAX, _FILTER, _VARIABLE, _SPLIT, _CHARS, _REVISION, _STRUCTURE, _FONT, _PAGE = range(9)
#: A numbered heading as typed: "I. ", "2. ", "2.1. ", "a) ", or a Jinja number "{{ … }}. ".
_HEADING_LABEL = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ]|\{\{[^}]*\}\})[.)]\s")
_CELL_ENDS = (
    "khi điền, ô có thể không còn đoạn văn nào ở cuối ({found}): Word báo tệp hỏng, LibreOffice "
    "kéo phần sau vào bảng; thêm một đoạn trống (Enter) ở cuối ô, sau mọi thẻ {{%p …%}}"
)
_NOT_BLOCKS = frozenset(
    w(tag) for tag in ("tcPr", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd")
)


@dataclass
class _Piece:
    """One text element of a paragraph and where its text sits in the paragraph's stream."""

    element: Any  # w:t, w:delText or w:instrText
    start: int
    end: int

    @property
    def kind(self) -> str:
        return str(etree.QName(self.element).localname)


@dataclass(frozen=True)
class _Tag:
    """A Jinja tag found in a paragraph's stream: ``{{ … }}``, ``{% … %}`` or ``{# … #}``."""

    start: int
    end: int  # exclusive; the end of the stream when the tag is not closed
    closed: bool
    text: str

    @property
    def opener(self) -> str:
        return self.text[:2]

    @property
    def prefix(self) -> str | None:
        """docxtpl's 'p', 'tr', 'tc' or 'r' when the tag is one of its structural tags."""
        match = _PREFIX.match(self.text) if self.closed else None
        return (match.group(1) or match.group(2)) if match else None

    def overlaps(self, piece: _Piece) -> bool:
        return piece.start < self.end and piece.end > self.start and piece.end > piece.start


@dataclass
class _Paragraph:
    """A ``w:p`` with its number, place, text stream and the Jinja tags in it.

    The stream is the text of every ``w:t``, ``w:delText`` and ``w:instrText`` of the paragraph
    (not of paragraphs nested in it), in document order: what docxtpl's regular expressions and
    then Jinja read, deleted text and field codes included.
    """

    number: int
    element: Any
    place: str
    stream: str
    pieces: list[_Piece]
    tags: list[_Tag]
    stray_closers: list[tuple[int, str]]
    row: Any | None
    cell: Any | None

    def shown(self, tag: _Tag) -> str:
        """A tag as the clerk sees it (no deleted text, no field code), for a message."""
        seen = "".join(
            self.stream[max(p.start, tag.start) : min(p.end, tag.end)]
            for p in self.pieces_of(tag)
            if p.kind == "t"
        )
        return _show(seen if seen.strip() else tag.text)

    def pieces_of(self, tag: _Tag) -> list[_Piece]:
        return [piece for piece in self.pieces if tag.overlaps(piece)]

    def visible_outside(self, tags: Iterable[_Tag]) -> str:
        """The text the clerk sees in this paragraph outside ``tags`` (tags of this paragraph)."""
        inside = [(tag.start, tag.end) for tag in tags]
        return "".join(
            char
            for piece in self.pieces
            if piece.kind == "t"
            for index, char in enumerate(self.stream[piece.start : piece.end], piece.start)
            if not any(start <= index < end for start, end in inside)
        )


@dataclass
class _Fix:
    """The repairs of one paragraph: tags to gather into their first piece, characters to swap."""

    merge: list[_Tag] = field(default_factory=list)
    replace: dict[int, str] = field(default_factory=dict)


def _show(text: str, limit: int = 60) -> str:
    """A tag or piece of text as a message quotes it: on one line, not too long."""
    return excerpt(text, limit)


# --- fonts --------------------------------------------------------------------------------------


def _font_words(font: Font) -> str:
    """A font as a finding names it: the theme's typeface is said to come from the theme."""
    return f"{font.name} (phông theo chủ đề của Word)" if font.theme is not None else font.name


# --- variables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Known:
    """What an expression stands for in the example context: its path as written in the
    template and every example value it takes (all items of a list for a loop variable)."""

    path: str
    values: tuple[Any, ...]
    note: str = ""  # for a loop variable: what it is an item of, said in the message


@functools.cache
def _example_contexts() -> dict[str, dict[str, Any]]:
    """Built once per process: loading the example campaigns is the slow part of a check."""
    return example_contexts()


class _Walker:
    """Walks a template's AST and reports unknown filters, tests and variables.

    Names bound by ``{% for %}``, ``{% set %}``, ``{% with %}`` and macros are tracked in scopes;
    a loop variable stands for every item of what it loops over, so ``dong.ten`` is known when
    any item has ``ten``. What the example context cannot tell (results of calls, ``None``
    values, empty lists) is not checked: a finding must be certain.
    """

    def __init__(
        self,
        context: Mapping[str, Any] | None,
        report: Callable[[int, int, str], None],
        vars_hint: str,
    ) -> None:
        self._context = context
        self._report = report
        self._vars_hint = vars_hint
        self._scopes: list[dict[str, _Known | None]] = [{}]
        self.filter_problems = 0

    def statements(self, body: Iterable[nodes.Node]) -> None:
        for node in body:
            self.statement(node)

    def _bind(self, target: nodes.Node, value: _Known | None, *, loop: bool = False) -> None:
        if isinstance(target, nodes.Name):
            note = f"{target.name} là một mục của {value.path}" if loop and value else ""
            self._scopes[-1][target.name] = (
                _Known(target.name, value.values, note) if value is not None else None
            )
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self._bind(item, None)

    def statement(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.For):
            items = self._items(self.expr(node.iter))
            self._scopes.append({"loop": None})
            self._bind(node.target, items, loop=True)
            if node.test is not None:
                self.expr(node.test)
            self.statements(node.body)
            self._scopes.pop()
            self.statements(node.else_)
        elif isinstance(node, nodes.Assign):
            value = self.expr(node.node)
            if isinstance(node.target, nodes.NSRef):
                self._name(node.target.name, node.lineno, lenient=False)
            else:
                self._bind(node.target, value)
        elif isinstance(node, nodes.AssignBlock):
            if node.filter is not None:
                self.expr(node.filter)
            self.statements(node.body)
            self._bind(node.target, None)
        elif isinstance(node, nodes.Macro):
            self._scopes[-1][node.name] = None
            for default in node.defaults:
                self.expr(default)
            self._scopes.append({arg.name: None for arg in node.args})
            self.statements(node.body)
            self._scopes.pop()
        elif isinstance(node, nodes.CallBlock):
            self.expr(node.call)
            self._scopes.append({arg.name: None for arg in node.args})
            self.statements(node.body)
            self._scopes.pop()
        elif isinstance(node, nodes.With):
            values = [self.expr(value) for value in node.values]
            self._scopes.append({})
            for target, value in zip(node.targets, values, strict=False):
                self._bind(target, value)
            self.statements(node.body)
            self._scopes.pop()
        elif isinstance(node, nodes.FilterBlock):
            self.expr(node.filter)
            self.statements(node.body)
        elif isinstance(node, nodes.Expr):
            self.expr(node)
        else:
            for child in node.iter_child_nodes():
                self.statement(child)

    @staticmethod
    def _items(known: _Known | None) -> _Known | None:
        if known is None or not all(isinstance(v, list | tuple) for v in known.values):
            return None
        items = tuple(item for value in known.values for item in value)
        return _Known(known.path, items, known.note) if items else None

    def expr(self, node: nodes.Node, *, lenient: bool = False) -> _Known | None:
        """Check ``node`` and return what it stands for, or None when that is not known.

        ``lenient``: the expression is under ``|default`` or ``is defined``, where a missing
        last name is expected (but a missing name before it still fails in the sandbox).
        """
        if isinstance(node, nodes.Name):
            return self._name(node.name, node.lineno, lenient) if node.ctx == "load" else None
        if isinstance(node, nodes.Getattr):
            return self._member(node.node, node.attr, node.lineno, lenient)
        if isinstance(node, nodes.Getitem):
            arg = node.arg
            if (
                isinstance(arg, nodes.Const)
                and isinstance(arg.value, str | int)
                and not isinstance(arg.value, bool)
            ):
                return self._member(node.node, arg.value, node.lineno, lenient)
            self.expr(node.node)
            self.expr(arg)
            return None
        if isinstance(node, nodes.Filter | nodes.Test):
            return self._filter_or_test(node)
        for child in node.iter_child_nodes():
            self.expr(child)
        return None

    def _filter_or_test(self, node: nodes.Filter | nodes.Test) -> _Known | None:
        is_filter = isinstance(node, nodes.Filter)
        known = _ENV.filters if is_filter else _ENV.tests
        if node.name not in known:
            self.filter_problems += 1
            guess = difflib.get_close_matches(node.name, list(known), n=1, cutoff=0.75)
            hint = f"; có phải ý là '{guess[0]}'?" if guess else ""
            if is_filter:
                message = (
                    f"không có bộ lọc '{node.name}'{hint} (bộ lọc tiếng Việt: {', '.join(FILTERS)})"
                )
            else:
                message = f"không có phép thử '{node.name}' (sau chữ 'is'){hint}"
            self._report(node.lineno, _FILTER, message)
        for arg in (*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs):
            if arg is not None:
                self.expr(arg)
        if node.node is None:  # the filter of a {% filter %} block
            return None
        lenient = node.name in (("default", "d") if is_filter else ("defined", "undefined"))
        value = self.expr(node.node, lenient=lenient)
        return value if is_filter and node.name in _SHAPE_KEEPING_FILTERS else None

    def _name(self, name: str, lineno: int, lenient: bool) -> _Known | None:
        for scope in reversed(self._scopes):
            if name in scope:
                return scope[name]
        if self._context is None:
            return None
        if name in self._context:
            return _Known(name, (self._context[name],))
        if name in _ENV.globals or name in _JINJA_NAMES or lenient:
            return None
        local = [n for scope in self._scopes for n in scope]
        self._missing(lineno, name, name, [*self._context, *local])
        return None

    def _member(
        self, base_node: nodes.Node, key: str | int, lineno: int, lenient: bool
    ) -> _Known | None:
        base = self.expr(base_node)
        if base is None:
            return None
        path = f"{base.path}.{key}" if isinstance(key, str) else f"{base.path}[{key}]"
        values: list[Any] = []
        names: set[str] = set()
        opaque = False
        for value in base.values:
            if isinstance(value, Mapping):
                if key in value:
                    values.append(value[key])
                    continue
                names.update(str(k) for k in value)
                opaque |= isinstance(key, str) and hasattr(value, key)  # d.items, d.get
            elif value is None:
                opaque = True  # the example leaves it empty: its shape is unknown
            elif isinstance(key, int):
                opaque |= isinstance(value, list | tuple | str)  # the index is the data's business
            else:
                opaque |= hasattr(value, key)  # date.year, str.upper, list.count…
        if values:
            return _Known(path, tuple(values), base.note)
        if not opaque and not lenient:
            self._missing(lineno, path, str(key), sorted(names), base.note)
        return None

    def _missing(
        self, lineno: int, path: str, name: str, candidates: Iterable[str], note: str = ""
    ) -> None:
        guess = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.75)
        hint = f"; có phải ý là '{guess[0]}'?" if guess else f" ({self._vars_hint})"
        about = f" ({note})" if note else ""
        self._report(
            lineno, _VARIABLE, f"biến '{path}'{about} không có trong dữ liệu của mẫu này{hint}"
        )


# --- one part -----------------------------------------------------------------------------------


@dataclass(order=True)
class _Ranked:
    paragraph: int
    check: int
    sequence: int
    finding: Finding = field(compare=False)
    unbalanced: bool = field(default=False, compare=False)  # a tag not closed in its paragraph


class _PartCheck:
    """The checks of one XML part (body, a header…) of one template."""

    def __init__(self, path: Path, name: str, root: Any, fmt: Formatting) -> None:
        self.path = path
        self.name = name
        self.label = part_label(name)
        self.root = root
        self.fmt = fmt
        self.findings: list[_Ranked] = []
        self.fixes: dict[int, _Fix] = {}
        #: Repairs of the page layout (keep with next, rows kept whole, a cell's last paragraph).
        self.layout_fixes: list[Callable[[], None]] = []
        self.paragraphs = self._paragraphs()
        self._by_number = {p.number: p for p in self.paragraphs}
        self._by_element = {p.element: p for p in self.paragraphs}

    # model

    def _paragraphs(self) -> list[_Paragraph]:
        tables = list(self.root.iter(_TBL))  # kept alive: lxml then hands out the same proxies
        table_numbers = {table: number for number, table in enumerate(tables, start=1)}
        paragraphs = []
        for number, element in enumerate(self.root.iter(_P), start=1):
            pieces: list[_Piece] = []
            position = 0
            for text in element.iter(_T, _DEL_TEXT, _INSTR_TEXT):
                if nearest(text, _P) is not element:
                    continue  # a text box's paragraph: numbered on its own
                length = len(text.text or "")
                pieces.append(_Piece(text, position, position + length))
                position += length
            stream = "".join(piece.element.text or "" for piece in pieces)
            tags, strays = _scan(stream)
            cell = nearest(element, _TC)
            row = nearest(cell, _TR) if cell is not None else None
            table = nearest(row, _TBL) if row is not None else None
            where = self.label
            if cell is not None and row is not None and table is not None:
                rows = [r for r in table.iter(_TR) if nearest(r, _TBL) is table]
                cells = [c for c in row.iter(_TC) if nearest(c, _TR) is row]
                where = (
                    f"{self.label}, bảng {table_numbers[table]}, dòng {rows.index(row) + 1}, "
                    f"ô {cells.index(cell) + 1}"
                )
            place = f'{where}, đoạn {number} "{excerpt(_visible_text(element))}"'
            paragraphs.append(
                _Paragraph(number, element, place, stream, pieces, tags, strays, row, cell)
            )
        return paragraphs

    def add(
        self,
        paragraph: _Paragraph | None,
        check: int,
        level: str,
        message: str,
        fixable: bool,
        *,
        unbalanced: bool = False,
    ) -> None:
        place = paragraph.place if paragraph is not None else self.label
        number = paragraph.number if paragraph is not None else 0
        finding = Finding(self.path, place, level, message, fixable)
        if any(r.finding == finding for r in self.findings):
            return
        self.findings.append(_Ranked(number, check, len(self.findings), finding, unbalanced))

    def _fix(self, paragraph: _Paragraph) -> _Fix:
        return self.fixes.setdefault(paragraph.number, _Fix())

    # Word checks

    def check_word(self) -> None:
        revisions = self._revision_paragraphs()
        vanishing = self._check_structure()
        for paragraph in self.paragraphs:
            self._check_tags(paragraph)
            self._check_revisions(paragraph, revisions.get(paragraph.number, set()))
            if paragraph.number not in vanishing:
                self._check_fonts(paragraph)
        self._check_cells()
        self._check_pages(vanishing)

    # a valid package whatever the data, and print-ready pages

    @staticmethod
    def _p_word(paragraph: _Paragraph | None) -> str | None:
        """The statement of a paragraph's {%p …%} tag ("if", "endfor"…), None when it has none."""
        if paragraph is None:
            return None
        for tag in paragraph.tags:
            if tag.prefix == "p":
                words = tag.text[2:-2].lstrip("-+")[1:].split()
                return words[0] if words else ""
        return None

    def _check_cells(self) -> None:
        """A cell must end with a paragraph that is always printed: not a {%p%} tag paragraph
        (it vanishes) nor one inside a {%p if/for%} block of the cell (it may not be printed)."""
        for tc in self.root.iter(_TC):
            blocks = [c for c in tc if isinstance(c.tag, str) and c.tag not in _NOT_BLOCKS]
            # Whatever the data, the cell's last block must be a paragraph: the last block always
            # printed (outside any block of the cell) is one, and nothing that may follow it is
            # a table.
            depth, always, after = 0, None, list[Any]()
            for block in blocks:
                paragraph = self._by_element.get(block) if block.tag == _P else None
                word = self._p_word(paragraph)
                if word in _BLOCK_TAGS:
                    depth += 1
                elif word is not None and word.startswith("end"):
                    depth = max(depth - 1, 0)
                elif word is None and depth == 0:
                    always, after = block, []
                elif word is None:
                    after.append(block)
            if always is not None and always.tag == _P and all(b.tag == _P for b in after):
                continue
            row = nearest(tc, _TR)
            if (
                row is not None
                and any(t.prefix == "tr" for p in self.paragraphs if p.row is row for t in p.tags)
                and blocks
            ):
                continue  # the row of a {%tr%} tag is replaced by the tag: its cells vanish
            inside = [p for p in self.paragraphs if p.cell is tc]
            cells = [c for c in row.iter(_TC) if nearest(c, _TR) is row] if row is not None else []
            found = (
                f"ô {cells.index(tc) + 1 if tc in cells else '?'} của dòng không có đoạn văn nào"
                if not blocks
                else "đoạn cuối nằm trong khối {%p if %}/{%p for %} hoặc là một bảng"
            )
            self.add(
                inside[-1] if inside else self._paragraph_before(tc),
                _STRUCTURE,
                LOI,
                _CELL_ENDS.format(found=found),
                True,
            )
            self.layout_fixes.append(functools.partial(_append_empty_paragraph, tc))

    def _paragraph_before(self, element: Any) -> _Paragraph | None:
        """The last paragraph before ``element`` in document order (to name an empty cell)."""
        order = {node: index for index, node in enumerate(self.root.iter())}
        before = [p for p in self.paragraphs if order[p.element] < order[element]]
        return before[-1] if before else None

    def _check_pages(self, vanishing: set[int]) -> None:
        """Rows of a bordered table kept whole on one page; numbered headings kept with the
        paragraph after them (warnings, repaired by --fix)."""
        for number, table in enumerate(self.root.iter(_TBL), start=1):
            if not _bordered(table, self.fmt):
                continue
            rows = [r for r in table.iter(_TR) if nearest(r, _TBL) is table]
            loose = [r for r in rows if r.find(f"{w('trPr')}/{w('cantSplit')}") is None]
            first = next((p for p in self.paragraphs if table in p.element.iterancestors()), None)
            if loose and first is not None:
                self.add(
                    first,
                    _PAGE,
                    CANH_BAO,
                    f"bảng {number}: {len(loose)} dòng có thể bị ngắt sang trang sau (nửa dòng ở "
                    "cuối trang, nửa ở trang sau); chọn bảng → Table Properties → Row → bỏ chọn "
                    "“Allow row to break across pages”",
                    True,
                )
                self.layout_fixes.append(functools.partial(_keep_rows_whole, loose))
        for paragraph in self.paragraphs:
            if (
                paragraph.cell is not None
                or paragraph.number in vanishing
                or (paragraph.tags and self._p_word(paragraph) is not None)
            ):
                continue
            shown = _visible_text(paragraph.element)
            if not shown.strip() or len(shown) > 200 or not _HEADING_LABEL.match(shown):
                continue
            runs = [
                run
                for run in paragraph.element.iter(_R)
                if nearest(run, _P) is paragraph.element
                and "".join(t.text or "" for t in run.iter(_T)).strip()
            ]
            if not runs or not all(self.fmt.flag(paragraph.element, r, "b") for r in runs):
                continue
            if on(_first_layer(self.fmt.para_layers(paragraph.element), "keepNext")):
                continue
            self.add(
                paragraph,
                _PAGE,
                CANH_BAO,
                "đề mục có thể đứng một mình ở cuối trang, tách khỏi đoạn sau nó; chọn đoạn → "
                "Paragraph → Line and Page Breaks → chọn “Keep with next”",
                True,
            )
            self.layout_fixes.append(functools.partial(_keep_with_next, paragraph.element))

    def _check_tags(self, paragraph: _Paragraph) -> None:
        for tag in paragraph.tags:
            if not tag.closed:
                continue
            pieces = paragraph.pieces_of(tag)
            if any(_in_revision(piece.element, paragraph.element) for piece in pieces):
                continue  # reported with the tracked change
            if len(pieces) > 1:
                self._check_split(paragraph, tag, pieces)
            if tag.opener != "{#":
                self._check_characters(paragraph, tag, pieces)

    def _check_split(self, paragraph: _Paragraph, tag: _Tag, pieces: list[_Piece]) -> None:
        between = list(_between(paragraph.element, pieces[0].element, pieces[-1].element))
        shown = paragraph.shown(tag)
        if any(el.tag in _FIELD_MARKS for el in between) or any(
            p.kind == "instrText" or _wrapped_by(p.element, paragraph.element, {w("fldSimple")})
            for p in pieces
        ):
            self.add(
                paragraph,
                _SPLIT,
                LOI,
                f"thẻ {shown} chứa một trường (field) của Word: khi ghép thẻ, mã trường bị bỏ và "
                "văn bản tạo ra có thể hỏng; xóa cả thẻ rồi gõ lại, không chèn trường vào giữa thẻ",
                False,
            )
            return
        causes = []
        if any(el.tag == _PROOF_ERR for el in between):
            causes.append("dấu kiểm tra chính tả")
        if any(el.tag in (_BOOKMARK_START, _BOOKMARK_END) for el in between):
            causes.append("dấu trang (bookmark)")
        if any(el.tag in _COMMENT_MARKS for el in between):
            causes.append("chú thích (comment)")
        if any(_wrapped_by(p.element, paragraph.element, {_SMART_TAG}) for p in pieces):
            causes.append("thẻ thông minh (smart tag)")
        if any(_wrapped_by(p.element, paragraph.element, {_HYPERLINK}) for p in pieces):
            causes.append("liên kết (hyperlink)")
        runs = [nearest(p.element, _R) for p in pieces]
        formats = {_format_key(run) for run in runs if run is not None}
        if len(formats) > 1:
            causes.append("định dạng khác nhau giữa các mảnh")
        rsids = {_rsid_key(run) for run in runs if run is not None}
        if len(rsids) > 1:
            causes.append("các lần sửa khác nhau")
        if not causes:
            causes.append("nhiều đoạn định dạng liền nhau")
        head = f"thẻ {shown} bị Word cắt thành {len(pieces)} mảnh ({', '.join(causes)})"
        fix = "xóa cả thẻ rồi gõ lại một lần, không định dạng riêng từng phần (sửa tự động được: --fix)"
        # docxtpl deletes everything between the first and the last piece's text: the XML stays
        # balanced only when both pieces sit at the same depth under the same kind of elements.
        if _ancestry(pieces[0].element, paragraph.element) != _ancestry(
            pieces[-1].element, paragraph.element
        ):
            self.add(
                paragraph,
                _SPLIT,
                LOI,
                f"{head}: chương trình không tự ghép được, văn bản tạo ra sẽ hỏng; {fix}",
                True,
            )
        elif len(formats) > 1:
            self.add(
                paragraph,
                _SPLIT,
                CANH_BAO,
                f"{head}: chương trình tự ghép lại, nhưng cả thẻ sẽ theo định dạng của mảnh đầu; {fix}",
                True,
            )
        else:
            self.add(
                paragraph,
                _SPLIT,
                CANH_BAO,
                f"{head}: chương trình tự ghép lại được, nhưng thẻ dễ hỏng khi sửa tiếp; {fix}",
                True,
            )
        self._fix(paragraph).merge.append(tag)

    def _check_characters(self, paragraph: _Paragraph, tag: _Tag, pieces: list[_Piece]) -> None:
        in_text = {i for p in pieces if p.kind == "t" for i in range(p.start, p.end)}
        shown = paragraph.shown(tag)
        curly = [i for i in range(tag.start, tag.end) if paragraph.stream[i] in _CURLY]
        if curly:
            self.add(
                paragraph,
                _CHARS,
                CANH_BAO,
                f"thẻ {shown} có dấu nháy cong (“ ” ‘ ’) do Word tự đổi: chương trình tự đổi về "
                "nháy thẳng, nhưng nên tắt AutoFormat As You Type → “Straight quotes with smart "
                "quotes” và gõ lại bằng nháy thẳng (\" ') (sửa tự động được: --fix)",
                True,
            )
            fix = self._fix(paragraph)
            fix.replace.update({i: _CURLY[paragraph.stream[i]] for i in curly if i in in_text})
        odd = _odd_spaces(tag.text)
        if not odd:
            return
        names = ", ".join(dict.fromkeys(_ODD_SPACES[tag.text[i]] for i in odd))
        level, effect = (
            (LOI, "Jinja không đọc được thẻ này")
            if _odd_spaces_break(tag.text, odd)
            else (CANH_BAO, "hiện vẫn đọc được nhưng dễ gây lỗi khi sửa tiếp")
        )
        self.add(
            paragraph,
            _CHARS,
            level,
            f"thẻ {shown} có {names}: {effect}; thay bằng dấu cách thường (sửa tự động được: --fix)",
            True,
        )
        fix = self._fix(paragraph)
        for i in odd:
            if tag.start + i in in_text:
                fix.replace[tag.start + i] = " " if tag.text[i].isspace() else ""

    def _revision_paragraphs(self) -> dict[int, set[str]]:
        """For each paragraph number, the kinds of tracked change in or attached to it."""
        numbers = {p.element: p.number for p in self.paragraphs}
        found: dict[int, set[str]] = {}
        for element in self.root.iter(*_CONTENT_REVISIONS, *_FORMAT_REVISIONS):
            home = nearest(element, _P)
            if home is None:  # a row's or a table's change: shown at its first paragraph
                holder = element.getparent()
                while holder is not None and holder.find(f".//{_P}") is None:
                    holder = holder.getparent()
                home = holder.find(f".//{_P}") if holder is not None else None
            if home is not None and home in numbers:
                found.setdefault(numbers[home], set()).add(element.tag)
        return found

    def _check_revisions(self, paragraph: _Paragraph, kinds: set[str]) -> None:
        tags = [
            tag
            for tag in paragraph.tags
            if any(
                _in_revision(piece.element, paragraph.element) for piece in paragraph.pieces_of(tag)
            )
        ]
        if tags:
            shown = ", ".join(paragraph.shown(tag) for tag in tags)
            pieces = [piece for tag in tags for piece in paragraph.pieces_of(tag)]
            wrappers = {_revision_of(piece.element, paragraph.element) for piece in pieces}
            if any(piece.kind == "delText" for piece in pieces):
                effect = (
                    "chữ đã xóa vẫn còn trong tệp và chương trình vẫn đọc nó như một phần của thẻ"
                )
            elif len(wrappers) > 1:
                effect = "thẻ bị cắt ngang chỗ sửa đổi nên văn bản tạo ra có thể hỏng"
            else:
                effect = "giá trị điền vào sẽ hiện như một sửa đổi chưa được chấp nhận trong mọi văn bản tạo ra"
            self.add(
                paragraph,
                _REVISION,
                LOI,
                f"thẻ {shown} nằm trong phần sửa đổi đang được theo dõi (Track Changes): {effect}; "
                "hãy Chấp nhận mọi thay đổi (Review → Accept All Changes), tắt Track Changes rồi "
                "kiểm tra lại thẻ",
                False,
            )
        elif kinds:
            self.add(
                paragraph,
                _REVISION,
                CANH_BAO,
                "đoạn có sửa đổi đang được theo dõi (Track Changes), sẽ xuất hiện trong mọi văn "
                "bản tạo ra; hãy Chấp nhận mọi thay đổi (Review → Accept All Changes) rồi tắt "
                "Track Changes",
                False,
            )

    def _check_structure(self) -> set[int]:
        """{%p}/{%tr}/{%tc} misuse and tags not closed in their paragraph; returns the numbers of
        the paragraphs that vanish from the output (their fonts do not matter)."""
        vanishing: set[int] = set()
        by_row: dict[Any, list[tuple[_Paragraph, _Tag]]] = {}
        by_cell: dict[Any, list[tuple[_Paragraph, _Tag]]] = {}
        for paragraph in self.paragraphs:
            for tag in paragraph.tags:
                if not tag.closed:
                    self.add(
                        paragraph,
                        _STRUCTURE,
                        LOI,
                        f"thẻ mở {tag.opener} ở «{_show(tag.text, 40)}» không có dấu đóng "
                        f"{_CLOSER[tag.opener]} trong cùng đoạn: {_BROKEN_LINE}",
                        False,
                        unbalanced=True,
                    )
            for _, closer in paragraph.stray_closers:
                opener = {v: k for k, v in _CLOSER.items()}[closer]
                self.add(
                    paragraph,
                    _STRUCTURE,
                    LOI,
                    f"dấu đóng {closer} không có dấu mở {opener} tương ứng trong cùng đoạn: "
                    f"{_BROKEN_LINE}",
                    False,
                    unbalanced=True,
                )
            p_tags = [tag for tag in paragraph.tags if tag.prefix == "p"]
            if p_tags:
                vanishing.add(paragraph.number)
                self._check_alone(paragraph, p_tags, paragraph.visible_outside(p_tags), "đoạn")
            for tag in paragraph.tags:
                if tag.prefix == "tr":
                    if paragraph.row is None:
                        self._outside(paragraph, tag, "một dòng bảng", "tr")
                    else:
                        by_row.setdefault(paragraph.row, []).append((paragraph, tag))
                elif tag.prefix == "tc":
                    if paragraph.cell is None:
                        self._outside(paragraph, tag, "một ô bảng", "tc")
                    else:
                        by_cell.setdefault(paragraph.cell, []).append((paragraph, tag))
        for holders, what in ((by_row, "dòng bảng"), (by_cell, "ô bảng")):
            for holder, found in holders.items():
                inside = [p for p in self.paragraphs if holder in p.element.iterancestors()]
                tags = [tag for _, tag in found]
                other = "".join(
                    p.visible_outside([tag for q, tag in found if q is p]) for p in inside
                )
                vanishing.update(p.number for p in inside)
                self._check_alone(found[0][0], tags, other, what)
        return vanishing

    def _check_alone(self, paragraph: _Paragraph, tags: list[_Tag], other: str, what: str) -> None:
        """A structural tag takes its whole paragraph/row/cell with it: it must stand alone."""
        kind = tags[0].prefix
        if len(tags) > 1:
            self.add(
                paragraph,
                _STRUCTURE,
                LOI,
                f"{what} có {len(tags)} thẻ {{%{kind} …%}} ({', '.join(_show(t.text) for t in tags)}): "
                f"chỉ thẻ đầu được dùng, các thẻ sau mất cùng cả {what}; đặt mỗi thẻ "
                f"{{%{kind} …%}} trong một {what} riêng",
                False,
            )
        if other.strip():
            self.add(
                paragraph,
                _STRUCTURE,
                LOI,
                f"thẻ {_show(tags[0].text)} chung {what} với chữ khác («{_show(other, 40)}»): khi "
                f"điền, cả {what} chứa thẻ bị xóa nên chữ này cũng mất; để thẻ một mình trong "
                f"{what}{' (Enter trước và sau thẻ)' if what == 'đoạn' else ''}",
                False,
            )

    def _outside(self, paragraph: _Paragraph, tag: _Tag, where: str, kind: str) -> None:
        self.add(
            paragraph,
            _STRUCTURE,
            LOI,
            f"thẻ {_show(tag.text)} không nằm trong {where}: thẻ {{%{kind} …%}} chỉ dùng trong "
            f"{where}; ngoài bảng hãy dùng {{%p …%}}",
            False,
        )

    def _check_fonts(self, paragraph: _Paragraph) -> None:
        silent = [tag for tag in paragraph.tags if tag.opener in ("{%", "{#")]
        bad: dict[str, None] = {}
        for piece in paragraph.pieces:
            if piece.kind != "t":
                continue
            shown = [
                char
                for index, char in enumerate(paragraph.stream[piece.start : piece.end], piece.start)
                if not char.isspace() and not any(t.start <= index < t.end for t in silent)
            ]
            run = nearest(piece.element, _R)
            if not shown or run is None:
                continue
            slots = (["ascii"] if any(ord(c) < 128 for c in shown) else []) + (
                ["hAnsi"] if any(ord(c) >= 128 for c in shown) else []
            )
            for slot in slots:
                font = self.fmt.font(paragraph.element, run, slot)
                # Nothing naming a font at all: Word falls back to Times New Roman itself.
                if font is not None and (font.theme is not None or font.name != TIMES_NEW_ROMAN):
                    bad[_font_words(font)] = None
        if bad:
            self.add(
                paragraph,
                _FONT,
                CANH_BAO,
                f"chữ dùng phông {', '.join(bad)}, không phải Times New Roman (Nghị định 30/2020 "
                "yêu cầu Times New Roman); chọn cả đoạn rồi đặt lại phông Times New Roman",
                False,
            )

    # repairs

    def apply_fixes(self) -> bool:
        """Apply the planned repairs to the tree; True when anything changed."""
        changed = False
        for number, fix in self.fixes.items():
            changed |= _repair(self._by_number[number], fix)
        for layout_fix in self.layout_fixes:
            layout_fix()
            changed = True
        return changed

    # Jinja checks

    def check_jinja(self, xml: str, context: Mapping[str, Any] | None, vars_hint: str) -> None:
        """Syntax, filters, tests and variables, on the source rendering compiles."""
        source = DocxTemplate(self.path).patch_xml(_mark_holders(mark_paragraphs(xml)[0]))
        marker_lines: list[int] = []
        markers: list[tuple[int, bool]] = []  # (paragraph number, marks a row or cell start)
        for index, line in enumerate(source.split("\n"), start=1):
            match = _MARKER.match(line)
            if match:
                marker_lines.append(index)
                markers.append((int(match.group(1)), bool(match.group(2))))
        surviving = {number for number, holder in markers if not holder}

        def paragraph_at(lineno: int | None) -> _Paragraph | None:
            at = bisect.bisect_right(marker_lines, lineno or 0) - 1
            if at < 0:
                return None
            number, holder = markers[at]
            if holder:
                # docxtpl replaced the whole row ({%tr}) or cell ({%tc}) by its tag, paragraph
                # markers and all: the tag on this line is the one of its vanished paragraphs.
                following = markers[at + 1][0] if at + 1 < len(markers) else number + 1
                for candidate in range(number, max(following, number + 1)):
                    vanished = self._by_number.get(candidate)
                    if candidate not in surviving and vanished is not None and vanished.tags:
                        return vanished
            return self._by_number.get(number)

        def report(lineno: int, check: int, message: str) -> None:
            self.add(paragraph_at(lineno), check, LOI, message, False)

        try:
            tree = _ENV.parse(source)
        except jinja2.TemplateSyntaxError as err:
            self._syntax(paragraph_at(err.lineno), err)
            return
        walker = _Walker(context, report, vars_hint)
        walker.statements(tree.body)
        # What rendering would stop whatever the data (render.budget), before compiling: the
        # compiler no longer folds such constants, and works on the tree in place.
        for lineno, message in static_breaches(tree, _ENV):
            report(lineno, _SYNTAX, message)
        if walker.filter_problems:
            return  # compiling would only stop at the first of them again
        try:
            _ENV.compile(tree)
        except jinja2.TemplateSyntaxError as err:
            self._syntax(paragraph_at(err.lineno), err)

    def _syntax(self, paragraph: _Paragraph | None, err: jinja2.TemplateSyntaxError) -> None:
        if "unexpected end of template" in (err.message or "").lower():
            # Jinja notices a missing end tag only at the end of the part: name the paragraph
            # of the block left open instead, where the clerk has to look.
            paragraph = self._last_open_block() or paragraph
        # A tag left open, a stray closing delimiter or a broken tag already explains the
        # failure where it is; Jinja's message about it, often a paragraph later, would only be
        # a second and vaguer report of the same mistake.
        explained = any(
            r.finding.level == LOI
            and r.check in (_CHARS, _STRUCTURE)
            and (r.paragraph == (paragraph.number if paragraph else 0) or r.unbalanced)
            for r in self.findings
        )
        if not explained:
            self.add(paragraph, _SYNTAX, LOI, translate_syntax(err), False)

    def _last_open_block(self) -> _Paragraph | None:
        """The paragraph of the innermost block tag ({% for %}, {%p if %}…) never closed."""
        stack: list[_Paragraph] = []
        rows_seen: set[Any] = set()
        for paragraph in self.paragraphs:
            p_seen = False
            for tag in paragraph.tags:
                if tag.opener != "{%" or not tag.closed:
                    continue
                # docxtpl keeps one {%p} per paragraph and one {%tr} per row: the others vanish
                if tag.prefix == "p":
                    if p_seen:
                        continue
                    p_seen = True
                if tag.prefix == "tr" and paragraph.row is not None:
                    if paragraph.row in rows_seen:
                        continue
                    rows_seen.add(paragraph.row)
                body = tag.text[2:-2].lstrip("-+")
                body = body[len(tag.prefix) :] if tag.prefix else body
                words = body.split()
                word = words[0] if words else ""
                if word in _BLOCK_TAGS or (word == "set" and "=" not in body):
                    stack.append(paragraph)
                elif word.startswith("end") and stack:
                    stack.pop()
        return stack[-1] if stack else None


# --- helpers on the XML -------------------------------------------------------------------------


def _first_layer(layers: Iterable[Any], tag: str) -> Any | None:
    for layer in layers:
        found = layer.find(w(tag))
        if found is not None:
            return found
    return None


def _bordered(table: Any, fmt: Formatting) -> bool:
    """A table with visible borders (a list, a vote table), not a layout grid (header block,
    signature): its own borders, else its style's."""
    layers = [table.find(w("tblPr")), *(s.find(w("tblPr")) for s in fmt.table_chain(table))]
    for layer in (x for x in layers if x is not None):
        borders = layer.find(w("tblBorders"))
        if borders is not None:
            return any((edge.get(w("val")) or "nil") not in ("nil", "none") for edge in borders)
    return False


def _append_empty_paragraph(tc: Any) -> None:
    etree.SubElement(tc, _P)


def _keep_rows_whole(rows: list[Any]) -> None:
    for row in rows:
        tr_pr = row.find(w("trPr"))
        if tr_pr is None:
            tr_pr = etree.Element(w("trPr"))
            row.insert(1 if row.find(w("tblPrEx")) is not None else 0, tr_pr)
        if tr_pr.find(w("cantSplit")) is None:
            tr_pr.insert(0, etree.Element(w("cantSplit")))


def _keep_with_next(p: Any) -> None:
    p_pr = p.find(w("pPr"))
    if p_pr is None:
        p_pr = etree.Element(w("pPr"))
        p.insert(0, p_pr)
    if p_pr.find(w("keepNext")) is None:
        # schema order: pStyle first, keepNext right after it
        at = 1 if p_pr.find(w("pStyle")) is not None else 0
        p_pr.insert(at, etree.Element(w("keepNext")))


def _scan(stream: str) -> tuple[list[_Tag], list[tuple[int, str]]]:
    """The Jinja tags of a paragraph's stream and the closing delimiters that close nothing.

    As docxtpl's regular expressions do, a tag ends at the first closing delimiter of its kind.
    """
    tags: list[_Tag] = []
    strays: list[tuple[int, str]] = []
    position = 0
    while match := _DELIMITER.search(stream, position):
        delimiter = match.group()
        if delimiter in _CLOSER:
            end = stream.find(_CLOSER[delimiter], match.start() + 2)
            if end == -1:
                tags.append(_Tag(match.start(), len(stream), False, stream[match.start() :]))
                break
            tags.append(_Tag(match.start(), end + 2, True, stream[match.start() : end + 2]))
            position = end + 2
        else:
            strays.append((match.start(), delimiter))
            position = match.end()
    return tags, strays


def _mark_holders(marked: str) -> str:
    """Put a marker naming its first paragraph before every table row and cell of the
    paragraph-marked XML: docxtpl replaces a row holding ``{%tr}`` (a cell holding ``{%tc}``)
    by the tag alone, markers of its paragraphs included, and a Jinja error in that tag must
    still be traced to its paragraph. Markers are Jinja comments: the output is unchanged."""
    out = []
    last = 0
    for match in _HOLDER_START.finditer(marked):
        following = _PARAGRAPH_MARKER.search(marked, match.end())
        if following is None:
            break
        out.append(marked[last : match.start()])
        out.append(f"\n{{#\n¶{following.group(1)}+#}}\n")
        last = match.start()
    out.append(marked[last:])
    return "".join(out)


def _visible_text(paragraph: Any) -> str:
    """A paragraph's text as Word shows it: no deleted text, no field codes, tabs and breaks."""
    parts = []
    for element in paragraph.iter(_T, _TAB, _BR, _CR):
        if nearest(element, _P) is not paragraph:
            continue
        if element.tag == _T:
            parts.append(element.text or "")
        elif element.getparent().tag == _R:  # w:tab also names tab stops in w:pPr
            parts.append("\t" if element.tag == _TAB else " ")
    return "".join(parts)


def _revision_of(element: Any, paragraph: Any) -> Any | None:
    """The tracked change (w:ins, w:del…) holding ``element`` inside ``paragraph``, if any."""
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _CONTENT_REVISIONS:
            return parent
        parent = parent.getparent()
    return None


def _in_revision(element: Any, paragraph: Any) -> bool:
    return _wrapped_by(element, paragraph, _CONTENT_REVISIONS) or element.tag == _DEL_TEXT


def _wrapped_by(element: Any, paragraph: Any, tags: set[str]) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _ancestry(element: Any, paragraph: Any) -> list[str]:
    names = []
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        names.append(parent.tag)
        parent = parent.getparent()
    return names


def _between(paragraph: Any, first: Any, last: Any) -> Iterator[Any]:
    """Elements after ``first`` and before ``last`` in document order (ancestors of ``last``
    included: a wrapper opening before the last piece separates it from the first)."""
    inside = False
    for element in paragraph.iter():
        if element is last:
            return
        if inside and first not in element.iterancestors():
            yield element
        if element is first:
            inside = True


def _format_key(run: Any) -> bytes:
    """A run's visible formatting, comparable between runs."""
    rpr = run.find(_RPR)
    if rpr is None:
        return b""
    rpr = etree.fromstring(etree.tostring(rpr))
    for child in list(rpr):
        if child.tag in _INVISIBLE_RPR:
            rpr.remove(child)
    for name in list(rpr.attrib):
        if "rsid" in name:
            del rpr.attrib[name]
    return bytes(etree.tostring(rpr, method="c14n"))


def _rsid_key(run: Any) -> tuple[str, ...]:
    return tuple(f"{k}={v}" for k, v in sorted(run.attrib.items()) if "rsid" in k)


def _odd_spaces(text: str) -> list[int]:
    """Offsets in a tag's text of odd spaces outside string literals (inside one they are the
    clerk's own text, printed as typed)."""
    found = []
    quote: str | None = None
    for index, char in enumerate(text):
        plain = _CURLY.get(char, char)  # docxtpl straightens quotes before Jinja reads them
        if quote is not None:
            if plain == quote:
                quote = None
        elif plain in "\"'":
            quote = plain
        elif char in _ODD_SPACES:
            found.append(index)
    return found


def _odd_spaces_break(text: str, odd: list[int]) -> bool:
    """Whether the odd spaces at ``odd`` stop docxtpl or Jinja from reading the tag."""
    if re.match(r"^\{[{%](tr|tc|p|r)$", text[: odd[0]]):
        return True  # docxtpl wants "{%p " with the space bar's space
    source = "".join(_CURLY.get(char, char) for char in text)
    source = _PREFIX.sub(lambda m: m.group()[:2] + " ", source)
    try:
        list(_ENV.lex(source))
    except jinja2.TemplateSyntaxError:
        return True
    return False


def _repair(paragraph: _Paragraph, fix: _Fix) -> bool:
    """Gather each tag of ``fix.merge`` into its first piece and swap the characters of
    ``fix.replace``: every character goes to the piece that owns it (the first piece of its tag,
    or its own), so the pieces' texts still read, in order, as the repaired stream."""
    owner: list[int] = []
    for index, piece in enumerate(paragraph.pieces):
        owner.extend([index] * (piece.end - piece.start))
    for tag in fix.merge:
        first = paragraph.pieces.index(paragraph.pieces_of(tag)[0])
        owner[tag.start : tag.end] = [first] * (tag.end - tag.start)
    texts: list[list[str]] = [[] for _ in paragraph.pieces]
    for index, char in enumerate(paragraph.stream):
        texts[owner[index]].append(fix.replace.get(index, char))
    changed = False
    for tag in fix.merge:
        # A smart tag around the run that now holds the whole tag means nothing to Word since
        # 2010 and hides the run from tools that read only runs: unwrap it.
        wrapper = nearest(paragraph.pieces_of(tag)[0].element, _SMART_TAG)
        while wrapper is not None and paragraph.element in wrapper.iterancestors():
            _unwrap(wrapper)
            changed = True
            wrapper = nearest(paragraph.pieces_of(tag)[0].element, _SMART_TAG)
    for piece, parts in zip(paragraph.pieces, texts, strict=True):
        text = "".join(parts)
        if text == (piece.element.text or "") or piece.kind != "t":
            continue
        changed = True
        if text:
            piece.element.text = text
            piece.element.set(_XML_SPACE, "preserve")
        else:
            _remove_emptied(piece.element, paragraph.element)
    return changed


def _unwrap(wrapper: Any) -> None:
    """Replace ``wrapper`` by its content (its own properties dropped)."""
    holder = wrapper.getparent()
    position = holder.index(wrapper)
    for child in [c for c in wrapper if not c.tag.endswith("Pr")]:
        holder.insert(position, child)
        position += 1
    holder.remove(wrapper)


def _remove_emptied(element: Any, paragraph: Any) -> None:
    """Remove a ``w:t`` left empty, then the run and wrappers (smart tag…) it leaves empty."""
    parent = element.getparent()
    parent.remove(element)
    while parent is not paragraph and all(child.tag.endswith("Pr") for child in parent):
        holder = parent.getparent()
        holder.remove(parent)
        parent = holder


# --- the package --------------------------------------------------------------------------------


@dataclass
class _Template:
    """A template read for checking: every zip entry as it is (to copy into a repaired file)
    and the checks of each templated part."""

    entries: list[tuple[zipfile.ZipInfo, bytes]]
    parts: list[_PartCheck]


_MAIN_PART = "word/document.xml"


def _part_rank(name: str) -> tuple[int, str]:
    order = ["document", "header", "footer", "footnotes", "endnotes"]
    stem = re.sub(r"\d+$", "", Path(name).stem)
    return (order.index(stem) if stem in order else len(order), name)


def _read(path: Path) -> _Template:
    """Read the template's package; every failure is a ``TemplateError`` naming the file (and
    the part, when one part of an otherwise readable package is not XML)."""
    try:
        package = Package(path)
        entries = package.entries()
        if _MAIN_PART not in package.names:
            raise TemplateError(path, "", "không phải tệp Word .docx (thiếu word/document.xml)")
        fmt = Formatting(package.styles(_MAIN_PART, theme=True))
        parts = []
        for name in sorted((n for n in package.names if TEMPLATED_PART.match(n)), key=_part_rank):
            parts.append(_PartCheck(path, name, package.xml(name), fmt))
    except PackageError as err:
        raise template_read_error(path, err) from err
    return _Template(entries, parts)


def _context_for(path: Path, template_name: str | None) -> tuple[Mapping[str, Any] | None, str]:
    name = template_name if template_name is not None else path.name
    if name not in TEMPLATE_FILES:
        if template_name is not None:
            known = ", ".join(TEMPLATE_FILES)
            raise InputError(f"Không có mẫu {template_name}; các mẫu: {known}")
        return None, ""
    return _example_contexts()[name], f"xem các biến: thidua templates vars {Path(name).stem}"


def _serialise(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _analyse(
    path: Path, template_name: str | None, *, jinja: bool = True
) -> tuple[_Template, list[Finding]]:
    context, hint = _context_for(path, template_name) if jinja else (None, "")
    package = _read(path)
    original = {info.filename: payload for info, payload in package.entries}
    findings: list[Finding] = []
    for part in package.parts:
        part.check_word()
        # Jinja reads the repaired XML: what fix_template repairs is reported once, as the
        # Word problem it is, not a second time as the syntax error it causes.
        xml = (
            _serialise(part.root).decode("utf-8")
            if part.apply_fixes()
            else original[part.name].decode("utf-8")
        )
        if jinja:
            part.check_jinja(xml, context, hint)
        findings.extend(ranked.finding for ranked in sorted(part.findings))
    findings += _package_findings(path, context, findings if jinja else None)
    return package, findings


def _package_findings(
    path: Path,
    context: Mapping[str, Any] | None,
    findings: list[Finding] | None,
) -> list[Finding]:
    """What makes the template itself, or the document it gives with its example data, a
    package Word calls damaged (``ooxml.validity``). Cells are checked part by part above, with
    the data in mind; here the rest (XML, content types, relationships, table grids, rows)."""
    try:
        original = path.read_bytes()  # read whole a moment ago (``_read``)
    except OSError as err:
        raise TemplateError(path, "", f"không đọc được tệp ({err.strerror or err})") from err
    out = [
        Finding(
            path, flaw.place or flaw.part, LOI, f"mẫu không phải tệp Word hợp lệ: {flaw}", False
        )
        for flaw in package_flaws(original)
        if flaw.kind != "cell"
    ]
    if findings is None or context is None or any(f.level == LOI for f in [*findings, *out]):
        return out
    try:  # the example data filled in: what the office would get
        rendered = PreparedTemplate(path).render(context)
    except ThiduaError:
        return out  # a failure of the data or the tags is reported by the checks above
    out += [
        Finding(
            path,
            flaw.place or flaw.part,
            LOI,
            f"văn bản điền từ mẫu với dữ liệu ví dụ không phải tệp Word hợp lệ: {flaw.message}",
            False,
        )
        for flaw in package_flaws(rendered)
    ]
    return out


def check_template(path: Path, template_name: str | None = None) -> list[Finding]:
    """Every problem of the .docx template at ``path``, in document order, part by part.

    ``template_name`` is the file name of ``TEMPLATE_FILES`` whose context the variables are
    checked against; by default ``path.name`` when it is one of them, else variables are not
    checked (syntax, filters and Word damage still are). Raises ``TemplateError`` when ``path``
    is not a readable .docx and ``InputError`` for an unknown ``template_name``.
    """
    path = Path(path)
    return _analyse(path, template_name)[1]


def fix_template(path: Path, target: Path) -> list[Finding]:
    """Write to ``target`` a copy of the template at ``path`` with every fixable finding
    repaired, and return those findings (as found in ``path``, which is never modified).

    Repairs: a tag split across runs is gathered into its first run (taking that run's
    formatting, as docxtpl would), curly quotes in tags become straight, odd spaces in tags
    become ordinary ones (zero-width ones are removed). Parts without repairs are copied byte
    for byte. Refuses with ``OutputError`` when ``target`` exists.
    """
    path, target = Path(path), Path(target)
    check_writable(
        target,
        keeps="bản đã sửa trước đó",
        remedy="Chọn một tên khác cho bản mẫu đã sửa, hoặc xóa bản cũ.",
    )
    package, findings = _analyse(path, None, jinja=False)
    repaired = {
        part.name: _serialise(part.root)
        for part in package.parts
        if part.fixes or part.layout_fixes
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info, payload in package.entries:
            out.writestr(info, repaired.get(info.filename, payload))
    write_atomic(target, buffer.getvalue())
    return [finding for finding in findings if finding.fixable]
