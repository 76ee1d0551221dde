"""Internal consistency within one language: facts, references, lists and sentences."""

from __future__ import annotations

import re
from typing import Any, NamedTuple, cast
from collections.abc import Iterator

from ..assemble import sub_heading_ids
from ..findings import Severity
from ..labels import chinese_numeral
from ..numerals import CHINESE_NUMERAL, ENGLISH_NUMBER, number_value
from .markdown import PLACEHOLDER, Block, only_placeholders
from .references import kind_of_title
from .registry import Context, Document, Hit, rule

# ---------------------------------------------------------------- deadlines

_ZH_PERIOD = re.compile(rf"(?<![月\d〇零一二两三四五六七八九十百第])(\d+|{CHINESE_NUMERAL}|{PLACEHOLDER})\s*个?\s*(工作日|自然日|日|天)")
_EN_PERIOD = re.compile(rf"\b(\d+|{ENGLISH_NUMBER}|{PLACEHOLDER})(?:\s*\(\d+\))?\s+(?:(working|business|calendar)\s+)?days?\b",
                        re.IGNORECASE)
_RESPONSE = re.compile(r"回复|答复|响应|回应|反馈|处理|完成|核实|注销|删除|更正|处置"
                       r"|respond|response|reply|answer|process|handle|complete|delete|correct|verif", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。；;！？!?]|\.(?:\s|$)")
# Fifteen working days always span at least 21 calendar days (three full weeks),
# so a deadline in calendar days is within the limit up to 21.
MAX_WORKING_DAYS, MAX_CALENDAR_DAYS = 15, 21


class Deadline(NamedTuple):
    path: str
    line: int
    text: str  # as written, e.g. 十五日
    days: int
    working: bool


def sentence_at(text: str, position: int) -> str:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, position)]
    start = starts[-1] if starts else 0
    end_match = _SENTENCE_END.search(text, position)
    return text[start:end_match.start() if end_match else len(text)]


def deadlines(document: Document) -> list[Deadline]:
    """Every period in days the text states for answering or acting on a request (read once per file)."""
    if "deadlines" not in document.cache:
        document.cache["deadlines"] = list(_deadlines(document))
    return cast(list[Deadline], document.cache["deadlines"])


def _deadlines(document: Document) -> Iterator[Deadline]:
    for line in document.prose():
        text = line.text
        for match in list(_ZH_PERIOD.finditer(text)) + list(_EN_PERIOD.finditer(text)):
            if PLACEHOLDER in match.group(1):
                continue  # from data
            if not _RESPONSE.search(sentence_at(text, match.start())):
                continue
            days = number_value(match.group(1))
            if days is None:
                continue
            unit = match.group(2) or ""
            working = unit.lower() in ("工作日", "working", "business")
            yield Deadline(document.path, line.number, match.group(0).strip(), days, working)


def _describe(days: int, working: bool) -> str:
    return f"{days} {'working' if working else 'calendar'} days"


def _stricter(days: int, working: bool, limit: int, limit_working: bool) -> bool:
    """Whether a stated deadline ends no later than data's, whatever the weekends and holidays.

    N calendar days never end after N working days; N working days may end long after N calendar
    days (a holiday week), so they are stricter than a calendar limit only when half of it or less.
    """
    if working == limit_working:
        return days < limit
    if not working:  # calendar against working
        return days <= limit
    return days * 2 <= limit


