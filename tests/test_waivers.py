"""data/waivers.yml: one accepted finding per waiver, with a reason and an owner (policysite/waivers.py)."""

from __future__ import annotations

from pathlib import Path

from rulefixtures import judged, materialise

TYPED = {"edits": [{"file": "docs/zh/sections/contact.md", "old": "{{ contact.email }}", "new": "{{ contact.email }}（或privacy@example.cn）"}]}


def _project(tmp_path: Path, waivers: str | None, spec: dict = TYPED) -> Path:
    root = materialise(tmp_path / "p", spec)
    if waivers is not None:
        (root / "data" / "waivers.yml").write_text(waivers, encoding="utf-8")
    return root


def _found(root: Path) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.rule) for f in judged(root)]


def test_without_a_waiver_the_finding_fails(tmp_path: Path) -> None:
    assert _found(_project(tmp_path, None)) == [("docs/zh/sections/contact.md", 3, "contact.literal")]


def test_a_waiver_by_line_accepts_the_finding(tmp_path: Path) -> None:
    root = _project(tmp_path, """waivers:
  - rule: contact.literal
    path: docs/zh/sections/contact.md
    line: 3
    reason: The second mailbox is being set up in data; until then it is typed.
    owner: Jane Doe (Legal)
""")
    assert _found(root) == []


def test_a_waiver_by_text_accepts_the_finding(tmp_path: Path) -> None:
    root = _project(tmp_path, """waivers:
  - {rule: contact.literal, path: docs/zh/sections/contact.md, match: privacy@example.cn, reason: r, owner: o}
""")
    assert _found(root) == []


def test_a_waiver_accepts_only_its_own_rule(tmp_path: Path) -> None:
    root = _project(tmp_path, """waivers:
  - {rule: contact.domain-foreign, path: docs/zh/sections/contact.md, line: 3, reason: r, owner: o}
""")
    assert _found(root) == [("data/waivers.yml", 2, "waiver.unmatched"),
                            ("docs/zh/sections/contact.md", 3, "contact.literal")]


def test_a_waiver_that_matches_nothing_is_an_error(tmp_path: Path) -> None:
    root = _project(tmp_path, """# accepted findings
waivers:
  - rule: contact.literal
    path: docs/zh/sections/contact.md
    line: 3
    reason: r
    owner: o
  - rule: debris.word
    path: docs/zh/sections/intro.md
    match: OLE_LINK2
    reason: The bookmark was removed long ago.
    owner: o
""")
    found = judged(root)
    assert [(f.path, f.line, f.rule) for f in found] == [("data/waivers.yml", 8, "waiver.unmatched")]
    assert "`debris.word` at docs/zh/sections/intro.md containing “OLE_LINK2”" in found[0].problem
    assert "delete the waiver" in found[0].fix


def test_reason_and_owner_are_mandatory(tmp_path: Path) -> None:
    root = _project(tmp_path, """waivers:
  - rule: contact.literal
    path: docs/zh/sections/contact.md
    line: 3
    reason: ""
""")
    found = judged(root)
    assert [(f.path, f.line, f.rule) for f in found] == [("data/waivers.yml", 2, "data.schema"),
                                                         ("data/waivers.yml", 5, "data.schema")]
    assert "`waivers.0.owner` is missing" in found[0].problem


def test_a_waiver_must_name_a_line_or_a_text(tmp_path: Path) -> None:
    root = _project(tmp_path, "waivers:\n  - {rule: contact.literal, path: docs/zh/sections/contact.md, reason: r, owner: o}\n")
    found = judged(root)
    assert [(f.path, f.line, f.rule) for f in found] == [("data/waivers.yml", 2, "data.schema")]
    assert "`line:`" in found[0].fix


def test_an_unknown_rule_gets_a_suggestion(tmp_path: Path) -> None:
    root = _project(tmp_path, "waivers:\n  - {rule: contact.literals, path: docs/zh/sections/contact.md, line: 3, reason: r, owner: o}\n")
    found = judged(root)
    assert [(f.path, f.line, f.rule) for f in found] == [("data/waivers.yml", 2, "waiver.unknown-rule"),
                                                         ("docs/zh/sections/contact.md", 3, "contact.literal")]
    assert "did you mean `contact.literal`?" in found[0].fix


