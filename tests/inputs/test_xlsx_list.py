"""The award list kept in Excel: read into the model's shape, every mistake located, template written."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from thidua_docs.errors import InputError, OutputError
from thidua_docs.inputs.award_workbook import read_award_list, write_award_list_template
from thidua_docs.schema import CaNhanDeNghi, TapTheDeNghi

TT = "Tập thể"
CN = "Cá nhân"
BK = "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam"
GK = "Giấy khen"

TT_HEAD = [
    "STT",
    "Hình thức khen thưởng",
    "Tên tập thể",
    "Biên chế",
    "Tiền thưởng/người",
    "Tiền thưởng",
    "Hệ số",
    "Thành tích",
    "Số phiếu đồng ý",
]
CN_HEAD = [
    "STT",
    "Hình thức khen thưởng",
    "Họ và tên",
    "Chức vụ",
    "Đơn vị",
    "Tiền thưởng",
    "Hệ số",
    "Thành tích",
    "Số phiếu đồng ý",
]
#: One good row of each sheet; the cases below change one cell of it.
TT_ROW = [1, BK, "Bảo hiểm xã hội tỉnh Bắc Ninh", 312, None, None, None, None, None]
CN_ROW = [1, BK, "Lê Thị Mai", "Chuyên viên", "Bảo hiểm xã hội tỉnh Bắc Ninh", None, None, None]

Sheets = dict[str, list[list[Any]]]
Edit = Callable[[openpyxl.Workbook], None]


def make(
    tmp_path: Path, sheets: Sheets, edit: Edit | None = None, name: str = "danh-sach.xlsx"
) -> Path:
    """A workbook with the given sheets (rows from row 1), optionally edited before saving."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.worksheets[0])
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    if edit is not None:
        edit(workbook)
    path = tmp_path / name
    workbook.save(path)
    return path


