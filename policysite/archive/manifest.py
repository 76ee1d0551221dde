"""Files for machines: /policy.json (the version manifest), Atom feeds, and the texts they hash.

/policy.json is the re-consent contract of apps (schema: policy.schema.json beside this
module). `schema_version` 2 keeps every field of version 1 at the top (the policy alone)
and adds `documents`: one entry per document the site publishes, each with the released
version in force (`current`) and the next one (`upcoming`) in full — summary, pages,
web-view, redline, text and PDF with their SHA-256 per language, and `material`, whether
accepting it needs new consent (true/false as `make release MATERIAL=` recorded it; null
for a version released before releases recorded it: unknown, never guessed). An entry is
a pure function of one document's DocumentFacts, so a site of several documents lists
one entry per document.

`sha256` in the manifest is always the SHA-256 of the exact bytes served at the
entry's `text` URL, and `pdf_sha256` that of the version's PDF at its `pdf` URL. Archived texts are served byte for byte as frozen under
archive/, so their hash is also the one in archive/archive.lock.json. The
current text is served as /policy.<lang>.md in the same format; when nothing
changed since its release it is identical to the archived file
(`matches_release: true`). An app stores the version and hash a user accepted
and asks again when `current` no longer matches.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Language, Policy
from .. import urls
from .pages import INDEX_PATH, _date, current_text_path, pdf_site_path, site_path, text_path
from .documents import DocumentArchive
from .stage import ArchiveView
from .store import LOCK_NAME, PolicyVersion
from .words import words

MANIFEST_PATH = urls.manifest()
SCHEMA_VERSION = 2  # 1: the policy alone (no `schema_version`, no `documents`)
POLICY_DOCUMENT = "policy"
POLICY_KIND = "privacy-policy"
WEBVIEW = urls.WEBVIEW
FEED_NAME = urls.FEED
ATOM = "http://www.w3.org/2005/Atom"


def _url(base_url: str, path: str) -> str:
    """Absolute when the site's URL is known, else a path from the site root."""
    return (base_url.rstrip("/") + "/" if base_url else "/") + path


def feed_path(policy: Policy, language: str) -> str:
    return site_path(policy.language(language), FEED_NAME)


@dataclass(frozen=True)
class DocumentFacts:
    """What the manifest needs to know about one document: its identity, its languages and its archive."""

    id: str  # the site's name for it ("policy")
    kind: str  # privacy-policy, collection-list, third-party-list, children-rules, terms
    text_id: str  # the `id:` its frozen texts carry (data/policy.yml)
    prefix: str  # its folder under each language root ("" for the privacy policy)
    languages: tuple[Language, ...]  # the default language first
    view: ArchiveView
    data_dir: Path | None = None  # the project's data/ (data/words/<code>.yml words for a language the core lacks)


def policy_facts(policy: Policy) -> DocumentFacts:
    """The privacy policy as a document of the site: every address it had before documents existed."""
    languages = tuple(sorted(policy.languages, key=lambda language: not language.default))
    return DocumentFacts(id=POLICY_DOCUMENT, kind=POLICY_KIND, text_id=policy.id, prefix="", languages=languages,
                         view=policy.archive, data_dir=policy.data_dir)


def display_summary(version: PolicyVersion, language: str, data_dir: Path | None) -> str:
    """A version's change summary as every page, feed and manifest shows it: the first one says it is the first."""
    return version.summary(language) or words(language, data_dir)["first_version"]


def document_entry(facts: DocumentFacts, base_url: str = "") -> dict[str, Any]:
    """One document of /policy.json's `documents`: a pure function of its facts."""
    view = facts.view

    def url(language: Language | None, path: str) -> str:
        """A page under the language's root, or a file under the site root (None): frozen texts and PDFs."""
        under = facts.prefix + ("/" if facts.prefix else "") + path
        return _url(base_url, site_path(language, under) if language is not None else under)

    upcoming = view.upcoming
    return {
        "id": facts.id,
        "kind": facts.kind,
        "text_id": facts.text_id,
        "default_language": facts.languages[0].code,
        "languages": [language.code for language in facts.languages],
        "url": {language.code: url(language, "") for language in facts.languages},
        "webview": {language.code: url(language, WEBVIEW) for language in facts.languages},
        "archive": {language.code: url(language, INDEX_PATH) for language in facts.languages},
        "current": _full_version(facts, view.current, url) if view.current is not None else None,
        "upcoming": _full_version(facts, upcoming[0], url) if upcoming else None,
    }


