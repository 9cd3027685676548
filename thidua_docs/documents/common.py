"""What every document kind's context is made of: numbers, ND30 list lines, signers, parts.

The template context is plain data (dicts, lists, text, numbers, dates) with Vietnamese keys:
what office staff type into templates. Punctuation and numbering that ND30 fixes (the "- …;"
lines, "1." / "a)" labels, "Số: 05/KH-BHXH") are computed here once, so every template agrees.
Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from thidua_docs.awards.dossier import Awardee, Dossier
from thidua_docs.evaluation.rules import announced_sections, rule_texts
from thidua_docs.formatting import NgayDuThao, chu_cai, ngay, so
from thidua_docs.inputs.dossier import AwardDossier
from thidua_docs.schema import ChienDich, Diem, HoSoCoQuan, Muc, NguoiKy, VanBanGui, Y
from thidua_docs.schema.body import (
    BULLETS,
    Nut,
    Placed,
    ThanVanBan,
    emphasis,
    place_items,
    resolve,
)

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


def body_paragraphs(
    body: ThanVanBan,
    texts: Mapping[str, str | Sequence[str]] | None = None,
    labels: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The paragraphs of a document body in reading order, numbered as the document declares.

    Each paragraph: ``loai`` ("tieu_de": a heading standing alone, kept with the next paragraph;
    "dong": a numbered line; "doan": a plain paragraph), ``cap`` (its level, 1 for the body's own
    items), ``kieu`` (the level's numbering), ``so`` ("II.", "5.1.3.", "đ)", "-"), ``kieu_chu``
    (emphasis of the lead: "dam", "nghieng", "dam_nghieng" or "" for none), ``dau`` (the lead:
    number and heading, printed with that emphasis) and ``sau`` (the rest of the line), and the
    clerk's ``tieu_de`` and ``noi_dung``. References ``{ref:nhan}`` print the item's number and an
    item naming a rule (``quy_tac``) prints the rule's announced wording from ``texts``; a rule
    announced in several lines (one threshold per quarter) prints one bullet per line when the
    item is a bullet, else its first line on the item and the others as paragraphs under it.
    """
    texts = texts or {}
    placed, _ = place_items(body, ())
    by_path = {p.path: p for p in placed}
    labels = labels if labels is not None else references_of(placed)
    out: list[dict[str, Any]] = []

    def plain(text: str, p: Placed | None) -> dict[str, Any]:
        level = p.depth if p else 0
        return {
            "loai": "doan",
            "cap": level,
            "kieu": "",
            "so": "",
            "kieu_chu": "",
            "dau": "",
            "sau": resolve(text, labels),
            "tieu_de": "",
            "noi_dung": resolve(text, labels),
        }

    def rule_lines(p: Placed) -> list[str]:
        if p.item.quy_tac is None:
            return [p.item.noi_dung] if p.item.noi_dung else []
        wording = texts[p.item.quy_tac]
        return [wording] if isinstance(wording, str) else list(wording)

    def line(p: Placed, text: str, first: bool = True) -> dict[str, Any]:
        item = p.item
        style, upper = emphasis(p.level, p.decimal_depth)
        heading = resolve(item.tieu_de, labels) if item.tieu_de and first else ""
        if upper:
            heading = heading.upper()
        text = resolve(text, labels) if text else ""
        lead = f"{p.printed} {_title(heading, text)}" if heading else ""
        rest = f" {text}" if heading and text else ("" if heading else f"{p.printed} {text}")
        if style == "thuong" and lead:
            lead, rest = "", lead + rest
        return {
            "loai": "tieu_de" if lead and not rest else "dong",
            "cap": p.depth,
            "kieu": p.level.kieu,
            "so": p.printed,
            "kieu_chu": "" if style == "thuong" or not lead else style,
            "dau": lead,
            "sau": rest,
            "tieu_de": heading,
            "noi_dung": text,
        }

    def visit(items: list[Nut], key: str, path: tuple[str | int, ...]) -> None:
        for index, _item in enumerate(items):
            here = (*path, key, index)
            p = by_path.get(here)
            if p is None:  # beyond the declared levels: refused when the spec is loaded
                continue
            first, *more = rule_lines(p) or [""]
            out.append(line(p, first))
            if p.level.kieu in BULLETS:
                out.extend(line(p, text, first=False) for text in more)
            else:
                out.extend(plain(text, p) for text in more)
            out.extend(plain(t, p) for t in p.item.cac_doan)
            visit(p.item.cac_y, "cac_y", here)
            visit(p.item.cac_muc, "cac_muc", here)
            out.extend(plain(t, p) for t in p.item.doan_sau)

    visit(list(body.cac_muc), "cac_muc", ())
    return out


