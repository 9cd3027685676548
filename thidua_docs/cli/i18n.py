"""Vietnamese for Click's own words (usage lines, help headings, usage errors).

Click marks its messages with gettext's ``_``/``ngettext`` imported into each module, but loading
a catalogue through gettext needs a compiled .mo file and the process locale (LANGUAGE/LANG) set
to Vietnamese. Clerks' machines rarely have that, so instead each Click module's ``_`` and
``ngettext`` are pointed at this table, once, when the CLI module is imported. A message missing
here stays in English (the CLI tests catch the ones a clerk meets).
"""

from __future__ import annotations

import importlib

_MESSAGES = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Đối số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ '{command} {option}' để xem hướng dẫn.",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing argument {param_hint}.": "Thiếu đối số {param_hint}.",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such option: {name}": "Không có tùy chọn: {name}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Aborted!": "Đã dừng.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is not readable.": "Không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được vào {name} {filename!r}.",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    # number_type is Click's English type name ("integer"): the sentence says "số" instead.
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là một số hợp lệ.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
}

_PLURALS = {
    "{len_type} values are required, but {len_value} was given.": (
        "Cần {len_type} giá trị, nhưng có {len_value}."
    ),
    "Got unexpected extra argument ({args})": "Thừa đối số ({args})",
    "Did you mean {possibility}?": "Có phải ý là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý là một trong: {possibilities}?)",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "{value!r} is not {choice}.": "{value!r} không phải là {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc các giá trị {choices}.",
}


def _gettext(message: str) -> str:
    return _MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    """The Vietnamese of the form ``count`` calls for; a plural without its own entry reads as
    its singular's (Vietnamese nouns do not change with number)."""
    chosen = singular if count == 1 else plural
    return _PLURALS.get(chosen, _PLURALS.get(singular, chosen))


def install() -> None:
    """Point Click's message functions at the Vietnamese table (idempotent)."""
    for name in ("core", "exceptions", "decorators", "formatting", "parser", "types", "termui"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
