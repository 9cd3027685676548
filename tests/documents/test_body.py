"""The body model: numbering per level, emphasis, references, rules on any item, located errors.

Each construct a real circular uses (issue 10, "Why") is written in a spec here and checked as it
prints; each bad structure is checked for its one located Vietnamese message.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import docx
import pytest

from thidua_docs import draft, load_campaign
from thidua_docs.cli import main
from thidua_docs.documents.common import body_paragraphs
from thidua_docs.errors import InputError, SpecError
from thidua_docs.evaluation.rules import rule_texts
from thidua_docs.formatting import dinh_dang, emphasis_error
from thidua_docs.schema.body import ThanVanBan

from ..helpers import CAMPAIGNS, ROOT, nonempty_lines


def lines_of(body: dict[str, Any], texts: Mapping[str, str | list[str]] | None = None) -> list[str]:
    """The body's paragraphs as printed (lead and rest), without emphasis."""
    return [d["dau"] + d["sau"] for d in body_paragraphs(ThanVanBan.model_validate(body), texts)]


# ------------------------------------------------------------------------------ numbering


def nested(depth: int) -> list[Any]:
    """Two items per level, ``depth`` levels deep: "1", "1/1", "1/1/1" …"""

    def level(n: int, name: str) -> list[Any]:
        if n == depth:
            return [f"{name}.1", f"{name}.2"]
        return [{"noi_dung": f"{name}.1", "cac_muc": level(n + 1, f"{name}.1")}, f"{name}.2"]

    return level(1, "m")


@pytest.mark.parametrize(
    ("danh_so", "expected"),
    [
        pytest.param(
            ["A", "I", "1", "a", "-", "+"],
            ["A.", "I.", "1.", "a)", "-", "+", "+", "-", "b)", "2.", "II.", "B."],
            id="six-levels-nd30",
        ),
        pytest.param(
            ["1", "1.1", "1.1.1", "1.1.1.1", "a", "-", "+"],
            [
                "1.",
                "1.1.",
                "1.1.1.",
                "1.1.1.1.",
                "a)",
                "-",
                "+",
                "+",
                "-",
                "b)",
                "1.1.1.2.",
                "1.1.2.",
                "1.2.",
                "2.",
            ],
            id="decimal-seven-levels",
        ),
        pytest.param(
            [
                "I",
                "1",
                "1.1",
                "a",
                "-",
                "+",
            ],
            ["I.", "1.", "1.1.", "a)", "-", "+", "+", "-", "b)", "1.2.", "2.", "II."],
            id="roman-then-decimal",
        ),
    ],
)
def test_every_level_is_numbered_as_declared(danh_so: list[str], expected: list[str]) -> None:
    printed = [
        d["so"]
        for d in body_paragraphs(
            ThanVanBan.model_validate({"danh_so": danh_so, "cac_muc": nested(len(danh_so))})
        )
    ]
    assert printed == expected


@pytest.mark.parametrize(
    ("count", "letters"),
    [
        (6, ["a)", "b)", "c)", "d)", "đ)", "e)"]),
        (11, ["a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)", "k)", "l)"]),
    ],
    ids=["with-d-bar", "skips-letters-with-marks"],
)
def test_diem_follow_the_nd30_alphabet(count: int, letters: list[str]) -> None:
    body = {"danh_so": ["a"], "cac_muc": [f"điểm {n}" for n in range(count)]}
    assert [d["so"] for d in body_paragraphs(ThanVanBan.model_validate(body))] == letters


