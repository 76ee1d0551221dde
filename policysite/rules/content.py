"""What the disclosures say, not only that they exist (PIPL Art. 17, 23, 28–31, 38–39, 47;
GB/T 35273-2020; GB/T 42574-2023).

Each rule reads the sections by role (policysite/roles.py) or the whole text
of a language, and looks for the element a reviewer would look for: a period
or an event for retention, recipients for sharing, the necessity and impact
notice for sensitive information, guardian consent for children, the
recipient and its contact for a transfer abroad, a place or a channel for
deletion, withdrawal, deregistration and complaints. Words can say these
things in many ways, so every rule here is a warning whose fix says what to
check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..findings import Severity
from ..numerals import CHINESE_NUMERAL
from .markdown import PLACEHOLDER, Block
from .registry import Context, Document, Hit, rule


def roles_of(document: Document) -> set[str]:
    """Every role of a document's section (`roles: [storage, security]` carries two)."""
    return set(document.text.section.roles)


def _with_role(context: Context, language: str, role: str) -> list[Document]:
    return [d for d in context.in_language(language) if role in roles_of(d)]


def _chinese(language: str) -> bool:
    return language == "zh" or language.startswith("zh")


def _prose_blocks(documents: Iterable[Document]) -> Iterator[tuple[Document, Block]]:
    for document in documents:
        for block in document.blocks:
            if block.kind != "heading":
                yield document, block


def _text(documents: Iterable[Document]) -> str:
    return "\n".join(block.text for _, block in _prose_blocks(documents))


def _renders(documents: Iterable[Document], *names: str) -> bool:
    return any(name in line.placeholders for d in documents for line in d.lines for name in names)


def _heading_line(document: Document) -> int:
    return max(document.text.heading_line, 1)


# ---------------------------------------------------------------- collection

_PURPOSE = {"zh": re.compile(r"目的|为了|为实现|用于|以便|以向您|为向您|为您提供"),
            "en": re.compile(r"\bpurposes?\b|\bin order to\b|\bso that\b|\bto (?:provide|enable|process|fulfil|deliver|ship|issue)\b|\bfor (?:the )?(?:purpose|registration|verification)", re.I)}
_CATEGORY = {"zh": re.compile(r"姓名|手机号|电话号码|邮箱|电子邮件|地址|身份证|账号|帐号|设备信息|位置信息|日志|昵称|头像|"
                              r"订单|支付|银行|发票|税号|IP|个人信息(?:包括|有|如下|为)|收集您的[^。；]{1,20}(?:信息|号码)"),
             "en": re.compile(r"\bname\b|\bphone\b|\be-?mail\b|\baddress\b|\bidentity\b|\baccount\b|\bdevice\b|\blocation\b|"
                              r"\blogs?\b|\border\b|\bpayment\b|\binvoice\b|\btax\b|\bIP\b|\bincluding\b|\bsuch as\b", re.I)}


@rule("disclosure.collection-content", Severity.WARNING)
def collection_content(context: Context) -> Iterator[Hit]:
    """A collection section that states neither what is collected nor why, and no inventory is rendered.

    Example: `我们会依法收集和使用您的个人信息。` as the whole collection section.

    PIPL Art. 17(1)–(2) and GB/T 35273-2020 §5.4: per purpose (scenario), the
    categories of personal information collected; `{{ inventory }}` anywhere
    in the language renders the table that states both.
    """
    for language in context.languages:
        purpose, category = _PURPOSE.get(language[:2]), _CATEGORY.get(language[:2])
        if purpose is None or category is None:
            continue
        everything = context.in_language(language)
        if _renders(everything, "inventory"):
            continue
        documents = _with_role(context, language, "collection")
        text = _text(documents)  # a policy may split what it collects and what it uses it for over two sections
        if documents and text.strip():
            lacking = [what for what, pattern in (("why (the purposes)", purpose), ("what (the categories)", category))
                       if not pattern.search(text)]
            if lacking:
                document = documents[0]
                yield Hit(document.path, _heading_line(document),
                          f"the collection section does not say {' or '.join(lacking)} personal information is collected for",
                          "for each scenario, state the purpose and the categories collected (or render `{{ inventory }}`); "
                          "check the wording if it already does")


# ---------------------------------------------------------------- retention

