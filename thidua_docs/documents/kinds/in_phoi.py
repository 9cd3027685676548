"""Bằng khen in phôi: the certificate's texts placed at the profile's positions on printed stock."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from thidua_docs.awards.dossier import Awardee
from thidua_docs.documents.kinds.bang_khen import awardees, bang_khen_context
from thidua_docs.documents.registry import (
    DocumentKind,
    DocumentProperties,
    Job,
    Jobs,
    Made,
    Sources,
)

#: The calibration page of the stock's positions, written with the certificates on stock.
CALIBRATION = Path("in-an") / "can-chinh-phoi.docx"
#: The kind key the calibration page is listed under in the manifest.
CALIBRATION_KIND = "in_phoi_can_chinh"
_UNNUMBERED = {"", "…………"}


def _so_vao_so(card: dict[str, Any]) -> str:
    """ "Số sổ: 123" when the card carries its number in the register; nothing until then."""
    number = str(card.get("so_vao_so") or "").strip()
    return "" if number in _UNNUMBERED else f"Số sổ: {number}"


def _jobs(sources: Sources) -> Sequence[Job]:
    if not sources.campaign.co_quan.bang_khen.vi_tri:
        return []  # the profile gives no positions on the stock
    award = sources.dossier()

    def make(a: Awardee) -> Job:
        number = sources.so_vao_so.get(a.so_thu_tu)
        card = bang_khen_context(sources.campaign, award, a, number)["bang_khen"]
        texts = {
            "ten": card["ten"],
            "don_vi": card["don_vi"],
            "thanh_tich": card["thanh_tich"],
            "quyet_dinh": card["quyet_dinh"],
            "so_vao_so": _so_vao_so(card),  # placed where the profile's vi_tri says, if it does
            "dia_danh_ngay": card["dia_danh_ngay"],
            "chuc_vu_nguoi_ky": "\n".join(card["nguoi_ky"]["cac_dong"]),
            "nguoi_ky": card["nguoi_ky"]["ho_ten"],
        }
        return Job(
            Path(str(KIND.folder)) / f"{a.slug}.docx",
            KIND.key,
            a.ten,
            stock_texts=texts,
            properties=KIND.properties(sources, {}, a.ten),
        )

    cards = Made(awardees(sources), make)
    if not cards:
        return []
    # a page marking every position, to line the stock up before printing on it
    calibration = Job(
        CALIBRATION,
        CALIBRATION_KIND,
        "",
        stock_texts={},
        properties=DocumentProperties(
            "Trang căn chỉnh phôi Bằng khen",
            KIND.title,
            sources.campaign.co_quan.ten_co_quan,
        ),
    )
    return Jobs([cards, [calibration]])


KIND = DocumentKind(
    key="in_phoi",
    title="Bằng khen in lên phôi (vị trí từng dòng theo hồ sơ cơ quan)",
    short_title="Bằng khen (in phôi)",
    stage="ho_so",
    needs="mục quyet_dinh trong khen-thuong.yaml và vị trí in trên phôi (bang_khen › vi_tri trong hồ sơ cơ quan)",
    order=80,
    jobs=_jobs,
    folder="bang-khen-in-phoi",
    print_file="bang-khen-in-phoi-tat-ca.docx",
)
