"""Build into a temporary folder and replace site/ only when the build succeeded.

MkDocs cleans site/ before it writes and fails --strict only after writing;
building beside it and swapping keeps the published site intact on failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build_site(root: Path, site_dir: Path, *, config_file: str = "mkdocs.yml", strict: bool = True,
               extra_env: dict[str, str] | None = None) -> int:
    root = root.resolve()
    site_dir = (root / site_dir).resolve() if not site_dir.is_absolute() else site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    # mkdtemp makes the folder private (0700); once renamed to site/ a web server
    # running as another user, or `rsync -a`, would serve 403 for the whole site.
    staging.chmod(0o755)
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(root / config_file),
               "--site-dir", str(staging)]
    # Explicit either way: mkdocs.yml says `strict: true`, which a missing flag would keep.
    command.append("--strict" if strict else "--no-strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    try:
        result = subprocess.run(command, cwd=root, env=env, check=False)
        if result.returncode != 0:
            print(f"Build failed: {site_dir.name}/ was left as it was.", file=sys.stderr)
            return result.returncode
        _swap(staging, site_dir)
        print(f"Published to {site_dir}.")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, site_dir: Path) -> None:
    retired = None
    if site_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
        site_dir.rename(retired / "site")
    staging.rename(site_dir)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
