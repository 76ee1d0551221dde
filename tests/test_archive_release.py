"""`make release` for real, in temporary copies of the flagship: two versions, then every refusal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from archive_support import (EDITS, SUMMARIES, article, build, notice_links, redline_changes,
                             release, served, sha256, snapshot, summary_args)
from conftest import Project, copy_of, copy_project


@pytest.fixture(scope="module")
def two_versions(two_versions_template: Project, tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Released on 2024-11-18 (the flagship's first version), then again with one sentence changed (conftest.py)."""
    return copy_of(two_versions_template, tmp_path_factory.mktemp("two-versions") / "project")


def manifest(project: Project) -> dict:
    return json.loads((project.site / "policy.json").read_text(encoding="utf-8"))


def test_two_releases_freeze_two_versions_and_move_data_forward(two_versions: Project) -> None:
    lock = json.loads(two_versions.read("archive/archive.lock.json"))
    assert [(v["version"], v["effective"]) for v in lock["versions"]] == [(1, "2024-11-18"), (2, "2025-03-01")]
    for effective in ("2024-11-18", "2025-03-01"):
        for language in ("zh", "en"):
            frozen = two_versions.path(f"archive/{effective}/{language}.md").read_bytes()
            assert sha256(frozen) == next(v for v in lock["versions"] if v["effective"] == effective)[
                "files"][language]["sha256"]
    policy = two_versions.read("data/policy.yml")
    assert (yaml.safe_load(policy)["version"], yaml.safe_load(policy)["effective"].isoformat()) == (2, "2025-03-01")
    assert "# ISO dates (YYYY-MM-DD)." in policy, "the release must keep the comments of data/policy.yml"


def test_frozen_files_are_resolved_markdown_with_their_facts(two_versions: Project) -> None:
    text = two_versions.read("archive/2025-03-01/zh.md")
    front, body = text.split("\n---\n\n", 1)
    meta = yaml.safe_load(front.removeprefix("---\n"))
    assert meta["version"] == 2 and meta["summary"] == SUMMARIES["zh"] and meta["language"] == "zh"
    assert "{{" not in body and "择幂（上海）科技有限公司" in body and "在核实后" in body
    assert "在核实后" not in two_versions.read("archive/2024-11-18/zh.md")


@pytest.mark.parametrize("language, expected", [
    # The sentence edited, and the "last updated" date of the intro, which moved with the version.
    ("zh", [("2024", "2025"), ("11", "3"), ("18", "1"), ("", "在核实后")]),
    ("en", [("November", "March"), ("18", "1"), ("2024", "2025"), ("", "promptly ")]),
])
def test_the_redline_shows_exactly_the_change(two_versions: Project, language: str,
                                              expected: list[tuple[str, str]]) -> None:
    html = two_versions.page(language, "archive/2025-03-01/changes")
    assert redline_changes(html) == expected
    assert "<ins>" in html and "<del>" in html
    legend = {"zh": "绿色并加下划线</ins>为2025年3月1日版新增的文字", "en": "added in the version of March 1, 2025"}
    assert legend[language] in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_manifest_lists_both_versions_and_its_hashes_match_the_served_files(two_versions: Project) -> None:
    data = manifest(two_versions)
    assert data["policy"] == "xometry-asia-data-protection"
    assert [(v["version"], v["status"], v["superseded"]) for v in data["versions"]] == [
        (1, "superseded", "2025-03-01"), (2, "current", None)]
    lock = json.loads(two_versions.read("archive/archive.lock.json"))
    for version, locked in zip(data["versions"], lock["versions"]):
        for language, entry in version["languages"].items():
            text = served(two_versions, entry["text"])
            assert sha256(text) == entry["sha256"] == locked["files"][language]["sha256"]
            assert text == two_versions.path(f"archive/{version['effective']}/{language}.md").read_bytes()
            assert served(two_versions, entry["url"]).lstrip().startswith(b"<!doctype html>")
    current = data["current"]
    assert (current["version"], current["effective"], current["matches_release"]) == (2, "2025-03-01", True)
    for language, entry in current["languages"].items():
        assert sha256(served(two_versions, entry["text"])) == entry["sha256"] == \
            data["versions"][1]["languages"][language]["sha256"]
        assert entry["url"] == "https://privacy.xometry.asia/" + ("" if language == "zh" else "en/")


def test_the_feed_has_one_entry_per_version_newest_first(two_versions: Project) -> None:
    feed = (two_versions.site / "en" / "feed.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<entry><id>([^<]+)</id>", feed)
    assert entries == ["https://privacy.xometry.asia/en/archive/2025-03-01/",
                       "https://privacy.xometry.asia/en/archive/2024-11-18/"]
    assert SUMMARIES["en"] in feed
    assert "<entry>" in (two_versions.site / "feed.xml").read_text(encoding="utf-8")


