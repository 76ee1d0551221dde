"""The re-consent contract (/policy.json schema 2) and the release flow, in real git repositories.

A copy of the flagship is committed with its version 1, then version 2 is released
by the command line for a later date, committed with the exact command the release
printed, and published: the manifest must announce it in full, and previews must keep
showing what the owner edits afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
import subprocess
from typing import Any

import pytest

from archive_support import EDITS, SUMMARIES, build, edit_text, never_released, release, run, snapshot, summary_args
from conftest import PROJECT, Project, copy_project, git
from policysite import PolicyError
from policysite.findings import blocking
from policysite.archive.manifest import manifest
from policysite.archive.stage import preview_note
from policysite.judge import judge

SCHEMA = json.loads((PROJECT / "policysite" / "archive" / "policy.schema.json").read_text(encoding="utf-8"))
BEFORE = dt.date(2026, 11, 30)  # version 2 is released, not yet in force
LOCK = "archive/archive.lock.json"
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}


def committed(project: Project) -> Project:
    project.write(".gitignore", "site/\n.site-build-*/\n.site-old-*/\n.policysite-build.lock\n")
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", ".")
    git(project.root, "commit", "-qm", "Release version 1")
    return project


def status(project: Project) -> str:
    return git(project.root, "status", "--porcelain", "--untracked-files=all", "--", "docs", "data", "archive")


@pytest.fixture(scope="module")
def scheduled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, str]:
    """Version 2 released on 2026-11-23 for 2026-12-01 as material, committed with the printed command."""
    project = committed(copy_project(tmp_path_factory.mktemp("scheduled") / "project"))
    edit_text(project)
    result = release(project, "--doc", "policy", "--material", "yes", "--effective", "2026-12-01", *summary_args(),
                     today="2026-11-23")
    assert result.returncode == 0, result.output
    command = result.output.strip().splitlines()[-1].removeprefix("Commit them together: ")
    subprocess.run(["bash", "-c", command], cwd=project.root, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})
    return project, result.output


# --- the release flow -------------------------------------------------------------------------

def test_the_printed_git_add_commits_the_frozen_files_and_the_edits_they_froze(scheduled: tuple[Project, str]) -> None:
    project, output = scheduled
    command = output.strip().splitlines()[-1]
    assert command.startswith("Commit them together: git add -- ")
    for path in [*(path for path, _, _ in EDITS.values()), "data/policy.yml", LOCK, "archive/2026-12-01/zh.md",
                 "archive/2026-12-01/en.pdf"]:
        assert f" {path} " in command, f"{path} is not committed by: {command}"
    assert status(project) == "", "the printed command left changes of the release uncommitted"
    policy = judge(project.root, today=BEFORE, publishing=True)  # what `make publish` judges: nothing refused
    from policysite.archive import unreleased_findings
    assert unreleased_findings(policy) == []


def test_the_manifest_announces_the_upcoming_version_in_full(scheduled: tuple[Project, str]) -> None:
    project, _ = scheduled
    data = manifest(judge(project.root, today=BEFORE, publishing=True), "https://privacy.xometry.asia/")
    assert data["schema_version"] == 2 and data["upcoming"] == [2], "version 1's fields stay"
    [document] = [entry for entry in data["documents"] if entry["id"] == "policy"]
    assert (document["id"], document["kind"], document["text_id"]) == (
        "policy", "privacy-policy", "xometry-asia-data-protection")
    assert document["webview"] == {"zh": "https://privacy.xometry.asia/webview/",
                                   "en": "https://privacy.xometry.asia/en/webview/"}
    current, upcoming = document["current"], document["upcoming"]
    assert (current["version"], current["status"], current["material"]) == (1, "current", None), \
        "version 1 was released before releases recorded materiality: unknown, never guessed"
    assert (upcoming["version"], upcoming["status"], upcoming["effective"], upcoming["released"],
            upcoming["material"]) == (2, "upcoming", "2026-12-01", "2026-11-23", True)
    lock = json.loads(project.read(LOCK))["versions"][1]
    for code, entry in upcoming["languages"].items():
        assert entry["summary"] == SUMMARIES[code]
        page = "https://privacy.xometry.asia/" + ("" if code == "zh" else "en/") + "archive/2026-12-01/"
        assert (entry["url"], entry["webview"], entry["changes"]) == (page, page + "webview/", page + "changes/")
        assert entry["sha256"] == lock["files"][code]["sha256"] == \
            __import__("hashlib").sha256(project.path(f"archive/2026-12-01/{code}.md").read_bytes()).hexdigest()
        assert entry["pdf_sha256"] == lock["files"][code]["pdf"]["sha256"]
    assert current["languages"]["zh"]["summary"] == "首个版本" and current["languages"]["en"]["summary"] == "First version"
    assert conforms(data, SCHEMA) == []


def test_a_preview_shows_edits_made_after_a_scheduled_release_and_publishing_does_not(
        scheduled: tuple[Project, str]) -> None:
    project, _ = scheduled
    path, old, new = EDITS["en"][0], "We will promptly verify", "We will quickly verify"
    project.replace(path, old, new)
    try:
        preview = judge(project.root, today=BEFORE)
        assert "We will quickly verify" in preview.pages["en"], "the owner's edit vanished from the preview"
        assert preview_note(preview) == (
            "Note: the text in English differs from version 2 (effective 2026-12-01), the last release; this build "
            "shows the edits, and `make publish` refuses them until `make release` freezes them as a new version.")
        published = judge(project.root, today=BEFORE, publishing=True)
        assert "We will quickly verify" not in published.pages["en"], "publishing shows the frozen text"
        assert "We will promptly verify" not in published.pages["en"], "… of version 1, the version in force"
        assert published.version == 1
        built = build(project, today=BEFORE.isoformat())
        assert built.returncode == 0, built.output
        assert built.output.count("differs from version 2 (effective 2026-12-01), the last release") == 1
        assert "We will quickly verify" in project.page("en")
    finally:
        project.replace(path, new, old)
    assert preview_note(judge(project.root, today=BEFORE)) is None, "no note when the text is the last release"


def test_release_without_saying_whether_it_is_material_is_refused(project: Project) -> None:
    project = never_released(project)
    assert release(project, "--material", "no", today="2025-02-20").returncode == 1, \
        "a first version cannot be immaterial: nobody consented to an earlier one"
    first = release(project, today="2025-02-20")
    assert first.returncode == 0, first.output
    assert json.loads(project.read(LOCK))["versions"][0]["material"] is True
    edit_text(project)
    before = snapshot(project.root)
    refused = release(project, "--effective", "2025-03-01", *summary_args(), today="2025-03-01")
    assert refused.returncode == 1 and "Traceback" not in refused.output
    assert "say whether version 2 needs users' new consent — run `make release MATERIAL=yes …`" in refused.output
    assert snapshot(project.root) == before


@pytest.mark.parametrize("args, message", [
    (["--doc", "children-rules"], "there is no document `children-rules` to release; this site's documents: "
                                  "policy, xometry-asia-data-protection, collection-list, third-party-list"),
    (["--material", "maybe"], "'maybe': say MATERIAL=yes (users must consent again) or MATERIAL=no"),
])
def test_an_unknown_document_or_materiality_is_one_line(project: Project, args: list[str], message: str) -> None:
    before = snapshot(project.root)
    result = release(project, *args, today="2026-11-23")
    assert result.returncode == 2 and message in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert snapshot(project.root) == before


def test_a_material_flag_changed_after_its_commit_is_refused(project: Project) -> None:
    repo = committed(project)
    repo.replace(LOCK, '"released": "2026-11-22",', '"released": "2026-11-22",\n      "material": false,')
    with pytest.raises(PolicyError) as raised:
        judge(repo.root, today=BEFORE)
    [finding] = [f.format() for f in blocking(raised.value.findings)]  # the third-party list's notices aside
    line = next(n for n, text in enumerate(repo.read(LOCK).splitlines(), 1) if '"version": 1,' in text)
    assert finding.startswith(f"{LOCK}:{line}: archive.rewritten: version 1's entry differs from the one committed in "
                              "commit ") and "material false, committed as unknown" in finding


# --- the first version's summary, everywhere ---------------------------------------------------

def test_the_first_version_has_one_summary_in_manifest_feed_and_archive_index(flagship: Project) -> None:
    data = json.loads((flagship.site / "policy.json").read_text(encoding="utf-8"))
    assert conforms(data, SCHEMA) == []
    for code, words in (("zh", "首个版本"), ("en", "First version")):
        assert data["versions"][0]["languages"][code]["summary"] == words
        policy = next(entry for entry in data["documents"] if entry["id"] == "policy")
        assert policy["current"]["languages"][code]["summary"] == words
        root = flagship.site if code == "zh" else flagship.site / code
        assert f"<summary>{words}</summary>" in (root / "feed.xml").read_text(encoding="utf-8")
        assert words in flagship.page(code, "archive")


# --- make serve and the Makefile ---------------------------------------------------------------

def test_a_port_in_use_is_one_line_not_a_traceback(project: Project) -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        result = run(project.root, "serve", "--port", str(port))
    assert result.returncode == 2 and "Traceback" not in result.output
    assert result.output.strip() == (
        f"policysite serve: 127.0.0.1:{port} cannot be used (Address already in use); another preview or server "
        f"is probably running there — stop it, or run `make serve PORT={port + 1}`")


def test_the_makefile_passes_port_material_doc_and_documents_updated() -> None:
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert '\t$(PY) -m policysite serve --port "$(or $(PORT),8000)"\n' in makefile
    assert '$(if $(MATERIAL),--material "$(MATERIAL)") $(if $(DOC),--doc "$(DOC)")' in makefile
    comment = makefile.split("\nrelease:")[0].rsplit("\n\n", 1)[1]
    assert "UPDATED:" in comment and "MATERIAL:" in comment and "DOC:" in comment


# --- a small JSON Schema reader: the project has no validator dependency --------------------------

def conforms(value: Any, schema: dict[str, Any], root: dict[str, Any] | None = None, at: str = "$") -> list[str]:
    """Where ``value`` breaks ``schema`` (the keywords policy.schema.json uses), as JSON paths; [] when it conforms."""
    root = root or schema
    if "$ref" in schema:
        return conforms(value, root["$defs"][schema["$ref"].removeprefix("#/$defs/")], root, at)
    if "oneOf" in schema:
        matching = [s for s in schema["oneOf"] if not conforms(value, s, root, at)]
        return [] if len(matching) == 1 else [f"{at}: matches {len(matching)} of oneOf"]
    problems = []
    types = schema.get("type")
    kinds = {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool, "null": type(None)}
    if types is not None:
        allowed = [types] if isinstance(types, str) else types
        if not any(isinstance(value, kinds[t]) and not (t == "integer" and isinstance(value, bool)) for t in allowed):
            return [f"{at}: {type(value).__name__} is not {types}"]
    if "const" in schema and value != schema["const"]:
        problems.append(f"{at}: not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{at}: {value!r} not in {schema['enum']}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            problems.append(f"{at}: {value!r} does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0):
            problems.append(f"{at}: too short")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            problems.append(f"{at}: too few items")
        for index, item in enumerate(value):
            problems += conforms(item, schema.get("items", {}), root, f"{at}[{index}]")
    if isinstance(value, dict):
        problems += [f"{at}: `{key}` missing" for key in schema.get("required", []) if key not in value]
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                problems += conforms(item, properties[key], root, f"{at}.{key}")
            elif extra is False:
                problems.append(f"{at}: `{key}` is not in the schema")
            elif isinstance(extra, dict):
                problems += conforms(item, extra, root, f"{at}.{key}")
    return problems


def test_the_schema_reader_finds_what_breaks_the_schema() -> None:
    problems = conforms({"schema_version": 1, "policy": 7, "surprise": True}, SCHEMA)
    assert {"$.schema_version: not 2", "$.policy: int is not string", "$: `surprise` is not in the schema",
            "$: `documents` missing"} <= set(problems)
    assert conforms("yes", SCHEMA["$defs"]["version"]["properties"]["material"], SCHEMA) == [
        "$: str is not ['boolean', 'null']"]