_SENTENCE = re.compile(r"(?<=[。；;!?！？])|(?<=[.!?])\s+")
_VAGUE_RETENTION = {"zh": re.compile(r"(?:所)?(?:必需|必要|需要|所需)的?(?:最短)?(?:期限|时间|时限|期间)"),
                    "en": re.compile(r"\b(?:as long as|(?:the )?(?:shortest|minimum) (?:time|period)|for the (?:period|time))\b[^.;]{0,40}\bnecessary\b", re.I)}
# What makes a retention concrete: a duration, a period set by law, or the event that ends it, in the same sentence
# (a later “we delete it when you deregister” describes deletion, not how long the rest is kept).
_DURATION = {"zh": re.compile(rf"(?:\d+|{CHINESE_NUMERAL})\s*(?:个)?(?:工作日|日|天|周|个月|月|年)|不少于|法律法规(?:另有)?规定的(?:最短)?(?:保存|留存)?期限|法定(?:保存|留存)?期限"),
             "en": re.compile(r"\b\d+\s*(?:working\s+|calendar\s+)?(?:days?|weeks?|months?|years?)\b|\b(?:one|two|three|five|six|ten|twelve)\s+(?:days?|weeks?|months?|years?)\b|"
                              r"\bnot less than\b|\bat least\b|\bperiod (?:required|prescribed|set) by (?:law|applicable laws?)\b", re.I)}
_TRIGGER = {"zh": re.compile(r"注销|终止|停止运营|停止提供|撤回|关闭(?:账号|账户|帐号|帐户)|届满|结束后"),
            "en": re.compile(r"\bdereg|\bcancel (?:your|the) account|\bclose (?:your|the) account|\bterminat|\bwithdraw|\bexpir|\bend of\b|\bcease", re.I)}


@rule("disclosure.retention", Severity.WARNING)
def retention(context: Context) -> Iterator[Hit]:
    """A retention period given only as “as long as necessary” (为实现目的所必需的期限), with no period or event that ends it.

    Example: `我们仅在实现目的所必需的期限内保留您的个人信息。` and nothing else.

    PIPL Art. 17(1)(3) and Art. 19: the period must be stated; GB/T
    35273-2020 §6.1 expects a duration or the event that ends it (account
    deregistration, end of the service, a period set by law), in the sentence
    that states the period. A duration stated anywhere in the storage section
    makes the section concrete.
    """
    for language in context.languages:
        vague = _VAGUE_RETENTION.get(language[:2])
        if vague is None:
            continue
        duration, trigger = _DURATION[language[:2]], _TRIGGER[language[:2]]
        documents = _with_role(context, language, "storage")
        if duration.search(_text(documents)):
            continue
        for document, block in _prose_blocks(documents):
            vague_only = [s for s in _SENTENCE.split(block.text) if vague.search(s) and not trigger.search(s)]
            if vague_only:
                yield Hit(document.path, block.first.number,
                          "the retention period is only “as long as necessary”: no duration and no event that ends it",
                          "state how long each kind of information is kept, or in the same sentence the event after "
                          "which it is deleted or anonymised (e.g. account deregistration); check whether the text "
                          "says so in other words")
                break


# ---------------------------------------------------------------- sharing

_SHARES = {"zh": re.compile(r"(?:共享|提供给|提供您的|转让给|披露给|委托)"),
           "en": re.compile(r"\b(?:share|provide|disclose|transfer|entrust)\b", re.I)}
_GENERIC = {"zh": re.compile(r"合作伙伴|合作方|第三方(?!SDK|平台|网站|账号|帐号|应用)|其他方|其他公司|其他组织"),
            "en": re.compile(r"\bpartners?\b|\bthird[- ]part(?:y|ies)\b|\bother (?:parties|companies|organi[sz]ations)\b", re.I)}
_NOT_A_DISCLOSURE = {"zh": re.compile(r"您(?:选择|主动|自行|自愿)|不会|不得|不向|除非|同意后|经您同意|征得您|获得您|取得您|单独同意|法律|法规|政府|司法|监管|行政|依法|要求"),
                     "en": re.compile(r"\bnot\b|\bnever\b|\bunless\b|\bconsent\b|\blaws?\b|\blegal\b|\bauthorit|\bcourt\b|\bregulat", re.I)}
