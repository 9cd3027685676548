"""Vietnamese text as the register compares it: without diacritics, lower case, one space."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)  # an import repeats the same forms, units and names many times
def khong_dau(text: str) -> str:
    """ "Nguyễn Văn  Ân" → "nguyen van an" (đ → d), for diacritics-insensitive search."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return _SPACE.sub(" ", bare.lower()).strip()


def name_words(ten_khong_dau: str, length: int = 80) -> set[str]:
    """The words of a name without diacritics, as the search index keeps them (cut to ``length``)."""
    return {word[:length] for word in ten_khong_dau.split()}


def word_range(word: str, length: int = 80) -> tuple[str, str]:
    """The indexed words that begin with ``word``: those from ``word`` (cut to ``length``) up to,
    not including, the next string after every such word (its last character raised by one)."""
    low = word[:length]
    # (the last code point has no next one: that range is empty, the search finds nothing)
    return low, low[:-1] + chr(min(ord(low[-1]) + 1, 0x10FFFF))


def khoa(text: str) -> str:
    """A fixed-length key of a text (an achievement, an initiative) that ignores case, spacing and
    the final full stop, so the same achievement typed twice is recognised."""
    normal = _SPACE.sub(" ", unicodedata.normalize("NFC", text).lower()).strip().rstrip(".")
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


def ma_suy_ra(tap_the: bool, ten: str, don_vi: str) -> str:
    """The code of a subject recorded without one: its name *and* unit (a collective: its name),
    so two Nguyễn Văn An of two units stay two people. Marked "~" so it is never taken for a real
    mã cán bộ; a clerk can give the real code on import."""
    if tap_the:
        return "~TT-" + khoa(khong_dau(ten))[:12]
    return "~CN-" + khoa(khong_dau(ten) + "|" + khong_dau(don_vi))[:12]
