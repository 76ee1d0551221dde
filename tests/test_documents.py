"""A site of several documents (data/site.yml): each document's pages at its prefix, the policy's addresses
unchanged, and a site.yml that cannot be published refused with a named finding.

The built site is tests/fixtures/multi/ (an invented company: the privacy policy and its collection list in
Chinese and English); the flagship has no site.yml and keeps being one policy.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, FLAGSHIP, PROJECT, Project, copy_project
from policysite import PolicyError, urls
from policysite.crosslinks import linked
from policysite.data import load_data
from policysite.documents import POLICY_KIND, read_documents
from policysite.findings import blocking
from policysite.judge import site_plan, stages

MULTI = FIXTURES / "multi"
SITE_URL = "https://privacy.qinghe-coldchain.cn/"


@pytest.fixture(scope="module")
def multi_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, str]:
    """The multi-document fixture built once (read-only), with the build's log."""
    built = copy_project(tmp_path_factory.mktemp("multi") / "project", content=MULTI)
    result = built.build()
    assert result.returncode == 0, result.output
    return built, result.output


@pytest.fixture(scope="module")
def multi(multi_build: tuple[Project, str]) -> Project:
    return multi_build[0]


def _documents(tmp_path: Path, site_yml: str | None):
    data = tmp_path / "data"
    data.mkdir(parents=True)
    for name in ("company", "contact", "policy", "inventory"):
        (data / f"{name}.yml").write_text((MULTI / "data" / f"{name}.yml").read_text(encoding="utf-8"), encoding="utf-8")
    if site_yml is not None:
        (data / "site.yml").write_text(site_yml, encoding="utf-8")
    loaded, findings = load_data(data, tmp_path)
    assert findings == []
    return read_documents(loaded, ["zh", "en"])


# --- data/site.yml, in process ---------------------------------------------------------------------------------

def test_without_site_yml_the_site_is_the_one_policy(tmp_path: Path) -> None:
    documents, findings = _documents(tmp_path, None)
    assert findings == []
    assert [(d.id, d.kind, d.prefix) for d in documents] == [("qinghe-privacy", POLICY_KIND, "")]


def test_the_fixture_site_yml_lists_the_policy_then_the_list(tmp_path: Path) -> None:
    documents, findings = _documents(tmp_path, (MULTI / "data" / "site.yml").read_text(encoding="utf-8"))
    assert findings == []
    assert [(d.id, d.prefix) for d in documents] == [("qinghe-privacy", ""), ("collection-list", "lists/collection"),
                                                     ("third-party-list", "lists/third-parties"),
                                                     ("children-rules", "children")]
    assert documents[1].titles == {"zh": "青禾冷链个人信息收集清单", "en": "Qinghe Cold Chain List of Personal Information Collected"}


def test_a_list_without_a_title_takes_its_kinds_title_in_each_language(tmp_path: Path) -> None:
    documents, findings = _documents(tmp_path, "documents:\n  - {id: qinghe-privacy, kind: privacy-policy}\n"
                                               "  - {id: third, kind: third-party-list, prefix: lists/third-parties}\n")
    assert findings == []
    assert documents[1].titles["zh"] == "第三方信息共享清单"


POLICY = "  - {id: qinghe-privacy, kind: privacy-policy}\n"


