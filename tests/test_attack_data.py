"""Attack suite, data/: hostile or careless data files and values, each answered by one clear finding.

Every case changes a copy of the small rule-fixture project (tests/fixtures/rules/base),
judges it in a child process bounded in time and memory (attack_support.py), and
asserts the finding's id, file, line and what its message says — never a
traceback, a hang or a silent publish.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Any
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from attack_support import FINDING, judge_bounded, has
from policysite.findings import PolicyError
from policysite.judge import judge
from rulefixtures import BASE, TODAY, materialise

COMPANY = (Path(__file__).parent / "fixtures" / "rules" / "base" / "data" / "company.yml").read_text(encoding="utf-8")
BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
               for prev, name in zip([None, "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi"))


def company(**changes: str) -> dict[str, Any]:
    """The base company.yml with whole lines replaced: {old line start: new text}."""
    text = COMPANY
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return {"files": {"data/company.yml": text}}


def edit(file: str, old: str, new: str) -> dict[str, Any]:
    return {"edits": [{"file": file, "old": old, "new": new}]}


def legal_name(value: str) -> dict[str, Any]:
    """company.legal_name.en (line 3) set to ``value``, written as a double-quoted YAML string (JSON's escapes)."""
    return edit("data/company.yml", "en: Example (Shanghai) Technology Co., Ltd.", f"en: {json.dumps(value)}")


# (id, change to the base project, path, line, rule, words the message must say)
YAML_CASES = [
    ("billion-laughs", {"files": {"data/contact.yml": BOMB}}, "data/contact.yml", 1, "data.alias", "anchor"),
    ("alias", {"files": {"data/contact.yml": "email: &e privacy@example.cn\nresponse_days: 15\nx: *e\n"}},
     "data/contact.yml", 1, "data.alias", "`&e`"),
    ("alias-without-anchor", {"files": {"data/contact.yml": "email: privacy@example.cn\nresponse_days: *d\n"}},
     "data/contact.yml", 2, "data.alias", "`*d`"),
    ("raw-control-character", {"files": {"data/contact.yml": "email: privacy@example.cn\nresponse_days: 15\nphone: 1\x1b\n"}},
     "data/contact.yml", 3, "data.control-character", "U+001B"),
    ("merge-key", company(**{"website: www.example.cn": "website: www.example.cn\n<<: {brand: X}"}),
     "data/company.yml", 8, "data.alias", "`<<`"),
    ("python-object-tag", {"files": {"data/contact.yml":
                                     "email: !!python/object/apply:os.system ['touch /tmp/pwned']\nresponse_days: 15\n"}},
     "data/contact.yml", 1, "data.tag", "`!!python/object/apply:os.system`"),
    ("binary-tag", {"files": {"data/contact.yml": "email: !!binary cHJpdmFjeUBleGFtcGxlLmNu\nresponse_days: 15\n"}},
     "data/contact.yml", 1, "data.tag", "`!!binary`"),
    ("set-tag", {"files": {"data/contact.yml": "email: privacy@example.cn\nresponse_days: 15\nphone: !!set {a, b}\n"}},
     "data/contact.yml", 3, "data.tag", "`!!set`"),
    ("local-tag", {"files": {"data/contact.yml": "email: !secret privacy@example.cn\nresponse_days: 15\n"}},
     "data/contact.yml", 1, "data.tag", "`!secret`"),
    ("nested-5000-flow-lists", {"files": {"data/contact.yml": "email: " + "[" * 5000 + "]" * 5000 + "\n"}},
     "data/contact.yml", 1, "data.depth", "nested more than"),
    ("nested-5000-flow-maps", {"files": {"data/contact.yml": "email: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"}},
     "data/contact.yml", 1, "data.depth", "nested more than"),
    ("nested-5000-block-lists", {"files": {"data/contact.yml": "email:\n  " + "- " * 5000 + "x\n"}},
     "data/contact.yml", 2, "data.depth", "nested more than"),
    ("duplicate-top-key", {"files": {"data/contact.yml":
                                     "email: privacy@example.cn\nresponse_days: 15\nemail: attacker@example.cn\n"}},
     "data/contact.yml", 3, "data.duplicate-key", "`email`", "line 1", "line 3"),
    ("duplicate-nested-key", company(**{"  en: No. 1": "  zh: 另一个地址\n  en: No. 1"}),
     "data/company.yml", 6, "data.duplicate-key", "`zh`", "line 5", "line 6"),
    ("duplicate-in-flow-map", edit("data/policy.yml", "{code: en, name: English,", "{code: en, code: zh, name: English,"),
     "data/policy.yml", 11, "data.duplicate-key", "`code`"),
    ("huge-integer", {"files": {"data/contact.yml": "email: privacy@example.cn\nresponse_days: " + "9" * 5000 + "\n"}},
     "data/contact.yml", 2, "data.yaml", "cannot be read"),
    ("not-yaml", {"files": {"data/contact.yml": "email: [privacy@example.cn\nresponse_days: 15\n"}},
     "data/contact.yml", 2, "data.yaml", "not valid YAML"),
    ("too-large", {"files": {"data/contact.yml": "email: privacy@example.cn\nresponse_days: 15\n# "
                             + "x" * 1_200_000 + "\n"}},
     "data/contact.yml", 1, "data.too-large", "bytes"),
    ("empty-file", {"files": {"data/contact.yml": ""}}, "data/contact.yml", 1, "data.schema", "mapping"),
]

VALUE_CASES = [
    ("website-javascript", company(**{"website: www.example.cn": 'website: "javascript:alert(1)"'}),
     "data/company.yml", 7, "data.url", "javascript:alert(1)"),
    ("website-data-url", company(**{"website: www.example.cn": 'website: "data:text/html,<script>alert(1)</script>"'}),
     "data/company.yml", 7, "data.url", "data:"),
    ("website-file-url", company(**{"website: www.example.cn": "website: file:///etc/passwd"}),
     "data/company.yml", 7, "data.url", "`file:`"),
    ("website-userinfo", company(**{"website: www.example.cn": "website: https://www.example.cn@evil.example/"}),
     "data/company.yml", 7, "data.url", "user name"),
    ("website-scheme-relative", company(**{"website: www.example.cn": "website: //evil.example/"}),
     "data/company.yml", 7, "data.url", "neither a host name"),
    ("website-port", company(**{"website: www.example.cn": "website: https://www.example.cn:8443/"}),
     "data/company.yml", 7, "data.url", "port"),
    ("website-quote", company(**{"website: www.example.cn": "website: 'https://www.example.cn/\"onmouseover=alert(1)'"}),
     "data/company.yml", 7, "data.url", "characters a web address may not contain"),
    ("website-backslash", company(**{"website: www.example.cn": "website: 'https:\\\\evil.example'"}),
     "data/company.yml", 7, "data.url"),
    ("domain-with-scheme", company(**{"  - example.cn": "  - https://example.cn"}),
     "data/company.yml", 9, "data.host", "bare domain"),
    ("domain-upper-case", company(**{"  - example.cn": "  - Example.CN"}), "data/company.yml", 9, "data.host",
     "lower case"),
    ("domain-bad-label", company(**{"  - example.cn": "  - -example.cn"}), "data/company.yml", 9, "data.host",
     "not a host name"),
    ("domain-no-dot", company(**{"  - example.cn": "  - localhost"}), "data/company.yml", 9, "data.host"),
    ("domain-html", company(**{"  - example.cn": "  - \"example.cn\\\"><script>\""}), "data/company.yml", 9,
     "data.host"),
    ("email-markup", edit("data/contact.yml", "email: privacy@example.cn", "email: '\"><script>alert(1)</script>@example.cn'"),
     "data/contact.yml", 1, "data.email", "before @"),
    ("email-query", edit("data/contact.yml", "email: privacy@example.cn", "email: privacy@example.cn?bcc=x@evil.example"),
     "data/contact.yml", 1, "data.email"),
    ("email-mailto", edit("data/contact.yml", "email: privacy@example.cn", "email: mailto:privacy@example.cn"),
     "data/contact.yml", 1, "data.email"),
    ("email-space", edit("data/contact.yml", "email: privacy@example.cn", "email: privacy team@example.cn"),
     "data/contact.yml", 1, "data.email"),
    ("email-no-domain", edit("data/contact.yml", "email: privacy@example.cn", "email: privacy@"),
     "data/contact.yml", 1, "data.email"),
    ("hreflang-script", edit("data/policy.yml", "hreflang: en}", "hreflang: 'en\"><script>alert(1)</script>'}"),
     "data/policy.yml", 11, "data.language-tag", "BCP 47"),
    ("hreflang-word", edit("data/policy.yml", "hreflang: en}", "hreflang: english}"),
     "data/policy.yml", 11, "data.language-tag", "BCP 47"),
    ("hreflang-unknown-language", edit("data/policy.yml", "hreflang: en}", "hreflang: qq}"),
     "data/policy.yml", 11, "data.language-tag", "not a known language"),
    ("hreflang-underscore", edit("data/policy.yml", "hreflang: zh-CN}", "hreflang: zh_CN}"),
     "data/policy.yml", 10, "data.language-tag", "BCP 47"),
    ("hreflang-other-language", edit("data/policy.yml", "hreflang: en}", "hreflang: fr}"),
     "data/policy.yml", 11, "data.language-tag", "another language"),
    ("hreflang-unknown-region", edit("data/policy.yml", "hreflang: zh-CN}", "hreflang: zh-QQ}"),
     "data/policy.yml", 10, "data.language-tag", "region"),
    ("heading-injection", legal_name("Acme\n\n## X {#rights}"), "data/company.yml", 3, "data.markdown",
     "line break"),
    ("carriage-return", legal_name("Acme\r# X"), "data/company.yml", 3, "data.markdown", "line break"),
    ("line-separator", legal_name("Acme\u2028# X"), "data/company.yml", 3, "data.markdown", "line break"),
    ("heading-marker", legal_name("# Acme"), "data/company.yml", 3, "data.markdown", "starts with `#`"),
    ("quote-marker", legal_name("> Acme"), "data/company.yml", 3, "data.markdown", "starts with `>`"),
    ("list-marker", legal_name("- Acme"), "data/company.yml", 3, "data.markdown", "starts with `-`"),
    ("ordered-list-marker", legal_name("1. Acme"), "data/company.yml", 3, "data.markdown", "starts with `1.`"),
    ("indented-code", legal_name("    Acme"), "data/company.yml", 3, "data.markdown", "a space"),
    ("code-fence", legal_name("```Acme"), "data/company.yml", 3, "data.markdown", "```"),
    ("javascript-link", legal_name("[Acme](javascript:alert(1))"), "data/company.yml", 3, "data.markdown",
     "`[Acme](`", "link"),
    ("reference-link", legal_name("Acme [here][1]"), "data/company.yml", 3, "data.markdown", "link"),
    ("image", legal_name("Acme ![x](https://evil.example/t.png)"), "data/company.yml", 3, "data.markdown", "link"),
    ("footnote", legal_name("Acme[^1]"), "data/company.yml", 3, "data.markdown", "footnote"),
    ("attribute-list", legal_name('Acme {: onclick="alert(1)"}'), "data/company.yml", 3, "data.markdown",
     "attribute list"),
    ("placeholder-in-value", legal_name("{{ contact.email }}"), "data/company.yml", 3, "data.markdown"),
    ("bidi-override", legal_name("Acme \u202eLtd"), "data/company.yml", 3, "data.control-character", "U+202E"),
    ("nul", legal_name("Acme\x00Ltd"), "data/company.yml", 3, "data.control-character", "U+0000"),
    ("escape", legal_name("Acme\x1b[31mLtd"), "data/company.yml", 3, "data.control-character", "U+001B"),
    ("zero-width-space", legal_name("Ac\u200bme"), "data/company.yml", 3, "debris.invisible", "ZERO WIDTH SPACE"),
    ("bidi-isolate", legal_name("Acme \u2066Ltd"), "data/company.yml", 3, "data.control-character", "U+2066"),
    ("c1-control", legal_name("Acme \x9bLtd"), "data/company.yml", 3, "data.control-character", "U+009B"),
    ("title-markdown", edit("data/policy.yml", "en: Privacy Policy", "en: '[Privacy](javascript:alert(1))'"),
     "data/policy.yml", 4, "data.markdown", "link"),
    ("language-name-break", edit("data/policy.yml", "name: English,", "name: \"English\\n# X\","),
     "data/policy.yml", 11, "data.markdown", "line break"),
    ("address-link", edit("data/company.yml", "en: No. 1 Example Road, Huangpu District, Shanghai", "en: \"[No. 1](https://evil.example) Example Road\""),
     "data/company.yml", 6, "data.markdown", "link"),
    ("inventory-cell-link", edit("data/inventory.yml", "en: Phone number", "en: '[x](javascript:alert(1))'"),
     "data/inventory.yml", 6, "data.markdown", "link"),
    ("inventory-cell-control", edit("data/inventory.yml", "en: Phone number", 'en: "Phone\\x1bnumber"'),
     "data/inventory.yml", 6, "data.control-character"),
]


@pytest.mark.parametrize("change, path, line, rule, words",
                         [pytest.param(case[1], *case[2:5], case[5:], id=case[0]) for case in YAML_CASES + VALUE_CASES])
def test_a_hostile_data_file_or_value_is_one_clear_finding(tmp_path: Path, change: dict, path: str, line: int,
                                                          rule: str, words: tuple[str, ...]) -> None:
    answer = judge_bounded(materialise(tmp_path / "p", change))
    has(answer, path, line, rule, *words)


def _outside(tmp_path: Path) -> Path:
    """A folder beside the project (outside it) holding a valid contact.yml."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "contact.yml").write_text("email: privacy@example.cn\nresponse_days: 15\n", encoding="utf-8")
    return folder


def _link_file_outside(root: Path, tmp_path: Path) -> None:
    (root / "data" / "contact.yml").unlink()
    (root / "data" / "contact.yml").symlink_to(_outside(tmp_path) / "contact.yml")


def _link_folder_outside(root: Path, tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    for path in (root / "data").iterdir():
        shutil.copy2(path, outside / path.name)
    shutil.rmtree(root / "data")
    (root / "data").symlink_to(outside, target_is_directory=True)


def _both_suffixes(root: Path, tmp_path: Path) -> None:
    (root / "data" / "contact.yaml").write_text("email: attacker@example.cn\nresponse_days: 15\n", encoding="utf-8")


def _folder_for_file(root: Path, tmp_path: Path) -> None:
    (root / "data" / "contact.yml").unlink()
    (root / "data" / "contact.yml").mkdir()


def _file_for_folder(root: Path, tmp_path: Path) -> None:
    shutil.rmtree(root / "data")
    (root / "data").write_text("email: privacy@example.cn\n", encoding="utf-8")


def _fifo(root: Path, tmp_path: Path) -> None:
    (root / "data" / "contact.yml").unlink()
    os.mkfifo(root / "data" / "contact.yml")


def _dangling_link(root: Path, tmp_path: Path) -> None:
    (root / "data" / "contact.yml").unlink()
    (root / "data" / "contact.yml").symlink_to(root / "data" / "gone.yml")


def _binary(root: Path, tmp_path: Path) -> None:
    (root / "data" / "contact.yml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def _utf16(root: Path, tmp_path: Path) -> None:
    (root / "data" / "contact.yml").write_bytes("email: privacy@example.cn\nresponse_days: 15\n".encode("utf-16"))


def _latin1(root: Path, tmp_path: Path) -> None:
    (root / "data" / "contact.yml").write_bytes("email: privacy@example.cn\nresponse_days: 15\n# Café\n".encode("latin-1"))


FILE_CASES: list[tuple[str, Callable[[Path, Path], None], str, int, str, tuple[str, ...]]] = [
    ("file-links-outside", _link_file_outside, "data/contact.yml", 1, "data.outside", ("outside the project",)),
    ("folder-links-outside", _link_folder_outside, "data", 1, "data.outside", ("outside the project",)),
    ("yml-and-yaml", _both_suffixes, "data/contact.yaml", 1, "data.file-name",
     ("data/contact.yml", "data/contact.yaml")),
    ("folder-for-file", _folder_for_file, "data/contact.yml", 1, "data.not-a-file", ("folder",)),
    ("file-for-folder", _file_for_folder, "data", 1, "data.not-a-file", ("data folder",)),
    ("fifo", _fifo, "data/contact.yml", 1, "data.not-a-file", ("pipe",)),
    ("dangling-link", _dangling_link, "data/contact.yml", 1, "data.unreadable", ("cannot be opened",)),
    ("binary", _binary, "data/contact.yml", 1, "data.encoding", ("binary",)),
    ("utf-16", _utf16, "data/contact.yml", 1, "data.encoding", ("binary",)),
    ("latin-1", _latin1, "data/contact.yml", 1, "data.encoding", ("not UTF-8",)),
]


@pytest.mark.parametrize("setup, path, line, rule, words",
                         [pytest.param(*case[1:], id=case[0]) for case in FILE_CASES])
def test_a_hostile_data_file_on_disk_is_one_clear_finding(tmp_path: Path, setup: Callable[[Path, Path], None],
                                                          path: str, line: int, rule: str,
                                                          words: tuple[str, ...]) -> None:
    root = materialise(tmp_path / "p", {})
    setup(root, tmp_path)
    has(judge_bounded(root), path, line, rule, *words)


def _link_section_outside(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text("# Contact\n\nA text nobody reviewed.\n", encoding="utf-8")
    (root / "docs" / "en" / "sections" / "contact.md").unlink()
    (root / "docs" / "en" / "sections" / "contact.md").symlink_to(outside)


def _link_asset_outside(root: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("root:x:0:0\n", encoding="utf-8")
    (root / "docs" / "en" / "passwd.txt").symlink_to(tmp_path / "secret.txt")


def _link_docs_folder_outside(root: Path, tmp_path: Path) -> None:
    shutil.move(str(root / "docs" / "en"), str(tmp_path / "en"))
    (root / "docs" / "en").symlink_to(tmp_path / "en", target_is_directory=True)


def _section_folder(root: Path, tmp_path: Path) -> None:
    (root / "docs" / "en" / "sections" / "contact.md").unlink()
    (root / "docs" / "en" / "sections" / "contact.md").mkdir()


def _section_fifo(root: Path, tmp_path: Path) -> None:
    (root / "docs" / "en" / "sections" / "contact.md").unlink()
    os.mkfifo(root / "docs" / "en" / "sections" / "contact.md")


def _section_dangling(root: Path, tmp_path: Path) -> None:
    (root / "docs" / "en" / "sections" / "contact.md").unlink()
    (root / "docs" / "en" / "sections" / "contact.md").symlink_to(root / "docs" / "en" / "gone.md")


def _section_binary(root: Path, tmp_path: Path) -> None:
    (root / "docs" / "en" / "sections" / "contact.md").write_bytes(b"# Contact\n\x00\x01\x02")


SECTION_CASES: list[tuple[str, Callable[[Path, Path], None], str, int, str, tuple[str, ...]]] = [
    ("section-links-outside", _link_section_outside, "docs/en/sections/contact.md", 1, "section.outside",
     ("outside the project",)),
    ("docs-file-links-outside", _link_asset_outside, "docs/en/passwd.txt", 1, "section.outside",
     ("would be published",)),
    ("language-folder-links-outside", _link_docs_folder_outside, "docs/en", 1, "section.outside", ("folder",)),
    ("section-is-a-folder", _section_folder, "docs/en/sections/contact.md", 1, "section.not-a-file", ("folder",)),
    ("section-is-a-fifo", _section_fifo, "docs/en/sections/contact.md", 1, "section.not-a-file", ("pipe",)),
    ("section-link-to-nothing", _section_dangling, "docs/en/sections/contact.md", 1, "section.unreadable",
     ("cannot be read",)),
    ("section-binary", _section_binary, "docs/en/sections/contact.md", 1, "section.encoding", ("binary",)),
]


@pytest.mark.parametrize("setup, path, line, rule, words",
                         [pytest.param(*case[1:], id=case[0]) for case in SECTION_CASES])
def test_a_hostile_section_file_on_disk_is_one_clear_finding(tmp_path: Path, setup: Callable[[Path, Path], None],
                                                             path: str, line: int, rule: str,
                                                             words: tuple[str, ...]) -> None:
    root = materialise(tmp_path / "p", {})
    setup(root, tmp_path)
    has(judge_bounded(root), path, line, rule, *words)


def _link_inside(root: Path, tmp_path: Path) -> None:
    (root / "shared").mkdir()
    shutil.move(str(root / "data" / "contact.yml"), str(root / "shared" / "contact.yml"))
    (root / "data" / "contact.yml").symlink_to(Path("..") / "shared" / "contact.yml")
    section = root / "docs" / "en" / "sections" / "minors.md"
    shutil.move(str(section), str(root / "shared" / "minors.md"))
    section.symlink_to(Path("..") / ".." / ".." / "shared" / "minors.md")


@pytest.mark.parametrize("change", [
    pytest.param({}, id="the-base-project"),
    pytest.param(company(**{"website: www.example.cn": "website: https://www.example.cn/privacy"}), id="https-website"),
    pytest.param(edit("data/policy.yml", "hreflang: zh-CN}", "hreflang: zh-Hans-CN}"), id="hreflang-with-script"),
    pytest.param(legal_name("Example & Sons <Shanghai> \"Ltd\" 'x' *Co* 100% #1 C++"), id="text-with-html-characters"),
    pytest.param(edit("data/inventory.yml", "en: Phone number", 'en: "Phone number\\nWeChat ID"'), id="two-line-cell"),
])
def test_values_a_policy_really_uses_still_publish(tmp_path: Path, change: dict) -> None:
    answer = judge_bounded(materialise(tmp_path / "p", change))
    assert answer["findings"] == [], "\n".join(f["text"] for f in answer["findings"])


def test_links_that_stay_inside_the_project_are_followed(tmp_path: Path) -> None:
    root = materialise(tmp_path / "p", {})
    _link_inside(root, tmp_path)
    answer = judge_bounded(root)
    assert answer["findings"] == [], "\n".join(f["text"] for f in answer["findings"])


def test_the_alias_bomb_is_small_and_refused_at_once(tmp_path: Path) -> None:
    """Refused before expansion: judge_bounded's time and memory limits fail the case if it expands."""
    assert len(BOMB) < 400
    root = materialise(tmp_path / "p", {"files": {"data/contact.yml": BOMB}})
    has(judge_bounded(root), "data/contact.yml", 1, "data.alias")


def test_a_link_out_behind_a_link_that_stays_inside_is_found(tmp_path: Path) -> None:
    """docs/en/common → ../../common (inside) holding secret.txt → a file outside: MkDocs would follow both."""
    root = materialise(tmp_path / "p", {})
    (root / "common").mkdir()
    (tmp_path / "secret.txt").write_text("root:x:0:0\n", encoding="utf-8")
    (root / "common" / "secret.txt").symlink_to(tmp_path / "secret.txt")
    (root / "common" / "loop").symlink_to(root / "docs", target_is_directory=True)
    (root / "docs" / "en" / "common").symlink_to(root / "common", target_is_directory=True)
    has(judge_bounded(root), "docs/en/common/secret.txt", 1, "section.outside", "outside the project")


# --- property: any YAML made of the features data refuses gives findings, quickly -----------------

YAML_TOKENS = ["&a ", "*a", "<<: ", "!!binary ", "!!python/object:os.system ", "!x ", "[", "]", "{", "}", ", ",
               "- ", ": ", "\n", "\n  ", "email", "response_days", "privacy@example.cn", "15", "? ", "---\n", "...\n",
               "|\n  ", ">\n  ", "'", '"', "\\x1b", "\x1b", "\u202e", "#", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "\t"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(YAML_TOKENS), max_size=40))
def test_any_yaml_built_from_refused_features_gives_findings_in_time(pieces: list[str]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="policysite-yaml-"))
    try:
        root = folder / "p"
        shutil.copytree(BASE, root, ignore=shutil.ignore_patterns("README.md"))
        (root / "data" / "contact.yml").write_text("".join(pieces), encoding="utf-8")
        signal.signal(signal.SIGALRM, _too_slow)
        signal.alarm(10)
        try:
            judge(root, today=TODAY, commit_date=lambda *_: None)
        except PolicyError as error:
            for finding in error.findings:
                assert FINDING.match(finding.format()), finding.format()
        finally:
            signal.alarm(0)
    finally:
        shutil.rmtree(folder)


def _too_slow(*_: object) -> None:
    raise AssertionError("judge() took more than 10 s")


def test_a_section_file_larger_than_any_policy_is_refused_unread(tmp_path: Path) -> None:
    root = materialise(tmp_path / "p", {})
    with open(root / "docs/en/sections/contact.md", "ab") as handle:
        handle.truncate(3_000_000)  # sparse: cheap to make, and a reader that read it all would still be caught
    has(judge_bounded(root), "docs/en/sections/contact.md", 1, "section.too-large", "3,000,000 bytes")
