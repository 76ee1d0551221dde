"""Attacks on the page through HTML: section HTML beyond the allowlist, and data values in templates.

Sections: every payload below is written into a real section file and judged
by judge() (what `make check` and the build run); each must be reported on the
line that wrote it, with the expected rule — never published, never stripped
silently. Payloads that a policy legitimately needs must pass.

Data: values full of HTML-special characters go through every template and
generated file — unit-rendered with the real templates and MkDocs' own Jinja
settings, then in one real build (with a release, so that archived pages,
the feeds and policy.json carry them too) — and must come out as text.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import html5lib
import markdown
import pytest

from policysite.tables import readable_tables
import yaml
from hypothesis import given, settings, strategies as st

from conftest import FLAGSHIP, PROJECT, Project, copy_of, copy_project, run_policysite
from policysite.assemble import inventory_table
from policysite.escape import html_text, markdown_inline
from policysite.model import Section, SectionText
from policysite.rules.html import MARKDOWN_EXTENSIONS, _scan, tag_problems
from policysite.rules.markdown import parse
from policysite.rules.registry import Document
from rulefixtures import judged, materialise

SECTION = "docs/zh/sections/updates.md"
ANCHOR = "我们会在本页面发布本政策的变更。\n"  # line 3 of the base fixture's updates.md
FIRST_LINE = 5  # payloads start after the anchor and a blank line

# (id, payload, line of the finding within the payload)
BAD: list[tuple[str, str, int]] = [
    ("script", "<script>alert(1)</script>", 0),
    ("script-upper-src", "<SCRIPT SRC=/x.js></SCRIPT>", 0),
    ("script-module", "<script type=\"module\">import('/x.js')</script>", 0),
    ("img-onerror", "<img src=x onerror=alert(4)>", 0),
    ("svg-onload", "<svg onload=alert(5)></svg>", 0),
    ("svg-script", "<svg><script>alert(6)</script></svg>", 0),
    ("math-xlink", "<math><mi xlink:href=\"javascript:alert(7)\">x</mi></math>", 0),
    ("span-onmouseover", "<span onmouseover=\"alert(8)\">x</span>。", 0),
    ("div-onclick", "<div onclick=alert(9)>x</div>", 0),
    ("p-onclick-upper", "<p ONCLICK=\"alert(10)\">x</p>", 0),
    ("details-ontoggle", "<details open ontoggle=alert(11)><summary>x</summary>y</details>", 0),
    ("href-javascript", "<a href=\"javascript:alert(12)\">x</a>。", 0),
    ("href-javascript-mixed-case", "<a href=\"JaVaScRiPt:alert(13)\">x</a>。", 0),
    ("href-javascript-decimal-entity", "<a href=\"&#106;avascript:alert(14)\">x</a>。", 0),
    ("href-javascript-hex-entities", "<a href=\"&#x6A;avascript&#x3A;alert(15)\">x</a>。", 0),
    ("href-javascript-tab-entity", "<a href=\"java&#9;script:alert(16)\">x</a>。", 0),
    ("href-javascript-leading-space", "<a href=\" javascript:alert(17)\">x</a>。", 0),
    ("href-vbscript", "<a href=\"vbscript:msgbox(18)\">x</a>。", 0),
    ("href-data-html", "<a href=\"data:text/html,&lt;script&gt;alert(19)&lt;/script&gt;\">x</a>。", 0),
    ("href-http", "<a href=\"http://www.example.cn/20\">x</a>。", 0),
    ("href-scheme-relative", "<a href=\"//evil.example/21\">x</a>。", 0),
    ("href-backslashes", "<a href=\"\\\\evil.example/22\">x</a>。", 0),
    ("href-ftp", "<a href=\"ftp://evil.example/23\">x</a>。", 0),
    ("href-file", "<a href=\"file:///etc/passwd24\">x</a>。", 0),
    ("markdown-link-javascript", "[x](javascript:alert(25))。", 0),
    ("markdown-link-entity", "[x](&#106;avascript:alert(26))。", 0),
    ("markdown-reference-javascript", "[x][evil27]。\n\n[evil27]: javascript:alert(27)", 2),
    ("iframe", "<iframe src=\"https://www.example.cn/28\"></iframe>", 0),
    ("iframe-srcdoc", "<iframe srcdoc=\"&lt;script&gt;alert(29)&lt;/script&gt;\"></iframe>", 0),
    ("frameset", "<frameset><frame src=\"/30\"></frameset>", 0),
    ("object", "<object data=\"/x31.swf\"></object>", 0),
    ("embed", "<embed src=\"/x32.swf\">", 0),
    ("base", "<base href=\"/elsewhere33/\">", 0),
    ("meta-refresh-url", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/34\">", 0),
    ("meta-refresh-bare", "<meta http-equiv=\"refresh\" content=\"35\">", 0),
    ("link-stylesheet", "<link rel=\"stylesheet\" href=\"/x36.css\">", 0),
    ("style-element", "<style>body{background:url(/x37.png)}</style>", 0),
    ("style-attribute-url", "<span style=\"background:url(/x38.png)\">x</span>。", 0),
    ("style-attribute-css-escape", "<span style=\"background:u\\72l(/x39.png)\">x</span>。", 0),
    ("form", "<form action=\"/x40\"><p>x</p></form>", 0),
    ("button-formaction", "<button formaction=\"javascript:alert(41)\">x</button>", 0),
    ("input-onfocus", "<input autofocus onfocus=alert(42)>", 0),
    ("textarea", "<textarea>x43</textarea>", 0),
    ("select", "<select><option>x44</option></select>", 0),
    ("video", "<video src=\"/x45.mp4\"></video>", 0),
    ("audio", "<audio src=\"/x46.mp3\"></audio>", 0),
    ("img", "<img src=\"/x47.png\" alt=\"x\">", 0),
    ("markdown-image", "![x](/x48.png)", 0),
    ("table-background", "<table background=\"/x49.png\"><tr><td>x</td></tr></table>", 0),
    ("td-background", "<table><tr><td background=\"/x50.png\">x</td></tr></table>", 0),
    ("a-target", "<a href=\"#rights\" target=\"_blank\">x51</a>。", 0),
    ("a-ping", "<a href=\"#rights\" ping=\"/x52\">x</a>。", 0),
    ("data-attribute", "<span data-x=\"53\">x</span>。", 0),
    ("attr-list-onclick", "## 小标题 {onclick=\"alert(54)\"}", 0),
    ("attr-list-style", "## 小标题二 {style=\"color:red55\"}", 0),
    ("attr-list-on-link", "[x](#rights){onclick=\"alert(56)\"}。", 0),
    ("duplicate-href", "<a href=\"#rights\" href=\"javascript:alert(57)\">x</a>。", 0),
    ("marquee", "<marquee onstart=alert(58)>x</marquee>", 0),
    ("noscript-mutation", "<noscript><p title=\"</noscript><img src=x onerror=alert(59)>\"></noscript>", 0),
    ("tel-with-handler", "<a href=\"tel:+862100000060\" onclick=\"alert(60)\">x</a>。", 0),
    ("svg-xlink", "<svg><a xlink:href=\"javascript:alert(61)\"><text>x</text></a></svg>", 0),
    ("applet", "<applet code=\"x62\"></applet>", 0),
    ("tabindex", "<span class=\"x\" tabindex=\"63\">x</span>。", 0),
    ("img-eval", "<img src=x:alert(64) onerror=eval(src)>", 0),
    ("fence-is-not-code-here", "```\n<script>alert(65)</script>\n```", 1),
    ("indented-in-html-block", "<div>\n\n    <span onclick=alert(66)>x</span>\n\n</div>", 2),
    ("escaped-lt-is-not-escaped", "a \\<script>alert(67)\\</script> b。", 0),
    ("object-in-table", "<table><tr><td><object data=\"/x68\"></object></td></tr></table>", 0),
    ("template", "<template><script>alert(69)</script></template>", 0),
    ("portal", "<portal src=\"/x70\"></portal>", 0),
    ("doctype", "<!DOCTYPE html>", 0),
    ("cdata", "<![CDATA[<script>alert(72)</script>]]>", 0),
    ("processing-instruction", "<?php echo 73 ?>", 0),
    ("conditional-comment", "<![if !IE]><script>alert(74)</script><![endif]>", 0),
    ("keygen-isindex", "<keygen name=\"x75\"><isindex action=\"/x75\">", 0),
    ("math-maction", "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(76)\">x</maction></math>", 0),
    ("unreadable-declaration", "<![= 77 <a href=\"javascript:alert(77)\">x</a>", 0),
]

GOOD: list[tuple[str, str]] = [
    ("details", "<details class=\"note\"><summary>变更</summary>详情。</details>"),
    ("table", "<table><thead><tr><th scope=\"col\" colspan=\"2\">项目</th></tr></thead>"
              "<tbody><tr><td rowspan=\"1\">甲</td><td>乙</td></tr></tbody></table>"),
    ("spans-and-divs", "<div class=\"policy-note\"><span class=\"policy-term\">个人信息</span>是指……。</div>"),
    ("inline", "H<sub>2</sub>O，10<sup>3</sup>，a<br>b，<em>e</em><strong>s</strong><b>b</b><i>i</i><u>u</u>"
               "<small>s</small><mark>m</mark><abbr title=\"个人信息保护法\">PIPL</abbr><code>c</code>"
               "<kbd>k</kbd><q>q</q><s>s</s><cite>c</cite><dfn>d</dfn>。"),
    ("links", "<a href=\"https://www.example.cn/\">网站</a>、<a href=\"mailto:privacy@example.cn\">邮件</a>、"
              "<a href=\"tel:+862100000000\">电话</a>、<a href=\"#rights\">权利</a>、<a href=\"../archive/\">历史</a>、"
              "<a href=\"/archive/\">存档</a>、<a href=\"?v=1\">本页</a>、<a href=\"https://www.example.cn/\" "
              "hreflang=\"zh-CN\" title=\"网站\" lang=\"zh\" dir=\"ltr\" id=\"site-link\">网站</a>。"),
    ("markdown-links", "[权利](#rights)、[网站](https://www.example.cn/)、<https://www.example.cn/>、<privacy@example.cn>。"),
    ("code-span", "代码 `<script>alert(1)</script>` 只是文字。"),
    ("lists", "<ol start=\"3\" type=\"a\"><li>甲</li></ol><dl><dt>甲</dt><dd>乙</dd></dl>"),
    ("blocks", "<blockquote>引文。</blockquote>"),
    ("time-hr-pre", "<p><time datetime=\"2025-01-01\">2025年1月1日</time>。</p>\n\n<hr>\n\n<pre>预格式。</pre>"),
    ("headings", "<h3 id=\"x\">小标题</h3>"),
    ("markdown-in-div", "<div class=\"x\" markdown=\"1\">\n\n*强调*。\n\n</div>"),
    ("aligned-table", "| 甲 | 乙 |\n|:--|--:|\n| 一 | 二 |"),
    ("attr-list", "## 小标题 {#custom-anchor .policy-term}"),
    ("comparisons", "a < b 且 c > d，5 &lt; 6 &amp; 7。"),
    ("entities", "版权 &copy; 与 &#169; 相同。"),
]


def _paragraphs(payloads: list[str]) -> tuple[str, list[int]]:
    """The payloads as paragraphs after the anchor, and the line each starts on."""
    starts, line = [], FIRST_LINE
    for payload in payloads:
        starts.append(line)
        line += payload.count("\n") + 2
    return ANCHOR + "\n" + "\n\n".join(payloads) + "\n", starts


def _judged_with(tmp: Path, payloads: list[str]) -> tuple[list[Any], list[int]]:
    text, starts = _paragraphs(payloads)
    root = materialise(tmp / "project", {"only": "zh", "edits": [{"file": SECTION, "old": ANCHOR, "new": text}]})
    return judged(root), starts


@pytest.fixture(scope="module")
def bad_findings(tmp_path_factory: pytest.TempPathFactory) -> dict[int, list[Any]]:
    found, _ = _judged_with(tmp_path_factory.mktemp("bad"), [payload for _, payload, _ in BAD])
    by_line: dict[int, list[Any]] = {}
    for finding in found:
        if finding.path == SECTION and finding.rule.startswith("section.html"):
            by_line.setdefault(finding.line, []).append(finding)
    return by_line


def test_there_are_many_payloads() -> None:
    assert len(BAD) >= 60 and len(GOOD) >= 15


@pytest.mark.parametrize("index", range(len(BAD)), ids=[name for name, _, _ in BAD])
def test_each_bad_payload_is_reported_on_its_line(bad_findings: dict[int, list[Any]], index: int) -> None:
    _, starts = _paragraphs([payload for _, payload, _ in BAD])
    name, payload, offset = BAD[index]
    line = starts[index] + offset
    found = bad_findings.get(line, [])
    assert any(f.rule == "section.html" for f in found), \
        f"{name}: no section.html finding on line {line} for {payload!r}; found {sorted(bad_findings)}"
    for finding in found:  # the one-line form a lawyer can act on
        assert finding.format().startswith(f"{SECTION}:{line}: section.html")
        assert " — " in finding.format()


def test_no_finding_is_blamed_on_a_line_without_a_payload(bad_findings: dict[int, list[Any]]) -> None:
    _, starts = _paragraphs([payload for _, payload, _ in BAD])
    expected = {start + offset for start, (_, _, offset) in zip(starts, BAD)}
    assert set(bad_findings) <= expected, sorted(set(bad_findings) - expected)


def test_allowed_html_passes(tmp_path: Path) -> None:
    found, _ = _judged_with(tmp_path, [payload for _, payload in GOOD])
    html_findings = [f.format() for f in found if f.rule.startswith("section.html")]
    assert html_findings == []


NESTING: list[tuple[str, str, list[int]]] = [
    # id, payload, lines (within the payload) of the section.html-nesting findings
    ("unclosed-div", "<div class=\"note\">\n\n正文。", [0]),
    ("unclosed-details", "<details><summary>摘要</summary>\n\n详情。", [0]),
    ("misnested", "<p><strong>请注意。</p></strong>", [0, 0]),
    ("stray-end-tag", "正文。\n\n</div>", [2]),
    ("self-closing-div-stays-open", "<div class=\"x\"/>\n\n正文。", [0]),
    ("unclosed-table", "<table><tr><td>甲</td></tr>", [0]),
    ("wrong-end-tag", "<span>甲</div>", [0, 0]),
    ("list-item-left-open", "<ul><li>甲</ul>", [0]),
    ("closed-in-order", "<div class=\"note\">\n\n<p>正文。<br></p>\n\n</div>", []),
]


@pytest.mark.parametrize("name,payload,lines", NESTING, ids=[case[0] for case in NESTING])
def test_unclosed_and_misnested_tags(tmp_path: Path, name: str, payload: str, lines: list[int]) -> None:
    found, starts = _judged_with(tmp_path, [payload])
    got = Counter(f.line for f in found if f.rule == "section.html-nesting")
    assert got == Counter(starts[0] + line for line in lines), [f.format() for f in found]


def test_the_rules_render_with_the_sites_markdown_extensions() -> None:
    config = yaml.safe_load((FLAGSHIP / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in config["markdown_extensions"]]
    assert names == MARKDOWN_EXTENSIONS


def test_a_tag_nh3_keeps_whole_has_no_problem_and_one_it_strips_has_one_per_removal() -> None:
    assert tag_problems("a", '<a href="https://www.example.cn/">', [("href", "https://www.example.cn/")], 1) == []
    problems = tag_problems("a", '<a href="javascript:x" onclick="y">',
                            [("href", "javascript:x"), ("onclick", "y")], 7)
    assert [(p.attribute, p.line) for p in problems] == [("href", 7), ("onclick", 7)]
    assert [p.attribute for p in tag_problems("td", '<td style="text-align: left;">', [("style", "text-align: left;")], 1)] == []


HTML_TOKENS = ["<", ">", "</", "/>", "<!--", "-->", "<![", "<!", "<?", "]]>", "=", '"', "'", "&", "&#", ";", "script",
               "div", "a ", "href", " on", "javascript:", " ", "\n", "\n\n", "`", "[", "](", ")", "{", "}", "\\", "    ",
               "```", "{{ contact.email }}", "<div>", "</div>", "<span class=x>", "</span>", "<table><tr><td>"]


@given(st.lists(st.one_of(st.sampled_from(HTML_TOKENS), st.text(max_size=8)), max_size=60).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_markup_gets_findings_never_a_traceback(source: str) -> None:
    text = SectionText(Section("updates", "updates", 1), "zh", SECTION, source, None, 0)
    scan = _scan(Document(text, parse(source)))
    lines = source.count("\n") + 1
    assert all(1 <= problem.line <= lines for problem in scan.problems)
    assert all(1 <= line <= lines for line, _, _ in scan.nesting)


_PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)


@given(_PRINTABLE)
@settings(max_examples=300, deadline=None)
def test_any_value_stays_literal_text_in_markdown(value: str) -> None:
    html = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).convert("# x " + markdown_inline(value))
    assert _elements(html) == ["html", "head", "body", "h1"]
    assert _text(html) == " ".join(("x " + value).split())


@given(_PRINTABLE)
@settings(max_examples=200, deadline=None)
def test_any_value_stays_text_in_the_footer(value: str) -> None:
    policy = {"legal_name": value, "email": value, "updated_iso": "2025-01-01", "updated": "x", "version": 1,
              "labels": {"updated": "u", "version": "v", "contact": "c"}}
    html = _render("partials/copyright.html", config=SimpleNamespace(extra={"policy": policy}))
    footer = html5lib.parse(html, namespaceHTMLElements=False).find(".//div[@class='md-copyright policy-footer']")
    assert [e.tag for e in footer.iter()] == ["div", "div", "div", "time", "div", "a"]
    assert footer.find(".//a").get("href") == f"mailto:{value}" and footer.find(".//a").text == (value or None)


# --- escaping: the functions ----------------------------------------------------------------------

HOSTILE = [
    'A & B <Co> "Asia"',
    "O'Brien & Sons",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    "]]><x>",
    "line\u2028separator\u2029paragraph",
    "*not emphasis* _nor this_ `nor code`",
    "[link](javascript:alert(1)) ![img](/x.png)",
    "{onclick=alert(1)} {#rights}",
    "a | b | c",
    "\\*escaped\\* back\\\\slash",
    "## not a heading",
    "&amp; &lt;b&gt; &#106;",
    "<!-- comment --> <![CDATA[x]]>",
    "title # with hashes #",
]


def _local(tag: str) -> str:
    """html5lib names SVG and MathML elements with their namespace."""
    return tag.rsplit("}", 1)[-1]


def _text(html: str) -> str:
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return " ".join("".join(tree.itertext()).split())


def _elements(html: str) -> list[str]:
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return [element.tag for element in tree.iter() if isinstance(element.tag, str)]


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_inline_keeps_any_value_literal_in_a_heading_and_a_table_cell(value: str) -> None:
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    heading = md.convert("# " + markdown_inline(value))
    assert _elements(heading) == ["html", "head", "body", "h1"]
    assert _text(heading) == " ".join(value.split())
    cell = md.reset().convert("| h |\n| --- |\n| " + markdown_inline(value) + " |")
    assert set(_elements(cell)) == {"html", "head", "body", "table", "thead", "tbody", "tr", "th", "td"}
    assert _text(cell) == "h " + " ".join(value.split())


@pytest.mark.parametrize("value", HOSTILE)
def test_html_text_is_safe_in_text_and_in_quoted_attributes(value: str) -> None:
    page = f'<p title="{html_text(value)}">{html_text(value)}</p>'
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    paragraphs = tree.findall(".//p")
    assert len(paragraphs) == 1 and list(paragraphs[0]) == []
    assert paragraphs[0].get("title") == value and paragraphs[0].text == value


def test_inventory_cells_are_text() -> None:
    inventory = {"columns": {"a": '<b>Col</b> & "x"'}, "rows": [{"a": "<script>alert(1)</script>\n*two* | lines"}]}
    html = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).convert(inventory_table(inventory))
    assert "script" not in _elements(html) and "b" not in _elements(html) and "em" not in _elements(html)
    assert _text(html) == '<b>Col</b> & "x" <script>alert(1)</script>*two* | lines'
    assert html.count("<br>") == 1


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_redline_shows_escaped_values_as_the_reader_sees_them(language: str) -> None:
    """Filled data is escaped in the frozen text; the redline must not escape it a second time."""
    from policysite.archive.diff import redline
    old = "# " + markdown_inline('A & B <Co> "Asia"') + "\n\nText one.\n"
    new = "# " + markdown_inline('A & C <Co> "Asia"') + "\n\nText one.\n"
    html = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).convert(redline(old, new, language).markdown)
    shown = _text(html)
    assert "&amp;" not in shown and "&lt;" not in shown and "&#34;" not in shown
    assert "<Co>" in shown and '"Asia"' in shown and "co" not in _elements(html)


# --- escaping: the real templates, as MkDocs renders them -------------------------------------------

@functools.lru_cache(maxsize=1)
def _environment():
    """MkDocs' own Jinja environment for this theme (not autoescaped), with the `url` filter
    and the CSP filter hooks/csp.py adds in on_env."""
    from mkdocs.config import load_config
    from policysite import csp
    # The flagship's site config, with its theme's custom_dir and hooks taken from the repository's machinery
    # (the fixture holds the content only).
    site = yaml.safe_load((FLAGSHIP / "mkdocs.yml").read_text(encoding="utf-8"))
    config = load_config(str(FLAGSHIP / "mkdocs.yml"),
                         theme={**site["theme"], "custom_dir": str(PROJECT / site["theme"]["custom_dir"])},
                         hooks=[str(PROJECT / hook) for hook in site["hooks"]])
    env = config.theme.get_env()
    env.filters["csp_webview"] = csp.webview
    return env


class _Lang:
    def t(self, key: str) -> str:
        return key


def _render(template: str, **context: Any) -> str:
    env = _environment()
    return env.get_template(template).render(base_url=".", page=None, lang=_Lang(), **context)


@pytest.mark.parametrize("value", HOSTILE)
def test_footer_prints_legal_name_and_email_as_text(value: str) -> None:
    policy = {"legal_name": value, "email": value, "updated_iso": value, "updated": value, "version": value,
              "labels": {"updated": value, "version": value, "contact": value}}
    html = _render("partials/copyright.html", config=SimpleNamespace(extra={"policy": policy}))
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    footer = tree.find(".//div[@class='md-copyright policy-footer']")
    assert [e.tag for e in footer.iter()] == ["div", "div", "div", "time", "div", "a"]
    assert footer.find(".//a").get("href") == f"mailto:{value}"
    assert footer.find(".//time").get("datetime") == value
    assert " ".join("".join(footer.itertext()).split()).startswith("© " + " ".join(value.split()))


@pytest.mark.parametrize("value", HOSTILE + ["</title><script>alert(1)</script>"])
@pytest.mark.parametrize("from_meta", [True, False])
def test_page_titles_print_as_text(value: str, from_meta: bool) -> None:
    """Material prints `page.title | striptags` raw, and striptags turns `&lt;` back into `<`."""
    template = _environment().get_template("main.html")
    title = html_text(value)  # a page title is HTML text (hooks/generated_pages.py, rendered headings)
    page = SimpleNamespace(meta={"title": title} if from_meta else {}, title=title, is_homepage=False)
    context = template.new_context({"page": page, "config": SimpleNamespace(site_name="Site & <Name>")})
    html = "".join(template.blocks["htmltitle"](context))
    tree = html5lib.parse(f"<head>{html}</head>", namespaceHTMLElements=False)
    assert [_local(e.tag) for e in tree.find("head")] == ["title"]
    assert tree.find(".//title").text == " ".join(value.split()) + " - Site & <Name>"


@pytest.mark.parametrize("value", HOSTILE)
def test_language_menu_prints_names_and_codes_as_text(value: str) -> None:
    config = SimpleNamespace(theme={"icon": {}}, extra=SimpleNamespace(alternate=[{"name": value, "lang": value,
                                                                                   "link": "en/"}]))
    html = _render("partials/alternate.html", config=config)
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    links = tree.findall(".//a")
    assert len(links) == 1 and links[0].get("hreflang") == value
    assert " ".join("".join(links[0].itertext()).split()) == " ".join(value.split())
    assert {_local(e.tag) for e in tree.iter() if isinstance(e.tag, str)} <= {
        "html", "head", "body", "div", "button", "ul", "li", "a", "svg", "path"}


@pytest.mark.parametrize("value", HOSTILE)
def test_webview_template_prints_every_value_as_text(value: str) -> None:
    words = {key: value for key in ("contents", "full_page", "colon", "table", "updated", "version", "contact")}
    facts = {"legal_name": value, "email": value, "updated_iso": value, "updated": value, "version": value}
    view = {"hreflang": value, "notice": value, "words": words, "footer": facts,
            "alternates": [{"name": value, "hreflang": value, "path": "en/webview/"}]}
    heading = SimpleNamespace(url="#rights", title=html_text(value))
    page = SimpleNamespace(url="webview/", title=html_text(value), meta={"webview": view, "canonical": "webview/"},
                           toc=[SimpleNamespace(children=[heading])],
                           # Tables reach the template wrapped by hooks/page_layout.py (policysite.tables).
                           content=readable_tables(f"<h1>{html_text(value)}</h1><table><tr><td>x</td></tr></table>",
                                                   value))
    env = _environment()
    html = env.get_template("webview.html").render(base_url=".", page=page,
                                                   config=SimpleNamespace(site_url="https://example.cn/"))
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    tree = parser.parse(html)
    assert parser.errors == []
    assert tree.get("lang") == value
    # A title is HTML text; striptags, which reads it, folds runs of white space (U+2028 too).
    assert tree.find(".//title").text == " ".join(value.split())
    assert not tree.findall(".//svg") and not tree.findall(".//x") and len(tree.findall(".//script")) == 0
    region = tree.find(".//div[@class='table']")
    assert region.get("aria-label") == value and region.find("table") is not None
    assert tree.find(".//p[@class='notice']").text == value
    assert tree.find(".//details/ul/li/a").text == " ".join(value.split())
    footer = tree.find(".//footer")
    alternate = footer.findall(".//a")[-1]
    assert alternate.get("hreflang") == value and alternate.get("lang") == value and alternate.text == value
    assert "".join(footer.find("p").itertext()) == "© " + value


# --- escaping: one real build, every page kind --------------------------------------------------------

LEGAL_NAME = {"zh": '择幂 & <上海> "科技" 有限公司', "en": 'Xometry & Partners <Asia> "Shanghai" Co.\'s Ltd.'}
TITLE = {"zh": '数据保护政策 <试行> & "说明"', "en": 'Data "Protection" & Privacy Policy\'s <Draft>'}
ENGLISH = 'English <EN> & "Intl"'
SUMMARY = {"zh": '修订了<b>公司</b>名称 & "地址"；</script><svg onload=alert(1)> ]]>。',
           "en": 'Renamed the <b>company</b> & "address"; </script><svg onload=alert(1)> ]]>.'}


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML strings


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The flagship with hostile-but-plausible data, released as version 2 and built."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for code in ("zh", "en"):
        old_name = {"zh": "择幂（上海）科技有限公司", "en": "Xometry (Shanghai) Technology Co., Ltd."}[code]
        project.replace("data/company.yml", f"{code}: {old_name}", f"{code}: {_yaml_string(LEGAL_NAME[code])}")
        old_title = {"zh": "数据保护政策", "en": "Data Protection Policy"}[code]
        project.replace("data/policy.yml", f"{code}: {old_title}", f"{code}: {_yaml_string(TITLE[code])}")
    project.replace("data/policy.yml", "name: English", f"name: {_yaml_string(ENGLISH)}")
    effective = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICYSITE_TODAY": effective}

    def run(*args: str) -> None:
        # In this process, as the other builds of the suite (tests/inprocess_support.py): the values' escaping is
        # what is tested here, and it is the same code either way; a process of its own only adds interpreters.
        result = run_policysite(project.root, *args, env=env)
        assert result.returncode == 0, result.output

    run("release", "--material", "no", "--effective", effective, *[arg for code, text in SUMMARY.items()
                                               for arg in ("--summary", f"{code}={text}")])
    run("build", "--site-dir", "site")
    project.effective = effective  # type: ignore[attr-defined]
    return project


def _tree(project: Project, path: str):
    return html5lib.parse((project.site / path).read_text(encoding="utf-8"), namespaceHTMLElements=False)


def _words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _pages(project: Project) -> list[str]:
    return sorted(p.relative_to(project.site).as_posix() for p in project.site.rglob("*.html"))


# Elements a hostile value would create if it were printed raw (html5lib lower-cases tag names).
INJECTED = {"asia", "draft", "en"}


def _injected(part) -> list[str]:
    """What a hostile value printed raw would have made: its elements, an on…= handler, its script."""
    made = []
    for element in part.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        if tag in INJECTED:
            made.append(f"<{tag}>")
        made += [f"{tag} {name}=" for name in element.attrib if name.lower().startswith("on")]
        if tag == "script" and "alert(" in (element.text or ""):
            made.append("<script>alert(…)")
    return made
# What the core adds around the sections' text inside <article>/<main>: its banners, notices and lists.
CORE_CLASSES = {"policy-banner", "policy-history", "notice", "toc"}
# Pages without any section text: checked whole.
NO_SECTION_TEXT = ("404.html", "archive/index.html")


def _template_parts(path: str, tree) -> list:
    """Every element the templates and the core's own markup make: all but the sections' text.

    The sections' text is filled by placeholders, which escape data themselves
    (policysite/placeholders.py); this test is about everything else.
    """
    if path.endswith(NO_SECTION_TEXT):
        return [tree]
    parts = [e for e in tree.iter() if e.tag in ("head", "header", "footer", "nav")]
    for container in (e for e in tree.iter() if e.tag in ("article", "main")):
        parts += [child for child in container
                  if child.tag == "h1" or set((child.get("class") or "").split()) & CORE_CLASSES]
    return parts


def test_every_page_kind_was_built(hostile_site: Project) -> None:
    pages = _pages(hostile_site)
    effective = hostile_site.effective  # type: ignore[attr-defined]
    for kind in ("index.html", "en/index.html", "webview/index.html", "en/webview/index.html", "404.html",
                 "en/404.html", "archive/index.html", "en/archive/index.html", f"en/archive/{effective}/index.html",
                 f"en/archive/{effective}/webview/index.html", f"en/archive/{effective}/changes/index.html"):
        assert kind in pages


def test_no_hostile_value_makes_an_element_anywhere_the_templates_print(hostile_site: Project) -> None:
    for path in _pages(hostile_site):
        tree = _tree(hostile_site, path)
        for part in _template_parts(path, tree):
            made = _injected(part)
            assert not made, f"{path}: {made} in <{part.tag} class={part.get('class')}>"
        # The summary and the language name never pass through a placeholder: nowhere at all.
        assert not [b for b in tree.iter("b") if _words(b) in ("company", "公司")], path
        assert not tree.findall(".//en"), path


def test_footers_show_the_legal_name_exactly(hostile_site: Project) -> None:
    for path in _pages(hostile_site):
        code = "en" if path.startswith("en/") else "zh"
        tree = _tree(hostile_site, path)
        footer = tree.find(".//div[@class='md-copyright policy-footer']")
        if footer is None:  # the web-view's own footer
            footer = tree.find(".//footer")
            assert _words(footer.find("p")) == "© " + " ".join(LEGAL_NAME[code].split()), path
        else:
            assert _words(footer.find("div")) == "© " + " ".join(LEGAL_NAME[code].split()), path


def test_titles_show_the_policy_title_exactly(hostile_site: Project) -> None:
    effective = hostile_site.effective  # type: ignore[attr-defined]
    for code, prefix in (("zh", ""), ("en", "en/")):
        for page in ("webview/", f"archive/{effective}/", f"archive/{effective}/webview/", f"archive/{effective}/changes/"):
            tree = _tree(hostile_site, f"{prefix}{page}index.html")
            assert TITLE[code] in tree.find(".//title").text, page
            assert TITLE[code] in _words(tree.find(".//h1")), page
        assert _words(_tree(hostile_site, f"{prefix}index.html").find(".//h1")) == " ".join(TITLE[code].split())


def test_language_names_show_exactly_in_the_menu_and_the_webview(hostile_site: Project) -> None:
    menu = [a for a in _tree(hostile_site, "index.html").iter("a") if a.get("hreflang") == "en"]
    assert menu and _words(menu[0]) == ENGLISH
    webview = [a for a in _tree(hostile_site, "webview/index.html").find(".//footer").iter("a") if a.get("lang") == "en"]
    assert webview and webview[0].text == ENGLISH


def test_pages_without_section_text_parse_without_a_single_error(hostile_site: Project) -> None:
    for path in ("404.html", "en/404.html", "archive/index.html", "en/archive/index.html"):
        parser = html5lib.HTMLParser(namespaceHTMLElements=False)
        parser.parse((hostile_site.site / path).read_text(encoding="utf-8"))
        assert parser.errors == [], path


def test_archive_index_and_banners_show_the_summary_exactly(hostile_site: Project) -> None:
    effective = hostile_site.effective  # type: ignore[attr-defined]
    for code, prefix in (("zh", ""), ("en", "en/")):
        index = _tree(hostile_site, f"{prefix}archive/index.html")
        # The version history is a list (issue #12): the summary ends its "What changed" line, as text.
        lines = [_words(p) for item in index.iter("li") if "archive-row" in (item.get("class") or "")
                 for p in item.iter("p")]
        assert any(line.endswith(" ".join(SUMMARY[code].split())) for line in lines), lines
        banner = _tree(hostile_site, f"{prefix}archive/{effective}/index.html").find(".//div[@role='note']")
        assert " ".join(SUMMARY[code].split()) in _words(banner)


def test_feeds_parse_and_carry_the_values_as_text(hostile_site: Project) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    for code, path in (("zh", "feed.xml"), ("en", "en/feed.xml")):
        feed = ET.fromstring((hostile_site.site / path).read_bytes())
        assert feed.find(f"{atom}author/{atom}name").text == LEGAL_NAME[code]
        assert TITLE[code] in feed.find(f"{atom}title").text
        assert feed.find(f"{atom}entry/{atom}summary").text == SUMMARY[code]


def test_policy_json_parses_and_carries_the_values_exactly(hostile_site: Project) -> None:
    manifest = json.loads((hostile_site.site / "policy.json").read_text(encoding="utf-8"))
    for code in ("zh", "en"):
        assert manifest["current"]["languages"][code]["title"] == TITLE[code]
        assert manifest["versions"][-1]["languages"][code]["summary"] == SUMMARY[code]


def test_the_sitemap_parses(hostile_site: Project) -> None:
    sitemap = ET.fromstring((hostile_site.site / "sitemap.xml").read_bytes())
    assert len(sitemap) >= 4


def test_a_summary_with_a_control_character_is_refused_before_it_reaches_the_feed(
        first_release_edited_template: Project, tmp_path: Path) -> None:
    """A control character would make feed.xml unreadable to every XML parser; the release refuses it."""
    from archive_support import release, snapshot
    project = copy_of(first_release_edited_template, tmp_path / "project")  # version 1 released, text edited
    before = snapshot(project.root)
    for character in ("\x0b", "\x1b", "\u202e", "\ufeff"):  # a refused release writes nothing: one project serves all
        result = release(project, "--material", "no", "--effective", "2025-03-01", "--summary", f"zh=明确了身份核实{character}。",
                         "--summary", "en=Clarifies identity checks.", today="2025-03-01")
        assert result.returncode == 1 and "Traceback" not in result.output, result.output
        assert "the change summary for zh holds an invisible or control character" in result.output
        assert snapshot(project.root) == before


def test_allowed_html_does_not_hide_an_unfinished_sentence(tmp_path: Path) -> None:
    """A tag line is not a sentence, but a paragraph that opens with inline HTML still is one."""
    found, starts = _judged_with(tmp_path, ["<div class=\"note\">", "<strong>注意</strong>：我们会在变更后",
                                            "我们会通知您。<br>", "</div>"])
    unfinished = [f.line for f in found if f.rule == "consistency.unfinished-sentence"]
    assert unfinished == [starts[1]], [f.format() for f in found]