@pytest.mark.parametrize("site_yml, line, rule, says", [
    ("documents: {}\n", 1, "site.document-entry", "`documents:`"),
    ("documents:\n" + POLICY + "  - {kind: collection-list}\n", 3, "site.document-entry", "needs an `id:`"),
    ("documents:\n" + POLICY + "  - {id: faq, kind: faq, prefix: faq}\n", 3, "site.document-kind", "unknown kind `faq`"),
    ("documents:\n" + POLICY + "  - {id: a, kind: collection-list, prefix: lists/a}\n"
     "  - {id: a, kind: collection-list, prefix: lists/b}\n", 4, "site.document-duplicate", "the id `a`"),
    ("documents:\n" + POLICY + "  - {id: a, kind: collection-list, prefix: lists/a}\n"
     "  - {id: b, kind: collection-list, prefix: lists/a}\n", 4, "site.document-duplicate", "prefix `lists/a`"),
    ("documents:\n" + POLICY + "  - {id: a, kind: collection-list}\n", 3, "site.document-prefix", "no prefix"),
    ("documents:\n" + POLICY + "  - {id: a, kind: collection-list, prefix: 清单}\n", 3, "site.document-prefix",
     "not a usable folder"),
    ("documents:\n" + POLICY + "  - {id: a, kind: collection-list, prefix: archive/lists}\n", 3,
     "site.document-prefix", "not a usable folder"),
    ("documents:\n" + POLICY + "  - {id: a, kind: collection-list, prefix: en/lists}\n", 3,
     "site.document-prefix", "not a usable folder"),
    ("documents:\n  - {id: qinghe-privacy, kind: privacy-policy, prefix: policy}\n", 2, "site.document-prefix",
     "pinned at the site root"),
    ("documents:\n  - {id: a, kind: collection-list, prefix: lists/a}\n", 1, "site.document-policy", "0 privacy policies"),
    ("documents:\n  - {id: other, kind: privacy-policy}\n", 2, "site.document-policy", "calls it `qinghe-privacy`"),
    ("documents:\n" + POLICY + "  - {id: t, kind: terms, prefix: terms, title: {zh: 用户协议, en: ''}}\n", 3,
     "site.document-title", "no title in `en`"),
])
def test_a_site_yml_that_cannot_be_published_is_a_finding(tmp_path: Path, site_yml: str, line: int, rule: str,
                                                          says: str) -> None:
    documents, findings = _documents(tmp_path, site_yml)
    assert [(f.path, f.line, f.rule) for f in findings][:1] == [("data/site.yml", line, rule)], findings
    assert says in findings[0].problem and findings[0].fix
    assert [d.kind for d in documents] == [POLICY_KIND], "nothing but the policy is planned from a refused site.yml"


def test_terms_without_their_sections_are_refused_by_the_judge(tmp_path: Path) -> None:
    """Every kind publishes now; terms are written as sections, so an entry that lists none cannot be published."""
    project = copy_project(tmp_path / "project", content=MULTI)
    project.write("data/site.yml", "documents:\n" + POLICY + "  - {id: terms, kind: terms, prefix: terms}\n"
                  "  - {id: collection-list, kind: collection-list, prefix: lists/collection}\n"
                  "  - {id: third-party-list, kind: third-party-list, prefix: lists/third-parties}\n")
    with pytest.raises(PolicyError) as error:
        stages(project.root, commit_date=lambda *_: None)
    # The lists' notices (values still to confirm) are printed with it but never refuse a build.
    assert [(f.path, f.line, f.rule) for f in blocking(error.value.findings)] == [("data/site.yml", 3, "site.document-entry")]


def test_a_reference_to_a_document_the_site_does_not_publish_fails(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=MULTI)
    project.write("data/site.yml", "documents:\n" + POLICY)  # the policy names its collection list, now unpublished
    with pytest.raises(PolicyError) as error:
        stages(project.root, commit_date=lambda *_: None)
    rules = {(f.path.split("/")[1], f.rule) for f in error.value.findings}
    assert rules == {("zh", "document.reference-unpublished"), ("en", "document.reference-unpublished")}


# --- the plan, in process ----------------------------------------------------------------------------------------

def test_the_plan_holds_every_document_page_with_its_alternates() -> None:
    _, plan = site_plan(stages(MULTI, commit_date=lambda *_: None), SITE_URL)
    pages = {page.url: page for page in plan.pages}
    assert {"", "en/", "webview/", "en/webview/", "lists/collection/", "en/lists/collection/",
            "lists/collection/webview/", "en/lists/collection/webview/"} <= set(pages)
    listing = pages["en/lists/collection/"]
    assert listing.document == "collection-list" and listing.language == "en"
    assert listing.alternates == (("zh-CN", "lists/collection/"), ("en", "en/lists/collection/"),
                                  ("x-default", "lists/collection/"))
    assert "| Scenario |" in listing.markdown and "Cold-chain delivery" in listing.markdown
    assert pages[""].document == "qinghe-privacy" and pages[""].source


