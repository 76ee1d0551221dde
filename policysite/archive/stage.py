"""The archive's part of judging a build: check it, then decide what is current today.

Runs inside `judge()`, before MkDocs writes anything: `check_archive` gives
findings, or the view of the released versions (oldest first, each marked
superseded, current or upcoming); `resolve` then gives a copy of the policy that
carries them and, while a released version waits for its date, shows the version
in force instead of the new text. The loaded policy itself never changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ..dates import DateSource, LocalDate
from ..findings import Finding
from ..model import Policy
from .documents import DocumentArchive, check_documents, other_documents
from .clock import TODAY_VARIABLE, ClockError, today as clock_today
from .frozen import FrozenText
from .history import Anchoring, check_history, merge
from .settings import ArchiveSettings, read_settings
from .store import PolicyVersion, load_archive, predecessor


@dataclass
class ArchiveView:
    """What this build shows: decided once, read by pages, hooks and the manifest."""

    today: dt.date
    settings: ArchiveSettings
    versions: list[PolicyVersion]  # oldest first
    current: PolicyVersion | None  # the released version in force today (None before the first takes effect)
    current_texts: dict[str, FrozenText] = field(default_factory=dict)  # language → the current page's text
    live: bool = True  # the current page is built from docs/ and data/ (False: from the frozen version in force)
    lock: bytes | None = None  # archive/archive.lock.json as checked
    unreleased: list[str] = field(default_factory=list)  # languages whose docs/ and data/ text no release froze
    notices: list[Finding] = field(default_factory=list)  # shown by `make build` and `make check`, blocking nothing
    documents: dict[str, DocumentArchive] = field(default_factory=dict)  # the other documents' archives, by id
    publishing: bool = False  # `make publish`: the current page always shows the frozen version in force

    @property
    def upcoming(self) -> list[PolicyVersion]:
        return [v for v in self.versions if v.status == "upcoming"]

    def matches_release(self, language: str) -> bool:
        """The current text is byte for byte the text released as the current version."""
        if self.current is None or language not in self.current.hashes:
            return False
        return self.current_texts[language].sha256 == self.current.hashes[language]

    def predecessor(self, version: PolicyVersion, language: str) -> PolicyVersion | None:
        return predecessor(self.versions, version, language)


def check_archive(policy: Policy, *, today: dt.date | None,
                  publishing: bool = False) -> tuple[list[Finding], ArchiveView | None]:
    """Check the archive against the loaded policy and decide, for ``today``, which version is in force.

    Findings only, or the view of the archive this build shows; the policy is not changed
    (`resolve` makes the resolved copy). ``today`` is None when the clock could not be read.
    ``publishing`` (`make publish`): every version must be committed and history readable.
    """
    settings, findings = read_settings(policy.data)
    languages = [language.code for language in policy.languages]
    others = [document.id for document in other_documents(policy.data)]
    versions, lock, problems = load_archive(policy.root, policy.id, languages, others=others)
    # Every other document's archive (archive/<id>/) is checked like the policy's, in the same pass:
    # against its lock, then against the commits that recorded its releases.
    document_problems, documents = check_documents(policy.root, policy.data, languages, today)
    anchoring = check_history(policy.root, settings.timezone, others)
    findings += anchored_findings(problems + document_problems, anchoring, publishing=publishing)
    if findings:
        return findings, None
    if today is None:
        return [clock_finding(settings.timezone)], None
    findings = _check_working_copy(policy, versions)
    if findings:
        return findings, None
    _assign_status(versions, today)
    in_force = [v for v in versions if v.status == "current"]
    view = ArchiveView(today=today, settings=settings, versions=versions, current=in_force[0] if in_force else None,
                       lock=lock, notices=anchoring.notices, documents=documents, publishing=publishing)
    view.unreleased = [language.code for language in policy.languages
                       if not versions or _working_text(policy, language.code, versions[-1]).sha256
                       != versions[-1].hashes.get(language.code)]
    return [], view


def clock_finding(timezone: str | None) -> Finding:
    try:
        clock_today(timezone)
        problem = "today's date is unknown"
    except ClockError as error:
        problem = f"today's date is unknown: {error}"
    return Finding(TODAY_VARIABLE, 0, "archive.clock", problem,
                   "set POLICYSITE_TODAY=YYYY-MM-DD, or `timezone:` in data/archive.yml to a name such as Asia/Shanghai")


def resolve(policy: Policy, view: ArchiveView) -> Policy:
    """The policy as this build shows it: a copy carrying the released versions and, while a
    released version waits for its date, the version in force. The loaded policy is left as loaded."""
    resolved = replace(policy, pages=dict(policy.pages),
                       contexts={code: {**context, "policy": dict(context["policy"])}
                                 for code, context in policy.contexts.items()},
                       generated=list(policy.generated), warnings=list(policy.warnings))
    versions = view.versions
    # A released version waits for its date: the current page shows the version in force. A preview
    # (`make build`, `make serve`) with edits no release froze shows those edits instead, or they
    # would appear nowhere until `make publish` refused them; publishing always shows the frozen text.
    if versions and view.current is not None and view.current is not versions[-1] \
            and (view.publishing or not view.unreleased):
        _show_in_force(resolved, view.current)
        view.live = False
    view.current_texts = {language.code: current_text(resolved, language.code, view.current)
                          for language in resolved.languages}
    resolved.versions = versions
    resolved.archive = view
    return resolved


def anchored_findings(store: list[Finding], anchoring: Anchoring, *, publishing: bool) -> list[Finding]:
    """The archive's own findings with history's: publishing also refuses what history cannot vouch for."""
    return merge(store, anchoring.findings) + (anchoring.publishing if publishing else [])


def unreleased_findings(policy: Policy) -> list[Finding]:
    """For publishing (`make publish`): the text in docs/ and data/ must be a released version, byte for byte.

    Previews and `make build` show unreleased edits on the current page (under the
    last version's number); a published site must not.
    """
    view: ArchiveView = policy.archive
    if not view.unreleased:
        return []
    path, line = policy.data.where("policy", "version")
    names = ", ".join(policy.language(code).name for code in view.unreleased)
    if not view.versions:
        problem = "no version of the policy has been released yet, so nothing in archive/ vouches for the text"
    else:
        latest = view.versions[-1]
        problem = (f"the text in {names} differs from version {latest.version} (effective {latest.effective}), "
                   "the last release; publishing it would show unreleased changes under that version's number")
    return [Finding(path, line, "archive.unreleased", problem,
                    "run `make release EFFECTIVE=YYYY-MM-DD MATERIAL=yes|no` with a change summary per language and "
                    "commit what it names (archive/ with the docs/ and data/ edits it froze), or undo the unreleased "
                    "edits in docs/ and data/ (see `git diff`)")]


def preview_note(policy: Policy) -> str | None:
    """One line for `make build` when the text differs from the last release (None when it does not)."""
    view: ArchiveView | None = policy.archive
    if view is None or not view.versions or not view.unreleased:
        return None
    latest = view.versions[-1]
    names = ", ".join(policy.language(code).name for code in view.unreleased)
    return (f"Note: the text in {names} differs from version {latest.version} (effective {latest.effective}), the "
            "last release; this build shows the edits, and `make publish` refuses them until `make release` "
            "freezes them as a new version.")


def _working_text(policy: Policy, language: str, latest: PolicyVersion) -> FrozenText:
    """The text docs/ and data/ give in the frozen format, as the last release would have frozen it."""
    context = policy.contexts[language]["policy"]
    return FrozenText(policy=policy.id, version=policy.version, language=language, title=str(context["title"]),
                      effective=policy.effective, updated=policy.updated.date, summary=latest.summary(language),
                      body=policy.pages[language])


def _check_working_copy(policy: Policy, versions: list[PolicyVersion]) -> list[Finding]:
    """docs/ and data/ must describe the last released version: only a release moves them on."""
    if not versions:
        return []
    latest = versions[-1]
    data = policy.data["policy"]
    findings = []
    if data["version"] != latest.version:
        path, line = policy.data.where("policy", "version")
        findings.append(Finding(path, line, "archive.version",
                                f"`version: {data['version']}` does not match the archive, whose last released version "
                                f"is {latest.version} (effective {latest.effective})",
                                f"write `version: {latest.version}`; only `make release` advances the version"))
    if data["effective"] != latest.effective:
        path, line = policy.data.where("policy", "effective")
        findings.append(Finding(path, line, "archive.effective",
                                f"`effective: {data['effective']}` does not match version {latest.version} in the "
                                f"archive, which took effect on {latest.effective}",
                                f"write `effective: {latest.effective}`; a new effective date needs a new version "
                                "(`make release EFFECTIVE=YYYY-MM-DD`)"))
    # The page prints "last updated" beside the version number: one version, one date. `make release`
    # always writes `updated:`, so after a release the date from git is never the intended one either.
    if policy.updated.date != latest.updated:
        given = "updated" in data and data["updated"] is not None
        path, line = policy.data.where("policy", "updated" if given else "effective")
        stated = f"`updated: {data['updated']}`" if given else f"the last-updated date taken from git ({policy.updated.date})"
        findings.append(Finding(path, line, "archive.updated",
                                f"{stated} does not match version {latest.version} in the archive, which was last "
                                f"updated on {latest.updated}",
                                f"write `updated: {latest.updated}`; a new “last updated” date needs a new version "
                                "(`make release EFFECTIVE=YYYY-MM-DD UPDATED=YYYY-MM-DD`)"))
    return findings


def _assign_status(versions: list[PolicyVersion], today: dt.date) -> None:
    in_force = [v for v in versions if v.effective <= today]
    for index, version in enumerate(versions):
        following = versions[index + 1] if index + 1 < len(versions) else None
        version.superseded = following.effective if following else None
        if version.effective > today:
            version.status = "upcoming"
        elif version is in_force[-1]:
            version.status = "current"
        else:
            version.status = "superseded"


def _show_in_force(policy: Policy, version: PolicyVersion) -> None:
    """A newer version is released but not yet in force: the current page keeps the version in force."""
    for code, text in version.texts.items():
        if code not in policy.pages:
            continue
        locale = policy.language(code).locale
        policy.pages[code] = text.body
        facts = policy.contexts[code]["policy"]
        facts["version"] = version.version
        facts["effective"] = LocalDate(version.effective, locale)
        facts["updated"] = LocalDate(version.updated, locale)
    policy.effective = version.effective
    policy.updated = DateSource(version.updated, f"from archived version {version.version}, in force until "
                                                 f"{version.superseded}")
    policy.in_force_version = version.version


def current_text(policy: Policy, language: str, current: PolicyVersion | None) -> FrozenText:
    """The current page's text in the frozen format: what a release would freeze today."""
    context = policy.contexts[language]["policy"]
    summary = current.summary(language) if current is not None and current.version == policy.version else ""
    return FrozenText(policy=policy.id, version=policy.version, language=language, title=str(context["title"]),
                      effective=policy.effective, updated=policy.updated.date, summary=summary,
                      body=policy.pages[language])
