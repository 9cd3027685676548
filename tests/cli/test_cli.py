"""The `thidua` command: exit codes, Vietnamese messages, no traceback, nothing half-written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from thidua_docs import __version__
from thidua_docs.cli import main

from ..helpers import CAMPAIGNS, nonempty_lines


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    """A copy of the 2024 example with its profile, so tests may break it."""
    shutil.copytree(
        CAMPAIGNS / "bhxh-2024-nuoc-rut",
        tmp_path / "chien-dich",
        ignore=shutil.ignore_patterns("du-thao"),
    )
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    return tmp_path / "chien-dich"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"thidua, phiên bản {__version__}\n", "")


@pytest.mark.parametrize(
    "args", [["--help"], ["draft", "--help"], ["render", "-h"]], ids=["main", "draft", "render"]
)
def test_help_is_in_vietnamese(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert out.startswith("Cách dùng: thidua")
    assert "Tùy chọn:" in out and "Hiện hướng dẫn này rồi thoát." in out
    for english in ("Usage:", "Options:", "Show this message", "[OPTIONS]"):
        assert english not in out


def test_draft_writes_the_cong_van(
    capsys: pytest.CaptureFixture[str], campaign: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "draft", str(campaign), "--out", str(tmp_path / "ra"))
    target = tmp_path / "ra" / "cong-van-phat-dong.docx"
    assert (code, out, err) == (0, f"Đã tạo {target}\n", "")
    assert "Số: 4111/BHXH-TĐKT" in nonempty_lines(target)


def test_draft_default_folder_is_du_thao(
    capsys: pytest.CaptureFixture[str], campaign: Path
) -> None:
    code, _, _ = run(capsys, "draft", str(campaign))
    assert code == 0 and (campaign / "du-thao" / "cong-van-phat-dong.docx").is_file()


def test_draft_never_overwrites_an_edited_draft(
    capsys: pytest.CaptureFixture[str], campaign: Path
) -> None:
    assert run(capsys, "draft", str(campaign))[0] == 0
    target = campaign / "du-thao" / "cong-van-phat-dong.docx"
    edited = docx.Document(str(target))
    edited.add_paragraph("Sửa tay của chuyên viên")
    edited.save(str(target))
    before = target.read_bytes()
    code, out, err = run(capsys, "draft", str(campaign))
    assert (code, out) == (1, "")
    assert err == (
        f"Lỗi: Tệp {target} đã có; không ghi đè để giữ bản có thể đã được sửa. "
        "Dùng --force để ghi đè.\n"
    )
    assert target.read_bytes() == before
    assert run(capsys, "draft", str(campaign), "--force")[0] == 0
    assert "Sửa tay của chuyên viên" not in nonempty_lines(target)


def test_malformed_spec_exit_2_with_every_problem(
    capsys: pytest.CaptureFixture[str], campaign: Path
) -> None:
    spec = campaign / "chien-dich.yaml"
    text = spec.read_text(encoding="utf-8")
    text = text.replace("  so: 4111", "  so: bốn nghìn").replace(
        "  ngay: 2024-11-11", "  ngay: 2024-11-31"
    )
    spec.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "draft", str(campaign))
    lines = text.splitlines()
    so_line = lines.index("  so: bốn nghìn") + 1
    ngay_line = lines.index("  ngay: 2024-11-31") + 1
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "Lỗi: Tìm thấy 2 lỗi trong tệp khai báo:",
        f"  - {spec}:{so_line}: cong_van › so: cần một số nguyên (giá trị: 'bốn nghìn')",
        f"  - {spec}:{ngay_line}: cong_van › ngay: ngày 31/11/2024 không có trong lịch: tháng 11 năm 2024 có 30 ngày (giá trị: '2024-11-31')",
    ]
    assert not (campaign / "du-thao").exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["draft", "khong-co-thu-muc"],
            2,
            "Lỗi: Không tìm thấy thư mục chiến dịch khong-co-thu-muc\n",
        ),
        (["drat", "x"], 2, "Lỗi: Không có lệnh 'drat'. Có phải ý là 'draft'?\n"),
        (["draft"], 2, "Lỗi: Thiếu đối số 'THƯ_MỤC_CHIẾN_DỊCH'.\n"),
        (["draft", "a", "--nhanh"], 2, "Lỗi: Không có tùy chọn '--nhanh'.\n"),
        (["render", "a.docx", "b.yaml"], 2, "Lỗi: Thiếu tùy chọn '--output' / '-o'.\n"),
    ],
    ids=[
        "missing folder",
        "misspelt command",
        "missing argument",
        "unknown option",
        "missing output",
    ],
)
def test_usage_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], code: int, message: str
) -> None:
    got_code, out, err = run(capsys, *args)
    assert (got_code, out) == (code, "")
    assert err.endswith(message)
    assert "Traceback" not in err


def test_render_any_template_with_yaml_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    template = tmp_path / "mau.docx"
    document = docx.Document()
    document.add_paragraph("{{ ten }}: {{ tien|tien }} ({{ tien|bang_chu }}), {{ ngay|ngay }}")
    document.save(str(template))
    data = tmp_path / "du-lieu.yaml"
    data.write_text("ten: Đội Thu & Sổ <1>\ntien: 130000\nngay: 2024-01-09\n", encoding="utf-8")
    out_file = tmp_path / "ket-qua.docx"
    code, out, err = run(capsys, "render", str(template), str(data), "-o", str(out_file))
    assert (code, out, err) == (0, f"Đã tạo {out_file}\n", "")
    assert nonempty_lines(out_file) == [
        "Đội Thu & Sổ <1>: 130.000 đồng (Một trăm ba mươi nghìn đồng), ngày 09 tháng 01 năm 2024"
    ]


def test_render_with_json_data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    document = docx.Document()
    document.add_paragraph("{{ so_luong|so }}")
    document.save(str(template))
    (tmp_path / "d.json").write_text('{"so_luong": 1234567}', encoding="utf-8")
    assert (
        run(
            capsys,
            "render",
            str(template),
            str(tmp_path / "d.json"),
            "-o",
            str(tmp_path / "r.docx"),
        )[0]
        == 0
    )
    assert nonempty_lines(tmp_path / "r.docx") == ["1.234.567"]


@pytest.mark.parametrize(
    ("paragraph", "data", "fragment"),
    [
        (
            "{{ ten }}",
            "khac: 1\n",
            "phần thân, đoạn 1 \"{{ ten }}\": biến 'ten' không có trong dữ liệu",
        ),
        ("{{ ten }", "ten: a\n", "lỗi cú pháp trong thẻ Jinja"),
        ("{{ ten }}", "ten: [a\n", "du-lieu.yaml:2:1:"),
        (
            "{{ ten }}",
            "- a\n",
            "du-lieu.yaml: dữ liệu phải là một nhóm khóa: giá trị ở mức ngoài cùng",
        ),
    ],
    ids=["undefined variable", "template syntax", "yaml syntax", "data not a mapping"],
)
def test_render_bad_input_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, paragraph: str, data: str, fragment: str
) -> None:
    template = tmp_path / "mau.docx"
    document = docx.Document()
    document.add_paragraph(paragraph)
    document.save(str(template))
    (tmp_path / "du-lieu.yaml").write_text(data, encoding="utf-8")
    code, out, err = run(
        capsys,
        "render",
        str(template),
        str(tmp_path / "du-lieu.yaml"),
        "-o",
        str(tmp_path / "r.docx"),
    )
    assert (code, out) == (2, "")
    assert err.startswith("Lỗi: ") and fragment in err and "Traceback" not in err
    assert not (tmp_path / "r.docx").exists()


def test_the_installed_entry_point_runs(tmp_path: Path) -> None:
    """`python -m thidua_docs` is the same program as the `thidua` script."""
    result = subprocess.run(
        [sys.executable, "-m", "thidua_docs", "draft", str(tmp_path / "khong-co")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: Không tìm thấy thư mục chiến dịch")
    assert result.stdout == ""


def test_render_refuses_a_package_word_would_call_damaged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A cell whose every paragraph sits in a {%p if %} block that is false is left without a
    paragraph: Word reports the file damaged, so it is not written, and the message says where."""
    template = tmp_path / "mau.docx"
    document = docx.Document()
    document.add_paragraph("Danh sách")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "{%p if co %}"
    cell.add_paragraph("{{ ten }}")
    cell.add_paragraph("{%p endif %}")
    document.save(str(template))
    data = tmp_path / "du-lieu.yaml"
    data.write_text("co: false\nten: An\n", encoding="utf-8")
    code, out, err = run(capsys, "render", str(template), str(data), "-o", str(tmp_path / "r.docx"))
    assert (code, out) == (2, "")
    assert "không phải tệp Word hợp lệ" in err and "bảng 1, dòng 1" in err, err
    assert not (tmp_path / "r.docx").exists()
    data.write_text("co: true\nten: An\n", encoding="utf-8")
    code, out, err = run(capsys, "render", str(template), str(data), "-o", str(tmp_path / "r.docx"))
    assert code == 0 and nonempty_lines(tmp_path / "r.docx") == ["Danh sách", "An"]