@rule("consistency.deadline", Severity.WARNING)
def deadline(context: Context) -> Iterator[Hit]:
    """A response deadline typed in the text (15个工作日 here, 十五日 there, 7个工作日 elsewhere).

    Example: `我们将在十日内答复您。` where data/contact.yml says 15 working days.

    The deadline is one fact, kept once in data (`contact.response_days`);
    typed copies drift apart and make the policy promise different things.
    A warning: the period is found by reading the sentence, which may set a
    deadline for something other than answering a request.
    A shorter deadline for one request (`7个工作日`, `15天` against 15
    working days) keeps the promise and passes, unless the text states
    other deadlines as well.
    """
    days = context.data("contact", "response_days")
    working = context.data("contact", "response_unit") != "calendar"  # data/contact.yml's unit (working by default)
    promised = _describe(days, working) if isinstance(days, int) else "?"
    for language in context.languages:
        found = [d for document in context.in_language(language) for d in deadlines(document)]
        for item in found:
            others = sorted({f"{o.text} ({o.path.rsplit('/', 1)[-1]}:{o.line})" for o in found
                             if (o.days, o.working) != (item.days, item.working)})
            elsewhere = f"; elsewhere the text says {', '.join(others)}" if others else ""
            stricter = isinstance(days, int) and _stricter(item.days, item.working, days, working)
            if stricter and not others:
                continue  # a shorter promise for one request keeps the general one: not a conflict
            if isinstance(days, int) and (item.days, item.working) == (days, working):
                yield Hit(item.path, item.line, f"the deadline `{item.text}` is typed in the text{elsewhere}",
                          "write `{{ contact.response_days }}` so every deadline comes from data/contact.yml")
            elif stricter:
                yield Hit(item.path, item.line,
                          f"the deadline `{item.text}` ({_describe(item.days, item.working)}) is stricter than "
                          f"data/contact.yml `response_days` ({promised}), but the text states other "
                          f"deadlines too{elsewhere}",
                          "check which deadline applies to which request; write `{{ contact.response_days }}` "
                          "where the general deadline is meant")
            else:
                yield Hit(item.path, item.line,
                          f"the deadline `{item.text}` ({_describe(item.days, item.working)}) differs from "
                          f"data/contact.yml `response_days` ({promised}){elsewhere}",
                          "check that this is the deadline for answering a request; if so, state one deadline: write "
                          "`{{ contact.response_days }}` and correct data/contact.yml if needed")


# ---------------------------------------------------------------- section references

_ZH_SECTION_REF = re.compile(rf"第\s*(\d+|{CHINESE_NUMERAL})\s*(条|章|部分|节)")
_EN_SECTION_REF = re.compile(r"\b(Section|Article|Clause|Chapter|Part)\s+(\d+|[IVX]+)\b(?!\.\d)")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15}
_LAW_BEFORE = re.compile(r"》|法$|法》|Law|Act|Regulation|GB/T", re.IGNORECASE)
_CONTACT_WORDS = re.compile(r"联系|contact", re.IGNORECASE)


class SectionRef(NamedTuple):
    line: int
    text: str
    number: int
    sentence: str


def _numbered(context: Context) -> dict[int, tuple[str, str]]:
    """Section number → (id, role), as the build numbers them."""
    return {s.number: (s.id, s.role) for s in context.policy.sections if s.number is not None}


def _section_refs(document: Document) -> Iterator[SectionRef]:
    for line in document.prose():
        if line.kind == "heading":
            continue
        text = line.text
        for link in line.links:
            if link.target.startswith("#"):
                text = text.replace(link.label, " " * len(link.label), 1)  # linked references are checked as links
        for match in _ZH_SECTION_REF.finditer(text):
            if _LAW_BEFORE.search(text[max(0, match.start() - 12):match.start()].rstrip()):
                continue
            if not text[:match.start()].strip():
                continue  # `第一部分 定义` opening its line numbers that line: a heading, not a reference
            number = number_value(match.group(1))
            if number is not None:
                yield SectionRef(line.number, match.group(0), number, sentence_at(text, match.start()))
        for match in _EN_SECTION_REF.finditer(text):
            around = text[max(0, match.start() - 40):match.end() + 60]
            if re.search(r"\bLaw\b|\bAct\b|\bRegulations?\b|\bMeasures\b", around):
                continue
            value = match.group(2)
            number = int(value) if value.isdigit() else _ROMAN.get(value)
            if number is not None:
                yield SectionRef(line.number, match.group(0), number, sentence_at(text, match.start()))


