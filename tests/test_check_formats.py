"""`check --format json|github`, `check` reading mkdocs.yml, and `new` starting an empty policy."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git, Project, run_policysite

# The flagship's notices: its third-party list's values still to confirm, the list its sharing section does not
# name yet, and both lists, published before their first release.
FLAGSHIP_NOTICES = ("list.unconfirmed", "document.unreferenced", "document.never-released")


def test_json_lists_every_finding_with_a_line(project: Project) -> None:
    project.replace("docs/en/sections/contact.md", "{{ contact.email }}", "info@xomery.asia")
    (project.root / "docs/en/sections/cookies.md").unlink()
    result = run_policysite(project.root, "check", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.output)
    assert report["ok"] is False
    assert all(set(f) == {"path", "line", "rule", "severity", "problem", "fix"} for f in report["findings"])
    assert all(isinstance(f["line"], int) and f["line"] >= 1 for f in report["findings"])
    rules = {(f["path"], f["rule"]) for f in report["findings"]}
    assert ("docs/en/sections/contact.md", "contact.domain-typo") in rules
    missing = next(f for f in report["findings"] if f["rule"] == "section.missing")
    assert missing["line"] == 1  # a whole-file finding points at line 1


def test_json_of_a_clean_policy(project: Project) -> None:
    project.write(".gitignore", "site/\n")
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", ".")
    git(project.root, "commit", "-qm", "Release version 1")
    result = run_policysite(project.root, "check", "--format", "json")
    answer = json.loads(result.output)
    assert result.returncode == 0 and answer["ok"] is True
    # The only findings are notices, which never fail a check: the third-party list's values still to confirm,
    # the list the sharing section does not name yet, and the two lists no release has frozen yet.
    assert {(f["rule"], f["severity"]) for f in answer["findings"]} == {(rule, "notice") for rule in FLAGSHIP_NOTICES}
    never = [f["problem"] for f in answer["findings"] if f["rule"] == "document.never-released"]
    assert len(never) == 2 and any("`collection-list`" in m for m in never) and any("`third-party-list`" in m
                                                                                      for m in never), never


def test_json_of_a_clean_policy_outside_git_carries_the_history_notice(project: Project) -> None:
    """`check` passes outside a checkout, but says the archive could not be held to history (publish refuses)."""
    result = run_policysite(project.root, "check", "--format", "json")
    answer = json.loads(result.output)
    assert result.returncode == 0 and answer["ok"] is True
    assert [(f["rule"], f["severity"]) for f in answer["findings"] if f["severity"] != "notice"] == \
        [("archive.history", "warning")]


def test_github_annotations(project: Project) -> None:
    project.replace("docs/en/sections/contact.md", "{{ contact.email }}", "info@xomery.asia")
    result = run_policysite(project.root, "check", "--format", "github")
    assert result.returncode == 1
    lines = result.output.splitlines()
    assert any(line.startswith("::error file=docs/en/sections/contact.md,line=") and "title=contact.domain-typo::" in line
               for line in lines)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines), lines
    assert all(any(f"title={rule}::" in line for rule in FLAGSHIP_NOTICES)
               for line in lines if line.startswith("::notice "))


def test_check_fails_on_a_languages_mismatch_like_the_build(project: Project) -> None:
    project.replace("mkdocs.yml", "        - locale: en\n", "        - locale: fr\n")
    result = project.check()
    assert result.returncode == 1
    assert "mkdocs.yml:" in result.output and "site.languages" in result.output


def test_new_starts_a_policy_the_gate_refuses_until_written(tmp_path: Path) -> None:
    root = tmp_path / "p"
    result = run_policysite(tmp_path, "new", "--lang", "zh", "--lang", "en", "--into", str(root))
    assert result.returncode == 0, result.output
    for language in ("zh", "en"):
        files = sorted(p.stem for p in (root / "docs" / language / "sections").glob("*.md"))
        assert files == sorted(["intro", "collection", "storage", "sharing", "rights", "minors", "updates", "contact"])
    assert "待填写：本节须说明" in (root / "docs/zh/sections/rights.md").read_text(encoding="utf-8")
    check = run_policysite(root, "check", "--format", "json")
    report = json.loads(check.output)
    assert report["ok"] is False
    assert {f["rule"] for f in report["findings"]} >= {"placeholder.unfilled", "data.schema"}
    again = run_policysite(tmp_path, "new", "--lang", "zh", "--into", str(root))
    assert again.returncode == 1 and "already holds a policy" in again.output
