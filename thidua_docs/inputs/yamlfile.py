"""Reading YAML and JSON input files with the line of every value, for precise error messages.

PyYAML's composer keeps the position of every node; we build plain Python data from the node
tree ourselves and remember, for each path of keys and indexes, the line it starts on. Duplicate
keys (which PyYAML silently resolves by keeping the last) are reported as problems.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import Any

import yaml

from thidua_docs.diagnostics import KeyPath, LineMap, Problem, display_path
from thidua_docs.errors import InputError, SpecError
from thidua_docs.files import read_input
from thidua_docs.schema.base import control_character, date_parts, impossible_date

#: Guard against alias bombs ("billion laughs"): no real spec has this many values.
MAX_NODES = 200_000

_STANDARD = "tag:yaml.org,2002:"


#: Control characters written as they are in a file (not as an escape such as "\t" in quotes):
#: everything of C0 and C1 but tab and the line endings.
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _read_text(path: Path) -> str:
    raw = read_input(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: tệp không ở bảng mã UTF-8 (có thể là TCVN3/VNI hoặc Windows-1258). "
            "Hãy lưu lại tệp với bảng mã UTF-8 (Unicode dựng sẵn)."
        ) from err
    if match := _RAW_CONTROL.search(text):
        # YAML refuses most of them without a line, and reads U+0085 as a line break.
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        raise InputError(f"{path}:{line}:{column}: {control_character(match.group(), '')}")
    return text


_YAML_HINTS = {
    "found character '\\t' that cannot start any token": (
        "có ký tự Tab; YAML chỉ cho phép thụt lề bằng dấu cách"
    ),
    "mapping values are not allowed here": (
        "dấu ':' đặt sai chỗ; nếu văn bản có dấu ':', hãy đặt cả văn bản trong dấu nháy kép"
    ),
    "could not find expected ':'": "thiếu dấu ':' sau tên khóa",
    "found undefined alias": "dùng bí danh (*) chưa được định nghĩa",
    "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu nháy đóng?)",
    "did not find expected key": "thụt lề không đều hoặc thiếu dấu ':'",
    "did not find expected '-' indicator": "thụt lề của danh sách không đều",
    "found unknown escape character": "ký tự '\\' không hợp lệ trong chuỗi đặt trong nháy kép",
}


def _reader_error(path: Path, text: str, err: yaml.reader.ReaderError) -> InputError:
    """A character YAML does not accept in a file (a control character): its line and code."""
    line = text[: err.position].count("\n") + 1
    column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
    code = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
    why = control_character(chr(code)) if code < 0x110000 else None
    detail = why or f"có ký tự U+{code:04X} không được phép trong tệp YAML; hãy xóa ký tự này"
    return InputError(f"{path}:{line}:{column}: {detail}")


#: PyYAML's names of what it expected or met, in the clerk's words.
_TOKENS = {
    "<stream end>": "cuối tệp",
    "<block end>": "chỗ thụt lề lùi lại",
    "<block mapping start>": "một nhóm khóa mới",
    "<block sequence start>": "một danh sách mới",
    "<block collection start>": "một danh sách hay nhóm khóa mới",
    "<document start>": "dòng '---'",
    "<document end>": "dòng '...'",
    "<scalar>": "một giá trị",
    "the node content": "một giá trị",
    "a comment or a line break": "chú thích (#) hoặc xuống dòng",
    "alphabetic or numeric character": "chữ hoặc số",
}
_CANNOT_START = re.compile(r"^found character (?P<char>'.+?') that cannot start any token")
_EXPECTED = re.compile(r"^expected (?P<want>.+?), but (?:found|got) (?P<met>.+?)$", re.S)


def _token(text: str) -> str:
    """A PyYAML token name as the clerk reads it: '<stream end>' → "cuối tệp", "','" → "dấu ','"."""
    parts = re.split(r"\s+or\s+", text.strip())
    if len(parts) > 1:
        return " hoặc ".join(_token(part) for part in parts)
    text = parts[0]
    bare = text[1:-1] if len(text) > 2 and text[0] == text[-1] == "'" else text
    if bare in _TOKENS:
        return _TOKENS[bare]
    return f"dấu '{bare}'" if len(bare) == 1 else f"'{bare}'"


def _vietnamese_problem(problem: str) -> str:
    """PyYAML's problem in Vietnamese (never its English): what was expected and what was met."""
    hint = next((vi for en, vi in _YAML_HINTS.items() if problem.startswith(en)), None)
    if hint is not None:
        return hint
    character = _CANNOT_START.match(problem)
    if character:
        return (
            f"ký tự {character['char']} không được đứng đầu một giá trị; hãy đặt cả giá trị trong "
            "dấu nháy kép"
        )
    if problem.startswith("but found another document"):
        return "tệp chỉ được có một phần (một dòng '---' ở đầu tệp); hãy bỏ dòng '---' thứ hai"
    expected = _EXPECTED.match(problem)
    if expected:
        return (
            f"cú pháp YAML không hợp lệ: cần {_token(expected['want'])} nhưng gặp "
            f"{_token(expected['met'])} (kiểm tra thụt lề, dấu ngoặc, dấu ':' và dấu nháy)"
        )
    return "cú pháp YAML không hợp lệ ở đây (kiểm tra thụt lề, dấu ngoặc, dấu ':' và dấu nháy)"


def _yaml_error(path: Path, err: yaml.YAMLError) -> InputError:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else f"{path}"
    return InputError(f"{where}: {_vietnamese_problem(problem)}{_alias_hint(err)}")


