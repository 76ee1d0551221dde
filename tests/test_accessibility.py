"""Every page kind reads on every screen: 320, 375 and 1280 px wide, light and dark, in real Chromium.

The site is the flagship with two more releases (version 2 in force since a few
days, version 3 coming), so the full page shows both change notices and there is a
redline. On every page: no sideways scroll, and no axe-core violation of serious or
critical impact. axe-core comes from npm (tests/axe, installed by `make test`); it is
evaluated in the page, so the page's Content-Security-Policy does not have to allow it.
"""

from __future__ import annotations

import functools
import http.server
import io
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from archive_support import build, edit_text, release, summary_args
from conftest import Project, copy_project
from test_browser import ARTIFACTS, Visit, browser  # noqa: F401  (the module's Chromium)

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (320, 375, 1280)
SCHEMES = ("light", "dark")
# (kind, path) for each language root: every kind of page the site publishes.
KINDS = [("full", ""), ("webview", "webview/"), ("history", "archive/"), ("version", "archive/2026-12-01/"),
         ("redline", "archive/2026-12-01/changes/"), ("404", "404.html"),
         # The flagship's lists (data/site.yml): a wide table of data, values still to confirm in <em>.
         ("list", "lists/third-parties/"), ("list-webview", "lists/collection/webview/")]
LANGUAGES = {"zh": "/", "en": "/en/"}
SECOND_EDITS = {"zh": ("docs/zh/sections/rights.md", "我们将在核实后验证您的身份", "我们将在核实后尽快验证您的身份"),
                "en": ("docs/en/sections/rights.md", "We will promptly verify your identity",
                       "We will promptly and carefully verify your identity")}
LATER_SUMMARIES = {"zh": "明确了我们会尽快核实您的身份。", "en": "Clarifies that we verify your identity quickly."}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def three_versions(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("a11y") / "project")
    edit_text(project)
    second = release(project, "--material", "no", "--effective", "2026-12-01", *summary_args(), today="2026-12-01")
    assert second.returncode == 0, second.output
    for path, old, new in SECOND_EDITS.values():
        project.replace(path, old, new)
    third = release(project, "--material", "no", "--effective", "2027-01-01", *summary_args(LATER_SUMMARIES), today="2026-12-02")
    assert third.returncode == 0, third.output
    built = build(project, today="2026-12-05")
    assert built.returncode == 0, built.output
    return project


