"""What `thidua evaluate` hands on: the explained selection (its table rows and text) and the award list.

The award list has the structure the dossier consumes (``de_nghi`` of khen-thuong.yaml), so the
documents are written from exactly what the rules selected.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from thidua_docs.awards.dossier import compute
from thidua_docs.awards.money import MucLuongCoSo
from thidua_docs.awards.statutory import statutory
from thidua_docs.errors import InputError, ThiduaError
from thidua_docs.evaluation.rules import Evaluation, FieldResult, key
from thidua_docs.formatting import bang_chu, so, tien
from thidua_docs.schema import (
    DanhGia,
    HinhThucDeNghi,
    HoSoKhenThuong,
    LinhVuc,
    NhomDanhGia,
    TienThuong,
)


def _value(value: Decimal | None) -> str:
    if value is None:
        return ""
    return so(
        value.quantize(Decimal("0.01")).normalize() if value != value.to_integral_value() else value
    )


def _money_rule(rule: TienThuong | None) -> dict[str, Any] | None:
    if rule is None:
        return None
    if rule.co_dinh is not None:
        return {"co_dinh": rule.co_dinh}
    if rule.moi_nguoi is not None:
        return {"moi_nguoi": rule.moi_nguoi}
    return {"he_so": str(rule.he_so)}


def award_list(
    danh_gia: DanhGia, evaluation: Evaluation, on: dt.date | None = None
) -> list[dict[str, Any]]:
    """The selection as ``de_nghi`` items, one per award form, with headcounts for per-head money.

    Collectives go under their field's form (``linh_vuc › hinh_thuc``, else ``danh_gia ›
    hinh_thuc``) with their field's achievement text; individuals under ``hinh_thuc_ca_nhan``
    (else ``hinh_thuc``). A form whose money the campaign does not name gets the statutory
    coefficient (:mod:`thidua_docs.awards.statutory`, in force on ``on``, the decision date when
    known); a form the law gives no amount to is refused here, as the dossier would refuse it.
    """
    return _award_kinds(danh_gia, evaluation, on)[0]


def statutory_notes(
    danh_gia: DanhGia, evaluation: Evaluation, on: dt.date | None = None
) -> list[str]:
    """What `thidua evaluate` says about money it took from the law rather than the campaign."""
    return _award_kinds(danh_gia, evaluation, on)[1]


def _award_kinds(
    danh_gia: DanhGia, evaluation: Evaluation, on: dt.date | None
) -> tuple[list[dict[str, Any]], list[str]]:
    main = danh_gia.hinh_thuc
    kinds: dict[str, dict[str, Any]] = {}

    def kind_of(form: str) -> dict[str, Any]:
        if form not in kinds:
            kind: dict[str, Any] = {"hinh_thuc": form, "thanh_tich": danh_gia.thanh_tich}
            if danh_gia.loai_khen_thuong is not None:
                kind["loai_khen_thuong"] = danh_gia.loai_khen_thuong
            if form == main and (rule := _money_rule(danh_gia.tien_thuong_tap_the)) is not None:
                kind["tien_thuong_tap_the"] = rule
            if (rule := _money_rule(danh_gia.tien_thuong_ca_nhan)) is not None and (
                form == (danh_gia.hinh_thuc_ca_nhan or main)
            ):
                kind["tien_thuong_ca_nhan"] = rule
            kind["tap_the"], kind["ca_nhan"] = [], []
            kinds[form] = kind
        return kinds[form]

    kind_of(main)
    fields: dict[str, LinhVuc] = {}
    for group, field_, competitor in evaluation.awarded():
        if key(competitor.ten) in fields:
            continue
        fields[key(competitor.ten)] = field_
        item: dict[str, Any] = {"ten": competitor.ten}
        if group.bien_che is not None and competitor.values.get(group.bien_che) is not None:
            item["bien_che"] = int(competitor.values[group.bien_che] or 0)
        if field_.tien_thuong is not None:
            item["tien_thuong"] = _money_rule(field_.tien_thuong)
        if field_.thanh_tich is not None:
            item["thanh_tich"] = field_.thanh_tich
        kind_of(field_.hinh_thuc or main)["tap_the"].append(item)
    people_kind = kind_of(danh_gia.hinh_thuc_ca_nhan or main)
    for r in evaluation.people:
        if not r.selected:
            continue
        person: dict[str, Any] = {"ho_ten": r.person.ho_ten}
        if r.person.chuc_vu:
            person["chuc_vu"] = r.person.chuc_vu
        person["don_vi"] = r.person.don_vi
        unit_field = fields.get(key(r.person.don_vi))
        if unit_field is not None and unit_field.thanh_tich is not None:
            person["thanh_tich"] = unit_field.thanh_tich
        people_kind["ca_nhan"].append(person)
    items = [k for k in kinds.values() if k["tap_the"] or k["ca_nhan"]] or [kinds[main]]
    notes = []
    for kind in items:
        for members, collective in (("tap_the", True), ("ca_nhan", False)):
            money_key = f"tien_thuong_{members}"
            needs = [m for m in kind[members] if "tien_thuong" not in m]
            if not needs or money_key in kind:
                continue
            form = kind["hinh_thuc"]
            row = statutory(form, collective, on)
            if row is None:
                who = "tập thể" if collective else "cá nhân"
                raise InputError(
                    f"danh_gia › {money_key}: chiến dịch chưa ghi cách tính tiền thưởng cho {who} "
                    f"được tặng '{form}', và hình thức này không có mức tiền thưởng theo quy định "
                    "(Nghị định 152/2025/NĐ-CP) trong bảng của chương trình; hãy ghi "
                    f"{money_key} (co_dinh, moi_nguoi hoặc he_so)"
                )
            coefficient = row.coefficient(collective)
            assert coefficient is not None
            kind[money_key] = {"he_so": str(coefficient)}
            # Keep the key order of a kind the dossier reads: money before the lists.
            kinds_order = [
                "hinh_thuc",
                "thanh_tich",
                "loai_khen_thuong",
                "tien_thuong_tap_the",
                "tien_thuong_ca_nhan",
            ]
            ordered = {k: kind[k] for k in kinds_order if k in kind}
            ordered |= {k: v for k, v in kind.items() if k not in ordered}
            kind.clear()
            kind.update(ordered)
            who = "tập thể" if collective else "cá nhân"
            notes.append(
                f"Tiền thưởng {who} được tặng {form}: chiến dịch không ghi cách tính, áp dụng mức "
                f"theo quy định: {so(coefficient)} × mức lương cơ sở ({row.ten}; {row.can_cu})."
            )
    return items, notes


def ranking_header(field: LinhVuc, group: NhomDanhGia) -> str:
    """The heading of the ranking figure's column: the metric, or what a combination compares."""
    names = {c.ma: c.ten for c in group.chi_so} | {t.ma: t.ten for t in group.ty_le}
    metrics = field.chi_so_xep_hang
    if len(metrics) == 1 or field.ket_hop == "lan_luot":
        return names.get(metrics[0], metrics[0])
    return "Điểm tổng hợp" if field.ket_hop == "trong_so" else "Hạng thấp nhất trong các chỉ số"


