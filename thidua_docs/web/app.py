"""The desk's pages: a Starlette application over the front door (``thidua_docs.api``) only.

Every page is rendered on the server in Vietnamese; the little JavaScript there is (progress bar,
sorting a table) ships in ``static/`` and the pages work without it. Every form carries a CSRF
token; every error is a Vietnamese page, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp

from thidua_docs import __version__, api
from thidua_docs.errors import InputError, OutputError, SpecError, ThiduaError
from thidua_docs.web.jobs import Builds
from thidua_docs.web.security import (
    CAN_BO,
    MAX_UPLOAD,
    ROLES,
    Account,
    BodyLimit,
    SecurityHeaders,
    TooLarge,
    checked_upload,
    load_accounts,
    new_token,
    same_token,
    verify,
)

log = logging.getLogger("thidua.web")
HERE = Path(__file__).parent
_CAMPAIGN_NAME = re.compile(r"^[^\W_][\w.-]*$")


class Desk:
    """What the pages share: the folder, the accounts, the builds, the scratch folder."""

    def __init__(
        self, folder: Path, *, login: bool, accounts_file: Path | None, max_upload: int
    ) -> None:
        self.folder = folder.resolve()
        self.login = login
        self.accounts_file = accounts_file
        self.max_upload = max_upload
        self.builds = Builds()
        self.scratch = Path(tempfile.mkdtemp(prefix="thidua-web-"))
        self._lock = threading.Lock()
        self._previews: OrderedDict[str, tuple[str, str, Path]] = OrderedDict()
        self.pages = Jinja2Templates(
            env=jinja2.Environment(
                loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True
            )
        )
        self.pages.env.globals.update(version=__version__, roles=ROLES)
        self.pages.env.filters["o"] = cell_text

    #: How many previews are kept (the oldest folder is removed).
    PREVIEWS = 16

    def remember_preview(self, key: str, name: str, kind: str, out: Path) -> None:
        with self._lock:
            self._previews[key] = (name, kind, out)
            while len(self._previews) > self.PREVIEWS:
                _, (_, _, old) = self._previews.popitem(last=False)
                shutil.rmtree(old, ignore_errors=True)

    def preview_folder(self, key: str, name: str, kind: str) -> Path | None:
        """The folder of preview ``key`` when it is one of ``name``'s ``kind``; None otherwise."""
        with self._lock:
            found = self._previews.get(key)
        return found[2] if found is not None and found[:2] == (name, kind) else None

    def close(self) -> None:
        """Remove the scratch folder (previews, checked templates)."""
        shutil.rmtree(self.scratch, ignore_errors=True)

    def accounts(self) -> dict[str, Account]:
        return load_accounts(self.accounts_file) if self.accounts_file is not None else {}

    def campaign(self, name: str) -> Path:
        """The campaign folder ``name`` names: a folder directly inside the desk's folder with a
        chien-dich.yaml; anything else (a path, '..', a link out of the folder) is refused."""
        folder = self.folder / name
        if (
            not _CAMPAIGN_NAME.match(name)
            or folder.resolve().parent != self.folder
            or not (folder / "chien-dich.yaml").is_file()
        ):
            raise HTTPException(404, f"Không có chiến dịch {name!r} trong thư mục của bàn làm việc")
        return folder


