"""The "Bilan des actions" (C.4.5.2): results against the objectives, why, and what to keep.

:func:`analyse_bilan` (pure) puts together, at the report date:

* **quantitative results**: the plan's KPI targets against the actuals
  (:func:`pilotage.kpis.kpi_vs_targets`) and the totals per platform;
* **financial results**: the budget variance (:func:`pilotage.variance.budget_variance`,
  écart = réel − prévu) and the earned value of each action and of the mission
  (:mod:`pilotage.evm`). Earned value = budget × physical % complete; the % complete comes
  from ``pilotage.progress`` in case.yaml (measured by the team), and actions not listed are
  assumed on schedule (EV = PV), which the document says;
* **success factors and causes of shortfall**, drawn by explicit rules from the variance and
  KPI analysis (each with its evidence — see :data:`RULES`);
* **lessons** for future campaigns, one per finding type, plus the user's own;
* the **self-evaluation grid** of the "bilan" production.

:func:`bilan_document` turns that into a :class:`~toolkit.document.Document` (no computing).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from pilotage.evm import EVMResult, earned_value, earned_value_frame
from pilotage.variance import CONVENTION, UNPLANNED, VarianceResult
from toolkit.document import (
    BulletList,
    Callout,
    Document,
    Figure,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Table,
)
from toolkit.fmt import Lang, fmt_currency, fmt_date, fmt_number, fmt_percent, fmt_value

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.case import Case

__all__ = ["RULES", "BilanAnalysis", "Finding", "analyse", "analyse_bilan", "bilan_document"]

#: The rules behind the findings (documented in the deliverable's method annex).
RULES = {
    "fr": [
        "Dépassement : une action dont l'écart à date dépasse le seuil (coût réel > prévu) est une cause d'insuffisance.",
        "Sous-diffusion : une action média (campagnes nommées dans le plan) dont le rythme (% consommé / % du temps écoulé) est sous 1 − seuil "
        "n'a pas diffusé ce qui était prévu.",
        "Efficience (actions dont l'avancement est mesuré) : CPI ≥ 1 (valeur acquise ≥ coût réel) est un facteur "
        "de succès ; CPI < 0,9 une insuffisance.",
        "E-réputation : un NPS ≥ 30 est un succès, un NPS négatif une insuffisance ; chaque bad buzz détecté "
        "(pic de mentions négatives) est une cause d'insuffisance.",
        "Objectifs : un KPI à ou au-dessus de sa cible du mois est un succès ; un KPI « hors trajectoire » "
        "(écart défavorable > 20 %) une insuffisance.",
        "Dépense hors plan : toute dépense qu'aucune action du plan ne revendique est signalée.",
    ],
    "en": [
        "Overspend: an action whose variance to date exceeds the threshold (actual cost > plan) is a shortfall.",
        "Under-delivery: a media action (campaigns named in the plan) whose pacing (% consumed / % of time elapsed) is below 1 − threshold "
        "did not run as planned.",
        "Efficiency (actions whose progress is measured): CPI ≥ 1 (earned value ≥ actual cost) is a success "
        "factor; CPI < 0.9 a shortfall.",
        "E-reputation: an NPS ≥ 30 is a success, a negative NPS a shortfall; every bad buzz detected (a spike of "
        "negative mentions) is a cause of shortfall.",
        "Objectives: a KPI at or above its monthly target is a success; an off-track KPI "
        "(unfavourable gap > 20 %) a shortfall.",
        "Unplanned spend: any spend no plan action claims is flagged.",
    ],
}


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
    """:class:`pilotage.ereputation.EReputationResult` of the case's mentions, when it has some."""


def _platform_totals(actuals: pd.DataFrame) -> pd.DataFrame:
    from pilotage.kpis import compute_kpis

    if actuals.empty:
        return pd.DataFrame()
    return compute_kpis(actuals, by=("platform",), freq=None)


def analyse_bilan(actuals: pd.DataFrame, lines: pd.DataFrame | None, targets: pd.DataFrame | None, *,
                  report_date: _dt.date | None = None, threshold: float = 0.10,
                  progress: dict[str, float] | None = None, qualitative: tuple[str, ...] = (),
                  lessons: tuple[str, ...] = (), lang: Lang = "fr", currency: str = "EUR",
                  envelope: float | None = None, ereputation: Any = None,
                  back_office: pd.DataFrame | None = None) -> BilanAnalysis:
    """Everything the bilan says, computed from the actuals and the plan (see module docstring)."""
    from pilotage.kpis import action_campaigns, compute_kpis, kpi_vs_targets
    from pilotage.variance import actual_costs_by_action_month, budget_variance

    progress = dict(progress or {})
    if report_date is None:
        report_date = actuals["period_end"].max().date() if len(actuals) else _dt.date.today()
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
        monthly = compute_kpis(acts, by=("platform", "campaign"), freq="M")
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
    findings += [Finding("lesson", t, rule="user") for t in lessons]
    return BilanAnalysis(
        report_date=report_date, actuals_rows=len(acts),
        sources=tuple(sorted(set(acts["source_file"]) - {""})), platform_totals=_platform_totals(acts),
        variance=variance, evm=evm, evm_by_action=evm_actions, kpi_status=status, findings=tuple(findings),
        qualitative=tuple(qualitative), progress_measured=tuple(sorted(progress)), currency=currency,
        envelope=envelope, notes=tuple(notes), ereputation=ereputation,
    )


