"""The desk in a real browser: Debian's Chromium driven by Selenium through Debian's chromedriver
(nothing downloads a browser of its own), against `thidua web` started as a clerk starts it.

One server for the session (and one for the login case); the flow goes from the desk to a
downloaded dossier, then the bad paths. With THIDUA_ANH=docs/anh the main pages are also
saved as screenshots for the README (1366×768 and a phone's width).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from ..helpers import CAMPAIGNS
from .conftest import CAMPAIGN

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()) and not os.environ.get("CI"),
    reason="Chromium và chromedriver của Debian chưa cài (CI cài chúng trong .ci/run và luôn chạy)",
)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


class Desk:
    """`thidua web FOLDER` in a child process, until the session ends."""

    def __init__(self, folder: Path, host: str = "127.0.0.1", env: dict[str, str] | None = None):
        self.port = free_port(host)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "thidua_docs",
                "web",
                str(folder),
                "--host",
                host,
                "--port",
                str(self.port),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, **(env or {})},
        )
        assert self.process.stdout is not None
        lines = []
        for line in self.process.stdout:
            lines.append(line)
            if line.startswith("Mở trình duyệt tại "):
                self.url = line.split()[4].rstrip("/")
                break
        else:
            raise AssertionError("".join(lines))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def start_chromium(downloads: Path) -> WebDriver:
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager never fetches a driver or a browser
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1366,768",
        "--lang=vi",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    return driver


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example campaigns, with the 2024 campaign's results taken out: the clerk uploads them."""
    target = tmp_path_factory.mktemp("ban-lam-viec") / "campaigns"
    shutil.copytree(CAMPAIGNS, target)
    (target / CAMPAIGN / "ket-qua.xlsx").unlink()
    return target


@pytest.fixture(scope="module")
def desk(folder: Path) -> Iterator[Desk]:
    server = Desk(folder)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tai-ve")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[WebDriver]:
    driver = start_chromium(downloads)
    yield driver
    driver.quit()


def shot(driver: WebDriver, name: str) -> None:
    """A screenshot for the README when asked (THIDUA_ANH), at the office laptop's size and at
    a phone's width."""
    folder = os.environ.get("THIDUA_ANH")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1366, min(max(768, int(height) + 100), 1400))
    driver.save_screenshot(str(Path(folder) / f"{name}.png"))
    driver.set_window_size(1366, 768)


def phone_shot(driver: WebDriver, name: str) -> None:
    folder = os.environ.get("THIDUA_ANH")
    if not folder:
        return
    driver.set_window_size(390, 844)
    driver.save_screenshot(str(Path(folder) / f"{name}.png"))
    driver.set_window_size(1366, 768)


def wait(driver: WebDriver, seconds: float = 60) -> WebDriverWait[WebDriver]:
    return WebDriverWait(driver, seconds)


def h1(driver: WebDriver) -> str:
    return str(driver.find_element(By.TAG_NAME, "h1").text)


def heading_is(driver: WebDriver, text: str, seconds: float = 60) -> bool:
    """The page after a click has this heading (waits for the navigation)."""
    try:
        wait(driver, seconds).until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), text))
    except Exception:
        return False
    return True


UNLABELLED = """
return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
  .filter(e => !(e.id && document.querySelector('label[for="' + e.id + '"]')) && !e.closest('label'))
  .map(e => e.outerHTML);
"""


def assert_labelled(driver: WebDriver) -> None:
    """Every control of the page has its label (a screen reader names it; a click on the label
    reaches it)."""
    assert driver.execute_script(UNLABELLED) == []


