"""Redline: what changed between two versions of one language, built on difflib.

Blocks (paragraphs, list items, tables, headings) are aligned first, so that
unchanged blocks are shown as the policy shows them. Changed blocks are shown as
a reader sees them — a heading as a heading, a table as a table, a list as its
bullets and numbers — with the Markdown markers taken out and every insertion in
<ins> and every deletion in <del>: character by character for Chinese, word by
word for English. A change only to markup (a link's address, bold) would vanish
from that text, so such a block is shown as its source, marks included.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..assemble import demote_headings

# Languages written without spaces between words: diff them character by character.
CHARACTER_LANGUAGES = {"zh", "ja", "ko"}
# In those, a run of Latin letters or digits (a number, a date's year, an e-mail) still counts as one unit.
_CHARACTER_TOKENS = re.compile(r"[A-Za-z0-9]+(?:[.@_'’-][A-Za-z0-9]+)*|\s+|.", re.S)
_WORD_TOKENS = re.compile(r"\w+(?:['’-]\w+)*|\s+|[^\w\s]", re.S)
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


@dataclass(frozen=True)
class Change:
    deleted: str
    inserted: str


@dataclass(frozen=True)
class Redline:
    markdown: str  # the new version with changed blocks marked up
    changes: list[Change]


def tokenize(text: str, language: str) -> list[str]:
    pattern = _CHARACTER_TOKENS if language.split("-")[0] in CHARACTER_LANGUAGES else _WORD_TOKENS
    return pattern.findall(text)


def blocks(markdown: str) -> list[str]:
    return [block for block in _BLANK_LINES.split(markdown.strip()) if block.strip()]


def _marked(text: str, tag: str) -> str:
    return f"<{tag}>{_escape(text)}</{tag}>" if text else ""


def _escape(text: str) -> str:
    # One line of HTML: a raw HTML block must not contain blank lines Markdown would split on.
    return html.escape(text, quote=False).replace("\n", "<br>")


def inline_diff(old: str, new: str, language: str) -> tuple[str, list[Change]]:
    """HTML of ``new`` with insertions and deletions against ``old`` marked."""
    a, b = tokenize(old, language), tokenize(new, language)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out, changes = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        deleted, inserted = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            out.append(_escape(inserted))
            continue
        out.append(_marked(deleted, "del") + _marked(inserted, "ins"))
        changes.append(Change(deleted, inserted))
    return "".join(out), changes


def _changed_block(content: str) -> str:
    return f'<div class="redline-block">{content}</div>'


# --- what a reader sees of a block: Markdown markers taken out ---------------------------------

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]*\{#([A-Za-z0-9_-]+)\})?[ \t]*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_LIST_ITEM = re.compile(r"^([ \t]*)([-*+]|\d+[.)])[ \t]+")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_INLINE = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) → text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # **bold** → bold
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"[ \t]*\{[#.][^}]*\}[ \t]*$"), ""),  # attribute lists
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"),  # backslash escapes
]
_INDENT = "\u2003"  # an em space per nesting level: HTML keeps it, unlike spaces


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    # Entities as the reader sees them: data is filled in escaped (`A &amp; B`), and the
    # redline escapes what it shows once more; without this the page would say `&amp;`.
    return html.unescape(text)


def _kind(block: str) -> str:
    lines = block.splitlines()
    if len(lines) == 1 and _HEADING.match(lines[0]):
        return "heading"
    if len(lines) >= 2 and all(line.lstrip().startswith("|") for line in lines) and _TABLE_RULE.match(lines[1]):
        return "table"
    return "text"


def _heading(block: str) -> tuple[int, str, str | None]:
    match = _HEADING.match(block.strip())
    assert match is not None
    return len(match.group(1)), _inline(match.group(2)), match.group(3)


def _rows(block: str) -> list[list[str]]:
    """A table's rows (header first, the `---` rule left out), each a list of cell texts."""
    rows = []
    for index, line in enumerate(block.splitlines()):
        if index == 1 and _TABLE_RULE.match(line):
            continue
        line = line.strip()
        line = line[1:] if line.startswith("|") else line
        line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
        rows.append([_inline(cell.strip()) for cell in _CELL_SPLIT.split(line)])
    return rows


def _text(block: str) -> str:
    """The block as lines a reader sees: bullets as •, numbers kept, nesting as indentation."""
    kind = _kind(block)
    if kind == "heading":
        return _heading(block)[1]
    if kind == "table":
        return "\n".join(" | ".join(row) for row in _rows(block))
    lines = []
    for line in block.splitlines():
        item = _LIST_ITEM.match(line)
        if item:
            depth = len(item.group(1).expandtabs(4)) // 4
            marker = "•" if item.group(2) in "-*+" else item.group(2)
            lines.append(f"{_INDENT * depth}{marker} {_inline(line[item.end():])}")
        else:
            heading = _HEADING.match(line)
            lines.append(_inline(heading.group(2)) if heading else _inline(line.strip()))
    return "\n".join(lines)