def _reputation_findings(rep: Any, lang: Lang) -> list[Finding]:
    """Success / shortfall / lesson from the e-reputation analysis (NPS, bad-buzz episodes)."""
    if rep is None:
        return []
    from pilotage.ereputation import theme_label

    fr = lang == "fr"
    out: list[Finding] = []
    nps = getattr(rep, "nps", None)
    if nps is not None and nps.n:
        if nps.nps >= 30:
            out.append(Finding("success", "Clients prescripteurs (NPS)" if fr else "Customers recommend (NPS)",
                               f"NPS {fmt_number(nps.nps, lang, 0)} ({nps.n} {'réponses' if fr else 'answers'})",
                               "nps"))
        elif nps.nps < 0:
            out.append(Finding("shortfall", "Plus de détracteurs que de promoteurs (NPS)" if fr else
                               "More detractors than promoters (NPS)",
                               f"NPS {fmt_number(nps.nps, lang, 0)} ({nps.n})", "nps"))
    for c in getattr(rep, "crises", ()):
        theme = theme_label(c.themes[0][0], lang) if c.themes else ""
        ev = (f"du {fmt_date(c.start, lang)} au {fmt_date(c.end, lang)} : {c.total_negative} mentions négatives "
              f"(pic de {c.peak_negative} le {fmt_date(c.peak_date, lang)}, {fmt_number(c.baseline, lang, 1)}/jour "
              f"attendues){', thème principal : ' + theme if theme else ''}" if fr else
              f"{fmt_date(c.start, lang)} to {fmt_date(c.end, lang)}: {c.total_negative} negative mentions "
              f"(peak {c.peak_negative} on {fmt_date(c.peak_date, lang)}, {fmt_number(c.baseline, lang, 1)}/day "
              f"expected){', main theme: ' + theme if theme else ''}")
        out.append(Finding("shortfall", "Bad buzz détecté" if fr else "Bad buzz detected", ev, "crisis"))
    if getattr(rep, "crises", ()):
        out.append(Finding("lesson", (
            "Avant un lancement, dimensionner la logistique et le service client sur le pic de commandes attendu, "
            "et préparer une réponse de crise (messages, délais, gestes commerciaux) prête à publier." if fr else
            "Before a launch, size logistics and customer service for the expected order peak, and prepare a "
            "crisis response (messages, delays, goodwill gestures) ready to publish."), rule="crisis"))
    return out


