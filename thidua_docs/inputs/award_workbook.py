"""The list of proposed awardees kept in Excel: reading it, and writing its empty template.

A TĐKT clerk may keep the award list (``de_nghi`` of khen-thuong.yaml) in a workbook instead of
YAML. The workbook has two sheets, "Tập thể" and "Cá nhân", one awardee per row, the Vietnamese
headers of ``TAP_THE`` / ``CA_NHAN`` in row 1. ``read_award_list`` turns it into plain dicts keyed
by the model's field names (ready for ``TapTheDeNghi`` / ``CaNhanDeNghi.model_validate``) and lists
every problem at once, each located by sheet and cell; ``write_award_list_template`` writes the
empty workbook a clerk starts from.

Numbers are read the way clerks type them, by the one rule of ``thidua_docs.numbers`` (tdkt.md):
"1.215" is one thousand two hundred fifteen, "1,5" and "1.5" are one and a half, money is integer
đồng with an optional "đ"/"đồng", and a number may also be a real numeric cell. Money never passes through a binary float: integers stay ``int``,
coefficients become ``Decimal``.
"""

from __future__ import annotations

import difflib
import enum
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from thidua_docs.diagnostics import Problem
from thidua_docs.errors import InputError
from thidua_docs.files import check_writable, read_input, write_atomic
from thidua_docs.numbers import NotANumber, TypedNumber, cell_number, parse_typed
from thidua_docs.schema.base import control_character

__all__ = [
    "CA_NHAN",
    "SHEETS",
    "TAP_THE",
    "Column",
    "Kind",
    "SheetSpec",
    "cell_control_character",
    "open_workbook",
    "read_award_list",
    "write_award_list_template",
]


class Kind(enum.Enum):
    """What a column holds, which decides how its cells are read."""

    TEXT = "text"
    INTEGER = "integer"  # a count: headcount, votes
    MONEY = "money"  # integer đồng
    COEFFICIENT = "coefficient"  # a Decimal > 0 times the mức lương cơ sở
    IGNORED = "ignored"  # STT: numbered by hand or by Excel, carries no data


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header in the template, the other spellings accepted, its kind."""

    key: str  # the model's field name (moi_nguoi / co_dinh / he_so go under tien_thuong)
    header: str
    kind: Kind
    required: bool = False
    aliases: tuple[str, ...] = ()
    #: Units a clerk may type after a number in a text cell ("130.000 đồng", "64 người").
    units: tuple[str, ...] = ()
    example: str = ""  # quoted in messages, written as the clerk would write it
    width: float = 15


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of the workbook: its name, its columns and what makes two rows the same awardee."""

    title: str
    group: str  # "tap_the" / "ca_nhan": the list of HinhThucDeNghi this sheet fills
    columns: tuple[Column, ...]
    identity: tuple[str, ...]  # keys that, with the award kind, name one awardee
    identity_words: str  # the same, in the words of the duplicate message


_MONEY_UNITS = ("đồng", "đ", "VNĐ", "VND")

_STT = Column("stt", "STT", Kind.IGNORED, aliases=("TT", "Số TT", "Số thứ tự"), width=6)
_HINH_THUC = Column(
    "hinh_thuc",
    "Hình thức khen thưởng",
    Kind.TEXT,
    required=True,
    aliases=("Hình thức", "Hình thức đề nghị khen thưởng"),
    width=40,
)
_CO_DINH = Column(
    "co_dinh",
    "Tiền thưởng",
    Kind.MONEY,
    aliases=("Số tiền thưởng", "Tiền thưởng cố định", "Số tiền"),
    units=_MONEY_UNITS,
    example="5.000.000",
    width=16,
)
_MOI_NGUOI = Column(
    "moi_nguoi",
    "Tiền thưởng/người",
    Kind.MONEY,
    aliases=("Tiền thưởng mỗi người", "Tiền thưởng một người", "Mức thưởng/người"),
    units=(*(f"{unit}/người" for unit in _MONEY_UNITS), *_MONEY_UNITS),
    example="130.000",
    width=18,
)
_HE_SO = Column(
    "he_so",
    "Hệ số",
    Kind.COEFFICIENT,
    aliases=("Hệ số tiền thưởng", "Hệ số thưởng"),
    example="1,5",
    width=10,
)
_THANH_TICH = Column(
    "thanh_tich",
    "Thành tích",
    Kind.TEXT,
    aliases=("Thành tích đạt được", "Tóm tắt thành tích"),
    width=50,
)
_PHIEU = Column(
    "phieu_dong_y",
    "Số phiếu đồng ý",
    Kind.INTEGER,
    aliases=("Phiếu đồng ý", "Số phiếu", "Số phiếu tán thành"),
    units=("phiếu",),
    example="5",
    width=16,
)

