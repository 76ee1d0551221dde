"""From the sources read to the project's files, in memory: nothing is written until all of it is ready."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .facts import find_facts
from .model import Note, Source
from .references import link_references, numbered_sections
from .roleguess import guess_roles
from .structure import Part, Structure, marker, split
from .tables import inventory_columns, markdown_table, regular_rows

LANGUAGES: dict[str, dict[str, str]] = {
    "zh": {"name": "简体中文", "locale": "zh_Hans_CN", "hreflang": "zh-CN"},
    "en": {"name": "English", "locale": "en", "hreflang": "en"},
    "ja": {"name": "日本語", "locale": "ja", "hreflang": "ja"},
    "ko": {"name": "한국어", "locale": "ko", "hreflang": "ko"},
    "de": {"name": "Deutsch", "locale": "de", "hreflang": "de"},
    "fr": {"name": "Français", "locale": "fr", "hreflang": "fr"},
    "es": {"name": "Español", "locale": "es", "hreflang": "es"},
}
DEFAULT_TITLES = {"zh": "隐私政策", "en": "Privacy Policy"}


@dataclass
class SectionPlan:
    id: str
    roles: list[str]
    parts: dict[str, Part] = field(default_factory=dict)  # language → part


@dataclass
class Plan:
    files: dict[str, str]  # project-relative path → content
    languages: list[str]
    default: str
    sections: list[SectionPlan]
    notes: dict[str, list[Note]]  # language → notes
    changes: int
    titles: dict[str, str] = field(default_factory=dict)  # language → the policy's title


def language_entry(code: str) -> dict[str, str]:
    known = LANGUAGES.get(code, {"name": code, "locale": code, "hreflang": code})
    return {"code": code, **known}


def make_plan(sources: list[Source], default: str) -> Plan:
    structures = {s.language: split(s) for s in sources}
    languages = [s.language for s in sources]
    sections = _align(structures, default, {s.language: s for s in sources})
    paras = {language: [p for part in structures[language].parts for p in part.paras] for language in languages}
    facts = find_facts(paras, default)
    inventory, inventory_notes = _inventory(structures, languages, default)
    files: dict[str, str] = {}
    titles: dict[str, str] = {}
    numbered = numbered_sections([(section.id, section.roles) for section in sections])
    for section in sections:
        for language, part in section.parts.items():
            path = f"docs/{language}/sections/{section.id}.md"
            source_notes = {s.language: s for s in sources}[language].notes
            files[path] = link_references(_section_markdown(part, inventory is not None, source_notes), numbered, path,
                                          source_notes)
    for language in languages:
        title = structures[language].title or _title_from_text(structures[language]) or DEFAULT_TITLES.get(language, "Privacy Policy")
        titles[language] = title
        files[f"docs/{language}/index.md"] = (
            f"---\ntitle: {_yaml_scalar(title)}\n---\n<!-- This page is assembled by the build from sections/ in the order "
            "of data/policy.yml; editors edit sections/*.md, not this file. -->\n")
    files["data/company.yml"] = _yaml("# Facts about the company that publishes the policy, found in the imported text.\n"
                                      "# Edit here, never in docs/. Missing keys were not stated in the source.\n",
                                      facts.company, ("legal_name", "address", "domains"))
    files["data/contact.yml"] = _yaml("# How readers reach the company, found in the imported text.\n", facts.contact,
                                      ("email", "response_days"))
    title_value: Any = titles[default] if len(languages) == 1 else {l: titles[l] for l in languages}
    policy: dict[str, Any] = {"id": _policy_id(facts.company, titles), "title": title_value, "version": 1}
    policy.update({key: facts.dates[key] for key in ("effective", "updated") if key in facts.dates})
    policy["default_language"] = default
    policy["languages"] = [language_entry(code) for code in languages]
    policy["sections"] = [{"id": s.id, "role": s.roles[0]} if len(s.roles) == 1 else {"id": s.id, "roles": s.roles}
                          for s in sections]
    files["data/policy.yml"] = _yaml("# The policy as imported: identity, languages, dates and the order of its sections.\n"
                                     "# `role`/`roles` say what each section discloses (policysite/roles.py).\n", policy)
    if inventory is not None:
        files["data/inventory.yml"] = _yaml("# The collection inventory, from the table in the imported text.\n"
                                            "# Rendered by the build where a section says {{ inventory }}.\n", inventory)
    notes = {s.language: s.notes + [n for n in inventory_notes if n.where.startswith(s.language)] for s in sources}
    notes[default] = notes[default] + facts.notes
    changes = sum(s.changes for s in sources)
    plan = Plan(files=files, languages=languages, default=default, sections=sections, notes=notes, changes=changes,
                titles=titles)
    files["REVIEW-NOTES.md"] = review_notes(plan, sources, structures)
    return plan


def _align(structures: dict[str, Structure], default: str, sources: dict[str, Source]) -> list[SectionPlan]:
    """Sections of the default language, matched in order in every other language."""
    plans: list[SectionPlan] = []
    used: set[str] = set()
    base = structures[default]
    for part in base.parts:
        if part.heading is None:
            roles = ["intro"]
        elif part.appendix:
            roles = ["appendix"]
        else:
            body = " ".join(p.text for p in part.paras[:3])
            roles = guess_roles(part.heading.title, body)
        plans.append(SectionPlan(id=_section_id(roles, part, used), roles=roles, parts={default: part}))
    for language, structure in structures.items():
        if language == default:
            continue
        numbered = [p for p in structure.parts if p.heading is not None and not p.appendix]
        targets = [s for s in plans if s.roles[0] not in ("intro", "appendix")]
        plans[0].parts[language] = structure.parts[0]
        for plan, part in zip(targets, numbered):
            plan.parts[language] = part
            assert part.heading is not None  # numbered holds the parts with a heading
            other = guess_roles(part.heading.title)
            if other != plan.roles and other != ["other"]:
                sources[language].notes.append(Note("structure", "—", f"section `{plan.id}`: the {language} title "
                                                    f"`{part.heading.title}` reads as {', '.join(other)}; the roles "
                                                    f"follow the {default} text ({', '.join(plan.roles)})"))
        for part in numbered[len(targets):]:
            assert part.heading is not None
            roles = guess_roles(part.heading.title)
            plans.append(SectionPlan(id=_section_id(roles, part, used), roles=roles, parts={language: part}))
        appendix = next((p for p in structure.parts if p.appendix), None)
        target = next((s for s in plans if s.roles == ["appendix"]), None)
        if appendix is not None and target is not None:
            target.parts[language] = appendix
        elif appendix is not None:
            plans.append(SectionPlan(id=_section_id(["appendix"], appendix, used), roles=["appendix"],
                                     parts={language: appendix}))
    return plans


def _section_id(roles: list[str], part: Part, used: set[str]) -> str:
    base = roles[0] if roles[0] != "other" else _slug(part.heading.title if part.heading else "") or "section"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:5])


def _title_from_text(structure: Structure) -> str | None:
    """本隐私政策 → 隐私政策: the policy's name as the text calls itself."""
    counts: dict[str, int] = {}
    for part in structure.parts:
        for para in part.paras:
            for match in re.finditer(r"本((?:[\u4e00-\u9fff]{0,4})(?:政策|声明|指引))", para.text):
                counts[match.group(1)] = counts.get(match.group(1), 0) + 1
            for match in re.finditer(r"\b[Tt]his ((?:[A-Z][a-z]+ ){1,3}(?:Policy|Notice|Statement))", para.text):
                counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _policy_id(company: dict[str, Any], titles: dict[str, str]) -> str:
    domains = company.get("domains") or []
    owner = domains[0].split(".")[0] if domains else "company"
    english = titles.get("en") or ""
    kind = _slug(english.replace("Policy", "")) or "privacy-policy"
    return f"{owner}-{kind}"[:60].strip("-")


