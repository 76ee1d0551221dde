"""Findings for machines: JSON for tools, annotations for GitHub Actions (`check --format`)."""

from __future__ import annotations

import json

from .findings import Finding


def _line(finding: Finding) -> int:
    return finding.line or 1  # a whole-file finding points at the file's first line


def render(findings: list[Finding], form: str, *, ok: bool | None = None) -> str:
    """``ok`` defaults to "no findings"; a check that passed with notices (warnings it does not block on) says so."""
    ordered = sorted(findings)
    if form == "json":
        return json.dumps({"ok": not ordered if ok is None else ok, "findings": [
            {"path": f.path, "line": _line(f), "rule": f.rule, "severity": f.severity.value,
             "problem": f.problem, "fix": f.fix} for f in ordered]}, ensure_ascii=False, indent=2)
    if form == "github":
        return "\n".join(f"::{f.severity.value} file={_escape_property(f.path)},line={_line(f)},"
                         f"title={_escape_property(f.rule)}::{_escape_data(f.problem + ' — ' + f.fix)}"
                         for f in ordered)
    raise ValueError(form)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
