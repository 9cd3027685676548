"""Rule family of the body text: one size, justified, indented, spaced; numbering in order."""

from __future__ import annotations

import re

from thidua_docs.checks.nd30.common import check_format
from thidua_docs.checks.nd30.layout import Layout
from thidua_docs.checks.nd30.violation import Entry
from thidua_docs.checks.nd30.words import (
    DIEM,
    DIEM_LETTERS,
    DIEU,
    KHOAN,
    PART,
    ROMAN,
    SINGLE_LINE_EM,
    align,
    mm,
    num,
    roman_value,
)
from thidua_docs.ooxml.names import style_id
from thidua_docs.ooxml.numbering import roman
from thidua_docs.ooxml.reader import Paragraph


def body_text(layout: Layout) -> list[Entry]:
    """One size 13 or 14 for all body text; justified, indented, spaced; numbering order."""
    if layout.kind is None:
        return []
    out: list[Entry] = []
    fmt = layout.fmt
    weights: dict[float, int] = {}
    sizes: dict[int, set[float]] = {}
    for para in layout.body:
        for run in layout.runs(layout.whole(para)):
            if fmt.superscript(para.element, run.element):
                continue  # footnote marks are smaller on purpose
            size = fmt.size(para.element, run.element)
            sizes.setdefault(para.index, set()).add(size)
            weights[size] = weights.get(size, 0) + len(run.text.strip())
    main = max(weights, key=lambda s: weights[s]) if weights else 14.0
    for para in layout.body:
        if main in (13.0, 14.0):
            other = sorted(sizes.get(para.index, set()) - {main})
            expected = f"{num(main)} như toàn bộ nội dung (một cỡ chữ, 13 hoặc 14)"
        else:
            other = sorted(sizes.get(para.index, set()) - {13.0, 14.0})
            expected = "13 hoặc 14, một cỡ chữ cho toàn bộ nội dung"
        if other:
            found = "cỡ chữ " + " và ".join(num(s) for s in other)
            out.append(layout.violation(para, "Cỡ chữ nội dung", found, expected))
    body = layout.body
    for position, para in enumerate(body):
        if para.key != "QUYẾT ĐỊNH:":  # centred by its own rule
            following = body[position + 1] if position + 1 < len(body) else None
            out += _paragraph_layout(layout, para, following)
    out += _numbering(layout)
    return out


def _paragraph_layout(layout: Layout, para: Paragraph, next_body: Paragraph | None) -> list[Entry]:
    out: list[Entry] = []
    fmt = layout.fmt
    jc = fmt.jc(para.element)
    if jc not in ("both", "distribute"):
        out.append(layout.violation(para, "Căn lề nội dung", align(jc), "căn đều hai lề"))
    size = layout.para_size(para)
    first = mm(fmt.indent(para.element, size).first)
    if not (abs(first - 10) <= 0.5 or abs(first - 12.7) <= 0.5):
        amount = num(round(abs(first), 1))
        found = f"thụt lề treo {amount} mm" if first < 0 else f"thụt đầu dòng {amount} mm"
        out.append(
            layout.violation(para, "Thụt đầu dòng", found, "thụt đầu dòng 10 mm hoặc 12,7 mm")
        )
    spacing = fmt.spacing(para.element)
    if next_body is not None and layout.following(para) is next_body:
        after, before = spacing.after, fmt.spacing(next_body.element).before
        if style_id(para.element) == style_id(next_body.element):
            # Word drops the space between paragraphs of one style with contextual spacing.
            after = 0.0 if fmt.contextual(para.element) else after
            before = 0.0 if fmt.contextual(next_body.element) else before
        gap = max(after, before)  # Word uses the larger of the two, it does not add them
        if gap < 6:
            out.append(
                layout.violation(
                    para,
                    "Khoảng cách đoạn",
                    f"cách đoạn sau {num(gap)} pt",
                    "cách đoạn sau tối thiểu 6 pt",
                )
            )
    line = spacing.line
    if line is None:
        return out
    if spacing.rule not in ("exact", "atLeast"):
        if not 240 <= line <= 360:
            out.append(
                layout.violation(
                    para,
                    "Giãn dòng",
                    f"giãn dòng {num(round(line / 240, 2))} dòng",
                    "từ 1 dòng (single) đến 1,5 dòng",
                )
            )
        return out
    points, high = line / 20, 1.5 * SINGLE_LINE_EM * size
    if points > high + 0.05 or (spacing.rule == "exact" and points < size):
        word = "chính xác" if spacing.rule == "exact" else "tối thiểu"
        expected = f"từ 1 dòng (single) đến 1,5 dòng ({num(size)}–{num(round(high, 1))} pt)"
        out.append(
            layout.violation(para, "Giãn dòng", f"giãn dòng {word} {num(points)} pt", expected)
        )
    return out


