"""Benchmark of the award register at ministry scale, on SQLite and on PostgreSQL.

    python benchmarks/bench_register.py                       # 1,000,000 awards / 200,000 people, SQLite
    python benchmarks/bench_register.py --postgres            # the same on a throwaway PostgreSQL cluster
    python benchmarks/bench_register.py --url postgresql://…  # on a server of your own (an empty database)
    python benchmarks/bench_register.py --people 20000 --awards 100000 --import-rows 10000   # quicker

Generates the register with bulk inserts (COPY on PostgreSQL), then prints:
1. a person's history (`store.history`, one connection from the pool per question): median, 95th
   percentile and worst of 300 random people (target < 50 ms on SQLite);
2. an eligibility check (history + the rules of data/dieu-kien-khen-thuong.yaml): the same figures
   (target < 50 ms on SQLite); then both again through the front door (`api.register_history`,
   `api.register_eligibility`: the register opened and closed around each question, as
   `thidua so lich-su` and `thidua so du-dieu-kien --ma` do);
3. a diacritics-insensitive name search;
4. importing a clerk's book of IMPORT_ROWS rows (reading the .xlsx included) into the full register
   (target < 60 s for 100,000 rows);
5. recording one decision of 30 awards (numbers assigned in the transaction).
It is a script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402

from thidua_docs import api  # noqa: E402
from thidua_docs.register import store  # noqa: E402
from thidua_docs.register.db import Register, open_register  # noqa: E402
from thidua_docs.register.eligibility import evaluate, load_rules  # noqa: E402
from thidua_docs.register.models import (  # noqa: E402
    DoiTuong,
    KhenThuong,
    QuyetDinh,
    SangKien,
    SoSach,
    TuTen,
    XepLoai,
)
from thidua_docs.register.text import khoa, khong_dau, name_words  # noqa: E402
from thidua_docs.register.workbook import import_book  # noqa: E402

HO = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
]
DEM = ["Văn", "Thị", "Hữu", "Minh", "Thu", "Ngọc", "Đức", "Thanh", "Hồng", "Quốc", "Kim", "Xuân"]
TEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hòa",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Oanh",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
    "Việt",
]
FORMS = [
    ("Lao động tiên tiến", 0),
    ("Chiến sĩ thi đua cơ sở", 2_340_000),
    ("Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam", 3_510_000),
    ("Giấy khen của Giám đốc Bảo hiểm xã hội tỉnh", 702_000),
    ("Chiến sĩ thi đua cấp bộ", 10_530_000),
]
CO_QUAN = "Tổng Giám đốc Bảo hiểm xã hội Việt Nam"
YEARS = list(range(2016, 2026))
XEP = ["hoan_thanh_xuat_sac", "hoan_thanh_tot", "hoan_thanh"]


def name(rng: random.Random) -> str:
    return f"{rng.choice(HO)} {rng.choice(DEM)} {rng.choice(TEN)}"


def unit(i: int) -> str:
    return f"Bảo hiểm xã hội khu vực {i % 300 + 1}"


def _copy(reg: Register, table: Any, columns: list[str], rows: Iterator[tuple[Any, ...]]) -> None:
    """PostgreSQL: COPY, the bulk path."""
    raw = reg.engine.raw_connection()
    try:
        cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {table.__tablename__} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        raw.commit()
    finally:
        raw.close()


def _bulk(reg: Register, table: Any, columns: list[str], rows: Iterator[tuple[Any, ...]]) -> None:
    if reg.postgres:
        _copy(reg, table, columns, rows)
        return
    batch: list[dict[str, Any]] = []
    with reg.write() as conn:
        for row in rows:
            batch.append(dict(zip(columns, row, strict=True)))
            if len(batch) == 50_000:
                conn.execute(insert(table), batch)
                batch = []
        if batch:
            conn.execute(insert(table), batch)


def generate(reg: Register, people: int, awards: int, seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    names = [name(rng) for _ in range(people)]
    _bulk(
        reg,
        DoiTuong,
        ["id", "ma", "tap_the", "ten", "ten_khong_dau", "don_vi", "chuc_vu"],
        (
            (i + 1, f"CB{i:07d}", False, n, khong_dau(n), unit(i), "Chuyên viên")
            for i, n in enumerate(names)
        ),
    )
    _bulk(  # the name search index, as recording and importing fill it
        reg,
        TuTen,
        ["tu", "doi_tuong_id"],
        ((w, i + 1) for i, n in enumerate(names) for w in sorted(name_words(khong_dau(n)))),
    )
    decisions = [(y, k) for y in YEARS for k in range(1, 401)]
    _bulk(
        reg,
        QuyetDinh,
        ["id", "so_ky_hieu", "ngay", "nam", "nguoi_ky", "co_quan"],
        (
            (
                i + 1,
                f"{k}/QĐ-BHXH",
                dt.date(y + 1, 1, 1) + dt.timedelta(days=k % 60),
                y + 1,
                "Nguyễn Văn Ký",
                CO_QUAN,
            )
            for i, (y, k) in enumerate(decisions)
        ),
    )
    counters: dict[tuple[str, int], int] = {}

    def award_rows() -> Iterator[tuple[Any, ...]]:
        per_person = awards // people
        extra = awards - per_person * people
        for person in range(people):
            count = per_person + (1 if person < extra else 0)
            years = rng.sample(YEARS, min(count, len(YEARS)))
            for j in range(count):
                year = years[j % len(years)]
                form, money = (
                    FORMS[rng.randrange(len(FORMS))] if j >= len(years) else FORMS[(person + j) % 3]
                )
                achievement = f"thành tích năm {year} ({j})"
                d = rng.randrange(400)
                book_year = year + 1
                counters[(form, book_year)] = counters.get((form, book_year), 0) + 1
                yield (
                    person + 1,
                    YEARS.index(year) * 400 + d + 1,
                    year,
                    form,
                    khong_dau(form),
                    "cong_trang",
                    achievement,
                    khoa(achievement),
                    unit(person),
                    money,
                    form,
                    book_year,
                    counters[(form, book_year)],
                )

    _bulk(
        reg,
        KhenThuong,
        [
            "doi_tuong_id",
            "quyet_dinh_id",
            "nam",
            "hinh_thuc",
            "hinh_thuc_khoa",
            "kieu",
            "thanh_tich",
            "thanh_tich_khoa",
            "don_vi",
            "tien",
            "so_sach",
            "nam_so",
            "so_vao_so",
        ],
        award_rows(),
    )
    _bulk(reg, SoSach, ["ten", "nam", "so_cuoi"], ((f, y, n) for (f, y), n in counters.items()))
    _bulk(
        reg,
        XepLoai,
        ["doi_tuong_id", "nam", "muc"],
        ((p + 1, y, rng.choice(XEP)) for p in range(people) for y in YEARS[-5:]),
    )
    _bulk(
        reg,
        SangKien,
        ["doi_tuong_id", "ten", "ten_khoa", "nam", "cap"],
        (
            (p + 1, f"Sáng kiến {p}", khoa(f"Sáng kiến {p}"), rng.choice(YEARS[-3:]), "co_so")
            for p in range(0, people, 2)
        ),
    )
    if reg.postgres:
        with reg.write() as conn:
            for table in ("doi_tuong", "quyet_dinh", "khen_thuong", "sang_kien"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                    )
                )
            conn.execute(text("ANALYZE"))
    else:
        with reg.write() as conn:
            conn.execute(text("ANALYZE"))
    return [f"CB{i:07d}" for i in range(people)]


def timed(samples: int, what: Callable[[int], object]) -> tuple[float, float, float]:
    times = []
    for i in range(samples):
        start = time.perf_counter()
        what(i)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], times[-1]


def import_file(path: Path, rows: int, seed: int = 7) -> Path:
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Khen thưởng")
    sheet.append(
        [
            "Mã định danh",
            "Loại",
            "Họ tên",
            "Đơn vị",
            "Năm",
            "Hình thức",
            "Thành tích",
            "Số tiền",
            "Số quyết định",
            "Ngày quyết định",
            "Cơ quan quyết định",
        ]
    )
    for i in range(rows):
        year = 2000 + i % 16
        form, money = FORMS[i % len(FORMS)]
        sheet.append(
            [
                f"NV{i:07d}",
                "Cá nhân",
                name(rng),
                unit(i),
                year,
                form,
                f"thành tích {i}",
                money,
                f"{i % 500 + 1}/QĐ-BHXH-CU",
                dt.date(year + 1, 1, 15),
                CO_QUAN,
            ]
        )
    book.save(path)
    return path


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    sys.path.insert(0, str(ROOT))
    from tests.register.conftest import _binaries, fresh_postgres_database, throwaway_cluster

    bin_dir = _binaries()
    if bin_dir is None:
        raise SystemExit("PostgreSQL server binaries not found (initdb, pg_ctl); give --url")
    with throwaway_cluster(bin_dir) as server, fresh_postgres_database(server) as url:
        yield url


def run(url: str, people: int, awards: int, import_rows: int, workdir: Path) -> None:
    reg = open_register(url)
    kind = "PostgreSQL" if reg.postgres else "SQLite"
    print(f"== {kind}: {awards:,} awards / {people:,} people ({url if reg.postgres else 'file'})")
    start = time.perf_counter()
    codes = generate(reg, people, awards)
    # The statistics a server's autovacuum (or SQLite's optimize) keeps for a register in use;
    # right after a bulk load the planner would otherwise guess.
    with reg.write() as conn:
        conn.execute(text("ANALYZE"))
    print(f"generated in {time.perf_counter() - start:.1f} s (then ANALYZE)")
    rng = random.Random(1)
    sample = [rng.choice(codes) for _ in range(300)]
    store.history(reg, sample[0])  # warm the pool and the caches once
    med, p95, worst = timed(len(sample), lambda i: store.history(reg, sample[i]))
    print(
        f"person history:     median {med:6.2f} ms  p95 {p95:6.2f} ms  max {worst:6.2f} ms  (target < 50 ms)"
    )
    rules = load_rules()
    on = dt.date(2026, 1, 10)
    form = "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam"
    verdicts: dict[str, int] = {}

    def check(i: int) -> None:
        answer = evaluate(rules, store.history(reg, sample[i]), form, 2025, on)
        verdicts[answer.ket_luan] = verdicts.get(answer.ket_luan, 0) + 1

    med, p95, worst = timed(len(sample), check)
    print(
        f"eligibility check:  median {med:6.2f} ms  p95 {p95:6.2f} ms  max {worst:6.2f} ms  (target < 50 ms) {verdicts}"
    )
    # The same questions through the front door, as `thidua so lich-su` / `du-dieu-kien` and the
    # web desk ask them: the register opened (engine, schema revision checked) and closed each time.
    med, p95, worst = timed(100, lambda i: api.register_history(ma=sample[i], register=url))
    print(
        f"api.register_history: median {med:6.2f} ms  p95 {p95:6.2f} ms  max {worst:6.2f} ms  (target < 50 ms)"
    )
    med, p95, worst = timed(
        100,
        lambda i: api.register_eligibility(
            hinh_thuc=form, nam=2025, ma=sample[i], register=url, today=on
        ),
    )
    print(
        f"api.register_eligibility: median {med:6.2f} ms  p95 {p95:6.2f} ms  max {worst:6.2f} ms  (target < 50 ms)"
    )
    med, p95, worst = timed(
        20, lambda i: store.search(reg, ["nguyen van an", "tran thi", "hoa", "le minh tam"][i % 4])
    )
    print(f"name search:        median {med:6.1f} ms  p95 {p95:6.1f} ms  max {worst:6.1f} ms")
    book = import_file(workdir / f"so-cu-{kind}.xlsx", import_rows)
    start = time.perf_counter()
    summary = import_book(reg, book, co_quan=CO_QUAN)
    took = time.perf_counter() - start
    print(
        f"import of {import_rows:,} rows: {took:.1f} s ({summary.khen_thuong:,} awards, {summary.doi_tuong_moi:,} new people) (target < 60 s)"
    )
    entries = [
        store.AwardEntry(
            store.Subject(False, f"Người mới {k}", "Phòng Thu", ma=f"MOI{k}"),
            form,
            2025,
            "năm 2025",
            3_510_000,
        )
        for k in range(30)
    ]
    start = time.perf_counter()
    recorded = store.record(
        reg, store.Decision("9999/QĐ-BHXH", dt.date(2026, 1, 20), CO_QUAN), entries
    )
    print(
        f"record a decision of 30 awards: {(time.perf_counter() - start) * 1000:.0f} ms (numbers {recorded[0].so_vao_so}–{recorded[-1].so_vao_so})"
    )
    reg.close()
    if not reg.postgres:
        size = sum(p.stat().st_size for p in Path(url).parent.glob(Path(url).name + "*"))
        print(f"file size: {size / 2**20:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--awards", type=int, default=1_000_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument(
        "--url", help="a database URL or SQLite file (empty); default: a temporary SQLite file"
    )
    parser.add_argument(
        "--postgres", action="store_true", help="run on a throwaway PostgreSQL cluster"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-register-") as folder:
        workdir = Path(folder)
        if args.postgres:
            with postgres() as url:
                run(url, args.people, args.awards, args.import_rows, workdir)
        else:
            run(
                args.url or str(workdir / "so-khen-thuong.sqlite"),
                args.people,
                args.awards,
                args.import_rows,
                workdir,
            )


if __name__ == "__main__":
    main()
