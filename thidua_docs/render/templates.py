"""Where the .docx templates are found: an office's own folder first, then the shipped ones."""

from __future__ import annotations

from pathlib import Path

from thidua_docs.errors import InputError

_PACKAGE = Path(__file__).resolve().parent.parent


#: Every template the toolkit renders, by file name, with the document it makes.
TEMPLATE_FILES = {
    "cong_van_phat_dong.docx": "Công văn phát động phong trào thi đua",
    "ke_hoach.docx": "Kế hoạch",
    "to_trinh.docx": "Tờ trình đề nghị khen thưởng",
    "danh_sach.docx": "Danh sách khen thưởng (kèm tờ trình, kèm quyết định)",
    "bien_ban.docx": "Biên bản họp Hội đồng Thi đua - Khen thưởng",
    "quyet_dinh.docx": "Quyết định khen thưởng",
    "bao_cao_thanh_tich.docx": "Báo cáo thành tích (bản nháp)",
    "bang_khen.docx": "Bằng khen (trang đầy đủ)",
}


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


def template_table(templates_dir: Path | None = None) -> list[tuple[str, str, Path, bool]]:
    """For each template: its file name, the document it makes, the file used, and whether that
    file is the office's own (True) or the shipped one."""
    rows = []
    for name, title in TEMPLATE_FILES.items():
        path = find_template(name, templates_dir)
        own = templates_dir is not None and path.parent.resolve() == Path(templates_dir).resolve()
        rows.append((name, title, path, own))
    return rows
