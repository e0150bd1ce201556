"""The deliverable "Recommandation — plan marketing digital" built from :class:`PlanResults`.

Seven parts, the ones the certification expects: objectives, target, generating concept,
actions (with the argument for each option chosen), planning with its follow-up (Gantt,
milestones, critical path), forecast budget (by action, component, channel, month; sources),
steering and performance-measurement tools (KPI tree, monthly targets, forecast and ROI
ranges with their assumptions, allocation). Annexes: assumptions, benchmarks cited, method,
self-evaluation grid. No computing here: only choices of what to show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plan.benchmarks import benchmark_label
from plan.evidence import carried_by, plan_evidence
from plan.labels import channel_label
from toolkit.costs import COMPONENT_LABELS as _COMPONENTS
from toolkit.costs import SOURCE_LABELS as _SOURCES
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
from toolkit.fmt import Lang, fmt_currency, fmt_date, fmt_integer, fmt_number, fmt_percent
from toolkit.metrics import glossary_section, kpi_label, metric_label

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from plan.results import PlanResults
    from toolkit.case import Case

__all__ = ["build_plan_document"]

_T: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Recommandation — plan marketing digital",
        "context": "Contexte et problématique",
        "objectives": "Objectifs",
        "target": "Cible",
        "concept": "Concept générateur",
        "actions": "Actions",
        "planning": "Planning et suivi",
        "budget": "Budget prévisionnel",
        "steering": "Outils de pilotage et mesure de la performance",
        "annex_assumptions": "Hypothèses de l'entonnoir",
        "annex_bench": "Références de marché citées",
        "annex_method": "Méthode et formules",
        "annex_grid": "Grille d'auto-évaluation",
        "grid": "Grille d'auto-évaluation — plan marketing",
    },
    "en": {
        "title": "Recommendation — digital marketing plan",
        "context": "Context and issue",
        "objectives": "Objectives",
        "target": "Target",
        "concept": "Generating concept",
        "actions": "Actions",
        "planning": "Planning and follow-up",
        "budget": "Forecast budget",
        "steering": "Steering and performance-measurement tools",
        "annex_assumptions": "Funnel assumptions",
        "annex_bench": "Market benchmarks cited",
        "annex_method": "Method and formulas",
        "annex_grid": "Self-evaluation grid",
        "grid": "Self-evaluation grid — marketing plan",
    },
}

_GOALS = {"fr": {"sales": "ventes", "awareness": "notoriété", "launch": "lancement", "loyalty": "fidélisation"},
          "en": {"sales": "sales", "awareness": "awareness", "launch": "launch", "loyalty": "loyalty"}}
_PARAMS = {"fr": {"volume": "volume (contacts, impressions)", "cpm": "CPM (€)", "cpc": "CPC (€)", "ctr": "taux de clic",
                  "conversion_rate": "taux de conversion", "average_order_value": "panier moyen (€ HT)"},
           "en": {"volume": "volume (contacts, impressions)", "cpm": "CPM (€)", "cpc": "CPC (€)", "ctr": "click-through rate",
                  "conversion_rate": "conversion rate", "average_order_value": "average order value (€)"}}


def _natural(aid: str) -> tuple:
    import re

    return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", aid))


_PARAM_KIND = {"volume": "integer", "cpm": "currency2", "cpc": "currency2", "ctr": "percent",
               "conversion_rate": "percent", "average_order_value": "currency2"}


def _param_value(v: float, param: str, lang: Lang) -> str:
    kind = _PARAM_KIND.get(param, "number")
    if kind == "currency2":
        return fmt_currency(v, lang, decimals=2)
    if kind == "percent":
        return fmt_percent(v, lang, 2)
    return _kpi_value(v, kind, lang)


_TYPES = {"fr": {"paid": "médias payants", "owned": "médias propres", "earned": "médias gagnés", "mixed": "mixte"},
          "en": {"paid": "paid media", "owned": "owned media", "earned": "earned media", "mixed": "mixed"}}


def _mix_paragraph(r: PlanResults, lang: Lang) -> list[Paragraph]:
    """The budget mix by media type and by priority, in one sentence."""
    b = r.budget
    if not len(b.by_type):
        return []
    fr = lang == "fr"
    types = ", ".join(f"{_TYPES[lang].get(row.type, row.type)} {fmt_percent(row.share, lang, 0)}" for row in b.by_type.itertuples())
    prio = ", ".join(f"P{row.priority} {fmt_percent(row.share, lang, 0)}"
                     for row in b.by_priority.sort_values("priority").itertuples())
    return [Paragraph(("Répartition du budget : " if fr else "Budget mix: ") + types
                      + (" ; par priorité : " if fr else "; by priority: ") + prio + ".")]


def _cap(a: Any, al: dict, fr: bool) -> str:
    cap = sum(c.max if c.max is not None else 50 * c.half_saturation for c in al["curves"])
    if a.budget >= cap - 1:
        return " (au moins : plafond des canaux atteint)" if fr else " (at least: channel caps reached)"
    return ""


def _month(m: Any, lang: Lang) -> str:
    from toolkit.fmt import month_name

    return f"{month_name(m.month, lang)} {m.year}"


def _none(v: Any) -> Any:
    return None if isinstance(v, float) and v != v else v


def _kpi_value(v: float | None, kind: str, lang: Lang) -> str:
    if v is None:
        return "—"
    if kind == "percent":
        return fmt_percent(v, lang)
    if kind == "currency":
        return fmt_currency(v, lang, decimals=0)
    if kind == "integer":
        return fmt_integer(v, lang)
    return fmt_number(v, lang)


def _context_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """Context: the request, the mission's dates and envelope, key figures, warnings."""
    t = _T[lang]
    fr = lang == "fr"
    p = r.plan
    cfg = case.config
    cur = r.plan.settings.currency
    ctx: list[Any] = []
    if cfg.brief.request:
        ctx.append(Paragraph(cfg.brief.request.strip(), style="quote"))
    facts = []
    if r.mission_start and r.deadline:
        facts.append(("Mission du " if fr else "Mission from ") + fmt_date(r.mission_start, lang, long=True)
                     + (" au " if fr else " to ") + fmt_date(r.deadline, lang, long=True))
    elif r.deadline:
        facts.append(("Échéance de la mission : " if fr else "Mission deadline: ") + fmt_date(r.deadline, lang, long=True))
    if r.budget.envelope is not None:
        facts.append(("enveloppe de " if fr else "envelope of ") + fmt_currency(r.budget.envelope, lang, cur, 0)
                     + (" HT" if fr else " excl. VAT"))
    if facts:
        text = ", ".join(facts) + "."
        ctx.append(Paragraph(text[0].upper() + text[1:]))
    tl = r.totals["likely"]
    kf = [KeyFigure("Budget engagé" if fr else "Committed budget", r.budget.committed, "currency", currency=cur,
                    note=(f"dont réserve {fmt_percent(r.budget.contingency_rate, lang, 0)}" if fr
                          else f"incl. {fmt_percent(r.budget.contingency_rate, lang, 0)} reserve"),
                    status=("bad" if r.budget.over_budget else "good") if r.budget.envelope is not None else None),
          KeyFigure("Actions", len(p.actions), "integer"),
          KeyFigure("Conversions (probable)" if fr else "Conversions (likely)", tl["conversions"], "integer"),
          KeyFigure(metric_label("roas", lang), tl["roas_media"], "number",
                    note="CA prévu ÷ budget média (1re commande)" if fr else "forecast revenue ÷ media budget (first order)"),
          KeyFigure(metric_label("roas_global", lang), tl["roas"], "number",
                    note="CA prévu ÷ coût total (1re commande)" if fr else "forecast revenue ÷ total cost (first order)")]
    if p.settings.clv:
        kf.append(KeyFigure("ROI sur la durée de vie client" if fr else "Lifetime ROI", tl["clv_roi"], "percent",
                            status="good" if tl["clv_roi"] > 0 else "bad"))
    ctx.append(KeyFigures(kf))
    for w in r.warnings:
        ctx.append(Callout("warning", "Point d'attention" if fr else "Warning", w))
    return Section(t["context"], ctx)


