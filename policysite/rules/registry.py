"""Named rules and the context they read.

A rule is a function registered with an id (``family.name``) and a
severity; its docstring says what it catches and why. It yields ``Hit``s;
the registry turns them into findings carrying the rule's id and severity.

Every other finding id the core emits (loading, data, archive, site…) is
registered too, without a check function (``checked_elsewhere``), so that
`python -m policysite rules` lists every id a build can print and a waiver
naming one is told why it can or cannot accept it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple
from collections.abc import Callable, Iterable, Iterator

from ..findings import Finding, Severity
from ..model import Policy, SectionText
from .markdown import Block, Line, blocks, parse


class Hit(NamedTuple):
    path: str
    line: int
    problem: str
    fix: str


Check = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: Check | None  # None: the finding is made outside rules/, in ``checked_in``
    doc: str
    checked_in: str = "policysite/rules"
    not_waivable: str = ""  # why data/waivers.yml cannot accept the finding ("" when it can)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.id

    @property
    def example(self) -> str:
        """The docstring's `Example:` paragraph (what a finding of the rule looks like in a policy), or ""."""
        lines = self.doc.strip().splitlines()
        start = next((i for i, line in enumerate(lines) if line.strip().startswith("Example:")), None)
        if start is None:
            return ""
        taken = []
        for line in lines[start:]:
            if not line.strip():
                break
            taken.append(line.strip())
        return " ".join(taken)[len("Example:"):].strip()

    @property
    def waivable(self) -> bool:
        return not self.not_waivable


RULES: dict[str, Rule] = {}


def _add(entry: Rule) -> None:
    if entry.id in RULES:
        raise ValueError(f"rule {entry.id} registered twice")
    RULES[entry.id] = entry


def rule(rule_id: str, severity: Severity = Severity.ERROR, *, not_waivable: str = "") -> Callable[[Check], Check]:
    """Register a rule of the gate; ``not_waivable`` says why no waiver may accept its findings (rare: safety)."""
    def register(check: Check) -> Check:
        _add(Rule(rule_id, severity, check, check.__doc__ or "", not_waivable=not_waivable))
        return check
    return register


def checked_elsewhere(rule_id: str, checked_in: str, doc: str, *, not_waivable: str,
                      severity: Severity = Severity.ERROR) -> None:
    """Register a finding id made outside rules/: listed and known to waivers, run where it is made."""
    _add(Rule(rule_id, severity, None, doc, checked_in=checked_in, not_waivable=not_waivable))


@dataclass
class Document:
    """One section file in one language, parsed."""

    text: SectionText
    lines: list[Line]
    cache: dict[str, Any] = field(default_factory=dict)  # what several rules extract from this file, once

    @property
    def path(self) -> str:
        return self.text.path

    @property
    def language(self) -> str:
        return self.text.language

    @property
    def section_id(self) -> str:
        return self.text.section.id

    @cached_property
    def blocks(self) -> list[Block]:
        return blocks(self.lines)

    def prose(self) -> Iterator[Line]:
        return (line for line in self.lines if line.prose)


class DataValue(NamedTuple):
    path: str
    line: int
    key: str  # dotted, e.g. contact.email or company.legal_name.zh
    value: str


@dataclass
class Context:
    policy: Policy
    today: dt.date
    documents: list[Document] = field(default_factory=list)

    @classmethod
    def of(cls, policy: Policy, today: dt.date) -> Context:
        documents = [Document(text, parse(text.source)) for text in policy.texts.values()]
        order = {section.id: index for index, section in enumerate(policy.sections)}
        codes = [language.code for language in policy.languages]
        documents.sort(key=lambda d: (codes.index(d.language) if d.language in codes else 99,
                                      order.get(d.section_id, 99)))
        return cls(policy, today, documents)

    @property
    def languages(self) -> list[str]:
        return [language.code for language in self.policy.languages]

    def document(self, language: str, section_id: str) -> Document | None:
        return next((d for d in self.documents if d.language == language and d.section_id == section_id), None)

    def in_language(self, language: str) -> list[Document]:
        return [d for d in self.documents if d.language == language]

    def data(self, name: str, *keys: str) -> Any:
        value = self.policy.data.get(name)
        for key in keys:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    def where(self, name: str, *keys: str | int) -> tuple[str, int]:
        return self.policy.data.where(name, *keys)

    @cached_property
    def data_values(self) -> list[DataValue]:
        """Every text value in data/ (waivers excepted: they quote findings on purpose)."""
        values: list[DataValue] = []
        for name, document in self.policy.data.documents.items():
            if name == "waivers":
                continue

            def walk(value: Any, key: tuple[Any, ...]) -> None:
                if isinstance(value, dict):
                    for k, v in value.items():
                        walk(v, key + (k,))
                elif isinstance(value, list):
                    for i, v in enumerate(value):
                        walk(v, key + (i,))
                elif isinstance(value, str):
                    values.append(DataValue(document.path, document.line(*key),  # noqa: B023  (walk runs in this iteration)
                                            ".".join(str(part) for part in (name, *key)), value))  # noqa: B023

            walk(document.value, ())
        return values


def run(policy: Policy, *, today: dt.date | None = None, only: Iterable[str] | None = None) -> list[Finding]:
    context = Context.of(policy, today or dt.date.today())
    selected = [RULES[rule_id] for rule_id in only] if only is not None else list(RULES.values())
    findings: list[Finding] = []
    for each in selected:
        if each.check is None:
            continue  # made by another stage of judge()
        for hit in each.check(context):
            findings.append(Finding(hit.path, hit.line, each.id, hit.problem, hit.fix, each.severity))
    return sorted(set(findings))