def cell_text(value: Any) -> str:
    """A table cell as the clerk reads it: "96,6" (a Vietnamese decimal comma), "—" for blank."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text.replace(".", ",")
    return str(value)


def sort_key(value: Any) -> str:
    """The key a column sorts by (data-sort): numbers as numbers, text as text."""
    if isinstance(value, int | Decimal):
        return format(Decimal(value), "f")
    return "" if value is None else str(value)


# ------------------------------------------------------------------ helpers of every page


def desk_of(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


def user(request: Request) -> dict[str, str] | None:
    value = request.session.get("user")
    return value if isinstance(value, dict) else None


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = new_token()
        request.session["csrf"] = token
    return token


def page(request: Request, template: str, /, status: int = 200, **values: Any) -> Response:
    desk = desk_of(request)
    dot = values.get("dot")
    values.setdefault("q", f"?dot={dot}" if dot else "")  # the round, kept by every link
    values.update(
        request=request,
        csrf=csrf_token(request),
        user=user(request),
        login=desk.login,
        sort_key=sort_key,
    )
    return desk.pages.TemplateResponse(request, template, values, status_code=status)


def require_user(request: Request) -> None:
    """On a desk that needs login, a page is for a signed-in user only."""
    if desk_of(request).login and user(request) is None:
        raise HTTPException(401, "Cần đăng nhập để dùng bàn làm việc")


def require_clerk(request: Request) -> None:
    """Editing, uploading and building are the clerk's; a reviewer reads."""
    require_user(request)
    account = user(request)
    if desk_of(request).login and (account is None or account.get("role") != CAN_BO):
        raise HTTPException(
            403, "Vai trò người duyệt chỉ xem và tải về; việc này cần tài khoản cán bộ thi đua"
        )


async def checked_form(request: Request) -> FormData:
    """The form of a POST, refused (403) unless it carries this session's CSRF token."""
    form = await request.form(max_files=2, max_fields=20, max_part_size=2 * 1024 * 1024)
    if not same_token(request.session.get("csrf"), form.get("_csrf")):
        raise HTTPException(
            403,
            "Biểu mẫu thiếu mã bảo vệ (CSRF) hoặc mã đã hết hạn; mở lại trang rồi gửi lại",
        )
    return form


def state_of(request: Request, name: str) -> api.CampaignState:
    return api.campaign_state(campaign=desk_of(request).campaign(name))


def round_of(state: api.CampaignState, value: object) -> tuple[str | None, Any]:
    """The round (đợt xét) a page is about, from its ``dot`` parameter: one of the campaign's
    rounds (the first when none is named), or None for a campaign without; with its state."""
    chosen = value if isinstance(value, str) and value else None
    if not state.rounds:
        if chosen is not None:
            raise HTTPException(404, f"Chiến dịch {state.name} không có đợt xét {chosen!r}")
        return None, state
    for stage in state.rounds:
        if chosen in (None, stage.code):
            return stage.code, stage
    raise HTTPException(404, f"Chiến dịch {state.name} không có đợt xét {chosen!r}")


def build_key(name: str, dot: str | None) -> str:
    return f"{name}/{dot}" if dot else name


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# ------------------------------------------------------------------ pages


async def home(request: Request) -> Response:
    require_user(request)
    desk = desk_of(request)
    states = api.campaigns(folder=desk.folder)
    jobs = {s.name: desk.builds.get(s.name) for s in states}
    return page(request, "index.html", campaigns=states, jobs=jobs, folder=desk.folder)


async def login_page(request: Request) -> Response:
    if request.method == "GET":
        return page(request, "login.html", next=request.query_params.get("tiep", "/"))
    form = await checked_form(request)
    name, password = str(form.get("ten", "")), str(form.get("mat_khau", ""))
    account = verify(desk_of(request).accounts(), name, password)
    target = str(form.get("tiep", "/"))
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    if account is None:
        return page(
            request,
            "login.html",
            status=401,
            next=target,
            error="Tên tài khoản hoặc mật khẩu không đúng",
            name=name,
        )
    request.session.clear()
    request.session.update(user={"name": account.name, "role": account.role}, csrf=new_token())
    return back(target)


async def logout(request: Request) -> Response:
    await checked_form(request)
    request.session.clear()
    return back("/dang-nhap")


async def campaign_page(request: Request) -> Response:
    require_user(request)
    name = request.path_params["name"]
    folder = desk_of(request).campaign(name)
    spec = api.read_spec(campaign=folder)
    state = state_of(request, name)
    return page(request, "campaign.html", name=name, state=state, spec=spec, **spec_view(spec))


