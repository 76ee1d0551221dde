"""Run a command as a child process and measure its wall time and peak memory."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


PROJECT = Path(__file__).resolve().parents[1]
# What a buildable project consists of: machinery, words, facts and released versions.
PROJECT_PARTS = ("mkdocs.yml", "hooks", "overrides", "docs", "data", "archive")


def copy_project(target: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """A copy of this project in ``target`` to build or change without touching the real one."""
    target.mkdir(parents=True)
    for name in parts:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    # User + system CPU of the command and every process it waited for: its own work, whatever else the
    # (shared) machine runs meanwhile, which wall time also counts.
    cpu_seconds: float = 0.0


def child_environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """The caller's environment for a measured command, with Python's bytecode cache on.

    pip byte-compiled every installed package (MkDocs, Material: all of the plain build) at install; the
    project's own modules (an editable install) and hooks are compiled by their first import, as on any
    developer's machine. Under PYTHONDONTWRITEBYTECODE (some shells and CI images set it) they would be
    compiled from source again in every measured run, a cost only the project's side pays and no real
    build repeats; the warm-up runs write the cache instead.
    """
    merged = {**os.environ, **(env or {})}
    merged.pop("PYTHONDONTWRITEBYTECODE", None)
    return merged


def measure(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """One run; fails loudly, because a benchmark of a failed build measures nothing."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=child_environment(env),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{stderr.decode(errors='replace')[-3000:]}")
    return Run(elapsed, usage.ru_maxrss / 1024,  # ru_maxrss is in KiB on Linux
               usage.ru_utime + usage.ru_stime)


def median(values: list[float]) -> float:
    return statistics.median(values)


def least_squares(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Slope, intercept and R² of the straight line through the points."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    slope = sxy / sxx
    intercept = mean_y - slope * mean_x
    ss_res = sum((y - (intercept + slope * x)) ** 2 for x, y in zip(xs, ys))
    ss_tot = sum((y - mean_y) ** 2 for y in ys)
    return slope, intercept, 1 - ss_res / ss_tot if ss_tot else 1.0
