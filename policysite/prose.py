"""Documents written like the policy: children's rules and terms, as Markdown sections per language.

A prose document lists its sections in data/site.yml (`sections: [...]`, in order, each an id
or `{id: …, role: …}`); each is the file docs/<lang>/<id>/sections/<section>.md. The folder is
named `sections/` on purpose: mkdocs.yml's `exclude_docs: sections/` (a pattern that matches at
any depth) keeps these files from being published as stray pages, in every fork as it stands.

The files are read, their headings parsed and their placeholders filled by the policy's own code
(policysite.load, placeholders, assemble), with the policy's facts (company, contact, dates) plus
the document's own `document.id`/`document.title` and its own `{{ contents }}`; the same rules of
the gate then judge them, as a policy whose sections are the document's (`as_policy`), by the
profile of the document's kind (policysite.rules.profiles).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from . import placeholders
from .assemble import assemble_page, contents_list
from .documents import PROSE_KINDS, Document, read_documents
from .findings import Finding
from .load import read_section_files
from .model import UNNUMBERED_ROLES, Language, Policy, Section, SectionText

SECTIONS_DIR = "sections"


@dataclass
class Prose:
    """One prose document as read and filled: its sections, its texts per (language, section), its pages."""

    document: Document
    sections: list[Section]
    texts: dict[tuple[str, str], SectionText] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # language → assembled Markdown, `# title` first
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)


def folder(document: Document, language: str) -> str:
    """Where a prose document's section files live, relative to docs/."""
    return f"{language}/{document.id}/{SECTIONS_DIR}"


def sections_of(document: Document) -> list[Section]:
    sections, number = [], 0
    for section_id, role in document.sections:
        numbered = role not in UNNUMBERED_ROLES
        number += numbered
        sections.append(Section(id=section_id, role=role, number=number if numbered else None))
    return sections


def prose_documents(policy: Policy) -> list[Document]:
    documents, findings = read_documents(policy.data, [language.code for language in policy.languages])
    return [] if findings else [document for document in documents if document.kind in PROSE_KINDS]


def load_prose(policy: Policy) -> tuple[dict[str, Prose], list[Finding]]:
    """Every prose document of the site, read and filled; findings name each file and the fix."""
    found: dict[str, Prose] = {}
    findings: list[Finding] = []
    for document in prose_documents(policy):
        prose = Prose(document, sections_of(document))
        problems: list[Finding] = []
        for language in policy.languages:
            problems += _read_language(policy, prose, language)
        if not problems:
            for language in policy.languages:
                problems += _fill_language(policy, prose, language)
        findings += problems
        found[document.id] = prose
    return found, findings


def prose_files(policy: Policy) -> list[str]:
    """Every section file of the prose documents, relative to docs/ (what mkdocs.yml must leave out)."""
    return [f"{folder(prose.document, code)}/{section.id}.md" for prose in policy.prose.values()
            for code in (language.code for language in policy.languages) for section in prose.sections]


def as_policy(policy: Policy, prose: Prose) -> Policy:
    """The policy seen through one prose document: its sections and texts, for the rules of the gate."""
    return replace(policy, sections=prose.sections, texts=prose.texts, pages=prose.pages,
                   contexts=prose.contexts or policy.contexts, kind=prose.document.kind)


def _read_language(policy: Policy, prose: Prose, language: Language) -> list[Finding]:
    findings: list[Finding] = []
    document = prose.document
    where = policy.docs_dir / folder(document, language.code)
    findings += read_section_files(policy, prose.sections, language, where, prose.texts, document.id)
    return findings


def _fill_language(policy: Policy, prose: Prose, language: Language) -> list[Finding]:
    """The policy's filling (load._fill_language) with the document's own title and contents list."""
    findings: list[Finding] = []
    document, code = prose.document, language.code
    context = dict(policy.contexts.get(code, {}))
    context["document"] = {"id": document.id, "title": document.titles[code]}
    texts = [prose.texts[(code, section.id)] for section in prose.sections]
    titles: dict[str, str] = {}
    for text in texts:
        if text.title is not None:
            problems = placeholders.check_references(text.title, context, path=text.path,
                                                     line_offset=text.heading_line - 1)
            findings += problems
            titles[text.section.id] = (text.title if problems else
                                       placeholders.render(text.title, context, path=text.path)[0])
    if findings:
        return findings
    context["contents"] = contents_list(prose.sections, titles, code, policy.data_dir)
    for text in texts:
        problems = placeholders.check_references(text.source, context, path=text.path)
        if not problems:
            rendered, problems = placeholders.render(text.source, context, path=text.path)
        findings += problems
        if problems:
            continue
        lines = rendered.splitlines()
        if text.heading_line:
            text.title = titles[text.section.id]
            lines = lines[text.heading_line:]
        text.rendered = "\n".join(lines)
    if not findings:
        prose.contexts[code] = context
        prose.pages[code] = assemble_page(document.titles[code], texts, code, policy.data_dir)
    return findings
