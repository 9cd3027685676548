"""Checks several rule families share: the look of a text, a list line, the line under a text.

Each returns the violations it finds (zero or more), for its family to collect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from thidua_docs.checks.nd30.layout import Span, View
from thidua_docs.checks.nd30.violation import Entry
from thidua_docs.checks.nd30.words import EMU_PER_MM, align, mm, num, sizes, style_words, text_mm
from thidua_docs.ooxml.names import WP, A, El, V, to_int


def check_format(
    view: View,
    span: Span,
    rule: str,
    wanted_sizes: Sequence[float] | None,
    bold: bool | None,
    italic: bool | None,
    *,
    upper: bool = False,
    center: bool = False,
) -> list[Entry]:
    """One violation listing every way ``span`` differs from the required look (None: any)."""
    runs = view.runs(span)
    if not runs:
        return []
    p = span.para.element
    fmt = view.fmt
    problems = []
    if wanted_sizes is not None:
        wrong = sorted({fmt.size(p, r.element) for r in runs} - set(wanted_sizes))
        if wrong:
            problems.append("cỡ chữ " + " và ".join(num(s) for s in wrong))
    for wanted, tag, yes, no in (
        (bold, "b", "đậm", "không đậm"),
        (italic, "i", "nghiêng", "không nghiêng"),
    ):
        if wanted is None:
            continue
        flags = [fmt.flag(p, r.element, tag) for r in runs]
        if wanted and not all(flags):
            problems.append(f"chữ {no}")
        elif not wanted and any(flags):
            problems.append(f"chữ {yes}")
    if upper and not view.is_upper(span):
        problems.append("không in hoa")
    if center and fmt.jc(p) != "center":
        problems.append(align(fmt.jc(p)))
    if not problems:
        return []
    expected = [sizes(wanted_sizes)] if wanted_sizes is not None else []
    if bold is not None and italic is not None:
        expected.append(style_words(bold, italic))
    elif bold is not None:
        expected.append("đậm" if bold else "không đậm")
    elif italic is not None:
        expected.append("nghiêng" if italic else "không nghiêng")
    expected += ["in hoa"] * upper + ["căn giữa"] * center
    return [view.violation(span.para, rule, ", ".join(problems), ", ".join(expected))]


def check_list_line(view: View, line: Span, last: bool, rule: str) -> list[Entry]:
    """ "- …;" on every line of a list, "." on the last one."""
    text = view.shown_line(line)
    if not text.startswith(("- ", "+ ")):
        return [view.violation(line.para, rule, "dòng không bắt đầu bằng “- ”", "mỗi dòng “- …;”")]
    if last and not text.endswith("."):
        found = f'dòng cuối kết thúc bằng "{text[-1]}"'
        return [view.violation(line.para, rule, found, 'dòng cuối kết thúc bằng "."')]
    if not last and not text.endswith((";", ":")):
        found = f'dòng kết thúc bằng "{text[-1]}"'
        expected = 'mỗi dòng kết thúc bằng ";", dòng cuối bằng "."'
        return [view.violation(line.para, rule, found, expected)]
    return []


@dataclass(frozen=True)
class _Line:
    """A line found under a text: its style, length in mm (None when not measurable) and
    whether it is the text's own underline."""

    style: str
    length: float | None
    underline: bool = False


def check_line_under(
    view: View,
    span: Span,
    rule: str,
    ratio: tuple[float, float],
    expected: str,
    *,
    chars: int | None = None,
    underline_counts: bool = False,
) -> list[Entry]:
    """A solid line under ``span`` — its paragraph's bottom border, the next paragraph's top
    border (or bottom border of an empty one), or a drawn line — no shorter or longer than
    ``ratio`` times the text's estimated width (estimated at half an em per character)."""
    para = span.para
    fmt = view.fmt
    size = max((fmt.size(para.element, r.element) for r in view.runs(span)), default=13.0)
    width_mm = min(text_mm(chars or len(span.text), size), mm(view.available_width(para)))
    lines: list[_Line] = []
    style = fmt.border(para.element, "bottom")
    if style:
        lines.append(_Line(style, mm(view.available_width(para))))
    following = view.following(para)
    if following is not None and view.same_cell(para, following):
        for side in ("top", "bottom") if not following.key else ("top",):
            style = fmt.border(following.element, side)
            if style:
                lines.append(_Line(style, mm(view.available_width(following))))
    underlines = {fmt.underline(para.element, r.element) for r in view.runs(span)}
    if underlines and "none" not in underlines:
        # Underlining the text draws a line exactly as long as the text.
        style = "single" if underlines <= {"single", "thick"} else sorted(underlines)[0]
        lines.append(_Line(style, None if underline_counts else width_mm, underline=True))
    here = view.position[id(para)]
    for other in view.paras[max(here - 2, 0) : here + 3]:
        if view.same_cell(para, other) and not other.boxed:
            lines += _drawn_lines(other.element)
    if not lines:
        return [view.violation(para, rule, "không có đường kẻ bên dưới", expected)]
    solid = [line for line in lines if line.style in ("single", "thick", "solid")]
    if not solid:
        return [view.violation(para, rule, f"đường kẻ kiểu {lines[0].style}", expected)]
    if any(line.length is None for line in solid):
        return []  # a drawn line whose length the file does not give
    low, high = ratio
    best = min(solid, key=lambda line: abs((line.length or 0) - width_mm * (low + high) / 2))
    length = best.length or 0.0
    if length > width_mm * high and best.underline:
        return [view.violation(para, rule, "gạch chân cả dòng chữ", expected)]
    if length > width_mm * high:
        found = f"đường kẻ dài khoảng {round(length)} mm, dòng chữ khoảng {round(width_mm)} mm"
        return [view.violation(para, rule, found, expected)]
    if length < width_mm * low:
        found = f"đường kẻ chỉ dài khoảng {round(length)} mm, dòng chữ khoảng {round(width_mm)} mm"
        return [view.violation(para, rule, found, expected)]
    return []


def _drawn_lines(p: El) -> list[_Line]:
    """Lines drawn as shapes anchored in a paragraph (DrawingML with its length, or VML)."""
    lines = []
    for geometry in p.iter(f"{{{A}}}prstGeom"):
        if geometry.get("prst") not in ("line", "straightConnector1"):
            continue
        holder = next(
            (
                a
                for a in geometry.iterancestors()
                if a.tag in (f"{{{WP}}}anchor", f"{{{WP}}}inline")
            ),
            None,
        )
        extent = holder.find(f"{{{WP}}}extent") if holder is not None else None
        length = to_int(extent.get("cx")) / EMU_PER_MM if extent is not None else None
        dash = geometry.getparent().find(f"{{{A}}}ln/{{{A}}}prstDash")
        lines.append(_Line(dash.get("val") if dash is not None else "solid", length))
    if not lines:  # old Word: VML lines, present but not measurable here
        for shape in p.iter(f"{{{V}}}line", f"{{{V}}}shape"):
            if shape.tag == f"{{{V}}}shape" and "_x0000_t32" not in (shape.get("type") or ""):
                continue
            stroke = shape.find(f"{{{V}}}stroke")
            dash = stroke.get("dashstyle") if stroke is not None else None
            lines.append(_Line("solid" if dash in (None, "solid") else str(dash), None))
    return lines
