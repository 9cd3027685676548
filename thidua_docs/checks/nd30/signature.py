"""Rule family of the signature block: the signer's authority and title, the name; a biên
bản's two signatures."""

from __future__ import annotations

from thidua_docs.checks.nd30.common import check_format
from thidua_docs.checks.nd30.layout import Layout, Span, recipient_lines
from thidua_docs.checks.nd30.violation import END, Entry
from thidua_docs.checks.nd30.words import CHAIRS, HONORIFIC

_AUTHORITY_RULE = "Quyền hạn, chức vụ người ký"


def signature(layout: Layout) -> list[Entry]:
    """Every signature: authority lines in capitals, bold 13–14, above the signing space; the
    name bold 13–14 below it, without honorific; THƯ KÝ left and CHỦ TỌA right in a biên bản."""
    if layout.kind is None:
        return []
    out: list[Entry] = []
    groups = [g for g in _signer_groups(layout) if any(span is not None for span in g)]
    if layout.kind == "bien_ban":
        out += _bien_ban_signers(layout)
    elif not groups and layout.kind != "danh_sach":
        out.append(
            layout.violation(
                "văn bản",
                "Chữ ký",
                "không có chức vụ và họ tên người ký",
                "chức vụ in hoa đậm 13–14, họ tên đậm 13–14",
            )
        )
    for group in groups:
        out += _signer(layout, group)
    return out


def _signer_groups(layout: Layout) -> list[list[Span | None]]:
    """Each signature as a column of lines (None for a blank line): each cell of the
    signature table but Nơi nhận's, or the signature column of the block below the body."""
    if layout.sig_table is not None:
        cells: dict[int, list[Span | None]] = {}
        for para in layout.paras:
            if para.cell is None or para.boxed or layout.outer_table(para) is not layout.sig_table:
                continue
            if layout.noi_nhan is not None and layout.same_cell(para, layout.noi_nhan):
                continue
            cells.setdefault(id(para.cell.tc), []).append(layout.whole(para) if para.key else None)
        return list(cells.values())
    if layout.sig_start >= END:
        return []
    listed = {id(span.para) for span in recipient_lines(layout)}
    if layout.noi_nhan is not None:
        listed.add(id(layout.noi_nhan))
    column: list[Span | None] = []
    section = None
    for para in layout.paras:
        if para.index < layout.sig_start or para.boxed:
            continue
        section = para.section if section is None else section
        if para.section != section or layout.starts_page(para) or _is_list_title(para.key):
            break  # an attached list or appendix follows the signature
        spans = layout.segments(para)[1:] if id(para) in listed else layout.segments(para)
        column.append(spans[-1] if spans else None)
    return [column]


def _is_list_title(key: str) -> bool:
    return key.upper().startswith(("DANH SÁCH", "PHỤ LỤC"))


def _signer(layout: Layout, group: list[Span | None]) -> list[Entry]:
    """Authority lines (KT./TM.…, title) above the signing space, the name below it."""

    def note(span: Span) -> bool:
        return span.text.startswith("(") and span.text.endswith(")")  # "(Đã ký)"…

    out: list[Entry] = []
    lines = [s for s in group if s is not None and not note(s)]
    if not lines:
        return out
    # The blank lines left for the signature and seal split authority from the name;
    # without them the last line is the name.
    gap = next((i for i, s in enumerate(group) if s is None and any(group[:i])), len(group))
    below = [s for s in group[gap:] if s is not None and not note(s)]
    if below:
        authority, name = [s for s in lines if s not in below], below[0]
        for extra in below[1:]:
            # A post the signer also holds may be captioned under the name in regular type
            # ("Chủ tịch Hội đồng Thi đua - Khen thưởng …", as in the plans BHXH Việt Nam
            # issues); another bold or capitalised line there is a second name or title.
            if layout.all_bold(extra) or layout.is_upper(extra):
                out.append(
                    layout.violation(
                        extra.para,
                        "Chữ ký",
                        "có dòng đậm hoặc in hoa dưới họ tên người ký",
                        "họ tên người ký là dòng cuối của chữ ký (chỉ cho phép dòng chức danh kiêm nhiệm, chữ thường)",
                    )
                )
    else:
        authority, name = lines[:-1], lines[-1]
    if not authority and layout.is_upper(name):
        out += check_format(layout, name, _AUTHORITY_RULE, (13, 14), True, False, upper=True)
        out.append(
            layout.violation(
                name.para,
                "Họ tên người ký",
                "không có họ tên người ký dưới chức vụ",
                "họ tên người ký, đậm, 13–14",
            )
        )
        return out
    for span in authority:
        out += check_format(layout, span, _AUTHORITY_RULE, (13, 14), True, False, upper=True)
    out += check_format(layout, name, "Họ tên người ký", (13, 14), True, False)
    if HONORIFIC.match(name.text):
        out.append(
            layout.violation(
                name.para,
                "Họ tên người ký",
                f'có "{name.text.split()[0]}" trước họ tên',
                "chỉ ghi họ tên, không có danh xưng, học hàm, học vị",
            )
        )
    elif layout.is_upper(name):
        out.append(
            layout.violation(
                name.para,
                "Họ tên người ký",
                "họ tên in hoa toàn bộ",
                "họ tên chữ thường, viết hoa chữ cái đầu mỗi tiếng",
            )
        )
    return out


def _bien_ban_signers(layout: Layout) -> list[Entry]:
    spans = [s for p in layout.paras if p.index >= layout.sig_start for s in layout.segments(p)]
    secretary = next((s for s in spans if s.text == "THƯ KÝ"), None)
    chair = next((s for s in spans if s.text in CHAIRS), None)
    if secretary is None or chair is None:
        missing = " và ".join(
            name for name, span in (("THƯ KÝ", secretary), ("CHỦ TỌA", chair)) if span is None
        )
        return [
            layout.violation(
                "văn bản",
                "Chữ ký biên bản",
                f"không có chữ ký {missing}",
                "THƯ KÝ ký bên trái, CHỦ TỌA ký bên phải",
            )
        ]
    one, other = secretary.para, chair.para
    if one is other:
        swapped = secretary.start > chair.start
    else:
        swapped = one.cell is not None and other.cell is not None and one.cell.col > other.cell.col
    if swapped:
        return [
            layout.violation(
                one,
                "Chữ ký biên bản",
                "THƯ KÝ ký bên phải, CHỦ TỌA bên trái",
                "THƯ KÝ ký bên trái, CHỦ TỌA ký bên phải",
            )
        ]
    return []
