"""A published document shows its released text: after `make release DOC=…`, an edit of a list's data or of
children's rules' sections is refused by `make publish` (archive.unreleased, naming the document and
`make release DOC=`), shown with a note by `make build`, and accepted again once undone or released. A
document never released is published as it is, with a `document.never-released` notice that blocks nothing.

Real releases, commits and builds of a git copy of tests/fixtures/multi/ (the policy, both lists, children's
rules; zh/en): the policy, the collection list and the children's rules released on 2025-04-01, the
third-party list never.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from archive_support import article, release, run
from conftest import FIXTURES, BuildResult, Project, copy_project, git
from policysite.document_releases import document_preview_notes, unreleased_document_findings
from policysite.findings import Severity
from policysite.judge import judge
from policysite.rules import RULES

MULTI = FIXTURES / "multi"
TODAY = "2025-04-12"
INVENTORY = "data/inventory.yml"
PHONE = "{zh: 手机号码, en: Mobile phone number}"
PHONE_AND_MAIL = "{zh: 手机号码、电子邮箱, en: Mobile phone number and e-mail address}"
GUARDIANS = "docs/en/children-rules/sections/guardians.md"
WITHDRAW = "and may withdraw consent."
WITHDRAW_ANYTIME = "and may withdraw consent at any time by writing to us."
NOTICE_RULES = [rule_id for rule_id, entry in RULES.items() if entry.severity == Severity.NOTICE]


def _commit(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("docrelease") / "project", content=MULTI)
    project.write(".gitignore", "site/\n.site-build-*/\n.site-old-*/\n")
    git(project.root, "init", "-q", "-b", "main")
    _commit(project.root, "the site before any release", "2025-03-20T10:00:00+08:00")
    for doc in ([], ["--doc", "collection-list"], ["--doc", "children-rules"]):
        done = release(project, *doc, today="2025-04-01")
        assert done.returncode == 0, done.output
        _commit(project.root, f"Release {doc or 'the policy'}", "2025-04-01T10:00:00+08:00")
    return project


@pytest.fixture
def repo(released: Project, tmp_path: Path) -> Project:
    shutil.copytree(released.root, tmp_path / "repo")
    return Project(tmp_path / "repo")


def publish(project: Project, today: str = TODAY) -> BuildResult:
    return run(project.root, "build", "--site-dir", "site", "--require-release", today=today)


def build(project: Project, today: str = TODAY) -> BuildResult:
    return run(project.root, "build", "--site-dir", "site", today=today)


def refusals(output: str) -> list[str]:
    """The refusal's finding lines, without the notices printed beside them."""
    assert "Traceback" not in output, output
    lines = output.strip().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("The policy was not published"))
    return [line for line in lines[start + 1:] if not any(f": {rule}: " in line for rule in NOTICE_RULES)]


def page(project: Project, path: str) -> str:
    return article((project.site / path / "index.html").read_text(encoding="utf-8"))


# --- as released ---------------------------------------------------------------------------------------------------

def test_released_documents_as_released_publish_and_the_never_released_list_gets_a_notice(repo: Project) -> None:
    result = publish(repo)
    assert result.returncode == 0, result.output
    notices = [line for line in result.output.splitlines() if ": document.never-released: " in line]
    # One notice, at the list's entry in data/site.yml, saying how to release it; the released documents get none.
    assert len(set(notices)) == 1, notices
    assert re.search(r"data/site\.yml:\d+: document\.never-released: document `third-party-list` has no released "
                     r"version yet: it is published as it reads today \(from data/third_parties\.yml\), its pages showing "
                     r"no version number or date — when the company has approved it, run `make release "
                     r"DOC=third-party-list EFFECTIVE=YYYY-MM-DD`", notices[0]), notices[0]
    assert "archive.unreleased" not in result.output and "Note: " not in result.output
    footers = {path: (repo.site / path / "index.html").read_text(encoding="utf-8").split("</article>")[1]
               for path in ("en/lists/third-parties", "en/lists/collection")}
    assert "Version 1" in footers["en/lists/collection"] and "Version" not in footers["en/lists/third-parties"]


