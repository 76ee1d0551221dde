"""The archive against git history: what was committed as released stays, byte for byte.

The lock (store.py) proves only that archive/ agrees with itself. Here each
release is compared with the commits that recorded it:

- a frozen file must equal the blob first committed at its path (`archive.rewritten`,
  naming the first line that differs);
- a version's lock entry must equal the entry as first committed; when only its
  `released` date moved, `archive.released` says so;
- the `released` date may not be later than the day (in the archive's time zone) of
  the commit that first recorded it: a release is frozen, then committed (`archive.released`);
- a frozen file or lock entry ever committed cannot disappear (`archive.missing`), so
  `rm -rf archive` followed by `make release` cannot hand out version 1 again.

Every other document of the site (data/site.yml) is compared the same way in its own folder,
archive/<id>/ (its lock, frozen texts and PDFs), from the same git calls; findings name its files.

Publishing (`make publish`) further needs every version in archive/ to be committed
(`archive.uncommitted`: what is not in history cannot be anchored) and history to be
readable at all (`archive.history`: a warning for `make build` and `make check`,
which publishing refuses).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..findings import Finding, Severity
from .git import History, HistoryUnavailable, folder_of, read_histories
from .store import ARCHIVE_DIR, LOCK_NAME, Lock, LockError, LockedVersion, archive_dir, never_change, parse_lock

LOCK_SHOWN = f"{ARCHIVE_DIR}/{LOCK_NAME}"
# Findings on the same file that the history check states more precisely (with the commit and the line).
SUPERSEDED = {"archive.modified", "archive.missing"}


@dataclass
class Anchoring:
    """What comparing archive/ with history found, sorted by who must act on it."""

    findings: list[Finding] = field(default_factory=list)  # every build refuses these
    publishing: list[Finding] = field(default_factory=list)  # only `make publish` refuses these
    notices: list[Finding] = field(default_factory=list)  # `make build` / `make check` show these and go on


def check_history(root: Path, timezone: str | None = None, documents: Collection[str] = ()) -> Anchoring:
    """Compare archive/ in the working tree with every release git recorded: the policy's, and each other
    document's folder archive/<id>/ (``documents``, data/site.yml) with its own lock, texts and PDFs."""
    try:
        histories = read_histories(root, documents)
    except HistoryUnavailable as reason:
        warning = Finding(LOCK_SHOWN, 1, "archive.history",
                          f"the archive's history could not be checked: {reason}; without it nothing shows that "
                          "archive/ still holds every released version exactly as it was committed",
                          "build from a full git clone of the project with git installed; `make publish` refuses "
                          "until history can be checked", severity=Severity.WARNING)
        return Anchoring(publishing=[warning], notices=[warning])
    anchoring = Anchoring()
    for document, history in histories.items():
        where = Archive(document)
        working = _working_lock(root, document)
        anchoring.findings += _files(root, history, where)
        anchoring.findings += _entries(history, working, timezone, where)
        anchoring.publishing += _uncommitted(history, working, where)
    return anchoring


@dataclass(frozen=True)
class Archive:
    """Whose archive is compared: the policy's (None, archive/) or another document's (archive/<id>/)."""

    document: str | None = None

    @property
    def folder(self) -> str:
        return folder_of(self.document)

    @property
    def lock(self) -> str:
        return f"{self.folder}/{LOCK_NAME}"

    @property
    def never_change(self) -> str:
        return never_change(self.document)


def merge(store: list[Finding], history: list[Finding]) -> list[Finding]:
    """The store's findings and history's, without saying twice that one file changed or went missing."""
    precise = {f.path for f in history if f.rule in {"archive.rewritten", "archive.missing"}}
    return [f for f in store if not (f.rule in SUPERSEDED and f.path in precise)] + history


@dataclass
class WorkingLock:
    present: bool  # archive/archive.lock.json exists (it may still be unreadable: store.py says so)
    lock: Lock | None  # None when absent or unreadable
    lines: list[str]


