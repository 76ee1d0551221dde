"""Words of the 404 page, per language (the i18n plugin builds one per language)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "页面不存在",
        "text": "您要找的页面不存在或已移动。",
        "home": "阅读数据保护政策",
    },
    "en": {
        "title": "Page not found",
        "text": "The page you are looking for does not exist or has moved.",
        "home": "Read the Data Protection Policy",
    },
}


def words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["en"])
