"""The one error an import raises: a sentence for the owner, never a traceback."""

from __future__ import annotations


class ImportRefused(Exception):
    """The source cannot be imported as given; the message says what to do."""
