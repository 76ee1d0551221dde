"""The rule registry (policysite/rules/): every rule is named, documented and has both fixtures."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from policysite.findings import PolicyError, Severity
from policysite.rules import RULES, run_rules
from conftest import PROJECT
from rulefixtures import RULE_FIXTURES, cases, judged


def test_every_rule_has_an_id_a_severity_and_a_reason() -> None:
    assert len(RULES) >= 30
    for rule_id, rule in RULES.items():
        assert re.fullmatch(r"(placeholder|debris|contact|date|parity|consistency|disclosure)\.[a-z-]+", rule_id)
        assert isinstance(rule.severity, Severity)
        assert len(rule.doc.strip().splitlines()) >= 2, f"{rule_id}: say what it catches and why"


def test_every_rule_has_a_failing_and_a_passing_fixture() -> None:
    fixtures = {path.stem for path in RULE_FIXTURES.glob("*.yml")}
    assert fixtures == set(RULES), "one tests/fixtures/rules/<rule-id>.yml per rule, no more, no less"
    assert len(cases("")) == 2 * len(RULES)


def test_the_flagship_passes_every_rule() -> None:
    assert [f.format() for f in judged(PROJECT, today=None)] == []


def test_the_flagship_waivers_are_needed() -> None:
    """Without its waivers the flagship shows exactly what they accept: the unconfirmed online customer service."""
    from policysite.load import load_policy
    found = run_rules(load_policy(PROJECT), today=dt.date.today())
    assert [(f.path, f.rule) for f in found] == [("docs/en/sections/rights.md", "contact.channel-missing"),
                                                 ("docs/zh/sections/rights.md", "contact.channel-missing")]


def test_only_runs_the_named_rules() -> None:
    from policysite.load import load_policy
    policy = load_policy(PROJECT)
    assert run_rules(policy, only=["debris.word"]) == []
    with pytest.raises(KeyError):
        run_rules(policy, only=["debris.nope"])


WRONG_WECHAT = "verification_file: {name: verify.txt, content: \"abc\"}\n"


def test_a_failed_load_still_reports_the_wechat_and_archive_findings(tmp_path) -> None:
    """One run reports everything: the stages that need only data/ and archive/ run on what could be read."""
    from rulefixtures import judged, materialise
    root = materialise(tmp_path / "p", {
        "edits": [{"file": "docs/zh/sections/contact.md", "old": "{{ contact.email }}", "new": "{{ contact.emial }}"}],
        "files": {"data/wechat.yml": WRONG_WECHAT, "archive/stray.md": "# not released\n"}})
    rules = {f.rule for f in judged(root)}
    assert {"placeholder.unknown", "wechat.verification-name", "archive.unexpected"} <= rules, rules


def test_broken_data_still_reports_the_wechat_findings(tmp_path) -> None:
    from rulefixtures import judged, materialise
    root = materialise(tmp_path / "p", {"files": {"data/contact.yml": "email: [unclosed\n",
                                                  "data/wechat.yml": WRONG_WECHAT}})
    assert [f.rule for f in judged(root)] == ["data.yaml", "wechat.verification-name"]


def test_a_failed_load_still_compares_the_site_languages(tmp_path) -> None:
    from policysite.judge import judge
    from rulefixtures import TODAY, materialise
    root = materialise(tmp_path / "p", {"edits": [{"file": "docs/zh/sections/contact.md", "old": "{{ contact.email }}",
                                                    "new": "{{ contact.emial }}"}]})
    with pytest.raises(PolicyError) as raised:
        judge(root, today=TODAY, commit_date=lambda *_: None, site_languages=["zh"])
    assert {"placeholder.unknown", "site.languages"} <= {f.rule for f in raised.value.findings}
