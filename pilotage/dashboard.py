"""The KPI dashboard (C.4.5, C.6.4): actuals against the plan, alerts, e-reputation — as a
self-contained interactive HTML page, PNG charts, a live-formula XLSX tracking workbook and
the usual Markdown / DOCX / PPTX document.

``build_dashboard(case)`` reads the case's actuals (``toolkit pilotage import``), the plan's
KPI targets and budget lines (``plan.yaml``) and the mentions file (``data.mentions``), and
writes in ``CASE/out/bloc3-pilotage/``:

* ``tableau-de-bord.html`` — one file, no CDN, works offline and on a phone: filters by
  platform, campaign and period update the KPI tiles, the SVG charts and the campaign table
  (the data travel inside the page as JSON, aggregated per week × campaign so that the page
  stays small); alerts, KPI-vs-target and budget tables, e-reputation below;
* ``suivi-kpi.xlsx`` — the tracking workbook: raw weekly volumes and KPI **formulas**
  (CTR = clics / impressions …), platform summary with ``SUMIFS``, budget with variance =
  réel − budget and % consumed as formulas (see :mod:`pilotage.tracking_xlsx`);
* ``tableau-de-bord_graphiques/*.png`` — the charts (matplotlib, toolkit theme);
* ``tableau-de-bord.md/.docx/.pptx`` when asked — key figures, alerts, variance, e-reputation.

English file names (``dashboard.html``, ``kpi-tracking.xlsx``) with ``lang="en"``.
Compute first (:func:`compute_dashboard`, pure), then build the document
(:func:`dashboard_document`) and the page (:func:`dashboard_html`).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pilotage.alerts import Alert, evaluate_alerts
from pilotage.kpis import (
    KPI_DEFS,
    PLATFORM_LABELS,
    SUM_COLUMNS,
    compute_kpis,
    kpi_vs_targets,
    platform_label,
)
from toolkit.document import (
    Callout,
    Document,
    Figure,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Table,
)
from toolkit.errors import ComputeError
from toolkit.fmt import Lang, fmt_date, fmt_percent, fmt_value

__all__ = [
    "DashboardData",
    "PLATFORM_LABELS",
    "TILES",
    "build_dashboard",
    "compute_dashboard",
    "dashboard_document",
    "dashboard_html",
]

#: KPI tiles of the dashboard: (kpi id, display kind, decimals).
TILES: tuple[tuple[str, str, int], ...] = (
    ("spend", "currency", 2), ("media_spend", "currency", 2), ("impressions", "integer", 0), ("reach", "integer", 0),
    ("frequency", "number", 2), ("clicks", "integer", 0), ("ctr", "percent", 2), ("cpc", "currency", 2),
    ("cpm", "currency", 2), ("conversions", "number", 0), ("conversion_rate", "percent", 2),
    ("cpa", "currency", 2), ("conversion_value", "currency", 2), ("roas", "number", 2),
    ("engagement_rate", "percent", 2), ("sessions", "integer", 0), ("ga4_engagement_rate", "percent", 1),
)
_TABLE_COLS = ("spend", "impressions", "clicks", "ctr", "cpc", "conversions", "cpa", "roas")
_TABLE_KINDS = {"spend": ("currency", 2), "impressions": ("integer", 0), "clicks": ("integer", 0),
                "ctr": ("percent", 2), "cpc": ("currency", 2), "conversions": ("number", 0),
                "cpa": ("currency", 2), "roas": ("number", 2)}


STEMS = {"fr": ("tableau-de-bord", "suivi-kpi"), "en": ("dashboard", "kpi-tracking")}

_L: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Tableau de bord KPI", "prepared_for": "Préparé pour", "skip": "Aller au contenu",
        "subtitle": "Période du {start} au {end} · données : {sources}",
        "filters": "Filtres", "platform": "Plateforme", "campaign": "Campagne", "from": "Semaine de début",
        "to": "Semaine de fin", "reset": "Tout afficher", "all_platforms": "Toutes les plateformes",
        "all_campaigns": "Toutes les campagnes", "kpis": "Indicateurs clés", "showing": "Affiché :",
        "ratio_note": "Chaque taux est recalculé à partir des totaux filtrés (Σ clics / Σ impressions…), jamais en moyennant des taux. La couverture additionne les couvertures quotidiennes : c'est un majorant, et la fréquence un minorant.",
        "charts": "Évolution", "chart_spend": "Dépenses par semaine", "chart_conv": "Coût par conversion (CPA) par semaine",
        "chart_platform": "Dépenses par plateforme", "noscript": "Les graphiques interactifs demandent JavaScript ; les graphiques PNG sont fournis à côté de ce fichier.",
        "campaigns": "Campagnes", "campaigns_caption": "Résultats par campagne sur la sélection, triés par dépenses",
        "no_actuals": "Aucune donnée de campagne importée : lancez `toolkit pilotage import CASE FICHIERS…`.",
        "empty": "Aucune donnée pour cette sélection.", "erep_chart_title": "Mentions par semaine",
        "erep_chart": "Mentions de la marque par semaine et par tonalité", "positive": "Positives", "neutral": "Neutres", "negative": "Négatives",
        "summary": "Synthèse", "alerts": "Alertes et actions correctives", "no_alerts": "Aucune alerte : les indicateurs suivis sont dans les objectifs.",
        "rule": "Règle", "actions": "Actions proposées", "targets": "Indicateurs face aux objectifs du plan",
        "targets_cap": "Dernier mois mesuré de chaque indicateur du plan (écart = réel − objectif)",
        "no_plan": "Pas d'objectifs chiffrés : le plan (plan.yaml) n'en donne pas, les alertes se fondent sur les tendances.",
        "not_measured": "Indicateurs du plan que les exports publicitaires ne mesurent pas (à suivre dans vos outils) : {kpis}.",
        "objective": "Objectif", "kpi": "Indicateur", "channel": "Canal", "month": "Mois", "target": "Cible",
        "actual": "Réel", "gap": "Écart", "gap_pct": "Écart %", "status": "Statut",
        "budget": "Écarts budgétaires", "no_budget": "Écarts budgétaires non calculés : il faut les lignes budgétaires du plan (plan.yaml) et des dépenses réelles importées (toolkit pilotage import).",
        "budget_cap": "Budget par action à la date du {date}", "action": "Action", "bac": "Budget total",
        "btd": "Budget à date", "variance": "Écart", "variance_pct": "Écart %", "consumed": "% consommé", "pacing": "Rythme",
        "by_platform": "Résultats par plateforme", "by_platform_cap": "Résultats par plateforme sur toute la période",
        "trends": "Évolution hebdomadaire", "method": "Méthode et formules",
        "method_text": "Formules : CTR = clics / impressions ; CPC = dépenses média / clics ; CPM = dépenses média / impressions × 1 000 ; CPA = dépenses média / conversions ; ROAS = valeur des conversions / dépenses média (dépenses média = dépenses des lignes qui rapportent impressions ou clics, sans les factures hors média) ; taux de conversion = conversions / clics ; taux d'engagement = engagements / impressions ; fréquence = impressions / couverture ; taux d'engagement GA4 = sessions engagées / sessions. Écart = réel − prévu.",
        "alert_rules": "Règles d'alerte : objectif manqué de plus de 20 % (deux mois de suite : critique) ; dégradation de plus de 20 % face à la moyenne des 4 semaines précédentes deux semaines de suite ; fréquence hebdomadaire > 4 ; écart budgétaire au-delà du seuil de contrôle par exception ; rythme de dépense en avance sur le temps écoulé.",
        "ok": "Dans l'objectif", "watch": "À surveiller", "off_track": "Hors objectif", "no_data": "Pas encore de données",
        "spend_fig": "Dépenses hebdomadaires par plateforme", "spend_alt": "Courbes des dépenses hebdomadaires par plateforme du {start} au {end} ; {top} dépense le plus ({share} du total).",
        "cpa_fig": "Coût par conversion (CPA) hebdomadaire par plateforme", "cpa_alt": "CPA hebdomadaire par plateforme ; CPA moyen de la période {cpa}.",
        "budget_fig": "Budget et réel cumulés par mois", "budget_alt": "Budget cumulé et dépenses réelles cumulées par mois ; au {date}, réel {actual} pour {budget} prévus à date.",
        "n_alerts": "{n} alerte(s) : {crit} critique(s), {warn} à surveiller de près.",
        "period": "Période", "alerts_short": "Alertes",
        "kf_spend": "Dépenses", "kf_conv": "Conversions", "kf_cpa": "CPA", "kf_roas": "ROAS", "kf_ctr": "CTR", "kf_sessions": "Sessions",
        "kf_consumed": "Budget consommé", "kf_variance": "Écart à date",
        "history": "Suivi mensuel des objectifs", "history_cap": "Réel et cible de chaque indicateur, mois par mois",
        "targets_fig": "Indicateurs du plan : réel et cible par mois",
        "targets_alt": "Petits graphiques de {n} indicateurs du plan, réel (points) et cible (tirets) par mois ; sous l'objectif le dernier mois : {off}.",
        "none": "aucun",
    },
    "en": {
        "title": "KPI dashboard", "prepared_for": "Prepared for", "skip": "Skip to content",
        "subtitle": "Period {start} to {end} · data: {sources}",
        "filters": "Filters", "platform": "Platform", "campaign": "Campaign", "from": "First week",
        "to": "Last week", "reset": "Show all", "all_platforms": "All platforms",
        "all_campaigns": "All campaigns", "kpis": "Key indicators", "showing": "Showing:",
        "ratio_note": "Every rate is recomputed from the filtered totals (Σ clicks / Σ impressions…), never by averaging rates. Reach adds up daily reach: it is an upper bound, and frequency a lower bound.",
        "charts": "Trends", "chart_spend": "Spend per week", "chart_conv": "Cost per conversion (CPA) per week",
        "chart_platform": "Spend per platform", "noscript": "The interactive charts need JavaScript; PNG charts are provided beside this file.",
        "campaigns": "Campaigns", "campaigns_caption": "Results per campaign for the selection, by spend",
        "no_actuals": "No campaign data imported: run `toolkit pilotage import CASE FILES…`.",
        "empty": "No data for this selection.", "erep_chart_title": "Mentions per week",
        "erep_chart": "Brand mentions per week and sentiment", "positive": "Positive", "neutral": "Neutral", "negative": "Negative",
        "summary": "Summary", "alerts": "Alerts and corrective actions", "no_alerts": "No alert: the tracked indicators are on target.",
        "rule": "Rule", "actions": "Proposed actions", "targets": "Indicators against the plan's targets",
        "targets_cap": "Latest measured month of each plan indicator (gap = actual − target)",
        "no_plan": "No quantified targets: the plan (plan.yaml) gives none, alerts rely on trends.",
        "not_measured": "Plan indicators the ad exports do not measure (track them in your tools): {kpis}.",
        "objective": "Objective", "kpi": "Indicator", "channel": "Channel", "month": "Month", "target": "Target",
        "actual": "Actual", "gap": "Gap", "gap_pct": "Gap %", "status": "Status",
        "budget": "Budget variance", "no_budget": "Budget variance not computed: it needs the plan's budget lines (plan.yaml) and imported actual spend (toolkit pilotage import).",
        "budget_cap": "Budget per action at {date}", "action": "Action", "bac": "Total budget",
        "btd": "Budget to date", "variance": "Variance", "variance_pct": "Variance %", "consumed": "% consumed", "pacing": "Pacing",
        "by_platform": "Results per platform", "by_platform_cap": "Results per platform over the whole period",
        "trends": "Weekly trends", "method": "Method and formulas",
        "method_text": "Formulas: CTR = clicks / impressions; CPC = media spend / clicks; CPM = media spend / impressions × 1,000; CPA = media spend / conversions; ROAS = conversion value / media spend (media spend = spend of the rows that report impressions or clicks, without non-media invoices); conversion rate = conversions / clicks; engagement rate = engagements / impressions; frequency = impressions / reach; GA4 engagement rate = engaged sessions / sessions. Variance = actual − budget.",
        "alert_rules": "Alert rules: target missed by more than 20% (two months in a row: critical); worse by more than 20% than the average of the 4 previous weeks two weeks in a row; weekly frequency > 4; budget variance beyond the control-by-exception threshold; spending ahead of time elapsed.",
        "ok": "On target", "watch": "Watch", "off_track": "Off target", "no_data": "No data yet",
        "spend_fig": "Weekly spend per platform", "spend_alt": "Lines of weekly spend per platform from {start} to {end}; {top} spends most ({share} of total).",
        "cpa_fig": "Weekly cost per conversion (CPA) per platform", "cpa_alt": "Weekly CPA per platform; average CPA over the period {cpa}.",
        "budget_fig": "Cumulative budget and actual per month", "budget_alt": "Cumulative budget and cumulative actual spend per month; at {date}, actual {actual} for {budget} planned to date.",
        "n_alerts": "{n} alert(s): {crit} critical, {warn} to watch closely.",
        "period": "Period", "alerts_short": "Alerts",
        "kf_spend": "Spend", "kf_conv": "Conversions", "kf_cpa": "CPA", "kf_roas": "ROAS", "kf_ctr": "CTR", "kf_sessions": "Sessions",
        "kf_consumed": "Budget consumed", "kf_variance": "Variance to date",
        "history": "Monthly tracking of the targets", "history_cap": "Actual and target of each indicator, month by month",
        "targets_fig": "Plan indicators: actual and target per month",
        "targets_alt": "Small charts of {n} plan indicators, actual (dots) and target (dashes) per month; below target in the latest month: {off}.",
        "none": "none",
    },
}
_STATUS_ICON = {"on_track": "✔", "watch": "▲", "off_track": "✖", "no_data": "…"}
_STATUS_KEY = {"on_track": "ok", "watch": "watch", "off_track": "off_track", "no_data": "no_data"}


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


def _daily(actuals: pd.DataFrame) -> pd.DataFrame:
    """Spread multi-day rows (a Meta month) over their days, so weeks get their share."""
    if "period_end" in actuals.columns and len(actuals):
        d = pd.to_datetime(actuals["date"], errors="coerce")
        e = pd.to_datetime(actuals["period_end"], errors="coerce")
        if bool(((e - d).dt.days > 0).any()):
            from pilotage.actuals import spread_by_day

            return spread_by_day(actuals)
    return actuals


def compute_dashboard(actuals: pd.DataFrame | None, *, targets: pd.DataFrame | None = None, variance: Any = None,
                      ereputation: Any = None, lang: Lang = "fr", client: str = "", currency: str = "EUR",
                      threshold: float = 0.10, campaigns: dict[str, list[tuple[str, str]]] | None = None,
                      back_office: pd.DataFrame | None = None,
                      report_date: _dt.date | None = None) -> DashboardData:
    """Aggregate actuals per week × campaign, compare with targets, evaluate alerts (pure).

    ``campaigns`` (:func:`pilotage.kpis.action_campaigns`) measures each objective on its
    actions' campaigns; ``back_office`` holds the user's monthly KPIs
    (:func:`pilotage.backoffice.read_kpi_input`)."""
    cols = ["platform", "campaign", "period", *SUM_COLUMNS]
    if actuals is None or len(actuals) == 0:
        weekly = pd.DataFrame(columns=cols)
        return DashboardData(client, lang, currency, None, None, weekly, {}, pd.DataFrame(), None,
                             (), variance, ereputation, ())
    daily = _daily(actuals)
    weekly = compute_kpis(daily, by=("platform", "campaign"), freq="W")
    monthly_campaign = compute_kpis(daily, by=("platform", "campaign"), freq="M")
    by_platform = compute_kpis(daily, by=("platform",), freq=None)
    total_row = compute_kpis(daily, by=(), freq=None).iloc[0]
    totals = {k: float(total_row[k]) for k in KPI_DEFS}
    status = (kpi_vs_targets(monthly_campaign, targets, campaigns=campaigns, back_office=back_office,
                             report_date=report_date)
              if targets is not None and len(targets) else None)
    weekly_platform = compute_kpis(daily, by=("platform",), freq="W")
    alerts = evaluate_alerts(status, variance, weekly=weekly_platform, lang=lang, threshold=threshold)
    dates = pd.to_datetime(daily["date"], errors="coerce")
    src = tuple(platform_label(p) for p in sorted(daily["platform"].astype(str).unique()))
    return DashboardData(client, lang, currency, dates.min().date(), dates.max().date(), weekly, totals,
                         by_platform, status, tuple(alerts), variance, ereputation, src, monthly_campaign)


# ---------------------------------------------------------------------------------------
# Document (md, docx, pptx) — also the static part of the HTML page


def _alerts_section(alerts: tuple[Alert, ...], lang: Lang) -> Section:
    L = _L[lang]
    if not alerts:
        return Section(L["alerts"], (Callout("success", L["no_alerts"]),))
    crit = sum(a.severity == "critical" for a in alerts)
    warn = sum(a.severity == "warning" for a in alerts)
    blocks: list[Any] = [Paragraph(L["n_alerts"].format(n=len(alerts), crit=crit, warn=warn))]
    kinds = {"critical": "danger", "warning": "warning", "info": "info"}
    for a in alerts:
        title = f"{a.severity_label(lang)} — {a.subject}" if a.severity == "critical" else a.subject
        blocks.append(Callout(kinds[a.severity], title, (
            Paragraph(a.evidence),
            Paragraph(f"{L['rule']}{' :' if lang == 'fr' else ':'} {a.rule}", style="small"),
            Paragraph(f"{L['actions']}{' :' if lang == 'fr' else ':'} " + " ; ".join(a.corrective_actions)
                      if lang == "fr" else f"{L['actions']}: " + "; ".join(a.corrective_actions)),
        )))
    blocks.append(Paragraph(L["alert_rules"], style="small"))
    return Section(L["alerts"], blocks)


def _kpi_label(kpi: str, kid: str | None, lang: Lang) -> str:
    return KPI_DEFS[kid].label(lang) if kid in KPI_DEFS else str(kpi).replace("_", " ")


def _targets_section(status: pd.DataFrame | None, lang: Lang, figures: bool = False) -> Section:
    L = _L[lang]
    if status is None or status.empty:
        return Section(L["targets"], (Paragraph(L["no_plan"]),))
    measured = status[status["status"] != "not_measured"]
    blocks: list[Any] = []
    if len(measured):
        have = measured[measured["status"] != "no_data"]
        latest = (have.sort_values("month").groupby(["objective_id", "kpi", "channel"], dropna=False).tail(1)
                  if len(have) else measured.groupby(["objective_id", "kpi"], dropna=False).head(1))
        rows = []
        for r in latest.itertuples():
            kind = KPI_DEFS[r.kpi_id].kind if r.kpi_id in KPI_DEFS else "number"
            st = _STATUS_KEY.get(r.status, "no_data")
            rows.append((str(r.objective or ""), _kpi_label(r.kpi, r.kpi_id, lang), str(r.channel or "—"),
                         fmt_date(r.month, lang)[3:] if lang == "fr" else str(r.month)[:7],
                         fmt_value(r.target, kind, lang, decimals=2 if kind == "percent" else None),
                         fmt_value(r.actual, kind, lang, decimals=2 if kind == "percent" else None),
                         r.gap_pct if pd.notna(r.gap_pct) else None,
                         f"{_STATUS_ICON.get(r.status, '')} {L[st]}"))
        blocks.append(Table((L["objective"], L["kpi"], L["channel"], L["month"], L["target"], L["actual"],
                             L["gap_pct"], L["status"]), tuple(rows),
                            ("text", "text", "text", "text", "text", "text", "percent", "text"),
                            caption=L["targets_cap"], name="Objectifs" if lang == "fr" else "Targets"))
        have = measured[measured["status"] != "no_data"].sort_values(["objective_id", "kpi", "month"])
        if len(have):
            hist = []
            for r in have.itertuples():
                kind = KPI_DEFS[r.kpi_id].kind if r.kpi_id in KPI_DEFS else "number"
                dec = 2 if kind == "percent" else None
                hist.append((_kpi_label(r.kpi, r.kpi_id, lang) + (f" — {r.channel}" if r.channel else ""),
                             fmt_date(r.month, lang)[3:] if lang == "fr" else str(r.month)[:7],
                             fmt_value(r.target, kind, lang, decimals=dec), fmt_value(r.actual, kind, lang, decimals=dec),
                             r.gap_pct if pd.notna(r.gap_pct) else None,
                             f"{_STATUS_ICON.get(r.status, '')} {L[_STATUS_KEY.get(r.status, 'no_data')]}"))
            history = Table((L["kpi"], L["month"], L["target"], L["actual"], L["gap_pct"], L["status"]), tuple(hist),
                            ("text", "text", "text", "text", "percent", "text"), caption=L["history_cap"],
                            name="Suivi mensuel" if lang == "fr" else "Monthly tracking")
            sub: list[Any] = [history]
            if figures:
                sub.insert(0, _targets_figure(have, lang))
            blocks.append(Section(L["history"], sub))
    nm = status.loc[status["status"] == "not_measured", "kpi"].drop_duplicates()
    if len(nm):
        blocks.append(Paragraph(L["not_measured"].format(kpis=", ".join(str(k).replace("_", " ") for k in nm))))
    return Section(L["targets"], blocks)


def _targets_figure(have: pd.DataFrame, lang: Lang) -> Figure:
    """Small multiples: each measured KPI's monthly actual against its target."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    from toolkit.charts import OKABE_ITO, format_axis, new_figure
    from toolkit.fmt import month_name

    L = _L[lang]
    keys = list(dict.fromkeys(zip(have["kpi"], have["channel"].fillna(""), strict=True)))[:6]
    ncols = 2 if len(keys) > 1 else 1
    nrows = (len(keys) + ncols - 1) // ncols
    fig, axes = new_figure(7.5, 2.3 * nrows, nrows=nrows, ncols=ncols, squeeze=False)
    off = []
    for ax, (kpi, chan) in zip(axes.flat, keys, strict=False):
        g = have[(have["kpi"] == kpi) & (have["channel"].fillna("") == chan)].sort_values("month")
        kid = g["kpi_id"].iloc[0]
        ax.plot(g["month"], g["target"], color=OKABE_ITO[7], linestyle="--", label=L["target"])
        ax.plot(g["month"], g["actual"], color=OKABE_ITO[0], marker="o", label=L["actual"])
        kind = KPI_DEFS[kid].kind if kid in KPI_DEFS else "number"
        format_axis(ax, "y", kind if kind in ("percent", "currency", "integer") else "number", lang,
                    decimals=(2 if g[["actual", "target"]].max().max() < 0.05 else 1) if kind == "percent" else 0)
        ax.set_title(_kpi_label(kpi, kid, lang) + (f" — {chan}" if chan else ""), fontsize=10)
        ax.xaxis.set_major_locator(mdates.MonthLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda x, _p: month_name(mdates.num2date(x).month, lang, short=True)))
        ax.tick_params(axis="x", labelsize=8)
        if g["status"].iloc[-1] in ("watch", "off_track"):
            off.append(_kpi_label(kpi, kid, lang))
    for ax in list(axes.flat)[len(keys):]:
        ax.set_visible(False)
    axes.flat[0].legend(loc="best", fontsize=8)
    alt = L["targets_alt"].format(n=len(keys), off=", ".join(off) if off else L["none"])
    return Figure.from_matplotlib(fig, L["targets_fig"], alt, name="kpi-objectifs")


