"""Benchmark of what the clerk runs: the whole `thidua build`, against a plain docxtpl loop.

    python benchmarks/bench_build.py                   # N = 1,000 and 10,000 (about half an hour)
    python benchmarks/bench_build.py --n 200 --big 1000 --rows 2000    # a quicker run

On a generated campaign of N awardees (one collective for every five individuals; both
certificate variants — full page and on stock — the achievement reports, the tờ trình, biên bản,
quyết định and both lists), in one run on this machine, it prints:
1. the whole dossier at N: `thidua build` as a subprocess (as the clerk runs it) — files per
   second, peak RSS of its whole process tree (workers included) — against a plain loop writing
   the same documents from the same templates and contexts (`DocxTemplate(path)`, `render`,
   `save` per document; for certificates on stock, a python-docx Document per awardee), and the
   ratio (target ≥ 10×); the build also writes print files and the manifest, the loop does not;
2. the no-op rerun: the same command again, nothing changed (target ≤ 5% of the build);
3. the whole dossier at BIG (target: time ≤ 11× and peak RSS ≤ 1.5× those at N);
4. `thidua --help` against `python -c pass`, whole-process timers (target ≤ 8×);
5. sub-results: certificates only (`--only bang_khen`) against the loop's certificates, and a
   Danh sách of ROWS rows through the prepared template against docxtpl (target ≥ 5×).
It is a script, not a test: timings depend on the machine (and on what else runs on it).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLE = ROOT / "campaigns" / "bhxh-2024-nuoc-rut"
PROFILE = ROOT / "campaigns" / "co-quan" / "bhxh-viet-nam-2024.yaml"
THIDUA = [sys.executable, "-m", "thidua_docs"]


# ------------------------------------------------------------------ the generated campaign


def generate(n: int, folder: Path) -> Path:
    """A campaign folder with an award list of ``n`` awardees: one collective for every five
    individuals, each individual of one of the collectives. No results file: the build writes
    the dossier of this list."""
    (folder / "co-quan").mkdir(parents=True, exist_ok=True)
    shutil.copy(PROFILE, folder / "co-quan")
    campaign = folder / "chien-dich"
    campaign.mkdir(exist_ok=True)
    shutil.copy(EXAMPLE / "chien-dich.yaml", campaign)
    example = (EXAMPLE / "khen-thuong.yaml").read_text(encoding="utf-8")
    rest = example[example.index("\nto_trinh:") :]
    units = max(1, -(-n // 6))
    lines = [
        "ca_nhan_thuoc_tap_the: true",
        "de_nghi:",
        "  - hinh_thuc: Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam",
        "    thanh_tich: >-",
        "      xuất sắc trong phong trào thi đua nước rút trong công tác thu, giảm tiền chậm đóng",
        "      và phát triển người tham gia BHXH, BHTN, BHYT những tháng cuối năm 2024",
        "    tien_thuong_tap_the: {moi_nguoi: 130000}",
        "    tien_thuong_ca_nhan: {he_so: 1.5}",
        "    tap_the:",
    ]
    lines += [
        f"      - {{ten: Bảo hiểm xã hội cơ sở số {i + 1:05d}, bien_che: {20 + i % 50}}}"
        for i in range(units)
    ]
    lines.append("    ca_nhan:")
    lines += [
        f"      - {{ho_ten: Nguyễn Văn Thi Đua {i + 1:05d}, chuc_vu: Chuyên viên, "
        f"don_vi: Bảo hiểm xã hội cơ sở số {i % units + 1:05d}}}"
        for i in range(n - units)
    ]
    (campaign / "khen-thuong.yaml").write_text("\n".join(lines) + "\n" + rest, encoding="utf-8")
    return campaign


def danh_sach_context(campaign: Any, award: Any, attached_to: str) -> dict[str, Any]:
    """The Danh sách's context (documents.kinds.danh_sach), for tests/render/test_budget.py."""
    from thidua_docs.documents.kinds.danh_sach import danh_sach_context as context

    return context(campaign, award, attached_to)


def award_of(n: int) -> tuple[Any, Any]:
    """The example campaign with an award list of ``n`` individuals, in memory (used by
    tests/render/test_budget.py for a Danh sách of 10,000 rows)."""
    from thidua_docs.awards.dossier import compute
    from thidua_docs.inputs.campaign import load_campaign
    from thidua_docs.inputs.dossier import AwardDossier, load_dossier, salary_table

    campaign = load_campaign(EXAMPLE)
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
    individual = type(kind.ca_nhan[0])
    update = {"tap_the": [], "ca_nhan": [individual.model_validate(p) for p in people]}
    ho_so = base.ho_so.model_copy(update={"de_nghi": [kind.model_copy(update=update)]})
    table = salary_table(campaign.co_quan)
    return campaign, AwardDossier(
        base.file, ho_so, compute(ho_so, base.ngay_tinh_tien, table), base.ngay_tinh_tien
    )