def _reference_label(number: int, language: str) -> str:
    return f"第{chinese_numeral(number)}条" if language == "zh" and 0 < number < 100 else f"Section {number}"


@rule("consistency.section-reference", Severity.WARNING)
def section_reference(context: Context) -> Iterator[Hit]:
    """A hand-written reference to a section that does not exist or is the wrong one (`详见本隐私政策第十一条`).

    Example: `详见本政策第九条` in a policy whose ninth section does not say it.

    Section numbers are made by the build; a typed number that names no
    section, or a contact reference that lands outside “how to contact us”,
    sends the reader nowhere. A warning: the number may belong to another
    document the sentence names (an agreement's article).
    """
    numbered = _numbered(context)
    for document in context.documents:
        for ref in _section_refs(document):
            target = numbered.get(ref.number)
            if target is None:
                yield Hit(document.path, ref.line,
                          f"`{ref.text}` names section {ref.number}, but the policy has {len(numbered)} numbered sections",
                          "check what it refers to: link to the section meant, `[…](#section-id)` with an id from "
                          "data/policy.yml, or name the other document it belongs to")
            elif _CONTACT_WORDS.search(ref.sentence) and target[1] != "contact" and \
                    any(role == "contact" for _, role in numbered.values()):
                contact_id = next(i for i, role in numbered.values() if role == "contact")
                yield Hit(document.path, ref.line,
                          f"`{ref.text}` is given for contacting us but is section `{target[0]}` ({target[1]})",
                          f"check which section is meant; for contacting us, link to the contact section: "
                          f"`[…](#{contact_id})`")


@rule("consistency.section-number", Severity.WARNING)
def section_number(context: Context) -> Iterator[Hit]:
    """A typed section number that resolves today but will not follow the sections when they move.

    Example: `见本政策第三条`, right today, wrong once a section is inserted before it.

    Links to section anchors are checked by the build; typed numbers are not.
    """
    numbered = _numbered(context)
    for document in context.documents:
        for ref in _section_refs(document):
            target = numbered.get(ref.number)
            if target is not None and not (_CONTACT_WORDS.search(ref.sentence) and target[1] != "contact"):
                label = _reference_label(ref.number, document.language)
                yield Hit(document.path, ref.line, f"`{ref.text}` is a typed section number",
                          f"write it as a link, `[{label}](#{target[0]})`, which the build checks")


# ---------------------------------------------------------------- anchors



def _anchors(context: Context) -> set[str]:
    """Every anchor the page will have: section ids and the sub-heading anchors assembly gives."""
    anchors = {section.id for section in context.policy.sections}
    for document in context.documents:
        body = document.text.source.splitlines()[document.text.heading_line:]
        anchors.update(sub_heading_ids("\n".join(body), document.text.section.id))
    return anchors


@rule("consistency.anchor")
def anchor(context: Context) -> Iterator[Hit]:
    """A link to a section anchor (`#id`) that no section carries, or whose label names another section.

    Example: `[联系我们](#contactus)` where the section's anchor is `#contact`.

    A broken in-page link leaves the reader at the top of the page.
    """
    anchors = _anchors(context)
    numbered = {s.id: s.number for s in context.policy.sections}
    for document in context.documents:
        for line in document.prose():
            for link in line.links:
                if not link.target.startswith("#"):
                    continue
                target = link.target[1:]
                if target not in anchors:
                    close = sorted(anchors, key=lambda a: _distance(a, target))[:1]
                    hint = f"did you mean `#{close[0]}`?" if close else ""
                    yield Hit(document.path, line.number, f"the link `{link.target}` points to no section",
                              f"{hint} Section anchors are the ids in data/policy.yml.".strip())
                    continue
                for ref in _ZH_SECTION_REF.finditer(link.label):
                    number = number_value(ref.group(1))
                    expected = numbered.get(target)
                    if expected is not None and number != expected:
                        yield Hit(document.path, line.number,
                                  f"the link label `{link.label}` says section {number}, but `#{target}` is section {expected}",
                                  f"write `[{_reference_label(expected, document.language)}](#{target})`")
                for ref in _EN_SECTION_REF.finditer(link.label):
                    value = ref.group(2)
                    number = int(value) if value.isdigit() else _ROMAN.get(value)
                    expected = numbered.get(target)
                    if expected is not None and number != expected:
                        yield Hit(document.path, line.number,
                                  f"the link label `{link.label}` says section {number}, but `#{target}` is section {expected}",
                                  f"write `[{_reference_label(expected, document.language)}](#{target})`")


