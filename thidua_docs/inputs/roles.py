"""Who proposes, who decides, who signs: the roles of the agency profile checked against the
award dossier, and the decision's legal bases checked against its date. Every problem located.

- The tờ trình is issued by the proposing unit (``don_vi_de_nghi``) and signed by its head; it is
  addressed to the deciding authority, who therefore neither signs it (nor has it signed for him,
  KT. TỔNG GIÁM ĐỐC) nor appears in its own Nơi nhận.
- The quyết định (and with it the certificates) is signed by the deciding authority
  (``cap_quyet_dinh``) or for him: KT./Q./TL./TUQ. followed by his title.
- The biên bản is the council's: its presiding member is the Chủ tịch or a Phó Chủ tịch, present,
  and not the secretary.
"""

from __future__ import annotations

from pathlib import Path

from thidua_docs.diagnostics import LineMap, Problem, display_path
from thidua_docs.inputs import legal
from thidua_docs.inputs.campaign import Campaign
from thidua_docs.inputs.validation import found_text
from thidua_docs.inputs.yamlfile import load_yaml_collecting
from thidua_docs.schema.agency import HoSoCoQuan, NguoiKy
from thidua_docs.schema.dossier import HoSoKhenThuong

_CHAIRS = ("Chủ tịch", "Phó Chủ tịch")


def signs_for(person: NguoiKy, title: str) -> bool:
    """Whether ``person`` signs as the holder of ``title`` or for him (KT./Q./TL./TUQ./TM.)."""
    if person.quyen_han is None or person.quyen_han == "Q.":
        return person.chuc_vu == title
    return person.thay_cho == title


def _lines(file: Path) -> LineMap:
    _, lines, _ = load_yaml_collecting(file)
    return lines


def role_problems(campaign: Campaign, ho_so: HoSoKhenThuong, lines: LineMap) -> list[Problem]:
    """Every role problem of a dossier (``lines``: where its khen-thuong.yaml has each value) and
    its agency profile."""
    co_quan = campaign.co_quan
    profile = _lines(campaign.profile_file)
    problems = _profile_role_problems(co_quan, profile)
    problems += _to_trinh_problems(co_quan, ho_so, lines)
    problems += _decision_problems(co_quan, ho_so, lines, profile)
    problems += _minutes_problems(co_quan, ho_so, lines)
    return problems


def _unknown_signer(
    co_quan: HoSoCoQuan, key: str, lines: LineMap, path: tuple[str, ...]
) -> Problem:
    known = ", ".join(sorted(co_quan.nguoi_ky))
    return Problem(
        lines.file,
        lines.line(path),
        display_path(path),
        f"không có người ký mã này trong mục nguoi_ky của hồ sơ cơ quan; các mã có: {known}",
        found_text(key),
    )


def _profile_role_problems(co_quan: HoSoCoQuan, profile: LineMap) -> list[Problem]:
    problems = []
    unit = co_quan.don_vi_de_nghi
    if unit is not None and unit.nguoi_ky not in co_quan.nguoi_ky:
        problems.append(
            _unknown_signer(co_quan, unit.nguoi_ky, profile, ("don_vi_de_nghi", "nguoi_ky"))
        )
    authority, old = co_quan.cap_quyet_dinh, co_quan.tham_quyen_khen_thuong
    if authority is not None and old is not None and old != authority.ten:
        problems.append(
            Problem(
                profile.file,
                profile.line(("tham_quyen_khen_thuong",)),
                "tham_quyen_khen_thuong",
                f"khóa cũ tham_quyen_khen_thuong khác cap_quyet_dinh › ten ({authority.ten!r}): "
                "chỉ giữ cap_quyet_dinh, xóa tham_quyen_khen_thuong",
                found_text(old),
            )
        )
    return problems


def _to_trinh_problems(co_quan: HoSoCoQuan, ho_so: HoSoKhenThuong, lines: LineMap) -> list[Problem]:
    to_trinh = ho_so.to_trinh
    if to_trinh is None or to_trinh.nguoi_ky not in co_quan.nguoi_ky:
        return []  # an unknown signer is reported by signer_problems
    problems = []
    person = co_quan.nguoi_ky[to_trinh.nguoi_ky]
    authority = co_quan.cap_quyet_dinh
    if authority is not None and signs_for(person, authority.chuc_vu):
        unit = co_quan.don_vi_de_nghi
        head = f" ({unit.nguoi_ky})" if unit is not None else ""
        problems.append(
            Problem(
                lines.file,
                lines.line(("to_trinh", "nguoi_ky")),
                "to_trinh › nguoi_ky",
                f"tờ trình gửi {authority.ten} không do {authority.chuc_vu} ký hay ký thay "
                f'(người ký mã này ký "{" / ".join(person.cac_dong)}"): người ký tờ trình là '
                f"người đứng đầu đơn vị đề nghị{head}",
                found_text(to_trinh.nguoi_ky),
            )
        )
    addressees = {_bare(a) for a in to_trinh.kinh_gui}
    for index, line in enumerate(to_trinh.noi_nhan):
        path = ("to_trinh", "noi_nhan", index)
        if person.ho_ten.casefold() in line.casefold():
            why = (
                f"người ký tờ trình ({person.ho_ten}) không có trong Nơi nhận của chính tờ trình "
                "mình ký"
            )
        elif _bare(line) in addressees:
            why = 'người nhận ở Kính gửi đã có trong Nơi nhận qua dòng "- Như trên;": xóa dòng này'
        else:
            continue
        problems.append(
            Problem(lines.file, lines.line(path), display_path(path), why, found_text(line))
        )
    return problems


