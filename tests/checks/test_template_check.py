"""The template checker: shipped templates are clean, Word damage is found where it is, --fix repairs.

Damaged templates are built here from ``docx.Document()`` with raw WordprocessingML, the way Word
writes it; every expected place counts paragraphs the way ``render.mark_paragraphs`` does
(every ``w:p`` of the part in document order, table cells included, from 1).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from thidua_docs.checks.templates import Finding, check_template, fix_template
from thidua_docs.documents.catalogue import example_contexts
from thidua_docs.errors import InputError, OutputError, TemplateError
from thidua_docs.render.engine import PreparedTemplate
from thidua_docs.render.templates import TEMPLATE_FILES

from ..helpers import TEMPLATES, body_paragraphs, paragraph_text

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REVISION = 'w:id="{id}" w:author="Văn thư" w:date="2025-01-06T08:00:00Z"'
PROOF_START = '<w:proofErr w:type="spellStart"/>'
PROOF_END = '<w:proofErr w:type="spellEnd"/>'
NAME = "quyet_dinh.docx"  # the context the damaged templates are checked against
CONTEXT = example_contexts()[NAME]
TRICH_YEU = CONTEXT["van_ban"]["trich_yeu"]
CO_QUAN = CONTEXT["co_quan"]["ten"]

FIX = "xóa cả thẻ rồi gõ lại một lần, không định dạng riêng từng phần (sửa tự động được: --fix)"
JOINED = f"chương trình tự ghép lại được, nhưng thẻ dễ hỏng khi sửa tiếp; {FIX}"
BROKEN = f"chương trình không tự ghép được, văn bản tạo ra sẽ hỏng; {FIX}"
ACCEPT = "hãy Chấp nhận mọi thay đổi (Review → Accept All Changes)"
FONT = (
    "không phải Times New Roman (Nghị định 30/2020 yêu cầu Times New Roman); "
    "chọn cả đoạn rồi đặt lại phông Times New Roman"
)


def run(text: str, props: str = "", attrs: str = "") -> str:
    """One run holding ``text``, with run properties ``props`` and run attributes ``attrs``."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r{attrs}>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def revision(kind: str, number: int, content: str) -> str:
    return f"<w:{kind} {REVISION.format(id=number)}>{content}</w:{kind}>"


def deleted(text: str) -> str:
    return f"<w:r><w:delText>{escape(text)}</w:delText></w:r>"


class Template:
    """A .docx built paragraph by paragraph from raw XML, counting paragraphs as rendering does."""

    def __init__(self) -> None:
        self.document = docx.Document()
        # The ND30 font on the Normal style: no font finding unless a test sets another font.
        self.document.styles["Normal"].font.name = "Times New Roman"
        self.count = 0

    def paragraph(self, content: str) -> int:
        """Add a body paragraph holding ``content`` (runs…); return its number."""
        body = self.document.element.body
        body.insert(len(body) - 1, etree.fromstring(f"<w:p {W}>{content}</w:p>"))
        self.count += 1
        return self.count

    def text(self, *texts: str) -> list[int]:
        """Add one plain paragraph per text; return their numbers."""
        return [self.paragraph(run(text)) for text in texts]

    def table(self, rows: list[list[str]]) -> list[list[int]]:
        """Add a table whose cells hold one paragraph each; return the paragraphs' numbers."""
        numbers = []
        xml = [f"<w:tbl {W}><w:tblPr/><w:tblGrid>"]
        xml += ['<w:gridCol w:w="2000"/>'] * len(rows[0])
        xml.append("</w:tblGrid>")
        for cells in rows:
            xml.append("<w:tr>")
            row_numbers = []
            for content in cells:
                xml.append(f"<w:tc><w:p>{content}</w:p></w:tc>")
                self.count += 1
                row_numbers.append(self.count)
            xml.append("</w:tr>")
            numbers.append(row_numbers)
        xml.append("</w:tbl>")
        body = self.document.element.body
        body.insert(len(body) - 1, etree.fromstring("".join(xml)))
        return numbers

    def header(self, content: str) -> None:
        """Give the header's single paragraph (đầu trang, đoạn 1) the runs of ``content``."""
        paragraph = self.document.sections[0].header.paragraphs[0]._p
        for child in etree.fromstring(f"<w:p {W}>{content}</w:p>"):
            paragraph.append(child)

    def save(self, path: Path) -> Path:
        self.document.save(str(path))
        return path


def body(number: int, excerpt: str) -> str:
    return f'phần thân, đoạn {number} "{excerpt}"'


