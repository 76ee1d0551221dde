"""typo.*: Chinese confusion sets, doubled characters, English spelling (policysite/rules/typos.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policysite.rules.typos import _one_letter_away
from rulefixtures import cases, check_case


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("typo."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)


def test_the_dictionary_suggests_the_word_one_letter_away() -> None:
    assert "information" in _one_letter_away("infomation")
    assert "receive" in _one_letter_away("recieve")
    assert not _one_letter_away("xqzvb")


@pytest.mark.parametrize("word", ["behavioural", "programme", "organisational", "pseudonymised", "hereinafter", "apps"])
def test_british_spellings_and_terms_are_not_reported(word: str) -> None:
    """Known through British spellings and suffixes, or with no dictionary word one letter away."""
    from policysite.rules.typos import _Dictionary, _known
    assert _known(word, _Dictionary(), set()) or not _one_letter_away(word)
