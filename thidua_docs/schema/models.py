"""Typed, immutable models of the agency profile and the campaign spec.

The YAML keys are the field names (Vietnamese without diacritics); ``GLOSSARY`` maps them to
English for maintainers. Validation happens once, at load (see ``spec.py``); everything after
works on these models.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from thidua_docs.formatting import NgayDuThao, ngay_so
from thidua_docs.numbers import NotANumber, parse_typed

GLOSSARY = {
    "co_quan": "agency profile file (path)",
    "co_quan_chu_quan": "parent agency",
    "ten_co_quan": "issuing agency",
    "ten_viet_tat": "issuer abbreviation used in document codes",
    "ten_goi_tat": "short name of the agency used in prose",
    "dia_danh": "place name of the date line",
    "don_vi_soan_thao": "drafting unit (second part of a công văn code)",
    "nguoi_ky": "signers (profile) / the signer's id (document)",
    "quyen_han": "signing authority: KT., TM., Q., TL., TUQ.",
    "thay_cho": "the head or body the signer signs for",
    "chuc_vu": "the signer's own title",
    "ho_ten": "full name",
    "luu": "archive line (Lưu: VT, TĐKT.)",
    "ten": "name",
    "chu_de": "theme",
    "thoi_gian": "period",
    "muc_tieu": "goals",
    "doi_tuong": "competitors",
    "noi_dung": "content / inline text",
    "tieu_chi": "criteria",
    "khen_thuong": "awards",
    "to_chuc_thuc_hien": "duties per unit",
    "cong_van": "the launching circular",
    "so": "document number",
    "ngay": "date",
    "trich_yeu": "subject line",
    "kinh_gui": "addressees",
    "noi_nhan": "recipients",
    "mo_dau": "opening paragraph(s)",
    "ket_luan": "closing paragraph",
    "cac_muc": "numbered items (khoản)",
    "cac_diem": "lettered points (điểm)",
    "cac_y": "dash bullets",
    "cac_doan": "plain paragraphs",
    "tieu_de": "title",
    "hinh_thuc": "award kinds",
    "toi_da": "quota",
    "tien_thuong": "reward money",
    "moi_nguoi": "amount per head",
    "co_dinh": "fixed amount",
    "he_so": "coefficient",
    "bat_dau": "start",
    "ket_thuc": "end",
    "mo_ta": "description",
}


def _error(message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError("thidua", message, context)


def _nfc(value: str) -> str:
    """Unicode NFC (TCVN 6909:2001, precomposed) with surrounding white space removed."""
    return unicodedata.normalize("NFC", value).strip()


def _not_blank(value: str) -> str:
    if not value:
        raise _error("không được để trống")
    return value


#: A non-empty piece of Vietnamese text (NFC).
Text = Annotated[str, Strict(), AfterValidator(_nfc), AfterValidator(_not_blank)]


def _upper(value: str) -> str:
    return value.upper()


#: Text written in capitals in the document (agency names, titles): converted to upper case.
UpperText = Annotated[Text, AfterValidator(_upper)]

_CODE = re.compile(r"^[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*$")


def _code(value: str) -> str:
    if not _CODE.match(value):
        raise _error("ký hiệu chỉ gồm chữ in hoa và chữ số, không dấu cách (ví dụ BHXH, TĐKT)")
    return value


Code = Annotated[Text, AfterValidator(_code)]

_ID = re.compile(r"^[a-z0-9_]+$")


def _identifier(value: str) -> str:
    if not _ID.match(value):
        raise _error(
            "mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới (ví dụ pho_tong_giam_doc)"
        )
    return value


Identifier = Annotated[Text, AfterValidator(_identifier)]

_DMY = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*$")
_DATE_EXPECTED = "cần một ngày dạng 2024-11-11 hoặc 11/11/2024"


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = _DMY.match(value)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise _error("ngày không có thật trên lịch") from None
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _error(_DATE_EXPECTED)


def _check_year(value: dt.date) -> dt.date:
    if not 1900 <= value.year <= 2200:
        raise _error("năm phải từ 1900 đến 2200")
    return value


Ngay = Annotated[dt.date, BeforeValidator(_parse_date), AfterValidator(_check_year)]


def _parse_issue_date(value: Any) -> dt.date | NgayDuThao:
    """An issue date, or only a year for a draft whose day and month are written by hand."""
    if isinstance(value, bool):
        raise _error(_DATE_EXPECTED + ", hoặc chỉ ghi năm (2024) cho bản dự thảo")
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        year = int(value)
        if not 1900 <= year <= 2200:
            raise _error("năm phải từ 1900 đến 2200")
        return NgayDuThao(year)
    try:
        return _check_year(_parse_date(value))
    except PydanticCustomError:
        raise _error(_DATE_EXPECTED + ", hoặc chỉ ghi năm (2024) cho bản dự thảo") from None


NgayBanHanh = Annotated[dt.date | NgayDuThao, BeforeValidator(_parse_issue_date)]

#: Money: integer đồng, never a float (0,3 × 2.340.000 in float is 702000.0000000001).
Tien = Annotated[int, Strict(), Field(ge=0)]


def _coefficient(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise _error("hệ số phải là một số, ví dụ 1,5")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # the number as the clerk wrote it (1.5), not its binary value
    if isinstance(value, str):
        try:
            return parse_typed(value).value  # the one rule of thidua_docs.numbers
        except NotANumber as err:
            raise _error(f"hệ số phải là một số, ví dụ 1,5{_why(err)}") from None
    raise _error("hệ số phải là một số, ví dụ 1,5")


HeSo = Annotated[Decimal, BeforeValidator(_coefficient), Field(gt=0)]


class Model(BaseModel):
    """Base of every spec model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _item_from_text(value: Any) -> Any:
    """A list item written as plain text is the same as ``{noi_dung: text}``.

    A number or yes/no in its place is passed on as the text too, so the error names noi_dung
    and says that text was expected."""
    return {"noi_dung": value} if isinstance(value, str | int | float) else value


