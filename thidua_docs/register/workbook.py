"""The register as a clerk's Excel book: importing past years (one transaction, every bad row
located) and exporting it in the same layout, plus the statistics workbook.

Sheets (headers in row 1, Vietnamese, matched without regard to diacritics or case):

- "Khen thưởng" (required): one award or title per row.
- "Xếp loại" (optional): yearly task ratings.
- "Sáng kiến" (optional): initiatives, with the decision of the award each was used for.
- "Kỷ luật" (optional): discipline periods.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, text, tuple_

from thidua_docs.diagnostics import Problem
from thidua_docs.errors import InputError, SpecError
from thidua_docs.files import check_writable, read_input, write_atomic
from thidua_docs.numbers import NotANumber, cell_number
from thidua_docs.register.db import Register
from thidua_docs.register.models import (
    WORD_LENGTH,
    DoiTuong,
    KhenThuong,
    KyLuat,
    QuyetDinh,
    SangKien,
    TuTen,
    XepLoai,
)
from thidua_docs.register.store import (
    CountRow,
    Decision,
    Subject,
    all_awards,
    allocate,
    raise_counter,
)
from thidua_docs.register.text import khoa, khong_dau, name_words

#: How many located problems a refused import prints (the rest are counted).
MAX_PROBLEMS = 100

SHEET_AWARDS = "Khen thưởng"
SHEET_RATINGS = "Xếp loại"
SHEET_INITIATIVES = "Sáng kiến"
SHEET_DISCIPLINE = "Kỷ luật"

_XEP_LOAI = {
    "hoan thanh xuat sac nhiem vu": "hoan_thanh_xuat_sac",
    "hoan thanh xuat sac": "hoan_thanh_xuat_sac",
    "hoan thanh tot nhiem vu": "hoan_thanh_tot",
    "hoan thanh tot": "hoan_thanh_tot",
    "hoan thanh nhiem vu": "hoan_thanh",
    "hoan thanh": "hoan_thanh",
    "khong hoan thanh nhiem vu": "khong_hoan_thanh",
    "khong hoan thanh": "khong_hoan_thanh",
}
XEP_LOAI_TEN = {
    "hoan_thanh_xuat_sac": "Hoàn thành xuất sắc nhiệm vụ",
    "hoan_thanh_tot": "Hoàn thành tốt nhiệm vụ",
    "hoan_thanh": "Hoàn thành nhiệm vụ",
    "khong_hoan_thanh": "Không hoàn thành nhiệm vụ",
}
_KIEU = {"cong trang": "cong_trang", "dot xuat": "dot_xuat", "chuyen de": "chuyen_de"}
KIEU_TEN = {"cong_trang": "Công trạng", "dot_xuat": "Đột xuất", "chuyen_de": "Chuyên đề"}
_CAP = {
    "co so": "co_so",
    "bo": "bo",
    "cap bo": "bo",
    "bo, nganh, tinh": "bo",
    "toan quoc": "toan_quoc",
}
CAP_TEN = {"co_so": "Cơ sở", "bo": "Bộ, ngành, tỉnh", "toan_quoc": "Toàn quốc"}
_LOAI = {"ca nhan": False, "tap the": True}


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: float = 16


_WHO = (
    Col("ma", "Mã định danh", aliases=("ma can bo", "so dinh danh", "ma"), width=14),
    Col("loai", "Loại", aliases=("ca nhan/tap the", "loai doi tuong"), width=10),
    Col("ten", "Tên", True, ("ho ten", "ho va ten", "ten tap the", "ten ca nhan"), width=28),
    Col("chuc_vu", "Chức vụ", width=18),
    Col("don_vi", "Đơn vị", width=28),
)
AWARD_COLUMNS = (
    *_WHO,
    Col("nam", "Năm", True, ("nam thanh tich",), width=8),
    Col(
        "hinh_thuc",
        "Hình thức",
        True,
        ("hinh thuc khen thuong", "danh hieu", "danh hieu/hinh thuc"),
        width=36,
    ),
    Col("kieu", "Loại khen", aliases=("kieu khen",), width=12),
    Col("thanh_tich", "Thành tích", width=40),
    Col("tien", "Số tiền", aliases=("tien thuong", "so tien (dong)"), width=14),
    Col("so_qd", "Số quyết định", True, ("so qd", "so, ky hieu quyet dinh"), width=18),
    Col("ngay_qd", "Ngày quyết định", True, ("ngay qd", "ngay ky"), width=14),
    Col("co_quan", "Cơ quan quyết định", aliases=("co quan", "cap quyet dinh"), width=28),
    Col("nguoi_ky", "Người ký", width=22),
    Col("so_sach", "Sổ", aliases=("ten so", "so sach"), width=24),
    Col("so_vao_so", "Số vào sổ", aliases=("so so", "so so vang"), width=10),
)
RATING_COLUMNS = (
    *_WHO,
    Col("nam", "Năm", True),
    Col("xep_loai", "Xếp loại", True, ("muc xep loai",)),
)
INITIATIVE_COLUMNS = (
    *_WHO,
    Col("nam", "Năm", True, ("nam cong nhan",)),
    Col("sang_kien", "Sáng kiến", True, ("ten sang kien",), width=40),
    Col("cap", "Cấp công nhận", aliases=("cap",)),
    Col(
        "dung_cho",
        "Dùng cho quyết định",
        aliases=("da dung cho quyet dinh", "dung cho so quyet dinh"),
    ),
)
DISCIPLINE_COLUMNS = (
    *_WHO,
    Col("hinh_thuc", "Hình thức kỷ luật", True, ("hinh thuc", "ky luat")),
    Col("tu_ngay", "Từ ngày", True),
    Col("den_ngay", "Đến ngày", True),
)


@dataclass(frozen=True)
class ImportSummary:
    khen_thuong: int
    xep_loai: int
    sang_kien: int
    ky_luat: int
    doi_tuong_moi: int
    quyet_dinh_moi: int


class _Rows:
    """One sheet: its header map and its rows, with problems located by cell."""

    def __init__(
        self, file: Path, sheet: Any, name: str, columns: Sequence[Col], problems: list[Problem]
    ) -> None:
        self.file, self.name, self.columns, self.problems = file, name, columns, problems
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        names = [khong_dau(str(h)) if h is not None else "" for h in header]
        self.index: dict[str, int] = {}
        for col in columns:
            for spelling in (khong_dau(col.header), *col.aliases):
                if spelling in names:
                    self.index[col.key] = names.index(spelling)
                    break
            else:
                if col.required:
                    self.problem(1, None, f"thiếu cột “{col.header}” ở dòng tiêu đề")
        self.rows = rows

    def problem(self, row: int, key: str | None, message: str, found: Any = None) -> None:
        if key is not None and key in self.index:
            from openpyxl.utils import get_column_letter

            place = f"{self.name}!{get_column_letter(self.index[key] + 1)}{row}"
        else:
            place = f"{self.name}!dòng {row}"
        self.problems.append(
            Problem(self.file, None, place, message, None if found is None else str(found))
        )

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        if any(c.required and c.key not in self.index for c in self.columns):
            return
        for number, row in enumerate(self.rows, start=2):
            values = {k: (row[i] if i < len(row) else None) for k, i in self.index.items()}
            values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
            if all(v is None or v == "" for v in values.values()):
                continue
            yield number, values


def _text(rows: _Rows, n: int, v: dict[str, Any], key: str, required: bool = False) -> str:
    value = v.get(key)
    if value is None or value == "":
        if required:
            col = next(c for c in rows.columns if c.key == key)
            rows.problem(n, key, f"thiếu {col.header.lower()}")
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _int(
    rows: _Rows, n: int, v: dict[str, Any], key: str, what: str, low: int, high: int, required: bool
) -> int | None:
    value = v.get(key)
    if value is None or value == "":
        if required:
            rows.problem(n, key, f"thiếu {what}")
        return None
    try:
        number = cell_number(value)
    except NotANumber:
        rows.problem(n, key, f"cần {what} là một số nguyên", value)
        return None
    if number != number.to_integral_value() or not low <= number <= high:
        rows.problem(n, key, f"cần {what} là số nguyên từ {low} đến {high}", value)
        return None
    return int(number)


def _date(rows: _Rows, n: int, v: dict[str, Any], key: str, what: str) -> dt.date | None:
    value = v.get(key)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        rows.problem(n, key, f"cần {what} dạng ngày/tháng/năm, ví dụ 15/01/2018", value)
        return None
    if value is None or value == "":
        rows.problem(n, key, f"thiếu {what}")
    else:
        rows.problem(n, key, f"cần {what} dạng ngày/tháng/năm, ví dụ 15/01/2018", value)
    return None


def _choice(
    rows: _Rows, n: int, v: dict[str, Any], key: str, table: dict[str, Any], what: str, default: Any
) -> Any:
    value = v.get(key)
    if value is None or value == "":
        if default is _REQUIRED:
            rows.problem(n, key, f"thiếu {what}")
        return None if default is _REQUIRED else default
    found = table.get(khong_dau(str(value)).rstrip("."))
    if found is None:
        rows.problem(
            n, key, f"không rõ {what}; cần một trong: " + ", ".join(sorted({*_names(table)})), value
        )
        return None
    return found


_REQUIRED = object()


def _names(table: dict[str, Any]) -> list[str]:
    names = {
        **{k: v for k, v in XEP_LOAI_TEN.items()},
        **{k: v for k, v in KIEU_TEN.items()},
        **{k: v for k, v in CAP_TEN.items()},
    }
    out = []
    for value in table.values():
        if isinstance(value, bool):
            out.append("Tập thể" if value else "Cá nhân")
        else:
            out.append(names.get(value, str(value)))
    return out


def _subject(rows: _Rows, n: int, v: dict[str, Any]) -> Subject | None:
    tap_the = _choice(rows, n, v, "loai", _LOAI, "loại (cá nhân hay tập thể)", False)
    ten = _text(rows, n, v, "ten", required=True)
    don_vi = _text(rows, n, v, "don_vi")
    ma = _text(rows, n, v, "ma") or None
    if tap_the is None or not ten:
        return None
    if ma is None and not tap_the and not don_vi:
        rows.problem(
            n,
            "don_vi",
            "cá nhân không có mã định danh cần đơn vị (để không nhầm hai người trùng tên)",
        )
        return None
    return Subject(tap_the, ten, don_vi, _text(rows, n, v, "chuc_vu"), ma)


@dataclass
class _Award:
    row: int
    subject: Subject
    nam: int
    hinh_thuc: str
    kieu: str
    thanh_tich: str
    tien: int
    decision: Decision
    so_sach: str
    so_vao_so: int | None


class _Sheet:
    """One sheet's cell values from A1 (calamine: a hundred thousand rows in about a second, where
    openpyxl takes most of a minute); an empty cell is None, a formula its last computed value."""

    def __init__(self, title: str, rows: list[list[Any]]) -> None:
        self.title = title
        self._rows = rows

    def iter_rows(self, values_only: bool = True) -> Iterator[tuple[Any, ...]]:
        for row in self._rows:
            yield tuple(None if v == "" else v for v in row)


class _Book:
    def __init__(self, path: Path, data: bytes) -> None:
        from python_calamine import CalamineWorkbook

        try:
            self._book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            self.sheetnames: list[str] = list(self._book.sheet_names)
        except Exception as err:  # calamine raises its own errors on a broken file
            raise InputError(f"{path}: tệp Excel bị hỏng hoặc không đọc được") from err
        self.path = path

    def __getitem__(self, name: str) -> _Sheet:
        try:
            rows = self._book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as err:
            raise InputError(f"{self.path}: trang “{name}” không đọc được") from err
        return _Sheet(name, rows)

    def close(self) -> None:
        self._book.close()


def _open(path: Path) -> _Book:
    data = read_input(path, expected="một tệp Excel (.xlsx)")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(
            f"{path}: không phải tệp Excel .xlsx (có thể là .xls cũ, CSV, hay tệp có mật khẩu)"
        )
    return _Book(path, data)


def _sheet(book: _Book, name: str) -> _Sheet | None:
    for sheet_name in book.sheetnames:
        if khong_dau(sheet_name) == khong_dau(name):
            return book[sheet_name]
    return None


def read_book(
    path: Path, *, co_quan: str
) -> tuple[
    list[_Award],
    list[tuple[int, Subject, int, str]],
    list[tuple[int, Subject, int, str, str, str]],
    list[tuple[int, Subject, str, dt.date, dt.date]],
]:
    """Every row of the book, validated; all problems at once (SpecError), each with its cell."""
    book = _open(path)
    problems: list[Problem] = []
    awards_sheet = _sheet(book, SHEET_AWARDS)
    if awards_sheet is None:
        raise InputError(
            f"{path}: không có trang “{SHEET_AWARDS}” (các trang có: {', '.join(book.sheetnames)})"
        )
    awards: list[_Award] = []
    rows = _Rows(path, awards_sheet, awards_sheet.title, AWARD_COLUMNS, problems)
    today_year = 2100
    for n, v in rows:
        subject = _subject(rows, n, v)
        nam = _int(rows, n, v, "nam", "năm", 1945, today_year, True)
        hinh_thuc = _text(rows, n, v, "hinh_thuc", required=True)
        kieu = _choice(rows, n, v, "kieu", _KIEU, "loại khen", "cong_trang")
        tien = 0
        if v.get("tien") not in (None, ""):
            try:
                money = cell_number(v["tien"], ("đ", "đồng"))
                if money != money.to_integral_value() or money < 0:
                    raise NotANumber(v["tien"])
                tien = int(money)
            except NotANumber:
                rows.problem(n, "tien", "cần số tiền là số đồng nguyên, ví dụ 2.340.000", v["tien"])
        so_qd = _text(rows, n, v, "so_qd", required=True)
        ngay_qd = _date(rows, n, v, "ngay_qd", "ngày quyết định")
        so_vao_so = _int(rows, n, v, "so_vao_so", "số vào sổ", 1, 10**9, False)
        if (
            subject is None
            or nam is None
            or not hinh_thuc
            or kieu is None
            or not so_qd
            or ngay_qd is None
        ):
            continue
        decision = Decision(
            so_qd, ngay_qd, _text(rows, n, v, "co_quan") or co_quan, _text(rows, n, v, "nguoi_ky")
        )
        awards.append(
            _Award(
                n,
                subject,
                nam,
                hinh_thuc,
                kieu,
                _text(rows, n, v, "thanh_tich"),
                tien,
                decision,
                _text(rows, n, v, "so_sach") or hinh_thuc,
                so_vao_so,
            )
        )
    ratings: list[tuple[int, Subject, int, str]] = []
    sheet = _sheet(book, SHEET_RATINGS)
    if sheet is not None:
        rows = _Rows(path, sheet, sheet.title, RATING_COLUMNS, problems)
        for n, v in rows:
            subject = _subject(rows, n, v)
            nam = _int(rows, n, v, "nam", "năm", 1945, today_year, True)
            muc = _choice(rows, n, v, "xep_loai", _XEP_LOAI, "xếp loại", _REQUIRED)
            if subject is not None and nam is not None and muc is not None:
                ratings.append((n, subject, nam, muc))
    initiatives: list[tuple[int, Subject, int, str, str, str]] = []
    sheet = _sheet(book, SHEET_INITIATIVES)
    if sheet is not None:
        rows = _Rows(path, sheet, sheet.title, INITIATIVE_COLUMNS, problems)
        for n, v in rows:
            subject = _subject(rows, n, v)
            nam = _int(rows, n, v, "nam", "năm", 1945, today_year, True)
            ten = _text(rows, n, v, "sang_kien", required=True)
            cap = _choice(rows, n, v, "cap", _CAP, "cấp công nhận", "co_so")
            if subject is not None and nam is not None and ten and cap is not None:
                initiatives.append((n, subject, nam, ten, cap, _text(rows, n, v, "dung_cho")))
    discipline: list[tuple[int, Subject, str, dt.date, dt.date]] = []
    sheet = _sheet(book, SHEET_DISCIPLINE)
    if sheet is not None:
        rows = _Rows(path, sheet, sheet.title, DISCIPLINE_COLUMNS, problems)
        for n, v in rows:
            subject = _subject(rows, n, v)
            what = _text(rows, n, v, "hinh_thuc", required=True)
            start = _date(rows, n, v, "tu_ngay", "ngày bắt đầu")
            end = _date(rows, n, v, "den_ngay", "ngày kết thúc")
            if start and end and end < start:
                rows.problem(n, "den_ngay", "ngày kết thúc trước ngày bắt đầu", f"{end:%d/%m/%Y}")
                continue
            if subject is not None and what and start and end:
                discipline.append((n, subject, what, start, end))
    book.close()
    _same_in_file(path, awards, problems)
    _raise(problems)
    return awards, ratings, initiatives, discipline


def _raise(problems: list[Problem]) -> None:
    if not problems:
        return
    shown = problems[:MAX_PROBLEMS]
    if len(problems) > MAX_PROBLEMS:
        shown.append(
            Problem(problems[0].file, None, "", f"… và {len(problems) - MAX_PROBLEMS} lỗi khác")
        )
    raise SpecError(shown)


def _same_in_file(path: Path, awards: list[_Award], problems: list[Problem]) -> None:
    seen: dict[tuple[str, int, str], int] = {}
    numbers: dict[tuple[str, int, int], int] = {}
    for a in awards:
        key = (a.subject.code, a.nam, khoa(a.thanh_tich or a.hinh_thuc))
        if key in seen:
            problems.append(
                Problem(
                    path,
                    None,
                    f"{SHEET_AWARDS}!dòng {a.row}",
                    f"trùng dòng {seen[key]}: cùng người, cùng năm, cùng thành tích (một thành tích chỉ được khen một lần)",
                )
            )
        seen.setdefault(key, a.row)
        if a.so_vao_so is not None:
            nkey = (a.so_sach, a.decision.ngay.year, a.so_vao_so)
            if nkey in numbers:
                problems.append(
                    Problem(
                        path,
                        None,
                        f"{SHEET_AWARDS}!dòng {a.row}",
                        f"số vào sổ {a.so_vao_so} của sổ “{a.so_sach}” năm {a.decision.ngay.year} trùng dòng {numbers[nkey]}",
                    )
                )
            numbers.setdefault(nkey, a.row)


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _subject_ids(
    conn: Connection, subjects: dict[str, tuple[Subject, int]]
) -> tuple[dict[str, int], int]:
    """Ids of every subject by code, the new ones inserted in bulk; and how many were new."""
    codes = list(subjects)
    ids: dict[str, int] = {}
    for chunk in _chunks(codes):
        ids.update(
            {
                m: i
                for m, i in conn.execute(
                    select(DoiTuong.ma, DoiTuong.id).where(DoiTuong.ma.in_(chunk))
                )
            }
        )
    new = [
        {
            "ma": code,
            "tap_the": s.tap_the,
            "ten": s.ten,
            "ten_khong_dau": khong_dau(s.ten),
            "don_vi": s.don_vi,
            "chuc_vu": s.chuc_vu,
        }
        for code, (s, _) in subjects.items()
        if code not in ids
    ]
    if new and conn.dialect.name == "postgresql":  # ids taken from the sequence, rows by COPY
        numbers = conn.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence('doi_tuong', 'id')) FROM generate_series(1, :n)"
            ),
            {"n": len(new)},
        ).scalars()
        for row, number in zip(new, numbers, strict=True):
            row["id"] = int(number)
            ids[str(row["ma"])] = int(number)
        insert_many(conn, DoiTuong, new)
    elif new:  # their ids come back from the insert itself
        returned = conn.execute(insert(DoiTuong).returning(DoiTuong.ma, DoiTuong.id), new)
        ids.update({m: int(i) for m, i in returned})
    words = [
        {"tu": word, "doi_tuong_id": ids[str(row["ma"])]}
        for row in new
        for word in sorted(name_words(str(row["ten_khong_dau"]), WORD_LENGTH))
    ]
    insert_many(conn, TuTen, words)  # the name search index
    return ids, len(new)


def insert_many(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Rows inserted in bulk inside the caller's transaction: COPY on PostgreSQL (an INSERT per row
    otherwise, ten times slower), one executemany on SQLite."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), list(rows))
        return
    columns = list(rows[0])
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {table.__tablename__} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def import_book(
    register: Register, path: Path, *, co_quan: str, progress: Callable[[str], None] | None = None
) -> ImportSummary:
    """Import a clerk's book: everything or nothing (one transaction), every bad row located."""
    awards, ratings, initiatives, discipline = read_book(path, co_quan=co_quan)
    problems: list[Problem] = []
    with register.write() as conn:
        subjects: dict[str, tuple[Subject, int]] = {}
        for a in awards:
            subjects.setdefault(a.subject.code, (a.subject, a.nam))
        others = [r[1] for r in ratings] + [r[1] for r in initiatives] + [r[1] for r in discipline]
        for other in others:
            subjects.setdefault(other.code, (other, 0))
        ids, new_subjects = _subject_ids(conn, subjects)

        # decisions: numbers start again each year, so a decision is (issuer, number, year)
        def decision_key(d: Decision) -> tuple[str, str, int]:
            return (d.co_quan, d.so_ky_hieu, d.ngay.year)

        wanted = {decision_key(a.decision): a for a in awards}
        decisions: dict[tuple[str, str, int], int] = {}

        def known(keys: Sequence[tuple[str, str, int]]) -> None:
            for chunk in _chunks(keys):
                for cq, so, nam, i in conn.execute(
                    select(
                        QuyetDinh.co_quan, QuyetDinh.so_ky_hieu, QuyetDinh.nam, QuyetDinh.id
                    ).where(
                        tuple_(QuyetDinh.co_quan, QuyetDinh.so_ky_hieu, QuyetDinh.nam).in_(chunk)
                    )
                ):
                    decisions[(cq, so, int(nam))] = int(i)

        known(list(wanted))
        by_key: dict[tuple[str, str, int], dt.date] = {}
        for a in awards:
            k = decision_key(a.decision)
            if by_key.setdefault(k, a.decision.ngay) != a.decision.ngay:
                problems.append(
                    Problem(
                        path,
                        None,
                        f"{SHEET_AWARDS}!dòng {a.row}",
                        f"quyết định số {a.decision.so_ky_hieu} đã ghi ở dòng khác với ngày {by_key[k]:%d/%m/%Y}",
                    )
                )
        new_decisions = [
            {
                "co_quan": k[0],
                "so_ky_hieu": k[1],
                "nam": k[2],
                "ngay": a.decision.ngay,
                "nguoi_ky": a.decision.nguoi_ky,
            }
            for k, a in wanted.items()
            if k not in decisions
        ]
        if new_decisions:
            returned = conn.execute(
                insert(QuyetDinh).returning(
                    QuyetDinh.co_quan, QuyetDinh.so_ky_hieu, QuyetDinh.nam, QuyetDinh.id
                ),
                new_decisions,
            )
            decisions.update({(cq, so, int(nam)): int(i) for cq, so, nam, i in returned})
        # awards already in the register: the same achievement, the same number
        subject_ids = sorted({ids[a.subject.code] for a in awards})
        existing: set[tuple[int, int, str]] = set()
        for chunk in _chunks(subject_ids):
            existing.update(
                (int(d), int(n), k)
                for d, n, k in conn.execute(
                    select(
                        KhenThuong.doi_tuong_id, KhenThuong.nam, KhenThuong.thanh_tich_khoa
                    ).where(KhenThuong.doi_tuong_id.in_(chunk))
                )
            )
        books = sorted(
            {(a.so_sach, a.decision.ngay.year) for a in awards if a.so_vao_so is not None}
        )
        used: set[tuple[str, int, int]] = set()
        for chunk in _chunks(books):
            used.update(
                (b, int(y), int(n))
                for b, y, n in conn.execute(
                    select(KhenThuong.so_sach, KhenThuong.nam_so, KhenThuong.so_vao_so).where(
                        tuple_(KhenThuong.so_sach, KhenThuong.nam_so).in_(chunk)
                    )
                )
            )
        rows: list[dict[str, Any]] = []
        to_number: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
        highest: dict[tuple[str, int], int] = {}
        for a in awards:
            who = ids[a.subject.code]
            key = khoa(a.thanh_tich or a.hinh_thuc)
            if (who, a.nam, key) in existing:
                problems.append(
                    Problem(
                        path,
                        None,
                        f"{SHEET_AWARDS}!dòng {a.row}",
                        f"{a.subject.ten}: thành tích năm {a.nam} này đã có trong sổ khen thưởng (một thành tích chỉ được khen một lần)",
                    )
                )
                continue
            year = a.decision.ngay.year
            if a.so_vao_so is not None and (a.so_sach, year, a.so_vao_so) in used:
                problems.append(
                    Problem(
                        path,
                        None,
                        f"{SHEET_AWARDS}!dòng {a.row}",
                        f"số vào sổ {a.so_vao_so} của sổ “{a.so_sach}” năm {year} đã có trong sổ khen thưởng",
                    )
                )
                continue
            row = {
                "doi_tuong_id": who,
                "quyet_dinh_id": decisions[decision_key(a.decision)],
                "nam": a.nam,
                "hinh_thuc": a.hinh_thuc,
                "hinh_thuc_khoa": khong_dau(a.hinh_thuc),
                "kieu": a.kieu,
                "thanh_tich": a.thanh_tich,
                "thanh_tich_khoa": key,
                "don_vi": a.subject.don_vi,
                "tien": a.tien,
                "so_sach": a.so_sach,
                "nam_so": year,
                "so_vao_so": a.so_vao_so,
            }
            if a.so_vao_so is None:
                to_number[(a.so_sach, year)].append(row)
            else:
                highest[(a.so_sach, year)] = max(highest.get((a.so_sach, year), 0), a.so_vao_so)
            rows.append(row)
        _raise(problems)
        for (book, year), number in highest.items():
            raise_counter(conn, book, year, number)
        for (book, year), group in to_number.items():
            first = allocate(conn, book, year, len(group))
            for offset, row in enumerate(group):
                row["so_vao_so"] = first + offset
        if progress:
            progress(f"ghi {len(rows)} khen thưởng")
        for chunk in _chunks(rows, 5000):
            insert_many(conn, KhenThuong, chunk)
        # ratings: one per subject and year (a later row of the book wins over the register)
        rating_rows = {(ids[s.code], nam): muc for _, s, nam, muc in ratings}
        if rating_rows:
            for chunk in _chunks(list(rating_rows)):
                conn.execute(
                    delete(XepLoai).where(tuple_(XepLoai.doi_tuong_id, XepLoai.nam).in_(chunk))
                )
            conn.execute(
                insert(XepLoai),
                [{"doi_tuong_id": d, "nam": y, "muc": m} for (d, y), m in rating_rows.items()],
            )
        if initiatives:
            used_for = _award_of_decision(conn, initiatives, ids, co_quan, path)
            conn.execute(
                insert(SangKien),
                [
                    {
                        "doi_tuong_id": ids[s.code],
                        "ten": ten,
                        "ten_khoa": khoa(ten),
                        "nam": nam,
                        "cap": cap,
                        "khen_thuong_id": used_for.get(n),
                    }
                    for n, s, nam, ten, cap, _ in initiatives
                ],
            )
        if discipline:
            conn.execute(
                insert(KyLuat),
                [
                    {"doi_tuong_id": ids[s.code], "hinh_thuc": w, "tu_ngay": a, "den_ngay": b}
                    for _, s, w, a, b in discipline
                ],
            )
        return ImportSummary(
            len(rows),
            len(rating_rows),
            len(initiatives),
            len(discipline),
            new_subjects,
            len(new_decisions),
        )


