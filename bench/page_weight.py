"""Page weight: what a reader downloads to read the policy, against plain Material and the text itself.

For each language it measures the web-view page and the full page of the
project's build, and the page a default mkdocs-material site makes of the same
resolved Markdown (no project hooks, templates or settings). Each page is opened
in Chromium (Debian's /usr/bin/chromium, driven by Playwright) from a local
server; every request is recorded and those to other hosts are blocked and
counted. Sizes are gzip -9 of the files served, which is what a CDN sends. The
floor is the gzipped resolved Markdown: the text alone.

Without Chromium the script falls back to reading the HTML: it counts what the
page references (stylesheets, scripts, icons, images, fonts in CSS) but not
what Material's JavaScript fetches later, and says so.

    .venv/bin/python bench/page_weight.py            # prints a Markdown table
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from policysite.judge import judge  # noqa: E402  (the project root is only on the path now)
from measure import copy_project  # noqa: E402

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PHONE = {"viewport": {"width": 375, "height": 667}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True,
         "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                       "Mobile/15E148 MicroMessenger/8.0.50(0x1800323c) NetType/4G Language/zh_CN miniProgram/wx0"}


@dataclass(frozen=True)
class Weight:
    label: str
    html_gz: int
    assets_gz: int
    requests: int  # same-site requests, the page itself included
    other_hosts: int
    floor: int

    @property
    def total_gz(self) -> int:
        return self.html_gz + self.assets_gz

    @property
    def ratio(self) -> float:
        return self.total_gz / self.floor


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def _file_for(site: Path, path: str) -> Path | None:
    target = site / unquote(path).lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


# -- building the sites ----------------------------------------------------------------------------------

def build_project(target: Path) -> Path:
    copy_project(target)
    _run([sys.executable, "-m", "policysite", "--root", str(target), "build", "--site-dir", "site"], target)
    return target / "site"


def build_plain_material(target: Path, language: str, title: str, markdown: str) -> Path:
    """A default mkdocs-material site of the same text: the theme as it comes, nothing else."""
    (target / "docs").mkdir(parents=True)
    (target / "docs" / "index.md").write_text(f"---\ntitle: {title}\n---\n\n{markdown}", encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        f"site_name: {title}\nsite_url: https://example.org/\ntheme:\n  name: material\n  language: {language}\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - tables\n  - toc\n", encoding="utf-8")
    _run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"], target)
    return target / "site"


def _run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}"[-3000:])


# -- measuring in a browser -------------------------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Served:
    def __init__(self, root: Path):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                      functools.partial(_Quiet, directory=str(root)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def measure_in_browser(browser, served: Served, site: Path, path: str, label: str, floor: int,
                       own_hosts: set[str]) -> Weight:
    """Requests to the site's own production host (absolute hreflang URLs) count as same-site."""
    context = browser.new_context(**PHONE)
    same_site: list[str] = []
    other: list[str] = []

    def route(route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith("data:"):
            route.continue_()
        elif host == "127.0.0.1":
            same_site.append(urlsplit(url).path)
            route.continue_()
        elif host in own_hosts:
            same_site.append(urlsplit(url).path)
            route.abort()
        else:
            other.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(served.url + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    html = _file_for(site, path)
    assets = sum(gz(found.read_bytes()) for request in same_site[1:] if (found := _file_for(site, request)))
    return Weight(label, gz(html.read_bytes()), assets, len(same_site), len(other), floor)


# -- measuring without a browser ---------------------------------------------------------------------------

class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and set(values.get("rel", "").split()) & {"stylesheet", "icon", "preload", "preconnect"}:
            self.urls.append(values.get("href", ""))
        elif tag in ("script", "img", "iframe") and values.get("src"):
            self.urls.append(values["src"])


def measure_statically(site: Path, path: str, label: str, floor: int) -> Weight:
    html_file = _file_for(site, path)
    parser = _References()
    parser.feed(html_file.read_text(encoding="utf-8"))
    base = "http://local" + path
    queue = [urljoin(base, url) for url in parser.urls if url and not url.startswith("data:")]
    seen, assets, other = set(), 0, 0
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        parts = urlsplit(url)
        if parts.hostname != "local":
            other += 1
            continue
        found = _file_for(site, parts.path)
        if found is None:
            continue
        assets += gz(found.read_bytes())
        if found.suffix == ".css":
            css = found.read_text(encoding="utf-8", errors="replace")
            queue += [urljoin(url, ref) for ref in re.findall(r"url\(['\"]?([^'\")]+)", css) if not ref.startswith("data:")]
    return Weight(label, gz(html_file.read_bytes()), assets, 1 + len([u for u in seen if urlsplit(u).hostname == "local"]),
                  other, floor)


# -- the report ---------------------------------------------------------------------------------------------

def page_weights() -> tuple[list[Weight], str]:
    policy = judge(PROJECT)
    site_host = "privacy.xometry.asia"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        project_site = build_project(root / "project")
        plain_sites = {}
        for language in policy.languages:
            plain_sites[language.code] = build_plain_material(
                root / f"plain-{language.code}", language.code, policy.title(language.code), policy.pages[language.code])
        pages = []
        for language in policy.languages:
            prefix = "/" if language.default else f"/{language.code}/"
            floor = gz(policy.pages[language.code].encode("utf-8"))
            pages += [(project_site, prefix + "webview/", f"{language.code} web-view page (this project)", floor),
                      (project_site, prefix, f"{language.code} full page (this project)", floor),
                      (plain_sites[language.code], "/", f"{language.code} default mkdocs-material page", floor)]
        if CHROMIUM.exists():
            from playwright.sync_api import sync_playwright
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                weights = []
                for site, path, label, floor in pages:
                    served = Served(site)
                    try:
                        weights.append(measure_in_browser(browser, served, site, path, label, floor,
                                                          {site_host} if site == project_site else set()))
                    finally:
                        served.close()
                browser.close()
            method = (f"Measured in Chromium {_chromium_version()} at 375×667 with a WeChat mini program user agent: "
                      "every request the page made until the network was idle.")
        else:
            weights = [measure_statically(site, path, label, floor) for site, path, label, floor in pages]
            method = ("Chromium not found: counted what the HTML references (stylesheets, scripts, icons, images, "
                      "CSS url()s), not what JavaScript fetches later — Material's pages weigh more than shown.")
    return weights, method


def _chromium_version() -> str:
    try:
        return subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True).stdout.split()[1]
    except (OSError, IndexError):
        return "?"


def table(weights: list[Weight], method: str) -> str:
    lines = ["| Page | HTML (KB gz) | Assets (KB gz) | Total (KB gz) | × text | Same-site requests | Other-host requests |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    floors = {}
    for weight in weights:
        floors.setdefault(weight.label.split()[0], weight.floor)
        lines.append(f"| {weight.label} | {weight.html_gz / 1024:.1f} | {weight.assets_gz / 1024:.1f} | "
                     f"{weight.total_gz / 1024:.1f} | {weight.ratio:.2f} | {weight.requests} | {weight.other_hosts} |")
    for language, floor in floors.items():
        lines.append(f"| {language} text alone (floor) | {floor / 1024:.1f} | – | {floor / 1024:.1f} | 1.00 | – | – |")
    budget = all(w.ratio <= 2 and w.other_hosts == 0 for w in weights if "web-view" in w.label)
    full = _full_page_budget(weights)
    lines += ["", method, f"Web-view budget (≤ 2× the text, 0 other-host requests): {'met' if budget else 'NOT met'}.",
              f"Full-page budget (≤ 3× the text, ≤ 4 requests, 0 other-host requests): {'met' if full else 'NOT met'}."]
    return "\n".join(lines)


def _full_page_budget(weights: list[Weight]) -> bool:
    """Issue #12: the page the website footer opens weighs at most 3× its text, in at most 4 requests."""
    return all(w.ratio <= 3 and w.requests <= 4 and w.other_hosts == 0 for w in weights if "full page" in w.label)


def main() -> int:
    weights, method = page_weights()
    print(table(weights, method))
    webview = all(w.ratio <= 2 and w.other_hosts == 0 for w in weights if "web-view" in w.label)
    return 0 if webview and _full_page_budget(weights) else 1


if __name__ == "__main__":
    sys.exit(main())
