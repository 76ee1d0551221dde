"""Contact details: typed in the text instead of taken from data, misspelt, or promised but missing."""

from __future__ import annotations

import re
from typing import NamedTuple, cast
from collections.abc import Iterator

from .markdown import PLACEHOLDER
from .registry import Context, Document, Hit, rule

EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_TLDS = "com|cn|net|org|asia|io|co|info|biz|gov|edu|hk|tw|jp|uk|de|us|top|xyz|me|app|dev|ai|cc|tv"
URL = re.compile(r"(?:https?://|www\.)[^\s<>()（）\"“”'‘’\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+"
                 rf"|(?<![@A-Za-z0-9.-])(?:[a-z0-9-]+\.)+(?:{_TLDS})(?![A-Za-z0-9-])(?:/[^\s<>()（）\"“”\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*)?",
                 re.IGNORECASE)
PHONE = re.compile(r"(?<![\d+])(?:"
                   r"(?:\+|00)\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d{2,4}){2,4}"  # international
                   r"|(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}"          # mainland mobile
                   r"|[48]00[\s-]?\d{3}[\s-]?\d{4}"                            # 400/800 numbers
                   r"|\(?0\d{2,3}\)?[\s-]?\d{7,8}(?:[-转]\d{1,5})?"               # landline
                   r")(?!\d)")
ADDRESS_ZH = re.compile(r"[^\s为于在是至：:，,。、；;（）()【】“”\"" + PLACEHOLDER + r"]{2,7}?(?:省|市|自治区)"
                        r"[\u4e00-\u9fff0-9A-Za-z\-－]{2,60}")
ADDRESS_EN = re.compile(r"\b(?:Room|Suite|Unit|Floor|Flat)\s+[0-9A-Z][^;\n]{0,80}?\b(?:Road|Street|Avenue|Rd\.|St\.|District)\b"
                        r"[^;\n]{0,60}?(?=[.;]?\s*$|[.;]\s|\))", re.IGNORECASE)
_EN_HINT = re.compile(r"\b(?:Room|Suite|Unit|Floor|Flat)\b", re.IGNORECASE)
_ZH_ROAD = re.compile(r"(?:区|县).*(?:路|街|道|巷|弄|号)")

PHONE_CHANNEL = re.compile(r"(?:通过|拨打|致电)[^。；;，,]{0,8}(?:电话|热线)|电话(?:与我们)?联系|致电|拨打|客服热线|服务热线|联系电话"
                           r"|\b(?:call|phone|telephone|ring)\s+us\b|\bby (?:tele)?phone\b|\bhotline\b", re.IGNORECASE)
ONLINE_CHANNEL = re.compile(r"在线客服|\bonline customer service\b|\blive chat\b", re.IGNORECASE)


class Literal(NamedTuple):
    kind: str  # e-mail address, URL, phone number, postal address
    value: str
    line: int


def _placeholder(key: str, languages: list[str]) -> str:
    parts = key.split(".")
    if parts[-1] in languages:
        parts = parts[:-1]
    return "{{ " + ".".join(parts) + " }}"


def _normal(value: str) -> str:
    return re.sub(r"[\s\-－()（）,，.]", "", value).lower()


def _normal_url(value: str) -> str:
    return re.sub(r"^(?:[a-z]+://)?(?:www\.)?", "", value.strip().lower()).rstrip("/")


def _same(kind: str, found: str, value: str) -> bool:
    """Whether a typed contact detail is the one data holds under some key."""
    if kind == "URL":
        found, value = _normal_url(found), _normal_url(value)
        return bool(value) and (found == value or found.startswith(value + "/"))
    found, value = _normal(found), _normal(value)
    if kind == "postal address":
        # A typed address is often a part of the data address, or the data address inside a longer phrase.
        return len(found) >= 6 and len(value) >= 6 and (found in value or value in found)
    return bool(found) and found == value


def literals(document: Document) -> list[Literal]:
    """E-mail addresses, URLs, phone numbers and postal addresses typed in a section file (read once per file)."""
    if "literals" not in document.cache:
        document.cache["literals"] = list(_literals(document))
    return cast(list[Literal], document.cache["literals"])


