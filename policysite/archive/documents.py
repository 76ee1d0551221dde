"""Versions of the site's other documents (the lists, …): each has its own archive, archive/<id>/.

The same machinery as the privacy policy's (store.py: frozen files, one lock of the
same format, every byte checked at every build), given the document's id and folder:

    archive/collection-list/archive.lock.json
    archive/collection-list/2025-04-01/zh.md     the list as released, rendered from data/
    archive/collection-list/2025-04-01/zh.pdf    its PDF, made once by the release (pdf.py), A4

A document's version is its own: releasing one never touches another's files, and its
page's footer shows its own number and dates (none before its first release), never the
policy's. Its folder is compared with git history like the policy's (history.py).
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..data import DataSet
from ..documents import Document, read_documents
from ..findings import Finding, PolicyError
from .frozen import FrozenText, normalise, sha256
from .pdf import pdf_path
from .. import urls
from .store import ARCHIVE_DIR, ATTRIBUTES_NAME, LOCK_NAME, Lock, LockedVersion, PolicyVersion, archive_dir, load_archive, \
    lock_path, predecessor, read_lock

if TYPE_CHECKING:
    from ..model import Policy

ATTRIBUTES = "# Frozen releases: byte for byte as released (their SHA-256 is in archive.lock.json).\n* -text\n"


@dataclass
class DocumentArchive:
    """One document's released versions, oldest first, and the one in force on the build's day."""

    document: Document
    versions: list[PolicyVersion] = field(default_factory=list)
    current: PolicyVersion | None = None  # None before its first version takes effect
    lock: bytes | None = None  # archive/<id>/archive.lock.json as checked (None before the first release)
    # Languages whose text docs/ and data/ give today differs from the last release (policysite.document_releases).
    unreleased: list[str] = field(default_factory=list)

    def predecessor(self, version: PolicyVersion, language: str) -> PolicyVersion | None:
        return predecessor(self.versions, version, language)

    def files(self) -> dict[str, bytes]:
        """Served under its prefix as the policy's are under the root: every frozen text, byte for byte as
        checked against the lock, its PDFs, and the lock (/<prefix>/archive/<date>/<lang>.md, ….pdf,
        …/archive.lock.json)."""
        prefix = self.document.prefix
        files = {urls.frozen_text(prefix, code, version.slug): content
                 for version in self.versions for code, content in version.contents.items()}
        files.update({urls.pdf(prefix, code, version.slug): content
                      for version in self.versions for code, content in version.pdfs.items()})
        if self.lock is not None:
            files[urls.archive_lock(prefix, LOCK_NAME)] = self.lock
        return files


def other_documents(data: DataSet) -> list[Document]:
    """The site's documents other than the privacy policy (none when data/site.yml is absent or refused)."""
    documents, findings = read_documents(data, data.languages)
    return [] if findings else [document for document in documents if not document.is_policy]


def folder_of(document: str) -> str:
    return f"{ARCHIVE_DIR}/{document}"


def check_documents(root: Path, data: DataSet, languages: list[str],
                    today: dt.date | None) -> tuple[list[Finding], dict[str, DocumentArchive]]:
    """Every other document's archive checked against its lock, and the version each has in force today."""
    findings: list[Finding] = []
    archives: dict[str, DocumentArchive] = {}
    for document in other_documents(data):
        versions, lock, problems = load_archive(root, document.id, languages, document=document.id)
        findings += problems
        in_force = [v for v in versions if today is not None and v.effective <= today]
        for index, version in enumerate(versions):
            following = versions[index + 1] if index + 1 < len(versions) else None
            version.superseded = following.effective if following else None
            version.status = ("upcoming" if today is not None and version.effective > today
                              else "current" if in_force and version is in_force[-1] else "superseded")
        archives[document.id] = DocumentArchive(document, versions, in_force[-1] if in_force else None, lock)
    return findings, archives


class DocumentReleaseRefused(Exception):
    """Why nothing was released, as sentences for the person running `make release DOC=…`."""


@dataclass
class DocumentReleased:
    document: str
    version: int
    effective: dt.date
    files: dict[str, str]  # path relative to the root → SHA-256
    sources: str = "data"  # what the text is made from, committed with it outside git: data, or docs and data

    def report(self, to_commit: list[str] | None = None) -> str:
        """What was written, then the one command that commits it with the data edits it froze
        (``to_commit``: every changed path under docs/, data/ and archive/; None outside git)."""
        folder = folder_of(self.document)
        lines = [f"Released {self.document} version {self.version}, effective {self.effective}:"]
        lines += [f"  {path}  sha256 {digest}" for path, digest in self.files.items()]
        lines.append(f"  {folder}/archive.lock.json: version added")
        paths = " ".join(shlex.quote(p) for p in to_commit) if to_commit else f"{folder} {self.sources}"
        lines.append(f'Commit them together: git add -- {paths} && '
                     f'git commit -m "Release {self.document} version {self.version}, effective {self.effective}"')
        return "\n".join(lines)


