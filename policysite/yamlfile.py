"""Read a YAML file safely, remembering the line of every key.

``yaml.safe_load`` forgets where values came from; the composed node tree
keeps it, so findings about data can point at the exact line to edit.

Policy data is a few flat facts, so the reader refuses, before anything is
built, every YAML feature data has no use for and an attacker or a careless
paste could abuse: anchors and aliases (a 386-byte "billion laughs" would
otherwise expand to gigabytes), merge keys, explicit tags, nesting deeper
than data ever goes (PyYAML composes recursively, so 5,000 levels would be a
RecursionError), and duplicate keys (YAML would silently keep the last one).
The checks run on the parser's events inside the composer, so an alias is
refused where it is met, never expanded.
"""

from __future__ import annotations

import copy
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent

from .findings import Finding

KeyPath = tuple[Any, ...]  # of str keys and int list indexes

# The deepest data/ goes is policy.yml → languages → item → key (4); 20 leaves room for any real file.
MAX_DEPTH = 20
# The largest data file is a few kilobytes; anything this big is a mistake (or an attack), not data.
MAX_BYTES = 1_000_000


@dataclass
class YamlDocument:
    path: str
    value: Any
    lines: dict[KeyPath, int]

    def line(self, *key: str | int) -> int:
        """Line of the deepest known prefix of ``key`` (1 when the file is empty)."""
        for end in range(len(key), -1, -1):
            if key[:end] in self.lines:
                return self.lines[key[:end]]
        return 1


class _Refused(yaml.YAMLError):
    """A YAML feature data may not use, met while composing: stops reading the file at once."""

    def __init__(self, finding: Finding):
        super().__init__(finding.problem)
        self.finding = finding


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases, anchors, tags, merge keys and deep nesting, and notes duplicate keys."""

    def __init__(self, stream: str, display: str):
        super().__init__(stream)
        self.display = display
        self.depth = 0
        self.duplicates: list[tuple[str, int, int]] = []  # (key, first line, repeated line)

    def refuse(self, rule: str, line: int, problem: str, fix: str) -> _Refused:
        return _Refused(Finding(self.display, line, rule, problem, fix))

    def compose_node(self, parent: Any, index: Any) -> yaml.Node:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # PyYAML's stubs leave it untyped
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            raise self.refuse("data.alias", line, f"`*{event.anchor}` repeats another value through a YAML alias",
                           "write the value out in full: data files may not use anchors (`&`) or aliases (`*`)")
        if isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent)):
            if event.anchor is not None:
                raise self.refuse("data.alias", line, f"`&{event.anchor}` defines a YAML anchor",
                               "delete the `&` anchor and write each value out in full: data files may not use "
                               "anchors or aliases")
            if event.tag is not None:
                shown = event.tag.replace("tag:yaml.org,2002:", "!!")
                raise self.refuse("data.tag", line, f"`{shown}` is an explicit YAML tag",
                               "delete the tag (the `!…` before the value); data is plain text, numbers and dates")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.refuse("data.depth", line, f"the data is nested more than {MAX_DEPTH} levels deep",
                           "data files hold flat facts: bring the values up to a few levels of keys")
        try:
            return super().compose_node(parent, index)  # type: ignore[return-value]  # None only past the stream's end
        finally:
            self.depth -= 1

    def compose_mapping_node(self, anchor: Any) -> yaml.MappingNode:
        node = super().compose_mapping_node(anchor)
        seen: dict[tuple[str, str], int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # a list or mapping as a key: the constructor refuses it as unhashable
            line = key_node.start_mark.line + 1
            if key_node.value == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                raise self.refuse("data.alias", line, "`<<` merges another mapping into this one",
                               "write every key out in full: data files may not use merge keys")
            key = (key_node.tag, key_node.value)  # `1` and `"1"` are different keys
            if key in seen:
                self.duplicates.append((key_node.value, seen[key], line))
            else:
                seen[key] = line
        return node


def _map_lines(node: yaml.Node, prefix: KeyPath, lines: dict[KeyPath, int]) -> None:
    lines.setdefault(prefix, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = prefix + (key_node.value,)
            lines[key] = key_node.start_mark.line + 1
            _map_lines(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, prefix + (index,), lines)


def _unbuildable_line(root: yaml.Node | None) -> int:
    """The line of the first scalar the safe constructor rejects (1 when unknown)."""
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop(0)
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError):
                return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            pending.extend(value for pair in node.value for value in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return 1


def _read_text(path: Path, display: str) -> tuple[str | None, list[Finding]]:
    """The file's text, or the one finding that says why it cannot be read as a data file."""
    try:
        info = path.stat()
    except OSError as error:
        return None, [Finding(display, 1, "data.unreadable", f"the file cannot be opened ({error.strerror})",
                              "check that the file exists and that you may read it")]
    if stat.S_ISDIR(info.st_mode):
        return None, [Finding(display, 1, "data.not-a-file", "this is a folder where a data file belongs",
                              f"replace the folder with the YAML file {display}, or rename the folder")]
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or device would block or stream forever when read.
        return None, [Finding(display, 1, "data.not-a-file", "this is not a regular file (a pipe, socket or device)",
                              f"replace it with the YAML file {display}")]
    if info.st_size > MAX_BYTES:
        return None, [Finding(display, 1, "data.too-large",
                              f"the file is {info.st_size:,} bytes; data files hold a few facts and stay under "
                              f"{MAX_BYTES:,} bytes", "remove what does not belong in it (data files hold facts, not texts)")]
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        return None, [Finding(display, 1, "data.unreadable", f"the file cannot be read ({error.strerror})",
                              "check that you may read it (file permissions)")]
    if b"\x00" in raw:
        return None, [Finding(display, 1, "data.encoding", "this is a binary file, not YAML text",
                              "replace it with the YAML text file; save it as UTF-8 text")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        return None, [Finding(display, 1, "data.encoding", f"the file is not UTF-8 ({error.reason})",
                              "save it as UTF-8 text")]


# What reading each text gave in this process, by the name findings show and the text itself: the test suite
# judges the same fixture files hundreds of times, and `make serve` rereads unchanged files on every rebuild;
# PyYAML's pure-Python parser took 4 ms a file. Reading is a function of those two alone; every caller gets its
# own deep copy, so none can change what another reads. The file itself is opened and checked every time.
_READ: dict[tuple[str, bytes], tuple[YamlDocument | None, list[Finding]]] = {}
_READ_LIMIT = 512  # entries, forgotten all at once when full
_READ_LARGEST = 100_000  # characters: real data files are a few thousand; a huge one is read afresh, not kept


def read_yaml(path: Path, display: str) -> tuple[YamlDocument | None, list[Finding]]:
    text, problems = _read_text(path, display)
    if text is None:
        return None, problems
    if len(text) > _READ_LARGEST:
        return _parse(text, display)
    key = (display, hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).digest())
    if key not in _READ:
        if len(_READ) >= _READ_LIMIT:
            _READ.clear()
        _READ[key] = _parse(text, display)
    return copy.deepcopy(_READ[key])


