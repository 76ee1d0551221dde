"""A list's versions have PDFs like the policy's, and its archive is anchored in git history like the policy's.

`make release DOC=collection-list` writes archive/collection-list/<date>/<lang>.pdf beside the frozen
text, its lock vouches for it, every build checks it (changed, missing or never made is a finding),
`make pdf` makes the missing ones; a list's frozen file rewritten together with its lock hash and
committed is `archive.rewritten`, as the policy's is.

Real releases, PDFs (WeasyPrint, read back with pdfminer) and git repositories made from tests/fixtures/multi/.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archive_support import build, release, run, snapshot
from conftest import FIXTURES, Project, copy_project, git
from policysite import PolicyError
from policysite.archive.frozen import parse
from policysite.archive.history import check_history
from policysite.archive.pdf import A4_MM, MM, PAGE_MARGIN_MM, check as pdf_check, pdf_text
from policysite.archive.pdfs import facts, render_all
from policysite.document_pages import document_markdown
from policysite.archive.frozen import FrozenText, normalise
from policysite.findings import blocking
from policysite.judge import judge

MULTI = FIXTURES / "multi"
LIST = "archive/collection-list"
VERSION = f"{LIST}/2025-04-01"
LOCK = f"{LIST}/archive.lock.json"
TODAY = dt.date(2025, 4, 12)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _commit(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, str]:
    """A git copy of the multi fixture whose collection list was released (version 1, 2025-04-01) and committed."""
    project = copy_project(tmp_path_factory.mktemp("docpdf") / "project", content=MULTI)
    project.write(".gitignore", "site/\n.site-build-*/\n.site-old-*/\n")
    git(project.root, "init", "-q", "-b", "main")
    _commit(project.root, "the site before any release", "2025-03-20T10:00:00+08:00")
    done = release(project, "--doc", "collection-list", today="2025-04-01")
    assert done.returncode == 0, done.output
    _commit(project.root, "Release the list", "2025-04-01T10:00:00+08:00")
    return project, done.output


@pytest.fixture
def repo(released: tuple[Project, str], tmp_path: Path) -> Project:
    """A copy of the released repository, history included, to attack."""
    shutil.copytree(released[0].root, tmp_path / "repo")
    return Project(tmp_path / "repo")


def blocking_findings(project: Project, *, publishing: bool = False) -> list[str]:
    with pytest.raises(PolicyError) as raised:
        judge(project.root, today=TODAY, publishing=publishing)
    return [finding.format() for finding in blocking(raised.value.findings)]


# --- the release writes the PDFs --------------------------------------------------------------------------------

def test_the_list_release_writes_a_pdf_per_language_locked_beside_its_text(released: tuple[Project, str]) -> None:
    project, output = released
    lock = json.loads(project.read(LOCK))
    (entry,) = lock["versions"]
    for code in ("zh", "en"):
        content = project.path(f"{VERSION}/{code}.pdf").read_bytes()
        assert content.startswith(b"%PDF-")
        assert entry["files"][code]["pdf"] == {"path": f"2025-04-01/{code}.pdf", "sha256": sha256(content)}
        assert f"{VERSION}/{code}.pdf  sha256 {sha256(content)}" in output
        assert f"{VERSION}/{code}.pdf" in output.split("git add -- ")[1]  # the commit command names it
    # The policy's archive is not touched by the list's release.
    assert not project.path("archive/archive.lock.json").exists()


@pytest.mark.parametrize("code", ["zh", "en"])
def test_the_list_pdf_says_exactly_the_released_list_on_a4(released: tuple[Project, str], code: str) -> None:
    project, _ = released
    pdf = project.path(f"{VERSION}/{code}.pdf").read_bytes()
    text = parse(project.path(f"{VERSION}/{code}.md").read_bytes())
    assert "| --- |" in text.body  # the list is a table
    assert pdf_check(pdf, text) == []  # text read back, header rows, fonts, tags
    header = {"zh": "收集的个人信息", "en": "Personalinformationcollected"}[code]
    assert header in pdf_text(pdf)
    address = {"zh": "lists/collection/archive/2025-04-01/", "en": "en/lists/collection/archive/2025-04-01/"}[code]
    assert address.encode() in _page_strings(pdf)  # the running footer names the list's own version page


def _page_strings(pdf: bytes) -> bytes:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(pdf)).replace("\n", "").encode()


def test_a_long_list_keeps_whole_rows_and_its_header_on_every_a4_page(released: tuple[Project, str],
                                                                      tmp_path: Path) -> None:
    """Sixty rows run over several pages: every page repeats the header row, no row is split across pages,
    and nothing is drawn outside the page's margins."""
    project = copy_project(tmp_path / "long", content=released[0].root)
    rows = "".join(f"  - scenario: {{zh: 场景{n}, en: Scenario {n}}}\n"
                   f"    items: {{zh: 信息{n}, en: Item {n} with a longer description of what is collected}}\n"
                   f"    purpose: {{zh: 目的{n}, en: Purpose {n} written out at some length to wrap in its cell}}\n"
                   for n in range(1, 61))
    project.write("data/inventory.yml", project.read("data/inventory.yml") + rows)
    policy = judge(project.root, today=TODAY)
    document = policy.archive.documents["collection-list"].document
    body = normalise(document_markdown(document, policy, "en"))
    text = FrozenText(policy=document.id, version=2, language="en", title=document.titles["en"],
                      effective=dt.date(2025, 5, 1), updated=dt.date(2025, 5, 1), summary="", body=body)
    pdf = render_all(policy, {"en": text}, project.root, document.prefix)["en"]
    pages = _pages(pdf)
    assert len(pages) >= 3
    left, right = PAGE_MARGIN_MM["left"] * MM - 0.5, (A4_MM[0] - PAGE_MARGIN_MM["right"]) * MM + 0.5
    for number, (width, height, characters, cells) in enumerate(pages, 1):
        assert (round(width / MM), round(height / MM)) == A4_MM
        assert all(left <= x0 and x1 <= right for x0, x1 in characters), f"page {number} draws outside its margins"
        header = [i for i, cell in enumerate(cells) if cell in ("Scenario", "Purpose")]
        first_row = next(i for i, cell in enumerate(cells) if re.search(r"\bScenario \d+", cell))
        assert len(header) == 2 and max(header) < first_row, f"page {number} does not start with the header row"
    for n in range(1, 61):  # a row's first and last cells on the same page
        holding = [i for i, (*_, cells) in enumerate(pages) if any(re.search(rf"\bScenario {n}\b", c) for c in cells)]
        wrapped = [i for i, (*_, cells) in enumerate(pages) if any(f"Purpose {n} written" in c for c in cells)]
        assert holding == wrapped and len(holding) == 1, f"row {n} is split across pages {holding} and {wrapped}"
    assert facts(policy, "en", text, "", document.prefix).address == "/en/lists/collection/archive/2025-05-01/"


