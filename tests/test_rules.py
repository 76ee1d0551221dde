"""The rule registry (policysite/rules/): every rule is named, documented and has both fixtures."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from policysite.findings import PolicyError, Severity
from policysite.rules import RULES, run_rules
from conftest import FLAGSHIP, PROJECT
from rulefixtures import RULE_FIXTURES, cases, judged


GATE_RULES = {rule_id for rule_id, rule in RULES.items() if rule.check is not None}
CHECKED_ELSEWHERE = set(RULES) - GATE_RULES
# The registry itself makes findings with the ids its rules were registered under.
SOURCES = [path for folder in (PROJECT / "policysite", PROJECT / "hooks") for path in sorted(folder.rglob("*.py"))
           if path != PROJECT / "policysite" / "rules" / "registry.py"]


def test_every_rule_has_an_id_a_severity_and_a_reason() -> None:
    assert len(GATE_RULES) >= 30
    for rule_id, rule in RULES.items():
        assert re.fullmatch(r"(placeholder|debris|contact|date|parity|consistency|disclosure|structure|naming|typo"
                            r"|data|section|page|wechat|site|archive|waiver|internal|list|document|children)\.[a-z-]+", rule_id)
        assert isinstance(rule.severity, Severity)
        assert len(rule.doc.strip().splitlines()) >= 2, f"{rule_id}: say what it catches and why"


def test_every_rule_has_a_failing_and_a_passing_fixture() -> None:
    fixtures = {path.stem for path in RULE_FIXTURES.glob("*.yml")}
    assert fixtures == GATE_RULES, "one tests/fixtures/rules/<rule-id>.yml per rule of the gate, no more, no less"
    assert len(cases("")) == 2 * len(GATE_RULES)


def _emitted_rule_ids() -> dict[str, str]:
    """Every rule id a `Finding(…)` in policysite/ or hooks/ can carry → where, derived from the source.

    A literal third argument counts directly; a parameter (``report(rule, …)``
    building the Finding) counts the literals every call of that function
    passes in its place. Anything else cannot be checked, so it fails here.
    """
    found: dict[str, str] = {}
    reporters: dict[tuple[Path, str], int] = {}  # (file, function name) → position of its rule parameter
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in SOURCES}
    for path, tree in trees.items():
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Finding"):
                continue
            where = f"{path.relative_to(PROJECT)}:{node.lineno}"
            argument = node.args[2] if len(node.args) > 2 else next((k.value for k in node.keywords if k.arg == "rule"), None)
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.setdefault(argument.value, where)
                continue
            function = parents.get(node)
            while function is not None and not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                function = parents.get(function)
            names = [a.arg for a in function.args.args] if function is not None else []
            assert isinstance(argument, ast.Name) and argument.id in names, \
                f"{where}: write the Finding's rule id as a literal (or a parameter of a reporting function)"
            reporters[(path, function.name)] = names.index(argument.id) - (names[:1] == ["self"])
    for path, tree in trees.items():
        for node in ast.walk(tree):
            name = getattr(node.func, "id", getattr(node.func, "attr", "")) if isinstance(node, ast.Call) else ""
            position = reporters.get((path, name))  # a reporting function is called in its own module
            if position is not None and len(node.args) > position:
                argument = node.args[position]
                where = f"{path.relative_to(PROJECT)}:{node.lineno}"
                assert isinstance(argument, ast.Constant), f"{where}: pass the rule id to {name}() as a literal"
                found.setdefault(argument.value, where)
    return found


def test_every_finding_id_the_code_can_emit_is_registered() -> None:
    """So that `python -m policysite rules` lists it and a waiver naming it gets a real answer."""
    emitted = _emitted_rule_ids()
    assert {"section.missing", "data.schema", "wechat.verification-name", "archive.modified",
            "site.external-load", "waiver.unmatched"} <= set(emitted), "the derivation must see every stage"
    missing = {rule_id: where for rule_id, where in emitted.items() if rule_id not in RULES}
    assert not missing, f"register these in policysite/rules/elsewhere.py: {missing}"
    assert not set(emitted) & GATE_RULES, "a rule of the gate is reported through its check, not a Finding(…) elsewhere"


def test_every_id_checked_elsewhere_is_still_emitted() -> None:
    assert CHECKED_ELSEWHERE <= set(_emitted_rule_ids()), "delete the registry entries nothing emits any more"


def test_every_id_checked_elsewhere_is_named_by_a_test() -> None:
    texts = "\n".join(path.read_text(encoding="utf-8") for path in sorted((PROJECT / "tests").glob("test_*.py"))
                      if path.name != "test_rules.py")
    untested = sorted(rule_id for rule_id in CHECKED_ELSEWHERE if rule_id not in texts)
    assert not untested, f"no test makes these findings: {untested}"


def test_the_flagship_passes_every_rule() -> None:
    assert [f.format() for f in judged(FLAGSHIP, today=None)] == []


def test_the_flagship_waivers_are_needed() -> None:
    """Without its waivers the flagship shows exactly what they accept: the unconfirmed online customer service
    and the retention period stated only as “necessary for the purposes”. (And the notice, never waived, that
    its sharing section does not name the third-party list the site publishes yet.)"""
    from policysite.load import load_policy
    found = run_rules(load_policy(FLAGSHIP), today=dt.date.today())
    assert sorted((f.path, f.rule) for f in found) == [("docs/en/sections/rights.md", "contact.channel-missing"),
                                                       ("docs/en/sections/sharing.md", "document.unreferenced"),
                                                       ("docs/en/sections/storage.md", "disclosure.retention"),
                                                       ("docs/zh/sections/rights.md", "contact.channel-missing"),
                                                       ("docs/zh/sections/sharing.md", "document.unreferenced"),
                                                       ("docs/zh/sections/storage.md", "disclosure.retention")]


def test_only_runs_the_named_rules() -> None:
    from policysite.load import load_policy
    policy = load_policy(FLAGSHIP)
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
