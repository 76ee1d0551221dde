"""What a data value of each kind may be: a host name, an e-mail address, a BCP 47 tag, a web address, text.

Each check returns None when the value is fine, else the problem as a phrase
that follows the key (``"`contact.email` " + problem``). data.py turns them
into findings with the file, line, rule and fix.

Text that is printed into the policy lands in Markdown before it becomes
HTML. HTML in it is escaped when it is filled in (placeholders.py), but
Markdown would still read a line break, a heading marker or a link in it as
structure: ``"Acme\\n\\n## X {#rights}"`` would add a heading with a
duplicate anchor, ``[x](javascript:…)`` a link. A fact has no use for
either, so such values are refused rather than guessed at.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.core import parse_locale

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
# The part before @ as every mail server and a mailto: link accept it unquoted; quotes or brackets would break the link.
_LOCAL = re.compile(r"^[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*$")
# BCP 47 as policy pages use it: language, optional script, optional region, in their canonical case.
_TAG = re.compile(r"^(?P<language>[a-z]{2,3})(-(?P<script>[A-Z][a-z]{3}))?(-(?P<region>[A-Z]{2}|[0-9]{3}))?$")

# Line and paragraph breaks of every kind: each would end the sentence the value sits in.
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# Embeddings, overrides and isolates: they reorder how the text around them is displayed.
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Markdown that turns a value into structure where a placeholder opens a line.
_BLOCK_START = re.compile(r"^(\s|#|>|[-*+](\s|$)|\d{1,9}[.)](\s|$)|\||=|-{2,}|`{3}|~{3}|:|\*{3}|_{3}|\[\^?[^\]]*\]:)")
# Markdown links, images and footnotes anywhere, and the braces of attribute lists (`{: onclick=…}`) and templates.
_INLINE = re.compile(r"!?\[[^\]]*\]\s*[(\[]|\[\^|[{}]")


def host_problem(value: object) -> str | None:
    """A DNS host name: lower-case labels of letters, digits and hyphens, and a real top-level label."""
    if not isinstance(value, str):
        return "must be a host name written as text"
    if value != value.strip() or not value:
        return "must be a host name without spaces around it"
    if "://" in value or "/" in value or "@" in value or ":" in value:
        return f"is `{value}`, not a bare host name (no scheme, path, port or user)"
    if value != value.lower():
        return f"is `{value}`; host names are written in lower case"
    if len(value) > 253:
        return "is longer than a host name can be (253 characters)"
    labels = value.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or not _TLD.match(labels[-1]):
        return f"is `{value}`, which is not a host name"
    return None


def email_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return "must be an e-mail address written as text"
    local, at, domain = value.rpartition("@")
    if not at or not local:
        return f"is `{value}`, which is not an e-mail address"
    if len(local) > 64 or not _LOCAL.match(local):
        return f"is `{value}`; the part before @ may hold only letters, digits and . _ % + -"
    problem = host_problem(domain)
    if problem is not None:
        return f"is `{value}`, whose domain `{domain}` is not a host name"
    return None


def language_tag_problem(value: object, code: object = None) -> str | None:
    """A BCP 47 tag (``zh-CN``, ``en``, ``zh-Hans-CN``) of a language, script and region CLDR knows."""
    if not isinstance(value, str):
        return "must be a language tag written as text, e.g. `zh-CN`"
    match = _TAG.match(value)
    if match is None:
        return (f"is `{value}`, which is not a BCP 47 language tag "
                "(language in lower case, then optionally a Script and a REGION, joined by hyphens)")
    try:
        parse_locale(value, sep="-")
        language = Locale.parse(match["language"])
    except (UnknownLocaleError, ValueError, TypeError):
        return f"is `{value}`, whose language `{match['language']}` is not a known language"
    if match["script"] and match["script"] not in language.scripts:
        return f"is `{value}`, whose script `{match['script']}` is not a known script"
    if match["region"] and match["region"] not in language.territories:
        return f"is `{value}`, whose region `{match['region']}` is not a known region"
    if isinstance(code, str) and match["language"] != code:
        return f"is `{value}`, which names another language than the language code `{code}`"
    return None


def web_address_problem(value: object) -> str | None:
    """A bare host name (``www.example.com``) or an absolute http(s) URL on one."""
    if not isinstance(value, str):
        return "must be a web address written as text"
    if "://" not in value:
        problem = host_problem(value)
        return None if problem is None else (f"is `{value}`, which is neither a host name (`www.example.com`) "
                                            "nor an https address (`https://www.example.com/`)")
    if any(ord(character) <= 32 or character in "\\<>\"'`" for character in value):
        return f"is `{value}`, which holds characters a web address may not contain"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return f"is `{value}`, which is not a web address"
    if parts.scheme not in ("https", "http"):
        return f"is `{value}`; only https (or http) addresses can be published, not `{parts.scheme}:`"
    if parts.username is not None or parts.password is not None or port is not None:
        return f"is `{value}`; write the address without a user name, password or port"
    if host_problem(parts.hostname or "") is not None or parts.netloc != parts.hostname:
        return f"is `{value}`, whose host is not a host name"
    return None


def break_problem(value: str, *, breaks_allowed: bool = False) -> str | None:
    """A line break ends the sentence the value sits in, and what follows it is read as new Markdown blocks."""
    for character in value:
        if character in _BREAKS and not (breaks_allowed and character == "\n"):
            return ("holds a line break, which Markdown reads as the start of a new paragraph or heading; "
                    "a value is printed inside a sentence")
    return None


def control_problem(value: str) -> str | None:
    """Control characters, and the bidi controls that reorder the text shown around them.

    Invisible characters pasted from Word (soft hyphens, zero-width spaces) are
    the gate's debris.invisible to report; these are not debris but a value
    that makes the page show something other than what was approved.
    """
    for character in value:
        if character in _BREAKS:
            continue  # break_problem's to judge
        if unicodedata.category(character) == "Cc" or character in _BIDI:
            name = unicodedata.name(character, f"U+{ord(character):04X}")
            return f"holds the invisible control character U+{ord(character):04X} ({name})"
    return None


def markdown_problem(value: str, *, in_table: bool = False) -> str | None:
    """Markdown structure in a printed value: a block marker at its start, a link, an attribute list."""
    lines = value.split("\n") if in_table else [value]
    for line in lines:
        start = None if in_table else _BLOCK_START.match(line)
        if start:
            return (f"starts with `{start.group(0).strip() or 'a space'}`, which Markdown reads as structure "
                    "(a heading, list, quote or code block) where the value opens a line")
        inline = _INLINE.search(line)
        if inline:
            return (f"holds `{inline.group(0)}`, which Markdown or the page builder reads as a link, "
                    "footnote or attribute list")
    return None
