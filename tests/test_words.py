"""Interface words: one catalogue per language; a language without one, or with one lacking words, is a finding."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, Project, copy_project
from policysite.findings import PolicyError
from policysite.judge import judge
from policysite.words import CORE_DIR, REFERENCE, WordsMissing, catalogue, check, words

sys.path.insert(0, str(PROJECT / "bench"))
from synthetic import _add_languages  # noqa: E402  (bench's own way of adding a language)


def judged(root: Path) -> list[str]:
    try:
        judge(root, commit_date=lambda *_: None)
    except PolicyError as error:
        return [f.format() for f in error.findings]
    return []


@pytest.fixture
def three_languages(tmp_path: Path) -> Path:
    """The flagship with a third language, French, added the way bench adds one (English text, project words)."""
    root = copy_project(tmp_path / "project").root
    _add_languages(root, 3)
    return root


def test_the_core_catalogues_agree_with_the_reference() -> None:
    """zh.yml has every key and every {placeholder} of en.yml: the two the core ships pass their own check."""
    assert sorted(path.stem for path in CORE_DIR.glob("*.yml")) == ["en", "zh"]
    assert check(["zh", "en"], None, where={}) == []
    reference = yaml.safe_load((CORE_DIR / f"{REFERENCE}.yml").read_text(encoding="utf-8"))
    assert {group: set(texts) for group, texts in catalogue("zh").items()} == \
        {group: set(texts) for group, texts in reference.items()}


def test_words_come_from_the_catalogue() -> None:
    assert words("zh", "labels")["appendix"] == "附件：" and words("en", "not_found")["title"] == "Page not found"
    with pytest.raises(WordsMissing):
        words("fr", "labels")  # no silent English: judge() reports the language before any page is made


def test_a_language_with_project_words_builds_its_pages_from_them(three_languages: Path) -> None:
    assert (three_languages / "data" / "words" / "fr.yml").is_file()
    assert judged(three_languages) == []
    (three_languages / "data" / "words" / "fr.yml").write_text(
        (CORE_DIR / "en.yml").read_text(encoding="utf-8").replace("appendix: 'Appendix: '", "appendix: 'Annexe : '"),
        encoding="utf-8")
    policy = judge(three_languages, commit_date=lambda *_: None)
    assert "## Annexe : " in policy.pages["fr"] and "## Appendix: " in policy.pages["en"]


def test_a_language_without_words_fails_at_its_declaration(three_languages: Path) -> None:
    (three_languages / "data" / "words" / "fr.yml").unlink()
    found = [line for line in judged(three_languages) if "site.words-missing" in line]
    assert len(found) == 1, found
    policy_lines = (three_languages / "data" / "policy.yml").read_text(encoding="utf-8").splitlines()
    path, line = found[0].split(":")[:2]
    assert path == "data/policy.yml" and "fr" in policy_lines[int(line) - 1], policy_lines[int(line) - 1]
    assert "`fr`" in found[0] and "add data/words/fr.yml" in found[0]


def test_a_catalogue_lacking_words_or_placeholders_fails_naming_the_key(three_languages: Path) -> None:
    path = three_languages / "data" / "words" / "fr.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  skip: Skip to the text\n", "")
    text = text.replace("feed_entry: Version {version}, effective {effective}", "feed_entry: Version {version}")
    path.write_text(text, encoding="utf-8")
    found = [line for line in judged(three_languages) if "site.words-incomplete" in line]
    assert len(found) == 2, found
    lines = text.splitlines()
    by_key = {("labels.skip" if "labels.skip" in f else "archive.feed_entry"): f for f in found}
    missing, fields = by_key["labels.skip"], by_key["archive.feed_entry"]
    assert missing.startswith("data/words/fr.yml:") and lines[int(missing.split(":")[1]) - 1] == "labels:"
    assert "Skip to the text" in missing  # the English text to translate
    assert lines[int(fields.split(":")[1]) - 1].strip() == "feed_entry: Version {version}"
    assert "['effective', 'version']" in fields


def test_a_project_may_reword_a_core_language(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project").root
    (root / "data" / "words").mkdir()
    (root / "data" / "words" / "zh.yml").write_text("labels:\n  appendix: 附录：\n", encoding="utf-8")
    policy = judge(root, commit_date=lambda *_: None)
    assert "## 附录：" in policy.pages["zh"]
    (root / "data" / "words" / "zh.yml").write_text("labels:\n  appendix: 附录{n}：\n", encoding="utf-8")
    (finding,) = [line for line in judged(root) if "site.words-incomplete" in line]
    assert finding.startswith("data/words/zh.yml:2:") and "labels.appendix" in finding


def test_a_built_site_prints_the_project_words_of_its_language(three_languages: Path) -> None:
    """The hooks (404 page, headings, web-view) read the same catalogue as the core: the French words, not English."""
    path = three_languages / "data" / "words" / "fr.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Page not found", "title: Page introuvable")
                    .replace("appendix: 'Appendix: '", "appendix: 'Annexe : '")
                    .replace("full_page: View the full web page", "full_page: Voir la page complète"),
                    encoding="utf-8")
    project = Project(three_languages)
    result = project.build()
    assert result.returncode == 0, result.output
    assert "Page introuvable" in (project.site / "fr" / "404.html").read_text(encoding="utf-8")
    assert "Annexe : " in project.page("fr") and "Annexe : " not in project.page("en")
    assert "Voir la page complète" in project.page("fr", "webview")
    assert "Page not found" in (project.site / "en" / "404.html").read_text(encoding="utf-8")


def test_a_released_version_in_a_project_language_reads_its_words_in_the_manifest_and_feed(three_languages: Path) -> None:
    """The manifest and the feeds word a first version from the project's catalogue too (a crash found by `make bench`)."""
    from archive_support import build, never_released, release

    path = three_languages / "data" / "words" / "fr.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("first_version: First version",
                                                             "first_version: Première version"), encoding="utf-8")
    project = never_released(Project(three_languages))
    done = release(project, "--summary", "zh=", "--summary", "en=", "--summary", "fr=", today="2025-02-20")
    assert done.returncode == 0, done.output
    built = build(project, today="2025-02-21")
    assert built.returncode == 0, built.output
    assert '"summary": "Première version"' in (project.site / "policy.json").read_text(encoding="utf-8")
    assert "<summary>Première version</summary>" in (project.site / "fr" / "feed.xml").read_text(encoding="utf-8")
