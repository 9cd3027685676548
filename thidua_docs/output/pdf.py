"""PDF through LibreOffice: one call converts a whole folder of documents.

LibreOffice writes into a temporary folder beside the PDFs' own (``.pdf.XXXX.tmp``), and each PDF
is renamed into place once the call has finished: a full disk or a killed run leaves no half PDF
under a final name (`thidua build` removes a stray temporary folder on its next run).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from thidua_docs.errors import OutputError
from thidua_docs.files import write_error
from thidua_docs.output.lifetime import child_dies_with_parent

INSTALL_LIBREOFFICE = (
    "sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation2"
)


def find_libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(files: list[Path], out_dir: Path, soffice: str) -> list[Path]:
    """Convert ``files`` (all in one folder) to PDF with ONE LibreOffice call; returns the PDFs."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".pdf.", suffix=".tmp", dir=out_dir))
    except OSError as err:
        raise write_error(out_dir, err, what="thư mục") from err
    try:
        with tempfile.TemporaryDirectory(prefix="thidua-lo-") as profile:
            command = [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(staging),
                *map(str, files),
            ]
            try:
                subprocess.run(
                    command,
                    check=True,
                    capture_output=True,
                    timeout=60 + 10 * len(files),
                    preexec_fn=child_dies_with_parent if os.name == "posix" else None,
                )
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
                raise OutputError(
                    f"LibreOffice không chuyển được sang PDF các tệp trong {files[0].parent}: {err}"
                ) from err
        made = [staging / f"{f.stem}.pdf" for f in files]
        missing = [p.name for p in made if not p.is_file()]
        if missing:
            raise OutputError(f"LibreOffice không tạo được {', '.join(missing)}")
        pdfs = []
        for pdf in made:
            target = out_dir / pdf.name
            try:
                os.replace(pdf, target)
            except OSError as err:
                raise write_error(target, err) from err
            pdfs.append(target)
        return pdfs
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
