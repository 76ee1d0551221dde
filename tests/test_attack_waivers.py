"""Hostile and careless data/waivers.yml: each is one clear finding, never a hang, a traceback or a silent pass.

Waivers are the one place where an editor can make the gate accept something,
so a waiver that cannot mean what its author thinks must be refused, naming the
line to fix. Every case runs judge() bounded in time and memory (attack_support).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from attack_support import has, judge_bounded
from rulefixtures import materialise

WAIVERS = "data/waivers.yml"
CONTACT = "docs/en/sections/contact.md"


def entry(**keys: object) -> str:
    fields = {"rule": "contact.channel-missing", "path": CONTACT, "line": 3, "reason": "r", "owner": "o", **keys}
    body = ", ".join(f"{key}: {value}" for key, value in fields.items() if value is not None)
    return "waivers:\n  - {" + body + "}\n"


BOMB = ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nwaivers: [*c]\n")

# (id, waivers.yml, line, rule, words the message must say)
CASES = [
    ("alias-bomb", BOMB, 1, "data.alias", "anchor"),
    ("python-tag", 'waivers:\n  - !!python/object/apply:os.system ["touch /tmp/x"]\n', 2, "data.tag", "tag"),
    ("duplicate-key", "waivers:\n  - rule: contact.channel-missing\n    rule: consistency.deadline\n"
                      f"    path: {CONTACT}\n    line: 3\n    reason: r\n    owner: o\n", 3, "data.duplicate-key", "twice"),
    ("list-is-a-scalar", "waivers: everything\n", 1, "data.schema", "must list"),
    ("entry-is-a-string", "waivers:\n  - contact.channel-missing\n", 2, "data.schema", "mapping"),
    ("unknown-rule", entry(rule="contact.nope"), 2, "waiver.unknown-rule", "not a rule id"),
    ("not-waivable", entry(rule="archive.rewritten"), 2, "waiver.not-waivable", "cannot be waived"),
    ("traversal", entry(path="../../../etc/passwd", line=None, match="root"), 2, "waiver.path", "../../../etc/passwd"),
    ("absolute-path", entry(path="/etc/passwd"), 2, "waiver.path", "/etc/passwd"),
    ("backslash-path", entry(path="'..\\\\..\\\\x.md'"), 2, "waiver.path", "not a file of this project"),
    ("no-line-no-match", entry(line=None), 2, "data.schema", "no line and no text"),
    ("negative-line", entry(line=-3), 2, "data.schema", "line number from 1"),
    ("line-as-words", entry(line="three"), 2, "data.schema", "line number from 1"),
    ("line-astronomical", entry(line=10**23), 2, "waiver.unmatched", "matches no finding"),
    ("no-reason", entry(reason=None), 2, "data.schema", "reason"),
    ("empty-owner", entry(owner="''"), 2, "data.schema", "owner"),
    ("unknown-key", entry(expires="never"), 2, "data.schema", "expires"),
    ("matches-nothing", entry(), 2, "waiver.unmatched", "delete the waiver"),
]


@pytest.mark.parametrize("text, line, rule, words", [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_a_hostile_waiver_file_is_one_clear_finding(tmp_path: Path, text: str, line: int, rule: str,
                                                     words: str) -> None:
    answer = judge_bounded(materialise(tmp_path / "p", {"files": {WAIVERS: text}}))
    has(answer, WAIVERS, line, rule, words)


def test_a_huge_match_text_is_shortened_in_the_message(tmp_path: Path) -> None:
    answer = judge_bounded(materialise(tmp_path / "p", {"files": {WAIVERS: entry(line=None, match="x" * 200_000)}}))
    has(answer, WAIVERS, 2, "waiver.unmatched", "…")
    assert all(len(finding["text"]) < 1_000 for finding in answer["findings"])


def test_a_path_written_with_dot_slash_is_the_project_file(tmp_path: Path) -> None:
    """The passing side of waiver.path: `./docs/…` names a project file (it then only matches nothing here)."""
    answer = judge_bounded(materialise(tmp_path / "p", {"files": {WAIVERS: entry(path=f"./{CONTACT}")}}))
    assert [finding["rule"] for finding in answer["findings"]] == ["waiver.unmatched"]
    assert CONTACT + ":3" in answer["findings"][0]["text"]