def _working_lock(root: Path, document: str | None = None) -> WorkingLock:
    path = archive_dir(root, document) / LOCK_NAME
    if not path.is_file():
        return WorkingLock(False, None, [])
    try:
        text = path.read_text(encoding="utf-8")
        return WorkingLock(True, parse_lock(text), text.splitlines())
    except (OSError, UnicodeDecodeError, LockError):
        return WorkingLock(True, None, [])  # store.py reports a damaged lock; history vouches only for a readable one


def _restore(commit_id: str, path: str) -> str:
    return f"restore it as committed: `git checkout {commit_id[:12]} -- {path}`"


def _when(commit_time: int, timezone: str | None) -> dt.date:
    """The commit's day where releases are dated: `make release` writes today's date in the archive's time zone."""
    try:
        zone = ZoneInfo(timezone) if timezone else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None  # archive.clock reports an unknown time zone
    moment = dt.datetime.fromtimestamp(commit_time, dt.UTC)
    return moment.astimezone(zone).date() if zone else moment.astimezone().date()


def _version_of(history: History, relative: str) -> str:
    for committed in history.entries.values():
        for language, (path, _) in [*committed.entry.files.items(), *committed.entry.pdfs.items()]:
            if path == relative:
                return f"version {committed.entry.version} (effective {committed.entry.effective}) in `{language}`"
    return f"the version effective {relative.split('/')[0]}"


def _files(root: Path, history: History, where: Archive = Archive()) -> list[Finding]:
    findings = []
    folder = archive_dir(root, where.document)
    for relative, committed in sorted(history.files.items()):
        shown = f"{where.folder}/{relative}"
        path = folder / relative
        when = f"commit {committed.commit.short} of {_day(committed.commit.time)}"
        if not path.is_file():
            findings.append(Finding(shown, 1, "archive.missing",
                                    f"{_version_of(history, relative)} was released and committed in {when}, "
                                    f"but its frozen file is no longer in {where.folder}/; a released version never "
                                    "disappears", _restore(committed.commit.id, shown)))
            continue
        content = path.read_bytes()
        if content != committed.content:
            line = _first_difference(committed.content, content)
            findings.append(Finding(shown, line, "archive.rewritten",
                                    f"this archived text differs from {_version_of(history, relative)} as released "
                                    f"in {when}, first at line {line}; a released version must never change, even "
                                    "with its hash recomputed in the lock",
                                    f"{_restore(committed.commit.id, shown)}; {where.never_change}"))
    return findings


def _entries(history: History, working: WorkingLock, timezone: str | None,
             where: Archive = Archive()) -> list[Finding]:
    if not history.entries:
        return []
    lock_shown, never_change = where.lock, where.never_change
    restore_lock = _restore(history.lock_commit.id, lock_shown) if history.lock_commit else "restore it from git"
    lines = working.lines
    current = {entry.version: entry for entry in working.lock.versions} if working.lock is not None else {}
    findings = []
    if not working.present:
        numbers = ", ".join(str(n) for n in sorted(history.entries))
        findings.append(Finding(lock_shown, 1, "archive.missing",
                                f"the archive lock, which history records with version(s) {numbers}, is missing; "
                                "without it no released version can be shown", f"{restore_lock}; {never_change}"))
    for number, committed in sorted(history.entries.items()):
        recorded = committed.entry
        when = f"commit {committed.commit.short} of {_day(committed.commit.time)}"
        day = _when(committed.commit.time, timezone)
        if recorded.released > day:
            findings.append(Finding(lock_shown, lock_line(lines, number, "released"), "archive.released",
                                    f"version {number} was recorded as released on {recorded.released}, but "
                                    f"{when}, which recorded it, was made on {day}; a version is released before "
                                    "it is committed, so that date is wrong",
                                    "a committed record cannot be corrected in place: if that commit was never "
                                    "published, drop it and release again with the right clock (unset "
                                    "POLICYSITE_TODAY); otherwise ask the developers to look at the history"))
        if working.lock is None:
            continue  # absent: one finding above; unreadable: store.py's archive.lock
        entry = current.get(number)
        if entry is None:
            findings.append(Finding(lock_shown, 1, "archive.missing",
                                    f"version {number} (effective {recorded.effective}) was released and committed "
                                    f"in {when}, but {lock_shown} no longer lists it; a released version "
                                    "never disappears", f"{restore_lock}; {never_change}"))
            continue
        changed = _differences(recorded, entry)
        if changed == ["released"]:
            findings.append(Finding(lock_shown, lock_line(lines, number, "released"), "archive.released",
                                    f"version {number} says it was released on {entry.released}, but it was "
                                    f"committed as released on {recorded.released} in {when}; the day a version "
                                    "was released is part of its record",
                                    f'write `"released": "{recorded.released}"` back, or {restore_lock}'))
        elif changed:
            findings.append(Finding(lock_shown, lock_line(lines, number, "version"), "archive.rewritten",
                                    f"version {number}'s entry differs from the one committed in {when} "
                                    f"({'; '.join(changed)}); a released version's record must never change",
                                    f"{restore_lock}; {never_change}"))
    return findings


