"""A document's own archive pages (the lists, …): its version history and every released version,
under its prefix (/<prefix>/archive/, /<prefix>/archive/<date>/), per language.

The same words and banners as the policy's archive (policysite.archive.pages), said of
"this document"; each version page's footer shows that version's number and dates.
Each version's frozen text and the lock are served beside them (DocumentArchive.files).
Every version with a predecessor has its redline (/<prefix>/archive/<date>/changes/), made by the
policy's own page function (policysite.archive.pages.changes_page), so both read alike; the history's
cards are the policy's too (index_rows), and it links the document's Atom feed as the policy's does.
Version web-views are made beside these (policysite.webview.document_webview_pages), the feeds by
policysite.archive.manifest.document_feeds. Each version's PDF (archive/<id>/<date>/<lang>.pdf) is served
beside its text and linked from its page's banner.
"""

from __future__ import annotations

from typing import Any

from . import urls
from .archive.documents import DocumentArchive
from .archive.pages import _after_title, _date, changes_page, feed_link, index_rows, relative, say, site_path, \
    version_banner, version_title
from .archive.store import PolicyVersion
from .escape import markdown_inline
from .model import GeneratedPage, Language, Policy

NOINDEX = "noindex"


def document_archive_pages(policy: Policy, archive: DocumentArchive) -> list[GeneratedPage]:
    pages: list[GeneratedPage] = []
    for language in policy.languages:
        mine = [v for v in archive.versions if language.code in v.texts]
        if not mine:
            continue
        pages.append(_index(policy, archive, language, mine))
        for version in mine:
            pages.append(_version(policy, archive, language, version))
            previous = archive.predecessor(version, language.code)
            if previous is not None:
                redline = changes_page(policy, language, version, previous, archive.document.prefix)
                redline.meta = _meta(policy, archive, redline.path, version, language.code, kind="changes")
                pages.append(redline)
    return pages


def _meta(policy: Policy, archive: DocumentArchive, path: str, version: PolicyVersion | None,
          language: str, kind: str = "") -> dict[str, Any]:
    kind = kind or ("index" if version is None else "version")
    meta: dict[str, Any] = {"document": archive.document.id, "archive": {"kind": kind,
                            "alternates": {lang.code: site_path(lang, path) for lang in policy.languages
                                           if version is None or lang.code in version.texts}}}
    # The document's own facts in the footer (hooks/archive_pages.py), never the policy's: the version's
    # on its page, the version in force on the index (none while its first version is upcoming).
    shown = version if version is not None else archive.current
    meta["footer"] = {"version": shown.version if shown else None,
                      "effective": shown.effective.isoformat() if shown else "",
                      "updated": shown.updated.isoformat() if shown else "", "title": archive.document.titles[language]}
    if version is not None:
        meta["robots"] = NOINDEX
    return meta


def _index(policy: Policy, archive: DocumentArchive, language: Language,
           versions: list[PolicyVersion]) -> GeneratedPage:
    code, prefix = language.code, archive.document.prefix
    path = urls.archive_index_path(prefix)
    title = f"{archive.document.titles[code]} · {say(policy, code, 'index_title').unescape()}"
    items = index_rows(policy, language, versions, prefix, archive.predecessor)
    markdown = (f"# {markdown_inline(title)}\n\n<p>{feed_link(policy, language, prefix)}</p>\n\n"
                f'<ol class="archive-list" reversed>{items}</ol>\n')
    return GeneratedPage(language=code, path=path, markdown=markdown, title=title,
                         meta=_meta(policy, archive, path, None, code))


def _version(policy: Policy, archive: DocumentArchive, language: Language, version: PolicyVersion) -> GeneratedPage:
    code, prefix = language.code, archive.document.prefix
    path = urls.version_path(prefix, version.slug)
    here = site_path(language, path)
    current = relative(here, site_path(language, urls.page_path(prefix)))
    facts = {"version": version.version, "effective": _date(policy, code, version.effective), "current": current}
    if version.status == "superseded" and version.superseded is not None:
        lead = say(policy, code, "document_banner_superseded", superseded=_date(policy, code, version.superseded),
                   **facts)
    else:
        lead = say(policy, code, f"document_banner_{'upcoming' if version.status == 'upcoming' else 'current'}",
                   **facts)
    banner = version_banner(policy, language, version, prefix, lead, archive.predecessor(version, code) is not None)
    markdown = _after_title(version.texts[code].body, banner)
    return GeneratedPage(language=code, path=path, markdown=markdown, title=version_title(policy, code, version),
                         meta=_meta(policy, archive, path, version, code))
