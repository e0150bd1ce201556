"""KPIs from actuals: ratios of sums, oracle values from the platforms' help pages, targets."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pilotage.compute.kpis import compute_kpis, kpi_id, kpi_vs_targets, total_kpis


def _frame(**cols) -> pd.DataFrame:
    n = len(next(iter(cols.values())))
    base = {"date": pd.date_range("2027-03-01", periods=n, freq="D"), "platform": ["meta"] * n, "campaign": ["c"] * n}
    base.update(cols)
    return pd.DataFrame(base)


def test_ratios_are_ratios_of_sums_never_averages_of_daily_ratios():
    df = _frame(impressions=[100.0, 1000.0], clicks=[1.0, 30.0], spend=[1.0, 60.0], conversions=[1.0, 2.0])
    k = compute_kpis(df, by=("platform",), freq="W").iloc[0]
    assert k["ctr"] == pytest.approx(31 / 1100)  # not (1 % + 3 %) / 2 = 2 %
    assert k["cpa"] == pytest.approx(61 / 3)  # not (1 + 30) / 2
    assert k["cpc"] == pytest.approx(61 / 31)


def test_oracle_values_from_the_platforms_help_pages():
    # Google Ads Help "Clickthrough rate (CTR)": 5 clicks / 1,000 impressions = 0.5 %.
    # Google Ads Help "Cost-per-thousand impressions (CPM)": cost / impressions × 1,000.
    # Google Ads Help "Return on ad spend (ROAS)": $50 conversion value for $10 spend = 500 %.
    # GA4 Help "Engagement rate" = engaged sessions / sessions.
    df = _frame(impressions=[1000.0], clicks=[5.0], spend=[10.0], conversion_value=[50.0],
                conversions=[1.0], reach=[400.0], sessions=[200.0], engaged_sessions=[120.0],
                engagements=[30.0])
    k = compute_kpis(df, by=(), freq=None).iloc[0]
    assert k["ctr"] == pytest.approx(0.005)
    assert k["cpm"] == pytest.approx(10.0)
    assert k["roas"] == pytest.approx(5.0)
    assert k["cpc"] == pytest.approx(2.0)
    assert k["conversion_rate"] == pytest.approx(0.2)
    assert k["frequency"] == pytest.approx(2.5)
    assert k["ga4_engagement_rate"] == pytest.approx(0.6)
    assert k["engagement_rate"] == pytest.approx(0.03)


def test_zero_or_missing_denominators_give_nan_not_inf():
    df = _frame(impressions=[0.0], clicks=[0.0], spend=[12.0], conversions=[0.0])
    k = compute_kpis(df, by=(), freq=None).iloc[0]
    for col in ("ctr", "cpc", "cpm", "cpa", "conversion_rate", "frequency", "ga4_engagement_rate"):
        assert math.isnan(k[col]), col
    num = compute_kpis(df, by=(), freq=None).select_dtypes("number").to_numpy()
    assert not np.isinf(num).any()


def test_missing_volume_stays_missing_not_zero():
    df = _frame(impressions=[100.0, 200.0], clicks=[1.0, 2.0])
    k = compute_kpis(df, by=(), freq=None).iloc[0]
    assert math.isnan(k["spend"]) and math.isnan(k["sessions"])
    assert k["clicks"] == 3


def test_weeks_start_on_monday_and_months_on_the_first():
    df = _frame(impressions=[1.0] * 10, clicks=[1.0] * 10)  # 2027-03-01 is a Monday
    weeks = compute_kpis(df, by=(), freq="W")
    assert list(weeks["period"].dt.day_name()) == ["Monday", "Monday"]
    assert list(weeks["impressions"]) == [7, 3]
    df2 = pd.DataFrame({"date": ["2027-01-31", "2027-02-01"], "platform": "x", "campaign": "y", "clicks": [1, 2]})
    months = compute_kpis(df2, by=(), freq="M")
    assert [str(p.date()) for p in months["period"]] == ["2027-01-01", "2027-02-01"]


def test_grouping_by_platform_and_campaign_and_totals():
    df = pd.concat([_frame(impressions=[100.0], clicks=[10.0]),
                    _frame(impressions=[300.0], clicks=[3.0]).assign(platform="google_ads", campaign="d")])
    k = compute_kpis(df, by=("platform", "campaign"), freq=None).set_index("platform")
    assert k.loc["meta", "ctr"] == pytest.approx(0.1)
    assert k.loc["google_ads", "ctr"] == pytest.approx(0.01)
    assert total_kpis(df)["ctr"] == pytest.approx(13 / 400)


@pytest.mark.parametrize("name, expected", [
    ("ctr", "ctr"), ("Taux de clic (CTR)", "ctr"), ("Coût par acquisition", "cpa"), ("ROAS", "roas"),
    ("conversion_rate", "conversion_rate"), ("revenue", "conversion_value"), ("Fréquence", "frequency"),
    ("subscribers", None), ("Abonnés actifs", None),
])
def test_kpi_names_of_the_plan_map_to_kpi_ids(name, expected):
    assert kpi_id(name) == expected


def _targets(rows) -> pd.DataFrame:
    cols = ["objective_id", "objective", "kpi", "month", "target", "cumulative", "kind", "direction", "channel", "actions"]
    return pd.DataFrame(rows, columns=cols)


def test_kpi_vs_targets_direction_channel_and_status():
    df = pd.DataFrame({
        "date": pd.to_datetime(["2027-03-05", "2027-03-06", "2027-04-05", "2027-03-05"]),
        "platform": ["meta", "meta", "meta", "google_ads"], "campaign": "c",
        "impressions": [1000.0, 1000.0, 1000.0, 1000.0], "clicks": [6.0, 6.0, 9.0, 50.0],
        "spend": [100.0, 100.0, 100.0, 50.0], "conversions": [2.0, 2.0, 2.0, 5.0],
    })
    monthly = compute_kpis(df, by=("platform",), freq="M")
    t = _targets([
        ("O2", "Lancement", "ctr", "2027-03", 0.009, False, "percent", "higher", "meta", "A4"),   # 0.6 % vs 0.9 %
        ("O2", "Lancement", "ctr", "2027-04", 0.0105, False, "percent", "higher", "meta", "A4"),  # 0.9 % vs 1.05 %
        ("O4", "CA", "cpa", "2027-03", 40.0, False, "currency", "lower", "", "A1"),              # 250/9 = 27.8 €
        ("O1", "Abonnés", "subscribers", "2027-03", 2000, True, "integer", "higher", "", "A2"),
        ("O2", "Lancement", "ctr", "2027-09", 0.01, False, "percent", "higher", "meta", "A4"),
        ("O3", "Notoriété", "impressions", "2027-04", 3000, True, "integer", "higher", "", "A5"),
    ])
    s = kpi_vs_targets(monthly, t)
    assert s.loc[0, "actual"] == pytest.approx(12 / 2000)  # meta only, not google_ads's 5 %
    assert s.loc[0, "gap"] == pytest.approx(0.006 - 0.009)
    assert s.loc[0, "status"] == "off_track"  # 33 % below a "higher" target
    assert s.loc[1, "status"] == "watch"  # 14 % below
    assert s.loc[2, "actual"] == pytest.approx(250 / 9)
    assert s.loc[2, "status"] == "on_track"  # lower is better: 27.8 € under 40 €
    assert s.loc[3, "status"] == "not_measured"
    assert s.loc[4, "status"] == "no_data"  # September not reached
    assert s.loc[5, "actual"] == 4000  # a level at month end: all actuals up to April
    assert s.loc[5, "status"] == "on_track"


def test_kpi_vs_targets_without_targets_is_empty_and_needs_monthly_kpis():
    df = _frame(impressions=[10.0], clicks=[1.0])
    assert kpi_vs_targets(compute_kpis(df, freq="M"), None).empty
    from toolkit.errors import ComputeError

    with pytest.raises(ComputeError):
        kpi_vs_targets(compute_kpis(df, freq=None), _targets([("O", "o", "ctr", "2027-03", 0.1, False, "", "", "", "")]))


def test_cost_ratios_use_media_spend_not_non_media_invoices():
    # a production invoice (generic table: spend, no impressions or clicks) counts in spend,
    # not in CPC / CPM / CPA / ROAS
    df = pd.DataFrame({"date": pd.to_datetime(["2027-03-01", "2027-03-02"]), "platform": ["meta", "generic"],
                       "campaign": ["Reels", "A5 — tournage"], "spend": [100.0, 2800.0],
                       "impressions": [20000.0, np.nan], "clicks": [200.0, np.nan], "conversions": [5.0, np.nan],
                       "conversion_value": [400.0, np.nan]})
    k = compute_kpis(df, by=(), freq=None).iloc[0]
    assert k["spend"] == 2900 and k["media_spend"] == 100
    assert k["cpc"] == pytest.approx(0.5) and k["cpm"] == pytest.approx(5.0)
    assert k["cpa"] == pytest.approx(20.0) and k["roas"] == pytest.approx(4.0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 5000), st.integers(0, 300),
                          st.floats(0, 500, allow_nan=False)), min_size=1, max_size=30))
def test_grouped_volumes_add_up_and_ratios_are_never_infinite(rows):
    df = pd.DataFrame(rows, columns=["day", "impressions", "clicks", "spend"])
    df["date"] = pd.Timestamp("2027-03-01") + pd.to_timedelta(df["day"] * 5, unit="D")
    df["platform"] = np.where(df["day"] % 2 == 0, "meta", "google_ads")
    df["campaign"] = "c"
    weekly = compute_kpis(df, by=("platform",), freq="W")
    total = compute_kpis(df, by=(), freq=None).iloc[0]
    assert weekly["clicks"].sum() == df["clicks"].sum() and weekly["spend"].sum() == pytest.approx(df["spend"].sum())
    assert not np.isinf(weekly[["ctr", "cpc", "cpm"]].to_numpy()).any()
    imps = df["impressions"].sum()
    if imps:
        assert total["ctr"] == pytest.approx(df["clicks"].sum() / imps)
    else:
        assert math.isnan(total["ctr"])
