"""Finding ids made outside rules/: while loading, by later stages of judge(), and on the built site.

They are registered so that `python -m policysite rules` lists every id a
build can print and waivers know them. None of them can be waived, for the
reason each entry gives:

- Loading (data.*, section.*, page.missing, placeholder.syntax/unknown/render,
  date.updated-unset): while one stands the policy cannot be assembled, so
  there is no page a waiver could let through — only a fix makes it publishable.
  Waivers live in data/ and are not even read when data/ does not load.
- Data the site serves as is (wechat.*) and the site's own configuration
  (site.*): the fix is one value next to the waiver file, and the check is
  a fact (WeChat compares bytes; a page built but never judged), not a
  judgement a person could overrule.
- The archive (archive.*) is the record of what was published when; an
  accepted exception would make every archived version untrustworthy.
- Waiver problems (waiver.*): a waiver cannot accept a problem with waivers,
  or a stale waiver could keep itself alive.

Only the rules in the other modules of this package judge the text; their
findings are the ones a reviewer may accept with a reason and an owner.
"""

from __future__ import annotations

from ..findings import Severity
from .registry import checked_elsewhere

_LOADING = ("it stops the policy from being assembled, so there is no page a waiver could let through; "
            "fix it (waivers are not even read while data/ does not load)")
_DATA = "the check is a fact about a value in data/, next to the waiver file: correct the value instead"
_SITE = "the site must build exactly what was judged and load nothing from other hosts: change the configuration"
_ARCHIVE = ("the archive is the record of what was published when; an accepted exception would make every "
            "archived version untrustworthy: restore the archive or release properly")
_WAIVER = "a waiver cannot accept a problem with waivers: correct or delete the waiver itself"