def test_from_the_desk_to_a_downloaded_dossier(
    browser: WebDriver, desk: Desk, folder: Path, downloads: Path
) -> None:
    b = browser
    b.get(desk.url + "/")
    assert h1(b) == "Các chiến dịch thi đua"
    row = b.find_element(By.XPATH, f"//a[@href='/c/{CAMPAIGN}']/ancestor::tr")
    assert "chưa có" in row.text  # results not in yet
    shot(b, "chien-dich")
    phone_shot(b, "dien-thoai")

    b.find_element(By.CSS_SELECTOR, f"a[href='/c/{CAMPAIGN}']").click()
    assert heading_is(b, CAMPAIGN)
    assert "Tệp khai báo hợp lệ." in b.page_source
    shot(b, "tep-khai-bao")
    b.find_element(By.LINK_TEXT, "Sửa tệp khai báo").click()
    assert heading_is(b, f"Sửa tệp khai báo: {CAMPAIGN}")
    assert_labelled(b)

    # upload the example results
    b.find_element(By.LINK_TEXT, "Kết quả và xét chọn").click()
    assert heading_is(b, f"Kết quả và xét chọn: {CAMPAIGN}")
    assert_labelled(b)
    b.find_element(By.ID, "tep").send_keys(str(CAMPAIGNS / CAMPAIGN / "ket-qua.xlsx"))
    b.find_element(By.XPATH, "//button[text()='Tải lên và kiểm tra']").click()
    wait(b).until(ec.presence_of_element_located((By.ID, "xet-chon")))
    assert "Đã nhận tệp kết quả." in b.page_source
    assert (folder / CAMPAIGN / "ket-qua.xlsx").read_bytes() == (
        CAMPAIGNS / CAMPAIGN / "ket-qua.xlsx"
    ).read_bytes()

    # the selection, explained, sorted by a column with the keyboard
    table = b.find_element(By.ID, "bang-1")
    assert "BHXH tỉnh — lĩnh vực BHXH bắt buộc (chọn 3/3)" in table.text
    first = [
        r.find_elements(By.TAG_NAME, "td")[1].text
        for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]
    assert first[0] == "Bảo hiểm xã hội tỉnh Sơn La"
    shot(b, "xet-chon")
    by_name = table.find_element(By.CSS_SELECTOR, "button.sap[data-cot='1']")
    b.execute_script("arguments[0].focus()", by_name)
    by_name.send_keys("\n")  # Enter on the focused header button
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    sorted_names = [r.find_elements(By.TAG_NAME, "td")[1].text for r in rows]
    assert sorted(sorted_names) == sorted(first) and sorted_names != first
    assert sorted_names[0].startswith("Bảo hiểm xã hội thành phố")  # "thành" before "tỉnh"
    assert (
        table.find_element(By.CSS_SELECTOR, "th[aria-sort]").get_attribute("aria-sort")
        == "ascending"
    )
    by_rank = table.find_element(By.CSS_SELECTOR, "button.sap[data-cot='0']")
    by_rank.click()
    by_rank.click()  # the second time: descending
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    marks = [r.find_elements(By.TAG_NAME, "td")[0].text for r in rows]
    ranks = [int(m) for m in marks if m != "—"]
    assert ranks == sorted(ranks, reverse=True) and ranks[-1] == 1 and len(ranks) > 3
    assert marks[: len(ranks)] == [str(r) for r in ranks]  # the unranked ("—") stay last

    # preview a document (PDF made by LibreOffice)
    b.find_element(By.LINK_TEXT, "Văn bản và hồ sơ").click()
    b.find_element(By.PARTIAL_LINK_TEXT, "Quyết định khen thưởng").click()
    wait(b, 120).until(ec.presence_of_element_located((By.ID, "xem-pdf")))
    assert h1(b).startswith("Xem trước: Quyết định")
    pdf_url = b.find_element(By.ID, "xem-pdf").get_attribute("src")
    head = b.execute_async_script(
        "const done = arguments[1];"
        "fetch(arguments[0]).then(r => r.arrayBuffer().then(a => done([r.headers.get('content-type'),"
        " String.fromCharCode(...new Uint8Array(a.slice(0, 5)))])));",
        pdf_url,
    )
    assert head == ["application/pdf", "%PDF-"]
    names = [a.text for a in b.find_elements(By.CSS_SELECTOR, "ul.danh-sach-loai a")]
    assert names[0] == "quyet-dinh.pdf" and "danh-sach-kem-quyet-dinh.pdf" in names
    if os.environ.get("THIDUA_ANH"):
        time.sleep(3)  # the PDF viewer draws the first page
    shot(b, "xem-truoc")

    # build, with its progress bar, and download the zip
    b.find_element(By.LINK_TEXT, "← Về văn bản và hồ sơ").click()
    assert_labelled(b)
    b.find_element(By.XPATH, "//button[text()='Soạn hồ sơ']").click()
    assert b.find_element(By.ID, "thanh-tien-do").tag_name == "progress"
    wait(b, 180).until(
        ec.text_to_be_present_in_element((By.ID, "trang-thai"), "Đã soạn xong hồ sơ.")
    )
    bar = b.find_element(By.ID, "thanh-tien-do")
    assert bar.get_attribute("value") == bar.get_attribute("max") != "1"
    shot(b, "soan-ho-so")
    b.find_element(By.ID, "tai-zip").click()
    target = downloads / f"{CAMPAIGN}-ho-so.zip"
    deadline = time.monotonic() + 60
    while not target.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert target.is_file(), list(downloads.iterdir())

    # the zip's manifest lists every file of the zip, each with its SHA-256
    archive = zipfile.ZipFile(io.BytesIO(target.read_bytes()))
    manifest = json.loads(archive.read("manifest.json"))
    listed = {row["tep"] for row in manifest["tep"]}
    assert listed | {"manifest.json", "manifest.csv"} == set(archive.namelist())
    assert {"quyet-dinh.docx", "to-trinh.docx", "bien-ban.docx"} <= listed
    for row in manifest["tep"]:
        assert hashlib.sha256(archive.read(row["tep"])).hexdigest() == row["sha256"]
    assert (folder / CAMPAIGN / "ho-so" / "manifest.json").is_file()


