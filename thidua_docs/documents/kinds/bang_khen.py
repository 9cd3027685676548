"""Bằng khen: one full-page certificate per awardee (not an administrative document)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from thidua_docs.awards.dossier import Awardee
from thidua_docs.documents.common import signer, so_ky_hieu
from thidua_docs.documents.registry import (
    DocumentKind,
    Examples,
    Job,
    Sources,
    certificate_awardees,
)
from thidua_docs.formatting import ngay
from thidua_docs.inputs.campaign import Campaign
from thidua_docs.inputs.dossier import AwardDossier


def certificate_fields(
    campaign: Campaign, award: AwardDossier, a: Awardee, ten_bang: str, so_vao_so: str | None = None
) -> dict[str, Any]:
    """What a certificate prints: who, for what, by which decision, signed by whom."""
    co_quan, quyet_dinh = campaign.co_quan, award.ho_so.quyet_dinh
    if quyet_dinh is None:
        raise ValueError("a certificate needs the dossier's quyết định")
    issued = quyet_dinh.ngay
    return {
        "tham_quyen": (co_quan.tham_quyen_khen_thuong or co_quan.ten_co_quan).upper(),
        "ten_bang": ten_bang,
        "ten": a.ten,
        "don_vi": "" if a.tap_the else ", ".join(x for x in (a.chuc_vu, a.don_vi) if x),
        "thanh_tich": f"Đã có thành tích {a.thanh_tich}"
        if not a.thanh_tich.startswith("Đã có")
        else a.thanh_tich,
        "quyet_dinh": f"Quyết định số {so_ky_hieu(quyet_dinh.so, 'QĐ-' + co_quan.ten_viet_tat)} "
        f"{ngay(issued)}",
        # the number in the award register once the decision is recorded (`thidua so ghi`);
        # before that, dots for the clerk to fill in by hand, as the certificate always had
        "so_vao_so": so_vao_so or "…………",
        "dia_danh_ngay": f"{co_quan.dia_danh}, {ngay(issued)}",
        "nguoi_ky": signer(co_quan.nguoi_ky[quyet_dinh.nguoi_ky]),
    }


def bang_khen_context(
    campaign: Campaign, award: AwardDossier, a: Awardee, so_vao_so: str | None = None
) -> dict[str, Any]:
    """Everything templates/bang_khen.docx receives for one awardee."""
    return {"bang_khen": certificate_fields(campaign, award, a, "BẰNG KHEN", so_vao_so)}


def awardees(sources: Sources) -> list[Awardee]:
    """The awardees who get a Bằng khen."""
    return certificate_awardees(KIND, sources.dossier())


def _jobs(sources: Sources) -> Sequence[Job]:
    award = sources.dossier()
    return KIND.each(
        sources,
        awardees(sources),
        lambda a: bang_khen_context(sources.campaign, award, a, sources.so_vao_so.get(a.so_thu_tu)),
    )


def _example(examples: Examples) -> dict[str, Any]:
    return bang_khen_context(examples.campaign, examples.award, examples.awardee)


KIND = DocumentKind(
    key="bang_khen",
    title="Bằng khen (trang đầy đủ)",
    short_title="Bằng khen",
    stage="ho_so",
    needs="mục quyet_dinh trong khen-thuong.yaml (bằng khen ghi số quyết định) và người được đề nghị một hình thức không phải giấy khen",
    order=70,
    jobs=_jobs,
    template="bang_khen.docx",
    example=_example,
    folder="bang-khen",
    print_file="bang-khen-tat-ca.docx",
)
