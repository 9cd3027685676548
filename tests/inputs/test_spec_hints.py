""" "Did you mean" for a rejected key: a key of the model where it was written, never another's."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from thidua_docs.diagnostics import LineMap
from thidua_docs.inputs.validation import validate
from thidua_docs.schema import (
    ChienDich,
    CongVan,
    HinhThucDeNghi,
    HoSoKhenThuong,
    Muc,
    TapTheDeNghi,
    TieuChiDanhGia,
    UuTien,
    Y,
    model_at,
)

CAMPAIGN: dict[str, Any] = {
    "co_quan": "co-quan.yaml",
    "ten": "phong trào thi đua thử",
    "tieu_chi": [{"tieu_de": "Tiêu chí", "cac_y": ["Một ý"]}],
    "cong_van": {
        "ngay": "2024-01-02",
        "trich_yeu": "phát động",
        "kinh_gui": ["Các đơn vị"],
        "ket_luan": "Đề nghị thực hiện./.",
        "nguoi_ky": "giam_doc",
    },
    "danh_gia": {
        "hinh_thuc": "Bằng khen",
        "thanh_tich": "xuất sắc",
        "nhom": [
            {
                "ma": "don_vi",
                "ten": "Đơn vị",
                "chi_so": [{"ma": "tien_do", "ten": "Tiến độ", "don_vi": "%"}],
                "tieu_chi": [
                    {
                        "ma": "dat",
                        "ten": "Đạt",
                        "chi_so": "tien_do",
                        "so_sanh": ">=",
                        "nguong": {"q4": 100},
                    }
                ],
                "linh_vuc": [
                    {
                        "ma": "dan_dau",
                        "ten": "dẫn đầu",
                        "xep_hang_theo": "tien_do",
                        "so_luong": 1,
                        "uu_tien": [{"chi_so": "tien_do", "mo_ta": "tiến độ"}],
                    }
                ],
            }
        ],
    },
}

DOSSIER: dict[str, Any] = {
    "de_nghi": [{"hinh_thuc": "Giấy khen", "thanh_tich": "xuất sắc", "tap_the": [{"ten": "Ban"}]}]
}


def _with(data: dict[str, Any], path: tuple[str | int, ...], key: str) -> dict[str, Any]:
    """``data`` with ``key: "x"`` added in the mapping at ``path``."""
    data = copy.deepcopy(data)
    target: Any = data
    for part in path:
        target = target[part]
    target[key] = "x"
    return data


NHOM = ("danh_gia", "nhom", 0)


@pytest.mark.parametrize(
    ("model", "data", "path", "key", "hint"),
    [
        pytest.param(ChienDich, CAMPAIGN, (), "muc_tieux", "muc_tieu", id="top-level"),
        pytest.param(ChienDich, CAMPAIGN, ("cong_van",), "trich_yeuu", "trich_yeu", id="cong_van"),
        pytest.param(ChienDich, CAMPAIGN, ("cong_van",), "ngayy", "ngay", id="cong_van-short-key"),
        pytest.param(
            ChienDich, CAMPAIGN, (*NHOM, "tieu_chi", 0), "so_voii", "so_voi", id="tieu_chi"
        ),
        pytest.param(
            ChienDich, CAMPAIGN, (*NHOM, "tieu_chi", 0), "dung_saii", "dung_sai", id="tieu_chi-2"
        ),
        pytest.param(
            ChienDich,
            CAMPAIGN,
            (*NHOM, "linh_vuc", 0, "uu_tien", 0),
            "thap_hon_tott",
            "thap_hon_tot",
            id="uu_tien-in-list-of-lists",
        ),
        pytest.param(ChienDich, CAMPAIGN, NHOM, "ca_nhan_toi_daa", "ca_nhan_toi_da", id="nhom"),
        pytest.param(
            ChienDich, CAMPAIGN, ("tieu_chi", 0), "tieu_dee", "tieu_de", id="muc-item-validator"
        ),
        pytest.param(
            HoSoKhenThuong,
            DOSSIER,
            ("de_nghi", 0, "tap_the", 0),
            "bien_chee",
            "bien_che",
            id="dossier-tap_the",
        ),
        # Keys that exist in another model but not here: no hint, and never the key itself.
        pytest.param(ChienDich, CAMPAIGN, (), "trich_yeu", None, id="cong_van-key-at-top-level"),
        pytest.param(
            ChienDich, CAMPAIGN, ("cong_van",), "xep_hang_theo", None, id="field-key-in-cong_van"
        ),
        pytest.param(
            ChienDich, CAMPAIGN, (*NHOM, "tieu_chi", 0), "xep_hang_theo", None, id="field-key"
        ),
        pytest.param(ChienDich, CAMPAIGN, (), "nguoi_ky", None, id="cong_van-signer-at-top"),
        pytest.param(ChienDich, CAMPAIGN, (), "ket_qua", None, id="danh_gia-key-at-top"),
    ],
)
def test_hint_comes_from_the_model_at_the_error(
    model: type[BaseModel],
    data: dict[str, Any],
    path: tuple[str | int, ...],
    key: str,
    hint: str | None,
) -> None:
    parsed, problems = validate(model, _with(data, path, key), LineMap(Path("spec.yaml")))
    assert parsed is None
    (problem,) = problems
    expected = f"khóa '{key}' không có trong mẫu khai báo"
    if hint is not None:
        expected += f"; có phải ý là '{hint}'?"
    assert problem.message == expected


def test_the_data_used_is_valid() -> None:
    ChienDich.model_validate(CAMPAIGN)
    HoSoKhenThuong.model_validate(DOSSIER)


@pytest.mark.parametrize(
    ("loc", "model"),
    [
        pytest.param((), ChienDich, id="root"),
        pytest.param(("cong_van",), CongVan, id="optional-model"),
        pytest.param(("tieu_chi", 0), Muc, id="list-of-annotated"),
        pytest.param(("tieu_chi", 0, "cac_y", 2), Y, id="nested-list"),
        pytest.param(("danh_gia", "nhom", 0, "tieu_chi", 1), TieuChiDanhGia, id="deep"),
        pytest.param(("danh_gia", "nhom", 0, "linh_vuc", 0, "uu_tien", 0), UuTien, id="uu_tien"),
        pytest.param(("danh_gia", "nhom", 0, "tieu_chi", 0, "nguong"), None, id="not-a-model"),
        pytest.param(
            ("danh_gia", "nhom", 0, "tieu_chi", 0, "nguong", "dict[literal['q1'],decimal]", "q4"),
            None,
            id="union-tag-then-dict-value",
        ),
        pytest.param(("khong_co", 0), None, id="unknown-key"),
        pytest.param(("tieu_chi", "a"), None, id="key-into-a-list"),
    ],
)
def test_the_walk_along_a_location(loc: tuple[str | int, ...], model: type | None) -> None:
    assert model_at(ChienDich, loc) is model


def test_the_walk_through_dossier_lists() -> None:
    assert model_at(HoSoKhenThuong, ("de_nghi", 0)) is HinhThucDeNghi
    assert model_at(HoSoKhenThuong, ("de_nghi", 0, "tap_the", 3)) is TapTheDeNghi
