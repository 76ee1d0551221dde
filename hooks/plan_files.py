"""Write every file of the site plan: /policy.json, the feeds, the hashed texts, the sitemap,
robots.txt, WeChat's verification file — whatever policysite.plan lists, byte for byte.

Once, after every language is built: the files describe all languages. The one
adapter for files, so a new output file is a contributor in the core, not a hook.
"""

from __future__ import annotations

from pathlib import Path

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_site_root: Path | None = None  # the default language's site_dir: later languages build into <root>/<lang>


# After hooks/judge.py (-110), on the first language build only.
@event_priority(-115)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _site_root
    if i18n_state.is_first_language_build(config):
        _site_root = Path(config.site_dir)
    return None


# Once every language is built (the i18n plugin builds the others from its own on_post_build at -100).
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if not i18n_state.is_first_language_build(config) or _site_root is None:
        return
    root = _site_root.resolve()
    for planned in policy_state.plan().files:
        target = _site_root / planned.path
        # The core builds these paths from checked language codes and dates; never trust that alone with a write.
        if not target.resolve().is_relative_to(root):
            raise PluginError(f"{planned.path}: the site would write outside the site folder — "
                              "restore archive/archive.lock.json from git and check data/policy.yml's language codes")
        if target.exists() and planned.existing != "replace":
            if planned.existing == "keep":
                continue
            raise PluginError(f"{planned.path}: the site would overwrite a file it already has — "
                              "rename or remove the other file")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(planned.content)
