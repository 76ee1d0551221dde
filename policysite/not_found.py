"""Words of the 404 page, per language (the i18n plugin builds one per language)."""

from __future__ import annotations

from pathlib import Path

from .words import words as catalogue_words


def words(language: str, data_dir: Path | None = None) -> dict[str, str]:
    return catalogue_words(language, "not_found", data_dir)
