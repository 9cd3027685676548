"""One body model for every administrative document: a tree of items numbered by the document.

A công văn, kế hoạch, tờ trình or báo cáo body is a list of items (``cac_muc``), each with an
optional heading (``tieu_de``), its inline text (``noi_dung``) or the announced wording of a rule
(``quy_tac``), paragraphs before its children (``cac_doan``), its children (``cac_muc``: the next
level; ``cac_y``: bullets), and paragraphs after them (``doan_sau``). The document declares how
each level is numbered (``danh_so``); the clerk never types a number. An item may carry a label
(``nhan``) that any text refers to as ``{ref:nhan}``: the reference prints the item's current
number ("khoản 2 mục II"), so reordering never breaks it.

Pure: the structure checks here return (key path, message, found) triples that
:mod:`thidua_docs.inputs.campaign` locates in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, model_validator

from thidua_docs.diagnostics import KeyPath
from thidua_docs.formatting import chu_cai, emphasis_error, la_ma
from thidua_docs.schema.base import Identifier, Model, Text, invalid

#: How a level is numbered: lettered parts "A.", Roman sections "I.", items "1.", decimal
#: "1.1." / "5.1.3." (the parent's number continued), điểm "a)" … "đ)" (ND30 order), bullets.
Kieu = Literal["A", "I", "1", "1.1", "a", "-", "+"]

KieuChu = Literal["dam", "nghieng", "dam_nghieng", "thuong"]

#: What a level is called in a reference ("khoản 2 mục II"), unless the document names it.
DEFAULT_NAMES: dict[str, str] = {"A": "phần", "I": "mục", "1": "khoản", "1.1": "mục", "a": "điểm"}

BULLETS = ("-", "+")

#: Levels a document may declare: far more than any real one (seed 003 has four).
MAX_LEVELS = 20


_DECIMAL = re.compile(r"^1(\.1)+$")


def _decimal_scheme(value: Any) -> Any:
    """Deeper decimal levels may be written as they print: "1.1.1" is "1.1" one level down."""
    return "1.1" if isinstance(value, str) and _DECIMAL.match(value.strip()) else value


def _level_from_text(value: Any) -> Any:
    """A level written as its scheme alone (``I``, ``1``, ``1.1``, ``1.1.1``, ``a``, ``"-"``)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | str):
        return {"kieu": _decimal_scheme(str(value))}
    if isinstance(value, dict) and "kieu" in value:
        return {**value, "kieu": _decimal_scheme(str(value["kieu"]))}
    return value


class CapDanhSo(Model):
    """One level of a document's numbering: its scheme, and optionally its name and emphasis."""

    kieu: Kieu
    #: The level's name in references ("điểm" for a circular that calls its "2." items điểm).
    ten: Text | None = None
    #: Emphasis of a heading at this level; ND30's by default (see ``emphasis``).
    kieu_chu: KieuChu | None = None
    #: Headings of this level in capitals (by default for "A." and "I.").
    in_hoa: bool | None = None


CapItem = Annotated[CapDanhSo, BeforeValidator(_level_from_text)]

#: ND30's body numbering when a document declares none: I., 1., a), -, +.
DEFAULT_LEVELS: tuple[CapDanhSo, ...] = tuple(CapDanhSo(kieu=k) for k in ("I", "1", "a", "-", "+"))


def _item_from_text(value: Any) -> Any:
    """An item written as plain text is the same as ``{noi_dung: text}`` (a number is passed on,
    so the error names noi_dung and says that text was expected)."""
    return {"noi_dung": value} if isinstance(value, str | int | float) else value


class Nut(Model):
    """One item of a body, at any level: heading, text, paragraphs, children, paragraphs after."""

    nhan: Identifier | None = None
    tieu_de: Text | None = None
    noi_dung: Text | None = None
    #: The text is the announced wording of this rule of ``danh_gia`` (what is applied).
    quy_tac: Identifier | None = None
    cac_doan: list[Text] = []
    cac_muc: list[NutItem] = []
    cac_y: list[NutItem] = []
    doan_sau: list[Text] = []

    @model_validator(mode="after")
    def _has_text(self) -> Nut:
        if self.noi_dung is not None and self.quy_tac is not None:
            raise invalid("một mục có noi_dung hoặc quy_tac (lời văn của quy tắc), không cả hai")
        if not (self.tieu_de or self.noi_dung or self.quy_tac):
            raise invalid("mỗi mục cần tieu_de, noi_dung hoặc quy_tac")
        if self.cac_muc and self.cac_y:
            raise invalid(
                "một mục có các mục con (cac_muc) hoặc các ý gạch đầu dòng (cac_y), không cả hai; "
                "đặt các ý vào một mục con"
            )
        return self


