"""Eligibility as data, on a table of cases taken from the Law's articles (Luật Thi đua, khen
thưởng số 06/2022/QH15, Điều 74 khoản 1 điểm d, verified; Điều 22, 23; Nghị định 152/2025 Điều 4,
marked unverified in the data), and an agency's own rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from thidua_docs.errors import SpecError
from thidua_docs.register.eligibility import evaluate, load_rules
from thidua_docs.register.store import AwardRow, Discipline, History, Initiative, SubjectRow

D = dt.date
CSTD = "Chiến sĩ thi đua cơ sở"
LDTT = "Lao động tiên tiến"
BK_TGD = "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam"
BK_BO = "Bằng khen của Bộ trưởng Bộ Tài chính"
CSTD_BO = "Chiến sĩ thi đua cấp bộ"
ON = D(2026, 1, 10)  # the day of the question
HTXS = "hoan_thanh_xuat_sac"
DIEU_74 = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 74, khoản 1, điểm d"
DIEU_22 = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22"
ND152 = "Nghị định 152/2025/NĐ-CP, Điều 4"


def award(nam: int, hinh_thuc: str) -> AwardRow:
    return AwardRow(
        nam,
        hinh_thuc,
        "cong_trang",
        "",
        0,
        f"{nam}/QĐ",
        D(nam + 1, 1, 15),
        "BHXH",
        "",
        hinh_thuc,
        nam + 1,
        1,
        "Phòng Thu",
    )


def person(
    titles: dict[int, str] | None = None,
    ratings: dict[int, str] | None = None,
    initiatives: list[Initiative] | None = None,
    discipline: list[Discipline] | None = None,
    tap_the: bool = False,
) -> History:
    return History(
        SubjectRow("CB1", tap_the, "Nguyễn Văn An", "Phòng Thu", ""),
        [award(y, t) for y, t in sorted((titles or {}).items())],
        ratings or {},
        initiatives or [],
        discipline or [],
    )


SK = Initiative("Thu qua ngân hàng", 2025, "co_so", None)
SK2 = Initiative("Đối soát tự động", 2024, "co_so", None)
SK_USED = Initiative("Đối soát tự động", 2024, "co_so", f"{BK_TGD} năm 2024")
SK_BO = Initiative("Phần mềm quản lý thu", 2024, "bo", None)

CASES = [
    # Điều 74.1.d, first branch: two consecutive Chiến sĩ thi đua cơ sở
    ("bk: hai năm CSTĐCS liên tục", person({2024: CSTD, 2025: CSTD}), BK_TGD, "du", "đủ điều kiện"),
    (
        "bk: also a minister's Bằng khen",
        person({2024: CSTD, 2025: CSTD}),
        BK_BO,
        "du",
        "đủ điều kiện",
    ),
    (
        "bk: CSTĐCS 2022 and 2024, none in 2025",
        person({2022: CSTD, 2024: CSTD}),
        BK_TGD,
        "chua_du",
        "chưa đủ: thiếu năm 2025 Chiến sĩ thi đua cơ sở (2 năm liên tục)",
    ),
    (
        "bk: CSTĐCS 2023 and 2025: 2026 would make two running",
        person({2023: CSTD, 2025: CSTD}),
        BK_TGD,
        "sap_du",
        "sắp đủ (năm sau): thiếu năm 2024 Chiến sĩ thi đua cơ sở (2 năm liên tục); đã có 1 năm liên tục "
        "Chiến sĩ thi đua cơ sở đến năm 2025, năm 2026 đạt thì đủ 2 năm",
    ),
    # second branch: ≥ 2 consecutive years hoàn thành xuất sắc with 2 initiatives in that time
    (
        "bk: HTXS 2024–2025 and two initiatives",
        person(ratings={2024: HTXS, 2025: HTXS}, initiatives=[SK, SK2]),
        BK_TGD,
        "du",
        "đủ điều kiện",
    ),
    (
        "bk: HTXS 2024–2025, one initiative",
        person(ratings={2024: HTXS, 2025: HTXS}, initiatives=[SK]),
        BK_TGD,
        "chua_du",
        "cần 2 sáng kiến được công nhận cấp cơ sở trong 2024–2025, có 1 chưa dùng",
    ),
    (
        "bk: the second initiative was used for an earlier award",
        person(ratings={2024: HTXS, 2025: HTXS}, initiatives=[SK, SK_USED]),
        BK_TGD,
        "chua_du",
        f"sáng kiến “Đối soát tự động” đã dùng cho {BK_TGD} năm 2024",
    ),
    (
        "bk: 2025 not HTXS",
        person(ratings={2024: HTXS, 2025: "hoan_thanh_tot"}, initiatives=[SK, SK2]),
        BK_TGD,
        "chua_du",
        "thiếu năm 2025 hoàn thành xuất sắc nhiệm vụ (2 năm liên tục)",
    ),
    # Điều 22: three consecutive Chiến sĩ thi đua cơ sở and an initiative of bộ level
    (
        "cstđ bộ: three CSTĐCS and a bộ initiative",
        person({2023: CSTD, 2024: CSTD, 2025: CSTD}, initiatives=[SK_BO]),
        CSTD_BO,
        "du",
        "đủ điều kiện",
    ),
    (
        "cstđ bộ: a cơ sở initiative is not enough",
        person({2023: CSTD, 2024: CSTD, 2025: CSTD}, initiatives=[SK]),
        CSTD_BO,
        "chua_du",
        "cần 1 sáng kiến được công nhận cấp bộ, ngành, tỉnh trong 2023–2025, có 0 chưa dùng",
    ),
    (
        "cstđ bộ: two CSTĐCS",
        person({2024: CSTD, 2025: CSTD}, initiatives=[SK_BO]),
        CSTD_BO,
        "sap_du",
        "thiếu năm 2023 Chiến sĩ thi đua cơ sở (3 năm liên tục)",
    ),
    (
        "cstđ toàn quốc: two cấp bộ titles, however spelt, and a national initiative",
        person(
            {2024: "Chiến sĩ thi đua cấp bộ", 2025: "Chiến sĩ thi đua Bộ, ngành, tỉnh"},
            initiatives=[Initiative("Cổng giao dịch điện tử", 2025, "toan_quoc", None)],
        ),
        "Chiến sĩ thi đua toàn quốc",
        "du",
        "đủ điều kiện",
    ),
    # Chiến sĩ thi đua cơ sở: Lao động tiên tiến and an initiative (Điều 23; HTXS is no substitute)
    (
        "cstđcs: LĐTT and an initiative",
        person({2025: LDTT}, initiatives=[SK]),
        CSTD,
        "du",
        "đủ điều kiện",
    ),
    (
        "cstđcs: LĐTT and HTXS, no initiative",
        person({2025: LDTT}, ratings={2025: HTXS}),
        CSTD,
        "chua_du",
        "cần 1 sáng kiến được công nhận cấp cơ sở trong năm 2025, có 0 chưa dùng",
    ),
    (
        "cstđcs: no LĐTT",
        person(initiatives=[SK]),
        CSTD,
        "chua_du",
        "thiếu năm 2025 Lao động tiên tiến",
    ),
    # Nghị định 152/2025, Điều 4: no award during a discipline period
    (
        "kỷ luật đang chịu",
        person(
            {2024: CSTD, 2025: CSTD},
            discipline=[Discipline("Khiển trách", D(2025, 6, 1), D(2026, 5, 31))],
        ),
        BK_TGD,
        "ky_luat",
        "đang trong thời gian kỷ luật (Khiển trách, 01/06/2025–31/05/2026)",
    ),
    (
        "kỷ luật đã hết",
        person(
            {2024: CSTD, 2025: CSTD},
            discipline=[Discipline("Khiển trách", D(2024, 1, 1), D(2024, 12, 31))],
        ),
        BK_TGD,
        "du",
        "đủ điều kiện",
    ),
    # a collective: the individual rule does not apply to it, the collectives' rule does
    (
        "tập thể: bk, its own ratings, two years HTXS",
        person(ratings={2024: HTXS, 2025: HTXS}, tap_the=True),
        BK_TGD,
        "du",
        "đủ điều kiện",
    ),
    (
        "tập thể: bk, individuals' titles do not count for it",
        person({2024: CSTD, 2025: CSTD}, ratings={2025: HTXS}, tap_the=True),
        BK_TGD,
        "sap_du",
        "thiếu năm 2024 hoàn thành xuất sắc nhiệm vụ (2 năm liên tục)",
    ),
    # Điều 27.1.a: Tập thể lao động xuất sắc, hoàn thành xuất sắc nhiệm vụ in the year
    (
        "tập thể lao động xuất sắc: HTXS",
        person(ratings={2025: HTXS}, tap_the=True),
        "Tập thể lao động xuất sắc",
        "du",
        "đủ điều kiện",
    ),
    (
        "tập thể lao động xuất sắc: only hoàn thành tốt",
        person(ratings={2025: "hoan_thanh_tot"}, tap_the=True),
        "Tập thể Lao động xuất sắc",
        "chua_du",
        "thiếu năm 2025 hoàn thành xuất sắc nhiệm vụ",
    ),
    (
        "a form without a cross-year rule",
        person(),
        "Giấy khen của Giám đốc",
        "khong_co_quy_tac",
        "không có quy tắc",
    ),
]


@pytest.mark.parametrize(
    ("case", "history", "form", "verdict", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_eligibility_table(
    case: str, history: History, form: str, verdict: str, words: str
) -> None:
    answer = evaluate(load_rules(), history, form, 2025, ON)
    assert answer.ket_luan == verdict, answer.text
    assert words in answer.text, answer.text


def test_a_campaigns_award_is_not_held_to_the_yearly_conditions() -> None:
    """Điều 74.1.d is the condition of a công trạng (yearly) Bằng khen; an award for a campaign
    (đợt, chuyên đề) or đột xuất falls under other points of the article: no rule to apply."""
    newcomer = person({2025: CSTD})
    for kind in ("chuyen_de", "dot_xuat"):
        answer = evaluate(load_rules(), newcomer, BK_TGD, 2025, ON, kind)
        assert answer.ket_luan == "khong_co_quy_tac", (kind, answer.text)
    assert evaluate(load_rules(), newcomer, BK_TGD, 2025, ON).ket_luan == "sap_du"
    # a title (danh hiệu thi đua) keeps its conditions whatever words its dossier uses
    title = evaluate(load_rules(), person({2025: LDTT}), CSTD, 2025, ON, "chuyen_de")
    assert title.ket_luan == "chua_du"


def test_answers_carry_their_citation_and_say_what_is_unverified() -> None:
    rules = load_rules()
    ok = evaluate(rules, person({2024: CSTD, 2025: CSTD}), BK_TGD, 2025, ON)
    assert ok.can_cu == [DIEU_74] and ok.chua_doi_chieu == []
    bo = evaluate(rules, person({2025: CSTD}), CSTD_BO, 2025, ON)
    assert bo.can_cu == [DIEU_22] and bo.chua_doi_chieu == [DIEU_22]
    barred = evaluate(
        rules,
        person(discipline=[Discipline("Cảnh cáo", D(2025, 1, 1), D(2026, 12, 31))]),
        BK_TGD,
        2025,
        ON,
    )
    assert barred.can_cu == [ND152] and barred.chua_doi_chieu == [ND152]


def test_rules_are_dated() -> None:
    """The Law of 2022 is in force from 01/01/2024: a question about an earlier day finds no rule."""
    answer = evaluate(load_rules(), person({2021: CSTD, 2022: CSTD}), BK_TGD, 2022, D(2023, 1, 10))
    assert answer.ket_luan == "khong_co_quy_tac"
    # the decree's discipline rule applies from 01/07/2025
    early = evaluate(
        load_rules(),
        person(
            {2023: CSTD, 2024: CSTD},
            discipline=[Discipline("Khiển trách", D(2025, 1, 1), D(2025, 12, 31))],
        ),
        BK_TGD,
        2024,
        D(2025, 3, 1),
    )
    assert early.ket_luan == "du"


def test_every_shipped_rule_is_cited_and_marked() -> None:
    rules = load_rules()
    for rule in rules.rules:
        assert "Điều" in rule.can_cu and rule.nguon, rule.ma
    for general in rules.general:
        assert "Điều" in general.can_cu and general.nguon, general.ma


AGENCY = """\
quy_tac:
  - ma: giay_khen_giam_doc
    ten: Giấy khen của Giám đốc
    ap_dung_cho: ["giay khen cua giam doc"]
    hieu_luc: {tu: 2024-01-01}
    can_cu: Quy chế thi đua, khen thưởng của cơ quan, Điều 12
    da_doi_chieu: true
    mot_trong:
      - - {xep_loai: hoan_thanh_tot, lien_tuc: 1}
  - ma: bang_khen_bo_ca_nhan
    ten: Bằng khen (quy chế của ngành, thay quy tắc đi kèm)
    ap_dung_cho: ["bang khen cua tong giam doc"]
    hieu_luc: {tu: 2024-01-01}
    can_cu: Quy chế của ngành, Điều 8
    da_doi_chieu: true
    mot_trong:
      - - {danh_hieu: chien si thi dua co so, lien_tuc: 3}