def _budget_section(variance: Any, lang: Lang, figures: bool) -> Section:
    L = _L[lang]
    if variance is None:
        return Section(L["budget"], (Paragraph(L["no_budget"]),))
    ytd = variance.ytd
    blocks: list[Any] = [KeyFigures((
        KeyFigure(L["bac"], ytd.bac, "currency"),
        KeyFigure(L["btd"], ytd.budget_to_date, "currency"),
        KeyFigure(L["actual"], ytd.actual, "currency"),
        KeyFigure(L["kf_variance"], ytd.variance, "currency", status="good" if ytd.favourable else "bad",
                  note=fmt_percent(ytd.variance_pct, lang) if ytd.variance_pct is not None else ""),
        KeyFigure(L["kf_consumed"], ytd.pct_consumed, "percent"),
    ))]
    conv = getattr(variance, "convention", {}) or {}
    if conv.get(lang):
        blocks.append(Paragraph(conv[lang], style="small"))
    ba = variance.by_action
    t = pd.DataFrame({
        L["action"]: ba["action"].astype(str), L["channel"]: ba["channel"].astype(str),
        L["bac"]: ba["budget"], L["btd"]: ba["budget_to_date"], L["actual"]: ba["actual"],
        L["variance"]: ba["variance"], L["variance_pct"]: ba["variance_pct"], L["consumed"]: ba["pct_consumed"],
    })
    blocks.append(Table.from_frame(t, {L["bac"]: "currency", L["btd"]: "currency", L["actual"]: "currency",
                                       L["variance"]: "currency", L["variance_pct"]: "percent", L["consumed"]: "percent"},
                                   caption=L["budget_cap"].format(date=fmt_date(variance.report_date, lang)),
                                   totals=(L["bac"], L["btd"], L["actual"], L["variance"]),
                                   name="Budget"))
    if figures and len(variance.by_month):
        blocks.append(_budget_figure(variance, lang))
    return Section(L["budget"], blocks)


