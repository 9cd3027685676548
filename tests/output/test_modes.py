"""Files for an office: every file written takes the mode the user's umask gives, not 0600."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .test_build import campaign_copy


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_every_written_file_follows_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    folder = campaign_copy(tmp_path, "bhxh-2017-giam-no")
    before = {p for p in folder.rglob("*") if p.is_file()}
    script = (
        f"import os, sys; os.umask({umask}); from thidua_docs.cli import main; "
        f"sys.exit(main(['build', {str(folder)!r}, '--jobs', '1']))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    written = sorted(p for p in folder.rglob("*") if p.is_file() and p not in before)
    kinds = {p.suffix for p in written}
    assert {".docx", ".xlsx", ".yaml", ".json", ".csv"} <= kinds
    wrong = {str(p.relative_to(folder)): oct(stat.S_IMODE(p.stat().st_mode)) for p in written}
    assert {k: v for k, v in wrong.items() if v != oct(mode)} == {}
    assert all(
        stat.S_IMODE(p.stat().st_mode) == 0o777 & ~umask
        for p in folder.rglob("*")
        if p.is_dir() and p not in before and p != folder
    )


def test_umask_is_read_without_changing_it() -> None:
    from thidua_docs.files import current_umask

    old = os.umask(0o027)
    try:
        assert current_umask() == 0o027
        assert current_umask() == 0o027
    finally:
        os.umask(old)
