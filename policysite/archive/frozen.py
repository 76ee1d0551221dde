"""The frozen file: one released version of the policy in one language.

Format (UTF-8, LF): a YAML front matter block, a blank line, then the page's
fully resolved Markdown — placeholders already filled, so later changes to
data/ cannot alter what the version said.

    ---
    policy: xometry-asia-data-protection
    version: 2
    language: en
    title: Data Protection Policy
    effective: 2025-03-01
    updated: 2025-02-20
    summary: What changed, in this language.
    ---

    # Data Protection Policy
    …

The same function renders the current policy, so a current text identical to
its released version has the same bytes and the same SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import yaml

FIELDS = ("policy", "version", "language", "title", "effective", "updated", "summary")


class _PlainDumper(yaml.SafeDumper):
    """No `&id001` anchors when two fields hold the same date: the file must read plainly."""

    def ignore_aliases(self, data: object) -> bool:
        return True


@dataclass(frozen=True)
class FrozenText:
    policy: str
    version: int
    language: str
    title: str
    effective: dt.date
    updated: dt.date
    summary: str
    body: str  # the resolved Markdown, from `# Title` to the end

    def render(self) -> bytes:
        meta = {name: getattr(self, name) for name in FIELDS}
        front = yaml.dump(meta, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=10_000)
        return f"---\n{front}---\n\n{normalise(self.body)}".encode()

    @property
    def sha256(self) -> str:
        return sha256(self.render())


class FrozenFormatError(ValueError):
    pass


def normalise(body: str) -> str:
    """LF line endings and exactly one final newline: the text's bytes must not depend on the editor."""
    return body.replace("\r\n", "\n").rstrip("\n") + "\n"


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def parse(content: bytes) -> FrozenText:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise FrozenFormatError("the file is not UTF-8") from None
    if not text.startswith("---\n") or "\n---\n\n" not in text:
        raise FrozenFormatError("the file does not start with a `---` front matter block")
    front, body = text[4:].split("\n---\n\n", 1)
    try:
        meta = yaml.safe_load(front)
    except yaml.YAMLError as error:
        raise FrozenFormatError(f"the front matter is not valid YAML ({error})") from None
    if not isinstance(meta, dict) or set(meta) != set(FIELDS):
        raise FrozenFormatError(f"the front matter must have exactly the keys {', '.join(FIELDS)}")
    for name in ("effective", "updated"):
        if not isinstance(meta[name], dt.date):
            raise FrozenFormatError(f"`{name}` is not a date")
    if not isinstance(meta["version"], int):
        raise FrozenFormatError("`version` is not a whole number")
    return FrozenText(policy=str(meta["policy"]), version=meta["version"], language=str(meta["language"]),
                      title=str(meta["title"]), effective=meta["effective"], updated=meta["updated"],
                      summary=str(meta["summary"] or ""), body=body)
