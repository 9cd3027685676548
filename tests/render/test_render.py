"""The renderer: hostile values come out intact, template mistakes are located, writes are safe."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from thidua_docs.errors import OutputError, TemplateError
from thidua_docs.files import write_atomic
from thidua_docs.render.engine import PreparedTemplate, render_file

from ..helpers import body_paragraphs


def make_template(path: Path, *paragraphs: str, header: str | None = None) -> Path:
    """A .docx whose body holds ``paragraphs`` (one run each), optionally a header paragraph."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    document.save(str(path))
    return path


HOSTILE = [
    ("Phòng Thu & Sổ, Thẻ <b>", "ampersand and a tag"),
    ("Đội Thu & Sổ <1>", "issue 3 name"),
    ("Ông \"Nguyễn\" Văn A, 'B' & C", "straight quotes"),
    ("“thi đua tăng tốc” – ‘về đích’", "curly quotes and dash"),
    ("Khen thưởng 🎉🏅 ★", "emoji and symbols"),
    ("</w:t></w:r></w:p><w:p><w:r><w:t>chèn", "XML injection attempt"),
    ("{{ 7*7 }} {% if true %}x{% endif %}", "Jinja tags in a value are not evaluated"),
    ("&amp; &lt; &#x41;", "entities stay literal"),
    ("Tập thể " * 625, "5,000-character text"),
]


@pytest.mark.parametrize("value", [h[0] for h in HOSTILE], ids=[h[1] for h in HOSTILE])
def test_hostile_values_come_out_intact(tmp_path: Path, value: str) -> None:
    template = make_template(
        tmp_path / "mau.docx", "Tên: {{ ten }}", "{%p for x in ds %}", "{{ x }}", "{%p endfor %}"
    )
    out = render_file(template, {"ten": value, "ds": [value, value]}, tmp_path / "ra.docx")
    assert body_paragraphs(out) == [f"Tên: {value}", value, value]


def test_values_in_headers_are_rendered_and_escaped(tmp_path: Path) -> None:
    template = make_template(tmp_path / "mau.docx", "Thân", header="Đầu trang {{ ten }}")
    out = render_file(template, {"ten": "A & B <c>"}, tmp_path / "ra.docx")
    assert docx.Document(str(out)).sections[0].header.paragraphs[0].text == "Đầu trang A & B <c>"


def test_line_breaks_in_values_become_word_line_breaks(tmp_path: Path) -> None:
    template = make_template(tmp_path / "mau.docx", "{{ ten }}")
    out = render_file(template, {"ten": "dòng 1\ndòng 2\r\ndòng 3"}, tmp_path / "ra.docx")
    assert body_paragraphs(out) == ["dòng 1\ndòng 2\ndòng 3"]


def test_numbers_and_dates_through_filters(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "mau.docx",
        "{{ tien|tien }} ({{ tien|bang_chu }})",
        "{{ ti_le }}% — {{ ti_le|so }}",
        "Hà Nội, {{ ngay|ngay }}; {{ du_thao|ngay }}",
        "{{ muc|la_ma }}. {{ diem|chu_cai }}) {{ 1005|doc_so }}",
    )
    context = {
        "tien": 130000,
        "ti_le": 96.6,
        "ngay": dt.date(2024, 1, 9),
        "du_thao": 2024,
        "muc": 4,
        "diem": 5,
    }
    out = render_file(template, context, tmp_path / "ra.docx")
    assert body_paragraphs(out) == [
        "130.000 đồng (Một trăm ba mươi nghìn đồng)",
        "96,6% — 96,6",  # a decimal printed without a filter still takes the Vietnamese comma
        "Hà Nội, ngày 09 tháng 01 năm 2024; ngày      tháng     năm 2024",
        "IV. đ) một nghìn không trăm linh năm",
    ]


def test_decimal_values_print_vietnamese_style(tmp_path: Path) -> None:
    template = make_template(tmp_path / "mau.docx", "{{ a }} {{ b }} {{ c }}")
    out = render_file(template, {"a": Decimal("19.365"), "b": 42, "c": 2024}, tmp_path / "ra.docx")
    assert body_paragraphs(out) == ["19,365 42 2024"]  # integers (years, numbers) untouched


