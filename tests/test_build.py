"""Whole builds of real sites: the flagship's content, and failures that publish nothing."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import FLAGSHIP, Project

FACTS = {
    "zh": ["择幂（上海）科技有限公司", "中国上海市虹口区溧阳路735号4号楼4225室", "info@xometry.asia",
           "www.xometry.asia", "2024年11月18日"],
    "en": ["Xometry (Shanghai) Technology Co., Ltd.",
           "Room 4225, Building 4, No. 735 Liyang Road, Hongkou District, Shanghai, China",
           "info@xometry.asia", "www.xometry.asia", "November 18, 2024"],
}


class _Outline(HTMLParser):
    """Section ids in order, and the rows of the table after #appendix."""

    def __init__(self) -> None:
        super().__init__()
        self.section_ids: list[str] = []
        self.in_appendix = False
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "h2" and attributes.get("id"):
            self.section_ids.append(attributes["id"])
            self.in_appendix = attributes["id"] == "appendix"
        if self.in_appendix and tag == "tr":
            self.rows.append([])
        if self.in_appendix and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


def inventory_row_count() -> int:
    return len(yaml.safe_load((FLAGSHIP / "data" / "inventory.yml").read_text(encoding="utf-8"))["rows"])


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_language_page_carries_the_facts_from_data(flagship: Project, language: str) -> None:
    html = flagship.page(language)
    for fact in FACTS[language]:
        assert fact in html, f"{fact!r} missing from the {language} page"
    assert "xomery" not in html


def test_both_languages_have_the_same_sections_in_the_same_order(flagship: Project) -> None:
    zh, en = outline(flagship.page("zh")), outline(flagship.page("en"))
    assert zh.section_ids == en.section_ids == [
        "processing", "cookies", "storage", "sharing", "rights", "minors", "updates", "contact", "appendix"]


def test_every_heading_anchor_is_ascii_and_the_same_in_both_languages(flagship: Project) -> None:
    ids = [re.findall(r'<h[2-4] id="([^"]+)"', flagship.page(language)) for language in ("zh", "en")]
    assert ids[0] == ids[1]
    assert "rights-7" in ids[0]
    assert all(re.fullmatch(r"[a-z0-9-]+", anchor) for anchor in ids[0])


def test_links_to_sub_section_anchors_and_pinned_ids_build(project: Project) -> None:
    """Generated sub-section anchors and `{#id}` heading attributes are real link targets."""
    for language, see in (("zh", "参见"), ("en", "See")):
        path = f"docs/{language}/sections/minors.md"
        lines = project.read(path).splitlines()
        lines.insert(1, f"\n{see} [](#rights-2) / [](#kept-id).\n\n## X {{#kept-id}}\n")
        project.write(path, "\n".join(lines) + "\n")
    result = project.build()
    assert result.returncode == 0, result.output
    for language in ("zh", "en"):
        html = project.page(language)
        assert 'id="rights-2"' in html and 'id="kept-id"' in html and 'href="#rights-2"' in html


def test_appendix_table_has_the_same_rows_in_both_languages(flagship: Project) -> None:
    zh, en = outline(flagship.page("zh")).rows, outline(flagship.page("en")).rows
    assert len(zh) == len(en) == inventory_row_count() + 1  # header row
    assert all(len(row) == 5 for row in zh + en)
    assert zh[0][0] == "收集个人信息场景" and en[0][0] == "Scenario"
    assert all(cell for row in en for cell in row), "an English inventory cell is empty"


def test_no_template_or_word_debris_anywhere_in_the_site(flagship: Project) -> None:
    published = [p for p in flagship.site.rglob("*") if p.suffix in {".html", ".xml", ".json", ".txt"}]
    assert published
    for path in published:
        text = path.read_text(encoding="utf-8")
        for debris in ("{{", "{%", "【", "[bookmark", "Comment by"):
            assert debris not in text, f"{debris!r} in {path.relative_to(flagship.site)}"


def test_footer_shows_company_update_date_and_contact(flagship: Project) -> None:
    footer = re.search(r'<div class="md-copyright policy-footer">(.*?)</div>\s*</div>', flagship.page("en"), re.S)
    assert footer is not None
    text = footer.group(1)
    assert "Xometry (Shanghai) Technology Co., Ltd." in text
    assert 'datetime="2024-11-18"' in text and "November 18, 2024" in text
    assert 'href="mailto:info@xometry.asia"' in text