def _findings(variance: VarianceResult | None, evm_actions: pd.DataFrame | None, status: pd.DataFrame | None,
              threshold: float, lang: Lang, *, media: set[str] | None = None,
              measured: set[str] | None = None) -> list[Finding]:
    """Rule-based findings (see :data:`RULES`). ``media``: actions buying media (the plan names
    their campaigns) — only they can under-deliver; ``measured``: actions whose progress was
    measured — only their CPI says something beyond the budget variance."""
    media = media or set()
    measured = measured or set()
    fr = lang == "fr"
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
                                       (f"Dépense hors plan : {r.action_id[len(UNPLANNED) + 1:]}" if fr else
                                        f"Unplanned spend: {r.action_id[len(UNPLANNED) + 1:]}"),
                                       fmt_currency(r.actual, lang), "unplanned"))
                    lesson("naming", "Nommer chaque campagne comme dans le plan (UTM et noms de campagne) pour que "
                                     "chaque euro soit rattaché à une action." if fr else
                           "Name every campaign as in the plan (UTMs and campaign names) so that every euro "
                           "maps to an action.")
                continue
            label = f"{r.action_id} — {r.action}"
            if r.budget_to_date > 0 and r.variance_pct == r.variance_pct and r.line_type == "cost":
                if r.variance_pct > threshold:
                    ev = (f"réel {fmt_currency(r.actual, lang)} pour {fmt_currency(r.budget_to_date, lang)} prévus "
                          f"à date, écart {fmt_currency(r.variance, lang)} ({fmt_percent(r.variance_pct, lang)})"
                          if fr else
                          f"actual {fmt_currency(r.actual, lang)} vs {fmt_currency(r.budget_to_date, lang)} planned "
                          f"to date, variance {fmt_currency(r.variance, lang)} ({fmt_percent(r.variance_pct, lang)})")
                    out.append(Finding("shortfall", (f"Dépassement budgétaire : {label}" if fr else
                                                     f"Budget overrun: {label}"), ev, "overspend"))
                    lesson("overspend", "Plafonner les budgets quotidiens et poser des règles automatiques d'alerte "
                                        "à 110 % du budget mensuel de chaque campagne." if fr else
                           "Cap daily budgets and set automated alert rules at 110 % of each campaign's "
                           "monthly budget.")
                elif r.pacing == r.pacing and r.pacing < 1 - threshold and str(r.action_id) in media:
                    ev = (f"{fmt_percent(r.pct_consumed, lang)} du budget consommé pour "
                          f"{fmt_percent(r.time_elapsed, lang)} du temps écoulé (rythme {fmt_number(r.pacing, lang)})"
                          if fr else
                          f"{fmt_percent(r.pct_consumed, lang)} of the budget spent for "
                          f"{fmt_percent(r.time_elapsed, lang)} of the time elapsed (pacing {fmt_number(r.pacing, lang)})")
                    out.append(Finding("shortfall", (f"Sous-diffusion : {label}" if fr else f"Under-delivery: {label}"),
                                       ev, "underdelivery"))
                    lesson("underdelivery", "Vérifier dès la première semaine la diffusion des campagnes (audience "
                                            "trop étroite, enchère trop basse) et réallouer le budget non consommé "
                                            "vers les campagnes au meilleur ROAS." if fr else
                           "Check delivery in the first week (audience too narrow, bid too low) and reallocate "
                           "unspent budget to the campaigns with the best ROAS.")
                elif abs(r.variance_pct) <= threshold and r.actual > 0:
                    out.append(Finding("success", (f"Budget maîtrisé : {label}" if fr else f"Budget under control: {label}"),
                                       (f"écart {fmt_percent(r.variance_pct, lang)} dans la tolérance de "
                                        f"±{fmt_percent(threshold, lang, 0)}" if fr else
                                        f"variance {fmt_percent(r.variance_pct, lang)} within "
                                        f"±{fmt_percent(threshold, lang, 0)}"), "on_budget"))
    if evm_actions is not None:
        for r in evm_actions.itertuples(index=False):
            if str(r.action_id) not in measured or r.cpi != r.cpi or r.ac <= 0:
                continue
            ev = (f"CPI {fmt_number(r.cpi, lang)} (valeur acquise {fmt_currency(r.ev, lang)} pour "
                  f"{fmt_currency(r.ac, lang)} dépensés)" if fr else
                  f"CPI {fmt_number(r.cpi, lang)} (earned value {fmt_currency(r.ev, lang)} for "
                  f"{fmt_currency(r.ac, lang)} spent)")
            if r.cpi < 0.9:
                out.append(Finding("shortfall", (f"Efficience insuffisante : {r.action_id} — {r.action}" if fr else
                                                 f"Low cost efficiency: {r.action_id} — {r.action}"), ev, "cpi"))
            elif r.cpi >= 1:
                out.append(Finding("success", (f"Efficience : {r.action_id} — {r.action}" if fr else
                                               f"Cost efficiency: {r.action_id} — {r.action}"), ev, "cpi"))
    if status is not None and len(status):
        last = status.loc[status["status"].isin(["on_track", "watch", "off_track"])]
        if len(last):
            last = last.sort_values("month").groupby(["objective_id", "kpi"], as_index=False).tail(1)
            for r in last.itertuples(index=False):
                kind = {"on_track": "success", "off_track": "shortfall"}.get(r.status)
                if kind is None:
                    continue
                kk = _kind(getattr(r, "kind", None))
                ev = (f"{fmt_date(r.month, lang)[3:]} : réel {fmt_value(r.actual, kk, lang)} pour une cible de "
                      f"{fmt_value(r.target, kk, lang)} (écart {fmt_percent(r.gap_pct, lang)})" if fr else
                      f"{fmt_date(r.month, lang)[:7]}: actual {fmt_value(r.actual, kk, lang)} vs target "
                      f"{fmt_value(r.target, kk, lang)} (gap {fmt_percent(r.gap_pct, lang)})")
                text = (f"{'Objectif tenu' if kind == 'success' else 'Objectif hors trajectoire'} : {r.objective} — {r.kpi}"
                        if fr else f"{'On target' if kind == 'success' else 'Off track'}: {r.objective} — {r.kpi}")
                out.append(Finding(kind, text, ev, "kpi"))
                if kind == "shortfall":
                    lesson("kpi", "Fixer des cibles mensuelles réalistes dès le plan à partir des historiques du client, "
                                  "et tester deux créations par campagne pour corriger vite un KPI qui décroche." if fr else
                           "Set realistic monthly targets from the client's history, and test two creatives per "
                           "campaign to correct a slipping KPI quickly.")
    lesson("measure", "Garder la chaîne de mesure (exports, GA4, factures) alimentée chaque mois : le bilan se fait "
                      "en une commande." if fr else
           "Keep the measurement chain (exports, GA4, invoices) fed every month: the review then takes one command.")
    return out


