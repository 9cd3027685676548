"""Reading and writing the register: subjects, decisions, awards with their book numbers.

Everything here receives and returns plain dataclasses, so the front door (``api``) can pass
what it reads on to the documents without their knowing the register exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import Connection, func, insert, intersect, select, union, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from thidua_docs.errors import InputError
from thidua_docs.register.db import Register
from thidua_docs.register.models import (
    WORD_LENGTH,
    DoiTuong,
    DonViLichSu,
    KhenThuong,
    KyLuat,
    QuyetDinh,
    SangKien,
    SoSach,
    TuTen,
    XepLoai,
)
from thidua_docs.register.text import khoa, khong_dau, ma_suy_ra, name_words, word_range


@dataclass(frozen=True)
class Subject:
    """Who is awarded: a collective or a person. ``ma`` None: identified by name and unit."""

    tap_the: bool
    ten: str
    don_vi: str = ""
    chuc_vu: str = ""
    ma: str | None = None

    @cached_property
    def code(self) -> str:
        return self.ma or ma_suy_ra(self.tap_the, self.ten, self.don_vi)


@dataclass(frozen=True)
class Decision:
    so_ky_hieu: str  # "123/QĐ-BHXH"
    ngay: dt.date
    co_quan: str  # the issuing body
    nguoi_ky: str = ""


@dataclass(frozen=True)
class AwardEntry:
    """One line of a decision to record."""

    subject: Subject
    hinh_thuc: str
    nam: int  # the year of the achievement
    thanh_tich: str = ""
    tien: int = 0
    kieu: str = "cong_trang"
    so_vao_so: int | None = None  # given (import of a past book) or assigned
    so_sach: str | None = None  # the book; default: the form of award


@dataclass(frozen=True)
class Recorded:
    """An award as recorded, with its number in its book."""

    ten: str
    hinh_thuc: str
    so_sach: str
    nam_so: int
    so_vao_so: int


@dataclass(frozen=True)
class AwardRow:
    """One award of a history, as documents and exports print it."""

    nam: int
    hinh_thuc: str
    kieu: str
    thanh_tich: str
    tien: int
    so_quyet_dinh: str
    ngay_quyet_dinh: dt.date
    co_quan: str
    nguoi_ky: str
    so_sach: str
    nam_so: int
    so_vao_so: int
    don_vi: str


@dataclass(frozen=True)
class SubjectRow:
    ma: str
    tap_the: bool
    ten: str
    don_vi: str
    chuc_vu: str


@dataclass(frozen=True)
class Initiative:
    ten: str
    nam: int
    cap: str
    dung_cho: str | None  # "Bằng khen … năm 2024" when already used for an award


@dataclass(frozen=True)
class Discipline:
    hinh_thuc: str
    tu_ngay: dt.date
    den_ngay: dt.date


@dataclass(frozen=True)
class History:
    """Everything the register knows of one subject."""

    subject: SubjectRow
    awards: list[AwardRow]
    ratings: dict[int, str]
    initiatives: list[Initiative]
    discipline: list[Discipline]
    units: list[tuple[int, str]] = field(default_factory=list)


def book_of(entry: AwardEntry) -> str:
    return entry.so_sach or entry.hinh_thuc


# ------------------------------------------------------------------ writing


def allocate(conn: Connection, book: str, year: int, count: int) -> int:
    """Reserve ``count`` numbers in a book and year; returns the first. Inside the caller's
    transaction, so the numbers are gapless: a rollback gives them back. The counter row is
    locked by the UPDATE until commit, so two clerks never get the same number."""
    values = {"ten": book, "nam": year, "so_cuoi": 0}
    if conn.dialect.name == "postgresql":
        conn.execute(postgresql.insert(SoSach).values(values).on_conflict_do_nothing())
    else:
        conn.execute(sqlite.insert(SoSach).values(values).on_conflict_do_nothing())
    last = conn.execute(
        update(SoSach)
        .where(SoSach.ten == book, SoSach.nam == year)
        .values(so_cuoi=SoSach.so_cuoi + count)
        .returning(SoSach.so_cuoi)
    ).scalar_one()
    return int(last) - count + 1


def raise_counter(conn: Connection, book: str, year: int, number: int) -> None:
    """A number given by hand (an imported book): the counter goes on after the highest one."""
    allocate(conn, book, year, 0)
    conn.execute(
        update(SoSach)
        .where(SoSach.ten == book, SoSach.nam == year, SoSach.so_cuoi < number)
        .values(so_cuoi=number)
    )


def subject_id(conn: Connection, s: Subject, year: int | None = None) -> int:
    """The row of a subject, created when new; a change of unit is kept in its unit history."""
    row = conn.execute(
        select(DoiTuong.id, DoiTuong.don_vi).where(DoiTuong.ma == s.code)
    ).one_or_none()
    if row is None:
        new_id = conn.execute(
            insert(DoiTuong)
            .values(
                ma=s.code,
                tap_the=s.tap_the,
                ten=s.ten,
                ten_khong_dau=khong_dau(s.ten),
                don_vi=s.don_vi,
                chuc_vu=s.chuc_vu,
            )
            .returning(DoiTuong.id)
        ).scalar_one()
        words = name_words(khong_dau(s.ten), WORD_LENGTH)
        if words:  # the name search index
            conn.execute(insert(TuTen), [{"tu": w, "doi_tuong_id": new_id} for w in sorted(words)])
        if s.don_vi and year is not None:
            conn.execute(
                insert(DonViLichSu).values(doi_tuong_id=new_id, don_vi=s.don_vi, tu_nam=year)
            )
        return int(new_id)
    if s.don_vi and row.don_vi != s.don_vi:
        conn.execute(update(DoiTuong).where(DoiTuong.id == row.id).values(don_vi=s.don_vi))
        if year is not None:
            conn.execute(
                insert(DonViLichSu).values(doi_tuong_id=row.id, don_vi=s.don_vi, tu_nam=year)
            )
    return int(row.id)


def decision_id(conn: Connection, d: Decision, *, new: bool) -> int:
    """The row of a decision; ``new``: recording it, so one already in the register is refused."""
    found = conn.execute(
        select(QuyetDinh.id, QuyetDinh.ngay).where(
            QuyetDinh.co_quan == d.co_quan,
            QuyetDinh.so_ky_hieu == d.so_ky_hieu,
            QuyetDinh.nam == d.ngay.year,
        )
    ).one_or_none()
    if found is not None:
        if new:
            raise InputError(
                f"Quyết định số {d.so_ky_hieu} của {d.co_quan} đã có trong sổ khen thưởng "
                f"(ngày {found.ngay:%d/%m/%Y}); không ghi lại lần thứ hai"
            )
        return int(found.id)
    return int(
        conn.execute(
            insert(QuyetDinh)
            .values(
                so_ky_hieu=d.so_ky_hieu,
                ngay=d.ngay,
                nam=d.ngay.year,
                nguoi_ky=d.nguoi_ky,
                co_quan=d.co_quan,
            )
            .returning(QuyetDinh.id)
        ).scalar_one()
    )


def record(register: Register, decision: Decision, entries: Sequence[AwardEntry]) -> list[Recorded]:
    """Record a decision and its awards in one transaction, numbering each award in its book
    (the decision's year). Refused as a whole: the decision already recorded, or an award to the
    same subject for the same achievement."""
    with register.write() as conn:
        return record_in(conn, decision, entries, new_decision=True)


def record_in(
    conn: Connection, decision: Decision, entries: Sequence[AwardEntry], *, new_decision: bool
) -> list[Recorded]:
    qd = decision_id(conn, decision, new=new_decision)
    year = decision.ngay.year
    recorded: list[Recorded] = []
    for entry in entries:
        who = subject_id(conn, entry.subject, entry.nam)
        key = khoa(entry.thanh_tich or entry.hinh_thuc)
        _refuse_same_achievement(conn, who, entry, key)
        book = book_of(entry)
        number = entry.so_vao_so
        if number is None:
            number = allocate(conn, book, year, 1)
        else:
            raise_counter(conn, book, year, number)
        try:
            with conn.begin_nested():
                conn.execute(
                    insert(KhenThuong).values(
                        doi_tuong_id=who,
                        quyet_dinh_id=qd,
                        nam=entry.nam,
                        hinh_thuc=entry.hinh_thuc,
                        hinh_thuc_khoa=khong_dau(entry.hinh_thuc),
                        kieu=entry.kieu,
                        thanh_tich=entry.thanh_tich,
                        thanh_tich_khoa=key,
                        don_vi=entry.subject.don_vi,
                        tien=entry.tien,
                        so_sach=book,
                        nam_so=year,
                        so_vao_so=number,
                    )
                )
        except IntegrityError as err:
            raise InputError(
                f"Số vào sổ {number} của sổ “{book}” năm {year} đã dùng cho một khen thưởng khác "
                f"({entry.subject.ten})"
            ) from err
        recorded.append(Recorded(entry.subject.ten, entry.hinh_thuc, book, year, number))
    return recorded


def _refuse_same_achievement(conn: Connection, who: int, entry: AwardEntry, key: str) -> None:
    earlier = conn.execute(
        select(KhenThuong.hinh_thuc, QuyetDinh.so_ky_hieu)
        .join(QuyetDinh, QuyetDinh.id == KhenThuong.quyet_dinh_id)
        .where(
            KhenThuong.doi_tuong_id == who,
            KhenThuong.nam == entry.nam,
            KhenThuong.thanh_tich_khoa == key,
        )
    ).first()
    if earlier is not None:
        raise InputError(
            f"{entry.subject.ten}: thành tích năm {entry.nam} “{entry.thanh_tich or entry.hinh_thuc}” "
            f"đã được khen ({earlier.hinh_thuc}, Quyết định số {earlier.so_ky_hieu}); một thành tích "
            "chỉ được khen một lần (Luật Thi đua, khen thưởng 2022, Điều 5)"
        )


# ------------------------------------------------------------------ reading


def _subject_row(row: DoiTuong) -> SubjectRow:
    return SubjectRow(row.ma, row.tap_the, row.ten, row.don_vi, row.chuc_vu)


def _one(conn: Connection, ma: str) -> DoiTuong | None:
    row = conn.execute(select(DoiTuong.__table__).where(DoiTuong.ma == ma)).one_or_none()
    if row is None:
        return None
    return DoiTuong(**row._asdict())


_AWARD_COLUMNS = (
    KhenThuong.nam,
    KhenThuong.hinh_thuc,
    KhenThuong.kieu,
    KhenThuong.thanh_tich,
    KhenThuong.tien,
    QuyetDinh.so_ky_hieu,
    QuyetDinh.ngay,
    QuyetDinh.co_quan,
    QuyetDinh.nguoi_ky,
    KhenThuong.so_sach,
    KhenThuong.nam_so,
    KhenThuong.so_vao_so,
    KhenThuong.don_vi,
)


def _award_row(row: Any) -> AwardRow:
    return AwardRow(*row)


def awards_of(conn: Connection, who: int) -> list[AwardRow]:
    rows = conn.execute(
        select(*_AWARD_COLUMNS)
        .join(QuyetDinh, QuyetDinh.id == KhenThuong.quyet_dinh_id)
        .where(KhenThuong.doi_tuong_id == who)
        .order_by(KhenThuong.nam, QuyetDinh.ngay, KhenThuong.id)
    )
    return [_award_row(row) for row in rows]


def history_in(conn: Connection, subject: DoiTuong) -> History:
    return histories_in(conn, [subject])[0]


def histories_in(conn: Connection, subjects: Sequence[DoiTuong]) -> list[History]:
    """The histories of many subjects in one query per kind of fact (for a whole unit or year)."""
    ids = [s.id for s in subjects]
    awards: dict[int, list[AwardRow]] = {i: [] for i in ids}
    for row in conn.execute(
        select(KhenThuong.doi_tuong_id, *_AWARD_COLUMNS)
        .join(QuyetDinh, QuyetDinh.id == KhenThuong.quyet_dinh_id)
        .where(KhenThuong.doi_tuong_id.in_(ids))
        .order_by(KhenThuong.doi_tuong_id, KhenThuong.nam, QuyetDinh.ngay, KhenThuong.id)
    ):
        awards[row[0]].append(_award_row(row[1:]))
    ratings: dict[int, dict[int, str]] = {i: {} for i in ids}
    for who, nam, muc in conn.execute(
        select(XepLoai.doi_tuong_id, XepLoai.nam, XepLoai.muc).where(XepLoai.doi_tuong_id.in_(ids))
    ):
        ratings[who][int(nam)] = muc
    initiatives: dict[int, list[Initiative]] = {i: [] for i in ids}
    for who, ten, nam, cap, ht, ht_nam in conn.execute(
        select(
            SangKien.doi_tuong_id,
            SangKien.ten,
            SangKien.nam,
            SangKien.cap,
            KhenThuong.hinh_thuc,
            KhenThuong.nam,
        )
        .outerjoin(KhenThuong, KhenThuong.id == SangKien.khen_thuong_id)
        .where(SangKien.doi_tuong_id.in_(ids))
        .order_by(SangKien.doi_tuong_id, SangKien.nam, SangKien.id)
    ):
        initiatives[who].append(
            Initiative(ten, nam, cap, f"{ht} năm {ht_nam}" if ht is not None else None)
        )
    discipline: dict[int, list[Discipline]] = {i: [] for i in ids}
    for who, hinh_thuc, tu, den in conn.execute(
        select(KyLuat.doi_tuong_id, KyLuat.hinh_thuc, KyLuat.tu_ngay, KyLuat.den_ngay)
        .where(KyLuat.doi_tuong_id.in_(ids))
        .order_by(KyLuat.doi_tuong_id, KyLuat.tu_ngay)
    ):
        discipline[who].append(Discipline(hinh_thuc, tu, den))
    units: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
    for who, y, u in conn.execute(
        select(DonViLichSu.doi_tuong_id, DonViLichSu.tu_nam, DonViLichSu.don_vi)
        .where(DonViLichSu.doi_tuong_id.in_(ids))
        .order_by(DonViLichSu.doi_tuong_id, DonViLichSu.tu_nam, DonViLichSu.id)
    ):
        units[who].append((int(y), u))
    return [
        History(
            _subject_row(s),
            awards[s.id],
            ratings[s.id],
            initiatives[s.id],
            discipline[s.id],
            units[s.id],
        )
        for s in subjects
    ]


def history(register: Register, ma: str) -> History:
    with register.read() as conn:
        subject = _one(conn, ma)
        if subject is None:
            raise InputError(f"Sổ khen thưởng {register.where} không có ai mã {ma}")
        return history_in(conn, subject)


def history_of(register: Register, subject: Subject) -> History | None:
    """The history of a subject as a dossier names it (by code, else by name and unit)."""
    with register.read() as conn:
        row = _one(conn, subject.code)
        return None if row is None else history_in(conn, row)


def search(register: Register, query: str, *, limit: int = 50) -> list[SubjectRow]:
    """Subjects with a word of their name beginning with each word of the query (or whose code is
    the query), ignoring diacritics and case: "nguyen van an" finds "Nguyễn Văn An" and "Nguyễn
    Văn Anh", "tran h" every Trần H…."""
    words = khong_dau(query).split()
    if not words:
        raise InputError("Cần một tên (hoặc một phần tên) để tìm trong sổ khen thưởng")
    with register.read() as conn:
        # The subjects having, for each word of the query, a word of the name beginning with it
        # (ranges of the index tu_ten, intersected), or the code itself: found first, as ids, so
        # the planner never walks every name in order to filter it.
        each = [
            select(TuTen.doi_tuong_id).where(TuTen.tu >= low, TuTen.tu < high)
            for low, high in (word_range(w, WORD_LENGTH) for w in words)
        ]
        if len(each) == 1:
            named = each[0]
        else:  # a compound inside a compound: SQLite wants it as a subquery
            both = intersect(*each).subquery()
            named = select(both.c.doi_tuong_id)
        found = union(named, select(DoiTuong.id).where(DoiTuong.ma == query.strip()))
        rows = conn.execute(
            select(DoiTuong.__table__)
            .where(DoiTuong.id.in_(found))
            .order_by(DoiTuong.ten_khong_dau, DoiTuong.don_vi, DoiTuong.ma)
            .limit(limit)
        )
        return [SubjectRow(r.ma, r.tap_the, r.ten, r.don_vi, r.chuc_vu) for r in rows]


def subjects_named(conn: Connection, ma: Iterable[str]) -> dict[str, DoiTuong]:
    codes = list(ma)
    found: dict[str, DoiTuong] = {}
    for start in range(0, len(codes), 500):
        for row in conn.execute(
            select(DoiTuong.__table__).where(DoiTuong.ma.in_(codes[start : start + 500]))
        ):
            found[row.ma] = DoiTuong(**row._asdict())
    return found


@dataclass(frozen=True)
class CountRow:
    nam: int
    don_vi: str
    hinh_thuc: str
    so_luong: int
    tong_tien: int


def counts(register: Register) -> list[CountRow]:
    """Counts by year, unit and form, with the money, for the statistics workbook."""
    with register.read() as conn:
        rows = conn.execute(
            select(
                KhenThuong.nam,
                KhenThuong.don_vi,
                KhenThuong.hinh_thuc,
                func.count(),
                func.coalesce(func.sum(KhenThuong.tien), 0),
            )
            .group_by(KhenThuong.nam, KhenThuong.don_vi, KhenThuong.hinh_thuc)
            .order_by(KhenThuong.nam, KhenThuong.don_vi, KhenThuong.hinh_thuc)
        )
        return [CountRow(int(a), b, c, int(d), int(e)) for a, b, c, d, e in rows]


def all_awards(
    register: Register, *, nam: int | None = None
) -> Iterator[tuple[SubjectRow, AwardRow]]:
    """Every award with its subject, in book order, for the export."""
    with register.read() as conn:
        query = (
            select(
                DoiTuong.ma,
                DoiTuong.tap_the,
                DoiTuong.ten,
                DoiTuong.don_vi,
                DoiTuong.chuc_vu,
                *_AWARD_COLUMNS,
            )
            .join(DoiTuong, DoiTuong.id == KhenThuong.doi_tuong_id)
            .join(QuyetDinh, QuyetDinh.id == KhenThuong.quyet_dinh_id)
            .order_by(KhenThuong.nam_so, KhenThuong.so_sach, KhenThuong.so_vao_so)
        )
        if nam is not None:
            query = query.where(KhenThuong.nam == nam)
        for row in conn.execute(query):
            yield SubjectRow(*row[:5]), _award_row(row[5:])


def candidates(register: Register, year: int, span: int) -> list[History]:
    """Everyone with an award, a rating or an initiative in the ``span`` years up to ``year``:
    those an eligibility question for that year can concern."""
    low = year - max(span, 1) + 1
    with register.read() as conn:
        ids = set(
            conn.execute(
                select(KhenThuong.doi_tuong_id).where(KhenThuong.nam.between(low, year)).distinct()
            ).scalars()
        )
        ids |= set(
            conn.execute(
                select(XepLoai.doi_tuong_id).where(XepLoai.nam.between(low, year))
            ).scalars()
        )
        ids |= set(
            conn.execute(
                select(SangKien.doi_tuong_id).where(SangKien.nam.between(low, year))
            ).scalars()
        )
        out: list[History] = []
        ordered = sorted(ids)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            subjects = [
                DoiTuong(**row._asdict())
                for row in conn.execute(select(DoiTuong.__table__).where(DoiTuong.id.in_(chunk)))
            ]
            out += histories_in(conn, subjects)
        return sorted(out, key=lambda h: (khong_dau(h.subject.ten), h.subject.don_vi, h.subject.ma))