"""


def test_an_agency_adds_and_replaces_rules(tmp_path: Path) -> None:
    own = tmp_path / "dieu-kien.yaml"
    own.write_text(AGENCY, encoding="utf-8")
    rules = load_rules(own)
    gk = evaluate(
        rules,
        person(ratings={2025: "hoan_thanh_tot"}),
        "Giấy khen của Giám đốc BHXH tỉnh",
        2025,
        ON,
    )
    assert gk.ket_luan == "du" and gk.can_cu == [
        "Quy chế thi đua, khen thưởng của cơ quan, Điều 12"
    ]
    bk = evaluate(rules, person({2024: CSTD, 2025: CSTD}), BK_TGD, 2025, ON)
    assert bk.ket_luan == "sap_du" and bk.can_cu == ["Quy chế của ngành, Điều 8"]
    # the replaced rule no longer names a minister's Bằng khen: the agency's rule decides alone
    bo = evaluate(rules, person({2024: CSTD, 2025: CSTD}), BK_BO, 2025, ON)
    assert bo.ket_luan == "khong_co_quy_tac"


def test_a_bad_agency_rule_is_located(tmp_path: Path) -> None:
    own = tmp_path / "dieu-kien.yaml"
    own.write_text(
        AGENCY.replace("{xep_loai: hoan_thanh_tot, lien_tuc: 1}", "{xep_loai: gioi}"),
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as err:
        load_rules(own)
    assert f"{own}:9" in str(err.value)
