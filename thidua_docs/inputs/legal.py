"""The legal bases of an award decision, chosen by its date.

The Law and the decrees come from the shipped table ``data/van-ban-phap-luat.yaml`` (each with
its issue date, days in force and the source its dates were checked against); the agency's own
regulations from the profile's ``quy_dinh_co_quan``. A decision cites those in force on its
date, in full ("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Nghị định số
98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết …"). A line written by
hand that names a text of these tables is checked against the date: citing a text not yet (or no
longer) in force is a located error.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import yaml

from thidua_docs.formatting import NgayDuThao, ngay, ngay_so
from thidua_docs.schema.agency import HoSoCoQuan, VanBanCanCu

TABLE_FILE = "data/van-ban-phap-luat.yaml"

#: Order of the bases: laws, then decrees, then other texts (ND30: higher legal force first).
_RANK = {"Luật": 0, "Nghị quyết": 1, "Nghị định": 2, "Quyết định": 3, "Thông tư": 4}


@functools.cache
def shipped_legal_texts() -> tuple[VanBanCanCu, ...]:
    """The Law and decrees shipped with the package, in the table's order."""
    text = resources.files("thidua_docs").joinpath(TABLE_FILE).read_text(encoding="utf-8")
    return tuple(VanBanCanCu.model_validate(row) for row in yaml.safe_load(text))


def citation(text: VanBanCanCu) -> str:
    """The full citation after "Căn cứ": a law by name and date, another text by its number,
    date and issuer: "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ …"."""
    issued = ngay(text.ngay_ban_hanh)
    if text.loai == "Luật":
        return f"{text.ten} {issued}"
    number = f" số {text.so}" if text.so else ""
    return f"{text.loai}{number} {issued} của {text.co_quan_ban_hanh} {text.ten}"


def short_name(text: VanBanCanCu) -> str:
    """ "Nghị định số 152/2025/NĐ-CP", "Luật Thi đua, khen thưởng số 06/2022/QH15"."""
    if text.loai == "Luật":
        return f"{text.ten} số {text.so}" if text.so else citation(text)
    return f"{text.loai} số {text.so}" if text.so else citation(text)


def _spaces(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().casefold()


def names(line: str, text: VanBanCanCu) -> bool:
    """Whether a line written by hand cites ``text``: by its number, or (a law) by name and date."""
    written = _spaces(line)
    if text.so and _spaces(text.so) in written:
        return True
    if text.loai != "Luật":
        return False
    d = text.ngay_ban_hanh
    dates = {
        ngay(d),  # "ngày 26 tháng 11 năm 2003"
        f"ngày {ngay_so(d)}",  # "ngày 26/11/2003"
        f"ngày {d.day:02d}/{d.month:02d}/{d.year}",
        f"ngày {d.day}/{d.month}/{d.year}",
    }
    name = _spaces(text.ten)
    return any(f"{name} {_spaces(date)}" in written for date in dates)


def legal_texts(co_quan: HoSoCoQuan) -> list[VanBanCanCu]:
    """Every dated text a decision of this agency may cite: the shipped table, then its own."""
    return [*shipped_legal_texts(), *co_quan.quy_dinh_co_quan]


def in_force(texts: Iterable[VanBanCanCu], on: dt.date) -> list[VanBanCanCu]:
    """The texts in force on ``on``, laws first, each kind by issue date."""
    chosen = [t for t in texts if t.in_force(on)]
    return sorted(chosen, key=lambda t: (_RANK.get(t.loai, 9), t.ngay_ban_hanh))


def _changes_in(texts: Sequence[VanBanCanCu], year: int) -> list[dt.date]:
    """The days of ``year`` on which the set of texts in force changes."""
    days = {t.hieu_luc_tu for t in texts} | {
        t.hieu_luc_den + dt.timedelta(days=1) for t in texts if t.hieu_luc_den is not None
    }
    return sorted(d for d in days if d.year == year and d != dt.date(year, 1, 1))


@dataclass(frozen=True)
class CitingDay:
    """The day whose texts a decision cites, or why none can be chosen."""

    day: dt.date | None
    problem: str | None = None


def citing_day(
    issued: dt.date | NgayDuThao, money_day: dt.date | None, texts: Sequence[VanBanCanCu]
) -> CitingDay:
    """The decision's own date; for a draft dated by its year only, the day its money is
    computed on (``ngay_tinh_tien``), or any day of the year when no text changes within it."""
    if isinstance(issued, dt.date):
        return CitingDay(issued)
    if money_day is not None:
        return CitingDay(money_day)
    changes = _changes_in(texts, issued.nam)
    if not changes:
        return CitingDay(dt.date(issued.nam, 1, 1))
    when = ", ".join(f"{d:%d/%m/%Y}" for d in changes)
    return CitingDay(
        None,
        f"quyết định dự thảo chỉ ghi năm {issued.nam}, nhưng trong năm này văn bản căn cứ thay "
        f"đổi (ngày {when}): ghi ngay_tinh_tien là ngày dự kiến ký để chọn đúng văn bản căn cứ",
    )


def not_in_force(text: VanBanCanCu, on: dt.date) -> str:
    """Why a decision dated ``on`` cannot cite ``text``."""
    name = short_name(text)
    if on < text.hieu_luc_tu:
        return (
            f"{name} có hiệu lực từ ngày {text.hieu_luc_tu:%d/%m/%Y}, sau ngày quyết định "
            f"{on:%d/%m/%Y}: quyết định không căn cứ văn bản chưa có hiệu lực"
        )
    end = text.hieu_luc_den
    last = f"{end:%d/%m/%Y}" if end else "?"
    return (
        f"{name} chỉ có hiệu lực đến hết ngày {last}, trước ngày quyết định {on:%d/%m/%Y}: "
        "quyết định không căn cứ văn bản đã hết hiệu lực"
    )


def decision_bases(co_quan: HoSoCoQuan, written: Iterable[str], on: dt.date) -> list[str]:
    """What a decision dated ``on`` cites: every table text in force, in full, then the lines
    written by hand (the profile's ``can_cu_khen_thuong``, the decision's ``can_cu``) that name
    no table text. A hand-written line naming a table text is replaced by its full citation."""
    texts = legal_texts(co_quan)
    out = [citation(t) for t in in_force(texts, on)]
    for line in written:
        if not any(names(line, t) for t in texts):
            out.append(line)
    return out


def hand_written_problems(
    co_quan: HoSoCoQuan, written: Iterable[str], on: dt.date
) -> list[tuple[int, str]]:
    """(index, why) of each hand-written line that names a table text not in force on ``on``."""
    texts = legal_texts(co_quan)
    problems = []
    for index, line in enumerate(written):
        for text in texts:
            if names(line, text) and not text.in_force(on):
                problems.append((index, not_in_force(text, on)))
                break
    return problems
