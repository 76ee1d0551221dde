"""The PDF of one released version in one language, and the checks it must pass.

Made once, by `make release` (or `make pdf` for a version released before PDFs
existed), committed beside the frozen text as archive/<effective>/<lang>.pdf and
vouched for by archive/archive.lock.json; builds only copy it. So its bytes, and
the SHA-256 in /policy.json, never change once released.

WeasyPrint renders it: pure Python over Pango (one Debian package, present on most
desktops and CI images), CSS paged media with running headers and page numbers,
subset TrueType fonts, tagged PDF (PDF/UA-1), and the same output for the same
input. Chromium's printer would make `make build` depend on a browser, and fpdf2
would need its own layout of tables and CJK line breaking.

Every PDF is checked before it is kept: its text, read back with pdfminer.six,
equals the released text (whitespace aside), and every character drawn is in the
cmap of the embedded font that draws it — a missing CJK glyph would otherwise
print as a blank box whose text still reads back correctly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
from markupsafe import escape

from ..dates import long_date
from ..words import words as catalogue_words
from .frozen import FrozenText

# The Markdown extensions MkDocs renders the archived page with (mkdocs.yml), so the PDF reads the same.
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]
PAGE_MARGIN_MM = {"top": 22, "bottom": 22, "left": 20, "right": 20}
A4_MM = (210, 297)
MM = 72 / 25.4
# Latin faces first for Latin text (curly quotes stay proportional), then a CJK face; both must be installed.
FONTS = {
    "zh": '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Liberation Sans", sans-serif',
    "en": '"Liberation Sans", "DejaVu Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif',
}
INSTALL_FONTS = ("install a font that covers them: `sudo apt-get install fonts-wqy-microhei fonts-liberation` "
                 "(Debian/Ubuntu) or Noto Sans CJK SC elsewhere, then run the command again")
INSTALL_PANGO = ("WeasyPrint needs the Pango library to make the PDF: run `sudo apt-get install libpango-1.0-0 "
                 "libpangoft2-1.0-0` (Debian/Ubuntu) or `brew install pango` (macOS), then run the command again")


class PdfUnavailable(RuntimeError):
    """The PDF cannot be made on this machine; the message is one line saying what to install."""


@dataclass(frozen=True)
class PdfFacts:
    """What the running header and footer say: whose policy, which version, where it lives."""

    company: str
    address: str  # the archived version's page, absolute when the site's URL is known
    hreflang: str  # the language tag of the document (`zh-CN`)
    locale: str  # for the effective date's long form
    words_dir: Path | None = None  # the project's data folder, for a language whose words it supplies (data/words/)


def body_html(text: FrozenText) -> str:
    """The released Markdown as HTML, as the archived page shows it."""
    html: str = markdown.markdown(text.body, extensions=EXTENSIONS, output_format="html")
    return html


def _words(language: str, data_dir: Path | None) -> dict[str, str]:
    # The running header's words (policysite/words/<code>.yml, group `pdf`); a release judges the catalogue first.
    return catalogue_words(language, "pdf", data_dir)


def _css_string(value: str) -> str:
    """A CSS string literal: quotes and backslashes escaped, no line breaks."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def document_html(text: FrozenText, facts: PdfFacts) -> str:
    say = _words(text.language, facts.words_dir)
    version = say["version"].format(version=text.version)
    effective = say["effective"].format(date=long_date(text.effective, facts.locale))
    page = say["page"].replace("{page}", '" counter(page) "').replace("{pages}", '" counter(pages) "')
    margins = PAGE_MARGIN_MM
    css = f"""
@page {{
  size: A4; margin: {margins['top']}mm {margins['right']}mm {margins['bottom']}mm {margins['left']}mm;
  @top-left {{ content: {_css_string(facts.company)}; font-size: 8pt; color: #444; }}
  @top-right {{ content: {_css_string(f"{text.title} · {version} · {effective}")}; font-size: 8pt; color: #444; }}
  @bottom-left {{ content: {_css_string(facts.address)}; font-size: 8pt; color: #444; }}
  @bottom-right {{ content: "{page}"; font-size: 8pt; color: #444; }}
}}
html {{ font-family: {FONTS.get(text.language, FONTS['en'])}; font-size: 10.5pt; line-height: 1.6; color: #000;
        font-variant-ligatures: none; }}
h1 {{ font-size: 17pt; line-height: 1.3; margin: 0 0 .8em; }}
h2 {{ font-size: 13pt; margin: 1.4em 0 .5em; }}
h3, h4 {{ font-size: 11pt; margin: 1.2em 0 .4em; }}
h1, h2, h3, h4 {{ break-after: avoid; }}
p, li {{ orphans: 2; widows: 2; }}
ul, ol {{ list-style: none; padding-left: 1.5em; }}
li::before {{ display: inline-block; width: 1.5em; margin-left: -1.5em; }}
ul > li::before {{ content: "•"; }}
ol > li::before {{ content: counter(list-item) "."; }}
a {{ color: inherit; text-decoration: none; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; line-height: 1.45; margin: .6em 0 1em; }}
th, td {{ border: .5pt solid #888; padding: 3pt 4pt; text-align: left; vertical-align: top; }}
th {{ background: #eee; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
"""
    title = f"{text.title} · {version}"
    return (f'<!doctype html><html lang="{escape(facts.hreflang)}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title>"
            f'<meta name="author" content="{escape(facts.company)}">'
            f'<meta name="dcterms.created" content="{text.effective.isoformat()}">'
            f'<meta name="dcterms.modified" content="{text.updated.isoformat()}">'
            f"<style>{css}</style></head><body>{body_html(text)}</body></html>")


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # The released text links only to its own anchors and the company's addresses; nothing is ever loaded.
    raise ValueError(f"the PDF loads nothing from outside: {url}")


