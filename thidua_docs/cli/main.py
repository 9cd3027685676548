"""The ``thidua`` command: parses arguments, calls one library function, reports in Vietnamese.

Exit codes: 0 done · 1 failed (output could not be written, internal error) · 2 bad input
(spec, data, template, command line).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from thidua_docs import __version__
from thidua_docs.cli.i18n import install as _install_vietnamese
from thidua_docs.errors import ThiduaError

if TYPE_CHECKING:
    from thidua_docs import api
else:
    from thidua_docs.cli.front import api  # the front door, imported on first use

_install_vietnamese()


def tien(amount: int) -> str:
    """An amount of money as the clerk reads it (formatting.tien, imported when needed)."""
    from thidua_docs.formatting import tien as words

    return words(amount)


class _LaterChoice(click.Choice[str]):
    """A choice whose values come from the library, asked for only when they are needed."""

    def __init__(self, choices: Callable[[], Sequence[str]]) -> None:
        self._choices = choices
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self._choices())

    @choices.setter
    def choices(self, values: Sequence[str]) -> None:
        self._choices = lambda: tuple(values)


class _LaterHelp(click.Option):
    """An option whose help names values of the library, made only when help is shown."""

    def __init__(self, *args: Any, later_help: Callable[[], str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._later_help = later_help

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = self._later_help()
        return super().get_help_record(ctx)


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


def _within(value: int | None, low: int, high: int) -> int | None:
    """A whole number option checked in the clerk's words (Click's range reads "1<=x<=64")."""
    if value is not None and not low <= value <= high:
        raise click.BadParameter(f"cần một số nguyên từ {low} đến {high} (giá trị: {value})")
    return value


def only_option(function: F) -> F:
    """--only: the dossier kinds to write (all when not given), from the registry of kinds."""
    decorator = click.option(
        "--only",
        "only",
        metavar="LOẠI",
        multiple=True,
        type=_LaterChoice(lambda: api.dossier_kinds()),
        cls=_LaterHelp,
        later_help=lambda: (
            "Chỉ soạn loại văn bản này (lặp lại được): " + ", ".join(api.dossier_kinds()) + "."
        ),
    )
    return decorator(function)


def round_option(function: F) -> F:
    """--dot: the round of evaluation (đợt xét) of a campaign that declares rounds."""
    decorator = click.option(
        "--dot",
        "dot",
        metavar="MÃ_ĐỢT",
        default=None,
        help="Đợt xét (mã trong mục dot của chiến dịch, ví dụ quy-2): dùng quy tắc, kết quả và thư mục "
        "riêng của đợt đó; bắt buộc khi chiến dịch khai báo các đợt xét.",
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
    result = api.draft(campaign=campaign_dir, out=out_dir, templates=templates_dir, force=force)
    for path in result.files:
        click.echo(f"Đã tạo {path}")


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@campaign_argument
@out_option("hồ sơ", "ho-so")
@only_option
@templates_option
@round_option
@click.option("--force", is_flag=True, help="Ghi đè văn bản đã có (mặc định không ghi đè).")
def dossier(
    campaign_dir: Path,
    out_dir: Path | None,
    only: tuple[str, ...],
    templates_dir: Path | None,
    dot: str | None,
    force: bool,
) -> None:
    """Soạn hồ sơ khen thưởng từ danh sách đề nghị (khen-thuong.yaml).

    Tờ trình kèm danh sách, biên bản họp Hội đồng, quyết định kèm danh sách, báo cáo thành
    tích (bản nháp) và bằng khen cho từng tập thể, cá nhân — cùng một số liệu, tổng tiền khớp
    nhau ở mọi văn bản.

    Ví dụ: thidua dossier campaigns/bhxh-2024-nuoc-rut
    """
    result = api.dossier(
        campaign=campaign_dir, out=out_dir, only=only, templates=templates_dir, force=force, dot=dot
    )
    for path in result.files:
        click.echo(f"Đã tạo {path}")
    click.echo(
        f"Tổng cộng {len(result.files)} tệp: {result.so_tap_the} tập thể, "
        f"{result.so_ca_nhan} cá nhân, tiền thưởng {tien(result.tong_tien)}."
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
    la_ma, chu_cai, dinh_dang. Ngày viết trong YAML dạng 2024-11-11 được hiểu là ngày.

    Ví dụ: thidua render mau.docx du-lieu.yaml -o ket-qua.docx
    """
    result = api.render(template=template, data=data_file, output=output, force=force)
    click.echo(f"Đã tạo {result.file}")


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@campaign_argument
@round_option
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả đã có (mất số liệu đã nhập).")
def new(campaign_dir: Path, dot: str | None, force: bool) -> None:
    """Tạo tệp kết quả thi đua trống (.xlsx) để nhập số liệu.

    Mỗi nhóm đối tượng một trang, đúng các cột chỉ số (kèm đơn vị) mà quy tắc đánh giá cần,
    dòng tiêu đề cố định, ô số có kiểm tra dữ liệu; thêm trang "Cá nhân" cho danh sách cá nhân
    do các đơn vị đề xuất.
    """
    click.echo(f"Đã tạo {api.new_results(campaign=campaign_dir, force=force, dot=dot)}")


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@campaign_argument
@round_option
@click.option("--force", is_flag=True, help="Ghi đè bảng đánh giá và danh sách đề nghị đã có.")
def evaluate(campaign_dir: Path, dot: str | None, force: bool) -> None:
    """Xét chọn khen thưởng từ kết quả thi đua, đúng các quy tắc đã công bố.

    In bảng xếp hạng từng nhóm, từng lĩnh vực với lý do chọn hoặc không chọn; ghi cùng nội
    dung ra danh-gia.xlsx cạnh tệp kết quả, và ghi danh sách đề nghị khen thưởng
    (danh-sach-de-nghi.yaml) để dùng trong khen-thuong.yaml: de_nghi: danh-sach-de-nghi.yaml.
    """
    result = api.evaluate(campaign=campaign_dir, force=force, dot=dot)
    click.echo(result.report)
    click.echo(f"Đã chọn {result.so_tap_the} tập thể và {result.so_ca_nhan} cá nhân.")
    click.echo(result.money)
    click.echo(f"Đã tạo {result.report_file}")
    click.echo(f"Đã tạo {result.award_list_file}")
    for warning in result.canh_bao:  # from the award register, when there is one
        click.echo(f"Cảnh báo: {warning}", err=True)


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@campaign_argument
@out_option("hồ sơ", "ho-so")
@click.option("--pdf", is_flag=True, help="Xuất thêm mọi văn bản ra PDF (cần LibreOffice).")
@click.option(
    "--jobs",
    "-j",
    "workers",
    type=click.INT,
    callback=lambda ctx, param, value: _within(value, 1, 64),
    default=None,
    metavar="N",
    help="Số tiến trình soạn song song, từ 1 đến 64 (mặc định: số nhân CPU).",
)
@templates_option
@only_option
@round_option
@click.option("--force", is_flag=True, help="Ghi đè cả văn bản đã sửa tay sau khi tạo.")
def build(
    campaign_dir: Path,
    out_dir: Path | None,
    pdf: bool,
    workers: int | None,
    templates_dir: Path | None,
    only: tuple[str, ...],
    dot: str | None,
    force: bool,
) -> None:
    """Kết thúc phong trào: xét chọn từ kết quả và soạn toàn bộ hồ sơ trong một lệnh.

    Ghi tờ trình, biên bản, quyết định kèm danh sách, báo cáo thành tích, bằng khen cho từng
    tập thể, cá nhân; tệp in gộp mọi bằng khen; danh mục hồ sơ (manifest.json, manifest.csv)
    có mã SHA-256 từng tệp. Chạy lại sau khi bị ngắt sẽ làm tiếp phần còn lại; văn bản đã sửa
    tay sau khi tạo được giữ nguyên nếu không có --force.

    Ví dụ: thidua build campaigns/bhxh-2024-nuoc-rut --pdf
    """
    bar: Any = None
    pdf_bar: Any = None
    pdf_started = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and total >= 20 and sys.stderr.isatty():
            bar = click.progressbar(length=total, label="Đang soạn hồ sơ", file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(1)
            if done == total:
                bar.__exit__(None, None, None)

    def pdf_progress(done: int, total: int) -> None:
        """The PDF conversion as its documents are done, with the time left."""
        nonlocal pdf_bar, pdf_started
        if pdf_bar is None and sys.stderr.isatty():
            pdf_started = time.monotonic()
            pdf_bar = click.progressbar(
                length=total,
                label="Đang chuyển sang PDF",
                file=sys.stderr,
                show_eta=False,
                show_pos=True,
                item_show_func=lambda left: left,
            )
            pdf_bar.__enter__()
        if pdf_bar is not None:
            left = (time.monotonic() - pdf_started) / done * (total - done) if done else None
            pdf_bar.update(done - pdf_bar.pos, time_left(left))
            if done == total:
                pdf_bar.__exit__(None, None, None)

    result = api.build(
        campaign=campaign_dir,
        out=out_dir,
        only=only,
        templates=templates_dir,
        force=force,
        pdf=pdf,
        workers=workers,
        progress=progress,
        dot=dot,
        pdf_progress=pdf_progress,
    )
    for line in _build_summary(result):
        click.echo(line, err=line.startswith("Lỗi:"))
    if not result.ok:
        raise click.exceptions.Exit(1)


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument(
    "paths", metavar="TỆP.docx|THƯ_MỤC...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "--kind",
    type=_LaterChoice(lambda: api.check_kinds()),
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
    result = api.check(paths=paths, kind=kind)
    for violation in result.violations:
        click.echo(str(violation))
    if result.violations:
        click.echo(f"Có {len(result.violations)} vi phạm thể thức trong {len(result.files)} tệp.")
        raise click.exceptions.Exit(1)
    click.echo(f"Không có vi phạm thể thức: {len(result.files)} tệp.")


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
    for row in api.list_templates(campaign=campaign_dir, templates=templates_dir):
        where = "mẫu riêng" if row.own else "mẫu đi kèm"
        click.echo(f"{row.name:<26} {row.title}\n{'':<26} {where}: {row.path}")


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
    result = api.check_templates(files=files, templates=templates_dir, fix=fix)
    for report in result.reports:
        if report.repaired_copy is not None:
            click.echo(f"Đã sửa {report.repairs} chỗ vào bản sao {report.repaired_copy}")
        for finding in report.findings:
            click.echo(str(finding))
    click.echo(
        f"Đã kiểm tra {len(result.reports)} mẫu: {result.errors} lỗi, {result.warnings} cảnh báo."
    )
    if result.errors:
        raise click.exceptions.Exit(1)


@templates.command("vars", context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("names", metavar="[MẪU]...", nargs=-1)
def templates_vars(names: tuple[str, ...]) -> None:
    """Các biến mà từng mẫu nhận được, kèm mô tả và giá trị ví dụ.

    MẪU là tên tệp mẫu (ví dụ quyet_dinh.docx, hoặc quyet_dinh); bỏ trống để xem mọi mẫu.
    Dấu [] trong tên biến nghĩa là "từng mục của danh sách" (dùng trong vòng lặp
    {%p for … in … %}). Danh sách này được lập từ dữ liệu ví dụ đi kèm chương trình.
    """
    for template in api.template_variables(names=names):
        click.echo(f"{template.name} — {template.title}")
        for variable in template.variables:
            click.echo(f"  {variable.path}: {variable.description} (ví dụ: {variable.example})")
        click.echo("")


def time_left(seconds: float | None) -> str | None:
    """ "còn khoảng 1 phút 05 giây": what a progress bar says of the time left."""
    if seconds is None:
        return None
    whole = round(seconds)
    if whole < 60:
        return f"còn khoảng {whole} giây"
    return f"còn khoảng {whole // 60} phút {whole % 60:02d} giây"


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument(
    "folder", metavar="[THƯ_MỤC]", required=False, default=".", type=click.Path(path_type=Path)
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Địa chỉ mở bàn làm việc.")
@click.option(
    "--port",
    type=click.INT,
    default=8000,
    show_default=True,
    callback=lambda ctx, param, value: _within(value, 1, 65535),
    help="Cổng mở bàn làm việc.",
)
@click.option(
    "--tai-khoan",
    "accounts_file",
    metavar="TỆP",
    type=click.Path(path_type=Path),
    help="Tệp tài khoản (mặc định: THƯ_MỤC/.thidua-tai-khoan.json).",
)
@click.option(
    "--them-tai-khoan",
    "new_account",
    metavar="TÊN",
    help="Tạo (hoặc đặt lại mật khẩu) một tài khoản rồi thoát; mật khẩu được hỏi khi chạy "
    "(hoặc lấy từ biến môi trường THIDUA_MAT_KHAU).",
)
@click.option(
    "--vai-tro",
    "role",
    type=click.Choice(["can_bo", "nguoi_duyet"]),
    default="can_bo",
    show_default=True,
    help="Vai trò của tài khoản tạo mới: can_bo (sửa, tải lên, soạn) hay nguoi_duyet (chỉ xem, tải về).",
)
def web(
    folder: Path,
    host: str,
    port: int,
    accounts_file: Path | None,
    new_account: str | None,
    role: str,
) -> None:
    """Mở bàn làm việc thi đua – khen thưởng trên trình duyệt.

    THƯ_MỤC chứa các thư mục chiến dịch (mặc định: thư mục hiện tại). Mặc định chỉ máy này mở
    được (127.0.0.1); mở trên địa chỉ khác (--host 0.0.0.0) thì phải đăng nhập bằng tài khoản
    tạo trước bằng --them-tai-khoan.

    Ví dụ: thidua web campaigns
    """
    from thidua_docs import web as desk

    accounts = accounts_file or folder / desk.ACCOUNTS_FILE
    if new_account is not None:
        password = os.environ.get("THIDUA_MAT_KHAU") or click.prompt(
            "Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu"
        )
        desk.add_account(accounts, new_account, role, password)
        click.echo(f"Đã lưu tài khoản {new_account} ({desk.ROLES[role]}) vào {accounts}")
        return
    found = api.campaigns(folder=folder)
    click.echo(f"Bàn làm việc: {len(found)} chiến dịch trong {folder}")

    def ready(address: str) -> None:
        click.echo(f"Mở trình duyệt tại {address} (Ctrl+C để dừng)")
        if desk.needs_login(host):
            click.echo(f"Địa chỉ {host} mở cho máy khác: cần đăng nhập.")

    desk.serve(folder, host=host, port=port, accounts_file=accounts, ready=ready)


def _build_summary(result: api.BuildResult) -> list[str]:
    """The end-of-run report of `thidua build`."""
    lines = [
        f"Đã ghi {len(result.written)} tệp, {len(result.unchanged)} tệp không đổi"
        + (f", giữ {len(result.kept)} tệp đã sửa tay" if result.kept else "")
        + (f", xóa {len(result.removed)} tệp không còn trong hồ sơ" if result.removed else "")
        + (f", {len(result.pdfs)} tệp PDF" if result.pdfs else "")
        + "."
    ]
    lines += [f"Giữ nguyên (đã sửa sau khi tạo; dùng --force để ghi đè): {p}" for p in result.kept]
    lines += [f"Đã xóa (không còn trong hồ sơ): {p}" for p in result.removed]
    lines += [f"Lỗi: {name}: {message}" for name, message in result.failed]
    if result.pdf_error:
        lines.append(f"Lỗi: {result.pdf_error}")
    lines += result.notes
    if result.manifest is not None:
        lines.append(f"Danh mục hồ sơ: {result.manifest}")
    return lines


# The award register's commands (`thidua so …`) live in their own module.
from thidua_docs.cli.so import so as _so  # noqa: E402

cli.add_command(_so)


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