def _uncommitted(history: History, working: WorkingLock, where: Archive = Archive()) -> list[Finding]:
    """For publishing: a version that is not in history has nothing outside the working tree to vouch for it."""
    if working.lock is None:
        return []
    findings = []
    for entry in working.lock.versions:
        missing = [f"{where.folder}/{path}" for path, _ in entry.files.values() if path not in history.files]
        if entry.version in history.entries and not missing:
            continue
        what = ", ".join(missing) if missing else where.lock
        findings.append(Finding(where.lock, lock_line(working.lines, entry.version, "version"), "archive.uncommitted",
                                f"version {entry.version} (effective {entry.effective}) is not committed yet "
                                f"({what}), so nothing outside this folder vouches for it and a later edit "
                                "could not be detected",
                                f"commit the release first with the text it froze: `git add {where.folder} docs data && "
                                f"git commit -m \"Release version {entry.version}, effective {entry.effective}\"` "
                                "(the command `make release` printed names each file), then publish"))
    return findings


def _differences(recorded: LockedVersion, entry: LockedVersion) -> list[str]:
    changed = []
    if entry.effective != recorded.effective:
        changed.append(f"effective {entry.effective}, committed as {recorded.effective}")
    if entry.released != recorded.released:
        changed.append("released")
    if entry.material != recorded.material:  # whether users must consent again is part of the record
        changed.append(f"material {_said_material(entry.material)}, committed as {_said_material(recorded.material)}")
    for language in sorted(set(recorded.files) | set(entry.files)):
        was, now = recorded.files.get(language), entry.files.get(language)
        if was is None:
            changed.append(f"`{language}` added")
        elif now is None:
            changed.append(f"`{language}` removed")
        elif was != now:
            changed.append(f"`{language}` SHA-256 {now[1][:12]}…, committed as {was[1][:12]}…")
    if changed and "released" in changed and len(changed) > 1:
        changed[changed.index("released")] = f"released {entry.released}, committed as {recorded.released}"
    return changed


def _said_material(value: bool | None) -> str:
    return "unknown" if value is None else str(value).lower()


def lock_line(lines: list[str], version: int, key: str) -> int:
    """The line of ``key`` in the lock entry of ``version`` (as `make release` writes it); 1 when not found."""
    start = next((n for n, text in enumerate(lines) if re.fullmatch(rf'\s*"version":\s*{version}\s*,?\s*', text)),
                 None)
    if start is None:
        return 1
    if key == "version":
        return start + 1
    for n in range(start, min(start + 8, len(lines))):
        if re.match(rf'\s*"{key}"\s*:', lines[n]):
            return n + 1
    return start + 1


def _first_difference(committed: bytes, current: bytes) -> int:
    was, now = committed.splitlines(keepends=True), current.splitlines(keepends=True)
    for number, (a, b) in enumerate(zip(was, now), start=1):
        if a != b:
            return number
    return max(1, min(len(was) + 1, len(now)))  # one text ends early: the line where they part, within the file


def _day(commit_time: int) -> str:
    return dt.datetime.fromtimestamp(commit_time, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