def _bare(line: str) -> str:
    """A recipient without its "(để b/c)" / "(để biết)" and punctuation, for comparison."""
    text = line.strip().lstrip("-+ ").rstrip(";.").strip()
    if text.endswith(")") and "(" in text:
        text = text[: text.rindex("(")].strip()
    return text.casefold()


def _decision_problems(
    co_quan: HoSoCoQuan, ho_so: HoSoKhenThuong, lines: LineMap, profile: LineMap
) -> list[Problem]:
    quyet_dinh = ho_so.quyet_dinh
    if quyet_dinh is None:
        return []
    problems = []
    authority = co_quan.cap_quyet_dinh
    person = co_quan.nguoi_ky.get(quyet_dinh.nguoi_ky)
    if authority is not None and person is not None and not signs_for(person, authority.chuc_vu):
        title = authority.chuc_vu
        problems.append(
            Problem(
                lines.file,
                lines.line(("quyet_dinh", "nguoi_ky")),
                "quyet_dinh › nguoi_ky",
                f"quyết định (và bằng khen, giấy khen) do {title} ký, hoặc ký thay: KT. {title}, "
                f"Q. {title}, TL. {title}, TUQ. {title} (cap_quyet_dinh của hồ sơ cơ quan); người "
                f'ký mã này ký "{" / ".join(person.cac_dong)}"',
                found_text(quyet_dinh.nguoi_ky),
            )
        )
    texts = legal.legal_texts(co_quan)
    chosen = legal.citing_day(quyet_dinh.ngay, quyet_dinh.ngay_tinh_tien, texts)
    if chosen.day is None:
        problems.append(
            Problem(
                lines.file,
                lines.line(("quyet_dinh", "ngay")),
                "quyet_dinh › ngay",
                chosen.problem or "",
                found_text(getattr(quyet_dinh.ngay, "nam", quyet_dinh.ngay)),
            )
        )
        return problems
    for source, written, key in (
        (profile, co_quan.can_cu_khen_thuong, "can_cu_khen_thuong"),
        (lines, quyet_dinh.can_cu, "quyet_dinh"),
    ):
        for index, why in legal.hand_written_problems(co_quan, written, chosen.day):
            path: tuple[str | int, ...] = (
                ("can_cu_khen_thuong", index) if key == "can_cu_khen_thuong" else
                ("quyet_dinh", "can_cu", index)
            )  # fmt: skip
            problems.append(
                Problem(
                    source.file,
                    source.line(path),
                    display_path(path),
                    f"{why} (văn bản căn cứ được chọn tự động theo ngày quyết định từ "
                    f"{legal.TABLE_FILE}: xóa dòng này)",
                    found_text(written[index]),
                )
            )
    return problems


def _minutes_problems(co_quan: HoSoCoQuan, ho_so: HoSoKhenThuong, lines: LineMap) -> list[Problem]:
    bien_ban, council = ho_so.bien_ban, co_quan.hoi_dong_tdkt
    if bien_ban is None or council is None:
        return []
    members = council.thanh_vien
    problems = []

    def problem(path: tuple[str, ...], why: str, found: str) -> None:
        problems.append(
            Problem(lines.file, lines.line(path), display_path(path), why, found_text(found))
        )

    chair = members.get(bien_ban.chu_tri)
    if chair is not None and chair.vai_tro not in _CHAIRS:
        problem(
            ("bien_ban", "chu_tri"),
            f"người chủ trì cuộc họp là Chủ tịch hoặc Phó Chủ tịch Hội đồng; {chair.ho_ten} là "
            f"{chair.vai_tro}",
            bien_ban.chu_tri,
        )
    if bien_ban.chu_tri == bien_ban.thu_ky:
        problem(
            ("bien_ban", "thu_ky"),
            "thư ký cuộc họp phải là người khác người chủ trì (hai người cùng ký biên bản)",
            bien_ban.thu_ky,
        )
    for key in ("chu_tri", "thu_ky"):
        member = getattr(bien_ban, key)
        if member in bien_ban.vang_mat:
            problem(
                ("bien_ban", key),
                "người ký biên bản phải có mặt tại cuộc họp (mã này có trong vang_mat)",
                member,
            )
    return problems
