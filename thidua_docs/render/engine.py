"""Rendering .docx templates safely: sandboxed Jinja, autoescaped, strict, located errors, atomic writes.

A template is prepared once (``PreparedTemplate``): each XML part that can hold tags (body,
headers, footers, foot- and endnotes) is cleaned by docxtpl's ``patch_xml`` (which repairs tags
that Word split across runs and handles ``{%p %}``/``{%tr %}``…) and compiled once. Rendering a
context then only runs the compiled templates and re-zips the package; every part without tags is
copied byte for byte. Zip entries carry a fixed timestamp, so the same input gives the same bytes.

Before compiling, a Jinja comment carrying the paragraph number (``{#¶12#}``) is put in front of
every paragraph, each on its own line, so any Jinja error — syntax or runtime — can be traced
back to "đoạn 12" of the template and shown with an excerpt of that paragraph's text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import io
import re
import traceback
import types
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
)
from jinja2.visitor import NodeTransformer
from lxml import etree
from markupsafe import Markup

from thidua_docs.errors import TemplateError, ThiduaError
from thidua_docs.files import check_writable, write_atomic
from thidua_docs.formatting import FILTERS, so
from thidua_docs.ooxml.package import Part, assemble
from thidua_docs.ooxml.reader import Package, PackageError
from thidua_docs.ooxml.validity import ensure_valid
from thidua_docs.render import budget
from thidua_docs.render.inline import split_emphasis
from thidua_docs.render.properties import (
    APP_PART,
    CORE_PART,
    THUMBNAIL_PART,
    DocumentProperties,
    app_xml,
    core_xml,
    without_thumbnail,
)

#: Parts of a .docx package that may hold template tags.
TEMPLATED_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_PART_NAMES = {
    "document": "phần thân",
    "header": "đầu trang",
    "footer": "chân trang",
    "footnotes": "chú thích cuối trang",
    "endnotes": "chú thích cuối văn bản",
}
_PARAGRAPH_START = re.compile(r"<w:p[ >]")
_MARKER = re.compile(r"^¶(\d+)#\}")
# Characters XML 1.0 forbids; \t \n \r are allowed, \a and \f are docxtpl's paragraph/page breaks.
#: A text run holding what docxtpl's ``resolve_listing`` turns into Word markup (tab, line break,
#: new paragraph, page break); without one, that pass changes nothing and is skipped.
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
_ILLEGAL_XML = re.compile("[\x00-\x06\x08\x0b\x0e-\x1f\ufffe\uffff]")


def _finalize(value: Any) -> Any:
    """Applied to every ``{{ … }}`` output: refuse what would corrupt or silently mislead."""
    if value is None:
        raise ThiduaError("giá trị rỗng (None): dữ liệu thiếu nội dung cho biến này")
    if isinstance(value, float | Decimal) and not isinstance(value, bool):
        return so(value)  # a decimal number is never printed with an English "."
    if isinstance(value, str):
        spending = budget.active()
        if spending is not None:
            spending.output(len(value))
        bad = _ILLEGAL_XML.search(value)
        if bad:
            raise ThiduaError(
                f"giá trị chứa ký tự điều khiển không hợp lệ (mã {ord(bad.group()):#04x})"
            )
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _strict_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter applied to a missing variable reports the missing variable, not a type error."""

    @functools.wraps(func)
    def checked(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, jinja2.Undefined):
            value._fail_with_undefined_error()
        return func(value, *args, **kwargs)

    return checked


class _BudgetFormatter(budget.SpecChecked, SandboxedFormatter):
    pass


class _BudgetEscapeFormatter(budget.SpecChecked, SandboxedEscapeFormatter):
    pass


def _literal_chars(body: list[nodes.Node]) -> int:
    """Characters of literal text a loop's body writes on each iteration (nested loops count
    their own)."""
    total = 0
    stack: list[nodes.Node] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.TemplateData):
            total += len(node.data)
        elif isinstance(node, nodes.Const) and isinstance(node.value, str):
            total += len(node.value)
        elif isinstance(node, nodes.For):
            stack.extend(node.else_)
        else:
            stack.extend(node.iter_child_nodes())
    return total


