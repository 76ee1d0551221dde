"""Command line: `python -m policysite build|check`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .findings import PolicyError
from .judge import judge
from .publish import build_site


def _check(args: argparse.Namespace) -> int:
    try:
        policy = judge(Path(args.root))
    except PolicyError as error:
        print(error, file=sys.stderr)
        return 1
    languages = ", ".join(language.code for language in policy.languages)
    print(f"OK: {policy.id} version {policy.version}, {len(policy.sections)} sections in {languages}.")
    return 0


def _build(args: argparse.Namespace) -> int:
    return build_site(Path(args.root), Path(args.site_dir), strict=not args.no_strict)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policysite", description=__doc__)
    parser.add_argument("--root", default=".", help="project folder holding mkdocs.yml, data/ and docs/")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="load and judge the policy without rendering HTML")
    check.set_defaults(run=_check)
    build = commands.add_parser("build", help="build the site; replace site/ only on success")
    build.add_argument("--site-dir", default="site")
    build.add_argument("--no-strict", action="store_true", help="do not fail on warnings (preview only)")
    build.set_defaults(run=_build)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
