"""The "Bilan des actions" (C.4.5.2): results against the objectives, why, and what to keep.

:func:`analyse_bilan` (pure) puts together, at the report date:

* **quantitative results**: the plan's KPI targets against the actuals
  (:func:`pilotage.compute.kpis.kpi_vs_targets`) and the totals per platform;
* **financial results**: the budget variance (:func:`pilotage.compute.variance.budget_variance`,
  écart = réel − prévu) and the earned value of each action and of the mission
  (:mod:`pilotage.compute.evm`). Earned value = budget × physical % complete; the % complete comes
  from ``pilotage.progress`` in case.yaml (measured by the team), and actions not listed are
  assumed on schedule (EV = PV), which the document says;
* **success factors and causes of shortfall**, drawn by explicit rules from the variance and
  KPI analysis (each with its evidence — see :data:`RULES`);
* **lessons** for future campaigns, one per finding type, plus the user's own;
* the **self-evaluation grid** of the "bilan" production.

:func:`pilotage.reports.bilan.bilan_document` turns that into a :class:`~toolkit.document.Document`
(no computing).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from pilotage.compute.evm import EVMResult, earned_value, earned_value_frame
from pilotage.compute.kpis import latest_status
from pilotage.compute.variance import UNPLANNED, VarianceResult
from toolkit.fmt import Lang, fmt_currency, fmt_date, fmt_number, fmt_percent, fmt_value
from toolkit.i18n import per_lang, tr
from toolkit.metrics import metrics

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.case import Case

__all__ = ["RULES", "BilanAnalysis", "Finding", "analyse", "analyse_bilan", "value_kind"]

#: The rules behind the findings (documented in the deliverable's method annex).
RULES = per_lang([
        "Dépassement : une action dont l'écart à date dépasse le seuil (coût réel > prévu) est une cause d'insuffisance.",
        "Sous-diffusion : une action média (campagnes nommées dans le plan) dont le rythme (réel / budget phasé à date) est sous 1 − seuil "
        "n'a pas diffusé ce qui était prévu.",
        "Efficience (actions dont l'avancement est mesuré) : CPI ≥ 1 (valeur acquise ≥ coût réel) est un facteur "
        "de succès ; CPI < 0,9 une insuffisance.",
        "E-réputation : un NPS ≥ 30 est un succès, un NPS négatif une insuffisance ; chaque bad buzz détecté "
        "(pic de mentions négatives) est une cause d'insuffisance.",
        "Objectifs : un KPI à ou au-dessus de sa cible du mois est un succès ; un KPI « hors trajectoire » "
        "(écart défavorable > 20 %) une insuffisance.",
        "Dépense hors plan : toute dépense qu'aucune action du plan ne revendique est signalée.",
        "Mesure : au moins deux jours de suite où le site (GA4) n'enregistre pas le cinquième des clics que les régies "
        "comptent sur les mêmes campagnes sont une rupture de suivi, cause d'insuffisance (les chiffres du site de "
        "ces jours manquent).",
    ])


@dataclass(frozen=True)
class Finding:
    """One success factor, cause of shortfall or lesson, with the evidence it rests on."""

    kind: str  # "success" | "shortfall" | "lesson"
    text: str
    evidence: str = ""
    rule: str = ""


@dataclass(frozen=True)
class BilanAnalysis:
    report_date: _dt.date
    actuals_rows: int
    sources: tuple[str, ...]
    platform_totals: pd.DataFrame
    variance: VarianceResult | None
    evm: EVMResult | None
    evm_by_action: pd.DataFrame | None
    kpi_status: pd.DataFrame | None
    findings: tuple[Finding, ...]
    qualitative: tuple[str, ...]
    progress_measured: tuple[str, ...]
    currency: str = "EUR"
    envelope: float | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    ereputation: Any = None
    """:class:`pilotage.compute.ereputation.EReputationResult` of the case's mentions, when it has some."""
    rows_after: int = 0
    """Actuals rows dated after the report date: left out of every figure, and said so."""
    plan_vs_actual: pd.DataFrame | None = None
    """ROAS média, ROAS global and CPA média, planned and actual on the same actions and the same
    definition, to date (:func:`plan_vs_actual`)."""
    decisions: dict[str, str] = field(default_factory=dict)
    """action id → the decision taken on its flagged budget variance (case.yaml ``pilotage.decisions``)."""


def _platform_totals(daily: pd.DataFrame) -> pd.DataFrame:
    """Per platform, as the dashboard's platform table shows them (same reading, same rounding)."""
    from pilotage.compute.kpis import compute_kpis, displayed

    if daily is None or daily.empty:
        return pd.DataFrame()
    return displayed(compute_kpis(daily, by=("platform",), freq=None))


