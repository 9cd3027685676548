"""The rules engine: apply exactly the rules a circular announced to the competitors' results.

Pure functions over validated models and plain results: no I/O, no clock. For every competitor
the engine says whether it was selected and why — the failing criterion with its figures, the
rank beyond the quota, the tie-break that decided — so a disputed selection can be explained.

Each rule is one object of ``criteria`` (built from the spec by ``criteria.rulebook``) that both
applies itself and writes its announced sentence: ``evaluate`` runs them, ``rule_texts`` and
``announced_sections`` print them, so what is announced is what is applied. A new kind of
criterion is added there (see its module docstring), not here.

Determinism: competitors are ranked by the declared metric, then by the declared tie-breaks in
order, then by name, so the same results give the same selection whatever the row order.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from thidua_docs.evaluation.criteria import PeopleQuota, make_criterion, rulebook
from thidua_docs.evaluation.outcome import (
    Competitor,
    CriterionResult,
    Entry,
    Evaluation,
    FieldResult,
    Person,
    PersonResult,
    key,
)
from thidua_docs.evaluation.wording import lower_first, money_text
from thidua_docs.schema import DanhGia, LinhVuc, Muc, NhomDanhGia, TieuChiDanhGia, Y

__all__ = [
    "Competitor",
    "CriterionResult",
    "Entry",
    "Evaluation",
    "FieldResult",
    "Person",
    "PersonResult",
    "announced_sections",
    "compute_values",
    "evaluate",
    "evaluate_criterion",
    "key",
    "lower_first",
    "money_text",
    "rule_lines",
    "rule_texts",
]

_HUNDRED = Decimal(100)


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
    return make_criterion(group, criterion).check(values, ky)


def evaluate(
    danh_gia: DanhGia, results: dict[str, list[Competitor]], people: Iterable[Person] = ()
) -> Evaluation:
    """Apply the declared rules to every group's results and choose the individuals."""
    evaluation = Evaluation()
    awarded_units: dict[str, tuple[PeopleQuota, list[LinhVuc]]] = {}
    for rules in rulebook(danh_gia):
        group = rules.group
        competitors = results.get(group.ma, [])
        values = {key(c.ten): compute_values(group, c) for c in competitors}
        excluded = {key(name) for name in group.loai_tru}
        taken: dict[str, str] = {}
        for ranking in rules.fields:
            entries = []
            for competitor in competitors:
                competitor_values = values[key(competitor.ten)]
                entries.append(
                    Entry(
                        competitor,
                        ranking.figure(competitor_values),
                        ranking.check(competitor_values, danh_gia.ky),
                    )
                )
            notes = ranking.rank(entries, values, taken, excluded)
            entries.sort(
                key=lambda e: (
                    e.rank is None,
                    e.rank or 0,
                    ranking.sort_key(values[key(e.competitor.ten)], e.competitor.ten),
                )
            )
            evaluation.fields.append(FieldResult(group, ranking.model, entries, notes))
        for result in evaluation.fields:
            if result.group is group:
                for entry in result.selected:
                    unit = key(entry.competitor.ten)
                    quota, fields = awarded_units.setdefault(unit, (rules.people, []))
                    if quota is rules.people:
                        fields.append(result.field)
    evaluation.people = _choose_people(list(people), awarded_units)
    return evaluation


def _choose_people(
    people: list[Person], awarded: dict[str, tuple[PeopleQuota, list[LinhVuc]]]
) -> list[PersonResult]:
    """Each awarded unit's individuals in its order of preference, up to its quota (its field's
    cap, else its group's)."""
    chosen_per_unit: dict[str, int] = {}
    ordered = sorted(
        people,
        key=lambda p: (key(p.don_vi), p.uu_tien is None, p.uu_tien or 0, p.row, key(p.ho_ten)),
    )
    results = {}
    for person in ordered:
        unit = key(person.don_vi)
        if unit not in awarded:
            results[id(person)] = PersonResult(person, False, "đơn vị không được chọn khen thưởng")
            continue
        quota, fields = awarded[unit]
        count = chosen_per_unit.get(unit, 0)
        if quota.by_field:
            limit, field = quota.unit_limit(fields)
            refusal = quota.refusal(count, limit, field)
        else:
            refusal = quota.refusal(count)
        if refusal is not None:
            results[id(person)] = PersonResult(person, False, refusal, quota.group)
            continue
        chosen_per_unit[unit] = count + 1
        results[id(person)] = PersonResult(
            person, True, f"được chọn (thứ {count + 1} của đơn vị)", quota.group
        )
    return [results[id(p)] for p in people]


def rule_texts(danh_gia: DanhGia) -> dict[str, str]:
    """The announced wording of every rule, by its code: the circular prints exactly these."""
    return {
        rule.code: rule.announce() for rules in rulebook(danh_gia) for rule in rules.announced()
    }


def rule_lines(danh_gia: DanhGia) -> dict[str, list[str]]:
    """The announced wording of every rule as the lines the circular prints them: one line, or
    one per period for a threshold declared ``tung_ky`` (a body bullet naming the rule prints one
    bullet per line)."""
    return {rule.code: rule.lines() for rules in rulebook(danh_gia) for rule in rules.announced()}


def announced_sections(danh_gia: DanhGia) -> tuple[list[Muc], list[Muc]]:
    """The "Tiêu chí thi đua" and "Công tác khen thưởng" items of a circular, written from the rules."""
    texts = rule_texts(danh_gia)
    criteria: list[Muc] = []
    awards: list[Muc] = []
    for rules in rulebook(danh_gia):
        bullets = [texts[c.code] for c in rules.criteria]
        for ranking in rules.fields:
            bullets.append(texts[ranking.code])
            if len(ranking.tie_breaks) == 1:
                bullets.append(texts[ranking.tie_breaks[0].code])
            elif ranking.tie_breaks:  # several tie-breaks read as one ordered sentence
                bullets.append(ranking.announce_tie_breaks())
        title = f"Đối với {rules.group.ten}"
        criteria.append(Muc(tieu_de=title, cac_y=[Y(noi_dung=b) for b in bullets]))
        award = [texts[rules.award.code]]
        if rules.people.in_circular:
            award.append(texts[rules.people.code])
        awards.append(Muc(tieu_de=title, cac_y=[Y(noi_dung=a) for a in award]))
    return criteria, awards
