"""Checking any .docx against the thể thức of Nghị định 30/2020 (Phụ lục I), paragraph by paragraph.

``check_document(path)`` reads a Word file — one this toolkit wrote or one a clerk typed by hand —
and returns every violation of ../shared/reference/nd30.md that can be read from the file, each
with the paragraph it is in (``đoạn 14 "Nơi nhận:"``), or ``trang`` / ``đầu trang`` for the page
setup and the page header, or ``văn bản`` for an element the document lacks. A document that
follows the rules gives an empty list: every rule is tuned to stay quiet on a correct document.

How it works:
- the document is read once (``ooxml.reader``) with effective formatting (``ooxml.styles``);
- ``layout.detect_layout`` finds its kind and its elements once, into an immutable ``Layout``;
- each rule family (``FAMILIES``, one module each) is a function of that layout returning its
  violations; families share no state, and the violations are put in document order at the end
  (page, page header, paragraphs by number, then the document as a whole; within one place, in
  the order of ``FAMILIES``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final

from thidua_docs.checks.nd30.body import body_text
from thidua_docs.checks.nd30.header import header_block
from thidua_docs.checks.nd30.kind import document_kind, kind_rules
from thidua_docs.checks.nd30.layout import Layout, detect_layout
from thidua_docs.checks.nd30.number_date import date_line, number_line
from thidua_docs.checks.nd30.page import page_numbers, page_setup
from thidua_docs.checks.nd30.recipients import recipients
from thidua_docs.checks.nd30.signature import signature
from thidua_docs.checks.nd30.text import text_runs
from thidua_docs.checks.nd30.title import title_block
from thidua_docs.checks.nd30.violation import Entry, Violation
from thidua_docs.checks.nd30.words import KINDS
from thidua_docs.errors import InputError
from thidua_docs.ooxml.reader import read_document
from thidua_docs.ooxml.validity import file_flaws

__all__ = ["FAMILIES", "KINDS", "Violation", "check_document", "structure"]

#: The rule name and the expectation of a structural breach.
STRUCTURE_RULE: Final = "cấu trúc tệp Word"
STRUCTURE_EXPECTED: Final = "một tệp Word hợp lệ (Word mở không báo hỏng)"

#: The rule families, in the order their violations of one place are listed.
FAMILIES: Final[tuple[Callable[[Layout], list[Entry]], ...]] = (
    page_setup,
    page_numbers,
    text_runs,
    document_kind,
    header_block,
    number_line,
    date_line,
    title_block,
    body_text,
    recipients,
    signature,
    kind_rules,
)


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
    layout = detect_layout(read_document(path), kind)
    entries = [found for family in FAMILIES for found in family(layout)]
    # A stable sort: violations of one place keep the order of FAMILIES.
    return structure(path) + [
        found.violation for found in sorted(entries, key=lambda found: found.order)
    ]


def structure(path: Path) -> list[Violation]:
    """The breaches of the package's structure (``ooxml.validity``), before any thể thức rule:
    a file Word calls damaged is not ready to sign whatever its layout."""
    try:
        flaws = file_flaws(path)
    except OSError as err:  # read_document already opened it: a disk failing in between
        raise InputError(f"Không đọc được tệp {path}: {err.strerror or err}") from err
    return [
        Violation(path, flaw.place or "tệp", STRUCTURE_RULE, flaw.message, STRUCTURE_EXPECTED)
        for flaw in flaws
    ]
