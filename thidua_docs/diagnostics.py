"""One diagnostic type for everything the toolkit finds wrong in a user's file.

A spec problem (``chien-dich.yaml:12: tieu_chi › mục 2: …``), an ND30 violation of a document
(``quyet-dinh.docx: đoạn 64 "Nơi nhận:" — cỡ chữ 13, …``) and a template finding
(``quyet_dinh.docx: phần thân, đoạn 3 — lỗi: …``) are all a :class:`Diagnostic`: the file, the
place in it in the clerk's words, what is wrong, what was found, what was expected, and how bad
it is. Consumers (the CLI, the web desk, tests) read those fields; the three subclasses differ
only in how they print, which each tool has always printed the same way.

:class:`LineMap` is where a loaded YAML file's values start, so that a problem found by any layer
(schema, money, rules) can name its line without knowing how the file was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

#: The two levels of a diagnostic.
LOI: Final = "lỗi"  # the input cannot be used as it is
CANH_BAO: Final = "cảnh báo"  # it works, but is fragile or unusual

#: Path of keys (str) and list indexes (int, 0-based) from a document's root to a value.
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Diagnostic:
    """One thing wrong in a user's file: where, what, what was found, what was expected, how bad."""

    file: Path | str
    place: str  # "tieu_chi › mục 2", 'đoạn 64 "Nơi nhận:"', 'phần thân, bảng 2, dòng 3, ô 1'
    message: str  # what is wrong, in Vietnamese (for an ND30 violation: the rule's name)
    found: str | None = None
    expected: str | None = None
    level: str = LOI
    line: int | None = None  # the line in a text file, when the place has one
    fixable: bool = False  # a tool can repair it mechanically (``thidua templates check --fix``)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        place = f" {self.place}:" if self.place else ""
        found = f" (giá trị: {self.found})" if self.found is not None else ""
        return f"{where}:{place} {self.message}{found}"


class Problem(Diagnostic):
    """A problem in an input file (YAML spec, workbook): ``file:line: key path: message (giá trị: …)``."""

    def __init__(
        self, file: Path | str, line: int | None, path: str, message: str, found: str | None = None
    ) -> None:
        super().__init__(file=file, place=path, message=message, found=found, line=line)

    @property
    def path(self) -> str:
        """The key path (or sheet and cell) of the value."""
        return self.place


class LineMap:
    """Where each value of a loaded document starts (1-based line numbers)."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self._lines: dict[KeyPath, int] = {}

    def set(self, path: KeyPath, line: int) -> None:
        self._lines.setdefault(path, line)

    def line(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one (e.g. for a missing key)."""
        path = tuple(path)
        while True:
            if path in self._lines:
                return self._lines[path]
            if not path:
                return None
            path = path[:-1]


def display_path(path: KeyPath) -> str:
    """A key path as a clerk reads it: ``tieu_chi › mục 2 › tieu_de`` (list items from 1)."""
    parts = [f"mục {p + 1}" if isinstance(p, int) else p for p in path]
    return " › ".join(parts)
