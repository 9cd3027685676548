"""`thidua templates vars`: every variable a template receives is listed and described."""

from __future__ import annotations

import re
import zipfile

import jinja2.meta
import pytest

from thidua_docs.cli import main
from thidua_docs.documents.catalogue import example_contexts, template_variables
from thidua_docs.render.engine import make_environment
from thidua_docs.render.templates import TEMPLATE_FILES, shipped_templates_dir

CONTEXTS = example_contexts()


@pytest.mark.parametrize("template", list(TEMPLATE_FILES))
def test_every_variable_has_a_description_and_an_example(template: str) -> None:
    variables = template_variables(template, CONTEXTS)
    assert variables
    missing = [v.path for v in variables if not v.description]
    assert missing == []
    assert all(v.example for v in variables)


@pytest.mark.parametrize("template", list(TEMPLATE_FILES))
def test_templates_only_use_variables_they_receive(template: str) -> None:
    """Every top-level name in a shipped template is a variable of its context (or a Jinja global)."""
    from docxtpl import DocxTemplate

    env = make_environment()
    patcher = DocxTemplate(shipped_templates_dir() / template)
    with zipfile.ZipFile(shipped_templates_dir() / template) as package:
        parts = [
            n
            for n in package.namelist()
            if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)
        ]
        names: set[str] = set()
        for part in parts:
            source = patcher.patch_xml(package.read(part).decode("utf-8"))
            names |= jinja2.meta.find_undeclared_variables(env.parse(source))
    assert names - set(env.globals) <= set(CONTEXTS[template])


def test_cli_lists_variables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "vars", "danh_sach"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("danh_sach.docx — Danh sách khen thưởng")
    assert (
        "  khen_thuong.tong_tien: tổng tiền thưởng (đồng; dùng |tien và |bang_chu) (ví dụ: 220870000)"
        in out
    )
    assert "[].tap_the: đúng (true) nếu dòng này là tập thể" in out


def test_cli_unknown_template(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "vars", "giay_moi_hop"]) == 2
    assert capsys.readouterr().err.startswith(
        "Lỗi: Không có mẫu giay_moi_hop.docx; các mẫu: cong_van_phat_dong.docx"
    )


def test_examples_are_written_for_a_clerk(capsys: pytest.CaptureFixture[str]) -> None:
    """No Python spelling (None, True, False) in the variable list."""
    assert main(["templates", "vars"]) == 0
    out = capsys.readouterr().out
    assert "(ví dụ: None)" not in out and "(ví dụ: True)" not in out and "(ví dụ: False)" not in out
    assert "van_ban.so: số văn bản (trống ở bản dự thảo) (ví dụ: (trống))" in out
