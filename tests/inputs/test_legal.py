"""Legal bases by date: the shipped table, what a decision of a given day cites, and the located
error for a hand-written basis not in force on the decision's day."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from thidua_docs.api import dossier, evaluate
from thidua_docs.errors import SpecError
from thidua_docs.formatting import NgayDuThao
from thidua_docs.inputs import legal
from thidua_docs.inputs.campaign import load_campaign
from thidua_docs.inputs.dossier import load_dossier
from thidua_docs.schema.agency import HoSoCoQuan, VanBanCanCu

from ..helpers import CAMPAIGNS, nonempty_lines

LAW_2003 = "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003"
LAW_2005 = (
    "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005"
)
LAW_2013 = (
    "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013"
)
LAW_2022 = "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
ND_91 = (
    "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi "
    "hành một số điều của Luật Thi đua, khen thưởng"
)
ND_98 = (
    "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi "
    "hành một số điều của Luật Thi đua, khen thưởng"
)
ND_152 = (
    "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số "
    "điều của Luật Thi đua, khen thưởng"
)


def test_every_shipped_text_says_where_its_dates_were_checked() -> None:
    texts = legal.shipped_legal_texts()
    assert {t.so for t in texts} >= {
        "15/2003/QH11", "47/2005/QH11", "39/2013/QH13", "06/2022/QH15",
        "91/2017/NĐ-CP", "98/2023/NĐ-CP", "152/2025/NĐ-CP",
    }  # fmt: skip
    for t in texts:
        assert (t.nguon or "").startswith("https://") or not t.da_xac_minh, t.so
        assert t.da_xac_minh or "CHƯA XÁC MINH" in (t.ghi_chu or ""), t.so


@pytest.mark.parametrize(
    ("on", "cited"),
    [
        (dt.date(2004, 6, 30), []),  # before the 2003 Law took effect
        (dt.date(2004, 7, 1), [LAW_2003]),
        (dt.date(2005, 6, 27), [LAW_2003, LAW_2005]),
        (dt.date(2017, 9, 30), [LAW_2003, LAW_2005, LAW_2013]),  # 91/2017 from 01/10/2017
        (dt.date(2018, 1, 15), [LAW_2003, LAW_2005, LAW_2013, ND_91]),  # the 2017 example
        (dt.date(2023, 12, 31), [LAW_2003, LAW_2005, LAW_2013, ND_91]),
        (dt.date(2024, 1, 1), [LAW_2022, ND_98]),
        (dt.date(2025, 1, 15), [LAW_2022, ND_98]),  # the 2024 example
        (dt.date(2025, 6, 30), [LAW_2022, ND_98]),
        (dt.date(2025, 7, 1), [LAW_2022, ND_152]),
        (dt.date(2027, 1, 15), [LAW_2022, ND_152]),
    ],
    ids=str,
)
def test_a_decision_cites_the_texts_in_force_on_its_day(on: dt.date, cited: list[str]) -> None:
    assert [legal.citation(t) for t in legal.in_force(legal.shipped_legal_texts(), on)] == cited


@pytest.mark.parametrize(
    ("line", "on", "why"),
    [
        (
            "Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều",
            dt.date(2025, 1, 15),
            "Nghị định số 152/2025/NĐ-CP có hiệu lực từ ngày 01/07/2025, sau ngày quyết định "
            "15/01/2025: quyết định không căn cứ văn bản chưa có hiệu lực",
        ),
        (
            "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            dt.date(2018, 1, 15),
            "Luật Thi đua, khen thưởng số 06/2022/QH15 có hiệu lực từ ngày 01/01/2024, sau ngày "
            "quyết định 15/01/2018",
        ),
        (
            "Luật Thi đua, khen thưởng ngày 26/11/2003",
            dt.date(2025, 1, 15),
            "Luật Thi đua, khen thưởng số 15/2003/QH11 chỉ có hiệu lực đến hết ngày 31/12/2023, "
            "trước ngày quyết định 15/01/2025: quyết định không căn cứ văn bản đã hết hiệu lực",
        ),
        (
            "Căn cứ Nghị định số 91/2017/NĐ-CP",
            dt.date(2024, 3, 1),
            "Nghị định số 91/2017/NĐ-CP chỉ có hiệu lực đến hết ngày 31/12/2023",
        ),
        ("Nghị định số 98/2023/NĐ-CP ngày 31/12/2023", dt.date(2025, 1, 15), None),
        ("Quy chế Thi đua, khen thưởng ngành Bảo hiểm xã hội Việt Nam", dt.date(2018, 1, 1), None),
    ],
    ids=["152 too early", "2022 Law in 2018", "2003 Law in 2025", "91 expired", "98 ok", "own"],
)
def test_a_hand_written_basis_is_checked_by_date(line: str, on: dt.date, why: str | None) -> None:
    profile = _profile()
    found = legal.hand_written_problems(profile, [line], on)
    if why is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0][0] == 0 and found[0][1].startswith(why), found


def _profile(**extra: object) -> HoSoCoQuan:
    return HoSoCoQuan.model_validate(
        {
            "ten_co_quan": "Bảo hiểm xã hội Việt Nam",
            "ten_viet_tat": "BHXH",
            "ten_goi_tat": "BHXH Việt Nam",
            "dia_danh": "Hà Nội",
            "nguoi_ky": {"giam_doc": {"chuc_vu": "Giám đốc", "ho_ten": "Trần Thị B"}},
            **extra,
        }
    )


QUY_CHE = {
    "loai": "Quyết định",
    "so": "123/QĐ-BHXH",
    "ten": "ban hành Quy chế Thi đua, khen thưởng ngành Bảo hiểm xã hội Việt Nam",
    "ngay_ban_hanh": "2024-03-01",
    "co_quan_ban_hanh": "Tổng Giám đốc Bảo hiểm xã hội Việt Nam",
    "hieu_luc_tu": "2024-03-01",
    "hieu_luc_den": "2025-02-28",
}


@pytest.mark.parametrize(
    ("on", "written", "cited"),
    [
        (dt.date(2024, 2, 29), [], [LAW_2022, ND_98]),
        (
            dt.date(2024, 3, 1),
            [],
            [
                LAW_2022,
                ND_98,
                "Quyết định số 123/QĐ-BHXH ngày 01 tháng 3 năm 2024 của Tổng Giám đốc Bảo hiểm xã "
                "hội Việt Nam ban hành Quy chế Thi đua, khen thưởng ngành Bảo hiểm xã hội Việt Nam",
            ],
        ),
        (dt.date(2025, 3, 1), [], [LAW_2022, ND_98]),  # the agency's regulation has expired
        # a hand-written line naming a table text gives way to its full citation
        (
            dt.date(2025, 8, 1),
            ["Nghị định số 152/2025/NĐ-CP", "Kế hoạch số 5"],
            [
                LAW_2022,
                ND_152,
                "Kế hoạch số 5",
            ],
        ),
    ],
    ids=str,
)
def test_the_agencys_own_regulations_are_cited_while_in_force(
    on: dt.date, written: list[str], cited: list[str]
) -> None:
    profile = _profile(quy_dinh_co_quan=[QUY_CHE])
    assert legal.decision_bases(profile, written, on) == cited


@pytest.mark.parametrize(
    ("issued", "money_day", "day", "problem"),
    [
        (dt.date(2025, 1, 15), None, dt.date(2025, 1, 15), None),
        (NgayDuThao(2026), None, dt.date(2026, 1, 1), None),
        (NgayDuThao(2025), dt.date(2025, 8, 1), dt.date(2025, 8, 1), None),
        (NgayDuThao(2025), None, None, "văn bản căn cứ thay đổi (ngày 01/03/2025, 01/07/2025)"),
        (NgayDuThao(2024), None, None, "văn bản căn cứ thay đổi (ngày 01/03/2024)"),
    ],
    ids=["dated", "draft, nothing changes", "draft with its money day", "draft 2025", "draft 2024"],
)
def test_the_day_a_draft_decision_cites(
    issued: dt.date | NgayDuThao,
    money_day: dt.date | None,
    day: dt.date | None,
    problem: str | None,
) -> None:
    """A draft dated by its year alone cites the texts of that year, unless they change in it
    (here: the Decree of 2025 and the agency's regulation, in force 01/3/2024 – 28/02/2025)."""
    texts = [*legal.shipped_legal_texts(), VanBanCanCu.model_validate(QUY_CHE)]
    chosen = legal.citing_day(issued, money_day, texts)
    assert chosen.day == day
    if problem is None:
        assert chosen.problem is None
    else:
        assert problem in (chosen.problem or ""), chosen.problem


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ({"hieu_luc_tu": "2003-01-01"}, "hieu_luc_tu (ngày có hiệu lực) không thể trước"),
        ({"hieu_luc_den": "2004-01-01"}, "hieu_luc_den (ngày cuối còn hiệu lực) không thể trước"),
    ],
    ids=["in force before issued", "ends before it starts"],
)
def test_a_text_with_impossible_dates_is_refused(row: dict[str, str], why: str) -> None:
    base = {
        "loai": "Luật",
        "so": "15/2003/QH11",
        "ten": "Luật Thi đua, khen thưởng",
        "ngay_ban_hanh": "2003-11-26",
        "co_quan_ban_hanh": "Quốc hội",
        "hieu_luc_tu": "2004-07-01",
    }
    with pytest.raises(ValueError, match=why.replace("(", r"\(").replace(")", r"\)")):
        VanBanCanCu.model_validate({**base, **row})


