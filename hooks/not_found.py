"""One 404 page per language: /404.html in the default language, /en/404.html in English.

MkDocs writes 404.html at the site root on every language build, so the i18n
plugin leaves the root 404 in whichever language was built last. The default
language's page is kept; each later build's page moves under its language
folder and the default one goes back. The 404 template links with absolute
paths (`/assets/…`), so the page works from either place.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from policysite.not_found import words
from policysite import urls
from policysite.links import site_path

_default_page: bytes | None = None


# After template_data.py (-120): words for the language being built.
@event_priority(-130)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _default_page
    if i18n_state.is_first_language_build(config):
        _default_page = None
    policy = policy_state.policy()
    language = policy.language(i18n_state.current_language(config))
    # An absolute path: the page is served for missing URLs at any depth.
    base = urlsplit(config.site_url or "/").path.rstrip("/")
    config.extra["not_found"] = {**words(language.code, policy.data_dir), "home_url": f"{base}/{site_path(language, '')}"}
    return None


# Before the i18n plugin (-100) goes on to build the next language.
@event_priority(0)
def on_post_build(config: MkDocsConfig) -> None:
    global _default_page
    default = policy_state.policy().default_language.code
    root_page = Path(config.site_dir) / urls.not_found(default, default)
    if not root_page.is_file():
        return
    language = i18n_state.current_language(config)
    if language == default:
        _default_page = root_page.read_bytes()
        return
    target = Path(config.site_dir) / urls.not_found(language, default)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(root_page.read_bytes())
    if _default_page is not None:
        root_page.write_bytes(_default_page)
