"""The rules engine: the declared rules applied exactly, explained, and independent of row order."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua_docs.evaluation.rules import Competitor, Person, evaluate, rule_texts
from thidua_docs.schema import DanhGia

from ..helpers import CAMPAIGNS


def rules(**overrides: Any) -> DanhGia:
    """A BHXH-tỉnh group like seed 000's: progress by period, late payment with tolerance, one field."""
    group: dict[str, Any] = {
        "ma": "bhxh_tinh",
        "ten": "BHXH tỉnh",
        "don_vi_goi": "BHXH tỉnh",
        "chi_so": [
            {"ma": "so_nguoi", "ten": "Số người tham gia lũy kế", "don_vi": "người"},
            {"ma": "ke_hoach", "ten": "Số người phải phát triển cả năm", "don_vi": "người"},
            {"ma": "cham_dong", "ten": "Tỷ lệ chậm đóng", "don_vi": "%"},
            {"ma": "chi_tieu", "ten": "Chỉ tiêu", "don_vi": "%"},
            {"ma": "q4", "ten": "Kết quả 3 tháng cuối năm", "don_vi": "%"},
            {"ma": "cung_ky", "ten": "Tăng so với cùng kỳ", "don_vi": "%"},
            {"ma": "bien_che", "ten": "Biên chế", "don_vi": "người"},
        ],
        "ty_le": [{"ma": "tien_do", "ten": "Tiến độ", "tu_so": "so_nguoi", "mau_so": "ke_hoach"}],
        "tieu_chi": [
            {
                "ma": "dat_tien_do",
                "ten": "Tiến độ",
                "chi_so": "tien_do",
                "so_sanh": ">=",
                "nguong": {"q2": 45, "q3": 71.5, "q4": 100},
            },
            {
                "ma": "cham_dong",
                "ten": "Chậm đóng",
                "chi_so": "cham_dong",
                "so_sanh": "<=",
                "so_voi": "chi_tieu",
                "dung_sai": 5,
            },
        ],
        "linh_vuc": [
            {
                "ma": "dan_dau",
                "ten": "dẫn đầu",
                "xep_hang_theo": "tien_do",
                "so_luong": 3,
                "uu_tien": [
                    {"chi_so": "q4", "mo_ta": "kết quả tốt nhất trong 3 tháng cuối năm"},
                    {"chi_so": "cung_ky", "mo_ta": "tỷ lệ cao so với cùng kỳ"},
                ],
            }
        ],
        "bien_che": "bien_che",
        "ca_nhan_toi_da": 2,
    }
    group.update(overrides.pop("group", {}))
    data = {
        "ky": "q4",
        "hinh_thuc": "Bằng khen",
        "thanh_tich": "xuất sắc",
        "nhom": [group],
        "tien_thuong_tap_the": {"moi_nguoi": 130000},
    }
    data.update(overrides)
    return DanhGia.model_validate(data)


def unit(
    name: str,
    done: str,
    plan: str = "1000",
    late: str = "2.0",
    target: str = "2.59",
    q4: str = "1",
    same: str = "1",
    staff: str = "100",
) -> Competitor:
    values = {
        "so_nguoi": done,
        "ke_hoach": plan,
        "cham_dong": late,
        "chi_tieu": target,
        "q4": q4,
        "cung_ky": same,
        "bien_che": staff,
    }
    return Competitor(name, {k: Decimal(v) for k, v in values.items()})


def field_entries(result: Any) -> dict[str, Any]:
    return {e.competitor.ten: e for e in result.fields[0].entries}


def test_explained_selection() -> None:
    competitors = [
        unit("A", "1100"),
        unit("B", "1050"),
        unit("C", "1200", late="2.81"),
        unit("D", "1030"),
        unit("E", "990"),
        unit("F", "1010"),
    ]
    result = field_entries(evaluate(rules(), {"bhxh_tinh": competitors}))
    assert [n for n, e in result.items() if e.selected] == ["A", "B", "D"]
    assert result["A"].reason == "được chọn (hạng 1/3)"
    assert result["F"].reason == "ngoài chỉ tiêu số lượng (hạng 4/3)"
    assert result["E"].reason == "không đạt: tiến độ 99% < ngưỡng 100%"
    assert result["C"].reason == (
        "không đạt: tỷ lệ chậm đóng 2,81% > chỉ tiêu 2,59% với dung sai 5%, tức 2,72%"
    )


