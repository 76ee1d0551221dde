"""Helpers for the import tests: run the real command, and account for every character of a source."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"


def run_import(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policysite", "import", *args], cwd=cwd or PROJECT,
                          capture_output=True, text=True, timeout=300)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def imported_corpus(root: Path) -> str:
    """Everything the import wrote that a source's words may have gone to."""
    files = sorted((root / "docs").glob("*/sections/*.md")) + sorted((root / "data").glob("*.yml"))
    files.append(root / "REVIEW-NOTES.md")
    return "\x00".join(squeeze(path.read_text(encoding="utf-8")) for path in files)


def unaccounted(paragraphs: list[str], corpus: str) -> list[str]:
    """Source paragraphs some character of which is in no file the import wrote.

    Each paragraph (whitespace removed) must be covered, left to right, by pieces of at least
    two characters found verbatim in the section files, data/ or REVIEW-NOTES.md.
    """
    lost = []
    for paragraph in paragraphs:
        text = squeeze(paragraph)
        i = 0
        while i < len(text):
            j = i
            while j < len(text) and text[i:j + 1] in corpus:
                j += 1
            if j - i < 2 and not (j == len(text) and j > i):
                lost.append(f"{paragraph!r} from {text[i:i + 20]!r}")
                break
            i = j
    return lost
