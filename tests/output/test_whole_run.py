"""A rerun with nothing to do is answered from the record of the last run (output.rerun), before
the program is loaded — and any change to what the run read, wrote or looked at sends the build
back to the full path, which decides as before (tests/output/test_rerun.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from thidua_docs import api
from thidua_docs.output import rerun

from .test_build import campaign_copy

HEAVY = ("pydantic", "openpyxl", "docx", "docxtpl", "lxml", "jinja2", "yaml", "sqlalchemy")

PROBE = """
import json, sys
from thidua_docs.cli import main
code = main(sys.argv[1:])
loaded = sorted({name.split(".")[0] for name in sys.modules})
print(json.dumps({"code": code, "loaded": loaded}))
"""


def thidua(*argv: str, cwd: Path) -> tuple[int, set[str], list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, cwd=cwd, check=True
    )
    *lines, last = done.stdout.strip().splitlines()
    report = json.loads(last)
    return report["code"], set(report["loaded"]), lines + done.stderr.splitlines()


def test_the_cli_answers_a_rerun_with_nothing_to_do_without_loading_the_program(
    tmp_path: Path,
) -> None:
    campaign = campaign_copy(tmp_path)
    code, loaded, first = thidua("build", str(campaign), cwd=tmp_path)
    assert code == 0 and {"docxtpl", "pydantic"} <= loaded, first
    code, loaded, again = thidua("build", str(campaign), cwd=tmp_path)
    assert code == 0, again
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    # The same report as a full rerun, which the record's removal forces.
    for record in (Path(os.environ["XDG_CACHE_HOME"]) / "thidua-docs" / "lan-chay").iterdir():
        record.unlink()
    code, loaded, full = thidua("build", str(campaign), cwd=tmp_path)
    assert code == 0 and "docxtpl" in loaded
    assert again == full
    assert (
        again[0]
        == f"Đã ghi 0 tệp, {len(list((campaign / 'ho-so').rglob('*.docx')))} tệp không đổi."
    )


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many builds took the full path (the real one, counted)."""
    calls: list[int] = []
    full = api._build

    def counting(*args: object) -> tuple[api.BuildResult, Path]:
        calls.append(1)
        return full(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "_build", counting)
    return calls


def _edit_spec(campaign: Path, out: Path) -> None:
    spec = campaign / "khen-thuong.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def _touch_spec(campaign: Path, out: Path) -> None:
    os.utime(campaign / "khen-thuong.yaml")  # same bytes, another time: looked at again


def _touch_profile(campaign: Path, out: Path) -> None:
    os.utime(campaign.parent / "co-quan" / "bhxh-viet-nam-2024.yaml")


def _add_template(campaign: Path, out: Path) -> None:
    # a file appearing beside the campaign's files (a templates folder, a results file)
    (campaign / "ghi-chu.txt").write_text("mới", encoding="utf-8")


def _edit_document(campaign: Path, out: Path) -> None:
    with open(out / "to-trinh.docx", "ab") as stream:
        stream.write(b"\0")


def _delete_document(campaign: Path, out: Path) -> None:
    next((out / "bang-khen").iterdir()).unlink()


def _stray_file(campaign: Path, out: Path) -> None:
    (out / "bang-khen" / ".x.docx.abc.tmp").write_bytes(b"")


def _delete_evaluation(campaign: Path, out: Path) -> None:
    (campaign / "danh-gia.xlsx").unlink()


def _delete_manifest(campaign: Path, out: Path) -> None:
    (out / "manifest.csv").unlink()


CHANGES: list[Callable[[Path, Path], None]] = [
    _edit_spec,
    _touch_spec,
    _touch_profile,
    _add_template,
    _edit_document,
    _delete_document,
    _stray_file,
    _delete_evaluation,
    _delete_manifest,
]


