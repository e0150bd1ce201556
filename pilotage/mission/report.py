"""The "Rapport de mission" (A.4) as a format-neutral :class:`~toolkit.document.Document`.

One function per part of the production: team (C.4.1), organisation (C.4.2), implementation
and client information (C.4.3), budget and results (C.4.4 — the bilan's own analysis, so the
figures are those of the dashboard and the bilan), bilan and lessons (C.4.5), the A.4 grid.
No computing here beyond formatting choices.
"""

from __future__ import annotations

from typing import Any

from toolkit.document import (
    BulletList,
    Callout,
    Decision,
    Document,
    Figure,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Span,
    Table,
)
from toolkit.grid import Evidence

__all__ = ["mission_document", "mission_evidence"]

_T = {
    "title": {"fr": "Rapport de mission", "en": "Mission report"},
    "summary": {"fr": "Synthèse", "en": "Summary"},
    "team": {"fr": "L'équipe projet", "en": "The project team"},
    "org": {"fr": "L'organisation du travail", "en": "How the work is organised"},
    "impl": {"fr": "La mise en œuvre et l'information du client", "en": "Implementation and client information"},
    "budget": {"fr": "Budget et résultats", "en": "Budget and results"},
    "lessons": {"fr": "Bilan et enseignements", "en": "Review and lessons"},
    "grid": {"fr": "Grille d'évaluation — rapport de mission (A.4)", "en": "Evaluation grid — mission report (A.4)"},
}


def _t(key: str, lang: str) -> str:
    return _T[key]["en" if lang == "en" else "fr"]


