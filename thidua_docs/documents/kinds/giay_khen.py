"""Giấy khen: the certificate of a unit head's award, one per awardee whose form is a Giấy khen.

An awardee proposed for "Giấy khen …" (any form whose name begins so) gets this certificate
instead of a Bằng khen. It prints what a Bằng khen prints, under its own variable ``giay_khen``,
on its own template (portrait A4, the usual layout of a Giấy khen).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from thidua_docs.awards.dossier import Awardee
from thidua_docs.documents.kinds.bang_khen import certificate_fields
from thidua_docs.documents.registry import (
    DocumentKind,
    Examples,
    Job,
    Sources,
    certificate_awardees,
)
from thidua_docs.evaluation.rules import key
from thidua_docs.inputs.campaign import Campaign
from thidua_docs.inputs.dossier import AwardDossier


def is_giay_khen(a: Awardee) -> bool:
    """An awardee proposed for a Giấy khen (the form's name begins with "Giấy khen")."""
    return key(a.hinh_thuc).startswith("giấy khen")


def giay_khen_context(campaign: Campaign, award: AwardDossier, a: Awardee) -> dict[str, Any]:
    """Everything templates/giay_khen.docx receives for one awardee."""
    return {"giay_khen": certificate_fields(campaign, award, a, "GIẤY KHEN")}


def _jobs(sources: Sources) -> Sequence[Job]:
    award = sources.dossier()
    return KIND.each(
        sources,
        certificate_awardees(KIND, award),
        lambda a: giay_khen_context(sources.campaign, award, a),
    )


def _example(examples: Examples) -> dict[str, Any]:
    return giay_khen_context(examples.campaign, examples.award, examples.awardee)


KIND = DocumentKind(
    key="giay_khen",
    title="Giấy khen",
    short_title="Giấy khen",
    stage="ho_so",
    needs='mục quyet_dinh trong khen-thuong.yaml và người được đề nghị hình thức "Giấy khen …"',
    order=75,
    jobs=_jobs,
    template="giay_khen.docx",
    example=_example,
    folder="giay-khen",
    print_file="giay-khen-tat-ca.docx",
    claims=is_giay_khen,
    descriptions={
        "giay_khen.ten": "tên tập thể hoặc họ tên cá nhân được tặng",
        "giay_khen.quyet_dinh": "số và ngày quyết định khen thưởng",
        "giay_khen.don_vi": "chức vụ, đơn vị của cá nhân (trống với tập thể)",
        "giay_khen.ten_bang": "tên hình thức in trên giấy: GIẤY KHEN",
        "giay_khen.so_vao_so": "số vào sổ khen thưởng (để trống cho văn thư ghi)",
    },
)
