"""The market workbook (``marche.xlsx``) of a generated case: a full study's worth of facts.

Sheets (see :mod:`veille.marche.inputs`): sources, market series by segment (the planted fact:
one segment grows much faster than the others), players and their revenue, accessibility of each
segment, PESTEL facts, five-forces facts, and the competitor benchmark — criteria, scores with
the observed fact, offers and prices, channel presence, dated actions. ``toolkit marche build``
on a generated case therefore writes every part of the study, as on the bundled example.

Every fact is fictional and says so in its source; the figures are drawn from the group's seed.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np

from toolkit.trainer.levels import Level
from toolkit.trainer.sectors import Sector

__all__ = ["market_rows"]

FIRST_YEAR, LAST_YEAR = 2021, 2026
SEEN = _dt.date(2026, 11, 20)


def _sources(sector: Sector) -> list[dict[str, Any]]:
    return [
        {"id": "OBS-2026", "title": f"Panorama du marché — {sector.label} (chiffres fictifs du cas de formation)",
         "publisher": "Observatoire fictif du secteur", "date": _dt.date(2026, 11, 15),
         "url": "https://www.observatoire-fictif.example/panorama-2026", "type": "étude", "reliability": 4},
        {"id": "CONSO-2026", "title": "Baromètre des modes de consommation 2026 (cas fictif)",
         "publisher": "Observatoire Conso (fictif)", "date": _dt.date(2026, 10, 1),
         "url": "https://www.observatoire-conso.example/barometre-2026", "type": "étude", "reliability": 4},
        {"id": "LOI-AGEC", "title": "Loi n° 2020-105 du 10 février 2020 relative à la lutte contre le gaspillage et à "
                                    "l'économie circulaire", "publisher": "Légifrance",
         "date": _dt.date(2020, 2, 11), "url": "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000041553759",
         "type": "texte officiel", "reliability": 5},
        {"id": "CNIL-COOKIES", "title": "Cookies et autres traceurs : lignes directrices et recommandation",
         "publisher": "CNIL", "date": _dt.date(2020, 10, 1), "url": "https://www.cnil.fr/fr/cookies-et-autres-traceurs",
         "type": "texte officiel", "reliability": 5},
        {"id": "RELEVES", "title": "Relevés de l'équipe : sites, réseaux sociaux, prix et actions des concurrents "
                                   "(cas fictif)", "publisher": "Équipe projet", "date": SEEN, "type": "observation",
         "reliability": 3},
    ]


def _pestel(rng: np.random.Generator, sector: Sector) -> list[dict[str, Any]]:
    facts = [
        ("politique", f"Aides locales au commerce de proximité et à la transition écologique des "
                      f"{'associations' if sector.id == 'association' else 'petites entreprises'}",
         "opportunité", "OBS-2026"),
        ("economique", "Inflation des deux dernières années : les ménages arbitrent leurs dépenses et comparent les prix",
         "menace", "CONSO-2026"),
        ("economique", "Hausse des coûts de livraison et des loyers commerciaux en centre-ville", "menace", "OBS-2026"),
        ("socioculturel", "Attente de transparence sur l'origine des produits et sur le prix juste", "opportunité",
         "CONSO-2026"),
        ("technologique", "Commande en ligne, paiement mobile et prise de rendez-vous devenus la norme",
         "opportunité", "CONSO-2026"),
        ("environnemental", "Loi AGEC : moins d'emballages à usage unique, information environnementale du "
                            "consommateur", "opportunité", "LOI-AGEC"),
        ("legal", "Consentement obligatoire aux traceurs publicitaires : audiences de ciblage et mesure réduites",
         "menace", "CNIL-COOKIES"),
    ]
    return [{"dimension": d, "fact": f, "direction": e, "impact": int(rng.integers(2, 6)),
             "likelihood": int(rng.integers(3, 6)), "source": src} for d, f, e, src in facts]


def _forces(rng: np.random.Generator, competitors: list[str], sector: Sector) -> list[dict[str, Any]]:
    leader = competitors[0]
    facts = [
        ("rivalite", f"{len(competitors)} concurrents directs actifs en ligne, dont {leader} très visible"),
        ("nouveaux_entrants", "Barrière à l'entrée modeste en ligne : une boutique et des publicités suffisent pour "
                              "démarrer"),
        ("substituts", f"Alternatives hors du marché étudié : {sector.subjects[-1]}, achat d'occasion entre "
                       "particuliers, faire soi-même"),
        ("fournisseurs", "Quelques fournisseurs spécialisés, délais allongés en haute saison"),
        ("clients", "Prix comparables en deux clics, avis en ligne lus avant chaque achat"),
    ]
    return [{"force": f, "fact": t, "intensity": int(rng.integers(2, 6)), "source": "RELEVES"} for f, t in facts]


CRITERIA = (("Prix accessible", 25, "Prix public de l'offre principale."),
            ("Qualité du conseil et du service", 25, "Avis clients, accueil, délais."),
            ("Présence digitale", 25, "Réseaux sociaux, contenus, référencement."),
            ("Engagement RSE", 25, "Engagements publiés et vérifiables."))
EVIDENCE = {
    1: ("Prix au-dessus du marché", "Avis mitigés sur l'accueil", "Peu présent en ligne", "Aucun engagement publié"),
    3: ("Prix dans la moyenne", "Avis corrects", "Compte actif, une publication par semaine", "Quelques engagements"),
    5: ("Prix le plus bas relevé", "Avis très positifs (4,7/5)", "Vidéos courtes chaque jour, forte communauté",
        "Engagements chiffrés et vérifiés"),
}


def _benchmark(rng: np.random.Generator, competitors: list[tuple[str, str]], brand: str, sector: Sector):
    players = [*(c for c, _p in competitors), brand]
    criteres = [{"criterion": c, "weight": w, "description": d} for c, w, d in CRITERIA]
    notes, offres, canaux, actions = [], [], [], []
    for p in players:
        scores = [int(rng.integers(2, 6)) for _ in CRITERIA]
        for (crit, _w, _d), s, k in zip(CRITERIA, scores, range(len(CRITERIA)), strict=True):
            near = 1 if s <= 2 else 3 if s <= 4 else 5
            notes.append({"competitor": p, "criterion": crit, "score": float(s), "source": "RELEVES",
                          "evidence": EVIDENCE[near][k]})
        offres.append({"competitor": p, "offer": sector.offer[int(rng.integers(0, len(sector.offer)))],
                       "price": round(float(rng.uniform(20, 120)) * sector.price_scale, 2), "price_unit": "unité",
                       "claim": dict(competitors).get(p, sector.values[0]), "source": "RELEVES"})
        for ch in ("Site et boutique en ligne", "Instagram", "TikTok", "Newsletter"):
            present = ch == "Site et boutique en ligne" or bool(rng.random() < 0.7)
            canaux.append({"competitor": p, "channel": ch, "present": present,
                           "followers": int(rng.integers(8, 400)) * 100 if present and ch != "Site et boutique en ligne"
                           else None,
                           "posts_per_week": float(rng.integers(1, 8)) if present and ch in ("Instagram", "TikTok")
                           else None, "date": SEEN})
    for c, _p in competitors[:2]:  # older actions the team noted (not the planted move of the watch)
        actions.append({"competitor": c, "date": _dt.date(2026, int(rng.integers(3, 10)), int(rng.integers(1, 28))),
                        "action": str(rng.choice(["Jeu-concours sur Instagram avec des créateurs locaux",
                                                  "Programme de parrainage : un mois offert par filleul",
                                                  "Série de vidéos courtes « les coulisses »"])),
                        "kind": "campagne", "originality": int(rng.integers(2, 5)), "efficiency": int(rng.integers(2, 5))})
    return criteres, notes, offres, canaux, actions


def market_rows(rng: np.random.Generator, sector: Sector, competitors: list[tuple[str, str]], brand: str,
                level: Level) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """The workbook's rows (sheet → records) and the planted fact (the fastest-growing segment)."""
    segs = list(sector.market_segments)
    fast = int(rng.integers(0, len(segs)))
    shares = [float(x) for x in rng.permutation([0.5, 0.3, 0.2])]
    growth = [float(rng.uniform(*level.market_fast)) if i == fast else float(rng.uniform(*level.market_other))
              for i in range(3)]
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    size = sector.market_size * float(rng.uniform(0.85, 1.15))
    rows, values = [], {}
    for y in years:
        seg_values = [round(size * sh * (1 + g) ** (y - years[0]), 1) for sh, g in zip(shares, growth, strict=True)]
        values[y] = seg_values
        for name, v in zip(segs, seg_values, strict=True):
            rows.append({"year": y, "segment": name, "indicator": "valeur", "value": v, "unit": "M€", "geo": "France",
                         "source": "OBS-2026", "status": "publié"})
        rows.append({"year": y, "segment": "Total", "indicator": "valeur", "value": round(sum(seg_values), 1),
                     "unit": "M€", "geo": "France", "source": "OBS-2026", "status": "publié"})
    n = years[-1] - years[0]
    seg_cagr = (values[years[-1]][fast] / values[years[0]][fast]) ** (1 / n) - 1
    tot = [round(sum(values[y]), 1) for y in (years[0], years[-1])]
    total_cagr = (tot[1] / tot[0]) ** (1 / n) - 1
    last = round(sum(values[years[-1]]), 1)
    names = [c for c, _p in competitors]
    players = [{"player": c, "year": years[-1], "revenue": round(last * float(rng.uniform(0.02, 0.08)), 1), "unit": "M€",
                "source": "OBS-2026", "status": "estimé"} for c in names]
    players.append({"player": brand, "year": years[-1], "revenue": round(last * 0.0005, 2), "unit": "M€",
                    "source": "OBS-2026", "status": "estimé", "note": "comptes du client"})
    criteres, notes, offres, canaux, actions = _benchmark(rng, competitors, brand, sector)
    workbook = {
        "sources": _sources(sector), "marche": rows, "acteurs": players,
        "segments": [{"segment": name, "accessibility": int(rng.integers(2, 6))} for name in segs],
        "pestel": _pestel(rng, sector), "forces": _forces(rng, names, sector),
        "criteres": criteres, "notes": notes, "offres": offres, "canaux": canaux, "actions": actions,
        "parametres": [{"key": "client", "value": brand}, {"key": "segment_total", "value": "Total"}],
    }
    return workbook, {"segment": segs[fast], "segment_cagr": round(seg_cagr, 4), "total_cagr": round(total_cagr, 4),
                      "first_year": years[0], "last_year": years[-1]}
