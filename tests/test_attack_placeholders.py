"""Attack suite, placeholders: a placeholder prints one declared fact, escaped, and nothing else.

Each payload replaces `{{ contact.email }}` in a copy of the rule-fixture project
(or sets a data value) and is judged in a child process bounded in time and
memory (attack_support.py): the expected finding with its line, or a clean
policy with the value HTML-escaped in the filled text. A property test then
tries arbitrary strings in every printed field, and one real build checks the
published page.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings, strategies as st
from markupsafe import escape

from attack_support import has, judge_bounded
from conftest import copy_project
from policysite.escape import markdown_inline
from policysite.findings import PolicyError
from policysite.judge import judge
from rulefixtures import BASE, TODAY, materialise

CONTACT = "docs/en/sections/contact.md"


def payload(text: str) -> dict[str, Any]:
    """The English contact section (line 3) printing ``text`` where it printed the e-mail address."""
    return {"edits": [{"file": CONTACT, "old": "{{ contact.email }}", "new": text}]}


# (id, placeholder, rule, words the message must say); the finding is on line 3 of CONTACT.
REFUSED = [
    ("power-tower", "{{ 9**9**9 }}", "placeholder.expression", "computes with `**`"),
    ("string-times-fifty-million", "{{ 'a'*50000000 }}", "placeholder.expression", "computes with `*`"),
    ("addition", "{{ contact.response_days + 1 }}", "placeholder.expression", "computes with `+`"),
    ("negation", "{{ -contact.response_days }}", "placeholder.expression", "computes a value"),
    ("concatenation", "{{ contact.email ~ '?subject=x' }}", "placeholder.expression", "computes a value"),
    ("conditional", "{{ contact.email if contact else 'x' }}", "placeholder.expression", "computes a value"),
    ("comparison", "{{ contact.response_days > 1 }}", "placeholder.expression", "computes a value"),
    ("literal-string", "{{ '<script>alert(1)</script>' }}", "placeholder.expression", "literal"),
    ("literal-number", "{{ 42 }}", "placeholder.expression", "literal"),
    ("method-call", "{{ contact.email.upper() }}", "placeholder.expression", "calls a function"),
    ("global-call", "{{ lipsum(1000000) }}", "placeholder.expression", "calls a function"),
    ("range-call", "{{ range(999999999) | list }}", "placeholder.expression", "filter `list`"),
    ("subclasses", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "placeholder.expression", "calls a function"),
    ("safe-filter", "{{ contact.email | safe }}", "placeholder.expression", "filter `safe`"),
    ("escape-filter", "{{ contact.email | e }}", "placeholder.expression", "filter `e`"),
    ("format-filter", "{{ '%s' | format(contact.email) }}", "placeholder.expression", "filter `format`"),
    ("positional-item", "{{ company.domains[0] }}", "placeholder.expression", "by position"),
    ("computed-key", "{{ contact[contact.email] }}", "placeholder.expression", "computed key"),
    ("for-loop", "{% for i in range(99999999) %}x{% endfor %}", "placeholder.expression", "`{% for %}`"),
    ("if", "{% if contact %}x{% endif %}", "placeholder.expression", "`{% if %}`"),
    ("set", "{% set x = 9**9**9 %}", "placeholder.expression", "`{% set %}`"),
    ("include", "{% include '/etc/passwd' %}", "placeholder.expression", "`{% include %}`"),
    ("extends", "{% extends 'base.html' %}", "placeholder.expression", "`{% extends %}`"),
    ("import", "{% import 'os' as os %}", "placeholder.expression", "`{% import %}`"),
    ("macro", "{% macro m() %}x{% endmacro %}", "placeholder.expression", "`{% macro %}`"),
    ("filter-block", "{% filter upper %}x{% endfilter %}", "placeholder.expression", "`{% filter %}`"),
    ("whole-mapping", "{{ contact }}", "placeholder.not-scalar", "group of values", "`email`"),
    ("whole-company", "{{ company }}", "placeholder.not-scalar", "group of values"),
    ("whole-list", "{{ company.domains }}", "placeholder.not-scalar", "list of values"),
    ("whole-policy", "{{ policy }}", "placeholder.not-scalar", "group of values"),
    ("dunder-class", "{{ contact.email.__class__ }}", "placeholder.unknown", "single value"),
    ("string-method", "{{ contact.email.upper }}", "placeholder.unknown", "single value"),
    ("date-attribute", "{{ policy.updated.date }}", "placeholder.unknown", "single value"),
    ("date-locale", "{{ policy.updated.locale }}", "placeholder.unknown", "single value"),
    ("jinja-global", "{{ cycler }}", "placeholder.unknown"),
    ("jinja-self", "{{ self }}", "placeholder.unknown"),
    ("unclosed", "{{ contact.email", "placeholder.syntax", "cannot be read"),
]


@pytest.mark.parametrize("text, rule, words", [pytest.param(case[1], case[2], case[3:], id=case[0]) for case in REFUSED])
def test_a_placeholder_that_is_more_than_a_fact_is_refused(tmp_path: Path, text: str, rule: str,
                                                          words: tuple[str, ...]) -> None:
    answer = judge_bounded(materialise(tmp_path / "p", payload(text)))
    has(answer, CONTACT, 3, rule, *words)


def test_an_empty_value_is_not_printed_as_none(tmp_path: Path) -> None:
    change = payload("{{ contact.phone }}")
    change["edits"].append({"file": "data/contact.yml", "old": "response_days: 15", "new": "response_days: 15\nphone:"})
    has(judge_bounded(materialise(tmp_path / "p", change)), CONTACT, 3, "placeholder.not-scalar", "has no value")


def test_a_placeholder_in_a_heading_is_reported_on_the_heading_line(tmp_path: Path) -> None:
    change = {"edits": [{"file": CONTACT, "old": "# How to Contact Us", "new": "# How to Contact Us {{ 9**9 }}"}]}
    has(judge_bounded(materialise(tmp_path / "p", change)), CONTACT, 1, "placeholder.expression", "computes with `**`")


def test_output_is_bounded_however_it_is_reached(tmp_path: Path) -> None:
    """A long (valid) value printed many times: refused before it is filled, not a site of hundreds of megabytes."""
    long_name = "Example " * 20_000  # 160,000 characters, one line
    change = {"edits": [{"file": "data/company.yml", "old": "en: Example (Shanghai) Technology Co., Ltd.",
                         "new": f"en: {long_name.strip()}"},
                        {"file": CONTACT, "old": "{{ contact.email }}", "new": "{{ company.legal_name }} " * 10}]}
    has(judge_bounded(materialise(tmp_path / "p", change)), CONTACT, 1, "placeholder.too-large", "1,000,000")


ESCAPED = [
    ("script-in-legal-name", "company.yml", "en: Example (Shanghai) Technology Co., Ltd.",
     "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("quotes-and-ampersand", "company.yml", "en: Example (Shanghai) Technology Co., Ltd.",
     "Example & Sons \"Ltd\" 'Asia'", "Example &amp; Sons &#34;Ltd&#34; &#39;Asia&#39;"),
    ("image-in-address", "company.yml", "en: No. 1 Example Road, Huangpu District, Shanghai",
     "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("entity-stays-literal", "company.yml", "en: No. 1 Example Road, Huangpu District, Shanghai",
     "&lt;script&gt;", "&amp;lt;script&amp;gt;"),
    ("comment-in-title", "policy.yml", "en: Privacy Policy", "Privacy <!-- x --> Policy",
     "# Privacy &lt;!-- x --&gt; Policy"),
    ("markup-in-inventory-cell", "inventory.yml", "en: Phone number", "<b onclick=alert(1)>Phone</b>",
     "| &lt;b onclick=alert(1)&gt;Phone&lt;/b&gt; |"),
    ("style-in-inventory-heading", "inventory.yml", "en: Personal information", "<style>body * display: none</style>",
     "&lt;style&gt;body \\* display: none&lt;/style&gt;"),
]


@pytest.mark.parametrize("file, old, value, expected", [pytest.param(*case[1:], id=case[0]) for case in ESCAPED])
def test_markup_in_data_is_printed_as_text(tmp_path: Path, file: str, old: str, value: str, expected: str) -> None:
    change = {"edits": [{"file": f"data/{file}", "old": old, "new": f"en: {json.dumps(value)}"}]}
    answer = judge_bounded(materialise(tmp_path / "p", change))
    assert answer["findings"] == [], "\n".join(f["text"] for f in answer["findings"])
    page = answer["pages"]["en"]
    assert expected in page
    assert value not in page


@pytest.mark.parametrize("text, printed", [
    pytest.param("{{ contact['email'] }}", "privacy@example.cn", id="item-by-name"),
    pytest.param("{{ language }}", "You can contact us by sending an email to en.", id="language-code"),
    pytest.param("{% raw %}{{ contact.email }}{% endraw %}", "{{ contact.email }}", id="raw-block"),
])
def test_plain_references_still_print(tmp_path: Path, text: str, printed: str) -> None:
    root = materialise(tmp_path / "p", payload(text))
    answer = judge_bounded(root)
    contact = [f for f in answer["findings"] if f["path"] == CONTACT and f["rule"].startswith("placeholder.")]
    assert contact == []
    if not answer["findings"]:
        assert printed in answer["pages"]["en"]


def test_contents_and_inventory_are_the_core_s_own_markup(tmp_path: Path) -> None:
    answer = judge_bounded(materialise(tmp_path / "p", {}))
    page = answer["pages"]["en"]
    assert "- [1. Information We Collect](#collection)" in page or "- [1. " in page
    assert "| Scenario | Personal information |" in page and "| --- | --- |" in page


# --- property: any text in any printed field lands escaped -----------------------------------------

PRINTED = [  # (file, key path to the English value)
    ("company", ("legal_name", "en")),
    ("company", ("address", "en")),
    ("policy", ("title", "en")),
    ("inventory", ("columns", "items", "en")),
    ("inventory", ("rows", 0, "items", "en")),
]
# Markup that data may hold as text (it must come out escaped), mixed with anything at all (refused or escaped).
markup = st.lists(st.sampled_from(list("<>&\"'/=!;.@:?a1中 ") + ["<script>", "</", "&lt;", "&#", "-->"]),
                  min_size=1, max_size=15).map("".join).filter(
                      lambda text: text.strip() == text and not text.startswith(("-", ":")))
hostile = st.one_of(markup, st.text(alphabet=st.sampled_from(list("<>&\"'/=!-_*[](){}#|\\ `:;.@a1中\n\t\u202e"))
                                    | st.characters(), min_size=1, max_size=30))


def _set(document: Any, path: tuple, value: str) -> None:
    for key in path[:-1]:
        document = document[key]
    document[path[-1]] = value


def _in_table(value: str) -> str:
    """An inventory cell: each line literal Markdown text, the line breaks the build's own <br>."""
    return "<br>".join(markdown_inline(line) for line in value.splitlines())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(PRINTED), value=hostile)
