"""From a validated campaign to the data each document template receives, and to the documents.

The template context is plain data (dicts, lists, text, numbers, dates) with Vietnamese keys:
what office staff type into templates. Punctuation and numbering that ND30 fixes (the "- …;"
lines, "1." / "a)" labels, "Số: 05/KH-BHXH") are computed here once, so every template agrees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .formatting import chu_cai
from .models import ChienDich, CongVan, HoSoCoQuan, Muc, NguoiKy
from .render import PreparedTemplate, check_writable, write_atomic
from .spec import Campaign
from .templates import find_template

#: Spaces left for the handwritten number of a draft: "Số:         /KH-BHXH" (as in seed 004).
BLANK_NUMBER = " " * 8


def so_ky_hieu(so: int | None, ky_hieu: str) -> str:
    """ND30 number and code: 4111 → "4111/BHXH-TĐKT", 5 → "05/…", None (draft) → blanks + "/…"."""
    if so is None:
        return f"{BLANK_NUMBER}/{ky_hieu}"
    return f"{so:02d}/{ky_hieu}"


def _clean_line(text: str) -> str:
    """A list line as the clerk may have typed it, without a leading "-" or a closing ";"/"."."""
    text = text.strip()
    if text.startswith(("- ", "+ ")):
        text = text[2:].strip()
    return text.rstrip(";.").rstrip()


def dash_lines(items: Iterable[str]) -> list[str]:
    """ND30 list lines: "- A;", "- B;" … the last one closed with "."."""
    cleaned = [_clean_line(item) for item in items]
    return [
        f"- {item}{'.' if index == len(cleaned) - 1 else ';'}" for index, item in enumerate(cleaned)
    ]


def kinh_gui_lines(addressees: list[str]) -> list[str]:
    """One addressee stands on the "Kính gửi:" line ("X."); several are "- …;" lines."""
    if len(addressees) == 1:
        return [f"{_clean_line(addressees[0])}."]
    return dash_lines(addressees)


def noi_nhan_lines(
    recipients: list[str], luu: list[str], *, first: str | None = "Như trên"
) -> list[str]:
    """ND30 ô 9b: "- Như trên;" first (công văn, tờ trình), one "- …;" per line, "- Lưu: VT, TĐKT." last."""
    items = [_clean_line(r) for r in recipients]
    if first and (not items or items[0].casefold() != first.casefold()):
        items.insert(0, first)
    items = [item for item in items if not item.casefold().startswith("lưu:")]
    items.append("Lưu: " + ", ".join(luu))
    return dash_lines(items)


def signer(person: NguoiKy, kiem_nhiem: str | None = None) -> dict[str, Any]:
    return {
        "cac_dong": person.cac_dong,
        "ho_ten": person.ho_ten,
        "quyen_han": person.quyen_han or "",
        "kiem_nhiem": kiem_nhiem or "",
    }


def _doan(loai: str, so: str = "", tieu_de: str = "", noi_dung: str = "") -> dict[str, str]:
    return {"loai": loai, "so": so, "tieu_de": tieu_de, "noi_dung": noi_dung}


def _title(title: str | None, inline: str | None) -> str:
    """A title followed by inline text takes a colon: "Mục tiêu thi đua: đến hết …"."""
    if title and inline and not title.endswith(":"):
        return f"{title}:"
    return title or ""


def flatten(items: list[Muc], opening: str | None = None) -> list[dict[str, str]]:
    """The paragraphs of a structured part, in order, each with its kind (loai) and label (so).

    Kinds: "doan" (plain paragraph), "khoan" ("1."), "diem" ("a)"), "y" ("-"), "y_con" ("+").
    """
    out = [_doan("doan", noi_dung=opening)] if opening else []
    for number, muc in enumerate(items, start=1):
        out.append(
            _doan("khoan", f"{number}.", _title(muc.tieu_de, muc.noi_dung), muc.noi_dung or "")
        )
        out += [_doan("doan", noi_dung=text) for text in muc.cac_doan]
        for y in muc.cac_y:
            out.append(_doan("y", "-", noi_dung=y.noi_dung))
            out += [_doan("y_con", "+", noi_dung=text) for text in y.cac_y]
        for letter, diem in enumerate(muc.cac_diem, start=1):
            out.append(
                _doan(
                    "diem",
                    f"{chu_cai(letter)})",
                    _title(diem.tieu_de, diem.noi_dung),
                    diem.noi_dung or "",
                )
            )
            out += [_doan("doan", noi_dung=text) for text in diem.cac_doan]
            for y in diem.cac_y:
                out.append(_doan("y", "-", noi_dung=y.noi_dung))
                out += [_doan("y_con", "+", noi_dung=text) for text in y.cac_y]
    return out


def agency_context(co_quan: HoSoCoQuan) -> dict[str, Any]:
    return {
        "chu_quan": co_quan.co_quan_chu_quan or "",
        "ten": co_quan.ten_co_quan,
        "ten_viet_tat": co_quan.ten_viet_tat,
        "ten_goi_tat": co_quan.ten_goi_tat,
        "dia_danh": co_quan.dia_danh,
        "tham_quyen": co_quan.tham_quyen_khen_thuong or "",
    }


def campaign_context(chien_dich: ChienDich) -> dict[str, Any]:
    thoi_gian = chien_dich.thoi_gian
    return {
        "ten": chien_dich.ten,
        "chu_de": chien_dich.chu_de or "",
        "thoi_gian": {
            "bat_dau": thoi_gian.bat_dau if thoi_gian else None,
            "ket_thuc": thoi_gian.ket_thuc if thoi_gian else None,
            "van_ban": thoi_gian.van_ban if thoi_gian else "",
        },
        "muc_tieu": chien_dich.muc_tieu or "",
        "doi_tuong": chien_dich.doi_tuong or "",
        "noi_dung": flatten(chien_dich.noi_dung.cac_muc, chien_dich.noi_dung.mo_dau),
        "tieu_chi": flatten(chien_dich.tieu_chi),
        "khen_thuong": flatten(chien_dich.khen_thuong.cac_muc, chien_dich.khen_thuong.mo_dau),
        "to_chuc_thuc_hien": flatten(chien_dich.to_chuc_thuc_hien),
        "hinh_thuc_khen_thuong": [
            hinh_thuc.model_dump() for hinh_thuc in chien_dich.khen_thuong.hinh_thuc
        ],
    }


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
    return {
        "co_quan": agency_context(co_quan),
        "chien_dich": campaign_context(chien_dich),
        "van_ban": {
            "so": cong_van.so,
            "ky_hieu": ky_hieu,
            "so_ky_hieu": so_ky_hieu(cong_van.so, ky_hieu),
            "ngay": cong_van.ngay,
            "trich_yeu": cong_van.trich_yeu,
            "kinh_gui": kinh_gui_lines(cong_van.kinh_gui),
            "mo_dau": list(cong_van.mo_dau),
            "ket_luan": cong_van.ket_luan,
            "noi_nhan": noi_nhan_lines([*cong_van.noi_nhan] or co_quan.noi_nhan_mac_dinh, luu),
            "nguoi_ky": signer(co_quan.nguoi_ky[cong_van.nguoi_ky]),
        },
    }


def ke_hoach_context(campaign: Campaign) -> dict[str, Any]:
    """Everything templates/ke_hoach.docx receives."""
    co_quan, ke_hoach = campaign.co_quan, campaign.chien_dich.ke_hoach
    if ke_hoach is None:
        raise InputError(f"{campaign.spec_file}: chiến dịch chưa khai báo kế hoạch (mục ke_hoach)")
    ky_hieu = f"KH-{co_quan.ten_viet_tat}"
    return {
        "co_quan": agency_context(co_quan),
        "chien_dich": campaign_context(campaign.chien_dich),
        "van_ban": {
            "so": ke_hoach.so,
            "ky_hieu": ky_hieu,
            "so_ky_hieu": so_ky_hieu(ke_hoach.so, ky_hieu),
            "ngay": ke_hoach.ngay,
            "trich_yeu": ke_hoach.trich_yeu,
            "mo_dau": list(ke_hoach.mo_dau),
            "cac_phan": [
                {"tieu_de": phan.tieu_de.upper(), "doan": flatten(phan.cac_muc, phan.mo_dau)}
                for phan in ke_hoach.cac_phan
            ],
            "ket_luan": ke_hoach.ket_luan,
            "noi_nhan": noi_nhan_lines(
                [*ke_hoach.noi_nhan] or co_quan.noi_nhan_mac_dinh,
                ke_hoach.luu if ke_hoach.luu is not None else ["VT"],
                first=None,  # a plan has no addressee: no "Như trên"
            ),
            "nguoi_ky": signer(co_quan.nguoi_ky[ke_hoach.nguoi_ky], ke_hoach.chuc_danh_kiem_nhiem),
        },
    }


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document the toolkit writes: its template and its output file name."""

    key: str
    title: str
    template: str
    filename: str


