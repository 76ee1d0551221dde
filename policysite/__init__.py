"""policysite: the policy core. Loads, fills and judges a multilingual policy.

Pure Python with no MkDocs import, so it outlives the site generator.
"""

from .findings import Finding, PolicyError, Severity, format_findings
from .load import load_policy
from .model import Language, Policy, Section

__all__ = ["Finding", "Language", "Policy", "PolicyError", "Section", "Severity", "format_findings", "load_policy"]
