"""The award dossier: money computed once, totals and words that agree in every document."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from thidua_docs.api import dossier
from thidua_docs.awards.money import (
    MucLuongCoSo,
    by_coefficient,
    luong_co_so,
    round_up,
    shipped_table,
)
from thidua_docs.errors import InputError, SpecError
from thidua_docs.inputs.campaign import load_campaign
from thidua_docs.inputs.dossier import load_dossier

from ..helpers import CAMPAIGNS, body_paragraphs, nonempty_lines
from ..test_formatting import parse_vietnamese

# ------------------------------------------------------------------ money


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        (Decimal(702000), 710000),
        (Decimal(710000), 710000),
        (Decimal("702000.0000000001"), 710000),
        (Decimal(0), 0),
        (Decimal(1), 10000),
        (Decimal(3510000), 3510000),
        (Decimal(3510001), 3520000),
    ],
    ids=[
        "0,3 × 2.340.000",
        "already round",
        "binary-float artefact",
        "zero",
        "one đồng",
        "1,5 × 2.340.000",
        "one over",
    ],
)
def test_round_up_to_ten_thousand(amount: Decimal, rounded: int) -> None:
    assert round_up(amount) == rounded


@pytest.mark.parametrize(
    ("coefficient", "on", "amount"),
    [
        (Decimal("0.3"), dt.date(2024, 7, 1), 710000),  # Lao động tiên tiến (tdkt.md)
        (Decimal("1.5"), dt.date(2025, 1, 15), 3510000),  # Bằng khen cấp bộ, cá nhân
        (Decimal("3.0"), dt.date(2025, 1, 15), 7020000),  # Bằng khen cấp bộ, tập thể
        (Decimal("3.5"), dt.date(2024, 6, 30), 6300000),  # Bằng khen Thủ tướng, on the old base
        (Decimal("0.8"), dt.date(2023, 7, 1), 1440000),
        (Decimal("0.3"), dt.date(2023, 6, 30), 450000),  # 0,3 × 1.490.000 = 447.000 → 450.000
    ],
    ids=[
        "LĐTT 2024",
        "BK cá nhân",
        "BK tập thể",
        "BK TTg before 01/7/2024",
        "TTLĐTT 2023",
        "old base",
    ],
)
def test_money_by_coefficient(coefficient: Decimal, on: dt.date, amount: int) -> None:
    assert by_coefficient(coefficient, on, shipped_table()) == amount


def test_the_salary_in_force_changes_on_its_effective_date() -> None:
    table = shipped_table()
    assert luong_co_so(dt.date(2024, 6, 30), table).muc == 1800000
    assert luong_co_so(dt.date(2024, 7, 1), table).muc == 2340000
    with pytest.raises(InputError, match="Không có mức lương cơ sở áp dụng cho ngày 01/01/2000"):
        luong_co_so(dt.date(2000, 1, 1), table)
    newer = [*table, MucLuongCoSo(2530000, dt.date(2026, 7, 1))]
    assert luong_co_so(dt.date(2026, 7, 1), newer).muc == 2530000


# ------------------------------------------------------------------ the example dossier


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    campaign = load_campaign(CAMPAIGNS / "bhxh-2024-nuoc-rut")
    out = tmp_path_factory.mktemp("ho-so")
    dossier(campaign=campaign, out=out)
    return out


def test_every_document_is_written(example: Path) -> None:
    names = sorted(str(p.relative_to(example)) for p in example.rglob("*.docx"))
    assert names[:5] == [
        "bang-khen-in-phoi/001-bao-hiem-xa-hoi-thanh-pho-ha-noi.docx",
        "bang-khen-in-phoi/002-bao-hiem-xa-hoi-tinh-bac-ninh.docx",
        "bang-khen-in-phoi/003-ban-quan-ly-thu-so-the.docx",
        "bang-khen-in-phoi/004-nguyen-thi-thu-hang.docx",
        "bang-khen-in-phoi/005-tran-van-nam.docx",
    ]
    for single in (
        "to-trinh.docx",
        "danh-sach-kem-to-trinh.docx",
        "bien-ban.docx",
        "quyet-dinh.docx",
        "danh-sach-kem-quyet-dinh.docx",
    ):
        assert single in names
    for folder in ("bang-khen", "bang-khen-in-phoi", "bao-cao-thanh-tich"):
        assert len(list((example / folder).glob("*.docx"))) == 7


def _money_figures(text: str) -> list[int]:
    return [int(m.replace(".", "")) for m in re.findall(r"\b\d{1,3}(?:\.\d{3})+\b", text)]


EXPECTED_TOTAL = 1215 * 130000 + 312 * 130000 + 64 * 130000 + 4 * 3510000  # 1,5 × 2.340.000 each


@pytest.mark.parametrize(
    "name",
    [
        "to-trinh.docx",
        "quyet-dinh.docx",
        "danh-sach-kem-quyet-dinh.docx",
        "danh-sach-kem-to-trinh.docx",
    ],
)
def test_grand_total_and_its_words_agree(example: Path, name: str) -> None:
    text = "\n".join(nonempty_lines(example / name))
    assert f"{EXPECTED_TOTAL:,}".replace(",", ".") + " đồng" in text
    words = re.search(r"Bằng chữ: ([^)\n.]+) đồng", text)
    assert words is not None
    assert parse_vietnamese(words.group(1).lower()) == EXPECTED_TOTAL


def _table_rows(path: Path) -> list[list[list[str]]]:
    document = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]


@pytest.mark.parametrize("name", ["danh-sach-kem-quyet-dinh.docx", "danh-sach-kem-to-trinh.docx"])
def test_list_lines_add_up_to_their_totals(example: Path, name: str) -> None:
    tables = _table_rows(example / name)
    assert len(tables) == 2
    grand = 0
    for rows in tables:
        header, *lines, total = rows
        assert header[0] == "STT" and total[1] == "Cộng"
        amounts = [int(line[-1].replace(".", "")) for line in lines]
        assert [int(line[0]) for line in lines] == list(range(1, len(lines) + 1))
        assert sum(amounts) == int(total[-1].replace(".", ""))
        grand += sum(amounts)
    units = tables[0][1:-1]
    for line in units:  # per head × headcount, line by line
        assert int(line[-1].replace(".", "")) == int(line[2].replace(".", "")) * 130000
    assert grand == EXPECTED_TOTAL


def test_the_decision_and_its_list_state_the_same_counts(example: Path) -> None:
    decision = "\n".join(nonempty_lines(example / "quyet-dinh.docx"))
    assert "cho 03 tập thể và 04 cá nhân (có danh sách kèm theo)" in decision
    proposal = "\n".join(nonempty_lines(example / "to-trinh.docx"))  # the tờ trình says the same
    assert "cho 03 tập thể và 04 cá nhân (có danh sách kèm theo)" in proposal
    assert "Tổng số: 03 tập thể và 04 cá nhân; tổng số tiền thưởng" in proposal
    listing = "\n".join(nonempty_lines(example / "danh-sach-kem-quyet-dinh.docx"))
    assert "1. Tập thể (3 tập thể)" in listing and "2. Cá nhân (4 cá nhân)" in listing
    assert (
        "(Kèm theo Quyết định số /QĐ-BHXH ngày 15 tháng 01 năm 2025 của Tổng Giám đốc "
        "Bảo hiểm xã hội Việt Nam)"
    ) in listing


@pytest.mark.parametrize(
    ("tap_the", "ca_nhan", "words"),
    [(3, 4, "03 tập thể và 04 cá nhân"), (0, 2, "02 cá nhân"), (12, 0, "12 tập thể")],
)
def test_counts_are_stated_as_documents_write_them(tap_the: int, ca_nhan: int, words: str) -> None:
    from thidua_docs.documents.common import counted

    assert counted(tap_the, ca_nhan) == words


def test_decision_layout_mau_1_2(example: Path) -> None:
    lines = nonempty_lines(example / "quyet-dinh.docx")
    i = lines.index("QUYẾT ĐỊNH")
    assert lines[i + 1] == "Về việc tặng Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam"
    assert lines[i + 2] == "TỔNG GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM"
    assert lines[i + 3] == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
    bases = lines[i + 3 : lines.index("QUYẾT ĐỊNH:")]
    assert all(b.endswith(";") for b in bases[:-1])
    assert bases[-1] == "Theo đề nghị của Vụ trưởng Vụ Thi đua - Khen thưởng."
    articles = [line for line in lines if line.startswith("Điều ")]
    assert [a.split(".")[0] for a in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    assert "- Như Điều 3;" in lines and "- Lưu: VT, TĐKT." in lines


def test_minutes_mau_1_9(example: Path) -> None:
    lines = nonempty_lines(example / "bien-ban.docx")
    assert "Số: /BB-HĐTĐKT" in lines
    assert not any(line.startswith("Hà Nội, ngày") for line in lines)  # no place-date in a biên bản
    assert "Thời gian bắt đầu: 14 giờ 00, ngày 06 tháng 01 năm 2025." in lines
    assert "Thành phần tham dự: 4/5 thành viên Hội đồng:" in lines
    assert "Vắng mặt: Lê Quang Hưng." in lines
    assert lines[-5] == "Cuộc họp kết thúc vào 16 giờ 30, ngày 06 tháng 01 năm 2025./."
    signatures = docx.Document(str(example / "bien-ban.docx")).tables[-1].rows[0].cells
    assert [c.text.split("\n")[0] for c in signatures] == ["THƯ KÝ", "CHỦ TỌA"]
    assert "Phạm Thu Hà" in signatures[0].text and "Nguyễn Văn Minh" in signatures[1].text
    votes = _table_rows(example / "bien-ban.docx")[1]
    assert votes[0] == [
        "STT",
        "Tập thể, cá nhân được đề nghị",
        "Số phiếu đồng ý",
        "Tỷ lệ (%)",
        "Kết quả",
    ]
    assert votes[3][1:] == ["Ban Quản lý Thu - Sổ, Thẻ", "4/4", "100", "Đạt"]
    assert len(votes) == 8


def test_certificate_full_page(example: Path) -> None:
    lines = nonempty_lines(example / "bang-khen" / "004-nguyen-thi-thu-hang.docx")
    assert lines[:6] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TỔNG GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM",
        "TẶNG",
        "BẰNG KHEN",
        "Nguyễn Thị Thu Hằng",
    ]
    assert "Phó Giám đốc, Bảo hiểm xã hội thành phố Hà Nội" in lines
    assert "Hà Nội, ngày 15 tháng 01 năm 2025" in lines
    section = docx.Document(str(example / "bang-khen" / "004-nguyen-thi-thu-hang.docx")).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width > section.page_height  # landscape, from the template


def test_certificate_on_stock_places_text_where_the_profile_says(example: Path) -> None:
    document = docx.Document(str(example / "bang-khen-in-phoi" / "004-nguyen-thi-thu-hang.docx"))
    frames = {}
    for p in document.element.body.iter(qn("w:p")):
        frame = p.find(qn("w:pPr")).find(qn("w:framePr"))
        text = "".join(t.text for t in p.iter(qn("w:t")))
        frames[text] = (
            int(frame.get(qn("w:x"))),
            int(frame.get(qn("w:y"))),
            int(frame.get(qn("w:w"))),
        )

    def twips(mm: float) -> int:
        return round(mm / 25.4 * 1440)

    assert frames["Nguyễn Thị Thu Hằng"] == (twips(40), twips(92), twips(217))
    assert frames["Chu Mạnh Sinh"] == (twips(160), twips(185), twips(110))
    assert set(frames) >= {
        "Phó Giám đốc, Bảo hiểm xã hội thành phố Hà Nội",
        "Hà Nội, ngày 15 tháng 01 năm 2025",
    }
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)


def test_achievement_report_drafts_mark_what_to_write(example: Path) -> None:
    path = example / "bao-cao-thanh-tich" / "001-bao-hiem-xa-hoi-thanh-pho-ha-noi.docx"
    lines = nonempty_lines(path)
    for heading in (
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
    ):
        assert heading in lines
    highlighted = [
        r.text
        for p in docx.Document(str(path)).paragraphs
        for r in p.runs
        if r.font.highlight_color
    ]
    assert highlighted and all(t.startswith("[") and t.endswith("]") for t in highlighted)
    assert any("1.215" in t for t in highlighted)  # biên chế pre-filled inside the marked place
    person = nonempty_lines(example / "bao-cao-thanh-tich" / "005-tran-van-nam.docx")
    assert "I. SƠ LƯỢC LÝ LỊCH" in person and "- Họ và tên: Trần Văn Nam" in person


def test_reruns_are_byte_identical(tmp_path: Path) -> None:
    campaign = load_campaign(CAMPAIGNS / "bhxh-2024-nuoc-rut")
    first = dossier(campaign=campaign, out=tmp_path / "a").files
    second = dossier(campaign=campaign, out=tmp_path / "b").files
    for x, y in zip(first, second, strict=True):
        assert x.read_bytes() == y.read_bytes(), x.name


# ------------------------------------------------------------------ hand-written lists, hostile names


def copy_campaign(tmp_path: Path, dossier_text: str) -> Path:
    shutil.copytree(
        CAMPAIGNS / "bhxh-2024-nuoc-rut",
        tmp_path / "chien-dich",
        ignore=shutil.ignore_patterns("du-thao", "ho-so"),
    )
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    (tmp_path / "chien-dich" / "khen-thuong.yaml").write_text(dossier_text, encoding="utf-8")
    return tmp_path / "chien-dich"


HOSTILE = """\
de_nghi:
  - hinh_thuc: Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam
    thanh_tich: xuất sắc trong "thi đua" & <nước rút>
    tien_thuong_tap_the: {moi_nguoi: 130000}
    tap_the:
      - ten: Đội Thu & Sổ <1>
        bien_che: 7
    ca_nhan:
      - ho_ten: Nguyễn "Bé" Ánh <Tuyết>
        don_vi: Đội Thu & Sổ <1>
        tien_thuong: {co_dinh: 5000000}