class Y(Model):
    """A "- " bullet, with optional "+ " sub-bullets.

    Instead of text, a bullet may name a rule of ``danh_gia`` (``quy_tac: cham_dong``): the
    circular then prints that rule's own wording, so what is announced is what is applied.
    """

    noi_dung: Text | None = None
    quy_tac: Identifier | None = None
    cac_y: list[Text] = []

    @model_validator(mode="after")
    def _text_or_rule(self) -> Y:
        if (self.noi_dung is None) == (self.quy_tac is None):
            raise _error(
                "mỗi ý cần đúng một trong hai: noi_dung (văn bản) hoặc quy_tac (mã quy tắc đánh giá)"
            )
        return self


YItem = Annotated[Y, BeforeValidator(_item_from_text)]


class Diem(Model):
    """A lettered point (điểm) "a) …" with its bullets."""

    tieu_de: Text | None = None
    noi_dung: Text | None = None
    cac_doan: list[Text] = []
    cac_y: list[YItem] = []

    @model_validator(mode="after")
    def _has_text(self) -> Diem:
        if not (self.tieu_de or self.noi_dung):
            raise _error("mỗi điểm cần tieu_de hoặc noi_dung")
        return self


class Muc(Model):
    """A numbered item (khoản) "1. …": a title, inline text, paragraphs, bullets and points."""

    tieu_de: Text | None = None
    noi_dung: Text | None = None
    cac_doan: list[Text] = []
    cac_y: list[YItem] = []
    cac_diem: list[Annotated[Diem, BeforeValidator(_item_from_text)]] = []

    @model_validator(mode="after")
    def _has_text(self) -> Muc:
        if not (self.tieu_de or self.noi_dung):
            raise _error("mỗi mục cần tieu_de hoặc noi_dung")
        return self


MucItem = Annotated[Muc, BeforeValidator(_item_from_text)]

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
            raise _error(
                "họ tên người ký không kèm học hàm, học vị hay danh xưng (Nghị định 30/2020)"
            )
        return value

    @model_validator(mode="after")
    def _authority(self) -> NguoiKy:
        needs_head = self.quyen_han in ("KT.", "TM.", "TL.", "TUQ.")
        if needs_head and not self.thay_cho:
            raise _error(
                "quyền hạn {quyen_han} cần thay_cho: chức vụ người đứng đầu hoặc tên tập thể "
                "(ví dụ TỔNG GIÁM ĐỐC)",
                quyen_han=self.quyen_han,
            )
        if not needs_head and self.thay_cho:
            raise _error("thay_cho chỉ dùng với quyền hạn KT., TM., TL. hoặc TUQ.")
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


