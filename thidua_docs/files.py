"""The edge between the toolkit and the disk: reading a user's file, writing without harm.

- :func:`read_input` is the one translation of a file that cannot be read (missing, a folder, no
  permission, a disk error) into a Vietnamese :class:`InputError` naming it.
- :func:`check_writable` is the one "exists, not overwriting" refusal: a file a clerk may have
  edited is replaced only when asked (``force``).
- :func:`atomic_target` / :func:`write_atomic`: a clerk never finds half a file.
- :func:`write_error` is the one wording of a disk that refuses a write (full, read-only, a folder
  gone, no permission): "Không ghi được …", an :class:`OutputError` naming the place.
- :func:`check_output_folder` checks, before anything is written, that a folder can be made or
  written into; :func:`folder_lock` serialises two runs writing into one folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
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


_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết dung lượng được cấp trên ổ đĩa",
    errno.EROFS: "ổ đĩa chỉ cho đọc, không cho ghi",
    errno.ENOENT: "thư mục chứa nó không còn (đã bị xóa, đổi tên hoặc ổ đĩa đã bị rút ra)",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi (hoặc thư mục đã bị khóa)",
    errno.ENOTDIR: "một phần của đường dẫn là một tệp, không phải thư mục",
    errno.EISDIR: "đó là một thư mục, không phải tệp",
    errno.EEXIST: "đã có một tệp trùng tên với thư mục cần tạo",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
}


def write_error(path: Path, err: OSError, *, what: str = "tệp") -> OutputError:
    """The one wording of a disk refusing a write at ``path`` ("tệp" or "thư mục"): what failed,
    where, and why in Vietnamese (the system's own words in brackets)."""
    reason = _REASONS.get(err.errno or 0)
    system = err.strerror or type(err).__name__
    why = f"{reason} ({system})" if reason else system
    error = OutputError(
        f"Không ghi được {what} {path}: {why}. Các tệp đã ghi xong vẫn nguyên vẹn; "
        "khắc phục rồi chạy lại lệnh."
    )
    error.__cause__ = err
    return error


def _nearest_existing(folder: Path) -> Path:
    current = folder
    while not current.exists() and current.parent != current:
        current = current.parent
    return current


def check_output_folder(folder: Path) -> None:
    """Refuse, before anything is written, an output folder that is a file, that cannot be created
    (a file in its way) or that cannot be written (read-only disk, no permission)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            f"Không ghi được vào thư mục {folder}: đó là một tệp, không phải thư mục. "
            "Hãy chọn một thư mục khác (--out)."
        )
    existing = _nearest_existing(folder.absolute())
    if not existing.is_dir():
        raise OutputError(
            f"Không tạo được thư mục {folder}: {existing} là một tệp, không phải thư mục. "
            "Hãy chọn một thư mục khác (--out)."
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        read_only = bool(os.statvfs(existing).f_flag & os.ST_RDONLY)
        reason = _REASONS[errno.EROFS] if read_only else _REASONS[errno.EACCES]
        where = folder if existing == folder.absolute() else f"{folder} (trong {existing})"
        raise OutputError(
            f"Không ghi được vào thư mục {where}: {reason}. Hãy chọn một thư mục khác (--out)."
        )


#: The lock file a run holds in the folder it writes into (a kernel lock: released on any exit).
LOCK_FILE = ".thidua.lock"


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's lock while writing into it (creating the folder); a second run on the
    same folder is refused at once. The lock is the kernel's (flock): a killed run releases it."""
    folder = Path(folder)
    created = []  # the folders made here: removed again if the run writes nothing into them
    current = folder.absolute()
    while not current.exists() and current.parent != current:
        created.append(current)
        current = current.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # read-only: an open lock file does not keep the disk from being remounted read-only
        handle = os.open(folder / LOCK_FILE, os.O_RDONLY | os.O_CREAT, 0o666)  # the umask decides
    except OSError as err:
        raise write_error(folder, err, what="thư mục") from err
    locked = False
    try:
        locked = try_lock(handle)
        if not locked:
            raise OutputError(
                f"Thư mục {folder} đang được một lần soạn khác ghi; chờ xong rồi chạy lại."
            )
        yield
    except BaseException:
        if locked and created:
            _remove_if_only_lock(folder, created)
        raise
    finally:
        os.close(handle)  # closing the descriptor releases the lock


def _remove_if_only_lock(folder: Path, created: list[Path]) -> None:
    """A run refused before writing leaves no folder it made (only its lock file was in it)."""
    with contextlib.suppress(OSError):
        if [p.name for p in folder.iterdir()] == [LOCK_FILE]:
            (folder / LOCK_FILE).unlink()
            for made in created:  # innermost first
                made.rmdir()


if sys.platform == "win32":  # pragma: no cover - the office's Windows machines

    def try_lock(handle: int) -> bool:
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:

    def try_lock(handle: int) -> bool:
        import fcntl

        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def current_umask() -> int:
    """The process's umask, read without changing it where Linux tells it (/proc), else set and
    restored at once."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` to write to; on success it replaces ``path`` in one rename,
    on any failure (or interruption) it is removed and ``path`` is left as it was. A disk that
    refuses (full, read-only, the folder gone) is a :func:`write_error`."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        os.close(handle)
        # mkstemp makes the file private (0600); a document is for colleagues on a shared folder:
        # the mode any new file gets under the user's umask (0644, or 0664 with umask 002).
        os.chmod(temp_name, 0o666 & ~current_umask())
    except OSError as err:
        raise write_error(path, err) from err
    temp = Path(temp_name)
    try:
        yield temp
        os.replace(temp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise write_error(path, err) from err
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
