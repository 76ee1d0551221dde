"""The facts every page's footer shows: who publishes, which version, when, how to reach them.

One place for the full page, the web-view page and archived versions, so the
three footers cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .dates import long_date
from .labels import labels
from .model import Policy


def footer_facts(policy: Policy, language: str, *, version: int | None = None,
                 effective: dt.date | None = None, updated: dt.date | None = None,
                 versioned: bool = True) -> dict[str, Any]:
    """The current version's facts; an archived version passes its own number and dates.

    ``versioned=False`` for a document that has no versions of its own yet (the lists, until each
    document has its own archive): its footer shows no version and date line, since the policy's
    would be read as the list's.
    """
    context = policy.contexts[language]
    locale = policy.language(language).locale
    effective = effective or context["policy"]["effective"].date
    updated = updated or context["policy"]["updated"].date
    return {
        "language": language,
        "hreflang": policy.language(language).hreflang,  # every page's `lang`: zh-CN, not zh
        "title": context["policy"]["title"],
        "legal_name": str(context["company"]["legal_name"]),
        "email": str(context["contact"]["email"]),
        "version": version if version is not None else policy.version,
        "updated": long_date(updated, locale),
        "updated_iso": updated.isoformat(),
        "effective": long_date(effective, locale),
        "effective_iso": effective.isoformat(),
        "labels": labels(language, policy.data_dir),
        "versioned": versioned,
    }
