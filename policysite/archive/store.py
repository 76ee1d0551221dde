"""The archive on disk: frozen files under archive/ and the lock that vouches for them.

    archive/archive.lock.json        SHA-256 of every frozen file, per version
    archive/2024-11-18/zh.md         version effective 2024-11-18, Chinese
    archive/2024-11-18/en.md         … English
    archive/2024-11-18/zh.pdf        its PDF, made once by `make release` (or `make pdf`), pdf.py

Only `make release` writes here. Every build checks every byte against the lock
and refuses to publish, naming the file, when one was changed, deleted or added.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from collections.abc import Collection
from pathlib import Path
from typing import Any

from .. import urls
from ..findings import Finding
from .frozen import FrozenFormatError, FrozenText, parse, sha256

ARCHIVE_DIR = "archive"
LOCK_NAME = "archive.lock.json"
# Tells git never to convert line endings under archive/ (a Windows checkout would change every hash).
ATTRIBUTES_NAME = ".gitattributes"
LOCK_ABOUT = ("SHA-256 of every frozen file under archive/, written by `make release`. "
              "Never edit by hand: a released version must not change.")
# A lock entry names files to read, and the build serves them at the same path: only
# `<effective>/<code>.md` with a plain language code can stay inside archive/ and site/.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_DATE_FOLDER = re.compile(r"\d{4}-\d{2}-\d{2}")


def never_change(document: str | None = None) -> str:
    """How a released text is changed instead: a new version of the policy, or of another document (its id)."""
    if document is None:
        return "to change the policy, edit docs/ or data/ and run `make release`"
    return f"to change {document}, edit data/ and run `make release DOC={document}`"


def restore(path: str) -> str:
    """The fix for a changed or missing released file ``path`` (archive/… or archive/<id>/…)."""
    parts = path.split("/")
    document = parts[1] if len(parts) > 2 and not _DATE_FOLDER.fullmatch(parts[1]) else None
    return f"restore it from git (`git checkout HEAD -- {path}`); {never_change(document)}"


@dataclass
class PolicyVersion:
    """One released version in every language it was released in."""

    version: int
    effective: dt.date
    updated: dt.date
    released: dt.date  # the day `make release` froze it
    texts: dict[str, FrozenText]  # language → frozen text
    hashes: dict[str, str]  # language → SHA-256 of the frozen file
    files: dict[str, str]  # language → path of the frozen file, relative to the project root
    contents: dict[str, bytes]  # language → the frozen file's bytes, as checked against the lock
    pdfs: dict[str, bytes] = field(default_factory=dict)  # language → the PDF's bytes, as checked against the lock
    pdf_hashes: dict[str, str] = field(default_factory=dict)  # language → SHA-256 of the PDF
    # Whether accepting this version needs new consent, as `make release MATERIAL=yes|no` recorded it;
    # None for a version released before releases recorded it: unknown, never guessed.
    material: bool | None = None
    status: str = "archived"  # "superseded", "current" or "upcoming" once the build knows today's date
    superseded: dt.date | None = None  # the day the next version took (or takes) effect

    @property
    def slug(self) -> str:
        return self.effective.isoformat()

    @property
    def path(self) -> str:
        """The version's page under each language root: ``archive/2024-11-18/``."""
        return urls.version_path("", self.slug)

    def summary(self, language: str) -> str:
        text = self.texts.get(language)
        return text.summary if text else ""


def predecessor(versions: list[PolicyVersion], version: PolicyVersion, language: str) -> PolicyVersion | None:
    """The version before ``version`` in ``language`` (its redline compares with it); None for the first."""
    earlier = [v for v in versions if v.version < version.version and language in v.texts]
    return earlier[-1] if earlier else None


@dataclass
class LockedVersion:
    version: int
    effective: dt.date
    released: dt.date
    files: dict[str, tuple[str, str]] = field(default_factory=dict)  # language → (path under archive/, sha256)
    pdfs: dict[str, tuple[str, str]] = field(default_factory=dict)  # language → (path of its PDF, sha256)
    material: bool | None = None  # absent from entries written before `MATERIAL=` existed: unknown


