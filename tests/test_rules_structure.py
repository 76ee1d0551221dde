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


@pytest.mark.parametrize("text", ["1) 注册；2) 登录", "a) 下单；b) 支付", "（见《用户协议》)", "“甲（乙）”", "ii) third", "a)User registration.",
                                  "smile :)", "no brackets at all"])
def test_balanced_text_passes(text: str) -> None:
    assert _unbalanced(text) is None


def test_contents_converted_into_headings_are_one_finding(tmp_path: Path) -> None:
    """The contents typed as headings, then the real headings: one typed-contents finding, no empty sections."""
    from rulefixtures import judged, materialise
    root = materialise(tmp_path / "p", {"only": "zh", "files": {"docs/zh/sections/rights.md": (
        "# 您的权利\n\n## 一、查阅\n\n## 二、更正\n\n## 三、删除\n\n"
        "## 一、查阅\n\n您可以查阅您的个人信息。\n\n## 二、更正\n\n您可以更正您的个人信息。\n\n"
        "## 三、删除\n\n您可以删除您的个人信息，我们在{{ contact.response_days }}个工作日内答复。\n")}})
    assert [f"{f.line}: {f.rule}" for f in judged(root)] == ["3: structure.typed-contents"]
