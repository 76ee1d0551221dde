"""Words the archive adds around the policy, per language (English for any other language)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "index_title": "历史版本",
        "index_intro": ("本页列出本政策的每一个版本及其生效期间。每个版本发布时即被存档，此后不再改动；"
                        "各版本文本的 SHA-256 校验值见 [policy.json]({manifest})。"),
        "feed": "版本更新订阅（Atom）",
        "col_version": "版本",
        "col_period": "适用期间",
        "col_summary": "主要变更",
        "col_links": "链接",
        "version_n": "第{version}版",
        "version_dated": "第{version}版（{date}）",
        "period_from": "{start}起",
        "period_range": "{start}至{end}",
        "takes_effect": "将于{date}生效",
        "status_current": "现行版本",
        "status_superseded": "已被取代",
        "status_upcoming": "即将生效",
        "first_version": "首个版本",
        "read": "阅读",
        "changes": "变更对照",
        "text": "存档文本",
        "pdf": "下载PDF",
        "version_title": "{title}（{date}版）",
        "changes_title": "{title}：{date}版的变更",
        "banner_superseded": ("这是本政策的存档版本（第{version}版，{effective}生效），已于{superseded}被新版本取代。"
                              "请查看[现行版本]({current})。"),
        "banner_current": "这是本政策现行版本（第{version}版，自{effective}起生效）的存档副本。[现行版本页面]({current})",
        "banner_upcoming": ("这是本政策即将生效的新版本（第{version}版），将于{effective}生效；"
                            "在此之前，[现行版本]({current})继续适用。"),
        "banner_summary": "本版本的主要变更：{summary}",
        "banner_links": "[与上一版本的变更对照]({changes}) · [全部历史版本]({index})",
        "banner_index": "[全部历史版本]({index})",
        "banner_hash": "存档文本：[{name}]({text})（SHA-256 <code>{sha256}</code>）",
        "legend": ("图例：<ins>绿色并加下划线</ins>为{new}版新增的文字，<del>红色并加删除线</del>为该版删除的文字"
                   "（与{old}版相比）；未标记的段落没有变化。"),
        "changes_intro": "第{version}版（{new}生效）与第{previous}版（{old}生效）相比，共有{count}处变更。",
        "notice_updated": "本政策已于{effective}更新（第{version}版）。主要变更：{summary}",
        "notice_upcoming": "本政策的新版本（第{version}版）将于{effective}生效。主要变更：{summary}",
        "notice_links": "[阅读新版本]({read}) · [查看变更对照]({changes})",
        "notice_changes": "[查看变更对照]({changes})",
        "history_heading": "版本记录",
        "history_current": "本页为第{version}版，自{effective}起生效。",
        "history_previous": "以往版本：",
        "history_all": "全部历史版本",
        "archived_copy": "存档副本",
        "feed_title": "{title}：版本更新",
        "feed_entry": "第{version}版，{effective}生效",
        "separator": "、",
        "colon": "：",
    },
    "en": {
        "index_title": "Version history",
        "index_intro": ("This page lists every version of this policy and the period it applied. Each version is "
                        "archived when it is released and never changed afterwards; the SHA-256 of every text is "
                        "in [policy.json]({manifest})."),
        "feed": "Updates feed (Atom)",
        "col_version": "Version",
        "col_period": "In force",
        "col_summary": "What changed",
        "col_links": "Links",
        "version_n": "Version {version}",
        "version_dated": "version {version} ({date})",
        "period_from": "since {start}",
        "period_range": "{start} to {end}",
        "takes_effect": "takes effect on {date}",
        "status_current": "current",
        "status_superseded": "superseded",
        "status_upcoming": "upcoming",
        "first_version": "First version",
        "read": "Read",
        "changes": "Changes",
        "text": "Archived text",
        "pdf": "Download PDF",
        "version_title": "{title} (version of {date})",
        "changes_title": "{title}: changes in the version of {date}",
        "banner_superseded": ("This is an archived version of this policy (version {version}, effective {effective}), "
                              "superseded on {superseded}. See the [current version]({current})."),
        "banner_current": ("This is the archived copy of the current version of this policy (version {version}, "
                           "effective {effective}). [Current version page]({current})"),
        "banner_upcoming": ("This is an upcoming version of this policy (version {version}); it takes effect on "
                            "{effective}. Until then the [current version]({current}) applies."),
        "banner_summary": "What changed in this version: {summary}",
        "banner_links": "[Changes from the previous version]({changes}) · [All versions]({index})",
        "banner_index": "[All versions]({index})",
        "banner_hash": "Archived text: [{name}]({text}) (SHA-256 <code>{sha256}</code>)",
        "legend": ("Legend: <ins>green, underlined</ins>: added in the version of {new}; <del>red, struck through</del>: "
                   "deleted in that version (compared with the version of {old}). Paragraphs without marks did not change."),
        "changes_intro": ("Version {version} (effective {new}) differs from version {previous} (effective {old}) "
                          "in {count} places."),
        "notice_updated": "This policy was updated on {effective} (version {version}). What changed: {summary}",
        "notice_upcoming": "A new version of this policy (version {version}) takes effect on {effective}. What changes: {summary}",
        "notice_links": "[Read the new version]({read}) · [See the changes]({changes})",
        "notice_changes": "[See the changes]({changes})",
        "history_heading": "Version history",
        "history_current": "This is version {version}, in force since {effective}.",
        "history_previous": "Previous versions: ",
        "history_all": "All versions",
        "archived_copy": "archived copy",
        "feed_title": "{title}: versions",
        "feed_entry": "Version {version}, effective {effective}",
        "separator": ", ",
        "colon": ": ",
    },
}


def words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["en"])