def _platform_table(data: DashboardData, lang: Lang) -> Table:
    L = _L[lang]
    bp = data.by_platform
    t = pd.DataFrame({L["platform"]: bp["platform"].map(platform_label)})
    kinds: dict[str, str] = {}
    for k in _TABLE_COLS:
        name = KPI_DEFS[k].label(lang)
        t[name] = bp[k].to_numpy()
        kinds[name] = _TABLE_KINDS[k][0] if _TABLE_KINDS[k][0] != "integer" else "integer"
        if _TABLE_KINDS[k][0] == "number":
            kinds[name] = "number"
    return Table.from_frame(t, kinds, caption=L["by_platform_cap"], name="Plateformes" if lang == "fr" else "Platforms")


def _summary_section(data: DashboardData, lang: Lang) -> Section:
    L = _L[lang]
    t = data.totals
    tiles = [KeyFigure(L["kf_spend"], t.get("spend"), "currency"), KeyFigure(L["kf_conv"], t.get("conversions"), "integer"),
             KeyFigure(L["kf_cpa"], t.get("cpa"), "currency"), KeyFigure(L["kf_roas"], t.get("roas"), "number"),
             KeyFigure(L["kf_ctr"], t.get("ctr"), "percent"), KeyFigure(L["kf_sessions"], t.get("sessions"), "integer")]
    crit = sum(a.severity == "critical" for a in data.alerts)
    tiles.append(KeyFigure(L["alerts_short"], len(data.alerts), "integer",
                           status="bad" if crit else ("warning" if data.alerts else "good")))
    return Section(L["summary"], (
        Paragraph(L["subtitle"].format(start=fmt_date(data.start, lang), end=fmt_date(data.end, lang),
                                       sources=", ".join(data.sources) or "—")),
        KeyFigures(tiles)))


