"""Nothing a disk, a second run or a kill can do hurts the office: every fault is a located
Vietnamese "Không ghi được …" (exit 1, no traceback), no half file is left under a final name,
nothing is written before the inputs and the output folder are checked, and the next run
completes. The faults are real: small tmpfs mounts (full, remounted read-only), a folder deleted
during the run, an immutable folder (chattr +i), a kernel lock held by another process, SIGKILL."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from thidua_docs.api import build
from thidua_docs.cli import main
from thidua_docs.errors import OutputError
from thidua_docs.files import LOCK_FILE
from thidua_docs.inputs.campaign import load_campaign
from thidua_docs.output.pdf import find_libreoffice

from .test_build import campaign_copy

as_root = pytest.mark.skipif(
    os.geteuid() != 0 and not os.environ.get("CI"),
    reason="cần quyền root để gắn tmpfs (CI chạy với quyền root)",
)


# ------------------------------------------------------------------ real faults


@contextlib.contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    """A real, small tmpfs mounted at ``where`` for the block."""
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def remount(where: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(where)], check=True)


def fill(where: Path) -> None:
    """Write into ``where`` until the disk is full."""
    with open(where / "dia-day.bin", "wb") as stream, contextlib.suppress(OSError):
        while True:
            stream.write(b"\0" * 65536)
            stream.flush()


@contextlib.contextmanager
def immutable(folder: Path) -> Iterator[Path]:
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=False)


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under ``root``, files with the SHA-256 of their bytes."""
    tree = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_dir():
            tree[key] = "thư mục"
        elif path.is_file():
            tree[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return tree


def assert_whole(out: Path) -> None:
    """No half file under a final name, no temporary left behind."""
    for path in out.rglob("*.docx"):
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None, path
    assert not [p for p in out.rglob("*.tmp") if p.name != "dia-day.bin"], list(out.rglob("*.tmp"))


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Lỗi nội bộ" not in err, err
    return code, err


# ------------------------------------------------------------------ check before write


Setup = Callable[[Path, Path], contextlib.AbstractContextManager[Path]]


@contextlib.contextmanager
def out_is_a_file(tmp_path: Path, campaign: Path) -> Iterator[Path]:
    target = tmp_path / "ho-so.docx"
    target.write_bytes(b"not a folder")
    yield target


@contextlib.contextmanager
def out_under_a_file(tmp_path: Path, campaign: Path) -> Iterator[Path]:
    blocker = tmp_path / "mot-tep"
    blocker.write_bytes(b"x")
    yield blocker / "ho-so"


@contextlib.contextmanager
def out_on_a_read_only_disk(tmp_path: Path, campaign: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "o-chi-doc", "1m") as disk:
        remount(disk, "ro")
        yield disk / "ho-so"


@contextlib.contextmanager
def out_in_a_locked_folder(tmp_path: Path, campaign: Path) -> Iterator[Path]:
    folder = tmp_path / "bi-khoa"
    folder.mkdir()
    with immutable(folder):
        yield folder / "ho-so"


REFUSED_OUT = [
    ("out-la-tep", out_is_a_file, "đó là một tệp, không phải thư mục"),
    ("out-trong-mot-tep", out_under_a_file, "là một tệp, không phải thư mục"),
    ("o-dia-chi-doc", out_on_a_read_only_disk, "ổ đĩa chỉ cho đọc"),
    ("thu-muc-bi-khoa", out_in_a_locked_folder, "không có quyền ghi"),
]
COMMANDS = [
    ("build", lambda c, o: ["build", str(c), "--out", str(o), "--jobs", "1"]),
    ("dossier", lambda c, o: ["dossier", str(c), "--out", str(o)]),
    ("draft", lambda c, o: ["draft", str(c), "--out", str(o)]),
    (
        "render",
        lambda c, o: [
            "render",
            str(c.parent / "mau.docx"),
            str(c / "khen-thuong.yaml"),
            "-o",
            str(o / "x.docx"),
        ],
    ),
]


@as_root
@pytest.mark.parametrize(
    ("setup", "words"), [(s, w) for _, s, w in REFUSED_OUT], ids=[i for i, _, _ in REFUSED_OUT]
)
@pytest.mark.parametrize("command", [c for _, c in COMMANDS], ids=[i for i, _ in COMMANDS])
def test_an_output_folder_that_cannot_be_written_is_refused_before_anything_is_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    setup: Setup,
    words: str,
    command: Callable[[Path, Path], list[str]],
) -> None:
    campaign = campaign_copy(tmp_path)
    shutil.copy(Path(__file__).parents[2] / "templates" / "quyet_dinh.docx", tmp_path / "mau.docx")
    with setup(tmp_path, campaign) as out:
        args = command(campaign, out)
        before = snapshot(tmp_path)
        code, err = run_cli(args, capsys)
        assert code == 1
        assert err.startswith("Lỗi: Không "), err
        assert words in err and str(out) in err
        assert snapshot(tmp_path) == before  # not even evaluate's files


