"""The whole-site guarantee: no built page makes its reader's browser contact another host.

A privacy page must not itself send its readers' requests to third parties, and
Google's hosts are unreachable in mainland China anyway. This reads the built
HTML and CSS (what the browser actually receives) and reports every resource
loaded from elsewhere. Links a reader clicks (``<a href>``) are fine; they only
have to be https and ASCII, because WeChat's web-view on iOS shows a white
screen for anything else.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from .findings import Finding

# Attributes whose URL the browser fetches by itself, per element.
_LOADS: dict[str, tuple[str, ...]] = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
    "object": ("data",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    "body": ("background",),
}
_LOADING_RELS = {"stylesheet", "preload", "prefetch", "modulepreload", "preconnect", "dns-prefetch",
                 "prerender", "icon", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon",
                 "manifest"}
# Every attribute that holds a URL, loaded or clicked.
_URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action", "formaction", "background",
                   "xlink:href", "cite"}
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)

# Where the usual outside requests of an mkdocs-material site come from.
_KNOWN_SOURCES = {
    "fonts.googleapis.com": "set `theme.font: false` in mkdocs.yml (the site uses system fonts)",
    "fonts.gstatic.com": "set `theme.font: false` in mkdocs.yml (the site uses system fonts)",
    "www.googletagmanager.com": "remove `extra.analytics` from mkdocs.yml",
    "api.github.com": "remove `repo_url` from mkdocs.yml",
    "unpkg.com": "remove the CDN script (Mermaid, MathJax…) or copy it into overrides/assets/",
    "cdn.jsdelivr.net": "remove the CDN script (Mermaid, MathJax…) or copy it into overrides/assets/",
}
_GENERIC_FIX = ("copy the file into overrides/assets/ and refer to it by a relative path, or remove it: "
                "a privacy page must not send its readers' requests to other hosts")


def _srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def _css_urls(css: str) -> list[tuple[str, int]]:
    """URLs a stylesheet loads, with the 0-based line offset of each."""
    found = []
    for pattern in (_CSS_URL, _CSS_IMPORT):
        for match in pattern.finditer(css):
            url = next(group for group in match.groups() if group is not None)
            found.append((url, css.count("\n", 0, match.start())))
    return found


class _Checker:
    def __init__(self, display: str, site_host: str):
        self.display = display
        self.site_host = site_host
        self.findings: list[Finding] = []

    def loaded(self, url: str, what: str, line: int) -> None:
        url = url.strip()
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data" or not url:
            return
        if scheme not in ("", "http", "https"):
            self.findings.append(Finding(self.display, line, "site.external-load",
                                         f"{what} loads `{url}`, which is not a file of this site", _GENERIC_FIX))
            return
        host = (parts.hostname or "").lower()
        if parts.netloc and host != self.site_host:
            fix = _KNOWN_SOURCES.get(host, _GENERIC_FIX)
            self.findings.append(Finding(self.display, line, "site.external-load",
                                         f"{what} loads `{url}` from another host ({host})", fix))

    def any_url(self, url: str, where: str, line: int) -> None:
        if any(ord(character) > 127 for character in url):
            self.findings.append(Finding(
                self.display, line, "site.non-ascii-url",
                f"{where} `{url}` contains characters outside ASCII (WeChat on iOS shows a white screen)",
                "use an ASCII address: give headings ASCII ids (`{#id}`) and percent-encode other characters"))
        parts = urlsplit(url.strip())
        # The site's own absolute URLs follow site_url (`mkdocs serve` makes it http://127.0.0.1).
        if parts.scheme.lower() == "http" and (parts.hostname or "").lower() != self.site_host:
            self.findings.append(Finding(self.display, line, "site.insecure-url",
                                         f"{where} `{url}` is plain http", "use the https address"))

    def css(self, css: str, what: str, first_line: int) -> None:
        for url, offset in _css_urls(css):
            self.loaded(url, what, first_line + offset)


class _PageParser(HTMLParser):
    def __init__(self, checker: _Checker):
        super().__init__(convert_charrefs=True)
        self.checker = checker
        self._style_line: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        check = self.checker
        for name, value in values.items():
            if name in _URL_ATTRIBUTES and value:
                for url in _srcset_urls(value) if name == "srcset" else [value]:
                    check.any_url(url, f"<{tag} {name}>", line)
        for name in _LOADS.get(tag, ()):
            if tag == "input" and values.get("type", "").lower() != "image":
                continue
            if values.get(name):
                for url in _srcset_urls(values[name]) if name == "srcset" else [values[name]]:
                    check.loaded(url, f"<{tag} {name}>", line)
        if tag == "link" and values.get("href"):
            rels = set(values.get("rel", "").lower().split())
            if rels & _LOADING_RELS:
                check.loaded(values["href"], f"<link rel=\"{values.get('rel')}\">", line)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH.search(values.get("content", ""))
            if match:
                check.loaded(match.group(1), "<meta http-equiv=\"refresh\">", line)
        if values.get("style"):
            check.css(values["style"], f"the style attribute of <{tag}>", line)
        if tag == "style":
            self._style_line = line

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._style_line = None

    def handle_data(self, data: str) -> None:
        if self._style_line is not None:
            self.checker.css(data, "<style>", self.getpos()[0])


def check_html(html: str, *, display: str, site_host: str) -> list[Finding]:
    checker = _Checker(display, site_host.lower())
    parser = _PageParser(checker)
    parser.feed(html)
    parser.close()
    return checker.findings


def check_css(css: str, *, display: str, site_host: str) -> list[Finding]:
    checker = _Checker(display, site_host.lower())
    checker.css(css, "the stylesheet", 1)
    return checker.findings


def check_site(site_dir: Path, site_url: str) -> list[Finding]:
    """Every outside load in every HTML page and stylesheet of the built site."""
    host = (urlsplit(site_url or "").hostname or "").lower()
    findings: list[Finding] = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in (".html", ".css") or not path.is_file():
            continue
        display = path.relative_to(site_dir).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            findings += check_html(text, display=display, site_host=host)
        else:
            findings += check_css(text, display=display, site_host=host)
    return findings
