"""Writing .docx (zip) packages deterministically, reusing the compressed bytes of unchanged parts.

A .docx is a zip of ~15 parts of which a template changes one to three (the body, headers). The
standard library's ``zipfile`` recompresses every part on every write, which is most of the cost
of rendering a short document. Here each part is deflated once (``Part``), and a package is
assembled from ready compressed parts: the variable parts are compressed per document, the others
are copied as they are. Every entry carries the same fixed timestamp, so equal content gives
byte-identical files.
"""

from __future__ import annotations

import io
import re
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from thidua_docs.files import atomic_target

# 1980-01-01 00:00:00 in MS-DOS date/time format (the earliest a zip can express).
_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1
_UTF8_NAMES = 0x0800
_DEFLATE = 8
_VERSION = 20
_LEVEL = 6


@dataclass(frozen=True)
class Part:
    """One zip entry, compressed once."""

    name: str
    crc: int
    size: int
    compressed: bytes

    @classmethod
    def of(cls, name: str, data: bytes) -> Part:
        compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
        compressed = compressor.compress(data) + compressor.flush()
        return cls(name, zlib.crc32(data) & 0xFFFFFFFF, len(data), compressed)


def assemble(parts: list[Part]) -> bytes:
    """The bytes of a zip archive holding ``parts`` in order (deflated, fixed timestamps)."""
    buffer = io.BytesIO()
    _stream_zip(list(parts), buffer)
    return buffer.getvalue()


_BODY_OPEN = re.compile(rb"<w:body(?:\s[^>]*)?>")
_DOC_PR_ID = re.compile(rb'(<wp:docPr\b[^>]*?\bid=")(\d+)(")')
_PAGE_BREAK = b'<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
_CHUNK = 1 << 20


def _body_parts(document_xml: bytes) -> tuple[bytes, bytes, bytes]:
    """(everything up to <w:body>, the body's content, the final sectPr with the closing tags)."""
    opening = _BODY_OPEN.search(document_xml)
    section = document_xml.rfind(b"<w:sectPr")
    if opening is None or section < opening.end():
        raise ValueError("document.xml without a body-level section")
    return (
        document_xml[: opening.end()],
        document_xml[opening.end() : section],
        document_xml[section:],
    )


def _renumber_drawings(content: bytes, offset: int) -> bytes:
    def shifted(match: re.Match[bytes]) -> bytes:
        return match.group(1) + str(int(match.group(2)) + offset).encode() + match.group(3)

    return _DOC_PR_ID.sub(shifted, content)


def concatenate(paths: list[Path], target: Path) -> None:
    """Write to ``target`` one .docx holding the documents of ``paths`` one after another, each on a
    new page. They must come from one template (same styles, relationships and section): only the
    body of each is taken, so the whole is streamed and memory does not grow with their number.
    Drawing ids (wp:docPr) are renumbered so that they stay unique."""
    with zipfile.ZipFile(paths[0]) as first:
        names = first.namelist()
        others = [Part.of(n, first.read(n)) for n in names if n != "word/document.xml"]
        head, _, tail = _body_parts(first.read("word/document.xml"))
    crc, size = 0, 0
    compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
    # The compressed body waits on the output's own disk (nameless: nothing is left behind).
    with tempfile.TemporaryFile(dir=target.parent) as body:

        def feed(data: bytes) -> None:
            nonlocal crc, size
            crc = zlib.crc32(data, crc)
            size += len(data)
            body.write(compressor.compress(data))

        feed(head)
        for index, path in enumerate(paths):
            with zipfile.ZipFile(path) as package:
                _, content, _ = _body_parts(package.read("word/document.xml"))
            offset = index * 10_000
            content = _renumber_drawings(content, offset)
            if index:
                feed(_PAGE_BREAK)
            feed(content)
        feed(tail)
        body.write(compressor.flush())
        compressed_size = body.tell()
        body.seek(0)
        document = _LazyPart("word/document.xml", crc & 0xFFFFFFFF, size, compressed_size, body)
        ordered: list[Part | _LazyPart] = []
        for name in names:
            ordered.append(
                document
                if name == "word/document.xml"
                else next(p for p in others if p.name == name)
            )
        with atomic_target(target) as temp, open(temp, "wb") as stream:
            _stream_zip(ordered, stream)


@dataclass(frozen=True)
class _LazyPart:
    """A part whose compressed bytes wait in a temporary file."""

    name: str
    crc: int
    size: int
    compressed_size: int
    source: IO[bytes]


def _stream_zip(parts: list[Part | _LazyPart], stream: IO[bytes]) -> None:
    directory: list[bytes] = []
    offset = 0
    for part in parts:
        name = part.name.encode("utf-8")
        length = part.compressed_size if isinstance(part, _LazyPart) else len(part.compressed)
        header = struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            _VERSION,
            _UTF8_NAMES,
            _DEFLATE,
            _DOS_TIME,
            _DOS_DATE,
            part.crc,
            length,
            part.size,
            len(name),
            0,
        )
        stream.write(header + name)
        if isinstance(part, _LazyPart):
            while chunk := part.source.read(_CHUNK):
                stream.write(chunk)
        else:
            stream.write(part.compressed)
        directory.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                (3 << 8) | _VERSION,
                _VERSION,
                _UTF8_NAMES,
                _DEFLATE,
                _DOS_TIME,
                _DOS_DATE,
                part.crc,
                length,
                part.size,
                len(name),
                0,
                0,
                0,
                0,
                0o100644 << 16,
                offset,
            )
            + name
        )
        offset += len(header) + len(name) + length
    central = b"".join(directory)
    stream.write(central)
    stream.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), offset, 0)
    )
