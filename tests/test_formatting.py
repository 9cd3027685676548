"""Vietnamese formatters: every reading rule and date rule as tables, plus properties."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua_docs.errors import ValueFormatError
from thidua_docs.formatting import (
    FILTERS,
    NgayDuThao,
    bang_chu,
    chu_cai,
    doc_so,
    la_ma,
    ngay,
    ngay_so,
    so,
    tien,
)

# Expected readings are written out by hand from the rules in shared/reference/tdkt.md.
READINGS = [
    (0, "không", "zero"),
    (1, "một", "one"),
    (4, "bốn", "four"),
    (5, "năm", "five"),
    (10, "mười", "ten"),
    (11, "mười một", "11 mười một, not mốt"),
    (14, "mười bốn", "14 mười bốn, never tư"),
    (15, "mười lăm", "lăm after mười"),
    (20, "hai mươi", "twenty"),
    (21, "hai mươi mốt", "mốt after mươi"),
    (24, "hai mươi bốn", "bốn by default after mươi"),
    (25, "hai mươi lăm", "lăm after mươi"),
    (55, "năm mươi lăm", "leading năm, trailing lăm"),
    (100, "một trăm", "hundred"),
    (101, "một trăm linh một", "linh, and một after linh"),
    (104, "một trăm linh bốn", "bốn after linh"),
    (105, "một trăm linh năm", "năm after linh, not lăm"),
    (110, "một trăm mười", "110"),
    (111, "một trăm mười một", "111"),
    (115, "một trăm mười lăm", "115"),
    (121, "một trăm hai mươi mốt", "121"),
    (1000, "một nghìn", "nghìn not ngàn"),
    (1001, "một nghìn không trăm linh một", "1001"),
    (1005, "một nghìn không trăm linh năm", "không trăm in a non-leading group"),
    (1010, "một nghìn không trăm mười", "1010"),
    (1015, "một nghìn không trăm mười lăm", "1015"),
    (1050, "một nghìn không trăm năm mươi", "1050"),
    (1100, "một nghìn một trăm", "1100"),
    (2024, "hai nghìn không trăm hai mươi bốn", "year 2024 (tdkt.md)"),
    (10000, "mười nghìn", "10 000"),
    (15000, "mười lăm nghìn", "lăm before nghìn"),
    (21000, "hai mươi mốt nghìn", "mốt before nghìn"),
    (100000, "một trăm nghìn", "100 000"),
    (130000, "một trăm ba mươi nghìn", "130.000 đồng/người (seed 002)"),
    (702000, "bảy trăm linh hai nghìn", "0,3 × 2.340.000"),
    (710000, "bảy trăm mười nghìn", "rounded up to 10.000"),
    (1000000, "một triệu", "million"),
    (1000005, "một triệu không trăm linh năm", "skipped zero group, then không trăm"),
    (1050000, "một triệu không trăm năm mươi nghìn", "tdkt.md example"),
    (2340000, "hai triệu ba trăm bốn mươi nghìn", "mức lương cơ sở 2024"),
    (5000000, "năm triệu", "5.000.000 đồng (seed 002)"),
    (1000000000, "một tỷ", "tỷ not tỉ"),
    (1000000005, "một tỷ không trăm linh năm", "two skipped groups"),
    (
        1001001001,
        "một tỷ không trăm linh một triệu không trăm linh một nghìn không trăm linh một",
        "every group non-leading",
    ),
    (1_000_000_000_000, "một nghìn tỷ", "nghìn tỷ"),
    (
        426_887_000_000_000,
        "bốn trăm hai mươi sáu nghìn tám trăm tám mươi bảy tỷ",
        "426.887 tỷ đồng (seed 000)",
    ),
    (
        526_687_000_000_000,
        "năm trăm hai mươi sáu nghìn sáu trăm tám mươi bảy tỷ",
        "526.687 tỷ đồng (seed 000)",
    ),
    (10**15, "một triệu tỷ", "10^15"),
    (
        10**15 - 1,
        "chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín "
        "triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín",
        "10^15 - 1",
    ),
]


@pytest.mark.parametrize(
    ("number", "words"), [r[:2] for r in READINGS], ids=[r[2] for r in READINGS]
)
def test_doc_so_reading_rules(number: int, words: str) -> None:
    assert doc_so(number) == words


@pytest.mark.parametrize(
    ("number", "options", "words"),
    [
        (24, {"tu": True}, "hai mươi tư"),
        (14, {"tu": True}, "mười bốn"),
        (104, {"tu": True}, "một trăm linh bốn"),
        (105, {"le": True}, "một trăm lẻ năm"),
        (1005, {"le": True}, "một nghìn không trăm lẻ năm"),
    ],
    ids=["tư after mươi", "mười bốn stays", "linh bốn stays", "lẻ (Southern)", "không trăm lẻ"],
)
def test_doc_so_regional_options(number: int, options: dict[str, bool], words: str) -> None:
    assert doc_so(number, **options) == words


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Decimal("96.6"), "chín mươi sáu phẩy sáu"),
        (96.6, "chín mươi sáu phẩy sáu"),
        (2.05, "hai phẩy không năm"),
        (Decimal("19.365"), "mười chín phẩy ba trăm sáu mươi lăm"),
        (-5, "âm năm"),
    ],
    ids=[
        "decimal",
        "float by its written value",
        "leading zero decimal",
        "three decimals",
        "negative",
    ],
)
def test_doc_so_decimals_and_sign(value: object, words: str) -> None:
    assert doc_so(value) == words  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (130000, "Một trăm ba mươi nghìn đồng"),
        (5000000, "Năm triệu đồng"),
        (710000, "Bảy trăm mười nghìn đồng"),
        (0, "Không đồng"),
        (Decimal("1005"), "Một nghìn không trăm linh năm đồng"),
        (6 * 5000000 + 130000 * 87, "Bốn mươi mốt triệu ba trăm mười nghìn đồng"),
    ],
    ids=["130.000", "5.000.000", "710.000", "zero", "integral Decimal", "a total"],
)
def test_bang_chu(amount: int | Decimal, words: str) -> None:
    assert bang_chu(amount) == words


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (130000, "130.000"),
        (96.6, "96,6"),
        (19.365, "19,365"),
        (426887, "426.887"),
        (Decimal("42.71"), "42,71"),
        (Decimal("2.50"), "2,5"),
        (Decimal("1E+3"), "1.000"),
        (0, "0"),
        (-1234567, "-1.234.567"),
        (1234567.891, "1.234.567,891"),
    ],
    ids=[
        "thousands",
        "one decimal",
        "three decimals",
        "seed 000 tỷ",
        "Decimal",
        "trailing zero dropped",
        "exponent Decimal",
        "zero",
        "negative",
        "both separators",
    ],
)
def test_so(value: object, text: str) -> None:
    assert so(value) == text  # type: ignore[arg-type]


def test_so_fixed_decimals() -> None:
    assert so(2.5, 2) == "2,50"
    assert so(Decimal("2.345"), 2) == "2,35"  # half up, not banker's rounding
    assert so(1234.5, 0) == "1.235"


@pytest.mark.parametrize(
    ("amount", "text"), [(130000, "130.000 đồng"), (5000000, "5.000.000 đồng"), (0, "0 đồng")]
)
def test_tien(amount: int, text: str) -> None:
    assert tien(amount) == text


@pytest.mark.parametrize(
    ("func", "value", "fragment"),
    [
        (tien, 130000.0, "không dùng số thực"),
        (bang_chu, 702000.0000000001, "không dùng số thực"),
        (bang_chu, Decimal("1.5"), "số nguyên đồng"),
        (bang_chu, -1, "không được âm"),
        (tien, "130000", "cần một số tiền"),
        (tien, True, "không dùng số thực"),
        (so, "96,6", "cần một số"),
        (so, None, "cần một số"),
        (doc_so, 10**18, "quá lớn"),
        (so, float("nan"), "hữu hạn"),
    ],
    ids=[
        "float money",
        "binary-float product",
        "fractional Decimal money",
        "negative money",
        "text as money",
        "bool as money",
        "text as number",
        "None as number",
        "too big to read",
        "NaN",
    ],
)
def test_formatters_refuse_out_of_domain(func, value, fragment: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueFormatError, match=fragment):
        func(value)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.date(2024, 1, 9), "ngày 09 tháng 01 năm 2024"),
        (dt.date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        (dt.date(2024, 3, 5), "ngày 05 tháng 3 năm 2024"),
        (dt.date(2024, 11, 11), "ngày 11 tháng 11 năm 2024"),
        (dt.date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
        (dt.date(2025, 10, 1), "ngày 01 tháng 10 năm 2025"),
        (dt.datetime(2024, 1, 9, 14, 30), "ngày 09 tháng 01 năm 2024"),
        (NgayDuThao(2024), "ngày      tháng     năm 2024"),
        (2026, "ngày      tháng     năm 2026"),
    ],
    ids=[
        "day<10, month 1",
        "month 2",
        "month 3 no zero",
        "two digits",
        "year end",
        "day 01, month 10",
        "datetime",
        "draft",
        "year alone is a draft",
    ],
)
def test_ngay_nd30(value: object, text: str) -> None:
    assert ngay(value) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.date(2024, 1, 9), "09/01/2024"),
        (dt.date(2014, 4, 7), "07/4/2014"),
        (dt.date(1995, 2, 16), "16/02/1995"),
        (dt.date(2023, 11, 24), "24/11/2023"),
    ],
    ids=["Công văn 40 (seed 000)", "Chỉ thị 34 (seed 004)", "ngày thành lập", "Nghị quyết 42"],
)
def test_ngay_so_as_in_seeds(value: dt.date, text: str) -> None:
    assert ngay_so(value) == text


@pytest.mark.parametrize("bad", ["2024-01-09", 3.5, None, True])
def test_ngay_refuses_non_dates(bad: object) -> None:
    with pytest.raises(ValueFormatError, match="cần một ngày"):
        ngay(bad)  # type: ignore[arg-type]


def test_draft_year_range() -> None:
    with pytest.raises(ValueFormatError, match="1900"):
        ngay(24)


@pytest.mark.parametrize(
    ("n", "roman"),
    [
        (1, "I"),
        (2, "II"),
        (4, "IV"),
        (5, "V"),
        (9, "IX"),
        (14, "XIV"),
        (40, "XL"),
        (90, "XC"),
        (400, "CD"),
        (1994, "MCMXCIV"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_la_ma(n: int, roman: str) -> None:
    assert la_ma(n) == roman


def test_chu_cai_is_the_nd30_diem_sequence() -> None:
    letters = [chu_cai(n) for n in range(1, 24)]
    assert letters == [*list("abcd"), "đ", *list("eghiklmnopqrstuvxy")]
    assert (chu_cai(5), chu_cai(6), chu_cai(7)) == ("đ", "e", "g")


@pytest.mark.parametrize(
    ("func", "value"), [(la_ma, 0), (la_ma, 4000), (chu_cai, 0), (chu_cai, 24), (la_ma, 2.0)]
)
def test_numbering_out_of_range(func, value) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueFormatError):
        func(value)


def test_filter_names_are_the_documented_vocabulary() -> None:
    assert set(FILTERS) == {
        "so",
        "tien",
        "doc_so",
        "bang_chu",
        "ngay",
        "ngay_so",
        "la_ma",
        "chu_cai",
        "dinh_dang",
    }


# ---------------------------------------------------------------- properties over random integers

_UNITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
_SCALES = {"nghìn": 10**3, "triệu": 10**6, "tỷ": 10**9}


def parse_vietnamese(words: str) -> int:
    """An independent reader of Vietnamese number words (stack of scales), used as an oracle."""
    total = 0  # completed parts, by scale
    stack: list[tuple[int, int]] = []  # (value, scale) of parts waiting for a larger scale
    group = 0
    digit = 0
    for word in words.split():
        if word in _UNITS:
            digit = _UNITS[word]
            continue
        if word == "trăm":
            group += digit * 100
        elif word == "mươi":
            group += digit * 10
        elif word == "mười":
            group += 10
        elif word in ("linh", "lẻ"):
            pass
        elif word in _SCALES:
            scale = _SCALES[word]
            value = group + digit
            # a larger scale multiplies everything read since the last larger-or-equal scale
            while stack and stack[-1][1] < scale:
                value += stack.pop()[0]
            stack.append((value * scale, scale))
            group = digit = 0
            continue
        else:
            raise AssertionError(f"unexpected word {word!r} in {words!r}")
        digit = 0
    total = sum(value for value, _ in stack) + group + digit
    return total


@given(st.integers(min_value=0, max_value=10**15))
def test_doc_so_reads_back_to_the_same_number(number: int) -> None:
    assert parse_vietnamese(doc_so(number)) == number


@given(st.integers(min_value=0, max_value=10**15), st.booleans(), st.booleans())
def test_doc_so_never_breaks_a_reading_rule(number: int, le: bool, tu: bool) -> None:
    words = doc_so(number, le=le, tu=tu)
    assert parse_vietnamese(words) == number
    assert re.search(r"\bmươi một\b", words) is None  # 21 is "hai mươi mốt"
    assert re.search(r"\b(mười|mươi) năm\b", words) is None  # 15, 25 take "lăm"
    assert re.search(r"\b(linh|lẻ) lăm\b", words) is None  # 105 is "linh năm"
    assert re.search(r"\bmười mốt\b|\bmười tư\b", words) is None  # 11, 14
    assert "ngàn" not in words and "tỉ" not in words.split()
    assert "  " not in words and words == words.strip()
    assert ("lẻ" in words.split()) <= le and ("tư" in words.split()) <= tu


@given(st.integers(min_value=1000, max_value=10**15))
def test_every_non_leading_group_reads_its_hundreds(number: int) -> None:
    """'không trăm' appears exactly for each non-zero, non-leading 3-digit group below 100."""
    groups = []
    n = number
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    expected = sum(1 for g in groups[:-1] if 0 < g < 100)
    assert doc_so(number).count("không trăm") == expected


@given(st.integers(min_value=0, max_value=10**15))
def test_so_groups_thousands_with_dots(number: int) -> None:
    text = so(number)
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*", text)
    assert int(text.replace(".", "")) == number


@given(st.integers(min_value=0, max_value=10**15))
def test_bang_chu_is_doc_so_capitalised_with_dong(amount: int) -> None:
    words = bang_chu(amount)
    assert words.endswith(" đồng") and words[0].isupper()
    assert parse_vietnamese(words[:-5].lower()) == amount


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_ngay_leading_zero_rule_for_every_date(date: dt.date) -> None:
    match = re.fullmatch(r"ngày (\d+) tháng (\d+) năm (\d+)", ngay(date))
    assert match is not None
    day, month, year = match.groups()
    assert (int(day), int(month), int(year)) == (date.day, date.month, date.year)
    assert len(day) == 2
    assert len(month) == (2 if date.month <= 2 else len(str(date.month)))
