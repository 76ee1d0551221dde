"""Fill-ins a template left behind: brackets, markers and blanks that were never filled."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .markdown import PLACEHOLDER
from .registry import Context, Hit, rule

_BLANKS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"【\s*】|［\s*］|\[\s*\](?![(\[])"), "an empty fill-in `{0}` was never filled"),
    (re.compile(r"【[^【】\n]+】|［[^［］\n]+］"), "`{0}` is still wrapped in template brackets"),
    (re.compile(r"(?<![\]!\\])\[(?!\^|bookmark|comment|Comment)([^\[\]\n]{1,40})\](?![(\[:])"),
     "`{0}` is a bracketed fill-in from the template"),
    (re.compile(r"(?<![A-Za-z0-9])(?:X{2,}|x{2,}|×{2,}|＊{2,})(?![A-Za-z0-9])"), "`{0}` marks a fill-in that was never filled"),
    (re.compile(r"\b(?:TODO|TBD|TBC|FIXME)\b|待定|待补充|待填写|待确认|待更新"), "`{0}` is a drafting note, not policy text"),
    (re.compile(r"_{3,}|＿{2,}"), "`{0}` is a blank line for a fill-in"),
    (re.compile(r"“\s*”|‘\s*’|《\s*》|（\s*）|\(\s*\)"), "`{0}` is empty: something was meant to be written inside"),
]
_OPERATOR = re.compile(r"[“\"「]\s*(我们|[Ww]e|[Uu]s)\s*[”\"」]")
_DEFINING = re.compile(r"以下简称|以下称|下称|简称|统称|以下|hereinafter(?: referred to as)?|referred to as|\bor\b|,|，")


# `【特别提示】`, `【重要】`: a short label in 【】 opening a paragraph is emphasis, not a fill-in.
_LABEL = re.compile(r"^\s*【([\u4e00-\u9fff]{0,6}(?:提示|须知|说明|声明|注意|提醒|重要|导读|概要|摘要|前言|引言|定义|释义|事项|必读))】")


# `【我的→设置】`, `【设置-注销账号】`: a path through the app's menus, written in 【】 as interfaces name them.
_MENU_PATH = re.compile(r"【[^【】\n]{0,20}?[\u4e00-\u9fff]\s*(?:→|->|>|＞|›|-|—|/)\s*[\u4e00-\u9fff][^【】\n]{0,20}】")
# `在设备的【设置】中`, `点击【注销账号】按钮`: one menu or button named where the reader is told to go.
_MENU_ITEM = re.compile(r"(?:在|进入|点击|点选|打开|前往|选择)[^，。；,;【】]{0,6}(【[\u4e00-\u9fff]{1,8}】)"
                        r"(?=\s*(?:中|内|里|页|功能|菜单|栏|选项|入口|按钮|界面|设置))")


def find_blanks(text: str) -> Iterator[str]:
    """The problem sentence for every unfilled fill-in in ``text``."""
    label = _LABEL.match(text)
    seen: list[tuple[int, int]] = [label.span()] if label else []
    seen += [m.span() for m in _MENU_PATH.finditer(text)] + [m.span(1) for m in _MENU_ITEM.finditer(text)]
    for pattern, problem in _BLANKS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(start <= span[0] and span[1] <= end for start, end in seen):
                continue  # `【】` inside `【…】` is one finding, not two
            seen.append(span)
            yield problem.format(match.group(0).replace(PLACEHOLDER, "{{ … }}"))


@rule("placeholder.unfilled")
def unfilled(context: Context) -> Iterator[Hit]:
    """Unfilled template fill-ins: `【】`, text still in `【…】`, `[2023]年[11]月[01]日`, `XX`, `TODO`, `待定`, `____`.

    Example: `【公司名称】` or `本政策于XX年XX月生效`.

    A short label opening a paragraph (`【特别提示】`, `【重要】`) is emphasis, and a
    menu path (`【我的→设置】`, `在【设置】中`) names the interface: both pass.

    Templates mark what a drafter must fill in; a published policy that still
    shows the marks tells readers the text was never finished, and the fact
    behind it (a name, a date, an address) is missing or unchecked.
    """
    fix = "write the fact in data/ and use its placeholder, or write the text without brackets or markers"
    for document in context.documents:
        for line in document.prose():
            for problem in find_blanks(line.text):
                yield Hit(document.path, line.number, problem, fix)
    for value in context.data_values:
        for problem in find_blanks(value.value):
            yield Hit(value.path, value.line, f"`{value.key}`: {problem}", "write the real value")


@rule("placeholder.operator-name")
def operator_name(context: Context) -> Iterator[Hit]:
    """A definition of “we” with no name before it: `（“我们”）` at the start of a sentence.

    Example: `（“我们”）运营本网站。` with no company before the bracket.

    PIPL Art. 17 requires the processor's name; a template that defines
    “we” after an empty slot publishes a policy that never says who “we” is.
    """
    for document in context.documents:
        for block in document.blocks:
            text = block.text
            for match in _OPERATOR.finditer(text):
                before = _DEFINING.sub("", text[:match.start()])
                before = re.sub(r"[\s（）()【】\[\]“”\"'、，,：:；;。.]", "", before)
                if not before:
                    yield Hit(document.path, block.first.number,
                              f"“{match.group(1)}” is defined with no company name before it",
                              "write `{{ company.legal_name }}` before the definition of “we”")
