"""Builds started from the desk: one background thread per build, its progress readable at any
time, never two builds of one campaign at once (the folder lock of ``api.build`` also refuses a
build started elsewhere, by the CLI)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from thidua_docs import api
from thidua_docs.errors import OutputError, ThiduaError

log = logging.getLogger("thidua.web")


@dataclass
class Job:
    """One build's state, as the progress bar reads it."""

    campaign: str
    pdf: bool
    dot: str | None = None
    state: str = "dang_chay"  # dang_chay · xong · loi
    done: int = 0
    total: int = 0
    lines: list[str] = field(default_factory=list)  # the summary the CLI prints
    error: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "trang_thai": self.state,
            "xong": self.done,
            "tong": self.total,
            "dong": self.lines,
            "loi": self.error,
        }


class Builds:
    """The desk's builds by campaign name."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._threads: dict[str, threading.Thread] = {}

    def get(self, campaign: str) -> Job | None:
        with self._lock:
            return self._jobs.get(campaign)

    def start(self, campaign: str, folder: Path, *, pdf: bool, dot: str | None = None) -> Job:
        """Start building ``folder`` (its round ``dot``); refused (OutputError) while a build of
        it runs."""
        with self._lock:
            running = self._jobs.get(campaign)
            if running is not None and running.state == "dang_chay":
                raise OutputError(
                    f"Hồ sơ của chiến dịch {campaign} đang được soạn; chờ lần soạn này xong."
                )
            job = Job(campaign, pdf, dot)
            self._jobs[campaign] = job
            thread = threading.Thread(
                target=self._run, args=(job, folder), name=f"build-{campaign}", daemon=True
            )
            self._threads[campaign] = thread
        thread.start()
        return job

    def wait(self, campaign: str, timeout: float | None = None) -> None:
        thread = self._threads.get(campaign)
        if thread is not None:
            thread.join(timeout)

    def _run(self, job: Job, folder: Path) -> None:
        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            result = api.build(campaign=folder, pdf=job.pdf, progress=progress, dot=job.dot)
        except ThiduaError as err:
            job.error, job.state = err.message, "loi"
            return
        except Exception:  # a bug: logged for the developers, a plain sentence for the clerk
            log.exception("build of %s failed", folder)
            job.error = (
                "Lỗi nội bộ của chương trình khi soạn hồ sơ; những tệp đã ghi được giữ như "
                "lệnh thidua build để lại. Báo cho nhóm phát triển."
            )
            job.state = "loi"
            return
        job.lines = summary(result)
        job.state = "xong" if result.ok else "loi"
        if not result.ok:
            job.error = "Có văn bản không soạn được (xem chi tiết bên dưới)."


def summary(result: api.BuildResult) -> list[str]:
    """What the run did, in the CLI's words."""
    lines = [
        f"Đã ghi {len(result.written)} tệp, {len(result.unchanged)} tệp không đổi"
        + (f", giữ {len(result.kept)} tệp đã sửa tay" if result.kept else "")
        + (f", xóa {len(result.removed)} tệp không còn trong hồ sơ" if result.removed else "")
        + (f", {len(result.pdfs)} tệp PDF" if result.pdfs else "")
        + "."
    ]
    lines += [f"Giữ nguyên (đã sửa sau khi tạo): {p.name}" for p in result.kept]
    lines += [f"Lỗi: {name}: {message}" for name, message in result.failed]
    if result.pdf_error:
        lines.append(f"Lỗi: {result.pdf_error}")
    lines += result.notes
    return lines