class ThoiGian(Model):
    bat_dau: Ngay | None = None
    ket_thuc: Ngay
    mo_ta: Text | None = None

    @model_validator(mode="after")
    def _order(self) -> ThoiGian:
        if self.bat_dau and self.bat_dau > self.ket_thuc:
            raise _error("ngày bắt đầu (bat_dau) phải trước ngày kết thúc (ket_thuc)")
        return self

    @property
    def van_ban(self) -> str:
        """The period as written in the circular."""
        if self.mo_ta:
            return self.mo_ta
        start = (
            f"ngày {ngay_so(self.bat_dau)}" if self.bat_dau else "ngày phát động phong trào thi đua"
        )
        return f"Từ {start} đến ngày {ngay_so(self.ket_thuc)}."


class NoiDung(Model):
    mo_dau: Text | None = None
    cac_muc: list[MucItem] = []


class TienThuong(Model):
    """One money rule: a fixed amount, an amount per head, or a coefficient of mức lương cơ sở."""

    co_dinh: Tien | None = None
    moi_nguoi: Tien | None = None
    he_so: HeSo | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> TienThuong:
        given = [k for k in ("co_dinh", "moi_nguoi", "he_so") if getattr(self, k) is not None]
        if len(given) != 1:
            raise _error("cần đúng một cách tính tiền thưởng: co_dinh, moi_nguoi hoặc he_so")
        return self


class HinhThuc(Model):
    """An award on offer: its name, who receives it, the quota and the money."""

    ten: Text
    doi_tuong: Literal["tập thể", "cá nhân"]
    toi_da: Annotated[int, Strict(), Field(ge=1)] | None = None
    tien_thuong: TienThuong | None = None


class KhenThuong(Model):
    mo_dau: Text | None = None
    cac_muc: list[MucItem] = []
    hinh_thuc: list[HinhThuc] = []


# ------------------------------------------------------------------ evaluation rules (danh_gia)

Ky = Literal["q1", "q2", "q3", "q4"]
SoSanh = Literal[">=", "<=", ">", "<"]


def _decimal(value: Any) -> Any:
    if isinstance(value, bool):
        raise _error("cần một số")
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            return parse_typed(value, ("%",)).value  # the one rule of thidua_docs.numbers
        except NotANumber as err:
            raise _error(f"cần một số, ví dụ 71,5{_why(err)}") from None
    return value


def _why(err: NotANumber) -> str:
    """The reason a text that looked like a number is not one, after a "; "."""
    return f"; {err.reason}" if err.reason else ""


So = Annotated[Decimal, BeforeValidator(_decimal)]


class ChiSo(Model):
    """A metric: one column of the results sheet."""

    ma: Identifier
    ten: Text
    don_vi: Text | None = None


class TyLe(Model):
    """A ratio computed from two metrics, in percent: tu_so / mau_so × 100."""

    ma: Identifier
    ten: Text
    tu_so: Identifier
    mau_so: Identifier


class TieuChiDanhGia(Model):
    """A mandatory criterion: a metric compared with a threshold (by period) or with another metric.

    ``dung_sai`` is a tolerance in percent of the compared metric: "không cao hơn quá 5% của tỷ lệ
    chỉ tiêu" is ``so_sanh: "<="``, ``so_voi: chi_tieu_cham_dong``, ``dung_sai: 5``.
    """

    ma: Identifier
    ten: Text
    chi_so: Identifier
    so_sanh: SoSanh
    nguong: So | dict[Ky, So] | None = None
    so_voi: Identifier | None = None
    dung_sai: So | None = None
    mo_ta: Text | None = None

    @model_validator(mode="after")
    def _one_reference(self) -> TieuChiDanhGia:
        if (self.nguong is None) == (self.so_voi is None):
            raise _error(
                "tiêu chí cần đúng một trong hai: nguong (ngưỡng) hoặc so_voi (chỉ số để so sánh)"
            )
        if self.dung_sai is not None and self.so_voi is None:
            raise _error("dung_sai chỉ dùng khi so sánh với một chỉ số khác (so_voi)")
        return self


