"""The detected layout of a document: the document read once, its kind and its located elements.

``detect_layout`` finds, once and before any rule runs, what the rule families look at: the kind
(given or detected from the text), the tên loại, the "V/v" line, "Kính gửi" and its addressees,
the trích yếu, the header region and where it ends, "Nơi nhận", the signature block and the body
between them. Elements are found by their text, not by their position only, because hand-made
documents lay the header out in tables, tabs or text boxes. The result is immutable: every rule
family is a function of it and families do not depend on one another.

``View`` holds the document and the queries on its text and formatting that detection and the
rules share; ``Layout`` is a ``View`` with what detection found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from thidua_docs.checks.nd30.violation import END, Entry, entry
from thidua_docs.checks.nd30.words import (
    AUTHORITY,
    CHAIRS,
    DIEU,
    KHOAN,
    KINH_GUI,
    NOI_NHAN,
    QUOC_HIEU,
    ROMAN,
    TITLE_KINDS,
    VV,
)
from thidua_docs.ooxml.names import TBL, El, on, val, w
from thidua_docs.ooxml.reader import Document, Paragraph, Run
from thidua_docs.ooxml.styles import Formatting


@dataclass(frozen=True)
class Span:
    """A stretch of one paragraph's text: a tab-separated column, a label, the whole line."""

    para: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        raw = self.para.text[self.start : self.end]
        return " ".join(unicodedata.normalize("NFC", raw).split())


