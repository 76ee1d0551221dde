"""Load and judge the whole policy — every language, section and data file — in one pass."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path
from typing import Any
from collections.abc import Callable

from . import placeholders
from .assemble import assemble_page, contents_list, inventory_table
from .data import DataSet, load_data
from .dates import DateSource, LocalDate, last_commit_date
from .findings import Finding, PolicyError
from .localized import resolve
from .model import UNNUMBERED_ROLES, Language, Policy, Section, SectionText
from .yamlfile import inside

_H1 = re.compile(r"^#\s+(\S.*?)\s*#*\s*$")

DateLookup = Callable[[Path, list[str]], DateSource | None]


def load_policy(root: Path, *, docs: str = "docs", data: str = "data",
                commit_date: DateLookup = last_commit_date) -> Policy:
    """Everything the site needs, or PolicyError with every finding."""
    root = root.resolve()
    dataset, findings = load_data(root / data, root)
    if findings and not _texts_readable(dataset, findings):
        raise PolicyError(findings)
    policy_data = dataset["policy"]
    languages = [Language(code=l["code"], name=str(l["name"]), locale=str(l["locale"]),
                          hreflang=str(l["hreflang"]), default=l["code"] == policy_data["default_language"])
                 for l in policy_data["languages"]]
    sections = _sections(policy_data["sections"])
    updated, date_findings = _updated(root, dataset, [docs, data], commit_date)
    findings += date_findings
    effective = policy_data.get("effective")
    policy = Policy(root=root, docs_dir=root / docs, data=dataset, languages=languages, sections=sections,
                    effective=effective if isinstance(effective, dt.date) else None,  # type: ignore[arg-type]
                    updated=updated, data_dir=root / data)  # type: ignore[arg-type]
    findings += _links_outside(policy)
    for language in languages:
        findings += _read_language(policy, language)
    if findings:
        raise PolicyError(findings, policy=policy)
    for language in languages:
        findings += _fill_language(policy, language)
    if findings:
        raise PolicyError(findings, policy=policy)
    return policy


def _texts_readable(dataset: DataSet, findings: list[Finding]) -> bool:
    """Whether the section files can still be read and judged although data/ has findings.

    A fact missing from data (an imported policy that never stated its e-mail or effective
    date) must not hide every text finding: the texts are read and the rules run on them as
    long as data/policy.yml says which languages and sections there are.
    """
    document = dataset.documents.get("policy")
    if document is None or not isinstance(document.value, dict):
        return False
    structural = ("`languages", "`sections", "`default_language", "`` ", "`id`")
    for finding in findings:
        if finding.rule != "data.schema" or finding.line == 0:
            return False
        if finding.path == document.path and finding.problem.startswith(structural):
            return False
    return True


def _sections(entries: list[dict[str, Any]]) -> list[Section]:
    sections, number = [], 0
    for entry in entries:
        roles = tuple(entry["roles"]) if entry.get("roles") else (entry["role"],)
        numbered = roles[0] not in UNNUMBERED_ROLES
        number += numbered
        sections.append(Section(id=entry["id"], role=roles[0], number=number if numbered else None, roles=roles))
    return sections


def _updated(root: Path, dataset: DataSet, paths: list[str],
             commit_date: DateLookup) -> tuple[DateSource | None, list[Finding]]:
    value = dataset["policy"].get("updated")
    if isinstance(value, dt.date):
        return DateSource(value, "from data/policy.yml"), []
    if value is not None:  # not a date: data.schema reports it; the texts are still judged without it
        return None, []
    found = commit_date(root, paths)
    if found is not None:
        return found, []
    # Point at `updated:` when it is there but empty, else beside `effective:` where it belongs.
    key = "updated" if "updated" in dataset["policy"] else "effective"
    path, line = dataset.where("policy", key)
    return None, [Finding(path, line, "date.updated-unset",
                          "the “last updated” date is not set and there is no git history to take it from",
                          "add `updated: YYYY-MM-DD` to data/policy.yml")]


def _display(policy: Policy, path: Path) -> str:
    return path.relative_to(policy.root).as_posix()


def _read_language(policy: Policy, language: Language) -> list[Finding]:
    findings: list[Finding] = []
    folder = policy.docs_dir / language.code
    index = folder / "index.md"
    if not index.is_file():
        findings.append(Finding(_display(policy, index), 0, "page.missing",
                                f"the {language.name} page file is missing",
                                "create it with front matter `title:`; the build fills it from sections/"))
    findings += read_section_files(policy, policy.sections, language, folder / "sections", policy.texts)
    return findings


def read_section_files(policy: Policy, sections: list[Section], language: Language, folder: Path,
                       texts: dict[tuple[str, str], SectionText], document: str | None = None) -> list[Finding]:
    """Each declared section's file in ``folder`` read into ``texts``; a missing or undeclared file is a finding.

    ``document`` is the id of the document the sections make (children's rules, terms: policysite.prose),
    None for the policy: the findings say where the sections are declared.
    """
    findings: list[Finding] = []
    for section in sections:
        path = folder / f"{section.id}.md"
        shown = _display(policy, path)
        if not path.exists() and not path.is_symlink():
            whose = f"section `{section.id}`" + (f" of document `{document}`" if document else "")
            also = f" (or remove `{section.id}` from its `sections:` in data/site.yml)" if document else ""
            findings.append(Finding(shown, 0, "section.missing", f"{whose} has no {language.name} text",
                                    f"write {shown}, translating the section from the default language{also}"))
            continue
        if not at_home(policy, path):
            continue  # reported once for every link under docs/ (_links_outside)
        source, problems = read_section(path, shown)
        findings += problems
        if source is None:
            continue
        text, problems = parse_heading(section, language.code, shown, source)
        findings += problems
        texts[(language.code, section.id)] = text
    declared = {section.id for section in sections}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.stem in declared:
            continue
        if document is None:
            problem = "this section file is not listed in data/policy.yml, so it would not be published"
            fix = f"add `- {{id: {path.stem}, role: …}}` under sections in data/policy.yml, or delete the file"
        else:
            problem = (f"this section file is not listed under document `{document}` in data/site.yml, so it "
                       "would not be published")
            fix = f"add `{path.stem}` to the `sections:` of `{document}` in data/site.yml, or delete the file"
        findings.append(Finding(_display(policy, path), 0, "section.undeclared", problem, fix))
    return findings


# No section of any real policy comes near this; a larger file is a mistake (a pasted export, a log).
MAX_SECTION_BYTES = 2_000_000


def read_section(path: Path, shown: str) -> tuple[str | None, list[Finding]]:
    """The section's text, or the finding that says why it cannot be read."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            return None, [Finding(shown, 1, "section.not-a-file", "this is a folder where a section file belongs",
                                  f"replace the folder with the Markdown file {shown}")]
        if not stat.S_ISREG(mode):  # a pipe or device would block or stream forever when read
            return None, [Finding(shown, 1, "section.not-a-file", "this is not a regular file (a pipe, socket or device)",
                                  f"replace it with the Markdown file {shown}")]
        size = path.stat().st_size
        if size > MAX_SECTION_BYTES:
            return None, [Finding(shown, 1, "section.too-large",
                                  f"the file is {size:,} bytes, more than any section of a policy ({MAX_SECTION_BYTES:,})",
                                  "keep one section of the policy per file; move anything else out of docs/")]
        with open(path, "rb") as handle:
            raw = handle.read(MAX_SECTION_BYTES + 1)  # bounded even if the file grew since stat()
    except OSError as error:
        return None, [Finding(shown, 1, "section.unreadable", f"the file cannot be read ({error.strerror})",
                              "check that the file exists and that you may read it (a link must point to a file)")]
    if b"\x00" in raw:
        return None, [Finding(shown, 1, "section.encoding", "this is a binary file, not Markdown text",
                              "replace it with the section's Markdown text, saved as UTF-8")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        return None, [Finding(shown, 1, "section.encoding", "the file is not UTF-8", "save it as UTF-8 text")]


def at_home(policy: Policy, path: Path) -> bool:
    """Inside the project, or inside the docs folder a caller named (a link is judged, not the path passed)."""
    homes = [policy.root] + ([policy.docs_dir.resolve()] if not policy.docs_dir.is_symlink() else [])
    return any(inside(path, home) for home in homes)


def _links_outside(policy: Policy) -> list[Finding]:
    """Every file or folder under docs/ that a symbolic link takes outside the project.

    MkDocs follows links and would publish what they point at (a section, or any
    file it copies as is), so a link to /etc/passwd would be on the site. Links
    that stay inside are followed here too (each folder once, so a loop ends),
    since a link inside them could lead out.
    """
    findings: list[Finding] = []
    seen: set[str] = set()
    pending = [policy.docs_dir]
    while pending:
        path = pending.pop()
        if path.is_symlink() and not at_home(policy, path):
            what = "folder" if path.is_dir() else "file"
            findings.append(Finding(_display(policy, path), 1, "section.outside",
                                    f"this {what} is a link to a {what} outside the project, which would be published",
                                    "replace the link with the file itself, kept inside the project"))
            continue
        real = os.path.realpath(path)
        if real in seen or not path.is_dir():
            continue
        seen.add(real)
        try:
            pending += sorted(path.iterdir(), reverse=True)
        except OSError:
            continue  # an unreadable folder: the sections in it are reported when they are read
    return findings


def parse_heading(section: Section, language: str, path: str, source: str) -> tuple[SectionText, list[Finding]]:
    findings = []
    lines = source.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    title, heading_line = None, 0
    match = _H1.match(lines[first]) if first is not None else None
    if section.role == "intro":
        if match:
            findings.append(Finding(path, (first or 0) + 1, "section.heading",
                                    "the introduction has a `#` heading; the page title already comes from data",
                                    "delete this heading line"))
    elif match is None:
        findings.append(Finding(path, (first or 0) + 1, "section.heading",
                                "the section does not start with its `# Title` heading",
                                "make the first line `# ` followed by the section title"))
    else:
        title, heading_line = match.group(1), (first or 0) + 1
    for number, line in enumerate(lines, start=1):
        if number != heading_line and _H1.match(line):
            findings.append(Finding(path, number, "section.heading",
                                    "a second `#` heading would start a new page title",
                                    "use `##` for sub-sections"))
    return SectionText(section=section, language=language, path=path, source=source,
                       title=title, heading_line=heading_line), findings


def _context(policy: Policy, language: Language) -> dict[str, Any]:
    codes = [l.code for l in policy.languages]
    data = policy.data
    policy_data = data["policy"]
    return {
        "company": resolve(data["company"], language.code, codes),
        "contact": resolve(data["contact"], language.code, codes),
        "policy": {
            "id": policy_data["id"],
            "title": resolve(policy_data["title"], language.code, codes),
            "version": policy_data["version"],
            "effective": LocalDate(policy.effective, language.locale),
            "updated": LocalDate(policy.updated.date, language.locale),
        },
        "language": language.code,
    }


def _fill_language(policy: Policy, language: Language) -> list[Finding]:
    findings: list[Finding] = []
    context = _context(policy, language)
    codes = [l.code for l in policy.languages]
    inventory = policy.data.get("inventory")
    context["inventory"] = inventory_table(resolve(inventory, language.code, codes) if inventory else None)
    texts = [policy.text(language.code, s.id) for s in policy.sections]
    titles = {}
    for text in texts:
        if text.title is not None:
            problems = placeholders.check_references(text.title, context, path=text.path,
                                                     line_offset=text.heading_line - 1)
            findings += problems
            titles[text.section.id] = text.title if problems else placeholders.render(text.title, context, path=text.path)[0]
    if findings:
        return findings
    context["contents"] = contents_list(policy.sections, titles, language.code, policy.data_dir)
    for text in texts:
        problems = placeholders.check_references(text.source, context, path=text.path)
        findings += problems
        if problems:
            continue
        rendered, problems = placeholders.render(text.source, context, path=text.path)
        findings += problems
        lines = rendered.splitlines()
        if text.heading_line:
            text.title = titles[text.section.id]
            lines = lines[text.heading_line:]
        text.rendered = "\n".join(lines)
    if not findings:
        policy.contexts[language.code] = context
        policy.pages[language.code] = assemble_page(context["policy"]["title"], texts, language.code, policy.data_dir)
    return findings
