"""Which day it is for the archive: decides which version is in force.

Injectable so that tests and previews can build the site as of any date:
POLICYSITE_TODAY=YYYY-MM-DD overrides the clock for hooks and the command line.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TODAY_VARIABLE = "POLICYSITE_TODAY"


class ClockError(ValueError):
    """The injected date or the configured time zone cannot be used."""


def today(timezone: str | None = None) -> dt.date:
    """The injected date if any, else today's date in ``timezone`` (the machine's when None)."""
    injected = os.environ.get(TODAY_VARIABLE, "").strip()
    if injected:
        try:
            return dt.date.fromisoformat(injected)
        except ValueError:
            raise ClockError(f"{TODAY_VARIABLE}={injected!r} is not a date written YYYY-MM-DD") from None
    if timezone:
        try:
            return dt.datetime.now(ZoneInfo(timezone)).date()
        except (ZoneInfoNotFoundError, ValueError):
            raise ClockError(f"the time zone {timezone!r} is unknown") from None
    return dt.date.today()