def expect(place: str, level: str, message: str, file: str = "mau.docx") -> str:
    return f"{file}: {place} — {level}: {message}"


Case = Callable[[Template], list[str]]


# --- (a) shipped templates ----------------------------------------------------------------------


@pytest.mark.parametrize("name", list(TEMPLATE_FILES), ids=list(TEMPLATE_FILES))
def test_shipped_template_checks_clean(name: str) -> None:
    """Every shipped template checks clean against its own context: no finding at all."""
    assert [str(f) for f in check_template(TEMPLATES / name)] == []


def test_shipped_template_against_another_context_is_not_clean() -> None:
    """Variables are really checked: the biên bản's variables are not the quyết định's."""
    paragraphs = body_paragraphs(TEMPLATES / "bien_ban.docx")
    number = next(i for i, text in enumerate(paragraphs, 1) if "{{ van_ban.bat_dau }}" in text)
    findings = check_template(TEMPLATES / "bien_ban.docx", "quyet_dinh.docx")
    assert str(findings[0]) == expect(
        body(number, paragraphs[number - 1]),
        "lỗi",
        "biến 'van_ban.bat_dau' không có trong dữ liệu của mẫu này (xem các biến: thidua "
        "templates vars quyet_dinh)",
        file="bien_ban.docx",
    )


# --- (b) Word damage, found where it is ---------------------------------------------------------


def split_by_proofing(t: Template) -> list[str]:
    t.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "QUYẾT ĐỊNH")
    n = t.paragraph(
        run("Trích yếu: {{ van_") + PROOF_START + run("ban.trich_yeu") + PROOF_END + run(" }}")
    )
    return [
        expect(
            body(n, "Trích yếu: {{ van_ban.trich_yeu }}"),
            "cảnh báo",
            "thẻ {{ van_ban.trich_yeu }} bị Word cắt thành 3 mảnh (dấu kiểm tra chính tả): "
            + JOINED,
        )
    ]


def split_by_bookmark(t: Template) -> list[str]:
    t.text("QUYẾT ĐỊNH")
    n = t.paragraph(
        run("{{ van_ban.")
        + '<w:bookmarkStart w:id="0" w:name="_GoBack"/>'
        + run("trich_yeu")
        + '<w:bookmarkEnd w:id="0"/>'
        + run(" }}")
    )
    return [
        expect(
            body(n, "{{ van_ban.trich_yeu }}"),
            "cảnh báo",
            "thẻ {{ van_ban.trich_yeu }} bị Word cắt thành 3 mảnh (dấu trang (bookmark)): "
            + JOINED,
        )
    ]


def split_by_rsid(t: Template) -> list[str]:
    n = t.paragraph(
        run("{{ van_ban.trich", attrs=' w:rsidR="00A1B2C3"')
        + run("_yeu }}", attrs=' w:rsidR="00D4E5F6"')
    )
    return [
        expect(
            body(n, "{{ van_ban.trich_yeu }}"),
            "cảnh báo",
            "thẻ {{ van_ban.trich_yeu }} bị Word cắt thành 2 mảnh (các lần sửa khác nhau): "
            + JOINED,
        )
    ]


def split_by_formatting(t: Template) -> list[str]:
    n = t.paragraph(run("{{ van_ban.", "<w:b/>") + run("trich_yeu }}", "<w:i/>"))
    return [
        expect(
            body(n, "{{ van_ban.trich_yeu }}"),
            "cảnh báo",
            "thẻ {{ van_ban.trich_yeu }} bị Word cắt thành 2 mảnh (định dạng khác nhau giữa các "
            "mảnh): chương trình tự ghép lại, nhưng cả thẻ sẽ theo định dạng của mảnh đầu; " + FIX,
        )
    ]


def smart_tag_inside(t: Template) -> list[str]:
    n = t.paragraph(
        run("{{ van_")
        + '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
        + run("ban")
        + "</w:smartTag>"
        + run(".trich_yeu }}")
    )
    return [
        expect(
            body(n, "{{ van_ban.trich_yeu }}"),
            "cảnh báo",
            "thẻ {{ van_ban.trich_yeu }} bị Word cắt thành 3 mảnh (thẻ thông minh (smart tag)): "
            + JOINED,
        )
    ]