def spec_view(spec: api.SpecResult) -> dict[str, Any]:
    """The spec's lines with the problems at each (problems of another file, or of no line,
    listed apart)."""
    at: dict[int, list[str]] = {}
    elsewhere = []
    for problem in spec.problems:
        if Path(problem.file) == spec.file and problem.line:
            place = f"{problem.place}: " if problem.place else ""
            found = f" (giá trị: {problem.found})" if problem.found is not None else ""
            at.setdefault(problem.line, []).append(f"{place}{problem.message}{found}")
        else:
            elsewhere.append(str(problem))
    lines = spec.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return {"lines": list(enumerate(lines, 1)), "at": at, "elsewhere": elsewhere}


async def edit_spec(request: Request) -> Response:
    name = request.path_params["name"]
    folder = desk_of(request).campaign(name)
    if request.method == "GET":
        require_user(request)
        spec = api.read_spec(campaign=folder)
        return page(request, "edit.html", name=name, spec=spec, **spec_view(spec))
    require_clerk(request)
    form = await checked_form(request)
    text, base = str(form.get("noi_dung", "")), str(form.get("sha256", ""))
    try:
        result = api.save_spec(campaign=folder, text=text, base_sha256=base)
    except OutputError as err:  # edited on disk meanwhile: nothing written, the text kept
        spec = api.SpecResult(api.read_spec(campaign=folder).file, text, base, [])
        return page(
            request,
            "edit.html",
            status=409,
            name=name,
            spec=spec,
            conflict=err.message,
            **spec_view(spec),
        )
    if not result.saved:
        return page(request, "edit.html", status=422, name=name, spec=result, **spec_view(result))
    return back(f"/c/{name}?da_luu=1")


async def results_page(request: Request) -> Response:
    name = request.path_params["name"]
    folder = desk_of(request).campaign(name)
    state = state_of(request, name)
    form = await checked_form(request) if request.method == "POST" else None
    dot, stage = round_of(state, (form or request.query_params).get("dot"))
    values: dict[str, Any] = {
        "name": name,
        "state": state,
        "dot": dot,
        "stage": stage,
        "problems": [],
        "selection": None,
    }
    status = 200
    if form is not None:
        require_clerk(request)
        try:
            _, data = await checked_upload(form.get("tep"), ".xlsx", "kết quả thi đua Excel")
            force = form.get("thay") == "1"
            await run_in_threadpool(
                partial(api.save_results, campaign=folder, data=data, force=force, dot=dot)
            )
        except SpecError as err:
            values["problems"], values["uploaded"] = err.problems, True
            return page(request, "results.html", status=422, **values)
        except ThiduaError as err:  # not a workbook, or one is there already: said on the page
            values["upload_error"] = err.message
            status = 422 if isinstance(err, InputError) else 409
            return page(request, "results.html", status=status, **values)
        return back(f"/c/{name}/ket-qua?da_tai=1{f'&dot={dot}' if dot else ''}")
    require_user(request)
    if stage.results_in:
        try:
            values["selection"] = await run_in_threadpool(
                partial(api.selection, campaign=folder, dot=dot)
            )
        except SpecError as err:
            values["problems"] = err.problems
            status = 422
    return page(request, "results.html", status=status, **values)


async def blank_results(request: Request) -> Response:
    require_user(request)
    folder = desk_of(request).campaign(request.path_params["name"])
    dot, _ = round_of(state_of(request, folder.name), request.query_params.get("dot"))
    name, data = api.blank_results(campaign=folder, dot=dot)
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


async def documents_page(request: Request) -> Response:
    require_user(request)
    desk = desk_of(request)
    name = request.path_params["name"]
    desk.campaign(name)
    state = state_of(request, name)
    dot, stage = round_of(state, request.query_params.get("dot"))
    return page(
        request,
        "documents.html",
        name=name,
        state=state,
        dot=dot,
        stage=stage,
        kinds=api.dossier_kinds(),
        titles=KIND_TITLES,
        job=desk.builds.get(build_key(name, dot)),
    )


