"""What keeps the desk safe as an office server: accounts, roles, CSRF, upload limits and types.

Accounts live in a JSON file the administrator makes with ``thidua web --them-tai-khoan``; the
passwords in it are Argon2 hashes (argon2-cffi), never the passwords. A desk bound to 127.0.0.1
serves only the machine it runs on and asks for no login; bound to any other address it does.
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from starlette.datastructures import UploadFile
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from thidua_docs.errors import InputError, OutputError

#: Addresses that reach only this machine: no login is asked there.
LOCAL_HOSTS: Final = frozenset({"127.0.0.1", "localhost", "::1"})
#: The accounts file's default name, inside the desk's folder (a hidden file: never listed).
ACCOUNTS_FILE: Final = ".thidua-tai-khoan.json"
#: The two roles: a clerk edits, uploads and builds; a reviewer reads, previews and downloads.
CAN_BO: Final = "can_bo"
NGUOI_DUYET: Final = "nguoi_duyet"
ROLES: Final = {CAN_BO: "cán bộ thi đua", NGUOI_DUYET: "người duyệt"}
#: The largest request body the desk reads (an uploaded workbook or template).
MAX_UPLOAD: Final = 10 * 1024 * 1024

_NAME = re.compile(r"^[\w][\w.@-]{0,63}$")
_hasher = PasswordHasher()


def needs_login(host: str) -> bool:
    return host not in LOCAL_HOSTS


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    password_hash: str


def load_accounts(path: Path) -> dict[str, Account]:
    """The accounts of ``path`` by name; a missing file is no accounts, a broken one an error."""
    if not path.is_file():
        return {}
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["tai_khoan"]
        accounts = {
            str(r["ten"]): Account(str(r["ten"]), str(r["vai_tro"]), str(r["mat_khau"]))
            for r in rows
        }
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise InputError(f"{path}: tệp tài khoản không đọc được ({err})") from err
    for account in accounts.values():
        if account.role not in ROLES:
            raise InputError(
                f"{path}: tài khoản {account.name!r} có vai trò {account.role!r}; "
                f"vai trò là một trong: {', '.join(ROLES)}"
            )
    return accounts


def add_account(path: Path, name: str, role: str, password: str) -> Path:
    """Add (or replace) one account in the accounts file, written atomically, readable only by
    its owner; returns the file."""
    if not _NAME.match(name):
        raise InputError(
            f"Tên tài khoản {name!r} không hợp lệ: chữ, số, dấu . - _ @, tối đa 64 ký tự"
        )
    if role not in ROLES:
        raise InputError(f"Vai trò {role!r} không có; chọn một trong: {', '.join(ROLES)}")
    if len(password) < 8:
        raise InputError("Mật khẩu cần ít nhất 8 ký tự")
    accounts = load_accounts(path)
    accounts[name] = Account(name, role, _hasher.hash(password))
    rows = [
        {"ten": a.name, "vai_tro": a.role, "mat_khau": a.password_hash}
        for a in sorted(accounts.values(), key=lambda a: a.name)
    ]
    text = json.dumps({"tai_khoan": rows}, ensure_ascii=False, indent=2) + "\n"
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp, path)
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise OutputError(f"Không ghi được tệp tài khoản {path}: {err.strerror}") from err
    return path


def verify(accounts: dict[str, Account], name: str, password: str) -> Account | None:
    """The account when the password is its own; None otherwise (same work either way)."""
    account = accounts.get(name)
    stored = account.password_hash if account else _DUMMY
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return account


_DUMMY = _hasher.hash(secrets.token_hex(16))


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(expected: object, given: object) -> bool:
    return (
        isinstance(expected, str)
        and isinstance(given, str)
        and bool(expected)
        and secrets.compare_digest(expected, given)
    )


# ------------------------------------------------------------------ uploads


class TooLarge(Exception):
    """A request body over the limit."""


class BodyLimit:
    """ASGI middleware: a request body larger than ``limit`` is refused with ``refusal`` (413)
    before any of it reaches a handler: by its Content-Length at once (the body is read and
    dropped, so the browser shows the page), or while it streams (``TooLarge``)."""

    def __init__(self, app: ASGIApp, limit: int, refusal: Callable[[], ASGIApp]) -> None:
        self.app = app
        self.limit = limit
        self.refusal = refusal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            dropped, more = 0, True
            while more and dropped <= 20 * self.limit:
                message = await receive()
                dropped += len(message.get("body", b""))
                more = message["type"] == "http.request" and message.get("more_body", False)
            await self.refusal()(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise TooLarge
            return message

        await self.app(scope, limited, send)


#: Headers every response carries: no script or frame from elsewhere, no guessing of types, the
#: desk framed only by itself (the PDF preview), no address leaked to another site.
SECURITY_HEADERS: Final = (
    (b"content-security-policy", b"default-src 'self'; frame-ancestors 'self'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"referrer-policy", b"same-origin"),
)


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


#: What the first bytes and the parts of each kind of upload must be.
_ZIP_PARTS: Final = {".xlsx": "xl/workbook.xml", ".docx": "word/document.xml"}


async def checked_upload(upload: object, suffix: str, what: str) -> tuple[str, bytes]:
    """An uploaded file's safe name and bytes, when it really is a ``suffix`` file (.xlsx or
    .docx: a zip package with its main part); otherwise a Vietnamese InputError."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InputError(f"Chưa chọn tệp {what} ({suffix}) để tải lên")
    name = Path(upload.filename.replace("\\", "/")).name
    data = await upload.read()
    if not name.lower().endswith(suffix):
        raise InputError(f"Tệp {name!r} không phải tệp {suffix}: cần một tệp {what} ({suffix})")
    if not data:
        raise InputError(f"Tệp {name!r} rỗng")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if _ZIP_PARTS[suffix] not in package.namelist():
                raise InputError(
                    f"Tệp {name!r} không phải tệp {what} thật: không có phần {_ZIP_PARTS[suffix]}"
                )
    except zipfile.BadZipFile as err:
        raise InputError(
            f"Tệp {name!r} không phải tệp {suffix} (có thể là tệp khác được đổi đuôi); "
            f"hãy mở bằng Office và lưu lại dưới dạng {suffix}"
        ) from err
    safe = re.sub(r"[^\w.-]", "_", name)[:100] or f"tep{suffix}"
    return safe, data
