"""The consistency gate: every rule, less what data/waivers.yml accepts.

`judge` runs it on the loaded policy (or on what could be read when loading
failed, so that one run reports everything); `gate_findings` does the same
for a project folder without the other stages of `judge`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .dates import last_commit_date
from .findings import Finding, PolicyError
from .load import DateLookup, load_policy
from .model import Policy
from .rules import RULES, run_rules
from .waivers import apply_waivers


def consistency_gate(policy: Policy | None, *, today: dt.date, complete: bool = True) -> list[Finding]:
    """Rule findings not waived, plus problems with the waivers themselves.

    ``complete`` is False when loading failed partway: some rules could not
    see everything, so a waiver that matches nothing is not reported then.
    """
    if policy is None:
        return []
    found = run_rules(policy, today=today)
    still_open, waiver_problems = apply_waivers(found, policy.data, policy.root, known_rules=list(RULES),
                                                complete=complete)
    return still_open + waiver_problems


def gate_findings(root: Path, *, today: dt.date | None = None, docs: str = "docs", data: str = "data",
                  commit_date: DateLookup = last_commit_date) -> list[Finding]:
    """Loading findings and consistency findings of the project at ``root``, sorted."""
    today = today or dt.date.today()
    try:
        policy = load_policy(root, docs=docs, data=data, commit_date=commit_date)
    except PolicyError as error:
        return sorted(error.findings + consistency_gate(error.policy, today=today, complete=False))
    return sorted(consistency_gate(policy, today=today))
