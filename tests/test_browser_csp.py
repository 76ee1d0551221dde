"""Every kind of page in Chromium: nothing from another host, no CSP violation, and still working.

A site with two released versions (so that it has a redline) is served from
127.0.0.1; every request is recorded and any leaving 127.0.0.1 is aborted and
fails the test. Each page's Content-Security-Policy is in force, so a script,
style or fetch it forbids shows up as a `securitypolicyviolation` event or a
console error. The interactive parts of Material (language menu, search,
contents, colours) must keep working under that policy.
"""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlsplit

import pytest

from conftest import Project, copy_of
from test_browser import ARGS, CHROMIUM, _QuietHandler, _switch_language

PAGES = [
    "/", "/en/",  # the full page
    "/webview/", "/en/webview/",  # the mini program's web-view
    "/archive/", "/en/archive/",  # the list of versions
    "/archive/2024-11-18/", "/en/archive/2024-11-18/",  # an archived version
    "/archive/2024-11-18/webview/", "/en/archive/2024-11-18/webview/",  # its web-view
    "/archive/2025-03-01/changes/", "/en/archive/2025-03-01/changes/",  # a redline
    "/404.html", "/en/404.html",
]
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (event) => window.__violations.push(event.violatedDirective + " " + event.blockedURI));
"""


@pytest.fixture(scope="module")
def two_versions(two_versions_template: Project, tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Two released versions, built (conftest.py's template, copied for this module)."""
    return copy_of(two_versions_template, tmp_path_factory.mktemp("csp-site") / "project")


@pytest.fixture(scope="module")
def site(two_versions: Project):
    handler = functools.partial(_QuietHandler, directory=str(two_versions.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Watched:
    """A browser tab whose every request, CSP violation, console error and script error is kept."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.add_init_script(WATCH_VIOLATIONS)
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations")

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: install Debian's `chromium` package")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def tab(browser):
    watched = Watched(browser, viewport={"width": 1280, "height": 800})
    yield watched
    watched.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_kind_loads_only_from_this_site_without_csp_violations(tab: Watched, site: str, path: str):
    response = tab.page.goto(site + path, wait_until="networkidle")
    assert response is not None and response.ok
    csp = tab.page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert csp.count() == 1
    policy = csp.get_attribute("content")
    for directive in ("base-uri 'none'", "form-action 'none'", "frame-src 'none'", "object-src 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    # The CSP governs only what follows it: it comes right after the charset.
    first = tab.page.evaluate("[...document.head.children].slice(0, 3).map(e => e.outerHTML)")
    assert first[0] == '<meta charset="utf-8">' and "Content-Security-Policy" in first[1], first
    assert tab.page.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"
    assert tab.violations() == []
    assert tab.errors == []
    assert tab.outside == []
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in tab.requests if not url.startswith("data:"))
    assert not any(url.endswith("sitemap.xml") for url in tab.requests), "Material's alternate lookup is off"


def test_language_menu_and_contents_work_under_the_csp(tab: Watched, site: str):
    """The light layout (issue #12) has no script: the language menu and contents are plain links."""
    page = tab.page
    page.goto(site + "/archive/2024-11-18/", wait_until="networkidle")
    _switch_language(page, "en")
    page.wait_for_url(site + "/en/archive/2024-11-18/")
    assert page.evaluate("document.documentElement.lang") == "en"

    page.goto(site + "/", wait_until="networkidle")
    # Contents: the sidebar's link leads to the section.
    page.locator(".md-sidebar--secondary a.md-nav__link[href='#rights']").click()
    assert page.evaluate("location.hash") == "#rights"
    # No script runs anywhere: search went with Material's bundle (the browser's find searches one page).
    assert page.evaluate("document.scripts.length") == 0
    assert not any(url.endswith(".js") for url in tab.requests)

    assert tab.violations() == [] and tab.errors == [] and tab.outside == []


def test_colours_follow_the_reader_under_the_csp(browser, site: str):
    """Dark mode comes from the reader's system through the stylesheet alone."""
    backgrounds = {}
    for scheme in ("dark", "light"):
        watched = Watched(browser, color_scheme=scheme)
        try:
            watched.page.goto(site + "/en/archive/", wait_until="networkidle")
            backgrounds[scheme] = watched.page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert watched.violations() == [] and watched.errors == [] and watched.outside == []
        finally:
            watched.close()
    assert backgrounds == {"dark": "rgb(22, 24, 27)", "light": "rgb(255, 255, 255)"}
