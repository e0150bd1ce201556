"""Generate the example case's feed snapshots (fictional publications, invented content).

Run from the project root:  python examples/brulerie-sauvage/data/veille/generate_snapshots.py

Writes ``snapshots/<slug>.xml`` (RSS 2.0, Atom, and Google Alerts' Atom flavour) and
``feeds.opml`` (shaped like a Feedly export: folders named after the axes). Deterministic
(fixed seed). Every domain is ``.example``: the publications and their articles are invented.
Dates run from July 2026 to June 2027, the year before the mission's watch note; some themes
grow in recent months (IA générative, TikTok/Reels, EUDR) so that the analysis has real
"emerging" signals to find, and a few articles are republished by several sources (with
tracking parameters or a Google redirect) so that the store's deduplication has work to do.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
SNAP = HERE / "snapshots"
START = dt.datetime(2026, 7, 1, 6, 0, tzinfo=dt.UTC)
END = dt.datetime(2027, 6, 29, 18, 0, tzinfo=dt.UTC)
RNG = random.Random(2027)


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def when(phase: str) -> dt.datetime:
    """A date in the watch year: 'old' = Jul–Dec 2026, 'recent' = Mar–Jun 2027, 'any' = whole year."""
    lo, hi = {"old": (START, dt.datetime(2026, 12, 31, tzinfo=dt.UTC)),
              "recent": (dt.datetime(2027, 3, 1, tzinfo=dt.UTC), END),
              "mid": (dt.datetime(2026, 10, 1, tzinfo=dt.UTC), dt.datetime(2027, 3, 31, tzinfo=dt.UTC)),
              "any": (START, END)}[phase]
    t = lo + (hi - lo) * RNG.random()
    return t.replace(minute=RNG.choice([0, 15, 30, 45]), second=0, microsecond=0)


# (name, host, axis, type, reliability, format, in_case_yaml, items)
# items: (title, summary, phase)
SOURCES: list[dict] = []


def source(name, host, axis, typ, reliability, fmt, items, in_case=False, path="/rss"):
    SOURCES.append(dict(name=name, host=host, axis=axis, type=typ, reliability=reliability, fmt=fmt,
                        items=items, in_case=in_case, path=path))


ARABICA = [(2026, 7, "3,42"), (2026, 8, "3,55"), (2026, 9, "3,71"), (2026, 10, "3,64"), (2026, 11, "3,89"),
           (2026, 12, "4,05"), (2027, 1, "4,18"), (2027, 2, "4,02"), (2027, 3, "4,27"), (2027, 4, "4,41"),
           (2027, 5, "4,36"), (2027, 6, "4,58")]

source("Le Journal du Café", "www.journal-du-cafe.example", "strategique", "presse", 4, "rss", in_case=True, items=[
    *[(f"Café vert : l'arabica termine {dt.date(y, m, 1).strftime('%m/%Y')} à {p} $ la livre à New York",
       f"Le contrat arabica de référence clôture le mois à {p} $/lb. Sécheresse au Brésil, stocks certifiés bas "
       "et demande soutenue entretiennent la hausse du prix du café vert.", f"{y}-{m:02d}")
      for y, m, p in ARABICA],
    ("Prix du café vert : les torréfacteurs indépendants sous pression", "Marges comprimées, hausses de prix en boutique : comment les artisans répercutent la flambée de l'arabica.", "mid"),
    ("Café de spécialité : le marché français progresse de 9 % en 2026", "Le café de spécialité gagne des parts en grains et en abonnement, porté par les 25-40 ans urbains.", "old"),
    ("Abonnements café : le modèle qui résiste à l'inflation", "Les abonnements en ligne fidélisent mieux que la vente au paquet ; le taux de désabonnement reste le point faible.", "mid"),
    ("EUDR : le règlement européen contre la déforestation entre en application", "Les importateurs de café doivent prouver que leurs lots ne proviennent pas de parcelles déboisées après 2020.", "2027-01"),
    ("EUDR : géolocalisation des parcelles, le casse-tête des petites coopératives", "La traçabilité exigée par l'EUDR coûte cher aux coopératives ; les torréfacteurs en commerce direct ont une longueur d'avance.", "recent"),
    ("Robusta, arabica : pourquoi les assemblages changent de recette", "Face aux prix, certains torréfacteurs réintroduisent du robusta de qualité dans leurs assemblages.", "recent"),
    ("La consommation de café en grains dépasse les dosettes en valeur", "Le grain poursuit sa croissance au détriment des capsules, selon les panels distributeurs.", "old"),
    ("Café de spécialité : les cafés-boutiques se multiplient dans les villes moyennes", "Après les métropoles, Annecy, Tours ou Besançon voient s'ouvrir des coffee shops de spécialité.", "any"),
    ("Origines rares : la course aux micro-lots s'intensifie", "Geisha, lots anaérobies, fermentations : les torréfacteurs cherchent à se différencier par l'origine.", "recent"),
    ("Grande distribution : le café premium gagne les rayons", "Les marques de distributeur lancent des gammes « spécialité » qui brouillent le positionnement des artisans.", "any"),
    ("Café : le prix moyen du paquet de 250 g a pris 14 % en un an", "La hausse des cours se répercute en rayon et en boutique ; les consommateurs arbitrent.", "recent"),
    ("Commerce direct : le prix payé aux producteurs devient un argument marketing", "Publier le prix d'achat du café vert, une pratique qui se diffuse chez les torréfacteurs engagés.", "any"),
])

source("Torréfaction Magazine", "www.torrefaction-mag.example", "concurrentielle", "presse", 4, "rss", in_case=True, items=[
    ("Café Lumen lève 4 millions d'euros pour ouvrir cinq boutiques", "Le micro-torréfacteur parisien accélère hors de Paris, Lyon et Bordeaux en tête de liste.", "recent"),
    ("Café Lumen ouvre sa première boutique lyonnaise, rue Mercière", "Le parisien s'installe en Presqu'île avec un bar à filtre et une offre d'abonnement.", "recent"),
    ("Torréfacteurs Réunis casse les prix de son abonnement : 9,90 € les 250 g", "Le réseau de franchises mise sur le volume et les promotions pour conquérir les abonnés.", "mid"),
    ("Torréfacteurs Réunis revendique 40 000 abonnés en ligne", "Le réseau national annonce une croissance de 60 % de son activité d'abonnement.", "recent"),
    ("Grains d'Ici lance une gamme bio en vrac dans 300 magasins", "La marque bio de grande distribution élargit sa présence et communique sur son bilan carbone.", "old"),
    ("Grains d'Ici obtient le label B Corp", "La marque met en avant ses engagements RSE et sa transparence sur la chaîne d'approvisionnement.", "mid"),
    ("L'Arbre à Café des Monts fédère une communauté de 80 000 abonnés Instagram", "Le torréfacteur auvergnat mise sur le storytelling producteurs et les rencontres en ferme.", "any"),
    ("L'Arbre à Café des Monts ouvre un café-atelier à Clermont-Ferrand", "Ateliers de dégustation et formations barista au cœur de la stratégie de la marque.", "old"),
    ("Torréfacteurs indépendants : qui sont les nouveaux entrants ?", "Une dizaine de micro-torréfacteurs se sont lancés en 2026 ; la concurrence se joue sur l'origine et le service.", "any"),
    ("Abonnement café : comparatif des offres des torréfacteurs en 2027", "Prix au kilo, fréquence, sans engagement : le match des abonnements des principaux acteurs.", "recent"),
    ("Café au bureau : les torréfacteurs artisanaux à l'assaut des PME", "Machines, grains et formation : l'offre B2B devient un relais de croissance pour les artisans.", "any"),
    ("Salon du café de Paris : les tendances de l'édition 2027", "Fermentations, cafés de Chine et d'Inde, emballages compostables : ce qu'il fallait retenir.", "recent"),
    ("Torréfacteurs Réunis recrute 30 franchisés pour 2027", "Le réseau veut couvrir toutes les villes de plus de 50 000 habitants.", "mid"),
    ("Café Lumen signe une collaboration avec une marque de mode", "Édition limitée et contenus Reels : la marque soigne son image lifestyle.", "recent"),
    ("Prix : les artisans face aux marques de distributeur « spécialité »", "Les MDD premium s'affichent 30 % moins cher que les torréfacteurs de quartier.", "any"),
    ("Classement 2027 des torréfacteurs les plus suivis sur les réseaux sociaux", "Café Lumen et L'Arbre à Café des Monts en tête, les acteurs lyonnais progressent.", "recent"),
    ("Brûlerie Sauvage, Café Lumen, Grains d'Ici : trois visions du café responsable", "Commerce direct, luxe accessible ou bio de masse : les positionnements se clarifient.", "recent"),
])

source("Café Lumen — le journal", "www.cafe-lumen.example", "concurrentielle", "concurrent", 2, "atom", path="/journal/feed.atom", items=[
    ("Nouvelle origine : Éthiopie Guji, lavé, notes de jasmin", "Notre nouveau lot éthiopien arrive en boutique et dans l'abonnement de mars.", "recent"),
    ("Nous ouvrons à Lyon !", "Après Paris et Bordeaux, Café Lumen s'installe rue Mercière. Ouverture le 15 mai.", "recent"),
    ("L'abonnement Lumen évolue : livraison offerte dès 500 g", "Plus souple, plus généreux : découvrez la nouvelle formule de notre abonnement.", "recent"),
    ("Dans les coulisses de notre torréfaction", "Profils de torréfaction, courbes, dégustations : une journée à l'atelier.", "old"),
    ("Notre collaboration avec une maison de mode parisienne", "Une édition limitée, un coffret, une histoire de savoir-faire.", "recent"),
    ("Calendrier de l'Avent du café : les précommandes sont ouvertes", "24 cafés de spécialité à découvrir en décembre.", "old"),
    ("Recette : espresso tonic d'été", "Le cocktail sans alcool qui fait un carton sur nos Reels.", "old"),
    ("Nos emballages deviennent compostables", "Fin de l'aluminium : nos sachets passent au compostable domestique.", "mid"),
    ("Portrait : Ana, productrice au Honduras", "Dix ans de relation directe avec la ferme El Cedro.", "any"),
    ("Black Friday : pourquoi nous ne ferons pas de promotion", "Le juste prix du café, toute l'année.", "old"),
    ("Masterclass filtre : les dates du printemps", "V60, Chemex, Aeropress : nos ateliers reprennent.", "recent"),
    ("Café Lumen x IA : nous testons un conseiller café en ligne", "Un assistant conversationnel pour trouver votre café idéal, en test sur notre site.", "recent"),
    ("Notre rapport d'impact 2026", "Prix payés, émissions, emballages : nos chiffres de l'année.", "mid"),
    ("Saint-Valentin : le coffret duo", "Deux cafés, deux tasses, une carte écrite à la main.", "2027-02"),
    ("Nouvelle boutique à Bordeaux, Chartrons", "Notre deuxième adresse hors de Paris ouvre ses portes.", "old"),
])

source("Grains d'Ici — actualités", "www.grains-dici.example", "concurrentielle", "concurrent", 2, "rss", path="/actualites/rss.xml", items=[
    ("Grains d'Ici certifié B Corp", "Une étape majeure dans notre démarche d'entreprise engagée.", "mid"),
    ("Nouveau : notre café bio en vrac dans 300 magasins", "Moins d'emballages, plus de choix : le vrac arrive dans vos magasins bio.", "old"),
    ("Nos engagements face à l'EUDR", "100 % de nos lots sont géolocalisés : notre plan de conformité au règlement européen.", "2027-01"),
    ("Bilan carbone 2026 : -18 % par kilo", "Transport maritime, torréfaction électrique : nos leviers de réduction.", "recent"),
    ("Grains d'Ici partenaire du Festival Alimentation Durable", "Rendez-vous à Nantes pour trois jours de rencontres.", "any"),
    ("Prix du café : pourquoi nos prix augmentent de 6 %", "La hausse historique de l'arabica nous oblige à ajuster nos tarifs.", "recent"),
    ("Nouvelle gamme : les cafés d'origine unique", "Pérou, Honduras, Ouganda : trois origines bio en grains.", "any"),
    ("Emballages : 100 % recyclables dès 2027", "Nos paquets passent à une structure monomatériau.", "mid"),
    ("Grains d'Ici lance son abonnement en ligne", "Recevez votre café bio chaque mois, sans engagement.", "recent"),
    ("Rencontre avec nos coopératives partenaires", "Notre voyage au Pérou, en images.", "old"),
    ("Jeu concours : gagnez un an de café", "Participez sur Instagram jusqu'au 30 novembre.", "old"),
    ("Rapport RSE 2026 : nos chiffres clés", "Transparence sur nos achats, nos émissions et nos emballages.", "recent"),
    ("Grains d'Ici recrute des animateurs en magasin", "Rejoignez l'équipe pour faire déguster nos cafés.", "any"),
    ("Commerce équitable : ce que signifie notre label", "Prix minimum garanti, prime de développement : explications.", "any"),
    ("Nouvelle campagne TV : « Le café qui sait d'où il vient »", "Notre premier spot télévisé est diffusé à partir d'octobre.", "mid"),
])

source("Alerte Google « Brûlerie Sauvage »", "www.google.com", "image", "google_alerts", 3, "alerts", in_case=True, path="/alerts/feeds/04501234567890123456/1203948576612345678", items=[
    ("<b>Brûlerie Sauvage</b> : le torréfacteur de la Croix-Rousse qui publie ses prix d'achat", "Le torréfacteur lyonnais <b>Brûlerie Sauvage</b> affiche le prix payé à chaque coopérative.", "any", "www.lyon-eco.example"),
    ("Les meilleurs cafés de spécialité de Lyon : notre sélection", "De la Presqu'île à la Croix-Rousse, dont <b>Brûlerie Sauvage</b> et ses 12 origines.", "old", "www.sortir-a-lyon.example"),
    ("<b>Brûlerie Sauvage</b> livre ses clients lyonnais à vélo-cargo", "Une logistique du dernier kilomètre décarbonée pour le torréfacteur.", "mid", "www.lyon-eco.example"),
    ("Avis : <b>Brûlerie Sauvage</b>, un abonnement café sans engagement", "Nous avons testé l'abonnement mensuel du torréfacteur lyonnais.", "recent", "www.blog-cafe-maison.example"),
    ("Café au bureau : <b>Brûlerie Sauvage</b> équipe 40 PME de la métropole", "L'offre B2B du torréfacteur séduit les entreprises lyonnaises.", "recent", "www.lyon-eco.example"),
    ("Emballages compostables : <b>Brûlerie Sauvage</b> vise 100 % fin 2026", "Le torréfacteur détaille sa transition vers des sachets compostables.", "old", "www.emballages-durables.example"),
    ("Atelier dégustation chez <b>Brûlerie Sauvage</b> : les dates du printemps", "Initiation à la dégustation et au filtre, en boutique.", "recent", "www.sortir-a-lyon.example"),
    ("Livraison en retard : des clients de <b>Brûlerie Sauvage</b> s'impatientent", "Sur les réseaux sociaux, plusieurs abonnés signalent des retards de colis en décembre.", "2026-12", "www.forum-conso.example"),
    ("<b>Brûlerie Sauvage</b> annonce une gamme « Origines Rares » pour avril", "Des micro-lots en quantités limitées, réservés d'abord aux abonnés.", "recent", "www.torrefaction-mag.example"),
    ("Café de spécialité : <b>Brûlerie Sauvage</b> parmi les torréfacteurs engagés", "Le commerce direct comme modèle, selon notre dossier.", "recent", "www.journal-du-cafe.example"),
    ("Croix-Rousse : la file d'attente devant <b>Brûlerie Sauvage</b> le samedi matin", "Le torréfacteur attire une clientèle fidèle et de plus en plus de touristes.", "any", "www.sortir-a-lyon.example"),
    ("Lyon : dix entreprises engagées pour le climat, dont <b>Brûlerie Sauvage</b>", "Bilan carbone publié, objectifs chiffrés : le palmarès de la rédaction.", "mid", "www.lyon-eco.example"),
    ("TikTok : la vidéo d'une barista de <b>Brûlerie Sauvage</b> vue 300 000 fois", "Un latte art filmé en boutique fait le tour des réseaux.", "recent", "www.social-media-lab.example"),
    ("Recrutement : <b>Brûlerie Sauvage</b> cherche un torréfacteur", "Le torréfacteur lyonnais recrute pour accompagner sa croissance.", "any", "www.emploi-lyon.example"),
    ("Prix du café : <b>Brûlerie Sauvage</b> augmente ses tarifs de 8 %", "Le torréfacteur explique la hausse par les cours de l'arabica, chiffres à l'appui.", "recent", "www.lyon-eco.example"),
    ("Avis clients : <b>Brûlerie Sauvage</b> noté 4,7 sur 5", "Accueil, conseils, fraîcheur : les points forts relevés par les clients.", "any", "www.avis-commerces.example"),
])

source("Alerte Google « Torréfacteurs Réunis »", "www.google.com", "concurrentielle", "google_alerts", 3, "alerts", path="/alerts/feeds/04501234567890123456/9876543210987654321", items=[
    ("<b>Torréfacteurs Réunis</b> casse les prix de son abonnement : 9,90 € les 250 g", "Le réseau de franchises mise sur le volume.", "mid", "www.torrefaction-mag.example"),
    ("Franchise : <b>Torréfacteurs Réunis</b> parmi les réseaux qui recrutent", "Apport, chiffre d'affaires moyen, formation : la fiche du réseau.", "any", "www.franchise-info.example"),
    ("<b>Torréfacteurs Réunis</b> revendique 40 000 abonnés en ligne", "Croissance de 60 % de l'abonnement.", "recent", "www.torrefaction-mag.example"),
    ("<b>Torréfacteurs Réunis</b> ouvre à Villeurbanne", "Une nouvelle boutique franchisée aux portes de Lyon.", "recent", "www.lyon-eco.example"),
    ("Publicité : <b>Torréfacteurs Réunis</b> omniprésent sur Instagram", "Le réseau multiplie les publicités ciblées et les codes promo d'influenceurs.", "recent", "www.social-media-lab.example"),
    ("Avis négatifs : des franchisés de <b>Torréfacteurs Réunis</b> témoignent", "Marges, obligations d'achat : des franchisés dénoncent leurs conditions.", "mid", "www.forum-conso.example"),
    ("<b>Torréfacteurs Réunis</b> lance un café en capsules compostables", "Le réseau s'attaque au marché des capsules.", "old", "www.emballages-durables.example"),
    ("Black Friday : -40 % sur l'abonnement <b>Torréfacteurs Réunis</b>", "Une promotion agressive qui fait réagir les artisans.", "2026-11", "www.conso-tendances.example"),
    ("<b>Torréfacteurs Réunis</b> teste la livraison en 2 heures à Paris", "Un partenariat avec une plateforme de livraison rapide.", "recent", "www.tech-commerce.example"),
    ("Classement des franchises alimentaires 2027 : <b>Torréfacteurs Réunis</b> 7e", "Le réseau gagne trois places.", "recent", "www.franchise-info.example"),
    ("<b>Torréfacteurs Réunis</b> recrute 30 franchisés pour 2027", "Le réseau veut couvrir toutes les villes de plus de 50 000 habitants.", "mid", "www.torrefaction-mag.example"),
    ("Abonnement café : comparatif des offres des torréfacteurs en 2027", "Prix au kilo, fréquence, sans engagement : <b>Torréfacteurs Réunis</b> le moins cher.", "recent", "www.torrefaction-mag.example"),
    ("<b>Torréfacteurs Réunis</b> : le réseau mise sur les boutiques de centre commercial", "Dix ouvertures prévues dans des galeries marchandes.", "old", "www.franchise-info.example"),
    ("Café : <b>Torréfacteurs Réunis</b> rappelle un lot d'assemblage", "Un défaut d'emballage à l'origine du rappel.", "mid", "www.conso-tendances.example"),
    ("<b>Torréfacteurs Réunis</b> sponsor d'un club de football de Ligue 2", "Une visibilité nationale pour la marque.", "any", "www.franchise-info.example"),
    ("IA : <b>Torréfacteurs Réunis</b> personnalise ses e-mails avec l'IA générative", "Objets d'e-mails et recommandations produits générés automatiquement.", "recent", "www.tech-commerce.example"),
])

source("Tech & Commerce", "www.tech-commerce.example", "technologique", "blog", 3, "rss", in_case=True, path="/feed/", items=[
    ("IA générative : 5 usages concrets pour le marketing d'une PME", "Rédaction de fiches produits, visuels, e-mails : ce qui marche vraiment.", "recent"),
    ("ChatGPT, Mistral, Gemini : quel assistant pour rédiger vos newsletters ?", "Comparatif des assistants d'IA générative pour les équipes marketing réduites.", "recent"),
    ("IA générative et SEO : Google pénalise-t-il les contenus générés ?", "Ce que disent les consignes et ce que montrent les tests.", "recent"),
    ("Shopify lance un assistant IA pour les fiches produits", "Descriptions, traductions et balises générées en un clic.", "recent"),
    ("Abonnements e-commerce : les 7 leviers pour réduire le désabonnement", "Pause, flexibilité, personnalisation : les bonnes pratiques des marques d'abonnement.", "mid"),
    ("E-commerce alimentaire : la livraison gratuite reste le premier critère d'achat", "Étude sur les attentes des acheteurs en ligne en 2026.", "old"),
    ("Brevo, Klaviyo, Mailchimp : comparatif 2027 pour les e-commerçants", "Automatisations, prix, RGPD : quel outil d'e-mailing choisir.", "recent"),
    ("Personnalisation : l'IA générative dans vos e-mails, jusqu'où aller ?", "Objets, contenus, recommandations : gains mesurés et limites.", "recent"),
    ("GA4 : suivre les abonnements et le revenu récurrent", "Configurer les événements d'abonnement et les audiences.", "old"),
    ("Commerce conversationnel : les chatbots IA débarquent chez les petites marques", "Conseil produit et service client automatisés.", "recent"),
    ("Paiement fractionné et abonnements : ce qui change en 2027", "Nouvelles règles et nouveaux usages du paiement en ligne.", "mid"),
    ("Google Ads : Performance Max et IA, retour d'expérience d'un e-commerçant", "Budget, résultats, pièges à éviter.", "mid"),
    ("Le social commerce progresse : TikTok Shop arrive en France", "Acheter sans quitter l'application : opportunité pour les marques de niche.", "recent"),
    ("Images produits générées par IA : opportunité ou risque pour la confiance ?", "Authenticité, droits, transparence : le débat.", "recent"),
    ("Fidélisation : les programmes à points sont-ils dépassés ?", "Abonnements, clubs, avantages exclusifs : les nouveaux modèles.", "old"),
    ("Site e-commerce : les Core Web Vitals, facteur de conversion", "Un site lent coûte des ventes : chiffres et correctifs.", "old"),
    ("Marketing automation : 10 scénarios pour une boutique d'abonnement", "Bienvenue, relance, réactivation : les scénarios essentiels.", "mid"),
    ("IA générative : l'AI Act et vos contenus marketing", "Obligations de transparence pour les contenus générés.", "recent"),
    ("Shopify Plus ou Shopify ? Le bon choix pour un DNVB", "Fonctionnalités, prix et seuils de passage.", "any"),
    ("Newsletter : les taux d'ouverture après Apple Mail Privacy", "Mesurer autrement l'engagement de vos abonnés.", "any"),
    ("IA générative : 62 % des PME françaises l'utilisent en marketing", "Les résultats de notre enquête annuelle auprès de 800 dirigeants.", "recent"),
    ("Recherche vocale et IA : le référencement local change", "Fiches d'établissement, avis, questions : ce qui compte.", "any"),
])

source("Observatoire de l'e-commerce", "www.observatoire-ecommerce.example", "technologique", "etude", 4, "rss", path="/publications.rss", items=[
    ("Bilan e-commerce 2026 : 175 milliards d'euros en France", "Croissance de 8 % ; les services et l'alimentaire tirent le marché.", "recent"),
    ("Baromètre trimestriel : le panier moyen en ligne recule", "Les acheteurs en ligne arbitrent face à l'inflation.", "old"),
    ("Étude : l'abonnement concerne 38 % des cyberacheteurs", "Streaming, alimentaire, beauté : les catégories d'abonnement qui progressent.", "mid"),
    ("Les marketplaces captent 35 % des ventes en ligne", "La part des places de marché continue de croître.", "any"),
    ("Chiffres clés du m-commerce : 60 % des ventes sur mobile", "Le mobile devient le premier canal d'achat en ligne.", "mid"),
    ("Étude : la livraison, premier motif d'abandon de panier", "Frais et délais de livraison restent déterminants.", "any"),
    ("Baromètre de la confiance dans l'e-commerce 2027", "Avis clients, transparence et paiement sécurisé.", "recent"),
    ("Les PME et l'IA générative : premiers chiffres d'adoption", "Une adoption rapide, des usages encore limités au contenu.", "recent"),
    ("E-commerce et environnement : les consommateurs attendent des emballages réduits", "Les attentes en matière d'emballages et de livraison durable.", "mid"),
    ("Social commerce : 1 acheteur sur 5 a déjà acheté via un réseau social", "Instagram et TikTok en tête chez les moins de 35 ans.", "recent"),
    ("Baromètre trimestriel : T1 2027", "Le chiffre d'affaires en ligne progresse de 7 %.", "2027-05"),
    ("Baromètre trimestriel : T3 2026", "Le chiffre d'affaires en ligne progresse de 6 %.", "2026-11"),
    ("Les ventes en ligne de produits alimentaires premium", "Café, thé, épicerie fine : une niche en croissance.", "any"),
    ("Étude : la fidélité des abonnés se joue dans les trois premiers mois", "La courbe de rétention des abonnements en ligne.", "recent"),
    ("Retours produits : un coût sous-estimé", "Le coût logistique et environnemental des retours.", "old"),
])

source("Observatoire des emballages", "www.observatoire-emballages.example", "environnementale", "institution", 5, "rss", path="/actualites/feed", items=[
    ("Loi AGEC : ce qui change pour les emballages alimentaires en 2027", "Calendrier, obligations de réemploi et d'information du consommateur.", "recent"),
    ("Emballages compostables : le compostage domestique, une promesse à vérifier", "Normes, conditions de compostage et allégations autorisées.", "mid"),
    ("Règlement européen PPWR : le calendrier définitif", "Recyclabilité, contenu recyclé, réemploi : les échéances du règlement emballages.", "old"),
    ("Allégations environnementales : la directive « green claims » adoptée", "Fin des mentions « neutre en carbone » non justifiées.", "recent"),
    ("Guide : choisir un emballage compostable pour le café", "Barrière à l'oxygène, valve, certification : les critères.", "any"),
    ("Vrac : les ventes progressent de 12 % en 2026", "Le vrac s'installe en grande distribution et en magasins spécialisés.", "mid"),
    ("Emballages compostables : les certifications expliquées", "OK Compost Home, NF T51-800, EN 13432 : les différences.", "any"),
    ("Triman et info-tri : les règles d'affichage en 2027", "Ce que doivent afficher les emballages ménagers.", "old"),
    ("Réemploi : objectif 10 % des emballages en 2027", "Où en sont les metteurs sur le marché ?", "recent"),
    ("Étude : ce que les Français font de leurs emballages compostables", "Seuls 30 % des ménages compostent à domicile.", "recent"),
    ("Emballages du café : l'aluminium en recul", "Les structures monomatériaux et compostables progressent.", "mid"),
    ("Éco-contribution emballages : les barèmes 2027", "Bonus et malus selon la recyclabilité.", "old"),
    ("Suremballage : les pratiques sanctionnées en 2027", "Contrôles et sanctions en hausse.", "recent"),
    ("Le marché des emballages biosourcés en France", "Taille, acteurs, perspectives.", "any"),
    ("Webinaire : réussir sa transition vers l'emballage compostable", "Retour d'expérience de trois PME alimentaires.", "any"),
])

source("Forêts & Filières", "www.forets-filieres.example", "environnementale", "presse", 4, "rss", path="/rss.xml", items=[
    ("EUDR : le compte à rebours est lancé pour les importateurs de café", "Géolocalisation, diligence raisonnée : les obligations détaillées.", "old"),
    ("EUDR : la Commission publie la liste des pays à risque", "Classement des pays producteurs en risque faible, standard ou élevé.", "mid"),
    ("EUDR : les petits producteurs de café risquent l'exclusion", "Sans moyens de géolocalisation, des coopératives craignent de perdre l'accès au marché européen.", "recent"),
    ("EUDR : premier bilan trois mois après l'entrée en application", "Contrôles, difficultés, retards : ce que disent les importateurs.", "recent"),
    ("Déforestation : le café, deuxième culture la plus concernée en Afrique de l'Est", "Une étude cartographie l'impact des plantations sur les forêts.", "any"),
    ("Agroforesterie : le café d'ombre, une réponse au changement climatique", "Plus résilient, plus riche en biodiversité : l'agroforesterie séduit.", "any"),
    ("Sécheresse au Brésil : la récolte 2027 revue à la baisse", "Le climat pèse sur l'offre mondiale d'arabica.", "recent"),
    ("Changement climatique : 50 % des terres à café menacées d'ici 2050", "Les zones de culture de l'arabica vont se déplacer en altitude.", "mid"),
    ("EUDR : les torréfacteurs en commerce direct mieux préparés", "La relation directe facilite la traçabilité des parcelles.", "recent"),
    ("Traçabilité : la blockchain à l'épreuve du terrain dans le café", "Promesses et limites des outils numériques de traçabilité.", "old"),
    ("Certification : Rainforest Alliance adapte son référentiel à l'EUDR", "Ce qui change pour les producteurs certifiés.", "mid"),
    ("Café : le bilan carbone d'une tasse décortiqué", "Culture, transport, torréfaction, préparation : où sont les émissions ?", "any"),
    ("Biodiversité : les coopératives de café s'engagent", "Des primes pour la préservation des forêts.", "old"),
    ("EUDR : ce que les consommateurs en savent", "Un sondage révèle une méconnaissance du règlement.", "recent"),
    ("Cacao, café, soja : l'Europe face à sa déforestation importée", "Dossier sur l'empreinte forestière de la consommation européenne.", "old"),
    ("EUDR : des ONG dénoncent des reports successifs", "Le calendrier d'application reste contesté.", "mid"),
    ("Café et climat : les variétés résistantes à l'essai", "Des hybrides plus résistants à la chaleur testés en Amérique centrale.", "any"),
])

source("Conso & Tendances", "www.conso-tendances.example", "societale", "presse", 3, "rss", path="/feed", items=[
    ("Pouvoir d'achat : les Français réduisent leurs achats plaisir… sauf le café", "Le café reste un petit luxe du quotidien que l'on garde.", "mid"),
    ("Consommer local : 7 Français sur 10 privilégient les commerces de proximité", "Le local devient un critère d'achat majeur.", "any"),
    ("Génération Z : le café, nouveau marqueur social", "Coffee shops, latte art et vidéos : le café sur les réseaux.", "recent"),
    ("Télétravail : la consommation de café se déplace à la maison", "Machines à grains, moulins et abonnements en hausse.", "old"),
    ("Les Français et la transparence : ils veulent connaître le prix payé au producteur", "Une attente forte sur les produits alimentaires importés.", "recent"),
    ("Sobriété : la consommation responsable gagne du terrain", "Moins mais mieux : les nouveaux arbitrages.", "mid"),
    ("Abonnements : les Français en ont en moyenne 4,2", "La fatigue de l'abonnement guette.", "recent"),
    ("Black Friday 2026 : les consommateurs plus méfiants envers les promotions", "Une partie des consommateurs boycotte l'opération.", "2026-11"),
    ("Café : les jeunes préfèrent le filtre à l'espresso", "Le retour de la méthode douce chez les 18-30 ans.", "recent"),
    ("Inflation alimentaire : le café parmi les produits qui ont le plus augmenté", "+14 % sur un an selon les relevés de prix.", "recent"),
    ("Le « fait maison » du café : moulins et machines à grains en hausse", "Les ventes d'équipement progressent de 15 %.", "any"),
    ("Les Français et les labels : confiance en baisse", "Trop de labels tue le label, selon une enquête.", "mid"),
    ("Bien-être : le café décaféiné de qualité en progression", "Le déca de spécialité séduit de nouveaux consommateurs.", "any"),
    ("Consommation : les rituels du matin réinventés", "Café, routines et bien-être.", "old"),
    ("Fête des pères : le coffret café parmi les cadeaux préférés", "Les coffrets gourmands en tête des intentions d'achat.", "2027-06"),
    ("Cadeaux de Noël : les abonnements gourmands progressent", "Offrir une expérience plutôt qu'un objet.", "2026-12"),
])

source("Social Media Lab", "www.social-media-lab.example", "medias_sociaux", "blog", 3, "atom", in_case=True, path="/atom.xml", items=[
    ("TikTok : les formats courts qui font vendre les marques alimentaires", "Recettes, coulisses, ASMR : ce qui marche en 2027.", "recent"),
    ("Instagram Reels : l'algorithme favorise désormais les contenus originaux", "Les reposts perdent en portée ; place aux créations.", "recent"),
    ("Reels ou TikTok : où publier quand on a une petite équipe ?", "Réutiliser ses vidéos sans perdre en portée.", "recent"),
    ("UGC : faire produire du contenu par ses clients", "Concours, hashtags, ambassadeurs : méthodes et règles.", "mid"),
    ("Influence : les micro-influenceurs convertissent mieux", "Taux d'engagement et coûts comparés.", "any"),
    ("Loi influence : les règles à respecter en 2027", "Mentions obligatoires, produits interdits, contrats.", "old"),
    ("TikTok Shop : premiers retours des marques françaises", "Ventes, logistique, commissions : le bilan.", "recent"),
    ("Instagram : les carrousels reviennent en force", "Pourquoi le format carrousel regagne en portée.", "mid"),
    ("Pinterest, le réseau oublié des marques lifestyle", "Un trafic qualifié vers les sites e-commerce.", "any"),
    ("Vidéo verticale : 10 idées pour un commerce de bouche", "Coulisses, gestes, portraits : des idées simples à tourner.", "recent"),
    ("LinkedIn pour les PME : raconter son entreprise", "Marque employeur et prospection B2B.", "old"),
    ("Algorithme TikTok : ce que l'on sait en 2027", "Rétention, partages, recherche : les signaux qui comptent.", "recent"),
    ("Community management : répondre aux avis négatifs", "Méthode en quatre temps et exemples.", "any"),
    ("Les Reels de moins de 15 secondes performent mieux", "Analyse de 10 000 publications de marques.", "recent"),
    ("Social listening : les outils abordables pour les PME", "Suivre sa marque et ses concurrents sans se ruiner.", "mid"),
    ("IA générative et création de contenus pour les réseaux sociaux", "Scripts, sous-titres, visuels : les outils et leurs limites.", "recent"),
    ("Threads, Bluesky : faut-il y aller ?", "État des lieux des nouveaux réseaux.", "old"),
    ("Instagram : les statistiques 2027 à connaître", "Utilisateurs, usages, formats : les chiffres clés.", "recent"),
    ("TikTok : la recherche, nouveau moteur de découverte des commerces", "Les jeunes cherchent leurs adresses sur TikTok.", "recent"),
    ("Calendrier éditorial : planifier un trimestre de contenus", "Modèle et méthode pour les petites équipes.", "any"),
])

source("Forum Barista & Co", "forum.barista-et-co.example", "medias_sociaux", "forum", 2, "rss-bozo", path="/feed.php", items=[
    ("Quel abonnement café choisir en 2027 ?", "Je compare Café Lumen, Torréfacteurs Réunis et Brûlerie Sauvage, vos avis ?", "recent"),
    ("Latte art & TikTok : vous filmez vos cafés ?", "Partagez vos vidéos et vos astuces de cadrage.", "recent"),
    ("Torréfacteurs Réunis : mauvaise expérience avec l'abonnement", "Résiliation compliquée, café pas frais.", "mid"),
    ("Moulin manuel pour débuter : lequel ?", "Budget 100 € maximum, pour du filtre.", "any"),
    ("Les meilleurs torréfacteurs de Lyon ?", "Je déménage à Lyon, des adresses ?", "any"),
    ("Prix du café : vous avez changé vos habitudes ?", "Avec la hausse, je passe au 1 kg en abonnement.", "recent"),
    ("Emballages compostables : ils tiennent la fraîcheur ?", "Mon café perd ses arômes plus vite, c'est normal ?", "mid"),
    ("Café Lumen arrive à Lyon : qui a testé ?", "La boutique de la rue Mercière vaut-elle le détour ?", "recent"),
    ("Grains d'Ici en supermarché : bon rapport qualité-prix ?", "Le bio de grande surface face aux artisans.", "old"),
    ("Recette cold brew maison", "Proportions, temps d'infusion, filtration.", "old"),
    ("L'Arbre à Café des Monts : leurs rencontres producteurs", "Retour sur la journée à la ferme.", "mid"),
    ("Brûlerie Sauvage : retard de livraison en décembre", "Mon colis a mis 12 jours, d'autres dans ce cas ?", "2026-12"),
    ("Aeropress ou V60 pour le bureau ?", "Simple, rapide, peu de vaisselle.", "any"),
    ("Café et IA : les recommandations personnalisées, gadget ?", "Un site m'a proposé un café par chatbot.", "recent"),
    ("Déca de qualité : vos adresses", "Enfin du déca qui a du goût.", "any"),
])

source("Lyon Éco", "www.lyon-eco.example", "image", "presse", 4, "rss", path="/rss/entreprises.xml", items=[
    ("Brûlerie Sauvage : le torréfacteur de la Croix-Rousse qui publie ses prix d'achat", "Le torréfacteur lyonnais affiche le prix payé à chaque coopérative.", "any"),
    ("Brûlerie Sauvage livre ses clients lyonnais à vélo-cargo", "Une logistique du dernier kilomètre décarbonée pour le torréfacteur.", "mid"),
    ("Café au bureau : Brûlerie Sauvage équipe 40 PME de la métropole", "L'offre B2B du torréfacteur séduit les entreprises lyonnaises.", "recent"),
    ("Lyon : dix entreprises engagées pour le climat, dont Brûlerie Sauvage", "Bilan carbone publié, objectifs chiffrés : le palmarès de la rédaction.", "mid"),
    ("Torréfacteurs Réunis ouvre à Villeurbanne", "Une nouvelle boutique franchisée aux portes de Lyon.", "recent"),
    ("Café Lumen choisit la Presqu'île pour sa boutique lyonnaise", "Le parisien s'installe rue Mercière.", "recent"),
    ("Commerce lyonnais : les indépendants résistent", "Les commerces de bouche indépendants progressent en centre-ville.", "old"),
    ("Croix-Rousse : le quartier attire les artisans de bouche", "Torréfacteurs, boulangers, fromagers : la nouvelle vague.", "any"),
    ("Prix du café : Brûlerie Sauvage augmente ses tarifs de 8 %", "Le torréfacteur explique la hausse par les cours de l'arabica, chiffres à l'appui.", "recent"),
    ("Métropole de Lyon : la logistique urbaine à vélo accélère", "Les livraisons en vélo-cargo ont doublé en deux ans.", "old"),
    ("Salon des entrepreneurs lyonnais : les PME face à l'IA", "Table ronde sur l'IA générative dans les petites entreprises.", "recent"),
    ("Économie sociale et solidaire : les entreprises à mission lyonnaises", "Raison d'être et gouvernance : les pionnières.", "mid"),
    ("Les Lyonnais plébiscitent les coffee shops", "Une vingtaine d'ouvertures en deux ans.", "any"),
    ("Tourisme : Lyon, destination gastronomique en 2027", "La fréquentation touristique profite aux commerces de bouche.", "recent"),
    ("Recrutement : les métiers de bouche en tension à Lyon", "Torréfacteurs, baristas, boulangers : les entreprises peinent à recruter.", "any"),
    ("Brûlerie Sauvage prépare une gamme « Origines Rares »", "Le torréfacteur veut s'adresser aux amateurs de micro-lots.", "recent"),
])

source("Réputation & Avis", "www.reputation-avis.example", "image", "blog", 3, "rss", path="/blog/feed", items=[
    ("Avis Google : comment répondre à un avis négatif", "Une méthode en quatre étapes, avec exemples de réponses.", "any"),
    ("E-réputation des commerces de bouche : ce qui fait la note", "Accueil, fraîcheur, prix : les critères qui reviennent.", "mid"),
    ("Faux avis : la DGCCRF intensifie ses contrôles", "Les sanctions contre les faux avis en ligne se multiplient.", "recent"),
    ("Bad buzz : les 48 premières heures", "Comment réagir quand un client mécontent devient viral.", "recent"),
    ("Les avis clients pèsent 15 % dans le référencement local", "Nombre, fraîcheur et réponses aux avis comptent.", "old"),
    ("Marque employeur : les avis des salariés comptent aussi", "Glassdoor, Indeed : gérer sa réputation d'employeur.", "any"),
    ("Avis vérifiés : les plateformes comparées", "Trustpilot, Avis Vérifiés, Google : avantages et limites.", "mid"),
    ("Transparence et confiance : publier ses engagements", "Les marques qui publient leurs chiffres gagnent la confiance.", "recent"),
    ("Social listening : mesurer sa part de voix", "Méthode simple pour comparer sa marque à ses concurrents.", "old"),
    ("Réputation en ligne : les chiffres 2027", "93 % des consommateurs lisent les avis avant d'acheter.", "recent"),
    ("Greenwashing : le risque réputationnel des allégations", "Les marques épinglées pour allégations trompeuses.", "recent"),
    ("Retards de livraison : protéger sa réputation en période de fêtes", "Communication proactive et gestes commerciaux.", "2026-11"),
    ("Storytelling : raconter ses producteurs sans en faire trop", "Authenticité et preuves plutôt que slogans.", "any"),
    ("Avis clients : répondre avec l'IA générative, bonne idée ?", "Gain de temps, risque de réponses impersonnelles.", "recent"),
    ("Crise : le cas d'une marque de café accusée de greenwashing", "Analyse d'une crise et des réponses apportées.", "mid"),
])


def dated(phase: str) -> dt.datetime:
    if re.fullmatch(r"\d{4}-\d{2}", phase):
        y, m = map(int, phase.split("-"))
        day = RNG.randint(1, 27)
        return dt.datetime(y, m, day, RNG.randint(6, 19), RNG.choice([0, 15, 30, 45]), tzinfo=dt.UTC)
    return when(phase)


def article_url(host: str, title: str, i: int) -> str:
    return f"https://{host}/{slug(title)[:70]}-{1000 + i}"


def rss_doc(src: dict, items: list[tuple], bozo: bool = False) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
           "<channel>",
           f"<title>{escape(src['name'])}</title>",
           f"<link>https://{src['host']}/</link>",
           f"<description>{escape(src['name'])} — flux fictif de l'exemple Brûlerie Sauvage</description>",
           "<language>fr-FR</language>",
           f"<lastBuildDate>{format_datetime(END)}</lastBuildDate>"]
    for title, summary, date, link, guid in items:
        t = title.replace("&", "&") if bozo else escape(title)  # bozo: raw "&" left unescaped
        out.append("<item>")
        out.append(f"<title>{t}</title>")
        out.append(f"<link>{escape(link)}</link>")
        out.append(f'<guid isPermaLink="false">{escape(guid)}</guid>')
        out.append(f"<pubDate>{format_datetime(date)}</pubDate>")
        out.append(f"<description>{escape('<p>' + summary + '</p>')}</description>")
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def atom_doc(src: dict, items: list[tuple]) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
           f"<title>{escape(src['name'])}</title>", f"<id>https://{src['host']}{src['path']}</id>",
           f'<link href="https://{src["host"]}/" rel="alternate"/>', f"<updated>{END.isoformat()}</updated>"]
    for title, summary, date, link, guid in items:
        out += ["<entry>", f"<title>{escape(title)}</title>", f"<id>{escape(guid)}</id>",
                f'<link href={quoteattr(link)} rel="alternate"/>', f"<published>{date.isoformat()}</published>",
                f"<updated>{date.isoformat()}</updated>", f'<summary type="html">{escape(summary)}</summary>', "</entry>"]
    out += ["</feed>", ""]
    return "\n".join(out)


def alerts_doc(src: dict, items: list[tuple]) -> str:
    query = src["name"].split("«")[1].split("»")[0].strip()
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:idx="urn:atom-extension:indexing">',
           f"<id>tag:google.com,2005:reader/user/04501234567890123456/state/com.google/alerts/{src['path'].rsplit('/', 1)[1]}</id>",
           f"<title>Alerte Google - {escape(query)}</title>",
           f'<link href="https://www.google.com{src["path"]}" rel="self"></link>',
           f"<updated>{END.isoformat()}</updated>"]
    for title, summary, date, link, guid in items:
        wrapped = ("https://www.google.com/url?rct=j&sa=t&url=" + quote(link, safe="")
                   + "&ct=ga&cd=CAIyGjFhYjJjM2Q0ZTVmNmE3Yjg&usg=AOvVaw0fictif")
        out += ["<entry>", f"<id>{escape(guid)}</id>", f'<title type="html">{escape(title)}</title>',
                f'<link href={quoteattr(wrapped)}></link>', f"<published>{date.isoformat()}</published>",
                f"<updated>{date.isoformat()}</updated>", f'<content type="html">{escape(summary)}</content>',
                '<author><name></name></author>', "</entry>"]
    out += ["</feed>", ""]
    return "\n".join(out)


OPML_FOLDERS = {
    "concurrentielle": "Veille concurrentielle", "technologique": "Technologique", "strategique": "Marché",
    "environnementale": "Environnement", "societale": "Sociétal", "image": "E-réputation",
    "medias_sociaux": "Médias sociaux",
}


def main() -> None:
    SNAP.mkdir(parents=True, exist_ok=True)
    for old in SNAP.glob("*.xml"):
        old.unlink()
    published: dict[tuple[str, str], tuple[str, dt.datetime]] = {}  # (host, title) → (link, date)
    order = [s for s in SOURCES if s["fmt"] != "alerts"] + [s for s in SOURCES if s["fmt"] == "alerts"]
    for src in order:
        n = SOURCES.index(src)
        items = []
        for i, it in enumerate(src["items"]):
            title, summary, phase = it[:3]
            date = dated(phase)
            if src["fmt"] == "alerts":
                plain = re.sub(r"</?b>", "", title)
                known = published.get((it[3], plain))
                if known:  # Google points to an article also read from the publisher's own feed
                    link, date = known[0], known[1] + dt.timedelta(hours=RNG.randint(2, 20))
                else:
                    link = article_url(it[3], plain, 7 * i)
                guid = f"tag:google.com,2013:googlealerts/feed:{10**17 + n * 1000 + i}"
            else:
                link = article_url(src["host"], title, i)
                published[(src["host"], title)] = (link, date)
                if src["name"] == "Le Journal du Café" and i % 3 == 0:
                    link += "?utm_source=rss&utm_medium=flux&xtor=RSS-12"  # tracking, as many French sites do
                guid = link if src["fmt"] != "atom" else f"tag:{src['host']},2027:{1000 + i}"
            items.append((title, summary, date, link, guid))
        items.sort(key=lambda x: x[2], reverse=True)
        if src["fmt"] == "atom":
            text = atom_doc(src, items)
        elif src["fmt"] == "alerts":
            text = alerts_doc(src, items)
        else:
            text = rss_doc(src, items, bozo=src["fmt"] == "rss-bozo")
        (SNAP / f"{slug(src['name'])}.xml").write_text(text, encoding="utf-8")

    # feeds.opml: the sources not declared in case.yaml, as a Feedly export would list them
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="1.0">',
             "  <head><title>Veille Brûlerie Sauvage (export Feedly)</title></head>", "  <body>"]
    for axis, folder in OPML_FOLDERS.items():
        members = [s for s in SOURCES if s["axis"] == axis and not s["in_case"]]
        if not members:
            continue
        lines.append(f"    <outline text={quoteattr(folder)} title={quoteattr(folder)}>")
        for s in members:
            url = f"https://{s['host']}{s['path']}"
            extra = "" if s["type"] in ("presse", "google_alerts") else f" veilleType={quoteattr(s['type'])}"
            extra += f" veilleReliability=\"{s['reliability']}\""
            lines.append(f"      <outline type=\"rss\" text={quoteattr(s['name'])} title={quoteattr(s['name'])} "
                         f"xmlUrl={quoteattr(url)} htmlUrl={quoteattr('https://' + s['host'] + '/')}{extra}/>")
        lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    (HERE / "feeds.opml").write_text("\n".join(lines), encoding="utf-8")

    print("case.yaml feeds:")
    for s in SOURCES:
        if s["in_case"]:
            print(f"    - {{url: https://{s['host']}{s['path']}, name: {s['name']!r}, axis: {s['axis']}, "
                  f"type: {s['type']}, reliability: {s['reliability']}}}")
    print(sum(len(s["items"]) for s in SOURCES), "items,", len(SOURCES), "sources")


if __name__ == "__main__":
    main()