def test_language_switcher_links_both_languages(flagship: Project) -> None:
    html = flagship.page("zh")
    assert re.search(r'<a href="[^"]*en/"[^>]*hreflang="en"', html)


def test_nothing_loads_google_fonts(flagship: Project) -> None:
    for path in flagship.site.rglob("*.html"):
        assert "fonts.googleapis.com" not in path.read_text(encoding="utf-8")


def test_no_search_index_is_published(flagship: Project) -> None:
    """The pages have no search box (the browser's own find searches one page), so the search plugin and its
    Chinese segmenter, jieba, are not run: no index, no worker, nothing that would point to one."""
    assert not (flagship.site / "search").exists()
    for path in flagship.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "search_index.json" not in html and "lunr" not in html, path


# --- failures: nothing published, the previous site left as it was --------------------------

def previous_site(project: Project) -> Path:
    marker = project.site / "index.html"
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text("previously published", encoding="utf-8")
    return marker


def assert_failed_and_untouched(project: Project, result, marker: Path) -> None:
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    assert marker.read_text(encoding="utf-8") == "previously published"
    assert sorted(p.name for p in project.site.iterdir()) == ["index.html"]
    assert not list(project.root.glob(".site-build-*")), "staging folder left behind"


def test_missing_english_section_fails_and_keeps_the_site(project: Project) -> None:
    marker = previous_site(project)
    project.path("docs/en/sections/minors.md").unlink()
    result = project.build()
    assert_failed_and_untouched(project, result, marker)
    assert "docs/en/sections/minors.md:1: section.missing:" in result.output


def test_unknown_placeholder_fails_naming_file_line_and_key(project: Project) -> None:
    marker = previous_site(project)
    text = project.read("docs/zh/sections/contact.md")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "{{ contact.email }}" in l)
    project.write("docs/zh/sections/contact.md", text.replace("{{ contact.email }}", "{{ contact.mail }}"))
    result = project.build()
    assert_failed_and_untouched(project, result, marker)
    assert f"docs/zh/sections/contact.md:{line}: placeholder.unknown:" in result.output
    assert "`contact.mail`" in result.output and "did you mean `contact.email`?" in result.output


def test_malformed_yaml_fails_naming_file_and_line(project: Project) -> None:
    marker = previous_site(project)
    project.replace("data/company.yml", "website: www.xometry.asia", "website: [www.xometry.asia")
    result = project.build()
    assert_failed_and_untouched(project, result, marker)
    assert re.search(r"data/company\.yml:\d+: data\.yaml: this is not valid YAML", result.output)


def test_plain_mkdocs_build_also_judges_before_cleaning(project: Project) -> None:
    """Even without `make build`, the hook refuses before MkDocs empties site/."""
    marker = previous_site(project)
    project.path("docs/en/sections/rights.md").unlink()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
                            cwd=project.root, capture_output=True, text=True)
    assert result.returncode != 0
    assert "docs/en/sections/rights.md:1: section.missing:" in result.stderr
    assert "Traceback" not in result.stderr
    assert marker.read_text(encoding="utf-8") == "previously published"


def test_successful_build_replaces_the_previous_site(project: Project) -> None:
    previous_site(project)
    (project.site / ".policysite-site").write_text("built before\n", encoding="utf-8")  # a build made it
    (project.site / "stale.html").write_text("old", encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.output
    assert not (project.site / "stale.html").exists()
    assert "择幂（上海）科技有限公司" in project.page("zh")
    assert (project.site / "en" / "index.html").is_file()


def test_language_mismatch_between_mkdocs_and_data_fails(project: Project) -> None:
    config = project.read("mkdocs.yml")
    start = config.index("        - locale: en")
    end = config.index("site_name: Xometry Asia Data Protection Policy", start)
    project.write("mkdocs.yml", config[:start] + config[config.index("\n", end) + 1:])
    result = project.build()
    assert result.returncode != 0
    assert re.search(r"mkdocs.yml:\d+: site.languages: the site builds zh but data/policy.yml declares zh, en", result.output)


def test_published_site_is_readable_by_the_web_server(flagship: Project) -> None:
    assert flagship.site.stat().st_mode & 0o777 == 0o755
