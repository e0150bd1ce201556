"""What other modules read from the plan (``pilotage`` compares actuals with it).

Stable contract::

    load_plan(case) -> Plan | None                 # plan.yaml or plan.xlsx; None when neither
    plan_budget_lines(case) -> DataFrame | None    # one row per action × month
        action_id, action, channel, platform, campaigns (';'-joined fnmatch patterns),
        month (Timestamp, month start), budget (float, € excl. VAT), line_type ("cost")
    plan_kpi_targets(case) -> DataFrame | None     # one row per objective × KPI × month
        objective_id, objective, kpi, month, target, cumulative (bool: the target is the level
        to reach at month end, else the amount for that month), kind
        (integer|number|currency|percent), direction (higher|lower), channel ("" = all),
        actions (';'-joined action ids), baseline, nature (level|flow|ratio)
    plan_forecast(case) -> DataFrame | None        # one row per action, likely scenario
        action_id, cost (€, all components), media (€), conversions, revenue (€), roas (global),
        roas_media, cpa, cpa_media — the plan's forecast the bilan compares like for like

``case`` is a loaded :class:`toolkit.case.Case` or a case folder path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plan.loader import find_plan_file, read_plan_file
from plan.model import Plan

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from toolkit.case import Case

__all__ = ["load_plan", "plan_budget_lines", "plan_forecast", "plan_kpi_targets"]


def _case(case: Case | str | Path) -> Case:
    from toolkit.case import Case, load_case

    return case if isinstance(case, Case) else load_case(case)


def load_plan(case: Case | str | Path) -> Plan | None:
    """The validated plan of the case, or ``None`` when it has neither plan.yaml nor plan.xlsx."""
    c = _case(case)
    path = find_plan_file(c.root)
    return None if path is None else read_plan_file(path)


def _dates(c: Case, plan: Plan):
    from plan.schedule import resolve_dates

    return resolve_dates(plan, c.config.brief.constraints.start)


def plan_budget_lines(case: Case | str | Path) -> pd.DataFrame | None:
    """Planned cost per action × month (€ excl. VAT), for budget-vs-actual variance."""
    from plan.budget import monthly_budget

    c = _case(case)
    plan = load_plan(c)
    if plan is None:
        return None
    m = monthly_budget(plan, _dates(c, plan))
    out = (m.groupby(["action_id", "action", "channel", "platform", "campaigns", "month"], sort=False)["budget"]
           .sum().reset_index())
    out["line_type"] = "cost"
    return out.sort_values(["action_id", "month"], kind="stable").reset_index(drop=True)


def plan_kpi_targets(case: Case | str | Path) -> pd.DataFrame | None:
    """Monthly KPI targets of every objective (see :mod:`plan.kpi`)."""
    from plan.budget import monthly_budget
    from plan.kpi import kpi_targets

    c = _case(case)
    plan = load_plan(c)
    if plan is None:
        return None
    dates = _dates(c, plan)
    return kpi_targets(plan, dates, monthly_budget(plan, dates), c.config.brief.constraints.start)


def plan_forecast(case: Case | str | Path) -> pd.DataFrame | None:
    """The plan's likely forecast per action (cost, media budget, conversions, revenue, both ROAS)."""
    from plan.benchmarks import load_benchmarks, resolve_plan_ranges
    from plan.budget import cost_lines
    from plan.funnel import forecast

    c = _case(case)
    plan = load_plan(c)
    if plan is None:
        return None
    bench_path = c.path(c.config.data.benchmarks) if c.config.data.benchmarks else None
    ranges = resolve_plan_ranges(plan, load_benchmarks(bench_path))
    return forecast(plan, ranges, cost_lines(plan), "likely")
