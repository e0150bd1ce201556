"""KPIs from the actuals table, and how they stand against the plan's targets.

Every ratio is computed from **summed numerators and denominators** over the group and
period (a weekly CTR is Σclics / Σimpressions of the week, never the mean of daily CTRs),
and a zero denominator gives NaN (shown as "—"), never ``inf``.

Formulas (IAB / Google Ads / Meta definitions; GA4 for the session ones):

=====================  =======================================  ======================
KPI                    formula                                  unit
=====================  =======================================  ======================
``ctr``                clicks / impressions                     fraction (× 100 = %)
``cpc``                media spend / clicks                     € per click
``cpm``                media spend / impressions × 1 000        € per 1 000 impressions
``cpa``                media spend / conversions                € per conversion
``roas``               conversion_value / media spend           € of sales per € spent
``conversion_rate``    conversions / clicks                     fraction
``engagement_rate``    engagements / impressions                fraction
``frequency``          impressions / reach                      impressions per person
``ga4_engagement_rate`` engaged_sessions / sessions             fraction (GA4)
=====================  =======================================  ======================

**Media spend** is the spend of the rows that report impressions or clicks (ad platforms,
e-mailing): invoices without delivery figures (production, fees — the generic table) count
in total spend but would distort CPC, CPM, CPA and ROAS, so cost ratios leave them out.

Reach is summed over the rows of a group: platforms report reach per row (day, ad), and
unique people cannot be de-duplicated across rows, so summed reach is an upper bound and the
frequency computed from it a lower bound — say so when you present it.

Example::

    weekly = compute_kpis(actuals, by=("platform", "campaign"), freq="W")
    status = kpi_vs_targets(compute_kpis(actuals, by=("platform",), freq="M"), targets)
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.errors import ComputeError, InputError
from toolkit.i18n import per_lang
from toolkit.io import normalize_header
from toolkit.metrics import kpi_id

__all__ = [
    "VOLUME_DECIMALS",
    "displayed",
    "displayed_totals",
    "round_half_up",
    "round_keeping_total",
    "KPI_DEFS",
    "RATIO_KPIS",
    "SUM_COLUMNS",
    "KpiDef",
    "action_campaigns",
    "add_ratios",
    "compute_kpis",
    "kpi_id",  # from toolkit.metrics, where the plan asks it too
    "kpi_vs_targets",
    "latest_status",
    "platform_label",
    "total_kpis",
]

#: Additive columns of the actuals table (summed before any ratio is taken). ``media_spend`` is
#: derived: the spend of the rows that report impressions or clicks (see :func:`compute_kpis`).
SUM_COLUMNS = (
    "spend", "media_spend", "impressions", "reach", "clicks", "conversions", "conversion_value",
    "engagements", "video_views", "sessions", "users", "engaged_sessions", "key_events", "site_revenue",
    "site_conversions",
)

#: Scopes (see :mod:`toolkit.metrics`): platforms whose conversions are *media* (each platform's
#: own attribution) and the web-analytics platforms whose revenue is the *site* scope. GA4
#: revenue overlaps the platforms' conversion value: it goes to ``site_revenue`` /
#: ``site_conversions`` and never into ``conversion_value``, so no sum mixes the two.
MEDIA_PLATFORMS = ("google_ads", "meta", "emailing")
SITE_PLATFORMS = ("ga4",)


@dataclass(frozen=True)
class KpiDef:
    """One KPI: id, labels, numerator / denominator column (``den`` None for a volume),
    multiplier (1,000 for CPM), display kind and good direction (``up``, ``down``, ``neutral``)."""

    id: str
    fr: str
    en: str
    num: str
    den: str | None
    mult: float
    kind: str
    direction: str

    def label(self, lang: str) -> str:
        """The glossary's name (:mod:`toolkit.metrics`) when the KPI is in it: one name everywhere."""
        from toolkit.metrics import metrics

        m = metrics().get(self.id)
        if m is not None:
            return m.label(lang)
        return self.fr if lang == "fr" else self.en


