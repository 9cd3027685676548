"""The package keeps the shape docs/architecture.md draws: layers, the pure core, one registry."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from importlinter import configuration
from importlinter.application import use_cases

from thidua_docs import api
from thidua_docs.cli import cli
from thidua_docs.documents.registry import kinds, template_titles
from thidua_docs.render.templates import shipped_templates_dir

from ..helpers import ROOT


def test_layer_contracts_are_kept(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyproject.toml's import-linter contracts: each layer imports only the layers below it, and
    the pure core (schema, evaluation, awards) reads no files and renders nothing."""
    monkeypatch.chdir(ROOT)
    configuration.configure()  # what the lint-imports command does first
    kept = use_cases.lint_imports(
        config_filename=str(ROOT / "pyproject.toml"), no_logo=True, cache_dir=None
    )
    assert kept, capsys.readouterr().out


def test_every_command_is_documented_and_calls_the_api() -> None:
    """Each CLI command's module function is one call into thidua_docs.api (read from its source)."""
    source = (ROOT / "thidua_docs" / "cli" / "main.py").read_text(encoding="utf-8")
    # the front door, imported when a command first calls it (start-up: tests/cli/test_startup.py)
    assert "from thidua_docs import api" in source
    assert "from thidua_docs.cli.front import api" in source
    for forbidden in (
        "thidua_docs.inputs",
        "thidua_docs.output",
        "thidua_docs.documents",
        "thidua_docs.evaluation",
    ):
        assert forbidden not in source
    names = {name for name, command in cli.commands.items()}
    assert names == {
        "draft",
        "dossier",
        "render",
        "new",
        "evaluate",
        "build",
        "check",
        "templates",
        "web",
        "so",
    }


def test_every_kind_with_a_template_has_it_shipped() -> None:
    shipped = {p.name for p in shipped_templates_dir().glob("*.docx")}
    assert set(template_titles()) == shipped
    assert all(k.template in shipped for k in kinds() if k.template is not None)


@pytest.mark.parametrize("kind", kinds(), ids=[k.key for k in kinds()])
def test_each_kind_is_declared_completely(kind: object) -> None:
    from thidua_docs.checks.nd30 import KINDS as ND30_KINDS
    from thidua_docs.documents.registry import DocumentKind

    assert isinstance(kind, DocumentKind)
    assert kind.title and kind.short_title
    if kind.nd30 is not None:  # administrative: the checker knows its profile
        assert kind.nd30 in ND30_KINDS
    if kind.print_file is not None:  # merged certificates come from one folder per kind
        assert kind.folder is not None and not kind.administrative
    if kind.template is not None:
        assert kind.example is not None  # so the variable catalogue can walk a real context


def test_public_api_is_keyword_only() -> None:
    import inspect

    for name in api.__all__:
        value = getattr(api, name)
        if inspect.isfunction(value):
            parameters = inspect.signature(value).parameters.values()
            assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters), name


def test_package_is_typed() -> None:
    assert (ROOT / "thidua_docs" / "py.typed").is_file()
    assert os.path.getsize(ROOT / "thidua_docs" / "py.typed") == 0
    assert Path(api.__file__).parent.name == "thidua_docs"


def test_architecture_page_names_every_layer_and_the_api() -> None:
    """docs/architecture.md stays true: each subpackage of thidua_docs and each API task is on it."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    layers = sorted(
        p.name for p in (ROOT / "thidua_docs").iterdir() if (p / "__init__.py").is_file()
    )
    missing = [name for name in layers if f"`{name}" not in page]
    assert not missing
    tasks = [name for name in api.__all__ if name[0].islower()]
    assert [t for t in tasks if f"`{t}`" not in page] == []


def test_each_command_is_one_call_into_the_api() -> None:
    """The body of every command function calls the API exactly once (the rest is printing)."""
    import ast

    tree = ast.parse((ROOT / "thidua_docs" / "cli" / "main.py").read_text(encoding="utf-8"))
    commands = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(
            isinstance(d, ast.Call)
            and isinstance(d.func, ast.Attribute)
            and d.func.attr == "command"
            for d in node.decorator_list
        )
    ]
    assert len(commands) == 11  # draft dossier render new evaluate build check web, templates ×3
    for command in commands:
        calls = [
            call
            for statement in command.body
            for call in ast.walk(statement)
            if isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id == "api"
        ]
        assert len(calls) == 1, command.name


def test_no_export_hides_a_layer() -> None:
    """A name the package exports is never also a subpackage (``import thidua_docs.render.x``)."""
    import thidua_docs

    layers = {p.name for p in (ROOT / "thidua_docs").iterdir() if (p / "__init__.py").is_file()}
    assert not layers & set(thidua_docs.__all__)
    import thidua_docs.render.budget as budget  # the attribute is the subpackage, not a function

    assert budget.__name__ == "thidua_docs.render.budget"
