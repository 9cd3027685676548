"""Statutory reward money: the coefficient of mức lương cơ sở that an award form carries by law.

A circular that names no money for its award gets the statutory amount: the coefficient of the
form (Nghị định 152/2025/NĐ-CP, as dated data in ``data/tien-thuong-theo-quy-dinh.yaml``) times
the mức lương cơ sở on the decision date, rounded up to 10.000 đồng (:mod:`.money`). The table is
data with the day each row took effect, so a later decree is one more row, not a code change.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

DATA_FILE = "data/tien-thuong-theo-quy-dinh.yaml"


@dataclass(frozen=True)
class MucThuong:
    """An award form's statutory coefficients (None: not awarded to that kind of recipient)."""

    ten: str
    prefixes: tuple[str, ...]
    ca_nhan: Decimal | None
    tap_the: Decimal | None
    tu_ngay: dt.date
    can_cu: str

    def coefficient(self, collective: bool) -> Decimal | None:
        return self.tap_the if collective else self.ca_nhan


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@cache
def shipped_forms() -> tuple[MucThuong, ...]:
    """The statutory table shipped with the package."""
    text = resources.files("thidua_docs").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return tuple(
        MucThuong(
            str(row["ten"]),
            tuple(_fold(str(p)) for p in row["bat_dau_bang"]),
            _decimal(row.get("ca_nhan")),
            _decimal(row.get("tap_the")),
            row["tu_ngay"],
            str(row["can_cu"]),
        )
        for row in yaml.safe_load(text)
    )


def statutory(
    form: str, collective: bool, on: dt.date | None, table: tuple[MucThuong, ...] | None = None
) -> MucThuong | None:
    """The statutory row for an award form named ``form`` (its longest matching prefix) in force
    on ``on`` (the latest row when ``on`` is None) with a coefficient for that recipient; None
    when the law gives that form no amount the table knows."""
    name = _fold(form)
    best: tuple[int, dt.date, MucThuong] | None = None
    for row in table if table is not None else shipped_forms():
        if row.coefficient(collective) is None or (on is not None and row.tu_ngay > on):
            continue
        length = max((len(p) for p in row.prefixes if name.startswith(p)), default=0)
        if length and (best is None or (length, row.tu_ngay) > best[:2]):
            best = (length, row.tu_ngay, row)
    return best[2] if best else None
