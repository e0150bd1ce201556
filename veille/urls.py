"""URL hygiene for the feed store: which URLs may be fetched, and one canonical form per article.

Two links to the same article rarely look the same: newsletters add ``utm_*`` parameters,
Facebook adds ``fbclid``, Google Ads ``gclid``, Mailchimp ``mc_cid``/``mc_eid``, AT Internet
(common on French media sites) ``xtor``. :func:`canonical_url` removes them so that the store
can recognise a duplicate::

    >>> canonical_url("HTTPS://WWW.Exemple.fr/article/?utm_source=nl&id=3&fbclid=x#haut")
    'https://www.exemple.fr/article?id=3'

Rules: scheme and host lowercased, default port dropped, fragment dropped, tracking parameters
dropped, the remaining query parameters sorted, one trailing slash removed from the path (not
from the root ``/``). Everything else (path case, ``www.``) is kept: it can name another page.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["TRACKING_PARAMS", "canonical_url", "is_http_url", "normalise_feed_url"]

#: Query parameters that only track a click; they never change the page served.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
    "igshid", "igsh", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "__hssc", "__hstc",
    "__hsfp", "hsctatracking", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid",
    "xtor", "xts", "at_medium", "at_campaign", "at_platform", "at_send_date", "ncid", "sr_share",
    "cmpid", "ocid", "spm",
})
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_")


def is_http_url(url: str) -> bool:
    """True for an absolute ``http://`` or ``https://`` URL with a host (nothing else is fetched)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def normalise_feed_url(url: str) -> str:
    """A feed URL as typed by a user or exported by a reader: ``feed://`` → ``https://``."""
    url = url.strip()
    if url.lower().startswith("feed://"):
        return "https://" + url[7:]
    if url.lower().startswith("feed:http"):
        return url[5:]
    return url


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The canonical form of an article link (see the module docstring); '' for an empty link.

    A link that is not http(s) is returned stripped but otherwise unchanged.
    """
    url = (url or "").strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    netloc = parts.netloc.rpartition("@")[2].lower().rstrip(".")
    if scheme not in ("http", "https") or not netloc or netloc.startswith(":"):
        return url
    if (scheme == "http" and netloc.endswith(":80")) or (scheme == "https" and netloc.endswith(":443")):
        netloc = netloc.rsplit(":", 1)[0]
    host = netloc
    path = parts.path or "/"
    if "//" in path:
        path = re.sub(r"/{2,}", "/", path)
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    if not parts.query:
        return f"{scheme}://{host}{path}"
    # Parameters are kept as written (no decoding/re-encoding): only dropped and sorted.
    pairs = sorted(p for p in parts.query.split("&") if p and not _is_tracking(p.split("=", 1)[0]))
    return f"{scheme}://{host}{path}?{'&'.join(pairs)}" if pairs else f"{scheme}://{host}{path}"
