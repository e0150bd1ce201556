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
from toolkit.i18n import per_lang, tr

__all__ = ["mission_document", "mission_evidence"]

_T = {
    "title": per_lang("Rapport de mission"),
    "summary": per_lang("Synthèse"),
    "team": per_lang("L'équipe projet"),
    "org": per_lang("L'organisation du travail"),
    "impl": per_lang("La mise en œuvre et l'information du client"),
    "budget": per_lang("Budget et résultats"),
    "lessons": per_lang("Bilan et enseignements"),
    "grid": per_lang("Grille d'évaluation — rapport de mission (A.4)"),
}


def _t(key: str, lang: str) -> str:
    return _T[key]["en" if lang == "en" else "fr"]


def _overload_rows(r: Any) -> list[tuple]:
    over = r.workload.overloads()
    return [(row.member, row.week, row.load_days, row.capacity_days, row.active, ", ".join(row.tasks))
            for row in over.itertuples()]


def _source(r: Any, lang: str) -> str:
    """Where the tasks come from, in a client's words: the action plan or the team's task board
    (the file's name is the user's business, not the document's)."""
    if r.tasks_source == "plan.yaml":
        return tr(lang, "le plan d'action")
    return tr(lang, "le tableau de suivi de l'équipe")


def _summary(r: Any, bilan: Any, lang: str) -> Section:
    over = r.workload.overloads()
    done = int(r.tasks["done"].sum()) if len(r.tasks) else 0
    items = [
        KeyFigure(tr(lang, "Membres de l'équipe"), len(r.team), "integer"),
        KeyFigure(tr(lang, "Tâches suivies"), len(r.tasks), "integer",
                  note=tr(lang, "source : {r}", r=_source(r, lang))),
        KeyFigure(tr(lang, "Tâches terminées"), done, "integer"),
        KeyFigure(tr(lang, "Semaines en surcharge ou dispersion"), len(over), "integer",
                  status="bad" if len(over) else "good"),
        KeyFigure(tr(lang, "Problèmes du RACI"), len(r.raci_problems), "integer",
                  status="warning" if r.raci_problems else "good"),
    ]
    if bilan is not None and bilan.evm is not None and bilan.evm.cpi is not None:
        items.append(KeyFigure(tr(lang, "Indice de performance des coûts (CPI)"),
                               bilan.evm.cpi, "number", status="good" if bilan.evm.cpi >= 1 else "warning"))
    blocks: list[Any] = [KeyFigures(tuple(items))]
    points = []
    if len(over):
        worst = over.groupby("member")["active"].max().sort_values(ascending=False)
        who = worst.index[0]
        points.append(tr(lang, "{who} est surchargé(e) ou dispersé(e) sur {sum} semaines (jusqu'à {iloc0} actions en même temps) : répartir ou renforcer.", who=who, sum=int((over['member'] == who).sum()), iloc0=int(worst.iloc[0])))
    gaps = r.skills[r.skills["gap"]] if len(r.skills) else r.skills
    if len(gaps):
        points.append(tr(lang, "{n} compétence(s) requise(s) sans titulaire dans l'équipe : {skills}.", n=len(gaps),
                                   skills=", ".join(dict.fromkeys(gaps["skill"]))))
    occurred = r.risks[r.risks["status"] == "occurred"] if len(r.risks) else r.risks
    for row in occurred.itertuples():
        points.append(tr(lang, "Le risque {id} (« {risk} ») s'est produit : {what_happened}.", id=row.id, risk=row.risk, what_happened=row.what_happened))
    if points:
        blocks.append(BulletList(points))
    return Section(_t("summary", lang), tuple(blocks))


