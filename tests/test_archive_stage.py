"""What is current on a given day: scheduled versions, promotion, and data that must match the archive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from archive_support import SUMMARIES, article, build, never_released, notice_links, run
from conftest import PROJECT, Project, copy_of, git
from policysite import PolicyError
from policysite.dates import DateSource
from policysite.judge import judge, stages


@pytest.fixture
def scheduled(scheduled_template: Project, tmp_path: Path) -> Project:
    """The flagship's version 2, released on 2026-11-23 to take effect on 2026-12-01 (conftest.py's template, copied)."""
    return copy_of(scheduled_template, tmp_path / "project")


def test_a_scheduled_version_is_upcoming_and_the_version_in_force_stays_current(scheduled: Project) -> None:
    policy = judge(scheduled.root, today=dt.date(2026, 11, 30))
    assert [(v.version, v.status) for v in policy.versions] == [(1, "current"), (2, "upcoming")]
    assert policy.version == 1 and policy.effective == dt.date(2024, 11, 18)
    assert "在核实后" not in policy.pages["zh"], "the current page keeps the text in force"
    assert policy.archive.matches_release("zh")


def test_resolving_the_version_in_force_leaves_the_loaded_policy_as_loaded(scheduled: Project) -> None:
    judged = stages(scheduled.root, today=dt.date(2026, 11, 30))
    assert judged.today == dt.date(2026, 11, 30)
    assert judged.resolved.version == 1 and "在核实后" not in judged.resolved.pages["zh"]
    # The loaded model still says what docs/ and data/ say: version 2, its new text, no archive attached.
    assert judged.loaded.version == 2 and "在核实后" in judged.loaded.pages["zh"]
    assert judged.loaded.archive is None and judged.loaded.versions == []
    assert judged.loaded.contexts["zh"]["policy"]["version"] == 2


def test_the_build_promotes_it_when_the_date_comes(scheduled: Project) -> None:
    policy = judge(scheduled.root, today=dt.date(2026, 12, 1))
    assert [(v.version, v.status) for v in policy.versions] == [(1, "superseded"), (2, "current")]
    assert policy.version == 2 and "在核实后" in policy.pages["zh"]


def test_the_site_before_and_after_the_effective_date(scheduled: Project) -> None:
    before = build(scheduled, today="2026-11-30")
    assert before.returncode == 0, before.output
    current = scheduled.page("en")
    assert "We will promptly verify" not in article(current) and "A new version of this policy (version 2) takes effect on " \
        "December 1, 2026" in current and SUMMARIES["en"] in current
    assert "Version 1" in current.split('class="md-copyright policy-footer"')[1]
    upcoming = scheduled.page("en", "archive/2026-12-01")
    assert "it takes effect on December 1, 2026" in upcoming and "We will promptly verify" in upcoming
    after = build(scheduled, today="2026-12-01")
    assert after.returncode == 0, after.output
    assert "We will promptly verify" in article(scheduled.page("en"))
    assert "superseded on December 1, 2026" in scheduled.page("en", "archive/2024-11-18")


def test_the_web_view_announces_the_upcoming_version_too(scheduled: Project) -> None:
    before = build(scheduled, today="2026-11-30")
    assert before.returncode == 0, before.output
    for language, root, notice in [
            ("zh", "", "本政策的新版本（第2版）将于2026年12月1日生效。主要变更：" + SUMMARIES["zh"]),
            ("en", "en/", "A new version of this policy (version 2) takes effect on December 1, 2026. What changes: "
             + SUMMARIES["en"])]:
        full, webview = scheduled.page(language), scheduled.page(language, "webview")
        assert notice in full and notice in webview
        assert "在核实后" not in article(full) and "在核实后" not in webview
        assert "We will promptly verify" not in webview
        links = notice_links(scheduled, f"{root}webview", webview)
        assert list(links) == ["../archive/2026-12-01/webview/", "../archive/2026-12-01/changes/"]
        assert all(target.is_file() for target in links.values()), links
        assert list(notice_links(scheduled, root, full)) == ["archive/2026-12-01/", "archive/2026-12-01/changes/"]
    after = build(scheduled, today="2026-12-01")
    assert after.returncode == 0, after.output
    assert "What changed: " + SUMMARIES["en"] in scheduled.page("en", "webview")
    assert "takes effect on December 1, 2026" not in scheduled.page("en", "webview")


def test_a_version_number_changed_by_hand_fails(project: Project) -> None:
    project.replace("data/policy.yml", "version: 1", "version: 2")
    with pytest.raises(PolicyError) as raised:
        judge(project.root, today=dt.date(2025, 1, 10))
    found = [f.format() for f in raised.value.findings]
    assert any(f.startswith("data/policy.yml:") and ": archive.version: `version: 2` does not match the archive" in f
               for f in found), found


def test_an_effective_date_changed_by_hand_fails(project: Project) -> None:
    project.replace("data/policy.yml", "effective: 2024-11-18", "effective: 2024-11-20")
    with pytest.raises(PolicyError) as raised:
        judge(project.root, today=dt.date(2025, 1, 10))
    assert any(f.rule == "archive.effective" and f.path == "data/policy.yml" for f in raised.value.findings)


def test_an_injected_date_that_is_not_a_date_is_a_finding(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYSITE_TODAY", "next tuesday")
    result = build(project, today="next tuesday")
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "POLICYSITE_TODAY:1: archive.clock:" in result.output or "POLICYSITE_TODAY" in result.output


def test_an_updated_date_changed_by_hand_fails(project: Project) -> None:
    """The current page would say "last updated 2025-01-05, version 1" while version 1 says 2024-11-18."""
    project.replace("data/policy.yml", "updated: 2024-11-18", "updated: 2025-01-05")
    with pytest.raises(PolicyError) as raised:
        judge(project.root, today=dt.date(2025, 1, 10))
    line = project.read("data/policy.yml").splitlines().index("updated: 2025-01-05") + 1
    found = [f.format() for f in raised.value.findings]
    assert f"data/policy.yml:{line}: archive.updated: `updated: 2025-01-05` does not match version 1 in the archive, " \
           "which was last updated on 2024-11-18 — write `updated: 2024-11-18`; a new “last updated” date needs a " \
           "new version (`make release EFFECTIVE=YYYY-MM-DD UPDATED=YYYY-MM-DD`)" in found, found


def test_an_updated_date_removed_after_a_release_fails_instead_of_taking_gits(project: Project) -> None:
    project.replace("data/policy.yml", "updated: 2024-11-18\n", "")
    with pytest.raises(PolicyError) as raised:
        judge(project.root, today=dt.date(2025, 1, 10),
              commit_date=lambda root, paths: DateSource(dt.date(2025, 1, 3), "from the last commit"))
    (found,) = [f for f in raised.value.findings if f.rule == "archive.updated"]
    assert "the last-updated date taken from git (2025-01-03) does not match version 1" in found.problem


def test_a_release_moves_updated_and_the_next_build_agrees(scheduled: Project) -> None:
    policy = judge(scheduled.root, today=dt.date(2026, 12, 1))
    assert policy.updated.date == dt.date(2026, 12, 1) == policy.versions[-1].updated


# --- `make publish`: only a released text goes out ---------------------------------------------

def publish(project: Project, *, today: str):
    """`make publish` from a git checkout holding everything as committed: publishing needs the archive anchored."""
    if not project.path(".git").exists():
        project.write(".gitignore", "site/\n")
        git(project.root, "init", "-q")
    git(project.root, "add", "-A")
    # After every release of these tests (the last on 2026-11-23): a release is committed after it is made.
    git(project.root, "commit", "-qm", "as published", "--allow-empty", date="2026-12-31T12:00:00+08:00")
    return run(project.root, "build", "--site-dir", "site", "--require-release", today=today)


def test_publish_builds_a_released_text(project: Project) -> None:
    result = publish(project, today="2025-01-10")
    assert result.returncode == 0, result.output
    assert (project.site / "policy.json").is_file()


def test_publish_refuses_unreleased_edits_that_build_shows(project: Project) -> None:
    project.replace("data/company.yml", "中国上海市虹口区溧阳路735号4号楼4225室", "中国上海市黄浦区中山东一路1号")
    refused = publish(project, today="2025-01-10")
    assert refused.returncode == 1 and "Traceback" not in refused.output
    line = project.read("data/policy.yml").splitlines().index("version: 1") + 1
    assert f"data/policy.yml:{line}: archive.unreleased: the text in 简体中文 differs from version 1 (effective " \
           "2024-11-18), the last release" in refused.output
    assert "run `make release EFFECTIVE=YYYY-MM-DD MATERIAL=yes|no`" in refused.output
    assert not project.site.exists(), "nothing is built when publishing is refused"
    previewed = build(project, today="2025-01-10")  # `make build` still shows the edit, as a preview
    assert previewed.returncode == 0 and "中山东一路1号" in project.page("zh")


def test_publish_refuses_edits_made_after_a_scheduled_release(scheduled: Project) -> None:
    """The page in force is frozen until the new version's date, but the edit would go out with its promotion."""
    assert publish(scheduled, today="2026-11-30").returncode == 0
    scheduled.replace("docs/en/sections/rights.md", "We will promptly verify", "We will quickly verify")
    refused = publish(scheduled, today="2026-11-30")
    assert refused.returncode == 1
    assert "archive.unreleased: the text in English differs from version 2 (effective 2026-12-01)" in refused.output


def test_publish_refuses_a_policy_never_released(project: Project) -> None:
    refused = publish(never_released(project), today="2025-01-10")
    assert refused.returncode == 1
    assert "archive.unreleased: no version of the policy has been released yet" in refused.output


def test_make_publish_is_what_the_deploy_runs() -> None:
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "\npublish: $(VENV)/.runtime" in makefile
    assert "\t$(PY) -m policysite build --site-dir site --require-release $(if $(AGAINST),--against \"$$AGAINST\")\n" \
        in makefile
    workflow = (PROJECT / ".github/workflows/site.yml").read_text(encoding="utf-8")
    deploy = workflow.split("\n  deploy:\n", 1)[1]
    assert "- run: make publish" in deploy and "make build" not in deploy
