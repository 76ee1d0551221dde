"""References to something “above” that the text never named."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from .registry import Context, Hit, rule

# `上述境外接收方`, `前述海外合作方`: the noun is what must have been named before.
_ZH_ABOVE = re.compile(r"(?:上述|前述|以上)(?:的)?(?:境外|海外)(机构|接收方|接收者|组织|公司|主体|合作方|合作伙伴|第三方)")
_EN_ABOVE = re.compile(r"\bthe (?:above|above-mentioned|aforementioned|aforesaid|said) (?:foreign|overseas) "
                       r"(institution|recipient|entit|organi[sz]ation|compan|partner|third part)\w*", re.I)
# A named organisation before the reference also counts as its antecedent.
_NAMED = re.compile(r"有限公司|股份公司|集团|\b(?:Inc|Ltd|LLC|GmbH|Limited|Corporation|Corp)\b|名称[为是：:]|\bnamed\b", re.I)


@rule("disclosure.unnamed-recipient", Severity.WARNING)
def unnamed_recipient(context: Context) -> Iterator[Hit]:
    """“The above overseas institutions” (`上述境外接收方`) when nothing of the kind is named above it in the section.

    Example: `课程数据将交给上述境外接收方处理。` in a section that names no overseas recipient.

    PIPL Art. 39: the overseas recipient is named, with its contact. A
    reference back to recipients the section never named looks like a
    disclosure but tells the reader nothing; usually the list was cut.
    """
    for document in context.documents:
        english = document.language.startswith("en")
        pattern = _EN_ABOVE if english else _ZH_ABOVE
        before = ""
        for line in document.prose():
            for match in pattern.finditer(line.text):
                earlier = before + line.text[:match.start()]
                noun = match.group(1)
                named = re.search(re.escape(noun), earlier, re.I) or _NAMED.search(earlier)
                if not named:
                    yield Hit(document.path, line.number,
                              f"`{match.group(0)}` refers back to recipients this section never named",
                              "name the overseas recipients (name, contact) before this sentence, or list them where "
                              "the text points; check the section does not name them in other words")
            before += line.text + "\n"
