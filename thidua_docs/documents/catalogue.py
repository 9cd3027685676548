"""The variables each template receives, described for office staff, read from the real contexts.

The list is not written by hand: it is walked from the contexts the toolkit builds for the bundled
example campaign, so it cannot drift from what templates actually get. Only the descriptions are
written here, and a test fails when a variable has none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from thidua_docs.documents.registry import Examples, kinds, template_titles
from thidua_docs.errors import InputError
from thidua_docs.files import shipped_folder
from thidua_docs.formatting import NgayDuThao, ngay

#: Descriptions by the variable's full path (checked first) …
EXACT = {
    "van_ban.so": "số văn bản (trống ở bản dự thảo)",
    "van_ban.noi_dung": "các đoạn nội dung cuộc họp",
    "van_ban.ngay": "ngày văn bản (dùng với bộ lọc |ngay); chỉ có năm ở bản dự thảo",
    "van_ban.ten": "tên tập thể hoặc họ tên cá nhân được báo cáo",
    "van_ban.tap_the": "đúng (true) nếu là tập thể, sai nếu là cá nhân",
    "van_ban.bien_che": "số người theo biên chế của tập thể (đã định dạng)",
    "van_ban.tieu_de": "dòng tiêu đề dưới chữ DANH SÁCH",
    "chien_dich.noi_dung": "các đoạn của phần Nội dung thi đua (mỗi đoạn có loai, so, tieu_de, noi_dung)",
    "chien_dich.khen_thuong": "các đoạn của phần Công tác khen thưởng",
    "chien_dich.ten": "tên phong trào thi đua",
    "co_quan.ten": "tên cơ quan ban hành (in hoa)",
    "bang_khen.ten": "tên tập thể hoặc họ tên cá nhân được tặng",
    "bang_khen.quyet_dinh": "số và ngày quyết định khen thưởng",
    "bang_khen.don_vi": "chức vụ, đơn vị của cá nhân (trống với tập thể)",
    "van_ban.thanh_tich": "thành tích ghi trong báo cáo",
    "van_ban.hinh_thuc": "hình thức khen thưởng được đề nghị",
    "van_ban.chuc_vu": "chức vụ của cá nhân",
    "van_ban.don_vi": "đơn vị công tác của cá nhân",
}

#: … then by its last name, for names that mean the same wherever they appear.
BY_NAME = {
    "bang_khen": "dữ liệu của một bằng khen",
    "dia_danh_ngay": "địa danh và ngày ký, ví dụ Hà Nội, ngày 15 tháng 01 năm 2025",
    "don_vi": "đơn vị công tác",
    "cac_dong": "các dòng quyền hạn và chức vụ trên chữ ký (in hoa), ví dụ KT. TỔNG GIÁM ĐỐC",
    "ho_ten": "họ và tên",
    "kiem_nhiem": "chức danh kiêm nhiệm in dưới tên người ký (có thể trống)",
    "quyen_han": "quyền hạn ký: KT., TM., Q., TL., TUQ. hoặc trống",
    "nguoi_ky": "người ký: cac_dong, ho_ten, kiem_nhiem",
    "so_vao_so": "số vào sổ vàng (để trống cho văn thư ghi)",
    "ten": "tên",
    "ten_bang": "tên hình thức in trên bằng, ví dụ BẰNG KHEN",
    "tham_quyen": "thẩm quyền khen thưởng, in hoa, ví dụ TỔNG GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM",
    "thanh_tich": "thành tích được khen thưởng",
    "chu_de": "chủ đề của phong trào (có thể trống)",
    "doi_tuong": "đối tượng thi đua",
    "hinh_thuc_khen_thuong": "các hình thức khen thưởng khai báo trong chiến dịch",
    "loai": "loại đoạn: khoan (1.), diem (a)), y (-), y_con (+), doan (đoạn thường)",
    "noi_dung": "nội dung của đoạn",
    "so": "nhãn đánh số của đoạn: 1., a), -, +",
    "tieu_de": "tiêu đề của khoản/điểm (có dấu hai chấm nếu có nội dung theo sau)",
    "muc_tieu": "mục tiêu thi đua",
    "bat_dau": "thời điểm bắt đầu",
    "ket_thuc": "thời điểm kết thúc",
    "van_ban": "phần riêng của văn bản này (số, ngày, trích yếu, nơi nhận…)",
    "thoi_gian": "thời gian thi đua",
    "tieu_chi": "các đoạn của phần Tiêu chí thi đua",
    "to_chuc_thuc_hien": "các đoạn của phần Tổ chức thực hiện",
    "chien_dich": "phong trào thi đua",
    "co_quan": "cơ quan ban hành (từ hồ sơ cơ quan)",
    "chu_quan": "tên cơ quan chủ quản (in hoa, có thể trống)",
    "dia_danh": "địa danh ghi ở dòng ngày tháng",
    "ten_goi_tat": "tên gọi tắt của cơ quan dùng trong câu văn",
    "ten_viet_tat": "chữ viết tắt của cơ quan dùng trong ký hiệu văn bản",
    "khen_thuong": "danh sách khen thưởng đã tính tiền (dùng chung cho mọi văn bản của hồ sơ)",
    "cac_hinh_thuc": "các hình thức khen thưởng, mỗi hình thức có tap_the, ca_nhan và các tổng",
    "ca_nhan": "danh sách cá nhân",
    "tap_the": "danh sách tập thể",
    "bien_che": "số người theo biên chế",
    "bien_che_chu": "số người theo biên chế, đã định dạng (trống với cá nhân)",
    "chuc_vu": "chức vụ",
    "hinh_thuc": "tên hình thức khen thưởng",
    "muc_thuong": "mức thưởng như in trong danh sách, ví dụ 130.000/người",
    "so_thu_tu": "số thứ tự trong toàn hồ sơ (dùng đặt tên tệp)",
    "stt": "số thứ tự trong bảng",
    "tien": "số tiền thưởng (đồng, số nguyên; dùng |so hoặc |tien)",
    "muc_ca_nhan": "số mục của phần Cá nhân trong danh sách",
    "muc_tap_the": "số mục của phần Tập thể trong danh sách",
    "so_ca_nhan": "số cá nhân",
    "so_tap_the": "số tập thể",
    "tap_the_ca_nhan": "số tập thể, cá nhân như văn bản ghi: 03 tập thể và 04 cá nhân, 02 cá nhân",
    "tong_bien_che": "tổng biên chế các tập thể",
    "tong_ca_nhan": "tổng tiền thưởng cá nhân (đồng)",
    "tong_tap_the": "tổng tiền thưởng tập thể (đồng)",
    "tong_tien": "tổng tiền thưởng (đồng; dùng |tien và |bang_chu)",
    "bieu_quyet": "kết quả biểu quyết từng trường hợp",
    "ket_qua": "kết quả: Đạt hoặc Không đạt",
    "phieu": "số phiếu đồng ý",
    "ty_le": "tỷ lệ đồng ý (%)",
    "cac_dieu": "nội dung các Điều của quyết định",
    "cac_phan": "các phần I., II., … của kế hoạch (tieu_de in hoa, doan)",
    "doan": "các đoạn của phần",
    "can_cu": "các dòng căn cứ (đã có dấu ; và dòng Theo đề nghị … kết thúc bằng dấu .)",
    "chu_toa": "người chủ tọa ký biên bản",
    "chu_tri": "người chủ trì cuộc họp",
    "thu_ky": "thư ký cuộc họp",
    "vai_tro": "vai trò trong Hội đồng",
    "co_mat": "thành viên Hội đồng có mặt",
    "dau_cau": "dấu cuối dòng: ; hoặc . ở dòng cuối",
    "dia_diem": "địa điểm họp",
    "kem_theo": "dòng (Kèm theo … số … ngày … của …)",
    "ket_luan": "đoạn kết của văn bản",
    "kinh_gui": "nơi gửi, mỗi dòng đã có dấu (- …; … .)",
    "ky_hieu": "ký hiệu văn bản, ví dụ BHXH-TĐKT",
    "mo_dau": "các đoạn mở đầu",
    "nguoi_bao_cao": "chức danh người ký báo cáo",
    "noi_nhan": "các dòng Nơi nhận, đã có dấu (- Như trên; … - Lưu: VT, TĐKT.)",
    "so_co_mat": "số thành viên có mặt",
    "so_dat": "số trường hợp đạt",
    "so_ky_hieu": "số và ký hiệu, ví dụ 4111/BHXH-TĐKT (số để trống ở bản dự thảo)",
    "so_thanh_vien": "tổng số thành viên Hội đồng",
    "ty_le_dong_y": "tỷ lệ đồng ý tối thiểu để đạt (%)",
    "vang_mat": "họ tên thành viên vắng mặt",
    "trich_yeu": "trích yếu nội dung văn bản",
}


@dataclass(frozen=True)
class Variable:
    path: str  # as typed in a template; "[]" marks "each item of the list" (a {% for %} loop)
    description: str
    example: str


#: … then by how the path ends (a name that means something else inside a list item).
BY_SUFFIX = {
    "[].tap_the": "đúng (true) nếu dòng này là tập thể, sai (false) nếu là cá nhân",
}


@cache
def _kind_descriptions() -> dict[str, str]:
    """The descriptions the kinds give of their own variables, by full path."""
    return {path: text for kind in kinds() for path, text in kind.descriptions.items()}


def describe(path: str) -> str | None:
    """What the variable at ``path`` means: by its full path (a kind's own descriptions first),
    then by how it ends, then by its last name."""
    own = _kind_descriptions()
    if path in own:
        return own[path]
    if path in EXACT:
        return EXACT[path]
    for suffix, description in BY_SUFFIX.items():
        if path.endswith(suffix):
            return description
    name = path.rsplit(".", 1)[-1].removesuffix("[]")
    return BY_NAME.get(name)


def _example(value: Any) -> str:
    """A value as a clerk reads it in the variable list (never Python's None/True/False)."""
    if value is None:
        return "(trống)"
    if isinstance(value, NgayDuThao | dt.date):
        return f"{value.isoformat() if isinstance(value, dt.date) else value.nam} ({ngay(value)})"
    if isinstance(value, list):
        return f"danh sách {len(value)} mục"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    text = str(value)
    if not text:
        return "(trống)"
    return text if len(text) <= 60 else text[:59] + "…"


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        yield path, value
        if value and isinstance(value[0], dict | list):
            yield from _walk(value[0], f"{path}[]")
    else:
        yield path, value


def example_folder() -> Path:
    """The bundled example campaigns: inside the installed package, or campaigns/ of a checkout."""
    return shipped_folder("vi_du", "campaigns", "các chiến dịch ví dụ")


def example_contexts(today: dt.date | None = None) -> dict[str, dict[str, Any]]:
    """The context of every template, built by each kind from the bundled example campaigns.

    ``today`` matters only to a document dated by the day it is made; the example dossier is dated
    by its decision, which stands in for it when not given.
    """
    from thidua_docs.inputs.campaign import load_campaign
    from thidua_docs.inputs.dossier import load_dossier

    folder = example_folder()
    campaign = load_campaign(folder / "bhxh-2024-nuoc-rut")
    award = load_dossier(campaign)
    plan = load_campaign(folder / "bhxh-2024-ke-hoach-co-quan")
    examples = Examples(
        campaign=campaign,
        award=award,
        plan=plan,
        awardee=award.dossier.awardees[0],
        today=today or award.ngay_tinh_tien or dt.date.min,
    )
    contexts: dict[str, dict[str, Any]] = {}
    for kind in kinds():
        if kind.template is not None and kind.example is not None:
            contexts.setdefault(kind.template, kind.example(examples))
    return contexts


def template_variables(
    template: str, contexts: dict[str, dict[str, Any]] | None = None
) -> list[Variable]:
    """The variables ``template`` (a template file name of a document kind) receives, with example values."""
    titles = template_titles()
    if template not in titles:
        known = ", ".join(titles)
        raise InputError(f"Không có mẫu {template}; các mẫu: {known}")
    context = (contexts or example_contexts())[template]
    return [
        Variable(path, describe(path) or "", _example(value)) for path, value in _walk(context, "")
    ]