#: How the documents page names each kind of the dossier.
KIND_TITLES = {
    "to_trinh": "Tờ trình đề nghị khen thưởng (kèm danh sách)",
    "bien_ban": "Biên bản họp Hội đồng thi đua – khen thưởng",
    "quyet_dinh": "Quyết định khen thưởng (kèm danh sách)",
    "bao_cao": "Báo cáo thành tích (bản nháp)",
    "bang_khen": "Bằng khen (trang đầy đủ)",
    "giay_khen": "Giấy khen",
    "in_phoi": "Bằng khen in lên phôi",
}


async def preview_page(request: Request) -> Response:
    require_user(request)
    desk = desk_of(request)
    name, kind = request.path_params["name"], request.path_params["kind"]
    folder = desk.campaign(name)
    if kind not in api.dossier_kinds():
        raise HTTPException(404, f"Không có loại văn bản {kind!r}")
    dot, _ = round_of(state_of(request, name), request.query_params.get("dot"))
    key = secrets.token_hex(8)  # each preview its own folder: two clerks never share one
    out = desk.scratch / "xem" / key
    try:
        await run_in_threadpool(
            partial(
                api.preview, campaign=folder, kind=kind, out=out, today=dt.date.today(), dot=dot
            )
        )
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    desk.remember_preview(key, name, kind, out)
    names = [pdf.relative_to(out / "pdf").as_posix() for pdf in preview_pdfs(out / "pdf")]
    return page(
        request,
        "preview.html",
        name=name,
        kind=kind,
        key=key,
        dot=dot,
        title=KIND_TITLES.get(kind, kind),
        pdfs=list(enumerate(names)),
    )


def preview_pdfs(folder: Path) -> list[Path]:
    """The PDFs of a preview, in the order its page lists them (the index in their address):
    the main document before its annexes, then by name."""
    found = folder.rglob("*.pdf") if folder.is_dir() else iter(())
    return sorted(found, key=lambda p: (p.parent != folder, "kem" in p.stem, p.as_posix()))


async def preview_pdf(request: Request) -> Response:
    require_user(request)
    desk = desk_of(request)
    params = request.path_params
    out = desk.preview_folder(params["key"], params["name"], params["kind"])
    pdfs = preview_pdfs(out / "pdf") if out is not None else []
    if params["index"] >= len(pdfs):
        raise HTTPException(404, "Không còn bản xem trước này; mở lại trang xem trước")
    return FileResponse(
        pdfs[params["index"]], media_type="application/pdf", content_disposition_type="inline"
    )


async def start_build(request: Request) -> Response:
    require_clerk(request)
    desk = desk_of(request)
    name = request.path_params["name"]
    folder = desk.campaign(name)
    form = await checked_form(request)
    dot, _ = round_of(state_of(request, name), form.get("dot"))
    desk.builds.start(build_key(name, dot), folder, pdf=form.get("pdf") == "1", dot=dot)
    return back(f"/c/{name}/van-ban{f'?dot={dot}' if dot else ''}")


async def build_status(request: Request) -> Response:
    require_user(request)
    desk = desk_of(request)
    name = request.path_params["name"]
    desk.campaign(name)
    dot, _ = round_of(state_of(request, name), request.query_params.get("dot"))
    job = desk.builds.get(build_key(name, dot))
    return JSONResponse(job.as_json() if job else {"trang_thai": "chua_soan"})


async def dossier_zip(request: Request) -> Response:
    require_user(request)
    folder = desk_of(request).campaign(request.path_params["name"])
    dot, _ = round_of(state_of(request, folder.name), request.query_params.get("dot"))
    packed = await run_in_threadpool(partial(api.pack_dossier, campaign=folder, dot=dot))
    return Response(
        packed.data,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{packed.name}"'},
    )


