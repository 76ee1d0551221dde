"""Dates: one ISO date in data, shown in each language's long format."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date


@dataclass(frozen=True)
class LocalDate:
    """A date that prints itself in one language's long format inside placeholders."""

    date: dt.date
    locale: str

    def __str__(self) -> str:
        return long_date(self.date, self.locale)

    @property
    def iso(self) -> str:
        return self.date.isoformat()


def long_date(date: dt.date, locale: str) -> str:
    """``2024年11月18日`` for zh_Hans_CN, ``November 18, 2024`` for en."""
    return format_date(date, format="long", locale=locale)


@dataclass(frozen=True)
class DateSource:
    date: dt.date
    origin: str  # a sentence for the build log: where the date came from


def last_commit_date(root: Path, paths: list[str]) -> DateSource | None:
    """The date of the last commit touching ``paths``, or None outside git."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs %h", "--", *paths],
            cwd=root, capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    output = result.stdout.strip()
    if result.returncode != 0 or not output:
        return None
    day, commit = output.split(" ", 1)
    return DateSource(dt.date.fromisoformat(day),
                      f"`updated` is not set in data/policy.yml; using {day}, the date of commit {commit}, "
                      f"the last one touching {', '.join(paths)}")
