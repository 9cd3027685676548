"""Công văn phát động phong trào thi đua (ND30 Mẫu 1.1 công văn): the launch circular."""

from __future__ import annotations

from typing import Any

from thidua_docs.documents.common import (
    BODY_DESCRIPTIONS,
    agency_context,
    body_paragraphs,
    campaign_context,
    legacy_cong_van_body,
    sent_document,
)
from thidua_docs.documents.registry import DocumentKind, Examples, Job, Sources
from thidua_docs.errors import InputError
from thidua_docs.evaluation.rules import rule_texts
from thidua_docs.inputs.campaign import Campaign
from thidua_docs.schema import CongVan
from thidua_docs.schema.body import references, resolve


def cong_van_context(campaign: Campaign) -> dict[str, Any]:
    """Everything templates/cong_van_phat_dong.docx receives."""
    chien_dich, co_quan = campaign.chien_dich, campaign.co_quan
    cong_van: CongVan | None = chien_dich.cong_van
    if cong_van is None:
        raise InputError(
            f"{campaign.spec_file}: chiến dịch chưa khai báo công văn phát động (mục cong_van)"
        )
    unit = cong_van.don_vi_soan_thao or co_quan.don_vi_soan_thao
    ky_hieu = f"{co_quan.ten_viet_tat}-{unit}"
    luu = cong_van.luu if cong_van.luu is not None else ["VT", str(unit)]
    body = cong_van if cong_van.cac_muc else legacy_cong_van_body(chien_dich)
    labels = references(body)
    van_ban = sent_document(cong_van, co_quan, ky_hieu, co_quan.noi_nhan_mac_dinh, luu)
    van_ban["mo_dau"] = [resolve(text, labels) for text in cong_van.mo_dau]
    van_ban["ket_luan"] = resolve(cong_van.ket_luan, labels)
    rules = chien_dich.danh_gia
    van_ban["cac_doan"] = body_paragraphs(body, rule_texts(rules) if rules else {}, labels)
    return {
        "co_quan": agency_context(co_quan),
        "chien_dich": campaign_context(chien_dich),
        "van_ban": van_ban,
    }


def _jobs(sources: Sources) -> list[Job]:
    if sources.campaign.chien_dich.cong_van is None:
        return []
    return [KIND.one(sources, "cong-van-phat-dong.docx", cong_van_context(sources.campaign))]


def _example(examples: Examples) -> dict[str, Any]:
    return cong_van_context(examples.campaign)


KIND = DocumentKind(
    key="cong_van_phat_dong",
    title="Công văn phát động phong trào thi đua",
    short_title="Công văn phát động",
    stage="phat_dong",
    order=10,
    jobs=_jobs,
    template="cong_van_phat_dong.docx",
    example=_example,
    nd30="cong_van",
    spec_key="cong_van",
    descriptions=BODY_DESCRIPTIONS,
)
