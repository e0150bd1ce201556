"""The local Google Trends cache: every import and every successful live pull, kept.

Google often refuses automated requests, and a CSV export is a snapshot of one day. So each
series the toolkit gets — from an imported export or from a live pull — is stored with its
parameters and timestamp in ``CASE/.toolkit/trends.sqlite`` (safe to delete: re-import the
CSVs). The report reads the most recent series for each keyword from here, whichever way it
came in, and says where it came from and when.

Re-importing the same file does not duplicate it (content hash) and keeps its first date, so
the files of ``watch.trends.files``, re-read by every report, never outrank a newer import.

Example::

    cache = open_trends_cache(case)
    cache.add_import(read_trends_csv("data/trends/multiTimeline.csv"))
    interest = cache.latest_interest()   # date, term, geo, value, below_one, origin, fetched_at
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from toolkit.case import Case
    from veille.trends import TrendsImport

__all__ = ["CachedPull", "TrendsCache", "open_trends_cache"]

CACHE_FILE = "trends.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pulls (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    origin      TEXT NOT NULL,          -- 'csv' or 'pytrends'
    kind        TEXT NOT NULL,          -- timeline, geo, related_queries, related_entities
    terms       TEXT NOT NULL,          -- JSON list
    geo         TEXT,
    params      TEXT NOT NULL,          -- JSON: timeframe, geo, anchor, file, period …
    source      TEXT NOT NULL,          -- file path or 'pytrends'
    fetched_at  TEXT NOT NULL,          -- ISO timestamp, UTC
    frame       TEXT NOT NULL,          -- JSON {columns, dates, data}
    digest      TEXT NOT NULL UNIQUE
);
"""


@dataclass(frozen=True)
class CachedPull:
    """One stored series set. ``frame`` has the columns of the matching import kind."""

    id: int
    origin: str
    kind: str
    terms: tuple[str, ...]
    geo: str | None
    params: dict[str, Any]
    source: str
    fetched_at: _dt.datetime
    frame: pd.DataFrame = field(repr=False, compare=False)


def _to_json(frame: pd.DataFrame) -> tuple[str, list[str]]:
    import pandas as pd

    dates = [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]
    data: dict[str, list[Any]] = {}
    for c in frame.columns:
        col = frame[c]
        if c in dates:
            data[str(c)] = [None if pd.isna(v) else pd.Timestamp(v).isoformat() for v in col]
        else:
            values = col.tolist()
            data[str(c)] = [None if isinstance(v, float) and math.isnan(v) else v for v in values]
    text = json.dumps({"columns": [str(c) for c in frame.columns], "dates": dates, "data": data},
                      ensure_ascii=False, sort_keys=True, default=str)
    return text, dates


def _from_json(text: str) -> pd.DataFrame:
    import pandas as pd

    obj = json.loads(text)
    frame = pd.DataFrame({c: obj["data"][c] for c in obj["columns"]}, columns=obj["columns"])
    for c in obj["dates"]:
        frame[c] = pd.to_datetime(frame[c])
    if "value" in frame:
        frame["value"] = frame["value"].astype("float64")
    return frame


