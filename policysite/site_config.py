"""Checks of the site generator's configuration against the policy's data."""

from __future__ import annotations

from pathlib import Path

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


def configured_languages(config_file: Path) -> list[str] | None:
    """The languages mkdocs.yml's i18n plugin builds, read without MkDocs (for `check`), or None."""
    import yaml

    class _Loader(yaml.SafeLoader):
        """mkdocs.yml may use !ENV and !!python tags; their values do not matter here."""

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except (OSError, yaml.YAMLError):
        return None
    plugins = config.get("plugins") if isinstance(config, dict) else None
    for plugin in plugins if isinstance(plugins, list) else []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            languages = plugin["i18n"].get("languages") or []
            return [str(l.get("locale")) for l in languages if isinstance(l, dict) and l.get("build", True) is not False]
    return None
