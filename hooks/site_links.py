"""Stable URLs: a canonical link in every page's <head>; the sitemap (with hreflang), robots.txt.

The core (policysite.links) knows every page of every language from the
policy; this hook hands each page its links and writes the sitemap once all
languages are built (the i18n plugin's own sitemap says `zh`, not `zh-CN`,
and dates every page with the build day).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policysite import links, urls


# After the i18n plugin (50), which sets the language menu only for files it localised.
@event_priority(0)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
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
        setattr(config.extra, "alternate", menu)
    return context


# Once every language is built.
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if not i18n_state.is_first_language_build(config):
        return
    policy = policy_state.policy()
    site = Path(config.site_dir)
    sitemap = links.sitemap_xml(policy, config.site_url or "/").encode("utf-8")
    (site / urls.sitemap()).write_bytes(sitemap)
    # mtime=0: the same sitemap gives the same bytes, so the site is reproducible.
    (site / urls.sitemap_gz()).write_bytes(gzip.compress(sitemap, compresslevel=9, mtime=0))
    if not (site / urls.robots()).exists():
        (site / urls.robots()).write_text(links.robots_txt(config.site_url or "/"), encoding="utf-8")
