"""« Expression formalisée du besoin et préconisation » as a Document (A.2, bloc 1).

Formats the case (request, constraints, values), ``besoin.yaml`` (analysis, interviews, SWOT,
scenarios, recommendation), the linked external factors (watch note, market study) and the
computed checks and decision matrix. Computes nothing of its own.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from toolkit.costs import COMPONENT_LABELS, COMPONENTS, SOURCE_LABELS
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
from toolkit.fmt import Lang, fmt_currency, fmt_date, fmt_number, fmt_percent

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.case import Case
    from toolkit.grid import Evidence
    from veille.besoin.compute import Check, Decision, ScenarioCost
    from veille.besoin.model import Besoin

__all__ = ["NeedsInputs", "build_needs_report", "resolve_item", "swot_external"]


def _t(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


@dataclass(frozen=True)
class NeedsInputs:
    case: Case = field(repr=False)
    besoin: Besoin = field(repr=False)
    checks: tuple[Check, ...] = ()
    decision: Decision | None = None
    linked: tuple[tuple[str, str, str], ...] = ()  # (text, kind, source) from the watch note / market study
    costs: Mapping[str, ScenarioCost] = field(default_factory=dict)  # scenario id → lines + contingency
    figures: Mapping[str, Figure] = field(default_factory=dict)


CONSTRAINT = {"fr": {"budget": "Budget", "equipe": "Équipe (jours)", "delai": "Délai (semaines)", "reglementation": "Réglementation"},
              "en": {"budget": "Budget", "equipe": "Team (days)", "delai": "Lead time (weeks)", "reglementation": "Regulation"}}
VERDICT = {"fr": {"ok": "respectée", "breaks": "DÉPASSÉE", "unknown": "non renseignée"},
           "en": {"ok": "met", "breaks": "BROKEN", "unknown": "not given"}}


def swot_external(besoin: Besoin, linked: Sequence[tuple[str, str, str]]) -> tuple[list[str], list[str]]:
    """The SWOT's external side: the watch note's and the market study's opportunities and
    threats (linked at each build, their source after a dash), then the needs file's own
    external factors and SWOT items. A constraint counts as a threat."""
    factors = [*linked, *((f.text, f.kind, f.source) for f in besoin.environment)]

    def item(t: str, s: str) -> str:
        return f"{t} — {s}" if s else t

    opp = [item(t, s) for t, k, s in factors if k == "opportunite"]
    thr = [item(t, s) for t, k, s in factors if k in ("menace", "contrainte")]
    return opp + list(besoin.swot.opportunities), thr + list(besoin.swot.threats)


def _fold(text: str) -> str:
    import unicodedata

    t = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(c for c in t if not unicodedata.combining(c))


def resolve_item(fragment: str, items: Sequence[str]) -> str:
    """A TOWS cell names a SWOT item by a few of its words: the one item containing them
    (accents and case ignored) is shown whole; otherwise the cell is shown as written."""
    f = _fold(fragment)
    found = [i for i in items if f and f in _fold(i)]
    return found[0] if len(found) == 1 else fragment


def _request(inp: NeedsInputs, lang: Lang) -> Section:
    cfg, b = inp.case.config, inp.besoin
    blocks: list[Any] = [Paragraph(_t(lang, "La demande telle que le client l'a formulée :", "The request as the client put it:"))]
    if cfg.brief.request:
        blocks.append(Paragraph(cfg.brief.request.strip(), style="quote"))
    if b.dimensions:
        blocks.append(Table((_t(lang, "Dimension", "Dimension"), _t(lang, "Besoin", "Need"), _t(lang, "Élément de preuve", "Evidence")),
                            tuple((d.dimension, d.need, d.evidence) for d in b.dimensions), ("text", "text", "text"),
                            caption=_t(lang, "Dimensions de la demande", "Dimensions of the request"), name="dimensions"))
    if b.expectations:
        rows = tuple((e.kind, e.text, e.evidence) for e in sorted(b.expectations, key=lambda e: e.kind))
        blocks.append(Table((_t(lang, "Nature", "Kind"), _t(lang, "Attente", "Expectation"), _t(lang, "Élément de preuve", "Evidence")),
                            rows, ("text", "text", "text"), caption=_t(lang, "Attentes explicites et implicites",
                                                                         "Explicit and implicit expectations"), name="attentes"))
    if cfg.brief.objectives:
        blocks.append(Section(_t(lang, "Objectifs du client", "Client's objectives"), [BulletList(cfg.brief.objectives)], slide=False))
    return Section(_t(lang, "La demande et son analyse", "The request and its analysis"), blocks)


def _method(inp: NeedsInputs, lang: Lang) -> Section:
    b = inp.besoin
    blocks: list[Any] = []
    if b.interviews.log:
        rows = tuple((i.who, i.role, i.date, " / ".join(f"« {q} »" if lang == "fr" else f"“{q}”" for q in i.quotes), i.changed)
                     for i in b.interviews.log)
        blocks.append(Table((_t(lang, "Interlocuteur", "Interviewee"), _t(lang, "Rôle", "Role"), "Date",
                             _t(lang, "Verbatim", "Quotes"), _t(lang, "Ce que cela a changé", "What it changed")), rows,
                            ("text", "text", "date", "text", "text"), caption=_t(lang, "Entretiens menés", "Interviews held"),
                            name="entretiens"))
    else:
        blocks.append(Callout("warning", _t(lang, "Entretiens à mener", "Interviews to hold"),
                              _t(lang, "Aucun entretien consigné (fichier du besoin, journal des entretiens).", "No interview logged (needs file, interview log).")))
    if b.interviews.guide:
        blocks.append(Section(_t(lang, "Guide d'entretien", "Interview guide"), [BulletList(b.interviews.guide, ordered=True)], slide=False))
    if b.studies:
        blocks.append(Section(_t(lang, "Études consultées", "Studies consulted"), [BulletList(b.studies)], slide=False))
    return Section(_t(lang, "Méthode : entretiens et sources", "Method: interviews and sources"), blocks)


def _environment(inp: NeedsInputs, lang: Lang) -> Section:
    cfg, b = inp.case.config, inp.besoin
    c = cfg.brief.constraints
    internal = [
        (_t(lang, "Budget (HT)", "Budget (excl. VAT)"), fmt_currency(c.budget, lang, c.currency, 0) if c.budget is not None else "—"),
        (_t(lang, "Équipe", "Team"), c.team or "—"),
        (_t(lang, "Capacité de l'équipe (jours)", "Team capacity (days)"),
         fmt_number(b.team_capacity_days, lang, 0) if b.team_capacity_days is not None else "—"),
        (_t(lang, "Outils", "Tools"), ", ".join(c.tools) or "—"),
        (_t(lang, "Maturité digitale", "Digital maturity"), c.digital_maturity or "—"),
        (_t(lang, "Calendrier", "Calendar"), f"{fmt_date(c.start, lang) if c.start else '?'} → {fmt_date(c.deadline, lang) if c.deadline else '?'}"),
    ]
    internal += [(_t(lang, "Autre", "Other"), o) for o in c.other]
    blocks: list[Any] = [Table((_t(lang, "Contrainte interne", "Internal constraint"), _t(lang, "Valeur", "Value")),
                               tuple(internal), ("text", "text"), caption=_t(lang, "Contraintes internes", "Internal constraints"),
                               name="contraintes")]
    sw = b.swot
    opportunities, threats = swot_external(b, inp.linked)
    if any((sw.strengths, sw.weaknesses, opportunities, threats)):
        n = max(len(sw.strengths), len(sw.weaknesses), len(opportunities), len(threats))

        def cell(xs: Sequence[str], i: int) -> str:
            return xs[i] if i < len(xs) else ""

        rows = tuple((cell(sw.strengths, i), cell(sw.weaknesses, i), cell(opportunities, i), cell(threats, i)) for i in range(n))
        blocks.append(Section("SWOT", [
            Paragraph(_t(lang, "Forces et faiblesses : le diagnostic interne de l'équipe projet. Opportunités et menaces : "
                               "celles de la note de veille et de l'étude de marché, relues à chaque génération (la source "
                               "après le tiret), puis celles propres au besoin.",
                         "Strengths and weaknesses: the project team's internal diagnosis. Opportunities and threats: those "
                         "of the watch note and the market study, read again at each build (source after the dash), then "
                         "those specific to the need.")),
            Table((_t(lang, "Forces", "Strengths"), _t(lang, "Faiblesses", "Weaknesses"),
                   _t(lang, "Opportunités", "Opportunities"), _t(lang, "Menaces", "Threats")),
                  rows, ("text",) * 4, caption=_t(lang, "Diagnostic SWOT", "SWOT diagnosis"), name="swot")]))
    if b.tows:
        internal = [*sw.strengths, *sw.weaknesses]
        external = [*opportunities, *threats]
        blocks.append(Section(_t(lang, "Croisement TOWS", "TOWS cross"), [
            Table((_t(lang, "Croisement", "Pair"), _t(lang, "Interne", "Internal"), _t(lang, "Externe", "External"),
                   _t(lang, "Stratégie", "Strategy")),
                  tuple((t.pair, resolve_item(t.internal, internal), resolve_item(t.external, external), t.strategy)
                        for t in b.tows),
                  ("text",) * 4, caption=_t(lang, "Quelle force répond à quelle opportunité, quelle faiblesse expose à quelle menace",
                                            "Which strength answers which opportunity, which weakness exposes to which threat"),
                  name="tows")]))
    return Section(_t(lang, "Environnement, contraintes et diagnostic", "Environment, constraints and diagnosis"), blocks)


def _problem(inp: NeedsInputs, lang: Lang) -> Section:
    cfg, p = inp.case.config, inp.besoin.problem
    blocks: list[Any] = []
    if p.statement:
        blocks.append(Callout("info", _t(lang, "Problématique", "Problem statement"), p.statement))
    else:
        blocks.append(Callout("warning", _t(lang, "Problématique à reformuler", "Problem to restate"),
                              _t(lang, "Reformulez la problématique en une question validée avec le client (fichier du besoin, problématique).",
                                 "Restate the problem as one question validated with the client (needs file, problem).")))
    items = []
    if cfg.client.raison_detre:
        items.append(Paragraph(Span(_t(lang, "Raison d'être : ", "Purpose: "), bold=True), cfg.client.raison_detre.strip()))
    if cfg.client.values:
        items.append(Paragraph(Span(_t(lang, "Valeurs : ", "Values: "), bold=True), ", ".join(cfg.client.values)))
    if p.brand_equity:
        items.append(Paragraph(Span(_t(lang, "Capital de marque à respecter : ", "Brand equity to respect: "), bold=True), p.brand_equity))
    if items:
        blocks.append(BulletList(items))
    return Section(_t(lang, "Problématique, raison d'être et valeurs", "Problem, purpose and values"), blocks)


def _solutions(inp: NeedsInputs, lang: Lang) -> Section:
    b, cur = inp.besoin, inp.case.config.brief.constraints.currency
    blocks: list[Any] = []
    rate = fmt_percent(b.contingency_rate, lang, 0)
    rows = tuple((f"{s.id} — {s.name}", inp.costs[s.id].lines if s.id in inp.costs else None,
                  inp.costs[s.id].committed if s.id in inp.costs else None, s.lead_time_weeks, s.workload, s.rse_fit)
                 for s in b.scenarios)
    blocks.append(Table((_t(lang, "Scénario", "Scenario"), _t(lang, "Coût HT", "Cost excl. VAT"),
                         _t(lang, f"Engagé (+ {rate} d'imprévus)", f"Committed (+ {rate} contingency)"),
                         _t(lang, "Délai (sem.)", "Lead time (wk)"), _t(lang, "Charge (j)", "Workload (d)"),
                         _t(lang, "RSE (1–5)", "CSR (1–5)")), rows,
                        ("text", "currency", "currency", "number", "number", "number"), currency=cur,
                        caption=_t(lang, "Scénarios comparés", "Scenarios compared"), name="scenarios",
                        decimals=(None, 0, 0, 0, 0, 0)))
    blocks.append(Paragraph(_t(
        lang, f"Coûts établis comme ceux du plan marketing : quantité × coût unitaire HT pour chaque poste, avec la source du prix, "
              f"plus {rate} d'imprévus ; c'est le montant engagé qui est comparé à l'enveloppe.",
        f"Costs worked out as the marketing plan's: quantity × unit cost excl. VAT for each item, with the price's source, "
        f"plus {rate} contingency; the committed amount is what is compared with the envelope."), style="small"))
    costed = [s for s in b.scenarios if s.id in inp.costs and inp.costs[s.id].costed]
    if costed:
        comps = [c for c in COMPONENTS if any(inp.costs[s.id].by_component.get(c) for s in costed)]
        blocks.append(Table((_t(lang, "Scénario", "Scenario"), *(COMPONENT_LABELS[lang][c].capitalize() for c in comps),
                             _t(lang, "Total HT", "Total excl. VAT")),
                            tuple((s.id, *(inp.costs[s.id].by_component.get(c, 0.0) for c in comps), inp.costs[s.id].lines)
                                  for s in costed),
                            ("text", *["currency"] * (len(comps) + 1)), currency=cur, decimals=(None, *[0] * (len(comps) + 1)),
                            caption=_t(lang, "Coût des scénarios par composante (détail des postes en annexe)",
                                       "Cost of the scenarios by component (items in the appendix)"), name="composantes"))
    for s in b.scenarios:
        sub: list[Any] = []
        if s.summary:
            sub.append(Paragraph(s.summary))
        if s.actions:
            sub.append(BulletList([a.name for a in s.actions]))
        pros = [Paragraph(Span("+ ", bold=True), a) for a in s.advantages] + [Paragraph(Span("− ", bold=True), x) for x in s.limits]
        if pros:
            sub.append(BulletList(pros))
        if s.risks:
            sub.append(Paragraph(Span(_t(lang, "Risques : ", "Risks: "), bold=True), " ; ".join(s.risks) if lang == "fr" else "; ".join(s.risks)))
        if s.effect:
            sub.append(Paragraph(Span(_t(lang, "Effet attendu : ", "Expected effect: "), bold=True), s.effect))
        blocks.append(Section(f"{s.id} — {s.name}", sub, deck="annex"))  # the deck: one annex slide per scenario
    if inp.checks:
        by = {}
        for c in inp.checks:
            by.setdefault(c.scenario, {})[c.constraint] = c
        rows2 = []
        for s in b.scenarios:
            cells = []
            for k in ("budget", "equipe", "delai", "reglementation"):
                c = by[s.id][k]
                text = VERDICT[lang][c.verdict]
                if c.verdict == "breaks" and c.gap is not None:
                    gap = fmt_currency(c.gap, lang, cur, 0) if k == "budget" else fmt_number(c.gap, lang, 0)
                    text += f" (+{gap})" if not gap.startswith("-") else f" ({gap})"
                elif c.verdict == "breaks" and c.need:
                    text += f" : {c.need}"
                cells.append(text)
            rows2.append((s.id, *cells))
        blocks.append(Table(("id", *(CONSTRAINT[lang][k] for k in ("budget", "equipe", "delai", "reglementation"))), tuple(rows2),
                            ("text",) * 5, caption=_t(lang, "Vérification des contraintes (ce qui casse)", "Constraint check (what breaks)"),
                            name="verification"))
    return Section(_t(lang, "Les solutions comparées", "The solutions compared"), blocks)


def _decision(inp: NeedsInputs, lang: Lang) -> Section | None:
    d = inp.decision
    if d is None:
        return None
    crit = list(d.result.weights)
    t = d.result.table
    rows = tuple((i, *[float(t.loc[i, c]) for c in crit], float(t.loc[i, "score"]), int(t.loc[i, "rank"])) for i in t.index)
    blocks: list[Any] = [
        Table((_t(lang, "Scénario", "Scenario"), *crit, _t(lang, "Score pondéré", "Weighted score"), _t(lang, "Rang", "Rank")), rows,
              ("text", *["number"] * len(crit), "number", "integer"), caption=_t(lang, "Matrice de décision (notes 1–5)", "Decision matrix (1–5)"),
              name="matrice", decimals=(None, *[0] * len(crit), 2, None)),
        Paragraph(_t(lang, "Poids : ", "Weights: ") + ", ".join(f"{c} {fmt_percent(w, lang, 0)}" for c, w in d.result.weights.items())
                  + _t(lang, " (critères du fichier du besoin ; défaut proposé par l'outil : effet 30, coût 20, faisabilité 20, risque 15, RSE 15).",
                       " (criteria of the needs file; the tool's default: effect 30, cost 20, feasibility 20, risk 15, CSR 15).")),
    ]
    rrows = tuple((r.criterion, r.weight, r.low, r.high, r.top_low, r.top_high) for r in d.ranges)
    blocks.append(Table((_t(lang, "Critère", "Criterion"), _t(lang, "Poids", "Weight"), _t(lang, "Classement stable de", "Ranking holds from"),
                         _t(lang, "à", "to"), _t(lang, "1er stable de", "First holds from"), _t(lang, "à", "to")), rrows,
                        ("text", "percent", "percent", "percent", "percent", "percent"),
                        caption=_t(lang, "Jusqu'où chaque poids peut bouger avant que le classement change",
                                   "How far each weight can move before the ranking changes"),
                        name="sensibilite", decimals=(None, 0, 0, 0, 0, 0)))
    if "stability" in inp.figures:
        blocks.append(inp.figures["stability"])
    st = d.stability
    blocks.append(Paragraph(_t(
        lang, f"Sur {st.draws} pondérations tirées autour des poids choisis (Dirichlet, concentration {fmt_number(st.concentration, lang, 0)}), "
              f"{d.best} reste premier dans {fmt_percent(st.same_first, lang, 0)} des cas.",
        f"Over {st.draws} weightings drawn around the chosen weights (Dirichlet, concentration {fmt_number(st.concentration, lang, 0)}), "
        f"{d.best} stays first in {fmt_percent(st.same_first, lang, 0)} of cases.")))
    return Section(_t(lang, "Matrice de décision et sensibilité", "Decision matrix and sensitivity"), blocks)


def _recommendation(inp: NeedsInputs, lang: Lang) -> Section:
    b, d = inp.besoin, inp.decision
    rec = b.recommendation
    blocks: list[Any] = []
    if not rec.scenario:
        blocks.append(Callout("warning", _t(lang, "Préconisation à rédiger", "Recommendation to write"),
                              _t(lang, "Choisissez un scénario et argumentez (fichier du besoin, recommandation).",
                                 "Choose a scenario and argue for it (needs file, recommendation).")))
        # the decision is still the client's: choose among the scenarios (the deck's closing slide)
        from toolkit.i18n import doc_text

        ids = ", ".join(sc.id for sc in b.scenarios)
        points = [doc_text("doc.decision.besoin.choose", lang, scenarios=ids) if ids
                  else doc_text("doc.decision.besoin.describe", lang),
                  doc_text("doc.decision.besoin.criteria", lang)]
        if d is not None:
            points.append(doc_text("doc.decision.besoin.matrix", lang, best=d.best))
        blocks.append(Decision(doc_text("doc.decision.besoin.title", lang), points))
        return Section(_t(lang, "La préconisation", "The recommendation"), blocks)
    name = next(s.name for s in b.scenarios if s.id == rec.scenario)
    blocks.append(Callout("success", _t(lang, f"Scénario recommandé : {rec.scenario} — {name}", f"Recommended scenario: {rec.scenario} — {name}"),
                          rec.why or _t(lang, "Argumentaire à rédiger.", "Argument to write.")))
    if d is not None:
        if rec.scenario != d.best:
            blocks.append(Callout("warning", _t(lang, "Écart avec la matrice", "Differs from the matrix"), _t(
                lang, f"La matrice classe {d.best} premier : expliquez pourquoi {rec.scenario} est préféré.",
                f"The matrix ranks {d.best} first: explain why {rec.scenario} is preferred.")))
        if rec.scenario not in d.feasible:
            blocks.append(Callout("danger", _t(lang, "Contrainte dépassée", "Constraint broken"), _t(
                lang, f"{rec.scenario} dépasse au moins une contrainte (voir la vérification) : la préconisation doit dire comment la lever.",
                f"{rec.scenario} breaks at least one constraint (see the check): the recommendation must say how to lift it.")))
    if rec.conditions:
        blocks.append(Section(_t(lang, "Sous quelles conditions", "Under which conditions"), [BulletList(rec.conditions)], slide=False))
    # what the client must decide: the deck's closing slide
    blocks.append(Decision(_t(lang, f"Valider le scénario {rec.scenario} — {name}", f"Approve scenario {rec.scenario} — {name}"),
                           list(rec.decisions) or [_t(lang, f"Retenir le scénario {rec.scenario} et lancer le plan marketing.",
                                                      f"Adopt scenario {rec.scenario} and start the marketing plan.")]))
    blocks.append(Paragraph(_t(lang, "Le plan marketing part de ce scénario : le modèle de plan reprend ses actions.",
                               "The marketing plan starts from this scenario: the plan template takes its actions."), style="small"))
    return Section(_t(lang, "La préconisation", "The recommendation"), blocks)


def _summary(inp: NeedsInputs, lang: Lang) -> Section:
    b, d = inp.besoin, inp.decision
    tiles = [KeyFigure(_t(lang, "Scénarios comparés", "Scenarios compared"), len(b.scenarios), "integer"),
             KeyFigure(_t(lang, "Entretiens", "Interviews"), len(b.interviews.log), "integer")]
    if d is not None:
        tiles.append(KeyFigure(_t(lang, "Premier de la matrice", "First in the matrix"), d.best, "text",
                               note=_t(lang, f"stable à {fmt_percent(d.stability.same_first, lang, 0)}",
                                       f"stable in {fmt_percent(d.stability.same_first, lang, 0)}")))
    if b.recommendation.scenario:
        tiles.append(KeyFigure(_t(lang, "Recommandé", "Recommended"), b.recommendation.scenario, "text"))
    blocks: list[Any] = [KeyFigures(tiles)]
    if b.problem.statement:
        blocks.append(Paragraph(Span(_t(lang, "Problématique : ", "Problem: "), bold=True), b.problem.statement))
    if b.recommendation.scenario and b.recommendation.why:
        blocks.append(Paragraph(Span(_t(lang, "Préconisation : ", "Recommendation: "), bold=True), b.recommendation.why))
    return Section(_t(lang, "Synthèse", "Summary"), blocks)


def _cost_detail(inp: NeedsInputs, lang: Lang) -> Section | None:
    """Every cost line of every costed scenario (one table per scenario): what the plan template starts from."""
    cur = inp.case.config.brief.constraints.currency
    tables = []
    for s in inp.besoin.scenarios:
        if not s.cost_lines:
            continue
        rows = tuple((a, c.label, c.quantity, c.unit_cost, c.amount,
                      SOURCE_LABELS[lang].get(c.source, c.source) + (f" ({c.reference})" if c.reference else ""))
                     for a, c in s.cost_lines)
        tables.append(Table(("Action", _t(lang, "Poste", "Item"), _t(lang, "Qté", "Qty"), _t(lang, "Coût unitaire", "Unit cost"),
                             _t(lang, "Montant", "Amount"), _t(lang, "Source du prix", "Price source")),
                            rows, ("text", "text", "number", "currency", "currency", "text"), currency=cur,
                            decimals=(None, None, 0, 0, 0, None), totals=(_t(lang, "Montant", "Amount"),),
                            caption=_t(lang, f"{s.id} — {s.name} : postes de coût (quantité × coût unitaire HT) et source de chaque prix",
                                       f"{s.id} — {s.name}: cost items (quantity × unit cost excl. VAT) and the source of each price"),
                            name=f"couts-{s.id}"))
    if not tables:
        return None
    return Section(_t(lang, "Détail des coûts des scénarios", "Cost detail of the scenarios"), tables, appendix=True)


def build_needs_report(inp: NeedsInputs, lang: Lang = "fr", *, evidence: Mapping[str, Evidence] | None = None,
                       date: _dt.date | None = None) -> Document:
    from toolkit.grid import grid_checklist

    sections: Sequence[Section | None] = (
        _summary(inp, lang), _request(inp, lang), _method(inp, lang), _environment(inp, lang), _problem(inp, lang),
        _solutions(inp, lang), _decision(inp, lang), _recommendation(inp, lang), _cost_detail(inp, lang),
        Section(_t(lang, "Grille d'évaluation A.2", "A.2 evaluation grid"), [grid_checklist("besoin", evidence or {}, lang=lang)],
                appendix=True),
    )
    cfg = inp.case.config
    return Document(title=_t(lang, "Expression formalisée du besoin et préconisation", "Formal statement of needs and recommendation"),
                    subtitle=_t(lang, "Bloc 1 — A.2", "Bloc 1 — A.2"), client=cfg.client.name, author=cfg.output.author,
                    date=date or _dt.date.today(), lang=lang, kind="besoin", sections=tuple(s for s in sections if s is not None))
