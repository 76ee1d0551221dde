"""Helpers shared by the archive tests: release for real, read what was served."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

from conftest import BuildResult, Project, run_policysite

SITE_URL = "https://privacy.xometry.asia/"
# One sentence edited in each language between the two releases of the tests.
EDITS = {
    "zh": ("docs/zh/sections/rights.md", "我们将验证您的身份", "我们将在核实后验证您的身份"),
    "en": ("docs/en/sections/rights.md", "We will verify your identity", "We will promptly verify your identity"),
}
SUMMARIES = {"zh": "明确了我们何时核实您的身份。", "en": "Clarifies when we verify your identity."}


def run(root: Path, *args: str, today: str | None = None) -> BuildResult:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("POLICYSITE_TODAY", None)
    if today:
        env["POLICYSITE_TODAY"] = today
    return run_policysite(root, *args, env=env)


def release(project: Project, *args: str, today: str) -> BuildResult:
    return run(project.root, "release", *args, today=today)


def build(project: Project, *, today: str) -> BuildResult:
    return run(project.root, "build", "--site-dir", "site", today=today)


def never_released(project: Project) -> Project:
    """The flagship as it was before its first release."""
    shutil.rmtree(project.path("archive"), ignore_errors=True)
    return project


def edit_text(project: Project) -> None:
    for path, old, new in EDITS.values():
        project.replace(path, old, new)


def summary_args(summaries: dict[str, str] = SUMMARIES) -> list[str]:
    return [arg for code, text in summaries.items() for arg in ("--summary", f"{code}={text}")]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file a release could touch."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for folder in ("archive", "data", "docs") if (root / folder).exists()
            for p in sorted((root / folder).rglob("*")) if p.is_file()}


def served(project: Project, url: str) -> bytes:
    """The bytes the built site serves at an absolute URL of the manifest."""
    assert url.startswith(SITE_URL), url
    path = url[len(SITE_URL):]
    target = project.site / path
    return (target / "index.html" if path.endswith("/") or path == "" else target).read_bytes()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def article(html: str) -> str:
    """The page's content, without the site's header and footer."""
    found = re.search(r"<article[^>]*>(.*?)</article>", html, re.S)
    assert found, "no <article> in the page"
    return found.group(1)


def redline_changes(html: str) -> list[tuple[str, str]]:
    """(deleted, inserted) pairs marked in the redline blocks of a diff page, in order."""
    pairs = []
    for block in re.findall(r'<div class="redline-block">(.*?)</div>', html, re.S):
        for deleted, inserted in re.findall(r"(?:<del>(.*?)</del>)?(?:<ins>(.*?)</ins>)?", block):
            if deleted or inserted:
                pairs.append((deleted, inserted))
    return pairs


def notice_links(project: Project, page: str, html: str) -> dict[str, Path]:
    """Every link in the change notices of the built page at ``page`` (a folder under site/): href → the file it opens."""
    found = {}
    for box in re.findall(r'<div class="policy-banner policy-banner--(?:updated|upcoming)[^"]*" role="note">(.*?)</div>',
                          html, re.S):
        for href in re.findall(r'href="([^"]+)"', box):
            target = (project.site / page / href).resolve()
            found[href] = target / "index.html" if href.endswith("/") else target
    return found
