"""Building small .docx packages from WordprocessingML snippets, for reader and resolver tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def make_docx(
    path: Path,
    body: str,
    *,
    styles: str | None = None,
    numbering: str | None = None,
    theme: str | None = None,
    doc_defaults: str = "",
) -> Path:
    """Write a .docx at ``path`` whose body is ``body`` (XML inside w:body) and whose styles
    part holds ``doc_defaults`` (inside w:docDefaults) and ``styles`` (w:style elements)."""
    rels = [
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>',
    ]
    doc_rels = [
        f'<Relationship Id="rIdS" Type="{_REL}/styles" Target="styles.xml"/>',
        f'<Relationship Id="rIdX" Type="{_REL}/hyperlink" Target="http://example.com" '
        'TargetMode="External"/>',
    ]
    parts = {
        "word/document.xml": f"<w:document {_NS}><w:body>{body}</w:body></w:document>",
        "word/styles.xml": (
            f"<w:styles {_NS}><w:docDefaults>{doc_defaults}</w:docDefaults>{styles or ''}"
            "</w:styles>"
        ),
    }
    if numbering is not None:
        parts["word/numbering.xml"] = f"<w:numbering {_NS}>{numbering}</w:numbering>"
        doc_rels.append(f'<Relationship Id="rIdN" Type="{_REL}/numbering" Target="numbering.xml"/>')
    if theme is not None:
        parts["word/theme/theme1.xml"] = (
            '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            f"<a:themeElements><a:fontScheme>{theme}</a:fontScheme></a:themeElements></a:theme>"
        )
        doc_rels.append(
            f'<Relationship Id="rIdT" Type="{_REL}/theme" Target="/word/theme/theme1.xml"/>'
        )
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("_rels/.rels", f'<Relationships xmlns="{pkg}">{"".join(rels)}</Relationships>')
        z.writestr(
            "word/_rels/document.xml.rels",
            f'<Relationships xmlns="{pkg}">{"".join(doc_rels)}</Relationships>',
        )
        for name, xml in parts.items():
            z.writestr(name, xml)
    return path


def run(text: str, rpr: str = "") -> str:
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str, ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr>{''.join(runs)}</w:p>"


def style(kind: str, sid: str, inner: str = "", *, default: bool = False, based: str = "") -> str:
    flag = ' w:default="1"' if default else ""
    based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
    return f'<w:style w:type="{kind}" w:styleId="{sid}"{flag}>{based_on}{inner}</w:style>'
