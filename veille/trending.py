"""Google Trends "Trending now" RSS: what France searches for today, with the news behind it.

``https://trends.google.com/trending/rss?geo=FR`` lists the day's rising searches. Each item
carries Google's own namespace (``ht:``)::

    <item>
      <title>prix du café</title>
      <ht:approx_traffic>2 000+</ht:approx_traffic>
      <pubDate>Mon, 28 Jun 2027 09:00:00 -0700</pubDate>
      <ht:picture>https://…</ht:picture>
      <ht:news_item>
        <ht:news_item_title>Le prix de l'arabica au plus haut</ht:news_item_title>
        <ht:news_item_url>https://…</ht:news_item_url>
        <ht:news_item_source>Le Journal du Café</ht:news_item_source>
      </ht:news_item>
      <ht:news_item>…</ht:news_item>
    </item>

feedparser keeps only the *last* of repeated ``ht:news_item`` elements, so this module reads
the document itself, with :func:`veille.safexml.parse_xml_safely` (no DTD, no entities).
``approx_traffic`` becomes an integer lower bound (``"2 000+"`` → 2000, ``"20K+"`` → 20000,
``"1 M+"`` → 1000000) and the label is kept as shown. Elements are matched by local name, so
both Google namespaces (``trends/trendingsearches/daily`` and ``trending/rss``) work.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

    import requests

__all__ = ["TRENDING_URL", "NewsItem", "Trend", "fetch_trending", "parse_traffic", "parse_trending_rss"]

TRENDING_URL = "https://trends.google.com/trending/rss"


@dataclass(frozen=True)
class NewsItem:
    """One article Google links to a trend."""

    title: str
    url: str
    source: str = ""
    snippet: str = ""


@dataclass(frozen=True)
class Trend:
    """One trending search. ``approx_traffic`` is Google's lower bound of searches (per day), or None."""

    title: str
    approx_traffic: int | None
    traffic_label: str
    pub_date: _dt.datetime | None
    picture: str = ""
    news: tuple[NewsItem, ...] = ()


_MULT = {"k": 1_000, "m": 1_000_000, "md": 1_000_000_000, "b": 1_000_000_000}


def parse_traffic(label: str) -> int | None:
    """``"2 000+"`` → 2000, ``"1,000+"`` → 1000, ``"20K+"`` → 20000, ``"1 M+"`` → 1000000."""
    text = (label or "").replace("\u00a0", " ").replace("\u202f", " ").strip().lower()
    m = re.match(r"^([\d\s.,]+)\s*(k|m|md|b)?\s*\+?$", text)
    if not m or not re.search(r"\d", m.group(1)):
        return None
    number, unit = m.group(1).replace(" ", ""), m.group(2)
    if unit:
        number = number.replace(",", ".")
        try:
            return int(round(float(number) * _MULT[unit]))
        except ValueError:
            return None
    digits = re.sub(r"[.,]", "", number)
    return int(digits) if digits.isdigit() else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(el: ET.Element, name: str) -> str:
    for child in el:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _date(value: str) -> _dt.datetime | None:
    if not value:
        return None
    try:
        d = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=_dt.UTC)
    return d.astimezone(_dt.UTC)


def parse_trending_rss(data: bytes) -> list[Trend]:
    """Trends of a "Trending now" RSS document (bytes), in feed order, with *all* their news items.

    Raises :class:`veille.safexml.FeedRefused` for a document with a DTD and ``ValueError`` for
    one that is not XML.
    """
    from veille.safexml import parse_xml_safely

    root = parse_xml_safely(data)
    trends = []
    for item in root.iter():
        if _local(item.tag) != "item":
            continue
        label = _text(item, "approx_traffic")
        news = tuple(
            NewsItem(title=_text(n, "news_item_title"), url=_text(n, "news_item_url"),
                     source=_text(n, "news_item_source"), snippet=_text(n, "news_item_snippet"))
            for n in item if _local(n.tag) == "news_item"
        )
        trends.append(Trend(
            title=_text(item, "title"), approx_traffic=parse_traffic(label), traffic_label=label,
            pub_date=_date(_text(item, "pubDate")), picture=_text(item, "picture"), news=news,
        ))
    return trends


def fetch_trending(
    geo: str = "FR",
    session: requests.Session | None = None,
    *,
    url: str = TRENDING_URL,
    timeout: tuple[float, float] = (5, 15),
    max_bytes: int = 2_000_000,
    max_retries: int = 2,
) -> list[Trend]:
    """Download and parse today's "Trending now" feed for ``geo`` (ISO country code).

    Same fetching rules as the feeds (timeouts, size cap, http(s) only, bounded retries).
    Raises :class:`toolkit.errors.NetworkError` with the reason when it fails.
    """
    import requests as _requests

    from toolkit.errors import NetworkError
    from veille.feeds import USER_AGENT, _Config, _download
    from veille.safexml import FeedRefused

    cfg = _Config((float(timeout[0]), float(timeout[1])), max_bytes, max_retries, 0.5, 10.0, 60.0,
                  USER_AGENT, time.monotonic, time.sleep)
    sess = session or _requests.Session()
    full = f"{url}?geo={geo.upper()}"
    try:
        http = _download(sess, full, {"User-Agent": USER_AGENT, "Accept": "application/rss+xml"}, cfg)
        if http.status != 200:
            raise NetworkError(f"Google Trends answered HTTP {http.status} for {full}",
                               hint="try again later; Google limits automated requests")
        return parse_trending_rss(http.body)
    except (FeedRefused, ValueError) as exc:
        raise NetworkError(f"the Trending now feed could not be read: {exc}", hint="try again later") from exc
    except _requests.RequestException as exc:
        raise NetworkError(f"Google Trends could not be reached: {exc}",
                           hint="check the connection, or try again later") from exc
    finally:
        if session is None:
            sess.close()
