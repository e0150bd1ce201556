"""Tracking gaps: days when the ad platforms sent visitors that the site analytics did not record.

A paid click that lands on the site opens a session in the web analytics (GA4) tagged with its
campaign: on a normal day a campaign's sessions are a stable share of its clicks (70–95 %:
some visitors leave before the page loads or refuse the analytics cookies). When the tag is lost
— a site update that drops it, a consent banner that blocks it — the ad platforms go on counting
clicks and conversions (they measure on their side) while the site records almost nothing: every
site figure of those days (sessions, key events, revenue) is missing, and a conversion rate or a
ROAS computed on the site scope is wrong for the period.

:func:`tracking_gaps` compares, day by day, the clicks the ad platforms report (media scope) with
the sessions the web analytics records (site scope) **on the same campaigns** (campaign names
shared by both: the UTM ``utm_campaign`` is the ad campaign's name). A day is *unmeasured* when the
campaigns drew at least :data:`MIN_CLICKS` clicks and the site recorded fewer than
:data:`RATIO_FLOOR` sessions per click (a fifth of the usual share at least); at least
:data:`MIN_DAYS` consecutive unmeasured days form a gap (one bad day is left alone: a late
export, a partial outage). Each gap gives its first and last day, the clicks and sessions of those
days, and the usual sessions-per-click ratio measured on the other days.

Example::

    from pilotage.store.actuals import load_actuals
    gaps = tracking_gaps(load_actuals(case))   # one row per gap, empty frame when none
"""

from __future__ import annotations

import pandas as pd

from pilotage.compute.kpis import SITE_PLATFORMS

__all__ = ["MIN_CLICKS", "MIN_DAYS", "RATIO_FLOOR", "TRACKING_GAP_COLUMNS", "tracking_gaps"]

#: Clicks a day must have (on the campaigns both sides know) to be judged at all.
MIN_CLICKS = 20
#: Sessions per click below which a day counts as unmeasured (the usual share is 0.7–0.95).
RATIO_FLOOR = 0.2
#: Consecutive unmeasured days that make a gap.
MIN_DAYS = 2

TRACKING_GAP_COLUMNS = ("start", "end", "days", "clicks", "sessions", "usual_ratio", "campaigns")
_AD_PLATFORMS = ("google_ads", "meta")


def _daily(actuals: pd.DataFrame, platforms: tuple[str, ...], metric: str) -> pd.DataFrame:
    rows = actuals.loc[actuals["platform"].isin(platforms) & (actuals["date"] == actuals["period_end"])
                       & (actuals["campaign"] != "")]
    return rows.groupby(["date", "campaign"], as_index=False)[metric].sum(min_count=1)


def tracking_gaps(actuals: pd.DataFrame, *, min_clicks: int = MIN_CLICKS, ratio_floor: float = RATIO_FLOOR,
                  min_days: int = MIN_DAYS) -> pd.DataFrame:
    """Periods when the site analytics recorded (almost) none of the ad platforms' clicks.

    ``actuals``: the actuals table (:mod:`pilotage.store.actuals`), daily rows. Returns one row per
    gap with :data:`TRACKING_GAP_COLUMNS`: ``start`` and ``end`` (dates, inclusive), ``days``,
    ``clicks`` (media scope) and ``sessions`` (site scope) of those days on the shared campaigns,
    ``usual_ratio`` (sessions / clicks on the judged days outside every gap) and ``campaigns``
    (the campaigns that had clicks during the gap, sorted). Empty when either side is missing.
    """
    empty = pd.DataFrame({c: [] for c in TRACKING_GAP_COLUMNS})
    if actuals.empty:
        return empty
    media = _daily(actuals, _AD_PLATFORMS, "clicks")
    site = _daily(actuals, SITE_PLATFORMS, "sessions")
    shared = set(media["campaign"]) & set(site["campaign"])
    if not shared:
        return empty
    media = media.loc[media["campaign"].isin(shared)]
    # a campaign is judged from the first day the site ever recorded it (before that: not yet tagged)
    first_seen = site.loc[site["sessions"] > 0].groupby("campaign")["date"].min()
    media = media.loc[media["date"] >= media["campaign"].map(first_seen)]
    site = site.loc[site["campaign"].isin(shared)]
    day = media.groupby("date")["clicks"].sum().to_frame("clicks")
    day["sessions"] = site.groupby("date")["sessions"].sum().reindex(day.index).fillna(0.0)
    # days inside the site's reporting period only (a GA4 export that ends earlier says nothing)
    day = day.loc[(day.index >= site["date"].min()) & (day.index <= site["date"].max())]
    judged = day.loc[day["clicks"] >= min_clicks]
    low = judged["sessions"] < ratio_floor * judged["clicks"]
    runs: list[list[pd.Timestamp]] = []
    for d, is_low in low.items():
        if is_low and runs and runs[-1] and (d - runs[-1][-1]).days == 1:
            runs[-1].append(d)
        elif is_low:
            runs.append([d])
    runs = [r for r in runs if len(r) >= min_days]
    if not runs:
        return empty
    in_gap = judged.index.isin([d for r in runs for d in r])
    normal = judged.loc[~in_gap]
    usual = float(normal["sessions"].sum() / normal["clicks"].sum()) if normal["clicks"].sum() else float("nan")
    out = []
    for r in runs:
        part = judged.loc[r]
        camps = media.loc[media["date"].isin(r) & (media["clicks"] > 0), "campaign"]
        out.append((r[0].date(), r[-1].date(), len(r), int(part["clicks"].sum()), int(part["sessions"].sum()), usual,
                    tuple(sorted(set(camps)))))
    return pd.DataFrame(out, columns=list(TRACKING_GAP_COLUMNS))