def _numbering(layout: Layout) -> list[Entry]:
    """Phần A, B… and mục I, II… upper bold; khoản 1, 2… and điểm a, b… in order (each part
    numbers its sections and items afresh); Điều 1, 2… bold."""
    out: list[Entry] = []
    roman_no = khoan = dieu = 0
    letter = part_no = -1
    for para in layout.body:
        text = para.numbered
        part = PART.match(text)
        heading = ROMAN.match(text)
        article = DIEU.match(para.key)
        number = KHOAN.match(text) if not re.match(r"^\d+\.\d", text) else None
        point = DIEM.match(text)
        if part and not heading:
            value = ord(part.group("p")) - ord("A")
            if value != part_no + 1:
                found = (
                    f"phần {part.group('p')} sau phần {chr(ord('A') + part_no)}"
                    if part_no >= 0
                    else f"phần {part.group('p')} mở đầu"
                )
                expected = f"phần {chr(ord('A') + part_no + 1)}"
                out.append(layout.violation(para, "Số thứ tự phần", found, expected))
            part_no, roman_no, khoan, letter = value, 0, 0, -1
            out += check_format(
                layout, layout.whole(para), "Tiêu đề phần", None, True, None, upper=True
            )
        elif heading and heading.group("n"):
            value = roman_value(heading.group("n"))
            if value != roman_no + 1:
                found = (
                    f"mục {heading.group('n')} sau mục {roman(roman_no)}"
                    if roman_no
                    else f"mục {heading.group('n')} mở đầu"
                )
                out.append(
                    layout.violation(para, "Số thứ tự mục", found, f"mục {roman(roman_no + 1)}")
                )
            roman_no, khoan, letter = value, 0, -1
            out += check_format(
                layout, layout.whole(para), "Tiêu đề mục", None, True, None, upper=True
            )
        elif article:
            value = int(article.group("n"))
            if value != dieu + 1:
                found = f"Điều {value} sau Điều {dieu}" if dieu else f"Điều {value} mở đầu"
                out.append(layout.violation(para, "Số thứ tự Điều", found, f"Điều {dieu + 1}"))
            dieu, khoan, letter = value, 0, -1
            label = layout.sub(layout.whole(para), r"Điều\s+\d+\s*\.")
            out += check_format(layout, label, "Điều", None, True, None)
        elif number:
            value = int(number.group("n"))
            if value != khoan + 1:
                found = f"khoản {value} sau khoản {khoan}" if khoan else f"khoản {value} mở đầu"
                out.append(layout.violation(para, "Số thứ tự khoản", found, f"khoản {khoan + 1}"))
            khoan, letter = value, -1
        elif point:
            found_letter = point.group("l")
            wanted = DIEM_LETTERS[letter + 1] if letter + 1 < len(DIEM_LETTERS) else None
            if found_letter != wanted:
                found = (
                    f"điểm {found_letter} sau điểm {DIEM_LETTERS[letter]}"
                    if letter >= 0
                    else f"điểm {found_letter} mở đầu"
                )
                expected = f"điểm {wanted}" if wanted else "điểm theo thứ tự a b c d đ e g h…"
                out.append(layout.violation(para, "Thứ tự điểm", found, expected))
            if found_letter in DIEM_LETTERS:
                letter = DIEM_LETTERS.index(found_letter)
            else:
                letter += 1
    return out
