"""Bằng khen in phôi: the certificate's texts placed at the profile's positions on printed stock."""

from __future__ import annotations

from pathlib import Path

from thidua_docs.documents.kinds.bang_khen import awardees, bang_khen_context
from thidua_docs.documents.registry import DocumentKind, Job, Sources


def _jobs(sources: Sources) -> list[Job]:
    if not sources.campaign.co_quan.bang_khen.vi_tri:
        return []  # the profile gives no positions on the stock
    award = sources.dossier()
    jobs = []
    for a in awardees(sources):
        number = sources.so_vao_so.get(a.so_thu_tu)
        card = bang_khen_context(sources.campaign, award, a, number)["bang_khen"]
        texts = {
            "ten": card["ten"],
            "don_vi": card["don_vi"],
            "thanh_tich": card["thanh_tich"],
            "quyet_dinh": card["quyet_dinh"],
            "dia_danh_ngay": card["dia_danh_ngay"],
            "chuc_vu_nguoi_ky": "\n".join(card["nguoi_ky"]["cac_dong"]),
            "nguoi_ky": card["nguoi_ky"]["ho_ten"],
        }
        if number:  # placed where the profile's vi_tri says, once the stock has a place for it
            texts["so_vao_so"] = number
        jobs.append(
            Job(
                Path(str(KIND.folder)) / f"{a.slug}.docx",
                KIND.key,
                a.ten,
                stock_texts=texts,
                properties=KIND.properties(sources, {}, a.ten),
            )
        )
    return jobs


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
