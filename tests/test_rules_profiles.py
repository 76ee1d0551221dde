"""Rule profiles per kind of document (policysite/rules/profiles.py): PIPL disclosures judge a policy, not a list."""

from __future__ import annotations

from pathlib import Path

import yaml

from policysite.gate import consistency_gate
from policysite.load import load_policy
from policysite.rules import RULES
from policysite.rules.profiles import CHILDREN, PIPL, PROFILES, TEXT, applies, family, rules_for
from policysite.rules.references import KINDS
from rulefixtures import RULE_FIXTURES, TODAY, materialise

GATE = [rule_id for rule_id, entry in RULES.items() if entry.check is not None]


def test_every_family_of_the_gate_is_decided_and_every_kind_has_a_profile() -> None:
    assert {family(rule_id) for rule_id in GATE} == TEXT | PIPL | CHILDREN
    assert set(PROFILES) == set(KINDS)
    # What separate children's rules must say is asked of them alone, not of the policy's minors section.
    assert rules_for("privacy-policy") == [rule_id for rule_id in GATE if family(rule_id) != "children"]
    assert rules_for("some-new-kind") == GATE  # no profile yet: every rule, never fewer


def test_a_list_is_not_judged_as_a_privacy_notice() -> None:
    for kind in ("collection-list", "third-party-list", "terms"):
        assert not any(rule_id.startswith("disclosure.") for rule_id in rules_for(kind))
        assert "debris.word" in rules_for(kind) and "document.reference-unpublished" in rules_for(kind)
    assert not applies("disclosure.role-missing", "terms") and not applies("children.disclosure", "terms")


def test_childrens_rules_are_judged_by_the_text_rules_and_what_article_8_asks_of_them() -> None:
    assert applies("children.disclosure", "children-rules") and not applies("children.disclosure", "privacy-policy")
    assert {"debris.word", "placeholder.unfilled", "typo.dangling-preposition",
            "document.reference-unpublished"} <= set(rules_for("children-rules"))
    # The PIPL Art. 17 roles of a privacy notice are the policy's: the rules supplement it.
    assert not applies("disclosure.role-missing", "children-rules")


def test_the_gate_runs_the_profile_of_the_kind_it_is_given(tmp_path: Path) -> None:
    """The same text that fails a PIPL disclosure as a policy passes it as a list, and still fails as debris."""
    spec = yaml.safe_load((RULE_FIXTURES / "disclosure.sharing-recipients.yml").read_text(encoding="utf-8"))["fail"]
    spec["edits"].append({"file": "docs/zh/sections/rights.md", "old": "。", "new": "。[bookmark: OLE_LINK2]"})
    policy = load_policy(materialise(tmp_path / "site", spec))
    as_policy = {f.rule for f in consistency_gate(policy, today=TODAY)}
    as_list = {f.rule for f in consistency_gate(policy, today=TODAY, kind="third-party-list")}
    assert {"disclosure.sharing-recipients", "debris.word"} <= as_policy
    assert "debris.word" in as_list and not any(rule.startswith("disclosure.") for rule in as_list)