def test_lettered_parts_hold_roman_sections_in_capitals() -> None:
    """The 2022 BHXH circular: A. NỘI DUNG PHONG TRÀO THI ĐUA › I. … › 1. …, never renumbered."""
    body = {
        "danh_so": ["A", "I", "1", "-"],
        "cac_muc": [
            {
                "tieu_de": "Nội dung phong trào thi đua",
                "cac_muc": [
                    {"tieu_de": "Mục tiêu", "cac_muc": ["Hoàn thành chỉ tiêu."]},
                    {"tieu_de": "Chỉ tiêu thi đua", "cac_muc": ["Thu BHXH.", "Phát triển BHYT."]},
                ],
            },
            {"tieu_de": "Công tác khen thưởng", "cac_muc": [{"tieu_de": "Hình thức"}]},
            {"tieu_de": "Tổ chức thực hiện"},
        ],
    }
    assert lines_of(body) == [
        "A. NỘI DUNG PHONG TRÀO THI ĐUA",
        "I. MỤC TIÊU",
        "1. Hoàn thành chỉ tiêu.",
        "II. CHỈ TIÊU THI ĐUA",
        "1. Thu BHXH.",
        "2. Phát triển BHYT.",
        "B. CÔNG TÁC KHEN THƯỞNG",
        "I. HÌNH THỨC",
        "C. TỔ CHỨC THỰC HIỆN",
    ]


@pytest.mark.parametrize(
    ("danh_so", "path", "style", "upper"),
    [
        (["A", "I", "1", "a"], 0, "dam", True),
        (["A", "I", "1", "a"], 1, "dam", True),
        (["A", "I", "1", "a"], 2, "dam", False),
        (["A", "I", "1", "a"], 3, "nghieng", False),
        (["1", "1.1", "1.1", "-"], 1, "dam_nghieng", False),
        (["1", "1.1", "1.1", "-"], 2, "nghieng", False),
        (["1", "1.1", "1.1", "-"], 3, "", False),
        ([{"kieu": "I", "kieu_chu": "nghieng", "in_hoa": False}], 0, "nghieng", False),
    ],
    ids=["part", "section", "item", "diem", "decimal-2", "decimal-3", "bullet", "declared"],
)
def test_headings_take_their_level_emphasis(
    danh_so: list[Any], path: int, style: str, upper: bool
) -> None:
    item: dict[str, Any] = {"tieu_de": "Tiêu đề cấp cuối"}
    for _ in range(len(danh_so) - 1):
        item = {"tieu_de": "Tiêu đề", "cac_muc": [item]}
    paragraphs = body_paragraphs(ThanVanBan.model_validate({"danh_so": danh_so, "cac_muc": [item]}))
    heading = paragraphs[path]
    assert heading["kieu_chu"] == style
    assert (heading["tieu_de"] == heading["tieu_de"].upper()) is upper
    assert heading["loai"] == ("tieu_de" if style else "dong")


# -------------------------------------------------------------------------- constructs


def test_heading_with_two_bullets_and_a_paragraph_after_them() -> None:
    """ "2. Đối tượng, thời gian thi đua:" with two bullets, then a paragraph after the bullets."""
    body = {
        "cac_muc": [
            {
                "tieu_de": "Mục tiêu",
                "cac_muc": [
                    "Hoàn thành kế hoạch thu.",
                    {
                        "tieu_de": "Đối tượng, thời gian thi đua:",
                        "cac_y": ["Đối tượng: BHXH các tỉnh;", "Thời gian: năm 2022."],
                        "doan_sau": ["Kết quả được tổng hợp theo quý."],
                    },
                ],
            },
        ]
    }
    assert lines_of(body) == [
        "I. MỤC TIÊU",
        "1. Hoàn thành kế hoạch thu.",
        "2. Đối tượng, thời gian thi đua:",
        "- Đối tượng: BHXH các tỉnh;",
        "- Thời gian: năm 2022.",
        "Kết quả được tổng hợp theo quý.",
    ]


def test_paragraphs_before_children_and_inline_text() -> None:
    body = {
        "danh_so": ["1", "1.1", "-"],
        "cac_muc": [
            {
                "tieu_de": "Mục tiêu",
                "cac_doan": ["Phong trào hướng đến, cụ thể:"],
                "cac_muc": [
                    {
                        "tieu_de": "Đối với tỉnh",
                        "noi_dung": "trên cơ sở nhiệm vụ, cụ thể:",
                        "cac_y": ["Tổ chức trao đổi."],
                    }
                ],
            }
        ],
    }
    assert lines_of(body) == [
        "1. Mục tiêu",
        "Phong trào hướng đến, cụ thể:",
        "1.1. Đối với tỉnh: trên cơ sở nhiệm vụ, cụ thể:",
        "- Tổ chức trao đổi.",
    ]


