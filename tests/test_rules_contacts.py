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
