"""The front-door functions the desk calls, and `thidua web` on the command line."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from thidua_docs import api
from thidua_docs.cli.main import main
from thidua_docs.errors import InputError, OutputError

from .conftest import CAMPAIGN, tree


def test_states_follow_the_work(folder: Path) -> None:
    def state() -> api.CampaignState:
        return next(s for s in api.campaigns(folder=folder) if s.name == CAMPAIGN)

    assert (state().spec_ok, state().results_in, state().evaluated, state().built) == (
        True, True, False, False,
    )  # fmt: skip
    api.evaluate(campaign=folder / CAMPAIGN)
    assert state().evaluated and not state().built
    api.build(campaign=folder / CAMPAIGN, workers=1)
    assert state().built
    (folder / CAMPAIGN / "chien-dich.yaml").write_text("ten: [\n", encoding="utf-8")
    broken = state()
    assert (
        not broken.spec_ok and broken.first_problem and "chien-dich.yaml:" in broken.first_problem
    )


def test_campaigns_of_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Không tìm thấy thư mục chiến dịch"):
        api.campaigns(folder=tmp_path / "khong-co")


def test_save_spec_refuses_an_edit_made_meanwhile(folder: Path) -> None:
    spec = api.read_spec(campaign=folder / CAMPAIGN)
    spec.file.write_text(spec.text + "# trên đĩa\n", encoding="utf-8")
    with pytest.raises(OutputError, match="đã được sửa trên đĩa"):
        api.save_spec(campaign=folder / CAMPAIGN, text=spec.text + "# x\n", base_sha256=spec.sha256)
    assert spec.file.read_text(encoding="utf-8").endswith("# trên đĩa\n")


def test_a_yaml_error_is_located_at_its_line(folder: Path) -> None:
    spec = api.read_spec(campaign=folder / CAMPAIGN)
    result = api.save_spec(
        campaign=folder / CAMPAIGN, text="ten: x\nthoi_gian: [\n", base_sha256=spec.sha256
    )
    assert not result.saved
    assert [(Path(p.file).name, p.line) for p in result.problems] == [("chien-dich.yaml", 3)]


def test_pack_dossier_refuses_a_manifest_pointing_outside(folder: Path) -> None:
    api.build(campaign=folder / CAMPAIGN, workers=1)
    manifest = folder / CAMPAIGN / "ho-so" / "manifest.json"
    rows = json.loads(manifest.read_text(encoding="utf-8"))
    rows["tep"].append(
        {"tep": "../../co-quan/bhxh-viet-nam-2024.yaml", "loai": "x", "doi_tuong": "", "sha256": ""}
    )
    manifest.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(InputError, match="nằm ngoài thư mục hồ sơ"):
        api.pack_dossier(campaign=folder / CAMPAIGN)


# ------------------------------------------------------------------ thidua web


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--them-tai-khoan", "tên có dấu cách"], 2, "Tên tài khoản"),
        (["--them-tai-khoan", "lan", "--vai-tro", "admin"], 2, "admin"),
        (["--host", "0.0.0.0", "--port", "1"], 2, "chưa có tài khoản nào"),
        (["--port", "70000"], 2, "từ 1 đến 65535"),
    ],
)
def test_web_refuses_in_the_clerks_words(
    folder: Path,
    args: list[str],
    code: int,
    words: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("THIDUA_MAT_KHAU", "mat-khau-du-dai")
    before = tree(folder)
    assert main(["web", str(folder), *args]) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert tree(folder) == before


def test_a_short_password_is_refused(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THIDUA_MAT_KHAU", "ngan")
    assert main(["web", str(folder), "--them-tai-khoan", "lan"]) == 2
    assert "ít nhất 8 ký tự" in capsys.readouterr().err
    assert not (folder / ".thidua-tai-khoan.json").exists()


def test_a_port_in_use_is_one_sentence(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["web", str(folder), "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"Cổng {port} trên 127.0.0.1 đang được một chương trình khác dùng" in err