def _kind(kind: object) -> str:
    return kind if kind in ("integer", "number", "currency", "percent") else "number"  # type: ignore[return-value]


def analyse(case: Case) -> BilanAnalysis:
    """Load the case's actuals and plan, and run :func:`analyse_bilan` with its settings."""
    from pilotage.actuals import load_actuals

    try:
        from plan.api import plan_budget_lines, plan_kpi_targets
    except ImportError:  # pragma: no cover - the plan package ships with the toolkit
        plan_budget_lines = plan_kpi_targets = None  # type: ignore[assignment]
    s = case.config.pilotage
    actuals = load_actuals(case)
    lines = plan_budget_lines(case) if plan_budget_lines else None
    targets = plan_kpi_targets(case) if plan_kpi_targets else None
    rep = None
    if case.config.data.mentions:
        try:
            from pilotage.ereputation import analyse_case
        except ImportError:  # pragma: no cover - ships with the toolkit
            analyse_case = None  # type: ignore[assignment]
        rep = analyse_case(case) if analyse_case else None
    from pilotage.backoffice import load_kpi_input

    return analyse_bilan(actuals, lines, targets, report_date=s.report_date, threshold=s.alert_threshold,
                         back_office=load_kpi_input(case),
                         progress=dict(s.progress), qualitative=tuple(s.qualitative), lessons=tuple(s.lessons),
                         lang=case.lang, currency=case.config.brief.constraints.currency,
                         envelope=case.config.brief.constraints.budget, ereputation=rep)


# ---------------------------------------------------------------------------------------
# Document

_T = {
    "fr": {
        "title": "Bilan des actions", "summary": "Synthèse", "quant": "Résultats quantitatifs au regard des objectifs",
        "fin": "Résultats financiers", "qual": "Résultats qualitatifs", "factors": "Facteurs de succès et causes d'insuffisance",
        "success": "Facteurs de succès", "shortfall": "Causes d'insuffisance", "lessons": "Enseignements pour les prochaines campagnes",
        "grid": "Grille d'auto-évaluation", "method": "Méthode et sources", "evm": "Valeur acquise et prévision à terminaison",
        "by_action": "Écarts par action à date", "by_month": "Écarts par mois et cumul", "by_channel": "Écarts par canal",
        "exceptions": "Contrôle par exception", "platforms": "Résultats par plateforme",
        "no_plan": "Aucun plan (plan.yaml) : les écarts budgétaires et les objectifs ne peuvent pas être comparés.",
        "todo_qual": "À compléter : retours du client, retombées presse, avis, enseignements d'équipe "
                     "(pilotage.qualitative dans case.yaml).",
    },
    "en": {
        "title": "Campaign review", "summary": "Summary", "quant": "Quantitative results against the objectives",
        "fin": "Financial results", "qual": "Qualitative results", "factors": "Success factors and causes of shortfall",
        "success": "Success factors", "shortfall": "Causes of shortfall", "lessons": "Lessons for future campaigns",
        "grid": "Self-evaluation grid", "method": "Method and sources", "evm": "Earned value and forecast at completion",
        "by_action": "Variance by action to date", "by_month": "Variance by month and cumulation",
        "by_channel": "Variance by channel", "exceptions": "Control by exception", "platforms": "Results by platform",
        "no_plan": "No plan (plan.yaml): budget variance and objectives cannot be compared.",
        "todo_qual": "To complete: client feedback, press coverage, reviews, team lessons "
                     "(pilotage.qualitative in case.yaml).",
    },
}


_PLATFORM_LABELS = {"google_ads": "Google Ads", "meta": "Meta", "ga4": "GA4", "emailing": "Emailing",
                    "generic": "Autres coûts (factures)"}
_COLUMN_LABELS = {
    "fr": {"platform": "Plateforme", "spend": "Dépense", "impressions": "Impressions", "clicks": "Clics",
           "conversions": "Conversions", "conversion_value": "Valeur des conversions", "sessions": "Sessions",
           "ctr": "CTR", "cpc": "CPC", "cpa": "CPA", "roas": "ROAS"},
    "en": {"platform": "Platform", "spend": "Spend", "impressions": "Impressions", "clicks": "Clicks",
           "conversions": "Conversions", "conversion_value": "Conversion value", "sessions": "Sessions",
           "ctr": "CTR", "cpc": "CPC", "cpa": "CPA", "roas": "ROAS"},
}


