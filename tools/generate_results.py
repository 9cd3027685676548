"""Generates the example results workbooks of the bundled campaigns, reproducibly (seeded).

    python tools/generate_results.py              # rewrites campaigns/*/ket-qua.xlsx
    python tools/generate_results.py DIR SEED     # one campaign folder

The figures are invented but plausible (63 provinces, headcounts, plan completion around 100%);
the same seed always gives the same workbook values, which a test checks.

A campaign with rounds (dot) gets one workbook per round, in the round's folder: the
provinces' plans, targets and headcounts are the same in every round (drawn once from the seed),
and the cumulative results grow with the round's quarter (about 47% of the year's plan at the end
of quarter II, 73% at quarter III, 101% at quarter IV), so each round's thresholds really decide.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thidua_docs.inputs.campaign import load_campaign  # noqa: E402
from thidua_docs.inputs.results import PEOPLE_HEADERS, header  # noqa: E402
from thidua_docs.schema import DanhGia  # noqa: E402

PROVINCES = [
    "Hà Nội",
    "Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
]
CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Đức", "Thu", "Minh", "Ngọc", "Hữu", "Thanh", "Quang", "Hồng"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hằng",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
]
POSTS = [
    "Giám đốc",
    "Phó Giám đốc",
    "Trưởng phòng Quản lý thu",
    "Phó Trưởng phòng Quản lý thu",
    "Trưởng phòng Khai thác và thu nợ",
    "Giám đốc BHXH huyện",
    "Chuyên viên",
    "Chuyên viên chính",
]


def unit_name(province: str) -> str:
    return f"Bảo hiểm xã hội {'thành phố' if province in CITIES else 'tỉnh'} {province}"


#: The share of the year's plan reached, cumulatively, at the end of each quarter (on average).
QUARTER_SHARE = {"q1": 0.22, "q2": 0.47, "q3": 0.73, "q4": 1.01}


def figures(
    rng: random.Random,
    codes: list[str],
    share: float = 1.0,
    base: dict[str, float | int] | None = None,
) -> dict[str, float | int]:
    """Plausible values by the metric codes' naming: ke_hoach_X (plan) and so_nguoi_X / so_thu
    (result around the plan), chi_tieu_X (target %) and ty_le_X (result % around the target),
    bien_che (headcount), anything else a growth percentage."""
    values: dict[str, float | int] = dict(base or {})
    for code in codes:
        if code in values:
            continue
        if code.startswith("ke_hoach_"):
            values[code] = rng.randrange(40_000, 1_800_000, 10)
        elif code.startswith("chi_tieu_"):
            values[code] = round(rng.uniform(1.8, 3.2), 2)
        elif code == "bien_che":
            values[code] = rng.randrange(90, 1300)
    for code in codes:
        if code in values:
            continue
        plan = next(
            (
                values[c]
                for c in values
                if c.startswith("ke_hoach_") and c.endswith(code.split("_", 2)[-1])
            ),
            None,
        )
        target = next(
            (
                values[c]
                for c in values
                if c.startswith("chi_tieu_") and c.endswith(code.split("_", 2)[-1])
            ),
            None,
        )
        if code.startswith("so_") and plan is not None:
            values[code] = round(plan * share * rng.uniform(0.95, 1.08))
        elif code.startswith("ty_le_") and target is not None:
            values[code] = round(float(target) * rng.uniform(0.7, 1.25), 2)
        else:
            values[code] = round(rng.uniform(0.5, 12.0), 1)
    return values


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def write(campaign_dir: Path, seed: int) -> Path:
    """The example workbook of a campaign without rounds (returns its path)."""
    campaign = load_campaign(campaign_dir)
    rules = campaign.chien_dich.danh_gia
    assert rules is not None and not rules.dot
    return _write(campaign_dir / rules.ket_qua, rules, random.Random(seed))


def write_rounds(campaign_dir: Path, seed: int) -> list[Path]:
    """One workbook per round of a campaign with rounds, in each round's folder."""
    campaign = load_campaign(campaign_dir)
    rules = campaign.chien_dich.danh_gia
    assert rules is not None and rules.dot
    stable = random.Random(seed)  # plans, targets, headcounts: one draw for every round
    base = {
        group.ma: [
            {
                k: v
                for k, v in figures(stable, [m.ma for m in group.chi_so]).items()
                if k.startswith(("ke_hoach_", "chi_tieu_")) or k == "bien_che"
            }
            for _ in PROVINCES
        ]
        for group in rules.nhom
    }
    written = []
    for index, round_ in enumerate(rules.dot, start=1):
        applied = rules.for_round(round_)
        target = campaign_dir / round_.folder / applied.ket_qua
        target.parent.mkdir(parents=True, exist_ok=True)
        written.append(
            _write(
                target,
                applied,
                random.Random(seed * 100 + index),
                QUARTER_SHARE[round_.ky],
                base,
            )
        )
    return written


def _write(
    target: Path,
    rules: DanhGia,
    rng: random.Random,
    share: float = 1.0,
    base: dict[str, list[dict[str, float | int]]] | None = None,
) -> Path:
    from openpyxl import load_workbook

    from thidua_docs.inputs.results import write_results_template

    write_results_template(target, rules, force=True)
    book = load_workbook(target)
    for group in rules.nhom:
        sheet = book[group.ten[:31]]
        titles = [str(c.value) for c in sheet[1]]
        codes = [metric.ma for metric in group.chi_so]
        for p, province in enumerate(PROVINCES):
            values = figures(rng, codes, share, base[group.ma][p] if base else None)
            row: list[object] = [unit_name(province)]
            for metric in group.chi_so:
                assert header(metric.ten, metric.don_vi) in titles
                row.append(values[metric.ma])
            sheet.append(row)
    people = book["Cá nhân"]
    assert [c.value for c in people[1]] == list(PEOPLE_HEADERS.values())
    for province in PROVINCES:
        for order in range(1, rng.randrange(4, 8)):
            people.append([person(rng), rng.choice(POSTS), unit_name(province), order])
    book.save(target)
    return target


EXAMPLES = {"bhxh-2017-giam-no": 2017, "bhxh-2024-nuoc-rut": 2024, "bhxh-2026-thi-dua-quy": 2026}


def main(argv: list[str]) -> int:
    """No arguments: every bundled example. Or: CAMPAIGN_DIR SEED for one campaign."""
    jobs = (
        [(Path(argv[0]), int(argv[1]))]
        if argv
        else [(ROOT / "campaigns" / n, s) for n, s in EXAMPLES.items()]
    )
    for folder, seed in jobs:
        rules = load_campaign(folder).chien_dich.danh_gia
        for path in write_rounds(folder, seed) if rules and rules.dot else [write(folder, seed)]:
            print(f"đã tạo {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