def dashboard_document(data: DashboardData, lang: Lang | None = None, *, figures: bool = True,
                       author: str = "") -> Document:
    """The dashboard as a Document: summary, alerts, targets, budget, platforms, e-reputation."""
    lang = lang or data.lang
    L = _L[lang]
    sections: list[Section] = []
    if len(data.weekly):
        sections.append(_summary_section(data, lang))
        sections.append(_alerts_section(data.alerts, lang))
        sections.append(_targets_section(data.kpi_status, lang, figures))
    sections.append(_budget_section(data.variance, lang, figures))
    if len(data.weekly):
        blocks: list[Any] = [_platform_table(data, lang)]
        if figures:
            blocks += [_spend_figure(data, lang), _cpa_figure(data, lang)]
        sections.append(Section(L["by_platform"], blocks))
    if data.ereputation is not None:
        from pilotage.ereputation import ereputation_section

        sections.append(ereputation_section(data.ereputation, lang, figures=figures))
    sections.append(Section(L["method"], (Paragraph(L["method_text"]), Paragraph(L["alert_rules"])), appendix=True))
    sub = L["subtitle"].format(start=fmt_date(data.start, lang), end=fmt_date(data.end, lang),
                               sources=", ".join(data.sources) or "—") if data.start else ""
    return Document(title=L["title"], sections=tuple(sections), subtitle=sub, client=data.client,
                    author=author, lang=lang, kind="pilotage")


