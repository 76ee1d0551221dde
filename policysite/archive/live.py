"""`make publish AGAINST=…`: the archive here against the site already published.

Git history anchors the archive in the repository; the live site anchors it in
what readers were actually shown. The published /policy.json lists every
version with the SHA-256 of each language's frozen text: a version published
there that is missing here, or whose text hashes differently, means this build
would silently drop or rewrite what readers agreed to (a rewritten history, a
wrong branch, a deleted archive). The manifest is read from a folder (a copy of
the deployed site) or over http(s) only, bounded in size and time.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path
from typing import Any, cast

from ..findings import Finding
from ..model import Policy
from .history import LOCK_SHOWN, lock_line
from .manifest import MANIFEST_PATH

MAX_BYTES = 5_000_000  # a manifest of hundreds of versions is well under 1 MB
TIMEOUT = 20.0
SHA256 = re.compile(r"[0-9a-f]{64}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


class LiveUnreadable(Exception):
    """Why the published manifest could not be read, as a sentence."""


def manifest_location(source: str) -> str:
    """The address or file of the published policy.json for a site address or folder."""
    if _SCHEME.match(source):
        parts = urllib.parse.urlsplit(source)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise LiveUnreadable(f"{source!r} is neither an http(s) address nor a folder")
        if parts.path.endswith(".json"):
            return source
        return urllib.parse.urljoin(source if source.endswith("/") else source + "/", MANIFEST_PATH)
    path = Path(source)
    return str(path / MANIFEST_PATH if path.is_dir() else path)


def read_published(location: str) -> dict[str, Any]:
    """The published manifest, checked for the fields compared here; LiveUnreadable otherwise."""
    if _SCHEME.match(location):
        content = _download(location)
    else:
        path = Path(location)
        if not path.is_file():
            raise LiveUnreadable(f"there is no file {location}")
        if path.stat().st_size > MAX_BYTES:
            raise LiveUnreadable(f"{location} is larger than {MAX_BYTES // 1_000_000} MB, which no manifest is")
        content = path.read_bytes()
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise LiveUnreadable(f"{location} is not JSON ({error})") from None
    _validate(data, location)
    return cast(dict[str, Any], data)


def _download(url: str) -> bytes:
    # urllib.request (with http.client, ssl and email) is imported here, when a live site is read:
    # every `check` imports this module, and only `publish --against` downloads.
    import urllib.error
    import urllib.request

    class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
        """Follow a redirect only to another http(s) address (urllib would also follow ftp://)."""

        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
                raise LiveUnreadable(f"{req.full_url} redirects to {newurl}, which is not an http(s) address")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": "policysite publish --against",
                                                   "Cache-Control": "no-cache"})
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            content: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise LiveUnreadable(f"{url} answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise LiveUnreadable(f"{url} could not be reached ({error.reason})") from None
    except (TimeoutError, OSError, ValueError) as error:
        raise LiveUnreadable(f"{url} could not be read ({error or type(error).__name__})") from None
    if len(content) > MAX_BYTES:
        raise LiveUnreadable(f"{url} is larger than {MAX_BYTES // 1_000_000} MB, which no manifest is")
    return content


def _validate(data: Any, location: str) -> None:
    def wrong(where: str) -> LiveUnreadable:
        return LiveUnreadable(f"{location} is not a policy manifest: {where}")

    if not isinstance(data, dict) or not isinstance(data.get("policy"), str):
        raise wrong("it has no `policy` id")
    if not isinstance(data.get("versions"), list):
        raise wrong("it has no list of `versions`")
    for index, version in enumerate(data["versions"]):
        where = f"versions[{index}]"
        if not isinstance(version, dict) or type(version.get("version")) is not int:
            raise wrong(f"{where} has no version number")
        if not isinstance(version.get("effective"), str) or not isinstance(version.get("languages"), dict):
            raise wrong(f"{where} has no effective date or no languages")
        for code, text in version["languages"].items():
            if not isinstance(text, dict) or not SHA256.fullmatch(str(text.get("sha256", ""))):
                raise wrong(f"{where}.languages.{code} has no SHA-256")


def against_findings(policy: Policy, source: str) -> list[Finding]:
    """Every version published at ``source`` must be here, with the same texts; findings otherwise."""
    try:
        location = manifest_location(source)
        published = read_published(location)
    except LiveUnreadable as reason:
        return [Finding(source, 1, "archive.live-read", f"the published site could not be compared: {reason}",
                        "give AGAINST= the address of the live site (https://…/) or a folder holding its copy; "
                        "leave AGAINST= empty only for the very first deploy")]
    lines = policy.archive.lock.decode("utf-8").splitlines() if policy.archive.lock else []
    if published["policy"] != policy.id:
        path, line = policy.data.where("policy", "id")
        return [Finding(path, line, "archive.live",
                        f"the site at {location} publishes policy `{published['policy']}`, but this is `{policy.id}`",
                        "give AGAINST= the address of this policy's own site")]
    here = {version.version: version for version in policy.versions}
    findings = []
    for entry in published["versions"]:
        number, effective = entry["version"], entry["effective"]
        local = here.get(number)
        named = f"version {number} (effective {effective}), published at {location},"
        if local is None or local.effective.isoformat() != effective:
            problem = (f"{named} is not in archive/ here" if local is None else
                       f"{named} is effective {local.effective} here")
            findings.append(Finding(LOCK_SHOWN, lock_line(lines, number, "version"), "archive.live",
                                    f"{problem}; publishing would drop or rewrite a version readers were shown",
                                    f"restore archive/{effective}/ and its entry in the lock from the commit that "
                                    f"released it (`git log --all -- archive/{effective}`), then publish"))
            continue
        released = entry.get("released")
        if isinstance(released, str) and released != local.released.isoformat():
            findings.append(Finding(LOCK_SHOWN, lock_line(lines, number, "released"), "archive.live",
                                    f"{named} was released on {released}, but the lock here says {local.released}",
                                    f'write `"released": "{released}"` back (see `git log -p -- {LOCK_SHOWN}`)'))
        for code, text in sorted(entry["languages"].items()):
            if code not in local.hashes:
                findings.append(Finding(LOCK_SHOWN, lock_line(lines, number, "version"), "archive.live",
                                        f"{named} has a `{code}` text that this archive lacks",
                                        f"restore archive/{effective}/{code}.md and its lock entry from git"))
            elif local.hashes[code] != text["sha256"]:
                findings.append(Finding(local.files[code], 1, "archive.live",
                                        f"this text (SHA-256 {local.hashes[code]}) differs from {named} in "
                                        f"`{code}` (SHA-256 {text['sha256']}); a released text never changes",
                                        f"restore it from the commit that released it (`git log --all -- "
                                        f"{local.files[code]}`); to change the policy, release a new version"))
    return findings
