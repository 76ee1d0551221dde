"""Load, judge and plan the whole site before MkDocs cleans site/.

Runs in on_config, the last moment at which a failure still leaves the
previously built site untouched.
"""

from __future__ import annotations

from pathlib import Path

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from policysite import PolicyError
from policysite.findings import Severity
from policysite.judge import site_plan, stages
from policysite.archive.stage import preview_note
from policysite.document_releases import document_preview_notes

log = get_plugin_logger(__name__)


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


# After the i18n plugin (-100), so that `building` and the language are this run's.
@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    if not i18n_state.is_first_language_build(config):
        return None
    policy_state.current = None
    policy_state.site_plan = None
    root = _project_root(config)
    try:
        docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        # Warnings block a strict build (`make build`) here, before anything is written.
        built = [language.locale for language in i18n_state.i18n_plugin(config).config.languages]
        judged = stages(root, docs=docs, strict=bool(config.strict), site_languages=built,
                        config_file=Path(config.config_file_path))
        policy_state.current, policy_state.site_plan = site_plan(judged, config.site_url or "")
    except PolicyError as error:
        raise PluginError(str(error)) from None
    for warning in policy_state.current.warnings:
        if warning.severity == Severity.NOTICE:  # shown on every build; never blocks it, even a strict one
            log.info(f"Notice: {warning.format()}")
        else:
            log.warning(warning.format())
    for notice in policy_state.current.archive.notices:  # info: `make publish` refuses them, a strict build goes on
        log.info(f"Warning: {notice.format()}")
    log.info(f"Policy “{policy_state.current.id}” version {policy_state.current.version}: "
             f"last updated {policy_state.current.updated.date.isoformat()} ({policy_state.current.updated.origin}).")
    note = preview_note(policy_state.current)  # the owner's edits since the last release are on show
    if note:
        log.info(note)
    for note in document_preview_notes(policy_state.current):  # the same for each other document of the site
        log.info(note)
    return None
