"""The archive anchored outside the working tree: git history, and the live site (`make publish AGAINST=…`).

Every test builds a real git repository from a copy of the flagship, commits its
release, then attacks it the way a careless editor or a forger would.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import inprocess_support
from archive_support import edit_text, release, run, summary_args
from conftest import Project, copy_project, git
from policysite import PolicyError
from policysite.findings import Severity, blocking
from policysite.archive import against_findings
from policysite.archive.history import check_history
from policysite.archive.store import Lock, LockedVersion
from policysite.judge import judge
from policysite.rules import RULES

FROZEN = "archive/2024-11-18/en.md"
LOCK = "archive/archive.lock.json"
TODAY = dt.date(2026, 12, 1)  # after the flagship's release (2026-11-22) and its commit (now)
SENTENCE = "We will verify your identity"
RELEASED = '"released"'
# `path:line: rule: problem — fix`, nothing else, on every line after the summary.
ONE_LINE = re.compile(r"\S+:\d+: [a-z]+\.[a-z-]+: .+ — .+")


def committed(project: Project) -> Project:
    """The project as a git checkout whose first commit holds the flagship's released version 1."""
    project.write(".gitignore", "site/\n.site-build-*/\n.site-old-*/\n")
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", ".")
    git(project.root, "commit", "-qm", "Release version 1")
    return project


@pytest.fixture
def repo(project: Project) -> Project:
    return committed(project)


def findings(project: Project, *, publishing: bool = False) -> list[str]:
    with pytest.raises(PolicyError) as raised:
        judge(project.root, today=TODAY, publishing=publishing)
    # The flagship's lists report values still to confirm as notices; they never refuse, so they are left out.
    return [finding.format() for finding in blocking(raised.value.findings)]


def line_of(project: Project, relative: str, text: str) -> int:
    return next(n for n, line in enumerate(project.read(relative).splitlines(), 1) if text in line)


def forge(project: Project, old: str = SENTENCE, new: str = "We may verify your identity") -> None:
    """Edit an archived text and recompute its hash in the lock, as a forger would."""
    content = project.path(FROZEN).read_bytes().replace(old.encode(), new.encode(), 1)
    project.path(FROZEN).write_bytes(content)
    lock = json.loads(project.read(LOCK))
    lock["versions"][0]["files"]["en"]["sha256"] = hashlib.sha256(content).hexdigest()
    project.write(LOCK, json.dumps(lock, ensure_ascii=False, indent=2) + "\n")


NOTICE_RULES = [rule_id for rule_id, entry in RULES.items() if entry.severity == Severity.NOTICE]


def refusal_lines(output: str) -> list[str]:
    assert "Traceback" not in output, output
    lines = output.strip().splitlines()
    assert lines[0].startswith("The policy was not published"), output
    assert all(ONE_LINE.fullmatch(line) for line in lines[1:]), output
    # The flagship's notices (its third-party list's values still to confirm, the list its sharing section does
    # not name yet) are printed beside the refusal; they refuse nothing.
    return [line for line in lines[1:] if not any(f": {rule}: " in line for rule in NOTICE_RULES)]


