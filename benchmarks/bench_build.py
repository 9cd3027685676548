"""Benchmark of `thidua build`'s code path against a plain docxtpl loop, peak memory, and PDF batching.

    python benchmarks/bench_build.py                    # N = 1,000, RSS at 1,000 and 10,000, 100 PDFs
    python benchmarks/bench_build.py --n 200 --big 2000 --pdf 20     # a quicker run

Prints, for the same templates and contexts on this machine:
1. certificates: documents per second through build (templates prepared once, all cores, files
   written atomically, manifest, print file) and through `DocxTemplate(path); render; save` per
   document, and the ratio (target ≥ 10×);
2. a Quyết định and its Danh sách of N rows, both ways;
3. peak RSS of a build of N and of BIG certificates, each in a fresh process (target ≤ 1.5×);
4. PDF conversion of P documents in one LibreOffice call against one call per document (target ≥ 5×).
It is a script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import datetime as dt  # noqa: E402

from thidua_docs.awards.dossier import compute  # noqa: E402
from thidua_docs.documents.kinds.bang_khen import bang_khen_context  # noqa: E402
from thidua_docs.documents.kinds.danh_sach import danh_sach_context  # noqa: E402
from thidua_docs.documents.registry import Sources, dossier_jobs  # noqa: E402
from thidua_docs.inputs.campaign import Campaign, load_campaign  # noqa: E402
from thidua_docs.inputs.dossier import AwardDossier, load_dossier, salary_table  # noqa: E402
from thidua_docs.output.build import BuildResult, write_batch  # noqa: E402
from thidua_docs.output.pdf import convert_to_pdf, find_libreoffice  # noqa: E402

CAMPAIGN = ROOT / "campaigns" / "bhxh-2024-nuoc-rut"


def award_of(n: int) -> tuple[Campaign, AwardDossier]:
    """The example campaign with an award list of ``n`` individuals (money by coefficient)."""
    campaign = load_campaign(CAMPAIGN)
    base = load_dossier(campaign)
    kind = base.ho_so.de_nghi[0]
    people = [
        {
            "ho_ten": f"Nguyễn Văn Thi Đua {i:05d}",
            "chuc_vu": "Chuyên viên",
            "don_vi": f"Phòng {i % 40 + 1} & Đội <{i % 7}>",
        }
        for i in range(n)
    ]
    ho_so = base.ho_so.model_copy(
        update={
            "de_nghi": [
                kind.model_copy(
                    update={
                        "tap_the": [],
                        "ca_nhan": [type(kind.ca_nhan[0]).model_validate(p) for p in people],
                    }
                )
            ]
        }
    )
    table = salary_table(campaign.co_quan)
    return campaign, AwardDossier(
        base.file, ho_so, compute(ho_so, base.ngay_tinh_tien, table), base.ngay_tinh_tien
    )


def build(
    campaign: Campaign, out: Path, *, award: AwardDossier, only: tuple[str, ...], workers: int
) -> BuildResult:
    """The documents of ``only`` for ``award`` through the batch writer `thidua build` uses."""
    jobs = dossier_jobs(Sources(campaign, award, dt.date.today()), only)
    return write_batch(jobs, out, layout=campaign.co_quan.bang_khen, workers=workers)


def plain_env():  # type: ignore[no-untyped-def]
    """What a plain docxtpl user would pass: a Jinja environment with the same filters."""
    import jinja2

    from thidua_docs.formatting import FILTERS

    env = jinja2.Environment(autoescape=True)
    env.filters.update(FILTERS)
    return env


def timed(function) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def certificates(n: int, workers: int) -> dict[str, float]:
    from docxtpl import DocxTemplate

    campaign, award = award_of(n)
    contexts = [bang_khen_context(campaign, award, a) for a in award.dossier.awardees]
    with tempfile.TemporaryDirectory() as tmp:
        ours = timed(
            lambda: build(
                campaign, Path(tmp) / "build", award=award, only=("bang_khen",), workers=workers
            )
        )
        template = ROOT / "templates" / "bang_khen.docx"

        env = plain_env()

        def plain() -> None:
            folder = Path(tmp) / "docxtpl"
            folder.mkdir()
            for i, context in enumerate(contexts):
                document = DocxTemplate(template)
                document.render(context, jinja_env=env, autoescape=True)
                document.save(folder / f"{i:05d}.docx")

        theirs = timed(plain)
    return {
        "build_s": ours,
        "docxtpl_s": theirs,
        "build_docs_per_s": n / ours,
        "docxtpl_docs_per_s": n / theirs,
        "ratio": theirs / ours,
    }


def decision_list(n: int) -> dict[str, float]:
    from docxtpl import DocxTemplate

    from thidua_docs.render.engine import PreparedTemplate

    campaign, award = award_of(n)
    context = danh_sach_context(campaign, award, "quyet_dinh")
    template = ROOT / "templates" / "danh_sach.docx"
    with tempfile.TemporaryDirectory() as tmp:
        ours = timed(
            lambda: (Path(tmp) / "a.docx").write_bytes(PreparedTemplate(template).render(context))
        )

        env = plain_env()

        def plain() -> None:
            document = DocxTemplate(template)
            document.render(context, jinja_env=env, autoescape=True)
            document.save(Path(tmp) / "b.docx")

        theirs = timed(plain)
    return {"build_s": ours, "docxtpl_s": theirs, "ratio": theirs / ours}


def child_rss(n: int, workers: int) -> None:
    """Run in a fresh process: build n certificates, print peak RSS of this process and its workers."""
    campaign, award = award_of(n)
    with tempfile.TemporaryDirectory() as tmp:
        build(campaign, Path(tmp) / "build", award=award, only=("bang_khen",), workers=workers)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"main_kb": own, "worker_kb": children}))


def rss(n: int, workers: int) -> dict[str, int]:
    output = subprocess.run(
        [sys.executable, __file__, "--child-rss", str(n), "--workers", str(workers)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def pdf(count: int) -> dict[str, float] | str:
    soffice = find_libreoffice()
    if soffice is None:
        return "LibreOffice chưa cài: bỏ qua phần PDF"
    campaign, award = award_of(count)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build"
        build(campaign, out, award=award, only=("bang_khen",), workers=2)
        files = sorted((out / "bang-khen").glob("*.docx"))
        batched = timed(lambda: convert_to_pdf(files, Path(tmp) / "pdf-batched", soffice))

        def one_by_one() -> None:
            for file in files:
                convert_to_pdf([file], Path(tmp) / "pdf-single", soffice)

        single = timed(one_by_one)
    return {"batched_s": batched, "per_file_s": single, "ratio": single / batched}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--big", type=int, default=10_000)
    parser.add_argument("--pdf", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child-rss", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_rss is not None:
        child_rss(args.child_rss, args.workers)
        return 0
    print(f"Máy: {shutil.which('python3')} · {args.workers} tiến trình · N = {args.n}")
    c = certificates(args.n, args.workers)
    print(
        f"1. Bằng khen ×{args.n}: build {c['build_docs_per_s']:.0f} văn bản/giây ({c['build_s']:.2f} s), "
        f"docxtpl {c['docxtpl_docs_per_s']:.0f} văn bản/giây ({c['docxtpl_s']:.2f} s) → nhanh hơn {c['ratio']:.1f}× "
        f"(mục tiêu ≥ 10×)"
    )
    d = decision_list(args.n)
    print(
        f"2. Danh sách kèm quyết định, {args.n} dòng: build {d['build_s'] * 1000:.0f} ms, "
        f"docxtpl {d['docxtpl_s'] * 1000:.0f} ms → {d['ratio']:.1f}×"
    )
    small, big = rss(args.n, args.workers), rss(args.big, args.workers)
    peak_small = max(small["main_kb"], small["worker_kb"])
    peak_big = max(big["main_kb"], big["worker_kb"])
    print(
        f"3. RSS đỉnh: N = {args.n}: tiến trình chính {small['main_kb'] / 1024:.0f} MB, tiến trình con "
        f"{small['worker_kb'] / 1024:.0f} MB; N = {args.big}: {big['main_kb'] / 1024:.0f} MB, "
        f"{big['worker_kb'] / 1024:.0f} MB → tỷ lệ {peak_big / peak_small:.2f}× (mục tiêu ≤ 1,5×)"
    )
    p = pdf(args.pdf)
    if isinstance(p, str):
        print(f"4. PDF: {p}")
    else:
        print(
            f"4. PDF ×{args.pdf}: một lần gọi LibreOffice {p['batched_s']:.1f} s, mỗi tệp một lần gọi "
            f"{p['per_file_s']:.1f} s → nhanh hơn {p['ratio']:.1f}× (mục tiêu ≥ 5×)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
