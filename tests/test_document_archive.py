"""Each document of a site has its own versions, archive and lock (archive/<id>/ for a list, archive/ for the
policy): `release --doc` freezes one document without touching another's files, a list's page shows its own
version in its footer (none before its first release, never the policy's), and a rewritten frozen list fails
the build like a rewritten policy version.

Real releases and builds of a git copy of tests/fixtures/multi/ (the policy and its collection list, zh/en).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive_support import article, build, release, run, sha256, snapshot
from conftest import FIXTURES, Project, copy_project, git

MULTI = FIXTURES / "multi"
LIST = "archive/collection-list"
CHILDREN = "archive/children-rules"
CHILDREN_DOCS = "docs/zh/children-rules/sections"


def _policy_files(root: Path) -> dict[str, bytes]:
    return {path: content for path, content in snapshot(root).items()
            if path.startswith("archive/") and not path.startswith((f"{LIST}/", f"{CHILDREN}/"))}


def _list_files(root: Path) -> dict[str, bytes]:
    return {path: content for path, content in snapshot(root).items() if path.startswith(f"{LIST}/")}


def _footer(html: str) -> str:
    found = re.search(r'<div class="md-copyright policy-footer">(.*?)</div>\s*</div>', html, re.S) \
        or re.search(r"<footer>(.*?)</footer>", html, re.S)
    assert found, "no footer in the page"
    return found.group(1)


@dataclass
class Released:
    project: Project
    list_first: dict[str, bytes]  # archive/collection-list/ after the list's first release
    policy_first: dict[str, bytes]  # archive/ without the list's folder, after the policy's first release
    list_after_policy: dict[str, bytes]  # archive/collection-list/ right after the policy's release
    outputs: list[str]  # the list, the policy, the list again, then the children's rules


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Released:
    """The list released, then the policy, then the list again after an edit of its data; then built."""
    project = copy_project(tmp_path_factory.mktemp("docarchive") / "project", content=MULTI)
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "the site before any release", date="2025-03-20T10:00:00+08:00")
    outputs = []

    done = release(project, "--doc", "collection-list", today="2025-04-01")
    assert done.returncode == 0, done.output
    outputs.append(done.output)
    list_first = _list_files(project.root)
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "Release the list", date="2025-04-01T10:00:00+08:00")

    done = release(project, today="2025-04-01")  # the policy's first release (version 1 of data/policy.yml)
    assert done.returncode == 0, done.output
    outputs.append(done.output)
    policy_first = _policy_files(project.root)
    list_after_policy = _list_files(project.root)
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "Release the policy", date="2025-04-01T11:00:00+08:00")

    project.replace("data/inventory.yml", "{zh: 手机号码, en: Mobile phone number}",
                    "{zh: 手机号码、电子邮箱, en: Mobile phone number and e-mail address}")
    done = release(project, "--doc", "collection-list", "--effective", "2025-04-10", "--material", "no",
                   "--summary", "zh=注册时也收集电子邮箱。", "--summary", "en=Registration also collects an e-mail address.",
                   today="2025-04-05")
    assert done.returncode == 0, done.output
    outputs.append(done.output)
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "Release the list again", date="2025-04-05T10:00:00+08:00")

    # The children's rules, written as sections, with an edit of one section released with them.
    project.replace(f"{CHILDREN_DOCS}/guardians.md", "也可以撤回同意。", "也可以随时撤回同意。")
    done = release(project, "--doc", "children-rules", "--effective", "2025-04-06", today="2025-04-05")
    assert done.returncode == 0, done.output
    outputs.append(done.output)
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "Release the children's rules", date="2025-04-05T11:00:00+08:00")

    result = build(project, today="2025-04-12")
    assert result.returncode == 0, result.output
    return Released(project, list_first, policy_first, list_after_policy, outputs)


def test_releasing_the_list_freezes_it_in_its_own_folder_with_its_own_lock(released: Released) -> None:
    files = sorted(_list_files(released.project.root))
    assert files == [f"{LIST}/.gitattributes", f"{LIST}/2025-04-01/en.md", f"{LIST}/2025-04-01/en.pdf",
                     f"{LIST}/2025-04-01/zh.md", f"{LIST}/2025-04-01/zh.pdf", f"{LIST}/2025-04-10/en.md",
                     f"{LIST}/2025-04-10/en.pdf", f"{LIST}/2025-04-10/zh.md", f"{LIST}/2025-04-10/zh.pdf",
                     f"{LIST}/archive.lock.json"]
    frozen = released.project.read(f"{LIST}/2025-04-10/en.md")
    assert "policy: collection-list\nversion: 2\n" in frozen
    assert "Mobile phone number and e-mail address" in frozen
    assert "Mobile phone number and e-mail address" not in released.project.read(f"{LIST}/2025-04-01/en.md")
    assert '"policy": "collection-list"' in released.project.read(f"{LIST}/archive.lock.json")
    # The exact files to commit: the frozen list and its lock (the data it froze was committed before).
    assert ("git add -- archive/collection-list/.gitattributes archive/collection-list/2025-04-01/en.md "
            "archive/collection-list/2025-04-01/en.pdf archive/collection-list/2025-04-01/zh.md "
            "archive/collection-list/2025-04-01/zh.pdf archive/collection-list/archive.lock.json") in released.outputs[0]
    assert "data/inventory.yml" in released.outputs[2]  # the edit the second release froze


def test_releasing_the_childrens_rules_freezes_their_assembled_text_in_their_own_folder(released: Released) -> None:
    root = released.project.root
    assert sorted(str(path.relative_to(root)) for path in (root / CHILDREN).rglob("*") if path.is_file()) == [
        f"{CHILDREN}/.gitattributes", f"{CHILDREN}/2025-04-06/en.md", f"{CHILDREN}/2025-04-06/en.pdf",
        f"{CHILDREN}/2025-04-06/zh.md", f"{CHILDREN}/2025-04-06/zh.pdf", f"{CHILDREN}/archive.lock.json"]
    frozen = released.project.read(f"{CHILDREN}/2025-04-06/zh.md")
    assert "policy: children-rules\nversion: 1\n" in frozen
    # The sections as filled and assembled: the company's name, the numbered headings, the edit released with them.
    assert "青禾冷链（杭州）有限公司" in frozen and "## 二、监护人的同意与权利 {#guardians}" in frozen
    assert "也可以随时撤回同意。" in frozen and "{{" not in frozen
    # The printed command commits the frozen text with the section edit it froze.
    assert f"{CHILDREN_DOCS}/guardians.md" in released.outputs[3] and f"{CHILDREN}/archive.lock.json" in released.outputs[3]


@pytest.mark.parametrize("page", ["children", "en/children/webview"])
def test_the_childrens_rules_pages_show_their_own_version(released: Released, page: str) -> None:
    footer = _footer((released.project.site / page / "index.html").read_text(encoding="utf-8"))
    assert 'datetime="2025-04-06"' in footer and "2025-04-10" not in footer and "2025-03-01" not in footer


def test_the_childrens_rules_unchanged_since_their_release_are_refused(released: Released) -> None:
    done = release(released.project, "--doc", "children-rules", "--effective", "2025-04-20", today="2025-04-12")
    assert done.returncode != 0
    assert "the text of children-rules is unchanged since version 1" in done.output


def test_releasing_the_policy_leaves_the_list_archive_byte_for_byte(released: Released) -> None:
    assert released.list_first and f"{LIST}/archive.lock.json" in released.list_first
    assert released.list_after_policy == released.list_first


def test_releasing_the_list_leaves_the_policy_archive_byte_for_byte(released: Released) -> None:
    assert released.policy_first  # the policy's own archive/archive.lock.json and version files
    assert "archive/archive.lock.json" in released.policy_first
    assert _policy_files(released.project.root) == released.policy_first
    assert '"policy": "qinghe-privacy"' in released.project.read("archive/archive.lock.json")


@pytest.mark.parametrize("page", ["lists/collection", "en/lists/collection", "lists/collection/webview",
                                  "en/lists/collection/webview"])
def test_the_list_pages_footer_shows_the_lists_own_version(released: Released, page: str) -> None:
    footer = _footer((released.project.site / page / "index.html").read_text(encoding="utf-8"))
    assert 'datetime="2025-04-10"' in footer  # the list's version 2, in force since 2025-04-10
    assert re.search(r"(?:Version|版本)\D{0,40}2\b", footer), footer
    assert "2025-03-01" not in footer  # the policy's date


def test_the_policy_pages_footer_keeps_the_policys_version(released: Released) -> None:
    footer = _footer((released.project.site / "en" / "index.html").read_text(encoding="utf-8"))
    assert 'datetime="2025-03-01"' in footer
    assert "2025-04-10" not in footer


def test_a_list_never_released_shows_no_version(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=MULTI)
    result = build(project, today="2025-04-01")
    assert result.returncode == 0, result.output
    for page in ("en/lists/collection", "en/lists/collection/webview"):
        footer = _footer((project.site / page / "index.html").read_text(encoding="utf-8"))
        assert "Version" not in footer and "<time" not in footer, footer
    assert "Version" in _footer((project.site / "en" / "index.html").read_text(encoding="utf-8"))


def test_the_list_unchanged_since_its_release_is_refused(released: Released) -> None:
    before = snapshot(released.project.root)
    done = release(released.project, "--doc", "collection-list", "--effective", "2025-04-20", "--material", "no",
                   "--summary", "zh=无。", "--summary", "en=None.", today="2025-04-12")
    assert done.returncode == 1
    assert "unchanged since version 2" in done.output
    assert snapshot(released.project.root) == before


def test_a_rewritten_frozen_list_text_fails_the_build(released: Released, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=released.project.root)
    frozen = f"{LIST}/2025-04-01/en.md"
    project.replace(frozen, "Mobile phone number", "Telephone number")
    result = build(project, today="2025-04-12")
    assert result.returncode != 0
    assert f"{frozen}:1: archive.modified: this archived file was changed after its release" in result.output, \
        result.output
    assert "Traceback" not in result.output


def test_the_list_has_its_own_version_history_under_its_prefix(released: Released) -> None:
    site = released.project.site
    page = (site / "en/lists/collection/archive/index.html").read_text(encoding="utf-8")
    index = article(page)
    assert index.index("Version 2") < index.index("Version 1")  # newest first
    assert 'datetime="2025-04-10"' in _footer(page)  # the list's version in force, not the policy's
    assert "Registration also collects an e-mail address." in index
    assert 'href="2025-04-01/"' in index and 'href="2025-04-10/"' in index
    # Each version's PDF is linked from the history, as on the policy's (the link leads to the served file).
    for date in ("2025-04-01", "2025-04-10"):
        link = re.search(rf'<a href="([^"]*lists/collection/archive/{date}/en\.pdf)" type="application/pdf" '
                         r'download>Download PDF</a> <small>\(PDF, \d+ KB\)</small>', index)
        assert link, index
        assert (site / "en/lists/collection/archive" / link.group(1)).resolve() == \
            (site / f"lists/collection/archive/{date}/en.pdf").resolve()
    assert (site / "lists/collection/archive/index.html").is_file()
    old = (site / "en/lists/collection/archive/2025-04-01/index.html").read_text(encoding="utf-8")
    assert "This is an archived version of this document (version 1" in old
    assert "Mobile phone number and e-mail address" not in old  # the text as released then
    footer = _footer(old)
    assert 'datetime="2025-04-01"' in footer and "2025-03-01" not in footer
    assert "noindex" in old
    # The frozen text and the lock are served beside the pages, byte for byte as in the repository.
    assert 'href="../../../../../lists/collection/archive/2025-04-01/en.md"' in old
    # Its PDF too, linked from the version page like the policy's (type, size, download).
    assert re.search(r'<a href="\.\./\.\./\.\./\.\./\.\./lists/collection/archive/2025-04-01/en\.pdf" type="application/pdf" download>[^<]+</a> <small>\(PDF, \d+ KB\)</small>', old), \
        article(old)
    for path in ("2025-04-01/en.md", "2025-04-01/en.pdf", "2025-04-10/zh.md", "2025-04-10/zh.pdf", "archive.lock.json"):
        assert (site / "lists/collection/archive" / path).read_bytes() == released.project.path(f"{LIST}/{path}").read_bytes()
    # The policy's own history does not list the list's versions.
    assert "collection" not in (site / "en/archive/index.html").read_text(encoding="utf-8").split("<article")[1]


def test_an_unknown_document_is_refused_in_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=MULTI)
    done = release(project, "--doc", "terms", today="2025-04-01")
    assert done.returncode == 2
    assert "there is no document `terms` to release" in done.output
    assert "collection-list" in done.output and "Traceback" not in done.output
    assert not project.path("archive").exists()


def test_outside_git_the_childrens_rules_release_says_to_commit_their_sections_too(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=MULTI)
    done = release(project, "--doc", "children-rules", today="2025-04-01")
    assert done.returncode == 0, done.output
    assert "git add -- archive/children-rules docs data && " in done.output
    assert project.path(f"{CHILDREN}/2025-04-01/en.md").is_file()


def test_a_second_list_version_must_say_whether_it_is_material(released: Released, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=released.project.root)
    project.replace("data/inventory.yml", "Arranging the delivery", "Arranging and tracking the delivery")
    before = snapshot(project.root)
    done = release(project, "--doc", "collection-list", "--effective", "2025-04-20",
                   "--summary", "zh=配送跟踪。", "--summary", "en=Delivery tracking.", today="2025-04-12")
    assert done.returncode == 1
    assert "MATERIAL=yes" in done.output and "Nothing was written." in done.output
    assert snapshot(project.root) == before


def test_a_list_lock_of_another_document_fails_the_check(released: Released, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=released.project.root)
    project.replace(f"{LIST}/archive.lock.json", '"policy": "collection-list"', '"policy": "third-party-list"')
    result = run(project.root, "check", today="2025-04-12")
    assert result.returncode != 0
    assert (f"{LIST}/archive.lock.json:1: archive.lock: this lock belongs to the document `third-party-list`, but "
            "it sits in the archive of `collection-list`") in result.output, result.output


def test_the_manifest_lists_each_document_with_its_own_versions(released: Released) -> None:
    """policy.json: the list's entry has its own current version (2) and hashes equal to its lock, in schema 2."""
    import json
    from urllib.parse import urlsplit

    from test_release_flow import SCHEMA, conforms

    manifest = json.loads((released.project.site / "policy.json").read_text(encoding="utf-8"))
    assert conforms(manifest, SCHEMA) == []
    entries = {entry["id"]: entry for entry in manifest["documents"]}
    assert set(entries) == {"policy", "collection-list", "third-party-list", "children-rules"}
    children = entries["children-rules"]
    assert children["kind"] == "children-rules" and children["current"]["version"] == 1
    assert children["current"]["material"] is True  # a first version is new consent
    assert entries["third-party-list"]["current"] is None  # never released: no version to consent to yet
    listed = entries["collection-list"]
    assert listed["kind"] == "collection-list" and listed["current"]["version"] == 2
    assert listed["current"]["material"] is False and listed["upcoming"] is None
    lock = json.loads(released.project.read(f"{LIST}/archive.lock.json"))
    locked = {entry["effective"]: entry for entry in lock["versions"]}["2025-04-10"]
    for code in ("zh", "en"):
        version = listed["current"]["languages"][code]
        assert version["sha256"] == locked["files"][code]["sha256"]
        root = "/" if code == "zh" else "/en/"
        assert urlsplit(version["webview"]).path == f"{root}lists/collection/archive/2025-04-10/webview/"
        assert (released.project.site / urlsplit(version["text"]).path.lstrip("/")).read_bytes() == \
            released.project.path(f"{LIST}/2025-04-10/{code}.md").read_bytes()
        # Its PDF: served where the manifest says, with the SHA-256 its lock vouches for.
        assert urlsplit(version["pdf"]).path == f"/lists/collection/archive/2025-04-10/{code}.pdf"
        assert version["pdf_sha256"] == locked["files"][code]["pdf"]["sha256"]
        assert sha256((released.project.site / urlsplit(version["pdf"]).path.lstrip("/")).read_bytes()) == \
            version["pdf_sha256"]
        assert (released.project.site / urlsplit(listed["url"][code]).path.lstrip("/") / "index.html").is_file()
    assert entries["policy"]["current"]["version"] == 1  # the policy's own, untouched by the list's releases
