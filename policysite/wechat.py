"""WeChat's domain verification file, served byte-exact at the site root.

Before a mini program may open the policy in a web-view, WeChat checks that
the domain serves a file it issued (业务域名校验文件). It compares bytes: a BOM,
an added newline or a number YAML re-wrote fails verification (error 86103).
Name and content come from data/wechat.yml; no file there means no file served.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .data import DataSet
from .findings import Finding

# Reports a finding: (rule, key path in data/wechat.yml, problem, fix).
Report = Callable[[str, tuple[Any, ...], str, str], None]

DATA_FILE = "wechat"
KEYS = {"verification_file": False, "privacy_setting": False}  # privacy_setting: policysite/wechat_privacy.py
FILE_KEYS = {"name": True, "content": True}

# 公众号 / 企业微信 files carry their code in the name; the mini program's
# business-domain file is a bare run of letters and digits (e.g. 6ynZPDvfTF.txt).
_CODE_NAME = re.compile(r"^(?:MP|WW)_verify_([0-9A-Za-z]{16})\.txt$")
_PLAIN_NAME = re.compile(r"^[0-9A-Za-z]{8,64}\.txt$")
_CONTENT = re.compile(r"^[\x21-\x7e]{1,256}$")

NAME_FIX = ("copy the name exactly as WeChat issued it: letters and digits ending in `.txt` "
            "(e.g. `6ynZPDvfTF.txt`) or `MP_verify_` + 16 letters and digits + `.txt`; no folder")


@dataclass(frozen=True)
class VerificationFile:
    name: str
    content: bytes


def verification_file(data: DataSet) -> tuple[VerificationFile | None, list[Finding]]:
    """The file to serve, or None when data/wechat.yml does not ask for one."""
    document = data.documents.get(DATA_FILE)
    if document is None or document.value is None:
        return None, []
    findings: list[Finding] = []

    def report(rule: str, key: tuple[Any, ...], problem: str, fix: str) -> None:
        findings.append(Finding(document.path, document.line(*key), rule, problem, fix))

    value = document.value
    if not isinstance(value, dict):
        report("data.schema", (), "must be a mapping with `verification_file:`",
               "write `verification_file:` with `name:` and `content:` under it")
        return None, findings
    _unknown_keys(value, KEYS, (), report)
    entry = value.get("verification_file")
    if entry is None:
        return None, findings
    if not isinstance(entry, dict):
        report("data.schema", ("verification_file",), "`verification_file` must have `name:` and `content:`",
               "write `name: <file>.txt` and `content: \"<code>\"` on two lines under it")
        return None, findings
    _unknown_keys(entry, FILE_KEYS, ("verification_file",), report)
    for key in FILE_KEYS:
        if entry.get(key) is None:
            report("data.schema", ("verification_file", key), f"`verification_file.{key}` is missing",
                   f"add `{key}:` under `verification_file:` in {document.path}, as WeChat issued it")
    name, content = entry.get("name"), entry.get("content")
    if name is not None:
        _check_name(name, report)
    if content is not None:
        _check_content(name, content, report)
    if findings:
        return None, findings
    assert isinstance(name, str) and isinstance(content, str)  # anything else was reported above
    return VerificationFile(name=name, content=content.encode("ascii")), []


def check(data: DataSet) -> list[Finding]:
    return verification_file(data)[1]


def _unknown_keys(value: dict[Any, Any], known: dict[str, bool], prefix: tuple[Any, ...], report: Report) -> None:
    for key in value:
        if key not in known:
            close = difflib.get_close_matches(str(key), list(known), n=1)
            hint = f"did you mean `{close[0]}`?" if close else f"known keys: {', '.join(known)}"
            dotted = ".".join((*prefix, str(key)))
            report("data.schema", (*prefix, key), f"`{dotted}` is not a known key", f"remove it or rename it ({hint})")


def _check_name(name: Any, report: Report) -> None:
    key = ("verification_file", "name")
    if not isinstance(name, str) or not (_CODE_NAME.fullmatch(name) or _PLAIN_NAME.fullmatch(name)):
        report("wechat.verification-name", key,
               f"`verification_file.name` {name!r} is not the name of a WeChat verification file", NAME_FIX)


def _check_content(name: Any, content: Any, report: Report) -> None:
    key = ("verification_file", "content")
    if not isinstance(content, str):
        report("wechat.verification-content", key,
               f"`verification_file.content` was read as the {type(content).__name__} {content!r}, "
               "not as the exact text of the file",
               "put the content in double quotes, exactly as in the file WeChat issued, e.g. `content: \"0123abcd\"`")
        return
    if not _CONTENT.fullmatch(content):
        report("wechat.verification-content", key,
               "`verification_file.content` must be the code on one line, with no spaces, line breaks "
               "or characters outside ASCII (WeChat compares the bytes)",
               "paste the file's content between double quotes on the same line, with nothing around it")
        return
    match = _CODE_NAME.fullmatch(name) if isinstance(name, str) else None
    if match and content != match.group(1):
        report("wechat.verification-content", key,
               f"`{name}` must contain its own code `{match.group(1)}`, but `content` is `{content}`",
               "copy name and content from the same file WeChat issued")
