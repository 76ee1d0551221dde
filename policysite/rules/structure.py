"""Structure within one section file: numbering, empty headings, repeated paragraphs, brackets, typed contents."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Any, NamedTuple, cast
from collections.abc import Iterator

from ..findings import Severity
from ..numerals import chinese_to_int
from .markdown import PLACEHOLDER, Block, Line
from .registry import Context, Document, Hit, rule

# ---------------------------------------------------------------- numbering markers

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN = "[一二三四五六七八九十]{1,3}"
# (style, family, pattern); the family says which styles count the same way (1, 2, 3 or 一, 二, 三…).
_MARKERS: list[tuple[str, str, re.Pattern[str]]] = [
    ("1.1", "decimal", re.compile(r"^(\d{1,2}[.．]\d{1,2})(?![\d.．])")),
    ("1.1.", "decimal", re.compile(r"^(\d{1,2}[.．]\d{1,2})[.．](?![\d])")),
    ("（一）", "cn", re.compile(rf"^[（(]\s*({_CN})\s*[）)]")),
    ("一、", "cn", re.compile(rf"^({_CN})\s*[、．.]")),
    ("第一条", "cn", re.compile(rf"^第({_CN})[条章节部分]")),
    ("（1）", "digit", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]")),
    ("1)", "digit", re.compile(r"^(\d{1,2})[)）](?!\d)")),
    ("1.", "digit", re.compile(r"^(\d{1,2})\s*[.．](?![\d.．])")),
    ("1、", "digit", re.compile(r"^(\d{1,2})\s*、")),
    ("①", "digit", re.compile(rf"^([{_CIRCLED}])")),
    ("（a）", "lower", re.compile(r"^[（(]([a-z])[）)]")),
    # `a)Information…`: a converted text often loses the space, but a capital still starts the item.
    ("a)", "lower", re.compile(r"^([a-z])[)）](?=\s|[^\x00-\x7f]|[A-Z])")),
    ("a.", "lower", re.compile(r"^([a-z])[.．、](?=\s|[^\x00-\x7f]|[A-Z][a-z])")),
    ("（A）", "upper", re.compile(r"^[（(]([A-Z])[）)]")),
    ("A)", "upper", re.compile(r"^([A-Z])[)）](?=\s|[^\x00-\x7f])")),
    ("A.", "upper", re.compile(r"^([A-Z])[.．、](?=\s|[^\x00-\x7f])")),
]


class Marker(NamedTuple):
    line: int
    written: str  # e.g. （四）
    style: str
    family: str
    value: int
    markdown: bool = False  # a Markdown ordered-list marker (`1.` as list syntax)


def _value(family: str, token: str) -> int | None:
    if family == "decimal":
        return int(re.split(r"[.．]", token)[1])
    if family == "cn":
        return chinese_to_int(token)
    if family == "digit":
        return _CIRCLED.index(token) + 1 if token in _CIRCLED else int(token)
    return ord(token.lower()) - ord("a") + 1


def marker_of(block: Block) -> Marker | None:
    """The number a heading, paragraph or list item opens with, as written and as a value."""
    first = block.first
    if first.kind == "item" and first.marker[:1].isdigit():
        style = "1)" if first.marker.endswith(")") else "1."
        return Marker(first.number, first.marker, style, "digit", int(first.marker[:-1]), markdown=True)
    text = block.text.lstrip()
    for style, family, pattern in _MARKERS:
        match = pattern.match(text)
        if match:
            value = _value(family, match.group(1))
            if family == "decimal":  # 2.1, 2.2 count under their chapter 2: one family per chapter
                family = f"decimal-{int(re.split(r'[.．]', match.group(1))[0])}"
            if value is not None:
                return Marker(first.number, match.group(0).strip(), style, family, value)
    return None


def _written(family: str, style: str, value: int) -> str:
    """How the marker with ``value`` is written in ``style`` (for the fix)."""
    if family.startswith("decimal"):
        return f"{family.split('-')[1]}.{value}" + ("." if style == "1.1." else "")
    if family == "cn":
        from ..labels import chinese_numeral
        token = chinese_numeral(value)
    elif family == "digit":
        token = _CIRCLED[value - 1] if style == "①" and value <= len(_CIRCLED) else str(value)
    else:
        token = chr(ord("a" if family == "lower" else "A") + value - 1) if 0 < value <= 26 else "?"
    sample = {"（一）": "（{}）", "一、": "{}、", "第一条": "第{}条", "（1）": "（{}）", "1)": "{})", "1.": "{}.",
              "1、": "{}、", "①": "{}", "（a）": "({})", "a)": "{})", "a.": "{}.", "（A）": "({})", "A)": "{})", "A.": "{}."}
    return sample[style].format(token)


def _groups(context: Context, document: Document) -> list[list[Marker]]:
    """Numbered blocks that count together: sibling headings under one parent, and the body under one heading.

    Paragraphs and top-level list items under a heading are one group (a
    conversion makes some numbered lines paragraphs and others items); nested
    list items are a group per depth. A typed table of contents is left out:
    it is reported once, as a whole.
    """
    skip = contents_lines(context, document)
    groups: dict[tuple[Any, ...], list[Marker]] = {}
    parents: list[tuple[int, int]] = []  # open headings as (level, block index)
    current = -1
    for index, block in enumerate(document.blocks):
        if block.first.number in skip:
            continue
        if block.kind == "heading":
            level = block.first.level
            while parents and parents[-1][0] >= level:
                parents.pop()
            key: tuple[Any, ...] = ("heading", parents[-1][1] if parents else -1, level)
            parents.append((level, index))
            current = index
        elif block.kind in ("text", "item"):
            key = ("body", current, block.first.level if block.kind == "item" else 0)
        else:
            continue
        found = marker_of(block)
        if found is not None:
            if found.family.startswith("decimal"):
                # 1.1, 1.2, 1.3 count under their chapter, whatever headings a conversion put between them.
                key = ("decimal", found.family)
            groups.setdefault(key, []).append(found)
    return list(groups.values())


def _numbering(context: Context, document: Document) -> Iterator[tuple[Marker, str, str, str]]:
    """(marker, kind, problem, fix) for every break in a numbering sequence; kind is `gap` or `style`."""
    if "numbering" in document.cache:
        yield from document.cache["numbering"]
        return
    found: list[tuple[Marker, str, str, str]] = []
    for group in _groups(context, document):
        if len({m.value for m in group if m.family == "digit" and m.style == "1."}) == 1 \
                and sum(m.style == "1." for m in group) > 1:
            group = [m for m in group if m.style != "1."]  # `1.` on every item: Markdown numbers them itself
        last: dict[str, Marker] = {}  # per style: (1) and 1、 are two levels, each counting on its own
        for marker in group:
            before = last.get(marker.style)
            last[marker.style] = marker
            if before is None:
                if marker.value == 1:
                    continue
                # （一）（二）三、: a new style that goes on counting another of its family is one level, mixed.
                other = next((m for m in reversed(group[:group.index(marker)]) if m.family == marker.family
                              and m.style != marker.style and m.value == marker.value - 1), None)
                if other is not None:
                    found.append((marker, "style", f"`{marker.written}` follows `{other.written}` "
                                  f"(line {other.line}) in another numbering style",
                                  f"number the items of one level alike: write "
                                  f"`{_written(other.family, other.style, marker.value)}`"))
                    last[other.style] = marker._replace(style=other.style)
                else:
                    found.append((marker, "gap", f"the numbering starts at `{marker.written}`",
                                  f"check whether items are missing before it, or renumber from "
                                  f"`{_written(marker.family, marker.style, 1)}`"))
                continue
            if marker.value == 1:
                continue  # a new list starts
            expected = _written(marker.family, before.style, before.value + 1)
            if marker.value == before.value + 1:
                continue
            if marker.value == before.value:
                found.append((marker, "gap", f"`{marker.written}` repeats the number of line {before.line}",
                              f"check the order and renumber: this item is `{expected}`"))
            else:
                found.append((marker, "gap", f"`{marker.written}` follows `{before.written}` (line {before.line})",
                              f"check whether an item is missing or misplaced; otherwise renumber it `{expected}`"))
        styles = Counter(m.style for m in group)
        for marker in group:
            if marker.family.startswith("decimal"):
                continue  # a lone 7.1 is the chapter's one sub-heading, not a list that lost its items
            if styles[marker.style] == 1 and marker.value == 1 and not marker.markdown \
                    and not any(m.family == marker.family and m.style != marker.style for m in group):
                second = _written(marker.family, marker.style, 2) if marker.family.startswith("decimal") \
                    else marker.written.translate(str.maketrans("1一aA①", "2二bB②"))
                found.append((marker, "gap", f"`{marker.written}` is numbered, but no `{second}` follows at its level",
                              "check whether the following items were lost; a single item needs no number"))
    document.cache["numbering"] = found
    yield from found


@rule("structure.numbering", Severity.WARNING)
def numbering(context: Context) -> Iterator[Hit]:
    """A numbered list or run of headings that skips, repeats or starts late: （一）（二）（四）, `2)` with no `1)`.

    Example: `（一）（二）（四）` with no `（三）`.

    A gap is usually a deleted or lost item (a right, a purpose, an exception);
    the reader cannot tell which. Numbers are compared within one level: sibling
    headings, or the paragraphs and items under one heading.
    """
    for document in context.documents:
        for marker, kind, problem, fix in _numbering(context, document):
            if kind == "gap":
                yield Hit(document.path, marker.line, problem, fix)


@rule("structure.numbering-style", Severity.WARNING)
def numbering_style(context: Context) -> Iterator[Hit]:
    """One level numbered in two styles: （一）（二）then `三、`, or `(1)` then `2.`.

    Example: `（一）`, `（二）` and then `3.` at the same level.

    Mixed styles make the reader guess which items belong together and which
    are sub-items; they are the trace of text pasted from another draft.
    """
    for document in context.documents:
        for marker, kind, problem, fix in _numbering(context, document):
            if kind == "style":
                yield Hit(document.path, marker.line, problem, fix)


# ---------------------------------------------------------------- empty headings


@rule("structure.empty-section")
def empty_section(context: Context) -> Iterator[Hit]:
    """A heading with no text under it before the next heading of the same or a higher level.

    Example: `## （二）共享` directly followed by `## （三）转让`.

    An empty section promises a disclosure that is not there: the text under
    it was lost in conversion or never written.
    """
    for document in context.documents:
        toc = contents_lines(context, document)  # reported once as structure.typed-contents
        headings = [(i, b) for i, b in enumerate(document.blocks) if b.kind == "heading" and b.first.number not in toc]
        blocks = document.blocks
        for index, heading in headings:
            if heading.first.number == document.text.heading_line:
                continue  # an empty section is reported by disclosure.role-missing and parity.sections
            level = heading.first.level
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and (following.kind != "heading" or following.first.level > level):
                continue
            if following is None and _has_content_after(document, heading.first):
                continue
            yield Hit(document.path, heading.first.number, f"the heading `{heading.text.replace(PLACEHOLDER, '{{ … }}')}` "
                      "has no text under it",
                      "write the text that belongs under it (compare with the source document), or delete the heading")


def _has_content_after(document: Document, heading: Line) -> bool:
    """Content that is not a prose block: a code block, or a line the parser does not read as prose."""
    return any(line.kind in ("code",) and line.raw.strip() for line in document.lines if line.number > heading.number)


# ---------------------------------------------------------------- repeated paragraphs

_MIN_CHARS = {"zh": 40}  # long paragraphs only: short ones (a closing formula) repeat on purpose
_MIN_CHARS_OTHER = 100
_SIMILAR = 0.9
_COMMON = 40  # shingles in more paragraphs than this are not counted (keeps the rule linear)


def _shingles(text: str) -> set[str]:
    squeezed = re.sub(r"\s+", "", text)
    return {squeezed[i:i + 4] for i in range(0, max(len(squeezed) - 3, 1))}


@rule("structure.duplicate-paragraph", Severity.WARNING)
def duplicate_paragraph(context: Context) -> Iterator[Hit]:
    """A long paragraph that repeats, word for word or nearly, one earlier in the same language.

    Example: the same retention paragraph kept in the storage and the rights sections.

    A paragraph pasted twice (or an old and a new version both kept) makes
    the policy say one thing twice, or two slightly different things.
    """
    for language in context.languages:
        minimum = _MIN_CHARS.get(language, _MIN_CHARS_OTHER)
        seen: list[tuple[Document, Block, str, set[str]]] = []
        index: dict[str, list[int]] = {}
        exact: dict[str, int] = {}
        for document in context.in_language(language):
            for block in document.blocks:
                if block.kind not in ("text", "item"):
                    continue
                text = block.text.replace(PLACEHOLDER, "{}")
                if len(text) < minimum:
                    continue
                grams = _shingles(text)
                counts: dict[int, int] = {}
                for gram in grams:
                    postings = index.get(gram, ())
                    if len(postings) > _COMMON:
                        continue  # a phrase every paragraph uses (个人信息) says nothing about repetition
                    for earlier in postings:
                        counts[earlier] = counts.get(earlier, 0) + 1
                match = seen[exact[text]] if text in exact else None
                for earlier, shared in sorted(counts.items(), key=lambda kv: -kv[1])[:3] if match is None else ():
                    other = seen[earlier]
                    if shared < 0.7 * max(len(grams), len(other[3])):
                        break
                    if difflib.SequenceMatcher(None, other[2], text, autojunk=False).ratio() >= _SIMILAR:
                        match = other
                        break
                if match is not None:
                    where = match[1].first.number
                    same = "repeats" if match[2] == text else "nearly repeats"
                    place = f"line {where}" if match[0] is document else f"{match[0].path}:{where}"
                    yield Hit(document.path, block.first.number, f"this paragraph {same} the one at {place}",
                              "check which version is meant, keep it once and delete the other")
                    continue
                for gram in grams:
                    index.setdefault(gram, []).append(len(seen))
                exact[text] = len(seen)
                seen.append((document, block, text, grams))


# ---------------------------------------------------------------- brackets and quotes

_PAIRS = {"(": ")", "【": "】", "《": "》", "“": "”", "［": "］", "「": "」", "『": "』"}
_CLOSING = {close: open_ for open_, close in _PAIRS.items()}
_WIDTH = str.maketrans("（）", "()")  # full- and half-width parentheses close each other
# `1)`, `a)`, `ii)` as list markers: a closing bracket with no opening one, on purpose.
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[)）]"
                          r"|(?<=[\s：:；;，,。、\u4e00-\u9fff])(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[)）](?=\s|[^\x00-\x7f]|$)")
_SMILEY = re.compile(r"[:;]-?[()]")


def _unbalanced(text: str) -> str | None:
    """The first bracket or quote in ``text`` that is not closed (or not opened), or None."""
    text = _SMILEY.sub("", _LIST_MARKER.sub("", text)).translate(_WIDTH)
    stack: list[str] = []
    for char in text:
        if char in _PAIRS:
            stack.append(char)
        elif char in _CLOSING:
            opener = _CLOSING[char]
            if stack and stack[-1] == opener:
                stack.pop()
            elif opener in stack:
                return stack[-1]  # closed across another open bracket: the inner one is unclosed
            else:
                return char
    return stack[-1] if stack else None


@rule("structure.brackets", Severity.WARNING)
def brackets(context: Context) -> Iterator[Hit]:
    """A bracket or quotation mark opened and never closed (or closed and never opened) within a paragraph.

    Example: `（详见附件一` with no closing `）`.

    `（以下简称“我们"` or `(SDK，` : the reader cannot tell where the
    parenthesis or the defined term ends. List markers such as `1)` and `a)`
    are not counted.
    """
    for document in context.documents:
        for block in document.blocks:
            if block.kind == "table":
                continue
            if block.first.number in contents_lines(context, document):
                continue
            mark = _unbalanced(block.text.replace(PLACEHOLDER, ""))
            if mark is None:
                continue
            closed = mark in _CLOSING
            pair = f"`{_CLOSING[mark]}{mark}`" if closed else f"`{mark}{_PAIRS[mark]}`"
            problem = (f"`{mark}` closes a bracket or quotation that was never opened" if closed
                       else f"`{mark}` opens a bracket or quotation that is never closed")
            yield Hit(document.path, block.first.number, f"{problem} in this paragraph",
                      f"check the sentence and write the pair {pair} where the aside or the quoted term begins and ends")


# ---------------------------------------------------------------- a typed table of contents

_TOC_MIN = 3
_TOC_MARKER = re.compile(r"^\s*(?:第[一二三四五六七八九十\d]+[条章节部分]|[（(]?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[a-zA-Z])\s*[）)]"
                         r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[a-zA-Z])\s*[、.．)）]|\d{1,2}\s+)\s*")


def _normal(text: str) -> str:
    text = _TOC_MARKER.sub("", text.replace(PLACEHOLDER, ""))
    text = re.sub(r"[\s“”\"'‘’.。…·:：,，;；?？!！\-—_|*]+", "", text)
    text = re.sub(r"\d+$", "", text)  # a page number
    return text.lower()


def _heading_titles(context: Context, language: str, *, besides: Document | None = None) -> Counter[str]:
    """How often each heading (section titles included) is written in ``language``, normalised.

    With ``besides``, that file's own sub-headings are left out: a list in a
    section that names the sub-sections just below it (您享有以下权利：查阅、
    更正、删除) introduces them; it is not the policy's contents.
    """
    titles: Counter[str] = Counter()
    for document in context.in_language(language):
        if document.text.title:
            titles[_normal(document.text.title)] += 1
        if document is besides:
            continue
        for line in document.lines:
            if line.kind == "heading" and line.number != document.text.heading_line:
                titles[_normal(line.text)] += 1
    del titles[""]
    return titles


def _nearest(normal: str, titles: Counter[str], line: Line, *, in_run: bool) -> str | None:
    """The heading a contents line names: the same words, or nearly (a contents line that drifted)."""
    if titles[normal] >= (2 if line.kind == "heading" else 1):
        return normal
    if not in_run or len(normal) > 40 or re.search(r"[。；;]$", line.text.strip()):
        return None  # a drifted line is looked for only inside contents already found (keeps the rule fast)
    close = difflib.get_close_matches(normal, [t for t in titles if t != normal], n=1, cutoff=0.75)
    return close[0] if close else None


def _contents_runs(context: Context, document: Document) -> list[list[tuple[Line, str]]]:
    """Runs of lines that each repeat a heading, one after another (blank lines between allowed).

    A line of text naming a heading counts; so does a heading written twice
    (the contents converted into headings, then the real ones). Each line comes
    with the heading it names, which may be written a little differently.
    """
    headings = _heading_titles(context, document.language)
    elsewhere = _heading_titles(context, document.language, besides=document)
    runs: list[list[tuple[Line, str]]] = []
    run: list[tuple[Line, str]] = []
    for line in document.lines:
        if line.kind == "blank":
            continue
        normal = _normal(line.text) if line.kind in ("text", "item", "heading") else ""
        titles = headings if line.kind == "heading" else elsewhere
        named = _nearest(normal, titles, line, in_run=bool(run)) \
            if normal and line.number != document.text.heading_line else None
        if named is not None and named not in {entry[1] for entry in run}:
            run.append((line, named))
            continue
        if len(run) >= _TOC_MIN:
            runs.append(run)
        # the contents name each heading once: a repeat is the real heading after them
        run = [(line, named)] if named is not None and line.kind != "heading" else []
    if len(run) >= _TOC_MIN:
        runs.append(run)
    return runs


def contents_lines(context: Context, document: Document) -> set[int]:
    """Line numbers of a typed table of contents in ``document``: rules that read sentences skip them."""
    find_contents(context)
    return cast(set[int], document.cache["contents-lines"])


def find_contents(context: Context) -> None:
    """Mark every typed table of contents, once per run, before the rules that must skip it."""
    for document in context.documents:
        if "contents-runs" in document.cache:
            continue
        runs = _contents_runs(context, document)
        document.cache["contents-runs"] = runs
        document.cache["contents-lines"] = {line.number for run in runs for line, _ in run}


@rule("structure.typed-contents")
def typed_contents(context: Context) -> Iterator[Hit]:
    """A table of contents typed into the text: lines that repeat the section headings one after another.

    Example: `一、我们如何收集信息 二、我们如何使用Cookie …` typed under the introduction.

    A typed list of headings drifts from the real ones as soon as a section
    is added, renamed or moved (lines that already disagree are named); the
    build writes the contents from the headings with `{{ contents }}`.
    Reported once per list, not once per line.
    """
    find_contents(context)
    for document in context.documents:
        for run in document.cache["contents-runs"]:
            first, last = run[0][0].number, run[-1][0].number
            drifted = [f"line {line.number} says `{line.text.strip()}`" for line, named in run
                       if _normal(line.text) != named]
            differs = f"; it disagrees with the headings ({'; '.join(drifted)})" if drifted else ""
            yield Hit(document.path, first,
                      f"lines {first}–{last} are a typed table of contents ({len(run)} headings){differs}",
                      "delete them and write `{{ contents }}`, which the build makes from the headings")
