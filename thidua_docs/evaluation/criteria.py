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
  tolerance in percent of the other metric (``dung_sai``) or in percentage points
  (``dung_sai_diem``), each announced in its own words;
- ``TieBreak``: what separates competitors equal on the ranking metric (``uu_tien``);
- ``FieldRanking``: an award field (``linh_vuc``): the competitors passing its criteria, ranked
  by one metric (or several, combined as declared: all must lead, lexicographic, weighted) and the
  tie-breaks, up to a quota (per round when the campaign has rounds);
- ``UnitAward``: the award line of a group ("Lựa chọn tối đa 06 tập thể…"): every unit a field
  selected is awarded;
- ``PeopleQuota``: the individuals line ("Mỗi tập thể … tối đa 05 cá nhân"): the individuals
  an awarded unit proposes, in its order, up to the quota of the field that awarded it (else
  the group's).

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
    tolerance_label,
    tolerance_reference,
)
from thidua_docs.formatting import so
from thidua_docs.schema import DanhGia, LinhVuc, NhomDanhGia, TienThuong, TieuChiDanhGia, UuTien

Values = dict[str, Decimal | None]

_HUNDRED = Decimal(100)


class Rule(ABC):
    """A rule with a code: the sentence the circular prints for it (``quy_tac: <code>``)."""

    code: str

    @abstractmethod
    def announce(self) -> str:
        """The announced wording, exactly as the circular prints it."""

    def lines(self) -> list[str]:
        """The announced wording as the lines the circular prints (one, unless the rule prints
        one line per period: ``tung_ky``)."""
        return [self.announce()]


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

    def lines(self) -> list[str]:
        """With ``tung_ky``: one line per period ("Vào cuối quý II: … thấp nhất đạt 45%;")."""
        if not self.model.tung_ky or self.model.mo_ta:
            return super().lines()
        periods = list(self.by_period().items())
        word = _WORDS[self.model.so_sanh]
        return [
            f"Vào cuối {PERIOD[k]}: {lower_first(self.label)} {word} {figure(v, self.unit)}"
            + ("." if i == len(periods) - 1 else ";")
            for i, (k, v) in enumerate(periods)
        ]


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
        lenient_up = model.so_sanh in ("<=", "<")
        if value is not None and model.dung_sai is not None:
            factor = 1 + model.dung_sai / _HUNDRED if lenient_up else 1 - model.dung_sai / _HUNDRED
            label = tolerance_label(model.dung_sai, None, f"{label} {figure(value, self.unit)}")
            value = value * factor
        elif value is not None and model.dung_sai_diem is not None:
            points = model.dung_sai_diem
            label = tolerance_label(None, points, f"{label} {figure(value, self.unit)}")
            value = value + points if lenient_up else value - points
        return Target(value, label, name)

    def reference(self) -> str:
        assert self.model.so_voi is not None
        other = lower_first(metric_name(self.group, self.model.so_voi))
        return tolerance_reference(self.model.dung_sai, self.model.dung_sai_diem, other)


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


#: How the explanation names what a combined ranking compares.
_COMBINED = {
    "tat_ca": "hạng thấp nhất trong các chỉ số",
    "lan_luot": "các chỉ số xếp hạng",
    "trong_so": "điểm tổng hợp",
}


