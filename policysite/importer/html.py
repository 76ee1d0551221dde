"""A saved policy page: the policy's own text only, not the site's navigation, header or footer.

html5lib parses the page the way a browser does (lxml tree), so broken markup from a CMS reads
as it displays.
"""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
from lxml import etree

from .errors import ImportRefused
from .model import Para, Source
from .sources import clean_line

DROP = {"nav", "header", "footer", "script", "style", "noscript", "aside", "form", "button", "template",
        "iframe", "svg", "select", "menu"}
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "th", "dt", "dd", "blockquote", "pre",
          "section", "article", "main", "table", "tr", "ul", "ol", "dl", "body"}


def _local(tag: object) -> str:
    return tag.split("}", 1)[-1].lower() if isinstance(tag, str) else ""


def read_html(language: str, path: Path, text: str) -> Source:
    try:
        root = html5lib.parse(text, treebuilder="lxml", namespaceHTMLElements=False)
    except Exception as error:  # noqa: BLE001 - html5lib recovers from almost anything; say so if not
        raise ImportRefused(f"{path}: the page cannot be read as HTML ({error})") from None
    source = Source(language=language, path=str(path), format="html", paras=[])
    for element in list(root.iter()):
        if _local(element.tag) in DROP or (isinstance(element.tag, str) and
                                           re.search(r"\b(nav|menu|breadcrumb|footer|header|cookie-banner)\b",
                                                     f"{element.get('class', '')} {element.get('id', '')}", re.I)
                                           and _local(element.tag) not in ("main", "article", "body", "html")):
            parent = element.getparent()
            if parent is not None:
                _keep_tail(element)
                parent.remove(element)
    main = _main(root)
    counter = [0]
    _walk(main, source, counter)
    return source


def _keep_tail(element: etree._Element) -> None:
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        parent = element.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        elif parent is not None:
            parent.text = (parent.text or "") + tail


def _text_length(element: etree._Element) -> int:
    return len(re.sub(r"\s+", "", "".join(element.itertext())))


def _main(root: etree._Element) -> etree._Element:
    """<main> or <article> when the page has one, else the element holding the largest text block."""
    for name in ("main", "article"):
        found = [e for e in root.iter() if _local(e.tag) == name]
        if found:
            return max(found, key=_text_length)
    body = next((e for e in root.iter() if _local(e.tag) == "body"), root)
    best, total = body, _text_length(body)
    # Descend while one child holds most of the text (the content column of a page layout).
    while True:
        children = [c for c in best if isinstance(c.tag, str)]
        if not children:
            return best
        child = max(children, key=_text_length)
        if _text_length(child) < 0.8 * total:
            return best
        best = child


def _walk(element: etree._Element, source: Source, counter: list[int]) -> None:
    name = _local(element.tag)
    if name == "table":
        rows = []
        for row in element.iter():
            if _local(row.tag) == "tr":
                cells = [re.sub(r"\s+", " ", "".join(c.itertext())).strip() for c in row
                         if _local(c.tag) in ("td", "th")]
                rows.append(cells)
        counter[0] += 1
        if rows:
            source.paras.append(Para(text="", where=f"block {counter[0]}", table=rows))
        return
    if name == "br":
        return
    has_block_child = any(_local(child.tag) in BLOCKS for child in element if isinstance(child.tag, str))
    if not has_block_child and name in BLOCKS | {"span", "a", "strong", "em", "b", "i", "font"}:
        _emit(element, "".join(_inline_text(element)), source, counter)
        return
    if element.text and element.text.strip():
        _emit(element, element.text, source, counter)
    for child in element:
        if isinstance(child.tag, str):
            _walk(child, source, counter)
        if child.tail and child.tail.strip():
            _emit(element, child.tail, source, counter)


def _inline_text(element: etree._Element) -> list[str]:
    parts = [element.text or ""]
    for child in element:
        if _local(child.tag) == "br":
            parts.append("\n")
        elif isinstance(child.tag, str):
            parts += _inline_text(child)
        parts.append(child.tail or "")
    return parts


def _emit(element: etree._Element, text: str, source: Source, counter: list[int]) -> None:
    name = _local(element.tag)
    level = int(name[1]) if re.fullmatch(r"h[1-6]", name) else None
    for piece in text.split("\n"):
        piece = re.sub(r"[ \t\r\f\v\u00a0]+", " ", piece)
        counter[0] += 1
        para = clean_line(source, piece, f"block {counter[0]}")
        if para is not None:
            para.level = level
            source.paras.append(para)
