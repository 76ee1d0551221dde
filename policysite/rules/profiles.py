"""Which rules of the gate apply to which kind of document: a profile per kind.

The PIPL disclosures (who the processor is, what is collected and why, how
long it is kept, who receives it, how to exercise one's rights…: the
`disclosure.*` family) are what a privacy notice must say (PIPL Art. 17); a
list of what is collected or shared, or the terms of service, is not a
privacy notice and would fail them all for saying what it is not meant to.
How a text is written (debris, placeholders, typos, parity between languages,
references, contacts, dates) is judged in every document.

Every family of the gate is named here on purpose: tests fail when a new
family appears without a decision on the kinds it applies to.
"""

from __future__ import annotations

from . import RULES

# How a text is written: every kind of document.
TEXT = frozenset({"consistency", "contact", "date", "debris", "document", "naming", "parity", "placeholder",
                  "section", "structure", "typo"})
# What a notice on the processing of personal information must disclose (PIPL Art. 17, 23, 31, 39, 50).
PIPL = frozenset({"disclosure"})
# What separate children's rules must say (儿童个人信息网络保护规定 Art. 8–10, 19–20): a policy's minors
# section is judged by disclosure.children instead, so this family judges children's rules alone.
CHILDREN = frozenset({"children"})

PROFILES: dict[str, frozenset[str]] = {
    "privacy-policy": TEXT | PIPL,
    # Children's rules are the separate rules Art. 8 of 儿童个人信息网络保护规定 asks for, beside the policy
    # (which keeps the PIPL Art. 17 disclosures): they say what that article and Art. 9–10, 19–20 ask of them.
    "children-rules": TEXT | CHILDREN,
    "collection-list": TEXT,
    "third-party-list": TEXT,
    "terms": TEXT,
}


def family(rule_id: str) -> str:
    return rule_id.split(".", 1)[0]


def applies(rule_id: str, kind: str) -> bool:
    """Whether the rule judges documents of ``kind``; a kind without a profile gets every rule (the strictest)."""
    families = PROFILES.get(kind)
    return families is None or family(rule_id) in families


def rules_for(kind: str) -> list[str]:
    """The ids of the gate's rules that judge a document of ``kind``, for ``run_rules(…, only=…)``."""
    return [rule_id for rule_id, entry in RULES.items() if entry.check is not None and applies(rule_id, kind)]
