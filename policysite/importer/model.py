"""What every reader produces: paragraphs with their location, and what was taken out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    """One paragraph of the source (a line of a text export, a Word or HTML paragraph)."""

    text: str
    where: str  # "line 12", "paragraph 12", for REVIEW-NOTES.md
    level: int | None = None  # heading level the format itself gives (Word style, `#`, <h2>), else None
    table: list[list[str]] | None = None  # a table instead of text
    original: str = ""  # the paragraph as read, before debris was removed (for the ledger)
    rejected: str | None = None  # Word: the text with its tracked changes rejected (``text`` accepts them)


@dataclass
class Note:
    """Something taken out of the text or worth the owner's attention, for REVIEW-NOTES.md."""

    kind: str  # "debris", "comment", "change", "title", "toc", "fact", "table", "structure"
    where: str
    text: str


@dataclass
class Source:
    """One language's policy as read."""

    language: str
    path: str
    format: str
    paras: list[Para]
    notes: list[Note] = field(default_factory=list)
    changes: int = 0  # tracked changes found (Word)
