"""``check_document``: every ND30 violation of any .docx, each with its paragraph.

A correct document gives no violation at all: the two generated công văn and a small correct
document of every other kind, built here with python-docx the way a clerk would (fonts from the
styles, not on every run). Each breaking case then changes exactly one rule of
../shared/reference/nd30.md in such a document and expects exactly the violation(s) of that rule.
Expected paragraph numbers are computed from the document itself (all ``w:p`` of the body in
document order, table cells included), never taken from the checker.
"""

from __future__ import annotations

import copy
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from thidua_docs import InputError, draft, load_campaign
from thidua_docs.checks.nd30 import check_document

from ..helpers import CAMPAIGNS, paragraph_text

FONT = "Times New Roman"
CONG_VAN = "cong-van-phat-dong.docx"

# ---------------------------------------------------------------------------------------------
# Reading and changing a document


def paragraphs(doc: Document) -> list:  # type: ignore[type-arg]
    """Every w:p of the body in document order, table cells included."""
    return list(doc.element.body.iter(qn("w:p")))


def collapsed(p) -> str:  # type: ignore[no-untyped-def]
    return " ".join(paragraph_text(p).split())


def find(doc: Document, pattern: str, nth: int = 0):  # type: ignore[no-untyped-def]
    """The nth paragraph whose collapsed text matches ``pattern`` entirely."""
    found = [p for p in paragraphs(doc) if re.fullmatch(pattern, collapsed(p))]
    assert len(found) > nth, f"không thấy đoạn khớp {pattern!r}"
    return found[nth]


def place(doc: Document, p) -> str:  # type: ignore[no-untyped-def]
    """The violation place of paragraph ``p``: its number over all w:p and its excerpt."""
    excerpt = collapsed(p)
    if len(excerpt) > 50:
        excerpt = excerpt[:49] + "…"
    return f'đoạn {paragraphs(doc).index(p) + 1} "{excerpt}"'


def para(p) -> Paragraph:  # type: ignore[no-untyped-def]
    return Paragraph(p, None)  # type: ignore[arg-type]  # read-only use: no story part needed


