"""What separate children's rules must say (儿童个人信息网络保护规定 Art. 8–10, 19–20; PIPL Art. 31).

Only documents of kind `children-rules` are judged by this family (rules/profiles.py): a
privacy policy's minors section is judged by `disclosure.children`, whose guardian-consent
wording this rule reuses. Words can say these things in many ways, so the rule is a warning
whose fix says what to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from .content import _GUARDIAN, _heading_line, _renders, _text
from .registry import Context, Hit, rule

# What the rules must tell a guardian before asking consent, and how to reach whoever answers for it.
_ITEMS: dict[str, tuple[tuple[str, re.Pattern[str], str], ...]] = {
    "zh": (("guardian consent", _GUARDIAN["zh"], "state that a guardian's consent is obtained before a child's "
            "information is collected, and what is done with information collected without it"),
           ("what is collected from children", re.compile(r"收集[^。；]{0,30}(?:信息|以下|包括)|(?:信息|以下)[^。；]{0,10}收集"),
            "list the information collected from children and what it is used for"),
           ("how a guardian accesses, corrects or deletes it", re.compile(r"更正|删除|查阅|撤回"),
            "say how a guardian can access, correct or delete the child's information, and withdraw consent"),
           ("the contact for children's information", re.compile(r"联系|专人|负责人|邮箱"),
            "give the person or address responsible for children's information (e.g. {{ contact.email }})")),
    "en": (("guardian consent", _GUARDIAN["en"], "state that a parent's or guardian's consent is obtained before a "
            "child's information is collected, and what is done with information collected without it"),
           ("what is collected from children", re.compile(r"\bcollect(?:s|ed|ing)?\b", re.I),
            "list the information collected from children and what it is used for"),
           ("how a guardian accesses, corrects or deletes it", re.compile(r"\b(?:correct|delet|access|withdraw)\w*", re.I),
            "say how a guardian can access, correct or delete the child's information, and withdraw consent"),
           ("the contact for children's information", re.compile(r"\bcontact\b|\bresponsible\b|\bin charge\b", re.I),
            "give the person or address responsible for children's information (e.g. {{ contact.email }})")),
}


@rule("children.disclosure", Severity.WARNING)
def disclosure(context: Context) -> Iterator[Hit]:
    """Children's rules that do not say one of: guardian consent, what is collected, how a guardian corrects or deletes it, whom to contact.

    Example: children's rules with no sentence on a guardian's consent (监护人同意).

    儿童个人信息网络保护规定 Art. 8 asks for separate rules on children's
    information and a person responsible for it; Art. 9–10 require a
    guardian's consent, given after being told what is collected, why and
    how, and Art. 19–20 let a guardian correct or delete it.
    """
    for language in context.languages:
        items = _ITEMS.get(language[:2])
        documents = context.in_language(language)
        # A section file that is missing (section.missing) would make every item it holds look unsaid.
        if items is None or not documents or len(documents) < len(context.policy.sections):
            continue
        text = _text(documents)
        for what, pattern, fix in items:
            if pattern.search(text) or (what.startswith("the contact") and _renders(documents, "contact.email")):
                continue
            yield Hit(documents[0].path, _heading_line(documents[0]),
                      f"{language}: these children's rules do not say {what}",
                      f"{fix}; check the wording if the text already says so in other words")
