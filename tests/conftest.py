from __future__ import annotations

from pathlib import Path

import pytest

from thidua_docs import draft, load_campaign

from .helpers import CAMPAIGNS


@pytest.fixture(scope="session")
def cong_van_2024(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The công văn of the 2024 example campaign (seed 000), rendered once for the session."""
    out = tmp_path_factory.mktemp("cong-van-2024")
    (path,) = draft(campaign=load_campaign(CAMPAIGNS / "bhxh-2024-nuoc-rut"), out=out).files
    return path


@pytest.fixture(scope="session")
def cong_van_2026(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The công văn of the 2026 draft example (new agency structure), rendered once."""
    out = tmp_path_factory.mktemp("cong-van-2026")
    (path,) = draft(campaign=load_campaign(CAMPAIGNS / "bhxh-2026-nuoc-rut"), out=out).files
    return path


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has its own cache folder (where `thidua build` keeps the record of its last run,
    output.rerun): no test answers from another's record, none writes into the user's home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