def _yaml_scalar(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip().removesuffix("\n...").strip()


def _yaml(header: str, value: dict[str, Any], required: tuple[str, ...] = ()) -> str:
    """YAML under a comment header; required keys the source did not state are left blank for the owner."""
    text = header + (yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000) if value else "")
    blank = [key for key in required if key not in value]
    if blank:
        text += "# Not stated in the source: fill in (the gate reports them until then).\n"
        text += "".join(f"{key}:\n" for key in blank)
    return text


def _inventory(structures: dict[str, Structure], languages: list[str], default: str) -> tuple[dict[str, Any] | None, list[Note]]:
    """The first table whose header reads as a collection inventory, in the default language."""
    notes: list[Note] = []
    for part in structures[default].parts:
        for para in part.paras:
            if not para.table or len(para.table) < 2:
                continue
            header = para.table[0]
            keys = inventory_columns(header)
            if keys is None:
                continue
            rows, done = regular_rows(para.table[1:], len(header))
            notes += [Note("table", f"{default} {para.where}", f"inventory table, {text}") for text in done]
            # One value per cell: a language without the table has nothing to say for it, and
            # {zh: …} alone would fail every cell; the notes ask for the translations instead.
            single = len(languages) == 1
            columns = dict(zip(keys, header))
            data_rows = [dict(zip(keys, row)) for row in rows]
            para.text = "{{ inventory }}"
            para.table = None
            notes.append(Note("table", f"{default} {para.where}", "the collection inventory table is now "
                              "data/inventory.yml, shown where the section says {{ inventory }}"
                              + ("" if single else f"; its cells are in {default} only: give each cell per language "
                                 f"(`{{{default}: …, {', '.join(l + ': …' for l in languages if l != default)}}}`) "
                                 "before another language shows the table")))
            return {"columns": columns, "rows": data_rows}, notes
    return None, notes


