"""consistency.*: one language agrees with itself (policysite/rules/consistency.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rulefixtures import cases, check_case


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("consistency."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)
