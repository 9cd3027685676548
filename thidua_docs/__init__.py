"""thidua-docs: official documents of Vietnamese emulation-and-awards work (thi đua – khen thưởng).

Library first: every CLI command is one call of a function of :mod:`thidua_docs.api`, the front
door, re-exported here; each takes keyword arguments and returns a typed result.

    from pathlib import Path
    from thidua_docs import draft
    result = draft(campaign=Path("campaigns/bhxh-2024-nuoc-rut"), out=Path("out"))

``api.render`` (fill any template) is not re-exported here: its name is the ``render`` layer's.

The layers below it are described in docs/architecture.md.
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from thidua_docs.api import (
        BuildResult,
        CheckResult,
        DossierResult,
        DraftResult,
        EvaluationResult,
        RenderResult,
        TemplateCheckResult,
        TemplateInUse,
        TemplateReport,
        TemplateVariables,
        build,
        check,
        check_templates,
        dossier,
        draft,
        evaluate,
        list_templates,
        new_results,
        template_variables,
    )
    from thidua_docs.errors import InputError, OutputError, SpecError, TemplateError, ThiduaError
    from thidua_docs.inputs.campaign import Campaign, load_campaign

#: Where each name of the front door lives: imported on first use, so that `thidua --help` and a
#: mistyped command line load none of pydantic, openpyxl, python-docx, lxml or jinja2.
_LAZY = {
    **dict.fromkeys(
        (
            "BuildResult",
            "CheckResult",
            "DossierResult",
            "DraftResult",
            "EvaluationResult",
            "RenderResult",
            "TemplateCheckResult",
            "TemplateInUse",
            "TemplateReport",
            "TemplateVariables",
            "build",
            "check",
            "check_templates",
            "dossier",
            "draft",
            "evaluate",
            "list_templates",
            "new_results",
            "template_variables",
        ),
        "thidua_docs.api",
    ),
    **dict.fromkeys(
        ("InputError", "OutputError", "SpecError", "TemplateError", "ThiduaError"),
        "thidua_docs.errors",
    ),
    **dict.fromkeys(("Campaign", "load_campaign"), "thidua_docs.inputs.campaign"),
}


def __getattr__(name: str) -> Any:
    """The front door's names, imported when first used (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'thidua_docs' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "BuildResult",
    "Campaign",
    "CheckResult",
    "DossierResult",
    "DraftResult",
    "EvaluationResult",
    "InputError",
    "OutputError",
    "RenderResult",
    "SpecError",
    "TemplateCheckResult",
    "TemplateError",
    "TemplateInUse",
    "TemplateReport",
    "TemplateVariables",
    "ThiduaError",
    "__version__",
    "build",
    "check",
    "check_templates",
    "dossier",
    "draft",
    "evaluate",
    "list_templates",
    "load_campaign",
    "new_results",
    "template_variables",
]
