"""Redlines: character by character for Chinese, word by word for English, unchanged blocks left alone."""

from __future__ import annotations

from policysite.archive.diff import Change, blocks, inline_diff, redline, tokenize


def test_chinese_is_compared_character_by_character_but_numbers_stay_whole() -> None:
    assert tokenize("我们在15个工作日内", "zh") == ["我", "们", "在", "15", "个", "工", "作", "日", "内"]
    _, changes = inline_diff("我们在15个工作日内答复", "我们在10个工作日内书面答复", "zh")
    assert changes == [Change("15", "10"), Change("", "书面")]


def test_english_is_compared_word_by_word() -> None:
    assert tokenize("We reply within 15 days.", "en") == ["We", " ", "reply", " ", "within", " ", "15", " ", "days", "."]
    html, changes = inline_diff("We reply within 15 days.", "We reply in writing within 10 days.", "en")
    assert changes == [Change("", "in writing "), Change("15", "10")]
    assert html == "We reply <ins>in writing </ins>within <del>15</del><ins>10</ins> days."


def test_marked_text_is_escaped() -> None:
    html, _ = inline_diff("a <b> c", "a <i> c", "en")
    assert html == "a &lt;<del>b</del><ins>i</ins>&gt; c"


def test_unchanged_blocks_stay_markdown_and_changed_ones_are_marked() -> None:
    old = "# Title\n\n## One {#one}\n\nFirst paragraph.\n\n- a list\n- of items\n\nLast words here.\n"
    new = "# Title\n\n## One {#one}\n\nFirst paragraph.\n\n- a list\n- of many items\n\nLast words here.\n"
    result = redline(old, new, "en")
    assert result.changes == [Change("", "many ")]
    assert "### One {#one}" in result.markdown, "headings move one level down under the page's own title"
    assert "First paragraph.\n\n" in result.markdown and "Last words here." in result.markdown
    assert '<div class="redline-block">- a list<br>- of <ins>many </ins>items</div>' in result.markdown


def test_added_and_removed_paragraphs_are_marked_whole() -> None:
    result = redline("A.\n\nB.\n", "A.\n\nNew paragraph.\n\nB.\n", "en")
    assert result.changes == [Change("", "New paragraph.")]
    result = redline("A.\n\nGone.\n\nB.\n", "A.\n\nB.\n", "en")
    assert result.changes == [Change("Gone.", "")]


def test_identical_texts_have_no_changes() -> None:
    text = "# Title\n\nSame.\n"
    assert redline(text, text, "zh").changes == []
    assert blocks("a\n\n\n\nb\n  \nc") == ["a", "b", "c"]
