"""Who proposes, who decides, who signs, on both example agencies (BHXH Việt Nam in 2024, headed
by a Tổng Giám đốc; from 01/3/2025 under Bộ Tài chính, headed by a Giám đốc), and the problems a
wrong signer is reported with."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from thidua_docs.api import dossier
from thidua_docs.documents.kinds.bang_khen import certificate_fields
from thidua_docs.documents.kinds.bien_ban import bien_ban_context
from thidua_docs.documents.kinds.danh_sach import danh_sach_context
from thidua_docs.documents.kinds.quyet_dinh import quyet_dinh_context
from thidua_docs.documents.kinds.to_trinh import to_trinh_context
from thidua_docs.errors import SpecError
from thidua_docs.inputs.campaign import load_campaign
from thidua_docs.inputs.dossier import load_dossier

from ..helpers import CAMPAIGNS, nonempty_lines

KT_2024 = (CAMPAIGNS / "bhxh-2024-nuoc-rut" / "khen-thuong.yaml").read_text(encoding="utf-8")

#: The 2024 dossier rewritten for the 2026 structure (signers, addressee, council, dates).
KT_2026 = (
    KT_2024.replace("Bằng khen của Tổng Giám đốc", "Bằng khen của Giám đốc")
    .replace(
        "    - Tổng Giám đốc Bảo hiểm xã hội Việt Nam\n",
        "    - Giám đốc Bảo hiểm xã hội Việt Nam\n",
    )
    .replace("Phó Tổng Giám đốc Chu Mạnh Sinh (để b/c)", "Phó Giám đốc Nguyễn Văn A (để b/c)")
    .replace("nguoi_ky: vu_truong_tdkt", "nguoi_ky: chanh_van_phong")
    .replace("nguoi_ky: pho_tong_giam_doc_chu_manh_sinh", "nguoi_ky: pho_giam_doc")
    .replace("vang_mat: [uy_vien_thu]", "vang_mat: []")
    .replace("2025-01-", "2027-01-")
)


def campaign_folder(tmp_path: Path, year: int, khen_thuong: str | None = None) -> Path:
    """A copy of the examples with the award dossier of ``year``'s agency structure."""
    root = tmp_path / "campaigns"
    shutil.copytree(CAMPAIGNS / "co-quan", root / "co-quan")
    source = "bhxh-2024-nuoc-rut" if year == 2024 else "bhxh-2026-nuoc-rut"
    folder = root / source
    shutil.copytree(CAMPAIGNS / source, folder)
    text = khen_thuong if khen_thuong is not None else (KT_2024 if year == 2024 else KT_2026)
    (folder / "khen-thuong.yaml").write_text(text, encoding="utf-8")
    return folder


def contexts(folder: Path) -> dict[str, dict[str, Any]]:
    campaign = load_campaign(folder)
    award = load_dossier(campaign)
    first = award.dossier.awardees[0]
    return {
        "to_trinh": to_trinh_context(campaign, award),
        "quyet_dinh": quyet_dinh_context(campaign, award),
        "bien_ban": bien_ban_context(campaign, award),
        "danh_sach": danh_sach_context(campaign, award, "to_trinh"),
        "bang_khen": {"van_ban": certificate_fields(campaign, award, first, "BẰNG KHEN")},
    }


def pick(context: dict[str, Any], path: str) -> Any:
    value: Any = context
    for part in path.split("."):
        value = value[part]
    return value


