"""Readers of the exports a presence plan is built on: they recognise and split, ``toolkit.io`` reads.

* **Search Console** → Performance → Export → CSV: a zip of 7 CSVs (``Queries.csv``,
  ``Pages.csv``, ``Chart.csv`` or ``Dates.csv``, ``Filters.csv`` …), named and headed in the
  interface's language (``Requêtes.csv`` / ``Requêtes les plus fréquentes``), numbers not
  localised (``1.94%``), French ``Dates.csv`` newest first. :func:`read_search_console` takes the
  zip, its folder or the CSV files.
* **Keyword Planner** "Download keyword ideas": UTF-16 LE, tab separated, two title lines,
  bucketed volumes, changes ``0%`` / ``-90%`` / ``∞``, competition ``Unknown`` with no index.
* **Meta Business Suite** content exports (Facebook Page or Instagram posts; English or Spanish
  UI: ``Publish time`` / ``Hora de publicación``, dates ``MM/DD/YYYY HH:MM`` in every UI) and
  page-level daily series (``Follows.csv``: UTF-16, ``sep=,`` line, the metric name on line 2).
* the **editorial calendar** the team keeps (CSV or XLSX).

Each reader returns DataFrames with canonical column names and never modifies the file.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from toolkit.errors import InputError
from toolkit.io import (
    ColumnSpec,
    TableSchema,
    normalize_header,
    parse_number,
    parse_percent,
    read_table,
    sheet_names,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["CALENDAR", "KEYWORD_PLANNER", "LINKEDIN_POSTS", "META_POSTS", "LinkedInExport", "SearchConsoleExport",
           "dates_without_year", "parse_change", "read_calendar", "read_keyword_planner", "read_linkedin",
           "read_meta_daily", "read_meta_posts", "read_search_console"]

_PERF = (
    ColumnSpec("clicks", "integer", aliases=("Clicks", "Clics")),
    ColumnSpec("impressions", "integer", aliases=("Impressions",)),
    ColumnSpec("ctr", "percent", aliases=("CTR", "Taux de clics")),
    ColumnSpec("position", "number", aliases=("Position", "Average position", "Position moyenne")),
)
_SC_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "queries": ("query", ("Top queries", "Requêtes les plus fréquentes", "Query", "Queries", "Requête", "Requêtes")),
    "pages": ("page", ("Top pages", "Pages les plus populaires", "Page", "Pages")),
    "dates": ("date", ("Date", "Dates")),
    "countries": ("country", ("Country", "Countries", "Pays")),
    "devices": ("device", ("Device", "Devices", "Appareil", "Appareils")),
}
_FILTER_HEADS = {"filter", "filtre", "filters", "filtres"}


@dataclass(frozen=True)
class SearchConsoleExport:
    """One Search Console performance export. Frames hold ``clicks, impressions, ctr`` (fraction)
    and ``position``; ``dates`` is sorted oldest first; ``filters`` as written (``Date``, ``Les 3
    derniers mois``)."""

    source: str
    lang: Literal["fr", "en"]
    queries: pd.DataFrame | None = field(default=None, repr=False)
    pages: pd.DataFrame | None = field(default=None, repr=False)
    dates: pd.DataFrame | None = field(default=None, repr=False)
    countries: pd.DataFrame | None = field(default=None, repr=False)
    devices: pd.DataFrame | None = field(default=None, repr=False)
    filters: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def period(self) -> str:
        """The date filter as the export states it (``Les 3 derniers mois``, ``1 Jan 2025-31 Dec 2025``)."""
        return next((v for k, v in self.filters if normalize_header(k) == "date"), "")

    @property
    def months(self) -> float | None:
        """Length of the period covered by ``dates`` in months (30.44 days), or None."""
        if self.dates is None or self.dates.empty:
            return None
        days = (self.dates["date"].max() - self.dates["date"].min()).days + 1
        return days / 30.44


def _first_header(path: Path) -> str:
    """The normalised first column name of a CSV (the header is line 1 in every SC export)."""
    from toolkit.io import read_text

    text, _enc = read_text(path)
    if not text.strip():  # an empty table of the export is not "a table the plan does not use"
        raise InputError("the file is empty (only blank lines)", file=path,
                         hint="export Performance → Export → Download CSV again and give the zip or its folder")
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return normalize_header(first.split(",")[0].strip('"'))


def _sc_kind(path: Path) -> str | None:
    head = _first_header(path)
    if head in _FILTER_HEADS:
        return "filters"
    for kind, (_name, aliases) in _SC_KINDS.items():
        if head in {normalize_header(a) for a in aliases}:
            return kind
    # Chart.csv / Dates.csv hold the daily series under a "Date" header; Search appearance and
    # other tables are not used by the plan.
    return None


def _sc_files(paths: Iterable[str | Path], tmp: Path) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError("file or folder not found", file=str(p),
                             hint="check the path under search.search_console in presence.yaml")
        if p.is_dir():
            out.extend((f, f"{p.name}/{f.name}") for f in sorted(p.iterdir())
                       if f.suffix.lower() == ".csv" and f.is_file())
        elif zipfile.is_zipfile(p):
            with zipfile.ZipFile(p) as z:
                for i, name in enumerate(z.namelist()):
                    if not name.lower().endswith(".csv") or name.endswith("/"):
                        continue
                    target = tmp / f"{i}-{Path(name).name}"
                    target.write_bytes(z.read(name))
                    out.append((target, f"{p.name}/{name}"))
        else:
            out.append((p, p.name))
    return out


def read_search_console(paths: str | Path | Iterable[str | Path]) -> SearchConsoleExport:
    """Read a Search Console performance export (zip, folder or CSV files; French or English UI)."""

    if isinstance(paths, str | Path):
        paths = [paths]
    paths = list(paths)
    found: dict[str, pd.DataFrame] = {}
    filters: list[tuple[str, str]] = []
    notes: list[str] = []
    lang: Literal["fr", "en"] = "en"
    with tempfile.TemporaryDirectory(prefix="toolkit-sc-") as tmpdir:
        files = _sc_files(paths, Path(tmpdir))
        for path, display in files:
            kind = _sc_kind(path)
            if kind is None:
                continue
            if kind == "filters":
                t = read_table(path)
                if normalize_header(str(t.frame.columns[0])) == "filtre":
                    lang = "fr"
                for row in t.frame.itertuples(index=False):
                    filters.append((str(row[0]).strip(), " ".join(str(row[1]).split())))  # NBSP → space
                continue
            name, aliases = _SC_KINDS[kind]
            spec = ColumnSpec(name, "date" if kind == "dates" else "text", aliases=aliases)
            required = kind in ("queries", "pages", "dates")
            schema = TableSchema(f"search_console_{kind}", (spec, *(
                ColumnSpec(c.name, c.kind, required=required, aliases=c.aliases) for c in _PERF)))
            t = read_table(path, schema, dayfirst=False, max_bad_rows=0)  # a figure that is not one: refused
            frame = t.frame[[name, "clicks", "impressions", "ctr", "position"]].copy()
            if normalize_header(next(iter(t.report.columns), "")) in (
                    "requetes les plus frequentes", "pages les plus populaires", "pays", "appareil"):
                lang = "fr"
            if kind == "dates":
                frame = frame.dropna(subset=["date"]).sort_values("date", kind="stable").reset_index(drop=True)
            if kind in ("queries", "pages") and len(frame) >= 1000:
                notes.append(f"{display}: {len(frame)} lignes — Search Console limite l'export à 1 000 lignes ; "
                             "les requêtes de longue traîne manquent")
            if kind in found:
                raise InputError(f"two exports hold the {kind} table", file=display,
                                 hint="give one Search Console export (zip or folder) per property")
            found[kind] = frame
    if "queries" not in found and "pages" not in found:
        raise InputError("no Queries or Pages table found in the Search Console export",
                         file=", ".join(str(p) for p in paths),
                         hint="export Performance → Export → Download CSV and give the zip or its folder")
    if "queries" not in found:  # the keyword ranking then rests on Trends and Keyword Planner only: say it
        notes.append("export Search Console sans tableau des requêtes (Requêtes.csv / Queries.csv) : les mots-clés "
                     "viennent des autres sources")
    return SearchConsoleExport(
        source=", ".join(Path(p).name for p in paths), lang=lang, queries=found.get("queries"),
        pages=found.get("pages"), dates=found.get("dates"), countries=found.get("countries"),
        devices=found.get("devices"), filters=tuple(filters), notes=tuple(notes))


# ---------------------------------------------------------------------------------------
# Keyword Planner

KEYWORD_PLANNER = TableSchema("keyword_planner", (
    ColumnSpec("keyword", "text", aliases=("Keyword", "Mot clé", "Mot-clé", "Mots clés")),
    ColumnSpec("currency", "text", required=False, aliases=("Currency", "Devise")),
    ColumnSpec("volume", "integer", aliases=("Avg. monthly searches", "Nombre moyen de recherches mensuelles",
                                             "Recherches mensuelles moyennes")),
    ColumnSpec("change_3m", "text", required=False, aliases=("Three month change", "Évolution sur trois mois",
                                                             "Variation sur trois mois")),
    ColumnSpec("change_yoy", "text", required=False, aliases=("YoY change", "Évolution d'une année sur l'autre",
                                                              "Variation sur un an")),
    ColumnSpec("competition", "text", required=False, aliases=("Competition", "Concurrence")),
    ColumnSpec("competition_index", "number", required=False, aliases=("Competition (indexed value)",
                                                                       "Concurrence (valeur indexée)")),
    ColumnSpec("bid_low", "number", required=False, aliases=("Top of page bid (low range)",
                                                             "Enchère en haut de page (plage inférieure)")),
    ColumnSpec("bid_high", "number", required=False, aliases=("Top of page bid (high range)",
                                                              "Enchère en haut de page (plage supérieure)")),
))

_COMPETITION = {"low": "low", "faible": "low", "medium": "medium", "moyen": "medium", "moyenne": "medium",
                "high": "high", "eleve": "high", "elevee": "high", "unknown": "unknown", "inconnu": "unknown",
                "inconnue": "unknown"}


def parse_change(raw: object) -> float | None:
    """A Keyword Planner change as a fraction: ``-90%`` → -0.9, ``∞`` → ``inf`` (from zero), empty → None."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    text = str(raw).strip()
    if not text or text in {"--", "-"}:
        return None
    if text in {"∞", "+∞", "Infinity", "inf"}:
        return math.inf
    return parse_percent(text)


