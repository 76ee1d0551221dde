"""The words the two lists print around the data (titles, intro lines, column headings), per language.

Kept here, beside the lists, until the interface catalogue takes them: the
lists must not fall back silently to another language's words, so a language
with none is a finding (`list.language`), not English.
"""

from __future__ import annotations

from ..findings import Finding

# What a value the company has not confirmed shows, in every list: visibly, never guessed.
WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "collection_title": "已收集个人信息清单",
        "collection_intro": "本清单列出我们在各业务场景中收集的个人信息，以及收集的目的和方式。",
        "third_parties_title": "第三方信息共享清单",
        "third_parties_intro": "本清单列出我们与第三方共享的个人信息，以及接收方、目的、方式和接收方的个人信息保护政策。",
        "recipient": "接收方（或接收方类型）",
        "purpose": "共享目的",
        "information": "共享的个人信息",
        "method": "共享方式",
        "link": "接收方的个人信息保护政策",
        "unconfirmed": "待公司确认",
    },
    "en": {
        "collection_title": "List of Personal Information Collected",
        "collection_intro": "This list sets out the personal information we collect in each part of our service, "
                            "why we collect it and how.",
        "third_parties_title": "List of Personal Information Shared with Third Parties",
        "third_parties_intro": "This list sets out the personal information we share with third parties: who "
                               "receives it, why, how, and where to read the recipient’s own privacy policy.",
        "recipient": "Recipient (or category of recipients)",
        "purpose": "Purpose",
        "information": "Personal information shared",
        "method": "Method of sharing",
        "link": "Recipient’s privacy policy",
        "unconfirmed": "To be confirmed by the company",
    },
}


def words(language: str) -> dict[str, str]:
    """The list words of ``language``; KeyError for a language without them (see ``language_findings``)."""
    return WORDS[language]


def list_title(kind: str, language: str) -> str:
    """The title of a list (`collection-list`, `third-party-list`) in ``language``, for its page, menu and links."""
    return WORDS[language][{"collection-list": "collection_title", "third-party-list": "third_parties_title"}[kind]]


def language_findings(languages: list[str], path: str) -> list[Finding]:
    """A finding per language the site publishes that has no list words, against the file that lists it."""
    return [Finding(path, 1, "list.language",
                    f"the lists have no words (title, column headings, “unconfirmed”) in the language `{code}`",
                    f"add the words of `{code}` to WORDS in policysite/lists/words.py, or publish the lists "
                    "without that language") for code in languages if code not in WORDS]