ROLES = [
    # the proposing unit issues the tờ trình, under the agency, numbered in its own series
    (2024, "to_trinh", "co_quan.chu_quan", "BẢO HIỂM XÃ HỘI VIỆT NAM"),
    (2024, "to_trinh", "co_quan.ten", "VỤ THI ĐUA - KHEN THƯỞNG"),
    (2024, "to_trinh", "van_ban.so_ky_hieu", "        /TTr-TĐKT"),
    (2024, "to_trinh", "van_ban.kinh_gui", ["Tổng Giám đốc Bảo hiểm xã hội Việt Nam."]),
    # … and its head signs it, in his own name (not for the authority it is addressed to)
    (2024, "to_trinh", "van_ban.nguoi_ky.cac_dong", ["VỤ TRƯỞNG"]),
    (2024, "to_trinh", "van_ban.nguoi_ky.ho_ten", "Trần Thị Lan"),
    (
        2024,
        "to_trinh",
        "van_ban.noi_nhan",
        [
            "- Như trên;",
            "- Phó Tổng Giám đốc Chu Mạnh Sinh (để b/c);",
            "- Lưu: VT, TĐKT.",
        ],
    ),
    # the list the tờ trình attaches is the unit's too, and names the tờ trình as issued
    (2024, "danh_sach", "co_quan.ten", "VỤ THI ĐUA - KHEN THƯỞNG"),
    (
        2024,
        "danh_sach",
        "van_ban.kem_theo",
        "(Kèm theo Tờ trình số         /TTr-TĐKT ngày 08 "
        "tháng 01 năm 2025 của Vụ Thi đua - Khen thưởng)",
    ),
    # the deciding authority: its line in the decision, its delegate's signature
    (2024, "quyet_dinh", "co_quan.chu_quan", ""),
    (2024, "quyet_dinh", "co_quan.ten", "BẢO HIỂM XÃ HỘI VIỆT NAM"),
    (2024, "quyet_dinh", "co_quan.tham_quyen", "TỔNG GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM"),
    (2024, "quyet_dinh", "van_ban.nguoi_ky.cac_dong", ["KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC"]),
    (2024, "quyet_dinh", "van_ban.nguoi_ky.ho_ten", "Chu Mạnh Sinh"),
    # the certificates carry the decision's signer and authority
    (2024, "bang_khen", "van_ban.tham_quyen", "TỔNG GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM"),
    (2024, "bang_khen", "van_ban.nguoi_ky.cac_dong", ["KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC"]),
    (2024, "bang_khen", "van_ban.nguoi_ky.ho_ten", "Chu Mạnh Sinh"),
    # the council: its chair presides and signs with the secretary
    (2024, "bien_ban", "co_quan.ten", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG NGÀNH BHXH VIỆT NAM"),
    (2024, "bien_ban", "van_ban.chu_toa.cac_dong", ["CHỦ TỌA"]),
    (2024, "bien_ban", "van_ban.chu_toa.ho_ten", "Nguyễn Văn Minh"),
    (2024, "bien_ban", "van_ban.thu_ky.cac_dong", ["THƯ KÝ"]),
    (2024, "bien_ban", "van_ban.thu_ky.ho_ten", "Phạm Thu Hà"),
    # 2026: under Bộ Tài chính, headed by a Giám đốc; the Văn phòng proposes
    (2026, "to_trinh", "co_quan.chu_quan", "BẢO HIỂM XÃ HỘI VIỆT NAM"),
    (2026, "to_trinh", "co_quan.ten", "VĂN PHÒNG"),
    (2026, "to_trinh", "van_ban.so_ky_hieu", "        /TTr-VP"),
    (2026, "to_trinh", "van_ban.kinh_gui", ["Giám đốc Bảo hiểm xã hội Việt Nam."]),
    (2026, "to_trinh", "van_ban.nguoi_ky.cac_dong", ["CHÁNH VĂN PHÒNG"]),
    (2026, "to_trinh", "van_ban.nguoi_ky.ho_ten", "Lê Văn C"),
    (2026, "danh_sach", "co_quan.ten", "VĂN PHÒNG"),
    (
        2026,
        "danh_sach",
        "van_ban.kem_theo",
        "(Kèm theo Tờ trình số         /TTr-VP ngày 08 tháng 01 năm 2027 của Văn phòng)",
    ),
    (2026, "quyet_dinh", "co_quan.chu_quan", "BỘ TÀI CHÍNH"),
    (2026, "quyet_dinh", "co_quan.ten", "BẢO HIỂM XÃ HỘI VIỆT NAM"),
    (2026, "quyet_dinh", "co_quan.tham_quyen", "GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM"),
    (2026, "quyet_dinh", "van_ban.nguoi_ky.cac_dong", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
    (2026, "quyet_dinh", "van_ban.nguoi_ky.ho_ten", "Nguyễn Văn A"),
    (2026, "bang_khen", "van_ban.tham_quyen", "GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM"),
    (2026, "bang_khen", "van_ban.nguoi_ky.cac_dong", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
    (2026, "bang_khen", "van_ban.nguoi_ky.ho_ten", "Nguyễn Văn A"),
    (2026, "bien_ban", "co_quan.chu_quan", "BẢO HIỂM XÃ HỘI VIỆT NAM"),
    (2026, "bien_ban", "van_ban.chu_toa.cac_dong", ["TM. HỘI ĐỒNG", "CHỦ TỊCH"]),
    (2026, "bien_ban", "van_ban.chu_toa.ho_ten", "Trần Thị B"),
    (2026, "bien_ban", "van_ban.thu_ky.ho_ten", "Đỗ Thị D"),
]


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, dict[str, Any]]]:
    root = tmp_path_factory.mktemp("roles")
    return {year: contexts(campaign_folder(root / str(year), year)) for year in (2024, 2026)}


@pytest.mark.parametrize(
    ("year", "kind", "path", "expected"), ROLES, ids=[f"{r[0]} {r[1]} {r[2]}" for r in ROLES]
)
def test_each_role_on_both_agencies(
    both: dict[int, dict[str, dict[str, Any]]], year: int, kind: str, path: str, expected: Any
) -> None:
    assert pick(both[year][kind], path) == expected


def test_the_tờ_trình_as_printed_2026(tmp_path: Path) -> None:
    folder = campaign_folder(tmp_path, 2026)
    dossier(campaign=folder, out=tmp_path / "ho-so", only=["to_trinh"])
    lines = nonempty_lines(tmp_path / "ho-so" / "to-trinh.docx")
    assert lines[:2] == ["BẢO HIỂM XÃ HỘI VIỆT NAM", "VĂN PHÒNG"]
    assert "Số: /TTr-VP" in lines
    assert lines[-2:] == ["CHÁNH VĂN PHÒNG", "Lê Văn C"]
    assert not any("GIÁM ĐỐC" in line for line in lines[-3:])


def _problems(folder: Path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load_dossier(load_campaign(folder))
    return [str(p) for p in caught.value.problems]


#: (year, what is changed in khen-thuong.yaml, the located message expected)
WRONG = [
    (
        2024,
        ("nguoi_ky: vu_truong_tdkt", "nguoi_ky: pho_tong_giam_doc_chu_manh_sinh"),
        ":54: to_trinh › nguoi_ky: tờ trình gửi Tổng Giám đốc Bảo hiểm xã hội Việt Nam không do "
        'TỔNG GIÁM ĐỐC ký hay ký thay (người ký mã này ký "KT. TỔNG GIÁM ĐỐC / PHÓ TỔNG GIÁM '
        'ĐỐC"): người ký tờ trình là người đứng đầu đơn vị đề nghị (vu_truong_tdkt)',
    ),
    (
        2026,
        ("nguoi_ky: chanh_van_phong", "nguoi_ky: giam_doc"),
        ":54: to_trinh › nguoi_ky: tờ trình gửi Giám đốc Bảo hiểm xã hội Việt Nam không do GIÁM "
        'ĐỐC ký hay ký thay (người ký mã này ký "GIÁM ĐỐC")',
    ),
    (
        2024,
        ("Phó Tổng Giám đốc Chu Mạnh Sinh (để b/c)", "Vụ trưởng Trần Thị Lan (để b/c)"),
        ":52: to_trinh › noi_nhan › mục 1: người ký tờ trình (Trần Thị Lan) không có trong Nơi "
        "nhận của chính tờ trình mình ký",
    ),
    (
        2024,
        (
            "Phó Tổng Giám đốc Chu Mạnh Sinh (để b/c)",
            "Tổng Giám đốc Bảo hiểm xã hội Việt Nam (để b/c)",
        ),
        ':52: to_trinh › noi_nhan › mục 1: người nhận ở Kính gửi đã có trong Nơi nhận qua dòng "- '
        'Như trên;": xóa dòng này',
    ),
    (
        2024,
        ("  nguoi_ky: pho_tong_giam_doc_chu_manh_sinh\n", "  nguoi_ky: vu_truong_tdkt\n"),
        ":80: quyet_dinh › nguoi_ky: quyết định (và bằng khen, giấy khen) do TỔNG GIÁM ĐỐC ký, "
        "hoặc ký thay: KT. TỔNG GIÁM ĐỐC, Q. TỔNG GIÁM ĐỐC, TL. TỔNG GIÁM ĐỐC, TUQ. TỔNG GIÁM "
        'ĐỐC (cap_quyet_dinh của hồ sơ cơ quan); người ký mã này ký "VỤ TRƯỞNG"',
    ),
    (
        2024,
        (
            "  nguoi_ky: pho_tong_giam_doc_chu_manh_sinh\n",
            "  nguoi_ky: chu_tich_hoi_dong_tdkt_co_quan\n",
        ),
        ":80: quyet_dinh › nguoi_ky: quyết định (và bằng khen, giấy khen) do TỔNG GIÁM ĐỐC ký, "
        "hoặc ký thay: KT. TỔNG GIÁM ĐỐC, Q. TỔNG GIÁM ĐỐC, TL. TỔNG GIÁM ĐỐC, TUQ. TỔNG GIÁM "
        'ĐỐC (cap_quyet_dinh của hồ sơ cơ quan); người ký mã này ký "TM. HỘI ĐỒNG THI ĐUA - KHEN '
        'THƯỞNG / CHỦ TỊCH"',
    ),
    (
        2026,
        ("  nguoi_ky: pho_giam_doc\n", "  nguoi_ky: chanh_van_phong\n"),
        ":80: quyet_dinh › nguoi_ky: quyết định (và bằng khen, giấy khen) do GIÁM ĐỐC ký",
    ),
    (
        2024,
        ("  chu_tri: chu_tich", "  chu_tri: uy_vien_thuong_truc"),
        ":61: bien_ban › chu_tri: người chủ trì cuộc họp là Chủ tịch hoặc Phó Chủ tịch Hội đồng; "
        "Trần Thị Lan là Ủy viên thường trực",
    ),
    (
        2024,
        ("  thu_ky: thu_ky", "  thu_ky: chu_tich"),
        ":62: bien_ban › thu_ky: thư ký cuộc họp phải là người khác người chủ trì",
    ),
    (
        2024,
        ("  vang_mat: [uy_vien_thu]", "  vang_mat: [thu_ky]"),
        ":62: bien_ban › thu_ky: người ký biên bản phải có mặt tại cuộc họp",
    ),
]


@pytest.mark.parametrize(("year", "edit", "expected"), WRONG, ids=[w[2][:70] for w in WRONG])
def test_a_wrong_signer_is_a_located_error(
    tmp_path: Path, year: int, edit: tuple[str, str], expected: str
) -> None:
    text = KT_2024 if year == 2024 else KT_2026
    old, new = edit
    assert old in text
    folder = campaign_folder(tmp_path, year, text.replace(old, new, 1))
    problems = _problems(folder)
    spec = str(folder / "khen-thuong.yaml")
    assert any(p.startswith(spec + expected) for p in problems), problems


PROFILE_2024 = (CAMPAIGNS / "co-quan" / "bhxh-viet-nam-2024.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("  nguoi_ky: vu_truong_tdkt\n", "  nguoi_ky: vu_truong\n"),
            "don_vi_de_nghi › nguoi_ky: không có người ký mã này trong mục nguoi_ky của hồ sơ "
            "cơ quan; các mã có: chu_tich_hoi_dong_tdkt_co_quan, pho_tong_giam_doc_chu_manh_sinh, "
            "vu_truong_tdkt (giá trị: 'vu_truong')",
        ),
        (
            ("cap_quyet_dinh:\n", "tham_quyen_khen_thuong: Giám đốc\ncap_quyet_dinh:\n"),
            ":38: tham_quyen_khen_thuong: khóa cũ tham_quyen_khen_thuong khác cap_quyet_dinh › "
            "ten ('Tổng Giám đốc Bảo hiểm xã hội Việt Nam'): chỉ giữ cap_quyet_dinh",
        ),
        (
            ("  ky_hieu: TĐKT\n", "  ky_hieu: Tđkt\n"),
            "don_vi_de_nghi › ky_hieu: ký hiệu chỉ gồm chữ in hoa và chữ số",
        ),
    ],
    ids=["unknown head", "old key disagrees", "code in lower case"],
)
def test_a_wrong_role_in_the_profile_is_located(
    tmp_path: Path, edit: tuple[str, str], expected: str
) -> None:
    folder = campaign_folder(tmp_path, 2024)
    profile = folder.parent / "co-quan" / "bhxh-viet-nam-2024.yaml"
    old, new = edit
    assert old in PROFILE_2024
    profile.write_text(PROFILE_2024.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_dossier(load_campaign(folder))
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith(str(profile) + ":") and expected in p for p in problems), problems
    if expected.startswith(":"):
        assert any(p.startswith(str(profile) + expected) for p in problems), problems


def test_an_older_profile_without_roles_is_still_read(tmp_path: Path) -> None:
    """The upgrade path: tham_quyen_khen_thuong and no roles: the tờ trình is the agency's own."""
    folder = campaign_folder(tmp_path, 2024)
    profile = folder.parent / "co-quan" / "bhxh-viet-nam-2024.yaml"
    head, rest = PROFILE_2024.split("don_vi_de_nghi:\n", 1)
    rest = rest.split("# Căn cứ của quyết định", 1)[1]
    older = head + "tham_quyen_khen_thuong: Tổng Giám đốc Bảo hiểm xã hội Việt Nam\n# " + rest
    profile.write_text(older, encoding="utf-8")
    found = contexts(folder)
    assert found["to_trinh"]["co_quan"]["ten"] == "BẢO HIỂM XÃ HỘI VIỆT NAM"
    assert found["to_trinh"]["van_ban"]["so_ky_hieu"].endswith("/TTr-BHXH")
    assert found["quyet_dinh"]["co_quan"]["tham_quyen"] == "TỔNG GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM"
