"""The consistency gate: every named rule the policy must pass before it is published.

One module per family; each rule is a small function registered with an id
(``family.name``), a severity and a docstring saying what it catches and why.
``run_rules(policy)`` runs them all and returns every finding, sorted.
RULES also lists the ids other stages of ``judge`` report (rules/elsewhere.py).
Rules read the section files as written (``SectionText.source``: line
numbers, typed addresses) and data/ (``policy.data``); they never render HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..findings import Finding
from ..model import Policy
from . import consistency, contacts, dates, debris, disclosures, fillins, parity  # noqa: F401  (registers the rules)
from . import html  # noqa: F401  (registers the section HTML rules)
from . import content, naming, organisations, structure, typos  # noqa: F401  (registers the rules)
from . import references  # noqa: F401  (registers the rule on references between documents)
from . import backreferences, consent, datelabels, gaps  # noqa: F401  (registers the rules)
from . import children  # noqa: F401  (registers the rule for children's rules)
from . import elsewhere  # noqa: F401  (registers the finding ids other stages make)
from .registry import RULES, Rule, run


def run_rules(policy: Policy, *, today: dt.date | None = None, only: Iterable[str] | None = None) -> list[Finding]:
    """Every finding of every rule (or of the rules named in ``only``), sorted by file and line."""
    return run(policy, today=today, only=only)


__all__ = ["RULES", "Rule", "run_rules"]
