"""Danh sách khen thưởng: the list attached to the Tờ trình and to the Quyết định.

It has no documents of its own: the tờ trình and the quyết định each attach one (``danh_sach_job``).
"""

from __future__ import annotations

from typing import Any

from thidua_docs.documents.common import (
    agency_context,
    award_context,
    proposing_unit,
    reference,
)
from thidua_docs.documents.registry import DocumentKind, Examples, Job, Sources
from thidua_docs.inputs.campaign import Campaign
from thidua_docs.inputs.dossier import AwardDossier

#: The list's file name, by the document it is attached to.
_TARGETS = {
    "to_trinh": "danh-sach-kem-to-trinh.docx",
    "quyet_dinh": "danh-sach-kem-quyet-dinh.docx",
}


def danh_sach_context(campaign: Campaign, award: AwardDossier, attached_to: str) -> dict[str, Any]:
    """The list attached to the tờ trình ("to_trinh") or the quyết định ("quyet_dinh")."""
    co_quan = campaign.co_quan
    if attached_to == "quyet_dinh":
        document = award.ho_so.quyet_dinh
        if document is None:
            raise ValueError("a list attached to the decision needs a quyết định")
        head = co_quan.tham_quyen_khen_thuong or co_quan.ten_goi_tat
        kem_theo = reference(
            "Quyết định", document.so, f"QĐ-{co_quan.ten_viet_tat}", document.ngay, head
        )
        title = "Tập thể, cá nhân được khen thưởng"
    else:
        proposal = award.ho_so.to_trinh
        if proposal is None:
            raise ValueError("a list attached to the proposal needs a tờ trình")
        ky_hieu, issuer, header = proposing_unit(co_quan, proposal.ky_hieu)
        kem_theo = reference("Tờ trình", proposal.so, ky_hieu, proposal.ngay, issuer)
        title = "Tập thể, cá nhân đề nghị khen thưởng"
    return {
        "co_quan": header if attached_to == "to_trinh" else agency_context(co_quan),
        "khen_thuong": award_context(award.dossier),
        "van_ban": {"tieu_de": title, "kem_theo": f"(Kèm theo {kem_theo})"},
    }


def danh_sach_job(sources: Sources, attached_to: str) -> Job:
    """The list attached to the tờ trình ("to_trinh") or the quyết định ("quyet_dinh")."""
    context = danh_sach_context(sources.campaign, sources.dossier(), attached_to)
    return KIND.one(sources, _TARGETS[attached_to], context)


def _no_jobs(sources: Sources) -> list[Job]:
    return []


def _example(examples: Examples) -> dict[str, Any]:
    return danh_sach_context(examples.campaign, examples.award, "quyet_dinh")


KIND = DocumentKind(
    key="danh_sach",
    title="Danh sách khen thưởng (kèm tờ trình, kèm quyết định)",
    short_title="Danh sách",
    stage="ho_so",
    order=35,
    jobs=_no_jobs,
    template="danh_sach.docx",
    example=_example,
    nd30="danh_sach",
    selectable=False,
)
