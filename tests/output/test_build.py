"""`thidua build`: the whole dossier in one batch — manifest, print files, resume, edited files kept,
byte-identical reruns, one failure not stopping the others, PDFs through LibreOffice."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from thidua_docs.api import build
from thidua_docs.cli import main
from thidua_docs.inputs.campaign import load_campaign
from thidua_docs.output.pdf import find_libreoffice

from ..helpers import CAMPAIGNS, TEMPLATES, nonempty_lines


def campaign_copy(tmp_path: Path, name: str = "bhxh-2024-nuoc-rut") -> Path:
    shutil.copytree(
        CAMPAIGNS / name,
        tmp_path / "c",
        ignore=shutil.ignore_patterns(
            "du-thao", "ho-so", "danh-gia.xlsx", "danh-sach-de-nghi.yaml"
        ),
    )
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    return tmp_path / "c"


def docx_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.docx"))


def test_build_writes_the_dossier_and_its_manifest(tmp_path: Path) -> None:
    out = tmp_path / "ho-so"
    result = build(campaign=load_campaign(campaign_copy(tmp_path)), out=out, workers=1)
    assert result.ok and not result.kept and not result.unchanged
    names = {p.relative_to(out).as_posix() for p in docx_files(out)}
    assert {
        "to-trinh.docx",
        "bien-ban.docx",
        "quyet-dinh.docx",
        "danh-sach-kem-quyet-dinh.docx",
        "bang-khen/003-ban-quan-ly-thu-so-the.docx",
        "in-an/bang-khen-tat-ca.docx",
        "in-an/bang-khen-in-phoi-tat-ca.docx",
    } <= names
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tep"]
    assert {row["tep"] for row in manifest} == names
    for row in manifest:
        assert row["sha256"] == hashlib.sha256((out / row["tep"]).read_bytes()).hexdigest()
    by_file = {row["tep"]: row for row in manifest}
    assert by_file["bang-khen/004-nguyen-thi-thu-hang.docx"]["loai"] == "Bằng khen"
    assert by_file["bang-khen/004-nguyen-thi-thu-hang.docx"]["doi_tuong"] == "Nguyễn Thị Thu Hằng"
    csv_text = (out / "manifest.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0] == 'Tệp,Loại văn bản,"Tập thể, cá nhân",SHA-256'
    assert len(csv_text.splitlines()) == len(manifest) + 1


def test_print_file_holds_every_certificate_in_list_order(tmp_path: Path) -> None:
    out = tmp_path / "ho-so"
    build(campaign=load_campaign(campaign_copy(tmp_path)), out=out, workers=1)
    lines = nonempty_lines(out / "in-an" / "bang-khen-tat-ca.docx")
    names = [
        "Bảo hiểm xã hội thành phố Hà Nội",
        "Bảo hiểm xã hội tỉnh Bắc Ninh",
        "Ban Quản lý Thu - Sổ, Thẻ",
        "Nguyễn Thị Thu Hằng",
        "Trần Văn Nam",
        "Lê Thị Mai",
        "Phạm Đức Long",
    ]
    positions = [lines.index(n) for n in names]
    assert positions == sorted(positions)
    assert lines.count("BẰNG KHEN") == len(names)
    body = docx.Document(str(out / "in-an" / "bang-khen-tat-ca.docx")).element.body.xml
    assert body.count('w:type="page"') >= len(names) - 1


def test_reruns_are_byte_identical_and_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    campaign = load_campaign(campaign_copy(tmp_path))
    build(campaign=campaign, out=tmp_path / "a", workers=1)
    build(campaign=campaign, out=tmp_path / "b", workers=2)
    first, second = docx_files(tmp_path / "a"), docx_files(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in first] == [
        p.relative_to(tmp_path / "b") for p in second
    ]
    for x, y in zip(first, second, strict=True):
        assert x.read_bytes() == y.read_bytes(), x.name
    stamp = {p: p.stat().st_mtime_ns for p in first}
    again = build(campaign=campaign, out=tmp_path / "a", workers=1)
    assert not again.written and len(again.unchanged) == len(first)
    assert all(p.stat().st_mtime_ns == stamp[p] for p in first)


def test_edited_documents_are_kept_unless_forced(tmp_path: Path) -> None:
    campaign = load_campaign(campaign_copy(tmp_path))
    out = tmp_path / "ho-so"
    build(campaign=campaign, out=out, workers=1)
    edited = out / "quyet-dinh.docx"
    document = docx.Document(str(edited))
    document.add_paragraph("Bổ sung của chuyên viên")
    document.save(str(edited))
    before = edited.read_bytes()
    result = build(campaign=campaign, out=out, workers=1)
    assert result.kept == [edited] and edited.read_bytes() == before
    assert build(campaign=campaign, out=out, workers=1).kept == [
        edited
    ]  # still recognised as edited next time
    forced = build(campaign=campaign, out=out, workers=1, force=True)
    assert edited in forced.written and "Bổ sung của chuyên viên" not in nonempty_lines(edited)


def test_resume_after_an_interruption(tmp_path: Path) -> None:
    campaign = load_campaign(campaign_copy(tmp_path))
    out = tmp_path / "ho-so"
    build(campaign=campaign, out=out, workers=1)
    for lost in ("bang-khen/005-tran-van-nam.docx", "bien-ban.docx"):
        (out / lost).unlink()
    stray = out / "bang-khen" / ".006-le-thi-mai.docx.abc123.tmp"
    stray.write_bytes(b"half a file")
    result = build(campaign=campaign, out=out, workers=1)
    assert sorted(p.name for p in result.written) == ["005-tran-van-nam.docx", "bien-ban.docx"]
    assert not stray.exists() and not result.kept


def test_killing_a_run_leaves_no_truncated_file_and_a_rerun_completes(tmp_path: Path) -> None:
    folder = campaign_copy(tmp_path, "bhxh-2017-giam-no")
    out = tmp_path / "ho-so"
    command = [
        sys.executable,
        "-m",
        "thidua_docs",
        "build",
        str(folder),
        "--out",
        str(out),
        "--jobs",
        "1",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(list(out.rglob("*.docx"))) < 10:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    for path in out.rglob("*.docx"):
        with zipfile.ZipFile(path) as package:  # every file present is whole
            assert package.testzip() is None
    assert main(["build", str(folder), "--out", str(out), "--jobs", "1"]) == 0
    assert not list(out.rglob(".*.tmp"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tep"]
    assert len(manifest) == len(docx_files(out)) and len(manifest) > 60


def test_one_failure_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = campaign_copy(tmp_path)
    own = tmp_path / "mau"
    own.mkdir()
    document = docx.Document(str(TEMPLATES / "bang_khen.docx"))
    document.add_paragraph('{% if bang_khen.ten == "Lê Thị Mai" %}{{ chua_khai_bao }}{% endif %}')
    document.save(str(own / "bang_khen.docx"))
    code = main(
        [
            "build",
            str(folder),
            "--out",
            str(tmp_path / "ho-so"),
            "--templates",
            str(own),
            "--jobs",
            "1",
        ]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "Lỗi: bang-khen/006-le-thi-mai.docx: Lỗi mẫu" in captured.err
    assert "biến 'chua_khai_bao' không có trong dữ liệu" in captured.err
    written = {p.name for p in (tmp_path / "ho-so" / "bang-khen").glob("*.docx")}
    assert len(written) == 6 and "006-le-thi-mai.docx" not in written
    assert (tmp_path / "ho-so" / "quyet-dinh.docx").is_file()


def test_missing_libreoffice_is_explained_and_docx_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "khong-co"))
    folder = campaign_copy(tmp_path)
    code = main(["build", str(folder), "--out", str(tmp_path / "ho-so"), "--pdf", "--jobs", "1"])
    assert code == 1
    err = capsys.readouterr().err
    assert "Chưa cài LibreOffice" in err and "libreoffice-writer-nogui fonts-liberation2" in err
    assert (tmp_path / "ho-so" / "quyet-dinh.docx").is_file()


requires_libreoffice = pytest.mark.skipif(
    find_libreoffice() is None and not os.environ.get("CI"),
    reason="LibreOffice chưa cài trên máy này (CI cài nó trong .ci/run và luôn chạy bài này)",
)


@requires_libreoffice
def test_pdf_has_the_pages_and_text(tmp_path: Path) -> None:
    assert find_libreoffice() is not None, "CI must install LibreOffice (.ci/run)"
    out = tmp_path / "ho-so"
    result = build(campaign=load_campaign(campaign_copy(tmp_path)), out=out, pdf=True, workers=1)
    assert result.ok, result.pdf_error
    decision = out / "pdf" / "quyet-dinh.pdf"
    info = subprocess.run(
        ["pdfinfo", str(decision)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 1
    text = subprocess.run(
        ["pdftotext", str(decision), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "QUYẾT ĐỊNH" in text and "220.870.000 đồng" in text
    certificates = out / "pdf" / "in-an" / "bang-khen-tat-ca.pdf"
    info = subprocess.run(
        ["pdfinfo", str(certificates)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Pages:\s+7$", info, flags=re.MULTILINE)
    assert len(list((out / "pdf" / "bang-khen").glob("*.pdf"))) == 7


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (
            "bhxh-2024-nuoc-rut",  # khen-thuong.yaml writes its own (illustrative) list
            "Lưu ý: hồ sơ soạn theo danh sách đề nghị ghi trong {folder}/khen-thuong.yaml (mục "
            "de_nghi), không theo danh sách vừa lập từ kết quả ({folder}/danh-sach-de-nghi.yaml). "
            "Muốn dùng danh sách lập từ kết quả, ghi trong khen-thuong.yaml: "
            "de_nghi: danh-sach-de-nghi.yaml",
        ),
        (
            "bhxh-2017-giam-no",  # khen-thuong.yaml names the evaluated list
            "Hồ sơ soạn theo danh sách đề nghị lập từ kết quả: {folder}/danh-sach-de-nghi.yaml",
        ),
    ],
    ids=["danh-sach-rieng", "danh-sach-tu-ket-qua"],
)
def test_build_says_which_award_list_it_uses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, said: str
) -> None:
    folder = campaign_copy(tmp_path, name)
    assert main(["build", str(folder), "--out", str(tmp_path / "ho-so"), "--jobs", "1"]) == 0
    assert said.format(folder=folder) in capsys.readouterr().out.splitlines()


def test_a_partial_run_does_not_make_the_rest_look_edited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Files of kinds an --only run did not make stay in the manifest: a later change rewrites them."""
    folder = campaign_copy(tmp_path)
    out = tmp_path / "ho-so"
    for extra in ([], ["--only", "to_trinh"], ["--only", "bang_khen"]):
        assert main(["build", str(folder), "--out", str(out), "--jobs", "1", *extra]) == 0
    spec = folder / "khen-thuong.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("  ngay: 2025-01-15", "  ngay: 2025-01-16"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["build", str(folder), "--out", str(out), "--jobs", "1"]) == 0
    summary = capsys.readouterr().out
    assert "đã sửa tay" not in summary and "xóa" not in summary
    assert "Hà Nội, ngày 16 tháng 01 năm 2025" in nonempty_lines(
        out / "bang-khen-in-phoi" / "004-nguyen-thi-thu-hang.docx"
    )