def _fr(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


def _overload_rows(r: Any) -> list[tuple]:
    over = r.workload.overloads()
    return [(row.member, row.week, row.load_days, row.capacity_days, row.active, ", ".join(row.tasks))
            for row in over.itertuples()]


def _source(r: Any, lang: str) -> str:
    """Where the tasks come from, in a client's words: the action plan or the team's task board
    (the file's name is the user's business, not the document's)."""
    if r.tasks_source == "plan.yaml":
        return _fr(lang, "le plan d'action", "the action plan")
    return _fr(lang, "le tableau de suivi de l'équipe", "the team's task board")


def _summary(r: Any, bilan: Any, lang: str) -> Section:
    over = r.workload.overloads()
    done = int(r.tasks["done"].sum()) if len(r.tasks) else 0
    items = [
        KeyFigure(_fr(lang, "Membres de l'équipe", "Team members"), len(r.team), "integer"),
        KeyFigure(_fr(lang, "Tâches suivies", "Tasks tracked"), len(r.tasks), "integer",
                  note=_fr(lang, f"source : {_source(r, lang)}", f"source: {_source(r, lang)}")),
        KeyFigure(_fr(lang, "Tâches terminées", "Tasks done"), done, "integer"),
        KeyFigure(_fr(lang, "Semaines en surcharge ou dispersion", "Overloaded or spread-thin weeks"), len(over), "integer",
                  status="bad" if len(over) else "good"),
        KeyFigure(_fr(lang, "Problèmes du RACI", "RACI problems"), len(r.raci_problems), "integer",
                  status="warning" if r.raci_problems else "good"),
    ]
    if bilan is not None and bilan.evm is not None and bilan.evm.cpi is not None:
        items.append(KeyFigure(_fr(lang, "Indice de performance des coûts (CPI)", "Cost performance index (CPI)"),
                               bilan.evm.cpi, "number", status="good" if bilan.evm.cpi >= 1 else "warning"))
    blocks: list[Any] = [KeyFigures(tuple(items))]
    points = []
    if len(over):
        worst = over.groupby("member")["active"].max().sort_values(ascending=False)
        who = worst.index[0]
        points.append(_fr(lang, f"{who} est surchargé(e) ou dispersé(e) sur {int((over['member'] == who).sum())} semaines "
                                f"(jusqu'à {int(worst.iloc[0])} actions en même temps) : répartir ou renforcer.",
                          f"{who} is overloaded or spread thin in {int((over['member'] == who).sum())} weeks "
                          f"(up to {int(worst.iloc[0])} actions at once): share the load or reinforce."))
    gaps = r.skills[r.skills["gap"]] if len(r.skills) else r.skills
    if len(gaps):
        points.append(_fr(lang, f"{len(gaps)} compétence(s) requise(s) sans titulaire dans l'équipe : "
                                + ", ".join(dict.fromkeys(gaps["skill"])) + ".",
                          f"{len(gaps)} required skill(s) nobody in the team holds: "
                          + ", ".join(dict.fromkeys(gaps["skill"])) + "."))
    occurred = r.risks[r.risks["status"] == "occurred"] if len(r.risks) else r.risks
    for row in occurred.itertuples():
        points.append(_fr(lang, f"Le risque {row.id} (« {row.risk} ») s'est produit : {row.what_happened}.",
                          f"Risk {row.id} (“{row.risk}”) occurred: {row.what_happened}."))
    if points:
        blocks.append(BulletList(points))
    return Section(_t("summary", lang), tuple(blocks))


def _team(r: Any, mission: Any, lang: str) -> Section:
    rows = [(m["name"], m["role"], ", ".join(m["skills"]), m["days_per_week"],
             _fr(lang, "externe", "external") if m["external"] else _fr(lang, "interne", "internal"))
            for m in r.team.to_dict("records")]
    blocks: list[Any] = [Table(
        (_fr(lang, "Membre", "Member"), _fr(lang, "Rôle", "Role"), _fr(lang, "Compétences", "Skills"),
         _fr(lang, "Jours / semaine", "Days / week"), _fr(lang, "Statut", "Status")),
        tuple(rows), ("text", "text", "text", "number", "text"), caption=_fr(lang, "L'équipe", "The team"),
        decimals=(None, None, None, 1, None))]
    gaps = r.skills[r.skills["gap"]] if len(r.skills) else r.skills
    if len(gaps):
        blocks.append(Table((_fr(lang, "Action", "Action"), _fr(lang, "Compétence manquante", "Missing skill"),
                             _fr(lang, "Options", "Options")),
                            tuple((g.task, g.skill, g.options) for g in gaps.itertuples()),
                            ("text", "text", "text"), caption=_fr(lang, "Compétences à trouver", "Skills to find")))
    adjust = [f"{m['name']} : {m['adjustments']}" for m in r.team.to_dict("records") if m["adjustments"]]
    if adjust:
        blocks.append(Callout("info", _fr(lang, "Aménagements de poste", "Workstation adjustments"),
                              tuple(Paragraph(a) for a in adjust)))
    for partner, scores in r.partners:
        blocks.append(Table(
            (_fr(lang, "Prestataire", "Supplier"), _fr(lang, "Coût", "Cost"), _fr(lang, "Qualité (1–5)", "Quality (1–5)"),
             _fr(lang, "Délai (jours)", "Lead time (days)"), _fr(lang, "RSE (1–5)", "CSR (1–5)"), _fr(lang, "Score /100", "Score /100")),
            tuple((s.supplier + (" ✓" if s.chosen else ""), s.cost, s.quality, s.lead_time_days, s.rse, s.score)
                  for s in scores.itertuples()),
            ("text", "currency", "number", "integer", "number", "number"),
            caption=_fr(lang, f"Choix du prestataire — {partner.need}", f"Supplier choice — {partner.need}"),
            decimals=(None, 0, 0, None, 0, 1)))
        if partner.why:
            blocks.append(Paragraph(_fr(lang, "Pourquoi ce choix : ", "Why: ") + partner.why))
    return Section(_t("team", lang), tuple(blocks))


def _workload_figure(r: Any, lang: str) -> Figure | None:
    weekly = r.workload.weekly
    if weekly.empty:
        return None
    from toolkit.charts import line_chart

    members = list(dict.fromkeys(weekly.sort_values("active", ascending=False)["member"]))[:4]
    weeks = sorted(weekly["week"].unique())
    series = {m: [int(weekly[(weekly["member"] == m) & (weekly["week"] == w)]["active"].sum()) for w in weeks]
              for m in members}
    fig = line_chart(weeks, series, title="", ylabel=_fr(lang, "actions en cours", "actions under way"),
                     kind="integer", lang=lang, height=3.4)  # type: ignore[arg-type]
    return Figure.from_matplotlib(
        fig, _fr(lang, "Actions menées en même temps, par semaine et par personne",
                 "Actions under way at once, per week and person"),
        _fr(lang, "Courbes du nombre d'actions en cours par semaine pour les membres les plus sollicités",
            "Lines of the number of actions under way per week for the busiest members"), name="charge-equipe")


def _organisation(r: Any, mission: Any, lang: str) -> Section:
    blocks: list[Any] = []
    if mission.method:
        blocks.append(Paragraph(mission.method))
    else:
        blocks.append(Callout("warning", _fr(lang, "Méthode à décrire", "Method to describe"), (Paragraph(_fr(
            lang, "Décrivez la méthode (agile, hybride…) et ce qu'elle apporte, dans le dossier de mission.",
            "Describe the method (agile, hybrid…) and its benefits in the mission file.")),)))
    tools = list(dict.fromkeys([*mission.tools, *(t for m in mission.team for t in m.tools)]))
    if tools:
        blocks.append(Paragraph(_fr(lang, "Outils de collaboration : ", "Collaboration tools: ") + ", ".join(tools) + "."))
    if len(r.raci):
        people = list(r.raci.columns[1:])
        blocks.append(Table(("Livrable / action" if lang != "en" else "Deliverable / action", *people),
                            tuple(tuple(row) for row in r.raci.itertuples(index=False)),
                            ("text",) * (1 + len(people)), caption="RACI"))
    if r.raci_problems:
        blocks.append(Callout("warning", _fr(lang, "Points à corriger dans le RACI", "RACI issues to fix"),
                              tuple(Paragraph(p) for p in r.raci_problems)))
    rows = _overload_rows(r)
    blocks.append(Paragraph(_fr(
        lang, "Charge : l'effort de chaque action est réparti sur ses jours ouvrés ; au-delà de la capacité (jours "
              "par semaine, congés déduits) la semaine est en surcharge ; sans effort connu, plus de 3 actions en même "
              "temps par équivalent temps plein signale une dispersion.",
        "Workload: each action's effort is spread over its working days; above capacity (days per week, days off "
        "deducted) the week is overloaded; without a known effort, more than 3 actions at once per full-time "
        "equivalent flags a person spread thin.")))
    if rows:
        blocks.append(Table((_fr(lang, "Membre", "Member"), _fr(lang, "Semaine du", "Week of"),
                             _fr(lang, "Charge (j)", "Load (d)"), _fr(lang, "Capacité (j)", "Capacity (d)"),
                             _fr(lang, "Actions", "Actions"), _fr(lang, "Lesquelles", "Which")),
                            tuple(rows[:12]), ("text", "date", "number", "number", "integer", "text"),
                            caption=_fr(lang, "Semaines en surcharge ou en dispersion", "Overloaded or spread-thin weeks"),
                            decimals=(None, None, 1, 1, None, None)))
    fig = _workload_figure(r, lang)
    if fig is not None:
        blocks.append(fig)
    return Section(_t("org", lang), tuple(blocks))


def _gantt_figure(r: Any, lang: str) -> Figure | None:
    """The plan's actions: planned bars, and over them what happened (actual end when known)."""
    import datetime as dt

    import pandas as pd

    tasks = r.plan_tasks
    if tasks is None or tasks.empty:
        return None
    dated = tasks[tasks["start"].notna() & tasks["end"].notna()].sort_values("start", ascending=False)
    if dated.empty:
        return None
    from matplotlib.dates import AutoDateLocator, date2num

    from toolkit.charts import OKABE_ITO, date_formatter, new_figure, themed

    with themed():
        fig, ax = new_figure(7.5, max(2.5, 0.32 * len(dated) + 1.0))
        labelled = False
        for y, t in enumerate(dated.itertuples()):
            start, end = date2num(t.start), date2num(t.end + dt.timedelta(days=1))
            ax.barh(y, end - start, left=start, height=0.55, color=OKABE_ITO[1], alpha=0.35,
                    label=_fr(lang, "prévu", "planned") if y == 0 else None)
            done = t.done_at
            if done is not None and not pd.isna(done):
                ax.barh(y, date2num(done + dt.timedelta(days=1)) - start, left=start, height=0.22,
                        color=OKABE_ITO[4], label=None if labelled else _fr(lang, "réalisé (terminé le)", "actual (finished on)"))
                labelled = True
        ax.set_yticks(range(len(dated)), list(dated["id"]))
        ax.xaxis_date()
        ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=6))
        ax.xaxis.set_major_formatter(date_formatter(lang))  # type: ignore[arg-type]
        ax.legend(loc="upper right")
        fig.tight_layout()
    return Figure.from_matplotlib(
        fig, _fr(lang, "Planning du plan : prévu et réalisé par action", "The plan's schedule: planned and actual per action"),
        _fr(lang, "Diagramme de Gantt : une barre claire par action pour les dates prévues, une barre foncée "
                  "jusqu'à la fin réelle quand toutes ses cartes du tableau sont terminées",
            "Gantt chart: one light bar per action for its planned dates, a dark bar to its actual end when all its "
            "board cards are done"), name="gantt-prevu-realise")


