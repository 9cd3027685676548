"""Rounds of evaluation (đợt xét) through the CLI: `thidua new/evaluate/dossier/build --dot`.

The quarterly example (campaigns/bhxh-2026-thi-dua-quy) is built for each round; each round writes
only into its own folder, never over another round's report; statutory money is said and used;
evaluate and build accept exactly the same inputs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import yaml

from thidua_docs.cli import main
from thidua_docs.inputs.campaign import load_campaign
from thidua_docs.inputs.dossier import load_dossier

from ..helpers import CAMPAIGNS, ROOT, body_paragraphs, normalise

NAME = "bhxh-2026-thi-dua-quy"
ROUNDS = ("quy-2", "quy-3", "ca-nam")


def campaign_copy(tmp_path: Path) -> Path:
    shutil.copytree(
        CAMPAIGNS / NAME,
        tmp_path / "c",
        ignore=shutil.ignore_patterns(
            "ho-so", "du-thao", "danh-gia.xlsx", "danh-sach-de-nghi.yaml", ".thidua-da-tao.json"
        ),
    )
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    return tmp_path / "c"


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256 (what another round must leave alone)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_round_builds_its_whole_dossier_in_its_own_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = campaign_copy(tmp_path)
    quotas = {"quy-2": (5, 3, 2), "quy-3": (5, 3, 2), "ca-nam": (9, 5, 3)}  # units, caps
    for dot in ROUNDS:
        others = {d: tree(folder / "dot" / d) for d in ROUNDS if d != dot}
        assert main(["build", str(folder), "--dot", dot, "--jobs", "1"]) == 0
        out = capsys.readouterr().out
        here = folder / "dot" / dot
        assert f"Danh mục hồ sơ: {here / 'ho-so' / 'manifest.json'}" in out
        for other, files in others.items():
            assert tree(folder / "dot" / other) == files, f"{dot} wrote into {other}"
        listed = yaml.safe_load((here / "danh-sach-de-nghi.yaml").read_text(encoding="utf-8"))
        (kind,) = listed["de_nghi"]
        units, wide_cap, field_cap = quotas[dot]
        assert len(kind["tap_the"]) == units
        assert kind["tien_thuong_tap_the"] == {"he_so": "0.6"}  # statutory Giấy khen
        assert kind["tien_thuong_ca_nhan"] == {"he_so": "0.3"}
        wide = {u["ten"] for u in kind["tap_the"] if "thanh_tich" in u}  # the toàn diện field
        for unit in kind["tap_the"]:
            count = sum(1 for p in kind["ca_nhan"] if p["don_vi"] == unit["ten"])
            assert count <= (wide_cap if unit["ten"] in wide else field_cap)
        manifest = json.loads((here / "ho-so" / "manifest.json").read_text(encoding="utf-8"))
        names = {row["tep"] for row in manifest["tep"]}
        assert {"to-trinh.docx", "bien-ban.docx", "quyet-dinh.docx"} <= names
        assert sum(1 for n in names if n.startswith("giay-khen/")) == units + len(kind["ca_nhan"])
        dossier = load_dossier(dataclasses.replace(load_campaign(folder), folder=here))
        text = normalise(" ".join(body_paragraphs(here / "ho-so" / "quyet-dinh.docx")))
        assert f"cho {units:02d} tập thể và {len(kind['ca_nhan'])} cá nhân" in text
        assert dossier.dossier.tong_tien == units * 1_410_000 + len(kind["ca_nhan"]) * 710_000


def test_evaluate_of_a_round_says_the_statutory_money_and_counts_collectives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = campaign_copy(tmp_path)
    assert main(["evaluate", str(folder), "--dot", "quy-3"]) == 0
    out = capsys.readouterr().out
    here = folder / "dot" / "quy-3"
    assert out.startswith("Đợt xét: Quý III năm 2026 (từ 01/7/2026 đến 30/9/2026)\n")
    assert "BHXH tỉnh — lĩnh vực toàn diện (chọn 2/2)" in out
    assert "BHXH tỉnh — lĩnh vực BHXH bắt buộc (chọn 1/1)" in out
    listed = yaml.safe_load((here / "danh-sach-de-nghi.yaml").read_text(encoding="utf-8"))
    (kind,) = listed["de_nghi"]
    assert f"Đã chọn {len(kind['tap_the'])} tập thể và {len(kind['ca_nhan'])} cá nhân." in out
    assert (
        "Tiền thưởng tập thể được tặng Giấy khen của Giám đốc Bảo hiểm xã hội Việt Nam: chiến "
        "dịch không ghi cách tính, áp dụng mức theo quy định: 0,6 × mức lương cơ sở (Giấy khen; "
        "Nghị định số 152/2025/NĐ-CP, Điều 50)."
    ) in out
    total = len(kind["tap_the"]) * 1_410_000 + len(kind["ca_nhan"]) * 710_000
    assert f"Tổng tiền thưởng dự kiến: {total:,} đồng".replace(",", ".") in out
    assert (here / "danh-gia.xlsx").is_file()
    assert (
        not (folder / "danh-gia.xlsx").exists() and not (folder / "danh-sach-de-nghi.yaml").exists()
    )
    assert not (folder / "dot" / "quy-2" / "danh-gia.xlsx").exists()
    book = openpyxl.load_workbook(here / "danh-gia.xlsx")
    assert book.sheetnames[0] == "1. toàn diện"
    assert book["1. toàn diện"]["C1"].value == "Hạng thấp nhất trong các chỉ số"
    assert main(["dossier", str(folder), "--dot", "quy-3", "--only", "quyet_dinh"]) == 0
    assert (here / "ho-so" / "quyet-dinh.docx").is_file()
    assert not (folder / "ho-so").exists()


def test_new_writes_the_rounds_empty_workbook_in_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = campaign_copy(tmp_path)
    shutil.rmtree(folder / "dot" / "quy-2")  # a round nobody has started yet
    target = folder / "dot" / "quy-2" / "ket-qua.xlsx"
    assert main(["evaluate", str(folder), "--dot", "quy-2"]) == 2
    assert (
        f"Không tìm thấy tệp kết quả {target} (tạo tệp trống bằng: thidua new {folder} --dot quy-2)"
        in capsys.readouterr().err
    )
    assert main(["new", str(folder), "--dot", "quy-2"]) == 0
    assert openpyxl.load_workbook(target).sheetnames == ["BHXH tỉnh", "Cá nhân"]
    assert main(["new", str(folder), "--dot", "quy-2"]) == 1  # the clerk's figures are kept


@pytest.mark.parametrize(
    ("command", "name", "args", "expected"),
    [
        (
            "evaluate",
            NAME,
            [],
            "chiến dịch có 3 đợt xét (dot: quy-2, quy-3, ca-nam); hãy chọn một đợt, "
            "ví dụ --dot quy-2",
        ),
        ("build", NAME, [], "hãy chọn một đợt, ví dụ --dot quy-2"),
        ("new", NAME, [], "hãy chọn một đợt, ví dụ --dot quy-2"),
        ("dossier", NAME, [], "hãy chọn một đợt, ví dụ --dot quy-2"),
        (
            "evaluate",
            NAME,
            ["--dot", "quy-4"],
            "không có đợt xét mã 'quy-4' (mục dot); các đợt có: quy-2, quy-3, ca-nam",
        ),
        (
            "evaluate",
            "bhxh-2024-nuoc-rut",
            ["--dot", "quy-2"],
            "không có đợt xét mã 'quy-2' (mục dot); chiến dịch không khai báo đợt xét nào",
        ),
    ],
)
def test_the_round_is_asked_for_and_checked(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    name: str,
    args: list[str],
    expected: str,
) -> None:
    shutil.copytree(CAMPAIGNS / name, tmp_path / "c", ignore=shutil.ignore_patterns("ho-so"))
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    before = tree(tmp_path)
    assert main([command, str(tmp_path / "c"), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and expected in err and "Traceback" not in err
    assert tree(tmp_path) == before


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda s: s.replace(
                "so_luong: {toan_dien: 2, bhxh_bb: 1", "so_luong: {toan_dien: 2, bhxh_xx: 1", 1
            ),
            "dot › mục 1 › so_luong › bhxh_xx: không có lĩnh vực mã này",
        ),
        (
            lambda s: s.replace("ky: q2\n", "ky: q1\n", 1),
            "chưa có ngưỡng cho kỳ q1 của đợt xét quy-2 (dot › mục 1 › ky)",
        ),
        (
            lambda s: s.replace("          ket_hop: tat_ca\n", "", 1),
            "xếp hạng theo nhiều chỉ số cần ket_hop",
        ),
        (
            lambda s: s.replace("- ma: quy-3", "- ma: quy-2", 1),
            "dot › mục 2 › ma: hai đợt xét cùng mã (đã có ở đợt thứ 1) (giá trị: 'quy-2')",
        ),
        (
            lambda s: s.replace("      bien_che: bien_che\n", "", 1).replace(
                "    ky: q2\n",
                "    ky: q2\n    tien_thuong_tap_the: {moi_nguoi: 100000}\n",
                1,
            ),
            "dot › mục 1 › tien_thuong_tap_the: tiền thưởng tính theo người cần "
            "bien_che: mã chỉ số biên chế của nhóm bhxh_tinh",
        ),
    ],
)
def test_bad_rounds_and_fields_are_located(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    edit: Callable[[str], str],
    expected: str,
) -> None:
    folder = campaign_copy(tmp_path)
    spec = folder / "chien-dich.yaml"
    text = spec.read_text(encoding="utf-8")
    edited = edit(text)
    assert edited != text
    spec.write_text(edited, encoding="utf-8")
    assert main(["evaluate", str(folder), "--dot", "quy-2"]) == 2
    err = capsys.readouterr().err
    assert "chien-dich.yaml" in err and expected in err, err
    assert not (folder / "dot" / "quy-2" / "danh-gia.xlsx").exists()


def test_evaluate_and_build_accept_exactly_the_same_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A form that names no money and has no statutory amount: both refuse it, in the same words,
    before writing anything (it used to pass evaluate and fail build once per awardee)."""
    folder = campaign_copy(tmp_path)
    spec = folder / "chien-dich.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "hinh_thuc: Giấy khen của Giám đốc Bảo hiểm xã hội Việt Nam",
            "hinh_thuc: Kỷ niệm chương Vì sự nghiệp Bảo hiểm xã hội",
            1,
        ),
        encoding="utf-8",
    )
    before = tree(folder)
    messages = []
    for command in ("evaluate", "build"):
        assert main([command, str(folder), "--dot", "quy-2"]) == 2
        messages.append(capsys.readouterr().err)
    assert messages[0] == messages[1]
    assert (
        "danh_gia › tien_thuong_tap_the: chiến dịch chưa ghi cách tính tiền thưởng" in messages[0]
    )
    assert tree(folder) == before


