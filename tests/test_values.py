"""policysite.values: each kind of data value, accepted and refused (the rules data.host … data.markdown)."""

from __future__ import annotations

import pytest

from policysite.values import (break_problem, control_problem, email_problem, host_problem, language_tag_problem,
                               markdown_problem, web_address_problem)


@pytest.mark.parametrize("value", ["example.cn", "xometry.asia", "www.example.co.uk", "xn--fiqs8s.xn--fiqz9s",
                                   "a-b.example.com"])
def test_host_names_accepted(value: str) -> None:
    assert host_problem(value) is None


@pytest.mark.parametrize("value", ["localhost", "Example.cn", "-a.cn", "a-.cn", "a..cn", "example.c0m", "example.cn/",
                                   "https://example.cn", "user@example.cn", "example.cn:80", " example.cn", "",
                                   "a" * 64 + ".cn", 42, None])
def test_host_names_refused(value: object) -> None:
    assert host_problem(value) is not None


@pytest.mark.parametrize("value", ["info@xometry.asia", "first.last+policy@example.cn", "dpo_1%x@mail.example.cn"])
def test_email_accepted(value: str) -> None:
    assert email_problem(value) is None


@pytest.mark.parametrize("value", ["info@", "@example.cn", "a b@example.cn", "a\"b@example.cn", "a<b>@example.cn",
                                   "a..b@example.cn", ".a@example.cn", "a@example", "a@b@example.cn",
                                   "mailto:a@example.cn", "a@example.cn?subject=x", "x" * 65 + "@example.cn", 7])
def test_email_refused(value: object) -> None:
    assert email_problem(value) is not None


@pytest.mark.parametrize("value, code", [("zh-CN", "zh"), ("en", "en"), ("zh-Hans-CN", "zh"), ("en-GB", "en"),
                                         ("es-419", "es"), ("sr-Latn", "sr"), ("en", None)])
def test_language_tags_accepted(value: str, code: str | None) -> None:
    assert language_tag_problem(value, code) is None


@pytest.mark.parametrize("value, code, says", [
    ("zh_CN", "zh", "BCP 47"), ("ZH-cn", "zh", "BCP 47"), ("english", "en", "BCP 47"), ("en-", "en", "BCP 47"),
    ("qq", "qq", "not a known language"), ("zh-Qqqq", "zh", "script"), ("x-default", None, "BCP 47"),
    ("en\"><script>", "en", "BCP 47"), ("fr", "en", "another language"), (["en"], "en", "as text"),
])
def test_language_tags_refused(value: object, code: str | None, says: str) -> None:
    problem = language_tag_problem(value, code)
    assert problem is not None and says in problem


@pytest.mark.parametrize("value", ["www.xometry.asia", "https://www.example.cn/", "https://example.cn/privacy?x=1#y",
                                   "http://example.cn"])
def test_web_addresses_accepted(value: str) -> None:
    assert web_address_problem(value) is None


@pytest.mark.parametrize("value", ["javascript:alert(1)", "JavaScript://example.cn/%0aalert(1)", "data:text/html,x",
                                   "vbscript:x", "ftp://example.cn/", "//example.cn", "https:\\\\example.cn",
                                   "https://user:pw@example.cn/", "https://example.cn:444/", "https://exa mple.cn/",
                                   "https://example.cn/\"><script>", "https://", "https://127.0.0.1/", "www", 5])
def test_web_addresses_refused(value: object) -> None:
    assert web_address_problem(value) is not None


@pytest.mark.parametrize("value", ["Xometry (Shanghai) Technology Co., Ltd.", "择幂（上海）科技有限公司", "Room 4225, No. 735",
                                   "A & B <Asia> \"Ltd\"", "50% off *this*", "C++ #1 team", "Phone - number",
                                   "Shanghai 200000", "👩‍💻 Team"])
def test_plain_text_accepted(value: str) -> None:
    assert break_problem(value) is None and control_problem(value) is None and markdown_problem(value) is None


@pytest.mark.parametrize("value, says", [
    ("A\nB", "line break"), ("A\rB", "line break"), ("A\u2028B", "line break"), ("A\u0085B", "line break"),
])
def test_line_breaks_refused(value: str, says: str) -> None:
    problem = break_problem(value)
    assert problem is not None and says in problem


def test_line_breaks_allowed_in_table_cells_only() -> None:
    assert break_problem("A\nB", breaks_allowed=True) is None
    assert break_problem("A\rB", breaks_allowed=True) is not None


@pytest.mark.parametrize("value", ["A\x00B", "A\x1bB", "A\x7fB", "A\x9bB", "A\u202eB", "A\u2066B", "A\u200fB", "A\tB"])
def test_control_characters_refused(value: str) -> None:
    assert control_problem(value) is not None


@pytest.mark.parametrize("value", ["A\u200bB", "A\u00adB", "A\ufeffB"])
def test_word_debris_is_left_to_the_gate(value: str) -> None:
    """Zero-width spaces and soft hyphens are debris.invisible's (tests/fixtures/rules/debris.invisible.yml)."""
    assert control_problem(value) is None


@pytest.mark.parametrize("value", ["# A", "## A", "> A", "- A", "* A", "+ A", "1. A", "2) A", "    A", " A", "| A",
                                   "===", "---", "```", "~~~", "[1]: https://example.cn", "[x](https://example.cn)",
                                   "A ![x](y)", "A [x][1]", "A[^1]", "A {: .x}", "A {#id}", "{{ x }}"])
def test_markdown_structure_refused(value: str) -> None:
    assert markdown_problem(value) is not None


def test_table_cells_may_hold_markers_but_not_links() -> None:
    assert markdown_problem("# 1\n- a", in_table=True) is None
    assert markdown_problem("a\n[x](javascript:1)", in_table=True) is not None
