"""A section file read line by line, the way the rules need it.

Not a Markdown renderer: it tells each line's kind (heading, list item, table
row, paragraph text…), keeps its line number, masks placeholders so that a
rule never mistakes ``{{ contact.email }}`` for typed text, and separates
link labels from link targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Stands for a filled placeholder in masked text: a private-use character no rule pattern matches.
PLACEHOLDER = "\ue000"

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", re.DOTALL)  # comment markers: placeholders.py
_PLACEHOLDER_NAME = re.compile(r"^\{\{-?\s*([A-Za-z_][\w.]*)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})(?:\s+(.*?))?\s*$")
_ATTR_LIST = re.compile(r"\s*\{:?\s*[#.][^{}]*\}\s*$")
_ITEM = re.compile(r"^(\s*)([-*+•]|\d{1,3}[.)])(?:\s+(.*))?$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LINK = re.compile(r"(!?)\[([^\[\]\n]*)\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]+)>")


@dataclass
class Link:
    label: str
    target: str


@dataclass
class Line:
    number: int  # 1-based, in the file as written
    raw: str  # as written
    kind: str  # blank, heading, item, table, table-rule, text, code, fence, comment
    text: str  # masked: placeholders → PLACEHOLDER, links → their label, heading/list marker removed
    level: int = 0  # heading level (1–6) or list depth (0 = top level)
    marker: str = ""  # list marker as written (`-`, `1.`)
    placeholders: list[str] = field(default_factory=list)  # dotted names, e.g. contact.email
    links: list[Link] = field(default_factory=list)
    continues: bool = False  # a text line that continues the previous paragraph or list item
    comment_opens: bool = False  # an HTML comment opens on this line (`text` leaves comments out)

    @property
    def prose(self) -> bool:
        """Words a reader sees as running text (headings, items, paragraphs, table cells)."""
        return self.kind in ("heading", "item", "text", "table")


@dataclass
class Block:
    """A paragraph, a list item or a heading: consecutive lines a reader sees as one unit."""

    kind: str
    lines: list[Line]

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def last(self) -> Line:
        return self.lines[-1]

    @property
    def text(self) -> str:
        return "".join(line.text.strip() if self.kind != "text" or i == 0 else " " + line.text.strip()
                       for i, line in enumerate(self.lines)).strip()


def mask(source: str) -> tuple[str, dict[int, list[str]]]:
    """Replace every placeholder by PLACEHOLDER (keeping line breaks), and name them per line."""
    names: dict[int, list[str]] = {}
    pieces, last = [], 0
    for match in _JINJA.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        name = _PLACEHOLDER_NAME.match(match.group(0))
        if name:
            names.setdefault(line, []).append(name.group(1))
        pieces.append(source[last:match.start()])
        pieces.append(PLACEHOLDER + "\n" * match.group(0).count("\n"))
        last = match.end()
    pieces.append(source[last:])
    return "".join(pieces), names


def _unlink(text: str) -> tuple[str, list[Link]]:
    links: list[Link] = []

    def label(match: re.Match[str]) -> str:
        links.append(Link(match.group(2), match.group(3)))
        return match.group(2)

    text = _LINK.sub(label, text)

    def auto(match: re.Match[str]) -> str:
        links.append(Link(match.group(1), match.group(1)))
        return match.group(1)

    return _AUTOLINK.sub(auto, text), links


def _uncomment(raw: str, in_comment: bool) -> tuple[str, bool, bool]:
    """``raw`` without its HTML comments, whether a comment is still open after it, and whether one opens in it.

    A comment may open anywhere in a line (`You may <!-- note --> access`) and
    run over several lines; the text around it stays in place.
    """
    visible, rest, opens = [], raw, False
    while rest:
        if in_comment:
            end = rest.find("-->")
            if end == -1:
                rest = ""
                break
            rest, in_comment = rest[end + 3:], False
            continue
        start = rest.find("<!--")
        if start == -1:
            visible.append(rest)
            break
        visible.append(rest[:start])
        rest, in_comment, opens = rest[start + 4:], True, True
    return "".join(visible), in_comment, opens


def parse(source: str) -> list[Line]:
    masked, names = mask(source)
    lines: list[Line] = []
    fenced, in_comment = False, False
    indents: list[int] = []  # indentation of the open list levels
    previous = "blank"
    for number, written in enumerate(masked.split("\n"), start=1):
        placeholders = names.get(number, [])
        if not in_comment and _FENCE.match(written):
            fenced = not fenced
            lines.append(Line(number, written, "fence", "", placeholders=placeholders))
            continue
        if fenced:
            lines.append(Line(number, written, "code", written, placeholders=placeholders))
            continue
        # What a reader sees of the line: HTML comments (wherever they open) are hidden on the page.
        commented = in_comment
        raw, in_comment, opens = _uncomment(written, in_comment)
        commented = commented or opens
        if commented and not raw.strip():
            lines.append(Line(number, written, "comment", written, placeholders=placeholders, comment_opens=opens))
            if opens:  # a comment on lines of its own is an HTML block; inside a comment opened mid-paragraph, the paragraph goes on
                previous = "comment"
            continue
        if not raw.strip():
            lines.append(Line(number, raw, "blank", "", placeholders=placeholders))
            previous = "blank"
            continue
        heading = _HEADING.match(raw)
        item = _ITEM.match(raw)
        if heading and not raw.startswith(" "):
            text, links = _unlink(_ATTR_LIST.sub("", heading.group(2) or ""))
            line = Line(number, raw, "heading", text, level=len(heading.group(1)), links=links)
            indents = []
        elif item and not _TABLE_RULE.match(raw) and not re.match(r"^\s*[-*_](\s*[-*_]){2,}\s*$", raw):
            indent = len(item.group(1).expandtabs(4))
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1]:
                indents.append(indent)
            text, links = _unlink(item.group(3) or "")
            line = Line(number, raw, "item", text, level=len(indents) - 1, marker=item.group(2), links=links)
        elif raw.lstrip().startswith("|"):
            kind = "table-rule" if _TABLE_RULE.match(raw) else "table"
            text, links = _unlink(raw.strip())
            line = Line(number, raw, kind, text, links=links)
        elif raw.startswith("    ") and previous == "blank" and not indents:
            line = Line(number, raw, "code", raw)
        else:
            text, links = _unlink(raw.strip())
            line = Line(number, raw, "text", text, links=links,
                        continues=previous in ("text", "item"))
            if previous == "blank" and not raw.startswith(" "):
                indents = []
        line.raw, line.placeholders, line.comment_opens = written, placeholders, opens
        lines.append(line)
        previous = line.kind if line.kind in ("text", "item") else line.kind
    return lines


def blocks(lines: list[Line]) -> list[Block]:
    """Headings, list items (with their continuation lines) and paragraphs, in order."""
    out: list[Block] = []
    for line in lines:
        if line.kind == "text" and line.continues and out and out[-1].kind in ("text", "item") \
                and out[-1].last.number == line.number - 1:
            out[-1].lines.append(line)
        elif line.kind in ("heading", "item", "text", "table"):
            out.append(Block(line.kind, [line]))
    return out


def only_placeholders(text: str) -> bool:
    return bool(text.strip()) and not text.replace(PLACEHOLDER, "").strip()