def _objectives_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """1. SMART objectives, their rationale, and what the actions forecast against them."""
    t = _T[lang]
    fr = lang == "fr"
    p = r.plan
    rows = []
    for o in p.objectives:
        from plan.model import KPI_KINDS

        kind = KPI_KINDS.get(o.kpi, ("number",))[0]
        rows.append((o.id, o.name, kpi_label(o.kpi, lang), _kpi_value(o.baseline, kind, lang), _kpi_value(o.target, kind, lang),
                     o.deadline, _GOALS[lang][o.business_goal]))
    cols = (("Id", "Objectif", "KPI", "Départ", "Cible", "Échéance", "Enjeu") if fr
            else ("Id", "Objective", "KPI", "Baseline", "Target", "Deadline", "Business goal"))
    obj_blocks: list[Any] = [
        Paragraph("Chaque objectif est SMART : un indicateur, une valeur de départ, une cible chiffrée, une échéance, "
                  "et l'enjeu business qu'il sert." if fr else
                  "Each objective is SMART: one KPI, a baseline, a quantified target, a deadline and the business goal it serves."),
        Table(cols, tuple(rows), ("text",) * 5 + ("date", "text"), caption="Objectifs SMART" if fr else "SMART objectives",
              name="Objectifs" if fr else "Objectives"),
    ]
    rats = [Paragraph(Span(f"{o.id} — ", bold=True), o.rationale) for o in p.objectives if o.rationale]
    if rats:
        obj_blocks.append(BulletList(rats))
    of = r.objective_forecast
    if of is not None and len(of):
        from plan.model import KPI_KINDS as _K

        of_rows = []
        for row in of.itertuples():
            kind = _K.get(row.kpi, ("number",))[0]
            label = {"subscribers": "nouveaux abonnés (actions de l'objectif)" if fr
                     else "new subscribers (the objective's actions)",
                     "new_customers": "nouveaux clients (tout le plan)" if fr else "new customers (whole plan)",
                     "reach": "impressions des actions (≥ couverture)" if fr else "impressions of the actions (≥ reach)",
                     "impressions": "impressions des actions" if fr else "impressions of the actions",
                     }.get(row.kpi, ("actions qui servent l'objectif" if fr else "actions serving the objective"))
            of_rows.append((row.objective_id, kpi_label(row.kpi, lang), label, _kpi_value(row.needed, kind, lang),
                            _kpi_value(row.low, kind, lang), _kpi_value(row.likely, kind, lang),
                            _kpi_value(row.high, kind, lang), row.coverage))
        obj_blocks.append(Table(
            ("Id", "KPI", "Mesuré sur" if fr else "Measured on", "À atteindre" if fr else "Needed",
             "Bas" if fr else "Low", "Probable" if fr else "Likely", "Haut" if fr else "High",
             "Couverture (probable)" if fr else "Coverage (likely)"),
            tuple(of_rows), ("text",) * 7 + ("percent",),
            caption="Ce que prévoient les actions face aux objectifs" if fr else "What the actions forecast against the objectives",
            name="Objectifs vs prévision" if fr else "Objectives vs forecast"))
        short = of[of["coverage"] < 0.9]
        if len(short):
            obj_blocks.append(Callout("warning", "Dimensionnement à revoir" if fr else "Sizing to review", (
                ("Le scénario probable couvre moins de 90 % de : " if fr else "The likely scenario covers less than 90 % of: ")
                + ", ".join(f"{row.objective_id} ({fmt_percent(row.coverage, lang, 0)})" for row in short.itertuples())
                + (" — renforcez les actions, revoyez la cible, ou expliquez ce qui viendra d'ailleurs (boutiques, bouche-à-oreille)."
                   if fr else " — strengthen the actions, revise the target, or explain what will come from elsewhere."))))
    return Section(t["objectives"], obj_blocks)


def _target_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """2. Targets: personas or segments, role, insight, size."""
    t = _T[lang]
    fr = lang == "fr"
    p = r.plan
    persona_names: dict[str, str] = {}
    persona_desc: dict[str, str] = {}
    for ps in r.personas:
        pid = getattr(ps, "id", None) or (ps.get("id") if isinstance(ps, dict) else None)
        name = getattr(ps, "name", None) or (ps.get("name") if isinstance(ps, dict) else None)
        desc = getattr(ps, "description", None) or (ps.get("description") if isinstance(ps, dict) else None)
        if pid:
            persona_names[str(pid)] = str(name or pid)
            persona_desc[str(pid)] = str(desc or "")
    trows = []
    for tg in p.targets:
        who = (f"{tg.persona} — {persona_names.get(tg.persona, 'persona')}" if tg.persona else tg.segment) or ""
        role = ("principale" if tg.role == "primary" else "secondaire") if fr else tg.role
        desc = tg.description or (persona_desc.get(tg.persona, "") if tg.persona else "")
        trows.append((who, role, desc, tg.insight, tg.size))
    tcols = ("Cible", "Rôle", "Description", "Insight", "Taille estimée") if fr else ("Target", "Role", "Description", "Insight", "Estimated size")
    tblocks: list[Any] = ([Table(tcols, tuple(trows), ("text", "text", "text", "text", "integer"),
                                 caption="Cibles du plan" if fr else "Targets of the plan", name="Cibles" if fr else "Targets")]
                          if trows else
                          [Callout("warning", "À compléter" if fr else "To complete",
                                   "Aucune cible n'est décrite : ajoutez des personas (P1, P2 …) ou des segments à la partie targets du plan."
                                   if fr else "No target described: add personas (P1, P2 …) or segments to the plan's targets.")])
    if not r.personas and any(tg.persona for tg in p.targets):
        tblocks.append(Callout("info", "Personas" if fr else "Personas",
                               "Les personas cités viennent du livrable personas (bloc 1) ; construisez-le pour les relier."
                               if fr else "The personas cited come from the personas deliverable (bloc 1); build it to link them."))
    return Section(t["target"], tblocks)