@dataclass(frozen=True, eq=False)
class View:
    """A document read for checking, with the queries every rule shares. Fallback duplicates
    (``mc:Fallback``) are left out of ``paras``."""

    path: Path
    doc: Document
    fmt: Formatting
    paras: tuple[Paragraph, ...]
    position: Mapping[int, int]  # id(paragraph) → its index in ``paras``

    @classmethod
    def of(cls, document: Document) -> View:
        paras = tuple(p for p in document.paragraphs if not p.fallback)
        fmt = Formatting(document.styles, document.numbering)
        return cls(document.path, document, fmt, paras, {id(p): i for i, p in enumerate(paras)})

    def violation(self, place: Paragraph | str, rule: str, found: str, expected: str) -> Entry:
        return entry(self.path, place, rule, found, expected)

    # --- text

    def segments(self, para: Paragraph) -> list[Span]:
        """The tab-separated parts of a paragraph (a header typed with tabs has two columns)."""
        spans = []
        for match in re.finditer(r"[^\t\n]+", para.text):
            piece = match.group()
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                spans.append(Span(para, match.start() + lead, match.start() + len(piece.rstrip())))
        return spans

    def whole(self, para: Paragraph) -> Span:
        lead = len(para.text) - len(para.text.lstrip())
        return Span(para, lead, len(para.text.rstrip()))

    def sub(self, span: Span, pattern: str) -> Span:
        """The part of ``span`` that ``pattern`` matches at its start (all of it when none)."""
        match = re.match(pattern, span.para.text[span.start : span.end])
        return Span(span.para, span.start, span.start + match.end()) if match else span

    def runs(self, span: Span) -> list[Run]:
        """Visible runs with text inside ``span``."""
        out = []
        for run in span.para.runs:
            piece = span.para.text[max(run.start, span.start) : min(run.end, span.end)]
            if piece.strip() and not self.fmt.flag(span.para.element, run.element, "vanish"):
                out.append(run)
        return out

    def shown(self, span: Span) -> str:
        """The span's text as printed: runs set in "all caps" show in upper case."""
        p = span.para
        pieces = []
        for run in p.runs:
            piece = p.text[max(run.start, span.start) : min(run.end, span.end)]
            pieces.append(piece.upper() if self.fmt.flag(p.element, run.element, "caps") else piece)
        return " ".join(unicodedata.normalize("NFC", "".join(pieces)).split())

    def is_upper(self, span: Span) -> bool:
        shown = self.shown(span)
        return shown == shown.upper() and any(c.isalpha() for c in shown)

    def all_bold(self, span: Span) -> bool:
        runs = self.runs(span)
        return bool(runs) and all(self.fmt.flag(span.para.element, r.element, "b") for r in runs)

    def shown_line(self, span: Span) -> str:
        """A list line as shown: the automatic numbering label goes with the first column."""
        first = span.start == self.whole(span.para).start
        return " ".join(f"{span.para.label if first else ''}{span.text}".split())

    def find(
        self, pattern: re.Pattern[str], paras: Iterable[Paragraph], fold: bool = False
    ) -> Span | None:
        for para in paras:
            for span in self.segments(para):
                if pattern.search(span.text.casefold() if fold else span.text):
                    return span
        return None

    # --- order and tables

    def after(self, para: Paragraph) -> tuple[Paragraph, ...]:
        return self.paras[self.position[id(para)] + 1 :]

    def following(self, para: Paragraph) -> Paragraph | None:
        """The very next paragraph in reading order (it may be empty)."""
        position = self.position[id(para)] + 1
        return self.paras[position] if position < len(self.paras) else None

    def same_cell(self, one: Paragraph, other: Paragraph) -> bool:
        if one.cell is None or other.cell is None:
            return one.cell is None and other.cell is None
        return bool(one.cell.tc is other.cell.tc)

    def cell_paras(self, para: Paragraph) -> list[Paragraph]:
        """The paragraphs of ``para``'s table cell (``para`` must be in one)."""
        assert para.cell is not None
        tc = para.cell.tc
        return [p for p in self.paras if p.cell is not None and p.cell.tc is tc]

    def outer_table(self, para: Paragraph) -> El | None:
        outer = None
        for table in para.element.iterancestors(TBL):
            outer = table
        return outer

    def table_range(self, table: El) -> tuple[int, int]:
        inside = [p.index for p in self.paras if self.outer_table(p) is table]
        return min(inside), max(inside)

    def starts_page(self, para: Paragraph) -> bool:
        p = para.element
        breaks = any(val(br, "type") == "page" for br in p.iter(w("br")))
        return breaks or bool(on(p.find(f"{w('pPr')}/{w('pageBreakBefore')}")))

    # --- geometry

    def para_size(self, para: Paragraph) -> float:
        """The size most of the paragraph's text is set in (its mark's size when it is empty)."""
        weights: dict[float, int] = {}
        for run in para.runs:
            if run.text.strip():
                size = self.fmt.size(para.element, run.element)
                weights[size] = weights.get(size, 0) + len(run.text)
        if weights:
            return max(weights, key=lambda s: weights[s])
        return self.fmt.mark_size(para.element)

    def available_width(self, para: Paragraph) -> float:
        """Width (twips) between the paragraph's indents, inside its table cell or the page."""
        page = self.doc.sections[para.section].text_width
        width = float(page)
        if para.cell is not None:
            cell = para.cell
            tc_width = self.fmt.tc_width(cell.tc, cell.table, cell.col) or page
            width = tc_width - self.fmt.cell_margins(cell.tc, cell.table)
        ind = self.fmt.indent(para.element)
        return max(width - ind.left - ind.right, 1.0)

    # --- kind

    def kem_theo(self, title: Paragraph) -> Paragraph | None:
        """The "(Kèm theo …)" line within a few paragraphs after a list title."""
        later = [p for p in self.after(title) if p.key][:4]
        return next((p for p in later if p.key.startswith("(Kèm theo")), None)

    def title_kind(self, para: Paragraph, position: int) -> str | None:
        """The kind a paragraph names if it is a tên loại: only "KẾ HOẠCH", "TỜ TRÌNH"…; near
        the top, also an upper-case heading that starts with one ("BÁO CÁO THÀNH TÍCH"); a
        "DANH SÁCH …" heading followed by "(Kèm theo …)"."""
        key = para.key.casefold()
        if key in TITLE_KINDS:
            return TITLE_KINDS[key]
        if key.startswith("danh sách") and self.kem_theo(para):
            return "danh_sach"
        if position < 15 and ":" not in key and self.is_upper(self.whole(para)):
            return next((k for t, k in TITLE_KINDS.items() if key.startswith(f"{t} ")), None)
        return None

    def title_para(self) -> tuple[Paragraph, str] | None:
        """The tên loại and its kind: the first paragraph naming a kind, before "Kính gửi" or
        "Nơi nhận"."""
        for position, para in enumerate(p for p in self.paras if p.key):
            kind = self.title_kind(para, position)
            if kind is not None:
                return para, kind
            if NOI_NHAN.match(para.key) or KINH_GUI.match(para.key):
                return None
        return None

    def detect_kind(self) -> str | None:
        """The kind the text names: its tên loại, else "V/v …" for a công văn, else None."""
        title = self.title_para()
        if title is not None:
            return title[1]
        if any(VV.match(p.key) for p in self.paras):
            return "cong_van"
        return None


