"""Rule families of the page: paper size, orientation and margins; page numbers.

What a file cannot tell (the laid-out page) is estimated: a one-page document needs no number,
and the page count comes from text length at half an em per character, sizes and spacing.
"""

from __future__ import annotations

import math
import re
from typing import Final

from thidua_docs.checks.nd30.layout import Layout
from thidua_docs.checks.nd30.violation import Entry
from thidua_docs.checks.nd30.words import EM_PER_CHAR, SINGLE_LINE_EM, align, mm, num
from thidua_docs.ooxml.names import RUN, TBL, TC, TR, El, T, nearest, on, val, w
from thidua_docs.ooxml.reader import Paragraph

#: Above this many estimated pages a document needs page numbers; the margin absorbs the
#: estimate's error, so a one-page letter is never asked for a number.
_MULTI_PAGE: Final = 1.1


def page_setup(layout: Layout) -> list[Entry]:
    """A4 portrait (landscape only for a list), margins 20–25 / 20–25 / 30–35 / 15–20 mm."""
    out: list[Entry] = []
    several = len(layout.doc.sections) > 1
    for number, section in enumerate(layout.doc.sections, start=1):
        prefix = f"phần {number}: " if several else ""
        width, height = mm(section.width), mm(section.height)
        if abs(min(width, height) - 210) > 1 or abs(max(width, height) - 297) > 1:
            found = f"{prefix}khổ giấy {round(width)} × {round(height)} mm"
            out.append(layout.violation("trang", "Khổ giấy", found, "A4 210 × 297 mm"))
        elif width > height and not _landscape_allowed(layout, number - 1):
            found = f"{prefix}trang nằm ngang"
            expected = "trang đứng (chỉ danh sách được nằm ngang)"
            out.append(layout.violation("trang", "Khổ giấy", found, expected))
        margins = (
            ("trên", section.top, 20, 25),
            ("dưới", section.bottom, 20, 25),
            ("trái", section.left, 30, 35),
            ("phải", section.right, 15, 20),
        )
        wrong = [m for m in margins if not m[2] - 0.1 <= mm(m[1]) <= m[3] + 0.1]
        if width > height:
            # Turned to landscape, Word rotates the margins: the binding edge becomes the top.
            rotated = ((30, 35), (15, 20), (20, 25), (20, 25))
            if all(
                low - 0.1 <= mm(m[1]) <= high + 0.1
                for m, (low, high) in zip(margins, rotated, strict=True)
            ):
                wrong = []
        for name, value, low, high in wrong:  # 0.1 mm: Word stores whole twips (0.02 mm)
            found = f"{prefix}lề {name} {num(round(mm(value), 1))} mm"
            out.append(layout.violation("trang", "Lề trang", found, f"lề {name} {low}–{high} mm"))
    return out


def _landscape_allowed(layout: Layout, section: int) -> bool:
    if "danh_sach" in (layout.requested, layout.detected):
        return True
    # A list attached to a quyết định, in its own section, may be landscape too.
    return any(
        p.section == section and p.key.upper().startswith("DANH SÁCH") and layout.kem_theo(p)
        for p in layout.paras
    )


def page_numbers(layout: Layout) -> list[Entry]:
    """Arabic page numbers, centred at the top, 13–14 upright, none on page 1."""
    out: list[Entry] = []
    doc, fmt = layout.doc, layout.fmt
    section = doc.sections[0]
    headers = section.refs("headerReference")
    default = _page_fields(doc.part_paragraphs(headers.get("default")))
    expected = "số trang ở giữa đầu trang, từ trang 2"
    if not default:
        if _estimated_pages(layout) > _MULTI_PAGE:
            footers = section.refs("footerReference")
            in_footer = _page_fields(doc.part_paragraphs(footers.get("default")))
            found = "số trang đặt ở chân trang" if in_footer else "không có số trang"
            out.append(layout.violation("đầu trang", "Số trang", found, expected))
        return out
    if not on(section.sect_pr.find(w("titlePg"))):
        found = "số trang hiện cả ở trang 1 (chưa chọn “trang đầu khác”)"
        out.append(layout.violation("đầu trang", "Số trang", found, "trang 1 không đánh số"))
    elif _page_fields(doc.part_paragraphs(headers.get("first"))):
        found = "trang 1 có số trang"
        out.append(layout.violation("đầu trang", "Số trang", found, "trang 1 không đánh số"))
    para, instr, runs = default[0]
    style = val(section.sect_pr.find(w("pgNumType")), "fmt") or "decimal"
    switch = re.search(r"\\\*\s*(\w+)", instr)
    if switch and switch.group(1).lower() in ("roman", "alphabetic", "ordinal", "cardtext"):
        style = switch.group(1)
    if style not in ("decimal", "arabic", "Arabic"):
        found = f"số trang kiểu {style}"
        out.append(layout.violation("đầu trang", "Số trang", found, "chữ số Ả Rập"))
    problems = []
    jc = fmt.jc(para.element)
    if jc != "center" and not (para.text.startswith("\t") and _has_center_tab(layout, para)):
        problems.append(align(jc))
    wrong = sorted({fmt.size(para.element, r) for r in runs} - {13.0, 14.0})
    if wrong:
        problems.append("cỡ chữ " + " và ".join(num(s) for s in wrong))
    if any(fmt.flag(para.element, r, "b") for r in runs):
        problems.append("chữ đậm")
    if any(fmt.flag(para.element, r, "i") for r in runs):
        problems.append("chữ nghiêng")
    if problems:
        found = "số trang " + ", ".join(problems)
        expected = "13–14, không đậm, không nghiêng, căn giữa"
        out.append(layout.violation("đầu trang", "Số trang", found, expected))
    return out


