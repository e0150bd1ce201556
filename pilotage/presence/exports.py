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

import math
import re
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from toolkit.errors import InputError
from toolkit.io import ColumnSpec, TableSchema, normalize_header, parse_percent, read_table

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["CALENDAR", "KEYWORD_PLANNER", "META_POSTS", "SearchConsoleExport", "parse_change", "read_calendar",
           "read_keyword_planner", "read_meta_daily", "read_meta_posts", "read_search_console"]

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


def read_meta_daily(path: str | Path) -> pd.DataFrame:
    """A Meta page-level daily series (``Follows.csv``, ``Reach.csv``…): date, value, metric
    (the metric name Meta writes on the line before the header, e.g. ``Facebook follows``)."""
    import pandas as pd

    schema = TableSchema("meta_daily", (ColumnSpec("date", "date", aliases=("Date", "Fecha")),
                                        ColumnSpec("value", "number", aliases=("Primary", "Principal", "Value", "Valeur"))))
    t = read_table(path, schema, dayfirst=False, max_bad_rows=0)
    metric = next((ln.strip().strip('"') for ln in reversed(t.report.preamble) if not ln.lower().startswith("sep=")),
                  Path(path).stem)
    out = pd.DataFrame({"date": pd.to_datetime(t.frame["date"]).dt.date, "value": t.frame["value"], "metric": metric})
    return out.dropna(subset=["date"]).sort_values("date").reset_index(drop=True)


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
