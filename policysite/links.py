"""Stable URLs: which pages the site publishes, their language alternates, the sitemap.

Everything here comes from the policy (the index page of each language plus
the pages the core generated), so the first language built already knows the
pages of the languages built after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from . import urls
from .model import Language, Policy


@dataclass(frozen=True)
class SitePage:
    language: str
    path: str  # under the language root: "" or "archive/2024-11-18/"
    site_path: str  # under the site root: "en/archive/2024-11-18/"
    canonical: str | None  # site path of the page this one condenses (web-view → full page)
    indexable: bool
    lastmod: dt.date | None


def site_path(language: Language, path: str) -> str:
    """A page's path under the site root: ``webview/`` for zh, ``en/webview/`` for en."""
    return urls.root_of(language.code, language.default) + urls.folder(path)


_normal = urls.folder


def site_pages(policy: Policy) -> list[SitePage]:
    pages = [SitePage(language.code, "", site_path(language, ""), None, True, policy.updated.date)
             for language in policy.languages]
    for generated in policy.generated:
        language = policy.language(generated.language)
        canonical = generated.meta.get("canonical")
        robots = str(generated.meta.get("robots", "")).lower()
        pages.append(SitePage(language.code, _normal(generated.path), site_path(language, generated.path),
                              canonical if isinstance(canonical, str) else None,
                              "noindex" not in robots, None))
    return pages


def find_page(policy: Policy, url: str) -> SitePage | None:
    """The page published at ``url`` (a MkDocs page URL such as ``en/webview/``)."""
    return _index(policy).by_url.get(_normal(url))


@dataclass
class _Index:
    pages: list[SitePage]
    by_url: dict[str, SitePage]
    by_path: dict[str, list[SitePage]]  # the same page in every language


def _index(policy: Policy) -> _Index:
    # Asked for every page built: rebuilding the page list each time made a
    # build quadratic in the number of archived versions. Pages are only ever
    # added, so the count of generated pages tells whether the index is stale.
    cached = policy.__dict__.get("_site_page_index")
    if cached is not None and cached[0] == len(policy.generated):
        return cast(_Index, cached[1])
    pages = site_pages(policy)
    index = _Index(pages, {}, {})
    for page in pages:
        index.by_url.setdefault(page.site_path, page)
        index.by_path.setdefault(page.path, []).append(page)
    policy.__dict__["_site_page_index"] = (len(policy.generated), index)
    return index


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path  # unlike urls.absolute, "" stays relative to the site root


def alternates(policy: Policy, page: SitePage) -> list[tuple[str, str]]:
    """``(hreflang, site path)`` of this page in every language it exists in, then x-default."""
    by_language = {other.language: other for other in _index(policy).by_path.get(page.path, [])
                   if (other.canonical is None) == (page.canonical is None)}
    result = [(language.hreflang, by_language[language.code].site_path)
              for language in policy.languages if language.code in by_language]
    default = policy.default_language.code
    if len(result) > 1 and default in by_language:
        result.append(("x-default", by_language[default].site_path))
    return result


def switcher(policy: Policy, page: SitePage) -> list[dict[str, str]]:
    """Material's language menu: this page in each language, else that language's home."""
    entries = []
    for language in policy.languages:
        counterpart = next((other for other in _index(policy).by_path.get(page.path, [])
                            if other.language == language.code), None)
        entries.append({"name": language.name, "lang": language.code, "hreflang": language.hreflang,
                        "link": counterpart.site_path if counterpart else site_path(language, "")})
    return entries


def sitemap_xml(policy: Policy, site_url: str) -> str:
    """Only pages a search engine should index: no web-view copies, no noindex pages."""
    # Imported here: xml.sax.saxutils pulls in urllib.request, http.client and ssl, which `check` never needs.
    from xml.sax.saxutils import escape, quoteattr

    listed = [page for page in _index(policy).pages if page.canonical is None and page.indexable]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in listed:
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(absolute(site_url, page.site_path))}</loc>")
        if page.lastmod is not None:
            lines.append(f"    <lastmod>{page.lastmod.isoformat()}</lastmod>")
        for hreflang, path in alternates(policy, page):
            lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} '
                         f'href={quoteattr(absolute(site_url, path))}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, urls.sitemap())}\n"