def _alias_hint(err: yaml.YAMLError) -> str:
    """A value starting with "*" is a YAML alias: say so, since *…* is also italic text."""
    context = str(getattr(err, "context", "") or "")
    problem = str(getattr(err, "problem", "") or "")
    if context.startswith("while scanning an alias") or "undefined alias" in problem:
        return '; chữ bắt đầu bằng dấu * (chữ nghiêng) phải đặt trong dấu nháy, ví dụ "*Lưu ý*: …"'
    return ""


def _build(
    node: yaml.Node,
    loader: yaml.SafeLoader,
    path: KeyPath,
    lines: LineMap,
    problems: list[Problem],
    counter: list[int],
) -> Any:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise InputError(
            f"{lines.file}: tệp có quá nhiều giá trị (trên {MAX_NODES}); có bí danh lồng nhau?"
        )
    lines.set(path, node.start_mark.line + 1)
    if node.tag not in loader.yaml_constructors or node.tag is None:
        # A tag naming Python code (!!python/object/apply:os.system) or an application's own:
        # the safe loader would refuse a scalar, but a list or group would be built untagged.
        mark = node.start_mark
        raise InputError(
            f"{lines.file}:{mark.line + 1}:{mark.column + 1}: thẻ YAML '{node.tag.replace(_STANDARD, '!!')}' không được "
            "dùng trong tệp khai báo (chỉ văn bản, số, ngày, danh sách và nhóm khóa); hãy xóa thẻ"
        )
    if isinstance(node, yaml.MappingNode):
        # Keys written in this mapping itself; "<<: *anchor" merges keys in front of them, and a key
        # written here legitimately overrides a merged one: only two written keys are a duplicate.
        written = {id(k) for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"}
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        written_keys: set[str] = set()
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int) or isinstance(key, bool):
                problems.append(
                    Problem(
                        lines.file,
                        key_node.start_mark.line + 1,
                        display_path(path),
                        "tên khóa phải là văn bản",
                        repr(key),
                    )
                )
                continue
            key = str(key)
            is_written = id(key_node) in written
            if key in written_keys and is_written:
                problems.append(
                    Problem(
                        lines.file,
                        key_node.start_mark.line + 1,
                        display_path((*path, key)),
                        "khóa bị khai báo hai lần (bản sau sẽ ghi đè bản trước)",
                    )
                )
            if is_written:
                written_keys.add(key)
            lines.set((*path, key), key_node.start_mark.line + 1)
            result[key] = _build(value_node, loader, (*path, key), lines, problems, counter)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, loader, (*path, index), lines, problems, counter)
            for index, item in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        # A value that looks like a date but is not one on the calendar (2024-13-01).
        parts = date_parts(str(node.value))
        why = impossible_date(*parts) if parts else None
        problems.append(
            Problem(
                lines.file,
                node.start_mark.line + 1,
                display_path(path),
                why or "ngày không có trong lịch",
                repr(node.value),
            )
        )
        return node.value


def load_yaml(path: Path) -> tuple[Any, LineMap]:
    """Load a YAML file into plain data and the line of every value; every problem is reported."""
    data, lines, problems = load_yaml_collecting(path)
    if problems:
        raise SpecError(problems)
    return data, lines


def load_yaml_collecting(path: Path) -> tuple[Any, LineMap, list[Problem]]:
    """Like ``load_yaml``, but value-level problems (duplicate keys, impossible dates) are returned
    with the data (the offending value kept as written) so that validation can go on and report
    everything at once. A syntax error still stops here: nothing after it can be trusted.

    Composed by libyaml when PyYAML has it (a large award list in a tenth of the time); any
    syntax error is composed again by PyYAML's own parser, whose messages are the ones translated
    (the same message whichever parser this machine has)."""
    text = _read_text(path)
    try:
        yaml.reader.Reader(text)  # the characters PyYAML refuses, refused by both parsers alike
    except yaml.reader.ReaderError as err:
        raise _reader_error(path, text, err) from err
    if _FAST_LOADER is not None:
        with contextlib.suppress(yaml.YAMLError):
            return _compose(path, text, _FAST_LOADER)
    try:
        return _compose(path, text, yaml.SafeLoader)
    except yaml.YAMLError as err:
        raise _yaml_error(path, err) from err


#: libyaml's loader (same constructors and resolver as SafeLoader), when PyYAML was built with it.
_FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def _compose(
    path: Path, text: str, loader_class: type[yaml.SafeLoader]
) -> tuple[Any, LineMap, list[Problem]]:
    lines = LineMap(path)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        problems: list[Problem] = []
        if node is None:
            return None, lines, problems
        data = _build(node, loader, (), lines, problems, [0])
    except RecursionError as err:  # nesting no real file has (a list in a list … hundreds deep)
        raise InputError(
            f"{path}: các mục lồng nhau quá sâu (hàng trăm cấp); một văn bản thật có ít hơn 20 cấp"
        ) from err
    finally:
        loader.dispose()
    return data, lines, problems


def load_json(path: Path) -> tuple[Any, LineMap]:
    """Load a JSON file; positions are not tracked beyond syntax errors."""
    text = _read_text(path)
    try:
        return json.loads(text), LineMap(path)
    except json.JSONDecodeError as err:
        raise InputError(f"{path}:{err.lineno}:{err.colno}: JSON không hợp lệ ({err.msg})") from err


def load_data(path: Path) -> tuple[Any, LineMap]:
    """Load a data file by its extension: .json as JSON, anything else as YAML."""
    if path.suffix.lower() == ".json":
        return load_json(path)
    return load_yaml(path)
