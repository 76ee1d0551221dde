"""Print MkDocs' own warnings as findings naming the section file, like every other problem.

A filter on MkDocs' console handler rewrites each warning record before it is
printed; --strict still counts every warning (its counter is another handler,
left alone), so a broken link still blocks publishing. A warning repeated by
another page (the web-view holds the same sections) is printed once.
"""

from __future__ import annotations

import logging
import re

import generated_pages
import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

from policysite.crosslinks import resolve
from policysite.mkdocs_messages import is_finding, warning_finding

_printed: set[str] = set()
_UNRECOGNIZED = re.compile(r"^Doc file '(.+)' contains an unrecognized relative link '([^']+)'")


def _links_a_planned_page(message: str) -> bool:
    """True for MkDocs' note on a link the plan wrote to one of its own pages (policysite.crosslinks).

    MkDocs only recognises links to Markdown files; the plan links the folder of a page it
    generates (`../lists/collection/webview/`), which exists once the site is built. Links
    the owner writes that lead nowhere in the plan are still shown.
    """
    match = _UNRECOGNIZED.match(message)
    plan = policy_state.site_plan
    if match is None or plan is None:
        return False
    source, link = match.groups()
    for page in plan.pages:
        default = page.language == plan.default_language
        written = f"{page.language}/index.md" if page.source else generated_pages.src_uri(page, default_language=default)
        if written == source:
            return plan.page(resolve(page.url, link)) is not None
    return False


class _AsFinding(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO and _links_a_planned_page(record.getMessage()):
            return False
        if record.levelno != logging.WARNING:
            return True
        message = record.getMessage()
        if not is_finding(message):
            message = warning_finding(message, policy_state.current).format()
            record.msg, record.args = message, None
        if message in _printed:
            return False
        _printed.add(message)
        return True


def _install() -> None:
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler) or any(isinstance(f, _AsFinding) for f in handler.filters):
            continue
        handler.addFilter(_AsFinding())


# First of all: even a warning from another plugin's on_config is printed as a finding.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    if not i18n_state.is_first_language_build(config):
        return None
    _printed.clear()
    _install()
    return None
