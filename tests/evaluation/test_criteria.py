"""Criteria as types: each kind applies itself and announces itself; the registry picks one kind."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from thidua_docs.evaluation import criteria
from thidua_docs.evaluation.criteria import (
    Comparison,
    Criterion,
    Target,
    Threshold,
    ThresholdByPeriod,
    criterion_kind,
    make_criterion,
    rulebook,
)
from thidua_docs.evaluation.rules import evaluate, rule_texts
from thidua_docs.schema import TieuChiDanhGia

from .test_rules import rules, unit


def group_of(**overrides: Any) -> Any:
    return rules(**overrides).nhom[0]


def model(**fields: Any) -> TieuChiDanhGia:
    return TieuChiDanhGia.model_validate(
        {"ma": "x", "ten": "X", "chi_so": "cham_dong", "so_sanh": "<=", **fields}
    )


@pytest.mark.parametrize(
    ("fields", "kind", "announced", "values", "explanation"),
    [
        pytest.param(
            {"nguong": 3},
            Threshold,
            "Tỷ lệ chậm đóng không cao hơn 3%.",
            {"cham_dong": Decimal("2.5")},
            "đạt: tỷ lệ chậm đóng 2,5% ≤ ngưỡng 3%",
            id="threshold",
        ),
        pytest.param(
            {"nguong": {"q2": 4, "q4": 3}},
            ThresholdByPeriod,
            "Tỷ lệ chậm đóng không cao hơn 4% vào cuối quý II, 3% vào cuối quý IV.",
            {"cham_dong": Decimal("3.5")},
            "không đạt: tỷ lệ chậm đóng 3,5% > ngưỡng 3%",
            id="threshold-by-period",
        ),
        pytest.param(
            {"so_voi": "chi_tieu"},
            Comparison,
            "Tỷ lệ chậm đóng không cao hơn chỉ tiêu.",
            {"cham_dong": Decimal("2.5"), "chi_tieu": Decimal("2.59")},
            "đạt: tỷ lệ chậm đóng 2,5% ≤ chỉ tiêu 2,59%",
            id="comparison",
        ),
        pytest.param(
            {"so_voi": "chi_tieu", "dung_sai": 5},
            Comparison,
            "Tỷ lệ chậm đóng không cao hơn quá 5% của chỉ tiêu.",
            {"cham_dong": Decimal("2.81"), "chi_tieu": Decimal("2.59")},
            "không đạt: tỷ lệ chậm đóng 2,81% > chỉ tiêu 2,59% với dung sai 5%, tức 2,72%",
            id="comparison-tolerance",
        ),
        pytest.param(
            {"so_voi": "chi_tieu"},
            Comparison,
            "Tỷ lệ chậm đóng không cao hơn chỉ tiêu.",
            {"cham_dong": Decimal("2.5"), "chi_tieu": None},
            "thiếu số liệu chỉ tiêu",
            id="comparison-missing-other",
        ),
    ],
)
def test_each_kind_applies_and_announces_itself(
    fields: dict[str, Any],
    kind: type[Criterion],
    announced: str,
    values: dict[str, Decimal | None],
    explanation: str,
) -> None:
    criterion = make_criterion(group_of(), model(**fields))
    assert type(criterion) is kind
    assert criterion.announce() == announced
    assert criterion.check(values, "q4").explanation == explanation


def test_declared_wording_replaces_the_written_one_but_not_the_rule() -> None:
    criterion = make_criterion(group_of(), model(nguong=3, mo_ta="Chậm đóng dưới 3%."))
    assert criterion.announce() == "Chậm đóng dưới 3%."
    assert not criterion.check({"cham_dong": Decimal(4)}, "q4").passed


def test_every_announced_code_is_one_rule_object() -> None:
    danh_gia = rules()
    codes = [rule.code for group in rulebook(danh_gia) for rule in group.announced()]
    assert codes == list(rule_texts(danh_gia))
    assert codes == [
        "dat_tien_do",
        "cham_dong",
        "dan_dau",
        "dan_dau_uu_tien_1",
        "dan_dau_uu_tien_2",
        "bhxh_tinh_tap_the",
        "bhxh_tinh_ca_nhan",
    ]


@pytest.fixture
def registered_at_most(monkeypatch: pytest.MonkeyPatch) -> type[Criterion]:
    """A kind added the documented way (one class), in a registry where it replaces Comparison
    (both read ``so_voi``; a real new kind would have a key of its own)."""
    monkeypatch.setattr(criteria, "CRITERIA", [Threshold, ThresholdByPeriod])

    @criterion_kind
    class AtMostTwiceTheOther(Criterion):
        """A made-up kind: the metric compared with twice another one."""

        @classmethod
        def accepts(cls, model: TieuChiDanhGia) -> bool:
            return model.so_voi is not None

        def target(self, values: dict[str, Decimal | None], ky: str) -> Target:
            assert self.model.so_voi is not None
            other = values.get(self.model.so_voi)
            return Target(None if other is None else 2 * other, "hai lần chỉ tiêu", "chỉ tiêu")

        def reference(self) -> str:
            return "hai lần chỉ tiêu"

    return AtMostTwiceTheOther


def test_a_new_kind_is_one_class_and_both_applied_and_announced(
    registered_at_most: type[Criterion],
) -> None:
    tieu_chi = [
        {
            "ma": "gap_doi",
            "ten": "Gấp đôi",
            "chi_so": "cham_dong",
            "so_sanh": "<=",
            "so_voi": "chi_tieu",
        }
    ]
    danh_gia = rules(group={"tieu_chi": tieu_chi})
    assert rule_texts(danh_gia)["gap_doi"] == "Tỷ lệ chậm đóng không cao hơn hai lần chỉ tiêu."
    result = evaluate(danh_gia, {"bhxh_tinh": [unit("A", "1100", late="5", target="2.59")]})
    (entry,) = result.fields[0].entries
    assert entry.criteria[0].explanation == "đạt: tỷ lệ chậm đóng 5% ≤ hai lần chỉ tiêu 5,18%"
    assert entry.selected


@pytest.mark.parametrize(
    "kinds", [[Threshold], [Comparison, Comparison]], ids=["no kind", "two kinds"]
)
def test_a_model_not_accepted_by_exactly_one_kind_is_a_programming_error(
    monkeypatch: pytest.MonkeyPatch, kinds: list[type[Criterion]]
) -> None:
    monkeypatch.setattr(criteria, "CRITERIA", kinds)
    with pytest.raises(TypeError, match="expected one kind"):
        make_criterion(group_of(), model(so_voi="chi_tieu"))


def test_people_quota_applies_and_announces_the_same_limit() -> None:
    (group,) = rulebook(rules())
    assert group.people.refusal(1) is None
    assert group.people.refusal(2) == "vượt số lượng tối đa 02 cá nhân/01 BHXH tỉnh"
    assert "tối đa 02 cá nhân" in group.people.announce()
