"""Where the policy points to the site's other documents, and the site's own pointer where it does not yet.

MIIT's app rules ask for the two lists to be reachable from the policy, at the place
that discloses what they list: the third-party list from the sharing section, the
collection list from the collection section, children's rules from the minors section.
When the policy's text already names the document (policysite.rules.references finds
the reference, and the plan makes it a link) nothing is added. When it does not, the
text cannot simply be edited: it is the approved, released text. The current page and
the web-view then show a pointer of the site's own — a note in the interface's words,
set apart like the change notices, never part of the frozen text — at the end of that
section, and the rule `document.unreferenced` reports it on every build (a notice, never
blocking) until counsel names the document in the text at the next release.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup

from .model import Policy
from .words import words as catalogue_words

# kind → the section role from which the policy must point to a document of that kind.
POINTED_FROM: Mapping[str, str] = {"third-party-list": "sharing", "collection-list": "collection",
                                   "children-rules": "minors"}
_MD_LINK = re.compile(r"\[([^\]]+)\]\(\{(\w+)\}\)")


def missing(policy: Policy, documents: Iterable[Any], language: str) -> list[tuple[Any, str]]:
    """(document, section id) for each published document the policy's text in ``language`` never names,
    with the section at whose end the site points to it (none: the policy has no section of that role)."""
    from .rules.references import find_references, held_kinds  # the rules package imports much; load it on use

    texts = [text for (code, _), text in policy.texts.items() if code == language]
    named = held_kinds([text.source for text in texts])
    for text in texts:
        for line in text.source.splitlines():
            if not line.lstrip().startswith("#"):
                named |= {reference.kind for reference in find_references(line, language)}
    found: list[tuple[Any, str]] = []
    for document in documents:
        role = POINTED_FROM.get(document.kind)
        if role is None or document.kind in named:
            continue
        section = next((s for s in policy.sections if role in s.roles and (language, s.id) in policy.texts), None)
        if section is not None:
            found.append((document, section.id))
    return found


def pointer_html(language: str, title: str, link: str, data_dir: Any = None) -> str:
    """The note itself: one paragraph, the title escaped, the link the plan computed (relative)."""
    template = catalogue_words(language, "pointers", data_dir)["see_also"]
    sentence = Markup(_MD_LINK.sub(r'<a href="{\2}">\1</a>', template)).format(title=title, url=link)
    return f'<div class="policy-banner policy-banner--pointer" role="note">\n<p>{sentence}</p>\n</div>'


def with_pointers(markdown: str, policy: Policy, pointers: list[tuple[str, str]], language: str) -> str:
    """``markdown`` (the policy's assembled page) with each (section id, note HTML) put at the end of that section."""
    order = [section.id for section in policy.sections if (language, section.id) in policy.texts]
    lines = markdown.split("\n")
    for section_id, note in pointers:
        following = order[order.index(section_id) + 1:] if section_id in order else []
        at = len(lines)
        for next_id in following:
            anchor = f"{{#{next_id}}}"
            index = next((i for i, line in enumerate(lines) if line.startswith("## ") and line.rstrip().endswith(anchor)),
                         None)
            if index is not None:
                at = index
                break
        lines[at:at] = ["", note, ""]
    return "\n".join(lines)
