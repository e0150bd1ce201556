"""KPI tree: levels on a straight line, flows split by month, ratios constant."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from plan.kpi import kpi_targets, month_starts
from plan.model import Plan
from plan.schedule import resolve_dates


def _plan() -> Plan:
    return Plan.model_validate({
        "objectives": [
            {"id": "O1", "name": "abonnés", "business_goal": "loyalty", "kpi": "subscribers", "baseline": 100,
             "target": 400, "start": "2027-01-01", "deadline": "2027-03-31",
             "indicators": [{"kpi": "cpa", "target": 30, "channel": "meta"}]},
            {"id": "O2", "name": "ventes", "business_goal": "sales", "kpi": "revenue", "baseline": 0, "target": 9000,
             "start": "2027-01-01", "deadline": "2027-03-31"},
        ],
        "actions": [{"id": "A1", "name": "x", "channel": "c", "start": "2027-01-01", "end": "2027-01-31",
                     "objectives": ["O1", "O2"]}],
    })


def test_month_starts():
    assert month_starts(dt.date(2026, 11, 15), dt.date(2027, 2, 1)) == [
        dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2027, 1, 1), dt.date(2027, 2, 1)]


def test_level_ratio_and_flow_spreads():
    plan = _plan()
    dates = resolve_dates(plan, dt.date(2027, 1, 1))
    monthly = pd.DataFrame({"action_id": ["A1"], "month": [pd.Timestamp("2027-01-01")], "budget": [1000.0]})
    df = kpi_targets(plan, dates, monthly)
    subs = df[df["kpi"] == "subscribers"].set_index("month")["target"]
    # straight line from 100 at the start of 1 Jan to 400 at the end of 31 Mar (90 days):
    # end of January = 31 days elapsed → 100 + 300 × 31/90 = 203.3 → 203 subscribers
    assert subs.iloc[0] == 203
    assert subs.iloc[-1] == 400
    cpa = df[df["kpi"] == "cpa"]
    assert (cpa["target"] == 30).all() and cpa["direction"].iloc[0] == "lower" and cpa["kind"].iloc[0] == "currency"
    rev = df[df["kpi"] == "revenue"].set_index("month")["target"]
    # half evenly (1 500 a month), half by spend (all in January: 4 500)
    assert rev.iloc[0] == pytest.approx(1500 + 4500)
    assert rev.iloc[1] == pytest.approx(1500) and rev.sum() == pytest.approx(9000)


def test_a_total_objective_is_tracked_on_its_increment():
    """#24: a revenue objective that includes the shop's existing revenue was compared with the
    ad-attributed revenue alone ("−90 %, critique"): a ``total`` objective is tracked on target − baseline."""
    raw = _plan().model_dump()
    raw["objectives"][1].update(baseline=200_000, target=250_000, scope="total")
    plan = Plan.model_validate(raw)
    dates = resolve_dates(plan, dt.date(2027, 1, 1))
    monthly = pd.DataFrame({"action_id": ["A1"], "month": [pd.Timestamp("2027-01-01")], "budget": [1000.0]})
    df = kpi_targets(plan, dates, monthly)
    rev = df[df["kpi"] == "revenue"]
    assert rev["target"].sum() == pytest.approx(50_000) and set(rev["scope"]) == {"total"}
    # the default (incremental) objective keeps its whole target
    assert set(df[df["kpi"] == "subscribers"]["scope"]) == {"incremental"}
