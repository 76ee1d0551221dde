"""Tables that read on a phone: a labelled, keyboard-reachable scroll box, each cell naming its column.

On a wide screen the table stays a table, in a box that scrolls sideways when it
must (`role="region"`, `tabindex="0"` and a name, so a keyboard can scroll it).
On a narrow screen the stylesheet shows each row as a card: the first cell is
its heading and every other cell a line headed by its column (`data-label`,
copied from the header row here), from the same HTML.

Only tables as Python-Markdown's `tables` extension writes them are touched (a bare
`<table>`, then `<thead>` and `<tbody>` rows of `<th>`/`<td>`), matched as text:
re-serialising the whole page through an HTML parser would rewrite bytes of the
checked section HTML around them, which the guard and the tests compare.
"""

from __future__ import annotations

import re

from markupsafe import escape

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_HEAD_CELL = re.compile(r"<th(?:\s[^>]*)?>(.*?)</th>", re.S)
_BODY_CELL = re.compile(r"<td(\s[^>]*)?>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _text(html: str) -> str:
    """A header cell's text, still HTML-escaped as the Markdown renderer wrote it."""
    return " ".join(_TAG.sub("", html).split())


def _labelled(table: str) -> str:
    head, _, body = table.partition("</thead>")
    if not body:
        return table
    labels = [_text(cell) for cell in _HEAD_CELL.findall(head)]

    def row(match: re.Match[str]) -> str:
        cells = iter(labels)

        def cell(found: re.Match[str]) -> str:
            label = next(cells, "")
            attributes = found.group(1) or ""
            # The label is already escaped text (from the rendered header); quotes are escaped for the attribute.
            return f'<td{attributes} data-label="{label.replace(chr(34), "&quot;")}">' if label else found.group(0)

        return "<tr>" + _BODY_CELL.sub(cell, match.group(1)) + "</tr>"

    return head + "</thead>" + _ROW.sub(row, body)


def readable_tables(html: str, label: str) -> str:
    """Every Markdown table of ``html`` wrapped in a named scroll region, its body cells labelled by column.

    ``label`` names the region for assistive technology ("Table (scrolls sideways)").
    """
    name = escape(label)

    def wrap(match: re.Match[str]) -> str:
        return (f'<div class="table" role="region" tabindex="0" aria-label="{name}">'
                f'<table>{_labelled(match.group(1))}</table></div>')

    return _TABLE.sub(wrap, html)