def _pages(pdf: bytes) -> list[tuple[float, float, list[tuple[float, float]], list[str]]]:
    """Per page: its size, every character's horizontal extent, and the first line of every text box in the
    content area (a table cell's first line), top to bottom."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTContainer, LTTextBox

    top, bottom = (A4_MM[1] - PAGE_MARGIN_MM["top"]) * MM, PAGE_MARGIN_MM["bottom"] * MM
    found = []
    for page in extract_pages(io.BytesIO(pdf)):
        items = list(_walk(page, LTContainer))
        characters = [(item.x0, item.x1) for item in items if isinstance(item, LTChar)]
        boxes = sorted((-item.y1, item.x0, item.get_text().strip().split("\n")[0]) for item in items
                       if isinstance(item, LTTextBox) and bottom <= item.y1 <= top)
        found.append((page.width, page.height, characters, [text for _, _, text in boxes]))
    return found


def _walk(item: Any, container: type) -> Iterator[Any]:
    yield item
    if isinstance(item, container):
        for child in item:
            yield from _walk(child, container)


# --- every build checks the list's PDFs -------------------------------------------------------------------------

def test_a_committed_list_release_with_its_pdfs_passes_publishing(repo: Project) -> None:
    policy = judge(repo.root, today=TODAY, publishing=True)
    archive = policy.archive.documents["collection-list"]
    (version,) = archive.versions
    assert version.pdfs["en"] == repo.path(f"{VERSION}/en.pdf").read_bytes()
    assert version.pdf_hashes["zh"] == sha256(repo.path(f"{VERSION}/zh.pdf").read_bytes())
    assert archive.files()["lists/collection/archive/2025-04-01/en.pdf"] == version.pdfs["en"]


def test_a_changed_list_pdf_fails_the_build_naming_it(repo: Project) -> None:
    pdf = repo.path(f"{VERSION}/en.pdf")
    pdf.write_bytes(pdf.read_bytes().replace(b"%PDF-", b"%PDF- ", 1))
    result = build(repo, today=TODAY.isoformat())
    assert result.returncode != 0 and "Traceback" not in result.output
    assert f"{VERSION}/en.pdf:" in result.output and ": archive.rewritten: " in result.output, result.output


def test_a_changed_list_pdf_outside_git_fails_against_its_lock(released: tuple[Project, str], tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=released[0].root)  # no .git: only the lock vouches
    pdf = project.path(f"{VERSION}/zh.pdf")
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    found = blocking_findings(project)
    assert any(re.match(rf"{VERSION}/zh\.pdf:\d+: archive\.modified: this PDF was changed after its release", f)
               and f"git checkout HEAD -- {VERSION}/zh.pdf" in f and "`make release DOC=collection-list`" in f
               for f in found), found


def test_a_deleted_list_pdf_fails_the_build(repo: Project) -> None:
    repo.path(f"{VERSION}/en.pdf").unlink()
    found = blocking_findings(repo)
    assert any(f.startswith(f"{VERSION}/en.pdf:1: archive.missing: ") for f in found), found


def test_a_list_version_without_pdfs_is_refused_until_make_pdf_makes_them(released: tuple[Project, str],
                                                                          tmp_path: Path) -> None:
    """A list released before its versions had PDFs: every build asks for them; `make pdf` adds them, and only them."""
    project = copy_project(tmp_path / "project", content=released[0].root)
    lock = json.loads(project.read(LOCK))
    for item in lock["versions"][0]["files"].values():
        del item["pdf"]
    project.write(LOCK, json.dumps(lock, ensure_ascii=False, indent=2) + "\n")
    for code in ("zh", "en"):
        project.path(f"{VERSION}/{code}.pdf").unlink()
    found = blocking_findings(project)
    assert sorted(f.split(": ")[0] + ": " + f.split(": ")[1] for f in found) == [
        f"{VERSION}/en.pdf:1: archive.pdf-missing", f"{VERSION}/zh.pdf:1: archive.pdf-missing"], found
    assert all("run `make pdf`" in f for f in found)
    before = snapshot(project.root)
    done = run(project.root, "pdf", today=TODAY.isoformat())
    assert done.returncode == 0, done.output
    assert f"{VERSION}/en.pdf" in done.output and f"{VERSION}/zh.pdf" in done.output
    after = snapshot(project.root)
    assert {path for path in after if after.get(path) != before.get(path)} == {
        f"{VERSION}/en.pdf", f"{VERSION}/zh.pdf", LOCK}
    judge(project.root, today=TODAY)  # passes
    relocked = json.loads(project.read(LOCK))["versions"][0]["files"]
    for code in ("zh", "en"):
        assert relocked[code]["pdf"]["sha256"] == sha256(project.path(f"{VERSION}/{code}.pdf").read_bytes())
        assert relocked[code]["sha256"] == lock["versions"][0]["files"][code]["sha256"]  # the text untouched
    again = run(project.root, "pdf", today=TODAY.isoformat())
    assert again.returncode == 0 and "Every released version has its PDF." in again.output


# --- the list's archive against git history ---------------------------------------------------------------------

def _forge(project: Project) -> None:
    """Rewrite the list's frozen text and its hash in the lock together, so the lock check passes."""
    frozen = project.path(f"{VERSION}/en.md")
    content = frozen.read_bytes().replace(b"Mobile phone number", b"Telephone number", 1)
    frozen.write_bytes(content)
    lock = json.loads(project.read(LOCK))
    lock["versions"][0]["files"]["en"]["sha256"] = sha256(content)
    project.write(LOCK, json.dumps(lock, ensure_ascii=False, indent=2) + "\n")