def _weasyprint() -> Any:
    try:
        import weasyprint
    except OSError as error:  # WeasyPrint is installed but cannot load Pango through cffi
        raise PdfUnavailable(f"{INSTALL_PANGO} ({error})") from None
    except ImportError:
        raise PdfUnavailable("WeasyPrint is not installed in this environment — run `make build` once "
                             "(it installs requirements.txt), then run the command again") from None
    return weasyprint


def render(text: FrozenText, facts: PdfFacts) -> bytes:
    """The PDF's bytes: the same for the same text, facts and fonts. Raises PdfUnavailable."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=document_html(text, facts), url_fetcher=_refuse_fetch)
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return pdf


def make(text: FrozenText, facts: PdfFacts) -> bytes:
    """Render and check; PdfUnavailable (one line) when the PDF would not say exactly the released text."""
    cached = _cached(text, facts)
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    pdf = render(text, facts)
    problems = check(pdf, text)
    if problems:
        raise PdfUnavailable(f"the PDF of version {text.version} in `{text.language}` would be wrong: "
                             + "; ".join(problems))
    if cached is not None:
        _keep(cached, pdf)
    return pdf


# The test suite releases the same versions of its fixtures again and again; rendering and checking one
# takes seconds. With this variable naming a folder, a PDF that passed its checks is kept there under the
# SHA-256 of everything it is made from, and the same input later gets the same (already checked) bytes,
# which rendering again would also give. Unset (as for every real release), each PDF is rendered afresh.
CACHE_VARIABLE = "POLICYSITE_PDF_CACHE"


def _cached(text: FrozenText, facts: PdfFacts) -> Path | None:
    folder = os.environ.get(CACHE_VARIABLE)
    if not folder:
        return None
    source = "\0".join((document_html(text, facts), text.language, str(text.version)))
    return Path(folder) / f"{hashlib.sha256(source.encode('utf-8')).hexdigest()}.pdf"


def _keep(path: Path, pdf: bytes) -> None:
    """Written whole or not at all: another process of the suite may read the same name meanwhile."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_bytes(pdf)
        os.replace(partial, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


# --- checks ------------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
BULLET = "•"


def _headers(text: FrozenText) -> list[str]:
    """Each table's header row as read back: printed again at the top of every page the table runs onto."""
    import lxml.html

    root = lxml.html.fragment_fromstring(body_html(text), create_parent="div")
    return [_SPACE.sub("", head.text_content()) for head in root.iter("thead")]


def expected_text(text: FrozenText) -> str:
    """What a reader sees of the released text, in reading order, with list markers as printed."""
    import lxml.html

    root = lxml.html.fragment_fromstring(body_html(text), create_parent="div")
    for ordered in root.iter("ol"):
        start = int(ordered.get("start", "1"))
        for number, item in enumerate((li for li in ordered if li.tag == "li"), start):
            item.text = f"{number}." + (item.text or "")
    # Markers are printed in the flow (document_html), so they read back where their item is.
    for unordered in root.iter("ul"):
        for item in unordered:
            if item.tag == "li":
                item.text = BULLET + (item.text or "")
    return _SPACE.sub("", root.text_content())


def pdf_text(pdf: bytes) -> str:
    """The text drawn inside the page's content area, in drawing order (running header and footer left out)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    top = (A4_MM[1] - PAGE_MARGIN_MM["top"]) * MM
    bottom = PAGE_MARGIN_MM["bottom"] * MM
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)  # no layout analysis: characters in the order drawn
    interpreter = PDFPageInterpreter(manager, device)
    characters = []
    for page in PDFPage.get_pages(io.BytesIO(pdf)):
        interpreter.process_page(page)
        for item in device.get_result():
            if isinstance(item, LTChar) and bottom <= (item.y0 + item.y1) / 2 <= top:
                characters.append(item.get_text())
    return _SPACE.sub("", "".join(characters))


def _to_unicode(stream: bytes) -> dict[int, str]:
    """A font's ToUnicode CMap: glyph id → the characters it stands for (bfchar and bfrange entries)."""
    mapping: dict[int, str] = {}
    text = stream.decode("latin-1")

    def chars(hexa: str) -> str:
        return bytes.fromhex(hexa).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for glyph, target in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[int(glyph, 16)] = chars(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for first, last, target in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            base = int(target, 16)
            for offset, glyph in enumerate(range(int(first, 16), int(last, 16) + 1)):
                mapping[glyph] = chr(base + offset)
    return mapping


def font_problems(pdf: bytes) -> list[str]:
    """Every font embedded and subset; every character a font stands for is in that font's own cmap."""
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    problems: list[str] = []
    seen: set[Any] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            ref = getattr(font, "idnum", None)
            if ref in seen:
                continue
            seen.add(ref)
            font = font.get_object()
            name = str(font.get("/BaseFont", "?"))
            if not re.match(r"^/[A-Z]{6}\+", name):
                problems.append(f"the font {name} is not a subset")
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = next((descriptor[key] for key in ("/FontFile2", "/FontFile3", "/FontFile") if key in descriptor),
                            None)
            if embedded is None:
                problems.append(f"the font {name} is not embedded")
                continue
            if "/ToUnicode" not in font:
                problems.append(f"the font {name} has no ToUnicode map, so its text cannot be copied or searched")
                continue
            cmap = TTFont(io.BytesIO(embedded.get_object().get_data()), lazy=True).getBestCmap() or {}
            covered = set(cmap)
            drawn = _to_unicode(font["/ToUnicode"].get_object().get_data())
            missing = sorted({c for glyph, s in drawn.items() for c in s
                              if not c.isspace() and (glyph == 0 or ord(c) not in covered)})
            if missing:
                problems.append(f"the font {name[8:]} has no glyph for {''.join(missing)!r} "
                                f"({', '.join(f'U+{ord(c):04X}' for c in missing[:8])}) — {INSTALL_FONTS}")
    return problems


def check(pdf: bytes, text: FrozenText) -> list[str]:
    """Problems with a version's PDF, as sentences; empty when it says exactly the released text."""
    from pypdf import PdfReader

    problems = font_problems(pdf)
    expected, actual = expected_text(text), pdf_text(pdf)
    for header in _headers(text):
        if header and actual.count(header) < expected.count(header):
            problems.append(f"a table's header row {header[:30]!r} is missing")
        expected, actual = expected.replace(header, ""), actual.replace(header, "")
    if expected != actual:
        at = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b), min(len(expected), len(actual)))
        problems.append(f"its text differs from the released text from character {at} on: the text says "
                        f"{expected[at:at + 30]!r}, the PDF {actual[at:at + 30]!r}")
    catalog: Any = PdfReader(io.BytesIO(pdf)).trailer["/Root"]  # a DictionaryObject (pypdf types it as any object)
    if "/StructTreeRoot" not in catalog or not catalog.get("/MarkInfo", {}).get("/Marked"):
        problems.append("it is not tagged for assistive technology (no structure tree)")
    return problems


def pdf_path(effective: dt.date, language: str) -> str:
    """Where a version's PDF sits under archive/ and under the site root's archive/."""
    return f"{effective.isoformat()}/{language}.pdf"
