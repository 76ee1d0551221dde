"""Cross-language parity: every language says the same things in the same places.

Every language is compared with the default (governing) language, section by
section, so a structural difference is reported in the translation's file;
a number or placeholder is reported where it appears.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import NamedTuple
from collections.abc import Callable, Iterator

from ..findings import Severity
from ..numerals import CHINESE_NUMERAL, ENGLISH_NUMBER, number_value
from .dates import written_dates
from .markdown import Line
from .registry import Context, Document, Hit, rule

_DIGITS = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:\.\d+)?")
_ZH_COUNTED = re.compile(rf"(第)?({CHINESE_NUMERAL})\s*(个工作日|个月|个小时|工作日|周岁|小时|分钟|日|天|岁|年|条|项|章|节|部分|款|次|倍|种|类|家|位)")
_SECTION_UNITS = ("条", "章", "节", "部分", "款")
_EN_COUNTED = re.compile(rf"\b({ENGLISH_NUMBER})\b(?=[\s-]+(?:working\s+|business\s+|calendar\s+)?(?:days?|months?|years?|hours?|minutes?|times|items?|categories|types)\b)",
                         re.IGNORECASE)


def numbers(line: Line) -> Iterator[str]:
    """The numbers a line states, normalised: dates as ISO, 十五 as 15, 1,000 as 1000."""
    text = line.text
    for written in written_dates(text, line.number):
        if written.date is not None:
            yield written.date.isoformat()
        text = text.replace(written.text, " ")
    for match in _ZH_COUNTED.finditer(text):
        value = number_value(match.group(2))
        if match.group(1) and match.group(3) not in _SECTION_UNITS:
            continue  # an ordinal (第二次, 第一项): English writes “second”, “first”
        if value is not None and (value >= 2 or match.group(1)):
            yield str(value)
    for match in _EN_COUNTED.finditer(text):
        value = number_value(match.group(1).lower())
        if value is not None and value >= 2:
            yield str(value)
    for match in _DIGITS.finditer(text):
        yield match.group(0).replace(",", "")


def _pairs(context: Context) -> Iterator[tuple[Document, Document]]:
    """(governing text, translation) of every section, for each language other than the default.

    The default language governs whatever order policy.yml lists the languages
    in; comparing every translation with it covers every pair of languages.
    """
    governing = context.policy.default_language.code
    for other in context.languages:
        if other == governing:
            continue
        for section in context.policy.sections:
            first, second = context.document(governing, section.id), context.document(other, section.id)
            if first is not None and second is not None:
                yield first, second


def _body(document: Document) -> list[Line]:
    return [line for line in document.prose() if line.number != document.text.heading_line]


@rule("parity.sections")
def sections(context: Context) -> Iterator[Hit]:
    """A section with text in one language and nothing but its heading in another.

    Example: a Chinese cookie section with three paragraphs and an English one with its heading only.

    Every language must carry every section: a reader of one version would
    miss a disclosure the other makes.
    """
    for first, second in _pairs(context):
        for full, empty in ((first, second), (second, first)):
            if _body(full) and not _body(empty):
                yield Hit(empty.path, max(empty.text.heading_line, 1),
                          f"section `{empty.section_id}` is empty here but has text in {full.path}",
                          f"translate the section from {full.path}")


def _structure(name: str, select: Callable[[Line], bool], describe: str) -> Callable[[Context], Iterator[Hit]]:
    def check(context: Context) -> Iterator[Hit]:
        for first, second in _pairs(context):
            a = [line for line in _body(first) if select(line)]
            b = [line for line in _body(second) if select(line)]
            shape_a, shape_b = [line.level for line in a], [line.level for line in b]
            if shape_a == shape_b:
                continue
            index = next((i for i, (x, y) in enumerate(zip(shape_a, shape_b)) if x != y), min(len(a), len(b)))
            line = b[index].number if index < len(b) else (b[-1].number if b else max(second.text.heading_line, 1))
            if len(a) != len(b):
                problem = (f"section `{first.section_id}` has {len(a)} {describe} in {first.path} "
                           f"but {len(b)} in {second.path}")
            else:
                problem = (f"section `{first.section_id}` nests its {describe} differently in {first.path} "
                           f"and {second.path} (first difference: {describe.rstrip('s')} {index + 1})")
            yield Hit(second.path, line, problem,
                      f"make {second.path} follow the {first.path} structure ({context.policy.default_language.code} governs)")
    check.__name__ = name
    return check


_headings = _structure("headings", lambda line: line.kind == "heading", "headings")
_headings.__doc__ = """Sub-headings differ in number or level between two languages of a section.

    Example: `## （3）删除` in Chinese with no third sub-heading in English.

    A missing sub-heading is usually a missing paragraph of the translation.
    """
rule("parity.headings")(_headings)

_items = _structure("list_items", lambda line: line.kind == "item", "list items")
_items.__doc__ = """List items differ in number or nesting between two languages of a section.

    Example: four purposes listed in Chinese, three in English.

    Lists carry enumerations (rights, purposes, exceptions); one item fewer is
    one right or one exception less in that language.
    """
rule("parity.list-items")(_items)

_rows = _structure("table_rows", lambda line: line.kind == "table", "table rows")
_rows.__doc__ = """Table rows differ in number between two languages of a section.

    Example: a collection table with five scenarios in Chinese and four in English.

    A table row is a whole scenario of collection; one row fewer hides it from
    the readers of that language.
    """
rule("parity.table-rows")(_rows)


@rule("parity.numbers")
def numbers_differ(context: Context) -> Iterator[Hit]:
    """A number (or date) stated in one language of a section but not in another (十五 counts as 15).

    Example: `十五个工作日` in Chinese and `30 days` in English.

    Numbers carry deadlines, ages and periods; a number that differs between
    languages is a different promise.
    """
    for first, second in _pairs(context):
        found: dict[str, Counter[str]] = {document.path: Counter() for document in (first, second)}
        where: dict[tuple[str, str], int] = {}
        for document in (first, second):
            for line in _body(document):
                for value in numbers(line):
                    found[document.path][value] += 1
                    where.setdefault((document.path, value), line.number)
        for this, other in ((first, second), (second, first)):
            for value in sorted(set(found[this.path]) - set(found[other.path])):
                yield Hit(this.path, where[(this.path, value)],
                          f"section `{this.section_id}` states {value} here but not in {other.path}",
                          f"make both texts state the same number ({context.policy.default_language.code} governs)")


@rule("parity.placeholders")
def placeholders(context: Context) -> Iterator[Hit]:
    """A placeholder used in one language of a section but not in another.

    Example: `{{ contact.phone }}` in the Chinese contact section only.

    The same fact (name, address, deadline) must appear in every language.
    """
    for first, second in _pairs(context):
        used: dict[str, dict[str, int]] = {}
        for document in (first, second):
            used[document.path] = {}
            for line in document.lines:
                for name in line.placeholders:
                    used[document.path].setdefault(name, line.number)
        for this, other in ((first, second), (second, first)):
            for name in sorted(set(used[this.path]) - set(used[other.path])):
                yield Hit(this.path, used[this.path][name],
                          f"section `{this.section_id}` uses `{{{{ {name} }}}}` here but not in {other.path}",
                          f"use the same placeholder in both texts ({context.policy.default_language.code} governs)")


# ---------------------------------------------------------------- paragraph by paragraph

_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_SKIP = 1.2  # cost of a paragraph with no counterpart
_MERGE = 0.4  # extra cost of two paragraphs rendering one (a translator may split a long one)


def _size(text: str) -> int:
    """How much a paragraph says: Chinese characters and Latin words count alike."""
    return len(_CJK.findall(text)) + len(_WORD.findall(_CJK.sub(" ", text)))


class _Paragraph:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.text = " ".join(line.text for line in lines)
        self.size = _size(self.text)
        self.anchors = Counter(value for line in lines for value in numbers(line)) + \
            Counter(name for line in lines for name in line.placeholders)
        self.intro = self.text.rstrip().endswith((":", "："))  # introduces a list: list shape is an anchor

    @property
    def line(self) -> int:
        return self.lines[0].number


class _Group(NamedTuple):
    """A sub-section (text between two headings): its paragraphs, list item count and blocks in order."""

    paragraphs: list[_Paragraph]
    items: int
    blocks: list[tuple[int, int | None]]  # (first line, index among the paragraphs or None for an item)
    end: int  # the last line of the sub-section's text


def _groups(document: Document) -> list[_Group]:
    groups = [_Group([], 0, [], max(document.text.heading_line, 1))]
    for block in document.blocks:
        if block.first.number == document.text.heading_line:
            continue
        if block.kind == "heading":
            groups.append(_Group([], 0, [], block.first.number))
            continue
        current = groups[-1]
        if block.kind == "item":
            current = current._replace(items=current.items + 1)
            current.blocks.append((block.first.number, None))
        elif block.kind == "text":
            current.blocks.append((block.first.number, len(current.paragraphs)))
            current.paragraphs.append(_Paragraph(block.lines))
        else:
            continue
        groups[-1] = current._replace(end=block.last.number)
    return groups


def _missing_at(a: _Group, b: _Group, index: int, lone_a: list[int], lone_b: list[int]) -> int:
    """The line of ``b`` before which the paragraph ``index`` of ``a`` would stand."""
    position = next(k for k, (_, paragraph) in enumerate(a.blocks) if paragraph == index)
    position -= sum(1 for _, paragraph in a.blocks[:position] if paragraph in lone_a)
    kept = [line for line, paragraph in b.blocks if paragraph is None or paragraph not in lone_b]
    return kept[position] if position < len(kept) else b.end + 1


def _difference(x: Counter[str], y: Counter[str]) -> int:
    return sum(abs(x.get(key, 0) - y.get(key, 0)) for key in x.keys() | y.keys())


def _cost(a: list[_Paragraph], b: list[_Paragraph], ratio: float) -> float:
    """How unlike the paragraphs ``a`` (governing) are to ``b`` (translation): length and anchors."""
    size_a, size_b = sum(p.size for p in a), sum(p.size for p in b)
    cost = 3.0 * abs(math.log((size_b + 3) / (size_a * ratio + 3)))
    anchors_a = a[0].anchors if len(a) == 1 else a[0].anchors + a[1].anchors
    anchors_b = b[0].anchors if len(b) == 1 else b[0].anchors + b[1].anchors
    if anchors_a or anchors_b:
        differ = _difference(anchors_a, anchors_b)
        cost += 0.5 * differ if differ else -0.5
    if a[-1].intro != b[-1].intro:
        cost += 0.5
    return cost


_BAND = 12  # how far from the diagonal the alignment may stray, beyond the difference in count


def _align(a: list[_Paragraph], b: list[_Paragraph], ratio: float) -> tuple[list[int], list[int]]:
    """Indices of the paragraphs of ``a`` and of ``b`` left without a counterpart by the cheapest alignment.

    Dynamic programming over (paragraphs of a, paragraphs of b), kept to a band around the
    diagonal so a long sub-section stays fast: counterparts are never far apart.
    """
    n, m = len(a), len(b)
    band = _BAND + abs(n - m)
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    step: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = i * m // n if n else 0
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            if i == j == 0:
                continue
            options = []
            if i and (i - 1, j) in best:
                options.append((best[(i - 1, j)] + _SKIP, (1, 0)))
            if j and (i, j - 1) in best:
                options.append((best[(i, j - 1)] + _SKIP, (0, 1)))
            if i and j and (i - 1, j - 1) in best:
                options.append((best[(i - 1, j - 1)] + _cost(a[i - 1:i], b[j - 1:j], ratio), (1, 1)))
            if i >= 2 and j and (i - 2, j - 1) in best:
                options.append((best[(i - 2, j - 1)] + _MERGE + _cost(a[i - 2:i], b[j - 1:j], ratio), (2, 1)))
            if i and j >= 2 and (i - 1, j - 2) in best:
                options.append((best[(i - 1, j - 2)] + _MERGE + _cost(a[i - 1:i], b[j - 2:j], ratio), (1, 2)))
            if options:
                best[(i, j)], step[(i, j)] = min(options, key=lambda option: option[0])
    if (n, m) not in best:
        return [], []  # cannot happen with the band widened by the difference; report nothing rather than guess
    lone_a, lone_b = [], []
    i, j = n, m
    while i or j:
        di, dj = step[(i, j)]
        if (di, dj) == (1, 0):
            lone_a.append(i - 1)
        elif (di, dj) == (0, 1):
            lone_b.append(j - 1)
        i, j = i - di, j - dj
    return sorted(lone_a), sorted(lone_b)


def _excerpt(text: str) -> str:
    text = text.replace("\ue000", "{{…}}").strip()
    return text if len(text) <= 40 else text[:38].rstrip() + "…"


@rule("parity.paragraph", Severity.WARNING)
def paragraph(context: Context) -> Iterator[Hit]:
    """A paragraph in one language with no counterpart in the other (a paragraph deleted or added in one language).

    Example: the Chinese storage section says how long data is kept in two
    paragraphs and the English one in a single paragraph about storage only.

    Paragraphs are aligned within each sub-section by length, numbers,
    placeholders and whether they introduce a list; a translator may split
    one paragraph into two. Sub-sections whose headings or list items already
    differ are left to parity.headings and parity.list-items. A warning: a
    translator who merged three paragraphs into one looks the same.
    """
    governing = context.policy.default_language.code
    pairs = [(first, second, _groups(first), _groups(second)) for first, second in _pairs(context)]
    # How much longer the translation runs than the governing text, over the whole policy (one
    # deleted paragraph barely moves it): the length a counterpart is expected to have.
    totals: dict[str, list[int]] = {}
    for _first, second, groups_a, groups_b in pairs:
        sums = totals.setdefault(second.language, [0, 0])
        sums[0] += sum(p.size for group in groups_a for p in group.paragraphs)
        sums[1] += sum(p.size for group in groups_b for p in group.paragraphs)
    for first, second, groups_a, groups_b in pairs:
        if len(groups_a) != len(groups_b):
            continue  # parity.headings reports it
        if not any(g.paragraphs for g in groups_a) or not any(g.paragraphs for g in groups_b):
            continue  # parity.sections reports an empty side
        size_a, size_b = totals[second.language]
        ratio = size_b / size_a
        for group_a, group_b in zip(groups_a, groups_b):
            a, b = group_a.paragraphs, group_b.paragraphs
            if group_a.items != group_b.items or len(a) == len(b):
                continue  # list differences are parity.list-items'; as many paragraphs pair up
            lone_a, lone_b = _align(a, b, ratio)
            for index in lone_b:
                yield Hit(second.path, b[index].line,
                          f"this paragraph (“{_excerpt(b[index].text)}”) has no counterpart in {first.path}",
                          f"translate it into {first.path} or delete it here ({governing} governs); "
                          "check first that its content is not merged into a neighbouring paragraph there")
            for index in lone_a:
                yield Hit(second.path, _missing_at(group_a, group_b, index, lone_a, lone_b),
                          f"the paragraph “{_excerpt(a[index].text)}” ({first.path}:{a[index].line}) "
                          f"has no counterpart here, where it would stand in this language",
                          f"translate it here from {first.path}:{a[index].line} (check first that it is not merged "
                          "into a neighbouring paragraph)")
