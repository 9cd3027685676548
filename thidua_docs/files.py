"""The edge between the toolkit and the disk: reading a user's file, writing without harm.

- :func:`read_input` is the one translation of a file that cannot be read (missing, a folder, no
  permission, a disk error) into a Vietnamese :class:`InputError` naming it.
- :func:`check_writable` is the one "exists, not overwriting" refusal: a file a clerk may have
  edited is replaced only when asked (``force``).
- :func:`atomic_target` / :func:`write_atomic`: a clerk never finds half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from thidua_docs.errors import InputError, OutputError


def shipped_folder(inside: str, checkout: str, what: str) -> Path:
    """A folder shipped with the toolkit: ``inside`` the installed package, or ``checkout`` beside
    the package in a source checkout; ``what`` names it if neither is there."""
    package = Path(__file__).resolve().parent
    for candidate in (package / inside, package.parent / checkout):
        if candidate.is_dir():
            return candidate
    raise InputError(f"Không tìm thấy {what} đi kèm chương trình; hãy cài đặt lại thidua-docs")


def read_input(path: Path, *, noun: str = "tệp", expected: str = "một tệp") -> bytes:
    """The bytes of a user's input file; ``noun`` names it in messages ("tệp kết quả"),
    ``expected`` says what a folder given instead should have been ("một tệp Excel (.xlsx)")."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError as err:
        raise InputError(f"Không tìm thấy {noun} {path}") from err
    except IsADirectoryError as err:
        raise InputError(f"{path} là một thư mục; cần {expected}") from err
    except PermissionError as err:
        raise InputError(f"Không có quyền đọc {noun} {path}") from err
    except OSError as err:
        raise InputError(f"Không đọc được {noun} {path}: {err.strerror or err}") from err


def check_writable(
    path: Path,
    *,
    force: bool = False,
    keeps: str = "bản có thể đã được sửa",
    noun: str = "tệp .docx",
    remedy: str = "Dùng --force để ghi đè.",
) -> None:
    """Refuse to replace an existing file unless ``force``: it may hold a clerk's work, which
    ``keeps`` names ("số liệu đã nhập"); ``remedy`` says what to do instead."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path} là một thư mục; cần đường dẫn của một {noun}")
    if path.exists() and not force:
        raise OutputError(f"Tệp {path} đã có; không ghi đè để giữ {keeps}. {remedy}")


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
