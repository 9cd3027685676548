"""The `thidua` process itself on output it cannot write: exit 1, one located Vietnamese line on
stderr, no traceback, nothing written (the folder tree and every file's hash as before)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..helpers import CAMPAIGNS, TEMPLATES


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "thư mục"
        )
        for p in sorted(root.rglob("*"))
    }


def campaign(tmp_path: Path) -> Path:
    shutil.copytree(
        CAMPAIGNS / "bhxh-2024-nuoc-rut",
        tmp_path / "c",
        ignore=shutil.ignore_patterns(
            "du-thao", "ho-so", "danh-gia.xlsx", "danh-sach-de-nghi.yaml"
        ),
    )
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    return tmp_path / "c"


# id, arguments (with {c}: the campaign, {f}: a file where a folder is expected), the message
CASES = [
    ("build", "build {c} --out {f} --jobs 1", "Lỗi: Không ghi được vào thư mục {f}: đó là một tệp"),
    ("dossier", "dossier {c} --out {f}", "Lỗi: Không ghi được vào thư mục {f}: đó là một tệp"),
    ("draft", "draft {c} --out {f}", "Lỗi: Không ghi được vào thư mục {f}: đó là một tệp"),
    (
        "build-duoi-mot-tep",
        "build {c} --out {f}/ho-so --jobs 1",
        "Lỗi: Không tạo được thư mục {f}/ho-so: {f} là một tệp",
    ),
    (
        "render",
        "render {t} {c}/khen-thuong.yaml -o {f}/x.docx",
        "Lỗi: Không ghi được vào thư mục {f}: đó là một tệp",
    ),
]


@pytest.mark.parametrize(("args", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_output_in_place_of_a_file_is_refused_by_the_process(
    tmp_path: Path, args: str, message: str
) -> None:
    folder = campaign(tmp_path)
    blocker = tmp_path / "mot-tep.docx"
    blocker.write_bytes(b"not a folder")
    places = {"c": str(folder), "f": str(blocker), "t": str(TEMPLATES / "quyet_dinh.docx")}
    before = tree(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "thidua_docs", *args.format(**places).split()],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(message.format(**places)), done.stderr
    assert "Traceback" not in done.stderr and "Lỗi nội bộ" not in done.stderr
    assert tree(tmp_path) == before
