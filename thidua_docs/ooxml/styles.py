"""Effective formatting of any .docx: what Word applies to a run or a paragraph, and where from.

``Styles`` holds a styles part (style definitions with their ``basedOn`` chains, document
defaults) and the theme's fonts. ``Formatting`` answers "what is in effect here" by walking the
property layers nearest first and taking the first layer that sets the property:

- a run: direct ``w:rPr`` → character style chain → paragraph style chain → table style chain →
  ``w:docDefaults``;
- a paragraph: direct ``w:pPr`` → its numbering level's ``w:pPr`` (a list's indents win over the
  style's, as in Word) → paragraph style chain → table style chain → ``w:docDefaults``.

A missing or unknown style id means the default style of its type. A toggle property (bold,
italic, caps…) is taken from the nearest layer that has it, as the checkers have always read it
(not XOR-ed across style levels). In ``w:rFonts`` a theme attribute (``asciiTheme``…) overrides
the named font of the same layer. Everything here only reads the parsed XML.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from thidua_docs.ooxml.names import TBL, A, El, nearest, on, style_id, to_int, val, w

if TYPE_CHECKING:
    from thidua_docs.ooxml.numbering import Numbering

#: Word's default cell margin (the Normal Table style), in twips.
DEFAULT_CELL_MARGIN = 108
#: Word's font size when nothing sets one, in pt.
DEFAULT_SIZE = 10.0


class Styles:
    """Style definitions and document defaults, with ``basedOn`` chains, and the theme's fonts."""

    def __init__(self, root: El | None, theme: El | None = None) -> None:
        self.by_id: dict[str, El] = {}
        self.defaults: dict[str, str] = {}
        self.default_rpr: El | None = None
        self.default_ppr: El | None = None
        self.theme_fonts: dict[str, str] = {}  # "major"/"minor" → the theme's latin typeface
        if theme is not None:
            for kind in ("major", "minor"):
                latin = theme.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
                if latin is not None and latin.get("typeface"):
                    self.theme_fonts[kind] = str(latin.get("typeface"))
        if root is None:
            return
        for style in root.iter(w("style")):
            sid = style.get(w("styleId"))
            if sid is None:
                continue
            self.by_id.setdefault(sid, style)
            if str(style.get(w("default"), "0")).lower() in ("1", "true", "on"):
                self.defaults.setdefault(style.get(w("type")) or "paragraph", sid)
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self.default_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
            self.default_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")

    def chain(self, sid: str | None, kind: str) -> list[El]:
        """The style and its ancestors, nearest first; a missing or unknown id means the default
        style of ``kind`` ("paragraph", "character", "table")."""
        if sid is None or sid not in self.by_id:
            sid = self.defaults.get(kind)
        chain: list[El] = []
        while sid is not None and sid in self.by_id:
            style = self.by_id[sid]
            if any(style is seen for seen in chain):
                break  # a basedOn cycle
            chain.append(style)
            sid = val(style.find(w("basedOn")))
        return chain

    def theme_typeface(self, theme: str) -> str:
        """The typeface a theme font attribute ("minorHAnsi"…) stands for; the attribute itself
        when the package has no theme saying so."""
        return self.theme_fonts.get("major" if theme.startswith("major") else "minor", theme)


def num_pr(styles: Styles, p: El) -> El | None:
    """The ``w:numPr`` a paragraph is numbered by: its own, else its paragraph style chain's."""
    found = p.find(f"{w('pPr')}/{w('numPr')}")
    for style in styles.chain(style_id(p), "paragraph"):
        if found is None:
            found = style.find(f"{w('pPr')}/{w('numPr')}")
    return found


@dataclass(frozen=True)
class Font:
    """The font in effect in one ``w:rFonts`` slot: a name, or a theme font and its typeface."""

    name: str  # for a theme font, the theme's typeface (or the attribute when there is no theme)
    theme: str | None = None  # the theme attribute ("minorHAnsi"…) when the theme gives the font


@dataclass(frozen=True)
class Indent:
    left: int  # twips
    right: int
    first: int  # first-line indent; negative for a hanging indent


@dataclass(frozen=True)
class Spacing:
    before: float  # pt
    after: float
    line: int | None  # 240ths of a line (rule "auto") or twips ("exact", "atLeast")
    rule: str


def _children(elements: Iterable[El], tag: str) -> list[El]:
    return [child for child in (e.find(w(tag)) for e in elements) if child is not None]


def _first(layers: Iterable[El], tag: str) -> El | None:
    for layer in layers:
        found = layer.find(w(tag))
        if found is not None:
            return found
    return None


