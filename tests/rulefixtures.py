"""Rule fixtures: tests/fixtures/rules/<rule-id>.yml, each a failing and a passing variant of a small policy.

A variant changes the clean base policy in tests/fixtures/rules/base/:
``files`` (path → new content, or null to delete), ``edits`` (file, old, new:
every occurrence replaced, at least one required), ``only`` (keep one
language). ``expect`` lists every finding of ``judge()`` — the entry point the
build and `make check` use — as ``path:line: rule``, repeated when a line has
the same finding twice.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from policysite.findings import Finding, PolicyError, Severity
from policysite.judge import judge

RULE_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rules"
BASE = RULE_FIXTURES / "base"
# Fixtures are judged as of this day, so that date rules do not age.
TODAY = dt.date(2025, 1, 1)


def fixture_files(prefix: str) -> list[Path]:
    return sorted(path for path in RULE_FIXTURES.glob("*.yml") if path.stem.startswith(prefix))


def cases(prefix: str) -> list[Any]:
    """pytest params (rule, variant, spec) for every fixture whose rule id starts with ``prefix``."""
    params = []
    for path in fixture_files(prefix):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert spec["rule"] == path.stem, f"{path.name} says rule {spec['rule']}"
        for variant in ("fail", "pass"):
            assert variant in spec, f"{path.name} has no `{variant}:` variant"
            params.append(pytest.param(spec["rule"], variant, spec[variant], id=f"{spec['rule']}-{variant}"))
    return params


def materialise(target: Path, spec: dict[str, Any]) -> Path:
    shutil.copytree(BASE, target, ignore=shutil.ignore_patterns("README.md"))
    only = spec.get("only")
    if only:
        _keep_only(target, only)
    for relative, content in (spec.get("files") or {}).items():
        path = target / relative
        if content is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    for edit in spec.get("edits") or []:
        path = target / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text, f"{edit['old']!r} is not in {edit['file']}"
        path.write_text(text.replace(edit["old"], edit["new"]), encoding="utf-8")
    return target


def _keep_only(target: Path, language: str) -> None:
    """Drop every other language from data/ and docs/, keeping line numbers (dropped lines become comments)."""
    other = rf"(?!{language}\b)[a-z]{{2,3}}"
    for path in (target / "data").glob("*.yml"):
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            block = re.match(rf"^(\s+)({other}):\s", line)
            if block or re.match(rf"^\s*- \{{code: {other}\b", line):
                lines.append(f"{(block.group(1) if block else '  ')}# dropped: one-language fixture")
            else:
                lines.append(re.sub(rf",\s*{other}:\s*[^,}}]+(?=[,}}])", "", line))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for folder in (target / "docs").iterdir():
        if folder.name != language:
            shutil.rmtree(folder)


def judged(root: Path, *, today: dt.date | None = TODAY, notices_of: str | None = None) -> list[Finding]:
    """Every finding ``judge()`` reports for the project at ``root`` (none when it would publish).

    A notice never refuses a build, so it is among the findings only when asked for by rule
    (``notices_of``): the fixtures of a notice rule judge its notices and every blocking finding.
    """
    try:
        policy = judge(root, today=today, commit_date=lambda *_: None)
    except PolicyError as error:
        # A refused build prints its notices too (a list never released, a document not named yet): only the
        # asked rule's are this fixture's business.
        return [f for f in error.findings if f.severity != Severity.NOTICE or f.rule == notices_of]
    return [f for f in policy.warnings if f.rule == notices_of]


def findings_of(root: Path) -> list[str]:
    return [f"{f.path}:{f.line}: {f.rule}" for f in judged(root)]


def check_case(tmp_path: Path, rule: str, variant: str, spec: dict[str, Any]) -> None:
    root = materialise(tmp_path / "project", spec)
    found = judged(root, notices_of=rule)
    got = Counter(f"{f.path}:{f.line}: {f.rule}" for f in found)
    expected = Counter(spec.get("expect") or [])
    report = "\n".join(f.format() for f in found)
    assert got == expected, f"{rule} {variant}: findings differ from the fixture's `expect`:\n{report}"
    if variant == "fail":
        assert any(f.rule == rule for f in found), f"the failing fixture of {rule} does not trigger it:\n{report}"