def test_a_bad_spreadsheet_is_a_located_message(
    browser: WebDriver, desk: Desk, tmp_path: Path
) -> None:
    fake = tmp_path / "ket-qua.xlsx"
    fake.write_text("Đơn vị;Tiến độ\nBHXH tỉnh A;96,6\n", encoding="utf-8")  # a CSV renamed
    browser.get(f"{desk.url}/c/{CAMPAIGN}/ket-qua")
    browser.find_element(By.ID, "tep").send_keys(str(fake))
    browser.find_element(By.ID, "thay").click()
    browser.find_element(By.XPATH, "//button[text()='Tải lên và kiểm tra']").click()
    alert = wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]")))
    assert "không phải tệp .xlsx" in alert.text
    shot(browser, "loi-tep-ket-qua")


def test_traversal_is_refused(browser: WebDriver, desk: Desk) -> None:
    for path in ("/c/%2e%2e%2f%2e%2e%2fetc", "/c/co-quan", "/tinh/%2e%2e%2fapp.py"):
        browser.get(desk.url + path)
        assert h1(browser) == "Không tìm thấy", path
        assert "Traceback" not in browser.page_source


def test_an_oversized_upload_is_refused(
    browser: WebDriver, desk: Desk, folder: Path, tmp_path: Path
) -> None:
    big = tmp_path / "ket-qua.xlsx"
    big.write_bytes(b"\0" * (11 * 1024 * 1024))
    before = (folder / CAMPAIGN / "ket-qua.xlsx").read_bytes()
    browser.get(f"{desk.url}/c/{CAMPAIGN}/ket-qua")
    browser.find_element(By.ID, "tep").send_keys(str(big))
    browser.find_element(By.ID, "thay").click()
    browser.find_element(By.XPATH, "//button[text()='Tải lên và kiểm tra']").click()
    assert heading_is(browser, "Tệp quá lớn")
    assert "10 MB" in browser.page_source
    assert (folder / CAMPAIGN / "ket-qua.xlsx").read_bytes() == before


def test_a_form_without_its_csrf_token_is_refused(
    browser: WebDriver, desk: Desk, folder: Path
) -> None:
    spec = folder / CAMPAIGN / "chien-dich.yaml"
    before = spec.read_bytes()
    browser.get(f"{desk.url}/c/{CAMPAIGN}/sua")
    browser.execute_script("document.querySelector('input[name=_csrf]').remove()")
    browser.find_element(By.ID, "noi_dung").send_keys("# sửa\n")
    browser.find_element(By.XPATH, "//button[text()='Kiểm tra và lưu']").click()
    assert heading_is(browser, "Không được phép")
    assert "mã bảo vệ (CSRF)" in browser.page_source
    assert spec.read_bytes() == before


