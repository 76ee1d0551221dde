"""Fail the build when any built page loads anything from another host.

Runs once every language is built. --strict only judges warnings after this
event, so the hook raises PluginError itself; policysite's publish step then
keeps the previous site/.
"""

from __future__ import annotations

from pathlib import Path

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from policysite.external_hosts import PageSources, check_site
from policysite.findings import format_findings


# Last of all: after the sitemap and the 404 pages are in place (-200).
@event_priority(-210)
def on_post_build(config: MkDocsConfig) -> None:
    if not i18n_state.is_first_language_build(config):
        return
    # The policy names each section's file, so a finding can say which file wrote the markup.
    sources = PageSources.of(policy_state.policy())
    findings = check_site(Path(config.site_dir), config.site_url or "", sources)
    if findings:
        raise PluginError(format_findings(findings).replace("The policy was not published",
                                                             "The site was not published", 1))