def escape(text: str) -> str:
    """Keep the words as they are, but stop Markdown, HTML or a placeholder from reading them as syntax."""
    text = re.sub(r"<(?=[A-Za-z!/?])", "&lt;", text)
    text = re.sub(r"\{(?=[{%#])", "{{ '{' }}", text) if "{{ " not in text else text
    if re.match(r"^(#|>|=+$|\+\s)", text):
        text = "\\" + text
    return text


# Arabic-numbered paragraphs become Markdown ordered lists (the numbers stay the same); paragraphs
# numbered (一)/一、 keep their numbers as written, which Markdown lists cannot show.
LIST_KINDS = ("num-dun", "num-dot", "paren-num-full", "paren-num-half", "bullet")


def _section_markdown(part: Part, has_inventory: bool, notes: list[Note]) -> str:
    """The section file: `# Title`, `## ` sub-sections, numbered paragraphs as (nested) Markdown lists."""
    blocks: list[str] = []
    if part.heading is not None:
        blocks.append(f"# {escape(part.heading.title)}")
    stack: list[str] = []  # list kinds open, outermost first
    numbers: dict[str, int] = {}  # the last number written for each open list kind
    in_list = False  # the last block is a list
    loose = False  # the open list holds a paragraph of its own: its items are separated by blank lines
    sub_number = 0
    for index, para in enumerate(part.paras):
        if part.contents_at == index:
            blocks.append("{{ contents }}")
            stack, in_list, loose = [], False, False
        if para.table:
            blocks.append(markdown_table(para.table))
            stack, in_list, loose = [], False, False
            continue
        text = para.text if "{{" in para.text else escape(para.text)
        if index in part.subheadings:
            stack, in_list, loose = [], False, False
            sub_number += 1
            item = marker(para.text)
            if item is not None and item[0] in ("bullet", "dotted"):
                # Written as a bullet (or "1.7"): numbered like the other sub-sections, so languages match.
                text = f"({sub_number}) {escape(item[3].strip())}"
                notes.append(Note("structure", para.where, f"the sub-section marker of `{para.text}` became `({sub_number})`"))
            blocks.append(f"## {text}")
            continue
        item = marker(para.text)
        if item is None or item[0] not in LIST_KINDS or "{{" in item[2]:
            if in_list and stack and _list_goes_on(part, index, stack, numbers):
                # `3、…`, a paragraph, `4、…`: the paragraph belongs to item 3, so the list keeps its numbers.
                blocks[-1] += "\n\n" + "    " * len(stack) + text
                loose = True
                continue
            stack, in_list, loose = [], False, False
            blocks.append(text)
            continue
        kind, number = item[0], item[1]
        if kind in stack:
            del stack[stack.index(kind) + 1:]
        elif number == 1 or kind == "bullet":
            stack.append(kind)
        else:
            stack, in_list, loose = [], False, False
            blocks.append(text)
            continue
        level = len(stack) - 1
        if number is not None:
            numbers[kind] = number
        body = escape(item[3].strip()) if "{{" not in item[3] else item[3].strip()
        bullet = "-" if kind == "bullet" else f"{number}."
        if kind != "bullet":
            notes.append(Note("list", para.where, f"the list marker `{item[2].strip()}` became a Markdown list item"))
        line = "    " * level + f"{bullet} {body}"
        if in_list:  # one list: items on consecutive lines, nested ones indented
            blocks[-1] += ("\n\n" if loose else "\n") + line
        else:
            blocks.append(line)
        in_list = True
    if part.contents_at is not None and part.contents_at >= len(part.paras):
        blocks.append("{{ contents }}")
    return "\n\n".join(blocks) + "\n"