def read_keyword_planner(path: str | Path) -> pd.DataFrame:
    """Keyword ideas: keyword, volume (monthly searches, bucketed), change_3m and change_yoy
    (fractions, ``inf`` from zero), competition (low/medium/high/unknown), competition_index,
    bid_low, bid_high, currency."""
    t = read_table(path, KEYWORD_PLANNER)
    f = t.frame
    out = f[["keyword", "volume"]].copy()
    out["keyword"] = out["keyword"].astype(str).str.strip()
    for col in ("change_3m", "change_yoy"):
        out[col] = [parse_change(v) for v in f[col]] if col in f else None
    comp = f["competition"] if "competition" in f else None
    out["competition"] = ([_COMPETITION.get(normalize_header(str(v)), "unknown") if v is not None and str(v) != "nan"
                           else "unknown" for v in comp] if comp is not None else "unknown")
    for col in ("competition_index", "bid_low", "bid_high", "currency"):
        out[col] = f[col] if col in f else None
    bad = out["keyword"].eq("") | out["keyword"].eq("nan")
    return out[~bad].reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# Meta Business Suite (organic)

META_POSTS = TableSchema("meta_posts", (
    ColumnSpec("post_id", "text", aliases=("Post ID", "Identificador de la publicación", "ID de la publication",
                                           "Identifiant de la publication")),
    ColumnSpec("published", "date", aliases=("Publish time", "Hora de publicación", "Heure de publication",
                                             "Date de publication")),
    ColumnSpec("post_type", "text", required=False, aliases=("Post type", "Tipo de publicación", "Type de publication")),
    ColumnSpec("reach", "integer", required=False, aliases=("Reach", "Alcance", "Couverture")),
    ColumnSpec("views", "integer", required=False, aliases=("Views", "Visualizaciones", "Vues", "Impressions")),
    ColumnSpec("reactions", "integer", required=False, aliases=("Reactions", "Likes", "Me gusta", "Réactions", "J'aime")),
    ColumnSpec("comments", "integer", required=False, aliases=("Comments", "Comentarios", "Commentaires")),
    ColumnSpec("shares", "integer", required=False, aliases=("Shares", "Veces que se compartió", "Partages")),
    ColumnSpec("saves", "integer", required=False, aliases=("Saves", "Veces que se guardó", "Enregistrements")),
    ColumnSpec("follows", "integer", required=False, aliases=("Follows", "Seguimientos", "Abonnements")),
))
_INSTAGRAM_HEADS = {"account id", "account username", "identificador de la cuenta", "nombre de usuario de la cuenta",
                    "identifiant du compte", "nom d utilisateur du compte"}
