"""Benchmark: the KPI dashboard from ~220,000 rows of actuals, against a plain groupby.

Three years of daily data (2025-01-01 → 2027-12-31) for 50 campaigns on each of 4 platforms
(219,200 rows, generated with a fixed seed), then:

* baseline — a plain ``groupby`` of the same frame per campaign × week (the least any
  dashboard has to do);
* compute — :func:`pilotage.compute.dashboard.compute_dashboard` (weekly / monthly KPIs as ratios of
  sums, alerts);
* html — the self-contained page (data embedded per week × campaign) and its size;
* xlsx — the tracking workbook with live formulas;
* png — the charts of the document (matplotlib).

Run: ``python benchmarks/pilotage_dashboard.py`` (target: seconds, HTML < 3 MB).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pilotage.compute.dashboard import compute_dashboard
from pilotage.render.dashboard_html import dashboard_html
from pilotage.render.tracking_xlsx import write_tracking_workbook
from pilotage.reports.dashboard import dashboard_document

PLATFORMS = ("google_ads", "meta", "emailing", "ga4")


def generate(n_campaigns: int = 50, seed: int = 2027) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2025-01-01", "2027-12-31", freq="D")
    n_days = len(dates)
    frames = []
    for p in PLATFORMS:
        for c in range(n_campaigns):
            season = 1 + 0.3 * np.sin(np.arange(n_days) * 2 * np.pi / 365 + c)
            imp = rng.poisson(1500 * season).astype(float)
            clicks = rng.binomial(imp.astype(int), 0.01 + 0.02 * rng.random()).astype(float)
            conv = rng.binomial(clicks.astype(int), 0.04).astype(float)
            frames.append(pd.DataFrame({
                "date": dates, "period_end": dates, "platform": p, "campaign": f"{p}-campagne-{c:02d}",
                "spend": np.round(clicks * rng.uniform(0.3, 1.5), 2), "impressions": imp,
                "reach": np.floor(imp / 1.7), "clicks": clicks, "conversions": conv,
                "conversion_value": np.round(conv * 34.0, 2), "engagements": np.floor(imp * 0.015),
                "sessions": np.floor(clicks * 0.9), "engaged_sessions": np.floor(clicks * 0.55)}))
    return pd.concat(frames, ignore_index=True)


def main() -> None:
    t = time.perf_counter()
    actuals = generate()
    gen = time.perf_counter() - t
    rows: list[tuple[str, float, str]] = [("generate the frame (not counted)", gen, f"{len(actuals):,} rows")]

    t = time.perf_counter()
    week = actuals["date"] - pd.to_timedelta(actuals["date"].dt.day_of_week, unit="D")
    base = actuals.assign(week=week).groupby(["platform", "campaign", "week"])[
        ["spend", "impressions", "clicks", "conversions"]].sum()
    baseline = time.perf_counter() - t
    rows.append(("baseline: plain groupby per campaign × week", baseline, f"{len(base):,} groups"))

    t = time.perf_counter()
    data = compute_dashboard(actuals, lang="fr", client="Benchmark")
    compute = time.perf_counter() - t
    rows.append(("compute_dashboard (KPIs, alerts)", compute, f"{len(data.weekly):,} weekly rows, {len(data.alerts)} alerts"))

    t = time.perf_counter()
    html = dashboard_html(data, "fr")
    t_html = time.perf_counter() - t
    size = len(html.encode("utf-8"))
    rows.append(("dashboard_html (self-contained page)", t_html, f"{size / 1e6:.2f} MB"))

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        path = write_tracking_workbook(Path(tmp) / "suivi.xlsx", data, "fr")
        t_xlsx = time.perf_counter() - t
        rows.append(("tracking workbook (live formulas)", t_xlsx, f"{path.stat().st_size / 1e6:.2f} MB"))

    t = time.perf_counter()
    doc = dashboard_document(data, "fr", figures=True)
    t_png = time.perf_counter() - t
    rows.append(("document + PNG charts", t_png, f"{len(doc.sections)} sections"))

    total = compute + t_html + t_xlsx + t_png
    rows.append(("dashboard total (compute + html + xlsx + png)", total,
                 f"{total / baseline:.0f}× the baseline groupby"))
    width = max(len(r[0]) for r in rows)
    print(f"{'step'.ljust(width)}  {'seconds':>8}  notes")
    print("-" * (width + 40))
    for name, sec, note in rows:
        print(f"{name.ljust(width)}  {sec:8.2f}  {note}")
    print(f"\nHTML size {size / 1e6:.2f} MB (target < 3 MB): {'OK' if size < 3e6 else 'TOO BIG'}")


if __name__ == "__main__":
    main()
