"""The forecast budget: cost lines → by action, component, channel and month; envelope check.

Every cost is ``quantity × unit cost`` (€ excl. VAT) with the source of the price (provider
quote or market norm). A cost falls in the months of its action pro rata of the days
(``phasing: spread``, the default), the same amount each month (``monthly``), all at once
(``{one-off: 2027-01-22}``, or ``end``), or as given per month (``{months: {…}}``) — see
:func:`phase_cost`. Budget to date, pacing and earned value in ``pilotage`` use this phasing::

    action 2027-03-15 → 2027-04-14, 3 000 € spread: March 17/31 days → 1 645,16 €,
                                                    April 14/31 days → 1 354,84 €

Total = Σ cost lines; contingency reserve = total × rate (10 % by default — the usual
management reserve of project budgets); committed = total + contingency; compared with the
envelope (``settings.envelope`` or case.yaml ``brief.constraints.budget``). Over the envelope
is an error or a warning, by ``settings.over_budget``. Shares are fractions of the total
before contingency.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.costs import commitment
from toolkit.errors import ComputeError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from plan.model import Phasing, Plan
    from plan.schedule import ActionDates

__all__ = ["BudgetSummary", "cost_lines", "monthly_budget", "phase_cost", "phasing_text", "spread_by_month",
           "summarize_budget"]


def phase_cost(start: _dt.date, end: _dt.date, amount: float, phasing: Phasing | str = "spread") -> dict[_dt.date, float]:
    """``{first day of month: amount}`` of one cost line of an action running ``start``–``end``.

    ``phasing`` is a :class:`plan.model.Phasing` (or its kind as a word). Worked example, an
    8-month action 2027-02-01 → 2027-09-30 with a 1 500 € template invoiced on 2027-01-22
    (``one-off``) and a 65 €/month licence (``monthly``, 520 €): January 1 500 €, then 65 € in
    each month February → September — not 252,50 € a month from February as ``spread`` would.
    """
    from plan.model import Phasing

    p = phasing if isinstance(phasing, Phasing) else Phasing.model_validate(phasing)
    if end < start:
        raise ComputeError(f"end {end} is before start {start}")
    if p.kind == "one-off":
        return {(p.date or start).replace(day=1): float(amount)}
    if p.kind == "end":
        return {end.replace(day=1): float(amount)}
    if p.kind == "months":
        given = sum(p.months.values())
        scale = float(amount) / given if given else 0.0
        out: dict[_dt.date, float] = {}
        for key, v in sorted(p.months.items()):
            month = _dt.date(int(key[:4]), int(key[5:7]), 1)
            out[month] = out.get(month, 0.0) + v * scale
        return out
    if p.kind == "monthly":
        months = []
        cur = start.replace(day=1)
        while cur <= end:
            months.append(cur)
            cur = cur.replace(year=cur.year + 1, month=1) if cur.month == 12 else cur.replace(month=cur.month + 1)
        return {m: float(amount) / len(months) for m in months}
    return spread_by_month(start, end, amount)


def spread_by_month(start: _dt.date, end: _dt.date, amount: float, timing: str = "spread") -> dict[_dt.date, float]:
    """``{first day of month: amount}``; pro rata of days for ``spread`` (end inclusive);
    other phasings (``start``, ``end``, ``monthly`` …) go through :func:`phase_cost`."""
    if end < start:
        raise ComputeError(f"end {end} is before start {start}")
    if timing != "spread":
        return phase_cost(start, end, amount, timing)
    total_days = (end - start).days + 1
    out: dict[_dt.date, float] = {}
    cur = start
    while cur <= end:
        month = cur.replace(day=1)
        nxt = (month.replace(year=month.year + 1, month=1) if month.month == 12
               else month.replace(month=month.month + 1))
        last = min(end, nxt - _dt.timedelta(days=1))
        days = (last - cur).days + 1
        out[month] = out.get(month, 0.0) + amount * days / total_days
        cur = nxt
    return out


def phasing_text(p: Phasing) -> str:
    """The phasing as written in plan.xlsx: ``spread``, ``one-off 2027-01-22``, ``2027-02=350; …``."""
    if p.kind == "one-off":
        return f"one-off {p.date.isoformat()}" if p.date else "one-off"
    if p.kind == "months":
        return "; ".join(f"{k}={v:g}" for k, v in sorted(p.months.items()))
    return p.kind


def cost_lines(plan: Plan) -> pd.DataFrame:
    """One row per cost line: action, channel, component, quantity × unit cost = amount, source."""
    import pandas as pd

    rows = []
    for a in plan.actions:
        for c in a.costs:
            rows.append({
                "action_id": a.id, "action": a.name, "channel": a.channel, "platform": a.platform,
                "type": a.type, "priority": a.priority, "component": c.component, "label": c.label, "quantity": float(c.quantity), "unit": c.unit,
                "unit_cost": float(c.unit_cost), "amount": c.amount, "source": c.source,
                "reference": c.reference, "timing": c.timing,
                "phasing": phasing_text(c.phasing),
            })
    cols = ["action_id", "action", "channel", "platform", "type", "priority", "component", "label", "quantity",
            "unit", "unit_cost", "amount", "source", "reference", "timing", "phasing"]
    return pd.DataFrame(rows, columns=cols)


def monthly_budget(plan: Plan, dates: Mapping[str, ActionDates]) -> pd.DataFrame:
    """Long table: action_id, action, channel, platform, campaigns, component, month, budget (€)."""
    import pandas as pd

    rows = []
    for a in plan.actions:
        d = dates[a.id]
        for c in a.costs:
            for month, amount in phase_cost(d.start, d.end, c.amount, c.phasing).items():
                rows.append({"action_id": a.id, "action": a.name, "channel": a.channel, "platform": a.platform,
                             "campaigns": ";".join(a.campaigns), "component": c.component,
                             "month": pd.Timestamp(month), "budget": amount})
    cols = ["action_id", "action", "channel", "platform", "campaigns", "component", "month", "budget"]
    return pd.DataFrame(rows, columns=cols)


@dataclass(frozen=True)
class BudgetSummary:
    total: float
    contingency_rate: float
    contingency: float
    committed: float
    envelope: float | None
    remaining: float | None
    """envelope − committed (negative = over budget)."""
    by_action: pd.DataFrame
    by_component: pd.DataFrame
    by_channel: pd.DataFrame
    by_month: pd.DataFrame
    by_source: pd.DataFrame
    by_type: pd.DataFrame
    by_priority: pd.DataFrame

    @property
    def over_budget(self) -> bool:
        return self.remaining is not None and self.remaining < -0.005

    @property
    def envelope_use(self) -> float | None:
        return None if not self.envelope else self.committed / self.envelope


def summarize_budget(lines: pd.DataFrame, monthly: pd.DataFrame, contingency_rate: float,
                     envelope: float | None) -> BudgetSummary:
    """Totals, contingency, envelope and the breakdowns (with share of the total)."""
    import pandas as pd

    total = float(lines["amount"].sum())

    def group(col: str | list[str]) -> pd.DataFrame:
        g = lines.groupby(col, sort=False)["amount"].sum().reset_index().rename(columns={"amount": "budget"})
        g["share"] = g["budget"] / total if total else 0.0
        return g.sort_values("budget", ascending=False, kind="stable").reset_index(drop=True)

    by_action = lines.groupby(["action_id", "action", "channel"], sort=False)["amount"].sum().reset_index()
    by_action = by_action.rename(columns={"amount": "budget"})
    if len(lines):
        comp = lines.pivot_table(index="action_id", columns="component", values="amount", aggfunc="sum", fill_value=0.0)
        by_action = by_action.merge(comp, left_on="action_id", right_index=True, how="left")
    by_action["share"] = by_action["budget"] / total if total else 0.0
    by_month = (monthly.groupby(["month", "channel"])["budget"].sum().unstack(fill_value=0.0)
                if len(monthly) else pd.DataFrame(index=pd.DatetimeIndex([], name="month")))
    by_month["total"] = by_month.sum(axis=1)
    by_month["cumulative"] = by_month["total"].cumsum()
    contingency, committed = commitment(total, contingency_rate)
    remaining = None if envelope is None else envelope - committed
    return BudgetSummary(total=total, contingency_rate=contingency_rate, contingency=contingency,
                         committed=committed, envelope=envelope, remaining=remaining, by_action=by_action,
                         by_component=group("component"), by_channel=group("channel"), by_month=by_month,
                         by_source=group("source"),
                         by_type=group("type") if "type" in lines else group("source").iloc[0:0],
                         by_priority=group("priority") if "priority" in lines else group("source").iloc[0:0])
