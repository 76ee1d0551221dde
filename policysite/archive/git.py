"""What git history says was released: read once per build in three git calls.

The archive's lock only vouches for itself: whoever edits a frozen file can
recompute its hash. The commits that recorded each release are the anchor
outside the working tree. This module reads them with plain git plumbing —

1. ``git rev-parse`` — is this a checkout, where is the project in it, is it shallow;
2. one ``git log --name-status`` over archive/ — which commit first added each frozen
   file, and every commit that changed the lock;
3. one ``git cat-file --batch`` — the first committed bytes of every frozen file and
   every committed revision of the lock;

so a site with a hundred versions costs the same three processes as one with one.
Every call is bounded in time; every failure becomes a sentence (HistoryUnavailable).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from .store import ARCHIVE_DIR, LOCK_NAME, LockedVersion, LockError, parse_lock

# Generous for a cold disk and a long history; a hung git (a lock, a network file system) still ends.
GIT_TIMEOUT = 60.0
# Only these paths are part of a release: archive/<effective>/<lang>.md, its PDF and the lock.
FROZEN_PATH = re.compile(r"\d{4}-\d{2}-\d{2}/[a-z]{2,3}\.(?:md|pdf)")


class HistoryUnavailable(Exception):
    """Why history could not be read, as the end of a sentence: "the archive's history could not be checked: …"."""


@dataclass(frozen=True)
class Commit:
    id: str
    time: int  # committer timestamp, seconds since the epoch

    @property
    def short(self) -> str:
        return self.id[:12]


@dataclass(frozen=True)
class CommittedFile:
    """A frozen file as first committed: the bytes it must keep forever."""

    path: str  # under archive/, e.g. 2024-11-18/en.md
    commit: Commit
    content: bytes


@dataclass(frozen=True)
class CommittedEntry:
    """A version's entry in the lock as first committed."""

    entry: LockedVersion
    commit: Commit


@dataclass
class History:
    files: dict[str, CommittedFile] = field(default_factory=dict)  # path under archive/ → first committed
    entries: dict[int, CommittedEntry] = field(default_factory=dict)  # version → its lock entry as first committed
    lock_commit: Commit | None = None  # the last commit that left a lock in archive/ (None: never committed)


def read_history(root: Path) -> History:
    """Everything history recorded about archive/ at HEAD; HistoryUnavailable when it cannot be read."""
    return read_histories(root)[None]


def read_histories(root: Path, documents: Collection[str] = ()) -> dict[str | None, History]:
    """The policy's history (key None, archive/) and each other document's (archive/<id>/), from the same
    three git calls: one log over archive/ holds every folder, so more documents cost no more processes."""
    prefix = _checkout_prefix(root)
    histories: dict[str | None, History] = {None: History(), **{document: History() for document in documents}}
    log = _log(root)
    if log is None:  # a repository without a single commit: nothing is recorded yet
        return histories
    first_added: dict[tuple[str | None, str], Commit] = {}
    lock_revisions: list[tuple[str | None, Commit]] = []
    for commit, status, path in log:
        if not path.startswith(f"{ARCHIVE_DIR}/"):
            continue
        owner, relative = _owner(path[len(ARCHIVE_DIR) + 1:], histories)
        if status == "A" and FROZEN_PATH.fullmatch(relative) and (owner, relative) not in first_added:
            first_added[owner, relative] = commit
        if relative == LOCK_NAME:
            if status == "D":
                continue
            lock_revisions.append((owner, commit))
            histories[owner].lock_commit = commit
    requests = [f"{c.id}:{prefix}{folder_of(owner)}/{p}" for (owner, p), c in first_added.items()]
    requests += [f"{c.id}:{prefix}{folder_of(owner)}/{LOCK_NAME}" for owner, c in lock_revisions]
    blobs = _cat_files(root, requests)
    for ((owner, relative), commit), content in zip(first_added.items(), blobs):
        if content is not None:
            histories[owner].files[relative] = CommittedFile(relative, commit, content)
    for (owner, commit), content in zip(lock_revisions, blobs[len(first_added):]):
        if content is None:
            continue
        try:
            lock = parse_lock(content.decode("utf-8"))
        except (LockError, UnicodeDecodeError):
            continue  # a damaged revision vouches for nothing; the working lock is judged on its own
        for entry in lock.versions:
            histories[owner].entries.setdefault(entry.version, CommittedEntry(entry, commit))
    return histories


def folder_of(document: str | None) -> str:
    """archive/ for the policy, archive/<id> for another document: the folder its history is read from."""
    return ARCHIVE_DIR if document is None else f"{ARCHIVE_DIR}/{document}"