def _planning(r: Any, mission: Any, lang: str) -> Section:
    blocks: list[Any] = [Paragraph(_fr(
        lang, f"Tâches suivies depuis {_source(r, lang)} ; chemin critique du plan prévu : {' → '.join(r.critical_planned) or '—'} ; "
              f"recalculé sur les dates réelles : {' → '.join(r.critical_actual) or '—'}.",
        f"Tasks tracked from {_source(r, lang)}; the plan's planned critical path: {' → '.join(r.critical_planned) or '—'}; "
        f"recomputed on actual dates: {' → '.join(r.critical_actual) or '—'}."))]
    gantt = _gantt_figure(r, lang)
    if gantt is not None:
        blocks.append(gantt)
    if r.status_times is not None and len(r.status_times):
        blocks.append(Table((_fr(lang, "Statut (identifiant Jira)", "Status (Jira id)"), _fr(lang, "Tickets", "Tickets"),
                             _fr(lang, "Jours en moyenne", "Mean days"), _fr(lang, "Jours au total", "Total days")),
                            tuple(tuple(row) for row in r.status_times.itertuples(index=False)),
                            ("text", "integer", "number", "number"),
                            caption=_fr(lang, "Temps passé par statut (historique Jira)", "Time in status (Jira history)"),
                            decimals=(None, None, 1, 1)))
    if len(r.velocity):
        goals = {s.name: s.goal for s in mission.sprints}
        blocks.append(Table(("Sprint", _fr(lang, "Objectif", "Goal"), _fr(lang, "Début", "Start"), _fr(lang, "Fin", "End"),
                             _fr(lang, "Unité", "Unit"), _fr(lang, "Engagé", "Committed"), _fr(lang, "Réalisé", "Done")),
                            tuple((v.sprint, goals.get(v.sprint, ""), v.start, v.end, v.unit, v.committed, v.done)
                                  for v in r.velocity.itertuples(index=False)),
                            ("text", "text", "date", "date", "text", "number", "number"),
                            caption=_fr(lang, "Sprints : objectif et vélocité", "Sprints: goal and velocity"),
                            decimals=(None,) * 5 + (0, 0)))
    if len(r.delays):
        late = r.delays.sort_values("delay_days", ascending=False).head(7)
        blocks.append(Table(("Id", _fr(lang, "Tâche", "Task"), _fr(lang, "Fin prévue", "Planned end"),
                             _fr(lang, "Fin réelle", "Actual end"), _fr(lang, "Écart (jours)", "Delay (days)")),
                            tuple(tuple(row) for row in late.itertuples(index=False)),
                            ("text", "text", "date", "date", "integer"),
                            caption=_fr(lang, "Prévu et réalisé (les plus grands écarts)", "Planned vs actual (largest gaps)")))
    shown = [(n, bd) for n, bd in r.burndowns.items() if bd.attrs["total"] > 0]
    for name, bd in shown[-2:]:
        from toolkit.charts import line_chart

        fig = line_chart(list(bd["day"]), {_fr(lang, "idéal", "ideal"): list(bd["ideal"]),
                                           _fr(lang, "reste à faire", "remaining"): list(bd["remaining"])},
                         ylabel=bd.attrs["unit"], lang=lang, height=3.0)  # type: ignore[arg-type]
        blocks.append(Figure.from_matplotlib(fig, f"Burndown — {name}", _fr(
            lang, f"Reste à faire du sprint {name} jour par jour, comparé à la droite idéale",
            f"Remaining work of sprint {name} day by day, against the ideal line"), name=f"burndown-{len(blocks)}"))
    return Section(_fr(lang, "Planification et suivi", "Planning and follow-up"), tuple(blocks))