# ------------------------------------------------------------------ through the examples


def test_the_2024_example_cites_the_law_of_2022_and_decree_98(tmp_path: Path) -> None:
    dossier(campaign=CAMPAIGNS / "bhxh-2024-nuoc-rut", out=tmp_path, only=["quyet_dinh"])
    lines = nonempty_lines(tmp_path / "quyet-dinh.docx")
    bases = [line for line in lines if line.startswith(("Căn cứ", "Theo đề nghị"))]
    assert bases == [
        f"Căn cứ {LAW_2022};",
        f"Căn cứ {ND_98};",
        "Căn cứ Quy chế Thi đua, khen thưởng ngành Bảo hiểm xã hội Việt Nam;",
        "Theo đề nghị của Vụ trưởng Vụ Thi đua - Khen thưởng.",
    ]
    assert not any("152/2025" in line for line in lines)


def test_the_2017_example_cites_the_law_of_2003_as_amended_and_decree_91(tmp_path: Path) -> None:
    root = tmp_path / "campaigns"
    shutil.copytree(CAMPAIGNS / "co-quan", root / "co-quan")
    shutil.copytree(CAMPAIGNS / "bhxh-2017-giam-no", root / "bhxh-2017-giam-no")
    folder = root / "bhxh-2017-giam-no"
    evaluate(campaign=folder)
    dossier(campaign=folder, out=tmp_path / "ho-so", only=["quyet_dinh"])
    lines = nonempty_lines(tmp_path / "ho-so" / "quyet-dinh.docx")
    bases = [line for line in lines if line.startswith("Căn cứ")]
    assert bases == [
        f"Căn cứ {LAW_2003};",
        f"Căn cứ {LAW_2005};",
        f"Căn cứ {LAW_2013};",
        f"Căn cứ {ND_91};",
        "Căn cứ Quy chế Thi đua, khen thưởng ngành Bảo hiểm xã hội Việt Nam;",
    ]
    assert not any("2022" in line or "98/2023" in line for line in bases)


