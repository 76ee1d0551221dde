"""Facts typed in a source → data/: the postal address behind a plain `地址：` label."""

from __future__ import annotations

from policysite.importer.facts import _addresses


def test_an_address_after_its_label_is_found() -> None:
    text = "本应用的运营者为示例团队。\n示例团队的地址：浙江省杭州市西湖区示例路100号。\n如有疑问请联系我们。"
    assert _addresses("zh", text) == ["浙江省杭州市西湖区示例路100号"]


def test_a_delivery_address_field_is_not_the_company_address() -> None:
    text = "下单时我们收集收货地址：浙江省杭州市某区某路1号这样的信息。\n邮件地址：请填写。\nIP地址：自动记录。"
    assert _addresses("zh", text) == []