@as_root
@pytest.mark.parametrize(
    "command", [["evaluate"], ["new", "--force"]], ids=["evaluate", "new-results"]
)
def test_a_campaign_folder_on_a_read_only_disk_is_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    source = campaign_copy(tmp_path)
    with tmpfs(tmp_path / "dia", "4m") as disk:
        shutil.copytree(source, disk / "c")
        shutil.copytree(tmp_path / "co-quan", disk / "co-quan")
        remount(disk, "ro")
        before = snapshot(disk)
        code, err = run_cli([command[0], str(disk / "c"), *command[1:]], capsys)
        assert code == 1
        assert f"Lỗi: Không ghi được vào thư mục {disk / 'c'}: ổ đĩa chỉ cho đọc" in err
        assert snapshot(disk) == before


# ------------------------------------------------------------------ disk faults mid-build


def fill_at(where: Path, at: int) -> Callable[[int, int], None]:
    def progress(done: int, total: int) -> None:
        if done == min(at, total):
            fill(where)

    return progress


def read_only_at(where: Path, at: int) -> Callable[[int, int], None]:
    def progress(done: int, total: int) -> None:
        if done == at:
            remount(where, "ro")

    return progress


def vanish_at(where: Path, at: int) -> Callable[[int, int], None]:
    def progress(done: int, total: int) -> None:
        if done == at:
            shutil.rmtree(where / "ho-so")

    return progress


MID_BUILD = [
    # id, fault, at which document, what the message says, build only these kinds
    ("day-giua-chung", fill_at, 5, "ổ đĩa đã đầy", ()),
    ("day-khi-gop-tep-in", fill_at, 10_000, "ổ đĩa đã đầy", ()),
    ("day-khi-ghi-danh-muc", fill_at, 10_000, "ổ đĩa đã đầy", ("quyet_dinh",)),
    ("chi-doc-giua-chung", read_only_at, 5, "ổ đĩa chỉ cho đọc", ()),
    ("thu-muc-bi-xoa", vanish_at, 5, "thư mục chứa nó không còn", ()),
]


@as_root
@pytest.mark.parametrize(
    ("fault", "at", "words", "only"),
    [row[1:] for row in MID_BUILD],
    ids=[row[0] for row in MID_BUILD],
)
def test_a_disk_fault_during_a_build_is_located_leaves_no_half_file_and_a_rerun_completes(
    tmp_path: Path,
    fault: Callable[[Path, int], Callable[[int, int], None]],
    at: int,
    words: str,
    only: tuple[str, ...],
) -> None:
    campaign = load_campaign(campaign_copy(tmp_path))
    with tmpfs(tmp_path / "dia", "8m") as disk:
        out = disk / "ho-so"
        with pytest.raises(OutputError) as raised:
            build(
                campaign=campaign,
                out=out,
                only=only,
                workers=1,
                progress=fault(disk, at),
            )
        message = raised.value.message
        assert message.startswith(("Không ghi được tệp ", "Không ghi được thư mục "))
        assert f"{out}/" in message and words in message, message
        if out.is_dir():
            assert_whole(out)
        remount(disk, "rw")
        (disk / "dia-day.bin").unlink(missing_ok=True)
        again = build(campaign=campaign, out=out, only=only, workers=1)
        assert again.ok and not again.kept
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tep"]
        for row in manifest:
            assert row["sha256"] == hashlib.sha256((out / row["tep"]).read_bytes()).hexdigest()
        assert_whole(out)