def smart_tag_at_the_end(t: Template) -> list[str]:
    t.text("QUYẾT ĐỊNH")
    n = t.paragraph(
        run("Về việc: {{ van_")
        + '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
        + run("ban.trich_yeu }}.")
        + "</w:smartTag>"
    )
    return [
        expect(
            body(n, "Về việc: {{ van_ban.trich_yeu }}."),
            "lỗi",
            "thẻ {{ van_ban.trich_yeu }} bị Word cắt thành 2 mảnh (thẻ thông minh (smart tag)): "
            + BROKEN,
        )
    ]


def hyperlink_at_the_start(t: Template) -> list[str]:
    n = t.paragraph(
        '<w:hyperlink w:anchor="muc_1">' + run("{{ co_quan.") + "</w:hyperlink>" + run("ten }}")
    )
    return [
        expect(
            body(n, "{{ co_quan.ten }}"),
            "lỗi",
            "thẻ {{ co_quan.ten }} bị Word cắt thành 2 mảnh (liên kết (hyperlink)): " + BROKEN,
        )
    ]


def split_in_a_table_cell(t: Template) -> list[str]:
    t.text("Danh sách")
    cells = t.table(
        [[run("STT"), run("Tên")], [run("1"), run("{{ co_") + PROOF_START + run("quan.ten }}")]]
    )
    return [
        expect(
            f'phần thân, bảng 1, dòng 2, ô 2, đoạn {cells[1][1]} "{{{{ co_quan.ten }}}}"',
            "cảnh báo",
            "thẻ {{ co_quan.ten }} bị Word cắt thành 2 mảnh (dấu kiểm tra chính tả): " + JOINED,
        )
    ]


def split_in_the_header(t: Template) -> list[str]:
    t.text("QUYẾT ĐỊNH")
    t.header(run("{{ co_quan.") + PROOF_START + run("ten }}"))
    return [
        expect(
            'đầu trang, đoạn 1 "{{ co_quan.ten }}"',
            "cảnh báo",
            "thẻ {{ co_quan.ten }} bị Word cắt thành 2 mảnh (dấu kiểm tra chính tả): " + JOINED,
        )
    ]


def insertion_inside_a_tag(t: Template) -> list[str]:
    n = t.paragraph(run("{{ van_ban.") + revision("ins", 1, run("trich_yeu")) + run(" }}"))
    return [
        expect(
            body(n, "{{ van_ban.trich_yeu }}"),
            "lỗi",
            "thẻ {{ van_ban.trich_yeu }} nằm trong phần sửa đổi đang được theo dõi (Track "
            "Changes): thẻ bị cắt ngang chỗ sửa đổi nên văn bản tạo ra có thể hỏng; "
            f"{ACCEPT}, tắt Track Changes rồi kiểm tra lại thẻ",
        )
    ]


def deletion_inside_a_tag(t: Template) -> list[str]:
    n = t.paragraph(run("{{ van_ban.trich") + revision("del", 2, deleted("h")) + run("_yeu }}"))
    return [
        expect(
            body(n, "{{ van_ban.trich_yeu }}"),
            "lỗi",
            "thẻ {{ van_ban.trich_yeu }} nằm trong phần sửa đổi đang được theo dõi (Track "
            "Changes): chữ đã xóa vẫn còn trong tệp và chương trình vẫn đọc nó như một phần của "
            f"thẻ; {ACCEPT}, tắt Track Changes rồi kiểm tra lại thẻ",
        )
    ]


def deleted_tag(t: Template) -> list[str]:
    n = t.paragraph(
        revision("del", 3, deleted("{{ van_ban.so }}"))
        + revision("ins", 4, run("{{ co_quan.ten }}"))
    )
    return [
        # The deleted tag is still read: its variable is reported too.
        expect(
            body(n, "{{ co_quan.ten }}"),
            "lỗi",
            "biến 'van_ban.so' không có trong dữ liệu của mẫu này (xem các biến: thidua templates "
            "vars quyet_dinh)",
        ),
        expect(
            body(n, "{{ co_quan.ten }}"),
            "lỗi",
            "thẻ {{ van_ban.so }}, {{ co_quan.ten }} nằm trong phần sửa đổi đang được theo dõi "
            "(Track Changes): chữ đã xóa vẫn còn trong tệp và chương trình vẫn đọc nó như một "
            f"phần của thẻ; {ACCEPT}, tắt Track Changes rồi kiểm tra lại thẻ",
        ),
    ]


def revision_outside_tags(t: Template) -> list[str]:
    n = t.paragraph(run("Căn cứ ") + revision("ins", 5, run("Luật Thi đua, khen thưởng")))
    return [
        expect(
            body(n, "Căn cứ Luật Thi đua, khen thưởng"),
            "cảnh báo",
            "đoạn có sửa đổi đang được theo dõi (Track Changes), sẽ xuất hiện trong mọi văn bản "
            f"tạo ra; {ACCEPT} rồi tắt Track Changes",
        )
    ]


