"""Cost of the structural check (ooxml.validity) that every generated document passes before it is written.

    python benchmarks/bench_validity.py            # the 2024 example's dossier, 20 rounds
    python benchmarks/bench_validity.py --rounds 5

Renders the 2024 example's documents once (as `thidua dossier` would, without writing), then
prints, on this machine: the time to render one document, the time of the check on a fresh
process (every part parsed) and once the fixed parts of each template are known sound (what a
build pays per document), and the check's share of render + check. It is a script, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thidua_docs.documents.registry import Sources, kinds  # noqa: E402
from thidua_docs.inputs.campaign import load_campaign  # noqa: E402
from thidua_docs.inputs.dossier import load_dossier  # noqa: E402
from thidua_docs.ooxml import validity  # noqa: E402
from thidua_docs.output.documents import render_job  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    campaign = load_campaign(ROOT / "campaigns" / "bhxh-2024-nuoc-rut")
    sources = Sources(campaign, load_dossier(campaign), dt.date(2025, 1, 15))
    jobs = [job for kind in kinds() if kind.stage == "ho_so" for job in kind.jobs(sources)]
    layout = campaign.co_quan.bang_khen
    datas = [render_job(job, None, layout) for job in jobs]  # warm: templates prepared
    start = time.perf_counter()
    for _ in range(args.rounds):
        for job in jobs:
            render_job(job, None, layout)
    render = (time.perf_counter() - start) / (args.rounds * len(jobs))
    validity._SOUND.clear()
    start = time.perf_counter()
    for data in datas:
        validity.package_flaws(data)
    cold = (time.perf_counter() - start) / len(datas)
    start = time.perf_counter()
    for _ in range(args.rounds):
        for data in datas:
            validity.package_flaws(data)
    warm = (time.perf_counter() - start) / (args.rounds * len(datas))
    print(f"{len(jobs)} documents of the 2024 example, {args.rounds} rounds")
    print(f"render_job (check included): {render * 1000:.2f} ms per document")
    print(f"check, every part parsed:    {cold * 1000:.2f} ms per document")
    print(f"check, fixed parts known:    {warm * 1000:.2f} ms per document")
    print(f"check's share of render_job: {warm / render:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
