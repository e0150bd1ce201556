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
from toolkit.i18n import per_lang, tr

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.case import Case
    from toolkit.grid import Evidence
    from veille.besoin.compute import Check, Decision, ScenarioCost
    from veille.besoin.model import Besoin

__all__ = ["NeedsInputs", "build_needs_report", "resolve_item", "swot_external"]


@dataclass(frozen=True)
class NeedsInputs:
    case: Case = field(repr=False)
    besoin: Besoin = field(repr=False)
    checks: tuple[Check, ...] = ()
    decision: Decision | None = None
    linked: tuple[tuple[str, str, str], ...] = ()  # (text, kind, source) from the watch note / market study
    costs: Mapping[str, ScenarioCost] = field(default_factory=dict)  # scenario id → lines + contingency
    figures: Mapping[str, Figure] = field(default_factory=dict)


CONSTRAINT = per_lang({"budget": "Budget", "equipe": "Équipe (jours)", "delai": "Délai (semaines)", "reglementation": "Réglementation"})
VERDICT = per_lang({"ok": "respectée", "breaks": "DÉPASSÉE", "unknown": "non renseignée"})


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
    blocks: list[Any] = [Paragraph(tr(lang, "La demande telle que le client l'a formulée :"))]
    if cfg.brief.request:
        blocks.append(Paragraph(cfg.brief.request.strip(), style="quote"))
    if b.dimensions:
        blocks.append(Table(("Dimension", tr(lang, "Besoin"), tr(lang, "Élément de preuve")),
                            tuple((d.dimension, d.need, d.evidence) for d in b.dimensions), ("text", "text", "text"),
                            caption=tr(lang, "Dimensions de la demande"), name="dimensions"))
    if b.expectations:
        rows = tuple((e.kind, e.text, e.evidence) for e in sorted(b.expectations, key=lambda e: e.kind))
        blocks.append(Table((tr(lang, "Nature"), tr(lang, "Attente"), tr(lang, "Élément de preuve")),
                            rows, ("text", "text", "text"), caption=tr(lang, "Attentes explicites et implicites"), name="attentes"))
    if cfg.brief.objectives:
        blocks.append(Section(tr(lang, "Objectifs du client"), [BulletList(cfg.brief.objectives)], slide=False))
    return Section(tr(lang, "La demande et son analyse"), blocks)


def _method(inp: NeedsInputs, lang: Lang) -> Section:
    b = inp.besoin
    blocks: list[Any] = []
    if b.interviews.log:
        rows = tuple((i.who, i.role, i.date, " / ".join(f"« {q} »" if lang == "fr" else f"“{q}”" for q in i.quotes), i.changed)
                     for i in b.interviews.log)
        blocks.append(Table((tr(lang, "Interlocuteur"), tr(lang, "Rôle"), "Date",
                             tr(lang, "Verbatim"), tr(lang, "Ce que cela a changé")), rows,
                            ("text", "text", "date", "text", "text"), caption=tr(lang, "Entretiens menés"),
                            name="entretiens"))
    else:
        blocks.append(Callout("warning", tr(lang, "Entretiens à mener"),
                              tr(lang, "Aucun entretien consigné (fichier du besoin, journal des entretiens).")))
    if b.interviews.guide:
        blocks.append(Section(tr(lang, "Guide d'entretien"), [BulletList(b.interviews.guide, ordered=True)], slide=False))
    if b.studies:
        blocks.append(Section(tr(lang, "Études consultées"), [BulletList(b.studies)], slide=False))
    return Section(tr(lang, "Méthode : entretiens et sources"), blocks)


