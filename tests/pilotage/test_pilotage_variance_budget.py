"""Budget variance: convention écart = réel − prévu, favourable by line type, YTD, pacing, exceptions.

Rule (management control: a variance is favourable when it raises profit): a cost line
budgeted 1 000 €/month that spends 1 180 € is +180 € (+18 %) *unfavourable*; a revenue line
budgeted 5 000 € that earns 4 000 € is −1 000 € (−20 %) *unfavourable* too — same rule,
opposite signs. The published oracle is in ``test_courseeagle_budget_variance_examples``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pilotage.compute.variance import UNPLANNED, budget_variance, map_actuals_to_actions


def _budget() -> pd.DataFrame:
    return pd.DataFrame({
        "action_id": ["A1", "A1", "A1", "R1", "R1"],
        "action": ["Search", "Search", "Search", "Ventes", "Ventes"],
        "channel": ["search", "search", "search", "ecommerce", "ecommerce"],
        "month": ["2027-01", "2027-02", "2027-03", "2027-01", "2027-02"],
        "budget": [1000.0, 1000.0, 1000.0, 5000.0, 5000.0],
        "line_type": ["cost", "cost", "cost", "revenue", "revenue"],
    })


def _actual() -> pd.DataFrame:
    return pd.DataFrame({"action_id": ["A1", "A1", "R1", "R1", "X9"],
                         "month": ["2027-01", "2027-02", "2027-01", "2027-02", "2027-02"],
                         "amount": [1180.0, 900.0, 4000.0, 4500.0, 50.0]})


def test_favourable_decided_by_line_type_not_sign() -> None:
    r = budget_variance(_budget(), _actual(), report_date=dt.date(2027, 2, 28))
    m = r.by_action_month.set_index(["action_id", r.by_action_month["month"].dt.month])
    assert m.loc[("A1", 1), "variance"] == pytest.approx(180)
    assert m.loc[("A1", 1), "variance_pct"] == pytest.approx(0.18)
    assert not m.loc[("A1", 1), "favourable"]
    assert m.loc[("A1", 2), "variance"] == pytest.approx(-100) and m.loc[("A1", 2), "favourable"]
    assert m.loc[("R1", 1), "variance"] == pytest.approx(-1000)
    assert m.loc[("R1", 1), "variance_pct"] == pytest.approx(-0.20)
    assert not m.loc[("R1", 1), "favourable"]
    # future month: no variance (not "favourable underspend")
    assert pd.isna(m.loc[("A1", 3), "variance"])


def test_ytd_consumed_remaining_pacing() -> None:
    r = budget_variance(_budget(), _actual(), report_date=dt.date(2027, 2, 28))
    a = r.by_action.set_index("action_id").loc["A1"]
    assert a["budget"] == 3000 and a["budget_to_date"] == 2000 and a["actual"] == 2080
    assert a["variance"] == pytest.approx(80) and a["variance_pct"] == pytest.approx(0.04)
    assert a["pct_consumed"] == pytest.approx(2080 / 3000)
    assert a["remaining"] == pytest.approx(920)
    elapsed = 59 / 90  # Jan 1 → Feb 28 out of Jan 1 → Mar 31
    assert a["time_elapsed"] == pytest.approx(elapsed)
    # pacing against the phased budget to date, not the share of time gone
    assert a["pacing"] == pytest.approx(2080 / 2000)
    assert r.by_month["cumulative_actual"].iloc[1] == pytest.approx(1180 + 900 + 50)
    assert r.ytd.bac == 3000 and r.ytd.actual == pytest.approx(2130)


def test_partial_report_month_is_prorated_by_days() -> None:
    r = budget_variance(_budget(), _actual(), report_date=dt.date(2027, 2, 14))
    m = r.by_action_month
    feb = m[(m["action_id"] == "A1") & (m["month"] == pd.Timestamp("2027-02-01"))].iloc[0]
    assert feb["budget_to_date"] == pytest.approx(1000 * 14 / 28)


def test_control_by_exception_and_unplanned_spend_kept() -> None:
    r = budget_variance(_budget(), _actual(), threshold=0.10, report_date=dt.date(2027, 2, 28))
    ex = r.exceptions
    action_level = set(ex.loc[ex["level"] == "action", "action_id"])
    assert action_level == {"R1", "X9"}  # A1 at +4 % stays within ±10 %
    monthly = ex.loc[ex["level"] == "action_month"]
    assert ("A1" in set(monthly["action_id"])) and ("X9" in set(monthly["action_id"]))
    x9 = r.by_action.set_index("action_id").loc["X9"]
    assert x9["action"] == UNPLANNED and x9["actual"] == 50
    looser = budget_variance(_budget(), _actual(), threshold=0.25, report_date=dt.date(2027, 2, 28))
    assert "R1" not in set(looser.exceptions.loc[looser.exceptions["level"] == "action", "action_id"])


def test_map_actuals_by_platform_and_campaign_patterns() -> None:
    lines = pd.DataFrame({"action_id": ["A3", "A6", "A5"], "action": ["Search", "Reels", "Production"],
                          "channel": ["search", "social", "contenu"], "platform": ["google_ads", "meta", "autre"],
                          "campaigns": ["FR_Search_*", "Lancement*Reels", ""]})
    actuals = pd.DataFrame({"platform": ["google_ads", "meta", "google_ads", "generic", "meta"],
                            "campaign": ["fr_search_marque", "Lancement Origines Rares - Reels", "Other",
                                         "A5 — Montage", "FR_Search_Marque"]})
    out = map_actuals_to_actions(actuals, lines)
    assert out["action_id"].tolist() == ["A3", "A6", "", "A5", ""]
    assert out["channel"].tolist()[2] == "search"  # unmatched: channel of its platform


def test_courseeagle_budget_variance_examples() -> None:
    """CourseEagle, "Budget variance" (courseeagle.com/definition/budget-variance): monthly
    expenses budgeted $50,000, actually $46,000 → "a $4,000 favorable budget variance";
    weekly material budgeted $5,000, actually $5,120 → "the $120 variance is an unfavorable
    budget variance". Our sign convention (réel − prévu) gives −4,000 and +120."""
    budget = pd.DataFrame({"action_id": ["exp", "mat"], "action": ["Expenses", "Material"],
                           "channel": ["x", "y"], "month": ["2027-01", "2027-01"],
                           "budget": [50_000.0, 5_000.0], "line_type": ["cost", "cost"]})
    actual = pd.DataFrame({"action_id": ["exp", "mat"], "month": ["2027-01", "2027-01"],
                           "amount": [46_000.0, 5_120.0]})
    r = budget_variance(budget, actual, report_date=dt.date(2027, 1, 31)).by_action.set_index("action_id")
    assert r.loc["exp", "variance"] == pytest.approx(-4_000) and r.loc["exp", "favourable"]
    assert r.loc["mat", "variance"] == pytest.approx(120) and not r.loc["mat", "favourable"]
