"""Loading a campaign folder: ``chien-dich.yaml`` and the agency profile it names.

Every problem in both files is collected and reported at once (``SpecError``), each with its
file:line, the key path, the value found and what was expected, in Vietnamese.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thidua_docs.diagnostics import LineMap, Problem, display_path
from thidua_docs.errors import InputError, SpecError
from thidua_docs.evaluation.rules import rule_texts
from thidua_docs.inputs.validation import found_text, load_model
from thidua_docs.schema import (
    ChienDich,
    HoSoCoQuan,
    Y,
)
from thidua_docs.schema.body import body_findings

CAMPAIGN_FILE = "chien-dich.yaml"


@dataclass(frozen=True)
class Campaign:
    """A validated campaign with its agency profile."""

    folder: Path
    spec_file: Path
    profile_file: Path
    chien_dich: ChienDich
    co_quan: HoSoCoQuan

    @property
    def templates_dir(self) -> Path | None:
        """The office's own templates folder named in the agency profile, if any."""
        if self.co_quan.thu_muc_mau is None:
            return None
        return (self.profile_file.parent / self.co_quan.thu_muc_mau).resolve()


#: What the công văn template prints under fixed headings: each must be there and not empty.
_CONG_VAN_PARTS = {
    "thoi_gian": ("ket_thuc",),
    "muc_tieu": (),
    "doi_tuong": (),
    "noi_dung": ("mo_dau", "cac_muc"),
    "tieu_chi": (),
    "khen_thuong": ("mo_dau", "cac_muc"),
    "to_chuc_thuc_hien": (),
}


def _required_parts(data: Any, lines: LineMap) -> list[Problem]:
    """Parts a document needs, checked on the raw data so they are reported with every other problem."""
    if not isinstance(data, dict) or not data.get("cong_van"):
        return []
    if isinstance(data["cong_van"], dict) and data["cong_van"].get("cac_muc"):
        return []  # the circular writes its own body (schema.body)
    problems = []
    for key, inner in _CONG_VAN_PARTS.items():
        if key in ("tieu_chi", "khen_thuong") and data.get("danh_gia"):
            continue  # written from the evaluation rules when the clerk leaves them out
        value = data.get(key)
        present = bool(value) and (
            not inner or (isinstance(value, dict) and any(value.get(k) for k in inner))
        )
        if not present:
            problems.append(
                Problem(
                    lines.file,
                    lines.line((key,)),
                    key,
                    "công văn phát động cần mục này (một phần của công văn) và mục không được để trống",
                )
            )
    return problems


def load_campaign(folder: Path) -> Campaign:
    """Load and validate a campaign folder (or a campaign YAML file) and its agency profile."""
    folder = Path(folder)
    if folder.is_dir():
        spec_file = folder / CAMPAIGN_FILE
        if not spec_file.is_file():
            raise InputError(
                f"Thư mục {folder} không có tệp {CAMPAIGN_FILE} (tệp khai báo chiến dịch thi đua)"
            )
    elif folder.is_file():
        spec_file, folder = folder, folder.parent
    else:
        raise InputError(f"Không tìm thấy thư mục chiến dịch {folder}")

    chien_dich, raw, lines, problems = load_model(spec_file, ChienDich)
    known = {p.path for p in problems}
    problems += [p for p in _required_parts(raw, lines) if p.path not in known]

    # Even when the campaign has problems, still check the profile it names.
    profile_ref = raw.get("co_quan") if isinstance(raw, dict) else None
    if not isinstance(profile_ref, str):
        profile_ref = None

    co_quan = None
    profile_file = spec_file
    if profile_ref is not None:
        profile_file = (spec_file.parent / profile_ref).resolve()
        if profile_file.suffix.lower() not in (".yaml", ".yml"):
            problems.append(
                Problem(
                    spec_file,
                    lines.line(("co_quan",)),
                    "co_quan",
                    "hồ sơ cơ quan là một tệp .yaml (ví dụ ../co-quan/bhxh-viet-nam-2024.yaml)",
                    found_text(profile_ref),
                )
            )
        elif not profile_file.is_file():
            problems.append(
                Problem(
                    spec_file,
                    lines.line(("co_quan",)),
                    "co_quan",
                    f"không tìm thấy tệp hồ sơ cơ quan {profile_file}",
                    found_text(profile_ref),
                )
            )
        else:
            co_quan, _, profile_lines, profile_problems = load_model(profile_file, HoSoCoQuan)
            problems += profile_problems

    if chien_dich is not None and co_quan is not None:
        problems += _cross_check(chien_dich, co_quan, spec_file, lines)
        if (
            co_quan.thu_muc_mau is not None
            and not (profile_file.parent / co_quan.thu_muc_mau).is_dir()
        ):
            problems.append(
                Problem(
                    profile_file,
                    profile_lines.line(("thu_muc_mau",)),
                    "thu_muc_mau",
                    "không tìm thấy thư mục mẫu riêng của cơ quan",
                    found_text(co_quan.thu_muc_mau),
                )
            )
    if problems or chien_dich is None or co_quan is None:
        raise SpecError(problems)  # a file that does not parse always has its problem listed
    return Campaign(folder, spec_file, profile_file, chien_dich, co_quan)


