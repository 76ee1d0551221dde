"""children.*: what separate children's rules must say (policysite/rules/children.py), judged in their own files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rulefixtures import RULE_FIXTURES, cases, check_case, judged, materialise


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("children."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)


def _spec(variant: str) -> dict:
    return yaml.safe_load((RULE_FIXTURES / "children.disclosure.yml").read_text(encoding="utf-8"))[variant]


def test_the_finding_says_what_is_missing_in_a_sentence_a_lawyer_can_act_on(tmp_path: Path) -> None:
    found = judged(materialise(tmp_path / "p", _spec("fail")))
    zh = next(f for f in found if f.path == "docs/zh/children-rules/sections/intro.md")
    assert zh.problem == "zh: these children's rules do not say guardian consent"
    assert "guardian's consent" in zh.fix and "check the wording" in zh.fix


def test_each_thing_article_8_asks_is_reported_when_missing(tmp_path: Path) -> None:
    spec = _spec("pass")
    spec["files"]["docs/en/children-rules/sections/guardians.md"] = "# Children's Information\n\nWe look after it.\n"
    found = [f for f in judged(materialise(tmp_path / "p", spec)) if f.rule == "children.disclosure"]
    assert sorted(f.problem for f in found) == [
        "en: these children's rules do not say guardian consent",
        "en: these children's rules do not say how a guardian accesses, corrects or deletes it",
        "en: these children's rules do not say the contact for children's information",
        "en: these children's rules do not say what is collected from children"]
    assert {f.path for f in found} == {"docs/en/children-rules/sections/intro.md"}