bien_ban:
  ngay: 2025-01-06
  bat_dau: 8 giờ 00
  ket_thuc: 9 giờ 15
  dia_diem: Phòng họp "A" & B
  chu_tri: chu_tich
  thu_ky: thu_ky
quyet_dinh:
  so: 5
  ngay: 2025-01-15
  trich_yeu: Về việc tặng Bằng khen
  theo_de_nghi: Vụ trưởng Vụ Thi đua - Khen thưởng
  dieu_3: Các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.
  nguoi_ky: pho_tong_giam_doc_chu_manh_sinh
"""


def test_hostile_names_come_out_intact_everywhere(tmp_path: Path) -> None:
    folder = copy_campaign(tmp_path, HOSTILE)
    campaign = load_campaign(folder)
    written = dossier(campaign=campaign, out=tmp_path / "ra").files
    names = {p.name for p in written}
    assert "001-doi-thu-so-1.docx" in names and "002-nguyen-be-anh-tuyet.docx" in names
    listing = "\n".join(body_paragraphs(tmp_path / "ra" / "danh-sach-kem-quyet-dinh.docx"))
    assert "Đội Thu & Sổ <1>" in listing and 'Nguyễn "Bé" Ánh <Tuyết>' in listing
    assert "(Kèm theo Quyết định số 05/QĐ-BHXH ngày 15 tháng 01 năm 2025" in listing
    card = nonempty_lines(tmp_path / "ra" / "bang-khen" / "001-doi-thu-so-1.docx")
    assert "Đội Thu & Sổ <1>" in card
    assert 'Đã có thành tích xuất sắc trong "thi đua" & <nước rút>' in card
    minutes = "\n".join(body_paragraphs(tmp_path / "ra" / "bien-ban.docx"))
    assert 'Địa điểm: Phòng họp "A" & B.' in minutes
    total = 7 * 130000 + 5000000
    decision = "\n".join(nonempty_lines(tmp_path / "ra" / "quyet-dinh.docx"))
    assert f"{total:,}".replace(",", ".") + " đồng" in decision


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("        bien_che: 7\n", ""),
            "de_nghi › mục 1 › tap_the › mục 1: tiền thưởng tính theo người cần bien_che",
        ),
        (
            ("        tien_thuong: {co_dinh: 5000000}\n", ""),
            "de_nghi › mục 1 › ca_nhan › mục 1: chưa có cách tính tiền thưởng (tien_thuong ở đây hoặc tien_thuong_ca_nhan của hình thức)",
        ),
        (("{co_dinh: 5000000}", "{he_so: 1.5}\n"), None),
        (
            ("  chu_tri: chu_tich", "  chu_tri: chủ tịch"),
            "bien_ban › chu_tri: mã chỉ gồm chữ thường",
        ),
        (
            ("  chu_tri: chu_tich", "  chu_tri: giam_doc"),
            "bien_ban › chu_tri: không có thành viên hội đồng mã này",
        ),
        (
            ("        bien_che: 7\n", "        bien_che: 7\n        phieu_dong_y: 6\n"),
            "de_nghi › mục 1 › tap_the › mục 1 › phieu_dong_y: số phiếu đồng ý lớn hơn số thành viên có mặt (5)",
        ),
        (("  bat_dau: 8 giờ 00", "  bat_dau: 8h"), "bien_ban › bat_dau: cần giờ dạng '14 giờ 00'"),
        (
            ("        bien_che: 7\n", "        bien_che: -7\n"),
            "de_nghi › mục 1 › tap_the › mục 1 › bien_che: cần một số ≥ 0",
        ),
        (("  ngay: 2025-01-15", "  ngay: 2026"), None),
        (
            ("  ngay: 2025-01-15", "  ngay: 2025"),
            "quyet_dinh › ngay: quyết định dự thảo chỉ ghi năm 2025, nhưng trong năm này văn bản "
            "căn cứ thay đổi (ngày 01/07/2025): ghi ngay_tinh_tien",
        ),
    ],
    ids=[
        "per head without headcount",
        "no money rule",
        "coefficient with a dated decision is fine",
        "member id with diacritics",
        "unknown member",
        "more votes than members",
        "bad time",
        "negative headcount",
        "a draft decision is fine without coefficient rules",
        "a draft decision in a year its legal bases change needs its day",
    ],
)
def test_dossier_problems_are_located(
    tmp_path: Path, edit: tuple[str, str], expected: str | None
) -> None:
    old, new = edit
    assert old in HOSTILE
    folder = copy_campaign(tmp_path, HOSTILE.replace(old, new, 1))
    campaign = load_campaign(folder)
    if expected is None:
        load_dossier(campaign)
        return
    with pytest.raises(SpecError) as caught:
        load_dossier(campaign)
    messages = [str(p) for p in caught.value.problems]
    assert any(
        expected in m and m.startswith(str(folder / "khen-thuong.yaml") + ":") for m in messages
    ), messages


def test_coefficient_rule_needs_a_decision_date(tmp_path: Path) -> None:
    text = HOSTILE.replace("{co_dinh: 5000000}", "{he_so: 1.5}").replace(
        "  ngay: 2025-01-15", "  ngay: 2025"
    )
    campaign = load_campaign(copy_campaign(tmp_path, text))
    with pytest.raises(SpecError, match="tiền thưởng theo hệ số cần ngày ký quyết định"):
        load_dossier(campaign)
    campaign = load_campaign(
        copy_campaign(
            tmp_path / "b",
            text.replace("  ngay: 2025\n", "  ngay: 2025\n  ngay_tinh_tien: 2025-01-15\n"),
        )
    )
    (person,) = [a for a in load_dossier(campaign).dossier.awardees if not a.tap_the]
    assert person.tien == 3510000


def test_missing_dossier_file(tmp_path: Path) -> None:
    folder = copy_campaign(tmp_path, "")
    (folder / "khen-thuong.yaml").unlink()
    with pytest.raises(InputError, match=r"chưa có tệp khen-thuong\.yaml"):
        load_dossier(load_campaign(folder))
