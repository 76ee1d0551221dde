"""Where sections split: every heading style real policies use, and the next level inside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from policysite.importer.sources import read_source
from policysite.importer.structure import split

STYLES = {
    "cn-dun": ("一、适用范围", "二、我们如何收集您的个人信息", "三、如何联系我们"),
    "num-dun": ("1、适用范围", "2、我们如何收集您的个人信息", "3、如何联系我们"),
    "num-dot": ("1. Scope", "2. What We Collect", "3. How to Contact Us"),
    "article": ("第一条 适用范围", "第二条 我们如何收集您的个人信息", "第三条 如何联系我们"),
    "paren-cn": ("（一）适用范围", "（二）我们如何收集您的个人信息", "（三）如何联系我们"),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_top_level_headings_in_every_style(tmp_path: Path, style: str) -> None:
    first, second, third = STYLES[style]
    text = "\n".join(["本政策说明我们如何处理您的个人信息。", first, "本政策适用于我们的网站。", second,
                      "(1) 注册", "您注册时我们收集您的手机号。", "(2) 下单", "您下单时我们收集您的地址。",
                      "1. 我们不收集敏感信息。", third, "请写信给我们。"])
    source = tmp_path / "policy.txt"
    source.write_text(text, encoding="utf-8")
    structure = split(read_source("zh", source))
    titles = [part.heading.title if part.heading else None for part in structure.parts]
    expected = ["Scope", "What We Collect", "How to Contact Us"] if style == "num-dot" else \
        ["适用范围", "我们如何收集您的个人信息", "如何联系我们"]
    assert titles == [None] + expected  # the numbers are gone: the build numbers sections
    collection = structure.parts[2]
    subs = [collection.paras[i].text for i in sorted(collection.subheadings)]
    assert subs == ["(1) 注册", "(2) 下单"]


def test_a_sentence_is_not_a_heading(tmp_path: Path) -> None:
    source = tmp_path / "policy.txt"
    source.write_text("一、适用范围\n本政策适用于网站。\n二、我们如何收集信息\n"
                      "(一) 我们会在您注册时收集您的手机号码，用于验证您的身份并向您发送通知。\n"
                      "(二) 我们不会收集您的敏感个人信息。\n", encoding="utf-8")
    structure = split(read_source("zh", source))
    assert [p.heading.title for p in structure.parts[1:]] == ["适用范围", "我们如何收集信息"]
    assert structure.parts[2].subheadings == set()
