"""Writing the whole dossier in one safe, fast batch (the output half of `thidua build`).

- Renders every document with each template prepared once per worker process, on every core,
  in batches so memory does not grow with the number of documents.
- Writes each file atomically. A rerun after an interruption finds the finished files identical
  and completes the rest; a file whose content differs from what the manifest says was generated
  has been edited by the clerk and is kept unless ``force``.
- One document's failure is reported and does not stop the others; a disk that refuses (full,
  read-only, the folder gone) stops the run with a located "Không ghi được …" and no half file:
  the next run completes.
- Workers end with the run, even a killed one (:mod:`thidua_docs.output.lifetime`).
- Writes a manifest (JSON and CSV: file, kind, awardee, SHA-256), print files (all certificates of
  a kind in one .docx, in list order, streamed from the files so memory stays flat) and, on
  request, PDF/A files with signature fields through LibreOffice on every core (output.pdf).

Which documents there are is decided before: this module receives the jobs.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import hashlib
import io
import json
import multiprocessing
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

from thidua_docs.documents.kinds.in_phoi import CALIBRATION_KIND
from thidua_docs.documents.registry import Job, kinds, short_titles
from thidua_docs.errors import OutputError, ThiduaError
from thidua_docs.files import write_atomic, write_error
from thidua_docs.ooxml.package import concatenate
from thidua_docs.ooxml.validity import file_flaws
from thidua_docs.output.documents import render_job
from thidua_docs.output.lifetime import die_with_parent
from thidua_docs.output.pdf import (
    INSTALL_LIBREOFFICE,
    convert_dossier,
    find_libreoffice,
    signature_note,
)
from thidua_docs.output.result import BuildResult
from thidua_docs.render.templates import find_template
from thidua_docs.schema import BangKhenLayout

MANIFEST = "manifest.json"
MANIFEST_CSV = "manifest.csv"
PRINT_FOLDER = "in-an"
PDF_FOLDER = "pdf"
BATCH = 256  # documents rendered per round: bounds memory whatever the number of documents
SERIAL_BELOW = 48  # fewer documents than this are rendered in-process (no worker start-up cost)
#: Manifest entries that are not documents of a kind.
_OTHER_TITLES = {"in_an": "Tệp in", "pdf": "PDF", CALIBRATION_KIND: "Trang căn chỉnh phôi"}


def kind_title(kind: str) -> str:
    """The manifest's "Loại văn bản" of a kind key."""
    return short_titles().get(kind) or _OTHER_TITLES.get(kind, kind)


# ------------------------------------------------------------------ rendering in workers


def _render(
    job: Job, templates_dir: str | None, layout: BangKhenLayout
) -> tuple[bytes | None, str]:
    """Bytes of one document, or the Vietnamese reason it failed (raised nowhere: reported)."""
    try:
        return render_job(job, Path(templates_dir) if templates_dir else None, layout), ""
    except ThiduaError as err:
        return None, err.message


def _render_star(args: tuple[Job, str | None, BangKhenLayout]) -> tuple[bytes | None, str]:
    return _render(*args)