def _team(r: Any, mission: Any, lang: str) -> Section:
    rows = [(m["name"], m["role"], ", ".join(m["skills"]), m["days_per_week"],
             tr(lang, "externe") if m["external"] else tr(lang, "interne"))
            for m in r.team.to_dict("records")]
    blocks: list[Any] = [Table(
        (tr(lang, "Membre"), tr(lang, "Rôle"), tr(lang, "Compétences"),
         tr(lang, "Jours / semaine"), tr(lang, "Statut")),
        tuple(rows), ("text", "text", "text", "number", "text"), caption=tr(lang, "L'équipe"),
        decimals=(None, None, None, 1, None))]
    gaps = r.skills[r.skills["gap"]] if len(r.skills) else r.skills
    if len(gaps):
        blocks.append(Table(("Action", tr(lang, "Compétence manquante"),
                             "Options"),
                            tuple((g.task, g.skill, g.options) for g in gaps.itertuples()),
                            ("text", "text", "text"), caption=tr(lang, "Compétences à trouver")))
    adjust = [f"{m['name']} : {m['adjustments']}" for m in r.team.to_dict("records") if m["adjustments"]]
    if adjust:
        blocks.append(Callout("info", tr(lang, "Aménagements de poste"),
                              tuple(Paragraph(a) for a in adjust)))
    for partner, scores in r.partners:
        blocks.append(Table(
            (tr(lang, "Prestataire"), tr(lang, "Coût"), tr(lang, "Qualité (1–5)"),
             tr(lang, "Délai (jours)"), tr(lang, "RSE (1–5)"), "Score /100"),
            tuple((s.supplier + (" ✓" if s.chosen else ""), s.cost, s.quality, s.lead_time_days, s.rse, s.score)
                  for s in scores.itertuples()),
            ("text", "currency", "number", "integer", "number", "number"),
            caption=tr(lang, "Choix du prestataire — {need}", need=partner.need),
            decimals=(None, 0, 0, None, 0, 1)))
        if partner.why:
            blocks.append(Paragraph(tr(lang, "Pourquoi ce choix : ") + partner.why))
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
    fig = line_chart(weeks, series, title="", ylabel=tr(lang, "actions en cours"),
                     kind="integer", lang=lang, height=3.4)  # type: ignore[arg-type]
    return Figure.from_matplotlib(
        fig, tr(lang, "Actions menées en même temps, par semaine et par personne"),
        tr(lang, "Courbes du nombre d'actions en cours par semaine pour les membres les plus sollicités"), name="charge-equipe")


def _organisation(r: Any, mission: Any, lang: str) -> Section:
    blocks: list[Any] = []
    if mission.method:
        blocks.append(Paragraph(mission.method))
    else:
        blocks.append(Callout("warning", tr(lang, "Méthode à décrire"), (Paragraph(tr(lang, "Décrivez la méthode (agile, hybride…) et ce qu'elle apporte, dans le dossier de mission.")),)))
    tools = list(dict.fromkeys([*mission.tools, *(t for m in mission.team for t in m.tools)]))
    if tools:
        blocks.append(Paragraph(tr(lang, "Outils de collaboration : ") + ", ".join(tools) + "."))
    if len(r.raci):
        people = list(r.raci.columns[1:])
        blocks.append(Table((tr(lang, "Livrable / action"), *people),
                            tuple(tuple(row) for row in r.raci.itertuples(index=False)),
                            ("text",) * (1 + len(people)), caption="RACI"))
    if r.raci_problems:
        blocks.append(Callout("warning", tr(lang, "Points à corriger dans le RACI"),
                              tuple(Paragraph(p) for p in r.raci_problems)))
    rows = _overload_rows(r)
    blocks.append(Paragraph(tr(lang, "Charge : l'effort de chaque action est réparti sur ses jours ouvrés ; au-delà de la capacité (jours par semaine, congés déduits) la semaine est en surcharge ; sans effort connu, plus de 3 actions en même temps par équivalent temps plein signale une dispersion.")))
    if rows:
        blocks.append(Table((tr(lang, "Membre"), tr(lang, "Semaine du"),
                             tr(lang, "Charge (j)", context="load (d)"), tr(lang, "Capacité (j)"),
                             "Actions", tr(lang, "Lesquelles")),
                            tuple(rows[:12]), ("text", "date", "number", "number", "integer", "text"),
                            caption=tr(lang, "Semaines en surcharge ou en dispersion"),
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
                    label=tr(lang, "prévu") if y == 0 else None)
            done = t.done_at
            if done is not None and not pd.isna(done):
                ax.barh(y, date2num(done + dt.timedelta(days=1)) - start, left=start, height=0.22,
                        color=OKABE_ITO[4], label=None if labelled else tr(lang, "réalisé (terminé le)"))
                labelled = True
        ax.set_yticks(range(len(dated)), list(dated["id"]))
        ax.xaxis_date()
        ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=6))
        ax.xaxis.set_major_formatter(date_formatter(lang))  # type: ignore[arg-type]
        ax.legend(loc="upper right")
        fig.tight_layout()
    return Figure.from_matplotlib(
        fig, tr(lang, "Planning du plan : prévu et réalisé par action"),
        tr(lang, "Diagramme de Gantt : une barre claire par action pour les dates prévues, une barre foncée jusqu'à la fin réelle quand toutes ses cartes du tableau sont terminées"), name="gantt-prevu-realise")


