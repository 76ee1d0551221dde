"""The Content-Security-Policy of each kind of page, as strict as that page allows.

A policy page must show exactly the approved text, from this site alone. The
CSP is the browser's half of that promise: even if markup slipped past the
section allowlist and the outside-host guard, the browser would refuse to run
inline script, to load from another host, to post a form, to frame anything or
to let a `<base>` element move the page's relative URLs elsewhere.

It travels in a `<meta http-equiv>` (the site is static files; no server sets
headers), which cannot carry `frame-ancestors`, `report-uri` or `sandbox`.
"""

from __future__ import annotations

import base64
import hashlib

# Directives every page shares: nothing is posted, framed, embedded, and <base> is refused.
_LOCKED = ("object-src 'none'; frame-src 'none'; child-src 'none'; media-src 'none'; "
           "base-uri 'none'; form-action 'none'")

# Material's pages: its bundle, search worker and search index, stylesheets and the
# favicon are files of this site; its CSS draws icons from `data:` SVG masks.
FULL_PAGE = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
             "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; " + _LOCKED)

REFERRER = "no-referrer"


def source_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline `<style>`/`<script>` text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def webview(style: str) -> str:
    """The web-view: one HTML file whose only resource is its own inline stylesheet."""
    return (f"default-src 'none'; style-src {source_hash(style)}; img-src 'self' data:; " + _LOCKED)


def full_page(style: str) -> str:
    """A page of the site with its one inline stylesheet (the printed running header) allowed by hash."""
    return FULL_PAGE.replace("style-src 'self'", f"style-src 'self' {source_hash(style)}", 1)
