"""debris.*: Word and review leftovers (policysite/rules/debris.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rulefixtures import cases, check_case


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("debris."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)


def test_a_comment_is_hidden_from_the_text_the_rules_read() -> None:
    from policysite.rules.markdown import parse
    lines = parse("You may <!-- counsel: unclear --> access it.\nWe <!-- TODO\nstill open\n--> reply.\n")
    assert [(line.kind, line.text, line.comment_opens) for line in lines[:4]] == [
        ("text", "You may  access it.", True), ("text", "We", True), ("comment", "still open", False),
        ("text", "reply.", False)]
    assert lines[3].continues, "the paragraph goes on after a comment opened in it"
