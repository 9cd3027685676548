"""Benchmark of `thidua build --pdf`'s conversion: P documents on every core against one batched
LibreOffice process.

    python benchmarks/bench_pdf.py                 # 100 documents, as many processes as cores
    python benchmarks/bench_pdf.py --n 40 --workers 2

The documents are those of the 2024 example's dossier (tờ trình, biên bản, quyết định, danh sách,
báo cáo thành tích, both kinds of Bằng khen; print files left out), repeated until there are N.
Both runs convert the same files to PDF/A-2b through the same code (output.pdf.convert), each
LibreOffice process with a fresh profile: once with one process converting them all in one call,
once with the documents dealt out to WORKERS processes (target ≥ 1.7× on 2 cores). A third run
adds the signature fields of the administrative documents, as `thidua build --pdf` does.
Prints the seconds, documents per second and the ratio. It is a script, not a test: timings
depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thidua_docs.api import build  # noqa: E402
from thidua_docs.output.pdf import PdfJob, convert, find_libreoffice  # noqa: E402

CAMPAIGN = ROOT / "campaigns" / "bhxh-2024-nuoc-rut"
#: The example's folders whose documents have a signer's block.
SIGNED = ("to-trinh", "bien-ban", "quyet-dinh", "bao-cao-thanh-tich")


def documents(folder: Path, n: int) -> list[tuple[Path, bool]]:
    """N .docx files in ``folder``: the example's dossier, repeated; whether each is signed."""
    work = folder / "chien-dich"
    shutil.copytree(CAMPAIGN, work / "c", ignore=shutil.ignore_patterns("ho-so", "du-thao"))
    shutil.copytree(ROOT / "campaigns" / "co-quan", work / "co-quan")
    out = work / "ho-so"
    result = build(campaign=work / "c", out=out, workers=1)
    assert result.ok, result.failed
    sources = sorted(p for p in out.rglob("*.docx") if "in-an" not in p.parts)
    files: list[tuple[Path, bool]] = []
    target = folder / "docx"
    target.mkdir()
    for i in range(n):
        source = sources[i % len(sources)]
        name = source.relative_to(out).as_posix().replace("/", "-")
        copy = target / f"{i:03d}-{name}"
        shutil.copyfile(source, copy)
        files.append((copy, name.startswith(SIGNED)))
    return files


def timed(
    files: list[tuple[Path, bool]], soffice: str, workers: int, folder: Path, sign: bool
) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the LibreOffice processes and signature workers."""
    out = folder / f"pdf-{workers}-{int(sign)}"
    jobs = [PdfJob(f, out / f"{f.stem}.pdf", sign=sign and s) for f, s in files]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = convert(jobs, soffice, staging_in=out, workers=workers)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert len(result.pdfs) == len(files)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="documents (default 100)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    soffice = find_libreoffice()
    if soffice is None:
        sys.exit("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        folder = Path(tmp)
        files = documents(folder, args.n)
        signed = sum(1 for _, s in files if s)
        print(f"{len(files)} documents ({signed} with a signer's block), cores: {os.cpu_count()}")
        print(f"load average before: {os.getloadavg()[0]:.2f} (other work on the machine)")
        one, one_cpu = timed(files, soffice, 1, folder, sign=False)
        print(
            f"one LibreOffice process, one call:   {one:7.2f} s  {len(files) / one:6.1f} doc/s"
            f"  (CPU {one_cpu:.1f} s)"
        )
        many, many_cpu = timed(files, soffice, args.workers, folder, sign=False)
        print(
            f"{args.workers} LibreOffice processes:             {many:7.2f} s  "
            f"{len(files) / many:6.1f} doc/s  (CPU {many_cpu:.1f} s)"
        )
        ratio = one / many
        verdict = "meets" if ratio >= 1.7 else "below"
        print(f"ratio: {ratio:.2f}× ({verdict} the target of ≥ 1.7× on 2 cores)")
        full, _ = timed(files, soffice, args.workers, folder, sign=True)
        print(
            f"{args.workers} processes + signature fields:     {full:7.2f} s  "
            f"{len(files) / full:6.1f} doc/s (as `thidua build --pdf`)"
        )
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