def _and(names: list[str]) -> str:
    """ "A, B và C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"


class FieldRanking(Rule):
    """An award field: competitors passing its criteria, ranked by a metric, up to a quota.

    Ranking is deterministic: by the declared metric, then the tie-breaks in declared order, then
    by name, so the same results give the same selection whatever the row order.

    "Dẫn đầu" over several metrics is combined as the field declares (``ket_hop``): ``tat_ca``
    (every metric must lead: ranked by the competitor's weakest standing among the metrics, then
    by the sum of its standings), ``lan_luot`` (metric after metric) or ``trong_so`` (a weighted
    score); each selected competitor's explanation shows the figures that combined.
    """

    def __init__(
        self,
        group: NhomDanhGia,
        model: LinhVuc,
        criteria: list[Criterion],
        rounds: list[tuple[str, int]] | None = None,
    ) -> None:
        self.group = group
        self.model = model
        self.code = model.ma
        self.criteria = criteria
        self.tie_breaks = [TieBreak(group, model, i, t) for i, t in enumerate(model.uu_tien)]
        self.metrics = model.chi_so_xep_hang
        #: The quota of each declared round (its name, its quota), for the circular's sentence.
        self.rounds = rounds or []
        #: For a combined ranking: each competitor's primary sort part and its explanation.
        self._primary: dict[str, object] = {}
        self._detail: dict[str, str] = {}

    @property
    def combined(self) -> bool:
        return len(self.metrics) > 1

    # -- what is applied

    def check(self, values: Values, ky: str) -> list[CriterionResult]:
        """Every criterion of the field applied to one competitor's values."""
        return [criterion.check(values, ky) for criterion in self.criteria]

    def figure(self, values: Values) -> Decimal | None:
        """The figure shown for a competitor: its ranking metric, or the weighted score."""
        if not self.combined:
            return values.get(self.metrics[0])
        if self.model.ket_hop == "trong_so":
            return self._score(values)
        if self.model.ket_hop == "lan_luot":
            return values.get(self.metrics[0])
        return None  # tat_ca: the weakest standing, known once every competitor is ranked

    def _score(self, values: Values) -> Decimal | None:
        parts = [values.get(m) for m in self.metrics]
        if any(v is None for v in parts):
            return None
        return sum(
            (
                self.model.trong_so[m] * (v or Decimal(0))
                for m, v in zip(self.metrics, parts, strict=True)
            ),
            Decimal(0),
        )

    def _primary_part(self, values: Values, name: str) -> object:
        if not self.combined:
            return _part(values, self.metrics[0], self.model.thap_hon_tot)
        return self._primary.get(key(name), ((1, Decimal(0)),))

    def sort_key(self, values: Values, name: str) -> tuple[object, ...]:
        return (
            self._primary_part(values, name),
            *(tie.sort_part(values) for tie in self.tie_breaks),
            key(name),
        )

    def _prepare(self, eligible: list[Entry], values: dict[str, Values]) -> None:
        """A combined ranking's primary parts and explanations, over the eligible competitors."""
        self._primary, self._detail = {}, {}
        if not self.combined:
            return
        lower = self.model.thap_hon_tot
        names = {m: lower_first(metric_name(self.group, m)) for m in self.metrics}
        units = {m: metric_unit(self.group, m) for m in self.metrics}
        kind = self.model.ket_hop
        standings: dict[str, dict[str, int | None]] = {}
        if kind == "tat_ca":
            for m in self.metrics:
                ordered = sorted(
                    (_part(values[key(e.competitor.ten)], m, lower), key(e.competitor.ten))
                    for e in eligible
                )
                rank, previous = 0, None
                for position, (part, name) in enumerate(ordered, start=1):
                    if part != previous:
                        rank = position
                    previous = part
                    standings.setdefault(name, {})[m] = None if part[0] else rank
        for entry in eligible:
            name = key(entry.competitor.ten)
            v = values[name]
            if kind == "trong_so":
                score = self._score(v)
                self._primary[name] = (
                    (1, Decimal(0)) if score is None else (0, score if lower else -score),
                )
                terms = " + ".join(
                    f"{so(self.model.trong_so[m])} × {figure(v.get(m), units[m])}"
                    for m in self.metrics
                )
                self._detail[name] = (
                    f"điểm tổng hợp {figure(score, '')} = {terms}"
                    if score is not None
                    else "thiếu số liệu để tính điểm tổng hợp"
                )
            elif kind == "lan_luot":
                self._primary[name] = tuple(_part(v, m, lower) for m in self.metrics)
                self._detail[name] = "; ".join(
                    f"{names[m]} {figure(v.get(m), units[m])}" for m in self.metrics
                )
            else:
                ranks = standings.get(name, {})
                if any(ranks.get(m) is None for m in self.metrics):
                    self._primary[name] = ((1, Decimal(0)),)
                    self._detail[name] = "thiếu số liệu ở một chỉ số xếp hạng"
                    continue
                known = [int(ranks[m] or 0) for m in self.metrics]
                self._primary[name] = ((0, max(known)), (0, sum(known)))
                listed = ", ".join(
                    f"{names[m]} hạng {r}" for m, r in zip(self.metrics, known, strict=True)
                )
                self._detail[name] = (
                    f"{listed}; hạng thấp nhất {max(known)}, tổng thứ hạng {sum(known)}"
                )
                entry.value = Decimal(max(known))

    def rank(
        self,
        entries: list[Entry],
        values: dict[str, Values],
        taken: dict[str, str],
        excluded: set[str],
    ) -> list[str]:
        """Rank, select and explain every entry (in place); ``taken`` gains the selected names.

        ``taken`` maps a competitor already selected in an earlier field of the group to that
        field's name, for groups where a competitor is awarded in one field at most. Returns the
        notes for the council: complete ties across the quota line, decided only by name.
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
        self._prepare(eligible, values)
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
        keys = [self._keys(entry, values) for entry in eligible]
        runs: dict[object, list[int]] = {}  # equal on the ranking: their positions
        for position, (primary, _) in enumerate(keys):
            runs.setdefault(primary, []).append(position)
        for position, entry in enumerate(eligible, start=1):
            notes = [
                n
                for n in (
                    self._detail.get(key(entry.competitor.ten), ""),
                    self._tie_note(eligible, position - 1, values, keys, runs),
                )
                if n
            ]
            extra = "".join(f"; {n}" for n in notes)
            if entry.selected:
                entry.reason = f"được chọn (hạng {entry.rank}/{quota}){extra}"
                taken.setdefault(key(entry.competitor.ten), field_.ten)
            else:
                entry.reason = f"ngoài chỉ tiêu số lượng (hạng {entry.rank}/{quota}){extra}"
        return self._council_notes(eligible, keys)

    def _keys(self, entry: Entry, values: dict[str, Values]) -> tuple[object, tuple[object, ...]]:
        """The entry's primary sort part and its full key without the name."""
        full = self.sort_key(values[key(entry.competitor.ten)], entry.competitor.ten)
        return full[0], full[:-1]

    def _ranking_name(self) -> str:
        if self.combined:
            return _COMBINED[str(self.model.ket_hop)]
        return lower_first(metric_name(self.group, self.metrics[0]))

    def _tie_note(
        self,
        ordered: list[Entry],
        index: int,
        values: dict[str, Values],
        keys: list[tuple[object, tuple[object, ...]]],
        runs: dict[object, list[int]],
    ) -> str:
        """How a competitor equal on the ranking metric with others was separated: the rank they
        share (the first of their run, however many they are), and the tie-break that decided, or
        that nothing did."""
        primary, full = keys[index]
        run = runs[primary]
        if len(run) < 2:
            return ""
        shared = run[0] + 1
        ranking = self._ranking_name()
        many = f" ({len(run)} {self.group.don_vi_goi} cùng hạng)" if len(run) > 2 else ""
        fully = [i for i in run if i != index and keys[i][1] == full]
        if fully:
            return (
                f"hòa hạng {shared}{many} ở mọi tiêu chí ưu tiên; xếp theo tên — "
                "Hội đồng Thi đua - Khen thưởng cần quyết định"
            )
        me = values[key(ordered[index].competitor.ten)]
        for other_index in (index - 1, index + 1, *run):
            if other_index not in run or other_index == index:
                continue
            other = values[key(ordered[other_index].competitor.ten)]
            for tie in self.tie_breaks:
                if tie.separates(me, other):
                    return f"hòa hạng {shared} theo {ranking}{many}, ưu tiên theo {tie.model.mo_ta}"
        return ""

    def _council_notes(
        self, ordered: list[Entry], keys: list[tuple[object, tuple[object, ...]]]
    ) -> list[str]:
        """Complete ties (equal on the ranking and every tie-break) that the quota cuts through:
        the selection among them was made by name only, so the council must decide."""
        notes = []
        runs: dict[tuple[object, ...], list[Entry]] = {}
        for entry, (_, full) in zip(ordered, keys, strict=True):
            runs.setdefault(full, []).append(entry)
        for run in runs.values():
            chosen = [e for e in run if e.selected]
            if len(run) > 1 and 0 < len(chosen) < len(run):
                names = ", ".join(e.competitor.ten for e in run)
                notes.append(
                    f"{self.group.ten} — lĩnh vực {self.model.ten}: {len(run)} {self.group.don_vi_goi} "
                    f"hòa hoàn toàn ở hạng {run[0].rank} ({names}), chỉ còn {len(chosen)} suất "
                    "trong chỉ tiêu; đã tạm xếp theo tên — Hội đồng Thi đua - Khen thưởng cần quyết định"
                )
        return notes

    # -- what is announced

    def announce(self) -> str:
        group, field_ = self.group, self.model
        if field_.mo_ta:
            return field_.mo_ta
        quota = f"lựa chọn tối đa {field_.so_luong:02d} {group.don_vi_goi}."
        if len({n for _, n in self.rounds}) > 1:
            by_quota: dict[int, list[str]] = {}
            for name, n in self.rounds:
                by_quota.setdefault(n, []).append(name)
            quota = (
                "lựa chọn tối đa "
                + "; ".join(
                    f"{n:02d} {group.don_vi_goi} ({_and(names)})" for n, names in by_quota.items()
                )
                + "."
            )
        names = [lower_first(metric_name(group, m)) for m in self.metrics]
        if not self.combined:
            lead = f"dẫn đầu theo {names[0]}"
        elif field_.ket_hop == "tat_ca":
            lead = (
                f"dẫn đầu đồng thời trong các chỉ tiêu {_and(names)} (xếp theo thứ hạng thấp "
                f"nhất của {group.don_vi_goi} trong các chỉ tiêu đó, bằng nhau thì theo tổng "
                "thứ hạng)"
            )
        elif field_.ket_hop == "lan_luot":
            lead = f"dẫn đầu theo {names[0]}" + "".join(
                f"; nếu bằng nhau, theo {n}" for n in names[1:]
            )
        else:
            weights = " + ".join(
                f"{so(field_.trong_so[m])} × {n}" for m, n in zip(self.metrics, names, strict=True)
            )
            lead = f"dẫn đầu theo điểm tổng hợp ({weights})"
        return f"Lĩnh vực {field_.ten}: {group.don_vi_goi} {lead}, {quota}"

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
        totals: dict[int, list[str]] = {}
        for round_ in danh_gia.dot:
            total = sum(round_.so_luong.get(f.ma, f.so_luong) for f in group.linh_vuc)
            totals.setdefault(total, []).append(round_.ten)
        if len(totals) > 1:
            count = "; ".join(
                f"{n:02d} {group.don_vi_goi} ({_and(names)})" for n, names in totals.items()
            )
        else:
            count = f"{sum(f.so_luong for f in group.linh_vuc):02d} {group.don_vi_goi}"
        kinds: dict[tuple[str, str], list[str]] = {}  # (form, money) → its fields
        for f in group.linh_vuc:
            form = f.hinh_thuc or danh_gia.hinh_thuc
            default = danh_gia.tien_thuong_tap_the if form == danh_gia.hinh_thuc else None
            kinds.setdefault((form, _money(f.tien_thuong or default)), []).append(f.ten)
        if len(kinds) == 1:
            ((form, money),) = kinds
            return f"Lựa chọn tối đa {count} dẫn đầu để đề nghị tặng {form}{money}."
        listed = "; ".join(
            f"lĩnh vực {_and(fields)}: tặng {form}{money}"
            for (form, money), fields in kinds.items()
        )
        return f"Lựa chọn tối đa {count} dẫn đầu để đề nghị khen thưởng: {listed}."


