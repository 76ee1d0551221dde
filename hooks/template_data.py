"""Give templates the facts of the language being built (`config.extra.policy`)."""

from __future__ import annotations

import i18n_state
import policy_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from policysite.labels import labels


# After judge.py (-110): the policy is loaded and the i18n language is set.
@event_priority(-120)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    policy = policy_state.policy()
    language = i18n_state.current_language(config)
    context = policy.contexts[language]
    config.extra["policy"] = {
        "id": policy.id,
        "language": language,
        "title": context["policy"]["title"],
        "version": policy.version,
        "updated": str(context["policy"]["updated"]),
        "updated_iso": context["policy"]["updated"].iso,
        "effective": str(context["policy"]["effective"]),
        "effective_iso": context["policy"]["effective"].iso,
        "legal_name": context["company"]["legal_name"],
        "email": context["contact"]["email"],
        "labels": labels(language),
    }
    return None
