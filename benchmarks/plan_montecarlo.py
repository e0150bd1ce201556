"""Monte Carlo of a 50-action plan: 100,000 draws, vectorised, against a per-draw Python loop.

Target: 100,000 draws over 50 actions in under 1 s (median of 5 runs). The baseline is the
obvious implementation — one Python loop per draw and per action, stdlib ``random.triangular``
— timed on fewer draws in the same run and extrapolated linearly (labelled so in the table).
Run: ``python benchmarks/plan_montecarlo.py``.
"""

from __future__ import annotations

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


def median_time(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    inp = synthetic_plan()
    simulate(inp, 1_000)  # warm-up (imports, allocator)
    rows = []
    for dist in ("pert", "triangular"):
        t = median_time(lambda d=dist: simulate(inp, DRAWS, seed=1, distribution=d))
        rows.append((f"vectorised numpy, {dist}", DRAWS, t, "measured"))
    t_naive = median_time(lambda: naive_simulate(inp, NAIVE_DRAWS, seed=1), runs=3)
    rows.append(("per-draw Python loop, triangular", NAIVE_DRAWS, t_naive, "measured"))
    rows.append(("per-draw Python loop, triangular", DRAWS, t_naive * DRAWS / NAIVE_DRAWS,
                 f"extrapolated ×{DRAWS // NAIVE_DRAWS}"))
    print(f"Monte Carlo, {ACTIONS} actions (median of runs)")
    print(f"{'method':<36} {'draws':>9} {'seconds':>9}  note")
    print("-" * 72)
    for name, n, t, note in rows:
        print(f"{name:<36} {n:>9,} {t:>9.3f}  {note}")
    best = min(rows[0][2], rows[1][2])
    speedup = rows[3][2] / rows[0][2]
    print("-" * 72)
    print(f"PERT vectorised vs extrapolated loop: {speedup:,.0f}x faster; "
          f"target < {TARGET_S:.1f} s for {DRAWS:,} draws: {'met' if rows[0][2] < TARGET_S else 'NOT met'}"
          f" (best {best:.3f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
