"""Campaign spec and agency profile: the examples load; every malformed input is located."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from thidua_docs import load_campaign
from thidua_docs.errors import InputError, SpecError
from thidua_docs.formatting import NgayDuThao

from ..helpers import CAMPAIGNS

PROFILE_2024 = CAMPAIGNS / "co-quan" / "bhxh-viet-nam-2024.yaml"

# A small valid campaign; each case below edits one line of it (line numbers refer to this text).
VALID = """\
co_quan: co-quan.yaml
ten: phong trào thi đua thử
thoi_gian:
  ket_thuc: 2024-12-31
muc_tieu: hoàn thành kế hoạch
doi_tuong: Toàn thể công chức
noi_dung:
  cac_muc:
    - Thi đua thu
tieu_chi:
  - tieu_de: Đối với tập thể
    cac_y:
      - Dẫn đầu
khen_thuong:
  mo_dau: Kết thúc phong trào thi đua
to_chuc_thuc_hien:
  - tieu_de: Vụ Thi đua - Khen thưởng
    noi_dung: Tổng hợp
cong_van:
  so: 4111
  ngay: 2024-11-11
  trich_yeu: phát động phong trào thi đua thử
  kinh_gui:
    - Các đơn vị
  ket_luan: Đề nghị thực hiện./.
  nguoi_ky: pho_tong_giam_doc_chu_manh_sinh
