"""The building blocks of every schema model: text, codes, dates, money, figures, ``Model``.

The YAML keys are the field names (Vietnamese without diacritics); ``GLOSSARY`` maps them to
English for maintainers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
)
from pydantic_core import PydanticCustomError

from thidua_docs.formatting import NgayDuThao
from thidua_docs.numbers import NotANumber, parse_typed

GLOSSARY = {
    "co_quan": "agency profile file (path)",
    "co_quan_chu_quan": "parent agency",
    "ten_co_quan": "issuing agency",
    "ten_viet_tat": "issuer abbreviation used in document codes",
    "ten_goi_tat": "short name of the agency used in prose",
    "dia_danh": "place name of the date line",
    "don_vi_soan_thao": "drafting unit (second part of a công văn code)",
    "nguoi_ky": "signers (profile) / the signer's id (document)",
    "quyen_han": "signing authority: KT., TM., Q., TL., TUQ.",
    "thay_cho": "the head or body the signer signs for",
    "chuc_vu": "the signer's own title",
    "ho_ten": "full name",
    "luu": "archive line (Lưu: VT, TĐKT.)",
    "ten": "name",
    "chu_de": "theme",
    "thoi_gian": "period",
    "muc_tieu": "goals",
    "doi_tuong": "competitors",
    "noi_dung": "content / inline text",
    "tieu_chi": "criteria",
    "khen_thuong": "awards",
    "to_chuc_thuc_hien": "duties per unit",
    "cong_van": "the launching circular",
    "so": "document number",
    "ngay": "date",
    "trich_yeu": "subject line",
    "kinh_gui": "addressees",
    "noi_nhan": "recipients",
    "mo_dau": "opening paragraph(s)",
    "ket_luan": "closing paragraph",
    "cac_muc": "numbered items (khoản)",
    "cac_diem": "lettered points (điểm)",
    "cac_y": "dash bullets",
    "cac_doan": "plain paragraphs",
    "tieu_de": "title",
    "hinh_thuc": "award kinds",
    "toi_da": "quota",
    "tien_thuong": "reward money",
    "moi_nguoi": "amount per head",
    "co_dinh": "fixed amount",
    "he_so": "coefficient",
    "bat_dau": "start",
    "ket_thuc": "end",
    "mo_ta": "description",
    "danh_so": "numbering of a document body, one scheme per level",
    "kieu": "numbering scheme of a level: A, I, 1, 1.1, a, -, +",
    "kieu_chu": "heading emphasis: dam (bold), nghieng (italic), dam_nghieng, thuong",
    "in_hoa": "headings in capitals",
    "nhan": "label of a body item, referred to as {ref:label}",
    "quy_tac": "a rule of danh_gia whose announced wording is the item's text",
    "doan_sau": "paragraphs after an item's children",
}


def invalid(message: str, **context: Any) -> PydanticCustomError:
    """A validation error whose Vietnamese message inputs.validation prints as it is."""
    return PydanticCustomError("thidua", message, context)


def nfc(value: str) -> str:
    """Unicode NFC (TCVN 6909:2001, precomposed) with surrounding white space removed."""
    return unicodedata.normalize("NFC", value).strip()


def _not_blank(value: str) -> str:
    if not value:
        raise invalid("không được để trống")
    return value


#: Characters no text of a clerk's file may hold: C0 and C1 control characters and DEL.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {"\t": "Tab", "\n": "xuống dòng", "\r": "về đầu dòng"}


def control_character(value: str, allowed: str = "\t\n") -> str | None:
    """Why ``value`` cannot be used as text: the first control character in it (U+00XX), or None.

    Tab and line break are allowed by default (multi-line text); a name allows neither. Such a
    character is invisible when the file is edited and makes Word refuse the document.
    """
    for match in _CONTROL.finditer(value):
        char = match.group()
        if char in allowed:
            continue
        name = _CONTROL_NAMES.get(char, "không nhìn thấy")
        return (
            f"có ký tự điều khiển U+{ord(char):04X} ({name}); "
            "hãy xóa ký tự này (thường do sao chép từ phần mềm khác)"
        )
    return None


def _no_control(value: str) -> str:
    why = control_character(value)
    if why:
        raise invalid(why)
    return value


def _one_line(value: str) -> str:
    why = control_character(value, allowed="")
    if why:
        raise invalid(f"tên viết trên một dòng: {why}")
    return value


#: A non-empty piece of Vietnamese text (NFC), tab and line breaks allowed.
Text = Annotated[
    str, Strict(), AfterValidator(_no_control), AfterValidator(nfc), AfterValidator(_not_blank)
]

#: A name (of a collective, a person, a unit, an award kind): text on one line, no tab.
Ten = Annotated[Text, AfterValidator(_one_line)]


def _upper(value: str) -> str:
    return value.upper()


#: Text written in capitals in the document (agency names, titles): converted to upper case.
UpperText = Annotated[Text, AfterValidator(_upper)]


_CODE = re.compile(r"^[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*$")


def code_text(value: str) -> str:
    """An ND30 code part (BHXH, TĐKT): capitals and digits, parts joined by "-"."""
    if not _CODE.match(value):
        raise invalid("ký hiệu chỉ gồm chữ in hoa và chữ số, không dấu cách (ví dụ BHXH, TĐKT)")
    return value


Code = Annotated[Text, AfterValidator(code_text)]


_ID = re.compile(r"^[a-z0-9_]+$")


def _identifier(value: str) -> str:
    if not _ID.match(value):
        raise invalid(
            "mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới (ví dụ pho_tong_giam_doc)"
        )
    return value


Identifier = Annotated[Text, AfterValidator(_identifier)]


_DMY = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*$")


_DATE_EXPECTED = "cần một ngày dạng 2024-11-11 hoặc 11/11/2024"


_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def impossible_date(year: int, month: int, day: int) -> str | None:
    """Why day/month/year is not on the calendar ("ngày 31/02/2025 không có trong lịch: tháng 2
    năm 2025 có 28 ngày"), or None when it is a real day."""
    written = f"ngày {day:02d}/{month:02d}/{year:04d} không có trong lịch"
    if not 1 <= month <= 12:
        return f"{written}: không có tháng {month} (một năm có 12 tháng)"
    if not 1 <= year <= 9999:
        return f"{written}: năm {year} không hợp lệ"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{written}: tháng {month} năm {year} có {days} ngày"
    return None


def date_parts(text: str) -> tuple[int, int, int] | None:
    """Year, month, day of a text written 31/02/2025 or 2025-02-31, or None for another text."""
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        return year, month, day
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
        return year, month, day
    return None


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        parts = date_parts(value)
        if parts is not None:
            why = impossible_date(*parts)
            if why:
                raise invalid(why)
            return dt.date(*parts)
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise invalid(_DATE_EXPECTED)


def _check_year(value: dt.date) -> dt.date:
    if not 1900 <= value.year <= 2200:
        raise invalid("năm phải từ 1900 đến 2200")
    return value


Ngay = Annotated[dt.date, BeforeValidator(_parse_date), AfterValidator(_check_year)]


def _parse_issue_date(value: Any) -> dt.date | NgayDuThao:
    """An issue date, or only a year for a draft whose day and month are written by hand."""
    if isinstance(value, bool):
        raise invalid(_DATE_EXPECTED + ", hoặc chỉ ghi năm (2024) cho bản dự thảo")
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        year = int(value)
        if not 1900 <= year <= 2200:
            raise invalid("năm phải từ 1900 đến 2200")
        return NgayDuThao(year)
    if isinstance(value, str) and (parts := date_parts(value)) and (why := impossible_date(*parts)):
        raise invalid(why)
    try:
        return _check_year(_parse_date(value))
    except PydanticCustomError:
        raise invalid(_DATE_EXPECTED + ", hoặc chỉ ghi năm (2024) cho bản dự thảo") from None


NgayBanHanh = Annotated[dt.date | NgayDuThao, BeforeValidator(_parse_issue_date)]


#: Money: integer đồng, never a float (0,3 × 2.340.000 in float is 702000.0000000001).
Tien = Annotated[int, Strict(), Field(ge=0)]


def _coefficient(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise invalid("hệ số phải là một số, ví dụ 1,5")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # the number as the clerk wrote it (1.5), not its binary value
    if isinstance(value, str):
        try:
            return parse_typed(value).value  # the one rule of thidua_docs.numbers
        except NotANumber as err:
            raise invalid(f"hệ số phải là một số, ví dụ 1,5{_why(err)}") from None
    raise invalid("hệ số phải là một số, ví dụ 1,5")


HeSo = Annotated[Decimal, BeforeValidator(_coefficient), Field(gt=0)]


class Model(BaseModel):
    """Base of every spec model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _decimal(value: Any) -> Any:
    if isinstance(value, bool):
        raise invalid("cần một số")
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            return parse_typed(value, ("%",)).value  # the one rule of thidua_docs.numbers
        except NotANumber as err:
            raise invalid(f"cần một số, ví dụ 71,5{_why(err)}") from None
    return value


def _why(err: NotANumber) -> str:
    """The reason a text that looked like a number is not one, after a "; "."""
    return f"; {err.reason}" if err.reason else ""


So = Annotated[Decimal, BeforeValidator(_decimal)]