def _parse(text: str, display: str) -> tuple[YamlDocument | None, list[Finding]]:
    try:
        loader = _StrictLoader(text, display)
    except yaml.reader.ReaderError as error:  # the reader checks every character before parsing starts
        line = text.count("\n", 0, max(error.position, 0)) + 1
        return None, [Finding(display, line, "data.control-character",
                              f"the file holds the control character U+{error.character:04X}, which YAML does not allow",
                              "delete it (retype the line); data files hold visible text only")]
    node = None
    try:
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    except _Refused as refusal:
        return None, [refusal.finding]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join(part for part in (error.context, error.problem) if part)
        return None, [Finding(display, line, "data.yaml", f"this is not valid YAML: {problem}",
                              "fix the indentation or quoting on this line (quote values that contain ': ')")]
    except (yaml.YAMLError, ValueError, TypeError) as error:
        # A value YAML recognises but cannot build, e.g. the date 2024-13-01.
        return None, [Finding(display, _unbuildable_line(node), "data.yaml",
                              f"this YAML has a value that cannot be read: {error}",
                              "correct the value (dates are written YYYY-MM-DD with a real month and day)")]
    finally:
        loader.dispose()
    findings = [Finding(display, again, "data.duplicate-key",
                        f"`{key}` is given twice, on line {first} and on line {again}; YAML would silently keep "
                        "only the last one", f"keep one `{key}:` (delete line {again} or line {first})")
                for key, first, again in loader.duplicates]
    if findings:
        return None, findings
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _map_lines(node, (), lines)
    return YamlDocument(display, value, lines), []


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every symlink followed, stays inside ``root`` (itself resolved)."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(root)
    except (OSError, ValueError):
        return False