async def templates_page(request: Request) -> Response:
    desk = desk_of(request)
    chosen = request.query_params.get("c") or None
    folder = desk.campaign(chosen) if chosen else None
    values: dict[str, Any] = {
        "chosen": chosen,
        "campaigns": [s.name for s in api.campaigns(folder=desk.folder)],
        "report": None,
    }
    if request.method == "POST":
        require_user(request)
        form = await checked_form(request)
        try:
            safe, data = await checked_upload(form.get("tep"), ".docx", "mẫu Word")
        except InputError as err:
            values["upload_error"] = err.message
            values["templates"] = api.list_templates(campaign=folder)
            return page(request, "templates.html", status=422, **values)
        scratch = Path(tempfile.mkdtemp(prefix="mau-", dir=desk.scratch))
        try:
            path = scratch / safe
            path.write_bytes(data)
            result = await run_in_threadpool(partial(api.check_templates, files=[path]))
            values["report"] = result
            values["uploaded"] = safe
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    else:
        require_user(request)
    values["templates"] = api.list_templates(campaign=folder)
    return page(request, "templates.html", **values)


# ------------------------------------------------------------------ the award register


CONCLUSIONS = {
    "du": "đủ điều kiện",
    "sap_du": "sắp đủ điều kiện",
    "chua_du": "chưa đủ điều kiện",
    "ky_luat": "đang bị kỷ luật",
    "khong_co_quy_tac": "chưa có quy tắc cho hình thức này",
}


def _context(request: Request) -> tuple[Any, dict[str, Any]]:
    desk = desk_of(request)
    names = [s.name for s in api.campaigns(folder=desk.folder) if s.spec_ok]
    chosen = request.query_params.get("c") or (names[0] if names else None)
    if chosen is None:
        raise HTTPException(404, "Chưa có chiến dịch hợp lệ nào để biết sổ khen thưởng ở đâu")
    folder = desk.campaign(chosen)
    return folder, {"campaigns": names, "chosen": chosen, "conclusions": CONCLUSIONS}


async def search_page(request: Request) -> Response:
    require_user(request)
    folder, values = _context(request)
    query = request.query_params.get("q", "").strip()
    values.update(query=query, result=None)
    if query:
        try:
            values["result"] = await run_in_threadpool(
                partial(api.register_search, query=query, campaign=folder)
            )
        except ThiduaError as err:  # no register yet, or one that cannot be read: said here
            values["register_error"] = err.message
    return page(request, "register_search.html", **values)


async def history_page(request: Request) -> Response:
    require_user(request)
    folder, values = _context(request)
    ma = request.path_params["ma"]
    values["result"] = await run_in_threadpool(
        partial(api.register_history, ma=ma, campaign=folder)
    )
    return page(request, "register_history.html", **values)


async def eligibility_page(request: Request) -> Response:
    require_user(request)
    folder, values = _context(request)
    form = request.query_params
    hinh_thuc = form.get("hinh_thuc", "").strip()
    year_text = form.get("nam", "").strip()
    ma = form.get("ma", "").strip() or None
    values.update(hinh_thuc=hinh_thuc, nam=year_text, ma=ma or "", result=None, error=None)
    if hinh_thuc and year_text:
        if not year_text.isdigit() or not 1945 <= int(year_text) <= 2100:
            values["error"] = f"Năm phải là một số như 2025 (giá trị: {year_text!r})"
        else:
            try:
                values["result"] = await run_in_threadpool(
                    partial(
                        api.register_eligibility,
                        hinh_thuc=hinh_thuc,
                        nam=int(year_text),
                        ma=ma,
                        campaign=folder,
                        today=dt.date.today(),
                    )
                )
            except ThiduaError as err:
                values["register_error"] = err.message
    return page(request, "register_eligibility.html", **values)


# ------------------------------------------------------------------ errors


TITLES = {
    400: "Dữ liệu gửi lên chưa đúng",
    401: "Cần đăng nhập",
    403: "Không được phép",
    404: "Không tìm thấy",
    405: "Không dùng được cách gửi này",
    409: "Chưa làm được lúc này",
    413: "Tệp quá lớn",
    422: "Dữ liệu chưa đúng",
    500: "Lỗi nội bộ",
}


def error_page(request: Request, status: int, message: str) -> Response:
    try:
        return page(
            request, "error.html", status=status, title=TITLES.get(status, "Lỗi"), message=message
        )
    except Exception:  # the page itself failed: plain words, still no traceback
        log.exception("error page failed")
        return Response(f"Lỗi: {message}", status_code=status, media_type="text/plain")


