"""The versioned archive: released versions frozen under archive/, checked at every build.

- `check_archive(policy, today=)` — judge stage: integrity findings, or the view of the released versions
- `resolve(policy, view)` — the policy as this build shows it (a copy; the loaded one is unchanged)
- `archive_pages(policy)` — index, version and redline pages per language (GeneratedPages)
- `current_page(policy, language, markdown)` — the current page with change notices and history
- `site_files(policy, base_url)` — /policy.json, Atom feeds and the texts they hash
- `document_feeds(policy, archive, base_url)` — another document's Atom feeds, under its prefix
- `document_entry(facts, base_url)` — one document of /policy.json's `documents` (schema: policy.schema.json),
  a pure function of its DocumentFacts (`policy_facts(policy)` for the privacy policy)
- `unreleased_findings(policy)` — `make publish`: the text must be a released version
- `against_findings(policy, source)` — `make publish AGAINST=…`: every version the live site publishes is here
- `versions_for(policy, language)` — every released version's text and page path, for other pages
- `release(root, …)` — the `make release` command (policysite.archive.release)
"""

from .clock import TODAY_VARIABLE, today
from .live import against_findings
from .manifest import DocumentFacts, document_entry, document_feeds, manifest, policy_facts, site_files
from .pages import VersionPage, archive_pages, current_page, versions_for
from .stage import ArchiveView, check_archive, resolve, unreleased_findings
from .store import PolicyVersion

__all__ = ["TODAY_VARIABLE", "ArchiveView", "DocumentFacts", "PolicyVersion", "VersionPage", "against_findings",
           "archive_pages", "check_archive", "current_page", "document_entry", "document_feeds", "manifest", "policy_facts", "resolve",
           "site_files", "today", "unreleased_findings", "versions_for"]
