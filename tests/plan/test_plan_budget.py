"""Budget: month spread pro rata of days, totals, contingency, envelope, shares."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from plan.budget import spread_by_month, summarize_budget
from toolkit.errors import ComputeError


def test_spread_pro_rata_of_days_worked_example():
    # 15 March → 14 April 2027 = 31 days: 17 in March, 14 in April
    out = spread_by_month(dt.date(2027, 3, 15), dt.date(2027, 4, 14), 3100.0)
    assert out == {dt.date(2027, 3, 1): pytest.approx(1700.0), dt.date(2027, 4, 1): pytest.approx(1400.0)}


def test_spread_over_year_end_and_timing():
    out = spread_by_month(dt.date(2026, 12, 1), dt.date(2027, 1, 31), 620.0)
    assert out[dt.date(2026, 12, 1)] == pytest.approx(310.0)
    assert out[dt.date(2027, 1, 1)] == pytest.approx(310.0)
    assert spread_by_month(dt.date(2027, 3, 15), dt.date(2027, 5, 2), 900, "start") == {dt.date(2027, 3, 1): 900.0}
    assert spread_by_month(dt.date(2027, 3, 15), dt.date(2027, 5, 2), 900, "end") == {dt.date(2027, 5, 1): 900.0}
    with pytest.raises(ComputeError):
        spread_by_month(dt.date(2027, 3, 15), dt.date(2027, 3, 1), 1)


def _lines() -> tuple[pd.DataFrame, pd.DataFrame]:
    lines = pd.DataFrame({
        "action_id": ["A1", "A1", "A2"], "action": ["x", "x", "y"], "channel": ["search", "search", "email"],
        "component": ["media", "fees", "creative"], "amount": [6000.0, 1000.0, 3000.0],
        "source": ["benchmark", "quote", "quote"],
    })
    monthly = pd.DataFrame({"channel": ["search", "email"], "month": pd.to_datetime(["2027-01-01", "2027-02-01"]),
                            "budget": [7000.0, 3000.0]})
    return lines, monthly


def test_summary_contingency_envelope_and_shares():
    lines, monthly = _lines()
    s = summarize_budget(lines, monthly, 0.10, 12000.0)
    assert s.total == 10000.0
    assert s.contingency == pytest.approx(1000.0)
    assert s.committed == pytest.approx(11000.0)
    assert s.remaining == pytest.approx(1000.0) and not s.over_budget
    assert s.by_channel["share"].sum() == pytest.approx(1.0)
    assert s.by_channel.iloc[0]["channel"] == "search" and s.by_channel.iloc[0]["share"] == pytest.approx(0.7)
    assert set(s.by_component["component"]) == {"media", "fees", "creative"}
    assert s.by_month["cumulative"].iloc[-1] == pytest.approx(10000.0)
    over = summarize_budget(lines, monthly, 0.25, 12000.0)
    assert over.over_budget and over.remaining == pytest.approx(-500.0)
