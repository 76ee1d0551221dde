"""The guard against Chromium: it reports exactly the payloads a real browser fetches from elsewhere.

Every payload of tests/payloads.py is served as a page from a loopback server
(127.0.0.1 only) and opened in Debian's Chromium; every request is recorded and
any that would leave 127.0.0.1 is aborted before it is sent. The guard reads
the same page with the same origin (http://127.0.0.1), and the two verdicts
must match page by page. Payloads the guard reports although Chromium fetches
nothing by just opening the page (a click, scripting off, another browser) are
listed separately in tests/payloads.py and checked to be exactly that.
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import threading
from urllib.parse import urlsplit

import pytest

from payloads import CAUTIOUS, CLEAN, CLICKS, FETCHES
from policysite.external_hosts import check_html
from test_browser import ARGS, CHROMIUM, _QuietHandler  # the same browser, the same quiet server

ALL = {**FETCHES, **CLICKS, **CAUTIOUS, **CLEAN}


def page(body: str) -> str:
    return f'<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>t</title></head>\n<body>\n{body}\n</body>\n</html>\n'


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("payloads")
    for name, body in ALL.items():
        (root / f"{name}.html").write_text(page(body), encoding="utf-8")
    (root / "local.png").write_bytes(b"")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# Payloads opened at the same time, each in its own tab: one after another, the suite spent most of two
# minutes waiting on Chromium. Every tab records only its own requests and waits its own 250 ms after loading.
TABS_AT_ONCE = 6


@pytest.fixture(scope="module")
def chromium_verdicts(payload_site) -> dict[str, list[str]]:
    """Payload name → the URLs outside 127.0.0.1 that Chromium asked for while opening it."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: install Debian's `chromium` package")
    return asyncio.run(_open_every_payload(payload_site))


async def _open_every_payload(payload_site: str) -> dict[str, list[str]]:
    from playwright.async_api import async_playwright
    verdicts: dict[str, list[str]] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = await browser.new_context()

        async def only_loopback(route) -> None:
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                await route.continue_()
            else:
                await route.abort()

        await context.route("**/*", only_loopback)
        tabs = asyncio.Semaphore(TABS_AT_ONCE)

        async def open_payload(name: str) -> None:
            async with tabs:
                outside: list[str] = []
                tab = await context.new_page()
                tab.on("request", lambda request: outside.append(request.url)
                       if urlsplit(request.url).hostname not in ("127.0.0.1", None) else None)
                await tab.goto(f"{payload_site}/{name}.html", wait_until="load")
                await tab.wait_for_timeout(250)  # a refresh of 0 s, a late font or frame
                verdicts[name] = outside
                await tab.close()

        try:
            await asyncio.gather(*(open_payload(name) for name in ALL))
        finally:
            await context.close()
            await browser.close()
    return verdicts


def guard_reports(name: str) -> bool:
    findings = check_html(page(ALL[name]), display=f"{name}.html", site_host="127.0.0.1", scheme="http")
    return any(finding.rule == "site.external-load" for finding in findings)


def test_the_guard_reports_exactly_what_chromium_fetches_from_elsewhere(chromium_verdicts):
    fetched = {name for name, urls in chromium_verdicts.items() if urls}
    reported = {name for name in ALL if guard_reports(name)}
    assert fetched == set(FETCHES), {"fetched, not in FETCHES": fetched - set(FETCHES),
                                     "in FETCHES, not fetched": set(FETCHES) - fetched}
    assert fetched - reported == set(), "Chromium fetched from another host and the guard said nothing"
    assert reported - fetched == set(CLICKS) | set(CAUTIOUS)
    assert all("evil.test" in url for urls in chromium_verdicts.values() for url in urls)