def test_the_rounds_workbooks_are_the_seeded_generators(tmp_path: Path) -> None:
    folder = campaign_copy(tmp_path)
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "generate_results.py"), str(folder), "2026"],
        check=True,
        capture_output=True,
    )
    for dot in ROUNDS:
        fresh = openpyxl.load_workbook(folder / "dot" / dot / "ket-qua.xlsx")
        committed = openpyxl.load_workbook(CAMPAIGNS / NAME / "dot" / dot / "ket-qua.xlsx")
        for sheet in committed.sheetnames:
            assert [[c.value for c in r] for r in fresh[sheet].iter_rows()] == [
                [c.value for c in r] for r in committed[sheet].iter_rows()
            ]
    # the plans are the same in every round, the cumulative results grow quarter by quarter
    plans: list[list[object]] = []
    done: list[float] = []
    for dot in ROUNDS:
        rows = list(
            openpyxl.load_workbook(folder / "dot" / dot / "ket-qua.xlsx")["BHXH tỉnh"].iter_rows(
                min_row=2, values_only=True
            )
        )
        plans.append([row[2] for row in rows])
        done.append(sum(float(str(row[1])) for row in rows))
    assert plans[0] == plans[1] == plans[2]
    assert done[0] < done[1] < done[2]


def test_rounds_of_a_campaign_without_rules_each_have_their_dossier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A multi-year movement: a sơ kết and a tổng kết, each with its khen-thuong.yaml and dossier."""
    shutil.copytree(
        CAMPAIGNS / "bhxh-2024-nuoc-rut",
        tmp_path / "c",
        ignore=shutil.ignore_patterns("ho-so", "du-thao"),
    )
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    folder = tmp_path / "c"
    spec = folder / "chien-dich.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8")
        + "\ndot:\n  - {ma: so-ket, ten: Sơ kết năm 2024}\n  - {ma: tong-ket, ten: Tổng kết}\n",
        encoding="utf-8",
    )
    (folder / "dot" / "tong-ket").mkdir(parents=True)
    (folder / "khen-thuong.yaml").rename(folder / "dot" / "tong-ket" / "khen-thuong.yaml")
    assert main(["dossier", str(folder), "--dot", "tong-ket", "--only", "quyet_dinh"]) == 0
    assert (folder / "dot" / "tong-ket" / "ho-so" / "quyet-dinh.docx").is_file()
    capsys.readouterr()
    assert main(["dossier", str(folder), "--dot", "so-ket"]) == 2
    err = capsys.readouterr().err
    assert f"Thư mục {folder / 'dot' / 'so-ket'} chưa có tệp khen-thuong.yaml" in err


def test_round_keys_that_need_rules_are_refused_without_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "bhxh-2024-ke-hoach-co-quan"
    shutil.copytree(CAMPAIGNS / name, tmp_path / "c", ignore=shutil.ignore_patterns("du-thao"))
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    spec = tmp_path / "c" / "chien-dich.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(
        text + "\ndot:\n  - ma: quy-2\n    ten: Quý II\n    so_luong: {toan_dien: 2}\n",
        encoding="utf-8",
    )
    assert main(["draft", str(tmp_path / "c"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    lines = len(text.splitlines())
    assert (
        f"chien-dich.yaml:{lines + 5}: dot › mục 1 › so_luong: chỉ dùng khi chiến dịch có quy tắc "
        "đánh giá (mục danh_gia)"
    ) in err
    assert not (tmp_path / "out").exists()


def test_build_passes_a_complete_tie_to_the_council(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Yên Bái's figures made equal to Tây Ninh's, the one BHXH tỉnh of the BHXH bắt buộc field in
    quarter II: the name decides, and build says the council must (it does not print the table)."""
    folder = campaign_copy(tmp_path)
    workbook = folder / "dot" / "quy-2" / "ket-qua.xlsx"
    book = openpyxl.load_workbook(workbook)
    rows = list(book["BHXH tỉnh"].iter_rows(min_row=2))
    source = next(r for r in rows if r[0].value == "Bảo hiểm xã hội tỉnh Tây Ninh")
    target = next(r for r in rows if r[0].value == "Bảo hiểm xã hội tỉnh Yên Bái")
    for cell, value in zip(target[1:], source[1:], strict=True):
        cell.value = value.value
    book.save(workbook)
    assert main(["build", str(folder), "--dot", "quy-2", "--jobs", "1"]) == 0
    assert (
        "Cần Hội đồng Thi đua - Khen thưởng quyết định: BHXH tỉnh — lĩnh vực BHXH bắt buộc: 2 BHXH "
        "tỉnh hòa hoàn toàn ở hạng 1 (Bảo hiểm xã hội tỉnh Tây Ninh, Bảo hiểm xã hội tỉnh Yên "
        "Bái), chỉ còn 1 suất trong chỉ tiêu; đã tạm xếp theo tên — Hội đồng Thi đua - Khen "
        "thưởng cần quyết định"
    ) in capsys.readouterr().out
    report = openpyxl.load_workbook(folder / "dot" / "quy-2" / "danh-gia.xlsx")
    assert "Hội đồng quyết định" in report.sheetnames


