"""From a validated campaign to the data each document template receives, and to the documents.

The template context is plain data (dicts, lists, text, numbers, dates) with Vietnamese keys:
what office staff type into templates. Punctuation and numbering that ND30 fixes (the "- …;"
lines, "1." / "a)" labels, "Số: 05/KH-BHXH") are computed here once, so every template agrees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from thidua_docs.awards.dossier import Awardee, Dossier
from thidua_docs.errors import InputError
from thidua_docs.evaluation.rules import announced_sections, rule_texts
from thidua_docs.files import check_writable, write_atomic
from thidua_docs.formatting import NgayDuThao, bang_chu, chu_cai, ngay, so, tien
from thidua_docs.inputs.spec import AwardDossier, Campaign
from thidua_docs.render.engine import PreparedTemplate
from thidua_docs.render.stock import in_phoi
from thidua_docs.render.templates import find_template
from thidua_docs.schema.models import ChienDich, CongVan, HoSoCoQuan, Muc, NguoiKy, VanBanGui, Y

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


def flatten(
    items: list[Muc], opening: str | None = None, texts: dict[str, str] | None = None
) -> list[dict[str, str]]:
    """The paragraphs of a structured part, in order, each with its kind (loai) and label (so).

    Kinds: "doan" (plain paragraph), "khoan" ("1."), "diem" ("a)"), "y" ("-"), "y_con" ("+").
    A bullet naming a rule (``quy_tac``) prints the rule's announced wording from ``texts``.
    """
    texts = texts or {}

    def bullet(y: Y) -> str:
        return y.noi_dung if y.noi_dung is not None else texts[str(y.quy_tac)]

    out = [_doan("doan", noi_dung=opening)] if opening else []
    for number, muc in enumerate(items, start=1):
        out.append(
            _doan("khoan", f"{number}.", _title(muc.tieu_de, muc.noi_dung), muc.noi_dung or "")
        )
        out += [_doan("doan", noi_dung=text) for text in muc.cac_doan]
        for y in muc.cac_y:
            out.append(_doan("y", "-", noi_dung=bullet(y)))
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
                out.append(_doan("y", "-", noi_dung=bullet(y)))
                out += [_doan("y_con", "+", noi_dung=text) for text in y.cac_y]
    return out


def agency_context(co_quan: HoSoCoQuan) -> dict[str, Any]:
    return {
        "chu_quan": co_quan.co_quan_chu_quan or "",
        "ten": co_quan.ten_co_quan,
        "ten_viet_tat": co_quan.ten_viet_tat,
        "ten_goi_tat": co_quan.ten_goi_tat,
        "dia_danh": co_quan.dia_danh,
        "tham_quyen": (co_quan.tham_quyen_khen_thuong or "").upper(),
    }


def campaign_context(chien_dich: ChienDich) -> dict[str, Any]:
    thoi_gian = chien_dich.thoi_gian
    rules = chien_dich.danh_gia
    texts = rule_texts(rules) if rules else {}
    tieu_chi, khen_thuong = list(chien_dich.tieu_chi), list(chien_dich.khen_thuong.cac_muc)
    if rules is not None:  # parts the clerk did not write are written from the rules themselves
        criteria, awards = announced_sections(rules)
        tieu_chi = tieu_chi or criteria
        khen_thuong = khen_thuong or awards
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
        "noi_dung": flatten(chien_dich.noi_dung.cac_muc, chien_dich.noi_dung.mo_dau, texts),
        "tieu_chi": flatten(tieu_chi, None, texts),
        "khen_thuong": flatten(khen_thuong, chien_dich.khen_thuong.mo_dau, texts),
        "to_chuc_thuc_hien": flatten(chien_dich.to_chuc_thuc_hien, None, texts),
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
        "van_ban": sent_document(cong_van, co_quan, ky_hieu, co_quan.noi_nhan_mac_dinh, luu),
    }


def sent_document(
    document: VanBanGui,
    co_quan: HoSoCoQuan,
    ky_hieu: str,
    default_recipients: list[str],
    luu: list[str],
) -> dict[str, Any]:
    """The ``van_ban`` part of a document sent to addressees (công văn, tờ trình)."""
    return {
        "so": document.so,
        "ky_hieu": ky_hieu,
        "so_ky_hieu": so_ky_hieu(document.so, ky_hieu),
        "ngay": document.ngay,
        "trich_yeu": document.trich_yeu,
        "kinh_gui": kinh_gui_lines(document.kinh_gui),
        "mo_dau": list(document.mo_dau),
        "ket_luan": document.ket_luan,
        "noi_nhan": noi_nhan_lines([*document.noi_nhan] or default_recipients, luu),
        "nguoi_ky": signer(co_quan.nguoi_ky[document.nguoi_ky]),
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


# ------------------------------------------------------------------ the award dossier


def _can_cu(lines: Iterable[str], theo_de_nghi: str) -> list[str]:
    """ND30 căn cứ lines: each "Căn cứ …;", then "Theo đề nghị của ….", which closes with "."."""
    out = []
    for line in lines:
        text = line.strip().rstrip(";.").rstrip()
        out.append(f"{text if text.startswith('Căn cứ') else 'Căn cứ ' + text};")
    proposal = theo_de_nghi.strip().rstrip(";.").rstrip()
    if not proposal.startswith("Theo đề nghị"):
        proposal = f"Theo đề nghị của {proposal}"
    out.append(f"{proposal}.")
    return out


def _awardee(a: Awardee) -> dict[str, Any]:
    return {
        "stt": a.stt,
        "so_thu_tu": a.so_thu_tu,
        "tap_the": a.tap_the,
        "ten": a.ten,
        "ho_ten": a.ten,
        "chuc_vu": a.chuc_vu,
        "don_vi": a.don_vi,
        "bien_che": a.bien_che if a.bien_che is not None else "",
        "bien_che_chu": so(a.bien_che) if a.bien_che is not None else "",
        "tien": a.tien,
        "muc_thuong": a.muc_thuong,
        "thanh_tich": a.thanh_tich,
        "hinh_thuc": a.hinh_thuc,
    }


def award_context(dossier: Dossier) -> dict[str, Any]:
    """The award list as every dossier template sees it: same numbers, same totals everywhere."""
    groups = []
    for g in dossier.groups:
        groups.append(
            {
                "hinh_thuc": g.hinh_thuc,
                "thanh_tich": g.thanh_tich,
                "tap_the": [_awardee(a) for a in g.tap_the],
                "ca_nhan": [_awardee(a) for a in g.ca_nhan],
                "so_tap_the": len(g.tap_the),
                "so_ca_nhan": len(g.ca_nhan),
                "muc_tap_the": 1,
                "muc_ca_nhan": 2 if g.tap_the else 1,
                "tong_bien_che": g.tong_bien_che,
                "tong_tap_the": g.tong_tap_the,
                "tong_ca_nhan": g.tong_ca_nhan,
                "tong_tien": g.tong_tien,
            }
        )
    return {
        "cac_hinh_thuc": groups,
        "so_tap_the": dossier.so_tap_the,
        "so_ca_nhan": dossier.so_ca_nhan,
        "tong_tien": dossier.tong_tien,
    }


def _ref(
    kind: str, number: int | None, ky_hieu: str, issued: date | NgayDuThao, issuer: str
) -> str:
    """ "Quyết định số 12/QĐ-BHXH ngày 15 tháng 01 năm 2025 của …" (blanks for a draft)."""
    return f"{kind} số {so_ky_hieu(number, ky_hieu)} {ngay(issued)} của {issuer}"


def to_trinh_context(campaign: Campaign, award: AwardDossier) -> dict[str, Any]:
    co_quan, to_trinh = campaign.co_quan, award.ho_so.to_trinh
    assert to_trinh is not None
    ky_hieu = to_trinh.ky_hieu or f"TTr-{co_quan.ten_viet_tat}"
    luu = to_trinh.luu if to_trinh.luu is not None else ["VT"]
    return {
        "co_quan": agency_context(co_quan),
        "khen_thuong": award_context(award.dossier),
        "van_ban": sent_document(to_trinh, co_quan, ky_hieu, [], luu),
    }


def _decision_articles(award: AwardDossier, dieu_2: str | None, dieu_3: str) -> list[str]:
    dossier = award.dossier
    first = []
    for g in dossier.groups:
        parts = []
        if g.tap_the:
            parts.append(f"{len(g.tap_the):02d} tập thể")
        if g.ca_nhan:
            parts.append(f"{len(g.ca_nhan):02d} cá nhân")
        first.append(
            f"Tặng {g.hinh_thuc} cho {' và '.join(parts)} (có danh sách kèm theo) "
            f"đã có thành tích: {g.thanh_tich}."
        )
    money = (
        f"Tổng số tiền thưởng là {tien(dossier.tong_tien)} "
        f"(Bằng chữ: {bang_chu(dossier.tong_tien)}), mức thưởng của từng tập thể, cá nhân "
        "theo danh sách kèm theo."
    )
    second = f"{money} {dieu_2}" if dieu_2 else money
    return [" ".join(first), second, dieu_3]


def quyet_dinh_context(campaign: Campaign, award: AwardDossier) -> dict[str, Any]:
    co_quan, quyet_dinh = campaign.co_quan, award.ho_so.quyet_dinh
    assert quyet_dinh is not None
    ky_hieu = f"QĐ-{co_quan.ten_viet_tat}"
    return {
        "co_quan": agency_context(co_quan),
        "khen_thuong": award_context(award.dossier),
        "van_ban": {
            "so_ky_hieu": so_ky_hieu(quyet_dinh.so, ky_hieu),
            "ngay": quyet_dinh.ngay,
            "trich_yeu": quyet_dinh.trich_yeu,
            "can_cu": _can_cu(
                [*co_quan.can_cu_khen_thuong, *quyet_dinh.can_cu], quyet_dinh.theo_de_nghi
            ),
            "cac_dieu": _decision_articles(award, quyet_dinh.dieu_2, quyet_dinh.dieu_3),
            "noi_nhan": noi_nhan_lines(
                [*quyet_dinh.noi_nhan],
                quyet_dinh.luu if quyet_dinh.luu is not None else ["VT"],
                first="Như Điều 3",
            ),
            "nguoi_ky": signer(co_quan.nguoi_ky[quyet_dinh.nguoi_ky]),
        },
    }


def danh_sach_context(campaign: Campaign, award: AwardDossier, attached_to: str) -> dict[str, Any]:
    """The list attached to the tờ trình ("to_trinh") or the quyết định ("quyet_dinh")."""
    co_quan = campaign.co_quan
    if attached_to == "quyet_dinh":
        document = award.ho_so.quyet_dinh
        assert document is not None
        head = co_quan.tham_quyen_khen_thuong or co_quan.ten_goi_tat
        reference = _ref(
            "Quyết định", document.so, f"QĐ-{co_quan.ten_viet_tat}", document.ngay, head
        )
        title = "Tập thể, cá nhân được khen thưởng"
    else:
        proposal = award.ho_so.to_trinh
        assert proposal is not None
        reference = _ref(
            "Tờ trình",
            proposal.so,
            proposal.ky_hieu or f"TTr-{co_quan.ten_viet_tat}",
            proposal.ngay,
            co_quan.ten_goi_tat,
        )
        title = "Tập thể, cá nhân đề nghị khen thưởng"
    return {
        "co_quan": agency_context(co_quan),
        "khen_thuong": award_context(award.dossier),
        "van_ban": {"tieu_de": title, "kem_theo": f"(Kèm theo {reference})"},
    }


def bien_ban_context(campaign: Campaign, award: AwardDossier) -> dict[str, Any]:
    co_quan, bien_ban = campaign.co_quan, award.ho_so.bien_ban
    council = co_quan.hoi_dong_tdkt
    assert bien_ban is not None and council is not None
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
            "cac_dong": [title],
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


def bao_cao_context(campaign: Campaign, award: AwardDossier, a: Awardee) -> dict[str, Any]:
    co_quan = campaign.co_quan
    year = _dossier_year(award)
    return {
        "co_quan": {
            **agency_context(co_quan),
            "chu_quan": co_quan.ten_co_quan,
            "ten": (a.ten if a.tap_the else a.don_vi).upper(),
            "dia_danh": "……",
        },
        "van_ban": {
            "so_ky_hieu": so_ky_hieu(None, "BC"),
            "ngay": NgayDuThao(year),
            "hinh_thuc": a.hinh_thuc,
            "tap_the": a.tap_the,
            "ten": a.ten,
            "chuc_vu": a.chuc_vu,
            "don_vi": a.don_vi,
            "bien_che": so(a.bien_che) if a.bien_che is not None else "…",
            "thanh_tich": a.thanh_tich[:1].upper() + a.thanh_tich[1:] + ".",
            "nguoi_bao_cao": "THỦ TRƯỞNG ĐƠN VỊ" if a.tap_the else "NGƯỜI BÁO CÁO THÀNH TÍCH",
        },
    }


def _dossier_year(award: AwardDossier) -> int:
    for document in (award.ho_so.quyet_dinh, award.ho_so.to_trinh):
        if document is not None:
            issued = document.ngay
            return issued.nam if isinstance(issued, NgayDuThao) else issued.year
    return award.ngay_tinh_tien.year if award.ngay_tinh_tien else date.today().year


def bang_khen_context(campaign: Campaign, award: AwardDossier, a: Awardee) -> dict[str, Any]:
    """One certificate: who, for what, by which decision, signed by whom."""
    co_quan, quyet_dinh = campaign.co_quan, award.ho_so.quyet_dinh
    assert quyet_dinh is not None
    issued = quyet_dinh.ngay
    return {
        "bang_khen": {
            "tham_quyen": (co_quan.tham_quyen_khen_thuong or co_quan.ten_co_quan).upper(),
            "ten_bang": "BẰNG KHEN",
            "ten": a.ten,
            "don_vi": "" if a.tap_the else ", ".join(x for x in (a.chuc_vu, a.don_vi) if x),
            "thanh_tich": f"Đã có thành tích {a.thanh_tich}"
            if not a.thanh_tich.startswith("Đã có")
            else a.thanh_tich,
            "quyet_dinh": f"Quyết định số {so_ky_hieu(quyet_dinh.so, 'QĐ-' + co_quan.ten_viet_tat)} "
            f"{ngay(issued)}",
            "so_vao_so": "…………",
            "dia_danh_ngay": f"{co_quan.dia_danh}, {ngay(issued)}",
            "nguoi_ky": signer(co_quan.nguoi_ky[quyet_dinh.nguoi_ky]),
        }
    }


DOSSIER_KINDS = ("to_trinh", "bien_ban", "quyet_dinh", "bao_cao", "bang_khen", "in_phoi")


@dataclass(frozen=True)
class Job:
    """One document of the dossier: where it goes, what it is, for whom, and how it is made —
    either a template and its context, or (print-on-stock certificates) the texts to place."""

    target: Path  # relative to the output folder
    kind: str
    awardee: str
    template: str | None = None
    context: dict[str, Any] | None = None
    stock_texts: dict[str, str] | None = None


def dossier_jobs(
    campaign: Campaign, award: AwardDossier, *, only: Iterable[str] = DOSSIER_KINDS
) -> list[Job]:
    """Every document of the award dossier, in list order. A document whose data is missing (no
    ``to_trinh`` in khen-thuong.yaml, no certificate positions in the profile…) is left out."""
    wanted = set(only)
    unknown = wanted - set(DOSSIER_KINDS)
    if unknown:
        raise InputError(
            f"Không có loại văn bản {', '.join(sorted(unknown))}; các loại: {', '.join(DOSSIER_KINDS)}"
        )
    ho_so = award.ho_so
    jobs: list[Job] = []
    if "to_trinh" in wanted and ho_so.to_trinh is not None:
        jobs.append(
            Job(
                Path("to-trinh.docx"),
                "to_trinh",
                "",
                "to_trinh.docx",
                to_trinh_context(campaign, award),
            )
        )
        jobs.append(
            Job(
                Path("danh-sach-kem-to-trinh.docx"),
                "danh_sach",
                "",
                "danh_sach.docx",
                danh_sach_context(campaign, award, "to_trinh"),
            )
        )
    if "bien_ban" in wanted and ho_so.bien_ban is not None:
        jobs.append(
            Job(
                Path("bien-ban.docx"),
                "bien_ban",
                "",
                "bien_ban.docx",
                bien_ban_context(campaign, award),
            )
        )
    if "quyet_dinh" in wanted and ho_so.quyet_dinh is not None:
        jobs.append(
            Job(
                Path("quyet-dinh.docx"),
                "quyet_dinh",
                "",
                "quyet_dinh.docx",
                quyet_dinh_context(campaign, award),
            )
        )
        jobs.append(
            Job(
                Path("danh-sach-kem-quyet-dinh.docx"),
                "danh_sach",
                "",
                "danh_sach.docx",
                danh_sach_context(campaign, award, "quyet_dinh"),
            )
        )
    layout = campaign.co_quan.bang_khen
    for a in award.dossier.awardees:
        if "bao_cao" in wanted:
            jobs.append(
                Job(
                    Path("bao-cao-thanh-tich") / f"{a.slug}.docx",
                    "bao_cao",
                    a.ten,
                    "bao_cao_thanh_tich.docx",
                    bao_cao_context(campaign, award, a),
                )
            )
    for a in award.dossier.awardees:
        if "bang_khen" in wanted and ho_so.quyet_dinh is not None:
            jobs.append(
                Job(
                    Path("bang-khen") / f"{a.slug}.docx",
                    "bang_khen",
                    a.ten,
                    "bang_khen.docx",
                    bang_khen_context(campaign, award, a),
                )
            )
    for a in award.dossier.awardees:
        if "in_phoi" in wanted and ho_so.quyet_dinh is not None and layout.vi_tri:
            card = bang_khen_context(campaign, award, a)["bang_khen"]
            texts = {
                "ten": card["ten"],
                "don_vi": card["don_vi"],
                "thanh_tich": card["thanh_tich"],
                "quyet_dinh": card["quyet_dinh"],
                "dia_danh_ngay": card["dia_danh_ngay"],
                "chuc_vu_nguoi_ky": "\n".join(card["nguoi_ky"]["cac_dong"]),
                "nguoi_ky": card["nguoi_ky"]["ho_ten"],
            }
            jobs.append(
                Job(
                    Path("bang-khen-in-phoi") / f"{a.slug}.docx",
                    "in_phoi",
                    a.ten,
                    stock_texts=texts,
                )
            )
    return jobs


def dossier(
    campaign: Campaign,
    award: AwardDossier,
    out_dir: Path,
    *,
    only: Iterable[str] = DOSSIER_KINDS,
    force: bool = False,
    templates_dir: Path | None = None,
) -> list[Path]:
    """Write the award dossier: Tờ trình and its list, Biên bản, Quyết định and its list, one
    Báo cáo thành tích draft and one Bằng khen (full page and print-on-stock) per awardee.
    All or nothing: every document is rendered before any is written."""
    out = Path(out_dir)
    jobs = dossier_jobs(campaign, award, only=only)
    templated = [(out / j.target, str(j.template), j.context or {}) for j in jobs if j.template]
    stock = [
        (out / j.target, in_phoi(campaign.co_quan.bang_khen, j.stock_texts or {}))
        for j in jobs
        if j.stock_texts is not None
    ]
    for target, _ in stock:
        check_writable(target, force=force)
    written = render_all(templated, force=force, templates_dir=templates_dir)
    for target, data in stock:
        write_atomic(target, data, force=force)
    order = {out / j.target: i for i, j in enumerate(jobs)}
    return sorted([*written, *(target for target, _ in stock)], key=lambda p: order[p])