def _award_of_decision(
    conn: Connection,
    initiatives: list[tuple[int, Subject, int, str, str, str]],
    ids: dict[str, int],
    co_quan: str,
    path: Path,
) -> dict[int, int]:
    """The award each initiative was used for, found by its subject and the decision's number."""
    found: dict[int, int] = {}
    problems: list[Problem] = []
    for n, s, _, _, _, so in initiatives:
        if not so:
            continue
        row = conn.execute(
            select(KhenThuong.id)
            .join(QuyetDinh, QuyetDinh.id == KhenThuong.quyet_dinh_id)
            .where(KhenThuong.doi_tuong_id == ids[s.code], QuyetDinh.so_ky_hieu == so)
            .limit(1)
        ).first()
        if row is None:
            problems.append(
                Problem(
                    path,
                    None,
                    f"{SHEET_INITIATIVES}!dòng {n}",
                    f"{s.ten} không có khen thưởng nào theo quyết định số {so} trong sổ",
                )
            )
        else:
            found[n] = int(row[0])
    _raise(problems)
    return found


# ------------------------------------------------------------------ export


def _write_workbook(path: Path, book: Any, force: bool) -> Path:
    check_writable(path, force=force, noun="tệp .xlsx")
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue(), force=True)
    return path


def _header(sheet: Any, columns: Sequence[Col]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append([c.header for c in columns])
    for i, c in enumerate(columns, start=1):
        sheet.cell(row=1, column=i).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(i)].width = c.width
    sheet.freeze_panes = "A2"


