"""Names: one word spelled one way, one register for the reader, the policy and brand named as data names them."""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple
from collections.abc import Iterator

from ..findings import Severity
from .markdown import PLACEHOLDER
from .registry import Context, Document, Hit, rule

# Sets of spellings of one word in Chinese: the first is the standard one (通用规范汉字表 and
# legal drafting usage), used when both spellings are equally common.
_VARIANTS: list[tuple[str, ...]] = [
    ("账户", "帐户"),
    ("账号", "帐号"),
    ("账单", "帐单"),
    ("其他", "其它"),
    ("身份", "身分"),
    ("撤销", "撤消"),
    ("登录", "登陆"),
]
# What a policy calls itself after 本: 本隐私政策, 本隐私保护声明, 本个人信息保护指引…
_SELF = re.compile(r"本((?:隐私权?|个人信息|数据)(?:保护)?(?:政策|声明|指引|准则|条款|规则))")
# 登陆 means to land (登陆月球); in a policy it is always the log-in typo, so it is reported alone too.
_ALWAYS_WRONG = {"登陆": "登录"}


class Use(NamedTuple):
    document: Document
    line: int
    word: str


def _uses(context: Context, language: str) -> list[Use]:
    uses: list[Use] = []
    words = [word for group in _VARIANTS for word in group]
    pattern = re.compile("|".join(sorted(words, key=len, reverse=True)))
    for document in context.in_language(language):
        for line in document.prose():
            for match in pattern.finditer(line.text):
                uses.append(Use(document, line.number, match.group(0)))
            for match in _SELF.finditer(line.text):
                uses.append(Use(document, line.number, "本" + match.group(1)))
    return uses


def _title_words(context: Context, language: str) -> set[str]:
    title = context.data("policy", "title")
    text = title.get(language, "") if isinstance(title, dict) else title
    if not isinstance(text, str):
        return set()  # data.schema reports a title that is not text; the text rules still run
    kind = re.search(_SELF.pattern[1:], text)  # the kind of document the title names, wherever it stands
    return {"本" + kind.group(0)} if kind else set()


@rule("naming.variant-spelling", Severity.WARNING)
def variant_spelling(context: Context) -> Iterator[Hit]:
    """One word spelled two ways in one language (帐户 and 账户, 其它 and 其他, 本隐私政策 and 本隐私保护声明).

    Example: `帐号` in one paragraph and `账号` in the rest of the policy.

    Two spellings read as two things (is a 帐号 the same as an 账号? is the
    隐私权政策 another document?) and show the text was assembled from
    drafts. The spelling used less often is reported, with the one to use;
    登陆 (to land) is reported wherever it stands for 登录 (to log in).
    """
    for language in context.languages:
        if language != "zh" and not language.startswith("zh"):
            continue
        uses = _uses(context, language)
        counts = Counter(use.word for use in uses)
        groups = list(_VARIANTS) + [tuple(sorted({u.word for u in uses if u.word.startswith("本")}))]
        titled = _title_words(context, language)
        for group in groups:
            present = [word for word in group if counts[word]]
            always = [word for word in group if word in _ALWAYS_WRONG and counts[word]]
            if len(present) < 2 and not always:
                continue
            # The title from data wins; then the most frequent spelling; then the standard one (first listed).
            preferred = next((w for w in present if w in titled), None) or \
                max(present, key=lambda w: (counts[w], -group.index(w)))
            if preferred in _ALWAYS_WRONG:
                preferred = _ALWAYS_WRONG[preferred]
            # One finding per file and spelling, at its first line: the fix is one search and replace.
            where: dict[tuple[str, str], list[int]] = {}
            for use in uses:
                if use.word in group and use.word != preferred:
                    lines = where.setdefault((use.document.path, use.word), [])
                    if use.line not in lines:
                        lines.append(use.line)
            for (path, word), lines in where.items():
                why = "the policy's title says" if preferred in titled else "the text mostly writes"
                if word in _ALWAYS_WRONG and preferred not in present:
                    why = "to log in is"
                also = f" (also on line {', '.join(map(str, lines[1:]))})" if lines[1:] else ""
                yield Hit(path, lines[0], f"`{word}` is spelled differently here{also}; {why} `{preferred}`",
                          f"write `{preferred}` (check that the same thing is meant)")


