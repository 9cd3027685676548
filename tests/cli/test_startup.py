"""Start-up: `thidua --help` and a mistyped command line import only what they use — none of the
heavy libraries the commands themselves need."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pydantic", "openpyxl", "docx", "docxtpl", "lxml", "jinja2", "yaml", "sqlalchemy")

PROBE = """
import json, sys
from thidua_docs.cli import main
code = main(sys.argv[1:])
loaded = sorted({name.split(".")[0] for name in sys.modules})
print(json.dumps({"code": code, "loaded": loaded}))
"""


def run(*argv: str) -> tuple[int, set[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], set(report["loaded"]), done.stdout + done.stderr


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (("--help",), 0),
        (("draft", "--help"), 0),
        (("evaluate", "--help"), 0),
        (("render", "--help"), 0),
        (("templates", "--help"), 0),
        (("so", "--help"), 0),
        (("--version",), 0),
        (("build",), 2),  # the campaign folder missing
        (("lam-gi-do",), 2),  # no such command
        (("build", "c", "--jobs", "0"), 2),  # out of range
        (("build", "c", "--khong-co"), 2),  # no such option
    ],
)
def test_help_and_argument_errors_import_no_heavy_library(argv: tuple[str, ...], code: int) -> None:
    exit_code, loaded, output = run(*argv)
    assert exit_code == code, output
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_help_still_lists_the_kinds_from_the_registry() -> None:
    """The help of a command with --only or --kind names the registry's kinds: it loads them."""
    _, _, output = run("dossier", "--help")
    assert "bang_khen" in output and "in_phoi" in output
    _, _, output = run("check", "--help")
    assert "quyet_dinh" in output


def test_a_command_loads_the_library_when_it_runs() -> None:
    exit_code, loaded, output = run("dossier", "khong-co-thu-muc-nay")
    assert exit_code == 2 and "pydantic" in loaded, output
