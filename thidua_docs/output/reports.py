"""What `thidua evaluate` writes: the explained selection (danh-gia.xlsx) and the award list.

Each write is recorded (:mod:`thidua_docs.output.record`), so a later `thidua build` replaces only
the toolkit's own unedited files."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from thidua_docs.evaluation.rules import Evaluation
from thidua_docs.evaluation.selection import table_cells
from thidua_docs.files import atomic_target, check_writable, write_atomic
from thidua_docs.output.record import file_sha256, remember


def write_award_list(
    path: Path, items: list[dict[str, Any]], source: str, *, force: bool = False
) -> Path:
    """The award list as YAML, ready to be named by khen-thuong.yaml (``de_nghi: <this file>``)."""
    check_writable(path, force=force)
    head = (
        f"# Danh sách đề nghị khen thưởng do `thidua evaluate` lập từ {source}.\n"
        "# Dùng trong khen-thuong.yaml:  de_nghi: " + path.name + "\n"
    )
    body = yaml.safe_dump({"de_nghi": items}, allow_unicode=True, sort_keys=False, width=100)
    data = (head + body).encode("utf-8")
    remember(path, hashlib.sha256(data).hexdigest())
    write_atomic(path, data, force=True)
    return path


def write_report_xlsx(path: Path, evaluation: Evaluation, *, force: bool = False) -> Path:
    """The same explained selection as a workbook: one sheet per field, one for individuals."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    check_writable(path, force=force)
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for index, field in enumerate(evaluation.fields, start=1):
        sheet = book.create_sheet(f"{index}. {field.field.ten}"[:31])
        headers, rows = table_cells(field)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, Decimal):  # stored as a number; shown 1.234,56 in Excel
                    cell.number_format = "#,##0.##" if cell.value % 1 else "#,##0"
        for c in range(1, len(headers) + 1):
            sheet.cell(1, c).font = Font(bold=True)
            sheet.column_dimensions[get_column_letter(c)].width = (
                50 if c in (2, len(headers)) else 16
            )
        sheet.freeze_panes = "C2"
    people = book.create_sheet("Cá nhân")
    people.append(["Họ và tên", "Chức vụ", "Đơn vị", "Chọn", "Lý do"])
    for result in evaluation.people:
        p = result.person
        people.append(
            [p.ho_ten, p.chuc_vu, p.don_vi, "X" if result.selected else "", result.reason]
        )
    for c in range(1, 6):
        people.cell(1, c).font = Font(bold=True)
        people.column_dimensions[get_column_letter(c)].width = 40
    if evaluation.council:  # only when there is something for the council to decide
        council = book.create_sheet("Hội đồng quyết định")
        council.append(["Cần Hội đồng Thi đua - Khen thưởng quyết định"])
        council.cell(1, 1).font = Font(bold=True)
        council.column_dimensions["A"].width = 120
        for note in evaluation.council:
            council.append([note])
    with atomic_target(path) as temp:
        book.save(temp)
        remember(path, file_sha256(temp) or "")
    return path
