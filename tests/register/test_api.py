"""The register through the front door and `thidua so …`, on SQLite and PostgreSQL: the 2017
example recorded, a second campaign's Báo cáo thành tích reading it, certificates with their
numbers, `thidua evaluate`'s warnings, and each command one call into the API."""

from __future__ import annotations

import ast
import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from thidua_docs import api
from thidua_docs.cli.main import main
from thidua_docs.errors import InputError
from thidua_docs.inputs.campaign import load_campaign
from thidua_docs.inputs.dossier import load_dossier
from thidua_docs.register.db import ENV_VAR

from ..helpers import CAMPAIGNS, ROOT, body_paragraphs
from .books import CO_QUAN, CSTD, award_row, write_book

BK = "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam"
TODAY = dt.date(2018, 1, 20)


@pytest.fixture
def campaigns(tmp_path: Path) -> Path:
    """A copy of the examples and their profiles (the register's default file goes beside them)."""
    shutil.copytree(CAMPAIGNS, tmp_path / "campaigns")
    return tmp_path / "campaigns"


@pytest.fixture
def recorded(campaigns: Path, register_url: str) -> api.RegisterRecordResult:
    """The 2017 example evaluated, its decision issued as No. 123 of 15/01/2018, and recorded."""
    api.evaluate(campaign=campaigns / "bhxh-2017-giam-no", today=TODAY)
    return api.register_record(
        campaign=campaigns / "bhxh-2017-giam-no",
        so=123,
        ngay=dt.date(2018, 1, 15),
        register=register_url,
        today=TODAY,
    )


def test_recording_the_2017_decision_numbers_every_award(
    recorded: api.RegisterRecordResult,
) -> None:
    assert recorded.so_quyet_dinh == "123/QĐ-BHXH"
    assert len(recorded.entries) == 6 + 25
    assert [e.so_vao_so for e in recorded.entries] == list(range(1, 32))
    assert {(e.so_sach, e.nam_so) for e in recorded.entries} == {(BK, 2018)}
    assert recorded.entries[0].ten == "Bảo hiểm xã hội tỉnh Tuyên Quang"


def test_the_certificates_are_reprinted_with_their_numbers(
    recorded: api.RegisterRecordResult, campaigns: Path
) -> None:
    folder = campaigns / "bhxh-2017-giam-no" / "ho-so" / "so-vao-so"
    full = sorted((folder / "bang-khen").glob("*.docx"))
    stock = sorted((folder / "bang-khen-in-phoi").glob("*.docx"))
    assert len(full) == 31 and len(stock) == 31
    assert set(recorded.files) == set(full) | set(stock)
    first = body_paragraphs(full[0])
    assert "Số sổ: 01/2018" in first
    assert any("Quyết định số 123/QĐ-BHXH ngày 15 tháng 01 năm 2018" in p for p in first), first
    last = body_paragraphs(full[-1])
    assert "Số sổ: 31/2018" in last


def test_a_decision_recorded_twice_is_refused(
    recorded: api.RegisterRecordResult, campaigns: Path, register_url: str
) -> None:
    with pytest.raises(InputError, match=r"123/QĐ-BHXH .* đã có trong sổ khen thưởng"):
        api.register_record(
            campaign=campaigns / "bhxh-2017-giam-no",
            so=123,
            ngay=dt.date(2018, 1, 15),
            register=register_url,
        )
    # another number for the same awards: one achievement, one award
    with pytest.raises(InputError, match="một thành tích chỉ được khen một lần"):
        api.register_record(
            campaign=campaigns / "bhxh-2017-giam-no",
            so=124,
            ngay=dt.date(2018, 1, 16),
            register=register_url,
            out=campaigns / "lan-hai",
        )
    assert not (campaigns / "lan-hai").exists()
    history = api.register_search(query="tuyen quang", register=register_url)
    (hit,) = history.hits
    assert len(api.register_history(ma=hit.ma, register=register_url).history.awards) == 1


