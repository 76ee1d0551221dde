"""`python -m policysite new --lang zh --lang en`: an empty policy whose every required section says
what it must disclose, so that the gate fails until each one is written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..roles import REQUIRED_ROLES, ROLES
from .command import _write, existing_policy
from .errors import ImportRefused
from .plan import DEFAULT_TITLES, Plan, SectionPlan, language_entry, _yaml

TITLES = {
    "zh": {"collection": "我们如何收集和使用您的个人信息", "storage": "我们如何存储您的个人信息",
           "sharing": "我们如何委托处理、共享、转让、公开披露您的个人信息", "rights": "您的权利",
           "minors": "我们如何处理未成年人的个人信息", "updates": "本政策如何更新", "contact": "如何联系我们"},
    "en": {"collection": "The Personal Information We Collect and Why", "storage": "How We Store Your Personal Information",
           "sharing": "How We Entrust, Share, Transfer and Disclose Your Personal Information",
           "rights": "Your Rights", "minors": "Personal Information of Minors", "updates": "Updates to This Policy",
           "contact": "How to Contact Us"},
}


def _todo(role: str, language: str) -> str:
    what = ROLES[role].get(language, ROLES[role]["en"])
    if language == "zh":
        return f"待填写：本节须说明{what}。"
    return f"TODO: this section must disclose {what}."


def new_policy(root: Path, languages: list[str], *, replace: bool = False) -> Plan:
    if not languages:
        raise ImportRefused("name the languages, e.g. `python -m policysite new --lang zh --lang en`")
    held = existing_policy(root)
    if held and not replace:
        raise ImportRefused(f"{root} already holds a policy ({', '.join(held)}) — nothing was written; "
                            "run again with --replace to start over (that also clears archive/)")
    default = languages[0]
    files: dict[str, str] = {}
    sections = [SectionPlan(id=role, roles=[role]) for role in REQUIRED_ROLES]
    for language in languages:
        title = DEFAULT_TITLES.get(language, "Privacy Policy")
        files[f"docs/{language}/index.md"] = (f"---\ntitle: {title}\n---\n<!-- This page is assembled by the build from "
                                              "sections/ in the order of data/policy.yml; editors edit sections/*.md, "
                                              "not this file. -->\n")
        for role in REQUIRED_ROLES:
            heading = "" if role == "intro" else f"# {TITLES.get(language, TITLES['en'])[role]}\n\n"
            files[f"docs/{language}/sections/{role}.md"] = heading + _todo(role, language) + "\n"
    files["data/company.yml"] = _yaml("# Facts about the company that publishes the policy, e.g.\n"
                                      "# legal_name: {zh: …, en: …}, address: {zh: …, en: …}, website: www.example.com,\n"
                                      "# domains: [example.com]\n", {}, ("legal_name", "address", "domains"))
    files["data/contact.yml"] = _yaml("# How readers reach the company, e.g. email: privacy@example.com, response_days: 15\n",
                                      {}, ("email", "response_days"))
    policy = {"id": "privacy-policy", "title": DEFAULT_TITLES.get(default, "Privacy Policy") if len(languages) == 1
              else {l: DEFAULT_TITLES.get(l, "Privacy Policy") for l in languages},
              "version": 1, "default_language": default,
              "languages": [language_entry(code) for code in languages],
              "sections": [{"id": role, "role": role} for role in REQUIRED_ROLES]}
    files["data/policy.yml"] = _yaml("# The policy: identity, languages, dates and the order of its sections.\n"
                                     "# Add `effective: YYYY-MM-DD` when the text is ready.\n", policy)
    files["REVIEW-NOTES.md"] = "# Review notes (not published)\n\nFor counsel and the compliance owner.\n"
    plan = Plan(files=files, languages=languages, default=default, sections=sections, notes={}, changes=0,
                titles={l: DEFAULT_TITLES.get(l, "Privacy Policy") for l in languages})
    _write(root, plan, replace)
    return plan


def main(args: argparse.Namespace) -> int:
    from ..findings import PolicyError
    from ..judge import judge
    root = Path(args.into or args.root)
    try:
        plan = new_policy(root, args.lang or [], replace=args.replace)
    except ImportRefused as refusal:
        print(f"New policy refused: {refusal}", file=sys.stderr)
        return 1
    print(f"Started an empty policy in {', '.join(plan.languages)} in {root}: every required section says what "
          "it must disclose. Write them, fill data/, then `make check`.")
    try:
        judge(root)
        count = 0
    except PolicyError as error:
        count = len(error.findings)
    print(f"{count} findings to resolve (`make check` lists them).")
    return 0
