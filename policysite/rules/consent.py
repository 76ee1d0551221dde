"""Consent as PIPL defines it: given by an act of the person, and needed except where Art. 13 says otherwise."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from .registry import Context, Hit, rule

_SENTENCE = re.compile(r"(?<=[。；;!?！？])|(?<=[.!?])\s+")

# Consent read into silence, use or behaviour.
_DEEMED = {
    "zh": re.compile(r"(?:视为|即(?:表示|表明|代表|意味着?))(?:您)?(?:已经?)?(?:[^。；，]{0,8}?(?:并|且))?(?:授权)?(?:同意|接受)|"
                     r"推断[^。；]{0,12}(?:授权)?同意|默认(?:您)?(?:已经?)?(?:授权)?同意"),
    "en": re.compile(r"\bdeemed to (?:have )?(?:consent|agree|accept)|\bconstitutes? (?:your )?(?:consent|acceptance|agreement)\b|"
                     r"\binfer(?:red)? (?:your )?consent\b|\bimplied consent\b|"
                     r"\b(?:by (?:using|continuing|accessing|visiting|browsing)|continu\w* to (?:use|access))\b[^.;]{0,80}"
                     r"\byou (?:hereby )?(?:agree|consent|accept)|"
                     r"\byou (?:hereby )?(?:agree|consent|accept)\w*\b[^.;]{0,60}\bby (?:using|continuing|accessing)\b", re.I),
}
# …when what the person did is only using, continuing, visiting, or nothing at all.
_PASSIVE = {
    "zh": re.compile(r"使用|继续|访问|浏览|登录|未(?:提出|表示|反对)|没有(?:提出|反对)|推断|默认|行为|行动"),
    "en": re.compile(r"\buse\b|\busing\b|\bcontinu|\baccess|\bvisit|\bbrows|\bdo not object\b|\binfer|\bimplied\b", re.I),
}
# Accepting the policy itself (its updated version) by continued use is how updates are announced — a question
# for the updates section, not consent to processing: left alone.
_TO_THE_POLICY = {
    "zh": re.compile(r"\s*(?:接受)?(?:受)?(?:本|更新后|修订后|变更后|修改后|经修订|新版|最新|该等|上述|前述|此次|本次)[^。；，]{0,14}"
                     r"(?:政策|声明|指引|准则|条款|协议|规则|版本|修订|变更|更新|约束)"),
    "en": re.compile(r"\s*(?:to )?(?:be bound by )?(?:this|the|these|such|any)? ?(?:updated|revised|amended|new|changed|modified)? ?"
                     r"(?:privacy )?(?:policy|statement|notice|terms|changes|version|revisions?|amendments?)\b", re.I),
}
# A click or a tick is an act of consent; a denial is no deemed consent.
_ACT = {"zh": re.compile(r"点击|勾选|点选|签署|手动|主动选择|单独同意|不(?:会|得|应)?视为|不(?:表示|代表|意味)"),
        "en": re.compile(r"\bclick|\btick|\bcheck the box\b|\bsign|\bseparate consent\b|\bnot (?:be )?deemed\b|\bdoes not (?:mean|constitute)\b", re.I)}


@rule("disclosure.deemed-consent", Severity.WARNING)
def deemed_consent(context: Context) -> Iterator[Hit]:
    """Consent inferred from use, continued use or behaviour (`继续访问即视为您接受`, `从您的操作推断您已同意`).

    Example: `如您继续使用我们的服务，即视为您同意我们将信息用于新的目的。`

    PIPL Art. 14: consent is a voluntary and explicit indication given with
    full knowledge; a change of purpose needs new consent (Art. 14(2)), and
    sensitive information and transfers abroad need separate consent (Art.
    29, 39). Using the service, or an inference from behaviour, is none of
    these. A click on `同意` or a ticked box is an act and passes; accepting
    an updated policy by continued use is how updates are announced (the
    updates section's question), not consent to processing, and passes too.
    """
    for document in context.documents:
        language = "en" if document.language.startswith("en") else "zh" if document.language.startswith("zh") else ""
        if not language:
            continue
        for line in document.prose():
            for sentence in _SENTENCE.split(line.text):
                match = _DEEMED[language].search(sentence)
                if match and _TO_THE_POLICY[language].match(sentence, match.end()):
                    continue
                if match and _PASSIVE[language].search(sentence) and not _ACT[language].search(sentence):
                    yield Hit(document.path, line.number,
                              f"consent is inferred (`{match.group(0)}`) from use or behaviour, not given by an act",
                              "ask for consent by an act (a click on 同意, a ticked box) where consent is the legal "
                              "basis, and separately where Art. 29 or 39 requires it; check what the sentence covers")
                    break


# Grounds for processing without consent that GB/T 35273 lists but PIPL Art. 13 does not.
_EXCEPTION_INTRO = re.compile(r"(?:无需|无须|不需要?|不必|可以不|可不)[^。；]{0,12}(?:征得|取得|获得|经过?)?[^。；]{0,8}(?:授权)?同意|"
                              r"(?:征得|取得|获得)[^。；]{0,12}(?:授权)?同意的例外")
_NOT_IN_PIPL = re.compile(r"学术研究|(?:安全|稳定)(?:、|和|及)?(?:稳定|安全)?运行|处置[^。；]{0,10}故障")


@rule("disclosure.consent-exception", Severity.WARNING)
def consent_exception(context: Context) -> Iterator[Hit]:
    """A case of processing without consent that PIPL Art. 13 does not allow (academic research, keeping the service running).

    Example: `科研院所开展学术研究需要的` in the list of cases where no consent is needed.

    The exceptions of GB/T 35273-2017/2020 §5.6 (academic research, the
    safe and stable operation of the product, handling faults) predate the
    PIPL; Art. 13 lists the only legal bases besides consent (a contract the
    person is party to, HR management, a legal duty, emergencies, news
    reporting, published information). A list copied from the standard
    promises processing the law does not permit without consent.
    """
    for document in context.documents:
        if not document.language.startswith("zh"):
            continue
        since_intro = None
        for line in document.prose():
            if _EXCEPTION_INTRO.search(line.text):
                since_intro = 0
            elif since_intro is not None:
                since_intro += 1
            if since_intro is None or since_intro > 15 or line.kind == "heading":
                if line.kind == "heading":
                    since_intro = None
                continue
            match = _NOT_IN_PIPL.search(line.text)
            if match:
                yield Hit(document.path, line.number,
                          f"`{match.group(0)}` is given as a case where no consent is needed, a ground PIPL Art. 13 "
                          "does not recognise",
                          "remove it from the exceptions, or ask for consent (or rely on a ground of Art. 13); check "
                          "with counsel")
