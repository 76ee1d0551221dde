"""Typing errors: Chinese confusion sets legal texts get wrong, doubled characters, English spelling."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast
from collections.abc import Iterator

from ..findings import Severity
from .markdown import PLACEHOLDER
from .registry import Context, Hit, rule

# ---------------------------------------------------------------- Chinese confusion sets

_ADVERBS = "及时|依法|合法|妥善|安全|严格|充分|持续|主动|直接|自动|明确|单独|准确|完整|公开|正当|合理|适当|有效|迅速|尽快|认真|透明|全面|定期"
_VERBS = ("通知|告知|处理|保护|存储|保存|删除|使用|收集|获取|采取|履行|提供|披露|共享|转移|更新|传输|记录|处置|管理"
          "|执行|获得|取得|征得|回复|答复|响应|向")
_OBJECTS = "您|用户|我们|其|个人|相关|该|这些|此类|有关|必要|上述"
# (pattern, what to write, why): high-precision phrases only; each names the correct form.
_CONFUSIONS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(rf"截止(?:到|至)?(?=\s*(?:\d{{4}}\s*年|\d{{4}}[-/.]|{PLACEHOLDER}|目前|今天|今日|本政策))"), "截至",
     "`截至` means “up to” a date; `截止` means that something ends"),
    (re.compile(rf"(?:{_ADVERBS})的(?=(?:{_VERBS})(?:{_OBJECTS}))"), "地",
     "an adverb before a verb takes `地` (合法地收集), not `的`"),
    (re.compile(r"(?<![捕俘缴查截斩])获的(?=您|用户|同意|授权|监护人|许可)|取的(?=您|用户|同意|授权|监护人|许可)"), "得",
     "to obtain is `获得`/`取得`"),
    (re.compile(r"值的(?=注意|信赖|关注)"), "值得", "worth is `值得`"),
    (re.compile(r"(?:您|用户|个人|主体|监护人)的权力"), "权利", "a person's rights are `权利`; `权力` is power"),
    (re.compile(r"和或(?!者)"), "和/或", "`和/或` lost its slash"),
    (re.compile(r"做为"), "作为", "`作为` (as) is written with 作"),
    (re.compile(r"既使"), "即使", "even if is `即使`"),
    (re.compile(r"部份"), "部分", "`部分` is the standard form"),
    (re.compile(r"(?<![统唯同专第单万])一但"), "一旦", "once is `一旦`"),
    (re.compile(r"注消"), "注销", "to deregister is `注销`"),
    (re.compile(r"签属"), "签署", "to sign is `签署`"),
    (re.compile(r"按装"), "安装", "to install is `安装`"),
    (re.compile(r"已便"), "以便", "so that is `以便`"),
    (re.compile(r"以经"), "已经", "already is `已经`"),
    (re.compile(r"(?:基|关|由|对|属|位|至|鉴|终|归|便|等|适用)干(?![部预扰涉净燥事活脆线货杯细])(?=[\u4e00-\u9fff])"), "于",
     "`干` is a misread or mistyped `于`"),
    (re.compile(r"及相关服(?!务)|及相(?=服务)"), "及相关服务", "a character is missing"),
    (re.compile(r"运行商"), "运营商", "a carrier or operator is `运营商`"),
    (re.compile(r"(?<![例比诸假])如里(?![面边头程])"), "如果", "if is `如果`"),
    (re.compile(r"一日(?=您|你|用户|发生|出现|发现)"), "一旦", "once (if ever) is `一旦`; `一日` is one day"),
    (re.compile(r"(?:不一致|不同|冲突|矛盾|不符|不明|不妥|不当|疏漏|遗漏)之外"), "之处",
     "where something differs is `…之处`; `之外` means besides"),
    (re.compile(r"浏(?![览阳])"), "浏览", "`浏` stands alone only in 浏览 (to browse): a character is missing"),
]


@rule("typo.zh-confusion", Severity.WARNING)
def zh_confusion(context: Context) -> Iterator[Hit]:
    """Chinese characters legal texts often confuse: 截止/截至 before a date, 的/地 before a verb, 权力/权利, 和或.

    Example: `截止2024年1月1日` for 截至, `权力` for the rights of a person (权利).

    Each pattern is a fixed phrase where one spelling is wrong (合法的收集您的
    信息, 截止2024年, 基干); a wrong character in a legal promise reads as
    carelessness and can change its meaning (权力 is power, 权利 a right).
    """
    for document in context.documents:
        if not document.language.startswith("zh"):
            continue
        for line in document.prose():
            for pattern, correct, why in _CONFUSIONS:
                for match in pattern.finditer(line.text):
                    written = match.group(0)
                    yield Hit(document.path, line.number, f"`{written}`: {why}",
                              f"write `{_corrected(written, correct)}` (check the sentence around it)")


def _corrected(written: str, correct: str) -> str:
    if correct == "之处":
        return written[:-2] + "之处"
    if correct == "地":
        return written[:-1] + "地"
    if correct == "得":
        return written[:-1] + "得"
    if correct == "于":
        return written[:-1] + "于"
    if correct == "截至":
        return "截至"
    return correct


# ---------------------------------------------------------------- doubled characters

# Function characters that never double in a word; 的/地/得 are debris.repeated-word's.
_DOUBLED = re.compile(r"([了是在和与及将对被把向从于由其以并此该就则因也都已为或您我且按])\1")
# The doubling is two words: a word ending in the character (为了|了解, 存在|在线), or one starting with it.
_ENDS = {"了": "为除到", "是": "就但或还即凡若正总也都只于可不要", "在": "存所现正实内潜外自", "和": "总温平缓",
         "与": "参给", "及": "以涉危顾普", "对": "针面应核相绝比", "向": "方导倾意定", "从": "服遵听", "为": "作因成认行称视",
         "将": "即", "以": "所可得难予加用", "并": "合吞兼", "此": "因由如至彼", "由": "自理缘", "于": "", "其": "尤极与",
         "就": "成造迁", "则": "规原否准细法", "因": "原基诱", "已": "而业早", "按": "", "也": "", "都": "首", "被": "",
         "把": "", "或": "", "您": "", "我": "自", "该": "应", "且": "而并况"}
_STARTS = {"了": "解", "是": "否", "在": "线于内", "和": "谐", "与": "其", "及": "时", "将": "来", "对": "方象于比应外接",
           "被": "告", "向": "导", "从": "而事业", "于": "是", "由": "于此", "其": "他中次它余间实", "以": "下上及便外内后前免往",
           "并": "且非不", "此": "外类时前后", "就": "是业", "因": "为此素", "也": "许", "已": "经", "为": "了止何准",
           "该": "等", "则": "", "都": "是", "把": "握", "按": "照时", "且": "", "或": "", "您": "", "我": ""}


# A two-character word typed twice (为了为了, 我们我们); AABB and ABAB reduplication is rare in a policy's register.
_DOUBLED_WORD = re.compile(r"([\u4e00-\u9fff]{2})\1")


@rule("typo.repeated-character", Severity.WARNING)
def repeated_character(context: Context) -> Iterator[Hit]:
    """A function character or a word typed twice (`了了`, `是是`, `您您`, `为了为了`) where no word doubles it.

    Example: `我们会会及时通知您`.

    Legitimate doubling (为了了解, 存在在线, 针对对方, 常常, 人人) is two words or a
    reduplication and passes; a doubled 是 or 您 is an editing slip.
    """
    for document in context.documents:
        if not document.language.startswith("zh"):
            continue
        for line in document.prose():
            text = line.text
            for match in _DOUBLED.finditer(text):
                char = match.group(1)
                before = text[match.start() - 1] if match.start() else ""
                after = text[match.end()] if match.end() < len(text) else ""
                if (before and before in _ENDS.get(char, "")) or (after and after in _STARTS.get(char, "")):
                    continue
                yield Hit(document.path, line.number, f"`{match.group(0)}` types a character twice",
                          f"check the sentence and delete one `{char}`")
            for match in _DOUBLED_WORD.finditer(text):
                word = match.group(1)
                if word[0] == word[1]:
                    continue  # 常常常常 is not written; AAAA is left to the single-character check
                yield Hit(document.path, line.number, f"`{match.group(0)}` types a word twice",
                          f"check the sentence and delete one `{word}`")


# ---------------------------------------------------------------- English spelling

_URLISH = re.compile(r"\S+@\S+|\w+://\S+|www\.\S+|\S+\.(?:com|cn|net|org|io|asia|html?)\b\S*|`[^`]*`")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[(“\"]\s*)$")
_BRITISH = [("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"),
            ("ising", "izing"), ("yse", "yze"), ("ysed", "yzed"), ("our", "or"), ("ours", "ors"), ("lled", "led"),
            ("lling", "ling"), ("tre", "ter"), ("ence", "ense"), ("ogue", "og"), ("ement", "ment")]
_PREFIXES = ("de", "re", "pre", "non", "un", "co", "sub", "anti", "multi", "inter", "over", "under", "mis", "cross",
             "self", "auto", "cyber", "e", "micro", "mini", "geo")
_BRITISH_INSIDE = [("our", "or"), ("isa", "iza"), ("ise", "ize"), ("yse", "yze"), ("mme", "m"), ("ll", "l"),
                   ("ogue", "og"), ("tre", "ter"), ("ence", "ense")]
_ABBREVIATIONS = {"etc", "inc", "ltd", "llc", "co", "vs", "eg", "ie", "esp", "approx", "dept", "no"}
# Computing words policies use that the general word list lacks (its words come from subtitles and books).
_TERMS = {"app", "apps", "wifi", "backend", "frontend", "ip", "sms", "url", "urls", "api", "apis", "iot", "telecom",
          "telecoms", "sdk", "sdks", "imei", "imsi", "oaid", "idfa", "gps", "cpu", "ui", "os", "https", "html",
          "faq", "vpn", "nfc", "qr", "ssl", "tls", "pc", "pcs", "apk", "ios", "licensor", "licensors"}
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ation", "ations", "able", "ity")


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    """Every word of pyspellchecker's offline English dictionary (a maintained word-frequency list).

    Read straight from its data file: building the full checker costs more
    than the whole gate, and is only needed to suggest a correction.
    """
    import gzip
    from importlib.resources import files
    data = gzip.decompress(files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()).decode()
    return frozenset(re.findall(r'"([a-z\'-]+)": ', data))


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    """How often each word is used: picks the likeliest correction (loaded only when a word is reported)."""
    import gzip
    import json
    from importlib.resources import files
    return cast(dict[str, int], json.loads(gzip.decompress(files("spellchecker").joinpath("resources", "en.json.gz").read_bytes())))


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_letter_away(word: str) -> set[str]:
    """Dictionary words one deletion, transposition, replacement or insertion away (Norvig's edits1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    edits.discard(word)
    return edits & _words()


class _Dictionary:
    def known(self, words: list[str]) -> bool:
        return all(word in _words() for word in words)


def _known(word: str, spell: _Dictionary, allowed: set[str]) -> bool:
    lower = word.lower()
    if lower in allowed or lower in _ABBREVIATIONS or lower in _TERMS or spell.known([lower]):
        return True
    for british, american in _BRITISH:
        if lower.endswith(british) and spell.known([lower[:-len(british)] + american]):
            return True
    for british, american in _BRITISH_INSIDE:  # behavioural, organisational, programme
        if british in lower and _known_stem(lower.replace(british, american), spell):
            return True
    for suffix in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            stem = lower[:-len(suffix)]
            if spell.known([stem]) or stem in allowed or spell.known([stem + "e"]):
                return True
    for prefix in _PREFIXES:
        if lower.startswith(prefix) and len(lower) - len(prefix) >= 4 and _known(lower[len(prefix):], spell, allowed):
            return True
    return False


def _known_stem(word: str, spell: _Dictionary) -> bool:
    return spell.known([word]) or any(word.endswith(suffix) and spell.known([word[:-len(suffix)]])
                                      for suffix in _SUFFIXES if len(word) - len(suffix) >= 3)


def _allowed_words(context: Context) -> set[str]:
    """The policy's own names and terms: every word of data/ and of every heading."""
    words: set[str] = set()
    for value in context.data_values:
        words.update(w.lower() for w in _TOKEN.findall(value.value))
    for document in context.documents:
        for line in document.lines:
            if line.kind == "heading":
                words.update(w.lower() for w in _TOKEN.findall(line.text))
    return words


@rule("typo.english-spelling", Severity.WARNING)
def english_spelling(context: Context) -> Iterator[Hit]:
    """An English word the dictionary does not know and that is one letter away from one it knows (`recieve`).

    Example: `We will recieve your request.`

    Checked with pyspellchecker's offline dictionary; the policy's own names and
    terms (words in data/ and in headings), capitalised names, acronyms,
    addresses and words with digits are allowed. A word the dictionary lacks
    can still be right, so the finding says what to check.
    """
    english = [d for d in context.documents if d.language == "en" or d.language.startswith("en-")]
    if not english:
        return
    spell = _Dictionary()
    allowed = _allowed_words(context)
    for document in english:
        for line in document.prose():
            if line.kind == "heading":
                continue
            text = _URLISH.sub(" ", line.text.replace(PLACEHOLDER, " "))
            reported: set[str] = set()
            for match in _TOKEN.finditer(text):
                word = match.group(0).replace("’", "'")
                word = re.sub(r"'(?:s|d|ll|re|ve|t)$", "", word)
                if len(word) < 3 or word.isupper() or "'" in word or word in reported:
                    continue
                neighbours = text[max(0, match.start() - 1):match.end() + 1]
                if re.search(r"\d|[-_/]\w|\w[_/]", neighbours):
                    continue  # part of a code, a version or a compound name
                if word[0].isupper() and not _SENTENCE_START.search(text[:match.start()]):
                    continue  # a name in mid-sentence
                if _known(word, spell, allowed):
                    continue
                candidates = _one_letter_away(word.lower())
                if not candidates:
                    continue  # no word one letter away: a name or a term, not a slip
                reported.add(word)
                best = max(sorted(candidates), key=lambda w: _frequencies().get(w, 0))
                yield Hit(document.path, line.number, f"`{word}` is not in the English dictionary",
                          f"check the spelling (did you mean `{best}`?); if it is a name or term, write it as the "
                          "data or headings write it")


# `information.We`: a full stop with no space before the next sentence (not `e.g.`, `WeChat.com`, `v1.2`).
_NO_SPACE = re.compile(r"\b[a-z]{2,}[.?!](?=[A-Z][a-z]+\b)")


@rule("typo.missing-space", Severity.WARNING)
def missing_space(context: Context) -> Iterator[Hit]:
    """Two English sentences run together: `personal information.We will`.

    Example: `personal information.We will`.

    The space was lost when the text was copied; a reader stumbles, and a
    screen reader reads the two words as one. One finding per file lists every line.
    """
    for document in context.documents:
        if not (document.language == "en" or document.language.startswith("en-")):
            continue
        found: list[tuple[int, str]] = []
        for line in document.prose():
            text = _URLISH.sub(" ", line.text)
            for match in _NO_SPACE.finditer(text):
                word = re.match(r"\w+", text[match.end():])
                assert word is not None  # _NO_SPACE's lookahead saw a word there
                found.append((line.number, match.group(0) + word.group(0)))
        if found:  # one finding per file: the same slip, fixed the same way everywhere
            lines = sorted({number for number, _ in found})
            also = f" (also on line {', '.join(map(str, lines[1:]))})" if lines[1:] else ""
            yield Hit(document.path, found[0][0], f"`{found[0][1]}` runs two sentences together{also}",
                      "write a space after the full stop (check it is not a name or an address)")


# ---------------------------------------------------------------- device identifiers

# The identifiers collection paragraphs list (工信部 and GB/T 35273 name them so): a reader or a regulator
# checks each against the permissions; a mistyped one names nothing.
_IDENTIFIERS = ("IMEI", "IMSI", "MEID", "ICCID", "OAID", "AAID", "IDFA", "IDFV", "UDID", "UUID", "GUID", "WLAN",
                "SSID", "BSSID", "androidId", "AndroidID", "serialNo", "SerialNumber", "MAC")
# Real identifiers and network words a slip check must not "correct" (UID is a user ID, LAN a network).
_NOT_SLIPS = {"uid", "lan", "wan", "utdid", "sim", "ims", "pin", "usb", "icp", "mid", "ua", "vaid", "caid", "imeis"}
_IDENTIFIERS_LOWER = frozenset(known.lower() for known in _IDENTIFIERS)
_CAMEL = re.compile(r"[a-z][A-Z]")
_ID_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]{2,12}(?![A-Za-z0-9])")


