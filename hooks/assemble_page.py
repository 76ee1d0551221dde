"""Replace each language's index.md with the page the core assembled from its sections."""

from __future__ import annotations

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    policy = policy_state.policy()
    language = i18n_state.current_language(config)
    if page.file.src_uri == f"{language}/index.md":
        # One page per language: a site navigation of one link only takes room on a phone.
        page.meta.setdefault("hide", ["navigation"])
        return policy.pages[language]
    return None
