"""The site plan: every page and every file the site publishes, decided in the core.

The last stage after load → check → resolve (policysite.judge). A plan names each
page's URL (from policysite.urls), language, language alternates, template, title and
Markdown, and each file's path and exact bytes. The MkDocs side only materialises it
(hooks/generated_pages.py adds the pages, hooks/plan_files.py writes the files), so a
new output is a contributor here, not a new hook, and a move off MkDocs reads the
same plan.

Contributors of files are functions ``(policy, site) -> {path: bytes}`` in
`FILE_SOURCES`; contributors of pages are functions ``(policy, site) -> [GeneratedPage]``
in `PAGE_SOURCES`. Another part of the project adds its own (the WeChat privacy
settings, a second manifest format) by appending to these lists in its module.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from typing import Any, Literal
from collections.abc import Callable
from urllib.parse import urlsplit

from . import archive, links, urls, webview
from .crosslinks import address, linked, relative
from .documents import POLICY_KIND
from .document_pages import document_pages
from .model import GeneratedPage, Policy
from .not_found import words as not_found_words
from .pointers import missing, pointer_html, with_pointers
from .wechat import verification_file
from .wechat_privacy import PAYLOAD_PATH, has_settings, payload_json, privacy_setting_pages


@dataclass(frozen=True)
class PlannedPage:
    """One page in one language."""

    url: str  # under the site root: "", "en/webview/", "lists/collection/"
    language: str
    path: str  # under the language root (what MkDocs' generated file is named after)
    document: str  # the id of the document the page belongs to
    title: str
    markdown: str
    template: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    in_search: bool = False
    source: bool = False  # True: the page MkDocs reads from docs/<lang>/index.md (its Markdown is replaced)
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, url) of this page in every language, then x-default


@dataclass(frozen=True)
class PlannedFile:
    """A file served as is, byte for byte."""

    path: str  # under the site root
    content: bytes
    # A file of the same name already in the built site: "refuse" it (the build stops), "keep" it (the owner's
    # own robots.txt in docs/ wins), or "replace" it (MkDocs' own sitemap, which says `zh`, not `zh-CN`).
    existing: Literal["refuse", "keep", "replace"] = "refuse"


@dataclass(frozen=True)
class PlannedErrorPage:
    """A page served for addresses the site does not have (one per language), rendered from a theme template.

    Not a Markdown page: the adapter renders ``template`` with ``words`` and puts the result at ``url``.
    """

    url: str  # under the site root: urls.not_found(language, default) — "404.html", "en/404.html"
    language: str
    template: str
    words: dict[str, str]  # the page's words, and `home_url`: an absolute path, the page is served at any depth


@dataclass
class SitePlan:
    site_url: str
    default_language: str
    languages: list[str]
    pages: list[PlannedPage] = field(default_factory=list)
    files: list[PlannedFile] = field(default_factory=list)
    error_pages: list[PlannedErrorPage] = field(default_factory=list)

    def error_page(self, language: str) -> PlannedErrorPage | None:
        return next((page for page in self.error_pages if page.language == language), None)

    def pages_in(self, language: str) -> list[PlannedPage]:
        return [page for page in self.pages if page.language == language]

    def page(self, url: str) -> PlannedPage | None:
        wanted = urls.folder(url)
        return next((page for page in self.pages if page.url == wanted), None)

    def file(self, path: str) -> PlannedFile | None:
        return next((item for item in self.files if item.path == path), None)

    @property
    def urls(self) -> list[str]:
        return [page.url for page in self.pages] + [item.path for item in self.files]


@dataclass(frozen=True)
class Site:
    """What the plan needs beyond the policy: where the site lives and which documents it holds."""

    url: str = ""  # mkdocs.yml's site_url ("" = unknown: addresses from the site root)
    documents: tuple[Any, ...] = ()  # policysite.documents.Document, the policy first


PageSource = Callable[[Policy, Site], list[GeneratedPage]]
FileSource = Callable[[Policy, Site], dict[str, bytes]]


def _archive_pages(policy: Policy, site: Site) -> list[GeneratedPage]:
    return archive.archive_pages(policy)


def _policy_text(policy: Policy, site: Site, language: str, *, webview: bool) -> str:
    """The policy's current text with its references to the site's other documents linked (policysite.crosslinks),
    and the site's own pointer to each one it does not name yet (policysite.pointers)."""
    text = linked(policy.pages[language], policy, site.documents, language, prefix="", own=POLICY_KIND,
                  webview=webview)
    others = [document for document in site.documents if not document.is_policy]
    here = address("", language, policy.default_language.code, webview=webview)
    notes = [(section_id, pointer_html(language, document.titles[language],
                                       relative(here, address(document.prefix, language, policy.default_language.code,
                                                              webview=webview)), policy.data_dir))
             for document, section_id in missing(policy, others, language)]
    return with_pointers(text, policy, notes, language) if notes else text


