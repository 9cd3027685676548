"""Reruns that know what changed: the manifest records each document's inputs (its key), so a
rerun renders only documents whose inputs changed; edited files are still detected and kept."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from thidua_docs.api import build

from ..helpers import TEMPLATES
from .test_build import campaign_copy


def rows(out: Path) -> dict[str, dict[str, str]]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tep"]
    return {row["tep"]: row for row in manifest}


def test_every_document_and_print_file_has_the_key_of_its_inputs(tmp_path: Path) -> None:
    campaign = campaign_copy(tmp_path)
    first = build(campaign=campaign, out=tmp_path / "out", workers=1)
    recorded = rows(tmp_path / "out")
    assert len(recorded) == len(first.written) > 20
    keys = [row["khoa"] for row in recorded.values()]
    assert all(len(key) == 64 for key in keys) and len(set(keys)) == len(keys)
    for name, row in recorded.items():
        assert row["sha256"] == hashlib.sha256((tmp_path / "out" / name).read_bytes()).hexdigest()
    again = build(campaign=campaign, out=tmp_path / "out", workers=1)
    assert again.written == [] and len(again.unchanged) == len(recorded)
    assert rows(tmp_path / "out") == recorded


def test_a_changed_template_renders_its_documents_again(tmp_path: Path) -> None:
    campaign = campaign_copy(tmp_path)
    office = tmp_path / "mau"
    office.mkdir()
    shutil.copy(TEMPLATES / "to_trinh.docx", office / "to_trinh.docx")
    out = tmp_path / "out"
    build(campaign=campaign, out=out, templates=office, workers=1)
    before = rows(out)
    # The same template saved again with other bytes (a zip comment): another input.
    data = (office / "to_trinh.docx").read_bytes()
    (office / "to_trinh.docx").write_bytes(data[:-2] + b"\x02\x00ok")
    again = build(campaign=campaign, out=out, templates=office, workers=1)
    after = rows(out)
    assert after["to-trinh.docx"]["khoa"] != before["to-trinh.docx"]["khoa"]
    assert [p.name for p in again.written] == []  # rendered again: the same bytes
    changed = {name for name in after if after[name]["khoa"] != before[name]["khoa"]}
    assert changed == {"to-trinh.docx"}


def test_a_changed_award_list_renders_only_what_it_changes(tmp_path: Path) -> None:
    campaign = campaign_copy(tmp_path)
    out = tmp_path / "out"
    build(campaign=campaign, out=out, workers=1)
    before = rows(out)
    spec = campaign / "khen-thuong.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("Trần Văn Nam", "Trần Văn Nam Anh"),
        encoding="utf-8",
    )
    again = build(campaign=campaign, out=out, workers=1)
    written = {p.relative_to(out).as_posix() for p in again.written}
    assert "bang-khen/005-tran-van-nam-anh.docx" in written
    assert "bao-cao-thanh-tich/001-bao-hiem-xa-hoi-thanh-pho-ha-noi.docx" not in written
    assert "danh-sach-kem-quyet-dinh.docx" in written and "in-an/bang-khen-tat-ca.docx" in written
    after = rows(out)
    assert (
        after["bang-khen/001-bao-hiem-xa-hoi-thanh-pho-ha-noi.docx"]
        == before["bang-khen/001-bao-hiem-xa-hoi-thanh-pho-ha-noi.docx"]
    )


def test_an_edited_document_is_kept_without_rendering_and_rewritten_with_force(
    tmp_path: Path,
) -> None:
    campaign = campaign_copy(tmp_path)
    out = tmp_path / "out"
    build(campaign=campaign, out=out, workers=1)
    edited = out / "quyet-dinh.docx"
    original = edited.read_bytes()
    edited.write_bytes(original + b"clerk")
    again = build(campaign=campaign, out=out, workers=1)
    assert again.kept == [edited] and edited.read_bytes() == original + b"clerk"
    assert rows(out)["quyet-dinh.docx"]["sha256"] == hashlib.sha256(original).hexdigest()
    forced = build(campaign=campaign, out=out, workers=1, force=True)
    assert edited in forced.written and edited.read_bytes() == original
