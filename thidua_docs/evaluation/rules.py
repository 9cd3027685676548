"""The rules engine: apply exactly the rules a circular announced to the competitors' results.

Pure functions over validated models and plain results: no I/O, no clock. For every competitor
the engine says whether it was selected and why — the failing criterion with its figures, the
rank beyond the quota, the tie-break that decided — so a disputed selection can be explained.

Determinism: competitors are ranked by the declared metric, then by the declared tie-breaks in
order, then by name, so the same results give the same selection whatever the row order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from thidua_docs.formatting import so
from thidua_docs.schema.models import (
    DanhGia,
    LinhVuc,
    Muc,
    NhomDanhGia,
    TienThuong,
    TieuChiDanhGia,
    Y,
)

_OPS: dict[str, tuple[Callable[[Decimal, Decimal], bool], str]] = {
    ">=": (lambda a, b: a >= b, "<"),
    "<=": (lambda a, b: a <= b, ">"),
    ">": (lambda a, b: a > b, "≤"),
    "<": (lambda a, b: a < b, "≥"),
}
_SHOWN = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Competitor:
    """One row of results: a competitor's name and its metric values (None where blank)."""

    ten: str
    values: dict[str, Decimal | None]
    row: int = 0


@dataclass(frozen=True)
class Person:
    """An individual proposed by a unit, in the unit's order of preference."""

    ho_ten: str
    chuc_vu: str
    don_vi: str
    uu_tien: int | None = None
    row: int = 0


@dataclass(frozen=True)
class CriterionResult:
    ma: str
    ten: str
    value: Decimal | None
    passed: bool
    explanation: str


@dataclass
class Entry:
    """A competitor's standing in one award field."""

    competitor: Competitor
    value: Decimal | None
    criteria: list[CriterionResult]
    rank: int | None = None
    selected: bool = False
    reason: str = ""


@dataclass(frozen=True)
class FieldResult:
    group: NhomDanhGia
    field: LinhVuc
    entries: list[Entry]

    @property
    def selected(self) -> list[Entry]:
        return [e for e in self.entries if e.selected]


@dataclass(frozen=True)
class PersonResult:
    person: Person
    selected: bool
    reason: str
    group: NhomDanhGia | None = None


@dataclass
class Evaluation:
    fields: list[FieldResult] = field(default_factory=list)
    people: list[PersonResult] = field(default_factory=list)

    def awarded(self) -> list[tuple[NhomDanhGia, LinhVuc, Competitor]]:
        return [(f.group, f.field, e.competitor) for f in self.fields for e in f.selected]


def key(name: str) -> str:
    """How two spellings of one name are matched: NFC, case-insensitive, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _unit(group: NhomDanhGia, metric: str) -> str:
    for chi_so in group.chi_so:
        if chi_so.ma == metric:
            return "" if chi_so.don_vi in (None, "người", "đơn vị") else chi_so.don_vi or ""
    return "%" if any(t.ma == metric for t in group.ty_le) else ""


def _name(group: NhomDanhGia, metric: str) -> str:
    names = {c.ma: c.ten for c in group.chi_so} | {t.ma: t.ten for t in group.ty_le}
    return names.get(metric, metric)


def lower_first(text: str) -> str:
    """A name used inside a sentence: "Tỷ lệ nợ BHXH" → "tỷ lệ nợ BHXH" (acronyms kept)."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]


def _fmt(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "(trống)"
    shown = so(
        value.quantize(Decimal("0.01")).normalize() if value != value.to_integral_value() else value
    )
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}".rstrip()


def compute_values(group: NhomDanhGia, competitor: Competitor) -> dict[str, Decimal | None]:
    """The competitor's metrics plus the group's ratios (in percent; None when not computable)."""
    values = dict(competitor.values)
    for ratio in group.ty_le:
        numerator, denominator = values.get(ratio.tu_so), values.get(ratio.mau_so)
        if numerator is None or denominator is None or denominator == 0:
            values[ratio.ma] = None
        else:
            values[ratio.ma] = numerator * _HUNDRED / denominator
    return values


