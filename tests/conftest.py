"""Shared fixtures: copy a real project into a temporary folder and build it for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import inprocess_support
from policysite.archive.pdf import CACHE_VARIABLE

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The hand-converted flagship policy, kept as a fixture: the tests never read the root content (data/, docs/,
# archive/, REVIEW-NOTES.md, mkdocs.yml), which a company that forks this repository replaces with its own.
FLAGSHIP = FIXTURES / "flagship"
# The machinery every site shares, taken from the repository; content (docs/, data/, archive/ and the
# site's mkdocs.yml) comes from the flagship fixture or another fixture.
MACHINERY = ("hooks", "overrides")
# The real commands the tests start (policysite, MkDocs as its child) compile the project's modules once into
# __pycache__ and reuse them, as on a developer's machine; under PYTHONDONTWRITEBYTECODE, which some shells and
# CI images set, every child would compile policysite from source again (about 0.2 s of CPU per interpreter).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@dataclass
class BuildResult:
    returncode: int
    output: str


@dataclass
class Project:
    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def replace(self, relative: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        self.write(relative, text.replace(old, new, count))

    def build(self) -> BuildResult:
        return run_policysite(self.root, "build", "--site-dir", "site")

    def check(self) -> BuildResult:
        return run_policysite(self.root, "check")

    def page(self, language: str, page: str = "") -> str:
        prefix = "" if language == "zh" else f"{language}/"
        return (self.site / prefix / page / "index.html").read_text(encoding="utf-8")


def run_policysite(root: Path, *args: str, env: dict[str, str] | None = None) -> BuildResult:
    """`python -m policysite --root ROOT ARGS`, run in this process with MkDocs (see inprocess_support.py):
    what it prints (stdout, then stderr) and its exit code, as from the command."""
    code, out, err = inprocess_support.run_policysite(["--root", str(root), *args],
                                                      env if env is not None else {**_env(), "NO_MKDOCS_2_WARNING": "1"})
    return BuildResult(code, out + err)


def run_policysite_process(root: Path, *args: str) -> BuildResult:
    """The same through the real command in its own process, for what only a process shows."""
    result = subprocess.run([sys.executable, "-m", "policysite", "--root", str(root), *args],
                            capture_output=True, text=True, env={**_env(), "NO_MKDOCS_2_WARNING": "1"})
    return BuildResult(result.returncode, result.stdout + result.stderr)


def _env() -> dict[str, str]:
    import os
    return dict(os.environ)


def copy_project(target: Path, *, content: Path = FLAGSHIP) -> Project:
    """A project in `target`: this repo's machinery with `content`'s docs/, data/, archive/ and mkdocs.yml
    (the flagship's mkdocs.yml when `content` has none)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in MACHINERY:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    for name in ("docs", "data"):
        shutil.copytree(content / name, target / name)
    if (content / "archive").is_dir():  # the released versions (`make release`)
        shutil.copytree(content / "archive", target / "archive")
    config = content / "mkdocs.yml" if (content / "mkdocs.yml").is_file() else FLAGSHIP / "mkdocs.yml"
    shutil.copy2(config, target / "mkdocs.yml")
    return Project(target)


@pytest.fixture(scope="session", autouse=True)
def pdf_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each release renders and checks its PDFs (seconds each); the suite releases the same fixture versions many
    times, so a PDF that passed is reused for the same input for the rest of the session (see policysite/archive/pdf.py).

    Under pytest-xdist the workers share one cache for the run (the folder above each worker's own temporary
    folder): the fixtures every worker releases are rendered and checked once, not once per worker. A PDF is
    written there whole or not at all (pdf._keep), so a worker never reads another's half-written file."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = tmp_path_factory.getbasetemp().parent / "pdf-cache"
        shared.mkdir(exist_ok=True)
        os.environ[CACHE_VARIABLE] = str(shared)
    else:
        os.environ[CACHE_VARIABLE] = str(tmp_path_factory.mktemp("pdf-cache"))
    yield
    os.environ.pop(CACHE_VARIABLE, None)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the flagship, to change and build."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def flagship(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The flagship built once per test session (read-only: do not modify)."""
    built = copy_project(tmp_path_factory.mktemp("flagship") / "project")
    result = built.build()
    assert result.returncode == 0, result.output
    return built


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = {**_env(), "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


# --- release setups shared by the session ------------------------------------------------------------------
# A release renders and checks PDFs and a build renders every page; several modules start from the same
# released project. Each is made once per session as a template, and every test (or module) gets its own
# copy of the folder, so no test sees another's changes.

def copy_of(template: Project, target: Path) -> Project:
    """A copy of the template's whole project folder (built site included) at ``target``."""
    shutil.copytree(template.root, target, symlinks=True)
    return Project(target)


@pytest.fixture(scope="session")
def first_release_edited_template(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Template: the flagship's version 1 released on 2025-02-20, then the text edited (`edit_text`) for a second."""
    from archive_support import edit_text, never_released, release
    project = never_released(copy_project(tmp_path_factory.mktemp("first-release-edited") / "project"))
    first = release(project, today="2025-02-20")
    assert first.returncode == 0, first.output
    edit_text(project)
    return project


@pytest.fixture(scope="session")
def two_versions_template(first_release_edited_template: Project,
                          tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Template: that edit released as version 2 effective 2025-03-01, and the site built on 2025-03-05."""
    from archive_support import build, release, summary_args
    project = copy_of(first_release_edited_template, tmp_path_factory.mktemp("two-versions") / "project")
    second = release(project, "--material", "yes", "--effective", "2025-03-01", *summary_args(), today="2025-03-01")
    assert second.returncode == 0, second.output
    built = build(project, today="2025-03-05")
    assert built.returncode == 0, built.output
    return project


@pytest.fixture(scope="session")
def scheduled_template(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Template: the flagship's version 2, released on 2026-11-23 to take effect on 2026-12-01."""
    from archive_support import edit_text, release, summary_args
    project = copy_project(tmp_path_factory.mktemp("scheduled") / "project")
    edit_text(project)
    result = release(project, "--material", "no", "--effective", "2026-12-01", *summary_args(), today="2026-11-23")
    assert result.returncode == 0, result.output
    return project
