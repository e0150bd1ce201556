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
from toolkit.i18n import per_lang, tr
from toolkit.metrics import glossary_section, kpi_label, metric_label

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from plan.results import PlanResults
    from toolkit.case import Case

__all__ = ["build_plan_document"]

_T: dict[str, dict[str, str]] = per_lang({
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
    })

_GOALS = per_lang({"sales": "ventes", "awareness": "notoriété", "launch": "lancement", "loyalty": "fidélisation"})
_PARAMS = per_lang({"volume": "volume (contacts, impressions)", "cpm": "CPM (€)", "cpc": "CPC (€)", "ctr": "taux de clic",
                  "conversion_rate": "taux de conversion", "average_order_value": "panier moyen (€ HT)"})


#: The kinds of the plan's milestones (written in French by plan.results).
_MILESTONE_KINDS = per_lang({"jalon": "jalon", "objectif": "objectif"}, context="milestone kind")

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


_TYPES = per_lang({"paid": "médias payants", "owned": "médias propres", "earned": "médias gagnés", "mixed": "mixte"})


def _mix_paragraph(r: PlanResults, lang: Lang) -> list[Paragraph]:
    """The budget mix by media type and by priority, in one sentence."""
    b = r.budget
    if not len(b.by_type):
        return []
    types = ", ".join(f"{_TYPES[lang].get(row.type, row.type)} {fmt_percent(row.share, lang, 0)}" for row in b.by_type.itertuples())
    prio = ", ".join(f"P{row.priority} {fmt_percent(row.share, lang, 0)}"
                     for row in b.by_priority.sort_values("priority").itertuples())
    return [Paragraph(tr(lang, "Répartition du budget : ") + types
                      + tr(lang, " ; par priorité : ") + prio + ".")]


def _cap(a: Any, al: dict, lang: str) -> str:
    cap = sum(c.max if c.max is not None else 50 * c.half_saturation for c in al["curves"])
    if a.budget >= cap - 1:
        return tr(lang, " (au moins : plafond des canaux atteint)")
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
    p = r.plan
    cfg = case.config
    cur = r.plan.settings.currency
    ctx: list[Any] = []
    if cfg.brief.request:
        ctx.append(Paragraph(cfg.brief.request.strip(), style="quote"))
    facts = []
    if r.mission_start and r.deadline:
        facts.append(tr(lang, "Mission du ") + fmt_date(r.mission_start, lang, long=True)
                     + tr(lang, " au ") + fmt_date(r.deadline, lang, long=True))
    elif r.deadline:
        facts.append(tr(lang, "Échéance de la mission : ") + fmt_date(r.deadline, lang, long=True))
    if r.budget.envelope is not None:
        facts.append(tr(lang, "enveloppe de ") + fmt_currency(r.budget.envelope, lang, cur, 0)
                     + tr(lang, " HT"))
    if facts:
        text = ", ".join(facts) + "."
        ctx.append(Paragraph(text[0].upper() + text[1:]))
    tl = r.totals["likely"]
    kf = [KeyFigure(tr(lang, "Budget engagé"), r.budget.committed, "currency", currency=cur,
                    note=tr(lang, "dont réserve {contingency_rate}", contingency_rate=fmt_percent(r.budget.contingency_rate, lang, 0)),
                    status=("bad" if r.budget.over_budget else "good") if r.budget.envelope is not None else None),
          KeyFigure("Actions", len(p.actions), "integer"),
          KeyFigure(tr(lang, "Conversions (probable)"), tl["conversions"], "integer"),
          KeyFigure(metric_label("roas", lang), tl["roas_media"], "number",
                    note=tr(lang, "CA prévu ÷ budget média (1re commande)")),
          KeyFigure(metric_label("roas_global", lang), tl["roas"], "number",
                    note=tr(lang, "CA prévu ÷ coût total (1re commande)"))]
    if p.settings.clv:
        kf.append(KeyFigure(tr(lang, "ROI sur la durée de vie client"), tl["clv_roi"], "percent",
                            status="good" if tl["clv_roi"] > 0 else "bad"))
    ctx.append(KeyFigures(kf))
    for w in r.warnings:
        ctx.append(Callout("warning", tr(lang, "Point d'attention"), w))
    return Section(t["context"], ctx)


