"""Tờ trình đề nghị khen thưởng, with the Danh sách it attaches."""

from __future__ import annotations

from typing import Any

from thidua_docs.documents.common import award_context, proposing_unit, sent_document
from thidua_docs.documents.kinds.danh_sach import danh_sach_job
from thidua_docs.documents.registry import DocumentKind, Examples, Job, Sources
from thidua_docs.inputs.campaign import Campaign
from thidua_docs.inputs.dossier import AwardDossier


def to_trinh_context(
    campaign: Campaign, award: AwardDossier, du_dieu_kien: str = ""
) -> dict[str, Any]:
    """The tờ trình as the proposing unit issues it: its name under the agency's in the header,
    its number series (…/TTr-TĐKT), signed by its head, addressed to the deciding authority;
    with ``du_dieu_kien``, the register's statement that every awardee meets the conditions."""
    co_quan, to_trinh = campaign.co_quan, award.ho_so.to_trinh
    if to_trinh is None:
        raise ValueError("to_trinh_context needs a dossier with a tờ trình")
    ky_hieu, _, header = proposing_unit(co_quan, to_trinh.ky_hieu)
    luu = to_trinh.luu if to_trinh.luu is not None else ["VT"]
    van_ban = sent_document(to_trinh, co_quan, ky_hieu, [], luu)
    van_ban["du_dieu_kien"] = du_dieu_kien
    return {
        "co_quan": header,
        "khen_thuong": award_context(award.dossier),
        "van_ban": van_ban,
    }


def _jobs(sources: Sources) -> list[Job]:
    award = sources.dossier()
    if award.ho_so.to_trinh is None:
        return []
    return [
        KIND.one(
            sources,
            "to-trinh.docx",
            to_trinh_context(sources.campaign, award, sources.du_dieu_kien),
        ),
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
    descriptions={
        "van_ban.du_dieu_kien": "câu xác nhận mọi tập thể, cá nhân được đề nghị đều đủ điều kiện "
        "theo sổ khen thưởng, kèm căn cứ; rỗng khi chưa có sổ hoặc sổ chưa xác nhận được",
    },
)
