"""Google Alerts feeds: real links and clean titles.

A Google Alerts RSS/Atom feed (``https://www.google.com/alerts/feeds/<id>/<id>``) wraps every
link in a Google redirect and marks the matched words in bold::

    <title type="html">&lt;b&gt;Brûlerie Sauvage&lt;/b&gt; ouvre une boutique</title>
    <link href="https://www.google.com/url?rct=j&sa=t&url=https://www.lyon-eco.example/a1&ct=ga&cd=…"/>

:func:`unwrap_google_url` returns the real article URL (so that the store deduplicates it
against the same article read from the publisher's own feed) and :func:`strip_bold` removes the
``<b>`` tags. The store applies both to *every* entry, so an Alerts feed declared with another
type is still cleaned.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from veille.urls import is_http_url

__all__ = ["is_google_alerts_url", "strip_bold", "unwrap_google_url"]

_GOOGLE_HOST = re.compile(r"^(www\.)?google\.[a-z.]{2,6}$")
_BOLD = re.compile(r"</?b\s*>", re.IGNORECASE)


def is_google_alerts_url(url: str) -> bool:
    """True for a Google Alerts feed URL (``google.*/alerts/feeds/…``)."""
    parts = urlsplit(url or "")
    return bool(_GOOGLE_HOST.match((parts.hostname or "").lower())) and parts.path.startswith("/alerts/feeds/")


def unwrap_google_url(link: str) -> str:
    """The target of a ``https://www.google.com/url?…&url=REAL`` redirect, else ``link`` unchanged.

    Only an http(s) target is returned: a redirect to ``javascript:`` or ``file:`` keeps the
    original Google link.
    """
    if not link or "google." not in link:
        return link
    try:
        parts = urlsplit(link)
    except ValueError:
        return link
    if not (_GOOGLE_HOST.match((parts.hostname or "").lower()) and parts.path == "/url"):
        return link
    params = parse_qs(parts.query)
    for key in ("url", "q"):
        for target in params.get(key, []):
            if is_http_url(target):
                return target
    return link


def strip_bold(text: str) -> str:
    """Remove ``<b>``/``</b>`` tags (as markup or as the text Google puts in HTML titles)."""
    return _BOLD.sub("", text or "")
