"""Leftovers of Word and of review: bookmarks, comments, tracked changes, stray bullets, invisible characters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .registry import Context, Hit, rule
from ..findings import Severity

_WORD = re.compile(
    r"\[bookmark:[^\]]*\]"                      # exported Word bookmarks
    r"|\[?Comment by [^:：\n]{1,60}[:：]"        # review comments
    r"|\[comment[^\]]*\]"
    r"|^\s*(?:Deleted|Inserted|Formatted|Field Code Changed|Moved \((?:insertion|deletion)\))(?:\s*\[[^\]]*\])?\s*:"
    r"|\{\+\+|\+\+\}|\{--|--\}|\{~~|~~\}|\{>>|<<\}|\{==|==\}"  # CriticMarkup tracked changes
    r"|</?(?:ins|del)\b[^>]*>"
    r"|\bHYPERLINK\s+\"|\bPAGEREF\b|\bMERGEFORMAT\b|\b_Toc\d+|\bOLE_LINK\d+|\b_Hlk\d+|\bTOC\s+\\o",
    re.IGNORECASE)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                        "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LONE_BULLET = re.compile(r"^\s*[-*+•·●◦▪■□]\s*$")
_REPEATED = re.compile(r"(?<!目)的的(?!确)|地地|得得|\b(the|a|an|to|of|and|in|for|with|by|or|on|is|be|we|our|your)\s+\1\b",
                       re.IGNORECASE)


def _name(char: str) -> str:
    import unicodedata
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


@rule("debris.word")
def word(context: Context) -> Iterator[Hit]:
    """Word export and review debris: `[bookmark: OLE_LINK2]`, `Comment by C&F:`, tracked changes, field codes.

    Example: `[bookmark: _Toc1234]` left in a heading after a Word export.

    They are not policy text; a comment left in the text publishes counsel's
    private advice to every reader.
    """
    for document in context.documents:
        for line in document.lines:
            if line.kind in ("code", "fence"):
                continue
            for match in _WORD.finditer(line.raw):
                found = match.group(0).strip()
                if found.lower().lstrip("[").startswith("comment"):
                    problem, fix = (f"a review comment (`{found}`) is left in the text",
                                    "move the comment to REVIEW-NOTES.md, settle it, and delete it here")
                else:
                    problem, fix = (f"`{found}` is left over from Word or from tracked changes",
                                    "delete it; accept or reject the change in the text itself")
                yield Hit(document.path, line.number, problem, fix)


@rule("debris.lone-bullet")
def lone_bullet(context: Context) -> Iterator[Hit]:
    """A bullet with nothing after it: the `-` lines Word exports between paragraphs.

    Example: a line holding only `-` between two paragraphs.

    Markdown publishes each one as an empty list item, a visible stray dot.
    """
    for document in context.documents:
        for line in document.lines:
            if (line.kind == "item" and not line.text.strip()) or (line.kind == "text" and _LONE_BULLET.match(line.raw)):
                yield Hit(document.path, line.number, "a bullet with no text after it",
                          "delete the line, or write the list item's text after the bullet")


@rule("debris.invisible")
def invisible(context: Context) -> Iterator[Hit]:
    """Zero-width, bidirectional and control characters.

    Example: a zero-width space (U+200B) inside `个人信息`.

    Invisible to the editor, they break search, split words, and can make
    two identical-looking texts differ.
    """
    for document in context.documents:
        for line in document.lines:
            for char in sorted(set(_INVISIBLE.findall(line.raw.rstrip("\r")))):
                yield Hit(document.path, line.number, f"an invisible character ({_name(char)}) is in the text",
                          "delete it (retype the words around it if unsure where it is)")
    for value in context.data_values:
        for char in sorted(set(_INVISIBLE.findall(value.value))):
            yield Hit(value.path, value.line, f"`{value.key}` holds an invisible character ({_name(char)})",
                      "delete it (retype the value if unsure where it is)")


@rule("debris.tab")
def tab(context: Context) -> Iterator[Hit]:
    """Tabs: tab-separated table fragments pasted from Word, and tab indentation.

    Example: `姓名<TAB>手机号<TAB>地址` pasted from a Word table.

    A tab-separated row is not a table in Markdown: it publishes as one run-on
    line; a leading tab turns a paragraph into a code block.
    """
    for document in context.documents:
        for line in document.lines:
            raw = line.raw.rstrip("\r")
            if "\t" not in raw or line.kind == "code" and not raw.startswith("\t"):
                continue
            if re.search(r"\S\t+\S", raw):
                problem = "tab-separated cells: a table fragment pasted from Word"
                fix = "make it a Markdown table (`| a | b |`), or put tabular facts in data/ like the inventory"
            elif raw.startswith("\t"):
                problem, fix = "the line starts with a tab", "delete the tab (indent nested lists with four spaces)"
            else:
                problem, fix = "the line ends with a tab", "delete the trailing tab"
            yield Hit(document.path, line.number, problem, fix)


@rule("debris.comment")
def comment(context: Context) -> Iterator[Hit]:
    """HTML comments in section files, on their own line or in the middle of one.

    Example: `<!-- 待法务确认 -->` in the middle of a paragraph.

    They do not show on the page but are published in its source: notes meant
    for reviewers become public. Reported where each comment opens.
    """
    for document in context.documents:
        for line in document.lines:
            if line.comment_opens:
                yield Hit(document.path, line.number, "an HTML comment would be published in the page source",
                          "move the note to REVIEW-NOTES.md and delete the comment")


@rule("debris.repeated-word", Severity.WARNING)
def repeated_word(context: Context) -> Iterator[Hit]:
    """A word typed twice in a row (`的的`, `the the`).

    Example: `我们会的的处理` or `the the policy`.

    The usual trace of an edit made in a hurry: a reader takes it as a sign
    that the text was not proofread.
    """
    for document in context.documents:
        for line in document.prose():
            for match in _REPEATED.finditer(line.text):
                yield Hit(document.path, line.number, f"`{match.group(0)}` repeats a word",
                          "delete the repeated word")
