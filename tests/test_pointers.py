"""policysite.pointers: the site's own pointer to a published list the policy's text does not name yet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from policysite.judge import site_plan, stages
from rulefixtures import RULE_FIXTURES, TODAY, materialise

FIXTURE = yaml.safe_load((RULE_FIXTURES / "document.unreferenced.yml").read_text(encoding="utf-8"))


def _plan(tmp_path: Path, spec: dict[str, Any]) -> Any:
    root = materialise(tmp_path / "project", spec)
    policy, site = site_plan(stages(root, today=TODAY, commit_date=lambda *_: None), site_url="")
    return policy, site


def _section(markdown: str, section_id: str) -> str:
    """The page's Markdown from the section's heading to the next section's."""
    start = next(i for i, line in enumerate(markdown.split("\n")) if line.endswith(f"{{#{section_id}}}"))
    lines = markdown.split("\n")[start:]
    end = next((i for i, line in enumerate(lines[1:], 1) if line.startswith("## ")), len(lines))
    return "\n".join(lines[:end])


def test_an_unnamed_list_gets_a_pointer_at_the_end_of_the_sharing_section_on_page_and_webview(tmp_path: Path) -> None:
    policy, site = _plan(tmp_path, FIXTURE["fail"])
    page = site.page("").markdown
    sharing = _section(page, "sharing")
    assert 'class="policy-banner policy-banner--pointer" role="note"' in sharing
    assert '<a href="lists/third-parties/">《第三方信息共享清单》</a>' in sharing
    assert "不属于本政策正文" in sharing
    assert page.count("policy-banner--pointer") == 1  # one list, one pointer, nowhere else
    webview = site.page("en/webview/").markdown
    assert '<a href="../lists/third-parties/webview/">List of Personal Information Shared with Third Parties</a>' \
        in _section(webview, "sharing")
    # The approved text is unchanged: the pointer is the page's, never the policy's assembled text.
    assert "policy-banner--pointer" not in policy.pages["zh"]
    assert [f.rule for f in policy.warnings if f.rule == "document.unreferenced"] == ["document.unreferenced"] * 2


def test_a_policy_that_names_the_list_gets_a_link_and_no_pointer(tmp_path: Path) -> None:
    policy, site = _plan(tmp_path, FIXTURE["pass"])
    page = site.page("").markdown
    assert "policy-banner--pointer" not in page
    assert '[《第三方信息共享清单》](lists/third-parties/' in page
    assert not [f for f in policy.warnings if f.rule == "document.unreferenced"]


def test_a_site_without_lists_points_to_nothing(tmp_path: Path) -> None:
    policy, site = _plan(tmp_path, {})
    assert "policy-banner--pointer" not in site.page("").markdown


def test_the_pointers_lead_from_the_policy_alone_to_each_published_document_it_does_not_name() -> None:
    """The three-document fixture's minors section does not name its children's rules: the policy page points to
    them from there; the children's rules, judged by the same text rules, are never told to name themselves."""
    multi = Path(__file__).resolve().parent / "fixtures" / "multi"
    policy, site = site_plan(stages(multi, today=TODAY, commit_date=lambda *_: None), site_url="")
    notices = sorted(f.path for f in policy.warnings if f.rule == "document.unreferenced")
    assert notices == ["docs/en/sections/minors.md", "docs/zh/sections/minors.md"]
    assert '<a href="children/">' in _section(site.page("").markdown, "minors")
    assert "policy-banner--pointer" not in site.page("children/").markdown
