"""The evaluation rules of a campaign (``danh_gia``): metrics, ratios, criteria, fields, tie-breaks."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    Strict,
    model_validator,
)

from thidua_docs.schema.base import Identifier, Model, So, Text, invalid
from thidua_docs.schema.parts import TienThuong

Ky = Literal["q1", "q2", "q3", "q4"]


SoSanh = Literal[">=", "<=", ">", "<"]


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
            raise invalid(
                "tiêu chí cần đúng một trong hai: nguong (ngưỡng) hoặc so_voi (chỉ số để so sánh)"
            )
        if self.dung_sai is not None and self.so_voi is None:
            raise invalid("dung_sai chỉ dùng khi so sánh với một chỉ số khác (so_voi)")
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