#: Starlette's own words for a route that is not there or a method it does not take.
_STARLETTE_WORDS = {
    "Not Found": "Không có trang này trên bàn làm việc",
    "Method Not Allowed": "Trang này không nhận cách gửi đó",
}


async def on_http(request: Request, err: Exception) -> Response:
    assert isinstance(err, HTTPException)
    if err.status_code == 401 and request.method == "GET":
        return back(f"/dang-nhap?tiep={request.url.path}")
    detail = err.detail if isinstance(err.detail, str) else ""
    detail = _STARLETTE_WORDS.get(detail, detail) or TITLES.get(err.status_code, "Lỗi")
    return error_page(request, err.status_code, str(detail))


async def on_thidua(request: Request, err: Exception) -> Response:
    assert isinstance(err, ThiduaError)
    status = 422 if isinstance(err, InputError) else 409
    return error_page(request, status, err.message)


async def on_too_large(request: Request, err: Exception) -> Response:
    return error_page(request, 413, too_large_message(desk_of(request).max_upload))


def too_large_message(limit: int) -> str:
    return f"Tệp gửi lên lớn hơn giới hạn {limit // (1024 * 1024)} MB; không tệp nào được ghi"


async def on_crash(request: Request, err: Exception) -> Response:
    log.exception("request failed", exc_info=err)
    return error_page(
        request,
        500,
        "Chương trình gặp lỗi khi làm việc này; không tệp nào bị ghi dở. Báo cho nhóm phát triển.",
    )


# ------------------------------------------------------------------ the application


def create_app(
    folder: Path,
    *,
    login: bool = False,
    accounts_file: Path | None = None,
    max_upload: int = MAX_UPLOAD,
    secret: str | None = None,
) -> Starlette:
    """The desk over the campaigns of ``folder``; ``login``: every page needs a signed-in user
    of ``accounts_file``."""
    desk = Desk(folder, login=login, accounts_file=accounts_file, max_upload=max_upload)

    def refusal() -> ASGIApp:
        body = desk.pages.get_template("error.html").render(
            request=None,
            csrf="",
            user=None,
            login=False,
            title=TITLES[413],
            message=too_large_message(max_upload),
        )
        return Response(body, status_code=413, media_type="text/html; charset=utf-8")

    name = r"{name}"
    routes = [
        Route("/", home),
        Route("/dang-nhap", login_page, methods=["GET", "POST"]),
        Route("/dang-xuat", logout, methods=["POST"]),
        Route("/mau", templates_page, methods=["GET", "POST"]),
        Route(f"/c/{name}", campaign_page),
        Route(f"/c/{name}/sua", edit_spec, methods=["GET", "POST"]),
        Route(f"/c/{name}/ket-qua", results_page, methods=["GET", "POST"]),
        Route(f"/c/{name}/ket-qua/mau.xlsx", blank_results),
        Route(f"/c/{name}/van-ban", documents_page),
        Route(f"/c/{name}/van-ban/xem/{{kind}}", preview_page),
        Route(f"/c/{name}/van-ban/xem/{{kind}}/{{key}}/{{index:int}}.pdf", preview_pdf),
        Route(f"/c/{name}/soan", start_build, methods=["POST"]),
        Route(f"/c/{name}/soan/tien-do", build_status),
        Route(f"/c/{name}/ho-so.zip", dossier_zip),
        Route("/so", search_page),
        Route("/so/lich-su/{ma}", history_page),
        Route("/so/dieu-kien", eligibility_page),
        Mount("/tinh", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(
        debug=False,
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(BodyLimit, limit=max_upload, refusal=refusal),
            Middleware(
                SessionMiddleware,
                secret_key=secret or secrets.token_urlsafe(32),
                session_cookie="thidua_phien",
                same_site="strict",
                https_only=False,
            ),
        ],
        exception_handlers={
            HTTPException: on_http,
            ThiduaError: on_thidua,
            TooLarge: on_too_large,
            Exception: on_crash,
        },
    )
    app.state.desk = desk
    return app
