"""The README stays true: its two commands, the CLI commands and the filters it documents."""

from __future__ import annotations

import re

from thidua_docs.cli import cli
from thidua_docs.formatting import FILTERS

from ..helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_lines() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_readme_has_exactly_the_two_newcomer_commands() -> None:
    assert shell_lines() == [
        "pip install -e . && thidua draft campaigns/bhxh-2024-nuoc-rut",
        "pip install -e '.[test]' && pytest",
    ]


def test_ci_runs_the_readme_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'readme_command "thidua draft"' in ci and 'readme_command "pytest"' in ci


def test_every_command_is_documented() -> None:
    for name in cli.commands:
        assert f"`thidua {name} " in README, name


def test_every_filter_is_documented() -> None:
    for name in FILTERS:
        assert f"| `{name}` |" in README, name


def test_template_guide_documents_every_filter() -> None:
    guide = (ROOT / "docs" / "huong-dan-mau.md").read_text(encoding="utf-8")
    for name in FILTERS:
        assert f"| `{name}` |" in guide, name