def evaluate_criterion(
    group: NhomDanhGia, criterion: TieuChiDanhGia, values: dict[str, Decimal | None], ky: str
) -> CriterionResult:
    """Pass or fail, with the figures that decided it."""
    value = values.get(criterion.chi_so)
    unit = _unit(group, criterion.chi_so)
    label = _name(group, criterion.chi_so)
    if criterion.so_voi is not None:
        target = values.get(criterion.so_voi)
        target_label = lower_first(_name(group, criterion.so_voi))
        if target is not None and criterion.dung_sai is not None:
            factor = (
                1 + criterion.dung_sai / _HUNDRED
                if criterion.so_sanh in ("<=", "<")
                else 1 - criterion.dung_sai / _HUNDRED
            )
            target_label = (
                f"{target_label} {_fmt(target, unit)} với dung sai {so(criterion.dung_sai)}%, tức"
            )
            target = target * factor
    else:
        threshold = criterion.nguong
        target = threshold.get(ky) if isinstance(threshold, dict) else threshold  # type: ignore[call-overload]
        target_label = "ngưỡng"
    if value is None or target is None:
        missing = label if value is None else _name(group, criterion.so_voi or "")
        return CriterionResult(
            criterion.ma, criterion.ten, value, False, f"thiếu số liệu {lower_first(missing)}"
        )
    compare, negation = _OPS[criterion.so_sanh]
    passed = bool(compare(value, target))
    op = _SHOWN[criterion.so_sanh] if passed else negation
    verdict = "đạt" if passed else "không đạt"
    text = f"{verdict}: {lower_first(label)} {_fmt(value, unit)} {op} {target_label} {_fmt(target, unit)}"
    return CriterionResult(criterion.ma, criterion.ten, value, passed, text)


def _sort_key(field_: LinhVuc, values: dict[str, Decimal | None], name: str) -> tuple[object, ...]:
    def part(metric: str, lower_is_better: bool) -> tuple[int, Decimal]:
        value = values.get(metric)
        if value is None:
            return (1, Decimal(0))  # blanks after every figure
        return (0, value if lower_is_better else -value)

    return (
        part(field_.xep_hang_theo, field_.thap_hon_tot),
        *(part(t.chi_so, t.thap_hon_tot) for t in field_.uu_tien),
        key(name),
    )


def _rank_field(
    group: NhomDanhGia,
    field_: LinhVuc,
    entries: list[Entry],
    values: dict[str, dict[str, Decimal | None]],
    taken: dict[str, str],
    excluded: set[str],
) -> None:
    eligible = []
    for entry in entries:
        name = entry.competitor.ten
        failed = [c for c in entry.criteria if not c.passed]
        if key(name) in excluded:
            entry.reason = "bị loại trừ theo khai báo của chiến dịch"
        elif failed:
            entry.reason = "; ".join(c.explanation for c in failed)
        elif group.mot_linh_vuc and key(name) in taken:
            entry.reason = f"đã được chọn ở lĩnh vực {taken[key(name)]}"
        else:
            eligible.append(entry)
    eligible.sort(key=lambda e: _sort_key(field_, values[key(e.competitor.ten)], e.competitor.ten))
    primary_rank = 0
    previous: tuple[object, ...] | None = None
    for position, entry in enumerate(eligible, start=1):
        entry_values = values[key(entry.competitor.ten)]
        full = _sort_key(field_, entry_values, entry.competitor.ten)[:-1]
        if full != previous:
            primary_rank = position
        previous = full
        entry.rank = primary_rank
        entry.selected = position <= field_.so_luong
    quota = field_.so_luong
    for position, entry in enumerate(eligible, start=1):
        tie = _tie_note(field_, group, eligible, position - 1, values)
        if entry.selected:
            entry.reason = f"được chọn (hạng {entry.rank}/{quota})" + (f"; {tie}" if tie else "")
            taken.setdefault(key(entry.competitor.ten), field_.ten)
        else:
            entry.reason = f"ngoài chỉ tiêu số lượng (hạng {entry.rank}/{quota})" + (
                f"; {tie}" if tie else ""
            )