def _objectives_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """1. SMART objectives, their rationale, and what the actions forecast against them."""
    t = _T[lang]
    p = r.plan
    rows = []
    for o in p.objectives:
        from plan.model import KPI_KINDS

        kind = KPI_KINDS.get(o.kpi, ("number",))[0]
        rows.append((o.id, o.name, kpi_label(o.kpi, lang), _kpi_value(o.baseline, kind, lang), _kpi_value(o.target, kind, lang),
                     o.deadline, _GOALS[lang][o.business_goal]))
    cols = (("Id", tr(lang, "Objectif"), "KPI", tr(lang, "Départ"), tr(lang, "Cible"), tr(lang, "Échéance"), tr(lang, "Enjeu")))
    obj_blocks: list[Any] = [
        Paragraph(tr(lang, "Chaque objectif est SMART : un indicateur, une valeur de départ, une cible chiffrée, une échéance, et l'enjeu business qu'il sert.")),
        Table(cols, tuple(rows), ("text",) * 5 + ("date", "text"), caption=tr(lang, "Objectifs SMART"),
              name=tr(lang, "Objectifs")),
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
            label = {"subscribers": tr(lang, "nouveaux abonnés (actions de l'objectif)"),
                     "new_customers": tr(lang, "nouveaux clients (tout le plan)"),
                     "reach": tr(lang, "impressions des actions (≥ couverture)"),
                     "impressions": tr(lang, "impressions des actions"),
                     }.get(row.kpi, tr(lang, "actions qui servent l'objectif"))
            of_rows.append((row.objective_id, kpi_label(row.kpi, lang), label, _kpi_value(row.needed, kind, lang),
                            _kpi_value(row.low, kind, lang), _kpi_value(row.likely, kind, lang),
                            _kpi_value(row.high, kind, lang), row.coverage))
        obj_blocks.append(Table(
            ("Id", "KPI", tr(lang, "Mesuré sur"), tr(lang, "À atteindre"),
             tr(lang, "Bas"), tr(lang, "Probable"), tr(lang, "Haut"),
             tr(lang, "Couverture (probable)")),
            tuple(of_rows), ("text",) * 7 + ("percent",),
            caption=tr(lang, "Ce que prévoient les actions face aux objectifs"),
            name=tr(lang, "Objectifs vs prévision")))
        short = of[of["coverage"] < 0.9]
        if len(short):
            obj_blocks.append(Callout("warning", tr(lang, "Dimensionnement à revoir"), (
                tr(lang, "Le scénario probable couvre moins de 90 % de : ")
                + ", ".join(f"{row.objective_id} ({fmt_percent(row.coverage, lang, 0)})" for row in short.itertuples())
                + tr(lang, " — renforcez les actions, revoyez la cible, ou expliquez ce qui viendra d'ailleurs (boutiques, bouche-à-oreille)."))))
    return Section(t["objectives"], obj_blocks)


def _target_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """2. Targets: personas or segments, role, insight, size."""
    t = _T[lang]
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
        role = tr(lang, "principale") if tg.role == "primary" else tr(lang, "secondaire")
        desc = tg.description or (persona_desc.get(tg.persona, "") if tg.persona else "")
        trows.append((who, role, desc, tg.insight, tg.size))
    tcols = (tr(lang, "Cible"), tr(lang, "Rôle"), "Description", "Insight", tr(lang, "Taille estimée"))
    tblocks: list[Any] = ([Table(tcols, tuple(trows), ("text", "text", "text", "text", "integer"),
                                 caption=tr(lang, "Cibles du plan"), name=tr(lang, "Cibles"))]
                          if trows else
                          [Callout("warning", tr(lang, "À compléter"),
                                   tr(lang, "Aucune cible n'est décrite : ajoutez des personas (P1, P2 …) ou des segments à la partie targets du plan."))])
    if not r.personas and any(tg.persona for tg in p.targets):
        tblocks.append(Callout("info", "Personas",
                               tr(lang, "Les personas cités viennent du livrable personas (bloc 1) ; construisez-le pour les relier.")))
    return Section(t["target"], tblocks)


def _concept_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """3. The generating concept and how it carries the client's values and CSR."""
    t = _T[lang]
    p = r.plan
    cfg = case.config
    cblocks: list[Any] = []
    if p.concept:
        c = p.concept
        cblocks.append(Paragraph(Span(tr(lang, "Idée forte : "), bold=True), Span(c.big_idea, italic=True)))
        cblocks.append(Paragraph(Span(tr(lang, "Promesse : "), bold=True), c.promise))
        if c.tagline:
            cblocks.append(Paragraph(Span(tr(lang, "Signature : "), bold=True), c.tagline))
        if c.proof_points:
            cblocks.append(Paragraph(Span(tr(lang, "Preuves"), bold=True)))
            cblocks.append(BulletList(c.proof_points))
        if c.tone:
            cblocks.append(Paragraph(Span(tr(lang, "Ton : "), bold=True), c.tone))
        link_rows = []
        carried = list(c.rse) + list(c.proof_points) + [c.promise, c.big_idea]
        for v in cfg.client.values:
            link_rows.append((tr(lang, "valeur"), v, tr(lang, "oui") if v in c.values else "—"))
        for commit in cfg.client.rse_commitments:
            hits = carried_by(commit, carried)
            link_rows.append((tr(lang, "engagement RSE"), commit, " / ".join(hits[:2]) if hits else "—"))
        if link_rows:
            cblocks.append(Table(("Type", tr(lang, "Valeur / engagement du client"),
                                  tr(lang, "Repris dans le concept")),
                                 tuple(link_rows), ("text", "text", "text"),
                                 caption=tr(lang, "Lien du concept avec les valeurs et la RSE du client"),
                                 name=tr(lang, "Concept RSE")))
            missing = [row[1] for row in link_rows if row[2] == "—"]
            if missing:
                cblocks.append(Callout("info", tr(lang, "À renforcer"),
                                       tr(lang, "Non repris explicitement par le concept : ")
                                       + " ; ".join(missing)))
        if c.rse:
            cblocks.append(Paragraph(Span(tr(lang, "La RSE dans le plan"), bold=True)))
            cblocks.append(BulletList(c.rse))
    else:
        cblocks.append(Callout("warning", tr(lang, "À compléter"),
                               tr(lang, "Ajoutez la partie concept (idée forte, promesse, preuves, ton) au plan.")))
    return Section(t["concept"], cblocks)


def _actions_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """4. Actions by priority, why these options, human and technical resources."""
    t = _T[lang]
    p = r.plan
    arows = []
    budget_by = r.budget.by_action.set_index("action_id")["budget"].to_dict()
    for a in sorted(p.actions, key=lambda a: (a.priority, _natural(a.id))):
        arows.append((a.id, a.name, f"{channel_label(a.channel, lang)} · {a.type}", a.priority, ", ".join(a.personas + a.segments),
                      ", ".join(a.objectives), float(budget_by.get(a.id, 0.0))))
    acols = (("Id", "Action", tr(lang, "Canal · type"), "Prio.", tr(lang, "Cibles"), tr(lang, "Objectifs"), "Budget"))
    ablocks: list[Any] = [
        Paragraph(tr(lang, "Les actions sont classées par priorité (1 = indispensable, 3 = si le budget le permet).")),
        Table(acols, tuple(arows), ("text", "text", "text", "integer", "text", "text", "currency"),
              caption=tr(lang, "Actions du plan"), totals=("Budget",), name="Actions"),
        *_mix_paragraph(r, lang),
        Paragraph(Span(tr(lang, "Pourquoi ces choix"), bold=True)),
        BulletList([Paragraph(Span(f"{a.id} {a.name} — ", bold=True), a.rationale) for a in p.actions if a.rationale]),
        Table(("Id", tr(lang, "Responsable"), tr(lang, "Compétences"), tr(lang, "Plateforme"),
               tr(lang, "Campagnes")),
              tuple((a.id, a.owner, ", ".join(a.skills), a.platform, ", ".join(a.campaigns)) for a in p.actions),
              ("text",) * 5, caption=tr(lang, "Moyens humains et techniques"),
              name=tr(lang, "Moyens")),
    ]
    return Section(t["actions"], ablocks)


def _planning_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """5. Planning: Gantt, schedule and float (critical path), milestones, checks."""
    t = _T[lang]
    p = r.plan
    pblocks: list[Any] = []
    if figures:
        from plan.charts import gantt_chart

        pblocks.append(Figure.from_matplotlib(
            gantt_chart(r, lang), tr(lang, "Diagramme de Gantt des actions"),
            alt=tr(lang, "Gantt de {actions} actions du {start} au {end} ; chemin critique : {critical_chain}", actions=len(p.actions), start=fmt_date(min(d.start for d in r.dates.values()), lang), end=fmt_date(max(d.end for d in r.dates.values()), lang), critical_chain=' → '.join(r.critical_chain)),
            name="gantt"))
    drows = [(a.id, a.name, r.dates[a.id].start, r.dates[a.id].end, r.dates[a.id].days, ", ".join(a.depends_on),
              int(r.cpm.set_index("action_id").loc[a.id, "float_days"])) for a in p.actions]
    pblocks.append(Table(("Id", "Action", tr(lang, "Début"), tr(lang, "Fin"), tr(lang, "Jours"),
                          tr(lang, "Dépend de"), tr(lang, "Marge (j)")),
                         tuple(drows), ("text", "text", "date", "date", "integer", "text", "integer"),
                         caption=tr(lang, "Calendrier et marges (méthode du chemin critique)"),
                         name=tr(lang, "Calendrier", context="schedule")))
    pblocks.append(Paragraph(Span(tr(lang, "Chemin critique : "), bold=True), " → ".join(r.critical_chain) or "—"))
    zero = [str(x) for x in r.cpm.loc[r.cpm["critical"], "action_id"]]
    pblocks.append(Paragraph(Span(tr(lang, "Actions sans marge (tout retard décale la fin du plan) : "), bold=True),
                             ", ".join(zero) or "—"))
    pblocks.append(Table(("Date", tr(lang, "Jalon"), "Type"),
                         tuple((d, n, _MILESTONE_KINDS[lang].get(k, k)) for d, n, k in r.milestones),
                         ("date", "text", "text"), caption=tr(lang, "Jalons"), name=tr(lang, "Jalons")))
    if r.schedule_issues:
        pblocks.append(Callout("danger" if any(i.severity == "error" for i in r.schedule_issues) else "warning",
                               tr(lang, "Calendrier à corriger"),
                               [f"{i.action} : {i.message}" for i in r.schedule_issues]))
    else:
        pblocks.append(Callout("success", tr(lang, "Calendrier cohérent"),
                               tr(lang, "Dates, dépendances et échéance de la mission vérifiées.")))
    return Section(t["planning"], pblocks)


def _budget_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """6. Forecast budget: key figures, charts, by channel / component / month, cost detail."""
    t = _T[lang]
    fr = lang == "fr"
    cur = r.plan.settings.currency
    b = r.budget
    bblocks: list[Any] = [KeyFigures([
        KeyFigure(tr(lang, "Coûts des actions"), b.total, "currency", currency=cur),
        KeyFigure(tr(lang, "Réserve pour aléas"), b.contingency, "currency", currency=cur,
                  note=fmt_percent(b.contingency_rate, lang, 0)),
        KeyFigure(tr(lang, "Total engagé"), b.committed, "currency", currency=cur),
        KeyFigure(tr(lang, "Enveloppe"), b.envelope, "currency", currency=cur,
                  note=tr(lang, "reste {remaining}", remaining=fmt_currency(b.remaining, lang, cur, 0))
                  if b.remaining is not None else "", status="bad" if b.over_budget else "good"),
    ])]
    if not len(r.cost_lines):
        bblocks.append(Callout("warning", tr(lang, "À compléter"),
                               tr(lang, "Aucune ligne de coût : ajoutez les coûts des actions (quantité × coût unitaire, source du prix).")))
    if figures and len(r.cost_lines):
        from plan.charts import budget_by_channel_chart, budget_by_month_chart

        top = b.by_channel.iloc[0] if len(b.by_channel) else None
        bblocks.append(Figure.from_matplotlib(
            budget_by_channel_chart(r, lang), tr(lang, "Budget par canal"),
            alt=(f"Le canal {channel_label(top['channel'], lang)} reçoit la plus grande part du budget ({fmt_percent(top['share'], lang, 0)})" if fr and top is not None
                 else f"Channel {channel_label(top['channel'], lang)} gets the largest share ({fmt_percent(top['share'], lang, 0)})" if top is not None else "—"),
            name="budget-canal"))
        bblocks.append(Figure.from_matplotlib(
            budget_by_month_chart(r, lang), tr(lang, "Budget par mois et cumul face à l'enveloppe"),
            alt=tr(lang, "Dépenses mensuelles par canal ; le cumul atteint {total} pour une enveloppe de {envelope}", total=fmt_currency(b.total, lang, cur, 0), envelope=fmt_currency(b.envelope, lang, cur, 0)),
            name="budget-mois"))
    bc = b.by_channel
    bblocks.append(Table((tr(lang, "Canal"), "Budget", tr(lang, "Part")),
                         tuple((channel_label(row.channel, lang), row.budget, row.share) for row in bc.itertuples()),
                         ("text", "currency", "percent"), caption=tr(lang, "Budget par canal"),
                         totals=("Budget", tr(lang, "Part")), name=tr(lang, "Par canal")))
    comp = b.by_component
    bblocks.append(Table((tr(lang, "Composante"), "Budget", tr(lang, "Part")),
                         tuple((_COMPONENTS[lang].get(row.component, row.component), row.budget, row.share) for row in comp.itertuples()),
                         ("text", "currency", "percent"), caption=tr(lang, "Budget par composante"),
                         totals=("Budget", tr(lang, "Part")), name=tr(lang, "Par composante")))
    bm = b.by_month
    bblocks.append(Table((tr(lang, "Mois"), "Budget", tr(lang, "Cumul")),
                         tuple((_month(m, lang), float(row["total"]), float(row["cumulative"])) for m, row in bm.iterrows()),
                         ("text", "currency", "currency"), caption=tr(lang, "Échéancier mensuel"),
                         totals=("Budget",), name=tr(lang, "Par mois")))
    cl = r.cost_lines
    bblocks.append(Table(
        ("Action", tr(lang, "Composante"), tr(lang, "Poste"), tr(lang, "Qté"), tr(lang, "Unité"),
         tr(lang, "Coût unitaire"), tr(lang, "Montant"), "Source", tr(lang, "Référence")),
        tuple((row.action_id, _COMPONENTS[lang].get(row.component, row.component), row.label, row.quantity, row.unit,
               row.unit_cost, row.amount, _SOURCES[lang].get(row.source, row.source), row.reference) for row in cl.itertuples()),
        ("text", "text", "text", "number", "text", "currency", "currency", "text", "text"),
        caption=tr(lang, "Détail des coûts (quantité × coût unitaire) et source de chaque prix"),
        totals=(tr(lang, "Montant"),), name=tr(lang, "Coûts")))
    src = b.by_source
    bblocks.append(Paragraph(tr(lang, "Origine des prix : ") + " ; ".join(
        f"{_SOURCES[lang].get(row.source, row.source)} {fmt_percent(row.share, lang, 0)}" for row in src.itertuples()) + "."))
    bblocks.append(Paragraph(tr(lang, "Le classeur « budget-previsionnel.xlsx » reprend ce budget avec des formules vivantes (quantité × coût unitaire, sommes, réserve, écart à l'enveloppe) à faire évoluer avec le client.")))
    notes_budget = (f"Budget : {fmt_currency(b.total, lang, cur, 0)} d'actions + réserve de {fmt_percent(b.contingency_rate, lang, 0)} = "
                    f"{fmt_currency(b.committed, lang, cur, 0)} pour {fmt_currency(b.envelope, lang, cur, 0)} d'enveloppe. "
                    f"Premier poste : {b.by_channel.iloc[0]['channel']} ({fmt_percent(b.by_channel.iloc[0]['share'], lang, 0)})."
                    if fr and len(b.by_channel) else "")
    return Section(t["budget"], bblocks, notes=notes_budget)


def _kpi_tree_blocks(r: PlanResults, lang: Lang) -> list[Any]:
    """The KPI tree (objective → KPI → actions) and the monthly targets."""
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
    sblocks.append(Table((tr(lang, "Objectif"), "KPI", tr(lang, "Cible"), "Actions"),
                         tuple(tree_rows), ("text",) * 4, caption=tr(lang, "Arbre des KPI : objectif → KPI → actions"), name=tr(lang, "Arbre KPI")))
    main = r.kpis[r.kpis.apply(lambda row: any(row["kpi"] == o.kpi and row["objective_id"] == o.id for o in p.objectives), axis=1)]
    if len(main):
        piv = main.pivot_table(index="month", columns="objective_id", values="target", aggfunc="first").sort_index()
        kinds_by_obj = {o.id: KPI_KINDS.get(o.kpi, ("number",))[0] for o in p.objectives}
        rows_m = []
        for m, row in piv.iterrows():
            rows_m.append((_month(m, lang),) + tuple(_kpi_value(row[c], kinds_by_obj.get(c, "number"), lang) if row[c] == row[c] else "—"
                                              for c in piv.columns))
        sblocks.append(Table((tr(lang, "Mois"),) + tuple(f"{c} ({kpi_label(next(o.kpi for o in p.objectives if o.id == c), lang)})" for c in piv.columns),
                             tuple(rows_m), ("text",) * (1 + len(piv.columns)),
                             caption=tr(lang, "Cibles mensuelles (niveau à atteindre en fin de mois, ou montant du mois)"),
                             name=tr(lang, "Cibles mensuelles")))
    return sblocks


def _forecast_blocks(r: PlanResults, lang: Lang) -> list[Any]:
    """Forecast by action, the three scenarios, the break-even ROAS."""
    p = r.plan
    sblocks: list[Any] = []
    fl = r.forecast["likely"]
    frows = tuple(tuple(_none(v) for v in (row.action_id, row.cost, row.impressions, row.clicks, row.conversions,
                                           row.revenue, row.roas_media if row.revenue == row.revenue else None,
                                           row.roas if row.revenue == row.revenue else None,
                                           row.roi, row.cpa))
                  for row in fl.itertuples())
    sblocks.append(Table(("Action", tr(lang, "Coût"), "Impressions", tr(lang, "Clics"), "Conversions",
                          tr(lang, "CA"), metric_label("roas", lang), metric_label("roas_global", lang),
                          tr(lang, "ROI (marge)"), metric_label("cpa_global", lang)),
                         frows, ("text", "currency", "integer", "integer", "integer", "currency", "number", "number", "percent",
                                 "currency"),
                         caption=tr(lang, "Prévision par action (scénario probable)"),
                         # every additive column is totalled; the ratios are not sums
                         totals=(tr(lang, "Coût"), "Impressions", tr(lang, "Clics"), "Conversions",
                                 tr(lang, "CA")), name=tr(lang, "Prévision")))
    srows = []
    for scen, label in (("low", tr(lang, "bas")), ("likely", tr(lang, "probable")), ("high", tr(lang, "haut"))):
        tt = r.totals[scen]
        srows.append((label, tt["conversions"], tt["revenue"], tt["roas_media"], tt["roas"], tt["roi"], tt["roi_on_revenue"],
                      tt["cpa"], tt["cac"],
                      tt["clv_roi"] if p.settings.clv else None, tt["payback_months"] if p.settings.monthly_revenue_per_customer else None))
    sblocks.append(Table((tr(lang, "Scénario"), "Conversions", tr(lang, "CA"), metric_label("roas", lang),
                          metric_label("roas_global", lang),
                          tr(lang, "ROI sur marge brute"), tr(lang, "ROI sur CA (indicatif)"),
                          metric_label("cpa_global", lang), "CAC", tr(lang, "ROI durée de vie (CLV)"),
                          tr(lang, "Retour sur CAC (mois)")),
                         tuple(tuple(_none(v) for v in row) for row in srows), ("text", "integer", "currency", "number", "number", "percent",
                                                                                "percent", "currency", "currency", "percent", "number"),
                         caption=tr(lang, "Rentabilité du plan selon les hypothèses basses, probables et hautes"), name=tr(lang, "Scénarios")))
    be = 1 / p.settings.gross_margin_rate
    sblocks.append(Paragraph(
        tr(lang, "Avec une marge brute de {gross_margin_rate}, le ROAS de rentabilité est de {be} (1 / marge) : en dessous, la première commande ne rembourse pas l'action. Le CPC maximal rentable d'une action est panier moyen × taux de conversion × marge.", gross_margin_rate=fmt_percent(p.settings.gross_margin_rate, lang, 0), be=fmt_number(be, lang))))
    return sblocks


def _montecarlo_blocks(r: PlanResults, lang: Lang, figures: bool) -> list[Any]:
    """Monte Carlo ranges (P10 / P50 / P90), the risk of loss, the ROAS distribution."""
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
    metrics_mc = [("revenue", tr(lang, "CA"), "currency"), ("roas", metric_label("roas_global", lang), "number"),
                  ("roi", tr(lang, "ROI sur marge brute"), "percent")]
    if "clv_roi" in s.index:
        metrics_mc.append(("clv_roi", tr(lang, "ROI durée de vie (CLV)"), "percent"))
    mc_rows = tuple((q.upper(), *(_none(float(s.loc[m, q])) for m, _l, _k in metrics_mc)) for q in ("p10", "p50", "p90"))
    sblocks.append(Table((tr(lang, "Centile"), *(lbl for _m, lbl, _k in metrics_mc)), mc_rows,
                         ("text", *(k for _m, _l, k in metrics_mc)),  # type: ignore[arg-type]
                         decimals=(None, 0, None, None, *([None] if len(metrics_mc) > 3 else [])),
                         caption=tr(lang, "Fourchettes de résultat (Monte Carlo, {draws} tirages, loi {upper}, graine {seed})", draws=fmt_integer(mc.draws, lang), upper=mc.distribution.upper(), seed=mc.seed),
                         name="Monte Carlo"))
    loss_txt = tr(lang, "Probabilité que la marge des premières commandes ne couvre pas les coûts : {prob_loss}.", prob_loss=fmt_percent(mc.prob_loss, lang, 0))
    if mc.prob_loss_clv is not None:
        loss_txt += tr(lang, " Sur la durée de vie des clients (CLV {clv}), probabilité de perte : {prob_loss_clv}.", clv=fmt_currency(p.settings.clv, lang, cur, 0), prob_loss_clv=fmt_percent(mc.prob_loss_clv, lang, 0))
    sblocks.append(Callout("warning" if (mc.prob_loss_clv if mc.prob_loss_clv is not None else mc.prob_loss) > 0.2 else "info",
                           tr(lang, "Risque"), loss_txt))
    if figures and mc.total_cost > 0:
        from plan.charts import outcome_range_chart

        sblocks.append(Figure.from_matplotlib(
            outcome_range_chart(r, lang), tr(lang, "Distribution du ROAS du plan"),
            alt=tr(lang, "ROAS du plan entre {loc} (P10) et {loc_2} (P90), seuil de rentabilité {be}", loc=fmt_number(s.loc['roas', 'p10'], lang), loc_2=fmt_number(s.loc['roas', 'p90'], lang), be=fmt_number(be, lang)),
            name="roas-monte-carlo"))
    return sblocks


def _allocation_section(r: PlanResults, lang: Lang, figures: bool) -> Section | None:
    """Planned against optimal split of the budget (diminishing-returns curves); None without curves."""
    cur = r.plan.settings.currency
    al = r.allocation
    if not al.get("curves"):
        return None
    value_note = (tr(lang, " Valeur d'une conversion : CA sur la durée de vie du client (CLV), pas la seule première commande.")
                  if al.get("value") == "clv" else "")
    ablk: list[Any] = [Paragraph(
        tr(lang, "Chaque canal suit une courbe à rendements décroissants (Hill / Michaelis-Menten), calée sur la "
                 "prévision probable ; la dépense de demi-saturation est une hypothèse. L'allocation optimale égalise "
                 "le rendement marginal des canaux.") + value_note)]
    rows_al = []
    opt = al.get("optimal")
    for i, c in enumerate(al["curves"]):
        rows_al.append((c.name, al["planned"][c.name], c.half_saturation, opt.spend[i] if opt else None,
                        al["planned_revenue"][c.name], opt.revenue[i] if opt else None))
    ablk.append(Table((tr(lang, "Canal"), tr(lang, "Prévu"), tr(lang, "Demi-saturation"),
                       "Optimal", tr(lang, "Valeur prévue"), tr(lang, "Valeur optimale")),
                      tuple(rows_al), ("text", "currency", "currency", "currency", "currency", "currency"),
                      caption=tr(lang, "Répartition prévue et répartition optimale du même budget"),
                      totals=(tr(lang, "Prévu"), "Optimal", tr(lang, "Valeur prévue"), tr(lang, "Valeur optimale")),
                      name="Allocation"))
    extra = []
    ft = al.get("for_target")
    if al.get("target_roas"):
        extra.append(tr(lang, "Budget max. pour un ROAS ≥ {target_roas}", target_roas=fmt_number(al['target_roas'], lang))
                     + " : " + (fmt_currency(ft.budget, lang, cur, 0) + _cap(ft, al, lang) if ft else (tr(lang, "cible inatteignable"))))
    fb = al.get("for_break_even")
    extra.append(tr(lang, "Budget max. au seuil de rentabilité (ROAS {break_even_roas})", break_even_roas=fmt_number(al['break_even_roas'], lang))
                 + " : " + (fmt_currency(fb.budget, lang, cur, 0) + _cap(fb, al, lang) if fb else (tr(lang, "inatteignable"))))
    pm = al.get("profit_max")
    if pm:
        extra.append(tr(lang, "Budget où le ROAS marginal tombe au seuil de rentabilité : ")
                     + fmt_currency(pm.budget, lang, cur, 0))
    ablk.append(BulletList(extra))
    if figures and opt:
        from plan.charts import allocation_chart

        ablk.append(Figure.from_matplotlib(allocation_chart(r, lang), tr(lang, "Répartition prévue et optimale"),
                                           alt=tr(lang, "Comparaison par canal du budget prévu et de l'allocation optimale"), name="allocation"))
    return Section(tr(lang, "Allocation du budget"), ablk)


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
    p = r.plan
    sblocks: list[Any] = _kpi_tree_blocks(r, lang)
    if p.steering:
        sblocks.append(Paragraph(Span(tr(lang, "Rituels et outils de pilotage"), bold=True)))
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


_LEVELS = per_lang({
    "faible": "faible",
    "low": "faible",
    "moyenne": "moyenne",
    "moyen": "moyen",
    "medium": "moyen",
    "forte": "forte",
    "fort": "fort",
    "high": "fort",
})


def _risks_section(r: PlanResults, lang: Lang) -> Section | None:
    """The risk register (plan.yaml ``risks:``): what secures the plan, followed in the mission report."""
    risks = r.plan.risks
    if not risks:
        return None
    ordered = sorted(risks, key=lambda x: -x.score)
    cause = tr(lang, " (cause : {{}})")
    rows = tuple((f"{x.id} — {x.description}" + (cause.format(x.cause) if x.cause else ""),
                  f"{_LEVELS[lang][x.probability]} / {_LEVELS[lang][x.impact]}", x.score,
                  x.mitigation, x.owner) for x in ordered)
    intro = Paragraph(tr(lang, "Score = probabilité × impact, chacun noté de 1 (faible) à 3 (fort) : de 1 à 9. Les risques sont suivis dans le rapport de mission (survenus, clos, ouverts)."))
    return Section(tr(lang, "Registre des risques"), [intro, Table(
        (tr(lang, "Risque"), tr(lang, "Probabilité / impact"), "Score",
         tr(lang, "Parade"), tr(lang, "Responsable")),
        rows, ("text", "text", "integer", "text", "text"),
        caption=tr(lang, "Registre des risques et parades"))])


def _decision_section(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """What the client is asked to validate: the deck's closing slide."""
    p = r.plan
    cur = p.settings.currency
    low = [a.id for a in p.actions if a.priority == 3]
    points = [tr(lang, "Valider le budget de ")
              + fmt_currency(r.budget.committed, lang, cur, 0) + tr(lang, " HT")
              + tr(lang, " pour {actions} actions", actions=len(p.actions))
              + (tr(lang, " (enveloppe : ") + fmt_currency(r.budget.envelope, lang, cur, 0) + ")"
                 if r.budget.envelope is not None else "") + "."]
    if r.mission_start and r.deadline:
        points.append(tr(lang, "Valider le calendrier : du ")
                      + fmt_date(r.mission_start, lang, long=True) + tr(lang, " au ")
                      + fmt_date(r.deadline, lang, long=True) + ".")
    if low:
        points.append(tr(lang, "Arbitrer les actions de priorité 3 ({low}) si le budget doit baisser.", low=', '.join(low)))
    points.append(tr(lang, "Nommer la personne qui suit les KPI chaque semaine."))
    title = tr(lang, "Valider le plan et lancer les actions")
    return Section(tr(lang, "Décision attendue"), [Decision(title, points)])


def _text(x: Any) -> str:
    """A cell of an optional text column ('' for NaN or None)."""
    return x if isinstance(x, str) else ""


def _assumptions_annex(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """Annex: the funnel assumptions of each action, low / likely / high, with their source."""
    t = _T[lang]
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
        Paragraph(tr(lang, "Chaque hypothèse est une fourchette basse / probable / haute. Les montants issus de références en dollars sont convertis en euros ({exchange_rate_source}).", exchange_rate_source=p.settings.exchange_rate_source or 'taux indiqué dans le plan', exchange_rate_source_2=p.settings.exchange_rate_source or 'rate given in the plan')),
        Table(("Action", tr(lang, "Paramètre"), tr(lang, "Bas"), tr(lang, "Probable"),
               tr(lang, "Haut"), "Source"), tuple(arows2), ("text",) * 6,
              caption=tr(lang, "Hypothèses de l'entonnoir par action"),
              name=tr(lang, "Hypothèses"))], appendix=True, slide=False)


def _benchmarks_annex(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """Annex: the market benchmarks used, with their source and date."""
    t = _T[lang]
    bu = r.benchmarks_used
    bench_blocks: list[Any] = []
    if len(bu):
        def _vals(row: Any) -> str:
            if str(row.unit).strip() == "rate":
                return " / ".join(fmt_percent(v, lang, 2) for v in (row.low, row.mid, row.high))
            nums = [fmt_number(v, lang, 2) for v in (row.low, row.mid, row.high)]
            return " / ".join(nums) + (f" {row.currency}" if str(row.currency).strip() else "")

        bench_blocks.append(Table((tr(lang, "Référence", context="benchmark"), tr(lang, "Bas / médian / haut"), tr(lang, "Zone"),
                                   tr(lang, "Période"), "Source", "URL", tr(lang, "Consulté le")),
                                  tuple((benchmark_label(row.id, lang, _text(getattr(row, "segment", ""))), _vals(row), row.geography, row.period, row.source, row.url, row.retrieved)
                                        for row in bu.itertuples()),
                                  ("text",) * 7,
                                  caption=tr(lang, "Références de marché utilisées"),
                                  name=tr(lang, "Références")))
        if any(str(g).upper() == "US" for g in bu["geography"]):
            bench_blocks.append(Callout("warning", tr(lang, "Références américaines"),
                                        tr(lang, "Certaines références portent sur des comptes américains : elles servent d'ordre de grandeur, pas de norme française. Remplacez-les par vos propres historiques dès que possible.")))
    else:
        bench_blocks.append(Paragraph(tr(lang, "Aucune référence de marché n'est utilisée : toutes les hypothèses sont explicites.")))
    return Section(t["annex_bench"], bench_blocks, appendix=True)


def _method_annex(case: Case, r: PlanResults, lang: Lang, figures: bool = True) -> Section:
    """Annex: the method and formulas."""
    t = _T[lang]
    return Section(t["annex_method"], [BulletList([
        tr(lang, "Budget : coût = quantité × coût unitaire ; chaque ligne a son étalement (au prorata des jours, mensuel, facture unique à une date, ou montants par mois) — le budget à date du pilotage le suit ; réserve pour aléas = total × taux."),
        tr(lang, "Entonnoir : impressions = budget média / CPM × 1 000 (ou clics = budget média / CPC) ; clics = impressions × CTR ; conversions = clics × taux de conversion ; CA = conversions × panier moyen."),
        tr(lang, "ROAS média (CA ÷ budget média, définition des régies, celle que mesure le tableau de bord) et ROAS global (CA ÷ coût total) : définitions dans le glossaire ci-après ; ROI = (CA × marge brute − coût) / coût ; ROAS de rentabilité = 1 / marge ; CPC max = panier × taux de conversion × marge ; retour sur CAC = CAC / (CA mensuel par client × marge) (Farris et al., Marketing Metrics, 2010)."),
        tr(lang, "Incertitude : Monte Carlo sur les fourchettes (loi PERT : moyenne (a + 4m + b) / 6, PMBOK), P10 / P50 / P90 et probabilité de perte."),
        tr(lang, "Calendrier : méthode du chemin critique (marges totales, PMBOK)."),
        tr(lang, "Allocation : courbes de Hill, égalisation des rendements marginaux (multiplicateur de Lagrange, recherche par dichotomie)."),
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