_ENTRIES: list[tuple[str, str, str, str]] = [
    # id, where it is made, what it catches (first line) and why, why it cannot be waived
    ("data.yaml", "policysite/yamlfile.py", """A data file that is not valid YAML.

    Nothing in the file can be read, so every fact it holds is missing from the policy.""", _LOADING),
    ("data.encoding", "policysite/yamlfile.py", """A data file that is not UTF-8 text.

    Names and addresses would be read as garbage, or not at all.""", _LOADING),
    ("data.missing", "policysite/data.py", """The data folder, or a required data file (company, contact, policy), is missing.

    The policy's facts come from data/; without them nothing can be filled in.""", _LOADING),
    ("data.schema", "policysite/data.py, policysite/wechat.py", """A data value of the wrong kind, a missing required key or an unknown key (with did-you-mean).

    A misspelt key is a fact silently not published; a wrong kind fills a placeholder with nonsense.""",
     _LOADING),
    ("data.alias", "policysite/yamlfile.py", """A data file that uses a YAML anchor (`&`), alias (`*`) or merge key (`<<`).

    Data needs none; an alias repeats values unseen, and a few hundred bytes of nested aliases expand to gigabytes (a "billion laughs" that hangs the build). Refused where it is met, before anything is expanded.""",
     _LOADING),
    ("data.tag", "policysite/yamlfile.py", """A data file that gives a value an explicit YAML tag (`!!binary`, `!!python/object`…).

    Data is plain text, numbers and dates; a tag makes a value of another kind than the one the editor sees.""",
     _LOADING),
    ("data.depth", "policysite/yamlfile.py", """A data file nested deeper than data ever goes.

    Data files hold flat facts; thousands of levels would exhaust the reader instead of giving an answer.""",
     _LOADING),
    ("data.duplicate-key", "policysite/yamlfile.py", """A key given twice in one mapping of a data file (both lines named).

    YAML silently keeps the last one, so the fact a reviewer reads first is not the one published.""",
     _LOADING),
    ("data.too-large", "policysite/yamlfile.py", """A data file larger than any set of facts (1 MB).

    It is a mistake or an attack; reading it would only slow every build down.""", _LOADING),
    ("data.unreadable", "policysite/yamlfile.py", """A data file that cannot be opened or read (permissions, a broken link).

    Its facts would be missing from the policy.""", _LOADING),
    ("data.not-a-file", "policysite/yamlfile.py, policysite/data.py", """A folder, pipe or device where a data file (or the data folder) belongs.

    It cannot be read as data; a pipe would block the build forever.""", _LOADING),
    ("data.file-name", "policysite/data.py", """Two data files for one name (`contact.yml` and `contact.yaml`).

    One would silently win, so edits to the other would never be published.""", _LOADING),
    ("data.outside", "policysite/data.py", """A data file or the data folder is a link to something outside the project.

    The published facts would come from a file nobody reviews with the project (or any file on the machine).""",
     _LOADING),
    ("data.email", "policysite/data.py", """An e-mail address in data that is not a plain address at a host name.

    Readers' requests would go nowhere, and quotes or brackets in it would break the mail link.""", _DATA),
    ("data.host", "policysite/data.py", """A domain in data that is not a host name (a scheme, a path, a capital, a bad label).

    The contact rules check every address against these domains; a malformed one checks nothing.""", _DATA),
    ("data.url", "policysite/data.py", """A web address in data that is not a host name or an absolute http(s) URL on one (`javascript:`, `data:`, a user or port).

    It is printed into the policy and linked; any other scheme could run code or send readers elsewhere.""", _DATA),
    ("data.language-tag", "policysite/data.py", """An `hreflang` that is not a BCP 47 tag of a known language, script and region, or names another language than its `code`.

    It is printed into every page's head; search engines and browsers would send readers to the wrong language (and a quote in it would break the page).""",
     _DATA),
    ("data.markdown", "policysite/data.py", """A printed data value holding Markdown structure: a heading, list or quote marker at its start, a link, image or footnote, or braces.

    The value lands in the Markdown of the page: it could add a heading with another section's anchor, a `javascript:` link or attributes.""",
     _DATA),
    ("data.control-character", "policysite/data.py, policysite/yamlfile.py", """A printed data value holding a line break or an invisible control character (a bidi override, a NUL).

    A line break ends the sentence and starts Markdown structure; invisible characters make the page say something other than what was approved.""",
     _DATA),
    ("section.missing", "policysite/load.py", """A section declared in data/policy.yml has no text in one language.

    That language's readers would not get the disclosure at all.""", _LOADING),
    ("section.encoding", "policysite/load.py", """A section file that is not UTF-8 text.

    It cannot be read, so the section cannot be published.""", _LOADING),
    ("section.heading", "policysite/load.py", """A section that does not start with its `# Title`, an introduction with one, or a second `#` heading.

    The numbered headings and the table of contents are built from these titles.""", _LOADING),
    ("section.undeclared", "policysite/load.py", """A section file that data/policy.yml does not list.

    It would silently not be published, although an editor believes it is.""", _LOADING),
    ("section.outside", "policysite/load.py", """A section file, or any file or folder under docs/, is a link to something outside the project.

    MkDocs follows links: whatever it points at (another policy, a system file) would be published.""", _LOADING),
    ("section.not-a-file", "policysite/load.py", """A folder, pipe or device where a section file belongs.

    It cannot be read as the section's text; a pipe would block the build forever.""", _LOADING),
    ("section.unreadable", "policysite/load.py", """A section file that cannot be read (permissions, a broken link).

    The section could not be published.""", _LOADING),
    ("section.too-large", "policysite/load.py (policysite/textfile.py)", """A section file larger than any section of a policy (2 MB).

    Reading it whole would stall the build; it is a pasted export or a file that does not belong in docs/.""",
     _LOADING),
    ("page.missing", "policysite/load.py", """The page file of a language (docs/<lang>/index.md) is missing.

    The build fills that page from the sections; without it the language has no page.""", _LOADING),
    ("placeholder.syntax", "policysite/placeholders.py", """A placeholder that cannot be read (unclosed braces, a stray `{%`).

    The page could not be filled in; the reader would see template code.""", _LOADING),
    ("placeholder.unknown", "policysite/placeholders.py", """A placeholder naming a key data does not define (with did-you-mean).

    A misspelt placeholder would leave a fact (name, address, deadline) out of the text.""", _LOADING),
    ("placeholder.render", "policysite/placeholders.py", """A placeholder that names known data but still cannot be filled (an unknown filter, an index out of range).

    The page could not be filled in; the reader would see template code.""", _LOADING),
    ("placeholder.expression", "policysite/placeholders.py", """A placeholder that is more than a reference to one fact: arithmetic, a call, a filter, a literal, a `{% %}` statement.

    A placeholder prints a fact from data and nothing else; `{{ 9**9**9 }}` or `{{ 'a'*50000000 }}` would run at build time.""",
     _LOADING),
    ("placeholder.not-scalar", "policysite/placeholders.py", """A placeholder that names a group or list of values (`{{ contact }}`) or an empty value.

    It would print Python's notation of a dictionary, or the word None, into the policy.""", _LOADING),
    ("placeholder.too-large", "policysite/placeholders.py", """A section that, filled in, would be longer than any section can be (1,000,000 characters).

    A long value printed many times would publish a site of hundreds of megabytes.""", _LOADING),
    ("date.updated-unset", "policysite/load.py", """The “last updated” date is neither in data/policy.yml nor available from git.

    PIPL readers are told when the policy last changed; the page cannot be printed without it.""", _LOADING),
    ("wechat.verification-name", "policysite/wechat.py", """data/wechat.yml names a file that is not a WeChat verification file.

    WeChat only accepts the file it issued, under its own name, at the site's root.""", _DATA),
    ("wechat.verification-content", "policysite/wechat.py", """data/wechat.yml gives a verification file content other than the code WeChat issued.

    WeChat compares the file byte for byte; anything else fails the web-view's domain check.""", _DATA),
    ("wechat.privacy-key-unknown", "policysite/wechat_privacy.py", """An inventory row declares a `privacy_keys` entry that is not a key WeChat accepts.

    WeChat matches keys as written; an unknown or misspelt key leaves the API it stands for undeclared and disabled.""", _DATA),
    ("wechat.privacy-purpose-missing", "policysite/wechat_privacy.py", """An inventory row declares a WeChat privacy key but gives no purpose.

    WeChat shows every declared key with its purpose (为了…); a key without one cannot be declared.""", _DATA),
    ("wechat.privacy-purpose-unstated", "policysite/wechat_privacy.py", """A purpose declared to WeChat does not appear word for word in the published policy.

    The mini program would tell users a purpose the policy does not state, and WeChat's review compares the two.""", _DATA),
    ("site.document-entry", "policysite/documents.py", """data/site.yml is not a list of documents, or an entry lacks its id or kind, or has unknown keys.

    The site publishes exactly the documents listed; an entry that cannot be read cannot be published or judged.""", _SITE),
    ("site.document-kind", "policysite/documents.py", """A document in data/site.yml has a kind the generator does not know.

    The kind decides the text, the rules and the addresses; an unknown one would publish an unjudged page.""", _SITE),
    ("site.document-duplicate", "policysite/documents.py", """Two documents in data/site.yml share an id or a prefix.

    One would overwrite the other's pages or archive.""", _SITE),
    ("site.document-prefix", "policysite/documents.py", """A document's prefix is not a usable folder (the policy given one, another document none, a reserved or non-ASCII folder).

    The policy's addresses are pinned at the root; a non-ASCII address shows a white screen in WeChat on iOS.""", _SITE),
    ("site.document-title", "policysite/documents.py", """A document has no title in one of the site's languages.

    A language without words is a finding, never a silent fallback to another language.""", _SITE),
    ("site.document-files-published", "policysite/site_config.py", """mkdocs.yml's `exclude_docs` would publish the section files of children's rules or terms as pages of their own.

    Each file would be a stray page, unjudged as a page and outside the document it belongs to.""", _SITE),
    ("site.document-policy", "policysite/documents.py", """data/site.yml does not list the privacy policy exactly once, under data/policy.yml's id.

    The privacy policy is the one document at the pinned addresses; the site cannot publish without it.""", _SITE),
    ("site.languages", "policysite/site_config.py", """mkdocs.yml builds other languages than data/policy.yml declares.

    A declared language not built goes unpublished; one built but not declared was never judged.""", _SITE),
    ("site.words-missing", "policysite/words/__init__.py", """A language the site is published in has no catalogue of interface words (policysite/words/ or data/words/).

    Its labels, notices, banners and 404 page would otherwise be printed in another language.""", _SITE),
    ("site.words-incomplete", "policysite/words/__init__.py", """A catalogue of interface words lacks a key the English one has, or a text changes its {placeholders}.

    The build would have no words for that place, or fail to fill a date or a link into the sentence.""", _SITE),
    ("site.external-load", "policysite/external_hosts.py (hooks/site_guard.py, on the built site)", """A built page makes the browser contact another host by itself (script, style, font, image, frame, `<base>`, refresh, ping, form) or opens a `data:`/`javascript:` document.

    A privacy page must not send its readers' requests to third parties (and Google's hosts are unreachable in mainland China).""",
     _SITE),
    ("site.inline-script", "policysite/external_hosts.py (hooks/site_guard.py, on the built site)", """A built page holds an inline script, an `on…=` event handler or a `javascript:` URL.

    Every page's Content-Security-Policy refuses script that is not a file of this site, so it would fail in the reader's browser — or it is an attack.""",
     _SITE),
    ("site.insecure-url", "policysite/external_hosts.py (hooks/site_guard.py, on the built site)", """A link on a built page is not https.

    WeChat's web-view refuses plain http links; browsers flag them.""", _SITE),
    ("site.non-ascii-url", "policysite/external_hosts.py (hooks/site_guard.py, on the built site)", """A link on a built page has characters outside ASCII.

    WeChat's web-view on iOS shows a white screen for such links.""", _SITE),
    ("archive.settings", "policysite/archive/settings.py", """data/archive.yml holds a value of the wrong kind or an unknown key.

    The archive pages and change notices are built from these settings.""", _ARCHIVE),
    ("archive.clock", "policysite/archive/stage.py", """Today's date is unknown (POLICYSITE_TODAY or the archive's time zone is unusable).

    Which version is in force, and which is scheduled, depends on today's date.""", _ARCHIVE),
    ("archive.version", "policysite/archive/stage.py", """`version:` in data/policy.yml does not match the archive's last released version.

    Only a release advances the version, so that every published version is archived.""", _ARCHIVE),
    ("archive.effective", "policysite/archive/stage.py", """`effective:` in data/policy.yml does not match the last released version.

    A new effective date is a new version, and needs a release.""", _ARCHIVE),
    ("archive.updated", "policysite/archive/stage.py", """The “last updated” date does not match the last released version.

    The page prints one date beside one version number; a new date needs a new release.""", _ARCHIVE),
    ("archive.lock", "policysite/archive/store.py", """The archive lock is damaged, belongs to another policy, or lists versions out of order or in undeclared languages.

    The lock vouches for every archived file; without it no version can be trusted.""", _ARCHIVE),
    ("archive.missing", "policysite/archive/store.py, policysite/archive/history.py", """A released version's frozen file (or lock entry) is missing, from the lock or from what history recorded.

    The text readers agreed to under that version could no longer be shown.""", _ARCHIVE),
    ("archive.modified", "policysite/archive/store.py", """A frozen file changed after its release (its SHA-256 differs from the lock).

    A released version must never change: it is the text readers agreed to.""", _ARCHIVE),
    ("archive.pdf-missing", "policysite/archive/store.py", """A released version has no PDF in archive/ or in a document's archive/<id>/ (or its lock lists none).

    PIPL Art. 17 asks that the rules be easy to consult and to keep: every version is
    offered as a PDF, made once by `make release` or `make pdf` and never changed.""", _ARCHIVE),
    ("archive.format", "policysite/archive/store.py", """A frozen file cannot be read, or its front matter or folder disagrees with the lock.

    The archive would show a version under the wrong number or date.""", _ARCHIVE),
    ("archive.unexpected", "policysite/archive/store.py", """A file in archive/ that no release made.

    It would be published as an archived version although no release vouches for it.""", _ARCHIVE),
    ("archive.unreleased", "policysite/archive/stage.py, policysite/document_releases.py (make publish)", """The text in docs/ and data/ is not a released version, when publishing.

    A published site must not show unreleased edits under the last version's number: the policy's,
    nor those of a list, children's rules or terms that have released versions (archive/<id>/).""", _ARCHIVE),
    ("archive.rewritten", "policysite/archive/history.py", """An archived text or lock entry differs from the one git history recorded at its release.

    Recomputing the lock's hash makes a forged version pass the lock; history is the record outside the folder.""",
     _ARCHIVE),
    ("archive.released", "policysite/archive/history.py", """A lock's `released` date differs from the one committed, or is later than the commit that recorded it.

    The day a version was released is part of its record, shown in the feed and the manifest.""", _ARCHIVE),
    ("archive.uncommitted", "policysite/archive/history.py (make publish)", """A released version that is not committed yet, when publishing.

    What history does not hold cannot be anchored: a later edit to it could not be detected.""", _ARCHIVE),
    ("archive.live", "policysite/archive/live.py (make publish AGAINST=…)", """A version published on the live site is missing here or has a different text.

    Publishing would silently drop or rewrite a version readers were shown.""", _ARCHIVE),
    ("archive.live-read", "policysite/archive/live.py (make publish AGAINST=…)", """The live site's policy.json could not be read for the comparison.

    A comparison that was asked for and could not be made must not pass silently.""", _ARCHIVE),
    ("waiver.unknown-rule", "policysite/waivers.py", """A waiver names a rule id that does not exist (with did-you-mean).

    It would accept nothing while its author believes a finding is accepted.""", _WAIVER),
    ("waiver.not-waivable", "policysite/waivers.py", """A waiver names a finding id that cannot be waived (loading, data, site, archive, waiver problems).

    Those findings are facts to fix, not judgements to accept; `python -m policysite rules` says which ids can be waived.""",
     _WAIVER),
    ("waiver.ambiguous", "policysite/waivers.py", """A waiver matches findings on more than one line.

    A waiver accepts one specific finding, so that it cannot also hide a new one.""", _WAIVER),
    ("waiver.path", "policysite/waivers.py", """A waiver names a path that is not a file of this project (absolute, or leading out with `..`).

    Findings only ever name project files, so such a waiver could never accept one; it was mistyped.""", _WAIVER),
    ("waiver.unmatched", "policysite/waivers.py", """A waiver matches no finding.

    The problem it accepted is gone; left in place, it could later hide a new one.""", _WAIVER),
]