def _environment(inp: NeedsInputs, lang: Lang) -> Section:
    cfg, b = inp.case.config, inp.besoin
    c = cfg.brief.constraints
    internal = [
        (tr(lang, "Budget (HT)"), fmt_currency(c.budget, lang, c.currency, 0) if c.budget is not None else "—"),
        (tr(lang, "Équipe"), c.team or "—"),
        (tr(lang, "Capacité de l'équipe (jours)"),
         fmt_number(b.team_capacity_days, lang, 0) if b.team_capacity_days is not None else "—"),
        (tr(lang, "Outils"), ", ".join(c.tools) or "—"),
        (tr(lang, "Maturité digitale"), c.digital_maturity or "—"),
        (tr(lang, "Calendrier"), f"{fmt_date(c.start, lang) if c.start else '?'} → {fmt_date(c.deadline, lang) if c.deadline else '?'}"),
    ]
    internal += [(tr(lang, "Autre"), o) for o in c.other]
    blocks: list[Any] = [Table((tr(lang, "Contrainte interne"), tr(lang, "Valeur")),
                               tuple(internal), ("text", "text"), caption=tr(lang, "Contraintes internes"),
                               name="contraintes")]
    sw = b.swot
    opportunities, threats = swot_external(b, inp.linked)
    if any((sw.strengths, sw.weaknesses, opportunities, threats)):
        n = max(len(sw.strengths), len(sw.weaknesses), len(opportunities), len(threats))

        def cell(xs: Sequence[str], i: int) -> str:
            return xs[i] if i < len(xs) else ""

        rows = tuple((cell(sw.strengths, i), cell(sw.weaknesses, i), cell(opportunities, i), cell(threats, i)) for i in range(n))
        blocks.append(Section("SWOT", [
            Paragraph(tr(lang, "Forces et faiblesses : le diagnostic interne de l'équipe projet. Opportunités et menaces : celles de la note de veille et de l'étude de marché, relues à chaque génération (la source après le tiret), puis celles propres au besoin.")),
            Table((tr(lang, "Forces"), tr(lang, "Faiblesses"),
                   tr(lang, "Opportunités"), tr(lang, "Menaces")),
                  rows, ("text",) * 4, caption=tr(lang, "Diagnostic SWOT"), name="swot")]))
    if b.tows:
        internal = [*sw.strengths, *sw.weaknesses]
        external = [*opportunities, *threats]
        blocks.append(Section(tr(lang, "Croisement TOWS"), [
            Table((tr(lang, "Croisement"), tr(lang, "Interne"), tr(lang, "Externe"),
                   tr(lang, "Stratégie")),
                  tuple((t.pair, resolve_item(t.internal, internal), resolve_item(t.external, external), t.strategy)
                        for t in b.tows),
                  ("text",) * 4, caption=tr(lang, "Quelle force répond à quelle opportunité, quelle faiblesse expose à quelle menace"),
                  name="tows")]))
    return Section(tr(lang, "Environnement, contraintes et diagnostic"), blocks)


def _problem(inp: NeedsInputs, lang: Lang) -> Section:
    cfg, p = inp.case.config, inp.besoin.problem
    blocks: list[Any] = []
    if p.statement:
        blocks.append(Callout("info", tr(lang, "Problématique"), p.statement))
    else:
        blocks.append(Callout("warning", tr(lang, "Problématique à reformuler"),
                              tr(lang, "Reformulez la problématique en une question validée avec le client (fichier du besoin, problématique).")))
    items = []
    if cfg.client.raison_detre:
        items.append(Paragraph(Span(tr(lang, "Raison d'être : "), bold=True), cfg.client.raison_detre.strip()))
    if cfg.client.values:
        items.append(Paragraph(Span(tr(lang, "Valeurs : "), bold=True), ", ".join(cfg.client.values)))
    if p.brand_equity:
        items.append(Paragraph(Span(tr(lang, "Capital de marque à respecter : "), bold=True), p.brand_equity))
    if items:
        blocks.append(BulletList(items))
    return Section(tr(lang, "Problématique, raison d'être et valeurs"), blocks)