def test_references_print_the_current_number_and_follow_a_reordering() -> None:
    """ "tại điểm 2 mục II nêu trên": the circular calls its "2." items điểm."""
    target = {"nhan": "doi_tuong", "tieu_de": "Đối tượng"}
    other = {"tieu_de": "Thời gian"}

    def body(items: list[Any]) -> dict[str, Any]:
        return {
            "danh_so": ["I", {"kieu": "1", "ten": "điểm"}, "a", "-"],
            "cac_muc": [
                {"tieu_de": "Mục đích"},
                {"tieu_de": "Nội dung", "cac_muc": items},
                {
                    "tieu_de": "Khen thưởng",
                    "cac_muc": ["Đơn vị thuộc đối tượng tại {ref:doi_tuong} nêu trên."],
                },
            ],
        }

    assert (
        lines_of(body([other, target]))[-1]
        == "1. Đơn vị thuộc đối tượng tại điểm 2 mục II nêu trên."
    )
    assert (
        lines_of(body([target, other]))[-1]
        == "1. Đơn vị thuộc đối tượng tại điểm 1 mục II nêu trên."
    )


@pytest.mark.parametrize(
    ("danh_so", "reference"),
    [
        (["I", "1", "a"], "điểm b khoản 1 mục I"),
        (["1", "1.1", "1.1", "a"], "điểm b mục 1.1.1"),
        (["A", "I", "1", "a"], "điểm b khoản 1 mục I phần A"),
    ],
    ids=["nd30", "decimal-says-its-parents", "lettered-parts"],
)
def test_a_reference_names_every_level_up_to_the_top(danh_so: list[str], reference: str) -> None:
    item: dict[str, Any] = {
        "noi_dung": "x",
        "cac_muc": ["đầu", {"nhan": "dich", "noi_dung": "đích"}],
    }
    for _ in range(len(danh_so) - 2):
        item = {"tieu_de": "t", "cac_muc": [item]}
    item["cac_doan"] = ["xem {ref:dich}"]
    assert f"xem {reference}" in lines_of({"danh_so": danh_so, "cac_muc": [item]})


def test_a_rule_prints_at_any_level() -> None:
    """A whole section's text, a điểm and a bullet, each from a rule of danh_gia."""
    texts = {
        "cham_dong": "Tỷ lệ chậm đóng không cao hơn chỉ tiêu.",
        "thu": "Hoàn thành 100% kế hoạch thu.",
    }
    body = {
        "cac_muc": [
            {"tieu_de": "Điều kiện", "quy_tac": "cham_dong"},
            {
                "tieu_de": "Tiêu chí",
                "cac_muc": [
                    {"tieu_de": "Về thu", "cac_muc": [{"quy_tac": "thu"}]},
                    {"noi_dung": "Về chậm đóng:", "cac_y": [{"quy_tac": "cham_dong"}]},
                ],
            },
        ],
    }
    assert lines_of(body, texts) == [
        "I. ĐIỀU KIỆN: Tỷ lệ chậm đóng không cao hơn chỉ tiêu.",
        "II. TIÊU CHÍ",
        "1. Về thu",
        "a) Hoàn thành 100% kế hoạch thu.",
        "2. Về chậm đóng:",
        "- Tỷ lệ chậm đóng không cao hơn chỉ tiêu.",
    ]


def test_a_reference_the_loader_would_refuse_is_printed_as_written() -> None:
    """Rendering never fails on a reference (the spec check reports it with its line first)."""
    assert lines_of({"cac_muc": ["xem {ref:khong_co}"]}) == ["I. xem {ref:khong_co}"]


