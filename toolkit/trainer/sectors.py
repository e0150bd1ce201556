"""Sector templates of the generated cases: the words of a client, its market and its customers.

Every template has the same *shape* — four customer segments built on the same archetypes,
three Google Trends keywords (one seasonal, one rising, one steady), the same campaigns and the
same themes of complaint — so that every group's case has the same difficulty by construction;
only the words, the names and the figures drawn from the seed differ (see :mod:`toolkit.trainer.generate`).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ARCHETYPES", "SECTORS", "Sector"]

#: The four customer archetypes behind every sector's segments (same separation everywhere):
#: age (mean, sd), orders per year (Poisson mean), basket (mean, sd, × the sector's price scale),
#: share of customers, acquisition channel weights, online share, B2B flag.
ARCHETYPES = {
    "fideles": {"age": (56, 8), "orders": 11, "basket": (24, 6), "share": 0.34, "online": 0.08,
                "channels": {"bouche-à-oreille": 0.55, "boutique": 0.4, "Google": 0.05}, "b2b": False,
                "optin": 0.3, "card": 0.9, "nps": (8.8, 0.9)},
    "connectes": {"age": (28, 4), "orders": 7, "basket": (38, 7), "share": 0.28, "online": 0.9,
                  "channels": {"Instagram": 0.65, "TikTok": 0.35}, "b2b": False,
                  "optin": 0.9, "card": 0.3, "nps": (8.0, 1.2)},
    "occasionnels": {"age": (50, 9), "orders": 1, "basket": (95, 18), "share": 0.26, "online": 0.7,
                     "channels": {"Google": 0.85, "salon": 0.15}, "b2b": False,
                     "optin": 0.1, "card": 0.02, "nps": (5.5, 1.5)},
    "pros": {"age": (45, 7), "orders": 8, "basket": (260, 50), "share": 0.12, "online": 0.3,
             "channels": {"prospection": 0.6, "salon": 0.3, "bouche-à-oreille": 0.1}, "b2b": True,
             "optin": 0.5, "card": 0.1, "nps": (7.4, 1.1)},
}


@dataclass(frozen=True)
class Sector:
    id: str
    label: str
    names: tuple[str, ...]
    activity: str  # "atelier de réparation et boutique de vélos"
    offer: tuple[str, ...]
    values: tuple[str, ...]
    rse: tuple[str, ...]
    request: str  # as the client writes it: {name}, {city}, {launch}, {budget}
    launch_pool: tuple[str, ...]  # what the client launches this year
    competitors: tuple[tuple[str, str], ...]  # (name, positioning)
    seasonal_keyword: str
    peak_months: tuple[int, ...]  # the planted peak is drawn among these
    rising_pool: tuple[str, ...]  # the planted rising query is drawn among these
    steady_keyword: str
    segment_names: dict[str, str]  # archetype → name the trainer reads in the key
    preference: tuple[str, dict[str, tuple[str, ...]]]  # column name, archetype → its usual values
    categories: tuple[str, ...]  # transaction categories
    price_scale: float
    emerging_pool: tuple[str, ...]  # emerging topics of the watch (two-word phrases)
    headlines: tuple[str, ...]  # background headlines of the watch; {x} = a subject word
    subjects: tuple[str, ...]
    praise: tuple[str, ...]
    complaints: tuple[str, ...]
    market_segments: tuple[str, str, str] = ("Segment A", "Segment B", "Segment C")  # the market study's segments
    market_size: float = 100.0  # the whole market in M€, first year of the series


_SECTORS = (
    Sector(
        id="velo",
        market_segments=('Vélos neufs', 'Vélos reconditionnés', 'Entretien et réparation'),
        market_size=3100.0,
        label="Commerce de proximité — atelier et boutique de vélos",
        names=("Cycles Rivière", "Atelier Roue Libre", "Vélos du Canal", "La Chambre à Air", "Pignon Fixe & Cie",
               "Cycles Beauregard"),
        activity="atelier de réparation et boutique de vélos (neufs, reconditionnés, électriques)",
        offer=("Vente de vélos neufs et reconditionnés", "Atelier de réparation et d'entretien",
               "Location de vélos électriques", "Forfaits entretien pour les flottes d'entreprise"),
        values=("Proximité", "Réparer plutôt que jeter", "Conseil honnête"),
        rse=("Vélos reconditionnés : 40 % des ventes", "Pièces détachées d'occasion remises en circuit",
             "Livraison des réparations en vélo-cargo"),
        request=("« Notre atelier est plein au printemps et vide en hiver. Nous voulons lancer {launch}, "
                 "attirer les actifs qui vont au travail à vélo et mieux travailler avec les entreprises de {city}. "
                 "Budget : {budget} € pour l'année, et personne à plein temps sur le marketing. »"),
        launch_pool=("une offre d'abonnement entretien", "une gamme de vélos cargo", "un service de réparation à domicile"),
        competitors=(("Décathlon Cycle", "Grande surface de sport, prix bas, atelier saturé"),
                     ("VéloMarché", "Place de marché en ligne de vélos reconditionnés"),
                     ("Cyclo Express", "Réparation à domicile en camionnette, réservation en ligne"),
                     ("Atelier Solidaire", "Association d'autoréparation, adhésion à petit prix"),
                     ("BikeHub", "Chaîne de boutiques de vélos électriques haut de gamme")),
        seasonal_keyword="réparation vélo",
        peak_months=(4, 5, 6),
        rising_pool=("vélo cargo", "vélo reconditionné", "forfait mobilités durables"),
        steady_keyword="antivol vélo",
        segment_names={"fideles": "Cyclistes du quartier", "connectes": "Vélotafeurs connectés",
                       "occasionnels": "Acheteurs ponctuels", "pros": "Flottes d'entreprise"},
        preference=("usage_principal", {"fideles": ("loisir", "courses"), "connectes": ("domicile-travail",),
                                        "occasionnels": ("loisir", "cadeau"), "pros": ("flotte",)}),
        categories=("reparation", "pieces", "velos", "location"),
        price_scale=2.2,
        emerging_pool=("vélo cargo", "batterie reconditionnée", "leasing social"),
        headlines=("Le marché du {x} progresse en France", "Villes : nouvelles pistes et plans {x}",
                   "Baromètre : les Français et le {x}", "{x} : ce que prévoit la nouvelle loi",
                   "Enquête sur les prix du {x}", "Salon du cycle : les tendances {x}",
                   "Sécurité routière : le {x} en question", "Entretien du {x} : conseils de saison"),
        subjects=("vélo", "vélo électrique", "stationnement", "cyclotourisme", "vélo urbain", "casque"),
        praise=("Réparation rapide et bien faite, merci à l'atelier !", "Très bons conseils, prix honnêtes.",
                "Vélo reconditionné impeccable, je recommande.", "Accueil chaleureux et équipe compétente."),
        complaints=("Réparation ratée, le dérailleur saute encore.", "Trop cher pour un simple réglage.",
                    "Vélo rendu avec une rayure, aucune excuse."),
    ),
    Sector(
        id="cosmetique",
        market_segments=('Soins du visage', 'Soins capillaires', 'Hygiène et savons'),
        market_size=1900.0,
        label="Marque DTC — cosmétiques solides et naturels",
        names=("Savonnerie Alba", "Maison Sève", "Les Solides d'Iris", "Brume & Argile", "Atelier Calendula",
               "Nature Nue"),
        activity="marque de cosmétiques solides fabriqués en France, vendus en ligne et chez des revendeurs",
        offer=("Shampoings et soins solides", "Coffrets cadeaux", "Abonnement recharge trimestriel",
               "Gamme pour hôtels et spas"),
        values=("Naturalité", "Zéro déchet", "Fabrication française"),
        rse=("Formules certifiées bio", "Emballages carton recyclé sans plastique", "Atelier alimenté en énergie verte"),
        request=("« Nos ventes en ligne stagnent et nos clientes nous découvrent surtout par le bouche-à-oreille. "
                 "Nous voulons lancer {launch}, doubler l'abonnement et nous faire connaître hors de {city}. "
                 "Nous avons {budget} € et une seule personne au marketing. »"),
        launch_pool=("une gamme pour les peaux sensibles", "un coffret découverte", "une gamme homme"),
        competitors=(("Lamazuna", "Pionnier du zéro déchet, présent en grande distribution"),
                     ("Respire", "Marque DTC très active sur Instagram, prix moyens"),
                     ("Cosmo Bio Express", "Marketplace de cosmétiques bio à prix cassés"),
                     ("L'Officine Verte", "Pharmacie en ligne, large gamme naturelle"),
                     ("Pure Savon", "Savonnerie artisanale, forte communauté locale")),
        seasonal_keyword="coffret cosmétique",
        peak_months=(11, 12),
        rising_pool=("shampoing solide", "cosmétique rechargeable", "soin peau sensible"),
        steady_keyword="savon naturel",
        segment_names={"fideles": "Clientes fidèles des marchés", "connectes": "Abonnées Instagram",
                       "occasionnels": "Acheteurs de coffrets cadeaux", "pros": "Hôtels et spas"},
        preference=("type_de_peau", {"fideles": ("normale", "mature"), "connectes": ("mixte", "grasse"),
                                     "occasionnels": ("normale", "sèche"), "pros": ("toutes",)}),
        categories=("soins", "cheveux", "coffrets", "accessoires"),
        price_scale=1.0,
        emerging_pool=("produits rechargeables", "allégations environnementales", "cosmétique refill"),
        headlines=("Cosmétique : le marché du {x} en hausse", "Réglementation : ce qui change pour le {x}",
                   "Enquête : les Français et le {x}", "{x} : les ingrédients qui montent",
                   "Influence : la beauté {x} sur les réseaux", "Salon : les innovations {x}",
                   "Prix : le {x} coûte-t-il plus cher ?", "Distribution : le {x} en pharmacie"),
        subjects=("soin solide", "bio", "zéro déchet", "maquillage", "déodorant naturel", "soin visage"),
        praise=("Shampoing génial, mes cheveux n'ont jamais été aussi doux.", "Produits naturels et efficaces, je recommande.",
                "Coffret magnifique, cadeau très apprécié.", "Service client adorable et réactif."),
        complaints=("Savon qui fond en une semaine, déçue.", "Odeur trop forte, irritation.",
                    "Trop cher pour la quantité."),
    ),
    Sector(
        id="restaurant",
        market_segments=('Restauration à table', 'Vente à emporter', "Traiteur d'entreprise"),
        market_size=5200.0,
        label="Groupe de restaurants — cuisine de saison",
        names=("Les Tables de Margot", "Maison Brasero", "Le Comptoir des Halles", "Bistrots Gaspard",
               "La Cantine du Marché", "Groupe Sarrasin"),
        activity="trois restaurants de cuisine de saison, un service traiteur et la vente à emporter",
        offer=("Déjeuner et dîner dans trois restaurants", "Vente à emporter et livraison", "Traiteur pour les entreprises",
               "Cours de cuisine"),
        values=("Produits de saison", "Convivialité", "Circuits courts"),
        rse=("80 % de produits achetés à moins de 150 km", "Lutte contre le gaspillage : dons quotidiens",
             "Vaisselle consignée pour la vente à emporter"),
        request=("« Nos restaurants sont pleins le week-end mais vides en semaine. Nous voulons lancer {launch}, "
                 "développer le traiteur d'entreprise à {city} et faire revenir nos clients. "
                 "Notre budget est de {budget} € et notre équipe n'a pas le temps. »"),
        launch_pool=("une carte brunch", "une offre de plateaux-repas", "un programme de fidélité"),
        competitors=(("Big Fernand", "Chaîne de burgers, forte présence digitale"),
                     ("Deliveroo Editions", "Cuisines virtuelles en livraison"),
                     ("Traiteur Dupuis", "Traiteur d'entreprise historique, prix élevés"),
                     ("Le Bouillon", "Restaurants à prix bas, files d'attente"),
                     ("Foodles", "Frigos connectés pour les entreprises")),
        seasonal_keyword="traiteur entreprise",
        peak_months=(6, 12),
        rising_pool=("brunch", "plateau repas bureau", "restaurant anti-gaspi"),
        steady_keyword="restaurant réservation",
        segment_names={"fideles": "Habitués du quartier", "connectes": "Jeunes actifs en ligne",
                       "occasionnels": "Clients des grandes occasions", "pros": "Entreprises clientes du traiteur"},
        preference=("moment_prefere", {"fideles": ("déjeuner", "dîner"), "connectes": ("brunch", "à emporter"),
                                       "occasionnels": ("dîner", "événement"), "pros": ("traiteur",)}),
        categories=("salle", "emporter", "traiteur", "cours"),
        price_scale=1.3,
        emerging_pool=("titres restaurant", "cuisine végétale", "vaisselle consignée"),
        headlines=("Restauration : la fréquentation {x} en question", "{x} : les chiffres de l'année",
                   "Enquête : les Français et la {x}", "Le {x} séduit les jeunes actifs",
                   "Inflation : les prix de la {x} augmentent", "Salon : les tendances {x}",
                   "Réglementation : ce qui change pour la {x}", "Guide : la {x} de saison"),
        subjects=("restauration", "livraison de repas", "cuisine locale", "brasserie", "pause déjeuner",
                  "gastronomie"),
        praise=("Cuisine délicieuse et service souriant, on reviendra !", "Produits frais, assiettes généreuses.",
                "Le traiteur a régalé toute l'équipe.", "Très bon rapport qualité-prix."),
        complaints=("Plat froid et service très lent.", "Addition salée pour des portions minuscules.",
                    "Réservation oubliée, accueil désagréable."),
    ),
    Sector(
        id="association",
        market_segments=('Dons des particuliers', "Mécénat d'entreprise", 'Legs et donations'),
        market_size=8400.0,
        label="Association — solidarité et insertion",
        names=("Les Jardins du Lien", "Association Trait d'Union", "Épicerie Solidaire Le Panier",
               "Collectif Entr'aide", "Ressourcerie La Fabrique", "Les Ateliers du Partage"),
        activity="association d'insertion : ressourcerie, ateliers et épicerie solidaire, financée par des dons",
        offer=("Dons ponctuels et mensuels", "Adhésion annuelle", "Mécénat d'entreprise et journées solidaires",
               "Boutique solidaire"),
        values=("Solidarité", "Dignité", "Transparence"),
        rse=("Rapport d'activité et comptes publiés chaque année", "85 % des ressources affectées aux missions",
             "Salariés en insertion : 60 % de sorties positives"),
        request=("« Nos donateurs vieillissent et les dons en ligne restent faibles. Nous voulons lancer {launch}, "
                 "recruter des donateurs mensuels plus jeunes et convaincre les entreprises de {city}. "
                 "Nous avons {budget} € et une équipe de bénévoles. »"),
        launch_pool=("une campagne de dons mensuels", "une boutique solidaire en ligne", "un programme de mécénat"),
        competitors=(("Emmaüs", "Réseau national, forte notoriété, ressourceries"),
                     ("Restos du Cœur", "Campagnes nationales très visibles"),
                     ("Secours Populaire", "Maillage local dense, forte base de donateurs"),
                     ("La Cloche", "Association urbaine très présente sur les réseaux"),
                     ("Linkee", "Aide alimentaire étudiante, communication digitale")),
        seasonal_keyword="don association",
        peak_months=(12,),
        rising_pool=("don mensuel", "mécénat de compétences", "arrondi solidaire"),
        steady_keyword="bénévolat",
        segment_names={"fideles": "Donateurs historiques", "connectes": "Jeunes donateurs en ligne",
                       "occasionnels": "Donateurs ponctuels d'événement", "pros": "Entreprises mécènes"},
        preference=("cause_preferee", {"fideles": ("alimentation", "insertion"), "connectes": ("climat", "insertion"),
                                       "occasionnels": ("urgence",), "pros": ("insertion", "mécénat")}),
        categories=("don", "adhesion", "boutique", "mecenat"),
        price_scale=1.0,
        emerging_pool=("réduction fiscale", "précarité étudiante", "dons alimentaires"),
        headlines=("Générosité : le baromètre {x}", "{x} : ce que disent les chiffres",
                   "Enquête : les Français et la {x}", "La {x} face à l'inflation",
                   "Réglementation : ce qui change pour la {x}", "Associations : la {x} se réinvente",
                   "Collecte : les tendances {x}", "Territoires : la {x} au quotidien"),
        subjects=("solidarité", "collecte de dons", "vie associative", "insertion", "bénévolat", "philanthropie"),
        praise=("Association formidable, équipe bienveillante.", "Je donne chaque mois, les comptes sont clairs.",
                "Super boutique solidaire, bravo aux bénévoles.", "Journée solidaire très réussie avec mon équipe."),
        complaints=("Reçu fiscal jamais envoyé.", "Prélèvement effectué deux fois.",
                    "Personne ne répond au téléphone."),
    ),
)

SECTORS: dict[str, Sector] = {s.id: s for s in _SECTORS}