def curly_quotes(t: Template) -> list[str]:
    n = t.paragraph(run("{% if co_quan.ten_viet_tat == “BHXH” %}Có{% endif %}"))
    return [
        expect(
            body(n, "{% if co_quan.ten_viet_tat == “BHXH” %}Có{% endif %}"),
            "cảnh báo",
            "thẻ {% if co_quan.ten_viet_tat == “BHXH” %} có dấu nháy cong (“ ” ‘ ’) do Word tự "
            "đổi: chương trình tự đổi về nháy thẳng, nhưng nên tắt AutoFormat As You Type → "
            "“Straight quotes with smart quotes” và gõ lại bằng nháy thẳng (\" ') (sửa tự động "
            "được: --fix)",
        )
    ]


def nbsp_between_tokens(t: Template) -> list[str]:
    n = t.paragraph(run("{{\u00a0co_quan.ten\u00a0}}"))
    return [
        expect(
            body(n, "{{ co_quan.ten }}"),
            "cảnh báo",
            "thẻ {{ co_quan.ten }} có dấu cách không ngắt (non-breaking space, U+00A0): hiện vẫn "
            "đọc được nhưng dễ gây lỗi khi sửa tiếp; thay bằng dấu cách thường (sửa tự động được: "
            "--fix)",
        )
    ]


def nbsp_after_p(t: Template) -> list[str]:
    n = t.paragraph(run("{%p\u00a0if co_quan.ten %}"))
    t.text("Có cơ quan", "{%p endif %}")
    return [
        expect(
            body(n, "{%p if co_quan.ten %}"),
            "lỗi",
            "thẻ {%p if co_quan.ten %} có dấu cách không ngắt (non-breaking space, U+00A0): Jinja "
            "không đọc được thẻ này; thay bằng dấu cách thường (sửa tự động được: --fix)",
        )
    ]


def zero_width_space(t: Template) -> list[str]:
    n = t.paragraph(run("{{ co_quan.ten\u200b }}"))
    return [
        expect(
            body(n, "{{ co_quan.ten\u200b }}"),
            "lỗi",
            "thẻ {{ co_quan.ten\u200b }} có ký tự cách độ rộng 0 (U+200B): Jinja không đọc được "
            "thẻ này; thay bằng dấu cách thường (sửa tự động được: --fix)",
        )
    ]


def p_tag_with_other_text(t: Template) -> list[str]:
    n = t.paragraph(run("Nơi nhận: {%p for dong in van_ban.noi_nhan %}"))
    t.text("{{ dong }}", "{%p endfor %}")
    return [
        expect(
            body(n, "Nơi nhận: {%p for dong in van_ban.noi_nhan %}"),
            "lỗi",
            "thẻ {%p for dong in van_ban.noi_nhan %} chung đoạn với chữ khác («Nơi nhận:»): khi "
            "điền, cả đoạn chứa thẻ bị xóa nên chữ này cũng mất; để thẻ một mình trong đoạn "
            "(Enter trước và sau thẻ)",
        )
    ]


def two_p_tags(t: Template) -> list[str]:
    n = t.paragraph(run("{%p if co_quan.chu_quan %}{%p endif %}"))
    return [
        expect(
            body(n, "{%p if co_quan.chu_quan %}{%p endif %}"),
            "lỗi",
            "đoạn có 2 thẻ {%p …%} ({%p if co_quan.chu_quan %}, {%p endif %}): chỉ thẻ đầu được "
            "dùng, các thẻ sau mất cùng cả đoạn; đặt mỗi thẻ {%p …%} trong một đoạn riêng",
        )
    ]


def tr_outside_a_table(t: Template) -> list[str]:
    n = t.paragraph(run("{%tr for dong in van_ban.noi_nhan %}"))
    m = t.paragraph(run("{%tr endfor %}"))
    message = (
        " không nằm trong một dòng bảng: thẻ {%tr …%} chỉ dùng trong một dòng bảng; ngoài bảng "
        "hãy dùng {%p …%}"
    )
    return [
        expect(
            body(n, "{%tr for dong in van_ban.noi_nhan %}"),
            "lỗi",
            "thẻ {%tr for dong in van_ban.noi_nhan %}" + message,
        ),
        expect(body(m, "{%tr endfor %}"), "lỗi", "thẻ {%tr endfor %}" + message),
    ]


