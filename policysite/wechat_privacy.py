"""The mini program's privacy settings (用户隐私保护指引), generated from data/inventory.yml.

WeChat disables a privacy API (wx.getPhoneNumber, wx.chooseAddress…) unless the
mini program declares, per `privacy_key`, what the information is for; the
declaration must agree with the policy or the review is rejected. An inventory
row names the keys its collection uses (`privacy_keys: [PhoneNumber]`); this
module turns the rows into the body of WeChat's `setprivacysetting` call
(owner_setting + setting_list) and into a table for whoever fills the console
by hand. Pure functions of the loaded data: no MkDocs, no network.

Payload shape, from WeChat's 配置小程序用户隐私保护指引 (cgi-bin/component/setprivacysetting):
``owner_setting`` needs at least one of contact_email / contact_phone /
contact_qq / contact_weixin, and ``notice_method``; ``setting_list`` holds
``{privacy_key, privacy_text}``, where privacy_text is the purpose alone (the
mini program shows it as 为了…), so no 为了/用于 in front.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .data import DataSet
from .escape import markdown_inline
from .findings import Finding
from .links import site_path
from .archive.pages import relative
from .localized import resolve
from .model import GeneratedPage, Policy
from .words import words as catalogue_words

PAYLOAD_PATH = "wechat/privacy-setting.json"
PAGE_PATH = "wechat/privacy-setting/"
DATA_KEY = "privacy_keys"  # on an inventory row
SETTING_KEY = "privacy_setting"  # in data/wechat.yml: {notice_method: …}
SETTING_KEYS = {"notice_method": False}
PAYLOAD_LANGUAGE = "zh"  # the console and the mini program's privacy pop-up are Chinese
PURPOSE_COLUMN = "purpose"
PURPOSE_JOIN = "；"

# The keys WeChat documents for setting_list (配置小程序用户隐私保护指引, 用户信息类型), spelt as WeChat spells
# them (`BlueTooth`, `Clipboard`): the key is compared as written, so a different case is another key.
# What each one means, in each language, is in the catalogues (policysite/words/, group `wechat_privacy_keys`;
# the Chinese names are WeChat's own). Checked key by key, names included, against WeChat's list as SDKs
# transcribe it from getprivacysetting's privacy_desc (WxJava's PrivacyKeyEnum: the first 22; admin tools of
# later date: the six from ChooseLocation on). WeChat adds keys; an unknown one is a finding naming the closest.
PRIVACY_KEYS: tuple[str, ...] = (
    "UserInfo", "Location", "Address", "Invoice", "RunData", "Record", "Album", "Camera", "PhoneNumber",
    "Contact", "DeviceInfo", "EXIDNumber", "EXOrderInfo", "EXUserPublishContent", "EXUserFollowAcct",
    "EXUserOpLog", "AlbumWriteOnly", "LicensePlate", "BlueTooth", "CalendarWriteOnly", "Email", "MessageFile",
    "ChooseLocation", "Accelerometer", "Compass", "DeviceMotion", "Gyroscope", "Clipboard",
)


@dataclass(frozen=True)
class KeyUse:
    """One declared key: the inventory rows that use it and the purposes they give."""

    key: str
    rows: tuple[int, ...]
    purposes: tuple[str, ...]  # in PAYLOAD_LANGUAGE, in row order, each once
    purposes_by_language: Mapping[str, tuple[str, ...]]


def declared_keys(data: DataSet) -> list[KeyUse]:
    """Every valid key the inventory declares, in order of first use (findings aside)."""
    return _collect(data)[0]


def check(data: DataSet, pages: Mapping[str, str] | None = None) -> list[Finding]:
    """Unknown keys, keys without a purpose and, given the policy's pages, purposes the policy does not state.

    ``pages`` maps a language to the policy page as published (policy.pages); without it (the
    texts did not load) only the data is judged.
    """
    uses, findings = _collect(data)
    findings += _setting_findings(data)
    if pages is None:
        return findings
    languages = _languages(data)
    for use in uses:
        for language in languages:
            page = pages.get(language)
            if page is None:
                continue
            for purpose in use.purposes_by_language.get(language, ()):
                if not _states(page, purpose):
                    path, line = data.where("inventory", "rows", use.rows[0], PURPOSE_COLUMN)
                    findings.append(Finding(
                        path, line, "wechat.privacy-purpose-unstated",
                        f"the purpose “{purpose}” declared to WeChat for `{use.key}` does not appear in the "
                        f"{language} policy, so the mini program would tell users something the policy does not say",
                        "render the inventory in the policy (`{{ inventory }}` in the appendix) or write the purpose "
                        "word for word in the section that discloses the collection"))
    return findings


def privacy_setting_payload(data: DataSet) -> dict[str, Any]:
    """The body of WeChat's setprivacysetting call (privacy_ver left to WeChat's default, the development version)."""
    contact = data.get("contact") or {}
    owner: dict[str, str] = {}
    if isinstance(contact.get("email"), str):
        owner["contact_email"] = contact["email"]
    if isinstance(contact.get("phone"), str):
        owner["contact_phone"] = contact["phone"]
    notice = notice_method(data)
    if notice is not None:
        owner["notice_method"] = notice
    return {
        "owner_setting": owner,
        "setting_list": [{"privacy_key": use.key, "privacy_text": PURPOSE_JOIN.join(use.purposes)}
                         for use in declared_keys(data)],
    }


def payload_json(data: DataSet) -> str:
    # ensure_ascii: WeChat's docs warn that Chinese not sent as \u escapes shows garbled in the mini program.
    return json.dumps(privacy_setting_payload(data), ensure_ascii=True, indent=2) + "\n"


def notice_method(data: DataSet) -> str | None:
    """How users are told of changes, as data/wechat.yml states it; None until the company writes it."""
    wechat = data.get("wechat")
    setting = wechat.get(SETTING_KEY) if isinstance(wechat, dict) else None
    value = setting.get("notice_method") if isinstance(setting, dict) else None
    return value if isinstance(value, str) and value.strip() else None


def privacy_setting_markdown(data: DataSet, language: str, words: Mapping[str, str] | None = None, *,
                             json_href: str = "/" + PAYLOAD_PATH, key_names: Mapping[str, str] | None = None) -> str:
    """The page for whoever fills 用户隐私保护指引 in the console: one table row per key, text to paste.

    ``words`` are the page's interface words in ``language`` (by default the core catalogue's, policysite/words/);
    ``json_href`` links the payload file (the site builds it relative to the page).
    """
    words = words if words is not None else catalogue_words(language, "wechat_privacy")
    key_names = key_names if key_names is not None else catalogue_words(language, "wechat_privacy_keys")
    payload = privacy_setting_payload(data)
    owner = payload["owner_setting"]
    uses = declared_keys(data)
    lines = [words["intro"], "", f"## {words['owner_heading']}", "",
             f"| {words['field']} | {words['value']} |", "| --- | --- |"]
    for field in ("contact_email", "contact_phone"):
        if field in owner:
            lines.append(f"| `{field}` | {markdown_inline(owner[field])} |")
    lines.append(f"| `notice_method` | {markdown_inline(owner['notice_method']) if 'notice_method' in owner else words['unconfirmed']} |")
    lines += ["", f"## {words['keys_heading']}", "",
              f"| {words['key']} | {words['information']} | {words['purpose']} |", "| --- | --- | --- |"]
    for use in uses:
        purpose = markdown_inline(PURPOSE_JOIN.join(use.purposes))
        if language != PAYLOAD_LANGUAGE:
            translated = "; ".join(use.purposes_by_language.get(language, ()))
            if translated:
                purpose += f"<br>({markdown_inline(translated)})"
        lines.append(f"| `{use.key}` | {markdown_inline(key_names.get(use.key, ''))} | {purpose} |")
    # An HTML link: MkDocs checks Markdown links against the language being built, and the file is
    # written once, at the site root, not per language.
    link = f'<a href="{html.escape(json_href)}">{html.escape(PAYLOAD_PATH)}</a>'
    lines += ["", words["json"].format(link=link), ""]
    return "\n".join(lines)


def has_settings(data: DataSet) -> bool:
    """Whether any inventory row declares a key (no keys: no page, no file)."""
    return bool(declared_keys(data))


def _collect(data: DataSet) -> tuple[list[KeyUse], list[Finding]]:
    inventory = data.get("inventory")
    rows = inventory.get("rows") if isinstance(inventory, dict) else None
    if not isinstance(rows, list):
        return [], []
    languages = _languages(data)
    text_language = PAYLOAD_LANGUAGE if PAYLOAD_LANGUAGE in languages else (languages[0] if languages else "")
    findings: list[Finding] = []
    found: dict[str, dict[str, Any]] = {}
    for index, row in enumerate(rows):
        if not isinstance(row, dict) or DATA_KEY not in row:
            continue
        keys = row[DATA_KEY]
        path, line = data.where("inventory", "rows", index, DATA_KEY)
        if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
            findings.append(Finding(path, line, "data.schema", f"`{DATA_KEY}` must be a list of WeChat privacy keys",
                                    f"write e.g. `{DATA_KEY}: [PhoneNumber]`"))
            continue
        purposes = {code: _purpose(row, code, languages) for code in languages}
        for key in keys:
            if key not in PRIVACY_KEYS:
                close = difflib.get_close_matches(key, list(PRIVACY_KEYS), n=1, cutoff=0.6)
                hint = f"did you mean `{close[0]}`?" if close else "see the list of keys in WeChat's 用户隐私保护指引"
                findings.append(Finding(path, line, "wechat.privacy-key-unknown",
                                        f"`{key}` is not one of the privacy keys WeChat accepts",
                                        f"write the key exactly as WeChat spells it ({hint})"))
                continue
            if not purposes.get(text_language):
                findings.append(Finding(path, line, "wechat.privacy-purpose-missing",
                                        f"row {index + 1} declares `{key}` but gives no `{PURPOSE_COLUMN}`, "
                                        "so WeChat would be told nothing about why the information is collected",
                                        f"add `{PURPOSE_COLUMN}:` to the row in data/inventory.yml, in every language"))
                continue
            use = found.setdefault(key, {"rows": [], "purposes": {code: [] for code in languages}})
            use["rows"].append(index)
            for code, text in purposes.items():
                if text and text not in use["purposes"][code]:
                    use["purposes"][code].append(text)
    uses = [KeyUse(key, tuple(use["rows"]), tuple(use["purposes"].get(text_language, ())),
                   {code: tuple(texts) for code, texts in use["purposes"].items()})
            for key, use in found.items()]
    return uses, findings


def _languages(data: DataSet) -> list[str]:
    """The declared language codes, read defensively: after a failed load data/policy.yml may be malformed."""
    policy = data.get("policy")
    declared = policy.get("languages") if isinstance(policy, dict) else None
    return [entry["code"] for entry in declared or [] if isinstance(entry, dict) and isinstance(entry.get("code"), str)] \
        if isinstance(declared, list) else []


def _purpose(row: dict[str, Any], language: str, languages: list[str]) -> str:
    value = resolve(row.get(PURPOSE_COLUMN), language, languages)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _setting_findings(data: DataSet) -> list[Finding]:
    wechat = data.documents.get("wechat")
    setting = wechat.value.get(SETTING_KEY) if wechat is not None and isinstance(wechat.value, dict) else None
    if setting is None or wechat is None:
        return []
    if not isinstance(setting, dict) or not (setting.get("notice_method") is None
                                             or isinstance(setting.get("notice_method"), str)):
        return [Finding(wechat.path, wechat.line(SETTING_KEY), "data.schema",
                        f"`{SETTING_KEY}` must hold `notice_method:` as text",
                        "write e.g. `notice_method: 弹窗提示` under it, as the policy's update section says")]
    return [Finding(wechat.path, wechat.line(SETTING_KEY, key), "data.schema", f"`{SETTING_KEY}.{key}` is not a known key",
                    "remove it or rename it (known keys: notice_method)") for key in setting if key not in SETTING_KEYS]


_SPACE = re.compile(r"\s+")


def _states(page: str, purpose: str) -> bool:
    """Whether the published page says the purpose word for word (as printed in a table cell, or as text)."""
    flat = _SPACE.sub(" ", page)
    return purpose in flat or markdown_inline(purpose) in flat or purpose in html.unescape(flat)


def privacy_setting_pages(policy: Policy) -> list[GeneratedPage]:
    """The console page in every language of the site, beside the JSON; none when no row declares a key.

    Not indexed: it is a worksheet for the company's staff, not something readers search for.
    """
    if not has_settings(policy.data):
        return []
    pages = []
    for language in policy.languages:
        words = catalogue_words(language.code, "wechat_privacy", policy.data_dir)
        pages.append(GeneratedPage(language=language.code, path=PAGE_PATH,
                                   markdown=f"# {markdown_inline(words['title'])}\n\n"
                                            + privacy_setting_markdown(policy.data, language.code, words,
                                                                       key_names=catalogue_words(
                                                                           language.code, "wechat_privacy_keys",
                                                                           policy.data_dir),
                                                                       json_href=relative(site_path(language, PAGE_PATH),
                                                                                          PAYLOAD_PATH)),
                                   title=words["title"], meta={"robots": "noindex"}))
    return pages
