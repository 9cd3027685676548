"""Fields with their own rules and rounds of evaluation, applied exactly and explained.

Per-field and per-round quotas, individuals capped by the field that awarded their collective,
"dẫn đầu" over several metrics (all must lead, lexicographic, weighted), relative and absolute
tolerances, several award forms in one evaluation, statutory money, counting and tie notes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from thidua_docs.errors import InputError
from thidua_docs.evaluation.rules import (
    Competitor,
    Evaluation,
    Person,
    evaluate,
    rule_lines,
    rule_texts,
)
from thidua_docs.evaluation.selection import award_list, format_report, statutory_notes
from thidua_docs.schema import DanhGia, DotXet

METRICS = ["bb", "tn", "yt"]


def field(ma: str, metric: Any, quota: int, cap: int | None = None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"ma": ma, "ten": ma.upper(), "xep_hang_theo": metric, "so_luong": quota}
    if cap is not None:
        data["ca_nhan_toi_da"] = cap
    data.update(extra)
    return data


def rules(fields: list[dict[str, Any]] | None = None, **overrides: Any) -> DanhGia:
    """One group, three metrics (progress of BHXH bắt buộc, tự nguyện, BHYT), a late-payment
    criterion, four fields like the quarterly circular: toàn diện and one per metric."""
    group: dict[str, Any] = {
        "ma": "tinh",
        "ten": "BHXH tỉnh",
        "don_vi_goi": "BHXH tỉnh",
        "chi_so": [
            {"ma": "bb", "ten": "Tiến độ BHXH bắt buộc", "don_vi": "%"},
            {"ma": "tn", "ten": "Tiến độ BHXH tự nguyện", "don_vi": "%"},
            {"ma": "yt", "ten": "Tiến độ BHYT", "don_vi": "%"},
            {"ma": "late", "ten": "Tỷ lệ chậm đóng", "don_vi": "%"},
            {"ma": "target", "ten": "Chỉ tiêu chậm đóng", "don_vi": "%"},
            {"ma": "same", "ten": "Tăng so với cùng kỳ", "don_vi": "%"},
        ],
        "tieu_chi": [
            {
                "ma": "tien_do",
                "ten": "Tiến độ",
                "chi_so": "bb",
                "so_sanh": ">=",
                "nguong": {"q2": 45, "q3": 71.5, "q4": 100},
            },
        ],
        "linh_vuc": fields
        if fields is not None
        else [
            field("toan_dien", METRICS, 2, 5, ket_hop="tat_ca", thanh_tich="dẫn đầu toàn diện"),
            field("f_bb", "bb", 1, 3),
            field("f_tn", "tn", 1, 3),
            field("f_yt", "yt", 1, 3),
        ],
        "ca_nhan_toi_da": 5,
    }
    group.update(overrides.pop("group", {}))
    data: dict[str, Any] = {
        "ky": "q4",
        "hinh_thuc": "Giấy khen của Giám đốc",
        "thanh_tich": "xuất sắc",
        "nhom": [group],
    }
    rounds = [DotXet.model_validate(r) for r in overrides.pop("dot", [])]
    data.update(overrides)
    return DanhGia.model_validate(data).with_rounds(rounds)


def unit(name: str, bb: str, tn: str = "100", yt: str = "100", **more: str) -> Competitor:
    values = {"bb": bb, "tn": tn, "yt": yt, "late": "2", "target": "2.5", "same": "1", **more}
    return Competitor(name, {k: Decimal(v) for k, v in values.items()})


def chosen(evaluation: Evaluation, code: str) -> list[str]:
    result = next(f for f in evaluation.fields if f.field.ma == code)
    return [e.competitor.ten for e in result.selected]


def entries(evaluation: Evaluation, code: str) -> dict[str, Any]:
    result = next(f for f in evaluation.fields if f.field.ma == code)
    return {e.competitor.ten: e for e in result.entries}


# ------------------------------------------------------------------------ dẫn đầu, combined


def test_all_must_lead_ranks_by_the_weakest_standing_and_explains_it() -> None:
    competitors = [
        unit("A", "120", "101", "101"),  # first in bb, last in tn and yt: weakest standing 3
        unit("B", "110", "110", "110"),  # second everywhere: weakest standing 2
        unit("C", "105", "120", "120"),  # third in bb, first elsewhere: weakest standing 3
    ]
    one = [field("td", METRICS, 1, ket_hop="tat_ca")]
    result = evaluate(rules(one), {"tinh": competitors})
    assert chosen(result, "td") == ["B"]
    standing = entries(result, "td")
    assert standing["B"].reason == (
        "được chọn (hạng 1/1); tiến độ BHXH bắt buộc hạng 2, tiến độ BHXH tự nguyện hạng 2, "
        "tiến độ BHYT hạng 2; hạng thấp nhất 2, tổng thứ hạng 6"
    )
    # A and C share the weakest standing 3; the sum of standings separates them (C 5, A 7).
    assert (standing["C"].rank, standing["A"].rank) == (2, 3)
    assert standing["A"].reason.endswith("hạng thấp nhất 3, tổng thứ hạng 7")
    assert "hòa hạng" not in standing["A"].reason
    assert standing["B"].value == Decimal(2)


def test_lexicographic_takes_the_next_metric_only_on_equality() -> None:
    competitors = [unit("A", "110", "90"), unit("B", "110", "95"), unit("C", "105", "200")]
    one = [field("lx", ["bb", "tn"], 2, ket_hop="lan_luot")]
    result = evaluate(rules(one), {"tinh": competitors})
    assert chosen(result, "lx") == ["B", "A"]
    assert entries(result, "lx")["B"].reason == (
        "được chọn (hạng 1/2); tiến độ BHXH bắt buộc 110%; tiến độ BHXH tự nguyện 95%"
    )


def test_weighted_score_is_computed_exactly_and_shown() -> None:
    competitors = [unit("A", "110", "90", "100"), unit("B", "100", "100", "104")]
    weights = {"bb": "0.5", "tn": "0.3", "yt": "0.2"}
    one = [field("ts", METRICS, 1, ket_hop="trong_so", trong_so=weights)]
    result = evaluate(rules(one), {"tinh": competitors})
    # A: 55 + 27 + 20 = 102; B: 50 + 30 + 20,8 = 100,8
    assert chosen(result, "ts") == ["A"]
    assert entries(result, "ts")["A"].value == Decimal("102.0")
    assert entries(result, "ts")["B"].reason == (
        "ngoài chỉ tiêu số lượng (hạng 2/1); điểm tổng hợp 100,8 = "
        "0,5 × 100% + 0,3 × 100% + 0,2 × 104%"
    )


@pytest.mark.parametrize(
    ("extra", "announced"),
    [
        (
            {"ket_hop": "tat_ca"},
            "Lĩnh vực X: BHXH tỉnh dẫn đầu đồng thời trong các chỉ tiêu tiến độ BHXH bắt buộc, "
            "tiến độ BHXH tự nguyện và tiến độ BHYT (xếp theo thứ hạng thấp nhất của BHXH tỉnh "
            "trong các chỉ tiêu đó, bằng nhau thì theo tổng thứ hạng), lựa chọn tối đa 02 BHXH "
            "tỉnh.",
        ),
        (
            {"ket_hop": "lan_luot"},
            "Lĩnh vực X: BHXH tỉnh dẫn đầu theo tiến độ BHXH bắt buộc; nếu bằng nhau, theo tiến "
            "độ BHXH tự nguyện; nếu bằng nhau, theo tiến độ BHYT, lựa chọn tối đa 02 BHXH tỉnh.",
        ),
        (
            {"ket_hop": "trong_so", "trong_so": {"bb": "0.5", "tn": "0.25", "yt": "0.25"}},
            "Lĩnh vực X: BHXH tỉnh dẫn đầu theo điểm tổng hợp (0,5 × tiến độ BHXH bắt buộc + "
            "0,25 × tiến độ BHXH tự nguyện + 0,25 × tiến độ BHYT), lựa chọn tối đa 02 BHXH tỉnh.",
        ),
    ],
)
def test_each_combination_is_announced_in_its_own_words(
    extra: dict[str, Any], announced: str
) -> None:
    assert rule_texts(rules([field("x", METRICS, 2, **extra)]))["x"] == announced


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "xếp hạng theo nhiều chỉ số cần ket_hop"),
        ({"ket_hop": "trong_so", "trong_so": {"bb": 1}}, "thiếu: tn, yt"),
        ({"ket_hop": "tat_ca", "trong_so": {"bb": 1}}, "trong_so chỉ dùng với ket_hop: trong_so"),
    ],
)
def test_a_combination_must_be_declared_whole(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        rules([field("x", METRICS, 2, **extra)])


# ------------------------------------------------------------------------------- tolerances


@pytest.mark.parametrize(
    ("tolerance", "late", "passes", "announced", "explained"),
    [
        # relative: 2,5% × 1,05 = 2,625%
        ({"dung_sai": 5}, "2.62", True, "quá 5% của chỉ tiêu chậm đóng", ""),
        (
            {"dung_sai": 5},
            "2.63",
            False,
            "quá 5% của chỉ tiêu chậm đóng",
            # 2,625% is shown with two decimals as the figures are everywhere (half to even)
            "không đạt: tỷ lệ chậm đóng 2,63% > chỉ tiêu chậm đóng 2,5% với dung sai 5%, tức 2,62%",
        ),
        # absolute: 2,5% + 0,5 điểm phần trăm = 3%
        ({"dung_sai_diem": "0.5"}, "3", True, "chỉ tiêu chậm đóng quá 0,5 điểm phần trăm", ""),
        (
            {"dung_sai_diem": "0.5"},
            "3.01",
            False,
            "chỉ tiêu chậm đóng quá 0,5 điểm phần trăm",
            "không đạt: tỷ lệ chậm đóng 3,01% > chỉ tiêu chậm đóng 2,5% với dung sai 0,5 điểm "
            "phần trăm, tức 3%",
        ),
    ],
)
def test_relative_and_absolute_tolerances(
    tolerance: dict[str, Any], late: str, passes: bool, announced: str, explained: str
) -> None:
    criterion = {
        "ma": "cham_dong",
        "ten": "Chậm đóng",
        "chi_so": "late",
        "so_sanh": "<=",
        "so_voi": "target",
        **tolerance,
    }
    danh_gia = rules([field("f", "bb", 1, tieu_chi=["cham_dong"])], group={"tieu_chi": [criterion]})
    assert rule_texts(danh_gia)["cham_dong"] == f"Tỷ lệ chậm đóng không cao hơn {announced}."
    result = entries(evaluate(danh_gia, {"tinh": [unit("A", "100", late=late)]}), "f")["A"]
    assert result.criteria[0].passed is passes
    if explained:
        assert result.reason == explained


def test_relative_and_absolute_tolerance_cannot_both_be_given() -> None:
    criterion = {
        "ma": "c",
        "ten": "C",
        "chi_so": "late",
        "so_sanh": "<=",
        "so_voi": "target",
        "dung_sai": 5,
        "dung_sai_diem": 1,
    }
    with pytest.raises(ValidationError, match="chỉ ghi một trong hai"):
        rules(group={"tieu_chi": [criterion]})


# --------------------------------------------------------------------- individuals per field


def test_individuals_are_capped_by_the_field_that_awarded_their_collective() -> None:
    competitors = [unit("TD", "150", "150", "150"), unit("BB", "140", "90", "90")]
    people = [Person(f"Người {u} {i}", "", u, i) for u in ("TD", "BB") for i in range(1, 8)]
    danh_gia = rules(dot=[{"ma": "d", "ten": "Đ", "ky": "q4", "so_luong": {"toan_dien": 1}}])
    result = evaluate(danh_gia.for_round(danh_gia.dot[0]), {"tinh": competitors}, people)
    assert chosen(result, "toan_dien") == ["TD"] and chosen(result, "f_bb") == ["BB"]
    picked = {
        u: sum(1 for r in result.people if r.selected and r.person.don_vi == u)
        for u in ("TD", "BB")
    }
    assert picked == {"TD": 5, "BB": 3}
    refused = next(r for r in result.people if r.person.ho_ten == "Người BB 4")
    assert refused.reason == (
        "vượt số lượng tối đa 03 cá nhân/01 BHXH tỉnh được khen thưởng ở lĩnh vực F_BB"
    )
    assert rule_texts(rules())["tinh_ca_nhan"] == (
        "Mỗi BHXH tỉnh được khen thưởng ở lĩnh vực TOAN_DIEN lựa chọn tối đa 05 cá nhân; ở lĩnh "
        "vực F_BB, F_TN hoặc F_YT lựa chọn tối đa 03 cá nhân xuất sắc nhất để đề nghị tặng Giấy "
        "khen của Giám đốc kèm theo tiền thưởng theo quy định."
    )


# ---------------------------------------------------------------------------------- rounds


ROUNDS: list[dict[str, Any]] = [
    {
        "ma": "quy-2",
        "ten": "Quý II",
        "ky": "q2",
        "so_luong": {"toan_dien": 1, "f_bb": 1},
        "ca_nhan_toi_da": {"toan_dien": 2, "f_bb": 1},
    },
    {"ma": "ca-nam", "ten": "Cả năm", "ky": "q4"},
]


def test_a_round_applies_its_period_quotas_and_caps() -> None:
    danh_gia = rules(dot=ROUNDS)
    quarter = danh_gia.for_round(danh_gia.dot[0])
    assert quarter.ky == "q2" and quarter.dot == [danh_gia.dot[0]]
    assert [f.so_luong for f in quarter.nhom[0].linh_vuc] == [1, 1, 1, 1]
    assert [f.ca_nhan_toi_da for f in quarter.nhom[0].linh_vuc] == [2, 1, 3, 3]
    year = danh_gia.for_round(danh_gia.dot[1])
    assert [f.so_luong for f in year.nhom[0].linh_vuc] == [2, 1, 1, 1]
    # 46% passes at the end of quarter II (45%), not at year end (100%).
    competitors = [unit("A", "46", "46", "46")]
    assert chosen(evaluate(quarter, {"tinh": competitors}), "toan_dien") == ["A"]
    assert chosen(evaluate(year, {"tinh": competitors}), "toan_dien") == []


def test_the_circular_announces_each_rounds_quota() -> None:
    texts = rule_texts(rules(dot=ROUNDS))
    assert texts["toan_dien"].endswith(
        "lựa chọn tối đa 01 BHXH tỉnh (Quý II); 02 BHXH tỉnh (Cả năm)."
    )
    assert texts["f_tn"].endswith("lựa chọn tối đa 01 BHXH tỉnh.")  # the same in every round
    assert texts["tinh_tap_the"].startswith(
        "Lựa chọn tối đa 04 BHXH tỉnh (Quý II); 05 BHXH tỉnh (Cả năm) dẫn đầu"
    )


def test_round_codes_are_typed() -> None:
    with pytest.raises(ValidationError, match="mã đợt xét chỉ gồm"):
        rules(dot=[{**ROUNDS[0], "ma": "Quý 2"}])


# --------------------------------------------------------------------- counting and ties


def test_a_collective_of_two_fields_is_counted_once() -> None:
    danh_gia = rules([field("a", "bb", 2), field("b", "tn", 2)], group={"mot_linh_vuc": False})
    result = evaluate(danh_gia, {"tinh": [unit("A", "150", "150"), unit("B", "140", "140")]})
    assert len(result.awarded()) == 4  # four field slots
    assert [c.ten for c in result.collectives()] == ["A", "B"]
    listed = award_list(danh_gia.model_copy(update={"tien_thuong_tap_the": None}), result)
    assert [u["ten"] for u in listed[0]["tap_the"]] == ["A", "B"]


def test_a_tie_of_three_shares_its_rank_and_a_complete_tie_across_the_quota_goes_to_the_council() -> (
    None
):
    competitors = [unit("A", "130"), unit("Y", "120"), unit("X", "120"), unit("Z", "120")]
    danh_gia = rules([field("f", "bb", 2, uu_tien=[{"chi_so": "same", "mo_ta": "cùng kỳ"}])])
    result = evaluate(danh_gia, {"tinh": competitors})
    standing = entries(result, "f")
    assert chosen(result, "f") == ["A", "X"]  # by name among the three, deterministically
    for name in "XYZ":
        assert standing[name].rank == 2
        assert standing[name].reason.endswith(
            "hòa hạng 2 (3 BHXH tỉnh cùng hạng) ở mọi tiêu chí ưu tiên; xếp theo tên — "
            "Hội đồng Thi đua - Khen thưởng cần quyết định"
        )
    assert result.council == [
        "BHXH tỉnh — lĩnh vực F: 3 BHXH tỉnh hòa hoàn toàn ở hạng 2 (X, Y, Z), chỉ còn 1 suất "
        "trong chỉ tiêu; đã tạm xếp theo tên — Hội đồng Thi đua - Khen thưởng cần quyết định"
    ]
    assert "Cần Hội đồng Thi đua - Khen thưởng quyết định:" in format_report(result)


def test_a_complete_tie_inside_the_quota_needs_no_council() -> None:
    competitors = [unit("A", "130"), unit("Y", "120"), unit("X", "120")]
    result = evaluate(rules([field("f", "bb", 3)]), {"tinh": competitors})
    assert result.council == []


# ------------------------------------------------------------- award kinds and their money


def test_several_award_forms_in_one_evaluation() -> None:
    danh_gia = rules(
        [
            field(
                "td",
                "bb",
                1,
                hinh_thuc="Bằng khen của Bộ trưởng Bộ Tài chính",
                thanh_tich="toàn diện",
            ),
            field("tn", "tn", 1, tien_thuong={"co_dinh": 2000000}),
        ],
        hinh_thuc_ca_nhan="Giấy khen của Giám đốc",
        tien_thuong_ca_nhan={"co_dinh": 500000},
    )
    result = evaluate(
        danh_gia,
        {"tinh": [unit("A", "150", "90"), unit("B", "110", "140")]},
        [Person("An", "", "A", 1), Person("Bình", "", "B", 1)],
    )
    listed = award_list(danh_gia, result, dt.date(2026, 7, 20))
    assert [k["hinh_thuc"] for k in listed] == [
        "Giấy khen của Giám đốc",
        "Bằng khen của Bộ trưởng Bộ Tài chính",
    ]
    giay_khen, bang_khen = listed
    assert giay_khen["tap_the"] == [{"ten": "B", "tien_thuong": {"co_dinh": 2000000}}]
    assert giay_khen["tien_thuong_ca_nhan"] == {"co_dinh": 500000}
    assert [p["ho_ten"] for p in giay_khen["ca_nhan"]] == ["An", "Bình"]
    assert giay_khen["ca_nhan"][0]["thanh_tich"] == "toàn diện"  # the field of the unit
    assert bang_khen["tap_the"] == [{"ten": "A", "thanh_tich": "toàn diện"}]
    assert bang_khen["tien_thuong_tap_the"] == {"he_so": "3.0"}  # statutory: Bằng khen, tập thể
    assert rule_texts(danh_gia)["tinh_tap_the"] == (
        "Lựa chọn tối đa 02 BHXH tỉnh dẫn đầu để đề nghị khen thưởng: lĩnh vực TD: tặng Bằng "
        "khen của Bộ trưởng Bộ Tài chính kèm theo tiền thưởng theo quy định; lĩnh vực TN: tặng "
        "Giấy khen của Giám đốc kèm theo tiền thưởng 2.000.000 đồng."
    )
    assert rule_texts(danh_gia)["tinh_ca_nhan"].endswith(
        "đề nghị tặng Giấy khen của Giám đốc kèm theo tiền thưởng 500.000 đồng."
    )
    assert statutory_notes(danh_gia, result, dt.date(2026, 7, 20)) == [
        "Tiền thưởng tập thể được tặng Bằng khen của Bộ trưởng Bộ Tài chính: chiến dịch không "
        "ghi cách tính, áp dụng mức theo quy định: 3 × mức lương cơ sở (Bằng khen cấp bộ, ban, "
        "ngành, tỉnh; Nghị định số 152/2025/NĐ-CP, Điều 50)."
    ]


def test_a_form_without_money_and_without_a_statutory_amount_is_refused_by_evaluate() -> None:
    danh_gia = rules([field("f", "bb", 1)], hinh_thuc="Kỷ niệm chương Vì sự nghiệp")
    result = evaluate(danh_gia, {"tinh": [unit("A", "150")]})
    with pytest.raises(InputError, match="danh_gia › tien_thuong_tap_the: chiến dịch chưa ghi"):
        award_list(danh_gia, result)


# ------------------------------------------------------------------------------ properties

rows = st.lists(
    st.tuples(st.integers(30, 160), st.integers(30, 160), st.integers(30, 160), st.integers(0, 9)),
    min_size=1,
    max_size=25,
)
quotas = st.tuples(st.integers(1, 4), st.integers(1, 3), st.integers(0, 6), st.integers(0, 4))


@settings(max_examples=120, deadline=None)
@given(rows, quotas, st.sampled_from(["q2", "q3", "q4"]), st.booleans())
def test_quota_per_field_and_round_and_caps_per_field_never_exceeded(
    data: list[tuple[int, int, int, int]],
    quota: tuple[int, int, int, int],
    ky: str,
    one_field: bool,
) -> None:
    wide_quota, field_quota, wide_cap, field_cap = quota
    danh_gia = rules(
        dot=[
            {
                "ma": "dot",
                "ten": "Đợt",
                "ky": ky,
                "so_luong": {"toan_dien": wide_quota, "f_bb": field_quota, "f_tn": field_quota},
                "ca_nhan_toi_da": {"toan_dien": wide_cap, "f_bb": field_cap, "f_tn": field_cap},
            }
        ],
        group={"mot_linh_vuc": one_field},
    )
    applied = danh_gia.for_round(danh_gia.dot[0])
    competitors = [
        unit(f"U{i}", str(bb), str(tn), str(yt), same=str(same))
        for i, (bb, tn, yt, same) in enumerate(data)
    ]
    people = [
        Person(f"P{i}-{j}", "", c.ten, j) for i, c in enumerate(competitors) for j in range(8)
    ]
    result = evaluate(applied, {"tinh": competitors}, people)
    fields = {f.ma: f for f in applied.nhom[0].linh_vuc}
    awarded_in: dict[str, list[str]] = {}
    for outcome in result.fields:
        assert len(outcome.selected) <= fields[outcome.field.ma].so_luong
        for entry in outcome.selected:
            assert all(c.passed for c in entry.criteria)
            awarded_in.setdefault(entry.competitor.ten, []).append(outcome.field.ma)
    if one_field:
        assert all(len(v) == 1 for v in awarded_in.values())
    for competitor in competitors:
        picked = sum(1 for r in result.people if r.selected and r.person.don_vi == competitor.ten)
        if competitor.ten not in awarded_in:
            assert picked == 0
            continue
        caps = [fields[f].ca_nhan_toi_da for f in awarded_in[competitor.ten]]
        limit = max(c if c is not None else 5 for c in caps)
        assert picked <= limit
        assert picked == min(limit, 8)  # up to the cap, all proposed are taken in order


def test_a_threshold_by_period_may_be_announced_one_line_per_period() -> None:
    criterion = {
        "ma": "tien_do",
        "ten": "Tiến độ",
        "chi_so": "bb",
        "so_sanh": ">=",
        "nguong": {"q2": 45, "q3": 71.5, "q4": 100},
        "tung_ky": True,
    }
    danh_gia = rules(group={"tieu_chi": [criterion]})
    assert rule_lines(danh_gia)["tien_do"] == [
        "Vào cuối quý II: tiến độ BHXH bắt buộc thấp nhất đạt 45%;",
        "Vào cuối quý III: tiến độ BHXH bắt buộc thấp nhất đạt 71,5%;",
        "Vào cuối quý IV: tiến độ BHXH bắt buộc thấp nhất đạt 100%.",
    ]
    # the one-line wording (and every other rule) is unchanged
    assert rule_texts(danh_gia)["tien_do"] == (
        "Tiến độ BHXH bắt buộc thấp nhất đạt 45% vào cuối quý II, 71,5% vào cuối quý III, 100% "
        "vào cuối quý IV."
    )
    assert rule_lines(danh_gia)["f_bb"] == [rule_texts(danh_gia)["f_bb"]]
    with pytest.raises(ValidationError, match="tung_ky chỉ dùng với ngưỡng theo kỳ"):
        rules(group={"tieu_chi": [{**criterion, "nguong": 100}]})