LOCATED = [
    (
        ("Mở đầu", "Xin chào {{ ten }}", "Cuối {{ chua_co }}"),
        {"ten": "A"},
        "phần thân, đoạn 3 \"Cuối {{ chua_co }}\": biến 'chua_co' không có trong dữ liệu",
    ),
    (
        ("Mở đầu", "{{ chien_dic.ten }}"),
        {"chien_dich": {"ten": "A"}},
        "phần thân, đoạn 2 \"{{ chien_dic.ten }}\": biến 'chien_dic' không có trong dữ liệu; có phải ý là 'chien_dich'?",
    ),
    (
        ("{%p for x in ds %}", "- {{ x.ten|so }}", "{%p endfor %}"),
        {"ds": [{"ten": 1}, {}]},
        "phần thân, đoạn 2 \"- {{ x.ten|so }}\": dữ liệu không có mục 'ten'",
    ),
    (
        ("A", "{{ tien|bang_chu }}"),
        {"tien": 702000.0000000001},
        "phần thân, đoạn 2 \"{{ tien|bang_chu }}\": bộ lọc 'bang_chu': số tiền phải là số nguyên đồng",
    ),
    (
        ("A", "B", "Người nhận: {{ ten }}"),
        {"ten": None},
        'phần thân, đoạn 3 "Người nhận: {{ ten }}": giá trị rỗng (None)',
    ),
    (
        ("{{ ten }}",),
        {"ten": "a\x01b"},
        'phần thân, đoạn 1 "{{ ten }}": giá trị chứa ký tự điều khiển không hợp lệ (mã 0x01)',
    ),
    (
        ("A", "{{ ''.__class__.__mro__ }}"),
        {},
        "phần thân, đoạn 2 \"{{ ''.__class__.__mro__ }}\": mẫu dùng một thao tác bị cấm vì lý do an toàn",
    ),
]


@pytest.mark.parametrize(
    ("paragraphs", "context", "expected"),
    LOCATED,
    ids=[
        "undefined",
        "misspelt variable",
        "missing key in loop",
        "float money",
        "None value",
        "control character",
        "sandbox",
    ],
)
def test_runtime_errors_name_the_paragraph(
    tmp_path: Path, paragraphs: tuple[str, ...], context: dict[str, object], expected: str
) -> None:
    template = make_template(tmp_path / "mau.docx", *paragraphs)
    with pytest.raises(TemplateError) as caught:
        render_file(template, context, tmp_path / "ra.docx")
    assert caught.value.message.startswith(f"Lỗi mẫu {template}, {expected}")
    assert not (tmp_path / "ra.docx").exists()


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (("A", "Xin {{ ten }"), 'phần thân, đoạn 2 "Xin {{ ten }": lỗi cú pháp trong thẻ Jinja'),
        (
            ("A", "B", "{{ x|so_tien }}"),
            "phần thân, đoạn 3 \"{{ x|so_tien }}\": không có bộ lọc 'so_tien'; có phải ý là 'tien'?",
        ),
        (
            ("{%p for x in ds %}", "{{ x }}"),
            "khối 'for' mở mà không đóng: thiếu thẻ {%p endfor %} (hoặc {% endfor %})",
        ),
        (
            ("A", "{%p endif %}"),
            'phần thân, đoạn 2 "{%p endif %}": thẻ không hợp lệ hoặc không có thẻ mở tương ứng',
        ),
    ],
    ids=["unclosed expression", "unknown filter", "unclosed loop", "stray endif"],
)
def test_syntax_errors_name_the_paragraph(
    tmp_path: Path, paragraphs: tuple[str, ...], expected: str
) -> None:
    template = make_template(tmp_path / "mau.docx", *paragraphs)
    with pytest.raises(TemplateError) as caught:
        PreparedTemplate(template)
    assert expected in caught.value.message
    assert str(template) in caught.value.message


def test_error_in_header_names_the_header(tmp_path: Path) -> None:
    template = make_template(tmp_path / "mau.docx", "Thân", header="Trang {{ so_trang }}")
    with pytest.raises(TemplateError, match=r"đầu trang, đoạn 1 \"Trang \{\{ so_trang \}\}\""):
        render_file(template, {}, tmp_path / "ra.docx")


def test_tag_split_across_runs_by_word_still_works(tmp_path: Path) -> None:
    """Word often stores "{{ ten }}" as several runs; docxtpl's clean-up joins them."""
    document = docx.Document()
    paragraph = document.add_paragraph("Tên: ")
    for piece in ("{{ ", "te", "n }}"):
        paragraph.add_run(piece).bold = piece == "te"
    document.save(str(tmp_path / "mau.docx"))
    out = render_file(tmp_path / "mau.docx", {"ten": "A & B"}, tmp_path / "ra.docx")
    assert body_paragraphs(out) == ["Tên: A & B"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"khong phai docx", "không phải tệp Word .docx hợp lệ"), (None, "không tìm thấy tệp mẫu")],
    ids=["not a zip", "missing"],
)
def test_bad_template_files(tmp_path: Path, content: bytes | None, expected: str) -> None:
    path = tmp_path / "mau.docx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(TemplateError, match=expected):
        PreparedTemplate(path)


def test_a_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "mau.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("a.txt", "x")
    with pytest.raises(TemplateError, match=r"thiếu word/document\.xml"):
        PreparedTemplate(path)


