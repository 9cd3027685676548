"""Quyết định khen thưởng (Mẫu 1.2), with the Danh sách it attaches."""

from __future__ import annotations

from typing import Any

from thidua_docs.documents.common import (
    agency_context,
    award_context,
    can_cu_lines,
    counted,
    noi_nhan_lines,
    signer,
    so_ky_hieu,
)
from thidua_docs.documents.kinds.danh_sach import danh_sach_job
from thidua_docs.documents.registry import DocumentKind, Examples, Job, Sources
from thidua_docs.formatting import bang_chu, tien
from thidua_docs.inputs import legal
from thidua_docs.inputs.campaign import Campaign
from thidua_docs.inputs.dossier import AwardDossier


def _decision_articles(award: AwardDossier, dieu_2: str | None, dieu_3: str) -> list[str]:
    dossier = award.dossier
    first = []
    for g in dossier.groups:
        first.append(
            f"Tặng {g.hinh_thuc} cho {counted(len(g.tap_the), len(g.ca_nhan))} (có danh sách "
            "kèm theo) "
            f"đã có thành tích: {g.thanh_tich}."
        )
    money = (
        f"Tổng số tiền thưởng là {tien(dossier.tong_tien)} "
        f"(Bằng chữ: {bang_chu(dossier.tong_tien)}), mức thưởng của từng tập thể, cá nhân "
        "theo danh sách kèm theo."
    )
    second = f"{money} {dieu_2}" if dieu_2 else money
    return [" ".join(first), second, dieu_3]


def legal_bases(campaign: Campaign, award: AwardDossier) -> list[str]:
    """The texts the decision cites: those in force on its date (thidua_docs.inputs.legal), then
    the lines written in the profile and the dossier that name no dated text."""
    co_quan, quyet_dinh = campaign.co_quan, award.ho_so.quyet_dinh
    if quyet_dinh is None:
        raise ValueError("legal_bases needs a dossier with a quyết định")
    written = [*co_quan.can_cu_khen_thuong, *quyet_dinh.can_cu]
    chosen = legal.citing_day(
        quyet_dinh.ngay, quyet_dinh.ngay_tinh_tien, legal.legal_texts(co_quan)
    )
    if chosen.day is None:  # load_dossier reports it; a context built without it cites as written
        return written
    return legal.decision_bases(co_quan, written, chosen.day)


def quyet_dinh_context(campaign: Campaign, award: AwardDossier) -> dict[str, Any]:
    co_quan, quyet_dinh = campaign.co_quan, award.ho_so.quyet_dinh
    if quyet_dinh is None:
        raise ValueError("quyet_dinh_context needs a dossier with a quyết định")
    ky_hieu = f"QĐ-{co_quan.ten_viet_tat}"
    return {
        "co_quan": agency_context(co_quan),
        "khen_thuong": award_context(award.dossier),
        "van_ban": {
            "so_ky_hieu": so_ky_hieu(quyet_dinh.so, ky_hieu),
            "ngay": quyet_dinh.ngay,
            "trich_yeu": quyet_dinh.trich_yeu,
            "can_cu": can_cu_lines(legal_bases(campaign, award), quyet_dinh.theo_de_nghi),
            "cac_dieu": _decision_articles(award, quyet_dinh.dieu_2, quyet_dinh.dieu_3),
            "noi_nhan": noi_nhan_lines(
                [*quyet_dinh.noi_nhan],
                quyet_dinh.luu if quyet_dinh.luu is not None else ["VT"],
                first="Như Điều 3",
            ),
            "nguoi_ky": signer(co_quan.nguoi_ky[quyet_dinh.nguoi_ky]),
        },
    }


def _jobs(sources: Sources) -> list[Job]:
    award = sources.dossier()
    if award.ho_so.quyet_dinh is None:
        return []
    return [
        KIND.one(sources, "quyet-dinh.docx", quyet_dinh_context(sources.campaign, award)),
        danh_sach_job(sources, "quyet_dinh"),
    ]


def _example(examples: Examples) -> dict[str, Any]:
    return quyet_dinh_context(examples.campaign, examples.award)


KIND = DocumentKind(
    key="quyet_dinh",
    title="Quyết định khen thưởng",
    short_title="Quyết định",
    stage="ho_so",
    needs="mục quyet_dinh trong khen-thuong.yaml",
    order=50,
    jobs=_jobs,
    template="quyet_dinh.docx",
    example=_example,
    nd30="quyet_dinh",
)
