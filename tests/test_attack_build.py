"""The build command attacked: where it writes, what it may replace, signals, races, messages.

Every case runs the real command (`python -m policysite build`) on a copy of the
flagship in a temporary folder. Folders "outside the project" are temporary
folders holding a canary file, never real system folders. Every subprocess has
a timeout, so a hang fails the test instead of the suite.
"""

from __future__ import annotations

import fcntl
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import Project, copy_project

TIMEOUT = 240  # seconds for one build on a loaded two-core machine
FINDING = re.compile(r"^(\S+?):(\d+): ([a-z]+\.[a-z-]+): (.+) — (.+)$")
CANARY = "this folder is not the site's to delete\n"


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policysite", "--root", str(root), *args], capture_output=True,
                          text=True, timeout=TIMEOUT, env={**os.environ, **(env or {})})


def start(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "policysite", "--root", str(root), "build", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def victim(folder: Path) -> Path:
    """A folder outside the project with something in it that must survive."""
    folder.mkdir(parents=True)
    (folder / "canary.txt").write_text(CANARY, encoding="utf-8")
    (folder / "nested").mkdir()
    (folder / "nested" / "keep.conf").write_text("keep\n", encoding="utf-8")
    return folder


def untouched(folder: Path) -> bool:
    return ((folder / "canary.txt").read_text(encoding="utf-8") == CANARY
            and (folder / "nested" / "keep.conf").read_text(encoding="utf-8") == "keep\n"
            and sorted(p.name for p in folder.iterdir()) == ["canary.txt", "nested"])


def refused(result: subprocess.CompletedProcess[str], rule: str, path: str) -> str:
    """The one finding line of a refusal, checked: non-zero exit, no traceback, the form, the path."""
    text = output(result)
    assert result.returncode != 0, text
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if f": {rule}: " in line]
    assert len(lines) == 1, text
    match = FINDING.match(lines[0])
    assert match and match.group(1) == path and match.group(3) == rule, lines[0]
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".site-build-", ".site-old-")))


def mark_previous_site(project: Project, text: str = "previously published") -> Path:
    """A site a build made before: what a build may replace."""
    project.site.mkdir(exist_ok=True)
    (project.site / ".policysite-site").write_text("built\n", encoding="utf-8")
    (project.site / "index.html").write_text(text, encoding="utf-8")
    return project.site / "index.html"


def processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = next((l for l in (entry / "status").read_text().splitlines() if l.startswith("State:")), "")
        except OSError:
            continue
        if text in cmdline and "zombie" not in state:
            found.append(int(entry.name))
    return found


