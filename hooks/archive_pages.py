"""Give each page the footer facts it shows: an archived version its own number and dates, not the current ones.

The facts go into the page's template context as `policy_footer` (read by
overrides/partials/copyright.html and hooks/page_layout.py's print margins),
computed from the judged policy (hooks/policy_state.py) for this page alone;
`config.extra.policy` (hooks/template_data.py) stays the current facts of the
language, never changed while a page is rendered.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policysite import Policy
from policysite.footer import footer_facts



def document_footer(policy: Policy, facts: dict[str, Any], language: str) -> dict[str, Any]:
    """A document page's footer facts from its meta (policysite.document_pages)."""
    if facts["version"] is None:
        return {**footer_facts(policy, language, unversioned=True), "title": facts["title"]}
    return {**footer_facts(policy, language, version=facts["version"],
                           effective=dt.date.fromisoformat(facts["effective"]),
                           updated=dt.date.fromisoformat(facts["updated"])), "title": facts["title"]}


@event_priority(-10)
def on_page_context(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    policy = policy_state.policy()
    language = i18n_state.current_language(config)
    document = (page.meta or {}).get("footer")
    if document is not None:  # another document's page: its own version and dates (none before its first release)
        context["policy_footer"] = {"id": policy.id, **document_footer(policy, document, language)}
        return context
    webview = (page.meta or {}).get("webview") or {}
    if webview.get("footer"):  # a web-view carries its own facts (a list's: its own version, or none)
        context["policy_footer"] = {"id": policy.id, **webview["footer"]}
        return context
    facts = (page.meta or {}).get("archive") or {}
    if "version" in facts:
        shown = footer_facts(policy, language, version=facts["version"],
                             effective=dt.date.fromisoformat(facts["effective"]),
                             updated=dt.date.fromisoformat(facts["updated"]))
    else:
        shown = footer_facts(policy, language)
    context["policy_footer"] = {"id": policy.id, **shown}
    return context
