"""The web-view page (/webview/, /en/webview/): one light HTML file for the mini program."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FLAGSHIP, Project
from policysite import csp
from policysite.judge import judge
from policysite.webview import WEBVIEW_TEMPLATE, webview_page



class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attributes for name, attributes in self.tags if name == tag]


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


LANGUAGES = [("zh", "zh-CN", "https://privacy.xometry.asia/", "../en/webview/"),
             ("en", "en", "https://privacy.xometry.asia/en/", "../../webview/")]


@pytest.mark.parametrize("language, hreflang, canonical, other", LANGUAGES)
def test_webview_page_is_one_html_file_without_script(flagship: Project, language, hreflang, canonical, other):
    html = flagship.page(language, "webview")
    page = parse(html)
    assert page.all("html")[0]["lang"] == hreflang
    assert page.all("script") == []
    assert [link for link in page.all("link") if link.get("rel") == "stylesheet"] == []
    assert page.all("img") == [] and page.all("iframe") == []
    metas = page.all("meta")
    # The CSP comes right after the charset and allows exactly the page's own inline stylesheet.
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert metas[1] == {"http-equiv": "Content-Security-Policy", "content": csp.webview(style)}
    assert "default-src 'none'" in metas[1]["content"] and "unsafe-inline" not in metas[1]["content"]
    viewport = next(meta["content"] for meta in metas if meta.get("name") == "viewport")
    assert "width=device-width" in viewport and "viewport-fit=cover" in viewport
    assert {"rel": "canonical", "href": canonical} in page.all("link")
    # No header, navigation or search from Material.
    assert "md-header" not in html and "md-nav" not in html and "search" not in html.lower()
    assert other in [a["href"] for a in page.all("a")]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_url_is_ascii_and_https_or_relative(flagship: Project, language):
    page = parse(flagship.page(language, "webview"))
    urls = [attributes[name] for _, attributes in page.tags for name in ("href", "src") if name in attributes]
    assert urls
    for url in urls:
        assert url.isascii(), url
        assert url.startswith(("https://", "#", "../", "./", "data:")) or not re.match(r"^[a-z]+:", url), url


@pytest.mark.parametrize("language", ["zh", "en"])
def test_contents_list_every_section_and_footer_names_publisher(flagship: Project, language):
    policy = judge(flagship.root)
    html = flagship.page(language, "webview")
    contents = re.search(r'<details class="toc">(.*?)</details>', html, re.S)
    assert contents is not None
    anchors = re.findall(r'href="#([a-z0-9-]+)"', contents.group(1))
    assert anchors == [section.id for section in policy.sections if section.role != "intro"]
    footer = re.search(r"<footer>(.*?)</footer>", html, re.S).group(1)
    context = policy.contexts[language]
    for fact in (context["company"]["legal_name"], context["contact"]["email"], str(context["policy"]["updated"])):
        assert str(fact) in footer
    assert 'datetime="2024-11-18"' in footer


def test_tables_scroll_in_their_own_box(flagship: Project):
    html = flagship.page("zh", "webview")
    assert html.count("<table>") == 1
    assert re.search(r'<div class="table" role="region" tabindex="0" aria-label="[^"]+"><table>', html)
    assert "</table></div>" in html
    assert re.search(r"\.table\{overflow-x:auto", html)


def test_styles_suit_a_phone(flagship: Project):
    css = re.search(r"<style>(.*?)</style>", flagship.page("zh", "webview"), re.S).group(1)
    size = int(re.search(r"body\{[^}]*font:(\d+)px", css).group(1))
    assert size >= 16
    assert "prefers-color-scheme:dark" in css
    assert "env(safe-area-inset-left)" in css and "env(safe-area-inset-bottom)" in css
    assert '"PingFang SC"' in css and '"Noto Sans CJK SC"' in css
    assert "@import" not in css and "url(" not in css


@pytest.mark.parametrize("language", ["zh", "en"])
def test_weight_is_at_most_twice_the_text(flagship: Project, language):
    """The page loads nothing else, so its own gzipped size is everything the reader downloads."""
    text = judge(flagship.root).pages[language].encode("utf-8")
    floor = len(gzip.compress(text, 9))
    page = (flagship.site / ("" if language == "zh" else language) / "webview" / "index.html").read_bytes()
    assert len(gzip.compress(page, 9)) <= 2 * floor


def test_webview_pages_stay_out_of_search(flagship: Project):
    """No site search index exists to list them (see test_build), and search engines are pointed at the full page."""
    assert not (flagship.site / "search").exists()
    assert "webview" not in (flagship.site / "sitemap.xml").read_text(encoding="utf-8")


def test_html_changes_when_the_policy_changes(project: Project, flagship: Project):
    project.replace("docs/zh/sections/minors.md", "。", "。本句为测试新增。")
    result = project.build()
    assert result.returncode == 0, result.output
    assert project.page("zh", "webview") != flagship.page("zh", "webview")
    assert "本句为测试新增" in project.page("zh", "webview")


def test_archived_versions_can_have_a_webview_page(tmp_path: Path):
    """The archive passes an archived text and its own path and footer facts."""
    policy = judge(FLAGSHIP)
    footer = {"legal_name": "旧名称", "email": "old@xometry.asia", "version": 1, "updated": "2024年11月18日",
              "updated_iso": "2024-11-18", "effective": "2024年11月18日", "effective_iso": "2024-11-18"}
    page = webview_page(policy, "en", "# Old\n\ntext\n", "Old", path="archive/2024-11-18/webview/",
                        canonical="archive/2024-11-18/", footer=footer)
    assert page.path == "archive/2024-11-18/webview/" and page.template == WEBVIEW_TEMPLATE
    assert page.meta["canonical"] == "en/archive/2024-11-18/"
    assert page.meta["webview"]["alternates"] == [
        {"name": "简体中文", "hreflang": "zh-CN", "path": "archive/2024-11-18/webview/"}]
    assert page.meta["webview"]["footer"] is footer
    assert not page.in_search


def test_released_versions_get_their_own_webview_page(flagship: Project):
    """The flagship's first version, 2024-11-18, is archived (`make release`)."""
    assert (flagship.root / "archive" / "2024-11-18" / "zh.md").is_file()
    zh = flagship.page("zh", "archive/2024-11-18/webview")
    en = flagship.page("en", "archive/2024-11-18/webview")
    assert '<link rel="canonical" href="https://privacy.xometry.asia/archive/2024-11-18/">' in zh
    assert '<link rel="canonical" href="https://privacy.xometry.asia/en/archive/2024-11-18/">' in en
    assert re.search(r'<p class="notice" role="note">这是本政策[^<]*第1版[^<]*2024年11月18日', zh)
    assert re.search(r'<p class="notice" role="note">This is [^<]*version 1[^<]*November 18, 2024', en)
    assert 'href="../../../../archive/2024-11-18/webview/" hreflang="zh-CN"' in en
    assert "<script" not in en and '<h2 id="appendix">' in en
    assert 'datetime="2024-11-18"' in en
    assert "webview" not in (flagship.site / "sitemap.xml").read_text(encoding="utf-8")