def _list_goes_on(part: Part, index: int, stack: list[str], numbers: dict[str, int]) -> bool:
    """Whether the list open before paragraph ``index`` continues after it with its next number."""
    nested: set[str] = set()  # lists opened inside the item meanwhile
    for at in range(index + 1, min(len(part.paras), index + 20)):
        following = part.paras[at]
        if following.table or at in part.subheadings:
            return False
        item = marker(following.text)
        if item is None or item[0] not in LIST_KINDS or item[0] in nested:
            continue  # another paragraph of the same item, or an item of a list inside it
        if item[0] in stack and item[0] != "bullet":
            return item[1] == numbers.get(item[0], 0) + 1
        if item[1] != 1 and item[0] != "bullet":
            return False
        nested.add(item[0])
    return False


def review_notes(plan: Plan, sources: list[Source], structures: dict[str, Structure]) -> str:
    lines = ["# Review notes (not published)", "",
             "For counsel and the compliance owner. This file is not part of the site. It was written by "
             "`python -m policysite import`: everything taken out of the source texts is listed here with its "
             "place in the source, so that nothing is lost.", ""]
    lines += ["## Sources", ""]
    for source in sources:
        lines.append(f"- `{source.language}`: `{source.path}` (read as {source.format})")
    lines += ["", "## Sections", "",
              "Each section of the source, the file it became and the roles it was given (check them: the disclosure "
              "checks find sections by role). Heading numbers were removed, since the build numbers the sections.", ""]
    for section in plan.sections:
        for language, part in section.parts.items():
            heading = part.heading
            shown = "the text before the first heading" if heading is None else f"`{heading.number_text}{heading.title}`"
            lines.append(f"- `{section.id}` ({', '.join(section.roles)}), {language}: {shown} → "
                         f"`docs/{language}/sections/{section.id}.md`")
    missing = [(s.id, l) for s in plan.sections for l in plan.languages if l not in s.parts]
    for section_id, language in missing:
        lines.append(f"- `{section_id}` has no {language} text in the source: write "
                     f"`docs/{language}/sections/{section_id}.md` (the gate reports it until then)")
    titles = {"comment": "Comments (kept verbatim, with the text they are anchored to)",
              "change": "Tracked changes", "fact": "Facts moved to data/", "fact-left": "Facts left in the text",
              "structure": "Structure to check", "toc": "Typed table of contents (replaced by {{ contents }})",
              "title": "Title lines", "table": "Tables", "list": "List markers", "debris": "Word debris removed"}
    for kind, kind_title in titles.items():
        entries = [(language, note) for language in plan.languages for note in plan.notes.get(language, [])
                   if note.kind == kind]
        if not entries:
            continue
        lines += ["", f"## {kind_title}", ""]
        for language, note in entries:
            first, *rest = note.text.split("\n")
            body = "\n".join([first] + [("  " + line) if line else "" for line in rest])  # stays in the list item
            if kind == "fact-left":
                lines.append(f"- {body}")
            elif kind == "fact":
                lines.append(f"- {note.where}: {body}")  # the places name their language
            else:
                lines.append(f"- {language}, {note.where}: {body}")
    return "\n".join(lines) + "\n"
