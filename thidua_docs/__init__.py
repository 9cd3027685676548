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