class UuTien(Model):
    """A tie-break: when results are equal, the better value of this metric goes first."""

    ma: Identifier | None = None
    chi_so: Identifier
    thap_hon_tot: bool = False
    mo_ta: Text


class LinhVuc(Model):
    """An award field: competitors passing its criteria, ranked by one metric, up to a quota."""

    ma: Identifier
    ten: Text
    xep_hang_theo: Identifier
    thap_hon_tot: bool = False
    tieu_chi: list[Identifier] | None = None  # None: every criterion of the group
    so_luong: Annotated[int, Strict(), Field(ge=1)]
    uu_tien: list[UuTien] = []
    mo_ta: Text | None = None


class NhomDanhGia(Model):
    """A group of competitors (one sheet of results) with its metrics, criteria and fields."""

    ma: Identifier
    ten: Text
    don_vi_goi: Text = "tập thể"  # what one competitor is called in the text: "BHXH tỉnh", "đơn vị"
    chi_so: list[ChiSo] = Field(min_length=1)
    ty_le: list[TyLe] = []
    tieu_chi: list[TieuChiDanhGia] = []
    linh_vuc: list[LinhVuc] = Field(min_length=1)
    #: A competitor is awarded in one field at most (the first, in declared order, that selects it).
    mot_linh_vuc: bool = True
    bien_che: Identifier | None = None  # the metric holding the headcount (money per head)
    ca_nhan_toi_da: Annotated[int, Strict(), Field(ge=0)] | None = None
    loai_tru: list[Text] = []


class DanhGia(Model):
    """How results are evaluated and awards selected, exactly as the circular announces."""

    ky: Ky = "q4"
    ket_qua: Text = "ket-qua.xlsx"
    hinh_thuc: Text
    thanh_tich: Text
    tien_thuong_tap_the: TienThuong | None = None
    tien_thuong_ca_nhan: TienThuong | None = None
    nhom: list[NhomDanhGia] = Field(min_length=1)


class VanBanGui(Model):
    """What a document sent to addressees has: number, date, subject, Kính gửi, opening and
    closing text, recipients, archive line, signer (công văn, tờ trình)."""

    so: Annotated[int, Strict(), Field(ge=1)] | None = None
    ngay: NgayBanHanh
    trich_yeu: Text
    kinh_gui: list[Text] = Field(min_length=1)
    mo_dau: list[Text] = []
    ket_luan: Text
    noi_nhan: list[Text] = []
    luu: list[Text] | None = None
    nguoi_ky: Identifier


class CongVan(VanBanGui):
    """The launching circular's own data; its code is "<issuer>-<drafting unit>"."""

    don_vi_soan_thao: Code | None = None


class PhanVanBan(Model):
    """A numbered part of a document ("I. MỤC ĐÍCH, YÊU CẦU"): opening text and numbered items."""

    tieu_de: Text
    mo_dau: Text | None = None
    cac_muc: list[MucItem] = []


class KeHoach(Model):
    """A plan (kế hoạch) carrying a campaign into the agency or a unit (ND30 Mẫu 1.4)."""

    so: Annotated[int, Strict(), Field(ge=1)] | None = None
    ngay: NgayBanHanh
    trich_yeu: Text
    mo_dau: list[Text] = []
    cac_phan: list[PhanVanBan] = Field(min_length=1)
    ket_luan: Text
    noi_nhan: list[Text] = []
    luu: list[Text] | None = None
    nguoi_ky: Identifier
    #: A post the signer also holds, printed under the name ("Chủ tịch Hội đồng Thi đua - Khen thưởng …").
    chuc_danh_kiem_nhiem: Text | None = None


