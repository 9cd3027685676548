"""Writing .docx (zip) packages deterministically, reusing the compressed bytes of unchanged parts.

A .docx is a zip of ~15 parts of which a template changes one to three (the body, headers). The
standard library's ``zipfile`` recompresses every part on every write, which is most of the cost
of rendering a short document. Here each part is deflated once (``Part``), and a package is
assembled from ready compressed parts: the variable parts are compressed per document, the others
are copied as they are. Every entry carries the same fixed timestamp, so equal content gives
byte-identical files.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

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
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for part in parts:
        name = part.name.encode("utf-8")
        header = struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            _VERSION,
            _UTF8_NAMES,
            _DEFLATE,
            _DOS_TIME,
            _DOS_DATE,
            part.crc,
            len(part.compressed),
            part.size,
            len(name),
            0,
        )
        chunks += [header, name, part.compressed]
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
                len(part.compressed),
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
        offset += len(header) + len(name) + len(part.compressed)
    central = b"".join(directory)
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), offset, 0
    )
    return b"".join(chunks) + central + end