_RECIPIENTS = {"zh": re.compile(r"包括|例如|比如|如[：:]|诸如|名称|关联公司|服务商|服务提供|供应商|物流|快递|支付|银行|运营商|云服务|"
                                r"清单|列表|目录|附件|附录|[：:]$|类(?:合作伙伴|合作方|第三方)|(?:广告|推广|统计|分析|技术|云)(?:服务)?(?:合作伙伴|合作方)"),
               "en": re.compile(r"\bincluding\b|\bsuch as\b|\be\.g\.|\bfor example\b|\bnamely\b|\baffiliates?\b|\bproviders?\b|"
                                r"\bsuppliers?\b|\blogistics\b|\bcarriers?\b|\bbanks?\b|\bpayment\b|\blist\b|\bappendix\b|\bannex\b|:$|"
                                r"\b(?:advertising|analytics|marketing|technology|cloud) (?:partners|providers|companies)\b", re.I)}


@rule("disclosure.sharing-recipients", Severity.WARNING)
def sharing_recipients(context: Context) -> Iterator[Hit]:
    """Personal information shared with “partners” or “third parties” in a paragraph that names no recipient, category of recipient or list.

    Example: `我们可能会与合作伙伴共享您的个人信息，用于市场推广。` with no partner named.

    PIPL Art. 21 and 23: the recipient's name (or the category, with a list
    the site publishes) is part of what people are told before sharing.
    Sharing that depends on a later consent or on a legal obligation is left
    alone: the recipient is named when it happens.
    """
    for language in context.languages:
        shares = _SHARES.get(language[:2])
        if shares is None:
            continue
        generic, exempt, recipients = _GENERIC[language[:2]], _NOT_A_DISCLOSURE[language[:2]], _RECIPIENTS[language[:2]]
        documents = context.in_language(language)
        if _renders(documents, "third_parties"):
            continue  # the site publishes the list
        for document, block in _prose_blocks(documents):
            if "definitions" in roles_of(document) or block.kind == "table" or recipients.search(block.text):
                continue
            sentences = [s for s in _SENTENCE.split(block.text)
                         if shares.search(s) and generic.search(s) and not exempt.search(s)]
            if sentences:
                yield Hit(document.path, block.first.number,
                          "personal information is shared with recipients this paragraph does not name",
                          "name the recipients or their categories (e.g. logistics and payment providers), or point to "
                          "the list of third parties the site publishes; check the paragraphs around it do not already")


# ---------------------------------------------------------------- sensitive personal information

_SENSITIVE = {"zh": re.compile(r"(?:我们|将|会|可能|需要)[^。；]{0,30}(?:收集|处理|使用|获取)[^。；]{0,40}(?:敏感个人信息|个人敏感信息)"
                               r"|(?:属于|为|是)(?:您的)?(?:敏感个人信息|个人敏感信息)"),
              "en": re.compile(r"\b(?:we|will|may)\b[^.;]{0,30}\b(?:collect|process|use|obtain)\b[^.;]{0,40}\bsensitive personal (?:information|data)\b"
                               r"|\b(?:is|are) sensitive personal (?:information|data)\b", re.I)}
_NECESSITY = {"zh": re.compile(r"必要性"), "en": re.compile(r"\bnecessity\b|\bwhy (?:it is|this is|we need)", re.I)}
_IMPACT = {"zh": re.compile(r"(?:个人权益|您的权益|权益)的?(?:造成的?|产生的?)?影响|影响[^。；]{0,10}权益"),
           "en": re.compile(r"\b(?:impact|effect)s? on your (?:rights|interests)\b", re.I)}


@rule("disclosure.sensitive", Severity.WARNING)
def sensitive(context: Context) -> Iterator[Hit]:
    """Sensitive personal information processed without the notice of its necessity and of its impact on the person.

    Example: `精确位置信息属于敏感个人信息。` with no word on why it is needed or what it means for the user.

    PIPL Art. 28–30: sensitive personal information (location, biometrics,
    financial accounts, health, minors' data…) may be processed only when
    necessary, and people must be told the necessity and the impact on
    their rights and interests (必要性及对个人权益的影响).
    """
    for language in context.languages:
        mention = _SENSITIVE.get(language[:2])
        if mention is None:
            continue
        documents = context.in_language(language)
        text = _text(documents)
        lacking = [what for what, pattern in (("its necessity", _NECESSITY[language[:2]]),
                                              ("its impact on the person's rights and interests", _IMPACT[language[:2]]))
                   if not pattern.search(text)]
        if not lacking:
            continue
        for document, block in _prose_blocks(documents):
            if "definitions" in roles_of(document):
                continue  # a definition of the term processes nothing
            if mention.search(block.text):
                yield Hit(document.path, block.first.number,
                          f"sensitive personal information is processed here, but the policy does not state {' or '.join(lacking)}",
                          "say why the sensitive information is necessary and how processing it affects the person "
                          "(必要性及对个人权益的影响); check the wording if the text says so in other words")
                break


