"""Budget variance (contrôle budgétaire, C.4.4): planned vs actual, per action, channel and month.

Convention, stated in every deliverable: **écart = réel − prévu** (variance = actual −
budget), in € and in % of the budget. Whether a variance is *favourable* depends on the line
type, not on the sign: spending less than planned on a **cost** line is favourable; earning
less than planned on a **revenue** line is unfavourable.

What :func:`budget_variance` computes, at a report date (``report_date``, "today"):

* per action × month: budget, budget to date (the report month prorated by days elapsed;
  later months count 0), actual, variance € and %, favourable or not, exception flag;
* per action and per channel, to date: BAC (total budget), planned to date, actual to date,
  variance, **% consumed** (actual / BAC), **remaining** (BAC − actual), **time elapsed**
  (share of the action's planned days gone, shown for information), **pacing** = actual /
  budget to date (1.0 = spending as phased in the plan; > 1 ahead, < 1 behind). The budget to
  date follows each cost line's phasing (``plan.budget.phase_cost``: one-off invoices, monthly
  fees, spread media), so a template invoiced in the first month is not "ahead of time";
* per month, all actions: budget, actual and their **year-to-date cumulation**;
* **control by exception**: the lines whose |variance| exceeds ``threshold`` × budget
  (10 % by default, ``pilotage.alert_threshold`` in case.yaml), or that spend without a budget.

Example::

    budget = pd.DataFrame({"action_id": ["A1", "A1"], "action": ["Search marque"] * 2,
                           "channel": ["SEA"] * 2, "month": ["2027-01", "2027-02"],
                           "budget": [1000.0, 1000.0], "line_type": ["cost"] * 2})
    actual = pd.DataFrame({"action_id": ["A1", "A1"], "month": ["2027-01", "2027-02"],
                           "amount": [1180.0, 900.0]})
    r = budget_variance(budget, actual, report_date=date(2027, 2, 28))
    r.by_action[["budget_to_date", "actual", "variance", "variance_pct"]]
    # 2000.0  2080.0  80.0  0.04   → +4 %: within the 10 % threshold, no exception
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.errors import ComputeError, MissingColumnError
from toolkit.i18n import per_lang

__all__ = ["CONVENTION", "VarianceResult", "YearToDate", "budget_variance", "normalise_line_type", "to_month",
           "variance_status"]

CONVENTION = per_lang("Écart = réel − prévu. Un écart négatif sur une ligne de coût (dépense inférieure au budget) "
          "est favorable ; sur une ligne de recettes, il est défavorable.")

UNPLANNED = "(non prévu)"

_COST = {"cost", "coût", "cout", "charge", "charges", "dépense", "depense", "expense", "spend"}
_REVENUE = {"revenue", "recette", "recettes", "produit", "produits", "ca", "chiffre d'affaires", "income", "sales"}


def normalise_line_type(values: pd.Series) -> pd.Series:
    """``charge`` / ``dépense`` → ``cost``; ``recette`` / ``produit`` / ``CA`` → ``revenue``; blank → ``cost``."""
    v = values.astype(object).where(values.notna(), "").astype(str).str.strip().str.lower()
    out = pd.Series("cost", index=values.index, dtype=object)
    out[v.isin(_REVENUE)] = "revenue"
    unknown = ~v.isin(_COST | _REVENUE | {""})
    if unknown.any():
        bad = sorted(set(v[unknown]))
        raise ComputeError(f"unknown line type(s) {', '.join(repr(b) for b in bad)}",
                           column="line_type", hint="use cost (charge) or revenue (recette)")
    return out


def to_month(values: pd.Series) -> pd.Series:
    """Months as the timestamp of their first day (accepts ``2027-03``, dates, Periods)."""
    if isinstance(values.dtype, pd.PeriodDtype):
        return values.dt.to_timestamp()
    s = pd.to_datetime(values.astype(str).str.slice(0, 10).where(values.notna()), errors="coerce",
                       format="mixed")
    if s.isna().any() and values.notna().any():
        bad = values[s.isna() & values.notna()]
        if len(bad):
            raise ComputeError(f"month {bad.iloc[0]!r} cannot be read", column="month",
                               hint="write months as 2027-03 or a date")
    return s.dt.to_period("M").dt.to_timestamp()


@dataclass(frozen=True)
class YearToDate:
    """Mission-level figures at the report date (€, fractions)."""

    bac: float
    budget_to_date: float
    actual: float
    variance: float
    variance_pct: float | None
    pct_consumed: float | None
    remaining: float
    time_elapsed: float | None
    pacing: float | None
    favourable: bool


@dataclass(frozen=True)
class VarianceResult:
    """Everything :func:`budget_variance` computes (frames with raw numbers, fractions for %)."""

    by_action_month: pd.DataFrame
    by_action: pd.DataFrame
    by_channel: pd.DataFrame
    by_month: pd.DataFrame
    ytd: YearToDate
    pacing: pd.DataFrame
    exceptions: pd.DataFrame
    threshold: float
    report_date: _dt.date
    start: _dt.date
    end: _dt.date

    @property
    def convention(self) -> dict[str, str]:
        return CONVENTION


def variance_status(variance_pct: float | None, favourable: bool, threshold: float) -> str:
    """The status a variance gets under the control-by-exception rule (never contradicting it).

    Within ±``threshold`` of the budget to date: ``good`` (a +1,5 % gap under a ±10 % rule is
    not an alert); beyond it: ``bad`` when unfavourable, ``warning`` when favourable (an
    under-spend to explain). ``None`` (no budget to date) → ``warning``.
    """
    if variance_pct is None or variance_pct != variance_pct:
        return "warning"
    if abs(variance_pct) <= threshold:
        return "good"
    return "warning" if favourable else "bad"


def _favourable(variance: pd.Series, line_type: pd.Series) -> pd.Series:
    cost = line_type.eq("cost")
    return (cost & (variance <= 0)) | (~cost & (variance >= 0))


def _elapsed_in_month(month: pd.Series, report: pd.Timestamp) -> pd.Series:
    """Share of each month elapsed at the end of ``report`` day (1 for past, 0 for future)."""
    end = month + pd.offsets.MonthEnd(0)
    days = (end - month).dt.days + 1
    gone = ((report - month).dt.days + 1).clip(lower=0)
    return (gone / days).clip(upper=1.0)


def _span_elapsed(start: pd.Series, end: pd.Series, report: pd.Timestamp) -> pd.Series:
    total = (end - start).dt.days + 1
    gone = ((report - start).dt.days + 1).clip(lower=0)
    return (gone / total).clip(upper=1.0).where(total > 0)


def _summaries(df: pd.DataFrame, by: list[str], threshold: float, report: pd.Timestamp) -> pd.DataFrame:
    g = df.groupby(by, as_index=False, sort=False, dropna=False).agg(
        budget=("budget", "sum"), budget_to_date=("budget_to_date", "sum"), actual=("actual", "sum"),
        first_month=("first_month", "min"), last_month=("last_month", "max"),
    )
    g["variance"] = g["actual"] - g["budget_to_date"]
    g["variance_pct"] = g["variance"] / g["budget_to_date"].where(g["budget_to_date"] != 0)
    g["pct_consumed"] = g["actual"] / g["budget"].where(g["budget"] != 0)
    g["remaining"] = g["budget"] - g["actual"]
    g["time_elapsed"] = _span_elapsed(g["first_month"], g["last_month"] + pd.offsets.MonthEnd(0), report)
    # pacing against the *phased* budget (one-off invoices, monthly fees…), not the share of
    # time gone: a template invoiced in month 1 is on plan, not "ahead of time"
    g["pacing"] = g["actual"] / g["budget_to_date"].where(g["budget_to_date"] > 0)
    return g


def budget_variance(
    budget: pd.DataFrame,
    actual: pd.DataFrame,
    *,
    threshold: float = 0.10,
    report_date: _dt.date | None = None,
) -> VarianceResult:
    """Compare the planned budget lines with actual amounts (see the module docstring).

    ``budget``: one row per action × month — ``action_id, action, channel, month, budget,
    line_type`` (``cost`` or ``revenue``). ``actual``: ``month, amount`` and either
    ``action_id`` (preferred) or ``channel``; actual rows whose action is not in the budget
    are kept as unplanned (``action`` = ``(non prévu)``), never dropped.
    ``report_date`` defaults to the end of the last month with actuals.
    """
    for col in ("action_id", "month", "budget"):
        if col not in budget.columns:
            raise MissingColumnError(f"the budget lines have no '{col}' column", column=col)
    if "amount" not in actual.columns or "month" not in actual.columns:
        raise MissingColumnError("the actuals need 'month' and 'amount' columns", column="amount")
    key = "action_id" if "action_id" in actual.columns else "channel"
    if key not in actual.columns:
        raise MissingColumnError("the actuals need an 'action_id' or a 'channel' column", column="action_id")
    if budget.empty:
        raise ComputeError("the plan has no budget line", hint="add budget lines to plan.yaml")

    b = budget.copy()
    b["month"] = to_month(b["month"])
    b["action_id"] = b["action_id"].astype(str)
    b["action"] = b["action"].astype(str) if "action" in b else b["action_id"]
    b["channel"] = b["channel"].astype(str) if "channel" in b else ""
    b["line_type"] = normalise_line_type(b["line_type"]) if "line_type" in b else "cost"
    b["budget"] = pd.to_numeric(b["budget"], errors="coerce").fillna(0.0)
    b = b.groupby(["action_id", "month"], as_index=False, sort=False).agg(
        action=("action", "first"), channel=("channel", "first"), line_type=("line_type", "first"),
        budget=("budget", "sum"))

    a = actual.copy()
    a["month"] = to_month(a["month"])
    a["amount"] = pd.to_numeric(a["amount"], errors="coerce").fillna(0.0)
    if key == "channel":
        # spread a channel's actual over its actions in proportion to their budget that month
        a["channel"] = a["channel"].astype(str)
        shares = b.assign(share=b["budget"] / b.groupby(["channel", "month"])["budget"].transform("sum"))
        merged = a.merge(shares[["channel", "month", "action_id", "share"]], on=["channel", "month"], how="left")
        unplanned = merged["action_id"].isna()
        merged.loc[unplanned, "action_id"] = UNPLANNED + " " + merged.loc[unplanned, "channel"]
        merged["share"] = merged["share"].fillna(1.0)
        merged["amount"] = merged["amount"] * merged["share"]
        a = merged
    a["action_id"] = a["action_id"].astype(str)
    a = a.groupby(["action_id", "month"], as_index=False, sort=False).agg(
        actual=("amount", "sum"), **({"a_channel": ("channel", "first")} if "channel" in a else {}))

    df = b.merge(a, on=["action_id", "month"], how="outer")
    info = b.groupby("action_id").agg(i_action=("action", "first"), i_channel=("channel", "first"),
                                      i_type=("line_type", "first"))
    df = df.join(info, on="action_id")
    df["action"] = df["action"].fillna(df["i_action"]).fillna(UNPLANNED)
    ch_fallback = df["a_channel"] if "a_channel" in df else pd.Series("", index=df.index)
    df["channel"] = df["channel"].fillna(df["i_channel"]).fillna(ch_fallback).fillna("")
    df["line_type"] = df["line_type"].fillna(df["i_type"]).fillna("cost")
    df["budget"] = df["budget"].fillna(0.0)
    df["actual"] = df["actual"].fillna(0.0)
    df = df.drop(columns=[c for c in ("i_action", "i_channel", "i_type", "a_channel") if c in df])

    if report_date is None:
        months = df.loc[df["actual"] != 0, "month"]
        if months.empty:
            raise ComputeError("no actual amount to compare with the budget",
                               hint="import your exports with `toolkit pilotage import` first")
        report = months.max() + pd.offsets.MonthEnd(0)
    else:
        report = pd.Timestamp(report_date)
    start = df["month"].min()
    end = df["month"].max() + pd.offsets.MonthEnd(0)

    df["elapsed"] = _elapsed_in_month(df["month"], report)
    df["budget_to_date"] = df["budget"] * df["elapsed"]
    future = df["elapsed"] == 0
    df["variance"] = (df["actual"] - df["budget_to_date"]).where(~future)
    df["variance_pct"] = df["variance"] / df["budget_to_date"].where(df["budget_to_date"] != 0)
    df["favourable"] = _favourable(df["variance"].fillna(0), df["line_type"])
    df["exception"] = ((df["variance_pct"].abs() > threshold)
                       | ((df["budget_to_date"] == 0) & (df["actual"] != 0))) & ~future
    df = df.sort_values(["action_id", "month"], kind="stable").reset_index(drop=True)

    spans = df.loc[df["budget"] > 0].groupby("action_id")["month"].agg(["min", "max"])
    df = df.join(spans.rename(columns={"min": "first_month", "max": "last_month"}), on="action_id")
    df["first_month"] = df["first_month"].fillna(df["month"])
    df["last_month"] = df["last_month"].fillna(df["month"])

    by_action = _summaries(df, ["action_id", "action", "channel", "line_type"], threshold, report)
    by_action["favourable"] = _favourable(by_action["variance"], by_action["line_type"])
    by_action["exception"] = (by_action["variance_pct"].abs() > threshold) | (
        (by_action["budget_to_date"] == 0) & (by_action["actual"] != 0))

    by_channel = _summaries(df, ["channel", "line_type"], threshold, report)
    by_channel["favourable"] = _favourable(by_channel["variance"], by_channel["line_type"])
    by_channel["exception"] = by_channel["variance_pct"].abs() > threshold

    cost = df.loc[df["line_type"] == "cost"]
    by_month = cost.groupby("month", as_index=False, sort=True).agg(
        budget=("budget", "sum"), budget_to_date=("budget_to_date", "sum"), actual=("actual", "sum"))
    by_month["future"] = by_month["month"] > report
    by_month.loc[by_month["future"], "actual"] = np.nan
    by_month["variance"] = by_month["actual"] - by_month["budget_to_date"]
    by_month["variance_pct"] = by_month["variance"] / by_month["budget_to_date"].where(by_month["budget_to_date"] != 0)
    by_month["cumulative_budget"] = by_month["budget"].cumsum()
    by_month["cumulative_budget_to_date"] = by_month["budget_to_date"].cumsum()
    by_month["cumulative_actual"] = by_month["actual"].cumsum().where(~by_month["future"])
    by_month["cumulative_variance"] = by_month["cumulative_actual"] - by_month["cumulative_budget_to_date"]
    by_month = by_month.drop(columns="future")

    bac = float(cost["budget"].sum())
    pv = float(cost["budget_to_date"].sum())
    ac = float(cost["actual"].sum())
    elapsed = float(_span_elapsed(pd.Series([start]), pd.Series([end]), report).iloc[0])
    ytd = YearToDate(
        bac=bac, budget_to_date=pv, actual=ac, variance=ac - pv,
        variance_pct=(ac - pv) / pv if pv else None,
        pct_consumed=ac / bac if bac else None, remaining=bac - ac,
        time_elapsed=elapsed, pacing=ac / pv if pv else None,
        favourable=ac <= pv,
    )

    pacing = by_action[["action_id", "action", "channel", "line_type", "budget", "actual",
                        "pct_consumed", "time_elapsed", "pacing"]].copy()
    pacing["status"] = np.select(
        [pacing["pacing"] > 1 + threshold, pacing["pacing"] < 1 - threshold, pacing["pacing"].notna()],
        ["ahead", "behind", "on_track"], default="not_started")

    ex_action = by_action.loc[by_action["exception"]].assign(level="action", month=pd.NaT)
    ex_month = df.loc[df["exception"]].assign(level="action_month")
    cols = ["level", "action_id", "action", "channel", "line_type", "month", "budget_to_date", "actual",
            "variance", "variance_pct", "favourable"]
    exceptions = pd.concat([ex_action[cols], ex_month[cols]], ignore_index=True)
    exceptions = exceptions.assign(_abs=exceptions["variance"].abs()).sort_values(
        ["level", "_abs"], ascending=[True, False], kind="stable").drop(columns="_abs").reset_index(drop=True)

    by_action_month = df.drop(columns=["elapsed", "first_month", "last_month"])
    return VarianceResult(
        by_action_month=by_action_month,
        by_action=by_action.drop(columns=["first_month", "last_month"]),
        by_channel=by_channel.drop(columns=["first_month", "last_month"]),
        by_month=by_month, ytd=ytd, pacing=pacing, exceptions=exceptions, threshold=threshold,
        report_date=report.date(), start=start.date(), end=end.date(),
    )


# ---------------------------------------------------------------------------------------
# Actuals → plan actions

#: The plan's channel for actuals no action claims (their platform decides).
PLATFORM_CHANNEL = {"google_ads": "search", "meta": "social", "emailing": "email", "ga4": "data",
                    "generic": "autre"}


def map_actuals_to_actions(actuals: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Attach ``action_id``, ``action`` and ``channel`` of the plan to each actuals row.

    A row belongs to the first action (in plan order) whose ``platform`` equals the row's and
    one of whose ``campaigns`` patterns (``;``-joined, fnmatch, case-insensitive) matches the
    campaign name. Rows of a generic table (invoices, offline costs) also match an action by
    its id (``A5``, ``A5 — tournage``) or its exact name. Unmatched rows keep an empty
    ``action_id`` and the channel of their platform (:data:`PLATFORM_CHANNEL`).
    """
    import fnmatch
    import re

    acts = lines.drop_duplicates("action_id")[
        [c for c in ("action_id", "action", "channel", "platform", "campaigns") if c in lines.columns]]
    pairs = actuals[["platform", "campaign"]].drop_duplicates()
    mapping: list[tuple[str, str, str, str, str]] = []
    for platform, campaign in pairs.itertuples(index=False, name=None):
        name = str(campaign).casefold()
        hit = None
        for a in acts.itertuples(index=False):
            pats = [p.strip().casefold() for p in str(getattr(a, "campaigns", "") or "").split(";") if p.strip()]
            same_platform = str(getattr(a, "platform", "")) == platform
            if same_platform and any(fnmatch.fnmatchcase(name, p) for p in pats):
                hit = a
                break
        if hit is None and platform not in ("google_ads", "meta", "ga4"):
            for a in acts.itertuples(index=False):
                aid = str(a.action_id).casefold()
                if name == str(a.action).casefold() or re.match(rf"^{re.escape(aid)}(\b|[\s:—–-])", name):
                    hit = a
                    break
        if hit is None:
            mapping.append((platform, campaign, "", "", PLATFORM_CHANNEL.get(platform, platform)))
        else:
            mapping.append((platform, campaign, str(hit.action_id), str(hit.action), str(hit.channel)))
    m = pd.DataFrame(mapping, columns=["platform", "campaign", "action_id", "action", "channel"])
    return actuals.merge(m, on=["platform", "campaign"], how="left")


def actual_costs_by_action_month(actuals: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Spend (€) per action × month, ready for :func:`budget_variance` (unplanned spend keyed
    ``(non prévu) <platform>: <campaign>``). Multi-day rows are prorated by day."""
    from pilotage.compute.periods import spread_by_day

    spend = actuals.loc[actuals["spend"].notna() & (actuals["spend"] != 0)]
    if spend.empty:
        return pd.DataFrame({"action_id": pd.Series(dtype=str), "channel": pd.Series(dtype=str),
                             "month": pd.Series(dtype="datetime64[ns]"), "amount": pd.Series(dtype=float)})
    daily = spread_by_day(spend, ("spend",))
    daily = daily.assign(month=daily["date"].dt.to_period("M").dt.to_timestamp())
    agg = daily.groupby(["platform", "campaign", "month"], as_index=False)["spend"].sum()
    mapped = map_actuals_to_actions(agg, lines)
    none = mapped["action_id"] == ""
    mapped.loc[none, "action_id"] = (UNPLANNED + " " + mapped.loc[none, "platform"] + ": "
                                     + mapped.loc[none, "campaign"])
    return (mapped.groupby(["action_id", "channel", "month"], as_index=False)["spend"].sum()
            .rename(columns={"spend": "amount"}))
