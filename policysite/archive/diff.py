"""Redline: what changed between two versions of one language, built on difflib.

Blocks (paragraphs, list items, tables, headings) are aligned first, so that
unchanged blocks are shown as the policy shows them. Changed blocks are shown as
their source text with every insertion in <ins> and every deletion in <del>:
character by character for Chinese, word by word for English.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

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


def redline(old: str, new: str, language: str) -> Redline:
    """The new text as Markdown, with its changed blocks as marked-up source text."""
    old_blocks, new_blocks = blocks(old), blocks(new)
    matcher = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    parts: list[str] = []
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            # One level down: the diff page has its own title.
            parts += [demote_headings(block) for block in new_blocks[j1:j2]]
            continue
        marked, found = inline_diff("\n\n".join(old_blocks[i1:i2]), "\n\n".join(new_blocks[j1:j2]), language)
        parts.append(_changed_block(marked))
        changes += found
    return Redline("\n\n".join(parts) + "\n", changes)
