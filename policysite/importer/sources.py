"""Read one source file into paragraphs, whatever its format, or refuse in one sentence.

The format is decided from the content (a zip holding word/document.xml is Word, markup with
<html>/<body>/<p> is a web page, `#` headings or `|` tables make Markdown, anything else that
decodes is a text export), the file name only breaking ties.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import ImportRefused
from .model import Note, Para, Source

MAX_BYTES = 20 * 1024 * 1024  # a Word file with pictures may be large; anything bigger is not a policy
MAX_TEXT_BYTES = 2 * 1024 * 1024  # a 90,000-character policy is about 0.3 MB of UTF-8

# Word's "save as text" debris.
BOOKMARK = re.compile(r"\[bookmark: ([^\]]*)\]")
COMMENT = re.compile(r"\t+Comment by ([^:\t]{1,80}): (.*)$")
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
FIELD_CODE = re.compile(r"(?<![A-Za-z])(?:HYPERLINK \\l \"[^\"]*\"|HYPERLINK \"[^\"]*\"|PAGEREF _Toc\d+ \\h|TOC \\o \"[^\"]*\"(?: \\[a-z])*)\s*")
LONE_BULLET = re.compile(r"^[-•·▪◦●○■□*–—]$")


def read_source(language: str, path: Path) -> Source:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused(f"{path}: no such file — give the path of the policy for `{language}`") from None
    except OSError as error:
        raise ImportRefused(f"{path}: cannot be read ({error.strerror}) — check the path and its permissions") from None
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"{path}: {len(data) // (1024 * 1024)} MB is far larger than any policy — "
                            "give the policy document itself")
    if not data.strip():
        raise ImportRefused(f"{path}: the file is empty — export the policy again and give that file")
    kind = detect_format(data, path)
    if kind != "docx" and len(data) > MAX_TEXT_BYTES:
        raise ImportRefused(f"{path}: {len(data) / (1024 * 1024):.1f} MB of text is far more than a policy "
                            f"(a long one is about 0.3 MB) — give the policy text alone")
    if kind == "docx":
        from .docx import read_docx
        source = read_docx(language, path, data)
    else:
        text = decode(data, path)
        if kind == "html" or (kind == "text" and _looks_like_html(text)):
            from .html import read_html
            source = read_html(language, path, text)
        elif kind == "md" or (kind == "text" and _looks_like_markdown(text, path)):
            source = read_markdown(language, path, text)
        else:
            source = read_text(language, path, text)
    if sum(len(p.text) for p in source.paras) > MAX_TEXT_BYTES:
        raise ImportRefused(f"{path}: the document holds far more text than a policy — give the policy alone")
    if not any(p.text.strip() or p.table for p in source.paras):
        raise ImportRefused(f"{path}: no text was found in it — is it the policy? Export it again as .docx or .txt")
    return source


def detect_format(data: bytes, path: Path) -> str:
    if data[:4] == b"PK\x03\x04":
        return "docx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportRefused(f"{path}: this is an old Word .doc file — open it in Word and save it as .docx")
    if data[:5] == b"%PDF-":
        raise ImportRefused(f"{path}: this is a PDF — export the policy from Word as .docx or .txt instead")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        raise ImportRefused(f"{path}: named .docx but it is not a Word file (not a zip archive) — "
                            "save it again from Word as .docx")
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    return "text"


def decode(data: bytes, path: Path) -> str:
    """Text in whatever encoding Word or a Chinese system saved it: UTF-8 (BOM or not), UTF-16, GB18030…"""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    sample = data[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:  # UTF-16 without a BOM
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:  # GB18030 covers GBK and GB2312, the usual encodings of Chinese text files
        text = data.decode("gb18030")
        if _plausible(text):
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data[:200_000]).best()
    if best is not None:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    raise ImportRefused(f"{path}: the text encoding could not be recognised — save it as UTF-8 text")


def _plausible(text: str) -> bool:
    """GB18030 decodes almost any bytes; accept it only if most characters are common ones."""
    if not text:
        return False
    common = sum(1 for ch in text if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
                 or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…—·")
    return common / len(text) > 0.9


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return bool(re.search(r"<(!doctype html|html|body|main|article)\b", head))


def _looks_like_markdown(text: str, path: Path) -> bool:
    lines = text.splitlines()[:400]
    headings = sum(1 for line in lines if re.match(r"^#{1,6}\s+\S", line))
    return headings >= 2


def read_text(language: str, path: Path, text: str) -> Source:
    """Word's "save as text": one paragraph a line, tables as tab-led cells, debris inline."""
    source = Source(language=language, path=str(path), format="text", paras=[])
    lines = re.split(r"\r\n|\r|\n", text)
    index = 0
    while index < len(lines):
        raw = lines[index]
        number = index + 1
        if raw.startswith("\t") and _table_starts(lines, index):
            index = _read_text_table(source, lines, index)
            continue
        index += 1
        para = clean_line(source, raw, f"line {number}")
        if para is not None:
            source.paras.append(para)
    return source


