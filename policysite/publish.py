"""Build into a temporary folder and exchange it with the site folder only when the build succeeded.

MkDocs cleans its site_dir before it writes and fails --strict only after
writing, so the build goes to `.site-build-…/` beside the site folder and the
finished site is swapped in with one atomic exchange (see `swap.py`): a web
server or a deploy reading site/ always finds one complete site, the old or
the new.

A build only ever replaces a folder it made itself: every built site carries
the marker file `.policysite-site`, and a site folder that is neither absent,
empty nor marked is refused, whatever path --site-dir names. One build runs
at a time per project (`.policysite-build.lock`), and SIGINT or SIGTERM stop
MkDocs, remove the temporary folder and leave the site folder as it was.
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from collections.abc import Callable, Iterator

from .findings import Finding
from .internal_errors import debugging, traceback_finding
from .mkdocs_messages import shorten_finding_line, warning_line_finding
from .swap import exchange, rename_without_replacing

MARKER = ".policysite-site"
MARKER_TEXT = ("Written by `python -m policysite build`: this folder is a built policy site, "
               "and the next build of its project may replace it.\n")
LOCK = ".policysite-build.lock"
STAGING_PREFIX = ".site-build-"
# Folders of the project that the build reads: a site written there would be read back as input.
_SOURCES = ("docs", "data", "archive", "overrides", "hooks", "policysite", ".git")
_STOP_GRACE_SECONDS = 5.0

# Runs `mkdocs ARGS` inside this process and returns (exit code, everything MkDocs printed), given the
# arguments, the project folder and the environment the child would have had. None (the default): MkDocs runs
# as a child process, which is what the commands do. The test harness (tests/inprocess_support.py) sets it to
# save a second interpreter per build; the core never imports MkDocs itself, so the runner lives there.
MkDocsRunner = Callable[[list[str], Path, dict[str, str]], tuple[int, str]]
MKDOCS_IN_PROCESS: MkDocsRunner | None = None


class Refused(Exception):
    """A build that must not go on; carries the one-line finding to print."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.format())
        self.finding = finding


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; a BaseException so that no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def shown_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return path.as_posix()


def site_folder(root: Path, given: Path) -> Path:
    """The absolute site folder for ``given``, or Refused when no build may ever write there.

    Symbolic links in the folders above are resolved (the real place is what
    matters), the last part is not: a link named site/ is refused, not followed.
    """
    raw = given if given.is_absolute() else root / given
    if raw.name in ("", ".", ".."):
        target = raw.resolve()
    else:
        target = raw.parent.resolve() / raw.name
    shown = shown_path(target, root)
    fix = "pass a folder of its own inside the project, such as `--site-dir site` (the default)"
    if target == root:
        raise Refused(Finding(shown, 1, "site.folder", "the site folder is the project folder itself: publishing "
                              "would replace docs/, data/ and everything else in it", fix))
    if root.is_relative_to(target):
        raise Refused(Finding(shown, 1, "site.folder", "the site folder holds the project: publishing would "
                              "replace the project and everything beside it", fix))
    for source in _SOURCES:
        if target.is_relative_to(root / source):
            raise Refused(Finding(shown, 1, "site.folder", f"the site folder is inside {source}/, which the build "
                                  "reads: the site would be read back as the policy's own files", fix))
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError as error:
        raise Refused(Finding(shown, 1, "site.folder", f"the site folder cannot be examined ({error.strerror})",
                              fix)) from None
    if stat.S_ISLNK(mode):
        raise Refused(Finding(shown, 1, "site.folder", f"the site folder is a symbolic link (to {os.readlink(target)}): "
                              "a build replaces only folders it made itself, never what a link points to",
                              "point --site-dir at a folder, not a link, or remove the link yourself"))
    if not stat.S_ISDIR(mode):
        raise Refused(Finding(shown, 1, "site.folder", "a file is where the site folder should be",
                              "move the file away, or pass another folder with --site-dir"))
    return target


