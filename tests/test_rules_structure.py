"""structure.*: numbering, empty headings, repeated paragraphs, brackets, typed contents (policysite/rules/structure.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policysite.rules.structure import _unbalanced
from rulefixtures import cases, check_case


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("structure."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)


@pytest.mark.parametrize("text", ["（以下简称“我们\"）", "见《用户协议", "(SDK，", "】前言", "“甲”和“乙"])
def test_unbalanced_pairs_are_found(text: str) -> None:
    assert _unbalanced(text) is not None


@pytest.mark.parametrize("text", ["1) 注册；2) 登录", "a) 下单；b) 支付", "（见《用户协议》)", "“甲（乙）”", "ii) third",
                                  "smile :)", "no brackets at all"])
def test_balanced_text_passes(text: str) -> None:
    assert _unbalanced(text) is None