# ---------------------------------------------------------------- children under 14

_CHILD = {"zh": re.compile(r"不满\s*(?:14|十四)\s*周?岁|未满\s*(?:14|十四)\s*周?岁|(?:14|十四)\s*周?岁以下|儿童"),
          "en": re.compile(r"\bunder (?:the age of )?(?:14|fourteen)\b|\bchild(?:ren)?\b", re.I)}
_GUARDIAN = {"zh": re.compile(r"(?:监护人|父母)[^。；]{0,20}同意|同意[^。；]{0,10}(?:监护人|父母)"),
             "en": re.compile(r"\b(?:parents?|guardians?)(?:'s|’s|s'|s’)?\b[^.;]{0,30}\bconsent\b|\bconsent\b[^.;]{0,30}\b(?:parents?|guardians?)\b", re.I)}
# A service that says it is not for minors needs no rules for processing children's information.
_NOT_FOR_MINORS = {"zh": re.compile(r"无意收集|不会(?:故意|主动|有意)?收集|不计划收集|面向(?:企业|成年)|为成年人|请勿使用|不得使用"),
                   "en": re.compile(r"\bnot (?:intend|plan)\b|\bdo not knowingly\b|\bintended for (?:adults|corporates|businesses)\b|\bshould not use\b|\bmay not use\b", re.I)}


@rule("disclosure.children", Severity.WARNING)
def children(context: Context) -> Iterator[Hit]:
    """Children under 14 without their rules: mentioned with no guardian consent (监护人同意), or a minors section with no word on them.

    Example: `我们不会故意收集不满14周岁的儿童的个人信息。` with no word on guardian consent.

    PIPL Art. 31: the personal information of a child under 14 is sensitive
    and is processed only with the consent of a parent or guardian, under
    rules made for it; the policy says so, and what happens to information
    collected without that consent. A minors section of a service that does
    not say it is closed to minors must address the under-14s.
    """
    for language in context.languages:
        child = _CHILD.get(language[:2])
        if child is None:
            continue
        documents = context.in_language(language)
        minors = _with_role(context, language, "minors")
        if not _GUARDIAN[language[:2]].search(_text(documents)):
            for document, block in _prose_blocks(minors or documents):
                if child.search(block.text):
                    yield Hit(document.path, block.first.number,
                              "children under 14 are mentioned, but the policy does not say their information is "
                              "processed only with a parent's or guardian's consent",
                              "state that a guardian's consent is obtained (and what is done with information collected "
                              "without it); check the wording if it already does")
                    break
            continue
        text = _text(minors)
        if minors and text.strip() and not child.search(text) and not _NOT_FOR_MINORS[language[:2]].search(text):
            first = next(((d, b) for d, b in _prose_blocks(minors)), None)
            yield Hit(first[0].path if first else minors[0].path,
                      first[1].first.number if first else _heading_line(minors[0]),
                      "the minors section gives no rules for children under 14 and does not say the service is "
                      "closed to minors",
                      "say how the information of children under 14 is processed (guardian consent, the rules that "
                      "apply), or that the service is not for minors; check the wording if it already does")


# ---------------------------------------------------------------- transfer abroad

_ABROAD = {"zh": re.compile(r"(?<!不)(?<!不会)(?:向|传输至|传输到|传送至|提供至|提供给)(?:位于)?(?:境外|中国大陆以外|中华人民共和国境外|海外)|"
                            r"(?<!不涉及)(?<!不会)(?:个人信息)?出境(?!.{0,4}(?:的情形|之外))|境外接收方"),
          "en": re.compile(r"\btransfer(?:red|s)?\b[^.;]{0,40}\b(?:outside (?:of )?(?:the )?(?:mainland|PRC|People|China)|abroad|overseas)\b|\boverseas recipients?\b", re.I)}
# A denial, or a transfer that may happen one day and will be announced then, is not a transfer to describe now.
_DENIED = {"zh": re.compile(r"不会|不涉及|不存在|不向|如果|如需|若|假如|如有|一旦|将来|之后"),
           "en": re.compile(r"\bnot\b|\bno\b|\bnever\b|\bif\b|\bshould (?:we|it)\b|\bin (?:the )?(?:case|event)\b|\bfuture\b", re.I)}