def release_document(root: Path, document_id: str, *, effective: dt.date | None = None,
                     summaries: dict[str, str] | None = None, today: dt.date | None = None,
                     docs: str = "docs", data: str = "data", material: bool | None = None) -> DocumentReleased:
    """Freeze a document's text as data/ renders it today into archive/<id>/<effective>/<lang>.md."""
    from ..document_pages import document_markdown  # the page module imports this package
    from ..judge import judge
    from .pdf import PdfUnavailable
    from .pdfs import render_all
    from .release import _require_summaries

    root = root.resolve()

    def rejudge() -> Policy:
        try:
            return judge(root, docs=docs, data=data, today=today)
        except PolicyError as error:
            raise DocumentReleaseRefused("the site does not pass its checks; fix these first:\n"
                                         + "\n".join(f.format() for f in error.findings)) from None

    policy = rejudge()
    archives: dict[str, DocumentArchive] = policy.archive.documents
    if document_id not in archives:
        known = ", ".join(archives) or "none (data/site.yml lists no other document)"
        raise DocumentReleaseRefused(f"the site publishes no document `{document_id}` besides the privacy policy — "
                                     f"documents: {known}; release the privacy policy without DOC=")
    archive = archives[document_id]
    document, previous = archive.document, (archive.versions[-1] if archive.versions else None)
    day: dt.date = policy.archive.today
    effective = effective or day
    languages = [language.code for language in policy.languages]
    given = {k: v.strip() for k, v in (summaries or {}).items() if v and v.strip()}
    bodies = {code: normalise(document_markdown(document, policy, code)) for code in languages}
    if previous is not None:
        if set(languages) <= set(previous.texts) and all(bodies[c] == previous.texts[c].body for c in languages):
            raise DocumentReleaseRefused(f"the text of {document_id} is unchanged since version {previous.version} "
                                         f"(effective {previous.effective}) in every language — edit its "
                                         f"{'sections' if document.id in policy.prose else 'data'} first; "
                                         "a new version must say something new")
        if effective <= previous.effective:
            raise DocumentReleaseRefused(f"the effective date {effective} does not come after {previous.effective}, "
                                         f"when version {previous.version} of {document_id} took effect — give a later "
                                         "EFFECTIVE=YYYY-MM-DD")
        _require_summaries(given, languages, previous)
        if material is None:
            raise DocumentReleaseRefused(f"say whether users must consent again to version {previous.version + 1} of "
                                         f"{document_id}: `make release DOC={document_id} MATERIAL=yes` or `MATERIAL=no`")
    elif material is False:
        raise DocumentReleaseRefused(f"the first version of {document_id} cannot be released as not material: nobody "
                                     "has consented to an earlier one — leave MATERIAL out or say MATERIAL=yes")
    else:
        material = True  # nothing was consented to before: accepting the first version is new consent
    if effective < day:
        raise DocumentReleaseRefused(f"the effective date {effective} is in the past (today is {day}); a version "
                                     "cannot take effect before it is published — give today's date or a later one")
    number = previous.version + 1 if previous is not None else 1
    texts = {code: FrozenText(policy=document_id, version=number, language=code, title=document.titles[code],
                              effective=effective, updated=effective, summary=given.get(code, ""), body=bodies[code])
             for code in languages}
    try:  # before anything is written: a release without its PDFs writes nothing
        pdfs = render_all(policy, texts, root, document.prefix)
    except PdfUnavailable as error:
        raise DocumentReleaseRefused(f"the PDF could not be made: {error}") from None
    _write(root, document_id, number, effective, day, texts, pdfs, rejudge, material)
    folder = f"{folder_of(document_id)}/{effective.isoformat()}"
    return DocumentReleased(document_id, number, effective,
                            {**{f"{folder}/{code}.md": text.sha256 for code, text in texts.items()},
                             **{f"{folder}/{code}.pdf": sha256(pdfs[code]) for code in texts}},
                            sources="docs data" if document.id in policy.prose else "data")


def _write(root: Path, document_id: str, number: int, effective: dt.date, day: dt.date,
           texts: dict[str, FrozenText], pdfs: dict[str, bytes], rejudge: Callable[[], object],
           material: bool) -> None:
    """New files only, the lock replaced whole; everything undone when the new archive fails the build's checks."""
    base = archive_dir(root, document_id)
    folder = base / effective.isoformat()
    if folder.exists():
        raise DocumentReleaseRefused(f"{folder_of(document_id)}/{effective.isoformat()}/ already exists; an archived "
                                     "version is never overwritten — give another effective date")
    lock = read_lock(root, document_id) or Lock(policy=document_id)
    entry = LockedVersion(version=number, effective=effective, released=day, material=material)
    for code, text in texts.items():
        entry.files[code] = (f"{effective.isoformat()}/{code}.md", text.sha256)
        entry.pdfs[code] = (pdf_path(effective, code), sha256(pdfs[code]))
    lock.versions.append(entry)
    path = lock_path(root, document_id)
    old_lock = path.read_bytes() if path.is_file() else None
    created_base = not base.exists()
    try:
        folder.mkdir(parents=True)
        attributes = base / ATTRIBUTES_NAME
        if not attributes.exists():
            attributes.write_text(ATTRIBUTES, encoding="utf-8")
        for code, text in texts.items():
            with open(folder / f"{code}.md", "xb") as handle:  # x: never over an existing file
                handle.write(text.render())
            with open(base / pdf_path(effective, code), "xb") as handle:
                handle.write(pdfs[code])
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(lock.to_json().encode("utf-8"))
        os.replace(temporary, path)
        rejudge()  # the new archive must pass the same checks as every build
    except BaseException:
        shutil.rmtree(base if created_base else folder, ignore_errors=True)
        if not created_base:
            if old_lock is not None:
                path.write_bytes(old_lock)
            else:
                path.unlink(missing_ok=True)
        raise