def test_tolerance_lets_a_slightly_late_payer_pass() -> None:
    """2,70% ≤ 2,59% × 1,05 = 2,7195%: "không cao hơn quá 5% của tỷ lệ chỉ tiêu"."""
    result = field_entries(evaluate(rules(), {"bhxh_tinh": [unit("A", "1100", late="2.70")]}))
    assert result["A"].selected


@pytest.mark.parametrize(
    ("period", "done", "passes"),
    [
        ("q2", "450", True),
        ("q2", "449", False),
        ("q3", "715", True),
        ("q3", "714", False),
        ("q4", "1000", True),
        ("q4", "999", False),
    ],
)
def test_thresholds_by_period(period: str, done: str, passes: bool) -> None:
    result = field_entries(evaluate(rules(ky=period), {"bhxh_tinh": [unit("A", done)]}))
    assert result["A"].criteria[0].passed is passes


def test_tie_breaks_in_declared_order() -> None:
    competitors = [
        unit("A", "1100"),
        unit("B", "1050"),
        unit("C", "1020", q4="3", same="1"),
        unit("D", "1020", q4="2", same="9"),
        unit("E", "1020", q4="3", same="2"),
    ]
    result = field_entries(evaluate(rules(), {"bhxh_tinh": competitors}))
    assert [n for n, e in result.items() if e.selected] == ["A", "B", "E"]
    # Three competitors tied on the ranking metric share rank 3 (not "hạng 4" for the third one).
    assert result["E"].reason == (
        "được chọn (hạng 3/3); hòa hạng 3 theo tiến độ (3 BHXH tỉnh cùng hạng), "
        "ưu tiên theo tỷ lệ cao so với cùng kỳ"
    )
    assert result["C"].reason.startswith(
        "ngoài chỉ tiêu số lượng (hạng 4/3); hòa hạng 3 theo tiến độ (3 BHXH tỉnh cùng hạng)"
    )
    assert result["D"].reason == (
        "ngoài chỉ tiêu số lượng (hạng 5/3); hòa hạng 3 theo tiến độ (3 BHXH tỉnh cùng hạng), "
        "ưu tiên theo kết quả tốt nhất trong 3 tháng cuối năm"
    )


def test_a_complete_tie_is_flagged_for_the_council() -> None:
    competitors = [unit("A", "1100"), unit("B", "1050"), unit("Y", "1020"), unit("X", "1020")]
    result = field_entries(evaluate(rules(), {"bhxh_tinh": competitors}))
    assert result["X"].selected and not result["Y"].selected  # by name, deterministically
    assert "Hội đồng Thi đua - Khen thưởng cần quyết định" in result["Y"].reason


def test_exclusions_and_one_field_per_competitor() -> None:
    group = {
        "loai_tru": ["b"],
        "linh_vuc": [
            {"ma": "f1", "ten": "thứ nhất", "xep_hang_theo": "tien_do", "so_luong": 1},
            {"ma": "f2", "ten": "thứ hai", "xep_hang_theo": "tien_do", "so_luong": 1},
        ],
    }
    result = evaluate(
        rules(group=group), {"bhxh_tinh": [unit("A", "1100"), unit("B", "1200"), unit("C", "1050")]}
    )
    first, second = ({e.competitor.ten: e for e in f.entries} for f in result.fields)
    assert first["B"].reason == "bị loại trừ theo khai báo của chiến dịch"
    assert first["A"].selected and not second["A"].selected
    assert second["A"].reason == "đã được chọn ở lĩnh vực thứ nhất"
    assert second["C"].selected


def test_missing_figures_fail_with_a_reason() -> None:
    blank = Competitor("A", {**unit("A", "1100").values, "cham_dong": None})
    result = field_entries(evaluate(rules(), {"bhxh_tinh": [blank]}))
    assert not result["A"].selected and result["A"].reason == "thiếu số liệu tỷ lệ chậm đóng"


