"""`thidua build`: from the results to the whole signed-ready dossier in one safe, fast batch.

- Evaluates the results when the campaign declares rules, and writes the award list (kept if the
  clerk already has one).
- Renders every document with each template prepared once per worker process, on every core,
  in batches so memory does not grow with the number of documents.
- Writes each file atomically. A rerun after an interruption finds the finished files identical
  and completes the rest; a file whose content differs from what the manifest says was generated
  has been edited by the clerk and is kept unless ``force``.
- One document's failure is reported and does not stop the others.
- Writes a manifest (JSON and CSV: file, kind, awardee, SHA-256), print files (all certificates of
  a kind in one .docx, in list order, streamed from the files so memory stays flat) and, on request, PDFs through LibreOffice, one call per folder.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from thidua_docs.documents.contexts import DOSSIER_KINDS, Job, dossier_jobs
from thidua_docs.errors import OutputError, ThiduaError
from thidua_docs.evaluation.rules import evaluate
from thidua_docs.evaluation.selection import award_list, write_award_list, write_report_xlsx
from thidua_docs.files import write_atomic
from thidua_docs.inputs.results import read_results
from thidua_docs.inputs.spec import AwardDossier, Campaign, load_dossier
from thidua_docs.ooxml.package import concatenate
from thidua_docs.render.engine import PreparedTemplate
from thidua_docs.render.stock import in_phoi
from thidua_docs.render.templates import find_template
from thidua_docs.schema.models import BangKhenLayout

MANIFEST = "manifest.json"
MANIFEST_CSV = "manifest.csv"
PRINT_FOLDER = "in-an"
PDF_FOLDER = "pdf"
BATCH = 256  # documents rendered per round: bounds memory whatever the number of documents
SERIAL_BELOW = 48  # fewer documents than this are rendered in-process (no worker start-up cost)
INSTALL_LIBREOFFICE = (
    "sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation2"
)
KIND_TITLES = {
    "to_trinh": "Tờ trình",
    "bien_ban": "Biên bản",
    "quyet_dinh": "Quyết định",
    "danh_sach": "Danh sách",
    "bao_cao": "Báo cáo thành tích",
    "bang_khen": "Bằng khen",
    "in_phoi": "Bằng khen (in phôi)",
    "in_an": "Tệp in",
    "pdf": "PDF",
}


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # edited by the clerk since generation
    failed: list[tuple[str, str]] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    pdf_error: str | None = None
    notes: list[str] = field(default_factory=list)
    manifest: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.failed and self.pdf_error is None


# ------------------------------------------------------------------ rendering in workers

_PREPARED: dict[str, PreparedTemplate] = {}


def _render(
    job: Job, templates_dir: str | None, layout: BangKhenLayout
) -> tuple[bytes | None, str]:
    """Bytes of one document, or the Vietnamese reason it failed (raised nowhere: reported)."""
    try:
        if job.stock_texts is not None:
            return in_phoi(layout, job.stock_texts), ""
        path = find_template(str(job.template), Path(templates_dir) if templates_dir else None)
        stat = path.stat()
        # Keyed by the file and its version: an office template, or one edited since, is another template.
        cache_key = f"{path.resolve()}:{stat.st_mtime_ns}:{stat.st_size}"
        if cache_key not in _PREPARED:
            _PREPARED[cache_key] = PreparedTemplate(path)
        return _PREPARED[cache_key].render(job.context or {}), ""
    except ThiduaError as err:
        return None, err.message


def _render_star(args: tuple[Job, str | None, BangKhenLayout]) -> tuple[bytes | None, str]:
    return _render(*args)


def _rendered(
    jobs: list[Job], templates_dir: Path | None, layout: BangKhenLayout, workers: int
) -> Iterator[tuple[Job, bytes | None, str]]:
    """Every job rendered, in order, batch after batch, on ``workers`` processes."""
    folder = str(templates_dir) if templates_dir else None
    if workers <= 1 or len(jobs) < SERIAL_BELOW:
        for job in jobs:
            yield (job, *_render(job, folder, layout))
        return
    context = multiprocessing.get_context("fork") if os.name == "posix" else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for start in range(0, len(jobs), BATCH):
            batch = jobs[start : start + BATCH]
            results = pool.map(_render_star, [(job, folder, layout) for job in batch], chunksize=16)
            for job, (data, error) in zip(batch, results, strict=True):
                yield job, data, error


# ------------------------------------------------------------------ writing safely


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


_OUR_TEMPORARY = re.compile(r"^\..+\.(docx|json|csv)(\.build\.tmp)?\.([A-Za-z0-9_]+|build)\.tmp$")


def _remove_stray_temporaries(out: Path) -> None:
    """Temporary files an interrupted run (killed between writing and renaming) left behind."""
    if out.is_dir():
        for stray in out.rglob(".*.tmp"):
            if _OUR_TEMPORARY.match(
                stray.name
            ):  # only the names files.atomic_target and print files use
                stray.unlink(missing_ok=True)


class _Writer:
    """Writes outputs by the manifest's rules: same content skipped, edited files kept."""

    def __init__(
        self, out: Path, previous: dict[str, str], force: bool, result: BuildResult
    ) -> None:
        self.out = out
        self.previous = previous
        self.force = force
        self.result = result
        self.entries: list[dict[str, str]] = []

    def put(self, relative: Path, data: bytes, kind: str, awardee: str) -> None:
        self._settle(
            relative,
            sha256(data),
            lambda target: write_atomic(target, data, force=True),
            kind,
            awardee,
        )

    def put_file(self, relative: Path, built: Path, kind: str) -> None:
        """Like ``put`` for a file already built beside its target (large print files)."""
        try:
            self._settle(
                relative,
                _file_hash(built) or "",
                lambda target: os.replace(built, target),
                kind,
                "",
            )
        finally:
            built.unlink(missing_ok=True)

    def _settle(
        self, relative: Path, new: str, write: Callable[[Path], None], kind: str, awardee: str
    ) -> None:
        target = self.out / relative
        key = relative.as_posix()
        on_disk = _file_hash(target)
        recorded = new
        if on_disk == new:
            self.result.unchanged.append(target)
        elif on_disk is None or self.force or self.previous.get(key) == on_disk:
            target.parent.mkdir(parents=True, exist_ok=True)
            write(target)
            self.result.written.append(target)
        else:
            self.result.kept.append(target)
            recorded = self.previous.get(
                key, new
            )  # still what we generated: the edit stays visible
        self.entries.append(
            {
                "tep": key,
                "loai": KIND_TITLES.get(kind, kind),
                "doi_tuong": awardee,
                "sha256": recorded,
            }
        )


