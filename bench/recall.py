"""`make recall CORPUS=…`: how many of a reviewer's listed defects the gate catches, on policies it never saw.

For each policy in the corpus (``corpus.yml``), the texts are imported with
``policysite import`` into a temporary project exactly as a new user would,
the gate is run with ``check --format json``, and each listed defect is matched
to the findings by the line that holds its quote. A defect the import moved
into REVIEW-NOTES.md counts as caught. Every finding that matches no listed
defect is listed too: each is either a false alarm or a real defect, and
``bench/recall-verdicts.yml`` records which, keyed by policy, rule and the place
in the corpus text (file and line) the finding points at — never the corpus's
words: they are other companies' text and must not ship in this project.

This is a report, never a test: the corpus is for measuring, not for tuning.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parents[1]
REPORT = PROJECT / "RECALL.md"
VERDICTS = Path(__file__).resolve().parent / "recall-verdicts.yml"
# What the import needs beside data/ and docs/ to make a project `check` can read.
SKELETON = ("mkdocs.yml",)
HEADER_LINES = 2  # `# source:` and `# kind:` are the corpus's, not the policy's
TARGETS = {"surface": 0.90, "typo": 0.50, "substance": 0.60}
FALSE_ALARMS_PER_CHARS = 5000
_LIST_MARKER = re.compile(r"^\s*(?:[·•●▪◦■◆]|[（(]\d{1,2}[)）]|\d{1,2}[、.)）](?!\d)|[a-z][.)）])\s*(?=\S)")
_CJK_RUN = re.compile(r"[\u3000-\u9fff\uff00-\uffef]{16,}")
_ROW = re.compile(r"^\|\s*([A-Za-z]+\d+)\s*\|\s*([a-z-]+)\s*\|\s*(surface|substance)\s*\|\s*`(.+?)`\s*\|(.*)\|\s*$")


@dataclasses.dataclass(frozen=True)
class Defect:
    id: str
    category: str
    kind: str
    quote: str
    source: str  # the defect list it comes from

    @property
    def group(self) -> str:
        """The target it counts towards: typos, other surface defects, or substance."""
        if self.kind == "substance":
            return "substance"
        return "typo" if self.category == "typo" else "surface"


@dataclasses.dataclass
class Outcome:
    policy: str
    characters: int
    defects: list[Defect]
    caught: dict[str, list[str]]  # defect id → the rules that caught it
    unmatched: list[dict[str, Any]]  # findings on no listed defect's line
    error: str = ""


def read_defects(path: Path) -> list[Defect]:
    defects = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            defects.append(Defect(match[1], match[2], match[3], match[4].replace("\\|", "|"), path.name))
    return defects


def policy_text(path: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8").splitlines()[HEADER_LINES:]) + "\n"


def import_policy(sources: dict[str, Path], into: Path) -> tuple[int, str]:
    """Run the import as a user would; the exit status and what it printed."""
    for name in SKELETON:
        shutil.copy(PROJECT / name, into / name)
    texts = into.parent / "sources"
    texts.mkdir(exist_ok=True)
    arguments = []
    for language, source in sources.items():
        plain = texts / f"{language}.txt"
        plain.write_text(policy_text(source), encoding="utf-8")
        arguments.append(f"{language}={plain}")
    result = subprocess.run([sys.executable, "-m", "policysite", "import", *arguments, "--into", str(into),
                             "--replace"], capture_output=True, text=True, timeout=300, check=False)
    if result.returncode == 0:
        _commit(into)
    return result.returncode, result.stdout + result.stderr


def _commit(project: Path) -> None:
    """Commit the import, as a user does in their fork: the gate takes the “last updated” date from git."""
    git = ["git", "-c", "user.name=recall", "-c", "user.email=recall@localhost", "-c", "commit.gpgsign=false"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "import"]):
        subprocess.run(git + command, cwd=project, capture_output=True, timeout=60, check=True)


def check_findings(project: Path) -> list[dict[str, Any]]:
    result = subprocess.run([sys.executable, "-m", "policysite", "--root", str(project), "check", "--format", "json"],
                            capture_output=True, text=True, timeout=300, check=False)
    try:
        return list(json.loads(result.stdout)["findings"])
    except (ValueError, KeyError) as error:
        raise RuntimeError(f"check --format json printed no JSON ({error}): {result.stderr.strip()[:300]}") from None


def quote_places(project: Path, quote: str) -> set[tuple[str, int]]:
    """Every (path, line) of the imported project whose line holds the quote (whitespace-insensitive).

    A list marker opening the quote (`·`, `(5)`, `2、`) is left out: the import writes list items as
    Markdown (`- `, `5. `) and lists each marker it rewrote in REVIEW-NOTES.md.
    """
    wanted = re.sub(r"\s+", "", _LIST_MARKER.sub("", quote, count=1))
    values = _data_values(project)
    places = set()
    for path in sorted(project.rglob("*")):
        if not path.is_file() or path.suffix not in {".md", ".yml"} or "archive" in path.parts or ".git" in path.parts:
            continue
        relative = path.relative_to(project).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            shown = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), line)  # as the reader sees it
            if wanted and wanted in re.sub(r"\s+", "", shown):
                places.add((relative, number))
    return places


_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}")


def _data_values(project: Path) -> dict[str, str]:
    """`company.address` → its value, for the facts the import moved from the text into data/ (first language
    of a per-language value): a quote of a moved fact is matched where its placeholder now stands."""
    values: dict[str, str] = {}
    for path in (project / "data").glob("*.yml"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            continue
        for key, value in data.items() if isinstance(data, dict) else ():
            if isinstance(value, dict) and value:
                value = next(iter(value.values()))
            if isinstance(value, (str, int)) or hasattr(value, "isoformat"):
                values[f"{path.stem}.{key}"] = str(value)
    return values


def measure(policy: dict[str, Any], corpus: Path, work: Path) -> Outcome:
    sources = {language: corpus / name for language, name in policy["sources"].items()}
    defects = [d for name in policy.get("defects", []) for d in read_defects(corpus / name)]
    characters = sum(len(policy_text(path)) for path in sources.values())
    project = work / policy["id"] / "project"
    project.mkdir(parents=True)
    status, printed = import_policy(sources, project)
    if status != 0:
        return Outcome(policy["id"], characters, defects, {}, [], error=f"import exited {status}: "
                                                                              f"{_safe(printed.strip()[-300:])}")
    findings = check_findings(project)
    caught: dict[str, list[str]] = defaultdict(list)
    matched: set[int] = set()
    for defect in defects:
        places = quote_places(project, defect.quote)
        if any(path == "REVIEW-NOTES.md" for path, _ in places):
            caught[defect.id].append("import (moved to REVIEW-NOTES.md)")
        for index, finding in enumerate(findings):
            if (finding["path"], int(finding["line"])) in places:
                caught[defect.id].append(finding["rule"])
                matched.add(index)
    unmatched = [dict(finding, at=_corpus_place(project, finding, sources)) for index, finding in enumerate(findings)
                 if index not in matched]
    return Outcome(policy["id"], characters, defects, dict(caught), unmatched)


_MARKDOWN_LEAD = re.compile(r"^\s*(?:#+\s*|[-*]\s+|\d{1,3}[.)]\s+|\\)")


def _corpus_place(project: Path, finding: dict[str, Any], sources: dict[str, Path]) -> str:
    """Where in the corpus text the finding points (`02-x-en.txt:41`), so a verdict survives changes to the
    import; a finding in data/ (a fact the text does not state) keeps its place in the project."""
    path = str(finding["path"])
    parts = path.split("/")
    if len(parts) < 3 or parts[0] != "docs" or parts[1] not in sources:
        return f"{path}:{finding['line']}"
    try:
        line = (project / path).read_text(encoding="utf-8").splitlines()[int(finding["line"]) - 1]
    except (OSError, IndexError, ValueError):
        return f"{path}:{finding['line']}"
    pieces = [re.sub(r"\s+", "", piece) for piece in re.split(r"\{\{[^}]*\}\}", _MARKDOWN_LEAD.sub("", line))]
    piece = max(pieces, key=len, default="")
    source = sources[parts[1]]
    if len(piece) >= 2:
        for number, text in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            if number > HEADER_LINES and piece in re.sub(r"\s+", "", text):
                return f"{source.name}:{number}"
    return f"{path}:{finding['line']}"


def _safe(text: str) -> str:
    """Shorten long runs of Chinese so that no sentence of another company's policy lands in the report."""
    return _CJK_RUN.sub(lambda m: m[0][:8] + "…", text).replace("|", "\\|").replace("\n", " ")