def test_a_rule_in_several_lines_prints_one_bullet_per_line() -> None:
    """One threshold per quarter: three bullets from one rule; on a numbered item, paragraphs."""
    texts = {
        "nguong": ["Quý I: đạt 45% kế hoạch;", "Quý II: đạt 71,5% kế hoạch;", "Quý IV: đạt 100%."]
    }
    body = {
        "cac_muc": [
            {
                "tieu_de": "Chỉ tiêu",
                "cac_muc": [
                    {"noi_dung": "Tỷ lệ hoàn thành cộng dồn:", "cac_y": [{"quy_tac": "nguong"}]},
                    {"quy_tac": "nguong"},
                ],
            },
        ],
    }
    assert lines_of(body, texts) == [
        "I. CHỈ TIÊU",
        "1. Tỷ lệ hoàn thành cộng dồn:",
        "- Quý I: đạt 45% kế hoạch;",
        "- Quý II: đạt 71,5% kế hoạch;",
        "- Quý IV: đạt 100%.",
        "2. Quý I: đạt 45% kế hoạch;",
        "Quý II: đạt 71,5% kế hoạch;",
        "Quý IV: đạt 100%.",
    ]


def test_the_2024_criteria_print_the_rules_own_wording() -> None:
    """What is announced is what is applied: the bullets naming a rule print rule_texts."""
    campaign = load_campaign(CAMPAIGNS / "bhxh-2024-nuoc-rut")
    rules = campaign.chien_dich.danh_gia
    assert rules is not None and campaign.chien_dich.cong_van is not None
    texts = rule_texts(rules)
    printed = [d["sau"] for d in body_paragraphs(campaign.chien_dich.cong_van, texts)]
    assert f"- {texts['cham_dong']}" in printed
    assert printed.count(f"- {texts['uu_tien_3_thang_cuoi']}") == 2


# ------------------------------------------------------------------------ inline emphasis


@pytest.mark.parametrize(
    ("text", "marked", "error"),
    [
        ("chữ *nghiêng* và **đậm**", "chữ \ue000nghiêng\ue000 và \ue001đậm\ue001", None),
        ("**đậm *cả nghiêng* đậm**", "\ue001đậm \ue000cả nghiêng\ue000 đậm\ue001", None),
        ("5 \\* 3 = 15", "5 * 3 = 15", None),
        ("không có dấu", "không có dấu", None),
        ("*mở mà không đóng", "*mở mà không đóng", "dấu * mở phần in nghiêng"),
        ("**đậm *sai** thứ tự*", "**đậm *sai** thứ tự*", "dấu ** đóng sai thứ tự"),
    ],
    ids=["italic-and-bold", "nested", "escaped-star", "none", "not-closed", "crossed"],
)
def test_emphasis_marks(text: str, marked: str, error: str | None) -> None:
    assert dinh_dang(text) == marked
    why = emphasis_error(text)
    assert (why is None) if error is None else (why is not None and why.startswith(error))


def runs_of(path: Path, fragment: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) of the runs of the paragraph holding ``fragment``."""
    for paragraph in docx.Document(str(path)).paragraphs:
        if fragment in paragraph.text:
            return [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs if r.text]
    raise AssertionError(fragment)


def test_seed_000_italics_are_real_runs(cong_van_2024: Path) -> None:
    runs = runs_of(cong_van_2024, "thi đua tăng tốc")
    italic = [text for text, _, is_italic in runs if is_italic]
    assert italic == ["thi đua tăng tốc", "về đích trước thời hạn"]
    assert "*" not in "".join(text for text, _, _ in runs)
    assert runs[0][0].startswith("- Công chức")


@pytest.fixture(scope="module")
def emphasis_doc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A campaign whose body uses emphasis in a plain paragraph and inside a bold heading."""
    root = tmp_path_factory.mktemp("emphasis")
    folder = campaign_folder(
        root,
        """\
        danh_so: [I, "1", "-"]
        cac_muc:
          - tieu_de: Mục **đậm** và *nghiêng*
            cac_doan:
              - "Chữ *nghiêng*, chữ **đậm**, dấu \\\\* và ký tự & < > giữ nguyên."
        """,
    )
    (path,) = draft(campaign=load_campaign(folder), out=root / "ra").files
    return path


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        pytest.param(
            "Chữ nghiêng",
            [
                ("Chữ ", False, False),
                ("nghiêng", False, True),
                (", chữ ", False, False),
                ("đậm", True, False),
                (", dấu * và ký tự & < > giữ nguyên.", False, False),
            ],
            id="plain-paragraph",
        ),
        pytest.param(
            "I. MỤC",
            [
                ("I. MỤC ", True, False),
                ("ĐẬM", False, False),
                (" VÀ ", True, False),
                ("NGHIÊNG", True, True),
            ],
            id="inside-a-bold-heading-bold-switches-off",
        ),
    ],
)
def test_emphasis_marks_become_runs(
    emphasis_doc: Path, fragment: str, expected: list[tuple[str, bool, bool]]
) -> None:
    assert runs_of(emphasis_doc, fragment) == expected


