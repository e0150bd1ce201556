"""« Étude de marché et benchmark concurrentiel » as a :class:`toolkit.document.Document`.

:func:`build_report` formats a :class:`~veille.marche.analysis.MarketStudy`; it computes
nothing of its own. Order: synthesis (five findings a client can act on), market (size,
growth, stage, segments, players and shares, PESTEL, five forces, demand, public data),
competitors (grid, sensitivity, map, channels, offers, practices), method and sources (each
source's reliability, what was estimated, public queries and their date), the A.1 grid.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
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
from toolkit.fmt import Lang, fmt_change, fmt_date, fmt_integer, fmt_number, fmt_percent
from toolkit.i18n import per_lang, tr

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.grid import Evidence
    from veille.marche.analysis import MarketStudy

__all__ = ["build_report"]


#: How a market share was obtained (the study's ``share_origin`` column, written in French).
_SHARE_ORIGIN = per_lang({"publiée": "publiée", "calculée": "calculée"})

STAGE = per_lang({"lancement": "lancement", "croissance": "croissance", "maturité": "maturité", "déclin": "déclin"})
LEVEL = per_lang({"faible": "faible", "moyenne": "moyenne", "forte": "forte", "modérée": "modérée"})
FORCE = per_lang({"rivalite": "Rivalité entre concurrents", "nouveaux_entrants": "Menace de nouveaux entrants",
                "substituts": "Menace des substituts", "fournisseurs": "Pouvoir des fournisseurs",
                "clients": "Pouvoir des clients"})
PESTEL = per_lang({"politique": "Politique", "economique": "Économique", "socioculturel": "Socioculturel",
                 "technologique": "Technologique", "environnemental": "Environnemental", "legal": "Légal"})
QUERY_KIND = per_lang({"entreprise": "registre Sirene (entreprise)", "denombrement": "registre Sirene (dénombrement)",
                     "eurostat": "Eurostat (JSON-stat)", "insee": "INSEE, base macro-économique (SDMX)",
                     "sdmx": "statistique publique (SDMX)"})
VERDICT = per_lang({"adopter": "Adopter", "adapter": "Adapter", "éviter": "Éviter"})


def _num(x: float | None, lang: Lang, d: int = 0) -> str:
    return "—" if x is None else fmt_number(x, lang, d)


def _decimals(values: Any) -> int:
    """0 for whole numbers, 1 when a figure has a decimal (25,9 % is quoted as published, not as 26)."""
    return 1 if any(v == v and abs(float(v) - round(float(v))) > 1e-9 for v in values) else 0


def _src_label(study: MarketStudy, sid: str | None) -> str:
    if not sid:
        return ""
    src = study.inputs["sources"]
    row = src[src["id"] == sid]
    if row.empty:
        return str(sid)
    r = row.iloc[0]
    return f"{r['publisher']} ({sid})"


# ---------------------------------------------------------------------------------------
# findings


def _position_finding(study: MarketStudy, lang: Lang) -> str | None:
    """The client's rank on the competitor grid, its asset and its main gap (None without a grid)."""
    grid = study.grid
    if grid is None or not study.client or study.client not in grid.table.index:
        return None
    t = grid.table
    crit = list(grid.weights)
    rank = int(t.loc[study.client, "rank"])
    leader = grid.ranking[0]
    others = t.drop(index=study.client)[crit].mean()
    mine = t.loc[study.client, crit]
    strength = max(crit, key=lambda c: (mine[c] - others[c]) * grid.weights[c])
    if leader != study.client:
        gap = max(crit, key=lambda c: (t.loc[leader, c] - mine[c]) * grid.weights[c])
        text = tr(lang, "{client} est {rank}e sur {t} de la grille concurrentielle, derrière {leader} ; son atout est « {strength} », son principal retard « {gap} » : c'est là que porte le plan.", client=study.client, rank=rank, t=len(t), leader=leader, strength=strength, gap=gap)
    else:
        text = tr(lang, "{client} arrive en tête de la grille concurrentielle ; son atout distinctif est « {strength} » : à mettre au cœur de la communication.", client=study.client, strength=strength)
    return text


