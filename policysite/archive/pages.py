"""The archive's pages, per language: the index, every version, every redline, and
what the current policy page adds (change notice, links to previous versions).

Pages are GeneratedPages under each language root; links between them are
relative, so the site works under any base URL. Banners are plain HTML in the
page's Markdown, so they print and read without JavaScript or colour.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..dates import long_date
from ..escape import markdown_inline
from .. import urls
from ..model import GeneratedPage, Language, Policy
from .diff import redline
from .stage import ArchiveView
from .store import PolicyVersion
from .words import words

TEMPLATE = None  # main.html: its site_meta prints `robots` from the page meta
INDEX_PATH = urls.archive_index_path("")
NOINDEX = "noindex"
RECENT_ON_CURRENT_PAGE = 5
_MD_LINK = re.compile(r"\[([^\]]+)\]\(\{(\w+)\}\)")


@dataclass(frozen=True)
class VersionPage:
    """One released version in one language, for pages other than the archive's (e.g. the web-view)."""

    version: int
    effective: dt.date
    updated: dt.date
    status: str  # "superseded", "current" or "upcoming"
    superseded: dt.date | None
    title: str
    summary: str
    markdown: str  # the frozen, fully resolved Markdown
    path: str  # the archived page under the language root: "archive/2024-11-18/"
    pdf: str = ""  # its PDF under the site root ("archive/2024-11-18/zh.pdf"), "" when it has none


def versions_for(policy: Policy, language: str) -> list[VersionPage]:
    """Every released version in ``language``, oldest first (empty before the first release)."""
    return version_pages(policy.versions, language)


def version_pages(versions: list[PolicyVersion], language: str, prefix: str = "") -> list[VersionPage]:
    """The released ``versions`` of the document at ``prefix`` ("" the policy) in ``language``, oldest first."""
    return [VersionPage(version=v.version, effective=v.effective, updated=v.updated, status=v.status,
                        superseded=v.superseded, title=v.texts[language].title, summary=v.summary(language),
                        markdown=v.texts[language].body, path=urls.version_path(prefix, v.slug),
                        pdf=urls.pdf(prefix, language, v.slug) if language in v.pdfs else "")
            for v in versions if language in v.texts]


# --- paths and words ------------------------------------------------------------------------

def site_path(language: Language, path: str) -> str:
    """A path under the site root: ``archive/`` for the default language, ``en/archive/`` otherwise."""
    return urls.root_of(language.code, language.default) + path


def relative(from_page: str, target: str) -> str:
    """A link from the page at site path ``from_page`` (a folder) to site path ``target``."""
    link = posixpath.relpath(target.strip("/") or ".", from_page.strip("/") or ".")
    if target == "" or target.endswith("/"):
        link = "./" if link == "." else f"{link}/"
    return link


def text_path(version: PolicyVersion, language: str) -> str:
    """Where a frozen file is served: the same path as in the repository, under the site root."""
    return urls.frozen_text("", language, version.slug)


def pdf_site_path(version: PolicyVersion, language: str, prefix: str = "") -> str:
    """Where a version's PDF is served: beside its frozen text, as in the repository (under the
    document's ``prefix`` for another document of the site)."""
    return urls.pdf(prefix, language, version.slug)


def current_text_path(language: str) -> str:
    return urls.current_text("", language)


def say(policy: Policy, language: str, key: str, **values: object) -> Markup:
    """One of the archive's sentences as HTML; values are escaped, `[text]({url})` becomes a link."""
    template = _MD_LINK.sub(r'<a href="{\2}">\1</a>', words(language, policy.data_dir)[key])
    return Markup(template).format(**values)


def _date(policy: Policy, language: str, day: dt.date) -> str:
    return long_date(day, policy.language(language).locale)


def _link(href: str, label: Markup | str) -> Markup:
    """``<a href>`` with both the address and the label escaped (a label that is Markup stays as is)."""
    return Markup('<a href="{}">{}</a>').format(href, label)


def _summary_html(summary: str) -> Markup:
    return Markup("<br>").join(escape(line) for line in summary.strip().splitlines())


def _box(kind: str, paragraphs: list[Markup], style: str = "") -> str:
    inner = "\n".join(f"<p>{p}</p>" for p in paragraphs if p)
    extra = f" {style}" if style else ""
    return f'<div class="policy-banner policy-banner--{kind}{extra}" role="note">\n{inner}\n</div>'


def _after_title(markdown: str, insert: str) -> str:
    """Put ``insert`` right under the page's `# Title` (or first when there is none)."""
    if markdown.startswith("# "):
        title, _, rest = markdown.partition("\n")
        return f"{title}\n\n{insert}\n\n{rest.lstrip(chr(10))}"
    return f"{insert}\n\n{markdown}"


