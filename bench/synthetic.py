"""A synthetic policy for scale benchmarks: the flagship's words, any number of languages and versions.

    make_synthetic_project(target, languages=2, versions=100)

Languages after zh and en reuse the English text (so every consistency rule
still passes) under real locale codes, so Babel dates and the i18n plugin
behave as for a real translation. Versions are frozen the way `make release`
freezes them (same file format, same lock), each one differing from the one
before in one sentence; the last one is the current version and matches data.
Build it with POLICYSITE_TODAY=synthetic_today(versions) so all are in force.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sys
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from policysite.archive.frozen import FrozenText  # noqa: E402
from policysite.archive.release import edit_policy_file  # noqa: E402
from policysite.archive.store import ATTRIBUTES_NAME, LOCK_NAME, Lock, LockedVersion  # noqa: E402
from policysite.load import load_policy  # noqa: E402
from measure import PROJECT_PARTS, copy_project  # noqa: E402

# code, name, Babel locale, hreflang — zh and en are the flagship's own.
EXTRA_LANGUAGES = [("fr", "Français", "fr", "fr"), ("de", "Deutsch", "de", "de"), ("es", "Español", "es", "es"),
                   ("it", "Italiano", "it", "it"), ("pt", "Português", "pt", "pt"), ("nl", "Nederlands", "nl", "nl"),
                   ("ja", "日本語", "ja", "ja"), ("ko", "한국어", "ko", "ko"), ("ru", "Русский", "ru", "ru"),
                   ("pl", "Polski", "pl", "pl"), ("sv", "Svenska", "sv", "sv"), ("tr", "Türkçe", "tr", "tr")]
FIRST_EFFECTIVE = dt.date(2020, 1, 6)
STEP = dt.timedelta(days=14)


def effective_date(version: int) -> dt.date:
    return FIRST_EFFECTIVE + STEP * (version - 1)


def synthetic_today(versions: int) -> str:
    """An injected date on which every synthetic version is in force and the last one is current."""
    return (effective_date(max(versions, 1)) + dt.timedelta(days=1)).isoformat()


def make_synthetic_project(target: Path, *, languages: int = 2, versions: int = 1) -> Path:
    """A buildable project in ``target`` with ``languages`` languages and ``versions`` archived versions."""
    if not 1 <= languages <= 2 + len(EXTRA_LANGUAGES):
        raise ValueError(f"languages must be 1 to {2 + len(EXTRA_LANGUAGES)}")
    # The archive is made below, version by version, instead of copied.
    copy_project(target, tuple(part for part in PROJECT_PARTS if part != "archive"))
    _add_languages(target, languages)
    latest = effective_date(max(versions, 1))
    policy_file = target / "data" / "policy.yml"
    policy_file.write_text(edit_policy_file(policy_file.read_text(encoding="utf-8"), max(versions, 1), latest, latest),
                           encoding="utf-8")
    if versions:
        _freeze_versions(target, versions)
    return target


def _add_languages(target: Path, count: int) -> None:
    extra = EXTRA_LANGUAGES[:max(count - 2, 0)]
    keep = ["zh", "en"][:count]
    config_path, policy_path = target / "mkdocs.yml", target / "data" / "policy.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    i18n["languages"] = [l for l in i18n["languages"] if l["locale"] in keep] + [
        {"locale": code, "name": name, "build": True, "site_name": f"Synthetic policy ({code})"}
        for code, name, _, _ in extra]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    policy = _localize(yaml.safe_load(policy_path.read_text(encoding="utf-8")), keep, extra)
    policy["languages"] = [l for l in policy["languages"] if l["code"] in keep] + [
        {"code": code, "name": name, "locale": locale, "hreflang": hreflang} for code, name, locale, hreflang in extra]
    policy_path.write_text(yaml.safe_dump(policy, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for code in ("zh", "en"):
        if code not in keep:
            shutil.rmtree(target / "docs" / code)
    if extra:
        # The two lists (data/site.yml) print words that exist in zh and en only (policysite/lists/words.py,
        # until they move into the catalogue): a site in more languages publishes its policy alone.
        (target / "data" / "site.yml").unlink(missing_ok=True)
    for code, *_ in extra:
        shutil.copytree(target / "docs" / "en", target / "docs" / code)
        # The interface words of a language the core does not ship come from the project (policysite/words/).
        (target / "data" / "words").mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT / "policysite" / "words" / "en.yml", target / "data" / "words" / f"{code}.yml")
    waivers_path = target / "data" / "waivers.yml"
    if waivers_path.is_file():  # the English text's waivers hold for its copies too
        waivers = yaml.safe_load(waivers_path.read_text(encoding="utf-8")) or {}
        listed = [w for w in waivers.get("waivers", []) if w["path"].split("/")[1] in keep]
        copies = [{**w, "path": w["path"].replace("docs/en/", f"docs/{code}/", 1)}
                  for w in listed if w["path"].startswith("docs/en/") for code, *_ in extra]
        waivers["waivers"] = listed + copies
        waivers_path.write_text(yaml.safe_dump(waivers, allow_unicode=True, sort_keys=False), encoding="utf-8")
        extra_codes = [code for code, *_ in extra]
    for path in sorted((target / "data").glob("*.yml")):
        if path.name in ("policy.yml", "archive.yml"):
            continue
        path.write_text(yaml.safe_dump(_localize(yaml.safe_load(path.read_text(encoding="utf-8")), keep, extra),
                                       allow_unicode=True, sort_keys=False), encoding="utf-8")
    if waivers_path.is_file() and extra:
        _drop_unmatched_copies(target, waivers_path, extra_codes)


def _drop_unmatched_copies(target: Path, waivers_path: Path, codes: list[str]) -> None:
    """Some rules read only Chinese or English; under another language code the English copy raises no such
    finding, so the copied waiver for it would be unmatched (and refused). Keep only the copies that match."""
    from policysite.findings import PolicyError
    from policysite.judge import judge
    from policysite.yamlfile import read_yaml
    try:
        judge(target, commit_date=lambda *_: None)
        return
    except PolicyError as error:
        unmatched = {f.line for f in error.findings if f.rule == "waiver.unmatched" and f.path == "data/waivers.yml"}
    document, _ = read_yaml(waivers_path, "data/waivers.yml")
    assert document is not None
    entries = document.value["waivers"]
    kept = [w for index, w in enumerate(entries)
            if not (document.line("waivers", index) in unmatched and w["path"].split("/")[1] in codes)]
    waivers_path.write_text(yaml.safe_dump({"waivers": kept}, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _localize(value, keep: list[str], extra: list) -> object:
    """Per-language values: drop languages not kept, give every extra language the English value."""
    if isinstance(value, dict) and value and set(value) <= {"zh", "en"}:
        result = {code: _localize(value[code], keep, extra) for code in keep if code in value}
        result.update({code: _localize(value.get("en", next(iter(value.values()))), keep, extra)
                       for code, *_ in extra})
        return result
    if isinstance(value, dict):
        return {key: _localize(item, keep, extra) for key, item in value.items()}
    if isinstance(value, list):
        return [_localize(item, keep, extra) for item in value]
    return value


STAND_IN_PDF = (PROJECT / "tests" / "fixtures" / "flagship" / "archive" / "2024-11-18" / "en.pdf").read_bytes()


def _freeze_versions(target: Path, versions: int) -> None:
    """Version k's text is the current text with a revision sentence: every version differs from the last."""
    policy = load_policy(target)
    lock = Lock(policy=policy.id)
    archive = target / "archive"
    archive.mkdir()
    (archive / ATTRIBUTES_NAME).write_text("* -text\n", encoding="utf-8")
    for number in range(1, versions + 1):
        effective = effective_date(number)
        entry = LockedVersion(version=number, effective=effective, released=effective - dt.timedelta(days=7))
        for language in policy.languages:
            body = policy.pages[language.code]
            if number < versions:  # the last version is exactly the current text
                title, _, rest = body.partition("\n\n")
                body = f"{title}\n\nRevision {number} of this policy.\n\n{rest}"
            text = FrozenText(policy=policy.id, version=number, language=language.code,
                              title=str(policy.contexts[language.code]["policy"]["title"]), effective=effective,
                              updated=effective, summary="" if number == 1 else f"Revision {number}.", body=body)
            relative = f"{effective.isoformat()}/{language.code}.md"
            (archive / relative).parent.mkdir(exist_ok=True)
            (archive / relative).write_bytes(text.render())
            entry.files[language.code] = (relative, text.sha256)
            # Builds only copy a version's PDF (it is made once, at release), so the flagship's own
            # released PDF stands in for each: rendering a hundred would measure WeasyPrint, not the build.
            pdf_relative = relative.removesuffix(".md") + ".pdf"
            (archive / pdf_relative).write_bytes(STAND_IN_PDF)
            entry.pdfs[language.code] = (pdf_relative, hashlib.sha256(STAND_IN_PDF).hexdigest())
        lock.versions.append(entry)
    (archive / LOCK_NAME).write_text(lock.to_json(), encoding="utf-8")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--languages", type=int, default=2)
    parser.add_argument("--versions", type=int, default=1)
    args = parser.parse_args()
    print(make_synthetic_project(args.target, languages=args.languages, versions=args.versions))
    print(f"POLICYSITE_TODAY={synthetic_today(args.versions)}")
