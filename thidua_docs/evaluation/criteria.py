"""The rules a circular announces, one class per kind: each applies itself and writes its sentence.

The promise of the package is "what is announced is what is applied". So a rule is never written
twice — once as an ``if`` in the engine and once as an ``if`` in the wording — but once, as a
class whose methods side by side say how it decides (``check``, ``rank``, ``admits``…) and how
the circular words it (``announce``). ``rulebook`` turns the validated spec models into these
objects; ``rules.evaluate`` runs them and ``rules.rule_texts`` / ``rules.announced_sections``
print them, so both read the same object.

The kinds:

- ``Threshold``: a metric compared with a fixed figure (``nguong: 100``);
- ``ThresholdByPeriod``: the same, with one figure per period (``nguong: {q2: 45, q4: 100}``),
  the evaluated period (``danh_gia › ky``) choosing the figure;
- ``Comparison``: a metric compared with another metric (``so_voi``), with an optional
  tolerance in percent of the other metric (``dung_sai``);
- ``TieBreak``: what separates competitors equal on the ranking metric (``uu_tien``);
- ``FieldRanking``: an award field (``linh_vuc``): the competitors passing its criteria, ranked
  by one metric and the tie-breaks, up to a quota;
- ``UnitAward``: the award line of a group ("Lựa chọn tối đa 06 tập thể…"): every unit a field
  selected is awarded;
- ``PeopleQuota``: the individuals line ("Mỗi tập thể … tối đa 05 cá nhân"): the individuals
  an awarded unit proposes, in its order, up to the quota.

Adding a kind of criterion is one class here, and nothing else in this package:

1. subclass ``Criterion`` and decorate it with ``@criterion_kind``;
2. ``accepts(model)`` says which ``TieuChiDanhGia`` it reads (exactly one kind may accept a
   model; ``make_criterion`` refuses a model no kind or two kinds accept);
3. ``target(values, ky)`` gives the figure the competitor's metric is compared with, how the
   explanation names it, and what is reported missing when it is blank;
4. ``reference()`` is the announced words after "thấp nhất đạt" / "không cao hơn"….

If the kind needs a key the spec does not have yet, add it to ``TieuChiDanhGia`` (and to its
``_one_reference`` validator) in ``schema/models.py``; the engine, the circular's wording and the
``quy_tac`` codes follow from the class.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from thidua_docs.evaluation.outcome import CriterionResult, Entry, FieldResult, key
from thidua_docs.evaluation.wording import (
    PERIOD,
    figure,
    lower_first,
    metric_name,
    metric_unit,
    money_text,
)
from thidua_docs.formatting import so
from thidua_docs.schema import DanhGia, LinhVuc, NhomDanhGia, TieuChiDanhGia, UuTien

Values = dict[str, Decimal | None]

_HUNDRED = Decimal(100)


class Rule(ABC):
    """A rule with a code: the sentence the circular prints for it (``quy_tac: <code>``)."""

    code: str

    @abstractmethod
    def announce(self) -> str:
        """The announced wording, exactly as the circular prints it."""


# ------------------------------------------------------------------------------------ criteria

#: Each comparison: how it decides, its sign when it holds, its sign when it does not.
_OPS: dict[str, tuple[Callable[[Decimal, Decimal], bool], str, str]] = {
    ">=": (lambda a, b: a >= b, "≥", "<"),
    "<=": (lambda a, b: a <= b, "≤", ">"),
    ">": (lambda a, b: a > b, ">", "≤"),
    "<": (lambda a, b: a < b, "<", "≥"),
}
#: Each comparison in the words of a circular.
_WORDS = {">=": "thấp nhất đạt", "<=": "không cao hơn", ">": "cao hơn", "<": "thấp hơn"}


@dataclass(frozen=True)
class Target:
    """What a competitor's figure is compared with, for one competitor."""

    value: Decimal | None  # None: not computable (blank figure, no threshold for the period)
    label: str  # how the explanation names it: "ngưỡng", "chỉ tiêu 2,59% với dung sai 5%, tức"
    missing: str  # the name reported ("thiếu số liệu …") when ``value`` is None


