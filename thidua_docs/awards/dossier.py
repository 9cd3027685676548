"""The award list computed once: line numbers, money per awardee, totals per kind and overall.

Every dossier document (Tờ trình, Biên bản, Quyết định, Danh sách, Bằng khen) takes its figures
from one ``Dossier``, so a total cannot differ between two documents, and each total is the sum
of its line items by construction.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from thidua_docs.awards.money import MucLuongCoSo, by_coefficient
from thidua_docs.diagnostics import LineMap, Problem, display_path
from thidua_docs.errors import InputError, SpecError
from thidua_docs.formatting import so
from thidua_docs.schema import (
    CaNhanDeNghi,
    HinhThucDeNghi,
    HoSoKhenThuong,
    TapTheDeNghi,
    TienThuong,
)


@dataclass(frozen=True)
class Awardee:
    """One line of the list: a collective (``tap_the``) or an individual."""

    stt: int  # number within its group (tập thể / cá nhân) of its award kind
    so_thu_tu: int  # number across the whole dossier, for file names: 001, 002 …
    tap_the: bool
    ten: str
    chuc_vu: str
    don_vi: str
    bien_che: int | None
    tien: int
    muc_thuong: str  # the rule as printed: "130.000/người", "5.000.000", "1,5 × 2.340.000"
    thanh_tich: str
    hinh_thuc: str
    phieu_dong_y: int | None
    loai_khen_thuong: str | None = None  # as khen-thuong.yaml states it; None: not stated

    @property
    def slug(self) -> str:
        return f"{self.so_thu_tu:03d}-{slugify(self.ten)}"


@dataclass(frozen=True)
class AwardGroup:
    """One award kind with its collectives and individuals and their totals."""

    hinh_thuc: str
    thanh_tich: str
    tap_the: list[Awardee]
    ca_nhan: list[Awardee]

    @property
    def tong_tap_the(self) -> int:
        return sum(a.tien for a in self.tap_the)

    @property
    def tong_ca_nhan(self) -> int:
        return sum(a.tien for a in self.ca_nhan)

    @property
    def tong_tien(self) -> int:
        return self.tong_tap_the + self.tong_ca_nhan

    @property
    def tong_bien_che(self) -> int:
        return sum(a.bien_che or 0 for a in self.tap_the)


@dataclass(frozen=True)
class Dossier:
    groups: list[AwardGroup] = field(default_factory=list)

    @property
    def awardees(self) -> list[Awardee]:
        return [a for g in self.groups for a in (*g.tap_the, *g.ca_nhan)]

    @property
    def so_tap_the(self) -> int:
        return sum(len(g.tap_the) for g in self.groups)

    @property
    def so_ca_nhan(self) -> int:
        return sum(len(g.ca_nhan) for g in self.groups)

    @property
    def tong_tien(self) -> int:
        return sum(g.tong_tien for g in self.groups)


class MoneyError(InputError):
    """An amount cannot be computed from the list as given (no headcount, no decision date)."""


def slugify(text: str, limit: int = 60) -> str:
    """A file-name part from Vietnamese text: "Đội Thu & Sổ <1>" → "doi-thu-so-1"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "khong-ten"


def _amount(
    rule: TienThuong, headcount: int | None, on: dt.date | None, table: list[MucLuongCoSo]
) -> tuple[int, str]:
    """Money for one awardee and the rule as printed in the list."""
    if rule.co_dinh is not None:
        return rule.co_dinh, so(rule.co_dinh)
    if rule.moi_nguoi is not None:
        if headcount is None:  # money_problems reports it with its line when the file is loaded
            raise MoneyError("tiền thưởng tính theo người cần biên chế (bien_che) của tập thể")
        return rule.moi_nguoi * headcount, f"{so(rule.moi_nguoi)}/người"
    if rule.he_so is None or on is None:
        raise MoneyError("tiền thưởng theo hệ số cần ngày ký quyết định (quyet_dinh › ngay)")
    amount = by_coefficient(rule.he_so, on, table)
    return amount, f"{so(rule.he_so)} × mức lương cơ sở"


