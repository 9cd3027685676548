"""How the rules name metrics, figures and money in Vietnamese sentences.

Shared by the announced wording and by the explanations of what was applied, so both print a
figure, a unit and a metric name the same way.
"""

from __future__ import annotations

from decimal import Decimal

from thidua_docs.formatting import so
from thidua_docs.schema import NhomDanhGia, TienThuong

#: A period code as a circular names it: "vào cuối quý II".
PERIOD = {"q1": "quý I", "q2": "quý II", "q3": "quý III", "q4": "quý IV"}


def lower_first(text: str) -> str:
    """A name used inside a sentence: "Tỷ lệ nợ BHXH" → "tỷ lệ nợ BHXH" (acronyms kept)."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]


def metric_unit(group: NhomDanhGia, metric: str) -> str:
    """The unit printed after a figure of ``metric``: "%" for ratios, nothing for counts."""
    for chi_so in group.chi_so:
        if chi_so.ma == metric:
            return "" if chi_so.don_vi in (None, "người", "đơn vị") else chi_so.don_vi or ""
    return "%" if any(t.ma == metric for t in group.ty_le) else ""


def metric_name(group: NhomDanhGia, metric: str) -> str:
    """The declared name of a metric or ratio; the code itself when the group has none."""
    names = {c.ma: c.ten for c in group.chi_so} | {t.ma: t.ten for t in group.ty_le}
    return names.get(metric, metric)


def figure(value: Decimal | None, unit: str) -> str:
    """A figure as the rules print it: two decimals at most, Vietnamese separators, its unit."""
    if value is None:
        return "(trống)"
    shown = so(
        value.quantize(Decimal("0.01")).normalize() if value != value.to_integral_value() else value
    )
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}".rstrip()


def money_text(rule: TienThuong | None) -> str:
    """A money rule as the circular announces it."""
    if rule is None:
        return ""
    if rule.moi_nguoi is not None:
        return f"tiền thưởng {so(rule.moi_nguoi)} đồng/người tính theo tổng biên chế"
    if rule.co_dinh is not None:
        return f"tiền thưởng {so(rule.co_dinh)} đồng"
    assert rule.he_so is not None
    return f"tiền thưởng bằng {so(rule.he_so)} lần mức lương cơ sở"


def tolerance_label(relative: Decimal | None, points: Decimal | None, value: str) -> str:
    """How the explanation names a tolerance applied to the compared figure ``value``:
    relative "với dung sai 5%, tức" (5% of the figure), absolute "với dung sai 0,5 điểm phần
    trăm, tức" (added to the figure)."""
    if relative is not None:
        return f"{value} với dung sai {so(relative)}%, tức"
    assert points is not None
    return f"{value} với dung sai {so(points)} điểm phần trăm, tức"


def tolerance_reference(relative: Decimal | None, points: Decimal | None, other: str) -> str:
    """A tolerance in the circular's words after "không cao hơn" / "thấp nhất đạt": relative
    "quá 5% của tỷ lệ chỉ tiêu", absolute "tỷ lệ chỉ tiêu quá 0,5 điểm phần trăm"."""
    if relative is not None:
        return f"quá {so(relative)}% của {other}"
    if points is not None:
        return f"{other} quá {so(points)} điểm phần trăm"
    return other