# ---------------------------------------------------------------------------------------
# Charts (PNG, matplotlib) — take results, return Figures


def _spend_figure(data: DashboardData, lang: Lang) -> Figure:
    from toolkit.charts import format_axis, new_figure

    L = _L[lang]
    w = data.weekly.groupby(["period", "platform"])["spend"].sum(min_count=1).unstack("platform")
    fig, ax = new_figure(7.5, 3.6)
    for p in w.columns:
        ax.plot(w.index, w[p], label=platform_label(p), linewidth=1.6)
    format_axis(ax, "y", "currency", lang, data.currency)
    ax.legend(loc="upper left")
    tot = w.sum()
    top = tot.idxmax() if len(tot) and tot.notna().any() else ""
    share = float(tot.max() / tot.sum()) if len(tot) and tot.sum() else math.nan
    return Figure.from_matplotlib(fig, L["spend_fig"], L["spend_alt"].format(
        start=fmt_date(data.start, lang), end=fmt_date(data.end, lang), top=platform_label(top),
        share=fmt_percent(share, lang)), name="depenses-hebdo")


def _cpa_figure(data: DashboardData, lang: Lang) -> Figure:
    from toolkit.charts import format_axis, new_figure

    L = _L[lang]
    g = data.weekly.groupby(["period", "platform"])[["media_spend", "conversions"]].sum(min_count=1)
    cpa = (g["media_spend"] / g["conversions"].where(g["conversions"] > 0)).unstack("platform")
    fig, ax = new_figure(7.5, 3.6)
    for p in cpa.columns:
        if cpa[p].notna().any():
            ax.plot(cpa.index, cpa[p], label=platform_label(p), linewidth=1.6)
    format_axis(ax, "y", "currency", lang, data.currency)
    ax.legend(loc="upper left")
    return Figure.from_matplotlib(fig, L["cpa_fig"], L["cpa_alt"].format(
        cpa=fmt_value(data.totals.get("cpa"), "currency", lang)), name="cpa-hebdo")