@pytest.fixture(scope="module")
def served(three_versions: Project):
    handler = functools.partial(_QuietHandler, directory=str(three_versions.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed at {AXE}: run `make test` (it runs `npm ci --prefix tests/axe`)")
    return AXE.read_text(encoding="utf-8")


def _axe(page) -> list[dict]:
    """Serious and critical violations, each with the first offending elements (axe-core already in the page)."""
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' — ' + n.failureSummary)}));
    }""")
    return result


def _overflow(page) -> int:
    """How far the page scrolls sideways, in CSS pixels (0: it does not)."""
    return page.evaluate("document.scrollingElement.scrollWidth - document.documentElement.clientWidth")


# Each page is loaded once per width and checked in both schemes: the colours follow the reader's system through
# the stylesheets' `prefers-color-scheme` media queries alone (no script picks a palette at load: see
# test_browser_csp.py::test_colours_follow_the_reader_under_the_csp), so switching the emulated scheme on the loaded
# page restyles it exactly as a page opened in that scheme. Loading and injecting axe-core once for both schemes
# halves the slowest module's page loads; every page, width and scheme is still measured and run through axe, and
# each (width, scheme) keeps its own test, which reports that scheme's problems.
BACKGROUNDS = {"light": "rgb(255, 255, 255)", "dark": "rgb(22, 24, 27)"}


@pytest.fixture(scope="module")
def problems_at(browser, served, axe_source):  # noqa: F811
    """width → {scheme: problems, "blocked": requests blocked}, each width checked once (on first use) for the module."""
    checked: dict[int, dict[str, list[str]]] = {}

    def check(width: int) -> dict[str, list[str]]:
        if width not in checked:
            checked[width] = _check_every_page_kind(browser, served, axe_source, width)
        return checked[width]
    return check


def _check_every_page_kind(chromium, served: str, axe_source: str, width: int) -> dict[str, list[str]]:
    visit = Visit(chromium, viewport={"width": width, "height": 800 if width > 400 else 667},
                  color_scheme=SCHEMES[0], is_mobile=width < 400, has_touch=width < 400)
    problems: dict[str, list[str]] = {scheme: [] for scheme in SCHEMES}
    try:
        for language, root in LANGUAGES.items():
            for kind, path in KINDS:
                visit.page.goto(served + root + path, wait_until="load")
                visit.page.evaluate(axe_source)
                for scheme in SCHEMES:
                    visit.page.emulate_media(color_scheme=scheme)
                    where = f"{kind} ({language}) at {width}px {scheme}"
                    # The switch took: the page wears the scheme's colours.
                    background = visit.page.evaluate("getComputedStyle(document.body).backgroundColor")
                    if background != BACKGROUNDS[scheme]:
                        problems[scheme].append(f"{where}: the page's background is {background}, "
                                                f"not the scheme's {BACKGROUNDS[scheme]}")
                    if (wide := _overflow(visit.page)) > 0:
                        problems[scheme].append(f"{where}: the page scrolls {wide}px sideways")
                    for violation in _axe(visit.page):
                        problems[scheme].append(f"{where}: {violation['impact']} {violation['id']} "
                                                f"({violation['help']}): " + " | ".join(violation["nodes"]))
                    if width == 375 and scheme == "light":
                        ARTIFACTS.mkdir(exist_ok=True)
                        visit.page.screenshot(path=str(ARTIFACTS / f"a11y-{kind}-{language}-{width}.png"))
    finally:
        visit.close()
    return {**problems, "blocked": visit.blocked}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_kind_fits_and_has_no_serious_accessibility_violation(problems_at, width, scheme):
    checked = problems_at(width)
    assert not checked[scheme], "\n".join(checked[scheme])
    assert not checked["blocked"], checked["blocked"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lang_attribute_is_the_languages_hreflang_on_every_page(browser, served, language):  # noqa: F811
    expected = {"zh": "zh-CN", "en": "en"}[language]
    visit = Visit(browser)
    try:
        for kind, path in KINDS:
            visit.page.goto(served + LANGUAGES[language] + path, wait_until="load")
            assert visit.page.evaluate("document.documentElement.lang") == expected, kind
    finally:
        visit.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_policy_starts_on_the_first_phone_screen_with_both_notices(browser, served, language):  # noqa: F811
    """Both notices together take at most a third of a 375×667 screen; the policy's first words are on it."""
    visit = Visit(browser, viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    try:
        for path in ("", "webview/"):
            visit.page.goto(served + LANGUAGES[language] + path, wait_until="load")
            boxes = visit.page.evaluate("""() => [...document.querySelectorAll(
                '.policy-banner--updated, .policy-banner--upcoming')].map(e => e.getBoundingClientRect().height)""")
            assert len(boxes) == 2, path
            assert sum(boxes) <= 667 / 3, (path, boxes)
            first = visit.page.evaluate("""() => {
                const h1 = document.querySelector('h1');
                let p = h1.nextElementSibling;
                while (p && (p.tagName !== 'P' || p.closest('.policy-banner, .notice')
                       || p.classList.contains('policy-banner') || p.classList.contains('notice'))) p = p.nextElementSibling;
                return p ? p.getBoundingClientRect().top : 9999; }""")
            assert first < 667, (path, first)
    finally:
        visit.close()


@pytest.mark.parametrize("path", ["", "webview/"])
def test_the_inventory_is_a_table_on_a_desk_and_cards_on_a_phone(browser, served, path):  # noqa: F811
    """The same HTML: a table in a keyboard-reachable region at 1280 px, one labelled card per row at 320 px."""
    for width, display in ((1280, "table-row"), (320, "block")):
        visit = Visit(browser, viewport={"width": width, "height": 800})
        try:
            for root in LANGUAGES.values():
                visit.page.goto(served + root + path, wait_until="load")
                box = visit.page.locator("#appendix ~ .table").first
                assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0"
                assert box.locator("tbody tr").first.evaluate("r => getComputedStyle(r).display") == display
                cells = box.locator("tbody tr").first.locator("td")
                assert cells.nth(1).get_attribute("data-label") == box.locator("th").nth(1).inner_text().strip()
        finally:
            visit.close()


def test_english_runs_at_most_about_75_characters_a_line_on_a_desk(browser, served):  # noqa: F811
    visit = Visit(browser, viewport={"width": 1280, "height": 800})
    try:
        for path in ("", "webview/", "archive/"):
            visit.page.goto(served + "/en/" + path, wait_until="load")
            widest = visit.page.evaluate("""() => Math.max(...[...document.querySelectorAll('main p')].map(p => {
                const lines = Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
                return lines > 2 ? p.innerText.length / lines : 0; }))""")
            assert 40 < widest <= 80, (path, widest)
    finally:
        visit.close()


@pytest.mark.parametrize("kind,path", [("full", ""), ("webview", "webview/"), ("version", "archive/2026-12-01/")])
def test_printed_at_a4_no_table_row_is_split_across_pages(browser, served, kind, path):  # noqa: F811
    """Chromium's own printer, at A4: every table row lies on one page, and the page says whose policy it is."""
    visit = Visit(browser, viewport={"width": 1280, "height": 800})
    try:
        for language, root in LANGUAGES.items():
            visit.page.goto(served + root + path, wait_until="load")
            visit.page.emulate_media(media="print")
            pdf = visit.page.pdf(format="A4", print_background=False)
            rows = visit.page.evaluate("document.querySelectorAll('table tr').length")
            assert rows > 0, f"{kind} ({language}) has no table to print"
            (ARTIFACTS / f"print-{kind}-{language}.pdf").parent.mkdir(exist_ok=True)
            (ARTIFACTS / f"print-{kind}-{language}.pdf").write_bytes(pdf)
            _assert_rows_whole(pdf, visit.page, f"{kind} ({language})")
    finally:
        visit.close()


def _assert_rows_whole(pdf: bytes, page, where: str) -> None:
    """Each row's first and last words print on the same PDF page (rows are found in order, page by page)."""
    rows = page.evaluate("""() => [...document.querySelectorAll('table tbody tr')].map(tr => {
        const text = tr.innerText.replace(/\\s+/g, '');
        return [text.slice(0, 24), text.slice(-12)]; })""")
    pages = [''.join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 1, where
    at = 0
    for first, last in rows:
        start = next((i for i in range(at, len(pages)) if first in pages[i]), None)
        assert start is not None, f"{where}: the row starting {first!r} is not printed whole on any page"
        assert last in pages[start][pages[start].index(first):], \
            f"{where}: the row starting {first!r} is split across pages {start + 1} and {start + 2}"
        at = start
    # Every printed page says whose policy, which version and where it lives, and its number.
    for number, text in enumerate(pages, 1):
        assert f"{number}/{len(pages)}" in text and "privacy.xometry.asia" in text, (where, number)