def other_document_entry(archive: DocumentArchive, policy: Policy, base_url: str = "") -> dict[str, Any]:
    """A list (or another document of data/site.yml) in `documents`, in the policy's entry shape.

    Its versions have a page, a web-view, a redline (null for the first), a frozen text and a PDF of their own,
    at the policy's addresses under the document's prefix.
    """
    document, default = archive.document, policy.default_language.code
    codes = [language.code for language in sorted(policy.languages, key=lambda language: not language.default)]

    def version_entry(version: PolicyVersion) -> dict[str, Any]:
        languages = {code: {
            "title": version.texts[code].title,
            "summary": display_summary(version, code, policy.data_dir),
            "url": _url(base_url, urls.archived_version(document.prefix, code, default, version.slug)),
            "webview": _url(base_url, urls.archived_webview(document.prefix, code, default, version.slug)),
            "changes": _url(base_url, urls.redline(document.prefix, code, default, version.slug))
                       if archive.predecessor(version, code) is not None else None,
            "text": _url(base_url, urls.frozen_text(document.prefix, code, version.slug)),
            "sha256": version.hashes[code],
            "pdf": _url(base_url, pdf_site_path(version, code, document.prefix)) if code in version.pdfs else None,
            "pdf_sha256": version.pdf_hashes.get(code),
        } for code in codes if code in version.texts}
        return {"version": version.version, "status": version.status, "effective": version.effective.isoformat(),
                "updated": version.updated.isoformat(), "released": version.released.isoformat(),
                "material": version.material, "languages": languages}

    upcoming = [version for version in archive.versions if version.status == "upcoming"]
    return {
        "id": document.id,
        "kind": document.kind,
        "text_id": document.id,
        "default_language": default,
        "languages": codes,
        "url": {code: _url(base_url, urls.page(document.prefix, code, default)) for code in codes},
        "webview": {code: _url(base_url, urls.webview(document.prefix, code, default)) for code in codes},
        "archive": {code: _url(base_url, urls.archive_index(document.prefix, code, default)) for code in codes},
        "current": version_entry(archive.current) if archive.current is not None else None,
        "upcoming": version_entry(upcoming[0]) if upcoming else None,
    }


def _full_version(facts: DocumentFacts, version: PolicyVersion,
                  url: Callable[[Language | None, str], str]) -> dict[str, Any]:
    """Everything an app needs to ask for consent to ``version`` and to prove later what was accepted."""
    languages = {}
    for language in facts.languages:
        code = language.code
        if code not in version.texts:
            continue
        page = url(language, version.path)
        has_previous = facts.view.predecessor(version, code) is not None
        languages[code] = {
            "title": version.texts[code].title,
            "summary": display_summary(version, code, facts.data_dir),
            "url": page,
            "webview": page + WEBVIEW,
            "changes": page + "changes/" if has_previous else None,
            "text": url(None, text_path(version, code)),
            "sha256": version.hashes[code],
            "pdf": url(None, pdf_site_path(version, code)) if code in version.pdfs else None,
            "pdf_sha256": version.pdf_hashes.get(code),
        }
    return {
        "version": version.version,
        "status": version.status,
        "effective": version.effective.isoformat(),
        "updated": version.updated.isoformat(),
        "released": version.released.isoformat(),
        "material": version.material,
        "languages": languages,
    }


def manifest(policy: Policy, base_url: str = "") -> dict[str, Any]:
    view: ArchiveView = policy.archive
    current: dict[str, Any] = {
        "version": policy.version,
        "effective": policy.effective.isoformat(),
        "updated": policy.updated.date.isoformat(),
        "matches_release": all(view.matches_release(l.code) for l in policy.languages),
        "languages": {},
    }
    for language in policy.languages:
        text = view.current_texts[language.code]
        current["languages"][language.code] = {
            "title": text.title,
            "url": _url(base_url, site_path(language, "")),
            "text": _url(base_url, current_text_path(language.code)),
            "sha256": text.sha256,
            "matches_release": view.matches_release(language.code),
            **_pdf_entry(view.current if view.matches_release(language.code) else None, language.code, base_url),
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "policy": policy.id,
        "as_of": view.today.isoformat(),
        "default_language": policy.default_language.code,
        "current": current,
        "upcoming": [v.version for v in view.upcoming],
        "versions": [_version_entry(policy, view, v, base_url) for v in view.versions],
        "archive": {l.code: _url(base_url, site_path(l, INDEX_PATH)) for l in policy.languages},
        "feeds": {l.code: _url(base_url, feed_path(policy, l.code)) for l in policy.languages},
        "documents": [document_entry(policy_facts(policy), base_url)]
                     + [other_document_entry(archive, policy, base_url) for archive in view.documents.values()],
    }


