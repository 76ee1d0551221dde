"""Words the build itself writes, per language (the policy's own words live in docs/)."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "appendix": "附件：",
        "updated": "最后更新",
        "effective": "生效日期",
        "contact": "联系我们",
        "version": "版本",
        "skip": "跳到正文",
        "contents": "目录",
        "languages": "语言",
        "table": "表格（可左右滑动）",
    },
    "en": {
        "appendix": "Appendix: ",
        "updated": "Last updated",
        "effective": "Effective",
        "contact": "Contact",
        "version": "Version",
        "skip": "Skip to the text",
        "contents": "Contents",
        "languages": "Languages",
        "table": "Table (scrolls sideways)",
    },
}


def labels(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["en"])


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
