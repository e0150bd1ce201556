"""Calendar: dates from dependencies, named cycles, deadline checks, critical path (CPM)."""

from __future__ import annotations

import datetime as dt

import pytest

from plan.model import Plan
from plan.schedule import critical_path, find_cycle, resolve_dates, validate_schedule
from toolkit.errors import CaseError


def _plan(actions: list[dict]) -> Plan:
    return Plan.model_validate({
        "objectives": [{"id": "O1", "name": "x", "business_goal": "sales", "kpi": "revenue", "baseline": 0,
                        "target": 1000, "deadline": "2027-06-30"}],
        "actions": [{"name": a["id"], "channel": "c", **a} for a in actions],
    })


def test_cycle_is_named():
    assert find_cycle({"A": ["B"], "B": ["C"], "C": ["A"], "D": []}) in (["A", "B", "C", "A"], ["B", "C", "A", "B"],
                                                                       ["C", "A", "B", "C"])
    assert find_cycle({"A": [], "B": ["A"]}) is None
    plan = _plan([{"id": "A1", "duration_days": 5, "depends_on": ["A2"]},
                  {"id": "A2", "duration_days": 5, "depends_on": ["A1"]}])
    with pytest.raises(CaseError) as err:
        resolve_dates(plan, dt.date(2027, 1, 4))
    assert "A1 → A2 → A1" in str(err.value) or "A2 → A1 → A2" in str(err.value)


def test_dates_follow_dependencies_and_durations():
    plan = _plan([{"id": "A1", "start": "2027-01-04", "duration_days": 10},
                  {"id": "A2", "duration_days": 5, "depends_on": ["A1"]},
                  {"id": "A3", "duration_days": 3}])
    d = resolve_dates(plan, dt.date(2027, 1, 4))
    assert d["A1"].end == dt.date(2027, 1, 13)
    assert d["A2"].start == dt.date(2027, 1, 14) and d["A2"].end == dt.date(2027, 1, 18)
    assert d["A3"].start == dt.date(2027, 1, 4)


def test_undatable_action_is_an_error():
    plan = _plan([{"id": "A1", "start": "2027-01-04"}])
    with pytest.raises(CaseError) as err:
        resolve_dates(plan, None)
    assert "actions.A1" in str(err.value)


def test_validation_flags_deadline_and_overlapping_dependency():
    plan = _plan([{"id": "A1", "start": "2027-01-04", "end": "2027-02-10"},
                  {"id": "A2", "start": "2027-02-01", "end": "2027-07-15", "depends_on": ["A1"]}])
    d = resolve_dates(plan, dt.date(2027, 1, 4))
    issues = validate_schedule(plan, d, dt.date(2027, 1, 4), dt.date(2027, 6, 30))
    msgs = [(i.action, i.severity) for i in issues]
    assert ("A2", "error") in msgs
    assert any("after the mission deadline" in i.message for i in issues)
    assert any("depends on A1" in i.message for i in issues)


def test_critical_path_forward_backward_pass():
    # Hand-computed network (PMBOK CPM): A(3) → B(2) → D(4); A → C(5) → D; float of B = 3
    plan = _plan([{"id": "A", "start": "2027-01-01", "duration_days": 3},
                  {"id": "B", "duration_days": 2, "depends_on": ["A"]},
                  {"id": "C", "duration_days": 5, "depends_on": ["A"]},
                  {"id": "D", "duration_days": 4, "depends_on": ["B", "C"]}])
    d = resolve_dates(plan, dt.date(2027, 1, 1))
    table, chain = critical_path(plan, d, dt.date(2027, 1, 1))
    t = table.set_index("action_id")
    assert t.loc["D", "ef"] == 3 + 5 + 4
    assert t.loc["B", "float_days"] == 3
    assert t.loc["C", "float_days"] == 0 and bool(t.loc["C", "critical"])
    assert chain == ["A", "C", "D"]