class Criterion(Rule):
    """A mandatory criterion: one metric of the competitor compared with a reference.

    Subclasses give the reference (``target`` when applied, ``reference`` when announced); the
    comparison, its explanation and the announced sentence around the reference are shared.
    """

    def __init__(self, group: NhomDanhGia, model: TieuChiDanhGia) -> None:
        self.group = group
        self.model = model
        self.code = model.ma
        self.label = metric_name(group, model.chi_so)
        self.unit = metric_unit(group, model.chi_so)

    @classmethod
    @abstractmethod
    def accepts(cls, model: TieuChiDanhGia) -> bool:
        """Whether this kind reads ``model`` (exactly one kind accepts each model)."""

    @abstractmethod
    def target(self, values: Values, ky: str) -> Target:
        """The reference for one competitor's values in period ``ky``."""

    @abstractmethod
    def reference(self) -> str:
        """The announced reference: "100%", "chỉ tiêu được giao", "quá 5% của chỉ tiêu"."""

    def check(self, values: Values, ky: str) -> CriterionResult:
        """Pass or fail, with the figures that decided it."""
        model = self.model
        value = values.get(model.chi_so)
        target = self.target(values, ky)
        if value is None or target.value is None:
            missing = self.label if value is None else target.missing
            return CriterionResult(
                model.ma, model.ten, value, False, f"thiếu số liệu {lower_first(missing)}"
            )
        compare, holds, fails = _OPS[model.so_sanh]
        passed = bool(compare(value, target.value))
        verdict = "đạt" if passed else "không đạt"
        text = (
            f"{verdict}: {lower_first(self.label)} {figure(value, self.unit)} "
            f"{holds if passed else fails} {target.label} {figure(target.value, self.unit)}"
        )
        return CriterionResult(model.ma, model.ten, value, passed, text)

    def announce(self) -> str:
        return self.model.mo_ta or f"{self.label} {_WORDS[self.model.so_sanh]} {self.reference()}."


CRITERIA: list[type[Criterion]] = []


def criterion_kind(cls: type[Criterion]) -> type[Criterion]:
    """Register a kind of criterion: ``make_criterion`` will consider it."""
    CRITERIA.append(cls)
    return cls


def make_criterion(group: NhomDanhGia, model: TieuChiDanhGia) -> Criterion:
    """The criterion object for a validated model: the one registered kind that accepts it."""
    kinds = [kind for kind in CRITERIA if kind.accepts(model)]
    if len(kinds) != 1:
        # The schema admitted a criterion the engine cannot apply unambiguously: a programming
        # error (a kind missing or two kinds overlapping), not a clerk's mistake.
        names = ", ".join(kind.__name__ for kind in kinds) or "none"
        raise TypeError(f"criterion {model.ma!r}: expected one kind to accept it, got {names}")
    return kinds[0](group, model)


@criterion_kind
class Threshold(Criterion):
    """A metric compared with one fixed figure: "Tỷ lệ … thấp nhất đạt 100%"."""

    @classmethod
    def accepts(cls, model: TieuChiDanhGia) -> bool:
        return model.nguong is not None and not isinstance(model.nguong, dict)

    def threshold(self, ky: str) -> Decimal | None:
        assert isinstance(self.model.nguong, Decimal)
        return self.model.nguong

    def target(self, values: Values, ky: str) -> Target:
        # A threshold has no metric of its own to name when it is missing (as before: an empty
        # name; the spec check already refuses a period without a threshold).
        return Target(self.threshold(ky), "ngưỡng", "")

    def reference(self) -> str:
        return figure(self.threshold(""), self.unit)


