"""The ``thidua`` command: parses arguments, calls one library function, reports in Vietnamese.

Exit codes: 0 done · 1 failed (output could not be written, internal error) · 2 bad input
(spec, data, template, command line).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from thidua_docs import __version__
from thidua_docs.checks.nd30 import KINDS as ND30_KINDS
from thidua_docs.checks.nd30 import check_document
from thidua_docs.checks.templates import check_template, fix_template
from thidua_docs.cli.i18n import install as _install_vietnamese
from thidua_docs.documents.catalogue import example_contexts, template_variables
from thidua_docs.documents.contexts import DOSSIER_KINDS
from thidua_docs.documents.contexts import dossier as write_dossier
from thidua_docs.documents.contexts import draft as draft_documents
from thidua_docs.errors import InputError, ThiduaError
from thidua_docs.evaluation.rules import evaluate as evaluate_rules
from thidua_docs.evaluation.selection import (
    award_list,
    format_report,
    money_summary,
    write_award_list,
    write_report_xlsx,
)
from thidua_docs.files import check_writable
from thidua_docs.formatting import tien
from thidua_docs.inputs.results import read_results, write_results_template
from thidua_docs.inputs.spec import Campaign, load_campaign, load_dossier, salary_table
from thidua_docs.inputs.yamlfile import load_data
from thidua_docs.output.build import build as run_build
from thidua_docs.output.build import summary as build_summary
from thidua_docs.render.engine import render_file
from thidua_docs.render.templates import TEMPLATE_FILES, template_table
from thidua_docs.schema.models import DanhGia

_install_vietnamese()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


F = TypeVar("F", bound=Callable[..., Any])


def campaign_argument(function: F) -> F:
    """The campaign folder argument every campaign command takes."""
    decorator = click.argument(
        "campaign_dir", metavar="THƯ_MỤC_CHIẾN_DỊCH", type=click.Path(path_type=Path)
    )
    return decorator(function)


def out_option(what: str, default: str) -> Callable[[F], F]:
    """--out: where the documents go, by default a folder inside the campaign's."""
    return click.option(
        "--out",
        "-o",
        "out_dir",
        metavar="THƯ_MỤC",
        type=click.Path(path_type=Path),
        help=f"Thư mục ghi {what} (mặc định: THƯ_MỤC_CHIẾN_DỊCH/{default}).",
    )


def templates_option(function: F) -> F:
    """--templates: the office's own templates folder, overriding the profile's."""
    decorator = click.option(
        "--templates",
        "templates_dir",
        metavar="THƯ_MỤC",
        type=click.Path(path_type=Path),
        help="Thư mục mẫu riêng của cơ quan; mẫu có ở đây được dùng thay mẫu đi kèm "
        "(mặc định: thu_muc_mau trong hồ sơ cơ quan).",
    )
    return decorator(function)


