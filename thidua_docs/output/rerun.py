"""A rerun of `thidua build` with nothing to do, answered before the program is loaded.

Every document of a build already carries the key of its inputs (output.build: a document whose
key and file are as the manifest recorded is not rendered again). Checking those keys means
loading the inputs and building every context again: most of a second, with the program to
import first. This module keeps one step above that: the record of a whole run.

- While a build runs, :class:`Recording` notes every file the process opens (to read or write),
  renames into place, lists, or connects to as an SQLite register (Python's audit hooks: nothing
  has to remember to report it), outside the Python installation.
- At the end of a run that succeeded (no failed document, no PDF asked for), :func:`save` keeps
  the run's record: the request (the command's arguments and today's date), the program's files,
  and the state on disk (size, modification and change times, inode) of each file and folder
  noted, of each file of the dossier its manifest lists and of the folders holding them. A file
  read during the run that changed before the run ended leaves no record.
- :func:`unchanged` answers the same request again: when the program, every input and every
  output are as recorded, a full run would render nothing and write nothing, so its result is
  the recorded one (every file "không đổi", the edited files kept and the notes as before). Any
  difference — a file edited, touched, added to or removed from a folder the run looked at, a
  template changed, another day — and the caller runs the build in full, which decides as before.
- Not recorded: a run that asks for PDFs (LibreOffice writes them anew each time), and a run that
  talked to a server (a PostgreSQL register): what a server holds has no file to look at.

Records are a cache: kept in the user's cache folder ($XDG_CACHE_HOME/thidua-docs, by default
~/.cache/thidua-docs), never in the clerk's folders; one that cannot be read or written is
ignored. This module imports the standard library only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import stat
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thidua_docs.files import try_lock, write_atomic
from thidua_docs.output.result import BuildResult

#: The format of a record; another format is not read.
FORMAT = 1
_MANIFEST = "manifest.json"
_MANIFEST_CSV = "manifest.csv"
_LOCK = ".thidua.lock"
_PACKAGE = Path(__file__).resolve().parent.parent
#: The environment a build reads (the register's location).
_ENVIRONMENT = ("THIDUA_SO_KHEN_THUONG",)

State = list[int] | None  # a file's or folder's state on disk; None: not there


def state(path: str) -> State:
    """What changes when a file is written, replaced, touched, or a folder gains or loses an
    entry: size, modification and change times (the change time cannot be set back), inode."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    size = 0 if stat.S_ISDIR(found.st_mode) else found.st_size
    return [size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino]


