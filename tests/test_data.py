"""policysite.data: every data file validated on load, findings name file, line and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FLAGSHIP
from policysite.data import load_data


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    shutil.copytree(FLAGSHIP / "data", tmp_path / "data")
    return tmp_path / "data"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_flagship_data_is_valid(data_dir: Path) -> None:
    dataset, findings = load_data(data_dir, data_dir.parent)
    assert findings == []
    assert dataset.languages == ["zh", "en"]
    assert dataset["contact"]["email"] == "info@xometry.asia"


def test_malformed_yaml_names_file_and_line(data_dir: Path) -> None:
    edit(data_dir / "contact.yml", "response_days: 15", "response_days: [15")
    _, findings = load_data(data_dir, data_dir.parent)
    assert [(f.path, f.rule) for f in findings] == [("data/contact.yml", "data.yaml")]
    assert findings[0].line >= line_of(data_dir / "contact.yml", "response_days")


def test_missing_required_key_names_the_key(data_dir: Path) -> None:
    edit(data_dir / "contact.yml", "email: info@xometry.asia\n", "")
    _, findings = load_data(data_dir, data_dir.parent)
    assert len(findings) == 1
    assert findings[0].rule == "data.schema" and "`email` is missing" in findings[0].problem


def test_unknown_key_suggests_the_closest(data_dir: Path) -> None:
    edit(data_dir / "policy.yml", "updated: 2024-11-18", "updatd: 2024-11-18")
    _, findings = load_data(data_dir, data_dir.parent)
    (finding,) = findings
    assert finding.line == line_of(data_dir / "policy.yml", "updatd:")
    assert "did you mean `updated`" in finding.fix


def test_localized_value_missing_a_language(data_dir: Path) -> None:
    edit(data_dir / "company.yml", "  en: Xometry (Shanghai) Technology Co., Ltd.\n", "")
    _, findings = load_data(data_dir, data_dir.parent)
    (finding,) = findings
    assert finding.path == "data/company.yml" and "`legal_name` has no text for en" in finding.problem


def test_invalid_date_is_a_finding_not_a_traceback(data_dir: Path) -> None:
    edit(data_dir / "policy.yml", "effective: 2024-11-18", "effective: 18/11/2024")
    _, findings = load_data(data_dir, data_dir.parent)
    (finding,) = findings
    assert "`effective` must be a date written YYYY-MM-DD" in finding.problem
    assert finding.line == line_of(data_dir / "policy.yml", "effective:")


def test_impossible_date_is_a_finding(data_dir: Path) -> None:
    edit(data_dir / "policy.yml", "effective: 2024-11-18", "effective: 2024-13-01")
    _, findings = load_data(data_dir, data_dir.parent)
    (finding,) = findings
    assert finding.path == "data/policy.yml" and finding.rule == "data.yaml"
    assert finding.line == line_of(data_dir / "policy.yml", "effective:")


def test_duplicate_section_id(data_dir: Path) -> None:
    edit(data_dir / "policy.yml", "{id: minors, role: minors}", "{id: rights, role: minors}")
    _, findings = load_data(data_dir, data_dir.parent)
    assert any("repeats the section id `rights`" in f.problem for f in findings)


def test_missing_required_file(data_dir: Path) -> None:
    (data_dir / "contact.yml").unlink()
    _, findings = load_data(data_dir, data_dir.parent)
    (finding,) = findings
    assert finding.path == "data/contact.yml" and finding.rule == "data.missing"


def test_inventory_row_missing_a_column(data_dir: Path) -> None:
    text = (data_dir / "inventory.yml").read_text(encoding="utf-8")
    first_method = text.index("    method:")
    # The key and its two language lines: left behind, they would repeat `zh:` and `en:` of `purpose` above.
    end = text.index("\n", text.index("      en:", first_method))
    (data_dir / "inventory.yml").write_text(text[:first_method] + text[end + 1:], encoding="utf-8")
    _, findings = load_data(data_dir, data_dir.parent)
    assert any(f.path == "data/inventory.yml" and "`rows.0.method` is missing" in f.problem for f in findings)


@pytest.mark.parametrize("old, new, problem", [
    ("{id: minors, role: minors}", "{id: [minors], role: minors}", "`sections.6.id` must be a lower-case slug"),
    ("locale: en\n", "locale: english\n", "`languages.1.locale` is not a locale the date formatter knows"),
    ("  - code: en\n", "  - code: [en]\n", "`languages.1.code` must be a two- or three-letter language code"),
    ("  - code: en\n", "  - code: zh\n", "`languages.1.code` repeats the language `zh`"),
    ("languages:\n", "languages: true\nold_languages:\n", "`languages` must list at least one language"),
])
def test_malformed_policy_values_are_findings_not_tracebacks(data_dir: Path, old: str, new: str, problem: str) -> None:
    edit(data_dir / "policy.yml", old, new)
    _, findings = load_data(data_dir, data_dir.parent)
    assert any(problem in f.problem for f in findings), [f.format() for f in findings]


def test_a_data_file_read_again_is_the_file_as_it_is_now_and_each_reader_has_its_own_copy(tmp_path):
    """policysite.yamlfile remembers what each text gave: never for an edited file, never shared with a caller."""
    from policysite.yamlfile import read_yaml

    path = tmp_path / "facts.yml"
    path.write_text("company:\n  name: Example\n  city: Shanghai\n", encoding="utf-8")
    first, problems = read_yaml(path, "data/facts.yml")
    assert first is not None and not problems
    first.value["company"]["name"] = "changed by a caller"
    again, _ = read_yaml(path, "data/facts.yml")
    assert again is not None and again.value == {"company": {"name": "Example", "city": "Shanghai"}}
    assert again.line("company", "city") == 3
    path.write_text("company:\n  name: Example\n  name: Other\n", encoding="utf-8")
    for _ in range(2):  # a finding is given on every read, not only the first
        document, findings = read_yaml(path, "data/facts.yml")
        assert document is None and [(f.path, f.line, f.rule) for f in findings] == [("data/facts.yml", 3, "data.duplicate-key")]
    path.write_text("company:\n  name: Example\n  city: Beijing\n", encoding="utf-8")
    edited, _ = read_yaml(path, "data/facts.yml")
    assert edited is not None and edited.value["company"]["city"] == "Beijing"
