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
    assert '<div class="redline-block"><p>• a list<br>• of <ins>many </ins>items</p></div>' in result.markdown


def test_added_and_removed_paragraphs_are_marked_whole() -> None:
    result = redline("A.\n\nB.\n", "A.\n\nNew paragraph.\n\nB.\n", "en")
    assert result.changes == [Change("", "New paragraph.")]
    result = redline("A.\n\nGone.\n\nB.\n", "A.\n\nB.\n", "en")
    assert result.changes == [Change("Gone.", "")]


def test_identical_texts_have_no_changes() -> None:
    text = "# Title\n\nSame.\n"
    assert redline(text, text, "zh").changes == []
    assert blocks("a\n\n\n\nb\n  \nc") == ["a", "b", "c"]


# --- changed blocks read as the page does, not as Markdown -----------------------------------

def changed(markdown: str) -> list[str]:
    return [part.strip() for part in markdown.split("\n\n") if part.startswith('<div class="redline-block">')]


def test_a_changed_heading_is_a_heading_with_its_anchor() -> None:
    result = redline("# T\n\n## 五、个人信息主体权利 {#rights}\n\nText.\n", "# T\n\n## 五、您的个人信息权利 {#rights}\n\nText.\n", "zh")
    assert changed(result.markdown) == [
        '<div class="redline-block"><h3 id="rights">五、<ins>您的</ins>个人信息<del>主体</del>权利</h3></div>']
    assert result.changes == [Change("", "您的"), Change("主体", "")]


def test_a_changed_table_is_a_table_with_only_the_changed_cell_marked() -> None:
    old = "| Scenario | Data |\n| --- | --- |\n| Registration | Phone number |\n| Quote | Drawings |\n"
    new = "| Scenario | Data |\n| --- | --- |\n| Registration | Phone number |\n| Quote | Drawings and models |\n"
    result = redline(old, new, "en")
    assert changed(result.markdown) == [
        '<div class="redline-block"><table><thead><tr><th>Scenario</th><th>Data</th></tr></thead><tbody>'
        "<tr><td>Registration</td><td>Phone number</td></tr>"
        "<tr><td>Quote</td><td>Drawings<ins> and models</ins></td></tr></tbody></table></div>"]
    assert result.changes == [Change("", " and models")]


def test_table_rows_added_and_removed_are_marked_whole() -> None:
    old = "| A | B |\n|---|---|\n| one | 1 |\n| two | 2 |\n"
    new = "| A | B |\n|---|---|\n| one | 1 |\n| three | 3 |\n| two | 2 |\n"
    (block,) = changed(redline(old, new, "en").markdown)
    assert "<tr><td><ins>three</ins></td><td><ins>3</ins></td></tr><tr><td>two</td><td>2</td></tr>" in block
    assert "|" not in block


def test_a_changed_list_shows_bullets_numbers_and_nesting_without_markup() -> None:
    old = "1. See **Personal Center**:\n    1. [Account](#account) details.\n    - a note\n2. Contact us."
    new = "1. See **Personal Center**:\n    1. [Account](#account) details.\n    - a note\n2. Contact us in writing."
    (block,) = changed(redline(old, new, "en").markdown)
    assert block == ('<div class="redline-block"><p>1. See Personal Center:<br>\u20031. Account details.<br>'
                     "\u2003• a note<br>2. Contact us<ins> in writing</ins>.</p></div>")


def test_a_change_only_to_a_link_address_still_shows() -> None:
    result = redline("See [the terms](https://a.example/terms).\n", "See [the terms](https://b.example/terms).\n", "en")
    assert result.changes == [Change("a", "b")]
    assert "<del>a</del><ins>b</ins>" in changed(result.markdown)[0]


def test_blocks_of_a_changed_stretch_pair_with_the_block_they_resemble() -> None:
    old = "Intro.\n\nWe reply within 15 days.\n\nEnd.\n"
    new = "Intro.\n\nA new paragraph about something else entirely.\n\nWe reply within 10 days.\n\nEnd.\n"
    result = redline(old, new, "en")
    assert result.changes == [Change("", "A new paragraph about something else entirely."), Change("15", "10")]
    assert changed(result.markdown) == [
        '<div class="redline-block"><p><ins>A new paragraph about something else entirely.</ins></p></div>',
        '<div class="redline-block"><p>We reply within <del>15</del><ins>10</ins> days.</p></div>']
