"""Monte Carlo of a 50-action plan: 100,000 draws, vectorised, against a per-draw Python loop.

Target: 100,000 draws over 50 actions in under 1 s (median of 5 runs). The baseline is the
obvious implementation — one Python loop per draw and per action, stdlib ``random.triangular``
— timed on fewer draws in the same run and extrapolated linearly (labelled so in the table).
Run: ``python benchmarks/plan_montecarlo.py``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plan.montecarlo import PARAMS, MonteCarloInputs, naive_simulate, simulate

ACTIONS = 50
DRAWS = 100_000
NAIVE_DRAWS = 2_000
TARGET_S = 1.0


def synthetic_plan(n: int = ACTIONS, seed: int = 0) -> MonteCarloInputs:
    """50 actions, a third each on CPM, CPC and volume bases; every parameter uncertain."""
    rng = np.random.default_rng(seed)
    basis = np.arange(n) % 3
    params = {p: np.full((n, 3), np.nan) for p in PARAMS}

    def tri(lo: np.ndarray, spread: float) -> np.ndarray:
        return np.stack([lo, lo * (1 + spread / 2), lo * (1 + spread)], axis=1)

    params["cpm"][basis == 0] = tri(rng.uniform(3, 8, (basis == 0).sum()), 0.6)
    params["ctr"][basis != 1] = tri(rng.uniform(0.004, 0.02, (basis != 1).sum()), 0.8)
    params["cpc"][basis == 1] = tri(rng.uniform(0.4, 2.0, (basis == 1).sum()), 0.6)
    params["volume"][basis == 2] = tri(rng.uniform(1_000, 100_000, (basis == 2).sum()), 1.0)
    params["conversion_rate"][:] = tri(rng.uniform(0.005, 0.04, n), 1.0)
    params["average_order_value"][:] = tri(rng.uniform(30, 60, n), 0.3)
    media = np.where(basis == 2, 0.0, rng.uniform(500, 5_000, n))
    return MonteCarloInputs(tuple(f"A{i + 1}" for i in range(n)), basis, media, params, 60_000.0, 0.55)


def median_time(fn, runs: int = 5) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (CPU time is what the process used: on a shared,
    loaded machine the wall clock also counts the time other jobs held the cores)."""
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    inp = synthetic_plan()
    simulate(inp, 1_000)  # warm-up (imports, allocator)
    rows = []
    for dist in ("pert", "triangular"):
        w, c = median_time(lambda d=dist: simulate(inp, DRAWS, seed=1, distribution=d))
        rows.append((f"vectorised numpy, {dist}", DRAWS, w, c, "measured"))
    w, c = median_time(lambda: naive_simulate(inp, NAIVE_DRAWS, seed=1), runs=3)
    k = DRAWS / NAIVE_DRAWS
    rows.append(("per-draw Python loop, triangular", NAIVE_DRAWS, w, c, "measured"))
    rows.append(("per-draw Python loop, triangular", DRAWS, w * k, c * k, f"extrapolated ×{k:.0f}"))
    print(f"Monte Carlo, {ACTIONS} actions (median of runs; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"{'method':<36} {'draws':>9} {'wall s':>8} {'CPU s':>8}  note")
    print("-" * 76)
    for name, n, wall, cpu, note in rows:
        print(f"{name:<36} {n:>9,} {wall:>8.3f} {cpu:>8.3f}  {note}")
    print("-" * 76)
    print(f"PERT vectorised vs extrapolated loop: {rows[3][2] / rows[0][2]:,.0f}x faster (wall); "
          f"target < {TARGET_S:.1f} s for {DRAWS:,} draws: wall {'met' if rows[0][2] < TARGET_S else 'NOT met'}, "
          f"CPU {'met' if rows[0][3] < TARGET_S else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
