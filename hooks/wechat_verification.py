"""Write WeChat's files: the domain verification file at the site root, byte for byte, and the
mini program's privacy settings (wechat/privacy-setting.json, the setprivacysetting request body).

judge() has already validated data/wechat.yml and the inventory's privacy keys; without them there is no file.
"""

from __future__ import annotations

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from policysite.wechat import verification_file
from policysite.wechat_privacy import PAYLOAD_PATH, has_settings, payload_json


# After the i18n plugin (-100): a file added before it would be re-homed per language.
@event_priority(-110)
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    policy = policy_state.policy()
    if i18n_state.current_language(config) != policy.default_language.code:
        return files
    found, _ = verification_file(policy.data)
    if found is not None:
        # Bytes, not text: MkDocs writes them unchanged (no BOM, no newline).
        files.append(File.generated(config, found.name, content=found.content))
    if has_settings(policy.data):
        files.append(File.generated(config, PAYLOAD_PATH, content=payload_json(policy.data).encode("utf-8")))
    return files
