"""Automatic numbering: list definitions, and the labels Word shows in front of numbered paragraphs.

``Numbering`` holds the definitions of numbering.xml and never changes. Labels depend on every
numbered paragraph before, so they come from a ``Labeller``: one per reading pass over a body,
fed the paragraphs in document order.
"""

from __future__ import annotations

import re

from thidua_docs.ooxml.names import El, to_int, val, w
from thidua_docs.ooxml.styles import Styles, num_pr


def roman(number: int) -> str:
    """``number`` in upper-case Roman numerals: 4 → "IV" (no M, C, L: lists stay short)."""
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


def format_number(value: int, fmt: str) -> str:
    """A list counter as Word prints it in numbering format ``fmt`` (w:numFmt)."""
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        # Word's letters run a…z, then aa…zz: never the Vietnamese đ.
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(value).lower() if fmt == "lowerRoman" else roman(value)
    return str(value)


class Numbering:
    """The list definitions of a numbering part (abstract lists, lists and their overrides)."""

    def __init__(self, root: El | None) -> None:
        self.abstract: dict[str, dict[int, El]] = {}
        self.nums: dict[str, tuple[str, dict[int, El]]] = {}
        if root is None:
            return
        for abstract in root.iter(w("abstractNum")):
            levels = {to_int(lvl.get(w("ilvl"))): lvl for lvl in abstract.iter(w("lvl"))}
            self.abstract[abstract.get(w("abstractNumId")) or ""] = levels
        for num in root.iter(w("num")):
            overrides = {to_int(o.get(w("ilvl"))): o for o in num.iter(w("lvlOverride"))}
            abstract_id = val(num.find(w("abstractNumId"))) or ""
            self.nums[num.get(w("numId")) or ""] = (abstract_id, overrides)

    def level(self, num_id: str, ilvl: int) -> El | None:
        """The ``w:lvl`` in effect for list ``num_id`` at ``ilvl`` (an override's wins)."""
        if num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        override = overrides.get(ilvl)
        if override is not None and override.find(w("lvl")) is not None:
            return override.find(w("lvl"))
        return self.abstract.get(abstract_id, {}).get(ilvl)

    def start(self, num_id: str, ilvl: int) -> int:
        """The first value of a level: its list's startOverride, else the level's w:start, else 1."""
        override = self.nums[num_id][1].get(ilvl)
        start = override.find(w("startOverride")) if override is not None else None
        if start is None:
            lvl = self.level(num_id, ilvl)
            start = lvl.find(w("start")) if lvl is not None else None
        return to_int(val(start), 1)

    def fmt(self, num_id: str, ilvl: int) -> str:
        """The numbering format of a level ("decimal" when none is given)."""
        lvl = self.level(num_id, ilvl)
        return (val(lvl.find(w("numFmt"))) if lvl is not None else None) or "decimal"


class Labeller:
    """The running counters of one pass over a body: ``label(p)`` for each paragraph in order."""

    def __init__(self, numbering: Numbering, styles: Styles) -> None:
        self.numbering = numbering
        self.styles = styles
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()

    def label(self, p: El) -> str:
        """The label Word shows in front of ``p`` ("1. ", "a) "; "" when not numbered), counting
        it: call once per paragraph, in document order."""
        numbered = num_pr(self.styles, p)
        if numbered is None:
            return ""
        num_id = val(numbered.find(w("numId")))
        if not num_id or num_id == "0":
            return ""
        return self._advance(num_id, to_int(val(numbered.find(w("ilvl")))))

    def _advance(self, num_id: str, ilvl: int) -> str:
        """Advance the list's counter at ``ilvl``; the label shown, with its trailing space."""
        numbering = self.numbering
        lvl = numbering.level(num_id, ilvl)
        if lvl is None:
            return ""
        # Lists of one abstract definition continue each other, as in Word; a startOverride
        # restarts the list the first time its num is used.
        counters = self._counters.setdefault(numbering.nums[num_id][0], {})
        if num_id not in self._started:
            self._started.add(num_id)
            overrides = numbering.nums[num_id][1].values()
            if any(o.find(w("startOverride")) is not None for o in overrides):
                counters.clear()
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else numbering.start(num_id, ilvl)
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        if numbering.fmt(num_id, ilvl) == "none":
            return ""

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            value = counters.get(level, numbering.start(num_id, level))
            return format_number(value, numbering.fmt(num_id, level))

        label = re.sub(r"%([1-9])", number, val(lvl.find(w("lvlText"))) or "")
        if val(lvl.find(w("suff"))) in (None, "tab", "space"):
            label += " "
        return label
