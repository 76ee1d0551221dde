"""Section numbering, and the labels every page shares (their words live in policysite/words/)."""

from __future__ import annotations

from pathlib import Path

from .words import words

_DIGITS = "零一二三四五六七八九"


def labels(language: str, data_dir: Path | None = None) -> dict[str, str]:
    """The labels every page shares, from the language's catalogue (policysite/words/)."""
    return words(language, "labels", data_dir)


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 24 → 二十四 (section numbers stay below 100)."""
    if not 0 < number < 100:
        raise ValueError(f"section number {number} out of range")
    tens, ones = divmod(number, 10)
    text = ("" if tens == 0 else ("" if tens == 1 else _DIGITS[tens]) + "十")
    return text + (_DIGITS[ones] if ones else "")


def section_number(number: int, language: str) -> str:
    """The prefix of a numbered section heading: ``一、`` or ``1. ``."""
    if language == "zh":
        return f"{chinese_numeral(number)}、"
    return f"{number}. "