def _planning(r: Any, mission: Any, lang: str) -> Section:
    blocks: list[Any] = [Paragraph(tr(lang, "Tâches suivies depuis {r} ; chemin critique du plan prévu : {critical_planned} ; recalculé sur les dates réelles : {critical_actual}.", r=_source(r, lang), critical_planned=' → '.join(r.critical_planned) or '—', critical_actual=' → '.join(r.critical_actual) or '—'))]
    gantt = _gantt_figure(r, lang)
    if gantt is not None:
        blocks.append(gantt)
    if r.status_times is not None and len(r.status_times):
        blocks.append(Table((tr(lang, "Statut (identifiant Jira)"), "Tickets",
                             tr(lang, "Jours en moyenne"), tr(lang, "Jours au total")),
                            tuple(tuple(row) for row in r.status_times.itertuples(index=False)),
                            ("text", "integer", "number", "number"),
                            caption=tr(lang, "Temps passé par statut (historique Jira)"),
                            decimals=(None, None, 1, 1)))
    if len(r.velocity):
        goals = {s.name: s.goal for s in mission.sprints}
        blocks.append(Table(("Sprint", tr(lang, "Objectif", context="goal"), tr(lang, "Début"), tr(lang, "Fin"),
                             tr(lang, "Unité"), tr(lang, "Engagé"), tr(lang, "Réalisé")),
                            tuple((v.sprint, goals.get(v.sprint, ""), v.start, v.end, v.unit, v.committed, v.done)
                                  for v in r.velocity.itertuples(index=False)),
                            ("text", "text", "date", "date", "text", "number", "number"),
                            caption=tr(lang, "Sprints : objectif et vélocité"),
                            decimals=(None,) * 5 + (0, 0)))
    if len(r.delays):
        late = r.delays.sort_values("delay_days", ascending=False).head(7)
        blocks.append(Table(("Id", tr(lang, "Tâche"), tr(lang, "Fin prévue"),
                             tr(lang, "Fin réelle"), tr(lang, "Écart (jours)")),
                            tuple(tuple(row) for row in late.itertuples(index=False)),
                            ("text", "text", "date", "date", "integer"),
                            caption=tr(lang, "Prévu et réalisé (les plus grands écarts)")))
    shown = [(n, bd) for n, bd in r.burndowns.items() if bd.attrs["total"] > 0]
    for name, bd in shown[-2:]:
        from toolkit.charts import line_chart

        fig = line_chart(list(bd["day"]), {tr(lang, "idéal"): list(bd["ideal"]),
                                           tr(lang, "reste à faire"): list(bd["remaining"])},
                         ylabel=bd.attrs["unit"], lang=lang, height=3.0)  # type: ignore[arg-type]
        blocks.append(Figure.from_matplotlib(fig, f"Burndown — {name}", tr(lang, "Reste à faire du sprint {name} jour par jour, comparé à la droite idéale", name=name), name=f"burndown-{len(blocks)}"))
    return Section(tr(lang, "Planification et suivi"), tuple(blocks))


_EVERY = per_lang({
    "daily": "quotidien",
    "weekly": "hebdomadaire",
    "biweekly": "toutes les deux semaines",
    "monthly": "mensuel",
    "once": "une fois",
})


_RISK_STATUS = per_lang({"open": "ouvert", "occurred": "survenu", "closed": "clos"})