_EVERY = {"daily": ("quotidien", "daily"), "weekly": ("hebdomadaire", "weekly"),
          "biweekly": ("toutes les deux semaines", "every two weeks"), "monthly": ("mensuel", "monthly"),
          "once": ("une fois", "once")}


def _implementation(r: Any, mission: Any, lang: str) -> Section:
    en = lang == "en"
    blocks: list[Any] = []
    if mission.rituals:
        blocks.append(Table((_fr(lang, "Rituel", "Ritual"), _fr(lang, "Fréquence", "Frequency"),
                             _fr(lang, "Premier", "First"), _fr(lang, "Durée (min)", "Length (min)"),
                             _fr(lang, "Participants", "Attendees")),
                            tuple((x.name, _EVERY[x.every][1 if en else 0], x.first.date(), x.duration_min,
                                   ", ".join(x.attendees)) for x in mission.rituals),
                            ("text", "text", "date", "integer", "text"),
                            caption=_fr(lang, "Rituels (aussi en calendrier .ics)", "Rituals (also as an .ics calendar)")))
    if mission.meetings:
        blocks.append(Table((_fr(lang, "Date", "Date"), _fr(lang, "Réunion", "Meeting"),
                             _fr(lang, "Participants", "Attendees"), _fr(lang, "Décisions", "Decisions"),
                             _fr(lang, "Actions", "Actions")),
                            tuple((m.date, m.title, ", ".join(m.attendees), "; ".join(m.decisions), "; ".join(m.actions))
                                  for m in mission.meetings[-7:]),
                            ("date", "text", "text", "text", "text"), caption=_fr(lang, "Journal des réunions", "Meeting log")))
    for i in mission.incidents:
        from toolkit.fmt import fmt_currency, fmt_date

        effect = _fr(lang, f"{fmt_currency(i.budget_effect, lang, decimals=0)}, {i.delay_days} jour(s) de retard",
                     f"{fmt_currency(i.budget_effect, lang, decimals=0)}, {i.delay_days} day(s) of delay")
        details = [Paragraph(Span(_fr(lang, "Cause : ", "Cause: "), bold=True), i.cause or "—"),
                   Paragraph(Span(_fr(lang, "Décision : ", "Decision: "), bold=True), i.decision or "—"),
                   Paragraph(Span(_fr(lang, "Effet : ", "Effect: "), bold=True), effect),
                   Paragraph(Span(_fr(lang, "Information du client : ", "Client information: "), bold=True),
                             i.client_informed or _fr(lang, "à préciser", "to be stated"))]
        blocks.append(Callout("warning" if i.risk else "info",
                              f"{fmt_date(i.date, lang)} — {i.incident}", tuple(details)))
    if len(r.risks):
        blocks.append(Table(("Id", _fr(lang, "Risque", "Risk"), _fr(lang, "Score (1–9)", "Score (1–9)"),
                             _fr(lang, "Statut", "Status"), _fr(lang, "Ce qui s'est passé", "What happened")),
                            tuple((x.id, x.risk, x.score, {"open": ("ouvert", "open"), "occurred": ("survenu", "occurred"),
                                                           "closed": ("clos", "closed")}[x.status][1 if en else 0],
                                   x.what_happened) for x in r.risks.itertuples()),
                            ("text", "text", "integer", "text", "text"),
                            caption=_fr(lang, "Suivi du registre des risques", "Risk register follow-up")))
    if not blocks:
        blocks.append(Callout("warning", _fr(lang, "À compléter", "To complete"), (Paragraph(_fr(
            lang, "Ajoutez rituels, journal des réunions et incidents au dossier de mission.",
            "Add rituals, the meeting log and incidents to the mission file.")),)))
    return Section(_t("impl", lang), tuple(blocks))