def _distance(a: str, b: str) -> int:
    """Edits (deletion, insertion, replacement, swap of neighbours) from ``a`` to ``b``."""
    rows = [list(range(len(b) + 1))] + [[i] + [0] * len(b) for i in range(1, len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


def mistyped_identifier(token: str) -> str | None:
    """The identifier ``token`` is a slip of (`MSI` → IMSI, `WIAN` → WLAN), or None."""
    if len(token) < 3 or not (token.isupper() or _CAMEL.search(token)):
        return None  # identifiers are written in capitals or camelCase; an ordinary word is english-spelling's
    lower = token.lower()
    if lower in _IDENTIFIERS_LOWER or lower in _words() or lower in _TERMS or lower in _NOT_SLIPS:
        return None
    for known in _IDENTIFIERS:
        allowed = 1 if len(known) <= 5 else 2
        if abs(len(known) - len(token)) <= allowed and _distance(lower, known.lower()) <= allowed:
            return known
    return None


@rule("typo.identifier", Severity.WARNING)
def identifier(context: Context) -> Iterator[Hit]:
    """A device identifier mistyped: `MSI` for IMSI, `WIAN` for WLAN, `serailNo` for serialNo.

    Example: `我们会收集设备的IMEI、MSI号和MAC地址。`

    Collection paragraphs list identifiers a reader checks against the
    permissions the app asks for; a slip names an identifier that does not
    exist (often copied into the translation). Names the policy declares in
    data (company, products) are left alone.
    """
    allowed: set[str] | None = None  # read only when a slip is suspected: most policies have none
    for document in context.documents:
        for line in document.prose():
            text = _URLISH.sub(" ", line.text.replace(PLACEHOLDER, " "))
            for match in _ID_TOKEN.finditer(text):
                token = match.group(0)
                known = mistyped_identifier(token)
                if known and allowed is None:
                    allowed = _allowed_words(context)
                if known and token.lower() not in (allowed or set()):
                    yield Hit(document.path, line.number, f"`{token}` looks like a mistyped `{known}`",
                              f"write `{known}` (check which identifier is collected)")
