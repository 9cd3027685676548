"""The desk killed in the middle of a build leaves what `thidua build` killed would: no half
file under a final name, and a rerun from the terminal completes the dossier."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx

from ..helpers import CAMPAIGNS
from .conftest import CAMPAIGN
from .test_browser import Desk


def test_a_desk_killed_mid_build_leaves_what_the_cli_would(tmp_path: Path) -> None:
    folder = tmp_path / "campaigns"
    shutil.copytree(CAMPAIGNS, folder)
    desk = Desk(folder)
    try:
        with httpx.Client(base_url=desk.url, timeout=30) as client:
            page = client.get(f"/c/{CAMPAIGN}/van-ban").text
            csrf = re.search(r'name="_csrf" value="([^"]+)"', page)
            assert csrf
            client.post(f"/c/{CAMPAIGN}/soan", data={"_csrf": csrf.group(1), "pdf": "1"})
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:  # kill it once the build has written something
                status = client.get(f"/c/{CAMPAIGN}/soan/tien-do").json()
                if status["xong"] or status["trang_thai"] != "dang_chay":
                    break
                time.sleep(0.05)
        desk.process.send_signal(signal.SIGKILL)
    finally:
        desk.process.wait(10)
    out = folder / CAMPAIGN / "ho-so"
    for document in out.rglob("*.docx"):  # under a final name, only whole documents
        if not document.name.startswith("."):
            assert zipfile.is_zipfile(document), document
    rerun = subprocess.run(
        [sys.executable, "-m", "thidua_docs", "build", str(folder / CAMPAIGN)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    rows = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tep"]
    assert {"quyet-dinh.docx", "to-trinh.docx"} <= {row["tep"] for row in rows}
    assert not list(out.rglob("*.tmp"))
