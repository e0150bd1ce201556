"""Monte Carlo: seeded, vectorised, right moments, P10/P50/P90 and probability of loss."""

from __future__ import annotations

import numpy as np
import pytest

from plan.montecarlo import (
    PARAMS,
    MonteCarloInputs,
    pert_mean,
    quantile_tables,
    sample_three_point,
    simulate,
)


def _inputs(n_actions: int = 3, spread: float = 0.5, cost: float = 3000.0, margin: float = 0.5) -> MonteCarloInputs:
    params = {p: np.full((n_actions, 3), np.nan) for p in PARAMS}
    params["volume"][:] = [1000 * (1 - spread), 1000, 1000 * (1 + spread)]
    params["conversion_rate"][:] = [0.05, 0.05, 0.05]
    params["average_order_value"][:] = [40.0, 40.0, 40.0]
    return MonteCarloInputs(tuple(f"A{i}" for i in range(n_actions)), np.full(n_actions, 2), np.zeros(n_actions),
                            params, cost, margin)


def test_pert_samples_have_the_pmbok_mean_and_bounds():
    rng = np.random.default_rng(1)
    x = sample_three_point(np.array([2.0, 10.0]), np.array([3.0, 12.0]), np.array([9.0, 30.0]), 200_000, rng, "pert")
    assert x.min() >= 2.0 and x[:, 0].max() <= 9.0
    assert x[:, 0].mean() == pytest.approx(pert_mean(2, 3, 9), rel=0.01)
    assert x[:, 1].mean() == pytest.approx(pert_mean(10, 12, 30), rel=0.01)


def test_triangular_mean_and_median():
    rng = np.random.default_rng(2)
    x = sample_three_point(np.array([0.0]), np.array([0.0]), np.array([1.0]), 200_000, rng, "triangular")[:, 0]
    assert x.mean() == pytest.approx(1 / 3, rel=0.01)
    # median of triangular(0, 0, 1) is 1 − 1/√2
    assert np.median(x) == pytest.approx(1 - 1 / np.sqrt(2), rel=0.01)


def test_quantile_table_endpoints_and_monotone():
    # PERT(1, 2, 5) is 1 + 4 × Beta(2, 4), whose CDF is 1 − (1 − x)^5 − 5x(1 − x)^4
    q = quantile_tables(np.array([1.0]), np.array([2.0]), np.array([5.0]), "pert")
    g = q.shape[1]
    assert 1.0 <= q[0, 0] and q[0, -1] <= 5.0
    assert np.all(np.diff(q[0]) >= 0)
    for i in (g // 10, g // 2, 9 * g // 10):
        x = (q[0, i] - 1.0) / 4.0
        cdf = 1 - (1 - x) ** 5 - 5 * x * (1 - x) ** 4
        assert cdf == pytest.approx((i + 0.5) / g, abs=1e-3)


def test_seeded_runs_are_reproducible_and_seeds_differ():
    inp = _inputs()
    a = simulate(inp, 5000, seed=7)
    b = simulate(inp, 5000, seed=7)
    c = simulate(inp, 5000, seed=8)
    assert np.array_equal(a.revenue, b.revenue)
    assert not np.array_equal(a.revenue, c.revenue)


def test_degenerate_ranges_give_the_deterministic_result():
    inp = _inputs(spread=0.0)
    r = simulate(inp, 2000, seed=1)
    # 3 actions × 1000 visits × 5 % × 40 € = 6 000 €
    assert np.allclose(r.revenue, 6000.0)
    s = r.summary.set_index("metric")
    assert s.loc["revenue", "p10"] == pytest.approx(6000.0) and s.loc["roas", "p50"] == pytest.approx(2.0)
    assert r.prob_loss == 0.0  # margin 3 000 € = cost 3 000 €: not a loss


def test_probability_of_loss_matches_the_share_of_losing_draws():
    inp = _inputs(spread=0.5, cost=3000.0)
    r = simulate(inp, 20_000, seed=3, distribution="triangular")
    expected = float(np.mean(r.revenue * 0.5 < 3000.0))
    assert r.prob_loss == pytest.approx(expected)
    assert 0.2 < r.prob_loss < 0.8  # symmetric ranges around break-even
    s = r.summary.set_index("metric")
    assert s.loc["revenue", "p10"] < s.loc["revenue", "p50"] < s.loc["revenue", "p90"]
    assert len(r.by_action) == 3


def test_chunking_does_not_change_the_totals_distribution():
    inp = _inputs(spread=0.3)
    a = simulate(inp, 10_000, seed=5, chunk=1000)
    b = simulate(inp, 10_000, seed=5, chunk=4096)
    assert np.mean(a.revenue) == pytest.approx(np.mean(b.revenue), rel=0.01)


def test_cpm_and_cpc_bases_in_simulation():
    params = {p: np.full((2, 3), np.nan) for p in PARAMS}
    params["cpm"][0] = [5.0, 5.0, 5.0]
    params["ctr"][0] = [0.01, 0.01, 0.01]
    params["cpc"][1] = [0.5, 0.5, 0.5]
    params["conversion_rate"][:] = [0.02, 0.02, 0.02]
    params["average_order_value"][:] = [40.0, 40.0, 40.0]
    inp = MonteCarloInputs(("A", "B"), np.array([0, 1]), np.array([5000.0, 1000.0]), params, 6000.0, 0.5)
    r = simulate(inp, 100, seed=0)
    # A: 1 000 000 impressions → 10 000 clicks → 200 conv → 8 000 €; B: 2 000 clicks → 40 → 1 600 €
    assert np.allclose(r.revenue, 9600.0)
