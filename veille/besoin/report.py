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
    from veille.besoin.compute import Check, Decision
    from veille.besoin.model import Besoin

__all__ = ["NeedsInputs", "build_needs_report"]


def _t(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


@dataclass(frozen=True)
class NeedsInputs:
    case: Case = field(repr=False)
    besoin: Besoin = field(repr=False)
    checks: tuple[Check, ...] = ()
    decision: Decision | None = None
    linked: tuple[tuple[str, str, str], ...] = ()  # (text, kind, source) from the watch note / market study
    figures: Mapping[str, Figure] = field(default_factory=dict)


KIND = {"fr": {"opportunite": "Opportunité", "menace": "Menace", "contrainte": "Contrainte"},
        "en": {"opportunite": "Opportunity", "menace": "Threat", "contrainte": "Constraint"}}
CONSTRAINT = {"fr": {"budget": "Budget", "equipe": "Équipe (jours)", "delai": "Délai (semaines)", "reglementation": "Réglementation"},
              "en": {"budget": "Budget", "equipe": "Team (days)", "delai": "Lead time (weeks)", "reglementation": "Regulation"}}
VERDICT = {"fr": {"ok": "respectée", "breaks": "DÉPASSÉE", "unknown": "non renseignée"},
           "en": {"ok": "met", "breaks": "BROKEN", "unknown": "not given"}}


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
    ext = [(f.text, f.kind, f.source) for f in b.environment] + list(inp.linked)
    if ext:
        blocks.append(Table((_t(lang, "Facteur externe", "External factor"), _t(lang, "Nature", "Kind"), "Source"),
                            tuple((t, KIND[lang].get(k, k), s) for t, k, s in ext), ("text", "text", "text"),
                            caption=_t(lang, "Contraintes et opportunités externes (liées à la veille et à l'étude de marché)",
                                       "External constraints and opportunities (linked to the watch and the market study)"),
                            name="externe"))
    sw = b.swot
    if any((sw.strengths, sw.weaknesses, sw.opportunities, sw.threats)):
        n = max(len(sw.strengths), len(sw.weaknesses), len(sw.opportunities), len(sw.threats))

        def cell(xs: list[str], i: int) -> str:
            return xs[i] if i < len(xs) else ""

        rows = tuple((cell(sw.strengths, i), cell(sw.weaknesses, i), cell(sw.opportunities, i), cell(sw.threats, i)) for i in range(n))
        blocks.append(Section("SWOT", [Table((_t(lang, "Forces", "Strengths"), _t(lang, "Faiblesses", "Weaknesses"),
                                              _t(lang, "Opportunités", "Opportunities"), _t(lang, "Menaces", "Threats")),
                                             rows, ("text",) * 4, caption=_t(lang, "Diagnostic SWOT", "SWOT diagnosis"), name="swot")]))
    if b.tows:
        blocks.append(Section(_t(lang, "Croisement TOWS", "TOWS cross"), [
            Table((_t(lang, "Croisement", "Pair"), _t(lang, "Interne", "Internal"), _t(lang, "Externe", "External"),
                   _t(lang, "Stratégie", "Strategy")), tuple((t.pair, t.internal, t.external, t.strategy) for t in b.tows),
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
    rows = tuple((s.id, s.name, s.cost, s.lead_time_weeks, s.team_days, s.rse_fit, "; ".join(s.risks))
                 for s in b.scenarios)
    blocks.append(Table(("id", _t(lang, "Scénario", "Scenario"), _t(lang, "Coût HT", "Cost excl. VAT"),
                         _t(lang, "Délai (sem.)", "Lead time (wk)"), _t(lang, "Charge (j)", "Workload (d)"),
                         _t(lang, "RSE (1–5)", "CSR (1–5)"), _t(lang, "Risques", "Risks")), rows,
                        ("text", "text", "currency", "number", "number", "number", "text"), currency=cur,
                        caption=_t(lang, "Scénarios comparés", "Scenarios compared"), name="scenarios",
                        decimals=(None, None, 0, 0, 0, 0, None)))
    for s in b.scenarios:
        sub: list[Any] = []
        if s.summary:
            sub.append(Paragraph(s.summary))
        if s.actions:
            sub.append(BulletList(s.actions))
        pros = [Paragraph(Span("+ ", bold=True), a) for a in s.advantages] + [Paragraph(Span("− ", bold=True), x) for x in s.limits]
        if pros:
            sub.append(BulletList(pros))
        if s.effect:
            sub.append(Paragraph(Span(_t(lang, "Effet attendu : ", "Expected effect: "), bold=True), s.effect))
        blocks.append(Section(f"{s.id} — {s.name}", sub, slide=False))
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


def build_needs_report(inp: NeedsInputs, lang: Lang = "fr", *, evidence: Mapping[str, Evidence] | None = None,
                       date: _dt.date | None = None) -> Document:
    from toolkit.grid import grid_checklist

    sections: Sequence[Section | None] = (
        _summary(inp, lang), _request(inp, lang), _method(inp, lang), _environment(inp, lang), _problem(inp, lang),
        _solutions(inp, lang), _decision(inp, lang), _recommendation(inp, lang),
        Section(_t(lang, "Grille d'évaluation A.2", "A.2 evaluation grid"), [grid_checklist("besoin", evidence or {}, lang=lang)],
                appendix=True),
    )
    cfg = inp.case.config
    return Document(title=_t(lang, "Expression formalisée du besoin et préconisation", "Formal statement of needs and recommendation"),
                    subtitle=_t(lang, "Bloc 1 — A.2", "Bloc 1 — A.2"), client=cfg.client.name, author=cfg.output.author,
                    date=date or _dt.date.today(), lang=lang, kind="besoin", sections=tuple(s for s in sections if s is not None))
