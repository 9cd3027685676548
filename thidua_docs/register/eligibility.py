"""Eligibility as data: the cross-year conditions of the Law and the decree (``data/
dieu-kien-khen-thuong.yaml``, each rule dated and cited), plus an agency's own rules, evaluated
against what the register knows of a person.

The answer says "đủ điều kiện", "chưa đủ: thiếu năm 2025 hoàn thành xuất sắc nhiệm vụ", "sắp đủ (năm
sau)", "sáng kiến X đã dùng cho Bằng khen … năm 2024", or "đang trong thời gian kỷ luật", each
with the rule's citation, and whether that rule was verified against the legal text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, Strict, model_validator

from thidua_docs.errors import SpecError
from thidua_docs.inputs.validation import load_model
from thidua_docs.register.store import History
from thidua_docs.register.text import khong_dau
from thidua_docs.schema.base import Model, Ngay, Text

RULES_FILE = "dieu-kien-khen-thuong.yaml"

DU = "du"
CHUA_DU = "chua_du"
SAP_DU = "sap_du"
KY_LUAT = "ky_luat"
#: The kind of an award a rule may be limited to (the register's ``loai`` of an award).
CONG_TRANG = "cong_trang"

_XEP_LOAI_TEN = {
    "hoan_thanh_xuat_sac": "hoàn thành xuất sắc nhiệm vụ",
    "hoan_thanh_tot": "hoàn thành tốt nhiệm vụ",
    "hoan_thanh": "hoàn thành nhiệm vụ",
    "khong_hoan_thanh": "không hoàn thành nhiệm vụ",
}
_CAP_TEN = {"co_so": "cơ sở", "bo": "bộ, ngành, tỉnh", "toan_quoc": "toàn quốc"}
_CAP_BAC = {"co_so": 0, "bo": 1, "toan_quoc": 2}

Whole = Annotated[int, Strict(), Field(ge=1, le=20)]


class HieuLuc(Model):
    tu: Ngay
    den: Ngay | None = None


class DieuKien(Model):
    """One condition: a title N years running, a rating N years running, or K initiatives of a
    level within the last ``trong`` years, not used for another award."""

    danh_hieu: Text | None = None
    xep_loai: Literal["hoan_thanh_xuat_sac", "hoan_thanh_tot", "hoan_thanh"] | None = None
    lien_tuc: Whole | None = None
    sang_kien: Whole | None = None
    cap: Literal["co_so", "bo", "toan_quoc"] = "co_so"
    trong: Whole = 1

    @model_validator(mode="after")
    def _one_kind(self) -> DieuKien:
        kinds = [k for k in (self.danh_hieu, self.xep_loai, self.sang_kien) if k is not None]
        if len(kinds) != 1:
            raise ValueError("mỗi điều kiện ghi đúng một trong danh_hieu, xep_loai, sang_kien")
        if self.sang_kien is None and self.lien_tuc is None:
            raise ValueError("điều kiện danh_hieu hoặc xep_loai cần lien_tuc: số năm liên tục")
        return self


class QuyTac(Model):
    ma: Text
    ten: Text
    ap_dung_cho: list[Text] = Field(min_length=1)
    doi_tuong: Literal["ca_nhan", "tap_the"] = "ca_nhan"
    #: Only for công trạng (yearly, whole-period) awards: not for an award of a campaign (đợt,
    #: chuyên đề) or đột xuất, which other points of the same article cover.
    chi_cong_trang: bool = False
    hieu_luc: HieuLuc
    can_cu: Text
    da_doi_chieu: bool
    nguon: Text | None = None
    mot_trong: list[list[DieuKien]] = Field(min_length=1)


class QuyTacChung(Model):
    ma: Literal["ky_luat"]
    ten: Text
    hieu_luc: HieuLuc
    can_cu: Text
    da_doi_chieu: bool
    nguon: Text | None = None


class BoDieuKien(Model):
    chung: list[QuyTacChung] = Field(default_factory=list)
    quy_tac: list[QuyTac] = Field(default_factory=list)


@dataclass(frozen=True)
class Rules:
    general: list[QuyTacChung]
    rules: list[QuyTac]

    def for_form(
        self, hinh_thuc: str, tap_the: bool, on: dt.date, loai: str = CONG_TRANG
    ) -> list[QuyTac]:
        """The rules of ``hinh_thuc`` for a collective or a person, in force ``on``, for an award
        of kind ``loai`` (cong_trang, chuyen_de, dot_xuat)."""
        key = khong_dau(hinh_thuc)
        return [
            r
            for r in self.rules
            if (r.doi_tuong == "tap_the") == tap_the
            and _in_force(r.hieu_luc, on)
            and (loai == CONG_TRANG or not r.chi_cong_trang)
            and any(khong_dau(p) in key for p in r.ap_dung_cho)
        ]

    def span(self, hinh_thuc: str, on: dt.date) -> int:
        """How many years back the conditions of ``hinh_thuc`` look (at least one)."""
        spans = [
            max(c.lien_tuc or c.trong, c.trong)
            for tap_the in (False, True)
            for r in self.for_form(hinh_thuc, tap_the, on)
            for alternative in r.mot_trong
            for c in alternative
        ]
        return max(spans, default=1)


def _in_force(h: HieuLuc, on: dt.date) -> bool:
    return h.tu <= on and (h.den is None or on <= h.den)


def _load(path: Path) -> BoDieuKien:
    model, _, _, problems = load_model(path, BoDieuKien)
    if problems or model is None:
        raise SpecError(problems)
    return model


@cache
def _shipped() -> BoDieuKien:
    return _load(Path(__file__).resolve().parent.parent / "data" / RULES_FILE)


def load_rules(own: Path | None = None) -> Rules:
    """The shipped rules, with an agency's file added (a rule of the same ``ma`` replaces one)."""
    sets = [_shipped()] + ([_load(own)] if own is not None else [])
    general: dict[str, QuyTacChung] = {}
    rules: dict[str, QuyTac] = {}
    for s in sets:
        general.update({g.ma: g for g in s.chung})
        rules.update({r.ma: r for r in s.quy_tac})
    return Rules(list(general.values()), list(rules.values()))


