"""What the toolkit generated outside a build's folder (danh-gia.xlsx, danh-sach-de-nghi.yaml).

A small record beside the files (``.thidua-da-tao.json``: file name → SHA-256 of what the toolkit
wrote) tells the toolkit's own unedited output from a file a clerk has edited: the first may be
replaced by a later run, the second is kept unless ``--force`` — the rule `thidua build` applies
to documents through its manifest.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from thidua_docs.files import read_input, write_atomic

RECORD = ".thidua-da-tao.json"
_KEEP = 4  # hashes remembered per file: the last writes, in case one was never renamed into place


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of the file, None when there is none; a file that cannot be read (no
    permission, a disk error) is an ``InputError`` naming it."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError):
        return None
    except OSError:
        return hashlib.sha256(read_input(Path(path))).hexdigest()  # raises, worded once


def _read(folder: Path) -> dict[str, list[str]]:
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        return {
            str(name): [str(h) for h in hashes]
            for name, hashes in data["da_tao"].items()
            if isinstance(hashes, list)
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # no record protects: every existing file then counts as edited


def is_ours(path: Path) -> bool:
    """Whether ``path`` is missing or still exactly what the toolkit wrote there."""
    path = Path(path)
    on_disk = file_sha256(path)
    return on_disk is None or on_disk in _read(path.parent).get(path.name, [])


def remember(path: Path, digest: str) -> None:
    """Record that the toolkit writes ``digest`` to ``path``; called before the file is renamed
    into place, so a file on disk the record does not know has been edited."""
    path = Path(path)
    record = _read(path.parent)
    record[path.name] = [digest, *(h for h in record.get(path.name, []) if h != digest)][:_KEEP]
    text = json.dumps({"da_tao": dict(sorted(record.items()))}, ensure_ascii=False, indent=2)
    write_atomic(path.parent / RECORD, (text + "\n").encode("utf-8"), force=True)
