"""The dashboard's numbers (C.4.5, C.6.4): actuals per week × campaign, KPIs against the
plan's targets, alerts — one frozen :class:`DashboardData`, computed once (pure).

The document is built by :mod:`pilotage.reports.dashboard`, the interactive page by
:mod:`pilotage.render.dashboard_html`, the tracking workbook by
:mod:`pilotage.render.tracking_xlsx`; :func:`pilotage.commands.build_dashboard` writes them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pilotage.compute.alerts import Alert, evaluate_alerts
from pilotage.compute.kpis import (
    SUM_COLUMNS,
    compute_kpis,
    displayed,
    displayed_totals,
    kpi_vs_targets,
    platform_label,
)
from toolkit.fmt import Lang

__all__ = ["DashboardData", "compute_dashboard"]


@dataclass(frozen=True)
class DashboardData:
    """Everything the dashboard shows, computed once (frames hold raw numbers)."""

    client: str
    lang: Lang
    currency: str
    start: _dt.date | None
    end: _dt.date | None
    weekly: pd.DataFrame  # platform, campaign, period (week start) + summed volumes + ratios
    totals: dict[str, float]
    by_platform: pd.DataFrame
    kpi_status: pd.DataFrame | None
    alerts: tuple[Alert, ...]
    variance: Any = None
    ereputation: Any = None
    sources: tuple[str, ...] = field(default_factory=tuple)
    monthly: pd.DataFrame | None = None  # platform, campaign, period (month start) + volumes + ratios
    report_date: _dt.date | None = None
    """The date the dashboard is "as of" (case.yaml pilotage.report_date, else the last data day)."""
    rows_after: int = 0
    """Actuals rows dated after ``report_date``: left out of every figure, and said so."""
    action_of: pd.DataFrame | None = None
    """platform, campaign → action_id of the plan (unplanned spend keyed as in the budget
    variance), so that the tracking workbook sums actual costs per action by formula."""
    audience: pd.DataFrame | None = None
    """Audience indicators per channel (:func:`pilotage.compute.audience.audience_kpis`: followers
    and their growth, reach, engagement, brand search, share of voice), when the case has a
    presence plan with organic exports."""


def compute_dashboard(actuals: pd.DataFrame | None, *, targets: pd.DataFrame | None = None, variance: Any = None,
                      ereputation: Any = None, lang: Lang = "fr", client: str = "", currency: str = "EUR",
                      threshold: float = 0.10, campaigns: dict[str, list[tuple[str, str]]] | None = None,
                      back_office: pd.DataFrame | None = None,
                      report_date: _dt.date | None = None, lines: pd.DataFrame | None = None) -> DashboardData:
    """Aggregate actuals per week × campaign, compare with targets, evaluate alerts (pure).

    ``campaigns`` (:func:`pilotage.compute.kpis.action_campaigns`) measures each objective on
    its actions' campaigns; ``back_office`` holds the user's monthly KPIs
    (:func:`pilotage.readers.kpi_input.read_kpi_input`)."""
    cols = ["platform", "campaign", "period", *SUM_COLUMNS]
    if actuals is None or len(actuals) == 0:
        weekly = pd.DataFrame(columns=cols)
        return DashboardData(client, lang, currency, None, None, weekly, {}, pd.DataFrame(), None,
                             (), variance, ereputation, ())
    from pilotage.compute.periods import actuals_as_of

    given = report_date
    daily, as_of, rows_after = actuals_as_of(actuals, report_date)  # the bilan reads them the same way
    if len(daily) == 0:
        weekly = pd.DataFrame(columns=cols)
        return DashboardData(client, lang, currency, None, None, weekly, {}, pd.DataFrame(), None,
                             (), variance, ereputation, (), report_date=given, rows_after=rows_after)
    weekly = compute_kpis(daily, by=("platform", "campaign"), freq="W")
    monthly_campaign = compute_kpis(daily, by=("platform", "campaign"), freq="M")
    # one rounding rule for every view (report, page tiles, platform table): volumes rounded per
    # platform, totals = sum of the platforms, ratios from the rounded volumes
    by_platform = displayed(compute_kpis(daily, by=("platform",), freq=None))
    totals = displayed_totals(by_platform)
    status = (kpi_vs_targets(monthly_campaign, targets, campaigns=campaigns, back_office=back_office,
                             report_date=as_of)
              if targets is not None and len(targets) else None)
    weekly_platform = compute_kpis(daily, by=("platform",), freq="W")
    alerts = evaluate_alerts(status, variance, weekly=weekly_platform, lang=lang, threshold=threshold)
    dates = pd.to_datetime(daily["date"], errors="coerce")
    src = tuple(platform_label(p) for p in sorted(daily["platform"].astype(str).unique()))
    end = dates.max().date()
    action_of = None
    if lines is not None and len(lines):
        from pilotage.compute.variance import UNPLANNED, map_actuals_to_actions

        pairs = weekly[["platform", "campaign"]].drop_duplicates().astype(str)
        action_of = map_actuals_to_actions(pairs, lines)[["platform", "campaign", "action_id"]]
        none = action_of["action_id"].fillna("") == ""
        action_of.loc[none, "action_id"] = (UNPLANNED + " " + action_of.loc[none, "platform"] + ": "
                                            + action_of.loc[none, "campaign"])
    return DashboardData(client, lang, currency, dates.min().date(), end, weekly, totals,
                         by_platform, status, tuple(alerts), variance, ereputation, src, monthly_campaign,
                         report_date=given or end, rows_after=rows_after, action_of=action_of)