def _literals(document: Document) -> Iterator[Literal]:
    for line in document.prose():
        texts = [line.text] + [link.target for link in line.links if not link.target.startswith("#")]
        for text in texts:
            # Cheap tests first: most lines hold no contact detail at all.
            if "@" in text:
                for match in EMAIL.finditer(text):
                    yield Literal("e-mail address", match.group(0), line.number)
            rest = EMAIL.sub(" ", text.replace("mailto:", " ")) if "@" in text else text
            if "." in rest:
                for match in URL.finditer(rest):
                    yield Literal("URL", match.group(0).rstrip("."), line.number)
                rest = URL.sub(" ", rest)
            if sum(char.isdigit() for char in rest) >= 7:
                for match in PHONE.finditer(rest):
                    yield Literal("phone number", match.group(0).strip(), line.number)
            if "市" in rest or "省" in rest or "自治区" in rest:
                for match in ADDRESS_ZH.finditer(rest):
                    if _ZH_ROAD.search(match.group(0)):
                        yield Literal("postal address", match.group(0), line.number)
            if _EN_HINT.search(rest):
                for match in ADDRESS_EN.finditer(rest):
                    yield Literal("postal address", match.group(0).strip(), line.number)


def external_sites(context: Context) -> list[str]:
    """Outside sites the policy names on purpose (a cookie-information site, a third party's policy), declared once
    in data/company.yml `external_sites` (bare domains): neither typed-contact nor foreign-domain findings."""
    sites = context.data("company", "external_sites")
    return [s.strip().lower() for s in sites if isinstance(s, str) and s.strip()] if isinstance(sites, list) else []


def _data_keys(context: Context) -> list[tuple[str, str]]:
    """(value, placeholder) for every contact fact in data."""
    return [(value.value, _placeholder(value.key, context.languages)) for value in context.data_values
            if value.key.split(".")[0] in ("company", "contact")]


@rule("contact.literal")
def literal(context: Context) -> Iterator[Hit]:
    """An e-mail address, URL, phone number or postal address typed in the text instead of taken from data.

    Example: `请发送邮件至privacy@example.cn` instead of `{{ contact.email }}`.

    A contact detail typed in one place drifts from the others (seed 000 typed
    `info@xomery.asia`, with the domain misspelt); data holds each one once,
    checked, and the text names it with a placeholder.
    """
    keys = _data_keys(context)
    outside = external_sites(context)
    for document in context.documents:
        for found in literals(document):
            if found.kind in ("URL", "e-mail address") and _owned(domain_of(found.value) or "", outside):
                continue  # a declared outside site: the policy names it on purpose, typed as it is
            known = next((name for value, name in keys if _same(found.kind, found.value, value)), None)
            if known:
                yield Hit(document.path, found.line, f"the {found.kind} `{found.value}` is typed in the text",
                          f"write `{known}` instead, so the text shows the value kept in data/")
            else:
                where = {"e-mail address": "contact.email", "phone number": "contact.phone",
                         "postal address": "company.address or contact.address", "URL": "company.website"}[found.kind]
                yield Hit(document.path, found.line,
                          f"the {found.kind} `{found.value}` is typed in the text and is not in data/",
                          f"if it is correct, record it in data/ (e.g. `{where}`) and write its placeholder here; "
                          "if it is wrong, delete it")


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def domain_of(value: str) -> str | None:
    value = value.strip().lower()
    if "@" in value:
        return value.rsplit("@", 1)[1].rstrip(".")
    match = re.match(r"^(?:[a-z]+://)?([a-z0-9.-]+\.[a-z]{2,})(?:[:/?#].*)?$", value)
    return match.group(1) if match else None


def _declared(context: Context) -> list[str]:
    domains = context.data("company", "domains")
    return [d.lower() for d in domains if isinstance(d, str)] if isinstance(domains, list) else []


def _owned(domain: str, declared: list[str]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in declared)


def _closest(domain: str, declared: list[str]) -> tuple[str, int] | None:
    best = None
    labels = domain.split(".")
    for candidate in declared:
        size = len(candidate.split("."))
        tail = ".".join(labels[-size:]) if len(labels) >= size else domain
        distance = min(edit_distance(domain, candidate), edit_distance(tail, candidate))
        if best is None or distance < best[1]:
            best = (candidate, distance)
    return best


