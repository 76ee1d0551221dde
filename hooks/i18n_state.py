"""What mkdocs-static-i18n is building right now (not a hook itself)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def i18n_plugin(config: MkDocsConfig) -> Any:  # mkdocs-static-i18n ships no type information
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("mkdocs.yml must enable the `i18n` plugin (mkdocs-static-i18n): "
                          "the policy is published in every language of data/policy.yml.")
    return plugin


def current_language(config: MkDocsConfig) -> str:
    plugin = i18n_plugin(config)
    language: str = plugin.current_language or plugin.default_language
    return language


def is_first_language_build(config: MkDocsConfig) -> bool:
    """True once per `mkdocs build` run: the default language, before site/ is cleaned."""
    return not i18n_plugin(config).building