def _concept_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """3. The generating concept and how it carries the client's values and CSR."""
    t = _T[lang]
    fr = lang == "fr"
    p = r.plan
    cfg = case.config
    cblocks: list[Any] = []
    if p.concept:
        c = p.concept
        cblocks.append(Paragraph(Span("Idée forte : " if fr else "Big idea: ", bold=True), Span(c.big_idea, italic=True)))
        cblocks.append(Paragraph(Span("Promesse : " if fr else "Promise: ", bold=True), c.promise))
        if c.tagline:
            cblocks.append(Paragraph(Span("Signature : " if fr else "Tagline: ", bold=True), c.tagline))
        if c.proof_points:
            cblocks.append(Paragraph(Span("Preuves" if fr else "Proof points", bold=True)))
            cblocks.append(BulletList(c.proof_points))
        if c.tone:
            cblocks.append(Paragraph(Span("Ton : " if fr else "Tone: ", bold=True), c.tone))
        link_rows = []
        carried = list(c.rse) + list(c.proof_points) + [c.promise, c.big_idea]
        for v in cfg.client.values:
            link_rows.append(("valeur" if fr else "value", v, ("oui" if fr else "yes") if v in c.values else "—"))
        for commit in cfg.client.rse_commitments:
            hits = carried_by(commit, carried)
            link_rows.append(("engagement RSE" if fr else "CSR commitment", commit, " / ".join(hits[:2]) if hits else "—"))
        if link_rows:
            cblocks.append(Table(("Type", "Valeur / engagement du client" if fr else "Client value / commitment",
                                  "Repris dans le concept" if fr else "Carried by the concept"),
                                 tuple(link_rows), ("text", "text", "text"),
                                 caption="Lien du concept avec les valeurs et la RSE du client" if fr
                                 else "How the concept carries the client's values and CSR",
                                 name="Concept RSE" if fr else "Concept CSR"))
            missing = [row[1] for row in link_rows if row[2] == "—"]
            if missing:
                cblocks.append(Callout("info", "À renforcer" if fr else "To strengthen",
                                       ("Non repris explicitement par le concept : " if fr else "Not explicitly carried by the concept: ")
                                       + " ; ".join(missing)))
        if c.rse:
            cblocks.append(Paragraph(Span("La RSE dans le plan" if fr else "CSR in the plan", bold=True)))
            cblocks.append(BulletList(c.rse))
    else:
        cblocks.append(Callout("warning", "À compléter" if fr else "To complete",
                               "Ajoutez la partie concept (idée forte, promesse, preuves, ton) au plan." if fr
                               else "Add the concept part (big idea, promise, proof points, tone) to the plan."))
    return Section(t["concept"], cblocks)


def _actions_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """4. Actions by priority, why these options, human and technical resources."""
    t = _T[lang]
    fr = lang == "fr"
    p = r.plan
    arows = []
    budget_by = r.budget.by_action.set_index("action_id")["budget"].to_dict()
    for a in sorted(p.actions, key=lambda a: (a.priority, _natural(a.id))):
        arows.append((a.id, a.name, f"{channel_label(a.channel, lang)} · {a.type}", a.priority, ", ".join(a.personas + a.segments),
                      ", ".join(a.objectives), float(budget_by.get(a.id, 0.0))))
    acols = (("Id", "Action", "Canal · type", "Prio.", "Cibles", "Objectifs", "Budget")
             if fr else ("Id", "Action", "Channel · type", "Prio.", "Targets", "Objectives", "Budget"))
    ablocks: list[Any] = [
        Paragraph("Les actions sont classées par priorité (1 = indispensable, 3 = si le budget le permet)." if fr
                  else "Actions are ranked by priority (1 = essential, 3 = if the budget allows)."),
        Table(acols, tuple(arows), ("text", "text", "text", "integer", "text", "text", "currency"),
              caption="Actions du plan" if fr else "Actions of the plan", totals=("Budget",), name="Actions"),
        *_mix_paragraph(r, lang),
        Paragraph(Span("Pourquoi ces choix" if fr else "Why these options", bold=True)),
        BulletList([Paragraph(Span(f"{a.id} {a.name} — ", bold=True), a.rationale) for a in p.actions if a.rationale]),
        Table(("Id", "Responsable" if fr else "Owner", "Compétences" if fr else "Skills", "Plateforme" if fr else "Platform",
               "Campagnes" if fr else "Campaigns"),
              tuple((a.id, a.owner, ", ".join(a.skills), a.platform, ", ".join(a.campaigns)) for a in p.actions),
              ("text",) * 5, caption="Moyens humains et techniques" if fr else "Human and technical resources",
              name="Moyens" if fr else "Resources"),
    ]
    return Section(t["actions"], ablocks)


def _planning_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """5. Planning: Gantt, schedule and float (critical path), milestones, checks."""
    t = _T[lang]
    fr = lang == "fr"
    p = r.plan
    pblocks: list[Any] = []
    if figures:
        from plan.charts import gantt_chart

        pblocks.append(Figure.from_matplotlib(
            gantt_chart(r, lang), "Diagramme de Gantt des actions" if fr else "Gantt chart of the actions",
            alt=(f"Gantt de {len(p.actions)} actions du {fmt_date(min(d.start for d in r.dates.values()), lang)} au "
                 f"{fmt_date(max(d.end for d in r.dates.values()), lang)} ; chemin critique : {' → '.join(r.critical_chain)}"
                 if fr else f"Gantt of {len(p.actions)} actions; critical path: {' → '.join(r.critical_chain)}"),
            name="gantt"))
    drows = [(a.id, a.name, r.dates[a.id].start, r.dates[a.id].end, r.dates[a.id].days, ", ".join(a.depends_on),
              int(r.cpm.set_index("action_id").loc[a.id, "float_days"])) for a in p.actions]
    pblocks.append(Table(("Id", "Action", "Début" if fr else "Start", "Fin" if fr else "End", "Jours" if fr else "Days",
                          "Dépend de" if fr else "Depends on", "Marge (j)" if fr else "Float (d)"),
                         tuple(drows), ("text", "text", "date", "date", "integer", "text", "integer"),
                         caption="Calendrier et marges (méthode du chemin critique)" if fr else "Schedule and float (critical path method)",
                         name="Calendrier" if fr else "Schedule"))
    pblocks.append(Paragraph(Span("Chemin critique : " if fr else "Critical path: ", bold=True), " → ".join(r.critical_chain) or "—"))
    zero = [str(x) for x in r.cpm.loc[r.cpm["critical"], "action_id"]]
    pblocks.append(Paragraph(Span("Actions sans marge (tout retard décale la fin du plan) : " if fr
                                  else "Actions with zero float (any delay moves the end of the plan): ", bold=True),
                             ", ".join(zero) or "—"))
    pblocks.append(Table(("Date", "Jalon" if fr else "Milestone", "Type"),
                         tuple((d, n, k if fr else {"jalon": "milestone", "objectif": "objective"}[k]) for d, n, k in r.milestones),
                         ("date", "text", "text"), caption="Jalons" if fr else "Milestones", name="Jalons" if fr else "Milestones"))
    if r.schedule_issues:
        pblocks.append(Callout("danger" if any(i.severity == "error" for i in r.schedule_issues) else "warning",
                               "Calendrier à corriger" if fr else "Schedule to fix",
                               [f"{i.action} : {i.message}" for i in r.schedule_issues]))
    else:
        pblocks.append(Callout("success", "Calendrier cohérent" if fr else "Consistent schedule",
                               "Dates, dépendances et échéance de la mission vérifiées." if fr
                               else "Dates, dependencies and the mission deadline checked."))
    return Section(t["planning"], pblocks)


