"""Write ``marche.xlsx``, the example case's market-study workbook (``toolkit marche build``).

Run from the repository root: ``python examples/brulerie-sauvage/data/make_marche.py``
(``--force`` replaces an existing workbook).

What is real and what is not — read before reusing any figure:

* The **market figures** (sheet ``marche``) and the one market share (sheet ``acteurs``) are
  published numbers, quoted as their source gives them, each with its source's title,
  publisher, date and address (trade press quoting the Nielsen and Circana panels, the
  Syndicat français du café, Statista). A figure marked ``estimé`` is derived from a
  published one by the operation written in its note (a previous year from a published
  growth rate); nothing else is estimated. No market share of JDE or Nestlé in France was
  found in a public source, so none is given: the study says how little of the market the
  listed player covers instead of inventing the rest.
* The **legal and economic facts** cite real public texts (EUDR regulation, AGEC and EGalim
  laws, directive 2024/825, ICO market report).
* The client, its competitors (Café Lumen, Grains d'Ici, Torréfacteurs Réunis, L'Arbre à Café
  des Monts), their prices, channels and actions are fictional.
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
    {"id": "PDV-2020", "title": "Café, thé : le café torréfié hors soluble, données Nielsen HMSM+Proxi au CAD P11/2020",
     "publisher": "Points de vente (données Nielsen)", "url": "https://pointsdevente.fr/alimentaire/cafe-the/",
     "type": "presse", "reliability": 3},
    {"id": "BOURSORAMA-2023", "title": "Machine à grains, café de spécialité : les Français de plus en plus exigeants avec leur café",
     "publisher": "Boursorama (journée internationale du café)", "date": D(2023, 10, 1),
     "url": "https://www.boursorama.com/patrimoine/actualites/machine-a-grains-cafe-de-specialite-les-francais-de-plus-en-plus-exigeants-avec-leur-cafe-f62d6d890528dc0ec520044e63f4a6a4",
     "type": "presse", "reliability": 3},
    {"id": "TRIBUNE-2021", "title": "La crise renforce le café à domicile et bénéficie à Carte Noire",
     "publisher": "La Tribune (Objectif Languedoc-Roussillon)", "date": D(2021, 2, 10),
     "url": "https://objectif-languedoc-roussillon.latribune.fr/entreprises/industrie/2021-02-10/la-crise-renforce-le-cafe-a-domicile-et-beneficie-a-carte-noire-877416.html",
     "type": "presse", "reliability": 3},
    {"id": "PARISIEN-2019", "title": "Marché du café : 2,3 millions de tasses sont bues chaque…\u00a0minute",  # the title's own ellipsis: kept with its word
     "publisher": "Le Parisien (chiffres du Syndicat français du café)", "date": D(2019, 4, 9),
     "url": "https://www.leparisien.fr/economie/consommation/marche-du-cafe-2-3-millions-de-tasses-sont-bues-chaque-minute-09-04-2019-8049639.php",
     "type": "presse", "reliability": 3},
    {"id": "CBANQUE-2019", "title": "Café Nespresso : les Français n'ont jamais autant dépensé pour s'offrir des dosettes (données Nielsen 2018)",
     "publisher": "CBanque, d'après Les Echos",
     "url": "https://www.cbanque.com/actu/73472/cafe-nespresso-les-francais-n-ont-jamais-autant-depense-pour-s-offrir-des-dosettes",
     "type": "presse", "reliability": 3},
    {"id": "PDV-2024", "title": "Boissons chaudes : le boom des spécialités (Circana CAM P11 2024)",
     "publisher": "Points de vente (données Circana)",
     "url": "https://pointsdevente.fr/alimentaire/boissons-chaudes-le-boom-des-specialites/", "type": "presse", "reliability": 3},
    {"id": "STATISTA-CAFE", "title": "Le café en France - Faits et chiffres", "publisher": "Statista",
     "url": "https://fr.statista.com/themes/10144/le-cafe-en-france", "type": "étude", "reliability": 4},
    {"id": "MEF-TORREFACTION", "title": "Les nouveaux visages de la torréfaction (entretien avec le président du Collectif Café)",
     "publisher": "Le Monde de l'Épicerie fine", "url": "https://monde-epicerie-fine.fr/la-torrefaction",
     "type": "presse", "reliability": 3},
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

# Market figures: every number below is quoted as its source gives it (status ``publié``), or derived
# from a published number by the operation written in its note (status ``estimé``).
PDV_NOTE = ("Café torréfié hors soluble, grande distribution et proximité, cumul annuel au 1er novembre 2020 "
            "(données Nielsen citées par Points de vente). Année de confinements : achats reportés du café pris "
            "hors domicile vers le domicile.")
GMS = "France, grande distribution et proximité"
MARCHE = [
    {"year": 2020, "segment": "Total", "indicator": "valeur", "value": 1800.0, "unit": "M€", "geo": GMS,
     "source": "PDV-2020", "status": "publié", "note": "« 1,8 Mds d'€ » ; " + PDV_NOTE},
    {"year": 2019, "segment": "Total", "indicator": "valeur", "value": 1681.0, "unit": "M€", "geo": GMS,
     "source": "PDV-2020", "status": "estimé",
     "note": "1 800 M€ ÷ 1,071 : la source donne « +7,1 % des ventes en valeur » sur un an."},
    {"year": 2020, "segment": "Total", "indicator": "volume", "value": 120366.0, "unit": "t", "geo": GMS,
     "source": "PDV-2020", "status": "publié", "note": "« 120 366 tonnes » ; " + PDV_NOTE},
    {"year": 2019, "segment": "Total", "indicator": "volume", "value": 116974.0, "unit": "t", "geo": GMS,
     "source": "PDV-2020", "status": "estimé",
     "note": "120 366 t ÷ 1,029 : la source donne « +2,9 % des ventes en volume » sur un an."},
    {"year": 2022, "segment": "Grains", "indicator": "valeur", "value": 23.0, "unit": "% du marché", "geo": "France",
     "source": "BOURSORAMA-2023", "status": "publié",
     "note": "« passé de 23% en 2022 » ; la source ne précise pas si la part est en valeur ou en volume."},
    {"year": 2023, "segment": "Grains", "indicator": "valeur", "value": 25.9, "unit": "% du marché", "geo": "France",
     "source": "BOURSORAMA-2023", "status": "publié", "note": "« à 25,9% de parts cette année » (octobre 2023)."},
    {"year": 2022, "segment": "Moulu", "indicator": "valeur", "value": 54.7, "unit": "% du marché", "geo": "France",
     "source": "BOURSORAMA-2023", "status": "publié",
     "note": "« le café moulu représente 54,7% du marché en 2022 » ; pas de chiffre 2023 publié."},
    {"year": 2022, "segment": "Soluble", "indicator": "valeur", "value": 13.0, "unit": "% du marché", "geo": "France",
     "source": "BOURSORAMA-2023", "status": "publié", "note": "« 13% pour le soluble » (2022) ; pas de chiffre 2023 publié."},
]

ACTEURS = [
    {"player": "Carte Noire (groupe Lavazza)", "year": 2020, "revenue": 455.4, "unit": "M€", "source": "TRIBUNE-2021",
     "status": "publié",
     "note": "Chiffre d'affaires 2020 de la marque, vendue uniquement en grande distribution (soluble compris, que "
             "le marché retenu exclut) : la part calculée est un majorant."},
]

SEGMENTS_ACCESS = [
    {"segment": "Grains", "accessibility": 5, "note": "Cœur de l'offre : boutiques, site, abonnement."},
    {"segment": "Moulu", "accessibility": 4, "note": "Mouture à la commande déjà proposée."},
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
    {"dimension": "socioculturel", "fact": "Le café en grains passe de 23 % du marché en 2022 à 25,9 % en 2023, porté par les machines à broyeur",
     "direction": "opportunité", "impact": 4, "likelihood": 4, "source": "BOURSORAMA-2023"},
    {"dimension": "economique", "fact": "Prix du café au détail en hausse : indice des prix à la consommation du café à 125,16 en janvier 2024, plus de 25 points au-dessus de mars 2018",
     "direction": "menace", "impact": 4, "likelihood": 4, "source": "STATISTA-CAFE"},
    {"dimension": "economique", "fact": "Marché mûr : catégorie café « stable en volume » sur les 12 mois à fin novembre 2024, cafés torréfiés +1 % en valeur, dosettes -0,2 % ; les références de grains continuent à recruter (plus de 690 000 foyers acheteurs en 2024)",
     "direction": "menace", "impact": 3, "likelihood": 5, "source": "PDV-2024"},
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
    {"force": "rivalite", "fact": "42 acteurs industriels (hors brûleries de quartier), dont 6 très grandes entreprises ; JDE, Carte Noire-Lavazza et Nestlé en tête", "intensity": 4, "source": "PARISIEN-2019"},
    {"force": "nouveaux_entrants", "fact": "« Un secteur d'activité accessible et relativement ouvert » : ouvertures de néo-torréfacteurs dans les villes de plus de 40 000 habitants", "intensity": 3, "source": "MEF-TORREFACTION"},
    {"force": "substituts", "fact": "Dosettes : 1,4 milliard d'euros de ventes en grande distribution en 2018 (+7,6 %), sur 2,9 milliards pour tout le café", "intensity": 3, "source": "CBANQUE-2019"},
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
    {"key": "annee_parts", "value": 2020, "help": "Année des parts de marché (dernière année de taille de marché publiée)."},
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