def _tie_note(
    field_: LinhVuc,
    group: NhomDanhGia,
    ordered: list[Entry],
    index: int,
    values: dict[str, dict[str, Decimal | None]],
) -> str:
    """How a competitor equal on the ranking metric with a neighbour was separated."""
    me = values[key(ordered[index].competitor.ten)]
    for other_index in (index - 1, index + 1):
        if not 0 <= other_index < len(ordered):
            continue
        other = values[key(ordered[other_index].competitor.ten)]
        if me.get(field_.xep_hang_theo) != other.get(field_.xep_hang_theo):
            continue
        shared = min(index, other_index) + 1
        for rule in field_.uu_tien:
            if me.get(rule.chi_so) != other.get(rule.chi_so):
                return f"hòa hạng {shared} theo {lower_first(_name(group, field_.xep_hang_theo))}, ưu tiên theo {rule.mo_ta}"
        return (
            f"hòa hạng {shared} ở mọi tiêu chí ưu tiên; xếp theo tên — "
            "Hội đồng Thi đua - Khen thưởng cần quyết định"
        )
    return ""


def evaluate(
    danh_gia: DanhGia, results: dict[str, list[Competitor]], people: Iterable[Person] = ()
) -> Evaluation:
    """Apply the declared rules to every group's results and choose the individuals."""
    evaluation = Evaluation()
    awarded_units: dict[str, NhomDanhGia] = {}
    for group in danh_gia.nhom:
        competitors = results.get(group.ma, [])
        values = {key(c.ten): compute_values(group, c) for c in competitors}
        excluded = {key(name) for name in group.loai_tru}
        taken: dict[str, str] = {}
        by_ma = {c.ma: c for c in group.tieu_chi}
        for field_ in group.linh_vuc:
            applicable = (
                [by_ma[m] for m in field_.tieu_chi]
                if field_.tieu_chi is not None
                else group.tieu_chi
            )
            entries = []
            for competitor in competitors:
                competitor_values = values[key(competitor.ten)]
                criteria = [
                    evaluate_criterion(group, c, competitor_values, danh_gia.ky) for c in applicable
                ]
                entries.append(
                    Entry(competitor, competitor_values.get(field_.xep_hang_theo), criteria)
                )
            _rank_field(group, field_, entries, values, taken, excluded)
            entries.sort(
                key=lambda e: (
                    e.rank is None,
                    e.rank or 0,
                    _sort_key(field_, values[key(e.competitor.ten)], e.competitor.ten),
                )
            )
            evaluation.fields.append(FieldResult(group, field_, entries))
        for f in evaluation.fields:
            if f.group is group:
                for entry in f.selected:
                    awarded_units.setdefault(key(entry.competitor.ten), group)
    evaluation.people = _choose_people(list(people), awarded_units)
    return evaluation


def _choose_people(people: list[Person], awarded: dict[str, NhomDanhGia]) -> list[PersonResult]:
    chosen_per_unit: dict[str, int] = {}
    ordered = sorted(
        people,
        key=lambda p: (key(p.don_vi), p.uu_tien is None, p.uu_tien or 0, p.row, key(p.ho_ten)),
    )
    results = {}
    for person in ordered:
        unit = key(person.don_vi)
        group = awarded.get(unit)
        if group is None:
            results[id(person)] = PersonResult(person, False, "đơn vị không được chọn khen thưởng")
            continue
        limit = group.ca_nhan_toi_da
        count = chosen_per_unit.get(unit, 0)
        if limit is not None and count >= limit:
            results[id(person)] = PersonResult(
                person,
                False,
                f"vượt số lượng tối đa {limit:02d} cá nhân/01 {group.don_vi_goi}",
                group,
            )
            continue
        chosen_per_unit[unit] = count + 1
        results[id(person)] = PersonResult(
            person, True, f"được chọn (thứ {count + 1} của đơn vị)", group
        )
    return [results[id(p)] for p in people]