def _version_entry(policy: Policy, view: ArchiveView, version: PolicyVersion, base_url: str) -> dict[str, Any]:
    languages = {}
    for code in version.texts:
        page = site_path(policy.language(code), version.path)  # the lock lists declared languages only
        has_previous = view.predecessor(version, code) is not None
        languages[code] = {
            "title": version.texts[code].title,
            "url": _url(base_url, page),
            "changes": _url(base_url, page + urls.CHANGES) if has_previous else None,
            "text": _url(base_url, text_path(version, code)),
            "sha256": version.hashes[code],
            **_pdf_entry(version, code, base_url),
            "summary": display_summary(version, code, policy.data_dir),
        }
    return {
        "version": version.version,
        "status": version.status,
        "effective": version.effective.isoformat(),
        "superseded": version.superseded.isoformat() if version.superseded else None,
        "updated": version.updated.isoformat(),
        "released": version.released.isoformat(),
        "material": version.material,
        "languages": languages,
    }


def _pdf_entry(version: PolicyVersion | None, code: str, base_url: str) -> dict[str, Any]:
    """The version's PDF and the SHA-256 of its bytes; null for a text that is not a released version."""
    if version is None or code not in version.pdfs:
        return {"pdf": None, "pdf_sha256": None}
    return {"pdf": _url(base_url, pdf_site_path(version, code)), "pdf_sha256": version.pdf_hashes[code]}


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(policy: Policy, language: str, base_url: str = "") -> str:
    """Newest first: one entry per released version, upcoming ones included (that is the notice)."""
    view: ArchiveView = policy.archive
    return versions_feed(policy, language, base_url, prefix="", versions=view.versions,
                         title=str(policy.contexts[language]["policy"]["title"]), predecessor=view.predecessor)


def document_feeds(policy: Policy, archive: DocumentArchive, base_url: str = "") -> dict[str, bytes]:
    """Another document's Atom feed per language it has versions in, at the policy's feed address under its
    prefix (/lists/collection/feed.xml, /en/lists/collection/feed.xml), entries as the policy's."""
    document, default = archive.document, policy.default_language.code
    return {urls.feed(document.prefix, language.code, default): versions_feed(
                policy, language.code, base_url, prefix=document.prefix, versions=archive.versions,
                title=document.titles[language.code], predecessor=archive.predecessor).encode("utf-8")
            for language in policy.languages if any(language.code in v.texts for v in archive.versions)}


def versions_feed(policy: Policy, language: str, base_url: str, *, prefix: str, versions: list[PolicyVersion],
                  title: str, predecessor: Callable[[PolicyVersion, str], PolicyVersion | None]) -> str:
    """The Atom feed of the document at ``prefix`` ("" the policy) titled ``title``: one entry per version."""
    lang = policy.language(language)
    say = words(language, policy.data_dir)
    feed_url = _url(base_url, urls.feed(prefix, language, policy.default_language.code))
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang.hreflang})
    versions = [v for v in versions if language in v.texts]

    def child(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    child(feed, "id", feed_url)
    child(feed, "title", say["feed_title"].format(title=title))
    latest = max((v.released for v in versions), default=policy.archive.today)
    child(feed, "updated", _stamp(latest))
    child(child(feed, "author"), "name", str(policy.contexts[language]["company"]["legal_name"]))
    child(feed, "link", rel="self", href=feed_url)
    child(feed, "link", rel="alternate", href=_url(base_url, site_path(lang, urls.archive_index_path(prefix))))
    for version in reversed(versions):
        entry = child(feed, "entry")
        page = _url(base_url, site_path(lang, urls.version_path(prefix, version.slug)))
        child(entry, "id", page)
        child(entry, "title", say["feed_entry"].format(version=version.version,
                                                       effective=_date(policy, language, version.effective)))
        child(entry, "published", _stamp(version.released))
        child(entry, "updated", _stamp(version.released))
        child(entry, "link", rel="alternate", href=page)
        if predecessor(version, language) is not None:
            child(entry, "link", rel="related", href=page + urls.CHANGES)
        child(entry, "summary", display_summary(version, language, policy.data_dir))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def site_files(policy: Policy, base_url: str = "") -> dict[str, bytes]:
    """Every file the archive adds to the site besides pages: site path → bytes."""
    view: ArchiveView | None = policy.archive
    if view is None:
        return {}
    files: dict[str, bytes] = {
        MANIFEST_PATH: (json.dumps(manifest(policy, base_url), ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    }
    for language in policy.languages:
        files[current_text_path(language.code)] = view.current_texts[language.code].render()
        if any(language.code in v.texts for v in view.versions):
            files[feed_path(policy, language.code)] = atom_feed(policy, language.code, base_url).encode("utf-8")
    for version in view.versions:
        for code, content in version.contents.items():
            files[text_path(version, code)] = content  # the very bytes checked against the lock
        for code, content in version.pdfs.items():
            files[pdf_site_path(version, code)] = content
    if view.lock is not None:
        files[urls.archive_lock("", LOCK_NAME)] = view.lock
    return files
