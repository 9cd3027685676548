"""Báo cáo thành tích (bản nháp): one achievement report per awardee, for the awardee to complete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from thidua_docs.awards.dossier import Awardee
from thidua_docs.documents.common import agency_context, dossier_year, so_ky_hieu
from thidua_docs.documents.registry import DocumentKind, Examples, Job, Sources
from thidua_docs.formatting import NgayDuThao, so
from thidua_docs.inputs.campaign import Campaign
from thidua_docs.inputs.dossier import AwardDossier


def bao_cao_context(
    campaign: Campaign,
    award: AwardDossier,
    a: Awardee,
    today: dt.date,
    da_co: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    co_quan = campaign.co_quan
    year = dossier_year(award, today)
    return {
        "co_quan": {
            **agency_context(co_quan),
            "chu_quan": co_quan.ten_co_quan,
            "ten": (a.ten if a.tap_the else a.don_vi).upper(),
            "dia_danh": "……",
        },
        "van_ban": {
            "so_ky_hieu": so_ky_hieu(None, "BC"),
            "ngay": NgayDuThao(year),
            "hinh_thuc": a.hinh_thuc,
            "tap_the": a.tap_the,
            "ten": a.ten,
            "chuc_vu": a.chuc_vu,
            "don_vi": a.don_vi,
            "bien_che": so(a.bien_che) if a.bien_che is not None else "…",
            "thanh_tich": a.thanh_tich[:1].upper() + a.thanh_tich[1:] + ".",
            "nguoi_bao_cao": "THỦ TRƯỞNG ĐƠN VỊ" if a.tap_the else "NGƯỜI BÁO CÁO THÀNH TÍCH",
            # III. Các hình thức đã được khen thưởng: from the award register, when there is one
            "khen_thuong_da_co": list(da_co or []),
        },
    }


def _jobs(sources: Sources) -> Sequence[Job]:
    award = sources.dossier()
    return KIND.each(
        sources,
        award.dossier.awardees,
        lambda a: bao_cao_context(
            sources.campaign,
            award,
            a,
            sources.today,
            sources.khen_thuong_da_co.get(a.so_thu_tu, []),
        ),
    )


def _example(examples: Examples) -> dict[str, Any]:
    return bao_cao_context(examples.campaign, examples.award, examples.awardee, examples.today)


KIND = DocumentKind(
    key="bao_cao",
    title="Báo cáo thành tích (bản nháp)",
    short_title="Báo cáo thành tích",
    stage="ho_so",
    needs="tập thể, cá nhân trong danh sách đề nghị",
    order=60,
    jobs=_jobs,
    template="bao_cao_thanh_tich.docx",
    example=_example,
    nd30="bao_cao",
    folder="bao-cao-thanh-tich",
    descriptions={
        "van_ban.khen_thuong_da_co": "các hình thức đã được khen thưởng (mục III), từ sổ khen "
        "thưởng: mỗi mục có nam, hinh_thuc, so_quyet_dinh, ngay_quyet_dinh, co_quan; rỗng khi "
        "chưa có sổ",
    },
)
