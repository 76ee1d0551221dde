"""WeChat's domain verification file: from data/wechat.yml, byte-exact at the site root."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FLAGSHIP, Project
from policysite.data import load_data
from policysite.wechat import verification_file


def dataset(tmp_path: Path, wechat: str | None):
    data = tmp_path / "data"
    data.mkdir(parents=True)
    for name in ("company", "contact", "policy"):
        (data / f"{name}.yml").write_text((FLAGSHIP / "data" / f"{name}.yml").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    if wechat is not None:
        (data / "wechat.yml").write_text(wechat, encoding="utf-8")
    loaded, findings = load_data(data, tmp_path)
    assert findings == []
    return loaded


def test_no_data_file_means_no_file_and_no_error(tmp_path: Path):
    assert verification_file(dataset(tmp_path, None)) == (None, [])


def test_a_file_of_comments_means_no_file(tmp_path: Path):
    assert verification_file(dataset(tmp_path, "# verification_file: {name: …}\n")) == (None, [])


@pytest.mark.parametrize("name, content", [
    ("6ynZPDvfTF.txt", "0b1f6f3e1b9c4b4d8e2a7c5d9f0a1b2c"),
    ("MP_verify_a1B2c3D4e5F6g7H8.txt", "a1B2c3D4e5F6g7H8"),
])
def test_names_wechat_issues_are_accepted(tmp_path: Path, name, content):
    found, findings = verification_file(dataset(tmp_path, f'verification_file:\n  name: {name}\n  content: "{content}"\n'))
    assert findings == []
    assert found is not None and found.name == name and found.content == content.encode("ascii")


@pytest.mark.parametrize("name", ["../6ynZPDvfTF.txt", "well-known/6ynZPDvfTF.txt", "6ynZPDvfTF.html",
                                  "abc.txt", "校验文件1234.txt", "MP_verify_short.txt", "index.html"])
def test_other_names_are_refused_naming_file_and_key(tmp_path: Path, name):
    found, findings = verification_file(dataset(tmp_path, f'verification_file:\n  name: "{name}"\n  content: "abc"\n'))
    assert found is None
    (finding,) = findings
    assert (finding.path, finding.line, finding.rule) == ("data/wechat.yml", 2, "wechat.verification-name")
    assert "verification_file.name" in finding.problem and ".txt" in finding.fix


@pytest.mark.parametrize("content, problem", [
    ("01234567", "read as the int"),  # YAML reads unquoted digits as a number (and 0… as octal)
    ('"abc def"', "one line"),
    ("|\n    abcdef\n", "one line"),  # a block scalar adds the newline WeChat rejects
    ('"校验码"', "ASCII"),
])
def test_content_must_be_the_exact_code(tmp_path: Path, content, problem):
    _, findings = verification_file(dataset(tmp_path, f"verification_file:\n  name: 6ynZPDvfTF.txt\n  content: {content}\n"))
    (finding,) = findings
    assert (finding.line, finding.rule) == (3, "wechat.verification-content")
    assert problem in finding.problem


def test_official_account_file_must_hold_its_own_code(tmp_path: Path):
    _, findings = verification_file(dataset(
        tmp_path, 'verification_file:\n  name: MP_verify_a1B2c3D4e5F6g7H8.txt\n  content: "zzzzzzzzzzzzzzzz"\n'))
    (finding,) = findings
    assert finding.rule == "wechat.verification-content" and "a1B2c3D4e5F6g7H8" in finding.problem


def test_unknown_and_missing_keys(tmp_path: Path):
    _, findings = verification_file(dataset(tmp_path, "verfication_file:\n  name: 6ynZPDvfTF.txt\n"))
    (finding,) = findings
    assert finding.rule == "data.schema" and "did you mean `verification_file`?" in finding.fix
    _, findings = verification_file(dataset(tmp_path / "b", "verification_file:\n  name: 6ynZPDvfTF.txt\n"))
    (finding,) = findings
    assert finding.rule == "data.schema" and "`verification_file.content` is missing" in finding.problem


def test_the_file_is_served_byte_exact_at_the_root(project: Project):
    project.write("data/wechat.yml", 'verification_file:\n  name: 6ynZPDvfTF.txt\n  content: "0b1f6f3e1b9c4b4d8e2a7c5d9f0a1b2c"\n')
    result = project.build()
    assert result.returncode == 0, result.output
    assert (project.site / "6ynZPDvfTF.txt").read_bytes() == b"0b1f6f3e1b9c4b4d8e2a7c5d9f0a1b2c"
    assert not (project.site / "en" / "6ynZPDvfTF.txt").exists()


def test_no_config_no_file(flagship: Project):
    assert sorted(path.name for path in flagship.site.glob("*.txt")) == ["robots.txt"]


def test_a_bad_name_fails_the_build_before_anything_is_written(project: Project):
    project.write("data/wechat.yml", 'verification_file:\n  name: /var/www/6ynZPDvfTF.txt\n  content: "abc"\n')
    result = project.build()
    assert result.returncode != 0
    assert "data/wechat.yml:2: wechat.verification-name:" in result.output
    assert not project.site.exists()
