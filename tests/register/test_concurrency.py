"""Two clerks at once, as two processes: distinct, gapless numbers on SQLite and PostgreSQL; an
import killed half-way leaves the register as it was."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select, text

from thidua_docs.register import store
from thidua_docs.register.db import open_register
from thidua_docs.register.models import DoiTuong, KhenThuong, QuyetDinh, SoSach

from ..helpers import ROOT
from .books import BANG_KHEN, award_row, write_book

CLERK = """
import datetime as dt, pathlib, sys, time
from thidua_docs.register import store
from thidua_docs.register.db import open_register
url, clerk, count, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), pathlib.Path(sys.argv[4])
register = open_register(url)
while not start.exists():
    time.sleep(0.01)
for i in range(count):
    people = [store.Subject(False, f"Người {clerk}-{i}-{k}", "Phòng Thu", ma=f"{clerk}-{i}-{k}") for k in range(3)]
    entries = [store.AwardEntry(p, "Bằng khen", 2024, "hoàn thành xuất sắc nhiệm vụ") for p in people]
    store.record(register, store.Decision(f"{clerk}-{i}/QĐ", dt.date(2025, 1, 15), "BHXH"), entries)
register.close()
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_two_clerks_recording_at_once_get_distinct_gapless_numbers(
    register_url: str, tmp_path: Path
) -> None:
    open_register(register_url).close()  # created before, as an office's register is
    start = tmp_path / "start"
    count = 25
    clerks = [
        subprocess.Popen(
            [sys.executable, "-c", CLERK, register_url, name, str(count), str(start)],
            env=_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("A", "B")
    ]
    time.sleep(1.0)  # both have opened the register and wait
    start.touch()
    for clerk in clerks:
        _, err = clerk.communicate(timeout=300)
        assert clerk.returncode == 0, err
    r = open_register(register_url, create=False)
    with r.read() as conn:
        rows = conn.execute(
            select(KhenThuong.so_vao_so, QuyetDinh.so_ky_hieu)
            .join(QuyetDinh, QuyetDinh.id == KhenThuong.quyet_dinh_id)
            .order_by(KhenThuong.so_vao_so)
        ).all()
        last = conn.execute(select(SoSach.so_cuoi)).scalar_one()
    r.close()
    total = 2 * count * 3
    assert [n for n, _ in rows] == list(range(1, total + 1))
    assert last == total
    # each decision's three awards have numbers of their own, and both clerks were interleaved
    # at least once would be luck; what is certain is that each decision got three numbers
    by_decision: dict[str, list[int]] = {}
    for number, decision in rows:
        by_decision.setdefault(decision, []).append(number)
    assert len(by_decision) == 2 * count and all(len(v) == 3 for v in by_decision.values())


def _snapshot(url: str) -> dict[str, object]:
    r = open_register(url, create=False)
    with r.read() as conn:
        state: dict[str, object] = {
            table.__tablename__: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (DoiTuong, KhenThuong, QuyetDinh)
        }
        state["so_sach"] = conn.execute(
            select(SoSach.ten, SoSach.nam, SoSach.so_cuoi).order_by(SoSach.ten)
        ).all()
    r.close()
    return state


def _has_written(url: str, wal: Path | None) -> bool:
    """Whether the import has begun writing inside its transaction."""
    if wal is not None:  # SQLite: uncommitted pages go to the write-ahead log
        return wal.exists() and wal.stat().st_size > 64 * 1024
    r = open_register(url, create=False)
    with r.engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
    r.close()
    return bool(found)


def test_a_killed_import_leaves_the_register_as_it_was(register_url: str, tmp_path: Path) -> None:
    r = open_register(register_url)
    store.record(
        r,
        store.Decision(
            "01/QĐ-BHXH", dt.date(2025, 1, 15), "Tổng Giám đốc Bảo hiểm xã hội Việt Nam"
        ),
        [
            store.AwardEntry(
                store.Subject(False, "Trần Thị Hoà", "Phòng Thu", ma="CB1"),
                BANG_KHEN,
                2024,
                "năm 2024",
            )
        ],
    )
    r.close()
    before = _snapshot(register_url)
    rows = [
        award_row(
            f"NV{i:06d}",
            f"Nhân viên {i}",
            f"Đơn vị {i % 50}",
            2000 + i % 24,
            BANG_KHEN,
            f"{i % 900 + 1}/QĐ-BHXH",
            dt.date(2001 + i % 24, 1, 15),
            thanh_tich=f"thành tích {i}",
        )
        for i in range(40_000)
    ]
    book = write_book(tmp_path / "so-cu.xlsx", rows)
    wal = None if "://" in register_url else Path(register_url + "-wal")
    assert wal is None or not _has_written(register_url, wal)  # nothing pending before the import
    importer = subprocess.Popen(
        [sys.executable, "-m", "thidua_docs", "so", "nhap", str(book), "-S", register_url],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 240
    while not _has_written(register_url, wal):
        assert importer.poll() is None, importer.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    importer.send_signal(signal.SIGKILL)
    importer.wait(timeout=60)
    assert importer.returncode == -signal.SIGKILL
    assert _snapshot(register_url) == before
    # and the register goes on: the next number follows the last one recorded
    r = open_register(register_url, create=False)
    (again,) = store.record(
        r,
        store.Decision("02/QĐ-BHXH", dt.date(2025, 2, 1), "Tổng Giám đốc Bảo hiểm xã hội Việt Nam"),
        [
            store.AwardEntry(
                store.Subject(False, "Lê Văn Bình", "Phòng Thu", ma="CB2"),
                BANG_KHEN,
                2024,
                "năm 2024",
            )
        ],
    )
    r.close()
    assert again.so_vao_so == 2
