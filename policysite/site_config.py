"""Checks of the site generator's configuration against the policy's data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .findings import Finding
from .model import Policy


def languages_findings(policy: Policy, *, config_file: Path, built: list[str]) -> list[Finding]:
    """`site.languages`: the site must build exactly the languages data/policy.yml declares.

    A language in data but not built would silently go unpublished; one built but
    not in data would publish a page the checks never judged.
    """
    declared = [language.code for language in policy.languages]
    if sorted(declared) == sorted(built):
        return []
    try:
        shown = config_file.relative_to(policy.root).as_posix()
        lines = config_file.read_text(encoding="utf-8").splitlines()
        line = next((n for n, text in enumerate(lines, 1) if text.strip() == "languages:"), 1)
    except (OSError, ValueError):
        shown, line = config_file.name, 1
    return [Finding(shown, line, "site.languages",
                    f"the site builds {', '.join(built) or 'no language'} but data/policy.yml declares "
                    f"{', '.join(declared)}",
                    "list the same languages under i18n `languages:` in mkdocs.yml and under `languages:` "
                    "in data/policy.yml")]


def _read_config(config_file: Path) -> Any:
    """mkdocs.yml as data, read without MkDocs; None when it cannot be read."""
    import yaml

    class _Loader(yaml.SafeLoader):
        """mkdocs.yml may use !ENV and !!python tags; their values do not matter here."""

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def unexcluded_findings(policy: Policy, *, config_file: Path, files: list[str]) -> list[Finding]:
    """`site.document-files-published`: section files (relative to docs/) that mkdocs.yml would publish as pages.

    MkDocs leaves out what `exclude_docs` matches (gitignore patterns, read with pathspec as MkDocs reads
    them); `sections/` matches the policy's sections and every prose document's. A fork that narrowed the
    pattern to the policy's folder would publish children's rules section by section, unjudged as pages.
    """
    import pathspec

    config = _read_config(config_file)
    if not isinstance(config, dict) or not files:
        return []
    patterns = config.get("exclude_docs")
    spec = pathspec.GitIgnoreSpec.from_lines(patterns.splitlines() if isinstance(patterns, str) else [])
    published = [path for path in files if not spec.match_file(path)]
    if not published:
        return []
    try:
        shown = config_file.relative_to(policy.root).as_posix()
        lines = config_file.read_text(encoding="utf-8").splitlines()
        line = next((n for n, text in enumerate(lines, 1) if text.startswith("exclude_docs:")), 1)
    except (OSError, ValueError):
        shown, line = config_file.name, 1
    listed = ", ".join(f"docs/{path}" for path in published[:3]) + (" …" if len(published) > 3 else "")
    return [Finding(shown, line, "site.document-files-published",
                    f"mkdocs.yml's `exclude_docs` does not leave out {listed}, so each section file would be "
                    "published as a page of its own", "write `sections/` (no leading slash) under `exclude_docs: |`")]


def configured_languages(config_file: Path) -> list[str] | None:
    """The languages mkdocs.yml's i18n plugin builds, read without MkDocs (for `check`), or None."""
    config = _read_config(config_file)
    plugins = config.get("plugins") if isinstance(config, dict) else None
    for plugin in plugins if isinstance(plugins, list) else []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            languages = plugin["i18n"].get("languages") or []
            return [str(l.get("locale")) for l in languages if isinstance(l, dict) and l.get("build", True) is not False]
    return None
