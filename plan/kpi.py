"""The KPI tree: objective → KPI → actions, with a target for every month.

How a target is spread over the months depends on what the KPI measures (``model.KPI_KINDS``):

- a **level** (active subscribers, online revenue share, followers) is reached step by step:
  the target of a month is the value to reach *at its end*, on the straight line from the
  baseline (at the objective's start) to the target (at the deadline) — ``cumulative = True``;
- a **flow** (revenue, conversions, sessions) is a total over the period, split by month half
  evenly and half in proportion to the budget of the actions serving the objective (sales go
  on after a campaign ends) — ``cumulative = False`` (per-month amounts);
- a **ratio** (CTR, CPA, ROAS, open rate) is the same target every month — ``cumulative = False``.

An objective whose ``scope`` is ``total`` (its target includes the client's existing business,
its ``baseline``) is tracked, for a flow, on the increment ``target − baseline``: the campaigns'
results are compared with what they must add, not with the shop's whole revenue.

``pilotage`` reads this table (``plan.api.plan_kpi_targets``) to compare actuals with targets.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from plan.model import KPI_KINDS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from plan.model import Plan
    from plan.schedule import ActionDates

__all__ = ["KPI_COLUMNS", "kpi_targets", "month_starts"]

KPI_COLUMNS = ["objective_id", "objective", "kpi", "month", "target", "cumulative", "kind", "direction",
               "channel", "actions", "baseline", "nature", "scope"]


def month_starts(start: _dt.date, end: _dt.date) -> list[_dt.date]:
    out = []
    cur = start.replace(day=1)
    while cur <= end:
        out.append(cur)
        cur = cur.replace(year=cur.year + 1, month=1) if cur.month == 12 else cur.replace(month=cur.month + 1)
    return out


def _month_end(m: _dt.date) -> _dt.date:
    nxt = m.replace(year=m.year + 1, month=1) if m.month == 12 else m.replace(month=m.month + 1)
    return nxt - _dt.timedelta(days=1)


def _spread(kpi: str, nature: str, cumulative: bool | None, baseline: float | None, target: float,
            start: _dt.date, deadline: _dt.date, weights: Mapping[_dt.date, float]) -> list[tuple[_dt.date, float, bool]]:
    months = month_starts(start, deadline)
    if nature == "level" or (cumulative and nature != "flow"):
        base = target if baseline is None else baseline
        span = max((deadline - start).days + 1, 1)  # days in the window, both ends included
        out = []
        for m in months:
            t = min(max((min(_month_end(m), deadline) - start).days + 1, 0), span) / span
            out.append((m, base + (target - base) * t, True))
        out[-1] = (months[-1], target, True)
        return out
    if nature == "ratio":
        return [(m, target, False) for m in months]
    w = [max(weights.get(m, 0.0), 0.0) for m in months]
    total_w = sum(w)
    n = len(months)
    # half spread evenly (sales go on after a campaign), half in proportion to the spend
    w = [0.5 / n + 0.5 * x / total_w for x in w] if total_w > 0 else [1.0 / n] * n
    per = [target * x for x in w]
    if cumulative:
        acc, out = 0.0, []
        for m, v in zip(months, per, strict=True):
            acc += v
            out.append((m, acc, True))
        return out
    return [(m, v, False) for m, v in zip(months, per, strict=True)]


def kpi_targets(plan: Plan, dates: Mapping[str, ActionDates], monthly: pd.DataFrame,
                mission_start: _dt.date | None = None) -> pd.DataFrame:
    """One row per objective × KPI × month (see :data:`KPI_COLUMNS`)."""
    import pandas as pd

    default_start = mission_start or (min(d.start for d in dates.values()) if dates else None)
    rows = []
    for o in plan.objectives:
        served = [a.id for a in plan.actions if o.id in a.objectives]
        start = o.start or default_start or o.deadline.replace(day=1)
        sub = monthly[monthly["action_id"].isin(served)] if len(monthly) else monthly
        weights: dict[_dt.date, float] = {}
        if len(sub):
            for m, v in sub.groupby("month")["budget"].sum().items():
                weights[pd.Timestamp(m).date()] = float(v)
        specs = [(o.kpi, o.baseline, o.target, o.channel, o.cumulative, o.scope)]
        specs += [(i.kpi, i.baseline, i.target, i.channel, None, "incremental") for i in o.indicators]
        for kpi, baseline, target, channel, cumulative, scope in specs:
            kind, direction, nature = KPI_KINDS.get(kpi, ("number", "higher", "flow"))
            if scope == "total" and nature == "flow" and baseline is not None:
                # a total target (existing revenue included) is tracked on what the actions add to it
                target = target - baseline
            for month, value, cum in _spread(kpi, nature, cumulative, baseline, target, start, o.deadline, weights):
                if kind == "integer" and nature == "level":
                    value = round(value)
                rows.append({"objective_id": o.id, "objective": o.name, "kpi": kpi, "month": pd.Timestamp(month),
                             "target": float(value), "cumulative": cum, "kind": kind, "direction": direction,
                             "channel": channel, "actions": ";".join(served),
                             "baseline": float(baseline) if baseline is not None else float("nan"),
                             "nature": nature, "scope": scope})
    return pd.DataFrame(rows, columns=KPI_COLUMNS)