def clean_line(source: Source, raw: str, where: str) -> Para | None:
    """One paragraph of text with Word's debris taken out (and listed)."""
    text = raw
    comment = COMMENT.search(text)
    if comment:
        text = text[: comment.start()]
        anchored = BOOKMARK.sub("", text).strip()
        source.notes.append(Note("comment", where, f"Comment by {comment.group(1)}: {comment.group(2).strip()}"
                                 f"\n\nAnchored to: {anchored}"))
    for mark in BOOKMARK.finditer(text):
        source.notes.append(Note("debris", where, f"Word bookmark marker `[bookmark: {mark.group(1)}]`"))
    text = BOOKMARK.sub("", text)
    for code in FIELD_CODE.finditer(text):
        source.notes.append(Note("debris", where, f"Word field code `{code.group(0).strip()}`"))
    text = FIELD_CODE.sub("", text)
    if ZERO_WIDTH.search(text):
        source.notes.append(Note("debris", where, "zero-width or soft-hyphen characters"))
        text = ZERO_WIDTH.sub("", text)
    if "\t" in text.strip():
        text = re.sub(r"(?<=\S)\t+(?=\S)", " ", text)
    stripped = text.strip()
    if stripped != text.strip(" ") or re.search(r"[ \u3000]+$", text):
        if "\t" in text:
            source.notes.append(Note("debris", where, "leading or trailing tabs"))
    text = stripped
    if not text:
        return None
    if LONE_BULLET.match(text):
        source.notes.append(Note("debris", where, f"a lone `{text}` line (an empty list bullet or separator)"))
        return None
    return Para(text=text, where=where, original=raw)


def _table_starts(lines: list[str], index: int) -> bool:
    """At least two cells in a row: a Word text export writes each cell on a tab-led line."""
    following = [line for line in lines[index + 1:index + 4] if line.strip()]
    return bool(following) and following[0].startswith("\t")


def _read_text_table(source: Source, lines: list[str], start: int) -> int:
    """Rows are blocks of tab-led cells separated by blank lines; a cell may continue on untabbed lines."""
    rows: list[list[str]] = []
    row: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if line.startswith("\t"):
            row.append(line[1:].strip())
            index += 1
            continue
        if not line.strip():
            following = next((l for l in lines[index + 1:] if l.strip()), None)
            if following is None or not following.startswith("\t"):
                # A blank line inside a cell is followed by its next paragraph, untabbed.
                if following is not None and row and _continues_cell(lines, index):
                    row[-1] += "\n"
                    index += 1
                    continue
                break
            if row and (not rows or len(row) >= len(rows[0]) - 1):
                rows.append(row)
                row = []
            index += 1
            continue
        if row:  # an untabbed line continues the last cell
            row[-1] = row[-1].rstrip("\n") + "\n" + line.strip()
            index += 1
            continue
        break
    if row:
        rows.append(row)
    rows = [[re.sub(r"\n{2,}", "\n", cell).strip() for cell in r] for r in rows]
    source.paras.append(Para(text="", where=f"lines {start + 1}–{index}", table=rows,
                             original="\n".join(lines[start:index])))
    return index


def _continues_cell(lines: list[str], index: int) -> bool:
    """A blank line, then untabbed text, then more tab-led cells: the text belongs to the open cell."""
    rest = lines[index + 1:index + 6]
    texts = [l for l in rest if l.strip()]
    return len(texts) >= 2 and not texts[0].startswith("\t") and any(t.startswith("\t") for t in texts[1:3])


MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def read_markdown(language: str, path: Path, text: str) -> Source:
    source = Source(language=language, path=str(path), format="md", paras=[])
    lines = re.split(r"\r\n|\r|\n", text)
    index = 0
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if line.lstrip().startswith("|") and index + 1 < len(lines) and re.match(r"^\s*\|?\s*:?-{3,}", lines[index + 1]):
            rows = []
            while index < len(lines) and lines[index].lstrip().startswith("|"):
                if not re.match(r"^\s*\|?[\s:|-]+$", lines[index]):
                    rows.append([cell.strip() for cell in lines[index].strip().strip("|").split("|")])
                index += 1
            source.paras.append(Para(text="", where=f"line {number}", table=rows, original=""))
            continue
        index += 1
        heading = MD_HEADING.match(line)
        if heading:
            para = clean_line(source, heading.group(2), f"line {number}")
            if para is not None:
                para.level = len(heading.group(1))
                source.paras.append(para)
            continue
        para = clean_line(source, line, f"line {number}")
        if para is not None:
            source.paras.append(para)
    return source