INTERACTIONS = ("reactions", "comments", "shares", "saves")


def read_meta_posts(path: str | Path) -> pd.DataFrame:
    """Posts of a Meta Business Suite content export: platform (facebook/instagram), post_id,
    published (date), post_type, reach, views, reactions, comments, shares, saves, follows,
    interactions (their sum). Captions are not kept (they may name people)."""
    import pandas as pd

    t = read_table(path, META_POSTS, dayfirst=False, max_bad_rows=0)  # a figure that is not one: refused
    f = t.frame
    heads = {normalize_header(c) for c in t.report.columns}
    platform = "instagram" if heads & _INSTAGRAM_HEADS else "facebook"
    out = pd.DataFrame({"platform": platform, "post_id": f["post_id"].astype(str),
                        "published": pd.to_datetime(f["published"]).dt.date})
    for col in ("post_type", "reach", "views", *INTERACTIONS, "follows"):
        out[col] = f[col] if col in f else pd.NA
    present = [c for c in INTERACTIONS if c in f]
    out["interactions"] = f[present].fillna(0).sum(axis=1).astype("Int64") if present else pd.NA
    missing_date = out["published"].isna()
    if missing_date.any():
        rows = [t.report.row_numbers[i] for i in missing_date[missing_date].index[:5]] if t.report.row_numbers else []
        raise InputError(f"{int(missing_date.sum())} post(s) without a readable publish time", file=Path(path).name,
                         line=rows[0] if rows else None,
                         hint="export the posts again from Meta Business Suite (Insights → Content → Export)")
    return out


