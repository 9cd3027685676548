"""The register's tables (SQLAlchemy 2 declarative models), the same on SQLite and PostgreSQL.

A subject (``DoiTuong``) is a collective or a person with a stable code (``ma``: mã cán bộ, số
định danh, or for a collective its own code), never its name alone: two Nguyễn Văn An are two rows.
Each award (``KhenThuong``: a title or a form of award) belongs to one subject and one decision and
carries its number in its book (``so_vao_so``), unique per book and year; ``SoSach`` keeps the last
number given in each book and year, so numbers are gapless (the counter moves only in the
transaction that uses the number).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Task ratings, best first (Luật Cán bộ, công chức; Nghị định 90/2020: bốn mức xếp loại).
XEP_LOAI = ("hoan_thanh_xuat_sac", "hoan_thanh_tot", "hoan_thanh", "khong_hoan_thanh")
#: Kinds of award: for a period's work (công trạng), đột xuất, chuyên đề (Luật 2022, Điều 4 and 5).
KIEU_KHEN = ("cong_trang", "dot_xuat", "chuyen_de")
#: Level of recognition of a sáng kiến.
CAP_SANG_KIEN = ("co_so", "bo", "toan_quoc")


class Base(DeclarativeBase):
    pass


#: The longest word of a name kept in the search index (longer ones are cut to it).
WORD_LENGTH = 80


class DoiTuong(Base):
    """A collective (``tap_the``) or a person, with a stable code."""

    __tablename__ = "doi_tuong"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ma: Mapped[str] = mapped_column(String(64), unique=True)
    tap_the: Mapped[bool]
    ten: Mapped[str] = mapped_column(String(300))
    ten_khong_dau: Mapped[str] = mapped_column(String(300), index=True)
    don_vi: Mapped[str] = mapped_column(String(300), default="")
    chuc_vu: Mapped[str] = mapped_column(String(300), default="")


class TuTen(Base):
    """Each word of a subject's name without diacritics: the index a name search reads ("nguyen
    van an" finds the subjects having a word that begins with each of the three)."""

    __tablename__ = "tu_ten"

    tu: Mapped[str] = mapped_column(String(WORD_LENGTH), primary_key=True)
    doi_tuong_id: Mapped[int] = mapped_column(ForeignKey("doi_tuong.id"), primary_key=True)


class DonViLichSu(Base):
    """The unit a subject belonged to from a year on (its unit history)."""

    __tablename__ = "don_vi_lich_su"
    __table_args__ = (UniqueConstraint("doi_tuong_id", "tu_nam", "don_vi"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doi_tuong_id: Mapped[int] = mapped_column(ForeignKey("doi_tuong.id"), index=True)
    don_vi: Mapped[str] = mapped_column(String(300))
    tu_nam: Mapped[int]


class XepLoai(Base):
    """A yearly task rating."""

    __tablename__ = "xep_loai"
    __table_args__ = (UniqueConstraint("doi_tuong_id", "nam"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doi_tuong_id: Mapped[int] = mapped_column(ForeignKey("doi_tuong.id"))
    nam: Mapped[int]
    muc: Mapped[str] = mapped_column(String(32))


class QuyetDinh(Base):
    """A decision: its number and code as printed, date, signer, issuing body. Numbers start
    again each year (ND30), so a decision is its issuer, number and year."""

    __tablename__ = "quyet_dinh"
    __table_args__ = (UniqueConstraint("co_quan", "so_ky_hieu", "nam"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    so_ky_hieu: Mapped[str] = mapped_column(String(100))  # "123/QĐ-BHXH"
    ngay: Mapped[dt.date] = mapped_column(Date)
    nam: Mapped[int]  # the year of ``ngay``
    nguoi_ky: Mapped[str] = mapped_column(String(300), default="")
    co_quan: Mapped[str] = mapped_column(String(300))  # the issuing body (its level)


class KhenThuong(Base):
    """One title or award given to one subject by one decision, with its number in the book."""

    __tablename__ = "khen_thuong"
    __table_args__ = (
        UniqueConstraint("so_sach", "nam_so", "so_vao_so"),
        # one achievement supports one award (Luật 2022, Điều 5)
        UniqueConstraint("doi_tuong_id", "nam", "thanh_tich_khoa"),
        Index("ix_khen_thuong_doi_tuong_nam", "doi_tuong_id", "nam"),
        Index("ix_khen_thuong_nam_hinh_thuc", "nam", "hinh_thuc"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doi_tuong_id: Mapped[int] = mapped_column(ForeignKey("doi_tuong.id"))
    quyet_dinh_id: Mapped[int] = mapped_column(ForeignKey("quyet_dinh.id"), index=True)
    nam: Mapped[int]  # the year of the achievement
    hinh_thuc: Mapped[str] = mapped_column(String(300))
    hinh_thuc_khoa: Mapped[str] = mapped_column(String(300))  # without diacritics, lower case
    kieu: Mapped[str] = mapped_column(String(16), default="cong_trang")
    thanh_tich: Mapped[str] = mapped_column(Text, default="")
    thanh_tich_khoa: Mapped[str] = mapped_column(String(64))  # digest of the normalised text
    don_vi: Mapped[str] = mapped_column(String(300), default="")  # the unit at the time
    tien: Mapped[int] = mapped_column(BigInteger, default=0)  # đồng, never a float
    so_sach: Mapped[str] = mapped_column(String(300))
    nam_so: Mapped[int]
    so_vao_so: Mapped[int]


class SoSach(Base):
    """The last number given in one book and year."""

    __tablename__ = "so_sach"

    ten: Mapped[str] = mapped_column(String(300), primary_key=True)
    nam: Mapped[int] = mapped_column(Integer, primary_key=True)
    so_cuoi: Mapped[int] = mapped_column(Integer, default=0)


class SangKien(Base):
    """An initiative, its recognition, and the award it was used for (at most one)."""

    __tablename__ = "sang_kien"
    __table_args__ = (UniqueConstraint("doi_tuong_id", "ten_khoa"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doi_tuong_id: Mapped[int] = mapped_column(ForeignKey("doi_tuong.id"), index=True)
    ten: Mapped[str] = mapped_column(Text)
    ten_khoa: Mapped[str] = mapped_column(String(64))
    nam: Mapped[int]
    cap: Mapped[str] = mapped_column(String(16), default="co_so")
    khen_thuong_id: Mapped[int | None] = mapped_column(ForeignKey("khen_thuong.id"), nullable=True)


class KyLuat(Base):
    """A discipline period."""

    __tablename__ = "ky_luat"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doi_tuong_id: Mapped[int] = mapped_column(ForeignKey("doi_tuong.id"), index=True)
    hinh_thuc: Mapped[str] = mapped_column(String(300))
    tu_ngay: Mapped[dt.date] = mapped_column(Date)
    den_ngay: Mapped[dt.date] = mapped_column(Date)