@dataclass(frozen=True, eq=False)
class Layout(View):
    """A document with its kind and the elements the rules check, located once.

    ``kind`` is the requested kind, else the detected one (None when neither); ``detected`` is
    what the text names whatever was requested. ``top`` is the header region (where Số, the date
    and the agency are looked for); ``header_end`` the last paragraph of the whole header block
    (tên loại, trích yếu, Kính gửi and its addressees included); ``body`` the body paragraphs
    between it and the signature block, which starts at ``sig_start`` (``END`` when there is
    none) and is laid out in ``sig_table`` when it is a table.
    """

    requested: str | None
    detected: str | None
    kind: str | None
    title: Paragraph | None
    vv: Paragraph | None
    kinh_gui: Paragraph | None
    addressees: tuple[Paragraph, ...]  # the "- …" lines under "Kính gửi:"
    summary: tuple[Paragraph, ...]  # the trích yếu under the tên loại
    authority: tuple[Paragraph, ...]  # a quyết định's issuing authority under the trích yếu
    attached_note: tuple[Paragraph, ...]  # a danh sách's "(Kèm theo …)" line(s)
    top: tuple[Paragraph, ...]
    header_end: int
    noi_nhan: Paragraph | None
    sig_start: int
    sig_table: El | None
    body: tuple[Paragraph, ...]


def detect_layout(document: Document, requested: str | None) -> Layout:
    """Read ``document``'s layout: its kind (``requested``, else detected) and its elements."""
    view = View.of(document)
    detected = view.detect_kind()
    kind = requested if requested is not None else detected
    title_found = view.title_para()
    title = None
    if title_found is not None and (kind == "danh_sach") == (title_found[1] == "danh_sach"):
        title = title_found[0]
    paras = view.paras
    vv = next((p for p in paras if VV.match(p.key)), None)
    kinh_gui = next(
        (p for p in paras if KINH_GUI.match(p.key) and (title is None or p.index > title.index)),
        None,
    )
    # The header region: everything above the tên loại, else above "Kính gửi", else the header
    # table, else down to just under the "V/v" line.
    qh = view.find(QUOC_HIEU, paras, fold=True)
    table = view.outer_table(qh.para) if qh is not None else None
    if title is not None:
        limit = title.index
    elif kinh_gui is not None:
        limit = kinh_gui.index
    elif table is not None:
        limit = view.table_range(table)[1] + 1
    else:
        limit = vv.index + 2 if vv is not None else 20
    top = tuple(p for p in paras if p.index < limit)

    summary = _summary_lines(view, title) if title is not None and kind != "danh_sach" else []
    authority = _authority_lines(view, summary[-1]) if summary and kind == "quyet_dinh" else []
    note = _attached_note(view, title) if title is not None and kind == "danh_sach" else []
    addressees = _addressees(view, kinh_gui) if kinh_gui is not None else []

    # Where the header block ends: the last of its elements the document has.
    header_end = max((p.index for p in top), default=0)
    top_qh = view.find(QUOC_HIEU, top, fold=True)
    top_table = view.outer_table(top_qh.para) if top_qh is not None else None
    if top_table is not None:
        header_end = max(header_end, view.table_range(top_table)[1])
    block: list[Paragraph] = []
    if kind == "cong_van":
        block += [vv] if vv is not None else []
    elif kind is not None and title is not None:
        block += [title, *summary, *authority, *note]
    if kinh_gui is not None:
        block += [kinh_gui, *addressees]
    header_end = max([header_end, *(p.index for p in block)])

    noi_nhan, sig_start, sig_table, body = _signature_and_body(view, header_end)
    return Layout(
        path=view.path,
        doc=view.doc,
        fmt=view.fmt,
        paras=view.paras,
        position=view.position,
        requested=requested,
        detected=detected,
        kind=kind,
        title=title,
        vv=vv,
        kinh_gui=kinh_gui,
        addressees=tuple(addressees),
        summary=tuple(summary),
        authority=tuple(authority),
        attached_note=tuple(note),
        top=top,
        header_end=header_end,
        noi_nhan=noi_nhan,
        sig_start=sig_start,
        sig_table=sig_table,
        body=body,
    )


def _summary_lines(view: View, title: Paragraph) -> list[Paragraph]:
    """The trích yếu: the line(s) right under the tên loại, centred."""
    lines: list[Paragraph] = []
    for para in view.after(title)[:6]:
        key = para.key
        if not key:
            if lines:
                break
            continue
        known = (
            KINH_GUI.match(key)
            or key.startswith(("Căn cứ", "Theo đề nghị"))
            or ROMAN.match(para.numbered)
            or KHOAN.match(para.numbered)
            or DIEU.match(key)
        )
        if known or (
            lines and (view.fmt.jc(para.element) != "center" or view.is_upper(view.whole(para)))
        ):
            break  # an upper-case line after the trích yếu is the quyết định's authority
        lines.append(para)
    return lines


