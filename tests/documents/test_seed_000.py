"""The 2024 example công văn reproduces seed 000 (4111/BHXH-TĐKT) word for word."""

from __future__ import annotations

import re
from pathlib import Path

from ..helpers import SEEDS, nonempty_lines, normalise

SEED = SEEDS / "000_847be4411f0ee8d6.txt"

# What the seed's text extraction did to the printed page, undone here and nowhere else:
# the signature/seal artefacts "*Mieu*" and "★", markdown emphasis marks, and the space the
# extraction put between the number and "/" ("Số: 4111 /BHXH-TĐKT").
ARTEFACTS = [(r"\*Mieu\*", ""), ("★", ""), (r"\*\*?", ""), (r"(\d) +/", r"\1/")]

# The seed's extraction lost the header block's first lines (agency name, Quốc hiệu, Tiêu ngữ);
# they are checked by the ND30 tests instead.
HEADER_LINES_NOT_IN_SEED = [
    "BẢO HIỂM XÃ HỘI VIỆT NAM",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
]


def seed_lines() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    for pattern, replacement in ARTEFACTS:
        text = re.sub(pattern, replacement, text)
    return [normalise(line) for line in text.splitlines() if normalise(line)]


def test_cong_van_matches_seed_000_word_for_word(cong_van_2024: Path) -> None:
    ours = nonempty_lines(cong_van_2024)
    assert ours[:3] == HEADER_LINES_NOT_IN_SEED
    ours = ours[3:]
    expected = seed_lines()
    assert len(expected) > 60  # the whole circular, not a fragment
    for index, (mine, theirs) in enumerate(zip(ours, expected, strict=False)):
        assert mine == theirs, f"dòng {index + 1} khác bản gốc"
    assert len(ours) == len(expected)


def test_seed_figures_are_in_the_document(cong_van_2024: Path) -> None:
    """Spot checks a reader would make: number, date, theme dates, signer."""
    text = "\n".join(nonempty_lines(cong_van_2024))
    for fragment in (
        "Số: 4111/BHXH-TĐKT",
        "Hà Nội, ngày 11 tháng 11 năm 2024",
        "(16/02/1995 - 16/02/2025)",
        "426.887 tỷ đồng (82,1% kế hoạch giao)",
        "KT. TỔNG GIÁM ĐỐC",
        "Chu Mạnh Sinh",
    ):
        assert fragment in text