@criterion_kind
class ThresholdByPeriod(Threshold):
    """One figure per period, cumulative: "… 45% vào cuối quý II, 100% vào cuối quý IV"."""

    @classmethod
    def accepts(cls, model: TieuChiDanhGia) -> bool:
        return isinstance(model.nguong, dict)

    def by_period(self) -> dict[str, Decimal]:
        assert isinstance(self.model.nguong, dict)
        return dict(self.model.nguong.items())

    def threshold(self, ky: str) -> Decimal | None:
        return self.by_period().get(ky)

    def reference(self) -> str:
        return ", ".join(
            f"{figure(v, self.unit)} vào cuối {PERIOD[k]}" for k, v in self.by_period().items()
        )


@criterion_kind
class Comparison(Criterion):
    """A metric compared with another metric of the same competitor, within a tolerance.

    ``dung_sai: 5`` with ``<=`` lets the metric exceed the other by 5% of it ("không cao hơn quá
    5% của tỷ lệ chỉ tiêu"); with ``>=`` it may fall short by as much.
    """

    @classmethod
    def accepts(cls, model: TieuChiDanhGia) -> bool:
        return model.so_voi is not None

    def target(self, values: Values, ky: str) -> Target:
        model = self.model
        assert model.so_voi is not None
        name = metric_name(self.group, model.so_voi)
        value = values.get(model.so_voi)
        label = lower_first(name)
        if value is not None and model.dung_sai is not None:
            lenient_up = model.so_sanh in ("<=", "<")
            factor = 1 + model.dung_sai / _HUNDRED if lenient_up else 1 - model.dung_sai / _HUNDRED
            label = f"{label} {figure(value, self.unit)} với dung sai {so(model.dung_sai)}%, tức"
            value = value * factor
        return Target(value, label, name)

    def reference(self) -> str:
        assert self.model.so_voi is not None
        other = lower_first(metric_name(self.group, self.model.so_voi))
        if self.model.dung_sai is not None:
            return f"quá {so(self.model.dung_sai)}% của {other}"
        return other


# -------------------------------------------------------------------------------- award fields


def _part(values: Values, metric: str, lower_is_better: bool) -> tuple[int, Decimal]:
    """One position of a sort key: better figures first, blanks after every figure."""
    value = values.get(metric)
    if value is None:
        return (1, Decimal(0))
    return (0, value if lower_is_better else -value)


class TieBreak(Rule):
    """A tie-break: between competitors equal so far, the better figure of a metric goes first."""

    def __init__(self, group: NhomDanhGia, field: LinhVuc, index: int, model: UuTien) -> None:
        self.group = group
        self.model = model
        self.code = model.ma or f"{field.ma}_uu_tien_{index + 1}"

    def sort_part(self, values: Values) -> tuple[int, Decimal]:
        return _part(values, self.model.chi_so, self.model.thap_hon_tot)

    def separates(self, one: Values, other: Values) -> bool:
        return one.get(self.model.chi_so) != other.get(self.model.chi_so)

    def announce(self) -> str:
        return (
            f"Trường hợp có từ 2 {self.group.don_vi_goi} trở lên có kết quả tương đương: "
            f"ưu tiên {self.model.mo_ta}."
        )


