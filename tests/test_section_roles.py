"""A section may carry several roles (`roles: [storage, security]`); `role:` keeps working."""

from __future__ import annotations

from pathlib import Path

from rulefixtures import judged, materialise



def test_roles_list_satisfies_every_role_it_names(tmp_path: Path) -> None:
    # The sharing section loses its role; storage's list names `sharing`, so the disclosure is found.
    root = materialise(tmp_path / "p", {"edits": [
        {"file": "data/policy.yml", "old": "{id: storage, role: storage}", "new": "{id: storage, roles: [storage, security, sharing]}"},
        {"file": "data/policy.yml", "old": "{id: sharing, role: sharing}", "new": "{id: sharing, role: other}"}]})
    assert [f.rule for f in judged(root)] == []


def test_without_the_roles_list_the_role_is_missing(tmp_path: Path) -> None:
    root = materialise(tmp_path / "p", {"edits": [
        {"file": "data/policy.yml", "old": "{id: sharing, role: sharing}", "new": "{id: sharing, role: other}"}]})
    found = judged(root)
    assert [f.rule for f in found] == ["disclosure.role-missing"] * 2
    assert all("`sharing`" in f.problem for f in found)


def test_unknown_role_in_a_list_is_named(tmp_path: Path) -> None:
    root = materialise(tmp_path / "p", {"edits": [
        {"file": "data/policy.yml", "old": "{id: storage, role: storage}", "new": "{id: storage, roles: [storage, securty]}"}]})
    found = judged(root)
    assert [(f.path, f.line, f.rule) for f in found] == [("data/policy.yml", 15, "data.schema")]
    assert "`sections.2.roles.1` is `securty`" in found[0].problem and "did you mean `security`?" in found[0].fix


def test_role_and_roles_together_are_refused(tmp_path: Path) -> None:
    root = materialise(tmp_path / "p", {"edits": [
        {"file": "data/policy.yml", "old": "{id: storage, role: storage}", "new": "{id: storage, role: storage, roles: [storage]}"}]})
    found = judged(root)
    assert [f.rule for f in found] == ["data.schema"] and "both `role` and `roles`" in found[0].problem


def test_a_missing_fact_does_not_hide_the_text_findings(tmp_path: Path) -> None:
    """A blank required value is reported, and the text rules still run on every section."""
    root = materialise(tmp_path / "p", {"edits": [
        {"file": "data/contact.yml", "old": "email:", "new": "# email:"}]})
    contact = next(root.glob("docs/zh/sections/contact.md"))
    contact.write_text(contact.read_text(encoding="utf-8") + "\n本政策于【】生效。\n", encoding="utf-8")
    rules = {f.rule for f in judged(root)}
    assert "data.schema" in rules and "placeholder.unfilled" in rules
