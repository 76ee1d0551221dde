"""A crash reported as one finding, not a traceback.

An editor or a lawyer running the build cannot act on forty lines of Python;
they can act on "this is a bug, report it". The line names the code that
failed so the report is useful, and POLICYSITE_DEBUG=1 brings the traceback
back for whoever fixes it.
"""

from __future__ import annotations

import os
import re
import traceback
from pathlib import Path
from types import TracebackType

from .findings import Finding

DEBUG_VARIABLE = "POLICYSITE_DEBUG"
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # the checkout: policysite/ and hooks/ live here
_FIX = (f"this is a bug in the site generator, not in the policy: report it with the command you ran "
        f"(run it again with {DEBUG_VARIABLE}=1 to see the traceback)")
_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)')
_MAX_PROBLEM = 300


def debugging() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def _shown(filename: str, roots: tuple[Path, ...]) -> str:
    path = Path(filename)
    for root in roots:
        try:
            return path.resolve().relative_to(root).as_posix()
        except (ValueError, OSError):
            continue
    return filename


def _pick(frames: list[tuple[str, int]], roots: tuple[Path, ...]) -> tuple[str, int]:
    """The innermost frame in our own code (policysite/, hooks/), else the innermost of all."""
    for filename, line in reversed(frames):
        shown = _shown(filename, roots)
        if shown.startswith(("policysite/", "hooks/")):
            return shown, line
    if frames:
        filename, line = frames[-1]
        return _shown(filename, roots), line
    return "policysite", 1


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_PROBLEM else text[:_MAX_PROBLEM - 1] + "…"


def internal_error(error: BaseException, *, project: Path | None = None) -> Finding:
    tb: TracebackType | None = error.__traceback__
    frames = [(frame.filename, frame.lineno or 1) for frame in traceback.extract_tb(tb)]
    roots = tuple(root for root in (project, _PACKAGE_ROOT) if root is not None)
    path, line = _pick(frames, roots)
    detail = str(error)
    problem = _one_line(f"unexpected {type(error).__name__}" + (f": {detail}" if detail else ""))
    return Finding(path, line, "internal.error", problem, _FIX)


def traceback_finding(lines: list[str], *, project: Path | None = None) -> Finding:
    """The same finding from a traceback printed by a child process (MkDocs)."""
    frames = [(m.group("file"), int(m.group("line"))) for m in map(_FRAME.match, lines) if m]
    roots = tuple(root for root in (project, _PACKAGE_ROOT) if root is not None)
    path, line = _pick(frames, roots)
    last = next((text.strip() for text in reversed(lines) if text.strip() and not text.startswith((" ", "\t"))
                 and not text.startswith("Traceback")), "the build crashed")
    return Finding(path, line, "internal.error", _one_line(f"unexpected {last}"), _FIX)