@as_root
def test_a_full_disk_is_a_located_message_from_the_command_and_a_rerun_completes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = campaign_copy(tmp_path)
    with tmpfs(tmp_path / "dia", "400k") as disk:
        out = disk / "ho-so"
        code, err = run_cli(["build", str(campaign), "--out", str(out), "--jobs", "1"], capsys)
        assert code == 1
        assert f"Lỗi: Không ghi được tệp {out}/" in err and "ổ đĩa đã đầy" in err, err
        assert_whole(out)
        remount(disk, "size=8m")
        code, _ = run_cli(["build", str(campaign), "--out", str(out), "--jobs", "1"], capsys)
        assert code == 0
        assert_whole(out)


@as_root
@pytest.mark.parametrize(
    ("command", "size"), [("draft", "20k"), ("dossier", "100k")], ids=["draft", "dossier"]
)
def test_a_full_disk_during_draft_or_dossier_takes_back_what_it_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, size: str
) -> None:
    campaign = campaign_copy(tmp_path)
    with tmpfs(tmp_path / "dia", size) as disk:
        out = disk / "ra"
        code, err = run_cli([command, str(campaign), "--out", str(out)], capsys)
        assert code == 1 and "Lỗi: Không ghi được tệp" in err and "ổ đĩa đã đầy" in err, err
        assert not [p for p in out.rglob("*") if p.is_file()]  # all or nothing
        remount(disk, "size=8m")
        assert run_cli([command, str(campaign), "--out", str(out)], capsys)[0] == 0


# ------------------------------------------------------------------ files a clerk edits


