"""Content-hashed file names, so a cache keyed by URL can never serve a stale file.

WeChat's web-view caches aggressively by URL: a stylesheet that keeps its name
when it changes may be served old for days. A name that carries a digest of
the content changes exactly when the content does, and can be cached forever.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath

# Material's own bundles already look like `main.57a0d79d.min.css`.
_HASHED = re.compile(r"\.[0-9a-f]{8,}\.")


def is_hashed(name: str) -> bool:
    return bool(_HASHED.search(PurePosixPath(name).name))


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:10]


def hashed_name(name: str, content: bytes) -> str:
    """``assets/stylesheets/policy.css`` → ``assets/stylesheets/policy.1a2b3c4d5e.css``."""
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}.{digest(content)}{path.suffix}"))