def _solutions(inp: NeedsInputs, lang: Lang) -> Section:
    b, cur = inp.besoin, inp.case.config.brief.constraints.currency
    blocks: list[Any] = []
    rate = fmt_percent(b.contingency_rate, lang, 0)
    rows = tuple((f"{s.id} — {s.name}", inp.costs[s.id].lines if s.id in inp.costs else None,
                  inp.costs[s.id].committed if s.id in inp.costs else None, s.lead_time_weeks, s.workload, s.rse_fit)
                 for s in b.scenarios)
    blocks.append(Table((tr(lang, "Scénario"), tr(lang, "Coût HT"),
                         tr(lang, "Engagé (+ {rate} d'imprévus)", rate=rate),
                         tr(lang, "Délai (sem.)"), tr(lang, "Charge (j)"),
                         tr(lang, "RSE (1–5)")), rows,
                        ("text", "currency", "currency", "number", "number", "number"), currency=cur,
                        caption=tr(lang, "Scénarios comparés"), name="scenarios",
                        decimals=(None, 0, 0, 0, 0, 0)))
    blocks.append(Paragraph(tr(lang, "Coûts établis comme ceux du plan marketing : quantité × coût unitaire HT pour chaque poste, avec la source du prix, plus {rate} d'imprévus ; c'est le montant engagé qui est comparé à l'enveloppe.", rate=rate), style="small"))
    costed = [s for s in b.scenarios if s.id in inp.costs and inp.costs[s.id].costed]
    if costed:
        comps = [c for c in COMPONENTS if any(inp.costs[s.id].by_component.get(c) for s in costed)]
        blocks.append(Table((tr(lang, "Scénario"), *(COMPONENT_LABELS[lang][c].capitalize() for c in comps),
                             tr(lang, "Total HT")),
                            tuple((s.id, *(inp.costs[s.id].by_component.get(c, 0.0) for c in comps), inp.costs[s.id].lines)
                                  for s in costed),
                            ("text", *["currency"] * (len(comps) + 1)), currency=cur, decimals=(None, *[0] * (len(comps) + 1)),
                            caption=tr(lang, "Coût des scénarios par composante (détail des postes en annexe)"), name="composantes"))
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
            sub.append(Paragraph(Span(tr(lang, "Risques : "), bold=True), " ; ".join(s.risks) if lang == "fr" else "; ".join(s.risks)))
        if s.effect:
            sub.append(Paragraph(Span(tr(lang, "Effet attendu : "), bold=True), s.effect))
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
                            ("text",) * 5, caption=tr(lang, "Vérification des contraintes (ce qui casse)"),
                            name="verification"))
    return Section(tr(lang, "Les solutions comparées"), blocks)


def _decision(inp: NeedsInputs, lang: Lang) -> Section | None:
    d = inp.decision
    if d is None:
        return None
    crit = list(d.result.weights)
    t = d.result.table
    rows = tuple((i, *[float(t.loc[i, c]) for c in crit], float(t.loc[i, "score"]), int(t.loc[i, "rank"])) for i in t.index)
    blocks: list[Any] = [
        Table((tr(lang, "Scénario"), *crit, tr(lang, "Score pondéré"), tr(lang, "Rang")), rows,
              ("text", *["number"] * len(crit), "number", "integer"), caption=tr(lang, "Matrice de décision (notes 1–5)"),
              name="matrice", decimals=(None, *[0] * len(crit), 2, None)),
        Paragraph(tr(lang, "Poids : ") + ", ".join(f"{c} {fmt_percent(w, lang, 0)}" for c, w in d.result.weights.items())
                  + tr(lang, " (critères du fichier du besoin ; défaut proposé par l'outil : effet 30, coût 20, faisabilité 20, risque 15, RSE 15).")),
    ]
    rrows = tuple((r.criterion, r.weight, r.low, r.high, r.top_low, r.top_high) for r in d.ranges)
    blocks.append(Table((tr(lang, "Critère"), tr(lang, "Poids"), tr(lang, "Classement stable de"),
                         tr(lang, "à"), tr(lang, "1er stable de"), tr(lang, "à")), rrows,
                        ("text", "percent", "percent", "percent", "percent", "percent"),
                        caption=tr(lang, "Jusqu'où chaque poids peut bouger avant que le classement change"),
                        name="sensibilite", decimals=(None, 0, 0, 0, 0, 0)))
    if "stability" in inp.figures:
        blocks.append(inp.figures["stability"])
    st = d.stability
    blocks.append(Paragraph(tr(lang, "Sur {draws} pondérations tirées autour des poids choisis (Dirichlet, concentration {concentration}), {best} reste premier dans {same_first} des cas.", draws=st.draws, concentration=fmt_number(st.concentration, lang, 0), best=d.best, same_first=fmt_percent(st.same_first, lang, 0))))
    return Section(tr(lang, "Matrice de décision et sensibilité"), blocks)


