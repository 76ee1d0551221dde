"""Every address the site publishes, in one place.

Each function gives a path under the site root (no leading slash; a page's path
ends with "/"), as a function of the document's prefix (``""`` for the privacy
policy, ``lists/collection`` for another document), the language, the site's
default language and, for an archived version, its effective date. The web team
has pinned the policy's addresses (/, /en/, /webview/, /archive/…, /policy.json),
so the policy's prefix is "" and every shape below reproduces them exactly; another
document gets the same shape under its prefix.

Pure string functions: the core, the plan and the adapter all ask here, so a new
page kind or a move off MkDocs changes one module, not thirty paths.
"""

from __future__ import annotations

import datetime as dt

MANIFEST = "policy.json"
SITEMAP = "sitemap.xml"
SITEMAP_GZ = "sitemap.xml.gz"
ROBOTS = "robots.txt"
NOT_FOUND = "404.html"
FEED = "feed.xml"
WEBVIEW = "webview/"
ARCHIVE = "archive/"
CHANGES = "changes/"


def folder(path: str) -> str:
    """``a/b`` → ``a/b/``; ``""`` stays ``""`` (the root)."""
    path = path.strip("/")
    return f"{path}/" if path else ""


def language_root(language: str, default: str) -> str:
    """``""`` for the default language (published at /), ``en/`` otherwise."""
    return "" if language == default else f"{language}/"


def root_of(language: str, is_default: bool) -> str:
    """The language root for a language that knows whether it is the default (model.Language)."""
    return "" if is_default else f"{language}/"


def in_language(language: str, default: str, path: str) -> str:
    """A path under the language root, as a path under the site root."""
    return language_root(language, default) + path


def slug(date: dt.date | str) -> str:
    return date.isoformat() if isinstance(date, dt.date) else str(date)


# --- paths under a language root (what a generated page calls its `path`) -------------------------

def page_path(prefix: str) -> str:
    return folder(prefix)


def webview_path(prefix: str) -> str:
    return folder(prefix) + WEBVIEW


def archive_index_path(prefix: str) -> str:
    return folder(prefix) + ARCHIVE


def version_path(prefix: str, date: dt.date | str) -> str:
    return f"{folder(prefix)}{ARCHIVE}{slug(date)}/"


def redline_path(prefix: str, date: dt.date | str) -> str:
    return version_path(prefix, date) + CHANGES


def version_webview_path(prefix: str, date: dt.date | str) -> str:
    return version_path(prefix, date) + WEBVIEW


# --- addresses under the site root -----------------------------------------------------------------

def page(prefix: str, language: str, default: str) -> str:
    """The document's full page: ``""``, ``en/``, ``lists/collection/``, ``en/lists/collection/``."""
    return in_language(language, default, page_path(prefix))


def webview(prefix: str, language: str, default: str) -> str:
    """The mini program's web-view page: ``webview/``, ``en/webview/``."""
    return in_language(language, default, webview_path(prefix))


def archive_index(prefix: str, language: str, default: str) -> str:
    return in_language(language, default, archive_index_path(prefix))


def archived_version(prefix: str, language: str, default: str, date: dt.date | str) -> str:
    return in_language(language, default, version_path(prefix, date))


def redline(prefix: str, language: str, default: str, date: dt.date | str) -> str:
    """What changed in the version effective ``date`` against the one before it."""
    return in_language(language, default, redline_path(prefix, date))


def archived_webview(prefix: str, language: str, default: str, date: dt.date | str) -> str:
    return in_language(language, default, version_webview_path(prefix, date))


def frozen_text(prefix: str, language: str, date: dt.date | str) -> str:
    """A released text, served byte for byte at the same path it has in the repository's archive."""
    return f"{folder(prefix)}{ARCHIVE}{slug(date)}/{language}.md"


def pdf(prefix: str, language: str, date: dt.date | str) -> str:
    """A released version's PDF, beside its frozen text."""
    return f"{folder(prefix)}{ARCHIVE}{slug(date)}/{language}.pdf"


def archive_lock(prefix: str, lock_name: str) -> str:
    return f"{folder(prefix)}{ARCHIVE}{lock_name}"


def current_text(prefix: str, language: str) -> str:
    """The current text in the frozen format: ``policy.zh.md``; ``lists/collection/text.zh.md`` for another document."""
    return f"policy.{language}.md" if not prefix.strip("/") else f"{folder(prefix)}text.{language}.md"


def feed(prefix: str, language: str, default: str) -> str:
    """The Atom feed of released versions: ``feed.xml``, ``en/feed.xml``."""
    return in_language(language, default, folder(prefix) + FEED)


def manifest() -> str:
    """One manifest for the whole site (the web team pinned /policy.json)."""
    return MANIFEST


def sitemap() -> str:
    return SITEMAP


def sitemap_gz() -> str:
    return SITEMAP_GZ


def robots() -> str:
    return ROBOTS


def not_found(language: str, default: str) -> str:
    """One 404 page per language: ``404.html``, ``en/404.html``."""
    return in_language(language, default, NOT_FOUND)


def absolute(site_url: str, path: str) -> str:
    """``path`` under the site's address (``/path`` when the address is unknown)."""
    return (site_url.rstrip("/") + "/" if site_url else "/") + path
