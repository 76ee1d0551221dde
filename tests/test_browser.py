"""The built site in a real browser: Debian's Chromium driven by Playwright.

The web-view page is opened as the mini program opens it (a 375×667 phone,
WeChat's user agent) from a local static server; every request is recorded,
and any that would leave 127.0.0.1 is blocked and fails the test.
Screenshots land in test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from policysite.assemble import heading_text
from policysite.judge import judge

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
WECHAT_MINI_PROGRAM = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                       "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323c) NetType/4G "
                       "Language/zh_CN miniProgram/wx0123456789abcdef")
PHONE = {"viewport": {"width": 375, "height": 667}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True, "user_agent": WECHAT_MINI_PROGRAM}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(flagship):
    handler = functools.partial(_QuietHandler, directory=str(flagship.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = (f"Chromium is not installed at {CHROMIUM}: install Debian's `chromium` package "
                   "(`apt-get install chromium`; .ci/run does it) — `playwright install` cannot work here")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class Visit:
    """A browser context that records every request and blocks those leaving 127.0.0.1."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith("data:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def phone(browser):
    visit = Visit(browser, **PHONE)
    yield visit
    visit.close()


def _expected_headings(project, language: str) -> dict[str, str]:
    policy = judge(project.root)
    return {section.id: heading_text(section, policy.text(language, section.id).title, language)
            for section in policy.sections if section.role != "intro"}


@pytest.mark.parametrize("language, path", [("zh", "/webview/"), ("en", "/en/webview/")])
def test_webview_reads_well_on_a_phone_inside_wechat(phone, site_url, flagship, language, path):
    page = phone.page
    response = page.goto(site_url + path)
    assert response is not None and response.ok
    assert "miniProgram" in page.evaluate("navigator.userAgent")

    assert page.evaluate("document.scrollingElement.scrollWidth") <= page.evaluate("innerWidth")
    body_px = float(page.evaluate("getComputedStyle(document.body).fontSize").removesuffix("px"))
    assert body_px >= 16

    for section_id, heading in _expected_headings(flagship, language).items():
        element = page.locator(f"h2#{section_id}")
        assert element.count() == 1, f"section {section_id} is missing"
        assert element.inner_text().strip() == heading

    # The inventory on a phone: one card per row, the scenario first, each column a labelled line (issue #12).
    box = page.locator("#appendix ~ .table").first
    assert box.count() == 1
    assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    rows = len(flagship.read("data/inventory.yml").split("\n  - scenario:")) - 1
    assert box.locator("tbody tr").count() == rows
    cell_px = float(box.locator("td").first.evaluate("cell => getComputedStyle(cell).fontSize").removesuffix("px"))
    assert cell_px >= 16
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"webview-{language}-first-screen.png"))
    box.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"webview-{language}-table.png"))
    assert box.locator("tbody tr").first.evaluate("row => getComputedStyle(row).display") == "block"
    assert not box.evaluate("box => box.scrollWidth > box.clientWidth"), "a card must not scroll sideways"
    second = box.locator("tbody tr").first.locator("td").nth(1)
    label = second.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label.strip('"') == second.get_attribute("data-label") and label.strip('"')
    assert page.evaluate("document.scrollingElement.scrollWidth") <= page.evaluate("innerWidth")

    # The contents open and lead to a section.
    page.locator("details.toc summary").click()
    page.locator("details.toc a[href='#rights']").click()
    assert page.evaluate("location.hash") == "#rights"

    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"webview-{language}.png"), full_page=True)
    page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    page.screenshot(path=str(ARTIFACTS / f"webview-{language}-footer.png"))

    assert phone.blocked == []
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in phone.requests), phone.requests
    # One HTML file: no stylesheet, script, font or image request.
    assert [urlsplit(url).path for url in phone.requests] == [path]


def test_webview_dark_scheme(browser, site_url):
    visit = Visit(browser, **PHONE, color_scheme="dark")
    try:
        visit.page.goto(site_url + "/webview/")
        background = visit.page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(255, 255, 255)"
        ARTIFACTS.mkdir(exist_ok=True)
        visit.page.screenshot(path=str(ARTIFACTS / "webview-zh-dark.png"))
    finally:
        visit.close()


def test_webview_footer_switches_language(phone, site_url):
    page = phone.page
    page.goto(site_url + "/webview/")
    page.locator("footer a[hreflang='en']").click()
    page.wait_for_url(site_url + "/en/webview/")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator("footer a[hreflang='zh-CN']").click()
    page.wait_for_url(site_url + "/webview/")
    assert phone.blocked == []


def _switch_language(page, hreflang: str) -> None:
    page.locator(".md-header .md-select").first.hover()
    # |= : `zh` finds the link whose hreflang is `zh-CN`.
    page.locator(f".md-select__link[hreflang|='{hreflang}']").first.click()


def test_language_switcher_moves_between_zh_and_en_of_the_same_page(browser, site_url):
    visit = Visit(browser, viewport={"width": 1280, "height": 800})
    page = visit.page
    try:
        page.goto(site_url + "/")
        assert page.locator("h1").first.inner_text().strip() == "数据保护政策"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "full-zh.png"))
        _switch_language(page, "en")
        page.wait_for_url(site_url + "/en/")
        assert page.locator("h1").first.inner_text().strip() == "Data Protection Policy"
        page.screenshot(path=str(ARTIFACTS / "full-en.png"))
        _switch_language(page, "zh")
        page.wait_for_url(site_url + "/")
        assert page.locator("h1").first.inner_text().strip() == "数据保护政策"
        # Material's alternate-language lookup once fetched sitemap.xml from the production host.
        assert visit.blocked == []
    finally:
        visit.close()


def test_full_page_on_a_phone_loads_nothing_from_elsewhere(phone, site_url):
    page = phone.page
    page.goto(site_url + "/", wait_until="networkidle")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= page.evaluate("innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "full-zh-phone.png"))
    assert phone.blocked == []