def test_headings_standing_alone_keep_with_next(emphasis_doc: Path) -> None:
    for paragraph in docx.Document(str(emphasis_doc)).paragraphs:
        if paragraph.text.startswith("I. MỤC"):
            assert paragraph.paragraph_format.keep_with_next is True
            return
    raise AssertionError("no heading")


def test_upgrade_path_prints_the_same_circular(tmp_path: Path, cong_van_2024: Path) -> None:
    """The 2024 spec as written before the body model (fixed parts I–V from muc_tieu, noi_dung,
    tieu_chi…) is still read, and prints the same circular as today's spec."""
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    (tmp_path / "c").mkdir()
    shutil.copy(
        ROOT / "tests" / "data" / "specs" / "chien-dich-2024-cach-cu.yaml",
        tmp_path / "c" / "chien-dich.yaml",
    )
    (path,) = draft(campaign=load_campaign(tmp_path / "c"), out=tmp_path / "ra").files
    assert nonempty_lines(path) == nonempty_lines(cong_van_2024)
    assert len(nonempty_lines(path)) > 70


def test_upgrade_path_of_a_plan_prints_the_same_plan(tmp_path: Path) -> None:
    """A plan written with cac_phan (sections with numbered items) prints as today's spec."""
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    (tmp_path / "c").mkdir()
    shutil.copy(
        ROOT / "tests" / "data" / "specs" / "ke-hoach-2024-cach-cu.yaml",
        tmp_path / "c" / "chien-dich.yaml",
    )
    (old,) = draft(campaign=load_campaign(tmp_path / "c"), out=tmp_path / "cu").files
    (new,) = draft(
        campaign=load_campaign(CAMPAIGNS / "bhxh-2024-ke-hoach-co-quan"), out=tmp_path / "moi"
    ).files
    assert nonempty_lines(old) == nonempty_lines(new)
    assert "III. TỔ CHỨC THỰC HIỆN" in nonempty_lines(old)


# ------------------------------------------------------------------------ bad structure

SPEC = """\
co_quan: ../co-quan/bhxh-viet-nam-2024.yaml
ten: phong trào thử
cong_van:
  ngay: 2024
  trich_yeu: phát động phong trào thử
  kinh_gui: [Các đơn vị trực thuộc]
  ket_luan: Đề nghị các đơn vị thực hiện./.
  nguoi_ky: pho_tong_giam_doc_chu_manh_sinh
"""