NutItem = Annotated[Nut, BeforeValidator(_item_from_text)]
Nut.model_rebuild()


def _level_count(levels: list[CapDanhSo]) -> list[CapDanhSo]:
    if not levels:
        raise invalid('danh_so cần ít nhất một cấp, ví dụ [I, "1", a, "-"]')
    if len(levels) > MAX_LEVELS:
        raise invalid(f"danh_so khai báo {len(levels)} cấp; một văn bản có tối đa {MAX_LEVELS} cấp")
    return levels


class ThanVanBan(Model):
    """The numbered body of a document: its numbering per level and its items."""

    danh_so: Annotated[list[CapItem], AfterValidator(_level_count)] | None = None
    cac_muc: list[NutItem] = []

    @property
    def levels(self) -> tuple[CapDanhSo, ...]:
        return tuple(self.danh_so) if self.danh_so else DEFAULT_LEVELS


# --- numbering ---------------------------------------------------------------------------------


def emphasis(level: CapDanhSo, depth_in_decimal: int) -> tuple[KieuChu, bool]:
    """ND30 heading emphasis of a level and whether it is in capitals: parts and sections bold
    capitals, items bold, decimal sub-items bold italic then italic, điểm italic, bullets plain."""
    upper = level.in_hoa if level.in_hoa is not None else level.kieu in ("A", "I")
    if level.kieu_chu is not None:
        return level.kieu_chu, upper
    if level.kieu in ("A", "I", "1"):
        return "dam", upper
    if level.kieu == "1.1":
        return ("dam_nghieng" if depth_in_decimal <= 2 else "nghieng"), upper
    if level.kieu == "a":
        return "nghieng", upper
    return "thuong", upper


def own_number(kieu: str, index: int, parent: str | None) -> str:
    """An item's number without its punctuation: "B", "IV", "3", "5.1.3", "đ", or the bullet."""
    if kieu == "A":
        return _letters(index)
    if kieu == "I":
        return la_ma(index)
    if kieu == "1":
        return str(index)
    if kieu == "1.1":
        return f"{parent}.{index}"
    if kieu == "a":
        return chu_cai(index)
    return kieu


def _letters(index: int) -> str:
    """Lettered parts: A … Z, then AA, AB …"""
    out = ""
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def label(kieu: str, number: str) -> str:
    """The printed number: "A.", "IV.", "3.", "5.1.3.", "đ)", "-", "+"."""
    if kieu in BULLETS:
        return kieu
    return f"{number})" if kieu == "a" else f"{number}."


# --- structure checks ----------------------------------------------------------------------------

Finding = tuple[KeyPath, str, Any]

_ALLOWED_AFTER: dict[str, tuple[str, ...]] = {
    "A": ("I", "1"),
    "I": ("1",),
    "1": ("1.1", "a"),
    "1.1": ("1.1", "a"),
    "a": (),
}
_NEXT_NAME = {
    "A": "I. (mục La Mã) hoặc 1.",
    "I": "1. (khoản)",
    "1": "1.1. hoặc a)",
    "1.1": "1.1. hoặc a)",
    "a": 'ý gạch đầu dòng ("-")',
}
#: ND30's order from the outermost level in.
_RANK = {"A": 0, "I": 1, "1": 2, "1.1": 3, "a": 4}

#: A reference in any text: ``{ref:nhan}``.
REFERENCE = re.compile(r"\{ref:([^{}]*)\}")