def analyse_bilan(actuals: pd.DataFrame, lines: pd.DataFrame | None, targets: pd.DataFrame | None, *,
                  report_date: _dt.date | None = None, threshold: float = 0.10,
                  progress: dict[str, float] | None = None, qualitative: tuple[str, ...] = (),
                  lessons: tuple[str, ...] = (), lang: Lang = "fr", currency: str = "EUR",
                  envelope: float | None = None, ereputation: Any = None,
                  back_office: pd.DataFrame | None = None,
                  forecast: pd.DataFrame | None = None, decisions: dict[str, str] | None = None) -> BilanAnalysis:
    """Everything the bilan says, computed from the actuals and the plan (see module docstring)."""
    from pilotage.compute.kpis import action_campaigns, compute_kpis, kpi_vs_targets
    from pilotage.compute.periods import actuals_as_of
    from pilotage.compute.variance import actual_costs_by_action_month, budget_variance

    progress = dict(progress or {})
    # the KPIs are read as the dashboard reads them (multi-day rows spread over their days, days
    # after the report date left out), so that both put a figure in the same month
    daily, report_date, _ = actuals_as_of(actuals, report_date)
    if report_date is None:
        report_date = _dt.date.today()
    acts = actuals.loc[actuals["date"] <= pd.Timestamp(report_date)]
    variance = evm = evm_actions = status = None
    notes: list[str] = []
    if lines is not None and len(lines):
        costs = actual_costs_by_action_month(acts, lines)
        variance = budget_variance(lines, costs, threshold=threshold, report_date=report_date)
        planned = variance.by_action.loc[~variance.by_action["action_id"].str.startswith(UNPLANNED)].copy()
        pct = planned["action_id"].map(progress)
        planned["ev"] = (planned["budget"] * pct).fillna(planned["budget_to_date"])
        evm_actions = earned_value_frame(planned.rename(columns={"budget": "bac", "budget_to_date": "pv",
                                                                 "actual": "ac"})[
            ["action_id", "action", "channel", "bac", "pv", "ev", "ac"]])
        unplanned_ac = float(variance.by_action.loc[
            variance.by_action["action_id"].str.startswith(UNPLANNED), "actual"].sum())
        evm = earned_value(evm_actions["bac"].sum(), evm_actions["pv"].sum(), evm_actions["ev"].sum(),
                           evm_actions["ac"].sum() + unplanned_ac)
    else:
        notes.append("no_plan")
    if targets is not None and len(targets) and len(acts):
        monthly = compute_kpis(daily, by=("platform", "campaign"), freq="M")
        bo = None
        if back_office is not None and len(back_office):
            bo = back_office.loc[back_office["month"] <= pd.Timestamp(report_date)]
        status = kpi_vs_targets(monthly, targets, campaigns=action_campaigns(lines), back_office=bo,
                                report_date=report_date)
        if "kind" in targets.columns and len(status):
            kinds = targets[["objective_id", "kpi", "kind"]].drop_duplicates(["objective_id", "kpi"])
            status = status.merge(kinds, on=["objective_id", "kpi"], how="left")
    media = set()
    if lines is not None and "campaigns" in lines.columns:
        media = set(lines.loc[lines["campaigns"].fillna("").astype(str).str.strip() != "", "action_id"].astype(str))
    findings = _findings(variance, evm_actions, status, threshold, lang, media=media, measured=set(progress))
    findings[-1:-1] = _reputation_findings(ereputation, lang)
    findings[-1:-1] = _tracking_findings(acts, lang)
    findings += [Finding("lesson", t, rule="user") for t in lessons]
    compared = (plan_vs_actual(forecast, variance, acts, lines)
                if forecast is not None and variance is not None and lines is not None else None)
    return BilanAnalysis(
        plan_vs_actual=compared, rows_after=int((actuals["date"] > pd.Timestamp(report_date)).sum()),
        report_date=report_date, actuals_rows=len(acts),
        sources=tuple(sorted(set(acts["source_file"]) - {""})), platform_totals=_platform_totals(daily),
        variance=variance, evm=evm, evm_by_action=evm_actions, kpi_status=status, findings=tuple(findings),
        qualitative=tuple(qualitative), progress_measured=tuple(sorted(progress)), currency=currency,
        envelope=envelope, notes=tuple(notes), ereputation=ereputation,
        decisions={str(k): str(v).strip() for k, v in (decisions or {}).items() if str(v).strip()},
    )


