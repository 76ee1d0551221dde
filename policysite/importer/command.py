"""`python -m policysite import zh=PATH [en=PATH …]`: write the project, then show what the gate finds."""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import ImportRefused
from .model import Source
from .plan import Plan, make_plan
from .sources import read_source

POLICY_FILES = ("data/company.yml", "data/contact.yml", "data/policy.yml", "data/inventory.yml", "data/waivers.yml")
# Also removed by --replace: the old company's WeChat verification file would be published for the new one, its
# documents (data/site.yml names the old policy's id) and its third parties.
REPLACED_FILES = POLICY_FILES + ("data/wechat.yml", "data/site.yml", "data/third_parties.yml")


@dataclass
class Options:
    sources: list[tuple[str, Path]]
    into: Path
    replace: bool = False
    default: str | None = None
    changes: str | None = None  # "accept", "reject" or None


def parse_source(value: str) -> tuple[str, Path]:
    language, separator, path = value.partition("=")
    language = language.strip()
    if not separator or not re.fullmatch(r"[a-z]{2,3}", language) or not path.strip():
        raise ImportRefused(f"`{value}`: give each source as LANG=PATH, e.g. zh=policy.docx en=policy-en.docx")
    return language, Path(path.strip())


def existing_policy(root: Path) -> list[str]:
    """What in the project already holds a policy (the import would overwrite it)."""
    held = [name for name in POLICY_FILES if (root / name).exists()]
    docs = root / "docs"
    if docs.is_dir():
        held += [p.relative_to(root).as_posix() for p in sorted(docs.glob("*/sections/*.md"))][:3]
    return held


def run_import(options: Options) -> Plan:
    """Read, plan and write; ImportRefused (nothing written) when anything stands in the way."""
    languages = [language for language, _ in options.sources]
    if not languages:
        raise ImportRefused("give at least one source, e.g. `python -m policysite import zh=policy.docx`")
    if len(set(languages)) != len(languages):
        raise ImportRefused("each language can have one source only")
    default = options.default or languages[0]
    if default not in languages:
        raise ImportRefused(f"--default {default}: no source was given for `{default}`")
    root = options.into
    held = existing_policy(root)
    if held and not options.replace:
        raise ImportRefused(f"{root} already holds a policy ({', '.join(held)}) — nothing was written; "
                            "run again with --replace to replace it (that also clears archive/)")
    sources = [_read(language, path) for language, path in options.sources]
    changes = sum(s.changes for s in sources)
    if changes and options.changes is None:
        raise ImportRefused(f"the source has {changes} unresolved tracked change(s) — nothing was written; "
                            "resolve them in Word, or run again with --accept-changes or --reject-changes "
                            "(each change is listed in REVIEW-NOTES.md either way)")
    if options.changes is not None:
        for source in sources:
            _resolve_changes(source, options.changes)
    ordered = sorted(sources, key=lambda s: s.language != default)
    plan = make_plan(ordered, default)
    _write(root, plan, options.replace)
    return plan


def _read(language: str, path: Path) -> Source:
    try:
        return read_source(language, path)
    except ImportRefused:
        raise
    except Exception as error:  # noqa: BLE001 - a file no reader expected: one line, never a traceback
        raise ImportRefused(f"{path}: could not be read as a policy ({type(error).__name__}: {error}) — "
                            "save it again from Word as .docx or .txt") from None


def _resolve_changes(source: Source, mode: str) -> None:
    from .docx import apply_changes
    apply_changes(source, accept=mode == "accept")


def _write(root: Path, plan: Plan, replace: bool) -> None:
    root.mkdir(parents=True, exist_ok=True)
    if replace:
        for name in REPLACED_FILES:
            (root / name).unlink(missing_ok=True)
        docs = root / "docs"
        if docs.is_dir():
            # Each old language's folder goes: a language the new policy lacks would still be published.
            for folder in docs.iterdir():
                if folder.is_dir() and re.fullmatch(r"[a-z]{2,3}", folder.name) and \
                        ((folder / "sections").is_dir() or (folder / "index.md").is_file()):
                    shutil.rmtree(folder)
        if (root / "archive").is_dir():
            shutil.rmtree(root / "archive")
    for name, content in plan.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    _mkdocs_languages(root, plan)


