"""Loading the award dossier of a campaign: ``khen-thuong.yaml`` (and the list file or workbook
it names), its money computed once, every problem located.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from thidua_docs.awards.dossier import (
    Dossier,
    compute,
    list_problems,
    money_problems,
    proposals,
)
from thidua_docs.awards.money import MucLuongCoSo, shipped_table
from thidua_docs.diagnostics import LineMap, Problem, display_path
from thidua_docs.errors import InputError, SpecError
from thidua_docs.evaluation.rules import key as name_key
from thidua_docs.formatting import NgayDuThao
from thidua_docs.inputs.award_workbook import read_award_list
from thidua_docs.inputs.campaign import Campaign, signer_problems
from thidua_docs.inputs.roles import role_problems
from thidua_docs.inputs.validation import found_text, validate
from thidua_docs.inputs.yamlfile import load_yaml_collecting
from thidua_docs.schema import (
    HinhThucDeNghi,
    HoSoCoQuan,
    HoSoKhenThuong,
)

DOSSIER_FILE = "khen-thuong.yaml"


@dataclass(frozen=True)
class AwardDossier:
    """A validated khen-thuong.yaml with every amount computed."""

    file: Path
    ho_so: HoSoKhenThuong
    dossier: Dossier
    ngay_tinh_tien: dt.date | None
    #: Where the award list (``de_nghi``) was read: khen-thuong.yaml itself or the file it names.
    list_file: Path | None = None


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
    ho_so, lines, file_lines, problems = _load_dossier_file(file)
    if ho_so is None:
        raise SpecError(problems)
    co_quan = campaign.co_quan
    on = None
    if ho_so.quyet_dinh is not None:
        on = ho_so.quyet_dinh.ngay_tinh_tien
        if on is None and not isinstance(ho_so.quyet_dinh.ngay, NgayDuThao):
            on = ho_so.quyet_dinh.ngay
    problems += money_problems(ho_so, on, lines)
    problems += list_problems(ho_so, lines, _units_only(ho_so, campaign))
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
    problems += role_problems(campaign, ho_so, file_lines)
    if problems:
        raise SpecError(problems)
    return AwardDossier(file, ho_so, compute(ho_so, on, salary_table(co_quan)), on, lines.file)


def _units_only(ho_so: HoSoKhenThuong, campaign: Campaign) -> str | None:
    """The rule, in words, that individuals are chosen only from the awarded collectives; None
    when the list may name individuals of other units.

    ``ca_nhan_thuoc_tap_the`` of khen-thuong.yaml decides when written; otherwise the campaign's
    rules do: a quota of individuals per awarded unit (``ca_nhan_toi_da``) means individuals are
    chosen from the awarded units (the 2024 circular: "Thuộc tập thể được lựa chọn khen thưởng").
    """
    if ho_so.ca_nhan_thuoc_tap_the is not None:
        return f"{DOSSIER_FILE} › ca_nhan_thuoc_tap_the" if ho_so.ca_nhan_thuoc_tap_the else None
    rules = campaign.chien_dich.danh_gia
    if rules is not None and any(group.ca_nhan_toi_da is not None for group in rules.nhom):
        return (
            f"{campaign.spec_file.name} › danh_gia › nhom › ca_nhan_toi_da (nếu được chọn cá "
            f"nhân của đơn vị khác, ghi ca_nhan_thuoc_tap_the: false trong {DOSSIER_FILE})"
        )
    return None


class _DanhSach(BaseModel):
    """A separate award-list file: just ``de_nghi`` (as written by `thidua evaluate`)."""

    model_config = ConfigDict(extra="forbid")
    de_nghi: list[HinhThucDeNghi] = Field(min_length=1)


def _load_dossier_file(
    file: Path,
) -> tuple[HoSoKhenThuong | None, LineMap, LineMap, list[Problem]]:
    """khen-thuong.yaml, whose ``de_nghi`` may name a separate list file (danh-sach-de-nghi.yaml):
    the dossier, the lines of its list (in that file when separate), those of khen-thuong.yaml
    itself, and the problems."""
    data, lines, problems = load_yaml_collecting(file)
    list_lines = lines
    if isinstance(data, dict):
        outside = [
            key
            for key in ("de_nghi", "danh_sach")
            if isinstance(data.get(key), str) and not _inside(file.parent, data[key])
        ]
        for key in outside:
            problems.append(
                Problem(
                    file,
                    lines.line((key,)),
                    key,
                    f"tệp danh sách phải nằm trong thư mục chiến dịch {file.parent} "
                    "(ghi tên tệp, ví dụ danh-sach-de-nghi.yaml, không ghi '..' hay đường dẫn tuyệt đối)",
                    found_text(data[key]),
                )
            )
        if outside:
            return None, lines, lines, problems
    if isinstance(data, dict) and isinstance(data.get("de_nghi"), str):
        reference = file.parent / data["de_nghi"]
        if not reference.is_file():
            problems.append(
                Problem(
                    file,
                    lines.line(("de_nghi",)),
                    "de_nghi",
                    "không tìm thấy tệp danh sách đề nghị",
                    found_text(data["de_nghi"]),
                )
            )
            return None, lines, lines, problems
        listed, list_lines, list_problems = load_yaml_collecting(reference)
        parsed, more = validate(_DanhSach, listed, list_lines)
        problems += list_problems + more
        if parsed is None or list_problems:
            return None, list_lines, lines, problems
        data = {**data, "de_nghi": parsed.de_nghi}
    if isinstance(data, dict) and isinstance(data.get("danh_sach"), str):
        data, more_problems = _merge_workbook(file, data, lines)
        problems += more_problems
    ho_so, more = validate(HoSoKhenThuong, data, lines)
    seen = {p.path for p in problems}
    problems += [p for p in more if p.path not in seen]
    if problems:
        return None, list_lines, lines, problems
    return ho_so, list_lines, lines, problems


def _inside(folder: Path, reference: str) -> bool:
    """A file named in khen-thuong.yaml stays in the campaign folder (no "..", no /etc/passwd)."""
    return (folder / reference).resolve().is_relative_to(folder.resolve())


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
                found_text(data["danh_sach"]),
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
                    found_text(name),
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
                    found_text(member),
                )
            )
    present = len(council.thanh_vien) - len(set(bien_ban.vang_mat) & set(council.thanh_vien))
    if present == 0:
        problems.append(
            Problem(
                lines.file,
                lines.line(("bien_ban", "vang_mat")),
                "bien_ban › vang_mat",
                "mọi thành viên hội đồng đều vắng mặt: cuộc họp không biểu quyết được",
            )
        )
        return problems
    for path, _, item in proposals(ho_so):
        if item.phieu_dong_y is not None and item.phieu_dong_y > present:
            problems.append(
                Problem(
                    lines.file,
                    lines.line((*path, "phieu_dong_y")),
                    display_path((*path, "phieu_dong_y")),
                    f"số phiếu đồng ý lớn hơn số thành viên có mặt ({present})",
                    found_text(item.phieu_dong_y),
                )
            )
    return problems
