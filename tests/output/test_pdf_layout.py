"""Where a signer's block is, from the lines of a page (no LibreOffice needed), how the
documents are dealt out to the LibreOffice processes, and the time left the PDF bar shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua_docs.cli.main import time_left
from thidua_docs.output.pdf import PdfJob, deal
from thidua_docs.output.signature import Line, blocks_on, field_names

A4 = 595.3


def line(text: str, x0: float, top: float, width: float = 150.0, height: float = 14.0) -> Line:
    """A line whose box starts at ``x0`` and whose top is at ``top`` (PDF points)."""
    return Line(x0, top - height, x0 + width, top, text)


# The closing of a quyết định as LibreOffice lays it out: Nơi nhận left, the signer right.
DECISION = [
    line("Nơi nhận:", 57, 300, 60),
    line("KT. TỔNG GIÁM ĐỐC", 349, 300, 150),
    line("- Như Điều 3;", 57, 285, 80),
    line("- Lưu: VT, TĐKT.", 57, 270, 90),
    line("PHÓ TỔNG GIÁM ĐỐC", 349, 283, 150),
    line("Chu Mạnh Sinh", 380, 200, 90),
]
# A biên bản: two signers side by side.
MINUTES = [
    line("THƯ KÝ", 180, 590, 45),
    line("CHỦ TỌA", 410, 590, 55),
    line("Phạm Thu Hà", 160, 510, 80),
    line("Nguyễn Văn Minh", 390, 510, 95),
]
# Headings and body text: no signer anywhere.
BODY = [
    line("QUYẾT ĐỊNH:", 250, 600, 90),
    line("Điều 1. Tặng Bằng khen của Tổng Giám đốc cho 03 tập thể", 70, 585, 450),
    line("DANH SÁCH", 250, 500, 90),
    line("Tập thể, cá nhân được khen thưởng", 170, 484, 250),
]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (DECISION, [(("KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC"), "Chu Mạnh Sinh")]),
        (MINUTES, [(("THƯ KÝ",), "Phạm Thu Hà"), (("CHỦ TỌA",), "Nguyễn Văn Minh")]),
        (BODY, []),
        # the name right under the title (no room to sign): not a signer's block
        ([line("THỦ TRƯỞNG ĐƠN VỊ", 360, 400), line("Nguyễn Văn A", 390, 380, 90)], []),
        # title and name far apart in two columns: not one block
        ([line("THỦ TRƯỞNG ĐƠN VỊ", 60, 400), line("Nguyễn Văn A", 400, 330, 90)], []),
        # a text line in the space: the name belongs to that text, not to the title
        (
            [
                line("GIÁM ĐỐC", 380, 400, 90),
                line("ghi chú của người lập", 360, 370, 130),
                line("Nguyễn Văn A", 380, 320, 90),
            ],
            [],
        ),
        # a name line ending like a sentence is body text
        ([line("GHI CHÚ", 380, 400, 90), line("Đã kiểm tra.", 380, 330, 90)], []),
    ],
)
def test_signer_blocks_on_a_page(
    lines: list[Line], expected: list[tuple[tuple[str, ...], str]]
) -> None:
    blocks = blocks_on(lines, 0, A4)
    assert [(b.titles, b.name) for b in blocks] == expected
    for block in blocks:
        x0, y0, x1, y1 = block.rect
        title = next(li for li in lines if li.text == block.titles[-1])
        name = next(li for li in lines if li.text == block.name)
        assert title.y0 > y1 > y0 > name.y1  # in the space between them
        assert x0 <= name.centre <= x1 and x0 <= title.centre <= x1
        assert 141 <= x1 - x0 <= 199  # 5 to 7 cm wide
        assert x0 >= 0 and x1 <= A4


@pytest.mark.parametrize(
    ("titles", "name"),
    [
        (("KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC"), "ChuKy-pho-tong-giam-doc"),
        (("TM. HỘI ĐỒNG", "CHỦ TỊCH"), "ChuKy-chu-tich"),
        (("TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ TỔ CHỨC CÁN BỘ"), "ChuKy-vu-truong-vu-to-chuc-can-bo"),
        (("XÁC NHẬN CỦA THỦ TRƯỞNG", "ĐƠN VỊ"), "ChuKy-xac-nhan-cua-thu-truong-don-vi"),
        (("THƯ KÝ",), "ChuKy-thu-ky"),
        (("GIÁM ĐỐC",), "ChuKy-giam-doc"),
    ],
)
def test_field_name_is_the_signers_position(titles: tuple[str, ...], name: str) -> None:
    lines = [line(t, 350, 400 - 16 * i) for i, t in enumerate(titles)]
    lines.append(line("Nguyễn Văn A", 380, 400 - 16 * len(titles) - 60, 90))
    blocks = blocks_on(lines, 0, A4)
    assert [b.titles for b in blocks] == [titles]
    assert field_names(blocks) == [name]


def test_two_signers_with_one_position_get_two_names() -> None:
    lines = [
        line("GIÁM ĐỐC", 60, 400, 90),
        line("GIÁM ĐỐC", 380, 400, 90),
        line("Nguyễn Văn A", 60, 330, 90),
        line("Trần Văn B", 380, 330, 90),
    ]
    assert field_names(blocks_on(lines, 0, A4)) == ["ChuKy-giam-doc", "ChuKy-giam-doc-2"]


def test_documents_are_dealt_by_size(tmp_path: Path) -> None:
    sizes = [900, 100, 100, 100, 100, 100, 100, 100, 100, 100]  # one long danh sách, 9 short
    jobs = []
    for i, size in enumerate(sizes):
        source = tmp_path / f"{i}.docx"
        source.write_bytes(b"x" * size)
        jobs.append(PdfJob(source, tmp_path / f"{i}.pdf"))
    shares = deal(jobs, 2)
    assert [[i for i, _ in share] for share in shares] == [[0], list(range(1, 10))]
    assert sorted(i for share in shares for i, _ in share) == list(range(10))
    assert all(job is jobs[i] for share in shares for i, job in share)
    three = deal(jobs[1:], 3)  # equal sizes: three shares of three
    assert [len(share) for share in three] == [3, 3, 3]


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (None, None),  # nothing converted yet: no guess
        (0.4, "còn khoảng 0 giây"),
        (4.6, "còn khoảng 5 giây"),
        (59.4, "còn khoảng 59 giây"),
        (65, "còn khoảng 1 phút 05 giây"),
        (754, "còn khoảng 12 phút 34 giây"),
    ],
)
def test_time_left_of_the_pdf_bar(seconds: float | None, said: str | None) -> None:
    assert time_left(seconds) == said
