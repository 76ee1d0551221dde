"""The words the two lists print around the data (titles, intro lines, column headings), per language.

They live in the interface catalogue (policysite/words/<code>.yml, groups `lists` and
`documents`; a project's data/words/<code>.yml adds a language), like every other word
the build writes. A language without them is a finding (`list.language`), never English.
"""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding
from ..words import WordsMissing, has_catalogue
from ..words import words as catalogue_words

_TITLE_KEYS = {"collection-list": "collection_title", "third-party-list": "third_parties_title"}


def words(language: str, data_dir: Path | None = None) -> dict[str, str]:
    """The list words of ``language``, with each list's title; KeyError for a language without them."""
    try:
        said = catalogue_words(language, "lists", data_dir)
        titles = catalogue_words(language, "documents", data_dir)
    except WordsMissing:
        raise KeyError(language) from None
    return {**said, **{key: titles[kind] for kind, key in _TITLE_KEYS.items()}}


def list_title(kind: str, language: str, data_dir: Path | None = None) -> str:
    """The title of a list (`collection-list`, `third-party-list`) in ``language``, for its page, menu and links."""
    return words(language, data_dir)[_TITLE_KEYS[kind]]


def language_findings(languages: list[str], path: str, data_dir: Path | None = None) -> list[Finding]:
    """A finding per language the site publishes that has no list words, against the file that lists it."""
    return [Finding(path, 1, "list.language",
                    f"the lists have no words (title, column headings, “unconfirmed”) in the language `{code}`",
                    f"add the groups `lists` and `documents` of policysite/words/en.yml, translated, to "
                    f"data/words/{code}.yml, or publish the lists without that language")
            for code in languages if not has_catalogue(code, data_dir)]
