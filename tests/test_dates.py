"""policysite.dates: Babel long dates and the git fallback for an unset update date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import git
from policysite.dates import LocalDate, last_commit_date, long_date

DAY = dt.date(2024, 11, 18)


def test_long_dates_per_language() -> None:
    assert long_date(DAY, "zh_Hans_CN") == "2024年11月18日"
    assert long_date(DAY, "en") == "November 18, 2024"
    assert str(LocalDate(DAY, "en")) == "November 18, 2024"
    assert LocalDate(DAY, "zh_Hans_CN").iso == "2024-11-18"


def test_last_commit_date_reads_the_commit_touching_the_paths(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("a", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "policy", date="2025-03-01T10:00:00+00:00")
    (tmp_path / "other.txt").write_text("b", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "unrelated", date="2025-06-30T10:00:00+00:00")
    found = last_commit_date(tmp_path, ["docs", "data"])
    assert found is not None and found.date == dt.date(2025, 3, 1)
    assert "2025-03-01" in found.origin and "docs, data" in found.origin


def test_no_git_history_gives_none(tmp_path: Path) -> None:
    assert last_commit_date(tmp_path, ["docs"]) is None