def _percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "–"


def report(outcomes: list[Outcome], verdicts: dict[tuple[str, str, str], str], corpus: Path) -> str:
    lines = ["# Recall of the gate on the measuring corpus", "",
             f"Written by `make recall CORPUS={corpus}` (bench/recall.py) on "
             f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC. Each policy is imported with "
             "`policysite import` into a temporary project and judged with `check --format json`; a listed defect "
             "is caught when a finding names the line holding its quote, or when the import moved it into "
             "REVIEW-NOTES.md. The corpus is for measuring, never for tuning: no rule or test holds its words.", ""]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for outcome in outcomes:
        for defect in outcome.defects:
            totals[defect.group][1] += 1
            totals[defect.group][0] += defect.id in outcome.caught
    characters = sum(o.characters for o in outcomes)
    false_alarms = sum(1 for o in outcomes for f in o.unmatched if not _real(verdict_of(verdicts, o.policy, f)))
    lines += ["## Targets", "", "| group | caught | target |", "|---|---:|---:|"]
    for group, target in TARGETS.items():
        caught, whole = totals[group]
        lines.append(f"| {group}{' (other than typos)' if group == 'surface' else ''} | {_percent(caught, whole)} | "
                     f"≥ {target:.0%} |")
    budget = characters / FALSE_ALARMS_PER_CHARS
    lines += [f"| findings that are not defects | {false_alarms} in {characters:,} characters "
              f"({false_alarms / budget if budget else 0:.1f} per 5,000) | ≤ 1 per 5,000 |", ""]
    elsewhere: dict[str, set[str]] = defaultdict(set)  # group → ids reported away from their quote, by verdict
    for outcome in outcomes:
        groups = {d.id: d.group for d in outcome.defects}
        for finding in outcome.unmatched:
            verdict = verdict_of(verdicts, outcome.policy, finding)
            for defect_id in verdict.split()[1:] if verdict.startswith("listed") else []:
                if defect_id in groups and defect_id not in outcome.caught:
                    elsewhere[groups[defect_id]].add(f"{outcome.policy} {defect_id}")
    if elsewhere:
        lines += ["Not counted above: listed defects the gate reports at another place than their quote (a fact the "
                  "text never states is reported in data/), by the verdicts in bench/recall-verdicts.yml — "
                  + "; ".join(f"{group}: {len(ids)} ({', '.join(sorted(ids))})" for group, ids in sorted(elsewhere.items()))
                  + ".", ""]
    lines += ["## Per policy and category", "", "| policy | category | caught |", "|---|---|---:|"]
    for outcome in outcomes:
        if outcome.error:
            lines.append(f"| {outcome.policy} | (not imported) | {outcome.error} |")
            continue
        by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for defect in outcome.defects:
            by_category[defect.category][1] += 1
            by_category[defect.category][0] += defect.id in outcome.caught
        for category, (caught, whole) in sorted(by_category.items()):
            lines.append(f"| {outcome.policy} | {category} | {_percent(caught, whole)} |")
    lines += ["", "## Defects and the rules that caught them", "", "| policy | defect | category | kind | caught by |",
              "|---|---|---|---|---|"]
    for outcome in outcomes:
        for defect in outcome.defects:
            rules = ", ".join(sorted(set(outcome.caught.get(defect.id, [])))) or "—"
            lines.append(f"| {outcome.policy} | {defect.id} | {defect.category} | {defect.kind} | {rules} |")
    lines += ["", "## Findings on no listed defect", "",
              "Each is a false alarm or a real defect; `bench/recall-verdicts.yml` says which, keyed by policy, rule "
              "and place in the corpus text: `missed` is a real defect the list does not name, `listed <id>` a listed "
              "defect the gate reports at another place (a fact the text never states is reported in data/), "
              "`false` a false alarm still to fix. Only `missed` and `listed` findings are left out of the count above.",
              "", "| policy | where | corpus | rule | verdict | problem |", "|---|---|---|---|---|---|"]
    for outcome in outcomes:
        for finding in outcome.unmatched:
            verdict = verdict_of(verdicts, outcome.policy, finding) or "unreviewed"
            lines.append(f"| {outcome.policy} | {finding['path']}:{finding['line']} | {finding['at']} | "
                         f"{finding['rule']} | {verdict} | {_safe(str(finding['problem']))[:120]} |")
    return "\n".join(lines) + "\n"


