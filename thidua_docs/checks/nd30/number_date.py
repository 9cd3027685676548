"""Rule families of the number line ("Số: 05/KH-BHXH") and the place and date line."""

from __future__ import annotations

import re

from thidua_docs.checks.nd30.common import check_format
from thidua_docs.checks.nd30.layout import Layout
from thidua_docs.checks.nd30.violation import Entry
from thidua_docs.checks.nd30.words import DATE, KIND_CODES, KINDS, PLACE_DATE, SO, TYPE_CODES

_RULE = "Số, ký hiệu"


def number_line(layout: Layout) -> list[Entry]:
    """ "Số: 05/KH-BHXH": 13 regular; zero-padded number or blank; code joined by "-"."""
    out: list[Entry] = []
    span = layout.find(SO, layout.top)
    if span is None:
        if layout.kind not in ("danh_sach", None):
            out.append(
                layout.violation(
                    "văn bản", _RULE, "không có dòng “Số: …/…”", "“Số: 05/KH-BHXH”, cỡ chữ 13"
                )
            )
        return out
    para, text = span.para, span.text
    out += check_format(layout, span, _RULE, (13,), False, False)
    word = text.split(":")[0].strip()
    if word != "Số":
        out.append(layout.violation(para, _RULE, f'viết "{word}:"', '"Số:" (chữ "Số" viết thường)'))
    match = re.match(r"^[^:]*:(?P<num>[^/]*)/(?P<code>.*)$", text)
    if match is None:
        out.append(layout.violation(para, _RULE, f'"{text}" không có dấu "/"', "“Số: 05/KH-BHXH”"))
        return out
    number, code = match.group("num").strip(), match.group("code")
    if number and not re.fullmatch(r"\d+|[.…]+", number):
        out.append(
            layout.violation(
                para, _RULE, f'số "{number}"', "số bằng chữ số Ả Rập, để trống khi là dự thảo"
            )
        )
    elif number.isdigit() and int(number) < 10 and len(number) < 2:
        out.append(
            layout.violation(
                para, _RULE, f"số {number}", f"số 0{number} (số dưới 10 có số 0 đứng trước)"
            )
        )
    if re.search(r"\s", code):
        found = f'ký hiệu "{code.strip()}" có dấu cách'
        expected = 'các phần ký hiệu nối bằng "-", không có dấu cách'
        out.append(layout.violation(para, _RULE, found, expected))
    parts = [part.strip() for part in code.split("-")]
    if not all(parts):
        found = f'ký hiệu "{code.strip()}" có phần trống'
        out.append(layout.violation(para, _RULE, found, 'các phần ký hiệu nối bằng một dấu "-"'))
        return out
    if any(part != part.upper() and part not in TYPE_CODES for part in parts):
        found = f'ký hiệu "{code.strip()}" có chữ thường'
        out.append(
            layout.violation(para, _RULE, found, "ký hiệu in hoa (trừ mã loại TTr, CTr, QyĐ)")
        )
    kind = layout.kind
    if kind == "cong_van" and parts[0] in TYPE_CODES:
        found = f'ký hiệu công văn "{code.strip()}" có mã loại {parts[0]}'
        expected = 'ký hiệu công văn không có mã loại (ví dụ "4111/BHXH-TĐKT")'
        out.append(layout.violation(para, _RULE, found, expected))
    elif kind in KIND_CODES and parts[0] != KIND_CODES[kind]:
        found = f'ký hiệu "{code.strip()}" ở {KINDS[kind]}'
        expected = f'ký hiệu {KINDS[kind]} bắt đầu bằng "{KIND_CODES[kind]}-"'
        out.append(layout.violation(para, _RULE, found, expected))
    return out


def date_line(layout: Layout) -> list[Entry]:
    """ "Hà Nội, ngày 05 tháng 01 năm 2025": italic 13–14, place capitalised, day and month
    zero-padded as ND30 says; a biên bản has none in its header."""
    out: list[Entry] = []
    span = layout.find(PLACE_DATE, layout.top)
    kind = layout.kind
    if kind == "bien_ban":
        if span is not None:
            out.append(
                layout.violation(
                    span.para,
                    "Địa danh, ngày tháng",
                    "biên bản có dòng địa danh, ngày tháng ở phần đầu",
                    "biên bản không có dòng địa danh, ngày tháng dưới Quốc hiệu",
                )
            )
        return out
    if span is None:
        if kind not in ("danh_sach", None):
            out.append(
                layout.violation(
                    "văn bản",
                    "Địa danh, ngày tháng",
                    "không có dòng địa danh, ngày tháng",
                    "“Hà Nội, ngày 05 tháng 01 năm 2025”, nghiêng, 13–14",
                )
            )
        return out
    para, text = span.para, span.text
    out += check_format(layout, span, "Địa danh, ngày tháng", (13, 14), False, True)
    if not text[:1].isupper() and not re.match(r"^[.…\s]*,", text):  # "……," is a blank
        out.append(
            layout.violation(
                para,
                "Địa danh, ngày tháng",
                f'địa danh "{text.split(",")[0]}" không viết hoa',
                "địa danh viết hoa chữ cái đầu",
            )
        )
    date = DATE.search(text)
    if date is None:
        out.append(
            layout.violation(para, "Ngày tháng", f'viết "{text}"', "“…, ngày DD tháng M năm YYYY”")
        )
        return out
    day, month = date.group("d"), date.group("m")
    if day.isdigit():
        value = int(day)
        if not 1 <= value <= 31:
            out.append(layout.violation(para, "Ngày tháng", f"ngày {day}", "ngày từ 01 đến 31"))
        elif day != f"{value:02d}":
            rule = " (ngày dưới 10 có số 0 đứng trước)" if value < 10 else ""
            out.append(
                layout.violation(para, "Ngày tháng", f"ngày {day}", f"ngày {value:02d}{rule}")
            )
    if month.isdigit():
        value = int(month)
        if not 1 <= value <= 12:
            out.append(layout.violation(para, "Ngày tháng", f"tháng {month}", "tháng từ 01 đến 12"))
        elif value <= 2 and month != f"{value:02d}":
            expected = f"tháng {value:02d} (tháng 1, 2 có số 0 đứng trước)"
            out.append(layout.violation(para, "Ngày tháng", f"tháng {month}", expected))
        elif value >= 3 and month != str(value):
            expected = f"tháng {value} (tháng 3 đến 12 không có số 0 đứng trước)"
            out.append(layout.violation(para, "Ngày tháng", f"tháng {month}", expected))
    return out