def _cross_check(
    chien_dich: ChienDich, co_quan: HoSoCoQuan, file: Path, lines: LineMap
) -> list[Problem]:
    """Checks that need both files or several keys: signers exist, required parts are there."""
    problems = []
    cong_van = chien_dich.cong_van
    if cong_van is not None:
        problems += signer_problems(
            co_quan, cong_van.nguoi_ky, ("cong_van", "nguoi_ky"), file, lines
        )
        if not (cong_van.don_vi_soan_thao or co_quan.don_vi_soan_thao):
            problems.append(
                Problem(
                    file,
                    lines.line(("cong_van",)),
                    "cong_van › don_vi_soan_thao",
                    "cần ký hiệu đơn vị soạn thảo (ví dụ TĐKT) ở công văn hoặc ở hồ sơ cơ quan",
                )
            )
    seen: dict[str, int] = {}
    for r, round_ in enumerate(chien_dich.dot):
        if round_.ma in seen:
            path = ("dot", r, "ma")
            problems.append(
                Problem(
                    file,
                    lines.line(path),
                    display_path(path),
                    f"hai đợt xét cùng mã (đã có ở đợt thứ {seen[round_.ma] + 1})",
                    found_text(round_.ma),
                )
            )
        seen.setdefault(round_.ma, r)
    if chien_dich.danh_gia is not None:
        problems += _rule_problems(chien_dich, file, lines)
    else:
        for r, round_ in enumerate(chien_dich.dot):
            for key in ("ky", "ket_qua", "so_luong", "ca_nhan_toi_da"):
                if getattr(round_, key):
                    at: tuple[str | int, ...] = ("dot", r, key)
                    problems.append(
                        Problem(
                            file,
                            lines.line(at),
                            display_path(at),
                            "chỉ dùng khi chiến dịch có quy tắc đánh giá (mục danh_gia)",
                        )
                    )
    if chien_dich.ke_hoach is not None:
        problems += signer_problems(
            co_quan, chien_dich.ke_hoach.nguoi_ky, ("ke_hoach", "nguoi_ky"), file, lines
        )
    problems += _body_problems(chien_dich, file, lines)
    return problems


def _body_problems(chien_dich: ChienDich, file: Path, lines: LineMap) -> list[Problem]:
    """A document body's structure: levels, labels and references, emphasis marks, rules."""
    rules = chien_dich.danh_gia
    codes = set(rule_texts(rules)) if rules is not None else None
    problems = []
    for key, document in (("cong_van", chien_dich.cong_van), ("ke_hoach", chien_dich.ke_hoach)):
        if document is None:
            continue
        outside: list[tuple[tuple[str | int, ...], str]] = [
            ((key, "mo_dau", i), text) for i, text in enumerate(document.mo_dau)
        ]
        outside.append(((key, "ket_luan"), document.ket_luan))
        for path, message, found in body_findings(document, (key,), codes, outside):
            problems.append(
                Problem(
                    file,
                    lines.line(path),
                    display_path(path),
                    message,
                    None if found is None else found_text(found),
                )
            )
    return problems


def signer_problems(
    co_quan: HoSoCoQuan, signer: str, path: tuple[str | int, ...], file: Path, lines: LineMap
) -> list[Problem]:
    """A signer id must name a signer of the agency profile."""
    if signer in co_quan.nguoi_ky:
        return []
    known = ", ".join(sorted(co_quan.nguoi_ky))
    return [
        Problem(
            file,
            lines.line(path),
            display_path(path),
            f"không có người ký mã này trong hồ sơ cơ quan; các mã có: {known}",
            found_text(signer),
        )
    ]