def level_findings(levels: list[CapDanhSo], base: KeyPath) -> list[Finding]:
    """A declared numbering that skips a level, or numbers under bullets."""
    out: list[Finding] = []
    for index in range(1, len(levels)):
        before, kieu = levels[index - 1].kieu, levels[index].kieu
        place = (*base, "danh_so", index)
        if kieu == "-":
            if before in BULLETS:
                out.append((place, "ý gạch đầu dòng (-) đứng trên ý (+), không dưới", kieu))
        elif kieu == "+":
            if before != "-":
                out.append((place, "ý (+) chỉ đặt dưới một ý gạch đầu dòng (-)", kieu))
        elif before in BULLETS:
            out.append((place, "dưới ý gạch đầu dòng không có cấp đánh số", kieu))
        elif kieu not in _ALLOWED_AFTER[before]:
            after = f"dưới {label(before, before)} là {_NEXT_NAME[before]}"
            if kieu == "1.1":
                why = "số thập phân (1.1.) nối tiếp số của cấp trên, nên cấp trên phải là 1. hoặc 1.1."
            elif _RANK[kieu] > _RANK[before]:
                why = f"bỏ qua một cấp: {after}"
            else:
                why = f"{label(kieu, kieu)} không đặt dưới {label(before, before)}: {after}"
            out.append((place, f"cấp {index + 1} ({kieu}): {why}", kieu))
    if levels and levels[0].kieu == "1.1":
        out.append(((*base, "danh_so", 0), "cấp 1 không thể là số thập phân (1.1.)", "1.1"))
    return out