def _distance(a: str, b: str) -> int:
    from .contacts import edit_distance
    return edit_distance(a, b)


# ---------------------------------------------------------------- named documents and sections

_BOOK_TITLE = re.compile(r"《([^《》\n]{1,60})》")
_EXTERNAL = re.compile(r"(法|条例|规定|办法|标准|规范|指南|指引|决定|解释|细则|通知|意见|公约|准则|要求)$|GB/?T|GB\s*\d")
_ZH_APPENDIX = re.compile(r"附件[^“”《》。；\n]{0,12}?“([^”\n]{1,60})”")
_EN_APPENDIX = re.compile(r"\bappendix\b[^“\"。.;\n]{0,40}?[“\"]([^”\"\n]{1,80})[”\"]", re.IGNORECASE)
_ZH_NAMED_SECTION = re.compile(r"“([^“”\n]{2,40})”\s*(?:章节|部分|一节|条款|一章)")
_EN_NAMED_SECTION = re.compile(r"\b(?:section|chapter)\s+[“\"]([^”\"\n]{2,80})[”\"]", re.IGNORECASE)
_MARKER = re.compile(r"^\s*(?:[（(]\s*\w{1,3}\s*[）)]|\d{1,2}[.、]|[一二三四五六七八九十]+、)\s*")


def _normal_title(title: str) -> str:
    return re.sub(r"[\s“”\"'‘’]", "", _MARKER.sub("", title)).lower()


def _titles(context: Context, language: str) -> tuple[set[str], set[str], set[str]]:
    """(section and sub-section headings, appendix titles, policy titles) of one language, normalised."""
    headings, appendices = set(), set()
    for document in context.in_language(language):
        title = document.text.title
        if title:
            headings.add(_normal_title(title))
            if document.text.section.role == "appendix":
                appendices.add(_normal_title(title))
        for line in document.lines:
            if line.kind == "heading":
                headings.add(_normal_title(line.text))
    title = context.data("policy", "title")
    # data.schema reports a malformed title; the text rules still run on what could be read.
    values = [title] if isinstance(title, str) else list(title.values()) if isinstance(title, dict) else []
    policy_titles = {_normal_title(t) for t in values if isinstance(t, str)}
    return headings, appendices, policy_titles


def _self_reference(name: str, policy_titles: set[str]) -> bool:
    """《本隐私政策》, 《数据保护政策》: the policy naming itself."""
    bare = re.sub(r"^(本|this|our)", "", _normal_title(name))
    return bare in policy_titles or bare in {"隐私政策", "隐私权政策", "个人信息保护政策", "privacypolicy"}


