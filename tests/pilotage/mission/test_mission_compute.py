"""Mission computations against hand-worked examples (the arithmetic is written out in each test)."""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace as NS

import pandas as pd
import pytest

from pilotage.mission.compute import (
    burndown,
    critical_path,
    partner_scores,
    raci_checks,
    risk_followup,
    skills_coverage,
    split_owners,
    team_table,
    velocity,
    workload,
)

D = dt.date


def _team(*members):
    return team_table([NS(name=n, role="", skills=s, external=False, availability=a) for n, s, a in members], [])


def _task(id, owner, start, end, effort=math.nan, **kw):
    base = {"id": id, "name": id, "status": "", "done": False, "owner": owner, "owners": tuple(owner.split(" + ")),
            "created": None, "start": start, "end": end, "done_at": None, "points": math.nan,
            "effort_days": effort, "sprint": "", "depends_on": (), "labels": (), "skills": ()}
    base.update(kw)
    return base


def test_workload_half_time_member_overloaded_in_the_week_two_tasks_overlap():
    # Camille works half time: 2.5 days a week. Week of Mon 4 Jan 2027:
    #   T1 (10 days over 10 working days 4–15 Jan) → 5 days that week, shared with nobody → 5.0
    #   T2 (2 days over 4–8 Jan, shared with Lou) → 1 day each that week
    # Camille: 5 + 1 = 6 days > 2.5 → overloaded. Week of 11 Jan: 5 days > 2.5 → overloaded.
    # Lou (full time): 1 day ≤ 5 → fine.
    team = _team(("Camille", ["SEO"], 0.5), ("Lou", [], 1.0))
    tasks = pd.DataFrame([_task("T1", "Camille", D(2027, 1, 4), D(2027, 1, 15), 10.0),
                          _task("T2", "Camille + Lou", D(2027, 1, 4), D(2027, 1, 8), 2.0)])
    w = workload(tasks, team).weekly.set_index(["member", "week"])
    assert w.loc[("Camille", D(2027, 1, 4)), "load_days"] == pytest.approx(6.0)
    assert w.loc[("Camille", D(2027, 1, 4)), "capacity_days"] == pytest.approx(2.5)
    assert bool(w.loc[("Camille", D(2027, 1, 4)), "overloaded"])
    assert w.loc[("Camille", D(2027, 1, 11)), "load_days"] == pytest.approx(5.0)
    assert w.loc[("Lou", D(2027, 1, 4)), "load_days"] == pytest.approx(1.0)
    assert not bool(w.loc[("Lou", D(2027, 1, 4)), "overloaded"])


def test_days_off_reduce_capacity_and_unknown_effort_counts_dispersion():
    # Lou, full time, off Wed–Fri of the week of 4 Jan → capacity 5 × 2/5 = 2 days.
    team = team_table([NS(name="Lou", role="", skills=[], external=False, availability=1.0)],
                      [NS(name="Lou", role="", skills=[], external=False, days_per_week=None,
                          days_off=[NS(start=D(2027, 1, 6), end=D(2027, 1, 8), reason="congés")], adjustments="",
                          tools=[])])
    # four actions at once without effort: 4 > 3 per FTE → dispersed, effort unknown listed
    tasks = pd.DataFrame([_task(f"A{i}", "Lou", D(2027, 1, 4), D(2027, 1, 8)) for i in range(4)])
    res = workload(tasks, team)
    row = res.weekly.iloc[0]
    assert row["capacity_days"] == pytest.approx(2.0)
    assert row["active"] == 4 and bool(row["dispersed"]) and not bool(row["overloaded"])
    assert res.unknown_effort == ("A0", "A1", "A2", "A3")


def test_split_owners_matches_first_names_and_keeps_externals():
    assert split_owners("Camille + rédacteur freelance", ["Camille Roux", "Lou Martin"]) == \
        ("Camille Roux", "rédacteur freelance")
    assert split_owners("Fondateurs + Camille", ["Camille Roux"]) == ("Fondateurs", "Camille Roux")