#: Meta page-level exports without a metric line: their header → (column, canonical indicator).
_META_SERIES = {
    # FollowerHistory.csv: the follower count each day. Its "Difference in followers from previous
    # day" is in fact the change to the *next* day (22 551 → 22 565 is written +14 on the first
    # row): it is not read; growth is computed from the counts.
    "followers": (("Followers", "Abonnés", "Seguidores"), "followers"),
    "viewers": (("Total Viewers", "Total des spectateurs", "Espectadores totales"), "viewers"),
}
_MONTH_DAY = re.compile(r"^\s*([^\W\d_]+)\.?\s+(\d{1,2})\s*$|^\s*(\d{1,2})\s+([^\W\d_]+)\.?\s*$")


def dates_without_year(texts: Iterable[object], year: int | None, *, file: str = "") -> list[dt.date | None]:
    """``"August 19"`` / ``"19 août"`` → dates of ``year``, in file order; a series that passes from
    December to January moves to the next year. ``year`` None → InputError saying where to give it."""
    from toolkit.fmt import month_number

    out: list[dt.date | None] = []
    if year is None:
        raise InputError("the dates of this export have no year (e.g. 'August 19')", file=file,
                         hint="give the year under channels[].exports_year in presence.yaml, "
                              "or set the mission's start date in case.yaml")
    y, last_month = year, None
    for raw in texts:
        m = _MONTH_DAY.match(str(raw or ""))
        month = month_number(m.group(1) or m.group(4)) if m else None
        if not m or month is None:
            out.append(None)
            continue
        day = int(m.group(2) or m.group(3))
        if last_month is not None and month < last_month:
            y += 1
        last_month = month
        try:
            out.append(dt.date(y, month, day))
        except ValueError:
            out.append(None)
    return out


def read_meta_daily(path: str | Path, *, year: int | None = None) -> pd.DataFrame:
    """A Meta page-level daily series → date, value, metric (as Meta names it), kpi (canonical).

    * ``Follows.csv``, ``Reach.csv``… (UTF-16, ``sep=,``, the metric name on the line before the
      header ``"Date","Primary"``): kpi ``new_followers`` for follows, else the metric folded;
    * ``FollowerHistory.csv`` (``Date, Followers, …``): the follower count, kpi ``followers``;
    * ``Viewers.csv`` (``Date, Total Viewers, New Viewers, Returning Viewers``, a literal
      ``undefined`` in the last row): people who viewed the page, kpi ``viewers``.

    The last two write dates without a year (``"August 19"``): ``year`` is the year of the first
    row (see :func:`dates_without_year`).
    """
    import pandas as pd

    t = read_table(path)
    heads = {normalize_header(c): c for c in t.frame.columns}
    name = Path(path).name
    for aliases, kpi in _META_SERIES.values():
        col = next((heads[normalize_header(a)] for a in aliases if normalize_header(a) in heads), None)
        date_col = next((heads[k] for k in ("date", "fecha") if k in heads), None)
        if col is None or date_col is None:
            continue
        raw_dates = t.frame[date_col]
        if pd.api.types.is_datetime64_any_dtype(raw_dates):
            dates = [d.date() if pd.notna(d) else None for d in raw_dates]
        else:
            dates = dates_without_year(raw_dates.tolist(), year, file=name)
        values = [parse_number(v) for v in t.frame[col]]  # "undefined" → None
        out = pd.DataFrame({"date": dates, "value": values, "metric": str(col), "kpi": kpi})
        return out.dropna(subset=["date", "value"]).sort_values("date").reset_index(drop=True)
    schema = TableSchema("meta_daily", (ColumnSpec("date", "date", aliases=("Date", "Fecha")),
                                        ColumnSpec("value", "number", aliases=("Primary", "Principal", "Value", "Valeur"))))
    t = read_table(path, schema, dayfirst=False, max_bad_rows=0)
    metric = next((ln.strip().strip('"') for ln in reversed(t.report.preamble) if not ln.lower().startswith("sep=")),
                  Path(path).stem)
    kpi = "new_followers" if "follow" in normalize_header(metric) or "abonn" in normalize_header(metric) \
        else normalize_header(metric).replace(" ", "_")
    out = pd.DataFrame({"date": pd.to_datetime(t.frame["date"]).dt.date, "value": t.frame["value"], "metric": metric,
                        "kpi": kpi})
    return out.dropna(subset=["date"]).sort_values("date").reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# LinkedIn page analytics (.xls)


