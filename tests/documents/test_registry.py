"""The registry of document kinds: one module declares a kind, everything else follows."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from thidua_docs.documents import kinds as kinds_package
from thidua_docs.documents import registry
from thidua_docs.errors import InputError
from thidua_docs.inputs.campaign import load_campaign
from thidua_docs.inputs.dossier import load_dossier

from ..helpers import CAMPAIGNS

TODAY = dt.date(2025, 1, 15)

#: A whole new kind, as a developer would add it: one module.
GIAY_MOI = """
from pathlib import Path

from thidua_docs.documents.registry import DocumentKind, Job, Sources


def _jobs(sources: Sources) -> list[Job]:
    award = sources.dossier()
    return [
        Job(Path("giay-moi") / f"{a.slug}.docx", KIND.key, a.ten, KIND.template, {"ten": a.ten})
        for a in award.dossier.awardees
    ]


KIND = DocumentKind(
    key="giay_moi",
    title="Giấy mời dự lễ trao thưởng",
    short_title="Giấy mời",
    stage="ho_so",
    order=90,
    jobs=_jobs,
    template="giay_moi.docx",
    nd30="cong_van",
    folder="giay-moi",
)
"""


@pytest.fixture
def extra_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The kinds package with one more module in it."""
    folder = tmp_path / "more_kinds"
    folder.mkdir()
    (folder / "giay_moi.py").write_text(textwrap.dedent(GIAY_MOI), encoding="utf-8")
    monkeypatch.setattr(kinds_package, "__path__", [*kinds_package.__path__, str(folder)])
    registry.kinds.cache_clear()
    yield
    registry.kinds.cache_clear()


def test_a_new_module_is_a_new_kind_everywhere(extra_kind: None) -> None:
    assert "giay_moi" in registry.dossier_choices()
    assert registry.template_titles()["giay_moi.docx"] == "Giấy mời dự lễ trao thưởng"
    assert registry.short_titles()["giay_moi"] == "Giấy mời"
    assert registry.kind("giay_moi").administrative  # so `thidua check` looks at its folder
    assert "giay-moi" not in registry.certificate_folders()
    campaign = load_campaign(CAMPAIGNS / "bhxh-2024-nuoc-rut")
    sources = registry.Sources(campaign, load_dossier(campaign), TODAY)
    jobs = registry.dossier_jobs(sources, ("giay_moi",))
    assert [job.target.as_posix() for job in jobs][:2] == [
        "giay-moi/001-bao-hiem-xa-hoi-thanh-pho-ha-noi.docx",
        "giay-moi/002-bao-hiem-xa-hoi-tinh-bac-ninh.docx",
    ]


def test_without_it_nothing_knows_it() -> None:
    assert "giay_moi" not in registry.dossier_choices()
    with pytest.raises(
        InputError, match="Không có loại văn bản giay_moi; các loại: cong_van_phat_dong"
    ):
        registry.kind("giay_moi")


def test_dossier_kinds_come_in_the_order_they_declare() -> None:
    assert registry.dossier_choices() == (
        "to_trinh",
        "bien_ban",
        "quyet_dinh",
        "bao_cao",
        "bang_khen",
        "giay_khen",
        "in_phoi",
    )
    assert [k.key for k in registry.stage_kinds("phat_dong")] == ["cong_van_phat_dong", "ke_hoach"]


def test_unknown_only_is_refused_with_the_choices() -> None:
    campaign = load_campaign(CAMPAIGNS / "bhxh-2024-nuoc-rut")
    sources = registry.Sources(campaign, load_dossier(campaign), TODAY)
    with pytest.raises(InputError, match=r"Không có loại văn bản bang_khenn; các loại: to_trinh, "):
        registry.dossier_jobs(sources, ("bang_khenn",))


def test_launch_without_documents_names_the_parts(tmp_path: Path) -> None:
    campaign = load_campaign(CAMPAIGNS / "bhxh-2024-nuoc-rut")
    bare = campaign.__class__(
        campaign.folder,
        campaign.spec_file,
        campaign.profile_file,
        campaign.chien_dich.model_copy(update={"cong_van": None, "ke_hoach": None}),
        campaign.co_quan,
    )
    with pytest.raises(
        InputError, match=r"chưa khai báo văn bản phát động nào \(mục cong_van hoặc ke_hoach\)"
    ):
        registry.launch_jobs(registry.Sources(bare, None, TODAY))


def test_every_job_carries_its_documents_own_properties() -> None:
    campaign = load_campaign(CAMPAIGNS / "bhxh-2024-nuoc-rut")
    jobs = {
        job.target.as_posix(): job
        for job in registry.dossier_jobs(registry.Sources(campaign, load_dossier(campaign), TODAY))
    }
    decision = jobs["quyet-dinh.docx"].properties
    assert decision is not None
    assert decision.title.startswith("Quyết định khen thưởng: Về việc")
    assert (decision.creator, decision.created) == (
        "BẢO HIỂM XÃ HỘI VIỆT NAM",
        dt.date(2025, 1, 15),
    )
    report = jobs["bao-cao-thanh-tich/001-bao-hiem-xa-hoi-thanh-pho-ha-noi.docx"].properties
    assert report is not None and report.created is None  # a draft dated by its year only
    stock = jobs["bang-khen-in-phoi/001-bao-hiem-xa-hoi-thanh-pho-ha-noi.docx"].properties
    assert stock is not None and stock.created == dt.date(2025, 1, 15)  # its decision's date
    assert all(job.properties is not None for job in jobs.values())