def test_any_string_in_a_printed_field_is_refused_or_lands_escaped(field: tuple, value: str) -> None:
    name, path = field
    folder = Path(tempfile.mkdtemp(prefix="policysite-escape-"))
    try:
        root = folder / "p"
        shutil.copytree(BASE, root, ignore=shutil.ignore_patterns("README.md"))
        data_file = root / "data" / f"{name}.yml"
        document = yaml.safe_load(data_file.read_text(encoding="utf-8"))
        _set(document, path, value)
        data_file.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        try:
            policy = judge(root, today=TODAY, commit_date=lambda *_: None)
        except PolicyError as error:
            event("refused")
            for finding in error.findings:  # refused: with a one-line finding, never a traceback
                assert "\n" not in finding.format() and finding.format().count(": ") >= 2
            return
        event("published" + (" with <" if "<" in value else ""))
        page = policy.pages["en"]
        if name == "inventory":
            expected = _in_table(value)
        elif path[0] == "title":
            expected = "# " + markdown_inline(value)  # the page's own heading: literal Markdown text
        else:
            expected = str(escape(value))
        assert expected in page
        if "<" in value:
            assert value not in page, "a `<` from data reached the Markdown unescaped"
        assert page.count("<") - page.count("<br>") == 0, "no markup in the filled text but the core's own"
    finally:
        shutil.rmtree(folder)


# --- one real build: what the reader's browser gets --------------------------------------------------

def test_the_published_page_shows_markup_from_data_as_text(tmp_path: Path) -> None:
    root = materialise(tmp_path / "content", {"edits": [
        {"file": "data/company.yml", "old": "en: Example (Shanghai) Technology Co., Ltd.",
         "new": "en: \"<script>alert('legal_name')</script> Example\""},
        {"file": "data/inventory.yml", "old": "en: Phone number", "new": "en: \"<img src=x onerror=alert(1)>\""}]})
    project = copy_project(tmp_path / "site", content=root)
    result = project.build()
    assert result.returncode == 0, result.output
    body = project.page("en")
    article = body[body.index("<article"):body.index("</article>")]
    assert "&lt;script&gt;alert(&#39;legal_name&#39;)&lt;/script&gt; Example" in article
    assert "<script>alert(" not in article and "<img src=x" not in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    text = html.unescape(re.sub(r"<[^>]+>", "", article))
    assert "<script>alert('legal_name')</script> Example" in text