def test_a_list_rewritten_with_its_lock_hash_and_committed_fails_the_build(repo: Project) -> None:
    _forge(repo)
    git(repo.root, "commit", "-qam", "Typo fix in the list's archive")
    result = build(repo, today=TODAY.isoformat())
    assert result.returncode != 0 and "Traceback" not in result.output
    line = next(n for n, text in enumerate(repo.read(f"{VERSION}/en.md").splitlines(), 1) if "Telephone" in text)
    assert (f"{VERSION}/en.md:{line}: archive.rewritten: this archived text differs from version 1 (effective "
            "2025-04-01) in `en` as released in commit ") in result.output, result.output
    assert "git checkout " in result.output and f"-- {VERSION}/en.md`" in result.output
    assert "edit data/ and run `make release DOC=collection-list`" in result.output
    assert f"{LOCK}:" in result.output and "version 1's entry differs from the one committed" in result.output
    assert "archive.modified" not in result.output  # the lock agrees with the forged file: only history catches it


def test_the_same_checkout_without_the_forgery_passes(repo: Project) -> None:
    result = run(repo.root, "check", today=TODAY.isoformat())
    assert result.returncode == 0, result.output
    assert check_history(repo.root, "Asia/Shanghai", ["collection-list"]).findings == []


def test_history_of_the_list_is_read_only_when_the_site_lists_it(repo: Project) -> None:
    """Without data/site.yml naming the document, its folder is not its archive: the policy's history skips it."""
    _forge(repo)
    git(repo.root, "commit", "-qam", "Typo fix in the list's archive")
    assert check_history(repo.root, "Asia/Shanghai").findings == []
    assert [f.rule for f in check_history(repo.root, "Asia/Shanghai", ["collection-list"]).findings] == [
        "archive.rewritten", "archive.rewritten"]


def test_an_uncommitted_list_release_is_not_published(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    project = copy_project(root, content=MULTI)
    project.write(".gitignore", "site/\n")
    git(root, "init", "-q", "-b", "main")
    _commit(root, "the site before any release", "2025-03-20T10:00:00+08:00")
    done = release(project, "--doc", "collection-list", today="2025-04-01")
    assert done.returncode == 0, done.output
    judge(root, today=TODAY)  # a preview builds
    found = blocking_findings(project, publishing=True)
    assert any(f.startswith(f"{LOCK}:") and ": archive.uncommitted: version 1 (effective 2025-04-01) is not "
               "committed yet" in f and f"git add {LIST} docs data" in f for f in found), found


def test_every_documents_history_costs_the_same_three_git_processes(repo: Project,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_run = subprocess.run

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0][3])
        return real_run(*args, **kwargs)

    monkeypatch.setattr("policysite.archive.git.subprocess.run", counted)
    assert check_history(repo.root, "Asia/Shanghai", ["collection-list", "third-party-list"]).findings == []
    assert calls == ["rev-parse", "log", "cat-file"]