CONG_VAN = DocumentKind(
    "cong_van_phat_dong",
    "Công văn phát động phong trào thi đua",
    "cong_van_phat_dong.docx",
    "cong-van-phat-dong.docx",
)
KE_HOACH = DocumentKind("ke_hoach", "Kế hoạch", "ke_hoach.docx", "ke-hoach.docx")

_LAUNCH = {CONG_VAN.key: (CONG_VAN, cong_van_context), KE_HOACH.key: (KE_HOACH, ke_hoach_context)}


def render_all(
    jobs: list[tuple[Path, str, dict[str, Any]]], *, force: bool, templates_dir: Path | None
) -> list[Path]:
    """Render (target, template, context) jobs: refuse existing files first, then write each atomically.

    Every document is rendered in memory before any is written, so bad data or a broken template
    leaves the output folder as it was.
    """
    for target, _, _ in jobs:
        check_writable(target, force=force)
    prepared: dict[str, PreparedTemplate] = {}
    rendered = []
    for target, template, context in jobs:
        if template not in prepared:
            prepared[template] = PreparedTemplate(find_template(template, templates_dir))
        rendered.append((target, prepared[template].render(context)))
    for target, data in rendered:
        write_atomic(target, data, force=force)
    return [target for target, _ in rendered]


def draft(
    campaign: Campaign, out_dir: Path, *, force: bool = False, templates_dir: Path | None = None
) -> list[Path]:
    """Render the campaign's launch documents (công văn phát động, kế hoạch) into ``out_dir``."""
    present = {
        CONG_VAN.key: campaign.chien_dich.cong_van is not None,
        KE_HOACH.key: campaign.chien_dich.ke_hoach is not None,
    }
    jobs = [
        (Path(out_dir) / kind.filename, kind.template, build(campaign))
        for key, (kind, build) in _LAUNCH.items()
        if present[key]
    ]
    if not jobs:
        raise InputError(
            f"{campaign.spec_file}: chiến dịch chưa khai báo văn bản phát động nào "
            "(mục cong_van hoặc ke_hoach)"
        )
    return render_all(jobs, force=force, templates_dir=templates_dir)
