"""#24 "the bilan and the dashboard pick different months for the same figure": a Meta export of
20 May → 19 June (one row) went wholly into May in the bilan (its start date) and was spread
over May and June in the dashboard; the bilan then quoted May for the objective the dashboard
showed for June. One rule now: ``pilotage.compute.periods.actuals_as_of`` (spread by day, cut at
the report date) and ``pilotage.compute.kpis.latest_status`` (the month quoted)."""

from __future__ import annotations

import pandas as pd
import pytest

from pilotage.compute.bilan import analyse_bilan
from pilotage.compute.dashboard import compute_dashboard
from pilotage.compute.kpis import latest_status
from pilotage.compute.periods import actuals_as_of
from pilotage.store.actuals import normalise_actuals


def _actuals() -> pd.DataFrame:
    days = pd.date_range("2027-05-01", "2027-05-31", freq="D")
    google = pd.DataFrame({"date": days, "period_end": days, "platform": "google_ads", "campaign": "Search",
                           "spend": 10.0, "impressions": 1000.0, "clicks": 30.0, "conversions": 1.0})
    meta = pd.DataFrame({"date": [pd.Timestamp("2027-05-20")], "period_end": [pd.Timestamp("2027-06-19")],
                         "platform": ["meta"], "campaign": ["Prospection"], "spend": [310.0],
                         "impressions": [31_000.0], "clicks": [620.0], "conversions": [31.0]})
    out = normalise_actuals(pd.concat([google, meta], ignore_index=True))
    out["source_file"] = "data/exports.csv"
    return out


def _targets() -> pd.DataFrame:
    return pd.DataFrame({"objective_id": ["O1", "O1"], "objective": ["Conversions Meta"] * 2,
                         "kpi": ["conversions"] * 2, "month": ["2027-05", "2027-06"], "target": [20.0, 40.0],
                         "cumulative": [False, False], "kind": ["number"] * 2, "direction": ["higher"] * 2,
                         "channel": ["meta"] * 2, "actions": [""] * 2})


def test_a_period_straddling_two_months_is_read_the_same_way_by_both() -> None:
    daily, as_of, after = actuals_as_of(_actuals())
    assert as_of.isoformat() == "2027-06-19" and after == 0  # the last day covered
    june = daily[(daily["platform"] == "meta") & (daily["date"] >= "2027-06-01")]
    assert june["conversions"].sum() == pytest.approx(19.0)  # 19 of its 31 days fall in June
    cut, as_of, after = actuals_as_of(_actuals(), pd.Timestamp("2027-06-10").date())
    assert cut["date"].max() == pd.Timestamp("2027-06-10") and after == 0
    assert cut.loc[cut["platform"] == "meta", "conversions"].sum() == pytest.approx(22.0)  # 12 + 10 days


def test_bilan_and_dashboard_quote_the_same_month_and_figure() -> None:
    acts, targets = _actuals(), _targets()
    dash = compute_dashboard(acts, targets=targets)
    shown = latest_status(dash.kpi_status)
    assert len(shown) == 1
    row = shown.iloc[0]
    assert row["month"] == pd.Timestamp("2027-06-01") and row["actual"] == pytest.approx(19.0)
    bilan = analyse_bilan(acts, None, targets)
    quoted = latest_status(bilan.kpi_status).iloc[0]
    assert (quoted["month"], quoted["actual"]) == (row["month"], row["actual"])
    finding = next(f for f in bilan.findings if "Conversions" in f.text)
    assert finding.kind == "shortfall" and finding.evidence.startswith("06/2027 : réel 19")  # not « 05/2027 »


def test_bilan_and_dashboard_platform_figures_are_the_same_at_a_report_date() -> None:
    """At 10 June the Meta row of 20 May → 19 June has given 22 of its 31 days (12 in May, 10 in
    June): both deliverables count 22 conversions, not the whole row (31) for the bilan."""
    acts, day = _actuals(), pd.Timestamp("2027-06-10").date()
    dash = compute_dashboard(acts, targets=_targets(), report_date=day)
    bilan = analyse_bilan(acts, None, _targets(), report_date=day)
    d = dash.by_platform.set_index("platform")
    b = bilan.platform_totals.set_index("platform")
    assert b.loc["meta", "conversions"] == pytest.approx(22.0) == d.loc["meta", "conversions"]
    for col in ("spend", "clicks", "impressions", "conversions", "ctr", "cpa"):
        assert b[col].to_dict() == pytest.approx(d[col].to_dict()), col
