"""Assemble one language's page from its filled sections."""

from __future__ import annotations

import re
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from .escape import markdown_inline
from .labels import labels, section_number
from .words import WordsMissing
from .model import Section, SectionText

_HEADING = re.compile(r"^(#{1,5})(\s+\S.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _appendix_label(language: str, data_dir: Path | None) -> str:
    try:
        return labels(language, data_dir)["appendix"]
    except WordsMissing:
        # The page is still assembled so that every other check runs; judge() refuses it with
        # site.words-missing before anything is published, so these bare headings are never seen.
        return ""


def heading_text(section: Section, title: str, language: str, data_dir: Path | None = None) -> str:
    if section.role == "appendix":
        return _appendix_label(language, data_dir) + title
    if section.number is not None:
        return section_number(section.number, language) + title
    return title


def contents_list(sections: list[Section], titles: dict[str, str], language: str,
                  data_dir: Path | None = None) -> Markup:
    """The intro's list of sections, made from the headings so it never drifts.

    Marked safe for the placeholder that prints it: the titles were filled
    (their data escaped) before the list is made, and the rest is the core's own.
    """
    lines = [f"- [{heading_text(s, titles[s.id], language, data_dir)}](#{s.id})"
             for s in sections if s.role != "intro"]
    return Markup("\n".join(lines))


def inventory_table(inventory: dict[str, Any] | None) -> Markup:
    """A Markdown table from resolved inventory data (one language).

    Every cell is data, HTML-escaped here; the table around them is the core's
    own Markdown, marked safe for the placeholder that prints it.
    """
    if not inventory:
        return Markup("")
    columns = list(inventory["columns"])
    def cell(value: Any) -> str:
        # Data, not Markdown: each line is literal text; the line breaks are the build's own <br>.
        return "<br>".join(markdown_inline(line) for line in str(value).splitlines())
    header = "| " + " | ".join(cell(inventory["columns"][c]) for c in columns) + " |"
    rule = "|" + "|".join(" --- " for _ in columns) + "|"
    rows = ["| " + " | ".join(cell(row[c]) for c in columns) + " |" for row in inventory["rows"]]
    return Markup("\n".join([header, rule, *rows]))


_EXPLICIT_ID = re.compile(r"\{#([A-Za-z0-9_-]+)[^}]*\}\s*$")


def _headings(markdown: str, section_id: str | None) -> Iterator[tuple[str, str | None, str | None]]:
    """Each line with, for headings outside code, the demoted heading and its anchor."""
    fenced, count = False, 0
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if not match:
            yield line, None, None
            continue
        heading = f"#{match.group(1)}{match.group(2)}"
        explicit = _EXPLICIT_ID.search(heading)
        if explicit:
            yield line, heading, explicit.group(1)
        elif section_id:
            count += 1
            yield line, f"{heading.rstrip()} {{#{section_id}-{count}}}", f"{section_id}-{count}"
        else:
            yield line, heading, None


def demote_headings(markdown: str, section_id: str | None = None) -> str:
    """Section files use `##` for their sub-sections; on the page they sit under `##` sections.

    With a section id, each sub-heading also gets an ASCII anchor (`#rights-3`):
    Chinese headings would otherwise slugify to bare digits, and the anchors must
    be the same in every language and safe in WeChat's web-view. A heading that
    carries its own `{#id}` keeps it, so a link from an app can be pinned.
    """
    return "\n".join(heading or line for line, heading, _ in _headings(markdown, section_id))


def sub_heading_ids(body: str, section_id: str) -> list[str]:
    """The anchors the page gives the sub-headings of a section body (heading line removed)."""
    return [anchor for _, _, anchor in _headings(body, section_id) if anchor]


def assemble_page(title: str, texts: list[SectionText], language: str, data_dir: Path | None = None) -> str:
    parts = [f"# {markdown_inline(title)}"]  # the title comes from data: literal text
    for text in texts:
        if text.title is not None:
            parts.append(f"## {heading_text(text.section, text.title, language, data_dir)} {{#{text.section.id}}}")
        body = demote_headings(text.rendered, text.section.id).strip()
        if body:
            parts.append(body)
    return "\n\n".join(parts) + "\n"
