"""Validating a YAML file against its model: every problem at once, located and in Vietnamese.

Pydantic's errors are translated here (one message per error type, "did you mean" hints walked
from the model at the error's location), each with its file:line, key path and value found.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from thidua_docs import schema as schema_models
from thidua_docs.diagnostics import LineMap, Problem, display_path
from thidua_docs.inputs.yamlfile import load_yaml_collecting
from thidua_docs.schema import (
    field_names_at,
)

M = TypeVar("M", bound=BaseModel)


def found_text(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _model_named(title: str) -> type[BaseModel] | None:
    """The model a ValidationError is about: pydantic names it by its class (``err.title``)."""
    for candidate in (*vars(schema_models).values(), *globals().values()):
        if (
            isinstance(candidate, type)
            and issubclass(candidate, BaseModel)
            and candidate.__name__ == title
        ):
            return candidate
    return None


def _suggestion(error: Any, model: type[BaseModel] | None) -> str:
    """The "did you mean" hint for a rejected key: the closest key of the model it was written in.

    Only that model's own fields are candidates (never another model's, never the rejected key
    itself); nothing when the model at the error's location is unknown.
    """
    loc = tuple(error["loc"])
    key = str(loc[-1])
    if model is None:
        return ""
    candidates = sorted(field_names_at(model, loc[:-1]) - {key})
    guess = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
    return f"; có phải ý là '{guess[0]}'?" if guess else ""


def _message(error: Any, model: type[BaseModel] | None = None) -> str:
    """Vietnamese wording of one pydantic error; ``model`` is the model validated (for hints)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "thidua":
        return str(error["msg"])
    if kind == "missing":
        return "thiếu mục bắt buộc"
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        return f"khóa '{key}' không có trong mẫu khai báo{_suggestion(error, model)}"
    if kind == "string_type":
        if isinstance(value, bool):
            return (
                "cần văn bản; YAML hiểu yes/no/on/off/true/false là đúng/sai — "
                "hãy đặt văn bản trong dấu nháy kép"
            )
        if isinstance(value, list | dict):
            return "cần một đoạn văn bản, không phải danh sách hay nhóm khóa"
        return "cần văn bản; nếu đó là số, hãy đặt trong dấu nháy kép"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "cần một số nguyên"
    if kind in ("greater_than_equal", "greater_than"):
        sign = "≥" if kind == "greater_than_equal" else ">"
        bound = ctx.get("ge", ctx.get("gt"))
        return f"cần một số {sign} {bound}"
    if kind == "too_short":
        return "danh sách không được để trống"
    if kind in ("list_type",):
        return "cần một danh sách (mỗi mục một dòng bắt đầu bằng '- ')"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "cần một nhóm khóa: giá trị (không phải một giá trị đơn)"
    if kind == "literal_error":
        return "phải là một trong: " + str(ctx.get("expected", "")).replace(" or ", " hoặc ")
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return "cần một ngày dạng 2024-11-11 hoặc 11/11/2024"
    if kind in ("decimal_type", "decimal_parsing", "float_type", "float_parsing"):
        return "cần một số"
    if kind == "bool_type":
        return "cần true hoặc false"
    return f"giá trị không hợp lệ ({error['msg']})"


def _problems(
    err: ValidationError, lines: LineMap, prefix: tuple[str | int, ...] = ()
) -> list[Problem]:
    problems = []
    model = _model_named(err.title)
    for error in err.errors():
        # Drop pydantic's internal union/function tags from the location.
        loc = tuple(part for part in error["loc"] if isinstance(part, int) or "[" not in str(part))
        path = (*prefix, *loc)
        kind = error["type"]
        found = None if kind in ("missing", "extra_forbidden") else found_text(error.get("input"))
        if kind == "extra_forbidden":
            found = None
        problems.append(
            Problem(lines.file, lines.line(path), display_path(path), _message(error, model), found)
        )
    return problems


def validate(model: type[M], data: Any, lines: LineMap) -> tuple[M | None, list[Problem]]:
    """Validate ``data`` as ``model``; return the model or the list of problems."""
    if not isinstance(data, dict):
        what = "tệp rỗng" if data is None else f"nội dung là {type(data).__name__}"
        return None, [
            Problem(lines.file, 1, "", f"cần một nhóm khóa: giá trị ở mức ngoài cùng ({what})")
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        return None, _problems(err, lines)


def load_model(path: Path, model: type[M]) -> tuple[M | None, Any, LineMap, list[Problem]]:
    """Read and validate one file: the model (or None), the raw data, its lines, the problems."""
    data, lines, yaml_problems = load_yaml_collecting(path)
    parsed, problems = validate(model, data, lines)
    # A value already reported by the YAML reader (impossible date…) is not reported twice.
    seen = {p.path for p in yaml_problems}
    problems = yaml_problems + [p for p in problems if p.path not in seen]
    if yaml_problems:
        parsed = None
    return parsed, data, lines, problems
