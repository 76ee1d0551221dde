"""HTML in section files: only what a policy needs, every tag closed.

Markdown lets a section carry raw HTML, and Python-Markdown publishes it as
written: a `<script>`, an `onclick=`, a `javascript:` link or an unclosed
`<div>` would reach every reader. These rules report such HTML with its file
and line; they never strip it silently, because the page must show exactly
the text that was approved.

What is allowed is decided by nh3 (the maintained Rust sanitizer ammonia,
which parses like a browser): each tag is given to nh3 with the allowlist
below, and whatever nh3 would remove — the tag, an attribute, a link — is a
finding. Two passes feed it:

- the section as written, read with Python's HTML tokenizer (it knows the
  line of every tag and keeps the stack of open tags for the nesting rule),
  with code, code spans and placeholders masked;
- the section as Python-Markdown renders it with the site's extensions,
  which also sees the HTML that Markdown writes itself (`[x](javascript:…)`,
  `{onclick=…}` attribute lists, `<img>`). This rule renders Markdown, unlike
  the others, because what the browser receives is the rendered HTML.
"""

from __future__ import annotations

import html as html_entities
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from typing import cast
from collections.abc import Iterator

import markdown
import nh3

from .markdown import PLACEHOLDER, mask
from .registry import Context, Document, Hit, rule

