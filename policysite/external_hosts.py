"""The whole-site guarantee: no built page makes its reader's browser contact another host.

A privacy page must not itself send its readers' requests to third parties, and
Google's hosts are unreachable in mainland China anyway. This reads the built
HTML and CSS (what the browser actually receives) the way the browser reads
them: html5lib parses the HTML by the HTML standard's own algorithm (entities,
attribute quirks, SVG foreign content, `<base>`), tinycss2 tokenizes CSS by
CSS Syntax Level 3 (escapes such as `\\75 rl(`), and policysite.weburl
resolves every URL by the WHATWG URL Standard (backslashes, `//host`, stray
spaces and tabs). A denylist over the text missed each of those forms.

Every attribute and stylesheet that makes the browser fetch by itself is
checked: a load from another host, a `data:` or `javascript:` document in a
frame, a `<base href>` moving the page's relative URLs elsewhere, an automatic
`<meta http-equiv=refresh>` navigation, and the requests a reader's click sends
elsewhere without navigating there (`ping`, a form's `action`). Links a reader
clicks (`<a href>`) are fine; they only have to be https and ASCII, because
WeChat's web-view on iOS shows a white screen for anything else.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import html5lib
import tinycss2
from html5lib.treebuilders import getTreeBuilder

from . import urls
from .findings import Finding
from .weburl import Base, Target, clean, normal_host, resolve

if TYPE_CHECKING:
    from .model import Policy

# What an element's reader calls for each address it finds: (raw address, what holds it, purpose) → the target.
_Load = Callable[[str, str, str], "Target | None"]

HTML = "http://www.w3.org/1999/xhtml"
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"

# What a fetched URL is for; `data:` URLs are harmless only where they are pictures or media
# (no request, no document that could run or load anything itself).
IMAGE, MEDIA, DOCUMENT, SCRIPT, STYLE, OTHER, CLICK = "image", "media", "document", "script", "style", "other", "click"
_DATA_ALLOWED = {IMAGE, MEDIA}

# HTML elements and the attributes the browser fetches on its own.
_HTML_LOADS: dict[str, tuple[tuple[str, str], ...]] = {
    "script": (("src", SCRIPT),),
    "img": (("src", IMAGE), ("srcset", IMAGE)),
    "source": (("src", MEDIA), ("srcset", IMAGE)),
    "video": (("src", MEDIA), ("poster", IMAGE)),
    "audio": (("src", MEDIA),),
    "track": (("src", MEDIA),),
    "iframe": (("src", DOCUMENT),),
    "frame": (("src", DOCUMENT),),
    "embed": (("src", DOCUMENT),),
    "object": (("data", DOCUMENT),),
    "html": (("manifest", OTHER),),
    # Requests a click sends to the URL without the reader choosing to go there.
    "a": (("ping", CLICK),),
    "area": (("ping", CLICK),),
    "form": (("action", CLICK),),
    "button": (("formaction", CLICK),),
    "input": (("formaction", CLICK),),
}
# The legacy `background=` attribute is an image on these elements (HTML's rendering section).
_BACKGROUND = {"body", "table", "thead", "tbody", "tfoot", "tr", "td", "th"}
# `<link rel>` values that only name a page (a reader may follow it); any other rel may fetch.
_NAVIGATION_RELS = {"canonical", "alternate", "author", "help", "license", "next", "prev", "bookmark",
                    "external", "nofollow", "noopener", "noreferrer", "opener", "tag", "me", "privacy-policy",
                    "terms-of-service"}
# SVG: elements that fetch their href, and presentation attributes that may name an external resource.
_SVG_LOADS = {"image": IMAGE, "feimage": IMAGE, "use": DOCUMENT, "script": SCRIPT, "tref": DOCUMENT,
              "font-face-uri": OTHER, "cursor": IMAGE, "mpath": DOCUMENT}
_SVG_ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform", "discard"}
_SVG_URL_PROPERTIES = {"fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid",
                       "marker-end", "cursor", "marker"}
# `<script type>` values a browser runs as script (JSON data, like Material's `__config`, is not run).
_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}
# Every attribute that holds a URL a reader can follow (checked for https and ASCII).
_URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action", "formaction", "background", "cite", "ping"}

# Where the usual outside requests of an mkdocs-material site come from.
_KNOWN_SOURCES = {
    "fonts.googleapis.com": "set `theme.font: false` in mkdocs.yml (the site uses system fonts)",
    "fonts.gstatic.com": "set `theme.font: false` in mkdocs.yml (the site uses system fonts)",
    "www.googletagmanager.com": "remove `extra.analytics` from mkdocs.yml",
    "api.github.com": "remove `repo_url` from mkdocs.yml",
    "unpkg.com": "remove the CDN script (Mermaid, MathJax…) or copy it into overrides/assets/",
    "cdn.jsdelivr.net": "remove the CDN script (Mermaid, MathJax…) or copy it into overrides/assets/",
}
_GENERIC_FIX = ("copy the file into overrides/assets/ and refer to it by a relative path, or remove it: "
                "a privacy page must not send its readers' requests to other hosts")
_REFRESH = re.compile(r"[\s]*[\d.]*[\s]*[;,]?[\s]*(?:url[\s]*=[\s]*)?(.*)", re.IGNORECASE | re.DOTALL)


# -- where the offending markup was written --------------------------------------------------------

@dataclass(frozen=True)
class PageSources:
    """Which source file wrote each part of a built page, so a finding can name it.

    The assembled page carries each section under its heading, whose id is the
    section's id in data/policy.yml; the introduction is what follows the page
    title. Archived pages and their web-views and redlines come from the frozen
    text in archive/<date>/<language>.md.
    """

    prefixes: tuple[tuple[str, str], ...] = ()  # (URL prefix, language code), longest prefix first
    sections: dict[tuple[str, str], str] = field(default_factory=dict)  # (language, section id) → file
    intro: dict[str, str] = field(default_factory=dict)  # language → the introduction's file
    texts: dict[str, str] = field(default_factory=dict)  # file → its text as written, to find the line

    @classmethod
    def of(cls, policy: Policy) -> PageSources:
        prefixes = sorted(((("" if language.default else f"{language.code}/"), language.code)
                           for language in policy.languages), key=lambda pair: -len(pair[0]))
        sections, intro, texts = {}, {}, {}
        for (language, section_id), text in policy.texts.items():
            sections[(language, section_id)] = text.path
            texts[text.path] = text.source
            if text.section.role == "intro":
                intro[language] = text.path
        return cls(tuple(prefixes), sections, intro, texts)

    def line_of(self, source: str, needle: str) -> int | None:
        """The first line of ``source`` holding ``needle`` (None when the file spells it differently)."""
        text = self.texts.get(source)
        if not needle or text is None or needle not in text:
            return None
        return text.count("\n", 0, text.index(needle)) + 1

    def source(self, page: str, section: str | None) -> str | None:
        """The file that wrote the content under heading ``section`` ("" = the introduction) of ``page``."""
        if section is None:
            return None
        for prefix, language in self.prefixes:
            if page.startswith(prefix):
                rest = page[len(prefix):]
                if rest in ("index.html", f"{urls.WEBVIEW}index.html"):
                    return self.intro.get(language) if section == "" else self.sections.get((language, section))
                archived = re.fullmatch(r"archive/(\d{4}-\d\d-\d\d)/(?:webview/|changes/)?index\.html", rest)
                if archived:
                    return f"archive/{archived.group(1)}/{language}.md"
                return None
        return None

    @property
    def section_ids(self) -> set[str]:
        return {section for _, section in self.sections}


# -- parsing HTML with source lines ----------------------------------------------------------------

_EtreeBuilder = getTreeBuilder("etree")


class _LineBuilder(_EtreeBuilder):  # type: ignore[misc, valid-type]  # html5lib makes the class at run time
    """html5lib's ElementTree builder, remembering the line each element was read on."""

    def __init__(self, namespace_html_elements: bool, *, lines: dict[ElementTree.Element, int],
                 where: Callable[[], int]) -> None:
        super().__init__(namespace_html_elements)
        base_class: Any = self.elementClass  # type: ignore[has-type]  # set by html5lib at run time

        class Positioned(base_class):  # type: ignore[misc]
            def __init__(self, name: str, namespace: str | None = None) -> None:
                super().__init__(name, namespace)
                lines[self._element] = where()

        self.elementClass = Positioned


