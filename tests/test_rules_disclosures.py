"""disclosure.*: what PIPL Art. 17 and GB/T 35273 Annex D require (policysite/rules/disclosures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rulefixtures import cases, check_case, judged, materialise


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("disclosure."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)


def test_an_unknown_role_is_named_with_a_suggestion(tmp_path: Path) -> None:
    root = materialise(tmp_path / "p", {"edits": [{"file": "data/policy.yml", "old": "role: minors}",
                                                    "new": "role: minor}"}]})
    found = judged(root)
    assert [(f.path, f.line, f.rule) for f in found] == [("data/policy.yml", 18, "data.schema")]
    assert "`minor`" in found[0].problem and "did you mean `minors`?" in found[0].fix
