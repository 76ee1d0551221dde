"""How long `python -m policysite import` takes on a 90,000-character policy.

Target: under 2 s to read, split and plan the import (the gate that follows is `check`'s cost).
The policy is seed 003 repeated to 90,000 characters, as one Chinese text export.

    .venv/bin/python bench/import_speed.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from measure import measure, median

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from policysite.importer.plan import make_plan  # noqa: E402
from policysite.importer.sources import read_source  # noqa: E402

SEED = PROJECT / "tests" / "fixtures" / "seeds" / "003_55ffab5a0a8bdfc8.txt"
CHARACTERS = 90_000


def import_timings(runs: int = 5) -> dict[str, object]:
    text = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "policy.txt"
        source.write_text((text * (CHARACTERS // len(text) + 1))[:CHARACTERS], encoding="utf-8")
        plans = []
        for _ in range(runs):
            start = time.perf_counter()
            make_plan([read_source("zh", source)], "zh")
            plans.append(time.perf_counter() - start)
        walls = []
        for run in range(runs):
            target = Path(folder) / f"project-{run}"
            command = [sys.executable, "-m", "policysite", "import", f"zh={source}", "--into", str(target)]
            walls.append(measure(command, cwd=PROJECT).seconds)
    return {"runs": runs, "plans": plans, "walls": walls, "characters": CHARACTERS}


if __name__ == "__main__":
    result = import_timings(3)
    print(f"plan: median {median(result['plans']):.2f} s; import + gate as a process: median {median(result['walls']):.2f} s")