def _cum_figure(v: VarianceResult, lang: Lang) -> Figure:
    from toolkit.charts import format_axis, new_figure

    fig, ax = new_figure()
    m = v.by_month
    ax.plot(m["month"], m["cumulative_budget"], label="Budget cumulé" if lang == "fr" else "Cumulative budget",
            linestyle="--")
    ax.plot(m["month"], m["cumulative_actual"], label="Réel cumulé" if lang == "fr" else "Cumulative actual",
            marker="o")
    ax.legend()
    format_axis(ax, "y", "currency", lang)
    ytd = v.ytd
    alt = (f"Budget cumulé et réel cumulé par mois : au {fmt_date(v.report_date, lang)}, "
           f"{fmt_currency(ytd.actual, lang)} dépensés pour {fmt_currency(ytd.budget_to_date, lang)} prévus à date."
           if lang == "fr" else
           f"Cumulative budget and actual by month: at {fmt_date(v.report_date, lang)}, "
           f"{fmt_currency(ytd.actual, lang)} spent vs {fmt_currency(ytd.budget_to_date, lang)} planned to date.")
    return Figure.from_matplotlib(fig, "Consommation du budget" if lang == "fr" else "Budget consumption", alt,
                                  name="budget-cumule")


def _evidence(a: BilanAnalysis, lang: Lang) -> dict:
    from toolkit.grid import Evidence, criteria

    ids = {c.id for c in criteria("bilan")}
    ev = {}
    fr = lang == "fr"
    if "budget_ajustements" in ids:
        if a.variance is not None:
            n = int((a.variance.exceptions["level"] == "action").sum())
            ev["budget_ajustements"] = Evidence("partial", (
                f"Écarts par action, canal et mois présentés ; {n} écart(s) signalé(s) à commenter (décision prise)"
                if fr else f"Variance by action, channel and month shown; {n} flagged variance(s) to comment"))
        else:
            ev["budget_ajustements"] = Evidence("missing", "pas de plan" if fr else "no plan")
    if "resultats_indicateurs" in ids:
        measured = a.kpi_status is not None and len(a.kpi_status) and (a.kpi_status["status"] != "no_data").any()
        status = "met" if measured and a.qualitative else ("partial" if measured or a.actuals_rows else "missing")
        ev["resultats_indicateurs"] = Evidence(status, (
            f"{a.actuals_rows} lignes de résultats réels, objectifs du plan comparés, "
            f"{len(a.qualitative)} résultat(s) qualitatif(s)" if fr else
            f"{a.actuals_rows} rows of actual results, plan objectives compared, {len(a.qualitative)} qualitative result(s)"))
    if "facteurs_succes" in ids:
        s = sum(f.kind == "success" for f in a.findings)
        sh = sum(f.kind == "shortfall" for f in a.findings)
        ev["facteurs_succes"] = Evidence("partial" if s + sh else "missing", (
            f"{s} facteur(s) de succès et {sh} cause(s) d'insuffisance identifiés par règles ; à compléter par "
            "l'analyse de terrain" if fr else
            f"{s} success factor(s) and {sh} shortfall(s) found by rules; complete with field analysis"))
    return ev


