"""The campaign spec (chien-dich.yaml): its parts, its circular (công văn) and its plan (kế hoạch)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    Strict,
    model_validator,
)

from thidua_docs.formatting import ngay_so
from thidua_docs.schema.base import Code, Identifier, Model, Ngay, NgayBanHanh, Text, invalid
from thidua_docs.schema.body import ThanVanBan
from thidua_docs.schema.parts import MucItem, TienThuong, VanBanGui
from thidua_docs.schema.rules import DanhGia, DotXet


class ThoiGian(Model):
    bat_dau: Ngay | None = None
    ket_thuc: Ngay
    mo_ta: Text | None = None

    @model_validator(mode="after")
    def _order(self) -> ThoiGian:
        if self.bat_dau and self.bat_dau > self.ket_thuc:
            raise invalid("ngày bắt đầu (bat_dau) phải trước ngày kết thúc (ket_thuc)")
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


class CongVan(VanBanGui, ThanVanBan):
    """The launching circular's own data; its code is "<issuer>-<drafting unit>".

    Its body is its own ``cac_muc`` numbered by ``danh_so`` (schema.body). A circular without
    ``cac_muc`` is written in the earlier fixed layout: parts I–V from the campaign's
    muc_tieu, doi_tuong, thoi_gian, noi_dung, tieu_chi, khen_thuong and to_chuc_thuc_hien.
    """

    don_vi_soan_thao: Code | None = None


class PhanVanBan(Model):
    """A numbered part of a document ("I. MỤC ĐÍCH, YÊU CẦU"): opening text and numbered items."""

    tieu_de: Text
    mo_dau: Text | None = None
    cac_muc: list[MucItem] = []


class KeHoach(ThanVanBan):
    """A plan (kế hoạch) carrying a campaign into the agency or a unit (ND30 Mẫu 1.4).

    Its body is ``cac_muc`` numbered by ``danh_so`` (schema.body); ``cac_phan`` is the earlier
    layout (sections I., II. with numbered items), still read.
    """

    so: Annotated[int, Strict(), Field(ge=1)] | None = None
    ngay: NgayBanHanh
    trich_yeu: Text
    mo_dau: list[Text] = []
    cac_phan: list[PhanVanBan] = []
    ket_luan: Text
    noi_nhan: list[Text] = []
    luu: list[Text] | None = None
    nguoi_ky: Identifier
    #: A post the signer also holds, printed under the name ("Chủ tịch Hội đồng Thi đua - Khen thưởng …").
    chuc_danh_kiem_nhiem: Text | None = None

    @model_validator(mode="after")
    def _one_body(self) -> KeHoach:
        if bool(self.cac_muc) == bool(self.cac_phan):
            raise invalid(
                "kế hoạch cần nội dung: cac_muc (các phần, mục đánh số theo danh_so) "
                "hoặc cac_phan (cách viết cũ), không cả hai"
            )
        return self


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
    #: The rounds of evaluation (đợt xét), declared once: quarters, the year, a sơ kết and a
    #: tổng kết. None: one evaluation, one dossier, as before.
    dot: list[DotXet] = []

    @model_validator(mode="after")
    def _rounds(self) -> ChienDich:
        # Two rounds of one code are reported with their line by inputs.campaign.
        if self.danh_gia is not None:
            self.danh_gia._dot = list(self.dot)  # the rules are evaluated in these rounds
        return self
