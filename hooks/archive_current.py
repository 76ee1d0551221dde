"""The current policy page: the archive's change notices on top, links to past versions below."""

from __future__ import annotations

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from policysite import archive


# After hooks/assemble_page.py (0) has put the assembled policy in place.
@event_priority(-10)
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    language = i18n_state.current_language(config)
    if page.file.src_uri != f"{language}/index.md":
        return None
    return archive.current_page(policy_state.policy(), language, markdown)
