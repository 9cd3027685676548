"""The name search index: each word of a subject's name without diacritics (tu_ten), filled from
the subjects already in the register.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: Words are compared byte by byte (a range of words that begin alike), whatever the server's
#: locale: collation "C" on PostgreSQL; SQLite's own comparison is already bytewise.
_WORD = sa.String(80).with_variant(postgresql.VARCHAR(80, collation="C"), "postgresql")
_BATCH = 10_000


def upgrade() -> None:
    table = op.create_table(
        "tu_ten",
        sa.Column("tu", _WORD, primary_key=True),
        sa.Column(
            "doi_tuong_id",
            sa.Integer(),
            sa.ForeignKey("doi_tuong.id"),
            primary_key=True,
        ),
    )
    op.create_index("ix_tu_ten_doi_tuong_id", "tu_ten", ["doi_tuong_id"])
    conn = op.get_bind()
    subjects = conn.execute(sa.text("SELECT id, ten_khong_dau FROM doi_tuong ORDER BY id"))
    rows: list[dict[str, object]] = []
    for subject_id, name in subjects:
        rows += [{"tu": w, "doi_tuong_id": subject_id} for w in {w[:80] for w in name.split()}]
        if len(rows) >= _BATCH:
            op.bulk_insert(table, rows)
            rows = []
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_index("ix_tu_ten_doi_tuong_id", table_name="tu_ten")
    op.drop_table("tu_ten")
