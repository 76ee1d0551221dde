"""The frozen file format: what a release writes and every build reads back."""

from __future__ import annotations

import datetime as dt

import pytest

from policysite.archive.frozen import FrozenFormatError, FrozenText, normalise, parse
from policysite.archive.release import ReleaseRefused, edit_policy_file

TEXT = FrozenText(policy="acme-privacy", version=2, language="zh", title="隐私政策",
                  effective=dt.date(2025, 3, 1), updated=dt.date(2025, 3, 1), summary="更新了联系方式。",
                  body="# 隐私政策\n\n正文。\n")


def test_render_and_parse_round_trip() -> None:
    content = TEXT.render()
    assert parse(content) == TEXT
    assert content.startswith(b"---\npolicy: acme-privacy\nversion: 2\n")
    assert b"&id" not in content and b"effective: 2025-03-01\nupdated: 2025-03-01\n" in content


def test_bytes_do_not_depend_on_line_endings() -> None:
    windows = FrozenText(**{**TEXT.__dict__, "body": "# 隐私政策\r\n\r\n正文。\r\n\r\n"})
    assert windows.render() == TEXT.render() and windows.sha256 == TEXT.sha256
    assert normalise("a\n\n\n") == "a\n"


@pytest.mark.parametrize("content", [b"no front matter", b"---\nversion: 1\n---\n\nbody", "\ufeff".encode() + b"x",
                                     b"\xff\xfe"])
def test_unreadable_files_are_reported(content: bytes) -> None:
    with pytest.raises(FrozenFormatError):
        parse(content)


POLICY = """# The policy
id: acme-privacy
version: 1  # moved by make release
# ISO dates
effective: 2024-11-18
updated: 2024-11-18
default_language: zh
"""


def test_policy_file_edit_keeps_comments_and_layout() -> None:
    edited = edit_policy_file(POLICY, 2, dt.date(2025, 3, 1), dt.date(2025, 3, 1))
    assert edited == POLICY.replace("version: 1 ", "version: 2 ").replace("2024-11-18", "2025-03-01")


def test_policy_file_edit_adds_a_missing_updated_line() -> None:
    edited = edit_policy_file(POLICY.replace("updated: 2024-11-18\n", ""), 2, dt.date(2025, 3, 1), dt.date(2025, 2, 20))
    assert "effective: 2025-03-01\nupdated: 2025-02-20\n" in edited


def test_policy_file_edit_refuses_what_it_cannot_edit_safely() -> None:
    with pytest.raises(ReleaseRefused):
        edit_policy_file("{id: x, version: 1, effective: 2024-11-18}\n", 2, dt.date(2025, 3, 1), dt.date(2025, 3, 1))
