"""The library's front door for the CLI, imported when a command first calls it.

`thidua --help` and a mistyped command line then load none of pydantic, openpyxl, python-docx,
lxml or jinja2 (tests/cli/test_startup.py); nor does a `thidua build` with nothing to do, answered
from the last run's record (output.rerun) before the front door is imported. Command modules
write ``api.build(...)`` as before:

    if TYPE_CHECKING:
        from thidua_docs import api
    else:
        from thidua_docs.cli.front import api
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType
from typing import Any

from thidua_docs.output import rerun


class _OnFirstUse(ModuleType):
    """A module imported on its first attribute looked up."""

    def __getattr__(self, name: str) -> Any:
        if name == "build":  # a rerun with nothing to do needs none of the program
            value: Any = functools.partial(
                rerun.quick_build, lambda **arguments: self._module().build(**arguments)
            )
        else:
            value = getattr(self._module(), name)
        setattr(self, name, value)
        return value

    def _module(self) -> ModuleType:
        return importlib.import_module(f"thidua_docs.{self.__name__}")


api = _OnFirstUse("api")