def patch(path: Path, old: str, new: str, member: str = "xl/worksheets/sheet1.xml") -> None:
    """Replace text inside one part of a saved workbook (what Excel would have written)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    text = parts[member].decode("utf-8")
    assert old in text, text
    parts[member] = text.replace(old, new).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for filename, data in parts.items():
            out.writestr(filename, data)


def messages(path: Path, sheets: Sheets, edit: Edit | None = None) -> list[str]:
    """The problems of a workbook made from ``sheets``, as the clerk reads them."""
    _, problems = read_award_list(make(path, sheets, edit))
    return [str(problem) for problem in problems]


def prefixed(path: Path, expected: list[str]) -> list[str]:
    return [f"{path / 'danh-sach.xlsx'}: {line}" for line in expected]


# ------------------------------------------------------------------------------- a good list


def test_good_workbook_is_read_into_the_award_structure(tmp_path: Path) -> None:
    """Numbers as clerks type them become int/Decimal, STT is ignored, award kinds keep their order."""
    path = make(
        tmp_path,
        {
            TT: [
                TT_HEAD,
                [1, BK, "Bảo hiểm xã hội thành phố Hà Nội", "1.215", "130.000 đ"],
                [2, BK, "  Bảo hiểm xã hội tỉnh Bắc Ninh ", 312, 130001],
                [3, GK, "Ban Quản lý Thu - Sổ, Thẻ", "64", None, "5.000.000 đồng", None, None, 4],
                [None],
                [4, BK, "Ban Thu", None, " ", None, 3, "dẫn đầu khối", "5"],
            ],
            CN: [
                CN_HEAD,
                [
                    1,
                    BK,
                    "Nguyễn Thị Thu Hằng",
                    "Phó Giám đốc",
                    "BHXH thành phố Hà Nội",
                    None,
                    "1,5",
                ],
                [2, BK, "Lê Thị Mai", None, "BHXH tỉnh Bắc Ninh", None, "1.5"],
                [3, BK, "Lê Thị Mai", "Chuyên viên", "BHXH tỉnh Nam Định", None, 1.5],
                [4, GK, unicodedata.normalize("NFD", "Phạm Đức Long"), None, "Ban Thu", 5_000_000],
            ],
        },
    )
    patch(path, "<v>130001</v>", "<v>130000.0</v>")  # a numeric cell Excel stored as a float

    result, problems = read_award_list(path)

    assert problems == []
    assert list(result) == [BK, GK]
    assert result == {
        BK: {
            "tap_the": [
                {
                    "ten": "Bảo hiểm xã hội thành phố Hà Nội",
                    "bien_che": 1215,
                    "tien_thuong": {"moi_nguoi": 130000},
                },
                {
                    "ten": "Bảo hiểm xã hội tỉnh Bắc Ninh",
                    "bien_che": 312,
                    "tien_thuong": {"moi_nguoi": 130000},
                },
                {
                    "ten": "Ban Thu",
                    "tien_thuong": {"he_so": Decimal("3")},
                    "thanh_tich": "dẫn đầu khối",
                    "phieu_dong_y": 5,
                },
            ],
            "ca_nhan": [
                {
                    "ho_ten": "Nguyễn Thị Thu Hằng",
                    "chuc_vu": "Phó Giám đốc",
                    "don_vi": "BHXH thành phố Hà Nội",
                    "tien_thuong": {"he_so": Decimal("1.5")},
                },
                {
                    "ho_ten": "Lê Thị Mai",
                    "don_vi": "BHXH tỉnh Bắc Ninh",
                    "tien_thuong": {"he_so": Decimal("1.5")},
                },
                {
                    "ho_ten": "Lê Thị Mai",
                    "chuc_vu": "Chuyên viên",
                    "don_vi": "BHXH tỉnh Nam Định",
                    "tien_thuong": {"he_so": Decimal("1.5")},
                },
            ],
        },
        GK: {
            "tap_the": [
                {
                    "ten": "Ban Quản lý Thu - Sổ, Thẻ",
                    "bien_che": 64,
                    "tien_thuong": {"co_dinh": 5_000_000},
                    "phieu_dong_y": 4,
                }
            ],
            "ca_nhan": [
                {
                    "ho_ten": "Phạm Đức Long",
                    "don_vi": "Ban Thu",
                    "tien_thuong": {"co_dinh": 5_000_000},
                }
            ],
        },
    }
    money = result[BK]["tap_the"][1]["tien_thuong"]["moi_nguoi"]
    assert type(money) is int  # not the float 130000.0 the cell holds


def test_rows_without_a_coefficient_validate_against_the_models(tmp_path: Path) -> None:
    """Row dicts are accepted as they are by TapTheDeNghi and CaNhanDeNghi."""
    path = make(
        tmp_path,
        {
            TT: [TT_HEAD, [1, BK, "BHXH Hà Nội", "1.215", "130.000 đ", None, None, "tốt", 4]],
            CN: [CN_HEAD, [1, BK, "Trần Văn Nam", "Trưởng phòng", "BHXH Hà Nội", 5_000_000]],
        },
    )
    result, problems = read_award_list(path)
    assert problems == []
    tap_the = TapTheDeNghi.model_validate(result[BK]["tap_the"][0])
    ca_nhan = CaNhanDeNghi.model_validate(result[BK]["ca_nhan"][0])
    assert tap_the.bien_che == 1215
    assert tap_the.tien_thuong is not None and tap_the.tien_thuong.moi_nguoi == 130000
    assert ca_nhan.tien_thuong is not None and ca_nhan.tien_thuong.co_dinh == 5_000_000


def test_coefficient_row_validates_against_the_model(tmp_path: Path) -> None:
    """A row with Hệ số (a Decimal) is accepted by CaNhanDeNghi."""
    path = make(
        tmp_path, {CN: [CN_HEAD, [1, BK, "Lê Thị Mai", None, "BHXH Bắc Ninh", None, "1,5"]]}
    )
    result, problems = read_award_list(path)
    assert problems == []
    model = CaNhanDeNghi.model_validate(result[BK]["ca_nhan"][0])
    assert model.tien_thuong is not None and model.tien_thuong.he_so == Decimal("1.5")


@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [
        pytest.param("Biên chế", "1.215", 1215, id="thousands-dot"),
        pytest.param("Biên chế", "1 215", 1215, id="thousands-space"),
        pytest.param("Biên chế", "1\u00a0215", 1215, id="thousands-nbsp"),
        pytest.param("Biên chế", "1215", 1215, id="plain-text"),
        pytest.param("Biên chế", 1215, 1215, id="numeric"),
        pytest.param("Biên chế", "64 người", 64, id="unit-nguoi"),
        pytest.param("Số phiếu đồng ý", "4 phiếu", 4, id="unit-phieu"),
        pytest.param("Tiền thưởng/người", "130.000 đ", 130000, id="money-d"),
        pytest.param("Tiền thưởng/người", "130.000đ", 130000, id="money-d-no-space"),
        pytest.param("Tiền thưởng/người", "130.000 đồng", 130000, id="money-dong"),
        pytest.param("Tiền thưởng/người", "130.000 đồng/người", 130000, id="money-dong-per-head"),
        pytest.param("Tiền thưởng/người", "130 000 VNĐ", 130000, id="money-vnd"),
        pytest.param("Tiền thưởng", "1.000.000", 1000000, id="money-millions"),
        pytest.param("Hệ số", "1,5", Decimal("1.5"), id="coefficient-comma"),
        pytest.param("Hệ số", "1.5", Decimal("1.5"), id="coefficient-point"),
        pytest.param("Hệ số", 1.5, Decimal("1.5"), id="coefficient-numeric"),
        pytest.param("Hệ số", "0,3", Decimal("0.3"), id="coefficient-below-one"),
        pytest.param("Hệ số", 0.3, Decimal("0.3"), id="coefficient-numeric-inexact-binary"),
        pytest.param("Hệ số", 7, Decimal("7"), id="coefficient-int"),
    ],
)
def test_numbers_as_clerks_type_them(
    tmp_path: Path, header: str, value: Any, expected: int | Decimal
) -> None:
    """Each Vietnamese way of writing a number is read exactly, with the right type."""
    key = {
        "Biên chế": "bien_che",
        "Số phiếu đồng ý": "phieu_dong_y",
        "Tiền thưởng/người": "moi_nguoi",
        "Tiền thưởng": "co_dinh",
        "Hệ số": "he_so",
    }[header]
    path = make(
        tmp_path, {TT: [["Hình thức khen thưởng", "Tên tập thể", header], [BK, "Ban Thu", value]]}
    )
    result, problems = read_award_list(path)
    assert problems == []
    row = result[BK]["tap_the"][0]
    got = row[key] if key in row else row["tien_thuong"][key]
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize(
    ("headers", "sheet"),
    [
        pytest.param(["Hình thức khen thưởng", "Họ và tên", "Đơn vị"], CN, id="exact"),
        pytest.param(["HÌNH THỨC KHEN THƯỞNG", "HỌ VÀ TÊN", "ĐƠN VỊ"], CN, id="capitals"),
        pytest.param(
            [
                unicodedata.normalize("NFD", h)
                for h in ("Hình thức khen thưởng", "Họ và tên", "Đơn vị")
            ],
            unicodedata.normalize("NFD", CN),
            id="nfd",
        ),
        pytest.param(
            ["  Hình  thức khen thưởng ", "Họ và  tên", " Đơn vị"], f" {CN} ", id="spaces"
        ),
        pytest.param(
            ["Hinh thuc khen thuong", "Ho va ten", "Don vi"], "ca nhan", id="no-diacritics"
        ),
        pytest.param(
            ["Hình thức", "Họ tên", "Đơn vị công tác (ghi đầy đủ)"], "CÁ NHÂN", id="aliases-unit"
        ),
    ],
)
def test_headers_and_sheet_names_are_matched_tolerantly(
    tmp_path: Path, headers: list[str], sheet: str
) -> None:
    """Case, NFC/NFD, extra spaces, a trailing "(unit)", missing diacritics and aliases all match."""
    path = make(tmp_path, {sheet: [headers, [BK, "Lê Thị Mai", "Ban Thu"]]})
    result, problems = read_award_list(path)
    assert problems == []
    assert result == {
        BK: {"tap_the": [], "ca_nhan": [{"ho_ten": "Lê Thị Mai", "don_vi": "Ban Thu"}]}
    }


@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [
        pytest.param("Tiền thưởng (đồng/người)", 130000, {"moi_nguoi": 130000}, id="per-head-unit"),
        pytest.param("Tiền thưởng (đồng)", 5000000, {"co_dinh": 5000000}, id="fixed-unit"),
        pytest.param("Tiền thưởng / người", 130000, {"moi_nguoi": 130000}, id="slash-spaces"),
    ],
)
def test_money_header_unit_decides_per_head_or_fixed(
    tmp_path: Path, header: str, value: int, expected: dict[str, int]
) -> None:
    """A "(đồng/người)" unit makes Tiền thưởng an amount per head; "(đồng)" keeps it fixed."""
    path = make(
        tmp_path, {TT: [["Hình thức khen thưởng", "Tên tập thể", header], [BK, "Ban Thu", value]]}
    )
    result, problems = read_award_list(path)
    assert problems == []
    assert result[BK]["tap_the"][0]["tien_thuong"] == expected


def test_unknown_columns_are_ignored(tmp_path: Path) -> None:
    """Columns a clerk adds on purpose (Ghi chú, Thành tiền) are neither read nor reported."""
    path = make(
        tmp_path,
        {
            TT: [
                ["Hình thức khen thưởng", "Tên tập thể", "Ghi chú", "Thành tiền"],
                [BK, "Ban Thu", "x", 1],
            ]
        },
    )
    assert read_award_list(path) == ({BK: {"tap_the": [{"ten": "Ban Thu"}], "ca_nhan": []}}, [])


def test_formula_with_a_cached_value_is_read(tmp_path: Path) -> None:
    """A formula Excel has computed gives its value (the file is read with data_only)."""
    path = make(tmp_path, {TT: [TT_HEAD, [1, BK, "Ban Thu", "=60+4"]]})
    patch(path, "<f>60+4</f><v></v>", "<f>60+4</f><v>64</v>")
    result, problems = read_award_list(path)
    assert problems == []
    assert result[BK]["tap_the"][0]["bien_che"] == 64


# ------------------------------------------------------------------------------ one bad cell


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        pytest.param(
            "D",
            "khoảng 1200",
            "ô D2: Biên chế cần là một số nguyên, ví dụ 1.215 (giá trị: 'khoảng 1200')",
            id="text-in-number",
        ),
        pytest.param("D", -5, "ô D2: Biên chế không được là số âm (giá trị: -5)", id="negative"),
        pytest.param(
            "D", "-5", "ô D2: Biên chế không được là số âm (giá trị: '-5')", id="negative-text"
        ),
        pytest.param(
            "D",
            1215.5,
            "ô D2: Biên chế cần là số nguyên, không có phần lẻ (giá trị: 1215.5)",
            id="fraction",
        ),
        pytest.param(
            "D",
            "1.215,5",
            "ô D2: Biên chế cần là số nguyên; dấu phẩy là dấu thập phân, hàng nghìn ghi bằng dấu "
            "chấm (ví dụ 1.215) (giá trị: '1.215,5')",
            id="fraction-text",
        ),
        pytest.param(
            "E",
            "130,000",
            "ô E2: Tiền thưởng/người cần là số đồng chẵn; dấu phẩy là dấu thập phân, hàng nghìn "
            "ghi bằng dấu chấm (ví dụ 130.000) (giá trị: '130,000')",
            id="english-thousands",
        ),
        pytest.param(
            "F",
            1500.5,
            "ô F2: Tiền thưởng cần là số đồng chẵn, không có phần lẻ (giá trị: 1500.5)",
            id="money-fraction",
        ),
        pytest.param(
            "F",
            "năm triệu",
            "ô F2: Tiền thưởng cần là số tiền bằng đồng, ví dụ 5.000.000 hoặc 5.000.000 đồng "
            "(giá trị: 'năm triệu')",
            id="money-words",
        ),
        pytest.param("G", 0, "ô G2: Hệ số cần lớn hơn 0 (giá trị: 0)", id="coefficient-zero"),
        pytest.param(
            "G",
            "một rưỡi",
            "ô G2: Hệ số cần là một số, ví dụ 1,5 (giá trị: 'một rưỡi')",
            id="coefficient-words",
        ),
        pytest.param(
            "I",
            True,
            "ô I2: Số phiếu đồng ý cần là một số nguyên, ví dụ 5 (giá trị: True)",
            id="boolean",
        ),
        pytest.param(
            "D",
            dt.datetime(2024, 5, 1),
            "ô D2: Biên chế cần là một số, nhưng Excel đã hiểu ô này là ngày tháng; hãy định dạng "
            "ô là Number (Số) rồi ghi lại giá trị (giá trị: datetime.datetime(2024, 5, 1, 0, 0))",
            id="date",
        ),
        pytest.param(
            "C", 1.5, "ô C2: Tên tập thể cần là văn bản (giá trị: 1.5)", id="number-in-text"
        ),
        pytest.param(
            "C",
            "   ",
            "ô C2: Tên tập thể không được để trống (cột bắt buộc)",
            id="required-blank",
        ),
        pytest.param(
            "B",
            None,
            "ô B2: Hình thức khen thưởng không được để trống (cột bắt buộc)",
            id="required-empty",
        ),
    ],
)
def test_bad_cell_is_reported_at_its_place(
    tmp_path: Path, column: str, value: Any, expected: str
) -> None:
    """One wrong cell gives exactly one problem naming the sheet, the cell and the value."""

    def edit(workbook: openpyxl.Workbook) -> None:
        workbook[TT][f"{column}2"] = value

    result, problems = read_award_list(make(tmp_path, {TT: [TT_HEAD, TT_ROW]}, edit))
    assert [str(p) for p in problems] == prefixed(tmp_path, [f"trang '{TT}', {expected}"])
    assert result == {}  # the row is left out


# --------------------------------------------------------------------- bad sheets and rows


def _merge(cells: str, title: str = TT) -> Edit:
    def edit(workbook: openpyxl.Workbook) -> None:
        workbook[title].merge_cells(cells)

    return edit


def _formula(cell: str, formula: str, title: str = TT) -> Edit:
    def edit(workbook: openpyxl.Workbook) -> None:
        workbook[title][cell] = formula

    return edit


STRUCTURE_CASES = [
    pytest.param(
        {TT: [["STT", "Hình thức khen thưởng", "Biên chế"], [1, BK, 64]]},
        None,
        [
            "trang 'Tập thể': thiếu cột bắt buộc 'Tên tập thể'; các cột đang có: 'STT', "
            "'Hình thức khen thưởng', 'Biên chế'"
        ],
        id="missing-required-column",
    ),
    pytest.param(
        {CN: [[None, None], [BK, "Lê Thị Mai"]]},
        None,
        [
            "trang 'Cá nhân': thiếu cột bắt buộc 'Hình thức khen thưởng'; các cột đang có: (dòng 1 trống)",
            "trang 'Cá nhân': thiếu cột bắt buộc 'Họ và tên'; các cột đang có: (dòng 1 trống)",
            "trang 'Cá nhân': thiếu cột bắt buộc 'Đơn vị'; các cột đang có: (dòng 1 trống)",
            "chưa có tập thể hay cá nhân nào: trang 'Tập thể' và 'Cá nhân' đều trống hoặc không có",
        ],
        id="no-header-row",
    ),
    pytest.param(
        {TT: [TT_HEAD, [1, BK, "Ban Thu", 64, "130.000", None, "1,5"]]},
        None,
        [
            "trang 'Tập thể', ô G2: mỗi dòng chỉ ghi một cách tính tiền thưởng, dòng 2 ghi cả "
            "'Tiền thưởng/người' (E2) và 'Hệ số' (G2) (giá trị: '1,5')"
        ],
        id="two-money-columns",
    ),
    pytest.param(
        {TT: [TT_HEAD, [1, BK, "Ban Thu", 64], [2, GK, "Ban Thu", 64], [3, BK, "ban  thu", 60]]},
        None,
        [
            "trang 'Tập thể', ô C4: dòng 4 trùng với dòng 2: cùng hình thức khen thưởng và tên "
            "tập thể (giá trị: 'ban thu')"
        ],
        id="duplicate-collective",
    ),
    pytest.param(
        {
            CN: [
                CN_HEAD,
                [1, BK, "Lê Thị Mai", None, "BHXH Bắc Ninh"],
                [2, BK, "Lê Thị Mai", None, "BHXH Nam Định"],
                [3, BK, "Lê Thị Mai", "Chuyên viên", "BHXH Bắc Ninh"],
            ]
        },
        None,
        [
            "trang 'Cá nhân', ô C4: dòng 4 trùng với dòng 2: cùng hình thức khen thưởng, họ và "
            "tên, đơn vị (giá trị: 'Lê Thị Mai')"
        ],
        id="duplicate-individual",
    ),
    pytest.param(
        {TT: [TT_HEAD, TT_ROW]},
        _merge("H1:I1"),
        [
            "trang 'Tập thể', ô H1:I1: ô tiêu đề bị gộp; mỗi cột cần một ô tiêu đề riêng ở dòng "
            "1 — hãy bỏ gộp ô (giá trị: 'Thành tích')"
        ],
        id="merged-header",
    ),
    pytest.param(
        {TT: [TT_HEAD, [1, BK, "Ban Thu"], [2, None, "Ban Thu - Sổ"], [3, None, "Ban Sổ"]]},
        _merge("B2:B4"),
        [
            "trang 'Tập thể', ô B2:B4: ô bị gộp; mỗi dòng cần ghi đủ giá trị của mình — hãy bỏ "
            f"gộp ô và ghi giá trị vào từng dòng (giá trị: '{BK}')"
        ],
        id="merged-data",
    ),
    pytest.param(
        {TT: [TT_HEAD, [1, None, "Ban Thu"], [2, None, "Ban Sổ"]]},
        _merge("B2:B3"),
        [
            "trang 'Tập thể', ô B2:B3: ô bị gộp; mỗi dòng cần ghi đủ giá trị của mình — hãy bỏ "
            "gộp ô và ghi giá trị vào từng dòng",
            "trang 'Tập thể', ô B2: Hình thức khen thưởng không được để trống (cột bắt buộc)",
        ],
        id="merged-data-empty",
    ),
    pytest.param(
        {TT: [["Hình thức khen thưởng", "Tên tập thể", "Bien chee"], [BK, "Ban Thu", 64]]},
        None,
        [
            "trang 'Tập thể', cột C: tiêu đề cột không có trong mẫu; có phải ý là 'Biên chế'? "
            "(cột này đang bị bỏ qua) (giá trị: 'Bien chee')"
        ],
        id="typo-header",
    ),
    pytest.param(
        {CN: [["Hình thức khen thưởng", "Họ và tn", "Đơn vị"], [BK, "Lê Thị Mai", "Ban Thu"]]},
        None,
        [
            "trang 'Cá nhân', cột B: tiêu đề cột không có trong mẫu; có phải ý là 'Họ và tên'? "
            "(cột này đang bị bỏ qua) (giá trị: 'Họ và tn')",
            "trang 'Cá nhân': thiếu cột bắt buộc 'Họ và tên'; các cột đang có: "
            "'Hình thức khen thưởng', 'Họ và tn', 'Đơn vị'",
        ],
        id="typo-of-required-header",
    ),
    pytest.param(
        {TT: [["Hình thức khen thưởng", "Tên tập thể", "Tên đơn vị"], [BK, "Ban Thu", "Ban Thu"]]},
        None,
        [
            "trang 'Tập thể', cột C: cột này trùng với cột B (cùng là 'Tên tập thể'); hãy xóa "
            "hoặc đổi tên một cột (giá trị: 'Tên đơn vị')"
        ],
        id="duplicate-header",
    ),
    pytest.param(
        {
            CN: [
                ["Hình thức khen thưởng", "Họ và tên", "Đơn vị", "Tiền thưởng/người"],
                [BK, "Lê Thị Mai", "Ban Thu", 130000],
            ]
        },
        None,
        [
            "trang 'Cá nhân', cột D: cột 'Tiền thưởng/người' chỉ dùng cho tập thể (nhân với biên "
            "chế); với cá nhân hãy ghi số tiền vào cột 'Tiền thưởng' (cột này đang bị bỏ qua) "
            "(giá trị: 'Tiền thưởng/người')"
        ],
        id="per-head-money-for-individuals",
    ),
    pytest.param(
        {
            CN: [
                ["Hình thức khen thưởng", "Họ và tên", "Đơn vị", "Tiền thưởng (đồng/người)"],
                [BK, "Lê Thị Mai", "Ban Thu", 130000],
            ]
        },
        None,
        [
            "trang 'Cá nhân', cột D: cột 'Tiền thưởng/người' chỉ dùng cho tập thể (nhân với biên "
            "chế); với cá nhân hãy ghi số tiền vào cột 'Tiền thưởng' (cột này đang bị bỏ qua) "
            "(giá trị: 'Tiền thưởng (đồng/người)')"
        ],
        id="per-head-unit-for-individuals",
    ),
    pytest.param(
        {"Sheet1": [["Họ và tên"], ["Lê Thị Mai"]], "Danh sách": []},
        None,
        ["không có trang 'Tập thể' hay 'Cá nhân'; các trang đang có: 'Sheet1', 'Danh sách'"],
        id="both-sheets-missing",
    ),
    pytest.param(
        {TT: [TT_HEAD, [1], [2], [3]], CN: []},
        None,
        ["chưa có tập thể hay cá nhân nào: trang 'Tập thể' và 'Cá nhân' đều trống hoặc không có"],
        id="both-sheets-empty",
    ),
    pytest.param(
        {CN: [CN_HEAD]},
        None,
        ["chưa có tập thể hay cá nhân nào: trang 'Tập thể' và 'Cá nhân' đều trống hoặc không có"],
        id="one-sheet-missing-other-empty",
    ),
    pytest.param(
        {TT: [TT_HEAD, TT_ROW], "tập thể ": [TT_HEAD, TT_ROW]},
        None,
        ["có 2 trang cùng là 'Tập thể' ('Tập thể', 'tập thể'); hãy gộp lại thành một trang"],
        id="two-sheets-same-name",
    ),
    pytest.param(
        {TT: [TT_HEAD, TT_ROW]},
        _formula("D2", "=SUM(D3:D9)"),
        [
            "trang 'Tập thể', ô D2: ô có công thức nhưng chưa có giá trị đã tính (tệp chưa được "
            "lưu bằng Excel); hãy mở tệp bằng Excel rồi lưu lại (giá trị: '=SUM(D3:D9)')"
        ],
        id="formula-without-cached-value",
    ),
    pytest.param(
        {TT: [TT_HEAD, [1]]},
        _formula("D2", "=D9*2"),
        [
            "trang 'Tập thể', ô B2: Hình thức khen thưởng không được để trống (cột bắt buộc)",
            "trang 'Tập thể', ô C2: Tên tập thể không được để trống (cột bắt buộc)",
            "trang 'Tập thể', ô D2: ô có công thức nhưng chưa có giá trị đã tính (tệp chưa được "
            "lưu bằng Excel); hãy mở tệp bằng Excel rồi lưu lại (giá trị: '=D9*2')",
        ],
        id="row-with-only-an-uncomputed-formula",
    ),
]


@pytest.mark.parametrize(("sheets", "edit", "expected"), STRUCTURE_CASES)
def test_bad_workbook_is_reported(
    tmp_path: Path, sheets: Sheets, edit: Edit | None, expected: list[str]
) -> None:
    """Each mistake in the layout or between rows gives exactly the problems listed."""
    assert messages(tmp_path, sheets, edit) == prefixed(tmp_path, expected)


def test_formula_with_an_error_result_is_reported(tmp_path: Path) -> None:
    """A formula whose cached result is an Excel error (#DIV/0!) is a problem, not a value."""
    path = make(tmp_path, {TT: [TT_HEAD, [1, BK, "Ban Thu", "=1/0"]]})
    patch(path, '<c r="D2"><f>1/0</f><v></v></c>', '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    result, problems = read_award_list(path)
    assert [str(p) for p in problems] == [
        f"{path}: trang 'Tập thể', ô D2: công thức trong ô cho kết quả lỗi; hãy sửa công thức "
        "hoặc ghi thẳng giá trị (giá trị: '#DIV/0!')"
    ]
    assert result == {}


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """A file with mistakes in both sheets lists all of them, in sheet and row order."""
    sheets: Sheets = {
        TT: [
            [*TT_HEAD, "Ghi chu", "So phieu dong yy"],
            [1, BK, "Ban Thu", "một nghìn", "130.000"],
            [2, BK, None, -3],
            [3, BK, "Ban Sổ", 12, "130.000", "5.000.000"],
            [4, BK, "Ban Thu", 64],
            [5, GK, "Ban Thẻ", 10.5, None, None, None, None, 3],
        ],
        CN: [
            ["STT", "Hình thức khen thưởng", "Họ và tên", "Chức vụ"],
            [1, BK, "Lê Thị Mai", "Chuyên viên"],
        ],
    }
    expected = [
        "trang 'Tập thể', ô D2: Biên chế cần là một số nguyên, ví dụ 1.215 (giá trị: 'một nghìn')",
        "trang 'Tập thể', ô C3: Tên tập thể không được để trống (cột bắt buộc)",
        "trang 'Tập thể', ô D3: Biên chế không được là số âm (giá trị: -3)",
        "trang 'Tập thể', ô F4: mỗi dòng chỉ ghi một cách tính tiền thưởng, dòng 4 ghi cả "
        "'Tiền thưởng/người' (E4) và 'Tiền thưởng' (F4) (giá trị: '5.000.000')",
        "trang 'Tập thể', ô C5: dòng 5 trùng với dòng 2: cùng hình thức khen thưởng và tên tập "
        "thể (giá trị: 'Ban Thu')",
        "trang 'Tập thể', ô D6: Biên chế cần là số nguyên, không có phần lẻ (giá trị: 10.5)",
        "trang 'Cá nhân': thiếu cột bắt buộc 'Đơn vị'; các cột đang có: 'STT', "
        "'Hình thức khen thưởng', 'Họ và tên', 'Chức vụ'",
    ]
    # "So phieu dong yy" is close to a column already present, so it is another column on purpose.
    result, problems = read_award_list(make(tmp_path, sheets))
    assert [str(p) for p in problems] == prefixed(tmp_path, expected)
    assert result == {}


# ------------------------------------------------------------------------------ not a workbook


def _csv(path: Path) -> None:
    path.write_text("Hình thức khen thưởng,Tên tập thể\nBằng khen,Ban Thu\n", encoding="utf-8")


def _docx(path: Path) -> None:
    docx.Document().save(str(path))


def _ole(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))


def _encrypted_zip(path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(buffer.getvalue())
    # Set the "encrypted" flag where zipfile would have: local header and central directory.
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    data[local + 6] |= 1
    data[central + 8] |= 1
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    make(path.parent, {TT: [TT_HEAD, TT_ROW]}, name="good.xlsx")
    data = (path.parent / "good.xlsx").read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt(path: Path) -> None:
    make(path.parent, {TT: [TT_HEAD, TT_ROW]}, name=path.name)
    patch(path, "<sheets>", "<sheets><broken", member="xl/workbook.xml")


def _ods(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")


def _folder(path: Path) -> None:
    path.mkdir()


def _nothing(path: Path) -> None:
    pass


ADVICE = "Hãy mở tệp bằng Excel và lưu lại dưới dạng Excel Workbook (.xlsx)."


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        pytest.param(
            _csv,
            "Tệp {path} không đọc được như một sổ tính Excel: đây không phải tệp .xlsx (có thể "
            f"là tệp CSV hay tệp khác được đổi đuôi). {ADVICE}",
            id="csv",
        ),
        pytest.param(
            _docx,
            "Tệp {path} không đọc được như một sổ tính Excel: đây là tệp Word (.docx) được đổi "
            f"đuôi. {ADVICE}",
            id="docx",
        ),
        pytest.param(
            _ole,
            "Tệp {path} không đọc được như một sổ tính Excel: tệp có đặt mật khẩu hoặc là định "
            f"dạng Excel 97-2003 (.xls); nếu có mật khẩu, hãy bỏ mật khẩu. {ADVICE}",
            id="password-or-xls",
        ),
        pytest.param(
            _encrypted_zip,
            f"Tệp {{path}} không đọc được như một sổ tính Excel: tệp nén có đặt mật khẩu. {ADVICE}",
            id="encrypted-zip",
        ),
        pytest.param(
            _truncated,
            "Tệp {path} không đọc được như một sổ tính Excel: đây không phải tệp .xlsx (có thể "
            f"là tệp CSV hay tệp khác được đổi đuôi). {ADVICE}",
            id="truncated",
        ),
        pytest.param(
            _corrupt,
            "Tệp {path} không đọc được như một sổ tính Excel: tệp bị hỏng hoặc không phải sổ "
            f"tính Excel. {ADVICE}",
            id="corrupt",
        ),
        pytest.param(
            _ods,
            "Tệp {path} không đọc được như một sổ tính Excel: đây là tệp OpenDocument (.ods). "
            f"{ADVICE}",
            id="ods",
        ),
        pytest.param(_folder, "{path} là một thư mục; cần một tệp Excel (.xlsx)", id="folder"),
        pytest.param(_nothing, "Không tìm thấy tệp {path}", id="missing"),
    ],
)
def test_non_workbook_raises_input_error(
    tmp_path: Path, write: Callable[[Path], None], expected: str
) -> None:
    """A file that is not a readable workbook raises InputError naming it, in Vietnamese."""
    path = tmp_path / "danh-sach.xlsx"
    write(path)
    with pytest.raises(InputError) as caught:
        read_award_list(path)
    assert str(caught.value) == expected.format(path=path)


# ------------------------------------------------------------------------------------ template


def test_template_round_trip(tmp_path: Path) -> None:
    """The template, filled in with openpyxl, reads back into the award structure."""
    path = tmp_path / "mau-danh-sach.xlsx"
    write_award_list_template(path)
    workbook = openpyxl.load_workbook(path)
    workbook[TT].append([1, BK, "Bảo hiểm xã hội thành phố Hà Nội", 1215, 130000])
    workbook[TT].append([2, BK, "Ban Quản lý Thu - Sổ, Thẻ", 64, 130000, None, None, None, 4])
    workbook[CN].append([1, BK, "Nguyễn Thị Thu Hằng", "Phó Giám đốc", "BHXH Hà Nội", None, 1.5])
    workbook.save(path)

    result, problems = read_award_list(path)

    assert problems == []
    assert result == {
        BK: {
            "tap_the": [
                {
                    "ten": "Bảo hiểm xã hội thành phố Hà Nội",
                    "bien_che": 1215,
                    "tien_thuong": {"moi_nguoi": 130000},
                },
                {
                    "ten": "Ban Quản lý Thu - Sổ, Thẻ",
                    "bien_che": 64,
                    "tien_thuong": {"moi_nguoi": 130000},
                    "phieu_dong_y": 4,
                },
            ],
            "ca_nhan": [
                {
                    "ho_ten": "Nguyễn Thị Thu Hằng",
                    "chuc_vu": "Phó Giám đốc",
                    "don_vi": "BHXH Hà Nội",
                    "tien_thuong": {"he_so": Decimal("1.5")},
                }
            ],
        }
    }


def test_empty_template_reads_as_an_empty_list(tmp_path: Path) -> None:
    """An unfilled template has both sheets and their headers, so only "no awardee" is reported."""
    path = tmp_path / "mau.xlsx"
    write_award_list_template(path)
    result, problems = read_award_list(path)
    assert result == {}
    assert [p.message for p in problems] == [
        "chưa có tập thể hay cá nhân nào: trang 'Tập thể' và 'Cá nhân' đều trống hoặc không có"
    ]


def _validations(sheet: Worksheet) -> dict[str, tuple[str | None, str | None, str | None]]:
    return {
        str(rule.sqref): (rule.type, rule.operator, rule.formula1)
        for rule in sheet.data_validations.dataValidation
    }


@pytest.mark.parametrize(
    ("title", "headers", "formats", "validations"),
    [
        pytest.param(
            TT,
            TT_HEAD,
            {"D": "#,##0", "E": "#,##0", "F": "#,##0", "I": "#,##0"},
            {
                "D2:D1048576": ("whole", "greaterThanOrEqual", "0"),
                "E2:E1048576": ("whole", "greaterThanOrEqual", "0"),
                "F2:F1048576": ("whole", "greaterThanOrEqual", "0"),
                "G2:G1048576": ("decimal", "greaterThan", "0"),
                "I2:I1048576": ("whole", "greaterThanOrEqual", "0"),
            },
            id="tap-the",
        ),
        pytest.param(
            CN,
            CN_HEAD,
            {"F": "#,##0", "I": "#,##0"},
            {
                "F2:F1048576": ("whole", "greaterThanOrEqual", "0"),
                "G2:G1048576": ("decimal", "greaterThan", "0"),
                "I2:I1048576": ("whole", "greaterThanOrEqual", "0"),
            },
            id="ca-nhan",
        ),
    ],
)
def test_template_layout(
    tmp_path: Path,
    title: str,
    headers: list[str],
    formats: dict[str, str],
    validations: dict[str, tuple[str, str, str]],
) -> None:
    """Bold headers, a frozen header row, widths, "#,##0" number columns and data validation."""
    path = tmp_path / "mau.xlsx"
    write_award_list_template(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [TT, CN]
    sheet = workbook[title]
    assert [cell.value for cell in sheet[1]] == headers
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert all((sheet.column_dimensions[letter].width or 0) >= 6 for letter in "ABCDEFGHI")
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    for letter, number_format in formats.items():
        assert sheet.column_dimensions[letter].number_format == number_format
    assert _validations(sheet) == validations


def test_template_never_overwrites(tmp_path: Path) -> None:
    """An existing file is kept as it is, and the refusal names it in Vietnamese."""
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(b"danh sach da dien")
    with pytest.raises(OutputError) as caught:
        write_award_list_template(path)
    assert str(caught.value) == (
        f"Tệp {path} đã có; không ghi đè để giữ danh sách có thể đã được điền. "
        "Hãy chọn tên tệp khác."
    )
    assert path.read_bytes() == b"danh sach da dien"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["danh-sach.xlsx"]


def test_template_leaves_no_temporary_file(tmp_path: Path) -> None:
    """Only the workbook itself is left in the folder (the temporary file was renamed)."""
    path = tmp_path / "moi" / "mau.xlsx"
    write_award_list_template(path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["mau.xlsx"]
    assert zipfile.is_zipfile(path)


def test_template_refuses_a_folder(tmp_path: Path) -> None:
    """A folder in place of the file is refused before anything is written."""
    with pytest.raises(OutputError) as caught:
        write_award_list_template(tmp_path)
    assert str(caught.value) == f"{tmp_path} là một thư mục; cần đường dẫn của một tệp .xlsx"
