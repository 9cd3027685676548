"""The plan (Kế hoạch) of seed 004 reproduced word for word, a draft with blank number and date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thidua_docs import draft, load_campaign

from ..helpers import CAMPAIGNS, SEEDS, body_paragraphs

SEED = SEEDS / "004_a8da208c2798b0d8.txt"


@pytest.fixture(scope="module")
def ke_hoach(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ke-hoach")
    (path,) = draft(campaign=load_campaign(CAMPAIGNS / "bhxh-2024-ke-hoach-co-quan"), out=out).files
    return path


def squeeze(text: str) -> str:
    """The seed is a PDF extraction wrapped mid-sentence: compare the characters, not the spacing."""
    return re.sub(r"\s+", "", text)


def test_body_matches_seed_004_word_for_word(ke_hoach: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    expected = seed[seed.index("KẾ HOẠCH") :]
    ours = "\n".join(body_paragraphs(ke_hoach))
    ours = ours[ours.index("KẾ HOẠCH") :]
    assert len(squeeze(expected)) > 8000
    assert squeeze(ours) == squeeze(expected)


def test_words_keep_their_spaces(ke_hoach: Path) -> None:
    """Word boundaries too: every seed line's words appear, in order, in our text."""
    seed = SEED.read_text(encoding="utf-8")
    seed_words = " ".join(seed[seed.index("KẾ HOẠCH") :].split())
    ours = " ".join(" ".join(body_paragraphs(ke_hoach)).split())
    # the seed's line wraps fall inside "40/BHXH-\\nTĐKT"; elsewhere a wrap is a space
    seed_words = seed_words.replace("40/BHXH- TĐKT", "40/BHXH-TĐKT")
    assert ours[ours.index("KẾ HOẠCH") :] == seed_words


@pytest.mark.parametrize(
    "line",
    [
        "BẢO HIỂM XÃ HỘI VIỆT NAM",
        "Số:         /KH-BHXH",
        "Hà Nội, ngày      tháng     năm 2024",
        "Độc lập - Tự do - Hạnh phúc",
    ],
)
def test_header_lines_as_in_the_seed(ke_hoach: Path, line: str) -> None:
    assert line in SEED.read_text(encoding="utf-8")
    assert line in body_paragraphs(ke_hoach)


def test_quoc_hieu_uses_the_nd30_spelling(ke_hoach: Path) -> None:
    """The seed writes "CỘNG HOÀ" (old tone placement); ND30's own text writes "CỘNG HÒA"."""
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in SEED.read_text(encoding="utf-8")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body_paragraphs(ke_hoach)