def test_raci_needs_one_a_one_r_and_flags_an_overloaded_accountable():
    lines = [NS(item=f"A{i}", R=["Lou"], A=["Camille"], C=[], I=[]) for i in range(5)]
    lines.append(NS(item="A9", R=[], A=["Camille", "Lou"], C=["Zoé"], I=[]))
    matrix, problems = raci_checks(lines, ["Camille", "Lou"])
    assert matrix.loc[matrix["item"] == "A0", "Camille"].item() == "A"
    assert "A9 : 2 « A » (il en faut exactement un)" in problems
    assert "A9 : aucun « R » (personne ne réalise)" in problems
    assert any(p.startswith("Camille est « A » sur 6 des 6 lignes") for p in problems)
    assert "Zoé figure dans le RACI mais pas dans l'équipe" in problems
    ok, none = raci_checks([NS(item="A1", R=["Lou"], A=["Camille"], C=[], I=[])], ["Camille", "Lou"])
    assert none == []


def test_burndown_and_velocity_hand_worked():
    # Sprint of 5 days (1–5 Mar), 3 tasks of 3, 5 and 2 points (10 in all).
    # Done: the 3-point task on 2 Mar, the 5-point task on 4 Mar, the 2-point task not done.
    # Ideal: 10, 7.5, 5, 2.5, 0. Remaining: 10, 7, 7, 2, 2. Velocity: 8 of 10.
    s = NS(name="S1", start=D(2027, 3, 1), end=D(2027, 3, 5))
    tasks = pd.DataFrame([
        _task("a", "", None, None, points=3.0, sprint="S1", done_at=D(2027, 3, 2)),
        _task("b", "", None, None, points=5.0, sprint="S1", done_at=D(2027, 3, 4)),
        _task("c", "", None, None, points=2.0, sprint="S1"),
        _task("x", "", None, None, points=8.0, sprint="S2", done_at=D(2027, 3, 2)),
    ])
    bd = burndown(tasks, s.start, s.end, "S1")
    assert list(bd["ideal"]) == [10, 7.5, 5, 2.5, 0]
    assert list(bd["remaining"]) == [10, 7, 7, 2, 2]
    assert bd.attrs["unit"] == "points"
    v = velocity(tasks, [s]).iloc[0]
    assert (v["committed"], v["done"]) == (10, 8)


def test_critical_path_planned_and_recomputed_on_actual_dates():
    # A (1–5 Jan, 5 d) → B (6–10 Jan, 5 d); C (1–5 Jan, 5 d) → D (6–12 Jan, 7 d).
    # Planned: A→B ends day 10, C→D ends day 12 → critical chain C, D (float of A, B = 2 days).
    # Actual: A finished on 9 Jan (9 days) → A→B ends day 14 > 12 → the chain becomes A, B.
    tasks = pd.DataFrame([
        _task("A", "", D(2027, 1, 1), D(2027, 1, 5), done_at=D(2027, 1, 9)),
        _task("B", "", D(2027, 1, 6), D(2027, 1, 10), depends_on=("A",)),
        _task("C", "", D(2027, 1, 1), D(2027, 1, 5)),
        _task("D", "", D(2027, 1, 6), D(2027, 1, 12), depends_on=("C",)),
    ])
    table, chain = critical_path(tasks)
    assert chain == ["C", "D"]
    assert table.set_index("id").loc["A", "float_days"] == 2
    _, actual = critical_path(tasks, actual=True)
    assert actual == ["A", "B"]