#: Ratio KPIs, in display order. ``direction``: "up" = higher is better, "down" = lower is better.
RATIO_KPIS: tuple[KpiDef, ...] = (
    KpiDef("ctr", "Taux de clic (CTR)", "Click-through rate (CTR)", "clicks", "impressions", 1.0, "percent", "up"),
    KpiDef("cpc", "Coût par clic (CPC)", "Cost per click (CPC)", "media_spend", "clicks", 1.0, "currency", "down"),
    KpiDef("cpm", "Coût pour mille (CPM)", "Cost per mille (CPM)", "media_spend", "impressions", 1000.0, "currency", "down"),
    KpiDef("cpa", "Coût par conversion (CPA)", "Cost per acquisition (CPA)", "media_spend", "conversions", 1.0, "currency", "down"),
    KpiDef("roas", "ROAS", "ROAS", "conversion_value", "media_spend", 1.0, "number", "up"),
    KpiDef("conversion_rate", "Taux de conversion", "Conversion rate", "conversions", "clicks", 1.0, "percent", "up"),
    KpiDef("engagement_rate", "Taux d'engagement", "Engagement rate", "engagements", "impressions", 1.0, "percent", "up"),
    KpiDef("frequency", "Fréquence", "Frequency", "impressions", "reach", 1.0, "number", "down"),
    KpiDef("ga4_engagement_rate", "Taux d'engagement GA4", "GA4 engagement rate", "engaged_sessions", "sessions", 1.0, "percent", "up"),
)

_VOLUME_KPIS: tuple[KpiDef, ...] = (
    KpiDef("spend", "Dépenses", "Spend", "spend", None, 1.0, "currency", "neutral"),
    KpiDef("media_spend", "Dépenses média", "Media spend", "media_spend", None, 1.0, "currency", "neutral"),
    KpiDef("impressions", "Impressions", "Impressions", "impressions", None, 1.0, "integer", "up"),
    KpiDef("reach", "Couverture", "Reach", "reach", None, 1.0, "integer", "up"),
    KpiDef("clicks", "Clics", "Clicks", "clicks", None, 1.0, "integer", "up"),
    KpiDef("conversions", "Conversions", "Conversions", "conversions", None, 1.0, "number", "up"),
    KpiDef("conversion_value", "Valeur des conversions", "Conversion value", "conversion_value", None, 1.0, "currency", "up"),
    KpiDef("engagements", "Engagements", "Engagements", "engagements", None, 1.0, "integer", "up"),
    KpiDef("video_views", "Vues de vidéo", "Video views", "video_views", None, 1.0, "integer", "up"),
    KpiDef("sessions", "Sessions", "Sessions", "sessions", None, 1.0, "integer", "up"),
    KpiDef("users", "Utilisateurs", "Users", "users", None, 1.0, "integer", "up"),
    KpiDef("engaged_sessions", "Sessions engagées", "Engaged sessions", "engaged_sessions", None, 1.0, "integer", "up"),
    KpiDef("key_events", "Événements clés", "Key events", "key_events", None, 1.0, "number", "up"),
    KpiDef("site_revenue", "CA du site (GA4)", "Site revenue (GA4)", "site_revenue", None, 1.0, "currency", "up"),
    KpiDef("site_conversions", "Conversions du site (GA4)", "Site conversions (GA4)", "site_conversions", None, 1.0,
           "number", "up"),
)

KPI_DEFS: dict[str, KpiDef] = {k.id: k for k in (*RATIO_KPIS, *_VOLUME_KPIS)}

def _safe_div(num: pd.Series, den: pd.Series) -> pd.Series:
    """num / den with NaN (not inf) where den is 0 or missing."""
    num = pd.to_numeric(num, errors="coerce").astype("float64")
    den = pd.to_numeric(den, errors="coerce").astype("float64")
    out = num / den.where(den != 0)
    return out.replace([np.inf, -np.inf], np.nan)