def wait_for_mkdocs(folder: Path, process: subprocess.Popen[str]) -> str:
    """The staging folder's name once MkDocs is running in it (the build is under way)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        staging = [p.name for p in folder.glob(".site-build-*")]
        if staging and processes_mentioning(staging[0]):
            return staging[0]
        time.sleep(0.02)
    raise AssertionError("MkDocs never started")


@pytest.fixture
def fresh(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")


# --- where a build may write ---------------------------------------------------------------

def test_an_outside_folder_with_files_is_never_replaced(fresh: Project, tmp_path: Path) -> None:
    etc = victim(tmp_path / "etc")
    result = run(fresh.root, "build", "--site-dir", str(etc))
    line = refused(result, "site.folder", etc.as_posix())
    assert ".policysite-site" in line and "nothing was published" in line
    assert untouched(etc)
    assert leftovers(tmp_path) == []


def test_dot_dot_traversal_to_a_neighbour_is_refused(fresh: Project, tmp_path: Path) -> None:
    neighbour = victim(tmp_path / "neighbour")
    result = run(fresh.root, "build", "--site-dir", "site/../../neighbour")
    refused(result, "site.folder", neighbour.as_posix())
    assert untouched(neighbour)
    assert not fresh.site.exists()


def test_dot_dot_to_a_folder_holding_the_project_is_refused_before_building(fresh: Project) -> None:
    result = run(fresh.root, "build", "--site-dir", "../..")
    refused(result, "site.folder", fresh.root.parent.parent.as_posix())
    assert "holds the project" in output(result)
    assert "Building documentation" not in output(result)  # refused before MkDocs starts
    assert (fresh.root / "mkdocs.yml").is_file()


@pytest.mark.parametrize("given", [".", "", "./", "site/.."])
def test_the_project_folder_itself_is_refused(fresh: Project, given: str) -> None:
    result = run(fresh.root, "build", "--site-dir", given)
    refused(result, "site.folder", ".")
    assert "project folder itself" in output(result)
    assert (fresh.root / "docs" / "zh" / "sections").is_dir() and (fresh.root / "data" / "policy.yml").is_file()


def test_the_project_folder_by_absolute_path_is_refused(fresh: Project) -> None:
    result = run(fresh.root, "build", "--site-dir", str(fresh.root))
    refused(result, "site.folder", ".")


@pytest.mark.parametrize("given", ["docs", "docs/zh", "docs/site", "data", "archive", "hooks", "overrides", ".git/site"])
def test_folders_the_build_reads_are_refused(fresh: Project, given: str) -> None:
    before = sorted(str(p.relative_to(fresh.root)) for p in fresh.root.rglob("*"))
    result = run(fresh.root, "build", "--site-dir", given)
    refused(result, "site.folder", given)
    assert "which the build reads" in output(result)
    assert sorted(str(p.relative_to(fresh.root)) for p in fresh.root.rglob("*")) == before


def test_a_site_link_pointing_outside_is_refused_and_left_alone(fresh: Project, tmp_path: Path) -> None:
    outside = victim(tmp_path / "srv")
    fresh.site.symlink_to(outside, target_is_directory=True)
    result = run(fresh.root, "build", "--site-dir", "site")
    line = refused(result, "site.folder", "site")
    assert "symbolic link" in line and str(outside) in line
    assert fresh.site.is_symlink() and os.readlink(fresh.site) == str(outside)
    assert untouched(outside)


def test_a_site_link_to_an_empty_folder_is_refused_too(fresh: Project, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    fresh.site.symlink_to(empty, target_is_directory=True)
    refused(run(fresh.root, "build"), "site.folder", "site")
    assert list(empty.iterdir()) == []


def test_a_linked_parent_folder_is_judged_where_it_really_leads(fresh: Project, tmp_path: Path) -> None:
    """`out/project` where out → the folder holding the project is the project itself."""
    (fresh.root / "out").symlink_to(fresh.root.parent, target_is_directory=True)
    result = run(fresh.root, "build", "--site-dir", "out/project")
    refused(result, "site.folder", ".")


def test_a_linked_parent_leading_to_a_victim_is_refused(fresh: Project, tmp_path: Path) -> None:
    www = victim(tmp_path / "www" / "html").parent
    (fresh.root / "public").symlink_to(www, target_is_directory=True)
    result = run(fresh.root, "build", "--site-dir", "public/html")
    refused(result, "site.folder", (www / "html").as_posix())
    assert untouched(www / "html")


def test_a_file_where_the_site_folder_should_be_is_refused(fresh: Project) -> None:
    fresh.write("site", "not a folder\n")
    result = run(fresh.root, "build")
    assert "a file is where the site folder should be" in refused(result, "site.folder", "site")
    assert fresh.read("site") == "not a folder\n"


def test_a_fake_marker_that_is_a_link_does_not_make_a_folder_the_builds(fresh: Project, tmp_path: Path) -> None:
    home = victim(tmp_path / "home")
    (home / ".policysite-site").symlink_to(home / "canary.txt")
    result = run(fresh.root, "build", "--site-dir", str(home))
    refused(result, "site.folder", home.as_posix())
    assert (home / "canary.txt").read_text(encoding="utf-8") == CANARY


def test_an_unmarked_site_folder_in_the_project_is_kept_with_the_way_out(fresh: Project) -> None:
    """A site/ from before the marker existed, or someone's own folder named site: never deleted."""
    fresh.write("site/index.html", "hand-made\n")
    result = run(fresh.root, "build")
    line = refused(result, "site.folder", "site")
    assert "make clean" in line
    assert fresh.read("site/index.html") == "hand-made\n"
    assert leftovers(fresh.root) == []


def test_a_failing_build_into_an_unmarked_folder_reports_the_policy_problem_first(fresh: Project) -> None:
    fresh.write("site/index.html", "hand-made\n")
    fresh.path("docs/en/sections/minors.md").unlink()
    result = run(fresh.root, "build")
    assert result.returncode != 0
    assert "docs/en/sections/minors.md:1: section.missing:" in output(result)
    assert fresh.read("site/index.html") == "hand-made\n"


