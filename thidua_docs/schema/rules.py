"""The evaluation rules of a campaign (``danh_gia``): metrics, ratios, criteria, fields, tie-breaks."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    PrivateAttr,
    Strict,
    model_validator,
)

from thidua_docs.schema.base import Identifier, Model, Ngay, So, Text, invalid
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
    #: An absolute tolerance in percentage points ("không cao hơn chỉ tiêu quá 0,5 điểm phần trăm").
    dung_sai_diem: So | None = None
    mo_ta: Text | None = None
    #: A threshold by period announced one line per period (three bullets for three quarters).
    tung_ky: bool = False

    @model_validator(mode="after")
    def _one_reference(self) -> TieuChiDanhGia:
        if (self.nguong is None) == (self.so_voi is None):
            raise invalid(
                "tiêu chí cần đúng một trong hai: nguong (ngưỡng) hoặc so_voi (chỉ số để so sánh)"
            )
        if self.dung_sai is not None and self.so_voi is None:
            raise invalid("dung_sai chỉ dùng khi so sánh với một chỉ số khác (so_voi)")
        if self.dung_sai_diem is not None and self.so_voi is None:
            raise invalid("dung_sai_diem chỉ dùng khi so sánh với một chỉ số khác (so_voi)")
        if self.tung_ky and not isinstance(self.nguong, dict):
            raise invalid("tung_ky chỉ dùng với ngưỡng theo kỳ (nguong: {q2: 45, q4: 100})")
        if self.dung_sai is not None and self.dung_sai_diem is not None:
            raise invalid(
                "chỉ ghi một trong hai: dung_sai (phần trăm của chỉ số so sánh) hoặc dung_sai_diem "
                "(điểm phần trăm)"
            )
        return self


class UuTien(Model):
    """A tie-break: when results are equal, the better value of this metric goes first."""

    ma: Identifier | None = None
    chi_so: Identifier
    thap_hon_tot: bool = False
    mo_ta: Text


#: How "dẫn đầu" over several metrics is decided: every metric must lead (ranked by the weakest
#: standing), metric after metric (lexicographic), or a weighted score.
KetHop = Literal["tat_ca", "lan_luot", "trong_so"]


class LinhVuc(Model):
    """An award field: competitors passing its criteria, ranked by one metric (or several,
    combined as ``ket_hop`` says), up to a quota, with its own individuals' cap, achievement
    text and award form when the circular gives them."""

    ma: Identifier
    ten: Text
    xep_hang_theo: Identifier | Annotated[list[Identifier], Field(min_length=1)]
    ket_hop: KetHop | None = None
    trong_so: dict[Identifier, So] = {}
    thap_hon_tot: bool = False
    tieu_chi: list[Identifier] | None = None  # None: every criterion of the group
    so_luong: Annotated[int, Strict(), Field(ge=1)]
    uu_tien: list[UuTien] = []
    mo_ta: Text | None = None
    #: Individuals per collective awarded in this field (else the group's ``ca_nhan_toi_da``).
    ca_nhan_toi_da: Annotated[int, Strict(), Field(ge=0)] | None = None
    #: The achievement printed for the collectives of this field (else ``danh_gia › thanh_tich``).
    thanh_tich: Text | None = None
    #: The award form of the collectives of this field (else ``danh_gia › hinh_thuc``).
    hinh_thuc: Text | None = None
    tien_thuong: TienThuong | None = None

    @model_validator(mode="after")
    def _combination(self) -> LinhVuc:
        metrics = self.chi_so_xep_hang
        if len(metrics) > 1 and self.ket_hop is None:
            raise invalid(
                "xếp hạng theo nhiều chỉ số cần ket_hop: tat_ca (dẫn đầu ở mọi chỉ số), lan_luot "
                "(lần lượt từng chỉ số) hoặc trong_so (điểm tổng hợp theo trọng số)"
            )
        if self.ket_hop == "trong_so":
            missing = [m for m in metrics if m not in self.trong_so]
            extra = [m for m in self.trong_so if m not in metrics]
            if missing or extra:
                raise invalid(
                    "trong_so cần đúng một trọng số cho mỗi chỉ số của xep_hang_theo"
                    + (f"; thiếu: {', '.join(missing)}" if missing else "")
                    + (f"; thừa: {', '.join(extra)}" if extra else "")
                )
        elif self.trong_so:
            raise invalid("trong_so chỉ dùng với ket_hop: trong_so")
        return self

    @property
    def chi_so_xep_hang(self) -> list[str]:
        """The ranking metrics, in declared order (one for most fields)."""
        return [self.xep_hang_theo] if isinstance(self.xep_hang_theo, str) else self.xep_hang_theo


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


_ROUND_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _round_code(value: str) -> str:
    if not _ROUND_CODE.match(value):
        raise invalid(
            "mã đợt xét chỉ gồm chữ thường không dấu, chữ số, dấu gạch ngang và gạch dưới "
            "(ví dụ quy-2, ca-nam)"
        )
    return value


#: A round's code, typed on the command line (``--dot quy-2``) and naming its folder.
MaDot = Annotated[Text, AfterValidator(_round_code)]


class DotXet(Model):
    """A round of evaluation (đợt xét): a quarter, the year, a sơ kết or tổng kết of a movement.

    Declared once in the campaign (``chien_dich › dot``). Its outputs live in their own folder
    (``thu_muc``, default ``dot/<ma>``): the results, the evaluation, the award list,
    khen-thuong.yaml and the dossier, so one round never writes over another's. Anything it does
    not say is taken from ``danh_gia`` (a campaign without rules has rounds too: a sơ kết and a
    tổng kết, each with its own khen-thuong.yaml and dossier).
    """

    ma: MaDot
    ten: Text  # "Quý II năm 2026", "Tổng kết năm 2026"
    ky: Ky | None = None  # the period whose thresholds apply (else danh_gia › ky)
    bat_dau: Ngay | None = None
    ket_thuc: Ngay | None = None
    thu_muc: Text | None = None
    ket_qua: Text | None = None
    hinh_thuc: Text | None = None
    hinh_thuc_ca_nhan: Text | None = None
    thanh_tich: Text | None = None
    tien_thuong_tap_the: TienThuong | None = None
    tien_thuong_ca_nhan: TienThuong | None = None
    #: Quotas of this round by field code (else each field's ``so_luong``).
    so_luong: dict[Identifier, Annotated[int, Strict(), Field(ge=1)]] = {}
    #: Individuals' caps of this round by field code (else each field's ``ca_nhan_toi_da``).
    ca_nhan_toi_da: dict[Identifier, Annotated[int, Strict(), Field(ge=0)]] = {}

    @model_validator(mode="after")
    def _period(self) -> DotXet:
        if self.bat_dau and self.ket_thuc and self.bat_dau > self.ket_thuc:
            raise invalid("ngày bắt đầu (bat_dau) phải trước ngày kết thúc (ket_thuc) của đợt")
        return self

    @property
    def folder(self) -> str:
        """The round's folder, relative to the campaign's."""
        return self.thu_muc or f"dot/{self.ma}"


class DanhGia(Model):
    """How results are evaluated and awards selected, exactly as the circular announces."""

    ky: Ky = "q4"
    ket_qua: Text = "ket-qua.xlsx"
    hinh_thuc: Text
    #: The individuals' award form when it differs from the collectives' (``hinh_thuc``).
    hinh_thuc_ca_nhan: Text | None = None
    thanh_tich: Text
    #: The kind of the awards (công trạng, chuyên đề, đột xuất), written into the award list;
    #: unset: read from the achievement's words wherever it matters (the register's conditions).
    loai_khen_thuong: Literal["cong_trang", "chuyen_de", "dot_xuat"] | None = None
    tien_thuong_tap_the: TienThuong | None = None
    tien_thuong_ca_nhan: TienThuong | None = None
    nhom: list[NhomDanhGia] = Field(min_length=1)
    #: The campaign's rounds (``chien_dich › dot``, declared once in the campaign and handed to
    #: its rules by ``ChienDich``); the rules applied for one round hold that round only.
    _dot: list[DotXet] = PrivateAttr(default_factory=list)

    @property
    def dot(self) -> list[DotXet]:
        """The rounds these rules are evaluated in (empty: one evaluation, as before)."""
        return self._dot

    def with_rounds(self, rounds: list[DotXet]) -> DanhGia:
        """These rules evaluated in ``rounds``."""
        copy = self.model_copy()
        copy._dot = list(rounds)
        return copy

    def for_round(self, round_: DotXet) -> DanhGia:
        """These rules as the round applies them: its period, form, money, quotas and caps
        (``dot`` then holds that round only)."""
        groups = [
            group.model_copy(
                update={
                    "linh_vuc": [
                        field.model_copy(
                            update={
                                "so_luong": round_.so_luong.get(field.ma, field.so_luong),
                                "ca_nhan_toi_da": round_.ca_nhan_toi_da.get(
                                    field.ma, field.ca_nhan_toi_da
                                ),
                            }
                        )
                        for field in group.linh_vuc
                    ]
                }
            )
            for group in self.nhom
        ]
        update: dict[str, object] = {"ky": round_.ky or self.ky, "nhom": groups}
        if round_.ket_qua is not None:
            update["ket_qua"] = round_.ket_qua
        for name in (
            "hinh_thuc",
            "hinh_thuc_ca_nhan",
            "thanh_tich",
            "tien_thuong_tap_the",
            "tien_thuong_ca_nhan",
        ):
            if getattr(round_, name) is not None:
                update[name] = getattr(round_, name)
        # The applied rules keep the round as their only one: they say which round they are.
        return self.model_copy(update=update).with_rounds([round_])
