"""``thidua so …``: the award register (sổ khen thưởng). Each command makes one call into the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from thidua_docs import api
from thidua_docs.formatting import so as so_chu
from thidua_docs.formatting import tien

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
F = TypeVar("F", bound=Callable[..., Any])


class NgayType(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    """A date as a clerk types it: 15/01/2018 (or 2018-01-15)."""

    name = "NGÀY"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(str(value).strip(), fmt).date()
            except ValueError:
                continue
        self.fail(f"cần ngày dạng ngày/tháng/năm, ví dụ 15/01/2018 (giá trị: {value})", param, ctx)


NGAY = NgayType()


def register_option(function: F) -> F:
    decorator = click.option(
        "--so-khen-thuong",
        "-S",
        "register",
        metavar="TỆP|URL",
        envvar="THIDUA_SO_KHEN_THUONG",
        help="Sổ khen thưởng: tệp SQLite hoặc địa chỉ postgresql://… (mặc định: biến môi trường "
        "THIDUA_SO_KHEN_THUONG, rồi so_khen_thuong trong hồ sơ cơ quan, rồi so-khen-thuong.sqlite "
        "cạnh hồ sơ cơ quan hoặc ở thư mục hiện tại).",
    )
    return decorator(function)


def campaign_option(function: F) -> F:
    decorator = click.option(
        "--chien-dich",
        "campaign_dir",
        metavar="THƯ_MỤC",
        type=click.Path(path_type=Path),
        help="Thư mục chiến dịch: dùng sổ khen thưởng ghi trong hồ sơ cơ quan của nó.",
    )
    return decorator(function)


@click.group(
    context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]", subcommand_metavar="LỆNH [ĐỐI_SỐ]..."
)
def so() -> None:
    """Sổ khen thưởng: ghi quyết định, nhập sổ cũ, tra cứu, xét điều kiện, thống kê."""


@so.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("campaign_dir", metavar="THƯ_MỤC_CHIẾN_DỊCH", type=click.Path(path_type=Path))
@click.option(
    "--so", "number", required=True, type=int, metavar="SỐ", help="Số của quyết định đã ban hành."
)
@click.option(
    "--ngay",
    "issued",
    required=True,
    type=NGAY,
    metavar="NGÀY",
    help="Ngày ký quyết định, ví dụ 15/01/2018.",
)
@register_option
@click.option(
    "--out",
    "-o",
    "out_dir",
    metavar="THƯ_MỤC",
    type=click.Path(path_type=Path),
    help="Thư mục in lại bằng khen có số vào sổ (mặc định: THƯ_MỤC_CHIẾN_DỊCH/ho-so/so-vao-so).",
)
@click.option(
    "--templates",
    "templates_dir",
    metavar="THƯ_MỤC",
    type=click.Path(path_type=Path),
    help="Thư mục mẫu riêng của cơ quan.",
)
@click.option("--force", is_flag=True, help="Ghi đè bằng khen đã in lại trước đó.")
@click.option(
    "--dot",
    "dot",
    metavar="MÃ_ĐỢT",
    default=None,
    help="Đợt xét (mã trong mục dot của chiến dịch), khi chiến dịch khai báo các đợt xét.",
)
def ghi(
    campaign_dir: Path,
    number: int,
    issued: dt.date,
    register: str | None,
    out_dir: Path | None,
    templates_dir: Path | None,
    force: bool,
    dot: str | None,
) -> None:
    """Ghi quyết định khen thưởng đã ban hành vào sổ, cấp số vào sổ và in lại bằng khen.

    Mỗi tập thể, cá nhân trong khen-thuong.yaml được ghi với số vào sổ kế tiếp của sổ (theo hình
    thức khen thưởng và năm của quyết định). Không ghi hai lần một quyết định, không khen hai lần
    một thành tích.

    Ví dụ: thidua so ghi campaigns/bhxh-2017-giam-no --so 123 --ngay 15/01/2018
    """
    result = api.register_record(
        campaign=campaign_dir,
        so=number,
        ngay=issued,
        register=register,
        out=out_dir,
        templates=templates_dir,
        force=force,
        dot=dot,
    )
    click.echo(
        f"Đã ghi Quyết định số {result.so_quyet_dinh} ngày {result.ngay:%d/%m/%Y} vào sổ {result.register}:"
    )
    for entry in result.entries:
        click.echo(
            f"  {entry.so_vao_so:>4}  {entry.ten} — {entry.hinh_thuc} (sổ năm {entry.nam_so})"
        )
    for path in result.files:
        click.echo(f"Đã in lại {path}")


@so.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("file", metavar="SỔ_CŨ.xlsx", type=click.Path(path_type=Path))
@register_option
@campaign_option
@click.option(
    "--co-quan",
    "issuer",
    metavar="TÊN",
    help="Cơ quan ra quyết định cho các dòng không ghi cơ quan.",
)
def nhap(file: Path, register: str | None, campaign_dir: Path | None, issuer: str | None) -> None:
    """Nhập sổ khen thưởng các năm trước từ tệp Excel của văn thư.

    Trang "Khen thưởng" (bắt buộc), "Xếp loại", "Sáng kiến", "Kỷ luật"; dòng 1 là tiêu đề cột. Mọi
    dòng sai được chỉ rõ ô; có dòng sai thì không nhập dòng nào.

    Ví dụ: thidua so nhap so-khen-thuong-2015-2023.xlsx
    """
    result = api.register_import(
        file=file, register=register, campaign=campaign_dir, co_quan=issuer
    )
    s = result.summary
    click.echo(
        f"Đã nhập vào sổ {result.register}: {so_chu(s.khen_thuong)} khen thưởng, {so_chu(s.xep_loai)} xếp loại, "
        f"{so_chu(s.sang_kien)} sáng kiến, {so_chu(s.ky_luat)} kỷ luật ({so_chu(s.doi_tuong_moi)} tập thể, cá nhân mới; "
        f"{so_chu(s.quyet_dinh_moi)} quyết định mới)."
    )


@so.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("out", metavar="TỆP.xlsx", type=click.Path(path_type=Path))
@register_option
@campaign_option
@click.option("--nam", type=int, metavar="NĂM", help="Chỉ xuất các khen thưởng của năm này.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def xuat(
    out: Path, register: str | None, campaign_dir: Path | None, nam: int | None, force: bool
) -> None:
    """Xuất sổ khen thưởng ra tệp Excel (cùng dạng với tệp nhập).

    Ví dụ: thidua so xuat so-khen-thuong.xlsx --nam 2024
    """
    result = api.register_export(
        out=out, register=register, campaign=campaign_dir, nam=nam, force=force
    )
    click.echo(f"Đã tạo {result.file} ({so_chu(result.rows)} khen thưởng)")


@so.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("query", metavar="TÊN")
@register_option
@campaign_option
def tim(query: str, register: str | None, campaign_dir: Path | None) -> None:
    """Tìm tập thể, cá nhân theo tên, không phân biệt dấu: "nguyen van an" tìm ra "Nguyễn Văn An".

    Ví dụ: thidua so tim "nguyen van an"
    """
    result = api.register_search(query=query, register=register, campaign=campaign_dir)
    if not result.hits:
        click.echo(f"Không có ai tên chứa “{query}” trong sổ {result.register}")
    for hit in result.hits:
        kind = "Tập thể" if hit.tap_the else "Cá nhân"
        where = f", {hit.don_vi}" if hit.don_vi else ""
        click.echo(f"{hit.ma}\t{kind}: {hit.ten}{where}")


@so.command("lich-su", context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("ma", metavar="MÃ")
@register_option
@campaign_option
def lich_su(ma: str, register: str | None, campaign_dir: Path | None) -> None:
    """Quá trình khen thưởng của một tập thể, cá nhân (mã lấy từ `thidua so tim`).

    Ví dụ: thidua so lich-su CB00123
    """
    h = api.register_history(ma=ma, register=register, campaign=campaign_dir).history
    click.echo(
        f"{h.subject.ten}"
        + (f", {h.subject.don_vi}" if h.subject.don_vi else "")
        + f" (mã {h.subject.ma})"
    )
    for year, muc in sorted(h.ratings.items()):
        click.echo(f"  {year}: xếp loại {muc.replace('_', ' ')}")
    for a in h.awards:
        money = f", {tien(a.tien)}" if a.tien else ""
        click.echo(
            f"  {a.nam}: {a.hinh_thuc} — Quyết định số {a.so_quyet_dinh} ngày {a.ngay_quyet_dinh:%d/%m/%Y} "
            f"({a.co_quan}); số vào sổ {a.so_vao_so}/{a.nam_so}{money}"
        )
    for i in h.initiatives:
        used = f"; đã dùng cho {i.dung_cho}" if i.dung_cho else ""
        click.echo(f"  {i.nam}: sáng kiến “{i.ten}” (cấp {i.cap.replace('_', ' ')}){used}")
    for d in h.discipline:
        click.echo(f"  Kỷ luật: {d.hinh_thuc}, {d.tu_ngay:%d/%m/%Y}–{d.den_ngay:%d/%m/%Y}")
    if not (h.awards or h.ratings or h.initiatives or h.discipline):
        click.echo("  (chưa có khen thưởng nào)")


@so.command("du-dieu-kien", context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.option(
    "--hinh-thuc",
    "hinh_thuc",
    required=True,
    metavar="HÌNH_THỨC",
    help="Hình thức khen thưởng, danh hiệu xét.",
)
@click.option("--nam", required=True, type=int, metavar="NĂM", help="Năm của thành tích xét.")
@click.option(
    "--ma",
    metavar="MÃ",
    help="Chỉ xét một tập thể, cá nhân (mặc định: mọi người trong sổ có thể đủ).",
)
@click.option(
    "--dieu-kien",
    "rules",
    metavar="TỆP.yaml",
    type=click.Path(path_type=Path),
    help="Quy tắc riêng của cơ quan (mặc định: dieu_kien_khen_thuong trong hồ sơ cơ quan).",
)
@register_option
@campaign_option
def du_dieu_kien(
    hinh_thuc: str,
    nam: int,
    ma: str | None,
    rules: Path | None,
    register: str | None,
    campaign_dir: Path | None,
) -> None:
    """Xét điều kiện khen thưởng qua các năm theo Luật Thi đua, khen thưởng và Nghị định 152/2025.

    Mỗi kết luận kèm lý do và căn cứ (điều, khoản); căn cứ chưa đối chiếu được với văn bản được
    ghi rõ.

    Ví dụ: thidua so du-dieu-kien --hinh-thuc "Chiến sĩ thi đua cấp bộ" --nam 2025
    """
    result = api.register_eligibility(
        hinh_thuc=hinh_thuc, nam=nam, ma=ma, register=register, campaign=campaign_dir, rules=rules
    )
    if not result.answers:
        click.echo(f"Không có ai trong sổ đủ hoặc sắp đủ điều kiện {hinh_thuc} năm {nam}.")
    for a in result.answers:
        click.echo(f"{a.ma}\t{a.ten}: {a.text}")
        if a.can_cu:
            click.echo(f"\tcăn cứ: {'; '.join(a.can_cu)}")
        if a.chua_doi_chieu:
            click.echo(
                f"\tlưu ý: chưa đối chiếu được với nguyên văn: {'; '.join(a.chua_doi_chieu)}"
            )


@so.command("thong-ke", context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("out", metavar="TỆP.xlsx", type=click.Path(path_type=Path))
@register_option
@campaign_option
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def thong_ke(out: Path, register: str | None, campaign_dir: Path | None, force: bool) -> None:
    """Bảng thống kê khen thưởng theo năm, đơn vị, hình thức (tệp Excel).

    Ví dụ: thidua so thong-ke thong-ke-khen-thuong.xlsx
    """
    result = api.register_statistics(out=out, register=register, campaign=campaign_dir, force=force)
    click.echo(f"Đã tạo {result.file}")
