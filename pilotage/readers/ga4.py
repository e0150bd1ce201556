"""Google Analytics 4 exports (Rapports → Partager → Télécharger le fichier → CSV).

What a real export looks like::

    # ----------------------------------------
    # Acquisition de trafic : Campagne de la session
    # Compte : Brûlerie Sauvage
    # Propriété : GA4 - brulerie-sauvage.example
    # ----------------------------------------
    #
    # Tous les utilisateurs
    # Date de début : 20270104
    # Date de fin : 20270630
    Date,Campagne de la session,Sessions,Sessions avec engagement,Taux d'engagement,…
    20270104,FR_Search_Marque,61,44,0.7213114754098361,…

Quirks handled: the ``#`` preamble (period read from ``Start date`` / ``Date de début`` in
``YYYYMMDD``), ``YYYYMMDD`` dates, rates written as fractions (0.72 = 72 %; not stored, they
are recomputed from counts), ``Conversions`` renamed ``Key events`` / ``Événements clés``
in 2024 (both read as ``key_events``), and files holding **several tables** (dashboard
downloads): each table is labelled by its columns; the most detailed table with a date
dimension is imported, the others are listed as skipped (they summarise the same traffic
and would double count).

Rows keep the session campaign as ``campaign`` (or the channel group, or source / medium,
whichever dimension the table has).
"""

from __future__ import annotations

import datetime as _dt
import re

import pandas as pd

from pilotage.readers.detect import (
    Aliases,
    Assembly,
    ImportResult,
    RawTable,
    match_columns,
    numbers_look_french,
    summary,
    total_rows,
)
from pilotage.store.actuals import normalise_actuals
from toolkit.errors import InputError, MissingColumnError
from toolkit.i18n import N_

__all__ = ["ALIASES", "MARKERS", "read_ga4", "table_label"]

DIMENSIONS: Aliases = {
    "date": {"en": ("date", "day"), "fr": ("date", "jour")},
    "campaign": {"en": ("session campaign", "session campaign name", "campaign", "first user campaign"),
                 "fr": ("campagne de la session", "campagne", "campagne du premier utilisateur")},
    "channel": {"en": ("session default channel group", "default channel group",
                       "session primary channel group", "first user default channel group"),
                "fr": ("groupe de canaux par défaut de la session", "groupe de canaux par défaut",
                       "groupe de canaux principal de la session")},
    "source_medium": {"en": ("session source / medium", "session source/medium"),
                      "fr": ("source/support de la session", "source / support de la session")},
    "page": {"en": ("page path and screen class", "page title and screen class", "page path"),
             "fr": ("chemin de la page et classe de l'écran", "titre de la page et classe de l'écran")},
}
METRICS: Aliases = {
    "sessions": {"en": ("sessions",), "fr": ("sessions",)},
    "users": {"en": ("total users", "active users", "users"),
              "fr": ("utilisateurs totaux", "utilisateurs actifs", "utilisateurs")},
    "engaged_sessions": {"en": ("engaged sessions",), "fr": ("sessions avec engagement",)},
    "key_events": {"en": ("key events", "conversions"), "fr": ("événements clés", "conversions")},
    "conversion_value": {"en": ("total revenue", "purchase revenue"),
                         "fr": ("revenu total", "revenus issus des achats", "revenus générés par les achats")},
    "engagement_rate": {"en": ("engagement rate",), "fr": ("taux d'engagement",)},
    "views": {"en": ("views",), "fr": ("vues",)},
}
ALIASES: Aliases = {**DIMENSIONS, **METRICS}

MARKERS = ("sessions", "engaged sessions", "sessions avec engagement", "active users", "utilisateurs actifs",
           "total users", "utilisateurs totaux", "key events", "événements clés", "engagement rate",
           "taux d'engagement", "session default channel group", "groupe de canaux par défaut de la session",
           "session campaign", "campagne de la session", "page path and screen class",
           "views per active user", "average engagement time per active user")

_STORED = ("sessions", "users", "engaged_sessions", "key_events", "conversion_value")


def _preamble_date(comments: tuple[str, ...] | list[str], keys: tuple[str, ...]) -> _dt.date | None:
    for c in comments:
        m = re.match(r"^\s*(.+?)\s*:\s*(\d{8})\s*$", c.replace("\u00a0", " "))
        if m and m.group(1).strip().casefold() in keys:
            return _dt.datetime.strptime(m.group(2), "%Y%m%d").date()
    return None


def preamble_period(comments: tuple[str, ...] | list[str]) -> tuple[_dt.date, _dt.date] | None:
    start = _preamble_date(comments, ("start date", "date de début"))
    end = _preamble_date(comments, ("end date", "date de fin"))
    return (start, end) if start and end else None


def table_label(table: RawTable) -> str:
    """``'Date × Session campaign' (185 rows)`` — how a table of a multi-table file is named."""
    m = match_columns(list(table.frame.columns), DIMENSIONS)
    dims = [m.columns[k] for k in DIMENSIONS if k in m.columns] or [str(table.frame.columns[0])]
    return N_(f"'{' × '.join(dims)}' ({len(table.frame)} rows)")


