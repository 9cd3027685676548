"""The agency profile (hồ sơ cơ quan): names, signers, council, salary rows, certificate layout."""

from __future__ import annotations

import datetime as dt
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


class DonViDeNghi(Model):
    """The proposing unit: it issues the Tờ trình (Số: …/TTr-<ky_hieu>), signed by its head."""

    ten: Text  # "Vụ Thi đua - Khen thưởng": printed in capitals under the agency in the header
    ky_hieu: Code  # "TĐKT": the tờ trình is numbered …/TTr-TĐKT
    nguoi_ky: Identifier  # the unit's head (a key of nguoi_ky), who signs the tờ trình


class CapQuyetDinh(Model):
    """The deciding authority: who decides the awards and signs (or has signed for him, KT./Q./
    TL./TUQ.) the Quyết định and the certificates; the tờ trình is addressed to him."""

    ten: Text  # "Tổng Giám đốc Bảo hiểm xã hội Việt Nam": the decision's authority line
    chuc_vu: UpperText  # "Tổng Giám đốc": the title a delegate signs for (KT. TỔNG GIÁM ĐỐC)


class VanBanCanCu(Model):
    """A legal text a decision may cite, with the days it is in force (both days included)."""

    loai: Text  # Luật, Nghị định, Thông tư, Quyết định
    so: Text | None = None  # 06/2022/QH15, 98/2023/NĐ-CP, 1414/QĐ-BHXH
    ten: Text  # a law's name; for another text, what follows its issuer ("quy định chi tiết …")
    ngay_ban_hanh: Ngay
    co_quan_ban_hanh: Text  # Quốc hội, Chính phủ, Tổng Giám đốc Bảo hiểm xã hội Việt Nam
    hieu_luc_tu: Ngay
    hieu_luc_den: Ngay | None = None  # the last day in force; None: still in force
    nguon: Text | None = None  # where the dates were checked (URL)
    #: False when the dates could not be checked against a published copy.
    da_xac_minh: bool = True
    ghi_chu: Text | None = None

    @model_validator(mode="after")
    def _dates(self) -> VanBanCanCu:
        if self.hieu_luc_tu < self.ngay_ban_hanh:
            raise invalid("hieu_luc_tu (ngày có hiệu lực) không thể trước ngay_ban_hanh")
        if self.hieu_luc_den is not None and self.hieu_luc_den < self.hieu_luc_tu:
            raise invalid("hieu_luc_den (ngày cuối còn hiệu lực) không thể trước hieu_luc_tu")
        return self

    def in_force(self, on: dt.date) -> bool:
        """In force on ``on``: on or after its first day, not after its last."""
        return self.hieu_luc_tu <= on and (self.hieu_luc_den is None or on <= self.hieu_luc_den)


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
    #: How the presiding member signs the biên bản: "chu_toa" (CHỦ TỌA, ND30 Mẫu 1.9) or "tm"
    #: (TM. HỘI ĐỒNG above his role in the council: CHỦ TỊCH, PHÓ CHỦ TỊCH).
    chu_tri_ky: Literal["chu_toa", "tm"] = "chu_toa"


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
    #: Who proposes: the unit that issues and signs the tờ trình.
    don_vi_de_nghi: DonViDeNghi | None = None
    #: Who decides: the authority the tờ trình is addressed to, who signs the decision.
    cap_quyet_dinh: CapQuyetDinh | None = None
    #: Who decides, as written in prose ("Tổng Giám đốc Bảo hiểm xã hội Việt Nam"): the older
    #: key, kept readable; filled from ``cap_quyet_dinh.ten`` when that is given.
    tham_quyen_khen_thuong: Text | None = None
    #: The agency's own regulations an award decision cites while they are in force (its Quy chế
    #: thi đua, khen thưởng with the decision number that issued it …). The Law and the decrees
    #: are cited by date from the shipped table (data/van-ban-phap-luat.yaml), not from here.
    quy_dinh_co_quan: list[VanBanCanCu] = []
    #: Further bases cited as written (older profiles listed the Law and decrees here: a line
    #: naming a text of the shipped table is cited from the table, and checked by date).
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

    @model_validator(mode="before")
    @classmethod
    def _older_authority_key(cls, data: Any) -> Any:
        """``tham_quyen_khen_thuong`` (older profiles) is read from ``cap_quyet_dinh.ten`` when
        only the new key is written (both written and different: inputs.roles reports it)."""
        if not isinstance(data, dict):
            return data
        role = data.get("cap_quyet_dinh")
        name = role.get("ten") if isinstance(role, dict) else None
        if isinstance(name, str) and data.get("tham_quyen_khen_thuong") is None:
            return {**data, "tham_quyen_khen_thuong": name}
        return data
