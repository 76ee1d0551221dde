"""Read a YAML file safely, remembering the line of every key.

``yaml.safe_load`` forgets where values came from; the composed node tree
keeps it, so findings about data can point at the exact line to edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .findings import Finding

KeyPath = tuple  # of str keys and int list indexes


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


def _unbuildable_line(text: str) -> int:
    """The line of the first scalar the safe constructor rejects (1 when unknown)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return 1
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


def read_yaml(path: Path, display: str) -> tuple[YamlDocument | None, list[Finding]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [Finding(display, 1, "data.encoding", f"the file is not UTF-8 ({error.reason})",
                              "save it as UTF-8 text")]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        value = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join(part for part in (error.context, error.problem) if part)
        return None, [Finding(display, line, "data.yaml", f"this is not valid YAML: {problem}",
                              "fix the indentation or quoting on this line (quote values that contain ': ')")]
    except (yaml.YAMLError, ValueError) as error:
        # A value YAML recognises but cannot build, e.g. the date 2024-13-01.
        return None, [Finding(display, _unbuildable_line(text), "data.yaml",
                              f"this YAML has a value that cannot be read: {error}",
                              "correct the value (dates are written YYYY-MM-DD with a real month and day)")]
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _map_lines(node, (), lines)
    return YamlDocument(display, value, lines), []
