"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan.allocation import HillCurve, optimal_split
from plan.budget import spread_by_month

dates = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2029, 12, 31))


@given(dates, st.integers(min_value=0, max_value=800), st.floats(min_value=0, max_value=1e6),
       st.sampled_from(["spread", "start", "end"]))
@settings(max_examples=150, deadline=None)
def test_month_spread_keeps_the_amount_and_stays_in_the_window(start, days, amount, timing):
    end = start + dt.timedelta(days=days)
    out = spread_by_month(start, end, amount, timing)
    assert sum(out.values()) == pytest.approx(amount, rel=1e-9, abs=1e-6)
    assert all(start.replace(day=1) <= m <= end for m in out)
    assert all(v >= 0 for v in out.values())


@given(st.floats(min_value=3000, max_value=40000),
       st.lists(st.tuples(st.floats(1000, 100000), st.floats(500, 20000), st.floats(0.3, 1.0)), min_size=2, max_size=4))
@settings(max_examples=60, deadline=None)
def test_optimal_split_spends_the_budget_within_bounds(budget, params):
    curves = [HillCurve(f"c{i}", r, s, k, 500.0, 30000.0) for i, (r, s, k) in enumerate(params)]
    if budget < 500 * len(curves) or budget > 30000 * len(curves):
        return
    a = optimal_split(curves, budget)
    assert sum(a.spend) == pytest.approx(budget, rel=1e-4)
    assert all(499.99 <= s <= 30000.01 for s in a.spend)
    # no single transfer of 1 % of the budget between two channels improves revenue
    step = budget * 0.01
    best = a.total_revenue
    for i in range(len(curves)):
        for j in range(len(curves)):
            if i == j or a.spend[i] - step < 500 or a.spend[j] + step > 30000:
                continue
            moved = list(a.spend)
            moved[i] -= step
            moved[j] += step
            assert sum(float(c.response(s)) for c, s in zip(curves, moved, strict=True)) <= best * (1 + 1e-6)
