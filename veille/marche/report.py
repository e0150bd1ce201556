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

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.grid import Evidence
    from veille.marche.analysis import MarketStudy

__all__ = ["build_report"]


def _t(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


STAGE = {"fr": {"lancement": "lancement", "croissance": "croissance", "maturité": "maturité", "déclin": "déclin"},
         "en": {"lancement": "launch", "croissance": "growth", "maturité": "maturity", "déclin": "decline"}}
LEVEL = {"fr": {"faible": "faible", "moyenne": "moyenne", "forte": "forte", "modérée": "modérée"},
         "en": {"faible": "low", "moyenne": "medium", "forte": "high", "modérée": "moderate"}}
FORCE = {"fr": {"rivalite": "Rivalité entre concurrents", "nouveaux_entrants": "Menace de nouveaux entrants",
                "substituts": "Menace des substituts", "fournisseurs": "Pouvoir des fournisseurs",
                "clients": "Pouvoir des clients"},
         "en": {"rivalite": "Competitive rivalry", "nouveaux_entrants": "Threat of new entrants",
                "substituts": "Threat of substitutes", "fournisseurs": "Supplier power", "clients": "Buyer power"}}
PESTEL = {"fr": {"politique": "Politique", "economique": "Économique", "socioculturel": "Socioculturel",
                 "technologique": "Technologique", "environnemental": "Environnemental", "legal": "Légal"},
          "en": {"politique": "Political", "economique": "Economic", "socioculturel": "Social",
                 "technologique": "Technological", "environnemental": "Environmental", "legal": "Legal"}}
QUERY_KIND = {"fr": {"entreprise": "registre Sirene (entreprise)", "denombrement": "registre Sirene (dénombrement)",
                     "eurostat": "Eurostat (JSON-stat)", "insee": "INSEE, base macro-économique (SDMX)",
                     "sdmx": "statistique publique (SDMX)"},
              "en": {"entreprise": "Sirene register (company)", "denombrement": "Sirene register (count)",
                     "eurostat": "Eurostat (JSON-stat)", "insee": "INSEE macro-economic database (SDMX)",
                     "sdmx": "official statistics (SDMX)"}}
VERDICT = {"fr": {"adopter": "Adopter", "adapter": "Adapter", "éviter": "Éviter"},
           "en": {"adopter": "Adopt", "adapter": "Adapt", "éviter": "Avoid"}}


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
        text = _t(lang, f"{study.client} est {rank}e sur {len(t)} de la grille concurrentielle, derrière {leader} ; "
                        f"son atout est « {strength} », son principal retard « {gap} » : c'est là que porte le plan.",
                  f"{study.client} ranks {rank} of {len(t)} on the competitor grid, behind {leader}; its asset is "
                  f"“{strength}”, its main gap “{gap}”: that is where the plan should act.")
    else:
        text = _t(lang, f"{study.client} arrive en tête de la grille concurrentielle ; son atout distinctif est "
                        f"« {strength} » : à mettre au cœur de la communication.",
                  f"{study.client} tops the competitor grid; its distinctive asset is “{strength}”: put it at the "
                  "heart of the communication.")
    return text


def keyed_findings(study: MarketStudy, lang: Lang = "fr") -> list[tuple[str, str, str]]:
    """Up to five findings a client can act on, each from a computed result, as
    ``(watch axis, lead, text)``: the market, its segments and its environment serve the watch
    note's strategic axis, concentration, position and practices its competitive axis."""
    out: list[tuple[str, str, str]] = []
    tot = study.total
    if tot is not None and tot.get("cagr") is not None:
        stage = STAGE[lang][tot["stage"]]
        text = _t(lang,
                  f"Le marché pèse {_num(tot['last_value'], lang)} {tot['unit']} en {tot['last_year']} "
                  f"({fmt_change(tot['cagr'], lang)} par an depuis {tot['first_year']}) et se trouve en {stage}",
                  f"The market is worth {_num(tot['last_value'], lang)} {tot['unit']} in {tot['last_year']} "
                  f"({fmt_change(tot['cagr'], lang)} a year since {tot['first_year']}) and is in {stage}")
        vol = tot.get("volume")
        if vol is not None and vol.get("cagr") is not None and vol["cagr"] < tot["cagr"] - 0.01:
            text += _t(lang, f" : les volumes évoluent de {fmt_change(vol['cagr'], lang)} par an, la croissance "
                             "vient des prix. Il faut gagner des clients sur les concurrents, pas attendre le marché.",
                       f": volumes change by {fmt_change(vol['cagr'], lang)} a year, growth comes from prices. "
                       "Customers must be won from competitors, not from market growth.")
        else:
            text += "."
        out.append(("strategique", _t(lang, "Marché : ", "Market: "), text))
    if len(study.segments):
        best = study.segments.iloc[0]
        out.append(("strategique", _t(lang, "Segment prioritaire : ", "Priority segment: "), _t(
            lang, f"« {best['segment']} » est le segment le plus attractif pour le client (score "
                  f"{_num(best['score'], lang)}/100 : taille, croissance de {fmt_change(best['growth'], lang)} par an, "
                  f"accessibilité {_num(best['accessibility'], lang)}/5) : y concentrer l'offre et le budget.",
            f"“{best['segment']}” is the most attractive segment for the client (score {_num(best['score'], lang)}/100: "
            f"size, growth of {fmt_change(best['growth'], lang)} a year, accessibility {_num(best['accessibility'], lang)}/5): "
            "focus the offer and the budget there.")))
    conc = study.concentration
    if conc is not None and conc.players >= 4:
        band = LEVEL[lang][conc.band]
        out.append(("concurrentielle", _t(lang, "Concentration : ", "Concentration: "), _t(
            lang, f"Les quatre premiers acteurs détiennent {fmt_percent(conc.cr4, lang, 0)} du marché (IHH "
                  f"{fmt_integer(conc.hhi_low, lang)} à {fmt_integer(conc.hhi_high, lang)}, concentration {band}) : "
                  "un petit acteur se différencie sur ce que les grands groupes ne peuvent pas prouver.",
            f"The four largest players hold {fmt_percent(conc.cr4, lang, 0)} of the market (HHI "
            f"{fmt_integer(conc.hhi_low, lang)} to {fmt_integer(conc.hhi_high, lang)}, {band} concentration): a small "
            "player wins on what large groups cannot prove.")))
    elif conc is not None:
        # fewer than four listed players: say what the listed ones hold, never call it a CR4
        names = ", ".join(str(p) for p in study.shares["player"])
        one = conc.players == 1
        out.append(("concurrentielle", _t(lang, "Concentration : ", "Concentration: "), _t(
            lang, f"{names} {'détient' if one else 'détiennent'} à {'lui' if one else 'eux'} seul{'' if one else 's'} "
                  f"{fmt_percent(conc.cr4, lang, 0)} du marché en {study.share_year} ; les autres acteurs n'ont pas de "
                  f"part publiée (IHH entre {fmt_integer(conc.hhi_low, lang)} et {fmt_integer(conc.hhi_high, lang)}) : "
                  "un petit acteur se différencie sur ce que les grands groupes ne peuvent pas prouver.",
            f"{names} alone hold{'s' if one else ''} {fmt_percent(conc.cr4, lang, 0)} of the market in "
            f"{study.share_year}; the other players have no published share (HHI between "
            f"{fmt_integer(conc.hhi_low, lang)} and {fmt_integer(conc.hhi_high, lang)}): a small player wins on what "
            "large groups cannot prove.")))
    position = _position_finding(study, lang)
    if position is not None:
        out.append(("concurrentielle", _t(lang, "Position concurrentielle : ", "Competitive position: "), position))
    prac = study.practices
    if len(prac):
        adopt = prac[prac["verdict"] == "adopter"]
        if len(adopt):
            r = adopt.iloc[0]
            out.append(("concurrentielle", _t(lang, "Pratique à reprendre : ", "Practice to adopt: "), _t(
                lang, f"{r['competitor']} : {r['action']} ({fmt_date(r['date'], lang)}) — efficace et original, à "
                      "adopter à la manière du client.",
                f"{r['competitor']}: {r['action']} ({fmt_date(r['date'], lang)}) — effective and original, to adopt "
                "in the client's own way.")))
    if len(out) < 5 and len(study.pestel):
        top = study.pestel.iloc[0]
        kind = _t(lang, "opportunité", "opportunity") if top["direction"] == "opportunité" else _t(lang, "menace", "threat")
        out.append(("strategique", _t(lang, "Environnement : ", "Environment: "), _t(
            lang, f"Le fait le plus structurant est une {kind} ({PESTEL[lang][top['dimension']].lower()}) : {top['fact']} "
                  f"(impact × probabilité = {int(top['score'])}/25).",
            f"The most structuring fact is a{'n' if kind == 'opportunity' else ''} {kind} "
            f"({PESTEL[lang][top['dimension']].lower()}): {top['fact']} (impact × likelihood = {int(top['score'])}/25).")))
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
        points.append(_t(lang, f"Valider la position retenue face aux concurrents (rang {rank}/{len(study.grid.table)} "
                               "sur la grille) et l'axe de différenciation à défendre.",
                         f"Approve the position held against the competitors (rank {rank}/{len(study.grid.table)} on "
                         "the grid) and the differentiation to defend."))
    prac = study.practices
    if len(prac) and "verdict" in prac:
        n = int(prac["verdict"].isin(["adopter", "adapter"]).sum())
        if n:
            points.append(_t(lang, f"Choisir, parmi les {n} pratiques concurrentes à adopter ou adapter, celles que le "
                                   "plan reprendra.",
                             f"Choose which of the {n} competitor practices to adopt or adapt the plan takes up."))
    if len(study.inputs["marche"]) and (study.inputs["marche"]["status"] == "estimé").any():
        points.append(_t(lang, "Faire confirmer les chiffres estimés par une source publiée avant tout engagement budgétaire.",
                         "Have the estimated figures confirmed by a published source before committing any budget."))
    points.append(_t(lang, "Retenir les segments de marché à cibler dans l'analyse du besoin et le plan.",
                     "Adopt the market segments to target in the needs analysis and the plan."))
    return Section(_t(lang, "Décision attendue", "Decision expected"),
                   [Decision(_t(lang, "Valider le positionnement et les cibles de marché",
                                "Approve the positioning and the market targets"), points)])


def _synthesis(study: MarketStudy, lang: Lang) -> Section:
    tiles = []
    tot = study.total
    if tot is not None:
        tiles.append(KeyFigure(_t(lang, f"Marché {tot['last_year']}", f"Market {tot['last_year']}"), tot["last_value"],
                               "number", unit=str(tot["unit"]), decimals=0,
                               note=_t(lang, "estimation", "estimate") if tot["last_estimated"] else ""))
        if tot.get("cagr") is not None:
            tiles.append(KeyFigure(_t(lang, "Croissance annuelle moyenne", "Average annual growth"), tot["cagr"],
                                   "percent", note=f"{tot['first_year']}–{tot['last_year']}"))
            tiles.append(KeyFigure(_t(lang, "Stade du marché", "Market stage"), STAGE[lang][tot["stage"]], "text",
                                   note=_t(lang, f"sur la série en {tot['stage_indicator']}",
                                           f"on the {tot['stage_indicator']} series")))
    if study.concentration is not None:
        tiles.append(KeyFigure("CR4" if study.concentration.players >= 4 else
                               _t(lang, "Part des acteurs listés", "Share of listed players"),
                               study.concentration.cr4, "percent", decimals=0,
                               note=f"IHH ≥ {fmt_integer(study.concentration.hhi_low, lang)}"))
    if study.grid is not None and study.client in study.grid.table.index:
        tiles.append(KeyFigure(_t(lang, "Rang du client", "Client's rank"),
                               f"{int(study.grid.table.loc[study.client, 'rank'])}/{len(study.grid.table)}", "text",
                               note=_t(lang, "grille concurrentielle", "competitor grid")))
    blocks: list[Any] = []
    if tiles:
        blocks.append(KeyFigures(tiles[:5]))
    found = findings(study, lang)
    if found:
        blocks.append(BulletList(found, ordered=True))
    else:
        blocks.append(Callout("warning", _t(lang, "Étude à compléter", "Study to complete"),
                              _t(lang, "Remplissez le classeur marche.xlsx (chiffres, acteurs, grille) pour obtenir "
                                       "les constats.", "Fill in marche.xlsx (figures, players, grid) to get findings.")))
    est = study.inputs["marche"]
    if len(est) and (est["status"] == "estimé").any():
        n = int((est["status"] == "estimé").sum())
        blocks.append(Callout("info", _t(lang, "Chiffres estimés", "Estimated figures"), _t(
            lang, f"{n} des {len(est)} chiffres de marché sont des estimations (voir « Méthode et sources ») : "
                  "les ordres de grandeur guident les décisions, pas les décimales.",
            f"{n} of the {len(est)} market figures are estimates (see “Method and sources”): orders of magnitude "
            "guide the decisions, not the decimals.")))
    return Section(_t(lang, "Synthèse", "Summary"), blocks)


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
    return Section(_t(lang, "Le marché", "The market"), subs)


def _market_size(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Size, growth and stage of each segment (CAGR, stage rule)."""
    series = study.series
    subs: list[Section] = []
    if len(series):
        rows = []
        for r in series.itertuples(index=False):
            estimated = (_t(lang, "oui", "yes") if r.all_estimated else
                         _t(lang, "en partie", "partly") if r.estimated else _t(lang, "non", "no"))
            period = str(r.first_year) if r.first_year == r.last_year else f"{r.first_year}–{r.last_year}"
            rows.append((r.segment, r.indicator, r.unit, r.geo, period, r.last_value,
                         r.cagr, r.last_growth, STAGE[lang].get(r.stage, "—") if r.stage else "—", estimated))
        table = Table(
            (_t(lang, "Segment", "Segment"), _t(lang, "Indicateur", "Indicator"), _t(lang, "Unité", "Unit"),
             _t(lang, "Zone", "Area"), _t(lang, "Période", "Period"), _t(lang, "Dernière valeur", "Last value"),
             "TCAM" if lang == "fr" else "CAGR", _t(lang, "Dernière année", "Last year"), _t(lang, "Stade", "Stage"),
             _t(lang, "Estimé", "Estimated")),
            tuple(rows), ("text", "text", "text", "text", "text", "number", "percent", "percent", "text", "text"),
            caption=_t(lang, "Taille et croissance par segment", "Size and growth by segment"), name="marche",
            decimals=(None, None, None, None, None, _decimals(series["last_value"]), 1, 1, None, None))
        blocks: list[Any] = []
        if "market" in figures:
            blocks.append(figures["market"])
        blocks.append(table)
        blocks.append(Paragraph(Span(_t(lang, "Règle du stade : ", "Stage rule: "), bold=True), study.rule.describe(lang),
                                " TCAM = (valeur finale / valeur initiale)^(1/années) − 1." if lang == "fr"
                                else " CAGR = (end value / start value)^(1/years) − 1."))
        subs.append(Section(_t(lang, "Taille, croissance et stade", "Size, growth and stage"), blocks))
    return subs


def _market_segments(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Segment attractiveness: size, growth and accessibility weighted."""
    s = study.inputs.settings
    subs: list[Section] = []
    if len(study.segments):
        sg = study.segments
        rows = tuple((r.segment, r.size, r.growth, r.accessibility, r.score, int(r.rank)) for r in sg.itertuples(index=False))
        unit = str(sg["unit"].iloc[0])
        subs.append(Section(_t(lang, "Attractivité des segments", "Segment attractiveness"), [
            Table((_t(lang, "Segment", "Segment"), _t(lang, f"Taille ({unit})", f"Size ({unit})"),
                   "TCAM" if lang == "fr" else "CAGR", _t(lang, "Accessibilité (1–5)", "Accessibility (1–5)"),
                   _t(lang, "Score /100", "Score /100"), _t(lang, "Rang", "Rank")),
                  rows, ("text", "number", "percent", "number", "number", "integer"),
                  caption=_t(lang, "Attractivité = taille, croissance et accessibilité ramenées sur 100 puis pondérées",
                             "Attractiveness = size, growth and accessibility scaled to 100 then weighted"),
                  name="segments", decimals=(None, _decimals(sg["size"]), 1, 0, 0, None)),
            Paragraph(_t(lang, f"Poids (modifiables dans la feuille parametres) : taille {fmt_number(s['poids_taille'], lang, 2)}, "
                               f"croissance {fmt_number(s['poids_croissance'], lang, 2)}, accessibilité "
                               f"{fmt_number(s['poids_accessibilite'], lang, 2)}. Chaque critère est ramené de 0 (plus "
                               "faible segment) à 100 (plus fort).",
                         f"Weights (editable in the parametres sheet): size {fmt_number(s['poids_taille'], lang, 2)}, "
                         f"growth {fmt_number(s['poids_croissance'], lang, 2)}, accessibility "
                         f"{fmt_number(s['poids_accessibilite'], lang, 2)}. Each criterion is scaled from 0 (weakest "
                         "segment) to 100 (strongest).")),
            *_segment_caveats(sg, unit, lang),
        ]))
    return subs


def _segment_caveats(sg: Any, unit: str, lang: Lang) -> list[Paragraph]:
    """What the attractiveness scores rest on when segments are shares or lack a growth rate."""
    out = []
    if "%" in unit:
        out.append(Paragraph(_t(lang, "Les segments sont mesurés en part de marché : leur TCAM est celui de leur part, "
                                      "pas celui de leurs ventes.",
                                "Segments are measured as market shares: their CAGR is that of their share, not of "
                                "their sales.")))
    missing = [str(r.segment) for r in sg.itertuples(index=False) if r.growth is None or r.growth != r.growth]
    if missing and len(missing) < len(sg):
        out.append(Paragraph(_t(lang, f"Sans deux années publiées, la croissance de {', '.join(missing)} est comptée à "
                                      "0 % par an.",
                                f"Without two published years, the growth of {', '.join(missing)} counts as 0 % a "
                                "year.")))
    return out


def _market_shares(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Players, market shares and concentration (CR4, HHI)."""
    subs: list[Section] = []
    if len(study.shares):
        sh = study.shares
        rows = tuple((r.player, r.revenue, r.share, r.share_origin if lang == "fr" else
                      {"publiée": "published", "calculée": "computed"}[r.share_origin],
                      _src_label(study, r.source), r.status) for r in sh.itertuples(index=False))
        conc = study.concentration
        blocks = []
        if "shares" in figures:
            blocks.append(figures["shares"])
        blocks.append(Table((_t(lang, "Acteur", "Player"), _t(lang, "Chiffre d'affaires", "Revenue"),
                             _t(lang, "Part de marché", "Market share"), _t(lang, "Part", "Share"), "Source",
                             _t(lang, "Statut", "Status")), rows,
                            ("text", "number", "percent", "text", "text", "text"),
                            caption=_t(lang, f"Acteurs et parts de marché ({study.share_year})",
                                       f"Players and market shares ({study.share_year})"),
                            name="parts", decimals=(None, 1, 1, None, None, None)))
        if conc is not None:
            cr4_fr = (f"CR4 = {fmt_percent(conc.cr4, lang, 1)}." if conc.players >= 4 else
                      f"Part cumulée des acteurs listés = {fmt_percent(conc.cr4, lang, 1)} (le CR4 demande les quatre "
                      "premiers acteurs).")
            cr4_en = (f"CR4 = {fmt_percent(conc.cr4, lang, 1)}." if conc.players >= 4 else
                      f"Combined share of the listed players = {fmt_percent(conc.cr4, lang, 1)} (the CR4 needs the four "
                      "largest players).")
            blocks.append(Paragraph(_t(
                lang, f"{cr4_fr} Indice de Herfindahl-Hirschman (somme des carrés des parts "
                      f"en %) : {fmt_integer(conc.hhi_low, lang)} si le reste du marché ({fmt_percent(1 - conc.covered, lang, 0)}) "
                      f"est très fragmenté, {fmt_integer(conc.hhi_high, lang)} s'il n'était qu'un acteur ; concentration "
                      f"{LEVEL[lang][conc.band]}"
                      + (f" à {LEVEL[lang][conc.band_high]}" if conc.band_high != conc.band else "")
                      + f". Seuils : moins de {fmt_integer(conc.bands.moderate, lang)} faible, plus de "
                        f"{fmt_integer(conc.bands.high, lang)} forte ({conc.bands.source}).",
                f"{cr4_en} Herfindahl-Hirschman index (sum of squared shares in %): "
                f"{fmt_integer(conc.hhi_low, lang)} if the rest of the market ({fmt_percent(1 - conc.covered, lang, 0)}) is "
                f"fragmented, {fmt_integer(conc.hhi_high, lang)} if it were one player; {LEVEL[lang][conc.band]} "
                "concentration" + (f" to {LEVEL[lang][conc.band_high]}" if conc.band_high != conc.band else "")
                + f". Bands: below {fmt_integer(conc.bands.moderate, lang)} low, above {fmt_integer(conc.bands.high, lang)} "
                  f"high ({conc.bands.source}).")))
        subs.append(Section(_t(lang, "Acteurs et parts de marché", "Players and market shares"), blocks))
    return subs


def _market_pestel(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """PESTEL facts ranked by impact × likelihood."""
    subs: list[Section] = []
    if len(study.pestel):
        rows = tuple((PESTEL[lang][r.dimension], r.fact,
                      _t(lang, "Opportunité", "Opportunity") if r.direction == "opportunité" else _t(lang, "Menace", "Threat"),
                      int(r.impact), int(r.likelihood), int(r.score), _src_label(study, r.source))
                     for r in study.pestel.itertuples(index=False))
        subs.append(Section("PESTEL", [
            Table((_t(lang, "Dimension", "Dimension"), _t(lang, "Fait", "Fact"), _t(lang, "Effet", "Effect"),
                   "Impact", _t(lang, "Probabilité", "Likelihood"), "Score /25", "Source"), rows,
                  ("text", "text", "text", "integer", "integer", "integer", "text"),
                  caption=_t(lang, "Faits PESTEL classés par impact × probabilité",
                             "PESTEL facts ranked by impact × likelihood"), name="pestel"),
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
        subs.append(Section(_t(lang, "Cinq forces de Porter", "Porter's five forces"), [
            Table((_t(lang, "Force", "Force"), _t(lang, "Intensité (1–5)", "Intensity (1–5)"),
                   _t(lang, "Niveau", "Level"), _t(lang, "Faits", "Facts")), rows,
                  ("text", "number", "text", "integer"), caption=_t(lang, "Intensité des cinq forces (moyenne des faits)",
                                                                    "Five-forces intensity (mean of the facts)"),
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
        subs.append(Section(_t(lang, "Signaux de demande (Google Trends)", "Demand signals (Google Trends)"), [
            Table((_t(lang, "Mot-clé", "Keyword"), _t(lang, "Tendance", "Trend"), "Momentum",
                   _t(lang, "Mois de pointe", "Peak months")), rows, ("text", "text", "percent", "text"),
                  caption=_t(lang, "Intérêt de recherche des mots-clés du marché (module veille)",
                             "Search interest of the market's keywords (veille module)"), name="demande"),
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
            pblocks.append(Table((_t(lang, "Entreprise", "Company"), "SIREN", "NAF", _t(lang, "Effectif", "Headcount"),
                                  _t(lang, "Catégorie", "Category"), _t(lang, "Création", "Created"),
                                  _t(lang, "Commune", "Town"), _t(lang, "Exercice", "Year"), _t(lang, "CA (€)", "Revenue (€)")),
                                 rows, ("text", "text", "text", "text", "text", "text", "text", "text", "integer"),
                                 caption=_t(lang, f"Registre : « {answer.query.label} »", f"Register: “{answer.query.label}”"),
                                 source=f"recherche-entreprises.api.gouv.fr, {fmt_date(answer.fetched_at, lang)}"))
    for answer, n in pub.counts:
        pblocks.append(Paragraph(Span(answer.query.label + " : " if lang == "fr" else answer.query.label + ": ", bold=True),
                                 _t(lang, f"{fmt_integer(n, lang)} entreprises actives ({answer.query.text}, registre "
                                          f"Sirene via recherche-entreprises, relevé du {fmt_date(answer.fetched_at, lang)}).",
                                    f"{fmt_integer(n, lang)} active companies ({answer.query.text}, Sirene register via "
                                    f"recherche-entreprises, fetched on {fmt_date(answer.fetched_at, lang)}).")))
    for answer, ser in pub.series:
        pts = [(p, v) for p, v in ser.points if v is not None][-8:]
        who = "INSEE" if answer.query.agency == "INSEE" else "Eurostat"
        updated = f"{_t(lang, 'mis à jour', 'updated')} {ser.updated[:10]}, " if ser.updated else ""
        pblocks.append(Table(("Période" if lang == "fr" else "Period", answer.query.label), tuple(pts), ("text", "number"),
                             caption=f"{who} : {ser.label}" if lang == "fr" else f"{who}: {ser.label}",
                             source=f"{who}, {updated}{_t(lang, 'relevé du', 'fetched on')} {fmt_date(answer.fetched_at, lang)}",
                             decimals=(None, 1)))
    if pub.missing:
        pblocks.append(Callout("info", _t(lang, "Données publiques non récupérées", "Public data not fetched"), _t(
            lang, f"{len(pub.missing)} requête(s) sans réponse enregistrée ({', '.join(pub.missing)}) : relancez "
                  "la collecte des données publiques avec une connexion.",
            f"{len(pub.missing)} query(ies) without a saved answer ({', '.join(pub.missing)}): fetch the public "
            "data again online.")))
    if pblocks:
        subs.append(Section(_t(lang, "Données publiques", "Public data"), pblocks))
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
    return Section(_t(lang, "La concurrence", "Competitors"), subs)


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
            Table((_t(lang, "Concurrent", "Competitor"), *crit, _t(lang, "Score pondéré", "Weighted score"),
                   _t(lang, "Rang", "Rank")), rows, ("text", *["number"] * len(crit), "number", "integer"),
                  caption=_t(lang, "Grille de notation (1–5)", "Scoring grid (1–5)"), name="grille",
                  decimals=(None, *[0] * len(crit), 2, None)),
            Paragraph(_t(lang, f"Poids : {wrow} (feuille criteres). Score = Σ poids × note.",
                         f"Weights: {wrow} (criteres sheet). Score = Σ weight × score.")),
        ]
        if grid.ties:
            blocks.append(Paragraph(_t(lang, "Ex æquo : ", "Ties: ") + "; ".join(f"{a} = {b}" for a, b in grid.ties)))
        evidence = study.inputs["notes"]
        items = [Paragraph(Span(f"{r.competitor} — {r.criterion} ({int(r.score)}/5) : " if lang == "fr"
                                else f"{r.competitor} — {r.criterion} ({int(r.score)}/5): ", bold=True),
                           r.evidence or "", f" [{_src_label(study, r.source)}]" if r.source else "")
                 for r in evidence.itertuples(index=False) if r.evidence]
        if items:
            blocks.append(Section(_t(lang, "Constats derrière les notes", "Facts behind the scores"),
                                  [BulletList(items)], slide=False))
        subs.append(Section(_t(lang, "Grille concurrentielle", "Competitor grid"), blocks))
        if study.ranges:
            rows = []
            for r in study.ranges:
                sw = ""
                if r.switch_high and r.high < 1:
                    sw = f"{r.switch_high[0]} ↔ {r.switch_high[1]} à {fmt_percent(r.high, lang, 0)}" if lang == "fr" \
                        else f"{r.switch_high[0]} ↔ {r.switch_high[1]} at {fmt_percent(r.high, lang, 0)}"
                elif r.switch_low and r.low > 0:
                    sw = f"{r.switch_low[0]} ↔ {r.switch_low[1]} à {fmt_percent(r.low, lang, 0)}" if lang == "fr" \
                        else f"{r.switch_low[0]} ↔ {r.switch_low[1]} at {fmt_percent(r.low, lang, 0)}"
                rows.append((r.criterion, r.weight, r.low, r.high, r.top_low, r.top_high, sw or "—"))
            sblocks: list[Any] = [
                Table((_t(lang, "Critère", "Criterion"), _t(lang, "Poids", "Weight"), _t(lang, "Classement stable de", "Ranking holds from"),
                       _t(lang, "à", "to"), _t(lang, "1re place stable de", "First place holds from"), _t(lang, "à", "to"),
                       _t(lang, "Premier échange", "First swap")), tuple(rows),
                      ("text", "percent", "percent", "percent", "percent", "percent", "text"),
                      caption=_t(lang, "Jusqu'où chaque poids peut bouger (les autres gardent leurs proportions)",
                                 "How far each weight can move (the others keep their proportions)"),
                      name="sensibilite", decimals=(None, 0, 0, 0, 0, 0, None)),
            ]
            st = study.stability
            if st is not None:
                if "stability" in figures:
                    sblocks.append(figures["stability"])
                sblocks.append(Paragraph(_t(
                    lang, f"Sur {fmt_integer(st.draws, lang)} pondérations tirées au hasard autour des poids choisis "
                          f"(loi de Dirichlet, concentration {fmt_number(st.concentration, lang, 0)}), le premier reste premier "
                          f"dans {fmt_percent(st.same_first, lang, 0)} des cas et le classement entier est inchangé dans "
                          f"{fmt_percent(st.same_ranking, lang, 0)} des cas.",
                    f"Over {fmt_integer(st.draws, lang)} random weightings around the chosen weights (Dirichlet, concentration "
                    f"{fmt_number(st.concentration, lang, 0)}), the first stays first in {fmt_percent(st.same_first, lang, 0)} "
                    f"of draws and the whole ranking is unchanged in {fmt_percent(st.same_ranking, lang, 0)}.")))
            subs.append(Section(_t(lang, "Sensibilité du classement aux poids", "Sensitivity of the ranking to the weights"), sblocks))
    return subs


def _positioning(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """The positioning map and, for a PCA map, what its axes sum up."""
    subs: list[Section] = []
    pm = study.positioning
    if pm is not None and "positioning" in figures:
        blocks = [figures["positioning"]]
        if pm.method == "pca" and pm.loadings is not None:
            ex = pm.explained or (0.0, 0.0)
            blocks.append(Paragraph(_t(
                lang, f"Axes calculés par analyse en composantes principales des notes centrées-réduites : l'axe 1 résume "
                      f"{fmt_percent(ex[0], lang, 0)} des écarts entre concurrents, l'axe 2 {fmt_percent(ex[1], lang, 0)}. "
                      "Poids des critères sur chaque axe ci-dessous (un signe négatif se lit « moins de »). Pour choisir "
                      "vos axes, nommez les critères en abscisse et en ordonnée dans la feuille des paramètres du classeur.",
                f"Axes from a principal component analysis of the standardised scores: axis 1 sums up "
                f"{fmt_percent(ex[0], lang, 0)} of the differences between competitors, axis 2 {fmt_percent(ex[1], lang, 0)}. "
                "Criteria loadings below (a negative sign reads “less of”). To choose your own axes, name the criteria "
                "for the horizontal and vertical axes in the workbook's settings sheet.")))
            rows = tuple((str(c), float(pm.loadings.loc[c, "x"]), float(pm.loadings.loc[c, "y"])) for c in pm.loadings.index)
            blocks.append(Table((_t(lang, "Critère", "Criterion"), _t(lang, "Axe 1", "Axis 1"), _t(lang, "Axe 2", "Axis 2")),
                                rows, ("text", "number", "number"), caption=_t(lang, "Contributions des critères aux axes",
                                                                               "Criteria loadings on the axes"),
                                name="acp", decimals=(None, 2, 2)))
        subs.append(Section(_t(lang, "Carte de positionnement", "Positioning map"), blocks))
    return subs


def _channel_presence(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Presence of each competitor on each channel."""
    subs: list[Section] = []
    pres = study.presence
    if len(pres):
        comps = list(pres.columns)
        rows = tuple((str(ch), *[_presence_cell(pres.loc[ch, c], lang) for c in comps]) for ch in pres.index)
        subs.append(Section(_t(lang, "Présence par canal", "Presence by channel"), [
            Table((_t(lang, "Canal", "Channel"), *comps), rows, ("text", *["text"] * len(comps)),
                  caption=_t(lang, "Canal × concurrent : abonnés au relevé, ✓ présent, ✗ absent, — non relevé",
                             "Channel × competitor: followers when seen, ✓ present, ✗ absent, — not observed"),
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
        subs.append(Section(_t(lang, "Offres, prix et promesses", "Offers, prices and claims"), [
            Table((_t(lang, "Concurrent", "Competitor"), _t(lang, "Offre", "Offer"), _t(lang, "Gamme", "Range"),
                   _t(lang, "Prix (€ TTC)", "Price (€ incl. VAT)"), _t(lang, "Pour", "Per"), _t(lang, "Promesse", "Claim")),
                  rows, ("text", "text", "text", "number", "text", "text"),
                  caption=_t(lang, "Offres et prix relevés", "Offers and prices observed"), name="offres",
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
                spans.append(Span(_t(lang, "preuve", "evidence"), href=r.url))
                spans.append(")")
            if r.origin == "règle":
                spans.append(Span(_t(lang, " [verdict proposé par la règle, à valider]",
                                     " [verdict suggested by the rule, to confirm]"), italic=True))
            items.append(Paragraph(*spans))
        subs.append(Section(_t(lang, "Pratiques à adopter, adapter ou éviter", "Practices to adopt, adapt or avoid"), [
            BulletList(items),
            Paragraph(_t(lang, "Règle quand l'équipe n'a pas tranché : efficacité ≥ 4 et originalité ≥ 4 → adopter ; "
                               "efficacité ≥ 3 → adapter ; sinon éviter.",
                         "Rule when the team left it blank: efficiency ≥ 4 and originality ≥ 4 → adopt; efficiency ≥ 3 → "
                         "adapt; otherwise avoid."), style="small"),
        ]))
    return subs


def _share_of_voice(study: MarketStudy, lang: Lang, figures: Mapping[str, Figure]) -> list[Section]:
    """Share of voice in the watch's items."""
    subs: list[Section] = []
    if study.voice is not None and len(study.voice):
        rows = tuple((r.competitor, int(r.mentions), r.share) for r in study.voice.itertuples(index=False))
        subs.append(Section(_t(lang, "Part de voix (veille)", "Share of voice (watch)"), [
            Table((_t(lang, "Acteur", "Player"), _t(lang, "Mentions", "Mentions"), _t(lang, "Part de voix", "Share of voice")),
                  rows, ("text", "integer", "percent"), caption=_t(lang, "Mentions dans les articles collectés par la veille",
                                                                     "Mentions in the items collected by the watch"),
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
        Paragraph(_t(lang, "Chaque chiffre et chaque fait de l'étude renvoie à une ligne du classeur marche.xlsx et à une "
                           "source de la liste ci-dessous. Fiabilité : 5 = statistique publique ou texte officiel, 4 = "
                           "étude reconnue, 3 = presse spécialisée, 2 = estimation argumentée, 1 = à confirmer.",
                     "Every figure and fact of the study points to a row of marche.xlsx and to a source below. "
                     "Reliability: 5 = official statistics or legal text, 4 = recognised study, 3 = trade press, "
                     "2 = reasoned estimate, 1 = to be confirmed.")),
        Table(("id", _t(lang, "Titre", "Title"), _t(lang, "Éditeur", "Publisher"), "Date", "Type",
               _t(lang, "Fiabilité", "Reliability"), _t(lang, "Lignes", "Rows"), _t(lang, "Adresse", "Address")),
              rows, ("text", "text", "text", "date", "text", "integer", "integer", "text"),
              caption=_t(lang, "Sources", "Sources"), name="sources"),
    ]
    est = inp["marche"][inp["marche"]["status"] == "estimé"] if len(inp["marche"]) else inp["marche"]
    est_p = inp["acteurs"][inp["acteurs"]["status"] == "estimé"] if len(inp["acteurs"]) else inp["acteurs"]
    if len(est) or len(est_p):
        items = [Paragraph(f"{r.segment} {r.year} ({r.indicator}) : {fmt_number(r.value, lang, 0)} {r.unit} — "
                           f"{r.note or _t(lang, 'méthode non précisée', 'method not stated')}")
                 for r in est.itertuples(index=False)]
        items += [Paragraph(f"{r.player} {r.year} : {r.note or _t(lang, 'méthode non précisée', 'method not stated')}")
                  for r in est_p.itertuples(index=False)]
        blocks.append(Section(_t(lang, "Ce qui a été estimé", "What was estimated"), [BulletList(items)], slide=False))
    answers = study.public.answers
    if answers:
        rows2 = tuple((a.query.label, QUERY_KIND[lang].get(a.query.kind, a.query.kind), a.url, a.fetched_at.date())
                      for a in answers)
        blocks.append(Table((_t(lang, "Requête", "Query"), "Type", "URL", _t(lang, "Relevé le", "Fetched on")), rows2,
                            ("text", "text", "text", "date"), caption=_t(lang, "Données publiques : requêtes et dates",
                                                                          "Public data: queries and dates"), name="requetes"))
    blocks.append(Paragraph(Span(_t(lang, "Formules. ", "Formulas. "), bold=True), _t(
        lang, "TCAM = (Vfin/Vdébut)^(1/n) − 1 ; part de marché = CA de l'acteur / taille du marché de la même année ; "
              "CR4 = somme des 4 premières parts ; IHH = Σ (part en %)² ; score concurrentiel = Σ poids × note ; "
              "PESTEL = impact × probabilité ; intensité d'une force = moyenne des faits.",
        "CAGR = (Vend/Vstart)^(1/n) − 1; market share = player revenue / market size of the same year; CR4 = sum of the "
        "4 largest shares; HHI = Σ (share in %)²; competitor score = Σ weight × score; PESTEL = impact × likelihood; "
        "force intensity = mean of its facts.")))
    for note in study.notes:
        blocks.append(Callout("warning", _t(lang, "À vérifier", "To check"), note))
    return Section(_t(lang, "Méthode et sources", "Method and sources"), blocks)


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
        Section(_t(lang, "Grille d'évaluation A.1", "A.1 evaluation grid"), [grid], appendix=True),
    ]
    return Document(
        title=_t(lang, "Étude de marché et benchmark concurrentiel", "Market study and competitor benchmark"),
        subtitle=_t(lang, "Bloc 1 — A.1.2 et A.1.3", "Bloc 1 — A.1.2 and A.1.3"),
        client=study.client, author=author, date=date or _dt.date.today(), lang=lang, kind="marche",
        sections=tuple(s for s in sections if s.blocks),
    )
