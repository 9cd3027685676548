"""A council meeting no member attends cannot vote: a located error, not a division by zero."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from thidua_docs.cli import main

from ..helpers import CAMPAIGNS


def test_every_member_absent_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    folder = tmp_path / "bhxh-2024-nuoc-rut"
    shutil.copytree(CAMPAIGNS / "bhxh-2024-nuoc-rut", folder)
    spec = folder / "khen-thuong.yaml"
    members = "chu_tich, pho_chu_tich, uy_vien_thuong_truc, uy_vien_thu, thu_ky"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "vang_mat: [uy_vien_thu]", f"vang_mat: [{members}]"
        ),
        encoding="utf-8",
    )
    assert main(["dossier", str(folder), "--only", "bien_ban"]) == 2
    err = capsys.readouterr().err
    assert f"{spec}:63: bien_ban › vang_mat: mọi thành viên hội đồng đều vắng mặt" in err
    assert "Lỗi nội bộ" not in err and not (folder / "ho-so").exists()
