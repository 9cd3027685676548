"""Inline emphasis as real runs: a run holding the ``dinh_dang`` filter's switches is split.

``{{ doan|dinh_dang }}`` writes the clerk's ``*nghiêng*`` and ``**đậm**`` as two private-use
characters (``formatting.ITALIC_MARK`` and ``BOLD_MARK``), which autoescaping leaves alone. After
rendering, each run holding them becomes several runs, each a copy of the run's own formatting
(font, size, the template's bold or italic) with italic or bold switched on — or off, inside a
heading already in italic or bold, as Vietnamese typesetting does.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

from thidua_docs.formatting import BOLD_MARK, ITALIC_MARK

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: rPr children that come before b/i in the schema order.
_BEFORE = (f"{_W}rStyle", f"{_W}rFonts")


def _is_on(rpr: Any, tag: str) -> bool:
    node = None if rpr is None else rpr.find(f"{_W}{tag}")
    return node is not None and node.get(f"{_W}val", "true") not in ("0", "false", "off")


def _run_properties(base: Any, bold: bool, italic: bool) -> Any:
    """A copy of ``base`` (or a new rPr) with bold and italic set as given."""
    rpr = copy.deepcopy(base) if base is not None else etree.Element(f"{_W}rPr")
    for tag in ("b", "bCs", "i", "iCs"):
        for old in rpr.findall(f"{_W}{tag}"):
            rpr.remove(old)
    position = 0
    for index, child in enumerate(rpr):
        if child.tag in _BEFORE:
            position = index + 1
    for tag, on in (("b", bold), ("bCs", bold), ("i", italic), ("iCs", italic)):
        node = etree.Element(f"{_W}{tag}")
        if not on:
            node.set(f"{_W}val", "0")
        rpr.insert(position, node)
        position += 1
    return rpr


_MARKED = etree.XPath(
    f"//w:t[contains(., '{ITALIC_MARK}') or contains(., '{BOLD_MARK}')]",
    namespaces={"w": _W.strip("{}")},
)


def split_emphasis(tree: Any, source: str) -> None:
    """Split every run of ``tree`` (a w:document or part root, parsed from ``source``) that holds
    emphasis switches. A part without any costs one scan of its text, not of its tree."""
    if ITALIC_MARK not in source and BOLD_MARK not in source:
        return
    runs: list[Any] = []
    for text in _MARKED(tree):
        run = text.getparent()
        if run is not None and run.tag == f"{_W}r" and (not runs or runs[-1] is not run):
            runs.append(run)
    for run in runs:
        _split(run)


def _split(run: Any) -> None:
    rpr = run.find(f"{_W}rPr")
    base_bold, base_italic = _is_on(rpr, "b"), _is_on(rpr, "i")
    bold = italic = False
    pieces: list[tuple[bool, bool, list[Any]]] = [(False, False, [])]

    def add(node: Any) -> None:
        pieces[-1][2].append(node)

    for child in list(run):
        if child is rpr:
            continue
        if child.tag != f"{_W}t":
            add(child)
            continue
        buffer = ""
        for char in child.text or "":
            if char in (ITALIC_MARK, BOLD_MARK):
                if buffer:
                    add(_text(buffer))
                    buffer = ""
                if char == ITALIC_MARK:
                    italic = not italic
                else:
                    bold = not bold
                pieces.append((bold, italic, []))
            else:
                buffer += char
        if buffer:
            add(_text(buffer))
    parent = run.getparent()
    at = parent.index(run)
    parent.remove(run)
    for switched_bold, switched_italic, nodes in pieces:
        if not nodes:
            continue
        new = etree.Element(f"{_W}r")
        if run.attrib:
            new.attrib.update(run.attrib)
        if switched_bold or switched_italic:
            new.append(
                _run_properties(rpr, base_bold != switched_bold, base_italic != switched_italic)
            )
        elif rpr is not None:
            new.append(copy.deepcopy(rpr))
        for node in nodes:
            new.append(node)
        parent.insert(at, new)
        at += 1


def _text(value: str) -> Any:
    node = etree.Element(f"{_W}t")
    node.text = value
    node.set(_XML_SPACE, "preserve")
    return node