def tc_outside_a_cell(t: Template) -> list[str]:
    n = t.paragraph(run("{%tc for x in van_ban.can_cu %}"))
    return [
        expect(
            body(n, "{%tc for x in van_ban.can_cu %}"),
            "lỗi",
            "thẻ {%tc for x in van_ban.can_cu %} không nằm trong một ô bảng: thẻ {%tc …%} chỉ "
            "dùng trong một ô bảng; ngoài bảng hãy dùng {%p …%}",
        )
    ]


def tr_with_text_in_its_row(t: Template) -> list[str]:
    cells = t.table(
        [
            [run("STT"), run("Nơi nhận")],
            [run("{%tr for dong in van_ban.noi_nhan %}"), run("ghi chú")],
            [run("{{ loop.index }}"), run("{{ dong }}")],
            [run("{%tr endfor %}"), ""],
        ]
    )
    return [
        expect(
            f'phần thân, bảng 1, dòng 2, ô 1, đoạn {cells[1][0]} "{{%tr for dong in van_ban.noi_nhan %}}"',
            "lỗi",
            "thẻ {%tr for dong in van_ban.noi_nhan %} chung dòng bảng với chữ khác («ghi chú»): "
            "khi điền, cả dòng bảng chứa thẻ bị xóa nên chữ này cũng mất; để thẻ một mình trong "
            "dòng bảng",
        )
    ]


def tag_not_closed_in_its_paragraph(t: Template) -> list[str]:
    n = t.paragraph(run("Kính gửi: {{ co_quan.ten"))
    m = t.paragraph(run("}}"))
    broken = (
        "thẻ bị ngắt dòng (Enter) giữa chừng, khi điền các đoạn bị nhập làm một hoặc văn bản "
        "hỏng; gõ lại cả thẻ trên một dòng"
    )
    return [
        expect(
            body(n, "Kính gửi: {{ co_quan.ten"),
            "lỗi",
            f"thẻ mở {{{{ ở «{{{{ co_quan.ten» không có dấu đóng }}}} trong cùng đoạn: {broken}",
        ),
        expect(
            body(m, "}}"),
            "lỗi",
            f"dấu đóng }}}} không có dấu mở {{{{ tương ứng trong cùng đoạn: {broken}",
        ),
    ]


def unknown_variable(t: Template) -> list[str]:
    t.text("QUYẾT ĐỊNH")
    n = t.paragraph(run("{{ van_ban.trich_yeux }}"))
    return [
        expect(
            body(n, "{{ van_ban.trich_yeux }}"),
            "lỗi",
            "biến 'van_ban.trich_yeux' không có trong dữ liệu của mẫu này; có phải ý là "
            "'trich_yeu'?",
        )
    ]


def unknown_field_of_a_loop_item(t: Template) -> list[str]:
    t.text("{%p for ht in khen_thuong.cac_hinh_thuc %}")
    n = t.paragraph(run("{{ ht.hinh_thucc }}: {{ ht.so_tap_the }} tập thể"))
    t.text("{%p endfor %}")
    return [
        expect(
            body(n, "{{ ht.hinh_thucc }}: {{ ht.so_tap_the }} tập thể"),
            "lỗi",
            "biến 'ht.hinh_thucc' (ht là một mục của khen_thuong.cac_hinh_thuc) không có trong "
            "dữ liệu của mẫu này; có phải ý là 'hinh_thuc'?",
        )
    ]


def unknown_name(t: Template) -> list[str]:
    n = t.paragraph(run("{{ chua_co }}"))
    return [
        expect(
            body(n, "{{ chua_co }}"),
            "lỗi",
            "biến 'chua_co' không có trong dữ liệu của mẫu này (xem các biến: thidua templates "
            "vars quyet_dinh)",
        )
    ]


def unknown_filter(t: Template) -> list[str]:
    n = t.paragraph(run("Hà Nội, {{ van_ban.ngay|ngayy }}"))
    return [
        expect(
            body(n, "Hà Nội, {{ van_ban.ngay|ngayy }}"),
            "lỗi",
            "không có bộ lọc 'ngayy'; có phải ý là 'ngay'? (bộ lọc tiếng Việt: so, tien, doc_so, "
            "bang_chu, ngay, ngay_so, la_ma, chu_cai, dinh_dang)",
        )
    ]