def publish(project: Project, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`make publish`'s command, run in this process with ``env`` as its environment (tests/inprocess_support.py):
    git is found, or not, on that environment's PATH as the command's child would find it."""
    arguments = ["--root", str(project.root), "build", "--site-dir", "site", "--require-release", *args]
    code, out, err = inprocess_support.run_policysite(
        arguments, {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICYSITE_TODAY": TODAY.isoformat(), **(env or {})})
    return subprocess.CompletedProcess([sys.executable, "-m", "policysite", *arguments], code, out, err)


# --- history -------------------------------------------------------------------------------------------------------

def test_a_committed_release_passes_and_publishing_checks_it(repo: Project) -> None:
    policy = judge(repo.root, today=TODAY, publishing=True)
    assert [v.version for v in policy.versions] == [1] and policy.archive.notices == []


def test_a_forged_text_with_its_hash_recomputed_is_refused_at_the_changed_line(repo: Project) -> None:
    forge(repo)
    found = findings(repo)
    line = line_of(repo, FROZEN, "We may verify your identity")
    assert found[0].startswith(f"{FROZEN}:{line}: archive.rewritten: this archived text differs from version 1 "
                               "(effective 2024-11-18) in `en` as released in commit ")
    assert "git checkout " in found[0] and f"-- {FROZEN}`" in found[0]
    entry = line_of(repo, LOCK, '"version": 1')
    assert found[1].startswith(f"{LOCK}:{entry}: archive.rewritten: version 1's entry differs from the one committed")
    assert len(found) == 2, found


def test_a_forgery_committed_later_is_still_refused(repo: Project) -> None:
    """History keeps the text as first committed: a later commit cannot launder a forgery."""
    forge(repo)
    git(repo.root, "commit", "-qam", "Typo fix in the archive")
    assert [f.split(": ")[1] for f in findings(repo)] == ["archive.rewritten", "archive.rewritten"]


def test_an_edit_without_a_new_hash_is_reported_once_with_its_line(repo: Project) -> None:
    repo.replace(FROZEN, SENTENCE, "We shall verify your identity")
    (found,) = findings(repo)  # the lock's archive.modified is said more precisely by history
    assert found.startswith(f"{FROZEN}:{line_of(repo, FROZEN, 'We shall')}: archive.rewritten:")


def test_a_deleted_archive_is_refused_for_every_file_and_the_lock(repo: Project) -> None:
    shutil.rmtree(repo.path("archive"))
    found = findings(repo)
    # The PDFs are part of the release, anchored in history like the texts (issue #12).
    assert [f.split(": ")[:2] for f in found] == [["archive/2024-11-18/en.md:1", "archive.missing"],
                                                   ["archive/2024-11-18/en.pdf:1", "archive.missing"],
                                                   ["archive/2024-11-18/zh.md:1", "archive.missing"],
                                                   ["archive/2024-11-18/zh.pdf:1", "archive.missing"],
                                                   [f"{LOCK}:1", "archive.missing"]]
    assert "version 1 (effective 2024-11-18) in `zh` was released and committed" in found[2]
    assert "version 1 (effective 2024-11-18) in `zh` was released and committed" in found[3]


def test_a_deleted_archive_stays_refused_after_the_deletion_is_committed(repo: Project) -> None:
    shutil.rmtree(repo.path("archive"))
    git(repo.root, "commit", "-qam", "Start the archive afresh")
    assert {f.split(": ")[1] for f in findings(repo)} == {"archive.missing"}
    result = run(repo.root, "check", today=TODAY.isoformat())
    assert result.returncode == 1 and len(refusal_lines(result.output)) == 5  # two texts, two PDFs, the lock


def test_the_next_release_after_a_deletion_cannot_rewrite_version_1(repo: Project) -> None:
    shutil.rmtree(repo.path("archive"))
    git(repo.root, "commit", "-qam", "Start the archive afresh")
    policy_before = repo.read("data/policy.yml")
    edit_text(repo)
    result = release(repo, "--material", "no", "--effective", "2027-01-01", *summary_args(), today="2026-12-01")
    assert result.returncode == 1 and "Release refused" in result.output and "Traceback" not in result.output
    assert f"{FROZEN}:1: archive.missing:" in result.output and "Nothing was written." in result.output
    assert not repo.path("archive").exists() and repo.read("data/policy.yml") == policy_before


def test_a_policy_that_does_not_load_still_reports_a_forged_archive(repo: Project) -> None:
    """One run reports everything: history is checked even when the texts cannot be assembled."""
    forge(repo)
    repo.replace("docs/zh/sections/contact.md", "{{ contact.email }}", "{{ contact.emial }}")
    rules = [f.split(": ")[1] for f in findings(repo)]
    assert "placeholder.unknown" in rules and rules.count("archive.rewritten") == 2, rules


def test_a_lock_entry_that_disappears_is_refused(repo: Project) -> None:
    lock = json.loads(repo.read(LOCK))
    lock["versions"] = []
    repo.write(LOCK, json.dumps(lock, indent=2) + "\n")
    found = findings(repo)
    assert any(f.startswith(f"{LOCK}:1: archive.missing: version 1 (effective 2024-11-18) was released and committed")
               for f in found), found


def test_an_edited_released_date_is_refused_at_its_line(repo: Project) -> None:
    repo.replace(LOCK, '"released": "2026-11-22"', '"released": "2026-11-20"')
    (found,) = findings(repo)
    assert found.startswith(f"{LOCK}:{line_of(repo, LOCK, RELEASED)}: archive.released: version 1 says it was "
                            "released on 2026-11-20, but it was committed as released on 2026-11-22")
    assert 'write `"released": "2026-11-22"` back' in found


def test_a_released_date_later_than_its_commit_is_refused(project: Project) -> None:
    project.replace(LOCK, '"released": "2026-11-22"', '"released": "2099-01-01"')
    committed(project)
    (found,) = findings(project)
    assert found.startswith(f"{LOCK}:{line_of(project, LOCK, RELEASED)}: archive.released: version 1 was "
                            "recorded as released on 2099-01-01, but commit ")


def test_the_released_date_is_compared_with_the_commit_day_in_the_archive_time_zone(project: Project) -> None:
    """Released on 2026-11-22 in Shanghai, committed at 23:30 UTC the day before: the same day there."""
    project.write(".gitignore", "site/\n")
    git(project.root, "init", "-q")
    git(project.root, "add", ".")
    git(project.root, "commit", "-qm", "Release version 1", date="2026-11-21T23:30:00+00:00")
    assert check_history(project.root, "Asia/Shanghai").findings == []
    assert [f.rule for f in check_history(project.root, "UTC").findings] == ["archive.released"]


def test_an_uncommitted_release_builds_but_is_not_published(repo: Project) -> None:
    edit_text(repo)
    made = release(repo, "--material", "no", "--effective", "2027-01-10", *summary_args(), today="2026-12-01")
    assert made.returncode == 0, made.output
    judge(repo.root, today=dt.date(2026, 12, 1))  # `make build` previews it
    found = findings(repo, publishing=True)
    line = line_of(repo, LOCK, '"version": 2')
    assert found == [found[0]] and found[0].startswith(
        f"{LOCK}:{line}: archive.uncommitted: version 2 (effective 2027-01-10) is not committed yet "
        "(archive/2027-01-10/zh.md, archive/2027-01-10/en.md)")
    result = publish(repo, env={"POLICYSITE_TODAY": "2026-12-01"})
    assert result.returncode == 1 and refusal_lines(result.stderr)[0].startswith(f"{LOCK}:{line}: archive.uncommitted:")
    git(repo.root, "add", "archive", "data/policy.yml")
    git(repo.root, "commit", "-qm", "Release version 2, effective 2027-01-10", date="2026-12-01T12:00:00+08:00")
    policy = judge(repo.root, today=dt.date(2026, 12, 1), publishing=True)
    assert [(v.version, v.status) for v in policy.versions] == [(1, "current"), (2, "upcoming")]


def test_outside_a_git_checkout_check_and_build_warn_and_publish_refuses(project: Project) -> None:
    warning = (f"Warning: {LOCK}:1: archive.history: the archive's history could not be checked: the project is not "
               "a git checkout")
    checked = run(project.root, "check", today=TODAY.isoformat())
    assert checked.returncode == 0 and warning in checked.output, checked.output
    built = run(project.root, "build", "--site-dir", "preview", today=TODAY.isoformat())  # strict, yet it goes on
    assert built.returncode == 0 and warning in built.output, built.output
    result = publish(project)
    (line,) = refusal_lines(result.stderr)
    assert result.returncode == 1 and line.startswith(f"{LOCK}:1: archive.history:")
    assert "1 of them a warning, which also block publishing" in result.stderr
    assert not project.site.exists()


def test_without_git_installed_publish_refuses(repo: Project, tmp_path: Path) -> None:
    empty = tmp_path / "no-git"
    empty.mkdir()
    result = publish(repo, env={"PATH": str(empty)})
    (line,) = refusal_lines(result.stderr)
    assert result.returncode == 1 and "archive.history" in line and "git is not installed" in line


def test_a_shallow_clone_cannot_vouch_for_earlier_releases(repo: Project, tmp_path: Path) -> None:
    repo.write("docs/.keep", "")
    git(repo.root, "add", ".")
    git(repo.root, "commit", "-qm", "later")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.root.as_uri(), str(shallow))
    anchoring = check_history(shallow)
    assert anchoring.findings == [] and [f.rule for f in anchoring.publishing] == ["archive.history"]
    assert "shallow" in anchoring.publishing[0].problem and "fetch-depth: 0" in anchoring.publishing[0].problem


def test_a_project_in_a_sub_folder_of_its_repository_reads_its_own_history(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "repo" / "policy")
    git(tmp_path / "repo", "init", "-q")
    git(tmp_path / "repo", "add", ".")
    git(tmp_path / "repo", "commit", "-qm", "Release version 1")
    forge(project)
    assert [f.rule for f in check_history(project.root).findings] == ["archive.rewritten", "archive.rewritten"]


def test_a_hundred_releases_cost_three_git_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One log over archive/ and one cat-file batch, whatever the number of versions."""
    root = tmp_path / "many"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    stream, lock = [], Lock(policy="p")
    for number in range(1, 101):
        effective = dt.date(2020, 1, 1) + dt.timedelta(days=number)
        content = f"version {number}\n".encode()
        lock.versions.append(LockedVersion(number, effective, dt.date(2020, 1, 1),
                                           {"en": (f"{effective}/en.md", hashlib.sha256(content).hexdigest())}))
        locked = lock.to_json().encode()
        stream.append(f"commit refs/heads/main\ncommitter T <t@example.com> {1_600_000_000 + number} +0000\n"
                      f"data 2\nv\n"
                      f"M 100644 inline archive/{effective}/en.md\ndata {len(content)}\n".encode() + content
                      + f"\nM 100644 inline archive/archive.lock.json\ndata {len(locked)}\n".encode() + locked + b"\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream), check=True)
    git(root, "checkout", "-q", "-f", "main")
    calls = []
    real_run = subprocess.run

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0][3])
        return real_run(*args, **kwargs)

    monkeypatch.setattr("policysite.archive.git.subprocess.run", counted)
    assert check_history(root, "UTC").findings == []
    assert calls == ["rev-parse", "log", "cat-file"]
    (root / "archive" / "2020-02-10" / "en.md").write_text("version 40, improved\n", encoding="utf-8")
    (found,) = check_history(root, "UTC").findings
    assert found.format().startswith("archive/2020-02-10/en.md:1: archive.rewritten: this archived text differs from "
                                     "version 40 (effective 2020-02-10)")


