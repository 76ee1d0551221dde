"""The attack suites' harness: judge a small project in a child process bounded in time and memory.

An attack that hangs the reader (an alias bomb, a FIFO) or balloons its memory
must fail its test, not the test run, so every case runs `judge()` in its own
Python with a timeout and an address-space limit, and reports the findings as
JSON. A traceback, a timeout or a crash is a failure of the case.
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import PROJECT
from rulefixtures import TODAY

TIMEOUT = 30  # seconds; a case takes about one
MEMORY = 1 << 30  # bytes of address space: the alias bomb would need many times this
# `path:line: rule: problem — fix`, whole-file findings on line 1.
FINDING = re.compile(r"^[^\s:]+:\d+: [a-z]+\.[a-z-]+: \S.* — \S.*$")

_RUNNER = """
import datetime as dt, json, sys
from pathlib import Path
from policysite.findings import PolicyError
from policysite.judge import judge
root = Path(sys.argv[1])
try:
    policy = judge(root, today=dt.date.fromisoformat(sys.argv[2]), commit_date=lambda *_: None)
except PolicyError as error:
    print(json.dumps({"findings": [dict(path=f.path, line=f.line, rule=f.rule, problem=f.problem, fix=f.fix,
                                        text=f.format()) for f in error.findings]}))
else:
    print(json.dumps({"findings": [], "pages": policy.pages}))
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def judge_bounded(root: Path) -> dict[str, Any]:
    """``{"findings": [...]}`` (with ``"pages"`` when the policy would publish); fails on a hang or traceback."""
    try:
        result = subprocess.run([sys.executable, "-c", _RUNNER, str(root), TODAY.isoformat()], cwd=PROJECT,
                                capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=_limit)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"judge() did not answer within {TIMEOUT} s") from None
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    answer = json.loads(result.stdout)
    for finding in answer["findings"]:
        assert FINDING.match(finding["text"]) and "\n" not in finding["text"], finding["text"]
        assert finding["line"] >= 0
    return answer


def has(answer: dict[str, Any], path: str, line: int | None, rule: str, *words: str) -> None:
    """The answer holds a finding of ``rule`` at ``path`` (and ``line``) whose message says each of ``words``."""
    for finding in answer["findings"]:
        if finding["path"] == path and finding["rule"] == rule and (line is None or finding["line"] == line):
            text = finding["text"]
            missing = [word for word in words if word not in text]
            assert not missing, f"{text} does not say {missing}"
            return
    shown = "\n".join(f["text"] for f in answer["findings"]) or "(none: it would publish)"
    raise AssertionError(f"no {rule} at {path}:{line}; the findings were:\n{shown}")