def _budget_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """6. Forecast budget: key figures, charts, by channel / component / month, cost detail."""
    t = _T[lang]
    fr = lang == "fr"
    cur = r.plan.settings.currency
    b = r.budget
    bblocks: list[Any] = [KeyFigures([
        KeyFigure("Coûts des actions" if fr else "Cost of actions", b.total, "currency", currency=cur),
        KeyFigure("Réserve pour aléas" if fr else "Contingency", b.contingency, "currency", currency=cur,
                  note=fmt_percent(b.contingency_rate, lang, 0)),
        KeyFigure("Total engagé" if fr else "Committed", b.committed, "currency", currency=cur),
        KeyFigure("Enveloppe" if fr else "Envelope", b.envelope, "currency", currency=cur,
                  note=(f"reste {fmt_currency(b.remaining, lang, cur, 0)}" if fr else f"left {fmt_currency(b.remaining, lang, cur, 0)}")
                  if b.remaining is not None else "", status="bad" if b.over_budget else "good"),
    ])]
    if not len(r.cost_lines):
        bblocks.append(Callout("warning", "À compléter" if fr else "To complete",
                               "Aucune ligne de coût : ajoutez les coûts des actions (quantité × coût unitaire, source du prix)."
                               if fr else "No cost line: add the actions' costs (quantity × unit cost, price source)."))
    if figures and len(r.cost_lines):
        from plan.charts import budget_by_channel_chart, budget_by_month_chart

        top = b.by_channel.iloc[0] if len(b.by_channel) else None
        bblocks.append(Figure.from_matplotlib(
            budget_by_channel_chart(r, lang), "Budget par canal" if fr else "Budget by channel",
            alt=(f"Le canal {channel_label(top['channel'], lang)} reçoit la plus grande part du budget ({fmt_percent(top['share'], lang, 0)})" if fr and top is not None
                 else f"Channel {channel_label(top['channel'], lang)} gets the largest share ({fmt_percent(top['share'], lang, 0)})" if top is not None else "—"),
            name="budget-canal"))
        bblocks.append(Figure.from_matplotlib(
            budget_by_month_chart(r, lang), "Budget par mois et cumul face à l'enveloppe" if fr else "Budget by month and cumulative vs envelope",
            alt=(f"Dépenses mensuelles par canal ; le cumul atteint {fmt_currency(b.total, lang, cur, 0)} pour une enveloppe de {fmt_currency(b.envelope, lang, cur, 0)}"
                 if fr else f"Monthly spend by channel; the cumulative reaches {fmt_currency(b.total, lang, cur, 0)} for an envelope of {fmt_currency(b.envelope, lang, cur, 0)}"),
            name="budget-mois"))
    bc = b.by_channel
    bblocks.append(Table(("Canal" if fr else "Channel", "Budget", "Part" if fr else "Share"),
                         tuple((channel_label(row.channel, lang), row.budget, row.share) for row in bc.itertuples()),
                         ("text", "currency", "percent"), caption="Budget par canal" if fr else "Budget by channel",
                         totals=("Budget", "Part" if fr else "Share"), name="Par canal" if fr else "By channel"))
    comp = b.by_component
    bblocks.append(Table(("Composante" if fr else "Component", "Budget", "Part" if fr else "Share"),
                         tuple((_COMPONENTS[lang].get(row.component, row.component), row.budget, row.share) for row in comp.itertuples()),
                         ("text", "currency", "percent"), caption="Budget par composante" if fr else "Budget by component",
                         totals=("Budget", "Part" if fr else "Share"), name="Par composante" if fr else "By component"))
    bm = b.by_month
    bblocks.append(Table(("Mois" if fr else "Month", "Budget", "Cumul" if fr else "Cumulative"),
                         tuple((_month(m, lang), float(row["total"]), float(row["cumulative"])) for m, row in bm.iterrows()),
                         ("text", "currency", "currency"), caption="Échéancier mensuel" if fr else "Monthly schedule",
                         totals=("Budget",), name="Par mois" if fr else "By month"))
    cl = r.cost_lines
    bblocks.append(Table(
        ("Action", "Composante" if fr else "Component", "Poste" if fr else "Item", "Qté" if fr else "Qty", "Unité" if fr else "Unit",
         "Coût unitaire" if fr else "Unit cost", "Montant" if fr else "Amount", "Source", "Référence" if fr else "Reference"),
        tuple((row.action_id, _COMPONENTS[lang].get(row.component, row.component), row.label, row.quantity, row.unit,
               row.unit_cost, row.amount, _SOURCES[lang].get(row.source, row.source), row.reference) for row in cl.itertuples()),
        ("text", "text", "text", "number", "text", "currency", "currency", "text", "text"),
        caption="Détail des coûts (quantité × coût unitaire) et source de chaque prix" if fr
        else "Cost detail (quantity × unit cost) and source of each price",
        totals=("Montant" if fr else "Amount",), name="Coûts" if fr else "Costs"))
    src = b.by_source
    bblocks.append(Paragraph(("Origine des prix : " if fr else "Where prices come from: ") + " ; ".join(
        f"{_SOURCES[lang].get(row.source, row.source)} {fmt_percent(row.share, lang, 0)}" for row in src.itertuples()) + "."))
    bblocks.append(Paragraph("Le classeur « budget-previsionnel.xlsx » reprend ce budget avec des formules vivantes "
                             "(quantité × coût unitaire, sommes, réserve, écart à l'enveloppe) à faire évoluer avec le client."
                             if fr else "The workbook “budget-previsionnel.xlsx” holds this budget with live formulas "
                             "(quantity × unit cost, sums, reserve, gap to the envelope) to keep editing with the client."))
    notes_budget = (f"Budget : {fmt_currency(b.total, lang, cur, 0)} d'actions + réserve de {fmt_percent(b.contingency_rate, lang, 0)} = "
                    f"{fmt_currency(b.committed, lang, cur, 0)} pour {fmt_currency(b.envelope, lang, cur, 0)} d'enveloppe. "
                    f"Premier poste : {b.by_channel.iloc[0]['channel']} ({fmt_percent(b.by_channel.iloc[0]['share'], lang, 0)})."
                    if fr and len(b.by_channel) else "")
    return Section(t["budget"], bblocks, notes=notes_budget)


