"""The contract pilotage codes against: load_plan, plan_budget_lines, plan_kpi_targets."""

from __future__ import annotations

import pandas as pd
import pytest

from plan.api import load_plan, plan_budget_lines, plan_kpi_targets
from plan.model import ACTION_PLATFORMS


def test_no_plan_gives_none(example_case):
    (example_case / "plan.yaml").unlink()
    assert load_plan(example_case) is None
    assert plan_budget_lines(example_case) is None
    assert plan_kpi_targets(example_case) is None


def test_budget_lines_contract(example_case):
    df = plan_budget_lines(example_case)
    assert list(df.columns) == ["action_id", "action", "channel", "platform", "campaigns", "month", "budget", "line_type"]
    assert set(df["platform"]) <= set(ACTION_PLATFORMS)
    assert (df["line_type"] == "cost").all()
    assert pd.api.types.is_datetime64_any_dtype(df["month"]) and (df["month"].dt.day == 1).all()
    plan = load_plan(example_case)
    total = sum(c.amount for a in plan.actions for c in a.costs)
    assert df["budget"].sum() == pytest.approx(total)
    assert df.duplicated(["action_id", "month"]).sum() == 0
    # the campaign names the pilotage exports use
    camp = ";".join(df["campaigns"].unique())
    for name in ("FR_Search_Marque", "FR_Search_Abonnement", "FR_PMax_OriginesRares", "Lancement Origines Rares - Reels",
                 "Abonnement - Retargeting", "Notoriété Hors Lyon - Vidéo", "Newsletter mensuelle",
                 "Séquence bienvenue abonnés"):
        assert name in camp
    # mission window and envelope of the example
    assert df["month"].min() == pd.Timestamp("2027-01-01") and df["month"].max() == pd.Timestamp("2027-09-01")
    assert total * 1.10 <= 60000


def test_kpi_targets_contract(example_case):
    df = plan_kpi_targets(example_case)
    for col in ("objective_id", "objective", "kpi", "month", "target", "cumulative", "kind", "direction", "channel", "actions"):
        assert col in df.columns
    assert set(df["kind"]) <= {"integer", "number", "currency", "percent"}
    assert set(df["direction"]) <= {"higher", "lower"}
    subs = df[(df["objective_id"] == "O1") & (df["kpi"] == "subscribers")].sort_values("month")
    assert subs["cumulative"].all()
    assert subs["target"].iloc[-1] == 3000 and subs["target"].is_monotonic_increasing
    assert subs["target"].iloc[0] > 1900
    rev = df[(df["objective_id"] == "O2") & (df["kpi"] == "revenue")]
    assert not rev["cumulative"].any()
    assert rev["target"].sum() == pytest.approx(15000)
    assert rev["month"].min() == pd.Timestamp("2027-04-01")  # objective starts with the launch
    share = df[(df["objective_id"] == "O4") & (df["kpi"] == "online_revenue_share")]
    assert share["kind"].iloc[0] == "percent" and share["target"].iloc[-1] == pytest.approx(0.45)
    ctr = df[(df["kpi"] == "ctr")]
    assert (ctr["target"] == 0.009).all() and (ctr["channel"] == "meta").all()
    assert "A3" in df[df["objective_id"] == "O1"]["actions"].iloc[0].split(";")