_ABROAD_NEEDS = {
    "zh": (("the recipient's name", re.compile(r"接收方(?:的)?(?:名称|名字)|接收方[为是：:]|名称")),
           ("its contact details", re.compile(r"联系方式|联系电话|邮箱|" + PLACEHOLDER)),
           ("the purpose", re.compile(r"目的|用于")),
           ("the categories of information", re.compile(r"种类|类型|类别|包括")),
           ("how to exercise rights against the recipient", re.compile(r"行使[^。]{0,20}权利|向[^。]{0,10}接收方[^。]{0,20}(?:行使|请求|主张)"))),
    "en": (("the recipient's name", re.compile(r"\brecipient(?:'s|’s)? (?:name|is)\b|\bname of the recipient\b", re.I)),
           ("its contact details", re.compile(r"\bcontact\b|" + PLACEHOLDER, re.I)),
           ("the purpose", re.compile(r"\bpurposes?\b", re.I)),
           ("the categories of information", re.compile(r"\bcategor|\btypes? of\b|\bincluding\b", re.I)),
           ("how to exercise rights against the recipient", re.compile(r"\bexercise\b[^.]{0,40}\brights?\b", re.I))),
}


@rule("disclosure.cross-border", Severity.WARNING)
def cross_border(context: Context) -> Iterator[Hit]:
    """A transfer of personal information abroad (出境) without the recipient, its contact, the purpose, the categories and how to exercise rights against it.

    Example: `为提供客服，我们会将您的联系方式传输至境外。` and nothing more.

    PIPL Art. 38–39: before personal information leaves mainland China the
    person is told the overseas recipient's name and contact details, the
    purpose and method of processing, the categories of information, and how
    to exercise their rights against the recipient (with separate consent).
    """
    for language in context.languages:
        abroad = _ABROAD.get(language[:2])
        if abroad is None:
            continue
        for document, block in _prose_blocks(context.in_language(language)):
            sentences = [s for s in re.split(r"(?<=[。；;!?！？])|(?<=\.)\s", block.text)
                         if abroad.search(s) and not _DENIED[language[:2]].search(s)]
            if not sentences:
                continue
            # The elements may follow in the same section: read the section's text from this block on.
            start = document.blocks.index(block)
            rest = "\n".join(b.text for b in document.blocks[start:] if b.kind != "heading")
            lacking = [what for what, pattern in _ABROAD_NEEDS[language[:2]] if not pattern.search(rest)]
            if lacking:
                yield Hit(document.path, block.first.number,
                          f"personal information is transferred abroad, but the text does not give {', '.join(lacking)}",
                          "name the overseas recipient and its contact, the purpose, the categories of information and "
                          "how to exercise your rights against the recipient (PIPL Art. 39); check the section for them")
            break


# ---------------------------------------------------------------- concrete ways to exercise rights

_ACTION = {"zh": re.compile(r"删除|撤回|注销|投诉|举报"),
           "en": re.compile(r"\bdelet|\bwithdraw|\bderegist|\bcancel (?:your|the) account|\bclose (?:your|the) account|\bcomplain", re.I)}
_VAGUE_WAY = {"zh": re.compile(r"通过(?:我们|本平台|平台)?(?:提供|公布|设置)?的?(?:相关)?(?:接口|渠道|途径|方式|功能|入口)(?![^。；]{0,6}(?:联系|详见|见))|通过相关(?:页面|功能|设置)|按照[^。；]{0,6}(?:指引|提示)(?:操作|进行)?"),
             "en": re.compile(r"\bthrough (?:our|the relevant|the) (?:interfaces?|channels?|functions?|features?|means)\b(?! (?:set out|described|listed|given|provided in))|\bby the means we provide\b", re.I)}
_CONCRETE = {"zh": re.compile(r"设置|我的|个人中心|账号管理|帐号管理|账户管理|“[^”]{1,12}”\s*[>＞→-]|[>＞→]|联系方式|联系我们|第\s*[\d一二三四五六七八九十]+\s*[条章节部分]|电子邮件|邮箱|电话|客服"),
             "en": re.compile(r"\bsettings?\b|\bprofile\b|\bmy account\b|\baccount (?:page|center|centre)\b|\bmenu\b|[>→]|\bcontact\b|\bsection \d|\be-?mail\b|\bphone\b|\bcustomer service\b", re.I)}