def test_make_check_prints_the_never_released_notice_and_passes(repo: Project) -> None:
    result = run(repo.root, "check", today=TODAY)
    assert result.returncode == 0, result.output
    assert "Notice: data/site.yml:" in result.output and "document `third-party-list` has no released" in result.output
    assert "document `collection-list` has no released" not in result.output


# --- a released list, edited ---------------------------------------------------------------------------------------

def test_an_edited_released_list_is_refused_by_publish_naming_it_and_the_release_to_run(repo: Project) -> None:
    repo.replace(INVENTORY, PHONE, PHONE_AND_MAIL)
    result = publish(repo)
    assert result.returncode == 1
    assert not repo.site.exists()  # nothing was published
    (line,) = refusals(result.output)
    assert line.startswith(f"{INVENTORY}:8: archive.unreleased: the text of document `collection-list` in 简体中文, "
                           "English differs from its version 1 (effective 2025-04-01), the last release; publishing it "
                           "would show unreleased changes under that version's number; first change, line "), line
    assert "手机号码 |" in line and "手机号码、电子邮箱" in line  # the released line and the edited one, quoted
    assert "run `make release DOC=collection-list EFFECTIVE=YYYY-MM-DD MATERIAL=yes|no`" in line
    assert f"undo the unreleased edits in {INVENTORY} (or its title in data/site.yml)" in line


def test_build_shows_the_edit_of_a_released_list_with_a_note(repo: Project) -> None:
    repo.replace(INVENTORY, PHONE, PHONE_AND_MAIL)
    result = build(repo)
    assert result.returncode == 0, result.output
    assert ("Note: the text of document `collection-list` in 简体中文, English differs from its version 1 (effective "
            "2025-04-01), the last release; this build shows the edits, and `make publish` refuses them until "
            "`make release DOC=collection-list` freezes them as a new version.") in result.output
    assert "Mobile phone number and e-mail address" in page(repo, "en/lists/collection")
    assert "手机号码、电子邮箱" in page(repo, "lists/collection")


def test_undoing_the_edit_lets_publish_pass(repo: Project) -> None:
    repo.replace(INVENTORY, PHONE, PHONE_AND_MAIL)
    assert publish(repo).returncode == 1
    git(repo.root, "checkout", "--", INVENTORY)
    result = publish(repo)
    assert result.returncode == 0, result.output
    assert "Mobile phone number and e-mail address" not in page(repo, "en/lists/collection")


def test_releasing_the_edit_lets_publish_show_it_as_the_new_version(repo: Project) -> None:
    repo.replace(INVENTORY, PHONE, PHONE_AND_MAIL)
    done = release(repo, "--doc", "collection-list", "--effective", TODAY, "--material", "no",
                   "--summary", "zh=注册时也收集电子邮箱。", "--summary", "en=Registration also collects an e-mail address.",
                   today=TODAY)
    assert done.returncode == 0, done.output
    _commit(repo.root, "Release the list again", "2025-04-12T10:00:00+08:00")
    result = publish(repo)
    assert result.returncode == 0, result.output
    assert "Note: " not in result.output
    shown = page(repo, "en/lists/collection")
    assert "Mobile phone number and e-mail address" in shown


def test_only_the_language_edited_is_named(repo: Project) -> None:
    repo.replace(INVENTORY, PHONE, "{zh: 手机号码, en: Mobile number}")
    policy = judge(repo.root, today=dt.date.fromisoformat(TODAY))
    archives = policy.archive.documents
    assert archives["collection-list"].unreleased == ["en"]
    assert archives["children-rules"].unreleased == [] and archives["third-party-list"].unreleased == []
    (finding,) = unreleased_document_findings(policy)
    assert "in English differs from its version 1" in finding.problem and "简体中文" not in finding.problem
    # At the line of the data file that holds the changed value, quoting the released row and today's.
    assert (finding.path, finding.line) == (INVENTORY, 8)
    assert "released “… registration | Mobile phone number | " in finding.problem
    assert "now “… registration | Mobile number | " in finding.problem
    assert len(document_preview_notes(policy)) == 1