def add_ratios(frame: pd.DataFrame) -> pd.DataFrame:
    """Add every ratio KPI column to a frame of *summed* volumes (missing inputs → NaN)."""
    out = frame.copy()
    for c in SUM_COLUMNS:
        if c not in out.columns:
            out[c] = out["spend"] if c == "media_spend" and "spend" in out.columns else np.nan
    for k in RATIO_KPIS:
        out[k.id] = _safe_div(out[k.num], out[k.den]) * k.mult
    return out


def _period_start(dates: pd.Series, freq: str) -> pd.Series:
    if freq == "D":
        return dates.dt.normalize()
    if freq == "W":  # ISO weeks, Monday start
        d = dates.dt.normalize()
        return d - pd.to_timedelta(d.dt.day_of_week, unit="D")
    if freq == "M":
        return dates.dt.to_period("M").dt.to_timestamp()
    raise ValueError(f"freq must be 'D', 'W', 'M' or None, not {freq!r}")


def compute_kpis(actuals: pd.DataFrame, *, by: Sequence[str] = ("platform", "campaign"),
                 freq: str | None = "W") -> pd.DataFrame:
    """Summed volumes and ratio KPIs per ``by`` group and period.

    ``freq``: ``"D"`` (day), ``"W"`` (ISO week, starting Monday), ``"M"`` (calendar month) or
    ``None`` (whole period). The period column ``period`` holds the first day of the period.
    Rows without a date are kept only when ``freq`` is None. Missing volume columns give NaN.
    """
    by = list(by)
    missing = [c for c in by if c not in actuals.columns]
    if missing:
        raise InputError(f"the actuals table has no column {', '.join(missing)} to group KPIs by",
                         hint=f"columns found: {', '.join(map(str, actuals.columns))}")
    df = actuals
    cols = [c for c in SUM_COLUMNS if c in df.columns and c != "media_spend"]
    work = df[by + cols].copy()
    for c in cols:
        work[c] = pd.to_numeric(work[c], errors="coerce").astype("float64")
    if "platform" in df.columns:
        site = df["platform"].astype("string").fillna("").isin(SITE_PLATFORMS).to_numpy()
        if site.any():
            for src, dst in (("conversion_value", "site_revenue"), ("conversions", "site_conversions")):
                if src in work.columns:
                    work[dst] = work[src].where(site)
                    work[src] = work[src].where(~site)
                    if dst not in cols:
                        cols.append(dst)
    if "spend" in work.columns:
        delivered = pd.Series(False, index=work.index)
        for c in ("impressions", "clicks"):
            if c in work.columns:
                delivered |= work[c].notna()
        if "platform" in df.columns:  # web analytics is never media, whatever it reports
            delivered &= ~df["platform"].astype("string").fillna("").isin(SITE_PLATFORMS).to_numpy()
        work["media_spend"] = work["spend"].where(delivered)
        cols.append("media_spend")
    keys = list(by)
    if freq is not None:
        if "date" not in df.columns:
            raise InputError("the actuals table has no 'date' column", hint="import the exports with `toolkit pilotage import`")
        dates = pd.to_datetime(df["date"], errors="coerce")
        work["period"] = _period_start(dates, freq)
        work = work[work["period"].notna()]
        keys.append("period")
    for c in by:
        work[c] = work[c].astype("string").fillna("")
    if keys:
        grouped = work.groupby(keys, sort=True, dropna=False, observed=True)[cols].sum(min_count=1).reset_index()
    else:
        grouped = work[cols].sum(min_count=1).to_frame().T
    return add_ratios(grouped)


#: Decimals of each summed volume wherever a deliverable shows or adds it up: cents for money,
#: hundredths for conversions (platforms report fractional, data-driven conversions), whole units
#: for counts. One rule for the dashboard's HTML tiles, its Markdown/DOCX summary and its page data.
VOLUME_DECIMALS: dict[str, int] = {c: 2 if c in ("spend", "media_spend", "conversion_value", "conversions",
                                                 "key_events", "site_revenue", "site_conversions") else 0
                                   for c in SUM_COLUMNS}