def test_archived_version_page_says_superseded_and_links_the_current_one(two_versions: Project) -> None:
    html = two_versions.page("en", "archive/2024-11-18")
    assert "superseded on March 1, 2025" in html and '<a href="../../">current version</a>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Version 1" in html.split('class="md-copyright policy-footer"')[1], "footer shows the archived version"
    zh = two_versions.page("zh", "archive/2024-11-18")
    assert "已于2025年3月1日被新版本取代" in zh and "在核实后" not in article(zh)


def test_current_page_shows_the_summary_and_links_previous_versions(two_versions: Project) -> None:
    html = two_versions.page("en")
    assert "This policy was updated on March 1, 2025 (version 2). What changed: " + SUMMARIES["en"] in html
    assert 'href="archive/2025-03-01/changes/"' in html and 'href="archive/2024-11-18/"' in html
    assert 'href="archive/"' in html
    index = two_versions.page("en", "archive")
    assert index.index("Version 2") < index.index("Version 1"), "newest first"
    assert "November 18, 2024 to February 28, 2025" in index and SUMMARIES["en"] in index


@pytest.mark.parametrize("language, page, prefix", [("zh", "", ""), ("zh", "webview", "../"),
                                                    ("en", "", ""), ("en", "webview", "../")])
def test_the_web_view_shows_the_same_change_notice_with_working_links(two_versions: Project, language: str,
                                                                      page: str, prefix: str) -> None:
    """Most readers read the policy in the mini program's web-view: it must tell them what changed, too."""
    assert build(two_versions, today="2025-03-05").returncode == 0
    html = two_versions.page(language, page)
    notice = {"zh": "本政策已于2025年3月1日更新（第2版）。主要变更：", "en": "This policy was updated on March 1, 2025 (version 2). "
              "What changed: "}[language] + SUMMARIES[language]
    assert notice in html
    links = notice_links(two_versions, "" if language == "zh" else "en", html) if not page else \
        notice_links(two_versions, f"{'' if language == 'zh' else 'en/'}webview", html)
    assert list(links) == [f"{prefix}archive/2025-03-01/changes/"]
    assert all(target.is_file() for target in links.values()), links
    if page:
        assert html.index(notice) < html.index('id="processing"'), "the notice comes before the policy text"
        assert 'policy-banner--updated notice" role="note">' in html, "styled by the web-view's own stylesheet"


def test_the_summary_leaves_the_current_page_after_the_notice_period(two_versions: Project) -> None:
    later = build(two_versions, today="2025-04-15")  # data/archive.yml: notice_days: 30
    assert later.returncode == 0, later.output
    assert SUMMARIES["en"] not in article(two_versions.page("en"))
    assert SUMMARIES["en"] not in two_versions.page("en", "webview")
    assert SUMMARIES["en"] in two_versions.page("en", "archive")


# --- refusals: a clear message, and nothing written ------------------------------------------

@pytest.fixture
def edited(first_release_edited_template: Project, tmp_path: Path) -> Project:
    """Version 1 released; the text then edited, ready for a second release (a copy of conftest.py's template)."""
    return copy_of(first_release_edited_template, tmp_path / "project")


def assert_refused(project: Project, result, *messages: str, before: dict[str, bytes]) -> None:
    assert result.returncode == 1, result.output
    assert "Release refused:" in result.output and "Nothing was written." in result.output
    assert "Traceback" not in result.output
    for message in messages:
        assert message in result.output
    assert snapshot(project.root) == before, "a refused release changed files"


def test_refuses_when_a_check_fails(edited: Project) -> None:
    edited.replace("docs/en/sections/contact.md", "{{ contact.email }}", "{{ contact.emial }}")
    before = snapshot(edited.root)
    result = release(edited, "--material", "no", "--effective", "2025-03-01", *summary_args(), today="2025-03-01")
    assert_refused(edited, result, "the policy does not pass its checks", "docs/en/sections/contact.md:",
                   before=before)


def test_refuses_when_the_text_is_unchanged(edited: Project) -> None:
    for path, old, new in EDITS.values():
        edited.replace(path, new, old)  # undo the edit
    before = snapshot(edited.root)
    result = release(edited, "--material", "no", "--effective", "2025-03-01", *summary_args(), today="2025-03-01")
    assert_refused(edited, result, "the text is unchanged since version 1", before=before)


@pytest.mark.parametrize("effective, message", [
    ("2024-11-18", "does not come after 2024-11-18, when version 1 took effect"),
    ("2024-06-01", "does not come after 2024-11-18, when version 1 took effect"),
    ("2025-02-28", "is in the past (today is 2025-03-01)"),
])
def test_refuses_dates_that_do_not_advance(edited: Project, effective: str, message: str) -> None:
    before = snapshot(edited.root)
    result = release(edited, "--material", "no", "--effective", effective, *summary_args(), today="2025-03-01")
    assert_refused(edited, result, message, before=before)


