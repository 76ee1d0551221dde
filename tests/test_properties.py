"""Property-based: whatever an editor types, the gate answers with findings, never with a traceback."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from policysite.findings import PolicyError
from policysite.judge import judge
from rulefixtures import BASE, TODAY

# Pieces that matter to Markdown, to placeholders and to the rules, mixed with arbitrary text.
TOKENS = ["{{", "}}", "{{ contact.email }}", "{{ contact.email + 1 }}", "{{ contact.email() }}", "{{ company.legal_name }}", "{{ contents }}", "{% if x %}", "{%", "{#",
          "【", "】", "【】", "[", "]", "](", "(#contact)", "(#nope)", "[bookmark: OLE_LINK2]", "Comment by C&F:",
          "# ", "## ", "\n", "\n\n", "- ", "-", "1. ", "    ", "| a | b |", "|---|", "\t", "\u200b", "\x07", "\ufeff",
          "：", ":", "，", "。", "第十一条", "第", "十五日", "15个工作日", "7 working days", "《", "》", "《小程序》",
          "附件“", "”", "“我们”", "（", "）", "@", "info@xomery.asia", "www.", "https://", ".asia", "2024年", "【】月",
          "月", "日", "November 18, 2024", "2024-02-30", "<!--", "-->", "```", "~~~", "XX", "TODO", "____", "的的",
          "021-12345678", "上海市黄浦区示例路1号", "Room 1, Example Road", "电话", "在线客服", "\\", "{", "}"]
markdown = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)), max_size=40).map("".join)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 50), st.text(max_size=20),
                    st.dates(dt.date(1890, 1, 1), dt.date(2100, 1, 1)), st.sampled_from(TOKENS))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(st.sampled_from(
                                                             ["zh", "en", "email", "phone", "address", "legal_name",
                                                              "response_days", "online_service", "domains", "rule",
                                                              "path", "line", "match", "reason", "owner", "waivers",
                                                              "id", "role", "x"]), inner, max_size=5)),
                      max_leaves=12)

# PROPERTY_EXAMPLES=1000 for a longer search than the suite's.
PROPERTY = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _judge(root: Path) -> None:
    try:
        judge(root, today=TODAY, commit_date=lambda *_: None)
    except PolicyError as error:
        assert error.findings, "a PolicyError always names at least one finding"
        for finding in error.findings:
            assert finding.format().count(": ") >= 2


def _project() -> tuple[Path, Path]:
    folder = Path(tempfile.mkdtemp(prefix="policysite-property-"))
    root = folder / "p"
    shutil.copytree(BASE, root, ignore=shutil.ignore_patterns("README.md"))
    return folder, root


@PROPERTY
@given(text=markdown, section=st.sampled_from(["intro", "collection", "rights", "contact", "appendix"]),
       language=st.sampled_from(["zh", "en"]))
def test_any_section_text_gives_findings_not_a_traceback(text: str, section: str, language: str) -> None:
    folder, root = _project()
    try:
        (root / "docs" / language / "sections" / f"{section}.md").write_text(text, encoding="utf-8")
        _judge(root)
    finally:
        shutil.rmtree(folder)


@PROPERTY
@given(data=values, name=st.sampled_from(["company", "contact", "policy", "inventory", "waivers"]))
def test_any_yaml_data_gives_findings_not_a_traceback(data: object, name: str) -> None:
    folder, root = _project()
    try:
        (root / "data" / f"{name}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        _judge(root)
    finally:
        shutil.rmtree(folder)


@PROPERTY
@given(value=values, key=st.sampled_from(["email", "response_days", "phone", "address", "online_service"]))
def test_any_value_of_a_known_key_gives_findings_not_a_traceback(value: object, key: str) -> None:
    folder, root = _project()
    try:
        contact = yaml.safe_load((root / "data" / "contact.yml").read_text(encoding="utf-8"))
        contact[key] = value
        (root / "data" / "contact.yml").write_text(yaml.safe_dump(contact, allow_unicode=True), encoding="utf-8")
        _judge(root)
    finally:
        shutil.rmtree(folder)


# Values that mean something to policy.yml, beside arbitrary ones: locales Babel knows and does not, language
# codes with and without a docs/ folder, roles and section ids real and misspelt.
POLICY_WORDS = ["zh", "en", "fr", "", "zh_Hans_CN", "zh_CN", "en_US", "english", "xx_YY", "zh-CN", "en-GB", "C",
                "intro", "collection", "storage", "sharing", "rights", "minors", "updates", "contact", "appendix",
                "minor", "nope", "Privacy Policy", "隐私政策", "1", "2.0"]
policy_values = st.one_of(values, st.sampled_from(POLICY_WORDS),
                          st.lists(st.sampled_from(POLICY_WORDS), max_size=3),
                          st.dictionaries(st.sampled_from(["zh", "en", "fr", "code", "name", "locale", "hreflang",
                                                           "id", "role"]), st.sampled_from(POLICY_WORDS), max_size=4))
LANGUAGE_KEYS = ["code", "name", "locale", "hreflang"]


def _policy_value_paths(policy: dict) -> list[tuple]:
    """Every key path of the base policy.yml down to single values, and the containers above them."""
    paths: list[tuple] = [(key,) for key in policy]
    paths += [("title", code) for code in policy["title"]]
    paths += [("languages", index) for index in range(len(policy["languages"]))]
    paths += [("languages", index, key) for index in range(len(policy["languages"])) for key in LANGUAGE_KEYS]
    paths += [("sections", index) for index in range(len(policy["sections"]))]
    paths += [("sections", index, key) for index in range(len(policy["sections"])) for key in ("id", "role")]
    return paths


BASE_POLICY = yaml.safe_load((BASE / "data" / "policy.yml").read_text(encoding="utf-8"))


@PROPERTY
@given(path=st.sampled_from(_policy_value_paths(BASE_POLICY)), value=policy_values, delete=st.booleans())
def test_any_value_in_policy_yml_gives_findings_not_a_traceback(path: tuple, value: object, delete: bool) -> None:
    """sections, languages, locale, default_language, title…: one value changed (or removed) at a time."""
    folder, root = _project()
    try:
        policy = yaml.safe_load((root / "data" / "policy.yml").read_text(encoding="utf-8"))
        parent = policy
        for key in path[:-1]:
            parent = parent[key]
        if delete and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = value
        (root / "data" / "policy.yml").write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
        _judge(root)
    finally:
        shutil.rmtree(folder)


@PROPERTY
@given(text=st.text(max_size=200))
def test_any_yaml_text_gives_findings_not_a_traceback(text: str) -> None:
    folder, root = _project()
    try:
        (root / "data" / "policy.yml").write_text(text, encoding="utf-8")
        _judge(root)
    finally:
        shutil.rmtree(folder)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=markdown)
def test_the_command_line_answers_cleanly(text: str) -> None:
    folder, root = _project()
    try:
        (root / "docs" / "zh" / "sections" / "rights.md").write_text(text, encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "policysite", "--root", str(root), "check"],
                                capture_output=True, text=True, env={"POLICYSITE_TODAY": TODAY.isoformat(),
                                                                     "PATH": "/usr/bin:/bin"})
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stdout + result.stderr
    finally:
        shutil.rmtree(folder)


def _judge_project(edit_policy: dict | None = None, section: tuple[str, str] | None = None) -> None:
    folder, root = _project()
    try:
        if edit_policy is not None:
            policy = yaml.safe_load((root / "data" / "policy.yml").read_text(encoding="utf-8"))
            policy.update(edit_policy)
            (root / "data" / "policy.yml").write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
        if section is not None:
            path = root / "docs" / "zh" / "sections" / "contact.md"
            path.write_text(path.read_text(encoding="utf-8").replace(*section), encoding="utf-8")
        _judge(root)
    finally:
        shutil.rmtree(folder)


# Crashes these properties once found, kept as regression tests.
@pytest.mark.parametrize("languages", [True, 5])
def test_languages_given_as_a_scalar_is_a_finding(languages: object) -> None:
    _judge_project({"languages": languages})


@pytest.mark.parametrize("placeholder", ["{{ contact.email + 1 }}", "{{ contact.email() }}"])
def test_a_placeholder_that_fails_in_python_is_a_finding(placeholder: str) -> None:
    _judge_project(section=("{{ contact.email }}", placeholder))
