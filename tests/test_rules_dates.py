"""date.*: dates in data make sense; dates in the text come from data (policysite/rules/dates.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policysite.rules.dates import written_dates
from rulefixtures import cases, check_case


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("date."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)


@pytest.mark.parametrize(("text", "date"), [
    ("2024年11月18日", dt.date(2024, 11, 18)), ("二〇二四年十一月十八日", dt.date(2024, 11, 18)),
    ("[2023]年[11]月[01]日", dt.date(2023, 11, 1)), ("November 18, 2024", dt.date(2024, 11, 18)),
    ("18 Nov 2024", dt.date(2024, 11, 18)), ("2024-11-18", dt.date(2024, 11, 18)),
    ("2024年【】月【】日", None), ("2024年2月30日", None)])
def test_written_dates(text: str, date: dt.date | None) -> None:
    assert [w.date for w in written_dates(text, 1)] == [date]


def test_a_day_of_the_year_is_not_a_date_of_the_policy() -> None:
    assert list(written_dates("每年3月1日", 1)) == []


def test_an_english_update_date_with_a_month_only_is_reported(tmp_path: Path) -> None:
    """The English text is read too: `Last updated: November 2024` has no day; a full date passes."""
    from rulefixtures import judged, materialise
    line = "We will post changes to this policy on this page."
    month = materialise(tmp_path / "month", {"edits": [
        {"file": "docs/en/sections/updates.md", "old": line, "new": f"{line} Last updated: November 2024."}]})
    assert [(f.path, f.line) for f in judged(month) if f.rule == "date.month-only"] == [("docs/en/sections/updates.md", 3)]
    day = materialise(tmp_path / "day", {"edits": [
        {"file": "docs/en/sections/updates.md", "old": line, "new": f"{line} Last updated: {{{{ policy.updated }}}}."}]})
    assert [f for f in judged(day) if f.rule == "date.month-only"] == []
