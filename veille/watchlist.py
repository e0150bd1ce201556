"""The watch list of a case: ``case.yaml`` ``watch.feeds`` then the OPML file (``watch.opml``),
merged into :class:`~veille.sources.Source` objects, deduplicated by URL (``case.yaml`` wins,
because it is where the user qualifies a source)::

    from toolkit.case import load_case
    from veille.watchlist import load_sources
    sources = load_sources(load_case("mon-client"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.errors import InputError
from veille.alerts import is_google_alerts_url
from veille.opml import read_opml
from veille.sources import Source
from veille.urls import canonical_url, normalise_feed_url

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.case import Case, FeedSource

__all__ = ["load_sources", "source_from_feed"]


def source_from_feed(feed: FeedSource) -> Source:
    """A :class:`Source` from a validated ``case.yaml`` feed entry."""
    url = normalise_feed_url(feed.url)
    typ = feed.type
    if typ == "presse" and is_google_alerts_url(url) and "type" not in feed.model_fields_set:
        typ = "google_alerts"
    return Source(url=url, name=feed.name, axis=feed.axis, type=typ,
                  reliability=feed.reliability, origin="case.yaml")


def load_sources(case: Case) -> list[Source]:
    """Every source of the case: ``watch.feeds`` then the OPML file, deduplicated by URL.

    Raises :class:`~toolkit.errors.InputError` when the OPML file named in ``case.yaml`` is
    missing or invalid.
    """
    merged: dict[str, Source] = {}
    for feed in case.config.watch.feeds:
        src = source_from_feed(feed)
        merged.setdefault(canonical_url(src.url), src)
    if case.config.watch.opml:
        path = case.path(case.config.watch.opml)
        if not path.exists():
            raise InputError("the OPML file named in case.yaml (watch.opml) does not exist",
                             file=path, hint="export it from Feedly/Inoreader, or fix the path in case.yaml")
        for src in read_opml(path):
            merged.setdefault(canonical_url(src.url), src)
    return list(merged.values())
