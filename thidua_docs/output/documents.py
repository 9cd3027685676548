"""Writing a set of documents all or nothing: `thidua draft` and `thidua dossier`.

Every document is rendered in memory before any is written, and every target is checked first,
so bad data, a broken template or one existing file leaves the output folder as it was; a disk
that refuses halfway (full, read-only) takes back the files the run added, so a rerun completes.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from thidua_docs.documents.registry import Job
from thidua_docs.files import check_writable, write_atomic
from thidua_docs.render.engine import PreparedTemplate
from thidua_docs.render.stock import in_phoi
from thidua_docs.render.templates import find_template
from thidua_docs.schema import BangKhenLayout


def write_documents(
    jobs: list[Job],
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
    prepared: dict[str, PreparedTemplate] = {}
    rendered: list[tuple[Path, bytes]] = []
    for job in jobs:
        if job.stock_texts is not None:
            data = in_phoi(layout, job.stock_texts, job.properties)
        else:
            template = str(job.template)
            if template not in prepared:
                prepared[template] = PreparedTemplate(find_template(template, templates_dir))
            data = prepared[template].render(job.context or {}, job.properties)
        rendered.append((out / job.target, data))
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
