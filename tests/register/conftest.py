"""The register suite runs on SQLite and on a real PostgreSQL server.

PostgreSQL: ``THIDUA_TEST_POSTGRES_URL`` when set (CI's .ci/run starts a server and sets it); else a
throwaway cluster started here with the server binaries (``initdb`` + ``pg_ctl``, a Unix socket in
a temporary folder, as the ``postgres`` user when run as root). Skipped only when there are no
server binaries and CI is unset.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

URL_VAR = "THIDUA_TEST_POSTGRES_URL"


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextlib.contextmanager
def throwaway_cluster(bin_dir: Path) -> Iterator[str]:
    """A PostgreSQL cluster in a temporary folder, listening on a Unix socket only."""
    folder = Path(tempfile.mkdtemp(prefix="thidua-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    user = "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")
    subprocess.run(
        _as_server_user(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                user,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-c listen_addresses='' -c unix_socket_directories={folder} -c fsync=off -c max_connections=50"
    subprocess.run(
        _as_server_user(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://{user}@/postgres?host={folder}"
    finally:
        subprocess.run(
            _as_server_user(
                [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
            ),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database."""
    if os.environ.get(URL_VAR):
        yield os.environ[URL_VAR]
        return
    bin_dir = _binaries()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail(
                f"PostgreSQL không có: cần {URL_VAR} hoặc các tệp chạy máy chủ (initdb, pg_ctl)"
            )
        pytest.skip("không có PostgreSQL (initdb, pg_ctl) trên máy này")
    with throwaway_cluster(bin_dir) as url:
        yield url


def _sa(url: str) -> str:
    return "postgresql+psycopg://" + url.split("://", 1)[1]


def with_database(url: str, name: str) -> str:
    """The same server URL naming another database."""
    scheme, rest = url.split("://", 1)
    head, _, query = rest.partition("?")
    base = head.rsplit("/", 1)[0] if "/" in head else head
    return f"{scheme}://{base}/{name}" + (f"?{query}" if query else "")


@contextlib.contextmanager
def fresh_postgres_database(server: str) -> Iterator[str]:
    name = "thidua_" + uuid.uuid4().hex[:12]
    admin = create_engine(_sa(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield with_database(server, name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def register_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty register: an SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "so-khen-thuong.sqlite")
        return
    server = request.getfixturevalue("postgres_server")
    with fresh_postgres_database(server) as url:
        yield url
