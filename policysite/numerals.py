"""Chinese numerals as numbers, so 十五日 and 15 days compare equal.

Policies write the same number either way (十五个工作日, 15个工作日,
第十一条, Section 11); the rules compare values, never spellings.
"""

from __future__ import annotations

import re

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERAL = "[〇零一二两三四五六七八九十百千]+"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

_ENGLISH = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
            "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
            "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90}
ENGLISH_NUMBER = r"(?:twenty|thirty|forty|fifty|sixty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?" \
                 r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen" \
                 r"|one|two|three|four|five|six|seven|eight|nine|ten"


def chinese_to_int(text: str) -> int | None:
    """十五 → 15, 二十四 → 24, 一百零八 → 108, 二〇二四 → 2024; None when not a numeral."""
    if not text or not re.fullmatch(CHINESE_NUMERAL, text):
        return None
    if not any(ch in _UNITS for ch in text):
        # Digit by digit, as in years: 二〇二四.
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                return None  # two digits in a row inside a unit numeral: 十五五
            digit = _DIGITS[ch] if _DIGITS[ch] != 0 else None
        else:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None  # 十百: units must decrease
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


def number_value(text: str) -> int | None:
    """A number written with digits (ASCII or full-width), Chinese numerals or English words."""
    text = text.strip().translate(_FULLWIDTH)
    if text.isdigit():
        return int(text)
    value = chinese_to_int(text)
    if value is not None:
        return value
    words = text.lower().split("-")
    if len(words) == 1 and words[0] in _ENGLISH:
        return _ENGLISH[words[0]]
    if len(words) == 2 and _ENGLISH.get(words[0], 0) >= 20 and _ENGLISH[words[0]] % 10 == 0 \
            and 0 < _ENGLISH.get(words[1], 0) < 10:
        return _ENGLISH[words[0]] + _ENGLISH[words[1]]  # twenty-four
    return None
