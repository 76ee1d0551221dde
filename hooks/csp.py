"""Give templates the page CSPs of policysite.csp (`config.extra.csp`) and a `csp_hash` filter.

The web-view's stylesheet is inline; its template hashes exactly the text it
prints (`{{ css | csp_hash }}`), so no `'unsafe-inline'` is needed.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from policysite import csp


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    config.extra["csp"] = {"full": csp.FULL_PAGE, "referrer": csp.REFERRER}
    return None


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["csp_webview"] = csp.webview
    env.filters["csp_full_page"] = csp.full_page
    return env