def _budget_figure(variance: Any, lang: Lang) -> Figure:
    from toolkit.charts import OKABE_ITO, format_axis, new_figure

    L = _L[lang]
    bm = variance.by_month
    fig, ax = new_figure(7.5, 3.4)
    ax.plot(bm["month"], bm["cumulative_budget"], color=OKABE_ITO[7], linestyle="--", label=L["bac"])
    ax.plot(bm["month"], bm["cumulative_actual"], color=OKABE_ITO[0], marker="o", label=L["actual"])
    format_axis(ax, "y", "currency", lang)
    ax.legend(loc="upper left")
    ytd = variance.ytd
    return Figure.from_matplotlib(fig, L["budget_fig"], L["budget_alt"].format(
        date=fmt_date(variance.report_date, lang), actual=fmt_value(ytd.actual, "currency", lang),
        budget=fmt_value(ytd.budget_to_date, "currency", lang)), name="budget-cumule")


def _figures(doc: Document) -> list[Figure]:
    from toolkit.document import iter_blocks

    return [b for _, b in iter_blocks(doc) if isinstance(b, Figure)]


# ---------------------------------------------------------------------------------------
# HTML page


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    base = resources.files("pilotage").joinpath("templates")
    return (base.joinpath("dashboard.html.j2").read_text(encoding="utf-8"),
            base.joinpath("dashboard.css").read_text(encoding="utf-8"),
            base.joinpath("dashboard.js").read_text(encoding="utf-8"))