def proposals(
    ho_so: HoSoKhenThuong,
) -> Iterator[tuple[tuple[str | int, ...], HinhThucDeNghi, TapTheDeNghi | CaNhanDeNghi]]:
    """Every proposed collective and individual with its key path in khen-thuong.yaml and its kind."""
    for k, kind in enumerate(ho_so.de_nghi):
        units: list[TapTheDeNghi | CaNhanDeNghi] = list(kind.tap_the)
        people: list[TapTheDeNghi | CaNhanDeNghi] = list(kind.ca_nhan)
        for group, items in (("tap_the", units), ("ca_nhan", people)):
            for i, item in enumerate(items):
                yield ("de_nghi", k, group, i), kind, item


def money_problems(ho_so: HoSoKhenThuong, on: dt.date | None, lines: LineMap) -> list[Problem]:
    """What prevents computing the money: a per-head rule without headcount, a coefficient without date."""
    problems = []
    for path, kind, item in proposals(ho_so):
        rule = _rule(kind, item)
        where = display_path(path)
        group = path[2]
        if rule is None:
            problems.append(
                Problem(
                    lines.file,
                    lines.line(path),
                    where,
                    f"chưa có cách tính tiền thưởng (tien_thuong ở đây hoặc tien_thuong_{group} của hình thức)",
                )
            )
        elif rule.moi_nguoi is not None and getattr(item, "bien_che", None) is None:
            problems.append(
                Problem(
                    lines.file,
                    lines.line(path),
                    where,
                    "tiền thưởng tính theo người cần bien_che (số người theo biên chế)",
                )
            )
        elif rule.he_so is not None and on is None:
            problems.append(
                Problem(
                    lines.file,
                    lines.line(path),
                    where,
                    "tiền thưởng theo hệ số cần ngày ký quyết định (quyet_dinh › ngay) "
                    "hoặc quyet_dinh › ngay_tinh_tien",
                )
            )
        else:
            problems += _zero_money(path, kind, item, rule, lines)
    return problems


def _rule_path(
    path: tuple[str | int, ...], item: TapTheDeNghi | CaNhanDeNghi
) -> tuple[str | int, ...]:
    """Where the awardee's money rule is written: its own tien_thuong, or its kind's default."""
    if item.tien_thuong is not None:
        return (*path, "tien_thuong")
    return (*path[:2], f"tien_thuong_{path[2]}")


def _zero_money(
    path: tuple[str | int, ...],
    kind: HinhThucDeNghi,
    item: TapTheDeNghi | CaNhanDeNghi,
    rule: TienThuong,
    lines: LineMap,
) -> list[Problem]:
    """A rule that pays an awardee 0 đồng: a decision would print "0 đồng" and pay nothing."""
    rule_path = _rule_path(path, item)
    headcount = getattr(item, "bien_che", None)
    if rule.co_dinh == 0:
        at, fix = (*rule_path, "co_dinh"), "số tiền thưởng"
        why = "tiền thưởng cố định co_dinh là 0"
    elif rule.moi_nguoi == 0:
        at, fix = (*rule_path, "moi_nguoi"), "mức thưởng mỗi người"
        why = "mức thưởng mỗi người moi_nguoi là 0"
    elif rule.moi_nguoi is not None and headcount == 0:
        at, fix = (*path, "bien_che"), "số người theo biên chế (bien_che)"
        why = f"{so(rule.moi_nguoi)} đồng/người × biên chế 0 người"
    else:
        return []
    name = item.ten if isinstance(item, TapTheDeNghi) else item.ho_ten
    return [
        Problem(
            lines.file,
            lines.line(at),
            display_path(at),
            f"tiền thưởng của {name} bằng 0 đồng ({why}); quyết định không thể thưởng 0 đồng: "
            f"hãy ghi đúng {fix} hoặc bỏ khỏi danh sách",
            "0",
        )
    ]