def test_individuals_only_from_awarded_units_up_to_the_quota() -> None:
    people = [
        Person("P1", "", "A", 2),
        Person("P2", "", "a", 1),
        Person("P3", "", "A", 3),
        Person("P4", "", "E"),
    ]
    result = evaluate(rules(), {"bhxh_tinh": [unit("A", "1100"), unit("E", "990")]}, people)
    by_name = {r.person.ho_ten: r for r in result.people}
    assert [n for n, r in by_name.items() if r.selected] == ["P1", "P2"]
    assert by_name["P3"].reason == "vượt số lượng tối đa 02 cá nhân/01 BHXH tỉnh"
    assert by_name["P4"].reason == "đơn vị không được chọn khen thưởng"


# ---------------------------------------------------------------- properties

units = st.lists(
    st.tuples(st.integers(900, 1200), st.integers(150, 320), st.integers(0, 5), st.integers(0, 5)),
    min_size=1,
    max_size=25,
)


def _competitors(rows: list[tuple[int, int, int, int]]) -> list[Competitor]:
    return [
        unit(
            f"Đơn vị {i:02d}", str(done), late=str(Decimal(late) / 100), q4=str(q4), same=str(same)
        )
        for i, (done, late, q4, same) in enumerate(rows)
    ]


@settings(max_examples=150, deadline=None)
@given(units, st.integers(0, 2**32))
def test_quota_respected_failures_never_selected_and_order_irrelevant(
    rows: list[tuple[int, int, int, int]], seed: int
) -> None:
    competitors = _competitors(rows)
    shuffled = competitors[:]
    random.Random(seed).shuffle(shuffled)
    first = evaluate(rules(), {"bhxh_tinh": competitors})
    second = evaluate(rules(), {"bhxh_tinh": shuffled})
    chosen = [e.competitor.ten for e in first.fields[0].selected]
    assert chosen == [e.competitor.ten for e in second.fields[0].selected]
    assert len(chosen) <= 3
    for entry in first.fields[0].entries:
        failed = [c for c in entry.criteria if not c.passed]
        if failed:
            assert not entry.selected
            assert all(c.explanation in entry.reason for c in failed)
    ranked = [e.value for e in first.fields[0].selected]
    assert None not in ranked  # a selected competitor always has its ranking figure
    assert ranked == sorted((v for v in ranked if v is not None), reverse=True)


def test_announced_wording_comes_from_the_rules() -> None:
    texts = rule_texts(rules())
    assert texts["dat_tien_do"] == (
        "Tiến độ thấp nhất đạt 45% vào cuối quý II, 71,5% vào cuối quý III, 100% vào cuối quý IV."
    )
    assert texts["cham_dong"] == "Tỷ lệ chậm đóng không cao hơn quá 5% của chỉ tiêu."
    assert texts["bhxh_tinh_ca_nhan"] == (
        # no money named for individuals: the statutory amount, and the circular says so
        "Mỗi BHXH tỉnh được khen thưởng lựa chọn tối đa 02 cá nhân xuất sắc nhất để đề nghị tặng "
        "Bằng khen kèm theo tiền thưởng theo quy định."
    )
    assert texts["bhxh_tinh_tap_the"] == (
        "Lựa chọn tối đa 03 BHXH tỉnh dẫn đầu để đề nghị tặng Bằng khen kèm theo "
        "tiền thưởng 130.000 đồng/người tính theo tổng biên chế."
    )


def test_the_2017_circular_announces_what_evaluate_applies(tmp_path: Path) -> None:
    from thidua_docs import draft, load_campaign

    from ..helpers import nonempty_lines

    campaign = load_campaign(CAMPAIGNS / "bhxh-2017-giam-no")
    (path,) = draft(campaign=campaign, out=tmp_path).files
    lines = nonempty_lines(path)
    assert campaign.chien_dich.danh_gia is not None
    for code, text in rule_texts(campaign.chien_dich.danh_gia).items():
        if (
            "_uu_tien_" not in code
        ):  # several tie-breaks are announced as one sentence, checked below
            assert f"- {text}" in lines, code
    assert (
        "- Trường hợp có từ 2 tập thể trở lên có kết quả tương đương: ưu tiên tập thể có kết quả tốt nhất "
        "trong 3 tháng cuối năm, sau đó tập thể có số người tham gia đạt tỷ lệ cao so với cùng kỳ năm trước."
    ) in lines
