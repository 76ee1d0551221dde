"""The facts under data/: load every file, validate it, name file, key and fix."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable

from .findings import Finding
from .roles import ROLES
from .values import (break_problem, control_problem, email_problem, host_problem, language_tag_problem,
                     markdown_problem, web_address_problem)
from .yamlfile import YamlDocument, inside, read_yaml

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SUFFIXES = (".yml", ".yaml")

RESPONSE_UNITS = ("working", "calendar")  # contact.response_unit: how contact.response_days is counted

# Files the core knows, with their keys; `True` marks required keys.
SCHEMA: dict[str, dict[str, bool]] = {
    "company": {"legal_name": True, "address": True, "website": False, "domains": True,
                "mini_program": False, "brand": False,
                "aliases": False, "third_parties": False, "external_sites": False},  # lists: rules/organisations.py, contacts.py
    "contact": {"email": True, "response_days": True, "response_unit": False, "phone": False, "address": False,
                "online_service": False},
    "policy": {"id": True, "title": True, "version": True, "effective": True, "updated": False,
               "default_language": True, "languages": True, "sections": True},
    "inventory": {"columns": True, "rows": True},
    "waivers": {"waivers": True},
}

# One accepted finding in data/waivers.yml; `line` or `match` pins it down.
WAIVER_KEYS: dict[str, bool] = {"rule": True, "path": True, "line": False, "match": False,
                                "reason": True, "owner": True}


@dataclass
class DataSet:
    """Every data file by name (``company`` for data/company.yml)."""

    documents: dict[str, YamlDocument] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.documents[name].value

    def get(self, name: str, default: Any = None) -> Any:
        document = self.documents.get(name)
        return default if document is None else document.value

    def where(self, name: str, *key: str | int) -> tuple[str, int]:
        document = self.documents[name]
        return document.path, document.line(*key)

    @property
    def languages(self) -> list[str]:
        return [language["code"] for language in self["policy"]["languages"]]


class _Checker:
    """Collects schema findings for one document."""

    def __init__(self, document: YamlDocument, languages: list[str]):
        self.document = document
        self.languages = languages
        self.findings: list[Finding] = []

    def report(self, key: tuple[Any, ...], problem: str, fix: str) -> None:
        dotted = ".".join(str(part) for part in key)
        self.findings.append(Finding(self.document.path, self.document.line(*key), "data.schema",
                                     f"`{dotted}` {problem}", fix))

    def flag(self, rule: str, key: tuple[Any, ...], problem: str, fix: str) -> None:
        """A finding of one of the value rules (data.email, data.markdown …), beside data.schema's."""
        dotted = ".".join(str(part) for part in key)
        self.findings.append(Finding(self.document.path, self.document.line(*key), rule, f"`{dotted}` {problem}", fix))

    def kind(self, rule: str, key: tuple[Any, ...], value: Any, problem: str | None, fix: str) -> None:
        """A value of a kind (host, e-mail, language tag, web address) that its check found wrong."""
        if value is not None and problem is not None:
            dotted = ".".join(str(part) for part in key)
            self.findings.append(Finding(self.document.path, self.document.line(*key), rule, f"`{dotted}` {problem}", fix))

    def printed(self, key: tuple[Any, ...], value: Any, *, table: bool = False) -> None:
        """Text printed into the policy: one line (table cells excepted), no control characters, no Markdown."""
        if not isinstance(value, str):
            return
        problem = control_problem(value)
        if problem is not None:
            self.flag("data.control-character", key, problem, "retype the value without invisible characters")
            return
        problem = break_problem(value, breaks_allowed=table) or markdown_problem(value, in_table=table)
        if problem is not None:
            self.flag("data.markdown", key, problem,
                      "write the fact as plain text; links, headings and formatting belong in the section file")

    def mapping(self, key: tuple[Any, ...], value: Any, known: dict[str, bool]) -> bool:
        if not isinstance(value, dict):
            self.report(key, "must be a mapping of keys to values",
                        "write one `key: value` per line under it")
            return False
        for name, required in known.items():
            if required and value.get(name) is None:
                self.report(key + (name,) if key else (name,), "is missing",
                            f"add `{name}:` to {self.document.path}")
        for name in value:
            if name not in known:
                close = difflib.get_close_matches(str(name), list(known), n=1)
                hint = f"did you mean `{close[0]}`?" if close else f"known keys: {', '.join(known)}"
                self.report(key + (name,), "is not a known key", f"remove it or rename it ({hint})")
        return True

    def text(self, key: tuple[Any, ...], value: Any, *, localized: bool = True, table: bool = False) -> None:
        if value is None:
            return
        if isinstance(value, dict) and localized:
            for code in self.languages:
                self.printed(key + (code,), value.get(code), table=table)
        else:
            self.printed(key, value, table=table)
        if isinstance(value, dict) and localized:
            missing = [code for code in self.languages if not _filled(value.get(code))]
            extra = [code for code in value if code not in self.languages]
            if missing:
                self.report(key, f"has no text for {', '.join(missing)}",
                            f"add `{missing[0]}: …` under it, or give one value for all languages")
            if extra:
                self.report(key, f"has text for undeclared language {', '.join(map(str, extra))}",
                            "declare the language under `languages:` in data/policy.yml or remove it")
            for code in self.languages:
                if code in value and not isinstance(value[code], (str, int, float)):
                    self.report(key + (code,), "must be text", "write the text on the same line, quoted if needed")
            return
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or str(value).strip() == "":
            form = "text, or text per language (`zh: …`, `en: …`)" if localized else "text"
            self.report(key, f"must be {form}", "write the value after the colon")

    def check(self, key: tuple[Any, ...], value: Any, ok: Callable[[Any], bool], problem: str, fix: str) -> None:
        if value is not None and not ok(value):
            self.report(key, problem, fix)


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _babel_locale(value: Any) -> bool:
    from babel import Locale, UnknownLocaleError
    try:
        Locale.parse(str(value))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return isinstance(value, str)


