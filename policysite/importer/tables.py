"""Tables: the collection inventory becomes data/inventory.yml, any other table a Markdown table."""

from __future__ import annotations

import re

# column key → words its heading uses (zh, en)
COLUMNS: list[tuple[str, str]] = [
    ("scenario", r"场景|业务功能|scenario|feature|function"),
    ("channel", r"渠道|channel|platform"),
    ("purpose", r"目的|用途|purpose"),
    ("method", r"方式|方法|method|how"),
    ("items", r"个人信息|信息类型|信息|information|data|items"),
]


def inventory_columns(header: list[str]) -> list[str] | None:
    """The column keys of a collection inventory's header, or None when the table is something else."""
    keys: list[str] = []
    for cell in header:
        key = next((k for k, pattern in COLUMNS if re.search(pattern, cell, re.I) and k not in keys), None)
        if key is None:
            return None
        keys.append(key)
    core = {"scenario", "items", "purpose"}
    return keys if core <= set(keys) else None


def regular_rows(rows: list[list[str]], width: int) -> tuple[list[list[str]], list[str]]:
    """Rows of exactly ``width`` cells: a vertically merged (empty) cell repeats the one above, extra
    leading cells (a merged row header and its sub-rows) are joined with `：`. Returns what was done."""
    done: list[str] = []
    result: list[list[str]] = []
    above: list[str] = []
    for number, row in enumerate(rows, start=1):
        row = list(row)
        if len(row) > width:
            extra = len(row) - width + 1
            head = row[:extra]
            for i, cell in enumerate(head):
                if not cell and above:
                    head[i] = above[i] if i < len(above) else ""
            above = head
            joined = "：".join(cell for cell in head if cell)
            done.append(f"row {number}: the merged cells `{' | '.join(row[:extra])}` became `{joined}`")
            row = [joined] + row[extra:]
        elif len(row) < width:
            row += [""] * (width - len(row))
        result.append(row)
    return result, done


def markdown_table(rows: list[list[str]]) -> str:
    width = max(len(row) for row in rows)
    def line(cells: list[str]) -> str:
        cells = cells + [""] * (width - len(cells))
        return "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"
    out = [line(rows[0]), "| " + " | ".join(["---"] * width) + " |"]
    out += [line(row) for row in rows[1:]]
    return "\n".join(out)