def test_the_flagship_plan_is_the_flagship_site(flagship: Project) -> None:
    """Every page and file the plan names is in the built flagship, at the addresses it always had."""
    _, plan = site_plan(stages(FLAGSHIP), "https://privacy.xometry.asia/")
    for page in plan.pages:
        assert (flagship.site / page.url / "index.html").is_file(), page.url
    for planned in plan.files:
        assert (flagship.site / planned.path).is_file(), planned.path
        if planned.existing == "refuse":
            assert (flagship.site / planned.path).read_bytes() == planned.content, planned.path
    assert {page.url for page in plan.pages} >= {"", "en/", "webview/", "en/webview/", "archive/", "en/archive/",
                                                 "archive/2024-11-18/", "en/archive/2024-11-18/webview/"}
    assert {"policy.json", "feed.xml", "en/feed.xml", "sitemap.xml", "robots.txt"} <= {f.path for f in plan.files}
    # data/site.yml: the flagship publishes both lists MIIT asks for, each at its own prefix, in both languages.
    assert {"lists/collection/", "en/lists/collection/webview/", "lists/third-parties/",
            "en/lists/third-parties/webview/"} <= {page.url for page in plan.pages}


def test_the_flagship_third_party_list_shows_what_the_policy_does_not_say_as_unconfirmed(flagship: Project) -> None:
    """Filled only from the policy's sharing section (three categories of partners, entrusted): the rest is
    shown as unconfirmed, never invented."""
    page = html.unescape((flagship.site / "lists/third-parties/index.html").read_text(encoding="utf-8"))
    for recipient in ("技术/生产服务提供商", "物流服务供应商", "市场营销服务商"):
        assert recipient in page
    assert page.count("<em>待公司确认</em>") == 9
    english = html.unescape((flagship.site / "en/lists/third-parties/webview/index.html").read_text(encoding="utf-8"))
    assert english.count("<em>To be confirmed by the company</em>") == 9 and "Logistics providers" in english


def test_the_flagship_policy_links_its_collection_list(flagship: Project) -> None:
    for url, target in (("", "lists/collection/"), ("en/webview/", "en/lists/collection/webview/")):
        page = (flagship.site / url / "index.html").read_text(encoding="utf-8")
        hrefs = {_resolve(url, href) for href, _, _ in _HREF.findall(page)}
        assert target in hrefs and (flagship.site / target / "index.html").is_file(), url


def test_mkdocs_is_quiet_about_the_links_the_plan_writes_to_its_own_pages(multi_build: tuple[Project, str]) -> None:
    assert "unrecognized relative link" not in multi_build[1]


def test_mkdocs_still_notes_a_link_that_leads_to_no_planned_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PROJECT / "hooks"))
    import mkdocs_warnings
    import policy_state
    _, plan = site_plan(stages(MULTI, commit_date=lambda *_: None), SITE_URL)
    monkeypatch.setattr(policy_state, "site_plan", plan)
    note = "Doc file '{}' contains an unrecognized relative link '{}', it was left as is."
    assert mkdocs_warnings._links_a_planned_page(note.format("en/webview/index.md", "../lists/third-parties/webview/"))
    assert mkdocs_warnings._links_a_planned_page(note.format("zh/index.md", "lists/collection/"))
    assert not mkdocs_warnings._links_a_planned_page(note.format("zh/index.md", "lists/nowhere/"))
    assert not mkdocs_warnings._links_a_planned_page(note.format("en/webview/index.md", "lists/collection/"))


