"""Dates: the ones in data must make sense, and every date written in the text must be one of them."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any, NamedTuple
from collections.abc import Iterator

from ..numerals import number_value
from .registry import Context, Hit, rule

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_MONTH = "|".join(m.capitalize() for m in _MONTHS) + "|" + "|".join(m[:3].capitalize() + r"\.?" for m in _MONTHS)
_SLOT = r"[\[【［]?\s*[0-9０-９〇零一二三四五六七八九十XxＸ_＿]{0,4}\s*[\]】］]?"
ZH_DATE = re.compile(rf"(?<![0-9])({_SLOT})\s*年\s*({_SLOT})\s*月\s*({_SLOT})\s*[日号]")
EN_DATES = [
    (re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"), ("m", "d", "y")),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\s+(\d{{4}})\b"), ("d", "m", "y")),
    (re.compile(r"(?<![\d.-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d.-])"), ("y", "m", "d")),
]


class WrittenDate(NamedTuple):
    text: str
    line: int
    date: dt.date | None  # None when a part is missing or the date does not exist


def _part(slot: str) -> int | None:
    return number_value(re.sub(r"[\[\]【】［］\s]", "", slot)) if slot.strip() else None


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i for i, month in enumerate(_MONTHS, start=1) if month.startswith(name[:3]))


def written_dates(text: str, line: int) -> list[WrittenDate]:
    """Every date written in ``text`` (three rules ask for the same lines)."""
    return [WrittenDate(found.text, line, found.date) for found in _dates_in(text)]


@lru_cache(maxsize=4096)
def _dates_in(text: str) -> tuple[WrittenDate, ...]:
    return tuple(_scan(text, 0)) if ("年" in text or any(ch.isdigit() for ch in text)) else ()


def _scan(text: str, line: int) -> Iterator[WrittenDate]:
    for match in ZH_DATE.finditer(text):
        year, month, day = (_part(slot) for slot in match.groups())
        if year is None and not match.group(1).strip():
            continue  # 11月18日 with no year: a day of the year, not a date of this policy
        yield WrittenDate(match.group(0).strip(), line, _make(year, month, day))
    for pattern, order in EN_DATES:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups()))
            month = _month(parts["m"]) if not parts["m"].isdigit() else int(parts["m"])
            yield WrittenDate(match.group(0), line, _make(int(parts["y"]), month, int(parts["d"])))


def _make(year: int | None, month: int | None, day: int | None) -> dt.date | None:
    if year is None or month is None or day is None or year < 1900:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def data_dates(context: Context) -> list[tuple[str, dt.date]]:
    """Every date in data/, with its key (the policy's own dates first)."""
    found: list[tuple[str, dt.date]] = []

    def walk(value: Any, key: str) -> None:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            found.append((key, value))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{key}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{key}.{i}")

    for name, document in context.policy.data.documents.items():
        if name != "waivers":
            walk(document.value, name)
    if context.policy.updated is not None and all(d != context.policy.updated.date for _, d in found):
        found.append(("policy.updated", context.policy.updated.date))
    return found


@rule("date.text-incomplete")
def text_incomplete(context: Context) -> Iterator[Hit]:
    """A date in the text with a part left blank or impossible (`2024年【】月【】日`, `2024年2月30日`).

    Example: `本政策自2024年【】月【】日起生效。`

    A policy must say from when it applies; an unfilled date says nothing.
    """
    for document in context.documents:
        for line in document.prose():
            for written in written_dates(line.text, line.number):
                if written.date is None:
                    yield Hit(document.path, line.number, f"the date `{written.text}` is incomplete or does not exist",
                              "set the date in data/policy.yml and write `{{ policy.updated }}` or `{{ policy.effective }}`")


@rule("date.text-mismatch")
def text_mismatch(context: Context) -> Iterator[Hit]:
    """A date written in the text that is not a date held in data (`effective`, `updated`, …).

    Example: `生效日期：2024年3月1日` when data/policy.yml says `effective: 2024-03-15`.

    A typed date that differs from data contradicts the dates the site shows.
    """
    known = data_dates(context)
    names = ", ".join(sorted({key for key, _ in known})) or "none"
    for document in context.documents:
        for line in document.prose():
            for written in written_dates(line.text, line.number):
                if written.date is not None and all(written.date != date for _, date in known):
                    yield Hit(document.path, line.number,
                              f"the date `{written.text}` ({written.date.isoformat()}) is not a date in data (dates there: {names})",
                              "write the date's placeholder (`{{ policy.updated }}`, `{{ policy.effective }}`), "
                              "or correct the date here or in data/policy.yml")


@rule("date.order")
def order(context: Context) -> Iterator[Hit]:
    """The “last updated” date is before the effective date.

    Example: `effective: 2024-06-01` with `updated: 2024-05-01`.

    A version cannot be updated before it takes effect: one of the two dates is wrong.
    """
    effective, updated = context.policy.effective, context.policy.updated
    if isinstance(effective, dt.date) and updated is not None and updated.date < effective:
        path, line = context.where("policy", "updated") if context.data("policy", "updated") else context.where("policy", "effective")
        yield Hit(path, line, f"`updated` ({updated.date.isoformat()}) is before `effective` ({effective.isoformat()})",
                  "correct one of the two dates in data/policy.yml")


@rule("date.future")
def future(context: Context) -> Iterator[Hit]:
    """A “last updated” date in the future for a version already in force.

    Example: `updated: 2031-01-01` on a version in force today.

    Only a scheduled version (effective after today) may carry future dates;
    the version in force was last updated on a day that has already come.
    """
    updated, effective = context.policy.updated, context.policy.effective
    scheduled = isinstance(effective, dt.date) and effective > context.today
    if updated is not None and updated.date > context.today and not scheduled:
        path, line = context.where("policy", "updated")
        yield Hit(path, line, f"`updated` ({updated.date.isoformat()}) is in the future (today is {context.today.isoformat()})",
                  "write the date the text was last changed; a future version needs a future `effective` date (`make release`)")