def _date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _check_policy(c: _Checker, policy: dict[str, Any]) -> None:
    c.check(("id",), policy.get("id"), lambda v: isinstance(v, str) and bool(SLUG.match(v)),
            "must be a lower-case slug", "use letters, digits and hyphens, e.g. `acme-privacy`")
    c.text(("title",), policy.get("title"))
    c.check(("version",), policy.get("version"), _positive_int, "must be a whole number from 1",
            "write the version number, e.g. `version: 1`")
    for name in ("effective", "updated"):
        c.check((name,), policy.get(name), _date, "must be a date written YYYY-MM-DD",
                f"write e.g. `{name}: 2024-11-18` (no quotes)")
    languages = policy.get("languages")
    if not isinstance(languages, list) or not languages:
        c.report(("languages",), "must list at least one language",
                 "add `- {code: zh, name: 简体中文, locale: zh_Hans_CN, hreflang: zh-CN}`")
    else:
        for index, language in enumerate(languages):
            if c.mapping(("languages", index), language,
                         {"code": True, "name": True, "locale": True, "hreflang": True}):
                c.check(("languages", index, "code"), language.get("code"),
                        lambda v: isinstance(v, str) and bool(re.match(r"^[a-z]{2,3}$", v)),
                        "must be a two- or three-letter language code", "write e.g. `code: en`")
                c.check(("languages", index, "locale"), language.get("locale"), _babel_locale,
                        "is not a locale the date formatter knows",
                        "write a CLDR locale such as `zh_Hans_CN`, `en` or `en_GB`")
                for key in ("name", "hreflang"):
                    c.text(("languages", index, key), language.get(key), localized=False)
                c.kind("data.language-tag", ("languages", index, "hreflang"), language.get("hreflang"),
                       language_tag_problem(language.get("hreflang"), language.get("code")),
                       "write the BCP 47 tag of this language, e.g. `hreflang: zh-CN` or `hreflang: en`")
    codes = [lang.get("code") for lang in (languages if isinstance(languages, list) else [])
             if isinstance(lang, dict)]
    for index, code in enumerate(codes):
        if isinstance(code, str) and codes.index(code) != index:
            c.report(("languages", index, "code"), f"repeats the language `{code}`", "list each language once")
    c.check(("default_language",), policy.get("default_language"), lambda v: v in codes,
            "is not one of the declared languages", f"use one of: {', '.join(map(str, codes))}")
    sections = policy.get("sections")
    if not isinstance(sections, list) or not sections:
        c.report(("sections",), "must list the sections in order",
                 "add `- {id: intro, role: intro}` and one line per section")
        return
    seen: set[str] = set()
    for index, section in enumerate(sections):
        # `roles: [storage, security]` for a section that discloses several things; `role:` for one.
        has_roles = isinstance(section, dict) and "roles" in section
        if not c.mapping(("sections", index), section, {"id": True, "role": not has_roles, "roles": False}):
            continue
        section_id = section.get("id")
        c.check(("sections", index, "id"), section_id, lambda v: isinstance(v, str) and bool(SLUG.match(v)),
                "must be a lower-case slug (it becomes the file name and the anchor)",
                "use letters, digits and hyphens, e.g. `id: rights`")
        if not isinstance(section_id, str):
            continue
        if section_id in seen:
            c.report(("sections", index, "id"), f"repeats the section id `{section_id}`",
                     "give every section its own id")
        seen.add(section_id)
        if has_roles:
            roles = section.get("roles")
            if not isinstance(roles, list) or not roles:
                c.report(("sections", index, "roles"), "must list what the section discloses",
                         "write e.g. `roles: [storage, security]`")
                continue
            if "role" in section:
                c.report(("sections", index), "has both `role` and `roles`", "keep one: `roles: [a, b]` lists them all")
            for position, role in enumerate(roles):
                _check_role(c, ("sections", index, "roles", position), role)
        else:
            _check_role(c, ("sections", index, "role"), section.get("role"))