@dataclass(frozen=True)
class LinkedInExport:
    """One LinkedIn page export (``<page>_content|followers|visitors_<epoch ms>.xls``).

    ``series``: date, kpi, value — daily ``impressions``, ``unique_impressions``, ``clicks``,
    ``reactions``, ``comments``, ``shares`` (reposts) for content; ``new_followers`` for followers;
    ``page_views`` and ``unique_visitors`` for visitors. ``posts``: the ``All posts`` sheet in the
    shape of :func:`read_meta_posts` (``reach`` empty: LinkedIn gives impressions per post).
    ``followers_estimate``: the followers counted by the ``Seniority`` breakdown (the export holds
    no follower total; every follower has at most one seniority, members without one are missed).
    """

    source: str
    kind: Literal["content", "followers", "visitors"]
    series: pd.DataFrame = field(repr=False)
    posts: pd.DataFrame | None = field(default=None, repr=False)
    followers_estimate: int | None = None
    breakdowns: dict[str, int] = field(default_factory=dict)
    """Sum of each demographic sheet (followers export): how far apart they are."""


_LI_CONTENT = {"impressions": "Impressions (total)", "unique_impressions": "Unique impressions (organic)",
               "clicks": "Clicks (total)", "reactions": "Reactions (total)", "comments": "Comments (total)",
               "shares": "Reposts (total)"}
_LI_VISITORS = {"page_views": "Total page views (total)", "unique_visitors": "Total unique visitors (total)"}
_LI_FOLLOWERS = {"new_followers": "Total followers"}
_LI_DEMOGRAPHICS = ("Location", "Job function", "Seniority", "Industry", "Company size")
LINKEDIN_POSTS = TableSchema("linkedin_posts", (
    ColumnSpec("post_id", "text", aliases=("Post link",)),
    ColumnSpec("published", "date", aliases=("Created date",)),
    ColumnSpec("post_type", "text", required=False, aliases=("Post type",)),
    ColumnSpec("views", "integer", required=False, aliases=("Impressions",)),
    ColumnSpec("reactions", "integer", required=False, aliases=("Likes",)),
    ColumnSpec("comments", "integer", required=False, aliases=("Comments",)),
    ColumnSpec("shares", "integer", required=False, aliases=("Reposts",)),
    ColumnSpec("clicks", "integer", required=False, aliases=("Clicks",)),
    ColumnSpec("follows", "integer", required=False, aliases=("Follows",)),
))


def _li_series(path: Path, sheet: str, columns: Mapping[str, str]) -> pd.DataFrame:
    import pandas as pd

    specs = (ColumnSpec("date", "date", aliases=("Date",)),
             *(ColumnSpec(k, "number", aliases=(v,)) for k, v in columns.items()))
    t = read_table(path, TableSchema(f"linkedin_{sheet}", specs), sheet=sheet, dayfirst=False)
    f = t.frame
    frames = [pd.DataFrame({"date": pd.to_datetime(f["date"]).dt.date, "kpi": k, "value": f[k]}) for k in columns]
    return pd.concat(frames, ignore_index=True).dropna(subset=["date"]).reset_index(drop=True)


