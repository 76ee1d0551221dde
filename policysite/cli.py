"""Command line: `python -m policysite check|rules|build|release|serve|pdf|import|new`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import NoReturn

from .findings import PolicyError, Severity
from .internal_errors import debugging, internal_error
from .judge import judge, stages
from .document_releases import document_preview_notes
from . import report, site_config

# `release` (PDF rendering) and `build` (MkDocs in a subprocess) are imported by their commands only:
# `check`, which editors and the pre-commit hook run many times, does not pay for them.


def _check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    config = root / "mkdocs.yml"
    # `check` judges what `build` will: mkdocs.yml's languages against data/policy.yml too.
    built = site_config.configured_languages(config) if config.is_file() else None
    try:
        # Every finding comes from load, check and resolve; the plan (the pages and files a build writes) adds
        # none, so `check`, run by editors and the pre-commit hook, stops before it.
        judged = stages(root, site_languages=built, config_file=config if built is not None else None)
    except PolicyError as error:
        if args.format != "text":
            print(report.render(error.findings, args.format))
        else:
            print(error, file=sys.stderr)
        return 1
    policy = judged.resolved
    policy.warnings = judged.warnings
    # `make publish` refuses the archive's notices; a list's unconfirmed values are shown and never block.
    notices = list(policy.archive.notices) + [f for f in policy.warnings if f.severity == Severity.NOTICE]
    if args.format != "text":
        print(report.render(notices, args.format, ok=True))
        return 0
    for notice in notices:
        label = "Notice" if notice.severity == Severity.NOTICE else "Warning"
        print(f"{label}: {notice.format()}", file=sys.stderr)
    languages = ", ".join(language.code for language in policy.languages)
    print(f"OK: {policy.id} version {policy.version}, {len(policy.sections)} sections in {languages}.")
    unreleased = [code for code in policy.archive.current_texts if not policy.archive.matches_release(code)]
    if policy.versions and unreleased:
        print(f"Note: the current text in {', '.join(unreleased)} differs from released version {policy.version}; "
              "run `make release` to archive it as a new version.")
    for note in document_preview_notes(policy):  # the lists, children's rules, terms: the same, per document
        print(note)
    return 0


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD") from None


def _summary(value: str) -> tuple[str, str]:
    language, separator, text = value.partition("=")
    if not separator or not language.strip():
        raise argparse.ArgumentTypeError(f"{value!r}: write the summary as LANG=TEXT, e.g. en=\"New contact address\"")
    return language.strip(), text


def _material(value: str) -> bool:
    answer = value.strip().lower()
    if answer in ("yes", "true"):
        return True
    if answer in ("no", "false"):
        return False
    raise argparse.ArgumentTypeError(f"{value!r}: say MATERIAL=yes (users must consent again) or MATERIAL=no")


def _release(args: argparse.Namespace) -> int:
    from .archive.release import ReleaseRefused, changed_paths, releasable_documents, release

    root = Path(args.root)
    others = _other_documents(root)  # the lists…, released into archive/<id>/ (policysite.archive.documents)
    known = releasable_documents(root) + others
    if args.doc and args.doc not in known:
        print(f"policysite release: there is no document `{args.doc}` to release; this site's documents: "
              f"{', '.join(known)} — run `make release DOC={known[0]} …`, or leave DOC out for the policy",
              file=sys.stderr)
        return 2
    summaries = dict(args.summary) if args.summary else None
    if summaries is not None and not any(text.strip() for text in summaries.values()):
        summaries = None  # `make release` passes empty SUMMARY_… variables: fall back to data/archive.yml
    if args.doc in others:
        return _release_document(args, summaries)
    try:
        done = release(root, effective=args.effective, updated=args.updated, summaries=summaries,
                       material=args.material)
    except ReleaseRefused as refusal:
        print(f"Release refused: {refusal}\nNothing was written.", file=sys.stderr)
        return 1
    print(done.report(changed_paths(root)))
    return 0


def _other_documents(root: Path) -> list[str]:
    """The ids data/site.yml gives documents other than the privacy policy (the release judges the file)."""
    import yaml

    try:
        value = yaml.safe_load((root / "data" / "site.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    entries = value.get("documents") if isinstance(value, dict) else None
    return [str(entry["id"]) for entry in entries or [] if isinstance(entry, dict) and "id" in entry
            and entry.get("kind") != "privacy-policy"] if isinstance(entries, list) else []


def _release_document(args: argparse.Namespace, summaries: dict[str, str] | None) -> int:
    """`make release DOC=collection-list`: freeze another document of the site (archive/<id>/)."""
    from .archive.documents import DocumentReleaseRefused, release_document
    from .archive.release import changed_paths

    if args.updated:
        print("Release refused: UPDATED= applies to the privacy policy; a list's version is dated by EFFECTIVE= "
              "alone.\nNothing was written.", file=sys.stderr)
        return 1
    try:
        done = release_document(Path(args.root), args.doc, effective=args.effective, summaries=summaries,
                                material=args.material)
    except DocumentReleaseRefused as refusal:
        print(f"Release refused: {refusal}\nNothing was written.", file=sys.stderr)
        return 1
    print(done.report(changed_paths(Path(args.root))))
    return 0


def _pdf(args: argparse.Namespace) -> int:
    """`make pdf`: the PDF of every released version that lacks one (versions released before PDFs existed),
    the policy's and every other document's of data/site.yml."""
    from .archive.pdf import PdfUnavailable
    from .archive.pdfs import backfill
    from .load import load_policy

    root = Path(args.root)
    try:
        written = backfill(root, load_policy(root))
    except PolicyError as error:
        print(error, file=sys.stderr)
        return 1
    except PdfUnavailable as error:
        print(f"No PDF was made: {error}", file=sys.stderr)
        return 1
    print("\n".join(f"  {path}" for path in written) if written else "Every released version has its PDF.")
    if written:
        print("Commit them: git add archive && git commit -m \"PDF of every released version\"")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .publish import build_site

    if args.require_release or args.against:
        from .archive import against_findings, unreleased_findings
        from .document_releases import unreleased_document_findings
        try:  # publishing: an archive history cannot vouch for is refused too
            policy = judge(Path(args.root), publishing=args.require_release)
        except PolicyError as error:
            print(error, file=sys.stderr)
            return 1
        refused = unreleased_findings(policy) + unreleased_document_findings(policy) if args.require_release else []
        refused += against_findings(policy, args.against) if args.against else []
        if refused:
            print(PolicyError(refused), file=sys.stderr)
            return 1
    return build_site(Path(args.root), Path(args.site_dir), strict=not args.no_strict)


def _serve(args: argparse.Namespace) -> int:
    """`make serve`: MkDocs' live preview, after making sure the port is free (one line, not a traceback)."""
    import os
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            # As MkDocs' server does: a port left in TIME_WAIT is free, one another server listens on is not.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((args.host, args.port))
    except OSError as error:
        print(f"policysite serve: {args.host}:{args.port} cannot be used ({error.strerror or error}); another "
              f"preview or server is probably running there — stop it, or run `make serve PORT={args.port + 1}`",
              file=sys.stderr)
        return 2
    print(f"Preview on http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{args.host}:{args.port}"]
    os.chdir(args.root)
    os.execv(sys.executable, command)  # MkDocs takes over this process: Ctrl+C reaches it directly


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1–65535), e.g. PORT=8001")
    return int(value)


