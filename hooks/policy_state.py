"""What the judge hook decided for the current build run, shared by the hook modules.

Not a hook itself. MkDocs caches hook modules for the whole `mkdocs serve`
process, so the judge hook replaces this state at the start of every run.
The plan (policysite.plan.SitePlan) says every page and file the site
publishes; the policy is the resolved model the plan was made from, kept for
the hooks that print its facts (footer, findings).
"""

from __future__ import annotations

from policysite import Policy
from policysite.plan import SitePlan

current: Policy | None = None
site_plan: SitePlan | None = None


def policy() -> Policy:
    if current is None:
        raise RuntimeError("the policy hooks ran before hooks/judge.py loaded the policy")
    return current


def plan() -> SitePlan:
    if site_plan is None:
        raise RuntimeError("the policy hooks ran before hooks/judge.py planned the site")
    return site_plan
