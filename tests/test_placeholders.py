"""policysite.placeholders: strict, sandboxed filling with findings that name the line and key."""

from __future__ import annotations

from policysite.dates import LocalDate
from policysite.placeholders import check_references, render

import datetime as dt

CONTEXT = {
    "company": {"legal_name": "Acme Ltd.", "address": "1 Main St"},
    "contact": {"email": "privacy@acme.example", "response_days": 15},
    "policy": {"updated": LocalDate(dt.date(2024, 11, 18), "en")},
}


def test_known_placeholders_render() -> None:
    source = "By {{ company.legal_name }}, within {{ contact.response_days }} days, {{ policy.updated }}."
    assert check_references(source, CONTEXT, path="a.md") == []
    text, findings = render(source, CONTEXT, path="a.md")
    assert findings == []
    assert text == "By Acme Ltd., within 15 days, November 18, 2024."


def test_unknown_key_names_line_key_and_closest() -> None:
    source = "line one\nline two\nWrite to {{ contact.emial }}.\n"
    (finding,) = check_references(source, CONTEXT, path="docs/en/sections/contact.md")
    assert finding.format().startswith("docs/en/sections/contact.md:3: placeholder.unknown:")
    assert "`contact.emial`" in finding.problem
    assert "did you mean `contact.email`?" in finding.fix


def test_unknown_top_level_name_lists_what_exists() -> None:
    (finding,) = check_references("{{ compnay.address }}", CONTEXT, path="x.md")
    assert "did you mean `company`?" in finding.fix


def test_no_close_match_lists_known_keys() -> None:
    (finding,) = check_references("{{ company.zzzzzz }}", CONTEXT, path="x.md")
    assert "address, legal_name" in finding.fix


def test_every_unknown_placeholder_is_reported() -> None:
    findings = check_references("{{ a.b }}\n{{ company.x }}\n{{ contact.y }}", CONTEXT, path="x.md")
    assert [f.line for f in findings] == [1, 2, 3]


def test_line_offset_is_applied() -> None:
    (finding,) = check_references("{{ nope }}", CONTEXT, path="x.md", line_offset=4)
    assert finding.line == 5


def test_syntax_error_is_a_finding() -> None:
    (finding,) = check_references("ok\n{{ company.legal_name }\n", CONTEXT, path="x.md")
    assert finding.rule == "placeholder.syntax" and finding.line == 2


def test_sandbox_blocks_python_internals() -> None:
    source = "{{ company.__class__.__mro__ }}"
    findings = check_references(source, CONTEXT, path="x.md")
    assert findings and findings[0].rule == "placeholder.unknown"


def test_heading_attributes_are_not_jinja_comments() -> None:
    source = "## (1) Access {#access}\nWrite to {{ contact.email }}.\n"
    assert check_references(source, CONTEXT, path="x.md") == []
    text, findings = render(source, CONTEXT, path="x.md")
    assert findings == [] and text == "## (1) Access {#access}\nWrite to privacy@acme.example.\n"


def test_a_call_is_refused_before_anything_runs() -> None:
    source = "a\n{{ contact.email() }}\n"
    (finding,) = check_references(source, CONTEXT, path="x.md")
    assert finding.rule == "placeholder.expression" and "calls a function" in finding.problem
    assert finding.line == 2


def test_a_value_that_fails_while_printing_is_a_placeholder_render_finding() -> None:
    """The safety net under the checks: a date in a locale Babel does not know fails in Python, not in Jinja."""
    context = {"policy": {"updated": LocalDate(dt.date(2024, 11, 18), "xx_NOWHERE")}}
    source = "a\nUpdated {{ policy.updated }}.\n"
    assert check_references(source, context, path="x.md") == []
    _, findings = render(source, context, path="x.md")
    (finding,) = findings
    assert finding.rule == "placeholder.render" and finding.line == 2