def rule_texts(danh_gia: DanhGia) -> dict[str, str]:
    """The announced wording of every rule, by its code: the circular prints exactly these."""
    texts: dict[str, str] = {}
    for group in danh_gia.nhom:
        for criterion in group.tieu_chi:
            texts[criterion.ma] = criterion.mo_ta or _criterion_text(group, criterion)
        for field_ in group.linh_vuc:
            texts[field_.ma] = field_.mo_ta or (
                f"Lĩnh vực {field_.ten}: {group.don_vi_goi} dẫn đầu theo {lower_first(_name(group, field_.xep_hang_theo))}, "
                f"lựa chọn tối đa {field_.so_luong:02d} {group.don_vi_goi}."
            )
            for index, rule in enumerate(field_.uu_tien):
                texts[rule.ma or f"{field_.ma}_uu_tien_{index + 1}"] = (
                    f"Trường hợp có từ 2 {group.don_vi_goi} trở lên có kết quả tương đương: ưu tiên {rule.mo_ta}."
                )
        units_money = danh_gia.tien_thuong_tap_the
        texts[f"{group.ma}_tap_the"] = (
            f"Lựa chọn tối đa {sum(f.so_luong for f in group.linh_vuc):02d} {group.don_vi_goi} dẫn đầu để "
            f"đề nghị tặng {danh_gia.hinh_thuc}"
            + (f" kèm theo {money_text(units_money)}" if units_money else "")
            + "."
        )
        if group.ca_nhan_toi_da is not None:
            people_money = danh_gia.tien_thuong_ca_nhan
            texts[f"{group.ma}_ca_nhan"] = (
                f"Mỗi {group.don_vi_goi} được khen thưởng lựa chọn tối đa {group.ca_nhan_toi_da:02d} cá nhân "
                f"xuất sắc nhất để đề nghị tặng {danh_gia.hinh_thuc}"
                + (f" kèm theo {money_text(people_money)}" if people_money else "")
                + "."
            )
    return texts


_PERIOD = {"q1": "quý I", "q2": "quý II", "q3": "quý III", "q4": "quý IV"}
_WORDS = {">=": "thấp nhất đạt", "<=": "không cao hơn", ">": "cao hơn", "<": "thấp hơn"}


def _criterion_text(group: NhomDanhGia, criterion: TieuChiDanhGia) -> str:
    label = _name(group, criterion.chi_so)
    unit = _unit(group, criterion.chi_so)
    words = _WORDS[criterion.so_sanh]
    if criterion.so_voi is not None:
        target = lower_first(_name(group, criterion.so_voi))
        if criterion.dung_sai is not None:
            return f"{label} {words} quá {so(criterion.dung_sai)}% của {target}."
        return f"{label} {words} {target}."
    threshold = criterion.nguong
    if isinstance(threshold, dict):
        parts = [f"{_fmt(v, unit)} vào cuối {_PERIOD[k]}" for k, v in threshold.items()]
        return f"{label} {words} {', '.join(parts)}."
    assert threshold is not None
    return f"{label} {words} {_fmt(threshold, unit)}."


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


def announced_sections(danh_gia: DanhGia) -> tuple[list[Muc], list[Muc]]:
    """The "Tiêu chí thi đua" and "Công tác khen thưởng" items of a circular, written from the rules."""
    texts = rule_texts(danh_gia)
    criteria: list[Muc] = []
    awards: list[Muc] = []
    for group in danh_gia.nhom:
        bullets = [texts[c.ma] for c in group.tieu_chi]
        for field_ in group.linh_vuc:
            bullets.append(texts[field_.ma])
            if len(field_.uu_tien) == 1:
                bullets.append(texts[field_.uu_tien[0].ma or f"{field_.ma}_uu_tien_1"])
            elif field_.uu_tien:  # several tie-breaks read as one ordered sentence
                order = ", sau đó ".join(r.mo_ta for r in field_.uu_tien)
                bullets.append(
                    f"Trường hợp có từ 2 {group.don_vi_goi} trở lên có kết quả tương đương: ưu tiên {order}."
                )
        criteria.append(Muc(tieu_de=f"Đối với {group.ten}", cac_y=[Y(noi_dung=b) for b in bullets]))
        award = [texts[f"{group.ma}_tap_the"]]
        if group.ca_nhan_toi_da:
            award.append(texts[f"{group.ma}_ca_nhan"])
        awards.append(Muc(tieu_de=f"Đối với {group.ten}", cac_y=[Y(noi_dung=a) for a in award]))
    return criteria, awards