def block_never_closed(t: Template) -> list[str]:
    n = t.paragraph(run("{%p if co_quan.chu_quan %}"))
    t.text("{{ co_quan.chu_quan }}", "{{ co_quan.ten }}")
    return [
        expect(
            body(n, "{%p if co_quan.chu_quan %}"),
            "lỗi",
            "khối 'if' mở mà không đóng: thiếu thẻ {%p endif %} (hoặc {% endif %})",
        )
    ]


def foreign_and_theme_fonts(t: Template) -> list[str]:
    n = t.paragraph(run("Căn cứ Luật", '<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>'))
    m = t.paragraph(
        run("{{ co_quan.ten }}", '<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>')
    )
    # A {%p} paragraph vanishes from the output: its font does not matter.
    t.paragraph(run("{%p if co_quan.ten %}", '<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>'))
    t.text("{%p endif %}")
    return [
        expect(body(n, "Căn cứ Luật"), "cảnh báo", f"chữ dùng phông Arial, {FONT}"),
        expect(
            body(m, "{{ co_quan.ten }}"),
            "cảnh báo",
            f"chữ dùng phông Cambria (phông theo chủ đề của Word), {FONT}",
        ),
    ]


DAMAGE: list[Case] = [
    split_by_proofing,
    split_by_bookmark,
    split_by_rsid,
    split_by_formatting,
    smart_tag_inside,
    smart_tag_at_the_end,
    hyperlink_at_the_start,
    split_in_a_table_cell,
    split_in_the_header,
    insertion_inside_a_tag,
    deletion_inside_a_tag,
    deleted_tag,
    revision_outside_tags,
    curly_quotes,
    nbsp_between_tokens,
    nbsp_after_p,
    zero_width_space,
    p_tag_with_other_text,
    two_p_tags,
    tr_outside_a_table,
    tc_outside_a_cell,
    tr_with_text_in_its_row,
    tag_not_closed_in_its_paragraph,
    unknown_variable,
    unknown_field_of_a_loop_item,
    unknown_name,
    unknown_filter,
    block_never_closed,
    foreign_and_theme_fonts,
]


@pytest.mark.parametrize("case", DAMAGE, ids=[case.__name__ for case in DAMAGE])
def test_damage_is_found_where_it_is(case: Case, tmp_path: Path) -> None:
    """Each kind of Word damage gives exactly its findings, with their places."""
    template = Template()
    expected = case(template)
    path = template.save(tmp_path / "mau.docx")
    assert [str(f) for f in check_template(path, NAME)] == expected


# Levels mean what rendering does: a warning renders as it is, an error does not (or loses text).

WARNINGS_RENDER: list[Any] = [
    pytest.param(split_by_proofing, f"Trích yếu: {TRICH_YEU}", id="proofing"),
    pytest.param(split_by_bookmark, TRICH_YEU, id="bookmark"),
    pytest.param(split_by_rsid, TRICH_YEU, id="rsid"),
    pytest.param(split_by_formatting, TRICH_YEU, id="formatting"),
    pytest.param(smart_tag_inside, TRICH_YEU, id="smart-tag-inside"),
    pytest.param(curly_quotes, "Có", id="curly-quotes"),
    pytest.param(nbsp_between_tokens, CO_QUAN, id="nbsp"),
]


@pytest.mark.parametrize(("case", "expected"), WARNINGS_RENDER)
def test_warned_damage_still_renders(case: Case, expected: str, tmp_path: Path) -> None:
    """What docxtpl repairs by itself is only a warning: the damaged template renders."""
    template = Template()
    case(template)
    path = template.save(tmp_path / "mau.docx")
    assert {f.level for f in check_template(path, NAME)} == {"cảnh báo"}
    assert rendered_text(PreparedTemplate(path).render(CONTEXT))[-1] == expected


ERRORS_FAIL = [
    smart_tag_at_the_end,
    hyperlink_at_the_start,
    nbsp_after_p,
    zero_width_space,
    two_p_tags,
    deleted_tag,
    unknown_filter,
    unknown_variable,
    block_never_closed,
]


@pytest.mark.parametrize("case", ERRORS_FAIL, ids=[case.__name__ for case in ERRORS_FAIL])
def test_error_damage_fails_to_render(case: Case, tmp_path: Path) -> None:
    """What docxtpl does not repair is an error: rendering the damaged template fails."""
    template = Template()
    case(template)
    path = template.save(tmp_path / "mau.docx")
    assert "lỗi" in {f.level for f in check_template(path, NAME)}
    with pytest.raises(TemplateError):
        PreparedTemplate(path).render(CONTEXT)


