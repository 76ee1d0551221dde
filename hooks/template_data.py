"""Give templates the facts of the language being built (`config.extra.policy`)."""

from __future__ import annotations

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from policysite.footer import footer_facts


# After judge.py (-110): the policy is loaded and the i18n language is set.
@event_priority(-120)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    policy = policy_state.policy()
    config.extra["policy"] = {"id": policy.id, **footer_facts(policy, i18n_state.current_language(config))}
    return None