def test_a_repository_without_commits_has_nothing_to_vouch_for(project: Project) -> None:
    git(project.root, "init", "-q")
    anchoring = check_history(project.root)
    assert anchoring.findings == [] and anchoring.notices == []
    assert [f.rule for f in anchoring.publishing] == ["archive.uncommitted"]


# --- the live site (`make publish AGAINST=…`) -----------------------------------------------------------------------

def published_copy(flagship: Project, target: Path, change=None) -> Path:  # type: ignore[no-untyped-def]
    """A copy of the flagship's published policy.json, optionally changed, as a deployed site's folder."""
    manifest = json.loads((flagship.site / "policy.json").read_text(encoding="utf-8"))
    if change:
        change(manifest)
    target.mkdir(parents=True, exist_ok=True)
    (target / "policy.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return target


def published_version_2(manifest: dict) -> None:
    later = json.loads(json.dumps(manifest["versions"][0]))
    later.update(version=2, effective="2025-03-01")
    manifest["versions"].append(later)


def other_hash(manifest: dict) -> None:
    manifest["versions"][0]["languages"]["zh"]["sha256"] = "0" * 64


def test_against_the_published_site_itself_passes(repo: Project, flagship: Project) -> None:
    policy = judge(repo.root, today=TODAY, publishing=True)
    assert against_findings(policy, str(flagship.site)) == []


def test_against_a_site_publishing_a_version_missing_here_is_refused(repo: Project, flagship: Project,
                                                                      tmp_path: Path) -> None:
    live = published_copy(flagship, tmp_path / "live", published_version_2)
    result = publish(repo, "--against", str(live))
    (line,) = refusal_lines(result.stderr)
    assert result.returncode == 1 and line.startswith(
        f"{LOCK}:1: archive.live: version 2 (effective 2025-03-01), published at {live / 'policy.json'}, is not in "
        "archive/ here")
    assert not repo.site.exists()


def test_against_a_site_with_a_different_text_hash_is_refused(repo: Project, flagship: Project, tmp_path: Path) -> None:
    live = published_copy(flagship, tmp_path / "live", other_hash)
    (found,) = against_findings(judge(repo.root, today=TODAY), str(live))
    assert found.format().startswith("archive/2024-11-18/zh.md:1: archive.live: this text (SHA-256 4bb7c84f")
    assert f"(SHA-256 {'0' * 64})" in found.problem


def test_against_a_site_of_another_policy_is_refused(repo: Project, flagship: Project, tmp_path: Path) -> None:
    live = published_copy(flagship, tmp_path / "live", lambda m: m.update(policy="someone-else"))
    (found,) = against_findings(judge(repo.root, today=TODAY), str(live))
    assert found.rule == "archive.live" and found.path == "data/policy.yml" and "`someone-else`" in found.problem


@pytest.mark.parametrize("source, reason", [
    ("file:///etc/passwd", "is neither an http(s) address nor a folder"),
    ("ftp://127.0.0.1/site/", "is neither an http(s) address nor a folder"),
    ("/nonexistent/site", "there is no file /nonexistent/site"),
    ("http://127.0.0.1:9/", "could not be reached"),
])
def test_against_what_cannot_be_read_is_refused(repo: Project, source: str, reason: str) -> None:
    (found,) = against_findings(judge(repo.root, today=TODAY), source)
    assert found.rule == "archive.live-read" and found.path == source and reason in found.problem


@pytest.mark.parametrize("content, reason", [
    (b"\xff\xfe", "is not JSON"),
    (b'{"policy": "xometry-asia-data-protection"}', "has no list of `versions`"),
    (b'{"policy": "p", "versions": [{"version": "1"}]}', "versions[0] has no version number"),
    (b'{"policy": "p", "versions": [{"version": 1, "effective": "2024-11-18", "languages": {"en": {}}}]}',
     "versions[0].languages.en has no SHA-256"),
    (b" " * 5_000_001, "larger than 5 MB"),
])
def test_against_a_file_that_is_no_manifest_is_refused(repo: Project, tmp_path: Path, content: bytes,
                                                      reason: str) -> None:
    (tmp_path / "policy.json").write_bytes(content)
    (found,) = against_findings(judge(repo.root, today=TODAY), str(tmp_path))
    assert found.rule == "archive.live-read" and reason in found.problem, found.problem


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/elsewhere/policy.json":  # a redirect that would leave http(s)
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/policy.json")  # urllib alone would follow it
            self.end_headers()
            return
        super().do_GET()


@pytest.fixture
def live_site(flagship: Project, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A loopback web server (127.0.0.1 only) serving a copy of the flagship's published site."""
    folder = tmp_path / "served"
    shutil.copytree(flagship.site, folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", folder
    finally:
        server.shutdown()
        server.server_close()


def test_publish_against_the_live_site_over_http(repo: Project, live_site: tuple[str, Path]) -> None:
    url, folder = live_site
    result = publish(repo, "--against", url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (repo.site / "policy.json").is_file()
    manifest = json.loads((folder / "policy.json").read_text(encoding="utf-8"))
    other_hash(manifest)
    (folder / "policy.json").write_text(json.dumps(manifest), encoding="utf-8")
    refused = publish(repo, "--against", url + "policy.json")
    (line,) = refusal_lines(refused.stderr)
    assert refused.returncode == 1 and line.startswith("archive/2024-11-18/zh.md:1: archive.live:")
    assert f"published at {url}policy.json" in line


def test_against_a_redirect_away_from_http_is_refused(repo: Project, live_site: tuple[str, Path]) -> None:
    url, _ = live_site
    (found,) = against_findings(judge(repo.root, today=TODAY), url + "elsewhere/")
    assert found.rule == "archive.live-read" and "which is not an http(s) address" in found.problem
