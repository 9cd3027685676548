"""Every word the clerk reads from the command line is Vietnamese, Click's own words included."""

from __future__ import annotations

import re

import pytest

from thidua_docs.cli import cli, main

#: English that Click prints by itself (help decorations, usage errors) and must not reach a clerk.
ENGLISH = re.compile(
    r"\b(required|default|Usage|Options|Commands|Show this message|is not|range|integer|"
    r"Missing|Invalid value|Error|Try|Choose from|env var)\b|\d<=x<=\d"
)


def _helps() -> list[list[str]]:
    commands: list[list[str]] = [["--help"]]
    for name, command in cli.commands.items():
        commands.append([name, "--help"])
        for sub in getattr(command, "commands", {}):
            commands.append([name, sub, "--help"])
    return commands


@pytest.mark.parametrize("argv", _helps(), ids=lambda argv: " ".join(argv))
def test_help_has_no_english(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert not ENGLISH.search(out), ENGLISH.search(out)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["build", "x", "--jobs", "0"], "cần một số nguyên từ 1 đến 64 (giá trị: 0)"),
        (["build", "x", "--jobs", "hai"], "'hai' không phải là một số hợp lệ."),
        (["render", "a.docx", "b.yaml"], "Thiếu tùy chọn '--output' / '-o'."),
        (["dossier", "x", "--only", "bang"], "không thuộc các giá trị"),
        (["khong-co"], "Không có lệnh 'khong-co'."),
        (["draft"], "Thiếu đối số 'THƯ_MỤC_CHIẾN_DỊCH'."),
    ],
    ids=[
        "ngoai-khoang",
        "khong-phai-so",
        "thieu-tuy-chon",
        "lua-chon-sai",
        "lenh-sai",
        "thieu-doi-so",
    ],
)
def test_usage_errors_are_vietnamese(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert not ENGLISH.search(err), ENGLISH.search(err)