def test_existing_output_is_never_overwritten_without_force(tmp_path: Path) -> None:
    template = make_template(tmp_path / "mau.docx", "{{ ten }}")
    out = tmp_path / "ra.docx"
    out.write_bytes(b"ban da sua tay")
    with pytest.raises(OutputError, match=r"đã có; không ghi đè.*--force"):
        render_file(template, {"ten": "A"}, out)
    assert out.read_bytes() == b"ban da sua tay"
    render_file(template, {"ten": "A"}, out, force=True)
    assert body_paragraphs(out) == ["A"]


def test_failed_render_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    template = make_template(tmp_path / "mau.docx", "{{ ten }}")
    out = tmp_path / "ra.docx"
    out.write_bytes(b"ban cu")
    with pytest.raises(TemplateError):
        render_file(template, {}, out, force=True)
    assert out.read_bytes() == b"ban cu"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mau.docx", "ra.docx"]


def test_atomic_write_leaves_no_temporary_on_failure(tmp_path: Path) -> None:
    """A write that fails half-way (here: data that cannot be written) removes its temporary file."""
    target = tmp_path / "ra.docx"
    with pytest.raises(TypeError):
        write_atomic(target, object(), force=False)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    template = PreparedTemplate(
        make_template(tmp_path / "mau.docx", "{{ ten }}", header="{{ ten }}")
    )
    assert template.render({"ten": "Đội Thu & Sổ"}) == template.render({"ten": "Đội Thu & Sổ"})


def test_parts_without_tags_are_copied_byte_for_byte(tmp_path: Path) -> None:
    """…except the template's thumbnail, which shows the template: it is left out, with its
    relationship and its content type."""
    from thidua_docs.render.properties import THUMBNAIL_PART, without_thumbnail

    path = make_template(tmp_path / "mau.docx", "{{ ten }}")
    rendered = PreparedTemplate(path).render({"ten": "A"})
    import io

    with zipfile.ZipFile(path) as original, zipfile.ZipFile(io.BytesIO(rendered)) as new:
        assert THUMBNAIL_PART in original.namelist()  # python-docx's default template has one
        assert [n for n in original.namelist() if n != THUMBNAIL_PART] == new.namelist()
        assert b"thumbnail" not in new.read("_rels/.rels")
        assert b"thumbnail" not in new.read("[Content_Types].xml")
        for name in new.namelist():
            if name != "word/document.xml":
                assert without_thumbnail(name, original.read(name)) == new.read(name), name


def test_documents_carry_their_own_properties(tmp_path: Path) -> None:
    """Title, agency and date of the document, not the template's (nor a library's)."""
    import datetime as dt
    import io

    import docx

    from thidua_docs.documents.registry import DocumentProperties

    path = make_template(tmp_path / "mau.docx", "{{ ten }}")
    properties = DocumentProperties(
        "Quyết định khen thưởng: Về việc tặng Bằng khen & <kèm>",
        "Quyết định khen thưởng",
        "BẢO HIỂM XÃ HỘI VIỆT NAM",
        dt.date(2025, 1, 15),
    )
    rendered = PreparedTemplate(path).render({"ten": "A"}, properties)
    core = docx.Document(io.BytesIO(rendered)).core_properties
    assert core.title == "Quyết định khen thưởng: Về việc tặng Bằng khen & <kèm>"
    assert (core.subject, core.author, core.language) == (
        "Quyết định khen thưởng",
        "BẢO HIỂM XÃ HỘI VIỆT NAM",
        "vi-VN",
    )
    assert core.created == dt.datetime(2025, 1, 15, tzinfo=dt.UTC) and core.comments == ""
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        app = package.read("docProps/app.xml").decode("utf-8")
    assert "<Application>thidua-docs</Application>" in app and "Microsoft" not in app
    draft = PreparedTemplate(path).render(
        {"ten": "A"}, DocumentProperties("Kế hoạch", "Kế hoạch", "BHXH", None)
    )
    assert docx.Document(io.BytesIO(draft)).core_properties.created is None  # a draft: no date


def test_a_tag_pair_that_cuts_through_a_table_is_reported_not_written(tmp_path: Path) -> None:
    """{% if %} in a table cell closed after the table: the result would be broken XML."""
    document = docx.Document()
    document.add_paragraph("Trước bảng")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Ô {% if hien %}nội dung"
    document.add_paragraph("sau bảng{% endif %} hết")
    document.save(str(tmp_path / "mau.docx"))
    with pytest.raises(TemplateError) as caught:
        render_file(tmp_path / "mau.docx", {"hien": False}, tmp_path / "ra.docx")
    assert "mẫu tạo ra XML hỏng" in caught.value.message
    assert "phần thân, đoạn" in caught.value.message
    assert not (tmp_path / "ra.docx").exists()