def ownership_problem(target: Path, root: Path) -> Finding | None:
    """None when a build may replace ``target``: it is absent, empty, or a site a build made (marked)."""
    shown = shown_path(target, root)
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISDIR(mode):  # a link or a file appeared since site_folder() looked
        return Finding(shown, 1, "site.folder", "the site folder is no longer a folder (a link or a file took its place)",
                       "remove it yourself if it is not needed, then build again")
    try:
        entries = os.listdir(target)
        marker = os.lstat(target / MARKER).st_mode if MARKER in entries else None
    except OSError as error:
        return Finding(shown, 1, "site.folder", f"the site folder cannot be read ({error.strerror})",
                       "give the build's user access to it, or pass another folder with --site-dir")
    if not entries or (marker is not None and stat.S_ISREG(marker)):
        return None
    return Finding(shown, 1, "site.folder",
                   f"this folder was not made by a build (it is not empty and has no {MARKER} marker), so "
                   "publishing would destroy files that may not be a site; nothing was published",
                   "pass a new or empty folder with --site-dir; if it really is a site built before this check "
                   "existed, delete it yourself (`make clean` removes site/) and build again")


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """One build at a time per project: the second is refused with the first one's process id.

    flock is released by the kernel when the process dies, however it dies, so
    a killed build never leaves a stale lock; the file itself stays (deleting
    it would let a third build lock a different file).
    """
    path = root / LOCK
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as error:
        raise Refused(Finding(LOCK, 1, "site.build-lock", f"the build lock cannot be created ({error.strerror})",
                              "make the project folder writable for the user who builds")) from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise Refused(Finding(LOCK, 1, "site.build-lock",
                                  f"another build of this project is running (process {holder}); two builds "
                                  "would race to replace the same site folder",
                                  "wait for that build to finish, then build again")) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(descriptor)


@dataclass
class _Signals:
    """SIGINT/SIGTERM raise Interrupted, except inside `critical()` where they wait for its end."""

    critical_depth: int = 0
    pending: int | None = None
    previous: dict[int, object] = field(default_factory=dict)

    def handle(self, signum: int, _frame: object) -> None:
        if self.critical_depth:
            self.pending = signum
            return
        raise Interrupted(signum)

    @contextmanager
    def installed(self) -> Iterator[_Signals]:
        if _in_main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self.previous[signum] = signal.signal(signum, self.handle)
        try:
            yield self
        finally:
            for number, handler in self.previous.items():
                signal.signal(number, handler)  # type: ignore[arg-type]

    @contextmanager
    def critical(self) -> Iterator[None]:
        self.critical_depth += 1
        try:
            yield
        finally:
            self.critical_depth -= 1
        if not self.critical_depth and self.pending is not None:
            raise Interrupted(self.pending)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _project_tag(root: Path) -> str:
    # Temporary folders carry the project's tag so that a build cleans up only its own project's leftovers
    # when two projects publish beside each other.
    return hashlib.sha256(os.fsencode(root)).hexdigest()[:8]


def _remove_leftovers(parent: Path, tag: str) -> None:
    """Temporary folders of this project's builds that were killed outright (SIGKILL, power loss).

    Called under the lock, so no build of this project is using them; only
    folders carrying the marker are removed.
    """
    for leftover in parent.glob(f"{STAGING_PREFIX}{tag}-*"):
        if leftover.is_dir() and not leftover.is_symlink() and (leftover / MARKER).is_file():
            shutil.rmtree(leftover, ignore_errors=True)