def _previous_manifest(out: Path) -> dict[str, str]:
    path = out / MANIFEST
    if not path.is_file():
        return {}
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["tep"]
        return {row["tep"]: row["sha256"] for row in rows}
    except (ValueError, KeyError, TypeError):
        return {}  # an unreadable manifest protects nothing: existing files then count as edited


def _write_manifest(out: Path, entries: list[dict[str, str]]) -> Path:
    entries = sorted(entries, key=lambda e: e["tep"])
    text = json.dumps({"tep": entries}, ensure_ascii=False, indent=2) + "\n"
    write_atomic(out / MANIFEST, text.encode("utf-8"), force=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Tệp", "Loại văn bản", "Tập thể, cá nhân", "SHA-256"])
    for entry in entries:
        writer.writerow([entry["tep"], entry["loai"], entry["doi_tuong"], entry["sha256"]])
    write_atomic(out / MANIFEST_CSV, ("\ufeff" + buffer.getvalue()).encode("utf-8"), force=True)
    return out / MANIFEST


# ------------------------------------------------------------------ PDF


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


# ------------------------------------------------------------------ the build


def prepare_award_list(campaign: Campaign, force: bool, result: BuildResult) -> None:
    """Evaluate the results when the campaign has rules, writing the report and the award list;
    an award list that already exists (the clerk may have edited it) is kept unless ``force``."""
    rules = campaign.chien_dich.danh_gia
    if rules is None or not (campaign.folder / rules.ket_qua).is_file():
        return
    results, people = read_results(campaign.folder, rules)
    evaluation = evaluate(rules, results, people)
    report = (campaign.folder / rules.ket_qua).with_name("danh-gia.xlsx")
    awards = campaign.folder / "danh-sach-de-nghi.yaml"
    write_report_xlsx(report, evaluation, force=True)
    if awards.exists() and not force:
        result.notes.append(
            f"Giữ danh sách đề nghị đã có: {awards} (dùng --force để lập lại từ kết quả)"
        )
    else:
        write_award_list(awards, award_list(rules, evaluation), rules.ket_qua, force=True)
        result.notes.append(f"Đã lập danh sách đề nghị từ kết quả: {awards}")


def build(
    campaign: Campaign,
    out_dir: Path,
    *,
    force: bool = False,
    pdf: bool = False,
    workers: int | None = None,
    templates_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    award: AwardDossier | None = None,
    only: Iterable[str] = DOSSIER_KINDS,
) -> BuildResult:
    """Write the complete dossier of ``campaign`` into ``out_dir`` (see the module docstring)."""
    result = BuildResult()
    if award is None:
        prepare_award_list(campaign, force, result)
        award = load_dossier(campaign)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _remove_stray_temporaries(out)
    writer = _Writer(out, _previous_manifest(out), force, result)
    jobs = dossier_jobs(campaign, award, only=only)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    layout = campaign.co_quan.bang_khen
    to_print: dict[str, list[Path]] = {"bang_khen": [], "in_phoi": []}
    for done, (job, data, error) in enumerate(
        _rendered(jobs, templates_dir, layout, workers), start=1
    ):
        if data is None:
            result.failed.append((job.target.as_posix(), error))
        else:
            writer.put(job.target, data, job.kind, job.awardee)
            if job.kind in to_print:
                to_print[job.kind].append(
                    out / job.target
                )  # as on disk: a kept edit is what gets printed
        if progress is not None:
            progress(done, len(jobs))
    names = {"bang_khen": "bang-khen-tat-ca.docx", "in_phoi": "bang-khen-in-phoi-tat-ca.docx"}
    for kind, paths in to_print.items():
        if paths and not any(
            name.startswith(("bang-khen/", "bang-khen-in-phoi/")) for name, _ in result.failed
        ):
            relative = Path(PRINT_FOLDER) / names[kind]
            built = out / PRINT_FOLDER / f".{names[kind]}.build.tmp"
            concatenate(paths, built)
            writer.put_file(relative, built, "in_an")
    if pdf:
        _pdfs(out, writer, result)
    result.manifest = _write_manifest(out, writer.entries)
    return result


def _pdfs(out: Path, writer: _Writer, result: BuildResult) -> None:
    soffice = find_libreoffice()
    if soffice is None:
        result.pdf_error = (
            "Chưa cài LibreOffice nên chưa tạo được PDF (các tệp .docx vẫn đã được ghi). "
            f"Cài bằng: {INSTALL_LIBREOFFICE}"
        )
        return
    folders: dict[Path, list[Path]] = {}
    for entry in writer.entries:
        if entry["tep"].endswith(".docx"):
            path = out / entry["tep"]
            folders.setdefault(path.parent, []).append(path)
    for folder, files in sorted(folders.items()):
        target = out / PDF_FOLDER / folder.relative_to(out)
        try:
            result.pdfs += convert_to_pdf(files, target, soffice)
        except OutputError as err:
            result.pdf_error = err.message
            return
    # PDFs embed their creation time: they are listed in the manifest but not byte-identical.
    for pdf_file in result.pdfs:
        writer.entries.append(
            {
                "tep": pdf_file.relative_to(out).as_posix(),
                "loai": KIND_TITLES["pdf"],
                "doi_tuong": "",
                "sha256": sha256(pdf_file.read_bytes()),
            }
        )


def summary(result: BuildResult) -> list[str]:
    """The end-of-run report, in Vietnamese."""
    lines = [
        f"Đã ghi {len(result.written)} tệp, {len(result.unchanged)} tệp không đổi"
        + (f", giữ {len(result.kept)} tệp đã sửa tay" if result.kept else "")
        + (f", {len(result.pdfs)} tệp PDF" if result.pdfs else "")
        + "."
    ]
    lines += [f"Giữ nguyên (đã sửa sau khi tạo; dùng --force để ghi đè): {p}" for p in result.kept]
    lines += [f"Lỗi: {name}: {message}" for name, message in result.failed]
    if result.pdf_error:
        lines.append(f"Lỗi: {result.pdf_error}")
    lines += result.notes
    if result.manifest is not None:
        lines.append(f"Danh mục hồ sơ: {result.manifest}")
    return lines
