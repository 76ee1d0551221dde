"""Values that may be given once or per language (``{zh: …, en: …}``)."""

from __future__ import annotations

from typing import Any


def is_localized(value: Any, languages: list[str]) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= set(languages)


def resolve(value: Any, language: str, languages: list[str]) -> Any:
    """Pick the language's variant everywhere inside ``value``."""
    if is_localized(value, languages):
        return resolve(value[language], language, languages)
    if isinstance(value, dict):
        return {key: resolve(item, language, languages) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item, language, languages) for item in value]
    return value
