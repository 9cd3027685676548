"""danh-gia.xlsx: the explained selection as a workbook whose figures Excel can sort."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from thidua_docs.cli import main

from .test_build import campaign_copy


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    tmp = tmp_path_factory.mktemp("danh-gia")
    folder = campaign_copy(tmp, "bhxh-2017-giam-no")
    assert main(["evaluate", str(folder)]) == 0
    return openpyxl.load_workbook(folder / "danh-gia.xlsx")


def test_figures_are_numbers_with_a_number_format(report: openpyxl.Workbook) -> None:
    sheet = report.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Hạng", "Đơn vị", "Tỷ lệ hoàn thành kế hoạch phát triển BHXH"]
    first = [c for c in sheet[2]]
    assert first[0].value == 1 and first[1].value == "Bảo hiểm xã hội tỉnh Tuyên Quang"
    assert isinstance(first[2].value, int | float) and first[2].value == pytest.approx(107.88)
    assert first[2].number_format == "#,##0.##"
    # each criterion: its figure, then its verdict
    assert header[3:5] == [header[3], f"{header[3]}: kết quả"]
    assert isinstance(first[3].value, int | float) and first[4].value == "đạt"


def test_ranks_sort_as_numbers_and_unranked_are_blank(report: openpyxl.Workbook) -> None:
    sheet = report.worksheets[0]
    ranks = [row[0].value for row in sheet.iter_rows(min_row=2)]
    ranked = [r for r in ranks if isinstance(r, int)]
    assert len(ranked) == len([r for r in ranks if r is not None])  # every rank is an integer
    assert ranked == sorted(ranked)
    assert None in ranks  # competitors failing a criterion are listed without a rank


def test_the_terminal_table_is_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = campaign_copy(tmp_path, "bhxh-2017-giam-no")
    assert main(["evaluate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "  1    │ Bảo hiểm xã hội tỉnh Tuyên Quang       │ 107,88 " in out


def test_the_council_sheet_only_when_there_is_something_to_decide(
    report: openpyxl.Workbook, tmp_path: Path
) -> None:
    from decimal import Decimal

    from thidua_docs.evaluation.rules import Competitor, evaluate
    from thidua_docs.output.reports import write_report_xlsx
    from thidua_docs.schema import DanhGia

    assert "Hội đồng quyết định" not in report.sheetnames
    rules = DanhGia.model_validate(
        {
            "hinh_thuc": "Giấy khen",
            "thanh_tich": "xuất sắc",
            "nhom": [
                {
                    "ma": "tinh",
                    "ten": "BHXH tỉnh",
                    "chi_so": [{"ma": "x", "ten": "Tiến độ", "don_vi": "%"}],
                    "linh_vuc": [
                        {"ma": "f", "ten": "tiến độ", "xep_hang_theo": "x", "so_luong": 1}
                    ],
                }
            ],
        }
    )
    tied = [Competitor(n, {"x": Decimal(100)}) for n in ("B", "A")]
    path = write_report_xlsx(tmp_path / "danh-gia.xlsx", evaluate(rules, {"tinh": tied}))
    sheet = openpyxl.load_workbook(path)["Hội đồng quyết định"]
    assert [row[0].value for row in sheet.iter_rows()] == [
        "Cần Hội đồng Thi đua - Khen thưởng quyết định",
        "BHXH tỉnh — lĩnh vực tiến độ: 2 tập thể hòa hoàn toàn ở hạng 1 (A, B), chỉ còn 1 suất "
        "trong chỉ tiêu; đã tạm xếp theo tên — Hội đồng Thi đua - Khen thưởng cần quyết định",
    ]
