"""Biên bản họp Hội đồng Thi đua - Khen thưởng (Mẫu 1.9): the council's vote on each proposal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from thidua_docs.documents.common import agency_context, award_context, so_ky_hieu
from thidua_docs.documents.registry import DocumentKind, Examples, Job, Sources
from thidua_docs.inputs.campaign import Campaign
from thidua_docs.inputs.dossier import AwardDossier
from thidua_docs.schema.agency import HoiDongTdkt


def chair_lines(council: HoiDongTdkt, key: str) -> list[str]:
    """The presiding member's lines above his name: CHỦ TỌA, or TM. HỘI ĐỒNG / CHỦ TỊCH."""
    if council.chu_tri_ky == "tm":
        return ["TM. HỘI ĐỒNG", council.thanh_vien[key].vai_tro.upper()]
    return ["CHỦ TỌA"]


def bien_ban_context(campaign: Campaign, award: AwardDossier) -> dict[str, Any]:
    co_quan, bien_ban = campaign.co_quan, award.ho_so.bien_ban
    council = co_quan.hoi_dong_tdkt
    if bien_ban is None or council is None:
        raise ValueError("bien_ban_context needs a biên bản and the agency's council")
    present = [m for key, m in council.thanh_vien.items() if key not in bien_ban.vang_mat]
    absent = [council.thanh_vien[key].ho_ten for key in bien_ban.vang_mat]
    votes: list[dict[str, Any]] = []
    for a in award.dossier.awardees:
        phieu = a.phieu_dong_y if a.phieu_dong_y is not None else len(present)
        ratio = Decimal(phieu * 100) / len(present)
        passed = phieu * 100 >= council.ty_le_dong_y * len(present)
        label = (
            a.ten
            if a.tap_the
            else f"{a.ten}, {a.chuc_vu}, {a.don_vi}"
            if a.chuc_vu
            else f"{a.ten}, {a.don_vi}"
        )
        votes.append(
            {
                "stt": len(votes) + 1,
                "ten": label,
                "phieu": phieu,
                "ty_le": ratio.quantize(Decimal("0.1")),
                "ket_qua": "Đạt" if passed else "Không đạt",
            }
        )

    def member(key: str, title: str) -> dict[str, Any]:
        m = council.thanh_vien[key]
        return {
            "ho_ten": m.ho_ten,
            "vai_tro": m.vai_tro,
            "chuc_vu": m.chuc_vu,
            "cac_dong": chair_lines(council, key) if title == "CHỦ TỌA" else [title],
            "kiem_nhiem": "",
        }

    co_mat = [
        {
            "ho_ten": m.ho_ten,
            "chuc_vu": m.chuc_vu,
            "vai_tro": m.vai_tro,
            "dau_cau": "." if i == len(present) - 1 else ";",
        }
        for i, m in enumerate(present)
    ]
    return {
        "co_quan": {
            **agency_context(co_quan),
            "chu_quan": co_quan.ten_co_quan,
            "ten": council.ten.upper(),
        },
        "khen_thuong": award_context(award.dossier),
        "van_ban": {
            "so_ky_hieu": so_ky_hieu(bien_ban.so, f"BB-{council.ky_hieu}"),
            "ngay": bien_ban.ngay,
            "trich_yeu": f"Họp {council.ten} xét khen thưởng {campaign.chien_dich.ten}",
            "bat_dau": bien_ban.bat_dau,
            "ket_thuc": bien_ban.ket_thuc,
            "dia_diem": bien_ban.dia_diem,
            "so_thanh_vien": len(council.thanh_vien),
            "so_co_mat": len(present),
            "co_mat": co_mat,
            "vang_mat": absent,
            "chu_tri": member(bien_ban.chu_tri, "CHỦ TỌA"),
            "thu_ky": member(bien_ban.thu_ky, "THƯ KÝ"),
            "chu_toa": member(bien_ban.chu_tri, "CHỦ TỌA"),
            "noi_dung": list(bien_ban.noi_dung),
            "bieu_quyet": votes,
            "so_dat": sum(1 for v in votes if v["ket_qua"] == "Đạt"),
            "ty_le_dong_y": council.ty_le_dong_y,
        },
    }


def _jobs(sources: Sources) -> list[Job]:
    award = sources.dossier()
    if award.ho_so.bien_ban is None:
        return []
    return [KIND.one(sources, "bien-ban.docx", bien_ban_context(sources.campaign, award))]


def _example(examples: Examples) -> dict[str, Any]:
    return bien_ban_context(examples.campaign, examples.award)


KIND = DocumentKind(
    key="bien_ban",
    title="Biên bản họp Hội đồng Thi đua - Khen thưởng",
    short_title="Biên bản",
    stage="ho_so",
    needs="mục bien_ban trong khen-thuong.yaml và hội đồng thi đua - khen thưởng trong hồ sơ cơ quan",
    order=40,
    jobs=_jobs,
    template="bien_ban.docx",
    example=_example,
    nd30="bien_ban",
)
