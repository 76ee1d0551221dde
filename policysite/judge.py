"""The one entry point that decides whether the policy may be published.

Hooks and the command line call `judge`; it loads every language and runs
every check, and raises PolicyError with all findings at once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .findings import Finding, PolicyError, Severity
from .load import DateLookup, load_policy
from .dates import last_commit_date
from .model import Policy
from .data import DataSet, load_data
from .archive.settings import read_settings
from .archive.history import check_history
from .archive.stage import anchored_findings
from .archive.store import load_archive
from . import archive
from .gate import consistency_gate
from . import site_config, wechat, wechat_privacy, webview, words


def judge(root: Path, *, docs: str = "docs", data: str = "data",
          commit_date: DateLookup = last_commit_date, today: dt.date | None = None,
          strict: bool = True, site_languages: list[str] | None = None,
          config_file: Path | None = None, publishing: bool = False) -> Policy:
    """The policy, ready to publish; PolicyError with every finding otherwise.

    With ``strict`` (every build and `check`), warnings block publishing too;
    without it they are left on ``policy.warnings`` for a preview to show.
    ``publishing`` (`make publish`) also refuses an archive git history cannot vouch for.
    """
    try:
        policy = load_policy(root, docs=docs, data=data, commit_date=commit_date)
    except PolicyError as error:
        # Report what the rules find in whatever could be read, with the loading problems, in one run.
        partial = error.policy
        day = _today(today, partial.data if partial is not None else None)
        found = error.findings + consistency_gate(partial, today=day, complete=False)
        found += _partial_findings(root, data, partial, site_languages, config_file, publishing)
        raise PolicyError(found) from None
    findings: list[Finding] = consistency_gate(policy, today=_today(today, policy.data))
    findings += wechat.check(policy.data)
    findings += wechat_privacy.check(policy.data, policy.pages)
    findings += words.check_site(policy.data, root.resolve() / data, root.resolve())
    if site_languages is not None:
        findings += site_config.languages_findings(policy, config_file=config_file or root / "mkdocs.yml",
                                                   built=site_languages)
    # The archive goes last among checks: it may put the version in force in place of a scheduled one.
    findings += archive.attach(policy, today=today, publishing=publishing)
    if any(f.severity == Severity.ERROR or strict for f in findings):
        raise PolicyError(findings)
    policy.warnings = findings
    policy.generated += archive.archive_pages(policy)
    policy.generated += webview.webview_pages(policy)
    policy.generated += wechat_privacy.privacy_setting_pages(policy)
    return policy


def _partial_findings(root: Path, data: str, partial: Policy | None, site_languages: list[str] | None,
                      config_file: Path | None, publishing: bool) -> list[Finding]:
    """The later stages that need only data/, archive/ and mkdocs.yml, run on a policy that did not load."""
    if partial is None:  # data/ did not validate: only data/wechat.yml, which checks itself, can be judged
        return wechat.check(load_data(root.resolve() / data, root.resolve())[0])
    findings = wechat.check(partial.data) + wechat_privacy.check(partial.data)
    findings += words.check_site(partial.data, root.resolve() / data, root.resolve())
    if site_languages is not None:
        findings += site_config.languages_findings(partial, config_file=config_file or root / "mkdocs.yml",
                                                   built=site_languages)
    # The texts did not load: the archive checks its own files, not the texts against the last release.
    settings, problems = read_settings(partial.data)
    findings += problems
    stored = load_archive(partial.root, partial.id, [language.code for language in partial.languages])[2]
    findings += anchored_findings(stored, check_history(partial.root, settings.timezone), publishing=publishing)
    return findings


def _today(today: dt.date | None, data: DataSet | None) -> dt.date:
    """The same day the archive will use: POLICYSITE_TODAY, else today in the archive's time zone."""
    if today is not None:
        return today
    timezone = read_settings(data)[0].timezone if data is not None else None
    try:
        return archive.today(timezone)
    except ValueError:
        return dt.date.today()  # the archive reports the unusable clock itself
