"""Numbered and bulleted paragraphs of a source → the section's Markdown, numbered as the source numbers them.

A faithful import keeps a list a list: otherwise the gate reads its items as unfinished sentences and
its numbers as gaps, findings about the conversion rather than the policy.
"""

from __future__ import annotations

from pathlib import Path

from policysite.importer.plan import _section_markdown
from policysite.importer.sources import read_source
from policysite.importer.structure import marker, split


def _sections(tmp_path: Path, body: list[str]) -> list[str]:
    source = tmp_path / "policy.txt"
    source.write_text("\n".join(["本政策说明我们如何处理您的个人信息。", "一、适用范围", "本政策适用于我们的网站。",
                                 "二、我们如何收集您的个人信息", *body, "三、如何联系我们", "请写信给我们。"]),
                      encoding="utf-8")
    structure = split(read_source("zh", source))
    return [_section_markdown(part, False, []) for part in structure.parts]


def test_bullet_glyphs_need_no_space() -> None:
    assert marker("·手机号码")[0] == "bullet"
    assert marker("● 收货地址")[0] == "bullet"
    assert marker("-5℃以下") is None  # an ASCII dash is a bullet only with a space after it


def test_glued_bullets_become_one_markdown_list(tmp_path: Path) -> None:
    collection = _sections(tmp_path, ["我们收集的信息包括：", "·手机号码", "·收货地址", "·订单信息"])[2]
    assert "- 手机号码\n- 收货地址\n- 订单信息" in collection


def test_dotted_numbers_glued_to_chinese_are_sub_sections(tmp_path: Path) -> None:
    collection = _sections(tmp_path, ["2.1注册账号", "注册时我们收集您的手机号。", "2.2.拍摄功能",
                                      "拍摄时我们使用相机权限。"])[2]
    assert "## (1) 注册账号" in collection and "## (2) 拍摄功能" in collection


def test_a_lone_short_first_item_beside_a_long_second_is_not_a_sub_section(tmp_path: Path) -> None:
    """（一）短 … （二）a whole sentence: two items of one list, so neither becomes a `##` heading."""
    collection = _sections(tmp_path, ["（一）改进服务", "我们分析使用情况以改进服务。",
                                      "（二）在获得您的同意后，就您可能感兴趣的产品与您联系，且联系的频率不超过法律允许的范围。",
                                      "我们不会出售您的信息。"])[2]
    assert "##" not in collection
    assert "（一）改进服务" in collection and "（二）在获得您的同意后" in collection


def test_a_sub_section_run_still_becomes_headings(tmp_path: Path) -> None:
    collection = _sections(tmp_path, ["（一）注册", "注册时我们收集您的手机号。", "（二）下单", "下单时我们收集您的地址。"])[2]
    assert "## （一）注册" in collection and "## （二）下单" in collection


def test_a_paragraph_inside_a_numbered_list_keeps_the_numbers_going(tmp_path: Path) -> None:
    """（1）（2）, a paragraph, （3）: the paragraph belongs to item 2 and item 3 stays in the list."""
    collection = _sections(tmp_path, ["我们在以下情形共享信息：", "（1）获得您的同意后；", "（2）为履行合同所必需；",
                                      "此时我们只共享必要的信息。", "（3）法律法规要求时。", "我们不会出售您的信息。"])[2]
    assert ("1. 获得您的同意后；\n2. 为履行合同所必需；\n\n    此时我们只共享必要的信息。\n\n3. 法律法规要求时。"
            in collection)
    assert collection.rstrip().endswith("\n\n我们不会出售您的信息。")


def test_a_paragraph_after_a_finished_list_ends_it(tmp_path: Path) -> None:
    collection = _sections(tmp_path, ["我们在以下情形共享信息：", "（1）获得您的同意后；", "（2）法律法规要求时。",
                                      "我们不会出售您的信息。", "（4）这一项的编号是写错的。"])[2]
    assert "2. 法律法规要求时。\n\n我们不会出售您的信息。\n\n（4）这一项的编号是写错的。" in collection


def test_section_roles_from_the_template_headings_real_policies_use() -> None:
    """Headings of the GB/T 35273 template and its variants name the role the disclosure checks look for."""
    from policysite.importer.roleguess import guess_roles
    assert guess_roles("如何管理您的个人信息") == ["rights"]
    assert guess_roles("Managing your personal information") == ["rights"]
    assert guess_roles("个人信息的转移与公开") == ["sharing"]
    assert guess_roles("投诉渠道与联系方式") == ["contact"]
    assert guess_roles("您的信息如何在全球范围内转移") == ["cross-border"]
    assert guess_roles("我们如何从公开渠道收集信息") == ["collection"]  # 公开渠道 is a source, not a disclosure
    assert guess_roles("我们如何保护您的信息") == ["security"]
