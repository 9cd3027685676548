"""Running the desk: bind the address first (a taken port is one Vietnamese sentence), then
serve with uvicorn until Ctrl+C."""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from pathlib import Path

import uvicorn

from thidua_docs.errors import InputError, OutputError
from thidua_docs.web.app import create_app
from thidua_docs.web.security import ACCOUNTS_FILE, load_accounts, needs_login


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(
    folder: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    accounts_file: Path | None = None,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the desk over ``folder``; ``ready`` is told the address once it is bound. Bound to
    anything but this machine's own address, it requires login with an account of the accounts
    file (refused to start without one)."""
    accounts = accounts_file if accounts_file is not None else folder / ACCOUNTS_FILE
    login = needs_login(host)
    if login and not load_accounts(accounts):
        raise InputError(
            f"Bàn làm việc mở trên địa chỉ {host} (máy khác truy cập được) cần đăng nhập, nhưng "
            f"chưa có tài khoản nào trong {accounts}. Tạo tài khoản trước: "
            f"thidua web {folder} --them-tai-khoan TÊN --vai-tro can_bo"
        )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)  # a browser opened at once waits in the queue until the server answers
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise OutputError(
                f"Cổng {port} trên {host} đang được một chương trình khác dùng; chọn cổng khác (--port)"
            ) from err
        raise OutputError(f"Không mở được địa chỉ {host}:{port} ({err.strerror})") from err
    app = create_app(folder, login=login, accounts_file=accounts)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    if ready is not None:
        ready(address(host, port))
    try:
        server.run(sockets=[sock])
    finally:
        app.state.desk.close()