@dataclass(frozen=True)
class Answer:
    """The register's answer for one subject and one form of award."""

    ma: str
    ten: str
    hinh_thuc: str
    nam: int
    ket_luan: str  # du / chua_du / sap_du / ky_luat / khong_co_quy_tac
    ly_do: list[str]
    can_cu: list[str]
    chua_doi_chieu: list[str] = field(default_factory=list)  # citations not verified

    @property
    def du(self) -> bool:
        return self.ket_luan == DU

    @property
    def text(self) -> str:
        head = {
            DU: "đủ điều kiện",
            CHUA_DU: "chưa đủ",
            SAP_DU: "sắp đủ (năm sau)",
            KY_LUAT: "không xét",
        }.get(self.ket_luan, "không có quy tắc")
        return head + (": " + "; ".join(self.ly_do) if self.ly_do else "")


def _titles(history: History) -> dict[int, set[str]]:
    years: dict[int, set[str]] = {}
    for a in history.awards:
        years.setdefault(a.nam, set()).add(khong_dau(a.hinh_thuc))
    return years


def _spellings(name: str) -> list[str]:
    """A title as the data names it, its spellings separated by "|"."""
    return [khong_dau(part) for part in name.split("|") if part.strip()]


def _has_title(titles: dict[int, set[str]], year: int, name: str) -> bool:
    keys = _spellings(name)
    return any(key in t for t in titles.get(year, ()) for key in keys)


def _streak(ok: dict[int, bool], year: int) -> int:
    n = 0
    while ok.get(year - n, False):
        n += 1
    return n


@dataclass
class _Check:
    met: bool
    almost: bool  # met next year if next year goes on the same way
    reasons: list[str]


