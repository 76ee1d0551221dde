"""Real Word files, written in the test with python-docx and Word's own XML, imported for real."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import yaml

from docx_builder import build_policy_docx
from import_support import imported_corpus, run_import, unaccounted


def _source_paragraphs(path: Path) -> list[str]:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells if cell.text.strip()]
    return texts


def test_tracked_changes_are_refused_without_a_decision(tmp_path: Path) -> None:
    source = build_policy_docx(tmp_path / "policy.docx")
    project = tmp_path / "project"
    result = run_import(f"zh={source}", "--into", str(project))
    assert result.returncode == 1
    assert "2 unresolved tracked change(s)" in result.stderr and "Traceback" not in result.stderr
    assert not project.exists() or not any(project.rglob("*.yml"))


def test_word_structure_numbering_comments_and_changes(tmp_path: Path) -> None:
    source = build_policy_docx(tmp_path / "policy.docx")
    project = tmp_path / "project"
    result = run_import(f"zh={source}", "--into", str(project), "--accept-changes")
    assert result.returncode == 0, result.stderr
    policy = yaml.safe_load((project / "data/policy.yml").read_text(encoding="utf-8"))
    assert [s["id"] for s in policy["sections"]] == ["intro", "collection", "cookies", "contact"]
    assert policy["title"] == "隐私政策" and str(policy["updated"]) == "2025-03-01"
    notes = (project / "REVIEW-NOTES.md").read_text(encoding="utf-8")
    # Word's automatic numbers (numbering.xml) were seen, then removed from the headings.
    assert "`一、 我们如何收集和使用您的个人信息`" in notes and "`三、 如何联系我们`" in notes
    collection = (project / "docs/zh/sections/collection.md").read_text(encoding="utf-8")
    assert collection.startswith("# 我们如何收集和使用您的个人信息\n")
    assert "## （1） 注册登录" in collection  # Heading 2 with its automatic (1)
    assert "您注册时我们收集您的手机号和电子邮箱。" in collection  # insertion accepted…
    assert "住址" not in collection  # …and deletion accepted
    assert "tracked insertion by Counsel: `和电子邮箱` — accepted by the import" in notes
    assert "tracked deletion by Counsel: `我们也收集您的住址。` — accepted by the import" in notes
    assert "Comment by C&F: 请公司确认是否使用Cookie。" in notes and "Anchored to: 我们的网站使用Cookie。" in notes
    assert "Word bookmark `OLE_LINK1`" in notes and "non-breaking space" in notes and "soft line break" in notes
    inventory = yaml.safe_load((project / "data/inventory.yml").read_text(encoding="utf-8"))
    assert [row["scenario"] for row in inventory["rows"]] == ["注册登录", "注册登录"]  # the merged cell
    assert "{{ inventory }}" in collection
    contact = (project / "docs/zh/sections/contact.md").read_text(encoding="utf-8")
    assert "{{ contact.email }}" in contact and "\u00a0" not in contact
    cookies = (project / "docs/zh/sections/cookies.md").read_text(encoding="utf-8")
    assert "我们的网站使用Cookie。\n您可以在浏览器中删除Cookie。" in cookies
    assert unaccounted(_source_paragraphs(source), imported_corpus(project)) == []
    assert re.search(r"^Imported, \d+ findings? to resolve", result.stdout, re.M)


def test_rejecting_changes_keeps_the_original_words(tmp_path: Path) -> None:
    source = build_policy_docx(tmp_path / "policy.docx")
    project = tmp_path / "project"
    result = run_import(f"zh={source}", "--into", str(project), "--reject-changes")
    assert result.returncode == 0, result.stderr
    collection = (project / "docs/zh/sections/collection.md").read_text(encoding="utf-8")
    assert "您注册时我们收集您的手机号。我们也收集您的住址。" in collection
    assert "— rejected by the import" in (project / "REVIEW-NOTES.md").read_text(encoding="utf-8")
