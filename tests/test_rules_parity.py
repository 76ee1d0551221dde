"""parity.*: every pair of languages says the same things (policysite/rules/parity.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policysite.rules.markdown import parse
from policysite.rules.parity import numbers
from rulefixtures import cases, check_case


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("parity."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)


def _numbers(text: str) -> list[str]:
    return sorted(n for line in parse(text) if line.prose for n in numbers(line))


@pytest.mark.parametrize(("zh", "en"), [
    ("我们将在十五个工作日内答复。", "We will reply within 15 working days."),
    ("二十四小时内", "within twenty-four hours"),
    ("详见第十一条。", "See Section 11."),
    ("2024年11月18日", "November 18, 2024"),
    ("不满十四周岁", "under 14"),
])
def test_numbers_compare_by_value(zh: str, en: str) -> None:
    assert _numbers(zh) == _numbers(en) != []


@pytest.mark.parametrize("zh", ["您务必在第一时间联系我们。", "一段数据", "第三方合作伙伴", "十分重要"])
def test_words_with_numeral_characters_are_not_numbers(zh: str) -> None:
    assert _numbers(zh) == []


def test_list_markers_are_structure_not_numbers() -> None:
    assert _numbers("1. 第一项；\n2. 第二项。") == []


def test_the_default_language_governs_whatever_order_languages_are_listed_in(tmp_path: Path) -> None:
    """With en listed before zh, zh still governs: the English file is the one to change."""
    from rulefixtures import judged, materialise
    zh_line = "  - {code: zh, name: 简体中文, locale: zh_Hans_CN, hreflang: zh-CN}\n"
    en_line = "  - {code: en, name: English, locale: en, hreflang: en}\n"
    root = materialise(tmp_path / "p", {"edits": [
        {"file": "data/policy.yml", "old": zh_line + en_line, "new": en_line + zh_line},
        {"file": "docs/en/sections/collection.md", "old": "- Issuing invoices: your tax number.\n", "new": ""}]})
    found = judged(root)
    assert [(f.path, f.line, f.rule) for f in found] == [("docs/en/sections/collection.md", 5, "parity.list-items")]
    assert found[0].problem.startswith("section `collection` has 2 list items in docs/zh/sections/collection.md "
                                       "but 1 in docs/en/sections/collection.md")
    assert found[0].fix == ("make docs/en/sections/collection.md follow the docs/zh/sections/collection.md "
                            "structure (zh governs)")


def test_a_paragraph_added_to_the_translation_is_reported_where_it_stands(tmp_path: Path) -> None:
    from rulefixtures import judged, materialise
    root = materialise(tmp_path / "p", {"edits": [
        {"file": "docs/en/sections/storage.md", "old": "we delete your personal information.",
         "new": "we delete your personal information.\n\nWe may also keep copies of your requests in our archive for audits."}]})
    found = [f for f in judged(root) if f.rule == "parity.paragraph"]
    assert [(f.path, f.line) for f in found] == [("docs/en/sections/storage.md", 5)]
    assert "has no counterpart in docs/zh/sections/storage.md" in found[0].problem
    assert found[0].fix.startswith("translate it into docs/zh/sections/storage.md or delete it here")


def test_a_long_sub_section_is_aligned_around_the_diagonal_and_still_finds_the_missing_paragraph() -> None:
    from policysite.rules.parity import _align, _Paragraph
    zh = [_Paragraph([line]) for line in parse("\n\n".join(f"第{i}段：我们会将您的信息保存{i}天。" for i in range(120)))
          if line.kind == "text"]
    en = [_Paragraph([line]) for line in parse("\n\n".join(f"Paragraph {i}: we keep your information for {i} days."
                                                          for i in range(120) if i != 61)) if line.kind == "text"]
    assert _align(zh, en, 1.0) == ([61], [])
