"""MkDocs' own warnings as findings that name the file to fix.

MkDocs reports a broken link against the page it rendered (`zh/index.md`),
which nobody edits: the page is assembled from docs/<lang>/sections/*.md.
This finds the section file and line that hold the link. Plain strings in,
a Finding out, so the core still never imports MkDocs (hooks/mkdocs_warnings.py
feeds it the log records).
"""

from __future__ import annotations

import re
from typing import Any
from collections.abc import Iterable

from .findings import Finding, Severity

FINDING = re.compile(r"^\S[^\n]*?:\d+: [a-z]+\.[a-z-]+: ")
_LEVEL_PREFIX = re.compile(r"^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s+")
_LINK = re.compile(r"^Doc file '(?P<doc>.+?)' contains (?:a link|an absolute link|an unrecognized relative link) "
                   r"'(?P<link>.+?)'(?:, | which )")
_LINK_TO = re.compile(r"^Doc file '(?P<doc>.+?)' contains a link to '(?P<link>.+?)' which ")


def is_finding(message: str) -> bool:
    return bool(FINDING.match(message))


def shorten_finding_line(line: str) -> str:
    """`WARNING -  path:line: rule: …` → `path:line: rule: …`: findings start at their path."""
    rest = _LEVEL_PREFIX.sub("", line, count=1)
    return rest if rest != line and is_finding(rest) else line


def _language_of(doc: str, codes: list[str], default: str) -> str:
    first = doc.split("/", 1)[0]
    return first if first in codes else default


def _occurrence(text: str, link: str) -> int | None:
    """1-based line holding ``link`` as a link target in Markdown or HTML, else anywhere."""
    lines = text.splitlines()
    targets = (f"]({link}", f"](<{link}>", f'href="{link}"', f"href='{link}'", f"]: {link}", f"<{link}>")
    for number, line in enumerate(lines, 1):
        if any(target in line for target in targets):
            return number
    for number, line in enumerate(lines, 1):
        if link in line:
            return number
    return None


def _texts(policy: Any, language: str) -> Iterable[Any]:
    """The language's section texts in page order, then every other language's."""
    texts = list(getattr(policy, "texts", {}).values())
    order = {section.id: index for index, section in enumerate(getattr(policy, "sections", []))}
    texts.sort(key=lambda text: (text.language != language, order.get(text.section.id, 99)))
    return texts


def _link_source(policy: Any, doc: str, link: str) -> tuple[str, int] | None:
    if policy is None:
        return None
    codes = [language.code for language in policy.languages]
    default = next((language.code for language in policy.languages if language.default), codes[0] if codes else "")
    for text in _texts(policy, _language_of(doc, codes, default)):
        line = _occurrence(text.source, link)
        if line is not None:
            return text.path, line
    for text in _texts(policy, _language_of(doc, codes, default)):
        # Filled in by a placeholder: the value is not in the file as written.
        if _occurrence(text.rendered, link) is not None:
            return text.path, max(text.heading_line, 1)
    return None


_CONFIG_VALUE = re.compile(r"^Config value '(?P<key>[^'.]+)")
_WARNING_LINE = re.compile(r"^WARNING\s+-\s+(?P<message>.*)$")


def _config_line(message: str, config_text: str | None) -> int:
    """The line of mkdocs.yml a configuration warning is about (1 when unknown)."""
    match = _CONFIG_VALUE.match(message)
    if not match or not config_text:
        return 1
    key = re.compile(rf"^{re.escape(match.group('key'))}\s*:")
    return next((number for number, line in enumerate(config_text.splitlines(), 1) if key.match(line)), 1)


def warning_line_finding(line: str, *, config_text: str | None = None) -> Finding | None:
    """A `WARNING -  …` line MkDocs printed before any hook could rewrite it (configuration checks)."""
    match = _WARNING_LINE.match(line)
    if not match or is_finding(match.group("message")):
        return None
    return warning_finding(match.group("message"), None, config_text=config_text)


def warning_finding(message: str, policy: Any = None, *, docs: str = "docs",
                    config_text: str | None = None) -> Finding:
    """The finding for one MkDocs warning; ``policy`` is the judged policy when there is one."""
    text = " ".join(message.split())
    match = _LINK.match(message) or _LINK_TO.match(message)
    if match:
        doc, link = match.group("doc"), match.group("link")
        found = _link_source(policy, doc, link)
        path, line = found if found else (f"{docs}/{doc}", 1)
        return Finding(path, line, "section.link-target",
                       f"the link `{link}` leads to no page of the site (MkDocs finds no such file)",
                       "link to a section of this page as `#section-id`, or write the full https:// address "
                       "of another page", Severity.WARNING)
    return Finding("mkdocs.yml", _config_line(message, config_text), "site.mkdocs-warning", f"MkDocs warns: {text}",
                   "fix what the warning names: a strict build (`make build`) publishes nothing while MkDocs warns",
                   Severity.WARNING)
