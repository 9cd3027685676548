"""Generates the example results workbooks of the bundled campaigns, reproducibly (seeded).

    python tools/generate_results.py              # rewrites campaigns/*/ket-qua.xlsx

The figures are invented but plausible (63 provinces, headcounts, plan completion around 100%);
the same seed always gives the same workbook values, which a test checks.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thidua_docs.results import PEOPLE_HEADERS, header  # noqa: E402
from thidua_docs.spec import load_campaign  # noqa: E402

PROVINCES = [
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "An Giang", "Bà Rịa - Vũng Tàu",
    "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước",
    "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp",
    "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
    "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
    "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
    "Vĩnh Phúc", "Yên Bái",
]
CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Đức", "Thu", "Minh", "Ngọc", "Hữu", "Thanh", "Quang", "Hồng"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hùng", "Lan", "Long", "Mai", "Nam",
         "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"]
POSTS = ["Giám đốc", "Phó Giám đốc", "Trưởng phòng Quản lý thu", "Phó Trưởng phòng Quản lý thu",
         "Trưởng phòng Khai thác và thu nợ", "Giám đốc BHXH huyện", "Chuyên viên", "Chuyên viên chính"]


def unit_name(province: str) -> str:
    return f"Bảo hiểm xã hội {'thành phố' if province in CITIES else 'tỉnh'} {province}"


def figures(rng: random.Random) -> dict[str, float | int]:
    plan_bhxh = rng.randrange(40_000, 1_800_000, 10)
    plan_bhyt = plan_bhxh * rng.randrange(4, 9)
    target_debt = round(rng.uniform(1.8, 3.2), 2)
    return {
        "ke_hoach_bhxh": plan_bhxh,
        "so_nguoi_bhxh": round(plan_bhxh * rng.uniform(0.95, 1.08)),
        "ke_hoach_bhyt": plan_bhyt,
        "so_nguoi_bhyt": round(plan_bhyt * rng.uniform(0.97, 1.04)),
        "chi_tieu_no": target_debt,
        "ty_le_no": round(target_debt * rng.uniform(0.7, 1.25), 2),
        "tang_3_thang_cuoi": round(rng.uniform(0.5, 6.0), 1),
        "tang_cung_ky": round(rng.uniform(1.0, 12.0), 1),
        "bien_che": rng.randrange(90, 1300),
    }


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def write(campaign_dir: Path, seed: int) -> Path:
    from openpyxl import load_workbook

    from thidua_docs.results import write_results_template

    campaign = load_campaign(campaign_dir)
    rules = campaign.chien_dich.danh_gia
    assert rules is not None
    target = campaign_dir / rules.ket_qua
    write_results_template(target, rules, force=True)
    book = load_workbook(target)
    rng = random.Random(seed)
    for group in rules.nhom:
        sheet = book[group.ten[:31]]
        titles = [str(c.value) for c in sheet[1]]
        for province in PROVINCES:
            values = figures(rng)
            row = [unit_name(province)]
            for metric in group.chi_so:
                assert header(metric.ten, metric.don_vi) in titles
                row.append(values.get(metric.ma, round(rng.uniform(90, 110), 1)))
            sheet.append(row)
    people = book["Cá nhân"]
    assert [c.value for c in people[1]] == list(PEOPLE_HEADERS.values())
    for province in PROVINCES:
        for order in range(1, rng.randrange(4, 8)):
            people.append([person(rng), rng.choice(POSTS), unit_name(province), order])
    book.save(target)
    return target


EXAMPLES = {"bhxh-2017-giam-no": 2017}


def main() -> int:
    for name, seed in EXAMPLES.items():
        print(f"đã tạo {write(ROOT / 'campaigns' / name, seed).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
