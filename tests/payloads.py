"""Markup that makes (or must not make) a browser contact another host: the guard's test corpus.

Each payload is a page body. `evil.test` (a reserved name, never resolved:
the browser test aborts every request that would leave 127.0.0.1) stands for
any other host. The corpus is read twice: tests/test_external_hosts.py asks
the guard, tests/test_browser_payloads.py asks Chromium, and the two must agree.

- FETCHES: Chromium fetches from evil.test on its own, just by opening the page.
- CLICKS: a reader's click would send a request to evil.test (ping, a form).
- CAUTIOUS: the guard reports them although Chromium, as tested, fetches nothing from evil.test: markup
  that fetches under other conditions (another browser, scripting off, installing the site, a script
  cloning a template) or is not a file of this site at all (a `data:` document, `javascript:`).
- CLEAN: nothing leaves the site; the guard must stay silent.
"""

from __future__ import annotations

E = "evil.test"

FETCHES: dict[str, str] = {
    "script-src": f'<script src="https://{E}/x.js"></script>',
    "img-src": f'<img src="https://{E}/x.png">',
    "img-scheme-relative": f'<img src="//{E}/x.png">',
    "img-backslashes": f'<img src="\\\\{E}/x.png">',
    "img-slash-backslash": f'<img src="/\\{E}/x.png">',
    "img-leading-space": f'<img src=" //{E}/x.png">',
    "img-leading-control": f'<img src="&#x0C;//{E}/x.png">',
    "img-tab-inside": f'<img src="/&#x09;/{E}/x.png">',
    "img-newline-inside": f'<img src="/\n/{E}/x.png">',
    "img-entities": f'<img src="&#x2F;&#x2F;{E}/x.png">',
    "img-named-entities": f'<img src="&sol;&sol;{E}/x.png">',
    "img-https-backslashes": f'<img src="https:\\\\{E}/x.png">',
    "img-other-scheme-no-slashes": f'<img src="https:{E}/x.png">',
    "img-many-slashes": f'<img src="https:////{E}/x.png">',
    "img-userinfo": f'<img src="https://127.0.0.1@{E}/x.png">',
    "img-percent-host": '<img src="//%65vil.test/x.png">',
    "img-fullwidth-host": '<img src="//ｅｖｉｌ.test/x.png">',
    "img-uppercase-host": '<img src="//EVIL.TEST/x.png">',
    "img-unquoted": f"<img src=//{E}/x.png>",
    # Chromium picks one candidate (the 1x one on this screen): the other host's is that one.
    "img-srcset-second": f'<img src="/local.png" srcset="/local.png 2x, //{E}/x.png 1x">',
    "img-srcset-only": f'<img srcset="//{E}/x.png 1x, //{E}/y.png 2x">',
    "img-srcset-after-data-with-comma": f'<img srcset="data:image/gif;base64,R0lGODlhAQABAAAAACw= 2x, //{E}/x.png 1x">',
    "picture-source": f'<picture><source srcset="//{E}/x.webp"><img src="/local.png"></picture>',
    "video-poster": f'<video poster="//{E}/p.png" width="100" height="100"></video>',
    "input-image": f'<input type="image" src="//{E}/x.png" alt="go">',
    "body-background": f'<body background="//{E}/bg.png"><p>text</p></body>',
    "td-background": f'<table><tr><td background="//{E}/bg.png">cell</td></tr></table>',
    "table-background": f'<table background="//{E}/bg.png"><tr><td>cell</td></tr></table>',
    "base-href": f'<base href="//{E}/"><img src="x.png">',
    "base-href-entities": f'<base href="&#x2F;/{E}/"><img src="x.png">',
    "link-stylesheet": f'<link rel="stylesheet" href="//{E}/x.css">',
    "link-stylesheet-uppercase-rel": f'<link rel="STYLESHEET" href="//{E}/x.css">',
    "link-preload-image": f'<link rel="preload" as="image" href="//{E}/x.png">',
    "iframe-src": f'<iframe src="//{E}/frame"></iframe>',
    "iframe-srcdoc": f'<iframe srcdoc="&lt;img src=&quot;https://{E}/x.png&quot;&gt;"></iframe>',
    "iframe-data-document": f'<iframe src="data:text/html,&lt;img src=https://{E}/x.png&gt;"></iframe>',
    "object-data-document": f'<object data="data:text/html,&lt;img src=https://{E}/x.png&gt;"></object>',
    "object-data": f'<object data="//{E}/x.svg" type="image/svg+xml"></object>',
    "embed-src": f'<embed src="//{E}/x.svg" type="image/svg+xml">',
    "meta-refresh-url": f'<meta http-equiv="refresh" content="0; url=https://{E}/">',
    "meta-refresh-bare": f'<meta http-equiv="refresh" content="0; https://{E}/">',
    "meta-refresh-scheme-relative": f'<meta http-equiv="refresh" content="0;//{E}/">',
    "meta-refresh-in-body": f'<p>text</p><meta http-equiv="Refresh" content="0,URL=\'//{E}/\'">',
    "svg-image-href": f'<svg width="10" height="10"><image href="https://{E}/x.png" width="10" height="10"/></svg>',
    "svg-image-xlink": f'<svg width="10" height="10"><image xlink:href="//{E}/x.png" width="10" height="10"/></svg>',
    "svg-feimage": (f'<svg width="10" height="10"><filter id="f"><feImage href="//{E}/x.png"/></filter>'
                    '<rect width="10" height="10" filter="url(#f)"/></svg>'),
    "style-attr-url": f'<div style="background:url(//{E}/x.png)">x</div>',
    "style-attr-url-quoted": f'<div style="background:url(\'https://{E}/x.png\')">x</div>',
    "style-attr-escaped-function": f'<div style="background:u\\72l(//{E}/x.png)">x</div>',
    "style-attr-escaped-start": f'<div style="background:\\75 rl(//{E}/x.png)">x</div>',
    "style-attr-escaped-url-chars": f'<div style="background:url(\\2f\\2f {E}/x.png)">x</div>',
    "style-attr-entities": f'<div style="background:url(&#47;&#47;{E}/x.png)">x</div>',
    "style-attr-image-set-string": f'<div style="background-image:image-set(\'//{E}/x.png\' 1x)">x</div>',
    "style-attr-image-set-url": f'<div style="background-image:image-set(url(//{E}/x.png) 1x)">x</div>',
    "style-attr-webkit-image-set": f'<div style="background-image:-webkit-image-set(\'//{E}/x.png\' 1x)">x</div>',
    "style-attr-list-style": f'<ul style="list-style-image:url(//{E}/x.png)"><li>a</li></ul>',
    "style-element-content": f'<style>p::before{{content:url(//{E}/x.png)}}</style><p>a</p>',
    "style-element-background": f'<style>body{{background:url("//{E}/x.png")}}</style><p>x</p>',
    "style-element-import-string": f'<style>@import "//{E}/x.css";</style>',
    "style-element-import-url": f'<style>@import url(//{E}/x.css);</style>',
    "style-element-font-face": (f'<style>@font-face{{font-family:f;src:url(//{E}/f.woff2) format("woff2")}}'
                                'body{font-family:f}</style><p>text</p>'),
    "style-element-media": f'<style>@media screen{{body{{background:url(//{E}/x.png)}}}}</style><p>x</p>',
    "style-element-supports": f'<style>@supports (display:grid){{body{{background:url(//{E}/x.png)}}}}</style>',
    "style-element-escaped": f'<style>body{{background:\\55 RL(//{E}/x.png)}}</style><p>x</p>',
    "style-element-multiline": f'<style>\nbody {{\n  color: red;\n  background:\n    url(//{E}/x.png);\n}}\n</style>',
    "svg-style-element": f'<svg width="10" height="10"><style>svg{{background:url(//{E}/x.png)}}</style></svg>',
    "link-stylesheet-data-import": f'<link rel="stylesheet" href="data:text/css,@import url(https://{E}/x.css);">',
    "svg-filter-external": f'<svg width="10" height="10"><rect width="10" height="10" filter="url(//{E}/f.svg#f)"/></svg>',
    "svg-use-other-origin": f'<svg width="10" height="10"><use href="https://{E}/s.svg#a"/></svg>',
}