def campaign_folder(root: Path, body: str, spec: str = SPEC) -> Path:
    """A campaign folder beside a copy of the agency profiles, with ``body`` under cong_van."""
    if not (root / "co-quan").exists():
        shutil.copytree(CAMPAIGNS / "co-quan", root / "co-quan")
    folder = root / "thu"
    folder.mkdir(exist_ok=True)
    (folder / "chien-dich.yaml").write_text(
        spec + textwrap.indent(textwrap.dedent(body), "  "), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        pytest.param(
            'danh_so: [I, a]\ncac_muc: [{tieu_de: X, cac_muc: ["y"]}]\n',
            9,
            "cong_van › danh_so › mục 2: cấp 2 (a): bỏ qua một cấp: dưới I. là 1. (khoản)",
            id="level-skipped",
        ),
        pytest.param(
            'danh_so: ["1", I]\ncac_muc: [{tieu_de: X}]\n',
            9,
            "cấp 2 (I): I. không đặt dưới 1.: dưới 1. là 1.1. hoặc a)",
            id="levels-out-of-order",
        ),
        pytest.param(
            'danh_so: [I, "-", "1"]\ncac_muc: [{tieu_de: X}]\n',
            9,
            "cong_van › danh_so › mục 3: dưới ý gạch đầu dòng không có cấp đánh số",
            id="number-under-bullet",
        ),
        pytest.param(
            'danh_so: [I, "1.1"]\ncac_muc: [{tieu_de: X}]\n',
            9,
            "cấp 2 (1.1): số thập phân (1.1.) nối tiếp số của cấp trên",
            id="decimal-under-roman",
        ),
        pytest.param(
            'danh_so: [I, "1"]\ncac_muc:\n  - tieu_de: X\n    cac_muc:\n      - noi_dung: y\n'
            "        cac_muc: [z]\n",
            14,
            "cong_van › cac_muc › mục 1 › cac_muc › mục 1 › cac_muc: các mục này ở cấp 3 nhưng "
            "danh_so chỉ khai báo 2 cấp",
            id="deeper-than-declared",
        ),
        pytest.param(
            'danh_so: [I, "1"]\ncac_muc:\n  - tieu_de: X\n    cac_y: [z]\n',
            12,
            'danh_so chưa khai báo cấp gạch đầu dòng ("-") dưới cấp 1',
            id="bullets-not-declared",
        ),
        pytest.param(
            "cac_muc:\n  - tieu_de: X\n    cac_doan:\n      - tại {ref:khong_co} nêu trên\n",
            12,
            "cong_van › cac_muc › mục 1 › cac_doan › mục 1: tham chiếu đến nhãn chưa có: "
            "{ref:khong_co}; các nhãn có: chưa có mục nào có nhãn (nhan)",
            id="unknown-label",
        ),
        pytest.param(
            "cac_muc:\n  - {nhan: a, tieu_de: X}\n  - {nhan: a, tieu_de: Y}\n",
            11,
            "cong_van › cac_muc › mục 2 › nhan: nhãn này đã được dùng cho một mục khác",
            id="label-twice",
        ),
        pytest.param(
            "cac_muc:\n  - tieu_de: X\n    cac_y: [{nhan: y, noi_dung: z}]\n  - tại {ref:y}\n",
            12,
            "không tham chiếu được đến một ý gạch đầu dòng: {ref:y}",
            id="reference-to-a-bullet",
        ),
        pytest.param(
            "cac_muc:\n  - tieu_de: Chữ *nghiêng chưa đóng\n",
            10,
            "dấu * mở phần in nghiêng (*…*) nhưng không có dấu đóng; muốn in dấu * thì viết \\*",
            id="emphasis-not-closed",
        ),
        pytest.param(
            "cac_muc:\n  - quy_tac: cham_dong\n",
            10,
            "cong_van › cac_muc › mục 1 › quy_tac: chiến dịch chưa khai báo quy tắc đánh giá",
            id="rule-without-danh_gia",
        ),
        pytest.param(
            "cac_muc:\n  - {tieu_de: X, cac_muc: [a], cac_y: [b]}\n",
            10,
            "một mục có các mục con (cac_muc) hoặc các ý gạch đầu dòng (cac_y), không cả hai",
            id="children-and-bullets",
        ),
    ],
)
def test_bad_structure_is_one_located_message(
    tmp_path: Path, body: str, line: int, message: str
) -> None:
    folder = campaign_folder(tmp_path, body)
    with pytest.raises(SpecError) as caught:
        load_campaign(folder)
    (problem,) = caught.value.problems
    shown = str(problem)
    assert f"chien-dich.yaml:{line}: " in shown
    assert message in shown


