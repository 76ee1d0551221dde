"""The policy as the core sees it: languages, sections, data, dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from .data import DataSet
from .dates import DateSource

UNNUMBERED_ROLES = {"intro", "appendix"}


@dataclass
class GeneratedPage:
    """A page the core adds to the site (web-view, archived version, diff…).

    ``path`` is the page's folder under its language root: ``webview/`` is
    published at /webview/ for the default language and /en/webview/ for en.
    """

    language: str
    path: str
    markdown: str
    title: str
    template: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # extra front matter
    in_search: bool = False


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    locale: str
    hreflang: str
    default: bool


@dataclass(frozen=True)
class Section:
    id: str
    role: str
    number: int | None  # position among numbered sections; None for intro and appendix
    # Every role the section carries (`roles: [storage, security]`); `role` is the first of them.
    roles: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.roles:
            object.__setattr__(self, "roles", (self.role,))


@dataclass
class SectionText:
    """One section in one language, as written and as filled."""

    section: Section
    language: str
    path: str  # relative to the project root, for findings
    source: str  # the file as written
    title: str | None  # from its `# heading`; None for the intro
    heading_line: int  # 1-based line of that heading (0 when none)
    rendered: str = ""  # body with placeholders filled, heading removed


@dataclass
class Policy:
    root: Path
    docs_dir: Path
    data: DataSet
    languages: list[Language]
    sections: list[Section]
    effective: dt.date
    updated: DateSource
    texts: dict[tuple[str, str], SectionText] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # language → assembled Markdown
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)  # language → placeholder context
    generated: list[GeneratedPage] = field(default_factory=list)  # pages added by later stages
    warnings: list[Any] = field(default_factory=list)  # findings.Finding of severity warning, left by a non-strict judge
    # Set by policysite.archive: released versions oldest first (archive.store.PolicyVersion),
    # what this build shows (archive.stage.ArchiveView), and the version still in force
    # while a newer released one waits for its effective date.
    versions: list[Any] = field(default_factory=list)
    archive: Any = None
    in_force_version: int | None = None
    # The project's data folder: a company's own interface words live in data/words/<code>.yml (policysite/words/).
    data_dir: Path | None = None
    # The kind of document these sections make: the privacy policy, or another document seen through it
    # (policysite.prose.as_policy: children's rules, terms), for the rules that judge the policy alone.
    kind: str = "privacy-policy"
    # The site's documents written as sections (children's rules, terms): id → policysite.prose.Prose.
    prose: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return cast(str, self.data["policy"]["id"])

    @property
    def version(self) -> int:
        if self.in_force_version is not None:
            return self.in_force_version
        return cast(int, self.data["policy"]["version"])

    @property
    def default_language(self) -> Language:
        return next(language for language in self.languages if language.default)

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    def text(self, language: str, section_id: str) -> SectionText:
        return self.texts[(language, section_id)]

    def title(self, language: str) -> str:
        return cast(str, self.contexts[language]["policy"]["title"])
