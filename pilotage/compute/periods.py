"""Actuals over time: rows covering several days spread over their days, spend per month.

Pure functions on the actuals table (:data:`pilotage.store.actuals.ACTUALS_COLUMNS`)::

    from pilotage.compute.periods import monthly_spend, spread_by_day
    monthly_spend(actuals)                  # spend per platform × campaign × month (€)
"""

from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from pilotage.store.actuals import METRIC_COLUMNS, normalise_actuals

__all__ = ["actuals_as_of", "monthly_spend", "spread_by_day"]


def spread_by_day(actuals: pd.DataFrame, columns: tuple[str, ...] = METRIC_COLUMNS) -> pd.DataFrame:
    """Rows covering several days spread evenly over their days (daily rows unchanged).

    A Meta export of March as one row becomes 31 daily rows of 1/31 each, so that monthly
    totals and pacing are right when periods straddle months. Metrics are prorated by day.
    """
    df = normalise_actuals(actuals)
    days = (df["period_end"] - df["date"]).dt.days.fillna(0).clip(lower=0).astype(int) + 1
    multi = days > 1
    if not multi.any():
        return df
    single = df.loc[~multi]
    m = df.loc[multi]
    reps = days[multi].to_numpy()
    exploded = m.loc[m.index.repeat(reps)].copy()
    offsets = np.concatenate([np.arange(n) for n in reps])
    exploded["date"] = exploded["date"].to_numpy() + offsets.astype("timedelta64[D]")
    exploded["period_end"] = exploded["date"]
    factor = np.repeat(1.0 / reps, reps)
    for c in columns:
        exploded[c] = exploded[c].to_numpy() * factor
    return pd.concat([single, exploded], ignore_index=True)


def monthly_spend(actuals: pd.DataFrame, by: tuple[str, ...] = ("platform", "campaign")) -> pd.DataFrame:
    """Spend (€) per ``by`` × month, periods prorated by day; ``month`` is the month start."""
    daily = spread_by_day(actuals, ("spend",))
    daily = daily.loc[daily["spend"].notna()]
    month = daily["date"].dt.to_period("M").dt.to_timestamp()
    grouped = daily.assign(month=month).groupby([*by, "month"], as_index=False, sort=True)["spend"].sum()
    return grouped


def actuals_as_of(actuals: pd.DataFrame, report_date: _dt.date | None = None
                  ) -> tuple[pd.DataFrame, _dt.date | None, int]:
    """The actuals as every pilotage deliverable reads them — one rule for the dashboard and the
    bilan, so that both put a figure in the same month: rows covering several days spread over
    their days (:func:`spread_by_day`: a Meta export of 20 May → 19 June gives May its 12 days and
    June its 19), days after the report date left out.

    ``report_date`` defaults to the last day the actuals cover (``period_end``, else ``date``).
    Returns ``(daily rows, report date, rows starting after the report date)``.
    """
    if actuals is None or len(actuals) == 0:
        return actuals, report_date, 0
    start = pd.to_datetime(actuals["date"], errors="coerce")
    if report_date is None:
        end = pd.to_datetime(actuals["period_end"], errors="coerce") if "period_end" in actuals.columns else start
        last = end.fillna(start).max()
        report_date = last.date() if pd.notna(last) else None
    if report_date is None:
        return actuals, None, 0
    later = start > pd.Timestamp(report_date)
    kept = actuals.loc[~later]
    daily = kept
    if "period_end" in kept.columns and len(kept):
        span = (pd.to_datetime(kept["period_end"], errors="coerce") - pd.to_datetime(kept["date"], errors="coerce"))
        if bool((span.dt.days > 0).any()):
            daily = spread_by_day(kept)
    if len(daily):
        daily = daily.loc[pd.to_datetime(daily["date"]) <= pd.Timestamp(report_date)]
    return daily, report_date, int(later.sum())
