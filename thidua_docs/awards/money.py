"""Reward money: fixed amounts, amounts per head, and coefficients of the mức lương cơ sở.

Money is integer đồng throughout. A coefficient rule follows Nghị định 152/2025/NĐ-CP, Điều 49:
coefficient × mức lương cơ sở in force on the decision date, rounded UP to the next 10.000 đồng,
computed in Decimal (0,3 × 2.340.000 = 702.000 → 710.000; in binary floats it is 702000.0000000001).
The mức lương cơ sở table is data (``data/luong-co-so.yaml``, extendable from the agency profile).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from importlib import resources

import yaml

from thidua_docs.errors import InputError

#: Statutory amounts are rounded up to this step (Nghị định 152/2025/NĐ-CP, Điều 49).
ROUNDING_STEP = 10_000


@dataclass(frozen=True)
class MucLuongCoSo:
    """One mức lương cơ sở and the day it took effect."""

    muc: int
    tu_ngay: dt.date
    can_cu: str = ""


def shipped_table() -> list[MucLuongCoSo]:
    """The mức lương cơ sở table shipped with the package, oldest first."""
    text = (
        resources.files("thidua_docs").joinpath("data/luong-co-so.yaml").read_text(encoding="utf-8")
    )
    rows = yaml.safe_load(text)
    return sorted(
        (MucLuongCoSo(int(r["muc"]), r["tu_ngay"], str(r.get("can_cu", ""))) for r in rows),
        key=lambda row: row.tu_ngay,
    )


def luong_co_so(on: dt.date, table: list[MucLuongCoSo]) -> MucLuongCoSo:
    """The mức lương cơ sở in force on ``on`` (the latest one that took effect on or before it)."""
    in_force = [row for row in table if row.tu_ngay <= on]
    if not in_force:
        first = min(table, key=lambda row: row.tu_ngay) if table else None
        since = f" (bảng bắt đầu từ {first.tu_ngay:%d/%m/%Y})" if first else ""
        raise InputError(f"Không có mức lương cơ sở áp dụng cho ngày {on:%d/%m/%Y}{since}")
    return max(in_force, key=lambda row: row.tu_ngay)


def round_up(amount: Decimal, step: int = ROUNDING_STEP) -> int:
    """Round a Decimal amount UP to a multiple of ``step`` đồng: 702000 → 710000, 710000 → 710000."""
    units = (amount / step).to_integral_value(rounding=ROUND_CEILING)
    return int(units) * step


def by_coefficient(coefficient: Decimal, on: dt.date, table: list[MucLuongCoSo]) -> int:
    """coefficient × mức lương cơ sở on ``on``, rounded up to 10.000 đồng."""
    if isinstance(coefficient, float):  # pragma: no cover - guarded by the models' types
        raise TypeError("coefficient must be Decimal, not float")
    return round_up(coefficient * luong_co_so(on, table).muc)
