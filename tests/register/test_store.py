"""The register on SQLite and PostgreSQL: recording, numbering, refusals, search, history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from thidua_docs.errors import InputError
from thidua_docs.register import store
from thidua_docs.register.db import head_revision, open_register
from thidua_docs.register.models import KhenThuong, SoSach
from thidua_docs.register.store import AwardEntry, Decision, Subject

BK = "Bằng khen của Tổng Giám đốc"
AN_THU = Subject(False, "Nguyễn Văn An", "Phòng Thu", "Chuyên viên")
AN_SO = Subject(False, "Nguyễn Văn An", "Phòng Sổ, thẻ", "Chuyên viên")
HOA = Subject(False, "Trần Thị Hoà", "Phòng Thu", ma="CB0042")
DOI = Subject(True, "Bảo hiểm xã hội tỉnh Cà Mau")


def qd(so: int, day: dt.date = dt.date(2025, 1, 15)) -> Decision:
    return Decision(f"{so:02d}/QĐ-BHXH", day, "Tổng Giám đốc BHXH Việt Nam", "Chu Mạnh Sinh")


def entry(
    s: Subject, thanh_tich: str = "hoàn thành xuất sắc nhiệm vụ năm 2024", nam: int = 2024
) -> AwardEntry:
    return AwardEntry(s, BK, nam, thanh_tich, 5_000_000)


def numbers(url: str, book: str = BK, year: int = 2025) -> list[int]:
    r = open_register(url, create=False)
    with r.read() as conn:
        found = conn.execute(
            select(KhenThuong.so_vao_so)
            .where(KhenThuong.so_sach == book, KhenThuong.nam_so == year)
            .order_by(KhenThuong.so_vao_so)
        ).scalars()
        result = list(found)
    r.close()
    return result


def test_first_use_creates_the_newest_schema(register_url: str) -> None:
    r = open_register(register_url)
    from alembic.runtime.migration import MigrationContext

    with r.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        if not r.postgres:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    r.close()
    again = open_register(register_url, create=False)  # a second opening migrates nothing
    again.close()


def test_a_missing_file_is_not_created_by_a_question(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Chưa có sổ khen thưởng"):
        open_register(str(tmp_path / "khong-co.sqlite"), create=False)
    assert not (tmp_path / "khong-co.sqlite").exists()


def test_numbers_are_gapless_per_book_and_year(register_url: str) -> None:
    r = open_register(register_url)
    first = store.record(r, qd(1), [entry(AN_THU), entry(HOA), entry(DOI)])
    assert [e.so_vao_so for e in first] == [1, 2, 3]
    # a refused decision (the same achievement twice) gives its numbers back
    with pytest.raises(InputError, match="một thành tích chỉ được khen một lần"):
        store.record(r, qd(2), [entry(AN_SO), entry(HOA, "Hoàn thành xuất sắc nhiệm vụ năm 2024.")])
    second = store.record(r, qd(3), [entry(AN_SO)])
    assert [e.so_vao_so for e in second] == [4]
    # another year starts its own book at 1; another form has its own book
    third = store.record(r, qd(4, dt.date(2026, 1, 10)), [entry(AN_THU, "năm 2025", 2025)])
    assert [(e.nam_so, e.so_vao_so) for e in third] == [(2026, 1)]
    fourth = store.record(
        r, qd(5), [AwardEntry(AN_THU, "Chiến sĩ thi đua cơ sở", 2024, "CSTĐCS 2024")]
    )
    assert [(e.so_sach, e.so_vao_so) for e in fourth] == [("Chiến sĩ thi đua cơ sở", 1)]
    r.close()
    assert numbers(register_url) == [1, 2, 3, 4]


def test_a_decision_is_recorded_once(register_url: str) -> None:
    r = open_register(register_url)
    store.record(r, qd(7), [entry(HOA)])
    with pytest.raises(InputError, match="đã có trong sổ khen thưởng") as err:
        store.record(r, qd(7), [entry(AN_THU)])
    assert "07/QĐ-BHXH" in str(err.value)
    with r.read() as conn:
        assert conn.execute(select(func.count()).select_from(KhenThuong)).scalar() == 1
        assert conn.execute(select(SoSach.so_cuoi)).scalar() == 1
    r.close()


def test_two_people_of_one_name_stay_two(register_url: str) -> None:
    r = open_register(register_url)
    store.record(r, qd(1), [entry(AN_THU), entry(AN_SO)])
    hits = store.search(r, "nguyen van an")
    assert [(h.ten, h.don_vi) for h in hits] == [
        ("Nguyễn Văn An", "Phòng Sổ, thẻ"),
        ("Nguyễn Văn An", "Phòng Thu"),
    ]
    assert hits[0].ma != hits[1].ma
    assert len(store.history(r, hits[0].ma).awards) == 1
    r.close()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("nguyen van an", ["Nguyễn Văn An"]),
        ("NGUYỄN VĂN AN", ["Nguyễn Văn An"]),
        ("  van   an ", ["Nguyễn Văn An"]),
        ("tran thi hoa", ["Trần Thị Hoà"]),
        ("ca mau", ["Bảo hiểm xã hội tỉnh Cà Mau"]),
        ("đặng", []),
        ("CB0042", ["Trần Thị Hoà"]),  # by code
        ("100%", []),  # LIKE wildcards are taken literally
        ("an\U0010ffff", []),  # the last code point: nothing begins after it, nothing found
        ("hoa", ["Trần Thị Hoà"]),  # a word's beginning
        ("oa", []),  # a word's middle is not its beginning
    ],
)
def test_search_ignores_diacritics_and_case(
    register_url: str, query: str, found: list[str]
) -> None:
    r = open_register(register_url)
    store.record(r, qd(1), [entry(AN_THU), entry(HOA), entry(DOI)])
    assert [h.ten for h in store.search(r, query)] == found
    r.close()


def test_history_lists_awards_in_order_with_their_decision(register_url: str) -> None:
    r = open_register(register_url)
    store.record(r, qd(9, dt.date(2026, 1, 5)), [entry(HOA, "năm 2025", 2025)])
    store.record(r, qd(8), [entry(HOA)])
    h = store.history(r, "CB0042")
    assert [(a.nam, a.so_quyet_dinh, a.ngay_quyet_dinh, a.tien, a.so_vao_so) for a in h.awards] == [
        (2024, "08/QĐ-BHXH", dt.date(2025, 1, 15), 5_000_000, 1),
        (2025, "09/QĐ-BHXH", dt.date(2026, 1, 5), 5_000_000, 1),
    ]
    with pytest.raises(InputError, match="không có ai mã CB9999"):
        store.history(r, "CB9999")
    r.close()


def test_a_change_of_unit_is_kept_in_the_unit_history(register_url: str) -> None:
    r = open_register(register_url)
    moved = Subject(False, "Trần Thị Hoà", "Phòng Chế độ", ma="CB0042")
    store.record(r, qd(1), [entry(HOA, "năm 2023", 2023)])
    store.record(r, qd(2), [entry(moved, "năm 2024", 2024)])
    h = store.history(r, "CB0042")
    assert h.units == [(2023, "Phòng Thu"), (2024, "Phòng Chế độ")]
    assert h.subject.don_vi == "Phòng Chế độ"
    assert [a.don_vi for a in h.awards] == ["Phòng Thu", "Phòng Chế độ"]
    r.close()


def test_money_is_whole_dong_beyond_32_bits(register_url: str) -> None:
    r = open_register(register_url)
    big = AwardEntry(DOI, "Huân chương Lao động hạng Nhất", 2024, "thành tích", 9_876_543_210)
    store.record(r, qd(1), [big])
    (row,) = store.counts(r)
    assert (row.so_luong, row.tong_tien) == (1, 9_876_543_210)
    assert isinstance(row.tong_tien, int)
    r.close()


def test_a_file_that_is_not_a_register_is_named(tmp_path: Path) -> None:
    path = tmp_path / "so.sqlite"
    path.write_bytes(b"PK\x03\x04 not a database at all" * 100)
    with pytest.raises(InputError, match="không phải sổ khen thưởng") as err:
        open_register(str(path))
    assert str(path) in str(err.value)
    assert path.read_bytes().startswith(b"PK\x03\x04 not a database")  # left as it was