def _kpi_tree_blocks(r: PlanResults, lang: Lang) -> list[Any]:
    """The KPI tree (objective → KPI → actions) and the monthly targets."""
    fr = lang == "fr"
    p = r.plan
    sblocks: list[Any] = []
    tree_rows = []
    from plan.model import KPI_KINDS

    for o in p.objectives:
        served = [a.id for a in p.actions if o.id in a.objectives]
        kind = KPI_KINDS.get(o.kpi, ("number",))[0]
        tree_rows.append((f"{o.id} {o.name}", kpi_label(o.kpi, lang), _kpi_value(o.target, kind, lang), ", ".join(served)))
        for ind in o.indicators:
            k2 = KPI_KINDS.get(ind.kpi, ("number",))[0]
            tree_rows.append(("", kpi_label(ind.kpi, lang) + (f" ({ind.channel})" if ind.channel else ""), _kpi_value(ind.target, k2, lang), ""))
    sblocks.append(Table(("Objectif" if fr else "Objective", "KPI", "Cible" if fr else "Target", "Actions"),
                         tuple(tree_rows), ("text",) * 4, caption="Arbre des KPI : objectif → KPI → actions" if fr
                         else "KPI tree: objective → KPI → actions", name="Arbre KPI" if fr else "KPI tree"))
    main = r.kpis[r.kpis.apply(lambda row: any(row["kpi"] == o.kpi and row["objective_id"] == o.id for o in p.objectives), axis=1)]
    if len(main):
        piv = main.pivot_table(index="month", columns="objective_id", values="target", aggfunc="first").sort_index()
        kinds_by_obj = {o.id: KPI_KINDS.get(o.kpi, ("number",))[0] for o in p.objectives}
        rows_m = []
        for m, row in piv.iterrows():
            rows_m.append((_month(m, lang),) + tuple(_kpi_value(row[c], kinds_by_obj.get(c, "number"), lang) if row[c] == row[c] else "—"
                                              for c in piv.columns))
        sblocks.append(Table(("Mois" if fr else "Month",) + tuple(f"{c} ({kpi_label(next(o.kpi for o in p.objectives if o.id == c), lang)})" for c in piv.columns),
                             tuple(rows_m), ("text",) * (1 + len(piv.columns)),
                             caption="Cibles mensuelles (niveau à atteindre en fin de mois, ou montant du mois)" if fr
                             else "Monthly targets (level to reach at month end, or the month's amount)",
                             name="Cibles mensuelles" if fr else "Monthly targets"))
    return sblocks


def _forecast_blocks(r: PlanResults, lang: Lang) -> list[Any]:
    """Forecast by action, the three scenarios, the break-even ROAS."""
    fr = lang == "fr"
    p = r.plan
    sblocks: list[Any] = []
    fl = r.forecast["likely"]
    frows = tuple(tuple(_none(v) for v in (row.action_id, row.cost, row.impressions, row.clicks, row.conversions,
                                           row.revenue, row.roas_media if row.revenue == row.revenue else None,
                                           row.roas if row.revenue == row.revenue else None,
                                           row.roi, row.cpa))
                  for row in fl.itertuples())
    sblocks.append(Table(("Action", "Coût" if fr else "Cost", "Impressions", "Clics" if fr else "Clicks", "Conversions",
                          "CA" if fr else "Revenue", metric_label("roas", lang), metric_label("roas_global", lang),
                          "ROI (marge)" if fr else "ROI (margin)", metric_label("cpa_global", lang)),
                         frows, ("text", "currency", "integer", "integer", "integer", "currency", "number", "number", "percent",
                                 "currency"),
                         caption="Prévision par action (scénario probable)" if fr else "Forecast by action (likely scenario)",
                         # every additive column is totalled; the ratios are not sums
                         totals=("Coût" if fr else "Cost", "Impressions", "Clics" if fr else "Clicks", "Conversions",
                                 "CA" if fr else "Revenue"), name="Prévision" if fr else "Forecast"))
    srows = []
    for scen, label in (("low", "bas" if fr else "low"), ("likely", "probable" if fr else "likely"), ("high", "haut" if fr else "high")):
        tt = r.totals[scen]
        srows.append((label, tt["conversions"], tt["revenue"], tt["roas_media"], tt["roas"], tt["roi"], tt["roi_on_revenue"],
                      tt["cpa"], tt["cac"],
                      tt["clv_roi"] if p.settings.clv else None, tt["payback_months"] if p.settings.monthly_revenue_per_customer else None))
    sblocks.append(Table(("Scénario" if fr else "Scenario", "Conversions", "CA" if fr else "Revenue", metric_label("roas", lang),
                          metric_label("roas_global", lang),
                          "ROI sur marge brute" if fr else "ROI on gross margin", "ROI sur CA (indicatif)" if fr else "ROI on revenue (indicative)",
                          metric_label("cpa_global", lang), "CAC", "ROI durée de vie (CLV)" if fr else "Lifetime ROI (CLV)",
                          "Retour sur CAC (mois)" if fr else "Payback (months)"),
                         tuple(tuple(_none(v) for v in row) for row in srows), ("text", "integer", "currency", "number", "number", "percent",
                                                                                "percent", "currency", "currency", "percent", "number"),
                         caption="Rentabilité du plan selon les hypothèses basses, probables et hautes" if fr
                         else "Plan profitability under low, likely and high assumptions", name="Scénarios" if fr else "Scenarios"))
    be = 1 / p.settings.gross_margin_rate
    sblocks.append(Paragraph(
        (f"Avec une marge brute de {fmt_percent(p.settings.gross_margin_rate, lang, 0)}, le ROAS de rentabilité est de "
         f"{fmt_number(be, lang)} (1 / marge) : en dessous, la première commande ne rembourse pas l'action. "
         f"Le CPC maximal rentable d'une action est panier moyen × taux de conversion × marge.")
        if fr else
        (f"With a {fmt_percent(p.settings.gross_margin_rate, lang, 0)} gross margin, break-even ROAS is {fmt_number(be, lang)} "
         f"(1 / margin). The maximum profitable CPC of an action is AOV × conversion rate × margin.")))
    return sblocks


