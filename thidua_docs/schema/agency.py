"""The agency profile (hồ sơ cơ quan): names, signers, council, salary rows, certificate layout."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    Strict,
    field_validator,
    model_validator,
)

from thidua_docs.schema.base import Code, Identifier, Model, Ngay, Text, Tien, UpperText, invalid

QuyenHan = Literal["KT.", "TM.", "Q.", "TL.", "TUQ."]


_TITLES_BEFORE_NAME = re.compile(
    r"^(ông|bà|đ/c|đồng chí|ts\.?|ths\.?|pgs\.?|gs\.?|bs\.?|ks\.?|cn\.?)\s", re.IGNORECASE
)


class NguoiKy(Model):
    """A signer with the authority line(s) ND30 prints above the name."""

    quyen_han: QuyenHan | None = None
    thay_cho: UpperText | None = None
    chuc_vu: UpperText
    ho_ten: Text

    @field_validator("quyen_han", mode="before")
    @classmethod
    def _dot(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip() and not value.strip().endswith("."):
            return value.strip().upper() + "."
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("ho_ten")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        if _TITLES_BEFORE_NAME.match(value):
            raise invalid(
                "họ tên người ký không kèm học hàm, học vị hay danh xưng (Nghị định 30/2020)"
            )
        return value

    @model_validator(mode="after")
    def _authority(self) -> NguoiKy:
        needs_head = self.quyen_han in ("KT.", "TM.", "TL.", "TUQ.")
        if needs_head and not self.thay_cho:
            raise invalid(
                "quyền hạn {quyen_han} cần thay_cho: chức vụ người đứng đầu hoặc tên tập thể "
                "(ví dụ TỔNG GIÁM ĐỐC)",
                quyen_han=self.quyen_han,
            )
        if not needs_head and self.thay_cho:
            raise invalid("thay_cho chỉ dùng với quyền hạn KT., TM., TL. hoặc TUQ.")
        return self

    @property
    def cac_dong(self) -> list[str]:
        """The authority and title lines above the signature, in capitals."""
        if self.quyen_han == "Q.":
            return [f"Q. {self.chuc_vu}"]
        if self.quyen_han:
            return [f"{self.quyen_han} {self.thay_cho}", self.chuc_vu]
        return [self.chuc_vu]


VaiTro = Literal["Chủ tịch", "Phó Chủ tịch", "Ủy viên thường trực", "Ủy viên", "Thư ký"]


class ThanhVienHoiDong(Model):
    """A member of the Hội đồng Thi đua - Khen thưởng."""

    ho_ten: Text
    chuc_vu: Text  # the post held in the agency, e.g. "Phó Tổng Giám đốc"
    vai_tro: VaiTro  # the role in the council


class HoiDongTdkt(Model):
    """The Hội đồng Thi đua - Khen thưởng: its name, its own number series code, its members."""

    ten: Text
    ky_hieu: Code  # biên bản numbers: "Số: 01/BB-HĐTĐKT"
    thanh_vien: dict[Identifier, ThanhVienHoiDong] = Field(min_length=1)
    #: An awardee passes when at least this percentage of the members present agree.
    ty_le_dong_y: Annotated[int, Strict(), Field(ge=1, le=100)] = 50


class MucLuong(Model):
    """One mức lương cơ sở row added by the agency (a value published after this release)."""

    muc: Tien
    tu_ngay: Ngay
    can_cu: Text | None = None


def _mm(value: Any) -> Any:
    return Decimal(repr(value)) if isinstance(value, float) else value


Mm = Annotated[Decimal, BeforeValidator(_mm), Field(ge=0, le=500)]


class ViTri(Model):
    """Where one piece of text goes on a pre-printed certificate: millimetres from the top left."""

    x: Mm
    y: Mm
    rong: Annotated[Mm, Field(gt=0)]
    co_chu: Annotated[int, Strict(), Field(ge=8, le=40)] = 14
    dam: bool = False
    nghieng: bool = False
    can_le: Literal["trái", "giữa", "phải"] = "giữa"


VI_TRI_BANG_KHEN = (
    "ten",
    "don_vi",
    "thanh_tich",
    "quyet_dinh",
    "dia_danh_ngay",
    "chuc_vu_nguoi_ky",
    "nguoi_ky",
)


class BangKhenLayout(Model):
    """Paper and, for printing on pre-printed stock ("in phôi"), where each variable text goes."""

    kho_giay: Literal["A4", "A3"] = "A4"
    huong: Literal["ngang", "dọc"] = "ngang"
    vi_tri: dict[
        Literal[
            "ten",
            "don_vi",
            "thanh_tich",
            "quyet_dinh",
            "dia_danh_ngay",
            "chuc_vu_nguoi_ky",
            "nguoi_ky",
        ],
        ViTri,
    ] = {}


class HoSoCoQuan(Model):
    """The agency profile: what belongs to the agency, not to one campaign."""

    co_quan_chu_quan: UpperText | None = None
    ten_co_quan: UpperText
    ten_viet_tat: Code
    ten_goi_tat: Text
    dia_danh: Text
    don_vi_soan_thao: Code | None = None
    nguoi_ky: dict[Identifier, NguoiKy] = Field(min_length=1)
    noi_nhan_mac_dinh: list[Text] = []
    #: Who decides awards, as written in prose ("Tổng Giám đốc Bảo hiểm xã hội Việt Nam"); the
    #: decision's authority line prints it in capitals.
    tham_quyen_khen_thuong: Text | None = None
    #: Legal bases every award decision cites (Luật Thi đua, khen thưởng …; Nghị định 152/2025/NĐ-CP …).
    can_cu_khen_thuong: list[Text] = []
    hoi_dong_tdkt: HoiDongTdkt | None = None
    luong_co_so: list[MucLuong] = []
    bang_khen: BangKhenLayout = BangKhenLayout()
    #: The office's own templates folder (relative to this profile file): a template found there
    #: is used instead of the shipped one of the same name.
    thu_muc_mau: Text | None = None
    #: The award register (sổ khen thưởng): an SQLite file relative to this profile, or a database
    #: URL (postgresql://…) for an office server; default: so-khen-thuong.sqlite beside the profile.
    so_khen_thuong: Text | None = None
    #: The agency's own eligibility rules (a YAML file relative to this profile, in the layout of
    #: thidua_docs/data/dieu-kien-khen-thuong.yaml), added to the Law's and the decree's.
    dieu_kien_khen_thuong: Text | None = None
