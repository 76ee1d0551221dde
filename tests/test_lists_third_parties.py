"""The third-party list (第三方信息共享清单) from data/third_parties.yml: validated, rendered, never guessed."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest

from policysite.data import load_data
from policysite.findings import Severity, blocking
from policysite.lists.third_parties import third_parties_findings, third_parties_markdown
from conftest import FLAGSHIP
from rulefixtures import BASE

RECIPIENT = '  - recipient: {zh: 示例快递有限公司, en: "Example Express Co., Ltd."}\n'
CONFIRMED = """rows:
  - recipient: {zh: 示例快递有限公司, en: "Example Express Co., Ltd."}
    purpose: {zh: 配送您订购的商品, en: Delivering the goods you ordered}
    information: {zh: 收货人姓名、电话、地址, en: "Recipient's name, phone number, address"}
    method: {zh: 接口传输, en: Transfer through an interface}
    link: https://www.example-express.cn/privacy
"""

PARTLY = """rows:
  - recipient: {zh: 支付服务商, en: Payment providers}
    purpose: {zh: 完成支付, en: Completing your payment}
    information: unconfirmed
    method: {zh: 接口传输, en: unconfirmed}
"""


def _data(tmp_path: Path, third_parties: str | None, *, sites: str = "external_sites:\n  - example-express.cn\n"):
    shutil.copytree(BASE / "data", tmp_path / "data")
    company = tmp_path / "data" / "company.yml"
    company.write_text(company.read_text(encoding="utf-8") + sites, encoding="utf-8")
    if third_parties is not None:
        (tmp_path / "data" / "third_parties.yml").write_text(third_parties, encoding="utf-8")
    data, problems = load_data(tmp_path / "data", tmp_path)
    assert problems == []
    return data


def _found(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in third_parties_findings(_data(tmp_path, text))]


def test_a_confirmed_list_has_no_findings_and_renders_a_link_to_the_recipients_policy(tmp_path) -> None:
    data = _data(tmp_path, CONFIRMED)
    assert third_parties_findings(data) == []
    zh = third_parties_markdown(data, "zh")
    assert zh.startswith("# 第三方信息共享清单\n\n")
    assert ("| 示例快递有限公司 | 配送您订购的商品 | 收货人姓名、电话、地址 | 接口传输 | "
            "[https://www.example-express.cn/privacy](https://www.example-express.cn/privacy) |") in zh
    html = markdown.markdown(third_parties_markdown(data, "en"), extensions=["tables"])
    assert '<a href="https://www.example-express.cn/privacy">' in html
    assert "Example Express Co., Ltd." in html and "To be confirmed" not in html


def test_unconfirmed_values_show_visibly_and_are_notices_that_do_not_block(tmp_path) -> None:
    data = _data(tmp_path, PARTLY)
    found = third_parties_findings(data)
    # information and link (left out) in both languages; method in English only.
    assert [(f.line, f.rule, f.severity) for f in found] == [(2, "list.unconfirmed", Severity.NOTICE)] + [
        (4, "list.unconfirmed", Severity.NOTICE), (5, "list.unconfirmed", Severity.NOTICE)]
    assert blocking(found) == []
    assert "the link of “支付服务商”" in found[0].problem and "method of “支付服务商” in en" in found[2].problem
    assert "待公司确认 / To be confirmed by the company" in found[1].problem
    zh = third_parties_markdown(data, "zh")
    assert "| 支付服务商 | 完成支付 | *待公司确认* | 接口传输 | *待公司确认* |" in zh
    en = markdown.markdown(third_parties_markdown(data, "en"), extensions=["tables"])
    assert en.count("<em>To be confirmed by the company</em>") == 3


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(CONFIRMED.replace("    method:", "    mehtod:"), [(5, "list.schema"), (2, "list.unconfirmed")],
                 id="unknown-key"),
    pytest.param(CONFIRMED.replace(RECIPIENT,
                                   "  - recipient: unconfirmed\n"), [(2, "list.missing-recipient")], id="no-recipient"),
    pytest.param(CONFIRMED.replace(RECIPIENT, "  -\n"),
                 [(3, "list.missing-recipient")], id="recipient-left-out"),  # the row's first line
    pytest.param(CONFIRMED.replace("https://www.example-express.cn/privacy", "javascript:alert(1)"),
                 [(6, "list.link")], id="javascript-link"),
    pytest.param(CONFIRMED.replace("https://www.example-express.cn/privacy", "http://www.example-express.cn/privacy"),
                 [(6, "list.link")], id="http-link"),
    pytest.param(CONFIRMED.replace("https://www.example-express.cn/", "https://www.exampel-express.cn/"),
                 [(6, "list.link-undeclared")], id="undeclared-host"),
    pytest.param(CONFIRMED.replace("配送您订购的商品", '"[配送](https://evil.example.org)"'), [(3, "list.text")],
                 id="markdown-link-in-a-value"),
    pytest.param(CONFIRMED.replace("{zh: 接口传输, en: Transfer through an interface}", "{zh: 接口传输}"),
                 [(5, "list.schema")], id="language-missing"),
    pytest.param("rows: []\n", [(1, "list.schema")], id="no-rows"),
    pytest.param("row:\n  - recipient: 物流服务商\n", [(1, "list.schema"), (1, "list.schema")], id="misspelt-rows"),
])
def test_a_bad_row_is_an_error_naming_the_line_and_the_fix(tmp_path, text: str, expected: list) -> None:
    found = third_parties_findings(_data(tmp_path, text))
    assert sorted((f.line, f.rule) for f in found) == sorted(expected)
    errors = blocking(found)
    assert errors and all(f.path == "data/third_parties.yml" and f.severity == Severity.ERROR for f in errors)
    assert all(f.fix and f.problem for f in found)


def test_the_fix_for_an_unknown_key_suggests_the_known_one(tmp_path) -> None:
    found = third_parties_findings(_data(tmp_path, CONFIRMED.replace("    method:", "    mehtod:")))
    schema = next(f for f in found if f.rule == "list.schema")
    assert "`rows.0.mehtod`" in schema.problem and "did you mean `method`?" in schema.fix


def test_an_undeclared_link_says_where_to_declare_the_site(tmp_path) -> None:
    found = third_parties_findings(_data(tmp_path, CONFIRMED, sites=""))
    assert [(f.rule, f.line) for f in found] == [("list.link-undeclared", 6)]
    assert "`- www.example-express.cn` under `external_sites`" in found[0].fix


def test_a_missing_file_is_a_finding_when_the_list_is_published(tmp_path) -> None:
    found = third_parties_findings(_data(tmp_path, None))
    assert [(f.path, f.rule) for f in found] == [("data/third_parties.yml", "list.missing")]


def test_the_flagship_list_holds_only_what_its_policy_says() -> None:
    """The three categories its sharing section names, entrusted; everything else waits for the company."""
    data, problems = load_data(FLAGSHIP / "data", FLAGSHIP)
    assert problems == []
    found = third_parties_findings(data)
    assert blocking(found) == [] and {f.rule for f in found} == {"list.unconfirmed"} and len(found) == 9
    sharing = (FLAGSHIP / "docs" / "zh" / "sections" / "sharing.md").read_text(encoding="utf-8")
    rows = data["third_parties"]["rows"]
    for row in rows:
        assert row["recipient"]["zh"] in sharing and row["method"]["zh"] in sharing
        assert (row["purpose"], row["information"], row["link"]) == ("unconfirmed",) * 3
    english = (FLAGSHIP / "docs" / "en" / "sections" / "sharing.md").read_text(encoding="utf-8").lower()
    assert all(row["recipient"]["en"].lower() in english for row in rows)