def _budget(bilan: Any, lang: str) -> Section:
    if bilan is None or bilan.evm is None:
        return Section(_t("budget", lang), (Callout("warning", _fr(lang, "Pas encore de réalisé", "No actuals yet"), (
            Paragraph(_fr(lang, "Importez les exports des plateformes : le budget et les résultats "
                                "viennent des mêmes calculs que le tableau de bord et le bilan.",
                          "Import the platforms' exports: budget and results come from the same "
                          "computations as the dashboard and the review.")),)),))
    e = bilan.evm
    items = (KeyFigure(_fr(lang, "Budget prévu (BAC)", "Budget at completion (BAC)"), e.bac, "currency"),
             KeyFigure(_fr(lang, "Dépensé (AC)", "Actual cost (AC)"), e.ac, "currency"),
             KeyFigure(_fr(lang, "Valeur acquise (EV)", "Earned value (EV)"), e.ev, "currency"),
             KeyFigure(_fr(lang, "Coût final estimé (EAC)", "Estimate at completion (EAC)"), e.eac_typical, "currency"))
    return Section(_t("budget", lang), (
        KeyFigures(items, caption=_fr(lang, f"Au {bilan.report_date:%d/%m/%Y} — mêmes calculs que le tableau de bord et le bilan",
                                      f"As of {bilan.report_date:%Y-%m-%d} — same computations as the dashboard and the review")),
        Paragraph(_fr(lang, "Le détail (écarts par action et par mois, indicateurs) est dans le bilan des actions.",
                      "The detail (variance by action and month, KPIs) is in the campaign review.")),
    ))


