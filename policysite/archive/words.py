"""Words the archive adds around the policy, per language (policysite/words/<code>.yml, group `archive`)."""

from __future__ import annotations

from pathlib import Path

from ..words import words as catalogue_words


def words(language: str, data_dir: Path | None = None) -> dict[str, str]:
    return catalogue_words(language, "archive", data_dir)