def edit_report(path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.worksheets[0]["A1"] = "Ghi chú của chuyên viên"
    book.save(path)


def edit_award_list(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["de_nghi"][0]["ca_nhan"] = data["de_nghi"][0]["ca_nhan"][:1]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


EDITED = [
    ("danh-gia-xlsx", "danh-gia.xlsx", edit_report, "Giữ bảng đánh giá đã sửa tay"),
    ("danh-sach-de-nghi", "danh-sach-de-nghi.yaml", edit_award_list, "Giữ danh sách đề nghị"),
]


@pytest.mark.parametrize(
    ("name", "edit", "note"), [row[1:] for row in EDITED], ids=[row[0] for row in EDITED]
)
def test_build_keeps_an_evaluation_file_the_clerk_edited_unless_forced(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    edit: Callable[[Path], None],
    note: str,
) -> None:
    campaign = campaign_copy(tmp_path)
    out = tmp_path / "ho-so"
    assert run_cli(["evaluate", str(campaign)], capsys)[0] == 0
    untouched = snapshot(campaign)
    assert run_cli(["build", str(campaign), "--out", str(out), "--jobs", "1"], capsys)[0] == 0
    edited = campaign / name
    edit(edited)
    before = edited.read_bytes()
    code = main(["build", str(campaign), "--out", str(out), "--jobs", "1"])
    printed = capsys.readouterr().out
    assert code == 0 and edited.read_bytes() == before
    assert f"{note}" in printed and str(edited) in printed
    assert main(["build", str(campaign), "--out", str(out), "--jobs", "1", "--force"]) == 0
    assert edited.read_bytes() != before
    assert set(snapshot(campaign)) == set(untouched)  # no file beside them but the record


def test_build_replaces_its_own_unedited_evaluation_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = campaign_copy(tmp_path)
    assert run_cli(["evaluate", str(campaign)], capsys)[0] == 0
    code = main(["build", str(campaign), "--out", str(tmp_path / "ho-so"), "--jobs", "1"])
    printed = capsys.readouterr().out
    assert code == 0 and "Đã lập danh sách đề nghị từ kết quả" in printed
    assert "Giữ" not in printed


def test_evaluate_still_refuses_existing_files_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = campaign_copy(tmp_path)
    assert run_cli(["evaluate", str(campaign)], capsys)[0] == 0
    before = snapshot(tmp_path)
    code, err = run_cli(["evaluate", str(campaign)], capsys)
    assert code == 1 and f"Lỗi: Tệp {campaign / 'danh-gia.xlsx'} đã có; không ghi đè" in err
    assert snapshot(tmp_path) == before


# ------------------------------------------------------------------ a second run, a kill


def test_a_second_build_on_a_locked_folder_is_refused_and_the_lock_dies_with_its_holder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = campaign_copy(tmp_path)
    out = tmp_path / "ho-so"
    out.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"h = os.open({str(out / LOCK_FILE)!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(h, fcntl.LOCK_EX)\nprint('ok', flush=True)\ntime.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ok\n"
        before = snapshot(tmp_path)
        code, err = run_cli(["build", str(campaign), "--out", str(out), "--jobs", "1"], capsys)
        assert code == 1
        assert f"Lỗi: Thư mục {out} đang được một lần soạn khác ghi; chờ xong rồi chạy lại." in err
        assert snapshot(tmp_path) == before  # not even danh-gia.xlsx
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert run_cli(["build", str(campaign), "--out", str(out), "--jobs", "1"], capsys)[0] == 0


def large_campaign(tmp_path: Path, people: int = 600) -> Path:
    """The 2017 campaign with an award list of ``people`` individuals (one certificate each)."""
    folder = campaign_copy(tmp_path, "bhxh-2017-giam-no")
    assert main(["evaluate", str(folder)]) == 0
    path = folder / "danh-sach-de-nghi.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    form = data["de_nghi"][0]
    first = form["ca_nhan"][0]
    form["ca_nhan"] = [{**first, "ho_ten": f"Nguyễn Văn Số {n}"} for n in range(1, people + 1)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def descendants(pid: int) -> set[int]:
    """Every process below ``pid``, from /proc (psutil is not installed)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie does no work


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_a_build_kills_its_workers_releases_the_lock_and_a_rerun_completes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = large_campaign(tmp_path)
    capsys.readouterr()
    out = tmp_path / "ho-so"
    command = [sys.executable, "-m", "thidua_docs", "build", str(folder), "--out", str(out)]
    process = subprocess.Popen(
        [*command, "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (len(workers) < 2 or len(list(out.rglob("*.docx"))) < 20):
        workers |= descendants(process.pid)
        time.sleep(0.02)
    assert len(workers) >= 2, "the build did not start its workers"
    assert process.poll() is None, "the build finished before it could be killed"
    # A second build while the first runs is refused, writing nothing.
    code, err = run_cli(["build", str(folder), "--out", str(out), "--jobs", "1"], capsys)
    assert code == 1 and "đang được một lần soạn khác ghi" in err
    process.send_signal(signal.SIGKILL)
    process.wait()
    time.sleep(2)
    assert not [pid for pid in workers if alive(pid)], "workers outlived the killed build"
    for path in out.rglob("*.docx"):
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None
    assert run_cli([*command[3:], "--jobs", "2"], capsys)[0] == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tep"]
    assert len(manifest) == len(list(out.rglob("*.docx"))) > 600
    assert not list(out.rglob(".*.tmp"))


@as_root
@pytest.mark.skipif(find_libreoffice() is None and not os.environ.get("CI"), reason="LibreOffice")
def test_a_full_disk_during_the_pdfs_leaves_no_half_pdf_and_a_rerun_completes(
    tmp_path: Path,
) -> None:
    campaign = load_campaign(campaign_copy(tmp_path))
    with tmpfs(tmp_path / "dia", "8m") as disk:
        out = disk / "ho-so"
        kinds = ("quyet_dinh",)
        with pytest.raises(OutputError) as raised:
            build(
                campaign=campaign,
                out=out,
                only=kinds,
                pdf=True,
                workers=1,
                progress=fill_at(disk, 2),
            )
        assert (
            raised.value.message.startswith("Không ghi được tệp ")
            and "ổ đĩa đã đầy" in raised.value.message
        )
        assert not list(out.rglob("*.pdf")) and not list(out.rglob(".pdf.*"))
        (disk / "dia-day.bin").unlink()
        again = build(campaign=campaign, out=out, only=kinds, pdf=True, workers=1)
        assert again.ok and len(again.pdfs) == 2, again.pdf_error
        assert all(p.read_bytes().startswith(b"%PDF") for p in again.pdfs)
