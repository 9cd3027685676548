"""One rule for the numbers clerks type, shared by the results and the award-list readers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from thidua_docs.inputs.award_workbook import read_award_list
from thidua_docs.inputs.results import parse_number
from thidua_docs.numbers import NotANumber, cell_number, parse_typed

READ = [
    # typed, value, decimal mark, grouped
    pytest.param("96,6", "96.6", ",", False, id="decimal-comma"),
    pytest.param("96.6", "96.6", ".", False, id="decimal-point-one-digit"),
    pytest.param("2.59", "2.59", ".", False, id="decimal-point-two-digits"),
    pytest.param("12.3456", "12.3456", ".", False, id="decimal-point-four-digits"),
    pytest.param("1234.5", "1234.5", ".", False, id="decimal-point-after-four-digits"),
    pytest.param("0.125", "0.125", ".", False, id="decimal-point-after-zero"),
    pytest.param("1.234", "1234", None, True, id="dot-three-digits-is-thousands"),
    pytest.param("19.365", "19365", None, True, id="dots-are-thousands"),
    pytest.param("1.234.567", "1234567", None, True, id="millions"),
    pytest.param("1.234,5", "1234.5", ",", True, id="thousands-and-decimals"),
    pytest.param("1 234", "1234", None, True, id="space-thousands"),
    pytest.param("1\u00a0234", "1234", None, True, id="no-break-space-thousands"),
    pytest.param("1\u202f234\u202f567", "1234567", None, True, id="narrow-space-thousands"),
    pytest.param("1  234", "1234", None, True, id="space-run"),
    pytest.param(" 1 234,5 ", "1234.5", ",", True, id="space-thousands-and-decimals"),
    pytest.param("2,59%", "2.59", ",", False, id="percent"),
    pytest.param("2,59 %", "2.59", ",", False, id="percent-after-space"),
    pytest.param("130.000 đ", "130000", None, True, id="dong-abbreviated"),
    pytest.param("130.000đ", "130000", None, True, id="dong-no-space"),
    pytest.param("130.000 ĐỒNG", "130000", None, True, id="dong-capitals"),
    pytest.param("64 người", "64", None, False, id="people"),
    pytest.param("-3,5", "-3.5", ",", False, id="minus"),
    pytest.param("−3,5", "-3.5", ",", False, id="minus-sign"),
    pytest.param("+5", "5", None, False, id="plus"),
    pytest.param("007", "7", None, False, id="leading-zeros"),
    pytest.param("96,60", "96.60", ",", False, id="trailing-zero-kept"),
]


@pytest.mark.parametrize(("typed", "value", "mark", "grouped"), READ)
def test_numbers_as_clerks_type_them(
    typed: str, value: str, mark: str | None, grouped: bool
) -> None:
    number = parse_typed(typed, ("đồng", "đ", "người", "%"))
    assert (number.value, number.decimal_mark, number.grouped) == (Decimal(value), mark, grouped)
    assert str(number.value) == value  # exact digits, never through a float


REFUSED = [
    # typed, reason (None: not a number at all)
    pytest.param("1,234.5", "cách viết tiếng Anh", id="english-order"),
    pytest.param("1,5.3", "cách viết tiếng Anh", id="point-after-comma"),
    pytest.param("1,2,3", "chỉ dùng một lần", id="two-commas"),
    pytest.param("1.23.456", "nhóm ba chữ số", id="dots-not-in-threes"),
    pytest.param("1.234.5", "nhóm ba chữ số", id="last-group-short"),
    pytest.param("1 23", "nhóm ba chữ số", id="space-not-in-threes"),
    pytest.param("1.234 567", "dùng lẫn", id="mixed-separators"),
    pytest.param(",5", "0,5", id="no-digit-before-comma"),
    pytest.param(".5", "0,5", id="no-digit-before-point"),
    pytest.param("hai", None, id="words"),
    pytest.param("1e5", None, id="exponent"),
    pytest.param("١٢", None, id="non-ascii-digits"),
    pytest.param("", None, id="empty"),
    pytest.param("-", None, id="sign-only"),
    pytest.param("NaN", None, id="nan"),
]


@pytest.mark.parametrize(("typed", "reason"), REFUSED)
def test_what_is_not_a_number_is_refused_with_the_reason(typed: str, reason: str | None) -> None:
    with pytest.raises(NotANumber) as caught:
        parse_typed(typed)
    if reason is None:
        assert caught.value.reason is None
    else:
        assert caught.value.reason is not None and reason in caught.value.reason


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        pytest.param(1215, "1215", id="int"),
        pytest.param(96.6, "96.6", id="float-as-shown"),
        pytest.param(0.3, "0.3", id="float-inexact-binary"),
        pytest.param("96,6", "96.6", id="text"),
    ],
)
def test_cells(cell: Any, value: str) -> None:
    assert cell_number(cell) == Decimal(value)


@pytest.mark.parametrize("cell", [True, None, float("nan"), float("inf"), [1]], ids=repr)
def test_cells_that_are_not_numbers(cell: Any) -> None:
    with pytest.raises(NotANumber):
        cell_number(cell)


# Texts both readers accept as a positive number without thousands: the results reader and the
# award list's "Hệ số" column must read the same value (they once disagreed on "96.6").
SHARED = ["96,6", "96.6", "1.5", "1,5", "0,3", "0.3", "7", "12.3456"]


@pytest.mark.parametrize("typed", SHARED)
def test_both_readers_read_the_same_number(tmp_path: Path, typed: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tập thể"
    sheet.append(["Hình thức khen thưởng", "Tên tập thể", "Hệ số"])
    sheet.append(["Giấy khen", "Ban Thu", typed])
    path = tmp_path / "ds.xlsx"
    book.save(path)
    rows, problems = read_award_list(path)
    assert problems == []
    assert rows["Giấy khen"]["tap_the"][0]["tien_thuong"]["he_so"] == parse_number(typed)


def _award_list_problem(tmp_path: Path, column: str, typed: str) -> Any:
    """The one problem of an award-list workbook whose single row has ``typed`` in ``column``."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tập thể"
    sheet.append(["Hình thức khen thưởng", "Tên tập thể", column])
    sheet.append(["Giấy khen", "Ban Thu", typed])
    path = tmp_path / "ds.xlsx"
    book.save(path)
    _, problems = read_award_list(path)
    (problem,) = problems
    return problem


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param(
            "1,234.5",
            "Hệ số cần là một số, ví dụ 1,5; dấu phẩy đứng trước dấu chấm là cách viết tiếng Anh",
            id="english-order",
        ),
        pytest.param(
            "1.500",
            "Hệ số không có hàng nghìn; dấu chấm ngăn cách hàng nghìn, dấu thập phân là dấu phẩy",
            id="coefficient-grouped",
        ),
    ],
)
def test_award_list_refusals_are_located_and_say_why(
    tmp_path: Path, typed: str, message: str
) -> None:
    problem = _award_list_problem(tmp_path, "Hệ số", typed)
    assert problem.path == "trang 'Tập thể', ô C2"
    assert problem.message.startswith(message)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param("96.6", "Biên chế cần là số nguyên, không có phần lẻ", id="fraction-point"),
        pytest.param(
            "130.00",
            "Biên chế cần là số nguyên; dấu chấm ngăn cách hàng nghìn theo nhóm ba chữ số",
            id="zero-fraction-point",
        ),
    ],
)
def test_a_decimal_point_in_a_whole_column_is_refused(
    tmp_path: Path, typed: str, message: str
) -> None:
    problem = _award_list_problem(tmp_path, "Biên chế", typed)
    assert problem.message.startswith(message)