# ---------------------------------------------------------------- register

_QUOTED = re.compile(r"“[^“”]*”|「[^「」]*」|『[^『』]*』|\"[^\"]*\"|《[^《》]*》|【[^【】]*】|‘[^‘’]*’")
_INFORMAL = re.compile(r"你们|你(?!好)")
_NOT_INFORMAL = re.compile(r"迷你")


def _unquoted(text: str) -> str:
    return _NOT_INFORMAL.sub("", _QUOTED.sub("", text))


@rule("naming.register", Severity.WARNING)
def register(context: Context) -> Iterator[Hit]:
    """The reader addressed as 你 in a policy that otherwise says 您.

    Example: `你可以随时撤回同意` in a policy that says 您 everywhere else.

    A switch of register is the trace of a paragraph pasted from another
    text; a policy addresses its reader one way. 你 inside quoted interface
    text (“你的账号”) or a title (《…》) is a quotation and passes.
    """
    for language in context.languages:
        if not language.startswith("zh"):
            continue
        formal, informal = 0, []
        for document in context.in_language(language):
            for line in document.prose():
                text = _unquoted(line.text)
                formal += text.count("您")
                informal += [(document, line.number, m.group(0)) for m in _INFORMAL.finditer(text)]
        if formal < 3 or len(informal) * 3 > formal:
            continue  # no clear register to hold the text to
        where: dict[str, list[int]] = {}
        for document, number, _word in informal:
            lines = where.setdefault(document.path, [])
            if number not in lines:
                lines.append(number)
        for path, lines in where.items():  # one finding per file: the fix is one search and replace
            also = f" (also on line {', '.join(map(str, lines[1:]))})" if lines[1:] else ""
            yield Hit(path, lines[0], f"the reader is addressed as `你` here{also} but as `您` elsewhere",
                      "write `您` (leave 你 only inside quoted interface text)")


# ---------------------------------------------------------------- the brand as data names it

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ \-.][A-Za-z0-9]+)*")


def _brands(context: Context, language: str) -> list[str]:
    brand = context.data("company", "brand")
    value = brand.get(language) if isinstance(brand, dict) else brand
    names = [value] if isinstance(value, str) and value.strip() else []
    if isinstance(brand, dict):
        names += [v for v in brand.values() if isinstance(v, str) and v.strip() and v not in names]
    return names


def _aliases(context: Context) -> list[str]:
    """Other names data declares for the operator or its product (`company.aliases`, a list of texts or {lang: text})."""
    value = context.data("company", "aliases")
    items = value if isinstance(value, list) else []
    return [text for item in items for text in ([item] if isinstance(item, str) else
                                                 (item.values() if isinstance(item, dict) else []))
            if isinstance(text, str) and text.strip()]


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\-.·_]", "", text).lower()


@rule("naming.brand", Severity.WARNING)
def brand(context: Context) -> Iterator[Hit]:
    """The brand written another way than data writes it (`Wetalk`, `WE TALK` for `WeTalk`).

    Example: `Nova learn` where data/company.yml says `brand: NovaLearn`.

    The operator's brand is a name: a reader and a regulator take two
    spellings for two companies. `company.brand` in data/company.yml is the
    one spelling; write it with `{{ company.brand }}`. A brand that is also an
    everyday word (`keep` for `Keep`) is left alone in lower case; other
    names the operator uses on purpose are declared in `company.aliases`.
    """
    aliases = set(_aliases(context))
    for language in context.languages:
        for name in _brands(context, language):
            target = _squeeze(name)
            if len(target) < 3 or not re.search(r"[A-Za-z]", name):
                continue
            for document in context.in_language(language):
                for line in document.prose():
                    text = line.text.replace(PLACEHOLDER, " ")
                    for match in _LATIN_WORD.finditer(text):
                        written = match.group(0)
                        before, after = re.search(r"\S*$", text[:match.start()]), re.match(r"\S*", text[match.end():])
                        assert before is not None and after is not None  # both match the empty string
                        token = before.group(0) + written + after.group(0)
                        if re.search(r"@|://|\.[a-z]{2,}\b|^www\.", token):
                            continue  # an address: its host name is spelled in lower case on purpose
                        squeezed = _squeeze(written)
                        if target not in squeezed:
                            continue
                        start = squeezed.index(target)
                        # the characters of `written` that spell the brand, whatever the spacing
                        spelled = _spelling(written, start, len(target))
                        if spelled in aliases:
                            continue  # a spelling data declares (company.aliases)
                        if spelled != name and not (spelled.islower() and _is_word(spelled)):
                            yield Hit(document.path, line.number,
                                      f"`{spelled}` spells the brand differently from data/company.yml (`{name}`)",
                                      "write `{{ company.brand }}` (check it names the company, not another one)")


