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


_RIGHTS = "docs/zh/sections/rights.md"


def _numbering_findings(tmp_path: Path, text: str) -> list[str]:
    from rulefixtures import judged, materialise
    root = materialise(tmp_path / "p", {"only": "zh", "files": {_RIGHTS: text}})
    return [f"{f.line}: {f.rule}" for f in judged(root)]


def test_decimal_numbers_count_per_chapter_across_headings(tmp_path: Path) -> None:
    """1.1 … (sub-headings) … 1.2: one run, as the source numbers it; a lone 3.1 is a chapter's sub-heading."""
    text = ("# 您的权利\n\n1.1 您可以查阅您的个人信息。\n\n## （1）查阅\n\n您可以通过本政策提供的联系方式查阅。\n\n"
            "## （2）复制\n\n您可以要求复制您的个人信息。\n\n1.2 我们将在收到请求后{{ contact.response_days }}个工作日内答复。\n\n"
            "3.1 您可以随时撤回同意。\n")
    assert _numbering_findings(tmp_path, text) == []


def test_a_decimal_gap_across_headings_is_still_a_gap(tmp_path: Path) -> None:
    text = ("# 您的权利\n\n1.1 您可以查阅您的个人信息。\n\n## （1）查阅\n\n您可以通过本政策提供的联系方式查阅。\n\n"
            "## （2）复制\n\n您可以要求复制您的个人信息。\n\n1.3 我们将在收到请求后{{ contact.response_days }}个工作日内答复。\n")
    assert _numbering_findings(tmp_path, text) == ["13: structure.numbering"]


def test_lettered_items_glued_to_a_capital_count_as_a_list(tmp_path: Path) -> None:
    from rulefixtures import judged, materialise
    text = ("# Your Rights\n\n## (1) Access and copy\n\nYou may access your personal information through the "
            "contact details in this policy.\n\n## (2) Responding to your request\n\n"
            "We will reply within {{ contact.response_days }} working days of receiving your request.\n\n"
            "a)Access requests are answered by e-mail.\n\nc)Copies are sent as a file.\n")
    root = materialise(tmp_path / "p", {"files": {"docs/en/sections/rights.md": text}})
    assert [f"{f.path}:{f.line}: {f.rule}" for f in judged(root) if f.rule.startswith("structure.")] == \
        ["docs/en/sections/rights.md:13: structure.numbering"]