def test_an_empty_outside_folder_becomes_a_marked_site(fresh: Project, tmp_path: Path) -> None:
    empty = tmp_path / "public"
    empty.mkdir()
    result = run(fresh.root, "build", "--site-dir", str(empty))
    assert result.returncode == 0, output(result)
    assert (empty / "index.html").is_file() and (empty / ".policysite-site").is_file()
    assert leftovers(tmp_path) == []
    # …and, being marked now, the next build may replace it.
    (empty / "stale.html").write_text("old", encoding="utf-8")
    again = run(fresh.root, "build", "--site-dir", str(empty))
    assert again.returncode == 0, output(again)
    assert not (empty / "stale.html").exists() and leftovers(tmp_path) == []


def test_a_rebuild_replaces_the_marked_site_and_leaves_no_old_version(fresh: Project) -> None:
    mark_previous_site(fresh)
    (fresh.site / "stale.html").write_text("old", encoding="utf-8")
    result = run(fresh.root, "build")
    assert result.returncode == 0, output(result)
    assert not (fresh.site / "stale.html").exists()
    assert "择幂（上海）科技有限公司" in fresh.page("zh")
    assert leftovers(fresh.root) == []
    assert not fresh.site.is_symlink() and fresh.site.stat().st_mode & 0o777 == 0o755


def test_a_missing_project_is_one_line(tmp_path: Path) -> None:
    result = run(tmp_path / "nowhere", "build")
    assert result.returncode != 0 and "Traceback" not in output(result)
    assert len(output(result).strip().splitlines()) == 1 and ": site.folder: " in output(result)


# --- one build at a time ---------------------------------------------------------------------

def test_a_held_lock_refuses_the_second_build_naming_the_first(fresh: Project) -> None:
    lock = fresh.root / ".policysite-build.lock"
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write("4242\n")
        handle.flush()
        result = run(fresh.root, "build")
    line = refused(result, "site.build-lock", ".policysite-build.lock")
    assert "process 4242" in line and "wait for that build to finish" in line
    assert not fresh.site.exists() and leftovers(fresh.root) == []


def test_two_real_builds_at_once_one_publishes_the_other_is_told_why(fresh: Project) -> None:
    mark_previous_site(fresh)
    first = start(fresh.root)
    try:
        wait_for_mkdocs(fresh.root, first)
        second = run(fresh.root, "build")
        line = refused(second, "site.build-lock", ".policysite-build.lock")
        assert f"process {first.pid}" in line
        out, err = first.communicate(timeout=TIMEOUT)
    finally:
        first.kill()
    assert first.returncode == 0, out + err
    assert "择幂（上海）科技有限公司" in fresh.page("zh") and leftovers(fresh.root) == []
    # The lock died with the first build: a third one runs.
    assert run(fresh.root, "build").returncode == 0


# --- signals ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_mid_build_stops_mkdocs_and_cleans_up(fresh: Project, signum: int, code: int) -> None:
    marker = mark_previous_site(fresh)
    build = start(fresh.root)
    try:
        staging = wait_for_mkdocs(fresh.root, build)
        time.sleep(0.3)
        build.send_signal(signum)
        out, err = build.communicate(timeout=60)
    finally:
        build.kill()
    assert build.returncode == code, out + err
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if ": site.interrupted: " in line]
    assert len(lines) == 1 and FINDING.match(lines[0]) and signal.Signals(signum).name in lines[0]
    assert leftovers(fresh.root) == [], f"{staging} left behind"
    assert processes_mentioning(staging) == [], "MkDocs still running"
    assert marker.read_text(encoding="utf-8") == "previously published"
    assert sorted(p.name for p in fresh.site.iterdir()) == [".policysite-site", "index.html"]


def test_a_killed_build_leaves_no_mkdocs_running_and_the_next_build_clears_its_leftover(fresh: Project) -> None:
    build = start(fresh.root)
    try:
        staging = wait_for_mkdocs(fresh.root, build)
        build.send_signal(signal.SIGKILL)  # no chance to clean up
        build.communicate(timeout=60)
    finally:
        build.kill()
    deadline = time.monotonic() + 30
    while processes_mentioning(staging) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_mentioning(staging) == [], "MkDocs outlived the build that started it"
    assert (fresh.root / staging).is_dir()  # SIGKILL: nothing could remove it…
    result = run(fresh.root, "build")
    assert result.returncode == 0, output(result)
    assert leftovers(fresh.root) == []  # …the next build did


