"""Effective formatting (thidua_docs.ooxml.styles) on small hand-built packages.

Each case is one real way Word files set formatting: document defaults, paragraph style chains,
character styles, direct formatting, table styles, numbering levels, theme fonts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua_docs.ooxml.reader import Document, read_document
from thidua_docs.ooxml.styles import Font, Formatting

from .package import make_docx, para, run, style

TNR = "Times New Roman"
_NORMAL = style("paragraph", "Normal", default=True)
_DEFAULTS = (
    '<w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="SimSun"/>'
    '<w:sz w:val="24"/></w:rPr></w:rPrDefault>'
)


def _read(tmp_path: Path, body: str, styles: str = _NORMAL, **parts: str) -> Document:
    return read_document(make_docx(tmp_path / "t.docx", body, styles=styles, **parts))


def _first_run(doc: Document) -> tuple[Formatting, object, object]:
    p = doc.paragraphs[0]
    return Formatting(doc.styles, doc.numbering), p.element, p.runs[0].element


# (case, styles, paragraph properties, run properties, expected size, bold, italic)
RUN_CASES = [
    ("docDefaults only", _NORMAL, "", "", 12.0, False, False),
    ("nothing sets a size: Word's 10 pt", _NORMAL, "", "", 10.0, False, False),
    (
        "paragraph style inherits size from basedOn, adds bold",
        _NORMAL
        + style("paragraph", "Base", '<w:rPr><w:sz w:val="28"/><w:i/></w:rPr>')
        + style("paragraph", "Head", "<w:rPr><w:b/></w:rPr>", based="Base"),
        '<w:pStyle w:val="Head"/>',
        "",
        14.0,
        True,
        True,
    ),
    (
        "no pStyle: the default paragraph style applies",
        style("paragraph", "Normal", '<w:rPr><w:sz w:val="26"/></w:rPr>', default=True),
        "",
        "",
        13.0,
        False,
        False,
    ),
    (
        "unknown pStyle: the default paragraph style applies",
        style("paragraph", "Normal", '<w:rPr><w:sz w:val="26"/></w:rPr>', default=True),
        '<w:pStyle w:val="Missing"/>',
        "",
        13.0,
        False,
        False,
    ),
    (
        "character style turns the paragraph style's bold off",
        _NORMAL
        + style("paragraph", "Bold", "<w:rPr><w:b/></w:rPr>")
        + style("character", "Plain", '<w:rPr><w:b w:val="0"/></w:rPr>'),
        '<w:pStyle w:val="Bold"/>',
        '<w:rStyle w:val="Plain"/>',
        12.0,
        False,
        False,
    ),
    (
        # The nearest layer wins; toggles are not XOR-ed across style levels.
        "bold in both character and paragraph style stays bold",
        _NORMAL
        + style("paragraph", "Bold", "<w:rPr><w:b/></w:rPr>")
        + style("character", "Strong", "<w:rPr><w:b/></w:rPr>"),
        '<w:pStyle w:val="Bold"/>',
        '<w:rStyle w:val="Strong"/>',
        12.0,
        True,
        False,
    ),
    (
        "direct formatting beats the character style",
        _NORMAL + style("character", "Strong", '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr>'),
        "",
        '<w:rStyle w:val="Strong"/><w:b w:val="false"/><w:sz w:val="27"/>',
        13.5,
        False,
        False,
    ),
    (
        "character style inherits through basedOn",
        _NORMAL
        + style("character", "Base", "<w:rPr><w:i/></w:rPr>")
        + style("character", "Derived", '<w:rPr><w:sz w:val="22"/></w:rPr>', based="Base"),
        "",
        '<w:rStyle w:val="Derived"/>',
        11.0,
        False,
        True,
    ),
    (
        "a basedOn cycle ends",
        _NORMAL
        + style("paragraph", "A", '<w:rPr><w:sz w:val="30"/></w:rPr>', based="B")
        + style("paragraph", "B", "<w:rPr><w:b/></w:rPr>", based="A"),
        '<w:pStyle w:val="A"/>',
        "",
        15.0,
        True,
        False,
    ),
]


@pytest.mark.parametrize(
    ("styles", "ppr", "rpr", "size", "bold", "italic"),
    [case[1:] for case in RUN_CASES],
    ids=[case[0] for case in RUN_CASES],
)
def test_run_properties(
    tmp_path: Path, styles: str, ppr: str, rpr: str, size: float, bold: bool, italic: bool
) -> None:
    defaults = "" if size == 10.0 else _DEFAULTS
    doc = _read(tmp_path, para(run("x", rpr), ppr=ppr), styles, doc_defaults=defaults)
    fmt, p, r = _first_run(doc)
    assert (fmt.size(p, r), fmt.flag(p, r, "b"), fmt.flag(p, r, "i")) == (size, bold, italic)


_THEME = '<a:majorFont><a:latin typeface="Cambria"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/></a:minorFont>'

# (case, run rFonts, theme part, expected {slot: font})
FONT_CASES = [
    (
        "run sets eastAsia and ascii; hAnsi comes from docDefaults",
        '<w:rFonts w:eastAsia="MS Mincho" w:ascii="Times New Roman"/>',
        None,
        {"ascii": Font(TNR), "hAnsi": Font("Arial"), "eastAsia": Font("MS Mincho")},
    ),
    (
        "eastAsia alone on the run does not set ascii",
        '<w:rFonts w:eastAsia="Times New Roman"/>',
        None,
        {"ascii": Font("Arial"), "hAnsi": Font("Arial"), "eastAsia": Font(TNR)},
    ),
    (
        "a theme attribute overrides the name on the same element",
        '<w:rFonts w:ascii="Times New Roman" w:asciiTheme="minorHAnsi" w:hAnsiTheme="majorHAnsi"/>',
        _THEME,
        {"ascii": Font("Calibri", "minorHAnsi"), "hAnsi": Font("Cambria", "majorHAnsi")},
    ),
    (
        "without a theme part the theme font is named by its attribute",
        '<w:rFonts w:asciiTheme="minorHAnsi"/>',
        None,
        {"ascii": Font("minorHAnsi", "minorHAnsi"), "hAnsi": Font("Arial")},
    ),
]


@pytest.mark.parametrize(
    ("rfonts", "theme", "expected"),
    [case[1:] for case in FONT_CASES],
    ids=[case[0] for case in FONT_CASES],
)
def test_fonts(tmp_path: Path, rfonts: str, theme: str | None, expected: dict[str, Font]) -> None:
    path = make_docx(
        tmp_path / "t.docx",
        para(run("x", rfonts)),
        styles=_NORMAL,
        doc_defaults=_DEFAULTS,
        **({"theme": theme} if theme else {}),
    )
    doc = read_document(path)
    styles = doc.package.styles(doc.part, theme=True)
    fmt = Formatting(styles, doc.numbering)
    p = doc.paragraphs[0]
    found = {slot: fmt.font(p.element, p.runs[0].element, slot) for slot in expected}
    assert found == expected


def test_no_font_anywhere_is_none(tmp_path: Path) -> None:
    fmt, p, r = _first_run(_read(tmp_path, para(run("x"))))
    assert fmt.font(p, r, "ascii") is None


def test_table_style_sits_below_the_paragraph_style(tmp_path: Path) -> None:
    styles = style("paragraph", "Normal", "<w:rPr><w:i/></w:rPr>", default=True) + style(
        "table", "Grid", '<w:rPr><w:sz w:val="22"/><w:i w:val="0"/><w:b/></w:rPr>'
    )
    cell = para(run("x"))
    body = (
        '<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr>'
        f"<w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl>"
    )
    fmt, p, r = _first_run(_read(tmp_path, body, styles))
    # size and bold only from the table style; italic: the paragraph style is nearer
    assert (fmt.size(p, r), fmt.flag(p, r, "b"), fmt.flag(p, r, "i")) == (11.0, True, True)


# (case, styles, paragraph properties, expected jc, indent (left, right, first), spacing)
PARAGRAPH_CASES = [
    ("nothing set", _NORMAL, "", "left", (0, 0, 0), (0.0, 0.0, None, "auto")),
    (
        "style alignment and spacing, direct after",
        _NORMAL
        + style(
            "paragraph",
            "Body",
            '<w:pPr><w:jc w:val="both"/><w:spacing w:before="120" w:after="60" w:line="360"/>'
            '<w:ind w:firstLine="567"/></w:pPr>',
        ),
        '<w:pStyle w:val="Body"/><w:spacing w:after="240"/>',
        "both",
        (0, 0, 567),
        (6.0, 12.0, 360, "auto"),
    ),
    (
        "start/end read as left/right; hanging is a negative first line",
        _NORMAL,
        '<w:jc w:val="end"/><w:ind w:start="720" w:end="360" w:hanging="283"/>',
        "right",
        (720, 360, -283),
        (0.0, 0.0, None, "auto"),
    ),
    (
        "first line in characters counts one em of 14 pt each",
        _NORMAL,
        '<w:ind w:firstLineChars="100" w:firstLine="100"/>'
        '<w:spacing w:line="300" w:lineRule="exact" w:beforeAutospacing="1"/>',
        "left",
        (0, 0, 280),
        (14.0, 0.0, 300, "exact"),
    ),
]


@pytest.mark.parametrize(
    ("styles", "ppr", "jc", "indent", "spacing"),
    [case[1:] for case in PARAGRAPH_CASES],
    ids=[case[0] for case in PARAGRAPH_CASES],
)
def test_paragraph_properties(
    tmp_path: Path,
    styles: str,
    ppr: str,
    jc: str,
    indent: tuple[int, int, int],
    spacing: tuple[float, float, int | None, str],
) -> None:
    fmt, p, _ = _first_run(_read(tmp_path, para(run("x"), ppr=ppr), styles))
    ind, sp = fmt.indent(p), fmt.spacing(p)
    assert fmt.jc(p) == jc
    assert (ind.left, ind.right, ind.first) == indent
    assert (sp.before, sp.after, sp.line, sp.rule) == spacing


_LIST = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
    '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="%2)"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)


def _numbered(ilvl: int, extra: str = "") -> str:
    num = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>'
    return para(run("x"), ppr=num + extra)


def test_numbering_level_indent_wins_over_the_style(tmp_path: Path) -> None:
    styles = _NORMAL + style(
        "paragraph", "List", '<w:pPr><w:ind w:left="100" w:firstLine="50"/></w:pPr>'
    )
    body = _numbered(0, '<w:pStyle w:val="List"/>')
    doc = _read(tmp_path, body, styles, numbering=_LIST)
    fmt, p, _ = _first_run(doc)
    ind = fmt.indent(p)
    assert (ind.left, ind.first) == (720, -360)


def test_numbering_labels_count_and_restart_deeper_levels(tmp_path: Path) -> None:
    body = "".join(
        [_numbered(0), _numbered(1), _numbered(1), _numbered(0), _numbered(1), para(run("x"))]
    )
    doc = _read(tmp_path, body, numbering=_LIST)
    assert [p.label for p in doc.paragraphs] == ["1. ", "a) ", "b) ", "2. ", "a) ", ""]


def test_numbering_from_the_paragraph_style(tmp_path: Path) -> None:
    styles = _NORMAL + style(
        "paragraph", "Numbered", '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'
    )
    body = para(run("x"), ppr='<w:pStyle w:val="Numbered"/>') * 2
    doc = _read(tmp_path, body, styles, numbering=_LIST)
    assert [p.numbered for p in doc.paragraphs] == ["1. x", "2. x"]
