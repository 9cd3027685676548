"""A document's own properties (File › Info in Word): its title, its agency, its date.

A rendered document would otherwise carry its template's properties — "Mẫu văn bản của
thidua-docs", created 2024-01-01, the library's application name and the template's thumbnail —
which are not true of the document a clerk files. ``core_xml`` and ``app_xml`` write the parts
from what the document is; the template's thumbnail is never copied (it shows the template).
Deterministic: the same document gives the same bytes (no clock).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from thidua_docs.documents.registry import DocumentProperties

__all__ = ["DocumentProperties", "app_xml", "core_xml", "without_thumbnail"]

CORE_PART = "docProps/core.xml"
APP_PART = "docProps/app.xml"
THUMBNAIL_PART = "docProps/thumbnail.jpeg"


def core_xml(properties: DocumentProperties) -> bytes:
    """docProps/core.xml of a document with ``properties``."""
    date = ""
    if properties.created is not None:
        stamp = f"{properties.created.isoformat()}T00:00:00Z"
        date = (
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_text(properties.title)}</dc:title>"
        f"<dc:subject>{_text(properties.subject)}</dc:subject>"
        f"<dc:creator>{_text(properties.creator)}</dc:creator>"
        f"<cp:lastModifiedBy>{_text(properties.creator)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f"{date}"
        "<dc:language>vi-VN</dc:language>"
        "</cp:coreProperties>"
    ).encode()


def app_xml(properties: DocumentProperties) -> bytes:
    """docProps/app.xml: the program that wrote the document and the agency, no stale statistics
    (Word recounts pages and words when it opens the file)."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>thidua-docs</Application>"
        f"<Company>{_text(properties.creator)}</Company>"
        "</Properties>"
    ).encode()


def without_thumbnail(name: str, data: bytes) -> bytes:
    """The package's relationships and content types without the template's thumbnail."""
    if name == "_rels/.rels":
        return re.sub(
            rb"<Relationship\b[^>]*Target=\"/?docProps/thumbnail\.jpeg\"[^>]*/>", b"", data
        )
    if name == "[Content_Types].xml":
        return re.sub(rb"<Override\b[^>]*PartName=\"/docProps/thumbnail\.jpeg\"[^>]*/>", b"", data)
    return data


def _text(value: str) -> str:
    return escape(" ".join(value.split()))