# As in mkdocs.yml (markdown_extensions); tests/test_attack_html.py checks they agree.
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "ol": {"start", "type", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
}
# Python-Markdown's tables write column alignment as a style; nothing else may carry one.
_ALIGN = {f"text-align: {side};" for side in ("left", "right", "center")}
ALLOWED_VALUES = {"td": {"style": _ALIGN}, "th": {"style": _ALIGN}}
URL_SCHEMES = {"https", "mailto", "tel"}
# md_in_html's switch (`<div markdown="1">`): Markdown consumes it, the page never has it.
SOURCE_ONLY_ATTRIBUTES = {"markdown"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "background", "cite", "data", "poster",
                  "xlink:href", "ping", "longdesc", "manifest", "codebase", "lowsrc", "dynsrc"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# Table parts only parse inside a table: nh3, like a browser, drops a lone `<td>`.
_CONTEXT = {
    "td": "<table><tbody><tr>%s</tr></tbody></table>", "th": "<table><tbody><tr>%s</tr></tbody></table>",
    "tr": "<table><tbody>%s</tbody></table>", "tbody": "<table>%s</table>", "thead": "<table>%s</table>",
    "tfoot": "<table>%s</table>", "caption": "<table>%s</table>", "colgroup": "<table>%s</table>",
    "col": "<table><colgroup>%s</colgroup></table>",
}
_FIX_TAG = ("delete it; a policy needs only text, tables, lists, links, <details> and <span>/<div> with a class "
            "(tables and lists are best written in Markdown)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_ESCAPED_LT = re.compile(r"\\<")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
_LINK_DESTINATION = re.compile(r"\]\(<[^<>\n]*>")


@dataclass(frozen=True)
class Problem:
    """One thing nh3 would remove from one tag (or the tag itself when ``attribute`` is None)."""

    tag: str
    attribute: str | None
    value: str | None
    line: int
    problem: str
    fix: str

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.tag, self.attribute, self.value)


@lru_cache(maxsize=4096)
def _nh3_keeps(tag: str, raw: str) -> tuple[bool, tuple[tuple[str, str | None], ...]]:
    """Whether nh3 keeps this start tag, and the attributes it keeps on it."""
    attributes = {name: set(allowed) | SOURCE_ONLY_ATTRIBUTES if name == "*" else set(allowed)
                  for name, allowed in ALLOWED_ATTRIBUTES.items()}
    cleaned = nh3.clean(_CONTEXT.get(tag, "%s") % raw, tags=ALLOWED_TAGS, attributes=attributes,
                        tag_attribute_values=ALLOWED_VALUES, url_schemes=URL_SCHEMES, link_rel=None,
                        strip_comments=True)
    finder = _FirstTag(tag)
    finder.feed(cleaned)
    finder.close()
    if finder.attributes is None:
        return False, ()
    return True, tuple(finder.attributes)


class _FirstTag(HTMLParser):
    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag = tag
        self.attributes: list[tuple[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.tag and self.attributes is None:
            self.attributes = attrs


def _url_problem(value: str) -> str | None:
    """What is wrong with a link nh3 keeps: it resolves to another host without saying https."""
    # Browsers drop tabs and newlines from URLs and read `\` as `/`.
    url = re.sub(r"[\t\n\r]", "", value).strip().replace("\\", "/")
    if url.startswith("//"):
        return "starts with `//`, which sends the reader to another host over whatever scheme the page has"
    return None


def tag_problems(tag: str, raw: str, attributes: list[tuple[str, str | None]], line: int) -> list[Problem]:
    """Everything nh3 would remove from one start tag, as problems a reader can act on."""
    kept, kept_attributes = _nh3_keeps(tag, raw)
    if not kept:
        return [Problem(tag, None, None, line, _tag_problem(tag), _FIX_TAG)]
    problems = []
    kept_names = {name for name, _ in kept_attributes}
    counts = Counter(name for name, _ in attributes)
    for name, value in attributes:
        shown = (value or "").strip()
        if counts[name] > 1:
            problems.append(Problem(tag, name, value, line, f"`<{tag}>` has the `{name}` attribute twice; "
                                    "browsers keep the first and silently drop the other",
                                    f"keep one `{name}=`"))
            counts[name] = 0
        elif name not in kept_names:
            allowed_here = name in ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"]
            if allowed_here and name in URL_ATTRIBUTES:
                problems.append(Problem(tag, name, value, line,
                                        f"the link `{_short(shown)}` is not allowed: it is not https:, mailto:, tel: "
                                        "or a link within this site",
                                        "link to an https:// page, a mailto: or tel: address, or a page of this site"))
            elif name.startswith("on"):
                problems.append(Problem(tag, name, value, line, f"`{name}=` on `<{tag}>` would run a script in the "
                                        "reader's browser", f"delete `{name}=…`"))
            else:
                problems.append(Problem(tag, name, value, line, f"the `{name}` attribute is not allowed on `<{tag}>`",
                                        f"delete `{name}=…`; for looks, use a class the site's stylesheet defines"))
        elif name in URL_ATTRIBUTES and value is not None and (reason := _url_problem(value)):
            problems.append(Problem(tag, name, value, line, f"the link `{_short(shown)}` {reason}",
                                    "write the full https:// address, or a link within this site"))
    return problems


def _tag_problem(tag: str) -> str:
    if tag in ("script", "style", "iframe", "object", "embed", "frame", "frameset", "applet"):
        return f"`<{tag}>` would run code or load content into the page"
    if tag in ("base", "meta", "link"):
        return f"`<{tag}>` would change how the whole page loads or where its links go"
    if tag in ("form", "input", "button", "textarea", "select"):
        return f"`<{tag}>` would put a form in the policy"
    return f"`<{tag}>` is not allowed in a section"


def _short(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


# --- the section as written -----------------------------------------------------------------

@dataclass
class _Scan:
    problems: list[Problem] = field(default_factory=list)
    nesting: list[tuple[int, str, str]] = field(default_factory=list)  # line, problem, fix


class _SourceParser(HTMLParser):
    """Start and end tags of a section as written, with lines; keeps the stack of open allowed tags."""

    def __init__(self, scan: _Scan) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = scan
        self.open: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        problems = tag_problems(tag, self.get_starttag_text() or f"<{tag}>", attrs, line)
        self.scan.problems += problems
        if tag not in VOID and not any(p.attribute is None for p in problems):
            self.open.append((tag, line))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # `<div/>` does not close a div in HTML: the slash is ignored, the div stays open.
        self.handle_starttag(tag, attrs)

    def handle_decl(self, decl: str) -> None:
        self._hidden(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self._hidden(f"<![{data}]]>" if data.startswith("CDATA[") else f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self._hidden(f"<?{data}>")

    def _hidden(self, markup: str) -> None:
        # Browsers read these as comments: the words are hidden from readers but published in the source.
        self.scan.problems.append(Problem("!", None, markup, self.getpos()[0],
                                          f"`{_short(markup, 40)}` is not text: browsers hide it like a comment, "
                                          "but it is published in the page source",
                                          "delete it; notes for reviewers belong in REVIEW-NOTES.md"))

    def handle_endtag(self, tag: str) -> None:
        line = self.getpos()[0]
        if tag not in ALLOWED_TAGS or tag in VOID:
            return  # a tag that is not allowed is reported where it opens
        if self.open and self.open[-1][0] == tag:
            self.open.pop()
            return
        opened = next((i for i in range(len(self.open) - 1, -1, -1) if self.open[i][0] == tag), None)
        if opened is None:
            self.scan.nesting.append((line, f"`</{tag}>` closes nothing: no `<{tag}>` is open here",
                                      f"delete `</{tag}>`, or add the `<{tag}>` it was meant to close"))
            return
        inner, inner_line = self.open[-1]
        self.scan.nesting.append((line, f"`</{tag}>` closes `<{tag}>` (line {self.open[opened][1]}) while "
                                  f"`<{inner}>` (line {inner_line}) inside it is still open",
                                  f"close `<{inner}>` before `</{tag}>`"))
        del self.open[opened:]

    def finish(self) -> None:
        self.close()
        for tag, line in self.open:
            self.scan.nesting.append((line, f"`<{tag}>` is never closed in this file: the page would swallow "
                                      "everything after it, later sections included",
                                      f"add `</{tag}>` where the block ends"))


# A filled placeholder reads as a plain word: data values are escaped where they are filled
# (and `mailto:{{ contact.email }}` must read as a mailto: link, not as a broken address).
_FILLED = "x"


def _masked_line(raw: str) -> str:
    """A line with the parts Markdown does not treat as HTML blanked out, lengths kept."""
    raw = raw.replace(PLACEHOLDER, _FILLED)
    blank = lambda match: " " * len(match.group(0))  # noqa: E731
    for pattern in (_CODE_SPAN, _ESCAPED_LT, _AUTOLINK, _LINK_DESTINATION):
        raw = pattern.sub(blank, raw)
    return raw


def _scan(document: Document) -> _Scan:
    cached = document.cache.get("html")
    if cached is not None:
        return cast(_Scan, cached)
    seen = ["" if line.kind in ("code", "fence") else _masked_line(line.raw) for line in document.lines]
    scan = _read(seen)
    # Lines the tokenizer did not read in full: Markdown may still publish them as HTML
    # (Python-Markdown has no fenced code here, and an HTML block keeps indented lines).
    hidden = {line.number for line, text in zip(document.lines, seen) if text != line.raw}
    _rendered(document, scan, hidden)
    document.cache["html"] = scan
    return scan


def _read(lines: list[str]) -> _Scan:
    """Tokenize the section; where html.parser gives up (some `<!` forms, e.g. `<![=`), report and read on."""
    unreadable: list[int] = []
    while True:
        scan = _Scan()
        parser = _SourceParser(scan)
        try:
            parser.feed("\n".join(lines))
            parser.finish()
            break
        except AssertionError:
            line, column = parser.getpos()
            if len(unreadable) >= 50 or not lines[line - 1][column:].startswith("<"):
                unreadable.append(line)
                break
            unreadable.append(line)
            lines = [*lines[:line - 1], lines[line - 1][:column] + " " + lines[line - 1][column + 1:], *lines[line:]]
    scan.problems += [Problem("!", None, None, line,
                              "this markup cannot be read as HTML, so what a browser makes of it is unknown",
                              "delete the `<!…` here, or write `&lt;` for a literal `<`") for line in unreadable]
    return scan


# --- the section as Markdown renders it -----------------------------------------------------------

class _RenderedParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[Problem] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems += tag_problems(tag, self.get_starttag_text() or f"<{tag}>", attrs, 0)

    handle_startendtag = handle_starttag


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)


def _markdown() -> markdown.Markdown:
    """One converter for every section, reset between them: building one costs more than converting a section."""
    return _converter().reset()


@lru_cache(maxsize=1024)
def _converted(masked: str) -> str:
    """The HTML Markdown makes of a section: a function of its text alone (the converter is reset before each),
    remembered because the test suite and `make serve` judge the same sections again and again."""
    html: str = _markdown().convert(masked)
    return html


def _rendered(document: Document, scan: _Scan, hidden: set[int]) -> None:
    """Add what only the rendered HTML shows (links and attributes Markdown wrote) at the line that wrote it."""
    masked = mask(document.text.source)[0].replace(PLACEHOLDER, _FILLED)
    parser = _RenderedParser()
    try:
        parser.feed(_converted(masked))
        parser.close()
    except AssertionError:
        pass  # the same markup, reported by the pass over the section as written
    seen = Counter(problem.key for problem in scan.problems)
    lines = masked.split("\n")
    for problem in parser.problems:
        if seen[problem.key] > 0:
            seen[problem.key] -= 1  # the same tag or attribute, already reported where it was written
            continue
        line = _written_at(lines, problem, scan, hidden)
        scan.problems.append(Problem(problem.tag, problem.attribute, problem.value, line,
                                     problem.problem, problem.fix))


def _written_at(lines: list[str], problem: Problem, scan: _Scan, hidden: set[int]) -> int:
    """The line of the section that wrote ``problem``: the first not yet blamed for the same thing,
    among the lines the tokenizer could not read first."""
    needles = [problem.value] if problem.value else []
    if problem.attribute:
        needles.append(problem.attribute)
    if problem.tag == "img":
        needles.append("![")
    needles.append(f"<{problem.tag}")
    taken = {p.line for p in scan.problems if p.key == problem.key}
    for needle in needles:
        needle = needle.lower()
        hits = [number for number, text in enumerate(lines, start=1)
                if needle in text.lower() or needle in html_entities.unescape(text).lower()]
        hits.sort(key=lambda number: number not in hidden)
        free = [number for number in hits if number not in taken]
        if free or hits:
            return (free or hits)[0]
    return 1


# --- the rules ------------------------------------------------------------------------------------

_NOT_WAIVABLE = ("HTML outside the allowlist can run code in readers' browsers or change what the page shows; "
                 "no reason makes that acceptable: rewrite the HTML")


@rule("section.html", not_waivable=_NOT_WAIVABLE)
def html(context: Context) -> Iterator[Hit]:
    """HTML in a section beyond what a policy needs: scripts, `on…=` handlers, `javascript:` and other links, frames, forms, styles.

    Example: `<script>…</script>` or `<a href="javascript:…">` in a section file.

    Python-Markdown publishes raw HTML as written, so any of these would run in
    every reader's browser or change what the approved text says. Allowed:
    tables, lists, details/summary, emphasis, sub/sup, br, spans and divs with
    a class, and links to https:, mailto:, tel: or this site. Decided by nh3;
    nothing is stripped silently.
    """
    for document in context.documents:
        reported: set[tuple[int, str]] = set()
        for problem in sorted(_scan(document).problems, key=lambda p: p.line):
            if (problem.line, problem.problem) not in reported:
                reported.add((problem.line, problem.problem))
                yield Hit(document.path, problem.line, problem.problem, problem.fix)


@rule("section.html-nesting", not_waivable=_NOT_WAIVABLE)
def html_nesting(context: Context) -> Iterator[Hit]:
    """An HTML tag in a section that is never closed, closed twice, or closed out of order.

    Example: `<b>重要提示` with no `</b>`.

    An unclosed `<div>` swallows every later section: Markdown stops reading
    what follows as Markdown and the page publishes it raw, while the build
    stays green. Every tag opened in a section file must be closed in it.
    """
    for document in context.documents:
        for line, problem, fix in _scan(document).nesting:
            yield Hit(document.path, line, problem, fix)
