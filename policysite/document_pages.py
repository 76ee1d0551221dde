"""The pages of the site's other documents (the lists, …): a full page and a web-view per language,
at the document's prefix (policysite.urls), with the text its kind's renderer gives.

Each document has its own versions (policysite.archive.documents, archive/<id>/): its pages'
footers show its own version in force and its dates, or none before its first release — never
the policy's. Like the policy's page, it shows what data/ renders today, except while a newer
released version waits for its date: then the version in force, as frozen.
"""

from __future__ import annotations

from typing import Any

from . import urls
from .archive.frozen import normalise
from .archive.pages import history_block
from .archive.store import PolicyVersion
from .document_archive_pages import document_archive_pages
from .crosslinks import linked
from .documents import Document
from .escape import markdown_inline
from .footer import footer_facts
from .model import GeneratedPage, Policy
from .renderers import renderer
from .webview import document_webview_pages, webview_page


def document_markdown(document: Document, policy: Policy, language: str) -> str:
    if document.id in policy.prose:  # children's rules, terms: assembled from their sections when loaded
        return str(policy.prose[document.id].pages[language])
    render = renderer(document.kind)
    if render is None:  # a prose kind whose sections did not load: judge() refused the build already
        raise ValueError(f"no renderer for documents of kind {document.kind}")
    body = render(document, policy.data, language, policy.data_dir)
    return f"# {markdown_inline(document.titles[language])}\n\n{body}"


def shown_version(policy: Policy, document: Document) -> tuple[PolicyVersion | None, bool]:
    """The document's version in force (None before its first takes effect), and whether its page shows
    that version's frozen text (a newer released version is upcoming) rather than today's data.

    As for the policy (archive.stage.resolve): a preview with edits no release froze shows the edits,
    or they would appear nowhere until `make publish` refused them; publishing shows the frozen text."""
    archive = policy.archive.documents.get(document.id) if policy.archive is not None else None
    if archive is None or archive.current is None:
        return None, False
    upcoming = archive.current is not archive.versions[-1]
    return archive.current, upcoming and (policy.archive.publishing or not archive.unreleased)


def document_footer(policy: Policy, document: Document, language: str) -> dict[str, Any]:
    """The footer facts of a document's pages: its own version and dates, its own title."""
    version, _ = shown_version(policy, document)
    facts = (footer_facts(policy, language, unversioned=True) if version is None else
             footer_facts(policy, language, version=version.version, effective=version.effective,
                          updated=version.updated))
    return {**facts, "title": document.titles[language]}


def document_pages(policy: Policy, documents: tuple[Any, ...]) -> list[GeneratedPage]:
    pages: list[GeneratedPage] = []
    for document in documents:
        if document.is_policy:
            continue
        version, frozen = shown_version(policy, document)
        archive = policy.archive.documents.get(document.id) if policy.archive is not None else None
        for language in policy.languages:
            code, title = language.code, document.titles[language.code]
            markdown = (version.texts[code].body if version is not None and frozen and code in version.texts
                        else document_markdown(document, policy, code))
            # Each page links the documents it names to the same kind of page: full page to full page,
            # web-view to web-view (policysite.crosslinks).
            full, view_text = (linked(markdown, policy, documents, code, prefix=document.prefix, own=document.kind,
                                      webview=webview) for webview in (False, True))
            if archive is not None and any(code in v.texts for v in archive.versions):
                # As the policy's page: the version in force, the latest earlier ones and the whole history.
                shows = version is not None and code in version.texts and (
                    frozen or normalise(markdown) == version.texts[code].body)
                full = full.rstrip("\n") + "\n\n" + history_block(policy, code, document.prefix, archive.versions,
                                                                  version, shows) + "\n"
            footer = document_footer(policy, document, code)
            pages.append(GeneratedPage(language=code, path=urls.page_path(document.prefix), markdown=full,
                                       title=title, meta={"document": document.id, "hide": ["navigation"],
                                                          "footer": _footer_meta(footer)},
                                       in_search=True))
            view = webview_page(policy, code, view_text, title, path=urls.webview_path(document.prefix),
                                canonical=urls.page_path(document.prefix), footer=footer)
            view.meta["document"] = document.id
            pages.append(view)
        if archive is not None:
            pages += document_archive_pages(policy, archive) + document_webview_pages(policy, archive)
    return pages


def _footer_meta(facts: dict[str, Any]) -> dict[str, Any]:
    """What the footer hook (hooks/archive_pages.py) swaps in while the page renders: plain values only."""
    return {"version": facts["version"], "effective": facts["effective_iso"], "updated": facts["updated_iso"],
            "title": facts["title"]}