def keyed_findings(study: MarketStudy, lang: Lang = "fr") -> list[tuple[str, str, str]]:
    """Up to five findings a client can act on, each from a computed result, as
    ``(watch axis, lead, text)``: the market, its segments and its environment serve the watch
    note's strategic axis, concentration, position and practices its competitive axis."""
    out: list[tuple[str, str, str]] = []
    tot = study.total
    if tot is not None and tot.get("cagr") is not None:
        stage = STAGE[lang][tot["stage"]]
        text = tr(lang, "Le marché pèse {last_value} {unit} en {last_year} ({cagr} par an depuis {first_year}) et se trouve en {stage}", last_value=_num(tot['last_value'], lang), unit=tot['unit'], last_year=tot['last_year'], cagr=fmt_change(tot['cagr'], lang), first_year=tot['first_year'], stage=stage)
        vol = tot.get("volume")
        if vol is not None and vol.get("cagr") is not None and vol["cagr"] < tot["cagr"] - 0.01:
            text += tr(lang, " : les volumes évoluent de {cagr} par an, la croissance vient des prix. Il faut gagner des clients sur les concurrents, pas attendre le marché.", cagr=fmt_change(vol['cagr'], lang))
        else:
            text += "."
        out.append(("strategique", tr(lang, "Marché : "), text))
    if len(study.segments):
        best = study.segments.iloc[0]
        out.append(("strategique", tr(lang, "Segment prioritaire : "), tr(lang, "« {segment} » est le segment le plus attractif pour le client (score {score}/100 : taille, croissance de {growth} par an, accessibilité {accessibility}/5) : y concentrer l'offre et le budget.", segment=best['segment'], score=_num(best['score'], lang), growth=fmt_change(best['growth'], lang), accessibility=_num(best['accessibility'], lang))))
    conc = study.concentration
    if conc is not None and conc.players >= 4:
        band = LEVEL[lang][conc.band]
        out.append(("concurrentielle", tr(lang, "Concentration : "), tr(lang, "Les quatre premiers acteurs détiennent {cr4} du marché (IHH {hhi_low} à {hhi_high}, concentration {band}) : un petit acteur se différencie sur ce que les grands groupes ne peuvent pas prouver.", cr4=fmt_percent(conc.cr4, lang, 0), hhi_low=fmt_integer(conc.hhi_low, lang), hhi_high=fmt_integer(conc.hhi_high, lang), band=band)))
    elif conc is not None:
        # fewer than four listed players: say what the listed ones hold, never call it a CR4
        names = ", ".join(str(p) for p in study.shares["player"])
        one = conc.players == 1
        out.append(("concurrentielle", tr(lang, "Concentration : "), tr(lang, "{names} {value} à {value_2} seul{value_3} {cr4} du marché en {share_year} ; les autres acteurs n'ont pas de part publiée (IHH entre {hhi_low} et {hhi_high}) : un petit acteur se différencie sur ce que les grands groupes ne peuvent pas prouver.", names=names, value='détient' if one else 'détiennent', value_2='lui' if one else 'eux', value_3='' if one else 's', cr4=fmt_percent(conc.cr4, lang, 0), share_year=study.share_year, hhi_low=fmt_integer(conc.hhi_low, lang), hhi_high=fmt_integer(conc.hhi_high, lang), value_4='s' if one else '')))
    position = _position_finding(study, lang)
    if position is not None:
        out.append(("concurrentielle", tr(lang, "Position concurrentielle : "), position))
    prac = study.practices
    if len(prac):
        adopt = prac[prac["verdict"] == "adopter"]
        if len(adopt):
            r = adopt.iloc[0]
            out.append(("concurrentielle", tr(lang, "Pratique à reprendre : "), tr(lang, "{competitor} : {action} ({date}) — efficace et original, à adopter à la manière du client.", competitor=r['competitor'], action=r['action'], date=fmt_date(r['date'], lang))))
    if len(out) < 5 and len(study.pestel):
        top = study.pestel.iloc[0]
        kind = tr(lang, "opportunité") if top["direction"] == "opportunité" else tr(lang, "menace")
        out.append(("strategique", tr(lang, "Environnement : "), tr(lang, "Le fait le plus structurant est une {kind} ({lower}) : {fact} (impact × probabilité = {score}/25).", kind=kind, lower=PESTEL[lang][top['dimension']].lower(), fact=top['fact'], score=int(top['score']), value='n' if kind == 'opportunity' else '')))
    return out[:5]


def findings(study: MarketStudy, lang: Lang = "fr") -> list[Paragraph]:
    """The five findings of the synthesis (:func:`keyed_findings`), their lead in bold. The lead
    ends with a colon, not a full stop: a slide shows a paragraph's first sentence, which must
    be the finding, not its lead alone."""
    return [Paragraph(Span(lead, bold=True), text) for _axis, lead, text in keyed_findings(study, lang)]


# ---------------------------------------------------------------------------------------
# sections


def _decision(study: MarketStudy, lang: Lang) -> Section:
    """What the client is asked to decide from the study: the deck's closing slide."""
    points = []
    if study.grid is not None and study.client in study.grid.table.index:
        rank = int(study.grid.table.loc[study.client, "rank"])
        points.append(tr(lang, "Valider la position retenue face aux concurrents (rang {rank}/{table} sur la grille) et l'axe de différenciation à défendre.", rank=rank, table=len(study.grid.table)))
    prac = study.practices
    if len(prac) and "verdict" in prac:
        n = int(prac["verdict"].isin(["adopter", "adapter"]).sum())
        if n:
            points.append(tr(lang, "Choisir, parmi les {n} pratiques concurrentes à adopter ou adapter, celles que le plan reprendra.", n=n))
    if len(study.inputs["marche"]) and (study.inputs["marche"]["status"] == "estimé").any():
        points.append(tr(lang, "Faire confirmer les chiffres estimés par une source publiée avant tout engagement budgétaire."))
    points.append(tr(lang, "Retenir les segments de marché à cibler dans l'analyse du besoin et le plan."))
    return Section(tr(lang, "Décision attendue"),
                   [Decision(tr(lang, "Valider le positionnement et les cibles de marché"), points)])