def test_a_desk_open_to_other_machines_needs_login(browser: WebDriver, tmp_path: Path) -> None:
    folder = tmp_path / "campaigns"
    shutil.copytree(CAMPAIGNS, folder)
    host = "127.0.0.2"  # not this machine's own address as far as the desk is concerned
    refused = subprocess.run(
        [sys.executable, "-m", "thidua_docs", "web", str(folder), "--host", host],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2 and "chưa có tài khoản nào" in refused.stderr
    made = subprocess.run(
        [sys.executable, "-m", "thidua_docs", "web", str(folder), "--them-tai-khoan", "lan"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "THIDUA_MAT_KHAU": "mat-khau-lan-1"},
    )
    assert made.returncode == 0, made.stderr
    server = Desk(folder, host=host)
    try:
        browser.get(server.url + f"/c/{CAMPAIGN}/ket-qua")
        assert h1(browser) == "Đăng nhập"
        shot(browser, "dang-nhap")
        browser.find_element(By.ID, "ten").send_keys("lan")
        browser.find_element(By.ID, "mat_khau").send_keys("sai-mat-khau\n")
        wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]")))
        assert "không đúng" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
        browser.find_element(By.ID, "mat_khau").send_keys("mat-khau-lan-1\n")
        assert heading_is(browser, f"Kết quả và xét chọn: {CAMPAIGN}")
        browser.get(server.url + "/mau")
        assert_labelled(browser)
        assert "lan (cán bộ thi đua)" in browser.page_source
    finally:
        server.stop()


def test_an_invalid_spec_is_shown_at_its_line_and_not_saved(
    browser: WebDriver, desk: Desk, folder: Path
) -> None:
    spec = folder / CAMPAIGN / "chien-dich.yaml"
    before = spec.read_bytes()
    browser.get(f"{desk.url}/c/{CAMPAIGN}/sua")
    editor = browser.find_element(By.ID, "noi_dung")
    text = str(editor.get_attribute("value"))
    browser.execute_script(
        "arguments[0].value = arguments[1]", editor, text.replace("\nten:", "\ntenn:", 1)
    )
    browser.find_element(By.XPATH, "//button[text()='Kiểm tra và lưu']").click()
    wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "li.dong-loi")))
    marked = browser.find_elements(By.CSS_SELECTOR, "li.dong-loi")
    lines = text.split("\n")
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("ten:"))
    assert f"dong-{number}" in [m.get_attribute("id") for m in marked]
    assert "có phải ý là 'ten'?" in browser.page_source.replace("&#39;", "'")
    browser.execute_script(
        "document.querySelector('li.dong-loi').scrollIntoView({block: 'center'})"
    )
    shot(browser, "loi-tep-khai-bao")
    assert spec.read_bytes() == before


def test_the_register_searched_without_diacritics(
    browser: WebDriver, desk: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from thidua_docs import api
    from thidua_docs.register.db import ENV_VAR

    monkeypatch.delenv(ENV_VAR, raising=False)
    today = dt.date(2018, 1, 20)
    api.evaluate(campaign=folder / "bhxh-2017-giam-no", today=today)
    api.register_record(
        campaign=folder / "bhxh-2017-giam-no", so=123, ngay=dt.date(2018, 1, 15), today=today
    )
    browser.get(desk.url + "/so?c=bhxh-2017-giam-no")
    assert h1(browser) == "Sổ khen thưởng"
    assert_labelled(browser)
    browser.find_element(By.ID, "q").send_keys("tuyen quang\n")
    link = wait(browser).until(
        ec.element_to_be_clickable((By.LINK_TEXT, "Bảo hiểm xã hội tỉnh Tuyên Quang"))
    )
    shot(browser, "so-khen-thuong")
    link.click()
    assert heading_is(browser, "Lịch sử khen thưởng: Bảo hiểm xã hội tỉnh Tuyên Quang")
    assert "123/QĐ-BHXH" in browser.page_source