class TrendsCache:
    """SQLite store of Trends series. Open with :func:`open_trends_cache` or a path."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as con, con:
            con.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def add(self, kind: str, frame: pd.DataFrame, *, origin: str, terms: tuple[str, ...] | list[str],
            geo: str | None, params: dict[str, Any], source: str,
            fetched_at: _dt.datetime | None = None) -> int:
        """Store a series set and return its id; the same content again is not stored twice
        and keeps its first timestamp."""
        fetched_at = fetched_at or _dt.datetime.now(_dt.UTC).replace(microsecond=0)
        frame_json, _ = _to_json(frame)
        params_json = json.dumps(params, ensure_ascii=False, sort_keys=True, default=str)
        digest = hashlib.sha256("\x1f".join([origin, kind, params_json, frame_json]).encode()).hexdigest()
        with closing(self._connect()) as con, con:
            row = con.execute("SELECT id FROM pulls WHERE digest = ?", (digest,)).fetchone()
            if row:  # same data again: keep its first date, so a re-import never outranks newer data
                con.execute("UPDATE pulls SET source = ? WHERE id = ?", (source, row[0]))
                return int(row[0])
            cur = con.execute(
                "INSERT INTO pulls (origin, kind, terms, geo, params, source, fetched_at, frame, digest)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (origin, kind, json.dumps(list(terms), ensure_ascii=False), geo, params_json, source,
                 fetched_at.isoformat(), frame_json, digest),
            )
            return int(cur.lastrowid or 0)

    def add_import(self, imp: TrendsImport, fetched_at: _dt.datetime | None = None) -> int:
        """Store a CSV export read by :func:`veille.trends.read_trends_csv`."""
        params = {
            "file": Path(imp.path).name,
            "category": imp.category,
            "frequency": imp.frequency,
            "period": [d.isoformat() for d in imp.period] if imp.period else None,
            "lang": imp.lang,
        }
        return self.add(imp.kind, imp.frame, origin="csv", terms=imp.terms, geo=imp.geo,
                        params=params, source=imp.path, fetched_at=fetched_at)

    def pulls(self, kind: str | None = None) -> list[CachedPull]:
        """Stored pulls, most recent first."""
        sql = "SELECT id, origin, kind, terms, geo, params, source, fetched_at, frame FROM pulls"
        args: tuple[Any, ...] = ()
        if kind:
            sql += " WHERE kind = ?"
            args = (kind,)
        sql += " ORDER BY fetched_at DESC, id DESC"
        with closing(self._connect()) as con:
            rows = con.execute(sql, args).fetchall()
        return [
            CachedPull(int(r[0]), r[1], r[2], tuple(json.loads(r[3])), r[4], json.loads(r[5]), r[6],
                       _dt.datetime.fromisoformat(r[7]), _from_json(r[8]))
            for r in rows
        ]

    def latest_interest(self, terms: list[str] | None = None) -> pd.DataFrame:
        """Interest over time, the most recent pull for each keyword (case-insensitive match).

        Columns: date, term, geo, value, below_one, origin, fetched_at, pull_id. Keywords that
        come from different pulls are on different 0–100 scales: compare their *shapes*
        (direction, momentum), not their levels.
        """
        import pandas as pd

        wanted = {t.casefold() for t in terms} if terms else None
        chosen: dict[str, tuple[CachedPull, str]] = {}
        for pull in self.pulls("timeline"):
            for term in pull.terms:
                key = term.casefold()
                if (wanted is None or key in wanted) and key not in chosen:
                    chosen[key] = (pull, term)
        parts = []
        for pull, term in chosen.values():
            part = pull.frame[pull.frame["term"] == term].copy()
            if "below_one" not in part:
                part["below_one"] = False
            part["origin"] = pull.origin
            part["fetched_at"] = pull.fetched_at.isoformat()
            part["pull_id"] = pull.id
            parts.append(part[["date", "term", "geo", "value", "below_one", "origin", "fetched_at", "pull_id"]])
        if not parts:
            return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "term": pd.Series(dtype=object),
                                 "geo": pd.Series(dtype=object), "value": pd.Series(dtype="float64"),
                                 "below_one": pd.Series(dtype=bool), "origin": pd.Series(dtype=object),
                                 "fetched_at": pd.Series(dtype=object), "pull_id": pd.Series(dtype="int64")})
        return pd.concat(parts, ignore_index=True).sort_values(["term", "date"], ignore_index=True)

    def latest(self, kind: str) -> list[CachedPull]:
        """The most recent pull of ``kind`` for each distinct term set (geo maps, related queries)."""
        seen: set[tuple[str, ...]] = set()  # terms (+ the map's level for geo)
        out = []
        for pull in self.pulls(kind):
            # a department file and a city file of the same terms are two maps, not two versions
            level = str((pull.params or {}).get("frequency", "")).casefold() if kind == "geo" else ""
            key = (*(t.casefold() for t in pull.terms), level)
            if key not in seen:
                seen.add(key)
                out.append(pull)
        return out


def open_trends_cache(case: Case) -> TrendsCache:
    """The cache of a case: ``CASE/.toolkit/trends.sqlite``."""
    return TrendsCache(case.state_dir() / CACHE_FILE)
