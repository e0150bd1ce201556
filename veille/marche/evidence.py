"""What the market study shows for each A.1 criterion of the evaluation grid (measured facts).

The study serves the bloc-1 production "veille" (référentiel A.1: A.1.2 market study and
A.1.3 competitor benchmark share its evaluation criteria). A criterion only a person can
judge gets a pointer to the section to review, never "met" (see :mod:`toolkit.grid`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.grid import Evidence

if TYPE_CHECKING:  # pragma: no cover
    from veille.marche.analysis import MarketStudy

__all__ = ["GRID_PRODUCTION", "grid_evidence"]

GRID_PRODUCTION = "veille"


def _t(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


def grid_evidence(study: MarketStudy, lang: str = "fr") -> dict[str, Evidence]:
    """Evidence per criterion id of the ``veille`` grid, from the study's content."""
    inp = study.inputs
    ev: dict[str, Evidence] = {}
    market = inp["marche"]
    sources = inp["sources"]

    geos = sorted(set(market["geo"])) if len(market) else []
    years = sorted(set(market["year"])) if len(market) else []
    segs = sorted(set(market["segment"])) if len(market) else []
    if years:
        text = _t(lang, f"zone : {', '.join(geos)} ; années {years[0]}–{years[-1]} ; {len(segs)} segment(s)",
                  f"area: {', '.join(geos)}; years {years[0]}–{years[-1]}; {len(segs)} segment(s)")
        ev["perimetre"] = Evidence("met" if len(years) >= 3 and len(segs) >= 2 else "partial", text)
    else:
        ev["perimetre"] = Evidence("missing", _t(lang, "aucun chiffre de marché", "no market figure"))

    if len(sources):
        cited = [s for sheet in ("marche", "acteurs", "pestel", "forces") for s in inp[sheet]["source"]
                 if s is not None] if len(market) else []
        rel = dict(zip(sources["id"], sources["reliability"], strict=True))
        strong = sum(1 for s in cited if rel.get(s, 0) >= 4)
        share = strong / len(cited) if cited else 0.0
        text = _t(lang, f"{len(sources)} sources ; {strong} des {len(cited)} faits chiffrés ou qualitatifs citent une "
                        f"source de fiabilité 4–5", f"{len(sources)} sources; {strong} of {len(cited)} facts cite a "
                                                   f"source of reliability 4–5")
        ev["sources_fiables"] = Evidence("met" if len(sources) >= 5 and share >= 0.5 else "partial", text)
        types = sorted({t for t in sources["type"] if t})
        ev["canaux_complementaires"] = Evidence(
            "met" if len(types) >= 4 else "partial",
            _t(lang, f"{len(types)} types de sources : {', '.join(types)}", f"{len(types)} source types: {', '.join(types)}"))
    else:
        ev["sources_fiables"] = Evidence("missing", _t(lang, "aucune source", "no source"))

    n_pestel, n_forces = len(study.pestel), int(study.forces["facts"].sum()) if len(study.forces) else 0
    ev["selection_hierarchisation"] = Evidence(
        "met" if n_pestel >= 6 and n_forces >= 5 else ("partial" if n_pestel or n_forces else "missing"),
        _t(lang, f"{n_pestel} faits PESTEL classés par impact × probabilité ; {n_forces} faits des cinq forces notés",
           f"{n_pestel} PESTEL facts ranked by impact × likelihood; {n_forces} five-forces facts scored"))

    answers = study.public.answers
    if answers:
        last = max(a.fetched_at for a in answers)
        ev["automatisation"] = Evidence("met", _t(
            lang, f"{len(answers)} requête(s) de données publiques (API), dernière le {last.date().isoformat()}",
            f"{len(answers)} public-data query(ies) (API), last on {last.date().isoformat()}"))
    else:
        ev["automatisation"] = Evidence("partial", _t(
            lang, "aucune donnée publique récupérée : lancez `toolkit marche fetch`",
            "no public data fetched: run `toolkit marche fetch`"))

    n_players = len(study.shares)
    n_comp = len(study.grid.table) if study.grid is not None else 0
    ev["acteurs_marche"] = Evidence(
        "met" if n_players >= 3 and n_comp >= 3 else ("partial" if n_players or n_comp else "missing"),
        _t(lang, f"{n_players} acteurs avec part de marché ; {n_comp} concurrents notés sur la grille",
           f"{n_players} players with a market share; {n_comp} competitors scored on the grid"))

    ev["methode"] = Evidence("todo", _t(lang, "section « Méthode et sources »", "section “Method and sources”"))
    ev["analyse_juste"] = Evidence("todo", _t(lang, "synthèse et sections « Marché »", "summary and “Market” sections"))
    ev["strategies_concurrence"] = Evidence("todo", _t(
        lang, f"{len(study.practices)} actions concurrentes qualifiées (originalité, efficacité)",
        f"{len(study.practices)} competitor actions rated (originality, efficiency)"))
    ev["nouveaux_formats"] = Evidence("todo", _t(lang, "matrice de présence par canal", "channel presence matrix"))
    ev["tendances_marche"] = Evidence("todo", _t(lang, "taille, croissance, stade et demande",
                                                 "size, growth, stage and demand"))
    ev["evolutions_societales"] = Evidence("todo", _t(lang, "PESTEL (socioculturel, environnemental)",
                                                      "PESTEL (social, environmental)"))
    return ev