@click.group(
    context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]", subcommand_metavar="LỆNH [ĐỐI_SỐ]..."
)
@click.version_option(__version__, "--version", "-V", prog_name="thidua")
def cli() -> None:
    """thidua: soạn văn bản thi đua – khen thưởng đúng thể thức Nghị định 30/2020.

    Từ tệp khai báo chiến dịch thi đua (YAML) và các mẫu Word (.docx), chương trình viết công
    văn phát động, kế hoạch và hồ sơ khen thưởng, với số, ngày tháng và số tiền bằng chữ đúng
    quy định.
    """


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@campaign_argument
@out_option("văn bản", "du-thao")
@templates_option
@click.option("--force", is_flag=True, help="Ghi đè văn bản đã có (mặc định không ghi đè).")
def draft(
    campaign_dir: Path, out_dir: Path | None, templates_dir: Path | None, force: bool
) -> None:
    """Soạn các văn bản phát động của một chiến dịch (công văn phát động).

    THƯ_MỤC_CHIẾN_DỊCH chứa tệp chien-dich.yaml. Văn bản đã có không bị ghi đè nếu không
    có --force, vì có thể đã được sửa tay.

    Ví dụ: thidua draft campaigns/bhxh-2024-nuoc-rut
    """
    campaign = load_campaign(campaign_dir)
    target = out_dir if out_dir is not None else campaign.folder / "du-thao"
    own = _templates(templates_dir, campaign.templates_dir)
    for path in draft_documents(campaign, target, force=force, templates_dir=own):
        click.echo(f"Đã tạo {path}")


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@campaign_argument
@out_option("hồ sơ", "ho-so")
@click.option(
    "--only",
    "only",
    metavar="LOẠI",
    multiple=True,
    type=click.Choice(DOSSIER_KINDS),
    help="Chỉ soạn loại văn bản này (lặp lại được): " + ", ".join(DOSSIER_KINDS) + ".",
)
@templates_option
@click.option("--force", is_flag=True, help="Ghi đè văn bản đã có (mặc định không ghi đè).")
def dossier(
    campaign_dir: Path,
    out_dir: Path | None,
    only: tuple[str, ...],
    templates_dir: Path | None,
    force: bool,
) -> None:
    """Soạn hồ sơ khen thưởng từ danh sách đề nghị (khen-thuong.yaml).

    Tờ trình kèm danh sách, biên bản họp Hội đồng, quyết định kèm danh sách, báo cáo thành
    tích (bản nháp) và bằng khen cho từng tập thể, cá nhân — cùng một số liệu, tổng tiền khớp
    nhau ở mọi văn bản.

    Ví dụ: thidua dossier campaigns/bhxh-2024-nuoc-rut
    """
    campaign = load_campaign(campaign_dir)
    award = load_dossier(campaign)
    target = out_dir if out_dir is not None else campaign.folder / "ho-so"
    own = _templates(templates_dir, campaign.templates_dir)
    written = write_dossier(
        campaign, award, target, only=only or DOSSIER_KINDS, force=force, templates_dir=own
    )
    for path in written:
        click.echo(f"Đã tạo {path}")
    total = award.dossier
    click.echo(
        f"Tổng cộng {len(written)} tệp: {total.so_tap_the} tập thể, {total.so_ca_nhan} cá nhân, "
        f"tiền thưởng {tien(total.tong_tien)}."
    )


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("template", metavar="MẪU.docx", type=click.Path(path_type=Path))
@click.argument("data_file", metavar="DỮ_LIỆU.yaml", type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    metavar="KẾT_QUẢ.docx",
    type=click.Path(path_type=Path),
    required=True,
    help="Tệp .docx sẽ ghi ra.",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
def render(template: Path, data_file: Path, output: Path, force: bool) -> None:
    """Điền một mẫu .docx bất kỳ bằng dữ liệu YAML hoặc JSON.

    Trong mẫu dùng được mọi bộ lọc tiếng Việt: so, tien, doc_so, bang_chu, ngay, ngay_so,
    la_ma, chu_cai. Ngày viết trong YAML dạng 2024-11-11 được hiểu là ngày.

    Ví dụ: thidua render mau.docx du-lieu.yaml -o ket-qua.docx
    """
    data, _ = load_data(data_file)
    if not isinstance(data, dict):
        raise InputError(f"{data_file}: dữ liệu phải là một nhóm khóa: giá trị ở mức ngoài cùng")
    path = render_file(template, data, output, force=force)
    click.echo(f"Đã tạo {path}")


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@campaign_argument
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả đã có (mất số liệu đã nhập).")
def new(campaign_dir: Path, force: bool) -> None:
    """Tạo tệp kết quả thi đua trống (.xlsx) để nhập số liệu.

    Mỗi nhóm đối tượng một trang, đúng các cột chỉ số (kèm đơn vị) mà quy tắc đánh giá cần,
    dòng tiêu đề cố định, ô số có kiểm tra dữ liệu; thêm trang "Cá nhân" cho danh sách cá nhân
    do các đơn vị đề xuất.
    """
    campaign = load_campaign(campaign_dir)
    rules = _rules(campaign)
    path = write_results_template(campaign.folder / rules.ket_qua, rules, force=force)
    click.echo(f"Đã tạo {path}")


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@campaign_argument
@click.option("--force", is_flag=True, help="Ghi đè bảng đánh giá và danh sách đề nghị đã có.")
def evaluate(campaign_dir: Path, force: bool) -> None:
    """Xét chọn khen thưởng từ kết quả thi đua, đúng các quy tắc đã công bố.

    In bảng xếp hạng từng nhóm, từng lĩnh vực với lý do chọn hoặc không chọn; ghi cùng nội
    dung ra danh-gia.xlsx cạnh tệp kết quả, và ghi danh sách đề nghị khen thưởng
    (danh-sach-de-nghi.yaml) để dùng trong khen-thuong.yaml: de_nghi: danh-sach-de-nghi.yaml.
    """
    campaign = load_campaign(campaign_dir)
    rules = _rules(campaign)
    results, people = read_results(campaign.folder, rules)
    evaluation = evaluate_rules(rules, results, people)
    results_file = campaign.folder / rules.ket_qua
    report = results_file.with_name("danh-gia.xlsx")
    awards = campaign.folder / "danh-sach-de-nghi.yaml"
    check_writable(report, force=force)
    check_writable(awards, force=force)
    click.echo(format_report(evaluation))
    write_report_xlsx(report, evaluation, force=force)
    items = award_list(rules, evaluation)
    write_award_list(awards, items, results_file.name, force=force)
    awarded = evaluation.awarded()
    chosen = sum(1 for r in evaluation.people if r.selected)
    click.echo(f"Đã chọn {len(awarded)} tập thể và {chosen} cá nhân.")
    click.echo(money_summary(items, salary_table(campaign.co_quan), _decision_date(campaign)))
    click.echo(f"Đã tạo {report}")
    click.echo(f"Đã tạo {awards}")


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@campaign_argument
@out_option("hồ sơ", "ho-so")
@click.option("--pdf", is_flag=True, help="Xuất thêm mọi văn bản ra PDF (cần LibreOffice).")
@click.option(
    "--jobs",
    "-j",
    "workers",
    type=click.IntRange(1, 64),
    default=None,
    metavar="N",
    help="Số tiến trình soạn song song (mặc định: số nhân CPU).",
)
@templates_option
@click.option(
    "--only",
    "only",
    metavar="LOẠI",
    multiple=True,
    type=click.Choice(DOSSIER_KINDS),
    help="Chỉ soạn loại văn bản này (lặp lại được).",
)
@click.option("--force", is_flag=True, help="Ghi đè cả văn bản đã sửa tay sau khi tạo.")
def build(
    campaign_dir: Path,
    out_dir: Path | None,
    pdf: bool,
    workers: int | None,
    templates_dir: Path | None,
    only: tuple[str, ...],
    force: bool,
) -> None:
    """Kết thúc phong trào: xét chọn từ kết quả và soạn toàn bộ hồ sơ trong một lệnh.

    Ghi tờ trình, biên bản, quyết định kèm danh sách, báo cáo thành tích, bằng khen cho từng
    tập thể, cá nhân; tệp in gộp mọi bằng khen; danh mục hồ sơ (manifest.json, manifest.csv)
    có mã SHA-256 từng tệp. Chạy lại sau khi bị ngắt sẽ làm tiếp phần còn lại; văn bản đã sửa
    tay sau khi tạo được giữ nguyên nếu không có --force.

    Ví dụ: thidua build campaigns/bhxh-2024-nuoc-rut --pdf
    """
    campaign = load_campaign(campaign_dir)
    own = _templates(templates_dir, campaign.templates_dir)
    target = out_dir if out_dir is not None else campaign.folder / "ho-so"
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and total >= 20 and sys.stderr.isatty():
            bar = click.progressbar(length=total, label="Đang soạn hồ sơ", file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(1)
            if done == total:
                bar.__exit__(None, None, None)

    result = run_build(
        campaign,
        target,
        force=force,
        pdf=pdf,
        workers=workers,
        templates_dir=own,
        progress=progress,
        only=only or DOSSIER_KINDS,
    )
    for line in build_summary(result):
        click.echo(line, err=line.startswith("Lỗi:"))
    if not result.ok:
        raise click.exceptions.Exit(1)


#: Folders of a dossier that hold certificates or print files, which are not administrative
#: documents (ND30 does not apply to a Bằng khen).
_NOT_ADMINISTRATIVE = ("bang-khen", "bang-khen-in-phoi", "in-an", "pdf")


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument(
    "paths", metavar="TỆP.docx|THƯ_MỤC...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "--kind",
    type=click.Choice(list(ND30_KINDS)),
    default=None,
    help="Loại văn bản (mặc định: tự nhận ra từ nội dung).",
)
def check(paths: tuple[Path, ...], kind: str | None) -> None:
    """Kiểm tra thể thức văn bản theo Nghị định 30/2020 — văn bản do chương trình soạn hay do
    người soạn tay trong Word.

    In từng vi phạm kèm đoạn văn có vi phạm; thoát với mã 1 nếu có vi phạm. Với một thư mục,
    kiểm tra mọi tệp .docx trong đó, trừ thư mục bằng khen và tệp in.

    Ví dụ: thidua check campaigns/bhxh-2024-nuoc-rut/du-thao/cong-van-phat-dong.docx
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*.docx")
                if not p.name.startswith(("~$", "."))
                and not set(p.relative_to(path).parts[:-1]) & set(_NOT_ADMINISTRATIVE)
            )
        else:
            files.append(path)
    if not files:
        raise InputError("Không có tệp .docx nào để kiểm tra")
    total = 0
    for file in files:
        violations = check_document(file, kind)
        total += len(violations)
        for violation in violations:
            click.echo(str(violation))
    if total:
        click.echo(f"Có {total} vi phạm thể thức trong {len(files)} tệp.")
        raise click.exceptions.Exit(1)
    click.echo(f"Không có vi phạm thể thức: {len(files)} tệp.")


def _decision_date(campaign: Campaign) -> dt.date | None:
    """The decision's date from khen-thuong.yaml when it is there: coefficient money depends on it."""
    try:
        dossier_file = load_dossier(campaign)
    except ThiduaError:
        return None
    return dossier_file.ngay_tinh_tien


def _rules(campaign: Campaign) -> DanhGia:
    if campaign.chien_dich.danh_gia is None:
        raise InputError(
            f"{campaign.spec_file}: chiến dịch chưa khai báo quy tắc đánh giá (mục danh_gia)"
        )
    return campaign.chien_dich.danh_gia


def _templates(option: Path | None, from_profile: Path | None) -> Path | None:
    """The office templates folder: the command-line option wins over the agency profile."""
    folder = option if option is not None else from_profile
    if folder is not None and not folder.is_dir():
        raise InputError(f"Không tìm thấy thư mục mẫu {folder}")
    return folder


@cli.group(
    context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]", subcommand_metavar="LỆNH [ĐỐI_SỐ]..."
)
def templates() -> None:
    """Các mẫu văn bản (.docx): mẫu nào được dùng, lấy từ đâu."""


@templates.command("list", context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument(
    "campaign_dir", metavar="[THƯ_MỤC_CHIẾN_DỊCH]", required=False, type=click.Path(path_type=Path)
)
@templates_option
def templates_list(campaign_dir: Path | None, templates_dir: Path | None) -> None:
    """Liệt kê từng loại văn bản, tệp mẫu sẽ được dùng và nơi lấy mẫu.

    Mẫu riêng của cơ quan (--templates, hoặc thu_muc_mau trong hồ sơ cơ quan của chiến dịch)
    được dùng thay mẫu đi kèm, từng tệp một.
    """
    from_profile = load_campaign(campaign_dir).templates_dir if campaign_dir is not None else None
    own = _templates(templates_dir, from_profile)
    for name, title, path, is_own in template_table(own):
        where = "mẫu riêng" if is_own else "mẫu đi kèm"
        click.echo(f"{name:<26} {title}\n{'':<26} {where}: {path}")


@templates.command("check", context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("files", metavar="[MẪU.docx]...", nargs=-1, type=click.Path(path_type=Path))
@templates_option
@click.option(
    "--fix",
    is_flag=True,
    help="Sửa tự động những lỗi sửa được (thẻ bị Word cắt, nháy cong, khoảng trắng lạ) "
    "vào một bản sao TÊN.da-sua.docx cạnh mẫu; không đụng vào mẫu gốc.",
)
def templates_check(files: tuple[Path, ...], templates_dir: Path | None, fix: bool) -> None:
    """Kiểm tra mẫu .docx: lỗi cú pháp thẻ, biến và bộ lọc không có, thẻ bị Word cắt ngang,
    nháy cong, dấu sửa đổi (Track Changes), thẻ {%p %} đặt sai, phông chữ sai thể thức.

    Mỗi vấn đề được chỉ rõ chỗ: phần, bảng/dòng/ô, đoạn và đoạn trích. Thoát với mã 1 nếu có lỗi.
    """
    paths = list(files) or [
        path for _, _, path, _ in template_table(_templates(templates_dir, None))
    ]
    errors = warnings = 0
    for path in paths:
        if fix:
            target = path.with_name(f"{path.stem}.da-sua.docx")
            repaired = fix_template(path, target)
            if repaired:
                click.echo(f"Đã sửa {len(repaired)} chỗ vào bản sao {target}")
            else:
                target.unlink(missing_ok=True)
        for finding in check_template(path):
            click.echo(str(finding))
            errors += finding.level == "lỗi"
            warnings += finding.level != "lỗi"
    click.echo(f"Đã kiểm tra {len(paths)} mẫu: {errors} lỗi, {warnings} cảnh báo.")
    if errors:
        raise click.exceptions.Exit(1)


@templates.command("vars", context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("names", metavar="[MẪU]...", nargs=-1)
def templates_vars(names: tuple[str, ...]) -> None:
    """Các biến mà từng mẫu nhận được, kèm mô tả và giá trị ví dụ.

    MẪU là tên tệp mẫu (ví dụ quyet_dinh.docx, hoặc quyet_dinh); bỏ trống để xem mọi mẫu.
    Dấu [] trong tên biến nghĩa là "từng mục của danh sách" (dùng trong vòng lặp
    {%p for … in … %}). Danh sách này được lập từ dữ liệu ví dụ đi kèm chương trình.
    """
    wanted = [n if n.endswith(".docx") else f"{n}.docx" for n in names] or list(TEMPLATE_FILES)
    contexts = example_contexts()
    for name in wanted:
        variables = template_variables(name, contexts)
        click.echo(f"{name} — {TEMPLATE_FILES[name]}")
        for variable in variables:
            click.echo(f"  {variable.path}: {variable.description} (ví dụ: {variable.example})")
        click.echo("")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``thidua`` script; returns the exit code."""
    try:
        # Without standalone mode Click returns the code of a command's Exit instead of raising it.
        code = cli.main(args=argv, prog_name="thidua", standalone_mode=False)
    except ThiduaError as err:
        click.echo(f"Lỗi: {err.message}", err=True)
        return err.exit_code
    except click.exceptions.Exit as err:
        return int(err.exit_code or 0)
    except click.ClickException as err:
        err.show()
        return 2 if isinstance(err, click.UsageError) else 1
    except (click.Abort, KeyboardInterrupt):
        click.echo("Đã dừng theo yêu cầu; không tệp nào bị ghi dở.", err=True)
        return 1
    except Exception as err:  # a bug: say so plainly, details only on request
        if os.environ.get("THIDUA_DEBUG"):
            raise
        click.echo(
            f"Lỗi nội bộ của chương trình ({type(err).__name__}: {err}). "
            "Chạy lại với THIDUA_DEBUG=1 để xem chi tiết và báo cho nhóm phát triển.",
            err=True,
        )
        return 1
    return code if isinstance(code, int) else 0


def run() -> Any:  # pragma: no cover - thin wrapper for `python -m thidua_docs`
    sys.exit(main())