def read_verdicts(path: Path) -> dict[tuple[str, str, str], str]:
    """(policy, rule, place) → verdict, from the list in bench/recall-verdicts.yml."""
    if not path.is_file():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {(str(e["policy"]), str(e["rule"]), str(e["at"])): str(e["verdict"]) for e in entries}


def verdict_of(verdicts: dict[tuple[str, str, str], str], policy: str, finding: dict[str, Any]) -> str:
    return verdicts.get((policy, str(finding["rule"]), str(finding["at"])), "")


def _real(verdict: str) -> bool:
    return verdict.startswith(("missed", "listed"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder holding corpus.yml, the texts and their defect lists")
    args = parser.parse_args(argv)
    listing = args.corpus / "corpus.yml"
    if not listing.is_file():
        print(f"{listing}: no corpus.yml — give the folder of the measuring corpus: make recall CORPUS=PATH",
              file=sys.stderr)
        return 2
    policies = yaml.safe_load(listing.read_text(encoding="utf-8"))["policies"]
    verdicts = read_verdicts(VERDICTS)
    with tempfile.TemporaryDirectory(prefix="recall-") as folder:
        outcomes = []
        for policy in policies:
            try:
                outcomes.append(measure(policy, args.corpus, Path(folder)))
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                outcomes.append(Outcome(policy["id"], 0, [], {}, [], error=_safe(str(error))))
    REPORT.write_text(report(outcomes, verdicts or {}, args.corpus), encoding="utf-8")
    print(f"Wrote {REPORT.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
