"""Kế hoạch tổ chức phong trào thi đua: the campaign plan."""

from __future__ import annotations

from typing import Any

from thidua_docs.documents.common import (
    BODY_DESCRIPTIONS,
    agency_context,
    body_paragraphs,
    campaign_context,
    flatten,
    legacy_items,
    noi_nhan_lines,
    signer,
    so_ky_hieu,
)
from thidua_docs.documents.registry import DocumentKind, Examples, Job, Sources
from thidua_docs.errors import InputError
from thidua_docs.evaluation.rules import rule_texts
from thidua_docs.inputs.campaign import Campaign
from thidua_docs.schema.body import Nut, ThanVanBan, references, resolve


def ke_hoach_context(campaign: Campaign) -> dict[str, Any]:
    """Everything templates/ke_hoach.docx receives."""
    co_quan, ke_hoach = campaign.co_quan, campaign.chien_dich.ke_hoach
    if ke_hoach is None:
        raise InputError(f"{campaign.spec_file}: chiến dịch chưa khai báo kế hoạch (mục ke_hoach)")
    ky_hieu = f"KH-{co_quan.ten_viet_tat}"
    body: ThanVanBan = ke_hoach
    if not ke_hoach.cac_muc:  # the earlier layout: sections with numbered items
        body = ThanVanBan.model_construct(
            danh_so=None,
            cac_muc=[
                Nut.model_construct(
                    tieu_de=phan.tieu_de,
                    cac_doan=[phan.mo_dau] if phan.mo_dau else [],
                    cac_muc=legacy_items(list(phan.cac_muc)),
                )
                for phan in ke_hoach.cac_phan
            ],
        )
    labels = references(body)
    rules = campaign.chien_dich.danh_gia
    return {
        "co_quan": agency_context(co_quan),
        "chien_dich": campaign_context(campaign.chien_dich),
        "van_ban": {
            "so": ke_hoach.so,
            "ky_hieu": ky_hieu,
            "so_ky_hieu": so_ky_hieu(ke_hoach.so, ky_hieu),
            "ngay": ke_hoach.ngay,
            "trich_yeu": ke_hoach.trich_yeu,
            "mo_dau": [resolve(text, labels) for text in ke_hoach.mo_dau],
            "cac_doan": body_paragraphs(body, rule_texts(rules) if rules else {}, labels),
            "cac_phan": [
                {"tieu_de": phan.tieu_de.upper(), "doan": flatten(phan.cac_muc, phan.mo_dau)}
                for phan in ke_hoach.cac_phan
            ],
            "ket_luan": resolve(ke_hoach.ket_luan, labels),
            "noi_nhan": noi_nhan_lines(
                [*ke_hoach.noi_nhan] or co_quan.noi_nhan_mac_dinh,
                ke_hoach.luu if ke_hoach.luu is not None else ["VT"],
                first=None,  # a plan has no addressee: no "Như trên"
            ),
            "nguoi_ky": signer(co_quan.nguoi_ky[ke_hoach.nguoi_ky], ke_hoach.chuc_danh_kiem_nhiem),
        },
    }


def _jobs(sources: Sources) -> list[Job]:
    if sources.campaign.chien_dich.ke_hoach is None:
        return []
    return [KIND.one(sources, "ke-hoach.docx", ke_hoach_context(sources.campaign))]


def _example(examples: Examples) -> dict[str, Any]:
    return ke_hoach_context(examples.plan)


KIND = DocumentKind(
    key="ke_hoach",
    title="Kế hoạch",
    short_title="Kế hoạch",
    stage="phat_dong",
    order=20,
    jobs=_jobs,
    template="ke_hoach.docx",
    example=_example,
    nd30="ke_hoach",
    spec_key="ke_hoach",
    descriptions=BODY_DESCRIPTIONS,
)