def _tracking_findings(actuals: pd.DataFrame, lang: Lang) -> list[Finding]:
    """A shortfall per tracking gap (:func:`pilotage.compute.tracking.tracking_gaps`), and its lesson."""
    from pilotage.compute.tracking import tracking_gaps

    gaps = tracking_gaps(actuals)
    out: list[Finding] = []
    for g in gaps.itertuples(index=False):
        camps = ", ".join(g.campaigns[:4]) + (" …" if len(g.campaigns) > 4 else "")
        ev = tr(lang, "du {start} au {end} ({days} jours) : les régies comptent {clicks} clics sur {camps}, le site n'enregistre que {sessions} sessions (d'habitude {usual_ratio} des clics)", start=fmt_date(g.start, lang), end=fmt_date(g.end, lang), days=g.days, clicks=fmt_number(g.clicks, lang, 0), camps=camps, sessions=fmt_number(g.sessions, lang, 0), usual_ratio=fmt_percent(g.usual_ratio, lang, 0))
        out.append(Finding("shortfall", tr(lang, "Rupture du suivi du site (GA4)"), ev,
                           "tracking"))
    if len(gaps):
        out.append(Finding("lesson", tr(lang, "Après chaque mise à jour du site, vérifier le jour même que la balise GA4 et le bandeau de consentement remontent les visites des campagnes (sessions ≈ clics des régies)"), rule="tracking"))
    return out


def _reputation_findings(rep: Any, lang: Lang) -> list[Finding]:
    """Success / shortfall / lesson from the e-reputation analysis (NPS, bad-buzz episodes)."""
    if rep is None:
        return []
    from pilotage.compute.ereputation import theme_label

    out: list[Finding] = []
    nps = getattr(rep, "nps", None)
    if nps is not None and nps.n:
        if nps.nps >= 30:
            out.append(Finding("success", tr(lang, "Clients prescripteurs (NPS)"),
                               f"NPS {fmt_number(nps.nps, lang, 0)} ({nps.n} {tr(lang, 'réponses')})",
                               "nps"))
        elif nps.nps < 0:
            out.append(Finding("shortfall", tr(lang, "Plus de détracteurs que de promoteurs (NPS)"),
                               f"NPS {fmt_number(nps.nps, lang, 0)} ({nps.n})", "nps"))
    for c in getattr(rep, "crises", ()):
        theme = theme_label(c.themes[0][0], lang) if c.themes else ""
        ev = tr(lang, "du {start} au {end} : {total_negative} mentions négatives (pic de {peak_negative} le {peak_date}, {baseline}/jour attendues){value}", start=fmt_date(c.start, lang), end=fmt_date(c.end, lang), total_negative=c.total_negative, peak_negative=c.peak_negative, peak_date=fmt_date(c.peak_date, lang), baseline=fmt_number(c.baseline, lang, 1), value=', thème principal : ' + theme if theme else '', value_2=', main theme: ' + theme if theme else '')
        out.append(Finding("shortfall", tr(lang, "Bad buzz détecté"), ev, "crisis"))
    if getattr(rep, "crises", ()):
        out.append(Finding("lesson", (
            tr(lang, "Avant un lancement, dimensionner la logistique et le service client sur le pic de commandes attendu, et préparer une réponse de crise (messages, délais, gestes commerciaux) prête à publier.")), rule="crisis"))
    return out


