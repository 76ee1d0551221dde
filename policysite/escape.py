"""Escaping for the contexts the core writes data into: HTML text and attributes, Markdown inline text.

A value from data/ (a company name, a language name, a title) is text, never
markup: wherever the core puts one into a page it passes through one of these.
JSON is written with json.dumps and XML with ElementTree or
xml.sax.saxutils, which escape for their own context; templates escape with
Jinja's autoescape (overrides/). Only markup the core builds itself is marked
safe (markupsafe.Markup).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# Characters that start inline Markdown syntax (emphasis, code, links, attribute lists,
# table cells, a heading's closing hashes, escapes), all in Python-Markdown's escapable set.
# `<` and `&` are made entities by HTML escaping first.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]{}|#])")


def html(value: object) -> Markup:
    """``value`` as HTML text or a quoted attribute value: & < > " ' become entities."""
    return escape(value)


def html_text(value: object) -> str:
    """The same as a plain string, for places that keep strings (front matter, f-strings)."""
    return str(escape(value))


def markdown_inline(value: object) -> str:
    """``value`` as literal text inside a line of Markdown (a heading, a table cell).

    HTML-escaped, Markdown punctuation backslash-escaped and line breaks
    folded into spaces, so that it can neither open a tag nor start a block.
    """
    text = " ".join(str(value).split())
    # Markdown punctuation first, then HTML: the other order would break the entities
    # escaping makes (`"` → `&#34;` → `&\#34;`).
    return str(escape(_MARKDOWN_INLINE.sub(r"\\\1", text)))