def second_campaign(campaigns: Path) -> Path:
    """A later campaign proposing, among others, a person and a collective of the 2017 decision."""
    folder = campaigns / "bhxh-2018-lan-hai"
    shutil.copytree(campaigns / "bhxh-2017-giam-no", folder)
    (folder / "ket-qua.xlsx").unlink()
    dossier = yaml.safe_load((folder / "khen-thuong.yaml").read_text(encoding="utf-8"))
    dossier["de_nghi"] = [
        {
            "hinh_thuc": BK,
            "thanh_tich": "đã có thành tích xuất sắc trong công tác năm 2018",
            "tien_thuong_ca_nhan": {"co_dinh": 5_000_000},
            "tien_thuong_tap_the": {"co_dinh": 10_000_000},
            "tap_the": [{"ten": "Bảo hiểm xã hội tỉnh Cà Mau"}],
            "ca_nhan": [
                {
                    "ho_ten": "Trần Ngọc An",
                    "chuc_vu": "Giám đốc",
                    "don_vi": "Bảo hiểm xã hội tỉnh Bình Thuận",
                },
                {
                    "ho_ten": "Trần Ngọc An",
                    "chuc_vu": "Chuyên viên",
                    "don_vi": "Bảo hiểm xã hội tỉnh Cà Mau",
                },
            ],
        }
    ]
    dossier["ca_nhan_thuoc_tap_the"] = False
    dossier["quyet_dinh"]["ngay"] = dt.date(2019, 1, 15)
    (folder / "khen-thuong.yaml").write_text(
        yaml.safe_dump(dossier, allow_unicode=True), encoding="utf-8"
    )
    return folder


def test_a_second_campaigns_report_lists_the_first_award(
    recorded: api.RegisterRecordResult,
    campaigns: Path,
    register_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_VAR, register_url)
    campaign = load_campaign(second_campaign(campaigns))
    sources = api._sources(campaign, load_dossier(campaign), dt.date(2019, 1, 20))
    earlier = {
        campaign_awardee: sources.khen_thuong_da_co.get(n)
        for n, campaign_awardee in (
            (a.so_thu_tu, a.ten if a.tap_the else f"{a.ten}, {a.don_vi}")
            for a in load_dossier(campaign).dossier.awardees
        )
    }
    award_2017 = [
        {
            "nam": 2017,
            "hinh_thuc": BK,
            "so_quyet_dinh": "123/QĐ-BHXH",
            "ngay_quyet_dinh": dt.date(2018, 1, 15),
            "co_quan": CO_QUAN,
        }
    ]
    assert earlier["Bảo hiểm xã hội tỉnh Cà Mau"] == award_2017
    assert earlier["Trần Ngọc An, Bảo hiểm xã hội tỉnh Bình Thuận"] == award_2017
    assert (
        earlier["Trần Ngọc An, Bảo hiểm xã hội tỉnh Cà Mau"] is None
    )  # a namesake elsewhere: not merged
    assert sources.so_vao_so == {}  # this decision is not recorded yet
    # the document receives it (section III of the Báo cáo thành tích)
    result = api.dossier(
        campaign=campaign, only=("bao_cao",), out=campaigns / "bc", today=dt.date(2019, 1, 20)
    )
    assert len(result.files) == 3