def _check_role(c: _Checker, key: tuple[Any, ...], role: Any) -> None:
    if not isinstance(role, str) or not role:
        c.report(key, "must name what the section discloses", "write e.g. `role: rights`")
    elif role not in ROLES:
        close = difflib.get_close_matches(role, list(ROLES), n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"known roles: {', '.join(ROLES)}"
        c.report(key, f"is `{role}`, which is not a known section role",
                 f"{hint} (the roles are listed in policysite/roles.py)")


def _check_company(c: _Checker, company: dict[str, Any]) -> None:
    for name in ("legal_name", "address", "mini_program", "brand"):
        c.text((name,), company.get(name))
    c.text(("website",), company.get("website"), localized=False)
    c.kind("data.url", ("website",), company.get("website"), web_address_problem(company.get("website")),
           "write the host name (`www.example.com`) or its https address (`https://www.example.com/`)")
    domains = company.get("domains")
    if domains is not None:
        if not isinstance(domains, list) or not domains:
            c.report(("domains",), "must list the company's domains", "write `- example.com` per domain")
        else:
            for index, domain in enumerate(domains):
                c.kind("data.host", ("domains", index), domain, host_problem(domain),
                       "write a bare domain such as `example.com`, no scheme or path")
    sites = company.get("external_sites")  # outside sites the policy names on purpose (rules/contacts.py)
    if sites is not None and not isinstance(sites, list):
        c.report(("external_sites",), "must list bare domains", "write `- cookie-info.example.org` per outside site")
    for index, site in enumerate(sites if isinstance(sites, list) else []):
        c.kind("data.host", ("external_sites", index), site, host_problem(site),
               "write a bare domain such as `cookie-info.example.org`, no scheme or path")


def _check_contact(c: _Checker, contact: dict[str, Any]) -> None:
    c.kind("data.email", ("email",), contact.get("email"), email_problem(contact.get("email")),
           "write it as `name@example.com`")
    c.check(("response_days",), contact.get("response_days"), _positive_int,
            "must be a whole number of days", "write e.g. `response_days: 15`")
    # The unit the deadline is counted in: working days unless the policy promises calendar days (自然日).
    c.check(("response_unit",), contact.get("response_unit", RESPONSE_UNITS[0]), lambda unit: unit in RESPONSE_UNITS,
            "must be `working` or `calendar`", "write `response_unit: calendar` for calendar days, or leave it out")
    c.text(("phone",), contact.get("phone"), localized=False)
    c.text(("address",), contact.get("address"))
    c.text(("online_service",), contact.get("online_service"))


def _check_inventory(c: _Checker, inventory: dict[str, Any]) -> None:
    columns = inventory.get("columns")
    if not isinstance(columns, dict) or not columns:
        c.report(("columns",), "must map each column key to its heading", "write e.g. `scenario: {zh: 场景, en: Scenario}`")
        return
    for name, heading in columns.items():
        c.text(("columns", name), heading, table=True)
    rows = inventory.get("rows")
    if not isinstance(rows, list) or not rows:
        c.report(("rows",), "must list at least one row", "add `- scenario: …` with every column")
        return
    for index, row in enumerate(rows):
        # `privacy_keys`: the WeChat privacy keys the row's collection uses (policysite/wechat_privacy.py checks them).
        if c.mapping(("rows", index), row, {**{name: True for name in columns}, "privacy_keys": False}):
            for name in columns:
                c.text(("rows", index, name), row.get(name), table=True)


def _check_waivers(c: _Checker, document: dict[str, Any]) -> None:
    waivers = document.get("waivers")
    if not isinstance(waivers, list):
        c.report(("waivers",), "must list the accepted findings",
                 "write `- {rule: …, path: …, line: …, reason: …, owner: …}` per finding")
        return
    for index, waiver in enumerate(waivers):
        if not c.mapping(("waivers", index), waiver, WAIVER_KEYS):
            continue
        for name in ("rule", "path", "reason", "owner", "match"):
            c.check(("waivers", index, name), waiver.get(name),
                    lambda v: isinstance(v, str) and v.strip() != "", "must be text",
                    f"write the {name} after the colon")
        c.check(("waivers", index, "line"), waiver.get("line"), _positive_int,
                "must be a line number from 1", "write the line the finding names, e.g. `line: 3`")
        if waiver.get("line") is None and waiver.get("match") is None:
            c.report(("waivers", index), "names no line and no text, so it could accept any finding of the rule in the file",
                     "add `line:` (the finding's line) or `match:` (text on that line)")


CHECKS = {"company": _check_company, "contact": _check_contact,
          "policy": _check_policy, "inventory": _check_inventory, "waivers": _check_waivers}


def load_data(data_dir: Path, display_root: Path) -> tuple[DataSet, list[Finding]]:
    """Read every ``*.yml`` under data_dir; validate the files the core knows."""
    dataset = DataSet()
    findings = _folder_findings(data_dir, display_root)
    if findings:
        return dataset, findings
    for path in _data_files(data_dir, display_root, findings):
        document, problems = read_yaml(path, _display(path, display_root))
        findings += problems
        if document is not None:
            dataset.documents[path.stem] = document
    reported = {Path(f.path).stem for f in findings}
    for name in ("company", "contact", "policy"):
        if name not in dataset.documents and name not in reported:
            findings.append(Finding(f"{_display(data_dir, display_root)}/{name}.yml", 0, "data.missing",
                                    "this required data file is missing", f"create it with the keys {', '.join(SCHEMA[name])}"))
    if findings:
        return dataset, findings
    policy_doc = dataset.documents["policy"]
    policy_checker = _Checker(policy_doc, [])
    if policy_checker.mapping((), policy_doc.value, SCHEMA["policy"]):
        declared = policy_doc.value.get("languages")
        languages = [lang["code"] for lang in (declared if isinstance(declared, list) else [])
                     if isinstance(lang, dict) and isinstance(lang.get("code"), str) and lang["code"]]
        policy_checker.languages = languages
        _check_policy(policy_checker, policy_doc.value)
    else:
        languages = []
    findings += policy_checker.findings
    for name, check in CHECKS.items():
        if name == "policy" or name not in dataset.documents:
            continue
        checker = _Checker(dataset.documents[name], languages)
        if checker.mapping((), dataset.documents[name].value, SCHEMA[name]):
            check(checker, dataset.documents[name].value)
        findings += checker.findings
    return dataset, findings


def _folder_findings(data_dir: Path, display_root: Path) -> list[Finding]:
    shown = _display(data_dir, display_root)
    if not data_dir.exists() and not data_dir.is_symlink():
        return [Finding(shown, 1, "data.missing", "the data folder does not exist",
                        "create data/ with company.yml, contact.yml and policy.yml")]
    # A link is judged, not the path a caller passes (`make release` reads a staged copy of data/).
    if data_dir.is_symlink() and not inside(data_dir, display_root.resolve()):
        return [Finding(shown, 1, "data.outside", "the data folder is a link to a folder outside the project",
                        "put the data files in the project's own data/ folder, not a link to elsewhere")]
    if not data_dir.is_dir():
        return [Finding(shown, 1, "data.not-a-file", "data is a file where the data folder belongs",
                        "make data/ a folder holding company.yml, contact.yml and policy.yml")]
    return []


def _data_files(data_dir: Path, display_root: Path, findings: list[Finding]) -> list[Path]:
    """The data files to read, one per name; files that link outside the project or share a name are findings."""
    homes = (display_root.resolve(), data_dir.resolve())  # the folder itself is judged by _folder_findings
    chosen: dict[str, Path] = {}
    # `.yml` first: it is the documented name, so a stray `.yaml` beside it is the one reported.
    for path in sorted((p for p in data_dir.iterdir() if p.suffix in SUFFIXES),
                       key=lambda p: (p.stem, SUFFIXES.index(p.suffix))):
        shown = _display(path, display_root)
        if not any(inside(path, home) for home in homes):
            findings.append(Finding(shown, 1, "data.outside", "this data file is a link to a file outside the project",
                                    "replace the link with the file itself, kept inside the project"))
            continue
        first = chosen.get(path.stem)
        if first is not None:
            findings.append(Finding(shown, 1, "data.file-name",
                                    f"{_display(first, display_root)} and {shown} both hold `{path.stem}`, "
                                    "so one would silently win",
                                    f"keep one of them (merge what you need into {_display(first, display_root)} "
                                    f"and delete {shown})"))
            continue
        chosen[path.stem] = path
    return list(chosen.values())


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
