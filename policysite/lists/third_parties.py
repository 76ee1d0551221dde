"""The list of personal information shared with third parties (第三方信息共享清单), from data/third_parties.yml.

One row per recipient, or per category of recipients when the policy names
only categories (PIPL Art. 23 asks for the recipient's name; MIIT's app rules
ask for a list a user can open on its own)::

    rows:
      - recipient: {zh: 物流服务商, en: Logistics providers}
        purpose: {zh: 配送您订购的商品, en: Delivering what you ordered}
        information: unconfirmed
        method: unconfirmed
        link: unconfirmed          # or https://… on a site in company.yml `external_sites`

Every value may be given once for all languages or per language. A value the
company has not confirmed is written `unconfirmed` (or left out): the list
shows “待公司确认 / To be confirmed by the company” in its place and every such
value is a `list.unconfirmed` notice, reported on each build until the company
confirms it, and never a reason to refuse the build. Nothing is ever guessed.
"""

from __future__ import annotations

from pathlib import Path

import difflib
from typing import Any
from urllib.parse import quote, urlsplit

from ..data import DataSet
from ..escape import markdown_inline
from ..findings import Finding, Severity
from ..values import break_problem, control_problem, markdown_problem, web_address_problem
from ..yamlfile import YamlDocument
from .words import words

PATH = "data/third_parties.yml"
UNCONFIRMED = "unconfirmed"
# The columns of the list, in order; `recipient` is the one a row cannot do without.
COLUMNS = ("recipient", "purpose", "information", "method", "link")
_ROW_FORM = "`- recipient: …` with `purpose`, `information`, `method` and `link` (each may be `unconfirmed`)"


def third_parties_findings(data: DataSet) -> list[Finding]:
    """Every problem with data/third_parties.yml, and a `list.unconfirmed` notice per value not yet confirmed.

    Notices have Severity.NOTICE: `findings.blocking()` leaves them out of what refuses a build.
    """
    document = data.documents.get("third_parties")
    if document is None:
        return [Finding(PATH, 1, "list.missing",
                        "the site publishes the list of personal information shared with third parties, but "
                        "data/third_parties.yml is missing",
                        "create data/third_parties.yml with one row per recipient (or category of recipients), "
                        "writing `unconfirmed` for what the company has not confirmed yet, or remove the list "
                        "from data/site.yml")]
    company = data.get("company")
    allowed: list[str] = []
    if isinstance(company, dict):
        for key in ("external_sites", "domains"):
            hosts = company.get(key)
            allowed += [h.strip().lower() for h in hosts if isinstance(h, str)] if isinstance(hosts, list) else []
    return check_third_parties(document, _languages(data), allowed)


def check_third_parties(document: YamlDocument, languages: list[str], allowed_hosts: list[str]) -> list[Finding]:
    """The findings of one loaded third-party file: errors for what cannot be published, notices for `unconfirmed`.

    ``allowed_hosts``: the domains a recipient's policy may be on (company.yml `external_sites` and `domains`).
    """
    checker = _Checker(document, languages, allowed_hosts)
    value = document.value
    if not isinstance(value, dict):
        checker.report("list.schema", (), "must be a mapping with `rows:`", f"write `rows:` and under it {_ROW_FORM}")
        return checker.findings
    for key in value:
        if key != "rows":
            checker.unknown((key,), ["rows"])
    rows = value.get("rows")
    if not isinstance(rows, list) or not rows:
        checker.report("list.schema", ("rows",), "must list at least one recipient or category of recipients",
                       f"write one row per recipient under `rows:`: {_ROW_FORM}")
        return checker.findings
    for index, row in enumerate(rows):
        checker.row(index, row)
    return sorted(checker.findings)


