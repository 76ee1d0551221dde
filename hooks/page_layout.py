"""Hand the page layout (overrides/main.html) what the core computes for each page.

- Tables become labelled scroll regions whose cells name their column (policysite.tables).
- `policy_print`: the inline style with this page's running header and footer for print
  (policysite.print_header), which the page's CSP allows by hash.
"""

from __future__ import annotations

from typing import Any

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policysite.labels import labels
from policysite.print_header import running_css
from policysite.tables import readable_tables


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    policy = policy_state.policy()
    return readable_tables(html, labels(i18n_state.current_language(config), policy.data_dir)["table"])


# After hooks/site_links.py (0, the canonical address) and hooks/archive_pages.py (-10, an archived
# version's own facts).
@event_priority(-20)
def on_page_context(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    links = context.get("policy_links") or {}
    address = links.get("canonical") or config.site_url or ""
    facts = context["policy_footer"]  # this page's facts (hooks/archive_pages.py): an archived version's own
    context["policy_print"] = running_css(facts, address)
    return context
