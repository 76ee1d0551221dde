"""Integrity: every archived byte must match the lock, or nothing is published."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from archive_support import article, build
from conftest import Project
from policysite import PolicyError
from policysite.findings import blocking
from policysite.judge import judge

FROZEN = "archive/2024-11-18/en.md"
TODAY = dt.date(2025, 1, 10)


def findings(project: Project) -> list[str]:
    with pytest.raises(PolicyError) as raised:
        judge(project.root, today=TODAY)
    # The flagship's lists report values still to confirm as notices; they never refuse, so they are left out.
    return [finding.format() for finding in blocking(raised.value.findings)]


def test_the_flagship_first_version_is_archived_and_passes(project: Project) -> None:
    lock = json.loads(project.read("archive/archive.lock.json"))
    assert [(v["version"], v["effective"]) for v in lock["versions"]] == [(1, "2024-11-18")]
    policy = judge(project.root, today=TODAY)
    assert [(v.version, v.status) for v in policy.versions] == [(1, "current")]
    assert policy.archive.matches_release("zh") and policy.archive.matches_release("en")


def test_one_changed_byte_fails_naming_the_file(project: Project) -> None:
    content = bytearray(project.path(FROZEN).read_bytes())
    content[-2] = ord("!") if content[-2] != ord("!") else ord("?")
    project.path(FROZEN).write_bytes(bytes(content))
    found = findings(project)
    assert len(found) == 1 and found[0].startswith(f"{FROZEN}:1: archive.modified: ")
    assert "git checkout HEAD -- archive/2024-11-18/en.md" in found[0]


def test_a_changed_front_matter_fails_too(project: Project) -> None:
    project.replace(FROZEN, "effective: 2024-11-18", "effective: 2024-11-19")
    assert findings(project)[0].startswith(f"{FROZEN}:1: archive.modified: ")


def test_a_deleted_file_fails_naming_it(project: Project) -> None:
    project.path(FROZEN).unlink()
    found = findings(project)
    assert len(found) == 1 and found[0].startswith(f"{FROZEN}:1: archive.missing: ")
    assert "version 1 (effective 2024-11-18) in `en`" in found[0]


def test_an_unexpected_file_fails_naming_it(project: Project) -> None:
    project.write("archive/2025-03-01/en.md", "---\nversion: 2\n---\n\n# Sneaked in\n")
    found = findings(project)
    assert found == [found[0]] and found[0].startswith("archive/2025-03-01/en.md:1: archive.unexpected: ")


def test_a_damaged_lock_fails(project: Project) -> None:
    project.write("archive/archive.lock.json", "{ not json")
    assert findings(project)[0].startswith("archive/archive.lock.json:1: archive.lock: ")


def test_a_missing_lock_fails_for_every_file(project: Project) -> None:
    project.path("archive/archive.lock.json").unlink()
    found = findings(project)
    assert [line.split(":")[0] for line in found] == ["archive/2024-11-18/en.md", "archive/2024-11-18/en.pdf",
                                                      "archive/2024-11-18/zh.md", "archive/2024-11-18/zh.pdf"]


def test_the_build_fails_before_writing_and_keeps_the_previous_site(project: Project) -> None:
    marker = project.site / "index.html"
    marker.parent.mkdir(parents=True)
    marker.write_text("previously published", encoding="utf-8")
    content = project.path(FROZEN).read_bytes()
    project.path(FROZEN).write_bytes(content.replace(b"Data Protection Policy", b"Data Protection Polixy", 1))
    result = build(project, today="2025-01-10")
    assert result.returncode != 0 and "Traceback" not in result.output
    assert f"{FROZEN}:1: archive.modified:" in result.output
    assert marker.read_text(encoding="utf-8") == "previously published"
    assert sorted(p.name for p in project.site.iterdir()) == ["index.html"]


def test_data_changes_reach_the_current_page_but_never_an_archived_one(flagship: Project, project: Project) -> None:
    old = "中国上海市虹口区溧阳路735号4号楼4225室"
    project.replace("data/company.yml", old, "中国上海市黄浦区中山东一路1号")
    result = build(project, today="2025-01-10")
    assert result.returncode == 0, result.output
    assert "中山东一路1号" in project.page("zh") and old not in article(project.page("zh"))
    for language in ("zh", "en"):
        archived = project.page(language, "archive/2024-11-18")
        assert article(archived) == article(flagship.page(language, "archive/2024-11-18"))
    assert old in project.page("zh", "archive/2024-11-18")
    manifest = json.loads((project.site / "policy.json").read_text(encoding="utf-8"))
    assert manifest["current"]["languages"]["zh"]["matches_release"] is False
    assert manifest["current"]["languages"]["en"]["matches_release"] is True  # only the Chinese address changed


# --- the lock names only files inside archive/ -------------------------------------------------

def _rewrite_lock(project: Project, change) -> None:
    lock = json.loads(project.read("archive/archive.lock.json"))
    change(lock["versions"][0]["files"])
    project.write("archive/archive.lock.json", json.dumps(lock, ensure_ascii=False, indent=2) + "\n")


def test_a_language_that_is_a_path_is_refused_before_anything_is_read_or_written(project: Project) -> None:
    outside = project.root.parent / "escape"
    outside.mkdir()
    content = project.path(FROZEN).read_bytes()
    (outside / "x.md").write_bytes(content)  # a file the lock would vouch for from outside archive/

    def point_outside(files: dict) -> None:
        files["../../escape/x"] = {"path": "../../escape/x.md", "sha256": files["en"]["sha256"]}

    _rewrite_lock(project, point_outside)
    found = findings(project)
    assert len(found) == 1, found
    assert found[0].startswith("archive/archive.lock.json:1: archive.lock: the archive lock is damaged: version 1 lists "
                               "the language '../../escape/x', which is not a language code")
    assert "git checkout HEAD -- archive/archive.lock.json" in found[0]
    result = build(project, today="2025-01-10")
    assert result.returncode != 0 and "archive.lock" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in outside.iterdir()) == ["x.md"]


def test_a_path_other_than_effective_slash_language_is_refused(project: Project) -> None:
    def move(files: dict) -> None:
        files["en"]["path"] = "2024-11-18/../2024-11-18/en.md"

    _rewrite_lock(project, move)
    (found,) = findings(project)
    assert found.startswith("archive/archive.lock.json:1: archive.lock: ")
    assert "points at '2024-11-18/../2024-11-18/en.md'; a released file is always `2024-11-18/en.md`" in found


def test_a_released_language_must_stay_declared(project: Project) -> None:
    def add_french(files: dict) -> None:
        files["fr"] = {"path": "2024-11-18/fr.md", "sha256": files["en"]["sha256"]}

    _rewrite_lock(project, add_french)
    project.write("archive/2024-11-18/fr.md", project.read(FROZEN))
    found = findings(project)
    assert any(f.startswith("archive/archive.lock.json:1: archive.lock: version 1 (effective 2024-11-18) was released "
                            "in `fr`, which data/policy.yml does not declare") for f in found), found