# ------------------------------------------------------------------ timing processes


def run_measured(command: list[str]) -> tuple[float, int]:
    """Wall time of ``command`` and the peak RSS of its whole process tree (bytes, sampled)."""
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
                total = 0
                for member in tree:
                    with contextlib.suppress(psutil.Error):  # a worker that just ended
                        total += member.memory_info().rss
                peak = max(peak, total)
            except psutil.Error:
                pass
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {errors.decode()}")
    return elapsed, peak


def whole_process(command: list[str], repeat: int = 5) -> float:
    """The best of ``repeat`` wall times of ``command``."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, time.perf_counter() - started)
    return best


# ------------------------------------------------------------------ the plain loop


def plain_env() -> Any:
    """What a plain docxtpl user would pass: a Jinja environment with the same filters."""
    import jinja2

    from thidua_docs.formatting import FILTERS

    env = jinja2.Environment(autoescape=True)
    env.filters.update(FILTERS)
    return env


def plain_stock(layout: Any, texts: dict[str, str], target: Path) -> None:
    """A certificate on stock the plain way: a python-docx Document with one frame per text."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    def twips(mm: Any) -> str:
        return str(round(float(mm) / 25.4 * 1440))

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(297), Mm(210)
    for key, where in layout.vi_tri.items():
        if not texts.get(key):
            continue
        paragraph = document.add_paragraph()
        frame = OxmlElement("w:framePr")
        for name, value in (
            ("w", twips(where.rong)),
            ("hAnchor", "page"),
            ("vAnchor", "page"),
            ("x", twips(where.x)),
            ("y", twips(where.y)),
        ):
            frame.set(qn(f"w:{name}"), value)
        paragraph._element.get_or_add_pPr().insert(0, frame)
        run = paragraph.add_run(texts[key])
        run.font.name, run.font.size = "Times New Roman", Pt(where.co_chu)
        run.font.bold, run.font.italic = where.dam, where.nghieng
    document.save(str(target))


def dossier_of(campaign_dir: Path, only: tuple[str, ...] = ()) -> tuple[Any, list[Any]]:
    """The campaign and the jobs `thidua build` writes for it (same templates and contexts)."""
    from thidua_docs.documents.registry import Sources, dossier_jobs
    from thidua_docs.inputs.campaign import load_campaign
    from thidua_docs.inputs.dossier import load_dossier

    campaign = load_campaign(campaign_dir)
    return campaign, dossier_jobs(Sources(campaign, load_dossier(campaign), dt.date.today()), only)


def plain_loop(campaign_dir: Path, out: Path) -> dict[str, tuple[int, float]]:
    """Every document of the dossier written the plain way; (files, seconds) by kind."""
    from docxtpl import DocxTemplate

    campaign, jobs = dossier_of(campaign_dir)
    env = plain_env()
    by_kind: dict[str, tuple[int, float]] = {}
    for job in jobs:
        target = out / job.target
        target.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        if job.stock_texts is not None:
            plain_stock(campaign.co_quan.bang_khen, job.stock_texts, target)
        else:
            document = DocxTemplate(ROOT / "templates" / str(job.template))
            document.render(job.context, jinja_env=env, autoescape=True)
            document.save(target)
        files, seconds = by_kind.get(job.kind, (0, 0.0))
        by_kind[job.kind] = (files + 1, seconds + time.perf_counter() - started)
    return by_kind


def danh_sach(campaign_dir: Path) -> tuple[float, float]:
    """The Danh sách attached to the decision: prepared template against docxtpl (seconds)."""
    from docxtpl import DocxTemplate

    from thidua_docs.render.engine import PreparedTemplate

    _, jobs = dossier_of(campaign_dir, ("quyet_dinh",))
    job = next(j for j in jobs if j.kind == "danh_sach" and "quyet" in j.target.name)
    template = ROOT / "templates" / "danh_sach.docx"
    ours = timed(lambda: PreparedTemplate(template).render(job.context, job.properties))
    env = plain_env()

    def plain() -> None:
        document = DocxTemplate(template)
        document.render(job.context, jinja_env=env, autoescape=True)
        document.save(io.BytesIO())

    return ours, timed(plain)


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


# ------------------------------------------------------------------ the report