def test_documents_of_a_removed_awardee_are_removed_unless_edited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = campaign_copy(tmp_path)
    out = tmp_path / "ho-so"
    assert main(["build", str(folder), "--out", str(out), "--jobs", "1"]) == 0
    edited = out / "bao-cao-thanh-tich" / "007-pham-duc-long.docx"
    edited.write_bytes(edited.read_bytes() + b"\n")  # the clerk's own copy
    spec = folder / "khen-thuong.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "      - ho_ten: Trần Văn Nam\n"
            "        chuc_vu: Trưởng phòng Quản lý thu\n"
            "        don_vi: Bảo hiểm xã hội thành phố Hà Nội\n",
            "",
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["build", str(folder), "--out", str(out), "--jobs", "1"]) == 0
    summary = capsys.readouterr().out
    assert sorted(p.name for p in (out / "bang-khen").glob("*.docx"))[-2:] == [
        "005-le-thi-mai.docx",
        "006-pham-duc-long.docx",
    ]
    assert not (out / "bang-khen" / "007-pham-duc-long.docx").exists()
    assert (
        f"Đã xóa (không còn trong hồ sơ): {out / 'bang-khen' / '005-tran-van-nam.docx'}" in summary
    )
    assert f"Giữ tệp đã sửa tay dù không còn trong hồ sơ: {edited}" in summary
    assert edited.is_file()
    listed = {row["tep"] for row in json.loads((out / "manifest.json").read_text("utf-8"))["tep"]}
    assert "bao-cao-thanh-tich/007-pham-duc-long.docx" in listed
    assert "bang-khen/005-tran-van-nam.docx" not in listed
