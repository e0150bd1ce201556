"""Fetching the watch's feeds: fast, polite, and safe with whatever a server sends back.

:func:`fetch_feeds` reads every source of the watch concurrently (a thread pool, 32 workers by
default) and writes the entries into the case's :class:`~veille.store.FeedStore`::

    from toolkit.case import load_case
    from veille.watchlist import load_sources
    from veille.store import open_store
    from veille.feeds import fetch_feeds

    case = load_case("examples/brulerie-sauvage")
    with open_store(case) as store:
        report = fetch_feeds(load_sources(case), store)
    print(report.new, "nouveaux articles ;", len(report.failures()), "flux en erreur")

How each feed is fetched (one ``requests`` GET, ``stream=True``):

* **timeouts** — ``timeout=(connect, read)`` in seconds, plus a wall-clock ``time_budget`` per
  feed (retries included) that also stops a server dripping bytes slowly;
* **size cap** — a ``Content-Length`` above ``max_bytes`` is refused without reading; otherwise
  reading stops as soon as the (decompressed) body passes ``max_bytes``: "too large";
* **explicit User-Agent** (:data:`USER_AGENT`) — some servers refuse anonymous clients;
* **conditional GET** — the ``ETag`` / ``Last-Modified`` of the last answer are sent back
  (``If-None-Match`` / ``If-Modified-Since``); a ``304 Not Modified`` transfers no body and
  nothing is parsed;
* **redirects** followed by hand (5 at most), **only to http(s)** URLs (a redirect to
  ``file://`` or ``ftp://`` is refused); a 301/308 is recorded in the store (``redirected_to``)
  so that the user can update the feed's URL;
* **410 Gone** marks the feed gone: it is not fetched again unless ``force=True``;
* **429 and 5xx** are retried ``max_retries`` times with exponential backoff
  (``backoff × 2^n`` s), honouring ``Retry-After`` up to ``max_backoff`` s; a refused
  connection is retried the same way; a timeout is not (it would only double the wait).

The bytes are then parsed with ``feedparser.parse(io.BytesIO(data), response_headers=…)`` —
feedparser is never handed a URL or a string it could mistake for one. Before that, a document
whose DTD declares entities (the "billion laughs" entity bomb) is refused. A malformed feed
("bozo") keeps the entries feedparser could read, with a warning. Every failure is reported with
its reason in the :class:`FetchReport`; one failing feed never stops the others. Database writes
happen in the caller's thread only, as each feed completes.

:func:`load_snapshots` reads saved feed files (``<slug of the source name>.xml``, see
:func:`veille.sources.snapshot_name`) through the same parsing code, offline: the bundled example
case and ``toolkit demo`` use it.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import email.utils
import io
import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
)
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from toolkit import __version__
from veille.safexml import FeedRefused, parse_xml_safely, refuse_entity_declarations
from veille.sources import Source, snapshot_name, snapshot_path
from veille.store import Entry, FeedStore
from veille.urls import is_http_url

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "USER_AGENT",
    "FeedRefused",
    "FeedResult",
    "FetchReport",
    "ParsedFeed",
    "fetch_feeds",
    "load_snapshots",
    "parse_feed_bytes",
    "parse_xml_safely",
    "refuse_entity_declarations",
]

USER_AGENT = (f"marketing-toolkit/{__version__} (veille; RSS/Atom reader; "
              "+https://github.com/marketing-toolkit/marketing-toolkit)")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
MAX_REDIRECTS = 5
#: From this many feeds on, parsing runs in worker processes (forking them costs ~0.1 s).
PROCESS_PARSE_MIN_FEEDS = 40
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


# ---------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class FeedResult:
    """The outcome of one feed.

    ``status``: ``"ok"`` (parsed), ``"not_modified"`` (304, nothing transferred), ``"gone"``
    (410 this time), ``"skipped"`` (gone before, not fetched), ``"error"`` (see ``error``).
    ``redirected_to`` is the new URL after a permanent (301/308) redirect; ``bytes`` the body
    size read; ``elapsed`` seconds; ``warning`` the bozo message of a malformed feed.
    """

    source: Source
    status: str
    http_status: int | None = None
    new: int = 0
    duplicates: int = 0
    entries: int = 0
    warning: str | None = None
    error: str | None = None
    final_url: str | None = None
    redirected_to: str | None = None
    gone: bool = False
    not_modified: bool = False
    bytes: int = 0
    attempts: int = 0
    elapsed: float = 0.0

    @property
    def url(self) -> str:
        return self.source.url

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "not_modified")


@dataclass(frozen=True)
class FetchReport:
    """Every feed's :class:`FeedResult`, in the order of the sources, and the total time (s)."""

    results: tuple[FeedResult, ...]
    elapsed: float = 0.0

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def duplicates(self) -> int:
        return sum(r.duplicates for r in self.results)

    @property
    def bytes(self) -> int:
        return sum(r.bytes for r in self.results)

    @property
    def not_modified(self) -> int:
        return sum(r.not_modified for r in self.results)

    def failures(self) -> list[FeedResult]:
        """Feeds that gave nothing this time: errors and gone feeds (with their reason)."""
        return [r for r in self.results if r.status in ("error", "gone", "skipped")]

    def warnings(self) -> list[FeedResult]:
        return [r for r in self.results if r.warning]

    def redirects(self) -> list[FeedResult]:
        """Feeds that moved for good: update their URL in case.yaml / the OPML."""
        return [r for r in self.results if r.redirected_to]

    def frame(self) -> pd.DataFrame:
        """One row per feed: url, name, axis, type, status, http_status, new, duplicates, …"""
        import pandas as pd

        cols = ["url", "name", "axis", "type", "reliability", "status", "http_status", "entries",
                "new", "duplicates", "not_modified", "gone", "redirected_to", "warning", "error",
                "bytes", "attempts", "elapsed"]
        rows = [
            [r.url, r.source.label, r.source.axis, r.source.type, r.source.reliability, r.status,
             r.http_status, r.entries, r.new, r.duplicates, r.not_modified, r.gone,
             r.redirected_to, r.warning, r.error, r.bytes, r.attempts, r.elapsed]
            for r in self.results
        ]
        df = pd.DataFrame(rows, columns=cols)
        df["http_status"] = df["http_status"].astype("Int64")
        return df


