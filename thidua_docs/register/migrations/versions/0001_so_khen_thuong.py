"""Sổ khen thưởng: subjects, unit history, ratings, decisions, awards with số vào sổ, books,
initiatives, discipline periods.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "doi_tuong",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ma", sa.String(64), nullable=False, unique=True),
        sa.Column("tap_the", sa.Boolean(), nullable=False),
        sa.Column("ten", sa.String(300), nullable=False),
        sa.Column("ten_khong_dau", sa.String(300), nullable=False),
        sa.Column("don_vi", sa.String(300), nullable=False),
        sa.Column("chuc_vu", sa.String(300), nullable=False),
    )
    op.create_index("ix_doi_tuong_ten_khong_dau", "doi_tuong", ["ten_khong_dau"])
    op.create_table(
        "don_vi_lich_su",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("doi_tuong_id", sa.Integer(), sa.ForeignKey("doi_tuong.id"), nullable=False),
        sa.Column("don_vi", sa.String(300), nullable=False),
        sa.Column("tu_nam", sa.Integer(), nullable=False),
        sa.UniqueConstraint("doi_tuong_id", "tu_nam", "don_vi"),
    )
    op.create_index("ix_don_vi_lich_su_doi_tuong_id", "don_vi_lich_su", ["doi_tuong_id"])
    op.create_table(
        "xep_loai",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("doi_tuong_id", sa.Integer(), sa.ForeignKey("doi_tuong.id"), nullable=False),
        sa.Column("nam", sa.Integer(), nullable=False),
        sa.Column("muc", sa.String(32), nullable=False),
        sa.UniqueConstraint("doi_tuong_id", "nam"),
    )
    op.create_table(
        "quyet_dinh",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("so_ky_hieu", sa.String(100), nullable=False),
        sa.Column("ngay", sa.Date(), nullable=False),
        sa.Column("nam", sa.Integer(), nullable=False),
        sa.Column("nguoi_ky", sa.String(300), nullable=False),
        sa.Column("co_quan", sa.String(300), nullable=False),
        sa.UniqueConstraint("co_quan", "so_ky_hieu", "nam"),
    )
    op.create_table(
        "khen_thuong",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("doi_tuong_id", sa.Integer(), sa.ForeignKey("doi_tuong.id"), nullable=False),
        sa.Column("quyet_dinh_id", sa.Integer(), sa.ForeignKey("quyet_dinh.id"), nullable=False),
        sa.Column("nam", sa.Integer(), nullable=False),
        sa.Column("hinh_thuc", sa.String(300), nullable=False),
        sa.Column("hinh_thuc_khoa", sa.String(300), nullable=False),
        sa.Column("kieu", sa.String(16), nullable=False),
        sa.Column("thanh_tich", sa.Text(), nullable=False),
        sa.Column("thanh_tich_khoa", sa.String(64), nullable=False),
        sa.Column("don_vi", sa.String(300), nullable=False),
        sa.Column("tien", sa.BigInteger(), nullable=False),
        sa.Column("so_sach", sa.String(300), nullable=False),
        sa.Column("nam_so", sa.Integer(), nullable=False),
        sa.Column("so_vao_so", sa.Integer(), nullable=False),
        sa.UniqueConstraint("so_sach", "nam_so", "so_vao_so"),
        sa.UniqueConstraint("doi_tuong_id", "nam", "thanh_tich_khoa"),
    )
    op.create_index("ix_khen_thuong_doi_tuong_nam", "khen_thuong", ["doi_tuong_id", "nam"])
    op.create_index("ix_khen_thuong_nam_hinh_thuc", "khen_thuong", ["nam", "hinh_thuc"])
    op.create_index("ix_khen_thuong_quyet_dinh_id", "khen_thuong", ["quyet_dinh_id"])
    op.create_table(
        "so_sach",
        sa.Column("ten", sa.String(300), primary_key=True),
        sa.Column("nam", sa.Integer(), primary_key=True),
        sa.Column("so_cuoi", sa.Integer(), nullable=False),
    )
    op.create_table(
        "sang_kien",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("doi_tuong_id", sa.Integer(), sa.ForeignKey("doi_tuong.id"), nullable=False),
        sa.Column("ten", sa.Text(), nullable=False),
        sa.Column("ten_khoa", sa.String(64), nullable=False),
        sa.Column("nam", sa.Integer(), nullable=False),
        sa.Column("cap", sa.String(16), nullable=False),
        sa.Column("khen_thuong_id", sa.Integer(), sa.ForeignKey("khen_thuong.id"), nullable=True),
        sa.UniqueConstraint("doi_tuong_id", "ten_khoa"),
    )
    op.create_index("ix_sang_kien_doi_tuong_id", "sang_kien", ["doi_tuong_id"])
    op.create_table(
        "ky_luat",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("doi_tuong_id", sa.Integer(), sa.ForeignKey("doi_tuong.id"), nullable=False),
        sa.Column("hinh_thuc", sa.String(300), nullable=False),
        sa.Column("tu_ngay", sa.Date(), nullable=False),
        sa.Column("den_ngay", sa.Date(), nullable=False),
    )
    op.create_index("ix_ky_luat_doi_tuong_id", "ky_luat", ["doi_tuong_id"])


def downgrade() -> None:
    for table in (
        "ky_luat",
        "sang_kien",
        "so_sach",
        "khen_thuong",
        "quyet_dinh",
        "xep_loai",
        "don_vi_lich_su",
        "doi_tuong",
    ):
        op.drop_table(table)
