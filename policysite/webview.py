"""The web-view page: the policy alone, for a phone inside the WeChat mini program.

Readers open it from 个人中心 → 隐私权政策, often on a slow network. The page
carries its own words, footer facts and links in its front matter so that the
template (overrides/webview.html) prints them without JavaScript, and so that
an archived version can get a web-view page with *its* facts, not today's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .archive.documents import DocumentArchive
from .archive.pages import VersionPage, change_notices, version_pages, versions_for, with_notices
from .dates import long_date
from .footer import footer_facts
from .labels import labels
from .links import site_path
from . import urls
from .model import GeneratedPage, Policy
from .words import words as catalogue_words

WEBVIEW_PATH = urls.webview_path("")
WEBVIEW_TEMPLATE = "webview.html"

def words(language: str, data_dir: Path | None = None) -> dict[str, str]:
    """The web-view's own words over the labels every page shares (policysite/words/, groups labels and webview)."""
    return {**labels(language, data_dir), **catalogue_words(language, "webview", data_dir)}


def webview_page(policy: Policy, language: str, markdown: str, title: str, *,
                 path: str = WEBVIEW_PATH, canonical: str = "",
                 alternates: dict[str, str] | None = None,
                 footer: dict[str, Any] | None = None, notice: str | None = None, pdf: str = "") -> GeneratedPage:
    """A web-view page of ``markdown`` at ``path`` (under the language root).

    ``canonical`` is the full page this one condenses, under the language root
    (``""`` for the current policy, ``archive/2024-11-18/`` for an archived one).
    ``alternates`` maps the other languages to their web-view path under their
    own root; by default the same ``path`` in every other language. ``notice``
    is a sentence shown under the title (an archived version says so). ``pdf`` is
    the version's PDF under the site root, linked from the footer ("" for none).
    """
    this = policy.language(language)
    others = alternates if alternates is not None else {
        other.code: path for other in policy.languages if other.code != language}
    meta = {
        "canonical": site_path(this, canonical),
        "webview": {
            "hreflang": this.hreflang,
            "notice": notice,
            "pdf": pdf,
            "words": words(language, policy.data_dir),
            "footer": footer if footer is not None else footer_facts(policy, language),
            "alternates": [{"name": policy.language(code).name, "hreflang": policy.language(code).hreflang,
                            "path": site_path(policy.language(code), other_path)}
                           for code, other_path in others.items()],
        },
    }
    return GeneratedPage(language=language, path=path, markdown=markdown, title=title,
                         template=WEBVIEW_TEMPLATE, meta=meta, in_search=False)


def webview_pages(policy: Policy, texts: Mapping[str, str] | None = None) -> list[GeneratedPage]:
    """One web-view page of the current policy per language, and one per released version.

    The current one carries the same change notices as the full page: most readers read this one.
    ``texts`` is the current text per language as the page shows it (the plan links its references
    to the site's other documents); by default the policy's text as assembled.
    """
    current = texts if texts is not None else policy.pages
    pages = [webview_page(policy, language.code,
                          with_notices(current[language.code],
                                       change_notices(policy, language.code, WEBVIEW_PATH, webview=True)),
                          policy.title(language.code), pdf=current_pdf(policy, language.code))
             for language in policy.languages]
    return pages + archived_webview_pages(policy)


def current_pdf(policy: Policy, language: str) -> str:
    """The PDF of the text the current page shows: the version in force, when the page is exactly that version."""
    view = policy.archive
    if view is None or view.current is None or not view.matches_release(language):
        return ""
    return next((v.pdf for v in versions_for(policy, language) if v.path == view.current.path), "")


def document_webview_pages(policy: Policy, archive: DocumentArchive) -> list[GeneratedPage]:
    """``lists/collection/archive/2025-04-01/webview/`` beside each released version of another document,
    as the policy's: its frozen text, its own dates and title in the footer, said of "this document"."""
    document = archive.document
    released = {language.code: version_pages(archive.versions, language.code, document.prefix)
                for language in policy.languages}
    pages = archived_webview_pages(policy, released, notices="document_notice", title=document.titles)
    for page in pages:
        page.meta["document"] = document.id
    return pages


def archived_webview_pages(policy: Policy, released: dict[str, list[VersionPage]] | None = None, *,
                           notices: str = "notice", title: Mapping[str, str] | None = None) -> list[GeneratedPage]:
    """``archive/2024-11-18/webview/`` beside each archived version: its frozen text, its own dates.

    ``released``: the versions per language (by default the policy's); ``notices`` the words' prefix of the
    sentence under the title; ``title`` the document's title per language for the footer (the policy's by default).
    """
    if released is None:
        released = {language.code: versions_for(policy, language.code) for language in policy.languages}
    pages = []
    for language in policy.languages:
        code = language.code
        for version in released[code]:
            path = version.path + urls.WEBVIEW
            others = {other: path for other, versions in released.items()
                      if other != code and any(v.path == version.path for v in versions)}
            day: Callable[[dt.date], str] = lambda date: long_date(date, language.locale)  # noqa: E731, B023
            footer = footer_facts(policy, code, version=version.version,
                                  effective=version.effective, updated=version.updated)
            if title is not None:
                footer["title"] = title[code]
            notice = words(code, policy.data_dir)[f"{notices}_{version.status}"].format(
                version=version.version, effective=day(version.effective),
                superseded=day(version.superseded) if version.superseded else "")
            pages.append(webview_page(policy, code, version.markdown, version.title, path=path,
                                      canonical=version.path, alternates=others, footer=footer, notice=notice,
                                      pdf=version.pdf))
    return pages