def test_results_refusals_are_located_and_say_why(tmp_path: Path) -> None:
    from .inputs.test_results import _set, broken

    problems = broken(tmp_path, _set("BHXH tỉnh", "D5", "1,234.5"))
    assert problems == [
        "trang 'BHXH tỉnh', ô D5: cần một số cho 'Số người tham gia BHYT lũy kế' (ví dụ 96,6 hoặc "
        "1.234); dấu phẩy đứng trước dấu chấm là cách viết tiếng Anh; theo cách viết tiếng Việt, "
        "dấu chấm ngăn cách hàng nghìn, dấu phẩy là dấu thập phân (ví dụ 1.234,5) "
        "(giá trị: '1,234.5')"
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("71,5", Decimal("71.5")), ("96.6", Decimal("96.6")), ("2,59%", Decimal("2.59"))],
    ids=["phay", "cham", "phan-tram"],
)
def test_spec_figures_typed_as_text_follow_the_same_rule(typed: str, expected: Decimal) -> None:
    """A threshold written as text in chien-dich.yaml is read by the rule the workbooks use."""
    from thidua_docs.schema import TieuChiDanhGia

    criterion = TieuChiDanhGia.model_validate(
        {"ma": "ty_le", "ten": "Tỷ lệ", "chi_so": "ty_le", "so_sanh": ">=", "nguong": typed}
    )
    assert criterion.nguong == expected


def test_spec_refuses_an_english_number_and_says_why() -> None:
    from pydantic import ValidationError

    from thidua_docs.schema import TieuChiDanhGia

    with pytest.raises(ValidationError, match="cách viết tiếng Anh"):
        TieuChiDanhGia.model_validate(
            {"ma": "ty_le", "ten": "Tỷ lệ", "chi_so": "ty_le", "so_sanh": ">=", "nguong": "1,234.5"}
        )
