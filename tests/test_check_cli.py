"""`python -m policysite check` (make check, the pre-commit hook): the build's findings, without the build."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from conftest import FLAGSHIP, PROJECT, Project

FINDING = re.compile(r"^(\S+?):(\d+): ([a-z]+\.[a-z-]+): (.+) — (.+)$")


def _findings(output: str) -> list[str]:
    return [line for line in output.splitlines() if FINDING.match(line)]


def test_the_flagship_passes(project: Project) -> None:
    result = project.check()
    assert result.returncode == 0, result.output
    assert result.output.startswith("OK: xometry-asia-data-protection")


def test_every_finding_in_one_run_sorted_by_file_and_line(project: Project) -> None:
    # A loading problem (an unknown placeholder) and rule findings in two languages, reported together.
    project.replace("docs/zh/sections/contact.md", "{{ contact.email }}", "{{ contact.emial }}")
    project.replace("docs/en/sections/contact.md", "{{ contact.email }}", "info@xomery.asia")
    project.replace("docs/zh/sections/intro.md", "本政策将帮助您", "[bookmark: OLE_LINK2]本政策将帮助您")
    result = project.check()
    assert result.returncode == 1
    assert "Traceback" not in result.output
    lines = _findings(result.output)
    keys = [(m.group(1), int(m.group(2))) for m in map(FINDING.match, lines)]
    assert keys == sorted(keys)
    rules = {(m.group(1), m.group(3)) for m in map(FINDING.match, lines)}
    assert ("docs/zh/sections/contact.md", "placeholder.unknown") in rules
    assert ("docs/en/sections/contact.md", "contact.literal") in rules
    assert ("docs/en/sections/contact.md", "contact.domain-typo") in rules
    assert ("docs/zh/sections/intro.md", "debris.word") in rules
    typo = next(line for line in lines if "contact.domain-typo" in line)
    assert "did you mean `xometry.asia`?" in typo
    # The flagship's notices: its third-party list's unconfirmed values, and the list its sharing section
    # does not name yet.
    notices = [line for line in lines if ": list.unconfirmed: " in line or ": document.unreferenced: " in line]
    assert sum(": document.unreferenced: " in line for line in notices) == 2
    assert f"{len(lines) - len(notices)} problems found" in result.output
    assert f"also {len(notices)} notices, which block nothing" in result.output


def test_check_and_build_report_the_same_findings(project: Project) -> None:
    project.replace("docs/zh/sections/minors.md", "尽快删除相关数据。", "尽快删除相关数据，")
    project.replace("docs/en/sections/contact.md", "{{ contact.email }}", "info@xomery.asia")
    check = project.check()
    build = project.build()
    assert check.returncode == 1 and build.returncode != 0
    assert _findings(check.output) and sorted(_findings(check.output)) == sorted(_findings(build.output))
    assert not project.site.exists()


def test_warnings_fail_the_check_and_the_build(project: Project) -> None:
    project.replace("docs/zh/sections/minors.md", "尽快删除相关数据。", "尽快删除相关数据")
    check = project.check()
    assert check.returncode == 1
    assert "consistency.unfinished-sentence" in check.output
    assert "1 of them a warning, which also block publishing" in check.output
    project.write("site/index.html", "previous site")
    assert project.build().returncode != 0
    assert project.read("site/index.html") == "previous site"


def test_the_check_does_not_load_the_site_generator() -> None:
    # Python-Markdown itself is allowed (a 30 ms import): section.html must judge the HTML
    # that Markdown writes (links, attribute lists), not only the HTML typed in a section.
    code = (f"import sys; from policysite.cli import main; code = main(['--root', {str(FLAGSHIP)!r}, 'check']); "
            "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'jieba', 'material'}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "0 []"


def test_the_pre_commit_hook_runs_the_check() -> None:
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert hook["entry"] == ".venv/bin/python -m policysite check"
    assert hook["language"] == "system" and hook["pass_filenames"] is False
    assert re.match(hook["files"], "docs/zh/sections/contact.md") and re.match(hook["files"], "data/contact.yml")
    assert not re.match(hook["files"], "hooks/judge.py")
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^check:.*\n\t\$\(PY\) -m policysite check$", makefile, re.M)


def test_the_rules_command_lists_every_rule_id() -> None:
    from policysite.rules import RULES
    result = subprocess.run([sys.executable, "-m", "policysite", "rules"], cwd=PROJECT, capture_output=True,
                            text=True, check=True)
    listed = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert listed == sorted(RULES)
    assert "placeholder.unfilled" in listed and "consistency.list-intro" in listed


def test_the_rules_command_gives_an_example_of_what_each_rule_of_the_gate_catches() -> None:
    from policysite.rules import RULES
    result = subprocess.run([sys.executable, "-m", "policysite", "rules"], cwd=PROJECT, capture_output=True,
                            text=True, check=True)
    examples, current = {}, None
    for line in result.stdout.splitlines():
        if not line.startswith(" "):
            current = line.split()[0]
        elif line.strip().startswith("e.g. "):
            examples[current] = line.strip()[len("e.g. "):]
    missing = [rule_id for rule_id, rule in RULES.items() if rule.check is not None and not examples.get(rule_id)]
    assert not missing, f"write an `Example:` paragraph in the docstring of: {missing}"
    assert examples["disclosure.retention"] == "`我们仅在实现目的所必需的期限内保留您的个人信息。` and nothing else."


def test_the_rules_command_lists_the_findings_of_every_stage_and_whether_a_waiver_can_accept_them() -> None:
    result = subprocess.run([sys.executable, "-m", "policysite", "rules"], cwd=PROJECT, capture_output=True,
                            text=True, check=True)
    rows = {line.split()[0]: line.split()[1:3] for line in result.stdout.splitlines() if not line.startswith(" ")}
    assert rows["contact.literal"] == ["error", "waivable"]
    assert rows["debris.repeated-word"] == ["warning", "waivable"]
    for made_elsewhere in ("section.missing", "placeholder.unknown", "data.schema", "wechat.verification-name",
                           "archive.modified", "site.languages", "waiver.unmatched"):
        assert rows[made_elsewhere] == ["error", "fix-only"], made_elsewhere


def test_notices_are_listed_but_not_counted_as_problems() -> None:
    from policysite.findings import Finding, Severity, format_findings

    error = Finding("docs/zh/sections/intro.md", 3, "debris.word", "a Word comment is left in the text", "remove it")
    notice = Finding("data/third_parties.yml", 4, "list.unconfirmed", "the purpose is not confirmed yet",
                     "write the purpose the company confirms", Severity.NOTICE)
    text = format_findings([error, notice])
    assert text.splitlines()[0] == ("The policy was not published: 1 problem found; "
                                    "also 1 notice, which blocks nothing.")
    assert error.format() in text and notice.format() in text
