"""WordprocessingML names and the small attribute readers every OOXML reader needs.

lxml ships no type information (see pyproject's mypy overrides), so an element is ``El`` (Any).
"""

from __future__ import annotations

from typing import Any, Final

#: An lxml element.
El = Any

W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC: Final = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP: Final = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A: Final = "http://schemas.openxmlformats.org/drawingml/2006/main"
V: Final = "urn:schemas-microsoft-com:vml"
PKG_RELS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_W: Final = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag or attribute: ``w("p")`` → ``{…main}p``."""
    return f"{{{W}}}{tag}"


P: Final = w("p")
RUN: Final = w("r")
T: Final = w("t")
TBL: Final = w("tbl")
TR: Final = w("tr")
TC: Final = w("tc")


def on(element: El | None) -> bool | None:
    """A toggle property (w:b, w:i…): None when absent, else its value (no w:val means on)."""
    if element is None:
        return None
    return str(element.get(w("val"), "true")).lower() not in ("0", "false", "off", "none")


def to_int(value: str | None, default: int = 0) -> int:
    """An integer attribute as Word reads it: rounded, ``default`` when absent or not a number."""
    try:
        return round(float(value)) if value is not None else default
    except ValueError:
        return default


def val(element: El | None, name: str = "val") -> str | None:
    """The ``w:<name>`` attribute of ``element``, None when the element or attribute is absent."""
    return None if element is None else element.get(w(name))


def nearest(node: El, tag: str) -> El | None:
    """The closest ancestor of ``node`` with ``tag`` (not ``node`` itself), or None."""
    parent = node.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def style_id(p: El) -> str | None:
    """The paragraph style a ``w:p`` names (None: the default paragraph style)."""
    return val(p.find(f"{w('pPr')}/{w('pStyle')}"))