# --- site/ is never absent nor half-written ----------------------------------------------------

def test_site_is_complete_at_every_instant_of_a_rebuild(fresh: Project) -> None:
    first = run(fresh.root, "build")
    assert first.returncode == 0, output(first)
    expected = {"index.html", "404.html", "en", "assets", "sitemap.xml", ".policysite-site"}
    assert expected <= set(os.listdir(fresh.site))
    before = os.stat(fresh.site).st_ino
    problems: list[str] = []
    polls = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal polls
        while not done.is_set():
            polls += 1
            try:
                names = set(os.listdir(fresh.site))
                if not expected <= names:
                    problems.append(f"missing {sorted(expected - names)}")
                with open(fresh.site / "en" / "index.html", encoding="utf-8") as page:
                    if "</html>" not in page.read():
                        problems.append("en/index.html half-written")
            except OSError as error:
                problems.append(repr(error))

    watcher = threading.Thread(target=poll)
    watcher.start()
    try:
        rebuild = run(fresh.root, "build")
    finally:
        done.set()
        watcher.join(timeout=30)
    assert rebuild.returncode == 0, output(rebuild)
    assert os.stat(fresh.site).st_ino != before, "the rebuild did not swap in a new folder"
    assert polls > 100 and problems == []


# --- messages in one form ----------------------------------------------------------------------

def _broken_link(project: Project, language: str, section: str, link: str) -> int:
    # The other language gets the same sentence without the link: a paragraph in one language only
    # would be reported (parity.paragraph) before links are followed.
    for each, sentence in (("zh", "另见其他页面。"), ("en", "See the other page.")):
        path = f"docs/{each}/sections/{section}.md"
        lines = project.read(path).splitlines()
        lines.insert(2, f"See [the other page]({link}).\n" if each == language else f"{sentence}\n")
        project.write(path, "\n".join(lines) + "\n")
    return 3


@pytest.mark.parametrize(("language", "section"), [("zh", "minors"), ("en", "storage")])
def test_a_broken_link_names_the_section_file_and_line(fresh: Project, language: str, section: str) -> None:
    marker = mark_previous_site(fresh)
    line = _broken_link(fresh, language, section, "missing-page.md")
    result = run(fresh.root, "build")
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text
    found = [l for l in text.splitlines() if ": section.link-target: " in l]
    assert found == [f"docs/{language}/sections/{section}.md:{line}: section.link-target: the link `missing-page.md` "
                     "leads to no page of the site (MkDocs finds no such file) — link to a section of this page as "
                     "`#section-id`, or write the full https:// address of another page"], text
    assert "Doc file '" not in text  # MkDocs' own wording, naming a page nobody edits, is gone
    assert marker.read_text(encoding="utf-8") == "previously published"


def test_every_problem_line_of_a_failed_build_has_the_one_form(fresh: Project) -> None:
    fresh.path("docs/en/sections/minors.md").unlink()
    fresh.replace("docs/zh/sections/contact.md", "{{ contact.email }}", "{{ contact.mail }}")
    _broken_link(fresh, "zh", "storage", "nope.md")
    text = output(run(fresh.root, "build"))
    problems = [l for l in text.splitlines() if re.search(r"\b(section|placeholder|site|internal)\.[a-z-]+: ", l)]
    assert problems and all(FINDING.match(l) for l in problems), text
    assert "docs/en/sections/minors.md:1: section.missing:" in text


def test_a_crash_in_mkdocs_is_one_internal_error_line(fresh: Project) -> None:
    fresh.write("hooks/crash.py", "def on_page_markdown(markdown, **kwargs):\n    raise ValueError('boom')\n")
    fresh.replace("mkdocs.yml", "  - hooks/judge.py\n", "  - hooks/judge.py\n  - hooks/crash.py\n")
    marker = mark_previous_site(fresh)
    result = run(fresh.root, "build")
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text
    lines = [l for l in text.splitlines() if ": internal.error: " in l]
    assert lines == [lines[0]] and lines[0].startswith("hooks/crash.py:2: internal.error: unexpected ValueError: boom")
    assert "POLICYSITE_DEBUG=1" in lines[0]
    assert marker.read_text(encoding="utf-8") == "previously published"
    debug = run(fresh.root, "build", env={"POLICYSITE_DEBUG": "1"})
    assert "Traceback (most recent call last)" in output(debug) and debug.returncode != 0


