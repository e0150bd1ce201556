"""Actuals over time: rows covering several days spread over their days, spend per month.

Pure functions on the actuals table (:data:`pilotage.store.actuals.ACTUALS_COLUMNS`)::

    from pilotage.compute.periods import monthly_spend, spread_by_day
    monthly_spend(actuals)                  # spend per platform × campaign × month (€)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pilotage.store.actuals import METRIC_COLUMNS, normalise_actuals

__all__ = ["monthly_spend", "spread_by_day"]


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
