"""The register's schema moves forward with Alembic: a register made by an earlier version keeps
its data and gains what the new revision adds (0002: the name search index, filled from the
subjects already there), on SQLite and on PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from thidua_docs.register import store
from thidua_docs.register.db import _config, head_revision, open_register

OLD_SUBJECTS = [
    ("CB1", "Nguyễn Văn An", "nguyen van an"),
    ("CB2", "Nguyễn Văn Anh", "nguyen van anh"),
    ("CB3", "Trần Thị Hoà", "tran thi hoa"),
]


def _engine_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url if "://" in url else f"sqlite:///{url}"


def test_a_register_of_revision_0001_is_upgraded_with_its_names_indexed(
    register_url: str,
) -> None:
    engine = create_engine(_engine_url(register_url))
    with engine.begin() as conn:
        config = _config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        for ma, ten, bare in OLD_SUBJECTS:
            conn.execute(
                text(
                    "INSERT INTO doi_tuong (ma, tap_the, ten, ten_khong_dau, don_vi, chuc_vu) "
                    "VALUES (:ma, false, :ten, :bare, 'Phòng Thu', '')"
                ),
                {"ma": ma, "ten": ten, "bare": bare},
            )
    engine.dispose()
    register = open_register(register_url)  # migrates to the newest revision
    try:
        with register.read() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head_revision()
            assert conn.execute(text("SELECT count(*) FROM tu_ten")).scalar_one() == 9
        assert [h.ma for h in store.search(register, "nguyen van an")] == ["CB1", "CB2"]
        assert [h.ma for h in store.search(register, "van anh")] == ["CB2"]
        assert [h.ma for h in store.search(register, "tran h")] == ["CB3"]
        assert store.search(register, "hoa tran thi") == store.search(register, "tran thi hoa")
        assert store.search(register, "uyen") == []  # a word's middle is not its beginning
    finally:
        register.close()
