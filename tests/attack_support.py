"""The attack suites' harness: judge a small project in a child process bounded in time and memory.

An attack that hangs the reader (an alias bomb, a FIFO) or balloons its memory
must fail its test, not the test run, so every case runs `judge()` in its own
process with a timeout and an address-space limit, and reports the findings as
JSON. A traceback, a timeout or a crash is a failure of the case.

The child is forked from the test process, which has imported policysite and judged
the flagship once (warming the same pure caches every judge would fill): a fresh
Python per case spent most of its time importing, for about 170 cases.
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from conftest import FLAGSHIP
from rulefixtures import TODAY

TIMEOUT = 30  # seconds; a case takes well under one
MEMORY = 1 << 30  # bytes of address space beyond what the test process holds: the alias bomb would need many times this
# `path:line: rule: problem — fix`, whole-file findings on line 1.
FINDING = re.compile(r"^[^\s:]+:\d+: [a-z]+\.[a-z-]+: \S.* — \S.*$")
_warm = False


def _answer(root: Path) -> dict[str, Any]:
    from policysite.findings import PolicyError
    from policysite.judge import judge

    try:
        policy = judge(root, today=TODAY, commit_date=lambda *_: None)
    except PolicyError as error:
        return {"findings": [dict(path=f.path, line=f.line, rule=f.rule, problem=f.problem, fix=f.fix,
                                  text=f.format()) for f in error.findings]}
    return {"findings": [], "pages": policy.pages}


def _address_space() -> int:
    """Bytes of address space this process holds now (the child starts with the parent's)."""
    return int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()


def _child(root: Path, answer_fd: int, log_fd: int) -> None:
    """Runs in the forked child; never returns."""
    code = 0
    try:
        os.dup2(log_fd, 1)
        os.dup2(log_fd, 2)
        limit = _address_space() + MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        with os.fdopen(answer_fd, "w", encoding="utf-8") as out:
            json.dump(_answer(root), out)
    except BaseException:  # noqa: BLE001  (reported to the parent as a traceback, like a crashed Python)
        code = 1
        try:
            os.write(log_fd, traceback.format_exc().encode("utf-8", "replace"))
        except BaseException:  # noqa: BLE001
            pass
    os._exit(code)


def judge_bounded(root: Path) -> dict[str, Any]:
    """``{"findings": [...]}`` (with ``"pages"`` when the policy would publish); fails on a hang or traceback."""
    global _warm
    if not _warm:  # the imports and caches every child then shares
        _answer(FLAGSHIP)
        _warm = True
    with tempfile.TemporaryFile() as answer, tempfile.TemporaryFile() as log:
        pid = os.fork()
        if pid == 0:
            _child(root, os.dup(answer.fileno()), log.fileno())
        deadline = time.monotonic() + TIMEOUT
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise AssertionError(f"judge() did not answer within {TIMEOUT} s")
            time.sleep(0.005)
        answer.seek(0)
        log.seek(0)
        stdout, stderr = answer.read().decode("utf-8"), log.read().decode("utf-8", "replace")
    returncode = os.waitstatus_to_exitcode(status)
    assert returncode == 0 and "Traceback" not in stderr, stderr[-3000:] or f"the child ended with {returncode}"
    answer_value = json.loads(stdout)
    for finding in answer_value["findings"]:
        assert FINDING.match(finding["text"]) and "\n" not in finding["text"], finding["text"]
        assert finding["line"] >= 0
    return answer_value


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