@rule("disclosure.rights-channel", Severity.WARNING)
def rights_channel(context: Context) -> Iterator[Hit]:
    """How to delete, withdraw consent, deregister or complain given only as “through our interfaces/channels”, with no place or channel.

    Example: `您可以通过我们提供的渠道申请注销账号。` with no menu path, e-mail or phone.

    PIPL Art. 15, 47 and 50 and GB/T 42574-2023: the way to exercise a right
    must be one a user can follow — a place in the product (设置 > 账号与安全
    > 注销账号) or a contact channel from data ({{ contact.email }}).
    """
    for language in context.languages:
        action, vague, concrete = _ACTION.get(language[:2]), _VAGUE_WAY.get(language[:2]), _CONCRETE.get(language[:2])
        if action is None or vague is None or concrete is None:
            continue
        for document, block in _prose_blocks(context.in_language(language)):
            text = block.text
            acted, vaguely = action.search(text), vague.search(text)
            if not (acted and vaguely):
                continue
            if PLACEHOLDER in text or concrete.search(vague.sub(" ", text)):
                continue
            yield Hit(document.path, block.first.number,
                      f"the way to {acted.group(0)} is only “{vaguely.group(0)}”: no place in the "
                      "product and no contact channel",
                      "name the place in the product (e.g. 设置 > 账号与安全) or a channel from data "
                      "(`{{ contact.email }}`, `{{ contact.phone }}`); check the paragraph around it does not already")


# ---------------------------------------------------------------- what is personal information

_NOT_PERSONAL = re.compile(r"(?:不属于|并非|不是|不构成|不视为|不被视为|不再是)(?:您的)?个人信息(?=[，。；、,;）)]|$|范[围畴])")
_ANONYMISED = re.compile(r"匿名")


@rule("disclosure.not-personal", Severity.WARNING)
def not_personal(context: Context) -> Iterator[Hit]:
    """Information declared not to be personal information (`设备型号……不属于个人信息`) when it is not anonymised.

    Example: `设备型号和设备标识符无法单独识别您的身份，因此不属于个人信息。`

    PIPL Art. 4: personal information is any information relating to an
    identified or identifiable natural person, alone or combined with other
    information; only anonymised information is outside it. Device
    identifiers and usage records tied to an account are personal
    information; declaring them otherwise removes them from every promise
    the policy makes.
    """
    for document in context.documents:
        if not _chinese(document.language):
            continue
        for _document, block in _prose_blocks([document]):
            for sentence in _SENTENCE.split(block.text):
                match = _NOT_PERSONAL.search(sentence)
                if match and not _ANONYMISED.search(sentence):
                    yield Hit(document.path, block.first.number,
                              f"the text declares information `{match.group(0)}`, though only anonymised information "
                              "is outside personal information",
                              "treat the information as personal information (PIPL Art. 4), or say it is anonymised "
                              "and cannot be re-identified; check what the sentence covers")
                    break


# ---------------------------------------------------------------- no retention period at all

# Where a period belongs: where the text speaks of keeping data or its backups; failing that, of deleting it.
_KEEPS = (re.compile(r"我们[^。；]{0,10}(?:保存|保留|留存)|备份|副本"), re.compile(r"我们[^。；]{0,10}删除"))
_PERIOD_WORDS = re.compile(r"保存|保留|留存|存储|删除|匿名")


@rule("disclosure.retention-missing", Severity.WARNING)
def retention_missing(context: Context) -> Iterator[Hit]:
    """A policy with no storage section and no retention period anywhere, reported where it speaks of keeping or deleting data.

    Example: `您的信息会保存在我们的服务器上。` in a policy that never says how long anything is kept.

    PIPL Art. 17(1)(3) and Art. 19: the retention period is part of every
    notice. This complements `disclosure.role-missing` (no storage section)
    by pointing to the text where the period belongs.
    """
    for language in context.languages:
        if not _chinese(language):
            continue
        documents = context.in_language(language)
        if _with_role(context, language, "storage"):
            continue  # disclosure.retention and disclosure.storage read the storage section
        duration, trigger = _DURATION["zh"], _TRIGGER["zh"]
        sentences = [s for _, block in _prose_blocks(documents) for s in _SENTENCE.split(block.text)]
        if any(_PERIOD_WORDS.search(s) and (duration.search(s) or trigger.search(s)) for s in sentences):
            continue
        place = next(((d, b) for keeps in _KEEPS for d, b in _prose_blocks(documents) if keeps.search(b.text)), None)
        if place:
            yield Hit(place[0].path, place[1].first.number,
                      "the policy never says how long personal information is kept",
                      "state the retention period (a duration, or the event after which the information is "
                      "deleted or anonymised), best in a storage section; check the policy does not already")