def _recommendation(inp: NeedsInputs, lang: Lang) -> Section:
    b, d = inp.besoin, inp.decision
    rec = b.recommendation
    blocks: list[Any] = []
    if not rec.scenario:
        blocks.append(Callout("warning", tr(lang, "Préconisation à rédiger"),
                              tr(lang, "Choisissez un scénario et argumentez (fichier du besoin, recommandation).")))
        # the decision is still the client's: choose among the scenarios (the deck's closing slide)
        from toolkit.i18n import doc_text

        ids = ", ".join(sc.id for sc in b.scenarios)
        points = [doc_text("doc.decision.besoin.choose", lang, scenarios=ids) if ids
                  else doc_text("doc.decision.besoin.describe", lang),
                  doc_text("doc.decision.besoin.criteria", lang)]
        if d is not None:
            points.append(doc_text("doc.decision.besoin.matrix", lang, best=d.best))
        blocks.append(Decision(doc_text("doc.decision.besoin.title", lang), points))
        return Section(tr(lang, "La préconisation"), blocks)
    name = next(s.name for s in b.scenarios if s.id == rec.scenario)
    blocks.append(Callout("success", tr(lang, "Scénario recommandé : {scenario} — {name}", scenario=rec.scenario, name=name),
                          rec.why or tr(lang, "Argumentaire à rédiger.")))
    if d is not None:
        if rec.scenario != d.best:
            blocks.append(Callout("warning", tr(lang, "Écart avec la matrice"), tr(lang, "La matrice classe {best} premier : expliquez pourquoi {scenario} est préféré.", best=d.best, scenario=rec.scenario)))
        if rec.scenario not in d.feasible:
            blocks.append(Callout("danger", tr(lang, "Contrainte dépassée"), tr(lang, "{scenario} dépasse au moins une contrainte (voir la vérification) : la préconisation doit dire comment la lever.", scenario=rec.scenario)))
    if rec.conditions:
        blocks.append(Section(tr(lang, "Sous quelles conditions"), [BulletList(rec.conditions)], slide=False))
    # what the client must decide: the deck's closing slide
    blocks.append(Decision(tr(lang, "Valider le scénario {scenario} — {name}", scenario=rec.scenario, name=name),
                           list(rec.decisions) or [tr(lang, "Retenir le scénario {scenario} et lancer le plan marketing.", scenario=rec.scenario)]))
    blocks.append(Paragraph(tr(lang, "Le plan marketing part de ce scénario : le modèle de plan reprend ses actions."), style="small"))
    return Section(tr(lang, "La préconisation"), blocks)


def _summary(inp: NeedsInputs, lang: Lang) -> Section:
    b, d = inp.besoin, inp.decision
    tiles = [KeyFigure(tr(lang, "Scénarios comparés"), len(b.scenarios), "integer"),
             KeyFigure(tr(lang, "Entretiens"), len(b.interviews.log), "integer")]
    if d is not None:
        tiles.append(KeyFigure(tr(lang, "Premier de la matrice"), d.best, "text",
                               note=tr(lang, "stable à {same_first}", same_first=fmt_percent(d.stability.same_first, lang, 0))))
    if b.recommendation.scenario:
        tiles.append(KeyFigure(tr(lang, "Recommandé"), b.recommendation.scenario, "text"))
    blocks: list[Any] = [KeyFigures(tiles)]
    if b.problem.statement:
        blocks.append(Paragraph(Span(tr(lang, "Problématique : "), bold=True), b.problem.statement))
    if b.recommendation.scenario and b.recommendation.why:
        blocks.append(Paragraph(Span(tr(lang, "Préconisation : "), bold=True), b.recommendation.why))
    return Section(tr(lang, "Synthèse"), blocks)


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
        tables.append(Table(("Action", tr(lang, "Poste"), tr(lang, "Qté"), tr(lang, "Coût unitaire"),
                             tr(lang, "Montant"), tr(lang, "Source du prix")),
                            rows, ("text", "text", "number", "currency", "currency", "text"), currency=cur,
                            decimals=(None, None, 0, 0, 0, None), totals=(tr(lang, "Montant"),),
                            caption=tr(lang, "{id} — {name} : postes de coût (quantité × coût unitaire HT) et source de chaque prix", id=s.id, name=s.name),
                            name=f"couts-{s.id}"))
    if not tables:
        return None
    return Section(tr(lang, "Détail des coûts des scénarios"), tables, appendix=True)


def build_needs_report(inp: NeedsInputs, lang: Lang = "fr", *, evidence: Mapping[str, Evidence] | None = None,
                       date: _dt.date | None = None) -> Document:
    from toolkit.grid import grid_checklist

    sections: Sequence[Section | None] = (
        _summary(inp, lang), _request(inp, lang), _method(inp, lang), _environment(inp, lang), _problem(inp, lang),
        _solutions(inp, lang), _decision(inp, lang), _recommendation(inp, lang), _cost_detail(inp, lang),
        Section(tr(lang, "Grille d'évaluation A.2"), [grid_checklist("besoin", evidence or {}, lang=lang)],
                appendix=True),
    )
    cfg = inp.case.config
    return Document(title=tr(lang, "Expression formalisée du besoin et préconisation"),
                    subtitle="Bloc 1 — A.2", client=cfg.client.name, author=cfg.output.author,
                    date=date or _dt.date.today(), lang=lang, kind="besoin", sections=tuple(s for s in sections if s is not None))
