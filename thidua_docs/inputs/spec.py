"""Loading and validating a campaign folder: ``chien-dich.yaml`` and the agency profile it names.

Every problem in both files is collected and reported at once (``SpecError``), each with its
file:line, the key path, the value found and what was expected, in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from thidua_docs.awards.dossier import Dossier, compute, money_problems, proposals
from thidua_docs.awards.money import MucLuongCoSo, shipped_table
from thidua_docs.diagnostics import LineMap, Problem, display_path
from thidua_docs.errors import InputError, SpecError
from thidua_docs.evaluation.rules import key as name_key
from thidua_docs.evaluation.rules import rule_texts
from thidua_docs.formatting import NgayDuThao
from thidua_docs.inputs.award_workbook import read_award_list
from thidua_docs.inputs.yamlfile import load_yaml_collecting
from thidua_docs.schema import models as schema_models
from thidua_docs.schema.models import (
    ChienDich,
    HinhThucDeNghi,
    HoSoCoQuan,
    HoSoKhenThuong,
    Y,
    field_names_at,
)

CAMPAIGN_FILE = "chien-dich.yaml"
DOSSIER_FILE = "khen-thuong.yaml"

M = TypeVar("M", bound=BaseModel)


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


def _found(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _model_named(title: str) -> type[BaseModel] | None:
    """The model a ValidationError is about: pydantic names it by its class (``err.title``)."""
    for candidate in (*vars(schema_models).values(), *globals().values()):
        if (
            isinstance(candidate, type)
            and issubclass(candidate, BaseModel)
            and candidate.__name__ == title
        ):
            return candidate
    return None


def _suggestion(error: Any, model: type[BaseModel] | None) -> str:
    """The "did you mean" hint for a rejected key: the closest key of the model it was written in.

    Only that model's own fields are candidates (never another model's, never the rejected key
    itself); nothing when the model at the error's location is unknown.
    """
    loc = tuple(error["loc"])
    key = str(loc[-1])
    if model is None:
        return ""
    candidates = sorted(field_names_at(model, loc[:-1]) - {key})
    guess = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
    return f"; có phải ý là '{guess[0]}'?" if guess else ""


def _message(error: Any, model: type[BaseModel] | None = None) -> str:
    """Vietnamese wording of one pydantic error; ``model`` is the model validated (for hints)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "thidua":
        return str(error["msg"])
    if kind == "missing":
        return "thiếu mục bắt buộc"
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        return f"khóa '{key}' không có trong mẫu khai báo{_suggestion(error, model)}"
    if kind == "string_type":
        if isinstance(value, bool):
            return (
                "cần văn bản; YAML hiểu yes/no/on/off/true/false là đúng/sai — "
                "hãy đặt văn bản trong dấu nháy kép"
            )
        if isinstance(value, list | dict):
            return "cần một đoạn văn bản, không phải danh sách hay nhóm khóa"
        return "cần văn bản; nếu đó là số, hãy đặt trong dấu nháy kép"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "cần một số nguyên"
    if kind in ("greater_than_equal", "greater_than"):
        sign = "≥" if kind == "greater_than_equal" else ">"
        bound = ctx.get("ge", ctx.get("gt"))
        return f"cần một số {sign} {bound}"
    if kind == "too_short":
        return "danh sách không được để trống"
    if kind in ("list_type",):
        return "cần một danh sách (mỗi mục một dòng bắt đầu bằng '- ')"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "cần một nhóm khóa: giá trị (không phải một giá trị đơn)"
    if kind == "literal_error":
        return "phải là một trong: " + str(ctx.get("expected", "")).replace(" or ", " hoặc ")
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return "cần một ngày dạng 2024-11-11 hoặc 11/11/2024"
    if kind in ("decimal_type", "decimal_parsing", "float_type", "float_parsing"):
        return "cần một số"
    if kind == "bool_type":
        return "cần true hoặc false"
    return f"giá trị không hợp lệ ({error['msg']})"


def _problems(
    err: ValidationError, lines: LineMap, prefix: tuple[str | int, ...] = ()
) -> list[Problem]:
    problems = []
    model = _model_named(err.title)
    for error in err.errors():
        # Drop pydantic's internal union/function tags from the location.
        loc = tuple(part for part in error["loc"] if isinstance(part, int) or "[" not in str(part))
        path = (*prefix, *loc)
        kind = error["type"]
        found = None if kind in ("missing", "extra_forbidden") else _found(error.get("input"))
        if kind == "extra_forbidden":
            found = None
        problems.append(
            Problem(lines.file, lines.line(path), display_path(path), _message(error, model), found)
        )
    return problems


