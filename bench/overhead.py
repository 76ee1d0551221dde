"""What the checks, hooks and archive cost: the project's build against plain Material.

The plain build gets the very pages the project publishes (the core's resolved
Markdown, generated pages included) with the project's hooks and templates
removed, so the difference is the cost of judging, filling and generating.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from measure import Run, copy_project, measure, median

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from policysite.judge import judge  # noqa: E402  (the project root is only on the path now)


def plain_material_project(target: Path) -> Path:
    """The same published pages as plain Markdown, built by Material with no hooks."""
    policy = judge(PROJECT)
    for language in policy.languages:
        page = target / "docs" / language.code / "index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\ntitle: {policy.title(language.code)}\n---\n\n{policy.pages[language.code]}",
                        encoding="utf-8")
    for generated in policy.generated:
        page = target / "docs" / generated.language / generated.path.strip("/") / "index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(generated.markdown, encoding="utf-8")
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "extra_css", "exclude_docs", "watch"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target


@dataclass
class Overhead:
    project: list[Run]
    plain: list[Run]

    @property
    def ratio(self) -> float:
        """Median CPU of the project's build over the plain one's: the builds' own work. On a shared machine
        wall time also counts whatever else runs; its ratio is reported beside this one (`wall_ratio`)."""
        return median([r.cpu_seconds for r in self.project]) / median([r.cpu_seconds for r in self.plain])

    @property
    def wall_ratio(self) -> float:
        return median([r.seconds for r in self.project]) / median([r.seconds for r in self.plain])


def build_command(site: Path) -> list[str]:
    # Not --strict: the plain copy's generated pages keep links that only the
    # project's hooks resolve; strictness changes the exit code, not the work.
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]


def overhead(runs: int = 5) -> Overhead:
    env = {"NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        plain = plain_material_project(Path(tmp) / "plain")
        result = Overhead([], [])
        # Warm both once (jieba's cache, imports), then alternate so drift hits both alike.
        measure(build_command(Path(tmp) / "site-a"), cwd=project, env=env)
        measure(build_command(Path(tmp) / "site-b"), cwd=plain, env=env)
        for _ in range(runs):
            result.project.append(measure(build_command(Path(tmp) / "site-a"), cwd=project, env=env))
            result.plain.append(measure(build_command(Path(tmp) / "site-b"), cwd=plain, env=env))
        return result


if __name__ == "__main__":
    result = overhead(runs=3)
    print("project", [round(r.seconds, 2) for r in result.project])
    print("plain  ", [round(r.seconds, 2) for r in result.plain])
    print("ratio  ", round(result.ratio, 3))