def test_a_crash_in_the_command_is_one_internal_error_line(monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str], fresh: Project) -> None:
    from policysite import cli

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("policy")

    monkeypatch.setattr(cli, "judge", broken)
    monkeypatch.setattr(cli, "stages", broken)  # what `check` calls since it stops before the site plan
    monkeypatch.delenv("POLICYSITE_DEBUG", raising=False)
    assert cli.main(["--root", str(fresh.root), "check"]) == 70
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and FINDING.match(err), err
    assert err.startswith("policysite/cli.py:") and ": internal.error: unexpected KeyError: 'policy' — " in err
    monkeypatch.setenv("POLICYSITE_DEBUG", "1")
    with pytest.raises(KeyError):
        cli.main(["--root", str(fresh.root), "check"])


@pytest.mark.parametrize("args", [
    ["deploy"],
    ["build", "--site-dir"],
    ["build", "--frobnicate"],
    ["release", "--effective", "2025-13-01"],
    ["release", "--effective", "tomorrow"],
    ["release", "--summary", "no-equals-sign"],
    [],
])
def test_bad_command_lines_are_one_line_without_traceback(fresh: Project, args: list[str]) -> None:
    result = run(fresh.root, *args)
    text = output(result)
    assert result.returncode == 2, text
    assert "Traceback" not in text and "usage:" not in text
    assert len(text.strip().splitlines()) == 1 and "--help" in text, text
    assert not fresh.site.exists()


def test_the_exchange_never_shows_a_gap_even_over_many_swaps(tmp_path: Path) -> None:
    """The swap primitive itself, hammered: a reader polling by path never finds site/ missing."""
    from policysite.swap import exchange
    site, staging = tmp_path / "site", tmp_path / ".site-build-x"
    for folder, text in ((site, "old"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    misses: list[str] = []
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            if not os.path.isfile(site / "index.html"):
                misses.append("gap")

    watcher = threading.Thread(target=poll)
    watcher.start()
    try:
        for _ in range(3000):
            exchange(staging, site)
    finally:
        done.set()
        watcher.join(timeout=30)
    assert misses == []
    assert (site / "index.html").read_text(encoding="utf-8") == "old"  # an even number of swaps


def test_a_configuration_warning_is_a_finding_at_its_line_of_mkdocs_yml(fresh: Project) -> None:
    marker = mark_previous_site(fresh)
    fresh.replace("mkdocs.yml", "use_directory_urls: true\n", "use_directory_urls: true\nfrobnicate: 1\n")
    line = fresh.read("mkdocs.yml").splitlines().index("frobnicate: 1") + 1
    result = run(fresh.root, "build")
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text
    found = [l for l in text.splitlines() if ": site.mkdocs-warning: " in l]
    assert len(found) == 1 and found[0].startswith(f"mkdocs.yml:{line}: site.mkdocs-warning: MkDocs warns: "
                                                   "Config value 'frobnicate'") and FINDING.match(found[0]), text
    assert marker.read_text(encoding="utf-8") == "previously published"


# --- the mapping from MkDocs' page to the section file, without a build ---------------------------

def test_a_warning_about_the_english_web_view_names_the_english_section(fresh: Project) -> None:
    from policysite.judge import judge
    from policysite.mkdocs_messages import warning_finding
    _broken_link(fresh, "zh", "rights", "gone.md")
    line = _broken_link(fresh, "en", "rights", "gone.md")  # inserted last: the English link stays on its line
    policy = judge(fresh.root, commit_date=lambda *_: None)
    message = "Doc file 'en/webview/index.md' contains a link 'gone.md', but the target 'en/webview/gone.md' is not found"
    finding = warning_finding(message + " among documentation files.", policy)
    assert (finding.path, finding.line, finding.rule) == ("docs/en/sections/rights.md", line, "section.link-target")
    zh = warning_finding(message.replace("en/webview", "webview") + " among documentation files.", policy)
    assert zh.path == "docs/zh/sections/rights.md"


def test_a_link_no_section_holds_is_named_at_the_page_line_one() -> None:
    from policysite.mkdocs_messages import warning_finding
    finding = warning_finding("Doc file 'archive/index.md' contains a link 'x.md', but the target is not found "
                              "among documentation files.", None)
    assert finding.format().startswith("docs/archive/index.md:1: section.link-target: the link `x.md` ")