@dataclass
class Lock:
    policy: str
    versions: list[LockedVersion] = field(default_factory=list)

    def to_json(self) -> str:
        data = {
            "about": LOCK_ABOUT,
            "policy": self.policy,
            "versions": [{
                "version": v.version, "effective": v.effective.isoformat(), "released": v.released.isoformat(),
                # Written only when the release said so: an older entry keeps its bytes (history compares them).
                **({"material": v.material} if v.material is not None else {}),
                "files": {language: {"path": path, "sha256": digest,
                                     **({"pdf": {"path": v.pdfs[language][0], "sha256": v.pdfs[language][1]}}
                                        if language in v.pdfs else {})}
                          for language, (path, digest) in v.files.items()},
            } for v in self.versions],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class LockError(ValueError):
    pass


def parse_lock(text: str) -> Lock:
    try:
        data = json.loads(text)
        lock = Lock(policy=str(data["policy"]))
        for entry in data["versions"]:
            locked = LockedVersion(version=int(entry["version"]),
                                   effective=dt.date.fromisoformat(entry["effective"]),
                                   released=dt.date.fromisoformat(entry["released"]),
                                   material=_material(entry.get("material")))
            for language, item in entry["files"].items():
                locked.files[str(language)] = (str(item["path"]), str(item["sha256"]))
                if "pdf" in item:  # versions released before PDFs existed get theirs from `make pdf`
                    locked.pdfs[str(language)] = (str(item["pdf"]["path"]), str(item["pdf"]["sha256"]))
            lock.versions.append(locked)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise LockError(f"it cannot be read ({type(error).__name__}: {error})") from None
    for locked in lock.versions:
        for language, (path, _) in locked.files.items():
            if not LANGUAGE_CODE.fullmatch(language):
                raise LockError(f"version {locked.version} lists the language {language!r}, which is not a language "
                                "code (two or three lowercase letters)")
            expected = f"{locked.effective.isoformat()}/{language}.md"
            if path != expected:
                raise LockError(f"version {locked.version} in `{language}` points at {path!r}; a released file is "
                                f"always `{expected}`")
        for language, (path, _) in locked.pdfs.items():
            expected = f"{locked.effective.isoformat()}/{language}.pdf"
            if path != expected:
                raise LockError(f"version {locked.version} in `{language}` points at the PDF {path!r}; a released "
                                f"PDF is always `{expected}`")
    return lock


def _material(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ValueError(f"`material` must be true or false, not {value!r}")


def archive_dir(root: Path, document: str | None = None) -> Path:
    """archive/ for the privacy policy; archive/<id>/ for another document of the site (data/site.yml)."""
    return root / ARCHIVE_DIR if document is None else root / ARCHIVE_DIR / document


def lock_path(root: Path, document: str | None = None) -> Path:
    return archive_dir(root, document) / LOCK_NAME


def _shown(relative: str, base: str = ARCHIVE_DIR) -> str:
    return f"{base}/{relative}"


def read_lock(root: Path, document: str | None = None) -> Lock | None:
    """The lock as committed (None when nothing was ever released); raises LockError."""
    path = lock_path(root, document)
    if not path.is_file():
        return None
    return parse_lock(path.read_text(encoding="utf-8"))


def load_archive(root: Path, policy_id: str, languages: list[str] | None = None, *, document: str | None = None,
                 others: Collection[str] = ()) -> tuple[list[PolicyVersion], bytes | None, list[Finding]]:
    """Every released version, oldest first, and the lock's bytes, after checking every file against the lock.

    ``languages`` are the codes data/policy.yml declares: a version released in any other is refused.
    ``document`` checks another document's archive, archive/<id>/ (``policy_id`` is then its id), PDFs
    included; ``others`` are the folders of those archives, which the policy's skips.
    """
    folder = archive_dir(root, document)
    base = _shown(document) if document is not None else ARCHIVE_DIR

    def shown(relative: str) -> str:
        return _shown(relative, base)

    present = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                     and p.relative_to(folder).parts[0] not in others) if folder.is_dir() else []
    lock_shown = shown(LOCK_NAME)
    if LOCK_NAME not in present:
        return [], None, [Finding(shown(name), 0, "archive.unexpected",
                            f"this file is in {base}/ but {lock_shown} is missing, so no release vouches for it",
                            f"restore {lock_shown} from git, or delete the file if no version was ever released")
                    for name in present if name != ATTRIBUTES_NAME]
    lock_bytes = (folder / LOCK_NAME).read_bytes()
    try:
        lock = parse_lock(lock_bytes.decode("utf-8"))
    except (LockError, UnicodeDecodeError) as error:
        return [], None, [Finding(lock_shown, 0, "archive.lock", f"the archive lock is damaged: {error}",
                            restore(lock_shown))]
    findings: list[Finding] = []
    if lock.policy != policy_id and document is not None:
        findings.append(Finding(lock_shown, 0, "archive.lock",
                                f"this lock belongs to the document `{lock.policy}`, but it sits in the archive of "
                                f"`{document}`", "put back the `id:` it was released under in data/site.yml, or "
                                + restore(lock_shown)))
    elif lock.policy != policy_id:
        findings.append(Finding(lock_shown, 0, "archive.lock",
                                f"the archive belongs to policy `{lock.policy}`, but data/policy.yml says `{policy_id}`",
                                "put back the `id:` the policy was released under in data/policy.yml"))
    findings += _check_order(lock, lock_shown)
    if languages is not None:
        findings += _check_languages(lock, lock_shown, languages)
    locked = {path for v in lock.versions for path, _ in [*v.files.values(), *v.pdfs.values()]}
    for name in present:
        if name not in (LOCK_NAME, ATTRIBUTES_NAME) and name not in locked:
            findings.append(Finding(shown(name), 0, "archive.unexpected",
                                    f"this file is not listed in {lock_shown}, so no release made it",
                                    "delete it: versions are added to archive/ only by `make release`"))
    versions = []
    for entry in lock.versions:
        version, problems = _load_version(folder, entry, policy_id, base)
        findings += problems
        if version is not None:
            versions.append(version)
    return (versions, lock_bytes, []) if not findings else ([], None, findings)


def _check_order(lock: Lock, shown: str) -> list[Finding]:
    findings = []
    for before, after in zip(lock.versions, lock.versions[1:]):
        if not (after.version > before.version and after.effective > before.effective):
            findings.append(Finding(shown, 0, "archive.lock",
                                    f"version {after.version} (effective {after.effective}) does not follow "
                                    f"version {before.version} (effective {before.effective})",
                                    restore(shown)))
    for entry in lock.versions:
        if not entry.files:
            findings.append(Finding(shown, 0, "archive.lock", f"version {entry.version} lists no files",
                                    restore(shown)))
    return findings


def _check_languages(lock: Lock, shown: str, languages: list[str]) -> list[Finding]:
    findings = []
    for entry in lock.versions:
        for language in entry.files:
            if language not in languages:
                findings.append(Finding(shown, 0, "archive.lock",
                                        f"version {entry.version} (effective {entry.effective}) was released in "
                                        f"`{language}`, which data/policy.yml does not declare",
                                        f"keep `{language}` under `languages:` in data/policy.yml (a released "
                                        f"language stays published), or {restore(shown)}"))
    return findings


def _load_version(folder: Path, entry: LockedVersion, policy_id: str,
                  base: str = ARCHIVE_DIR) -> tuple[PolicyVersion | None, list[Finding]]:
    def where(relative: str) -> str:  # the document's own folder in every finding
        return f"{base}/{relative}"

    findings: list[Finding] = []
    texts, hashes, files, contents = {}, {}, {}, {}
    for language, (relative, expected) in entry.files.items():
        shown = where(relative)
        path = folder / relative
        if not path.resolve().is_relative_to(folder.resolve()):  # parse_lock allows no such path; never read one
            findings.append(Finding(shown, 0, "archive.lock", "this path is outside archive/",
                                    restore(where(LOCK_NAME))))
            continue
        if not path.is_file():
            findings.append(Finding(shown, 0, "archive.missing",
                                    f"version {entry.version} (effective {entry.effective}) in `{language}` "
                                    "was released but its frozen file is missing", restore(shown)))
            continue
        content = path.read_bytes()
        actual = sha256(content)
        if actual != expected:
            findings.append(Finding(shown, 0, "archive.modified",
                                    f"this archived file was changed after its release (SHA-256 {actual[:12]}…, "
                                    f"the lock says {expected[:12]}…); a released version must never change",
                                    restore(shown)))
            continue
        try:
            text = parse(content)
        except FrozenFormatError as error:
            findings.append(Finding(shown, 1, "archive.format", f"the frozen file cannot be read: {error}",
                                    restore(shown)))
            continue
        expected_meta: dict[str, Any] = {"policy": policy_id, "version": entry.version, "language": language,
                                         "effective": entry.effective}
        for name, value in expected_meta.items():
            if getattr(text, name) != value:
                findings.append(Finding(shown, 1, "archive.format",
                                        f"its front matter says `{name}: {getattr(text, name)}` but the lock says {value}",
                                        restore(shown)))
        if Path(relative).parent.name != entry.effective.isoformat():
            findings.append(Finding(shown, 0, "archive.format",
                                    f"the file sits in a folder not named after its effective date {entry.effective}",
                                    restore(shown)))
        texts[language], hashes[language], files[language], contents[language] = text, actual, shown, content
    pdfs, pdf_hashes, problems = _load_pdfs(folder, entry, base)
    findings += problems
    if findings:
        return None, findings
    first = next(iter(texts.values()))
    return PolicyVersion(version=entry.version, effective=entry.effective, updated=first.updated,
                         released=entry.released, texts=texts, hashes=hashes, files=files,
                         contents=contents, pdfs=pdfs, pdf_hashes=pdf_hashes, material=entry.material), []


MAKE_PDF = ("run `make pdf`: it makes the PDF of every released version that has none and adds it to the lock "
            "(it never changes a released file), then commit archive/")


def _load_pdfs(folder: Path, entry: LockedVersion,
               base: str = ARCHIVE_DIR) -> tuple[dict[str, bytes], dict[str, str], list[Finding]]:
    """Every language's PDF, checked against the lock like the text; a language without one is a finding
    (the policy's and every other document's: `make pdf` makes the missing ones)."""
    def where(relative: str) -> str:
        return f"{base}/{relative}"

    pdfs, hashes, findings = {}, {}, []
    for language in entry.files:
        if language not in entry.pdfs:
            findings.append(Finding(where(f"{entry.effective.isoformat()}/{language}.pdf"), 0, "archive.pdf-missing",
                                    f"version {entry.version} (effective {entry.effective}) in `{language}` has no "
                                    "PDF, so readers cannot download and keep it", MAKE_PDF))
            continue
        relative, expected = entry.pdfs[language]
        shown = where(relative)
        path = folder / relative
        if not path.is_file():
            findings.append(Finding(shown, 0, "archive.missing",
                                    f"the PDF of version {entry.version} (effective {entry.effective}) in `{language}` "
                                    "was released but is missing", restore(shown)))
            continue
        content = path.read_bytes()
        actual = sha256(content)
        if actual != expected:
            findings.append(Finding(shown, 0, "archive.modified",
                                    f"this PDF was changed after its release (SHA-256 {actual[:12]}…, the lock says "
                                    f"{expected[:12]}…); a released version must never change",
                                    restore(shown)))
            continue
        pdfs[language], hashes[language] = content, actual
    return pdfs, hashes, findings