def validate(model: type[M], data: Any, lines: LineMap) -> tuple[M | None, list[Problem]]:
    """Validate ``data`` as ``model``; return the model or the list of problems."""
    if not isinstance(data, dict):
        what = "tệp rỗng" if data is None else f"nội dung là {type(data).__name__}"
        return None, [
            Problem(lines.file, 1, "", f"cần một nhóm khóa: giá trị ở mức ngoài cùng ({what})")
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        return None, _problems(err, lines)


def _load(path: Path, model: type[M]) -> tuple[M | None, Any, LineMap, list[Problem]]:
    """Read and validate one file: the model (or None), the raw data, its lines, the problems."""
    data, lines, yaml_problems = load_yaml_collecting(path)
    parsed, problems = validate(model, data, lines)
    # A value already reported by the YAML reader (impossible date…) is not reported twice.
    seen = {p.path for p in yaml_problems}
    problems = yaml_problems + [p for p in problems if p.path not in seen]
    if yaml_problems:
        parsed = None
    return parsed, data, lines, problems


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

    chien_dich, raw, lines, problems = _load(spec_file, ChienDich)
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
        if not profile_file.is_file():
            problems.append(
                Problem(
                    spec_file,
                    lines.line(("co_quan",)),
                    "co_quan",
                    f"không tìm thấy tệp hồ sơ cơ quan {profile_file}",
                    _found(profile_ref),
                )
            )
        else:
            co_quan, _, profile_lines, profile_problems = _load(profile_file, HoSoCoQuan)
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
                    _found(co_quan.thu_muc_mau),
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
    if chien_dich.danh_gia is not None:
        problems += _rule_problems(chien_dich, file, lines)
    if chien_dich.ke_hoach is not None:
        problems += signer_problems(
            co_quan, chien_dich.ke_hoach.nguoi_ky, ("ke_hoach", "nguoi_ky"), file, lines
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
            _found(signer),
        )
    ]


@dataclass(frozen=True)
class AwardDossier:
    """A validated khen-thuong.yaml with every amount computed."""

    file: Path
    ho_so: HoSoKhenThuong
    dossier: Dossier
    ngay_tinh_tien: dt.date | None


def salary_table(co_quan: HoSoCoQuan) -> list[MucLuongCoSo]:
    """The shipped mức lương cơ sở table extended (or corrected) by the agency profile's rows."""
    rows = {row.tu_ngay: row for row in shipped_table()}
    for row in co_quan.luong_co_so:
        rows[row.tu_ngay] = MucLuongCoSo(row.muc, row.tu_ngay, row.can_cu or "")
    return sorted(rows.values(), key=lambda row: row.tu_ngay)


