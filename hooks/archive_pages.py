"""Give each page the footer facts it shows: an archived version its own number and dates, not the current ones.

The facts go into the page's template context as `policy_footer` (read by
overrides/partials/copyright.html and hooks/page_layout.py's print margins),
computed from the judged policy (hooks/policy_state.py) for this page alone;
`config.extra.policy` (hooks/template_data.py) stays the current facts of the
language, never changed while a page is rendered.
"""

from __future__ import annotations

import datetime as dt

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policysite.footer import footer_facts


@event_priority(-10)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    policy = policy_state.policy()
    language = i18n_state.current_language(config)
    facts = (page.meta or {}).get("archive") or {}
    if "version" in facts:
        shown = footer_facts(policy, language, version=facts["version"],
                             effective=dt.date.fromisoformat(facts["effective"]),
                             updated=dt.date.fromisoformat(facts["updated"]))
    else:
        shown = footer_facts(policy, language, versioned=(page.meta or {}).get("versioned") is not False)
    context["policy_footer"] = {"id": policy.id, **shown}
    return context
