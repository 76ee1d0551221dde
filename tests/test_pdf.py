"""The PDF of every released version: it says exactly the released text, in fonts that have every glyph.

Real PDFs: the flagship's committed ones, and new ones rendered by WeasyPrint.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json

import pytest
from pypdf import PdfReader

from conftest import FLAGSHIP, Project, run_policysite
from policysite import PolicyError
from policysite.findings import blocking
from policysite.archive.frozen import parse
from policysite.archive.pdf import PdfFacts, PdfUnavailable, check, font_problems, make, render
from policysite.archive.store import load_archive, read_lock
from policysite.judge import judge

TODAY = dt.date(2025, 1, 10)
FACTS = {"zh": PdfFacts(company="择幂（上海）科技有限公司", address="https://privacy.xometry.asia/archive/2024-11-18/",
                        hreflang="zh-CN", locale="zh_Hans_CN"),
         "en": PdfFacts(company="Xometry (Shanghai) Technology Co., Ltd.", hreflang="en", locale="en",
                        address="https://privacy.xometry.asia/en/archive/2024-11-18/")}


def released() -> list[tuple[str, str, str]]:
    """(effective, language, path) of every released version of the flagship."""
    lock = read_lock(FLAGSHIP)
    return [(v.effective.isoformat(), code, path) for v in lock.versions for code, (path, _) in v.files.items()]


@pytest.mark.parametrize("effective,language,path", released())
def test_every_released_pdf_says_the_released_text_in_fonts_that_have_every_glyph(effective, language, path) -> None:
    text = parse((FLAGSHIP / "archive" / path).read_bytes())
    pdf = (FLAGSHIP / "archive" / effective / f"{language}.pdf").read_bytes()
    assert check(pdf, text) == []
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == {"zh": "zh-CN", "en": "en"}[language]
    assert "/StructTreeRoot" in catalog  # tagged: headings, paragraphs, tables for a screen reader
    # The running header and footer say whose policy, which version, where it lives, which page.
    first = reader.pages[0].extract_text()
    assert str(len(reader.pages)) in first and f"archive/{effective}/" in first


def test_the_lock_vouches_for_every_pdf_and_policy_json_lists_its_hash(flagship: Project) -> None:
    lock = read_lock(FLAGSHIP)
    manifest = json.loads(flagship.path("site/policy.json").read_text(encoding="utf-8"))
    for locked, listed in zip(lock.versions, manifest["versions"]):
        for code, (path, digest) in locked.pdfs.items():
            served = flagship.path(f"site/archive/{path}").read_bytes()
            assert hashlib.sha256(served).hexdigest() == digest == listed["languages"][code]["pdf_sha256"]
            assert listed["languages"][code]["pdf"].endswith(f"/archive/{path}")
    assert manifest["current"]["languages"]["en"]["pdf_sha256"] == lock.versions[-1].pdfs["en"][1]


def test_a_character_no_installed_font_has_is_refused_naming_it() -> None:
    text = parse((FLAGSHIP / "archive/2024-11-18/en.md").read_bytes())
    # U+E000 is a private-use character: no font installed here draws it, Pango prints a box for it.
    broken = dataclasses.replace(text, body=text.body.replace("Data Protection Policy", "Data \ue000 Policy", 1))
    pdf = render(broken, FACTS["en"])
    problems = font_problems(pdf)
    assert problems and "U+E000" in problems[0] and "fonts-wqy-microhei" in problems[0]
    with pytest.raises(PdfUnavailable, match="U\\+E000"):
        make(broken, FACTS["en"])


def test_a_pdf_of_another_text_is_told_apart() -> None:
    text = parse((FLAGSHIP / "archive/2024-11-18/zh.md").read_bytes())
    pdf = (FLAGSHIP / "archive/2024-11-18/zh.pdf").read_bytes()
    edited = dataclasses.replace(text, body=text.body.replace("我们将验证您的身份", "我们将在核实后验证您的身份", 1))
    problems = check(pdf, edited)
    assert len(problems) == 1 and "differs from the released text" in problems[0] and "核实" in problems[0]


def test_a_released_version_without_its_pdf_fails_and_make_pdf_adds_it(project: Project) -> None:
    lock = json.loads(project.read("archive/archive.lock.json"))
    del lock["versions"][0]["files"]["en"]["pdf"]
    project.write("archive/archive.lock.json", json.dumps(lock, ensure_ascii=False, indent=2) + "\n")
    project.path("archive/2024-11-18/en.pdf").unlink()
    with pytest.raises(PolicyError) as raised:
        judge(project.root, today=TODAY)
    found = [finding.format() for finding in blocking(raised.value.findings)]  # the lists' notices aside
    assert len(found) == 1 and found[0].startswith("archive/2024-11-18/en.pdf:1: archive.pdf-missing: ")
    assert "make pdf" in found[0]
    zh_before = project.path("archive/2024-11-18/zh.pdf").read_bytes()
    result = run_policysite(project.root, "pdf")
    assert result.returncode == 0, result.output
    assert "archive/2024-11-18/en.pdf" in result.output
    judge(project.root, today=TODAY)  # passes again
    assert project.path("archive/2024-11-18/zh.pdf").read_bytes() == zh_before  # never rewrites one
    versions, _, _ = load_archive(project.root, "xometry-asia-data-protection", ["zh", "en"])
    assert check(versions[0].pdfs["en"], versions[0].texts["en"]) == []


def test_a_changed_pdf_fails_naming_it(project: Project) -> None:
    path = project.path("archive/2024-11-18/zh.pdf")
    path.write_bytes(path.read_bytes() + b"\n%")
    with pytest.raises(PolicyError) as raised:
        judge(project.root, today=TODAY)
    found = [finding.format() for finding in blocking(raised.value.findings)]  # the lists' notices aside
    assert len(found) == 1 and found[0].startswith("archive/2024-11-18/zh.pdf:1: archive.modified: ")
