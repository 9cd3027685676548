"""Walking a model along a validation error's location (for "did you mean" hints)."""

from __future__ import annotations

from collections.abc import Sequence
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import (
    BaseModel,
)


def model_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class a validation error's location leads to, walking from ``root``.

    ``loc`` is pydantic's error location (keys, list indexes, dict keys, and the tags pydantic
    adds for a union member or a validator, such as ``"function-before[_decimal(), decimal]"``).
    The walk goes through fields, lists, dicts, ``Annotated``, optionals and unions; None when the
    location does not end on a model (so no suggestion rather than a wrong one).
    """
    return _walk(root, list(loc))


def _walk(annotation: Any, loc: list[str | int]) -> type[BaseModel] | None:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _walk(get_args(annotation)[0], loc)
    if origin in (Union, UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        if loc and isinstance(loc[0], str):
            # pydantic names the union member an error came from: a model by its class name.
            named = [m for m in members if isinstance(m, type) and m.__name__ == loc[0]]
            if named:
                return _walk(named[0], loc[1:])
        for member in members:
            found = _walk(member, loc)
            if found is not None:
                return found
        return None
    if not loc:
        return (
            annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel)
            else None
        )
    part, rest = loc[0], loc[1:]
    if isinstance(part, str) and "[" in part:  # a tag pydantic adds, not a key of the file
        return _walk(annotation, rest)
    if origin is list:
        return _walk(get_args(annotation)[0], rest) if isinstance(part, int) else None
    if origin is dict:
        return _walk(get_args(annotation)[1], rest)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return None if field is None else _walk(field.annotation, rest)
    return None


def field_names_at(root: type[BaseModel], loc: Sequence[str | int]) -> set[str]:
    """The keys the model at ``loc`` accepts (for "did you mean …?"); empty when there is none."""
    model = model_at(root, loc)
    return set() if model is None else set(model.model_fields)
