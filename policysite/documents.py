"""The documents a site publishes, from the optional data/site.yml.

    documents:
      - {id: policy, kind: privacy-policy}
      - {id: collection-list, kind: collection-list, prefix: lists/collection,
         title: {zh: 个人信息收集清单, en: List of Personal Information Collected}}

Without data/site.yml the site holds one document, the privacy policy, at prefix ""
(every address it has always had). The privacy policy always keeps prefix "": the
web team pinned /, /en/, /webview/, /archive/… and /policy.json. Every other document
gets the same shapes under its own prefix (policysite.urls), and its text from the
renderer of its kind (policysite.renderers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .data import DataSet
from .findings import Finding
from .roles import ROLES
from .words import WordsMissing
from .words import words as core_words

DATA_FILE = "site"
POLICY_KIND = "privacy-policy"
KINDS = (POLICY_KIND, "collection-list", "third-party-list", "children-rules", "terms")
# Kinds written as Markdown sections, like the policy (policysite.prose), rather than rendered from data.
PROSE_KINDS = ("children-rules", "terms")
ENTRY_KEYS = {"id": True, "kind": True, "prefix": False, "title": False, "sections": False}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
# ASCII folders only: a non-ASCII address shows a white screen in WeChat's web-view on iOS.
_PREFIX = re.compile(r"^[a-z0-9][a-z0-9-]*(?:/[a-z0-9][a-z0-9-]*){0,3}$")
# First folders the site already uses for the policy or the theme; a document there would collide.
RESERVED = ("archive", "webview", "assets", "search", "changes", "404.html")

# The title a document gets when site.yml gives none (the kind's usual name in each language).
# These are interface words: they move to the per-language catalogue when it lands.
def default_title(kind: str, language: str) -> str | None:
    """A kind's title in the core's word catalogue (policysite/words/<code>.yml, group `documents`)."""
    try:
        return core_words(language, "documents").get(kind)
    except WordsMissing:
        return None


@dataclass(frozen=True)
class Document:
    id: str
    kind: str
    prefix: str = ""  # "" for the privacy policy; "lists/collection" for another document
    titles: dict[str, str] = field(default_factory=dict)  # language → title ({} for the policy: data/policy.yml has it)
    # A prose document's sections in order, (id, role): its files are docs/<lang>/<id>/sections/<section>.md.
    sections: tuple[tuple[str, str], ...] = ()

    @property
    def is_policy(self) -> bool:
        return self.kind == POLICY_KIND


def default_documents(policy_id: str) -> list[Document]:
    return [Document(id=policy_id, kind=POLICY_KIND)]


def read_documents(data: DataSet, languages: list[str]) -> tuple[list[Document], list[Finding]]:
    """The site's documents, the privacy policy first; findings for every entry that cannot be published."""
    policy_id = str(data["policy"]["id"]) if "policy" in data.documents else "policy"
    source = data.documents.get(DATA_FILE)
    if source is None or source.value is None:
        return default_documents(policy_id), []
    findings: list[Finding] = []

    def report(rule: str, key: tuple[str | int, ...], problem: str, fix: str) -> None:
        findings.append(Finding(source.path, source.line(*key), rule, problem, fix))

    value = source.value
    entries = value.get("documents") if isinstance(value, dict) else None
    if not isinstance(value, dict) or set(value) - {"documents"} or not isinstance(entries, list) or not entries:
        report("site.document-entry", (), "data/site.yml must hold one key, `documents:`, a list of the site's documents",
               "write `documents:` and under it one `- {id: …, kind: …}` per document, the privacy policy first")
        return default_documents(policy_id), findings
    documents: list[Document] = []
    ids: dict[str, int] = {}
    prefixes: dict[str, int] = {}
    for index, entry in enumerate(entries):
        key: tuple[str | int, ...] = ("documents", index)
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not isinstance(entry.get("kind"), str):
            report("site.document-entry", key, f"document {index + 1} needs an `id:` and a `kind:`",
                   f"write it as `- {{id: collection-list, kind: collection-list, prefix: lists/collection}}`; "
                   f"kinds: {', '.join(KINDS)}")
            continue
        unknown = sorted(str(k) for k in entry if k not in ENTRY_KEYS)
        if unknown:
            report("site.document-entry", key, f"document `{entry['id']}` has unknown keys: {', '.join(unknown)}",
                   f"remove them; a document takes {', '.join(ENTRY_KEYS)}")
        doc_id, kind = entry["id"], entry["kind"]
        if not _ID.match(doc_id):
            report("site.document-entry", key + ("id",), f"the document id `{doc_id}` is not a short ASCII name",
                   "use lower-case letters, digits and hyphens, such as `collection-list`")
        if kind not in KINDS:
            report("site.document-kind", key + ("kind",), f"document `{doc_id}` has the unknown kind `{kind}`",
                   f"use one of {', '.join(KINDS)}")
        if doc_id in ids:
            report("site.document-duplicate", key + ("id",),
                   f"two documents have the id `{doc_id}` (documents {ids[doc_id] + 1} and {index + 1})",
                   "give each document its own id; its archive lives in archive/<id>/")
        ids.setdefault(doc_id, index)
        prefix = _prefix(entry.get("prefix", ""), doc_id, kind, key, report)
        if prefix is not None and prefix in prefixes:
            report("site.document-duplicate", key + ("prefix",),
                   f"documents {prefixes[prefix] + 1} and {index + 1} both use the prefix `{prefix or '(none)'}`, "
                   "so one would overwrite the other's pages",
                   "give each document its own prefix, such as `lists/collection`")
        if prefix is not None:
            prefixes.setdefault(prefix, index)
        titles = _titles(entry.get("title"), doc_id, kind, languages, key, report)
        sections = _sections(entry.get("sections"), doc_id, kind, key, report)
        documents.append(Document(id=doc_id, kind=kind, prefix=prefix or "", titles=titles, sections=sections))
    policies = [d for d in documents if d.is_policy]
    if len(policies) != 1:
        report("site.document-policy", ("documents",),
               f"data/site.yml lists {len(policies)} privacy policies; the site publishes exactly one, at its pinned addresses",
               f"list the privacy policy once: `- {{id: {policy_id}, kind: {POLICY_KIND}}}`")
    elif policies[0].id != policy_id:
        report("site.document-policy", ("documents", documents.index(policies[0]), "id"),
               f"the privacy policy is listed as `{policies[0].id}` but data/policy.yml calls it `{policy_id}`",
               f"write `id: {policy_id}`")
    if findings:
        return default_documents(policy_id), findings
    return policies + [d for d in documents if not d.is_policy], []