def _findings(variance: VarianceResult | None, evm_actions: pd.DataFrame | None, status: pd.DataFrame | None,
              threshold: float, lang: Lang, *, media: set[str] | None = None,
              measured: set[str] | None = None) -> list[Finding]:
    """Rule-based findings (see :data:`RULES`). ``media``: actions buying media (the plan names
    their campaigns) — only they can under-deliver; ``measured``: actions whose progress was
    measured — only their CPI says something beyond the budget variance."""
    media = media or set()
    measured = measured or set()
    out: list[Finding] = []
    seen_lessons: set[str] = set()

    def lesson(key: str, text: str) -> None:
        if key not in seen_lessons:
            seen_lessons.add(key)
            out.append(Finding("lesson", text, rule=key))

    if variance is not None:
        ba = variance.by_action
        for r in ba.itertuples(index=False):
            if str(r.action_id).startswith(UNPLANNED):
                if r.actual:
                    out.append(Finding("shortfall",
                                       tr(lang, "Dépense hors plan : {action_id}", action_id=r.action_id[len(UNPLANNED) + 1:]),
                                       fmt_currency(r.actual, lang), "unplanned"))
                    lesson("naming", tr(lang, "Nommer chaque campagne comme dans le plan (UTM et noms de campagne) pour que chaque euro soit rattaché à une action."))
                continue
            label = f"{r.action_id} — {r.action}"
            if r.budget_to_date > 0 and r.variance_pct == r.variance_pct and r.line_type == "cost":
                if r.variance_pct > threshold:
                    ev = tr(lang, "réel {actual} pour {budget_to_date} prévus à date, écart {variance} ({variance_pct})", actual=fmt_currency(r.actual, lang), budget_to_date=fmt_currency(r.budget_to_date, lang), variance=fmt_currency(r.variance, lang), variance_pct=fmt_percent(r.variance_pct, lang))
                    out.append(Finding("shortfall", tr(lang, "Dépassement budgétaire : {label}", label=label), ev, "overspend"))
                    lesson("overspend", tr(lang, "Plafonner les budgets quotidiens et poser des règles automatiques d'alerte à 110 % du budget mensuel de chaque campagne."))
                elif r.pacing == r.pacing and r.pacing < 1 - threshold and str(r.action_id) in media:
                    ev = tr(lang, "réel {actual} pour un budget phasé à date de {budget_to_date} (rythme {pacing})", actual=fmt_currency(r.actual, lang), budget_to_date=fmt_currency(r.budget_to_date, lang), pacing=fmt_number(r.pacing, lang))
                    out.append(Finding("shortfall", tr(lang, "Sous-diffusion : {label}", label=label),
                                       ev, "underdelivery"))
                    lesson("underdelivery", tr(lang, "Vérifier dès la première semaine la diffusion des campagnes (audience trop étroite, enchère trop basse) et réallouer le budget non consommé vers les campagnes au meilleur ROAS."))
                elif abs(r.variance_pct) <= threshold and r.actual > 0:
                    out.append(Finding("success", tr(lang, "Budget maîtrisé : {label}", label=label),
                                       tr(lang, "écart {variance_pct} dans la tolérance de ±{threshold}", variance_pct=fmt_percent(r.variance_pct, lang), threshold=fmt_percent(threshold, lang, 0)), "on_budget"))
    if evm_actions is not None:
        for r in evm_actions.itertuples(index=False):
            if str(r.action_id) not in measured or r.cpi != r.cpi or r.ac <= 0:
                continue
            ev = tr(lang, "CPI {cpi} (valeur acquise {ev} pour {ac} dépensés)", cpi=fmt_number(r.cpi, lang), ev=fmt_currency(r.ev, lang), ac=fmt_currency(r.ac, lang))
            if r.cpi < 0.9:
                out.append(Finding("shortfall", tr(lang, "Efficience insuffisante : {action_id} — {action}", action_id=r.action_id, action=r.action), ev, "cpi"))
            elif r.cpi >= 1:
                out.append(Finding("success", tr(lang, "Efficience : {action_id} — {action}", action_id=r.action_id, action=r.action), ev, "cpi"))
    if status is not None and len(status):
        last = latest_status(status)  # the month the dashboard shows for each figure
        if len(last):
            for r in last.itertuples(index=False):
                kind = {"on_track": "success", "off_track": "shortfall"}.get(r.status)
                if kind == "success" and not (r.shortfall <= 0):
                    continue  # within tolerance but under target: not a success factor (the rule says "at or above")
                if kind is None:
                    continue
                kk = value_kind(getattr(r, "kind", None))
                ev = tr(lang, "{month} : réel {actual} pour une cible de {target} (écart {gap_pct})", month=fmt_date(r.month, lang)[3:], actual=fmt_value(r.actual, kk, lang), target=fmt_value(r.target, kk, lang), gap_pct=fmt_percent(r.gap_pct, lang), month_2=fmt_date(r.month, lang)[:7])
                kpi_name = metrics().get(str(r.kpi)).label(lang) if str(r.kpi) in metrics() else str(r.kpi)
                text = (tr(lang, "Objectif tenu : {objective} — {kpi}", objective=r.objective, kpi=kpi_name)
                        if kind == "success" else
                        tr(lang, "Objectif hors trajectoire : {objective} — {kpi}", objective=r.objective, kpi=kpi_name))
                out.append(Finding(kind, text, ev, "kpi"))
                if kind == "shortfall":
                    lesson("kpi", tr(lang, "Fixer des cibles mensuelles réalistes dès le plan à partir des historiques du client, et tester deux créations par campagne pour corriger vite un KPI qui décroche."))
    lesson("measure", tr(lang, "Garder la chaîne de mesure (exports, GA4, factures) alimentée chaque mois : le bilan se fait en une commande."))
    return out


