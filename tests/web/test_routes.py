"""The desk's routes through Starlette's test client: every page, and every refusal with its
Vietnamese page and nothing written."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from thidua_docs.files import folder_lock
from thidua_docs.web import add_account, create_app

from .conftest import CAMPAIGN, token, tree

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def heading(html: str) -> str:
    found = re.search(r"<h1>([^<]*)</h1>", html)
    return found.group(1) if found else ""


def assert_vietnamese_page(html: str) -> None:
    assert '<html lang="vi">' in html
    assert "Traceback" not in html and 'File "' not in html


# ------------------------------------------------------------------ pages


def test_home_lists_each_campaign_with_its_state(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert_vietnamese_page(page.text)
    for name in ("bhxh-2017-giam-no", "bhxh-2024-ke-hoach-co-quan", CAMPAIGN, "bhxh-2026-nuoc-rut"):
        assert f'href="/c/{name}"' in page.text
    assert "co-quan" not in re.findall(r'href="/c/([^"/]+)"', page.text)
    assert "không có quy tắc" in page.text and "hợp lệ" in page.text


@pytest.mark.parametrize("path", ["/", f"/c/{CAMPAIGN}", "/khong-co", "/tinh/desk.js"])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"].startswith("default-src 'self'")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "SAMEORIGIN"


def test_a_problem_is_shown_at_its_line(client: TestClient, folder: Path) -> None:
    spec = folder / CAMPAIGN / "chien-dich.yaml"
    lines = spec.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("ten:"))
    lines[number - 1] = lines[number - 1].replace("ten:", "tenn:", 1)
    spec.write_text("\n".join(lines), encoding="utf-8")
    page = client.get(f"/c/{CAMPAIGN}").text
    assert f'<li id="dong-{number}" class="dong-loi">' in page
    assert "có phải ý là &#39;ten&#39;?" in page
    assert "lỗi" in client.get("/").text


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        (lambda t: t.replace("ten:", "tenn:", 1), 422, "Chưa lưu: nội dung còn lỗi"),
        (lambda t: t + "\n  : [\n", 422, "Chưa lưu"),
        (
            lambda t: t.replace("bhxh-viet-nam-2024.yaml", "khong-co.yaml", 1),
            422,
            "không tìm thấy tệp hồ sơ cơ quan",
        ),
    ],
    ids=["misspelt key", "broken YAML", "profile missing"],
)
def test_an_invalid_edit_is_not_saved(
    client: TestClient, folder: Path, change: object, status: int, words: str
) -> None:
    spec = api_spec(client)
    before = tree(folder)
    assert callable(change)
    response = client.post(
        f"/c/{CAMPAIGN}/sua",
        data={"_csrf": token(client), "sha256": spec["sha256"], "noi_dung": change(spec["text"])},
    )
    assert response.status_code == status
    assert words in response.text
    assert 'class="dong-loi"' in response.text  # located at its line in the text typed
    assert tree(folder) == before


def api_spec(client: TestClient) -> dict[str, str]:
    page = client.get(f"/c/{CAMPAIGN}/sua").text
    sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', page)
    text = re.search(r'<textarea id="noi_dung" name="noi_dung"[^>]*>(.*?)</textarea>', page, re.S)
    assert sha and text
    import html

    return {"sha256": sha.group(1), "text": html.unescape(text.group(1))}


def test_a_valid_edit_replaces_the_file(client: TestClient, folder: Path) -> None:
    spec = api_spec(client)
    edited = spec["text"].replace("\n", "\r\n") + "# ghi chú của cán bộ\r\n"  # a browser's CRLF
    response = client.post(
        f"/c/{CAMPAIGN}/sua",
        data={"_csrf": token(client), "sha256": spec["sha256"], "noi_dung": edited},
    )
    assert response.status_code == 200 and "Đã lưu tệp khai báo" in response.text
    on_disk = (folder / CAMPAIGN / "chien-dich.yaml").read_bytes()
    assert on_disk.endswith(b"# ghi ch\xc3\xba c\xe1\xbb\xa7a c\xc3\xa1n b\xe1\xbb\x99\n")
    assert b"\r" not in on_disk
    assert not list((folder / CAMPAIGN).glob(".chien-dich.yaml.*"))  # no temporary left


def test_an_edit_made_on_disk_meanwhile_is_not_overwritten(
    client: TestClient, folder: Path
) -> None:
    spec = api_spec(client)
    path = folder / CAMPAIGN / "chien-dich.yaml"
    path.write_text(spec["text"] + "# sửa trực tiếp trên đĩa\n", encoding="utf-8")
    meanwhile = path.read_bytes()
    response = client.post(
        f"/c/{CAMPAIGN}/sua",
        data={"_csrf": token(client), "sha256": spec["sha256"], "noi_dung": spec["text"] + "# x\n"},
    )
    assert response.status_code == 409
    assert "đã được sửa trên đĩa" in response.text
    assert "# x" in response.text  # the clerk's text is still on the page
    assert path.read_bytes() == meanwhile


# ------------------------------------------------------------------ results


def test_the_selection_is_ranked_and_explained(client: TestClient) -> None:
    page = client.get(f"/c/{CAMPAIGN}/ket-qua").text
    assert "BHXH tỉnh — lĩnh vực BHXH bắt buộc (chọn 3/3)" in page
    assert "Bảo hiểm xã hội tỉnh Sơn La" in page and "được chọn (hạng 1/3)" in page
    assert 'data-sort="107.52">107,52</td>' in page  # sorted as a number, shown with a comma
    assert "Tổng tiền thưởng dự kiến: 1.104.610.000 đồng" in page


def test_the_blank_results_workbook_downloads(client: TestClient, folder: Path) -> None:
    before = tree(folder)
    response = client.get(f"/c/{CAMPAIGN}/ket-qua/mau.xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "Cá nhân" in book.sheetnames
    assert tree(folder) == before


def workbook(folder: Path, change: dict[str, str]) -> bytes:
    book = openpyxl.load_workbook(folder / CAMPAIGN / "ket-qua.xlsx")
    sheet = book.worksheets[0]
    for cell, value in change.items():
        sheet[cell] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("ket-qua.csv", b"Don vi;Tien do\nA;1\n", "không phải tệp .xlsx"),
        (
            "ket-qua.xlsx",
            b"Don vi;Tien do\nA;1\n",
            "không phải tệp .xlsx (có thể là tệp khác được đổi đuôi)",
        ),
        ("ket-qua.xlsx", b"", "rỗng"),
        ("ket-qua.xlsx", "docx", "không có phần xl/workbook.xml"),
        ("ket-qua.xlsx", {"C2": "chín mươi"}, "trang &#39;BHXH tỉnh&#39;"),
    ],
    ids=["csv", "csv renamed", "empty", "a docx renamed", "text in a number cell"],
)
def test_a_bad_spreadsheet_is_refused_with_nothing_written(
    client: TestClient, folder: Path, name: str, data: object, words: str
) -> None:
    if data == "docx":
        data = (Path(__file__).parents[2] / "templates" / "quyet_dinh.docx").read_bytes()
    elif isinstance(data, dict):
        data = workbook(folder, data)
    assert isinstance(data, bytes)
    before = tree(folder)
    response = client.post(
        f"/c/{CAMPAIGN}/ket-qua",
        data={"_csrf": token(client), "thay": "1"},
        files={"tep": (name, data, XLSX)},
    )
    assert response.status_code == 422, response.text
    assert words in response.text
    assert_vietnamese_page(response.text)
    assert tree(folder) == before


def test_a_good_spreadsheet_replaces_the_results_only_when_asked(
    client: TestClient, folder: Path
) -> None:
    data = workbook(folder, {})
    path = folder / CAMPAIGN / "ket-qua.xlsx"
    before = path.read_bytes()
    refused = client.post(
        f"/c/{CAMPAIGN}/ket-qua",
        data={"_csrf": token(client)},
        files={"tep": ("k.xlsx", data, XLSX)},
    )
    assert refused.status_code == 409 and "đã có" in refused.text
    assert path.read_bytes() == before
    done = client.post(
        f"/c/{CAMPAIGN}/ket-qua",
        data={"_csrf": token(client), "thay": "1"},
        files={"tep": ("k.xlsx", data, XLSX)},
    )
    assert done.status_code == 200 and "Đã nhận tệp kết quả" in done.text
    assert path.read_bytes() == data


def test_an_oversized_upload_is_refused_before_it_is_read(folder: Path) -> None:
    before = tree(folder)
    with TestClient(create_app(folder, max_upload=100_000)) as small:
        csrf = token(small)
        response = small.post(
            f"/c/{CAMPAIGN}/ket-qua",
            data={"_csrf": csrf, "thay": "1"},
            files={"tep": ("ket-qua.xlsx", b"x" * 200_000, XLSX)},
        )
    assert response.status_code == 413
    assert "lớn hơn giới hạn" in response.text
    assert_vietnamese_page(response.text)
    assert tree(folder) == before


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize(
    "path",
    [
        "/c/%2e%2e",  # (a plain /c/.. is made / by the client itself, as by a browser)
        "/c/..%2F..%2Fetc",
        "/c/co-quan",
        "/c/.thidua-tai-khoan.json",
        "/c/bhxh-2024-nuoc-rut%2F..%2F..",
        "/c/%2Fetc/ket-qua",
        "/c/bhxh-2024-nuoc-rut/van-ban/xem/..%2F..%2Fetc",
        "/c/bhxh-2024-nuoc-rut/van-ban/xem/quyet_dinh/0123456789abcdef/0.pdf",
        "/tinh/%2e%2e/app.py",
        "/tinh/%2e%2e%2f%2e%2e%2fapi.py",
    ],
)
def test_traversal_is_refused(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert_vietnamese_page(response.text)
    assert "def create_app" not in response.text


def test_a_link_out_of_the_folder_is_refused(
    client: TestClient, folder: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "chien-dich.yaml").write_text("ten: bí mật\n", encoding="utf-8")
    (folder / "lien-ket").symlink_to(outside)
    assert client.get("/c/lien-ket").status_code == 404


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        (f"/c/{CAMPAIGN}/sua", {"noi_dung": "ten: x\n", "sha256": "0" * 64}),
        (f"/c/{CAMPAIGN}/ket-qua", {"thay": "1"}),
        (f"/c/{CAMPAIGN}/soan", {}),
        ("/mau", {}),
        ("/dang-xuat", {}),
    ],
)
@pytest.mark.parametrize("csrf", [None, "", "gia-mao"], ids=["missing", "empty", "forged"])
def test_a_form_without_its_csrf_token_is_refused(
    client: TestClient, folder: Path, path: str, fields: dict[str, str], csrf: str | None
) -> None:
    token(client)  # the session has a token: the form's is missing or wrong
    before = tree(folder)
    data = dict(fields) | ({"_csrf": csrf} if csrf is not None else {})
    response = client.post(path, data=data)
    assert response.status_code == 403
    assert "mã bảo vệ (CSRF)" in response.text
    assert_vietnamese_page(response.text)
    assert tree(folder) == before


def test_a_crash_is_a_vietnamese_page_without_traceback(folder: Path) -> None:
    app = create_app(folder)

    async def broken(request: object) -> None:
        raise RuntimeError("secret internal detail")

    app.router.routes.append(Route("/hong", broken))
    with TestClient(app, raise_server_exceptions=False) as crashing:
        response = crashing.get("/hong")
    assert response.status_code == 500
    assert "Lỗi nội bộ" in response.text and "secret internal detail" not in response.text
    assert_vietnamese_page(response.text)


def test_the_zip_before_any_build_says_so(client: TestClient) -> None:
    response = client.get(f"/c/{CAMPAIGN}/ho-so.zip")
    assert response.status_code == 422
    assert "Chưa có hồ sơ đã soạn" in response.text


# ------------------------------------------------------------------ builds


def build(client: TestClient) -> dict[str, object]:
    app = client.app
    assert client.post(f"/c/{CAMPAIGN}/soan", data={"_csrf": token(client)}).status_code == 200
    app.state.desk.builds.wait(CAMPAIGN, 120)  # type: ignore[attr-defined]
    status: dict[str, object] = client.get(f"/c/{CAMPAIGN}/soan/tien-do").json()
    return status


def test_a_build_ends_in_a_zip_with_its_manifest(client: TestClient, folder: Path) -> None:
    status = build(client)
    assert status["trang_thai"] == "xong", status
    assert (
        status["xong"] == status["tong"] and isinstance(status["tong"], int) and status["tong"] > 0
    )
    response = client.get(f"/c/{CAMPAIGN}/ho-so.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(archive.read("manifest.json"))
    listed = {row["tep"] for row in manifest["tep"]}
    assert listed | {"manifest.json", "manifest.csv"} == set(archive.namelist())
    assert "quyet-dinh.docx" in listed
    import hashlib

    for row in manifest["tep"]:
        assert hashlib.sha256(archive.read(row["tep"])).hexdigest() == row["sha256"]


def test_a_build_while_another_holds_the_folder_is_refused(
    client: TestClient, folder: Path
) -> None:
    with folder_lock(folder / CAMPAIGN / "ho-so"):  # as `thidua build` in a terminal holds it
        status = build(client)
    assert status["trang_thai"] == "loi"
    assert "đang được một lần soạn khác ghi" in str(status["loi"])
    assert not (folder / CAMPAIGN / "ho-so" / "manifest.json").exists()


def test_two_builds_of_one_campaign_never_run_at_once(client: TestClient) -> None:
    csrf = token(client)
    first = client.post(f"/c/{CAMPAIGN}/soan", data={"_csrf": csrf})
    second = client.post(f"/c/{CAMPAIGN}/soan", data={"_csrf": csrf})
    client.app.state.desk.builds.wait(CAMPAIGN, 120)  # type: ignore[attr-defined]
    assert first.status_code == 200
    assert second.status_code == 409 and "đang được soạn" in second.text


# ------------------------------------------------------------------ login


@pytest.fixture
def office(folder: Path) -> TestClient:
    accounts = folder / ".thidua-tai-khoan.json"
    add_account(accounts, "lan", "can_bo", "mat-khau-lan-1")
    add_account(accounts, "duyet", "nguoi_duyet", "mat-khau-duyet-1")
    return TestClient(create_app(folder, login=True, accounts_file=accounts))


def sign_in(client: TestClient, name: str, password: str) -> int:
    csrf = token(client, "/dang-nhap")
    response = client.post("/dang-nhap", data={"_csrf": csrf, "ten": name, "mat_khau": password})
    return int(response.status_code)


def test_accounts_keep_only_hashes(folder: Path, office: TestClient) -> None:
    text = (folder / ".thidua-tai-khoan.json").read_text(encoding="utf-8")
    assert "mat-khau-lan-1" not in text and "$argon2id$" in text
    assert (folder / ".thidua-tai-khoan.json").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    "path", ["/", f"/c/{CAMPAIGN}", f"/c/{CAMPAIGN}/ket-qua", f"/c/{CAMPAIGN}/ho-so.zip", "/mau"]
)
def test_without_login_every_page_sends_to_the_login_page(office: TestClient, path: str) -> None:
    response = office.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/dang-nhap")


def test_without_login_a_post_is_refused(office: TestClient, folder: Path) -> None:
    before = tree(folder)
    csrf = token(office, "/dang-nhap")
    response = office.post(f"/c/{CAMPAIGN}/soan", data={"_csrf": csrf})
    assert response.status_code == 401 and "Cần đăng nhập" in response.text
    assert tree(folder) == before


@pytest.mark.parametrize(
    ("name", "password", "status"),
    [
        ("lan", "sai-mat-khau", 401),
        ("khong-co", "mat-khau-lan-1", 401),
        ("lan", "mat-khau-lan-1", 200),
    ],
)
def test_login(office: TestClient, name: str, password: str, status: int) -> None:
    assert sign_in(office, name, password) == status


def test_a_reviewer_reads_but_does_not_build(office: TestClient, folder: Path) -> None:
    assert sign_in(office, "duyet", "mat-khau-duyet-1") == 200
    assert office.get(f"/c/{CAMPAIGN}/ket-qua").status_code == 200
    before = tree(folder)
    response = office.post(f"/c/{CAMPAIGN}/soan", data={"_csrf": token(office)})
    assert response.status_code == 403 and "người duyệt chỉ xem" in response.text
    assert tree(folder) == before


def test_a_clerk_builds(office: TestClient) -> None:
    assert sign_in(office, "lan", "mat-khau-lan-1") == 200
    assert build(office)["trang_thai"] == "xong"


# ------------------------------------------------------------------ templates


def test_templates_in_use_and_an_uploaded_template_checked(client: TestClient) -> None:
    page = client.get("/mau").text
    assert "quyet_dinh.docx" in page and "mẫu đi kèm" in page
    broken = (Path(__file__).parents[2] / "templates" / "quyet_dinh.docx").read_bytes()
    response = client.post(
        "/mau",
        data={"_csrf": token(client)},
        files={"tep": ("quyet_dinh.docx", broken, "application/octet-stream")},
    )
    assert response.status_code == 200
    assert "Kết quả kiểm tra quyet_dinh.docx" in response.text
    refused = client.post(
        "/mau", data={"_csrf": token(client)}, files={"tep": ("mau.docx", b"PK\x03\x04xx", "x")}
    )
    assert refused.status_code == 422 and "không phải tệp .docx" in refused.text


# ------------------------------------------------------------------ preview

requires_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice chưa cài trên máy này (CI cài nó trong .ci/run và luôn chạy bài này)",
)


@requires_libreoffice
def test_a_preview_is_a_pdf_made_in_scratch(client: TestClient, folder: Path) -> None:
    before = tree(folder)
    page = client.get(f"/c/{CAMPAIGN}/van-ban/xem/to_trinh")
    assert page.status_code == 200, page.text
    links = re.findall(
        rf'href="(/c/{CAMPAIGN}/van-ban/xem/to_trinh/[0-9a-f]{{16}}/\d+\.pdf)"', page.text
    )
    assert len(links) == 2  # the Tờ trình and its list
    pdf = client.get(links[0])
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert tree(folder) == before  # the campaign folder is not written
    other_kind = links[0].replace("/to_trinh/", "/quyet_dinh/")
    assert client.get(other_kind).status_code == 404  # a preview's address names its kind


# ------------------------------------------------------------------ rounds (đợt xét)

ROUNDS = "bhxh-2026-thi-dua-quy"


def test_a_campaign_with_rounds_picks_one(client: TestClient) -> None:
    home = client.get("/").text
    assert "3 đợt xét: quy-2, quy-3, ca-nam" in home
    first = client.get(f"/c/{ROUNDS}/ket-qua").text  # the first round when none is named
    assert '<option value="quy-2" selected>' in first
    third = client.get(f"/c/{ROUNDS}/ket-qua?dot=quy-3").text
    assert '<option value="quy-3" selected>' in third and "Kết quả xét chọn: Quý III" in third
    assert f'href="/c/{ROUNDS}/van-ban?dot=quy-3"' in third  # the round is kept by the links
    assert client.get(f"/c/{ROUNDS}/ket-qua?dot=khong-co").status_code == 404
    assert client.get(f"/c/{CAMPAIGN}/ket-qua?dot=quy-2").status_code == 404


def test_a_round_is_built_in_its_own_folder(client: TestClient, folder: Path) -> None:
    response = client.post(
        f"/c/{ROUNDS}/soan", data={"_csrf": token(client), "dot": "quy-2"}, follow_redirects=False
    )
    assert response.headers["location"] == f"/c/{ROUNDS}/van-ban?dot=quy-2"
    client.app.state.desk.builds.wait(f"{ROUNDS}/quy-2", 120)  # type: ignore[attr-defined]
    assert client.get(f"/c/{ROUNDS}/soan/tien-do?dot=quy-2").json()["trang_thai"] == "xong"
    assert (folder / ROUNDS / "dot" / "quy-2" / "ho-so" / "manifest.json").is_file()
    assert not (folder / ROUNDS / "dot" / "quy-3" / "ho-so").exists()
    packed = client.get(f"/c/{ROUNDS}/ho-so.zip?dot=quy-2")
    assert (
        packed.headers["content-disposition"] == f'attachment; filename="{ROUNDS}-quy-2-ho-so.zip"'
    )
    assert client.get(f"/c/{ROUNDS}/ho-so.zip?dot=quy-3").status_code == 422  # not built yet


# ------------------------------------------------------------------ the award register

GIAM_NO = "bhxh-2017-giam-no"


@pytest.fixture
def recorded(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The 2017 example evaluated and its decision (No. 123 of 15/01/2018) recorded in the
    register the agency profile names by default (a file beside it)."""
    from thidua_docs import api
    from thidua_docs.register.db import ENV_VAR

    monkeypatch.delenv(ENV_VAR, raising=False)
    today = dt.date(2018, 1, 20)
    api.evaluate(campaign=folder / GIAM_NO, today=today)
    api.register_record(campaign=folder / GIAM_NO, so=123, ngay=dt.date(2018, 1, 15), today=today)
    return folder