def json_for_script(obj: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``, ``&`` and the
    line separators are escaped, so ``</script>`` in a campaign name cannot close the tag."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _column(values: pd.Series, decimals: int) -> list[float | int | None]:
    arr = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64")
    arr = np.round(arr, decimals)
    if decimals == 0:
        return [None if math.isnan(v) else int(v) for v in arr.tolist()]
    return [None if math.isnan(v) else v for v in arr.tolist()]


def _page_data(data: DashboardData, lang: Lang) -> dict[str, Any]:
    L = _L[lang]
    w = data.weekly
    out: dict[str, Any] = {"lang": lang, "currency": data.currency,
                           "labels": {k: L[k] for k in ("empty", "showing", "all_platforms", "all_campaigns",
                                                        "chart_spend", "chart_conv", "chart_platform", "erep_chart",
                                                        "positive", "neutral", "negative")}}
    if len(w):
        plats = sorted(w["platform"].astype(str).unique())
        camps = w[["platform", "campaign"]].astype(str).drop_duplicates().sort_values(["platform", "campaign"])
        camp_keys = list(zip(camps["platform"], camps["campaign"], strict=True))
        camp_index = {k: i for i, k in enumerate(camp_keys)}
        weeks = sorted(pd.to_datetime(w["period"]).unique())
        week_index = {pd.Timestamp(x): i for i, x in enumerate(weeks)}
        cols = [c for c in SUM_COLUMNS if c in w.columns and w[c].notna().any()]
        dec = {c: _decimals(c) for c in cols}
        out |= {
            "platforms": [platform_label(p) for p in plats],
            "campaigns": [c for _, c in camp_keys],
            "campPlat": [plats.index(p) for p, _ in camp_keys],
            "weeks": [pd.Timestamp(x).date().isoformat() for x in weeks],
            "cols": cols,
            "rows": {"w": [week_index[pd.Timestamp(x)] for x in w["period"]],
                     "c": [camp_index[(str(p), str(c))] for p, c in zip(w["platform"], w["campaign"], strict=True)],
                     **{c: _column(w[c], dec[c]) for c in cols}},
            "tiles": [_tile_spec(k, kind, d, cols) for k, kind, d in TILES],
            "tableCols": [_tile_spec(k, *_TABLE_KINDS[k], cols) for k in _TABLE_COLS],
        }
    e = data.ereputation
    if e is not None and len(e.volume):
        out["mentions"] = {"weeks": [pd.Timestamp(x).date().isoformat() for x in e.volume["week"]],
                           **{k: [int(v) for v in e.volume[k]] for k in ("positive", "neutral", "negative")}}
    return out


def _decimals(column: str) -> int:
    """Decimals kept in the page's data: cents for money, 2 for (fractional) conversions."""
    return 2 if column in ("spend", "media_spend", "conversion_value", "conversions", "key_events") else 0


def _tile_spec(k: str, kind: str, dec: int, cols: list[str]) -> dict[str, Any]:
    d = KPI_DEFS[k]
    return {"id": k, "kind": kind, "dec": dec, "num": d.num, "den": d.den, "mult": d.mult}


def _tile_value(data: DashboardData, k: str, kind: str, dec: int, lang: Lang) -> str:
    """Server-side tile text for the whole period (the page's JS recomputes the same text)."""
    w = data.weekly
    d = KPI_DEFS[k]
    num_col = w[d.num] if d.num in w.columns else pd.Series(dtype="float64")
    rounded = pd.Series(_column(num_col, _decimals(d.num)), dtype="float64")
    num = rounded.sum(min_count=1)
    if d.den is None:
        val = num
    else:
        den = pd.Series(_column(w[d.den], _decimals(d.den)), dtype="float64").sum(min_count=1) if d.den in w.columns else math.nan
        val = num / den * d.mult if pd.notna(num) and pd.notna(den) and den != 0 else math.nan
    return fmt_value(val, kind, lang, decimals=dec)  # type: ignore[arg-type]


def _strip_figures(section: Section) -> Section:
    blocks = tuple(_strip_figures(b) if isinstance(b, Section) else b for b in section.blocks if not isinstance(b, Figure))
    return Section(section.title, blocks, appendix=section.appendix, slide=section.slide, notes=section.notes)


def dashboard_html(data: DashboardData, lang: Lang | None = None, *, doc: Document | None = None) -> str:
    """The self-contained dashboard page (str). ``doc``: the dashboard document, whose
    alerts, targets, budget, platform and e-reputation sections are shown below the
    interactive part (figures left out: the page draws its own SVG charts)."""
    import jinja2
    from markupsafe import Markup

    from toolkit.render.html import CSS as BASE_CSS
    from toolkit.render.html import fragments

    lang = lang or data.lang
    L = _L[lang]
    doc = doc or dashboard_document(data, lang, figures=False)
    reserved = {"top", "main", "filters-section", "filters-h", "kpis-section", "kpis-h",
                "charts-section", "charts-h", "campaigns-section", "campaigns-h",
                "campaign-table", "campaigns-cap"}
    static = [s for s in doc.sections if s.title != L["summary"]]
    page_data = _page_data(data, lang)
    chunks = []
    rendered = fragments([_strip_figures(sec) for sec in static], lang, reserved_ids=reserved)
    for sec, html_sec in zip(static, rendered, strict=True):
        if "mentions" in page_data and data.ereputation is not None and sec.title in ("E-réputation", "E-reputation"):
            # the weekly mentions chart (drawn by the page's script) opens the e-reputation section
            chart = Markup('<figure class="chart wide"><div id="chart-mentions" class="chart-box"></div>'
                           "<figcaption>{}</figcaption></figure>\n").format(L["erep_chart"])
            head, sep, rest = html_sec.partition("</h2>\n")
            html_sec = head + sep + str(chart) + rest
        chunks.append(html_sec)
    static_html = Markup("\n".join(chunks))
    # wide tables scroll inside their box: keyboard users must be able to focus it (WCAG 2.1.1)
    static_html = Markup(str(static_html).replace('<div class="table-wrap">',
                                                  '<div class="table-wrap" tabindex="0">'))
    template, css, js = _assets()
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    tiles = []
    if len(data.weekly):
        for k, kind, dec in TILES:
            tiles.append({"id": k, "label": KPI_DEFS[k].label(lang), "value": _tile_value(data, k, kind, dec, lang),
                          "note": _tile_note(k, lang)})
    weeks = [fmt_date(d, lang) for d in page_data.get("weeks", [])]
    return env.from_string(template).render(
        lang=lang, title=L["title"], client=data.client or "—", L=L,
        subtitle=L["subtitle"].format(start=fmt_date(data.start, lang), end=fmt_date(data.end, lang),
                                      sources=", ".join(data.sources) or "—"),
        has_actuals=bool(len(data.weekly)),
        platforms=page_data.get("platforms", []), weeks=weeks, tiles=tiles,
        filter_state=f"{L['showing']} {L['all_platforms']} · {L['all_campaigns']}",
        campaign_headers=[L["campaign"], L["platform"]] + [KPI_DEFS[k].label(lang) for k in _TABLE_COLS],
        static_html=static_html, date=fmt_date(_dt.date.today(), lang, long=True),
        base_css=Markup(BASE_CSS), css=Markup(css), js=Markup(js), data_json=Markup(json_for_script(page_data)),
    )


def _tile_note(k: str, lang: Lang) -> str:
    d = KPI_DEFS[k]
    if d.den is None:
        return ""
    num, den = KPI_DEFS.get(d.num), KPI_DEFS.get(d.den)
    n = num.label(lang).lower() if num else d.num
    m = den.label(lang).lower() if den else d.den
    return f"{n} / {m}" + (" × 1 000" if d.mult == 1000 and lang == "fr" else (" × 1,000" if d.mult == 1000 else ""))


# ---------------------------------------------------------------------------------------
# The command


def _case_variance(case: Any, actuals: pd.DataFrame) -> Any:
    """Budget variance of the case (None without a plan, budget lines or actual spend)."""
    try:
        from plan.api import plan_budget_lines
    except ImportError:  # pragma: no cover - plan module absent
        return None
    lines = plan_budget_lines(case)
    if lines is None or len(lines) == 0 or actuals is None or len(actuals) == 0:
        return None
    from pilotage.variance import actual_costs_by_action_month, budget_variance

    cfg = case.config.pilotage
    try:
        return budget_variance(lines, actual_costs_by_action_month(actuals, lines),
                               threshold=cfg.alert_threshold, report_date=cfg.report_date)
    except ComputeError:
        return None


def build_dashboard(case: Any, out: str | Path | None = None, formats: Any = None, lang: str | None = None, *,
                    actuals: pd.DataFrame | None = None, targets: pd.DataFrame | None = None,
                    variance: Any = None, charts: bool = True) -> list[Path]:
    """Write the dashboard files of ``case`` (a loaded Case or a folder); return their paths.

    ``formats`` (default: case.yaml ``output.formats``): ``html`` → interactive page,
    ``xlsx`` → tracking workbook, ``md``/``docx``/``pptx`` → the document; PNG charts are
    written unless ``charts=False`` (faster; the document then has no figures).
    ``actuals``/``targets``/``variance`` may be passed when already computed
    (``pilotage.commands`` does); otherwise they are read from the case.
    """
    from toolkit.case import Case, load_case
    from toolkit.files import atomic_write_bytes, atomic_write_text
    from toolkit.render import render

    if not isinstance(case, Case):
        case = load_case(case, lang=lang)
    lg: Lang = (lang or case.lang)  # type: ignore[assignment]
    fmts = tuple(formats) if formats is not None else tuple(case.config.output.formats)
    if actuals is None:
        from pilotage.actuals import load_actuals

        actuals = load_actuals(case)
    if targets is None:
        try:
            from plan.api import plan_kpi_targets

            targets = plan_kpi_targets(case)
        except ImportError:  # pragma: no cover
            targets = None
    if variance is None:
        variance = _case_variance(case, actuals)
    from pilotage.ereputation import analyse_case

    erep = analyse_case(case, lg)
    if (actuals is None or len(actuals) == 0) and erep is None:
        raise ComputeError("nothing to show: no campaign data and no mentions file",
                           hint="import your exports with `toolkit pilotage import CASE FILES…`, "
                                "or name a mentions file in case.yaml (data.mentions)")
    currency = case.config.brief.constraints.currency
    from pilotage.backoffice import load_kpi_input
    from pilotage.kpis import action_campaigns

    try:
        from plan.api import plan_budget_lines

        lines = plan_budget_lines(case)
    except ImportError:  # pragma: no cover
        lines = None
    data = compute_dashboard(actuals, targets=targets, variance=variance, ereputation=erep, lang=lg,
                             client=case.config.client.name, currency=currency,
                             threshold=case.config.pilotage.alert_threshold,
                             campaigns=action_campaigns(lines), back_office=load_kpi_input(case),
                             report_date=case.config.pilotage.report_date)
    out_dir = case.out_dir("pilotage", Path(out) if out is not None else None)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem, xlsx_stem = STEMS[lg]
    doc = dashboard_document(data, lg, author=case.config.output.author, figures=charts)
    paths: list[Path] = []
    doc_formats = [f for f in fmts if f in ("md", "docx", "pptx")]
    if doc_formats:
        paths += render(doc, out_dir, stem, doc_formats)
    if "html" in fmts:
        paths.append(atomic_write_text(out_dir / f"{stem}.html", dashboard_html(data, lg, doc=doc)))
    if "xlsx" in fmts:
        from pilotage.tracking_xlsx import write_tracking_workbook

        paths.append(write_tracking_workbook(out_dir / f"{xlsx_stem}.xlsx", data, lg))
    charts = out_dir / f"{stem}_graphiques"
    for fig in _figures(doc):
        charts.mkdir(exist_ok=True)
        paths.append(atomic_write_bytes(charts / f"{fig.name}.png", fig.png))
    return paths
