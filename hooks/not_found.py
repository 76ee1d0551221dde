"""One 404 page per language, where the site plan puts it (policysite.plan.not_found_pages):
/404.html in the default language, /en/404.html in English.

MkDocs renders 404.html from the theme at the site root on every language build,
so the i18n plugin leaves the root 404 in whichever language was built last. The
default language's page is kept; each later build's page moves to the plan's
address for its language and the default one goes back. The 404 template links
with absolute paths (`/assets/…`), so the page works from either place.
"""

from __future__ import annotations

from pathlib import Path

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from policysite.plan import PlannedErrorPage

_default_page: bytes | None = None


def _planned(language: str) -> PlannedErrorPage:
    page = policy_state.plan().error_page(language)
    if page is None:
        raise RuntimeError(f"the site plan has no 404 page in `{language}`")
    return page


# After template_data.py (-120): words for the language being built.
@event_priority(-130)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _default_page
    if i18n_state.is_first_language_build(config):
        _default_page = None
    config.extra["not_found"] = dict(_planned(i18n_state.current_language(config)).words)
    return None


# Before the i18n plugin (-100) goes on to build the next language.
@event_priority(0)
def on_post_build(config: MkDocsConfig) -> None:
    global _default_page
    plan = policy_state.plan()
    # MkDocs renders the theme's 404 at the site root: the default language's planned address.
    root_page = Path(config.site_dir) / _planned(plan.default_language).url
    if not root_page.is_file():
        return
    language = i18n_state.current_language(config)
    if language == plan.default_language:
        _default_page = root_page.read_bytes()
        return
    target = Path(config.site_dir) / _planned(language).url
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(root_page.read_bytes())
    if _default_page is not None:
        root_page.write_bytes(_default_page)
