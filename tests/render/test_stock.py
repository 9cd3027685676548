"""Certificates on pre-printed stock: frames at the profile's positions from a prepared stock, the
decision line fitted to its position, the register number, and the calibration page."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from thidua_docs.documents.kinds.in_phoi import _so_vao_so
from thidua_docs.inputs.campaign import load_campaign
from thidua_docs.render.stock import (
    SMALLEST_PT,
    calibration_page,
    fitted_size,
    in_phoi,
    text_width_mm,
)
from thidua_docs.schema import BangKhenLayout, ViTri

from ..helpers import CAMPAIGNS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECISION = "Quyết định số 125/QĐ-BHXH ngày 15 tháng 01 năm 2025"


def layout() -> BangKhenLayout:
    return load_campaign(CAMPAIGNS / "bhxh-2024-nuoc-rut").co_quan.bang_khen


def body(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        return package.read("word/document.xml").decode()


def frames(xml: str) -> list[tuple[str, str, str]]:
    """(x, y, text) of every framed paragraph."""
    found = []
    for paragraph in re.findall(r"<w:p>.*?</w:p>", xml):
        frame = re.search(r'w:x="(\d+)" w:y="(\d+)"', paragraph)
        if frame:
            text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", paragraph))
            found.append((frame.group(1), frame.group(2), text))
    return found


def test_each_text_is_a_frame_at_its_position_in_twips() -> None:
    texts = {"ten": "Nguyễn Văn A & <B>", "quyet_dinh": DECISION, "nguoi_ky": "Chu Mạnh Sinh"}
    placed = frames(body(in_phoi(layout(), texts)))
    # ten: x 40 mm, y 92 mm → 2268, 5216 twips; nguoi_ky: x 160, y 185 → 9071, 10488
    assert ("2268", "5216", "Nguyễn Văn A &amp; &lt;B&gt;") in placed
    assert ("9071", "10488", "Chu Mạnh Sinh") in placed
    assert len(placed) == 3  # positions without a text write nothing


def test_same_texts_same_bytes() -> None:
    texts = {"ten": "Lê Thị Mai", "quyet_dinh": DECISION}
    assert in_phoi(layout(), texts) == in_phoi(layout(), dict(texts))


@pytest.mark.parametrize(
    ("text", "size", "width", "expected"),
    [
        ("Quyết định số 1", 13, 110, 13),  # short: its own size
        (DECISION, 13, 110, 12),  # the example's line: one point smaller fits 110 mm
        (DECISION, 13, 60, SMALLEST_PT),  # too long even at the smallest size
        (DECISION, 20, 200, 20),
    ],
)
def test_decision_line_is_fitted_to_one_line(
    text: str, size: int, width: int, expected: int
) -> None:
    where = ViTri(x=Decimal(0), y=Decimal(0), rong=Decimal(width), co_chu=size)
    assert fitted_size(text, where) == expected
    if expected > SMALLEST_PT:
        assert text_width_mm(text, expected) <= width


def test_the_year_never_stands_alone_on_a_wrapped_decision_line() -> None:
    narrow = layout().model_copy(
        update={"vi_tri": {"quyet_dinh": ViTri(x=Decimal(30), y=Decimal(168), rong=Decimal(60))}}
    )
    xml = body(in_phoi(narrow, {"quyet_dinh": DECISION}))
    (_, _, text) = frames(xml)[0]
    assert "ngày\u00a015\u00a0tháng\u00a001\u00a0năm\u00a02025" in text  # the date wraps whole
    assert f'w:val="{SMALLEST_PT * 2}"' in xml


@pytest.mark.parametrize(
    ("number", "printed"),
    [("125", "Số sổ: 125"), ("…………", ""), ("", ""), (None, "")],
)
def test_register_number_printed_when_the_card_has_one(number: str | None, printed: str) -> None:
    assert _so_vao_so({"so_vao_so": number}) == printed


def test_register_number_at_its_own_position() -> None:
    with_number = layout().model_copy(
        update={
            "vi_tri": {
                **layout().vi_tri,
                "so_vao_so": ViTri(x=Decimal(30), y=Decimal(175), rong=Decimal(60), co_chu=12),
            }
        }
    )
    placed = frames(body(in_phoi(with_number, {"so_vao_so": "Số sổ: 125"})))
    assert placed == [("1701", "9921", "Số sổ: 125")]


def test_calibration_page_marks_every_position_in_mm(tmp_path: Path) -> None:
    xml = body(calibration_page(layout()))
    placed = frames(xml)
    assert len(placed) == len(layout().vi_tri) == 7
    labels = {text for _, _, text in placed}
    assert "Tên tập thể, cá nhân (ten): x 40 mm, y 92 mm, rộng 217 mm, cỡ 24" in labels
    assert "Số, ngày quyết định (quyet_dinh): x 30 mm, y 168 mm, rộng 110 mm, cỡ 13" in labels
    assert xml.count("<w:pBdr>") == 7  # each position drawn as a box
    assert "TRANG CĂN CHỈNH PHÔI BẰNG KHEN" in xml
    assert 'w:orient="landscape"' in xml
