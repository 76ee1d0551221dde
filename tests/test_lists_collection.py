"""The collection list (已收集个人信息清单) as its own document, rendered from data/inventory.yml."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown

from policysite.assemble import inventory_table
from policysite.data import load_data
from policysite.findings import Finding
from policysite.lists.collection import collection_findings, collection_markdown
from policysite.lists.words import language_findings, words
from policysite.localized import resolve
from rulefixtures import BASE

INVENTORY = """columns:
  scenario: {zh: 场景, en: Scenario}
  items: {zh: 个人信息, en: Personal information}
rows:
  - scenario: {zh: 预约试驾, en: Booking a test ride}
    items: {zh: 姓名、手机号, en: "Name, phone number"}
  - scenario: {zh: 售后回访, en: After-sales call}
    items: {zh: "<b>车架号</b>", en: "Frame number | *colour*"}
"""


def _project(tmp_path: Path, inventory: str | None = INVENTORY) -> Path:
    shutil.copytree(BASE / "data", tmp_path / "data")
    if inventory is None:
        (tmp_path / "data" / "inventory.yml").unlink()
    else:
        (tmp_path / "data" / "inventory.yml").write_text(inventory, encoding="utf-8")
    return tmp_path


def test_the_list_renders_every_row_in_each_language_with_its_title_and_intro(tmp_path) -> None:
    data, problems = load_data(_project(tmp_path) / "data", tmp_path)
    assert problems == [] and collection_findings(data) == []
    zh = collection_markdown(data, "zh")
    assert zh.startswith("# 已收集个人信息清单\n\n" + words("zh")["collection_intro"])
    assert "| 预约试驾 | 姓名、手机号 |" in zh and "| 场景 | 个人信息 |" in zh
    en = collection_markdown(data, "en", heading=False)
    assert en.startswith(words("en")["collection_intro"]) and "#" not in en.split("\n")[0]
    assert "| Booking a test ride | Name, phone number |" in en


def test_the_list_is_the_same_table_the_policy_appendix_prints(tmp_path) -> None:
    """One source: the list and `{{ inventory }}` in the appendix cannot disagree."""
    data, _ = load_data(_project(tmp_path) / "data", tmp_path)
    for language in ("zh", "en"):
        assert str(inventory_table(resolve(data["inventory"], language, ["zh", "en"]))) in collection_markdown(data, language)


def test_data_in_the_cells_is_text_not_markup(tmp_path) -> None:
    data, _ = load_data(_project(tmp_path) / "data", tmp_path)
    html = markdown.markdown(collection_markdown(data, "zh"), extensions=["tables"])
    assert "<b>" not in html and "&lt;b&gt;车架号&lt;/b&gt;" in html
    html = markdown.markdown(collection_markdown(data, "en"), extensions=["tables"])
    assert "<em>" not in html and html.count("<tr>") == 3  # the `|` in a value did not add a column or row
    assert "Frame number | *colour*" in html


def test_a_missing_inventory_is_a_finding_naming_the_file(tmp_path) -> None:
    data, problems = load_data(_project(tmp_path, inventory=None) / "data", tmp_path)
    assert problems == []
    found = collection_findings(data)
    assert [(f.path, f.rule) for f in found] == [("data/inventory.yml", "list.missing")]
    assert "create data/inventory.yml" in found[0].fix


def test_a_language_without_list_words_is_a_finding_not_an_english_fallback() -> None:
    assert language_findings(["zh", "en"], "data/policy.yml") == []
    found = language_findings(["zh", "fr"], "data/policy.yml")
    assert found == [Finding("data/policy.yml", 1, "list.language", found[0].problem, found[0].fix)]
    assert "`fr`" in found[0].problem


def test_each_list_has_a_title_in_each_language() -> None:
    from policysite.lists.words import list_title
    assert list_title("collection-list", "zh") == "已收集个人信息清单"
    assert list_title("third-party-list", "en") == "List of Personal Information Shared with Third Parties"
