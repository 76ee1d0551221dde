"""Typed section numbers → links: `详见第11条` becomes `详见[第11条](#contact)`, the words unchanged.

A policy written in Word refers to its own sections by number. Imported as typed text, each such
number is one more thing to keep right by hand (the gate warns about it, `consistency.section-number`);
as a link to the section's anchor it follows the section and the build checks it. Only a number the
gate would accept is linked: one that names a section, in a sentence that does not send the reader
to the wrong place (a contact reference to a section that is not “contact us” stays typed, so that
the gate reports it).
"""

from __future__ import annotations

import re

from ..model import UNNUMBERED_ROLES
from ..numerals import number_value
from ..rules.consistency import (_CONTACT_WORDS, _EN_SECTION_REF, _LAW_BEFORE, _ROMAN, _ZH_SECTION_REF,
                                 sentence_at)
from .model import Note

_LEAD = re.compile(r"^\s*(?:[-*]|\d{1,3}\.)?\s*")  # a list item's marker: what follows opens the line
_LINK_OR_PLACEHOLDER = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)|\{\{.*?\}\}")


def numbered_sections(sections: list[tuple[str, list[str]]]) -> dict[int, tuple[str, str]]:
    """Section number → (id, role), numbered as the build numbers them."""
    numbers, number = {}, 0
    for section_id, roles in sections:
        if roles[0] not in UNNUMBERED_ROLES:
            number += 1
            numbers[number] = (section_id, roles[0])
    return numbers


def link_references(markdown: str, numbered: dict[int, tuple[str, str]], where: str, notes: list[Note]) -> str:
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.lstrip().startswith(("#", "|")):
            continue  # a heading's own number, a table cell
        lines[index] = _link_line(line, numbered, f"{where}:{index + 1}", notes)
    return "\n".join(lines)


def _link_line(line: str, numbered: dict[int, tuple[str, str]], where: str, notes: list[Note]) -> str:
    taken = [m.span() for m in _LINK_OR_PLACEHOLDER.finditer(line)]
    start = _LEAD.match(line).end()  # type: ignore[union-attr]
    found: list[tuple[int, int, int]] = []
    for match in _ZH_SECTION_REF.finditer(line):
        if _LAW_BEFORE.search(line[max(0, match.start() - 12):match.start()].rstrip()):
            continue
        value = number_value(match.group(1))
        if value is not None:
            found.append((match.start(), match.end(), value))
    for match in _EN_SECTION_REF.finditer(line):
        around = line[max(0, match.start() - 40):match.end() + 60]
        if re.search(r"\bLaw\b|\bAct\b|\bRegulations?\b|\bMeasures\b", around):
            continue
        raw = match.group(2)
        value = int(raw) if raw.isdigit() else _ROMAN.get(raw)
        if value is not None:
            found.append((match.start(), match.end(), value))
    for begin, end, value in sorted(found, reverse=True):  # from the right: earlier offsets stay valid
        target = numbered.get(value)
        if target is None or not line[start:begin].strip() or any(a <= begin < b for a, b in taken):
            continue  # names no section, opens its line (a heading's number), or is inside a link already
        if _CONTACT_WORDS.search(sentence_at(line, begin)) and target[1] != "contact":
            continue  # sends the reader to the wrong section: left for the gate to report
        text = line[begin:end]
        line = f"{line[:begin]}[{text}](#{target[0]}){line[end:]}"
        notes.append(Note("structure", where, f"the section number `{text}` became a link to section `{target[0]}`"))
    return line