def load_dossier(campaign: Campaign) -> AwardDossier:
    """Load khen-thuong.yaml of a campaign folder: the award list and the dossier documents' data."""
    file = campaign.folder / DOSSIER_FILE
    if not file.is_file():
        raise InputError(
            f"Thư mục {campaign.folder} chưa có tệp {DOSSIER_FILE} (danh sách đề nghị khen thưởng "
            "và thông tin tờ trình, biên bản, quyết định)"
        )
    ho_so, lines, problems = _load_dossier_file(file)
    if ho_so is None:
        raise SpecError(problems)
    co_quan = campaign.co_quan
    on = None
    if ho_so.quyet_dinh is not None:
        on = ho_so.quyet_dinh.ngay_tinh_tien
        if on is None and not isinstance(ho_so.quyet_dinh.ngay, NgayDuThao):
            on = ho_so.quyet_dinh.ngay
    problems += money_problems(ho_so, on, lines)
    for key in ("to_trinh", "quyet_dinh"):
        document = getattr(ho_so, key)
        if document is not None:
            problems += signer_problems(co_quan, document.nguoi_ky, (key, "nguoi_ky"), file, lines)
    if ho_so.quyet_dinh is not None and not co_quan.tham_quyen_khen_thuong:
        problems.append(
            Problem(
                campaign.profile_file,
                None,
                "tham_quyen_khen_thuong",
                "quyết định khen thưởng cần dòng thẩm quyền trong hồ sơ cơ quan "
                "(ví dụ TỔNG GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM)",
            )
        )
    problems += _council_problems(ho_so, co_quan, campaign.profile_file, lines)
    if problems:
        raise SpecError(problems)
    return AwardDossier(file, ho_so, compute(ho_so, on, salary_table(co_quan)), on)


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
                None if found is None else _found(found),
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
            if isinstance(criterion.nguong, dict) and rules.ky not in criterion.nguong:
                report(
                    (*base, "tieu_chi", i, "nguong"),
                    f"chưa có ngưỡng cho kỳ đánh giá {rules.ky} (danh_gia › ky)",
                )
        for i, field_ in enumerate(group.linh_vuc):
            if field_.xep_hang_theo not in known:
                report(
                    (*base, "linh_vuc", i, "xep_hang_theo"),
                    f"không có chỉ số mã này; các mã có: {listing}",
                    field_.xep_hang_theo,
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


class _DanhSach(BaseModel):
    """A separate award-list file: just ``de_nghi`` (as written by `thidua evaluate`)."""

    model_config = ConfigDict(extra="forbid")
    de_nghi: list[HinhThucDeNghi] = Field(min_length=1)


def _load_dossier_file(file: Path) -> tuple[HoSoKhenThuong | None, LineMap, list[Problem]]:
    """khen-thuong.yaml, whose ``de_nghi`` may name a separate list file (danh-sach-de-nghi.yaml)."""
    data, lines, problems = load_yaml_collecting(file)
    list_lines = lines
    if isinstance(data, dict) and isinstance(data.get("de_nghi"), str):
        reference = file.parent / data["de_nghi"]
        if not reference.is_file():
            problems.append(
                Problem(
                    file,
                    lines.line(("de_nghi",)),
                    "de_nghi",
                    "không tìm thấy tệp danh sách đề nghị",
                    _found(data["de_nghi"]),
                )
            )
            return None, lines, problems
        listed, list_lines, list_problems = load_yaml_collecting(reference)
        parsed, more = validate(_DanhSach, listed, list_lines)
        problems += list_problems + more
        if parsed is None or list_problems:
            return None, list_lines, problems
        data = {**data, "de_nghi": parsed.de_nghi}
    if isinstance(data, dict) and isinstance(data.get("danh_sach"), str):
        data, more_problems = _merge_workbook(file, data, lines)
        problems += more_problems
    ho_so, more = validate(HoSoKhenThuong, data, lines)
    seen = {p.path for p in problems}
    problems += [p for p in more if p.path not in seen]
    if problems:
        return None, list_lines, problems
    return ho_so, list_lines, problems


def _merge_workbook(
    file: Path, data: dict[str, Any], lines: LineMap
) -> tuple[dict[str, Any], list[Problem]]:
    """Add the rows of the workbook named by ``danh_sach`` to the declared award kinds."""
    workbook = file.parent / data["danh_sach"]
    if not workbook.is_file():
        return data, [
            Problem(
                file,
                lines.line(("danh_sach",)),
                "danh_sach",
                "không tìm thấy tệp Excel danh sách đề nghị",
                _found(data["danh_sach"]),
            )
        ]
    rows, problems = read_award_list(workbook)
    kinds = data.get("de_nghi")
    if not isinstance(kinds, list):
        return data, problems
    merged = []
    by_name: dict[str, dict[str, Any]] = {}
    for kind in kinds:
        if isinstance(kind, HinhThucDeNghi):
            kind = kind.model_dump(exclude_defaults=True)
        if isinstance(kind, dict):
            kind = {
                **kind,
                "tap_the": list(kind.get("tap_the") or []),
                "ca_nhan": list(kind.get("ca_nhan") or []),
            }
            if isinstance(kind.get("hinh_thuc"), str):
                by_name[name_key(kind["hinh_thuc"])] = kind
        merged.append(kind)
    declared = ", ".join(repr(k["hinh_thuc"]) for k in by_name.values())
    for name, groups in rows.items():
        target = by_name.get(name_key(name))
        if target is None:
            problems.append(
                Problem(
                    workbook,
                    None,
                    "cột 'Hình thức khen thưởng'",
                    f"hình thức chưa khai báo trong {file.name} › de_nghi (các hình thức có: {declared})",
                    _found(name),
                )
            )
            continue
        target["tap_the"] += groups.get("tap_the", [])
        target["ca_nhan"] += groups.get("ca_nhan", [])
    return {**data, "de_nghi": merged}, problems


def _council_problems(
    ho_so: HoSoKhenThuong, co_quan: HoSoCoQuan, profile_file: Path, lines: LineMap
) -> list[Problem]:
    bien_ban = ho_so.bien_ban
    if bien_ban is None:
        return []
    council = co_quan.hoi_dong_tdkt
    if council is None:
        return [
            Problem(
                profile_file,
                None,
                "hoi_dong_tdkt",
                "biên bản xét khen thưởng cần hội đồng thi đua - khen thưởng trong hồ sơ cơ quan",
            )
        ]
    problems = []
    known = ", ".join(sorted(council.thanh_vien))
    members: list[tuple[tuple[str | int, ...], str]] = [
        (("bien_ban", "chu_tri"), bien_ban.chu_tri),
        (("bien_ban", "thu_ky"), bien_ban.thu_ky),
        *((("bien_ban", "vang_mat", i), m) for i, m in enumerate(bien_ban.vang_mat)),
    ]
    for path, member in members:
        if member not in council.thanh_vien:
            problems.append(
                Problem(
                    lines.file,
                    lines.line(path),
                    display_path(path),
                    f"không có thành viên hội đồng mã này; các mã có: {known}",
                    _found(member),
                )
            )
    present = len(council.thanh_vien) - len(set(bien_ban.vang_mat) & set(council.thanh_vien))
    for path, _, item in proposals(ho_so):
        if item.phieu_dong_y is not None and item.phieu_dong_y > present:
            problems.append(
                Problem(
                    lines.file,
                    lines.line((*path, "phieu_dong_y")),
                    display_path((*path, "phieu_dong_y")),
                    f"số phiếu đồng ý lớn hơn số thành viên có mặt ({present})",
                    _found(item.phieu_dong_y),
                )
            )
    return problems
