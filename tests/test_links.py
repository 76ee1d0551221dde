"""Stable URLs: canonical and hreflang links, 404 per language, sitemap, hashed assets."""

from __future__ import annotations

import gzip
import hashlib
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest

from conftest import Project

SITE = "https://privacy.xometry.asia/"
ALTERNATES = [("zh-CN", SITE), ("en", SITE + "en/"), ("x-default", SITE)]


def head(html: str) -> str:
    return html.split("</head>", 1)[0]


def alternates(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head(html))


@pytest.mark.parametrize("language, canonical", [("zh", SITE), ("en", SITE + "en/")])
def test_full_pages_have_absolute_canonical_and_hreflang_only_in_the_sitemap(flagship: Project, language, canonical):
    html = flagship.page(language)
    assert re.findall(r'<link rel="canonical" href="([^"]+)">', head(html)) == [canonical]
    # No <link rel="alternate"> at all: Material's script fetches sitemap.xml beside each one,
    # from the production host. hreflang lives in sitemap.xml (see the sitemap test).
    assert alternates(html) == [] and 'rel="alternate"' not in head(html)
    sitemap = (flagship.site / "sitemap.xml").read_text(encoding="utf-8")
    for hreflang, href in ALTERNATES:
        assert f'<xhtml:link rel="alternate" hreflang="{hreflang}" href="{href}"/>' in sitemap


@pytest.mark.parametrize("language, canonical", [("zh", SITE), ("en", SITE + "en/")])
def test_webview_pages_point_to_the_full_page(flagship: Project, language, canonical):
    html = flagship.page(language, "webview")
    assert re.findall(r'<link rel="canonical" href="([^"]+)">', head(html)) == [canonical]
    assert alternates(html) == []


def test_language_menu_leads_to_the_same_page_in_the_other_language(flagship: Project):
    def menu(html: str) -> dict[str, str]:
        return {lang: href for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link"', html)}
    # Each link says its language as hreflang says it (zh-CN), the page's own `lang` too (issue #12).
    assert menu(flagship.page("zh")) == {"zh-CN": ".", "en": "en/"}
    assert menu(flagship.page("en")) == {"zh-CN": "..", "en": "./"}


def test_each_language_has_its_own_404(flagship: Project):
    root = (flagship.site / "404.html").read_text(encoding="utf-8")
    english = (flagship.site / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in root and "页面不存在" in root and '<a href="/">' in root
    assert '<html lang="en"' in english and "Page not found" in english and '<a href="/en/">' in english
    for page in (root, english):
        assert '<meta name="robots" content="noindex">' in page
        assert '<link rel="canonical"' not in page
        # Absolute paths: the page is served for missing URLs at any depth.
        assert re.search(r'href="/assets/stylesheets/policy\.[0-9a-f]{10}\.css"', page)


def _indexable_pages(site) -> list[str]:
    """URLs of the built pages a search engine may index: not noindex, canonical to themselves."""
    urls = []
    for path in sorted(site.rglob("index.html")):
        html = head(path.read_text(encoding="utf-8"))
        url = SITE + path.parent.relative_to(site).as_posix().removeprefix(".") + "/"
        url = url.replace(SITE + "/", SITE)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
        if 'name="robots" content="noindex"' not in html and canonical and canonical.group(1) == url:
            urls.append(url)
    return sorted(urls)


def test_sitemap_lists_the_indexable_pages_with_their_alternates(flagship: Project):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.fromstring((flagship.site / "sitemap.xml").read_bytes())
    urls = tree.findall("s:url", ns)
    locs = [url.find("s:loc", ns).text for url in urls]
    assert locs[:2] == [SITE, SITE + "en/"]
    assert sorted(locs) == _indexable_pages(flagship.site)
    for url in urls[:2]:
        assert url.find("s:lastmod", ns).text == "2024-11-18"
        assert [(link.get("hreflang"), link.get("href")) for link in url.findall("x:link", ns)] == ALTERNATES
    for url in urls:
        links = dict((link.get("hreflang"), link.get("href")) for link in url.findall("x:link", ns))
        assert url.find("s:loc", ns).text in links.values() and "x-default" in links
    assert gzip.decompress((flagship.site / "sitemap.xml.gz").read_bytes()) == (flagship.site / "sitemap.xml").read_bytes()
    assert "webview" not in (flagship.site / "sitemap.xml").read_text(encoding="utf-8")
    assert (flagship.site / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {SITE}sitemap.xml\n")


def _css_references(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)


def test_project_stylesheet_has_a_content_hash(flagship: Project):
    styles = flagship.site / "assets" / "stylesheets"
    assert not (styles / "policy.css").exists()
    (hashed,) = styles.glob("policy.*.css")
    source = (flagship.root / "overrides" / "assets" / "stylesheets" / "policy.css").read_bytes()
    assert hashed.read_bytes() == source
    assert hashed.name == f"policy.{hashlib.sha256(source).hexdigest()[:10]}.css"
    for language in ("zh", "en"):
        references = _css_references(flagship.page(language))
        assert any(reference.endswith(f"assets/stylesheets/{hashed.name}") for reference in references)
        # Every stylesheet the page loads has a hashed name.
        assert all(re.search(r"\.[0-9a-f]{8,}\.", reference) for reference in references), references


def test_a_changed_stylesheet_or_policy_gets_new_urls_and_html(project: Project, flagship: Project):
    project.path("overrides/assets/stylesheets/policy.css").write_text(
        project.read("overrides/assets/stylesheets/policy.css") + "\n.policy-footer { color: inherit; }\n",
        encoding="utf-8")
    project.replace("docs/en/sections/minors.md", ".", ". A sentence added by the test.")
    result = project.build()
    assert result.returncode == 0, result.output
    old = {path.name for path in (flagship.site / "assets" / "stylesheets").glob("policy.*.css")}
    new = {path.name for path in (project.site / "assets" / "stylesheets").glob("policy.*.css")}
    assert len(new) == 1 and old.isdisjoint(new)
    assert project.page("en") != flagship.page("en")
    assert project.page("en", "webview") != flagship.page("en", "webview")
    # The Chinese text did not change, so neither do its web-view page's bytes.
    assert project.page("zh", "webview") == flagship.page("zh", "webview")


class _Loads(HTMLParser):
    """The same-site files a page loads by itself: stylesheets, scripts, images, icons, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and set(values.get("rel", "").lower().split()) & {"stylesheet", "icon", "preload",
                                                                           "modulepreload", "manifest"}:
            self.loads.append(values.get("href", ""))
        elif tag in ("script", "img", "iframe", "source", "video", "audio") and values.get("src"):
            self.loads.append(values["src"])


def test_every_file_a_page_loads_is_published_and_material_s_unused_bundle_is_not(flagship: Project):
    """hooks/asset_hash.py leaves Material's scripts and stylesheets out: no page may need them."""
    site = flagship.site.resolve()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        parser = _Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.loads:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith("data:"):
                continue  # another host is the site check's business (policysite/external_hosts.py)
            base = site if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            assert target.is_relative_to(site) and target.is_file(), f"{page.relative_to(site)} loads {url}, which is not published"
    assert not list(site.glob("assets/javascripts/bundle.*")) and not list(site.glob("assets/javascripts/lunr"))
    assert not list(site.glob("assets/stylesheets/main.*")) and not list(site.glob("assets/stylesheets/palette.*"))
    assert list(site.glob("assets/stylesheets/policy.*.css"))  # the site's own stylesheet stays
