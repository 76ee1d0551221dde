"""The tool's tests never read the root content: a company that forks this repository and imports its own
policy (`policysite import … --replace` rewrites data/, docs/, REVIEW-NOTES.md, mkdocs.yml and clears
archive/) still gets a green `make test`. The hand-converted flagship the tests use is tests/fixtures/flagship/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import FLAGSHIP, MACHINERY, PROJECT

TESTS = Path(__file__).resolve().parent
ROOT_CONTENT = r"""["'](?:data|docs|archive|REVIEW-NOTES\.md|mkdocs\.yml)(?:["'/])"""
# Each way a test has read the root content; the fix is the fixture (FLAGSHIP, copy_project's default).
READS = [
    re.compile(r"\bPROJECT\s*/\s*" + ROOT_CONTENT),                                  # PROJECT / "data"
    re.compile(r"parents\[1\]\)?\s*/\s*" + ROOT_CONTENT),                            # Path(__file__).parents[1] / "docs"
    re.compile(r"\b(?:judge|judged|load_policy|load_data|run_rules)\(\s*(?:PROJECT\b|Path\(__file__\))"),
    re.compile(r"\bcontent\s*(?::\s*Path\s*)?=\s*PROJECT\b"),                      # copy_project(…, content=PROJECT)
    re.compile(r"""["']--root["']\s*,\s*str\(PROJECT\)|run_policysite\(\s*PROJECT\b"""),
]


def root_content_reads(source: str) -> list[int]:
    """The lines of `source` that read the root content."""
    return [number for number, line in enumerate(source.splitlines(), 1) if any(read.search(line) for read in READS)]


@pytest.mark.parametrize("line", [
    'shutil.copytree(PROJECT / "data", tmp_path / "data")',
    'config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))',
    'notes = (PROJECT / "REVIEW-NOTES.md").read_text(encoding="utf-8")',
    'lock = PROJECT / "archive/archive.lock.json"',
    'rows = (Path(__file__).parents[1] / "data" / "inventory.yml")',
    'policy = judge(Path(__file__).resolve().parents[1])',
    'found = run_rules(load_policy(PROJECT), today=dt.date.today())',
    'assert judged(PROJECT, today=None) == []',
    'project = copy_project(tmp_path, content=PROJECT)',
    'def copy_project(target: Path, *, content: Path = PROJECT) -> Project:',
    'result = run_policysite(PROJECT, "check")',
])
def test_the_guard_catches_a_read_of_the_root_content(line: str) -> None:
    assert root_content_reads(f"x = 1\n{line}\n") == [2]


@pytest.mark.parametrize("line", [
    'shutil.copytree(FLAGSHIP / "data", tmp_path / "data")',
    'makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")',
    'monkeypatch.syspath_prepend(str(PROJECT / "hooks"))',
    'SOURCES = [PROJECT / "policysite", PROJECT / "hooks"]',
    'project.read("data/policy.yml")',
])
def test_the_guard_lets_the_machinery_and_the_fixture_be_read(line: str) -> None:
    assert root_content_reads(line) == []


def test_no_test_module_reads_the_root_content() -> None:
    found = [f"tests/{path.name}:{line}" for path in sorted(TESTS.glob("*.py")) if path != Path(__file__).resolve()
             for line in root_content_reads(path.read_text(encoding="utf-8"))]
    assert not found, f"read tests/fixtures/flagship/ (FLAGSHIP in conftest.py) instead of the root content: {found}"


def test_the_flagship_fixture_holds_a_whole_policy() -> None:
    for name in ("data/policy.yml", "data/company.yml", "data/contact.yml", "docs/zh/sections", "docs/en/sections",
                 "archive/archive.lock.json", "REVIEW-NOTES.md", "mkdocs.yml"):
        assert (FLAGSHIP / name).exists(), f"tests/fixtures/flagship/{name} is missing"
    assert not any((FLAGSHIP / name).exists() for name in ("hooks", "overrides", "policysite")), \
        "the machinery comes from the repository, not the fixture"


def test_the_machinery_copied_from_the_repository_holds_no_content() -> None:
    assert not {"mkdocs.yml", "data", "docs", "archive", "REVIEW-NOTES.md"} & set(MACHINERY)


def _machinery(config: dict) -> dict:
    """What mkdocs.yml says about how the site is made, not whose policy it is (the import rewrites
    site_name, the languages and the theme's language; a company sets site_url and site_description)."""
    theme = config["theme"]
    return {"hooks": config["hooks"], "markdown_extensions": config["markdown_extensions"],
            "theme": {key: theme.get(key) for key in ("name", "custom_dir", "font", "features")},
            "plugins": [next(iter(entry)) if isinstance(entry, dict) else entry for entry in config["plugins"]],
            **{key: config.get(key) for key in ("docs_dir", "strict", "use_directory_urls", "exclude_docs",
                                                "not_in_nav", "extra_css")}}


def test_the_fixture_site_config_has_the_repositorys_machinery() -> None:
    """The tests build the flagship with its own mkdocs.yml: a hook or extension added to the repository's
    mkdocs.yml must reach the fixture's too, or the tests would no longer build what the repository builds."""
    ours = yaml.safe_load((FLAGSHIP / "mkdocs.yml").read_text(encoding="utf-8"))
    repo = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert _machinery(ours) == _machinery(repo), "copy the change to tests/fixtures/flagship/mkdocs.yml"