def _montecarlo_blocks(r: PlanResults, lang: Lang, figures: bool) -> list[Any]:
    """Monte Carlo ranges (P10 / P50 / P90), the risk of loss, the ROAS distribution."""
    fr = lang == "fr"
    p = r.plan
    cur = r.plan.settings.currency
    mc = r.montecarlo
    be = 1 / r.plan.settings.gross_margin_rate
    if mc is None:
        return []
    sblocks: list[Any] = []
    s = mc.summary.set_index("metric")
    # one row per percentile, one column per metric: every figure is a number cell of its own
    # kind (the workbook got pre-formatted strings such as '-16,0 % before)
    metrics_mc = [("revenue", "CA" if fr else "Revenue", "currency"), ("roas", metric_label("roas_global", lang), "number"),
                  ("roi", "ROI sur marge brute" if fr else "ROI on gross margin", "percent")]
    if "clv_roi" in s.index:
        metrics_mc.append(("clv_roi", "ROI durée de vie (CLV)" if fr else "Lifetime ROI (CLV)", "percent"))
    mc_rows = tuple((q.upper(), *(_none(float(s.loc[m, q])) for m, _l, _k in metrics_mc)) for q in ("p10", "p50", "p90"))
    sblocks.append(Table(("Centile" if fr else "Percentile", *(lbl for _m, lbl, _k in metrics_mc)), mc_rows,
                         ("text", *(k for _m, _l, k in metrics_mc)),  # type: ignore[arg-type]
                         decimals=(None, 0, None, None, *([None] if len(metrics_mc) > 3 else [])),
                         caption=(f"Fourchettes de résultat (Monte Carlo, {fmt_integer(mc.draws, lang)} tirages, loi {mc.distribution.upper()}, graine {mc.seed})"
                                  if fr else f"Outcome ranges (Monte Carlo, {fmt_integer(mc.draws, lang)} draws, {mc.distribution.upper()} law, seed {mc.seed})"),
                         name="Monte Carlo"))
    loss_txt = (f"Probabilité que la marge des premières commandes ne couvre pas les coûts : {fmt_percent(mc.prob_loss, lang, 0)}." if fr
                else f"Probability that first-order margin does not cover the costs: {fmt_percent(mc.prob_loss, lang, 0)}.")
    if mc.prob_loss_clv is not None:
        loss_txt += (f" Sur la durée de vie des clients (CLV {fmt_currency(p.settings.clv, lang, cur, 0)}), probabilité de perte : "
                     f"{fmt_percent(mc.prob_loss_clv, lang, 0)}." if fr else
                     f" Over the customers' lifetime (CLV {fmt_currency(p.settings.clv, lang, cur, 0)}), probability of loss: "
                     f"{fmt_percent(mc.prob_loss_clv, lang, 0)}.")
    sblocks.append(Callout("warning" if (mc.prob_loss_clv if mc.prob_loss_clv is not None else mc.prob_loss) > 0.2 else "info",
                           "Risque" if fr else "Risk", loss_txt))
    if figures and mc.total_cost > 0:
        from plan.charts import outcome_range_chart

        sblocks.append(Figure.from_matplotlib(
            outcome_range_chart(r, lang), "Distribution du ROAS du plan" if fr else "Distribution of the plan's ROAS",
            alt=(f"ROAS du plan entre {fmt_number(s.loc['roas', 'p10'], lang)} (P10) et {fmt_number(s.loc['roas', 'p90'], lang)} (P90), "
                 f"seuil de rentabilité {fmt_number(be, lang)}" if fr else
                 f"Plan ROAS between {fmt_number(s.loc['roas', 'p10'], lang)} (P10) and {fmt_number(s.loc['roas', 'p90'], lang)} (P90), break-even {fmt_number(be, lang)}"),
            name="roas-monte-carlo"))
    return sblocks


def _allocation_section(r: PlanResults, lang: Lang, figures: bool) -> Section | None:
    """Planned against optimal split of the budget (diminishing-returns curves); None without curves."""
    fr = lang == "fr"
    cur = r.plan.settings.currency
    al = r.allocation
    if not al.get("curves"):
        return None
    value_note = ((" Valeur d'une conversion : CA sur la durée de vie du client (CLV), pas la seule première commande." if fr
                   else " Value of a conversion: customer lifetime revenue (CLV), not the first order only.")
                  if al.get("value") == "clv" else "")
    ablk: list[Any] = [Paragraph(
        "Chaque canal suit une courbe à rendements décroissants (Hill / Michaelis-Menten), calée sur la prévision probable ; "
        "la dépense de demi-saturation est une hypothèse. L'allocation optimale égalise le rendement marginal des canaux." + value_note
        if fr else "Each channel follows a diminishing-returns curve (Hill / Michaelis-Menten) calibrated on the likely forecast; "
        "the half-saturation spend is an assumption. The optimal split equalises the channels' marginal return." + value_note)]
    rows_al = []
    opt = al.get("optimal")
    for i, c in enumerate(al["curves"]):
        rows_al.append((c.name, al["planned"][c.name], c.half_saturation, opt.spend[i] if opt else None,
                        al["planned_revenue"][c.name], opt.revenue[i] if opt else None))
    ablk.append(Table(("Canal" if fr else "Channel", "Prévu" if fr else "Planned", "Demi-saturation" if fr else "Half-saturation",
                       "Optimal", "Valeur prévue" if fr else "Planned value", "Valeur optimale" if fr else "Optimal value"),
                      tuple(rows_al), ("text", "currency", "currency", "currency", "currency", "currency"),
                      caption="Répartition prévue et répartition optimale du même budget" if fr else "Planned and optimal split of the same budget",
                      totals=("Prévu" if fr else "Planned", "Optimal", "Valeur prévue" if fr else "Planned value", "Valeur optimale" if fr else "Optimal value"),
                      name="Allocation"))
    extra = []
    ft = al.get("for_target")
    if al.get("target_roas"):
        extra.append((f"Budget max. pour un ROAS ≥ {fmt_number(al['target_roas'], lang)}" if fr else f"Max budget for ROAS ≥ {fmt_number(al['target_roas'], lang)}")
                     + " : " + (fmt_currency(ft.budget, lang, cur, 0) + _cap(ft, al, fr) if ft else ("cible inatteignable" if fr else "unreachable")))
    fb = al.get("for_break_even")
    extra.append((f"Budget max. au seuil de rentabilité (ROAS {fmt_number(al['break_even_roas'], lang)})" if fr
                  else f"Max budget at break-even (ROAS {fmt_number(al['break_even_roas'], lang)})")
                 + " : " + (fmt_currency(fb.budget, lang, cur, 0) + _cap(fb, al, fr) if fb else ("inatteignable" if fr else "unreachable")))
    pm = al.get("profit_max")
    if pm:
        extra.append(("Budget où le ROAS marginal tombe au seuil de rentabilité : " if fr else "Budget where marginal ROAS falls to break-even: ")
                     + fmt_currency(pm.budget, lang, cur, 0))
    ablk.append(BulletList(extra))
    if figures and opt:
        from plan.charts import allocation_chart

        ablk.append(Figure.from_matplotlib(allocation_chart(r, lang), "Répartition prévue et optimale" if fr else "Planned vs optimal split",
                                           alt=("Comparaison par canal du budget prévu et de l'allocation optimale" if fr
                                                else "Planned budget and optimal allocation by channel"), name="allocation"))
    return Section("Allocation du budget" if fr else "Budget allocation", ablk)