def read_linkedin(path: str | Path) -> LinkedInExport:
    """A LinkedIn page analytics export (Content, Followers or Visitors; legacy ``.xls`` as LinkedIn
    writes it, or re-saved as ``.xlsx``), recognised by its sheets, not its name."""
    import pandas as pd

    p = Path(path)
    if not p.exists():
        raise InputError("file not found", file=str(p), hint="check the path under channels[].exports in presence.yaml")
    sheets = {normalize_header(s): s for s in sheet_names(p)}
    if "metrics" in sheets and "all posts" in sheets:
        series = _li_series(p, sheets["metrics"], _LI_CONTENT)
        t = read_table(p, LINKEDIN_POSTS, sheet=sheets["all posts"], dayfirst=False)
        f = t.frame
        posts = pd.DataFrame({"platform": "linkedin", "post_id": f["post_id"].astype(str),
                              "published": pd.to_datetime(f["published"]).dt.date})
        for col in ("post_type", "views", "reactions", "comments", "shares", "follows", "clicks"):
            posts[col] = f[col] if col in f else pd.NA
        posts["reach"] = pd.NA
        posts["saves"] = pd.NA
        posts["interactions"] = f[[c for c in ("reactions", "comments", "shares") if c in f]].fillna(0).sum(
            axis=1).astype("Int64")
        return LinkedInExport(p.name, "content", series, posts)
    if "new followers" in sheets:
        series = _li_series(p, sheets["new followers"], _LI_FOLLOWERS)
        sums: dict[str, int] = {}
        for label in _LI_DEMOGRAPHICS:
            if normalize_header(label) in sheets:
                t = read_table(p, sheet=sheets[normalize_header(label)])
                sums[label] = int(pd.to_numeric(t.frame.iloc[:, 1], errors="coerce").fillna(0).sum())
        return LinkedInExport(p.name, "followers", series, followers_estimate=sums.get("Seniority"), breakdowns=sums)
    if "visitor metrics" in sheets:
        return LinkedInExport(p.name, "visitors", _li_series(p, sheets["visitor metrics"], _LI_VISITORS))
    raise InputError("not a LinkedIn page export: no 'Metrics', 'New followers' or 'Visitor metrics' sheet",
                     file=p.name, hint="export Analytics → Content, Followers or Visitors from the LinkedIn page admin")


# ---------------------------------------------------------------------------------------
# Editorial calendar

CALENDAR = TableSchema("editorial_calendar", (
    ColumnSpec("date", "date", aliases=("Date", "Jour", "Date de publication", "Publication date", "Day")),
    ColumnSpec("channel", "text", aliases=("Canal", "Channel", "Réseau", "Network", "Support", "Plateforme", "Platform")),
    ColumnSpec("theme", "text", required=False, aliases=("Thème", "Theme", "Sujet", "Topic", "Rubrique")),
    ColumnSpec("format", "text", required=False, aliases=("Format", "Type de contenu", "Content type")),
    ColumnSpec("persona", "text", required=False, aliases=("Persona", "Cible", "Target", "Audience")),
    ColumnSpec("owner", "text", required=False, aliases=("Responsable", "Owner", "Auteur", "Author", "Qui")),
    ColumnSpec("status", "text", required=False, aliases=("Statut", "Status", "État", "Etat")),
    ColumnSpec("title", "text", required=False, aliases=("Titre", "Title", "Contenu", "Content", "Accroche")),
))
_CAL_COLUMNS = ("date", "channel", "theme", "format", "persona", "owner", "status", "title")
_SPACES = re.compile(r"\s+")


def read_calendar(path: str | Path) -> pd.DataFrame:
    """The editorial calendar: one row per planned publication (date and channel required)."""
    import pandas as pd

    t = read_table(path, CALENDAR, max_bad_rows=0)
    f = t.frame
    out = pd.DataFrame({c: (f[c] if c in f else "") for c in _CAL_COLUMNS})
    out["date"] = pd.to_datetime(out["date"]).dt.date
    for c in _CAL_COLUMNS[1:]:
        out[c] = out[c].fillna("").astype(str).map(lambda s: _SPACES.sub(" ", s).strip())
    rows = t.report.row_numbers
    empty = out["channel"].eq("") | out["date"].isna()
    if empty.any():
        i = int(empty[empty].index[0])
        raise InputError("a publication has no date or no channel", file=Path(path).name,
                         line=rows[i] if rows else None, hint="give each row of the calendar a date and a channel")
    out["row"] = list(rows) if rows else range(2, len(out) + 2)
    return out