@rule("consistency.document-reference", Severity.WARNING)
def document_reference(context: Context) -> Iterator[Hit]:
    """A named document or section the policy cites but does not contain (《小程序收集的个人信息种类及收集目的》).

    Example: `详见《第三方共享清单》` when no section or appendix has that title.

    Templates cite annexes and chapters that were never written; the reader is
    told to look for something that is not there. Laws and standards
    (《个人信息保护法》, GB/T 35273) are outside references and pass. A
    warning: the document may be published on its own (a user agreement).
    """
    for language in context.languages:
        headings, appendices, policy_titles = _titles(context, language)
        for document in context.in_language(language):
            for line in document.prose():
                text = line.text
                cited: list[tuple[str, str]] = []
                for match in _BOOK_TITLE.finditer(text):
                    name = match.group(1)
                    if _EXTERNAL.search(name.strip()) or _self_reference(name, policy_titles):
                        continue
                    if kind_of_title(name) is not None:
                        continue  # a list, rules or terms: another document of the site (rules/references.py)
                    if _normal_title(name) not in headings:
                        cited.append((f"《{name}》", "a document"))
                for pattern in (_ZH_APPENDIX, _EN_APPENDIX):
                    for match in pattern.finditer(text):
                        name = match.group(1)
                        if _normal_title(name) not in appendices:
                            cited.append((f"“{name}”", "an appendix"))
                for pattern in (_ZH_NAMED_SECTION, _EN_NAMED_SECTION):
                    for match in pattern.finditer(text):
                        name = match.group(1)
                        if _normal_title(name) not in headings:
                            cited.append((f"“{name}”", "a section"))
                for name, kind in cited:
                    yield Hit(document.path, line.number,
                              f"the text cites {kind} {name}, which this policy does not contain",
                              "check where the reader finds it: cite a section or appendix by its exact heading "
                              "(or link to it), link to the document where it is published, add it, or delete "
                              "the reference")


# ---------------------------------------------------------------- facts typed instead of placeholders

@rule("consistency.fact-literal")
def fact_literal(context: Context) -> Iterator[Hit]:
    """The company's legal name typed in the text instead of `{{ company.legal_name }}`.

    Example: `示例（上海）科技有限公司` typed in a sentence instead of `{{ company.legal_name }}`.

    The name is kept once in data; a typed copy survives a change of name
    and then names the wrong processor.
    """
    name = context.data("company", "legal_name")
    for language in context.languages:
        value = name.get(language) if isinstance(name, dict) else name
        if not isinstance(value, str) or len(value.strip()) < 4:
            continue
        for document in context.in_language(language):
            for line in document.prose():
                if value in line.text:
                    yield Hit(document.path, line.number, f"the company name `{value}` is typed in the text",
                              "write `{{ company.legal_name }}` instead")


# ---------------------------------------------------------------- lists and sentences

_INTRODUCES = re.compile(r"[：:]\s*$")
# `……如下。`, `包括以下几类。`, `as follows.`: a sentence that ends in announcing a list.
_ANNOUNCES = re.compile(r"(?:如下|(?<![\d一二三四五六七八九十岁年元级])以下(?!简称|称|统称)[^，,。；;：:“”《》]{0,8}?)[。.]\s*$|\bas follows\.\s*$", re.IGNORECASE)
_FIELD = re.compile(r"^[^，。,.；;：:]{1,12}[：:]\s*[^，。,；;：:]{1,40}$")
_FIELD_LINE = re.compile(r"^(?:[^，。,.；;：:]{1,12}|(?:[A-Za-z'’()-]+ ){0,7}[A-Za-z'’()-]+)[：:]\s*\S")
_SALUTATION = re.compile(r"^(?:尊敬的|亲爱的|Dear\b)[^。.！!？?]{0,20}[：:,，]\s*$")
_TERMINAL = "。！？；：.!?;:…"
_CLOSERS = "”’」』）)】]》\"'*_`"


def _heading_levels(document: Document) -> list[int]:
    """For each block, the level of the heading it sits under (0 before any heading)."""
    levels, level = [], 0
    for block in document.blocks:
        levels.append(level)
        if block.kind == "heading":
            level = block.first.level
    return levels