def _steering_notes(r: PlanResults, lang: Lang) -> str:
    """Speaker notes of the steering section."""
    fr = lang == "fr"
    mc = r.montecarlo
    notes_steer = ""
    if mc is not None and fr:
        sm = mc.summary.set_index("metric")
        notes_steer = (f"À dire : le ROAS de la première commande reste entre {fmt_number(sm.loc['roas', 'p10'], lang)} et "
                       f"{fmt_number(sm.loc['roas', 'p90'], lang)} (P10–P90) ; c'est la valeur sur la durée de vie qui rend le plan rentable."
                       if "clv_roi" in sm.index else
                       f"À dire : ROAS entre {fmt_number(sm.loc['roas', 'p10'], lang)} et {fmt_number(sm.loc['roas', 'p90'], lang)} (P10–P90).")
    return notes_steer


def _steering_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """7. Steering and performance measurement: KPI tree, rituals, forecast, ranges, allocation."""
    t = _T[lang]
    fr = lang == "fr"
    p = r.plan
    sblocks: list[Any] = _kpi_tree_blocks(r, lang)
    if p.steering:
        sblocks.append(Paragraph(Span("Rituels et outils de pilotage" if fr else "Steering rituals and tools", bold=True)))
        sblocks.append(BulletList(p.steering))
    sblocks += _forecast_blocks(r, lang)
    sblocks += _montecarlo_blocks(r, lang, figures)
    allocation = _allocation_section(r, lang, figures)
    if allocation is not None:
        sblocks.append(allocation)
    risks = _risks_section(r, lang)
    if risks is not None:
        sblocks.append(risks)
    return Section(t["steering"], sblocks, notes=_steering_notes(r, lang))


_LEVELS = {"faible": ("faible", "low"), "low": ("faible", "low"), "moyenne": ("moyenne", "medium"),
           "moyen": ("moyen", "medium"), "medium": ("moyen", "medium"), "forte": ("forte", "high"),
           "fort": ("fort", "high"), "high": ("fort", "high")}


def _risks_section(r: PlanResults, lang: Lang) -> Section | None:
    """The risk register (plan.yaml ``risks:``): what secures the plan, followed in the mission report."""
    risks = r.plan.risks
    if not risks:
        return None
    fr = lang == "fr"
    k = 0 if fr else 1
    ordered = sorted(risks, key=lambda x: -x.score)
    cause = " (cause : {})" if fr else " (cause: {})"
    rows = tuple((f"{x.id} — {x.description}" + (cause.format(x.cause) if x.cause else ""),
                  f"{_LEVELS[x.probability][k]} / {_LEVELS[x.impact][k]}", x.score,
                  x.mitigation, x.owner) for x in ordered)
    intro = Paragraph("Score = probabilité × impact, chacun noté de 1 (faible) à 3 (fort) : de 1 à 9. Les "
                      "risques sont suivis dans le rapport de mission (survenus, clos, ouverts)." if fr else
                      "Score = probability × impact, each rated 1 (low) to 3 (high): 1 to 9. The risks are "
                      "followed in the mission report (occurred, closed, open).")
    return Section("Registre des risques" if fr else "Risk register", [intro, Table(
        ("Risque" if fr else "Risk", "Probabilité / impact" if fr else "Probability / impact", "Score",
         "Parade" if fr else "Mitigation", "Responsable" if fr else "Owner"),
        rows, ("text", "text", "integer", "text", "text"),
        caption="Registre des risques et parades" if fr else "Risk register and mitigations")])


def _decision_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """What the client is asked to validate: the deck's closing slide."""
    fr = lang == "fr"
    p = r.plan
    cur = p.settings.currency
    low = [a.id for a in p.actions if a.priority == 3]
    points = [("Valider le budget de " if fr else "Approve the budget of ")
              + fmt_currency(r.budget.committed, lang, cur, 0) + (" HT" if fr else " excl. VAT")
              + (f" pour {len(p.actions)} actions" if fr else f" for {len(p.actions)} actions")
              + ((" (enveloppe : " if fr else " (envelope: ") + fmt_currency(r.budget.envelope, lang, cur, 0) + ")"
                 if r.budget.envelope is not None else "") + "."]
    if r.mission_start and r.deadline:
        points.append(("Valider le calendrier : du " if fr else "Approve the schedule: from ")
                      + fmt_date(r.mission_start, lang, long=True) + (" au " if fr else " to ")
                      + fmt_date(r.deadline, lang, long=True) + ".")
    if low:
        points.append(f"Arbitrer les actions de priorité 3 ({', '.join(low)}) si le budget doit baisser."
                      if fr else f"Decide on the priority-3 actions ({', '.join(low)}) if the budget must shrink.")
    points.append("Nommer la personne qui suit les KPI chaque semaine." if fr
                  else "Name the person who follows the KPIs every week.")
    title = "Valider le plan et lancer les actions" if fr else "Approve the plan and launch the actions"
    return Section("Décision attendue" if fr else "Decision expected", [Decision(title, points)])


def _text(x: Any) -> str:
    """A cell of an optional text column ('' for NaN or None)."""
    return x if isinstance(x, str) else ""


