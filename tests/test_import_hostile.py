"""Input no policy should be: each gives one clear line or a clean import, never a traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from import_support import SEEDS, run_import

S003 = SEEDS / "003_55ffab5a0a8bdfc8.txt"


def _refused(result, *words: str) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.startswith("Import refused: ")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_import(f"zh={tmp_path / 'empty.txt'}", "--into", str(tmp_path / "p"))
    _refused(result, "the file is empty")
    assert not (tmp_path / "p" / "data").exists()


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    fake = tmp_path / "policy.docx"
    fake.write_text("这不是Word文件", encoding="utf-8")
    _refused(run_import(f"zh={fake}", "--into", str(tmp_path / "p")), "not a Word file")


def test_zip_that_is_not_word(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _refused(run_import(f"zh={path}", "--into", str(tmp_path / "p")), "no word/document.xml")


def test_zip_bomb_is_refused_from_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(120):  # 120 MB of zeros, about 120 KB compressed
                member.write(chunk)
    assert path.stat().st_size < 1024 * 1024
    _refused(run_import(f"zh={path}", "--into", str(tmp_path / "p")), "zip bomb")


def test_five_megabytes_of_text(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    text = S003.read_text(encoding="utf-8")
    big.write_text(text * (5 * 1024 * 1024 // len(text.encode("utf-8")) + 1), encoding="utf-8")
    result = run_import(f"zh={big}", "--into", str(tmp_path / "p"))
    _refused(result, "MB of text")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_chinese_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    source = tmp_path / f"policy-{encoding}.txt"
    source.write_bytes(S003.read_text(encoding="utf-8").encode(encoding))
    result = run_import(f"zh={source}", "--into", str(tmp_path / "p"))
    assert result.returncode == 0, result.stderr
    company = yaml.safe_load((tmp_path / "p/data/company.yml").read_text(encoding="utf-8"))
    assert company["legal_name"] == "万物云空间科技服务股份有限公司"
    assert "我们如何收集和使用您的个人信息" in (tmp_path / "p/docs/zh/sections/collection.md").read_text(encoding="utf-8")


def test_text_without_headings_imports_into_the_introduction(tmp_path: Path) -> None:
    source = tmp_path / "plain.txt"
    source.write_text("我们重视您的个人信息。\n我们仅在必要时收集您的手机号。\n", encoding="utf-8")
    result = run_import(f"zh={source}", "--into", str(tmp_path / "p"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "我们仅在必要时收集您的手机号。" in (tmp_path / "p/docs/zh/sections/intro.md").read_text(encoding="utf-8")
    assert "disclosure.role-missing" in result.stdout  # the gate says what the policy still lacks


def test_bad_arguments(tmp_path: Path) -> None:
    _refused(run_import("policy.txt", "--into", str(tmp_path)), "LANG=PATH")
    _refused(run_import(f"zh={tmp_path / 'missing.txt'}", "--into", str(tmp_path)), "no such file")
    _refused(run_import(f"zh={S003}", "--default", "en", "--into", str(tmp_path)), "no source was given for `en`")


def test_refuses_to_overwrite_a_policy_unless_replace(tmp_path: Path) -> None:
    project = tmp_path / "p"
    assert run_import(f"zh={S003}", "--into", str(project)).returncode == 0
    (project / "archive").mkdir()
    (project / "archive" / "archive.lock.json").write_text("{}", encoding="utf-8")
    # The old company's documents and recipients: site.yml names its policy's id, which the new one does not have.
    (project / "data/site.yml").write_text("documents:\n  - {id: old-policy, kind: privacy-policy}\n", encoding="utf-8")
    (project / "data/third_parties.yml").write_text("rows: []\n", encoding="utf-8")
    before = (project / "data/policy.yml").read_text(encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("一、适用范围\n本政策适用于本网站。\n二、如何联系我们\n请写信给我们。\n", encoding="utf-8")
    _refused(run_import(f"zh={plain}", "--into", str(project)), "already holds a policy", "--replace")
    assert (project / "data/policy.yml").read_text(encoding="utf-8") == before
    result = run_import(f"zh={plain}", "--into", str(project), "--replace")
    assert result.returncode == 0, result.stderr
    policy = yaml.safe_load((project / "data/policy.yml").read_text(encoding="utf-8"))
    assert [s["id"] for s in policy["sections"]] == ["intro", "scope", "contact"]
    assert not (project / "archive").exists()
    assert not (project / "docs/zh/sections/collection.md").exists()
    assert not (project / "data/site.yml").exists() and not (project / "data/third_parties.yml").exists()
