"""Files for machines: /policy.json (the version manifest), Atom feeds, and the texts they hash.

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
from typing import Any

from ..model import Policy
from .. import urls
from .pages import INDEX_PATH, _date, current_text_path, pdf_site_path, site_path, text_path
from .stage import ArchiveView
from .store import LOCK_NAME, PolicyVersion
from .words import words

MANIFEST_PATH = urls.manifest()
FEED_NAME = urls.FEED
ATOM = "http://www.w3.org/2005/Atom"


def _url(base_url: str, path: str) -> str:
    """Absolute when the site's URL is known, else a path from the site root."""
    return (base_url.rstrip("/") + "/" if base_url else "/") + path


def feed_path(policy: Policy, language: str) -> str:
    return site_path(policy.language(language), FEED_NAME)


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
        "policy": policy.id,
        "as_of": view.today.isoformat(),
        "default_language": policy.default_language.code,
        "current": current,
        "upcoming": [v.version for v in view.upcoming],
        "versions": [_version_entry(policy, view, v, base_url) for v in view.versions],
        "archive": {l.code: _url(base_url, site_path(l, INDEX_PATH)) for l in policy.languages},
        "feeds": {l.code: _url(base_url, feed_path(policy, l.code)) for l in policy.languages},
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
            "summary": version.summary(code),
        }
    return {
        "version": version.version,
        "status": version.status,
        "effective": version.effective.isoformat(),
        "superseded": version.superseded.isoformat() if version.superseded else None,
        "updated": version.updated.isoformat(),
        "released": version.released.isoformat(),
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
    lang = policy.language(language)
    say = words(language, policy.data_dir)
    title = str(policy.contexts[language]["policy"]["title"])
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang.hreflang})
    versions = [v for v in view.versions if language in v.texts]

    def child(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    child(feed, "id", _url(base_url, feed_path(policy, language)))
    child(feed, "title", say["feed_title"].format(title=title))
    latest = max((v.released for v in versions), default=view.today)
    child(feed, "updated", _stamp(latest))
    child(child(feed, "author"), "name", str(policy.contexts[language]["company"]["legal_name"]))
    child(feed, "link", rel="self", href=_url(base_url, feed_path(policy, language)))
    child(feed, "link", rel="alternate", href=_url(base_url, site_path(lang, INDEX_PATH)))
    for version in reversed(versions):
        entry = child(feed, "entry")
        page = _url(base_url, site_path(lang, version.path))
        child(entry, "id", page)
        child(entry, "title", say["feed_entry"].format(version=version.version,
                                                       effective=_date(policy, language, version.effective)))
        child(entry, "published", _stamp(version.released))
        child(entry, "updated", _stamp(version.released))
        child(entry, "link", rel="alternate", href=page)
        if view.predecessor(version, language) is not None:
            child(entry, "link", rel="related", href=page + urls.CHANGES)
        child(entry, "summary", version.summary(language) or say["first_version"])
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
