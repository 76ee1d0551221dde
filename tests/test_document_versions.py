"""A list's released versions get what the policy's have: a redline per version that has a predecessor
(/<prefix>/archive/<date>/changes/), a web-view per version (…/<date>/webview/), an Atom feed per language
(/<prefix>/feed.xml, /en/<prefix>/feed.xml) and their addresses in /policy.json — while every byte the policy
publishes stays as it was.

Real releases and in-process builds of a git copy of tests/fixtures/multi/ (test_document_archive.py's
`released`: the collection list released on 2025-04-01, the policy once, the list again effective 2025-04-10
after data/inventory.yml added the e-mail address, MATERIAL=no; built on 2025-04-12).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archive_support import article, build, release
from conftest import copy_project, git
from test_document_archive import LIST, Released, _footer, released  # noqa: F401 (the module's fixture)
from test_release_flow import SCHEMA, conforms


@pytest.fixture(scope="module")
def built(released: Released) -> Released:  # noqa: F811 (test_document_archive's fixture, imported above)
    return released

ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = "lists/collection/archive"
CSP = '<meta http-equiv="Content-Security-Policy"'
ADDED = {"zh": "手机号码<ins>、电子邮箱</ins>", "en": "Mobile phone number<ins> and e-mail address</ins>"}
SUMMARIES = {"zh": ["注册时也收集电子邮箱。", "首个版本"], "en": ["Registration also collects an e-mail address.", "First version"]}


def _under(code: str, path: str) -> str:
    return path if code == "zh" else f"en/{path}"


def _page(built: Released, path: str) -> str:
    return (built.project.site / path / "index.html").read_text(encoding="utf-8")


def _served(built: Released, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    return built.project.site / (f"{path}index.html" if path.endswith("/") or not path else path)


@pytest.mark.parametrize("code", ["zh", "en"])
def test_the_second_list_version_has_a_redline_marking_the_changed_row(built: Released, code: str) -> None:
    page = _page(built, _under(code, f"{PAGES}/2025-04-10/changes"))
    text = article(page)
    assert ADDED[code] in text  # the inventory row as changed, marked where it changed
    assert text.count("<ins>") == 2 and text.count("<del>") == 1  # the one change, and the legend's two samples
    assert "policy-banner--changes" in text
    assert 'href="../"' in text and 'href="../../2025-04-01/"' in text  # both versions compared
    assert CSP in page and 'content="noindex"' in page  # as the policy's redlines: not for search engines
    assert 'datetime="2025-04-10"' in _footer(page) and "2025-03-01" not in _footer(page)  # the list's version


@pytest.mark.parametrize("code", ["zh", "en"])
def test_the_redline_is_linked_from_the_version_page_and_the_history(built: Released, code: str) -> None:
    assert 'href="changes/"' in article(_page(built, _under(code, f"{PAGES}/2025-04-10")))
    history = article(_page(built, _under(code, PAGES)))
    assert 'href="2025-04-10/changes/"' in history
    assert 'href="2025-04-01/changes/"' not in history  # the first version has nothing to compare with
    assert 'href="changes/"' not in article(_page(built, _under(code, f"{PAGES}/2025-04-01")))
    assert not (built.project.site / _under(code, f"{PAGES}/2025-04-01/changes")).exists()


@pytest.mark.parametrize("code", ["zh", "en"])
@pytest.mark.parametrize("date, version", [("2025-04-01", 1), ("2025-04-10", 2)])
def test_every_list_version_has_a_webview_of_its_frozen_text(built: Released, code: str, date: str,
                                                               version: int) -> None:
    page = _page(built, _under(code, f"{PAGES}/{date}/webview"))
    assert CSP in page
    assert "<main>" in page and "md-content" not in page  # the web-view's own layout, not the full page's
    canonical = re.search(r'rel="canonical" href="([^"]+)"', page)
    assert canonical and urlsplit(canonical.group(1)).path == "/" + _under(code, f"{PAGES}/{date}/")
    notice = re.search(r'<p class="notice" role="note">(.*?)</p>', page)
    assert notice and ("本文件" in notice.group(1) if code == "zh" else "of this document" in notice.group(1))
    assert "policy" not in notice.group(1) and "政策" not in notice.group(1)  # said of the list, not the policy
    footer = _footer(page)
    assert f'datetime="{date}"' in footer and re.search(rf"(?:Version|版)\D{{0,40}}{version}\b|第{version}版", footer)
    # The text as frozen on that date: version 1 without the e-mail address, version 2 with it.
    assert (("电子邮箱" if code == "zh" else "e-mail address") in page) == (version == 2)


@pytest.mark.parametrize("code", ["zh", "en"])
def test_the_list_has_its_own_atom_feed_linked_from_its_history(built: Released, code: str) -> None:
    path = _under(code, "lists/collection/feed.xml")
    feed = ET.fromstring((built.project.site / path).read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}summary") for e in entries] == SUMMARIES[code]  # newest first, "first version" said
    assert [urlsplit(e.findtext(f"{ATOM}id") or "").path for e in entries] == [
        "/" + _under(code, f"{PAGES}/2025-04-10/"), "/" + _under(code, f"{PAGES}/2025-04-01/")]
    related = [[link.get("href") for link in e.findall(f"{ATOM}link") if link.get("rel") == "related"]
               for e in entries]
    assert [[urlsplit(href or "").path for href in links] for links in related] == [
        ["/" + _under(code, f"{PAGES}/2025-04-10/changes/")], []]
    self_link = next(link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert urlsplit(self_link or "").path == "/" + path
    assert ("清单" if code == "zh" else "List of Personal Information Collected") in (feed.findtext(f"{ATOM}title") or "")
    assert 'href="../feed.xml"' in article(_page(built, _under(code, PAGES)))
    # The policy's feed keeps the policy's versions only.
    policy_feed = (built.project.site / _under(code, "feed.xml")).read_text(encoding="utf-8")
    assert "lists/" not in policy_feed and policy_feed.count("<entry>") == 1


@pytest.mark.parametrize("code", ["zh", "en"])
def test_the_list_page_ends_with_its_version_history_as_the_policys(built: Released, code: str) -> None:
    """The way from the list to its versions, redlines and feed: the policy's history block, of the list."""
    text = article(_page(built, _under(code, "lists/collection")))
    history = text[text.index('<div class="policy-history">'):]
    assert 'href="archive/2025-04-10/"' in history and 'href="archive/2025-04-01/"' in history
    assert 'href="archive/"' in history and "2025-03-01" not in history  # the list's versions, not the policy's
    # A list never released has no history to show.
    assert "policy-history" not in article(_page(built, _under(code, "lists/third-parties")))


