"""Stable URLs: a canonical link in every page's <head>, and the language menu.

The core (policysite.links) knows every page of every language from the
policy; this hook hands each page its links. The sitemap (with hreflang) and
robots.txt are files of the site plan, written by hooks/plan_files.py (the i18n
plugin's own sitemap says `zh`, not `zh-CN`, and dates every page with the build day).
"""

from __future__ import annotations

from typing import Any

import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policysite import links


# After the i18n plugin (50), which sets the language menu only for files it localised.
@event_priority(0)
def on_page_context(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    policy = policy_state.policy()
    found = links.find_page(policy, page.url)
    if found is None:
        return context
    site_url = config.site_url or "/"
    context["policy_links"] = {
        # hreflang alternates go to sitemap.xml only (overrides/main.html says why).
        "canonical": links.absolute(site_url, found.canonical if found.canonical is not None else found.site_path),
    }
    if config.extra.get("alternate") is not None:
        menu = links.switcher(policy, found)
        config.extra["alternate"] = menu
        # The i18n plugin sets it as an attribute, which Jinja reads before the item.
        setattr(config.extra, "alternate", menu)  # noqa: B010  (MkDocs types extra without the attribute)
    return context
