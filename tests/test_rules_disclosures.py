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


def test_a_company_named_as_typed_text_is_not_called_unnamed(tmp_path: Path) -> None:
    """The typed name is one finding (use the placeholder), not two (the intro does not claim it is unnamed)."""
    root = materialise(tmp_path / "p", {"only": "zh", "edits": [
        {"file": "docs/zh/sections/intro.md", "old": "{{ company.legal_name }}，位于",
         "new": "示例（上海）科技有限公司，位于"}]})
    assert [(f.path, f.line, f.rule) for f in judged(root)] == [("docs/zh/sections/intro.md", 1,
                                                                "consistency.fact-literal")]


def test_a_minors_section_open_to_minors_must_address_children_under_14(tmp_path: Path) -> None:
    """Guardian consent for “minors” in general is not the rules for under-14s (PIPL Art. 31) — unless the service is closed to minors."""
    general = "未成年人使用我们的服务前，应取得监护人的同意。"
    root = materialise(tmp_path / "open", {"only": "zh", "files": {
        "docs/zh/sections/minors.md": f"# 未成年人的个人信息\n\n{general}\n"}})
    assert [(f.path, f.line, f.rule) for f in judged(root)] == [("docs/zh/sections/minors.md", 3, "disclosure.children")]
    closed = materialise(tmp_path / "closed", {"only": "zh", "files": {
        "docs/zh/sections/minors.md": f"# 未成年人的个人信息\n\n我们的服务面向企业用户，我们无意收集未成年人的个人信息。{general}\n"}})
    assert judged(closed) == []