def _score(table: RawTable) -> tuple[int, int, int]:
    m = match_columns(list(table.frame.columns), ALIASES)
    metrics = sum(k in m.columns for k in _STORED)
    if metrics == 0:
        return (-1, 0, 0)
    dims = sum(k in m.columns for k in ("campaign", "channel", "source_medium"))
    return ("date" in m.columns, dims, metrics)


def pick_table(tables: list[RawTable]) -> tuple[RawTable, list[str]]:
    """The table to import from a GA4 file, and a label per table saying what was done."""
    scored = [(_score(t), i, t) for i, t in enumerate(tables)]
    usable = [s for s in scored if s[0][0] >= 0]
    if not usable:
        raise MissingColumnError(
            "none of the tables of this GA4 export has a traffic metric (Sessions, Users / Utilisateurs, "
            "Key events / Événements clés, Total revenue / Revenu total)",
            hint="export the report Acquisition de trafic with a Date or Campagne dimension")
    best = max(usable, key=lambda s: (s[0], -s[1]))
    labels = []
    for score, i, t in scored:
        if i == best[1]:
            labels.append(N_(f"table {i + 1} {table_label(t)}: imported"))
        elif score[0] < 0:
            labels.append(N_(f"table {i + 1} {table_label(t)}: skipped (no traffic metric)"))
        else:
            labels.append(N_(f"table {i + 1} {table_label(t)}: skipped (summary of the same traffic)"))
    return best[2], labels


def read_ga4(tables: list[RawTable], file: str, comments: list[str] | None = None) -> ImportResult:
    """Turn a GA4 export (one or several tables) into actuals rows (see the module docstring)."""
    table, labels = pick_table(tables) if len(tables) > 1 else (tables[0], [])
    m = match_columns(list(table.frame.columns), ALIASES)
    cols = m.columns
    if not any(k in cols for k in _STORED):
        raise MissingColumnError(
            "this GA4 export has no traffic metric (Sessions, Users / Utilisateurs, Key events / "
            "Événements clés, Total revenue / Revenu total)", file=file, line=table.header_line,
            hint="export a report of the Acquisition section")
    frame = table.frame
    totals = total_rows(frame, [frame.columns[0]])
    n_totals = int(totals.sum())
    if n_totals:
        frame = frame.loc[~totals].reset_index(drop=True)
        table = RawTable(frame, table.header_line, table.preamble, table.comments, table.title,
                         table.separator, table.encoding, table.sheet)
    rng = preamble_period(list(table.comments) + list(comments or []))
    locale = m.locale
    if comments and any("date de début" in c.casefold() for c in comments):
        locale = "fr"
    asm = Assembly(table, file, default_fr=numbers_look_french(table))
    out = pd.DataFrame(index=range(len(frame)))
    if "date" in cols:
        out["date"] = asm.dates(cols["date"])
        out["period_end"] = out["date"]
    elif rng is not None:
        out["date"] = pd.Timestamp(rng[0])
        out["period_end"] = pd.Timestamp(rng[1])
    else:
        raise InputError("the GA4 export has no Date column and no '# Start date:' line", file=file,
                         hint="keep the lines starting with # that GA4 writes, or add the Date dimension")
    dim = next((k for k in ("campaign", "channel", "source_medium", "page") if k in cols), None)
    if dim == "page":
        raise InputError(
            f"this GA4 report lists pages ('{cols['page']}'), not campaigns, channels or sources: its rows would "
            "become one 'campaign' per page", file=file, line=table.header_line,
            hint="export Acquisition → Acquisition de trafic (Campagne de la session, or Groupe de canaux) "
                 "with the Date dimension")
    out["platform"] = "ga4"
    out["campaign"] = asm.text(cols[dim]) if dim else "(tout le site)"
    out["ad_group"] = ""
    out["ad"] = ""
    out["currency"] = ""
    for k in _STORED:
        if k in cols:
            out[k] = asm.number(cols[k])
    if "key_events" in cols and cols["key_events"].casefold() == "conversions":
        asm.warnings.append(N_("'Conversions' read as key events (GA4 renamed them 'Key events' in 2024)"))
    out["source_file"] = file
    out = asm.drop_bad(asm.plausible(out, cols))
    result = normalise_actuals(out)
    period = (result["date"].min().date(), result["period_end"].max().date()) if len(result) else rng
    extra = [N_(f"{len(tables)} tables in the file")] if len(tables) > 1 else []
    report = summary("ga4", locale, period, len(result), n_totals, "", extra)
    return ImportResult(result, "ga4", locale, period, len(result), n_totals, tuple(asm.warnings), report,
                        "", file, tuple(labels), property_site(list(table.comments) + list(comments or [])))


def property_site(comments: list[str]) -> str:
    """``awningdepot.co.uk`` from the preamble line ``Property: GA4 - awningdepot.co.uk`` ('' when absent)."""
    for c in comments:
        m = re.match(r"^\s*(?:property|propriété)\s*:\s*(.+)$", c.replace("\u00a0", " "), re.IGNORECASE)
        if m:
            name = re.sub(r"^ga4\s*[-–]\s*", "", m.group(1).strip(), flags=re.IGNORECASE)
            host = re.search(r"([a-z0-9-]+(?:\.[a-z0-9-]+)+)", name.casefold())
            return host.group(1).removeprefix("www.") if host else ""
    return ""