def _synthesis(study: MarketStudy, lang: Lang) -> Section:
    tiles = []
    tot = study.total
    if tot is not None:
        tiles.append(KeyFigure(tr(lang, "Marché {last_year}", last_year=tot['last_year']), tot["last_value"],
                               "number", unit=str(tot["unit"]), decimals=0,
                               note=tr(lang, "estimation") if tot["last_estimated"] else ""))
        if tot.get("cagr") is not None:
            tiles.append(KeyFigure(tr(lang, "Croissance annuelle moyenne"), tot["cagr"],
                                   "percent", note=f"{tot['first_year']}–{tot['last_year']}"))
            tiles.append(KeyFigure(tr(lang, "Stade du marché"), STAGE[lang][tot["stage"]], "text",
                                   note=tr(lang, "sur la série en {stage_indicator}", stage_indicator=tot['stage_indicator'])))
    if study.concentration is not None:
        tiles.append(KeyFigure("CR4" if study.concentration.players >= 4 else
                               tr(lang, "Part des acteurs listés"),
                               study.concentration.cr4, "percent", decimals=0,
                               note=f"IHH ≥ {fmt_integer(study.concentration.hhi_low, lang)}"))
    if study.grid is not None and study.client in study.grid.table.index:
        tiles.append(KeyFigure(tr(lang, "Rang du client"),
                               f"{int(study.grid.table.loc[study.client, 'rank'])}/{len(study.grid.table)}", "text",
                               note=tr(lang, "grille concurrentielle")))
    blocks: list[Any] = []
    if tiles:
        blocks.append(KeyFigures(tiles[:5]))
    found = findings(study, lang)
    if found:
        blocks.append(BulletList(found, ordered=True))
    else:
        blocks.append(Callout("warning", tr(lang, "Étude à compléter"),
                              tr(lang, "Remplissez le classeur marche.xlsx (chiffres, acteurs, grille) pour obtenir les constats.")))
    est = study.inputs["marche"]
    if len(est) and (est["status"] == "estimé").any():
        n = int((est["status"] == "estimé").sum())
        blocks.append(Callout("info", tr(lang, "Chiffres estimés"), tr(lang, "{n} des {est} chiffres de marché sont des estimations (voir « Méthode et sources ») : les ordres de grandeur guident les décisions, pas les décimales.", n=n, est=len(est))))
    return Section(tr(lang, "Synthèse"), blocks)


