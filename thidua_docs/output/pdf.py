"""PDF/A-2b through LibreOffice, on every core, with a signature field at each signer's block.

- **PDF/A-2b**: LibreOffice's PDF export filter with ``SelectPdfVersion=2`` writes PDF/A-2b: every
  font embedded, the XMP identification ``pdfaid:part=2``, ``pdfaid:conformance=B``, an sRGB output
  intent. The fonts must be there: a machine with neither Times New Roman nor the metric-compatible
  Liberation Serif gets a Vietnamese message naming the package (:func:`missing_fonts`) instead of
  PDFs whose lines and pages differ from the document's.
- **Every core**: the documents are dealt out to ``workers`` LibreOffice processes, each with its
  own profile (``-env:UserInstallation``: two processes cannot share one), each converting its
  share in one call. Each process says on its output when it starts the next document, which
  gives the progress while they run (``progress(done, total)``).
- **Signature fields**: an administrative document's PDF gets an empty, named digital-signature
  field at each signer's block (:mod:`thidua_docs.output.signature`), on every core as well.
- **Safely**: LibreOffice writes into a temporary folder beside the PDFs (``.pdf.XXXX.tmp``), and
  each PDF is renamed into place once it is complete, signature fields included: a full disk or a
  killed run leaves no half PDF under a final name (`thidua build` removes a stray temporary
  folder on its next run). The LibreOffice processes end with the run (their process group is
  ended on any failure, the kernel ends them if the run is killed).
"""

from __future__ import annotations

import contextlib
import errno
import multiprocessing
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from thidua_docs.documents.registry import kinds
from thidua_docs.errors import OutputError
from thidua_docs.files import write_error
from thidua_docs.output.lifetime import child_dies_with_parent, die_with_parent
from thidua_docs.output.signature import add_signature_fields, preload

INSTALL_LIBREOFFICE = (
    "sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation2"
)
#: The package with Liberation Serif, metric-compatible with Times New Roman (same widths).
FONT_PACKAGE = "fonts-liberation2"
#: LibreOffice's PDF export filter, PDF/A-2b (SelectPdfVersion: 1 = PDF/A-1b, 2 = PDF/A-2b).
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
#: What LibreOffice prints for a document it cannot open.
_NOT_LOADED = "Error: source file could not be loaded"
#: Less free space than this where the PDFs go, and a PDF not written, is a full disk.
FULL_BELOW = 1 << 20
#: Fewer documents than this per LibreOffice process do not pay for starting another.
PER_PROCESS = 4
#: Seconds allowed to a LibreOffice process: to start, and then per document.
START_SECONDS = 90
SECONDS_PER_DOCUMENT = 20


