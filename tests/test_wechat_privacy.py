"""The mini program's privacy settings (用户隐私保护指引): generated from data/inventory.yml, judged, published."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from pathlib import Path

import yaml

from conftest import FLAGSHIP, Project, copy_project
from policysite.data import DataSet, load_data
from policysite.findings import PolicyError
from policysite.judge import judge
from policysite.wechat_privacy import (PAGE_PATH, PAYLOAD_PATH, check, declared_keys, has_settings,
                                       privacy_setting_markdown, privacy_setting_payload)

INVENTORY = yaml.safe_load((FLAGSHIP / "data" / "inventory.yml").read_text(encoding="utf-8"))
CONTACT = yaml.safe_load((FLAGSHIP / "data" / "contact.yml").read_text(encoding="utf-8"))


def dataset(tmp_path: Path, *, inventory: dict | None = None, wechat: str | None = None) -> DataSet:
    data = tmp_path / "data"
    shutil.copytree(FLAGSHIP / "data", data)
    if inventory is not None:
        (data / "inventory.yml").write_text(yaml.safe_dump(inventory, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")
    if wechat is not None:
        (data / "wechat.yml").write_text(wechat, encoding="utf-8")
    loaded, findings = load_data(data, tmp_path)
    assert findings == [], [f.format() for f in findings]
    return loaded


def judged(root: Path) -> list[str]:
    try:
        judge(root, commit_date=lambda *_: None)
    except PolicyError as error:
        return [f.format() for f in error.findings]
    return []


def rows_with(keys: dict[int, list]) -> dict:
    inventory = json.loads(json.dumps(INVENTORY))
    for row in inventory["rows"]:
        row.pop("privacy_keys", None)
    for index, row_keys in keys.items():
        inventory["rows"][index]["privacy_keys"] = row_keys
    return inventory


def test_the_payload_matches_the_inventory(tmp_path: Path) -> None:
    """Every declared key once, with the Chinese purpose of each row that uses it; the owner from contact.yml."""
    payload = privacy_setting_payload(dataset(tmp_path))
    declared = [(row["privacy_keys"], row["purpose"]["zh"]) for row in INVENTORY["rows"] if "privacy_keys" in row]
    assert declared == [(["PhoneNumber"], "用户注册择幂账号，并在用户登录时验证用户身份")]  # the flagship's one key
    assert payload == {"owner_setting": {"contact_email": CONTACT["email"]},
                       "setting_list": [{"privacy_key": "PhoneNumber",
                                         "privacy_text": "用户注册择幂账号，并在用户登录时验证用户身份"}]}


def test_a_key_on_several_rows_gets_each_purpose_once_in_row_order(tmp_path: Path) -> None:
    data = dataset(tmp_path, inventory=rows_with({0: ["PhoneNumber"], 1: ["PhoneNumber"], 4: ["Address", "PhoneNumber"]}))
    rows = INVENTORY["rows"]
    assert privacy_setting_payload(data)["setting_list"] == [
        # rows 0 and 1 share a purpose: it is said once
        {"privacy_key": "PhoneNumber", "privacy_text": f"{rows[0]['purpose']['zh']}；{rows[4]['purpose']['zh']}"},
        {"privacy_key": "Address", "privacy_text": rows[4]["purpose"]["zh"]},
    ]
    assert [use.rows for use in declared_keys(data)] == [(0, 1, 4), (4,)]


def test_the_notice_method_comes_from_wechat_yml(tmp_path: Path) -> None:
    data = dataset(tmp_path, wechat="privacy_setting:\n  notice_method: 弹窗提示\n")
    assert privacy_setting_payload(data)["owner_setting"]["notice_method"] == "弹窗提示"
    assert check(data) == []
    assert "（未确认" in privacy_setting_markdown(dataset(tmp_path / "b"), "zh")  # not given: shown as unconfirmed


def test_an_unknown_setting_key_is_a_schema_finding(tmp_path: Path) -> None:
    (finding,) = check(dataset(tmp_path, wechat="privacy_setting:\n  notice: 弹窗\n"))
    assert (finding.path, finding.line, finding.rule) == ("data/wechat.yml", 2, "data.schema")


def test_an_unknown_key_fails_naming_the_row_and_the_closest_key(tmp_path: Path) -> None:
    data = dataset(tmp_path, inventory=rows_with({2: ["Phonenumber", "Album"]}))
    (finding,) = check(data)
    assert finding.rule == "wechat.privacy-key-unknown" and finding.path == "data/inventory.yml"
    line = (tmp_path / "data" / "inventory.yml").read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert line.lstrip().startswith("privacy_keys:"), line
    assert "`Phonenumber`" in finding.problem and "did you mean `PhoneNumber`?" in finding.fix
    assert [use.key for use in declared_keys(data)] == ["Album"]  # the known key is still declared


def test_a_key_without_a_purpose_fails(tmp_path: Path) -> None:
    """An inventory whose columns give no purpose: WeChat would be told nothing."""
    inventory = rows_with({0: ["PhoneNumber"]})
    inventory["columns"]["use"] = inventory["columns"].pop("purpose")
    for row in inventory["rows"]:
        row["use"] = row.pop("purpose")
    data = dataset(tmp_path, inventory=inventory)
    (finding,) = check(data)
    assert finding.rule == "wechat.privacy-purpose-missing" and finding.path == "data/inventory.yml"
    assert "`PhoneNumber`" in finding.problem and "purpose:" in finding.fix
    assert privacy_setting_payload(data)["setting_list"] == [] and not has_settings(data)


def test_a_key_with_an_empty_purpose_fails(tmp_path: Path) -> None:
    inventory = rows_with({0: ["PhoneNumber"]})
    inventory["rows"][0]["purpose"] = {"zh": "  ", "en": "  "}
    data_dir = tmp_path / "data"
    shutil.copytree(FLAGSHIP / "data", data_dir)
    (data_dir / "inventory.yml").write_text(yaml.safe_dump(inventory, allow_unicode=True), encoding="utf-8")
    loaded, _ = load_data(data_dir, tmp_path)  # data.py may report the blank cell too; this module must as well
    assert [f.rule for f in check(loaded)] == ["wechat.privacy-purpose-missing"]


def test_a_purpose_the_policy_does_not_state_fails(tmp_path: Path) -> None:
    """The flagship states its purposes in the inventory table of its appendix; without the table it does not."""
    project = copy_project(tmp_path / "project")
    assert judged(project.root) == []
    for language in ("zh", "en"):
        project.replace(f"docs/{language}/sections/appendix.md", "{{ inventory }}", "")
    unstated = [line for line in judged(project.root) if "wechat.privacy-purpose-unstated" in line]
    assert len(unstated) == 2, unstated  # the Chinese and the English purpose
    assert all(line.startswith("data/inventory.yml:") for line in unstated)
    assert any("用户注册择幂账号" in line for line in unstated) and any("Registering the user" in line for line in unstated)


def test_purposes_are_compared_with_the_pages_as_published(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    purpose_zh, purpose_en = INVENTORY["rows"][0]["purpose"]["zh"], INVENTORY["rows"][0]["purpose"]["en"]
    assert check(data, {"zh": f"| 注册登录 | {purpose_zh} |", "en": f"| x | {purpose_en.replace('’', '’')} |"}) == []
    assert [f.rule for f in check(data, {"zh": "另一用途", "en": purpose_en})] == ["wechat.privacy-purpose-unstated"]


def test_no_keys_no_settings(tmp_path: Path) -> None:
    data = dataset(tmp_path, inventory=rows_with({}))
    assert not has_settings(data) and check(data) == []


def test_the_json_and_the_pages_are_in_the_built_site(flagship: Project, tmp_path: Path) -> None:
    payload = json.loads((flagship.site / PAYLOAD_PATH).read_text(encoding="ascii"))  # \u escapes: WeChat's advice
    assert payload == privacy_setting_payload(dataset(tmp_path))
    assert payload["setting_list"][0]["privacy_key"] == "PhoneNumber"
    assert not (flagship.site / "en" / PAYLOAD_PATH).exists()  # one file, at the root
    for language, heading in (("zh", "小程序用户隐私保护指引设置"), ("en", "Mini program privacy settings")):
        page = flagship.page(language, PAGE_PATH)
        assert heading in page and "<code>PhoneNumber</code>" in page
        assert ("手机号码" if language == "zh" else "Mobile phone number") in page
        assert "用户注册择幂账号，并在用户登录时验证用户身份" in page
        assert '<meta name="robots" content="noindex">' in page
        href = re.search(r'<a href="([^"]+)">wechat/privacy-setting\.json</a>', page).group(1)
        folder = flagship.site / ("" if language == "zh" else "en") / PAGE_PATH
        assert (folder / href).resolve() == (flagship.site / PAYLOAD_PATH).resolve()
    assert "Registering the user’s Xometry account" in flagship.page("en", PAGE_PATH)
    assert "privacy-setting" not in (flagship.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "privacy-setting" not in flagship.page("zh")  # reached by its address, not from the policy's navigation


def test_the_page_links_the_json_relative_to_itself(tmp_path: Path) -> None:
    text = privacy_setting_markdown(dataset(tmp_path), "en", json_href=posixpath.relpath(PAYLOAD_PATH, "en/" + PAGE_PATH))
    assert '<a href="../../../wechat/privacy-setting.json">' in text


def test_every_key_has_a_name_in_every_core_catalogue() -> None:
    from policysite.wechat_privacy import PRIVACY_KEYS
    from policysite.words import words
    for language in ("zh", "en"):
        assert list(words(language, "wechat_privacy_keys")) == list(PRIVACY_KEYS)
    assert words("zh", "wechat_privacy_keys")["PhoneNumber"] == "手机号码"


def test_a_failed_load_still_reports_the_keys(tmp_path: Path) -> None:
    """One run reports everything: a text that does not load does not hide a misspelt key."""
    project = copy_project(tmp_path / "project")
    project.replace("docs/zh/sections/contact.md", "{{ contact.email }}", "{{ contact.emial }}")
    project.replace("data/inventory.yml", "privacy_keys: [PhoneNumber]", "privacy_keys: [PhoneNum]")
    rules = {line.split(": ")[1] for line in judged(project.root)}
    assert {"placeholder.unknown", "wechat.privacy-key-unknown"} <= rules, rules
