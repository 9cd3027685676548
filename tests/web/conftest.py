"""A copy of the example campaigns for every test of the desk, and a test client over it."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from thidua_docs.web import create_app

from ..helpers import CAMPAIGNS

CAMPAIGN = "bhxh-2024-nuoc-rut"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "campaigns"
    shutil.copytree(CAMPAIGNS, target)
    return target


@pytest.fixture
def client(folder: Path) -> Iterator[TestClient]:
    with TestClient(create_app(folder), raise_server_exceptions=False) as test_client:
        yield test_client


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its SHA-256: 'nothing written' is this, unchanged."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def token(client: TestClient, url: str = f"/c/{CAMPAIGN}/sua") -> str:
    """The session's CSRF token, as a page's forms carry it."""
    import re

    page = client.get(url).text
    found = re.search(r'name="_csrf" value="([^"]+)"', page)
    assert found, page
    return found.group(1)