CLICKS: dict[str, str] = {
    "a-ping": f'<a href="/next" ping="https://{E}/track">next</a>',
    "area-ping": f'<map name="m"><area href="/next" ping="//{E}/track" shape="rect" coords="0,0,1,1"></map>',
    "form-action": f'<form action="https://{E}/collect"><button>send</button></form>',
    "button-formaction": f'<form><button formaction="//{E}/collect">send</button></form>',
}

CAUTIOUS: dict[str, str] = {
    "link-icon": f'<link rel="icon" href="//{E}/favicon.ico">',
    "link-manifest": f'<link rel="manifest" href="//{E}/site.webmanifest">',
    "link-preconnect": f'<link rel="preconnect" href="https://{E}">',
    "link-dns-prefetch": f'<link rel="dns-prefetch" href="//{E}">',
    "noscript-image": f'<noscript><img src="//{E}/x.png"></noscript>',
    "template-image": f'<template><img src="//{E}/x.png"></template>',
    "iframe-javascript": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe-data-empty": '<iframe src="data:text/html,hello"></iframe>',
    "script-data": '<script src="data:text/javascript,void 0"></script>',
    "html-manifest": f'<html manifest="//{E}/app.appcache"><p>x</p></html>',
}

CLEAN: dict[str, str] = {
    "link-to-other-host": f'<a href="https://{E}/">a link a reader may follow</a>',
    "link-canonical-other-host": f'<link rel="canonical" href="https://{E}/">',
    "link-alternate-other-host": f'<link rel="alternate" hreflang="en" href="https://{E}/en/">',
    "img-relative": '<img src="local.png">',
    "img-root-relative": '<img src="/assets/local.png">',
    "img-same-scheme-no-slashes": f'<img src="http:{E}/x.png">',  # on an http page: a path on this host
    "img-own-host-absolute": '<img src="//127.0.0.1/local.png">',
    "img-data": '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
    "style-data-image": '<div style="background:url(data:image/gif;base64,R0lGODlhAQABAAAAACw=)">x</div>',
    "style-namespace": '<style>@namespace svg url(http://www.w3.org/2000/svg); p{color:red}</style>',
    "style-comment": f'<style>/* body{{background:url(//{E}/x.png)}} */ p{{color:red}}</style>',
    "style-in-string": f'<style>p::after{{content:"url(//{E}/x.png)"}}</style><p>x</p>',
    "text-mentions-url": f'<p>Write to //{E}/ or https://{E}/x.png — text, not markup.</p>',
    "escaped-markup-text": f'<p>&lt;img src="//{E}/x.png"&gt;</p>',
    "textarea-markup": f'<textarea><img src="//{E}/x.png"></textarea>',
    "comment-markup": f'<!-- <img src="//{E}/x.png"> -->',
    "title-markup": f'<title><img src="//{E}/x.png"></title>',
    "meta-refresh-reload": '<meta http-equiv="refresh" content="600">',
    "meta-other-http-equiv": f'<meta http-equiv="content-language" content="https://{E}/">',
    "a-href-only": f'<a href="//{E}/">x</a>',
    "svg-use-fragment": '<svg width="10" height="10"><defs><rect id="r" width="1" height="1"/></defs><use href="#r"/></svg>',
    "svg-fill-fragment": '<svg width="10" height="10"><rect width="10" height="10" fill="url(#g)"/></svg>',
    "img-alt-url": f'<img src="local.png" alt="//{E}/x.png" title="https://{E}/">',
    "data-attribute": f'<div data-src="//{E}/x.png">x</div>',
    "mailto-form-free": '<a href="mailto:info@example.com">mail</a>',
}

REPORTED = {**FETCHES, **CLICKS, **CAUTIOUS}
