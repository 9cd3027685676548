"""Clerk's Excel books for the register tests, written with openpyxl as a clerk's Excel saves them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

AWARD_HEADERS = [
    "Mã định danh",
    "Loại",
    "Họ tên",  # an alias of "Tên": the header as clerks write it
    "Chức vụ",
    "Đơn vị",
    "Năm",
    "Hình thức",
    "Loại khen",
    "Thành tích",
    "Số tiền",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan quyết định",
    "Người ký",
    "Sổ",
    "Số vào sổ",
]

CSTD = "Chiến sĩ thi đua cơ sở"
BANG_KHEN = "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam"
CO_QUAN = "Tổng Giám đốc Bảo hiểm xã hội Việt Nam"


def award_row(
    ma: str | None,
    ten: str,
    don_vi: str,
    nam: Any,
    hinh_thuc: str,
    so_qd: str,
    ngay: dt.date,
    *,
    loai: str = "Cá nhân",
    thanh_tich: str | None = None,
    tien: Any = None,
    so_vao_so: Any = None,
) -> list[Any]:
    return [
        ma,
        loai,
        ten,
        None,
        don_vi,
        nam,
        hinh_thuc,
        None,
        thanh_tich,
        tien,
        so_qd,
        ngay,
        CO_QUAN,
        None,
        None,
        so_vao_so,
    ]


def write_book(
    path: Path,
    awards: Iterable[Sequence[Any]],
    *,
    ratings: Iterable[Sequence[Any]] = (),
    initiatives: Iterable[Sequence[Any]] = (),
    discipline: Iterable[Sequence[Any]] = (),
    headers: Sequence[str] = AWARD_HEADERS,
) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Khen thưởng")
    sheet.append(list(headers))
    for row in awards:
        sheet.append(list(row))
    for title, head, rows in (
        ("Xếp loại", ["Mã định danh", "Loại", "Tên", "Đơn vị", "Năm", "Xếp loại"], ratings),
        (
            "Sáng kiến",
            [
                "Mã định danh",
                "Loại",
                "Tên",
                "Đơn vị",
                "Năm",
                "Sáng kiến",
                "Cấp công nhận",
                "Dùng cho quyết định",
            ],
            initiatives,
        ),
        (
            "Kỷ luật",
            ["Mã định danh", "Loại", "Tên", "Đơn vị", "Hình thức kỷ luật", "Từ ngày", "Đến ngày"],
            discipline,
        ),
    ):
        rows = list(rows)
        if rows:
            s = book.create_sheet(title)
            s.append(head)
            for row in rows:
                s.append(list(row))
    book.save(path)
    return path
