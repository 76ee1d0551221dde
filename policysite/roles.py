"""What a section discloses: the `role:` of each section in data/policy.yml.

The vocabulary follows the chapters of the model policy in GB/T 35273-2020
Annex D and the items PIPL Art. 17 requires a processor to tell people.
The disclosure rules look sections up by role, never by id or title, so a
policy may name and order its sections as it likes.
"""

from __future__ import annotations

# role → what a section with that role discloses (used in findings).
ROLES: dict[str, dict[str, str]] = {
    "intro": {"zh": "处理者身份与联系方式（引言）", "en": "who the processor is (introduction)"},
    "definitions": {"zh": "定义", "en": "definitions"},
    "scope": {"zh": "适用范围", "en": "scope"},
    "collection": {"zh": "收集和使用个人信息的目的、方式和种类", "en": "what is collected and why (purposes, methods, categories)"},
    "sensitive": {"zh": "敏感个人信息", "en": "sensitive personal information"},
    "exceptions": {"zh": "征得授权同意的例外", "en": "exceptions to consent"},
    "cookies": {"zh": "Cookie和同类技术", "en": "cookies and similar technologies"},
    "third-parties": {"zh": "第三方SDK和服务", "en": "third-party SDKs and services"},
    "sharing": {"zh": "委托处理、共享、转让、公开披露", "en": "entrustment, sharing, transfer and public disclosure"},
    "storage": {"zh": "存储地点和保存期限", "en": "where personal information is stored and for how long"},
    "security": {"zh": "个人信息安全保护", "en": "how personal information is protected"},
    "cross-border": {"zh": "个人信息出境", "en": "transfers outside mainland China"},
    "automated-decisions": {"zh": "自动化决策", "en": "automated decision-making"},
    "rights": {"zh": "个人的权利及行使方式", "en": "users' rights and how to exercise them"},
    "minors": {"zh": "未成年人个人信息", "en": "minors' personal information"},
    "updates": {"zh": "本政策如何更新", "en": "how the policy is updated"},
    "contact": {"zh": "如何联系我们", "en": "how to contact us"},
    "appendix": {"zh": "附件", "en": "appendix"},
    "other": {"zh": "其他", "en": "other"},
}

# PIPL Art. 17 and GB/T 35273-2020 Annex D: every language must carry these.
REQUIRED_ROLES: tuple[str, ...] = ("intro", "collection", "storage", "sharing", "rights", "minors",
                                   "updates", "contact")


def describe(role: str, language: str = "en") -> str:
    names = ROLES.get(role)
    if names is None:
        return role
    return names.get(language, names["en"])
