"""Organisations named in the text: the operator, declared third parties, or someone else's leftovers."""

from __future__ import annotations

import re
from typing import Any
from collections.abc import Iterator

from ..findings import Severity
from .registry import Context, Hit, rule

# A full company name: the legal-form suffix is what makes it a name and not “a company” (关联公司, 物流公司).
_ZH_COMPANY = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()·]{2,30}?(?:股份有限公司|有限责任公司|有限公司)")
_EN_COMPANY = re.compile(r"\b(?:[A-Z][A-Za-z0-9&'’-]*[ ,]+(?:\([A-Z][A-Za-z]*\)\s+)?){1,6}"
                         r"(?:Co\.,?\s*Ltd\b\.?|Ltd\b\.?|Limited\b|Inc\b\.?|LLC\b|GmbH\b|PLC\b|Corporation\b)")
# Words that open a phrase before a name (由示例有限公司运营): the name starts after the last one.
_ZH_LEAD = re.compile(r".*(?:由|与|和|及|向|为|是|指|即|系|或|将|被|经|把|对|在|其|的|：|:)")
_TEMPLATE = re.compile(r"某某|XX|xx|ＸＸ")  # XX alone is a fill-in (placeholder.unfilled); 某某 is a name left blank


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str) and v.strip()]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def known_names(context: Context) -> list[str]:
    """The operator's names (legal name, brand, declared aliases) and the declared third parties."""
    names = []
    for key in ("legal_name", "brand", "aliases", "third_parties"):
        names += _strings(context.data("company", key))
    return [_squeeze(name) for name in names if len(_squeeze(name)) >= 2]


def _squeeze(text: str) -> str:
    return re.sub(r"[\s,.，。()（）·]", "", text).lower()


def _known(candidate: str, names: list[str]) -> bool:
    squeezed = _squeeze(candidate)
    return any(name in squeezed or squeezed in name for name in names)


@rule("naming.organisation", Severity.WARNING)
def organisation(context: Context) -> Iterator[Hit]:
    """A company named in the text that is neither the operator nor a declared third party (a leftover of another company's policy).

    Example: `本平台由某某网络科技有限公司运营。` in the policy of 示例（上海）科技有限公司.

    Policies are often adapted from another company's text; a foreign name
    left in it makes another company the processor on paper. The operator is
    `company.legal_name` (with `company.brand` and `company.aliases`); third
    parties the policy names on purpose are listed under `company.third_parties`.
    """
    names = known_names(context)
    for document in context.documents:
        chinese = document.language.startswith("zh")
        for line in document.prose():
            pattern = _ZH_COMPANY if chinese else _EN_COMPANY
            for match in pattern.finditer(line.text):
                candidate = match.group(0)
                if chinese:
                    candidate = _ZH_LEAD.sub("", candidate)
                candidate = candidate.strip(" ,")
                if re.search(r"XX|xx|ＸＸ", candidate) or len(_squeeze(candidate)) < (6 if chinese else 4):
                    continue  # XX is reported as an unfilled fill-in; a bare legal form names no one
                if _known(candidate, names):
                    continue
                template = "a name left blank in a template" if _TEMPLATE.search(candidate) else \
                    "neither the operator (`company.legal_name`) nor a declared third party"
                yield Hit(document.path, line.number, f"the text names `{candidate}`, which is {template}",
                          "if it is the operator, write `{{ company.legal_name }}`; if it is a third party the policy "
                          "names on purpose, list it under `third_parties` in data/company.yml; otherwise delete it")
