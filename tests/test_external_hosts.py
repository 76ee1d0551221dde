"""The whole-site guarantee: no page loads anything from another host."""

from __future__ import annotations

import pytest

from conftest import Project
from policysite.external_hosts import check_css, check_html, check_site

HOST = "privacy.xometry.asia"


def rules(html: str) -> list[str]:
    return [finding.rule for finding in check_html(html, display="index.html", site_host=HOST)]


@pytest.mark.parametrize("html", [
    '<script src="https://cdn.jsdelivr.net/npm/mermaid.min.js"></script>',
    '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
    '<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>',
    '<link rel="dns-prefetch" href="//www.googletagmanager.com">',
    '<link rel="shortcut icon" href="https://example.com/favicon.ico">',
    '<link rel="manifest" href="https://example.com/site.webmanifest">',
    '<link rel="preload" as="font" href="https://example.com/font.woff2">',
    '<img src="https://example.com/pixel.gif">',
    '<img src="local.png" srcset="local.png 1x, https://example.com/big.png 2x">',
    '<picture><source srcset="https://example.com/a.webp"></picture>',
    '<video src="/v.mp4" poster="https://example.com/poster.jpg"></video>',
    '<audio src="https://example.com/a.mp3"></audio>',
    '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    '<meta http-equiv="refresh" content="0; url=https://example.com/">',
    '<div style="background: url(https://example.com/bg.png)"></div>',
    '<style>\n@import "https://example.com/x.css";\n</style>',
    "<style>body { background: url('//example.com/bg.png') }</style>",
])
def test_loads_from_another_host_are_found(html):
    assert rules(html) == ["site.external-load"]


@pytest.mark.parametrize("html", [
    '<a href="https://www.xometry.asia/">the company</a>',
    '<a href="mailto:info@xometry.asia">mail</a>',
    '<link rel="canonical" href="https://privacy.xometry.asia/">',
    '<link rel="alternate" hreflang="en" href="https://privacy.xometry.asia/en/">',
    '<link rel="stylesheet" href="assets/stylesheets/main.57a0d79d.min.css">',
    '<link rel="stylesheet" href="/assets/x.css">',
    '<link rel="icon" href="data:,">',
    '<img src="https://privacy.xometry.asia/logo.png">',
    '<div style="background:url(data:image/svg+xml;base64,AAAA)"></div>',
    '<script>var x = "https://example.com/";</script>',
])
def test_links_and_own_files_are_fine(html):
    assert rules(html) == []


def test_findings_name_the_page_line_and_a_fix():
    html = "<!doctype html>\n<html>\n<head>\n<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css\">\n"
    (finding,) = check_html(html, display="en/index.html", site_host=HOST)
    assert finding.format().startswith("en/index.html:4: site.external-load: <link rel=\"stylesheet\"> loads "
                                       "`https://fonts.googleapis.com/css` from another host (fonts.googleapis.com)")
    assert "theme.font: false" in finding.fix


def test_line_of_a_load_inside_a_style_element():
    html = "<html>\n<style>\nbody{}\n\na{background:url(https://example.com/a.png)}\n</style>"
    (finding,) = check_html(html, display="x.html", site_host=HOST)
    assert finding.line == 5


def test_stylesheets_are_checked_too():
    css = "a{}\n@import url(https://fonts.googleapis.com/css);\nb{background:url(img/x.png)}"
    (finding,) = check_css(css, display="assets/stylesheets/policy.css", site_host=HOST)
    assert (finding.rule, finding.line) == ("site.external-load", 2)


def test_non_ascii_and_plain_http_addresses_are_found():
    assert rules('<a href="https://privacy.xometry.asia/隐私/">x</a>') == ["site.non-ascii-url"]
    assert rules('<a href="http://www.xometry.asia/">x</a>') == ["site.insecure-url"]
    assert rules('<a href="#processing">x</a>') == []
    # Own absolute URLs follow site_url, which `mkdocs serve` sets to http://127.0.0.1:8000/.
    assert [f.rule for f in check_html('<link rel="canonical" href="http://127.0.0.1:8000/">',
                                       display="x.html", site_host="127.0.0.1")] == []


def test_the_flagship_loads_nothing_from_elsewhere(flagship: Project):
    assert check_site(flagship.site, "https://privacy.xometry.asia/") == []


def test_a_page_loading_google_fonts_fails_the_build_and_keeps_the_old_site(project: Project):
    first = project.build()
    assert first.returncode == 0, first.output
    before = project.page("zh")
    # Material's default theme loads Google Fonts.
    project.replace("mkdocs.yml", "  font: false\n", "")
    result = project.build()
    assert result.returncode != 0
    assert "site.external-load" in result.output
    assert "fonts.googleapis.com" in result.output and "theme.font: false" in result.output
    assert "Traceback" not in result.output
    assert project.page("zh") == before