WRONG_OUTPUT: list[Any] = [
    pytest.param(tag_not_closed_in_its_paragraph, [f"Kính gửi: {CO_QUAN}"], id="tag-across-lines"),
    pytest.param(p_tag_with_other_text, CONTEXT["van_ban"]["noi_nhan"], id="p-tag-with-text"),
    pytest.param(
        tr_with_text_in_its_row,
        ["STT", "Nơi nhận"]
        + [
            text
            for index, line in enumerate(CONTEXT["van_ban"]["noi_nhan"], start=1)
            for text in (str(index), line)
        ],
        id="tr-row-with-text",
    ),
]


@pytest.mark.parametrize(("case", "expected"), WRONG_OUTPUT)
def test_error_damage_that_renders_loses_text(
    case: Case, expected: list[str], tmp_path: Path
) -> None:
    """Errors that still render change the output: a paragraph break or the clerk's text is lost."""
    template = Template()
    case(template)
    path = template.save(tmp_path / "mau.docx")
    assert "lỗi" in {f.level for f in check_template(path, NAME)}
    assert rendered_text(PreparedTemplate(path).render(CONTEXT)) == expected


# --- what is not a problem ----------------------------------------------------------------------

VALID = [
    pytest.param("{% set vb = van_ban %}{{ vb.trich_yeu }}", id="set-alias"),
    pytest.param("{{ van_ban.chua_co|default('') }}", id="default-filter"),
    pytest.param("{% if van_ban.chua_co is defined %}x{% endif %}", id="is-defined"),
    pytest.param("{% for d in van_ban.can_cu %}{{ loop.index }}. {{ d }}{% endfor %}", id="loop"),
    pytest.param("{{ range(3)|list|length }} {{ van_ban.ngay.year }}", id="globals-attributes"),
    pytest.param(
        "{% set ns = namespace(n=0) %}{% set ns.n = ns.n + 1 %}{{ ns.n }}", id="namespace"
    ),
    pytest.param("{{ van_ban.noi_nhan[0] }} {{ co_quan['ten'] }}", id="subscripts"),
    pytest.param('{{ "Kính gửi:\u00a0" ~ co_quan.ten }}', id="nbsp-in-a-string-literal"),
    pytest.param("Giá trị 50% } { không phải thẻ", id="lone-braces-and-percent"),
]


@pytest.mark.parametrize("text", VALID)
def test_valid_constructs_give_no_finding(text: str, tmp_path: Path) -> None:
    """Loops, set, default, globals, subscripts and plain braces are not reported."""
    template = Template()
    template.text(text)
    path = template.save(tmp_path / "mau.docx")
    assert [str(f) for f in check_template(path, NAME)] == []


def test_variables_follow_the_file_name(tmp_path: Path) -> None:
    """A file named like a shipped template is checked against its context; another is not."""
    template = Template()
    template.text("{{ van_ban.trich_yeux }}")
    (tmp_path / "rieng").mkdir()
    own = template.save(tmp_path / "rieng" / "quyet_dinh.docx")
    other = template.save(tmp_path / "khac.docx")
    assert [f.message for f in check_template(own)] == [
        "biến 'van_ban.trich_yeux' không có trong dữ liệu của mẫu này; có phải ý là 'trich_yeu'?"
    ]
    assert check_template(other) == []


def test_unknown_template_name_is_refused(tmp_path: Path) -> None:
    """Checking against a context that does not exist is an input error, not a silent pass."""
    path = Template().save(tmp_path / "mau.docx")
    with pytest.raises(InputError, match=r"Không có mẫu khong_co\.docx"):
        check_template(path, "khong_co.docx")


@pytest.mark.parametrize(
    ("content", "reason"),
    [(None, "không tìm thấy tệp mẫu"), (b"PK-not-a-zip", "không phải tệp Word .docx hợp lệ")],
    ids=["missing", "not-a-docx"],
)
def test_unreadable_template_is_an_error(
    content: bytes | None, reason: str, tmp_path: Path
) -> None:
    """A file that is not a .docx is reported as a template error, not as findings."""
    path = tmp_path / "mau.docx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(TemplateError, match=reason):
        check_template(path)


def test_finding_reads_as_one_line() -> None:
    """A finding prints as 'file: place — level: message'."""
    finding = Finding(Path("/a/mau.docx"), 'phần thân, đoạn 3 "x"', "lỗi", "thông báo", False)
    assert str(finding) == 'mau.docx: phần thân, đoạn 3 "x" — lỗi: thông báo'