# --- the pages ---------------------------------------------------------------------------------

def archive_pages(policy: Policy) -> list[GeneratedPage]:
    view: ArchiveView | None = policy.archive
    if view is None or not view.versions:
        return []
    pages = []
    for language in policy.languages:
        mine = [v for v in view.versions if language.code in v.texts]
        if not mine:
            continue
        pages.append(_index_page(policy, view, language, mine))
        for version in mine:
            pages.append(_version_page(policy, view, language, version))
            previous = view.predecessor(version, language.code)
            if previous is not None:
                pages.append(changes_page(policy, language, version, previous))
    return pages


def _meta(policy: Policy, version: PolicyVersion | None, kind: str, path: str, *, noindex: bool) -> dict[str, Any]:
    meta: dict[str, Any] = {"archive": {"kind": kind, "alternates": {
        language.code: site_path(language, path) for language in policy.languages
        if version is None or language.code in version.texts}}}
    if version is not None:
        meta["archive"]["version"] = version.version
        meta["archive"]["effective"] = version.effective.isoformat()
        meta["archive"]["updated"] = version.updated.isoformat()
    if noindex:
        meta["robots"] = NOINDEX
    return meta


def _status_label(policy: Policy, language: str, version: PolicyVersion) -> Markup:
    return say(policy, language, f"status_{version.status}")


def _period(policy: Policy, language: str, version: PolicyVersion) -> Markup:
    start = _date(policy, language, version.effective)
    if version.status == "upcoming":
        return say(policy, language, "takes_effect", date=start)
    if version.status == "superseded" and version.superseded is not None:
        end = _date(policy, language, version.superseded - dt.timedelta(days=1))
        return say(policy, language, "period_range", start=start, end=end)
    return say(policy, language, "period_from", start=start)


def _index_page(policy: Policy, view: ArchiveView, language: Language, versions: list[PolicyVersion]) -> GeneratedPage:
    """Newest first, one card per version: a list reads at 320 px where a four-column table squeezed."""
    code = language.code
    here = site_path(language, INDEX_PATH)
    title = say(policy, code, "index_title").unescape()
    items = index_rows(policy, language, versions, "", view.predecessor)
    intro = say(policy, code, "index_intro", manifest=relative(here, urls.manifest()))
    markdown = (f"# {markdown_inline(title)}\n\n<p>{intro} {feed_link(policy, language, '')}</p>\n\n"
                f'<ol class="archive-list" reversed>{items}</ol>\n')
    return GeneratedPage(language=code, path=INDEX_PATH, markdown=markdown, title=title, template=TEMPLATE,
                         meta=_meta(policy, None, "index", INDEX_PATH, noindex=False))


def index_rows(policy: Policy, language: Language, versions: list[PolicyVersion], prefix: str,
               predecessor: Callable[[PolicyVersion, str], PolicyVersion | None]) -> str:
    """The version history's cards, newest first, for the document at ``prefix`` ("" the policy): each
    version's period and summary, with its page, its redline (when it has a predecessor) and its frozen text."""
    code = language.code
    here = site_path(language, urls.archive_index_path(prefix))
    items = []
    for version in reversed(versions):
        page = site_path(language, urls.version_path(prefix, version.slug))
        links: list[Markup | str] = [_link(relative(here, page), say(policy, code, "read"))]
        if predecessor(version, code) is not None:
            links.append(_link(relative(here, page + urls.CHANGES), say(policy, code, "changes")))
        links.append(_link(relative(here, urls.frozen_text(prefix, code, version.slug)), say(policy, code, "text")))
        if code in version.pdfs:
            links.append(_pdf_link(policy, here, version, code, prefix))
        summary = _summary_html(version.summary(code)) or say(policy, code, "first_version")
        items.append(
            f'<li class="archive-row archive-row--{version.status}">'
            f'<h2 id="v{version.version}">{say(policy, code, "version_n", version=version.version)} '
            f'<span class="archive-status">· {_status_label(policy, code, version)}</span></h2>'
            f'<p>{say(policy, code, "col_period")}{say(policy, code, "colon")}{_period(policy, code, version)}</p>'
            f'<p>{say(policy, code, "col_summary")}{say(policy, code, "colon")}{summary}</p>'
            f'<ul class="archive-links">{"".join(f"<li>{link}</li>" for link in links)}</ul></li>')
    return "".join(items)


def feed_link(policy: Policy, language: Language, prefix: str) -> Markup:
    """The link to the document's Atom feed from its version history (the feed's only link, as for the policy)."""
    here = site_path(language, urls.archive_index_path(prefix))
    return _link(relative(here, urls.feed(prefix, language.code, policy.default_language.code)),
                 say(policy, language.code, "feed"))