def find_libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing_fonts() -> str | None:
    """The Vietnamese explanation when neither Times New Roman nor Liberation Serif is installed
    (fontconfig's ``fc-list`` answers; a machine without it is not refused), else None."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    for family in ("Times New Roman", "Liberation Serif"):
        try:
            found = subprocess.run(
                [fc_list, f":family={family}", "family"],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            ).stdout
        except (OSError, subprocess.TimeoutExpired):
            return None
        if found.strip():
            return None
    return (
        "Máy chưa có phông Times New Roman, cũng chưa có phông Liberation Serif cùng cỡ chữ với "
        "nó, nên PDF sẽ lệch dòng, lệch trang so với văn bản (các tệp .docx vẫn đã được ghi). "
        f"Cài gói {FONT_PACKAGE} bằng: sudo apt-get install -y {FONT_PACKAGE}"
    )


@dataclass(frozen=True)
class PdfJob:
    """One document to convert: the .docx, where its PDF goes, and whether it is an
    administrative document (a signature field at each signer's block)."""

    source: Path
    target: Path
    sign: bool = False


@dataclass
class PdfResult:
    pdfs: list[Path] = field(default_factory=list)
    #: The signature fields added, by PDF (an administrative PDF without a signer's block, such
    #: as a danh sách, has none).
    fields: dict[Path, list[str]] = field(default_factory=dict)
    processes: int = 0  # LibreOffice processes that ran


def processes_for(count: int, workers: int) -> int:
    """How many LibreOffice processes convert ``count`` documents on ``workers`` cores."""
    return max(1, min(workers, count // PER_PROCESS))


def deal(jobs: Sequence[PdfJob], count: int) -> list[list[tuple[int, PdfJob]]]:
    """The jobs (with their index) dealt out to ``count`` processes so that each has about the
    same work: the largest documents first, each to the process with the fewest bytes so far
    (a danh sách of pages takes longer than a certificate). Each share in document order."""
    sizes = []
    for index, job in enumerate(jobs):
        try:
            sizes.append((job.source.stat().st_size, index))
        except OSError:
            sizes.append((0, index))
    loads = [0] * count
    shares: list[list[int]] = [[] for _ in range(count)]
    for size, index in sorted(sizes, key=lambda pair: (-pair[0], pair[1])):
        lightest = loads.index(min(loads))
        loads[lightest] += size
        shares[lightest].append(index)
    return [[(i, jobs[i]) for i in sorted(share)] for share in shares if share]


class _Process:
    """One LibreOffice process converting its share of the documents into ``out``."""

    def __init__(self, soffice: str, share: list[tuple[int, PdfJob]], staging: Path) -> None:
        self.share = share
        self.inbox = staging / f"vao-{share[0][0]:05d}"
        self.out = staging / f"ra-{share[0][0]:05d}"
        # Each document under a name of its own: documents of two folders may share a name.
        links = []
        try:
            self.inbox.mkdir()
            self.out.mkdir()
            for index, job in share:
                link = self.inbox / f"{index:05d}.docx"
                try:
                    link.symlink_to(job.source.resolve())
                except OSError:  # a file system without symbolic links
                    shutil.copyfile(job.source, link)
                links.append(str(link))
        except OSError as err:
            raise write_error(staging, err, what="thư mục") from err
        self.profile = tempfile.TemporaryDirectory(prefix="thidua-lo-")
        command = [
            soffice,
            f"-env:UserInstallation={Path(self.profile.name).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDFA_FILTER,
            "--outdir",
            str(self.out),
            *links,
        ]
        self.deadline = time.monotonic() + START_SECONDS + SECONDS_PER_DOCUMENT * len(share)
        self.output: list[str] = []
        try:
            self.popen = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
                start_new_session=True,  # its own process group: ended whole on any failure
                preexec_fn=child_dies_with_parent if sys.platform.startswith("linux") else None,
            )
        except OSError as err:
            self.profile.cleanup()
            raise OutputError(
                f"Không chạy được LibreOffice ({soffice}); cài lại bằng: {INSTALL_LIBREOFFICE}"
            ) from err

    def read(self, number: int, events: queue.Queue[tuple[int, bool]]) -> None:
        """Read LibreOffice's output: "convert A -> B …" as it starts each document."""
        stream: IO[str] | None = self.popen.stdout
        assert stream is not None
        for line in stream:
            self.output.append(line.rstrip())
            if line.startswith(("convert ", _NOT_LOADED)):
                events.put((number, False))
        self.popen.wait()
        events.put((number, True))  # this process has ended

    def end(self) -> None:
        if self.popen.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=10)
        self.profile.cleanup()

    def made(self) -> list[tuple[PdfJob, Path]]:
        return [(job, self.out / f"{index:05d}.pdf") for index, job in self.share]


def _sign(path: str) -> list[str]:
    """Worker: the signature fields of one PDF, added in place."""
    return add_signature_fields(Path(path))


def _run(
    processes: list[_Process], total: int, progress: Callable[[int, int], None] | None
) -> None:
    """Wait for every process, reporting the documents done: a process that starts its next
    document has finished the one before, and one that has ended has finished them all."""
    events: queue.Queue[tuple[int, bool]] = queue.Queue()
    readers = [
        threading.Thread(target=p.read, args=(n, events), daemon=True)
        for n, p in enumerate(processes)
    ]
    for reader in readers:
        reader.start()
    begun = [0] * len(processes)
    ended = [False] * len(processes)
    reported = 0
    while not all(ended):
        try:
            number, end = events.get(timeout=1.0)
        except queue.Empty:
            if time.monotonic() > max(p.deadline for p in processes):
                raise OutputError(
                    "LibreOffice chạy quá lâu khi chuyển sang PDF nên đã bị dừng"
                ) from None
            continue
        if end:
            ended[number] = True
        else:
            begun[number] += 1
        done = sum(
            len(p.share) if ended[n] else max(begun[n] - 1, 0) for n, p in enumerate(processes)
        )
        if progress is not None and done > reported:
            reported = done
            progress(min(done, total), total)
    for reader in readers:
        reader.join()


def convert(
    jobs: Sequence[PdfJob],
    soffice: str,
    *,
    staging_in: Path,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> PdfResult:
    """Convert ``jobs`` to PDF/A-2b on ``workers`` LibreOffice processes (module docstring);
    ``staging_in`` is a folder on the PDFs' disk where the temporary folder is made."""
    result = PdfResult()
    if not jobs:
        return result
    fonts = missing_fonts()
    if fonts is not None:
        raise OutputError(fonts)
    try:
        staging_in.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".pdf.", suffix=".tmp", dir=staging_in))
    except OSError as err:
        raise write_error(staging_in, err, what="thư mục") from err
    count = processes_for(len(jobs), workers)
    shares = deal(jobs, count)
    processes: list[_Process] = []
    try:
        for share in shares:
            processes.append(_Process(soffice, share, staging))
        result.processes = len(processes)
        signed = sum(1 for job in jobs if job.sign)
        total = len(jobs) + signed

        def converted(done: int, _: int) -> None:
            if progress is not None:
                progress(done, total)

        converted(0, total)  # shown at once: LibreOffice takes a few seconds to start

        _run(processes, len(jobs), converted)
        made = [pair for p in processes for pair in p.made()]
        missing = [(job, pdf) for job, pdf in made if not pdf.is_file()]
        if missing:
            _explain_missing(missing, processes, staging)
        to_sign = [(job, pdf) for job, pdf in made if job.sign]
        fields = _signatures(to_sign, workers, len(jobs), total, progress)
        for (job, _), names in zip(to_sign, fields, strict=True):
            result.fields[job.target] = names
        for job, pdf in sorted(made, key=lambda pair: str(pair[0].target)):
            try:
                job.target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(pdf, job.target)
            except OSError as err:
                raise write_error(job.target, err) from err
            result.pdfs.append(job.target)
        return result
    finally:
        for process in processes:
            process.end()
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)


