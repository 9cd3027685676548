"""Where the .docx templates are found: an office's own folder first, then the shipped ones."""

from __future__ import annotations

from pathlib import Path

from thidua_docs.documents.registry import template_titles
from thidua_docs.errors import InputError
from thidua_docs.files import shipped_folder

#: Every template the toolkit renders, by file name, with the document it makes (from the
#: registry of document kinds).
TEMPLATE_FILES = template_titles()


def shipped_templates_dir() -> Path:
    """The shipped templates: inside the installed package, or templates/ of a source checkout."""
    return shipped_folder("templates", "templates", "thư mục mẫu (templates/)")


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