def _page_fields(paras: tuple[Paragraph, ...]) -> list[tuple[Paragraph, str, list[El]]]:
    """PAGE fields of a header or footer: (paragraph, instruction, runs showing the number)."""
    fields = []
    for para in paras:
        for simple in para.element.iter(w("fldSimple")):
            instr = simple.get(w("instr")) or ""
            if instr.split()[:1] == ["PAGE"]:
                fields.append((para, instr, list(simple.iter(RUN))))
        instr, state = "", ""
        result: list[El] = []
        code: list[El] = []
        for run in para.element.iter(RUN):
            kind = val(run.find(w("fldChar")), "fldCharType")
            if kind == "begin":
                instr, result, code, state = "", [], [run], "code"
            elif kind == "separate":
                state = "result"
            elif kind == "end" and state:
                if instr.split()[:1] == ["PAGE"]:
                    # Word shows the number in the result's formatting, else the code's.
                    fields.append((para, instr, result or code))
                state = ""
            elif state == "code":
                code.append(run)
                instr += "".join(piece.text or "" for piece in run.iter(w("instrText")))
            elif state == "result" and run.find(T) is not None:
                result.append(run)
    return fields


def _has_center_tab(layout: Layout, para: Paragraph) -> bool:
    return any(
        val(tab) == "center"
        for layer in layout.fmt.para_layers(para.element)
        for tab in layer.iter(w("tab"))
    )


def _estimated_pages(layout: Layout) -> float:
    """Pages the body fills, estimated from text length, sizes and spacing (0.5 em a char)."""
    fmt = layout.fmt
    section = layout.doc.sections[0]
    page = section.text_height / 20  # pt
    by_element = {p.element: p for p in layout.paras}

    def paragraph_height(para: Paragraph, width: float) -> float:
        size = layout.para_size(para)
        spacing = fmt.spacing(para.element)
        ind = fmt.indent(para.element, size)
        avail = max(width - (ind.left + ind.right) / 20, 72.0)
        text = len(para.numbered) * EM_PER_CHAR * size + max(ind.first, 0) / 20
        lines = max(1, math.ceil(text / avail))
        if spacing.rule == "exact" and spacing.line:
            line = spacing.line / 20
        elif spacing.rule == "atLeast" and spacing.line:
            line = max(spacing.line / 20, size * SINGLE_LINE_EM)
        else:
            line = size * SINGLE_LINE_EM * (spacing.line or 240) / 240
        return lines * line + spacing.before + spacing.after

    def height(element: El, width: float) -> float:
        if element.tag == w("p"):
            para = by_element.get(element)
            return paragraph_height(para, width) if para is not None else 0.0
        if element.tag != TBL:
            return sum(height(child, width) for child in element)
        total = 0.0
        for row in element.iter(TR):
            if nearest(row, TBL) is not element:
                continue
            cells = [tc for tc in row.iter(TC) if nearest(tc, TR) is row]
            tallest = 0.0
            for col, tc in enumerate(cells):
                tc_width = fmt.tc_width(tc, element, col)
                cell_width = tc_width / 20 if tc_width else width / max(len(cells), 1)
                cell_width -= fmt.cell_margins(tc, element) / 20
                tallest = max(tallest, sum(height(child, cell_width) for child in tc))
            total += tallest
        return total

    pages, position = 0, 0.0
    for child in layout.doc.body:
        breaks = child.tag == w("p") and (
            any(val(br, "type") == "page" for br in child.iter(w("br")))
            or bool(on(child.find(f"{w('pPr')}/{w('pageBreakBefore')}")))
        )
        if breaks and position > 0:
            pages, position = pages + 1, 0.0
        position += height(child, section.text_width / 20)
        while position > page:
            pages, position = pages + 1, position - page
    return pages + position / page
