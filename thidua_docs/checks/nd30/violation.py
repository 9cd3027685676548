"""The diagnostic of the ND30 checker, and a violation with its place in document order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from thidua_docs.diagnostics import Diagnostic
from thidua_docs.ooxml.reader import Paragraph

#: Sort keys of the places that are not a paragraph: the page first, then its header, then the
#: document as a whole (an element it lacks) after every paragraph.
_PLACE_ORDER: Final = {"trang": -2, "đầu trang": -1}
END: Final = 10**9


class Violation(Diagnostic):
    """One place where a document breaks an ND30 rule.

    ``place`` is ``đoạn N "excerpt"`` (N counted over all ``w:p`` of the body in document order,
    table cells included, from 1; the excerpt is the paragraph text, whitespace-collapsed, cut to
    50 characters ending in "…" when longer), ``trang`` (page setup), ``đầu trang`` (page header)
    or ``văn bản`` (an element the document lacks). ``rule`` (the diagnostic's ``message``) is a
    short Vietnamese rule name; ``found`` and ``expected`` are Vietnamese phrases.
    """

    def __init__(self, file: Path, place: str, rule: str, found: str, expected: str) -> None:
        super().__init__(file=file, place=place, message=rule, found=found, expected=expected)

    @property
    def rule(self) -> str:
        """The rule's short Vietnamese name."""
        return self.message

    def __str__(self) -> str:
        return (
            f"{Path(self.file).name}: {self.place} — {self.found}, thể thức yêu cầu {self.expected}"
        )


@dataclass(frozen=True)
class Entry:
    """A violation and where it sorts: its paragraph's number, or the page, header or document."""

    order: int
    violation: Violation


def entry(file: Path, place: Paragraph | str, rule: str, found: str, expected: str) -> Entry:
    """The violation of ``rule`` at ``place`` (a paragraph, "trang", "đầu trang" or "văn bản")."""
    if isinstance(place, Paragraph):
        order, where = place.index, place.place
    else:
        order, where = _PLACE_ORDER.get(place, END), place
    return Entry(order, Violation(file, where, rule, found, expected))