def test_partner_scores_hand_worked():
    # Weights q .35, cost .30, lead .15, rse .20.
    # Studio A: 1 800 €, quality 4, 10 days, rse 3 → .35×.8 + .30×(1500/1800) + .15×(7/10) + .20×.6
    #   = .28 + .25 + .105 + .12 = .755 → 75.5
    # Studio B: 1 500 €, quality 3, 7 days, rse 5 → .35×.6 + .30×1 + .15×1 + .20×1 = .86 → 86.0
    partner = NS(need="shooting", chosen="Studio B", weights={"quality": .35, "cost": .30, "lead_time": .15, "rse": .20},
                 quotes=[NS(supplier="Studio A", cost=1800, quality=4, lead_time_days=10, rse=3),
                         NS(supplier="Studio B", cost=1500, quality=3, lead_time_days=7, rse=5)])
    scores = partner_scores(partner)
    assert list(scores["supplier"]) == ["Studio B", "Studio A"]
    assert list(scores["score"]) == [86.0, 75.5]
    assert bool(scores.iloc[0]["chosen"])


def test_skills_gap_and_risk_followup():
    team = _team(("Camille", ["SEO", "rédaction"], 0.5))
    tasks = pd.DataFrame([_task("A1", "Camille", None, None, skills=("SEO", "vidéo verticale"))])
    cov = skills_coverage(tasks, team)
    assert cov.set_index("skill").loc["SEO", "holders"] == ("Camille",)
    assert bool(cov.set_index("skill").loc["vidéo verticale", "gap"])
    from plan.model import Risk

    risks = [Risk(id="R1", description="rupture de stock", probability="moyenne", impact="fort", owner="Camille",
                  mitigation="stock tampon"),
             Risk(id="R2", description="retard du studio", probability="faible", impact="moyen")]
    incidents = [NS(risk="R1", date=D(2027, 4, 12), incident="bad buzz sur les délais de livraison")]
    table = risk_followup(risks, [], incidents).set_index("id")
    assert table.loc["R1", "score"] == 6 and table.loc["R1", "status"] == "occurred"
    assert table.loc["R1", "date"] == D(2027, 4, 12)
    assert table.loc["R2", "status"] == "open" and table.loc["R2", "score"] == 2


def test_half_time_member_is_dispersed_from_three_actions_at_once_and_unknown_load_is_missing():
    # half time: 3 × 2.5 / 5 = 1.5 → at least 2 actions tolerated; 3 at once is dispersion
    team = _team(("Camille", [], 0.5))
    two = pd.DataFrame([_task(f"A{i}", "Camille", D(2027, 1, 4), D(2027, 1, 8)) for i in range(2)])
    three = pd.DataFrame([_task(f"A{i}", "Camille", D(2027, 1, 4), D(2027, 1, 8)) for i in range(3)])
    assert not workload(two, team).weekly["dispersed"].any()
    row = workload(three, team).weekly.iloc[0]
    assert bool(row["dispersed"]) and math.isnan(row["load_days"])


def test_actual_end_of_an_action_is_its_last_card_done():
    from pilotage.mission.compute import actual_ends

    plan_tasks = pd.DataFrame([_task("A5", "", D(2027, 2, 15), D(2027, 3, 5)),
                               _task("A6", "", D(2027, 4, 1), D(2027, 4, 16)),
                               _task("A3", "", D(2027, 2, 1), D(2027, 9, 30))])
    board = pd.DataFrame([
        _task("#3", "", None, None, labels=("A5",), done_at=D(2027, 2, 5)),
        _task("#4", "", None, None, labels=("A5",), done_at=D(2027, 3, 12)),
        _task("#9", "", None, None, labels=("A6",), done_at=D(2027, 4, 15)),
        _task("#12", "", None, None, labels=("A6",)),  # not done: A6 is not finished
        _task("#5", "", None, None, labels=("A3",), done_at=D(2027, 2, 4)),  # set-up of a campaign until September
        _task("#10", "", None, None, labels=(), done_at=D(2027, 5, 24)),  # the board's last completion
    ])
    out = actual_ends(plan_tasks, board).set_index("id")
    assert out.loc["A5", "done_at"] == D(2027, 3, 12) and bool(out.loc["A5", "done"])
    assert out.loc["A6", "done_at"] is None and not bool(out.loc["A6", "done"])
    assert out.loc["A3", "done_at"] is None  # planned to run after 24 May: still running
