"""PDF through LibreOffice: one call converts a whole folder of documents."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from thidua_docs.errors import OutputError

INSTALL_LIBREOFFICE = (
    "sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation2"
)


def find_libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(files: list[Path], out_dir: Path, soffice: str) -> list[Path]:
    """Convert ``files`` (all in one folder) to PDF with ONE LibreOffice call; returns the PDFs."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="thidua-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *map(str, files),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=60 + 10 * len(files))
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
            raise OutputError(
                f"LibreOffice không chuyển được sang PDF các tệp trong {files[0].parent}: {err}"
            ) from err
    pdfs = [out_dir / f"{f.stem}.pdf" for f in files]
    missing = [p.name for p in pdfs if not p.is_file()]
    if missing:
        raise OutputError(f"LibreOffice không tạo được {', '.join(missing)}")
    return pdfs
