"""consistency.*: one language agrees with itself (policysite/rules/consistency.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rulefixtures import cases, check_case


@pytest.mark.parametrize(("rule", "variant", "spec"), cases("consistency."))
def test_fixture(tmp_path: Path, rule: str, variant: str, spec: dict) -> None:
    check_case(tmp_path, rule, variant, spec)


def _findings(tmp_path: Path, files: dict[str, str], language: str = "zh") -> list[str]:
    """Every finding on a one-language policy; for English, the consistency findings of the bilingual base
    (the base's data is Chinese-first), since an English-only edit leaves the languages unaligned."""
    from rulefixtures import judged, materialise
    root = materialise(tmp_path / "p", {"only": language, "files": files} if language == "zh" else {"files": files})
    return [f"{f.path}:{f.line}: {f.rule}" for f in judged(root)
            if language == "zh" or f.rule.startswith(("consistency.", "structure."))]


_STORAGE = "docs/zh/sections/storage.md"


def test_title_lines_over_their_text_are_not_unfinished_sentences(tmp_path: Path) -> None:
    """A numbered sub-heading typed as a line (2.1.1 …, b)…), the policy's own title repeated,
    and a lettered list of phrases: nothing in them was cut."""
    text = ("# 个人信息的存储\n\n示例公司个人信息保护声明\n\n"
            "2.1.1 存储地点\n\n我们将个人信息存储于中华人民共和国境内。\n\n"
            "（一） 存储期限\n\n我们仅在实现目的所必需的期限内保留，您注销账号后，我们将删除您的个人信息。\n\n"
            "（二） 删除方式\n\n我们删除或匿名化处理您的个人信息。\n\n"
            "本声明不适用于：\n\na. 第三方网站自行收集的信息\n\nb. 其他公司在其服务中收集的信息\n")
    assert _findings(tmp_path, {_STORAGE: text}) == []


def test_english_lettered_heading_without_a_space_is_a_heading(tmp_path: Path) -> None:
    text = ("# Storage\n\na)Where we keep it\n\nWe store personal information in mainland China.\n\n"
            "b)How long we keep it\n\nWe keep it only as long as the purpose needs; when you close your account "
            "we delete it.\n")
    assert _findings(tmp_path, {"docs/en/sections/storage.md": text}, "en") == []


def test_a_short_cut_sentence_is_still_unfinished(tmp_path: Path) -> None:
    """Short but speaking to the reader, or numbered but long: a sentence that lost its end."""
    text = ("# 个人信息的存储\n\n我们将删除您的个人信息\n\n我们将个人信息存储于中华人民共和国境内。\n\n"
            "2.1 当您注销账号后我们将在合理期限内删除或匿名化处理您在使用服务期间提供的全部个人信息\n\n"
            "我们仅在实现目的所必需的期限内保留，您注销账号后，我们将删除您的个人信息。\n")
    assert _findings(tmp_path, {_STORAGE: text}) == [f"{_STORAGE}:3: consistency.unfinished-sentence",
                                                     f"{_STORAGE}:7: consistency.unfinished-sentence"]


_COLLECTION = "docs/zh/sections/collection.md"


def test_two_list_intros_in_a_row_are_one_finding_on_the_second(tmp_path: Path) -> None:
    text = ("# 我们收集的个人信息\n\n为向您提供服务，我们会与合作方一起处理您的个人信息：\n\n"
            "我们为以下目的收集您的个人信息：\n\n- 注册账号：您的手机号；\n- 开具发票：您的税号。\n")
    assert _findings(tmp_path, {_COLLECTION: text}) == [f"{_COLLECTION}:5: consistency.list-intro"]


def test_a_short_label_over_its_paragraph_announces_no_list(tmp_path: Path) -> None:
    """`撤回同意后的处理：` heads its paragraph; an English label line after an intro is its list."""
    text = ("# 我们收集的个人信息\n\n我们为以下目的收集您的个人信息：\n\n- 注册账号：您的手机号；\n- 开具发票：您的税号。\n\n"
            "撤回同意后的处理：\n\n您撤回同意后，我们不再处理相应的个人信息，但不影响此前处理的效力。\n")
    assert _findings(tmp_path, {_COLLECTION: text}) == []
    english = ("# Personal Information We Collect\n\nWe collect your personal information for the following purposes:\n\n"
               "- Registering an account: your phone number;\n- Issuing invoices: your tax number.\n\n"
               "Your account page shows the following:\n\nThe fields shown include: your nickname and phone number.\n\n"
               "You may refer to the appendix “List of Personal Information Collection” of this policy.\n")
    assert _findings(tmp_path / "en", {"docs/en/sections/collection.md": english}, "en") == []


def test_a_label_that_speaks_to_the_reader_still_announces_a_list(tmp_path: Path) -> None:
    text = ("# 我们收集的个人信息\n\n我们为以下目的收集您的个人信息：\n\n- 注册账号：您的手机号；\n- 开具发票：您的税号。\n\n"
            "您可以选择：\n\n您撤回同意后，我们不再处理相应的个人信息。\n")
    assert _findings(tmp_path, {_COLLECTION: text}) == [f"{_COLLECTION}:8: consistency.list-intro"]


def test_a_part_number_opening_its_line_is_a_heading_not_a_reference(tmp_path: Path) -> None:
    intro = "docs/zh/sections/intro.md"
    base = (Path(__file__).parent / "fixtures" / "rules" / "base" / intro).read_text(encoding="utf-8")
    text = base + "\n第一部分 我们的承诺\n\n我们只收集实现目的所必需的个人信息。\n\n第二部分 您的选择\n\n您可以随时撤回同意。\n"
    assert _findings(tmp_path, {intro: text}) == []
    cited = text.replace("您可以随时撤回同意。", "您可以随时撤回同意，方式见本政策第七条。")
    assert _findings(tmp_path / "again", {intro: cited}) == [f"{intro}:15: consistency.section-number"]


def _deadline_findings(tmp_path: Path, contact: str, sentence: str = "") -> list[str]:
    """The deadline findings of the Chinese base with data/contact.yml ``contact`` and ``sentence`` added to rights."""
    from rulefixtures import judged, materialise
    spec = {"only": "zh", "files": {"data/contact.yml": contact},
            "edits": [{"file": "docs/zh/sections/rights.md", "old": "{{ contact.response_days }}个工作日内答复。",
                       "new": "{{ contact.response_days }}日内答复。" + sentence}]}
    root = materialise(tmp_path / "p", spec)
    return [f"{f.path}:{f.rule}" for f in judged(root) if "deadline" in f.rule]


_CALENDAR = "email: privacy@example.cn\nresponse_days: 15\nresponse_unit: calendar\n"


def test_a_deadline_in_calendar_days_is_declared_once_in_data(tmp_path: Path) -> None:
    assert _deadline_findings(tmp_path / "a", _CALENDAR) == []
    # A shorter calendar deadline for one request keeps the promise; a longer one, or working days, does not.
    assert _deadline_findings(tmp_path / "b", _CALENDAR, "投诉将在十日内处理完毕。") == []
    assert _deadline_findings(tmp_path / "c", _CALENDAR, "投诉将在二十日内处理完毕。") == \
        ["docs/zh/sections/rights.md:consistency.deadline"]
    assert _deadline_findings(tmp_path / "d", _CALENDAR, "投诉将在15个工作日内处理完毕。") == \
        ["docs/zh/sections/rights.md:consistency.deadline"]


def test_a_calendar_deadline_may_reach_21_days_but_no_further(tmp_path: Path) -> None:
    assert _deadline_findings(tmp_path / "a", _CALENDAR.replace("15", "21")) == []
    assert _deadline_findings(tmp_path / "b", _CALENDAR.replace("15", "22")) == ["data/contact.yml:disclosure.deadline"]
    assert _deadline_findings(tmp_path / "c", _CALENDAR.replace("calendar", "fortnightly")) == [], "reported as data"


def test_an_unknown_deadline_unit_is_a_data_finding(tmp_path: Path) -> None:
    from rulefixtures import judged, materialise
    root = materialise(tmp_path / "p", {"only": "zh", "files": {"data/contact.yml": _CALENDAR.replace("calendar", "weeks")}})
    assert [(f.path, f.rule) for f in judged(root)] == [("data/contact.yml", "data.schema")]