def _lessons(bilan: Any, mission: Any, lang: str) -> Section:
    blocks: list[Any] = []
    if bilan is not None:
        for kind, title in (("success", _fr(lang, "Facteurs de succès", "Success factors")),
                            ("shortfall", _fr(lang, "Insuffisances", "Shortfalls"))):
            found = [f.text + (f" — {f.evidence}" if f.evidence else "") for f in bilan.findings if f.kind == kind]
            if found:
                blocks += [Paragraph(title, style="lead"), BulletList(found[:6])]
    if mission.lessons:
        blocks += [Paragraph(_fr(lang, "Enseignements de l'équipe", "The team's lessons"), style="lead"),
                   BulletList(mission.lessons)]
    if not blocks:
        blocks.append(Paragraph(_fr(lang, "Ajoutez les enseignements de l'équipe au dossier de mission.",
                                    "Add the team's lessons to the mission file.")))
    return Section(_t("lessons", lang), tuple(blocks))


def _decision(r: Any, bilan: Any, lang: str) -> Section:
    """What the client is asked to decide at the end of the report (the deck's closing slide)."""
    points = []
    over = r.workload.overloads()
    if len(over):
        points.append(_fr(lang, "Valider le renfort ou le report des actions de la personne la plus chargée.",
                          "Approve reinforcing, or postponing the actions of, the busiest person."))
    open_risks = r.risks[r.risks["status"] == "open"] if len(r.risks) else r.risks
    if len(open_risks):
        points.append(_fr(lang, f"Confirmer les parades des {len(open_risks)} risque(s) encore ouverts.",
                          f"Confirm the mitigations of the {len(open_risks)} risk(s) still open."))
    if bilan is not None and bilan.evm is not None and bilan.evm.eac_typical is not None:
        from toolkit.fmt import fmt_currency

        points.append(_fr(lang, f"Valider le coût final estimé de {fmt_currency(bilan.evm.eac_typical, lang, decimals=0)} "
                                "ou décider des économies.",
                          f"Approve the estimated final cost of {fmt_currency(bilan.evm.eac_typical, lang, decimals=0)} "
                          "or decide on savings."))
    points.append(_fr(lang, "Retenir les enseignements pour la prochaine mission.", "Adopt the lessons for the next mission."))
    return Section(_fr(lang, "Décision attendue", "Decision expected"),
                   (Decision(_fr(lang, "Valider le rapport et ses suites", "Approve the report and what follows"), points),))


