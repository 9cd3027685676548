"""Templates are edited by office staff: known Jinja sandbox escapes are refused, with no side effect."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from thidua_docs.errors import TemplateError
from thidua_docs.render.engine import PreparedTemplate

MARKER = "/tmp/thidua-sandbox-pwned"

# (payload, fragment of the Vietnamese message)
PAYLOADS = [
    (
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "truy cập thuộc tính '__class__' của đối tượng 'str'",
    ),
    (
        "{{ ().__class__.__bases__[0].__subclasses__() }}",
        "truy cập thuộc tính '__class__' của đối tượng 'tuple'",
    ),
    (
        "{{ cycler.__init__.__globals__.os.system('touch " + MARKER + "') }}",
        "biến 'cycler' không có trong dữ liệu",
    ),
    (
        "{{ joiner.__init__.__globals__.os.popen('id').read() }}",
        "biến 'joiner' không có trong dữ liệu",
    ),
    (
        "{{ lipsum.__globals__['os'].system('touch " + MARKER + "') }}",
        "biến 'lipsum' không có trong dữ liệu",
    ),
    ("{{ namespace.__init__.__globals__ }}", "truy cập thuộc tính '__init__'"),
    ("{{ self.__init__.__globals__.__builtins__ }}", "truy cập thuộc tính '__init__'"),
    ("{{ self._TemplateReference__context }}", "truy cập thuộc tính '_TemplateReference__context'"),
    ("{{ config.items() }}", "biến 'config' không có trong dữ liệu"),
    ("{{ request.application.__globals__ }}", "biến 'request' không có trong dữ liệu"),
    ("{{ '{0.__class__.__mro__}'.format(ten) }}", "mẫu dùng một thao tác bị cấm vì lý do an toàn"),
    ("{{ ten|attr('__class__') }}", "truy cập thuộc tính '__class__' của đối tượng 'str'"),
    (
        "{% for x in ds %}{{ loop.__class__.__init__.__globals__ }}{% endfor %}",
        "truy cập thuộc tính '__class__'",
    ),
    ("{{ ds.append(1) }}", "truy cập thuộc tính 'append' của đối tượng 'list'"),
    ("{{ range.__self__ }}", "dữ liệu không có mục '__self__'"),
    ("{{ so.__globals__ }}", "biến 'so' không có trong dữ liệu"),
    ("{% for i in range(10**9) %}{% endfor %}", "vòng lặp quá dài"),
    ("{{ dict.mro() }}", "mẫu dùng một thao tác bị cấm vì lý do an toàn"),
]


@pytest.mark.parametrize(("payload", "fragment"), PAYLOADS, ids=[p[0][:45] for p in PAYLOADS])
def test_sandbox_escape_is_refused(tmp_path: Path, payload: str, fragment: str) -> None:
    document = docx.Document()
    document.add_paragraph("Mở đầu")
    document.add_paragraph(payload)
    document.save(str(tmp_path / "mau.docx"))
    Path(MARKER).unlink(missing_ok=True)
    with pytest.raises(TemplateError) as caught:
        PreparedTemplate(tmp_path / "mau.docx").render({"ten": "Đội Thu & Sổ", "ds": [1, 2]})
    assert "phần thân, đoạn 2" in caught.value.message
    assert fragment in caught.value.message
    assert not Path(MARKER).exists()


def test_there_are_at_least_ten_payloads() -> None:
    assert len(PAYLOADS) >= 10
