"""Word (.docx): paragraphs with their heading levels and Word's own automatic numbers, tables with
merged cells, comments with the text they are anchored to, bookmarks, field codes, tracked changes.

The archive is checked before anything is decompressed (python-docx would inflate whatever the zip
claims), so a zip bomb is refused from its directory alone.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ImportRefused
from .model import Note, Para, Source
from .sources import clean_line

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_UNPACKED = 100 * 1024 * 1024  # a long policy with images is a few MB
MAX_RATIO = 200  # XML compresses well, but not a thousand times
MAX_ENTRIES = 5000


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def check_archive(data: bytes, path: Path) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportRefused(f"{path}: not a Word file (the zip archive is damaged) — save it again from Word as .docx") from None
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise ImportRefused(f"{path}: the archive holds {len(entries)} files, not a Word document — refused")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNPACKED or any(entry.compress_size and entry.file_size / entry.compress_size > MAX_RATIO
                                   and entry.file_size > 1024 * 1024 for entry in entries):
        raise ImportRefused(f"{path}: the archive would unpack to {total // (1024 * 1024)} MB (a zip bomb?) — refused; "
                            "save the policy again from Word")
    if "word/document.xml" not in archive.namelist():
        raise ImportRefused(f"{path}: a zip archive, but not a Word document (no word/document.xml) — "
                            "save the policy from Word as .docx")


@dataclass
class _Numbering:
    """Word's automatic numbers: numbering.xml's formats and the running counters."""

    formats: dict[tuple[str, int], tuple[str, str, int]] = field(default_factory=dict)  # (numId, ilvl) → fmt, text, start
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, num_id: str, level: int) -> str:
        fmt = self.formats.get((num_id, level))
        if fmt is None:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, self.formats[(num_id, level)][2] - 1) + 1
        for deeper in [l for l in counters if l > level]:
            del counters[deeper]
        kind, text, _ = fmt
        if kind == "bullet":
            return "- "
        def value(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            number = counters.get(at, self.formats.get((num_id, at), ("decimal", "", 1))[2])
            return _format_number(number, self.formats.get((num_id, at), (kind, "", 1))[0])
        return re.sub(r"%(\d)", value, text)


CN_DIGITS = "〇一二三四五六七八九"


def _chinese(number: int) -> str:
    if number < 10:
        return CN_DIGITS[number]
    if number < 20:
        return "十" + (CN_DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        return CN_DIGITS[number // 10] + "十" + (CN_DIGITS[number % 10] if number % 10 else "")
    return str(number)


def _format_number(number: int, kind: str) -> str:
    if kind.startswith(("chineseCounting", "ideograph", "taiwaneseCounting", "chineseLegal")):
        return _chinese(number)
    if kind == "lowerLetter":
        return chr(ord("a") + (number - 1) % 26)
    if kind == "upperLetter":
        return chr(ord("A") + (number - 1) % 26)
    if kind in ("lowerRoman", "upperRoman"):
        numerals = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
        text = numerals[number] if number < len(numerals) else str(number)
        return text.upper() if kind == "upperRoman" else text
    return str(number)


def _read_numbering(document: Any) -> _Numbering:
    numbering = _Numbering()
    try:
        part = document.part.numbering_part
    except Exception:  # noqa: BLE001 - no (or a duplicated) numbering part: no automatic numbers to read
        return numbering
    root = part.element
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    for node in root.findall(q("abstractNum")):
        levels = {}
        for lvl in node.findall(q("lvl")):
            ilvl = int(lvl.get(q("ilvl"), "0"))
            fmt = lvl.find(q("numFmt"))
            text = lvl.find(q("lvlText"))
            start = lvl.find(q("start"))
            levels[ilvl] = (fmt.get(q("val")) if fmt is not None else "decimal",
                            text.get(q("val")) if text is not None else f"%{ilvl + 1}.",
                            int(start.get(q("val"))) if start is not None else 1)
        abstract[node.get(q("abstractNumId"))] = levels
    for num in root.findall(q("num")):
        ref = num.find(q("abstractNumId"))
        if ref is None:
            continue
        for ilvl, fmt in abstract.get(ref.get(q("val")), {}).items():
            numbering.formats[(num.get(q("numId")), ilvl)] = fmt
    return numbering


def _comments(document: Any) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/comments") and not rel.is_external:
            from lxml import etree
            root = etree.fromstring(rel.target_part.blob)
            for comment in root.findall(q("comment")):
                text = "\n".join("".join(t.text or "" for t in p.iter(q("t"))) for p in comment.findall(q("p")))
                found[comment.get(q("id"))] = (comment.get(q("author"), "unknown"), text.strip())
    return found


def read_docx(language: str, path: Path, data: bytes) -> Source:
    check_archive(data, path)
    import docx  # python-docx
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - a damaged package is the owner's to re-save
        raise ImportRefused(f"{path}: Word could have written this file, but it cannot be read ({type(error).__name__}) — "
                            "open it in Word and save it again as .docx") from None
    source = Source(language=language, path=str(path), format="docx", paras=[])
    reader = _Reader(source, _read_numbering(document), _comments(document), document)
    for child in document.element.body.iterchildren():
        if child.tag == q("p"):
            reader.paragraph(child)
        elif child.tag == q("tbl"):
            reader.table(child)
    return source


class _Reader:
    def __init__(self, source: Source, numbering: _Numbering, comments: dict[str, tuple[str, str]], document: Any) -> None:
        self.source = source
        self.numbering = numbering
        self.comments = comments
        self.count = 0
        self.styles = {s.style_id: s for s in document.styles if getattr(s, "style_id", None)}

    def _level(self, p: Any) -> int | None:
        ppr = p.find(q("pPr"))
        style_id = None
        if ppr is not None:
            outline = ppr.find(q("outlineLvl"))
            if outline is not None and int(outline.get(q("val"))) < 9:
                return int(outline.get(q("val"))) + 1
            style = ppr.find(q("pStyle"))
            style_id = style.get(q("val")) if style is not None else None
        if style_id is None:
            return None
        style = self.styles.get(style_id)
        name = style.name if style is not None else style_id
        match = re.search(r"(?:heading|标题)\s*(\d)", name or "", re.I)
        if match:
            return int(match.group(1))
        if (name or "").lower() == "title":
            return 1
        return None

    def _numbering(self, p: Any) -> str:
        ppr = p.find(q("pPr"))
        num_pr = ppr.find(q("numPr")) if ppr is not None else None
        if num_pr is None and ppr is not None:
            style = ppr.find(q("pStyle"))
            styled = self.styles.get(style.get(q("val"))) if style is not None else None
            if styled is not None and styled.element.pPr is not None:
                num_pr = styled.element.pPr.find(q("numPr"))
        if num_pr is None:
            return ""
        num_id = num_pr.find(q("numId"))
        ilvl = num_pr.find(q("ilvl"))
        if num_id is None or num_id.get(q("val")) == "0":
            return ""
        label = self.numbering.label(num_id.get(q("val")), int(ilvl.get(q("val"))) if ilvl is not None else 0)
        return label if label.endswith(" ") or not label else label + " "

    def paragraph(self, p: Any) -> None:
        self.count += 1
        where = f"paragraph {self.count}"
        accepted: list[str] = []
        rejected: list[str] = []
        changes: list[tuple[str, str, str]] = []
        comment_start: dict[str, int] = {}
        anchors: dict[str, str] = {}
        soft = False

        def walk(node: Any, inserted: bool = False, deleted: bool = False) -> None:
            nonlocal soft
            for child in node.iterchildren():
                tag = child.tag
                if tag == q("pPr"):
                    continue
                if tag == q("ins"):
                    text = "".join(t.text or "" for t in child.iter(q("t")))
                    changes.append(("insertion", text, child.get(q("author"), "unknown")))
                    walk(child, inserted=True)
                elif tag == q("del"):
                    text = "".join(t.text or "" for t in child.iter(q("delText")))
                    changes.append(("deletion", text, child.get(q("author"), "unknown")))
                    walk(child, deleted=True)
                elif tag == q("bookmarkStart"):
                    name = child.get(q("name"), "")
                    if name and name != "_GoBack":
                        self.source.notes.append(Note("debris", where, f"Word bookmark `{name}`"))
                elif tag == q("commentRangeStart"):
                    comment_start[child.get(q("id"))] = len("".join(accepted))
                elif tag == q("commentRangeEnd"):
                    cid = child.get(q("id"))
                    anchors[cid] = "".join(accepted)[comment_start.get(cid, 0):]
                elif tag == q("instrText"):
                    self.source.notes.append(Note("debris", where, f"Word field code `{(child.text or '').strip()}`"))
                elif tag in (q("t"), q("delText")):
                    value = (child.text or "")
                    if "\u00a0" in value:
                        self.source.notes.append(Note("debris", where, "non-breaking space(s), now ordinary spaces"))
                        value = value.replace("\u00a0", " ")
                    if not deleted:
                        accepted.append(value)
                    if not inserted:
                        rejected.append(value)
                elif tag == q("tab"):
                    accepted.append("\t")
                    rejected.append("\t")
                elif tag in (q("br"), q("cr")):
                    soft = True
                    accepted.append("\n")
                    rejected.append("\n")
                elif tag == q("noBreakHyphen"):
                    accepted.append("-")
                    rejected.append("-")
                else:
                    walk(child, inserted, deleted)

        walk(p)
        label = self._numbering(p)
        text, alternative = label + "".join(accepted), label + "".join(rejected)
        for cid, (author, body) in self.comments.items():
            if cid in comment_start or cid in anchors:
                anchored = anchors.get(cid) or text
                self.source.notes.append(Note("comment", where, f"Comment by {author}: {body}\n\nAnchored to: {anchored.strip()}"))
        for kind, changed, author in changes:
            self.source.changes += 1
            self.source.notes.append(Note("change", where, f"tracked {kind} by {author}: `{changed}`"))
        if soft:
            self.source.notes.append(Note("debris", where, "soft line break(s) kept as line breaks in the paragraph"))
        para = clean_line(self.source, text, where)
        if para is None:
            return
        para.level = self._level(p)
        if changes:
            other = clean_line(Source(self.source.language, self.source.path, "docx", []), alternative, where)
            para.rejected = other.text if other is not None else ""
        self.source.paras.append(para)

    def table(self, tbl: Any) -> None:
        self.count += 1
        rows: list[list[str]] = []
        above: list[str] = []
        for tr in tbl.iter(q("tr")):
            row: list[str] = []
            for tc in tr.findall(q("tc")):
                tcpr = tc.find(q("tcPr"))
                text = "\n".join("".join(t.text or "" for t in p.iter(q("t"))) for p in tc.findall(q("p"))).strip()
                text = text.replace("\u00a0", " ")
                span = 1
                if tcpr is not None:
                    grid = tcpr.find(q("gridSpan"))
                    span = int(grid.get(q("val"))) if grid is not None else 1
                    merge = tcpr.find(q("vMerge"))
                    if merge is not None and merge.get(q("val")) in (None, "continue"):
                        column = len(row)
                        text = above[column] if column < len(above) else ""
                        self.source.notes.append(Note("table", f"paragraph {self.count}",
                                                      f"a vertically merged cell repeats `{text}`"))
                row.append(text)
                row += [""] * (span - 1)
            rows.append(row)
            above = row
        if rows:
            self.source.paras.append(Para(text="", where=f"table at paragraph {self.count}", table=rows))


def apply_changes(source: Source, *, accept: bool) -> None:
    """Keep one side of every tracked change; each is listed in REVIEW-NOTES.md already."""
    verb = "accepted" if accept else "rejected"
    for para in source.paras:
        if para.rejected is not None:
            if not accept:
                para.text = para.rejected
            para.rejected = None
    for note in source.notes:
        if note.kind == "change":
            note.text += f" — {verb} by the import"
    source.changes = 0