class _Checker:
    def __init__(self, document: YamlDocument, languages: list[str], allowed_hosts: list[str]):
        self.document = document
        self.languages = languages
        self.allowed = allowed_hosts
        self.findings: list[Finding] = []

    def report(self, rule: str, key: tuple[str | int, ...], problem: str, fix: str, severity: Severity = Severity.ERROR) -> None:
        dotted = ".".join(str(part) for part in key) or "the file"
        self.findings.append(Finding(self.document.path, self.document.line(*key), rule,
                                     f"`{dotted}` {problem}" if key else f"the file {problem}", fix, severity))

    def unknown(self, key: tuple[str | int, ...], known: list[str]) -> None:
        close = difflib.get_close_matches(str(key[-1]), known, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"known keys: {', '.join(known)}"
        self.report("list.schema", key, "is not a known key of the third-party list",
                    f"remove it or rename it ({hint})")

    def row(self, index: int, row: Any) -> None:
        key: tuple[str | int, ...] = ("rows", index)
        if not isinstance(row, dict):
            self.report("list.schema", key, "must be one recipient with its keys", f"write {_ROW_FORM}")
            return
        for name in row:
            if name not in COLUMNS:
                self.unknown(key + (name,), list(COLUMNS))
        if _is_unconfirmed(row.get("recipient"), self.languages):
            self.report("list.missing-recipient", key + ("recipient",) if "recipient" in row else key,
                        "names no recipient: a row of the third-party list says who receives the information",
                        "write the recipient's name, or the category the policy names (e.g. `物流服务商`), "
                        "under `recipient:`; delete the row if there is no such recipient")
        else:
            self.value(key + ("recipient",), row["recipient"])
        unconfirmed: list[str] = []
        for name in COLUMNS:
            value = row.get(name)
            if name == "recipient":
                pass  # checked above
            elif value is None or (isinstance(value, str) and value.strip() == UNCONFIRMED):
                unconfirmed.append(name)
            elif name == "link":
                self.link(key + (name,), value)
            else:
                self.value(key + (name,), value)
            if isinstance(value, dict) and not (name == "recipient" and _is_unconfirmed(value, self.languages)):
                unconfirmed += [f"{name} ({code})" for code in self.languages
                                if isinstance(value.get(code), str) and value[code].strip() == UNCONFIRMED]
        recipient = row.get("recipient")
        who = _first_text(recipient, self.languages)
        for name in unconfirmed:
            column, _, language = name.partition(" ")
            shown = f"the {column} of “{who}”" if who else f"the {column} of this row"
            self.report("list.unconfirmed", key + (column,) if column in row else key,
                        f"({shown}{' in ' + language.strip('()') if language else ''}) is not confirmed by the "
                        "company yet; the list shows “待公司确认 / To be confirmed by the company” in its place",
                        f"when the company confirms it, write the value under `{column}:` in place of `unconfirmed`",
                        Severity.NOTICE)

    def per_language(self, key: tuple[str | int, ...], value: Any) -> dict[str, Any] | None:
        """``value`` as {language: text}, or None after reporting why it cannot be."""
        if isinstance(value, dict):
            extra = [str(code) for code in value if code not in self.languages]
            missing = [code for code in self.languages if code not in value]
            if extra:
                self.report("list.schema", key, f"has text for undeclared language {', '.join(extra)}",
                            "give text only for the languages in data/policy.yml `languages`")
            if missing:
                self.report("list.schema", key, f"has no text for {', '.join(missing)}",
                            f"add `{missing[0]}: …` under it (or `{missing[0]}: unconfirmed`)")
            if extra or missing:
                return None
            return value
        return {"": value}  # one value for every language: checked once

    def value(self, key: tuple[str | int, ...], value: Any) -> None:
        texts = self.per_language(key, value)
        for code, text in (texts or {}).items():
            where = key + (code,) if code else key
            if not isinstance(text, str) or not text.strip():
                self.report("list.schema", where, "must be text", "write the text after the colon, or `unconfirmed`")
                continue
            problem = control_problem(text) or break_problem(text, breaks_allowed=True) or markdown_problem(text, in_table=True)
            if problem is not None:
                self.report("list.text", where, problem,
                            "write the value as plain text; the list makes the table and the links itself")

    def link(self, key: tuple[str | int, ...], value: Any) -> None:
        texts = self.per_language(key, value)
        for code, text in (texts or {}).items():
            where = key + (code,) if code else key
            if isinstance(text, str) and text.strip() == UNCONFIRMED:
                continue
            problem = _link_problem(text)
            if problem is not None:
                self.report("list.link", where, problem,
                            "write the https address of the recipient's own privacy policy "
                            "(`https://…`), or `unconfirmed` until the company confirms it")
                continue
            host = (urlsplit(text).hostname or "").lower()
            if not any(host == site or host.endswith("." + site) for site in self.allowed):
                self.report("list.link-undeclared", where,
                            f"links to `{host}`, which data/company.yml does not declare as an outside site",
                            f"if this is the recipient's policy, add `- {host}` under `external_sites` in "
                            "data/company.yml; otherwise correct the address")


def _link_problem(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be a web address written as text"
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme != "https":
        return (f"is `{value}`; a recipient's policy is linked by its https address only"
                + (f", never a `{scheme}:` address" if scheme and scheme != "http" else ""))
    return web_address_problem(value)


def _is_unconfirmed(value: Any, languages: list[str]) -> bool:
    """No value at all, or `unconfirmed` in every language."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() in ("", UNCONFIRMED)
    if isinstance(value, dict):
        return all(_is_unconfirmed(value.get(code), languages) for code in languages) if languages else not value
    return False


def _first_text(value: Any, languages: list[str]) -> str:
    if isinstance(value, dict):
        value = next((value[code] for code in languages if isinstance(value.get(code), str)), "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def _languages(data: DataSet) -> list[str]:
    try:
        return data.languages
    except (KeyError, TypeError):
        return []


# ---------------------------------------------------------------- rendering

def third_parties_markdown(data: DataSet, language: str, *, heading: bool = True,
                           data_dir: Path | None = None) -> str:
    """The list's page in ``language``: its title (unless ``heading`` is False), an intro line and the table.

    ``data`` must hold a third-party file without errors (``third_parties_findings``: notices are fine).
    Every cell is data, escaped here; the emphasis of “unconfirmed” and the links are the core's own Markdown.
    """
    said = words(language, data_dir)
    languages = _languages(data)
    rows = data["third_parties"]["rows"]
    header = "| " + " | ".join(markdown_inline(said[name]) for name in COLUMNS) + " |"
    rule = "|" + "|".join(" --- " for _ in COLUMNS) + "|"
    lines = [header, rule]
    for row in rows:
        lines.append("| " + " | ".join(_cell(row.get(name), name, language, languages, said["unconfirmed"])
                                       for name in COLUMNS) + " |")
    parts = [f"# {markdown_inline(said['third_parties_title'])}"] if heading else []
    parts += [markdown_inline(said["third_parties_intro"]), "\n".join(lines)]
    return "\n\n".join(parts) + "\n"


def _cell(value: Any, column: str, language: str, languages: list[str], unconfirmed: str) -> str:
    if isinstance(value, dict):
        value = value.get(language)
    if value is None or (isinstance(value, str) and value.strip() in ("", UNCONFIRMED)):
        return f"*{markdown_inline(unconfirmed)}*"
    text = str(value)
    if column == "link":
        # Checked: an https address on a declared host, no spaces or quotes; parentheses would end the link.
        target = quote(text.strip(), safe=":/?#[]@!$&'*+,;=%~.-_")
        return f"[{markdown_inline(text.strip())}]({target})"
    return "<br>".join(markdown_inline(line) for line in text.splitlines())
