"""Where the .docx templates are found: an office's own folder first, then the shipped ones."""

from __future__ import annotations

from pathlib import Path

from thidua_docs.documents.registry import template_titles
from thidua_docs.errors import InputError

_PACKAGE = Path(__file__).resolve().parent.parent


#: Every template the toolkit renders, by file name, with the document it makes (from the
#: registry of document kinds).
TEMPLATE_FILES = template_titles()


def shipped_templates_dir() -> Path:
    """The shipped templates: inside the installed package, or templates/ of a source checkout."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise InputError(
        "Không tìm thấy thư mục mẫu đi kèm chương trình (templates/); hãy cài đặt lại thidua-docs"
    )


def find_template(name: str, templates_dir: Path | None = None) -> Path:
    """The template file ``name``: from ``templates_dir`` when it has it, else the shipped one."""
    if templates_dir is not None:
        own = Path(templates_dir) / name
        if own.is_file():
            return own
    shipped = shipped_templates_dir() / name
    if not shipped.is_file():
        raise InputError(f"Không tìm thấy mẫu {name} trong {shipped.parent}")
    return shipped