class Workers:
    """The processes that render, forked when first needed or, with ``start``, at once: the
    front door starts them before the inputs are loaded, so no worker holds a copy of the award
    list or the previous manifest (memory stays flat as the dossier grows)."""

    def __init__(self, count: int | None = None) -> None:
        self.count = count if count is not None else (os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> Workers:
        if self.count > 1 and self._pool is None:
            self.pool().submit(int).result()  # the fork context starts every worker at once
        return self

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # fork only on Linux: macOS's system libraries are not fork-safe (CPython spawns).
            context = (
                multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
            )
            self._pool = ProcessPoolExecutor(
                max_workers=self.count,
                mp_context=context,
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool

    def close(self) -> None:
        """Also when the writing stops (a full disk): no work is left running."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class _Renderer:
    """Renders batches of jobs, in order, on the workers (in this process for a few documents or
    one worker): a rerun with nothing to render starts none."""

    def __init__(
        self, templates_dir: Path | None, layout: BangKhenLayout, workers: Workers, total: int
    ) -> None:
        self.folder = str(templates_dir) if templates_dir else None
        self.layout = layout
        self.serial = workers.count <= 1 or total < SERIAL_BELOW
        self.workers = workers

    def start(self, batch: list[Job]) -> Iterator[tuple[bytes | None, str]]:
        """Start rendering ``batch``; its results, in order, as they come."""
        if self.serial:
            return (_render(job, self.folder, self.layout) for job in batch)
        arguments = [(job, self.folder, self.layout) for job in batch]
        return self.workers.pool().map(_render_star, arguments, chunksize=16)  # all submitted


def _batches(jobs: Iterable[Job], size: int) -> Iterator[list[Job]]:
    batch: list[Job] = []
    for job in jobs:
        batch.append(job)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# ------------------------------------------------------------------ what a document is made of


@cache
def _program() -> str:
    """A digest of the program's code (its version, in thidua_docs/__init__.py, included):
    another program, another document."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


class _Keys:
    """The key of a document's inputs: the program, the template's bytes, and everything the
    document is made of from the spec and the award list (its context, or its texts on stock
    and the stock's layout), its target and its properties. Equal keys, equal bytes: a document
    whose key is the one the manifest recorded, and whose file is still as recorded, is not
    rendered again."""

    def __init__(self, templates_dir: Path | None, layout: BangKhenLayout) -> None:
        self.templates_dir = templates_dir
        self.layout = layout.model_dump_json()
        self._templates: dict[str, str] = {}

    def _template(self, name: str) -> str:
        """The digest of the template's bytes, read once per run."""
        if name not in self._templates:
            path = find_template(name, self.templates_dir)
            self._templates[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self._templates[name]

    def of(self, job: Job) -> str:
        made_of = (
            f"{self.layout}\0{job.stock_texts!r}"
            if job.stock_texts is not None
            else f"{self._template(str(job.template))}\0{job.context!r}"
        )
        text = f"{_program()}\0{job.kind}\0{job.target.as_posix()}\0{job.properties!r}\0{made_of}"
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _print_key(paths: list[tuple[int, Path, str]]) -> str:
    """A print file's key: the program and its certificates, in order, as on disk."""
    digest = hashlib.sha256(_program().encode())
    for _, path, sha in paths:
        digest.update(f"{path.name}\0{sha}\n".encode())
    return digest.hexdigest()


# ------------------------------------------------------------------ writing safely


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as err:  # a folder, or a disk error, where a document is to be written
        raise write_error(path, err) from err


_OUR_TEMPORARY = re.compile(r"^\..+\.(docx|json|csv)(\.build\.tmp)?\.([A-Za-z0-9_]+|build)\.tmp$")
#: The folder LibreOffice writes into before its PDFs are renamed into place (output.pdf).
_OUR_TEMPORARY_FOLDER = re.compile(r"^\.pdf\.[A-Za-z0-9_]+\.tmp$")


def _remove_stray_temporaries(out: Path) -> None:
    """Temporary files an interrupted run (killed between writing and renaming) left behind."""
    if not out.is_dir():
        return
    for stray in list(out.rglob(".*.tmp")):
        try:
            if stray.is_dir() and _OUR_TEMPORARY_FOLDER.match(stray.name):
                shutil.rmtree(stray)
            elif _OUR_TEMPORARY.match(stray.name):  # names files.atomic_target and print files use
                stray.unlink(missing_ok=True)
        except OSError as err:
            raise write_error(stray, err) from err


class _Writer:
    """Writes outputs by the manifest's rules: same content skipped, edited files kept."""

    def __init__(
        self, out: Path, rows: dict[str, dict[str, str]], force: bool, result: BuildResult
    ) -> None:
        self.out = out
        self.rows = rows
        self.previous = {name: row["sha256"] for name, row in rows.items()}
        self.force = force
        self.result = result
        self.entries: list[dict[str, str]] = []

    def put(self, relative: Path, data: bytes, kind: str, awardee: str, key: str = "") -> str:
        """Write ``data`` as ``relative`` (or keep the clerk's edit); the hash now on disk."""
        return self._settle(
            relative,
            sha256(data),
            lambda target: write_atomic(target, data, force=True),
            kind,
            awardee,
            key,
        )

    def same(self, relative: Path, key: str) -> str | None:
        """The hash on disk when ``relative`` needs no rendering: its inputs are the ones the
        manifest recorded and the file is as recorded (unchanged), or as the clerk edited it
        (kept, unless ``force``). None: render it."""
        row = self.rows.get(relative.as_posix())
        if not key or row is None or row.get("khoa") != key:
            return None
        target = self.out / relative
        on_disk = _file_hash(target)
        if on_disk is None:
            return None
        if on_disk == row["sha256"]:
            self.result.unchanged.append(target)
        elif self.force:
            return None
        else:
            self.result.kept.append(target)
        self.entries.append({**row, "loai": row["loai"]})
        return on_disk

    def put_file(self, relative: Path, built: Path, kind: str, key: str = "") -> None:
        """Like ``put`` for a file already built beside its target (large print files)."""

        def move(target: Path) -> None:
            try:
                os.replace(built, target)
            except OSError as err:
                raise write_error(target, err) from err

        try:
            self._settle(relative, _file_hash(built) or "", move, kind, "", key)
        finally:
            with contextlib.suppress(OSError):
                built.unlink(missing_ok=True)

    def folder_of(self, target: Path) -> None:
        """Make the folders of ``target`` inside the output folder, which must still be there: a
        folder deleted (or a disk removed) during the run is an error, not silently re-made."""
        missing: list[Path] = []
        folder = target.parent
        while folder != self.out and not folder.is_dir():
            missing.append(folder)
            folder = folder.parent
        if not self.out.is_dir():
            gone = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(self.out))
            raise write_error(target, gone) from gone
        for folder in reversed(missing):
            try:
                folder.mkdir(exist_ok=True)
            except OSError as err:
                raise write_error(folder, err, what="thư mục") from err

    def _settle(
        self,
        relative: Path,
        new: str,
        write: Callable[[Path], None],
        kind: str,
        awardee: str,
        key: str,
    ) -> str:
        target = self.out / relative
        name = relative.as_posix()
        on_disk = _file_hash(target)
        recorded, now = new, new
        if on_disk == new:
            self.result.unchanged.append(target)
        elif on_disk is None or self.force or self.previous.get(name) == on_disk:
            self.folder_of(target)
            write(target)
            self.result.written.append(target)
        else:
            self.result.kept.append(target)
            now = on_disk
            recorded = self.previous.get(
                name, new
            )  # still what we generated: the edit stays visible
        self.entries.append(
            {
                "tep": name,
                "loai": kind_title(kind),
                "doi_tuong": awardee,
                "sha256": recorded,
                "khoa": key,
            }
        )
        return now


def _previous_manifest(out: Path) -> dict[str, dict[str, str]]:
    """The rows of the previous run's manifest, by file."""
    path = out / MANIFEST
    if not path.is_file():
        return {}
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["tep"]
        return {
            str(row["tep"]): {
                **{k: str(row[k]) for k in ("tep", "loai", "doi_tuong", "sha256")},
                "khoa": str(row.get("khoa", "")),
            }
            for row in rows
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # an unreadable manifest protects nothing: existing files then count as edited


def _reconcile(
    out: Path,
    previous: dict[str, dict[str, str]],
    writer: _Writer,
    result: BuildResult,
    made: set[str],
) -> None:
    """The previous run's files this run did not write. Of a kind this run did not make (another
    ``--only``), or that failed, or a print file held back, or a single document: still listed as
    they were, so the next run still knows them. An awardee's document of a kind this run made is
    no longer in the dossier (an awardee removed, the list renumbered): removed when still as
    generated, kept when a clerk edited it.
    PDFs are made again by every run that asks for them and are left out of this."""
    listed = {entry["tep"] for entry in writer.entries}
    failed = {name for name, _ in result.failed}
    for key, row in sorted(previous.items()):
        if key in listed or row["loai"] == kind_title("pdf"):
            continue
        target = out / key
        on_disk = _file_hash(target)
        if on_disk is None:
            continue
        if key in failed or row["loai"] not in made:
            writer.entries.append(row)
        elif on_disk == row["sha256"]:
            try:
                target.unlink()
            except OSError as err:
                raise write_error(target, err) from err
            result.removed.append(target)
        else:  # a clerk's edit is never deleted, not even with --force
            result.notes.append(f"Giữ tệp đã sửa tay dù không còn trong hồ sơ: {target}")
            writer.entries.append(row)


def _write_manifest(out: Path, entries: list[dict[str, str]]) -> Path:
    entries = sorted(entries, key=lambda e: e["tep"])
    text = json.dumps({"tep": entries}, ensure_ascii=False, indent=2) + "\n"
    write_atomic(out / MANIFEST, text.encode("utf-8"), force=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Tệp", "Loại văn bản", "Tập thể, cá nhân", "SHA-256"])  # keys: JSON only
    for entry in entries:
        writer.writerow([entry["tep"], entry["loai"], entry["doi_tuong"], entry["sha256"]])
    write_atomic(out / MANIFEST_CSV, ("\ufeff" + buffer.getvalue()).encode("utf-8"), force=True)
    return out / MANIFEST


# ------------------------------------------------------------------ the build


def write_batch(
    jobs: Sequence[Job],
    out_dir: Path,
    *,
    layout: BangKhenLayout,
    force: bool = False,
    pdf: bool = False,
    workers: int | Workers | None = None,
    templates_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    result: BuildResult | None = None,
    pdf_progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Write ``jobs`` into ``out_dir`` with print files, manifest and PDFs (module docstring)."""
    result = result if result is not None else BuildResult()
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise write_error(out, err, what="thư mục") from err
    _remove_stray_temporaries(out)
    previous = _previous_manifest(out)
    writer = _Writer(out, previous, force, result)
    own = not isinstance(workers, Workers)
    processes = workers if isinstance(workers, Workers) else Workers(workers)
    printed = {k.key: k for k in kinds() if k.print_file is not None}
    # (position in the list, file, hash on disk) of each certificate, for its print file
    to_print: dict[str, list[tuple[int, Path, str]]] = {key: [] for key in printed}
    keys = _Keys(templates_dir, layout)
    total = len(jobs)
    done = 0
    made: set[str] = set()  # the kinds of awardees' documents this run makes
    # Streamed batch after batch: a batch's documents are made (contexts built), keyed, rendered
    # and written, and the next batch's are made while this one renders.
    renderer = _Renderer(templates_dir, layout, processes, total)
    pending: tuple[list[tuple[int, Job, str]], Iterator[tuple[bytes | None, str]]] | None = None

    def finish(
        batch: list[tuple[int, Job, str]], results: Iterator[tuple[bytes | None, str]]
    ) -> None:
        nonlocal done
        for (index, job, key), (data, error) in zip(batch, results, strict=True):
            if data is None:
                result.failed.append((job.target.as_posix(), error))
            else:
                on_disk = writer.put(job.target, data, job.kind, job.awardee, key)
                if job.kind in to_print:  # as on disk: a kept edit is what gets printed
                    to_print[job.kind].append((index, out / job.target, on_disk))
            done += 1
            if progress is not None:
                progress(done, total)

    try:
        start = 0
        for batch in _batches(jobs, BATCH):
            # Documents whose inputs are those recorded, with files as recorded: not rendered.
            to_render: list[tuple[int, Job, str]] = []
            for index, job in enumerate(batch, start):
                if job.awardee:
                    made.add(kind_title(job.kind))
                key = keys.of(job)
                on_disk = writer.same(job.target, key)
                if on_disk is None:
                    to_render.append((index, job, key))
                    continue
                if job.kind in to_print:
                    to_print[job.kind].append((index, out / job.target, on_disk))
                done += 1
                if progress is not None:
                    progress(done, total)
            start += len(batch)
            results = renderer.start([job for _, job, _ in to_render]) if to_render else None
            if pending is not None:
                finish(*pending)
                pending = None
            if results is not None:
                pending = (to_render, results)
        if pending is not None:
            finish(*pending)
    finally:
        if own:
            processes.close()
    # One failed certificate holds back every print file: a print run must not miss anyone.
    folders = tuple(f"{k.folder}/" for k in printed.values() if k.folder)
    if not any(name.startswith(folders) for name, _ in result.failed):
        for kind_key, members in to_print.items():
            if members:
                members.sort(key=lambda member: member[0])
                relative = Path(PRINT_FOLDER) / str(printed[kind_key].print_file)
                print_key = _print_key(members)
                if writer.same(relative, print_key) is not None:
                    continue  # the same certificates, and the print file as it was made
                built = out / PRINT_FOLDER / f".{relative.name}.build.tmp"
                writer.folder_of(built)
                try:
                    concatenate([path for _, path, _ in members], built)
                    flaws = file_flaws(built)
                except OSError as err:  # reading the documents back, or the temporary body
                    raise write_error(out / relative, err) from err
                if flaws:  # e.g. a clerk's edit of one certificate: the print file is not written
                    built.unlink(missing_ok=True)
                    result.failed.append(
                        (relative.as_posix(), f"tệp in gộp không hợp lệ: {flaws[0]}")
                    )
                    continue
                writer.put_file(relative, built, "in_an", print_key)
    # Per-awardee documents are named by the list (renumbered when it changes); a kind's single
    # documents (to-trinh.docx…) and the print files keep their names: never taken for leftovers.
    _reconcile(out, previous, writer, result, made)
    if pdf:
        _pdfs(out, writer, result, processes.count, pdf_progress)
    result.manifest = _write_manifest(out, writer.entries)
    return result


def _pdfs(
    out: Path,
    writer: _Writer,
    result: BuildResult,
    workers: int,
    progress: Callable[[int, int], None] | None,
) -> None:
    soffice = find_libreoffice()
    if soffice is None:
        result.pdf_error = (
            "Chưa cài LibreOffice nên chưa tạo được PDF (các tệp .docx vẫn đã được ghi). "
            f"Cài bằng: {INSTALL_LIBREOFFICE}"
        )
        return
    try:
        made = convert_dossier(out, out / PDF_FOLDER, writer.entries, soffice, workers, progress)
    except OutputError as err:
        result.pdf_error = err.message
        return
    result.pdfs += made.pdfs
    if made.fields:
        result.notes.append(signature_note(made))
    # PDFs embed their creation time: they are listed in the manifest but not byte-identical.
    for pdf_file in result.pdfs:
        writer.entries.append(
            {
                "tep": pdf_file.relative_to(out).as_posix(),
                "loai": kind_title("pdf"),
                "doi_tuong": "",
                "sha256": _file_hash(pdf_file) or "",
            }
        )