def mission_evidence(r: Any, mission: Any, bilan: Any, lang: str = "fr") -> dict[str, Evidence]:
    """What the report contains for each A.4 criterion (pointers for what only a jury judges)."""
    ev: dict[str, Evidence] = {}
    ev["equipe_competences"] = Evidence("partial", _fr(
        lang, f"équipe de {len(r.team)} personnes, {int(r.skills['gap'].sum()) if len(r.skills) else 0} compétence(s) sans titulaire",
        f"team of {len(r.team)}, {int(r.skills['gap'].sum()) if len(r.skills) else 0} skill(s) without holder"))
    if r.partners:
        ev["partenaires_rse"] = Evidence("partial", _fr(lang, f"{len(r.partners)} choix de prestataire notés (qualité, coût, délai, RSE)",
                                                        f"{len(r.partners)} supplier choices scored (quality, cost, lead time, CSR)"))
    ev["dimensionnement_equipe"] = Evidence("partial", _fr(
        lang, f"charge semaine par semaine : {len(r.workload.overloads())} semaine(s) en surcharge ou dispersion",
        f"week-by-week load: {len(r.workload.overloads())} overloaded or spread-thin week(s)"))
    if mission.method:
        ev["methode_agile"] = Evidence("partial", _fr(lang, "méthode décrite (section Organisation)", "method described"))
    tools = [*mission.tools, *(t for m in mission.team for t in m.tools)]
    if tools:
        ev["outils_communication"] = Evidence("partial", ", ".join(dict.fromkeys(tools)))
    if any(m.adjustments for m in mission.team):
        ev["handicap"] = Evidence("partial", _fr(lang, "aménagements de poste décrits", "workstation adjustments described"))
    if len(r.raci):
        ev["roles"] = Evidence("partial", _fr(lang, f"RACI de {len(r.raci)} lignes, {len(r.raci_problems)} problème(s)",
                                              f"RACI of {len(r.raci)} lines, {len(r.raci_problems)} problem(s)"))
    n = len(r.tasks)
    with_dates = int((r.tasks["start"].notna() & r.tasks["end"].notna()).sum()) if n else 0
    ev["activites_discernement"] = Evidence("partial", _fr(lang, f"{n} tâches, dont {with_dates} datées",
                                                           f"{n} tasks, {with_dates} dated"))
    planning = bool(r.critical_planned) and (len(r.velocity) > 0 or r.tasks_source != "plan.yaml")
    ev["outils_planification"] = (Evidence("met", _fr(lang, "tableau de suivi de l'équipe, chemin critique, sprints",
                                                      "the team's task board, critical path, sprints"))
                                  if planning else Evidence("partial", _fr(lang, "planning du plan seul", "the plan's schedule only"),
                                                            _fr(lang, "Importez le tableau de l'équipe (export Trello, Jira ou tableur) et décrivez les sprints.",
                                                                "Import the team's board (a Trello, Jira or spreadsheet export) and describe the sprints.")))
    if mission.rituals or mission.meetings:
        ev["reunions"] = Evidence("partial", _fr(lang, f"{len(mission.rituals)} rituels, {len(mission.meetings)} réunions consignées",
                                                 f"{len(mission.rituals)} rituals, {len(mission.meetings)} meetings logged"))
    if any(i.client_informed for i in mission.incidents):
        ev["information_commanditaire"] = Evidence("partial", _fr(lang, "information du client consignée pour chaque incident",
                                                                  "client information logged for each incident"))
    if mission.incidents:
        ev["problemes_aleas"] = Evidence("partial", _fr(lang, f"{len(mission.incidents)} incident(s) analysé(s)",
                                                        f"{len(mission.incidents)} incident(s) analysed"))
    if bilan is not None:
        from pilotage.compute.evidence import bilan_evidence

        for key, value in bilan_evidence(bilan, lang).items():
            ev.setdefault(key, value)
    return ev


def mission_document(case: Any, r: Any, mission: Any, bilan: Any, lang: str = "fr") -> Document:
    """The whole report, from the computed results (``bilan``: the bilan's analysis, or None)."""
    from toolkit.grid import grid_checklist

    sections = [
        _summary(r, bilan, lang), _team(r, mission, lang), _organisation(r, mission, lang),
        _planning(r, mission, lang), _implementation(r, mission, lang), _budget(bilan, lang),
        _lessons(bilan, mission, lang),
        _decision(r, bilan, lang),
        Section(_t("grid", lang), (grid_checklist("bilan", mission_evidence(r, mission, bilan, lang), lang),),
                appendix=True),
    ]
    date = bilan.report_date if bilan is not None else None
    kw = {"date": date} if date is not None else {}
    return Document(title=_t("title", lang), sections=tuple(sections), client=case.config.client.name,
                    subtitle=_fr(lang, "Équipe, organisation, mise en œuvre, budget et bilan",
                                 "Team, organisation, implementation, budget and review"),
                    lang=lang, kind="mission", **kw)  # type: ignore[arg-type]
