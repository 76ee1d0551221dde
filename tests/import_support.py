"""Helpers for the import tests: run the import command (in this process), and account for every character of a source."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

import inprocess_support

from policysite.dates import long_date

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"


def run_import(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m policysite import ARGS` from ``cwd``, run in this process (tests/inprocess_support.py): its exit
    code, stdout and stderr as from the command. An interpreter of its own per import cost about a second of a
    2-core machine; the import reads files and writes a project, the same code either way."""
    arguments = ["import", *args]
    with inprocess_support.working_folder(cwd or PROJECT):
        code, out, err = inprocess_support.run_policysite(arguments, dict(os.environ))
    return subprocess.CompletedProcess([sys.executable, "-m", "policysite", *arguments], code, out, err)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


LOCALES = {"zh": "zh_Hans_CN", "en": "en"}


def filled(text: str, root: Path, language: str) -> str:
    """A section file with its fact placeholders filled from the imported data/, as a reader sees it."""
    values: dict[str, object] = {}
    for name in ("company", "contact", "policy"):
        path = root / "data" / f"{name}.yml"
        data = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}
        for key, value in data.items():
            if isinstance(value, dict) and language in value:
                value = value[language]
            if isinstance(value, dt.date):
                value = long_date(value, LOCALES.get(language, language))
            values[f"{name}.{key}"] = value
    return re.sub(r"\{\{ ([a-z_]+\.[a-z_]+) \}\}", lambda m: str(values.get(m.group(1), m.group(0))), text)


def imported_corpus(root: Path) -> str:
    """Everything the import wrote that a source's words may have gone to: the section files
    (placeholders filled), data/ and REVIEW-NOTES.md."""
    pieces = [filled(path.read_text(encoding="utf-8"), root, path.parent.parent.name)
              for path in sorted((root / "docs").glob("*/sections/*.md"))]
    pieces += [path.read_text(encoding="utf-8") for path in sorted((root / "data").glob("*.yml"))]
    pieces.append((root / "REVIEW-NOTES.md").read_text(encoding="utf-8"))
    return "\x00".join(squeeze(piece) for piece in pieces)


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
