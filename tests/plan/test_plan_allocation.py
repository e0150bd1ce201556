"""Allocation: equal marginal return, bounds, grid-search agreement, target-ROAS budget."""

from __future__ import annotations

import numpy as np
import pytest

from plan.allocation import (
    HillCurve,
    budget_for_target_roas,
    calibrate,
    grid_search,
    optimal_split,
    profit_maximising_budget,
)
from toolkit.errors import ComputeError


def _curves() -> list[HillCurve]:
    return [HillCurve("search", 40000, 6000, 1.0, 1000, 15000),
            HillCurve("social", 60000, 12000, 1.0, 1000, 20000),
            HillCurve("influence", 15000, 4000, 0.7, 500, 8000)]


def test_calibration_passes_through_the_planned_point():
    c = calibrate("x", 5000, 10000, 5000, 1.0)
    assert c.response(5000) == pytest.approx(10000)
    assert c.r_max == pytest.approx(20000)  # Michaelis-Menten: half of R_max at S


def test_two_identical_channels_split_evenly():
    c = [HillCurve("a", 10000, 3000), HillCurve("b", 10000, 3000)]
    a = optimal_split(c, 8000)
    assert a.spend[0] == pytest.approx(4000, rel=1e-4) and a.spend[1] == pytest.approx(4000, rel=1e-4)


def test_equal_marginal_return_for_unconstrained_channels():
    a = optimal_split(_curves(), 20000)
    assert sum(a.spend) == pytest.approx(20000, rel=1e-6)
    margs = [c.marginal(s) for c, s in zip(_curves(), a.spend, strict=True)
             if c.min + 1 < s < (c.max or 1e12) - 1]
    assert len(margs) >= 2
    assert max(margs) == pytest.approx(min(margs), rel=1e-3)


def test_bounds_are_respected_and_infeasible_budgets_fail():
    a = optimal_split(_curves(), 42000)
    for c, s in zip(_curves(), a.spend, strict=True):
        assert c.min - 1e-6 <= s <= c.max + 1e-6
    with pytest.raises(ComputeError):
        optimal_split(_curves(), 1000)
    with pytest.raises(ComputeError):
        optimal_split(_curves(), 100000)


def test_optimum_within_one_percent_of_grid_search():
    curves = _curves()
    opt = optimal_split(curves, 25000)
    grid = grid_search(curves, 25000, step=250)
    assert opt.total_revenue >= grid.total_revenue * 0.99
    assert opt.total_revenue <= grid.total_revenue * 1.01 + 1e-6


def test_budget_for_target_roas_reaches_the_target():
    curves = _curves()
    a = budget_for_target_roas(curves, 2.5)
    assert a is not None
    assert a.roas == pytest.approx(2.5, rel=0.01)
    # more budget than that falls below the target
    assert optimal_split(curves, a.budget * 1.1).roas < 2.5
    assert budget_for_target_roas(curves, 1000.0) is None


def test_profit_maximising_budget_has_marginal_roas_at_break_even():
    curves = [HillCurve("a", 10000, 3000), HillCurve("b", 20000, 5000)]
    a = profit_maximising_budget(curves, 0.5)
    for c, s in zip(curves, a.spend, strict=True):
        assert c.marginal(s) == pytest.approx(2.0, rel=1e-6)
    assert np.isclose(a.budget, sum(a.spend))