def _implementation(r: Any, mission: Any, lang: str) -> Section:
    en = lang == "en"
    blocks: list[Any] = []
    if mission.rituals:
        blocks.append(Table((tr(lang, "Rituel"), tr(lang, "Fréquence"),
                             tr(lang, "Premier"), tr(lang, "Durée (min)"),
                             tr(lang, "Participants")),
                            tuple((x.name, _EVERY["en" if en else "fr"][x.every], x.first.date(), x.duration_min,
                                   ", ".join(x.attendees)) for x in mission.rituals),
                            ("text", "text", "date", "integer", "text"),
                            caption=tr(lang, "Rituels (aussi en calendrier .ics)")))
    if mission.meetings:
        blocks.append(Table(("Date", tr(lang, "Réunion"),
                             tr(lang, "Participants"), tr(lang, "Décisions"),
                             "Actions"),
                            tuple((m.date, m.title, ", ".join(m.attendees), "; ".join(m.decisions), "; ".join(m.actions))
                                  for m in mission.meetings[-7:]),
                            ("date", "text", "text", "text", "text"), caption=tr(lang, "Journal des réunions")))
    for i in mission.incidents:
        from toolkit.fmt import fmt_currency, fmt_date

        effect = tr(lang, "{budget_effect}, {delay_days} jour(s) de retard", budget_effect=fmt_currency(i.budget_effect, lang, decimals=0), delay_days=i.delay_days)
        details = [Paragraph(Span(tr(lang, "Cause : "), bold=True), i.cause or "—"),
                   Paragraph(Span(tr(lang, "Décision : "), bold=True), i.decision or "—"),
                   Paragraph(Span(tr(lang, "Effet : "), bold=True), effect),
                   Paragraph(Span(tr(lang, "Information du client : "), bold=True),
                             i.client_informed or tr(lang, "à préciser"))]
        blocks.append(Callout("warning" if i.risk else "info",
                              f"{fmt_date(i.date, lang)} — {i.incident}", tuple(details)))
    if len(r.risks):
        blocks.append(Table(("Id", tr(lang, "Risque"), "Score (1–9)",
                             tr(lang, "Statut"), tr(lang, "Ce qui s'est passé")),
                            tuple((x.id, x.risk, x.score, _RISK_STATUS["en" if en else "fr"][x.status],
                                   x.what_happened) for x in r.risks.itertuples()),
                            ("text", "text", "integer", "text", "text"),
                            caption=tr(lang, "Suivi du registre des risques")))
    if not blocks:
        blocks.append(Callout("warning", tr(lang, "À compléter"), (Paragraph(tr(lang, "Ajoutez rituels, journal des réunions et incidents au dossier de mission.")),)))
    return Section(_t("impl", lang), tuple(blocks))


def _budget(bilan: Any, lang: str) -> Section:
    if bilan is None or bilan.evm is None:
        return Section(_t("budget", lang), (Callout("warning", tr(lang, "Pas encore de réalisé"), (
            Paragraph(tr(lang, "Importez les exports des plateformes : le budget et les résultats viennent des mêmes calculs que le tableau de bord et le bilan.")),)),))
    e = bilan.evm
    items = (KeyFigure(tr(lang, "Budget prévu (BAC)"), e.bac, "currency"),
             KeyFigure(tr(lang, "Dépensé (AC)"), e.ac, "currency"),
             KeyFigure(tr(lang, "Valeur acquise (EV)"), e.ev, "currency"),
             KeyFigure(tr(lang, "Coût final estimé (EAC)"), e.eac_typical, "currency"))
    return Section(_t("budget", lang), (
        KeyFigures(items, caption=tr(lang, "Au {report_date:%d/%m/%Y} — mêmes calculs que le tableau de bord et le bilan", report_date=bilan.report_date)),
        Paragraph(tr(lang, "Le détail (écarts par action et par mois, indicateurs) est dans le bilan des actions.")),
    ))


def _lessons(bilan: Any, mission: Any, lang: str) -> Section:
    blocks: list[Any] = []
    if bilan is not None:
        for kind, title in (("success", tr(lang, "Facteurs de succès")),
                            ("shortfall", tr(lang, "Insuffisances"))):
            found = [f.text + (f" — {f.evidence}" if f.evidence else "") for f in bilan.findings if f.kind == kind]
            if found:
                blocks += [Paragraph(title, style="lead"), BulletList(found[:6])]
    if mission.lessons:
        blocks += [Paragraph(tr(lang, "Enseignements de l'équipe"), style="lead"),
                   BulletList(mission.lessons)]
    if not blocks:
        blocks.append(Paragraph(tr(lang, "Ajoutez les enseignements de l'équipe au dossier de mission.")))
    return Section(_t("lessons", lang), tuple(blocks))