def _domain_sources(context: Context) -> Iterator[tuple[str, int, str, str]]:
    """(path, line, what, domain) for every e-mail address and URL in the text and in data."""
    for document in context.documents:
        for found in literals(document):
            if found.kind in ("e-mail address", "URL"):
                domain = domain_of(found.value)
                if domain:
                    yield document.path, found.line, f"`{found.value}`", domain
    for value in context.data_values:
        if value.key.startswith(("company.domains", "company.external_sites")):
            continue  # the lists the others are checked against
        candidates = [m.group(0) for m in EMAIL.finditer(value.value)]
        if value.key.startswith("company.website") or not candidates:
            candidates += [m.group(0) for m in URL.finditer(EMAIL.sub(" ", value.value))]
        for candidate in candidates:
            domain = domain_of(candidate)
            if domain:
                yield value.path, value.line, f"`{value.key}` (`{candidate}`)", domain


def _foreign_domains(context: Context) -> Iterator[tuple[str, int, str, str, str | None]]:
    """Domains in the text that the company did not declare, each with the declared one it misspells, if any."""
    declared = _declared(context)
    outside = external_sites(context)
    for path, line, what, domain in _domain_sources(context):
        if _owned(domain, declared) or _owned(domain, outside):
            continue
        closest = _closest(domain, declared)
        yield path, line, what, domain, closest[0] if closest and 0 < closest[1] <= 2 else None


@rule("contact.domain-typo")
def domain_typo(context: Context) -> Iterator[Hit]:
    """An e-mail or web domain one or two letters away from the company's own (`xomery.asia` for `xometry.asia`).

    Example: `privacy@exampel.cn` for a company whose domain is `example.cn`.

    Mail sent there goes to a stranger, or nowhere: users' requests under
    PIPL Art. 50 would be lost, or read by someone else.
    """
    for path, line, what, domain, typo_of in _foreign_domains(context):
        if typo_of:
            yield Hit(path, line, f"{what} is at `{domain}`, which looks like a misspelling of the company's domain",
                      f"did you mean `{typo_of}`? Correct it (the domains are listed in data/company.yml)")


@rule("contact.domain-foreign")
def domain_foreign(context: Context) -> Iterator[Hit]:
    """An e-mail or web domain that is not one of the company's declared domains.

    Example: `example.privacy@gmail.com` as the privacy mailbox.

    The policy must send readers to addresses the company controls; any other
    domain is either a mistake or a third party that must be named as such.
    """
    for path, line, what, domain, typo_of in _foreign_domains(context):
        if typo_of:
            continue  # reported as a likely typo
        yield Hit(path, line, f"{what} is at `{domain}`, which is not one of the company's domains",
                  "use an address at one of the domains in data/company.yml `domains`, or add the domain "
                  "there if the company owns it; a site the policy names on purpose (a third party's policy, a "
                  "cookie-information site) goes under `external_sites` there")


@rule("contact.channel-missing")
def channel_missing(context: Context) -> Iterator[Hit]:
    """The text tells users to reach us by a channel data does not provide (“您可以通过电话与我们联系” with no phone number).

    Example: `您也可以拨打客服热线联系我们。` when data/contact.yml has no `phone`.

    PIPL Art. 17 requires a way to contact the processor; a promised channel
    with no number or location leaves the user nowhere to go.
    """
    channels = [(PHONE_CHANNEL, "phone", "phone"), (ONLINE_CHANNEL, "online_service", "online customer service")]
    for document in context.documents:
        for line in document.prose():
            for pattern, key, name in channels:
                match = pattern.search(line.text)
                if match and context.data("contact", key) in (None, ""):
                    yield Hit(document.path, line.number,
                              f"the text offers contact by {name} (`{match.group(0)}`), but data/contact.yml has no `{key}`",
                              f"add `{key}:` to data/contact.yml and show it with `{{{{ contact.{key} }}}}`, "
                              f"or delete the mention of {name}")
