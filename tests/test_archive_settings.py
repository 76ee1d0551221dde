"""data/archive.yml: how long a change summary stays on the current page, the time zone, the next release."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import Project
from policysite import PolicyError
from policysite.archive.frozen import parse, sha256
from policysite.judge import judge

TODAY = dt.date(2025, 1, 10)


def test_the_flagship_settings_pass(project: Project) -> None:
    policy = judge(project.root, today=TODAY)
    assert policy.archive.settings.notice_days == 30 and policy.archive.settings.timezone == "Asia/Shanghai"


@pytest.mark.parametrize("text, line, problem", [
    ("notice_days: -3\n", 2, "`notice_days` must be a whole number of days"),
    ("notice_dayz: 30\n", 2, "`notice_dayz` is not a known archive setting"),
    ("next_release:\n  effective: soon\n", 3, "`next_release.effective` must be a date"),
])
def test_bad_settings_are_findings_with_their_line(project: Project, text: str, line: int, problem: str) -> None:
    project.write("data/archive.yml", "# settings\n" + text)
    with pytest.raises(PolicyError) as raised:
        judge(project.root, today=TODAY)
    finding = raised.value.findings[0]
    assert (finding.path, finding.line, finding.rule) == ("data/archive.yml", line, "archive.settings")
    assert problem in finding.problem


def test_an_unknown_time_zone_is_a_finding(project: Project) -> None:
    project.write("data/archive.yml", "timezone: Mars/Olympus\n")
    with pytest.raises(PolicyError) as raised:
        judge(project.root)
    assert raised.value.findings[0].rule == "archive.clock"


def test_a_relocked_file_with_wrong_facts_is_still_caught(project: Project) -> None:
    """Someone edits a frozen file and its hash in the lock: the facts must still agree with the lock."""
    path = project.path("archive/2024-11-18/en.md")
    edited = path.read_bytes().replace(b"version: 1\n", b"version: 7\n", 1)
    path.write_bytes(edited)
    lock = json.loads(project.read("archive/archive.lock.json"))
    lock["versions"][0]["files"]["en"]["sha256"] = sha256(edited)
    project.write("archive/archive.lock.json", json.dumps(lock))
    assert parse(edited).version == 7
    with pytest.raises(PolicyError) as raised:
        judge(project.root, today=TODAY)
    finding = raised.value.findings[0]
    assert (finding.path, finding.rule) == ("archive/2024-11-18/en.md", "archive.format")
    assert "`version: 7` but the lock says 1" in finding.problem
