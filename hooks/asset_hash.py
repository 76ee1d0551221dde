"""Give the project's own stylesheets and scripts content-hashed names.

Material's bundles are hashed already; `assets/stylesheets/policy.css` is not.
WeChat's web-view caches by URL, so an unhashed name could keep an old style
alive; policy.1a2b3c4d5e.css changes name whenever it changes content.
"""

from __future__ import annotations

import os

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme

from policysite.asset_names import hashed_name, is_hashed

# Hashed name → original, so the second language build (same config object,
# already rewritten) finds the original file again.
_originals: dict[str, str] = {}

SCRIPTS = ("md-scope", "md-palette", "md-target")

# Material's own script bundle, search (lunr, its worker) and stylesheets, with their source maps: the site's
# layouts (overrides/main.html, webview.html, 404.html) replace Material's base.html and load none of them.
# Published, they were 3 MB of dead files, and the site check (hooks/site_guard.py) tokenised Material's
# 140 KB of CSS on every build. The project's own assets come from overrides/ and are kept.
_UNUSED_THEME_FOLDERS = ("assets/javascripts/", "assets/stylesheets/")


def _hash(name: str, files: Files, config: MkDocsConfig) -> str:
    original = _originals.get(name, name)
    if "://" in original or original.startswith("/") or is_hashed(original):
        return name
    file = files.get_file_from_path(original)
    if file is None:
        return name
    content = file.content_bytes
    renamed = hashed_name(original, content)
    files.remove(file)
    files.append(File.generated(config, renamed, content=content))
    _originals[renamed] = original
    return renamed


class _ThemeLoader(jinja2.FileSystemLoader):
    """Jinja's loader of the theme folders, listing their files without entering folders named `.…`.

    MkDocs finds the theme's static files by listing every file of the theme folders and then dropping each
    path with a part starting with a dot (Files.add_files_from_theme: patterns `.*` and `*/.*`). Material keeps
    its 14,000 icons under templates/.icons, so the listing and its pattern matching cost 0.08 s of CPU per
    language built, for files never published. Not entering those folders gives MkDocs the same files.
    """

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            for path, folders, names in os.walk(folder, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                for name in names:
                    template = os.path.join(path, name)[len(folder):].strip(os.path.sep).replace(os.path.sep, "/")
                    found.add(template[2:] if template[:2] == "./" else template)
        return sorted(found)


class _CompiledTemplates(jinja2.BytecodeCache):
    """The templates compiled in this process, kept in memory for the next language's build.

    MkDocs makes a new Jinja environment for every language built, which compiled main.html, webview.html,
    404.html and their partials again. Jinja checks each entry against the SHA-1 of the template's source, so
    an edited template (`make serve`) is compiled anew.
    """

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def _list_theme_files_quickly(theme: Theme) -> None:
    """Give the environments MkDocs makes for ``theme`` (once per language build) the loader above, and the
    templates compiled by the previous language's build."""
    if getattr(theme, "_policysite_quick_listing", False):
        return
    make_environment = theme.get_env

    def get_env() -> jinja2.Environment:
        environment = make_environment()
        environment.loader = _ThemeLoader(theme.dirs)
        environment.bytecode_cache = _COMPILED
        return environment

    setattr(theme, "get_env", get_env)  # noqa: B010  (an instance attribute: this build's theme only)
    setattr(theme, "_policysite_quick_listing", True)  # noqa: B010


# After the i18n plugin (-100), which may give each language build its theme.
@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    _list_theme_files_quickly(config.theme)
    return None


def _drop_unused_theme_assets(files: Files, config: MkDocsConfig) -> None:
    custom = os.path.normpath(config.theme.custom_dir) if config.theme.custom_dir else None
    theme_dirs = {os.path.normpath(folder) for folder in config.theme.dirs} - {custom}
    for file in list(files):
        if (file.src_uri.startswith(_UNUSED_THEME_FOLDERS) and file.src_dir is not None
                and os.path.normpath(file.src_dir) in theme_dirs):
            files.remove(file)


# After the i18n plugin (-100) has chosen this language's files.
@event_priority(-110)
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    _drop_unused_theme_assets(files, config)
    config.extra_css = [_hash(name, files, config) for name in config.extra_css]
    # Material's inline scripts, moved into files so the CSP can forbid inline script
    # (overrides/partials/javascripts/ load them by these names).
    config.extra["scripts"] = {name: _hash(f"assets/javascripts/{name}.js", files, config) for name in SCRIPTS}
    return files
