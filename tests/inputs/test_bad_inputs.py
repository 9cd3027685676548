"""Nothing a clerk can do hurts the office: every bad input, through the `thidua` command.

Each case starts from copies of the example campaigns, breaks one thing the way a clerk (or a
file from elsewhere) would, runs the command and checks: the exit code, the located Vietnamese
message (file:line: key path: message, or file: sheet, cell: message), no traceback nor internal
error, and that not one file of the folder tree was written or changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from thidua_docs.cli import main
from thidua_docs.inputs.award_workbook import write_award_list_template

from ..helpers import CAMPAIGNS

Edit = Callable[[Path], None]

#: Where a message starts: a file, its line (and column, for a YAML syntax error).
LINE = r":\d+(?::\d+)?: "

Y2024 = "bhxh-2024-nuoc-rut"
Y2017 = "bhxh-2017-giam-no"
KT = f"{Y2024}/khen-thuong.yaml"
CD = f"{Y2024}/chien-dich.yaml"
PROFILE = "co-quan/bhxh-viet-nam-2024.yaml"
RESULTS = f"{Y2024}/ket-qua.xlsx"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504  # a .xls, or an .xlsx with a password


# ------------------------------------------------------------------------------------- edits


def sub(rel: str, old: str, new: str) -> Edit:
    """Replace ``old`` (which must be there) by ``new`` in the UTF-8 text file ``rel``."""

    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def cut(rel: str, start: str, end: str, new: str) -> Edit:
    """Replace the text from ``start`` up to (not including) ``end`` by ``new``."""

    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        a = text.index(start)
        b = text.index(end, a)
        path.write_text(text[:a] + new + text[b:], encoding="utf-8")

    return edit


def write_bytes(rel: str, data: bytes) -> Edit:
    def edit(root: Path) -> None:
        (root / rel).write_bytes(data)

    return edit


def truncate(rel: str, size: int) -> Edit:
    """The file cut short, as a copy interrupted halfway leaves it."""

    def edit(root: Path) -> None:
        (root / rel).write_bytes((root / rel).read_bytes()[:size])

    return edit


def encode(rel: str, encoding: str) -> Edit:
    """The file saved again in another code page, as an old editor would."""

    def edit(root: Path) -> None:
        path = root / rel
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding, errors="replace"))

    return edit


def tcvn3(rel: str) -> Edit:
    """The file's Vietnamese letters as TCVN3 (ABC) fonts store them: bytes 0x80-0xFF, not UTF-8."""

    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        # TCVN3 puts a letter with diacritics in one byte of 0x80-0xFF (ư = 0xAD, ơ = 0xAC, đ = 0xAE…).
        table = {"ư": 0xAD, "ơ": 0xAC, "đ": 0xAE, "ê": 0xAA, "ô": 0xAB, "â": 0xA9, "ă": 0xA8}
        out = bytearray()
        for char in text:
            out += bytes([table[char]]) if char in table else char.encode("ascii", "replace")
        path.write_bytes(bytes(out))

    return edit


def cells(rel: str, sheet: str, values: dict[str, Any]) -> Edit:
    """Cells of a workbook set (a formula saved by a program: no cached value)."""

    def edit(root: Path) -> None:
        book = openpyxl.load_workbook(root / rel)
        for coordinate, value in values.items():
            book[sheet][coordinate] = value
        book.save(root / rel)

    return edit


def escaped(rel: str, placeholder: str, escape: str) -> Edit:
    """A character openpyxl refuses to write, put in the workbook as Excel stores it (_x001F_)."""

    def edit(root: Path) -> None:
        path = root / rel
        with zipfile.ZipFile(path) as source:
            parts = {info.filename: source.read(info) for info in source.infolist()}
        found = [name for name, data in parts.items() if placeholder.encode() in data]
        assert found, placeholder
        for name in found:
            parts[name] = parts[name].replace(placeholder.encode(), escape.encode())
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in parts.items():
                target.writestr(name, data)

    return edit