def _die_with_parent() -> None:
    """In the MkDocs child: get SIGTERM if the build process dies without cleaning up (Linux)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _stop(process: subprocess.Popen[str]) -> None:
    """Stop MkDocs and anything it started: the child leads its own process group."""
    for signum, wait in ((signal.SIGTERM, _STOP_GRACE_SECONDS), (signal.SIGKILL, None)):
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _relay(stream: IO[str], root: Path, out: IO[str], config_text: str | None = None) -> None:
    """MkDocs' output, with a traceback turned into one internal.error line (POLICYSITE_DEBUG=1 keeps it).

    Warnings MkDocs prints before the hooks run (its configuration checks) become findings here.
    """
    keep_tracebacks = debugging()
    trace: list[str] | None = None
    for raw in stream:
        line = raw.rstrip("\n")
        if trace is not None:
            trace.append(line)
            if not line or line.startswith((" ", "\t", "Traceback", "During handling", "The above exception")):
                continue
            print(traceback_finding(trace, project=root).format(), file=out, flush=True)
            trace = None
            continue
        if line.startswith("Traceback (most recent call last)") and not keep_tracebacks:
            trace = [line]
            continue
        warning = warning_line_finding(line, config_text=config_text)
        print(warning.format() if warning else shorten_finding_line(line), file=out, flush=True)
    if trace:
        print(traceback_finding(trace, project=root).format(), file=out, flush=True)


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _discard_old(old: Path, root: Path) -> None:
    """The site that was just swapped out: removed if a build made it (marked) or it was an empty folder."""
    try:
        if (old / MARKER).is_file() and not old.is_symlink():
            shutil.rmtree(old)
        else:
            old.rmdir()  # only ever succeeds on an empty folder
    except OSError:
        print(f"{shown_path(old, root)}:1: site.folder: the previous site was set aside here but not removed — "
              "delete it yourself once you have checked it", file=sys.stderr)


def _publish(staging: Path, target: Path, root: Path) -> Finding | None:
    problem = ownership_problem(target, root)
    if problem is not None:
        return problem
    if not os.path.lexists(target):
        if rename_without_replacing(staging, target):
            return None
        problem = ownership_problem(target, root)  # something appeared there meanwhile
        return problem or Finding(shown_path(target, root), 1, "site.folder",
                                  "a folder appeared where the site was to be published", "build again")
    exchange(staging, target)
    _discard_old(staging, root)  # the old site is now where the new one was built
    return None


def build_site(root: Path, site_dir: Path, *, config_file: str = "mkdocs.yml", strict: bool = True,
               extra_env: dict[str, str] | None = None) -> int:
    root = root.resolve()
    signals = _Signals()
    try:
        with signals.installed():
            if not (root / config_file).is_file():
                raise Refused(Finding(shown_path(root / config_file, Path.cwd()), 1, "site.folder",
                                      "there is no MkDocs configuration here, so this is not a project to build",
                                      "run the build in the project folder, or pass it with --root"))
            target = site_folder(root, site_dir)
            with build_lock(root):
                return _build(root, target, signals, config_file=config_file, strict=strict, extra_env=extra_env)
    except Refused as refusal:
        print(refusal.finding.format(), file=sys.stderr)
        return 1
    except Interrupted as interruption:
        name = signal.Signals(interruption.signum).name
        shown = shown_path((root / site_dir) if not site_dir.is_absolute() else site_dir, root)
        print(Finding(shown, 1, "site.interrupted", f"the build was stopped by {name} before it finished; nothing "
                      "was published and the site folder is as it was", "build again when ready").format(),
              file=sys.stderr)
        return 128 + interruption.signum


def _build(root: Path, target: Path, signals: _Signals, *, config_file: str, strict: bool,
           extra_env: dict[str, str] | None) -> int:
    tag = _project_tag(root)
    staging: Path | None = None
    process: subprocess.Popen[str] | None = None
    try:
        with signals.critical():  # a signal between mkdtemp and the marker would leave an unmarked leftover
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                _remove_leftovers(target.parent, tag)
                staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{tag}-", dir=target.parent))
                # mkdtemp makes the folder private (0700); once in place a web server running as
                # another user, or `rsync -a`, would serve 403 for the whole site.
                staging.chmod(0o755)
                # MkDocs' clean step keeps dot-files, so the marker survives into the published site.
                (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            except OSError as error:
                raise Refused(Finding(shown_path(target.parent, root), 1, "site.folder",
                                      f"the build cannot write beside the site folder ({error.strerror})",
                                      "give the build's user write access to this folder, or pass another "
                                      "--site-dir")) from None
        arguments = ["build", "--config-file", str(root / config_file), "--site-dir", str(staging)]
        # Explicit either way: mkdocs.yml says `strict: true`, which a missing flag would keep.
        arguments.append("--strict" if strict else "--no-strict")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1", **(extra_env or {})}
        if MKDOCS_IN_PROCESS is not None:
            returncode, printed = MKDOCS_IN_PROCESS(arguments, root, env)
            _relay(io.StringIO(printed), root, sys.stderr, _read_text(root / config_file))
        else:
            process = subprocess.Popen([sys.executable, "-m", "mkdocs", *arguments], cwd=root, env=env,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       text=True, encoding="utf-8", errors="replace", start_new_session=True,
                                       preexec_fn=_die_with_parent)
            assert process.stdout is not None
            _relay(process.stdout, root, sys.stderr, _read_text(root / config_file))
            returncode = process.wait()
        if returncode != 0:
            print(f"Build failed: {shown_path(target, root)}/ was left as it was.", file=sys.stderr)
            return returncode
        # From here on finishing is quicker than stopping: a signal no longer interrupts.
        signals.critical_depth += 1
        problem = _publish(staging, target, root)
        if problem is not None:
            print(problem.format(), file=sys.stderr)
            return 1
        print(f"Published to {target}.")
        return 0
    finally:
        signals.critical_depth += 1  # a second Ctrl-C must not cut the clean-up short
        if process is not None and process.poll() is None:
            _stop(process)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