TAP_THE = SheetSpec(
    title="Tập thể",
    group="tap_the",
    columns=(
        _STT,
        _HINH_THUC,
        Column(
            "ten",
            "Tên tập thể",
            Kind.TEXT,
            required=True,
            aliases=("Tập thể", "Tên đơn vị"),
            width=40,
        ),
        Column(
            "bien_che",
            "Biên chế",
            Kind.INTEGER,
            aliases=("Số biên chế", "Tổng biên chế", "Biên chế có mặt"),
            units=("người",),
            example="1.215",
            width=12,
        ),
        _MOI_NGUOI,
        _CO_DINH,
        _HE_SO,
        _THANH_TICH,
        _PHIEU,
    ),
    identity=("ten",),
    identity_words="hình thức khen thưởng và tên tập thể",
)

CA_NHAN = SheetSpec(
    title="Cá nhân",
    group="ca_nhan",
    columns=(
        _STT,
        _HINH_THUC,
        Column("ho_ten", "Họ và tên", Kind.TEXT, required=True, aliases=("Họ tên",), width=28),
        Column("chuc_vu", "Chức vụ", Kind.TEXT, aliases=("Chức danh",), width=28),
        Column(
            "don_vi",
            "Đơn vị",
            Kind.TEXT,
            required=True,
            aliases=("Đơn vị công tác", "Cơ quan, đơn vị"),
            width=40,
        ),
        _CO_DINH,
        _HE_SO,
        _THANH_TICH,
        _PHIEU,
    ),
    identity=("ho_ten", "don_vi"),
    identity_words="hình thức khen thưởng, họ và tên, đơn vị",
)

SHEETS = (TAP_THE, CA_NHAN)

#: The three ways of computing the reward; a row may use at most one.
_MONEY_KEYS = ("moi_nguoi", "co_dinh", "he_so")

#: A header this close (difflib ratio, diacritics and case folded) to a known one is taken for a
#: typo of it. 0.85 keeps "Bien chee" → "Biên chế" but not "Thành tiền" → "Thành tích" (0.8), a
#: column clerks add on purpose.
_TYPO_CUTOFF = 0.85

#: Data validation reaches the last row Excel has, so rows added later are checked too.
_LAST_ROW = 1_048_576

# An Excel file protected by a password is an OLE compound file (like an old .xls), not a zip.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# --------------------------------------------------------------------------------- text folding


def _nfc(text: str) -> str:
    """NFC, white space runs (line breaks and no-break spaces included) as one space, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _fold(text: str) -> str:
    """A spelling-tolerant key: no diacritics, lower case, punctuation as spaces ("/" kept)."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"[^\w/]+", " ", plain)
    return re.sub(r"\s*/\s*", "/", " ".join(plain.split()))


_UNIT = re.compile(r"^(?P<base>.*?)\s*\((?P<unit>[^()]*)\)\s*$")


def _header_key(text: str) -> tuple[str, str]:
    """The folded header without a trailing "(unit)", and the folded unit ("" when none)."""
    match = _UNIT.match(_nfc(text))
    if match and match.group("base"):
        return _fold(match.group("base")), _fold(match.group("unit"))
    return _fold(text), ""


# ------------------------------------------------------------------------------ reading numbers


class _Bad(Exception):
    """A cell's value is not what its column needs; the message says what was expected."""


