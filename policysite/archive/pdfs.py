"""Making the PDFs of released versions: at `make release`, and `make pdf` for versions released before.

A PDF is written next to its frozen text (new files only, never over one) and its
SHA-256 goes into archive/archive.lock.json; from then on builds copy it, so the
cost of PDFs does not grow with every build. Another document of the site (a list,
data/site.yml) gets the same in its own folder: archive/<id>/<effective>/<lang>.pdf,
vouched for by archive/<id>/archive.lock.json.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .. import urls
from ..model import Policy
from .frozen import FrozenText, parse
from .pages import site_path
from .pdf import PdfFacts, make, pdf_path
from .store import ARCHIVE_DIR, Lock, archive_dir, lock_path, read_lock

_SITE_URL = re.compile(r"^site_url:\s*['\"]?([^'\"#\s]+)", re.M)


def site_url(root: Path) -> str:
    """mkdocs.yml's `site_url`, read as text (the core never imports MkDocs); "" when it has none."""
    try:
        match = _SITE_URL.search((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except OSError:
        return ""
    return match.group(1) if match else ""


def facts(policy: Policy, language: str, text: FrozenText, base_url: str, prefix: str = "") -> PdfFacts:
    """The running header's facts; ``prefix`` is the document's (data/site.yml), "" for the policy."""
    lang = policy.language(language)
    page = site_path(lang, urls.version_path(prefix, text.effective))
    address = (base_url.rstrip("/") + "/" + page) if base_url else "/" + page
    return PdfFacts(company=str(policy.contexts[language]["company"]["legal_name"]), address=address,
                    hreflang=lang.hreflang, locale=lang.locale, words_dir=policy.data_dir)


def render_all(policy: Policy, texts: dict[str, FrozenText], root: Path, prefix: str = "") -> dict[str, bytes]:
    """Every language's PDF of one version, checked (PdfUnavailable, one line, when one cannot be made right)."""
    base_url = site_url(root)
    return {code: make(text, facts(policy, code, text, base_url, prefix)) for code, text in texts.items()}


def backfill(root: Path, policy: Policy) -> list[str]:
    """`make pdf`: the PDF of every released version that has none, the policy's and every other document's
    of data/site.yml; returns the files written."""
    from .documents import other_documents

    written = _backfill(root, policy, None, "")
    for document in other_documents(policy.data):
        written += _backfill(root, policy, document.id, document.prefix)
    return written


def _backfill(root: Path, policy: Policy, document: str | None, prefix: str) -> list[str]:
    """One archive's missing PDFs (archive/ for the policy, archive/<id>/ for another document)."""
    from .frozen import sha256

    lock: Lock | None = read_lock(root, document)
    if lock is None:
        return []
    written: list[str] = []
    folder = archive_dir(root, document)
    shown = ARCHIVE_DIR if document is None else f"{ARCHIVE_DIR}/{document}"
    for entry in lock.versions:
        missing = {code: parse((folder / path).read_bytes())
                   for code, (path, _) in entry.files.items() if code not in entry.pdfs}
        if not missing:
            continue
        made = render_all(policy, missing, root, prefix)
        for code, content in made.items():
            relative = pdf_path(entry.effective, code)
            with open(folder / relative, "xb") as handle:  # x: never over an existing file
                handle.write(content)
            entry.pdfs[code] = (relative, sha256(content))
            written.append(f"{shown}/{relative}")
        path = lock_path(root, document)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(lock.to_json(), encoding="utf-8")
        os.replace(temporary, path)
    return written
