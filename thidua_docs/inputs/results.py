"""Reading the clerk's results workbook (.xlsx) or CSV files, and writing an empty one to fill.

One sheet per competitor group (named as the group, e.g. "BHXH tỉnh"), one row per competitor,
Vietnamese headers: "Tên đơn vị" then one column per metric, "Tên chỉ số (đơn vị)". A sheet
"Cá nhân" lists the individuals each unit proposes. Values are read as Vietnamese clerks type
them (the one rule of ``thidua_docs.numbers``): "96,6" or 96.6, "1.234" (thousands), "2,59%", and a
cell formatted as a percentage.
Every problem in the file is reported at once, with its sheet, row and column.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from thidua_docs.diagnostics import Problem
from thidua_docs.errors import InputError, SpecError
from thidua_docs.evaluation.rules import Competitor, Person, key
from thidua_docs.files import atomic_target, check_writable, read_input
from thidua_docs.inputs.award_workbook import cell_control_character, open_workbook
from thidua_docs.numbers import NotANumber, cell_number
from thidua_docs.schema import DanhGia, NhomDanhGia

NAME_HEADERS = ("tên đơn vị", "tên tập thể", "đơn vị", "tên")
PEOPLE_SHEET = "Cá nhân"
PEOPLE_HEADERS = {
    "ho_ten": "Họ và tên",
    "chuc_vu": "Chức vụ",
    "don_vi": "Đơn vị",
    "uu_tien": "Thứ tự ưu tiên",
}
#: What a clerk may type after a figure of the results sheet.
_UNITS = ("đồng", "đ", "người", "%")


def parse_number(value: Any, percent_format: bool = False) -> Decimal:
    """A number as Vietnamese clerks type it (the rule of ``thidua_docs.numbers``).

    Raises ``NotANumber`` (a ValueError) when it is not one. Text is read as typed, so "2,59%"
    is 2,59; a numeric cell formatted as a percentage holds a fraction and is read ×100.
    """
    number = cell_number(value, _UNITS)
    return number * 100 if percent_format and not isinstance(value, str) else number


def _header_key(text: Any) -> str:
    """A header compared without its unit in parentheses, case, spacing or Unicode form."""
    plain = unicodedata.normalize("NFC", str(text or "")).strip()
    plain = re.sub(r"\s*\([^)]*\)\s*$", "", plain)
    return " ".join(plain.casefold().split())


def header(name: str, unit: str | None) -> str:
    return f"{name} ({unit})" if unit else name


def _cell(column: int, row: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


class _Sheet:
    """A sheet as rows of values, with what openpyxl knows about formats, merges and formulas."""

    def __init__(
        self,
        name: str,
        rows: list[list[Any]],
        percent: set[tuple[int, int]],
        merged_header: list[str],
        uncached: set[tuple[int, int]] | None = None,
        errors: set[tuple[int, int]] | None = None,
    ) -> None:
        self.name = name
        self.rows = rows
        self.percent = percent
        self.merged_header = merged_header
        #: Formula cells Excel never computed (a file written by a program and not saved by Excel).
        self.uncached = uncached or set()
        #: Formula cells whose result is an error (#REF!, #DIV/0!…).
        self.errors = errors or set()

    def unreadable(self, row: int, col: int) -> bool:
        """The cell (1-based) holds no number to read: reported once for the sheet, not again."""
        return (row, col) in self.uncached or (row, col) in self.errors


def _open_workbook(path: Path) -> dict[str, _Sheet]:
    workbook, formulas = open_workbook(path)  # the checks of the award-list reader, worded once
    sheets = {}
    for sheet, formula_sheet in zip(workbook.worksheets, formulas.worksheets, strict=True):
        rows: list[list[Any]] = []
        percent: set[tuple[int, int]] = set()
        uncached: set[tuple[int, int]] = set()
        errors: set[tuple[int, int]] = set()
        for r, row in enumerate(sheet.iter_rows(), start=1):
            values = []
            for c, cell in enumerate(row, start=1):
                values.append(cell.value)
                if cell.data_type == "e":
                    errors.add((r, c))
                elif cell.value is None and formula_sheet.cell(r, c).data_type == "f":
                    uncached.add((r, c))
                if (
                    cell.number_format
                    and "%" in str(cell.number_format)
                    and isinstance(cell.value, int | float)
                ):
                    percent.add((r, c))
            rows.append(values)
        merged = [str(rng) for rng in sheet.merged_cells.ranges if rng.min_row == 1]
        sheets[unicodedata.normalize("NFC", sheet.title).strip()] = _Sheet(
            sheet.title, rows, percent, merged, uncached, errors
        )
    return sheets


def _not_a_name(value: Any) -> str | None:
    """Why a cell cannot be read as a name (a date, a yes/no, a control character), or None."""
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return (
            "cần văn bản, nhưng Excel đã hiểu ô này là ngày tháng; hãy định dạng ô là Text "
            "(Văn bản) rồi ghi lại"
        )
    if isinstance(value, bool):
        return "cần văn bản, không phải TRUE/FALSE"
    if isinstance(value, str):
        return cell_control_character(value)
    return None


def _cells(cells: set[tuple[int, int]], limit: int = 12) -> str:
    """Cells as a clerk finds them: "ô C5, D5, C6", the first ``limit`` in reading order."""
    ordered = [_cell(c, r) for r, c in sorted(cells)]
    more = f" và {len(ordered) - limit} ô khác" if len(ordered) > limit else ""
    return ", ".join(ordered[:limit]) + more


def _formula_problems(path: Path, sheet: _Sheet) -> list[Problem]:
    """Numbers are never guessed: formulas without a value, or with an error, are named."""
    problems = []
    if sheet.uncached:
        plural = "đều là công thức" if len(sheet.uncached) > 1 else "là công thức"
        problems.append(
            _sheet_problem(
                path,
                sheet.name,
                "",
                f"ô {_cells(sheet.uncached)} {plural} chưa có giá trị; "
                "mở tệp trong Excel và lưu lại",
            )
        )
    for r, c in sorted(sheet.errors):
        problems.append(
            _sheet_problem(
                path,
                sheet.name,
                f"ô {_cell(c, r)}",
                "công thức trong ô cho kết quả lỗi; hãy sửa công thức hoặc ghi thẳng giá trị",
                sheet.rows[r - 1][c - 1],
            )
        )
    return problems


def _open_csv(path: Path, name: str) -> _Sheet:
    try:
        text = read_input(path, noun="tệp kết quả").decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: tệp CSV không ở bảng mã UTF-8; hãy lưu lại dạng 'CSV UTF-8'"
        ) from err
    dialect: type[csv.Dialect] = csv.excel
    with contextlib.suppress(csv.Error):  # a one-column file has no delimiter to sniff
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    rows = [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    return _Sheet(name, [[v if v != "" else None for v in row] for row in rows], set(), [])


def _sheet_problem(path: Path, sheet: str, where: str, message: str, found: Any = None) -> Problem:
    place = f"trang '{sheet}'" + (f", {where}" if where else "")
    return Problem(path, None, place, message, None if found is None else repr(found))


def _read_group(
    path: Path, sheet: _Sheet, group: NhomDanhGia, problems: list[Problem]
) -> list[Competitor]:
    problems += _formula_problems(path, sheet)
    if any(r == 1 for r, _ in sheet.uncached | sheet.errors):
        return []  # the columns themselves are unknown: nothing more to say about the rows
    if sheet.merged_header:
        problems.append(
            _sheet_problem(
                path,
                sheet.name,
                f"ô {', '.join(sheet.merged_header)}",
                "dòng tiêu đề có ô gộp; mỗi cột cần một tiêu đề riêng",
            )
        )
    if not sheet.rows or not any(v is not None for v in sheet.rows[0]):
        problems.append(
            _sheet_problem(
                path,
                sheet.name,
                "",
                "trang trống: cần dòng tiêu đề ở dòng 1 và mỗi đơn vị một dòng",
            )
        )
        return []
    headers = [_header_key(v) for v in sheet.rows[0]]
    name_col = next((i for i, h in enumerate(headers) if h in NAME_HEADERS), None)
    if name_col is None:
        problems.append(_sheet_problem(path, sheet.name, "dòng 1", "thiếu cột 'Tên đơn vị'"))
    columns: dict[str, int] = {}
    for metric in group.chi_so:
        wanted = _header_key(metric.ten)
        if wanted in headers:
            columns[metric.ma] = headers.index(wanted)
        else:
            found = ", ".join(repr(v) for v in sheet.rows[0] if v is not None)
            problems.append(
                _sheet_problem(
                    path,
                    sheet.name,
                    "dòng 1",
                    f"thiếu cột '{header(metric.ten, metric.don_vi)}' (các cột có: {found})",
                )
            )
    if name_col is None or len(columns) < len(group.chi_so):
        return []
    competitors: list[Competitor] = []
    seen: dict[str, int] = {}
    for r, row in enumerate(sheet.rows[1:], start=2):
        if not any(v not in (None, "") for v in row):
            continue
        if sheet.unreadable(r, name_col + 1):
            continue
        raw_name = row[name_col] if name_col < len(row) else None
        if (why := _not_a_name(raw_name)) is not None:
            problems.append(
                _sheet_problem(path, sheet.name, f"ô {_cell(name_col + 1, r)}", why, raw_name)
            )
            continue
        name = unicodedata.normalize("NFC", str(raw_name)).strip() if raw_name is not None else ""
        if not name:
            problems.append(
                _sheet_problem(path, sheet.name, f"ô {_cell(name_col + 1, r)}", "thiếu tên đơn vị")
            )
            continue
        if key(name) in seen:
            problems.append(
                _sheet_problem(
                    path,
                    sheet.name,
                    f"ô {_cell(name_col + 1, r)}",
                    f"đơn vị trùng với dòng {seen[key(name)]}",
                    name,
                )
            )
            continue
        seen[key(name)] = r
        values: dict[str, Decimal | None] = {}
        for metric in group.chi_so:
            c = columns[metric.ma]
            raw = row[c] if c < len(row) else None
            if sheet.unreadable(r, c + 1):
                continue  # already named with the sheet's formulas; the row is not used
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                values[metric.ma] = None
                continue
            try:
                number = parse_number(raw, (r, c + 1) in sheet.percent)
            except NotANumber as err:
                why = f"; {err.reason}" if err.reason else ""
                problems.append(
                    _sheet_problem(
                        path,
                        sheet.name,
                        f"ô {_cell(c + 1, r)}",
                        f"cần một số cho '{metric.ten}' (ví dụ 96,6 hoặc 1.234){why}",
                        raw,
                    )
                )
                continue
            if number < 0 and metric.don_vi in ("người", "đơn vị"):
                problems.append(
                    _sheet_problem(
                        path,
                        sheet.name,
                        f"ô {_cell(c + 1, r)}",
                        f"'{metric.ten}' không được âm",
                        raw,
                    )
                )
                continue
            values[metric.ma] = number
        competitors.append(Competitor(name, values, r))
    if not competitors and not any(p.path.startswith(f"trang '{sheet.name}'") for p in problems):
        problems.append(_sheet_problem(path, sheet.name, "", "trang không có dòng kết quả nào"))
    return competitors


def _read_people(
    path: Path, sheet: _Sheet, units: set[str] | None, problems: list[Problem]
) -> list[Person]:
    problems += _formula_problems(path, sheet)
    if not sheet.rows or any(r == 1 for r, _ in sheet.uncached | sheet.errors):
        return []
    headers = [_header_key(v) for v in sheet.rows[0]]
    cols = {
        k: headers.index(_header_key(h)) if _header_key(h) in headers else None
        for k, h in PEOPLE_HEADERS.items()
    }
    for k in ("ho_ten", "don_vi"):
        if cols[k] is None:
            problems.append(
                _sheet_problem(path, sheet.name, "dòng 1", f"thiếu cột '{PEOPLE_HEADERS[k]}'")
            )
    if cols["ho_ten"] is None or cols["don_vi"] is None:
        return []
    people = []
    for r, row in enumerate(sheet.rows[1:], start=2):
        if not any(v not in (None, "") for v in row):
            continue
        if any(c is not None and sheet.unreadable(r, c + 1) for c in cols.values()):
            continue  # already named with the sheet's formulas
        bad = [
            (c, why)
            for c in cols.values()
            if c is not None and (why := _not_a_name(row[c] if c < len(row) else None))
        ]
        for c, why in bad:
            problems.append(_sheet_problem(path, sheet.name, f"ô {_cell(c + 1, r)}", why, row[c]))
        if bad:
            continue

        def text(k: str, row: list[Any] = row) -> str:
            c = cols[k]
            value = row[c] if c is not None and c < len(row) else None
            return unicodedata.normalize("NFC", str(value)).strip() if value is not None else ""

        name, unit = text("ho_ten"), text("don_vi")
        if not name:
            problems.append(
                _sheet_problem(
                    path, sheet.name, f"ô {_cell(int(cols['ho_ten']) + 1, r)}", "thiếu họ và tên"
                )
            )
            continue
        if units is not None and key(unit) not in units:
            problems.append(
                _sheet_problem(
                    path,
                    sheet.name,
                    f"ô {_cell(int(cols['don_vi']) + 1, r)}",
                    "đơn vị không có trong kết quả thi đua",
                    unit,
                )
            )
            continue
        order = None
        if text("uu_tien"):
            try:
                order = int(parse_number(text("uu_tien")))
            except ValueError:
                problems.append(
                    _sheet_problem(
                        path,
                        sheet.name,
                        f"ô {_cell(int(cols['uu_tien'] or 0) + 1, r)}",
                        "thứ tự ưu tiên cần một số nguyên",
                        text("uu_tien"),
                    )
                )
        people.append(Person(name, text("chuc_vu"), unit, order, r))
    return people


def read_results(
    folder: Path, danh_gia: DanhGia, new_command: str | None = None
) -> tuple[dict[str, list[Competitor]], list[Person]]:
    """The results of every group and the proposed individuals; every problem at once (SpecError).
    ``new_command`` is the command that writes the empty workbook (default: thidua new FOLDER)."""
    path = folder / danh_gia.ket_qua
    if not path.is_file():
        raise InputError(
            f"Không tìm thấy tệp kết quả {path} (tạo tệp trống bằng: "
            f"{new_command or f'thidua new {folder}'})"
        )
    if path.suffix.lower() == ".csv":
        if len(danh_gia.nhom) != 1:
            raise InputError(
                f"{path}: một tệp CSV chỉ chứa kết quả của một nhóm; hãy dùng tệp .xlsx"
            )
        sheets = {danh_gia.nhom[0].ten: _open_csv(path, danh_gia.nhom[0].ten)}
        people_csv = path.with_name(path.stem + "-ca-nhan.csv")
        if people_csv.is_file():
            sheets[PEOPLE_SHEET] = _open_csv(people_csv, PEOPLE_SHEET)
    else:
        sheets = _open_workbook(path)
    problems: list[Problem] = []
    results: dict[str, list[Competitor]] = {}
    by_name = {_header_key(n): s for n, s in sheets.items()}
    for group in danh_gia.nhom:
        sheet = by_name.get(_header_key(group.ten))
        if sheet is None:
            problems.append(
                Problem(
                    path,
                    None,
                    f"trang '{group.ten}'",
                    f"thiếu trang kết quả của nhóm '{group.ten}' (các trang có: {', '.join(sheets)})",
                )
            )
            continue
        results[group.ma] = _read_group(path, sheet, group, problems)
    # Units are checked against the results only when every group's sheet could be read: a missing
    # column must not turn into one "unknown unit" complaint per individual.
    readable = all(results.get(group.ma) for group in danh_gia.nhom)
    units = {key(c.ten) for rows in results.values() for c in rows} if readable else None
    people_sheet = by_name.get(_header_key(PEOPLE_SHEET))
    people = _read_people(path, people_sheet, units, problems) if people_sheet else []
    if problems:
        raise SpecError(problems)
    return results, people


def write_results_template(path: Path, danh_gia: DanhGia, *, force: bool = False) -> Path:
    """An empty results workbook for the campaign: one sheet per group with its columns and units,
    a "Cá nhân" sheet, bold frozen headers and input validation on the number cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    check_writable(path, force=force, keeps="số liệu đã nhập", noun="tệp .xlsx")
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for group in danh_gia.nhom:
        sheet = workbook.create_sheet(group.ten[:31])
        titles = ["Tên đơn vị", *(header(m.ten, m.don_vi) for m in group.chi_so)]
        sheet.append(titles)
        for c, title in enumerate(titles, start=1):
            sheet.cell(1, c).font = Font(bold=True)
            sheet.column_dimensions[get_column_letter(c)].width = max(14, min(45, len(title) + 4))
        sheet.freeze_panes = "B2"
        last = get_column_letter(len(titles))
        numbers = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="-1000000000000",
            showErrorMessage=True,
            errorTitle="Cần một số",
            error="Ô này cần một số (ví dụ 96,6 hoặc 1234).",
        )
        numbers.add(f"B2:{last}1000")
        sheet.add_data_validation(numbers)
    people = workbook.create_sheet(PEOPLE_SHEET)
    people.append(list(PEOPLE_HEADERS.values()))
    for c in range(1, len(PEOPLE_HEADERS) + 1):
        people.cell(1, c).font = Font(bold=True)
        people.column_dimensions[get_column_letter(c)].width = 30
    people.freeze_panes = "A2"
    order = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="1",
        showErrorMessage=True,
        error="Thứ tự ưu tiên là số nguyên từ 1.",
    )
    order.add("D2:D1000")
    people.add_data_validation(order)
    with atomic_target(path) as temp:
        workbook.save(temp)
    return path