def value_kind(kind: object) -> str:
    """The display kind of a KPI (``number`` when unknown)."""
    return kind if kind in ("integer", "number", "currency", "percent") else "number"  # type: ignore[return-value]


def plan_vs_actual(forecast: pd.DataFrame, variance: VarianceResult, actuals: pd.DataFrame,
                   lines: pd.DataFrame) -> pd.DataFrame | None:
    """The plan's ratios against the actuals, like for like: same definition, same actions, to date.

    Actions compared: those that buy media in the plan and name their campaigns (their results
    are in the platforms' exports). The plan's forecast for the whole action is taken *to
    date* in proportion to the action's phased budget to date. Rows (``metric``: glossary id):

    * ``roas`` (ROAS média) = revenue ÷ media budget — actual: the campaigns' conversion value
      ÷ their media spend;
    * ``roas_global`` = revenue ÷ total cost of the actions — actual: conversion value ÷ the
      actions' actual costs (media, fees, creative… from the budget variance);
    * ``cpa`` (CPA média) = media ÷ conversions.

    Columns: metric, planned, actual, gap_pct (actual / planned − 1), actions (";"-joined).
    """
    from pilotage.compute.kpis import _campaign_mask, action_campaigns, compute_kpis

    camps = action_campaigns(lines)
    f = forecast.set_index("action_id")
    ids = [a for a in f.index if a in camps and float(f.loc[a, "media"] or 0) > 0]
    ba = variance.by_action.set_index("action_id")
    ids = [a for a in ids if a in ba.index and ba.loc[a, "budget"] > 0]
    if not ids or actuals is None or actuals.empty:
        return None
    share = {a: float(ba.loc[a, "budget_to_date"] / ba.loc[a, "budget"]) for a in ids}
    plan_rev = sum(float(f.loc[a, "revenue"] or 0) * share[a] for a in ids)
    plan_media = sum(float(f.loc[a, "media"]) * share[a] for a in ids)
    plan_conv = sum(float(f.loc[a, "conversions"] or 0) * share[a] for a in ids)
    plan_cost = sum(float(ba.loc[a, "budget_to_date"]) for a in ids)
    k = compute_kpis(actuals, by=("platform", "campaign"), freq=None)
    mine = k[_campaign_mask(k, [pair for a in ids for pair in camps[a]])]
    value = mine["conversion_value"].sum(min_count=1)
    media = mine["media_spend"].sum(min_count=1)
    conv = mine["conversions"].sum(min_count=1)
    cost = float(sum(ba.loc[a, "actual"] for a in ids))

    def ratio(a: float, b: float) -> float:
        return float(a) / float(b) if pd.notna(a) and pd.notna(b) and b else float("nan")

    rows = [("roas", ratio(plan_rev, plan_media), ratio(value, media)),
            ("roas_global", ratio(plan_rev, plan_cost), ratio(value, cost)),
            ("cpa", ratio(plan_media, plan_conv), ratio(media, conv))]
    out = pd.DataFrame(rows, columns=["metric", "planned", "actual"])
    out["gap_pct"] = out["actual"] / out["planned"] - 1
    out["actions"] = ";".join(ids)
    return out


def analyse(case: Case) -> BilanAnalysis:
    """Load the case's actuals and plan, and run :func:`analyse_bilan` with its settings."""
    from pilotage.store.actuals import load_actuals

    try:
        from plan.api import plan_budget_lines, plan_forecast, plan_kpi_targets
    except ImportError:  # pragma: no cover - the plan package ships with the toolkit
        plan_budget_lines = plan_kpi_targets = plan_forecast = None  # type: ignore[assignment]
    s = case.config.pilotage
    actuals = load_actuals(case)
    lines = plan_budget_lines(case) if plan_budget_lines else None
    targets = plan_kpi_targets(case) if plan_kpi_targets else None
    rep = None
    if case.config.data.mentions:
        try:
            from pilotage.compute.ereputation import analyse_case
        except ImportError:  # pragma: no cover - ships with the toolkit
            analyse_case = None  # type: ignore[assignment]
        rep = analyse_case(case) if analyse_case else None
    from pilotage.readers.kpi_input import load_kpi_input

    return analyse_bilan(actuals, lines, targets, report_date=s.report_date, threshold=s.alert_threshold,
                         back_office=load_kpi_input(case), forecast=plan_forecast(case) if plan_forecast else None,
                         progress=dict(s.progress), qualitative=tuple(s.qualitative), lessons=tuple(s.lessons),
                         lang=case.lang, currency=case.config.brief.constraints.currency,
                         envelope=case.config.brief.constraints.budget, ereputation=rep,
                         decisions=dict(s.decisions))
