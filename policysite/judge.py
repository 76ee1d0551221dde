"""The stages that decide whether the policy may be published, and what the site shows.

load → check (findings only) → resolve (one `today`, read once; the version in
force, as a copy — the loaded policy is never changed) → plan (policysite.plan).
`stages` runs the first three and raises PolicyError with all findings at once;
`judge` is the compatibility entry point that also adds the generated pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from .findings import Finding, PolicyError, Severity, blocking
from .load import DateLookup, load_policy
from .dates import last_commit_date
from .model import Policy
from .data import DataSet, load_data
from .archive.settings import read_settings
from .archive.history import check_history
from .archive.stage import anchored_findings
from .archive.stage import ArchiveView
from .archive.store import load_archive
from .archive.documents import check_documents, other_documents
from . import archive
from .gate import consistency_gate
from . import plan, site_config, wechat, wechat_privacy, words
from .archive.pdfs import site_url as configured_site_url
from .plan import SitePlan
from .documents import read_documents
from .document_releases import mark_unreleased, never_released_notices
from .prose import load_prose, prose_files
from .lists.collection import collection_findings
from .lists.third_parties import third_parties_findings
from .lists.words import language_findings as list_language_findings


@dataclass
class Judged:
    """What the stages before the plan decided: the loaded policy as read, and the policy as shown."""

    loaded: Policy  # as docs/ and data/ give it; never changed by a later stage
    resolved: Policy  # the copy this build shows: the version in force, the archive's view
    today: dt.date
    warnings: list[Finding] = field(default_factory=list)


def load(root: Path, *, docs: str = "docs", data: str = "data",
         commit_date: DateLookup = last_commit_date) -> Policy:
    """Stage 1: read docs/ and data/ (PolicyError with the loading findings, and what could be read).

    The documents written as sections (children's rules, terms) are read after the policy, whose
    facts fill their placeholders (policysite.prose).
    """
    policy = load_policy(root, docs=docs, data=data, commit_date=commit_date)
    policy.prose, findings = load_prose(policy)
    if findings:
        raise PolicyError(findings, policy=policy)
    return policy


def check(policy: Policy, *, today: dt.date | None, site_languages: list[str] | None = None,
          config_file: Path | None = None, publishing: bool = False) -> tuple[list[Finding], ArchiveView | None]:
    """Stage 2: every check, findings only; with the archive's view when the archive passed.

    ``today`` is None when the clock could not be read (the archive reports it).
    """
    findings: list[Finding] = consistency_gate(policy, today=today or dt.date.today())
    findings += wechat.check(policy.data)
    findings += wechat_privacy.check(policy.data, policy.pages)
    if policy.data_dir is not None:
        findings += words.check_site(policy.data, policy.data_dir, policy.root)
    if site_languages is not None:
        findings += site_config.languages_findings(policy, config_file=config_file or policy.root / "mkdocs.yml",
                                                   built=site_languages)
    findings += documents_findings(policy.data, policy.data_dir)
    findings += site_config.unexcluded_findings(policy, config_file=config_file or policy.root / "mkdocs.yml",
                                                files=prose_files(policy))
    archived, view = archive.check_archive(policy, today=today, publishing=publishing)
    if view is not None:  # a document never released is published as it is, with a notice on every build
        archived += never_released_notices(policy.data, view.documents)
    return findings + archived, view


def documents_findings(data: DataSet, data_dir: Path | None = None) -> list[Finding]:
    """data/site.yml: every document listed can be published (a known kind with a renderer, its own id and prefix)."""
    documents, findings = read_documents(data, data.languages)
    kinds = {document.kind for document in documents}
    # A list is judged when the site publishes it: its rows, and every value still to be confirmed (a notice).
    if "collection-list" in kinds:
        findings += collection_findings(data)
    if "third-party-list" in kinds:
        findings += third_parties_findings(data)
    if kinds - {"privacy-policy"}:
        findings += list_language_findings(data.languages, data.where("site", "documents")[0], data_dir)
    # Every kind is published: the lists by their renderers (policysite.renderers), children's rules and terms
    # from their sections (policysite.prose, read by `load`).
    return findings


def resolve(policy: Policy, view: ArchiveView) -> Policy:
    """Stage 3: which version is in force today, as a copy of the loaded policy; and which of the other
    documents' texts differ from their last release (`make publish` refuses them, a preview shows them)."""
    resolved = archive.resolve(policy, view)
    mark_unreleased(resolved)
    return resolved


def stages(root: Path, *, docs: str = "docs", data: str = "data",
           commit_date: DateLookup = last_commit_date, today: dt.date | None = None,
           strict: bool = True, site_languages: list[str] | None = None,
           config_file: Path | None = None, publishing: bool = False) -> Judged:
    """Load → check → resolve, reading today's date once; PolicyError with every finding otherwise.

    With ``strict`` (every build and `check`), warnings block publishing too;
    without it they are kept on the result for a preview to show.
    ``publishing`` (`make publish`) also refuses an archive git history cannot vouch for.
    """
    try:
        policy = load(root, docs=docs, data=data, commit_date=commit_date)
    except PolicyError as error:
        # Report what the rules find in whatever could be read, with the loading problems, in one run.
        partial = error.policy
        day = read_today(today, partial.data if partial is not None else None)
        found = error.findings + consistency_gate(partial, today=day or dt.date.today(), complete=False)
        found += _partial_findings(root, data, partial, site_languages, config_file, publishing)
        raise PolicyError(found) from None
    day = read_today(today, policy.data)
    findings, view = check(policy, today=day, site_languages=site_languages, config_file=config_file,
                           publishing=publishing)
    # Notices (a list value the company has not confirmed yet) are shown on every build and never block it.
    if any(f.severity == Severity.ERROR or strict for f in blocking(findings)):
        raise PolicyError(findings)
    # A preview goes on past an archive that only warned: the policy as loaded, without versions.
    resolved = resolve(policy, view) if view is not None else replace(policy)
    return Judged(loaded=policy, resolved=resolved, today=day or dt.date.today(), warnings=findings)


def judge(root: Path, *, docs: str = "docs", data: str = "data",
          commit_date: DateLookup = last_commit_date, today: dt.date | None = None,
          strict: bool = True, site_languages: list[str] | None = None,
          config_file: Path | None = None, publishing: bool = False) -> Policy:
    """The policy, ready to publish (resolved, with its generated pages); PolicyError with every finding otherwise.

    The compatibility entry point of the command line, the release and the tests: `stages` then the pages.
    """
    judged = stages(root, docs=docs, data=data, commit_date=commit_date, today=today, strict=strict,
                    site_languages=site_languages, config_file=config_file, publishing=publishing)
    return site_plan(judged)[0]


def site_plan(judged: Judged, site_url: str | None = None) -> tuple[Policy, SitePlan]:
    """Stage 4: every page and file the site publishes, from the resolved policy.

    ``site_url`` is mkdocs.yml's (read from the file when not given: the core never imports MkDocs).
    """
    policy = judged.resolved
    policy.warnings = judged.warnings
    url = site_url if site_url is not None else configured_site_url(policy.root)
    documents, _ = read_documents(policy.data, [language.code for language in policy.languages])  # judged in check
    return policy, plan.plan(policy, plan.Site(url=url, documents=tuple(documents)))


def _partial_findings(root: Path, data: str, partial: Policy | None, site_languages: list[str] | None,
                      config_file: Path | None, publishing: bool) -> list[Finding]:
    """The later stages that need only data/, archive/ and mkdocs.yml, run on a policy that did not load."""
    if partial is None:  # data/ did not validate: only data/wechat.yml, which checks itself, can be judged
        return wechat.check(load_data(root.resolve() / data, root.resolve())[0])
    findings = wechat.check(partial.data) + wechat_privacy.check(partial.data)
    findings += words.check_site(partial.data, root.resolve() / data, root.resolve())
    findings += documents_findings(partial.data, partial.data_dir)
    if site_languages is not None:
        findings += site_config.languages_findings(partial, config_file=config_file or root / "mkdocs.yml",
                                                   built=site_languages)
    # The texts did not load: the archive checks its own files, not the texts against the last release.
    settings, problems = read_settings(partial.data)
    findings += problems
    languages = [language.code for language in partial.languages]
    others = [document.id for document in other_documents(partial.data)]
    stored = load_archive(partial.root, partial.id, languages, others=others)[2]
    stored += check_documents(partial.root, partial.data, languages, None)[0]
    findings += anchored_findings(stored, check_history(partial.root, settings.timezone, others), publishing=publishing)
    return findings


def read_today(today: dt.date | None, data: DataSet | None) -> dt.date | None:
    """The one day this run uses: ``today`` when given, else POLICYSITE_TODAY, else today in the
    archive's time zone; None when that clock is unusable (the archive stage says why)."""
    if today is not None:
        return today
    timezone = read_settings(data)[0].timezone if data is not None else None
    try:
        return archive.today(timezone)
    except ValueError:
        return None
