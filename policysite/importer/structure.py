"""Paragraphs → the policy's sections: top-level headings, sub-sections, the typed contents list.

Real policies number their headings in many styles (一、 1、 1. 第一条 （一）), or not at all and
list them in a typed table of contents, or mark them with Word heading styles. The top level is
the style whose numbers run 1, 2, 3… through the document; the next level inside a section is
the first other style whose numbers start again at 1 there.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from ..numerals import chinese_to_int
from .model import Note, Para, Source

CN = "[一二三四五六七八九十百〇零两]+"
# kind → pattern with the number in group 1 and the title in the last group.
MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("article", re.compile(rf"^第({CN}|\d+)[条章节]\s*(.*)$")),
    ("cn-dun", re.compile(rf"^({CN})[、.．]\s*(.*)$")),
    ("num-dun", re.compile(r"^(\d{1,2})、\s*(.*)$")),
    ("num-dot", re.compile(r"^(\d{1,2})[.．](?![\d.])\s*(.*)$")),
    ("paren-cn-full", re.compile(rf"^（({CN})）\s*(.*)$")),
    ("paren-cn-half", re.compile(rf"^\(({CN})\)\s*(.*)$")),
    ("paren-num-full", re.compile(r"^（(\d{1,2})）\s*(.*)$")),
    ("paren-num-half", re.compile(r"^\((\d{1,2})\)\s*(.*)$")),
    # `1.2 标题`, `1.2标题`, `1.6.标题`: Chinese needs no space after the number; `1.2.3` is a level deeper.
    ("dotted", re.compile(r"^(\d{1,2}\.\d{1,2})(?:\.?\s+|\.?(?=[^\x00-\x7f]))(.*)$")),
    # A bullet glyph (•, ·, ●…) needs no space after it (`·姓名`); an ASCII `-`/`*` does, or `-5` would be one.
    ("bullet", re.compile(r"^([•·▪◦●■◆]|[-*–](?=\s))\s*(\S.*)$")),
]
TOP_KINDS = ("article", "cn-dun", "num-dun", "num-dot", "paren-cn-full", "paren-cn-half")
SUB_KINDS = ("paren-cn-full", "paren-cn-half", "paren-num-full", "paren-num-half", "num-dun", "num-dot",
             "cn-dun", "dotted", "bullet")
TITLE_WORDS = re.compile(r"政策|隐私|声明|条款|协议|规则|指引|Policy|Privacy|Notice|Statement", re.I)
CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=8192)
def marker(text: str) -> tuple[str, int | None, str, str] | None:
    """(kind, number, marker text, title) of a numbered or bulleted paragraph."""
    for kind, pattern in MARKERS:
        match = pattern.match(text)
        if match:
            raw = match.group(1)
            if kind == "dotted":
                number = int(raw.split(".")[1])
            elif kind == "bullet":
                number = None
            else:
                number = int(raw) if raw.isdigit() else chinese_to_int(raw)
            title = match.group(match.lastindex or 1)
            return kind, number, text[: len(text) - len(title)], title
    return None


def title_like(text: str, *, colon: bool = False) -> bool:
    """Short and not a sentence: a heading, not a paragraph or a list item."""
    text = text.strip()
    if not text:
        return False
    cjk = len(CJK.findall(text))
    if cjk > 40 or (cjk == 0 and (len(text.split()) > 14 or len(text) > 100)) or len(text) > 90:
        return False
    end = "。；;，,.!！" if colon else "。；;，,.!！:："
    return text[-1] not in end


def norm(text: str) -> str:
    return re.sub(r"[\s\u3000:：?？.。]+", "", text).casefold()


@dataclass
class Heading:
    index: int  # paragraph index
    title: str  # without its number
    number_text: str  # the marker removed ("1、 "), "" when none


@dataclass
class Part:
    """One section as found: its heading (None for the introduction) and its paragraphs."""

    heading: Heading | None
    paras: list[Para] = field(default_factory=list)
    subheadings: set[int] = field(default_factory=set)  # indexes into paras
    appendix: bool = False
    contents_at: int | None = None  # index into paras where the typed contents list was


@dataclass
class Structure:
    title: str | None
    parts: list[Part]


def split(source: Source) -> Structure:
    paras = source.paras
    title, start = _title(source)
    toc = _contents(paras, start)
    toc_set = set(range(toc[0], toc[1])) if toc else set()
    styled = _style_headings(paras, start)
    style_sub = None
    if styled is not None:
        headings, style_sub = styled
    else:
        headings = _marker_headings(paras, start, toc_set)
    if not headings and toc:
        headings = _toc_headings(paras, toc)
    if toc:
        _compare_contents(source, paras, toc, headings)
    heading_at = {h.index: h for h in headings}
    appendix_at = _appendix(paras, headings, start)
    intro = Part(heading=None)
    parts = [intro]
    for index in range(start, len(paras)):
        para = paras[index]
        if index in toc_set:
            if toc is not None and index == toc[0]:
                intro.contents_at = len(intro.paras)
            source.notes.append(Note("toc", para.where, f"typed contents entry `{para.text}` (now `{{{{ contents }}}}`)"))
            continue
        if index in heading_at:
            parts.append(Part(heading=heading_at[index]))
            continue
        if index == appendix_at:
            parts.append(Part(heading=Heading(index, para.text, ""), appendix=True))
            continue
        parts[-1].paras.append(para)
    for part in parts[1:]:
        if style_sub is not None:
            part.subheadings = {i for i, p in enumerate(part.paras) if p.level == style_sub}
        else:
            part.subheadings = _marker_subheadings(part.paras)
    return Structure(title=title, parts=parts)


def _title(source: Source) -> tuple[str | None, int]:
    """The policy's own title line(s) at the top, which the page title from data replaces."""
    paras = source.paras
    index, title = 0, None
    while index < min(len(paras), 4):
        para = paras[index]
        text = para.text
        if para.table or not title_like(text) or marker(text) or re.search(r"\d|[:：]", text):
            break
        if para.level is not None and para.level > 1 and title is None:
            break
        if title is None and TITLE_WORDS.search(text):
            title = text
            source.notes.append(Note("title", para.where, f"the title line `{text}` (the page title now comes from data/policy.yml)"))
        elif title is not None and len(text) <= 40:
            source.notes.append(Note("title", para.where, f"the line `{text}` under the title"))
        else:
            break
        index += 1
    return title, index if title else 0