# --- the built site ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language, root", [("zh", ""), ("en", "en/")])
def test_each_document_has_its_page_and_web_view_in_each_language(multi: Project, language: str, root: str) -> None:
    listing = (multi.site / root / "lists/collection/index.html").read_text(encoding="utf-8")
    webview = (multi.site / root / "lists/collection/webview/index.html").read_text(encoding="utf-8")
    # A cell of data/inventory.yml, rendered by the collection list's renderer into a table.
    cell = {"zh": "收货人姓名、收货地址、手机号码", "en": "Recipient's name, delivery address"}[language]
    for page in (listing, webview):
        assert "<table" in page and cell in html.unescape(page)
    title = {"zh": "青禾冷链个人信息收集清单", "en": "Qinghe Cold Chain List of Personal Information Collected"}[language]
    assert title in listing and title in webview
    assert f'<link rel="canonical" href="{SITE_URL}{root}lists/collection/">' in webview
    assert "<script" not in webview, "the web-view stays a page without scripts"


@pytest.mark.parametrize("language, root", [("zh", ""), ("en", "en/")])
def test_the_childrens_rules_have_their_page_and_web_view_with_placeholders_filled(multi: Project, language: str,
                                                                                     root: str) -> None:
    page = html.unescape((multi.site / root / "children/index.html").read_text(encoding="utf-8"))
    webview = html.unescape((multi.site / root / "children/webview/index.html").read_text(encoding="utf-8"))
    title = {"zh": "青禾冷链儿童个人信息保护规则", "en": "Qinghe Cold Chain Children's Personal Information Protection Rules"}
    company = {"zh": "青禾冷链（杭州）有限公司", "en": "Qinghe Cold Chain (Hangzhou) Co., Ltd."}
    for text in (page, webview):
        assert title[language] in text and company[language] in text and "privacy@qinghe-coldchain.cn" in text
        assert "{{" not in text
    assert 'id="guardians"' in page and "<script" not in webview
    assert f'<link rel="canonical" href="{SITE_URL}{root}children/">' in webview


def test_the_childrens_rules_section_files_are_not_published_as_pages_of_their_own(multi: Project) -> None:
    """docs/<lang>/children-rules/sections/ is kept out by mkdocs.yml's `exclude_docs: sections/`, as forks have it."""
    assert not (multi.site / "children-rules").exists() and not (multi.site / "en" / "children-rules").exists()
    assert not [path for path in multi.site.rglob("*") if "sections" in path.parts]