def _mkdocs_languages(root: Path, plan: Plan) -> None:
    """The i18n languages (and theme language) of mkdocs.yml follow data/policy.yml."""
    from .plan import language_entry
    config = root / "mkdocs.yml"
    if not config.exists():
        template = Path(__file__).resolve().parents[2] / "mkdocs.yml"
        if not template.is_file():
            return
        shutil.copyfile(template, config)
    text = config.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s+- i18n:\s*$", line)), None)
    if start is None:
        return
    at = next((i for i in range(start + 1, len(lines)) if re.match(r"^\s+languages:\s*$", lines[i])), None)
    if at is None:
        return
    indent = len(lines[at]) - len(lines[at].lstrip())
    end = at + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    pad = " " * (indent + 2)
    block = []
    for code in plan.languages:
        entry = language_entry(code)
        block += [f"{pad}- locale: {code}", f"{pad}  name: {entry['name']}"]
        if plan.titles.get(code):
            block.append(f"{pad}  site_name: {_yaml_text(plan.titles[code])}")
        if code == plan.default:
            block.append(f"{pad}  default: true")
        block.append(f"{pad}  build: true")
    lines[at + 1:end] = block
    text = "\n".join(lines) + "\n"
    text = re.sub(r"(?m)^(\s+language:\s*)\S+\s*$", lambda m: m.group(1) + plan.default, text, count=1)
    if plan.titles.get(plan.default):
        text = re.sub(r"(?m)^site_name:.*$", lambda m: f"site_name: {_yaml_text(plan.titles[plan.default])}", text, count=1)
    config.write_text(text, encoding="utf-8")


def _yaml_text(value: str) -> str:
    import yaml
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip().removesuffix("...").strip()


def main(args: argparse.Namespace) -> int:
    """The `import` command: exit 0 when imported (findings are the work left), 1 when refused."""
    from ..findings import PolicyError, Severity
    from ..judge import judge
    try:
        options = Options(sources=[parse_source(value) for value in args.sources], into=Path(args.into or args.root),
                          replace=args.replace, default=args.default,
                          changes="accept" if args.accept_changes else "reject" if args.reject_changes else None)
        plan = run_import(options)
    except ImportRefused as refusal:
        print(f"Import refused: {refusal}", file=sys.stderr)
        return 1
    count = len(plan.sections)
    print(f"Imported {count} sections in {', '.join(plan.languages)} into {options.into}; "
          "what was taken out of the text is listed in REVIEW-NOTES.md.")
    kinds = [note.kind for notes in plan.notes.values() for note in notes]
    listed = [(kinds.count("comment"), "comment(s) from Word"), (kinds.count("change"), "tracked change(s)"),
              (kinds.count("structure"), "structure question(s) (contents list, roles, markers)"),
              (kinds.count("fact-left"), "fact(s) left in the text"), (kinds.count("debris"), "piece(s) of Word debris removed")]
    shown = [f"{n} {what}" for n, what in listed if n]
    if shown:
        print("REVIEW-NOTES.md: " + "; ".join(shown) + ".")
    try:
        judge(options.into)
        findings = []
    except PolicyError as error:
        findings = error.findings
    except Exception as error:  # noqa: BLE001 - the import is done; a gate crash must not hide that
        print(f"The import is written, but the checks could not run: {error}", file=sys.stderr)
        return 0
    for finding in findings:
        print(finding.format())
    if not findings:
        print("Imported, 0 findings: the policy passes every check. Read REVIEW-NOTES.md, preview with "
              "`make serve`, then publish the first version with `make release`.")
        return 0
    warnings = sum(1 for f in findings if f.severity == Severity.WARNING)
    print(f"Imported, {len(findings)} finding{'s' if len(findings) != 1 else ''} to resolve"
          + (f" ({warnings} warnings)" if warnings else "") + ": fix them in docs/ and data/, then `make check`.")
    return 0
