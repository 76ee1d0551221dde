"""Findings: what the core reports instead of raising tracebacks.

Every problem the core detects becomes a Finding printed as
``path:line: rule: problem — fix`` so that an editor can jump to it and a
lawyer can act on it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    # Shown and reported, never blocking, even in a strict build: a value the company has yet to confirm.
    NOTICE = "notice"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    rule: str
    problem: str
    fix: str
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def __post_init__(self) -> None:
        # A finding about a whole file (a missing section, a damaged lock) points at its first
        # line: editors, CI annotations and `grep -n` style tools expect `path:line:` every time.
        if not isinstance(self.line, int) or self.line < 1:
            object.__setattr__(self, "line", 1)

    def format(self) -> str:
        return _one_line(f"{self.path}:{self.line}: {self.rule}: {self.problem} — {self.fix}")


def _one_line(text: str) -> str:
    """Control characters and line breaks quoted from a file (`\\n`, `\\x1b`), so a finding stays one line."""
    return "".join(character.encode("unicode_escape").decode("ascii")
                   if unicodedata.category(character) in ("Cc", "Zl", "Zp") or character in _BIDI else character
                   for character in text)


# Characters that reorder the text shown around them in a terminal or editor.
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class PolicyError(Exception):
    """Raised with every finding of a failed load or check, never just the first."""

    def __init__(self, findings: list[Finding], *, policy: Any = None):
        self.findings = sorted(findings)
        # What could be loaded before the failure, so later checks can still report on it.
        self.policy = policy
        super().__init__(format_findings(self.findings))


def blocking(findings: list[Finding]) -> list[Finding]:
    """The findings that stop a build (errors and warnings), without the notices it only shows."""
    return [f for f in findings if f.severity != Severity.NOTICE]


def format_findings(findings: list[Finding]) -> str:
    lines = [f.format() for f in sorted(findings)]
    # Notices (values still to confirm) are listed with the problems but are not counted as any.
    count = len(blocking(findings))
    noun = "problem" if count == 1 else "problems"
    warnings = sum(1 for f in findings if f.severity == Severity.WARNING)
    note = f" ({warnings} of them {'a warning' if warnings == 1 else 'warnings'}, which also block publishing)" if warnings else ""
    notices = len(findings) - count
    also = (f"; also {notices} {'notice, which blocks' if notices == 1 else 'notices, which block'} nothing"
            if notices else "")
    return f"The policy was not published: {count} {noun} found{note}{also}.\n" + "\n".join(lines)
