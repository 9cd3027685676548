"""Results workbooks: the example reads back, bad sheets are located, `thidua new` and `evaluate` work."""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml

from thidua_docs import load_campaign
from thidua_docs.cli import main
from thidua_docs.errors import InputError, SpecError
from thidua_docs.inputs.results import parse_number, read_results

from ..helpers import CAMPAIGNS, ROOT

EXAMPLE = CAMPAIGNS / "bhxh-2017-giam-no"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("96,6", "96.6"),
        (96.6, "96.6"),
        ("1.234", "1234"),
        ("1.234.567", "1234567"),
        ("2,59%", "2.59"),
        ("1 215", "1215"),
        ("130.000 đ", "130000"),
        (1215, "1215"),
        ("-3,5", "-3.5"),
        ("19.365", "19365"),
    ],
    ids=[
        "decimal comma",
        "float cell",
        "thousands",
        "millions",
        "percent text",
        "space thousands",
        "đồng",
        "int cell",
        "negative",
        "dots are thousands",
    ],
)
def test_numbers_as_clerks_type_them(typed: object, number: str) -> None:
    assert parse_number(typed) == Decimal(number)


def test_percent_formatted_cell_is_read_in_percent() -> None:
    assert parse_number(0.0259, percent_format=True) == Decimal("2.59")


