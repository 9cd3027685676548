"""An office's own templates override the shipped ones, file by file."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from thidua_docs.api import list_templates
from thidua_docs.cli import main
from thidua_docs.render.templates import TEMPLATE_FILES, find_template, shipped_templates_dir

from ..helpers import CAMPAIGNS, TEMPLATES, nonempty_lines


def test_every_listed_template_is_shipped() -> None:
    assert sorted(p.name for p in shipped_templates_dir().glob("*.docx")) == sorted(TEMPLATE_FILES)


def office_copy(folder: Path, name: str, old: str, new: str) -> Path:
    """A copy of a shipped template with one piece of static text changed, as staff would in Word."""
    folder.mkdir(parents=True, exist_ok=True)
    document = docx.Document(str(TEMPLATES / name))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
    document.save(str(folder / name))
    return folder / name


def test_own_template_wins_file_by_file(tmp_path: Path) -> None:
    own = tmp_path / "mau-rieng"
    office_copy(own, "ke_hoach.docx", "KẾ HOẠCH", "KẾ HOẠCH")
    assert find_template("ke_hoach.docx", own) == own / "ke_hoach.docx"
    assert find_template("to_trinh.docx", own) == shipped_templates_dir() / "to_trinh.docx"
    table = {row.name: (row.path, row.own) for row in list_templates(templates=own)}
    assert table["ke_hoach.docx"] == (own / "ke_hoach.docx", True)
    assert table["cong_van_phat_dong.docx"][1] is False


def test_draft_uses_the_office_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    own = tmp_path / "mau-rieng"
    office_copy(own, "cong_van_phat_dong.docx", "Kính gửi:", "Kính gửi các đơn vị:")
    out = tmp_path / "ra"
    code = main(
        ["draft", str(CAMPAIGNS / "bhxh-2024-nuoc-rut"), "--out", str(out), "--templates", str(own)]
    )
    assert code == 0
    lines = nonempty_lines(out / "cong-van-phat-dong.docx")
    assert "Kính gửi các đơn vị:" in lines and "Kính gửi:" not in lines


def test_profile_names_the_office_folder(tmp_path: Path) -> None:
    shutil.copytree(
        CAMPAIGNS / "bhxh-2024-nuoc-rut",
        tmp_path / "c",
        ignore=shutil.ignore_patterns("du-thao", "ho-so"),
    )
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    profile = tmp_path / "co-quan" / "bhxh-viet-nam-2024.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8") + "\nthu_muc_mau: mau-rieng\n", encoding="utf-8"
    )
    office_copy(
        tmp_path / "co-quan" / "mau-rieng",
        "cong_van_phat_dong.docx",
        "Kính gửi:",
        "Kính gửi các đơn vị:",
    )
    assert main(["draft", str(tmp_path / "c"), "--out", str(tmp_path / "ra")]) == 0
    assert "Kính gửi các đơn vị:" in nonempty_lines(tmp_path / "ra" / "cong-van-phat-dong.docx")


def test_missing_office_folder_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "draft",
            str(CAMPAIGNS / "bhxh-2024-nuoc-rut"),
            "--out",
            str(tmp_path),
            "--templates",
            str(tmp_path / "khong-co"),
        ]
    )
    assert code == 2
    assert capsys.readouterr().err == f"Lỗi: Không tìm thấy thư mục mẫu {tmp_path / 'khong-co'}\n"


def test_templates_list_says_where_each_template_comes_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "mau"
    office_copy(own, "bang_khen.docx", "TẶNG", "TẶNG")
    assert main(["templates", "list", "--templates", str(own)]) == 0
    out = capsys.readouterr().out
    assert f"mẫu riêng: {own / 'bang_khen.docx'}" in out
    assert f"mẫu đi kèm: {shipped_templates_dir() / 'quyet_dinh.docx'}" in out
    assert out.count("mẫu đi kèm:") == len(TEMPLATE_FILES) - 1


def test_templates_check_cli_finds_locates_and_fixes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tag split by Word's spell-check marks and written with curly quotes: found, located, repaired."""
    document = docx.Document()
    document.add_paragraph("Mở đầu")
    paragraph = document.add_paragraph("Tên: ")
    for piece in ("{{ co_quan.", "ten }}"):
        paragraph.add_run(piece)
    paragraph._p.insert(
        2,
        docx.oxml.parse_xml(
            '<w:proofErr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:type="spellStart"/>'
        ),
    )
    document.add_paragraph("{% if co_quan.ten == “A” %}x{% endif %}")
    path = tmp_path / "cong_van_phat_dong.docx"
    document.save(str(path))
    assert (
        main(["templates", "check", str(path)]) == 0
    )  # warnings only: docxtpl copes, --fix tidies
    out = capsys.readouterr().out
    assert 'cong_van_phat_dong.docx: phần thân, đoạn 2 "Tên: {{ co_quan.ten }}" — cảnh báo:' in out
    assert 'phần thân, đoạn 3 "{% if co_quan.ten == “A” %}x{% endif %}" — cảnh báo:' in out
    before = path.read_bytes()
    assert main(["templates", "check", "--fix", str(path)]) == 0
    assert path.read_bytes() == before
    fixed = tmp_path / "cong_van_phat_dong.da-sua.docx"
    assert f"vào bản sao {fixed}" in capsys.readouterr().out
    assert main(["templates", "check", str(fixed)]) == 0
    remaining = capsys.readouterr().out.splitlines()
    # python-docx's blank document uses Word's theme font: those warnings are not mechanical to fix
    assert remaining[-1] == "Đã kiểm tra 1 mẫu: 0 lỗi, 3 cảnh báo."
    assert all("phông Cambria" in line for line in remaining[:-1])


def test_templates_check_fails_on_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = docx.Document()
    document.add_paragraph("{{ van_ban.trich_yeux }}")
    path = tmp_path / "quyet_dinh.docx"
    document.save(str(path))
    assert main(["templates", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert (
        "lỗi: biến 'van_ban.trich_yeux' không có trong dữ liệu của mẫu này; có phải ý là 'trich_yeu'?"
        in out
    )