def _market(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> Section:
    """The market: size and growth, segments, players and shares, PESTEL, five forces, demand, public data."""
    subs = [
        *_market_size(study, lang, figures),
        *_market_segments(study, lang, figures),
        *_market_shares(study, lang, figures),
        *_market_pestel(study, lang, figures),
        *_market_forces(study, lang, figures),
        *_market_demand(study, lang, figures),
        *_market_public_data(study, lang, figures),
    ]
    return Section(tr(lang, "Le marché"), subs)


def _market_size(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Size, growth and stage of each segment (CAGR, stage rule)."""
    series = study.series
    subs: list[Section] = []
    if len(series):
        rows = []
        for r in series.itertuples(index=False):
            estimated = (tr(lang, "oui") if r.all_estimated else
                         tr(lang, "en partie") if r.estimated else tr(lang, "non"))
            period = str(r.first_year) if r.first_year == r.last_year else f"{r.first_year}–{r.last_year}"
            rows.append((r.segment, r.indicator, r.unit, r.geo, period, r.last_value,
                         r.cagr, r.last_growth, STAGE[lang].get(r.stage, "—") if r.stage else "—", estimated))
        table = Table(
            ("Segment", tr(lang, "Indicateur"), tr(lang, "Unité"),
             tr(lang, "Zone", context="area"), tr(lang, "Période"), tr(lang, "Dernière valeur"),
             tr(lang, "TCAM"), tr(lang, "Dernière année"), tr(lang, "Stade"),
             tr(lang, "Estimé")),
            tuple(rows), ("text", "text", "text", "text", "text", "number", "percent", "percent", "text", "text"),
            caption=tr(lang, "Taille et croissance par segment"), name="marche",
            decimals=(None, None, None, None, None, _decimals(series["last_value"]), 1, 1, None, None))
        blocks: list[Any] = []
        if "market" in figures:
            blocks.append(figures["market"])
        blocks.append(table)
        blocks.append(Paragraph(Span(tr(lang, "Règle du stade : "), bold=True), study.rule.describe(lang),
                                tr(lang, " TCAM = (valeur finale / valeur initiale)^(1/années) − 1.")))
        subs.append(Section(tr(lang, "Taille, croissance et stade"), blocks))
    return subs


def _market_segments(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Segment attractiveness: size, growth and accessibility weighted."""
    s = study.inputs.settings
    subs: list[Section] = []
    if len(study.segments):
        sg = study.segments
        rows = tuple((r.segment, r.size, r.growth, r.accessibility, r.score, int(r.rank)) for r in sg.itertuples(index=False))
        unit = str(sg["unit"].iloc[0])
        subs.append(Section(tr(lang, "Attractivité des segments"), [
            Table(("Segment", tr(lang, "Taille ({unit})", unit=unit),
                   tr(lang, "TCAM"), tr(lang, "Accessibilité (1–5)"),
                   "Score /100", tr(lang, "Rang")),
                  rows, ("text", "number", "percent", "number", "number", "integer"),
                  caption=tr(lang, "Attractivité = taille, croissance et accessibilité ramenées sur 100 puis pondérées"),
                  name="segments", decimals=(None, _decimals(sg["size"]), 1, 0, 0, None)),
            Paragraph(tr(lang, "Poids (modifiables dans la feuille parametres) : taille {poids_taille}, croissance {poids_croissance}, accessibilité {poids_accessibilite}. Chaque critère est ramené de 0 (plus faible segment) à 100 (plus fort).", poids_taille=fmt_number(s['poids_taille'], lang, 2), poids_croissance=fmt_number(s['poids_croissance'], lang, 2), poids_accessibilite=fmt_number(s['poids_accessibilite'], lang, 2))),
            *_segment_caveats(sg, unit, lang),
        ]))
    return subs


def _segment_caveats(sg: Any, unit: str, lang: Lang) -> list[Paragraph]:
    """What the attractiveness scores rest on when segments are shares or lack a growth rate."""
    out = []
    if "%" in unit:
        out.append(Paragraph(tr(lang, "Les segments sont mesurés en part de marché : leur TCAM est celui de leur part, pas celui de leurs ventes.")))
    missing = [str(r.segment) for r in sg.itertuples(index=False) if r.growth is None or r.growth != r.growth]
    if missing and len(missing) < len(sg):
        out.append(Paragraph(tr(lang, "Sans deux années publiées, la croissance de {missing} est comptée à 0 % par an.", missing=', '.join(missing))))
    return out


def _market_shares(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Players, market shares and concentration (CR4, HHI)."""
    subs: list[Section] = []
    if len(study.shares):
        sh = study.shares
        rows = tuple((r.player, r.revenue, r.share, _SHARE_ORIGIN[lang].get(r.share_origin, r.share_origin),
                      _src_label(study, r.source), r.status) for r in sh.itertuples(index=False))
        conc = study.concentration
        blocks = []
        if "shares" in figures:
            blocks.append(figures["shares"])
        blocks.append(Table((tr(lang, "Acteur"), tr(lang, "Chiffre d'affaires"),
                             tr(lang, "Part de marché"), tr(lang, "Part"), "Source",
                             tr(lang, "Statut")), rows,
                            ("text", "number", "percent", "text", "text", "text"),
                            caption=tr(lang, "Acteurs et parts de marché ({share_year})", share_year=study.share_year),
                            name="parts", decimals=(None, 1, 1, None, None, None)))
        if conc is not None:
            cr4 = (f"CR4 = {fmt_percent(conc.cr4, lang, 1)}." if conc.players >= 4 else
                   tr(lang, "Part cumulée des acteurs listés = {share} (le CR4 demande les quatre premiers acteurs).",
                      share=fmt_percent(conc.cr4, lang, 1)))
            blocks.append(Paragraph(tr(lang, "{cr4} Indice de Herfindahl-Hirschman (somme des carrés des parts en %) : {hhi_low} si le reste du "
                      "marché ({rest}) est très fragmenté, {hhi_high} s'il n'était qu'un acteur ; concentration {band}. "
                      "Seuils : moins de {moderate} faible, plus de {high} forte ({source}).",
                cr4=cr4, hhi_low=fmt_integer(conc.hhi_low, lang),
                rest=fmt_percent(1 - conc.covered, lang, 0), hhi_high=fmt_integer(conc.hhi_high, lang),
                band=(tr(lang, "{low} à {high}", low=LEVEL[lang][conc.band], high=LEVEL[lang][conc.band_high])
                      if conc.band_high != conc.band else LEVEL[lang][conc.band]),
                moderate=fmt_integer(conc.bands.moderate, lang), high=fmt_integer(conc.bands.high, lang),
                source=conc.bands.source)))
        subs.append(Section(tr(lang, "Acteurs et parts de marché"), blocks))
    return subs


def _market_pestel(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """PESTEL facts ranked by impact × likelihood."""
    subs: list[Section] = []
    if len(study.pestel):
        rows = tuple((PESTEL[lang][r.dimension], r.fact,
                      tr(lang, "Opportunité") if r.direction == "opportunité" else tr(lang, "Menace"),
                      int(r.impact), int(r.likelihood), int(r.score), _src_label(study, r.source))
                     for r in study.pestel.itertuples(index=False))
        subs.append(Section("PESTEL", [
            Table(("Dimension", tr(lang, "Fait"), tr(lang, "Effet"),
                   "Impact", tr(lang, "Probabilité"), "Score /25", "Source"), rows,
                  ("text", "text", "text", "integer", "integer", "integer", "text"),
                  caption=tr(lang, "Faits PESTEL classés par impact × probabilité"), name="pestel"),
        ]))
    return subs


def _market_forces(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Porter's five forces: intensity and the facts behind it."""
    subs: list[Section] = []
    ff = study.forces
    if len(ff) and ff["facts"].sum():
        rows = tuple((FORCE[lang][r.force], None if r.intensity != r.intensity else r.intensity, LEVEL[lang].get(r.level, "—") if r.level else "—", int(r.facts))
                     for r in ff.itertuples(index=False))
        facts = study.inputs["forces"]
        items = [Paragraph(Span(FORCE[lang][r.force] + " : " if lang == "fr" else FORCE[lang][r.force] + ": ", bold=True),
                           f"{r.fact} ({int(r.intensity)}/5, {_src_label(study, r.source)})")
                 for r in facts.itertuples(index=False)]
        subs.append(Section(tr(lang, "Cinq forces de Porter"), [
            Table(("Force", tr(lang, "Intensité (1–5)"),
                   tr(lang, "Niveau"), tr(lang, "Faits")), rows,
                  ("text", "number", "text", "integer"), caption=tr(lang, "Intensité des cinq forces (moyenne des faits)"),
                  name="forces", decimals=(None, 1, None, None)),
            BulletList(items),
        ]))
    return subs


def _market_demand(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Demand signals from Google Trends (the veille module)."""
    subs: list[Section] = []
    demand = study.demand
    if demand is not None and len(demand):
        rows = tuple((r.term, r.direction, r.momentum, r.peaks) for r in demand.itertuples(index=False))
        subs.append(Section(tr(lang, "Signaux de demande (Google Trends)"), [
            Table((tr(lang, "Mot-clé"), tr(lang, "Tendance"), "Momentum",
                   tr(lang, "Mois de pointe")), rows, ("text", "text", "percent", "text"),
                  caption=tr(lang, "Intérêt de recherche des mots-clés du marché (module veille)"), name="demande"),
        ]))
    return subs


def _market_public_data(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Public data: company register, counts, Eurostat series; what is not fetched yet."""
    subs: list[Section] = []
    pub = study.public
    pblocks: list[Any] = []
    for answer, records in pub.companies:
        rows = tuple((c.name, c.siren, c.naf, c.headcount, c.category, c.created, c.city,
                      str(c.revenue_year) if c.revenue_year else "", c.revenue)
                     for c in records)
        if rows:
            pblocks.append(Table((tr(lang, "Entreprise"), "SIREN", "NAF", tr(lang, "Effectif"),
                                  tr(lang, "Catégorie"), tr(lang, "Création"),
                                  tr(lang, "Commune"), tr(lang, "Exercice"), tr(lang, "CA (€)")),
                                 rows, ("text", "text", "text", "text", "text", "text", "text", "text", "integer"),
                                 caption=tr(lang, "Registre : « {label} »", label=answer.query.label),
                                 source=f"recherche-entreprises.api.gouv.fr, {fmt_date(answer.fetched_at, lang)}"))
    for answer, n in pub.counts:
        pblocks.append(Paragraph(Span(answer.query.label + " : " if lang == "fr" else answer.query.label + ": ", bold=True),
                                 tr(lang, "{n} entreprises actives ({text}, registre Sirene via recherche-entreprises, relevé du {fetched_at}).", n=fmt_integer(n, lang), text=answer.query.text, fetched_at=fmt_date(answer.fetched_at, lang))))
    for answer, ser in pub.series:
        pts = [(p, v) for p, v in ser.points if v is not None][-8:]
        who = "INSEE" if answer.query.agency == "INSEE" else "Eurostat"
        updated = f"{tr(lang, 'mis à jour')} {ser.updated[:10]}, " if ser.updated else ""
        pblocks.append(Table((tr(lang, "Période"), answer.query.label), tuple(pts), ("text", "number"),
                             caption=f"{who} : {ser.label}" if lang == "fr" else f"{who}: {ser.label}",
                             source=f"{who}, {updated}{tr(lang, 'relevé du')} {fmt_date(answer.fetched_at, lang)}",
                             decimals=(None, 1)))
    if pub.missing:
        pblocks.append(Callout("info", tr(lang, "Données publiques non récupérées"), tr(lang, "{missing} requête(s) sans réponse enregistrée ({missing_2}) : relancez la collecte des données publiques avec une connexion.", missing=len(pub.missing), missing_2=', '.join(pub.missing))))
    if pblocks:
        subs.append(Section(tr(lang, "Données publiques"), pblocks))
    return subs


def _competitors(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> Section:
    """Competitors: scoring grid and its sensitivity, positioning map, channels, offers, practices, share of voice."""
    subs = [
        *_competitor_grid(study, lang, figures),
        *_positioning(study, lang, figures),
        *_channel_presence(study, lang, figures),
        *_offers(study, lang, figures),
        *_practices(study, lang, figures),
        *_share_of_voice(study, lang, figures),
    ]
    return Section(tr(lang, "La concurrence"), subs)


def _competitor_grid(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """The scoring grid, the facts behind the scores and how far each weight can move."""
    subs: list[Section] = []
    grid = study.grid
    if grid is not None:
        crit = list(grid.weights)
        t = grid.table
        rows = tuple((str(i), *[float(t.loc[i, c]) for c in crit], float(t.loc[i, "score"]), int(t.loc[i, "rank"]))
                     for i in t.index)
        wrow = ", ".join(f"{c} {fmt_percent(w, lang, 0)}" for c, w in grid.weights.items())
        blocks: list[Any] = [
            Table((tr(lang, "Concurrent"), *crit, tr(lang, "Score pondéré"),
                   tr(lang, "Rang")), rows, ("text", *["number"] * len(crit), "number", "integer"),
                  caption=tr(lang, "Grille de notation (1–5)"), name="grille",
                  decimals=(None, *[0] * len(crit), 2, None)),
            Paragraph(tr(lang, "Poids : {wrow} (feuille criteres). Score = Σ poids × note.", wrow=wrow)),
        ]
        if grid.ties:
            blocks.append(Paragraph(tr(lang, "Ex æquo : ") + "; ".join(f"{a} = {b}" for a, b in grid.ties)))
        evidence = study.inputs["notes"]
        items = [Paragraph(Span(f"{r.competitor} — {r.criterion} ({int(r.score)}/5) : " if lang == "fr"
                                else f"{r.competitor} — {r.criterion} ({int(r.score)}/5): ", bold=True),
                           r.evidence or "", f" [{_src_label(study, r.source)}]" if r.source else "")
                 for r in evidence.itertuples(index=False) if r.evidence]
        if items:
            blocks.append(Section(tr(lang, "Constats derrière les notes"),
                                  [BulletList(items)], slide=False))
        subs.append(Section(tr(lang, "Grille concurrentielle"), blocks))
        if study.ranges:
            rows = []
            for r in study.ranges:
                sw = ""
                if r.switch_high and r.high < 1:
                    sw = tr(lang, "{switch_high0} ↔ {switch_high1} à {high}", switch_high0=r.switch_high[0], switch_high1=r.switch_high[1], high=fmt_percent(r.high, lang, 0))
                elif r.switch_low and r.low > 0:
                    sw = tr(lang, "{switch_low0} ↔ {switch_low1} à {low}", switch_low0=r.switch_low[0], switch_low1=r.switch_low[1], low=fmt_percent(r.low, lang, 0))
                rows.append((r.criterion, r.weight, r.low, r.high, r.top_low, r.top_high, sw or "—"))
            sblocks: list[Any] = [
                Table((tr(lang, "Critère"), tr(lang, "Poids"), tr(lang, "Classement stable de"),
                       tr(lang, "à"), tr(lang, "1re place stable de"), tr(lang, "à"),
                       tr(lang, "Premier échange")), tuple(rows),
                      ("text", "percent", "percent", "percent", "percent", "percent", "text"),
                      caption=tr(lang, "Jusqu'où chaque poids peut bouger (les autres gardent leurs proportions)"),
                      name="sensibilite", decimals=(None, 0, 0, 0, 0, 0, None)),
            ]
            st = study.stability
            if st is not None:
                if "stability" in figures:
                    sblocks.append(figures["stability"])
                sblocks.append(Paragraph(tr(lang, "Sur {draws} pondérations tirées au hasard autour des poids choisis (loi de Dirichlet, concentration {concentration}), le premier reste premier dans {same_first} des cas et le classement entier est inchangé dans {same_ranking} des cas.", draws=fmt_integer(st.draws, lang), concentration=fmt_number(st.concentration, lang, 0), same_first=fmt_percent(st.same_first, lang, 0), same_ranking=fmt_percent(st.same_ranking, lang, 0))))
            subs.append(Section(tr(lang, "Sensibilité du classement aux poids"), sblocks))
    return subs


def _positioning(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """The positioning map and, for a PCA map, what its axes sum up."""
    subs: list[Section] = []
    pm = study.positioning
    if pm is not None and "positioning" in figures:
        blocks = [figures["positioning"]]
        if pm.method == "pca" and pm.loadings is not None:
            ex = pm.explained or (0.0, 0.0)
            blocks.append(Paragraph(tr(lang, "Axes calculés par analyse en composantes principales des notes centrées-réduites : l'axe 1 résume {ex0} des écarts entre concurrents, l'axe 2 {ex1}. Poids des critères sur chaque axe ci-dessous (un signe négatif se lit « moins de »). Pour choisir vos axes, nommez les critères en abscisse et en ordonnée dans la feuille des paramètres du classeur.", ex0=fmt_percent(ex[0], lang, 0), ex1=fmt_percent(ex[1], lang, 0))))
            rows = tuple((str(c), float(pm.loadings.loc[c, "x"]), float(pm.loadings.loc[c, "y"])) for c in pm.loadings.index)
            blocks.append(Table((tr(lang, "Critère"), tr(lang, "Axe 1"), tr(lang, "Axe 2")),
                                rows, ("text", "number", "number"), caption=tr(lang, "Contributions des critères aux axes"),
                                name="acp", decimals=(None, 2, 2)))
        subs.append(Section(tr(lang, "Carte de positionnement"), blocks))
    return subs


def _channel_presence(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Presence of each competitor on each channel."""
    subs: list[Section] = []
    pres = study.presence
    if len(pres):
        comps = list(pres.columns)
        rows = tuple((str(ch), *[_presence_cell(pres.loc[ch, c], lang) for c in comps]) for ch in pres.index)
        subs.append(Section(tr(lang, "Présence par canal"), [
            Table((tr(lang, "Canal"), *comps), rows, ("text", *["text"] * len(comps)),
                  caption=tr(lang, "Canal × concurrent : abonnés au relevé, ✓ présent, ✗ absent, — non relevé"),
                  name="canaux"),
        ]))
    return subs


def _offers(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Offers, prices and claims observed."""
    subs: list[Section] = []
    offers = study.inputs["offres"]
    if len(offers):
        rows = tuple((r.competitor, r.offer, r.range or "", r.price, r.price_unit or "", r.claim or "")
                     for r in offers.itertuples(index=False))
        subs.append(Section(tr(lang, "Offres, prix et promesses"), [
            Table((tr(lang, "Concurrent"), tr(lang, "Offre"), tr(lang, "Gamme"),
                   tr(lang, "Prix (€ TTC)"), tr(lang, "Pour"), tr(lang, "Promesse")),
                  rows, ("text", "text", "text", "number", "text", "text"),
                  caption=tr(lang, "Offres et prix relevés"), name="offres",
                  decimals=(None, None, None, 2, None, None)),
        ]))
    return subs


def _practices(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Practices to adopt, adapt or avoid, with their evidence."""
    subs: list[Section] = []
    prac = study.practices
    if len(prac):
        items = []
        for r in prac.itertuples(index=False):
            if r.verdict is None:
                continue
            spans: list[Any] = [Span(f"{VERDICT[lang][r.verdict]} — ", bold=True),
                                f"{r.competitor}, {fmt_date(r.date, lang)} : {r.action}" if lang == "fr"
                                else f"{r.competitor}, {fmt_date(r.date, lang)}: {r.action}"]
            if r.comment:
                spans.append(f" — {r.comment}")
            if r.url:
                spans.append(" (")
                spans.append(Span(tr(lang, "preuve"), href=r.url))
                spans.append(")")
            if r.origin == "règle":
                spans.append(Span(tr(lang, " [verdict proposé par la règle, à valider]"), italic=True))
            items.append(Paragraph(*spans))
        subs.append(Section(tr(lang, "Pratiques à adopter, adapter ou éviter"), [
            BulletList(items),
            Paragraph(tr(lang, "Règle quand l'équipe n'a pas tranché : efficacité ≥ 4 et originalité ≥ 4 → adopter ; efficacité ≥ 3 → adapter ; sinon éviter."), style="small"),
        ]))
    return subs


def _share_of_voice(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Share of voice in the watch's items."""
    subs: list[Section] = []
    if study.voice is not None and len(study.voice):
        rows = tuple((r.competitor, int(r.mentions), r.share) for r in study.voice.itertuples(index=False))
        subs.append(Section(tr(lang, "Part de voix (veille)"), [
            Table((tr(lang, "Acteur"), "Mentions", tr(lang, "Part de voix")),
                  rows, ("text", "integer", "percent"), caption=tr(lang, "Mentions dans les articles collectés par la veille"),
                  name="voix"),
        ]))
    return subs


def _presence_cell(v: Any, lang: Lang) -> str:
    if v is None:
        return "—"
    if v == 0:
        return "✗"
    if v == 1:
        return "✓"
    return fmt_integer(v, lang)


def _method(study: MarketStudy, lang: Lang) -> Section:
    inp = study.inputs
    src = inp["sources"]
    uses: dict[str, int] = {}
    for sheet in ("marche", "acteurs", "pestel", "forces", "notes", "offres"):
        for sid in inp[sheet]["source"] if "source" in inp[sheet] else []:
            if sid:
                uses[sid] = uses.get(sid, 0) + 1
    rows = tuple((r.id, r.title, r.publisher, r.date.date() if hasattr(r.date, "date") and r.date == r.date else None,
                  r.type or "", int(r.reliability), uses.get(r.id, 0), r.url or "")
                 for r in src.itertuples(index=False))
    blocks: list[Any] = [
        Paragraph(tr(lang, "Chaque chiffre et chaque fait de l'étude renvoie à une ligne du classeur marche.xlsx et à une source de la liste ci-dessous. Fiabilité : 5 = statistique publique ou texte officiel, 4 = étude reconnue, 3 = presse spécialisée, 2 = estimation argumentée, 1 = à confirmer.")),
        Table(("id", tr(lang, "Titre"), tr(lang, "Éditeur"), "Date", "Type",
               tr(lang, "Fiabilité"), tr(lang, "Lignes"), tr(lang, "Adresse")),
              rows, ("text", "text", "text", "date", "text", "integer", "integer", "text"),
              caption="Sources", name="sources"),
    ]
    est = inp["marche"][inp["marche"]["status"] == "estimé"] if len(inp["marche"]) else inp["marche"]
    est_p = inp["acteurs"][inp["acteurs"]["status"] == "estimé"] if len(inp["acteurs"]) else inp["acteurs"]
    if len(est) or len(est_p):
        items = [Paragraph(f"{r.segment} {r.year} ({r.indicator}) : {fmt_number(r.value, lang, 0)} {r.unit} — "
                           f"{r.note or tr(lang, 'méthode non précisée')}")
                 for r in est.itertuples(index=False)]
        items += [Paragraph(f"{r.player} {r.year} : {r.note or tr(lang, 'méthode non précisée')}")
                  for r in est_p.itertuples(index=False)]
        blocks.append(Section(tr(lang, "Ce qui a été estimé"), [BulletList(items)], slide=False))
    answers = study.public.answers
    if answers:
        rows2 = tuple((a.query.label, QUERY_KIND[lang].get(a.query.kind, a.query.kind), a.url, a.fetched_at.date())
                      for a in answers)
        blocks.append(Table((tr(lang, "Requête"), "Type", "URL", tr(lang, "Relevé le")), rows2,
                            ("text", "text", "text", "date"), caption=tr(lang, "Données publiques : requêtes et dates"), name="requetes"))
    blocks.append(Paragraph(Span(tr(lang, "Formules. "), bold=True), tr(lang, "TCAM = (Vfin/Vdébut)^(1/n) − 1 ; part de marché = CA de l'acteur / taille du marché de la même année ; CR4 = somme des 4 premières parts ; IHH = Σ (part en %)² ; score concurrentiel = Σ poids × note ; PESTEL = impact × probabilité ; intensité d'une force = moyenne des faits.")))
    for note in study.notes:
        blocks.append(Callout("warning", tr(lang, "À vérifier"), note))
    return Section(tr(lang, "Méthode et sources"), blocks)


def build_report(study: MarketStudy, lang: Lang = "fr", *, figures: Mapping[str, Figure] | None = None,
                 evidence: Mapping[str, Evidence] | None = None, author: str = "",
                 date: _dt.date | None = None) -> Document:
    """The study as a Document (figures made by :func:`veille.marche.commands.study_figures`,
    grid evidence by :func:`veille.marche.evidence.marche_evidence`)."""
    from toolkit.grid import grid_checklist
    from veille.marche.evidence import GRID, marche_evidence

    figures = figures or {}
    grid = grid_checklist(GRID, evidence if evidence is not None else marche_evidence(study, lang=lang), lang=lang)
    sections = [
        _synthesis(study, lang),
        _market(study, lang, figures),
        _competitors(study, lang, figures),
        _method(study, lang),
        _decision(study, lang),
        Section(tr(lang, "Grille d'évaluation A.1"), [grid], appendix=True),
    ]
    return Document(
        title=tr(lang, "Étude de marché et benchmark concurrentiel"),
        subtitle=tr(lang, "Bloc 1 — A.1.2 et A.1.3"),
        client=study.client, author=author, date=date or _dt.date.today(), lang=lang, kind="marche",
        sections=tuple(s for s in sections if s.blocks),
    )