class FieldRanking(Rule):
    """An award field: competitors passing its criteria, ranked by a metric, up to a quota.

    Ranking is deterministic: by the declared metric, then the tie-breaks in declared order, then
    by name, so the same results give the same selection whatever the row order.
    """

    def __init__(self, group: NhomDanhGia, model: LinhVuc, criteria: list[Criterion]) -> None:
        self.group = group
        self.model = model
        self.code = model.ma
        self.criteria = criteria
        self.tie_breaks = [TieBreak(group, model, i, t) for i, t in enumerate(model.uu_tien)]

    # -- what is applied

    def check(self, values: Values, ky: str) -> list[CriterionResult]:
        """Every criterion of the field applied to one competitor's values."""
        return [criterion.check(values, ky) for criterion in self.criteria]

    def sort_key(self, values: Values, name: str) -> tuple[object, ...]:
        return (
            _part(values, self.model.xep_hang_theo, self.model.thap_hon_tot),
            *(tie.sort_part(values) for tie in self.tie_breaks),
            key(name),
        )

    def rank(
        self,
        entries: list[Entry],
        values: dict[str, Values],
        taken: dict[str, str],
        excluded: set[str],
    ) -> None:
        """Rank, select and explain every entry (in place); ``taken`` gains the selected names.

        ``taken`` maps a competitor already selected in an earlier field of the group to that
        field's name, for groups where a competitor is awarded in one field at most.
        """
        field_, group = self.model, self.group
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
        eligible.sort(key=lambda e: self.sort_key(values[key(e.competitor.ten)], e.competitor.ten))
        primary_rank = 0
        previous: tuple[object, ...] | None = None
        for position, entry in enumerate(eligible, start=1):
            full = self.sort_key(values[key(entry.competitor.ten)], entry.competitor.ten)[:-1]
            if full != previous:
                primary_rank = position
            previous = full
            entry.rank = primary_rank
            entry.selected = position <= field_.so_luong
        quota = field_.so_luong
        for position, entry in enumerate(eligible, start=1):
            tie = self._tie_note(eligible, position - 1, values)
            if entry.selected:
                entry.reason = f"được chọn (hạng {entry.rank}/{quota})" + (
                    f"; {tie}" if tie else ""
                )
                taken.setdefault(key(entry.competitor.ten), field_.ten)
            else:
                entry.reason = f"ngoài chỉ tiêu số lượng (hạng {entry.rank}/{quota})" + (
                    f"; {tie}" if tie else ""
                )

    def _tie_note(self, ordered: list[Entry], index: int, values: dict[str, Values]) -> str:
        """How a competitor equal on the ranking metric with a neighbour was separated."""
        metric = self.model.xep_hang_theo
        me = values[key(ordered[index].competitor.ten)]
        for other_index in (index - 1, index + 1):
            if not 0 <= other_index < len(ordered):
                continue
            other = values[key(ordered[other_index].competitor.ten)]
            if me.get(metric) != other.get(metric):
                continue
            shared = min(index, other_index) + 1
            for tie in self.tie_breaks:
                if tie.separates(me, other):
                    return (
                        f"hòa hạng {shared} theo {lower_first(metric_name(self.group, metric))}, "
                        f"ưu tiên theo {tie.model.mo_ta}"
                    )
            return (
                f"hòa hạng {shared} ở mọi tiêu chí ưu tiên; xếp theo tên — "
                "Hội đồng Thi đua - Khen thưởng cần quyết định"
            )
        return ""

    # -- what is announced

    def announce(self) -> str:
        group, field_ = self.group, self.model
        return field_.mo_ta or (
            f"Lĩnh vực {field_.ten}: {group.don_vi_goi} dẫn đầu theo "
            f"{lower_first(metric_name(group, field_.xep_hang_theo))}, "
            f"lựa chọn tối đa {field_.so_luong:02d} {group.don_vi_goi}."
        )

    def announce_tie_breaks(self) -> str:
        """Several tie-breaks read as one ordered sentence ("ưu tiên …, sau đó …")."""
        order = ", sau đó ".join(tie.model.mo_ta for tie in self.tie_breaks)
        return (
            f"Trường hợp có từ 2 {self.group.don_vi_goi} trở lên có kết quả tương đương: "
            f"ưu tiên {order}."
        )


# ---------------------------------------------------------------------------------- the awards