def _expected(column: Column) -> str:
    if column.kind is Kind.MONEY:
        return (
            f"{column.header} cần là số tiền bằng đồng, "
            f"ví dụ {column.example} hoặc {column.example} đồng"
        )
    if column.kind is Kind.COEFFICIENT:
        return f"{column.header} cần là một số, ví dụ {column.example}"
    return f"{column.header} cần là một số nguyên, ví dụ {column.example}"


def _number(value: Any, column: Column) -> TypedNumber:
    """A numeric or text cell read by the one rule of ``thidua_docs.numbers``, or ``_Bad``."""
    if isinstance(value, bool):  # TRUE/FALSE: a cell formatted as a checkbox, not a count
        raise _Bad(_expected(column))
    if isinstance(value, str):
        try:
            return parse_typed(value, column.units)
        except NotANumber as err:
            raise _Bad(_expected(column) + (f"; {err.reason}" if err.reason else "")) from None
    if isinstance(value, int | float):
        try:
            return TypedNumber(cell_number(value), None, False)
        except NotANumber:
            raise _Bad(_expected(column)) from None
    # Excel turned what was typed ("1.5", "1/5") into a date or a time.
    raise _Bad(
        f"{column.header} cần là một số, nhưng Excel đã hiểu ô này là ngày tháng; "
        "hãy định dạng ô là Number (Số) rồi ghi lại giá trị"
    )


def _whole(value: Any, column: Column) -> int:
    """A count or an amount of money: an integer ≥ 0, never through a binary float."""
    typed = _number(value, column)
    number = typed.value
    if number < 0:
        raise _Bad(f"{column.header} không được là số âm")
    what = "số đồng chẵn" if column.kind is Kind.MONEY else "số nguyên"
    if typed.decimal_mark == ",":
        # "130,000" is 130 in Vietnamese writing but 130 000 in English: refuse to guess.
        raise _Bad(
            f"{column.header} cần là {what}; dấu phẩy là dấu thập phân, "
            f"hàng nghìn ghi bằng dấu chấm (ví dụ {column.example})"
        )
    if number != number.to_integral_value():
        raise _Bad(f"{column.header} cần là {what}, không có phần lẻ")
    if typed.decimal_mark == ".":
        # "130.00" is 130 with a decimal point, or 13.000 mistyped: a whole number has no point.
        raise _Bad(
            f"{column.header} cần là {what}; dấu chấm ngăn cách hàng nghìn theo nhóm ba chữ số "
            f"(ví dụ {column.example})"
        )
    return int(number)


def _coefficient(value: Any, column: Column) -> Decimal:
    typed = _number(value, column)
    number = typed.value
    if typed.grouped:
        # By the rule "1.500" is one thousand five hundred; no coefficient is that large, so the
        # clerk most likely meant 1,5 with a decimal point: say so rather than pay 1.500 × lương.
        raise _Bad(
            f"{column.header} không có hàng nghìn; dấu chấm ngăn cách hàng nghìn, "
            f"dấu thập phân là dấu phẩy (ví dụ {column.example})"
        )
    if number <= 0:
        raise _Bad(f"{column.header} cần lớn hơn 0")
    return number


#: How Excel stores a character XML cannot hold (a control character): "_x001F_".
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def cell_control_character(value: str, allowed: str = "") -> str | None:
    """Why a text cell cannot be used: a control character in it, typed or pasted into Excel
    (which stores it as "_x001F_" and openpyxl gives as those seven letters), or None."""
    text = _EXCEL_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), value)
    return control_character(text, allowed)


def _text(value: Any, column: Column) -> str | None:
    if isinstance(value, str):
        # Checked before the white space is folded: Python counts U+001C…U+001F as spaces.
        allowed = "\t\n" if column.key == "thanh_tich" else ""
        why = cell_control_character(value, allowed)
        if why:
            raise _Bad(f"{column.header} {why}")
        return _nfc(value) or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a unit named by a number ("Đội 2" typed as 2) is still its name
    raise _Bad(f"{column.header} cần là văn bản")


def _convert(value: Any, column: Column) -> Any:
    """The cell's value as its column needs it, or ``_Bad`` saying what was expected."""
    if column.kind is Kind.TEXT:
        return _text(value, column)
    if column.kind is Kind.COEFFICIENT:
        return _coefficient(value, column)
    return _whole(value, column)