def _money(rule: TienThuong | None) -> str:
    """The money after an award in the circular's sentence: the declared rule, or the statutory
    amount the award list will carry when the campaign names none."""
    if rule is not None:
        return f" kèm theo {money_text(rule)}"
    return " kèm theo tiền thưởng theo quy định"


class PeopleQuota(Rule):
    """The individuals line: an awarded unit's proposals, in its order, up to the quota.

    The quota is the group's (``ca_nhan_toi_da``) unless the field that awarded the unit has its
    own ("tối đa 05 cá nhân" in the toàn diện field, "03" in a single field).
    """

    def __init__(self, group: NhomDanhGia, danh_gia: DanhGia) -> None:
        self.group = group
        self.danh_gia = danh_gia
        self.code = f"{group.ma}_ca_nhan"
        self.limit = group.ca_nhan_toi_da
        #: The group as each declared round applies it (its caps), for the circular's sentence.
        self.rounds = [
            (r.ten, next(g for g in danh_gia.for_round(r).nhom if g.ma == group.ma))
            for r in danh_gia.dot
        ]

    @property
    def by_field(self) -> bool:
        """Whether some field of the group has a cap of its own."""
        return any(f.ca_nhan_toi_da is not None for f in self.group.linh_vuc)

    @property
    def has_text(self) -> bool:
        """Whether the rule has a code and a sentence: a quota is declared (0 included)."""
        return self.limit is not None or self.by_field

    @property
    def in_circular(self) -> bool:
        """Whether the circular's award section prints it: a quota of 0 is not printed there."""
        return bool(self.limit) or self.by_field

    def field_limit(self, field: LinhVuc) -> int | None:
        """The cap of a unit awarded in ``field``: the field's own, else the group's."""
        return field.ca_nhan_toi_da if field.ca_nhan_toi_da is not None else self.limit

    def unit_limit(self, fields: list[LinhVuc]) -> tuple[int | None, LinhVuc | None]:
        """The cap of a unit awarded in ``fields`` (the most generous of them; None: no cap) and
        the field whose own cap it is (None when it is the group's)."""
        limits = [(self.field_limit(f), f) for f in fields]
        if not limits or any(limit is None for limit, _ in limits):
            return None, None
        limit, field = max(limits, key=lambda pair: pair[0] or 0)
        return limit, field if field.ca_nhan_toi_da is not None else None

    def refusal(
        self, already_chosen: int, limit: int | None = None, field: LinhVuc | None = None
    ) -> str | None:
        """Why one more individual of a unit is refused, or None when the quota admits them."""
        limit = self.limit if limit is None and field is None else limit
        if limit is not None and already_chosen >= limit:
            where = f" được khen thưởng ở lĩnh vực {field.ten}" if field is not None else ""
            return f"vượt số lượng tối đa {limit:02d} cá nhân/01 {self.group.don_vi_goi}{where}"
        return None

    def announce(self) -> str:
        form = self.danh_gia.hinh_thuc_ca_nhan or self.danh_gia.hinh_thuc
        tail = (
            f" xuất sắc nhất để đề nghị tặng {form}"
            + _money(self.danh_gia.tien_thuong_ca_nhan)
            + "."
        )
        if not self.by_field:
            assert self.limit is not None
            return (
                f"Mỗi {self.group.don_vi_goi} được khen thưởng lựa chọn tối đa {self.limit:02d} "
                f"cá nhân{tail}"
            )
        by_round: dict[str, list[str]] = {}
        for name, group in self.rounds:
            by_round.setdefault(self._caps(group, "tối đa "), []).append(name)
        if len(by_round) > 1:
            listed = "; ".join(f"{_and(names)}: {caps}" for caps, names in by_round.items())
            return (
                f"Mỗi {self.group.don_vi_goi} được khen thưởng lựa chọn cá nhân{tail[:-1]}: "
                f"{listed}."
            )
        return (
            f"Mỗi {self.group.don_vi_goi} được khen thưởng "
            + self._caps(self.group, "lựa chọn tối đa ", "; ")
            + tail
        )

    def _caps(self, group: NhomDanhGia, verb: str, join: str = ", ") -> str:
        """The caps of a group's fields, fields of one cap together: "ở lĩnh vực toàn diện
        lựa chọn tối đa 05 cá nhân; ở lĩnh vực BHXH bắt buộc hoặc BHYT lựa chọn tối đa 03 cá nhân"."""
        caps: dict[int, list[str]] = {}
        for field in group.linh_vuc:
            limit = (
                field.ca_nhan_toi_da if field.ca_nhan_toi_da is not None else group.ca_nhan_toi_da
            )
            if limit is not None:
                caps.setdefault(limit, []).append(field.ten)
        return join.join(
            f"ở lĩnh vực {_or(names)} {verb}{limit:02d} cá nhân" for limit, names in caps.items()
        )


def _or(names: list[str]) -> str:
    """ "A, B hoặc C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} hoặc {names[-1]}"


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
            [(r.ten, r.so_luong.get(model.ma, model.so_luong)) for r in danh_gia.dot],
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