def table_rows(field: FieldResult) -> tuple[list[str], list[list[str]]]:
    """The explained ranking of one field: header and rows (rank, name, value, criteria, choice, reason)."""
    group = field.group
    # In the order the field applies them (its own list, else the group's): the order of the marks.
    by_code = {c.ma: c for c in group.tieu_chi}
    codes = field.field.tieu_chi if field.field.tieu_chi is not None else list(by_code)
    criteria = [by_code[code].ten for code in codes]
    headers = [
        "Hạng",
        "Đơn vị",
        ranking_header(field.field, group),
        *criteria,
        "Chọn",
        "Lý do",
    ]
    rows = []
    for entry in field.entries:
        marks = [("đạt " if c.passed else "không ") + _value(c.value) for c in entry.criteria]
        rows.append(
            [
                str(entry.rank or "—"),
                entry.competitor.ten,
                _value(entry.value),
                *marks,
                "X" if entry.selected else "",
                entry.reason,
            ]
        )
    return headers, rows


Cell = Decimal | int | str | None


def table_cells(field: FieldResult) -> tuple[list[str], list[list[Cell]]]:
    """The same ranking as ``table_rows`` with its figures as numbers, for a workbook a clerk can
    sort: rank (None when not ranked), name, the ranking figure, then for each criterion its figure
    and its verdict ("đạt" / "không đạt"), the choice and the reason."""
    headers, _ = table_rows(field)
    criteria = headers[3:-2]
    wide = [
        *headers[:3],
        *(h for name in criteria for h in (name, f"{name}: kết quả")),
        *headers[-2:],
    ]
    rows: list[list[Cell]] = []
    for entry in field.entries:
        marks: list[Cell] = []
        for c in entry.criteria:
            marks += [_figure(c.value), "đạt" if c.passed else "không đạt"]
        rows.append(
            [
                entry.rank,
                entry.competitor.ten,
                _figure(entry.value),
                *marks,
                "X" if entry.selected else "",
                entry.reason,
            ]
        )
    return wide, rows


