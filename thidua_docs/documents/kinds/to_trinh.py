"""Tờ trình đề nghị khen thưởng, with the Danh sách it attaches."""

from __future__ import annotations

from typing import Any

from thidua_docs.documents.common import agency_context, award_context, sent_document
from thidua_docs.documents.kinds.danh_sach import danh_sach_job
from thidua_docs.documents.registry import DocumentKind, Examples, Job, Sources
from thidua_docs.inputs.campaign import Campaign
from thidua_docs.inputs.dossier import AwardDossier


def to_trinh_context(campaign: Campaign, award: AwardDossier) -> dict[str, Any]:
    """The tờ trình as the proposing unit issues it: its name under the agency's in the header,
    its number series (…/TTr-TĐKT), signed by its head, addressed to the deciding authority."""
    co_quan, to_trinh = campaign.co_quan, award.ho_so.to_trinh
    if to_trinh is None:
        raise ValueError("to_trinh_context needs a dossier with a tờ trình")
    unit = co_quan.don_vi_de_nghi
    issuer = unit.ky_hieu if unit is not None else co_quan.ten_viet_tat
    ky_hieu = to_trinh.ky_hieu or f"TTr-{issuer}"
    luu = to_trinh.luu if to_trinh.luu is not None else ["VT"]
    header = agency_context(co_quan)
    if unit is not None:  # issued by a unit of the agency: the agency stands above it (ND30 ô 2)
        header = {**header, "chu_quan": co_quan.ten_co_quan, "ten": unit.ten.upper()}
    return {
        "co_quan": header,
        "khen_thuong": award_context(award.dossier),
        "van_ban": sent_document(to_trinh, co_quan, ky_hieu, [], luu),
    }


def _jobs(sources: Sources) -> list[Job]:
    award = sources.dossier()
    if award.ho_so.to_trinh is None:
        return []
    return [
        KIND.one(sources, "to-trinh.docx", to_trinh_context(sources.campaign, award)),
        danh_sach_job(sources, "to_trinh"),
    ]


def _example(examples: Examples) -> dict[str, Any]:
    return to_trinh_context(examples.campaign, examples.award)


KIND = DocumentKind(
    key="to_trinh",
    title="Tờ trình đề nghị khen thưởng",
    short_title="Tờ trình",
    stage="ho_so",
    needs="mục to_trinh trong khen-thuong.yaml",
    order=30,
    jobs=_jobs,
    template="to_trinh.docx",
    example=_example,
    nd30="to_trinh",
)