@rule("consistency.list-intro", Severity.WARNING)
def list_intro(context: Context) -> Iterator[Hit]:
    """A line that announces a list (ends with `：`, `:` or `如下。`/`以下…。`) and is not followed by one.

    Example: `我们收集以下信息：` followed by a paragraph, not a list.

    The list was lost in conversion, or the sentence was cut: either way the
    reader is promised items that never come. A heading after the line counts
    as the list only when it is deeper than the heading the line sits under.
    Two introductions in a row are one finding, on the second. A short label
    ending in a colon over its paragraph (`撤回同意后的处理：`) is a run-in
    heading and passes.
    """
    from .structure import contents_lines, marker_of
    for document in context.documents:
        blocks = document.blocks
        toc = contents_lines(context, document)
        levels = _heading_levels(document)
        for index, block in enumerate(blocks):
            text = block.text.replace(PLACEHOLDER, "")
            if block.kind == "heading" or block.text.endswith(PLACEHOLDER) or not (
                    _INTRODUCES.search(text) or _ANNOUNCES.search(text)):
                continue
            if _SALUTATION.match(text):
                continue  # 尊敬的用户：/ Dear user: greets the reader, it announces nothing
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and following.kind == "text" and _label_line(block, colon=True):
                continue  # `撤回授权的处理：` over its paragraph: a run-in heading, not a list intro
            if following is not None and following.kind == "text" and _INTRODUCES.search(following.text) \
                    and not _FIELD_LINE.match(following.text):
                yield Hit(document.path, following.last.number,
                          f"this line and line {block.last.number} both announce what follows (each ends with a colon)",
                          "keep one introduction: join the two sentences, or end the first with 。")
                continue
            nested = following is not None and following.kind == "item" and (
                block.kind != "item" or following.first.level >= block.first.level)
            # numbered paragraphs （一）…, or label：value lines, are a list written without Markdown
            nested = nested or following is not None and following.kind == "text" and (
                marker_of(following) is not None or bool(_FIELD_LINE.match(following.text)))
            deeper = following is not None and following.kind == "heading" and \
                following.first.level > levels[index]
            if following is None or not (nested or deeper or following.kind == "table"
                                         or only_placeholders(following.text) or following.first.number in toc):
                yield Hit(document.path, block.last.number,
                          "the line announces a list (it ends with a colon or “as follows”) but no list follows",
                          "add the list under it, or end the sentence without announcing one")


# A line that starts with a block-level tag is an HTML block to Python-Markdown (a paragraph that
# starts with <strong> is still a paragraph); tags after the last word are not words.
_HTML_BLOCK = re.compile(r"^\s*</?(?:address|article|aside|blockquote|details|dialog|div|dl|fieldset|figure|footer|form"
                         r"|h[1-6]|header|hr|main|nav|ol|p|pre|section|summary|table|ul)\b[^<>]*>", re.IGNORECASE)
_TRAILING_TAGS = re.compile(r"(?:\s*</?[A-Za-z][^<>]*>)+\s*$")


@rule("consistency.unfinished-sentence", Severity.WARNING)
def unfinished_sentence(context: Context) -> Iterator[Hit]:
    """A paragraph or list item that stops mid-sentence: it ends with `，`/`,` or with no closing punctuation.

    Example: `我们将删除您的个人信息，` as the last words of a paragraph.

    Conversion from Word often cuts a sentence at a page or field break; the
    missing half may be a condition the promise depends on. A title on a line
    of its own over its text passes: numbered and short (`1.1.1 注册`,
    `b)Registration`), or short, one phrase and addressing no one (the
    policy's name repeated above the text).
    """
    from .structure import contents_lines
    for document in context.documents:
        toc = contents_lines(context, document)  # a typed table of contents is one finding of its own
        siblings = _siblings(document)
        after = dict(zip(map(id, document.blocks), document.blocks[1:]))  # each block's next block
        for block in document.blocks:
            if block.kind not in ("text", "item") or block.first.number in toc:
                continue
            if _HTML_BLOCK.match(block.first.text):
                continue  # raw HTML (section.html judges it): a tag line is not a sentence
            stripped = _ending(block)
            if stripped is None:
                continue
            if stripped.endswith(("，", ",", "、")):
                problem = "the text ends with a comma, in the middle of a sentence"
            elif stripped and stripped[-1] not in _TERMINAL:
                if re.fullmatch(r"[（(][^（）()]*[）)]", block.text.strip()):
                    continue  # an aside in brackets of its own: （以上统称“设备信息”）
                group = siblings.get(id(block), [])
                others = [b for b in group if b is not block]
                following = after.get(id(block))
                if following is not None and following.kind != "heading" and _label_line(block) \
                        and all(following is not b for b in group):
                    continue  # `1.1.1 注册`, `沁园隐私声明` over its text: a heading written as a line
                if others and len(stripped) <= 30 and following is not None and following.kind != "heading" \
                        and all(following is not b for b in group):
                    continue  # `（1）基本功能` followed by its text: a numbered heading written as a line
                if others:
                    # A list of phrases (姓名 / 地址) needs no punctuation; one item without it among
                    # punctuated ones was cut.
                    closed = sum(1 for b in others if (_ending(b) or "。")[-1:] in _TERMINAL)
                    if closed * 2 <= len(others):
                        continue
                problem = "the text ends without closing punctuation"
            else:
                continue
            yield Hit(document.path, block.last.number, problem,
                      "finish the sentence (compare with the source document) and end it with 。/；/.")