def _webview_pages(policy: Policy, site: Site) -> list[GeneratedPage]:
    return webview.webview_pages(policy, texts={language.code: _policy_text(policy, site, language.code, webview=True)
                                                for language in policy.languages})


def _document_pages(policy: Policy, site: Site) -> list[GeneratedPage]:
    return document_pages(policy, site.documents)


def _archive_files(policy: Policy, site: Site) -> dict[str, bytes]:
    return archive.site_files(policy, site.url)


def _document_archive_files(policy: Policy, site: Site) -> dict[str, bytes]:
    """Each other document's frozen texts, lock and Atom feeds, under its prefix (policysite.archive.documents)."""
    documents = policy.archive.documents if policy.archive is not None else {}
    return {path: content for document in documents.values()
            for path, content in {**document.files(), **archive.document_feeds(policy, document, site.url)}.items()}


def _wechat_files(policy: Policy, site: Site) -> dict[str, bytes]:
    found, _ = verification_file(policy.data)  # judge() refused a bad one already
    files = {found.name: found.content} if found is not None else {}
    if has_settings(policy.data):  # the mini program's privacy settings, the body of WeChat's setprivacysetting
        files[PAYLOAD_PATH] = payload_json(policy.data).encode("utf-8")
    return files


def _wechat_privacy_pages(policy: Policy, site: Site) -> list[GeneratedPage]:
    return privacy_setting_pages(policy)


PAGE_SOURCES: list[PageSource] = [_archive_pages, _webview_pages, _document_pages, _wechat_privacy_pages]
FILE_SOURCES: list[FileSource] = [_archive_files, _document_archive_files, _wechat_files]


def plan(policy: Policy, site: Site) -> SitePlan:
    """Every page and file of the site, from the resolved policy (policysite.judge.stages).

    The generated pages are also put on ``policy.generated``, where the link and
    page-lookup helpers (policysite.links) and older callers find them.
    """
    default = policy.default_language.code
    for source in PAGE_SOURCES:
        policy.generated += source(policy, site)
    result = SitePlan(site_url=site.url, default_language=default,
                      languages=[language.code for language in policy.languages])
    for language in policy.languages:
        page = links.SitePage(language.code, "", links.site_path(language, ""), None, True, policy.updated.date)
        result.pages.append(PlannedPage(
            url=page.site_path, language=language.code, path="", document=policy.id,
            title=policy.title(language.code),
            markdown=archive.current_page(policy, language.code,
                                         _policy_text(policy, site, language.code, webview=False)),
            # One page per language: a site navigation of one link only takes room on a phone.
            meta={"hide": ["navigation"]}, in_search=True, source=True,
            alternates=tuple(links.alternates(policy, page))))
    for generated in policy.generated:
        language = policy.language(generated.language)
        found = links.find_page(policy, links.site_path(language, generated.path))
        result.pages.append(PlannedPage(
            url=links.site_path(language, generated.path), language=generated.language,
            path=urls.folder(generated.path), document=str(generated.meta.get("document", policy.id)),
            title=generated.title, markdown=generated.markdown, template=generated.template,
            meta=dict(generated.meta), in_search=generated.in_search,
            alternates=tuple(links.alternates(policy, found)) if found is not None else ()))
    result.error_pages = not_found_pages(policy, site)
    files: dict[str, bytes] = {}
    for file_source in FILE_SOURCES:
        files.update(file_source(policy, site))
    sitemap = links.sitemap_xml(policy, site.url or "/").encode("utf-8")
    result.files = [PlannedFile(path, content) for path, content in files.items()]
    result.files += [PlannedFile(urls.sitemap(), sitemap, existing="replace"),
                     # mtime=0: the same sitemap gives the same bytes, so the site is reproducible.
                     PlannedFile(urls.sitemap_gz(), gzip.compress(sitemap, compresslevel=9, mtime=0), existing="replace"),
                     PlannedFile(urls.robots(), links.robots_txt(site.url or "/").encode("utf-8"), existing="keep")]
    return result


def not_found_pages(policy: Policy, site: Site) -> list[PlannedErrorPage]:
    """One 404 page per language: /404.html in the default language, /en/404.html in English."""
    default = policy.default_language.code
    base = urlsplit(site.url or "/").path.rstrip("/")
    return [PlannedErrorPage(url=urls.not_found(language.code, default), language=language.code,
                             template=urls.NOT_FOUND,
                             words={**not_found_words(language.code, policy.data_dir),
                                    "home_url": f"{base}/{urls.page('', language.code, default)}"})
            for language in policy.languages]
