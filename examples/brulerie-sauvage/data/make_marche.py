"""Write ``marche.xlsx``, the example case's market-study workbook (``toolkit marche build``).

Run from the repository root: ``python examples/brulerie-sauvage/data/make_marche.py``
(``--force`` replaces an existing workbook).

What is real and what is not — read before reusing any figure:

* The **sources** of the legal and economic facts are real public texts and datasets, named
  with their official reference (EUDR regulation, AGEC and EGalim laws, directive 2024/825,
  Eurostat HICP, ICO market report, INSEE Sirene via the company-search API).
* The **market figures and market shares are estimates of the (fictional) project team**,
  marked ``estimé`` with the source ``EQUIPE-EST`` and a note saying where the published
  figure is to be found. They are orders of magnitude for the demonstration, not published
  statistics: replace them with the published numbers before any real use.
* The competitors (Café Lumen, Grains d'Ici, Torréfacteurs Réunis, L'Arbre à Café des
  Monts), their prices, channels, actions and revenues are fictional, like the client.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from veille.marche.inputs import write_workbook  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "marche.xlsx"
D = dt.date

SOURCES = [
    {"id": "EQUIPE-EST", "title": "Estimations de l'équipe projet (méthode dans la note de chaque ligne)",
     "publisher": "Agence Tandem — équipe projet", "date": D(2026, 3, 20), "type": "estimation", "reliability": 2},
    {"id": "ICO-CMR", "title": "Coffee Market Report (rapport mensuel sur le marché du café)",
     "publisher": "International Coffee Organization (ICO)", "url": "https://www.ico.org/",
     "type": "statistique publique", "reliability": 5},
    {"id": "EUROSTAT-IPCH", "title": "Indices des prix à la consommation harmonisés, moyennes annuelles, poste café",
     "publisher": "Eurostat", "url": "https://ec.europa.eu/eurostat/databrowser/view/prc_hicp_aind/default/table",
     "type": "statistique publique", "reliability": 5},
    {"id": "SIRENE-1083Z", "title": "Répertoire Sirene : entreprises de l'activité 10.83Z « Transformation du thé et du café »",
     "publisher": "INSEE, via l'API Recherche d'entreprises (DINUM)", "url": "https://recherche-entreprises.api.gouv.fr",
     "type": "api", "reliability": 5},
    {"id": "UE-EUDR", "title": "Règlement (UE) 2023/1115 relatif aux produits sans déforestation (EUDR)",
     "publisher": "Journal officiel de l'Union européenne", "url": "https://eur-lex.europa.eu/eli/reg/2023/1115/oj",
     "type": "texte officiel", "reliability": 5},
    {"id": "UE-2024-825", "title": "Directive (UE) 2024/825 — donner aux consommateurs les moyens d'agir en faveur de la transition verte",
     "publisher": "Journal officiel de l'Union européenne", "url": "https://eur-lex.europa.eu/eli/dir/2024/825/oj",
     "type": "texte officiel", "reliability": 5},
    {"id": "LOI-AGEC", "title": "Loi n° 2020-105 du 10 février 2020 relative à la lutte contre le gaspillage et à l'économie circulaire (AGEC)",
     "publisher": "Légifrance", "url": "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000041553759",
     "date": D(2020, 2, 10), "type": "texte officiel", "reliability": 5},
    {"id": "LOI-EGALIM", "title": "Loi n° 2018-938 du 30 octobre 2018 (EGalim), restauration collective : produits durables et bio",
     "publisher": "Légifrance", "url": "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000037547946",
     "date": D(2018, 10, 30), "type": "texte officiel", "reliability": 5},
    {"id": "CLIENT", "title": "Données internes Brûlerie Sauvage (chiffre d'affaires 2025, fiche client)",
     "publisher": "Brûlerie Sauvage", "date": D(2026, 1, 15), "type": "entreprise", "reliability": 4},
    {"id": "RELEVES", "title": "Relevés de l'équipe : sites, réseaux sociaux, prix et actions des concurrents (cas fictif)",
     "publisher": "Agence Tandem — équipe projet", "date": D(2026, 3, 15), "type": "observation", "reliability": 3},
    {"id": "TRENDS", "title": "Google Trends, exports « café de spécialité », « café en grains », « abonnement café » (data/trends)",
     "publisher": "Google", "type": "api", "reliability": 3},
    {"id": "NOTE-VEILLE", "title": "Note de synthèse de veille du cas (bloc 1, A.1.1)",
     "publisher": "Agence Tandem — équipe projet", "type": "étude", "reliability": 3},
]

EST = ("Hypothèse de démonstration de l'équipe (cas fictif), à remplacer par le chiffre publié : "
       "panels distributeurs (Circana, NielsenIQ) et rapports annuels des torréfacteurs.")
EST_VOL = ("Hypothèse de démonstration : ordre de grandeur de la consommation française, à remplacer par la série "
           "« consommation des pays importateurs » de l'ICO (sacs de 60 kg convertis en tonnes).")

SEGMENTS = {  # M€, ventes de café torréfié en France (hypothèses de démonstration)
    "Grains": {2021: 420, 2023: 510, 2025: 620},
    "Moulu": {2021: 1500, 2023: 1560, 2025: 1690},
    "Capsules et dosettes": {2021: 1700, 2023: 2020, 2025: 2330},
    "Soluble": {2021: 280, 2023: 310, 2025: 360},
}
TOTAL = {2021: 3900, 2022: 4050, 2023: 4400, 2024: 4650, 2025: 5000}
VOLUME = {2021: 370, 2022: 366, 2023: 362, 2024: 360, 2025: 357}

MARCHE = (
    [{"year": y, "segment": "Total", "indicator": "valeur", "value": float(v), "unit": "M€", "geo": "France",
      "source": "EQUIPE-EST", "status": "estimé", "note": EST} for y, v in TOTAL.items()]
    + [{"year": y, "segment": "Total", "indicator": "volume", "value": float(v), "unit": "kt", "geo": "France",
        "source": "EQUIPE-EST", "status": "estimé", "note": EST_VOL} for y, v in VOLUME.items()]
    + [{"year": y, "segment": s, "indicator": "valeur", "value": float(v), "unit": "M€", "geo": "France",
        "source": "EQUIPE-EST", "status": "estimé", "note": EST} for s, ys in SEGMENTS.items() for y, v in ys.items()]
)

SHARE_NOTE = "Ordre de grandeur de démonstration, non publié : à remplacer par la part de marché du panel distributeurs."
ACTEURS = [
    {"player": "JDE Peet's (L'Or, Grand'Mère…)", "year": 2025, "share": 0.21, "source": "EQUIPE-EST", "status": "estimé", "note": SHARE_NOTE},
    {"player": "Nestlé (Nespresso, Nescafé…)", "year": 2025, "share": 0.19, "source": "EQUIPE-EST", "status": "estimé", "note": SHARE_NOTE},
    {"player": "Lavazza (Carte Noire…)", "year": 2025, "share": 0.16, "source": "EQUIPE-EST", "status": "estimé", "note": SHARE_NOTE},
    {"player": "Malongo", "year": 2025, "share": 0.04, "source": "EQUIPE-EST", "status": "estimé", "note": SHARE_NOTE},
    {"player": "Torréfacteurs Réunis", "year": 2025, "revenue": 38.0, "unit": "M€", "source": "RELEVES", "status": "estimé",
     "note": "Concurrent fictif : chiffre d'affaires du cas."},
    {"player": "Grains d'Ici", "year": 2025, "revenue": 24.0, "unit": "M€", "source": "RELEVES", "status": "estimé",
     "note": "Concurrent fictif : chiffre d'affaires du cas."},
    {"player": "Café Lumen", "year": 2025, "revenue": 6.5, "unit": "M€", "source": "RELEVES", "status": "estimé",
     "note": "Concurrent fictif : chiffre d'affaires du cas."},
    {"player": "L'Arbre à Café des Monts", "year": 2025, "revenue": 4.2, "unit": "M€", "source": "RELEVES", "status": "estimé",
     "note": "Concurrent fictif : chiffre d'affaires du cas."},
    {"player": "Brûlerie Sauvage", "year": 2025, "revenue": 2.1, "unit": "M€", "source": "CLIENT", "status": "publié",
     "note": "Chiffre d'affaires 2025 communiqué par le client."},
]

SEGMENTS_ACCESS = [
    {"segment": "Grains", "accessibility": 5, "note": "Cœur de l'offre : boutiques, site, abonnement."},
    {"segment": "Moulu", "accessibility": 4, "note": "Mouture à la commande déjà proposée."},
    {"segment": "Capsules et dosettes", "accessibility": 2, "note": "Capsules compostables : machine de conditionnement à financer."},
    {"segment": "Soluble", "accessibility": 1, "note": "Hors du métier de torréfacteur artisanal."},
]

PESTEL = [
    {"dimension": "economique", "fact": "Cours de l'arabica à des niveaux record en 2025 : coûts d'achat et prix de vente en hausse",
     "direction": "menace", "impact": 5, "likelihood": 5, "source": "ICO-CMR"},
    {"dimension": "legal", "fact": "EUDR : preuve de non-déforestation et géolocalisation des parcelles exigées pour le café importé",
     "direction": "menace", "impact": 4, "likelihood": 5, "source": "UE-EUDR"},
    {"dimension": "socioculturel", "fact": "Intérêt de recherche en hausse pour l'abonnement café",
     "direction": "opportunité", "impact": 4, "likelihood": 4, "source": "TRENDS"},
    {"dimension": "socioculturel", "fact": "Attente de transparence sur l'origine et le prix payé au producteur",
     "direction": "opportunité", "impact": 4, "likelihood": 4, "source": "NOTE-VEILLE"},
    {"dimension": "economique", "fact": "Prix du café au détail en hausse : à chiffrer avec l'IPCH « café » et à expliquer aux clients",
     "direction": "menace", "impact": 4, "likelihood": 4, "source": "EUROSTAT-IPCH"},
    {"dimension": "environnemental", "fact": "Loi AGEC : réduction des emballages à usage unique et information environnementale du consommateur",
     "direction": "opportunité", "impact": 3, "likelihood": 5, "source": "LOI-AGEC"},
    {"dimension": "legal", "fact": "Directive 2024/825 : fin des allégations environnementales génériques non justifiées",
     "direction": "menace", "impact": 3, "likelihood": 5, "source": "UE-2024-825"},
    {"dimension": "technologique", "fact": "Abonnements et paiements récurrents intégrés aux plateformes de commerce en ligne",
     "direction": "opportunité", "impact": 3, "likelihood": 4, "source": "RELEVES"},
    {"dimension": "politique", "fact": "EGalim : produits durables et bio imposés en restauration collective publique (débouché B2B)",
     "direction": "opportunité", "impact": 2, "likelihood": 4, "source": "LOI-EGALIM"},
]

FORCES = [
    {"force": "rivalite", "fact": "Guerre des prix sur l'abonnement (Torréfacteurs Réunis à 9,90 € les 250 g)", "intensity": 4, "source": "RELEVES"},
    {"force": "rivalite", "fact": "Café Lumen ouvre une boutique sur la Presqu'île, à quelques rues des boutiques du client", "intensity": 4, "source": "RELEVES"},
    {"force": "nouveaux_entrants", "fact": "Barrière à l'entrée modeste : un torréfacteur artisanal démarre avec une machine de 5 à 15 kg", "intensity": 3, "source": "EQUIPE-EST"},
    {"force": "substituts", "fact": "Capsules et solubles des grands groupes, pratiques et présents partout", "intensity": 3, "source": "EQUIPE-EST"},
    {"force": "fournisseurs", "fact": "Arabica au plus haut et exigences EUDR : coopératives et négociants en position de force", "intensity": 4, "source": "ICO-CMR"},
    {"force": "clients", "fact": "Abonnements sans engagement et prix comparables en deux clics", "intensity": 3, "source": "RELEVES"},
]

CRITERES = [
    {"criterion": "Qualité perçue", "weight": 25, "description": "Notes clients, concours, fraîcheur de torréfaction."},
    {"criterion": "Prix accessible", "weight": 20, "description": "Prix au kilo des cafés de spécialité et de l'abonnement."},
    {"criterion": "Présence digitale", "weight": 20, "description": "Réseaux sociaux, contenus, référencement."},
    {"criterion": "Transparence et RSE", "weight": 20, "description": "Traçabilité publiée, prix producteur, emballages."},
    {"criterion": "Expérience d'abonnement", "weight": 15, "description": "Souplesse, personnalisation, livraison."},
]

SCORES = {
    "Brûlerie Sauvage": (4, 3, 3, 5, 3),
    "Café Lumen": (5, 2, 5, 2, 3),
    "Grains d'Ici": (3, 4, 3, 4, 2),
    "Torréfacteurs Réunis": (2, 5, 4, 2, 5),
    "L'Arbre à Café des Monts": (4, 3, 5, 4, 3),
}
EVIDENCE = {
    ("Brûlerie Sauvage", "Transparence et RSE"): "Prix d'achat, coopérative et parcelle publiés pour chaque lot.",
    ("Brûlerie Sauvage", "Présence digitale"): "Compte Instagram actif mais une publication par semaine ; pas de vidéo courte.",
    ("Café Lumen", "Présence digitale"): "Reels quotidiens, 48 000 abonnés Instagram.",
    ("Café Lumen", "Prix accessible"): "Micro-lots à 18 € les 250 g.",
    ("Torréfacteurs Réunis", "Prix accessible"): "Abonnement à 9,90 € les 250 g.",
    ("Torréfacteurs Réunis", "Expérience d'abonnement"): "Choix de la mouture, pause et report en un clic.",
    ("L'Arbre à Café des Monts", "Présence digitale"): "Série vidéo « Un producteur, un prénom », 27 000 abonnés Instagram, 12 000 sur TikTok.",
    ("L'Arbre à Café des Monts", "Transparence et RSE"): "Portraits de producteurs, mais prix d'achat non publiés.",
    ("Brûlerie Sauvage", "Qualité perçue"): "Torréfaction à la commande, fraîcheur datée sur chaque paquet.",
    ("Brûlerie Sauvage", "Prix accessible"): "Abonnement à 14,50 € les 250 g, au-dessus de Torréfacteurs Réunis.",
    ("Café Lumen", "Qualité perçue"): "Lauréat de concours de torréfaction, micro-lots notés plus de 86 points.",
    ("Torréfacteurs Réunis", "Qualité perçue"): "Assemblages standard, torréfaction centralisée.",
    ("Grains d'Ici", "Transparence et RSE"): "Score carbone affiché sur les paquets en grande distribution.",
}
NOTES = [
    {"competitor": comp, "criterion": c["criterion"], "score": float(s), "source": "RELEVES",
     "evidence": EVIDENCE.get((comp, c["criterion"]))}
    for comp, scores in SCORES.items() for c, s in zip(CRITERES, scores, strict=True)
]

OFFRES = [
    {"competitor": "Brûlerie Sauvage", "offer": "Abonnement mensuel", "range": "12 origines, 3 assemblages", "price": 14.50,
     "price_unit": "250 g / mois", "claim": "Le café de spécialité de proximité, à la traçabilité totale", "source": "CLIENT"},
    {"competitor": "Café Lumen", "offer": "Micro-lots", "range": "Lots d'exception en séries limitées", "price": 18.00,
     "price_unit": "250 g", "claim": "Torréfié à Paris, des cafés d'exception", "source": "RELEVES"},
    {"competitor": "Grains d'Ici", "offer": "Café bio en grains", "range": "Gamme bio en grande distribution", "price": 19.90,
     "price_unit": "1 kg", "claim": "Le bio accessible à tous", "source": "RELEVES"},
    {"competitor": "Torréfacteurs Réunis", "offer": "Abonnement", "range": "Assemblages maison", "price": 9.90,
     "price_unit": "250 g / mois", "claim": "Le bon café livré chez vous au meilleur prix", "source": "RELEVES"},
    {"competitor": "L'Arbre à Café des Monts", "offer": "Abonnement découverte", "range": "8 origines", "price": 13.90,
     "price_unit": "250 g / mois", "claim": "Des producteurs que vous connaissez par leur prénom", "source": "RELEVES"},
]

SEEN = D(2026, 3, 15)
_CH = {  # channel: {competitor: (present, followers, posts per week)}
    "Instagram": {"Brûlerie Sauvage": (True, 6200, 1), "Café Lumen": (True, 48000, 7), "Grains d'Ici": (True, 21000, 3),
                  "Torréfacteurs Réunis": (True, 35000, 5), "L'Arbre à Café des Monts": (True, 27000, 4)},
    "TikTok": {"Brûlerie Sauvage": (False, None, None), "Café Lumen": (True, 15000, 3), "Grains d'Ici": (False, None, None),
               "Torréfacteurs Réunis": (True, 9000, 2), "L'Arbre à Café des Monts": (True, 12000, 2)},
    "LinkedIn": {"Brûlerie Sauvage": (True, 900, 0.5), "Café Lumen": (False, None, None), "Grains d'Ici": (True, 4000, 1),
                 "Torréfacteurs Réunis": (True, 2500, 1), "L'Arbre à Café des Monts": (False, None, None)},
    "Newsletter": {"Brûlerie Sauvage": (True, 4800, 0.5), "Café Lumen": (True, None, 1), "Grains d'Ici": (True, None, 0.25),
                   "Torréfacteurs Réunis": (True, None, 1), "L'Arbre à Café des Monts": (True, 9500, 1)},
    "Boutique en ligne": {c: (True, None, None) for c in SCORES},
    "Boutiques physiques": {"Brûlerie Sauvage": (True, None, None), "Café Lumen": (True, None, None),
                            "Grains d'Ici": (False, None, None), "Torréfacteurs Réunis": (True, None, None),
                            "L'Arbre à Café des Monts": (True, None, None)},
    "Grande distribution": {"Brûlerie Sauvage": (False, None, None), "Café Lumen": (False, None, None),
                            "Grains d'Ici": (True, None, None), "Torréfacteurs Réunis": (False, None, None),
                            "L'Arbre à Café des Monts": (False, None, None)},
}
CANAUX = [{"competitor": comp, "channel": ch, "present": p, "followers": f, "posts_per_week": w, "date": SEEN}
          for ch, by in _CH.items() for comp, (p, f, w) in by.items()]

ACTIONS = [
    {"competitor": "L'Arbre à Café des Monts", "date": D(2026, 1, 20), "action": "Série vidéo « Un producteur, un prénom » (Reels de 30 s) relayée par la lettre mensuelle",
     "kind": "format", "url": "https://www.arbre-a-cafe-des-monts.example/producteurs", "originality": 4, "efficiency": 5,
     "practice": "adopter", "comment": "avec nos 11 coopératives et le prix payé publié, que le concurrent ne montre pas"},
    {"competitor": "Café Lumen", "date": D(2025, 12, 1), "action": "Calendrier de l'Avent café en édition limitée, lancé avec des créateurs de contenu",
     "kind": "campagne", "url": "https://www.cafe-lumen.example/avent", "originality": 4, "efficiency": 4},
    {"competitor": "Grains d'Ici", "date": D(2025, 9, 15), "action": "Score carbone affiché sur les paquets",
     "kind": "format", "url": "https://www.grains-dici.example/engagements", "originality": 4, "efficiency": 3,
     "practice": "adapter", "comment": "publier notre bilan carbone par kilo, chiffre vérifiable (directive 2024/825)"},
    {"competitor": "Café Lumen", "date": D(2026, 2, 10), "action": "Levée de fonds et ouverture d'une boutique sur la Presqu'île à Lyon",
     "kind": "expansion", "url": "https://www.cafe-lumen.example/presse", "originality": 3, "efficiency": 4},
    {"competitor": "Torréfacteurs Réunis", "date": D(2026, 3, 1), "action": "Parrainage : un mois d'abonnement offert par filleul",
     "kind": "fidélisation", "url": "https://www.torrefacteurs-reunis.example/parrainage", "originality": 2, "efficiency": 4},
    {"competitor": "Torréfacteurs Réunis", "date": D(2025, 11, 3), "action": "Abonnement à 9,90 € les 250 g poussé en publicité Instagram",
     "kind": "prix", "url": "https://www.torrefacteurs-reunis.example/abonnement", "originality": 2, "efficiency": 4,
     "practice": "éviter", "comment": "la guerre des prix est incompatible avec la rémunération des producteurs"},
]

PARAMETRES = [
    {"key": "client", "value": "Brûlerie Sauvage", "help": "Nom du client dans la grille concurrentielle."},
    {"key": "segment_total", "value": "Total", "help": "Segment représentant le marché entier."},
    {"key": "annee_parts", "value": 2025, "help": "Année des parts de marché."},
    {"key": "seuils_hhi", "value": "2023", "help": "Seuils HHI des Merger Guidelines 2023 (1 000 / 1 800)."},
    {"key": "poids_taille", "value": 0.3, "help": "Attractivité : la taille compte moins que l'accès pour un artisan."},
    {"key": "poids_croissance", "value": 0.3, "help": "Attractivité : poids de la croissance."},
    {"key": "poids_accessibilite", "value": 0.4, "help": "Attractivité : poids de l'accessibilité pour le client."},
    {"key": "axe_x", "value": None, "help": "Vide : axes calculés par ACP."},
    {"key": "axe_y", "value": None, "help": "Vide : axes calculés par ACP."},
]

PUBLIQUES = [
    {"kind": "denombrement", "query": "naf=10.83Z departement=69", "label": "Entreprises de torréfaction (NAF 10.83Z) dans le Rhône"},
    {"kind": "denombrement", "query": "naf=10.83Z", "label": "Entreprises de torréfaction (NAF 10.83Z) en France"},
    {"kind": "eurostat", "query": "prc_hicp_aind coicop=CP01211 geo=FR unit=INX_A_AVG", "label": "IPCH café, France (indice)"},
]

if __name__ == "__main__":
    force = "--force" in sys.argv[1:]
    path = write_workbook(OUT, {
        "sources": SOURCES, "marche": MARCHE, "acteurs": ACTEURS, "segments": SEGMENTS_ACCESS, "pestel": PESTEL,
        "forces": FORCES, "criteres": CRITERES, "notes": NOTES, "offres": OFFRES, "canaux": CANAUX,
        "actions": ACTIONS, "parametres": PARAMETRES, "donnees_publiques": PUBLIQUES,
    }, overwrite=force)
    print(f"written: {path}")
