"""Rule-based alerts: each rule fires on its evidence, says why, and proposes actions."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pilotage.compute.alerts import evaluate_alerts
from pilotage.compute.kpis import compute_kpis, kpi_vs_targets


def _status(ctr_by_month: dict[str, float], target: float = 0.01) -> pd.DataFrame:
    rows = []
    for m, ctr in ctr_by_month.items():
        rows.append({"date": pd.Timestamp(m + "-10"), "platform": "meta", "campaign": "c",
                     "impressions": 10000.0, "clicks": ctr * 10000, "spend": 100.0})
    monthly = compute_kpis(pd.DataFrame(rows), by=("platform",), freq="M")
    targets = pd.DataFrame({"objective_id": "O2", "objective": "Lancement", "kpi": "ctr", "month": list(ctr_by_month),
                            "target": target, "cumulative": False, "kind": "percent", "direction": "higher",
                            "channel": "meta", "actions": "A4"})
    return kpi_vs_targets(monthly, targets)


def test_kpi_off_target_two_months_in_a_row_is_critical_with_evidence_and_actions():
    alerts = evaluate_alerts(_status({"2027-03": 0.007, "2027-04": 0.006}), None, lang="fr")
    assert len(alerts) == 1
    a = alerts[0]
    assert a.severity == "critical" and a.kind == "kpi"
    assert "0,60" in a.evidence and "1,00" in a.evidence  # actual 0.60 % vs target 1.00 %
    assert "40,0" in a.evidence  # 40 % below target
    assert "deux mois de suite" in a.rule
    assert any("créations" in x for x in a.corrective_actions)


def test_kpi_off_target_in_the_last_month_only_is_a_warning_and_a_small_gap_is_info():
    assert [a.severity for a in evaluate_alerts(_status({"2027-03": 0.0095, "2027-04": 0.006}), None)] == ["warning"]
    assert [a.severity for a in evaluate_alerts(_status({"2027-03": 0.010, "2027-04": 0.0085}), None)] == ["info"]
    assert evaluate_alerts(_status({"2027-03": 0.010, "2027-04": 0.0098}), None) == []


def test_english_alerts():
    a = evaluate_alerts(_status({"2027-03": 0.007, "2027-04": 0.006}), None, lang="en")[0]
    assert "two months in a row" in a.rule and "0.60%" in a.evidence
    assert a.severity_label("en") == "Critical"


def _weekly(cpa_last: float, weeks: int = 8, frequency: float = 2.0) -> pd.DataFrame:
    dates = pd.date_range("2027-03-01", periods=weeks, freq="W-MON")
    spend = np.full(weeks, 100.0)
    conv = np.full(weeks, 10.0)  # CPA 10 €
    conv[-2:] = 100.0 / cpa_last
    df = pd.DataFrame({"date": dates, "platform": "google_ads", "campaign": "c", "spend": spend,
                       "conversions": conv, "impressions": 1000.0, "clicks": 50.0, "reach": 1000.0 / frequency})
    return compute_kpis(df, by=("platform",), freq="W")


def test_trend_rule_without_target_fires_after_two_bad_weeks_only():
    alerts = evaluate_alerts(None, None, weekly=_weekly(cpa_last=14.0))  # +40 % two weeks running
    cpa = [a for a in alerts if a.subject.startswith("CPA média")]
    assert len(cpa) == 1 and cpa[0].severity == "warning"
    assert "14,00" in cpa[0].evidence and "11,00" in cpa[0].evidence  # mean of 10, 10, 10, 14
    assert evaluate_alerts(None, None, weekly=_weekly(cpa_last=11.0)) == []  # +10 %: no alert


def test_frequency_above_four_flags_creative_fatigue():
    alerts = evaluate_alerts(None, None, weekly=_weekly(cpa_last=10.0, frequency=5.0))
    assert [a.subject for a in alerts] == ["Fréquence — Google Ads"]
    assert "5,0" in alerts[0].evidence


def test_budget_exceptions_from_the_variance_analysis():
    from pilotage.compute.variance import budget_variance

    budget = pd.DataFrame({"action_id": ["A1", "A2", "A3"], "action": ["Search marque", "Social Origines", "Emailing"],
                           "channel": ["search", "social", "email"], "month": ["2027-03"] * 3,
                           "budget": [1000.0, 1000.0, 1000.0], "line_type": ["cost"] * 3})
    actual = pd.DataFrame({"action_id": ["A1", "A2", "A3"], "month": ["2027-03"] * 3, "amount": [1350.0, 1150.0, 600.0]})
    v = budget_variance(budget, actual, threshold=0.10, report_date=dt.date(2027, 3, 31))
    alerts = [a for a in evaluate_alerts(None, v, lang="fr") if a.kind == "budget"]
    by = {a.subject.split(" (")[0]: a for a in alerts}
    assert by["Search marque"].severity == "critical"  # +35 % > 2 × 10 %
    assert by["Social Origines"].severity == "warning"  # +15 %
    assert by["Emailing"].severity == "info"  # -40 %: favourable, money left unspent
    assert len(alerts) == 3  # one per action, month-level exceptions folded into the evidence
    assert "défavorable" in by["Search marque"].evidence and "+350,00" in by["Search marque"].evidence
    assert "03/2027" in by["Search marque"].evidence
    assert any("Plafonner" in x for x in by["Search marque"].corrective_actions)
    sev = [a.severity for a in evaluate_alerts(None, v)]
    assert sev == sorted(sev, key=["critical", "warning", "info"].index)


def test_many_under_spent_lines_become_one_alert_listing_them():
    from pilotage.compute.variance import budget_variance

    ids = [f"A{i}" for i in range(1, 6)]
    budget = pd.DataFrame({"action_id": ids, "action": [f"Action {i}" for i in ids], "channel": "social",
                           "month": "2027-03", "budget": 1000.0, "line_type": "cost"})
    actual = pd.DataFrame({"action_id": ids, "month": "2027-03", "amount": [100.0, 200.0, 300.0, 400.0, 1500.0]})
    v = budget_variance(budget, actual, threshold=0.10, report_date=dt.date(2027, 3, 31))
    alerts = evaluate_alerts(None, v, lang="fr")
    assert [a.severity for a in alerts] == ["critical", "info"]
    assert alerts[1].subject == "4 lignes budgétaires sous-consommées"
    assert all(f"Action A{i}" in alerts[1].evidence for i in range(1, 5))
