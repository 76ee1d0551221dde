"""URLs resolved as the WHATWG URL Standard (and so Chromium) resolves them, not as RFC 3986 does."""

from __future__ import annotations

import pytest

from policysite.weburl import Base, clean, resolve

HTTPS = Base("https", "privacy.xometry.asia")


@pytest.mark.parametrize("raw, scheme, host, relative", [
    ("x.png", "https", "privacy.xometry.asia", True),
    ("/x.png", "https", "privacy.xometry.asia", True),
    ("//evil.test/x", "https", "evil.test", False),
    ("\\\\evil.test/x", "https", "evil.test", False),
    ("/\\evil.test", "https", "evil.test", False),
    ("\t/\n/evil.test", "https", "evil.test", False),
    ("\x00 //evil.test \x1f", "https", "evil.test", False),
    ("https:evil.test/x", "https", "privacy.xometry.asia", True),  # same scheme, no slashes: a path
    ("http:evil.test/x", "http", "evil.test", False),  # another scheme: the slashes are optional
    ("HTTPS:////evil.test", "https", "evil.test", False),
    ("https://user:pass@evil.test:8443/x", "https", "evil.test", False),
    ("https://privacy.xometry.asia@evil.test/", "https", "evil.test", False),
    ("https://evil.test\\@privacy.xometry.asia/", "https", "evil.test", False),
    ("//%65vil.test/", "https", "evil.test", False),
    ("//ＥＶＩＬ.test/", "https", "evil.test", False),
    ("//[::1]:80/x", "https", "[::1]", False),
    ("data:image/png;base64,AA", "data", None, False),
    ("JavaScript:alert(1)", "javascript", None, False),
    ("file:///etc/passwd", "file", "", False),
])
def test_where_a_url_leads(raw, scheme, host, relative):
    target = resolve(raw, HTTPS)
    assert target is not None
    assert (target.scheme, target.host, target.relative) == (scheme, host, relative)


@pytest.mark.parametrize("raw", ["", "   ", "//", "https://", "https:///"])
def test_what_is_no_url_at_all(raw):
    assert resolve(raw, HTTPS) is None


def test_data_urls_know_their_type():
    assert resolve("data:text/html;base64,AA", HTTPS).data_type == "text/html"
    assert resolve("data:,hello", HTTPS).data_type == "text/plain"
    assert resolve("data:Image/SVG+XML;utf8,<svg/>", HTTPS).data_type == "image/svg+xml"


def test_cleaning_keeps_inner_spaces():
    assert clean(" \t a b\n.png \r") == "a b.png"
