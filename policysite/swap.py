"""Put a finished site in place in one step, so that site/ is never absent nor half-written.

Why an atomic exchange of two folders and not a symlink `site -> .site-versions/<id>`:
site/ stays a real folder, so every way it is deployed keeps working unchanged —
`cp -r site`, `rsync -a site`, Alibaba Cloud's ossutil (which skips linked folders
unless told otherwise), Docker's COPY, actions/upload-pages-artifact — while a
reader of site/ sees the old site or the new one, never a gap. Linux has done
this since 3.15 with renameat2(RENAME_EXCHANGE), macOS with renamex_np(RENAME_SWAP);
Python exposes neither, hence ctypes. On a file system that cannot exchange (NFS,
some FUSE mounts) the swap falls back to two renames and says so.
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
import tempfile
from pathlib import Path

_AT_FDCWD = -100
_LINUX_NOREPLACE, _LINUX_EXCHANGE = 1, 2
_DARWIN_SWAP, _DARWIN_EXCL = 0x2, 0x4
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


def _rename_with(source: Path, target: Path, *, exchange: bool) -> bool | None:
    """True when done, None when this system or file system cannot; raises OSError otherwise."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    if sys.platform.startswith("linux"):
        function = getattr(libc, "renameat2", None)
        if function is None:
            return None
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        result = function(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target),
                          _LINUX_EXCHANGE if exchange else _LINUX_NOREPLACE)
    elif sys.platform == "darwin":
        function = getattr(libc, "renamex_np", None)
        if function is None:
            return None
        function.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        result = function(os.fsencode(source), os.fsencode(target), _DARWIN_SWAP if exchange else _DARWIN_EXCL)
    else:
        return None
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return None
    raise OSError(code, os.strerror(code), str(target))


def exchange(new: Path, current: Path) -> None:
    """Swap the two folders: afterwards ``current`` holds the new site and ``new`` the old one."""
    if _rename_with(new, current, exchange=True):
        return
    print(f"Note: this file system cannot exchange folders atomically; {current.name}/ is replaced "
          "in two renames, so for an instant it is absent.", file=sys.stderr)
    aside = Path(tempfile.mkdtemp(prefix=".site-old-", dir=current.parent))
    current.rename(aside / "site")
    new.rename(current)
    (aside / "site").rename(new)  # where the caller expects the old site
    aside.rmdir()


def rename_without_replacing(source: Path, target: Path) -> bool:
    """Move ``source`` to ``target`` only if nothing is there; False if something is.

    Plain rename(2) silently replaces an empty folder that appeared meanwhile,
    which would break the rule that a build only replaces what it checked.
    """
    try:
        done = _rename_with(source, target, exchange=False)
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno in (errno.EEXIST, errno.ENOTEMPTY):
            return False
        raise
    if done:
        return True
    if os.path.lexists(target):
        return False
    source.rename(target)
    return True
