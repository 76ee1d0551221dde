"""How the build grows with archived versions: 2 languages × 1, 10, 50, 100 versions.

    .venv/bin/python bench/archive_scale.py [--points 1 10 50 100] [--runs 2] [--profile 100]

Each point is a synthetic project (bench/synthetic.py) built for real with
`python -m policysite build`; the time is the median of the runs. A straight
line is fitted by least squares: the archive must cost the same per version
however many there are (R² near 1, residuals small). --profile N runs
cProfile over one build of N versions and prints where the time goes.
Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import least_squares, measure, median  # noqa: E402
from synthetic import make_synthetic_project, synthetic_today  # noqa: E402


def build_seconds(root: Path, versions: int, runs: int) -> tuple[float, float, int]:
    env = {"POLICYSITE_TODAY": synthetic_today(versions), "NO_MKDOCS_2_WARNING": "1"}
    results = [measure([sys.executable, "-m", "policysite", "--root", str(root), "build", "--site-dir", "site"],
                       cwd=root, env=env) for _ in range(runs)]
    pages = sum(1 for _ in (root / "site").rglob("index.html"))
    return median([r.seconds for r in results]), max(r.peak_mib for r in results), pages


def profile(root: Path, versions: int) -> None:
    """cProfile of one MkDocs build in this process (hooks and core included)."""
    os.environ.update(POLICYSITE_TODAY=synthetic_today(versions), NO_MKDOCS_2_WARNING="1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(root)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site-profile"))
    profiler = cProfile.Profile()
    profiler.enable()
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, nargs="+", default=[1, 10, 50, 100])
    parser.add_argument("--languages", type=int, default=2)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--profile", type=int, metavar="VERSIONS", help="profile one build instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="archive-scale-") as scratch:
        if args.profile:
            root = make_synthetic_project(Path(scratch) / "profile", languages=args.languages, versions=args.profile)
            profile(root, args.profile)
            return
        rows = []
        print(f"{'versions':>8} {'pages':>6} {'seconds':>8} {'s/version':>9} {'peak MiB':>9}")
        for versions in args.points:
            root = make_synthetic_project(Path(scratch) / f"v{versions}", languages=args.languages, versions=versions)
            seconds, peak, pages = build_seconds(root, versions, args.runs)
            rows.append((versions, seconds))
            print(f"{versions:>8} {pages:>6} {seconds:>8.2f} {seconds / versions:>9.3f} {peak:>9.0f}", flush=True)
        slope, intercept, r2 = least_squares([float(v) for v, _ in rows], [s for _, s in rows])
        print(f"\nleast squares: seconds = {intercept:.2f} + {slope:.4f} × versions   (R² = {r2:.4f}, "
              f"{args.languages} languages, median of {args.runs} runs)")
        for versions, seconds in rows:
            fitted = intercept + slope * versions
            print(f"  {versions:>4} versions: measured {seconds:6.2f} s, line {fitted:6.2f} s, "
                  f"residual {seconds - fitted:+.2f} s")


if __name__ == "__main__":
    main()