def test_refuses_without_an_effective_date(edited: Project) -> None:
    before = snapshot(edited.root)
    result = release(edited, *summary_args(), today="2025-03-01")
    assert_refused(edited, result, "no effective date was given", before=before)


def test_refuses_without_a_summary_in_every_language(edited: Project) -> None:
    before = snapshot(edited.root)
    result = release(edited, "--material", "no", "--effective", "2025-03-01", "--summary", f"zh={SUMMARIES['zh']}", today="2025-03-01")
    assert_refused(edited, result, "the change summary is missing for en", before=before)


def test_refuses_summaries_that_state_different_dates(edited: Project) -> None:
    before = snapshot(edited.root)
    result = release(edited, "--material", "no", "--effective", "2025-03-01", "--summary", "zh=自2025年3月1日起生效。",
                     "--summary", "en=In force from March 2, 2025.", today="2025-03-01")
    assert_refused(edited, result, "the change summaries state different numbers or dates", before=before)


def test_never_writes_over_an_existing_version_folder(edited: Project) -> None:
    edited.path("archive/2025-03-01").mkdir()
    before = snapshot(edited.root)
    result = release(edited, "--material", "no", "--effective", "2025-03-01", *summary_args(), today="2025-03-01")
    assert_refused(edited, result, "archive/2025-03-01/ already exists", before=before)


def test_summary_and_date_can_come_from_data(edited: Project) -> None:
    edited.write("data/archive.yml", edited.read("data/archive.yml") + (
        "next_release:\n  effective: 2025-03-01\n  material: no\n  summary:\n"
        f"    zh: {SUMMARIES['zh']}\n    en: {SUMMARIES['en']}\n"))
    result = release(edited, today="2025-03-01")
    assert result.returncode == 0, result.output
    assert "Released version 2, effective 2025-03-01" in result.output
    assert SUMMARIES["en"] in edited.read("archive/2025-03-01/en.md")
    assert json.loads(edited.read("archive/archive.lock.json"))["versions"][1]["material"] is False


def test_a_one_language_policy_is_released_with_the_arguments_make_release_passes(tmp_path: Path) -> None:
    """`make release` always passes `--summary zh=… --summary en=…`; an empty one means "not given"."""
    from conftest import FIXTURES
    project = copy_project(tmp_path / "project", content=FIXTURES / "site-003" / "corrected")
    first = release(project, "--summary", "zh=", "--summary", "en=", today="2025-04-25")
    assert first.returncode == 0, first.output
    project.replace("docs/zh/sections/minors.md", "我们的平台和服务主要面向成人。", "我们的平台和服务仅面向成人。")
    second = release(project, "--material", "no", "--effective", "2025-06-01", "--summary", "zh=明确了平台仅面向成人。",
                     "--summary", "en=", today="2025-05-20")
    assert second.returncode == 0, second.output
    assert "Released version 2, effective 2025-06-01" in second.output
    lock = json.loads(project.read("archive/archive.lock.json"))
    assert [sorted(v["files"]) for v in lock["versions"]] == [["zh"], ["zh"]]
    built = build(project, today="2025-06-01")
    assert built.returncode == 0, built.output
    assert "明确了平台仅面向成人。" in project.page("zh") and "仅面向成人" in article(project.page("zh"))
    assert redline_changes(project.page("zh", "archive/2025-06-01/changes"))[-1] == ("主要", "仅")


def test_an_empty_summary_in_a_language_of_the_policy_is_still_missing(edited: Project) -> None:
    before = snapshot(edited.root)
    result = release(edited, "--material", "no", "--effective", "2025-03-01", "--summary", f"zh={SUMMARIES['zh']}", "--summary", "en= ",
                     today="2025-03-01")
    assert_refused(edited, result, "the change summary is missing for en", before=before)


def test_the_redline_page_shows_headings_and_tables_not_markdown(edited: Project) -> None:
    edited.replace("docs/en/sections/rights.md", "# Your Rights in connection with", "# Your Rights over")
    edited.replace("data/inventory.yml", "items: {zh: 图纸, en: Drawings}", "items: {zh: 图纸和模型, en: Drawings and models}")
    result = release(edited, "--material", "no", "--effective", "2025-03-01", *summary_args(), today="2025-03-01")
    assert result.returncode == 0, result.output
    assert build(edited, today="2025-03-01").returncode == 0
    en = article(edited.page("en", "archive/2025-03-01/changes"))
    assert '<h3 id="rights">5. Your Rights <del>in connection with</del><ins>over</ins> Personal Information</h3>' in en
    assert re.search(r"<td[^>]*>Drawings<ins> and models</ins></td>", en)
    zh = article(edited.page("zh", "archive/2025-03-01/changes"))
    assert re.search(r"<td[^>]*>图纸<ins>和模型</ins></td>", zh)
    for html in (en, zh):
        for block in re.findall(r'<div class="redline-block">(.*?)</div>', html, re.S):
            assert not re.search(r"\{#|(^|<br>)\s*(#|- |\|)| \| ", block), block
