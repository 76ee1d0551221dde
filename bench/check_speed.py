"""How long `make check` takes on the flagship, and what the consistency rules cost in it.

Target: well under a second for `python -m policysite check`, with no MkDocs or
jieba import (editors and the pre-commit hook run it on every commit).

    .venv/bin/python bench/check_speed.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from measure import measure, median

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from policysite.load import load_policy  # noqa: E402
from policysite.rules import RULES, run_rules  # noqa: E402


def check_timings(runs: int = 7) -> dict[str, object]:
    """`make check` as a process (what an editor waits for) and the rules alone, in seconds."""
    command = [sys.executable, "-m", "policysite", "check"]
    measured = [measure(command, cwd=PROJECT) for _ in range(runs)]
    walls = [run.seconds for run in measured]
    cpus = [run.cpu_seconds for run in measured]
    rules = []
    for _ in range(runs):
        policy = load_policy(PROJECT)
        start = time.perf_counter()
        run_rules(policy)
        rules.append(time.perf_counter() - start)
    heavy = subprocess.run([sys.executable, "-c", "import sys; from policysite.cli import main; main(['check']); "
                            "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'jieba', 'material'}))"],
                           cwd=PROJECT, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    # Rules the gate runs on the text; ids checked elsewhere (data, archive…) are listed but not run here.
    text_rules = sum(1 for entry in RULES.values() if entry.check is not None)
    return {"runs": runs, "walls": walls, "cpus": cpus, "rules": rules, "rule_count": text_rules, "heavy_imports": heavy}


def main(runs: int = 7) -> None:
    result = check_timings(runs)
    walls, rules = result["walls"], result["rules"]
    print(f"python -m policysite check: median {median(walls):.2f} s over {runs} runs (max {max(walls):.2f} s)")
    print(f"  of which the {result['rule_count']} rules: median {median(rules) * 1000:.0f} ms")
    print(f"  MkDocs/jieba/Material imported: {result['heavy_imports']}")


if __name__ == "__main__":
    main()