def test_a_waiver_accepts_one_finding_not_every_line_with_the_text(tmp_path: Path) -> None:
    spec = {"edits": TYPED["edits"] + [{"file": "docs/zh/sections/updates.md", "old": "变更。", "new": "变更。来信请寄privacy@example.cn。"}]}
    root = _project(tmp_path, "waivers:\n  - {rule: contact.literal, path: docs/zh/sections/contact.md, match: privacy@, reason: r, owner: o}\n", spec)
    assert _found(root) == [("docs/zh/sections/updates.md", 3, "contact.literal")]
    spec = {"edits": [{"file": "docs/zh/sections/contact.md", "old": "与我们联系。",
                       "new": "与我们联系（或privacy@example.cn）。\n\n备用：privacy@example.cn。"}]}
    root = _project(tmp_path / "two", "waivers:\n  - {rule: contact.literal, path: docs/zh/sections/contact.md, match: privacy@, reason: r, owner: o}\n", spec)
    assert ("data/waivers.yml", 2, "waiver.ambiguous") in _found(root)


def test_unmatched_waivers_wait_for_a_full_load(tmp_path: Path) -> None:
    """When loading stops early some rules cannot run, so a waiver is not called stale then."""
    spec = {"edits": [{"file": "docs/zh/sections/contact.md", "old": "{{ contact.email }}", "new": "{{ contact.emial }}"}]}
    root = _project(tmp_path, "waivers:\n  - {rule: debris.word, path: docs/zh/sections/intro.md, line: 1, reason: r, owner: o}\n", spec)
    found = _found(root)
    assert ("docs/zh/sections/contact.md", 3, "placeholder.unknown") in found
    assert not [f for f in found if f[0] == "data/waivers.yml"]


def test_a_finding_made_while_loading_is_a_known_id_that_cannot_be_waived(tmp_path: Path) -> None:
    """A waiver cannot let an unassembled policy through: it is told so, not that the id is unknown."""
    spec = {"edits": [{"file": "docs/zh/sections/contact.md", "old": "{{ contact.email }}", "new": "{{ contact.emial }}"}]}
    root = _project(tmp_path, "waivers:\n  - {rule: placeholder.unknown, path: docs/zh/sections/contact.md, line: 3, "
                              "reason: r, owner: o}\n", spec)
    found = judged(root)
    assert ("data/waivers.yml", 2, "waiver.not-waivable") in [(f.path, f.line, f.rule) for f in found]
    assert ("docs/zh/sections/contact.md", 3, "placeholder.unknown") in [(f.path, f.line, f.rule) for f in found]
    problem = next(f for f in found if f.rule == "waiver.not-waivable")
    assert "`placeholder.unknown` cannot be waived: it stops the policy from being assembled" in problem.problem
    assert "python -m policysite rules" in problem.fix


def test_a_later_stage_finding_cannot_be_waived_either(tmp_path: Path) -> None:
    root = _project(tmp_path, "waivers:\n  - {rule: contact.literal, path: docs/zh/sections/contact.md, line: 3, reason: r, owner: o}\n"
                              "  - {rule: wechat.verification-name, path: data/wechat.yml, line: 1, reason: r, owner: o}\n")
    (root / "data" / "wechat.yml").write_text("verification_file: {name: verify.txt, content: \"abc\"}\n", encoding="utf-8")
    assert _found(root) == [("data/waivers.yml", 3, "waiver.not-waivable"), ("data/wechat.yml", 1, "wechat.verification-name")]


def test_an_unknown_rule_is_not_suggested_a_finding_that_cannot_be_waived(tmp_path: Path) -> None:
    root = _project(tmp_path, "waivers:\n  - {rule: data.schemas, path: data/contact.yml, line: 1, reason: r, owner: o}\n"
                              "  - {rule: contact.literal, path: docs/zh/sections/contact.md, line: 3, reason: r, owner: o}\n")
    found = judged(root)
    assert [(f.path, f.line, f.rule) for f in found] == [("data/waivers.yml", 2, "waiver.unknown-rule")]
    assert "data.schema`" not in found[0].fix
