"""Waivers: data/waivers.yml accepts specific findings, each with a reason and an owner.

A waiver names the rule, the file and the line (or a text on that line). A
waiver that matches nothing is itself an error, so that a waiver for a
problem long fixed cannot later hide a new one. Only the rules that judge
the text can be waived; every other registered id says why it cannot
(policysite/rules/elsewhere.py).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from collections.abc import Mapping

from .data import DataSet
from .findings import Finding

if TYPE_CHECKING:
    from .rules.registry import Rule

WAIVERS = "waivers"


@dataclass(frozen=True)
class Waiver:
    index: int
    rule: str
    path: str
    line: int | None
    match: str | None
    reason: str
    owner: str

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        shown = self.match if self.match is None or len(self.match) <= 60 else self.match[:60] + "…"
        text = f" containing “{shown}”" if self.match else ""
        return f"`{self.rule}` at {where}{text}"


def read_waivers(data: DataSet) -> list[Waiver]:
    """The waivers in data/waivers.yml (already validated by the data schema)."""
    entries: Any = (data.get(WAIVERS) or {}).get(WAIVERS) if isinstance(data.get(WAIVERS), dict) else None
    waivers = []
    # The schema reports a `waivers:` that is not a list; here it simply waives nothing.
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        waivers.append(Waiver(index, str(entry.get("rule", "")), _relative(str(entry.get("path", ""))),
                              entry.get("line"), entry.get("match"), str(entry.get("reason", "")),
                              str(entry.get("owner", ""))))
    return waivers


def _relative(path: str) -> str:
    """`./docs/x.md` → `docs/x.md`, the form findings use; anything else is kept as written to be reported."""
    return path[2:] if path.startswith("./") else path


def _inside_project(path: str) -> bool:
    parts = PurePosixPath(path.replace("\\", "/")).parts
    return bool(parts) and not path.startswith(("/", "\\")) and ".." not in parts and ":" not in parts[0]


class _Lines:
    """Source lines of the files findings point at, read once."""

    def __init__(self, root: Path):
        self.root = root
        self.cache: dict[str, list[str]] = {}

    def get(self, path: str, line: int) -> str:
        if path not in self.cache:
            try:
                self.cache[path] = (self.root / path).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self.cache[path] = []
        lines = self.cache[path]
        return lines[line - 1] if 0 < line <= len(lines) else ""


def apply_waivers(findings: list[Finding], data: DataSet, root: Path, *, rules: Mapping[str, Rule],
                  complete: bool = True) -> tuple[list[Finding], list[Finding]]:
    """Split ``findings`` into (still open, problems with the waivers themselves).

    ``complete`` is False when the policy did not load fully: some rules could
    not run, so an unmatched waiver is not reported then.
    """
    waivers = read_waivers(data)
    if not waivers:
        return findings, []
    source = _Lines(root)
    waivable = [rule_id for rule_id, rule in rules.items() if rule.waivable]
    problems: list[Finding] = []
    waived: set[Finding] = set()
    for waiver in waivers:
        path, line = data.where(WAIVERS, WAIVERS, waiver.index)
        rule_path, rule_line = data.where(WAIVERS, WAIVERS, waiver.index, "rule")
        if waiver.rule not in rules:
            close = difflib.get_close_matches(waiver.rule, waivable, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "use the rule id printed with the finding"
            problems.append(Finding(rule_path, rule_line, "waiver.unknown-rule",
                                    f"`{waiver.rule}` is not a rule id", hint))
            continue
        if not _inside_project(waiver.path):
            path_path, path_line = data.where(WAIVERS, WAIVERS, waiver.index, "path")
            problems.append(Finding(path_path, path_line, "waiver.path",
                                    f"`{waiver.path[:120]}` is not a file of this project, so no finding can be there",
                                    "write the path the finding prints, relative to the project, "
                                    "e.g. docs/en/sections/contact.md"))
            continue
        if not rules[waiver.rule].waivable:
            problems.append(Finding(rule_path, rule_line, "waiver.not-waivable",
                                    f"`{waiver.rule}` cannot be waived: {rules[waiver.rule].not_waivable}",
                                    "delete the waiver and fix what the finding names "
                                    "(`python -m policysite rules` lists which findings can be waived)"))
            continue
        matched = [f for f in findings if f.rule == waiver.rule and f.path == waiver.path
                   and (waiver.line is None or f.line == waiver.line)
                   and (waiver.match is None or waiver.match in source.get(f.path, f.line) or waiver.match in f.problem)]
        lines = sorted({f.line for f in matched})
        if len(lines) > 1:
            problems.append(Finding(path, line, "waiver.ambiguous",
                                    f"the waiver for {waiver.describe()} matches findings on lines "
                                    f"{', '.join(map(str, lines))}, but a waiver accepts one specific finding",
                                    "add `line:` with the one line meant, and one waiver per other line if intended"))
        elif matched:
            waived.update(matched)
        elif complete:
            problems.append(Finding(path, line, "waiver.unmatched",
                                    f"the waiver for {waiver.describe()} matches no finding",
                                    "delete the waiver: the problem it accepted is gone (or the text moved: update `line`/`match`)"))
    return [f for f in findings if f not in waived], problems
