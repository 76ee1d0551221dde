"""Every address the site publishes comes from policysite.urls: the policy's pinned addresses, and the same
shape under another document's prefix."""

from __future__ import annotations

import datetime as dt

from policysite import urls

DAY = dt.date(2024, 11, 18)


def test_the_policy_keeps_the_addresses_the_web_team_pinned() -> None:
    assert urls.page("", "zh", "zh") == ""
    assert urls.page("", "en", "zh") == "en/"
    assert urls.webview("", "zh", "zh") == "webview/"
    assert urls.webview("", "en", "zh") == "en/webview/"
    assert urls.archive_index("", "en", "zh") == "en/archive/"
    assert urls.archived_version("", "zh", "zh", DAY) == "archive/2024-11-18/"
    assert urls.archived_webview("", "en", "zh", DAY) == "en/archive/2024-11-18/webview/"
    assert urls.redline("", "en", "zh", DAY) == "en/archive/2024-11-18/changes/"
    assert urls.pdf("", "zh", DAY) == "archive/2024-11-18/zh.pdf"
    assert urls.frozen_text("", "en", DAY) == "archive/2024-11-18/en.md"
    assert urls.current_text("", "zh") == "policy.zh.md"
    assert urls.manifest() == "policy.json"
    assert urls.feed("", "zh", "zh") == "feed.xml"
    assert urls.feed("", "en", "zh") == "en/feed.xml"
    assert (urls.sitemap(), urls.robots()) == ("sitemap.xml", "robots.txt")
    assert urls.not_found("zh", "zh") == "404.html"
    assert urls.not_found("en", "zh") == "en/404.html"


def test_another_document_gets_the_same_shape_under_its_prefix() -> None:
    prefix = "lists/collection"
    assert urls.page(prefix, "zh", "zh") == "lists/collection/"
    assert urls.page(prefix, "en", "zh") == "en/lists/collection/"
    assert urls.webview(prefix, "en", "zh") == "en/lists/collection/webview/"
    assert urls.archive_index(prefix, "zh", "zh") == "lists/collection/archive/"
    assert urls.redline(prefix, "zh", "zh", DAY) == "lists/collection/archive/2024-11-18/changes/"
    assert urls.pdf(prefix, "en", DAY) == "lists/collection/archive/2024-11-18/en.pdf"
    assert urls.current_text(prefix, "en") == "lists/collection/text.en.md"
    assert urls.feed(prefix, "en", "zh") == "en/lists/collection/feed.xml"


def test_absolute_addresses() -> None:
    assert urls.absolute("https://example.cn/", "en/webview/") == "https://example.cn/en/webview/"
    assert urls.absolute("", "policy.json") == "/policy.json"
