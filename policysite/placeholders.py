"""Fill ``{{ … }}`` placeholders from data with a sandboxed, strict Jinja2.

References are checked against the context before anything is rendered, so
an unknown key is reported with its line and the closest known key instead of
surfacing as a Jinja traceback.
"""

from __future__ import annotations

import difflib
import traceback
from typing import Any, Mapping

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from .findings import Finding

# `{#` starts a Jinja comment by default, but in Markdown it starts a heading
# attribute (`## Access {#access}`); policy text has no use for Jinja comments.
COMMENT_START, COMMENT_END = "{##", "##}"
_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
                            comment_start_string=COMMENT_START, comment_end_string=COMMENT_END)


def _reference(node: nodes.Node) -> list[str] | None:
    """``company.address`` → ["company", "address"]; None when not a plain reference."""
    if isinstance(node, nodes.Name):
        return [node.name]
    if isinstance(node, nodes.Getattr):
        base = _reference(node.node)
        return None if base is None else base + [node.attr]
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        base = _reference(node.node)
        return None if base is None else base + [node.arg.value]
    return None


def _outermost_references(tree: nodes.Node) -> list[tuple[list[str], int]]:
    found: list[tuple[list[str], int]] = []
    inner: set[int] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        if id(node) in inner:
            continue
        chain = _reference(node)
        if chain is None:
            continue
        # Mark the sub-nodes so `company.address` is not also checked as `company`.
        child = node
        while isinstance(child, (nodes.Getattr, nodes.Getitem)):
            child = child.node
            inner.add(id(child))
        found.append((chain, node.lineno))
    return found


def _known_keys(value: Any) -> list[str]:
    if isinstance(value, Mapping):
        return [str(key) for key in value]
    return [name for name in dir(value) if not name.startswith("_")]


def _lookup(value: Any, key: str) -> tuple[bool, Any]:
    if isinstance(value, Mapping):
        return (key in value, value.get(key))
    if hasattr(value, key) and not key.startswith("_"):
        return True, getattr(value, key)
    return False, None


def check_references(source: str, context: Mapping[str, Any], *, path: str, line_offset: int = 0) -> list[Finding]:
    """Every placeholder that does not resolve in ``context``, as findings."""
    try:
        tree = _ENV.parse(source)
    except TemplateSyntaxError as error:
        return [Finding(path, (error.lineno or 1) + line_offset, "placeholder.syntax",
                        f"this placeholder cannot be read: {error.message}",
                        "write placeholders as {{ company.legal_name }}, with both braces closed")]
    findings = []
    for chain, lineno in _outermost_references(tree):
        value: Any = context
        for depth, key in enumerate(chain):
            exists, found = _lookup(value, key)
            if not exists:
                known = _known_keys(value)
                dotted = ".".join(chain[: depth + 1])
                prefix = ".".join(chain[:depth])
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
                if close:
                    hint = f"did you mean `{prefix + '.' if prefix else ''}{close[0]}`?"
                else:
                    hint = f"known keys{' of `' + prefix + '`' if prefix else ''}: {', '.join(sorted(known))}"
                findings.append(Finding(path, lineno + line_offset, "placeholder.unknown",
                                        f"`{{{{ {'.'.join(chain)} }}}}` names `{dotted}`, which data does not define",
                                        f"{hint} Or add it under data/."))
                break
            value = found
    return findings


def render(source: str, context: Mapping[str, Any], *, path: str) -> tuple[str, list[Finding]]:
    """Render after ``check_references`` passed; anything Jinja still rejects becomes a finding."""
    try:
        return _ENV.from_string(source).render(context), []
    # Not only TemplateError: an editor's expression such as `{{ contact.email + 1 }}`
    # fails in Python itself, and every such failure is the editor's to fix, not a crash.
    except Exception as error:  # noqa: BLE001
        line = getattr(error, "lineno", None) or _template_line(error) or 1
        return source, [Finding(path, line, "placeholder.render", f"this placeholder cannot be filled: {error}",
                                "use only {{ name.key }} placeholders that data defines")]


def _template_line(error: BaseException) -> int | None:
    """Jinja rewrites tracebacks so the template's own line shows as a `<template>` frame."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return frames[-1].lineno if frames else None
