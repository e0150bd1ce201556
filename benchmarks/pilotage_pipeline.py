"""Benchmark: pilotage import + budget variance (+ dashboard) on three years of daily data.

Generates, in a temporary case folder, 50 campaigns × 4 ad groups × 3 years of days
(≈ 219,000 rows) as **real-format export files**:

* Google Ads, French interface, default download (UTF-16 LE + BOM, tab, title and range
  lines, ``1 234,56`` numbers, ``Total :`` rows) — 15 campaigns;
* Meta Ads Manager, English (all headers quoted, ``Amount spent (EUR)``) — 15 campaigns;
* GA4, English (``#`` preamble, ``YYYYMMDD`` dates) — 10 campaigns × 4 sources;
* Brevo emailing as a French Excel re-save (``;``, cp1252, ``dd/mm/yyyy``) — 10 campaigns;

plus a plan of 50 actions × 36 months. Then times, in the same run:

* baseline: bare ``pandas.read_csv`` of the same files (format known in advance, no
  detection, totals rows left in) + one ``groupby`` of spend by campaign × month;
* ``pilotage.commands.import_exports`` (detection, parsing, dedupe, store);
* variance: actuals → actions × months (:func:`actual_costs_by_action_month`) and
  :func:`budget_variance`;
* ``pilotage.commands.build_dashboard`` (HTML only).

Usage: ``python benchmarks/pilotage_pipeline.py [--days 1096]``. Target: pipeline < 20 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NBSP = "\u00a0"


def _fr(values: np.ndarray, dec: int = 2) -> pd.Series:
    s = pd.Series(np.round(values, dec)).map(lambda x: f"{x:,.{dec}f}")
    return s.str.replace(",", NBSP, regex=False).str.replace(".", ",", regex=False)


def _grid(n_campaigns: int, groups: int, days: pd.DatetimeIndex, prefix: str) -> pd.DataFrame:
    camp = np.repeat([f"{prefix}_{i:02d}" for i in range(n_campaigns)], groups * len(days))
    grp = np.tile(np.repeat([f"grp_{g}" for g in range(groups)], len(days)), n_campaigns)
    day = np.tile(days.values, n_campaigns * groups)
    return pd.DataFrame({"day": day, "campaign": camp, "group": grp})


def generate(folder: Path, n_days: int, seed: int = 7) -> tuple[list[Path], pd.DataFrame]:
    rng = np.random.default_rng(seed)
    days = pd.date_range("2024-01-01", periods=n_days, freq="D")
    files: list[Path] = []

    g = _grid(15, 4, days, "GADS")
    n = len(g)
    spend = rng.gamma(4, 2.5, n)
    clicks = rng.poisson(25, n)
    impr = clicks * rng.integers(15, 40, n)
    gfr = pd.DataFrame({"Jour": g["day"].dt.strftime("%Y-%m-%d"), "Campagne": g["campaign"],
                        "Groupe d'annonces": g["group"], "Code de la devise": "EUR", "Coût": _fr(spend),
                        "Impr.": _fr(impr, 0), "Clics": clicks.astype(str), "Conversions": _fr(clicks * 0.04)})
    buf = io.StringIO()
    buf.write(f"Rapport sur les groupes d'annonces\n1 janvier 2024 - {days[-1].day} {days[-1].month_name()} {days[-1].year}\n")
    gfr.to_csv(buf, sep="\t", index=False)
    buf.write(f"Total : Groupes d'annonces\t --\t --\tEUR\t{_fr(np.array([spend.sum()]))[0]}\t\t\t\n")
    p = folder / "google_ads.csv"
    p.write_bytes(b"\xff\xfe" + buf.getvalue().encode("utf-16-le"))
    files.append(p)

    m = _grid(15, 4, days, "META")
    n = len(m)
    mspend = rng.gamma(3, 4.0, n)
    mimpr = rng.integers(800, 5000, n)
    meta = pd.DataFrame({"Reporting starts": m["day"].dt.strftime("%Y-%m-%d"),
                         "Reporting ends": m["day"].dt.strftime("%Y-%m-%d"), "Day": m["day"].dt.strftime("%Y-%m-%d"),
                         "Campaign name": m["campaign"], "Ad set name": m["group"], "Reach": (mimpr * 0.8).astype(int),
                         "Impressions": mimpr, "Amount spent (EUR)": np.round(mspend, 2),
                         "Link clicks": rng.poisson(12, n), "Purchases": rng.poisson(0.5, n)})
    p = folder / "meta.csv"
    meta.to_csv(p, index=False, quoting=1)
    files.append(p)

    a = _grid(10, 4, days, "GA4")
    n = len(a)
    ga = pd.DataFrame({"Date": a["day"].dt.strftime("%Y%m%d"), "Session campaign": a["campaign"],
                       "Session source / medium": a["group"], "Sessions": rng.poisson(40, n),
                       "Engaged sessions": rng.poisson(25, n), "Key events": rng.poisson(1, n)})
    buf = io.StringIO()
    buf.write(f"# Traffic acquisition\n#\n# Start date: {days[0]:%Y%m%d}\n# End date: {days[-1]:%Y%m%d}\n")
    ga.to_csv(buf, index=False)
    p = folder / "ga4.csv"
    p.write_text(buf.getvalue(), encoding="utf-8")
    files.append(p)

    e = _grid(10, 4, days, "MAIL")
    n = len(e)
    em = pd.DataFrame({"Date d'envoi": e["day"].dt.strftime("%d/%m/%Y"), "Plateforme": "Brevo",
                       "Campagne": e["campaign"], "Ensemble de publicités": e["group"],
                       "Dépense (EUR)": _fr(rng.gamma(2, 1.0, n)).str.replace(NBSP, " ", regex=False),
                       "Envois": rng.integers(100, 2000, n), "Ouvertures": rng.integers(20, 600, n),
                       "Clics": rng.poisson(15, n)})
    p = folder / "brevo.csv"
    p.write_bytes(em.to_csv(sep=";", index=False, lineterminator="\r\n").encode("cp1252"))
    files.append(p)

    # plan: one action per campaign, monthly budget ≈ expected spend ± 15 %
    months = pd.date_range(days[0], days[-1], freq="MS")
    rows = []
    for prefix, k, per_day, platform in (("GADS", 15, 4 * 10.0, "google_ads"), ("META", 15, 4 * 12.0, "meta"),
                                         ("MAIL", 10, 4 * 2.0, "emailing")):
        for i in range(k):
            for mo in months:
                rows.append((f"{prefix}{i:02d}", f"{prefix} {i}", platform, platform, f"{prefix}_{i:02d}", mo,
                             per_day * mo.days_in_month * rng.uniform(0.85, 1.15), "cost"))
    lines = pd.DataFrame(rows, columns=["action_id", "action", "channel", "platform", "campaigns", "month",
                                        "budget", "line_type"])
    return files, lines


def baseline(files: list[Path]) -> int:
    g = pd.read_csv(files[0], sep="\t", encoding="utf-16", skiprows=2, thousands=NBSP, decimal=",")
    m = pd.read_csv(files[1])
    a = pd.read_csv(files[2], comment="#")
    e = pd.read_csv(files[3], sep=";", encoding="cp1252", decimal=",", thousands=" ")
    frames = [g.rename(columns={"Jour": "d", "Campagne": "c", "Coût": "s"})[["d", "c", "s"]],
              m.rename(columns={"Day": "d", "Campaign name": "c", "Amount spent (EUR)": "s"})[["d", "c", "s"]],
              e.rename(columns={"Date d'envoi": "d", "Campagne": "c", "Dépense (EUR)": "s"})[["d", "c", "s"]]]
    allf = pd.concat(frames)
    allf["s"] = pd.to_numeric(allf["s"], errors="coerce")
    allf["m"] = allf["d"].astype(str).str.slice(-7)
    allf.groupby(["c", "m"])["s"].sum()
    return len(g) + len(m) + len(a) + len(e)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=1096)
    args = ap.parse_args()
    from pilotage.commands import import_exports
    from pilotage.compute.variance import actual_costs_by_action_month, budget_variance
    from pilotage.store.actuals import load_actuals
    from toolkit.case import load_case

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "case"
        (root / "data").mkdir(parents=True)
        (root / "case.yaml").write_text("version: 1\nclient:\n  name: Bench\n", encoding="utf-8")
        t0 = time.perf_counter()
        files, lines = generate(root / "data", args.days)
        t_gen = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in files)

        t0 = time.perf_counter()
        n_base = baseline(files)
        t_base = time.perf_counter() - t0

        case = load_case(root)
        timings: list[tuple[str, float]] = []
        t0 = time.perf_counter()
        summary = import_exports(case, [str(f) for f in files])
        timings.append(("import (4 files: detect, parse, dedupe, store)", time.perf_counter() - t0))
        t0 = time.perf_counter()
        actuals = load_actuals(case)
        costs = actual_costs_by_action_month(actuals, lines)
        var = budget_variance(lines, costs, report_date=dt.date.fromisoformat(str(actuals["date"].max().date())))
        timings.append(("load actuals + variance (50 actions × 36 months)", time.perf_counter() - t0))
        from pilotage.commands import build_dashboard

        t0 = time.perf_counter()
        paths = build_dashboard(case, root / "out", ("html",), "fr", actuals=actuals, variance=var)
        timings.append(("dashboard (HTML)", time.perf_counter() - t0))
        html = [p for p in paths if p.suffix == ".html"]
        dash_size = html[0].stat().st_size if html else None

        total = sum(t for _, t in timings)
        print(f"Generated {summary.total_rows:,} actuals rows from {len(files)} files "
              f"({size / 1e6:.1f} MB) in {t_gen:.1f} s; exceptions flagged: {len(var.exceptions)}")
        print()
        print(f"{'step':<52} {'seconds':>8}")
        print(f"{'-' * 52} {'-' * 8}")
        print(f"{'baseline: bare pandas.read_csv ×4 + groupby':<52} {t_base:>8.2f}")
        for name, t in timings:
            print(f"{name:<52} {t:>8.2f}")
        print(f"{'pipeline total (target < 20 s)':<52} {total:>8.2f}")
        print(f"{'ratio pipeline / baseline':<52} {total / t_base:>8.1f}")
        if dash_size is not None:
            print(f"{'dashboard HTML size (MB, target < 3)':<52} {dash_size / 1e6:>8.2f}")
        assert summary.total_rows == n_base - 1, (summary.total_rows, n_base)  # the Total row is removed


if __name__ == "__main__":
    main()
