"""naming.*: one spelling per word, one register, the brand as data writes it (policysite/rules/naming.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rulefixtures import cases, check_case


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("naming."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)


def test_a_declared_alias_of_the_brand_is_not_a_misspelling(tmp_path: Path) -> None:
    """`company.aliases` lists the other names the operator uses on purpose; the brand rule accepts them."""
    from rulefixtures import judged, materialise
    edits = [{"file": "data/company.yml", "old": "website: www.example.cn",
              "new": "website: www.example.cn\nbrand: NovaLearn\naliases:\n  - Nova Learn"},
             {"file": "docs/en/sections/updates.md", "old": "on this page.",
              "new": "on this page; the Nova Learn app shows a notice too."}]
    assert [f.rule for f in judged(materialise(tmp_path / "with", {"edits": edits}))] == []
    edits[0]["new"] = "website: www.example.cn\nbrand: NovaLearn"
    assert [f.rule for f in judged(materialise(tmp_path / "without", {"edits": edits}))] == ["naming.brand"]