def _rules(args: argparse.Namespace) -> int:
    """Every finding id a build can print, its severity, whether data/waivers.yml can accept it, what it catches, and an example."""
    from .rules import RULES
    for rule in sorted(RULES.values(), key=lambda r: r.id):
        waiver = "waivable" if rule.waivable else "fix-only"
        print(f"{rule.id:34} {rule.severity.value:8} {waiver:9} {rule.summary}")
        if rule.example:
            print(f"{'':54}e.g. {rule.example}")
    return 0


class _Parser(argparse.ArgumentParser):
    """Usage mistakes in one line, with the way to the help, instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} — run `python -m policysite --help` "
                     f"(or `{self.prog} --help`) for the commands and their options\n")


def _new(args: argparse.Namespace) -> int:
    from .importer.new import main as new_main
    return new_main(args)


def _import(args: argparse.Namespace) -> int:
    from .importer.command import main as import_main
    return import_main(args)


def main(argv: list[str] | None = None) -> int:
    """Run one command; a crash becomes one internal.error line (POLICYSITE_DEBUG=1: the traceback)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("policysite: interrupted before the command finished — run it again", file=sys.stderr)
        return 130
    except Exception as error:
        if debugging():
            raise
        print(internal_error(error).format(), file=sys.stderr)
        return 70  # EX_SOFTWARE: a bug, not a problem in the policy


