"""Add the pages of the site plan (web-view, archive, other documents…) to the language being built."""

from __future__ import annotations

import i18n_state
import policy_state
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from policysite.escape import html_text
from policysite.plan import PlannedPage


def _front_matter(page: PlannedPage) -> str:
    # MkDocs and Material treat a page title as HTML text (a rendered heading's, entities kept) and
    # print it unescaped; the core's titles are plain text, so they are escaped here, once.
    meta = {"title": html_text(page.title), **page.meta}
    if page.template:
        meta["template"] = page.template
    if not page.in_search:
        meta["search"] = {"exclude": True}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n"


def src_uri(page: PlannedPage, *, default_language: bool) -> str:
    prefix = "" if default_language else f"{page.language}/"
    return f"{prefix}{page.path.strip('/')}/index.md"


# After the i18n plugin (-100) has picked this language's files: it only
# localises files under docs/, so generated pages get their final path here.
@event_priority(-110)
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    plan = policy_state.plan()
    language = i18n_state.current_language(config)
    default = language == plan.default_language
    for page in plan.pages_in(language):
        if not page.source:
            files.append(File.generated(config, src_uri(page, default_language=default),
                                        content=_front_matter(page) + page.markdown))
    return files