def award_workbook(rows: list[list[object]]) -> Edit:
    """khen-thuong.yaml also reads danh-sach.xlsx, whose "Tập thể" sheet holds ``rows``."""

    def edit(root: Path) -> None:
        path = root / Y2024 / "danh-sach.xlsx"
        write_award_list_template(path)
        book = openpyxl.load_workbook(path)
        for row in rows:
            book["Tập thể"].append(row)
        book.save(path)
        sub(KT, "de_nghi:\n", "danh_sach: danh-sach.xlsx\nde_nghi:\n")(root)

    return edit


def both(*edits: Edit) -> Edit:
    def edit(root: Path) -> None:
        for one in edits:
            one(root)

    return edit


def template(payload: str) -> Edit:
    """A template written by office staff, and the data file it is rendered with."""

    def edit(root: Path) -> None:
        document = docx.Document()
        document.add_paragraph("Mở đầu")
        document.add_paragraph(payload)
        document.save(str(root / "mau.docx"))
        (root / "du-lieu.yaml").write_text("ten: Đội Thu\n", encoding="utf-8")

    return edit


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)

FIRST_UNIT = "      - ten: Bảo hiểm xã hội thành phố Hà Nội\n        bien_che: 1215"
HA_NOI_PERSON = "        don_vi: Bảo hiểm xã hội thành phố Hà Nội\n      - ho_ten: Trần Văn Nam"


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    edit: Edit
    command: tuple[str, ...]  # "{root}" is the copied campaigns folder
    expected: tuple[str, ...]  # regular expressions; LINE stands for ":line: "
    code: int = 2


def dossier(campaign: str = Y2024) -> tuple[str, ...]:
    return ("dossier", f"{{root}}/{campaign}")


def draft(campaign: str = Y2024) -> tuple[str, ...]:
    return ("draft", f"{{root}}/{campaign}")


def evaluate(campaign: str = Y2024) -> tuple[str, ...]:
    return ("evaluate", f"{{root}}/{campaign}", "--force")


RENDER = ("render", "{root}/mau.docx", "{root}/du-lieu.yaml", "-o", "{root}/ra.docx")


def at(file: str, path: str, message: str) -> str:
    """A located problem: ``file:line: key path: message``."""
    return re.escape(file) + LINE + re.escape(f"{path}: {message}")


