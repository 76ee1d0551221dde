"""References between documents: 《第三方信息共享清单》, “the third-party list”, 儿童个人信息保护规则.

A policy that points to a list or to rules the site does not publish sends the
reader to nothing (and MIIT's reviewers look for exactly those lists). The
site learns what it publishes from data/site.yml (`documents:`, each with a
`kind`; no file means the privacy policy alone): ``published_kinds``.

- ``find_references(text, language)`` reads the references in a line: a title
  in 《》 or “” whose words name a kind of document (…清单, …规则, …协议,
  隐私政策), the usual names written bare, and their English equivalents;
- the rule `document.reference-unpublished` reports a reference to a kind the
  site does not publish (a list the policy prints as its own appendix counts);
- ``link_references(markdown, language, published)`` turns each reference to a
  published document into a Markdown link; the site plan calls it.

Laws in 《》 (《个人信息保护法》, 《儿童个人信息网络保护规定》) name no kind here and
stay consistency.document-reference's to judge.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple
from collections.abc import Iterator, Mapping
from urllib.parse import quote

from ..findings import Severity
from .registry import Context, Document, Hit, rule

KINDS = ("privacy-policy", "collection-list", "third-party-list", "children-rules", "terms")
# A site without data/site.yml publishes its privacy policy alone.
DEFAULT_KINDS = frozenset({"privacy-policy"})

# What each kind is called in a finding, per language of the policy's text.
_NAMES = {"privacy-policy": "the privacy policy", "collection-list": "the list of personal information collected",
          "third-party-list": "the list of personal information shared with third parties",
          "children-rules": "the rules for children's personal information", "terms": "the terms of service"}

# A title (inside 《》 or “”) by the words it ends with; the third-party list before the collection list,
# whose pattern (any 个人信息…清单) would take it too.
_ZH_TITLE: list[tuple[str, re.Pattern[str]]] = [
    ("third-party-list", re.compile(r"(?:第三方|共享|对外提供|SDK).{0,15}(?:清单|列表|目录)$", re.I)),
    ("collection-list", re.compile(r"(?:收集|个人信息).{0,15}(?:清单|列表|目录)$")),
    ("children-rules", re.compile(r"儿童.{0,16}(?:规则|政策|声明)$")),
    ("terms", re.compile(r"(?:用户|服务|使用|注册|许可)(?:服务)?(?:协议|条款)$")),
    ("privacy-policy", re.compile(r"(?:隐私|个人信息保护|数据保护)权?(?:政策|声明)$")),
]
_BOOK = re.compile(r"《([^《》\n]{1,60})》")
_QUOTED = re.compile(r"“([^“”\n]{2,40})”")
# The usual names, written without 《》 or quotes.
_ZH_BARE: list[tuple[str, re.Pattern[str]]] = [
    ("third-party-list", re.compile(r"第三方(?:个人)?信息共享清单|第三方共享(?:个人信息)?清单|第三方SDK(?:共享)?清单", re.I)),
    ("collection-list", re.compile(r"已收集个人信息清单|个人信息收集清单|收集个人信息清单")),
    ("children-rules", re.compile(r"儿童个人信息(?:网络)?保护规则|儿童隐私(?:保护)?(?:政策|规则)")),
]
_PERSONAL = r"personal (?:information|data)"
_EN: list[tuple[str, re.Pattern[str]]] = [
    ("third-party-list", re.compile(
        rf"\bthird[- ]party (?:(?:personal )?(?:information|data) )?(?:sharing )?list\b"
        rf"|\blist of (?:the )?{_PERSONAL} (?:we )?(?:shared|share|provided|provide) (?:with|to) third parties\b"
        rf"|\blist of (?:the )?third[- ]part(?:y|ies)(?: (?:information|data|sharing|recipients|SDKs?))*\b"
        r"|\blist of (?:the )?third parties\b", re.I)),
    ("collection-list", re.compile(
        rf"\blist of (?:the )?{_PERSONAL} (?:(?:we )?collect(?:ed)?|collection)\b"
        rf"|\b{_PERSONAL} collection list\b|\bcollection list\b", re.I)),
    ("children-rules", re.compile(
        r"\bchildren['’]?s? (?:personal information |privacy |data )?(?:protection )?"
        r"(?:rules|policy|privacy policy|privacy notice)\b", re.I)),
    ("terms", re.compile(r"\bterms of (?:service|use)\b|\buser (?:service )?agreement\b|\bservice agreement\b", re.I)),
    # Only the company's own policy: “the recipient's privacy policy” is another one.
    ("privacy-policy", re.compile(r"\b(?:this|our) (?:privacy|data protection) (?:policy|notice)\b", re.I)),
]


class Reference(NamedTuple):
    kind: str
    start: int
    end: int
    text: str  # as written, 《》 or quotes included


def kind_of_title(title: str) -> str | None:
    """The kind of document a Chinese title names (个人信息收集清单 → collection-list), or None (a law, a section)."""
    bare = re.sub(r"\s+", "", title)
    return next((kind for kind, pattern in _ZH_TITLE if pattern.search(bare)), None)


def find_references(text: str, language: str) -> list[Reference]:
    """The references to documents in one line of ``text``, in order, none overlapping."""
    found: list[Reference] = []
    if language.startswith("zh"):
        for pattern in (_BOOK, _QUOTED):
            for match in pattern.finditer(text):
                kind = kind_of_title(match.group(1))
                if kind is not None:
                    found.append(Reference(kind, match.start(), match.end(), match.group(0)))
        candidates = _ZH_BARE
    elif language.startswith("en"):
        candidates = _EN
    else:
        return []  # a language these patterns cannot read
    for kind, pattern in candidates:
        for match in pattern.finditer(text):
            found.append(Reference(kind, match.start(), match.end(), match.group(0)))
    chosen: list[Reference] = []
    for reference in sorted(found, key=lambda r: (r.start, -r.end)):  # the widest match at each place wins
        if not chosen or reference.start >= chosen[-1].end:
            chosen.append(reference)
    return chosen


def published_kinds(data: Any) -> frozenset[str]:
    """The kinds of document the site publishes, from data/site.yml as loaded (a DataSet, or the file's mapping).

    No file, or no `documents:`, is today's site: the privacy policy alone. The
    site plan validates the file itself; what cannot be read here is left out.
    """
    site = data.get("site") if hasattr(data, "documents") else data
    if not isinstance(site, Mapping) or not isinstance(site.get("documents"), list):
        return DEFAULT_KINDS
    return frozenset(entry["kind"] for entry in site["documents"]
                     if isinstance(entry, Mapping) and isinstance(entry.get("kind"), str))


# ---------------------------------------------------------------- the rule

_MARKER = re.compile(r"^\s*(?:[（(]\s*\w{1,3}\s*[）)]|\d{1,2}[.、]|[一二三四五六七八九十]+、)\s*")


def _normal(title: str) -> str:
    return re.sub(r"[\s《》“”\"'‘’]", "", _MARKER.sub("", title)).lower()


def _held(documents: list[Document]) -> tuple[set[str], set[str]]:
    """(kinds the policy prints itself, its headings normalised) in one language.

    The policy is a privacy policy; its appendix that prints `{{ inventory }}`
    is the collection list, one that prints `{{ third_parties }}` the other list.
    """
    kinds: set[str] = {"privacy-policy"}
    headings: set[str] = set()
    for document in documents:
        if document.text.title:
            headings.add(_normal(document.text.title))
        for line in document.lines:
            if line.kind == "heading":
                headings.add(_normal(line.text))
            if "inventory" in line.placeholders:
                kinds.add("collection-list")
            if "third_parties" in line.placeholders:
                kinds.add("third-party-list")
    return kinds, headings


@rule("document.reference-unpublished")
def reference_unpublished(context: Context) -> Iterator[Hit]:
    """A reference to a document the site does not publish (《第三方信息共享清单》, “the third-party list”).

    Example: `详见《第三方信息共享清单》` on a site whose data/site.yml lists no third-party list.

    MIIT's app rules ask for the lists of personal information collected and
    shared to be reachable on their own, and a service for children under 14
    for its own rules; a reference to one the site does not publish sends the
    reader to nothing. A list the policy prints as its own appendix, or a
    heading of the policy with the same name, counts as published.
    """
    published = published_kinds(context.policy.data)
    for language in context.languages:
        documents = context.in_language(language)
        held, headings = _held(documents)
        for document in documents:
            for line in document.prose():
                if line.kind == "heading":
                    continue  # a heading names its own section, it does not refer to another document
                for reference in find_references(line.text, language):
                    if reference.kind in published or reference.kind in held or _normal(reference.text) in headings:
                        continue
                    yield Hit(document.path, line.number,
                              f"the text refers to {reference.text}, {_NAMES[reference.kind]}, which the site "
                              "does not publish",
                              f"publish it (add a document of kind `{reference.kind}` under `documents:` in "
                              "data/site.yml, with its data), or change the text to refer to what the site publishes")


_PRINTS_LIST = {"collection-list": re.compile(r"\{\{\s*inventory\b"),
                "third-party-list": re.compile(r"\{\{\s*third_parties\b")}


def held_kinds(sources: list[str]) -> set[str]:
    """The kinds a policy prints itself, from its section files as written: the policy, and a list whose
    placeholder (`{{ inventory }}`, `{{ third_parties }}`) one of them prints."""
    return {"privacy-policy"} | {kind for kind, pattern in _PRINTS_LIST.items()
                                 if any(pattern.search(source) for source in sources)}


@rule("document.unreferenced", Severity.NOTICE)
def unreferenced(context: Context) -> Iterator[Hit]:
    """A list (or children's rules) the site publishes that the policy's text never names.

    Example: a site whose data/site.yml publishes the third-party list, and whose sharing section
    does not say `详见《第三方信息共享清单》`.

    MIIT's app rules ask for the lists to be reachable from the policy where it discloses what they
    list. The approved text cannot be changed by the build, so the current page and the web-view
    show a pointer of the site's own at the end of that section (policysite.pointers); this notice
    is printed by every build until the text names the document, and never blocks one.
    """
    from ..documents import read_documents
    from ..pointers import missing

    if context.policy.kind != "privacy-policy":
        return  # the pointers lead from the policy; children's rules or terms name what they like
    documents, problems = read_documents(context.policy.data, context.languages)
    if problems:
        return  # data/site.yml is refused on its own (site.document-*)
    others = [document for document in documents if not document.is_policy]
    for language in context.languages:
        for document, section_id in missing(context.policy, others, language):
            section = context.document(language, section_id)
            if section is None:
                continue
            title = document.titles.get(language, document.id)
            example = f"详见《{title}》" if language.startswith("zh") else f"see the {title}"
            yield Hit(section.path, section.text.heading_line or 1,
                      f"the text in `{language}` never names “{title}” ({_NAMES[document.kind]}), which the site "
                      "publishes; until it does, the page shows the site's own pointer to it at the end of this "
                      "section, marked as not part of the policy",
                      f"at the next release, have counsel add a sentence to this section that names it (for example "
                      f"“{example}”); the build then links it and drops the pointer")


# ---------------------------------------------------------------- links

_FENCE = re.compile(r"^\s*(```|~~~)")
# Spans a link must not be put inside: links and images, inline code, autolinks and HTML tags,
# placeholders, attribute lists.
_PROTECTED = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|!?\[[^\]\n]*\]\[[^\]\n]*\]|`[^`\n]*`|<[^>\n]*>"
                        r"|\{\{.*?\}\}|\{[:#.][^}\n]*\}")
_LINE_SKIPPED = re.compile(r"^\s*(?:#|\[[^\]]+\]:|<!--)")


def link_references(markdown: str, language: str, published: Mapping[str, tuple[str, str]], *,
                    own: str | None = None) -> str:
    """``markdown`` with every reference to a published document made a link to it.

    ``published`` maps a kind to (title, url) in this language; ``own`` is the
    kind of the document being rendered, which never links to itself. Headings,
    code and text already inside a link are left as they are.
    """
    targets = {kind: value for kind, value in published.items() if kind != own}
    if not targets:
        return markdown
    out: list[str] = []
    fenced = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or _FENCE.match(line) or _LINE_SKIPPED.match(line):
            out.append(line)
            continue
        out.append(_link_line(line, language, targets))
    return "\n".join(out)


def _link_line(line: str, language: str, targets: Mapping[str, tuple[str, str]]) -> str:
    pieces: list[str] = []
    position = 0
    for protected in list(_PROTECTED.finditer(line)) + [None]:
        end = protected.start() if protected else len(line)
        pieces.append(_link_text(line[position:end], language, targets))
        if protected:
            pieces.append(protected.group(0))
            position = protected.end()
    return "".join(pieces)


def _link_text(text: str, language: str, targets: Mapping[str, tuple[str, str]]) -> str:
    result: list[str] = []
    position = 0
    for reference in find_references(text, language):
        if reference.kind not in targets:
            continue
        title, url = targets[reference.kind]
        target = quote(url, safe=":/?#@!$&'*+,;=%~.-_")  # a space or parenthesis would end the link early
        shown = title.replace("\\", "\\\\").replace('"', "&quot;")
        result += [text[position:reference.start], f'[{reference.text}]({target} "{shown}")']
        position = reference.end
    result.append(text[position:])
    return "".join(result)
