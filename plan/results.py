"""Everything computed for a plan, in one frozen object the report and the workbook read.

:func:`compute_plan` chains the pure steps: benchmarks → dates and schedule checks → budget →
forecast (low / likely / high) → Monte Carlo → allocation → KPI tree. It does no I/O beyond
reading the benchmarks file and ``personas.yaml`` through their loaders.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.errors import CaseError, Issue
from toolkit.i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from plan.budget import BudgetSummary
    from plan.model import Plan
    from plan.montecarlo import MonteCarloResult
    from plan.schedule import ActionDates, ScheduleIssue
    from toolkit.case import Case

__all__ = ["PlanResults", "compute_plan", "known_persona_ids", "objective_forecast"]


@dataclass(frozen=True)
class PlanResults:
    plan: Plan
    plan_file: str
    mission_start: _dt.date | None
    deadline: _dt.date | None
    dates: dict[str, ActionDates]
    schedule_issues: list[ScheduleIssue]
    cpm: pd.DataFrame
    critical_chain: list[str]
    milestones: list[tuple[_dt.date, str, str]]
    cost_lines: pd.DataFrame
    monthly: pd.DataFrame
    budget: BudgetSummary
    ranges: dict[str, dict[str, Any]]
    forecast: dict[str, pd.DataFrame]     # scenario → per-action table
    totals: dict[str, dict[str, float]]   # scenario → totals
    montecarlo: MonteCarloResult | None
    allocation: dict[str, Any]
    kpis: pd.DataFrame
    benchmarks_used: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    personas: list[Any] = field(default_factory=list)
    objective_forecast: Any = None  # DataFrame, see objective_forecast()
    #: KPIs the team enters by hand each month (back-office figures no export holds): they count
    #: as measured. Given by the modules' ``entered_kpis`` hook (pilotage's KPI input file).
    entered_kpis: frozenset[str] = frozenset()


def objective_forecast(plan: Plan, forecast: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """What the funnel forecasts for each objective whose KPI it can estimate, per scenario.

    subscribers: the conversions of the actions serving the objective (those that sell the
    subscription) × the new-customer share, against the gap target − baseline — a product launch's
    orders are not subscribers; new_customers: new customers of the whole plan (every conversion ×
    new-customer share); revenue, conversions: the actions serving the objective; reach /
    impressions: impressions of the serving actions (an upper bound of reach).
    """
    import pandas as pd

    share = plan.settings.new_customer_share
    rows = []
    for o in plan.objectives:
        served = [a.id for a in plan.actions if o.id in a.objectives]
        values = {}
        for scen, df in forecast.items():
            sub = df[df["action_id"].isin(served)]
            if o.kpi == "subscribers":
                values[scen], basis = float(sub["conversions"].fillna(0).sum()) * share, "served"
            elif o.kpi == "new_customers":
                values[scen], basis = float(df["conversions"].fillna(0).sum()) * share, "plan"
            elif o.kpi in ("revenue", "conversions"):
                values[scen], basis = float(sub[o.kpi].fillna(0).sum()), "served"
            elif o.kpi in ("reach", "impressions"):
                values[scen], basis = float(sub["impressions"].fillna(0).sum()), "served"
            else:
                break
        if not values:
            continue
        needed = o.target - o.baseline if o.kpi in ("subscribers", "new_customers") else o.target
        rows.append({"objective_id": o.id, "kpi": o.kpi, "needed": float(needed), "low": values["low"],
                     "likely": values["likely"], "high": values["high"], "basis": basis,
                     "coverage": values["likely"] / needed if needed else float("nan")})
    return pd.DataFrame(rows, columns=["objective_id", "kpi", "needed", "low", "likely", "high", "basis", "coverage"])


def known_persona_ids(case: Case) -> tuple[list[Any], list[str] | None]:
    """``(personas, ids)``; ids is ``None`` when the case has no personas (module absent or no file)."""
    try:
        from personas.model import load_personas  # type: ignore[import-not-found]
    except ImportError:
        return [], None
    try:
        personas = list(load_personas(case) or [])
    except TypeError:  # an older signature taking the folder
        personas = list(load_personas(case.root) or [])
    if not personas:
        return [], None
    ids = []
    for p in personas:
        pid = getattr(p, "id", None)
        if pid is None and isinstance(p, dict):
            pid = p.get("id")
        if pid is not None:
            ids.append(str(pid))
    return personas, ids


def _check_targets(plan: Plan, plan_path: Path, ids: list[str] | None, lang: str = "fr") -> list[str]:
    """Unknown persona ids: a located error when personas exist, a warning otherwise."""
    refs = [(("targets", i, "persona"), t.persona) for i, t in enumerate(plan.targets) if t.persona]
    refs += [(("actions", i, "personas"), p) for i, a in enumerate(plan.actions) for p in a.personas]
    if not refs:
        return []
    if ids is None:
        cited = ", ".join(sorted({r for _, r in refs}))
        return [tr(lang, "les personas {cited} sont cités mais les fiches personas ne sont pas "
                   "encore construites : ils ne sont pas vérifiés", cited=cited)]
    bad = [(loc, r) for loc, r in refs if r not in ids]
    if not bad:
        return []
    from plan.loader import locate

    issues = []
    for loc, r in bad:
        file, line = locate(plan_path, loc)
        issues.append(Issue(f"persona '{r}' is not in personas.yaml (known: {', '.join(ids)})", file=file, line=line,
                            field=".".join(map(str, loc))))
    raise CaseError(f"{len(issues)} unknown persona reference(s)", issues)


def compute_plan(case: Case, plan: Plan, plan_path: Path, *, draws: int | None = None, seed: int | None = None,
                 benchmarks: Path | None = None, entered_kpis: Iterable[str] = ()) -> PlanResults:
    import pandas as pd

    from plan import allocation as alloc
    from plan.benchmarks import load_benchmarks, resolve_plan_ranges
    from plan.budget import cost_lines, monthly_budget, summarize_budget
    from plan.funnel import forecast, totals
    from plan.kpi import kpi_targets
    from plan.montecarlo import inputs_from_plan, simulate
    from plan.schedule import critical_path, milestones, resolve_dates, validate_schedule

    warnings: list[str] = []
    lg = "en" if case.lang == "en" else "fr"
    personas, ids = known_persona_ids(case)
    warnings += _check_targets(plan, plan_path, ids, lg)

    cons = case.config.brief.constraints
    start, deadline = cons.start, cons.deadline
    bench_path = benchmarks or (case.path(case.config.data.benchmarks) if case.config.data.benchmarks else None)
    bench = load_benchmarks(bench_path)
    ranges = resolve_plan_ranges(plan, bench)

    try:
        dates = resolve_dates(plan, start)
    except CaseError as exc:
        if exc.file is None:
            raise CaseError(exc.message, exc.issues, file=plan_path.name, hint=exc.hint) from exc
        raise
    sched_issues = validate_schedule(plan, dates, start, deadline)
    cpm_table, chain = critical_path(plan, dates, start)
    lines = cost_lines(plan)
    monthly = monthly_budget(plan, dates)
    envelope = plan.settings.envelope if plan.settings.envelope is not None else cons.budget
    budget = summarize_budget(lines, monthly, plan.settings.contingency_rate, envelope)
    if budget.over_budget:
        from toolkit.fmt import fmt_currency, fmt_percent

        msg = tr(lg, "le plan engage {committed} (coûts + réserve de {contingency_rate}) pour une enveloppe de {envelope}", committed=fmt_currency(budget.committed, lg, decimals=0), contingency_rate=fmt_percent(plan.settings.contingency_rate, lg, 0), envelope=fmt_currency(envelope, lg, decimals=0))
        if plan.settings.over_budget == "error":
            raise CaseError(msg, file=plan_path.name,
                            hint="cut or reschedule actions, lower the contingency, or set settings.over_budget: warning")
        warnings.append(msg)
    if envelope is None:
        warnings.append(tr(case.lang, "pas d'enveloppe budgétaire : ni le budget du client ni l'enveloppe du plan ne sont indiqués"))

    fc = {s: forecast(plan, ranges, lines, s) for s in ("low", "likely", "high")}
    tot = {s: totals(df, plan) for s, df in fc.items()}
    mc = None
    mc_in = inputs_from_plan(plan, ranges, lines)
    if len(mc_in.action_ids):
        mc = simulate(mc_in, draws or plan.settings.draws, plan.settings.seed if seed is None else seed,
                      plan.settings.distribution)

    allocation: dict[str, Any] = {}
    if plan.allocation and plan.allocation.channels:
        likely = fc["likely"].copy()
        use_clv = plan.allocation.value == "clv"
        if use_clv and not plan.settings.clv:
            raise CaseError("allocation.value is 'clv' but settings.clv is not given", file=plan_path.name,
                            hint="give settings.clv (lifetime revenue per new customer) or use value: revenue")
        likely["value"] = (likely["conversions"].fillna(0) * plan.settings.new_customer_share * plan.settings.clv
                           if use_clv else likely["revenue"].fillna(0))
        curves = []
        for ch, cfg in plan.allocation.channels.items():
            sub = likely[likely["channel"] == ch]
            curves.append(alloc.calibrate(ch, float(sub["cost"].sum()), float(sub["value"].sum()),
                                          cfg.half_saturation, cfg.shape, cfg.min, cfg.max))
        allocation["value"] = plan.allocation.value
        planned = sum(float(likely[likely["channel"] == c.name]["cost"].sum()) for c in curves)
        b = plan.allocation.budget or planned
        allocation["curves"] = curves
        allocation["planned"] = {c.name: float(likely[likely["channel"] == c.name]["cost"].sum()) for c in curves}
        allocation["planned_revenue"] = {c.name: float(c.response(allocation["planned"][c.name])) for c in curves}
        try:
            allocation["optimal"] = alloc.optimal_split(curves, b)
        except Exception as exc:  # ComputeError: bounds incompatible with the budget
            warnings.append(f"allocation: {exc}")
        target = plan.allocation.target_roas
        allocation["target_roas"] = target
        if target:
            allocation["for_target"] = alloc.budget_for_target_roas(curves, target)
        allocation["break_even_roas"] = 1 / plan.settings.gross_margin_rate
        allocation["for_break_even"] = alloc.budget_for_target_roas(curves, 1 / plan.settings.gross_margin_rate)
        allocation["profit_max"] = alloc.profit_maximising_budget(curves, plan.settings.gross_margin_rate)

    kpis = kpi_targets(plan, dates, monthly, start)
    used_ids = sorted({r.benchmark for a in ranges.values() for r in a.values() if r.benchmark})
    used = bench.loc[used_ids].reset_index(drop=True) if used_ids else bench.iloc[0:0].reset_index(drop=True)
    from plan.loader import find_plan_file  # noqa: F401  (kept for symmetry with api)

    _ = pd
    return PlanResults(plan=plan, plan_file=plan_path.name, mission_start=start, deadline=deadline, dates=dates,
                       schedule_issues=sched_issues, cpm=cpm_table, critical_chain=chain,
                       milestones=milestones(plan, dates), cost_lines=lines, monthly=monthly, budget=budget,
                       ranges=ranges, forecast=fc, totals=tot, montecarlo=mc, allocation=allocation, kpis=kpis,
                       benchmarks_used=used, warnings=warnings, personas=personas,
                       objective_forecast=objective_forecast(plan, fc), entered_kpis=frozenset(entered_kpis))