def set_text(p, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put ``text`` in the first text run and empty the others (formatting kept)."""
    texts = list(p.iter(qn("w:t")))
    texts[0].text = text
    for other in texts[1:]:
        other.text = ""


def set_size(p, points: float) -> None:  # type: ignore[no-untyped-def]
    for run in para(p).runs:
        run.font.size = Pt(points)


def tcw_mm(p) -> float:  # type: ignore[no-untyped-def]
    """Width of the table cell holding ``p``, minus Word's default cell margins, in mm."""
    tc = next(p.iterancestors(qn("w:tc")))
    width = int(tc.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w")))
    return (width - 2 * 108) / 1440 * 25.4


def text_mm(chars: int, points: float) -> float:
    """The checker's estimate of a text's width: half an em per character."""
    return chars * 0.5 * points * 25.4 / 72


def v(name: str, where: str, found: str, expected: str) -> str:
    return f"{name}: {where} — {found}, thể thức yêu cầu {expected}"


# ---------------------------------------------------------------------------------------------
# Correct documents of every kind, built the way a clerk builds them in Word


class Draft:
    """A small correct ND30 document: fonts and size come from docDefaults / Normal style."""

    def __init__(self, *, landscape: bool = False) -> None:
        self.doc = docx.Document()
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
        for attribute in list(fonts.attrib):
            del fonts.attrib[attribute]
        fonts.set(qn("w:ascii"), FONT)
        fonts.set(qn("w:hAnsi"), FONT)
        self.doc.styles["Normal"].font.size = Pt(14)
        section = self.doc.sections[0]
        width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = width, height
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)

    @staticmethod
    def fill(
        target: Paragraph,
        text: str,
        *,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    ) -> Paragraph:
        target.alignment = align
        target.paragraph_format.space_after = Pt(0)
        if text:
            run = target.add_run(text)
            run.font.bold, run.font.italic = bold or None, italic or None
            if size is not None:
                run.font.size = Pt(size)
        return target

    def line(self, text: str, **style: object) -> Paragraph:
        return self.fill(self.doc.add_paragraph(), text, **style)  # type: ignore[arg-type]

    @staticmethod
    def rule_below(target: Paragraph, length_mm: float, width_mm: float) -> None:
        """A centred bottom border ``length_mm`` long in a column ``width_mm`` wide."""
        side = Mm((width_mm - length_mm) / 2)
        target.paragraph_format.left_indent = target.paragraph_format.right_indent = side
        target._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1"/></w:pBdr>'
            )
        )

    def header(self, agency: list[tuple[str, bool]], number: str, date: str | None) -> None:
        table = self.doc.add_table(rows=2, cols=2)
        for row in table.rows:
            row.cells[0].width, row.cells[1].width = Mm(65), Mm(100)
        left, right = table.cell(0, 0), table.cell(0, 1)
        target = left.paragraphs[0]
        for position, (text, bold) in enumerate(agency):
            if position:
                target = left.add_paragraph()
            self.fill(target, text, size=13, bold=bold)
        self.rule_below(left.add_paragraph(), 25, 65 - 3.81)  # 3.81 mm: Word's cell margins
        self.fill(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
        motto = self.fill(right.add_paragraph(), "Độc lập - Tự do - Hạnh phúc", bold=True)
        self.rule_below(motto, 60, 100 - 3.81)
        self.fill(table.cell(1, 0).paragraphs[0], number, size=13)
        self.fill(table.cell(1, 1).paragraphs[0], date or "", italic=True)

    def title(self, name: str, summary: str) -> None:
        self.line("")
        self.line(name, bold=True)
        self.line(summary, bold=True)
        self.rule_below(self.line(""), 40, 165)

    def body(self, text: str, *, bold_label: str = "", italic: bool = False) -> Paragraph:
        target = self.doc.add_paragraph()
        target.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        target.paragraph_format.first_line_indent = Mm(10)
        target.paragraph_format.space_after = Pt(6)
        target.paragraph_format.line_spacing = 1.0
        if bold_label:
            target.add_run(bold_label).font.bold = True
            text = text[len(bold_label) :]
        run = target.add_run(text)
        run.font.italic = italic or None
        return target

    def signature(
        self,
        recipients: list[str] | None,
        right: list[str],
        name: str,
        left: tuple[list[str], str] | None = None,
    ) -> None:
        table = self.doc.add_table(rows=1, cols=2)
        table.cell(0, 0).width, table.cell(0, 1).width = Mm(75), Mm(90)
        cell = table.cell(0, 0)
        if recipients is not None:
            self.fill(
                cell.paragraphs[0],
                "Nơi nhận:",
                size=12,
                bold=True,
                italic=True,
                align=WD_ALIGN_PARAGRAPH.LEFT,
            )
            for line in recipients:
                self.fill(cell.add_paragraph(), line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        if left is not None:
            self.signer(cell, *left)
        self.signer(table.cell(0, 1), right, name)

    def signer(self, cell, lines: list[str], name: str) -> None:  # type: ignore[no-untyped-def]
        target = cell.paragraphs[0]
        for position, line in enumerate(lines):
            if position or target.text:
                target = cell.add_paragraph()
            self.fill(target, line, bold=True)
        for _ in range(3):
            self.fill(cell.add_paragraph(), "")
        self.fill(cell.add_paragraph(), name, bold=True)


AGENCY = [("BẢO HIỂM XÃ HỘI VIỆT NAM", True)]
DATE = "Hà Nội, ngày 05 tháng 01 năm 2025"
SIGNER = (["KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC"], "Nguyễn Văn An")


def ke_hoach() -> Draft:
    d = Draft()
    d.header(AGENCY, "Số: 05/KH-BHXH", DATE)
    d.title("KẾ HOẠCH", "Tổ chức phong trào thi đua năm 2025")
    d.body(
        "Thực hiện Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022, Bảo hiểm xã hội Việt Nam ban hành Kế hoạch tổ chức phong trào thi đua năm 2025 như sau:"
    )
    d.body("I. MỤC ĐÍCH, YÊU CẦU", bold_label="I. MỤC ĐÍCH, YÊU CẦU")
    d.body(
        "1. Mục đích: động viên công chức, viên chức hoàn thành nhiệm vụ năm 2025.",
        bold_label="1. Mục đích:",
    )
    d.body("2. Yêu cầu: thi đua thiết thực, hiệu quả, tránh hình thức.", bold_label="2. Yêu cầu:")
    d.body("II. NỘI DUNG THI ĐUA", bold_label="II. NỘI DUNG THI ĐUA")
    d.body("1. Thi đua hoàn thành các chỉ tiêu được giao:")
    for letter, text in zip(
        "abcdđe",
        [
            "thu",
            "phát triển người tham gia",
            "giảm nợ",
            "chi trả",
            "cải cách hành chính",
            "chuyển đổi số",
        ],
        strict=True,
    ):
        d.body(f"{letter}) Chỉ tiêu {text} năm 2025;")
    d.body("2. Thi đua đổi mới, sáng tạo trong công tác.")
    d.body("a) Có sáng kiến được áp dụng trong Ngành.")
    d.body("III. TỔ CHỨC THỰC HIỆN", bold_label="III. TỔ CHỨC THỰC HIỆN")
    d.body("Các đơn vị tổ chức thực hiện nghiêm túc Kế hoạch này./.")
    d.signature(["- Các đơn vị trực thuộc;", "- Lưu: VT, TĐKT."], *SIGNER)
    return d


def quyet_dinh() -> Draft:
    d = Draft()
    d.header(AGENCY, "Số: 12/QĐ-BHXH", DATE)
    d.title("QUYẾT ĐỊNH", "Về việc tặng Bằng khen của Tổng Giám đốc")
    d.line("TỔNG GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM", bold=True)
    d.body("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", italic=True)
    d.body(
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;", italic=True
    )
    d.body("Theo đề nghị của Vụ trưởng Vụ Thi đua - Khen thưởng.", italic=True)
    d.line("QUYẾT ĐỊNH:", bold=True).paragraph_format.space_after = Pt(6)
    d.body(
        "Điều 1. Tặng Bằng khen của Tổng Giám đốc cho 05 tập thể có thành tích xuất sắc.",
        bold_label="Điều 1.",
    )
    d.body("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", bold_label="Điều 2.")
    d.body(
        "Điều 3. Vụ trưởng Vụ Thi đua - Khen thưởng và các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        bold_label="Điều 3.",
    )
    d.signature(["- Như Điều 3;", "- Lưu: VT, TĐKT."], *SIGNER)
    return d


def bien_ban() -> Draft:
    d = Draft()
    agency = [("BẢO HIỂM XÃ HỘI VIỆT NAM", False), ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", True)]
    d.header(agency, "Số: 03/BB-HĐTĐKT", None)
    d.title("BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng")
    for text in (
        "Thời gian bắt đầu: 14 giờ 00, ngày 10 tháng 12 năm 2024.",
        "Địa điểm: phòng họp tầng 3, trụ sở Bảo hiểm xã hội Việt Nam.",
        "Thành phần tham dự: các thành viên Hội đồng Thi đua - Khen thưởng.",
        "Chủ trì: ông Nguyễn Văn An, Chủ tịch Hội đồng.",
        "Thư ký: bà Trần Thị Bình, Vụ Thi đua - Khen thưởng.",
        "Nội dung: Hội đồng xét đề nghị khen thưởng năm 2024.",
        "Cuộc họp kết thúc vào 16 giờ 30, ngày 10 tháng 12 năm 2024./.",
    ):
        d.body(text)
    d.signature(None, ["CHỦ TỌA"], "Nguyễn Văn An", left=(["THƯ KÝ"], "Trần Thị Bình"))
    return d


def danh_sach() -> Draft:
    d = Draft(landscape=True)
    d.line("DANH SÁCH TẬP THỂ ĐƯỢC TẶNG BẰNG KHEN", bold=True)
    d.line(
        "(Kèm theo Quyết định số 12/QĐ-BHXH ngày 05 tháng 01 năm 2025 của Tổng Giám đốc Bảo hiểm xã hội Việt Nam)",
        italic=True,
    )
    table = d.doc.add_table(rows=3, cols=3)
    for row, values in zip(
        table.rows,
        [
            ("STT", "Tên tập thể", "Ghi chú"),
            ("1", "Bảo hiểm xã hội tỉnh Nam Định", ""),
            ("2", "Vụ Thi đua - Khen thưởng", ""),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            d.fill(cell.paragraphs[0], value, size=13)
    return d


def to_trinh() -> Draft:
    d = Draft()
    d.header(AGENCY, "Số: 07/TTr-BHXH", DATE)
    d.title("TỜ TRÌNH", "Đề nghị tặng Cờ thi đua của Chính phủ năm 2024")
    d.line("Kính gửi: Bộ Tài chính.")
    d.body(
        "Căn cứ kết quả phong trào thi đua năm 2024, Bảo hiểm xã hội Việt Nam kính trình Bộ Tài chính xem xét, đề nghị Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ cho 02 tập thể./."
    )
    d.signature(["- Như trên;", "- Lưu: VT, TĐKT."], ["TỔNG GIÁM ĐỐC"], "Nguyễn Văn An")
    return d


def bao_cao() -> Draft:
    d = Draft()
    d.header(AGENCY, "Số: 15/BC-BHXH", DATE)
    d.title("BÁO CÁO", "Tổng kết công tác thi đua, khen thưởng năm 2024")
    d.body("I. KẾT QUẢ ĐẠT ĐƯỢC", bold_label="I. KẾT QUẢ ĐẠT ĐƯỢC")
    d.body("1. Phong trào thi đua được triển khai rộng khắp trong toàn Ngành.")
    d.body("2. Công tác khen thưởng kịp thời, đúng người, đúng thành tích.")
    d.body("II. PHƯƠNG HƯỚNG NĂM 2025", bold_label="II. PHƯƠNG HƯỚNG NĂM 2025")
    d.body("Tiếp tục đổi mới nội dung, hình thức thi đua./.")
    d.signature(["- Bộ Tài chính;", "- Lưu: VT, TĐKT."], *SIGNER)
    return d


BUILT: dict[str, tuple[Callable[[], Draft], str]] = {
    "ke_hoach": (ke_hoach, "ke-hoach.docx"),
    "quyet_dinh": (quyet_dinh, "quyet-dinh.docx"),
    "bien_ban": (bien_ban, "bien-ban.docx"),
    "danh_sach": (danh_sach, "danh-sach.docx"),
    "to_trinh": (to_trinh, "to-trinh.docx"),
    "bao_cao": (bao_cao, "bao-cao.docx"),
}


# ---------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Correct documents: the two generated công văn and one built document of each kind."""
    out: dict[str, Path] = {}
    for name, campaign in (
        ("cong_van", "bhxh-2024-nuoc-rut"),
        ("cong_van_2026", "bhxh-2026-nuoc-rut"),
    ):
        written = draft(
            campaign=load_campaign(CAMPAIGNS / campaign), out=tmp_path_factory.mktemp(name)
        ).files
        out[name] = next(path for path in written if path.name == CONG_VAN)
    for kind, (build, filename) in BUILT.items():
        out[kind] = tmp_path_factory.mktemp(kind) / filename
        build().doc.save(str(out[kind]))
    return out


def changed(
    sources: dict[str, Path], source: str, tmp_path: Path, change: Callable[[Document], object]
) -> tuple[Path, object]:
    """A copy of a correct document with ``change`` applied; what ``change`` returned."""
    doc = docx.Document(str(sources[source]))
    result = change(doc)
    path = tmp_path / sources[source].name
    doc.save(str(path))
    return path, result


# ---------------------------------------------------------------------------------------------
# Correct documents: no violation


@pytest.mark.parametrize("source", ["cong_van", "cong_van_2026"], ids=["2024", "2026-du-thao"])
def test_generated_cong_van_has_no_violation(sources: dict[str, Path], source: str) -> None:
    """The công văn `thidua draft` writes (issued 2024, 2026 draft with blanks) is clean."""
    assert [str(x) for x in check_document(sources[source])] == []


@pytest.mark.parametrize("kind", list(BUILT), ids=list(BUILT))
def test_correct_document_of_every_kind_has_no_violation(
    sources: dict[str, Path], kind: str
) -> None:
    """A correct hand-built document of each kind is clean, detected or named explicitly."""
    assert [str(x) for x in check_document(sources[kind])] == []
    assert [str(x) for x in check_document(sources[kind], kind)] == []


def _remove_hansi_from_runs(doc: Document) -> None:
    for fonts in doc.element.body.iter(qn("w:rFonts")):
        fonts.attrib.pop(qn("w:hAnsi"), None)


def _line_as_top_border_of_next(doc: Document) -> None:
    motto = find(doc, "Độc lập - Tự do - Hạnh phúc")
    ppr = motto.find(qn("w:pPr"))
    border = ppr.find(qn("w:pBdr"))
    ppr.remove(border)
    below = copy.deepcopy(motto)
    for run in below.findall(qn("w:r")):
        below.remove(run)
    below.find(qn("w:pPr")).insert(
        0,
        parse_xml(f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="6" w:space="1"/></w:pBdr>'),
    )
    motto.addnext(below)


LINE_SHAPE = (
    f'<w:r {nsdecls("w", "wp", "a")} xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1"'
    ' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:posOffset>630000</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>200000</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{cx}" cy="0"/><wp:wrapNone/><wp:docPr id="91" name="Đường kẻ"/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="9525"><a:solidFill>'
    '<a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>'
    "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
)


def _line_as_drawn_shape(doc: Document) -> None:
    motto = find(doc, "Độc lập - Tự do - Hạnh phúc")
    ppr = motto.find(qn("w:pPr"))
    ppr.remove(ppr.find(qn("w:pBdr")))
    motto.append(parse_xml(LINE_SHAPE.replace("{cx}", str(56 * 36000))))


def _space_before_instead_of_after(doc: Document) -> None:
    for p in paragraphs(doc):
        spacing = p.find(qn("w:pPr")).find(qn("w:spacing"))
        if spacing is not None and spacing.get(qn("w:after")) == "120":
            spacing.set(qn("w:after"), "0")
            spacing.set(qn("w:before"), "120")


def _indent_12_7_mm(doc: Document) -> None:
    for ind in doc.element.body.iter(qn("w:ind")):
        if ind.get(qn("w:firstLine")) == "567":
            ind.set(qn("w:firstLine"), "720")


def _signature_typed_with_tabs(doc: Document) -> None:
    """The signature table replaced by lines typed with tabs: Nơi nhận left, signer right."""
    doc.element.body.remove(doc.tables[-1]._tbl)
    rows = [
        [
            ("Nơi nhận:", 12, True, True),
            ("\t\t", 14, False, False),
            ("KT. TỔNG GIÁM ĐỐC", 14, True, False),
        ],
        [
            ("- Các đơn vị trực thuộc;", 11, False, False),
            ("\t\t", 14, False, False),
            ("PHÓ TỔNG GIÁM ĐỐC", 14, True, False),
        ],
        [("- Lưu: VT, TĐKT.", 11, False, False)],
        [],
        [("\t\t\t", 14, False, False), ("Nguyễn Văn An", 14, True, False)],
    ]
    for row in rows:
        line = doc.add_paragraph()
        line.paragraph_format.space_after = Pt(0)
        for text, size, bold, italic in row:
            run = line.add_run(text)
            run.font.size, run.font.bold, run.font.italic = Pt(size), bold or None, italic or None


def _attached_list_after_signature(doc: Document) -> None:
    """The list a quyết định awards, attached after its signature in a landscape section."""
    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for text, bold, italic in (
        ("DANH SÁCH TẬP THỂ ĐƯỢC TẶNG BẰNG KHEN", True, False),
        (
            "(Kèm theo Quyết định số 12/QĐ-BHXH ngày 05 tháng 01 năm 2025 của Tổng Giám đốc)",
            False,
            True,
        ),
    ):
        Draft.fill(doc.add_paragraph(), text, bold=bold, italic=italic)
    table = doc.add_table(rows=1, cols=2)
    Draft.fill(table.cell(0, 0).paragraphs[0], "1", size=13)
    Draft.fill(table.cell(0, 1).paragraphs[0], "Vụ Thi đua - Khen thưởng", size=13)


def _award_report_form(doc: Document) -> None:
    """A báo cáo thành tích (Nghị định 98/2023 form): longer heading, signed by the head
    without KT./TM., no Nơi nhận."""
    set_text(find(doc, "BÁO CÁO"), "BÁO CÁO THÀNH TÍCH")
    left, right = doc.tables[-1].cell(0, 0), doc.tables[-1].cell(0, 1)
    for cell_p in left.paragraphs:
        for run in cell_p.runs:
            run.text = ""
    set_text(right.paragraphs[0]._p, "THỦ TRƯỞNG ĐƠN VỊ")
    right._tc.remove(right.paragraphs[1]._p)


def _rotated_landscape_margins(doc: Document) -> None:
    """A list turned to landscape in Word: margins rotate, the binding edge is now the top."""
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Mm(30), Mm(15)
    section.left_margin = section.right_margin = Mm(20)


TOLERATED: list[tuple[str, str, Callable[[Document], object]]] = [
    (
        "cong-hoa-viet-oa",
        "cong_van",
        lambda doc: set_text(
            find(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        ),
    ),
    ("hAnsi-tu-kieu-Normal", "cong_van", _remove_hansi_from_runs),
    ("duong-ke-la-vien-tren-doan-sau", "cong_van", _line_as_top_border_of_next),
    ("duong-ke-la-hinh-ve", "cong_van", _line_as_drawn_shape),
    ("cach-doan-bang-khoang-truoc", "cong_van", _space_before_instead_of_after),
    ("thut-dau-dong-12-7-mm", "cong_van", _indent_12_7_mm),
    (
        "dia-danh-de-trong",
        "cong_van_2026",
        lambda doc: set_text(find(doc, "Hà Nội, ngày .*"), "……, ngày      tháng     năm 2026"),
    ),
    ("chu-ky-go-bang-tab", "ke_hoach", _signature_typed_with_tabs),
    ("bao-cao-thanh-tich", "bao_cao", _award_report_form),
    ("ds-le-xoay-khi-nam-ngang", "danh_sach", _rotated_landscape_margins),
    ("qd-kem-danh-sach-nam-ngang", "quyet_dinh", _attached_list_after_signature),
]


@pytest.mark.parametrize(
    ("source", "change"), [(s, c) for _, s, c in TOLERATED], ids=[i for i, _, _ in TOLERATED]
)
def test_tolerated_variants_have_no_violation(
    sources: dict[str, Path], tmp_path: Path, source: str, change: Callable[[Document], object]
) -> None:
    """Equivalent ways of meeting a rule (HOÀ spelling, style fonts, other layouts…) pass."""
    path, _ = changed(sources, source, tmp_path, change)
    assert [str(x) for x in check_document(path)] == []


# ---------------------------------------------------------------------------------------------
# One broken rule: exactly its violation


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    change: Callable[[Document], list[str]]  # breaks the rule; returns the expected violations
    kind: str | None = None


def _cv(doc: Document, p, found: str, expected: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [v(CONG_VAN, place(doc, p), found, expected)]


def noi_nhan_size(doc: Document) -> list[str]:
    p = find(doc, "Nơi nhận:")
    set_size(p, 13)
    return _cv(doc, p, "cỡ chữ 13", "12, đậm nghiêng")


def hansi_missing(doc: Document) -> list[str]:
    p = find(doc, "Kính gửi:")
    p.find(".//" + qn("w:rFonts")).attrib.pop(qn("w:hAnsi"))
    for fonts in (
        doc.styles["Normal"].element.rPr.rFonts,
        doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts")),
    ):
        fonts.attrib.pop(qn("w:hAnsi"))
    return _cv(doc, p, "phông hAnsi chưa đặt", f"{FONT} ở cả hai ô phông ascii và hAnsi")


def ascii_theme(doc: Document) -> list[str]:
    p = find(doc, "Kính gửi:")
    p.find(".//" + qn("w:rFonts")).set(qn("w:asciiTheme"), "minorHAnsi")
    return _cv(
        doc, p, "phông ascii theo chủ đề (minorHAnsi)", f"{FONT} ở cả hai ô phông ascii và hAnsi"
    )


def hansi_arial(doc: Document) -> list[str]:
    p = find(doc, "V/v .*")
    p.find(".//" + qn("w:rFonts")).set(qn("w:hAnsi"), "Arial")
    return _cv(doc, p, 'phông hAnsi "Arial"', f"{FONT} ở cả hai ô phông ascii và hAnsi")


def red_text(doc: Document) -> list[str]:
    p = find(doc, "Chu Mạnh Sinh")
    para(p).runs[0].font.color.rgb = docx.shared.RGBColor(0xFF, 0, 0)
    return _cv(doc, p, "màu chữ FF0000", "chữ màu đen")


def decomposed(doc: Document) -> list[str]:
    p = find(doc, "Kính gửi:")
    node = p.find(".//" + qn("w:t"))
    node.text = unicodedata.normalize("NFD", node.text)
    return _cv(
        doc, p, 'chữ tổ hợp, không dựng sẵn ("Kính")', "Unicode dựng sẵn (NFC, TCVN 6909:2001)"
    )


def day_and_month_without_zero(doc: Document) -> list[str]:
    p = find(doc, "Hà Nội, ngày .*")
    set_text(p, "Hà Nội, ngày 9 tháng 1 năm 2024")
    return [
        *_cv(doc, p, "ngày 9", "ngày 09 (ngày dưới 10 có số 0 đứng trước)"),
        *_cv(doc, p, "tháng 1", "tháng 01 (tháng 1, 2 có số 0 đứng trước)"),
    ]


def month_with_zero(doc: Document) -> list[str]:
    p = find(doc, "Hà Nội, ngày .*")
    set_text(p, "Hà Nội, ngày 11 tháng 03 năm 2024")
    return _cv(doc, p, "tháng 03", "tháng 3 (tháng 3 đến 12 không có số 0 đứng trước)")


def date_not_italic(doc: Document) -> list[str]:
    p = find(doc, "Hà Nội, ngày .*")
    para(p).runs[0].font.italic = False
    return _cv(doc, p, "chữ không nghiêng", "13–14, nghiêng, không đậm")


def left_margin(doc: Document) -> list[str]:
    doc.sections[0].left_margin = Mm(25)
    return [v(CONG_VAN, "trang", "lề trái 25 mm", "lề trái 30–35 mm")]


def top_margin(doc: Document) -> list[str]:
    doc.sections[0].top_margin = Mm(15)
    return [v(CONG_VAN, "trang", "lề trên 15 mm", "lề trên 20–25 mm")]


def bottom_margin_one_inch(doc: Document) -> list[str]:
    doc.sections[0].bottom_margin = Mm(25.4)  # Word's US default: just over the 25 mm limit
    return [v(CONG_VAN, "trang", "lề dưới 25,4 mm", "lề dưới 20–25 mm")]


def letter_paper(doc: Document) -> list[str]:
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(216), Mm(279)
    return [v(CONG_VAN, "trang", "khổ giấy 216 × 279 mm", "A4 210 × 297 mm")]


def landscape(doc: Document) -> list[str]:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    return [v(CONG_VAN, "trang", "trang nằm ngang", "trang đứng (chỉ danh sách được nằm ngang)")]


def no_page_field(doc: Document) -> list[str]:
    for header_p in doc.sections[0].header.paragraphs:
        for run in list(header_p._p.iter(qn("w:r"))):
            run.getparent().remove(run)
    return [v(CONG_VAN, "đầu trang", "không có số trang", "số trang ở giữa đầu trang, từ trang 2")]


def number_on_first_page(doc: Document) -> list[str]:
    doc.sections[0].different_first_page_header_footer = False
    return [
        v(
            CONG_VAN,
            "đầu trang",
            "số trang hiện cả ở trang 1 (chưa chọn “trang đầu khác”)",
            "trang 1 không đánh số",
        )
    ]


def page_number_bold_12(doc: Document) -> list[str]:
    for run in doc.sections[0].header.paragraphs[0].runs:
        run.font.size, run.font.bold = Pt(12), True
    return [
        v(
            CONG_VAN,
            "đầu trang",
            "số trang cỡ chữ 12, chữ đậm",
            "13–14, không đậm, không nghiêng, căn giữa",
        )
    ]


def quoc_hieu_not_bold(doc: Document) -> list[str]:
    p = find(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    para(p).runs[0].font.bold = False
    return _cv(doc, p, "chữ không đậm", "12–13, đậm, không nghiêng, in hoa")


def quoc_hieu_lower_case(doc: Document) -> list[str]:
    p = find(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    set_text(p, "Cộng hòa xã hội chủ nghĩa Việt Nam")
    return _cv(doc, p, "không in hoa", "12–13, đậm, không nghiêng, in hoa")


def tieu_ngu_en_dash(doc: Document) -> list[str]:
    p = find(doc, "Độc lập - Tự do - Hạnh phúc")
    set_text(p, "Độc lập – Tự do – Hạnh phúc")
    return _cv(
        doc,
        p,
        'viết "Độc lập – Tự do – Hạnh phúc"',
        '"Độc lập - Tự do - Hạnh phúc" (gạch nối có cách hai bên)',
    )


def tieu_ngu_size_12(doc: Document) -> list[str]:
    p = find(doc, "Độc lập - Tự do - Hạnh phúc")
    set_size(p, 12)
    return _cv(doc, p, "cỡ chữ 12", "13–14, đậm, không nghiêng")


def tieu_ngu_no_line(doc: Document) -> list[str]:
    p = find(doc, "Độc lập - Tự do - Hạnh phúc")
    ppr = p.find(qn("w:pPr"))
    ppr.remove(ppr.find(qn("w:pBdr")))
    return _cv(doc, p, "không có đường kẻ bên dưới", "đường kẻ liền, dài bằng dòng Tiêu ngữ")


def tieu_ngu_line_full_column(doc: Document) -> list[str]:
    p = find(doc, "Độc lập - Tự do - Hạnh phúc")
    ppr = p.find(qn("w:pPr"))
    ppr.remove(ppr.find(qn("w:ind")))
    font_size = para(p).runs[0].font.size
    assert font_size is not None
    size = font_size.pt
    found = (
        f"đường kẻ dài khoảng {round(tcw_mm(p))} mm, dòng chữ khoảng {round(text_mm(27, size))} mm"
    )
    return _cv(doc, p, found, "đường kẻ liền, dài bằng dòng Tiêu ngữ")


def tieu_ngu_dashed_line(doc: Document) -> list[str]:
    p = find(doc, "Độc lập - Tự do - Hạnh phúc")
    p.find(".//" + qn("w:bottom")).set(qn("w:val"), "dashed")
    return _cv(doc, p, "đường kẻ kiểu dashed", "đường kẻ liền, dài bằng dòng Tiêu ngữ")


def issuer_not_bold(doc: Document) -> list[str]:
    p = find(doc, "BẢO HIỂM XÃ HỘI VIỆT NAM")
    para(p).runs[0].font.bold = False
    return _cv(doc, p, "chữ không đậm", "12–13, đậm, không nghiêng, in hoa")


def issuer_no_line(doc: Document) -> list[str]:
    p = find(doc, "BẢO HIỂM XÃ HỘI VIỆT NAM")
    below = p.getnext()
    below.find(qn("w:pPr")).remove(below.find(qn("w:pPr")).find(qn("w:pBdr")))
    return _cv(doc, p, "không có đường kẻ bên dưới", "đường kẻ liền, dài 1/3–1/2 tên cơ quan")


def issuer_underlined(doc: Document) -> list[str]:
    p = find(doc, "BẢO HIỂM XÃ HỘI VIỆT NAM")
    below = p.getnext()
    below.find(qn("w:pPr")).remove(below.find(qn("w:pPr")).find(qn("w:pBdr")))
    para(p).runs[0].font.underline = True
    return _cv(doc, p, "gạch chân cả dòng chữ", "đường kẻ liền, dài 1/3–1/2 tên cơ quan")


def parent_agency_size_14(doc: Document) -> list[str]:
    p = find(doc, "BỘ TÀI CHÍNH")
    set_size(p, 14)
    return _cv(doc, p, "cỡ chữ 14", "12–13, không đậm, không nghiêng, in hoa")


def number_size_14(doc: Document) -> list[str]:
    p = find(doc, "Số: .*")
    set_size(p, 14)
    return _cv(doc, p, "cỡ chữ 14", "13, không đậm, không nghiêng")


def number_not_padded(doc: Document) -> list[str]:
    p = find(doc, "Số: .*")
    set_text(p, "Số: 5/BHXH-TĐKT")
    return _cv(doc, p, "số 5", "số 05 (số dưới 10 có số 0 đứng trước)")


def code_with_spaces(doc: Document) -> list[str]:
    p = find(doc, "Số: .*")
    set_text(p, "Số: 4111/BHXH - TĐKT")
    return _cv(
        doc,
        p,
        'ký hiệu "BHXH - TĐKT" có dấu cách',
        'các phần ký hiệu nối bằng "-", không có dấu cách',
    )


def cong_van_code_with_type(doc: Document) -> list[str]:
    p = find(doc, "Số: .*")
    set_text(p, "Số: 4111/CV-BHXH")
    return _cv(
        doc,
        p,
        'ký hiệu công văn "CV-BHXH" có mã loại CV',
        'ký hiệu công văn không có mã loại (ví dụ "4111/BHXH-TĐKT")',
    )


def vv_size_14(doc: Document) -> list[str]:
    p = find(doc, "V/v .*")
    set_size(p, 14)
    return _cv(doc, p, "cỡ chữ 14", "12–13, không đậm, không nghiêng")


def kinh_gui_bold(doc: Document) -> list[str]:
    p = find(doc, "Kính gửi:")
    para(p).runs[0].font.bold = True
    return _cv(doc, p, "chữ đậm", "13–14, không đậm, không nghiêng")


def addressee_last_semicolon(doc: Document) -> list[str]:
    p = find(doc, "- Bảo hiểm xã hội các tỉnh.*")
    set_text(p, paragraph_text(p).replace("Trung ương.", "Trung ương;"))
    return _cv(doc, p, 'dòng cuối kết thúc bằng ";"', 'dòng cuối kết thúc bằng "."')


def body_size_13(doc: Document) -> list[str]:
    p = find(doc, "Trong 10 tháng đầu năm 2024.*")
    set_size(p, 13)
    return _cv(doc, p, "cỡ chữ 13", "14 như toàn bộ nội dung (một cỡ chữ, 13 hoặc 14)")


def body_left_aligned(doc: Document) -> list[str]:
    p = find(doc, "Trong 10 tháng đầu năm 2024.*")
    para(p).alignment = WD_ALIGN_PARAGRAPH.LEFT
    return _cv(doc, p, "căn trái", "căn đều hai lề")


def body_no_indent(doc: Document) -> list[str]:
    p = find(doc, "Trong 10 tháng đầu năm 2024.*")
    para(p).paragraph_format.first_line_indent = 0
    return _cv(doc, p, "thụt đầu dòng 0 mm", "thụt đầu dòng 10 mm hoặc 12,7 mm")


def body_no_space_after(doc: Document) -> list[str]:
    p = find(doc, "Trong 10 tháng đầu năm 2024.*")
    para(p).paragraph_format.space_after = Pt(0)
    return _cv(doc, p, "cách đoạn sau 0 pt", "cách đoạn sau tối thiểu 6 pt")


def body_double_spacing(doc: Document) -> list[str]:
    p = find(doc, "Trong 10 tháng đầu năm 2024.*")
    para(p).paragraph_format.line_spacing = 2.0
    return _cv(doc, p, "giãn dòng 2 dòng", "từ 1 dòng (single) đến 1,5 dòng")


def section_heading_not_bold(doc: Document) -> list[str]:
    p = find(doc, "II. NỘI DUNG THI ĐUA")
    para(p).runs[0].font.bold = False
    return _cv(doc, p, "chữ không đậm", "đậm, in hoa")


def section_heading_lower(doc: Document) -> list[str]:
    p = find(doc, "II. NỘI DUNG THI ĐUA")
    set_text(p, "II. Nội dung thi đua")
    return _cv(doc, p, "không in hoa", "đậm, in hoa")


def section_skipped(doc: Document) -> list[str]:
    p = find(doc, "II. NỘI DUNG THI ĐUA")
    set_text(p, "III. NỘI DUNG THI ĐUA")
    later = find(doc, "III. TIÊU CHÍ THI ĐUA")
    return [
        *_cv(doc, p, "mục III sau mục I", "mục II"),
        *_cv(doc, later, "mục III sau mục III", "mục IV"),
    ]


def khoan_skipped(doc: Document) -> list[str]:
    p = find(doc, "3. Thời gian thi đua: .*")
    para(p).runs[0].text = "4. Thời gian thi đua:"
    return _cv(doc, p, "khoản 4 sau khoản 2", "khoản 3")


def part_out_of_order(doc: Document) -> list[str]:
    """A lettered part restarts its sections: "II." right after "B." is out of order twice."""
    ii = find(doc, "II. NỘI DUNG THI ĐUA")
    part = copy.deepcopy(ii)
    set_text(part, "B. NỘI DUNG PHONG TRÀO THI ĐUA")
    ii.addprevious(part)
    return [*_cv(doc, part, "phần B mở đầu", "phần A"), *_cv(doc, ii, "mục II mở đầu", "mục I")]


def part_heading_lower(doc: Document) -> list[str]:
    ii = find(doc, "II. NỘI DUNG THI ĐUA")
    part = copy.deepcopy(ii)
    set_text(part, "A. Nội dung phong trào")
    ii.addprevious(part)
    return [*_cv(doc, part, "không in hoa", "đậm, in hoa"), *_cv(doc, ii, "mục II mở đầu", "mục I")]


def diem_skips_dd(doc: Document) -> list[str]:
    b = find(doc, "b\\) Tiêu chí thi đua về thu.*")
    anchor = b
    for letter in "cde":  # a b c d e: the letter after d must be đ
        extra = copy.deepcopy(b)
        set_text(extra, f"{letter}) Tiêu chí thi đua {letter}")
        anchor.addnext(extra)
        anchor = extra
    return _cv(doc, anchor, "điểm e sau điểm d", "điểm đ")


def diem_not_restarted(doc: Document) -> list[str]:
    khoan = find(doc, "3. Đối với cá nhân", 0)
    extra = copy.deepcopy(find(doc, "b\\) Tiêu chí thi đua về thu.*"))
    set_text(extra, "c) Cá nhân tiêu biểu")
    khoan.addnext(extra)
    return _cv(doc, extra, "điểm c mở đầu", "điểm a")


def authority_not_bold(doc: Document) -> list[str]:
    p = find(doc, "KT. TỔNG GIÁM ĐỐC")
    para(p).runs[0].font.bold = False
    return _cv(doc, p, "chữ không đậm", "13–14, đậm, không nghiêng, in hoa")


def signer_name_size_12(doc: Document) -> list[str]:
    p = find(doc, "Chu Mạnh Sinh")
    set_size(p, 12)
    return _cv(doc, p, "cỡ chữ 12", "13–14, đậm, không nghiêng")


def signer_name_with_title(doc: Document) -> list[str]:
    p = find(doc, "Chu Mạnh Sinh")
    set_text(p, "Ông Chu Mạnh Sinh")
    return _cv(
        doc, p, 'có "Ông" trước họ tên', "chỉ ghi họ tên, không có danh xưng, học hàm, học vị"
    )


def line_under_signer_name(doc: Document) -> list[str]:
    name = find(doc, "Chu Mạnh Sinh")
    extra = copy.deepcopy(name)
    set_text(extra, "Chủ tịch Hội đồng Thi đua - Khen thưởng")
    name.addnext(extra)
    return _cv(
        doc,
        extra,
        "có dòng đậm hoặc in hoa dưới họ tên người ký",
        "họ tên người ký là dòng cuối của chữ ký (chỉ cho phép dòng chức danh kiêm nhiệm, chữ thường)",
    )


def recipient_size_12(doc: Document) -> list[str]:
    p = find(doc, "- Công đoàn cơ quan;")
    set_size(p, 12)
    return _cv(doc, p, "cỡ chữ 12", "11, không đậm, không nghiêng")


def recipients_without_nhu_tren(doc: Document) -> list[str]:
    first, second = find(doc, "- Như trên;"), find(doc, "- Tổng Giám đốc .*")
    second.addnext(first)  # "- Tổng Giám đốc (đề b/c);" now comes first
    return _cv(
        doc, second, 'dòng đầu "- Tổng Giám đốc (đề b/c);"', '"- Như trên;" (văn bản có Kính gửi)'
    )


def recipients_without_luu(doc: Document) -> list[str]:
    luu = find(doc, "- Lưu: .*")
    luu.getparent().remove(luu)
    last = find(doc, "- Đoàn TN cơ quan;")
    return [
        *_cv(doc, last, 'dòng cuối kết thúc bằng ";"', 'dòng cuối kết thúc bằng "."'),
        *_cv(doc, last, "dòng cuối không phải “- Lưu: …”", "dòng cuối “- Lưu: VT, …”"),
    ]


def checked_as_ke_hoach(doc: Document) -> list[str]:
    number = find(doc, "Số: .*")
    return [
        *_cv(doc, number, 'ký hiệu "BHXH-TĐKT" ở kế hoạch', 'ký hiệu kế hoạch bắt đầu bằng "KH-"'),
        v(
            CONG_VAN,
            "văn bản",
            "không có tên loại “KẾ HOẠCH”",
            "“KẾ HOẠCH” in hoa, đậm, 13–14, căn giữa",
        ),
    ]


# Documents of the other kinds (built above)


def _in(name: str, doc: Document, p, found: str, expected: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [v(name, place(doc, p), found, expected)]


def kh_code_mismatch(doc: Document) -> list[str]:
    p = find(doc, "Số: .*")
    set_text(p, "Số: 05/BHXH-TĐKT")
    return _in(
        "ke-hoach.docx",
        doc,
        p,
        'ký hiệu "BHXH-TĐKT" ở kế hoạch',
        'ký hiệu kế hoạch bắt đầu bằng "KH-"',
    )


def kh_title_left(doc: Document) -> list[str]:
    p = find(doc, "KẾ HOẠCH")
    para(p).alignment = WD_ALIGN_PARAGRAPH.LEFT
    return _in("ke-hoach.docx", doc, p, "căn trái", "13–14, đậm, không nghiêng, in hoa, căn giữa")


def kh_summary_not_bold(doc: Document) -> list[str]:
    p = find(doc, "Tổ chức phong trào thi đua năm 2025")
    para(p).runs[0].font.bold = False
    return _in("ke-hoach.docx", doc, p, "chữ không đậm", "13–14, đậm, không nghiêng")


def kh_summary_line_too_long(doc: Document) -> list[str]:
    p = find(doc, "Tổ chức phong trào thi đua năm 2025")
    below = p.getnext()
    below.find(qn("w:pPr")).remove(below.find(qn("w:pPr")).find(qn("w:ind")))
    page = doc.sections[0]
    assert page.page_width is not None and page.left_margin is not None
    assert page.right_margin is not None
    width = round((page.page_width - page.left_margin - page.right_margin) / 36000)
    found = f"đường kẻ dài khoảng {width} mm, dòng chữ khoảng {round(text_mm(35, 14))} mm"
    return _in("ke-hoach.docx", doc, p, found, "đường kẻ liền, dài 1/3–1/2 dòng trích yếu")


def kh_auto_numbered_points(doc: Document) -> list[str]:
    """Word's automatic a), b)… numbering has no đ and has f: a b c d e f instead of a … e."""
    numbering = doc.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/><w:suff w:val="space"/>'
            '<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    points = [p for p in paragraphs(doc) if re.match(r"^[a-zđ]\) Chỉ tiêu", collapsed(p))]
    for p in points:
        set_text(p, collapsed(p)[3:])
        p.find(qn("w:pPr")).append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
        )
    return [
        *_in("ke-hoach.docx", doc, points[4], "điểm e sau điểm d", "điểm đ"),
        *_in("ke-hoach.docx", doc, points[5], "điểm f sau điểm e", "điểm g"),
    ]


def qd_decide_not_centred(doc: Document) -> list[str]:
    p = find(doc, "QUYẾT ĐỊNH:")
    para(p).alignment = WD_ALIGN_PARAGRAPH.LEFT
    return _in("quyet-dinh.docx", doc, p, "căn trái", "đậm, căn giữa")


def qd_article_label_not_bold(doc: Document) -> list[str]:
    p = find(doc, "Điều 2\\. .*")
    para(p).runs[0].font.bold = False
    return _in("quyet-dinh.docx", doc, p, "chữ không đậm", "đậm")


def qd_article_skipped(doc: Document) -> list[str]:
    p = find(doc, "Điều 2\\. .*")
    para(p).runs[0].text = "Điều 3."
    later = find(doc, "Điều 3\\. Vụ trưởng.*")
    return [
        *_in("quyet-dinh.docx", doc, p, "Điều 3 sau Điều 1", "Điều 2"),
        *_in("quyet-dinh.docx", doc, later, "Điều 3 sau Điều 3", "Điều 4"),
    ]


def qd_can_cu_last_semicolon(doc: Document) -> list[str]:
    p = find(doc, "Theo đề nghị .*")
    set_text(p, "Theo đề nghị của Vụ trưởng Vụ Thi đua - Khen thưởng;")
    return _in(
        "quyet-dinh.docx",
        doc,
        p,
        'dòng cuối kết thúc bằng ";"',
        'dòng căn cứ cuối kết thúc bằng "."',
    )


def qd_can_cu_not_italic(doc: Document) -> list[str]:
    p = find(doc, "Căn cứ Luật .*")
    para(p).runs[0].font.italic = False
    return _in("quyet-dinh.docx", doc, p, "chữ không nghiêng", "nghiêng")


def qd_recipients_nhu_tren(doc: Document) -> list[str]:
    p = find(doc, "- Như Điều 3;")
    set_text(p, "- Như trên;")
    return _in("quyet-dinh.docx", doc, p, 'dòng đầu "- Như trên;"', '"- Như Điều 3;"')


def bb_date_in_header(doc: Document) -> list[str]:
    cell = doc.tables[0].cell(1, 1).paragraphs[0]
    cell.add_run("Hà Nội, ngày 10 tháng 12 năm 2024").font.italic = True
    return _in(
        "bien-ban.docx",
        doc,
        cell._p,
        "biên bản có dòng địa danh, ngày tháng ở phần đầu",
        "biên bản không có dòng địa danh, ngày tháng dưới Quốc hiệu",
    )


def bb_signers_swapped(doc: Document) -> list[str]:
    row = doc.tables[-1].rows[0]._tr
    cells = row.findall(qn("w:tc"))
    row.remove(cells[0])
    row.append(cells[0])  # THƯ KÝ now signs on the right
    return _in(
        "bien-ban.docx",
        doc,
        find(doc, "THƯ KÝ"),
        "THƯ KÝ ký bên phải, CHỦ TỌA bên trái",
        "THƯ KÝ ký bên trái, CHỦ TỌA ký bên phải",
    )


def bb_without_closing(doc: Document) -> list[str]:
    p = find(doc, "Cuộc họp kết thúc .*")
    set_text(p, "Hội đồng thống nhất đề nghị khen thưởng./.")
    return [
        v(
            "bien-ban.docx",
            "văn bản",
            "không có câu “Cuộc họp kết thúc vào …”",
            "“Cuộc họp kết thúc vào … giờ …, ngày … tháng … năm …./.”",
        )
    ]


def bb_secretary_not_bold(doc: Document) -> list[str]:
    p = find(doc, "THƯ KÝ")
    para(p).runs[0].font.bold = False
    return _in("bien-ban.docx", doc, p, "chữ không đậm", "13–14, đậm, không nghiêng, in hoa")


def ds_note_not_italic(doc: Document) -> list[str]:
    p = find(doc, "\\(Kèm theo .*")
    para(p).runs[0].font.italic = False
    return _in("danh-sach.docx", doc, p, "chữ không nghiêng", "nghiêng, căn giữa")


def ds_title_not_bold(doc: Document) -> list[str]:
    p = find(doc, "DANH SÁCH .*")
    para(p).runs[0].font.bold = False
    return _in(
        "danh-sach.docx", doc, p, "chữ không đậm", "13–14, đậm, không nghiêng, in hoa, căn giữa"
    )


def ds_landscape_top_margin(doc: Document) -> list[str]:
    doc.sections[0].top_margin = Mm(10)
    return [v("danh-sach.docx", "trang", "lề trên 10 mm", "lề trên 20–25 mm")]


def tt_recipients_without_nhu_tren(doc: Document) -> list[str]:
    p = find(doc, "- Như trên;")
    set_text(p, "- Bộ Tài chính;")
    return _in(
        "to-trinh.docx", doc, p, 'dòng đầu "- Bộ Tài chính;"', '"- Như trên;" (văn bản có Kính gửi)'
    )


def bc_code_of_ke_hoach(doc: Document) -> list[str]:
    p = find(doc, "Số: .*")
    set_text(p, "Số: 15/KH-BHXH")
    return _in(
        "bao-cao.docx", doc, p, 'ký hiệu "KH-BHXH" ở báo cáo', 'ký hiệu báo cáo bắt đầu bằng "BC-"'
    )


def bc_award_form_name_not_bold(doc: Document) -> list[str]:
    _award_report_form(doc)
    p = find(doc, "Nguyễn Văn An")
    para(p).runs[0].font.bold = False
    return _in("bao-cao.docx", doc, p, "chữ không đậm", "13–14, đậm, không nghiêng")


CASES = [
    Case("noi-nhan-co-13", "cong_van", noi_nhan_size),
    Case("thieu-phong-hAnsi", "cong_van", hansi_missing),
    Case("phong-ascii-theo-chu-de", "cong_van", ascii_theme),
    Case("phong-hAnsi-Arial", "cong_van", hansi_arial),
    Case("chu-mau-do", "cong_van", red_text),
    Case("unicode-to-hop-NFD", "cong_van", decomposed),
    Case("ngay-9-thang-1", "cong_van", day_and_month_without_zero),
    Case("thang-03", "cong_van", month_with_zero),
    Case("ngay-thang-khong-nghieng", "cong_van", date_not_italic),
    Case("le-trai-25", "cong_van", left_margin),
    Case("le-tren-15", "cong_van", top_margin),
    Case("le-duoi-1-inch", "cong_van", bottom_margin_one_inch),
    Case("kho-Letter", "cong_van", letter_paper),
    Case("cong-van-nam-ngang", "cong_van", landscape),
    Case("khong-co-truong-PAGE", "cong_van", no_page_field),
    Case("so-trang-o-trang-1", "cong_van", number_on_first_page),
    Case("so-trang-dam-co-12", "cong_van", page_number_bold_12),
    Case("quoc-hieu-khong-dam", "cong_van", quoc_hieu_not_bold),
    Case("quoc-hieu-chu-thuong", "cong_van", quoc_hieu_lower_case),
    Case("tieu-ngu-gach-dai", "cong_van", tieu_ngu_en_dash),
    Case("tieu-ngu-co-12", "cong_van", tieu_ngu_size_12),
    Case("tieu-ngu-khong-ke", "cong_van", tieu_ngu_no_line),
    Case("tieu-ngu-ke-ca-cot", "cong_van", tieu_ngu_line_full_column),
    Case("tieu-ngu-ke-dut", "cong_van", tieu_ngu_dashed_line),
    Case("co-quan-khong-dam", "cong_van", issuer_not_bold),
    Case("co-quan-khong-ke", "cong_van", issuer_no_line),
    Case("co-quan-gach-chan", "cong_van", issuer_underlined),
    Case("chu-quan-co-14", "cong_van_2026", parent_agency_size_14),
    Case("so-co-14", "cong_van", number_size_14),
    Case("so-5-khong-0", "cong_van", number_not_padded),
    Case("ky-hieu-co-dau-cach", "cong_van", code_with_spaces),
    Case("cong-van-co-ma-loai", "cong_van", cong_van_code_with_type),
    Case("vv-co-14", "cong_van", vv_size_14),
    Case("kinh-gui-dam", "cong_van", kinh_gui_bold),
    Case("kinh-gui-dong-cuoi-cham-phay", "cong_van", addressee_last_semicolon),
    Case("noi-dung-co-13", "cong_van", body_size_13),
    Case("noi-dung-can-trai", "cong_van", body_left_aligned),
    Case("noi-dung-khong-thut", "cong_van", body_no_indent),
    Case("noi-dung-khong-cach-doan", "cong_van", body_no_space_after),
    Case("noi-dung-gian-dong-2", "cong_van", body_double_spacing),
    Case("muc-khong-dam", "cong_van", section_heading_not_bold),
    Case("muc-chu-thuong", "cong_van", section_heading_lower),
    Case("muc-I-III", "cong_van", section_skipped),
    Case("khoan-1-2-4", "cong_van", khoan_skipped),
    Case("phan-B-mo-dau", "cong_van", part_out_of_order),
    Case("phan-chu-thuong", "cong_van", part_heading_lower),
    Case("diem-bo-d", "cong_van", diem_skips_dd),
    Case("diem-khong-bat-dau-a", "cong_van", diem_not_restarted),
    Case("chuc-vu-khong-dam", "cong_van", authority_not_bold),
    Case("ho-ten-co-12", "cong_van", signer_name_size_12),
    Case("ho-ten-co-danh-xung", "cong_van", signer_name_with_title),
    Case("dong-duoi-ho-ten", "cong_van", line_under_signer_name),
    Case("noi-nhan-dong-co-12", "cong_van", recipient_size_12),
    Case("noi-nhan-khong-nhu-tren", "cong_van", recipients_without_nhu_tren),
    Case("noi-nhan-khong-luu", "cong_van", recipients_without_luu),
    Case("cong-van-kiem-nhu-ke-hoach", "cong_van", checked_as_ke_hoach, "ke_hoach"),
    Case("kh-ky-hieu-sai-loai", "ke_hoach", kh_code_mismatch),
    Case("kh-ten-loai-can-trai", "ke_hoach", kh_title_left),
    Case("kh-trich-yeu-khong-dam", "ke_hoach", kh_summary_not_bold),
    Case("kh-ke-duoi-trich-yeu-qua-dai", "ke_hoach", kh_summary_line_too_long),
    Case("kh-danh-so-tu-dong-a-e", "ke_hoach", kh_auto_numbered_points),
    Case("qd-quyet-dinh-can-trai", "quyet_dinh", qd_decide_not_centred),
    Case("qd-dieu-khong-dam", "quyet_dinh", qd_article_label_not_bold),
    Case("qd-dieu-1-3", "quyet_dinh", qd_article_skipped),
    Case("qd-can-cu-cuoi-cham-phay", "quyet_dinh", qd_can_cu_last_semicolon),
    Case("qd-can-cu-khong-nghieng", "quyet_dinh", qd_can_cu_not_italic),
    Case("qd-noi-nhan-nhu-tren", "quyet_dinh", qd_recipients_nhu_tren),
    Case("bb-co-ngay-thang", "bien_ban", bb_date_in_header),
    Case("bb-thu-ky-ben-phai", "bien_ban", bb_signers_swapped),
    Case("bb-khong-ket-thuc", "bien_ban", bb_without_closing),
    Case("bb-thu-ky-khong-dam", "bien_ban", bb_secretary_not_bold),
    Case("ds-kem-theo-khong-nghieng", "danh_sach", ds_note_not_italic),
    Case("ds-tieu-de-khong-dam", "danh_sach", ds_title_not_bold),
    Case("ds-le-tren-10", "danh_sach", ds_landscape_top_margin),
    Case("tt-noi-nhan-khong-nhu-tren", "to_trinh", tt_recipients_without_nhu_tren),
    Case("bc-ky-hieu-KH", "bao_cao", bc_code_of_ke_hoach),
    Case("bc-thanh-tich-ho-ten-khong-dam", "bao_cao", bc_award_form_name_not_bold),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_one_broken_rule_gives_exactly_its_violation(
    sources: dict[str, Path], tmp_path: Path, case: Case
) -> None:
    """Breaking one rule in a correct document yields exactly that rule's violation(s)."""
    path, expected = changed(sources, case.source, tmp_path, case.change)
    assert [str(x) for x in check_document(path, case.kind)] == expected


def test_violation_carries_rule_and_parts(sources: dict[str, Path], tmp_path: Path) -> None:
    """A violation names its file, place, rule, what was found and what is required."""
    path, _ = changed(sources, "cong_van", tmp_path, noi_nhan_size)
    (violation,) = check_document(path)
    assert violation.file == path and violation.rule == "Nơi nhận"
    assert (violation.found, violation.expected) == ("cỡ chữ 13", "12, đậm nghiêng")
    assert re.fullmatch(r'đoạn \d+ "Nơi nhận:"', violation.place)


# ---------------------------------------------------------------------------------------------
# Unreadable input


def _zip(path: Path, parts: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>'
)

UNREADABLE: list[tuple[str, Callable[[Path], object], str]] = [
    (
        "van-ban-thuong",
        lambda p: p.write_text("Kính gửi: các đơn vị", encoding="utf-8"),
        "không phải tệp nén zip",
    ),
    (
        "word-97-2003",
        lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
        "Word 97-2003 (.doc)",
    ),
    (
        "zip-khong-co-van-ban",
        lambda p: _zip(p, {"ghi-chu.txt": "x"}),
        "không có phần văn bản chính",
    ),
    (
        "xml-hong",
        lambda p: _zip(p, {"_rels/.rels": RELS, "word/document.xml": "<w:document"}),
        "không phải XML hợp lệ",
    ),
    (
        "khong-phai-word",
        lambda p: _zip(p, {"_rels/.rels": RELS, "word/document.xml": "<bang/>"}),
        "không phải văn bản Word",
    ),
    ("khong-ton-tai", lambda p: None, "Không tìm thấy tệp"),
]


@pytest.mark.parametrize(
    ("make", "reason"), [(m, r) for _, m, r in UNREADABLE], ids=[i for i, _, _ in UNREADABLE]
)
def test_unreadable_input_raises_input_error_naming_the_file(
    tmp_path: Path, make: Callable[[Path], None], reason: str
) -> None:
    """A file that is not a Word document raises InputError with a Vietnamese message."""
    path = tmp_path / "cong-van.docx"
    make(path)
    with pytest.raises(InputError) as caught:
        check_document(path)
    assert str(path) in caught.value.message and reason in caught.value.message


def test_unknown_kind_raises_input_error(sources: dict[str, Path]) -> None:
    """An unknown document kind is refused with the list of known kinds."""
    with pytest.raises(InputError, match="cong_van, ke_hoach"):
        check_document(sources["cong_van"], "thong_bao")
