"""Every administrative document the project generates passes its own ND30 check (`thidua check`)."""

from __future__ import annotations

from pathlib import Path

import docx
import docx.oxml
import docx.oxml.ns
import pytest

from thidua_docs import draft, load_campaign
from thidua_docs.api import dossier
from thidua_docs.checks.nd30 import check_document
from thidua_docs.cli import main

from ..helpers import CAMPAIGNS


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tat-ca")
    for name in (
        "bhxh-2024-nuoc-rut",
        "bhxh-2026-nuoc-rut",
        "bhxh-2017-giam-no",
        "bhxh-2024-ke-hoach-co-quan",
        "bhxh-2014-2020-nghi-quyet-21",  # decimal numbering (seed 003)
        "bhxh-2026-thi-dua-quy",  # lettered parts A., B., C., each numbering its sections afresh
    ):
        draft(campaign=load_campaign(CAMPAIGNS / name), out=out / name)
    campaign = load_campaign(CAMPAIGNS / "bhxh-2024-nuoc-rut")
    dossier(campaign=campaign, out=out / "ho-so")
    return out


def administrative(root: Path) -> list[Path]:
    """The administrative documents: not certificates, nor what in-an/ holds for printing (print
    files, the stock's calibration page), which `thidua check` skips too."""
    return sorted(
        p
        for p in root.rglob("*.docx")
        if "bang-khen" not in str(p.relative_to(root)) and "in-an" not in p.relative_to(root).parts
    )


def test_all_kinds_are_covered(generated: Path) -> None:
    names = {
        p.name.split("-", 1)[-1] if p.name[:3].isdigit() else p.name
        for p in administrative(generated)
    }
    assert {
        "cong-van-phat-dong.docx",
        "ke-hoach.docx",
        "to-trinh.docx",
        "bien-ban.docx",
        "quyet-dinh.docx",
        "danh-sach-kem-quyet-dinh.docx",
        "danh-sach-kem-to-trinh.docx",
    } <= names
    assert any(p.parent.name == "bao-cao-thanh-tich" for p in administrative(generated))


def test_every_generated_document_passes(generated: Path) -> None:
    failures = {
        str(p.relative_to(generated)): [str(v) for v in check_document(p)]
        for p in administrative(generated)
    }
    assert {k: v for k, v in failures.items() if v} == {}


def test_cli_reports_clean_folder(generated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(generated)]) == 0
    out = capsys.readouterr().out
    assert out == f"Không có vi phạm thể thức: {len(administrative(generated))} tệp.\n"


def test_cli_reports_a_violation_with_its_paragraph(
    generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = docx.Document(str(generated / "ho-so" / "quyet-dinh.docx"))
    index = next(
        i
        for i, p in enumerate(document.element.body.iter(docx.oxml.ns.qn("w:p")), start=1)
        if "".join(t.text or "" for t in p.iter(docx.oxml.ns.qn("w:t"))) == "Nơi nhận:"
    )
    for paragraph in document.tables[-1].rows[0].cells[0].paragraphs:
        if paragraph.text == "Nơi nhận:":
            for run in paragraph.runs:
                run.font.size = docx.shared.Pt(13)
    document.save(str(tmp_path / "qd.docx"))
    assert main(["check", str(tmp_path / "qd.docx")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f'qd.docx: đoạn {index} "Nơi nhận:" — cỡ chữ 13, thể thức yêu cầu 12, đậm nghiêng',
        "Có 1 vi phạm thể thức trong 1 tệp.",
    ]


def test_cli_refuses_what_is_not_a_word_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.docx").write_text("không phải docx", encoding="utf-8")
    assert main(["check", str(tmp_path / "a.docx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and "a.docx" in err and "Traceback" not in err
