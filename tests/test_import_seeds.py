"""Import the seed texts for real and compare with the hand-converted sites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import FLAGSHIP
from import_support import SEEDS, imported_corpus, run_import, unaccounted

ZH = SEEDS / "000_0065efb958944d20.txt"
EN = SEEDS / "001_bdfbbbc36dd44506.txt"
S003 = SEEDS / "003_55ffab5a0a8bdfc8.txt"
FAITHFUL = Path(__file__).resolve().parent / "fixtures" / "site-003" / "faithful"


def _roles(policy: dict) -> list[str]:
    return [s.get("role") or s["roles"][0] for s in policy["sections"]]


@pytest.fixture(scope="module")
def flagship_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("flagship")
    result = run_import(f"zh={ZH}", f"en={EN}", "--into", str(root))
    assert result.returncode == 0, result.stderr
    return root, result.stdout


def test_flagship_sections_and_roles_match_the_hand_conversion(flagship_import: tuple[Path, str]) -> None:
    root, _ = flagship_import
    imported = yaml.safe_load((root / "data/policy.yml").read_text(encoding="utf-8"))
    flagship = yaml.safe_load((FLAGSHIP / "data/policy.yml").read_text(encoding="utf-8"))
    assert _roles(imported) == _roles(flagship)
    storage = next(s for s in imported["sections"] if s["id"] == "storage")
    assert storage["roles"] == ["storage", "security"]  # 存储和保护
    assert [l["code"] for l in imported["languages"]] == ["zh", "en"] and imported["default_language"] == "zh"
    for language in ("zh", "en"):
        rights = (root / f"docs/{language}/sections/rights.md").read_text(encoding="utf-8")
        assert len(re.findall(r"(?m)^## ", rights)) == 7
        assert not re.search(r"(?m)^# [1-9]", rights)  # heading numbers removed
    intro = (root / "docs/zh/sections/intro.md").read_text(encoding="utf-8")
    assert "{{ contents }}" in intro and "一、" not in intro


def test_flagship_facts_are_in_data(flagship_import: tuple[Path, str]) -> None:
    root, _ = flagship_import
    company = yaml.safe_load((root / "data/company.yml").read_text(encoding="utf-8"))
    flagship = yaml.safe_load((FLAGSHIP / "data/company.yml").read_text(encoding="utf-8"))
    for key in ("legal_name", "address", "website", "domains"):
        assert company[key] == flagship[key], key
    contact = yaml.safe_load((root / "data/contact.yml").read_text(encoding="utf-8")) or {}
    assert contact.get("response_days") == 15
    assert contact.get("email") is None  # info@xomery.asia is not on the company's domain: left for the owner
    inventory = yaml.safe_load((root / "data/inventory.yml").read_text(encoding="utf-8"))
    assert [row["scenario"] for row in inventory["rows"]][2:] == ["个人中心：账号信息", "个人中心：收货信息", "个人中心：发票信息"]
    assert "{{ company.legal_name }}" in (root / "docs/en/sections/intro.md").read_text(encoding="utf-8")


def test_flagship_review_notes_keep_bookmarks_and_both_comments(flagship_import: tuple[Path, str]) -> None:
    root, _ = flagship_import
    notes = (root / "REVIEW-NOTES.md").read_text(encoding="utf-8")
    for name in ("OLE_LINK1", "OLE_LINK2", "OLE_LINK3", "OLE_LINK5", "OLE_LINK14", "附件"):
        assert f"[bookmark: {name}]" in notes
    assert "请公司确认微信小程序是否存在使用Cookie或同类技术的情况。如有的，请对实际使用情况予以描述。" in notes
    assert "根据相关法律法规，我们建议公司在网站和小程序中配置在线注销功能。" in notes
    assert notes.count("Comment by C&F") == 2


def test_flagship_gate_reports_the_real_defects(flagship_import: tuple[Path, str]) -> None:
    _, output = flagship_import
    assert re.search(r"docs/zh/sections/intro\.md:\d+: (date\.text-incomplete|placeholder\.unfilled): .*【】", output)
    assert re.search(r"docs/(zh|en)/sections/contact\.md:\d+: contact\.domain-typo: .*xomery\.asia", output)
    assert "docs/en/sections/appendix.md:1: section.missing" in output
    assert re.search(r"^Imported, \d+ findings to resolve", output, re.M)


@pytest.mark.parametrize("sources", [(("zh", ZH), ("en", EN)), (("zh", S003),)])
def test_nothing_is_lost(sources: tuple, tmp_path: Path) -> None:
    result = run_import(*(f"{lang}={path}" for lang, path in sources), "--into", str(tmp_path))
    assert result.returncode == 0, result.stderr
    corpus = imported_corpus(tmp_path)
    for _, path in sources:
        paragraphs = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert unaccounted(paragraphs, corpus) == []


def test_nothing_lost_check_catches_a_dropped_paragraph(tmp_path: Path) -> None:
    result = run_import(f"zh={S003}", "--into", str(tmp_path))
    assert result.returncode == 0
    section = tmp_path / "docs/zh/sections/minors.md"
    kept = [line for line in section.read_text(encoding="utf-8").splitlines() if "14周岁" not in line]
    section.write_text("\n".join(kept), encoding="utf-8")
    paragraphs = [line for line in S003.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(unaccounted(paragraphs, imported_corpus(tmp_path))) == 1


def _render(text: str, company: dict, contact: dict, policy: dict) -> str:
    values = {f"company.{k}": v for k, v in company.items()} | {f"contact.{k}": v for k, v in contact.items()}
    for key in ("effective", "updated"):
        if key in policy:
            d = policy[key]
            values[f"policy.{key}"] = f"{d.year}年{d.month}月{d.day}日"
    return re.sub(r"\{\{ ([a-z_.]+) \}\}", lambda m: str(values.get(m.group(1), m.group(0))), text)


MARK = re.compile(r"^(?:\s*(?:\d+\.|-|\\)\s*)+")
IN_PAGE_LINK = re.compile(r"\[([^\]\n]*)\]\(#[^)\n]*\)")


def _blocks(text: str) -> list[str]:
    return [MARK.sub("", b).strip() for b in re.split(r"\n\s*\n|\n(?=\s*(?:\d+\.|-) )", text)
            if b.strip() and MARK.sub("", b).strip() and b.strip() not in ("{{ contents }}",)]


def test_seed_003_matches_the_faithful_conversion(tmp_path: Path) -> None:
    result = run_import(f"zh={S003}", "--into", str(tmp_path))
    assert result.returncode == 0, result.stderr
    load = lambda p: yaml.safe_load(p.read_text(encoding="utf-8")) or {}  # noqa: E731
    policy, expected = load(tmp_path / "data/policy.yml"), load(FAITHFUL / "data/policy.yml")
    assert [s["id"] for s in policy["sections"]] == [s["id"] for s in expected["sections"]]
    assert _roles(policy) == _roles(expected)
    assert policy["effective"] == expected["effective"] and policy["updated"] == expected["updated"]
    assert policy["title"] == expected["title"]
    company, contact = load(tmp_path / "data/company.yml"), load(tmp_path / "data/contact.yml")
    faithful_company, faithful_contact = load(FAITHFUL / "data/company.yml"), load(FAITHFUL / "data/contact.yml")
    for key in ("legal_name", "address", "domains"):
        assert company[key] == faithful_company[key], key
    assert contact["email"] == faithful_contact["email"]
    assert contact["response_days"] == faithful_contact["response_days"]
    for section in expected["sections"]:
        mine = _render((tmp_path / f"docs/zh/sections/{section['id']}.md").read_text(encoding="utf-8"),
                       company, contact, policy)
        mine = IN_PAGE_LINK.sub(r"\1", mine)  # the import links a typed 第十一条 to its section: same words
        theirs = (FAITHFUL / f"docs/zh/sections/{section['id']}.md").read_text(encoding="utf-8")
        assert _blocks(mine) == _blocks(theirs), section["id"]