#: What the template guide and ``thidua templates vars`` say about a body's paragraphs.
BODY_DESCRIPTIONS = {
    "van_ban.cac_doan": (
        "các đoạn của thân văn bản theo thứ tự đọc, đã đánh số (mỗi đoạn có loai, cap, kieu, so, "
        "kieu_chu, dau, sau, tieu_de, noi_dung); in bằng {{ d.dau|dinh_dang }}{{ d.sau|dinh_dang }}"
    ),
    "van_ban.cac_doan[].loai": (
        "tieu_de (tiêu đề đứng riêng, giữ cùng trang với đoạn sau), dong (dòng có số), "
        "doan (đoạn thường)"
    ),
    "van_ban.cac_doan[].cap": "cấp của mục (hoặc của mục chứa đoạn): 1 cho các mục ngoài cùng",
    "van_ban.cac_doan[].kieu": "cách đánh số của cấp: A, I, 1, 1.1, a, -, + (trống với đoạn thường)",
    "van_ban.cac_doan[].so": "số của mục như in: A., II., 3., 5.1.3., đ), -, +",
    "van_ban.cac_doan[].kieu_chu": (
        "kiểu chữ của phần đầu (dau) theo Nghị định 30: dam, nghieng, dam_nghieng hoặc trống"
    ),
    "van_ban.cac_doan[].dau": "phần đầu in theo kieu_chu: số và tiêu đề (trống nếu mục không có tiêu đề)",
    "van_ban.cac_doan[].sau": "phần còn lại của dòng, chữ thường (cả số nếu mục không có tiêu đề)",
    "van_ban.cac_doan[].tieu_de": "tiêu đề của mục (đã in hoa nếu cấp in hoa)",
    "van_ban.cac_doan[].noi_dung": "nội dung của mục hoặc của đoạn, chưa có số",
}


def references_of(placed: list[Placed]) -> dict[str, str]:
    return {p.item.nhan: p.reference for p in placed if p.item.nhan is not None}


def _node(**fields: Any) -> Nut:
    """An item of a body written in the earlier fixed layout (not validated again: that layout
    allowed bullets and points under one item, printed in that order)."""
    return Nut.model_construct(**fields)


def _from_bullet(y: Y) -> Nut:
    return _node(noi_dung=y.noi_dung, quy_tac=y.quy_tac, cac_y=[_node(noi_dung=t) for t in y.cac_y])


def _from_point(diem: Diem) -> Nut:
    return _node(
        tieu_de=diem.tieu_de,
        noi_dung=diem.noi_dung,
        cac_doan=list(diem.cac_doan),
        cac_y=[_from_bullet(y) for y in diem.cac_y],
    )


def legacy_items(items: list[Muc]) -> list[Nut]:
    """Numbered items of the earlier layout (cac_muc › cac_diem › cac_y) as body items."""
    return [
        _node(
            tieu_de=muc.tieu_de,
            noi_dung=muc.noi_dung,
            cac_doan=list(muc.cac_doan),
            cac_y=[_from_bullet(y) for y in muc.cac_y],
            cac_muc=[_from_point(d) for d in muc.cac_diem],
        )
        for muc in items
    ]


def legacy_cong_van_body(chien_dich: ChienDich) -> ThanVanBan:
    """The body of a công văn written in the earlier fixed layout (five parts I–V from the
    campaign's muc_tieu, doi_tuong, thoi_gian, noi_dung, tieu_chi, khen_thuong and
    to_chuc_thuc_hien): the upgrade path, so such specs still print as they did."""
    rules = chien_dich.danh_gia
    tieu_chi, khen_thuong = list(chien_dich.tieu_chi), list(chien_dich.khen_thuong.cac_muc)
    if rules is not None:  # parts the clerk did not write are written from the rules themselves
        criteria, awards = announced_sections(rules)
        tieu_chi = tieu_chi or criteria
        khen_thuong = khen_thuong or awards
    thoi_gian = chien_dich.thoi_gian.van_ban if chien_dich.thoi_gian else None

    def opening(text: str | None) -> list[str]:
        return [text] if text else []

    parts = [
        _node(
            tieu_de="Mục tiêu, đối tượng và thời gian thi đua",
            cac_muc=[
                _node(tieu_de=title, noi_dung=text)
                for title, text in (
                    ("Mục tiêu thi đua", chien_dich.muc_tieu),
                    ("Đối tượng thi đua", chien_dich.doi_tuong),
                    ("Thời gian thi đua", thoi_gian),
                )
            ],
        ),
        _node(
            tieu_de="Nội dung thi đua",
            cac_doan=opening(chien_dich.noi_dung.mo_dau),
            cac_muc=legacy_items(list(chien_dich.noi_dung.cac_muc)),
        ),
        _node(tieu_de="Tiêu chí thi đua", cac_muc=legacy_items(tieu_chi)),
        _node(
            tieu_de="Công tác khen thưởng",
            cac_doan=opening(chien_dich.khen_thuong.mo_dau),
            cac_muc=legacy_items(khen_thuong),
        ),
        _node(
            tieu_de="Tổ chức thực hiện", cac_muc=legacy_items(list(chien_dich.to_chuc_thuc_hien))
        ),
    ]
    return ThanVanBan.model_construct(danh_so=None, cac_muc=parts)


