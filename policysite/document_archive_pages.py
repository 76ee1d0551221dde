"""A document's own archive pages (the lists, …): its version history and every released version,
under its prefix (/<prefix>/archive/, /<prefix>/archive/<date>/), per language.

The same words and banners as the policy's archive (policysite.archive.pages), said of
"this document"; each version page's footer shows that version's number and dates.
Each version's frozen text and the lock are served beside them (DocumentArchive.files).
Each version's PDF (archive/<id>/<date>/<lang>.pdf) is served beside its text and linked from its page.
Redlines, version web-views and feeds of a document's versions are not made yet.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from . import urls
from .archive.documents import DocumentArchive
from .archive.pages import _after_title, _box, _date, _link, _pdf_link, _period, _status_label, _summary_html, \
    relative, say, site_path
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
        pages += [_version(policy, archive, language, version) for version in mine]
    return pages


def _meta(policy: Policy, archive: DocumentArchive, path: str, version: PolicyVersion | None,
          language: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"document": archive.document.id, "archive": {"kind": "index" if version is None else "version",
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
    here = site_path(language, path)
    title = f"{archive.document.titles[code]} · {say(policy, code, 'index_title').unescape()}"
    items = []
    for version in reversed(versions):
        page = site_path(language, urls.version_path(prefix, version.slug))
        summary = _summary_html(version.summary(code)) or say(policy, code, "first_version")
        items.append(
            f'<li class="archive-row archive-row--{version.status}">'
            f'<h2 id="v{version.version}">{say(policy, code, "version_n", version=version.version)} '
            f'<span class="archive-status">· {_status_label(policy, code, version)}</span></h2>'
            f'<p>{say(policy, code, "col_period")}{say(policy, code, "colon")}{_period(policy, code, version)}</p>'
            f'<p>{say(policy, code, "col_summary")}{say(policy, code, "colon")}{summary}</p>'
            f'<ul class="archive-links"><li>{_link(relative(here, page), say(policy, code, "read"))}</li></ul></li>')
    markdown = f"# {markdown_inline(title)}\n\n" + f'<ol class="archive-list" reversed>{"".join(items)}</ol>\n'
    return GeneratedPage(language=code, path=path, markdown=markdown, title=title,
                         meta=_meta(policy, archive, path, None, code))


def _version(policy: Policy, archive: DocumentArchive, language: Language, version: PolicyVersion) -> GeneratedPage:
    code, prefix = language.code, archive.document.prefix
    path = urls.version_path(prefix, version.slug)
    here = site_path(language, path)
    current = relative(here, site_path(language, urls.page_path(prefix)))
    index = relative(here, site_path(language, urls.archive_index_path(prefix)))
    facts = {"version": version.version, "effective": _date(policy, code, version.effective), "current": current}
    if version.status == "superseded" and version.superseded is not None:
        lead = say(policy, code, "document_banner_superseded", superseded=_date(policy, code, version.superseded),
                   **facts)
    else:
        lead = say(policy, code, f"document_banner_{'upcoming' if version.status == 'upcoming' else 'current'}",
                   **facts)
    paragraphs = [lead]
    if version.summary(code):
        paragraphs.append(say(policy, code, "banner_summary", summary=_summary_html(version.summary(code))))
    paragraphs.append(Markup(say(policy, code, "banner_index", index=index)))
    # The frozen file is served beside the page, as the policy's: anyone can check it against the lock.
    paragraphs.append(say(policy, code, "banner_hash", name=f"{code}.md", sha256=version.hashes[code],
                          text=relative(here, urls.frozen_text(prefix, code, version.slug))))
    if code in version.pdfs:
        paragraphs.append(Markup(_pdf_link(policy, here, version, code, prefix)))
    markdown = _after_title(version.texts[code].body, _box(version.status, paragraphs))
    title = say(policy, code, "version_title", title=version.texts[code].title,
                date=_date(policy, code, version.effective)).unescape()
    return GeneratedPage(language=code, path=path, markdown=markdown, title=title,
                         meta=_meta(policy, archive, path, version, code))