def round_half_up(values: np.ndarray | float, decimals: int) -> np.ndarray | float:
    """Rounding half away from zero of the number as written (``repr``: 2.675 → 2,68), as
    :func:`toolkit.fmt.fmt_number` and the dashboard's script print it — not numpy's
    half-to-even on the binary value."""
    import decimal

    step = decimal.Decimal(1).scaleb(-decimals)

    def one(v: float) -> float:
        if not math.isfinite(v):
            return v
        with decimal.localcontext() as ctx:
            ctx.prec = 40
            return float(decimal.Decimal(repr(float(v))).quantize(step, rounding=decimal.ROUND_HALF_UP))

    if np.ndim(values) == 0:
        return one(float(values))
    return np.array([one(v) for v in np.asarray(values, dtype="float64").tolist()], dtype="float64")


def round_keeping_total(values: pd.Series | np.ndarray, decimals: int) -> np.ndarray:
    """Round each value so that the rounded values add up to the rounded total (cumulative
    rounding): rows spread from a month over its days hold fractions of a click, and rounding each
    row on its own made the page's total one click off the report's (« 1 132 » vs « 1 131 »).
    Missing values stay missing."""
    x = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype="float64")
    ok = ~np.isnan(x)
    cum = round_half_up(np.cumsum(np.where(ok, x, 0.0)), decimals)
    out = np.round(np.diff(np.concatenate(([0.0], cum))), decimals)  # no float noise: multiples of 10^-d
    return np.where(ok, out, np.nan)


