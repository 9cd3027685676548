"""Vietnamese official-style formatting: numbers, money, amounts in words, dates, numbering.

Pure functions; each is also a Jinja filter under the Vietnamese name office staff type into
templates (see ``FILTERS``): ``so``, ``tien``, ``doc_so``, ``bang_chu``, ``ngay``, ``ngay_so``,
``la_ma``, ``chu_cai``.

Rules (../shared/reference/tdkt.md, nd30.md):
- thousands ".", decimals ","; money is integer đồng, never a binary float;
- number reading in 3-digit groups with nghìn, triệu, tỷ, nghìn tỷ; "mốt", "lăm", "tư"/"bốn",
  "linh"/"lẻ", and "không trăm" in every non-leading group;
- dates: day < 10 and months 1, 2 take a leading zero (ND30); a draft date shows blanks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from babel.numbers import format_decimal

from thidua_docs.errors import ValueFormatError

__all__ = [
    "FILTERS",
    "NgayDuThao",
    "bang_chu",
    "chu_cai",
    "doc_so",
    "la_ma",
    "ngay",
    "ngay_so",
    "so",
    "tien",
]

#: Largest integer read in words: 999 999 nghìn tỷ … well beyond any amount of money (10^18 - 1).
MAX_DOC_SO = 10**18 - 1

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# Group units from the lowest; above "tỷ" the units repeat in front of "tỷ" (nghìn tỷ, triệu tỷ).
_GROUP_UNITS = ("", "nghìn", "triệu")

#: Blank left for the handwritten day and month of a draft: "ngày      tháng     năm 2024"
#: (spacing as in the drafts BHXH Việt Nam circulates, seed 004).
BLANK_DAY = " " * 6
BLANK_MONTH = " " * 5

#: The ND30 điểm sequence: Vietnamese alphabet without ă â ê ô ơ ư (đ is kept).
DIEM_LETTERS = [
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
]


@dataclass(frozen=True)
class NgayDuThao:
    """A draft date: only the year is known; day and month are left blank to be filled by hand."""

    nam: int

    def __post_init__(self) -> None:
        if not 1900 <= self.nam <= 2200:
            raise ValueFormatError(
                f"năm của ngày dự thảo phải từ 1900 đến 2200 (nhận được {self.nam})"
            )

    def __str__(self) -> str:
        return f"ngày{BLANK_DAY}tháng{BLANK_MONTH}năm {self.nam}"


# --------------------------------------------------------------------------- numbers


def _describe(value: object) -> str:
    return f"{value!r} (kiểu {type(value).__name__})"


def _to_decimal(value: object, filter_name: str) -> Decimal:
    """Exact decimal of a number; a float is taken by its shortest repr (96.6 → 96.6, not 96.59…)."""
    if isinstance(value, bool):
        raise ValueFormatError(f"bộ lọc '{filter_name}' cần một số, không phải {_describe(value)}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueFormatError(f"bộ lọc '{filter_name}' cần một số hữu hạn, nhận được {value}")
        return value
    if isinstance(value, float):
        try:
            result = Decimal(repr(value))
        except InvalidOperation as err:  # pragma: no cover - repr of a float is always valid
            raise ValueFormatError(f"bộ lọc '{filter_name}': {value!r} không phải số") from err
        if not result.is_finite():
            raise ValueFormatError(
                f"bộ lọc '{filter_name}' cần một số hữu hạn, nhận được {value!r}"
            )
        return result
    raise ValueFormatError(f"bộ lọc '{filter_name}' cần một số, không phải {_describe(value)}")


def so(value: int | Decimal | float, chu_so_thap_phan: int | None = None) -> str:
    """Number in Vietnamese style: 130000 → "130.000", 96.6 → "96,6", 19.365 → "19,365".

    ``chu_so_thap_phan`` fixes the number of decimals (rounded half up): so(2.5, 2) → "2,50".
    """
    number = _to_decimal(value, "so")
    if chu_so_thap_phan is not None:
        if (
            isinstance(chu_so_thap_phan, bool)
            or not isinstance(chu_so_thap_phan, int)
            or not (0 <= chu_so_thap_phan <= 12)
        ):
            raise ValueFormatError(
                f"bộ lọc 'so': số chữ số thập phân phải là số nguyên từ 0 đến 12 "
                f"(nhận được {chu_so_thap_phan!r})"
            )
        number = number.quantize(Decimal(1).scaleb(-chu_so_thap_phan), rounding=ROUND_HALF_UP)
        pattern = "#,##0" + ("." + "0" * chu_so_thap_phan if chu_so_thap_phan else "")
        return str(format_decimal(number, format=pattern, locale="vi"))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    return str(format_decimal(number, locale="vi", decimal_quantization=False))


def _money(value: object, filter_name: str) -> int:
    """Validate an amount of money: integer đồng (int or integral Decimal), never a float."""
    if isinstance(value, (bool, float)):
        raise ValueFormatError(
            f"bộ lọc '{filter_name}': số tiền phải là số nguyên đồng (int hoặc Decimal), "
            f"không dùng số thực dấu phẩy động: {_describe(value)}"
        )
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise ValueFormatError(
                f"bộ lọc '{filter_name}': số tiền phải là số nguyên đồng, nhận được {value}"
            )
        return int(value)
    raise ValueFormatError(
        f"bộ lọc '{filter_name}' cần một số tiền (số nguyên đồng), không phải {_describe(value)}"
    )


def tien(value: int | Decimal) -> str:
    """Money in prose: 130000 → "130.000 đồng"."""
    return f"{so(_money(value, 'tien'))} đồng"


def _read_group(group: int, *, leading: bool, le: bool, tu: bool) -> list[str]:
    """Words of one 3-digit group; a non-leading group always reads its hundreds ("không trăm")."""
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if not leading or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("lẻ" if le else "linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 4 and tens >= 2 and tu:
        words.append("tư")
    elif units == 5 and tens >= 1:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _read_below_billion(number: int, *, leading: bool, le: bool, tu: bool) -> list[str]:
    """Words of 0 < number < 10^9; ``leading`` is False when a higher part was already read."""
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue  # an all-zero group is skipped entirely
        is_first = leading and not words
        words += _read_group(group, leading=is_first, le=le, tu=tu)
        if _GROUP_UNITS[index]:
            words.append(_GROUP_UNITS[index])
    return words


def _read_integer(number: int, *, le: bool, tu: bool) -> list[str]:
    if number == 0:
        return [_DIGITS[0]]
    billions, rest = divmod(number, 10**9)
    words: list[str] = []
    if billions:
        words += _read_below_billion(billions, leading=True, le=le, tu=tu)
        words.append("tỷ")
    if rest:
        words += _read_below_billion(rest, leading=not billions, le=le, tu=tu)
    return words


def doc_so(value: int | Decimal | float, le: bool = False, tu: bool = False) -> str:
    """A number read in words (lower case): 1005 → "một nghìn không trăm linh năm".

    ``le=True`` reads a zero ten as "lẻ" (Southern) instead of "linh"; ``tu=True`` reads 4 after
    "mươi" as "tư" (24 → "hai mươi tư") instead of "bốn". Decimals are read after "phẩy", leading
    zeros one by one: 96,6 → "chín mươi sáu phẩy sáu", 2,05 → "hai phẩy không năm".
    """
    number = _to_decimal(value, "doc_so")
    negative = number < 0
    number = abs(number)
    if number > MAX_DOC_SO:
        raise ValueFormatError(
            f"bộ lọc 'doc_so': số quá lớn để đọc ({so(value)}); tối đa {so(MAX_DOC_SO)}"
        )
    integer = int(number)
    words = ["âm"] if negative and number else []
    words += _read_integer(integer, le=le, tu=tu)
    fraction = number - integer
    if fraction:
        digits = format(fraction.normalize(), "f").split(".")[1]
        words.append("phẩy")
        stripped = digits.lstrip("0")
        words += [_DIGITS[0]] * (len(digits) - len(stripped))
        words += _read_integer(int(stripped), le=le, tu=tu)
    return " ".join(words)


def bang_chu(value: int | Decimal, le: bool = False, tu: bool = False) -> str:
    """Amount of money in words, first letter capital: 130000 → "Một trăm ba mươi nghìn đồng"."""
    amount = _money(value, "bang_chu")
    if amount < 0:
        raise ValueFormatError(f"bộ lọc 'bang_chu': số tiền không được âm (nhận được {so(amount)})")
    text = doc_so(amount, le=le, tu=tu)
    return f"{text[0].upper()}{text[1:]} đồng"


# --------------------------------------------------------------------------- dates


def _two(number: int) -> str:
    return f"{number:02d}"


def _day_month(value: dt.date) -> tuple[str, str]:
    """ND30: day < 10 and months 1 and 2 take a leading zero; months 3–12 do not."""
    month = _two(value.month) if value.month <= 2 else str(value.month)
    return _two(value.day), month


def _as_date(value: object, filter_name: str) -> dt.date | NgayDuThao:
    if isinstance(value, NgayDuThao):
        return value
    if isinstance(value, bool):
        raise ValueFormatError(
            f"bộ lọc '{filter_name}' cần một ngày, không phải {_describe(value)}"
        )
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        return NgayDuThao(value)  # a bare year: a draft date
    raise ValueFormatError(
        f"bộ lọc '{filter_name}' cần một ngày (ví dụ 2024-11-11) hoặc một năm cho bản dự thảo, "
        f"không phải {_describe(value)}"
    )


def ngay(value: dt.date | NgayDuThao | int) -> str:
    """ND30 date in words: "ngày 09 tháng 01 năm 2024"; a year alone (draft) → "ngày      tháng     năm 2024"."""
    date = _as_date(value, "ngay")
    if isinstance(date, NgayDuThao):
        return str(date)
    day, month = _day_month(date)
    return f"ngày {day} tháng {month} năm {date.year}"


def ngay_so(value: dt.date | NgayDuThao | int) -> str:
    """Date in figures as written inside a text: "09/01/2024", "07/4/2014"; a draft → "   /   /2024"."""
    date = _as_date(value, "ngay_so")
    if isinstance(date, NgayDuThao):
        return f"{' ' * 4}/{' ' * 4}/{date.nam}"
    day, month = _day_month(date)
    return f"{day}/{month}/{date.year}"


# --------------------------------------------------------------------------- numbering


def _positive_int(value: object, filter_name: str, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise ValueFormatError(
            f"bộ lọc '{filter_name}' cần một số nguyên từ 1 đến {maximum}, nhận được {_describe(value)}"
        )
    return value


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def la_ma(value: int) -> str:
    """Roman numeral of a section: 4 → "IV"."""
    number = _positive_int(value, "la_ma", 3999)
    out = []
    for size, letters in _ROMAN:
        count, number = divmod(number, size)
        out.append(letters * count)
    return "".join(out)


def chu_cai(value: int) -> str:
    """Letter of the n-th điểm (ND30): 1 → "a", 5 → "đ", 6 → "e", 7 → "g"."""
    number = _positive_int(value, "chu_cai", len(DIEM_LETTERS))
    return DIEM_LETTERS[number - 1]


#: Inline emphasis in a clerk's text: ``*nghiêng*``, ``**đậm**``; ``\\*`` is a literal asterisk.
#: ``dinh_dang`` turns the marks into these two private-use characters (untouched by autoescaping);
#: the renderer then splits the run at them, each piece keeping the run's own formatting with
#: italic or bold switched (``render.inline``).
ITALIC_MARK, BOLD_MARK = "\ue000", "\ue001"
_EMPHASIS = re.compile(r"\\\*|\*\*|\*")


def emphasis_error(text: str) -> str | None:
    """Why the emphasis marks of ``text`` do not pair up, or None when they do."""
    open_marks: list[str] = []
    for match in _EMPHASIS.finditer(text):
        mark = match.group()
        if mark == "\\*":
            continue
        if open_marks and open_marks[-1] == mark:
            open_marks.pop()
        elif mark in open_marks:
            return f"dấu {mark} đóng sai thứ tự (đóng dấu mở sau trước: **đậm *nghiêng*  đậm**)"
        else:
            open_marks.append(mark)
    if open_marks:
        kind = "in đậm (**…**)" if open_marks[-1] == "**" else "in nghiêng (*…*)"
        return (
            f"dấu {open_marks[-1]} mở phần {kind} nhưng không có dấu đóng; "
            "muốn in dấu * thì viết \\*"
        )
    return None


def dinh_dang(value: str) -> str:
    """Filter: the clerk's light emphasis marks as run switches for the renderer.

    Text whose marks do not pair up is printed as written (the spec check reports it first)."""
    text = str(value).replace(ITALIC_MARK, "").replace(BOLD_MARK, "")
    if emphasis_error(text) is not None:
        return text
    marks = {"\\*": "*", "**": BOLD_MARK, "*": ITALIC_MARK}
    return _EMPHASIS.sub(lambda m: marks[m.group()], text)


#: The Jinja filters, by the names office staff type into templates. Keep these names stable.
FILTERS: dict[str, Callable[..., Any]] = {
    "so": so,
    "tien": tien,
    "doc_so": doc_so,
    "bang_chu": bang_chu,
    "ngay": ngay,
    "ngay_so": ngay_so,
    "la_ma": la_ma,
    "chu_cai": chu_cai,
    "dinh_dang": dinh_dang,
}
