"""Back-office KPIs: the monthly figures no ad export holds, entered by the user.

Active subscribers, the online share of revenue, social followers, referrals, brand searches…
are the client's main objectives, and no Google Ads, Meta or GA4 export measures them. They
come from the shop's back office, the accounts, the social networks' own statistics: the
team writes them once a month in a small table, the **KPI input file**
(``data/indicateurs-mensuels.csv`` or ``.xlsx``; another path in case.yaml ``data.kpis``)::

    mois;indicateur;objectif;valeur;libellé;source;note
    2027-01;subscribers;O1;1 935;Abonnés actifs;Shopify — abonnements actifs au 31/01;
    2027-01;online_revenue_share;O4;38,2 %;Part du CA en ligne;Comptabilité;
    2027-02;subscribers;O1;;Abonnés actifs;;            ← empty: not measured yet

One row per month × indicator: ``mois`` (``2027-01``, ``01/2027`` or a date in the month),
``indicateur`` (the plan's KPI id, e.g. ``subscribers``, or its name in the glossary,
``Abonnés actifs``), ``valeur`` (numbers as typed in Excel: ``1 935``, ``38,2 %``, ``0,382``),
and optionally ``objectif`` (the value then counts for that objective only — e.g. the sales of
one product range). A *level* (subscribers, followers, share) is the value at the end of the
month; a *flow* (referrals, brand searches, revenue) the month's total. An entered value
takes precedence over what the exports say for the same KPI and month (its scope is then
*back-office*, see :mod:`toolkit.metrics`).

``toolkit pilotage template CASE`` writes this file (:mod:`pilotage.render.kpi_template`) with one empty row per month and per KPI
of the plan that the exports cannot measure.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from toolkit.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.case import Case

__all__ = ["DEFAULT_NAMES", "KPI_INPUT_COLUMNS", "find_kpi_input", "find_orders", "load_kpi_input", "read_kpi_input",
           "read_search_console_dates"]

#: Columns of the file (French headers; English ones are read too).
KPI_INPUT_COLUMNS = ("mois", "indicateur", "objectif", "valeur", "libellé", "source", "note")
DEFAULT_NAMES = ("data/indicateurs-mensuels.csv", "data/indicateurs-mensuels.xlsx")


def _schema():
    from toolkit.io import ColumnSpec, TableSchema

    return TableSchema("kpi_input", (
        ColumnSpec("month", "text", aliases=("mois", "month", "période", "period")),
        ColumnSpec("kpi", "text", aliases=("indicateur", "kpi", "metric", "indicator")),
        ColumnSpec("value", "text", aliases=("valeur", "value", "réel", "actual")),
        ColumnSpec("objective", "text", required=False, aliases=("objectif", "objective", "objective_id")),
        ColumnSpec("source", "text", required=False, aliases=("source",)),
        ColumnSpec("label", "text", required=False, aliases=("libellé", "label", "nom")),
        ColumnSpec("note", "text", required=False, aliases=("note", "commentaire", "comment")),
    ))


def _norm(text: str) -> str:
    from toolkit.io import normalize_header

    return normalize_header(text)


def _kpi_names() -> dict[str, str]:
    """Normalised name → plan KPI id (ids, and the glossary's French and English names)."""
    from plan.model import KPI_KINDS
    from toolkit.metrics import metrics

    names = {_norm(k): k for k in KPI_KINDS}
    for m in metrics().values():
        if m.id in KPI_KINDS:
            for lang in ("fr", "en"):
                names.setdefault(_norm(m.name[lang]), m.id)
    return names


_MONTH_RES = (re.compile(r"^(\d{4})-(\d{1,2})$"), re.compile(r"^(\d{1,2})[/.-](\d{4})$"))


def _month(value: object) -> pd.Timestamp | None:
    from toolkit.io import parse_date

    if isinstance(value, _dt.date | pd.Timestamp):
        return pd.Timestamp(value).to_period("M").to_timestamp()
    text = str(value or "").strip()
    m = _MONTH_RES[0].match(text)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
    else:
        m = _MONTH_RES[1].match(text)
        if m:
            month, year = int(m.group(1)), int(m.group(2))
        else:
            d = parse_date(text)
            return None if d is None else pd.Timestamp(d).to_period("M").to_timestamp()
    if not 1 <= month <= 12:
        return None
    return pd.Timestamp(year=year, month=month, day=1)


def read_kpi_input(path: str | Path) -> pd.DataFrame:
    """Read the KPI input file → ``month`` (month start), ``kpi`` (plan KPI id), ``objective``
    ("" = every objective with that KPI), ``value`` (float; percents as fractions), ``source``.

    Empty values are skipped (not measured yet, never 0). An unknown indicator, an unreadable
    month or value stops the reading with the file, row and column, and what to write instead;
    so does an impossible value (plausibility, refused rather than imported with a warning: these
    figures become objective statuses): a negative figure, a share or rate over 100 %.
    """
    import difflib

    from plan.model import KPI_KINDS
    from toolkit.io import parse_number, parse_percent, read_table

    table = read_table(path, _schema())
    df = table.frame
    names = _kpi_names()
    rows = []
    for i, rec in enumerate(df.to_dict("records"), start=1):
        raw_value = rec.get("value")
        kpi_raw = str(rec.get("kpi") or "").strip()
        if not kpi_raw and (raw_value is None or str(raw_value).strip() in ("", "nan")):
            continue
        kpi = names.get(_norm(kpi_raw))
        if kpi is None:
            close = difflib.get_close_matches(_norm(kpi_raw), list(names), n=1, cutoff=0.6)
            raise InputError(f"unknown indicator '{kpi_raw}'", file=path, row=i, column="indicateur",
                             hint=(f"did you mean '{names[close[0]]}'?" if close else
                                   f"write one of the plan's KPI ids: {', '.join(KPI_KINDS)}"))
        month = _month(rec.get("month"))
        if month is None:
            raise InputError(f"month '{rec.get('month')}' cannot be read", file=path, row=i, column="mois",
                             hint="write the month as 2027-03 (or 03/2027)")
        if raw_value is None or str(raw_value).strip() in ("", "nan", "—", "-"):
            continue
        kind = KPI_KINDS[kpi][0]
        value = parse_percent(raw_value) if kind == "percent" else parse_number(raw_value)
        if value is None:
            raise InputError(f"value '{raw_value}' of {kpi} cannot be read as a number", file=path, row=i,
                             column="valeur", hint="write a number (1 935, 38,2 % or 0,382); leave it empty when unknown")
        if value < 0:
            raise InputError(f"value '{raw_value}' of {kpi} is negative: a count, a share or a month's sales "
                             "cannot be below zero", file=path, row=i, column="valeur",
                             hint="write the figure of the month as the back office shows it; leave it empty when unknown")
        if kind == "percent" and value > 1:
            raise InputError(f"value '{raw_value}' of {kpi} is over 100 %: a share or a rate cannot exceed it",
                             file=path, row=i, column="valeur",
                             hint="write the share as 38,2 % or 0,382 (a part divided by its whole)")
        rows.append({"month": month, "kpi": kpi, "objective": str(rec.get("objective") or "").strip(),
                     "value": float(value), "source": str(rec.get("source") or "").strip()})
    out = pd.DataFrame(rows, columns=["month", "kpi", "objective", "value", "source"])
    dup = out.duplicated(["month", "kpi", "objective"], keep=False)
    if dup.any():
        first = out.loc[dup].iloc[0]
        raise InputError(f"{first['kpi']} is given twice for {first['month']:%Y-%m}"
                         + (f" (objective {first['objective']})" if first["objective"] else ""),
                         file=path, column="valeur", hint="keep one value per month and indicator")
    return out


def read_search_console_dates(path: str | Path) -> pd.DataFrame:
    """Brand searches per month from a Search Console performance export.

    The file is the daily series of the export (``Dates.csv`` in French, ``Chart.csv`` or
    ``Dates.csv`` in English: ``Date, Clics/Clicks, Impressions, CTR, Position``), made with a
    **query filter** "contains" the brand name — its impressions are then the searches of the
    brand seen on Google. Months the file covers only partly (the export's first and last
    days) are left out rather than under-counted. Same columns as :func:`read_kpi_input`.
    """
    from toolkit.io import ColumnSpec, TableSchema, read_table

    schema = TableSchema("search_console_dates", (
        ColumnSpec("date", "date", aliases=("Date",)),
        ColumnSpec("impressions", "number", aliases=("Impressions",)),
    ))
    df = read_table(path, schema, dayfirst=False).frame
    df = df.loc[df["date"].notna()]
    cols = ["month", "kpi", "objective", "value", "source"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    days = pd.to_datetime(df["date"]).dt.normalize()
    month = days.dt.to_period("M")
    per = pd.DataFrame({"month": month, "day": days, "impr": pd.to_numeric(df["impressions"], errors="coerce")})
    g = per.groupby("month").agg(value=("impr", "sum"), n=("day", "nunique"))
    g = g[g["n"] == g.index.days_in_month]  # whole months only
    return pd.DataFrame({"month": g.index.to_timestamp(), "kpi": "brand_searches", "objective": "",
                         "value": g["value"].astype(float).to_numpy(),
                         "source": f"Search Console ({Path(path).name})"}, columns=cols).reset_index(drop=True)


def find_kpi_input(case: Case) -> Path | None:
    """The case's KPI input file: case.yaml ``data.kpis``, else ``data/indicateurs-mensuels.csv|xlsx``."""
    named = getattr(case.config.data, "kpis", None)
    if named:
        p = case.path(named)
        if not p.exists():
            raise InputError("the KPI input file named in case.yaml does not exist", file=named,
                             hint="run `toolkit pilotage template CASE` to create it, or fix data.kpis")
        return p
    for name in DEFAULT_NAMES:
        p = case.path(name)
        if p.exists():
            return p
    return None


def find_orders(case: Case) -> list[tuple[Path, Any]]:
    """The shop's orders exports named in case.yaml ``data.files`` with ``use: orders``, with their entry."""
    out = []
    for key, m in case.config.data.files.items():
        if m.use != "orders":
            continue
        p = case.path(key)
        if not p.exists():
            raise InputError("the orders export named in case.yaml does not exist", file=key,
                             hint="copy the shop's orders export into data/, or fix its data.files entry")
        out.append((p, m))
    return out


def _add(base: pd.DataFrame | None, extra: pd.DataFrame) -> pd.DataFrame | None:
    """``base`` plus the rows of ``extra`` for a month, KPI and objective ``base`` does not hold
    (a figure the team typed wins over the same figure read from an export)."""
    if base is None or base.empty:
        return extra if len(extra) else base
    if extra.empty:
        return base
    typed = set(zip(base["month"], base["kpi"], base["objective"], strict=True))
    keep = [(m, k, o) not in typed for m, k, o in zip(extra["month"], extra["kpi"], extra["objective"], strict=True)]
    return pd.concat([base, extra.loc[keep]], ignore_index=True)


def load_kpi_input(case: Case) -> pd.DataFrame | None:
    """The case's back-office KPIs, or None when it has none: the KPI input file
    (:func:`read_kpi_input`), then the shop's orders exports (``data.files`` ``use: orders``:
    revenue and new customers, :func:`pilotage.readers.orders.read_orders_kpis`), then the
    Search Console brand searches — a figure typed in the KPI file wins over the same month's
    figure read from an export."""
    from pilotage.readers.orders import read_orders_kpis

    p = find_kpi_input(case)
    frame = None if p is None else read_kpi_input(p)
    seen_new: set[pd.Timestamp] = set()
    for path, m in find_orders(case):
        got = read_orders_kpis(path, objective=m.objective, products=m.products, vat_rate=m.vat_rate)
        # two exports of the same shop: count its new customers once (the first file named)
        new = got["kpi"] == "new_customers"
        dup = new & got["month"].isin(seen_new)
        seen_new |= set(got.loc[new, "month"])
        frame = _add(frame, got.loc[~dup].reset_index(drop=True))
    sc = getattr(case.config.data, "search_console", None)
    if not sc:
        return frame
    path = case.path(sc)
    if not path.exists():
        raise InputError("the Search Console export named in case.yaml does not exist", file=sc,
                         hint="export Performance → Dates with a query filter on your brand, or fix data.search_console")
    return _add(frame, read_search_console_dates(path))