CASES = [
    # ---- YAML syntax, types
    Case(
        "yaml-syntax-colon",
        "cú pháp YAML",
        sub(CD, "  ket_thuc: 2024-12-31", "  ket_thuc: ngày: 31/12"),
        draft(),
        (re.escape(CD) + LINE + re.escape("dấu ':' đặt sai chỗ"),),
    ),
    Case(
        "yaml-syntax-tab",
        "cú pháp YAML",
        sub(KT, "    tien_thuong_tap_the:", "\ttien_thuong_tap_the:"),
        dossier(),
        (re.escape(KT) + LINE + "có ký tự Tab",),
    ),
    Case(
        "wrong-type-number",
        "kiểu giá trị",
        sub(CD, "  so: 4111", "  so: bốn nghìn"),
        draft(),
        (at(CD, "cong_van › so", "cần một số nguyên (giá trị: 'bốn nghìn')"),),
    ),
    Case(
        "wrong-type-yes",
        "kiểu giá trị",
        sub(KT, "chuc_vu: Chuyên viên\n", "chuc_vu: yes\n"),
        dossier(),
        (at(KT, "de_nghi › mục 1 › ca_nhan › mục 3 › chuc_vu", "cần văn bản; YAML hiểu yes"),),
    ),
    Case(
        "wrong-type-headcount",
        "kiểu giá trị",
        sub(KT, "bien_che: 312", "bien_che: ba trăm"),
        dossier(),
        (at(KT, "de_nghi › mục 1 › tap_the › mục 2 › bien_che", "cần một số nguyên"),),
    ),
    # ---- dates
    Case(
        "date-31-02-dmy",
        "ngày",
        sub(KT, "  ngay: 2025-01-06", "  ngay: 31/02/2025"),
        dossier(),
        (
            at(
                KT,
                "bien_ban › ngay",
                "ngày 31/02/2025 không có trong lịch: tháng 2 năm 2025 có 28 ngày",
            ),
        ),
    ),
    Case(
        "date-2025-02-31-yaml-reader",
        "ngày",
        sub(KT, "  ngay: 2025-01-15", "  ngay: 2025-02-31"),
        dossier(),
        (
            at(
                KT,
                "quyet_dinh › ngay",
                "ngày 31/02/2025 không có trong lịch: tháng 2 năm 2025 có 28 ngày",
            ),
        ),
    ),
    Case(
        "date-2025-02-31-quoted",
        "ngày",
        sub(KT, "  ngay: 2025-01-08", '  ngay: "2025-02-31"'),
        dossier(),
        (
            at(
                KT,
                "to_trinh › ngay",
                "ngày 31/02/2025 không có trong lịch: tháng 2 năm 2025 có 28 ngày",
            ),
        ),
    ),
    Case(
        "date-29-02-not-leap",
        "ngày",
        sub(CD, "  ket_thuc: 2024-12-31", "  ket_thuc: 29/02/2023"),
        draft(),
        (
            at(
                CD,
                "thoi_gian › ket_thuc",
                "ngày 29/02/2023 không có trong lịch: tháng 2 năm 2023 có 28 ngày",
            ),
        ),
    ),
    Case(
        "date-month-13",
        "ngày",
        sub(CD, "  ngay: 2024-11-11", "  ngay: 11/13/2024"),
        draft(),
        (at(CD, "cong_van › ngay", "ngày 11/13/2024 không có trong lịch: không có tháng 13"),),
    ),
    # ---- encodings
    Case(
        "encoding-windows-1258",
        "bảng mã",
        encode(KT, "cp1258"),
        dossier(),
        (re.escape(KT) + LINE + re.escape("tệp không ở bảng mã UTF-8"),),
    ),
    Case(
        "encoding-tcvn3",
        "bảng mã",
        tcvn3(CD),
        draft(),
        (re.escape(CD) + LINE + re.escape("tệp không ở bảng mã UTF-8 (có thể là TCVN3"),),
    ),
    Case(
        "encoding-tcvn3-profile",
        "bảng mã",
        tcvn3(PROFILE),
        draft(),
        (re.escape(PROFILE) + LINE + re.escape("tệp không ở bảng mã UTF-8"),),
    ),
    # ---- YAML that attacks the reader
    Case(
        "alias-bomb",
        "bí danh lồng nhau",
        write_bytes(KT, BOMB.encode()),
        dossier(),
        (re.escape(KT) + re.escape(": tệp có quá nhiều giá trị"),),
    ),
    Case(
        "unsafe-tag-python-object",
        "thẻ không an toàn",
        sub(
            KT,
            "de_nghi:\n",
            "x: !!python/object/apply:os.system ['touch /tmp/thidua-pwned']\nde_nghi:\n",
        ),
        dossier(),
        (
            re.escape(KT)
            + LINE
            + re.escape("thẻ YAML '!!python/object/apply:os.system' không được dùng"),
        ),
    ),
    Case(
        "unsafe-tag-python-name",
        "thẻ không an toàn",
        sub(CD, "  ket_thuc: 2024-12-31", "  ket_thuc: !!python/name:os.system"),
        draft(),
        (re.escape(CD) + LINE + re.escape("thẻ YAML '!!python/name:os.system' không được dùng"),),
    ),
    # ---- file references leaving the campaign
    Case(
        "path-traversal-co-quan",
        "đường dẫn tệp",
        sub(
            CD,
            "co_quan: ../co-quan/bhxh-viet-nam-2024.yaml",
            "co_quan: ../../../../../../../../../../etc/passwd",
        ),
        draft(),
        (at(CD, "co_quan", "hồ sơ cơ quan là một tệp .yaml"),),
    ),
    Case(
        "path-traversal-co-quan-missing",
        "đường dẫn tệp",
        sub(CD, "co_quan: ../co-quan/bhxh-viet-nam-2024.yaml", "co_quan: ../../../x/y.yaml"),
        draft(),
        (at(CD, "co_quan", "không tìm thấy tệp hồ sơ cơ quan"),),
    ),
    Case(
        "path-traversal-de-nghi",
        "đường dẫn tệp",
        sub(f"{Y2017}/khen-thuong.yaml", "de_nghi: danh-sach-de-nghi.yaml", "de_nghi: ../x.yaml"),
        dossier(Y2017),
        (
            at(
                f"{Y2017}/khen-thuong.yaml",
                "de_nghi",
                "tệp danh sách phải nằm trong thư mục chiến dịch",
            ),
            re.escape("(giá trị: '../x.yaml')"),
        ),
    ),
    Case(
        "path-traversal-de-nghi-etc-passwd",
        "đường dẫn tệp",
        sub(
            f"{Y2017}/khen-thuong.yaml",
            "de_nghi: danh-sach-de-nghi.yaml",
            "de_nghi: ../../../../../../../../etc/passwd",
        ),
        dossier(Y2017),
        (at(f"{Y2017}/khen-thuong.yaml", "de_nghi", "tệp danh sách phải nằm trong thư mục"),),
    ),
    Case(
        "path-traversal-danh-sach",
        "đường dẫn tệp",
        sub(KT, "de_nghi:\n", "danh_sach: ../../../etc/passwd.xlsx\nde_nghi:\n"),
        dossier(),
        (at(KT, "danh_sach", "tệp danh sách phải nằm trong thư mục chiến dịch"),),
    ),
    # ---- control characters
    Case(
        "control-char-escaped-in-name",
        "ký tự điều khiển",
        sub(KT, "ho_ten: Trần Văn Nam", 'ho_ten: "Trần Văn\\x07 Nam"'),
        dossier(),
        (at(KT, "de_nghi › mục 1 › ca_nhan › mục 2 › ho_ten", "có ký tự điều khiển U+0007"),),
    ),
    Case(
        "control-char-newline-in-name",
        "ký tự điều khiển",
        sub(KT, "ten: Bảo hiểm xã hội tỉnh Bắc Ninh", 'ten: "Bảo hiểm xã hội\\ntỉnh Bắc Ninh"'),
        dossier(),
        (
            at(
                KT,
                "de_nghi › mục 1 › tap_the › mục 2 › ten",
                "tên viết trên một dòng: có ký tự điều khiển U+000A (xuống dòng)",
            ),
        ),
    ),
    Case(
        "control-char-raw-in-campaign",
        "ký tự điều khiển",
        sub(CD, "  phong trào thi đua", "  phong\x08 trào thi đua"),
        draft(),
        (re.escape(CD) + LINE + re.escape("có ký tự điều khiển U+0008"),),
    ),
    Case(
        "control-char-c1-nel",
        "ký tự điều khiển",
        sub(CD, "  phong trào thi đua", "  phong\x85 trào thi đua"),
        draft(),
        (re.escape(CD) + LINE + re.escape("có ký tự điều khiển U+0085"),),
    ),
    Case(
        "control-char-escaped-in-profile",
        "ký tự điều khiển",
        sub(PROFILE, "dia_danh: Hà Nội", 'dia_danh: "Hà\\x1bNội"'),
        draft(),
        (at(PROFILE, "dia_danh", "có ký tự điều khiển U+001B"),),
    ),
    Case(
        "control-char-in-award-workbook",
        "ký tự điều khiển",
        both(
            award_workbook(
                [[1, "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam", "Đội@@ Thu", 12]]
            ),
            escaped(f"{Y2024}/danh-sach.xlsx", "@@", "_x001F_"),
        ),
        dossier(),
        (
            re.escape(
                f"{Y2024}/danh-sach.xlsx: trang 'Tập thể', ô C2: Tên tập thể có ký tự "
                "điều khiển U+001F"
            ),
        ),
    ),
    Case(
        "control-char-in-results",
        "ký tự điều khiển",
        both(
            cells(RESULTS, "BHXH tỉnh", {"A3": "BHXH@@ tỉnh X"}),
            escaped(RESULTS, "@@", "_x0001_"),
        ),
        evaluate(),
        (re.escape(f"{RESULTS}: trang 'BHXH tỉnh', ô A3: có ký tự điều khiển U+0001"),),
    ),
    # ---- the award list's own rules
    Case(
        "money-zero-headcount",
        "tiền thưởng 0 đồng",
        sub(KT, "bien_che: 312", "bien_che: 0"),
        dossier(),
        (
            at(
                KT,
                "de_nghi › mục 1 › tap_the › mục 2 › bien_che",
                "tiền thưởng của Bảo hiểm xã hội tỉnh Bắc Ninh bằng 0 đồng "
                "(130.000 đồng/người × biên chế 0 người)",
            ),
        ),
    ),
    Case(
        "money-zero-fixed",
        "tiền thưởng 0 đồng",
        sub(
            KT,
            "        chuc_vu: Chuyên viên\n",
            "        chuc_vu: Chuyên viên\n        tien_thuong: {co_dinh: 0}\n",
        ),
        dossier(),
        (
            at(
                KT,
                "de_nghi › mục 1 › ca_nhan › mục 3 › tien_thuong › co_dinh",
                "tiền thưởng của Lê Thị Mai bằng 0 đồng (tiền thưởng cố định co_dinh là 0)",
            ),
        ),
    ),
    Case(
        "money-zero-per-head",
        "tiền thưởng 0 đồng",
        sub(KT, "tien_thuong_tap_the: {moi_nguoi: 130000}", "tien_thuong_tap_the: {moi_nguoi: 0}"),
        dossier(),
        (
            at(
                KT,
                "de_nghi › mục 1 › tien_thuong_tap_the › moi_nguoi",
                "tiền thưởng của Bảo hiểm xã hội thành phố Hà Nội bằng 0 đồng",
            ),
        ),
    ),
    Case(
        "individual-outside-awarded-units",
        "cá nhân ngoài tập thể",
        sub(KT, "don_vi: Bảo hiểm xã hội tỉnh Bắc Ninh", "don_vi: Bảo hiểm xã hội tỉnh Nam Định"),
        dossier(),
        (
            at(
                KT,
                "de_nghi › mục 1 › ca_nhan › mục 3 › don_vi",
                "đơn vị không có trong danh sách tập thể được khen thưởng",
            ),
            re.escape("theo chien-dich.yaml › danh_gia › nhom › ca_nhan_toi_da"),
        ),
    ),
    Case(
        "individual-outside-explicit-key",
        "cá nhân ngoài tập thể",
        both(
            sub(CD, "      ca_nhan_toi_da: 5\n", ""),
            sub(KT, "de_nghi:\n", "ca_nhan_thuoc_tap_the: true\nde_nghi:\n"),
            sub(KT, FIRST_UNIT + "\n", ""),
        ),
        dossier(),
        (
            at(
                KT,
                "de_nghi › mục 1 › ca_nhan › mục 1 › don_vi",
                "đơn vị không có trong danh sách tập thể được khen thưởng",
            ),
            re.escape("theo khen-thuong.yaml › ca_nhan_thuoc_tap_the"),
        ),
    ),
    Case(
        "empty-award-list",
        "danh sách trống",
        cut(KT, "    tap_the:\n", "\nto_trinh:", "    tap_the: []\n    ca_nhan: []\n"),
        dossier(),
        (
            at(
                KT,
                "de_nghi",
                "danh sách đề nghị chưa có tập thể hay cá nhân nào (tap_the, ca_nhan trống ở mọi "
                "hình thức khen thưởng)",
            ),
        ),
    ),
    Case(
        "empty-award-list-workbook",
        "danh sách trống",
        both(
            cut(KT, "    tap_the:\n", "\nto_trinh:", "    tap_the: []\n"),
            award_workbook([]),
        ),
        dossier(),
        (re.escape(f"{Y2024}/danh-sach.xlsx: chưa có tập thể hay cá nhân nào"),),
    ),
    # ---- results workbook
    Case(
        "results-formula-without-value",
        "công thức chưa tính",
        cells(RESULTS, "BHXH tỉnh", {"C5": "=B5*2", "D7": "=SUM(D2:D6)"}),
        evaluate(),
        (
            re.escape(
                f"{RESULTS}: trang 'BHXH tỉnh': ô C5, D7 đều là công thức chưa có giá trị; "
                "mở tệp trong Excel và lưu lại"
            ),
        ),
    ),
    Case(
        "results-formula-people-sheet",
        "công thức chưa tính",
        cells(RESULTS, "Cá nhân", {"A2": "=UPPER(B2)"}),
        evaluate(),
        (
            re.escape(
                f"{RESULTS}: trang 'Cá nhân': ô A2 là công thức chưa có giá trị; "
                "mở tệp trong Excel và lưu lại"
            ),
        ),
    ),
    Case(
        "results-text-in-number",
        "ô không đọc được",
        cells(RESULTS, "BHXH tỉnh", {"D5": "nhiều"}),
        evaluate(),
        (re.escape(f"{RESULTS}: trang 'BHXH tỉnh', ô D5: cần một số cho"),),
    ),
    Case(
        "results-date-as-name",
        "ô không đọc được",
        cells(RESULTS, "BHXH tỉnh", {"A4": dt.datetime(2024, 5, 1)}),
        evaluate(),
        (
            re.escape(
                f"{RESULTS}: trang 'BHXH tỉnh', ô A4: cần văn bản, nhưng Excel đã hiểu ô này là "
                "ngày tháng"
            ),
        ),
    ),
    Case(
        "results-not-a-zip",
        "sổ tính hỏng",
        write_bytes(RESULTS, "Tên đơn vị,Số thu\nA,1\n".encode()),
        evaluate(),
        (re.escape("không đọc được như một sổ tính Excel: đây không phải tệp .xlsx"),),
    ),
    Case(
        "results-xls-or-password",
        "sổ tính hỏng",
        write_bytes(RESULTS, OLE),
        evaluate(),
        (re.escape("tệp có đặt mật khẩu hoặc là định dạng Excel 97-2003 (.xls)"),),
    ),
    Case(
        "results-truncated-zip",
        "sổ tính hỏng",
        truncate(RESULTS, 3000),
        evaluate(),
        (re.escape(f"Tệp {{root}}/{RESULTS} không đọc được như một sổ tính Excel"),),
    ),
    # ---- award-list workbook
    Case(
        "award-workbook-not-a-zip",
        "sổ tính hỏng",
        both(
            award_workbook([]),
            write_bytes(f"{Y2024}/danh-sach.xlsx", b"<html>not a workbook</html>"),
        ),
        dossier(),
        (re.escape("không đọc được như một sổ tính Excel: đây không phải tệp .xlsx"),),
    ),
    Case(
        "award-workbook-password",
        "sổ tính hỏng",
        both(award_workbook([]), write_bytes(f"{Y2024}/danh-sach.xlsx", OLE)),
        dossier(),
        (re.escape("tệp có đặt mật khẩu hoặc là định dạng Excel 97-2003 (.xls)"),),
    ),
    Case(
        "award-workbook-formula",
        "công thức chưa tính",
        award_workbook(
            [[1, "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam", "Đội Thu", "=2*6"]]
        ),
        dossier(),
        (
            re.escape(
                f"{Y2024}/danh-sach.xlsx: trang 'Tập thể', ô D2: ô có công thức nhưng chưa có "
                "giá trị đã tính"
            ),
        ),
    ),
    Case(
        "award-workbook-zero-headcount",
        "tiền thưởng 0 đồng",
        award_workbook([[1, "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam", "Đội Thu", 0]]),
        dossier(),
        (re.escape("tiền thưởng của Đội Thu bằng 0 đồng (130.000 đồng/người × biên chế 0 người)"),),
    ),
    # ---- templates edited by office staff
    Case(
        "render-sandbox-class-mro",
        "thoát sandbox mẫu",
        template("{{ ''.__class__.__mro__[1].__subclasses__() }}"),
        RENDER,
        (re.escape("truy cập thuộc tính '__class__' của đối tượng 'str'"),),
    ),
    Case(
        "render-sandbox-cycler-globals",
        "thoát sandbox mẫu",
        template("{{ cycler.__init__.__globals__.os.system('touch /tmp/thidua-pwned') }}"),
        RENDER,
        (re.escape("biến 'cycler' không có trong dữ liệu"),),
    ),
    Case(
        "render-sandbox-format-string",
        "thoát sandbox mẫu",
        template("{{ '{0.__class__.__mro__}'.format(ten) }}"),
        RENDER,
        (re.escape("mẫu dùng một thao tác bị cấm vì lý do an toàn"),),
    ),
]


