"""Whether each of the site's other documents (the lists, children's rules, terms) shows its released text.

The privacy policy's text must be a released version byte for byte before `make publish`
(policysite.archive.stage: `archive.unreleased`). The same holds for every other document that
has released versions: its text as docs/ and data/ give it today (document_markdown, normalised
as `release_document` freezes it) must equal its latest release — the version in force, or the
one waiting for its date — in every language; otherwise publishing would show edited facts
under the released version's number. `make build` and `make serve` show the edits, with a note.

A document never released is published as it is (its pages say no version is in force), and
every build and `make check` print a `document.never-released` notice until it is.
"""

from __future__ import annotations

from .archive.documents import DocumentArchive
from .archive.frozen import FrozenText, normalise
from .archive.store import PolicyVersion
from .data import DataSet
from .document_pages import document_markdown
from .documents import DATA_FILE, Document
from .findings import Finding, Severity
from .model import Policy
from .prose import folder

# The data file each list renders (data/<name>.yml); the title comes from data/site.yml.
LIST_DATA = {"collection-list": "inventory", "third-party-list": "third_parties"}
QUOTE = 70  # characters of a changed line quoted in a finding


def mark_unreleased(policy: Policy) -> None:
    """Record on each document's archive the languages whose text today differs from its last release."""
    if policy.archive is None:
        return
    archives: dict[str, DocumentArchive] = policy.archive.documents
    for archive in archives.values():
        if not archive.versions:
            continue  # never released: nothing to match (`document.never-released` says so)
        latest = archive.versions[-1]
        archive.unreleased = [language.code for language in policy.languages
                              if _differs(policy, archive, latest.texts.get(language.code), language.code)]


def never_released_notices(data: DataSet, archives: dict[str, DocumentArchive]) -> list[Finding]:
    """One notice per document without any released version; never blocks a build."""
    findings = []
    for archive in archives.values():
        if archive.versions:
            continue
        document = archive.document
        path, line = _entry(data, document.id)
        findings.append(Finding(
            path, line, "document.never-released",
            f"{_name(document)} has no released version yet: it is published as it reads today (from "
            f"{_sources(data, document)}), its pages showing no version number or date",
            f"when the company has approved it, run `make release DOC={document.id} EFFECTIVE=YYYY-MM-DD` "
            "and commit what it names; from then on `make publish` holds it to the released text",
            Severity.NOTICE))
    return findings


def _unreleased(policy: Policy) -> list[tuple[DocumentArchive, PolicyVersion, str]]:
    """Each released document whose text differs from its last release: its archive, that release, and the names
    of the languages that differ."""
    if policy.archive is None:
        return []
    archives: dict[str, DocumentArchive] = policy.archive.documents
    return [(archive, archive.versions[-1], ", ".join(policy.language(code).name for code in archive.unreleased))
            for archive in archives.values() if archive.unreleased]


def unreleased_document_findings(policy: Policy) -> list[Finding]:
    """For publishing (`make publish`): each released document's text must be its last release, byte for byte."""
    findings = []
    for archive, latest, names in _unreleased(policy):
        document = archive.document
        path, line = _where(policy, archive)
        code = archive.unreleased[0]
        first = _first_change(policy, archive, code)
        problem = (f"the text of {_name(document)} in {names} differs from its version {latest.version} (effective "
                   f"{latest.effective}), the last release; publishing it would show unreleased changes under that "
                   f"version's number{first}")
        findings.append(Finding(
            path, line, "archive.unreleased", problem,
            f"run `make release DOC={document.id} EFFECTIVE=YYYY-MM-DD MATERIAL=yes|no` with a change summary per "
            f"language and commit what it names, or undo the unreleased edits in {_undo(policy, archive)}; "
            "`git diff` shows them"))
    return findings


def document_preview_notes(policy: Policy) -> list[str]:
    """One line per document for `make build` and `make check` when its text differs from its last release."""
    notes = []
    for archive, latest, names in _unreleased(policy):
        notes.append(f"Note: the text of {_name(archive.document)} in {names} differs from its version "
                     f"{latest.version} (effective {latest.effective}), the last release; this build shows the "
                     f"edits, and `make publish` refuses them until `make release DOC={archive.document.id}` "
                     "freezes them as a new version.")
    return notes


def _differs(policy: Policy, archive: DocumentArchive, released: FrozenText | None, code: str) -> bool:
    if released is None:
        return True  # a language the last release did not freeze
    return (released.title != archive.document.titles[code]
            or normalise(document_markdown(archive.document, policy, code)) != released.body)


