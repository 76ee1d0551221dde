"""The consistency gate: every rule, less what data/waivers.yml accepts.

`judge` runs it on the loaded policy, or on what could be read when loading
failed, so that one run reports everything. It is a stage of `judge`, not an
entry point of its own: tests and tools judge a project with `judge()`.
"""

from __future__ import annotations

import datetime as dt

from .findings import Finding
from .model import Policy
from .prose import as_policy
from .rules import RULES, run_rules
from .rules.profiles import rules_for
from .waivers import apply_waivers


def consistency_gate(policy: Policy | None, *, today: dt.date, complete: bool = True,
                     kind: str = "privacy-policy") -> list[Finding]:
    """Rule findings not waived, plus problems with the waivers themselves.

    ``kind`` is the kind of document judged: only the rules of its profile run (rules/profiles.py).

    ``complete`` is False when loading failed partway: some rules could not
    see everything, so a waiver that matches nothing is not reported then.
    """
    if policy is None:
        return []
    found = run_rules(policy, today=today, only=rules_for(kind))
    # Each document written as sections is judged by its own kind's profile; the waivers are applied once to
    # the findings of every document, so a waiver for one document's file is not "unmatched" in another's run.
    for prose in policy.prose.values():
        found += run_rules(as_policy(policy, prose), today=today, only=rules_for(prose.document.kind))
    found = sorted(set(found))
    still_open, waiver_problems = apply_waivers(found, policy.data, policy.root, rules=RULES,
                                                complete=complete)
    return still_open + waiver_problems
