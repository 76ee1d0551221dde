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
from hypothesis import HealthCheck, given, settings, strategies as st

from policysite.findings import PolicyError
from policysite.judge import judge
from rulefixtures import BASE, TODAY

# Pieces that matter to Markdown, to placeholders and to the rules, mixed with arbitrary text.
TOKENS = ["{{", "}}", "{{ contact.email }}", "{{ company.legal_name }}", "{{ contents }}", "{% if x %}", "{%", "{#",
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
