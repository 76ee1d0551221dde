"""Interface words: one catalogue per language, the one place the build's own words live.

Labels, web-view words, the archive's banners and notices, the 404 page, the PDF's
running header and the WeChat settings page all read their words from here
(`words(language, group)`), so a language is added by adding one file, and a
language without one is a finding (`site.words-missing`), never a silent
English page.

Catalogues are YAML, not Python: translators and the compliance owner already
edit YAML under data/, and it is read with the project's strict safe loader
(no aliases, tags or duplicate keys; findings carry file and line).

- The core ships `policysite/words/<code>.yml` (zh, en); en.yml is the reference:
  it holds every key the code reads.
- A company adds a language the core does not ship, or rewords a text, in its own
  `data/words/<code>.yml` (same shape; its keys win over the core's). Project
  words belong to the project, like every other fact under data/, so a fork
  needs no change to the core; bench writes one for its synthetic languages.
- A catalogue lacking a key of the reference, or a text whose {placeholders}
  differ from the reference's, is `site.words-incomplete`: formatting it would
  crash the build, or print a notice without its date.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..data import DataSet
from ..findings import Finding
from ..yamlfile import YamlDocument, read_yaml

CORE_DIR = Path(__file__).resolve().parent
PROJECT_FOLDER = "words"  # under the project's data folder: data/words/<code>.yml
REFERENCE = "en"

Catalogue = Mapping[str, Mapping[str, str]]


class WordsMissing(LookupError):
    """No catalogue for a language; judge() reports it as site.words-missing before any page is made."""


@dataclass(frozen=True)
class _Source:
    path: Path
    display: str


def core_path(language: str) -> Path:
    return CORE_DIR / f"{language}.yml"


def project_path(language: str, data_dir: Path) -> Path:
    return data_dir / PROJECT_FOLDER / f"{language}.yml"


def catalogue(language: str, data_dir: Path | None = None) -> Catalogue:
    """Every group of ``language``'s words: the core's, overlaid with the project's data/words/<code>.yml."""
    found = _merged(language, data_dir)
    if found is None:
        raise WordsMissing(f"no catalogue of interface words for `{language}`")
    return found


def words(language: str, group: str, data_dir: Path | None = None) -> dict[str, str]:
    """One group (``labels``, ``archive``, ``webview``, ``not_found``, ``pdf``, ``wechat_privacy``) of a language."""
    return dict(catalogue(language, data_dir).get(group, {}))


def has_catalogue(language: str, data_dir: Path | None = None) -> bool:
    return _merged(language, data_dir) is not None


def check(languages: list[str], data_dir: Path | None, *, where: Mapping[str, tuple[str, int]],
          display_root: Path | None = None) -> list[Finding]:
    """site.words-missing for a declared language without a catalogue; site.words-incomplete for a catalogue
    lacking a key of the reference or changing a text's {placeholders}.

    ``where`` maps each language to the place that declares it (data/policy.yml and its line).
    """
    findings: list[Finding] = []
    reference = _document(_Source(core_path(REFERENCE), f"policysite/words/{REFERENCE}.yml"))[0]
    assert reference is not None, "the core's reference catalogue must load"
    for language in languages:
        sources = _sources(language, data_dir, display_root)
        if not sources:
            path, line = where.get(language, ("data/policy.yml", 1))
            findings.append(Finding(
                path, line, "site.words-missing",
                f"the site is published in `{language}`, but no catalogue gives its interface words (labels, "
                "notices, banners, the 404 page), so its pages would show them in another language",
                f"add data/words/{language}.yml: copy policysite/words/{REFERENCE}.yml and translate every text, "
                "keeping each {placeholder}"))
            continue
        documents = []
        for source in sources:
            document, problems = _document(source)
            findings += problems
            if document is not None:
                documents.append(document)
        if len(documents) == len(sources):
            findings += _incomplete(documents, reference.value)
    return findings


def _incomplete(documents: list[YamlDocument], reference: dict[str, Any]) -> list[Finding]:
    """Compared with the reference: what the merged catalogue lacks, reported at the last file that could add it."""
    last = documents[-1]
    findings: list[Finding] = []
    for group, texts in reference.items():
        for key, text in texts.items():
            owner = next((d for d in reversed(documents) if _text(d.value, group, key) is not None), None)
            if owner is None:
                line = last.line(group) if isinstance(last.value, dict) and group in last.value else 1
                findings.append(Finding(last.path, line, "site.words-incomplete",
                                        f"`{group}.{key}` is missing, so the build has no words for it "
                                        f"(in {REFERENCE}: “{text}”)",
                                        f"add `{key}:` under `{group}:`, translated, keeping every {{placeholder}}"))
                continue
            value = _text(owner.value, group, key)
            if not isinstance(value, str):
                findings.append(Finding(owner.path, owner.line(group, key), "site.words-incomplete",
                                        f"`{group}.{key}` must be text", f"write the text after `{key}:` on one line"))
            elif _fields(value) != _fields(text):
                findings.append(Finding(owner.path, owner.line(group, key), "site.words-incomplete",
                                        f"`{group}.{key}` has the placeholders {sorted(_fields(value)) or 'none'}, "
                                        f"but the build fills {sorted(_fields(text)) or 'none'}",
                                        "write exactly the {placeholders} the English text has, each once or more"))
    return findings


def _text(value: Any, group: str, key: str) -> Any:
    texts = value.get(group) if isinstance(value, dict) else None
    return texts.get(key) if isinstance(texts, dict) else None


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:  # an unmatched brace: no set of fields can match the reference's
        return {"<unmatched brace>"}


def _sources(language: str, data_dir: Path | None, display_root: Path | None) -> list[_Source]:
    sources = []
    if core_path(language).is_file():
        sources.append(_Source(core_path(language), f"policysite/words/{language}.yml"))
    if data_dir is not None and project_path(language, data_dir).is_file():
        path = project_path(language, data_dir)
        try:
            display = path.relative_to(display_root).as_posix() if display_root else path.as_posix()
        except ValueError:
            display = path.as_posix()
        sources.append(_Source(path, display))
    return sources


def _document(source: _Source) -> tuple[YamlDocument | None, list[Finding]]:
    stamp = source.path.stat().st_mtime_ns
    return _read(source, stamp)


@lru_cache(maxsize=64)
def _read(source: _Source, stamp: int) -> tuple[YamlDocument | None, list[Finding]]:
    # Keyed by modification time: `make serve` rebuilds in one process and must see an edited catalogue.
    return read_yaml(source.path, source.display)


def _merged(language: str, data_dir: Path | None) -> Catalogue | None:
    sources = _sources(language, data_dir, None)
    if not sources:
        return None
    merged: dict[str, dict[str, str]] = {}
    for source in sources:
        document = _document(source)[0]
        value = document.value if document is not None else None
        if not isinstance(value, dict):
            continue
        for group, texts in value.items():
            if isinstance(texts, dict):
                merged.setdefault(str(group), {}).update({str(k): v for k, v in texts.items() if isinstance(v, str)})
    return merged


def check_site(data: DataSet, data_dir: Path, display_root: Path) -> list[Finding]:
    """The catalogue findings for every language data/policy.yml declares, each placed at its declaration."""
    declared = data["policy"].get("languages") if isinstance(data.get("policy"), dict) else None
    where: dict[str, tuple[str, int]] = {}
    for index, entry in enumerate(declared if isinstance(declared, list) else []):
        if isinstance(entry, dict) and isinstance(entry.get("code"), str) and entry["code"]:
            where.setdefault(entry["code"], data.where("policy", "languages", index))
    return check(list(where), data_dir, where=where, display_root=display_root)
