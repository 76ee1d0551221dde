"""hooks/plan_files.py: writes the plan's files (/policy.json, the feeds, the hashed texts…), and nothing outside site/."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import PROJECT
from policysite.plan import PlannedFile, SitePlan


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch):
    """The hook module as MkDocs loads it (its folder on sys.path), told it builds the first language."""
    monkeypatch.syspath_prepend(str(PROJECT / "hooks"))
    for name in ("plan_files", "i18n_state", "policy_state"):
        sys.modules.pop(name, None)
    module = importlib.import_module("plan_files")
    monkeypatch.setattr(module.i18n_state, "is_first_language_build", lambda config: True)
    yield module
    for name in ("plan_files", "i18n_state", "policy_state"):
        sys.modules.pop(name, None)


def _plan(hook, monkeypatch: pytest.MonkeyPatch, files: dict[str, bytes]) -> None:
    planned = SitePlan("https://privacy.xometry.asia/", "zh", ["zh", "en"],
                       files=[PlannedFile(path, content) for path, content in files.items()])
    monkeypatch.setattr(hook.policy_state, "plan", lambda: planned)


class _Config(dict):
    site_url = "https://privacy.xometry.asia/"


@pytest.mark.parametrize("path", ["../escaped.txt", "en/../../escaped.txt", "/tmp/../{outside}/escaped.txt"])
def test_a_file_outside_the_site_is_never_written(hook, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                  path: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    path = path.format(outside=tmp_path.relative_to("/"))
    _plan(hook, monkeypatch, {"policy.json": b"{}", path: b"x"})
    monkeypatch.setattr(hook, "_site_root", site)
    with pytest.raises(PluginError, match="would write outside the site folder"):
        hook.on_post_build(_Config())
    assert not (tmp_path / "escaped.txt").exists()


def test_files_inside_the_site_are_written(hook, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _plan(hook, monkeypatch, {"policy.json": b"{}", "archive/2024-11-18/en.md": b"text"})
    monkeypatch.setattr(hook, "_site_root", tmp_path)
    hook.on_post_build(_Config())
    assert (tmp_path / "archive/2024-11-18/en.md").read_bytes() == b"text"


def test_a_file_the_owner_put_in_the_site_is_kept_only_where_the_plan_allows(hook, monkeypatch: pytest.MonkeyPatch,
                                                                           tmp_path: Path) -> None:
    (tmp_path / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    planned = SitePlan("", "zh", ["zh"], files=[PlannedFile("robots.txt", b"generated", existing="keep")])
    monkeypatch.setattr(hook.policy_state, "plan", lambda: planned)
    monkeypatch.setattr(hook, "_site_root", tmp_path)
    hook.on_post_build(_Config())
    assert (tmp_path / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    _plan(hook, monkeypatch, {"robots.txt": b"generated"})
    with pytest.raises(PluginError, match="would overwrite a file it already has"):
        hook.on_post_build(_Config())
