"""Giấy khen: a kind added as one module, one template and its data, met by every command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from thidua_docs.cli import main

from ..helpers import CAMPAIGNS, nonempty_lines

GIAY_KHEN = """
  - hinh_thuc: Giấy khen của Giám đốc Bảo hiểm xã hội thành phố Hà Nội
    thanh_tich: hoàn thành xuất sắc nhiệm vụ thu năm 2024
    tien_thuong_tap_the: {co_dinh: 1500000}
    tien_thuong_ca_nhan: {co_dinh: 300000}
    tap_the:
      - ten: Phòng Quản lý thu & Sổ thẻ
        bien_che: 18
    ca_nhan:
      - ho_ten: Đỗ Thị Hạnh
        chuc_vu: Chuyên viên
        don_vi: Phòng Quản lý thu & Sổ thẻ
"""


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    """The 2024 example with a second award form, a Giấy khen for one unit and one person."""
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    folder = tmp_path / "bhxh-2024-nuoc-rut"
    shutil.copytree(CAMPAIGNS / "bhxh-2024-nuoc-rut", folder)
    (folder / "ket-qua.xlsx").unlink()  # the hand-written list, not an evaluation
    spec = folder / "khen-thuong.yaml"
    text = spec.read_text(encoding="utf-8")
    head, rest = text.split("\nto_trinh:", 1)
    spec.write_text(head.rstrip() + "\n" + GIAY_KHEN + "\nto_trinh:" + rest, encoding="utf-8")
    return folder


def test_dossier_writes_a_giay_khen_for_those_proposed_for_one(campaign: Path) -> None:
    assert main(["dossier", str(campaign)]) == 0
    out = campaign / "ho-so"
    giay = sorted(p.name for p in (out / "giay-khen").glob("*.docx"))
    assert giay == ["008-phong-quan-ly-thu-so-the.docx", "009-do-thi-hanh.docx"]
    lines = nonempty_lines(out / "giay-khen" / "009-do-thi-hanh.docx")
    assert "GIẤY KHEN" in lines and "Đỗ Thị Hạnh" in lines
    assert "Chuyên viên, Phòng Quản lý thu & Sổ thẻ" in lines
    assert "Đã có thành tích hoàn thành xuất sắc nhiệm vụ thu năm 2024" in lines
    # …and no Bằng khen, on paper or on stock, for them
    for folder in ("bang-khen", "bang-khen-in-phoi"):
        names = {p.name for p in (out / folder).glob("*.docx")}
        assert len(names) == 7 and not names & set(giay)
    # the decision counts both forms and their money
    decision = " ".join(nonempty_lines(out / "quyet-dinh.docx"))
    assert (
        "Tặng Giấy khen của Giám đốc Bảo hiểm xã hội thành phố Hà Nội cho 01 tập thể và 01 cá nhân"
        in decision
    )


def test_only_giay_khen(campaign: Path, tmp_path: Path) -> None:
    out = tmp_path / "chi-giay-khen"
    assert main(["dossier", str(campaign), "--only", "giay_khen", "--out", str(out)]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx")) == [
        "giay-khen/008-phong-quan-ly-thu-so-the.docx",
        "giay-khen/009-do-thi-hanh.docx",
    ]


def test_build_prints_them_together_and_lists_them(campaign: Path) -> None:
    assert main(["build", str(campaign), "--jobs", "1"]) == 0
    out = campaign / "ho-so"
    printed = nonempty_lines(out / "in-an" / "giay-khen-tat-ca.docx")
    assert printed.count("GIẤY KHEN") == 2
    rows = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tep"]
    kinds = {row["tep"]: row["loai"] for row in rows}
    assert kinds["giay-khen/009-do-thi-hanh.docx"] == "Giấy khen"
    assert kinds["in-an/giay-khen-tat-ca.docx"] == "Tệp in"


def test_check_leaves_certificates_alone(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["dossier", str(campaign)]) == 0
    capsys.readouterr()
    assert main(["check", str(campaign / "ho-so")]) == 0
    assert "giay-khen" not in capsys.readouterr().out


def test_templates_commands_know_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "list"]) == 0
    assert "giay_khen.docx             Giấy khen" in capsys.readouterr().out
    assert main(["templates", "vars", "giay_khen"]) == 0
    out = capsys.readouterr().out
    assert "giay_khen.ten_bang: tên hình thức in trên giấy: GIẤY KHEN (ví dụ: GIẤY KHEN)" in out
    assert main(["templates", "check", "--templates", str(CAMPAIGNS)]) == 0


def test_the_template_is_a_valid_package(campaign: Path) -> None:
    """Every table cell holds a paragraph (a cell without one is an invalid .docx for Word)."""
    import docx
    from docx.oxml.ns import qn

    assert main(["dossier", str(campaign), "--only", "giay_khen"]) == 0
    for path in (campaign / "ho-so" / "giay-khen").glob("*.docx"):
        body = docx.Document(str(path)).element.body
        cells = list(body.iter(qn("w:tc")))
        assert cells and all(cell.find(qn("w:p")) is not None for cell in cells)


def test_only_a_kind_with_nothing_to_write_says_what_it_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundled example proposes no Giấy khen: asking for one by name is refused, not silent."""
    out = tmp_path / "ra"
    code = main(
        ["dossier", str(CAMPAIGNS / "bhxh-2024-nuoc-rut"), "--only", "giay_khen", "--out", str(out)]
    )
    assert code == 2
    assert capsys.readouterr().err.startswith(
        "Lỗi: Không có giấy khen nào để soạn: cần mục quyet_dinh trong khen-thuong.yaml và người "
        'được đề nghị hình thức "Giấy khen …"'
    )
    assert not out.exists()