def test_nothing_changed_is_answered_from_the_record(tmp_path: Path, counted: list[int]) -> None:
    campaign = campaign_copy(tmp_path)
    out = tmp_path / "out"
    first = api.build(campaign=campaign, out=out, workers=1)
    again = api.build(campaign=campaign, out=out, workers=1)
    assert len(counted) == 1
    assert again.written == [] and again.kept == [] and again.ok
    assert sorted(again.unchanged) == sorted(first.written)
    assert again.notes == first.notes and again.manifest == out / "manifest.json"
    # The record is the user's cache, nothing in the clerk's folders.
    assert not [p for p in campaign.rglob("*") if "lan-chay" in p.name]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_any_change_runs_the_build_in_full(
    tmp_path: Path, counted: list[int], change: Callable[[Path, Path], None]
) -> None:
    campaign = campaign_copy(tmp_path)
    out = tmp_path / "out"
    api.build(campaign=campaign, out=out, workers=1)
    change(campaign, out)
    result = api.build(campaign=campaign, out=out, workers=1)
    assert len(counted) == 2, "the change was not seen"
    if change is _edit_document:
        assert result.kept == [out / "to-trinh.docx"]
        # the kept edit is recorded too: the next run answers from the record and says so
        assert api.build(campaign=campaign, out=out, workers=1).kept == result.kept
        assert len(counted) == 2
    if change is _delete_document:
        assert len(result.written) == 1
    assert not (out / "bang-khen" / ".x.docx.abc.tmp").exists()


def test_another_request_is_not_answered_by_this_ones_record(
    tmp_path: Path, counted: list[int]
) -> None:
    campaign = campaign_copy(tmp_path)
    out = tmp_path / "out"
    api.build(campaign=campaign, out=out, workers=1)
    api.build(campaign=campaign, out=out, workers=1, only=("bang_khen",))
    api.build(campaign=campaign, out=out, workers=1, today=dt.date.today() + dt.timedelta(1))
    api.build(campaign=campaign, out=tmp_path / "khac", workers=1)
    assert len(counted) == 4
    api.build(campaign=campaign, out=out, workers=1, force=True)  # --force: looks at everything
    assert len(counted) == 5


def _recorded(
    folder: Path, result: api.BuildResult | None = None, *, pdf: bool = False, during: bool = False
) -> api.BuildResult | None:
    """A run recorded by hand around a file read (and, with ``during``, changed by another
    program before the run ended); what a rerun of it answers."""
    spec = folder / "khen-thuong.yaml"
    spec.write_text("a", encoding="utf-8")
    out = folder / "out"
    out.mkdir()
    (out / ".thidua.lock").touch()
    (out / "manifest.json").write_text('{"tep": []}', encoding="utf-8")
    request = rerun.Request.of(
        campaign=folder, out=out, only=(), templates=None, dot=None, today=dt.date.today()
    )
    with rerun.Recording(request) as recording:
        spec.read_text(encoding="utf-8")
    if during:  # another program's write: not this process's open()
        subprocess.run([sys.executable, "-c", f"open({str(spec)!r}, 'w').write('ab')"], check=True)
    recording.save(result or api.BuildResult(manifest=out / "manifest.json"), out, pdf=pdf)
    return rerun.unchanged(request)


def test_a_successful_run_is_recorded(tmp_path: Path) -> None:
    answer = _recorded(tmp_path)
    assert answer is not None and answer.manifest == tmp_path / "out" / "manifest.json"


def test_a_run_that_failed_or_asked_for_pdf_or_saw_a_file_change_leaves_no_record(
    tmp_path: Path,
) -> None:
    failed = api.BuildResult(failed=[("to-trinh.docx", "hỏng")])
    failed.manifest = tmp_path / "1" / "out" / "manifest.json"
    for name, case in [("1", {"result": failed}), ("2", {"pdf": True}), ("3", {"during": True})]:
        (tmp_path / name).mkdir()
        assert _recorded(tmp_path / name, **case) is None, name  # type: ignore[arg-type]
    # none was kept (a record of the third would not answer, the file is newer: not enough)
    assert not list((Path(os.environ["XDG_CACHE_HOME"]) / "thidua-docs").rglob("*.json"))


def test_two_builds_at_once_record_neither(tmp_path: Path) -> None:
    """Threads of the web desk: a recording sees every thread's files, so neither is complete."""
    one, two = (
        rerun.Request.of(
            campaign=tmp_path / name,
            out=None,
            only=(),
            templates=None,
            dot=None,
            today=dt.date.today(),
        )
        for name in ("a", "b")
    )
    with rerun.Recording(one) as first, rerun.Recording(two) as second:
        pass
    assert first.refused and second.refused


def test_an_unreadable_record_is_ignored(tmp_path: Path, counted: list[int]) -> None:
    campaign = campaign_copy(tmp_path)
    out = tmp_path / "out"
    api.build(campaign=campaign, out=out, workers=1)
    for record in (Path(os.environ["XDG_CACHE_HOME"]) / "thidua-docs" / "lan-chay").iterdir():
        record.write_text("{hỏng", encoding="utf-8")
    assert api.build(campaign=campaign, out=out, workers=1).ok
    assert len(counted) == 2