# --- changed blocks as HTML -------------------------------------------------------------------

def _similar(a: list[str], b: list[str]) -> bool:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5 and matcher.ratio() >= 0.5


def _pairs(old: list[Any], new: list[Any], key: Callable[[Any], list[str]]) -> list[tuple[Any, Any]]:
    """Old and new units (blocks, rows) of a changed stretch, paired in order when alike; the rest stand alone."""
    if len(old) == len(new) == 1:
        return [(old[0], new[0])]
    keyed_old = [key(unit) for unit in old]
    pairs, start = [], 0
    for unit in new:
        keyed = key(unit)
        match = next((i for i in range(start, len(old)) if _similar(keyed_old[i], keyed)), None)
        if match is None:
            pairs.append((None, unit))
            continue
        pairs += [(gone, None) for gone in old[start:match]]
        pairs.append((old[match], unit))
        start = match + 1
    return pairs + [(gone, None) for gone in old[start:]]


def _shown(old: str | None, new: str | None, language: str) -> tuple[str, list[Change]]:
    """``new`` marked against ``old`` as HTML; either may be None (a whole unit added or removed)."""
    if old is None:
        return _marked(new or "", "ins"), [Change("", new or "")]
    if new is None:
        return _marked(old, "del"), [Change(old, "")]
    return inline_diff(old, new, language)


def _table(old: str | None, new: str | None, language: str) -> tuple[str, list[Change]]:
    old_rows, new_rows = _rows(old) if old else [], _rows(new) if new else []
    changes: list[Change] = []

    def row(before: list[str] | None, after: list[str] | None, cell: str) -> str:
        if before is not None and after is not None and len(before) != len(after):
            return row(before, None, cell) + row(None, after, cell)
        width = len(after if after is not None else before or [])
        out = []
        for index in range(width):
            html, found = _shown(before[index] if before is not None else None,
                                 after[index] if after is not None else None, language)
            changes.extend(found)
            out.append(f"<{cell}>{html}</{cell}>")
        return f"<tr>{''.join(out)}</tr>"

    head = row(old_rows[0] if old_rows else None, new_rows[0] if new_rows else None, "th")
    body = []
    matcher = difflib.SequenceMatcher(None, [tuple(r) for r in old_rows[1:]], [tuple(r) for r in new_rows[1:]],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            body += [f"<tr>{''.join(f'<td>{_escape(c)}</td>' for c in r)}</tr>" for r in new_rows[1 + j1:1 + j2]]
            continue
        for before, after in _pairs(old_rows[1 + i1:1 + i2], new_rows[1 + j1:1 + j2],
                                    lambda r: tokenize(" ".join(r), language)):
            body.append(row(before, after, "td"))
    return f"<table><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>", changes


def _block(old: str | None, new: str | None, language: str) -> tuple[str, list[Change]]:
    """One changed block as its reader sees it, marked."""
    shown = new if new is not None else old
    assert shown is not None
    kind = _kind(shown)
    other = old if new is not None else None
    if other is not None and _kind(other) != kind:
        kind = "text"
    if old is not None and new is not None and _text(old) == _text(new):
        # Only markup changed (a link's address, emphasis): the source is the only place the change shows.
        html, changes = inline_diff(old, new, language)
        return _changed_block(html), changes
    if kind == "table":
        html, changes = _table(old, new, language)
        return _changed_block(html), changes
    html, changes = _shown(_text(old) if old is not None else None, _text(new) if new is not None else None, language)
    if kind == "heading":
        level, _, anchor = _heading(shown)
        tag = f"h{min(level + 1, 6)}"  # one level down, like the unchanged headings
        attribute = f' id="{anchor}"' if anchor and new is not None else ""
        return _changed_block(f"<{tag}{attribute}>{html}</{tag}>"), changes
    return _changed_block(f"<p>{html}</p>"), changes


def redline(old: str, new: str, language: str) -> Redline:
    """The new text as Markdown, with its changed blocks as HTML, marked."""
    old_blocks, new_blocks = blocks(old), blocks(new)
    matcher = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    parts: list[str] = []
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            # One level down: the diff page has its own title.
            parts += [demote_headings(block) for block in new_blocks[j1:j2]]
            continue
        for before, after in _pairs(old_blocks[i1:i2], new_blocks[j1:j2], lambda b: tokenize(_text(b), language)):
            html, found = _block(before, after, language)
            parts.append(html)
            changes += found
    return Redline("\n\n".join(parts) + "\n", changes)
