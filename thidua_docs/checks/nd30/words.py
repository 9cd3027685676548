"""The words the ND30 checker recognises in a document and the words it writes in messages.

Patterns run on NFC, whitespace-collapsed text; those on casefolded text say so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

#: Kinds of document the checker knows, with their Vietnamese names (used in messages).
KINDS: Final[dict[str, str]] = {
    "cong_van": "công văn",
    "ke_hoach": "kế hoạch",
    "to_trinh": "tờ trình",
    "bao_cao": "báo cáo",
    "bien_ban": "biên bản",
    "quyet_dinh": "quyết định",
    "danh_sach": "danh sách",
}

FONT: Final = "Times New Roman"
TIEU_NGU: Final = "Độc lập - Tự do - Hạnh phúc"
#: Điểm letters in ND30 order: the Vietnamese alphabet without ă â ê ô ơ ư, with đ.
DIEM_LETTERS: Final = tuple("abcdđeghiklmnopqrstuvxy")
#: Type codes of Phụ lục III; "CV" is a common mistake for công văn, which has no type code.
TYPE_CODES: Final = {"QĐ", "KH", "TTr", "BC", "BB", "TB", "HD", "CTr", "QyĐ", "CV"}
KIND_CODES: Final = {
    "ke_hoach": "KH",
    "to_trinh": "TTr",
    "bao_cao": "BC",
    "bien_ban": "BB",
    "quyet_dinh": "QĐ",
}
TITLES: Final = {
    "ke_hoach": "KẾ HOẠCH",
    "to_trinh": "TỜ TRÌNH",
    "bao_cao": "BÁO CÁO",
    "bien_ban": "BIÊN BẢN",
    "quyet_dinh": "QUYẾT ĐỊNH",
}
TITLE_KINDS: Final = {title.casefold(): kind for kind, title in TITLES.items()}
CHAIRS: Final = ("CHỦ TỌA", "CHỦ TOẠ", "CHỦ TRÌ")

QUOC_HIEU: Final = re.compile(r"^cộng h(òa|oà) xã hội chủ nghĩa việt nam$")  # casefolded
TIEU_NGU_PATTERN: Final = re.compile(
    r"^độc\s*lập\s*[-–—‐]\s*tự\s*do\s*[-–—‐]\s*hạnh\s*phúc$"
)  # casefolded
SO: Final = re.compile(r"^(Số|SỐ|số)\s*:")
PLACE_DATE: Final = re.compile(r"^[^\d,]{2,60},\s*ngày\b")
DATE: Final = re.compile(
    r"ngày\s*(?P<d>\d*|[.…]*)\s*tháng\s*(?P<m>\d*|[.…]*)\s*năm\s*(?P<y>\d{4}|[.…]*)"
)
VV: Final = re.compile(r"^V/v\b")
KINH_GUI: Final = re.compile(r"^Kính\s*gửi\b")
NOI_NHAN: Final = re.compile(r"^Nơi\s*nhận\b")
ROMAN: Final = re.compile(r"^(?P<n>X{0,3}(?:IX|IV|V?I{0,3}))\.\s+\S")
#: A lettered part (phần) of a document organised in parts A., B., C. holding Roman sections; "I.",
#: "V." and "X." are read as Roman sections, so a part letter is any other capital.
PART: Final = re.compile(r"^(?P<p>[A-HJ-UWYZ])\.\s+\S")
KHOAN: Final = re.compile(r"^(?P<n>\d{1,2})\.\s+\S")
DIEM: Final = re.compile(r"^(?P<l>[a-zđ])\)\s+\S")
DIEU: Final = re.compile(r"^Điều\s+(?P<n>\d+)\s*\.")
AUTHORITY: Final = re.compile(r"^(KT|TM|Q|TL|TUQ)\.\s*\S")
HONORIFIC: Final = re.compile(r"^(Ông|Bà|Đồng chí|Đ/c|TS\.|ThS\.|PGS\.|GS\.|KS\.|BS\.)\s")

_TWIPS_PER_MM: Final = 1440 / 25.4
_PT_PER_MM: Final = 72 / 25.4
EMU_PER_MM: Final = 36000
#: Width of an average character, in em, wherever a text width has to be guessed.
EM_PER_CHAR: Final = 0.5
#: Word's "single" line height for Times New Roman, in em.
SINGLE_LINE_EM: Final = 1.15


def num(value: float) -> str:
    """A number as Vietnamese write it: 12, 12,5."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def sizes(values: Sequence[float]) -> str:
    """A size or a range of sizes: "12", "13–14"."""
    return num(values[0]) if len(values) == 1 else f"{num(values[0])}–{num(values[-1])}"


def style_words(bold: bool, italic: bool) -> str:
    """Bold and italic in words, as an expected look: "đậm, không nghiêng"."""
    if bold and italic:
        return "đậm nghiêng"
    if bold:
        return "đậm, không nghiêng"
    if italic:
        return "nghiêng, không đậm"
    return "không đậm, không nghiêng"


_ALIGN_WORDS: Final = {
    "left": "căn trái",
    "right": "căn phải",
    "center": "căn giữa",
    "both": "căn đều hai lề",
    "distribute": "căn đều hai lề",
}


def align(jc: str) -> str:
    """An alignment (w:jc value) in words: "căn giữa"."""
    return _ALIGN_WORDS.get(jc, f"căn {jc}")


def mm(twips: float) -> float:
    """Twips (1/1440 inch) in millimetres."""
    return twips / _TWIPS_PER_MM


def text_mm(chars: int, size: float) -> float:
    """The estimated width of ``chars`` characters set in ``size`` pt, in mm."""
    return chars * EM_PER_CHAR * size / _PT_PER_MM


def roman_value(text: str) -> int:
    """The value of a Roman numeral made of I, V and X."""
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for index, char in enumerate(text):
        value = values[char]
        following = values[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if following > value else value
    return total
