"""Facts typed in a source → data/: the postal address behind a plain `地址：` label."""

from __future__ import annotations

from policysite.importer.facts import _addresses


def test_an_address_after_its_label_is_found() -> None:
    text = "本应用的运营者为示例团队。\n示例团队的地址：浙江省杭州市西湖区示例路100号。\n如有疑问请联系我们。"
    assert _addresses("zh", text) == ["浙江省杭州市西湖区示例路100号"]


def test_a_delivery_address_field_is_not_the_company_address() -> None:
    text = "下单时我们收集收货地址：浙江省杭州市某区某路1号这样的信息。\n邮件地址：请填写。\nIP地址：自动记录。"
    assert _addresses("zh", text) == []


def test_a_date_given_to_the_month_only_is_named_in_the_review_notes() -> None:
    from policysite.importer.facts import find_facts
    from policysite.importer.model import Para
    paras = {"zh": [Para(text="本政策最近修订时间：2021年3月", where="line 1"), Para(text="我们重视您的隐私。", where="line 2")]}
    facts = find_facts(paras, "zh")
    assert "updated" not in facts.dates
    notes = [n.text for n in facts.notes if "policy.updated" in n.text]
    assert notes and "`本政策最近修订时间：2021年3月`, with no day" in notes[0]


def test_a_full_date_is_still_moved_to_data() -> None:
    import datetime as dt
    from policysite.importer.facts import find_facts
    from policysite.importer.model import Para
    paras = {"zh": [Para(text="更新日期：2021年3月5日", where="line 1")]}
    assert find_facts(paras, "zh").dates["updated"] == dt.date(2021, 3, 5)