def _condition(c: DieuKien, h: History, titles: dict[int, set[str]], year: int) -> _Check:
    if c.sang_kien is not None:
        low = year - c.trong + 1
        level = _CAP_BAC[c.cap]
        fitting = [
            i for i in h.initiatives if low <= i.nam <= year and _CAP_BAC.get(i.cap, 0) >= level
        ]
        free = [i for i in fitting if i.dung_cho is None]
        if len(free) >= c.sang_kien:
            return _Check(True, False, [])
        span = f"năm {year}" if c.trong == 1 else f"{low}–{year}"
        reasons = [
            f"cần {c.sang_kien} sáng kiến được công nhận cấp {_CAP_TEN[c.cap]} trong {span}, "
            f"có {len(free)} chưa dùng"
        ]
        reasons += [f"sáng kiến “{i.ten}” đã dùng cho {i.dung_cho}" for i in fitting if i.dung_cho]
        return _Check(False, False, reasons)
    n = c.lien_tuc or 1
    if c.danh_hieu is not None:
        name = c.danh_hieu
        ok = {y: _has_title(titles, y, name) for y in range(year - n - 1, year + 1)}
        what = _display_title(h, name)
    else:
        assert c.xep_loai is not None
        ok = {y: h.ratings.get(y) == c.xep_loai for y in range(year - n - 1, year + 1)}
        what = _XEP_LOAI_TEN[c.xep_loai]
    if _streak(ok, year) >= n:
        return _Check(True, False, [])
    missing = [y for y in range(year - n + 1, year + 1) if not ok.get(y)]
    streak = _streak(ok, year)
    years = ", ".join(str(y) for y in missing)
    reasons = [f"thiếu năm {years} {what}" + (f" ({n} năm liên tục)" if n > 1 else "")]
    if n > 1 and streak >= n - 1:  # one more year running and it is met
        reasons.append(
            f"đã có {streak} năm liên tục {what} đến năm {year}, năm {year + 1} đạt thì đủ {n} năm"
        )
        return _Check(False, True, reasons)
    return _Check(False, False, reasons)


def _display_title(h: History, key: str) -> str:
    """The title as the register writes it ("Chiến sĩ thi đua cơ sở"), else the rule's words."""
    keys = _spellings(key)
    for a in h.awards:
        if any(k in khong_dau(a.hinh_thuc) for k in keys):
            return a.hinh_thuc
    first = key.split("|")[0].strip()
    return first[:1].upper() + first[1:]


def evaluate(
    rules: Rules,
    history: History,
    hinh_thuc: str,
    year: int,
    on: dt.date,
    loai: str = CONG_TRANG,
) -> Answer:
    """Whether ``history``'s subject meets the conditions of ``hinh_thuc`` for the achievements of
    ``year``, as of the day ``on`` (discipline, rules in force), for an award of kind ``loai``."""
    s = history.subject
    cited: list[str] = []
    unverified: list[str] = []

    def cite(can_cu: str, verified: bool) -> None:
        if can_cu not in cited:
            cited.append(can_cu)
        if not verified and can_cu not in unverified:
            unverified.append(can_cu)

    for g in rules.general:
        if g.ma == "ky_luat" and _in_force(g.hieu_luc, on):
            current = [d for d in history.discipline if d.tu_ngay <= on <= d.den_ngay]
            if current:
                cite(g.can_cu, g.da_doi_chieu)
                d = current[0]
                why = (
                    f"đang trong thời gian kỷ luật ({d.hinh_thuc}, "
                    f"{d.tu_ngay:%d/%m/%Y}–{d.den_ngay:%d/%m/%Y})"
                )
                return Answer(s.ma, s.ten, hinh_thuc, year, KY_LUAT, [why], cited, unverified)
    applicable = rules.for_form(hinh_thuc, s.tap_the, on, loai)
    if not applicable:
        return Answer(s.ma, s.ten, hinh_thuc, year, "khong_co_quy_tac", [], [], [])
    titles = _titles(history)
    reasons: list[str] = []
    almost_reasons: list[str] = []
    for rule in applicable:
        cite(rule.can_cu, rule.da_doi_chieu)
        for alternative in rule.mot_trong:
            checks = [_condition(c, history, titles, year) for c in alternative]
            if all(c.met for c in checks):
                return Answer(
                    s.ma,
                    s.ten,
                    hinh_thuc,
                    year,
                    DU,
                    [],
                    [rule.can_cu],
                    [] if rule.da_doi_chieu else [rule.can_cu],
                )
            target = almost_reasons if all(c.met or c.almost for c in checks) else reasons
            for c in checks:
                for r in c.reasons:
                    if r not in target:
                        target.append(r)
    if almost_reasons:  # what is still missing on the way that is nearly there
        return Answer(s.ma, s.ten, hinh_thuc, year, SAP_DU, almost_reasons, cited, unverified)
    return Answer(s.ma, s.ten, hinh_thuc, year, CHUA_DU, reasons, cited, unverified)


def evaluate_many(
    rules: Rules, histories: Sequence[History], hinh_thuc: str, year: int, on: dt.date
) -> list[Answer]:
    return [evaluate(rules, h, hinh_thuc, year, on) for h in histories]
