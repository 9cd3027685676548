"""Putting an office-supplied picture (the agency's emblem or logo) in place of a named placeholder.

A template holds a picture whose drawing is named (``wp:docPr name="bieu_trung"``): a transparent
placeholder that keeps the room on the page. ``replace_picture`` swaps the placeholder's image
part for the office's file (PNG, JPEG, GIF, BMP, TIFF: what python-docx reads) and fits the
drawing inside the placeholder's box, keeping the picture's proportions; nothing else of the
package changes. A package without the named picture is returned as it is.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from lxml import etree

from thidua_docs.ooxml.names import PKG_RELS, WP, A, R

__all__ = ["Picture", "picture", "replace_picture"]

_MAIN = "word/document.xml"
_RELS = "word/_rels/document.xml.rels"
_TYPES = "[Content_Types].xml"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass(frozen=True)
class Picture:
    """An image file read once: its bytes, extension, content type and proportions."""

    data: bytes
    ext: str
    content_type: str
    width: int  # pixels
    height: int


def picture(data: bytes) -> Picture | None:
    """The picture in ``data``, or None when it is not an image python-docx can read."""
    try:
        image = Image.from_blob(data)
    except (UnrecognizedImageError, ValueError, IndexError, KeyError):
        return None
    if not image.px_width or not image.px_height:
        return None
    return Picture(data, image.ext, image.content_type, image.px_width, image.px_height)


def replace_picture(package: bytes, name: str, image: Picture) -> bytes:
    """``package`` with the picture of the drawing named ``name`` replaced by ``image``."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        infos = archive.infolist()
        parts = {info.filename: archive.read(info.filename) for info in infos}
    if f'name="{name}"'.encode() not in parts.get(_MAIN, b""):
        return package
    document = etree.fromstring(parts[_MAIN], _PARSER)
    rels = etree.fromstring(parts[_RELS], _PARSER)
    types = etree.fromstring(parts[_TYPES], _PARSER)
    changed = False
    for doc_pr in document.iter(f"{{{WP}}}docPr"):
        if doc_pr.get("name") != name:
            continue
        drawing = doc_pr.getparent()
        blip = next(drawing.iter(f"{{{A}}}blip"), None)
        rel_id = blip.get(f"{{{R}}}embed") if blip is not None else None
        rel = next(
            (r for r in rels.iter(f"{{{PKG_RELS}}}Relationship") if r.get("Id") == rel_id), None
        )
        if rel is None:
            continue
        old = posixpath.normpath(posixpath.join("word", rel.get("Target") or ""))
        new = re.sub(r"\.[^./]*$", "", old) + f".{image.ext}"
        parts.pop(old, None)
        parts[new] = image.data
        rel.set("Target", posixpath.relpath(new, "word"))
        _fit(drawing, image)
        _content_type(types, image)
        changed = True
    if not changed:
        return package
    parts[_MAIN] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts[_RELS] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts[_TYPES] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    names = [i.filename for i in infos if i.filename in parts]
    names += [n for n in parts if n not in names]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for part_name in names:
            entry = zipfile.ZipInfo(part_name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(entry, parts[part_name])
    return buffer.getvalue()


def _fit(drawing: etree._Element, image: Picture) -> None:
    """Fit the drawing's extent (and its picture's) inside the placeholder's box."""
    extent = drawing.find(f"{{{WP}}}extent")
    if extent is None:
        return
    box_w, box_h = int(extent.get("cx") or 0), int(extent.get("cy") or 0)
    if not box_w or not box_h:
        return
    scale = min(box_w / image.width, box_h / image.height)
    cx, cy = str(round(image.width * scale)), str(round(image.height * scale))
    extent.set("cx", cx)
    extent.set("cy", cy)
    for ext in drawing.iter(f"{{{A}}}ext"):
        if ext.get("cx") is not None:
            ext.set("cx", cx)
            ext.set("cy", cy)


def _content_type(types: etree._Element, image: Picture) -> None:
    defaults = {(d.get("Extension") or "").lower() for d in types.iter(f"{{{_CT}}}Default")}
    if image.ext.lower() not in defaults:
        entry = etree.SubElement(types, f"{{{_CT}}}Default")
        entry.set("Extension", image.ext)
        entry.set("ContentType", image.content_type)