# The number a line opens with: 1.1.1, （二）, 3、, b), 第二部分 (sub-numbers the numbering rules leave alone too).
_LINE_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:[.．]\d{1,2}){1,3}[.．]?|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[a-zA-Z])\s*[）)]"
                          r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．]|[a-zA-Z][)）.．、]"
                          r"|第[一二三四五六七八九十\d]{1,3}[条章节部分])\s*")
_CLAUSE_MARK = re.compile(r"[，,。；;：:！？!?]")
_ADDRESSES_SOMEONE = re.compile(r"[我您你]|\b(?:we|us|our|you|your)\b", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")


def _label_line(block: Block, colon: bool = False) -> bool:
    """A title on a line of its own: short, one phrase, and either numbered or addressing no one.

    `1.1.1 注册、登录`, `b)Provide a better experience`, `某某隐私保护声明`: a sentence that lost its end
    is longer, has a clause mark inside, or speaks to the reader (我们/您/we/you).
    """
    if len(block.lines) > 1:
        return False
    text = block.text.strip()
    number = _LINE_NUMBER.match(text)
    body = text[number.end():] if number else text
    if colon:  # a label ending in a colon (`撤回授权的处理：`) stands for a heading when it is short
        if not re.search(r"[：:]$", body) or len(body) > 16 or not _CJK.search(body):
            return False
        body = body[:-1]
    if not body or _CLAUSE_MARK.search(body):
        return False
    short = len(body) <= 30 if _CJK.search(body) else len(body.split()) <= 8
    if number:
        return short
    return short and len(body) <= 20 and not _ADDRESSES_SOMEONE.search(body)


def _ending(block: Block) -> str | None:
    """The block's text without closing quotes or emphasis; None when it is not a sentence to check."""
    text = _TRAILING_TAGS.sub("", block.text.rstrip())
    if not text or only_placeholders(text) or text.endswith(PLACEHOLDER):
        return None
    stripped = text.rstrip(_CLOSERS).rstrip()
    if _FIELD.match(stripped):
        return None  # a label and its value (更新日期：2025年4月25日), not a sentence
    return stripped


def _siblings(document: Document) -> dict[int, list[Block]]:
    """Each block's siblings: numbered blocks of one style under one heading, or the items of one Markdown list."""
    from .structure import marker_of
    groups: dict[tuple[Any, ...], list[Block]] = {}
    heading, run = -1, 0  # a Markdown list ends at the first block that is not an item
    for index, block in enumerate(document.blocks):
        if block.kind == "heading":
            heading = index
        if block.kind not in ("text", "item"):
            run += 1
            continue
        marker = marker_of(block)
        if marker is not None:  # 1. … 2. … with paragraphs between them are still one list
            key: tuple[Any, ...] = ("numbered", heading, block.first.level if block.kind == "item" else 0, marker.style)
        elif block.kind == "item":
            key = ("list", run, block.first.level)
        else:
            run += 1
            continue
        groups.setdefault(key, []).append(block)
    return {id(member): members for members in groups.values() for member in members}