@pytest.mark.parametrize("bad", ["hai", "1,2,3", "", True, None])
def test_not_numbers(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_number(bad)


def campaign_copy(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "c")
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    return tmp_path / "c"


def test_example_results_read_back() -> None:
    campaign = load_campaign(EXAMPLE)
    assert campaign.chien_dich.danh_gia is not None
    results, people = read_results(EXAMPLE, campaign.chien_dich.danh_gia)
    assert len(results["bhxh_tinh"]) == 63
    assert len(people) > 63


@pytest.mark.parametrize(
    ("name", "seed"), [("bhxh-2017-giam-no", 2017), ("bhxh-2024-nuoc-rut", 2024)]
)
def test_generator_is_reproducible(tmp_path: Path, name: str, seed: int) -> None:
    """The committed example equals what the seeded generator writes."""
    shutil.copytree(CAMPAIGNS / name, tmp_path / "c")
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    script = ROOT / "tools" / "generate_results.py"
    subprocess.run(
        [sys.executable, str(script), str(tmp_path / "c"), str(seed)],
        check=True,
        capture_output=True,
    )
    fresh = openpyxl.load_workbook(tmp_path / "c" / "ket-qua.xlsx")
    committed = openpyxl.load_workbook(CAMPAIGNS / name / "ket-qua.xlsx")
    assert fresh.sheetnames == committed.sheetnames
    for sheet in committed.sheetnames:
        assert [[c.value for c in r] for r in fresh[sheet].iter_rows()] == [
            [c.value for c in r] for r in committed[sheet].iter_rows()
        ]


def broken(tmp_path: Path, edit) -> list[str]:  # type: ignore[no-untyped-def]
    folder = campaign_copy(tmp_path)
    book = openpyxl.load_workbook(folder / "ket-qua.xlsx")
    edit(book)
    book.save(folder / "ket-qua.xlsx")
    campaign = load_campaign(folder)
    assert campaign.chien_dich.danh_gia is not None
    with pytest.raises(SpecError) as caught:
        read_results(folder, campaign.chien_dich.danh_gia)
    return [
        p.path + ": " + p.message + (f" (giá trị: {p.found})" if p.found else "")
        for p in caught.value.problems
    ]


def _set(sheet: str, cell: str, value: object):  # type: ignore[no-untyped-def]
    def edit(book):  # type: ignore[no-untyped-def]
        book[sheet][cell] = value

    return edit


CASES = [
    (
        _set("BHXH tỉnh", "B1", "Số người BHXH"),
        "trang 'BHXH tỉnh', dòng 1: thiếu cột 'Số người tham gia BHXH lũy kế (người)'",
    ),
    (
        _set("BHXH tỉnh", "D5", "nhiều"),
        "trang 'BHXH tỉnh', ô D5: cần một số cho 'Số người tham gia BHYT lũy kế' (ví dụ 96,6 hoặc 1.234) (giá trị: 'nhiều')",
    ),
    (
        _set("BHXH tỉnh", "A6", "Bảo hiểm xã hội thành phố Hà Nội"),
        "trang 'BHXH tỉnh', ô A6: đơn vị trùng với dòng 2 (giá trị: 'Bảo hiểm xã hội thành phố Hà Nội')",
    ),
    (
        _set("BHXH tỉnh", "J3", -5),
        "trang 'BHXH tỉnh', ô J3: 'Tổng biên chế có mặt' không được âm (giá trị: -5)",
    ),
    (
        _set("Cá nhân", "C2", "Bảo hiểm xã hội tỉnh Không Có"),
        "trang 'Cá nhân', ô C2: đơn vị không có trong kết quả thi đua (giá trị: 'Bảo hiểm xã hội tỉnh Không Có')",
    ),
    (
        lambda book: book["BHXH tỉnh"].merge_cells("B1:C1"),
        "trang 'BHXH tỉnh', ô B1:C1: dòng tiêu đề có ô gộp; mỗi cột cần một tiêu đề riêng",
    ),
    (
        lambda book: book.remove(book["BHXH tỉnh"]),
        "trang 'BHXH tỉnh': thiếu trang kết quả của nhóm 'BHXH tỉnh' (các trang có: Cá nhân)",
    ),
    (
        lambda book: book["BHXH tỉnh"].delete_rows(1, 100),
        "trang 'BHXH tỉnh': trang trống: cần dòng tiêu đề ở dòng 1 và mỗi đơn vị một dòng",
    ),
]


@pytest.mark.parametrize(
    ("edit", "expected"),
    CASES,
    ids=[
        "missing column",
        "text in number",
        "duplicate",
        "negative headcount",
        "unknown unit",
        "merged header",
        "missing sheet",
        "empty sheet",
    ],
)
def test_bad_results_are_located(tmp_path: Path, edit, expected: str) -> None:  # type: ignore[no-untyped-def]
    problems = broken(tmp_path, edit)
    assert any(p.startswith(expected) for p in problems), problems
    # merging B1:C1 also empties C1, so that column is missing too; renaming a unit into a duplicate
    # leaves the individuals of the renamed unit without their unit
    if "ô gộp" not in expected and "trùng" not in expected:
        assert len(problems) == 1, problems


def test_every_problem_at_once(tmp_path: Path) -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book["BHXH tỉnh"]["D5"] = "nhiều"
        book["BHXH tỉnh"]["J3"] = -5
        book["Cá nhân"]["C2"] = "Không Có"

    assert len(broken(tmp_path, edit)) == 3


def test_not_a_workbook(tmp_path: Path) -> None:
    folder = campaign_copy(tmp_path)
    (folder / "ket-qua.xlsx").write_text("STT,Tên\n1,A\n", encoding="utf-8")
    campaign = load_campaign(folder)
    assert campaign.chien_dich.danh_gia is not None
    with pytest.raises(
        InputError, match=r"không đọc được như một sổ tính Excel: đây không phải tệp \.xlsx"
    ):
        read_results(folder, campaign.chien_dich.danh_gia)


def test_new_writes_an_empty_workbook_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = campaign_copy(tmp_path)
    (folder / "ket-qua.xlsx").unlink()
    assert main(["new", str(folder)]) == 0
    book = openpyxl.load_workbook(folder / "ket-qua.xlsx")
    assert book.sheetnames == ["BHXH tỉnh", "Cá nhân"]
    sheet = book["BHXH tỉnh"]
    assert sheet.freeze_panes == "B2"
    assert [c.value for c in sheet[1]][:3] == [
        "Tên đơn vị",
        "Số người tham gia BHXH lũy kế (người)",
        "Số người tham gia BHXH kế hoạch giao (người)",
    ]
    assert sheet.data_validations.dataValidation
    assert main(["new", str(folder)]) == 1
    assert "đã có; không ghi đè" in capsys.readouterr().err


def test_evaluate_prints_writes_and_feeds_the_dossier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = campaign_copy(tmp_path)
    for generated in ("danh-gia.xlsx", "danh-sach-de-nghi.yaml"):
        (folder / generated).unlink(missing_ok=True)
    assert main(["evaluate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "BHXH tỉnh — lĩnh vực tiêu biểu xuất sắc (chọn 6/6)" in out
    listed = yaml.safe_load((folder / "danh-sach-de-nghi.yaml").read_text(encoding="utf-8"))[
        "de_nghi"
    ][0]
    units, people = len(listed["tap_the"]), len(listed["ca_nhan"])
    assert units == 6 and 0 < people <= 6 * 5
    assert f"Đã chọn {units} tập thể và {people} cá nhân." in out
    from thidua_docs.formatting import bang_chu, tien
    from thidua_docs.inputs.dossier import load_dossier

    total = load_dossier(load_campaign(folder)).dossier.tong_tien  # the documents' own computation
    assert f"Tổng tiền thưởng dự kiến: {tien(total)} ({bang_chu(total)})." in out
    assert (folder / "danh-gia.xlsx").is_file()
    assert (
        main(["dossier", str(folder), "--out", str(tmp_path / "ho-so"), "--only", "quyet_dinh"])
        == 0
    )
    assert f"Tổng cộng 2 tệp: {units} tập thể, {people} cá nhân" in capsys.readouterr().out
    assert main(["evaluate", str(folder)]) == 1  # the list a clerk may have edited is kept
