"""contact.*: contact details from data, on the company's domains (policysite/rules/contacts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policysite.rules.contacts import domain_of, edit_distance
from rulefixtures import cases, check_case


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("contact."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)


def test_the_flagship_typo_is_one_letter_away() -> None:
    assert edit_distance("xomery.asia", "xometry.asia") == 1


@pytest.mark.parametrize(("value", "domain"), [("info@xomery.asia", "xomery.asia"),
                                               ("https://www.example.cn/privacy?x=1", "www.example.cn"),
                                               ("www.xometry.asia", "www.xometry.asia"), ("no domain", None)])
def test_domain_of(value: str, domain: str | None) -> None:
    assert domain_of(value) == domain


def test_an_outside_site_is_declared_once_in_data_not_waived_twice(tmp_path: Path) -> None:
    """A cookie-information site typed in the text: two findings, until `external_sites` declares it once."""
    from rulefixtures import judged, materialise
    edits = [{"file": "docs/zh/sections/updates.md", "old": "发布本政策的变更。",
              "new": "发布本政策的变更。关于Cookie的一般知识，请访问www.cookie-facts.org。"}]
    root = materialise(tmp_path / "undeclared", {"only": "zh", "edits": edits})
    assert sorted(f.rule for f in judged(root)) == ["contact.domain-foreign", "contact.literal"]
    declared = edits + [{"file": "data/company.yml", "old": "domains:",
                         "new": "external_sites:\n  - cookie-facts.org\ndomains:"}]
    assert judged(materialise(tmp_path / "declared", {"only": "zh", "edits": declared})) == []


def test_external_sites_must_be_bare_domains(tmp_path: Path) -> None:
    from rulefixtures import judged, materialise
    root = materialise(tmp_path / "p", {"edits": [{"file": "data/company.yml", "old": "domains:",
                                                   "new": "external_sites: https://cookie-facts.org/\ndomains:"}]})
    found = judged(root)
    assert [(f.path, f.rule) for f in found] == [("data/company.yml", "data.schema")]
    assert "bare domains" in found[0].problem
