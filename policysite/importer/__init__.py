"""`python -m policysite import`: bring an existing policy in from Word, text, Markdown or HTML.

The pipeline, one module per step:

- ``sources``: bytes → paragraphs (``Para``), whatever the format; refuses unreadable input
  with a one-line ``ImportRefused``.
- ``docx`` / ``html``: the Word and web readers behind ``sources``.
- ``structure``: paragraphs → sections and sub-sections, the typed table of contents.
- ``facts``: operator, contact and dates found in the text → data/, placeholders in the text.
- ``tables``: the collection inventory → data/inventory.yml, other tables → Markdown.
- ``write``: the project files and REVIEW-NOTES.md, all or nothing.
- ``command``: the command line and the gate run after the import.
"""

from .errors import ImportRefused

__all__ = ["ImportRefused"]