def _name(document: Document) -> str:
    return f"document `{document.id}`"


def _entry(data: DataSet, document_id: str) -> tuple[str, int]:
    """data/site.yml at the document's entry."""
    entries = (data.get(DATA_FILE) or {}).get("documents") or []
    index = next((i for i, entry in enumerate(entries) if isinstance(entry, dict) and entry.get("id") == document_id), None)
    return data.where(DATA_FILE, "documents", index) if index is not None else data.where(DATA_FILE)


def _sources(data: DataSet, document: Document) -> str:
    name = LIST_DATA.get(document.kind)
    if name is not None and name in data.documents:
        return data.documents[name].path
    return f"its sections in docs/<language>/{document.id}/sections/"


def _where(policy: Policy, archive: DocumentArchive) -> tuple[str, int]:
    """Where the change most likely is: the line of the list's data file that holds the first changed cell,
    or the first line of a prose document's section file that its last release does not hold; the file's
    first line, or data/site.yml at the document's entry, when it cannot be told."""
    document = archive.document
    code = archive.unreleased[0]
    released = archive.versions[-1].texts.get(code)
    name = LIST_DATA.get(document.kind)
    if name is not None and name in policy.data.documents:
        path, line = policy.data.where(name)
        cell = _changed_cell(policy, archive, code)
        if cell:
            source = (policy.root / path).read_text(encoding="utf-8").splitlines()
            line = next((n for n, text in enumerate(source, 1) if cell in text), line)
        return path, line
    prose = policy.prose.get(document.id)
    if prose is not None:
        for section in prose.sections:
            text = prose.texts.get((code, section.id))
            if text is None or (released is not None and text.rendered.strip() in released.body):
                continue
            for number, raw in enumerate(text.source.splitlines(), 1):
                words = raw.lstrip("#").strip()
                if words and "{{" not in words and (released is None or words not in released.body):
                    return text.path, number
            return text.path, 1
    return _entry(policy.data, document.id)


def _changed_cell(policy: Policy, archive: DocumentArchive, code: str) -> str:
    """The first table cell (or line) of today's text that differs from the released one, unescaped."""
    released = archive.versions[-1].texts.get(code)
    if released is None:
        return ""
    old = released.body.splitlines()
    new = normalise(document_markdown(archive.document, policy, code)).splitlines()
    for index, after in enumerate(new):
        before = old[index] if index < len(old) else ""
        if before != after:
            cells, previous = after.strip("| ").split(" | "), before.strip("| ").split(" | ")
            changed = [c for i, c in enumerate(cells) if i >= len(previous) or previous[i] != c]
            return changed[0].replace("\\", "").strip() if changed else ""
    return ""


def _undo(policy: Policy, archive: DocumentArchive) -> str:
    document = archive.document
    name = LIST_DATA.get(document.kind)
    if name is not None and name in policy.data.documents:
        return f"{policy.data.documents[name].path} (or its title in data/site.yml)"
    docs = policy.docs_dir.relative_to(policy.root).as_posix() if policy.docs_dir.is_relative_to(policy.root) else "docs"
    folders = ", ".join(f"{docs}/{folder(document, code)}/" for code in archive.unreleased)
    return f"{folders} and the data/ facts they print"


def _first_change(policy: Policy, archive: DocumentArchive, code: str) -> str:
    """`; first change: released “…”, now “…”` in the first language that differs ("" when it cannot be told)."""
    released = archive.versions[-1].texts.get(code)
    if released is None:
        return f"; version {archive.versions[-1].version} has no {policy.language(code).name} text"
    old = released.body.splitlines()
    new = normalise(document_markdown(archive.document, policy, code)).splitlines()
    for index in range(max(len(old), len(new))):
        before = old[index] if index < len(old) else ""
        after = new[index] if index < len(new) else ""
        if before != after:
            start = _common_prefix(before, after)
            return (f"; first change, line {index + 1} of the text: released “{_cut(before, start)}”, "
                    f"now “{_cut(after, start)}”")
    return "; its title differs"


def _common_prefix(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def _cut(line: str, start: int) -> str:
    """About QUOTE characters of ``line`` from a little before ``start``, where the change begins."""
    begin = max(0, start - QUOTE // 3)
    part = line[begin:begin + QUOTE]
    return ("…" if begin else "") + part + ("…" if begin + QUOTE < len(line) else "")