def files_of(out: Path) -> int:
    return len(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tep"])


def verdict(ok: bool) -> str:
    return "ĐẠT" if ok else "CHƯA ĐẠT"


def whole(n: int, tmp: Path, workers: int) -> dict[str, float]:
    campaign = generate(n, tmp / f"n{n}")
    out = tmp / f"n{n}-ho-so"
    command = [*THIDUA, "build", str(campaign), "--out", str(out), "--jobs", str(workers)]
    seconds, peak = run_measured(command)
    rerun, _ = run_measured(command)
    return {"s": seconds, "rss": peak, "files": files_of(out), "rerun_s": rerun}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--big", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the Danh sách")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    # The program's bytecode, as an installed package has it (pip compiles at install time): an
    # editable install under PYTHONDONTWRITEBYTECODE would otherwise compile at every start.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "thidua_docs")],
        check=True,
        capture_output=True,
    )
    print(
        f"Máy: {psutil.cpu_count()} nhân, {psutil.virtual_memory().total / 2**30:.0f} GB, "
        f"Python {sys.version.split()[0]}, tải {psutil.getloadavg()[0]:.1f} · "
        f"{args.workers} tiến trình · N = {args.n}, {args.big}"
    )
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        small = whole(args.n, tmp, args.workers)
        plain = plain_loop(tmp / f"n{args.n}" / "chien-dich", tmp / "plain")
        plain_files = sum(files for files, _ in plain.values())
        plain_s = sum(seconds for _, seconds in plain.values())
        ratio = plain_s / small["s"]
        print(
            f"1. Toàn bộ hồ sơ, N = {args.n}: thidua build {small['files']} tệp trong "
            f"{small['s']:.1f} s ({small['files'] / small['s']:.0f} tệp/giây, RSS đỉnh cả cây "
            f"tiến trình {small['rss'] / 2**20:.0f} MB); vòng lặp docxtpl thường {plain_files} "
            f"tệp trong {plain_s:.1f} s ({plain_files / plain_s:.0f} tệp/giây) → nhanh hơn "
            f"{ratio:.1f}× (mục tiêu ≥ 10×: {verdict(ratio >= 10)})"
        )
        share = small["rerun_s"] / small["s"]
        print(
            f"2. Chạy lại không có gì đổi, N = {args.n}: {small['rerun_s']:.2f} s = "
            f"{share:.1%} thời gian soạn (mục tiêu ≤ 5%: {verdict(share <= 0.05)})"
        )
        big = whole(args.big, tmp, args.workers)
        growth, memory = big["s"] / small["s"], big["rss"] / small["rss"]
        big_share = big["rerun_s"] / big["s"]
        print(
            f"3. N = {args.big}: {big['files']} tệp trong {big['s']:.1f} s "
            f"({big['files'] / big['s']:.0f} tệp/giây) = {growth:.1f}× thời gian N = {args.n} "
            f"(mục tiêu ≤ 11×: {verdict(growth <= 11)}); RSS đỉnh {big['rss'] / 2**20:.0f} MB = "
            f"{memory:.2f}× (mục tiêu ≤ 1,5×: {verdict(memory <= 1.5)}); chạy lại "
            f"{big['rerun_s']:.2f} s = {big_share:.1%} ({verdict(big_share <= 0.05)})"
        )
        helps = whole_process([*THIDUA, "--help"])
        empty = whole_process([sys.executable, "-c", "pass"])
        print(
            f"4. thidua --help {helps * 1000:.0f} ms, python -c pass {empty * 1000:.0f} ms → "
            f"{helps / empty:.1f}× (mục tiêu ≤ 8×: {verdict(helps / empty <= 8)})"
        )
        campaign = tmp / f"n{args.n}" / "chien-dich"
        only = ["--only", "bang_khen", "--jobs", str(args.workers)]
        certificates, _ = run_measured(
            [*THIDUA, "build", str(campaign), "--out", str(tmp / "bk"), *only]
        )
        files, seconds = plain["bang_khen"]
        print(
            f"5a. Chỉ bằng khen, N = {args.n}: thidua build --only bang_khen {certificates:.1f} s "
            f"({files_of(tmp / 'bk')} tệp: bằng khen và tệp in), docxtpl {seconds:.1f} s "
            f"cho {files} bằng khen → {seconds / certificates:.1f}×"
        )
        rows_campaign = generate(args.rows, tmp / f"rows{args.rows}")
        ours, theirs = danh_sach(rows_campaign)
        rows = args.rows
        print(
            f"5b. Danh sách kèm quyết định, {rows} dòng: mẫu đã chuẩn bị {ours:.2f} s, docxtpl "
            f"{theirs:.2f} s → {theirs / ours:.1f}× (mục tiêu ≥ 5×: {verdict(theirs / ours >= 5)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