def _decision(r: Any, bilan: Any, lang: str) -> Section:
    """What the client is asked to decide at the end of the report (the deck's closing slide)."""
    points = []
    over = r.workload.overloads()
    if len(over):
        points.append(tr(lang, "Valider le renfort ou le report des actions de la personne la plus chargée."))
    open_risks = r.risks[r.risks["status"] == "open"] if len(r.risks) else r.risks
    if len(open_risks):
        points.append(tr(lang, "Confirmer les parades des {open_risks} risque(s) encore ouverts.", open_risks=len(open_risks)))
    if bilan is not None and bilan.evm is not None and bilan.evm.eac_typical is not None:
        from toolkit.fmt import fmt_currency

        points.append(tr(lang, "Valider le coût final estimé de {eac_typical} ou décider des économies.", eac_typical=fmt_currency(bilan.evm.eac_typical, lang, decimals=0)))
    points.append(tr(lang, "Retenir les enseignements pour la prochaine mission."))
    return Section(tr(lang, "Décision attendue"),
                   (Decision(tr(lang, "Valider le rapport et ses suites"), points),))


def mission_evidence(r: Any, mission: Any, bilan: Any, lang: str = "fr") -> dict[str, Evidence]:
    """What the report contains for each A.4 criterion (pointers for what only a jury judges)."""
    ev: dict[str, Evidence] = {}
    ev["equipe_competences"] = Evidence("partial", tr(lang, "équipe de {team} personnes, {sum} compétence(s) sans titulaire", team=len(r.team), sum=int(r.skills['gap'].sum()) if len(r.skills) else 0))
    if r.partners:
        ev["partenaires_rse"] = Evidence("partial", tr(lang, "{partners} choix de prestataire notés (qualité, coût, délai, RSE)", partners=len(r.partners)))
    ev["dimensionnement_equipe"] = Evidence("partial", tr(lang, "charge semaine par semaine : {overloads} semaine(s) en surcharge ou dispersion", overloads=len(r.workload.overloads())))
    if mission.method:
        ev["methode_agile"] = Evidence("partial", tr(lang, "méthode décrite (section Organisation)"))
    tools = [*mission.tools, *(t for m in mission.team for t in m.tools)]
    if tools:
        ev["outils_communication"] = Evidence("partial", ", ".join(dict.fromkeys(tools)))
    if any(m.adjustments for m in mission.team):
        ev["handicap"] = Evidence("partial", tr(lang, "aménagements de poste décrits"))
    if len(r.raci):
        ev["roles"] = Evidence("partial", tr(lang, "RACI de {raci} lignes, {raci_problems} problème(s)", raci=len(r.raci), raci_problems=len(r.raci_problems)))
    n = len(r.tasks)
    with_dates = int((r.tasks["start"].notna() & r.tasks["end"].notna()).sum()) if n else 0
    ev["activites_discernement"] = Evidence("partial", tr(lang, "{n} tâches, dont {with_dates} datées", n=n, with_dates=with_dates))
    planning = bool(r.critical_planned) and (len(r.velocity) > 0 or r.tasks_source != "plan.yaml")
    ev["outils_planification"] = (Evidence("met", tr(lang, "tableau de suivi de l'équipe, chemin critique, sprints"))
                                  if planning else Evidence("partial", tr(lang, "planning du plan seul"),
                                                            tr(lang, "Importez le tableau de l'équipe (export Trello, Jira ou tableur) et décrivez les sprints.")))
    if mission.rituals or mission.meetings:
        ev["reunions"] = Evidence("partial", tr(lang, "{rituals} rituels, {meetings} réunions consignées", rituals=len(mission.rituals), meetings=len(mission.meetings)))
    if any(i.client_informed for i in mission.incidents):
        ev["information_commanditaire"] = Evidence("partial", tr(lang, "information du client consignée pour chaque incident"))
    if mission.incidents:
        ev["problemes_aleas"] = Evidence("partial", tr(lang, "{incidents} incident(s) analysé(s)", incidents=len(mission.incidents)))
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
                    subtitle=tr(lang, "Équipe, organisation, mise en œuvre, budget et bilan"),
                    lang=lang, kind="mission", **kw)  # type: ignore[arg-type]
