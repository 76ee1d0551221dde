"""How long `make test`'s test run takes on this machine: wall time and the CPU it used (its processes' user + system).

Reported by `make bench`, never asserted by a test: the machine is shared, so the CPU seconds say more than the wall.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
# The same command as `make test`'s last step (ruff and mypy take a few seconds more).
COMMAND = [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadfile", "-q", "-p", "no:cacheprovider"]


def test_suite_timing() -> dict[str, float | str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(COMMAND, cwd=PROJECT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    closing = next((line for line in reversed(done.stdout.splitlines()) if " in " in line and "passed" in line), "")
    return {"wall": wall, "cpu": cpu, "closing": closing.strip("= "), "returncode": float(done.returncode)}