def export_book(
    register: Register, path: Path, *, nam: int | None = None, force: bool = False
) -> tuple[Path, int]:
    """The register as a book in the import layout (so an export imports back as it was)."""
    from openpyxl import Workbook

    book = Workbook(write_only=False)
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_AWARDS
    _header(sheet, AWARD_COLUMNS)
    count = 0
    for s, a in all_awards(register, nam=nam):
        sheet.append(
            [
                s.ma if not s.ma.startswith("~") else None,
                "Tập thể" if s.tap_the else "Cá nhân",
                s.ten,
                s.chuc_vu or None,
                a.don_vi or None,
                a.nam,
                a.hinh_thuc,
                KIEU_TEN.get(a.kieu, a.kieu),
                a.thanh_tich or None,
                a.tien,
                a.so_quyet_dinh,
                a.ngay_quyet_dinh,
                a.co_quan,
                a.nguoi_ky or None,
                a.so_sach,
                a.so_vao_so,
            ]
        )
        sheet.cell(row=sheet.max_row, column=12).number_format = "DD/MM/YYYY"
        sheet.cell(row=sheet.max_row, column=10).number_format = "#,##0"
        count += 1
    return _write_workbook(path, book, force), count


def statistics_book(rows: list[CountRow], path: Path, *, force: bool = False) -> Path:
    """Counts by year, by unit and year, and by form and year, each with its money."""
    from openpyxl import Workbook

    book = Workbook()
    by_year: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    by_unit: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        for table, key in ((by_year, (r.nam, r.hinh_thuc)), (by_unit, (r.don_vi, r.nam))):
            table[key][0] += r.so_luong  # type: ignore[index]
            table[key][1] += r.tong_tien  # type: ignore[index]
    sheets: list[tuple[str, tuple[Col, ...], list[list[Any]]]] = [
        (
            "Theo năm và hình thức",
            (
                Col("", "Năm", width=8),
                Col("", "Hình thức", width=40),
                Col("", "Số lượng", width=12),
                Col("", "Tổng tiền (đồng)", width=18),
            ),
            [[y, h, c, t] for (y, h), (c, t) in sorted(by_year.items())],
        ),
        (
            "Theo đơn vị",
            (
                Col("", "Đơn vị", width=36),
                Col("", "Năm", width=8),
                Col("", "Số lượng", width=12),
                Col("", "Tổng tiền (đồng)", width=18),
            ),
            [[u or "(không ghi đơn vị)", y, c, t] for (u, y), (c, t) in sorted(by_unit.items())],
        ),
        (
            "Chi tiết",
            (
                Col("", "Năm", width=8),
                Col("", "Đơn vị", width=36),
                Col("", "Hình thức", width=40),
                Col("", "Số lượng", width=12),
                Col("", "Tổng tiền (đồng)", width=18),
            ),
            [
                [r.nam, r.don_vi or "(không ghi đơn vị)", r.hinh_thuc, r.so_luong, r.tong_tien]
                for r in rows
            ],
        ),
    ]
    first = book.active
    assert first is not None
    book.remove(first)
    for title, columns, data in sheets:
        sheet = book.create_sheet(title)
        _header(sheet, columns)
        for line in data:
            sheet.append(line)
            sheet.cell(row=sheet.max_row, column=len(columns)).number_format = "#,##0"
    return _write_workbook(path, book, force)
