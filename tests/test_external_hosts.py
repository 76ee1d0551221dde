"""The whole-site guarantee: no page loads anything from another host."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Project
from payloads import CLEAN, REPORTED
from policysite.external_hosts import PageSources, check_css, check_html, check_site, css_urls, refresh_url, srcset_urls

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
    '<script type="application/json">{"url": "https://example.com/"}</script>',
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


def test_a_site_checked_again_reports_every_finding_again_and_a_changed_clean_file(tmp_path: Path):
    """check_site remembers the files it found clean; a file with a finding, or one changed since, is read again."""
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text('<p>clean</p>', encoding="utf-8")
    (site / "bad.html").write_text('<img src="https://evil.test/x.png">', encoding="utf-8")
    (site / "assets" / "a.css").write_text("p { color: red }", encoding="utf-8")
    url = "https://privacy.xometry.asia/"
    first = check_site(site, url)
    assert [(f.path, f.rule) for f in first] == [("bad.html", "site.external-load")]
    assert check_site(site, url) == first  # the finding is reported on every build, not remembered away
    (site / "index.html").write_text('<p>clean</p><script src="//evil.test/t.js"></script>', encoding="utf-8")
    (site / "assets" / "a.css").write_text('p { background: url("https://evil.test/b.png") }', encoding="utf-8")
    again = sorted((f.path, f.rule) for f in check_site(site, url))
    assert again == [("assets/a.css", "site.external-load"), ("bad.html", "site.external-load"),
                     ("index.html", "site.external-load")]
    # The same clean bytes judged for another host are judged again: the verdict belongs to the host too.
    (site / "index.html").write_text('<a href="http://privacy.xometry.asia/">home</a>', encoding="utf-8")
    (site / "bad.html").unlink()
    (site / "assets" / "a.css").unlink()
    assert check_site(site, url) == []
    assert [f.rule for f in check_site(site, "http://127.0.0.1:8000/")] == ["site.insecure-url"]


def test_a_page_loading_google_fonts_fails_the_build_and_keeps_the_old_site(project: Project):
    first = project.build()
    assert first.returncode == 0, first.output
    before = project.page("zh")
    # The site's layout loads no theme font (overrides/main.html); a stylesheet from Google Fonts added to
    # extra_css is what a web designer would try.
    project.replace("mkdocs.yml", "extra_css:\n", "extra_css:\n  - https://fonts.googleapis.com/css2?family=Roboto\n")
    result = project.build()
    assert result.returncode != 0
    assert "site.external-load" in result.output
    assert "fonts.googleapis.com" in result.output
    assert "Traceback" not in result.output
    assert project.page("zh") == before


# -- the payload corpus (tests/payloads.py; tests/test_browser_payloads.py holds Chromium to the same list) --

def page(body: str) -> str:
    return f'<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>t</title></head>\n<body>\n{body}\n</body>\n</html>\n'


def loopback_rules(body: str) -> list[str]:
    return [f.rule for f in check_html(page(body), display="p.html", site_host="127.0.0.1", scheme="http")]


@pytest.mark.parametrize("name", sorted(REPORTED))
def test_every_payload_class_is_reported(name):
    assert "site.external-load" in loopback_rules(REPORTED[name])


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_markup_that_fetches_nothing_elsewhere_passes(name):
    assert "site.external-load" not in loopback_rules(CLEAN[name])


@pytest.mark.parametrize("html", [
    # https: on an https page is a path here; on an http page, or with slashes, another host.
    '<img src="http:evil.test/x.png">',
    '<img src="https:/\\evil.test/x.png">',
    '<img src="https:\\/evil.test/x.png">',
    '<img src="ftp://evil.test/x.png">',
    '<img src="file:///etc/passwd">',
    '<script src="javascript:alert(1)"></script>',
    '<embed src="data:image/svg+xml,<svg/>">',
    '<img src="https://privacy.xometry.asia.evil.test/x.png">',
    '<img src="https://evil.test\\@privacy.xometry.asia/x.png">',
    '<svg><animate attributeName="href" to="//evil.test/x.png"/></svg>',
    '<link rel="preload stylesheet" as="style" href="//evil.test/x.css">',
    '<link rel="prefetch" href="//evil.test/next">',
    '<link rel="modulepreload" href="//evil.test/m.js">',
    '<link rel="preload" as="image" imagesrcset="//evil.test/x.png 1x">',
    '<object data="//evil.test/x.swf"></object>',
    '<audio src="//evil.test/a.mp3"></audio>',
    '<video><source src="//evil.test/v.mp4"><track src="//evil.test/t.vtt"></video>',
    '<frameset><frame src="//evil.test/f"></frameset>',
    '<iframe srcdoc="<iframe srcdoc=&quot;<img src=//evil.test/x.png>&quot;></iframe>"></iframe>',
    '<style>@IMPORT "//evil.test/x.css";</style>',
    '<style>p{background:URL(//evil.test/x.png)}</style>',
    '<style>p{cursor:url(//evil.test/c.cur),auto}</style>',
    '<style>p{border-image:url("//evil.test/b.png") 30}</style>',
    '<style>p{mask:url(//evil.test/m.svg)}</style>',
])
def test_more_forms_on_an_https_site_are_reported(html):
    assert "site.external-load" in rules(html), html


@pytest.mark.parametrize("html", [
    '<img src="https:evil.test/x.png">',  # on an https page: the path /evil.test/x.png of this site
    '<img src="https://PRIVACY.xometry.asia/x.png">',
    '<img src="//privacy.xometry.asia/x.png">',
    '<img src="//%70rivacy.xometry.asia/x.png">',
    '<base href="/archive/"><img src="x.png">',
    '<base href="https://privacy.xometry.asia/en/"><img src="x.png">',
    '<iframe src="about:blank"></iframe>',
    '<form action="mailto:info@xometry.asia"></form>',
    '<svg><use href="#icon"/></svg>',
    '<a href="https://evil.test/">x</a>',
])
def test_more_forms_on_an_https_site_pass(html):
    assert "site.external-load" not in rules(html), html


def test_srcset_is_split_as_the_html_standard_splits_it():
    assert srcset_urls("a.png 1x, b.png 2x") == ["a.png", "b.png"]
    assert srcset_urls("data:image/gif;base64,AA,BB 1x,c.png") == ["data:image/gif;base64,AA,BB", "c.png"]
    assert srcset_urls("a.png,b.png") == ["a.png,b.png"]  # no space: one URL holding a comma
    assert srcset_urls("a.png, b.png,") == ["a.png", "b.png"]
    assert srcset_urls(" a.png (max-width: 1px, 2px) 1x , b.png") == ["a.png", "b.png"]


@pytest.mark.parametrize("content, url", [
    ("0; url=https://x.test/", "https://x.test/"), ("0;https://x.test/", "https://x.test/"),
    ("0, URL = 'x.html'", "x.html"), ("5", None), ("0.5;  //x.test", "//x.test"), ('0;url="a b"', "a b"),
])
def test_refresh_content_is_read_as_browsers_read_it(content, url):
    assert refresh_url(content) == url


def test_css_urls_come_with_their_line_and_purpose():
    css = '@import "a.css";\np{\n background: u\\72l(b.png)}\n@namespace x url(http://n.test/);\n'
    assert css_urls(css) == [("a.css", 1, "style"), ("b.png", 3, "image")]


def test_a_base_elsewhere_is_named_and_moves_every_relative_load():
    html = '<html>\n<head>\n<base href="//evil.test/">\n<script src="assets/bundle.js"></script>\n'
    found = check_html(html, display="index.html", site_host=HOST)
    assert [(f.line, f.rule) for f in found] == [(3, "site.external-load"), (4, "site.external-load")]
    assert "<base href" in found[0].problem and "evil.test" in found[0].problem
    assert "the <base href> on line 3 sends to evil.test" in found[1].problem


def test_findings_name_the_section_file_that_wrote_the_markup():
    sources = PageSources(prefixes=(("en/", "en"), ("", "zh")),
                          sections={("en", "intro"): "docs/en/sections/intro.md",
                                    ("en", "rights"): "docs/en/sections/rights.md",
                                    ("zh", "rights"): "docs/zh/sections/rights.md"},
                          intro={"en": "docs/en/sections/intro.md"})
    html = ('<html><body><header><img src="//evil.test/h.png"></header>\n<article>\n<h1 id="t">Policy</h1>\n'
            '<p><img src="//evil.test/i.png"></p>\n<h2 id="rights">Rights</h2>\n<p style="background:url(//evil.test/r)">'
            '</p>\n</article>\n<footer><img src="//evil.test/f.png"></footer></body></html>')
    found = {f.line: f for f in check_html(html, display="en/index.html", site_host=HOST, sources=sources)}
    assert "comes from" not in found[1].problem  # the header is the template's
    assert found[4].problem.endswith("the markup comes from docs/en/sections/intro.md")
    assert found[6].problem.endswith("the markup comes from docs/en/sections/rights.md")
    with_text = PageSources(sources.prefixes, sources.sections, sources.intro,
                            {"docs/en/sections/rights.md": "# Rights\n\n<p style=\"background:url(//evil.test/r)\">\n"})
    (finding,) = [f for f in check_html(html, display="en/index.html", site_host=HOST, sources=with_text) if f.line == 6]
    assert finding.problem.endswith("the markup comes from docs/en/sections/rights.md:3")
    assert "docs/en/sections/rights.md" in found[6].fix
    assert "comes from" not in found[8].problem
    archived = check_html(html, display="archive/2024-11-18/webview/index.html", site_host=HOST, sources=sources)
    assert archived[2].problem.endswith("the markup comes from archive/2024-11-18/zh.md")


def test_a_section_loading_from_another_host_is_refused_at_its_line(project: Project):
    """Defence in depth: the section allowlist (section.html) refuses the image before MkDocs runs, at the
    section's own line; the guard's mapping of built markup back to that line is tested above."""
    project.replace("docs/en/sections/rights.md", "We will verify your identity",
                    "See ![logo](//evil.test/logo.png). We will verify your identity")
    result = project.build()
    assert result.returncode != 0
    assert "Traceback" not in result.output
    source_line = project.read("docs/en/sections/rights.md").split("evil.test")[0].count("\n") + 1
    assert f"docs/en/sections/rights.md:{source_line}: section.html: `<img>` is not allowed" in result.output, \
        result.output


@pytest.mark.parametrize("html", [
    '<script>var x = "https://example.com/";</script>',
    '<script type="module">import("./x.js")</script>',
    '<svg><script>alert(1)</script></svg>',
    '<img src="x.png" onerror="alert(1)">',
    '<svg onload="alert(1)"></svg>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<iframe src=" javascript:alert(1)"></iframe>',
])
def test_inline_script_the_csp_would_refuse_is_reported(html):
    assert "site.inline-script" in rules(html)


@pytest.mark.parametrize("html", [
    '<script src="assets/javascripts/md-scope.0123456789.js" data-scope="."></script>',
    '<script id="__config" type="application/json">{"base": "."}</script>',
    '<a href="#rights" title="on the right">x</a>',
    '<p>javascript: is only text here</p>',
])
def test_script_files_and_data_blocks_pass(html):
    assert "site.inline-script" not in rules(html)


def test_the_flagship_has_no_inline_script(flagship: Project):
    pages = [path for path in flagship.site.rglob("*.html")]
    assert len(pages) >= 10
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert [f.rule for f in check_html(text, display=path.name, site_host=HOST)] == []
