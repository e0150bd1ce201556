"""Benchmark: ``toolkit.io.read_table`` / ``iter_table`` vs bare ``pandas.read_csv`` on a French CSV.

Generates a 1,000,000-row × 12-column file the way a French Excel re-save writes it
(``;`` separator, decimal comma, ``dd/mm/yyyy`` dates, UTF-8), then reads it
three ways, each in a fresh subprocess (so peak memory is not polluted by the others):

* baseline: ``pandas.read_csv(path, sep=";", decimal=",")`` — no detection, dates left as text;
* ``read_table(path)`` — everything detected, dates parsed, numbers typed, report built;
* ``read_table`` on the same table written as a formatted spreadsheet export
  (``1 234,56 €`` with narrow no-break spaces, ``12,5 %``): the checked string path;
* ``iter_table(path, chunksize=100_000)`` — same, streamed; frames dropped as they come.

Prints seconds, rows per second and peak resident memory (``resource.ru_maxrss``, which
includes the ~100 MB of the Python + pandas interpreter itself).

Usage: ``python benchmarks/io_read.py [--rows 1000000]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RUNNERS = {
    "pandas.read_csv (baseline)": """
import pandas as pd
df = pd.read_csv(PATH, sep=";", decimal=",")
rows = len(df)
""",
    "read_table": """
from toolkit.io import read_table
t = read_table(PATH)
rows = len(t.frame)
assert str(t.frame["date"].dtype).startswith("datetime64"), t.frame.dtypes
assert t.frame["cout"].dtype == "float64", t.frame.dtypes
""",
    "read_table, formatted (1 234,56 €)": """
from toolkit.io import read_table
t = read_table(PATH.replace("export_fr.csv", "export_fr_formate.csv"))
rows = len(t.frame)
assert t.frame["cout"].dtype == "float64" and t.frame["ctr"].max() <= 1, t.frame.dtypes
""",
    "iter_table (chunks of 100 000)": """
from toolkit.io import iter_table
it = iter_table(PATH, chunksize=100_000)
rows = 0
for chunk in it:
    rows += len(chunk)
""",
}


def generate(path: Path, n: int) -> None:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(7)
    calendar = pd.date_range("2023-01-01", periods=730, freq="D").strftime("%d/%m/%Y").to_numpy()
    impressions = rng.integers(100, 50_000, n)
    clicks = (impressions * rng.uniform(0.005, 0.08, n)).astype(int)
    cost = np.round(clicks * rng.uniform(0.2, 2.5, n), 2)
    conversions = (clicks * rng.uniform(0, 0.1, n)).astype(int)
    frame = pd.DataFrame(
        {
            "date": calendar[rng.integers(0, 730, n)],
            "campagne": rng.choice(["Printemps", "Soldes été", "Noël", "Fête des pères", "Marque"], n),
            "canal": rng.choice(["Google Ads", "Meta", "LinkedIn", "Bing"], n),
            "region": rng.choice(["Auvergne-Rhône-Alpes", "Île-de-France", "Bretagne", "Occitanie"], n),
            "impressions": impressions,
            "clics": clicks,
            "cout": cost,
            "cpc": np.round(cost / np.maximum(clicks, 1), 2),
            "ctr": np.round(clicks / impressions, 4),
            "conversions": conversions,
            "chiffre_affaires": np.round(conversions * rng.uniform(20, 120, n), 2),
            "taux_conversion": np.round(conversions / np.maximum(clicks, 1), 4),
        }
    )
    # to_csv(decimal=",") is slow; no text column holds a "." so swapping afterwards is exact.
    text = frame.to_csv(sep=";", index=False).replace(".", ",")
    path.write_text(text, encoding="utf-8")
    # The same table as a formatted French spreadsheet export: "1 234,56 €", "12,5 %".
    nnbsp = "\u202f"
    for col in ("cout", "chiffre_affaires", "cpc"):
        frame[col] = [f"{v:,.2f}".replace(",", nnbsp).replace(".", ",") + "\u00a0€" for v in frame[col]]
    for col in ("ctr", "taux_conversion"):
        frame[col] = [f"{v * 100:.2f}".replace(".", ",") + "\u00a0%" for v in frame[col]]
    formatted = path.with_name("export_fr_formate.csv")
    formatted.write_text(frame.to_csv(sep=";", index=False), encoding="utf-8")


def run_one(code: str, path: Path) -> dict:
    script = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
PATH = {str(path)!r}
t0 = time.perf_counter()
{code}
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": elapsed, "rows": rows, "peak_mb": peak}}))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.rows)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export_fr.csv"
        t0 = time.perf_counter()
        # In a subprocess: Linux keeps ru_maxrss across exec, so the parent must stay small.
        subprocess.run(
            [sys.executable, __file__, "--generate", str(path), "--rows", str(args.rows)], check=True
        )
        size_mb = path.stat().st_size / 1e6
        print(f"file: {args.rows:,} rows × 12 columns, {size_mb:.0f} MB (generated in {time.perf_counter() - t0:.1f} s)")
        results = {name: run_one(code, path) for name, code in RUNNERS.items()}
    base = results["pandas.read_csv (baseline)"]["seconds"]
    print(f"{'reader':<36} {'seconds':>8} {'rows/s':>12} {'× baseline':>11} {'peak RSS MB':>12}")
    for name, r in results.items():
        print(
            f"{name:<36} {r['seconds']:>8.2f} {r['rows'] / r['seconds']:>12,.0f} "
            f"{r['seconds'] / base:>11.2f} {r['peak_mb']:>12.0f}"
        )


if __name__ == "__main__":
    main()
