"""PyYAML's own problems reach the clerk in Vietnamese, located at line and column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thidua_docs.errors import InputError
from thidua_docs.inputs.yamlfile import load_data

ENGLISH = re.compile(r"\b(expected|found|but|got|stream|block|token|node|scalar|while)\b")

CASES = [
    ("ngoac-vuong-thieu", "a: [1, 2\n", "2:1", "cần dấu ',' hoặc dấu ']' nhưng gặp cuối tệp"),
    ("ngoac-nhon-thieu", "a: {b: 1\n", "2:1", "cần dấu ',' hoặc dấu '}' nhưng gặp cuối tệp"),
    ("thut-le-lech", "- a\nb: c\n", "2:1", "cần chỗ thụt lề lùi lại nhưng gặp dấu '?'"),
    ("chu-sau-nhay", 'a: "b" c\n', "1:8", "cần chỗ thụt lề lùi lại nhưng gặp một giá trị"),
    ("ky-tu-dau", "a: @x\n", "1:4", "ký tự '@' không được đứng đầu một giá trị"),
    ("hai-phan", "---\na: 1\n---\nb: 2\n", "3:1", "tệp chỉ được có một phần"),
    ("hai-cham-sai-cho", "a: b c: d\n", "1:7", "dấu ':' đặt sai chỗ"),
    ("nhay-chua-dong", 'a: "x\n', "2:1", "tệp kết thúc giữa chừng"),
    ("bi-danh-chua-co", "a: *y\n", "1:4", "dùng bí danh (*) chưa được định nghĩa"),
    ("tab", "a:\n\t- b\n", "2:1", "có ký tự Tab"),
]


@pytest.mark.parametrize(
    ("text", "place", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_yaml_problem_in_vietnamese(tmp_path: Path, text: str, place: str, expected: str) -> None:
    path = tmp_path / "du-lieu.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_data(path)
    message = caught.value.message
    assert message.startswith(f"{path}:{place}: ")
    assert expected in message
    assert not ENGLISH.search(message), message


PARITY = """\
co_quan: ../co-quan/a.yaml
mac_dinh: &md {muc: 130000, ghi_chu: "a: b"}
de_nghi:
  - <<: *md
    muc: 200000
    ngay: 2024-11-11
    sai_ngay: 2024-02-30
    ten: Nguyễn Văn An
    ten: Nguyễn Văn Ân
  - [1, 2.5, true, null, ~, "09"]
  - |
    Dòng một
    dòng hai
"""


def test_libyaml_and_pyyaml_read_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml (when PyYAML has it) and PyYAML's own parser give the same values, the same line of
    every value and the same problems: which one a machine has changes nothing the clerk sees."""
    from thidua_docs.inputs import yamlfile

    path = tmp_path / "khen-thuong.yaml"
    path.write_text(PARITY, encoding="utf-8")
    fast = yamlfile.load_yaml_collecting(path)
    monkeypatch.setattr(yamlfile, "_FAST_LOADER", None)
    pure = yamlfile.load_yaml_collecting(path)
    assert fast[0] == pure[0]
    assert fast[1]._lines == pure[1]._lines
    assert [(p.line, p.path, p.message) for p in fast[2]] == [
        (p.line, p.path, p.message) for p in pure[2]
    ]
    assert len(pure[2]) == 2  # the impossible date and the key written twice