def _owner(relative: str, histories: dict[str | None, History]) -> tuple[str | None, str]:
    """Whose archive a path under archive/ belongs to, and the path inside that archive's folder."""
    head, _, rest = relative.partition("/")
    return (head, rest) if rest and head in histories else (None, relative)


def _git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    # English messages from git, whatever the machine's language: they end up in the finding.
    env = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C"}
    try:
        return subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, env=env,
                              timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise HistoryUnavailable("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise HistoryUnavailable(f"`git {args[0]}` did not answer within {GIT_TIMEOUT:.0f} seconds") from None
    except OSError as error:
        raise HistoryUnavailable(f"git could not be run ({error.strerror or error})") from None


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    lines = [line.strip() for line in result.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[0].removeprefix("fatal: ") if lines else f"git exited with status {result.returncode}"


def _checkout_prefix(root: Path) -> str:
    """The project's folder inside the repository ("" at its top), after making sure history is whole."""
    result = _git(root, "rev-parse", "--is-inside-work-tree", "--show-prefix", "--is-shallow-repository")
    if result.returncode != 0:
        raise HistoryUnavailable(f"the project is not a git checkout ({_said(result)})")
    answers = result.stdout.decode("utf-8", "replace").split("\n")
    if len(answers) < 3 or answers[0] != "true":
        raise HistoryUnavailable("the project is not inside a git work tree")
    if answers[2] == "true":
        raise HistoryUnavailable("the checkout is shallow, so the commits that recorded earlier releases are "
                                 "missing (fetch the whole history: `git fetch --unshallow`, or `fetch-depth: 0` "
                                 "in actions/checkout)")
    return answers[1]


def _log(root: Path) -> list[tuple[Commit, str, str]] | None:
    """(commit, status letter, path) for every change under archive/, oldest first; None before the first commit."""
    result = _git(root, "log", "--full-history", "--date-order", "--reverse", "--no-renames", "--relative",
                  "--name-status", "--format=commit %H %ct", "HEAD", "--", ARCHIVE_DIR)
    if result.returncode != 0:
        if _git(root, "rev-parse", "--quiet", "--verify", "HEAD").returncode != 0:
            return None
        raise HistoryUnavailable(f"`git log` failed ({_said(result)})")
    changes: list[tuple[Commit, str, str]] = []
    commit: Commit | None = None
    for line in result.stdout.decode("utf-8", "surrogateescape").splitlines():
        if line.startswith("commit "):
            _, sha, time = line.split(" ")
            commit = Commit(sha, int(time))
        elif "\t" in line and commit is not None:
            status, path = line.split("\t", 1)
            changes.append((commit, status[:1], path))
    return changes


def _cat_files(root: Path, requests: list[str]) -> list[bytes | None]:
    """The bytes of each ``commit:path`` (None for one git does not have), in one process."""
    if not requests:
        return []
    result = _git(root, "cat-file", "--batch", stdin="".join(f"{r}\n" for r in requests).encode("utf-8"))
    if result.returncode != 0:
        raise HistoryUnavailable(f"`git cat-file` failed ({_said(result)})")
    out, position, blobs = result.stdout, 0, []  # type: ignore[var-annotated]
    try:
        for _ in requests:
            end = out.index(b"\n", position)
            header = out[position:end].split(b" ")
            position = end + 1
            if len(header) != 3:  # "<request> missing" (or ambiguous): nothing follows
                blobs.append(None)
                continue
            size = int(header[2])
            blobs.append(out[position:position + size] if header[1] == b"blob" else None)
            position += size + 1  # the content is followed by a newline
    except ValueError:
        raise HistoryUnavailable("`git cat-file` gave an answer that cannot be read") from None
    return blobs


def changed_files(root: Path, folders: tuple[str, ...]) -> list[str]:
    """Every path under ``folders`` that differs from HEAD (edited, added, deleted, untracked), relative to ``root``.

    What `make release` froze is the text docs/ and data/ give now: the commit of a release must
    hold those edits beside archive/, or the deploy finds a text no release vouches for.
    """
    prefix = _checkout_prefix(root)
    result = _git(root, "status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--", *folders)
    if result.returncode != 0:
        raise HistoryUnavailable(f"`git status` failed ({_said(result)})")
    paths = []
    for record in result.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if len(record) > 3:  # "XY path"; ignored files are not listed without --ignored
            path = record[3:]
            paths.append(path[len(prefix):] if path.startswith(prefix) else path)
    return sorted(set(paths))
