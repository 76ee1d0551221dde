"""Give the project's own stylesheets and scripts content-hashed names.

Material's bundles are hashed already; `assets/stylesheets/policy.css` is not.
WeChat's web-view caches by URL, so an unhashed name could keep an old style
alive; policy.1a2b3c4d5e.css changes name whenever it changes content.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from policysite.asset_names import hashed_name, is_hashed

# Hashed name → original, so the second language build (same config object,
# already rewritten) finds the original file again.
_originals: dict[str, str] = {}

SCRIPTS = ("md-scope", "md-palette", "md-target")


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


# After the i18n plugin (-100) has chosen this language's files.
@event_priority(-110)
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    config.extra_css = [_hash(name, files, config) for name in config.extra_css]
    # Material's inline scripts, moved into files so the CSP can forbid inline script
    # (overrides/partials/javascripts/ load them by these names).
    config.extra["scripts"] = {name: _hash(f"assets/javascripts/{name}.js", files, config) for name in SCRIPTS}
    return files
