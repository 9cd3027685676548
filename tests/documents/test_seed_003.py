"""Seed 003 (the 2014–2020 movement, decimal numbering) reproduced word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua_docs import draft, load_campaign
from thidua_docs.cli import main

from ..helpers import CAMPAIGNS, SEEDS, nonempty_lines, normalise

SEED = SEEDS / "003_70477a41eb0d08aa.txt"
CAMPAIGN = CAMPAIGNS / "bhxh-2014-2020-nghi-quyet-21"


@pytest.fixture(scope="module")
def cong_van(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cong-van-003")
    (path,) = draft(campaign=load_campaign(CAMPAIGN), out=out).files
    return path


def seed_lines() -> list[str]:
    return [
        normalise(line) for line in SEED.read_text(encoding="utf-8").splitlines() if normalise(line)
    ]


def test_body_matches_seed_003_word_for_word(cong_van: Path) -> None:
    """From the opening paragraph to "…nghiêm túc tổ chức thực hiện văn bản này./.": every line."""
    expected = seed_lines()
    assert len(expected) == 49
    ours = nonempty_lines(cong_van)
    start = ours.index(expected[0])
    body = ours[start : start + len(expected)]
    for index, (mine, theirs) in enumerate(zip(body, expected, strict=True)):
        assert mine == theirs, f"dòng {index + 1} khác bản gốc"


@pytest.mark.parametrize(
    "line",
    [
        "1. Đối tượng của Phong trào thi đua",
        "4.1. Đối với toàn Ngành",
        "5.1.3. Đối với các Cụm thi đua",
        "5.3.3. Khen thưởng dịp tổng kết vào năm 2020",
    ],
    ids=["level-1", "level-2", "level-3", "last-decimal"],
)
def test_decimal_numbers_are_in_the_seed_and_in_ours(cong_van: Path, line: str) -> None:
    assert line in seed_lines()
    assert line in nonempty_lines(cong_van)


def test_header_is_a_draft_from_the_agency_profile(cong_van: Path) -> None:
    """The seed has no header: ours is a draft of BHXH Việt Nam, number and day left blank."""
    lines = nonempty_lines(cong_van)
    expected = seed_lines()
    header = lines[: lines.index(expected[0])]
    assert header[:6] == [
        "BẢO HIỂM XÃ HỘI VIỆT NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /BHXH-TĐKT",
        "Hà Nội, ngày tháng năm 2013",
        "V/v phát động Phong trào thi đua giai đoạn 2014 - 2020",
    ]
    assert "Nơi nhận:" in lines[lines.index(expected[-1]) :]


def test_passes_the_nd30_checker(cong_van: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(cong_van)]) == 0
    assert "Không có vi phạm thể thức" in capsys.readouterr().out


def test_rounds_are_declared_as_the_circular_says() -> None:
    """5.2: reviewed every year, a sơ kết at the end of 2015, a tổng kết at the end of 2020."""
    rounds = load_campaign(CAMPAIGN).chien_dich.dot
    yearly = [r.ma for r in rounds if r.ma.startswith("nam-")]
    assert yearly == [f"nam-{year}" for year in range(2014, 2021)]
    by_code = {r.ma: r for r in rounds}
    for code, end in (("so-ket-2015", "2015-12-31"), ("tong-ket-2020", "2020-12-31")):
        review = by_code[code]
        assert review.bat_dau is not None and review.bat_dau.isoformat() == "2014-01-01"
        assert review.ket_thuc is not None and review.ket_thuc.isoformat() == end
        assert review.thanh_tich and code.split("-")[-1] in review.thanh_tich
