"""Rule-based alerts: which KPIs and budget lines are off track, the evidence, what to do.

Every alert says which rule fired, on what evidence (the numbers), and proposes corrective
actions drawn from a fixed catalogue — no black box: a marketing user can check each alert
by hand and disagree with it.

Rules (thresholds are module constants, documented in the README):

* ``target-2-periods`` — a KPI misses its plan target by more than 20 % (in the unfavourable
  direction: below for CTR/ROAS/conversion rate, above for CPC/CPA/CPM) in the latest month
  **and** the month before → *critique*; in the latest month only → *attention*.
* ``target-watch`` — shortfall between 10 % and 20 % in the latest month → *info*.
* ``trend-2-weeks`` — without a target, a platform's weekly KPI is worse than its own average
  of the 4 preceding weeks by more than 20 % two weeks in a row → *attention*.
* ``frequency-fatigue`` — weekly frequency above 4 impressions per person on a platform
  (creative fatigue, Meta's own guidance) → *attention*.
* ``budget-exception`` — a budget line flagged by control by exception (variance beyond the
  case's ``pilotage.alert_threshold``): unfavourable → *critique* beyond twice the threshold,
  *attention* otherwise; favourable under-spending → *info* (money left on the table).
* ``budget-pacing`` — spend consumed ahead of (or far behind) the time elapsed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from pilotage.compute.kpis import KPI_DEFS, OFF_TRACK_GAP, RATIO_KPIS, platform_label
from toolkit.fmt import Lang, fmt_currency, fmt_date, fmt_number, fmt_percent
from toolkit.i18n import per_lang, tr

__all__ = ["Alert", "CORRECTIVE_ACTIONS", "evaluate_alerts", "SEVERITY_ORDER"]

Severity = Literal["critical", "warning", "info"]
SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}

TREND_GAP = 0.20
TREND_WINDOW = 4
FATIGUE_FREQUENCY = 4.0


@dataclass(frozen=True)
class Alert:
    """One alert. ``subject`` names the KPI or budget line; ``evidence`` gives the numbers."""

    severity: Severity
    subject: str
    evidence: str
    rule: str
    corrective_actions: tuple[str, ...]
    kind: Literal["kpi", "budget"] = "kpi"
    channel: str = ""

    def severity_label(self, lang: Lang = "fr") -> str:
        return _SEV_LABEL[lang][self.severity]


_SEV_LABEL = per_lang({"critical": "Critique", "warning": "Attention", "info": "Info"})

#: Corrective actions per KPI id (fr, en). Drawn from the platforms' optimisation guides.
CORRECTIVE_ACTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "ctr": per_lang(("Tester de nouvelles créations (visuel, accroche, format vidéo court)",
               "Resserrer le ciblage sur les audiences qui cliquent le plus",
               "Réécrire les annonces autour du bénéfice client et d'un appel à l'action clair")),
    "cpc": per_lang(("Ajouter des mots-clés négatifs et couper les termes de recherche non rentables",
               "Améliorer le niveau de qualité (pertinence annonce / page de destination)",
               "Revoir la stratégie d'enchères (CPC max, enchères au CPA cible)")),
    "cpm": per_lang(("Élargir l'audience ou les placements pour baisser la pression concurrentielle",
               "Décaler la diffusion hors des pics saisonniers d'enchères")),
    "cpa": per_lang(("Optimiser la page de destination (vitesse, preuve sociale, formulaire court)",
               "Vérifier le suivi des conversions (balise, événements clés GA4)",
               "Réallouer le budget vers les campagnes au CPA le plus bas")),
    "roas": per_lang(("Réallouer le budget vers les campagnes et produits au meilleur ROAS",
               "Mettre en avant les offres à panier moyen élevé (abonnements, coffrets)",
               "Exclure les audiences et placements qui dépensent sans vendre")),
    "conversion_rate": per_lang(("Aligner la promesse de l'annonce et celle de la page de destination",
               "Simplifier le tunnel de commande (étapes, frais de port affichés tôt)")),
    "engagement_rate": per_lang(("Publier des formats qui appellent la réaction (questions, coulisses, UGC)",
               "Revoir l'horaire et la fréquence de publication")),
    "frequency": per_lang(("Renouveler les créations (fatigue publicitaire)",
               "Élargir l'audience ou plafonner la répétition")),
    "ga4_engagement_rate": per_lang(("Vérifier la vitesse et l'affichage mobile des pages d'arrivée",
               "Mieux cibler le trafic payant (les visites non engagées coûtent sans rapporter)")),
    "_volume": per_lang(("Vérifier la diffusion (campagnes en pause, budget quotidien limitant, refus d'annonces)",
               "Renforcer la campagne la plus performante ou avancer une action du plan")),
    "_overspend": per_lang(("Plafonner les budgets quotidiens de la ligne pour le reste de la période",
               "Couper les campagnes ou groupes d'annonces au CPA le plus élevé",
               "Arbitrer avec le client : rallonge budgétaire ou report d'une action")),
    "_underspend": per_lang(("Vérifier que les campagnes diffusent (statut, ciblage trop étroit, enchères trop basses)",
               "Réallouer le reliquat vers les actions qui atteignent leurs objectifs")),
}


def _fmt_kpi(value: float, kid: str | None, lang: Lang) -> str:
    from toolkit.metrics import metrics

    kind = KPI_DEFS[kid].kind if kid in KPI_DEFS else (metrics()[kid].kind if kid in metrics() else "number")
    if kind == "percent":
        return fmt_percent(value, lang, 2)
    if kind == "currency":
        return fmt_currency(value, lang)
    if kind == "integer":
        return fmt_number(value, lang, 0)
    return fmt_number(value, lang, 2)


def _actions(kid: str | None, lang: Lang) -> tuple[str, ...]:
    if kid in CORRECTIVE_ACTIONS:
        return CORRECTIVE_ACTIONS[kid][lang]
    return CORRECTIVE_ACTIONS["_volume"][lang]


def _target_alerts(status: pd.DataFrame, lang: Lang) -> list[Alert]:
    out: list[Alert] = []
    if status is None or status.empty:
        return out
    s = status[status["status"].isin(["on_track", "watch", "off_track"])].copy()
    if s.empty:
        return out
    s["_chan"] = s["channel"].fillna("")
    for (kpi, chan), g in s.groupby(["kpi", "_chan"], sort=False):
        g = g.sort_values("month")
        last = g.iloc[-1]
        prev = g.iloc[-2] if len(g) >= 2 else None
        from toolkit.metrics import metrics

        # the plan's KPI as the glossary names it (revenue → Chiffre d'affaires); back-office KPIs
        # have no export KPI id but keep their name and number format
        kid = last["kpi_id"] if last["kpi_id"] in KPI_DEFS else str(kpi)
        label = (metrics()[str(kpi)].label(lang) if str(kpi) in metrics() else
                 KPI_DEFS[kid].label(lang) if kid in KPI_DEFS else str(kpi).replace("_", " "))
        subject = label + (f" — {chan}" if chan else "")
        month = fmt_date(last["month"], lang)[3:] if lang == "fr" else str(last["month"])[:7]
        actual, target = _fmt_kpi(last["actual"], kid, lang), _fmt_kpi(last["target"], kid, lang)
        gap = fmt_percent(abs(last["gap_pct"]), lang)
        if last["direction"] == "up":
            ev = tr(lang, "{month} : réel {actual} pour un objectif de {target}, soit {gap} sous l'objectif",
                    month=month, actual=actual, target=target, gap=gap)
        else:
            ev = tr(lang, "{month} : réel {actual} pour un objectif de {target}, soit {gap} au-dessus de l'objectif",
                    month=month, actual=actual, target=target, gap=gap)
        if last["status"] == "off_track":
            two = prev is not None and prev["status"] == "off_track"
            if two:
                ev += tr(lang, " ; déjà {gap_pct} d'écart le mois précédent", gap_pct=fmt_percent(abs(prev['gap_pct']), lang))
            gap = fmt_percent(OFF_TRACK_GAP, lang, 0)
            rule = (tr(lang, "Objectif manqué de plus de {gap} deux mois de suite", gap=gap) if two
                    else tr(lang, "Objectif manqué de plus de {gap} le dernier mois", gap=gap))
            out.append(Alert("critical" if two else "warning", subject, ev, rule, _actions(kid, lang), "kpi", chan))
        elif last["status"] == "watch":
            rule = tr(lang, "Écart défavorable entre 10 % et 20 % de l'objectif le dernier mois")
            out.append(Alert("info", subject, ev, rule, _actions(kid, lang), "kpi", chan))
    return out


def _trend_alerts(weekly: pd.DataFrame | None, lang: Lang,
                  skip: set[tuple[str, str]]) -> list[Alert]:
    out: list[Alert] = []
    if weekly is None or weekly.empty or "period" not in weekly.columns:
        return out
    key = "platform" if "platform" in weekly.columns else None
    groups = weekly.groupby(key, sort=True) if key else [("", weekly)]
    for chan_id, g in groups:
        chan = platform_label(chan_id) if chan_id else ""
        g = g.sort_values("period").reset_index(drop=True)
        if len(g) < TREND_WINDOW + 2:
            continue
        for k in RATIO_KPIS:
            if k.id not in g.columns or k.id == "frequency" or (k.id, str(chan_id)) in skip:
                continue
            series = g[k.id].astype("float64")
            base = series.shift(1).rolling(TREND_WINDOW, min_periods=TREND_WINDOW).mean()
            rel = (series - base) / base
            bad = -rel if k.direction == "up" else rel
            flags = bad > TREND_GAP
            if len(flags) >= 2 and bool(flags.iloc[-1]) and bool(flags.iloc[-2]):
                wk = g["period"].iloc[-1]
                label = k.label(lang)
                ev = tr(lang, "Semaine du {week} : {value} contre {mean} en moyenne sur les {weeks} semaines "
                        "précédentes ({gap} d'écart), et déjà {gap_before} la semaine d'avant",
                        week=fmt_date(wk, lang), value=_fmt_kpi(series.iloc[-1], k.id, lang),
                        mean=_fmt_kpi(base.iloc[-1], k.id, lang), weeks=TREND_WINDOW,
                        gap=fmt_percent(abs(rel.iloc[-1]), lang), gap_before=fmt_percent(abs(rel.iloc[-2]), lang))
                rule = tr(lang, "Dégradation de plus de {gap} deux semaines de suite (sans objectif du plan)",
                          gap=fmt_percent(TREND_GAP, lang, 0))
                out.append(Alert("warning", f"{label} — {chan}" if chan else label, ev, rule,
                                 _actions(k.id, lang), "kpi", str(chan)))
        if "frequency" in g.columns:
            f = g["frequency"].iloc[-1]
            if pd.notna(f) and f > FATIGUE_FREQUENCY:
                wk = g["period"].iloc[-1]
                label = KPI_DEFS["frequency"].label(lang)
                ev = tr(lang, "Semaine du {wk} : {f} impressions par personne touchée", wk=fmt_date(wk, lang), f=fmt_number(f, lang, 1))
                rule = tr(lang, "Fréquence hebdomadaire supérieure à {fatigue_frequency} (fatigue publicitaire)", fatigue_frequency=fmt_number(FATIGUE_FREQUENCY, lang, 0))
                out.append(Alert("warning", f"{label} — {chan}" if chan else label, ev, rule,
                                 _actions("frequency", lang), "kpi", str(chan)))
    return out


def _pick(frame: pd.DataFrame, names: Sequence[str]) -> str | None:
    low = {str(c).lower(): c for c in frame.columns}
    for n in names:
        if n in low:
            return low[n]
    return None


def _num(v: Any) -> float:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return math.nan
    return f


def _budget_alerts(variance: Any, lang: Lang, threshold: float) -> list[Alert]:
    """Alerts from a ``pilotage.compute.variance.VarianceResult`` (or its ``exceptions`` frame).

    One alert per action flagged to date (level ``action``); the month-level exceptions of the
    report month add their figure to the evidence. Pacing alerts cover the actions spending
    ahead of time that are not already flagged, and the whole budget.
    """
    out: list[Alert] = []
    if variance is None:
        return out
    exc = variance if isinstance(variance, pd.DataFrame) else getattr(variance, "exceptions", None)
    threshold = float(getattr(variance, "threshold", threshold) or threshold)
    flagged: set[str] = set()
    if isinstance(exc, pd.DataFrame) and not exc.empty:
        level = exc["level"] if "level" in exc.columns else pd.Series("action", index=exc.index)
        months = exc[level == "action_month"] if "month" in exc.columns else exc.iloc[0:0]
        last_month = months["month"].max() if len(months) else None
        c_budget = _pick(exc, ["budget_to_date", "budget", "planned"])
        c_actual = _pick(exc, ["actual", "amount"])
        for rec in exc[level == "action"].to_dict("records"):
            name = str(rec.get("action") or rec.get("action_id") or rec.get("channel") or "")
            if name.startswith("(") and rec.get("action_id"):  # "(non prévu)": the id names platform and campaign
                name = str(rec.get("action_id"))
            chan = str(rec.get("channel") or "")
            subject = f"{name} ({chan})" if chan and chan != name else name
            budget, actual = _num(rec.get(c_budget)), _num(rec.get(c_actual))
            var = _num(rec.get("variance"))
            if math.isnan(var):
                var = actual - budget
            pct = _num(rec.get("variance_pct"))
            fav = rec.get("favourable")
            fav = bool(var < 0) if fav is None or (isinstance(fav, float) and math.isnan(fav)) else bool(fav)
            sign = "+" if var > 0 else ""
            if budget == 0 or math.isnan(budget):
                ev = tr(lang, "Dépense non prévue au budget : {actual}", actual=fmt_currency(actual, lang))
            else:
                ev = tr(lang, "Réel {actual} pour un budget à date de {budget} : écart {variance} ({share}), {verdict}",
                        actual=fmt_currency(actual, lang), budget=fmt_currency(budget, lang),
                        variance=sign + fmt_currency(var, lang), share=sign + fmt_percent(pct, lang),
                        verdict=tr(lang, "favorable") if fav else tr(lang, "défavorable"))
            m = months[(months["action_id"] == rec.get("action_id")) & (months["month"] == last_month)] \
                if len(months) and "action_id" in months.columns else months.iloc[0:0]
            if len(m):
                mv = float(m["variance"].iloc[0])
                when = fmt_date(last_month, lang)[3:] if lang == "fr" else str(last_month)[:7]
                ev += tr(lang, " ; en {when} : {value}{mv}", when=when, value='+' if mv > 0 else '', mv=fmt_currency(mv, lang))
            rule = tr(lang, "Contrôle par exception : écart au-delà de {threshold} du budget à date (écart = réel − prévu)", threshold=fmt_percent(threshold, lang, 0))
            if fav:
                sev: Severity = "info"
                acts = CORRECTIVE_ACTIONS["_underspend"][lang]
            else:
                sev = "critical" if (math.isnan(pct) or abs(pct) > 2 * threshold) else "warning"
                acts = CORRECTIVE_ACTIONS["_overspend"][lang] if var > 0 else CORRECTIVE_ACTIONS["_volume"][lang]
            flagged.add(str(rec.get("action_id")))
            out.append(Alert(sev, subject, ev, rule, acts, "budget", chan))
    pacing = getattr(variance, "pacing", None)
    rule_p = tr(lang, "Rythme de dépense en avance de plus de {threshold} sur le budget phasé à date", threshold=fmt_percent(threshold, lang, 0))
    if isinstance(pacing, pd.DataFrame) and not pacing.empty and "pacing" in pacing.columns:
        for rec in pacing.to_dict("records"):
            if str(rec.get("action_id")) in flagged:
                continue
            pace = _num(rec.get("pacing"))
            if math.isnan(pace) or pace <= 1 + threshold:
                continue
            name = str(rec.get("action") or rec.get("action_id"))
            ev = tr(lang, "{value} dépensés, {pace} fois le budget phasé à date", value=fmt_currency(_num(rec.get('actual')), lang), pace=fmt_number(pace, lang))
            out.append(Alert("warning", name, ev, rule_p, CORRECTIVE_ACTIONS["_overspend"][lang], "budget",
                             str(rec.get("channel") or "")))
    ytd = getattr(variance, "ytd", None)
    if ytd is not None and ytd.pacing is not None and ytd.pacing > 1 + threshold:
        ev = tr(lang, "{actual} dépensés pour un budget phasé à date de {budget_to_date} ({pct_consumed} du budget total)", actual=fmt_currency(ytd.actual, lang), budget_to_date=fmt_currency(ytd.budget_to_date, lang), pct_consumed=fmt_percent(ytd.pct_consumed, lang))
        out.append(Alert("warning", tr(lang, "Budget total"), ev, rule_p,
                         CORRECTIVE_ACTIONS["_overspend"][lang], "budget"))
    return out


MAX_INFO_BUDGET_ALERTS = 3


def _merge_minor(alerts: list[Alert], lang: Lang) -> list[Alert]:
    """Many favourable (under-spent) lines become one alert listing them, so the serious
    alerts are not buried under the lines that simply have not started yet."""
    info = [a for a in alerts if a.severity == "info" and a.kind == "budget"]
    if len(info) <= MAX_INFO_BUDGET_ALERTS:
        return alerts
    rest = [a for a in alerts if a not in info]
    sep, fav = (" : " if lang == "fr" else ": "), ", " + tr(lang, "favorable")
    listing = " ; ".join(f"{a.subject}{sep}{a.evidence.split(sep, 1)[-1].split(fav)[0]}" for a in info)
    subject = tr(lang, "{info} lignes budgétaires sous-consommées", info=len(info))
    return [*rest, Alert("info", subject, listing, info[0].rule, info[0].corrective_actions, "budget")]


def evaluate_alerts(kpi_status: pd.DataFrame | None, variance: Any = None, *,
                    weekly: pd.DataFrame | None = None, lang: Lang = "fr",
                    threshold: float = 0.10) -> list[Alert]:
    """All alerts, most severe first.

    ``kpi_status``: output of :func:`pilotage.compute.kpis.kpi_vs_targets` (or None without a plan);
    ``variance``: a ``pilotage.compute.variance.VarianceResult`` (its ``exceptions`` and ``pacing``
    frames are read) or an exceptions DataFrame, or None; ``weekly``: weekly KPIs by
    platform (``compute_kpis(actuals, by=("platform",), freq="W")``) for the trend and
    fatigue rules; ``threshold``: the case's ``pilotage.alert_threshold`` (fraction).
    """
    alerts = _target_alerts(kpi_status, lang) if kpi_status is not None else []
    skip = set()
    if kpi_status is not None and len(kpi_status):
        for r in kpi_status[kpi_status["status"].isin(["watch", "off_track"])].itertuples():
            skip.add((str(r.kpi_id), str(r.channel or "")))
    alerts += _trend_alerts(weekly, lang, skip)
    alerts += _merge_minor(_budget_alerts(variance, lang, threshold), lang)
    return sorted(alerts, key=lambda a: (SEVERITY_ORDER[a.severity], a.kind, a.subject))
