"""Benchmark: what de-duplication costs when importing into a full actuals store.

A store of 50 campaigns × 4 ad groups × 3 years of days (≈ 219,000 rows) receives, in the
same run:

* baseline: the former rule — replace stored rows with the same key (``MultiIndex.isin``
  + ``concat``), nothing else;
* ``merge_actuals`` re-importing the same rows (exact keys);
* ``merge_actuals`` with monthly rows over the daily ones (period overlap);
* ``merge_actuals`` with a re-import lacking the spend column (stored values kept).

Usage: ``python benchmarks/pilotage_dedup.py [--days 1096]``. Target: each merge < 3× baseline.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def store(days: int) -> pd.DataFrame:
    from pilotage.store.actuals import normalise_actuals

    dates = pd.date_range("2025-01-01", periods=days).values
    n_c, n_g = 50, 4
    d = np.repeat(dates, n_c * n_g)
    return normalise_actuals(pd.DataFrame({
        "date": d, "period_end": d, "platform": "meta",
        "campaign": np.tile(np.repeat([f"C{i}" for i in range(n_c)], n_g), len(dates)),
        "ad_group": np.tile([f"G{j}" for j in range(n_g)], len(dates) * n_c),
        "spend": 1.0, "impressions": 100.0, "source_file": "daily.csv"}))


def baseline(existing: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    from pilotage.store.actuals import KEY_COLUMNS

    keys = list(KEY_COLUMNS)
    clash = pd.MultiIndex.from_frame(existing[keys]).isin(pd.MultiIndex.from_frame(new[keys].drop_duplicates()))
    return pd.concat([existing.loc[~clash], new], ignore_index=True)


def timed(fn, *args) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def main() -> None:
    from pilotage.store.actuals import merge_actuals, normalise_actuals

    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=1096)
    days = ap.parse_args().days
    old = store(days)
    same = old.assign(source_file="daily-resaved.csv")
    months = old.assign(month=old["date"].dt.to_period("M")).groupby(
        ["month", "platform", "campaign", "ad_group"], as_index=False)[["spend", "impressions"]].sum()
    monthly = normalise_actuals(months.assign(date=months["month"].dt.start_time, period_end=months["month"].dt.end_time,
                                              source_file="monthly.csv").drop(columns="month"))
    no_spend = same.assign(spend=np.nan)
    rows = [("baseline: replace same keys (former rule)", *timed(baseline, old, same)[:1], len(same))]
    for label, new in (("merge_actuals: same rows re-imported", same),
                       ("merge_actuals: monthly rows over daily rows", monthly),
                       ("merge_actuals: re-import without spend (kept)", no_spend)):
        seconds, result = timed(merge_actuals, old, new)
        rows.append((label, seconds, result.replaced))  # type: ignore[attr-defined]
    print(f"store: {len(old):,} rows\n")
    print(f"{'step':<50} {'seconds':>8} {'× baseline':>11} {'rows replaced':>14}")
    print(f"{'-' * 50} {'-' * 8} {'-' * 11} {'-' * 14}")
    base = rows[0][1]
    for label, seconds, replaced in rows:
        print(f"{label:<50} {seconds:>8.2f} {seconds / base:>11.1f} {replaced:>14,}")


if __name__ == "__main__":
    main()
