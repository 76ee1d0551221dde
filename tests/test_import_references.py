"""Typed section numbers in an imported text become links to the section they name (policysite/importer/references.py)."""

from __future__ import annotations

from policysite.importer.model import Note
from policysite.importer.references import link_references, numbered_sections

SECTIONS = numbered_sections([("intro", ["intro"]), ("collection", ["collection"]), ("rights", ["rights"]),
                              ("contact", ["contact"])])


def _linked(text: str) -> tuple[str, list[Note]]:
    notes: list[Note] = []
    return link_references(text, SECTIONS, "docs/zh/sections/x.md", notes), notes


def test_sections_are_numbered_as_the_build_numbers_them() -> None:
    assert SECTIONS == {1: ("collection", "collection"), 2: ("rights", "rights"), 3: ("contact", "contact")}


def test_a_typed_section_number_becomes_a_link_with_the_same_words() -> None:
    text, notes = _linked("您享有的权利见本政策第2条。\n\n1. 如有疑问，请按第3条所列方式联系我们。\n\nSee Article 2 of this policy.")
    assert text == ("您享有的权利见本政策[第2条](#rights)。\n\n1. 如有疑问，请按[第3条](#contact)所列方式联系我们。\n\n"
                    "See [Article 2](#rights) of this policy.")
    assert [n.where for n in notes] == ["docs/zh/sections/x.md:1", "docs/zh/sections/x.md:3", "docs/zh/sections/x.md:5"]


def test_what_the_gate_must_still_judge_stays_typed() -> None:
    """A law's article, a heading's own number, a number beyond the sections, and a contact reference to a
    section that is not “contact us” (the gate reports that one as a wrong reference)."""
    text = ("依据《个人信息保护法》第13条处理。\n\n## 第二部分 说明\n\n第一部分 我们的承诺\n\n详见第9条。\n\n"
            "如需联系我们，请见第1条。\n\nUnder Article 13 of the Personal Information Protection Law.")
    assert _linked(text) == (text, [])