def test_the_manifest_gives_the_lists_webview_and_redline(built: Released) -> None:
    manifest = json.loads((built.project.site / "policy.json").read_text(encoding="utf-8"))
    assert conforms(manifest, SCHEMA) == []
    entry = next(e for e in manifest["documents"] if e["id"] == "collection-list")
    for code in ("zh", "en"):
        version = entry["current"]["languages"][code]
        assert urlsplit(version["webview"]).path == "/" + _under(code, f"{PAGES}/2025-04-10/webview/")
        assert urlsplit(version["changes"]).path == "/" + _under(code, f"{PAGES}/2025-04-10/changes/")
        assert "<main>" in _served(built, version["webview"]).read_text(encoding="utf-8")
        assert ADDED[code] in _served(built, version["changes"]).read_text(encoding="utf-8")
        assert version["summary"] == SUMMARIES[code][0]


def test_the_schema_refuses_a_version_without_its_webview(built: Released) -> None:
    """Every document's version has a web-view now: a manifest saying null for one breaks the contract."""
    manifest = json.loads((built.project.site / "policy.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(manifest)
    entry = next(e for e in broken["documents"] if e["id"] == "collection-list")
    entry["current"]["languages"]["en"]["webview"] = None
    assert conforms(broken, SCHEMA) != []
    assert conforms(manifest, SCHEMA) == []


def test_the_sitemap_lists_no_redline_webview_or_feed_of_the_list(built: Released) -> None:
    """As for the policy: redlines and version pages are noindex, web-views name their full page as canonical."""
    sitemap = (built.project.site / "sitemap.xml").read_text(encoding="utf-8")
    listed = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert f"/{PAGES}/" in listed and f"/en/{PAGES}/" in listed  # the list's history is indexable
    assert not [path for path in listed if "/changes/" in path or "/webview/" in path or path.endswith(".xml")]


def _policy_output(site: Path) -> dict[str, bytes]:
    """Every file the site publishes for the policy (nothing under a list's prefix, nor the site-wide files)."""
    skip = ("lists/", "en/lists/", "policy.json", "sitemap.xml", "sitemap.xml.gz", "search/")  # site-wide: every page
    return {path: file.read_bytes() for file in sorted(site.rglob("*")) if file.is_file()
            and not (path := file.relative_to(site).as_posix()).startswith(skip)}


def test_the_lists_versions_leave_every_byte_of_the_policys_output(built: Released, tmp_path: Path) -> None:
    """The same site without the list's releases publishes the policy's pages, feeds, texts and manifest entry
    byte for byte as the site with them."""
    project = copy_project(tmp_path / "project", content=built.project.root)
    shutil.rmtree(project.root / LIST)  # never released: a released list removed later is archive.missing
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "the list never released", date="2025-04-05T10:00:00+08:00")
    result = build(project, today="2025-04-12")
    assert result.returncode == 0, result.output
    with_list, without = _policy_output(built.project.site), _policy_output(project.site)
    assert "feed.xml" in with_list and "archive/index.html" in with_list and "webview/index.html" in with_list
    assert with_list == without
    manifests = [json.loads((site / "policy.json").read_text(encoding="utf-8"))
                 for site in (built.project.site, project.site)]
    for manifest in manifests:
        manifest["documents"] = [e for e in manifest["documents"] if e["id"] != "collection-list"]
    assert manifests[0] == manifests[1]


def test_an_upcoming_list_version_has_its_webview_and_redline_in_the_manifest(built: Released, tmp_path: Path) -> None:
    """A third version released for later: `upcoming` names its web-view and redline, and both are built."""
    project = copy_project(tmp_path / "project", content=built.project.root)
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "released so far", date="2025-04-05T10:00:00+08:00")
    project.replace("data/inventory.yml", "Arranging the delivery", "Arranging and tracking the delivery")
    done = release(project, "--doc", "collection-list", "--effective", "2025-04-30", "--material", "yes",
                   "--summary", "zh=配送跟踪。", "--summary", "en=Delivery tracking.", today="2025-04-12")
    assert done.returncode == 0, done.output
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "Release the list version 3", date="2025-04-12T10:00:00+08:00")
    result = build(project, today="2025-04-12")
    assert result.returncode == 0, result.output
    manifest = json.loads((project.site / "policy.json").read_text(encoding="utf-8"))
    assert conforms(manifest, SCHEMA) == []
    entry = next(e for e in manifest["documents"] if e["id"] == "collection-list")
    assert entry["current"]["version"] == 2 and entry["upcoming"]["version"] == 3
    upcoming = entry["upcoming"]["languages"]["en"]
    assert urlsplit(upcoming["changes"]).path == f"/en/{PAGES}/2025-04-30/changes/"
    assert upcoming["summary"] == "Delivery tracking." and entry["upcoming"]["material"] is True
    webview = (project.site / urlsplit(upcoming["webview"]).path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    assert "This is an upcoming version of this document (version 3); it takes effect on April 30, 2025." in webview
    redline = (project.site / urlsplit(upcoming["changes"]).path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    assert "Arranging<ins> and tracking</ins> the delivery" in article(redline)
    feed = ET.fromstring((project.site / "en/lists/collection/feed.xml").read_bytes())
    assert [e.findtext(f"{ATOM}summary") for e in feed.findall(f"{ATOM}entry")] == ["Delivery tracking.", *SUMMARIES["en"]]
