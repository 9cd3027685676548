"""Writing files so that a clerk never finds half a file, nor loses one they edited."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from thidua_docs.errors import OutputError


def check_writable(path: Path, *, force: bool = False) -> None:
    """Refuse to replace an existing file unless ``force``: it may be a draft a clerk has edited."""
    if path.is_dir():
        raise OutputError(f"{path} là một thư mục; cần đường dẫn của một tệp .docx")
    if path.exists() and not force:
        raise OutputError(
            f"Tệp {path} đã có; không ghi đè để giữ bản có thể đã được sửa. Dùng --force để ghi đè."
        )


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` to write to; on success it replaces ``path`` in one rename,
    on any failure (or interruption) it is removed and ``path`` is left as it was."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        os.close(handle)
    except OSError as err:
        raise OutputError(
            f"Không tạo được tệp trong thư mục {path.parent}: {err.strerror}"
        ) from err
    temp = Path(temp_name)
    try:
        yield temp
        os.replace(temp, path)
    except BaseException as err:
        temp.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OutputError(f"Không ghi được tệp {path}: {err.strerror}") from err
        raise


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename; never half a file.

    An existing file is kept unless ``force``: it may be a draft a clerk has edited.
    """
    check_writable(Path(path), force=force)
    with atomic_target(path) as temp, open(temp, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