def bilan_document(a: BilanAnalysis, case: Case | None = None, lang: Lang = "fr") -> Document:
    """The bilan as a Document (sections listed in the module docstring)."""
    from toolkit.grid import grid_checklist

    t = _T[lang]
    fr = lang == "fr"
    cur = a.currency
    sections: list[Section] = []

    # Summary
    tiles: list[KeyFigure] = []
    blocks: list[Any] = []
    if a.variance is not None:
        y = a.variance.ytd
        tiles += [
            KeyFigure("Budget consommé" if fr else "Budget spent", y.pct_consumed, "percent",
                      note=f"{fmt_currency(y.actual, lang, cur)} / {fmt_currency(y.bac, lang, cur)}"),
            KeyFigure("Écart à date (réel − prévu)" if fr else "Variance to date (actual − plan)", y.variance,
                      "currency", change=y.variance_pct, status="good" if y.favourable else "bad", currency=cur),
            KeyFigure("Temps écoulé" if fr else "Time elapsed", y.time_elapsed, "percent"),
        ]
    if a.evm is not None:
        tiles += [KeyFigure("CPI", a.evm.cpi, "number",
                            status="good" if (a.evm.cpi or 0) >= 1 else "warning"),
                  KeyFigure("EAC (BAC/CPI)", a.evm.eac_typical, "currency", currency=cur,
                            status="good" if (a.evm.vac or 0) >= 0 else "bad")]
    pt = a.platform_totals
    if len(pt) and "roas" in pt:
        # GA4 revenue is the same sales seen from the site: counting it too would double the value
        ads = pt.loc[pt["platform"].isin(["google_ads", "meta", "emailing"])]
        spend = float(ads["spend"].sum())
        value = float(ads["conversion_value"].sum())
        tiles.append(KeyFigure("ROAS média" if fr else "Media ROAS", value / spend if spend else None, "number",
                                note="Google Ads, Meta, emailing"))
    if tiles:
        blocks.append(KeyFigures(tiles))
    blocks.append(Paragraph(
        f"Bilan établi au {fmt_date(a.report_date, lang, long=True)} à partir de {a.actuals_rows} lignes de résultats "
         f"réels ({len(a.sources)} fichiers d'export)." if fr else
         f"Review as of {fmt_date(a.report_date, lang, long=True)} from {a.actuals_rows} rows of actual results "
         f"({len(a.sources)} export files)."))
    if a.envelope:
        blocks.append(Paragraph(f"Enveloppe de la mission : {fmt_currency(a.envelope, lang, cur)} HT."
                                 if fr else f"Mission envelope: {fmt_currency(a.envelope, lang, cur)} excl. VAT."))
    blocks.append(Callout("info", "Convention" if fr else "Convention", CONVENTION[lang]))
    if "no_plan" in a.notes:
        blocks.append(Callout("warning", "Plan", t["no_plan"]))
    sections.append(Section(t["summary"], blocks))

    # Quantitative
    qb: list[Any] = []
    if a.kpi_status is not None and len(a.kpi_status):
        st = a.kpi_status.loc[a.kpi_status["status"] != "no_data"]
        st = st.sort_values("month").groupby(["objective_id", "kpi"], as_index=False).tail(1) if len(st) else st
        labels = {"on_track": "dans la cible" if fr else "on track", "watch": "à surveiller" if fr else "watch",
                  "off_track": "hors trajectoire" if fr else "off track",
                  "not_measured": "non mesurable par les exports" if fr else "not measurable from exports"}
        rows = [(r.objective_id, r.objective, r.kpi, r.month.date() if pd.notna(r.month) else None,
                 fmt_value(r.target, _kind(getattr(r, "kind", None)), lang),
                 fmt_value(r.actual, _kind(getattr(r, "kind", None)), lang),
                 None if pd.isna(r.gap_pct) else float(r.gap_pct), labels.get(r.status, r.status))
                for r in st.itertuples(index=False)]
        cols = (("Objectif", "Intitulé", "KPI", "Mois", "Cible", "Réel", "Écart %", "Statut") if fr else
                ("Objective", "Title", "KPI", "Month", "Target", "Actual", "Gap %", "Status"))
        qb.append(Table(cols, tuple(rows), ("text", "text", "text", "date", "text", "text", "percent", "text"),
                        caption="Objectifs du plan : dernière cible mesurable" if fr else
                        "Plan objectives: latest measurable target", name="objectifs"))
        qb.append(Paragraph("Les KPI de niveau (abonnés, part du CA en ligne) ne figurent pas dans les exports "
                            "publicitaires : renseignez-les depuis le back-office." if fr else
                            "Level KPIs (subscribers, online revenue share) are not in ad exports: take them "
                            "from the back office."))
    if len(pt):
        cols_pt = [c for c in ("platform", "spend", "impressions", "clicks", "conversions", "conversion_value",
                               "sessions", "ctr", "cpc", "cpa", "roas") if c in pt.columns]
        kinds = {"platform": "text", "spend": "currency", "impressions": "integer", "clicks": "integer",
                 "conversions": "number", "conversion_value": "currency", "sessions": "integer", "ctr": "percent",
                 "cpc": "currency", "cpa": "currency", "roas": "number"}
        names = _COLUMN_LABELS[lang]
        shown = pt[cols_pt].copy()
        labels_p = {**_PLATFORM_LABELS, **({} if fr else {"generic": "Other costs (invoices)"})}
        shown["platform"] = shown["platform"].map(lambda p: labels_p.get(p, p))
        shown = shown.rename(columns=names)
        qb.append(Table.from_frame(shown, {names[c]: kinds[c] for c in cols_pt}, caption=t["platforms"],
                                   name="plateformes", currency=cur,
                                   source="GA4 : sessions et chiffre d'affaires du site, à ne pas additionner aux "
                                          "conversions des régies" if fr else
                                          "GA4: site sessions and revenue, not to be added to the ad platforms' "
                                          "conversions"))
    if not qb:
        qb.append(Paragraph(t["no_plan"]))
    sections.append(Section(t["quant"], qb))

    # Financial
    fb: list[Any] = []
    if a.variance is not None:
        v = a.variance
        fb.append(Paragraph(CONVENTION[lang]))
        ba = v.by_action
        fav = {True: "favorable" if fr else "favourable", False: "défavorable" if fr else "unfavourable"}
        rows = [(r.action_id, r.action, r.channel, float(r.budget), float(r.budget_to_date), float(r.actual),
                 float(r.variance), None if pd.isna(r.variance_pct) else float(r.variance_pct),
                 None if pd.isna(r.pct_consumed) else float(r.pct_consumed),
                 None if pd.isna(r.pacing) else float(r.pacing), fav[bool(r.favourable)])
                for r in ba.itertuples(index=False)]
        cols = (("Action", "Intitulé", "Canal", "Budget total", "Prévu à date", "Réel", "Écart (réel − prévu)",
                 "Écart %", "% consommé", "Rythme", "Sens") if fr else
                ("Action", "Title", "Channel", "Total budget", "Planned to date", "Actual", "Variance (actual − plan)",
                 "Variance %", "% consumed", "Pacing", "Direction"))
        fb.append(Table(cols, tuple(rows), ("text", "text", "text", "currency", "currency", "currency", "currency",
                                            "percent", "percent", "number", "text"),
                        caption=t["by_action"], totals=(cols[3], cols[4], cols[5], cols[6]), name="ecarts-actions",
                        currency=cur))
        bm = v.by_month
        rows = [(r.month.date(), float(r.budget), None if pd.isna(r.actual) else float(r.actual),
                 None if pd.isna(r.variance) else float(r.variance), float(r.cumulative_budget),
                 None if pd.isna(r.cumulative_actual) else float(r.cumulative_actual))
                for r in bm.itertuples(index=False)]
        cols = (("Mois", "Budget", "Réel", "Écart", "Budget cumulé", "Réel cumulé") if fr else
                ("Month", "Budget", "Actual", "Variance", "Cumulative budget", "Cumulative actual"))
        fb.append(Table(cols, tuple(rows), ("date", "currency", "currency", "currency", "currency", "currency"),
                        caption=t["by_month"], name="ecarts-mois", currency=cur))
        fb.append(_cum_figure(v, lang))
        bc = v.by_channel
        rows = [(r.channel or "—", float(r.budget), float(r.budget_to_date), float(r.actual), float(r.variance),
                 None if pd.isna(r.variance_pct) else float(r.variance_pct)) for r in bc.itertuples(index=False)]
        cols = (("Canal", "Budget total", "Prévu à date", "Réel", "Écart", "Écart %") if fr else
                ("Channel", "Total budget", "Planned to date", "Actual", "Variance", "Variance %"))
        fb.append(Table(cols, tuple(rows), ("text", "currency", "currency", "currency", "currency", "percent"),
                        caption=t["by_channel"], name="ecarts-canaux", currency=cur))
        ex = v.exceptions.loc[v.exceptions["level"] == "action"]
        if len(ex):
            items = [f"{r.action_id} — {r.action} : {fmt_currency(r.variance, lang, cur)} "
                     f"({fmt_percent(r.variance_pct, lang) if pd.notna(r.variance_pct) else '—'}, {fav[bool(r.favourable)]})"
                     for r in ex.itertuples(index=False)]
            fb.append(Callout("warning", t["exceptions"] + f" (±{fmt_percent(v.threshold, lang, 0)})",
                              [Paragraph(i) for i in items]))
        else:
            fb.append(Callout("success", t["exceptions"], "Aucun écart au-delà du seuil." if fr else
                              "No variance beyond the threshold."))
    if a.evm is not None and a.evm_by_action is not None:
        e = a.evm
        fb.append(KeyFigures([
            KeyFigure("BAC", e.bac, "currency", currency=cur), KeyFigure("PV", e.pv, "currency", currency=cur),
            KeyFigure("EV", e.ev, "currency", currency=cur), KeyFigure("AC", e.ac, "currency", currency=cur),
            KeyFigure("CPI", e.cpi, "number"), KeyFigure("SPI", e.spi, "number"),
        ], caption=t["evm"]))
        rows = [("EAC = BAC / CPI", e.eac_typical), ("EAC = AC + (BAC − EV)", e.eac_atypical),
                ("EAC = AC + (BAC − EV) / (CPI × SPI)", e.eac_cpi_spi), ("ETC = EAC − AC", e.etc),
                ("VAC = BAC − EAC", e.vac)]
        fb.append(Table(("Indicateur" if fr else "Indicator", "Valeur" if fr else "Value"), tuple(rows),
                        ("text", "currency"), caption="Prévision à terminaison" if fr else "Forecast at completion",
                        name="evm", currency=cur))
        fb.append(Paragraph(
            f"TCPI (pour finir dans le budget) = {fmt_number(e.tcpi_bac, lang)} ; "
             f"TCPI (pour finir à l'EAC) = {fmt_number(e.tcpi_eac, lang)}." if fr else
             f"TCPI (to finish within budget) = {fmt_number(e.tcpi_bac, lang)}; "
             f"TCPI (to finish at the EAC) = {fmt_number(e.tcpi_eac, lang)}."))
        eb = a.evm_by_action
        rows = [(r.action_id, r.action, float(r.bac), float(r.pv), float(r.ev), float(r.ac),
                 None if pd.isna(r.cpi) else float(r.cpi), None if pd.isna(r.spi) else float(r.spi),
                 None if pd.isna(r.eac_typical) else float(r.eac_typical)) for r in eb.itertuples(index=False)]
        fb.append(Table(("Action", "Intitulé" if fr else "Title", "BAC", "PV", "EV", "AC", "CPI", "SPI", "EAC"),
                        tuple(rows), ("text", "text", "currency", "currency", "currency", "currency", "number",
                                      "number", "currency"),
                        caption="Valeur acquise par action" if fr else "Earned value by action", name="evm-actions",
                        currency=cur))
        measured = ", ".join(a.progress_measured) or ("aucune" if fr else "none")
        fb.append(Paragraph(
            (f"Valeur acquise = budget × avancement physique. Avancement mesuré par l'équipe pour : {measured} ; "
             "les autres actions sont supposées dans les temps (EV = PV). Formules : PMI, PMBOK Guide, 6e éd., "
             "§ 7.4.2.2 (analyse de la valeur acquise).") if fr else
            (f"Earned value = budget × physical progress. Progress measured by the team for: {measured}; other "
             "actions are assumed on schedule (EV = PV). Formulas: PMI, PMBOK Guide, 6th ed., §7.4.2.2 "
             "(earned value analysis).")))
    if not fb:
        fb.append(Paragraph(t["no_plan"]))
    sections.append(Section(t["fin"], fb))

    # Qualitative
    ql: list[Any] = []
    rep = a.ereputation
    if rep is not None:
        sent = rep.sentiment
        tiles = [KeyFigure("Mentions de la marque" if fr else "Brand mentions", sent.get("n"), "integer"),
                 KeyFigure("Positives" if fr else "Positive", sent.get("positive_share"), "percent", status="good"),
                 KeyFigure("Négatives" if fr else "Negative", sent.get("negative_share"), "percent",
                           status="bad" if (sent.get("negative_share") or 0) > 0.3 else "neutral")]
        if rep.nps is not None and rep.nps.n:
            tiles.append(KeyFigure("NPS", round(rep.nps.nps), "integer", note=f"{rep.nps.n} "
                                   + ("réponses" if fr else "answers")))
        ql.append(KeyFigures(tiles, caption=(f"E-réputation du {fmt_date(rep.start, lang)} au "
                                             f"{fmt_date(rep.end, lang)}" if fr else
                                             f"E-reputation {fmt_date(rep.start, lang)} to {fmt_date(rep.end, lang)}")))
        sov = rep.share_of_voice
        if len(sov):
            cols = (("Marque", "Mentions", "Part de voix", "Sentiment net") if fr else
                    ("Brand", "Mentions", "Share of voice", "Net sentiment"))
            rows = tuple((str(r.brand), int(r.mentions), float(r.share), float(r.net_sentiment))
                         for r in sov.itertuples(index=False))
            ql.append(Table(cols, rows, ("text", "integer", "percent", "percent"),
                            caption="Part de voix face aux concurrents" if fr else "Share of voice against competitors",
                            name="part-de-voix"))
        th = rep.themes
        if len(th):
            ql.append(Paragraph("Thèmes des mentions négatives :" if fr else "Themes of negative mentions:"))
            ql.append(BulletList([f"{r.label} — {fmt_percent(r.share, lang, 0)}" for r in th.head(4).itertuples()]))
        ql.append(Paragraph("Méthode et détail : tableau de bord, section e-réputation." if fr else
                            "Method and detail: dashboard, e-reputation section.", style="small"))
    if a.qualitative:
        ql += [Paragraph("Constats de l'équipe :" if fr else "Team observations:"), BulletList(a.qualitative)]
    else:
        ql.append(Callout("info", "À compléter" if fr else "To complete", t["todo_qual"]))
    sections.append(Section(t["qual"], ql))

    # Factors
    def bullets(kind: str) -> BulletList | Paragraph:
        items = [Paragraph(f.text + (f" — {f.evidence}" if f.evidence else "")) for f in a.findings if f.kind == kind]
        return BulletList(items) if items else Paragraph("Aucun identifié par les règles." if fr else "None found by the rules.")

    sections.append(Section(t["factors"], [
        Section(t["success"], [bullets("success")]),
        Section(t["shortfall"], [bullets("shortfall")]),
        Paragraph("Règles appliquées :" if fr else "Rules applied:"), BulletList(RULES[lang]),
    ]))
    sections.append(Section(t["lessons"], [bullets("lesson")]))
    sections.append(Section(t["grid"], [grid_checklist("bilan", _evidence(a, lang), lang)]))
    src = [Paragraph(s) for s in a.sources] or [Paragraph("—")]
    sections.append(Section(t["method"], [
        Paragraph("Exports importés :" if fr else "Imported exports:"), BulletList(src),
        Paragraph(CONVENTION[lang]),
    ], appendix=True))

    client = case.config.client.name if case is not None else ""
    author = case.config.output.author if case is not None else ""
    return Document(title=t["title"], sections=tuple(sections), client=client, author=author,
                    subtitle=(f"Au {fmt_date(a.report_date, lang, long=True)}" if fr else
                              f"As of {fmt_date(a.report_date, lang, long=True)}"),
                    lang=lang, kind="bilan")
