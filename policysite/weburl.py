"""Where a URL written in a page sends the browser, resolved the way a browser resolves it.

Python's urllib follows RFC 3986; browsers follow the WHATWG URL Standard,
which forgives a great deal: leading and trailing spaces and control
characters are dropped, tabs and newlines anywhere are removed, a backslash
counts as a slash in http(s) URLs, any run of slashes after the scheme
starts the host, `https:foo` on an https page is a relative path, and the
host is percent-decoded and IDNA-mapped. A guard that reads URLs differently
from the browser misses exactly the forms an attacker would use, so this
module reproduces the parts of the standard that decide the host.
(Entities and CSS escapes are decoded before a URL gets here: by the HTML
parser and the CSS tokenizer.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

# Schemes whose URLs have a host and in which `\` is a slash (WHATWG "special schemes").
SPECIAL = frozenset({"http", "https", "ws", "wss", "ftp", "file"})
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SLASHES = re.compile(r"[/\\]*")


@dataclass(frozen=True)
class Base:
    """The URL relative references resolve against: the page, or its `<base href>`."""

    scheme: str
    host: str


@dataclass(frozen=True)
class Target:
    """What a URL reaches: ``host`` is None for schemes without one (data:, javascript:, about:)."""

    text: str  # the URL as the browser reads it (cleaned)
    scheme: str
    host: str | None
    relative: bool  # resolved against the base (so a `<base href>` elsewhere moves it)

    @property
    def data_type(self) -> str:
        """The media type of a ``data:`` URL (``text/plain`` when none is given, as the standard says)."""
        if self.scheme != "data":
            return ""
        header = self.text.split(":", 1)[1].split(",", 1)[0]
        kind = unquote(header).split(";", 1)[0].strip().lower()
        return kind or "text/plain"


def clean(raw: str) -> str:
    """The URL string after the standard's first two steps."""
    return _TAB_OR_NEWLINE.sub("", raw.strip(_C0_OR_SPACE))


def normal_host(host: str) -> str:
    """A host as the browser compares it: percent-decoded, IDNA-mapped, lower case."""
    host = unquote(host).strip()
    if host.startswith("["):
        return host.lower()
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return host.lower()


def _host_of(authority_and_rest: str) -> str:
    """The host at the start of ``authority_and_rest`` (after the slashes)."""
    authority = re.split(r"[/\\?#]", authority_and_rest, maxsplit=1)[0]
    authority = authority.rsplit("@", 1)[-1]
    if authority.startswith("["):
        return normal_host(authority.split("]", 1)[0] + "]")
    return normal_host(authority.split(":", 1)[0])


def resolve(raw: str, base: Base) -> Target | None:
    """Where ``raw`` leads from a page whose base is ``base``; None when it is no URL at all
    (empty, or an http(s) URL without a host, which the browser rejects)."""
    text = clean(raw)
    if not text:
        return None
    match = _SCHEME.match(text)
    if match is None:
        if base.scheme in SPECIAL and re.match(r"[/\\]{2}", text):
            host = _host_of(_SLASHES.sub("", text, count=1))
            return Target(text, base.scheme, host, relative=False) if host else None
        return Target(text, base.scheme, base.host, relative=True)
    scheme = match.group(0)[:-1].lower()
    rest = text[match.end():]
    if scheme not in SPECIAL:
        return Target(text, scheme, None, relative=False)
    if scheme == base.scheme and not re.match(r"[/\\]{2}", rest):
        # `https:foo` and `https:/foo` on an https page: a path on this host.
        return Target(text, scheme, base.host, relative=True)
    if scheme == "file":  # file:///x has an empty host, and is never a file of this site either
        host = _host_of(rest[2:]) if re.match(r"[/\\]{2}", rest) else ""
        return Target(text, scheme, host, relative=False)
    host = _host_of(_SLASHES.sub("", rest, count=1))
    return Target(text, scheme, host, relative=False) if host else None
