"""Linear and flat: the documents of a dossier are made (their contexts built) batch by batch as
they are written, not all before the first file; the list knows its length without making any."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from thidua_docs.awards.dossier import Awardee
from thidua_docs.documents.registry import Job, Jobs, Made, Sources, dossier_jobs
from thidua_docs.inputs.campaign import load_campaign
from thidua_docs.inputs.dossier import load_dossier
from thidua_docs.output import build as output

from .test_build import campaign_copy


def test_the_dossier_knows_its_documents_before_making_them(tmp_path: Path) -> None:
    campaign = load_campaign(campaign_copy(tmp_path))
    sources = Sources(campaign, load_dossier(campaign), dt.date(2025, 1, 10))
    made: list[str] = []
    jobs = dossier_jobs(sources)

    def lazy(parts: Sequence[Job]) -> list[Made]:
        found: list[Made] = []
        for part in getattr(parts, "_parts", ()):
            found += [part] if isinstance(part, Made) else lazy(part)
        return found

    parts = lazy(jobs)
    assert parts, "per-awardee kinds are made on demand"
    for part in parts:
        make = part._make

        def counted(a: Awardee, _make: Callable[[Awardee], Job] = make) -> Job:
            made.append(a.ten)
            return _make(a)

        part._make = counted
    assert len(jobs) > 20 and made == []  # counted, none made
    listed = list(jobs)
    assert len(made) == sum(len(part) for part in parts)  # each made once, when reached
    assert [j.target for j in listed] == [jobs[i].target for i in range(len(jobs))]


class _Watched(Sequence[Job]):
    """Jobs that note how many were made when each file is written."""

    def __init__(self, jobs: Sequence[Job]) -> None:
        self.jobs = list(jobs)
        self.made = 0

    def __len__(self) -> int:
        return len(self.jobs)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return self.jobs[index]

    def __iter__(self) -> Iterator[Job]:
        for job in self.jobs:
            self.made += 1
            yield job


def test_files_are_written_while_later_documents_are_not_yet_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    campaign = load_campaign(campaign_copy(tmp_path))
    sources = Sources(campaign, load_dossier(campaign), dt.date(2025, 1, 10))
    jobs = _Watched(dossier_jobs(sources))
    monkeypatch.setattr(output, "BATCH", 8)
    made_when_written: list[int] = []
    put = output._Writer.put

    def watched_put(self: output._Writer, *args: object, **kwargs: object) -> str:
        made_when_written.append(jobs.made)
        return put(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(output._Writer, "put", watched_put)
    result = output.write_batch(
        jobs, tmp_path / "out", layout=campaign.co_quan.bang_khen, workers=1
    )
    assert result.ok and len(made_when_written) == len(jobs) > 3 * 8
    # the first file is written when at most two batches were made (the next one is being made
    # while this one renders), never the whole dossier
    assert made_when_written[0] <= 2 * 8 < len(jobs)
    assert isinstance(dossier_jobs(sources), Jobs)
