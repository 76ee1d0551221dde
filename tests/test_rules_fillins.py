"""placeholder.*: unfilled fill-ins and an operator with no name (policysite/rules/fillins.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policysite.rules.fillins import find_blanks
from rulefixtures import cases, check_case


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("placeholder."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)


@pytest.mark.parametrize("text", ["2024年【】月【】日", "【公司名称】（以下简称“我们”）", "请联系【提示】", "通过“【首页下方】”中的方式",
                                  "使用【某某小程序】及相关服务", "【万物云空间科技服务股份有限公司】", "[2023]年[11]月[01]日",
                                  "负责人：XX", "TODO", "TBD", "日期待定", "签字：____", "（以下简称“”）", "见《》"])
def test_template_blanks_are_found(text: str) -> None:
    assert list(find_blanks(text))


@pytest.mark.parametrize("text", ["见[如何联系我们](#contact)", "XXL", "Windows", "2024年11月18日", "“我们”",
                                  "《个人信息保护法》", "snake_case", "[^1]", "【特别提示】请仔细阅读。", "【重要】本政策",
                                  "请通过【我的→反馈】联系我们", "可通过【设置-注销账号】注销", "在设备的【设置】功能中关闭",
                                  "点击【注销账号】按钮"])
def test_ordinary_text_is_not_a_blank(text: str) -> None:
    assert not list(find_blanks(text))


def test_one_bracket_is_one_finding() -> None:
    assert len(list(find_blanks("【万物云空间科技服务股份有限公司】"))) == 1
