"""The policy's own dates, where the text labels one: a day, not only a month."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from .dates import _MONTH
from .registry import Context, Hit, rule

_ZH_LABEL = r"(?:更新|修订|修改|生效|发布|版本)(?:日期|时间|日)?"
_ZH_MONTH_ONLY = re.compile(rf"{_ZH_LABEL}\s*[：:为是于]?\s*((?:\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*\d{{1,2}}\s*月)(?!\s*\d{{1,2}}\s*[日号])|"
                            rf"(?:于|自)\s*((?:\d{{4}})\s*年\s*\d{{1,2}}\s*月)(?!\s*\d{{1,2}}\s*[日号])\s*(?:起)?\s*(?:更新|修订|生效|发布)")
_EN_MONTH_ONLY = re.compile(rf"\b(?:last )?(?:updated|revised|effective)(?: date| on| from| as of)?\s*[:：]?\s*(({_MONTH})\s+\d{{4}})\b(?!\s*\d)",
                            re.I)


@rule("date.month-only", Severity.WARNING)
def month_only(context: Context) -> Iterator[Hit]:
    """The policy's update or effective date given as a month without a day (`更新于2023年6月`).

    Example: `更新日期：2024年5月`.

    GB/T 35273-2020 §5.5 and GB/T 42574-2023 ask for the update and effective
    dates of the policy; a month does not say from which day the text applies,
    nor which version a reader accepted. Set the dates in data/policy.yml and
    write `{{ policy.updated }}` / `{{ policy.effective }}`.
    """
    for document in context.documents:
        pattern = _EN_MONTH_ONLY if document.language.startswith("en") else _ZH_MONTH_ONLY
        for line in document.prose():
            match = pattern.search(line.text)
            if match:
                written = next(group for group in match.groups() if group)
                yield Hit(document.path, line.number, f"the policy's date `{written}` gives a month but no day",
                          "set the full date in data/policy.yml and write `{{ policy.updated }}` or "
                          "`{{ policy.effective }}`")
