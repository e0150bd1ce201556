"""The dashboard's figures for one case folder: reads what the case holds (actuals, the plan's
targets and budget lines, back-office KPIs, mentions) and computes :class:`DashboardData`.

It sits with the computations, below the productions, so that the digital presence plan
(``pilotage.presence``) evaluates its measures with the dashboard's own rules
(:func:`pilotage.compute.evidence.dashboard_evidence`) — one rule per criterion — without
importing ``pilotage.commands``, which sits above it. ``pilotage.commands.dashboard_data``
calls it with the presence plan's audience indicators.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from toolkit.errors import ComputeError
from toolkit.i18n import tr

__all__ = ["case_dashboard_data", "case_variance"]

_READ = object()  # "read the e-reputation from the case"


def case_variance(case: Any, actuals: Any) -> Any:
    """Budget variance of the case (None without a plan, budget lines or actual spend)."""
    try:
        from plan.api import plan_budget_lines
    except ImportError:  # pragma: no cover - plan module absent
        return None
    lines = plan_budget_lines(case)
    if lines is None or len(lines) == 0 or actuals is None or len(actuals) == 0:
        return None
    from pilotage.compute.variance import actual_costs_by_action_month, budget_variance

    cfg = case.config.pilotage
    try:
        return budget_variance(lines, actual_costs_by_action_month(actuals, lines),
                               threshold=cfg.alert_threshold, report_date=cfg.report_date)
    except ComputeError:
        return None


def case_dashboard_data(case: Any, lang: str | None = None, *, actuals: Any | None = None, targets: Any = None,
                        variance: Any = None, audience: Any = None, ereputation: Any = _READ,
                        progress: Callable[[str], None] | None = None) -> Any:
    """Everything the dashboard shows (:class:`pilotage.compute.dashboard.DashboardData`); no file written.

    ``audience``: the audience indicators per channel (:func:`pilotage.compute.audience.audience_kpis`),
    shown in the dashboard's audience part and counted by its evaluation grid. ``ereputation``:
    the case's e-reputation result when already computed (None: no mentions file)."""
    from pilotage.compute.dashboard import compute_dashboard

    lg = lang or case.lang
    say = progress or (lambda _m: None)
    say(tr(lg, "tableau de bord : lecture du réalisé et du plan"))
    if actuals is None:
        from pilotage.store.actuals import load_actuals

        actuals = load_actuals(case)
    if targets is None:
        try:
            from plan.api import plan_kpi_targets

            targets = plan_kpi_targets(case)
        except ImportError:  # pragma: no cover
            targets = None
    if variance is None:
        variance = case_variance(case, actuals)
    erep = ereputation
    if erep is _READ:
        from pilotage.compute.ereputation import analyse_case

        say(tr(lg, "tableau de bord : e-réputation"))
        erep = analyse_case(case, lg)
    if (actuals is None or len(actuals) == 0) and erep is None and (audience is None or not len(audience)):
        raise ComputeError("nothing to show: no campaign data, no mentions file and no organic export",
                           hint="import your exports with `toolkit pilotage import CASE FILES…`, "
                                "name a mentions file in case.yaml (data.mentions), "
                                "or the organic exports in presence.yaml (channels[].exports)")
    currency = case.config.brief.constraints.currency
    from pilotage.compute.kpis import action_campaigns
    from pilotage.readers.kpi_input import load_kpi_input

    try:
        from plan.api import plan_budget_lines

        lines = plan_budget_lines(case)
    except ImportError:  # pragma: no cover
        lines = None
    say(tr(lg, "tableau de bord : calcul des indicateurs"))
    data = compute_dashboard(actuals, targets=targets, variance=variance, ereputation=erep, lang=lg,
                             client=case.config.client.name, currency=currency,
                             threshold=case.config.pilotage.alert_threshold,
                             campaigns=action_campaigns(lines), back_office=load_kpi_input(case),
                             report_date=case.config.pilotage.report_date, lines=lines)
    return replace(data, audience=audience) if audience is not None and len(audience) else data