def _program() -> str:
    """The program's files as they are on disk: another program (a new version, an edit) makes
    every record stale."""
    digest = hashlib.sha256(sys.version.encode())
    for folder, folders, files in os.walk(_PACKAGE):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            path = os.path.join(folder, name)
            digest.update(f"{os.path.relpath(path, _PACKAGE)}\0{state(path)}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Request:
    """What was asked: equal requests on equal inputs make equal dossiers."""

    campaign: str
    out: str | None
    only: tuple[str, ...]
    templates: str | None
    dot: str | None
    today: str

    @classmethod
    def of(
        cls,
        *,
        campaign: object,
        out: Path | None,
        only: Sequence[str],
        templates: Path | None,
        dot: str | None,
        today: dt.date,
    ) -> Request | None:
        """The request of a build, or None when it cannot be recorded (a campaign given as an
        object rather than a folder)."""
        if not isinstance(campaign, (str, os.PathLike)):
            return None
        return cls(
            os.path.abspath(campaign),
            os.path.abspath(out) if out is not None else None,
            tuple(sorted(set(only))),
            os.path.abspath(templates) if templates is not None else None,
            dot,
            today.isoformat(),
        )

    def key(self) -> str:
        environment = {name: os.environ.get(name) for name in _ENVIRONMENT}
        text = json.dumps([FORMAT, list(self.__dict__.values()), environment], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "thidua-docs" / "lan-chay"


def _record_file(request: Request) -> Path:
    return _cache_folder() / f"{request.key()}.json"


# ------------------------------------------------------------------ recording a run


def _installation() -> tuple[str, ...]:
    """Python's own files: they change with the program's version, not with the clerk's work."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    return tuple(os.path.join(os.path.realpath(root), "") for root in roots)


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class Recording:
    """Notes what the process touches on disk while a build runs (the module's docstring).

    Only one recording is active at a time; the audit hook, which Python cannot remove, is
    installed once and does nothing when no recording is active."""

    _active: Recording | None = None
    _installed = False
    _lock = threading.Lock()

    def __init__(self, request: Request | None) -> None:
        self.request = request
        self.read: dict[str, State] = {}  # at the first read
        self.written: set[str] = set()
        self.folders: set[str] = set()
        self.refused = False  # a server was reached: no record
        self._skip = _installation()
        self._cwd = os.getcwd()

    def __enter__(self) -> Recording:
        if self.request is not None:
            with Recording._lock:
                if not Recording._installed:
                    sys.addaudithook(_hook)
                    Recording._installed = True
                if Recording._active is not None:  # two builds at once (threads of the web
                    Recording._active.refused = True  # desk): neither sees all it touches
                    self.refused = True
                else:
                    Recording._active = self
        return self

    def __exit__(self, *_: object) -> None:
        if Recording._active is self:
            Recording._active = None

    def _path(self, value: object) -> str | None:
        if not isinstance(value, (str, bytes, os.PathLike)):
            return None  # a descriptor
        path = os.fsdecode(value)
        path = os.path.normpath(os.path.join(self._cwd, path))
        return None if path.startswith(self._skip) or path.startswith("/proc/") else path

    def event(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "open":
            path = self._path(args[0])
            if path is None:
                return
            mode, flags = args[1], args[2]
            writes = (
                any(c in mode for c in "wax+")
                if isinstance(mode, str)
                else bool(flags & _WRITE_FLAGS)
            )
            if writes:
                self.written.add(path)
            elif path not in self.read:
                self.read[path] = state(path)
        elif event == "os.rename":
            for value in args[:2]:
                if (path := self._path(value)) is not None:
                    self.written.add(path)
        elif event in ("os.listdir", "os.scandir"):
            if (path := self._path(args[0] if args else ".")) is not None:
                self.folders.add(path)
        elif event == "sqlite3.connect":
            database = str(args[0]) if args else ""
            if database.startswith("file:"):
                database = database[5:].split("?", 1)[0]
            if (path := self._path(database)) is not None and database != ":memory:":
                # what SQLite changes on reading too (a checkpoint on closing): the end's state
                self.written.update(path + tail for tail in ("", "-wal", "-journal"))
        elif event in ("socket.connect", "subprocess.Popen", "os.system", "os.exec", "os.spawn"):
            self.refused = True

    def watch(self, *paths: Path | None) -> None:
        """Folders whose contents decide the run although it may open nothing in them (a
        templates folder whose templates are all the bundled ones)."""
        for path in paths:
            if path is not None and (name := self._path(path)) is not None:
                self.folders.add(name)

    def save(self, result: BuildResult, target: Path, *, pdf: bool) -> None:
        """Keep this run's record, when it may answer a rerun (the module's docstring)."""
        if self.request is None or pdf or not result.ok or self.refused:
            return
        if result.manifest is None:
            return
        out = os.path.join(os.path.abspath(target), "")
        inputs: dict[str, State] = {}
        for path, then in self.read.items():
            if path.startswith(out) or path in self.written:
                continue
            if state(path) != then:  # changed while the run read it: the next run must look
                return
            inputs[path] = then
        for path in self.written:
            now = state(path)
            # a temporary file (gone again) or a folder opened to make one is no input
            if not path.startswith(out) and now is not None and not os.path.isdir(path):
                inputs[path] = now
        folders = {p for p in self.folders if not p.startswith(out)}
        folders |= {os.path.dirname(path) for path in inputs}
        try:
            listed = json.loads(result.manifest.read_text(encoding="utf-8"))["tep"]
            files = [str(row["tep"]) for row in listed]
        except (OSError, ValueError, KeyError, TypeError):
            return
        root = os.path.abspath(target)
        dossier = {name: state(os.path.join(root, name)) for name in files}
        dossier[_MANIFEST] = state(os.path.join(root, _MANIFEST))
        dossier[_MANIFEST_CSV] = state(os.path.join(root, _MANIFEST_CSV))
        inside = {os.path.dirname(name) for name in dossier}
        for name in list(inside):
            while name:
                name = os.path.dirname(name)
                inside.add(name)
        record = {
            "dinh_dang": FORMAT,
            "yeu_cau": self.request.__dict__ | {"only": list(self.request.only)},
            "chuong_trinh": _program(),
            "thu_muc_ho_so": root,
            "dau_vao": inputs,
            "thu_muc": {folder: state(folder) for folder in sorted(folders)},
            "ho_so": dossier,
            "thu_muc_ho_so_con": {name: state(os.path.join(root, name)) for name in inside},
            # what a full rerun would count: this run's documents as "không đổi", its kept edits
            "khong_doi": [os.path.relpath(p, root) for p in [*result.written, *result.unchanged]],
            "giu": [os.path.relpath(p, root) for p in result.kept],
            "ghi_chu": result.notes,
        }
        with contextlib.suppress(OSError, ValueError):
            text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            file = _record_file(self.request)
            file.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(file, text.encode("utf-8", "surrogatepass"), force=True)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    recording = Recording._active
    if recording is not None:
        recording.event(event, args)


# ------------------------------------------------------------------ answering a rerun


def _all_as_recorded(states: dict[str, State], root: str = "") -> bool:
    return all(state(os.path.join(root, path)) == then for path, then in states.items())


def unchanged(request: Request | None) -> BuildResult | None:
    """The result of ``request`` when nothing it depends on changed since its record; None: run
    the build (no record, or something differs, or another run holds the dossier's folder)."""
    if request is None:
        return None
    try:
        record = json.loads(_record_file(request).read_bytes())
        if record.get("dinh_dang") != FORMAT:
            return None
        root = str(record["thu_muc_ho_so"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    with _locked(os.path.join(root, _LOCK)) as locked:
        try:
            same = (
                locked
                and _all_as_recorded(record["thu_muc_ho_so_con"], root)
                and _all_as_recorded(record["dau_vao"])
                and _all_as_recorded(record["thu_muc"])
                and _all_as_recorded(record["ho_so"], root)
                and record["chuong_trinh"] == _program()
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if not same:
            return None
        folder = Path(root)
        return BuildResult(
            unchanged=[folder / name for name in record["khong_doi"]],
            kept=[folder / name for name in record["giu"]],
            notes=[str(note) for note in record["ghi_chu"]],
            manifest=folder / _MANIFEST,
        )


@contextlib.contextmanager
def _locked(lock_file: str) -> Iterator[bool]:
    """The dossier folder's lock, when it is free (the lock file exists: a build made it)."""
    try:
        handle = os.open(lock_file, os.O_RDONLY)
    except OSError:
        yield False
        return
    try:
        yield try_lock(handle)
    finally:
        os.close(handle)


def quick_build(full: Callable[..., BuildResult], **arguments: Any) -> BuildResult:
    """``full(**arguments)`` (the front door's build), unless the rerun is one with nothing to
    do: then its recorded result, without loading the program."""
    if not arguments.get("force") and not arguments.get("pdf"):
        request = Request.of(
            campaign=arguments["campaign"],
            out=arguments.get("out"),
            only=arguments.get("only", ()),
            templates=arguments.get("templates"),
            dot=arguments.get("dot"),
            today=arguments.get("today") or dt.date.today(),
        )
        done = unchanged(request)
        if done is not None:
            return done
    return full(**arguments)
