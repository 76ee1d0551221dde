"""An imported policy is a working project: a clean source imports with no finding and builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import MACHINERY, PROJECT, run_policysite
from import_support import run_import

CLEAN = Path(__file__).resolve().parent / "fixtures" / "import" / "clean-zh.md"


def test_a_clean_policy_imports_without_findings_and_builds(tmp_path: Path) -> None:
    root = tmp_path / "company"
    root.mkdir()
    for name in MACHINERY:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / name)
    result = run_import(f"zh={CLEAN}", "--into", str(root))
    assert result.returncode == 0, result.stderr
    assert "Imported, 0 findings" in result.stdout, result.stdout
    company = yaml.safe_load((root / "data/company.yml").read_text(encoding="utf-8"))
    assert company == {"website": "www.example.com", "domains": ["example.com"], "legal_name": "示例科技有限公司",
                       "address": "上海市徐汇区示例路1号"}
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- locale: en" not in config and "site_name: 隐私政策" in config
    check = run_policysite(root, "check")
    assert check.returncode == 0, check.output
    build = run_policysite(root, "build", "--site-dir", "site")
    assert build.returncode == 0, build.output
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "示例科技有限公司（“我们”），位于上海市徐汇区示例路1号" in page
    assert "privacy@example.com" in page and "2025年3月1日" in page
    assert not (root / "site" / "en").exists()