for _id, _where, _doc, _why in _ENTRIES:
    checked_elsewhere(_id, _where, _doc, not_waivable=_why)

# The build itself (policysite/publish.py) and MkDocs' own warnings. Not waivable: they are about
# where and whether the site is written, or a link that leads nowhere — facts, not judgements.
_BUILD = "the build must write only a folder it made, one build at a time: follow the fix in the message"
_BUILD_ENTRIES: list[tuple[str, str, str, Severity]] = [
    ("site.folder", "policysite/publish.py", """--site-dir names a folder the build must not replace (the project, docs/, a link, a file, a folder it did not make).

    A build swaps the whole folder: pointed at /etc or the project, it would destroy it.""", Severity.ERROR),
    ("site.build-lock", "policysite/publish.py", """Another build of the same project is running (or the lock cannot be taken).

    Two builds replacing the same site folder at once would race; the second is refused.""", Severity.ERROR),
    ("site.interrupted", "policysite/publish.py", """The build was stopped by SIGINT or SIGTERM.

    MkDocs is stopped and the temporary folder removed; the site folder is left as it was.""", Severity.ERROR),
    ("section.link-target", "policysite/mkdocs_messages.py (hooks/mkdocs_warnings.py)", """A link in a section leads to no page of the site (MkDocs' broken-link warning).

    The reader would follow it to a 404; named at the section file and line that holds the link.""",
     Severity.WARNING),
    ("site.mkdocs-warning", "policysite/mkdocs_messages.py (hooks/mkdocs_warnings.py)", """Any other warning MkDocs prints.

    A strict build publishes nothing while MkDocs warns, so each warning is shown as a finding.""", Severity.WARNING),
    ("internal.error", "policysite/internal_errors.py (policysite/cli.py, policysite/publish.py)", """The generator itself crashed (a bug, not a problem in the policy).

    Printed as one line naming the code that failed instead of a traceback; POLICYSITE_DEBUG=1 shows the traceback.""",
     Severity.ERROR),
]

