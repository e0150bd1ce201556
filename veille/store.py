"""The feed store: every entry ever read, in one SQLite file in the case folder.

A watch is continuous: each ``toolkit veille fetch`` adds the new entries to
``CASE/.toolkit/veille.sqlite`` and keeps the old ones, with the date each entry was *first
seen*, so that repeated runs build a history (and the note can say "new since last month").
The file is a cache: deleting it only loses that history.

Deduplication — an incoming entry is a **duplicate** (not stored again) when one of these holds,
checked in this order:

1. **same GUID from the same feed** (RSS ``<guid>`` / Atom ``<id>``; when a feed gives none, the
   link, else the title + date, stands in for it);
2. **same canonical link from any feed** (:func:`veille.urls.canonical_url`: no ``utm_*``,
   ``fbclid``, ``gclid``, ``mc_cid``, ``xtor`` …, no fragment, no trailing slash, lowercase host;
   Google Alerts redirects are unwrapped first);
3. **near-identical title within 3 days**: the same *normalised* title (accents removed,
   lowercase, punctuation and spaces collapsed) with a date (published, else first seen) less
   than :data:`TITLE_WINDOW_DAYS` days apart, from any feed — a press release picked up by
   several sites. Titles of fewer than :data:`TITLE_MIN_WORDS` words ("Édito", "Revue de presse")
   are never compared, they name a rubric, not an article.

Writes come from one thread (the fetcher collects results from its workers and writes from the
caller's thread), in one transaction per batch; the database runs in WAL mode so that a report
can read while a fetch writes. 50,000+ entries are fine (see ``benchmarks/veille_fetch.py``).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import html
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.errors import InputError
from veille.alerts import strip_bold, unwrap_google_url
from veille.urls import canonical_url

if TYPE_CHECKING:
    import pandas as pd

    from toolkit.case import Case
    from veille.sources import Source

__all__ = [
    "ENTRY_COLUMNS",
    "TITLE_MIN_WORDS",
    "TITLE_WINDOW_DAYS",
    "Entry",
    "FeedState",
    "FeedStore",
    "normalise_title",
    "keep_store_version",
    "open_store",
    "check_store_file",
    "undo_fetch",
]

STORE_FILE = "veille.sqlite"
#: Two entries with the same normalised title less than this many days apart are one.
TITLE_WINDOW_DAYS = 3
#: Titles shorter than this (in words) are never compared (rubric names, not articles).
TITLE_MIN_WORDS = 4
SUMMARY_MAX_CHARS = 4000

ENTRY_COLUMNS = [
    "entry_id", "source_url", "source_name", "axis", "type", "reliability", "title", "link",
    "summary", "published", "first_seen", "guid",
]
STATUS_COLUMNS = [
    "url", "name", "axis", "type", "reliability", "last_status", "last_http", "last_error",
    "items", "last_fetch", "redirected_to", "gone",
]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    name TEXT, axis TEXT, type TEXT, reliability INTEGER,
    etag TEXT, last_modified TEXT,
    last_status TEXT, last_http INTEGER, last_error TEXT, last_fetch REAL,
    redirected_to TEXT, gone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS entries (
    entry_id INTEGER PRIMARY KEY,
    source_url TEXT NOT NULL, source_name TEXT, axis TEXT, type TEXT, reliability INTEGER,
    guid TEXT NOT NULL, title TEXT, title_key TEXT, link TEXT, link_key TEXT, summary TEXT,
    published REAL, first_seen REAL NOT NULL, ref_time REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_guid ON entries(source_url, guid);
CREATE INDEX IF NOT EXISTS entries_link ON entries(link_key);
CREATE INDEX IF NOT EXISTS entries_title ON entries(title_key, ref_time);
CREATE INDEX IF NOT EXISTS entries_time ON entries(ref_time);
"""

