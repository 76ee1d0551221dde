"""Words a template or an edit left out: a product name cut before 及相关服务, 在 with no place after it.

Chinese policies are mostly drafted from templates whose product name is a
slot (`【产品名称】及相关服务`). When the slot is emptied instead of filled, the
sentence still reads at a glance but names nothing: `在您注册使用及相关服务前`.
The grammar gives it away: 及 (“and”) needs a noun before it, and a
preposition (对, 向, 在) needs an object after it. Both rules read Chinese only
and are warnings: the finding says which word to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from .registry import Context, Hit, rule


def _chinese(language: str) -> bool:
    return language == "zh" or language.startswith("zh")


# `及相关服务` needs a name before it; a verb, a preposition or a punctuation mark there means the name is gone.
# `以及相关服务`, `涉及相关服务` are whole words (以及, 涉及) and are not matched: their 及 follows 以/涉.
_BEFORE_AND = r"使用|在|对|于|向|通过|离开|访问|登录|注册|关于|与|为|由|的|[，。；：、,;:（(“]"  # an ASCII " may close a name
_NAME_CUT = re.compile(rf"(?:^|(?<=^\s)|(?:{_BEFORE_AND}))(及(?:其)?相关(?:的)?(?:服务|产品|功能))")
# `我们将对的界面作出说明`: a preposition straight after a modal verb and before 的 has lost its object.
_OBJECT_CUT = re.compile(r"(?:会|将|需要|须)(对|向)的(?=[\u4e00-\u9fff])")


@rule("placeholder.missing-name", Severity.WARNING)
def missing_name(context: Context) -> Iterator[Hit]:
    """A product or operator name cut out of a sentence: `在您注册使用及相关服务前`, `我们将对的界面作出说明`.

    Example: `在您注册使用及相关服务前，请阅读本政策。` where the template said `注册使用【产品名称】及相关服务`.

    及 (and) joins two things; with a verb, a preposition or a comma before
    it, the first thing — the product the policy covers — was deleted with
    its template slot. The same happens to 对/向 with nothing between them
    and 的. A policy must name the service it covers (PIPL Art. 17).
    """
    for document in context.documents:
        if not _chinese(document.language):
            continue
        for line in document.prose():
            for match in _NAME_CUT.finditer(line.text):
                yield Hit(document.path, line.number,
                          f"`{match.group(0)}` has no name before `{match.group(1)}`: the product name was left out",
                          "write the product's name (e.g. `{{ company.brand }}`) before 及相关服务; check whether the "
                          "sentence should read otherwise")
            for match in _OBJECT_CUT.finditer(line.text):
                yield Hit(document.path, line.number,
                          f"`{match.group(0)}` has nothing between `{match.group(1)}` and 的: a name was left out",
                          f"write what {match.group(1)} refers to (the product or the operator); check the sentence")


# `我们会在通知您下载。`: 在 followed by a verb needs a place (在官网发出) or a time (在发出后, 在…时);
# with neither, a place was left out or 在 is superfluous (`我们会在提醒您…` for `我们会提醒您…`).
_ZAI_VERB = re.compile(r"(?:会|将|应|须|需)在(发出|发布|公布|公告|要求|收集|使用|提供|删除|通知|告知|征得|获得|取得|"
                       r"处理|采取|进行|更新|停止|披露|共享|转让)")
_CLAUSE_END = re.compile(r"[，。；,;！？!?]")
_TIME_OR_PLACE = re.compile(r"后|前|时|中|之际|以内|内(?!容)|期间|同时|范围|基础|(?:情况|情形|前提|条件|之)下|过程|之日|当天|为止|"
                            r"以来|之初|上(?!述|传|线)|里")


@rule("typo.dangling-preposition", Severity.WARNING)
def dangling_preposition(context: Context) -> Iterator[Hit]:
    """在 followed by a verb with no place or time in its clause: `我们会在通知您下载。` (where? when?), or a stray 在.

    Example: `数据导出完成后，我们会在通知您下载。` with no place (在站内信中) or time (在导出完成时).

    在 opens a place or a time (在官网发布, 在发出通知后); a clause that has
    neither lost a word (often the place where notices are published, which
    readers need) or carries a stray 在.
    """
    for document in context.documents:
        if not _chinese(document.language):
            continue
        for line in document.prose():
            for match in _ZAI_VERB.finditer(line.text):
                rest = line.text[match.end():]
                end = _CLAUSE_END.search(rest)
                clause = rest[:end.start()] if end else rest
                if _TIME_OR_PLACE.search(clause):
                    continue
                yield Hit(document.path, line.number,
                          f"`{match.group(0)}…` has 在 but no place or time after it",
                          f"write where (e.g. 在官网{match.group(1)}) or when (在{match.group(1)}…后), or drop 在; "
                          "check the clause")