def displayed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (summed volumes per row, e.g. per platform) as the deliverables show it: each volume
    rounded by :data:`VOLUME_DECIMALS`, each ratio recomputed from the rounded volumes."""
    out = frame.copy()
    for c in SUM_COLUMNS:
        if c in out.columns:
            out[c] = round_half_up(pd.to_numeric(out[c], errors="coerce").to_numpy(dtype="float64"),
                                   VOLUME_DECIMALS[c])
    return add_ratios(out)


def displayed_totals(parts: pd.DataFrame) -> dict[str, float]:
    """Every KPI over the whole table as the deliverables show it: the sum of the displayed
    ``parts`` (one row per platform, see :func:`displayed`), ratios from those sums. So the
    platform table adds up to the totals, and the dashboard's script — which sums the page data,
    rounded per platform by :func:`round_keeping_total` — prints the same tiles as the report."""
    shown = displayed(parts)
    row = {}
    for c in SUM_COLUMNS:
        v = shown[c].sum(min_count=1) if c in shown.columns else float("nan")
        row[c] = round_half_up(float(v), VOLUME_DECIMALS[c]) if pd.notna(v) else float("nan")
    frame = add_ratios(pd.DataFrame([row]))
    return {k: float(frame.iloc[0][k]) for k in KPI_DEFS}


def total_kpis(actuals: pd.DataFrame) -> dict[str, float]:
    """Volumes and ratios over the whole table (one number per KPI id; NaN when undefined)."""
    row = compute_kpis(actuals, by=(), freq=None)
    if row.empty:
        return {k: float("nan") for k in KPI_DEFS}
    return {k: float(row.iloc[0][k]) for k in KPI_DEFS}


# ---------------------------------------------------------------------------------------
# Against the plan's targets

#: Relative gap (fraction of the target, in the unfavourable direction) beyond which a KPI is
#: "off track"; between the two it is "watch".
WATCH_GAP = 0.10
OFF_TRACK_GAP = 0.20


_DIRECTIONS = {"up": "up", "higher": "up", "hausse": "up", "max": "up", "down": "down", "lower": "down",
               "baisse": "down", "min": "down"}

#: Display names of the actuals' platform ids.
PLATFORM_LABELS = {"google_ads": "Google Ads", "meta": "Meta", "ga4": "GA4", "emailing": "E-mailing",
                   "generic": "Autre"}


def platform_label(platform: str) -> str:
    """``google_ads`` → ``Google Ads`` (unknown ids shown as they are)."""
    return PLATFORM_LABELS.get(str(platform), str(platform))


#: Plan channel of each actuals platform (the plan's targets name channels or platforms).
PLATFORM_CHANNEL = {"google_ads": "search", "meta": "social", "emailing": "email", "ga4": "data"}


def _month_start(values: pd.Series) -> pd.Series:
    s = values.astype("string")
    out = pd.to_datetime(s.str.slice(0, 7), format="%Y-%m", errors="coerce")
    return out


#: KPIs of the site scope (web analytics); every other export KPI is media.
SITE_KPIS = ("sessions", "users", "engaged_sessions", "ga4_engagement_rate", "key_events", "site_revenue",
             "site_conversions")

#: Why a KPI is not measured, by status reason (shown next to "non mesuré").
REASONS = per_lang({"back_office": "à saisir dans le fichier d'indicateurs mensuels (toolkit pilotage template)",
           "no_rows": "aucune ligne des exports pour les campagnes de l'objectif ce mois-ci",
           "not_reported": "les exports ne donnent pas cette valeur (ex. pas de valeur de conversion)",
           "future": "mois pas encore écoulé"})


def _campaign_mask(frame: pd.DataFrame, patterns: Sequence[tuple[str, str]]) -> pd.Series:
    """Rows whose (platform, campaign) matches one of the ``(platform, fnmatch pattern)`` pairs."""
    import fnmatch

    plat = frame["platform"].astype("string").fillna("")
    camp = frame["campaign"].astype("string").fillna("").str.casefold()
    mask = pd.Series(False, index=frame.index)
    for p, pat in patterns:
        pat = pat.casefold()
        hit = camp.map(lambda c, pat=pat: fnmatch.fnmatchcase(c, pat)).astype(bool)
        mask |= hit & ((plat == p) if p else True)
    return mask


def action_campaigns(lines: pd.DataFrame | None) -> dict[str, list[tuple[str, str]]]:
    """``{action id: [(platform, campaign pattern), …]}`` from the plan's budget lines
    (``plan.api.plan_budget_lines``: columns action_id, platform, campaigns)."""
    out: dict[str, list[tuple[str, str]]] = {}
    if lines is None or not len(lines) or "campaigns" not in lines.columns:
        return out
    for rec in lines.drop_duplicates("action_id").to_dict("records"):
        pats = [p.strip() for p in str(rec.get("campaigns") or "").split(";") if p.strip()]
        if pats:
            out[str(rec["action_id"])] = [(str(rec.get("platform") or ""), p) for p in pats]
    return out


def kpi_vs_targets(kpis: pd.DataFrame, targets: pd.DataFrame | None, *,
                   campaigns: dict[str, list[tuple[str, str]]] | None = None,
                   back_office: pd.DataFrame | None = None,
                   report_date: _dt.date | None = None) -> pd.DataFrame:
    """Compare monthly actual KPIs with the plan's monthly targets, each on its own scope.

    ``kpis``: output of :func:`compute_kpis` with ``freq="M"``; with ``by=("platform",
    "campaign")`` an objective is measured on the campaigns of the actions serving it
    (``campaigns``: :func:`action_campaigns`) — an objective about one product range is not
    measured on the whole site. ``targets``: the plan's KPI targets (columns objective_id,
    objective, kpi, month, target, cumulative, kind, direction higher/lower, channel,
    actions). ``back_office``: the user's monthly KPIs (:func:`pilotage.readers.kpi_input.read_kpi_input`),
    which take precedence for the KPI, month (and objective) they give. Volume KPIs with
    ``cumulative`` true are compared with the running total up to that month.

    Scopes (:mod:`toolkit.metrics`): ``media`` KPIs (CTR, conversions, conversion value, ROAS…)
    are summed over the ad and e-mailing platforms only; ``site`` KPIs (sessions) over web
    analytics only; the two are never added.

    Returns one row per target with ``kpi_id``, ``actual``, ``gap`` (= actual − target),
    ``gap_pct``, ``shortfall`` (relative gap in the unfavourable direction), ``status``
    (``on_track`` / ``watch`` > 10 % / ``off_track`` > 20 % / ``no_data`` / ``not_measured``),
    ``scope`` (media, site, back_office), ``scope_actions`` (the actions whose campaigns were
    used, ";"-joined; "" = all campaigns) and ``reason`` (why not measured). What the actual was
    computed from, so that the tracking workbook can rebuild it by formula: ``cumulative``
    (running total up to the month), ``measured_on`` (media/site: the index labels of the
    ``kpis`` rows in scope, all months; back office: the ``(month, value)`` pairs that apply
    to this objective) and ``as_of`` (the last month measured; later months are "future").
    """
    cols = ["objective_id", "objective", "kpi", "kpi_id", "channel", "month", "target", "actual",
            "gap", "gap_pct", "shortfall", "direction", "status", "actions", "scope", "scope_actions", "reason",
            "cumulative", "measured_on", "as_of"]
    if targets is None or len(targets) == 0:
        return pd.DataFrame(columns=cols)
    need = {"kpi", "month", "target"}
    miss = need - set(targets.columns)
    if miss:
        raise InputError(f"the plan's KPI targets lack the column(s) {', '.join(sorted(miss))}",
                         hint="rebuild the plan with `toolkit plan build`")
    if "period" not in kpis.columns:
        raise ComputeError("kpi_vs_targets needs monthly KPIs", hint="call compute_kpis(..., freq='M')")
    campaigns = campaigns or {}
    k = kpis.copy()
    k["_month"] = pd.to_datetime(k["period"]).dt.to_period("M").dt.to_timestamp()
    plat = k["platform"].astype("string").fillna("") if "platform" in k.columns else pd.Series("", index=k.index)
    k["_platform"] = plat
    k["_plat"] = plat.map(normalize_header)
    if "channel" in k.columns:
        k["_chan"] = k["channel"].astype("string").fillna("").map(normalize_header)
    else:  # the plan speaks of channels (search, social…) or platforms (meta): match both
        k["_chan"] = plat.map(lambda p: normalize_header(PLATFORM_CHANNEL.get(str(p), str(p))))
    is_site = plat.isin(SITE_PLATFORMS)
    vols = [c for c in SUM_COLUMNS if c in k.columns]
    last_month = k["_month"].max() if len(k) else pd.NaT
    if report_date is not None:
        last_month = pd.Timestamp(report_date).to_period("M").to_timestamp()
    has_campaign = "campaign" in k.columns

    bo = None
    if back_office is not None and len(back_office):
        bo = back_office.copy()
        bo["month"] = pd.to_datetime(bo["month"]).dt.to_period("M").dt.to_timestamp()
        bo["objective"] = bo["objective"].fillna("").astype(str) if "objective" in bo.columns else ""

    t = targets.copy()
    t["_month"] = _month_start(t["month"])
    rows = []
    for rec in t.to_dict("records"):
        kpi_name = str(rec.get("kpi", ""))
        kid = kpi_id(kpi_name)
        chan_raw = rec.get("channel")
        chan = normalize_header(chan_raw) if isinstance(chan_raw, str) and chan_raw.strip() else ""
        direction = _DIRECTIONS.get(str(rec.get("direction", "")).strip().lower())
        if direction is None:
            direction = KPI_DEFS[kid].direction if kid and KPI_DEFS[kid].direction in ("up", "down") else "up"
        month = rec["_month"]
        target = pd.to_numeric(pd.Series([rec.get("target")]), errors="coerce").iloc[0]
        cumulative = bool(rec.get("cumulative"))
        actual = np.nan
        status, reason, scope, used = "no_data", "", "", ""
        objective_id = str(rec.get("objective_id") or "")
        entered = None
        measured_on: tuple = ()
        running = False
        if bo is not None:
            sel = bo[(bo["kpi"] == kpi_name) & (bo["objective"].isin([objective_id, ""]))]
            if len(sel):
                # a value entered for this objective wins over one entered for every objective
                sel = sel.sort_values("objective", key=lambda s: s.eq(""), kind="stable")
                entered = sel.drop_duplicates("month", keep="first").set_index("month")["value"]
        nature = str(rec.get("nature") or "")
        if entered is not None:
            scope = "back_office"
            measured_on = tuple((pd.Timestamp(m_), float(v_)) for m_, v_ in entered.items())
            running = cumulative and nature != "level"
            if pd.notna(month) and month in entered.index:
                if cumulative and nature != "level":
                    actual = float(entered[entered.index <= month].sum())
                else:
                    actual = float(entered.loc[month])
            else:
                reason = "future" if pd.notna(last_month) and pd.notna(month) and month > last_month else "back_office"
        elif kid is None:
            status, reason, scope = "not_measured", "back_office", "back_office"
        elif pd.notna(month) and pd.notna(last_month) and month <= last_month:
            scope = "site" if kid in SITE_KPIS else "media"
            sel_rows = k[is_site] if scope == "site" else k[~is_site]
            if chan:
                sel_rows = sel_rows[(sel_rows["_plat"] == chan) | (sel_rows["_chan"] == chan)]
            served = [a for a in str(rec.get("actions") or "").split(";") if a]
            pats = [pair for a in served for pair in campaigns.get(a, [])]
            if scope == "media" and pats and has_campaign:
                sel_rows = sel_rows[_campaign_mask(sel_rows, pats)]
                used = ";".join(a for a in served if a in campaigns)
            measured_on = tuple(sel_rows.index)
            running = cumulative and KPI_DEFS[kid].den is None
            table = sel_rows.groupby("_month")[vols].sum(min_count=1) if len(sel_rows) else None
            if table is None or not len(table):
                reason = "no_rows"
            else:
                cum = cumulative and KPI_DEFS[kid].den is None
                # a cumulative target is the level to reach at month end: all actuals up to it
                part = table[table.index <= month] if cum else table[table.index == month]
                if len(part):
                    summed = part.sum(min_count=1).to_frame().T
                    actual = float(add_ratios(summed).iloc[0][kid])
                    if pd.isna(actual):
                        reason = "not_reported"
                else:
                    reason = "no_rows"
        else:
            scope = "site" if kid in SITE_KPIS else "media"
            reason = "future"
        gap = actual - target if pd.notna(actual) and pd.notna(target) else np.nan
        gap_pct = gap / target if pd.notna(gap) and target not in (0,) and pd.notna(target) else np.nan
        shortfall = np.nan
        if pd.notna(gap_pct):
            shortfall = -gap_pct if direction == "up" else gap_pct
            status = "off_track" if shortfall > OFF_TRACK_GAP else ("watch" if shortfall > WATCH_GAP else "on_track")
            reason = ""
        elif status != "not_measured" and pd.isna(actual):
            status = "no_data"
        rows.append({
            "objective_id": rec.get("objective_id"), "objective": rec.get("objective"), "kpi": rec.get("kpi"),
            "kpi_id": kid, "channel": chan_raw if isinstance(chan_raw, str) else None, "month": month,
            "target": target, "actual": actual, "gap": gap, "gap_pct": gap_pct, "shortfall": shortfall,
            "direction": direction, "status": status, "actions": rec.get("actions"), "scope": scope,
            "scope_actions": used, "reason": reason, "cumulative": running, "measured_on": measured_on,
            "as_of": last_month,
        })
    return pd.DataFrame(rows, columns=cols)


#: Statuses of a target that was measured (the others: ``no_data``, ``not_measured``).
MEASURED_STATUSES = ("on_track", "watch", "off_track")


def latest_status(status: pd.DataFrame) -> pd.DataFrame:
    """For each objective × KPI × channel, its last measured month (the row of
    :func:`kpi_vs_targets`): the one figure the dashboard's target table and the bilan's findings
    both quote — one rule, so they never name different months for the same figure."""
    if status is None or not len(status):
        return status
    have = status.loc[status["status"].isin(MEASURED_STATUSES)].copy()
    if not len(have):
        return have
    chan = have["channel"].fillna("").astype(str) if "channel" in have.columns else ""
    have["_chan"] = chan
    have = have.sort_values(["objective_id", "kpi", "_chan", "month"], kind="stable")
    last = have.groupby(["objective_id", "kpi", "_chan"], dropna=False, sort=False).tail(1)
    return last.drop(columns="_chan").sort_index()  # in the plan's order
