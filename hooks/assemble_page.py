"""Replace each language's index.md with the page the site plan holds for it (the policy's
sections assembled by the core, with the archive's change notices and history)."""

from __future__ import annotations

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    language = i18n_state.current_language(config)
    if page.file.src_uri != f"{language}/index.md":
        return None
    planned = next((p for p in policy_state.plan().pages_in(language) if p.source), None)
    if planned is None:
        return None
    for key, value in planned.meta.items():
        page.meta.setdefault(key, value)
    return planned.markdown
