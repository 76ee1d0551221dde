"""Cross-language parity: every language says the same things in the same places.

Every language is compared with the default (governing) language, section by
section, so a structural difference is reported in the translation's file;
a number or placeholder is reported where it appears.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterator

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

    A missing sub-heading is usually a missing paragraph of the translation.
    """
rule("parity.headings")(_headings)

_items = _structure("list_items", lambda line: line.kind == "item", "list items")
_items.__doc__ = """List items differ in number or nesting between two languages of a section.

    Lists carry enumerations (rights, purposes, exceptions); one item fewer is
    one right or one exception less in that language.
    """
rule("parity.list-items")(_items)

_rows = _structure("table_rows", lambda line: line.kind == "table", "table rows")
_rows.__doc__ = """Table rows differ in number between two languages of a section.

    A table row is a whole scenario of collection; one row fewer hides it from
    the readers of that language.
    """
rule("parity.table-rows")(_rows)


@rule("parity.numbers")
def numbers_differ(context: Context) -> Iterator[Hit]:
    """A number (or date) stated in one language of a section but not in another (十五 counts as 15).

    Numbers carry deadlines, ages and periods; a number that differs between
    languages is a different promise.
    """
    for first, second in _pairs(context):
        found = {document.path: Counter() for document in (first, second)}
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

    The same fact (name, address, deadline) must appear in every language.
    """
    for first, second in _pairs(context):
        used = {}
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
