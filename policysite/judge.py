"""The one entry point that decides whether the policy may be published.

Hooks and the command line call `judge`; it loads every language and runs
every check, and raises PolicyError with all findings at once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .findings import Finding, PolicyError
from .load import DateLookup, load_policy
from .dates import last_commit_date
from .model import Policy
from . import archive
from . import wechat, webview


def judge(root: Path, *, docs: str = "docs", data: str = "data",
          commit_date: DateLookup = last_commit_date, today: dt.date | None = None) -> Policy:
    policy = load_policy(root, docs=docs, data=data, commit_date=commit_date)
    findings: list[Finding] = []
    findings += wechat.check(policy.data)
    # Later checks (consistency rules, archive integrity) append their findings here.
    # The archive goes last among checks: it may put the version in force in place of a scheduled one.
    findings += archive.attach(policy, today=today)
    if findings:
        raise PolicyError(findings)
    policy.generated += archive.archive_pages(policy)
    policy.generated += webview.webview_pages(policy)
    return policy