# ---------------------------------------------------------------------------------------
# Parsing


@dataclass(frozen=True)
class ParsedFeed:
    """Entries read from one feed document, its title, and feedparser's bozo warning if any."""

    entries: tuple[Entry, ...]
    title: str = ""
    warning: str | None = None


def _struct_to_dt(value: Any) -> _dt.datetime | None:
    if not value:
        return None
    try:
        return _dt.datetime(*value[:6], tzinfo=_dt.UTC)
    except (TypeError, ValueError):
        return None


_FEED_DATE_RE = re.compile(
    r"^\s*(?:([^\W\d_]+)\.?,?\s+)?(\d{1,2})(?:er)?\s+([^\W\d_]+)\.?,?\s+(\d{4})"
    r"(?:\s*(?:à\s*)?,?\s*(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?\s*(?:([+-])(\d{2}):?(\d{2})|([A-Za-z]{1,5}))?\s*$"
)
_ZONES = {"gmt": 0, "utc": 0, "ut": 0, "z": 0, "cet": 1, "cest": 2, "bst": 1, "wet": 0, "west": 1,
          "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7}


def parse_feed_date(text: str) -> _dt.datetime | None:
    """A feed date feedparser does not read: French or English names, RFC 822 layout, in UTC.

    ``mar., 03 févr. 2026 10:00:00 +0100`` → 2026-02-03 09:00 UTC; ``3 février 2026 à 10h00``;
    ``Tue, 3 Feb 2026 10:00 CET``. Month and day names are the CLDR ones (:mod:`toolkit.fmt`).
    """
    from toolkit.fmt import is_day_name, month_number

    m = _FEED_DATE_RE.match(str(text or "").replace("\u00a0", " "))
    if not m:
        return None
    weekday, day, month, year, hh, mm, ss, sign, zh, zm, zone = m.groups()
    mo = month_number(month)
    if mo is None or (weekday and not is_day_name(weekday)):
        return None
    if sign:
        offset = (int(zh) * 60 + int(zm)) * (1 if sign == "+" else -1)
    else:
        offset = _ZONES.get((zone or "utc").lower(), 0) * 60
    try:
        local = _dt.datetime(int(year), mo, int(day), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None
    return (local - _dt.timedelta(minutes=offset)).replace(tzinfo=_dt.UTC)


def _entry_date(e: Any) -> _dt.datetime | None:
    """Published (else updated) date; texts feedparser cannot read go to :func:`parse_feed_date`."""
    get = dict.get  # plain lookups: FeedParserDict maps missing keys to others with a warning
    parsed = _struct_to_dt(get(e, "published_parsed") or get(e, "updated_parsed"))
    if parsed is not None:
        return parsed
    for key in ("published", "updated", "created"):
        if get(e, key):
            found = parse_feed_date(get(e, key))
            if found is not None:
                return found
    return None


_ITEM_START = re.compile(rb"(?=<(?:item|entry)[\s>/])", re.IGNORECASE)
_ITEM_END = re.compile(rb"</(?:item|entry)\s*>", re.IGNORECASE)


def _salvage_items(data: bytes) -> list[Any]:
    """Entries of a malformed feed read one ``<item>``/``<entry>`` at a time.

    feedparser's recovery can merge an item into the next or leave a blank one when a tag is
    left open; parsing each item alone keeps every item that is readable by itself.
    """
    import feedparser

    parts = _ITEM_START.split(data)
    if len(parts) < 2:
        return []
    atom = b"<feed" in parts[0][:4000] and b"<rss" not in parts[0][:4000]
    opening = b'<feed xmlns="http://www.w3.org/2005/Atom">' if atom else b'<rss version="2.0"><channel>'
    closing = b"</feed>" if atom else b"</channel></rss>"
    out = []
    for chunk in parts[1:]:
        end = _ITEM_END.search(chunk)
        body = chunk[: end.end()] if end else chunk.split(b"</channel>")[0].split(b"</feed>")[0]
        d = feedparser.parse(io.BytesIO(opening + body + closing), sanitize_html=False,
                             resolve_relative_uris=False)
        out.extend(d.entries[:1])
    return out


def _is_blank(e: Any) -> bool:
    return not (str(e.get("title", "") or "").strip() or str(e.get("link", "") or "").strip()
                or str(e.get("summary", "") or "").strip())


def connection_reason(exc: object) -> str:
    """A connection failure in words, instead of urllib3's ``HTTPSConnectionPool(…): Max retries
    exceeded … NameResolutionError(…)`` text (which stays available with ``TOOLKIT_DEBUG=1``)."""
    text = str(exc)
    low = text.casefold()
    host = re.search(r"host='([^']+)'", text)
    where = f" ({host.group(1)})" if host else ""
    if any(k in low for k in ("nameresolutionerror", "name or service not known", "failed to resolve",
                              "nodename nor servname", "getaddrinfo failed", "temporary failure in name resolution")):
        return f"the site's address cannot be found{where}: no internet connection, or the address is wrong"
    if "connection refused" in low or "connectionrefusederror" in low:
        return f"the server refused the connection{where}: the site is down or the port is wrong"
    if "ssl" in low or "certificate" in low:
        return f"secure connection failed{where} (certificate or SSL problem)"
    if "timed out" in low or "timeout" in low:
        return f"the server did not answer in time{where}"
    if "connection reset" in low or "remotedisconnected" in low or "connection aborted" in low:
        return f"the server closed the connection{where}"
    return _short(exc, 160)


def _short(exc: object, limit: int = 200) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bozo_reason(exc: object) -> str:
    """feedparser's bozo exception in words: ``line 31, column 18: not well-formed …``."""
    get_line = getattr(exc, "getLineNumber", None)
    if callable(get_line):
        try:
            return f"line {get_line()}, column {exc.getColumnNumber()}: {exc.getMessage()}"  # type: ignore[attr-defined]
        except Exception:  # a SAX exception without a locator
            pass
    return _short(exc)


def parse_feed_bytes(data: bytes, url: str = "", headers: dict[str, str] | None = None) -> ParsedFeed:
    """Parse one RSS/Atom document given as bytes (never a URL or a string feedparser could fetch).

    Raises :class:`FeedRefused` when the document declares entities, or when nothing in it
    looks like a feed. A malformed document that still yields entries gives them with a warning.
    """
    import feedparser

    refuse_entity_declarations(data)
    response_headers = {k.lower(): v for k, v in (headers or {}).items()
                        if k.lower() in ("content-type", "content-language")}
    # The store keeps plain text (tags stripped, script/style blocks dropped), so feedparser's
    # HTML sanitizer and the rewriting of URIs inside HTML would be work thrown away; and
    # without a Content-Location feedparser skips a urljoin at every element (a quarter of its
    # time): the entry links are resolved against the feed's URL below instead.
    d = feedparser.parse(io.BytesIO(data), response_headers=response_headers,
                         sanitize_html=False, resolve_relative_uris=False)
    title = str(d.feed.get("title", "") or "")
    warning = None
    if d.get("bozo"):
        exc = d.get("bozo_exception")
        if not d.entries and not title:
            raise FeedRefused(f"not an RSS/Atom feed ({_bozo_reason(exc)})")
        warning = f"malformed feed, entries kept: {_bozo_reason(exc)}"
    if not d.get("version") and not d.entries and not title:
        raise FeedRefused("not an RSS/Atom feed (no channel, no entries)")
    items = list(d.entries)
    if warning:
        salvaged = [e for e in _salvage_items(data) if not _is_blank(e)]
        if len(salvaged) > sum(not _is_blank(e) for e in items):
            items = salvaged
            warning += f"; {len(salvaged)} item(s) read one by one"
    blank = sum(_is_blank(e) for e in items)
    if blank:
        items = [e for e in items if not _is_blank(e)]
        note = f"{blank} empty item(s) (no title, link or summary) left out"
        warning = f"{warning}; {note}" if warning else note
    entries = []
    for e in items:
        summary = e.get("summary") or ""
        if not summary and e.get("content"):
            summary = e["content"][0].get("value", "")
        link = str(e.get("link", "") or "").strip()
        if link and url and not is_http_url(link):
            link = urljoin(url, link)
        if link and not is_http_url(link):
            link = ""  # javascript:, data:, mailto: … are not article links
        entries.append(Entry(
            title=str(e.get("title", "") or ""),
            link=link,
            summary=str(summary),
            published=_entry_date(e),
            guid=str(e.get("id", "") or ""),
        ))
    return ParsedFeed(tuple(entries), title, warning)


# ---------------------------------------------------------------------------------------
# HTTP


@dataclass(frozen=True)
class _Config:
    timeout: tuple[float, float]
    max_bytes: int
    max_retries: int
    backoff: float
    max_backoff: float
    time_budget: float
    user_agent: str
    clock: Callable[[], float]
    sleep: Callable[[float], None]


@dataclass
class _Http:
    status: int
    headers: dict[str, str]
    body: bytes = b""
    final_url: str = ""
    permanent_to: str | None = None
    attempts: int = 1
    error: str | None = None
    extra: dict = field(default_factory=dict)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.UTC)
    return max(0.0, (when - _dt.datetime.now(_dt.UTC)).total_seconds())


def _read_capped(resp: requests.Response, cfg: _Config, start: float) -> bytes:
    length = resp.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > cfg.max_bytes:
        raise FeedRefused(f"too large: {int(length):,} bytes announced, the cap is {cfg.max_bytes:,}")
    buf = bytearray()
    raw = resp.raw
    read1 = getattr(raw, "read1", None)
    chunks: Iterable[bytes]
    if read1 is not None:
        def _gen() -> Iterable[bytes]:
            while True:
                chunk = read1(65536, decode_content=True)
                if not chunk:
                    return
                yield chunk
        chunks = _gen()
    else:  # a transport without read1 (test doubles)
        chunks = resp.iter_content(65536)
    try:
        for chunk in chunks:
            buf += chunk
            if len(buf) > cfg.max_bytes:
                raise FeedRefused(f"too large: more than {cfg.max_bytes:,} bytes (the cap), reading stopped")
            if cfg.clock() - start > cfg.time_budget:
                raise FeedRefused(f"too slow: still downloading after {cfg.time_budget:g} s, stopped")
    # Reading the raw stream bypasses requests' own wrapping of urllib3's errors: do it here.
    except urllib3.exceptions.ReadTimeoutError as exc:
        raise requests.ReadTimeout(str(exc)) from exc
    except urllib3.exceptions.DecodeError as exc:
        raise FeedRefused(f"the compressed body could not be decoded ({_short(exc, 120)})") from exc
    except (urllib3.exceptions.ProtocolError, urllib3.exceptions.SSLError, OSError) as exc:
        raise requests.ConnectionError(f"connection broken while reading: {_short(exc, 120)}") from exc
    return bytes(buf)


def _get_following(session: requests.Session, url: str, headers: dict[str, str], cfg: _Config,
                   start: float) -> _Http:
    current, permanent_to, all_permanent = url, None, True
    for _hop in range(MAX_REDIRECTS + 1):
        resp = session.get(current, headers=headers, timeout=cfg.timeout, stream=True,
                           allow_redirects=False)
        try:
            code = resp.status_code
            if code in REDIRECT_STATUSES:
                location = resp.headers.get("Location")
                if not location:
                    raise FeedRefused(f"HTTP {code} redirect without a Location header")
                target = urljoin(current, location.strip())
                if not is_http_url(target):
                    scheme = urlsplit(target).scheme or "?"
                    raise FeedRefused(f"redirect to a non-http(s) URL refused ({scheme}:…)")
                if code in PERMANENT_REDIRECTS and all_permanent:
                    permanent_to = target
                else:
                    all_permanent = False
                current = target
                continue
            body = _read_capped(resp, cfg, start) if 200 <= code < 300 else b""
            hdrs = {k.lower(): v for k, v in resp.headers.items()}
            return _Http(code, hdrs, body, current, permanent_to)
        finally:
            resp.close()
    raise FeedRefused(f"too many redirects (more than {MAX_REDIRECTS})")


def _download(session: requests.Session, url: str, headers: dict[str, str], cfg: _Config) -> _Http:
    """GET with redirects, size/time caps and bounded retries. Raises FeedRefused / RequestException."""
    start = cfg.clock()
    attempt = 0
    while True:
        attempt += 1
        try:
            http = _get_following(session, url, headers, cfg, start)
        except requests.Timeout:
            raise
        except requests.ConnectionError:
            if attempt > cfg.max_retries:
                raise
            delay = min(cfg.backoff * 2 ** (attempt - 1), cfg.max_backoff)
            if cfg.clock() - start + delay > cfg.time_budget:
                raise
            cfg.sleep(delay)
            continue
        http.attempts = attempt
        if http.status in RETRY_STATUSES and attempt <= cfg.max_retries:
            delay = cfg.backoff * 2 ** (attempt - 1)
            asked = _retry_after(http.headers.get("retry-after"))
            if asked is not None:
                delay = max(delay, asked)
            delay = min(delay, cfg.max_backoff)
            if cfg.clock() - start + delay <= cfg.time_budget:
                cfg.sleep(delay)
                continue
        return http


@dataclass(frozen=True)
class _Outcome:
    result: FeedResult
    entries: tuple[Entry, ...] = ()
    etag: str | None = None
    last_modified: str | None = None


def _fetch_one(source: Source, etag: str | None, last_modified: str | None,
               session: requests.Session, cfg: _Config, parse_pool: Executor | None = None) -> _Outcome:
    """Runs in a worker thread: network and parsing only, no database.

    With ``parse_pool`` (processes) the bytes are parsed there: feedparser is pure Python, so
    threads alone cannot parse two feeds at once.
    """
    t0 = time.perf_counter()
    headers = {"User-Agent": cfg.user_agent, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    base = FeedResult(source=source, status="error")

    def done(**kw: Any) -> FeedResult:
        return replace(base, elapsed=time.perf_counter() - t0, **kw)

    try:
        http = _download(session, source.url, headers, cfg)
    except FeedRefused as exc:
        return _Outcome(done(error=str(exc), attempts=1), etag=etag, last_modified=last_modified)
    except requests.Timeout as exc:
        kind = "connecting" if isinstance(exc, requests.ConnectTimeout) else "waiting for the answer"
        secs = cfg.timeout[0] if isinstance(exc, requests.ConnectTimeout) else cfg.timeout[1]
        return _Outcome(done(error=f"timeout {kind} (more than {secs:g} s)", attempts=1),
                        etag=etag, last_modified=last_modified)
    except requests.ConnectionError as exc:
        return _Outcome(done(error=f"connection failed after {cfg.max_retries + 1} attempts: "
                                   f"{connection_reason(exc)}", attempts=cfg.max_retries + 1),
                        etag=etag, last_modified=last_modified)
    except requests.RequestException as exc:
        return _Outcome(done(error=f"request failed: {_short(exc)}", attempts=1),
                        etag=etag, last_modified=last_modified)

    common = dict(http_status=http.status, final_url=http.final_url,
                  redirected_to=http.permanent_to, attempts=http.attempts, bytes=len(http.body))
    new_etag = http.headers.get("etag") or etag
    new_lm = http.headers.get("last-modified") or last_modified
    if http.status == 304:
        return _Outcome(done(status="not_modified", not_modified=True, **common),
                        etag=new_etag, last_modified=new_lm)
    if http.status == 410:
        return _Outcome(done(status="gone", gone=True,
                             error="HTTP 410 Gone: the feed was removed; it will not be fetched again",
                             **common))
    if not 200 <= http.status < 300:
        reason = f"HTTP {http.status}"
        if http.status in RETRY_STATUSES:
            reason += f" after {http.attempts} attempts"
        elif http.status == 404:
            reason += " Not Found: check the feed URL"
        elif http.status in (401, 403):
            reason += ": access refused by the server"
        return _Outcome(done(error=reason, **common), etag=etag, last_modified=last_modified)
    try:
        parsed = None
        if parse_pool is not None:
            try:
                parsed = parse_pool.submit(parse_feed_bytes, http.body, http.final_url,
                                           http.headers).result(timeout=max(cfg.time_budget, 30.0))
            except (BrokenExecutor, FutureTimeout, RuntimeError):
                parsed = None  # a worker process died or hung: parse here instead
        if parsed is None:
            parsed = parse_feed_bytes(http.body, http.final_url, http.headers)
    except FeedRefused as exc:
        return _Outcome(done(error=str(exc), **common), etag=etag, last_modified=last_modified)
    except Exception as exc:  # a parser crash on one feed must not stop the others
        return _Outcome(done(error=f"could not parse the feed: {type(exc).__name__}: {_short(exc)}",
                             **common), etag=etag, last_modified=last_modified)
    return _Outcome(
        done(status="ok", entries=len(parsed.entries), warning=parsed.warning, **common),
        parsed.entries,
        http.headers.get("etag"),
        http.headers.get("last-modified"),
    )


def _start_parse_pool(processes: int) -> ProcessPoolExecutor | None:
    """Worker processes for parsing, forked *before* this run starts its threads.

    "fork" keeps start-up cheap (no re-import, no re-run of the user's script as "spawn" would);
    feedparser is imported first so that a child never needs the import lock. Where fork does
    not exist (Windows) parsing stays in the threads.
    """
    if processes <= 0 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    import feedparser  # noqa: F401 — imported before forking

    pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork"))
    try:
        pool.submit(int).result(timeout=30)  # forks every worker now, before our download threads
    except Exception:  # no processes here (sandbox, limits): parse in the threads
        pool.shutdown(wait=False, cancel_futures=True)
        return None
    return pool


def _default_session(workers: int) -> requests.Session:
    s = requests.Session()
    adapter = requests.adapters.HTTPAdapter(pool_connections=max(10, workers),
                                            pool_maxsize=max(10, workers), max_retries=0)
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    return s


def _record(store: FeedStore, outcome: _Outcome, *, seen_at_published: bool = False) -> FeedResult:
    """Main thread: write one feed's entries and state; return the final result."""
    res = outcome.result
    if res.status == "ok":
        new, dup = store.add_entries(res.source, outcome.entries, seen_at_published=seen_at_published)
        res = replace(res, new=new, duplicates=dup)
    if res.status != "skipped":
        store.save_feed_state(res.source.url, outcome.etag, outcome.last_modified, res.status,
                              res.error or res.warning, res.redirected_to, res.gone,
                              http_status=res.http_status)
    return res


def fetch_feeds(
    sources: Sequence[Source],
    store: FeedStore,
    *,
    session: requests.Session | None = None,
    workers: int = 32,
    timeout: tuple[float, float] = (5, 15),
    max_bytes: int = 5_000_000,
    max_retries: int = 3,
    backoff: float = 0.5,
    max_backoff: float = 30.0,
    time_budget: float = 60.0,
    user_agent: str = USER_AGENT,
    force: bool = False,
    parse_processes: int | None = None,
    progress: Callable[[int, int, FeedResult], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchReport:
    """Fetch every source concurrently and store the new entries; see the module docstring.

    ``workers`` threads (1–64); ``timeout`` = (connect, read) seconds; ``max_bytes`` body cap
    (bytes, after decompression); ``time_budget`` seconds per feed, retries included;
    ``force=True`` also fetches feeds marked gone and ignores the saved ETag/Last-Modified.
    ``parse_processes``: worker processes that parse the downloaded bytes (feedparser is pure
    Python and holds the GIL, so threads download in parallel but parse one at a time);
    ``None`` (default) = one per CPU core (at most 4) when there are at least
    :data:`PROCESS_PARSE_MIN_FEEDS` feeds and more than one core; ``0`` = parse in the threads.
    See ``benchmarks/veille_fetch.py`` for when processes pay off.
    ``progress(done, total, result)`` is called in the caller's thread after each feed.
    ``clock``/``sleep`` are injectable for tests (monotonic seconds).
    """
    t0 = time.perf_counter()
    cfg = _Config(tuple(timeout), int(max_bytes), int(max_retries), float(backoff),  # type: ignore[arg-type]
                  float(max_backoff), float(time_budget), user_agent, clock, sleep)
    unique: dict[str, Source] = {}
    for s in sources:
        unique.setdefault(s.url, s)
    todo = list(unique.values())
    store.register_sources(todo)
    total = len(todo)
    results: dict[str, FeedResult] = {}
    done_count = 0

    def finish(res: FeedResult) -> None:
        nonlocal done_count
        done_count += 1
        results[res.source.url] = res
        if progress is not None:
            progress(done_count, total, res)

    jobs: list[tuple[Source, str | None, str | None]] = []
    for s in todo:
        state = store.feed_state(s.url)
        if state.gone and not force:
            finish(FeedResult(source=s, status="skipped", gone=True, http_status=state.last_http,
                              error="marked gone (HTTP 410) on a previous run; not fetched "
                                    "(remove it from the sources, or force the fetch)"))
            continue
        if force:
            jobs.append((s, None, None))
        else:
            jobs.append((s, state.etag, state.last_modified))

    own_session = session is None
    sess = session or _default_session(workers)
    if parse_processes is None:
        cores = os.cpu_count() or 1
        parse_processes = min(cores, 4) if cores > 1 and len(jobs) >= PROCESS_PARSE_MIN_FEEDS else 0
    try:
        with contextlib.ExitStack() as stack:
            parse_pool = _start_parse_pool(parse_processes) if jobs else None
            if parse_pool is not None:
                stack.callback(parse_pool.shutdown, wait=True, cancel_futures=True)
            pool = ThreadPoolExecutor(max_workers=max(1, min(int(workers), 64, len(jobs) or 1)),
                                      thread_name_prefix="veille-fetch")
            # On Ctrl-C the feeds not started yet are cancelled; running ones end within their timeouts.
            stack.callback(pool.shutdown, wait=True, cancel_futures=True)
            if jobs:
                futures = {pool.submit(_fetch_one, s, etag, lm, sess, cfg, parse_pool): s
                           for s, etag, lm in jobs}
                for fut in as_completed(futures):
                    src = futures[fut]
                    try:
                        outcome = fut.result()
                    except Exception as exc:  # reported, never stops the others
                        outcome = _Outcome(FeedResult(source=src, status="error",
                                                      error=f"unexpected error: {type(exc).__name__}: {_short(exc)}"))
                    finish(_record(store, outcome))
    finally:
        if own_session:
            sess.close()
    ordered = tuple(results[s.url] for s in todo)
    return FetchReport(ordered, time.perf_counter() - t0)


def load_snapshots(
    folder: str | Path,
    sources: Sequence[Source],
    store: FeedStore,
    *,
    max_bytes: int = 5_000_000,
    seen_at: _dt.datetime | None = None,
    progress: Callable[[int, int, FeedResult], None] | None = None,
) -> FetchReport:
    """Read saved feed files instead of the network (offline; the example case, ``toolkit demo``).

    Each source is read from ``folder/<snapshot_name(source)>.xml`` (or ``.rss``/``.atom``):
    the slug of its name, e.g. "Le Café Quotidien" → ``le-cafe-quotidien.xml``. The bytes go
    through the same checks and parser as a download. A source without a file is reported as
    an error. First-seen dates are each entry's published date (a replay of the history, so the
    demo is the same every day) unless ``seen_at`` is given.
    """
    t0 = time.perf_counter()
    folder = Path(folder)
    unique: dict[str, Source] = {}
    for s in sources:
        unique.setdefault(s.url, s)
    todo = list(unique.values())
    store.register_sources(todo)
    results: list[FeedResult] = []
    for i, s in enumerate(todo, 1):
        t1 = time.perf_counter()
        path = snapshot_path(folder, s)
        if path is None:
            outcome = _Outcome(FeedResult(source=s, status="error",
                                          error=f"no saved feed file {snapshot_name(s)}.xml in {folder}"))
        else:
            data = path.read_bytes()
            try:
                if len(data) > max_bytes:
                    raise FeedRefused(f"too large: {len(data):,} bytes, the cap is {max_bytes:,}")
                parsed = parse_feed_bytes(data, s.url, {"content-type": "application/xml"})
                outcome = _Outcome(FeedResult(source=s, status="ok", entries=len(parsed.entries),
                                              warning=parsed.warning, bytes=len(data),
                                              final_url=str(path)), parsed.entries)
            except FeedRefused as exc:
                outcome = _Outcome(FeedResult(source=s, status="error", error=f"{path.name}: {exc}",
                                              bytes=len(data)))
        if seen_at is not None and outcome.result.status == "ok":
            new, dup = store.add_entries(s, outcome.entries, seen_at=seen_at)
            store.save_feed_state(s.url, None, None, "ok", outcome.result.warning, None, False)
            res = replace(outcome.result, new=new, duplicates=dup)
        else:
            res = _record(store, outcome, seen_at_published=True)
        res = replace(res, elapsed=time.perf_counter() - t1)
        results.append(res)
        if progress is not None:
            progress(i, len(todo), res)
    return FetchReport(tuple(results), time.perf_counter() - t0)