for _id, _where, _doc, _severity in _BUILD_ENTRIES:
    checked_elsewhere(_id, _where, _doc, not_waivable=_BUILD, severity=_severity)

# A warning: `make build` and `make check` go on (a copy without .git can still be previewed); `make publish` refuses.
checked_elsewhere("archive.history", "policysite/archive/history.py", """The archive's git history could not be read (no git, not a checkout, a shallow clone).

    Without history nothing shows that archive/ still holds every released version as it was committed.""",
                  not_waivable=_ARCHIVE, severity=Severity.WARNING)


# A notice: the flagship's lists are published before their first release, and its deploy must go on.
checked_elsewhere("document.never-released", "policysite/document_releases.py", """A document of data/site.yml other than the policy (a list, children's rules, terms) has no released version yet.

    It is published as docs/ and data/ give it, its pages saying no version is in force; the notice is
    repeated on every build and `make check` until `make release DOC=<id>` freezes its first version, after
    which `make publish` holds it to the released text (`archive.unreleased`). It never refuses a build.""",
                  not_waivable=_ARCHIVE, severity=Severity.NOTICE)


# The lists published beside the policy (policysite/lists/): facts in data/, fixed where they are kept.
_LIST = "the list prints data/ as it is: correct the value in the data file, next to the waiver file"
_LIST_ENTRIES: list[tuple[str, str, str, Severity]] = [
    ("list.missing", "policysite/lists/collection.py, policysite/lists/third_parties.py", """The site publishes a list whose data file (data/inventory.yml, data/third_parties.yml) is missing.

    A list page with no rows would tell users nothing is collected or shared.""", Severity.ERROR),
    ("list.schema", "policysite/lists/third_parties.py", """data/third_parties.yml has an unknown key (with did-you-mean), a value of the wrong kind, or text missing in a language.

    A misspelt key is a fact silently left out of the list.""", Severity.ERROR),
    ("list.missing-recipient", "policysite/lists/third_parties.py", """A row of the third-party list names no recipient (nor category of recipients).

    PIPL Art. 23 and MIIT's app rules: the list exists to say who receives the information.""", Severity.ERROR),
    ("list.text", "policysite/lists/third_parties.py", """A value of the third-party list holds Markdown, a link or invisible control characters.

    The list builds the table and its links itself; a value can only ever print as itself.""", Severity.ERROR),
    ("list.link", "policysite/lists/third_parties.py", """A recipient's policy link that is not an https address (`javascript:`, `http:`, a bare word).

    The list sends readers to the recipient's own policy; anything but https would run code or be refused by WeChat.""",
     Severity.ERROR),
    ("list.link-undeclared", "policysite/lists/third_parties.py", """A recipient's policy link on a host data/company.yml does not declare under `external_sites`.

    Every outside site the company sends readers to is declared once, so a typo or a stale link stands out.""",
     Severity.ERROR),
    ("list.unconfirmed", "policysite/lists/third_parties.py", """A value of the third-party list the company has not confirmed yet (`unconfirmed`, or left out).

    The list shows “待公司确认 / To be confirmed by the company” instead of a guess; the notice is repeated
    on every build until the company confirms it, and never refuses one.""", Severity.NOTICE),
    ("list.language", "policysite/lists/words.py", """A language the lists are published in has no list words (title, column headings, “unconfirmed”).

    The list would otherwise fall back silently to another language's words.""", Severity.ERROR),
]
for _id, _where, _doc, _severity in _LIST_ENTRIES:
    checked_elsewhere(_id, _where, _doc, not_waivable=_LIST, severity=_severity)
