"""One error tree for the whole toolkit.

    ThiduaError                  anything the toolkit reports to the user (exit code 1)
    ├── InputError               the user's input is wrong (exit code 2)
    │   ├── SpecError            a YAML/JSON file breaks its schema: every problem at once
    │   ├── TemplateError        a .docx template cannot be rendered: names the place in it
    │   └── ValueFormatError     a value handed to a formatter (filter) is out of its domain
    └── OutputError              the output cannot be written (exists, permissions…)

Foreign exceptions (yaml, pydantic, jinja2, lxml, OSError) are translated where they enter
and chained with ``raise … from err``; the CLI turns a ``ThiduaError`` into its message and
exit code, so the clerk never sees a traceback for bad input. Messages are Vietnamese.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from thidua_docs.diagnostics import Problem


class ThiduaError(Exception):
    """Base of every error the toolkit reports to its user."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(ThiduaError):
    """The user's input (spec, data, template, value) is wrong."""

    exit_code = 2


class ValueFormatError(InputError):
    """A formatter received a value outside its domain (e.g. a float as money)."""


class SpecError(InputError):
    """A spec file has one or more problems; all of them are listed."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.file), p.line or 0, p.path))
        count = len(self.problems)
        head = (
            f"Tìm thấy {count} lỗi trong tệp khai báo:" if count > 1 else "Lỗi trong tệp khai báo:"
        )
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


class TemplateError(InputError):
    """A .docx template cannot be rendered; the message names the template and the place."""

    def __init__(self, template: Path | str, place: str, reason: str) -> None:
        self.template = template
        self.place = place
        self.reason = reason
        where = f"{template}, {place}" if place else f"{template}"
        super().__init__(f"Lỗi mẫu {where}: {reason}")


class OutputError(ThiduaError):
    """The output cannot be written (it exists and --force was not given, disk error…)."""
