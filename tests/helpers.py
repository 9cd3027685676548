"""Reading generated .docx files back for assertions (python-docx + raw XML)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (
    ROOT / "tests" / "data" / "seeds"
)  # copies of shared/seeds: the clone needs nothing beside it
CAMPAIGNS = ROOT / "campaigns"
TEMPLATES = ROOT / "templates"


def paragraph_text(p_element: Any) -> str:
    """Text of a w:p element: w:t runs, w:tab as a tab, w:br as a line break."""
    parts = []
    for node in p_element.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def body_paragraphs(path: Path) -> list[str]:
    """Every paragraph of the body in document order, table cells included."""
    document = docx.Document(str(path))
    return [paragraph_text(p) for p in document.element.body.iter(qn("w:p"))]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def nonempty_lines(path: Path) -> list[str]:
    return [normalise(t) for t in body_paragraphs(path) if normalise(t)]
