"""The evidence behind each measurable criterion of the "plan" grid (A.3), from the plan's results.

One pure function per criterion (the rule is written in ``toolkit/data/grille.yaml`` and in
``docs/grids.md``); :func:`plan_evidence` gathers them. The report builder and ``toolkit check``
both call :func:`plan_evidence`, so a criterion has one rule wherever it appears. Each
:class:`~toolkit.grid.Evidence` quotes what was found (a figure, a count, a part of the plan)
and, when the criterion is not met, the next step in a client's words; the field of ``plan.yaml``
where the user writes it goes in ``where`` (shown by ``toolkit check``, never in a deliverable).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from toolkit.fmt import fmt_currency, fmt_number, fmt_percent
from toolkit.grid import Evidence
from toolkit.i18n import tr
from toolkit.metrics import kpi_id, kpi_label

__all__ = ["carried_by", "owner_workload", "plan_evidence"]

#: Sources of a cost that are price studies (quotes, rate cards, market norms); internal costs
#: and estimates are not.
PRICE_STUDY_SOURCES = ("quote", "benchmark", "rate_card")
_HIGH = {"forte", "high"}


def _words(text: str) -> set[str]:
    norm = unicodedata.normalize("NFKD", text.lower())
    norm = "".join(ch for ch in norm if not unicodedata.combining(ch))
    return {w[:8] for w in re.findall(r"[a-z]+", norm) if len(w) >= 7}


def carried_by(commitment: str, texts: Iterable[str]) -> list[str]:
    """The texts that carry a commitment: they share a significant word with it (7+ letters;
    accents and endings folded to 8 letters)."""
    w = _words(commitment)
    return [x for x in texts if w & _words(x)]


def objectifs_quantifies(r, lang: str = "fr") -> Evidence:
    p = r.plan
    smart = [o for o in p.objectives if o.kpi and o.deadline and o.target is not None]
    text = tr(lang, "{smart}/{objectives} objectifs avec KPI, valeur de départ, cible et échéance", smart=len(smart), objectives=len(p.objectives))
    if smart and len(smart) == len(p.objectives):
        return Evidence("met", text)
    return Evidence("partial", text, tr(lang, "Donnez à chaque objectif son indicateur (KPI), sa valeur de départ, sa cible et son échéance."),
                    "plan.yaml: objectives (kpi, baseline, target, deadline)")


def cible(r, lang: str = "fr") -> Evidence:
    p = r.plan
    linked = [a for a in p.actions if a.personas or a.segments]
    text = tr(lang, "{targets} cible(s) ; {linked}/{actions} actions reliées à une cible", targets=len(p.targets), linked=len(linked), actions=len(p.actions))
    if not p.targets:
        return Evidence("missing", text, tr(lang, "Décrivez les cibles du plan à partir des personas."),
                        "plan.yaml: targets (personas.yaml)")
    first = [x for x in r.personas if getattr(x, "target_rank", None) == 1]
    step, where = "", ""
    if first:
        top = first[0]
        targeted = any(t.persona == top.id for t in p.targets)
        served = [a.id for a in p.actions if top.id in a.personas]
        text += tr(lang, " ; persona classé premier {id} ({name}) : {value}, servi par {served} action(s)", id=top.id, name=top.name, value='cible du plan' if targeted else 'absent des cibles', served=len(served), value_2='a plan target' if targeted else 'not a target')
        if not (targeted and served):
            step = tr(lang, "Ciblez {id}, classé premier par les personas, et servez-le par une action, ou expliquez pourquoi dans la description des cibles.", id=top.id)
            where = "plan.yaml: targets, actions[].personas, targets[].insight"
    if len(linked) < len(p.actions) and not step:
        missing = ", ".join(a.id for a in p.actions if not (a.personas or a.segments))
        step = tr(lang, "Reliez ces actions à une cible : {missing}.", missing=missing)
        where = "plan.yaml: actions[].personas"
    return Evidence("partial" if step else "met", text, step, where)


def raison_detre_rse(r, client=None, lang: str = "fr") -> Evidence:
    c = r.plan.concept
    if c is None or not (c.values or c.rse):
        return Evidence("missing", tr(lang, "concept sans valeurs ni engagements RSE"),
                        tr(lang, "Reliez le concept aux valeurs et engagements RSE du client."),
                        "plan.yaml: concept.values, concept.rse")
    text = tr(lang, "concept relié à {values} valeur(s) et {rse} engagement(s) RSE", values=len(c.values), rse=len(c.rse))
    commitments = list(getattr(client, "rse_commitments", []) or [])
    if client is None:
        return Evidence("partial", text, tr(lang, "Le lien avec les engagements RSE déclarés par le client n'a pas pu être vérifié."),
                        "case.yaml: client.rse_commitments")
    carried = list(c.rse) + list(c.proof_points) + [c.promise, c.big_idea]
    not_carried = [x for x in commitments if not carried_by(x, carried)]
    text += tr(lang, " ; {commitments}/{commitments_2} engagements du client repris", commitments=len(commitments) - len(not_carried), commitments_2=len(commitments))
    if not_carried:
        return Evidence("partial", text + tr(lang, " ; non repris : ") + " ; ".join(not_carried),
                        tr(lang, "Reprenez chaque engagement RSE du client dans le concept (ses engagements ou ses preuves)."),
                        "plan.yaml: concept.rse, concept.proof_points")
    return Evidence("met", text)


def owner_workload(r) -> list[dict[str, Any]]:
    """Per owner and month: actions running, person-days planned and capacity.

    An action's ``effort_days`` is spread evenly over its calendar days; capacity is the
    month's working days (Monday–Friday) × the owner's availability (``plan.team``).
    Owners without a team entry count as full time; actions without effort count in
    ``actions`` but add no days.
    """
    import numpy as np

    team = {m.name: m for m in r.plan.team}
    rows: dict[tuple[str, _dt.date], dict[str, Any]] = {}
    for a in r.plan.actions:
        d = r.dates.get(a.id)
        if not a.owner or d is None:
            continue
        month = _dt.date(d.start.year, d.start.month, 1)
        while month <= d.end:
            nxt = _dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
            lo, hi = max(d.start, month), min(d.end, nxt - _dt.timedelta(days=1))
            share = ((hi - lo).days + 1) / d.days
            key = (a.owner, month)
            if key not in rows:
                avail = team[a.owner].availability if a.owner in team else 1.0
                rows[key] = {"owner": a.owner, "month": month, "actions": [], "days": 0.0,
                             "capacity": float(np.busday_count(month, nxt)) * avail, "availability": avail}
            rows[key]["actions"].append(a.id)
            rows[key]["days"] += (a.effort_days or 0.0) * share
            month = nxt
    return sorted(rows.values(), key=lambda x: (x["owner"], x["month"]))


def moyens(r, lang: str = "fr") -> Evidence:
    p = r.plan
    team = {m.name: m for m in p.team}
    n = len(p.actions)
    owned = [a for a in p.actions if a.owner]
    declared = [a for a in owned if a.owner in team]
    skilled = [a for a in declared if set(a.skills) <= set(team[a.owner].skills)]
    costed = [a for a in p.actions if a.effort_days is not None]
    load = owner_workload(r)
    over = [x for x in load if x["days"] > x["capacity"]]
    peak: dict[str, int] = {}
    for x in load:
        peak[x["owner"]] = max(peak.get(x["owner"], 0), len(x["actions"]))
    parts = [tr(lang, "{owned}/{n} actions avec responsable", owned=len(owned), n=n),
             tr(lang, "{declared}/{n} responsables déclarés dans l'équipe", declared=len(declared), n=n),
             tr(lang, "{skilled}/{n} avec les compétences demandées", skilled=len(skilled), n=n),
             tr(lang, "{costed}/{n} avec une charge en jours-personne", costed=len(costed), n=n)]
    if peak:
        who, most = max(peak.items(), key=lambda kv: kv[1])
        avail = team[who].availability if who in team else 1.0
        parts.append(tr(lang, "pic : {who} ({avail} du temps) porte {most} actions le même mois", who=who, avail=fmt_percent(avail, lang, 0), most=most))
    if over:
        worst = max(over, key=lambda x: x["days"] - x["capacity"])
        parts.append(tr(lang, "surcharge : {owner} en {month:%m/%Y}, {days} j pour {capacity} j disponibles", owner=worst['owner'], month=worst['month'], days=fmt_number(worst['days'], lang, 1), capacity=fmt_number(worst['capacity'], lang, 1)))
    text = " ; ".join(parts)
    if len(owned) < n or len(declared) < n:
        step = tr(lang, "Nommez le responsable de chaque action et présentez l'équipe : compétences et disponibilité de chacun.")
        where = "plan.yaml: actions[].owner, team (name, skills, availability)"
    elif len(skilled) < n:
        bad = ", ".join(a.id for a in declared if a not in skilled)
        step = tr(lang, "Les responsables de {bad} n'ont pas les compétences demandées : complétez les compétences de l'équipe ou confiez l'action à un prestataire.", bad=bad)
        where = "plan.yaml: team[].skills, actions[].skills"
    elif len(costed) < n:
        step = tr(lang, "Chiffrez la charge de chaque action en jours-personne.")
        where = "plan.yaml: actions[].effort_days"
    elif over:
        step = tr(lang, "Étalez les actions, renforcez l'équipe ou externalisez : la charge dépasse la disponibilité de l'équipe.")
        where = "plan.yaml: team[].availability, actions[].effort_days"
    else:
        return Evidence("met", text)
    return Evidence("partial" if owned else "missing", text, step, where)


def dimensionnement(r, lang: str = "fr") -> Evidence:
    b = r.budget
    p = r.plan
    parts, step, where = [], "", ""
    if b.envelope:
        parts.append(tr(lang, "{committed} engagés pour {envelope} d'enveloppe", committed=fmt_currency(b.committed, lang, decimals=0), envelope=fmt_currency(b.envelope, lang, decimals=0)))
        if b.over_budget:
            step = tr(lang, "Ramenez le budget dans l'enveloppe du client : réduisez ou décalez des actions de priorité 3.")
            where = "plan.yaml: settings.envelope, actions[].priority"
    else:
        step = tr(lang, "Indiquez l'enveloppe budgétaire du client.")
        where = "plan.yaml: settings.envelope"
    over = [x for x in owner_workload(r) if x["days"] > x["capacity"]]
    if over:
        parts.append(tr(lang, "{owner} responsable(s) au-delà de leur disponibilité", owner=len({x['owner'] for x in over})))
        if not step:
            step = tr(lang, "Ajustez la charge de travail à la disponibilité de l'équipe.")
            where = "plan.yaml: actions[].effort_days, team[].availability"
    if p.validation is not None:
        parts.append(tr(lang, "validé par {by} le {date:%d/%m/%Y}", by=p.validation.by, date=p.validation.date))
    elif not step:
        step = tr(lang, "Consignez la validation du client et ce qui a été négocié : par qui, à quelle date, sur quels points.")
        where = "plan.yaml: validation (by, date, notes)"
    text = " ; ".join(parts)
    if not b.envelope:
        return Evidence("missing", text, step, where)
    return Evidence("partial" if step else "met", text, step, where)


def hierarchisation(r, lang: str = "fr") -> Evidence:
    p = r.plan
    written = [a for a in p.actions if "priority" in a.model_fields_set]
    levels = sorted({a.priority for a in written})
    dated = [a for a in p.actions if a.id in r.dates]
    text = tr(lang, "{written}/{actions} actions avec une priorité écrite (niveaux : {str}) ; {dated}/{actions} datées", written=len(written), actions=len(p.actions), str=', '.join(map(str, levels)) or '—', dated=len(dated))
    if len(written) < len(p.actions):
        return Evidence("partial" if written else "missing", text,
                        tr(lang, "Donnez une priorité (1 à 3) à chaque action ; la valeur par défaut ne vaut pas choix."),
                        "plan.yaml: actions[].priority")
    if len(levels) < 2:
        return Evidence("partial", text, tr(lang, "Hiérarchisez : toutes les actions ont la même priorité."),
                        "plan.yaml: actions[].priority")
    if len(dated) < len(p.actions):
        return Evidence("partial", text, tr(lang, "Datez chaque action : début, fin ou durée."),
                        "plan.yaml: actions[].start, end, duration_days")
    return Evidence("met", text)


def planification(r, lang: str = "fr") -> Evidence:
    errors = [i for i in r.schedule_issues if i.severity == "error"]
    if errors:
        return Evidence("missing", tr(lang, "{errors} incohérence(s) de calendrier", errors=len(errors)),
                        tr(lang, "Corrigez les dépendances et dates signalées dans la partie « Calendrier »."),
                        "plan.yaml: actions[].depends_on, start, end")
    return Evidence("met", tr(lang, "dépendances et échéance vérifiées, chemin critique de {critical_chain} action(s)", critical_chain=len(r.critical_chain)))


def securisation(r, lang: str = "fr") -> Evidence:
    p, b, mc = r.plan, r.budget, r.montecarlo
    parts = [tr(lang, "réserve pour aléas {contingency_rate}", contingency_rate=fmt_percent(b.contingency_rate, lang, 0))]
    mitigated = [x for x in p.risks if x.mitigation]
    parts.append(tr(lang, "registre des risques : {risks} risque(s), {mitigated} avec parade", risks=len(p.risks), mitigated=len(mitigated)))
    likely_loss = None
    if mc is not None:
        loss = mc.prob_loss_clv if mc.prob_loss_clv is not None else mc.prob_loss
        parts.append(tr(lang, "probabilité de perte simulée : {prob_loss} sur les premières commandes", prob_loss=fmt_percent(mc.prob_loss, lang, 0)))
        if mc.prob_loss_clv is not None:
            parts.append(tr(lang, "{prob_loss_clv} sur la durée de vie client", prob_loss_clv=fmt_percent(mc.prob_loss_clv, lang, 0)))
        likely_loss = max(mc.prob_loss, loss) >= 0.5
    text = " ; ".join(parts)
    if b.contingency_rate <= 0:
        step = tr(lang, "Prévoyez une réserve pour aléas.")
        where = "plan.yaml: settings.contingency_rate"
    elif not p.risks:
        step = tr(lang, "Ajoutez un registre des risques : pour chacun, sa probabilité, son impact et sa parade.")
        where = "plan.yaml: risks (description, probability, impact, mitigation)"
    elif len(mitigated) < len(p.risks):
        step = tr(lang, "Donnez une parade à chaque risque.")
        where = "plan.yaml: risks[].mitigation"
    elif likely_loss and not any(x.probability in _HIGH and x.mitigation for x in p.risks):
        step = tr(lang, "La simulation rend une perte probable : inscrivez ce risque au registre, probabilité forte, avec sa parade.")
        where = "plan.yaml: risks"
    elif mc is None:
        step = tr(lang, "Donnez des fourchettes aux hypothèses du tunnel de conversion pour estimer la probabilité de perte.")
        where = "plan.yaml: actions[].funnel"
    else:
        return Evidence("met", text)
    return Evidence("partial", text, step, where)


def couts_analyses(r, lang: str = "fr") -> Evidence:
    lines = r.cost_lines
    costed = set(lines["action_id"]) if len(lines) else set()
    bare = [a.id for a in r.plan.actions if a.id not in costed]
    text = tr(lang, "{lines} lignes de coût ; {costed}/{actions} actions chiffrées, par composante", lines=len(lines), costed=len(costed), actions=len(r.plan.actions))
    if not len(lines):
        return Evidence("missing", text, tr(lang, "Chiffrez chaque action."), "plan.yaml: actions[].costs")
    if bare:
        return Evidence("partial", text, tr(lang, "Chiffrez ces actions : {bare}.", bare=', '.join(bare)), "plan.yaml: actions[].costs")
    return Evidence("met", text)


def _has_range(rng) -> bool:
    return rng is not None and (bool(rng.benchmark) or (rng.low is not None and rng.high is not None and rng.high > rng.low))


def estimation_realiste(r, lang: str = "fr") -> Evidence:
    paid = [a for a in r.plan.actions if a.type in ("paid", "mixed")]
    lines = r.cost_lines
    comps = lines.groupby("action_id")["component"].nunique().to_dict() if len(lines) else {}
    thin = [a.id for a in paid if comps.get(a.id, 0) < 2]
    media = [(a.id, k, getattr(a.funnel, k)) for a in paid if a.funnel for k in ("cpm", "cpc") if getattr(a.funnel, k) is not None]
    unranged = [f"{aid} ({k.upper()})" for aid, k, rng in media if not _has_range(rng)]
    text = tr(lang, "{paid}/{paid_2} actions payantes décomposées en 2 composantes ou plus ; {media}/{media_2} hypothèses CPM/CPC avec fourchette ou référence de marché", paid=len(paid) - len(thin), paid_2=len(paid), media=len(media) - len(unranged), media_2=len(media))
    if thin:
        return Evidence("partial", text, tr(lang, "Décomposez le coût de {thin} : média, création, technique…", thin=', '.join(thin)),
                        "plan.yaml: actions[].costs[].component")
    if unranged:
        return Evidence("partial", text, tr(lang, "Donnez une fourchette ou une référence de marché à : {unranged}.", unranged=', '.join(unranged)),
                        "plan.yaml: actions[].funnel")
    return Evidence("met", text)


def etudes_prix(r, lang: str = "fr") -> Evidence:
    lines = r.cost_lines
    total = float(lines["amount"].sum()) if len(lines) else 0.0
    if not total:
        return Evidence("missing", tr(lang, "aucun coût"),
                        tr(lang, "Chiffrez les actions en indiquant la source de chaque coût."),
                        "plan.yaml: actions[].costs[].source")
    by = lines.groupby("source")["amount"].sum() / total
    share = float(by.reindex(list(PRICE_STUDY_SOURCES)).fillna(0).sum())
    internal = float(by.get("internal", 0.0))
    estimate = float(by.get("estimate", 0.0))
    text = tr(lang, "{share} du budget sur devis, grilles tarifaires ou normes de marché ; coûts internes {internal}, estimations {estimate}", share=fmt_percent(share, lang, 0), internal=fmt_percent(internal, lang, 0), estimate=fmt_percent(estimate, lang, 0))
    if share >= 0.8:
        return Evidence("met", text)
    return Evidence("partial", text, tr(lang, "Appuyez les plus gros postes sur des devis, des grilles tarifaires ou des normes de marché, en citant la référence de chacun."),
                    "plan.yaml: actions[].costs[].source (quote, rate_card, benchmark), reference")


def outils_digitalises(r, lang: str = "fr") -> Evidence:
    months = r.kpis["month"].nunique() if len(r.kpis) else 0
    text = tr(lang, "classeur budgétaire à formules ; {kpis} cibles KPI sur {months} mois exportées pour le tableau de bord", kpis=len(r.kpis), months=months)
    if not len(r.kpis):
        return Evidence("partial", text, tr(lang, "Donnez des objectifs chiffrés pour produire les cibles mensuelles."),
                        "plan.yaml: objectives")
    return Evidence("met", text)


def indicateurs_alignes(r, lang: str = "fr", back_office: Iterable[str] = ()) -> Evidence:
    p = r.plan
    covered = {o for a in p.actions for o in a.objectives}
    unserved = [o.id for o in p.objectives if o.id not in covered]
    names = sorted(set(r.kpis["kpi"]) if len(r.kpis) else {o.kpi for o in p.objectives})
    bo = set(back_office)
    unmeasured = [k for k in names if k not in bo and kpi_id(k) is None]
    text = tr(lang, "{covered}/{objectives} objectifs servis par des actions ; {names}/{names_2} KPI mesurables par les exports ou le back-office", covered=len(covered & {o.id for o in p.objectives}), objectives=len(p.objectives), names=len(names) - len(unmeasured), names_2=len(names))
    if unmeasured:
        text += tr(lang, " ; sans source de mesure : ") + ", ".join(kpi_label(k, lang) for k in unmeasured)
    if unserved:
        return Evidence("partial", text, tr(lang, "Reliez une action à chaque objectif : {unserved}.", unserved=', '.join(unserved)),
                        "plan.yaml: actions[].objectives")
    if unmeasured:
        return Evidence("partial", text, tr(lang, "Donnez une source à chaque KPI : saisissez les chiffres du back-office dans le fichier d'indicateurs mensuels du pilotage (ou l'export des commandes de la boutique), ou choisissez un KPI que les exports mesurent."))
    return Evidence("met", text)


def plan_evidence(r, client=None, lang: str = "fr", back_office: Iterable[str] | None = None) -> dict[str, Evidence]:
    """Evidence for every measurable criterion of the "plan" grid.

    ``client``: ``case.config.client``; ``back_office``: KPIs entered by the team, by default
    ``r.entered_kpis`` (what :func:`plan.commands.compute` asked the modules' ``entered_kpis`` hook).
    """
    if back_office is None:
        back_office = r.entered_kpis
    ev = {
        "cible": cible(r, lang),
        "raison_detre_rse": raison_detre_rse(r, client, lang),
        "dimensionnement": dimensionnement(r, lang),
        "objectifs_quantifies": objectifs_quantifies(r, lang),
        "moyens": moyens(r, lang),
        "hierarchisation": hierarchisation(r, lang),
        "planification": planification(r, lang),
        "securisation": securisation(r, lang),
        "couts_analyses": couts_analyses(r, lang),
        "estimation_realiste": estimation_realiste(r, lang),
        "etudes_prix": etudes_prix(r, lang),
        "outils_digitalises": outils_digitalises(r, lang),
        "indicateurs_alignes": indicateurs_alignes(r, lang, back_office),
    }
    if "optimal" in r.allocation:
        ev["affectation"] = Evidence("partial", tr(lang, "répartition comparée à l'allocation optimale (partie « Outils de pilotage »)"))
    return ev