def _tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` with the SHA-256 of its bytes (folders included, as empty)."""
    return {
        str(path.relative_to(root)): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<thư mục>"
        )
        for path in sorted(root.rglob("*"))
    }


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Copies of the example campaigns and their profiles, to be broken."""
    target = tmp_path / "campaigns"
    for name in (Y2024, Y2017, "co-quan"):
        shutil.copytree(CAMPAIGNS / name, target / name, ignore=shutil.ignore_patterns("du-thao"))
    return target


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_refused_and_nothing_is_written(
    case: Case, root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)  # messages name files as given: relative to the campaigns folder
    case.edit(root)
    before = _tree(root)
    args = [arg.replace("{root}/", "") for arg in case.command]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == case.code, err
    assert out == ""
    assert err.startswith("Lỗi: "), err
    for unsafe in ("Traceback", "Lỗi nội bộ", "Error:", "Exception"):
        assert unsafe not in err, err
    for pattern in case.expected:
        assert re.search(pattern.replace(re.escape("{root}/"), ""), err), (pattern, err)
    assert _tree(root) == before
    assert not Path("/tmp/thidua-pwned").exists()


def test_the_table_covers_every_category() -> None:
    categories = {case.category for case in CASES}
    assert categories >= {
        "cú pháp YAML",
        "kiểu giá trị",
        "ngày",
        "bảng mã",
        "bí danh lồng nhau",
        "thẻ không an toàn",
        "đường dẫn tệp",
        "ký tự điều khiển",
        "tiền thưởng 0 đồng",
        "cá nhân ngoài tập thể",
        "danh sách trống",
        "công thức chưa tính",
        "ô không đọc được",
        "sổ tính hỏng",
        "thoát sandbox mẫu",
    }
    assert len({case.id for case in CASES}) == len(CASES)


def test_the_example_dossier_is_still_built(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fixtures break what each case says and nothing else: unbroken, the dossier is written."""
    monkeypatch.chdir(root)
    assert main(["dossier", Y2024]) == 0, capsys.readouterr().err


def test_individuals_of_other_units_when_the_list_says_so(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ca_nhan_thuoc_tap_the: false lets a list name individuals of units not awarded."""
    monkeypatch.chdir(root)
    sub(KT, "don_vi: Bảo hiểm xã hội tỉnh Bắc Ninh", "don_vi: Bảo hiểm xã hội tỉnh Nam Định")(root)
    sub(KT, "de_nghi:\n", "ca_nhan_thuoc_tap_the: false\nde_nghi:\n")(root)
    assert main(["dossier", Y2024]) == 0, capsys.readouterr().err