def agency_context(co_quan: HoSoCoQuan) -> dict[str, Any]:
    return {
        "chu_quan": co_quan.co_quan_chu_quan or "",
        "ten": co_quan.ten_co_quan,
        "ten_viet_tat": co_quan.ten_viet_tat,
        "ten_goi_tat": co_quan.ten_goi_tat,
        "dia_danh": co_quan.dia_danh,
        "tham_quyen": (co_quan.tham_quyen_khen_thuong or "").upper(),
    }


def proposing_unit(co_quan: HoSoCoQuan, ky_hieu: str | None) -> tuple[str, str, dict[str, Any]]:
    """Who issues the tờ trình: its code ("TTr-TĐKT"), its name in prose ("Vụ Thi đua - Khen
    thưởng") and its header (the agency above the unit, ND30 ô 2); the agency itself when the
    profile names no proposing unit (``don_vi_de_nghi``)."""
    unit = co_quan.don_vi_de_nghi
    header = agency_context(co_quan)
    if unit is None:
        return ky_hieu or f"TTr-{co_quan.ten_viet_tat}", co_quan.ten_goi_tat, header
    header = {**header, "chu_quan": co_quan.ten_co_quan, "ten": unit.ten.upper()}
    return ky_hieu or f"TTr-{unit.ky_hieu}", unit.ten, header


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


def can_cu_lines(lines: Iterable[str], theo_de_nghi: str) -> list[str]:
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


def awardee_context(a: Awardee) -> dict[str, Any]:
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


def counted(tap_the: int, ca_nhan: int) -> str:
    """ "03 tập thể và 04 cá nhân", "02 cá nhân": the counts as the documents state them, two
    digits, a kind with none left out."""
    parts = [f"{n:02d} {what}" for n, what in ((tap_the, "tập thể"), (ca_nhan, "cá nhân")) if n]
    return " và ".join(parts)


def award_context(dossier: Dossier) -> dict[str, Any]:
    """The award list as every dossier template sees it: same numbers, same totals everywhere."""
    groups = []
    for g in dossier.groups:
        groups.append(
            {
                "hinh_thuc": g.hinh_thuc,
                "thanh_tich": g.thanh_tich,
                "tap_the": [awardee_context(a) for a in g.tap_the],
                "ca_nhan": [awardee_context(a) for a in g.ca_nhan],
                "so_tap_the": len(g.tap_the),
                "so_ca_nhan": len(g.ca_nhan),
                "tap_the_ca_nhan": counted(len(g.tap_the), len(g.ca_nhan)),
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
        "tap_the_ca_nhan": counted(dossier.so_tap_the, dossier.so_ca_nhan),
        "tong_tien": dossier.tong_tien,
    }


def reference(
    kind: str, number: int | None, ky_hieu: str, issued: date | NgayDuThao, issuer: str
) -> str:
    """ "Quyết định số 12/QĐ-BHXH ngày 15 tháng 01 năm 2025 của …" (blanks for a draft)."""
    return f"{kind} số {so_ky_hieu(number, ky_hieu)} {ngay(issued)} của {issuer}"


def dossier_year(award: AwardDossier, today: date) -> int:
    """The year a dossier belongs to: its decision's or proposal's, else the money date's, else today's."""
    for document in (award.ho_so.quyet_dinh, award.ho_so.to_trinh):
        if document is not None:
            issued = document.ngay
            return issued.nam if isinstance(issued, NgayDuThao) else issued.year
    return award.ngay_tinh_tien.year if award.ngay_tinh_tien else today.year
