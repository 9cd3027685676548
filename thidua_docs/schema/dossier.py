"""The award dossier (khen-thuong.yaml): the proposals, the tờ trình, biên bản and quyết định."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    Strict,
)

from thidua_docs.schema.base import (
    Identifier,
    Model,
    Ngay,
    NgayBanHanh,
    Ten,
    Text,
    code_text,
    invalid,
    nfc,
)
from thidua_docs.schema.parts import TienThuong, VanBanGui

_GIO = re.compile(r"^(\d{1,2}) giờ (\d{2})$")


def _gio(value: Any) -> Any:
    if isinstance(value, str):
        match = _GIO.match(value.strip())
        if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
            return value.strip()
    raise invalid("cần giờ dạng '14 giờ 00'")


GioPhut = Annotated[str, BeforeValidator(_gio)]


SoPhieu = Annotated[int, Strict(), Field(ge=0)]


class TapTheDeNghi(Model):
    """A collective proposed for an award."""

    ten: Ten
    bien_che: Annotated[int, Strict(), Field(ge=0)] | None = None
    tien_thuong: TienThuong | None = None
    thanh_tich: Text | None = None
    phieu_dong_y: SoPhieu | None = None


class CaNhanDeNghi(Model):
    """An individual proposed for an award."""

    ho_ten: Ten
    chuc_vu: Ten | None = None
    don_vi: Ten
    tien_thuong: TienThuong | None = None
    thanh_tich: Text | None = None
    phieu_dong_y: SoPhieu | None = None


class HinhThucDeNghi(Model):
    """One award kind with its proposed collectives and individuals and the money rules."""

    hinh_thuc: Ten  # "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam"
    thanh_tich: Text  # the achievement printed on the certificate and in the decision
    #: công trạng (the year's work), chuyên đề (a campaign, a đợt thi đua) or đột xuất; unset: read
    #: from the words of the achievement. Decides which conditions of the Law the register checks.
    loai_khen_thuong: Literal["cong_trang", "chuyen_de", "dot_xuat"] | None = None
    tien_thuong_tap_the: TienThuong | None = None
    tien_thuong_ca_nhan: TienThuong | None = None
    tap_the: list[TapTheDeNghi] = []
    ca_nhan: list[CaNhanDeNghi] = []


class ToTrinh(VanBanGui):
    """The submission asking the head to award (ND30 Mẫu 1.4); its code defaults to "TTr-<issuer>"."""

    ky_hieu: Annotated[str, AfterValidator(nfc), AfterValidator(code_text)] | None = None


class BienBan(Model):
    """The minutes of the council's meeting (ND30 Mẫu 1.9)."""

    so: Annotated[int, Strict(), Field(ge=1)] | None = None
    ngay: Ngay
    bat_dau: GioPhut
    ket_thuc: GioPhut
    dia_diem: Text
    chu_tri: Identifier
    thu_ky: Identifier
    vang_mat: list[Identifier] = []
    noi_dung: list[Text] = []


class QuyetDinh(Model):
    """The award decision (ND30 Mẫu 1.2) and what its Danh sách needs."""

    so: Annotated[int, Strict(), Field(ge=1)] | None = None
    ngay: NgayBanHanh
    #: The day whose mức lương cơ sở applies when the decision itself is still a draft.
    ngay_tinh_tien: Ngay | None = None
    trich_yeu: Text
    can_cu: list[Text] = []
    theo_de_nghi: Text
    dieu_2: Text | None = None
    dieu_3: Text
    noi_nhan: list[Text] = []
    luu: list[Text] | None = None
    nguoi_ky: Identifier


class HoSoKhenThuong(Model):
    """khen-thuong.yaml: the award list and the dossier documents' own data.

    ``danh_sach`` may name an Excel workbook (sheets "Tập thể", "Cá nhân") whose rows are added to
    the award kinds of ``de_nghi`` with the same "Hình thức khen thưởng".
    """

    danh_sach: Text | None = None
    de_nghi: list[HinhThucDeNghi] = Field(min_length=1)
    #: Individuals are chosen only from the awarded collectives (each ``don_vi`` is the ``ten`` of
    #: a collective of the list). None: as the campaign's rules say (a quota ``ca_nhan_toi_da``).
    ca_nhan_thuoc_tap_the: bool | None = None
    to_trinh: ToTrinh | None = None
    bien_ban: BienBan | None = None
    quyet_dinh: QuyetDinh | None = None
