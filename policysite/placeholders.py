"""Fill ``{{ … }}`` placeholders from data with a sandboxed, strict, autoescaping Jinja2.

A placeholder prints one declared fact and nothing else: ``{{ company.legal_name }}``.
Before anything is rendered every placeholder is checked against the context:
an unknown key is reported with its line and the closest known key; an
expression (arithmetic, a call, a filter, a literal, an attribute of a Python
object, a `{% … %}` statement), a mapping or list printed whole, an empty
value and a text that would grow past MAX_OUTPUT are findings too. So
``{{ 9**9**9 }}`` or ``{{ 'a'*50000000 }}`` never run, and a data value can
only ever print as itself.

Values are HTML-escaped as they are filled in (autoescape): a ``<script>`` in
a legal name lands in the Markdown as ``&lt;script&gt;`` and shows as text.
Only the core's own generated Markdown — the contents list and the inventory
table (assemble.py), which escape the data inside them — is marked safe.
"""

from __future__ import annotations

import difflib
import traceback
from typing import Any
from collections.abc import Mapping

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from .dates import LocalDate
from .findings import Finding

# `{#` starts a Jinja comment by default, but in Markdown it starts a heading
# attribute (`## Access {#access}`); policy text has no use for Jinja comments.
COMMENT_START, COMMENT_END = "{##", "##}"
_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True,
                            comment_start_string=COMMENT_START, comment_end_string=COMMENT_END)
# A filled section file is at most this long: the longest real section is under 20,000 characters.
MAX_OUTPUT = 1_000_000
# What a placeholder may print: text, numbers and dates (Markup is the core's own generated text).
SCALARS = (str, int, float, LocalDate)
_FORM = "write placeholders as {{ name.key }} with a key data defines, e.g. {{ company.legal_name }}"


def _reference(node: nodes.Node) -> list[str] | None:
    """``company.address`` → ["company", "address"]; None when not a plain reference."""
    if isinstance(node, nodes.Name) and node.ctx == "load":
        return [node.name]
    if isinstance(node, nodes.Getattr):
        base = _reference(node.node)
        return None if base is None else base + [node.attr]
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        base = _reference(node.node)
        return None if base is None else base + [node.arg.value]
    return None


_STATEMENTS = {nodes.If: "`{% if %}`", nodes.For: "`{% for %}`", nodes.Assign: "`{% set %}`",
               nodes.AssignBlock: "`{% set %}`", nodes.Macro: "`{% macro %}`", nodes.Include: "`{% include %}`",
               nodes.Extends: "`{% extends %}`", nodes.Import: "`{% import %}`", nodes.FromImport: "`{% from %}`",
               nodes.Block: "`{% block %}`", nodes.FilterBlock: "`{% filter %}`", nodes.With: "`{% with %}`",
               nodes.CallBlock: "`{% call %}`"}


def _describe(node: nodes.Node) -> str:
    """What an editor wrote, in words, for a placeholder that is not a plain reference."""
    if isinstance(node, nodes.Const):
        return "prints a literal value, not data"
    if isinstance(node, nodes.Filter):
        return f"applies the filter `{node.name}`"
    if isinstance(node, nodes.Call):
        return "calls a function"
    if isinstance(node, nodes.BinExpr):
        return f"computes with `{node.operator}`"
    if isinstance(node, (nodes.UnaryExpr, nodes.Compare, nodes.CondExpr, nodes.Concat, nodes.Test)):
        return "computes a value"
    if isinstance(node, nodes.Getitem):
        return "picks an item by position or computed key"
    return "is an expression"


def _expressions(tree: nodes.Template) -> tuple[list[tuple[list[str], int]], list[tuple[str, int]]]:
    """The plain references in the template, and everything else it holds (what, line)."""
    references: list[tuple[list[str], int]] = []
    refused: list[tuple[str, int]] = []
    for statement in tree.body:
        if not isinstance(statement, nodes.Output):
            name = next((words for kind, words in _STATEMENTS.items() if isinstance(statement, kind)), "a `{% %}` tag")
            refused.append((f"uses {name}, a template statement", statement.lineno))
            continue
        for child in statement.nodes:
            if isinstance(child, nodes.TemplateData):
                continue
            chain = _reference(child)
            if chain is None:
                refused.append((_describe(child), child.lineno))
            else:
                references.append((chain, child.lineno))
    return references, refused


