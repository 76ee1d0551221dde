"""Markdown and saved web pages, detected from their content; mkdocs.yml follows the imported languages."""

from __future__ import annotations

from pathlib import Path

import yaml

from import_support import run_import

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Privacy</title>
<style>body{font:14px sans-serif}</style><script>window.track=1</script></head><body>
<header class="site-header"><nav><a href="/">Home</a><a href="/shop">Shop</a></nav></header>
<div class="layout"><aside>Related links</aside>
<main><h1>Privacy Policy</h1>
<p>Example Widgets Ltd. (“We”), 1 Main Street, Springfield, is responsible for your personal information.</p>
<h2>1. What We Collect</h2><p>We collect your name and e-mail address when you register.</p>
<h2>2. Your Rights</h2><p>You may access or delete your personal information.</p>
<h2>3. How to Contact Us</h2><p>Write to privacy@example.com.<br>We answer within 15 working days.</p>
</main></div>
<footer>© 2025 Example Widgets · <a href="/terms">Terms</a></footer></body></html>"""

MARKDOWN = """# 隐私政策

示例小部件有限公司（“我们”）尊重您的个人信息。

## 一、我们收集的信息

我们在您注册时收集您的姓名和电子邮箱。

## 二、您的权利

您可以查阅或删除您的个人信息。

## 三、如何联系我们

请写信至 privacy@example.com，我们将在15个工作日内答复。
"""


def test_html_page_keeps_only_the_policy_text(tmp_path: Path) -> None:
    page = tmp_path / "saved-page.txt"  # the name says text; the content says HTML
    page.write_text(PAGE, encoding="utf-8")
    source_md = tmp_path / "policy.md"
    source_md.write_text(MARKDOWN, encoding="utf-8")
    project = tmp_path / "p"
    result = run_import(f"zh={source_md}", f"en={page}", "--into", str(project))
    assert result.returncode == 0, result.stderr
    policy = yaml.safe_load((project / "data/policy.yml").read_text(encoding="utf-8"))
    assert [s["id"] for s in policy["sections"]] == ["intro", "collection", "rights", "contact"]
    assert policy["title"] == {"zh": "隐私政策", "en": "Privacy Policy"}
    english = "".join(p.read_text(encoding="utf-8") for p in sorted((project / "docs/en/sections").glob("*.md")))
    for chrome in ("Home", "Shop", "Related links", "Terms", "window.track", "font:"):
        assert chrome not in english
    assert "# Your Rights" in (project / "docs/en/sections/rights.md").read_text(encoding="utf-8")
    assert "within {{ contact.response_days }} working days" in (project / "docs/en/sections/contact.md").read_text(encoding="utf-8")
    assert "# 您的权利" in (project / "docs/zh/sections/rights.md").read_text(encoding="utf-8")
    contact = yaml.safe_load((project / "data/contact.yml").read_text(encoding="utf-8"))
    assert contact == {"email": "privacy@example.com", "response_days": 15}


def test_mkdocs_languages_follow_the_import(tmp_path: Path) -> None:
    source = tmp_path / "policy.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    project = tmp_path / "p"
    project.mkdir()
    config = Path(__file__).resolve().parents[1] / "tests/fixtures/site-003/faithful/mkdocs.yml"
    (project / "mkdocs.yml").write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    en = tmp_path / "en.md"
    en.write_text(MARKDOWN.replace("隐私政策", "Privacy Policy"), encoding="utf-8")
    assert run_import(f"en={en}", f"zh={source}", "--default", "zh", "--into", str(project)).returncode == 0
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    i18n = text[text.index("- i18n:"):text.index("\nhooks:")]
    assert "- locale: zh" in i18n and "- locale: en" in i18n and i18n.count("default: true") == 1
    assert i18n.index("- locale: zh") < i18n.index("default: true") < i18n.index("- locale: en")
    assert run_import(f"zh={source}", "--into", str(project), "--replace").returncode == 0
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- locale: en" not in text and "- locale: zh" in text


def test_typed_contents_that_disagree_with_the_headings_are_reported(tmp_path: Path) -> None:
    source = tmp_path / "policy.txt"
    source.write_text("隐私政策\n示例有限公司（“我们”）重视您的个人信息。\n本政策包括以下内容：\n"
                      "一、我们收集的信息\n二、您的权利\n三、Cookie的使用\n四、如何联系我们\n"
                      "1、我们收集的信息\n我们收集您的手机号。\n2、您的权利\n您可以删除您的信息。\n"
                      "3、如何联系我们\n请致电我们。\n", encoding="utf-8")
    result = run_import(f"zh={source}", "--into", str(tmp_path / "p"))
    assert result.returncode == 0, result.stderr
    intro = (tmp_path / "p/docs/zh/sections/intro.md").read_text(encoding="utf-8")
    assert "{{ contents }}" in intro and "二、您的权利" not in intro
    notes = (tmp_path / "p/REVIEW-NOTES.md").read_text(encoding="utf-8")
    assert "the typed contents list names `Cookie的使用`, but no heading has that title" in notes
    assert "structure question" in result.stdout


def test_word_text_debris_is_removed_and_listed(tmp_path: Path) -> None:
    source = tmp_path / "policy.txt"
    source.write_text("隐私政策\n"
                      "示例有限公司（“我们”）重视您的\u200b个人信息。\n"
                      "一、我们收集的信息\n"
                      "\t我们收集您的手机号。\t\n"
                      "-\n"
                      "详见HYPERLINK \"https://example.com/terms\" 用户协议。\n"
                      "二、如何联系我们\n"
                      "[bookmark: _Toc123]请写信给我们。\tComment by 法务: 请补充电子邮箱。\n", encoding="utf-8")
    project = tmp_path / "p"
    result = run_import(f"zh={source}", "--into", str(project))
    assert result.returncode == 0, result.stderr
    texts = "".join(p.read_text(encoding="utf-8") for p in (project / "docs/zh/sections").glob("*.md"))
    for debris in ("\u200b", "\t", "HYPERLINK", "[bookmark", "Comment by", "\n-\n"):
        assert debris not in texts
    assert "重视您的个人信息" in texts and "详见用户协议。" in texts and "请写信给我们。" in texts
    notes = (project / "REVIEW-NOTES.md").read_text(encoding="utf-8")
    assert "line 2: zero-width" in notes
    assert "line 4: leading or trailing tabs" in notes
    assert "line 5: a lone `-` line" in notes
    assert 'line 6: Word field code `HYPERLINK "https://example.com/terms"`' in notes
    assert "line 8: Word bookmark marker `[bookmark: _Toc123]`" in notes
    assert "line 8: Comment by 法务: 请补充电子邮箱。" in notes and "Anchored to: 请写信给我们。" in notes
