"""Importing the clerk's Excel book (one transaction, every bad row located), exporting it, and the
statistics workbook, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from thidua_docs.errors import InputError, SpecError
from thidua_docs.register import store
from thidua_docs.register.db import open_register
from thidua_docs.register.workbook import export_book, import_book, statistics_book

from .books import AWARD_HEADERS, BANG_KHEN, CO_QUAN, CSTD, award_row, write_book

D = dt.date


def good_book(path: Path) -> Path:
    return write_book(
        path,
        [
            award_row(
                "CB001",
                "Nguyễn Văn An",
                "Phòng Thu",
                2023,
                CSTD,
                "15/QĐ-BHXH",
                D(2024, 1, 10),
                so_vao_so=7,
            ),
            award_row(
                "CB001", "Nguyễn Văn An", "Phòng Thu", 2024, CSTD, "20/QĐ-BHXH", D(2025, 1, 12)
            ),
            award_row(
                "CB001",
                "Nguyễn Văn An",
                "Phòng Thu",
                2024,
                BANG_KHEN,
                "21/QĐ-BHXH",
                D(2025, 1, 20),
                thanh_tich="hai năm liên tục Chiến sĩ thi đua cơ sở",
                tien="3.510.000 đồng",
            ),
            award_row(
                None, "Nguyễn Văn An", "Phòng Sổ, thẻ", 2024, CSTD, "20/QĐ-BHXH", D(2025, 1, 12)
            ),
            award_row(
                None,
                "Bảo hiểm xã hội tỉnh Cà Mau",
                "",
                2024,
                BANG_KHEN,
                "21/QĐ-BHXH",
                D(2025, 1, 20),
                loai="Tập thể",
                tien=7_020_000,
            ),
        ],
        ratings=[
            [
                "CB001",
                "Cá nhân",
                "Nguyễn Văn An",
                "Phòng Thu",
                2023,
                "Hoàn thành xuất sắc nhiệm vụ",
            ],
            ["CB001", "Cá nhân", "Nguyễn Văn An", "Phòng Thu", 2024, "hoàn thành tốt nhiệm vụ"],
        ],
        initiatives=[
            [
                "CB001",
                "Cá nhân",
                "Nguyễn Văn An",
                "Phòng Thu",
                2024,
                "Thu qua ngân hàng",
                "Cơ sở",
                "21/QĐ-BHXH",
            ]
        ],
        discipline=[
            [
                "CB001",
                "Cá nhân",
                "Nguyễn Văn An",
                "Phòng Thu",
                "Khiển trách",
                D(2025, 3, 1),
                D(2026, 2, 28),
            ]
        ],
    )


def test_a_book_is_imported_whole(register_url: str, tmp_path: Path) -> None:
    r = open_register(register_url)
    summary = import_book(r, good_book(tmp_path / "so.xlsx"), co_quan=CO_QUAN)
    assert (summary.khen_thuong, summary.xep_loai, summary.sang_kien, summary.ky_luat) == (
        5,
        2,
        1,
        1,
    )
    assert (summary.doi_tuong_moi, summary.quyet_dinh_moi) == (3, 3)
    # the imported names are in the search index at once
    assert [(h.ten, h.don_vi) for h in store.search(r, "nguyen van an")] == [
        ("Nguyễn Văn An", "Phòng Sổ, thẻ"),
        ("Nguyễn Văn An", "Phòng Thu"),
    ]
    h = store.history(r, "CB001")
    assert [(a.nam, a.hinh_thuc, a.so_vao_so, a.tien) for a in h.awards] == [
        (2023, CSTD, 7, 0),
        (2024, CSTD, 1, 0),
        (2024, BANG_KHEN, 1, 3_510_000),
    ]
    assert h.ratings == {2023: "hoan_thanh_xuat_sac", 2024: "hoan_thanh_tot"}
    assert [(i.ten, i.dung_cho) for i in h.initiatives] == [
        ("Thu qua ngân hàng", f"{BANG_KHEN} năm 2024")
    ]
    assert [(d.hinh_thuc, d.den_ngay) for d in h.discipline] == [("Khiển trách", D(2026, 2, 28))]
    # numbering goes on after the highest number the book already had
    (next_one,) = store.record(
        r,
        store.Decision("30/QĐ-BHXH", D(2024, 6, 1), CO_QUAN),
        [store.AwardEntry(store.Subject(False, "Lê Bình", "Phòng Thu"), CSTD, 2023, "bổ sung")],
    )
    assert next_one.so_vao_so == 8
    r.close()


BAD_ROWS = [
    ("năm không phải số", {5: "hai nghìn"}, "Khen thưởng!F2", "cần năm là một số nguyên"),
    ("năm ngoài khoảng", {5: 1900}, "Khen thưởng!F2", "từ 1945 đến 2100"),
    ("ngày sai", {11: "31/02/2024"}, "Khen thưởng!L2", "dạng ngày/tháng/năm"),
    ("thiếu số quyết định", {10: None}, "Khen thưởng!K2", "thiếu số quyết định"),
    ("tiền lẻ", {9: "1.234,5"}, "Khen thưởng!J2", "số đồng nguyên"),
    ("loại lạ", {1: "Hộ gia đình"}, "Khen thưởng!B2", "không rõ loại"),
    ("cá nhân không mã không đơn vị", {0: None, 4: None}, "Khen thưởng!E2", "cần đơn vị"),
    ("thiếu tên", {2: None}, "Khen thưởng!C2", "thiếu tên"),
]


@pytest.mark.parametrize(
    ("case", "change", "place", "message"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS]
)
def test_a_bad_row_is_located_and_nothing_is_imported(
    register_url: str,
    tmp_path: Path,
    case: str,
    change: dict[int, object],
    place: str,
    message: str,
) -> None:
    row = award_row("CB009", "Phạm Thu", "Phòng Thu", 2024, CSTD, "5/QĐ-BHXH", D(2025, 1, 10))
    for column, value in change.items():
        row[column] = value
    good = award_row("CB010", "Lê Hà", "Phòng Thu", 2024, CSTD, "5/QĐ-BHXH", D(2025, 1, 10))
    book = write_book(tmp_path / "so.xlsx", [row, good])
    r = open_register(register_url)
    with pytest.raises(SpecError) as err:
        import_book(r, book, co_quan=CO_QUAN)
    text = str(err.value)
    assert place in text and message in text, text
    assert str(book) in text
    assert store.search(r, "le ha") == []  # the good row is not imported either
    r.close()


def test_every_bad_row_is_reported_at_once(register_url: str, tmp_path: Path) -> None:
    rows = [
        award_row(
            f"CB{i}",
            f"Người {i}",
            "Phòng Thu",
            "năm" if i % 2 else 2024,
            CSTD,
            "5/QĐ",
            D(2025, 1, 1),
        )
        for i in range(6)
    ]
    rows.append(rows[0][:])  # the same person, year and achievement twice
    r = open_register(register_url)
    with pytest.raises(SpecError) as err:
        import_book(r, write_book(tmp_path / "so.xlsx", rows), co_quan=CO_QUAN)
    text = str(err.value)
    assert [p.path for p in err.value.problems] == [
        "Khen thưởng!F3",
        "Khen thưởng!F5",
        "Khen thưởng!F7",
        "Khen thưởng!dòng 8",
    ]
    assert "trùng dòng 2" in text
    r.close()


def test_an_award_already_in_the_register_is_refused_with_its_row(
    register_url: str, tmp_path: Path
) -> None:
    r = open_register(register_url)
    import_book(r, good_book(tmp_path / "so.xlsx"), co_quan=CO_QUAN)
    again = write_book(
        tmp_path / "lai.xlsx",
        [
            award_row("CB777", "Mới", "Phòng Thu", 2024, CSTD, "40/QĐ-BHXH", D(2025, 1, 12)),
            award_row(
                "CB001", "Nguyễn Văn An", "Phòng Thu", 2024, CSTD, "20/QĐ-BHXH", D(2025, 1, 12)
            ),
            award_row(
                "CB778",
                "Mới nữa",
                "Phòng Thu",
                2023,
                CSTD,
                "41/QĐ-BHXH",
                D(2024, 1, 10),
                so_vao_so=7,
            ),
        ],
    )
    with pytest.raises(SpecError) as err:
        import_book(r, again, co_quan=CO_QUAN)
    assert [p.path for p in err.value.problems] == ["Khen thưởng!dòng 3", "Khen thưởng!dòng 4"]
    assert "đã có trong sổ" in str(err.value)
    assert store.search(r, "CB777") == []
    r.close()


def test_missing_columns_and_sheets_are_named(register_url: str, tmp_path: Path) -> None:
    r = open_register(register_url)
    headers = [h for h in AWARD_HEADERS if h not in ("Năm", "Hình thức")]
    with pytest.raises(SpecError) as err:
        import_book(r, write_book(tmp_path / "a.xlsx", [], headers=headers), co_quan=CO_QUAN)
    assert "thiếu cột “Năm”" in str(err.value) and "thiếu cột “Hình thức”" in str(err.value)
    book = Workbook()
    assert book.active is not None
    book.active.title = "Trang tính1"
    book.save(tmp_path / "b.xlsx")
    with pytest.raises(InputError, match="không có trang “Khen thưởng”"):
        import_book(r, tmp_path / "b.xlsx", co_quan=CO_QUAN)
    (tmp_path / "c.xlsx").write_text("Họ tên;Năm\n", encoding="utf-8")
    with pytest.raises(InputError, match="không phải tệp Excel"):
        import_book(r, tmp_path / "c.xlsx", co_quan=CO_QUAN)
    r.close()


def test_an_export_imports_back_as_it_was(register_url: str, tmp_path: Path) -> None:
    r = open_register(register_url)
    import_book(r, good_book(tmp_path / "so.xlsx"), co_quan=CO_QUAN)
    path, rows = export_book(r, tmp_path / "xuat.xlsx")
    assert rows == 5
    with pytest.raises(Exception, match="đã có"):
        export_book(r, tmp_path / "xuat.xlsx")  # not overwritten without force
    copy = open_register(str(tmp_path / "ban-sao.sqlite"))
    import_book(copy, path, co_quan=CO_QUAN)
    exported_again, _ = export_book(copy, tmp_path / "xuat-2.xlsx")
    first = [list(row) for row in load_workbook(path).active.iter_rows(values_only=True)]  # type: ignore[union-attr]
    second = [list(row) for row in load_workbook(exported_again).active.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert first == second
    assert first[0][:3] == ["Mã định danh", "Loại", "Tên"]
    assert [row[5] for row in first[1:]] == [2023, 2024, 2024, 2024, 2024]
    r.close()
    copy.close()


def test_statistics_count_by_year_unit_and_form(register_url: str, tmp_path: Path) -> None:
    r = open_register(register_url)
    import_book(r, good_book(tmp_path / "so.xlsx"), co_quan=CO_QUAN)
    path = statistics_book(store.counts(r), tmp_path / "thong-ke.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Theo năm và hình thức", "Theo đơn vị", "Chi tiết"]
    by_year = [list(row) for row in book["Theo năm và hình thức"].iter_rows(values_only=True)]
    assert by_year == [
        ["Năm", "Hình thức", "Số lượng", "Tổng tiền (đồng)"],
        [2023, CSTD, 1, 0],
        [2024, BANG_KHEN, 2, 3_510_000 + 7_020_000],
        [2024, CSTD, 2, 0],
    ]
    by_unit = [list(row) for row in book["Theo đơn vị"].iter_rows(values_only=True)][1:]
    assert by_unit == [
        ["(không ghi đơn vị)", 2024, 1, 7_020_000],
        ["Phòng Sổ, thẻ", 2024, 1, 0],
        ["Phòng Thu", 2023, 1, 0],
        ["Phòng Thu", 2024, 2, 3_510_000],
    ]
    r.close()