def _figure(value: Decimal | None) -> Decimal | None:
    """A figure as shown in the table (two decimals at most), kept a number."""
    if value is None or value == value.to_integral_value():
        return value
    return value.quantize(Decimal("0.01")).normalize()


def format_report(evaluation: Evaluation) -> str:
    """The explained selection as plain text for the terminal."""
    out = io.StringIO()
    for field in evaluation.fields:
        headers, rows = table_rows(field)
        out.write(
            f"\n{field.group.ten} — lĩnh vực {field.field.ten} "
            f"(chọn {len(field.selected)}/{field.field.so_luong})\n"
        )
        widths = [
            min(max(len(r[i]) for r in [headers, *rows]), 40) for i in range(len(headers) - 1)
        ]
        for row in [headers, *rows]:
            cells = [row[i][: widths[i]].ljust(widths[i]) for i in range(len(widths))]
            out.write("  " + " │ ".join(cells) + " │ " + row[-1] + "\n")
    chosen = [r for r in evaluation.people if r.selected]
    out.write(f"\nCá nhân: chọn {len(chosen)}/{len(evaluation.people)}\n")
    for result in evaluation.people:
        mark = "X" if result.selected else " "
        out.write(f"  [{mark}] {result.person.ho_ten} — {result.person.don_vi}: {result.reason}\n")
    if evaluation.council:
        out.write("\nCần Hội đồng Thi đua - Khen thưởng quyết định:\n")
        for note in evaluation.council:
            out.write(f"  - {note}\n")
    return out.getvalue()


def money_summary(
    items: list[dict[str, Any]], table: list[MucLuongCoSo], on: dt.date | None
) -> str:
    """The reward money of the selection, computed as the documents will compute it."""
    kinds = [HinhThucDeNghi.model_validate(item) for item in items]
    needs_date = any(
        (p.tien_thuong or k.tien_thuong_ca_nhan or TienThuong(co_dinh=0)).he_so is not None
        for k in kinds
        for p in k.ca_nhan
    ) or any(
        (u.tien_thuong or k.tien_thuong_tap_the or TienThuong(co_dinh=0)).he_so is not None
        for k in kinds
        for u in k.tap_the
    )
    if needs_date and on is None:
        return (
            "Tiền thưởng: có mức tính theo hệ số × mức lương cơ sở, sẽ tính khi có ngày ký quyết "
            "định (quyet_dinh › ngay trong khen-thuong.yaml)."
        )
    try:
        dossier = compute(HoSoKhenThuong(de_nghi=kinds), on, table)
    except ThiduaError:  # MoneyError among them: the list lacks what the money needs
        return "Tiền thưởng: chưa tính được (thiếu biên chế hoặc cách tính); xem danh sách đề nghị."
    return f"Tổng tiền thưởng dự kiến: {tien(dossier.tong_tien)} ({bang_chu(dossier.tong_tien)})."