class _Budgeted(NodeTransformer):
    """Routes what the sandbox has no hook for through the environment's budget methods: the
    iterable of every ``{% for %}`` (counted per iteration) and every ``~`` (size checked)."""

    def __init__(self, environment: jinja2.Environment) -> None:
        self.environment = environment

    def _call(self, method: str, args: list[Any], lineno: int) -> nodes.Call:
        call = nodes.Call(nodes.EnvironmentAttribute(method), args, [], None, None, lineno=lineno)
        call.set_environment(self.environment)
        return call

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        chars = nodes.Const(_literal_chars(node.body), lineno=node.iter.lineno)
        node.iter = self._call("budget_loop", [node.iter, chars], node.iter.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return self._call("budget_text", [node], node.lineno)


class _StrictSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, reporting a missing variable as missing before any attribute looked up on it
    ("cycler.__init__" with no cycler says "'cycler' không có", not "'__init__' is unsafe"), and
    spending the budget of the rendering under way (``render.budget``) from its hooks."""

    intercepted_binops = budget.INTERCEPTED_BINOPS

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, jinja2.Undefined):
            obj._fail_with_undefined_error()
        budget.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, jinja2.Undefined):
            obj._fail_with_undefined_error()
        budget.tick()
        return super().getitem(obj, argument)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget.tick()
        if isinstance(__obj, LoopContext) and args:  # loop(children) of a recursive loop
            args = (budget.loop(args[0], 0), *args[1:])
        elif isinstance(__obj, types.BuiltinMethodType | types.MethodType) and isinstance(
            getattr(__obj, "__self__", None), str
        ):
            args = budget.check_str_method(__obj, args, kwargs)
            result = super().call(__context, __obj, *args, **kwargs)
            return budget.check_value(result, f"phương thức '{__obj.__name__}'")
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        return budget.binop(operator, left, right, self.binop_table)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's own, with formatters that check each field's width before formatting it."""
        if not isinstance(value, types.MethodType | types.BuiltinMethodType) or (
            value.__name__ not in ("format", "format_map")
        ):
            return None
        text = value.__self__
        if not isinstance(text, str):
            return None
        formatter: SandboxedFormatter = (
            _BudgetEscapeFormatter(self, escape=text.escape)
            if isinstance(text, Markup)
            else _BudgetFormatter(self)
        )
        is_format_map = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs:
                    raise TypeError("format_map() takes no keyword arguments")
                if len(args) != 1:
                    raise TypeError(f"format_map() takes exactly one argument ({len(args)} given)")
                kwargs = args[0]
                args = ()
            result = type(text)(formatter.vformat(text, args, kwargs))
            return str(budget.check_value(result, "phương thức 'format'"))

        return functools.update_wrapper(wrapper, value)

    def budget_loop(self, iterable: Any, chars: int) -> Any:
        return budget.loop(iterable, chars)

    def budget_text(self, value: Any) -> Any:
        return budget.check_value(value, "phép '~'")

    def _generate(
        self,
        source: nodes.Template,
        name: str | None,
        filename: str | None,
        defer_init: bool = False,
    ) -> str:
        _Budgeted(self).visit(source)
        return super()._generate(source, name, filename, defer_init=defer_init)


def make_environment() -> jinja2.Environment:
    """The Jinja environment for office-edited templates: sandboxed, autoescaped, strict, and
    under the budget of ``render.budget`` (every filter's result size and the deadline)."""
    env = _StrictSandbox(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters.update({name: _strict_filter(func) for name, func in FILTERS.items()})
    env.filters.update(
        {name: budget.budgeted_filter(name, func) for name, func in env.filters.items()}
    )
    for name in ("lipsum", "cycler", "joiner"):  # no use in official documents; less to attack
        env.globals.pop(name, None)
    return env


_ENV = make_environment()


def part_label(name: str) -> str:
    stem = re.sub(r"\d+$", "", Path(name).stem)
    return _PART_NAMES.get(stem, name)


def _strip_tags(xml: str) -> str:
    text = re.sub(r"<w:tab/>", "\t", xml)
    text = re.sub(r"<[^>]+>", "", text)
    for entity, char in (
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", '"'),
        ("&apos;", "'"),
        ("&amp;", "&"),
    ):
        text = text.replace(entity, char)
    return text


def excerpt(text: str, limit: int = 70) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class _Part:
    name: str
    template: jinja2.Template
    source_lines: list[str]
    paragraphs: dict[int, str]  # paragraph number → its text in the original template
    has_tc_tags: bool

    def place(self, lineno: int | None) -> str:
        """'phần thân, đoạn 12 "…excerpt…"' for a line of the compiled source."""
        label = part_label(self.name)
        if not lineno:
            return label
        for index in range(min(lineno, len(self.source_lines)) - 1, -1, -1):
            match = _MARKER.match(self.source_lines[index])
            if match:
                number = int(match.group(1))
                return f'{label}, đoạn {number} "{excerpt(self.paragraphs.get(number, ""))}"'
        return label


def mark_paragraphs(xml: str) -> tuple[str, dict[int, str]]:
    """Put ``\\n{#¶N#}\\n`` before every paragraph and collect each paragraph's text."""
    out = []
    texts: dict[int, str] = {}
    last = 0
    for number, match in enumerate(_PARAGRAPH_START.finditer(xml), start=1):
        start = match.start()
        out.append(xml[last:start])
        out.append(f"\n{{#\n¶{number}#}}\n")
        end = xml.find("</w:p>", start)
        texts[number] = _strip_tags(xml[start : end if end != -1 else len(xml)])
        last = start
    out.append(xml[last:])
    return "".join(out), texts


def translate_syntax(err: jinja2.TemplateSyntaxError) -> str:
    message = err.message or ""
    missing_filter = re.match(r"No filter named '([^']+)'", message)
    if missing_filter:
        name = missing_filter.group(1)
        guess = difflib.get_close_matches(name, list(_ENV.filters), n=1)
        hint = f"; có phải ý là '{guess[0]}'?" if guess else ""
        return f"không có bộ lọc '{name}'{hint} (bộ lọc tiếng Việt: {', '.join(FILTERS)})"
    if "unexpected end of template" in message.lower():
        block = re.search(r"block that needs to be closed is '(\w+)'", message)
        if block:
            return (
                f"khối '{block.group(1)}' mở mà không đóng: thiếu thẻ "
                f"{{%p end{block.group(1)} %}} (hoặc {{% end{block.group(1)} %}})"
            )
        return "thiếu thẻ đóng, ví dụ {% endfor %} hoặc {% endif %}"
    if message.startswith("Encountered unknown tag"):
        return f"thẻ không hợp lệ hoặc không có thẻ mở tương ứng ({message})"
    return f"lỗi cú pháp trong thẻ Jinja ({message})"


_UNSAFE_ATTR = re.compile(r"^access to attribute '([^']+)' of '([^']+)' object is unsafe")
_UNDEFINED_NAME = re.compile(r"^'([^']+)' is undefined$")
_UNDEFINED_ATTR = re.compile(r"^'(.+)' has no attribute '([^']+)'$")


def _translate_runtime(err: Exception, context: Mapping[str, Any]) -> str:
    if isinstance(err, jinja2.UndefinedError):
        message = str(err.message or err)
        name = _UNDEFINED_NAME.match(message)
        if name:
            guess = difflib.get_close_matches(name.group(1), list(context), n=1)
            hint = f"; có phải ý là '{guess[0]}'?" if guess else ""
            return f"biến '{name.group(1)}' không có trong dữ liệu{hint}"
        attr = _UNDEFINED_ATTR.match(message)
        if attr:
            owner = attr.group(1)
            inside = "" if owner in ("dict object", "list object") else f" (trong {owner})"
            return f"dữ liệu không có mục '{attr.group(2)}'{inside}"
        return f"biến không có trong dữ liệu ({message})"
    if isinstance(err, SecurityError):
        unsafe = _UNSAFE_ATTR.match(str(err))
        if unsafe:
            return (
                f"mẫu dùng một thao tác bị cấm vì lý do an toàn: truy cập thuộc tính "
                f"'{unsafe.group(1)}' của đối tượng '{unsafe.group(2)}'"
            )
        return f"mẫu dùng một thao tác bị cấm vì lý do an toàn ({err})"
    if isinstance(err, OverflowError):
        if "range" not in str(err).lower():
            return "phép tính cho kết quả quá lớn, bị chặn vì lý do an toàn"
        return "mẫu dùng một vòng lặp quá dài (range quá lớn), bị chặn vì lý do an toàn"
    if isinstance(err, ThiduaError):
        return err.message
    if isinstance(err, jinja2.TemplateError):
        return f"lỗi khi điền mẫu ({err})"
    return f"lỗi khi điền mẫu: {type(err).__name__}: {err}"


def _template_lineno(err: BaseException) -> int | None:
    """Line of the compiled template where a runtime error happened (Jinja rewrites frames)."""
    lineno = getattr(err, "lineno", None)
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename == "<template>":
            lineno = frame.lineno
    return lineno


def template_read_error(path: Path, err: PackageError) -> TemplateError:
    """A template that cannot be read as a package, in the words of template errors."""
    if err.reason == "missing":
        return TemplateError(path, "", "không tìm thấy tệp mẫu")
    if err.reason == "bad-xml" and err.part is not None:
        place = part_label(err.part) if TEMPLATED_PART.match(err.part) else err.part
        return TemplateError(path, place, "phần XML của tệp bị hỏng")
    return TemplateError(path, "", "không phải tệp Word .docx hợp lệ")


class PreparedTemplate:
    """A .docx template read, cleaned and compiled once; render it as many times as needed."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            entries = Package(self.path).entries()
        except PackageError as err:
            raise template_read_error(self.path, err) from err
        # The template's thumbnail shows the template, never the document: it is not copied.
        self._entries = [
            (info, without_thumbnail(info.filename, data))
            for info, data in entries
            if info.filename != THUMBNAIL_PART
        ]
        names = {info.filename for info, _ in self._entries}
        if "word/document.xml" not in names:
            raise TemplateError(
                self.path, "", "không phải tệp Word .docx (thiếu word/document.xml)"
            )
        patcher = DocxTemplate(self.path)  # only its XML clean-up methods are used
        self._patcher = patcher
        self._parts: dict[str, _Part] = {}
        for info, data in self._entries:
            if TEMPLATED_PART.match(info.filename):
                self._parts[info.filename] = self._compile(info.filename, data, patcher)
        # Parts without tags are compressed once here and copied into every rendered package.
        self._packaged = [
            (info.filename, None if info.filename in self._parts else Part.of(info.filename, data))
            for info, data in self._entries
        ]

    def _compile(self, name: str, data: bytes, patcher: DocxTemplate) -> _Part:
        try:
            xml = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise TemplateError(
                self.path, part_label(name), "phần XML không ở bảng mã UTF-8"
            ) from err
        marked, paragraphs = mark_paragraphs(xml)
        source = patcher.patch_xml(marked)
        lines = source.split("\n")
        try:
            template = _ENV.from_string(source)
        except jinja2.TemplateSyntaxError as err:
            part = _Part(name, _ENV.from_string(""), lines, paragraphs, False)
            raise TemplateError(self.path, part.place(err.lineno), translate_syntax(err)) from err
        return _Part(name, template, lines, paragraphs, "{%tc" in xml or "{% tc" in source)

    def _render_part(
        self, part: _Part, context: Mapping[str, Any], spending: budget.Budget
    ) -> bytes:
        spending.start_part(part_label(part.name))
        try:
            xml = part.template.render(context)
        except Exception as err:  # every failure inside a template is the template's or data's
            raise TemplateError(
                self.path, part.place(_template_lineno(err)), _translate_runtime(err, context)
            ) from err
        xml = (
            xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
        if _LISTING.search(xml):  # docxtpl's pass is slow on long lists; only text needs it
            xml = self._patcher.resolve_listing(xml)
        xml = xml.replace("\n", "")  # our paragraph markers' line breaks; values' are now <w:br/>
        try:
            tree = etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as err:
            offset = _offset_of(xml, err)
            paragraph = len(_PARAGRAPH_START.findall(xml[:offset]))
            raise TemplateError(
                self.path,
                f"{part_label(part.name)}, đoạn {paragraph} của văn bản kết quả",
                "mẫu tạo ra XML hỏng (thường do thẻ Jinja đặt cắt ngang định dạng trong Word)",
            ) from err
        if SUBJECT_LINE_STYLE in xml:  # only a document with a subject line has one to fit
            fit_subject_lines(tree)
        split_emphasis(tree, xml)  # the runs of ``dinh_dang``'s *nghiêng* and **đậm**
        if part.has_tc_tags:
            tree = self._patcher.fix_tables(etree.tostring(tree, encoding="unicode"))
        data = bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True))
        try:
            spending.part_done(part_label(part.name), len(data))
        except budget.LimitError as err:
            raise TemplateError(self.path, part_label(part.name), err.message) from err
        return data

    def render(
        self, context: Mapping[str, Any], properties: DocumentProperties | None = None
    ) -> bytes:
        """Render ``context`` into the bytes of a new .docx package.

        Only the parts holding tags are rendered and compressed; every other part is copied as
        compressed once, when the template was prepared. The rendering runs under a fresh
        ``budget.Budget``: loops, sizes and time are limited (``render.budget``). With
        ``properties``, the document's own title, agency and date replace the template's.
        """
        own = {}
        if properties is not None:
            own = {CORE_PART: core_xml(properties), APP_PART: app_xml(properties)}
        parts = []
        with budget.guard() as spending:
            for name, fixed in self._packaged:
                if name in own:
                    fixed = Part.of(name, own[name])
                elif fixed is None:
                    fixed = Part.of(name, self._render_part(self._parts[name], context, spending))
                parts.append(fixed)
        return assemble(parts)


#: Paragraphs in this style are the line under a subject (trích yếu): ND30 wants it 1/3–1/2 as long
#: as the subject line above it, which depends on the rendered text, so its length is set here.
SUBJECT_LINE_STYLE = "DuongKeTrichYeu"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PT_MM = 25.4 / 72


def _text_width_mm(paragraph: Any) -> float:
    """Estimated width of a paragraph's text: half an em per character at its largest size."""
    text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t"))
    sizes = [int(sz.get(f"{_W}val")) / 2 for sz in paragraph.iter(f"{_W}sz")]
    return len(text) * 0.5 * max(sizes or [14.0]) * _PT_MM


def fit_subject_lines(tree: Any) -> None:
    """Set the length of every subject line to 40% of the subject text above it (within the column)."""
    body = tree.find(f"{_W}body")
    if body is None:
        return
    section = body.find(f"{_W}sectPr")
    column_mm = 165.0
    if (
        section is not None
        and section.find(f"{_W}pgSz") is not None
        and section.find(f"{_W}pgMar") is not None
    ):
        size, margins = section.find(f"{_W}pgSz"), section.find(f"{_W}pgMar")
        twips = (
            int(size.get(f"{_W}w")) - int(margins.get(f"{_W}left")) - int(margins.get(f"{_W}right"))
        )
        column_mm = twips / 1440 * 25.4
    # Found by lxml's own search first: a long list's thousands of rows come after the last one.
    # (The elements are held, not just their ids: lxml's proxies live while referenced.)
    lines = {
        id(paragraph): paragraph
        for style in body.iterfind(f".//{_W}pPr/{_W}pStyle")
        if style.get(f"{_W}val") == SUBJECT_LINE_STYLE
        and (paragraph := style.getparent().getparent()) is not None
    }
    previous = None
    for paragraph in body.iter(f"{_W}p"):
        if not lines:
            break
        if id(paragraph) in lines and previous is not None:
            del lines[id(paragraph)]
            line_mm = min(max(0.4 * min(_text_width_mm(previous), column_mm), 15.0), column_mm)
            indent = str(round((column_mm - line_mm) / 2 / 25.4 * 1440))
            ppr = paragraph.find(f"{_W}pPr")
            ind = ppr.find(f"{_W}ind")
            if ind is None:
                ind = etree.SubElement(ppr, f"{_W}ind")
            for attribute in ("left", "right", "start", "end"):
                ind.attrib.pop(f"{_W}{attribute}", None)
            ind.set(f"{_W}left", indent)
            ind.set(f"{_W}right", indent)
        if "".join(t.text or "" for t in paragraph.iter(f"{_W}t")).strip():
            previous = paragraph


def normalise_package(data: bytes, properties: DocumentProperties | None = None) -> bytes:
    """Re-zip a .docx with fixed timestamps (byte-identical output for identical content); with
    ``properties``, the document's own properties replace the library's, and no thumbnail."""
    own = {}
    if properties is not None:
        own = {CORE_PART: core_xml(properties), APP_PART: app_xml(properties)}
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = []
        for info in source.infolist():
            if properties is not None and info.filename == THUMBNAIL_PART:
                continue
            payload = own.get(info.filename) or source.read(info.filename)
            if properties is not None:
                payload = without_thumbnail(info.filename, payload)
            parts.append(Part.of(info.filename, payload))
        return assemble(parts)


def _offset_of(xml: str, err: etree.XMLSyntaxError) -> int:
    line, column = err.position if err.position else (1, 0)
    lines = xml.split("\n")
    return sum(len(item) + 1 for item in lines[: max(line - 1, 0)]) + max(column - 1, 0)


def render_file(
    template: Path | str, context: Mapping[str, Any], output: Path | str, *, force: bool = False
) -> Path:
    """Render one template with ``context`` into ``output`` (atomically, never overwriting unless ``force``)."""
    output = Path(output)
    check_writable(output, force=force)  # before any work: fail fast
    # A package Word would call damaged is not written (the check every generated file passes).
    data = ensure_valid(PreparedTemplate(template).render(context), template)
    write_atomic(output, data, force=force)
    return output


def plain_data(value: Any) -> Any:
    """Data from YAML/JSON as the templates see it: dicts, lists, text, numbers, dates."""
    if isinstance(value, Mapping):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_data(v) for v in value]
    if (
        isinstance(value, dt.datetime | dt.date | str | int | float | Decimal | bool)
        or value is None
    ):
        return value
    raise TypeError(f"unsupported value in template data: {type(value).__name__}")