def version_title(policy: Policy, language: str, version: PolicyVersion) -> str:
    """Plain text, like every GeneratedPage title (hooks/generated_pages.py escapes it for the page)."""
    return say(policy, language, "version_title", title=version.texts[language].title,
               date=_date(policy, language, version.effective)).unescape()


def _version_page(policy: Policy, view: ArchiveView, language: Language, version: PolicyVersion) -> GeneratedPage:
    code = language.code
    here = site_path(language, version.path)
    current = relative(here, site_path(language, ""))
    facts = {"version": version.version, "effective": _date(policy, code, version.effective)}
    if version.status == "superseded":
        assert version.superseded is not None  # a superseded version knows its successor's date
        lead = say(policy, code, "banner_superseded", superseded=_date(policy, code, version.superseded), current=current, **facts)
    elif version.status == "upcoming":
        lead = say(policy, code, "banner_upcoming", current=current, **facts)
    else:
        lead = say(policy, code, "banner_current", current=current, **facts)
    banner = version_banner(policy, language, version, "", lead, view.predecessor(version, code) is not None)
    markdown = _after_title(version.texts[code].body, banner)
    return GeneratedPage(language=code, path=version.path, markdown=markdown,
                         title=version_title(policy, code, version), template=TEMPLATE,
                         meta=_meta(policy, version, "version", version.path, noindex=True))


def version_banner(policy: Policy, language: Language, version: PolicyVersion, prefix: str, lead: Markup,
                   has_previous: bool) -> str:
    """The box atop an archived version's page of the document at ``prefix`` ("" the policy): ``lead`` (its
    status, said of that document), what changed, its redline and history, its frozen text's hash, its PDF."""
    code = language.code
    here = site_path(language, urls.version_path(prefix, version.slug))
    index = relative(here, site_path(language, urls.archive_index_path(prefix)))
    paragraphs = [lead]
    if version.summary(code):
        paragraphs.append(say(policy, code, "banner_summary", summary=_summary_html(version.summary(code))))
    if has_previous:
        paragraphs.append(say(policy, code, "banner_links", changes=urls.CHANGES, index=index))
    else:
        paragraphs.append(say(policy, code, "banner_index", index=index))
    # The frozen file is served beside the page: anyone can check it against the lock.
    paragraphs.append(say(policy, code, "banner_hash", name=f"{code}.md", sha256=version.hashes[code],
                          text=relative(here, urls.frozen_text(prefix, code, version.slug))))
    if code in version.pdfs:
        paragraphs.append(Markup(_pdf_link(policy, here, version, code, prefix)))
    return _box(version.status, paragraphs)


def changes_page(policy: Policy, language: Language, version: PolicyVersion, previous: PolicyVersion,
                 prefix: str = "") -> GeneratedPage:
    """The redline of ``version`` against ``previous``, for the document at ``prefix`` ("" the policy): the same
    page, words and diff for every document, at /<prefix>/archive/<date>/changes/."""
    code = language.code
    path = urls.redline_path(prefix, version.slug)
    here = site_path(language, path)
    new_page, old_page = urls.version_path(prefix, version.slug), urls.version_path(prefix, previous.slug)
    new, old = _date(policy, code, version.effective), _date(policy, code, previous.effective)
    marked = redline(previous.texts[code].body, version.texts[code].body, code)
    title = say(policy, code, "changes_title", title=version.texts[code].title, date=new).unescape()
    paragraphs = [say(policy, code, "changes_intro", version=version.version, previous=previous.version, new=new, old=old,
                      count=len(marked.changes)),
                  say(policy, code, "legend", new=new, old=old)]
    if version.summary(code):
        paragraphs.append(say(policy, code, "banner_summary", summary=_summary_html(version.summary(code))))
    paragraphs.append(Markup(" · ").join([
        Markup('<a href="{}">{}</a>').format(relative(here, site_path(language, new_page)),
                                             say(policy, code, "version_title", title=version.texts[code].title, date=new)),
        Markup('<a href="{}">{}</a>').format(relative(here, site_path(language, old_page)),
                                             say(policy, code, "version_title", title=previous.texts[code].title, date=old)),
    ]))
    markdown = f"# {markdown_inline(title)}\n\n{_box('changes', paragraphs)}\n\n{marked.markdown}"
    return GeneratedPage(language=code, path=path, markdown=markdown, title=title, template=TEMPLATE,
                         meta=_meta(policy, version, "changes", path, noindex=True))


# --- the current policy page ------------------------------------------------------------------

def current_page(policy: Policy, language: str, markdown: str) -> str:
    """The current policy page with the archive's notices: what changed lately, what is coming, past versions."""
    view: ArchiveView | None = policy.archive
    if view is None or not view.versions:
        return markdown
    markdown = with_notices(markdown, change_notices(policy, language, ""))
    return markdown.rstrip("\n") + "\n\n" + _history(policy, view, language) + "\n"


