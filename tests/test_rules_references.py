"""document.*: references between the documents of a site (policysite/rules/references.py)."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from policysite.rules.references import (DEFAULT_KINDS, find_references, kind_of_title, link_references,
                                         published_kinds)
from rulefixtures import cases, check_case


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("document."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)


@pytest.mark.parametrize(("title", "kind"), [
    ("第三方信息共享清单", "third-party-list"), ("第三方SDK清单", "third-party-list"),
    ("与第三方共享个人信息清单", "third-party-list"),
    ("个人信息收集清单", "collection-list"), ("已收集个人信息清单", "collection-list"),
    ("儿童个人信息保护规则", "children-rules"), ("儿童隐私政策", "children-rules"),
    ("用户服务协议", "terms"), ("服务条款", "terms"), ("隐私政策", "privacy-policy"), ("个人信息保护政策", "privacy-policy"),
    # Laws and regulations are not documents of the site.
    ("个人信息保护法", None), ("儿童个人信息网络保护规定", None), ("信息安全技术 个人信息安全规范", None),
    ("小程序收集的个人信息种类及收集目的", None),
])
def test_a_title_names_its_kind_of_document(title: str, kind: str | None) -> None:
    assert kind_of_title(title) == kind


def test_references_are_read_in_book_marks_quotes_and_bare_names() -> None:
    text = "依据《个人信息保护法》，接收方见《第三方信息共享清单》，收集见附件“个人信息收集清单”，另见儿童个人信息保护规则。"
    assert [(r.kind, r.text) for r in find_references(text, "zh")] == [
        ("third-party-list", "《第三方信息共享清单》"), ("collection-list", "“个人信息收集清单”"),
        ("children-rules", "儿童个人信息保护规则")]


def test_english_references_name_the_companys_documents_not_a_recipients_policy() -> None:
    text = ("See the third-party list, the List of Personal Information Collected, our Children's Privacy Policy "
            "and the Terms of Service; this Privacy Policy does not cover the recipient's privacy policy.")
    assert [(r.kind, r.text) for r in find_references(text, "en")] == [
        ("third-party-list", "third-party list"), ("collection-list", "List of Personal Information Collected"),
        ("children-rules", "Children's Privacy Policy"), ("terms", "Terms of Service"),
        ("privacy-policy", "this Privacy Policy")]
    assert find_references("Sharing with third parties is listed below.", "en") == []
    assert find_references("《第三方信息共享清单》", "fr") == []


def test_published_kinds_come_from_site_yml_and_default_to_the_policy_alone() -> None:
    assert published_kinds({}) == DEFAULT_KINDS == {"privacy-policy"}
    assert published_kinds(None) == {"privacy-policy"}
    site = {"documents": [{"id": "policy", "kind": "privacy-policy"},
                          {"id": "collection-list", "kind": "collection-list", "prefix": "lists/collection"},
                          "not a document", {"id": "broken"}]}
    assert published_kinds(site) == {"privacy-policy", "collection-list"}


PUBLISHED = {"third-party-list": ("第三方信息共享清单", "lists/third-parties/"),
             "privacy-policy": ("隐私政策", "../../")}


def test_a_reference_to_a_published_document_becomes_a_link() -> None:
    source = "接收方见《第三方信息共享清单》；本清单依据《隐私政策》制定。"
    linked = link_references(source, "zh", PUBLISHED, own="third-party-list")
    assert linked == ('接收方见《第三方信息共享清单》；本清单依据[《隐私政策》](../../ "隐私政策")制定。')
    html = markdown.markdown(link_references(source, "zh", PUBLISHED))
    assert '<a href="lists/third-parties/" title="第三方信息共享清单">《第三方信息共享清单》</a>' in html


def test_links_are_not_put_in_headings_code_existing_links_or_placeholders() -> None:
    source = "\n".join(["## 《第三方信息共享清单》", "已有[《第三方信息共享清单》](x)。", "`《第三方信息共享清单》`",
                        "```", "《第三方信息共享清单》", "```", "{{ policy.title }}与《个人信息收集清单》"])
    assert link_references(source, "zh", PUBLISHED) == source


def test_an_unpublished_kind_and_an_address_with_spaces_stay_safe() -> None:
    linked = link_references("See the third-party list.", "en",
                             {"third-party-list": ('The "list"', "lists/third parties (all)/")})
    assert linked == 'See the [third-party list](lists/third%20parties%20%28all%29/ "The &quot;list&quot;").'
    assert link_references("See the collection list.", "en", PUBLISHED) == "See the collection list."