def test_the_policy_keeps_the_addresses_the_web_team_pinned(multi: Project) -> None:
    for path in ("index.html", "en/index.html", "webview/index.html", "en/webview/index.html", "policy.json",
                 "404.html", "en/404.html", "robots.txt"):
        assert (multi.site / path).is_file(), path
    assert "青禾冷链隐私政策" in (multi.site / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((multi.site / "policy.json").read_text(encoding="utf-8"))
    assert manifest["policy"] == "qinghe-privacy"
    assert manifest["current"]["languages"]["en"]["url"] == f"{SITE_URL}en/"


def test_the_sitemap_lists_every_document_in_every_language(multi: Project) -> None:
    sitemap = (multi.site / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("", "en/", "lists/collection/", "en/lists/collection/", "children/", "en/children/"):
        assert f"<loc>{SITE_URL}{path}</loc>" in sitemap, path
    assert f'hreflang="en" href="{SITE_URL}en/lists/collection/"' in sitemap
    assert "webview" not in sitemap, "web-views are copies: their canonical page is listed instead"


def test_a_bad_site_yml_fails_the_build_with_its_finding(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=MULTI)
    project.write("data/site.yml", "documents:\n" + POLICY + "  - {id: list, kind: collection-list, prefix: webview}\n")
    result = project.build()
    assert result.returncode != 0
    assert "data/site.yml:3: site.document-prefix: document `list` has the prefix `webview`" in result.output
    assert "Traceback" not in result.output
    assert not project.site.exists()


# --- references between documents become links (policysite.crosslinks) --------------------------------------------

# The policy's collection section names the collection list and its sharing section the third-party list; each
# current page of the policy links them to the same kind of page, in its own language.
LINKED = {"": ["lists/collection/", "lists/third-parties/"],
          "en/": ["en/lists/collection/", "en/lists/third-parties/"],
          "webview/": ["lists/collection/webview/", "lists/third-parties/webview/"],
          "en/webview/": ["en/lists/collection/webview/", "en/lists/third-parties/webview/"]}
TITLES = {"zh": ["青禾冷链个人信息收集清单", "第三方信息共享清单"],
          "en": ["Qinghe Cold Chain List of Personal Information Collected",
                 "List of Personal Information Shared with Third Parties"]}
SHOWN = {"zh": ["个人信息收集清单", "《第三方信息共享清单》"],
         "en": ["List of Personal Information Collected", "third-party sharing list"]}
_HREF = re.compile(r'<a href="([^"]+)" title="([^"]+)">([^<]+)</a>')


def _resolve(page_url: str, href: str) -> str:
    """The site path a relative link written on the page at ``page_url`` leads to."""
    target = posixpath.normpath(posixpath.join("/" + page_url, href))
    return (target.strip("/") + "/").lstrip("/") if target != "/" else ""


def test_the_plan_links_the_policys_reference_to_the_list_from_every_page() -> None:
    _, plan = site_plan(stages(MULTI, commit_date=lambda *_: None), SITE_URL)
    pages = {page.url: page for page in plan.pages}
    for url, target in LINKED.items():
        links = re.findall(r"\]\(([^ )]+) \"[^\"]+\"\)", pages[url].markdown)
        assert [_resolve(url, link) for link in links] == target, (url, links)
        assert set(target) <= set(pages), "each link leads to a page the site plans"
    assert "](../lists/collection/webview/ " in pages["webview/"].markdown, "written relative to /webview/"


def test_the_released_text_is_not_rewritten_by_the_links() -> None:
    policy, plan = site_plan(stages(MULTI, commit_date=lambda *_: None), SITE_URL)
    assert all("](" not in line or "清单" not in line for line in policy.pages["zh"].splitlines())


@pytest.mark.parametrize("url", sorted(LINKED))
def test_the_built_pages_link_the_list_in_both_languages(multi: Project, url: str) -> None:
    page = (multi.site / url / "index.html").read_text(encoding="utf-8")
    found = [(href, title, text) for href, title, text in _HREF.findall(page) if "list" in text.lower() or "清单" in text]
    language = "en" if url.startswith("en/") else "zh"
    assert [_resolve(url, href) for href, _, _ in found] == LINKED[url], found
    for target in LINKED[url]:
        assert (multi.site / target / "index.html").is_file(), "the link resolves to a page of the built site"
    assert [html.unescape(title) for _, title, _ in found] == TITLES[language]
    assert [html.unescape(text) for _, _, text in found] == SHOWN[language]


@pytest.mark.parametrize("language, webview, expected", [
    ("zh", False, "../../"), ("zh", True, "../../../webview/"),
    ("en", False, "../../"), ("en", True, "../../../webview/")])
def test_a_list_page_links_the_policy_it_names_to_the_same_kind_of_page(language: str, webview: bool,
                                                                         expected: str) -> None:
    policy, plan = site_plan(stages(MULTI, commit_date=lambda *_: None), SITE_URL)
    documents = read_documents(policy.data, ["zh", "en"])[0]
    listing = documents[1]
    text = {"zh": "本清单是《青禾冷链隐私政策》的一部分。", "en": "This list is part of our privacy policy."}[language]
    out = linked(text, policy, documents, language, prefix=listing.prefix, own=listing.kind, webview=webview)
    link = re.search(r"\]\(([^ )]+) ", out)
    assert link is not None and link.group(1) == expected, out
    here = urls.webview(listing.prefix, language, "zh") if webview else urls.page(listing.prefix, language, "zh")
    assert _resolve(here, link.group(1)) in {page.url for page in plan.pages}
    assert linked(text, policy, documents, language, prefix="", own=POLICY_KIND, webview=webview) == text, \
        "a document never links to itself"


# --- the third-party list (data/third_parties.yml) ----------------------------------------------------------------

@pytest.mark.parametrize("language, root", [("zh", ""), ("en", "en/")])
def test_the_third_party_list_has_its_page_and_web_view_with_unconfirmed_values_shown(
        multi: Project, language: str, root: str) -> None:
    listing = (multi.site / root / "lists/third-parties/index.html").read_text(encoding="utf-8")
    webview = (multi.site / root / "lists/third-parties/webview/index.html").read_text(encoding="utf-8")
    title = TITLES[language][1]
    recipient = {"zh": "杭州迅达冷运有限公司", "en": "Hangzhou Xunda Cold Transport Co., Ltd."}[language]
    unconfirmed = {"zh": "待公司确认", "en": "To be confirmed by the company"}[language]
    for page in (listing, webview):
        text = html.unescape(page)
        assert "<table" in page and title in text and recipient in text
        # The SMS provider's information and policy link are not confirmed: shown as such, twice, never guessed.
        assert text.count(f"<em>{unconfirmed}</em>") == 2, language
        assert 'href="https://www.xunda-coldtransport.cn/privacy"' in page
    assert f'<link rel="canonical" href="{SITE_URL}{root}lists/third-parties/">' in webview
    assert "<script" not in webview


def test_each_unconfirmed_value_is_a_notice_that_does_not_fail_the_build(multi_build: tuple[Project, str]) -> None:
    """The fixture was built strict (make build) and succeeded; its log names each value still to confirm."""
    multi, output = multi_build
    notices = [line for line in output.splitlines() if "list.unconfirmed" in line]
    assert len(notices) == 2, notices
    assert all("Notice: data/third_parties.yml:" in line for line in notices)
    assert any("rows.1.information" in line for line in notices) and any("rows.1.link" in line for line in notices)
    sitemap = (multi.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}en/lists/third-parties/</loc>" in sitemap


# --- a list's footer shows no version (the policy's would be read as the list's) ------------------------------

VERSION_LINE = {"zh": "版本 1", "en": "Version 1"}


@pytest.mark.parametrize("url", ["lists/collection/", "lists/collection/webview/", "en/lists/third-parties/",
                                 "en/lists/third-parties/webview/"])
def test_a_list_page_shows_no_version_line_until_lists_have_versions(multi: Project, url: str) -> None:
    page = html.unescape((multi.site / url / "index.html").read_text(encoding="utf-8"))
    language = "en" if url.startswith("en/") else "zh"
    footer = re.findall(r"<footer.*?</footer>", page, re.S)[-1]
    assert VERSION_LINE[language] not in footer and "<time" not in footer, footer
    assert "qinghe" in footer.lower() or "青禾" in footer, "the publisher and contact stay"
    margin = re.search(r"@top-right\{content:\"([^\"]*)\"\}", page)
    assert margin is not None and margin.group(1) == TITLES[language][0 if "collection" in url else 1]


@pytest.mark.parametrize("url", ["", "en/webview/"])
def test_the_policy_pages_keep_their_version_line(multi: Project, url: str) -> None:
    page = html.unescape((multi.site / url / "index.html").read_text(encoding="utf-8"))
    language = "en" if url.startswith("en/") else "zh"
    assert VERSION_LINE[language] in re.findall(r"<footer.*?</footer>", page, re.S)[-1]
    assert VERSION_LINE[language] in re.search(r"@top-right\{content:\"([^\"]*)\"\}", page).group(1)


# --- 404 pages are in the plan ---------------------------------------------------------------------------------

def test_the_plan_lists_one_404_page_per_language_and_the_build_puts_each_there(multi: Project) -> None:
    _, plan = site_plan(stages(MULTI, commit_date=lambda *_: None), SITE_URL)
    assert [(page.url, page.language, page.words["home_url"]) for page in plan.error_pages] == [
        ("404.html", "zh", "/"), ("en/404.html", "en", "/en/")]
    for page in plan.error_pages:
        built = html.unescape((multi.site / page.url).read_text(encoding="utf-8"))
        assert f"<h1>{page.words['title']}</h1>" in built and f'href="{page.words["home_url"]}"' in built
    assert plan.error_pages[0].words["title"] != plan.error_pages[1].words["title"], "each in its own language"