_TAG = re.compile(r"<[^>]{0,2000}>")
_SCRIPT = re.compile(r"<(script|style)\b[^>]{0,2000}>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Entry:
    """One feed item, as parsed. ``published`` is a timezone-aware UTC datetime or None."""

    title: str = ""
    link: str = ""
    summary: str = ""
    published: _dt.datetime | None = None
    guid: str = ""


@dataclass(frozen=True)
class FeedState:
    """What the store remembers of a feed between runs (for conditional GET and the status table).

    ``last_fetch`` is a UTC datetime; ``gone`` is True once the server answered 410.
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_status: str | None = None
    last_http: int | None = None
    last_error: str | None = None
    last_fetch: _dt.datetime | None = None
    redirected_to: str | None = None
    gone: bool = False


def normalise_title(title: str) -> str:
    """Title key for near-duplicate detection: no accents, lowercase, words joined by one space."""
    text = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub(" ", text.lower()).strip()


def html_to_text(text: str, limit: int | None = None) -> str:
    """Plain text from a feed's HTML snippet: tags (and script/style blocks) removed, entities
    decoded, spaces collapsed. Input beyond 200,000 characters is ignored."""
    text = (text or "")[:200_000]
    if "<" in text:
        text = _TAG.sub(" ", _SCRIPT.sub(" ", text))
    if "&" in text:
        text = html.unescape(text)
    text = _SPACES.sub(" ", text).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def _epoch(value: _dt.datetime | None) -> float | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.UTC)
    return value.timestamp()


def _as_entry(item: Entry | Mapping[str, Any]) -> Entry:
    if isinstance(item, Entry):
        return item
    published = item.get("published")
    if published is not None and not isinstance(published, _dt.datetime):
        import pandas as pd

        ts = pd.to_datetime(published, utc=True, errors="coerce")
        published = None if pd.isna(ts) else ts.floor("us").to_pydatetime()
    return Entry(title=str(item.get("title") or ""), link=str(item.get("link") or ""),
                 summary=str(item.get("summary") or ""), published=published,
                 guid=str(item.get("guid") or item.get("id") or ""))


class FeedStore:
    """The SQLite store of one case. Use :func:`open_store`; close it (or use ``with``).

    Not shared between threads: the fetcher writes from the caller's thread only.
    """

    def __init__(self, path: str | Path, *, clock: Any = time.time) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        self._conn = sqlite3.connect(str(self.path))
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._conn.executescript(_SCHEMA)

    # -- lifecycle ------------------------------------------------------------------
    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> FeedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    # -- sources ----------------------------------------------------------------------
    def register_sources(self, sources: Iterable[Source]) -> None:
        """Record (or update) the name, axis, type and reliability of each source."""
        with self._conn:
            self._conn.executemany(
                "INSERT INTO feeds(url, name, axis, type, reliability) VALUES (?,?,?,?,?) "
                "ON CONFLICT(url) DO UPDATE SET name=excluded.name, axis=excluded.axis, "
                "type=excluded.type, reliability=excluded.reliability",
                [(s.url, s.label, s.axis, s.type, s.reliability) for s in sources],
            )

    # -- entries ----------------------------------------------------------------------
    def add_entries(
        self,
        source: Source,
        entries: Iterable[Entry | Mapping[str, Any]],
        *,
        seen_at: _dt.datetime | None = None,
        seen_at_published: bool = False,
    ) -> tuple[int, int]:
        """Store the entries of one feed; return ``(new, duplicates)``.

        ``seen_at`` is the first-seen date of the new entries (default: now). With
        ``seen_at_published=True`` each entry's first-seen date is its own published date when it
        has one (replaying saved snapshots as if the watch had always run).
        Titles and summaries lose their HTML (and Google Alerts' ``<b>``); Google redirect links
        are unwrapped. Duplicates follow the rules of the module docstring.
        """
        now = _epoch(seen_at) if seen_at is not None else float(self._clock())
        window = TITLE_WINDOW_DAYS * 86400.0
        rows: list[tuple] = []
        for raw in entries:
            e = _as_entry(raw)
            title = html_to_text(strip_bold(e.title), 1000)
            summary = html_to_text(strip_bold(e.summary), SUMMARY_MAX_CHARS)
            link = unwrap_google_url(e.link.strip())
            link_key = canonical_url(link) or None
            published = _epoch(e.published)
            guid = e.guid.strip() or link or hashlib.sha1(f"{title}|{published}".encode()).hexdigest()
            title_key: str | None = normalise_title(title)
            if len(title_key.split()) < TITLE_MIN_WORDS:
                title_key = None
            first_seen = published if (seen_at_published and published is not None) else now
            ref = published if published is not None else first_seen
            rows.append((source.url, source.label, source.axis, source.type, source.reliability, guid,
                         title, title_key, link, link_key, summary, published, first_seen, ref))
        if not rows:
            return 0, 0
        # What the database already holds for this batch: three indexed look-ups per 500 rows
        # instead of three per row; the checks then run in memory.
        guids = self._existing("SELECT guid FROM entries WHERE source_url=? AND guid IN ({})",
                               [r[5] for r in rows], prefix=(source.url,))
        links = self._existing("SELECT link_key FROM entries WHERE link_key IN ({})",
                               [r[9] for r in rows if r[9]])
        titles: dict[str, list[float]] = {}
        keys = list({r[7] for r in rows if r[7]})
        for k in range(0, len(keys), 500):
            chunk = keys[k:k + 500]
            for key, ref in self._conn.execute(
                    f"SELECT title_key, ref_time FROM entries WHERE title_key IN ({','.join('?' * len(chunk))})",
                    chunk):
                titles.setdefault(key, []).append(ref)
        fresh: list[tuple] = []
        dup = 0
        for r in rows:
            guid, title_key, link_key, ref = r[5], r[7], r[9], r[13]
            if guid in guids or (link_key and link_key in links) or (
                    title_key and any(abs(ref - t) <= window for t in titles.get(title_key, ()))):
                dup += 1
                continue
            guids.add(guid)
            if link_key:
                links.add(link_key)
            if title_key:
                titles.setdefault(title_key, []).append(ref)
            fresh.append(r)
        with self._conn:
            self._conn.execute(
                "INSERT INTO feeds(url, name, axis, type, reliability) VALUES (?,?,?,?,?) "
                "ON CONFLICT(url) DO NOTHING",
                (source.url, source.label, source.axis, source.type, source.reliability),
            )
            self._conn.executemany(
                "INSERT INTO entries(source_url, source_name, axis, type, reliability, guid, "
                "title, title_key, link, link_key, summary, published, first_seen, ref_time) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", fresh)
        new = len(fresh)
        return new, dup

    def _existing(self, sql: str, values: list[str], prefix: tuple = ()) -> set[str]:
        found: set[str] = set()
        unique = list(dict.fromkeys(values))
        for k in range(0, len(unique), 500):
            chunk = unique[k:k + 500]
            found.update(v for (v,) in self._conn.execute(sql.format(",".join("?" * len(chunk))),
                                                          (*prefix, *chunk)))
        return found

    def entries_frame(
        self,
        since: _dt.datetime | _dt.date | str | None = None,
        until: _dt.datetime | _dt.date | str | None = None,
    ) -> pd.DataFrame:
        """Stored entries as a DataFrame (columns :data:`ENTRY_COLUMNS`), oldest first.

        ``since``/``until`` (inclusive, UTC; a date means its midnight) filter on the published
        date, or the first-seen date for entries without one. ``published`` is NaT when the feed
        gave no date; ``published`` and ``first_seen`` are UTC datetimes.
        """
        import pandas as pd

        where, params = [], []
        if since is not None:
            where.append("ref_time >= ?")
            params.append(_bound(since))
        if until is not None:
            where.append("ref_time <= ?")
            params.append(_bound(until, end=True))
        sql = ("SELECT entry_id, source_url, source_name, axis, type, reliability, title, link, "
               "summary, published, first_seen, guid FROM entries")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY ref_time, entry_id"
        rows = self._conn.execute(sql, params).fetchall()
        df = pd.DataFrame(rows, columns=ENTRY_COLUMNS)
        df["entry_id"] = df["entry_id"].astype("int64")
        df["reliability"] = df["reliability"].astype("int64")
        for col in ("published", "first_seen"):
            df[col] = pd.to_datetime(df[col].astype("float64"), unit="s", utc=True)
        return df

    # -- feed state -------------------------------------------------------------------
    def feed_state(self, url: str) -> FeedState:
        """What the store knows of ``url`` (an empty state for a feed never fetched)."""
        row = self._conn.execute(
            "SELECT etag, last_modified, last_status, last_http, last_error, last_fetch, "
            "redirected_to, gone FROM feeds WHERE url=?", (url,)).fetchone()
        if row is None:
            return FeedState(url=url)
        etag, lm, status, http, err, fetched, redirect, gone = row
        return FeedState(
            url=url, etag=etag, last_modified=lm, last_status=status, last_http=http,
            last_error=err,
            last_fetch=_dt.datetime.fromtimestamp(fetched, _dt.UTC) if fetched is not None else None,
            redirected_to=redirect, gone=bool(gone),
        )

    def save_feed_state(
        self,
        url: str,
        etag: str | None,
        last_modified: str | None,
        status: str,
        error: str | None,
        permanent_redirect_to: str | None,
        gone: bool,
        *,
        http_status: int | None = None,
        fetched_at: _dt.datetime | None = None,
    ) -> None:
        """Record the outcome of one fetch of ``url`` (validators kept for the next conditional GET)."""
        fetched = _epoch(fetched_at) if fetched_at is not None else float(self._clock())
        with self._conn:
            self._conn.execute(
                "INSERT INTO feeds(url, etag, last_modified, last_status, last_http, last_error, "
                "last_fetch, redirected_to, gone) VALUES (?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, "
                "last_modified=excluded.last_modified, last_status=excluded.last_status, "
                "last_http=excluded.last_http, last_error=excluded.last_error, "
                "last_fetch=excluded.last_fetch, redirected_to=excluded.redirected_to, "
                "gone=excluded.gone",
                (url, etag, last_modified, status, http_status, error, fetched,
                 permanent_redirect_to, int(bool(gone))),
            )

    def latest_by_source(self) -> pd.DataFrame:
        """Per source (``source_url``, ``source_name``): the date of its newest stored item
        (``latest``, UTC; published date, else first seen)."""
        import pandas as pd

        rows = self._conn.execute("SELECT source_url, MAX(source_name), MAX(ref_time) FROM entries "
                                  "GROUP BY source_url ORDER BY source_url").fetchall()
        df = pd.DataFrame(rows, columns=["source_url", "source_name", "latest"])
        df["latest"] = pd.to_datetime(df["latest"].astype("float64"), unit="s", utc=True)
        return df

    def feed_status_frame(self) -> pd.DataFrame:
        """One row per known feed (columns :data:`STATUS_COLUMNS`): last outcome and items stored."""
        import pandas as pd

        rows = self._conn.execute(
            "SELECT f.url, f.name, f.axis, f.type, f.reliability, f.last_status, f.last_http, "
            "f.last_error, COALESCE(c.n, 0), f.last_fetch, f.redirected_to, f.gone FROM feeds f "
            "LEFT JOIN (SELECT source_url, COUNT(*) AS n FROM entries GROUP BY source_url) c "
            "ON c.source_url = f.url ORDER BY f.name, f.url").fetchall()
        df = pd.DataFrame(rows, columns=STATUS_COLUMNS)
        df["items"] = df["items"].astype("int64")
        df["gone"] = df["gone"].fillna(0).astype(bool)
        df["last_fetch"] = pd.to_datetime(df["last_fetch"].astype("float64"), unit="s", utc=True)
        return df


def _bound(value: _dt.datetime | _dt.date | str, *, end: bool = False) -> float:
    if isinstance(value, str):
        value = _dt.datetime.fromisoformat(value) if "T" in value or " " in value else _dt.date.fromisoformat(value)
    if not isinstance(value, _dt.datetime):
        value = _dt.datetime.combine(value, _dt.time.max if end else _dt.time.min)
    return _epoch(value)  # type: ignore[return-value]


def open_store(case: Case) -> FeedStore:
    """The feed store of ``case``: ``CASE/.toolkit/veille.sqlite`` (created on first use)."""
    return FeedStore(case.state_dir() / STORE_FILE)


def _sqlite_copy(src: Path, dst: Path) -> None:
    """A consistent copy of a SQLite database, WAL included (the backup API, not a file copy)."""
    with contextlib.closing(sqlite3.connect(src)) as a, contextlib.closing(sqlite3.connect(dst)) as b:
        a.backup(b)


def keep_store_version(case: Case, label: str = "before-fetch") -> Path:
    """Keep the feed store as it is now in ``.toolkit/history/veille/`` (before a fetch writes)."""
    from toolkit.history import keep_previous

    return keep_previous(case.state_dir(), "veille", case.state_dir() / STORE_FILE, label, copy=_sqlite_copy)


def check_store_file(path: Path) -> None:
    """A feed store that can be used as it is: a SQLite database with the store's tables, intact."""
    uri = f"file:{Path(path).resolve().as_posix()}?mode=ro"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
            ok = db.execute("PRAGMA quick_check").fetchone()
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as exc:
        raise InputError(f"not a feed store ({exc})", file=path,
                         hint="a feed store is written by `toolkit veille fetch`") from None
    if not ok or ok[0] != "ok" or not {"feeds", "entries"} <= tables:
        raise InputError("not a feed store (its tables are missing or damaged)", file=path,
                         hint="a feed store is written by `toolkit veille fetch`")


def undo_fetch(case: Case) -> str:
    """Put the feed store back as it was before the last fetch (``toolkit veille undo``)."""
    from toolkit.history import restore_last

    path = case.state_dir() / STORE_FILE
    for suffix in ("-wal", "-shm"):  # the journal of the version being replaced
        Path(str(path) + suffix).unlink(missing_ok=True)
    _version, done = restore_last(case.state_dir(), "veille", path, copy=_sqlite_copy, check=check_store_file)
    return f"{path}: {done}"