def change_notices(policy: Policy, language: str, page: str, *, webview: bool = False) -> str:
    """What changed lately and what is coming, as HTML boxes for the page at ``page`` (under the language root).

    One text for every page that shows the current policy — the full page and the
    mini program's web-view — with links computed from where it is shown. The
    web-view variant also carries the web-view's own `notice` style and sends
    "read the new version" to that version's web-view page. Empty when there is nothing to say.
    """
    view: ArchiveView | None = policy.archive
    if view is None or not view.versions:
        return ""
    code = language
    lang = policy.language(code)
    here = site_path(lang, page)
    style = "notice" if webview else ""
    notices = []
    current = view.current
    if (current is not None and current.summary(code)
            and view.today < current.effective + dt.timedelta(days=view.settings.notice_days)):
        changes = relative(here, site_path(lang, current.path + urls.CHANGES))
        # One paragraph per notice, links at its end: both notices fit in a third of the first phone screen.
        notices.append(_box("updated", [Markup(" ").join([
            say(policy, code, "notice_updated", version=current.version, effective=_date(policy, code, current.effective),
                summary=_summary_html(current.summary(code))),
            say(policy, code, "notice_changes", changes=changes)])], style))
    for upcoming in view.upcoming:
        if code not in upcoming.texts:
            continue
        read = relative(here, site_path(lang, upcoming.path + (urls.WEBVIEW if webview else "")))
        changes = relative(here, site_path(lang, upcoming.path + urls.CHANGES))
        notices.append(_box("upcoming", [Markup(" ").join([
            say(policy, code, "notice_upcoming", version=upcoming.version, effective=_date(policy, code, upcoming.effective),
                summary=_summary_html(upcoming.summary(code)) or say(policy, code, "first_version")),
            say(policy, code, "notice_links", read=read, changes=changes)])], style))
    return "\n\n".join(notices)


def with_notices(markdown: str, notices: str) -> str:
    """The page's Markdown with the notices right under its title."""
    return _after_title(markdown, notices) if notices else markdown


def _pdf_link(policy: Policy, here: str, version: PolicyVersion, code: str, prefix: str = "") -> str:
    """"Download PDF", with the file's type and size said, for the page at site path ``here`` (the PDF of the
    document at ``prefix``, "" the policy)."""
    size = f"{max(1, round(len(version.pdfs[code]) / 1024))} KB"
    return str(Markup('<a href="{}" type="application/pdf" download>{}</a> <small>(PDF, {})</small>').format(
        relative(here, urls.pdf(prefix, code, version.slug)), say(policy, code, "pdf"), size))


def _history(policy: Policy, view: ArchiveView, code: str) -> str:
    return history_block(policy, code, "", view.versions, view.current, view.matches_release(code))


def history_block(policy: Policy, code: str, prefix: str, versions: list[PolicyVersion],
                  current: PolicyVersion | None, shows_current: bool) -> str:
    """The "Version history" block at the end of the current page of the document at ``prefix`` ("" the
    policy): the version in force with its archived copy (and its PDF when the page shows exactly that
    version: ``shows_current``), the latest superseded versions, and the link to every version."""
    lang = policy.language(code)
    here = site_path(lang, urls.page_path(prefix))
    lines = [f'<p class="policy-history__title"><strong>{say(policy, code, "history_heading")}</strong></p>']
    if current is not None and code in current.texts:
        link = relative(here, site_path(lang, urls.version_path(prefix, current.slug)))
        lines.append(Markup('<p>{} <a href="{}">{}</a></p>').format(
            say(policy, code, "history_current", version=current.version,
                effective=_date(policy, code, current.effective)),
            link, say(policy, code, "archived_copy")))
        if shows_current and code in current.pdfs:
            lines.append(Markup("<p>{}</p>").format(Markup(_pdf_link(policy, here, current, code, prefix))))
    previous = [v for v in reversed(versions) if v.status == "superseded" and code in v.texts]
    links = [Markup('<a href="{}">{}</a>').format(
        relative(here, site_path(lang, urls.version_path(prefix, v.slug))),
        say(policy, code, "version_dated", version=v.version, date=_date(policy, code, v.effective)))
        for v in previous[:RECENT_ON_CURRENT_PAGE]]
    everything = Markup('<a href="{}">{}</a>').format(relative(here, site_path(lang, urls.archive_index_path(prefix))),
                                                      say(policy, code, "history_all"))
    if links:
        lines.append(Markup("<p>{}{}</p>").format(say(policy, code, "history_previous"),
                                                 Markup(say(policy, code, "separator")).join(links)))
    lines.append(Markup("<p>{}</p>").format(everything))
    return '<div class="policy-history">\n' + "\n".join(str(line) for line in lines) + "\n</div>"