class UnitAward(Rule):
    """The award line of a group: every unit selected by one of its fields is awarded."""

    def __init__(self, group: NhomDanhGia, danh_gia: DanhGia) -> None:
        self.group = group
        self.danh_gia = danh_gia
        self.code = f"{group.ma}_tap_the"

    def awarded(self, fields: list[FieldResult]) -> Iterator[str]:
        """The name keys of the units this group awards, in field order then rank order."""
        for result in fields:
            if result.group is self.group:
                for entry in result.selected:
                    yield key(entry.competitor.ten)

    def announce(self) -> str:
        group, danh_gia = self.group, self.danh_gia
        money = danh_gia.tien_thuong_tap_the
        return (
            f"Lựa chọn tối đa {sum(f.so_luong for f in group.linh_vuc):02d} {group.don_vi_goi} dẫn đầu để "
            f"đề nghị tặng {danh_gia.hinh_thuc}"
            + (f" kèm theo {money_text(money)}" if money else "")
            + "."
        )


class PeopleQuota(Rule):
    """The individuals line: an awarded unit's proposals, in its order, up to the quota."""

    def __init__(self, group: NhomDanhGia, danh_gia: DanhGia) -> None:
        self.group = group
        self.danh_gia = danh_gia
        self.code = f"{group.ma}_ca_nhan"
        self.limit = group.ca_nhan_toi_da

    @property
    def has_text(self) -> bool:
        """Whether the rule has a code and a sentence: a quota is declared (0 included)."""
        return self.limit is not None

    @property
    def in_circular(self) -> bool:
        """Whether the circular's award section prints it: a quota of 0 is not printed there."""
        return bool(self.limit)

    def refusal(self, already_chosen: int) -> str | None:
        """Why one more individual of a unit is refused, or None when the quota admits them."""
        if self.limit is not None and already_chosen >= self.limit:
            return f"vượt số lượng tối đa {self.limit:02d} cá nhân/01 {self.group.don_vi_goi}"
        return None

    def announce(self) -> str:
        assert self.limit is not None
        money = self.danh_gia.tien_thuong_ca_nhan
        return (
            f"Mỗi {self.group.don_vi_goi} được khen thưởng lựa chọn tối đa {self.limit:02d} cá nhân "
            f"xuất sắc nhất để đề nghị tặng {self.danh_gia.hinh_thuc}"
            + (f" kèm theo {money_text(money)}" if money else "")
            + "."
        )


# ------------------------------------------------------------------------------- the rulebook


@dataclass(frozen=True)
class GroupRules:
    """Every rule of one group of competitors, in the order the circular announces them."""

    group: NhomDanhGia
    criteria: list[Criterion]
    fields: list[FieldRanking]
    award: UnitAward
    people: PeopleQuota

    def announced(self) -> Iterator[Rule]:
        """The rules with a code and a sentence: criteria, each field and its tie-breaks, awards."""
        yield from self.criteria
        for ranking in self.fields:
            yield ranking
            yield from ranking.tie_breaks
        yield self.award
        if self.people.has_text:
            yield self.people


def group_rules(group: NhomDanhGia, danh_gia: DanhGia) -> GroupRules:
    """The rule objects of one validated group."""
    criteria = [make_criterion(group, model) for model in group.tieu_chi]
    by_code = {criterion.code: criterion for criterion in criteria}
    fields = [
        FieldRanking(
            group,
            model,
            [by_code[code] for code in model.tieu_chi] if model.tieu_chi is not None else criteria,
        )
        for model in group.linh_vuc
    ]
    return GroupRules(
        group, criteria, fields, UnitAward(group, danh_gia), PeopleQuota(group, danh_gia)
    )


def rulebook(danh_gia: DanhGia) -> list[GroupRules]:
    """The rule objects of a validated ``danh_gia``, group by group."""
    return [group_rules(group, danh_gia) for group in danh_gia.nhom]


__all__ = [
    "CRITERIA",
    "Comparison",
    "Criterion",
    "FieldRanking",
    "GroupRules",
    "PeopleQuota",
    "Rule",
    "Target",
    "Threshold",
    "ThresholdByPeriod",
    "TieBreak",
    "UnitAward",
    "criterion_kind",
    "group_rules",
    "make_criterion",
    "rulebook",
]