def test_a_never_released_list_edited_still_publishes(repo: Project) -> None:
    repo.replace("data/third_parties.yml", "Sending registration codes and delivery notices",
                 "Sending registration codes")
    policy = judge(repo.root, today=dt.date.fromisoformat(TODAY), publishing=True)
    assert unreleased_document_findings(policy) == [] and document_preview_notes(policy) == []
    assert any(f.rule == "document.never-released" and "`third-party-list`" in f.problem for f in policy.warnings)


# --- children's rules, written as sections ---------------------------------------------------------------------------

def test_an_edited_section_of_released_childrens_rules_is_refused_naming_its_file(repo: Project) -> None:
    repo.replace(GUARDIANS, WITHDRAW, WITHDRAW_ANYTIME)
    result = publish(repo)
    assert result.returncode == 1
    (line,) = refusals(result.output)
    assert line.startswith(f"{GUARDIANS}:5: archive.unreleased: the text of document `children-rules` in English "
                           "differs from its version 1 (effective 2025-04-01)"), line
    assert "at any time by writing to us" in line
    assert "`make release DOC=children-rules EFFECTIVE=YYYY-MM-DD MATERIAL=yes|no`" in line
    assert "undo the unreleased edits in docs/en/children-rules/sections/ and the data/ facts they print" in line


def test_build_shows_the_edited_childrens_rules_with_a_note_and_undoing_it_publishes(repo: Project) -> None:
    repo.replace(GUARDIANS, WITHDRAW, WITHDRAW_ANYTIME)
    result = build(repo)
    assert result.returncode == 0, result.output
    assert "Note: the text of document `children-rules` in English differs from its version 1" in result.output
    assert "at any time by writing to us" in page(repo, "en/children")
    git(repo.root, "checkout", "--", GUARDIANS)
    result = publish(repo)
    assert result.returncode == 0, result.output
    assert "at any time by writing to us" not in page(repo, "en/children")


# --- a release waiting for its date ----------------------------------------------------------------------------------

def test_while_a_release_waits_the_preview_shows_edits_and_publishing_holds_to_the_latest_release(repo: Project) -> None:
    repo.replace(INVENTORY, PHONE, PHONE_AND_MAIL)
    done = release(repo, "--doc", "collection-list", "--effective", "2025-04-20", "--material", "no",
                   "--summary", "zh=注册时也收集电子邮箱。", "--summary", "en=Registration also collects an e-mail address.",
                   today=TODAY)
    assert done.returncode == 0, done.output
    _commit(repo.root, "Release the list for 2025-04-20", "2025-04-12T10:00:00+08:00")
    today = dt.date.fromisoformat(TODAY)

    def shown(publishing: bool) -> str:
        policy = judge(repo.root, today=today, publishing=publishing)
        (list_page,) = [p for p in policy.generated if p.language == "en" and p.path == "lists/collection/"]
        return list_page.markdown

    # Released as upcoming, nothing edited since: the page shows version 1, in force, in preview and publishing.
    assert "Mobile phone number and e-mail address" not in shown(False)
    assert "Mobile phone number and e-mail address" not in shown(True)
    # Edited after that release: the preview shows the edit; publishing is refused against version 2.
    repo.replace(INVENTORY, PHONE_AND_MAIL, "{zh: 手机号码、微信号, en: Mobile phone number and WeChat ID}")
    assert "Mobile phone number and WeChat ID" in shown(False)
    policy = judge(repo.root, today=today, publishing=True)
    (finding,) = unreleased_document_findings(policy)
    assert "differs from its version 2 (effective 2025-04-20)" in finding.problem
