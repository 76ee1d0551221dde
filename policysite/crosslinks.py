"""Links between the site's documents: 《个人信息收集清单》 in the policy becomes a link to the list.

The text is checked by `document.reference-unpublished` (policysite.rules.references);
here each reference to a document the site publishes is made a link, on the pages
that show the *current* text (the released text in archive/ is never rewritten).
A web-view links to the target's web-view (a reader inside WeChat stays in the
web-view), a full page to the target's full page, in the page's own language.
Every link is relative to the page it is written on, computed from policysite.urls,
so the same text is right at /, /en/, /webview/ and /en/lists/collection/webview/.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from typing import Any

from . import urls
from .documents import POLICY_KIND
from .model import Policy
from .rules.references import link_references


def relative(here: str, target: str) -> str:
    """A link from the page at site path ``here`` (a folder, "" for the root) to the page at site path ``target``."""
    link = posixpath.relpath(target.strip("/") or ".", here.strip("/") or ".")
    return "./" if link == "." else f"{link}/"


def address(prefix: str, language: str, default: str, *, webview: bool) -> str:
    """The site path of a document's current page (or web-view) in ``language``."""
    return (urls.webview if webview else urls.page)(prefix, language, default)


def targets(policy: Policy, documents: Iterable[Any], language: str, here: str, *,
            webview: bool) -> dict[str, tuple[str, str]]:
    """kind → (title, link from ``here``) for every document the site publishes, in ``language``.

    ``documents`` are policysite.documents.Document (the site plan's); none given is
    today's site, the privacy policy alone. The first document of a kind wins.
    """
    default = policy.default_language.code
    found: dict[str, tuple[str, str]] = {}
    for document in documents:
        if document.kind in found:
            continue
        title = policy.title(language) if document.kind == POLICY_KIND else document.titles.get(language)
        if not title:
            continue
        found[document.kind] = (title, relative(here, address(document.prefix, language, default, webview=webview)))
    if POLICY_KIND not in found:
        found[POLICY_KIND] = (policy.title(language), relative(here, address("", language, default, webview=webview)))
    return found


def linked(markdown: str, policy: Policy, documents: Iterable[Any], language: str, *, prefix: str, own: str,
           webview: bool) -> str:
    """``markdown`` (the current text of the document at ``prefix``, of kind ``own``) with its references linked."""
    here = address(prefix, language, policy.default_language.code, webview=webview)
    published: Mapping[str, tuple[str, str]] = targets(policy, documents, language, here, webview=webview)
    return link_references(markdown, language, published, own=own)


def resolve(here: str, link: str) -> str:
    """The site path a relative ``link`` written on the page at site path ``here`` leads to (``""`` for the root)."""
    target = posixpath.normpath(posixpath.join("/" + here, link)).strip("/")
    return f"{target}/" if target and target != "." else ""