def _is_word(text: str) -> bool:
    from .typos import _words
    return text in _words()


def _spelling(written: str, start: int, length: int) -> str:
    """The part of ``written`` whose squeezed letters are ``start``…``start + length``."""
    out: list[str] = []
    seen = 0
    for char in written:
        if re.match(r"[\s\-.·_]", char):
            if out and seen < start + length:
                out.append(char)
            continue
        if start <= seen < start + length:
            out.append(char)
        seen += 1
    return "".join(out).strip(" -.·_")


# ---------------------------------------------------------------- the operator named as an entity

# A company registered in China has its name in Chinese characters (企业名称登记管理规定), so `NovaLearn公司`
# is a nickname, never the legal entity the reader can hold to account.
_LATIN_COMPANY = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]*(?:[ \-][A-Za-z0-9]+)*)\s?公司")
_DEFINES = re.compile(r"(?:以下简称|以下称|下称|简称)\s*[“\"「]?\s*$")


def _product_words(context: Context, language: str) -> set[str]:
    """Latin names the policy itself uses for its product: in its title, the brand and the aliases data declares."""
    title = context.data("policy", "title")
    texts = list(title.values()) if isinstance(title, dict) else [title]
    texts += _brands(context, language) + _aliases(context)
    return {_squeeze(m.group(0)) for text in texts if isinstance(text, str) for m in _LATIN_WORD.finditer(text)}


@rule("naming.informal-operator", Severity.WARNING)
def informal_operator(context: Context) -> Iterator[Hit]:
    """The operator called `<product>公司` (`NovaLearn公司`), a nickname that is no registered company.

    Example: `NovaLearn公司会采取合理必要的措施` where the policy's title is `NovaLearn隐私政策`.

    PIPL Art. 17(1): the reader is told who the processor is. A Chinese
    company's registered name is written in Chinese characters, so the
    product's Latin name followed by 公司 names no legal entity; the text
    should name the operator by `{{ company.legal_name }}`, or by a short
    name it defines once (`以下简称“NovaLearn公司”`).
    """
    for language in context.languages:
        if not (language == "zh" or language.startswith("zh")):
            continue
        products = _product_words(context, language)
        documents = context.in_language(language)
        defined = {_squeeze(m.group(1)) for d in documents for line in d.prose()
                   for m in _LATIN_COMPANY.finditer(line.text) if _DEFINES.search(line.text[:m.start()])}
        for document in documents:
            for line in document.prose():
                for match in _LATIN_COMPANY.finditer(line.text):
                    name = _squeeze(match.group(1))
                    if name in products and name not in defined:
                        yield Hit(document.path, line.number,
                                  f"the operator is called `{match.group(0)}`, which is no registered company name",
                                  "write `{{ company.legal_name }}` (or `{{ company.brand }}` where the product is "
                                  "meant); check who is meant")
                        break


# What the operator is when it is not a company: a non-profit, an association, a studio, a school…
_NOT_COMPANY = (r"(?:公益|发展|研究|促进|培训|文化|教育|咨询)中心|协会|基金会|研究院|研究所|学会|联合会|促进会|商会|委员会|"
                r"工作室|事务所|合作社|医院|学校|大学|学院|个体工商户")
