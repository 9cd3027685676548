"""Rule family of "Nơi nhận": its label, its "- …;" lines, the first and the last of them."""

from __future__ import annotations

import re

from thidua_docs.checks.nd30.common import check_format, check_list_line
from thidua_docs.checks.nd30.layout import Layout, article_numbers, recipient_lines
from thidua_docs.checks.nd30.violation import Entry
from thidua_docs.checks.nd30.words import TITLE_KINDS


def recipients(layout: Layout) -> list[Entry]:
    """ "Nơi nhận:" bold italic 12; lines 11 regular, "- Như trên;" first when there is a
    "Kính gửi", "- Như Điều 3;" in a quyết định, "- Lưu: VT, …" last."""
    kind, noi_nhan = layout.kind, layout.noi_nhan
    if kind is None:
        return []
    if noi_nhan is None:
        # A heading longer than the bare tên loại ("BÁO CÁO THÀNH TÍCH") is a form another
        # regulation lays down (Nghị định 98/2023), which has no Nơi nhận.
        form = layout.title is not None and layout.title.key.casefold() not in TITLE_KINDS
        if kind not in ("bien_ban", "danh_sach") and not form:
            return [
                layout.violation(
                    "văn bản",
                    "Nơi nhận",
                    "không có “Nơi nhận:”",
                    "“Nơi nhận:” đậm nghiêng 12, góc dưới bên trái",
                )
            ]
        return []
    out: list[Entry] = []
    label = layout.sub(layout.whole(noi_nhan), r"\s*Nơi\s*nhận\s*:?")
    out += check_format(layout, label, "Nơi nhận", (12,), True, True)
    if not noi_nhan.key.startswith("Nơi nhận:"):
        out.append(layout.violation(noi_nhan, "Nơi nhận", f'viết "{label.text}"', '"Nơi nhận:"'))
    lines = recipient_lines(layout)
    if not lines:
        out.append(
            layout.violation(
                noi_nhan,
                "Nơi nhận",
                "không có danh sách nơi nhận",
                "mỗi nơi nhận một dòng “- …;”, dòng cuối “- Lưu: VT, …”",
            )
        )
        return out
    for position, line in enumerate(lines):
        out += check_format(layout, line, "Nơi nhận", (11,), False, False)
        out += check_list_line(layout, line, position == len(lines) - 1, "Nơi nhận")
    if not re.match(r"^-\s*Lưu\s*:", layout.shown_line(lines[-1])):
        out.append(
            layout.violation(
                lines[-1].para,
                "Nơi nhận",
                "dòng cuối không phải “- Lưu: …”",
                "dòng cuối “- Lưu: VT, …”",
            )
        )
    first = layout.shown_line(lines[0])
    articles = article_numbers(layout.body)
    if kind in ("cong_van", "to_trinh", "bao_cao") and layout.kinh_gui is not None:
        if first != "- Như trên;":
            expected = '"- Như trên;" (văn bản có Kính gửi)'
            out.append(layout.violation(lines[0].para, "Nơi nhận", f'dòng đầu "{first}"', expected))
    elif kind == "quyet_dinh" and 3 in articles:
        named = re.match(r"^- Như Điều (\d+);$", first)
        if named is None or int(named.group(1)) not in articles:
            out.append(
                layout.violation(
                    lines[0].para, "Nơi nhận", f'dòng đầu "{first}"', '"- Như Điều 3;"'
                )
            )
    return out