def _main(argv: list[str] | None) -> int:
    parser = _Parser(prog="policysite", description=__doc__)
    parser.add_argument("--root", default=".", help="project folder holding mkdocs.yml, data/ and docs/")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="load and judge the policy without rendering HTML")
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="json: {ok, findings}; github: GitHub Actions annotations")
    check.set_defaults(run=_check)
    commands.add_parser("rules", help="list every finding id, its severity and whether a waiver can accept it").set_defaults(run=_rules)
    build = commands.add_parser("build", help="build the site; replace site/ only on success")
    build.add_argument("--site-dir", default="site")
    build.add_argument("--no-strict", action="store_true", help="do not fail on warnings (preview only)")
    build.add_argument("--require-release", action="store_true",
                       help="refuse unless the text is a released version (`make publish`, the deploy)")
    build.add_argument("--against", metavar="URL-or-folder",
                       help="refuse if a version published there (its policy.json) is missing here or differs")
    build.set_defaults(run=_build)
    rel = commands.add_parser("release", help="freeze the current policy as a new archived version")
    rel.add_argument("--effective", type=_date, help="the day the version takes effect (YYYY-MM-DD)")
    rel.add_argument("--updated", type=_date, help="its “last updated” date (default: the effective date)")
    rel.add_argument("--summary", type=_summary, action="append", metavar="LANG=TEXT",
                     help="what changed, once per language (default: next_release in data/archive.yml)")
    rel.add_argument("--material", type=_material, metavar="yes|no",
                     help="whether users must consent again (required after the first version; "
                          "default: next_release.material in data/archive.yml)")
    rel.add_argument("--doc", metavar="ID", help="the document to release (default: the policy)")
    rel.set_defaults(run=_release)
    serve = commands.add_parser("serve", help="live preview with MkDocs (refused in one line when the port is taken)")
    serve.add_argument("--port", type=_port, default=8000, help="the port to listen on (default 8000)")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1)")
    serve.set_defaults(run=_serve)
    commands.add_parser("pdf", help="make the PDF of every released version that has none").set_defaults(run=_pdf)
    new = commands.add_parser("new", help="start an empty policy: every required section says what it must disclose")
    new.add_argument("--lang", action="append", help="a language code, once per language; the first is the default")
    new.add_argument("--into", help="project folder to write (default: --root)")
    new.add_argument("--replace", action="store_true", help="replace the policy the project holds (clears archive/)")
    new.set_defaults(run=_new)
    imp = commands.add_parser("import", help="bring an existing policy in from Word, text, Markdown or HTML")
    imp.add_argument("sources", nargs="+", metavar="LANG=PATH", help="one source per language; the first is the default")
    imp.add_argument("--into", help="project folder to write (default: --root)")
    imp.add_argument("--replace", action="store_true", help="replace the policy the project holds (clears archive/)")
    imp.add_argument("--default", help="the default language (default: the first source's)")
    changes = imp.add_mutually_exclusive_group()
    changes.add_argument("--accept-changes", action="store_true", help="accept Word's tracked changes (listed in REVIEW-NOTES.md)")
    changes.add_argument("--reject-changes", action="store_true", help="reject Word's tracked changes (listed in REVIEW-NOTES.md)")
    imp.set_defaults(run=_import)
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
