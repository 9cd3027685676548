"""Writing a set of documents all or nothing: `thidua draft` and `thidua dossier`.

Every document is rendered in memory before any is written, and every target is checked first,
so bad data, a broken template or one existing file leaves the output folder as it was; a disk
that refuses halfway (full, read-only) takes back the files the run added, so a rerun completes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from thidua_docs.documents.kinds.in_phoi import CALIBRATION_KIND
from thidua_docs.documents.registry import Job
from thidua_docs.errors import InputError
from thidua_docs.files import check_writable, write_atomic
from thidua_docs.ooxml.images import Picture, picture, replace_picture
from thidua_docs.ooxml.validity import ensure_valid
from thidua_docs.render.engine import PreparedTemplate
from thidua_docs.render.stock import calibration_page, in_phoi
from thidua_docs.render.templates import find_template
from thidua_docs.schema import BangKhenLayout

#: Templates prepared in this process, keyed by the file and its version: an office template, or
#: one edited since, is another template.
_PREPARED: dict[str, PreparedTemplate] = {}
#: The name of the placeholder picture the emblem replaces (``wp:docPr name``) in a template.
EMBLEM = "bieu_trung"
_EMBLEMS: dict[str, Picture] = {}
#: What a certificate placed on stock is made from, as its errors name it.
STOCK_SOURCE = "bố cục in phôi bằng khen (mục bang_khen của hồ sơ cơ quan)"


def render_job(job: Job, templates_dir: Path | None, layout: BangKhenLayout) -> bytes:
    """The bytes of one document: its template (prepared once per process and file version)
    filled with its context, or its texts placed on certificate stock with ``layout`` (or the
    stock's calibration page)."""
    if job.stock_texts is not None:
        if job.kind == CALIBRATION_KIND:
            data = calibration_page(layout, job.properties)
        else:
            data = in_phoi(layout, job.stock_texts, job.properties)
        source = STOCK_SOURCE
    else:
        path = find_template(str(job.template), templates_dir)
        stat = path.stat()
        key = f"{path.resolve()}:{stat.st_mtime_ns}:{stat.st_size}"
        if key not in _PREPARED:
            _PREPARED[key] = PreparedTemplate(path)
        data, source = _PREPARED[key].render(job.context or {}, job.properties), str(path)
        if layout.bieu_trung:  # the office's emblem in place of the template's placeholder
            data = replace_picture(data, EMBLEM, _emblem(Path(layout.bieu_trung)))
    # A package Word would call damaged is an error naming the template, never a written file.
    return ensure_valid(data, source)


def _emblem(path: Path) -> Picture:
    """The emblem image, read once per process and file version."""
    try:
        stat = path.stat()
        key = f"{path}:{stat.st_mtime_ns}:{stat.st_size}"
        if key not in _EMBLEMS:
            found = picture(path.read_bytes())
            if found is None:
                raise InputError(
                    f"Tệp biểu trưng {path} (bang_khen › bieu_trung của hồ sơ cơ quan) không "
                    "phải ảnh đọc được (cần PNG hoặc JPEG)"
                )
            _EMBLEMS.clear()
            _EMBLEMS[key] = found
    except OSError as err:
        raise InputError(
            f"Không đọc được tệp biểu trưng {path} (bang_khen › bieu_trung của hồ sơ cơ quan): "
            f"{err.strerror or err}"
        ) from err
    return _EMBLEMS[key]


def write_documents(
    jobs: Sequence[Job],
    out_dir: Path,
    *,
    layout: BangKhenLayout,
    force: bool = False,
    templates_dir: Path | None = None,
) -> list[Path]:
    """Render ``jobs`` into ``out_dir`` and write each atomically; returns the files in job order.

    An existing file is refused unless ``force`` (a clerk may have edited it); each template is
    prepared once; certificates on stock are placed with ``layout``.
    """
    out = Path(out_dir)
    for job in jobs:
        check_writable(out / job.target, force=force)
    rendered = [(out / job.target, render_job(job, templates_dir, layout)) for job in jobs]
    new = [target for target, _ in rendered if not target.exists()]
    try:
        for target, data in rendered:
            write_atomic(target, data, force=force)
    except BaseException:  # a disk that refuses halfway: the files this run added go again
        for target in new:
            with contextlib.suppress(OSError):
                target.unlink(missing_ok=True)
        raise
    return [target for target, _ in rendered]
