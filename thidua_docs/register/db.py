"""Opening the register: an SQLite file (WAL, created on first use) or a PostgreSQL URL, brought to
the newest schema by the Alembic migrations shipped in this package, run programmatically."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import ArgumentError, DBAPIError

from thidua_docs.errors import InputError, OutputError

if TYPE_CHECKING:
    from alembic.config import Config

#: The environment variable naming the register (a file path or a database URL).
ENV_VAR = "THIDUA_SO_KHEN_THUONG"
#: The file name of the register when nothing names one (beside the agency profile).
DEFAULT_FILE = "so-khen-thuong.sqlite"
MIGRATIONS = Path(__file__).with_name("migrations")
#: A PostgreSQL advisory lock key: one migration at a time on a shared server.
_MIGRATION_LOCK = 0x7468_6964  # "thid"


@dataclass(frozen=True)
class Register:
    """An open register: its engine, where it is (for messages), and its dialect."""

    engine: Engine
    where: str

    @property
    def postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One writing transaction, committed at the end or rolled back on any error. On SQLite it
        takes the write lock at once (BEGIN IMMEDIATE), so two clerks recording queue up."""
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(thidua_immediate=True)
                with conn.begin():
                    yield conn
        except DBAPIError as err:
            raise OutputError(
                f"Sổ khen thưởng {self.where}: không ghi được, sổ được giữ như trước ({_reason(err)})"
            ) from err

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except DBAPIError as err:
            raise OutputError(
                f"Sổ khen thưởng {self.where}: không đọc được ({_reason(err)})"
            ) from err

    def close(self) -> None:
        self.engine.dispose()


_REASONS = {
    "database is locked": "sổ đang được người khác ghi quá lâu; hãy thử lại",
    "file is not a database": "tệp này không phải sổ khen thưởng (không phải cơ sở dữ liệu SQLite)",
    "unable to open database file": "không mở được tệp (thư mục không có hoặc không có quyền)",
    "attempt to write a readonly database": "tệp chỉ cho đọc, không cho ghi",
    "disk is full": "ổ đĩa đã đầy",
    "could not serialize access": "có người khác vừa ghi cùng lúc; hãy ghi lại",
    "duplicate key value": "có người khác vừa ghi cùng lúc; hãy ghi lại",
    "UNIQUE constraint failed": "có người khác vừa ghi cùng lúc; hãy ghi lại",
    "onnection refused": "không kết nối được máy chủ cơ sở dữ liệu",
    "No such file or directory": "không kết nối được máy chủ cơ sở dữ liệu",
    "password authentication failed": "sai tên người dùng hoặc mật khẩu của máy chủ",
    "does not exist": "máy chủ không có cơ sở dữ liệu hoặc người dùng này",
}


def _reason(err: DBAPIError) -> str:
    """The database's reason in the clerk's words when it is a known one, else as the driver says."""
    said = str(err.orig).strip().splitlines()[0] if err.orig is not None else str(err)
    for key, words in _REASONS.items():
        if key in said:
            return words
    return said


def locate(option: str | Path | None, profile_setting: str | None, profile_dir: Path | None) -> str:
    """Which register to open: the option, else the environment variable, else the agency
    profile's ``so_khen_thuong`` (a path relative to the profile, or a URL), else the default
    file beside the profile (or in the current folder)."""
    for value in (option, os.environ.get(ENV_VAR) or None):
        if value is not None and str(value).strip():
            return str(value)
    if profile_setting:
        if "://" in profile_setting or profile_dir is None:
            return profile_setting
        return str((profile_dir / profile_setting).resolve())
    return str((profile_dir or Path.cwd()) / DEFAULT_FILE)


def is_url(location: str) -> bool:
    return "://" in location


def open_register(location: str, *, create: bool = True) -> Register:
    """Open (and on first use create) the register at ``location``: a file path (SQLite) or a
    database URL (``postgresql://…``, ``sqlite:///…``). ``create=False``: a file that does not exist
    yet is refused instead of created (for commands that only read)."""
    url = location
    if not is_url(location):
        path = Path(location)
        if path.is_dir():
            raise InputError(f"{path}: là một thư mục, cần tệp sổ khen thưởng (.sqlite)")
        if not path.exists():
            if not create:
                raise InputError(
                    f"Chưa có sổ khen thưởng {path} (ghi quyết định bằng `thidua so ghi` hoặc "
                    "nhập sổ cũ bằng `thidua so nhap` trước)"
                )
            if not path.parent.is_dir():
                raise InputError(f"{path}: không có thư mục {path.parent}")
        url = f"sqlite:///{path}"
    elif url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        engine = _engine(url)
    except (ArgumentError, ImportError) as err:
        raise InputError(
            f"Địa chỉ sổ khen thưởng không dùng được: {_hide_password(location)} (cần đường dẫn tệp "
            "hoặc postgresql://người_dùng@máy/cơ_sở_dữ_liệu)"
        ) from err
    register = Register(engine, _hide_password(location))
    try:
        migrate(register)
    except DBAPIError as err:
        engine.dispose()
        raise InputError(f"Không mở được sổ khen thưởng {register.where}: {_reason(err)}") from err
    return register


def _hide_password(location: str) -> str:
    if "://" in location and "@" in location:
        scheme, rest = location.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return location


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=60000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            immediate = conn.get_execution_options().get("thidua_immediate", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True)


# Alembic is imported by the functions that migrate (0.2 s at start-up a build with no register
# does not pay).


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(register: Register) -> None:
    """Bring the schema to the newest revision, once, even when several processes open a new
    register at the same moment (SQLite: the write lock; PostgreSQL: an advisory lock)."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    head = head_revision()
    with register.engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            conn.rollback()
            return
        conn.rollback()
    with register.engine.connect() as conn:
        conn = conn.execution_options(thidua_immediate=True)
        with conn.begin():
            if register.postgres:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            if MigrationContext.configure(conn).get_current_revision() == head:
                return
            config = _config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