def test_the_register_without_a_book_says_so_on_its_page(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from thidua_docs.register.db import ENV_VAR

    monkeypatch.delenv(ENV_VAR, raising=False)
    page = client.get(f"/so?c={GIAM_NO}&q=tuyen quang")
    assert page.status_code == 200
    assert 'role="alert"' in page.text and "Sổ khen thưởng" in page.text
    assert_vietnamese_page(page.text)


def test_search_without_diacritics_then_history_then_eligibility(
    recorded: Path, client: TestClient
) -> None:
    found = client.get(f"/so?c={GIAM_NO}&q=tuyen quang").text
    assert "Bảo hiểm xã hội tỉnh Tuyên Quang" in found
    link = re.search(r'href="(/so/lich-su/[^"?]+)\?c=', found)
    assert link, found
    history = client.get(link.group(1) + f"?c={GIAM_NO}").text
    assert "Lịch sử khen thưởng: Bảo hiểm xã hội tỉnh Tuyên Quang" in history
    assert "123/QĐ-BHXH" in history and "15/01/2018" in history
    code = link.group(1).rsplit("/", 1)[1]
    answer = client.get(
        f"/so/dieu-kien?c={GIAM_NO}&hinh_thuc=Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam"
        f"&nam=2018&ma={code}"
    )
    assert answer.status_code == 200
    assert "Bảo hiểm xã hội tỉnh Tuyên Quang —" in answer.text
    bad_year = client.get(f"/so/dieu-kien?c={GIAM_NO}&hinh_thuc=x&nam=hai nghìn").text
    assert "Năm phải là một số" in bad_year
