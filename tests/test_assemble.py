"""policysite.assemble and labels: numbering, the generated contents list, the inventory table."""

from __future__ import annotations

import pytest

from policysite.assemble import contents_list, demote_headings, inventory_table
from policysite.labels import chinese_numeral, section_number
from policysite.model import Section


@pytest.mark.parametrize("number, numeral", [(1, "一"), (8, "八"), (10, "十"), (11, "十一"), (15, "十五"),
                                             (20, "二十"), (24, "二十四"), (99, "九十九")])
def test_chinese_numerals(number: int, numeral: str) -> None:
    assert chinese_numeral(number) == numeral


def test_section_number_per_language() -> None:
    assert section_number(3, "zh") == "三、"
    assert section_number(3, "en") == "3. "


SECTIONS = [Section("intro", "intro", None), Section("rights", "rights", 1), Section("appendix", "appendix", None)]


def test_contents_list_comes_from_the_headings() -> None:
    titles = {"rights": "您的权利", "appendix": "个人信息收集清单"}
    assert contents_list(SECTIONS, titles, "zh") == "- [一、您的权利](#rights)\n- [附件：个人信息收集清单](#appendix)"
    titles = {"rights": "Your Rights", "appendix": "List"}
    assert contents_list(SECTIONS, titles, "en") == "- [1. Your Rights](#rights)\n- [Appendix: List](#appendix)"


def test_inventory_table_escapes_pipes() -> None:
    table = inventory_table({"columns": {"a": "A", "b": "B"}, "rows": [{"a": "x|y", "b": "z"}]})
    assert table.splitlines() == ["| A | B |", "| --- | --- |", "| x\\|y | z |"]


def test_demote_headings_skips_code_fences() -> None:
    source = "## (1) Sub\ntext\n```\n# not a heading\n```\n### deeper"
    assert demote_headings(source) == "### (1) Sub\ntext\n```\n# not a heading\n```\n#### deeper"


def test_sub_headings_get_ascii_anchors_numbered_within_the_section() -> None:
    source = "## （1）注册登录\ntext\n## （2）获取报价\n## Kept {#own-id}"
    assert demote_headings(source, "processing").splitlines() == [
        "### （1）注册登录 {#processing-1}", "text", "### （2）获取报价 {#processing-2}", "### Kept {#own-id}"]


def test_sub_heading_ids_match_what_the_page_gets() -> None:
    from policysite.assemble import sub_heading_ids
    body = "## (1) One\n```\n## not a heading\n```\n## (2) Two {#pinned .x}\n### (a) Three"
    assert sub_heading_ids(body, "rights") == ["rights-1", "pinned", "rights-2"]
    assert "## (2) Two {#pinned .x}" in demote_headings(body, "rights").replace("### (2)", "## (2)")