def _prefix(value: Any, doc_id: str, kind: str, key: tuple[str | int, ...], report: Any) -> str | None:
    if not isinstance(value, str):
        report("site.document-prefix", key + ("prefix",), f"document `{doc_id}` has a prefix that is not text",
               "write it as a folder such as `lists/collection`")
        return None
    prefix = value.strip("/")
    if kind == POLICY_KIND:
        if prefix:
            report("site.document-prefix", key + ("prefix",),
                   f"the privacy policy `{doc_id}` is given the prefix `{prefix}`, but its addresses are pinned at the "
                   "site root (/, /en/, /webview/, /archive/…, /policy.json)", "remove `prefix:` from the privacy policy")
            return None
        return ""
    if not prefix:
        report("site.document-prefix", key + ("prefix",),
               f"document `{doc_id}` has no prefix, so its pages would replace the privacy policy's",
               "give it its own folder, such as `prefix: lists/collection`")
        return None
    first = prefix.split("/")[0]
    if not _PREFIX.match(prefix) or first in RESERVED or len(first) == 2:
        report("site.document-prefix", key + ("prefix",),
               f"document `{doc_id}` has the prefix `{value}`, which is not a usable folder of the site",
               "use lower-case ASCII letters, digits and hyphens in at most four folders (such as `lists/collection`), "
               f"not starting with a language code or one of {', '.join(RESERVED)}")
        return None
    return prefix


def _titles(value: Any, doc_id: str, kind: str, languages: list[str], key: tuple[str | int, ...],
            report: Any) -> dict[str, str]:
    if kind == POLICY_KIND:
        return {}
    given = value if isinstance(value, dict) else ({code: value for code in languages} if isinstance(value, str) else {})
    titles = {}
    for code in languages:
        title = given[code] if code in given else default_title(kind, code)
        if not isinstance(title, str) or not title.strip():
            report("site.document-title", key + ("title",) if value is not None else key,
                   f"document `{doc_id}` has no title in `{code}`", f"write `title: {{{code}: …}}` for it")
            continue
        titles[code] = title.strip()
    return titles


def _sections(value: Any, doc_id: str, kind: str, key: tuple[str | int, ...], report: Any) -> tuple[tuple[str, str], ...]:
    """A prose document's `sections:`: each an id (role `other`) or `{id: …, role: …}` as in data/policy.yml."""
    example = "`sections: [{{id: intro, role: intro}}, guardians, contact]`"
    if kind not in PROSE_KINDS:
        if value is not None:
            report("site.document-entry", key + ("sections",),
                   f"document `{doc_id}` is a `{kind}`, which is rendered from data and has no sections",
                   "remove `sections:`; only children-rules and terms are written as sections")
        return ()
    if not isinstance(value, list) or not value:
        report("site.document-entry", key + (("sections",) if value is not None else ()),
               f"document `{doc_id}` is written as sections, but data/site.yml does not list them",
               f"list them in order, such as {example}; each is the file docs/<lang>/{doc_id}/sections/<id>.md")
        return ()
    sections: list[tuple[str, str]] = []
    for index, item in enumerate(value):
        entry = {"id": item, "role": "other"} if isinstance(item, str) else item
        if (not isinstance(entry, dict) or set(entry) - {"id", "role"} or not isinstance(entry.get("id"), str)
                or not _ID.match(entry["id"]) or entry.get("role", "other") not in ROLES):
            report("site.document-entry", key + ("sections", index),
                   f"section {index + 1} of document `{doc_id}` is not a short ASCII id with a known role",
                   f"write it as `guardians` or `{{id: guardians, role: minors}}`; roles: {', '.join(ROLES)}")
            continue
        if any(section_id == entry["id"] for section_id, _ in sections):
            report("site.document-entry", key + ("sections", index),
                   f"document `{doc_id}` lists the section `{entry['id']}` twice", "list each section once")
            continue
        sections.append((entry["id"], str(entry.get("role", "other"))))
    return tuple(sections)
