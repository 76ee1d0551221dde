"""Facts typed in the text → data/, with placeholders in the text, only where the value is unambiguous.

A fact is moved when every language states it and all statements agree; otherwise the text keeps
it as written, REVIEW-NOTES.md says why, and the gate reports what is missing or inconsistent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..numerals import chinese_to_int
from .model import Note, Para

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
HOST = re.compile(r"(?<![@\w.-])(?:https?://)?((?:www|m)\.[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?![\w-])", re.I)
PHONE = re.compile(r"(?<![\d-])(?:\+?86[- ]?)?(?:400[- ]?\d{3}[- ]?\d{4}|0\d{2,3}-\d{7,8}|1[3-9]\d{9})(?![\d-])")
CN_COMPANY = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,12}(?:（[\u4e00-\u9fff]{2,6}）|\([\u4e00-\u9fff]{2,6}\))?[\u4e00-\u9fff]{0,16}?(?:股份)?有限(?:责任)?公司")
EN_COMPANY = re.compile(r"\b[A-Z][A-Za-z&]*(?: (?:\([A-Z][a-z]+\)|[A-Z][A-Za-z&]*))*,? (?:Co\., Ltd\.|Co\.,Ltd\.|Limited|Ltd\.|Inc\.|LLC|GmbH|Corporation|Corp\.)")
CN_ADDRESS = [re.compile(r"位于([^，,（(“\"。]{6,60}?)(?=[（(，,])"),
              re.compile(r"注册地(?:址)?[:：]\s*【?([^】)）,，。]{6,80})"),
              # `…的地址：某省某市…号。`: a label, then something shaped like a postal address (never 收货地址：姓名…).
              re.compile(r"(?<![货件箱网P])地址(?:为|是)?[:：]\s*([\u4e00-\u9fff]{2,8}(?:省|市|自治区)"
                         r"[^，,。；;：:\n]{2,50}?(?:号|室|层|楼|座))(?=[。；;，,\s）)]|$)")]
EN_ADDRESS = [re.compile(r"\((?:“|\")We(?:”|\")\),\s*(.+?),\s+(?:is|are)\b"),
              re.compile(r"(?:located at|registered address is|address:)\s*(.+?)(?=[(（;]|, is\b|\.\s|$)", re.I)]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
CN_DATE = re.compile(r"(\d{4})\s*年\s*([0-9０-９]{1,2}|【[^】]{0,4}】|_+|\s+)\s*月\s*([0-9０-９]{1,2}|【[^】]{0,4}】|_+|\s+)\s*日")
EN_DATE = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r")\s+(\d{1,2}),\s*(\d{4})\b")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DAYS = re.compile(r"(\d{1,3}|[一二三四五六七八九十]{1,3})\s*个?工作日|(\d{1,3}|fifteen|ten|thirty|seven|five) (?:working|business) days", re.I)
_EN_NUMBERS = {"five": 5, "seven": 7, "ten": 10, "fifteen": 15, "thirty": 30}


@dataclass
class Facts:
    company: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, Any] = field(default_factory=dict)
    dates: dict[str, dt.date] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


def _texts(paras: dict[str, list[Para]]) -> dict[str, str]:
    return {language: "\n".join(p.text for p in items) for language, items in paras.items()}


def _replace(paras: dict[str, list[Para]], value: str, placeholder: str, languages: list[str] | None = None) -> list[str]:
    where = []
    for language, items in paras.items():
        if languages is not None and language not in languages:
            continue
        for para in items:
            if value in para.text:
                where.append(f"{language} {para.where}")
                para.text = para.text.replace(value, placeholder)
    return where


def find_facts(paras: dict[str, list[Para]], default: str) -> Facts:
    facts = Facts()
    languages = list(paras)
    texts = _texts(paras)
    _website(facts, paras, texts)
    _email(facts, paras, texts)
    for key, finder in (("legal_name", _legal_names), ("address", _addresses)):
        _per_language(facts, paras, texts, key, finder, languages)
    _phone(facts, paras, texts)
    _dates(facts, paras)
    _response_days(facts, paras, texts)
    return facts


def _moved(facts: Facts, key: str, value: Any, places: list[str], original: str) -> None:
    facts.notes.append(Note("fact", ", ".join(places[:6]) or "—",
                            f"`{key}` = `{value}` moved to data (the text said `{original}`)"))


def _left(facts: Facts, key: str, why: str) -> None:
    facts.notes.append(Note("fact-left", "—", f"`{key}` was left in the text: {why}"))


def _website(facts: Facts, paras: dict[str, list[Para]], texts: dict[str, str]) -> None:
    hosts = {m.group(1).lower() for text in texts.values() for m in HOST.finditer(text)}
    if len(hosts) == 1:
        host = hosts.pop()
        facts.company["website"] = host
        facts.company["domains"] = [host.split(".", 1)[1]]
        places = _replace(paras, host, "{{ company.website }}")
        _moved(facts, "company.website", host, places, host)
    elif len(hosts) > 1:
        _left(facts, "company.website", f"the text names several sites ({', '.join(sorted(hosts))})")


def _email(facts: Facts, paras: dict[str, list[Para]], texts: dict[str, str]) -> None:
    emails = {m.group(0) for text in texts.values() for m in EMAIL.finditer(text)}
    if not emails:
        _left(facts, "contact.email", "the source gives no e-mail address; add `email:` to data/contact.yml")
        return
    if len(emails) > 1:
        _left(facts, "contact.email", f"the text gives several addresses ({', '.join(sorted(emails))}); "
              "decide which one readers should use")
        return
    email = emails.pop()
    domain = email.split("@", 1)[1].lower()
    known = facts.company.get("domains")
    if known and not any(domain == d or domain.endswith("." + d) for d in known):
        _left(facts, "contact.email", f"`{email}` is not on the company's domain ({', '.join(known)}) — "
              "a typo or another company's mailbox; correct it, then set `email:` in data/contact.yml")
        return
    facts.contact["email"] = email
    if not known:
        facts.company["domains"] = [domain]
    _moved(facts, "contact.email", email, _replace(paras, email, "{{ contact.email }}"), email)


def _legal_names(language: str, text: str) -> list[str]:
    """Company names; a match that merely runs into the words before the name (包括但不限于…公司)
    counts as the shorter name it ends with."""
    if language.startswith("zh"):
        # Anchored at each 公司 in a short window: the open-ended pattern backtracks on long texts.
        ending = re.compile(CN_COMPANY.pattern + "$")
        found = []
        at = text.find("公司")
        while at != -1:
            match = ending.search(text[max(0, at - 40):at + 2])
            if match:
                found.append(match.group(0))
            at = text.find("公司", at + 2)
    else:
        found = [m.group(0) for m in EN_COMPANY.finditer(text)]
    shortest = sorted(set(found), key=len)
    return [next((short for short in shortest if name.endswith(short)), name) for name in found]


def _addresses(language: str, text: str) -> list[str]:
    patterns = CN_ADDRESS if language.startswith("zh") else EN_ADDRESS
    found = []
    for pattern in patterns:
        found += [m.group(1).strip().strip("【】") for m in pattern.finditer(text)]
    return found


def _per_language(facts: Facts, paras: dict[str, list[Para]], texts: dict[str, str], key: str,
                  finder: Any, languages: list[str]) -> None:
    values: dict[str, str] = {}
    for language in languages:
        found = set(finder(language, texts[language]))
        if len(found) > 1:
            _left(facts, f"company.{key}", f"the {language} text gives {len(found)} different values "
                  f"({'; '.join(sorted(found))}); set the right one in data/company.yml")
            return
        if found:
            values[language] = found.pop()
    if not values:
        _left(facts, f"company.{key}", "the source does not state it; add it to data/company.yml")
        return
    if len(values) < len(languages):
        missing = [language for language in languages if language not in values]
        _left(facts, f"company.{key}", f"only {', '.join(values)} states it, not {', '.join(missing)}; "
              "add it to data/company.yml for every language")
        return
    facts.company[key] = values[languages[0]] if len(values) == 1 else dict(values)
    for language, value in values.items():
        places = _replace(paras, value, f"{{{{ company.{key} }}}}", [language])
        _moved(facts, f"company.{key}", value, places, value)


def _phone(facts: Facts, paras: dict[str, list[Para]], texts: dict[str, str]) -> None:
    phones = {m.group(0) for text in texts.values() for m in PHONE.finditer(text)}
    if len(phones) == 1:
        phone = phones.pop()
        facts.contact["phone"] = phone
        _moved(facts, "contact.phone", phone, _replace(paras, phone, "{{ contact.phone }}"), phone)
    elif len(phones) > 1:
        _left(facts, "contact.phone", f"several numbers ({', '.join(sorted(phones))})")


@dataclass
class _DateMention:
    kind: str  # "updated" or "effective"
    date: dt.date | None  # None when the text leaves it unfilled (2024年【】月【】日)
    para: Para
    text: str


def _date_kind(before: str) -> str | None:
    before = before.casefold()
    spots = {"updated": max(before.rfind("更新"), before.rfind("updated"), before.rfind("修订")),
             "effective": max(before.rfind("生效"), before.rfind("effective"))}
    kind, at = max(spots.items(), key=lambda item: item[1])
    return kind if at >= 0 else None


def _parse_cn(match: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(match.group(1)), int(match.group(2).strip()), int(match.group(3).strip()))
    except ValueError:
        return None


def _dates(facts: Facts, paras: dict[str, list[Para]]) -> None:
    mentions: list[_DateMention] = []
    for items in paras.values():
        for para in items:
            for pattern in (CN_DATE, EN_DATE, ISO_DATE):
                for match in pattern.finditer(para.text):
                    kind = _date_kind(para.text[max(0, match.start() - 40):match.start()])
                    if kind is None:
                        continue
                    if pattern is CN_DATE:
                        date = _parse_cn(match)
                    elif pattern is EN_DATE:
                        try:
                            date = dt.date(int(match.group(3)), MONTHS.index(match.group(1).lower()) + 1, int(match.group(2)))
                        except ValueError:
                            date = None
                    else:
                        try:
                            date = dt.date.fromisoformat(match.group(0))
                        except ValueError:
                            date = None
                    mentions.append(_DateMention(kind, date, para, match.group(0)))
    for kind in ("effective", "updated"):
        found = [m for m in mentions if m.kind == kind]
        if not found:
            partial = _month_only(paras, kind)
            if partial:
                _left(facts, f"policy.{kind}", f"the text gives it as `{partial}`, with no day; find the full date, "
                      f"then set `{kind}:` in data/policy.yml")
                continue
            _left(facts, f"policy.{kind}", "the source does not state it; set it in data/policy.yml"
                  if kind == "effective" else "the source does not state it")
            continue
        dates = {m.date for m in found}
        if None in dates or len(dates) != 1:
            shown = "; ".join(f"`{m.text}`" for m in found)
            _left(facts, f"policy.{kind}", f"the text states it as {shown}, which is unfilled or does not agree; "
                  f"fill it in, then set `{kind}:` in data/policy.yml")
            continue
        date = dates.pop()
        assert date is not None  # None in dates was refused above
        facts.dates[kind] = date
        for mention in found:
            mention.para.text = mention.para.text.replace(mention.text, f"{{{{ policy.{kind} }}}}", 1)
        _moved(facts, f"policy.{kind}", date.isoformat(), [m.para.where for m in found],
               "`, `".join(m.text for m in found))


CN_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*[0-9０-９【_]{1,2}\s*日)")
EN_MONTH = re.compile(r"\b(?:" + "|".join(m.capitalize() for m in MONTHS) + r")\s+(\d{4})\b")


def _month_only(paras: dict[str, list[Para]], kind: str) -> str | None:
    """`最后修订时间：2018年9月`: a date of this kind given to the month only, with its label, as written."""
    for items in paras.values():
        for para in items:
            for pattern in (CN_MONTH, EN_MONTH):
                for match in pattern.finditer(para.text):
                    if _date_kind(para.text[max(0, match.start() - 40):match.start()]) == kind:
                        start = max(para.text.rfind(mark, 0, match.start()) for mark in "。；;\n") + 1
                        return para.text[start:match.end()].strip()
    return None


def _days_value(match: re.Match[str]) -> int | None:
    raw = match.group(1) or match.group(2)
    if raw.isdigit():
        return int(raw)
    return chinese_to_int(raw) if match.group(1) else _EN_NUMBERS.get(raw.lower())


def _response_days(facts: Facts, paras: dict[str, list[Para]], texts: dict[str, str]) -> None:
    found = [(m, para) for items in paras.values() for para in items
             if "工作日" in para.text or "days" in para.text.lower() for m in DAYS.finditer(para.text)]
    if not found:
        _left(facts, "contact.response_days", "the source states no deadline for answering requests; "
              "set `response_days:` in data/contact.yml (15 at most)")
        return
    values = {_days_value(m) for m, _ in found}
    if len(values) != 1 or None in values:
        _left(facts, "contact.response_days", f"the text states different deadlines "
              f"({', '.join(sorted({m.group(0) for m, _ in found}))}); make them one")
        return
    days = values.pop()
    facts.contact["response_days"] = days
    numbers = {(m.group(1) or m.group(2)) for m, _ in found}
    if numbers != {str(days)}:
        _moved(facts, "contact.response_days", days, [], "; ".join(sorted({m.group(0) for m, _ in found})))
        facts.notes.append(Note("fact-left", "—", "the deadline is written in words in places, so the text keeps "
                                "it as written; write it as {{ contact.response_days }} where it appears"))
        return
    places = []
    for match, para in found:
        raw = match.group(1) or match.group(2)
        piece = match.group(0)
        para.text = para.text.replace(piece, piece.replace(raw, "{{ contact.response_days }}", 1), 1)
        places.append(para.where)
    _moved(facts, "contact.response_days", days, places, "; ".join(sorted({m.group(0) for m, _ in found})))