PROFILE_2024 = (CAMPAIGNS / "co-quan" / "bhxh-viet-nam-2024.yaml").read_text(encoding="utf-8")
OWN_LINE = "  - Quy chế Thi đua, khen thưởng ngành Bảo hiểm xã hội Việt Nam\n"


@pytest.mark.parametrize(
    ("where", "line", "expected"),
    [
        (
            "profile",
            "  - Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết\n",
            "can_cu_khen_thuong › mục 2: Nghị định số 152/2025/NĐ-CP có hiệu lực từ ngày "
            "01/07/2025, sau ngày quyết định 15/01/2025",
        ),
        (
            "dossier",
            "  can_cu:\n    - Nghị định số 91/2017/NĐ-CP\n",
            "quyet_dinh › can_cu › mục 1: Nghị định số 91/2017/NĐ-CP chỉ có hiệu lực đến hết "
            "ngày 31/12/2023, trước ngày quyết định 15/01/2025",
        ),
    ],
    ids=["old profile citing 152/2025 in January 2025", "dossier citing an expired decree"],
)
def test_a_basis_not_in_force_is_a_located_error(
    tmp_path: Path, where: str, line: str, expected: str
) -> None:
    root = tmp_path / "campaigns"
    shutil.copytree(CAMPAIGNS / "co-quan", root / "co-quan")
    shutil.copytree(CAMPAIGNS / "bhxh-2024-nuoc-rut", root / "bhxh-2024-nuoc-rut")
    folder = root / "bhxh-2024-nuoc-rut"
    if where == "profile":
        target = root / "co-quan" / "bhxh-viet-nam-2024.yaml"
        target.write_text(PROFILE_2024.replace(OWN_LINE, OWN_LINE + line), encoding="utf-8")
    else:
        target = folder / "khen-thuong.yaml"
        text = target.read_text(encoding="utf-8")
        anchor = "  theo_de_nghi: Vụ trưởng Vụ Thi đua - Khen thưởng\n"
        target.write_text(text.replace(anchor, anchor + line), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_dossier(load_campaign(folder))
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"{target}:") and expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            "  - loai: Quyết định\n    so: 123/QĐ-BHXH\n    ten: ban hành Quy chế\n"
            "    ngay_ban_hanh: 2024-03-01\n    co_quan_ban_hanh: Tổng Giám đốc\n",
            ":54: quy_dinh_co_quan › mục 1 › hieu_luc_tu: thiếu mục bắt buộc",
        ),
        (
            "  - loai: Quyết định\n    so: 123/QĐ-BHXH\n    ten: ban hành Quy chế\n"
            "    ngay_ban_hanh: 2024-03-01\n    co_quan_ban_hanh: Tổng Giám đốc\n"
            "    hieu_luc_tu: 2024-02-30\n",
            ":59: quy_dinh_co_quan › mục 1 › hieu_luc_tu: ngày 30/02/2024 không có trong lịch",
        ),
        (
            "  - loai: Quyết định\n    so: 123/QĐ-BHXH\n    ten: ban hành Quy chế\n"
            "    ngay_ban_hanh: 2024-03-01\n    co_quan_ban_hanh: Tổng Giám đốc\n"
            "    hieu_luc_tu: 2024-01-01\n",
            ":54: quy_dinh_co_quan › mục 1: hieu_luc_tu (ngày có hiệu lực) không thể trước "
            "ngay_ban_hanh",
        ),
    ],
    ids=["no first day", "impossible day", "in force before issued"],
)
def test_a_malformed_regulation_of_the_agency_is_located(
    tmp_path: Path, item: str, expected: str
) -> None:
    root = tmp_path / "campaigns"
    shutil.copytree(CAMPAIGNS / "co-quan", root / "co-quan")
    shutil.copytree(CAMPAIGNS / "bhxh-2024-nuoc-rut", root / "bhxh-2024-nuoc-rut")
    target = root / "co-quan" / "bhxh-viet-nam-2024.yaml"
    anchor = "can_cu_khen_thuong:\n"
    text = PROFILE_2024.replace(anchor, "quy_dinh_co_quan:\n" + item + anchor)
    target.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_campaign(root / "bhxh-2024-nuoc-rut")
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"{target}{expected}") for p in problems), problems
