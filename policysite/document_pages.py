"""The pages of the site's other documents (the lists, …): a full page and a web-view per language,
at the document's prefix (policysite.urls), with the text its kind's renderer gives.

Versions and archives of these documents are not made yet: each build shows the text
its data gives today (see the report of issue #13).
"""

from __future__ import annotations

from typing import Any

from . import urls
from .crosslinks import linked
from .documents import Document
from .escape import markdown_inline
from .footer import footer_facts
from .model import GeneratedPage, Policy
from .renderers import renderer
from .webview import webview_page


def document_markdown(document: Document, policy: Policy, language: str) -> str:
    render = renderer(document.kind)
    if render is None:  # judge() refused the document already (site.document-unsupported)
        raise ValueError(f"no renderer for documents of kind {document.kind}")
    body = render(document, policy.data, language)
    return f"# {markdown_inline(document.titles[language])}\n\n{body}"


def document_pages(policy: Policy, documents: tuple[Any, ...]) -> list[GeneratedPage]:
    pages: list[GeneratedPage] = []
    for document in documents:
        if document.is_policy:
            continue
        for language in policy.languages:
            code, title = language.code, document.titles[language.code]
            markdown = document_markdown(document, policy, code)
            # Each page links the documents it names to the same kind of page: full page to full page,
            # web-view to web-view (policysite.crosslinks).
            full, view_text = (linked(markdown, policy, documents, code, prefix=document.prefix, own=document.kind,
                                      webview=webview) for webview in (False, True))
            pages.append(GeneratedPage(language=code, path=urls.page_path(document.prefix), markdown=full,
                                       title=title, meta={"document": document.id, "hide": ["navigation"],
                                             # No version line in the footer: the policy's is not the list's.
                                             "versioned": False},
                                       in_search=True))
            view = webview_page(policy, code, view_text, title, path=urls.webview_path(document.prefix),
                                canonical=urls.page_path(document.prefix),
                                footer={**footer_facts(policy, code, versioned=False), "title": title})
            view.meta["document"] = document.id
            view.meta["versioned"] = False
            pages.append(view)
    return pages