def _contents(paras: list[Para], start: int) -> tuple[int, int] | None:
    """A run of three or more short entries whose texts come back later as headings."""
    index = start
    limit = min(len(paras), start + 80)
    while index < limit:
        run, seen = index, set()
        while run < len(paras) and not paras[run].table and title_like(paras[run].text) and len(paras[run].text) <= 80:
            key = norm(_strip(paras[run].text))
            if key in seen:  # the list is over: its first entry comes back as the first heading
                break
            seen.add(key)
            run += 1
        if run - index >= 3:
            entries = [norm(_strip(paras[i].text)) for i in range(index, run)]
            later = {norm(_strip(p.text)) for p in paras[run:] if not p.table}
            found = sum(1 for entry in entries if entry in later)
            if found >= max(3, (len(entries) * 6) // 10):
                return index, run
        index = max(run, index + 1)
    return None


def _strip(text: str) -> str:
    found = marker(text)
    return found[3] if found else text


def _style_headings(paras: list[Para], start: int) -> tuple[list[Heading], int | None] | None:
    levels = sorted({p.level for p in paras[start:] if p.level is not None})
    if not levels:
        return None
    top = levels[0]
    at_top = [i for i in range(start, len(paras)) if paras[i].level == top]
    if len(at_top) == 1 and len(levels) > 1:  # a lone top heading is the document's title
        top = levels[1]
        at_top = [i for i in range(start, len(paras)) if paras[i].level == top]
        levels = levels[1:]
    sub = levels[1] if len(levels) > 1 else None
    headings = []
    for i in at_top:
        found = marker(paras[i].text)
        title = found[3] if found else paras[i].text
        headings.append(Heading(i, title, paras[i].text[: len(paras[i].text) - len(title)]))
    return headings, sub


def _marker_headings(paras: list[Para], start: int, skip: set[int]) -> list[Heading]:
    best: list[Heading] = []
    for kind in TOP_KINDS:
        run: list[Heading] = []
        expected = 1
        for i in range(start, len(paras)):
            if i in skip or paras[i].table:
                continue
            found = marker(paras[i].text)
            if not found or found[0] != kind or found[1] != expected or not title_like(found[3]):
                continue
            run.append(Heading(i, found[3].strip(), found[2]))
            expected += 1
        if len(run) >= 2 and len(run) > len(best):
            best = run
    return best


def _toc_headings(paras: list[Para], toc: tuple[int, int]) -> list[Heading]:
    entries = [norm(_strip(paras[i].text)) for i in range(*toc)]
    headings, position = [], 0
    for i in range(toc[1], len(paras)):
        if paras[i].table:
            continue
        key = norm(_strip(paras[i].text))
        if key in entries[position:]:
            position = entries.index(key, position) + 1
            found = marker(paras[i].text)
            title = found[3] if found else paras[i].text
            headings.append(Heading(i, title.strip(), paras[i].text[: len(paras[i].text) - len(title)]))
    return headings


def _compare_contents(source: Source, paras: list[Para], toc: tuple[int, int], headings: list[Heading]) -> None:
    entries = [_strip(paras[i].text).strip() for i in range(*toc)]
    titles = [h.title for h in headings]
    keyed = {norm(t) for t in titles}
    for i, entry in zip(range(*toc), entries):
        if norm(entry) not in keyed:
            source.notes.append(Note("structure", paras[i].where,
                                     f"the typed contents list names `{entry}`, but no heading has that title; "
                                     "the generated list shows the headings as they are"))
    wanted = {norm(e) for e in entries}
    for heading in headings:
        if norm(heading.title) not in wanted:
            source.notes.append(Note("structure", paras[heading.index].where,
                                     f"the heading `{heading.title}` is missing from the typed contents list; "
                                     "the generated list includes it"))


APPENDIX_REF = re.compile(r"(?:附件|附录|附表)\s*[“\"「《]([^”\"」》]{2,40})[”\"」》]|(?:appendix|annex|schedule)\s*[“\"]([^”\"]{2,60})[”\"]", re.I)
APPENDIX_TITLE = re.compile(r"^(?:附件|附录|附表|Appendix|Annex|Schedule)\b", re.I)


def _appendix(paras: list[Para], headings: list[Heading], start: int) -> int | None:
    """A titled appendix after the last section: a heading-like line the text refers to as 附件“…”."""
    if not headings:
        return None
    named = set()
    for para in paras:
        for match in APPENDIX_REF.finditer(para.text):
            named.add(norm(match.group(1) or match.group(2)))
    for i in range(headings[-1].index + 1, len(paras)):
        text = paras[i].text
        if paras[i].table or not title_like(text):
            continue
        if norm(text) in named or APPENDIX_TITLE.match(text):
            return i
    return None


def _marker_subheadings(paras: list[Para]) -> set[int]:
    """The first numbering style inside the section that starts at 1 on a title-like line, and its run."""
    chosen: str | None = None
    found: set[int] = set()
    expected = 1
    for i, para in enumerate(paras):
        if para.table:
            continue
        item = marker(para.text)
        if not item:
            continue
        kind, number, _, title = item
        if chosen is None:
            if kind in ("bullet", "dotted"):
                if _bullet_heading(paras, i):
                    chosen = "bullet"
                    found.add(i)
                continue
            if kind in SUB_KINDS and number == 1 and title_like(title, colon=True) and _followed_by_text(paras, i):
                chosen, expected = kind, 2
                found.add(i)
            continue
        if chosen == "bullet":
            if kind in ("bullet", "dotted") and _bullet_heading(paras, i):
                found.add(i)
        elif kind == chosen and number == expected and title_like(title, colon=True):
            found.add(i)
            expected += 1
    if chosen == "bullet" and len(found) < 2:
        return set()
    if chosen not in (None, "bullet") and len(found) == 1 and any(
            (m := marker(p.text)) is not None and m[0] == chosen and m[1] == 2 for p in paras if not p.table):
        # `（一）` short, `（二）` a whole paragraph: numbered items of one list, not a lone sub-section.
        return set()
    return found


def _followed_by_text(paras: list[Para], i: int) -> bool:
    return i + 1 < len(paras)


def _bullet_heading(paras: list[Para], i: int) -> bool:
    """`- Registration` followed by an unmarked paragraph: a sub-section title written as a bullet."""
    item = marker(paras[i].text)
    if item is None or not title_like(item[3]) or len(item[3]) > 70:
        return False
    if i + 1 >= len(paras) or paras[i + 1].table:
        return False
    following = marker(paras[i + 1].text)
    return following is None or following[0] not in ("bullet", "dotted")