def _rule_problems(chien_dich: ChienDich, file: Path, lines: LineMap) -> list[Problem]:
    """Every code a rule names must exist; thresholds must cover the evaluated period."""
    rules = chien_dich.danh_gia
    problems: list[Problem] = []
    if rules is None:
        return problems

    def report(path: tuple[str | int, ...], message: str, found: Any = None) -> None:
        problems.append(
            Problem(
                file,
                lines.line(path),
                display_path(path),
                message,
                None if found is None else found_text(found),
            )
        )

    codes: set[str] = set()
    for g, group in enumerate(rules.nhom):
        base: tuple[str | int, ...] = ("danh_gia", "nhom", g)
        metrics = {m.ma for m in group.chi_so}
        known = metrics | {t.ma for t in group.ty_le}
        listing = ", ".join(sorted(known))
        for i, ratio in enumerate(group.ty_le):
            for part in ("tu_so", "mau_so"):
                if getattr(ratio, part) not in metrics:
                    report(
                        (*base, "ty_le", i, part),
                        f"không có chỉ số mã này trong nhóm; các mã có: {listing}",
                        getattr(ratio, part),
                    )
        criteria = {c.ma for c in group.tieu_chi}
        for i, criterion in enumerate(group.tieu_chi):
            for part in ("chi_so", "so_voi"):
                value = getattr(criterion, part)
                if value is not None and value not in known:
                    report(
                        (*base, "tieu_chi", i, part),
                        f"không có chỉ số mã này; các mã có: {listing}",
                        value,
                    )
            if (
                isinstance(criterion.nguong, dict)
                and not rules.dot
                and rules.ky not in criterion.nguong
            ):
                report(
                    (*base, "tieu_chi", i, "nguong"),
                    f"chưa có ngưỡng cho kỳ đánh giá {rules.ky} (danh_gia › ky)",
                )
            for r, round_ in enumerate(rules.dot):
                ky = round_.ky or rules.ky
                if isinstance(criterion.nguong, dict) and ky not in criterion.nguong:
                    where = ("dot", r, "ky") if round_.ky else ("danh_gia", "ky")
                    report(
                        (*base, "tieu_chi", i, "nguong"),
                        f"chưa có ngưỡng cho kỳ {ky} của đợt xét {round_.ma} "
                        f"({display_path(where)})",
                    )
        for i, field_ in enumerate(group.linh_vuc):
            many = not isinstance(field_.xep_hang_theo, str)
            for j, metric in enumerate(field_.chi_so_xep_hang):
                if metric not in known:
                    at: tuple[str | int, ...] = (*base, "linh_vuc", i, "xep_hang_theo")
                    report(
                        (*at, j) if many else at,
                        f"không có chỉ số mã này; các mã có: {listing}",
                        metric,
                    )
            for j, code in enumerate(field_.tieu_chi or []):
                if code not in criteria:
                    report(
                        (*base, "linh_vuc", i, "tieu_chi", j),
                        "không có tiêu chí mã này trong nhóm",
                        code,
                    )
            for j, tie in enumerate(field_.uu_tien):
                if tie.chi_so not in known:
                    report(
                        (*base, "linh_vuc", i, "uu_tien", j, "chi_so"),
                        f"không có chỉ số mã này; các mã có: {listing}",
                        tie.chi_so,
                    )
        used = {
            code
            for field_ in group.linh_vuc
            for code in (criteria if field_.tieu_chi is None else field_.tieu_chi)
        }
        for i, criterion in enumerate(group.tieu_chi):
            if criterion.ma not in used:
                report(
                    (*base, "tieu_chi", i, "ma"),
                    "tiêu chí này không được lĩnh vực nào áp dụng, nên công văn sẽ công bố một "
                    "điều không được xét; thêm mã vào tieu_chi của lĩnh vực áp dụng nó "
                    "(linh_vuc › tieu_chi) hoặc bỏ tiêu chí",
                    criterion.ma,
                )
        if group.bien_che is not None and group.bien_che not in metrics:
            report(
                (*base, "bien_che"), f"không có chỉ số mã này; các mã có: {listing}", group.bien_che
            )
        if (
            rules.tien_thuong_tap_the
            and rules.tien_thuong_tap_the.moi_nguoi is not None
            and group.bien_che is None
        ):
            report(
                (*base,), "tiền thưởng tính theo người cần bien_che: mã chỉ số biên chế của nhóm"
            )
        duplicates = [m for m in [*known, *criteria, *(f.ma for f in group.linh_vuc)] if m in codes]
        for code in duplicates:
            report(base, "mã bị dùng hai lần trong các quy tắc", code)
        codes |= known | criteria | {f.ma for f in group.linh_vuc}
    fields = {f.ma for group in rules.nhom for f in group.linh_vuc}
    for r, round_ in enumerate(rules.dot):
        money = round_.tien_thuong_tap_the
        if money is not None and money.moi_nguoi is not None:
            for group in rules.nhom:
                if group.bien_che is None:
                    report(
                        ("dot", r, "tien_thuong_tap_the"),
                        f"tiền thưởng tính theo người cần bien_che: mã chỉ số biên chế của nhóm "
                        f"{group.ma}",
                    )
        for part in ("so_luong", "ca_nhan_toi_da"):
            for code in getattr(round_, part):
                if code not in fields:
                    report(
                        ("dot", r, part, code),
                        f"không có lĩnh vực mã này; các mã có: {', '.join(sorted(fields))}",
                        code,
                    )
    texts = rule_texts(rules)
    sections = (
        ("tieu_chi", chien_dich.tieu_chi),
        ("khen_thuong", chien_dich.khen_thuong.cac_muc),
        ("to_chuc_thuc_hien", chien_dich.to_chuc_thuc_hien),
    )
    for section, items in sections:
        for i, muc in enumerate(items):
            bullets: list[tuple[tuple[str | int, ...], Y]] = [
                ((section, i, "cac_y", j), y) for j, y in enumerate(muc.cac_y)
            ]
            bullets += [
                ((section, i, "cac_diem", d, "cac_y", j), y)
                for d, diem in enumerate(muc.cac_diem)
                for j, y in enumerate(diem.cac_y)
            ]
            for path, y in bullets:
                if y.quy_tac is not None and y.quy_tac not in texts:
                    report(
                        (*path, "quy_tac"),
                        f"không có quy tắc mã này; các mã có: {', '.join(sorted(texts))}",
                        y.quy_tac,
                    )
    return problems