def _shown(value: Any) -> str | None:
    """Why ``value`` cannot be printed, or None when it can."""
    if value is None:
        return "has no value in data"
    if isinstance(value, Mapping):
        return "is a group of values (" + ", ".join(f"`{key}`" for key in list(value)[:6]) + "), not one value"
    if isinstance(value, (list, tuple, set)):
        return "is a list of values, not one value"
    if isinstance(value, bool) or not isinstance(value, SCALARS):
        return "is not a text, number or date"
    return None


def check_references(source: str, context: Mapping[str, Any], *, path: str, line_offset: int = 0) -> list[Finding]:
    """Every placeholder that is not a plain, known, printable reference in ``context``, as findings."""
    try:
        tree = _ENV.parse(source)
    except TemplateSyntaxError as error:
        return [Finding(path, (error.lineno or 1) + line_offset, "placeholder.syntax",
                        f"this placeholder cannot be read: {error.message}",
                        "write placeholders as {{ company.legal_name }}, with both braces closed")]
    references, refused = _expressions(tree)
    findings = [Finding(path, line + line_offset, "placeholder.expression",
                        f"a placeholder here {what}; placeholders only print one fact from data",
                        f"{_FORM} (write literal text outside the braces, or wrap it in {{% raw %}}…{{% endraw %}})")
                for what, line in refused]
    size = len(source)
    for chain, lineno in references:
        value: Any = context
        dotted = ".".join(chain)
        for depth, key in enumerate(chain):
            if not isinstance(value, Mapping) or key not in value:
                known = [str(k) for k in value] if isinstance(value, Mapping) else []
                prefix = ".".join(chain[:depth])
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
                if close:
                    hint = f"did you mean `{prefix + '.' if prefix else ''}{close[0]}`?"
                elif known:
                    hint = f"known keys{' of `' + prefix + '`' if prefix else ''}: {', '.join(sorted(known))}"
                else:
                    hint = f"`{prefix}` is a single value and has no keys;"
                findings.append(Finding(path, lineno + line_offset, "placeholder.unknown",
                                        f"`{{{{ {dotted} }}}}` names `{'.'.join(chain[: depth + 1])}`, which data does not define",
                                        f"{hint} Or add it under data/."))
                break
            value = value[key]
        else:
            problem = _shown(value)
            if problem is not None:
                findings.append(Finding(path, lineno + line_offset, "placeholder.not-scalar",
                                        f"`{{{{ {dotted} }}}}` {problem}, so it cannot be printed",
                                        f"name one value inside it, e.g. `{{{{ {dotted}.… }}}}`, or give it a value in data/"
                                        if problem != "has no value in data" else
                                        f"give `{dotted}` a value in data/, or delete the placeholder"))
            else:
                try:
                    size += len(str(value))
                except Exception:  # noqa: BLE001  (render reports a value that cannot be printed, with its line)
                    pass
    if size > MAX_OUTPUT and not findings:
        findings.append(Finding(path, 1 + line_offset, "placeholder.too-large",
                                f"filled in, this text would be {size:,} characters long, more than the "
                                f"{MAX_OUTPUT:,} a section may have", "shorten the data values this file prints, "
                                "or print them fewer times"))
    return findings


def render(source: str, context: Mapping[str, Any], *, path: str) -> tuple[str, list[Finding]]:
    """Render after ``check_references`` passed; anything that still fails becomes a finding."""
    try:
        pieces, size = [], 0
        for piece in _ENV.from_string(source).generate(context):
            size += len(piece)
            if size > MAX_OUTPUT:  # check_references bounds it already; this holds whatever the context is
                return source, [Finding(path, 1, "placeholder.too-large",
                                        f"filled in, this text would be more than the {MAX_OUTPUT:,} characters a "
                                        "section may have", "shorten the data values this file prints")]
            pieces.append(piece)
        return "".join(pieces), []
    # Not only TemplateError: a value whose text cannot be made fails in Python itself,
    # and every such failure is a problem to report, not a crash.
    except Exception as error:  # noqa: BLE001
        line = getattr(error, "lineno", None) or _template_line(error) or 1
        return source, [Finding(path, line, "placeholder.render", f"this placeholder cannot be filled: {error}",
                                "use only {{ name.key }} placeholders that data defines")]


def safe(markup: str) -> Markup:
    """The core's own generated Markdown, printed as it is (its data was escaped when it was made)."""
    return Markup(markup)


def _template_line(error: BaseException) -> int | None:
    """Jinja rewrites tracebacks so the template's own line shows as a `<template>` frame."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return frames[-1].lineno if frames else None
