"""Documents written as sections (policysite/prose.py): children's rules and terms, in process.

tests/fixtures/multi publishes children's rules (an invented company) at the prefix `children`,
their sections in docs/<lang>/children-rules/sections/; each test changes a copy of it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from policysite import PolicyError
from policysite.data import load_data
from policysite.documents import read_documents
from policysite.findings import Finding, blocking
from policysite.judge import site_plan, stages
from policysite.prose import as_policy
from policysite.rules import run_rules
from policysite.rules.profiles import rules_for

MULTI = FIXTURES / "multi"
SITE_URL = "https://privacy.qinghe-coldchain.cn/"
ZH = "docs/zh/children-rules/sections"
EN = "docs/en/children-rules/sections"
POLICY = "  - {id: qinghe-privacy, kind: privacy-policy}\n"
CHILDREN = ("  - {id: children-rules, kind: children-rules, prefix: children, sections: [{id: intro, role: intro}, "
            "{id: collection, role: collection}, {id: guardians, role: minors}, {id: contact, role: contact}]}\n")


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "multi"
    shutil.copytree(MULTI, root)
    return root


def _findings(root: Path) -> list[Finding]:
    with pytest.raises(PolicyError) as error:
        stages(root, commit_date=lambda *_: None)
    return blocking(error.value.findings)


def _pages(root: Path) -> dict[tuple[str, str], str]:
    policy, _ = site_plan(stages(root, commit_date=lambda *_: None), SITE_URL)
    return {(page.language, page.path): page.markdown for page in policy.generated}


def _edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new), encoding="utf-8")


# --- the document, filled and placed at its prefix ------------------------------------------------------------------

def test_the_childrens_rules_are_pages_at_their_prefix_with_placeholders_filled() -> None:
    pages = _pages(MULTI)
    zh, en = pages[("zh", "children/")], pages[("en", "children/")]
    assert zh.startswith("# 青禾冷链儿童个人信息保护规则\n")
    assert "青禾冷链（杭州）有限公司（“我们”）制定青禾冷链儿童个人信息保护规则（“本规则”）" in zh
    assert "发送电子邮件至privacy@qinghe-coldchain.cn" in zh and "Qinghe Cold Chain (Hangzhou) Co., Ltd." in en
    # Their own contents list and numbered headings, as the policy's sections get.
    assert "- [二、监护人的同意与权利](#guardians)" in zh and "## 2. Guardians' Consent and Rights {#guardians}" in en
    assert not any("{{" in text for text in (zh, en))
    assert {("zh", "children/webview/"), ("en", "children/webview/")} <= set(pages)


def test_the_rules_link_the_policy_they_supplement() -> None:
    pages = _pages(MULTI)
    assert "[《青禾冷链隐私政策》](../ " in pages[("zh", "children/")]
    assert "[our privacy policy](../ " in pages[("en", "children/")]
    assert "[《青禾冷链隐私政策》](../../webview/ " in pages[("zh", "children/webview/")]


def _plan(root: Path) -> dict[str, str]:
    """url → Markdown of every page the plan publishes."""
    _, plan = site_plan(stages(root, commit_date=lambda *_: None), SITE_URL)
    return {page.url: page.markdown for page in plan.pages}


def test_the_policy_links_the_childrens_rules_when_published_and_fails_when_not(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, "docs/zh/sections/minors.md", "我们将尽快删除。", "我们将尽快删除。详见《儿童个人信息保护规则》。")
    _edit(root, "docs/en/sections/minors.md", "as soon as possible.",
          "as soon as possible. See our Children's Personal Information Protection Rules.")
    pages = _plan(root)
    assert "[《儿童个人信息保护规则》](children/ " in pages[""]
    assert "[Children's Personal Information Protection Rules](children/ " in pages["en/"]
    assert "[《儿童个人信息保护规则》](../children/webview/ " in pages["webview/"]
    site = (root / "data/site.yml").read_text(encoding="utf-8")
    (root / "data/site.yml").write_text(site.split("# Children's rules")[0], encoding="utf-8")
    found = _findings(root)
    assert {(f.path, f.rule) for f in found} == {("docs/zh/sections/minors.md", "document.reference-unpublished"),
                                                 ("docs/en/sections/minors.md", "document.reference-unpublished")}


# --- files: missing, extra, a language without them -----------------------------------------------------------------

def test_a_missing_section_file_fails_naming_the_file_and_the_fix(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / EN / "guardians.md").unlink()
    found = _findings(root)
    assert [(f.path, f.rule) for f in found] == [(f"{EN}/guardians.md", "section.missing")]
    assert "`guardians` of document `children-rules` has no English text" in found[0].problem
    assert f"write {EN}/guardians.md" in found[0].fix and "data/site.yml" in found[0].fix


def test_a_language_without_the_documents_files_names_each_of_them(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    shutil.rmtree(root / "docs/en/children-rules")
    found = _findings(root)
    assert sorted((f.path, f.rule) for f in found) == sorted((f"{EN}/{section}.md", "section.missing")
                                                             for section in ("intro", "collection", "guardians", "contact"))


def test_a_section_file_not_listed_fails_naming_where_to_list_it(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / ZH / "stray.md").write_text("# 多余\n\n多余的一节。\n", encoding="utf-8")
    found = _findings(root)
    assert [(f.path, f.rule) for f in found] == [(f"{ZH}/stray.md", "section.undeclared")]
    assert "`stray` to the `sections:` of `children-rules` in data/site.yml" in found[0].fix


def test_a_wrong_placeholder_in_the_rules_is_found_at_its_line(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, f"{ZH}/contact.md", "{{ contact.email }}", "{{ contact.emial }}")
    found = _findings(root)
    assert (f"{ZH}/contact.md", 3, "placeholder.unknown") in [(f.path, f.line, f.rule) for f in found]
    assert "did you mean" in next(f for f in found if f.rule == "placeholder.unknown").fix
    # What else is found is found in the rules' own files (parity: en still has the placeholder zh lost).
    assert {f.path for f in found} == {f"{ZH}/contact.md", f"{EN}/contact.md"}


def test_a_section_without_its_heading_is_found_in_the_documents_file(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, f"{EN}/collection.md", "# Children's Personal Information We Collect\n\n", "")
    found = _findings(root)
    assert [(f.path, f.line, f.rule) for f in found] == [(f"{EN}/collection.md", 1, "section.heading")]


# --- data/site.yml ------------------------------------------------------------------------------------------------

def _documents(tmp_path: Path, site_yml: str) -> tuple[list, list[Finding]]:
    root = _copy(tmp_path)
    (root / "data/site.yml").write_text(site_yml, encoding="utf-8")
    data, problems = load_data(root / "data", root)
    assert problems == []
    return read_documents(data, ["zh", "en"])


@pytest.mark.parametrize("entry, says", [
    ("  - {id: terms, kind: terms, prefix: terms}\n", "does not list them"),
    ("  - {id: terms, kind: terms, prefix: terms, sections: []}\n", "does not list them"),
    ("  - {id: terms, kind: terms, prefix: terms, sections: [intro, {id: x, role: nope}]}\n", "section 2"),
    ("  - {id: terms, kind: terms, prefix: terms, sections: [intro, intro]}\n", "lists the section `intro` twice"),
    ("  - {id: c, kind: collection-list, prefix: lists/c, sections: [intro]}\n", "rendered from data"),
])
def test_a_prose_document_needs_its_sections_and_a_list_has_none(tmp_path: Path, entry: str, says: str) -> None:
    documents, findings = _documents(tmp_path, "documents:\n" + POLICY + entry)
    assert [(f.path, f.line, f.rule) for f in findings] == [("data/site.yml", 3, "site.document-entry")], findings
    assert says in findings[0].problem and findings[0].fix


def test_sections_given_as_ids_take_the_role_other(tmp_path: Path) -> None:
    documents, findings = _documents(tmp_path, "documents:\n" + POLICY +
                                     "  - {id: terms, kind: terms, prefix: terms, sections: [{id: intro, role: intro}, "
                                     "accounts]}\n")
    assert findings == []
    assert documents[1].sections == (("intro", "intro"), ("accounts", "other"))


# --- profiles: terms are not a privacy notice ----------------------------------------------------------------------

TERMS = "  - {id: terms, kind: terms, prefix: terms, sections: [{id: intro, role: intro}, {id: accounts, role: other}]}\n"


def _with_terms(root: Path, zh_accounts: str, en_accounts: str) -> None:
    site = (root / "data/site.yml").read_text(encoding="utf-8")
    (root / "data/site.yml").write_text(site + TERMS, encoding="utf-8")
    for language, intro, accounts in (("zh", "本协议是您与{{ company.legal_name }}之间的约定。\n", zh_accounts),
                                      ("en", "These terms are an agreement with {{ company.legal_name }}.\n",
                                       en_accounts)):
        folder = root / "docs" / language / "terms" / "sections"
        folder.mkdir(parents=True)
        (folder / "intro.md").write_text(intro, encoding="utf-8")
        (folder / "accounts.md").write_text(accounts, encoding="utf-8")


def test_terms_are_not_judged_by_the_pipl_or_childrens_disclosures(tmp_path: Path) -> None:
    """The same words that fail a policy (children mentioned, no guardian consent; sensitive information with no
    necessity) are no finding in the terms of service, which are not a notice on personal information."""
    root = _copy(tmp_path)
    _with_terms(root, "# 账户\n\n不满十四周岁的儿童不得注册账户。您的精确位置信息属于敏感个人信息。\n",
                "# Accounts\n\nChildren under 14 may not register. Your precise location is sensitive personal information.\n")
    pages = _pages(root)  # the build passes: no finding of the disclosure or children families
    assert "不满十四周岁的儿童不得注册账户" in pages[("zh", "terms/")]
    assert pages[("en", "terms/")].startswith("# Terms of Service\n")
    # Judged as a privacy policy, the same text would fail both.
    policy = stages(root, commit_date=lambda *_: None).loaded
    as_notice = run_rules(as_policy(policy, policy.prose["terms"]), only=rules_for("privacy-policy"))
    assert {("docs/zh/terms/sections/accounts.md", "disclosure.children"),
            ("docs/zh/terms/sections/accounts.md", "disclosure.sensitive")} <= {(f.path, f.rule) for f in as_notice}


def test_terms_are_judged_by_the_text_rules_at_their_own_lines(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _with_terms(root, "# 账户\n\n您应当妥善保管账户。\n\n您应当妥善保管\u200b密码。\n",
                "# Accounts\n\nKeep your account safe.\n\nKeep your password safe.\n")
    found = _findings(root)
    assert [(f.path, f.line, f.rule) for f in found] == [("docs/zh/terms/sections/accounts.md", 5, "debris.invisible")]


# --- waivers -----------------------------------------------------------------------------------------------------

def _waive(root: Path, *entries: str) -> None:
    (root / "data/waivers.yml").write_text("waivers:\n" + "".join(entries), encoding="utf-8")


def _waiver(rule: str, path: str, line: int) -> str:
    return (f"  - rule: {rule}\n    path: {path}\n    line: {line}\n"
            "    reason: the wording was reviewed by counsel\n    owner: legal@qinghe-coldchain.cn\n")


def _without_guardian_consent(root: Path) -> None:
    _edit(root, f"{ZH}/collection.md", "在取得监护人同意后，", "")
    _edit(root, f"{ZH}/guardians.md", "我们在收集儿童个人信息前征得其监护人的同意。", "我们会妥善处理儿童个人信息。")
    _edit(root, f"{ZH}/guardians.md", "在未取得监护人同意的情况下", "")
    _edit(root, f"{EN}/collection.md", "Once a guardian has consented, we", "We")
    _edit(root, f"{EN}/guardians.md", "We obtain the consent of a child's guardian before we collect the child's "
                                      "personal information.", "We look after children's information.")
    _edit(root, f"{EN}/guardians.md", " without a guardian's consent", "")


def test_rules_without_guardian_consent_fail_and_a_waiver_accepts_that_finding_only(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _without_guardian_consent(root)
    found = _findings(root)
    assert [(f.path, f.line, f.rule) for f in found] == [(f"{EN}/intro.md", 1, "children.disclosure"),
                                                         (f"{ZH}/intro.md", 1, "children.disclosure")]
    assert all("guardian consent" in f.problem for f in found)
    _waive(root, _waiver("children.disclosure", f"{ZH}/intro.md", 1))
    assert [(f.path, f.rule) for f in _findings(root)] == [(f"{EN}/intro.md", "children.disclosure")]
    # The same rule and line in the policy's own file is another finding: a waiver there waives nothing here.
    _waive(root, _waiver("children.disclosure", "docs/zh/sections/intro.md", 1))
    assert sorted((f.path, f.rule) for f in _findings(root)) == [("data/waivers.yml", "waiver.unmatched"),
                                                                 (f"{EN}/intro.md", "children.disclosure"),
                                                                 (f"{ZH}/intro.md", "children.disclosure")]


def test_a_waiver_for_the_rules_is_not_unmatched_when_the_policy_is_judged_and_an_unused_one_fails(
        tmp_path: Path) -> None:
    """Waivers are applied once to the findings of every document: a waiver for the rules' file stays matched
    (the policy's own run does not call it unused), and one whose finding is gone is an error."""
    root = _copy(tmp_path)
    _edit(root, f"{ZH}/contact.md", "与我们联系。", "与我们\u200b联系。")
    assert [(f.path, f.line, f.rule) for f in _findings(root)] == [(f"{ZH}/contact.md", 3, "debris.invisible")]
    _waive(root, _waiver("debris.invisible", f"{ZH}/contact.md", 3))
    stages(root, commit_date=lambda *_: None)  # passes: the waiver accepts it
    _edit(root, f"{ZH}/contact.md", "\u200b", "")
    found = _findings(root)
    assert [(f.path, f.rule) for f in found] == [("data/waivers.yml", "waiver.unmatched")]
    assert f"{ZH}/contact.md:3" in found[0].problem


# --- the section-HTML allowlist --------------------------------------------------------------------------------

def test_html_outside_the_allowlist_in_the_rules_is_refused_at_its_line_and_cannot_be_waived(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, f"{EN}/contact.md", "by e-mail at", 'by e-mail <script>alert(1)</script> at')
    found = _findings(root)
    assert (f"{EN}/contact.md", 3, "section.html") in [(f.path, f.line, f.rule) for f in found]
    _waive(root, _waiver("section.html", f"{EN}/contact.md", 3))
    assert "waiver.not-waivable" in {f.rule for f in _findings(root)}


def test_a_mkdocs_yml_that_would_publish_the_rules_section_files_fails(tmp_path: Path) -> None:
    """mkdocs.yml's `sections/` leaves them out at any depth; one narrowed to the policy's folders would not."""
    root = _copy(tmp_path)
    _edit(root, "mkdocs.yml", "exclude_docs: |\n  sections/\n", "exclude_docs: |\n  /zh/sections/\n  /en/sections/\n")
    found = _findings(root)
    assert [(f.path, f.rule) for f in found] == [("mkdocs.yml", "site.document-files-published")]
    assert "docs/zh/children-rules/sections/intro.md" in found[0].problem and "`sections/`" in found[0].fix