def test_the_quarterly_circular_announces_what_each_round_applies(tmp_path: Path) -> None:
    """Lettered parts, the per-quarter thresholds, the fields' per-round quotas and the caps by
    field, printed from the rules the rounds apply; references follow the numbering."""
    folder = campaign_copy(tmp_path)
    assert main(["draft", str(folder), "--out", str(tmp_path / "du-thao")]) == 0
    lines = [
        normalise(t) for t in body_paragraphs(tmp_path / "du-thao" / "cong-van-phat-dong.docx")
    ]
    for expected in (
        "A. NỘI DUNG PHONG TRÀO THI ĐUA",
        "B. CÔNG TÁC KHEN THƯỞNG",
        "C. TỔ CHỨC THỰC HIỆN",
        "2. Đối tượng, thời gian thi đua:",
        "- Số người tham gia BHXH bắt buộc phát triển lũy kế thấp nhất đạt 45% vào cuối quý II, "
        "71,5% vào cuối quý III, 100% vào cuối quý IV số phải phát triển cả năm.",
        "- Tỷ lệ số tiền chậm đóng không cao hơn quá 5% của chỉ tiêu tỷ lệ chậm đóng được giao.",
        "- Lĩnh vực BHYT: BHXH tỉnh dẫn đầu theo tiến độ BHYT, lựa chọn tối đa 01 BHXH tỉnh (Quý "
        "II năm 2026 và Quý III năm 2026); 02 BHXH tỉnh (Tổng kết năm 2026).",
        "- Lựa chọn tối đa 05 BHXH tỉnh (Quý II năm 2026 và Quý III năm 2026); 09 BHXH tỉnh (Tổng "
        "kết năm 2026) dẫn đầu để đề nghị tặng Giấy khen của Giám đốc Bảo hiểm xã hội Việt Nam kèm "
        "theo tiền thưởng theo quy định.",
        "- Mỗi BHXH tỉnh chỉ được khen thưởng ở một lĩnh vực (quy định tại điểm c khoản 4 phần A) "
        "trong mỗi đợt xét.",
        "- Mỗi BHXH tỉnh được khen thưởng lựa chọn cá nhân xuất sắc nhất để đề nghị tặng Giấy khen "
        "của Giám đốc Bảo hiểm xã hội Việt Nam kèm theo tiền thưởng theo quy định: Quý II năm 2026 "
        "và Quý III năm 2026: ở lĩnh vực toàn diện tối đa 03 cá nhân, ở lĩnh vực BHXH bắt buộc, "
        "BHXH tự nguyện hoặc BHYT tối đa 02 cá nhân; Tổng kết năm 2026: ở lĩnh vực toàn diện tối "
        "đa 05 cá nhân, ở lĩnh vực BHXH bắt buộc, BHXH tự nguyện hoặc BHYT tối đa 03 cá nhân.",
    ):
        assert expected in lines, expected
    assert any("tiêu chí thi đua tại khoản 4 phần A nêu trên" in line for line in lines)
