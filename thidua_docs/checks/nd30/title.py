"""Rule family of what stands under the header: tên loại and trích yếu, a công văn's "V/v …",
a quyết định's issuing authority, a list's "(Kèm theo …)" line, "Kính gửi:" and its addressees."""

from __future__ import annotations

from thidua_docs.checks.nd30.common import check_format, check_line_under, check_list_line
from thidua_docs.checks.nd30.layout import Layout
from thidua_docs.checks.nd30.violation import Entry
from thidua_docs.checks.nd30.words import TITLES


def title_block(layout: Layout) -> list[Entry]:
    """The document's name and subject, and whom a công văn, tờ trình or báo cáo is sent to."""
    kind = layout.kind
    if kind is None:
        return []
    out = _vv(layout) if kind == "cong_van" else _title(layout, kind)
    if layout.kinh_gui is not None:
        out += _kinh_gui(layout)
    elif kind == "cong_van":
        out.append(
            layout.violation(
                "văn bản",
                "Kính gửi",
                "công văn không có “Kính gửi:”",
                "“Kính gửi:” và nơi nhận công văn",
            )
        )
    return out


def _vv(layout: Layout) -> list[Entry]:
    """A công văn's trích yếu: "V/v …" under the number, 12–13 regular."""
    vv = layout.vv
    if vv is None:
        return [
            layout.violation(
                "văn bản",
                "Trích yếu công văn",
                "không có dòng “V/v …”",
                "“V/v …” dưới số, ký hiệu, cỡ chữ 12–13",
            )
        ]
    lines = [vv]
    if vv.cell is not None:  # the trích yếu may run on in more paragraphs of its cell
        lines = [p for p in layout.cell_paras(vv) if p.index >= vv.index and p.key]
    out: list[Entry] = []
    for para in lines:
        out += check_format(
            layout, layout.whole(para), "Trích yếu công văn", (12, 13), False, False
        )
    return out


def _title(layout: Layout, kind: str) -> list[Entry]:
    """Tên loại in capitals, bold, centred; the trích yếu bold under it with a short line."""
    title = layout.title
    if title is None:
        name = TITLES.get(kind, "DANH SÁCH …")
        return [
            layout.violation(
                "văn bản",
                "Tên loại",
                f"không có tên loại “{name}”",
                f"“{name}” in hoa, đậm, 13–14, căn giữa",
            )
        ]
    out = check_format(
        layout, layout.whole(title), "Tên loại", (13, 14), True, False, upper=True, center=True
    )
    if kind == "danh_sach":
        for para in layout.attached_note:
            out += check_format(
                layout, layout.whole(para), "Dòng kèm theo", None, None, True, center=True
            )
        return out
    summary = layout.summary
    if not summary:
        out.append(
            layout.violation(
                title,
                "Trích yếu",
                "không có trích yếu dưới tên loại",
                "trích yếu ngay dưới tên loại, đậm, 13–14",
            )
        )
        return out
    for para in summary:
        out += check_format(layout, layout.whole(para), "Trích yếu", (13, 14), True, False)
    out += check_line_under(
        layout,
        layout.whole(summary[-1]),
        "Đường kẻ dưới trích yếu",
        (0.25, 0.75),
        "đường kẻ liền, dài 1/3–1/2 dòng trích yếu",
        chars=max(len(" ".join(line.split())) for p in summary for line in p.text.split("\n")),
    )
    for para in layout.authority:  # only a quyết định has one
        out += check_format(
            layout,
            layout.whole(para),
            "Thẩm quyền ban hành",
            None,
            True,
            False,
            upper=True,
            center=True,
        )
    return out


def _kinh_gui(layout: Layout) -> list[Entry]:
    """ "Kính gửi:" 13–14 regular; each addressee a "- …;" line, the last ending in "."."""
    assert layout.kinh_gui is not None
    out = check_format(layout, layout.whole(layout.kinh_gui), "Kính gửi", (13, 14), False, False)
    lines = layout.addressees
    for position, line in enumerate(lines):
        out += check_format(layout, layout.whole(line), "Kính gửi", (13, 14), False, False)
        out += check_list_line(layout, layout.whole(line), position == len(lines) - 1, "Kính gửi")
    return out
