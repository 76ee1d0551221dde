"""policysite.site_config: the generator's languages must be the policy's languages."""

from __future__ import annotations

from conftest import Project
from policysite import load_policy
from policysite.site_config import languages_findings


def test_same_languages_pass(project: Project) -> None:
    policy = load_policy(project.root)
    assert languages_findings(policy, config_file=project.path("mkdocs.yml"), built=["en", "zh"]) == []


def test_a_language_missing_from_the_site_is_named_with_its_line(project: Project) -> None:
    policy = load_policy(project.root)
    (finding,) = languages_findings(policy, config_file=project.path("mkdocs.yml"), built=["zh"])
    lines = project.read("mkdocs.yml").splitlines()
    assert finding.path == "mkdocs.yml" and lines[finding.line - 1].strip() == "languages:"
    assert finding.rule == "site.languages" and "builds zh but data/policy.yml declares zh, en" in finding.problem
