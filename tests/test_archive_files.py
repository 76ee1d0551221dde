"""hooks/archive_files.py: writes /policy.json, the feeds and the hashed texts, and nothing outside site/."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import PROJECT


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch):
    """The hook module as MkDocs loads it (its folder on sys.path), told it builds the first language."""
    monkeypatch.syspath_prepend(str(PROJECT / "hooks"))
    for name in ("archive_files", "i18n_state", "policy_state"):
        sys.modules.pop(name, None)
    module = importlib.import_module("archive_files")
    monkeypatch.setattr(module.i18n_state, "is_first_language_build", lambda config: True)
    monkeypatch.setattr(module.policy_state, "policy", lambda: None)
    yield module
    for name in ("archive_files", "i18n_state", "policy_state"):
        sys.modules.pop(name, None)


class _Config(dict):
    site_url = "https://privacy.xometry.asia/"


@pytest.mark.parametrize("path", ["../escaped.txt", "en/../../escaped.txt", "/tmp/../{outside}/escaped.txt"])
def test_a_file_outside_the_site_is_never_written(hook, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                  path: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    path = path.format(outside=tmp_path.relative_to("/"))
    monkeypatch.setattr(hook.archive, "site_files", lambda policy, base_url: {"policy.json": b"{}", path: b"x"})
    monkeypatch.setattr(hook, "_site_root", site)
    with pytest.raises(PluginError, match="would write outside the site folder"):
        hook.on_post_build(_Config())
    assert not (tmp_path / "escaped.txt").exists()


def test_files_inside_the_site_are_written(hook, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(hook.archive, "site_files",
                        lambda policy, base_url: {"policy.json": b"{}", "archive/2024-11-18/en.md": b"text"})
    monkeypatch.setattr(hook, "_site_root", tmp_path)
    hook.on_post_build(_Config())
    assert (tmp_path / "archive/2024-11-18/en.md").read_bytes() == b"text"
