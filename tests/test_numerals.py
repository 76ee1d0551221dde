"""Chinese numerals as numbers (policysite/numerals.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from policysite.labels import chinese_numeral
from policysite.numerals import chinese_to_int, number_value


@pytest.mark.parametrize(("text", "value"), [("十五", 15), ("二十四", 24), ("十", 10), ("十一", 11), ("一百零八", 108),
                                             ("两", 2), ("二〇二四", 2024), ("１５", 15), ("15", 15),
                                             ("fifteen", 15), ("twenty-four", 24)])
def test_values(text: str, value: int) -> None:
    assert number_value(text) == value


@pytest.mark.parametrize("text", ["", "十五五", "十百", "abc", "第十", "fifteen-twenty"])
def test_not_numerals(text: str) -> None:
    assert number_value(text) is None


@given(st.integers(min_value=1, max_value=99))
def test_reads_back_what_the_build_writes(number: int) -> None:
    assert chinese_to_int(chinese_numeral(number)) == number
