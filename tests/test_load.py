"""policysite.load: every language and section loaded, filled and judged in one pass."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import Project, git
from policysite import PolicyError, load_policy
from policysite.dates import DateSource

NO_GIT = lambda root, paths: None  # noqa: E731 - a commit-date lookup outside any git checkout


def findings_of(project: Project, **kwargs) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        load_policy(project.root, **kwargs)
    return [f.format() for f in caught.value.findings]


def test_flagship_loads_both_languages(project: Project) -> None:
    policy = load_policy(project.root)
    assert [l.code for l in policy.languages] == ["zh", "en"]
    assert policy.default_language.code == "zh"
    for language in ("zh", "en"):
        page = policy.pages[language]
        assert "{{" not in page and "【" not in page
        assert re.findall(r"\{#([a-z-]+)\}", page) == [s.id for s in policy.sections if s.role != "intro"]


def test_intro_lists_sections_from_headings(project: Project) -> None:
    policy = load_policy(project.root)
    assert "- [一、我们处理的个人信息以及我们处理这些个人信息的原因](#processing)" in policy.pages["zh"]
    project.replace("docs/en/sections/cookies.md", "# How We Use Cookies", "# Cookies and Similar Technologies")
    policy = load_policy(project.root)
    assert "- [2. Cookies and Similar Technologies](#cookies)" in policy.pages["en"]


def test_all_missing_sections_reported_at_once(project: Project) -> None:
    project.path("docs/en/sections/rights.md").unlink()
    project.path("docs/en/sections/minors.md").unlink()
    found = findings_of(project)
    assert found == [
        "docs/en/sections/minors.md:1: section.missing: section `minors` has no English text — "
        "write docs/en/sections/minors.md, translating the section from the default language",
        "docs/en/sections/rights.md:1: section.missing: section `rights` has no English text — "
        "write docs/en/sections/rights.md, translating the section from the default language",
    ]


def test_undeclared_section_file(project: Project) -> None:
    project.write("docs/zh/sections/security.md", "# 安全\n")
    (found,) = findings_of(project)
    assert found.startswith("docs/zh/sections/security.md:1: section.undeclared:")
    assert "data/policy.yml" in found


def test_section_without_heading(project: Project) -> None:
    project.replace("docs/en/sections/minors.md", "# How We Process Personal Information of Minors\n", "")
    (found,) = findings_of(project)
    # Line 1 is now blank: the finding points at the first line of text.
    assert found.startswith("docs/en/sections/minors.md:2: section.heading:")


def test_unknown_placeholder_names_file_line_and_closest_key(project: Project) -> None:
    text = project.read("docs/en/sections/contact.md")
    project.write("docs/en/sections/contact.md", text.replace("{{ contact.email }}", "{{ contact.emial }}"))
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "{{ contact.email }}" in l)
    (found,) = findings_of(project)
    assert found.startswith(f"docs/en/sections/contact.md:{line}: placeholder.unknown:")
    assert "did you mean `contact.email`?" in found


def test_same_updated_date_in_every_language(project: Project) -> None:
    policy = load_policy(project.root)
    assert "2024年11月18日" in policy.pages["zh"]
    assert "November 18, 2024" in policy.pages["en"]


def test_unset_updated_comes_from_git(project: Project) -> None:
    project.replace("data/policy.yml", "updated: 2024-11-18\n", "")
    git(project.root, "init", "-q")
    git(project.root, "add", ".")
    git(project.root, "commit", "-qm", "policy", date="2025-02-03T09:00:00+00:00")
    policy = load_policy(project.root)
    assert policy.updated.date == dt.date(2025, 2, 3)
    assert "commit" in policy.updated.origin
    assert "2025年2月3日" in policy.pages["zh"] and "February 3, 2025" in policy.pages["en"]


def test_unset_updated_outside_git_says_what_to_set(project: Project) -> None:
    project.replace("data/policy.yml", "updated: 2024-11-18\n", "")
    (found,) = findings_of(project, commit_date=NO_GIT)
    effective = next(i for i, l in enumerate(project.read("data/policy.yml").splitlines(), 1) if l.startswith("effective:"))
    assert found.startswith(f"data/policy.yml:{effective}: date.updated-unset:")
    assert "add `updated: YYYY-MM-DD` to data/policy.yml" in found


def test_data_findings_stop_before_sections(project: Project) -> None:
    project.write("data/contact.yml", "email: [\n")
    (found,) = findings_of(project)
    assert found.startswith("data/contact.yml:")


def test_explicit_date_source_is_reported(project: Project) -> None:
    policy = load_policy(project.root)
    assert policy.updated == DateSource(dt.date(2024, 11, 18), "from data/policy.yml")