_OPERATOR_IS = re.compile(rf"([\u4e00-\u9fff]{{2,24}}?(?:{_NOT_COMPANY}))(?:（以下简称|\(以下简称|以下简称|负责运营|运营|提供|开发)")
_SOMEONE_ELSE = re.compile(r"合作|第三方|其他|关联|您|所在|附近|当地")  # a partner hospital is not the operator
_CALLED_COMPANY = re.compile(r"本公司|我公司|我司|由公司|(?<![\u4e00-\u9fff])公司(?=将|会|提供|可能|有权|承诺)")


@rule("naming.operator-kind", Severity.WARNING)
def operator_kind(context: Context) -> Iterator[Hit]:
    """The operator called 公司 (`本公司`, `我司`) when the text names it as a centre, an association or a studio.

    Example: `本服务由示例养老服务协会提供` and later `本公司将保护您的信息`.

    PIPL Art. 17(1): the processor is named as what it is. Wording from a
    company's template left in the policy of a non-profit (or of an
    individual developer) tells readers a company they cannot find is
    responsible.
    """
    legal = context.data("company", "legal_name")
    names = [v for v in (legal.values() if isinstance(legal, dict) else [legal]) if isinstance(v, str) and v.strip()]
    for language in context.languages:
        if not (language == "zh" or language.startswith("zh")):
            continue
        documents = context.in_language(language)
        if any("公司" in name for name in names):
            continue
        kinds = [m.group(1) for d in documents for line in d.prose() for m in _OPERATOR_IS.finditer(line.text)
                 if not _SOMEONE_ELSE.search(m.group(1))]
        kinds += [name for name in names if re.search(rf"(?:{_NOT_COMPANY})$", name)]
        if not kinds:
            continue
        for document in documents:
            for line in document.prose():
                match = _CALLED_COMPANY.search(line.text)
                if match:
                    yield Hit(document.path, line.number,
                              f"the text calls the operator `{match.group(0)}`, but names it as `{kinds[0]}`, "
                              "which is not a company",
                              "call the operator by its name (`{{ company.legal_name }}`) or `我们`; check for wording "
                              "left from another organisation's template")


# ---------------------------------------------------------------- one English term for one thing

# English words translators use for one Chinese term of a policy (学员, 个人信息): two of them in one
# text read as two kinds of people or data.
_EN_TERMS: list[tuple[str, ...]] = [
    ("student", "trainee", "learner", "pupil"),
    ("personal information", "personal data"),
]
_EN_TERM = re.compile(r"\b(" + "|".join(w for group in _EN_TERMS for w in group).replace(" ", r"\s+") + r")(?:s|es)?\b", re.I)


@rule("naming.en-term", Severity.WARNING)
def en_term(context: Context) -> Iterator[Hit]:
    """One thing called by two English words (`student` and `trainee`, `personal information` and `personal data`).

    Example: `trainee` in one paragraph where the rest of the English text says `student` for 学员.

    A translation that renders one Chinese term two ways tells the reader
    of two groups of people or two kinds of data, and the governing Chinese
    text has one. The word used less often is reported, with the one to use.
    """
    for language in context.languages:
        if not language.startswith("en"):
            continue
        uses: list[Use] = []
        for document in context.in_language(language):
            for line in document.prose():
                for match in _EN_TERM.finditer(line.text):
                    uses.append(Use(document, line.number, re.sub(r"\s+", " ", match.group(1).lower())))
        counts = Counter(use.word for use in uses)
        for group in _EN_TERMS:
            present = [word for word in group if counts[word]]
            if len(present) < 2:
                continue
            preferred = max(present, key=lambda w: (counts[w], -group.index(w)))
            where: dict[tuple[str, str], list[int]] = {}
            for use in uses:
                if use.word in group and use.word != preferred:
                    lines = where.setdefault((use.document.path, use.word), [])
                    if use.line not in lines:
                        lines.append(use.line)
            for (path, word), lines in where.items():
                also = f" (also on line {', '.join(map(str, lines[1:]))})" if lines[1:] else ""
                yield Hit(path, lines[0], f"`{word}` names here{also} what the text mostly calls `{preferred}`",
                          f"write `{preferred}` (check that the same thing is meant)")
