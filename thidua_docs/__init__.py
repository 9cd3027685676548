"""thidua-docs: official documents of Vietnamese emulation-and-awards work (thi đua – khen thưởng).

Library first: every CLI command calls one function of this package.

    from thidua_docs import load_campaign, draft
    campaign = load_campaign(Path("campaigns/bhxh-2024-nuoc-rut"))
    draft(campaign, Path("out"))
"""

from thidua_docs.documents.contexts import draft
from thidua_docs.errors import InputError, OutputError, SpecError, TemplateError, ThiduaError
from thidua_docs.inputs.spec import load_campaign
from thidua_docs.render.engine import PreparedTemplate, render_file

__version__ = "0.1.0"

__all__ = [
    "InputError",
    "OutputError",
    "PreparedTemplate",
    "SpecError",
    "TemplateError",
    "ThiduaError",
    "__version__",
    "draft",
    "load_campaign",
    "render_file",
]