# --- (c) --fix ----------------------------------------------------------------------------------


def rendered_text(data: bytes) -> list[str]:
    """The body paragraphs of a rendered document, read back with python-docx."""
    document = docx.Document(io.BytesIO(data))
    return [paragraph_text(p) for p in document.element.body.iter(qn("w:p"))]


FIXABLE: list[Any] = [
    pytest.param(
        split_by_proofing,
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "QUYẾT ĐỊNH", f"Trích yếu: {TRICH_YEU}"],
        id="proofing",
    ),
    pytest.param(split_by_bookmark, ["QUYẾT ĐỊNH", TRICH_YEU], id="bookmark"),
    pytest.param(split_by_rsid, [TRICH_YEU], id="rsid"),
    pytest.param(split_by_formatting, [TRICH_YEU], id="formatting"),
    pytest.param(smart_tag_inside, [TRICH_YEU], id="smart-tag-inside"),
    pytest.param(
        smart_tag_at_the_end, ["QUYẾT ĐỊNH", f"Về việc: {TRICH_YEU}."], id="smart-tag-at-the-end"
    ),
    pytest.param(hyperlink_at_the_start, [CO_QUAN], id="hyperlink"),
    pytest.param(split_in_a_table_cell, ["Danh sách", "STT", "Tên", "1", CO_QUAN], id="table-cell"),
    pytest.param(curly_quotes, ["Có"], id="curly-quotes"),
    pytest.param(nbsp_between_tokens, [CO_QUAN], id="nbsp"),
    pytest.param(nbsp_after_p, ["Có cơ quan"], id="nbsp-after-p"),
    pytest.param(zero_width_space, [CO_QUAN], id="zero-width-space"),
]


@pytest.mark.parametrize(("case", "expected"), FIXABLE)
def test_fix_repairs_a_copy(case: Case, expected: list[str], tmp_path: Path) -> None:
    """The repaired copy checks clean and renders the expected text; the original is untouched."""
    template = Template()
    template.text("CĂN CỨ")
    case(template)
    original = template.save(tmp_path / "mau.docx")
    before = original.read_bytes()
    fixable = [f for f in check_template(original) if f.fixable]
    assert fixable

    copy = tmp_path / "ra" / "mau-da-sua.docx"
    assert fix_template(original, copy) == fixable
    assert original.read_bytes() == before
    assert [str(f) for f in check_template(copy, NAME)] == []
    assert rendered_text(PreparedTemplate(copy).render(CONTEXT)) == ["CĂN CỨ", *expected]


def test_fix_merges_split_tags_into_their_first_run(tmp_path: Path) -> None:
    """Two split tags sharing a run: each lands whole in its first run, the text order is kept."""
    template = Template()
    template.paragraph(
        run("{{ co_quan.", "<w:b/>")
        + PROOF_START
        + run("ten }} – {{ van_", "<w:i/>")
        + run("ban.trich_yeu }} hết")
    )
    original = template.save(tmp_path / "mau.docx")
    copy = tmp_path / "sua.docx"
    assert len(fix_template(original, copy)) == 2
    runs = docx.Document(str(copy)).paragraphs[0].runs
    assert [(r.text, r.bold, r.italic) for r in runs] == [
        ("{{ co_quan.ten }}", True, None),
        (" – {{ van_ban.trich_yeu }}", None, True),
        (" hết", None, None),
    ]


def test_fix_leaves_what_it_cannot_repair(tmp_path: Path) -> None:
    """Tracked changes are not fixable: the copy keeps them and says nothing was fixed."""
    template = Template()
    deletion_inside_a_tag(template)
    original = template.save(tmp_path / "mau.docx")
    copy = tmp_path / "sua.docx"
    assert fix_template(original, copy) == []
    assert [f.level for f in check_template(copy)] == ["lỗi"]


# --- (d) --fix never overwrites -----------------------------------------------------------------


@pytest.mark.parametrize("same", [False, True], ids=["other-file", "the-template-itself"])
def test_fix_refuses_an_existing_target(same: bool, tmp_path: Path) -> None:
    """An existing target is refused and left as it was, the template itself included."""
    template = Template()
    split_by_proofing(template)
    original = template.save(tmp_path / "mau.docx")
    target = original if same else tmp_path / "co-san.docx"
    if not same:
        target.write_bytes(b"ban cua van thu")
    before = target.read_bytes()
    with pytest.raises(OutputError, match="đã có; không ghi đè"):
        fix_template(original, target)
    assert target.read_bytes() == before
