"""The statutory reward coefficients (Nghị định 152/2025/NĐ-CP) as dated data, and their amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from thidua_docs.awards.money import by_coefficient, shipped_table
from thidua_docs.awards.statutory import MucThuong, shipped_forms, statutory

IN_FORCE = dt.date(2025, 7, 1)  # Nghị định 152/2025/NĐ-CP
DECIDED = dt.date(2026, 7, 20)


@pytest.mark.parametrize(
    ("form", "collective", "coefficient", "amount"),
    [
        # coefficient × 2.340.000 (from 01/7/2024), rounded up to 10.000 đồng
        ("Giấy khen của Giám đốc Bảo hiểm xã hội Việt Nam", False, "0.3", 710_000),
        ("Giấy khen của Giám đốc Bảo hiểm xã hội Việt Nam", True, "0.6", 1_410_000),
        ("Bằng khen của Bộ trưởng Bộ Tài chính", False, "1.5", 3_510_000),
        ("Bằng khen của Bộ trưởng Bộ Tài chính", True, "3.0", 7_020_000),
        ("Bằng khen của Thủ tướng Chính phủ", False, "3.5", 8_190_000),  # longest prefix wins
        ("bằng khen của thủ tướng chính phủ", True, "7.0", 16_380_000),  # case does not matter
        ("Chiến sĩ thi đua cơ sở", False, "1.0", 2_340_000),
        ("Lao động tiên tiến", False, "0.3", 710_000),
        ("Tập thể lao động xuất sắc", True, "1.5", 3_510_000),
        ("Tập thể lao động tiên tiến", True, "0.8", 1_880_000),
    ],
)
def test_statutory_coefficients_and_amounts(
    form: str, collective: bool, coefficient: str, amount: int
) -> None:
    row = statutory(form, collective, DECIDED)
    assert row is not None
    assert row.coefficient(collective) == Decimal(coefficient)
    assert row.can_cu.startswith("Nghị định số 152/2025/NĐ-CP")
    assert by_coefficient(Decimal(coefficient), DECIDED, shipped_table()) == amount


@pytest.mark.parametrize(
    ("form", "collective"),
    [
        ("Kỷ niệm chương Vì sự nghiệp Bảo hiểm xã hội", False),  # no amount in the table
        ("Lao động tiên tiến", True),  # a title for individuals only
        ("Tập thể lao động xuất sắc", False),  # a title for collectives only
    ],
)
def test_no_statutory_amount(form: str, collective: bool) -> None:
    assert statutory(form, collective, DECIDED) is None


def test_the_table_is_dated() -> None:
    assert statutory("Giấy khen", False, IN_FORCE) is not None
    assert statutory("Giấy khen", False, IN_FORCE - dt.timedelta(days=1)) is None
    later = MucThuong("Giấy khen", ("giấy khen",), Decimal("0.4"), None, dt.date(2030, 1, 1), "x")
    table = (*shipped_forms(), later)
    assert statutory("Giấy khen", False, dt.date(2029, 12, 31), table) == statutory(
        "Giấy khen", False, dt.date(2029, 12, 31)
    )
    assert statutory("Giấy khen", False, dt.date(2030, 1, 1), table) is later
    assert statutory("Giấy khen", False, None, table) is later  # undated: the latest row


def test_every_row_cites_its_source_and_money_is_never_float() -> None:
    for row in shipped_forms():
        assert row.can_cu and row.tu_ngay == IN_FORCE
        assert row.ca_nhan is not None or row.tap_the is not None
        for value in (row.ca_nhan, row.tap_the):
            assert value is None or isinstance(value, Decimal)
