"""A second, independent site from seed 003: converted faithfully it is refused; corrected it builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, FLAGSHIP, Project, copy_project

SITE = FIXTURES / "site-003"
SEED = FIXTURES / "seeds" / "003_55ffab5a0a8bdfc8.txt"

# The seed's real defects, as `path:line: rule` (docs/zh/sections/ omitted).
REAL_DEFECTS = [
    "intro.md:5: placeholder.unfilled",          # 【万物云空间科技服务股份有限公司】
    "intro.md:5: contact.literal",               # the registered address typed in the text
    "intro.md:7: placeholder.unfilled",          # 【弹性定价开源共创】
    "intro.md:9: consistency.section-number",    # 详见本隐私政策第十一条
    "collection.md:9: debris.lone-bullet",
    "collection.md:27: disclosure.sensitive",      # GPS location is 个人敏感信息: no necessity, no impact
    "collection.md:31: consistency.fact-literal",  # the company name typed in a definition
    "exceptions.md:13: consistency.unfinished-sentence",  # (九)为合法的新闻报道所必需的
    "storage.md:13: consistency.unfinished-sentence",     # …除非法律有强制的留存要求
    "exceptions.md:12: disclosure.consent-exception",     # 产品安全稳定运行: a GB/T 35273 ground, not PIPL Art. 13
    "exceptions.md:14: disclosure.consent-exception",     # 学术研究: likewise
    "sharing.md:33: typo.dangling-preposition",          # 我们会在要求…: a stray 在
    "rights.md:8: placeholder.unfilled",         # 【wkwycpnlfzzx@onewo.com】
    "rights.md:8: contact.literal",
    "rights.md:8: consistency.deadline",         # 15个工作日, typed
    "rights.md:13: placeholder.unfilled",        # 【首页下方】
    "rights.md:29: consistency.section-number",  # 第二条, 第十一条
    "minors.md:13: debris.repeated-word",        # 不满14周岁的的任何人
    "contact.md:1: disclosure.contact-channel",  # 如何联系我们 with no contact detail from data
    "contact.md:5: contact.literal",             # the e-mail address and the Wuhan address
    "contact.md:5: consistency.deadline",        # 十五日 (calendar days) against 15 working days
    "contact.md:13: consistency.deadline",       # 十五个工作日, typed
    "security.md:9: naming.variant-spelling",    # 其它 once, 其他 everywhere else
]


@pytest.fixture(scope="module")
def faithful(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return copy_project(tmp_path_factory.mktemp("s003") / "faithful", content=SITE / "faithful")


def test_the_faithful_conversion_keeps_every_line_of_the_seed() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (SITE / "faithful/docs/zh/sections").glob("*.md"))
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^(?:十一|[一二三四五六七八九十])、|^- ", "", line).strip()
        if line and line != "-":
            assert line in text, f"seed line missing from the faithful conversion: {line}"


def test_check_reports_the_real_defects(faithful: Project) -> None:
    result = faithful.check()
    assert result.returncode == 1
    assert "Traceback" not in result.output
    reported = {f"{m.group(1)} {m.group(2)}" for m in re.finditer(r"^docs/zh/sections/(\S+:\d+:) ([a-z.-]+):",
                                                                     result.output, re.M)}
    missing = [defect for defect in REAL_DEFECTS if defect not in reported]
    assert not missing, f"not reported: {missing}\n{result.output}"
    assert re.search(r"^The policy was not published: \d+ problems found", result.output, re.M)


def test_the_build_refuses_it_and_keeps_the_previous_site(faithful: Project) -> None:
    faithful.write("site/index.html", "previous site")
    result = faithful.build()
    assert result.returncode != 0
    assert "placeholder.unfilled" in result.output and "Traceback" not in result.output
    assert faithful.read("site/index.html") == "previous site"
    assert not list(faithful.root.glob(".site-build-*"))


def test_the_corrected_site_builds(tmp_path: Path) -> None:
    corrected = copy_project(tmp_path / "corrected", content=SITE / "corrected")
    check = corrected.check()
    assert check.returncode == 0, check.output
    result = corrected.build()
    assert result.returncode == 0, result.output
    page = corrected.page("zh")
    assert "万物云空间科技服务股份有限公司" in page and "wkwycpnlfzzx@onewo.com" in page
    assert "【" not in page and "】" not in page
    assert 'href="#contact"' in page and "十一、如何联系我们" in page
    assert not (corrected.site / "en").exists()


@pytest.mark.parametrize("variant", ["faithful", "corrected"])
def test_same_machinery_as_the_flagship(variant: str) -> None:
    ours = yaml.safe_load((SITE / variant / "mkdocs.yml").read_text(encoding="utf-8"))
    repo = yaml.safe_load((FLAGSHIP / "mkdocs.yml").read_text(encoding="utf-8"))
    assert ours["hooks"] == repo["hooks"], "update the hooks list of tests/fixtures/site-003/*/mkdocs.yml"
    languages = next(entry["i18n"] for entry in ours["plugins"] if isinstance(entry, dict) and "i18n" in entry)["languages"]
    assert [language["locale"] for language in languages] == ["zh"]