def _explain_missing(
    missing: list[tuple[PdfJob, Path]], processes: list[_Process], staging: Path
) -> None:
    """Raise the reason LibreOffice did not write these PDFs: the disk (full, read-only), or
    documents it could not open. No PDF has been put in place."""
    try:
        free = shutil.disk_usage(staging).free
    except OSError:
        free = None
    if free is not None and free < FULL_BELOW:
        full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(missing[0][0].target))
        raise write_error(missing[0][0].target, full) from full
    if not os.access(staging, os.W_OK):
        denied = OSError(errno.EROFS, os.strerror(errno.EROFS), str(missing[0][0].target))
        raise write_error(missing[0][0].target, denied) from denied
    names = sorted(str(job.source) for job, _ in missing)
    listed = ", ".join(names[:5]) + (f" và {len(names) - 5} tệp khác" if len(names) > 5 else "")
    unopened = sum(1 for p in processes for line in p.output if line.startswith(_NOT_LOADED))
    if unopened >= len(missing):
        raise OutputError(
            "LibreOffice không mở được để chuyển sang PDF (tệp hỏng hoặc không phải .docx): "
            f"{listed}; chưa ghi tệp PDF nào"
        )
    raise OutputError(f"LibreOffice không tạo được PDF của {listed}; chưa ghi tệp PDF nào")


def _signatures(
    pdfs: list[tuple[PdfJob, Path]],
    workers: int,
    offset: int,
    total: int,
    progress: Callable[[int, int], None] | None,
) -> list[list[str]]:
    """The signature fields of each PDF (still in the temporary folder), added on ``workers``
    processes (in-process for a few)."""
    paths = [str(pdf) for _, pdf in pdfs]
    out: list[list[str]] = []

    def failed() -> Path:  # the document being worked on when it failed, by its final name
        return pdfs[min(len(out), len(pdfs) - 1)][0].target

    try:
        if workers <= 1 or len(paths) < 2 * PER_PROCESS:
            for path in paths:
                out.append(_sign(path))
                if progress is not None:
                    progress(offset + len(out), total)
            return out
        preload()  # the forked workers find pdfminer and pyHanko imported
        context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            for names in pool.map(_sign, paths, chunksize=4):
                out.append(names)
                if progress is not None:
                    progress(offset + len(out), total)
        return out
    except OSError as err:  # the disk: full, read-only, the folder gone
        raise write_error(failed(), err) from err
    except Exception as err:  # pdfminer or pyHanko failing on a PDF LibreOffice wrote
        raise OutputError(
            f"Không thêm được ô chữ ký số vào {failed()} ({type(err).__name__}); "
            "chưa ghi tệp PDF nào"
        ) from err


def convert_dossier(
    out: Path,
    pdf_folder: Path,
    entries: Sequence[Mapping[str, str]],
    soffice: str,
    workers: int,
    progress: Callable[[int, int], None] | None = None,
) -> PdfResult:
    """The PDFs of a dossier's documents (the manifest's ``entries``, relative to ``out``) in
    ``pdf_folder``, in the same folders; administrative documents with signature fields."""
    administrative = {k.short_title for k in kinds() if k.administrative}
    jobs = [
        PdfJob(
            out / entry["tep"],
            (pdf_folder / entry["tep"]).with_suffix(".pdf"),
            sign=entry["loai"] in administrative,
        )
        for entry in entries
        if entry["tep"].endswith(".docx")
    ]
    return convert(jobs, soffice, staging_in=pdf_folder, workers=workers, progress=progress)


def signature_note(result: PdfResult) -> str:
    """What `thidua build` says of the signature fields it added."""
    count = sum(len(names) for names in result.fields.values())
    files = sum(1 for names in result.fields.values() if names)
    return (
        f"Đã đặt {count} ô chữ ký số (trống, chờ ký) vào {files} tệp PDF, tại chỗ ký của người ký."
    )


def convert_to_pdf(
    files: list[Path], out_dir: Path, soffice: str, *, workers: int = 1
) -> list[Path]:
    """Convert ``files`` to PDF/A-2b in ``out_dir`` (no signature fields); returns the PDFs."""
    jobs = [PdfJob(f, out_dir / f"{f.stem}.pdf") for f in files]
    return convert(jobs, soffice, staging_in=out_dir, workers=workers).pdfs
