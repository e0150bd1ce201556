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
from toolkit.metrics import kpi_id, kpi_label

__all__ = ["carried_by", "owner_workload", "plan_evidence"]

#: Sources of a cost that are price studies (quotes, rate cards, market norms); internal costs
#: and estimates are not.
PRICE_STUDY_SOURCES = ("quote", "benchmark", "rate_card")
_HIGH = {"forte", "high"}


def _t(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


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
    text = _t(lang, f"{len(smart)}/{len(p.objectives)} objectifs avec KPI, valeur de départ, cible et échéance",
              f"{len(smart)}/{len(p.objectives)} objectives with KPI, baseline, target and deadline")
    if smart and len(smart) == len(p.objectives):
        return Evidence("met", text)
    return Evidence("partial", text, _t(lang, "Donnez à chaque objectif son indicateur (KPI), sa valeur de départ, sa cible et son échéance.",
                                        "Give every objective its KPI, baseline, target and deadline."),
                    "plan.yaml: objectives (kpi, baseline, target, deadline)")


def cible(r, lang: str = "fr") -> Evidence:
    p = r.plan
    linked = [a for a in p.actions if a.personas or a.segments]
    text = _t(lang, f"{len(p.targets)} cible(s) ; {len(linked)}/{len(p.actions)} actions reliées à une cible",
              f"{len(p.targets)} target(s); {len(linked)}/{len(p.actions)} actions linked to a target")
    if not p.targets:
        return Evidence("missing", text, _t(lang, "Décrivez les cibles du plan à partir des personas.",
                                            "Describe the plan's targets from the personas."),
                        "plan.yaml: targets (personas.yaml)")
    first = [x for x in r.personas if getattr(x, "target_rank", None) == 1]
    step, where = "", ""
    if first:
        top = first[0]
        targeted = any(t.persona == top.id for t in p.targets)
        served = [a.id for a in p.actions if top.id in a.personas]
        text += _t(lang, f" ; persona classé premier {top.id} ({top.name}) : "
                         f"{'cible du plan' if targeted else 'absent des cibles'}, servi par {len(served)} action(s)",
                   f"; persona ranked first {top.id} ({top.name}): "
                   f"{'a plan target' if targeted else 'not a target'}, served by {len(served)} action(s)")
        if not (targeted and served):
            step = _t(lang, f"Ciblez {top.id}, classé premier par les personas, et servez-le par une action, "
                            "ou expliquez pourquoi dans la description des cibles.",
                      f"Target {top.id}, ranked first by the personas, and serve it with an action, "
                      "or explain why in the description of the targets.")
            where = "plan.yaml: targets, actions[].personas, targets[].insight"
    if len(linked) < len(p.actions) and not step:
        missing = ", ".join(a.id for a in p.actions if not (a.personas or a.segments))
        step = _t(lang, f"Reliez ces actions à une cible : {missing}.", f"Link these actions to a target: {missing}.")
        where = "plan.yaml: actions[].personas"
    return Evidence("partial" if step else "met", text, step, where)


def raison_detre_rse(r, client=None, lang: str = "fr") -> Evidence:
    c = r.plan.concept
    if c is None or not (c.values or c.rse):
        return Evidence("missing", _t(lang, "concept sans valeurs ni engagements RSE", "concept with no values nor CSR commitments"),
                        _t(lang, "Reliez le concept aux valeurs et engagements RSE du client.",
                           "Tie the concept to the client's values and CSR commitments."),
                        "plan.yaml: concept.values, concept.rse")
    text = _t(lang, f"concept relié à {len(c.values)} valeur(s) et {len(c.rse)} engagement(s) RSE",
              f"concept tied to {len(c.values)} value(s) and {len(c.rse)} CSR commitment(s)")
    commitments = list(getattr(client, "rse_commitments", []) or [])
    if client is None:
        return Evidence("partial", text, _t(lang, "Le lien avec les engagements RSE déclarés par le client n'a pas pu être vérifié.",
                                            "The link with the CSR commitments stated by the client could not be checked."),
                        "case.yaml: client.rse_commitments")
    carried = list(c.rse) + list(c.proof_points) + [c.promise, c.big_idea]
    not_carried = [x for x in commitments if not carried_by(x, carried)]
    text += _t(lang, f" ; {len(commitments) - len(not_carried)}/{len(commitments)} engagements du client repris",
               f"; {len(commitments) - len(not_carried)}/{len(commitments)} of the client's commitments carried")
    if not_carried:
        return Evidence("partial", text + _t(lang, " ; non repris : ", "; not carried: ") + " ; ".join(not_carried),
                        _t(lang, "Reprenez chaque engagement RSE du client dans le concept (ses engagements ou ses preuves).",
                           "Carry each of the client's CSR commitments in the concept (its commitments or its proof points)."),
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
    parts = [_t(lang, f"{len(owned)}/{n} actions avec responsable", f"{len(owned)}/{n} actions with an owner"),
             _t(lang, f"{len(declared)}/{n} responsables déclarés dans l'équipe", f"{len(declared)}/{n} owners declared in the team"),
             _t(lang, f"{len(skilled)}/{n} avec les compétences demandées", f"{len(skilled)}/{n} with the skills required"),
             _t(lang, f"{len(costed)}/{n} avec une charge en jours-personne", f"{len(costed)}/{n} with a workload in person-days")]
    if peak:
        who, most = max(peak.items(), key=lambda kv: kv[1])
        avail = team[who].availability if who in team else 1.0
        parts.append(_t(lang, f"pic : {who} ({fmt_percent(avail, lang, 0)} du temps) porte {most} actions le même mois",
                        f"peak: {who} ({fmt_percent(avail, lang, 0)} of the time) holds {most} actions in one month"))
    if over:
        worst = max(over, key=lambda x: x["days"] - x["capacity"])
        parts.append(_t(lang, f"surcharge : {worst['owner']} en {worst['month']:%m/%Y}, {fmt_number(worst['days'], lang, 1)} j "
                              f"pour {fmt_number(worst['capacity'], lang, 1)} j disponibles",
                        f"overload: {worst['owner']} in {worst['month']:%m/%Y}, {fmt_number(worst['days'], lang, 1)} days "
                        f"for {fmt_number(worst['capacity'], lang, 1)} available"))
    text = " ; ".join(parts)
    if len(owned) < n or len(declared) < n:
        step = _t(lang, "Nommez le responsable de chaque action et présentez l'équipe : compétences et disponibilité de chacun.",
                  "Name each action's owner and present the team: everyone's skills and availability.")
        where = "plan.yaml: actions[].owner, team (name, skills, availability)"
    elif len(skilled) < n:
        bad = ", ".join(a.id for a in declared if a not in skilled)
        step = _t(lang, f"Les responsables de {bad} n'ont pas les compétences demandées : complétez les compétences de l'équipe "
                        "ou confiez l'action à un prestataire.",
                  f"The owners of {bad} lack the skills required: complete the team's skills or give the action to a provider.")
        where = "plan.yaml: team[].skills, actions[].skills"
    elif len(costed) < n:
        step = _t(lang, "Chiffrez la charge de chaque action en jours-personne.",
                  "Give each action its workload in person-days.")
        where = "plan.yaml: actions[].effort_days"
    elif over:
        step = _t(lang, "Étalez les actions, renforcez l'équipe ou externalisez : la charge dépasse la disponibilité de l'équipe.",
                  "Spread the actions, add people or outsource: the workload exceeds the team's availability.")
        where = "plan.yaml: team[].availability, actions[].effort_days"
    else:
        return Evidence("met", text)
    return Evidence("partial" if owned else "missing", text, step, where)


def dimensionnement(r, lang: str = "fr") -> Evidence:
    b = r.budget
    p = r.plan
    parts, step, where = [], "", ""
    if b.envelope:
        parts.append(_t(lang, f"{fmt_currency(b.committed, lang, decimals=0)} engagés pour {fmt_currency(b.envelope, lang, decimals=0)} d'enveloppe",
                        f"{fmt_currency(b.committed, lang, decimals=0)} committed for a {fmt_currency(b.envelope, lang, decimals=0)} envelope"))
        if b.over_budget:
            step = _t(lang, "Ramenez le budget dans l'enveloppe du client : réduisez ou décalez des actions de priorité 3.",
                      "Bring the budget within the client's envelope: cut or delay priority-3 actions.")
            where = "plan.yaml: settings.envelope, actions[].priority"
    else:
        step = _t(lang, "Indiquez l'enveloppe budgétaire du client.", "Give the client's budget envelope.")
        where = "plan.yaml: settings.envelope"
    over = [x for x in owner_workload(r) if x["days"] > x["capacity"]]
    if over:
        parts.append(_t(lang, f"{len({x['owner'] for x in over})} responsable(s) au-delà de leur disponibilité",
                        f"{len({x['owner'] for x in over})} owner(s) beyond their availability"))
        if not step:
            step = _t(lang, "Ajustez la charge de travail à la disponibilité de l'équipe.",
                      "Fit the workload to the team's availability.")
            where = "plan.yaml: actions[].effort_days, team[].availability"
    if p.validation is not None:
        parts.append(_t(lang, f"validé par {p.validation.by} le {p.validation.date:%d/%m/%Y}",
                        f"signed off by {p.validation.by} on {p.validation.date:%Y-%m-%d}"))
    elif not step:
        step = _t(lang, "Consignez la validation du client et ce qui a été négocié : par qui, à quelle date, sur quels points.",
                  "Record the client's sign-off and what was negotiated: by whom, on what date, on which points.")
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
    text = _t(lang, f"{len(written)}/{len(p.actions)} actions avec une priorité écrite (niveaux : {', '.join(map(str, levels)) or '—'}) ; "
                    f"{len(dated)}/{len(p.actions)} datées",
              f"{len(written)}/{len(p.actions)} actions with a written priority (levels: {', '.join(map(str, levels)) or '—'}); "
              f"{len(dated)}/{len(p.actions)} dated")
    if len(written) < len(p.actions):
        return Evidence("partial" if written else "missing", text,
                        _t(lang, "Donnez une priorité (1 à 3) à chaque action ; la valeur par défaut ne vaut pas choix.",
                           "Give every action a priority (1 to 3); the default is not a choice."),
                        "plan.yaml: actions[].priority")
    if len(levels) < 2:
        return Evidence("partial", text, _t(lang, "Hiérarchisez : toutes les actions ont la même priorité.",
                                            "Rank the actions: they all have the same priority."),
                        "plan.yaml: actions[].priority")
    if len(dated) < len(p.actions):
        return Evidence("partial", text, _t(lang, "Datez chaque action : début, fin ou durée.",
                                            "Date every action: start, end or duration."),
                        "plan.yaml: actions[].start, end, duration_days")
    return Evidence("met", text)


def planification(r, lang: str = "fr") -> Evidence:
    errors = [i for i in r.schedule_issues if i.severity == "error"]
    if errors:
        return Evidence("missing", _t(lang, f"{len(errors)} incohérence(s) de calendrier", f"{len(errors)} schedule problem(s)"),
                        _t(lang, "Corrigez les dépendances et dates signalées dans la partie « Calendrier ».",
                           "Fix the dependencies and dates flagged in the “Schedule” part."),
                        "plan.yaml: actions[].depends_on, start, end")
    return Evidence("met", _t(lang, f"dépendances et échéance vérifiées, chemin critique de {len(r.critical_chain)} action(s)",
                              f"dependencies and deadline checked, critical path of {len(r.critical_chain)} action(s)"))


def securisation(r, lang: str = "fr") -> Evidence:
    p, b, mc = r.plan, r.budget, r.montecarlo
    parts = [_t(lang, f"réserve pour aléas {fmt_percent(b.contingency_rate, lang, 0)}",
                f"contingency reserve {fmt_percent(b.contingency_rate, lang, 0)}")]
    mitigated = [x for x in p.risks if x.mitigation]
    parts.append(_t(lang, f"registre des risques : {len(p.risks)} risque(s), {len(mitigated)} avec parade",
                    f"risk register: {len(p.risks)} risk(s), {len(mitigated)} with a mitigation"))
    likely_loss = None
    if mc is not None:
        loss = mc.prob_loss_clv if mc.prob_loss_clv is not None else mc.prob_loss
        parts.append(_t(lang, f"probabilité de perte simulée : {fmt_percent(mc.prob_loss, lang, 0)} sur les premières commandes",
                        f"simulated probability of loss: {fmt_percent(mc.prob_loss, lang, 0)} on first orders"))
        if mc.prob_loss_clv is not None:
            parts.append(_t(lang, f"{fmt_percent(mc.prob_loss_clv, lang, 0)} sur la durée de vie client",
                            f"{fmt_percent(mc.prob_loss_clv, lang, 0)} over customer lifetime"))
        likely_loss = max(mc.prob_loss, loss) >= 0.5
    text = " ; ".join(parts)
    if b.contingency_rate <= 0:
        step = _t(lang, "Prévoyez une réserve pour aléas.", "Plan a contingency reserve.")
        where = "plan.yaml: settings.contingency_rate"
    elif not p.risks:
        step = _t(lang, "Ajoutez un registre des risques : pour chacun, sa probabilité, son impact et sa parade.",
                  "Add a risk register: for each risk, its probability, impact and mitigation.")
        where = "plan.yaml: risks (description, probability, impact, mitigation)"
    elif len(mitigated) < len(p.risks):
        step = _t(lang, "Donnez une parade à chaque risque.", "Give every risk a mitigation.")
        where = "plan.yaml: risks[].mitigation"
    elif likely_loss and not any(x.probability in _HIGH and x.mitigation for x in p.risks):
        step = _t(lang, "La simulation rend une perte probable : inscrivez ce risque au registre, probabilité forte, avec sa parade.",
                  "The simulation makes a loss likely: add that risk to the register, probability high, with its mitigation.")
        where = "plan.yaml: risks"
    elif mc is None:
        step = _t(lang, "Donnez des fourchettes aux hypothèses du tunnel de conversion pour estimer la probabilité de perte.",
                  "Give the conversion funnel's assumptions ranges to estimate the probability of loss.")
        where = "plan.yaml: actions[].funnel"
    else:
        return Evidence("met", text)
    return Evidence("partial", text, step, where)


def couts_analyses(r, lang: str = "fr") -> Evidence:
    lines = r.cost_lines
    costed = set(lines["action_id"]) if len(lines) else set()
    bare = [a.id for a in r.plan.actions if a.id not in costed]
    text = _t(lang, f"{len(lines)} lignes de coût ; {len(costed)}/{len(r.plan.actions)} actions chiffrées, par composante",
              f"{len(lines)} cost lines; {len(costed)}/{len(r.plan.actions)} actions costed, by component")
    if not len(lines):
        return Evidence("missing", text, _t(lang, "Chiffrez chaque action.", "Cost every action."), "plan.yaml: actions[].costs")
    if bare:
        return Evidence("partial", text, _t(lang, f"Chiffrez ces actions : {', '.join(bare)}.",
                                            f"Cost these actions: {', '.join(bare)}."), "plan.yaml: actions[].costs")
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
    text = _t(lang, f"{len(paid) - len(thin)}/{len(paid)} actions payantes décomposées en 2 composantes ou plus ; "
                    f"{len(media) - len(unranged)}/{len(media)} hypothèses CPM/CPC avec fourchette ou référence de marché",
              f"{len(paid) - len(thin)}/{len(paid)} paid actions split into 2 or more components; "
              f"{len(media) - len(unranged)}/{len(media)} CPM/CPC assumptions with a range or market reference")
    if thin:
        return Evidence("partial", text, _t(lang, f"Décomposez le coût de {', '.join(thin)} : média, création, technique…",
                                            f"Split the cost of {', '.join(thin)}: media, creative, technical…"),
                        "plan.yaml: actions[].costs[].component")
    if unranged:
        return Evidence("partial", text, _t(lang, f"Donnez une fourchette ou une référence de marché à : {', '.join(unranged)}.",
                                            f"Give a range or a market reference to: {', '.join(unranged)}."),
                        "plan.yaml: actions[].funnel")
    return Evidence("met", text)


def etudes_prix(r, lang: str = "fr") -> Evidence:
    lines = r.cost_lines
    total = float(lines["amount"].sum()) if len(lines) else 0.0
    if not total:
        return Evidence("missing", _t(lang, "aucun coût", "no cost"),
                        _t(lang, "Chiffrez les actions en indiquant la source de chaque coût.",
                           "Cost the actions, giving the source of each cost."),
                        "plan.yaml: actions[].costs[].source")
    by = lines.groupby("source")["amount"].sum() / total
    share = float(by.reindex(list(PRICE_STUDY_SOURCES)).fillna(0).sum())
    internal = float(by.get("internal", 0.0))
    estimate = float(by.get("estimate", 0.0))
    text = _t(lang, f"{fmt_percent(share, lang, 0)} du budget sur devis, grilles tarifaires ou normes de marché ; "
                    f"coûts internes {fmt_percent(internal, lang, 0)}, estimations {fmt_percent(estimate, lang, 0)}",
              f"{fmt_percent(share, lang, 0)} of the budget on quotes, rate cards or market norms; "
              f"internal costs {fmt_percent(internal, lang, 0)}, estimates {fmt_percent(estimate, lang, 0)}")
    if share >= 0.8:
        return Evidence("met", text)
    return Evidence("partial", text, _t(lang, "Appuyez les plus gros postes sur des devis, des grilles tarifaires ou des normes "
                                              "de marché, en citant la référence de chacun.",
                                        "Back the largest items with quotes, rate cards or market norms, citing the "
                                        "reference of each."),
                    "plan.yaml: actions[].costs[].source (quote, rate_card, benchmark), reference")


def outils_digitalises(r, lang: str = "fr") -> Evidence:
    months = r.kpis["month"].nunique() if len(r.kpis) else 0
    text = _t(lang, f"classeur budgétaire à formules ; {len(r.kpis)} cibles KPI sur {months} mois exportées pour le tableau de bord",
              f"budget workbook with formulas; {len(r.kpis)} KPI targets over {months} months exported for the dashboard")
    if not len(r.kpis):
        return Evidence("partial", text, _t(lang, "Donnez des objectifs chiffrés pour produire les cibles mensuelles.",
                                            "Give quantified objectives to produce the monthly targets."),
                        "plan.yaml: objectives")
    return Evidence("met", text)


def indicateurs_alignes(r, lang: str = "fr", back_office: Iterable[str] = ()) -> Evidence:
    p = r.plan
    covered = {o for a in p.actions for o in a.objectives}
    unserved = [o.id for o in p.objectives if o.id not in covered]
    names = sorted(set(r.kpis["kpi"]) if len(r.kpis) else {o.kpi for o in p.objectives})
    bo = set(back_office)
    unmeasured = [k for k in names if k not in bo and kpi_id(k) is None]
    text = _t(lang, f"{len(covered & {o.id for o in p.objectives})}/{len(p.objectives)} objectifs servis par des actions ; "
                    f"{len(names) - len(unmeasured)}/{len(names)} KPI mesurables par les exports ou le back-office",
              f"{len(covered & {o.id for o in p.objectives})}/{len(p.objectives)} objectives served by actions; "
              f"{len(names) - len(unmeasured)}/{len(names)} KPIs measurable from exports or back-office")
    if unmeasured:
        text += _t(lang, " ; sans source de mesure : ", "; no measurement source: ") + ", ".join(kpi_label(k, lang) for k in unmeasured)
    if unserved:
        return Evidence("partial", text, _t(lang, f"Reliez une action à chaque objectif : {', '.join(unserved)}.",
                                            f"Link an action to every objective: {', '.join(unserved)}."),
                        "plan.yaml: actions[].objectives")
    if unmeasured:
        return Evidence("partial", text, _t(lang, "Donnez une source à chaque KPI : saisissez les chiffres du back-office "
                                                  "dans le fichier d'indicateurs mensuels du pilotage (ou l'export des "
                                                  "commandes de la boutique), ou choisissez un KPI que les exports mesurent.",
                                            "Give every KPI a source: enter the back-office figures in the pilotage's "
                                            "monthly KPI file (or the shop's orders export), or choose a KPI the "
                                            "exports measure."))
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
        ev["affectation"] = Evidence("partial", _t(lang, "répartition comparée à l'allocation optimale (partie « Outils de pilotage »)",
                                                   "split compared with the optimal allocation (part “Steering tools”)"))
    return ev