# ------------------------------------------------------------------------------ reading a file


def _fail(path: Path, why: str) -> InputError:
    return InputError(
        f"Tệp {path} không đọc được như một sổ tính Excel: {why}. "
        "Hãy mở tệp bằng Excel và lưu lại dưới dạng Excel Workbook (.xlsx)."
    )


def open_workbook(path: Path) -> tuple[Workbook, Workbook]:
    """The workbook twice: with the values Excel last computed, and with its formulas.

    openpyxl gives a formula cell that was never computed (a file written by a program, not
    saved by Excel) as empty in the first; the second tells it from a cell left empty.
    """
    data = read_input(path, expected="một tệp Excel (.xlsx)")
    if data.startswith(_OLE_MAGIC):
        raise _fail(
            path,
            "tệp có đặt mật khẩu hoặc là định dạng Excel 97-2003 (.xls); nếu có mật khẩu, hãy bỏ mật khẩu",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _fail(path, "đây không phải tệp .xlsx (có thể là tệp CSV hay tệp khác được đổi đuôi)")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        if any(info.flag_bits & 0x1 for info in archive.infolist()):
            raise _fail(path, "tệp nén có đặt mật khẩu")
    if "word/document.xml" in names:
        raise _fail(path, "đây là tệp Word (.docx) được đổi đuôi")
    if "mimetype" in names and "content.xml" in names:
        raise _fail(path, "đây là tệp OpenDocument (.ods)")
    try:
        # A file object, not the path: openpyxl would refuse a valid workbook named .XLSX or .tmp.
        values = load_workbook(io.BytesIO(data), data_only=True)
        formulas = load_workbook(io.BytesIO(data), data_only=False)
    except Exception as err:  # openpyxl raises anything from KeyError to zlib.error on bad input
        raise _fail(path, "tệp bị hỏng hoặc không phải sổ tính Excel") from err
    return values, formulas


def _lookup(spec: SheetSpec) -> dict[str, Column]:
    """Every accepted spelling of the sheet's headers (folded) → its column."""
    return {
        _header_key(spelling)[0]: column
        for column in spec.columns
        for spelling in (column.header, *column.aliases)
    }


@dataclass
class _Reader:
    """Reads one sheet, appending its problems to the shared list."""

    file: Path
    sheet: Worksheet  # the values Excel last computed
    formulas: Worksheet  # the same sheet with its formulas
    spec: SheetSpec
    problems: list[Problem]
    data_rows: int = 0  # rows with something in a known column, read well or not

    def problem(self, where: str, message: str, found: Any = None) -> None:
        place = f"trang '{_nfc(self.sheet.title)}'" + (f", {where}" if where else "")
        shown = None if found is None else repr(found)
        self.problems.append(Problem(self.file, None, place, message, shown))

    def is_empty(self) -> bool:
        return all(
            value is None for row in self.formulas.iter_rows(values_only=True) for value in row
        )

    def formula(self, row: int, col: int) -> str | None:
        """The cell's formula, when it has one."""
        cell = self.formulas.cell(row, col)
        if cell.data_type != "f":
            return None
        return str(getattr(cell.value, "text", cell.value))  # an ArrayFormula keeps it in .text

    def value(self, row: int, col: int) -> tuple[Any, bool]:
        """The cell's value, and whether a problem was reported for it already.

        A formula Excel never computed, and one whose result is an error (#REF!, #N/A…), are
        problems of their own; the caller does not report them again as empty or wrong.
        """
        cell = self.sheet.cell(row, col)
        if cell.data_type == "e":
            self.problem(
                f"ô {cell.coordinate}",
                "công thức trong ô cho kết quả lỗi; hãy sửa công thức hoặc ghi thẳng giá trị",
                cell.value,
            )
            return None, True
        if cell.value is None and (formula := self.formula(row, col)) is not None:
            self.problem(
                f"ô {cell.coordinate}",
                "ô có công thức nhưng chưa có giá trị đã tính (tệp chưa được lưu bằng Excel); "
                "hãy mở tệp bằng Excel rồi lưu lại",
                formula,
            )
            return None, True
        return (None if _blank(cell.value) else cell.value), False

    def headers(self) -> tuple[dict[str, int], bool]:
        """Column number of each known column found in row 1, and whether every required one is."""
        for merged in sorted(self.sheet.merged_cells.ranges, key=lambda m: m.min_col):
            if merged.min_row == 1:
                self.problem(
                    f"ô {merged.coord}",
                    "ô tiêu đề bị gộp; mỗi cột cần một ô tiêu đề riêng ở dòng 1 — hãy bỏ gộp ô",
                    self.sheet.cell(merged.min_row, merged.min_col).value,
                )
        known = _lookup(self.spec)
        # A per-head amount means nothing without a headcount: name the column rather than
        # dropping the money of a "Cá nhân" sheet in silence.
        per_head = {key for key, column in _lookup(TAP_THE).items() if column is _MOI_NGUOI}
        where: dict[str, int] = {}
        found: list[str] = []
        unknown: list[tuple[int, str]] = []
        for col in range(1, self.sheet.max_column + 1):
            value, reported = self.value(1, col)
            text = "" if value is None else _nfc(str(value))
            if reported or not text:
                continue
            found.append(text)
            letter = get_column_letter(col)
            base, unit = _header_key(text)
            column = known.get(base)
            if column is _CO_DINH and unit.replace(" ", "").endswith("/nguoi"):
                base = _header_key(_MOI_NGUOI.header)[0]  # "Tiền thưởng (đồng/người)"
                column = known.get(base)
            if column is None and base in per_head:
                self.problem(
                    f"cột {letter}",
                    f"cột '{_MOI_NGUOI.header}' chỉ dùng cho tập thể (nhân với biên chế); "
                    f"với cá nhân hãy ghi số tiền vào cột '{_CO_DINH.header}' "
                    "(cột này đang bị bỏ qua)",
                    text,
                )
            elif column is None:
                unknown.append((col, text))
            elif column.key in where:
                self.problem(
                    f"cột {letter}",
                    f"cột này trùng với cột {get_column_letter(where[column.key])} "
                    f"(cùng là '{column.header}'); hãy xóa hoặc đổi tên một cột",
                    text,
                )
            else:
                where[column.key] = col

        for col, text in unknown:
            guess = difflib.get_close_matches(
                _header_key(text)[0], list(known), n=1, cutoff=_TYPO_CUTOFF
            )
            # A near miss of a column already present is another column on purpose.
            if guess and known[guess[0]].key not in where:
                self.problem(
                    f"cột {get_column_letter(col)}",
                    f"tiêu đề cột không có trong mẫu; có phải ý là '{known[guess[0]].header}'? "
                    "(cột này đang bị bỏ qua)",
                    text,
                )

        listed = ", ".join(f"'{text}'" for text in found) if found else "(dòng 1 trống)"
        complete = True
        for column in self.spec.columns:
            if column.required and column.key not in where:
                complete = False
                self.problem("", f"thiếu cột bắt buộc '{column.header}'; các cột đang có: {listed}")
        return where, complete

    def merged_data(self, where: dict[str, int]) -> set[tuple[int, int]]:
        """Report merged cells below the headers; return the cells a merge hides (not its first)."""
        columns = set(where.values())
        hidden: set[tuple[int, int]] = set()
        for merged in sorted(self.sheet.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
            if merged.min_row == 1 or not any(
                merged.min_col <= col <= merged.max_col for col in columns
            ):
                continue
            self.problem(
                f"ô {merged.coord}",
                "ô bị gộp; mỗi dòng cần ghi đủ giá trị của mình — hãy bỏ gộp ô và ghi giá trị "
                "vào từng dòng",
                self.sheet.cell(merged.min_row, merged.min_col).value,
            )
            hidden.update(
                (row, col)
                for row in range(merged.min_row, merged.max_row + 1)
                for col in range(merged.min_col, merged.max_col + 1)
            )
            hidden.discard((merged.min_row, merged.min_col))
        return hidden

    def rows(self, where: dict[str, int], complete: bool) -> list[tuple[str, dict[str, Any]]]:
        """The sheet's awardees as (award kind, row dict); a row with a problem is left out."""
        columns = [
            column
            for column in self.spec.columns
            if column.key in where and column.kind is not Kind.IGNORED
        ]
        hidden = self.merged_data(where)
        identity = ("hinh_thuc", *self.spec.identity)
        seen: dict[tuple[str, ...], int] = {}
        result: list[tuple[str, dict[str, Any]]] = []
        for row in range(2, self.sheet.max_row + 1):
            if all(
                _blank(self.sheet.cell(row, where[c.key]).value)
                and self.formula(row, where[c.key]) is None
                for c in columns
            ):
                continue  # blank, or numbered in STT ahead of time
            self.data_rows += 1
            ok = complete
            values: dict[str, Any] = {}
            raw: dict[str, Any] = {}
            for column in columns:
                col = where[column.key]
                coordinate = f"{get_column_letter(col)}{row}"
                value, reported = self.value(row, col)
                raw[column.key] = value
                try:
                    converted = None if value is None else _convert(value, column)
                except _Bad as bad:
                    self.problem(f"ô {coordinate}", str(bad), value)
                    converted, reported = None, True
                if converted is not None:
                    values[column.key] = converted
                elif reported or column.required:
                    ok = False
                    if not reported and (row, col) not in hidden:
                        self.problem(
                            f"ô {coordinate}",
                            f"{column.header} không được để trống (cột bắt buộc)",
                        )

            money = [key for key in _MONEY_KEYS if raw.get(key) is not None]
            if len(money) > 1:
                ok = False
                cells = {key: f"{get_column_letter(where[key])}{row}" for key in money}
                named = " và ".join(f"'{_COLUMNS[key].header}' ({cells[key]})" for key in money)
                self.problem(
                    f"ô {cells[money[-1]]}",
                    f"mỗi dòng chỉ ghi một cách tính tiền thưởng, dòng {row} ghi cả {named}",
                    raw[money[-1]],
                )

            if all(key in values for key in identity):
                name = self.spec.identity[0]
                same = tuple(str(values[key]).casefold() for key in identity)
                if same in seen:
                    ok = False
                    self.problem(
                        f"ô {get_column_letter(where[name])}{row}",
                        f"dòng {row} trùng với dòng {seen[same]}: cùng {self.spec.identity_words}",
                        values[name],
                    )
                else:
                    seen[same] = row
            if ok:
                result.append((values["hinh_thuc"], _row_dict(values)))
        return result


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_COLUMNS = {column.key: column for spec in SHEETS for column in spec.columns}


def _row_dict(values: dict[str, Any]) -> dict[str, Any]:
    """The row in the model's shape: the money column under ``tien_thuong``, blanks left out."""
    row: dict[str, Any] = {
        key: values[key]
        for key in ("ten", "ho_ten", "chuc_vu", "don_vi", "bien_che")
        if key in values
    }
    for key in _MONEY_KEYS:
        if key in values:
            row["tien_thuong"] = {key: values[key]}
    row.update({key: values[key] for key in ("thanh_tich", "phieu_dong_y") if key in values})
    return row


def read_award_list(
    path: Path,
) -> tuple[dict[str, dict[str, list[dict[str, Any]]]], list[Problem]]:
    """Read the proposed awardees from the workbook at ``path``, with every problem found in it.

    Returns ``{hình thức: {"tap_the": [row…], "ca_nhan": [row…]}}``, award kinds in order of first
    appearance ("Tập thể" read before "Cá nhân"), rows in sheet order, each row keyed by the
    field names of ``TapTheDeNghi`` / ``CaNhanDeNghi`` with blank cells left out. Alongside, the
    problems of the whole file (never only the first), each placed as "trang '…', ô C5". A row
    with a problem is left out of the result, so use it only when the list of problems is empty.

    Raises ``InputError`` when the file cannot be read as a workbook at all (missing, a CSV or a
    .docx renamed .xlsx, password-protected, corrupt).
    """
    path = Path(path)
    values, formulas = open_workbook(path)
    problems: list[Problem] = []
    result: dict[str, dict[str, list[dict[str, Any]]]] = {}
    titles = [_nfc(sheet.title) for sheet in values.worksheets]
    present = False
    data_rows = 0
    for spec in SHEETS:
        matches = [i for i, title in enumerate(titles) if _fold(title) == _fold(spec.title)]
        if len(matches) > 1:
            named = ", ".join(f"'{titles[i]}'" for i in matches)
            problems.append(
                Problem(
                    path,
                    None,
                    "",
                    f"có {len(matches)} trang cùng là '{spec.title}' ({named}); "
                    "hãy gộp lại thành một trang",
                )
            )
            present = True
            data_rows += 1  # not empty either: the clash is the one thing to say
            continue
        if not matches:
            continue
        present = True
        sheet, formula_sheet = values.worksheets[matches[0]], formulas.worksheets[matches[0]]
        if not isinstance(sheet, Worksheet) or not isinstance(formula_sheet, Worksheet):
            continue  # pragma: no cover - load_workbook gives worksheets (charts are apart)
        reader = _Reader(path, sheet, formula_sheet, spec, problems)
        if reader.is_empty():
            continue
        where, complete = reader.headers()
        for hinh_thuc, row in reader.rows(where, complete):
            result.setdefault(hinh_thuc, {"tap_the": [], "ca_nhan": []})[spec.group].append(row)
        data_rows += reader.data_rows
    if not present:
        listed = ", ".join(f"'{title}'" for title in titles)
        problems.append(
            Problem(
                path,
                None,
                "",
                f"không có trang '{TAP_THE.title}' hay '{CA_NHAN.title}'; "
                f"các trang đang có: {listed}",
            )
        )
    elif not data_rows:
        problems.append(
            Problem(
                path,
                None,
                "",
                "chưa có tập thể hay cá nhân nào: trang "
                f"'{TAP_THE.title}' và '{CA_NHAN.title}' đều trống hoặc không có",
            )
        )
    return result, problems


# ------------------------------------------------------------------------------------ template

_NUMBER_FORMATS = {
    Kind.INTEGER: "#,##0",
    Kind.MONEY: "#,##0",
    Kind.COEFFICIENT: "0.0##",
    # Text stays text: Excel would otherwise turn a unit named "1/5" into a date.
    Kind.TEXT: "@",
}


def _validation(column: Column) -> DataValidation | None:
    """The Excel rule that stops a wrong value as it is typed."""
    if column.kind in (Kind.INTEGER, Kind.MONEY):
        return DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.header,
            error=f"{column.header} cần là một số nguyên ≥ 0, ví dụ {column.example}",
        )
    if column.kind is Kind.COEFFICIENT:
        return DataValidation(
            type="decimal",
            operator="greaterThan",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.header,
            error=f"{column.header} cần là một số lớn hơn 0, ví dụ {column.example}",
        )
    return None


def _template_sheet(sheet: Worksheet, spec: SheetSpec) -> None:
    header = Font(bold=True)
    alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(1, index, column.header)
        cell.font = header
        cell.alignment = alignment
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        if column.kind in _NUMBER_FORMATS:
            dimension.number_format = _NUMBER_FORMATS[column.kind]
        rule = _validation(column)
        if rule is not None:
            rule.add(f"{letter}2:{letter}{_LAST_ROW}")
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"


def _write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    write_atomic(path, data, force=True)  # the caller has already refused an existing file


def write_award_list_template(path: Path) -> None:
    """Write the empty award-list workbook a clerk fills in: sheets "Tập thể" and "Cá nhân".

    Row 1 holds the headers ``read_award_list`` expects, in bold and frozen; number columns carry
    the "#,##0" format and a data validation (whole numbers ≥ 0; Hệ số > 0). The file is written
    whole or not at all. Raises ``OutputError`` when ``path`` exists: it may be a list already
    filled in.
    """
    path = Path(path)
    check_writable(
        path,
        keeps="danh sách có thể đã được điền",
        noun="tệp .xlsx",
        remedy="Hãy chọn tên tệp khác.",
    )
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    for spec in SHEETS:
        _template_sheet(workbook.create_sheet(spec.title), spec)
    buffer = io.BytesIO()
    workbook.save(buffer)
    # Checked above, not here: another program creating the file in between is not guarded.
    _write_new(path, buffer.getvalue())