class ChienDich(Model):
    """A campaign spec (chien-dich.yaml)."""

    co_quan: Text
    ten: Text
    chu_de: Text | None = None
    thoi_gian: ThoiGian | None = None
    muc_tieu: Text | None = None
    doi_tuong: Text | None = None
    noi_dung: NoiDung = NoiDung()
    tieu_chi: list[MucItem] = []
    khen_thuong: KhenThuong = KhenThuong()
    to_chuc_thuc_hien: list[MucItem] = []
    cong_van: CongVan | None = None
    ke_hoach: KeHoach | None = None
    danh_gia: DanhGia | None = None


# ------------------------------------------------------------------ the award dossier (khen-thuong.yaml)

_GIO = re.compile(r"^(\d{1,2}) giờ (\d{2})$")


def _gio(value: Any) -> Any:
    if isinstance(value, str):
        match = _GIO.match(value.strip())
        if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
            return value.strip()
    raise _error("cần giờ dạng '14 giờ 00'")


GioPhut = Annotated[str, BeforeValidator(_gio)]
SoPhieu = Annotated[int, Strict(), Field(ge=0)]


class TapTheDeNghi(Model):
    """A collective proposed for an award."""

    ten: Text
    bien_che: Annotated[int, Strict(), Field(ge=0)] | None = None
    tien_thuong: TienThuong | None = None
    thanh_tich: Text | None = None
    phieu_dong_y: SoPhieu | None = None


class CaNhanDeNghi(Model):
    """An individual proposed for an award."""

    ho_ten: Text
    chuc_vu: Text | None = None
    don_vi: Text
    tien_thuong: TienThuong | None = None
    thanh_tich: Text | None = None
    phieu_dong_y: SoPhieu | None = None


class HinhThucDeNghi(Model):
    """One award kind with its proposed collectives and individuals and the money rules."""

    hinh_thuc: Text  # "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam"
    thanh_tich: Text  # the achievement printed on the certificate and in the decision
    tien_thuong_tap_the: TienThuong | None = None
    tien_thuong_ca_nhan: TienThuong | None = None
    tap_the: list[TapTheDeNghi] = []
    ca_nhan: list[CaNhanDeNghi] = []


class ToTrinh(VanBanGui):
    """The submission asking the head to award (ND30 Mẫu 1.4); its code defaults to "TTr-<issuer>"."""

    ky_hieu: Annotated[str, AfterValidator(_nfc), AfterValidator(_code)] | None = None


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
    to_trinh: ToTrinh | None = None
    bien_ban: BienBan | None = None
    quyet_dinh: QuyetDinh | None = None


def model_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class a validation error's location leads to, walking from ``root``.

    ``loc`` is pydantic's error location (keys, list indexes, dict keys, and the tags pydantic
    adds for a union member or a validator, such as ``"function-before[_decimal(), decimal]"``).
    The walk goes through fields, lists, dicts, ``Annotated``, optionals and unions; None when the
    location does not end on a model (so no suggestion rather than a wrong one).
    """
    return _walk(root, list(loc))


def _walk(annotation: Any, loc: list[str | int]) -> type[BaseModel] | None:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _walk(get_args(annotation)[0], loc)
    if origin in (Union, UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        if loc and isinstance(loc[0], str):
            # pydantic names the union member an error came from: a model by its class name.
            named = [m for m in members if isinstance(m, type) and m.__name__ == loc[0]]
            if named:
                return _walk(named[0], loc[1:])
        for member in members:
            found = _walk(member, loc)
            if found is not None:
                return found
        return None
    if not loc:
        return (
            annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel)
            else None
        )
    part, rest = loc[0], loc[1:]
    if isinstance(part, str) and "[" in part:  # a tag pydantic adds, not a key of the file
        return _walk(annotation, rest)
    if origin is list:
        return _walk(get_args(annotation)[0], rest) if isinstance(part, int) else None
    if origin is dict:
        return _walk(get_args(annotation)[1], rest)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return None if field is None else _walk(field.annotation, rest)
    return None


def field_names_at(root: type[BaseModel], loc: Sequence[str | int]) -> set[str]:
    """The keys the model at ``loc`` accepts (for "did you mean …?"); empty when there is none."""
    model = model_at(root, loc)
    return set() if model is None else set(model.model_fields)