def _size(sz: El | None) -> float:
    return to_int(val(sz), 20) / 2 if sz is not None else DEFAULT_SIZE


class Formatting:
    """Effective run and paragraph properties of one package, resolved through styles, numbering
    and defaults. Results are memoised per element; nothing in the XML is changed."""

    def __init__(self, styles: Styles, numbering: Numbering | None = None) -> None:
        self.styles = styles
        self.numbering = numbering
        self._run_cache: dict[El, list[El]] = {}
        self._para_cache: dict[El, list[El]] = {}

    # --- layers

    def table_chain(self, table: El | None) -> list[El]:
        """The table style chain of a ``w:tbl`` (none outside a table)."""
        if table is None:
            return []
        return self.styles.chain(val(table.find(f"{w('tblPr')}/{w('tblStyle')}")), "table")

    def run_layers(self, p: El, run: El) -> list[El]:
        """``w:rPr`` elements that apply to ``run`` of paragraph ``p``, nearest first."""
        if run in self._run_cache:
            return self._run_cache[run]
        layers: list[El] = []
        rpr = run.find(w("rPr"))
        if rpr is not None:
            layers.append(rpr)
        char_style = val(rpr.find(w("rStyle"))) if rpr is not None else None
        layers += _children(self.styles.chain(char_style, "character"), "rPr")
        layers += _children(self.styles.chain(style_id(p), "paragraph"), "rPr")
        layers += _children(self.table_chain(nearest(p, TBL)), "rPr")
        if self.styles.default_rpr is not None:
            layers.append(self.styles.default_rpr)
        self._run_cache[run] = layers
        return layers

    def para_layers(self, p: El) -> list[El]:
        """``w:pPr`` elements that apply to paragraph ``p``, nearest first; a list's level sits
        between the direct properties and the style, so its indents win over the style's."""
        if p in self._para_cache:
            return self._para_cache[p]
        layers: list[El] = []
        ppr = p.find(w("pPr"))
        if ppr is not None:
            layers.append(ppr)
        chain = self.styles.chain(style_id(p), "paragraph")
        numbered = num_pr(self.styles, p)
        if numbered is not None and self.numbering is not None:
            level = self.numbering.level(
                val(numbered.find(w("numId"))) or "", to_int(val(numbered.find(w("ilvl"))))
            )
            if level is not None and level.find(w("pPr")) is not None:
                layers.append(level.find(w("pPr")))
        layers += _children(chain, "pPr")
        layers += _children(self.table_chain(nearest(p, TBL)), "pPr")
        if self.styles.default_ppr is not None:
            layers.append(self.styles.default_ppr)
        self._para_cache[p] = layers
        return layers

    # --- runs

    def size(self, p: El, run: El) -> float:
        """The run's font size in pt (Word's 10 pt when nothing sets one)."""
        return _size(_first(self.run_layers(p, run), "sz"))

    def flag(self, p: El, run: El, tag: str) -> bool:
        """A toggle property ("b", "i", "caps", "vanish"…) of the run, from its nearest layer."""
        return bool(on(_first(self.run_layers(p, run), tag)))

    def superscript(self, p: El, run: El) -> bool:
        """Raised or lowered text (footnote marks, exponents)."""
        return val(_first(self.run_layers(p, run), "vertAlign")) in ("superscript", "subscript")

    def font(self, p: El, run: El, slot: str) -> Font | None:
        """The font in effect for ``slot`` ("ascii", "hAnsi", "eastAsia", "cs"), None when no
        layer sets one."""
        for layer in self.run_layers(p, run):
            fonts = layer.find(w("rFonts"))
            if fonts is None:
                continue
            theme = fonts.get(w(f"{slot}Theme"))
            if theme:
                # A theme font overrides the named one at its level.
                return Font(self.styles.theme_typeface(str(theme)), str(theme))
            name = fonts.get(w(slot))
            if name:
                return Font(str(name))
        return None

    def color(self, p: El, run: El) -> str:
        """The run's colour as Word computed it: "auto", "000000" or another RGB hex."""
        value = str(val(_first(self.run_layers(p, run), "color")) or "auto").upper()
        return "auto" if value == "AUTO" else value

    def underline(self, p: El, run: El) -> str:
        """The run's underline style ("single", "double"…), "none" when not underlined."""
        u = _first(self.run_layers(p, run), "u")
        return (val(u) or "single") if u is not None else "none"

    def mark_size(self, p: El) -> float:
        """The size of the paragraph mark (what an empty paragraph is set in): the mark's own
        ``w:rPr``, the paragraph style chain, the document defaults."""
        mark = p.find(f"{w('pPr')}/{w('rPr')}")
        layers = [mark] if mark is not None else []
        layers += _children(self.styles.chain(style_id(p), "paragraph"), "rPr")
        if self.styles.default_rpr is not None:
            layers.append(self.styles.default_rpr)
        return _size(_first(layers, "sz"))

    # --- paragraphs

    def jc(self, p: El) -> str:
        """The alignment: "left", "center", "right", "both"… (start/end read as left/right)."""
        value = val(_first(self.para_layers(p), "jc")) or "left"
        return {"start": "left", "end": "right"}.get(value, value)

    def indent(self, p: El, size: float = 14.0) -> Indent:
        """The indents in twips; indents given in characters count ``size`` pt per character."""
        left = right = first = None
        for layer in self.para_layers(p):
            ind = layer.find(w("ind"))
            if ind is None:
                continue
            if left is None and (ind.get(w("left")) or ind.get(w("start"))) is not None:
                left = to_int(ind.get(w("left")) or ind.get(w("start")))
            if right is None and (ind.get(w("right")) or ind.get(w("end"))) is not None:
                right = to_int(ind.get(w("right")) or ind.get(w("end")))
            if first is None:
                # Indents in characters win over twips in Word; a character is one em wide.
                if to_int(ind.get(w("firstLineChars"))):
                    first = round(to_int(ind.get(w("firstLineChars"))) / 100 * size * 20)
                elif to_int(ind.get(w("hangingChars"))):
                    first = -round(to_int(ind.get(w("hangingChars"))) / 100 * size * 20)
                elif ind.get(w("hanging")) is not None:
                    first = -to_int(ind.get(w("hanging")))
                elif ind.get(w("firstLine")) is not None:
                    first = to_int(ind.get(w("firstLine")))
        return Indent(left or 0, right or 0, first or 0)

    def spacing(self, p: El) -> Spacing:
        """Space before and after (pt) and line spacing; each attribute from its nearest layer."""
        values: dict[str, str] = {}
        names = ("before", "after", "line", "lineRule", "beforeAutospacing", "afterAutospacing")
        for layer in self.para_layers(p):
            spacing = layer.find(w("spacing"))
            for name in names if spacing is not None else ():
                value = spacing.get(w(name))
                if value is not None:
                    values.setdefault(name, value)

        def space(name: str) -> float:
            if values.get(f"{name}Autospacing", "0").lower() in ("1", "true", "on"):
                return 14.0  # HTML-style automatic spacing is 14 pt in Word
            return to_int(values.get(name)) / 20

        line = values.get("line")
        return Spacing(
            space("before"),
            space("after"),
            to_int(line) if line is not None else None,
            values.get("lineRule", "auto"),
        )

    def contextual(self, p: El) -> bool:
        """ "Don't add space between paragraphs of the same style"."""
        return bool(on(_first(self.para_layers(p), "contextualSpacing")))

    def border(self, p: El, side: str) -> str | None:
        """The style of the paragraph's ``side`` border ("single", "dashed"…), None when none."""
        for layer in self.para_layers(p):
            line = layer.find(f"{w('pBdr')}/{w(side)}")
            if line is not None:
                value = val(line) or "none"
                return None if value in ("nil", "none") else str(value)
        return None

    # --- table cells

    def tc_width(self, tc: El, table: El, col: int) -> int | None:
        """A cell's width in twips: its tcW, else its grid columns (``col`` is its first)."""
        width = tc.find(f"{w('tcPr')}/{w('tcW')}")
        if width is not None and val(width, "type") in (None, "dxa") and to_int(val(width, "w")):
            return to_int(val(width, "w"))
        grid = [
            to_int(val(column, "w"))
            for column in table.iter(w("gridCol"))
            if nearest(column, TBL) is table
        ]
        span = to_int(val(tc.find(f"{w('tcPr')}/{w('gridSpan')}")), 1)
        widths = grid[col : col + span]
        return sum(widths) if widths and all(widths) else None

    def cell_margins(self, tc: El, table: El) -> int:
        """The cell's left plus right margin in twips: the cell's, the table's, its style's."""
        sources = [
            tc.find(f"{w('tcPr')}/{w('tcMar')}"),
            table.find(f"{w('tblPr')}/{w('tblCellMar')}"),
        ]
        sources += [s.find(f"{w('tblPr')}/{w('tblCellMar')}") for s in self.table_chain(table)]
        total = 0
        for sides in (("left", "start"), ("right", "end")):
            found = [
                to_int(val(margin, "w"))
                for source in sources
                if source is not None
                for margin in (source.find(w(side)) for side in sides)
                if margin is not None
            ]
            total += found[0] if found else DEFAULT_CELL_MARGIN
        return total
