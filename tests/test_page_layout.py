"""The core pieces of the page layout: tables that read on a phone, and the printed running header."""

from __future__ import annotations

import re

import tinycss2

from policysite.csp import full_page, source_hash
from policysite.print_header import css_string, running_css
from policysite.tables import readable_tables

TABLE = ("<p>before</p>\n<table>\n<thead>\n<tr>\n<th>Scenario</th>\n<th>Data &amp; &quot;purpose&quot;</th>\n</tr>\n"
         "</thead>\n<tbody>\n<tr>\n<td>Registration</td>\n<td>Phone</td>\n</tr>\n<tr>\n<td>Quote</td>\n"
         "<td>Drawings</td>\n</tr>\n</tbody>\n</table>\n<p>after</p>")


def test_every_body_cell_names_its_column_and_the_table_is_a_named_keyboard_region() -> None:
    html = readable_tables(TABLE, 'Table "scrolls"')
    assert html.startswith("<p>before</p>\n") and html.endswith("\n<p>after</p>")
    assert '<div class="table" role="region" tabindex="0" aria-label="Table &#34;scrolls&#34;"><table>' in html
    cells = re.findall(r'<td data-label="([^"]*)">([^<]*)</td>', html)
    assert cells == [("Scenario", "Registration"), ("Data &amp; &quot;purpose&quot;", "Phone"),
                     ("Scenario", "Quote"), ("Data &amp; &quot;purpose&quot;", "Drawings")]
    assert html.count("</table></div>") == 1


def test_a_table_without_a_header_row_is_wrapped_but_not_labelled() -> None:
    html = readable_tables("<table><tbody><tr><td>a</td></tr></tbody></table>", "T")
    assert "data-label" not in html and 'role="region"' in html


def test_the_running_header_cannot_leave_its_css_string_or_the_style_element() -> None:
    hostile = 'ACME "}</style><script>alert(1)</script>\\'
    facts = {"legal_name": hostile, "title": "Policy", "version": 2, "effective": "1 March 2025",
             "labels": {"version": "Version", "effective": "Effective"}}
    css = running_css(facts, "https://example.test/a\nb")
    assert "<" not in css and ">" not in css and "\n" not in css
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True)
    assert [rule.at_keyword for rule in rules] == ["page"] and len(rules) == 1
    strings = [token.value for token in tinycss2.parse_component_value_list(css_string(hostile))]
    assert strings == [hostile]  # the reader sees the name exactly
    assert source_hash(css) in full_page(css) and "'unsafe-inline'" not in full_page(css)