def list_problems(
    ho_so: HoSoKhenThuong, lines: LineMap, units_only: str | None = None
) -> list[Problem]:
    """The award list's own rules: somebody is on it, and, when ``units_only`` names the rule
    that says so, every individual belongs to an awarded collective (``don_vi`` is the ``ten`` of
    a collective of the list, in any award kind)."""
    if not any(kind.tap_the or kind.ca_nhan for kind in ho_so.de_nghi):
        return [
            Problem(
                lines.file,
                lines.line(("de_nghi",)),
                "de_nghi",
                "danh sách đề nghị chưa có tập thể hay cá nhân nào (tap_the, ca_nhan trống ở mọi "
                "hình thức khen thưởng); không có ai để khen thưởng",
            )
        ]
    if units_only is None:
        return []
    units = {_name_key(unit.ten): unit.ten for kind in ho_so.de_nghi for unit in kind.tap_the}
    names = list(units.values())
    listed = "; ".join(names[:10]) + (
        f" và {len(names) - 10} tập thể khác" if len(names) > 10 else ""
    )
    listed = f"các tập thể: {listed}" if names else "danh sách chưa có tập thể nào"
    problems = []
    for path, _, item in proposals(ho_so):
        if isinstance(item, CaNhanDeNghi) and _name_key(item.don_vi) not in units:
            at = (*path, "don_vi")
            problems.append(
                Problem(
                    lines.file,
                    lines.line(at),
                    display_path(at),
                    f"đơn vị không có trong danh sách tập thể được khen thưởng ({listed}); "
                    f"cá nhân chỉ được chọn từ tập thể được khen thưởng theo {units_only}",
                    repr(item.don_vi),
                )
            )
    return problems


def _name_key(name: str) -> str:
    """Two spellings of one name match: NFC, case, spacing (as the evaluation matches them)."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _rule(kind: HinhThucDeNghi, item: TapTheDeNghi | CaNhanDeNghi) -> TienThuong | None:
    default = (
        kind.tien_thuong_tap_the if isinstance(item, TapTheDeNghi) else kind.tien_thuong_ca_nhan
    )
    return item.tien_thuong or default


def compute(ho_so: HoSoKhenThuong, on: dt.date | None, table: list[MucLuongCoSo]) -> Dossier:
    """The award list with every amount computed; ``on`` is the decision date for coefficient rules."""
    groups = []
    counter = 0
    for kind in ho_so.de_nghi:
        tap_the, ca_nhan = [], []
        for index, unit in enumerate(kind.tap_the, start=1):
            counter += 1
            rule = _rule(kind, unit)
            if rule is None:
                raise SpecError(
                    [Problem("khen-thuong.yaml", None, unit.ten, "chưa có cách tính tiền thưởng")]
                )
            amount, printed = _amount(rule, unit.bien_che, on, table)
            tap_the.append(
                Awardee(
                    index,
                    counter,
                    True,
                    unit.ten,
                    "",
                    unit.ten,
                    unit.bien_che,
                    amount,
                    printed,
                    unit.thanh_tich or kind.thanh_tich,
                    kind.hinh_thuc,
                    unit.phieu_dong_y,
                    kind.loai_khen_thuong,
                )
            )
        for index, person in enumerate(kind.ca_nhan, start=1):
            counter += 1
            rule = _rule(kind, person)
            if rule is None:
                raise SpecError(
                    [
                        Problem(
                            "khen-thuong.yaml", None, person.ho_ten, "chưa có cách tính tiền thưởng"
                        )
                    ]
                )
            amount, printed = _amount(rule, None, on, table)
            ca_nhan.append(
                Awardee(
                    index,
                    counter,
                    False,
                    person.ho_ten,
                    person.chuc_vu or "",
                    person.don_vi,
                    None,
                    amount,
                    printed,
                    person.thanh_tich or kind.thanh_tich,
                    kind.hinh_thuc,
                    person.phieu_dong_y,
                    kind.loai_khen_thuong,
                )
            )
        groups.append(AwardGroup(kind.hinh_thuc, kind.thanh_tich, tap_the, ca_nhan))
    return Dossier(groups)
