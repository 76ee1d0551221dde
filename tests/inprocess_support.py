"""Run `python -m policysite …` and its MkDocs build inside the test process, as the commands would in their own.

Each build through the real commands starts two interpreters (policysite, then MkDocs as its child: about a
second of a 2-core machine before any page is built). Most tests only need what a build prints and writes, so
they run both here. What only separate processes show (exit codes seen by a shell, signals, the build lock, a
killed MkDocs) stays tested through the real commands (tests/test_attack_build.py, tests/test_check_cli.py,
tests/test_build.py).

Running MkDocs here has to leave nothing behind that a child process would have taken with it: the
environment, the working folder, MkDocs' log handler and warning filters, and the hook modules (MkDocs imports
hooks/*.py and their siblings such as policy_state.py into sys.modules and keeps them: see
/work/shared/NOTES-mkdocs.md), which are dropped after every build so that the next build starts fresh.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import traceback
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path

from policysite import publish


@contextlib.contextmanager
def environment(env: Mapping[str, str]) -> Iterator[None]:
    """os.environ is exactly ``env`` inside, and as it was afterwards."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def working_folder(folder: Path) -> Iterator[None]:
    saved = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(saved)


# A module file's resolved path, remembered: resolving the ~1,500 files a test worker has imported took 40 ms,
# twice per build. A file's path does not change while the suite runs (each project is a new folder).
_RESOLVED: dict[str, Path] = {}


def _resolved(file: str) -> Path:
    if not os.path.isabs(file):  # relative to the working folder, which changes from build to build
        return Path(file).resolve()
    found = _RESOLVED.get(file)
    if found is None:
        found = _RESOLVED[file] = Path(file).resolve()
    return found


def _drop_hook_modules(root: Path) -> None:
    """Forget every module imported from the project (its hooks/), and any module of the same name imported from
    elsewhere (a unit test importing the repository's hooks/): the next build imports them anew."""
    names = {path.stem for path in (root / "hooks").glob("*.py")}
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if name in names or (file and _resolved(file).is_relative_to(root)):
            del sys.modules[name]


def run_mkdocs(arguments: list[str], root: Path, env: dict[str, str]) -> tuple[int, str]:
    """`python -m mkdocs ARGUMENTS` with stdout and stderr into one pipe, as publish.py's child; here."""
    from mkdocs import __main__ as mkdocs_cli
    from mkdocs.commands import build as mkdocs_build

    printed = io.StringIO()
    logger = logging.getLogger("mkdocs")
    saved_logger = (logger.level, logger.propagate, list(logger.handlers))
    saved_build_filters = list(mkdocs_build.log.filters)
    saved_width = mkdocs_cli.ColorFormatter.text_wrapper.width
    # A child's unconfigured loggers (Markdown's, a hook's logging.getLogger) print through Python's last resort
    # handler: the message alone, warnings and worse. pytest's own handlers would swallow them here.
    last_resort = logging.StreamHandler(printed)
    last_resort.setLevel(logging.WARNING)
    root_logger = logging.getLogger()
    root_logger.addHandler(last_resort)
    # The child's output is a pipe, so MkDocs wraps no line; the test process may have a terminal.
    mkdocs_cli.ColorFormatter.text_wrapper.width = 0
    _drop_hook_modules(root.resolve())
    code: int
    try:
        with environment(env), working_folder(root), warnings.catch_warnings(), \
                contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            try:
                mkdocs_cli.cli.main(args=arguments, prog_name="mkdocs", standalone_mode=True)
                code = 0
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
            except Exception:  # what an interpreter does with an uncaught exception: the traceback, exit 1
                printed.write(traceback.format_exc())
                code = 1
    finally:
        root_logger.removeHandler(last_resort)
        logger.setLevel(saved_logger[0])
        logger.propagate = saved_logger[1]
        logger.handlers[:] = saved_logger[2]
        mkdocs_build.log.filters[:] = saved_build_filters
        mkdocs_cli.ColorFormatter.text_wrapper.width = saved_width
        _drop_hook_modules(root.resolve())
    return code, printed.getvalue()


def run_policysite(arguments: list[str], env: Mapping[str, str]) -> tuple[int, str, str]:
    """`python -m policysite ARGUMENTS` with ``env``: (exit code, stdout, stderr); MkDocs runs here too."""
    from policysite.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_runner = publish.MKDOCS_IN_PROCESS
    publish.MKDOCS_IN_PROCESS = run_mkdocs
    try:
        with environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(arguments)
            except SystemExit as exit:  # argparse's usage errors
                code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    finally:
        publish.MKDOCS_IN_PROCESS = saved_runner
    return code, out.getvalue(), err.getvalue()