@pytest.mark.parametrize(
    ("item", "column"),
    [("*Lưu ý* quan trọng", 9), ("*thi đua* là chính", 7)],
    ids=["letter-yaml-cannot-read", "undefined-alias"],
)
def test_a_text_starting_with_italic_marks_says_to_quote_it(
    tmp_path: Path, item: str, column: int
) -> None:
    """A value starting with "*" is a YAML alias: the message says to put it in quotes."""
    folder = campaign_folder(tmp_path, f"cac_muc:\n  - {item}\n")
    with pytest.raises(InputError) as caught:
        load_campaign(folder)
    message = str(caught.value)
    assert f"chien-dich.yaml:10:{column}: " in message
    assert message.endswith(
        'chữ bắt đầu bằng dấu * (chữ nghiêng) phải đặt trong dấu nháy, ví dụ "*Lưu ý*: …"'
    )


def test_nesting_hundreds_deep_is_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file nested deeper than the YAML reader can follow: one message, exit code 2."""
    body, indent = "cac_muc:\n", "  "
    for level in range(400):
        body += f"{indent}- noi_dung: mục {level}\n{indent}  cac_muc:\n"
        indent += "    "
    folder = campaign_folder(tmp_path, body + f"{indent}- cuối\n")
    assert main(["draft", str(folder), "--out", str(tmp_path / "ra")]) == 2
    err = capsys.readouterr().err
    assert "chien-dich.yaml: các mục lồng nhau quá sâu" in err
    assert "Traceback" not in err and "nội bộ" not in err


def test_more_levels_than_any_document_is_refused(tmp_path: Path) -> None:
    levels = ", ".join(["1"] + ["1.1"] * 20)
    folder = campaign_folder(tmp_path, f"danh_so: [{levels}]\ncac_muc: [x]\n")
    with pytest.raises(SpecError) as caught:
        load_campaign(folder)
    (problem,) = caught.value.problems
    expected = "cong_van › danh_so: danh_so khai báo 21 cấp; một văn bản có tối đa 20 cấp"
    assert expected in str(problem)


def test_a_reference_in_the_opening_is_checked_too(tmp_path: Path) -> None:
    folder = campaign_folder(
        tmp_path,
        "cac_muc: [{nhan: muc_tieu, tieu_de: Mục tiêu}]\n",
        SPEC.replace("  ket_luan:", "  mo_dau:\n    - Theo {ref:muc_tieux} dưới đây.\n  ket_luan:"),
    )
    with pytest.raises(SpecError) as caught:
        load_campaign(folder)
    (problem,) = caught.value.problems
    assert (
        "cong_van › mo_dau › mục 1: tham chiếu đến nhãn chưa có: {ref:muc_tieux}; các nhãn có: muc_tieu"
        in str(problem)
    )


def test_unused_criterion_is_an_error(tmp_path: Path) -> None:
    """A criterion no field applies would be announced and never checked."""
    shutil.copytree(CAMPAIGNS / "co-quan", tmp_path / "co-quan")
    shutil.copytree(CAMPAIGNS / "bhxh-2024-nuoc-rut", tmp_path / "c")
    spec = tmp_path / "c" / "chien-dich.yaml"
    text = spec.read_text(encoding="utf-8")
    old = "tieu_chi: [cham_dong, hoan_thanh_thu]}"
    assert old in text
    spec.write_text(text.replace(old, "tieu_chi: [cham_dong]}"), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_campaign(tmp_path / "c")
    (problem,) = caught.value.problems
    line = next(
        n for n, row in enumerate(text.splitlines(), start=1) if "- ma: hoan_thanh_thu" in row
    )
    assert str(problem).startswith(
        f"{spec}:{line}: danh_gia › nhom › mục 1 › tieu_chi › mục 2 › ma:"
    )
    assert "tiêu chí này không được lĩnh vực nào áp dụng" in str(problem)


def test_bad_structure_through_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = campaign_folder(tmp_path, 'danh_so: [I, a]\ncac_muc: [{tieu_de: X, cac_muc: ["y"]}]\n')
    code = main(["draft", str(folder), "--out", str(tmp_path / "ra")])
    assert code == 2
    err = capsys.readouterr().err
    assert re.search(
        r"chien-dich\.yaml:9: cong_van › danh_so › mục 2: cấp 2 \(a\): bỏ qua một cấp", err
    )
    assert "Traceback" not in err
    assert not (tmp_path / "ra").exists()
