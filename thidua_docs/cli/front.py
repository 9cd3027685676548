"""The library's front door for the CLI, imported when a command first calls it.

`thidua --help` and a mistyped command line then load none of pydantic, openpyxl, python-docx,
lxml or jinja2 (tests/cli/test_startup.py). Command modules write ``api.build(...)`` as before:

    if TYPE_CHECKING:
        from thidua_docs import api
    else:
        from thidua_docs.cli.front import api
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _OnFirstUse(ModuleType):
    """A module imported on its first attribute looked up."""

    def __getattr__(self, name: str) -> Any:
        module = importlib.import_module(f"thidua_docs.{self.__name__}")
        value = getattr(module, name)
        setattr(self, name, value)
        return value


api = _OnFirstUse("api")
