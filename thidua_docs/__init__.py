"""thidua-docs: official documents of Vietnamese emulation-and-awards work (thi đua – khen thưởng).

Library first: every CLI command calls one function of this package.

    from thidua_docs import load_campaign, draft
    campaign = load_campaign(Path("campaigns/bhxh-2024-nuoc-rut"))
    draft(campaign, Path("out"))
"""

from .documents import draft
from .errors import InputError, OutputError, SpecError, TemplateError, ThiduaError
from .render import PreparedTemplate, render_file
from .spec import load_campaign

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