def _parse_html(html: str) -> tuple[ElementTree.Element, dict[ElementTree.Element, int]]:
    lines: dict[ElementTree.Element, int] = {}
    holder: dict[str, html5lib.HTMLParser] = {}

    def where() -> int:
        tokenizer = getattr(holder["parser"], "tokenizer", None)
        return tokenizer.stream.position()[0] if tokenizer is not None else 1

    parser = html5lib.HTMLParser(tree=lambda namespace: _LineBuilder(namespace, lines=lines, where=where))
    holder["parser"] = parser
    return parser.parse(html), lines


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, local = tag[1:].split("}", 1)
        return namespace, local
    return HTML, tag


def _attributes(element: ElementTree.Element) -> dict[str, str]:
    """Attribute name → value; `xlink:href` under its prefixed name."""
    found = {}
    for name, value in element.attrib.items():
        namespace, local = _split(name) if isinstance(name, str) else (HTML, str(name))
        found[f"xlink:{local}" if namespace == XLINK else local.lower()] = value
    return found


def srcset_urls(value: str) -> list[str]:
    """The image URLs of a `srcset`, split as the HTML standard splits it (a URL may hold commas)."""
    urls, position = [], 0
    while position < len(value):
        while position < len(value) and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < len(value) and not value[position].isspace():
            position += 1
        url = value[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0  # descriptors run to the next comma outside parentheses
            while position < len(value) and (value[position] != "," or depth):
                depth += {"(": 1, ")": -1}.get(value[position], 0)
                position += 1
        if url:
            urls.append(url)
    return urls


def refresh_url(content: str) -> str | None:
    """The URL a `<meta http-equiv=refresh>` goes to (None: it reloads the page itself)."""
    match = _REFRESH.match(content)
    url = match.group(1).strip() if match else ""
    if url[:1] in "'\"" and url:
        url = url[1:].split(url[0], 1)[0]
    return url or None


# -- CSS -------------------------------------------------------------------------------------------

def css_urls(css: str) -> list[tuple[str, int, str]]:
    """URLs a stylesheet or style attribute fetches: (URL, 1-based line within ``css``, what for)."""
    found: list[tuple[str, int, str]] = []
    _walk_css(tinycss2.parse_component_value_list(css, skip_comments=True), found)
    return found


def css_urls_of(tokens: list[Any]) -> list[tuple[str, int, str]]:
    found: list[tuple[str, int, str]] = []
    _walk_css(tokens, found)
    return found


def _walk_css(tokens: list[Any], found: list[tuple[str, int, str]]) -> None:
    skip_to_semicolon = False
    expect_import = False
    for token in tokens:
        kind = token.type
        if skip_to_semicolon:  # `@namespace svg url(…)` names a namespace, it fetches nothing
            if kind == "literal" and token.value == ";":
                skip_to_semicolon = False
            continue
        if kind == "at-keyword":
            name = token.lower_value
            skip_to_semicolon = name == "namespace"
            expect_import = name == "import"
            continue
        if expect_import and kind not in ("whitespace", "comment"):
            expect_import = False
            if kind == "string":  # `@import "x.css"`
                found.append((token.value, token.source_line, STYLE))
                continue
            if kind in ("url", "function"):
                for url, line, _ in css_urls_of([token]):
                    found.append((url, line, STYLE))
                continue
        if kind == "url":
            found.append((token.value, token.source_line, IMAGE))
        elif kind == "function":
            name = token.lower_name
            arguments = [argument for argument in token.arguments if argument.type not in ("whitespace", "comment")]
            if name in ("url", "src") and arguments and arguments[0].type == "string":
                found.append((arguments[0].value, arguments[0].source_line, IMAGE))
            elif name in ("image-set", "-webkit-image-set"):
                found += [(argument.value, argument.source_line, IMAGE)
                          for argument in arguments if argument.type == "string"]
            _walk_css(token.arguments, found)
        elif kind in ("() block", "[] block", "{} block"):
            _walk_css(token.content, found)


# -- the checker -----------------------------------------------------------------------------------

class _Checker:
    def __init__(self, display: str, site_host: str, sources: PageSources | None):
        self.display = display
        self.site_host = normal_host(site_host) if site_host else ""
        self.sources = sources or PageSources()
        self.findings: list[Finding] = []
        self.inside = ""  # "in the <iframe srcdoc> document, " while checking one

    def _report(self, rule: str, line: int, problem: str, fix: str, section: str | None, needle: str = "") -> None:
        problem = self.inside + problem
        source = self.sources.source(self.display, section)
        if source:
            source_line = self.sources.line_of(source, needle)
            problem += f"; the markup comes from {source}" + (f":{source_line}" if source_line else "")
            fix = (f"remove it from {source}, or refer to a file of this site by a relative path: "
                   "a privacy page must not send its readers' requests to other hosts"
                   if rule == "site.external-load" else f"in {source}, {fix}")
        self.findings.append(Finding(self.display, line, rule, problem, fix))

    def load(self, raw: str, what: str, purpose: str, line: int, base: Base, section: str | None,
             base_line: int | None = None) -> Target | None:
        target = resolve(raw, base)
        if target is None:
            return None
        shown = clean(raw)
        if target.scheme == "data":
            if purpose in _DATA_ALLOWED:
                return target
            self._report("site.external-load", line, f"{what} opens a `data:` {target.data_type} document (`{shown[:60]}`), "
                         "which is not a file of this site and can load from anywhere", _GENERIC_FIX, section, shown)
            return target
        if target.host is None or target.scheme not in ("http", "https"):
            if target.scheme == "about" and purpose != SCRIPT:
                return target
            if purpose == CLICK and target.scheme in ("mailto", "tel"):
                return target
            self._report("site.external-load", line, f"{what} loads `{shown[:80]}`, which is not a file of this site",
                         _GENERIC_FIX, section, shown)
            return target
        if target.host != self.site_host:
            how = ("sends a request to" if purpose == CLICK else
                   "goes by itself to" if purpose == "refresh" else "loads")
            moved = (f" (a relative URL, which the <base href> on line {base_line} sends to {target.host})"
                     if target.relative and base_line else f" from another host ({target.host})")
            fix = _KNOWN_SOURCES.get(target.host, _GENERIC_FIX)
            self._report("site.external-load", line, f"{what} {how} `{shown[:100]}`{moved}", fix, section, shown)
        return target

    def any_url(self, raw: str, where: str, line: int) -> None:
        url = clean(raw)
        if any(ord(character) > 127 for character in url):
            self.findings.append(Finding(
                self.display, line, "site.non-ascii-url",
                f"{where} `{url}` contains characters outside ASCII (WeChat on iOS shows a white screen)",
                "use an ASCII address: give headings ASCII ids (`{#id}`) and percent-encode other characters"))
        parts = urlsplit(url)
        # The site's own absolute URLs follow site_url (`mkdocs serve` makes it http://127.0.0.1).
        if parts.scheme.lower() == "http" and normal_host(parts.hostname or "") != self.site_host:
            self.findings.append(Finding(self.display, line, "site.insecure-url",
                                         f"{where} `{url}` is plain http", "use the https address"))

    def css(self, css: str, what: str, first_line: int, base: Base, section: str | None,
            base_line: int | None = None) -> None:
        for url, offset, purpose in css_urls(css):
            self.load(url, what, purpose, first_line + offset - 1, base, section, base_line)

    # HTML

    def html(self, html: str, base: Base, first_line: int = 1, section: str | None = None) -> None:
        root, lines = _parse_html(html)
        page_base, base_line = self._base(root, lines, base, first_line)
        state = _Walk(page_base, base_line, section, self.sources.section_ids)
        for element, current in state.walk(root):
            self.element(element, first_line + lines.get(element, 1) - 1, state, current)

    def _base(self, root: ElementTree.Element, lines: dict[ElementTree.Element, int], base: Base,
              first_line: int) -> tuple[Base, int | None]:
        """The document's base: the first `<base href>`, which must stay on this site."""
        for element in root.iter(f"{{{HTML}}}base"):
            href = element.get("href")
            if href is None:
                continue
            line = first_line + lines.get(element, 1) - 1
            target = resolve(href, base)
            if target is None or target.host is None:
                return base, None  # the browser ignores a base it cannot use
            if target.host != self.site_host or target.scheme not in ("http", "https"):
                self._report("site.external-load", line, f"<base href=\"{clean(href)}\"> makes every relative URL of the page "
                             f"(Material's own scripts and styles included) load from {target.host}",
                             "remove the <base> element: the site's pages need none", None)
                return Base(target.scheme, target.host), line
            return base, None
        return base, None

    def element(self, element: ElementTree.Element, line: int, walk: _Walk, section: str | None) -> None:
        namespace, local = _split(element.tag) if isinstance(element.tag, str) else ("", "")
        if not local:
            return
        local = local.lower()
        attributes = _attributes(element)
        base, base_line = walk.base, walk.base_line
        tag = local if namespace == HTML else f"svg:{local}" if namespace == SVG else local

        def load(raw: str, what: str, purpose: str) -> Target | None:
            return self.load(raw, what, purpose, line, base, section, base_line)

        for name, value in attributes.items():
            if name in _URL_ATTRIBUTES or name == "xlink:href":
                for url in srcset_urls(value) if name == "srcset" else value.split() if name == "ping" else [value]:
                    self.any_url(url, f"<{tag} {name}>", line)
        if "style" in attributes:
            self.css(attributes["style"], f"the style attribute of <{tag}>", line, base, section, base_line)
        if local == "style":
            self.css(element.text or "", f"<{tag}>", line, base, section, base_line)
        self._inline_script(local, attributes, element, line, section)
        if namespace == HTML:
            self._html_element(local, attributes, load, line, base, section)
        elif namespace == SVG:
            self._svg_element(local, attributes, load, line, base, section, base_line)

    def _inline_script(self, local: str, attributes: dict[str, str], element: ElementTree.Element, line: int,
                       section: str | None) -> None:
        """Script in the page itself: every page's CSP refuses it, so it could only fail or be an attack."""
        fix = ("move the script into a file under overrides/assets/javascripts/ loaded with <script src>, "
               "or remove it: every page's Content-Security-Policy refuses inline script")
        kind = attributes.get("type", "").strip().lower()
        if (local == "script" and "src" not in attributes and (element.text or "").strip()
                and (kind in _SCRIPT_TYPES or kind.endswith("javascript") or kind.endswith("ecmascript"))):
            self._report("site.inline-script", line, f"<{local}> holds an inline script", fix, section,
                         (element.text or "").strip().splitlines()[0])
        for name in attributes:
            if name.startswith("on"):
                self._report("site.inline-script", line, f"<{local} {name}=…> is an inline event handler", fix, section,
                             f"{name}=")
        for name in ("href", "xlink:href", "src", "action", "formaction", "data"):
            if clean(attributes.get(name, "")).lower().startswith("javascript:"):
                self._report("site.inline-script", line, f"<{local} {name}> runs a `javascript:` URL", fix, section,
                             clean(attributes[name]))

    def _html_element(self, local: str, attributes: dict[str, str], load: _Load, line: int, base: Base,
                      section: str | None) -> None:
        for name, purpose in _HTML_LOADS.get(local, ()):
            if name not in attributes:
                continue
            if local in ("input", "button") and name == "formaction" and not attributes[name].strip():
                continue
            values = srcset_urls(attributes[name]) if name == "srcset" else (
                attributes[name].split() if name == "ping" else [attributes[name]])
            for value in values:
                load(value, f"<{local} {name}>", purpose)
        if local == "input" and attributes.get("type", "").strip().lower() == "image" and "src" in attributes:
            load(attributes["src"], "<input type=image src>", IMAGE)
        if local in _BACKGROUND and "background" in attributes:
            load(attributes["background"], f"<{local} background>", IMAGE)
        if local == "link":
            rels = set(attributes.get("rel", "").lower().split())
            if rels - _NAVIGATION_RELS or "stylesheet" in rels:
                purpose = IMAGE if rels & {"icon", "apple-touch-icon", "apple-touch-icon-precomposed",
                                           "mask-icon"} else STYLE
                if "href" in attributes:
                    load(attributes["href"], f"<link rel=\"{attributes.get('rel', '')}\">", purpose)
                for value in srcset_urls(attributes.get("imagesrcset", "")):
                    load(value, f"<link rel=\"{attributes.get('rel', '')}\" imagesrcset>", IMAGE)
        if local == "meta" and attributes.get("http-equiv", "").strip().lower() == "refresh":
            url = refresh_url(attributes.get("content", ""))
            if url is not None:
                load(url, "<meta http-equiv=\"refresh\">", "refresh")
        if local == "iframe" and "srcdoc" in attributes:
            # The srcdoc document is a page of its own, with this page's base.
            outer, self.inside = self.inside, self.inside + "in the <iframe srcdoc> document, "
            self.html(attributes["srcdoc"], base, first_line=line, section=section)
            self.inside = outer

    def _svg_element(self, local: str, attributes: dict[str, str], load: _Load, line: int, base: Base,
                     section: str | None, base_line: int | None) -> None:
        purpose = _SVG_LOADS.get(local)
        if purpose is not None:
            for name in ("href", "xlink:href"):
                value = attributes.get(name)
                if value is not None and not clean(value).startswith("#"):
                    load(value, f"<svg:{local} {name}>", purpose)
        if local in _SVG_ANIMATIONS and attributes.get("attributename", "").strip().lower() in ("href", "xlink:href"):
            for name in ("to", "from", "values", "by"):
                for value in attributes.get(name, "").split(";"):
                    if value.strip() and not value.strip().startswith("#"):
                        load(value, f"<svg:{local} {name}> (animating href)", DOCUMENT)
        for name in _SVG_URL_PROPERTIES & attributes.keys():
            self.css(attributes[name], f"<svg:{local} {name}>", line, base, section, base_line)


class _Walk:
    """Document order, knowing which section's content each element belongs to."""

    def __init__(self, base: Base, base_line: int | None, section: str | None, section_ids: set[str]):
        self.base, self.base_line = base, base_line
        self.section = section  # None outside a section's content
        self.section_ids = section_ids

    def walk(self, root: ElementTree.Element) -> Iterator[tuple[ElementTree.Element, str | None]]:
        yield from self._walk(root, in_content=self.section is not None)

    def _walk(self, element: ElementTree.Element, in_content: bool) -> Iterator[tuple[ElementTree.Element, str | None]]:
        namespace, local = _split(element.tag) if isinstance(element.tag, str) else ("", "")
        starts_content = namespace == HTML and local in ("article", "main") and not in_content
        if namespace == HTML and in_content and local in ("h1", "h2"):
            identifier = element.get("id", "")
            if identifier in self.section_ids:
                self.section = identifier
            elif local == "h1" and self.section is None:
                self.section = ""  # the introduction follows the title
        yield element, self.section if in_content else None
        for child in element:
            yield from self._walk(child, in_content or starts_content)
        if starts_content:
            self.section = None


# -- entry points ----------------------------------------------------------------------------------

def _page_base(site_host: str, scheme: str = "https") -> Base:
    return Base(scheme, normal_host(site_host) if site_host else "")


def check_html(html: str, *, display: str, site_host: str, sources: PageSources | None = None,
               scheme: str = "https") -> list[Finding]:
    checker = _Checker(display, site_host, sources)
    checker.html(html, _page_base(site_host, scheme))
    return checker.findings


def check_css(css: str, *, display: str, site_host: str, scheme: str = "https") -> list[Finding]:
    checker = _Checker(display, site_host, None)
    checker.css(css, "the stylesheet", 1, _page_base(site_host, scheme), None)
    return checker.findings


# Digests of the pages and stylesheets this process found clean, each with the host and scheme it was judged for.
# Whether a file has a finding depends on its text, the kind of file, the host and the scheme alone (the page's
# path and the PageSources only word a finding), so `make serve`'s rebuilds and the test suite's many builds of
# one fixture parse again only what changed. A file with any finding is never remembered: it is checked in full
# on every build, and its findings are always reported.
_CLEAN: set[bytes] = set()
_CLEAN_LIMIT = 50_000  # 32 bytes each; forgotten all at once when full, so a long `make serve` stays small


def _verdict_key(kind: str, host: str, scheme: str, text: str) -> bytes:
    digest = hashlib.sha256(f"{kind}\0{host}\0{scheme}\0".encode())
    digest.update(text.encode("utf-8", errors="surrogatepass"))
    return digest.digest()


def check_site(site_dir: Path, site_url: str, sources: PageSources | None = None) -> list[Finding]:
    """Every outside load in every HTML page and stylesheet of the built site."""
    parts = urlsplit(site_url or "")
    host = (parts.hostname or "").lower()
    scheme = (parts.scheme or "https").lower()
    findings: list[Finding] = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in (".html", ".htm", ".css") or not path.is_file():
            continue
        display = PurePosixPath(path.relative_to(site_dir).as_posix()).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        kind = "css" if path.suffix == ".css" else "html"
        key = _verdict_key(kind, host, scheme, text)
        if key in _CLEAN:
            continue
        if kind == "css":
            found = check_css(text, display=display, site_host=host, scheme=scheme)
        else:
            found = check_html(text, display=display, site_host=host, sources=sources, scheme=scheme)
        if not found:
            if len(_CLEAN) >= _CLEAN_LIMIT:
                _CLEAN.clear()
            _CLEAN.add(key)
        findings += found
    return findings
