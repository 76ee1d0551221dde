"""A section's roles from its title (the vocabulary of policysite/roles.py), else from its text."""

from __future__ import annotations

import re

# Roles a title names on its own: when one matches, it is the section's only role.
EXCLUSIVE: list[tuple[str, str]] = [
    ("exceptions", r"例外|exception"),
    ("cross-border", r"出境|跨境|境外|全球范围|cross-border|outside (?:mainland )?china|around the world|globally"),
    ("minors", r"未成年|儿童|minor|child"),
    ("cookies", r"cookie|beacon|同类技术"),
    ("contact", r"联系我们|联系方式|contact"),
    ("updates", r"更新|变更|修订|update|change|amend"),
    # 管理您的个人信息 / managing your information: the GB/T 35273 template's name for the rights section.
    ("rights", r"权利|管理您的个人信息|管理个人信息|rights|manag(?:e|ing) your (?:personal )?(?:information|data)"),
    ("definitions", r"定义|definition"),
    ("automated-decisions", r"自动化决策|automated"),
    ("third-parties", r"第三方\s*SDK|SDK|third[- ]party (?:sdk|service)"),
    ("sensitive", r"敏感|sensitive"),
    ("scope", r"适用范围|scope|applicab"),
]
# Roles a title may combine ("存储和保护" is storage and security).
COMBINED: list[tuple[str, str]] = [
    ("collection", r"收集|处理的个人信息|使用您的个人信息|collect|information we process|we process"),
    ("sharing", r"共享|转让|转移|公开(?!渠道|来源)|委托处理|对外提供|share|sharing|disclos|entrust|provide|transfer"),
    ("storage", r"存储|保存|保留|storage|store|retain|retention"),
    ("security", r"保护|安全|protect|security"),
]


def guess_roles(title: str, body: str = "") -> list[str]:
    lowered = title.casefold()
    for role, pattern in EXCLUSIVE:
        if re.search(pattern, lowered, re.I):
            return [role]
    roles = [role for role, pattern in COMBINED if re.search(pattern, lowered, re.I)]
    if roles:
        return roles
    return ["other"]
