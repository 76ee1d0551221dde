"""What every printed page says in its margins: whose policy, which version, from when, where it lives.

Chromium prints CSS `@page` margin boxes; their text must be in the stylesheet,
so each page carries a small inline `<style>` with its own facts. The page's
Content-Security-Policy allows exactly that text by its hash (policysite.csp).
"""

from __future__ import annotations

from typing import Any


def css_string(value: str) -> str:
    """A CSS string literal that cannot end the string, the rule or the `<style>` element."""
    out = []
    for char in value:
        if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def running_css(facts: dict[str, Any], address: str) -> str:
    """The `@page` rule with this page's running header and footer (page numbers in the stylesheet)."""
    labels = facts["labels"]
    left = str(facts["legal_name"])
    right = f"{facts['title']} · {labels['version']} {facts['version']} · {labels['effective']} {facts['effective']}"
    if facts.get("versioned") is False:  # a list has no versions of its own yet: the policy's would mislead
        right = str(facts["title"])
    return ("@page{@top-left{content:" + css_string(left) + "}@top-right{content:" + css_string(right) + "}"
            "@bottom-left{content:" + css_string(address) + "}}")
