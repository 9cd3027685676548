"""Parts shared by several files: list items of a document body, money rules, a sent document."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    Strict,
    model_validator,
)

from thidua_docs.schema.base import HeSo, Identifier, Model, NgayBanHanh, Text, Tien, invalid


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
            raise invalid(
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
            raise invalid("mỗi điểm cần tieu_de hoặc noi_dung")
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
            raise invalid("mỗi mục cần tieu_de hoặc noi_dung")
        return self


MucItem = Annotated[Muc, BeforeValidator(_item_from_text)]


class TienThuong(Model):
    """One money rule: a fixed amount, an amount per head, or a coefficient of mức lương cơ sở."""

    co_dinh: Tien | None = None
    moi_nguoi: Tien | None = None
    he_so: HeSo | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> TienThuong:
        given = [k for k in ("co_dinh", "moi_nguoi", "he_so") if getattr(self, k) is not None]
        if len(given) != 1:
            raise invalid("cần đúng một cách tính tiền thưởng: co_dinh, moi_nguoi hoặc he_so")
        return self


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
