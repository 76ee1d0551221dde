"""Finding ids made outside rules/ (policysite/rules/elsewhere.py): judge() reports them, no waiver accepts them.

Most are tested with the module that makes them; these are the ones no other test made.
"""

from __future__ import annotations

from pathlib import Path

from policysite.rules import RULES
from rulefixtures import judged, materialise


def _found(root: Path) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.rule) for f in judged(root)]


def test_a_data_file_that_is_not_utf8(tmp_path: Path) -> None:
    root = materialise(tmp_path / "p", {})
    (root / "data" / "contact.yml").write_bytes("email: 隐私@example.cn\n".encode("gb18030"))
    assert _found(root) == [("data/contact.yml", 1, "data.encoding")]


def test_a_section_file_that_is_not_utf8(tmp_path: Path) -> None:
    root = materialise(tmp_path / "p", {})
    path = root / "docs" / "zh" / "sections" / "minors.md"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    assert ("docs/zh/sections/minors.md", 1, "section.encoding") in _found(root)


def test_a_language_without_its_page_file(tmp_path: Path) -> None:
    root = materialise(tmp_path / "p", {"files": {"docs/en/index.md": None}})
    assert _found(root) == [("docs/en/index.md", 1, "page.missing")]


def test_a_placeholder_with_a_filter_is_refused_before_it_is_filled(tmp_path: Path) -> None:
    root = materialise(tmp_path / "p", {"edits": [{"file": "docs/zh/sections/contact.md", "old": "{{ contact.email }}",
                                                    "new": "{{ contact.email | nosuch }}"}]})
    assert _found(root) == [("docs/zh/sections/contact.md", 3, "placeholder.expression")]


def test_none_of_them_can_be_waived_and_each_says_why() -> None:
    elsewhere = [rule for rule in RULES.values() if rule.check is None]
    assert len(elsewhere) >= 30
    for rule in elsewhere:
        assert not rule.waivable and len(rule.not_waivable) > 40, rule.id
        assert rule.checked_in.startswith("policysite/"), rule.id
    # Of the rules that judge the text, only those guarding readers' browsers cannot be waived.
    fix_only = {rule.id for rule in RULES.values() if rule.check is not None and not rule.waivable}
    assert fix_only == {"section.html", "section.html-nesting"}
    assert all(len(RULES[rule_id].not_waivable) > 40 for rule_id in fix_only)
