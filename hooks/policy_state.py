"""The policy loaded for the current build run, shared by the hook modules.

Not a hook itself. MkDocs caches hook modules for the whole `mkdocs serve`
process, so the judge hook replaces this state at the start of every run.
"""

from __future__ import annotations

from policysite import Policy

current: Policy | None = None


def policy() -> Policy:
    if current is None:
        raise RuntimeError("the policy hooks ran before hooks/judge.py loaded the policy")
    return current