def test_without_a_register_the_documents_are_as_before(
    campaigns: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    campaign = load_campaign(campaigns / "bhxh-2017-giam-no")
    api.evaluate(campaign=campaign, today=TODAY)
    sources = api._sources(campaign, load_dossier(campaign), TODAY)
    assert (sources.so_vao_so, sources.khen_thuong_da_co) == ({}, {})
    assert not (campaigns / "co-quan" / "so-khen-thuong.sqlite").exists()


def test_the_default_register_is_beside_the_profile(
    campaigns: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    api.evaluate(campaign=campaigns / "bhxh-2017-giam-no", today=TODAY)
    result = api.register_record(
        campaign=campaigns / "bhxh-2017-giam-no", so=5, ngay=dt.date(2018, 1, 15), today=TODAY
    )
    assert result.register == str((campaigns / "co-quan" / "so-khen-thuong.sqlite").resolve())
    # and once it exists the dossier reads it: the certificates of a rebuilt dossier carry the numbers
    out = campaigns / "lai"
    api.dossier(campaign=campaigns / "bhxh-2017-giam-no", only=("bang_khen",), out=out, today=TODAY)
    first = sorted((out / "bang-khen").glob("*.docx"))[0]
    assert "Số sổ: 01/2018" in body_paragraphs(first)


YEARLY = "đã hoàn thành xuất sắc nhiệm vụ năm 2024"


def _yearly(campaign: Path, stated: bool = False) -> Path:
    """The campaign's awards made for the year's work (công trạng), not for its phong trào: by
    the words of the achievement, or (``stated``) by ``danh_gia › loai_khen_thuong``."""
    spec = campaign / "chien-dich.yaml"
    text = spec.read_text(encoding="utf-8")
    start = text.index("  thanh_tich: >-\n")
    end = text.index("\n  tien_thuong_tap_the", start)
    if stated:
        spec.write_text(f"{text[:start]}  loai_khen_thuong: cong_trang\n{text[start:]}", "utf-8")
    else:
        spec.write_text(f"{text[:start]}  thanh_tich: {YEARLY}{text[end:]}", encoding="utf-8")
    return campaign


def test_evaluate_warns_of_proposed_awardees_who_fail_the_conditions(
    campaigns: Path, register_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, register_url)
    bg = "Bảo hiểm xã hội tỉnh Bắc Giang"
    book = write_book(
        tmp_path / "so.xlsx",
        [
            award_row(None, "Đỗ Văn An", bg, 2023, CSTD, "10/QĐ-BHXH", dt.date(2024, 1, 10)),
            award_row(None, "Đỗ Văn An", bg, 2024, CSTD, "11/QĐ-BHXH", dt.date(2025, 1, 10)),
            award_row(None, "Phan Hồng Bình", bg, 2024, CSTD, "11/QĐ-BHXH", dt.date(2025, 1, 10)),
            award_row(
                None, bg, "", 2023, "Cờ thi đua", "12/QĐ-BHXH", dt.date(2024, 1, 10), loai="Tập thể"
            ),
        ],
    )
    api.register_import(file=book)
    campaign = campaigns / "bhxh-2024-nuoc-rut"
    # The phong trào's own award: Điều 74.1.d (a yearly condition) is not the one that applies.
    result = api.evaluate(campaign=campaign, today=dt.date(2025, 1, 10))
    assert not [w for w in result.canh_bao if "Phan Hồng Bình" in w]
    # the same phong trào's award stated to be for the year's work: checked, and said so in the list
    stated = api.evaluate(campaign=_yearly(campaign, True), force=True, today=dt.date(2025, 1, 10))
    assert [w for w in stated.canh_bao if w.startswith("Phan Hồng Bình")]
    assert {item["loai_khen_thuong"] for item in stated.award_list} == {"cong_trang"}
    shutil.rmtree(campaign)
    shutil.copytree(CAMPAIGNS / "bhxh-2024-nuoc-rut", campaign)
    result = api.evaluate(campaign=_yearly(campaign), force=True, today=dt.date(2025, 1, 10))
    named = [w for w in result.canh_bao if w.startswith(("Đỗ Văn An", "Phan Hồng Bình"))]
    assert named == [
        f"Phan Hồng Bình ({bg}): đề nghị {BK} — sắp đủ (năm sau): thiếu năm 2023 Chiến sĩ thi đua cơ sở (2 năm liên tục); "
        "đã có 1 năm liên tục Chiến sĩ thi đua cơ sở đến năm 2024, năm 2025 đạt thì đủ 2 năm "
        "(căn cứ: Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 74, khoản 1, điểm d)"
    ]
    # a collective, by the collectives' rule, which is not verified against the Law's text: said
    (collective,) = [w for w in result.canh_bao if w.startswith(bg)]
    assert collective == (
        f"{bg}: đề nghị {BK} — chưa đủ: thiếu năm 2023, 2024 hoàn thành xuất sắc nhiệm vụ (2 năm "
        "liên tục) (căn cứ: Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 74, khoản 2 — chưa "
        "đối chiếu với văn bản)"
    )
    (unknown,) = [w for w in result.canh_bao if "chưa có trong sổ" in w]
    # 48 individuals and the other 11 collectives, which the collectives' rule now checks
    assert unknown.startswith(
        f"59 tập thể, cá nhân được đề nghị {BK} chưa có trong sổ khen thưởng"
    ), unknown


STATEMENT = (
    "Đối chiếu sổ khen thưởng, các tập thể, cá nhân được đề nghị khen thưởng đều đủ điều kiện "
    "khen thưởng qua các năm theo quy định tại điểm d khoản 1 Điều 74 Luật Thi đua, khen thưởng "
    "số 06/2022/QH15."
)


def _proposed(campaign: Path, thanh_tich: str, *names: str, loai: str | None = None) -> Path:
    dossier = yaml.safe_load((campaign / "khen-thuong.yaml").read_text(encoding="utf-8"))
    dossier["de_nghi"] = [
        {
            "hinh_thuc": BK,
            "thanh_tich": thanh_tich,
            "tien_thuong_ca_nhan": {"co_dinh": 5_000_000},
            "ca_nhan": [{"ho_ten": n, "chuc_vu": "Chuyên viên", "don_vi": BG} for n in names],
        }
    ]
    if loai is not None:
        dossier["de_nghi"][0]["loai_khen_thuong"] = loai
    dossier["ca_nhan_thuoc_tap_the"] = False
    (campaign / "khen-thuong.yaml").write_text(
        yaml.safe_dump(dossier, allow_unicode=True), encoding="utf-8"
    )
    return campaign


BG = "Bảo hiểm xã hội tỉnh Bắc Giang"


def _statements(campaign: Path, out: Path) -> list[str]:
    api.dossier(campaign=campaign, out=out, only=["to_trinh"], force=True)
    return [p for p in body_paragraphs(out / "to-trinh.docx") if p.startswith("Đối chiếu sổ")]


def test_the_to_trinh_states_that_every_awardee_meets_the_conditions(
    campaigns: Path, register_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stated only when the register shows every awardee meeting verified conditions of the
    award proposed; not when one falls short, nor when no condition applies (a phong trào's
    award: nothing was checked, so nothing is stated)."""
    monkeypatch.setenv(ENV_VAR, register_url)
    rows = [
        award_row(None, name, BG, year, CSTD, f"{year}/QĐ-BHXH", dt.date(year + 1, 1, 10))
        for name, years in (("Đỗ Văn An", (2023, 2024)), ("Phan Hồng Bình", (2023, 2024)))
        for year in years
    ]
    rows.append(award_row(None, "Lê Văn Cường", BG, 2024, CSTD, "2024/QĐ", dt.date(2025, 1, 10)))
    api.register_import(file=write_book(tmp_path / "so.xlsx", rows))
    campaign = campaigns / "bhxh-2024-nuoc-rut"
    both = ("Đỗ Văn An", "Phan Hồng Bình")
    assert _statements(_proposed(campaign, YEARLY, *both), tmp_path / "du") == [STATEMENT]
    # one more, with only the 2024 title: no statement (evaluate says why)
    three = (*both, "Lê Văn Cường")
    assert _statements(_proposed(campaign, YEARLY, *three), tmp_path / "thieu") == []
    # one not in the register: nothing known of him, nothing stated
    four = (*both, "Người Chưa Có")
    assert _statements(_proposed(campaign, YEARLY, *four), tmp_path / "la") == []
    # the phong trào's own award: no yearly condition applies, nothing is stated
    movement = "xuất sắc trong phong trào thi đua nước rút năm 2024"
    campaign = _proposed(campaign, movement, *both)
    assert _statements(campaign, tmp_path / "pt") == []
    # unless khen-thuong.yaml says the award is for the year's work (công trạng): checked, stated
    campaign = _proposed(campaign, movement, *both, loai="cong_trang")
    assert _statements(campaign, tmp_path / "ct") == [STATEMENT]
    # and a yearly-sounding achievement stated to be a campaign's award is not checked
    campaign = _proposed(campaign, YEARLY, *both, loai="chuyen_de")
    assert _statements(campaign, tmp_path / "cd") == []


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_clerks_commands(
    campaigns: Path, register_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c17 = str(campaigns / "bhxh-2017-giam-no")
    assert run(capsys, "evaluate", c17)[0] == 0
    code, out, err = run(
        capsys, "so", "ghi", c17, "--so", "123", "--ngay", "15/01/2018", "-S", register_url
    )
    assert code == 0, err
    assert "Đã ghi Quyết định số 123/QĐ-BHXH ngày 15/01/2018" in out and "  31  " in out
    code, out, err = run(
        capsys, "so", "ghi", c17, "--so", "123", "--ngay", "15/01/2018", "-S", register_url
    )
    assert (code, out) == (2, "") and "đã có trong sổ khen thưởng" in err and "Traceback" not in err
    code, out, _ = run(capsys, "so", "tim", "tran ngoc an", "-S", register_url)
    assert code == 0 and "Cá nhân: Trần Ngọc An, Bảo hiểm xã hội tỉnh Bình Thuận" in out
    ma = out.split("\t")[0]
    code, out, _ = run(capsys, "so", "lich-su", ma, "-S", register_url)
    assert (
        code == 0
        and "2017: Bằng khen của Tổng Giám đốc" in out
        and "số vào sổ 8/2018, 5.000.000 đồng" in out
    )
    code, out, _ = run(
        capsys,
        "so",
        "du-dieu-kien",
        "--hinh-thuc",
        "Chiến sĩ thi đua cấp bộ",
        "--nam",
        "2017",
        "--ma",
        ma,
        "-S",
        register_url,
    )
    assert code == 0 and "chưa đủ" in out and "lưu ý: chưa đối chiếu" in out
    code, out, err = run(capsys, "so", "xuat", str(tmp_path / "so.xlsx"), "-S", register_url)
    assert code == 0 and "(31 khen thưởng)" in out, err
    code, out, _ = run(capsys, "so", "thong-ke", str(tmp_path / "tk.xlsx"), "-S", register_url)
    assert code == 0 and (tmp_path / "tk.xlsx").is_file()
    code, out, err = run(capsys, "so", "nhap", str(tmp_path / "so.xlsx"), "-S", register_url)
    assert code == 2 and "đã có trong sổ" in err and "Khen thưởng!dòng 2" in err
    code, _, err = run(
        capsys, "so", "ghi", c17, "--so", "9", "--ngay", "31/02/2018", "-S", register_url
    )
    assert code == 2 and "cần ngày dạng ngày/tháng/năm" in err
    code, _, err = run(capsys, "so", "tim", "an", "-S", str(tmp_path / "khong-co.sqlite"))
    assert (
        code == 2
        and "Chưa có sổ khen thưởng" in err
        and not (tmp_path / "khong-co.sqlite").exists()
    )


def test_each_register_command_is_one_call_into_the_api() -> None:
    tree = ast.parse((ROOT / "thidua_docs" / "cli" / "so.py").read_text(encoding="utf-8"))
    commands = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(
            isinstance(d, ast.Call)
            and isinstance(d.func, ast.Attribute)
            and d.func.attr == "command"
            for d in node.decorator_list
        )
    ]
    assert [c.name for c in commands] == [
        "ghi",
        "nhap",
        "xuat",
        "tim",
        "lich_su",
        "du_dieu_kien",
        "thong_ke",
    ]
    for command in commands:
        calls = [
            call
            for statement in command.body
            for call in ast.walk(statement)
            if isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id == "api"
        ]
        assert len(calls) == 1, command.name
    source = (ROOT / "thidua_docs" / "cli" / "so.py").read_text(encoding="utf-8")
    assert "thidua_docs.register" not in source


def test_who_is_eligible_this_year(register_url: str, tmp_path: Path) -> None:
    bg = "Bảo hiểm xã hội tỉnh Bắc Giang"
    rows = [
        award_row("CB1", "Đỗ Văn An", bg, 2023, CSTD, "10/QĐ-BHXH", dt.date(2024, 1, 10)),
        award_row("CB1", "Đỗ Văn An", bg, 2024, CSTD, "11/QĐ-BHXH", dt.date(2025, 1, 10)),
        award_row("CB2", "Phan Hồng Bình", bg, 2024, CSTD, "11/QĐ-BHXH", dt.date(2025, 1, 10)),
        award_row("CB3", "Lê Thị Cúc", bg, 2022, CSTD, "9/QĐ-BHXH", dt.date(2023, 1, 10)),
        award_row("CB4", "Vũ Minh Đức", bg, 2023, CSTD, "10/QĐ-BHXH", dt.date(2024, 1, 10)),
        award_row("CB4", "Vũ Minh Đức", bg, 2024, CSTD, "11/QĐ-BHXH", dt.date(2025, 1, 10)),
    ]
    api.register_import(file=write_book(tmp_path / "so.xlsx", rows), register=register_url)
    result = api.register_eligibility(
        hinh_thuc=BK, nam=2024, register=register_url, today=dt.date(2025, 1, 20)
    )
    assert [(a.ma, a.ket_luan) for a in result.answers] == [
        ("CB1", "du"),
        ("CB2", "sap_du"),
        ("CB4", "du"),
    ]
    assert all(a.can_cu for a in result.answers)


def test_certificates_that_cannot_be_written_leave_the_register_as_it_was(
    campaigns: Path, register_url: str, tmp_path: Path
) -> None:
    api.evaluate(campaign=campaigns / "bhxh-2017-giam-no", today=TODAY)
    own = tmp_path / "mau"
    own.mkdir()
    (own / "bang_khen.docx").write_bytes(b"not a docx")  # the office's broken template
    with pytest.raises(InputError):
        api.register_record(
            campaign=campaigns / "bhxh-2017-giam-no",
            so=123,
            ngay=dt.date(2018, 1, 15),
            register=register_url,
            templates=own,
        )
    assert not (campaigns / "bhxh-2017-giam-no" / "ho-so" / "so-vao-so").exists()
    assert api.register_search(query="tuyen quang", register=register_url).hits == []
    again = api.register_record(
        campaign=campaigns / "bhxh-2017-giam-no",
        so=123,
        ngay=dt.date(2018, 1, 15),
        register=register_url,
    )
    assert [e.so_vao_so for e in again.entries][:2] == [1, 2]


def test_a_register_beside_the_profile_is_pointed_at_from_the_campaigns_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`thidua so ghi` keeps the register beside the agency profile (co-quan/); a clerk who then
    asks `thidua so tim` from the campaigns folder is told where it is and how to reach it."""
    (tmp_path / "co-quan").mkdir()
    book = write_book(
        tmp_path / "so.xlsx",
        [award_row("CB1", "Lê An", "Phòng Thu", 2024, CSTD, "1/QĐ", dt.date(2025, 1, 10))],
    )
    api.register_import(file=book, register=tmp_path / "co-quan" / "so-khen-thuong.sqlite")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_VAR, raising=False)
    code, out, err = run(capsys, "so", "tim", "le an")
    assert (code, out) == (2, "")
    assert "Có sổ khen thưởng ở co-quan/so-khen-thuong.sqlite" in err, err
    assert "--chien-dich" in err and "-S co-quan/so-khen-thuong.sqlite" in err
    code, out, _ = run(capsys, "so", "tim", "le an", "-S", "co-quan/so-khen-thuong.sqlite")
    assert code == 0 and "Lê An" in out