"""


def make_campaign(tmp_path: Path, text: str = VALID, profile: str | None = None) -> Path:
    folder = tmp_path / "chien-dich-thu"
    folder.mkdir()
    (folder / "chien-dich.yaml").write_text(text, encoding="utf-8")
    if profile is None:
        shutil.copy(PROFILE_2024, folder / "co-quan.yaml")
    else:
        (folder / "co-quan.yaml").write_text(profile, encoding="utf-8")
    return folder


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load_campaign(folder)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("name", ["bhxh-2024-nuoc-rut", "bhxh-2026-nuoc-rut"])
def test_examples_load(name: str) -> None:
    campaign = load_campaign(CAMPAIGNS / name)
    assert campaign.chien_dich.cong_van is not None


def test_example_2024_values() -> None:
    campaign = load_campaign(CAMPAIGNS / "bhxh-2024-nuoc-rut")
    cong_van = campaign.chien_dich.cong_van
    assert cong_van is not None
    assert (cong_van.so, cong_van.ngay) == (4111, dt.date(2024, 11, 11))
    assert campaign.co_quan.ten_co_quan == "BẢO HIỂM XÃ HỘI VIỆT NAM"  # upper-cased at load
    assert campaign.co_quan.nguoi_ky[cong_van.nguoi_ky].cac_dong == [
        "KT. TỔNG GIÁM ĐỐC",
        "PHÓ TỔNG GIÁM ĐỐC",
    ]
    assert campaign.chien_dich.thoi_gian is not None
    assert (
        campaign.chien_dich.thoi_gian.van_ban
        == "Từ ngày phát động phong trào thi đua đến ngày 31/12/2024."
    )


def test_example_2026_is_a_draft_under_the_new_structure() -> None:
    campaign = load_campaign(CAMPAIGNS / "bhxh-2026-nuoc-rut")
    cong_van = campaign.chien_dich.cong_van
    assert cong_van is not None and cong_van.so is None and cong_van.ngay == NgayDuThao(2026)
    assert campaign.co_quan.co_quan_chu_quan == "BỘ TÀI CHÍNH"
    assert campaign.co_quan.nguoi_ky[cong_van.nguoi_ky].cac_dong == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def test_the_small_valid_campaign_loads(tmp_path: Path) -> None:
    assert load_campaign(make_campaign(tmp_path)).chien_dich.ten == "phong trào thi đua thử"


# (replace this, with this) in VALID → the one problem expected: "file:line: path: message (value)"
CASES = [
    ("ten: phong trào thi đua thử\n", "", ":1: ten: thiếu mục bắt buộc"),
    (
        "muc_tieu: hoàn",
        "muc_tieux: hoàn",
        ":5: muc_tieux: khóa 'muc_tieux' không có trong mẫu khai báo; có phải ý là 'muc_tieu'?",
    ),
    (
        "doi_tuong: Toàn thể công chức",
        "doi_tuong: yes",
        ":6: doi_tuong: cần văn bản; YAML hiểu yes/no/on/off/true/false là đúng/sai — hãy đặt văn bản trong dấu nháy kép (giá trị: True)",
    ),
    (
        "      - Dẫn đầu",
        "      - 2024",
        ":13: tieu_chi › mục 1 › cac_y › mục 1 › noi_dung: cần văn bản; nếu đó là số, hãy đặt trong dấu nháy kép (giá trị: 2024)",
    ),
    (
        "  ket_thuc: 2024-12-31",
        "  ket_thuc: 31/02/2024",
        ":4: thoi_gian › ket_thuc: ngày 31/02/2024 không có trong lịch: tháng 2 năm 2024 có 29 ngày (giá trị: '31/02/2024')",
    ),
    (
        "  ket_thuc: 2024-12-31",
        "  ket_thuc: 2024-13-01",
        ":4: thoi_gian › ket_thuc: ngày 01/13/2024 không có trong lịch: không có tháng 13 (một năm có 12 tháng) (giá trị: '2024-13-01')",
    ),
    (
        "  ket_thuc: 2024-12-31",
        "  ket_thuc: cuối năm",
        ":4: thoi_gian › ket_thuc: cần một ngày dạng 2024-11-11 hoặc 11/11/2024 (giá trị: 'cuối năm')",
    ),
    (
        "  ket_thuc: 2024-12-31",
        "  bat_dau: 2025-01-01\n  ket_thuc: 2024-12-31",
        ":3: thoi_gian: ngày bắt đầu (bat_dau) phải trước ngày kết thúc (ket_thuc)",
    ),
    ("  so: 4111", "  so: 0", ":20: cong_van › so: cần một số ≥ 1 (giá trị: 0)"),
    ("  so: 4111", "  so: 41.5", ":20: cong_van › so: cần một số nguyên (giá trị: 41.5)"),
    (
        "  ngay: 2024-11-11",
        "  ngay: mười một",
        ":21: cong_van › ngay: cần một ngày dạng 2024-11-11 hoặc 11/11/2024, hoặc chỉ ghi năm (2024) cho bản dự thảo (giá trị: 'mười một')",
    ),
    (
        "  trich_yeu: phát động phong trào thi đua thử",
        "  trich_yeu: ''",
        ":22: cong_van › trich_yeu: không được để trống (giá trị: '')",
    ),
    (
        "  kinh_gui:\n    - Các đơn vị\n",
        "  kinh_gui: []\n",
        ":23: cong_van › kinh_gui: danh sách không được để trống (giá trị: [])",
    ),
    (
        "  kinh_gui:\n    - Các đơn vị\n",
        "  kinh_gui: Các đơn vị\n",
        ":23: cong_van › kinh_gui: cần một danh sách (mỗi mục một dòng bắt đầu bằng '- ') (giá trị: 'Các đơn vị')",
    ),
    (
        "  nguoi_ky: pho_tong_giam_doc_chu_manh_sinh",
        "  nguoi_ky: giam_doc",
        ":26: cong_van › nguoi_ky: không có người ký mã này trong hồ sơ cơ quan; các mã có: chu_tich_hoi_dong_tdkt_co_quan, pho_tong_giam_doc_chu_manh_sinh, vu_truong_tdkt (giá trị: 'giam_doc')",
    ),
    (
        "  nguoi_ky: pho_tong_giam_doc_chu_manh_sinh",
        "  nguoi_ky: Phó Tổng Giám đốc",
        ":26: cong_van › nguoi_ky: mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới (ví dụ pho_tong_giam_doc) (giá trị: 'Phó Tổng Giám đốc')",
    ),
    (
        "  so: 4111",
        "  so: 4111\n  don_vi_soan_thao: TĐ KT",
        ":21: cong_van › don_vi_soan_thao: ký hiệu chỉ gồm chữ in hoa và chữ số, không dấu cách (ví dụ BHXH, TĐKT) (giá trị: 'TĐ KT')",
    ),
    (
        "  so: 4111",
        "  so: 4111\n  so: 4112",
        ":21: cong_van › so: khóa bị khai báo hai lần (bản sau sẽ ghi đè bản trước)",
    ),
    (
        "tieu_chi:\n  - tieu_de: Đối với tập thể\n    cac_y:\n      - Dẫn đầu\n",
        "tieu_chi: []\n",
        ":10: tieu_chi: công văn phát động cần mục này (một phần của công văn) và mục không được để trống",
    ),
    (
        "    cac_y:\n      - Dẫn đầu",
        "    cac_y:\n      - noi_dung: Dẫn đầu\n        cac_y: [x, {a: 1}]",
        ":14: tieu_chi › mục 1 › cac_y › mục 1 › cac_y › mục 2: cần một đoạn văn bản, không phải danh sách hay nhóm khóa (giá trị: {'a': 1})",
    ),
    (
        "  - tieu_de: Đối với tập thể\n",
        "  - cac_doan: [x]\n",
        ":11: tieu_chi › mục 1: mỗi mục cần tieu_de hoặc noi_dung",
    ),
    (
        "co_quan: co-quan.yaml",
        "co_quan: khong-co.yaml",
        ":1: co_quan: không tìm thấy tệp hồ sơ cơ quan",
    ),
    (
        "khen_thuong:\n  mo_dau: Kết thúc phong trào thi đua\n",
        "khen_thuong:\n  mo_dau: Kết thúc\n  hinh_thuc:\n    - ten: Bằng khen\n      doi_tuong: tap the\n      tien_thuong: {moi_nguoi: 130000}\n",
        ":18: khen_thuong › hinh_thuc › mục 1 › doi_tuong: phải là một trong: 'tập thể' hoặc 'cá nhân' (giá trị: 'tap the')",
    ),
    (
        "khen_thuong:\n  mo_dau: Kết thúc phong trào thi đua\n",
        "khen_thuong:\n  mo_dau: Kết thúc\n  hinh_thuc:\n    - ten: Bằng khen\n      doi_tuong: tập thể\n      tien_thuong: {moi_nguoi: 130000.0}\n",
        ":19: khen_thuong › hinh_thuc › mục 1 › tien_thuong › moi_nguoi: cần một số nguyên (giá trị: 130000.0)",
    ),
    (
        "khen_thuong:\n  mo_dau: Kết thúc phong trào thi đua\n",
        "khen_thuong:\n  mo_dau: Kết thúc\n  hinh_thuc:\n    - ten: Bằng khen\n      doi_tuong: tập thể\n      tien_thuong: {moi_nguoi: 130000, co_dinh: 5000000}\n",
        ":19: khen_thuong › hinh_thuc › mục 1 › tien_thuong: cần đúng một cách tính tiền thưởng: co_dinh, moi_nguoi hoặc he_so",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    CASES,
    ids=[c[2].split(": ", 1)[0] + " " + c[2].split(": ")[-1][:40] for c in CASES],
)
def test_each_problem_is_located_and_explained(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in VALID
    folder = make_campaign(tmp_path, VALID.replace(old, new, 1))
    problems = problems_of(folder)
    spec = str(folder / "chien-dich.yaml")
    assert any(p.startswith(spec + expected) for p in problems), problems
    # a renamed key is also a missing key; every other edit breaks exactly one thing
    assert len(problems) == (2 if "muc_tieux" in new else 1), problems


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        VALID.replace("muc_tieu: hoàn", "muc_tieux: hoàn")
        .replace("  so: 4111", "  so: 0")
        .replace("  ngay: 2024-11-11", "  ngay: 2024-02-30")
        .replace("doi_tuong: Toàn thể công chức", "doi_tuong: no")
    )
    problems = problems_of(make_campaign(tmp_path, text))
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in problems] == ["1", "5", "6", "20", "21"]


PROFILE_OK = PROFILE_2024.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("ten_viet_tat: BHXH", "ten_viet_tat: bhxh", "ten_viet_tat: ký hiệu chỉ gồm chữ in hoa"),
        (
            "    quyen_han: KT.\n    thay_cho: Tổng Giám đốc\n",
            "    quyen_han: KT.\n",
            "nguoi_ky › pho_tong_giam_doc_chu_manh_sinh: quyền hạn KT. cần thay_cho",
        ),
        (
            "    quyen_han: KT.",
            "    quyen_han: KTT",
            "nguoi_ky › pho_tong_giam_doc_chu_manh_sinh › quyen_han: phải là một trong: 'KT.', 'TM.', 'Q.', 'TL.' hoặc 'TUQ.'",
        ),
        (
            "    ho_ten: Chu Mạnh Sinh\n  chu_tich",
            "    ho_ten: TS. Chu Mạnh Sinh\n  chu_tich",
            "nguoi_ky › pho_tong_giam_doc_chu_manh_sinh › ho_ten: họ tên người ký không kèm học hàm",
        ),
        ("dia_danh: Hà Nội\n", "", "dia_danh: thiếu mục bắt buộc"),
    ],
    ids=[
        "lower-case code",
        "KT. without the head",
        "unknown authority",
        "title before the name",
        "no place name",
    ],
)
def test_profile_problems_name_the_profile_file(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in PROFILE_OK
    folder = make_campaign(tmp_path, profile=PROFILE_OK.replace(old, new, 1))
    problems = problems_of(folder)
    assert len(problems) == 1, problems
    assert problems[0].startswith(str(folder / "co-quan.yaml") + ":")
    assert expected in problems[0]


def test_signer_authority_lines() -> None:
    from thidua_docs.schema import NguoiKy

    assert NguoiKy(
        quyen_han="TM.", thay_cho="Hội đồng Thi đua - Khen thưởng", chuc_vu="Chủ tịch", ho_ten="A"
    ).cac_dong == ["TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "CHỦ TỊCH"]
    assert NguoiKy(quyen_han="Q.", chuc_vu="Tổng Giám đốc", ho_ten="A").cac_dong == [
        "Q. TỔNG GIÁM ĐỐC"
    ]
    assert NguoiKy(chuc_vu="Giám đốc", ho_ten="A").cac_dong == ["GIÁM ĐỐC"]
    assert (
        NguoiKy(quyen_han="kt", thay_cho="Giám đốc", chuc_vu="Phó Giám đốc", ho_ten="A").quyen_han
        == "KT."
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a:\n\tb: 1\n", ":2:1: có ký tự Tab; YAML chỉ cho phép thụt lề bằng dấu cách"),
        ("ten: a: b\n", ":1:7: dấu ':' đặt sai chỗ"),
        ('ten: "chưa đóng\n', "tệp kết thúc giữa chừng"),
        ("- a\n- b\n", ":1: cần một nhóm khóa: giá trị ở mức ngoài cùng"),
        ("", ":1: cần một nhóm khóa: giá trị ở mức ngoài cùng (tệp rỗng)"),
    ],
    ids=["tab", "colon in text", "unclosed quote", "top-level list", "empty file"],
)
def test_yaml_syntax_errors(tmp_path: Path, content: str, expected: str) -> None:
    folder = make_campaign(tmp_path, content)
    with pytest.raises(InputError) as caught:
        load_campaign(folder)
    assert str(folder / "chien-dich.yaml") in caught.value.message
    assert expected in caught.value.message


def test_non_utf8_file(tmp_path: Path) -> None:
    folder = make_campaign(tmp_path)
    (folder / "chien-dich.yaml").write_bytes("ten: Thi đua\n".encode("cp1258"))
    with pytest.raises(InputError, match=r"chien-dich.yaml:1: tệp không ở bảng mã UTF-8"):
        load_campaign(folder)


def test_missing_folder_and_missing_spec(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Không tìm thấy thư mục chiến dịch"):
        load_campaign(tmp_path / "khong-co")
    with pytest.raises(InputError, match=r"không có tệp chien-dich\.yaml"):
        load_campaign(tmp_path)


def test_decomposed_unicode_is_normalised(tmp_path: Path) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "phong trào thi đua thử")
    folder = make_campaign(
        tmp_path, VALID.replace("ten: phong trào thi đua thử", f"ten: {decomposed}")
    )
    assert load_campaign(folder).chien_dich.ten == unicodedata.normalize(
        "NFC", "phong trào thi đua thử"
    )


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6)
    )
    folder = make_campaign(tmp_path, bomb)
    with pytest.raises(InputError, match="quá nhiều giá trị"):
        load_campaign(folder)


def test_merge_keys_may_be_overridden_but_written_duplicates_are_reported(tmp_path: Path) -> None:
    from thidua_docs.inputs.yamlfile import load_yaml_collecting

    path = tmp_path / "a.yaml"
    path.write_text(
        "base: &b {x: 1, y: 2}\nitem: {<<: *b, y: 3}\ntwice: {z: 1, z: 2}\n", encoding="utf-8"
    )
    data, _, problems = load_yaml_collecting(path)
    assert data["item"] == {"x": 1, "y": 3}
    assert [str(p) for p in problems] == [
        f"{path}:3: twice › z: khóa bị khai báo hai lần (bản sau sẽ ghi đè bản trước)"
    ]