def _assumptions_annex(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """Annex: the funnel assumptions of each action, low / likely / high, with their source."""
    t = _T[lang]
    fr = lang == "fr"
    p = r.plan
    arows2 = []
    bu = r.benchmarks_used
    seg_of = {i: _text(g) for i, g in zip(bu["id"], bu["segment"], strict=True)} if len(bu) and "segment" in bu else {}
    for a in p.actions:
        for name, res in r.ranges.get(a.id, {}).items():
            arows2.append((a.id, _PARAMS[lang].get(name, name), _param_value(res.low, name, lang),
                           _param_value(res.likely, name, lang), _param_value(res.high, name, lang),
                           (f"[{benchmark_label(res.benchmark, lang, seg_of.get(res.benchmark, ''))}] "
                            if res.benchmark else "") + res.source))
    return Section(t["annex_assumptions"], [
        Paragraph("Chaque hypothèse est une fourchette basse / probable / haute. Les montants issus de références en dollars sont "
                  f"convertis en euros ({p.settings.exchange_rate_source or 'taux indiqué dans le plan'})." if fr else
                  "Each assumption is a low / likely / high range. Dollar benchmarks are converted to euros "
                  f"({p.settings.exchange_rate_source or 'rate given in the plan'})."),
        Table(("Action", "Paramètre" if fr else "Parameter", "Bas" if fr else "Low", "Probable" if fr else "Likely",
               "Haut" if fr else "High", "Source"), tuple(arows2), ("text",) * 6,
              caption="Hypothèses de l'entonnoir par action" if fr else "Funnel assumptions by action",
              name="Hypothèses" if fr else "Assumptions")], appendix=True, slide=False)


def _benchmarks_annex(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """Annex: the market benchmarks used, with their source and date."""
    t = _T[lang]
    fr = lang == "fr"
    bu = r.benchmarks_used
    bench_blocks: list[Any] = []
    if len(bu):
        def _vals(row: Any) -> str:
            if str(row.unit).strip() == "rate":
                return " / ".join(fmt_percent(v, lang, 2) for v in (row.low, row.mid, row.high))
            nums = [fmt_number(v, lang, 2) for v in (row.low, row.mid, row.high)]
            return " / ".join(nums) + (f" {row.currency}" if str(row.currency).strip() else "")

        bench_blocks.append(Table(("Référence" if fr else "Benchmark", "Bas / médian / haut" if fr else "Low / mid / high", "Zone" if fr else "Geography",
                                   "Période" if fr else "Period", "Source", "URL", "Consulté le" if fr else "Retrieved"),
                                  tuple((benchmark_label(row.id, lang, _text(getattr(row, "segment", ""))), _vals(row), row.geography, row.period, row.source, row.url, row.retrieved)
                                        for row in bu.itertuples()),
                                  ("text",) * 7,
                                  caption="Références de marché utilisées" if fr else "Market benchmarks used",
                                  name="Références" if fr else "Benchmarks"))
        if any(str(g).upper() == "US" for g in bu["geography"]):
            bench_blocks.append(Callout("warning", "Références américaines" if fr else "US benchmarks",
                                        "Certaines références portent sur des comptes américains : elles servent d'ordre de grandeur, "
                                        "pas de norme française. Remplacez-les par vos propres historiques dès que possible." if fr else
                                        "Some benchmarks come from US accounts: they give an order of magnitude, not a French norm."))
    else:
        bench_blocks.append(Paragraph("Aucune référence de marché n'est utilisée : toutes les hypothèses sont explicites." if fr
                                      else "No market benchmark is used: every assumption is explicit."))
    return Section(t["annex_bench"], bench_blocks, appendix=True)


def _method_annex(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """Annex: the method and formulas."""
    t = _T[lang]
    fr = lang == "fr"
    return Section(t["annex_method"], [BulletList([
        "Budget : coût = quantité × coût unitaire ; chaque ligne a son étalement (au prorata des jours, mensuel, facture unique à une date, ou montants par mois) — le budget à date du pilotage le suit ; réserve pour aléas = total × taux." if fr
        else "Budget: cost = quantity × unit cost; each line has its phasing (pro rata of days, monthly, one-off at a date, or per-month amounts) — the pilotage budget to date follows it; contingency = total × rate.",
        "Entonnoir : impressions = budget média / CPM × 1 000 (ou clics = budget média / CPC) ; clics = impressions × CTR ; conversions = clics × taux de conversion ; CA = conversions × panier moyen." if fr
        else "Funnel: impressions = media / CPM × 1,000 (or clicks = media / CPC); clicks = impressions × CTR; conversions = clicks × CR; revenue = conversions × AOV.",
        "ROAS média (CA ÷ budget média, définition des régies, celle que mesure le tableau de bord) et ROAS global (CA ÷ coût total) : définitions dans le glossaire ci-après ; ROI = (CA × marge brute − coût) / coût ; ROAS de rentabilité = 1 / marge ; CPC max = panier × taux de conversion × marge ; retour sur CAC = CAC / (CA mensuel par client × marge) (Farris et al., Marketing Metrics, 2010)." if fr
        else "Media ROAS (revenue ÷ media budget, the platforms' definition, the one the dashboard measures) and overall ROAS (revenue ÷ total cost): definitions in the glossary below; ROI = (revenue × gross margin − cost) / cost; break-even ROAS = 1 / margin; max CPC = AOV × CR × margin; payback = CAC / (monthly revenue per customer × margin) (Farris et al., Marketing Metrics, 2010).",
        "Incertitude : Monte Carlo sur les fourchettes (loi PERT : moyenne (a + 4m + b) / 6, PMBOK), P10 / P50 / P90 et probabilité de perte." if fr
        else "Uncertainty: Monte Carlo over the ranges (PERT law: mean (a + 4m + b) / 6, PMBOK), P10 / P50 / P90 and probability of loss.",
        "Calendrier : méthode du chemin critique (marges totales, PMBOK)." if fr else "Schedule: critical path method (total float, PMBOK).",
        "Allocation : courbes de Hill, égalisation des rendements marginaux (multiplicateur de Lagrange, recherche par dichotomie)." if fr
        else "Allocation: Hill curves, equal marginal returns (Lagrange multiplier found by bisection).",
    ])], appendix=True, slide=False)


#: Metrics the plan shows (its glossary annex).
PLAN_METRICS = ("impressions", "clicks", "ctr", "cpc", "cpm", "conversions", "conversion_rate", "roas", "roas_global",
                "cpa", "cpa_global", "cac", "roi", "break_even_roas")


def _glossary_annex(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """Annex: the metrics glossary (same definitions as the dashboard and the bilan)."""
    from toolkit.metrics import metrics

    kpis = [k for o in r.plan.objectives for k in (o.kpi, *(i.kpi for i in o.indicators)) if k in metrics()]
    ids = list(dict.fromkeys([*PLAN_METRICS, *kpis]))
    sec = glossary_section(ids, lang)
    return Section(sec.title, sec.blocks, appendix=True, slide=False)


def _grid_annex(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """Annex: the self-evaluation grid of the plan production."""
    t = _T[lang]
    from toolkit.grid import grid_checklist

    checklist = grid_checklist("plan", plan_evidence(r, case.config.client, lang), lang)
    return Section(t["annex_grid"], [checklist], appendix=True, slide=False)


#: The recommendation's sections in order: each builder takes (case, results, lang, figures).
SECTIONS: tuple[Callable[[Case, PlanResults, Lang, bool], Section], ...] = (
    _context_section, _objectives_section, _target_section, _concept_section, _actions_section,
    _planning_section, _budget_section, _steering_section, _decision_section,
    _assumptions_annex, _benchmarks_annex, _method_annex, _glossary_annex, _grid_annex,
)


def build_plan_document(case: Case, r: PlanResults, lang: Lang = "fr", figures: bool = True) -> Document:
    """The recommendation as a :class:`Document` (French by default): one builder per section."""
    t = _T[lang]
    cfg = case.config
    sections = [build(case, r, lang, figures) for build in SECTIONS]
    return Document(title=t["title"], subtitle=r.plan.title, client=cfg.client.name, author=cfg.output.author,
                    lang=lang, kind="plan", sections=tuple(sections))
