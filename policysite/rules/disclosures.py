"""Required disclosures (PIPL Art. 17; GB/T 35273-2020 Annex D), found by section role."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from ..roles import REQUIRED_ROLES, describe
from .consistency import MAX_CALENDAR_DAYS, MAX_WORKING_DAYS, deadlines
from .registry import Context, Document, Hit, rule


def _has_body(document: Document) -> bool:
    return any(line.number != document.text.heading_line and line.text.strip() for line in document.prose())


def _with_role(context: Context, language: str, role: str) -> list[Document]:
    return [d for d in context.in_language(language) if role in d.text.section.roles]


@rule("disclosure.role-missing")
def role_missing(context: Context) -> Iterator[Hit]:
    """A language with no section carrying a required role (identity, collection, storage, sharing, rights, minors, updates, contact).

    Example: no section with `role: minors` in data/policy.yml.

    PIPL Art. 17 lists what every processor must tell people before
    processing; Annex D of GB/T 35273-2020 gives each item its chapter.
    """
    path, line = context.where("policy", "sections")
    for language in context.languages:
        for role in REQUIRED_ROLES:
            documents = _with_role(context, language, role)
            if not any(role in s.roles for s in context.policy.sections):
                yield Hit(path, line, f"{language}: no section carries the role `{role}` ({describe(role, language)})",
                          f"write the section and list it as `- {{id: …, role: {role}}}` under sections")
            elif documents and not any(_has_body(d) for d in documents):
                yield Hit(documents[0].path, max(documents[0].text.heading_line, 1),
                          f"{language}: the section for `{role}` ({describe(role, language)}) has no text",
                          "write the disclosure")


@rule("disclosure.deadline")
def deadline_limit(context: Context) -> Iterator[Hit]:
    """A response deadline longer than 15 working days.

    Example: `response_days: 30` in data/contact.yml.

    Regulators expect requests under PIPL Art. 44–50 (access, correction,
    deletion, account cancellation) to be answered within 15 working days.
    """
    days = context.data("contact", "response_days")
    calendar = context.data("contact", "response_unit") == "calendar"
    allowed = MAX_CALENDAR_DAYS if calendar else MAX_WORKING_DAYS  # 15 working days span at least 21 calendar days
    if isinstance(days, int) and not isinstance(days, bool) and days > allowed:
        path, line = context.where("contact", "response_days")
        unit = "calendar" if calendar else "working"
        yield Hit(path, line, f"`response_days` is {days} {unit} days, longer than {MAX_WORKING_DAYS} working days",
                  f"set it to {allowed} or fewer" + (" (calendar days)" if calendar else ""))
    for document in context.documents:
        for item in deadlines(document):
            limit = MAX_WORKING_DAYS if item.working else MAX_CALENDAR_DAYS
            if item.days > limit:
                unit = "working days" if item.working else "calendar days"
                yield Hit(item.path, item.line, f"the deadline `{item.text}` is {item.days} {unit}, longer than "
                          f"{MAX_WORKING_DAYS} working days", "promise an answer within 15 working days or fewer")


@rule("disclosure.identity")
def identity(context: Context) -> Iterator[Hit]:
    """An introduction that does not name the processor.

    Example: an introduction that begins `我们非常重视您的隐私` and never names the company.

    PIPL Art. 17(1): the processor's name comes first; the introduction names
    it with `{{ company.legal_name }}`.
    """
    legal_name = context.data("company", "legal_name")
    typed = [v for v in (legal_name.values() if isinstance(legal_name, dict) else [legal_name])
             if isinstance(v, str) and len(v.strip()) >= 4]
    for language in context.languages:
        for document in _with_role(context, language, "intro"):
            if any(name in line.text for line in document.prose() for name in typed):
                continue  # named, but typed: consistency.fact-literal asks for the placeholder
            if not any("company.legal_name" in line.placeholders for line in document.lines):
                yield Hit(document.path, 1, "the introduction does not name the company",
                          "write `{{ company.legal_name }}` where the introduction says who “we” are")


@rule("disclosure.contact-channel")
def contact_channel(context: Context) -> Iterator[Hit]:
    """A “how to contact us” section that gives no contact detail from data.

    Example: a `如何联系我们` section that says only `欢迎与我们联系。`

    PIPL Art. 17(1) requires the processor's contact method, in the section
    readers look for it.
    """
    keys = ("contact.email", "contact.phone", "contact.address", "contact.online_service", "company.address")
    for language in context.languages:
        for document in _with_role(context, language, "contact"):
            if not any(name in keys for line in document.lines for name in line.placeholders):
                yield Hit(document.path, max(document.text.heading_line, 1),
                          "the contact section gives no contact detail from data",
                          "write `{{ contact.email }}` (and any other channel data holds) in this section")


_STORAGE = {
    "zh": (re.compile(r"境内|境外|存储于|存储在|存放于|存放在|服务器"), re.compile(r"期限|保存期|保留|留存")),
    "en": (re.compile(r"\bstored?\b|\blocated\b|\bterritory\b|\bservers?\b", re.I), re.compile(r"\bretain|\bretention\b|\bperiod\b", re.I)),
}


@rule("disclosure.storage", Severity.WARNING)
def storage(context: Context) -> Iterator[Hit]:
    """A storage section that does not say where personal information is kept, or for how long.

    Example: a storage section that never says in which country the data is kept.

    PIPL Art. 17(2) and Art. 19: the retention period and, under Art. 40, the
    storage location are part of what the policy must state.
    """
    for language in context.languages:
        patterns = _STORAGE.get(language)
        if patterns is None:
            continue
        for document in _with_role(context, language, "storage"):
            text = " ".join(line.text for line in document.prose())
            for pattern, what in zip(patterns, ("where it is stored", "how long it is kept")):
                if not pattern.search(text):
                    yield Hit(document.path, max(document.text.heading_line, 1),
                              f"the storage section does not say {what}", f"state {what}")