def _authority_lines(view: View, summary_end: Paragraph) -> list[Paragraph]:
    """A quyết định's issuing authority: the lines between the trích yếu and "Căn cứ"."""
    lines = []
    for para in [p for p in view.after(summary_end) if p.key]:
        if para.key.startswith(("Căn cứ", "Theo đề nghị", "QUYẾT ĐỊNH")) or DIEU.match(para.key):
            break
        lines.append(para)
    return lines


def _attached_note(view: View, title: Paragraph) -> list[Paragraph]:
    """A list's "(Kèm theo …)" line and its continuation, up to the closing parenthesis."""
    note = view.kem_theo(title)
    if note is None:
        return []
    lines = []
    for para in [note, *view.after(note)][:3]:
        if para.key:
            lines.append(para)
        if para.key.endswith(")"):
            break
    return lines


def _addressees(view: View, kinh_gui: Paragraph) -> list[Paragraph]:
    """The "- …" addressee lines under "Kính gửi:" (none when it names one on its own line)."""
    rest = kinh_gui.key.split(":", 1)[1].strip() if ":" in kinh_gui.key else ""
    if rest and not rest.startswith("-"):
        return []  # one addressee, on the Kính gửi line itself
    lines: list[Paragraph] = []
    for other in view.after(kinh_gui):
        if not other.key:
            if lines:
                break
            continue
        if other.cell is not None or not other.numbered.startswith(("-", "+")):
            break
        lines.append(other)
    return lines


def _signature_and_body(
    view: View, header_end: int
) -> tuple[Paragraph | None, int, El | None, tuple[Paragraph, ...]]:
    """ "Nơi nhận", the signature block's first paragraph and table, and the body paragraphs:
    outside tables, between the header block and the signature block."""
    later = [p for p in view.paras if p.index > header_end]
    noi_nhan = next((p for p in later if NOI_NHAN.match(p.key)), None)
    signer = next(
        (
            p
            for p in later
            for span in view.segments(p)
            if AUTHORITY.match(span.text) or span.text in ("THƯ KÝ", *CHAIRS)
        ),
        None,
    )
    sig_start, sig_table = END, None
    for marker in (signer, noi_nhan):
        if marker is None:
            continue
        table = view.outer_table(marker)
        first = view.table_range(table)[0] if table is not None else marker.index
        if header_end < first < sig_start:
            sig_start, sig_table = first, table
        elif table is not None and first == sig_start:
            sig_table = table
    if sig_start >= END:
        # The head signs without KT./TM. and there is no Nơi nhận: the signature is the last
        # table shaped like one (title in capitals, blank signing space, name).
        tables = {id(t): t for p in later if (t := view.outer_table(p)) is not None}
        for table in reversed(list(tables.values())):
            if _looks_signed(view, table):
                sig_start, sig_table = view.table_range(table)[0], table
                break
    body = tuple(
        p for p in later if p.index < sig_start and p.cell is None and not p.boxed and p.key
    )
    return noi_nhan, sig_start, sig_table, body


def _looks_signed(view: View, table: El) -> bool:
    cells: dict[int, list[Paragraph]] = {}
    for para in view.paras:
        if para.cell is not None and view.outer_table(para) is table:
            cells.setdefault(id(para.cell.tc), []).append(para)
    for lines in cells.values():
        filled = [i for i, p in enumerate(lines) if p.key]
        if (
            len(filled) >= 2
            and view.is_upper(view.whole(lines[filled[0]]))
            and any(not p.key for p in lines[filled[0] : filled[-1]])
        ):
            return True
    return False


def recipient_lines(layout: Layout) -> list[Span]:
    """The recipients under "Nơi nhận:": the rest of its table cell, or the "- …" lines that
    follow it (their first column when the block is typed with tabs)."""
    noi_nhan = layout.noi_nhan
    if noi_nhan is None:
        return []
    if noi_nhan.cell is not None:
        cell = layout.cell_paras(noi_nhan)
        return [layout.whole(p) for p in cell if p.index > noi_nhan.index and p.key]
    lines: list[Span] = []
    for para in layout.after(noi_nhan):
        spans = layout.segments(para)
        if para.cell is not None:
            break
        if not spans or para.text.lstrip(" ").startswith("\t"):
            continue  # a blank line, or text in the signature column only
        if not layout.shown_line(spans[0]).startswith(("-", "+")):
            break
        lines.append(spans[0])
    return lines


def article_numbers(paras: Sequence[Paragraph]) -> set[int]:
    """The numbers of the "Điều N." paragraphs among ``paras``."""
    return {int(m.group("n")) for p in paras if (m := DIEU.match(p.key))}
