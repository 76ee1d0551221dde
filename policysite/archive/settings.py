"""data/archive.yml: how the site presents versions, and what the next release says.

    notice_days: 30            # the change summary stays on the current policy this long
    timezone: Asia/Shanghai    # the day a version takes effect is a day in this zone
    next_release:              # read by `make release` when no EFFECTIVE/SUMMARY is given
      effective: 2025-03-01
      material: yes            # users must consent again (no: a correction or clarification)
      summary:
        zh: …
        en: …
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..data import DataSet
from ..findings import Finding

DATA_NAME = "archive"
KEYS = ("notice_days", "timezone", "next_release")
DEFAULT_NOTICE_DAYS = 30


@dataclass
class ArchiveSettings:
    notice_days: int = DEFAULT_NOTICE_DAYS
    timezone: str | None = None
    next_effective: dt.date | None = None
    next_summary: dict[str, str] = field(default_factory=dict)
    next_material: bool | None = None


def read_settings(data: DataSet) -> tuple[ArchiveSettings, list[Finding]]:
    value = data.get(DATA_NAME)
    settings = ArchiveSettings()
    if value is None:
        return settings, []
    findings: list[Finding] = []

    def report(key: tuple[Any, ...], problem: str, fix: str) -> None:
        path, line = data.where(DATA_NAME, *key)
        findings.append(Finding(path, line, "archive.settings", problem, fix))

    if not isinstance(value, dict):
        report((), "the archive settings must be a mapping", "write `notice_days: 30` on its own line")
        return settings, findings
    for key in value:
        if key not in KEYS:
            report((key,), f"`{key}` is not a known archive setting", f"use one of: {', '.join(KEYS)}")
    days = value.get("notice_days", DEFAULT_NOTICE_DAYS)
    if isinstance(days, int) and not isinstance(days, bool) and days >= 0:
        settings.notice_days = days
    else:
        report(("notice_days",), "`notice_days` must be a whole number of days (0 or more)",
               "write e.g. `notice_days: 30`")
    zone = value.get("timezone")
    if zone is not None:
        if isinstance(zone, str) and zone.strip():
            settings.timezone = zone.strip()
        else:
            report(("timezone",), "`timezone` must name a time zone", "write e.g. `timezone: Asia/Shanghai`")
    upcoming = value.get("next_release")
    if upcoming is not None:
        if not isinstance(upcoming, dict):
            report(("next_release",), "`next_release` must hold `effective:` and `summary:`",
                   "write `effective: YYYY-MM-DD` and `summary:` with one line per language under it")
        else:
            effective = upcoming.get("effective")
            if effective is not None and not (isinstance(effective, dt.date) and not isinstance(effective, dt.datetime)):
                report(("next_release", "effective"), "`next_release.effective` must be a date written YYYY-MM-DD",
                       "write e.g. `effective: 2025-03-01` (no quotes)")
            else:
                settings.next_effective = effective
            material = upcoming.get("material")
            if material is not None and not isinstance(material, bool):
                report(("next_release", "material"), "`next_release.material` must be yes or no",
                       "write `material: yes` when users must consent again, `material: no` otherwise")
            else:
                settings.next_material = material
            summary = upcoming.get("summary")
            if summary is not None:
                if isinstance(summary, dict):
                    settings.next_summary = {str(k): str(v).strip() for k, v in summary.items() if v is not None}
                else:
                    report(("next_release", "summary"), "`next_release.summary` must give the summary per language",
                           "write `zh: …` and `en: …` under it")
    return settings, findings
