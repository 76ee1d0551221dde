"""Archived pages show their own version's facts in the footer, not the current version's.

The footer (overrides/partials/copyright.html) reads `config.extra.policy`; for
a page of an archived version this hook swaps in that version's number and
dates while the page is rendered, and puts the current facts back afterwards.
"""

from __future__ import annotations

import datetime as dt

import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policysite.footer import footer_facts


def document_footer(policy, facts: dict, language: str) -> dict:
    """A document page's footer facts from its meta (policysite.document_pages)."""
    if facts["version"] is None:
        return {**footer_facts(policy, language, unversioned=True), "title": facts["title"]}
    return {**footer_facts(policy, language, version=facts["version"],
                           effective=dt.date.fromisoformat(facts["effective"]),
                           updated=dt.date.fromisoformat(facts["updated"])), "title": facts["title"]}

_current: dict | None = None  # the facts to put back after an archived page


@event_priority(-10)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    global _current
    document = (page.meta or {}).get("footer")
    if document is not None:  # another document's page: its own version and dates (none before its first release)
        _current = config.extra["policy"]
        config.extra["policy"] = {**_current, **document_footer(policy_state.policy(), document, _current["language"])}
        return context
    facts = (page.meta or {}).get("archive") or {}
    if "version" not in facts:
        return context
    shown = config.extra["policy"]
    _current = shown
    config.extra["policy"] = {**shown, **footer_facts(policy_state.policy(), shown["language"],
                                                      version=facts["version"],
                                                      effective=dt.date.fromisoformat(facts["effective"]),
                                                      updated=dt.date.fromisoformat(facts["updated"]))}
    return context


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    global _current
    if _current is not None:
        config.extra["policy"] = _current
        _current = None
    return None
