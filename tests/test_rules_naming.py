"""naming.*: one spelling per word, one register, the brand as data writes it (policysite/rules/naming.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rulefixtures import cases, check_case


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("naming."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)