def texts_of(item: Nut, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """The texts a clerk wrote in one item, with their key paths."""
    for key in ("tieu_de", "noi_dung"):
        value = getattr(item, key)
        if value is not None:
            yield (*path, key), value
    for key in ("cac_doan", "doan_sau"):
        for index, value in enumerate(getattr(item, key)):
            yield (*path, key, index), value


def text_findings(path: KeyPath, text: str, labels: dict[str, str]) -> list[Finding]:
    """Emphasis marks that do not pair up; references to a label no item carries."""
    out: list[Finding] = []
    why = emphasis_error(REFERENCE.sub("", text))
    if why:
        out.append((path, why, None))
    for match in REFERENCE.finditer(text):
        name = match.group(1).strip()
        if name not in labels:
            known = ", ".join(sorted(labels)) or "chưa có mục nào có nhãn (nhan)"
            out.append(
                (path, f"tham chiếu đến nhãn chưa có: {{ref:{name}}}; các nhãn có: {known}", name)
            )
        elif labels[name] == "":
            out.append(
                (path, f"không tham chiếu được đến một ý gạch đầu dòng: {{ref:{name}}}", name)
            )
    return out


@dataclass(frozen=True)
class Placed:
    """An item where the document puts it: its level, number and how a reference names it."""

    path: KeyPath
    item: Nut
    level: CapDanhSo
    depth: int  # 1 for the body's own items
    number: str  # without punctuation: "II", "5.1.3", "đ", "-"
    printed: str  # "II.", "5.1.3.", "đ)", "-"
    reference: str  # "khoản 2 mục II"; "" for a bullet
    decimal_depth: int  # 2 for "4.1.", 3 for "5.1.3."; 0 outside decimal numbering


def place_items(body: ThanVanBan, base: KeyPath) -> tuple[list[Placed], list[Finding]]:
    """Number every item of ``body`` in document order; items the numbering cannot reach are
    findings (deeper than the declared levels, bullets where none is declared)."""
    levels = body.levels
    placed: list[Placed] = []
    findings: list[Finding] = []

    def place(
        items: list[Nut],
        key: str,
        parent: Placed | None,
        ancestors: tuple[Placed, ...],
        path: KeyPath,
    ) -> None:
        if not items:
            return
        above = -1 if parent is None else parent.depth - 1
        if key == "cac_y":
            index = next(
                (i for i in range(above + 1, len(levels)) if levels[i].kieu in BULLETS), None
            )
            if index is None:
                findings.append(
                    (
                        (*path, key),
                        f'danh_so chưa khai báo cấp gạch đầu dòng ("-") dưới cấp {above + 1}; '
                        'thêm "-" vào danh_so',
                        None,
                    )
                )
                return
        else:
            index = above + 1
            if index >= len(levels):
                findings.append(
                    (
                        (*path, key),
                        f"các mục này ở cấp {index + 1} nhưng danh_so chỉ khai báo {len(levels)} "
                        'cấp; thêm một cấp vào danh_so (ví dụ "a" hoặc "-")',
                        None,
                    )
                )
                return
        level = levels[index]
        for position, item in enumerate(items, start=1):
            item_path = (*path, key, position - 1)
            number = own_number(level.kieu, position, parent.number if parent else None)
            if level.kieu == "1.1" and (parent is None or parent.level.kieu not in ("1", "1.1")):
                number = str(position)  # reported by level_findings; numbered plainly meanwhile
            decimal = (
                (parent.decimal_depth if parent and parent.decimal_depth else 1) + 1
                if level.kieu == "1.1"
                else 0
            )
            chain, in_decimal = [], level.kieu == "1.1"
            for above_item in ancestors:  # "5.1.3" already says 5.1 and 5
                if in_decimal and above_item.level.kieu in ("1", "1.1"):
                    continue
                chain.append(above_item)
                in_decimal = in_decimal or above_item.level.kieu == "1.1"
            name = level.ten or DEFAULT_NAMES.get(level.kieu, "")
            reference = ""
            if level.kieu not in BULLETS:
                reference = " ".join(
                    [f"{name} {number}"]
                    + [
                        f"{p.level.ten or DEFAULT_NAMES.get(p.level.kieu, '')} {p.number}"
                        for p in chain
                    ]
                )
            here = Placed(
                item_path,
                item,
                level,
                index + 1,
                number,
                label(level.kieu, number),
                reference,
                decimal,
            )
            placed.append(here)
            inner = (here, *ancestors)
            place(item.cac_muc, "cac_muc", here, inner, item_path)
            place(item.cac_y, "cac_y", here, inner, item_path)

    place(list(body.cac_muc), "cac_muc", None, (), base)
    return placed, findings


def body_findings(
    body: ThanVanBan,
    base: KeyPath,
    rule_codes: set[str] | None,
    outside: Sequence[tuple[KeyPath, str]] = (),
) -> list[Finding]:
    """Everything wrong with a body's structure, each with its key path: a numbering that skips
    a level, items deeper than the numbering, a label used twice, a reference to no label,
    emphasis marks that do not pair up, a rule that does not exist (``rule_codes`` None: the
    campaign has no ``danh_gia``). ``outside`` are the document's other texts (opening, closing),
    which may refer to items too."""
    findings = level_findings(list(body.levels), base) if body.danh_so else []
    placed, missing = place_items(body, base)
    findings += missing
    labels: dict[str, str] = {}
    for p in placed:
        if p.item.nhan is None:
            continue
        if p.item.nhan in labels:
            findings.append(
                ((*p.path, "nhan"), "nhãn này đã được dùng cho một mục khác", p.item.nhan)
            )
        labels.setdefault(p.item.nhan, p.reference)
    texts = [t for p in placed for t in texts_of(p.item, p.path)] + list(outside)
    for path, text in texts:
        findings += text_findings(path, text, labels)
    for p in placed:
        code = p.item.quy_tac
        if code is None:
            continue
        if rule_codes is None:
            findings.append(
                ((*p.path, "quy_tac"), "chiến dịch chưa khai báo quy tắc đánh giá (danh_gia)", code)
            )
        elif code not in rule_codes:
            findings.append(
                (
                    (*p.path, "quy_tac"),
                    f"không có quy tắc mã này; các mã có: {', '.join(sorted(rule_codes))}",
                    code,
                )
            )
    return findings


def references(body: ThanVanBan) -> dict[str, str]:
    """Each label with what a reference to it prints ("khoản 2 mục II")."""
    placed, _ = place_items(body, ())
    return {p.item.nhan: p.reference for p in placed if p.item.nhan is not None}


def resolve(text: str, labels: dict[str, str]) -> str:
    """A text with its ``{ref:nhan}`` references replaced by the items' current numbers; one to
    no label is left as written (loading the spec reports it)."""
    return REFERENCE.sub(lambda m: labels.get(m.group(1).strip()) or m.group(), text)
