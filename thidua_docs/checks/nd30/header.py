"""Rule family of the header block: Quốc hiệu, Tiêu ngữ and the issuing agency."""

from __future__ import annotations

import re

from thidua_docs.checks.nd30.common import check_format, check_line_under
from thidua_docs.checks.nd30.layout import Layout, Span
from thidua_docs.checks.nd30.violation import Entry
from thidua_docs.checks.nd30.words import PLACE_DATE, QUOC_HIEU, SO, TIEU_NGU, TIEU_NGU_PATTERN, VV


def _required(layout: Layout) -> bool:
    """Every kind but a danh sách has the full header; an unknown kind is not asked for one."""
    return layout.kind not in ("danh_sach", None)


def header_block(layout: Layout) -> list[Entry]:
    """Quốc hiệu in capitals, bold, 12–13; Tiêu ngữ bold 13–14 with a line under it as long as
    it; the agency in capitals, its issuer bold with a short line under it."""
    out: list[Entry] = []
    required = _required(layout)
    qh = layout.find(QUOC_HIEU, layout.top, fold=True)
    if qh is not None:
        out += check_format(layout, qh, "Quốc hiệu", (12, 13), True, False, upper=True)
    elif required:
        out.append(
            layout.violation(
                "văn bản",
                "Quốc hiệu",
                "không có Quốc hiệu",
                "“CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”, in hoa, đậm, 12–13",
            )
        )
    motto = layout.find(TIEU_NGU_PATTERN, layout.top, fold=True)
    if motto is not None:
        shown = layout.shown(motto)
        if shown != TIEU_NGU:
            out.append(
                layout.violation(
                    motto.para,
                    "Tiêu ngữ",
                    f'viết "{shown}"',
                    f'"{TIEU_NGU}" (gạch nối có cách hai bên)',
                )
            )
        out += check_format(layout, motto, "Tiêu ngữ", (13, 14), True, False)
        out += check_line_under(
            layout,
            motto,
            "Đường kẻ dưới Tiêu ngữ",
            (0.6, 1.25),
            "đường kẻ liền, dài bằng dòng Tiêu ngữ",
            underline_counts=True,
        )
    elif required:
        out.append(
            layout.violation(
                "văn bản", "Tiêu ngữ", "không có Tiêu ngữ", f"“{TIEU_NGU}”, đậm, 13–14"
            )
        )
    out += _agency(layout, qh, required)
    return out


def _agency(layout: Layout, qh: Span | None, required: bool) -> list[Entry]:
    out: list[Entry] = []
    lines = _agency_lines(layout, qh)
    if not lines:
        if required:
            out.append(
                layout.violation(
                    "văn bản",
                    "Cơ quan ban hành",
                    "không có tên cơ quan ban hành",
                    "tên cơ quan in hoa, đậm, 12–13, góc trên bên trái",
                )
            )
        return out
    # The issuer is the bold line(s) at the bottom; a regular line above is the parent.
    first_issuer = len(lines) - 1
    while first_issuer > 0 and layout.all_bold(lines[first_issuer - 1]):
        first_issuer -= 1
    for span in lines[:first_issuer]:
        out += check_format(layout, span, "Cơ quan chủ quản", (12, 13), False, False, upper=True)
    issuer = lines[first_issuer:]
    for span in issuer:
        out += check_format(layout, span, "Cơ quan ban hành", (12, 13), True, False, upper=True)
    if len(layout.segments(issuer[-1].para)) == 1:  # with tabs, a border spans both columns
        out += check_line_under(
            layout,
            issuer[-1],
            "Đường kẻ dưới tên cơ quan",
            (0.25, 0.75),
            "đường kẻ liền, dài 1/3–1/2 tên cơ quan",
            chars=max(len(span.text) for span in issuer),
        )
    return out


def _agency_lines(layout: Layout, qh: Span | None) -> list[Span]:
    """The parent and issuer lines: left of the Quốc hiệu (same table row), above "Số:"."""
    stop = re.compile(rf"{SO.pattern}|{VV.pattern}|{PLACE_DATE.pattern}")
    if qh is None:
        return []
    if qh.para.cell is not None:
        cell = qh.para.cell
        candidates = [
            p
            for p in layout.top
            if p.cell is not None
            and p.cell.table is cell.table
            and p.cell.row == cell.row
            and p.cell.col < cell.col
        ]
    else:
        candidates = [p for p in layout.top if p.index <= qh.para.index]
    lines: list[Span] = []
    for para in candidates:
        for span in layout.segments(para):
            if span.para is qh.para and span.start >= qh.start:
                break
            if stop.search(span.text):
                return lines
            lines.append(span)
    if qh.para.cell is None:
        # Typed with tabs: the issuer also stands left of the Tiêu ngữ on the next line(s).
        for para in [p for p in layout.top if p.index > qh.para.index]:
            spans = layout.segments(para)
            if len(spans) < 2 or stop.search(spans[0].text):
                break
            lines.append(spans[0])
    return lines
