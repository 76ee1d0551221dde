"""`make release`: freeze the policy as it stands into a new archived version.

Refuses — writing nothing — when any check fails, when the text has not changed
since the last version, when the dates do not move forward, or when a change
summary is missing. Otherwise it writes archive/<effective>/<lang>.md and its PDF
(<lang>.pdf, pdf.py) for every language (new files only, never over an existing
one), appends their SHA-256 to
archive/archive.lock.json with whether users must consent again (`material`,
required after the first version), and moves `version`, `effective` and `updated`
in data/policy.yml forward with a textual edit that keeps its comments. Its report
ends with the `git add` of every changed file under archive/, docs/ and data/, so
the commit holds the edits the release froze as well as the frozen files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..findings import PolicyError
from ..load import load_policy
from ..model import Policy
from .clock import TODAY_VARIABLE
from .frozen import FrozenText, normalise, sha256
from .manifest import POLICY_DOCUMENT
from .pdf import PdfUnavailable, pdf_path
from .pdfs import render_all
from .stage import ArchiveView
from .store import ATTRIBUTES_NAME, Lock, LockedVersion, PolicyVersion, archive_dir, lock_path, read_lock

POLICY_FILE = "policy.yml"
ATTRIBUTES = "# Frozen releases: byte for byte as released (their SHA-256 is in archive.lock.json).\n* -text\n"


class ReleaseRefused(Exception):
    """Why nothing was released, as sentences for the person running `make release`."""


@dataclass
class Released:
    version: int
    effective: dt.date
    updated: dt.date
    files: dict[str, str]  # path relative to the root → SHA-256
    data_changes: list[str] = field(default_factory=list)
    material: bool | None = None

    def report(self, to_commit: list[str] | None = None) -> str:
        """What was written, then the one command that commits the release with the edits it froze.

        ``to_commit``: every changed path under docs/, data/ and archive/ (`git status`), so the
        commit holds the text that was frozen as well as the frozen files; None outside git.
        """
        lines = [f"Released version {self.version}, effective {self.effective} (last updated {self.updated}):"]
        lines += [f"  {path}  sha256 {digest}" for path, digest in self.files.items()]
        lines.append("  archive/archive.lock.json: version added"
                     + {True: " (material: users must consent again)", False: " (not material)",
                        None: ""}[self.material])
        lines += [f"  data/policy.yml: {change}" for change in self.data_changes]
        paths = " ".join(shlex.quote(p) for p in to_commit) if to_commit else "archive docs data"
        lines.append(f'Commit them together: git add -- {paths} && '
                     f'git commit -m "Release version {self.version}, effective {self.effective}"')
        return "\n".join(lines)


def release(root: Path, *, effective: dt.date | None = None, updated: dt.date | None = None,
            summaries: dict[str, str] | None = None, today: dt.date | None = None,
            docs: str = "docs", data: str = "data", material: bool | None = None) -> Released:
    """Release the current docs/ and data/ as a new version; ReleaseRefused when it must not."""
    from ..judge import judge  # the judge imports this package

    root = root.resolve()
    try:
        policy = judge(root, docs=docs, data=data, today=today)
    except PolicyError as error:
        raise ReleaseRefused("the policy does not pass its checks; fix these first:\n"
                             + "\n".join(f.format() for f in error.findings)) from None
    view: ArchiveView = policy.archive
    settings = view.settings
    day = view.today
    # An empty summary was not given: `make release` passes SUMMARY_ZH and SUMMARY_EN whether set or not,
    # and a one-language policy must not be refused for the other's empty variable.
    given = {k: v.strip() for k, v in (summaries or {}).items() if v and v.strip()}
    summaries = given or {k: v.strip() for k, v in settings.next_summary.items() if v and v.strip()}
    effective = effective or settings.next_effective
    material = settings.next_material if material is None else material
    languages = [language.code for language in policy.languages]
    previous = view.versions[-1] if view.versions else None
    data_dir = root / data
    policy_file = data_dir / POLICY_FILE
    current = policy.data["policy"]

    if previous is None:
        number = current["version"]
        effective = effective or current["effective"]
        updated = updated or policy.updated.date
        if summaries:
            _require_summaries(summaries, languages, None)
        if material is False:
            raise ReleaseRefused("the first version cannot be released as not material: nobody has consented to an "
                                 "earlier one — leave MATERIAL out or write MATERIAL=yes")
        material = True  # nothing was consented to before: accepting the first version is new consent
    else:
        number = previous.version + 1
        if effective is None:
            raise ReleaseRefused("no effective date was given for the new version — run "
                                 "`make release EFFECTIVE=YYYY-MM-DD …` or set `next_release: effective:` in data/archive.yml")
        # The reader's "last updated" date is the day the new text applies; the lock keeps the release day.
        updated = updated or effective
        if day < previous.released:
            raise ReleaseRefused(f"today ({day}) is before version {previous.version} was released ({previous.released}) "
                                 f"— check the computer's clock or {TODAY_VARIABLE}")
        _require_dates(previous.version, previous.effective, previous.updated, effective, updated, day)
        _require_summaries(summaries, languages, previous)
        if material is None:
            raise ReleaseRefused(f"say whether version {number} needs users' new consent — run `make release "
                                 "MATERIAL=yes …` when it changes what users agreed to (new purposes, data, recipients "
                                 "or rights), `MATERIAL=no …` for corrections and clarifications; or set "
                                 "`next_release: material:` in data/archive.yml")
    if updated > effective:
        raise ReleaseRefused(f"the text would be last updated on {updated}, after the version takes effect on "
                             f"{effective} — take a later effective date or give --updated")

    if previous is not None:
        unchanged = _render(root, docs, data_dir, policy_file, previous.version, previous.effective, previous.updated)
        if all(normalise(unchanged.pages[code]) == previous.texts[code].body
               for code in languages if code in previous.texts) and set(languages) <= set(previous.texts):
            raise ReleaseRefused(f"the text is unchanged since version {previous.version} (effective "
                                 f"{previous.effective}) in every language — edit docs/ or data/ first; "
                                 "a new version must say something new")
    candidate = _render(root, docs, data_dir, policy_file, number, effective, updated)
    texts = {code: FrozenText(policy=policy.id, version=number, language=code,
                              title=str(candidate.contexts[code]["policy"]["title"]), effective=effective,
                              updated=updated, summary=summaries.get(code, ""), body=normalise(candidate.pages[code]))
             for code in languages}
    try:  # before anything is written: a release without its PDFs writes nothing
        pdfs = render_all(policy, texts, root)
    except PdfUnavailable as error:
        raise ReleaseRefused(f"the PDF could not be made: {error}") from None
    return _write(root, policy, policy_file, number, effective, updated, day, texts, pdfs,
                  lambda: judge(root, docs=docs, data=data, today=today), material)


def _require_dates(version: int, last_effective: dt.date, last_updated: dt.date,
                   effective: dt.date, updated: dt.date, day: dt.date) -> None:
    if effective <= last_effective:
        raise ReleaseRefused(f"the effective date {effective} does not come after {last_effective}, when version "
                             f"{version} took effect — give a later date")
    if updated <= last_updated:
        raise ReleaseRefused(f"the update date {updated} does not come after {last_updated}, the update date of "
                             f"version {version} — give a later --updated date")
    if effective < day:
        raise ReleaseRefused(f"the effective date {effective} is in the past (today is {day}); a version cannot take "
                             "effect before it is published — give today's date or a later one")


def _require_summaries(summaries: dict[str, str], languages: list[str], previous: PolicyVersion | None) -> None:
    unknown = sorted(set(summaries) - set(languages))
    if unknown:
        raise ReleaseRefused(f"there is a change summary for {', '.join(unknown)}, which the policy is not published "
                             f"in — give summaries for {', '.join(languages)} only")
    missing = [code for code in languages if not summaries.get(code)]
    if missing:
        raise ReleaseRefused(f"the change summary is missing for {', '.join(missing)} — every version after the first "
                             "tells readers what changed, in every language: "
                             + " ".join(f'SUMMARY_{code.upper()}="…"' for code in languages))
    _require_visible(summaries, languages)
    _require_parity(summaries, languages)
    if previous is not None:
        repeated = [code for code in languages if summaries[code] == previous.summary(code)]
        if repeated:
            raise ReleaseRefused(f"the change summary for {', '.join(repeated)} is the one of version "
                                 f"{previous.version} — describe what changes in this version")


def _require_visible(summaries: dict[str, str], languages: list[str]) -> None:
    """No invisible or control characters: the summary is published in the pages, policy.json and the
    Atom feeds, and a control character makes a feed that no XML parser will read."""
    from ..rules.debris import _INVISIBLE, _name

    for code in languages:
        found = sorted(set(_INVISIBLE.findall(summaries[code])))
        if found:
            raise ReleaseRefused(f"the change summary for {code} holds an invisible or control character "
                                 f"({', '.join(_name(char) for char in found)}) — retype the summary")


def _require_parity(summaries: dict[str, str], languages: list[str]) -> None:
    """The parity rules of the policy text apply to the summary: every language states the same numbers and dates."""
    from ..rules.markdown import Line
    from ..rules.parity import numbers

    stated = {code: sorted(numbers(Line(number=1, raw=summaries[code], kind="text", text=summaries[code])))
              for code in languages}
    first = languages[0]
    for code in languages[1:]:
        if stated[code] != stated[first]:
            raise ReleaseRefused(f"the change summaries state different numbers or dates: {first} says "
                                 f"{', '.join(stated[first]) or 'none'}, {code} says {', '.join(stated[code]) or 'none'} "
                                 "— make every language say the same")


def _render(root: Path, docs: str, data_dir: Path, policy_file: Path, version: int,
            effective: dt.date, updated: dt.date) -> Policy:
    """The policy as it reads with these version facts, from a copy of data/ (the real one is not touched)."""
    with tempfile.TemporaryDirectory(prefix="policysite-release-") as staging:
        staged = Path(staging) / data_dir.name
        shutil.copytree(data_dir, staged)
        (staged / POLICY_FILE).write_text(
            edit_policy_file(policy_file.read_text(encoding="utf-8"), version, effective, updated), encoding="utf-8")
        try:
            return load_policy(root, docs=docs, data=str(staged))
        except PolicyError as error:
            raise ReleaseRefused("the policy does not load with the new version's dates:\n"
                                 + "\n".join(f.format() for f in error.findings)) from None


def edit_policy_file(text: str, version: int, effective: dt.date, updated: dt.date) -> str:
    """Change three top-level values in place, keeping every comment and the layout."""
    values = {"version": str(version), "effective": effective.isoformat(), "updated": updated.isoformat()}
    for key, value in values.items():
        pattern = re.compile(rf"^({key}:[ \t]*)([^\s#][^#\n]*?|)([ \t]*(?:#.*)?)$", re.M)
        matches = pattern.findall(text)
        if len(matches) > 1:
            raise ReleaseRefused(f"data/{POLICY_FILE} has `{key}:` on more than one line — keep one")
        if matches:
            text = pattern.sub(lambda m: f"{m.group(1)}{value}{m.group(3)}", text, count=1)  # noqa: B023  (called here)
        elif key == "updated":
            text = re.sub(r"^(effective:.*)$", lambda m: f"{m.group(1)}\nupdated: {value}", text, count=1, flags=re.M)  # noqa: B023
        else:
            raise ReleaseRefused(f"data/{POLICY_FILE} has no top-level `{key}:` line to update")
    try:
        parsed = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ReleaseRefused(f"editing data/{POLICY_FILE} would break it ({error})") from None
    if (parsed.get("version"), parsed.get("effective"), parsed.get("updated")) != (version, effective, updated):
        raise ReleaseRefused(f"data/{POLICY_FILE} could not be edited safely: write `version:`, `effective:` and "
                             "`updated:` as plain top-level `key: value` lines")
    return text


def _write(root: Path, policy: Policy, policy_file: Path, number: int, effective: dt.date, updated: dt.date,
           day: dt.date, texts: dict[str, FrozenText], pdfs: dict[str, bytes], rejudge: Callable[[], object],
           material: bool | None) -> Released:
    folder = archive_dir(root) / effective.isoformat()
    if folder.exists():
        raise ReleaseRefused(f"archive/{effective.isoformat()}/ already exists; an archived version is never "
                             "overwritten — give another effective date")
    lock = read_lock(root) or Lock(policy=policy.id)
    entry = LockedVersion(version=number, effective=effective, released=day, material=material)
    contents = {code: text.render() for code, text in texts.items()}
    for code, text in texts.items():
        entry.files[code] = (f"{effective.isoformat()}/{code}.md", text.sha256)
        entry.pdfs[code] = (pdf_path(effective, code), sha256(pdfs[code]))
    lock.versions.append(entry)
    old_lock = lock_path(root).read_bytes() if lock_path(root).is_file() else None
    old_policy = policy_file.read_bytes()
    new_policy = edit_policy_file(old_policy.decode("utf-8"), number, effective, updated)
    created_archive = not archive_dir(root).exists()
    attributes, created_attributes = archive_dir(root) / ATTRIBUTES_NAME, False
    try:
        folder.mkdir(parents=True)
        if not attributes.exists():
            attributes.write_text(ATTRIBUTES, encoding="utf-8")
            created_attributes = True
        for code, content in contents.items():
            with open(folder / f"{code}.md", "xb") as handle:  # x: never over an existing file
                handle.write(content)
            with open(folder / f"{code}.pdf", "xb") as handle:
                handle.write(pdfs[code])
        _replace(lock_path(root), lock.to_json().encode("utf-8"))
        if new_policy != old_policy.decode("utf-8"):
            _replace(policy_file, new_policy.encode("utf-8"))
        rejudge()  # the new archive must pass the same checks as every build
    except BaseException as error:
        shutil.rmtree(folder, ignore_errors=True)
        if created_archive:
            shutil.rmtree(archive_dir(root), ignore_errors=True)
        else:
            if old_lock is not None:
                _replace(lock_path(root), old_lock)
            else:
                lock_path(root).unlink(missing_ok=True)
            if created_attributes:
                attributes.unlink(missing_ok=True)
        _replace(policy_file, old_policy)
        if isinstance(error, PolicyError):
            raise ReleaseRefused("the released files did not pass the build's checks, so they were removed:\n"
                                 + "\n".join(f.format() for f in error.findings)) from None
        raise
    changes = [f"{key} {old} → {new}" for key, old, new in (
        ("version", policy.data["policy"]["version"], number),
        ("effective", policy.data["policy"]["effective"], effective),
        ("updated", policy.data["policy"].get("updated"), updated)) if old != new]
    return Released(version=number, effective=effective, updated=updated,
                    files={**{f"archive/{effective.isoformat()}/{code}.md": text.sha256 for code, text in texts.items()},
                           **{f"archive/{pdf_path(effective, code)}": sha256(pdfs[code]) for code in texts}},
                    data_changes=changes, material=material)


# The folders whose changes a release's commit must hold: the frozen files and the text they froze.
RELEASE_FOLDERS = ("archive", "docs", "data")


def changed_paths(root: Path) -> list[str] | None:
    """What `git add` must name after a release; None when the project is not a git checkout."""
    from .git import HistoryUnavailable, changed_files

    try:
        return changed_files(root, RELEASE_FOLDERS)
    except HistoryUnavailable:
        return None


def releasable_documents(root: Path) -> list[str]:
    """The ids `make release DOC=…` accepts: the policy's, by the site's name for it or by its own `id:`."""
    known = [POLICY_DOCUMENT]
    try:
        value = yaml.safe_load((root / "data" / POLICY_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return known  # the release itself reports an unreadable policy file
    if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"] not in known:
        known.append(value["id"])
    return known


def _replace(path: Path, content: bytes) -> None:
    """Write beside and rename over: a crash never leaves half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)
