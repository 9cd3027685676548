"""One reading of the numbers clerks type, for every file the package reads (YAML and workbooks).

Both readers — the results workbook (``inputs.results``) and the award list kept in Excel
(``inputs.award_workbook``) — read a number typed as text with ``parse_typed``, and a cell with
``cell_number``, so one text means one number everywhere. What a column then accepts (a whole
count, a coefficient without thousands…) is the column's business, decided on what was read.

The rule, Vietnamese official writing first (tdkt.md: thousands ".", decimals ","):

1. The text is NFC; no-break, narrow, thin and figure spaces count as spaces; runs of spaces are
   one space; a unit the column allows ("đồng", "người", "%") may follow, with or without a
   space, in any case. A sign may lead: "-", "−" (U+2212) or "+". Digits are ASCII 0-9.
2. "," is the decimal mark, used once: "96,6", "2,59%", "-3,5".
3. Thousands are grouped by "." or by a space — one of them throughout — in groups of exactly
   three digits after a first group of one to three digits that does not start with 0:
   "1.234" = 1234, "1.234.567", "1 234", "1.234,5" = 1234,5.
4. A "." that cannot group thousands is a decimal point, as Excel and English keyboards write
   it: a single "." followed by one, two, or four and more digits ("96.6", "1.5", "12.3456"),
   or after a whole part of four and more digits or starting with 0 ("1234.5", "0.125"). So
   "96.6" is ninety-six point six for every reader, and "1.234" is one thousand two hundred
   thirty-four for every reader (a Vietnamese thousands group always has three digits).
5. Refused, with the reason in Vietnamese (the caller adds the sheet and cell): a "," before a
   "." ("1,234.5", the English order, truly ambiguous), several "," ("1,2,3"), dots or spaces
   that group something other than three digits ("1.23.456", "1 23"), dots mixed with spaces
   as separators ("1.234 567"), a mark without digits before it (",5"), and anything else that
   is not digits (words, exponents "1e5", Unicode digits).

A real numeric cell is its value: an integer exactly, a float as the digits Excel shows
(``repr``), never through binary arithmetic.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

__all__ = ["NotANumber", "TypedNumber", "cell_number", "parse_typed"]

_SPACES = str.maketrans({ch: " " for ch in "\u00a0\u202f\u2009\u2007"})
_SIGNS = {"-": "-", "−": "-", "+": ""}
_CHARS = re.compile(r"^[0-9., ]+$")
_PLAIN = re.compile(r"^[0-9]+$")
_GROUPED = re.compile(r"^[1-9][0-9]{0,2}(?P<sep>[. ])[0-9]{3}(?:(?P=sep)[0-9]{3})*$")
_POINT = re.compile(r"^[0-9]+\.[0-9]+$")

_EXAMPLE = "ví dụ 1.234,5"


class NotANumber(ValueError):
    """The text is not a number by the rule; ``reason`` says why in Vietnamese, when it looked like one.

    ``reason`` is None for text that is not a number at all ("nhiều", "một nghìn"); callers then
    say what the column expects.
    """

    def __init__(self, text: object, reason: str | None = None) -> None:
        super().__init__(text if reason is None else f"{text!r}: {reason}")
        self.text = text
        self.reason = reason


@dataclass(frozen=True)
class TypedNumber:
    """A number read from text, with how it was written (columns refuse some writings)."""

    value: Decimal
    decimal_mark: Literal[",", "."] | None  # the mark of a written fractional part, if any
    grouped: bool  # thousands were grouped ("1.234", "1 234")


def _whole(text: str) -> tuple[str, bool] | None:
    """The digits of a whole part, plain or grouped by the rule, and whether it was grouped."""
    if _PLAIN.match(text):
        return text, False
    if _GROUPED.match(text):
        return text.replace(".", "").replace(" ", ""), True
    return None


def _refusal(body: str) -> str:
    """Why text made only of digits, ".", "," and spaces is not a number by the rule."""
    if "," in body and "." in body.split(",", 1)[1]:
        return (
            "dấu phẩy đứng trước dấu chấm là cách viết tiếng Anh; theo cách viết tiếng Việt, "
            f"dấu chấm ngăn cách hàng nghìn, dấu phẩy là dấu thập phân ({_EXAMPLE})"
        )
    if body.count(",") > 1:
        return f"dấu phẩy là dấu thập phân, chỉ dùng một lần ({_EXAMPLE})"
    whole = body.split(",", 1)[0]
    if not whole or whole.startswith("."):
        return "trước dấu thập phân cần có chữ số (ví dụ 0,5)"
    if "." in whole and " " in whole:
        return "dùng lẫn dấu chấm và khoảng trắng để ngăn cách hàng nghìn; chỉ dùng một kiểu (ví dụ 1.234.567)"
    if " " in whole:
        return "khoảng trắng chỉ dùng để ngăn cách hàng nghìn, mỗi nhóm ba chữ số (ví dụ 1 234 567)"
    return "dấu chấm ngăn cách hàng nghìn phải chia đủ nhóm ba chữ số (ví dụ 1.234.567)"


def parse_typed(text: str, units: Iterable[str] = ()) -> TypedNumber:
    """A number typed as text, by the module's rule; ``NotANumber`` when it is not one.

    ``units`` are the words or signs that may follow the number ("đồng", "%"); the longest that
    ends the text is dropped, in any case.
    """
    value = " ".join(unicodedata.normalize("NFC", text).translate(_SPACES).split())
    folded = value.casefold()
    for unit in sorted(units, key=len, reverse=True):
        if unit and folded.endswith(unit.casefold()):
            value = value[: -len(unit)].rstrip()
            break
    sign = ""
    if value[:1] in _SIGNS:
        sign = _SIGNS[value[0]]
        value = value[1:].lstrip()
    if not value or not _CHARS.match(value):
        raise NotANumber(text)
    # Built as the text of a Decimal, never by arithmetic, so no digit is rounded away.
    mark: Literal[",", "."] | None = None
    whole_text, comma, fraction = value.partition(",")
    whole: tuple[str, bool] | None = None
    if comma:
        whole = _whole(whole_text) if _PLAIN.match(fraction) else None
        if whole is not None:
            mark = ","
            whole = (f"{whole[0]}.{fraction}", whole[1])
    else:
        whole = _whole(value)
        if whole is None and _POINT.match(value):
            whole, mark = (value, False), "."
    if whole is None:
        raise NotANumber(text, _refusal(value))
    digits, grouped = whole
    return TypedNumber(Decimal(sign + digits), mark, grouped)


def cell_number(value: Any, units: Iterable[str] = ()) -> Decimal:
    """A spreadsheet cell as an exact number: int and float cells as they are, text by the rule.

    ``NotANumber`` (reason None) for a yes/no cell or any other kind of value (dates included;
    callers that can say more about a date check it first).
    """
    if isinstance(value, bool):  # TRUE/FALSE: a checkbox, not a figure
        raise NotANumber(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        number = Decimal(repr(value))
        if not number.is_finite():
            raise NotANumber(value)
        return number
    if isinstance(value, str):
        return parse_typed(value, units).value
    raise NotANumber(value)
