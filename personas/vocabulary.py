"""Words for the columns of real CRM files: a French label, a unit, and how to say "more" or "less".

Persona names and traits must read as French sentences with units (``dépenses en vins :
612 € contre 305 €``), not as raw column labels (``MntWines élevé``) or as ambiguous words
(``récence : élevé`` meaning *not* recent). Headers of public customer files are recognised —
iFood *marketing campaign* (``MntWines``, ``NumWebPurchases``, ``Kidhome``, ``Recency``), UCI
*bank marketing* (``balance``, ``pdays``, ``housing``), UCI *wholesale* (``Fresh``, ``Milk``),
*Mall Customers* — plus the French CRM habits (``montant_…``, ``nb_…``, ``…_jours``) and
generic patterns (``Mnt<X>`` = amount spent on X, ``Num<X>Purchases`` = purchases through X).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from personas.privacy import normalise_name
from toolkit.fmt import restore_accents

__all__ = ["Words", "level_words", "plain_label", "proposed_label", "readable_label", "words_for", "words_from_labels"]


@dataclass(frozen=True)
class Words:
    """How to talk about one feature."""

    fr: str  # label: "dépenses en vins"
    en: str
    unit: str  # eur, keur, kusd, days, years, months, count, share, score, number
    high: tuple[str, str] | None = None  # naming piece when the segment is above: (fr, en)
    low: tuple[str, str] | None = None
    lower_is_recent: bool = False  # days since: lower = more recent

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


_KNOWN: dict[str, Words] = {
    # iFood "marketing campaign"
    "income": Words("revenu annuel", "annual income", "eur", ("hauts revenus", "high income"),
                    ("revenus modestes", "modest income")),
    "kidhome": Words("enfants au foyer", "children at home", "count", ("familles avec enfants", "families with kids"),
                     ("sans enfant", "no children")),
    "teenhome": Words("adolescents au foyer", "teenagers at home", "count", ("parents d'ados", "parents of teens"),
                      None),
    "recency": Words("jours depuis le dernier achat", "days since last purchase", "days",
                     ("inactifs depuis longtemps", "long inactive"), ("acheteurs récents", "recent buyers"), True),
    "complain": Words("réclamation (2 ans)", "complaint (2 years)", "share", ("insatisfaits", "dissatisfied"), None),
    "response": Words("réponse à la dernière campagne", "response to last campaign", "share",
                      ("réceptifs aux campagnes", "campaign responders"), None),
    "mntwines": Words("dépenses en vins", "spend on wine", "eur", ("amateurs de vin", "wine lovers"), None),
    "mntfruits": Words("dépenses en fruits", "spend on fruit", "eur", ("acheteurs de fruits", "fruit buyers"), None),
    "mntmeatproducts": Words("dépenses en viande", "spend on meat", "eur", ("gros acheteurs de viande", "meat buyers"),
                             None),
    "mntfishproducts": Words("dépenses en poisson", "spend on fish", "eur", ("acheteurs de poisson", "fish buyers"),
                             None),
    "mntsweetproducts": Words("dépenses en sucreries", "spend on sweets", "eur", ("gourmands", "sweet tooth"), None),
    "mntgoldprods": Words("dépenses en produits premium", "spend on gold products", "eur",
                          ("adeptes du premium", "premium buyers"), None),
    "numdealspurchases": Words("achats en promotion", "purchases on deals", "count",
                               ("chasseurs de promotions", "deal hunters"), None),
    "numwebpurchases": Words("achats sur le site", "web purchases", "count", ("acheteurs en ligne", "online buyers"),
                             None),
    "numcatalogpurchases": Words("achats sur catalogue", "catalogue purchases", "count",
                                 ("acheteurs sur catalogue", "catalogue buyers"), None),
    "numstorepurchases": Words("achats en magasin", "store purchases", "count",
                               ("fidèles du magasin", "store regulars"), None),
    "numwebvisitsmonth": Words("visites du site par mois", "web visits per month", "count",
                               ("visiteurs assidus du site", "frequent site visitors"), None),
    "year_birth": Words("âge", "age", "years", ("seniors", "older"), ("jeunes", "younger")),
    # UCI bank marketing
    "balance": Words("solde moyen du compte", "average balance", "eur", ("épargnants aisés", "wealthy savers"),
                     ("comptes justes", "tight accounts")),
    "duration": Words("durée du dernier appel (s)", "last call duration (s)", "number", ("à l'écoute", "engaged"),
                      None),
    "campaign": Words("contacts pendant la campagne", "contacts in this campaign", "count",
                      ("très sollicités", "heavily contacted"), None),
    "pdays": Words("jours depuis le dernier contact", "days since last contact", "days", None, None, True),
    "pdays_renseigne": Words("déjà contactés", "contacted before", "share", ("déjà contactés", "contacted before"),
                             ("jamais contactés", "never contacted")),
    "previous": Words("contacts avant la campagne", "contacts before the campaign", "count",
                      ("déjà démarchés", "previously contacted"), None),
    "housing": Words("crédit immobilier", "housing loan", "share", ("propriétaires à crédit", "home loan holders"),
                     None),
    "loan": Words("crédit à la consommation", "personal loan", "share", ("emprunteurs", "borrowers"), None),
    "default": Words("défaut de paiement", "credit in default", "share", ("en difficulté", "in default"), None),
    # UCI wholesale
    "fresh": Words("dépenses en produits frais", "spend on fresh", "eur", ("orientés frais", "fresh buyers"), None),
    "milk": Words("dépenses en produits laitiers", "spend on milk", "eur", ("gros acheteurs laitiers", "dairy buyers"),
                  None),
    "grocery": Words("dépenses en épicerie", "spend on grocery", "eur", ("orientés épicerie", "grocery buyers"), None),
    "frozen": Words("dépenses en surgelés", "spend on frozen", "eur", ("orientés surgelés", "frozen buyers"), None),
    "detergents_paper": Words("dépenses en droguerie", "spend on detergents", "eur",
                              ("orientés droguerie", "detergent buyers"), None),
    "delicassen": Words("dépenses en épicerie fine", "spend on delicatessen", "eur",
                        ("amateurs d'épicerie fine", "delicatessen lovers"), None),
    # automotive customer segmentation (Analytics Vidhya)
    "work_experience": Words("années d'expérience professionnelle", "years of work experience", "years",
                             ("expérimentés", "experienced"), ("en début de carrière", "early career")),
    "family_size": Words("taille du foyer", "family size", "count", ("grandes familles", "large families"),
                         ("petits foyers", "small households")),
    # Mall Customers
    "annual_income_k": Words("revenu annuel (k$)", "annual income (k$)", "kusd", ("hauts revenus", "high income"),
                             ("revenus modestes", "modest income")),
    "spending_score_1_100": Words("score de dépenses (1-100)", "spending score (1-100)", "score",
                                  ("gros dépensiers", "big spenders"), ("dépensiers prudents", "careful spenders")),
    "genre": Words("genre", "gender", "text"),
    "gender": Words("genre", "gender", "text"),
    # French CRM habits and the toolkit's own features
    "age": Words("âge", "age", "years", ("seniors", "older"), ("jeunes", "younger")),
    "revenu_annuel_eur": Words("revenu annuel", "annual income", "eur", ("hauts revenus", "high income"),
                               ("revenus modestes", "modest income")),
    "montant_total_eur": Words("montant total dépensé", "total spend", "eur", ("gros acheteurs", "big spenders"),
                               ("petits acheteurs", "light buyers")),
    "nb_commandes": Words("nombre de commandes", "number of orders", "count", ("acheteurs fréquents", "frequent buyers"),
                          ("acheteurs occasionnels", "occasional buyers")),
    "jours_depuis_contact": Words("jours depuis le dernier contact", "days since last contact", "days", None, None,
                                  True),
    "jours_depuis_contact_renseigne": Words("déjà contactés", "contacted before", "share",
                                            ("déjà contactés", "contacted before"),
                                            ("jamais contactés", "never contacted")),
    "appli_mobile": Words("utilise l'appli mobile", "uses the mobile app", "share", ("utilisateurs de l'appli", "app users"),
                          ("sans l'appli", "no app")),
    "newsletter": Words("abonnés à la newsletter", "newsletter subscribers", "share",
                        ("abonnés newsletter", "newsletter subscribers"), None),
    "date_inscription_jours": Words("ancienneté d'inscription (jours)", "days since signup", "days",
                                    ("inscrits de longue date", "long-standing"), ("nouveaux inscrits", "new sign-ups")),
}


def words_for(feature: str, generic: bool = True) -> Words | None:
    """The words of a feature, or ``None`` when the name is not recognised.

    ``generic``: also guess a unit from common name parts (``…_eur``, ``nb_…``, ``…_jours``),
    with the column name as label."""
    norm = normalise_name(feature)
    if norm in _KNOWN:
        return _KNOWN[norm]
    m = re.fullmatch(r"mnt_?(.+)", norm)
    if m:
        x = m.group(1).replace("_", " ")
        return Words(f"dépenses en {x}", f"spend on {x}", "eur", (f"acheteurs de {x}", f"{x} buyers"), None)
    m = re.fullmatch(r"num_?(.+?)_?purchases", norm)
    if m:
        x = m.group(1).replace("_", " ")
        return Words(f"achats {x}", f"{x} purchases", "count", (f"acheteurs {x}", f"{x} buyers"), None)
    m = re.fullmatch(r"accepted_?cmp_?(\d+)", norm)
    if m:
        return Words(f"a accepté la campagne {m.group(1)}", f"accepted campaign {m.group(1)}", "share",
                     (f"réceptifs à la campagne {m.group(1)}", f"campaign {m.group(1)} responders"), None)
    if not generic:
        return None
    tokens = set(norm.split("_"))
    label = feature.replace("_", " ").strip()
    if tokens & {"eur", "euros", "montant", "ca", "depenses", "spend", "amount"}:
        return Words(label, label, "eur")
    if tokens & {"jours", "days"}:
        return Words(label, label, "days", None, None, True)
    if tokens & {"nb", "nombre", "count"}:
        return Words(label, label, "count")
    return None


#: Labels of common CRM headers that carry no unit (categories, dates, places): (fr, en).
_PLAIN: dict[str, tuple[str, str]] = {
    "education": ("niveau d'études", "education"), "niveau_etudes": ("niveau d'études", "education"),
    "marital_status": ("situation familiale", "marital status"),
    "situation_familiale": ("situation familiale", "marital status"),
    "dt_customer": ("date d'inscription", "customer since"), "date_inscription": ("date d'inscription", "sign-up date"),
    "year_birth": ("année de naissance", "year of birth"), "annee_naissance": ("année de naissance", "year of birth"),
    "ville": ("ville", "city"), "city": ("ville", "city"), "pays": ("pays", "country"), "country": ("pays", "country"),
    "departement": ("département", "department"), "region": ("région", "region"), "sexe": ("sexe", "sex"),
    "csp": ("catégorie socioprofessionnelle", "occupation group"), "job": ("métier", "job"),
    "marital": ("situation familiale", "marital status"), "canal_acquisition": ("canal d'acquisition", "acquisition channel"),
    # UCI bank marketing, automotive segmentation (Analytics Vidhya)
    "month": ("mois du dernier contact", "month of last contact"),
    "day": ("jour du dernier contact", "day of last contact"),
    "poutcome": ("campagne précédente", "previous campaign outcome"),
    "y": ("a souscrit", "subscribed"), "profession": ("profession", "profession"),
    "ever_married": ("déjà marié", "ever married"), "graduated": ("diplômé du supérieur", "graduate"),
    "spending_score": ("niveau de dépenses", "spending score"), "var_1": ("catégorie anonyme", "anonymous category"),
    "gender": ("genre", "gender"), "genre": ("genre", "gender"), "type_client": ("type de client", "customer type"),
}


def plain_label(column: str, lang: str = "fr") -> str | None:
    """The label of a common CRM header without unit (``job`` → « métier », ``poutcome`` → « résultat
    de la campagne précédente »), or ``None``."""
    pair = _PLAIN.get(normalise_name(column))
    return None if pair is None else pair[0 if lang == "fr" else 1]


#: Levels of common customer files in English, in French: normalised level → (fr, en, names people).
#: "Names people": the level alone can name a persona (« retraités »); otherwise it is shown after its
#: column (« résultat de la campagne précédente : échec »).
_LEVELS: dict[str, tuple[str, str, bool]] = {
    # job (UCI bank)
    "admin": ("employés administratifs", "administrative staff", True),
    "blue_collar": ("ouvriers", "blue-collar workers", True), "entrepreneur": ("entrepreneurs", "entrepreneurs", True),
    "housemaid": ("employés de maison", "housemaids", True), "management": ("cadres", "managers", True),
    "retired": ("retraités", "retired", True), "self_employed": ("indépendants", "self-employed", True),
    "services": ("employés des services", "service workers", True), "student": ("étudiants", "students", True),
    "technician": ("techniciens", "technicians", True), "unemployed": ("sans emploi", "unemployed", True),
    # marital status (bank, iFood)
    "married": ("mariés", "married", True), "single": ("célibataires", "single", True),
    "divorced": ("divorcés", "divorced", True), "together": ("en couple", "living together", True),
    "widow": ("veufs", "widowed", True), "widowed": ("veufs", "widowed", True),
    # education (bank, iFood)
    "primary": ("primaire", "primary", False), "secondary": ("secondaire", "secondary", False),
    "tertiary": ("supérieur", "tertiary", False), "graduation": ("licence", "bachelor's degree", False),
    "2n_cycle": ("master (2e cycle)", "master's (2nd cycle)", False), "master": ("master", "master's", False),
    "phd": ("doctorat", "PhD", False), "basic": ("études courtes", "basic education", False),
    # contact, outcome, yes/no (bank)
    "cellular": ("portable", "mobile phone", False), "telephone": ("téléphone fixe", "landline", False),
    "success": ("succès", "success", False), "failure": ("échec", "failure", False),
    "yes": ("oui", "yes", False), "no": ("non", "no", False),
    # months (bank)
    "jan": ("janvier", "January", False), "feb": ("février", "February", False), "mar": ("mars", "March", False),
    "apr": ("avril", "April", False), "may": ("mai", "May", False), "jun": ("juin", "June", False),
    "jul": ("juillet", "July", False), "aug": ("août", "August", False), "sep": ("septembre", "September", False),
    "oct": ("octobre", "October", False), "nov": ("novembre", "November", False), "dec": ("décembre", "December", False),
    # gender (Mall Customers, automotive)
    "male": ("hommes", "men", True), "female": ("femmes", "women", True),
    # profession (automotive)
    "healthcare": ("professionnels de santé", "healthcare workers", True), "engineer": ("ingénieurs", "engineers", True),
    "lawyer": ("juristes", "lawyers", True), "entertainment": ("métiers du spectacle", "entertainment workers", True),
    "artist": ("artistes", "artists", True), "executive": ("cadres dirigeants", "executives", True),
    "doctor": ("médecins", "doctors", True), "homemaker": ("au foyer", "homemakers", True),
    "marketing": ("métiers du marketing", "marketing workers", True),
}


def level_words(level: object, lang: str = "fr") -> tuple[str, bool] | None:
    """A category level of a common customer file in words: (text, whether it names people alone),
    or ``None`` when the level is not known (``failure`` → (« échec », False), ``retired`` →
    (« retraités », True))."""
    hit = _LEVELS.get(normalise_name(str(level)))
    if hit is None:
        return None
    return (hit[0] if lang == "fr" else hit[1]), hit[2]
_COUNTED = re.compile(r"^(?:nombre|nb|nbr)\s+(?:de\s+|d')?", re.IGNORECASE)


def readable_label(column: str) -> str:
    """A column name as words, when no label is known: ``NbVisitesBoutique`` → « nombre de visites
    boutique », ``duree_abonnement_mois`` → « durée abonnement mois », ``panier_eur`` → « panier (€) »."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", str(column))
    text = re.sub(r"[_\-.]+", " ", spaced).strip().lower()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^(?:nb|nbr|num|nombre)\s+(?:de\s+|d')?", "nombre de ", text)
    text = re.sub(r"^nombre de (?=[aeiouyhéèêâ])", "nombre d'", text)
    text = re.sub(r"\s+(?:eur|euros)$", " (€)", text)
    return restore_accents(text) or str(column)


def proposed_label(column: str) -> str:
    """The French label ``case init --from`` proposes for a customer-file column: the known label
    of a CRM header (``MntWines`` → « dépenses en vins », ``Kidhome`` → « enfants au foyer »), else
    :func:`readable_label`."""
    norm = normalise_name(column)
    if norm in _PLAIN:
        return _PLAIN[norm][0]
    words = words_for(column, generic=False)
    return words.fr if words is not None else readable_label(column)


def _than(word: str, label: str) -> str:
    """« plus de visites », « moins d'achats » (elision before a vowel or a mute h)."""
    bare = _COUNTED.sub("", label).strip()
    bare = re.sub(r"^montant\s+(?:total\s+)?(?:des\s+|de la\s+|du\s+|de\s+|d')", "", bare).strip() or bare
    first = normalise_name(bare[:1])
    return f"{word} d'{bare}" if first and first in "aeiouyh" else f"{word} de {bare}"


def _piece(known: Words | None, label: str, user: str | None, side: str, word: str,
           generate: bool) -> tuple[str, str] | None:
    """The name of the customers above (``side="high"``) or below the average: the user's, else
    the known one, else « plus de … » / « moins de … » for a quantity."""
    k = getattr(known, side) if known is not None else None
    if user:
        return (str(user), k[1] if k else "")
    if k:
        return k
    return (_than(word, label), "") if generate else None


def words_from_labels(labels: Mapping[str, Any]) -> dict[str, Words]:
    """The user's labels (``personas.labels`` in case.yaml) as :class:`Words`, keyed by column.

    A label is one line (``MntWines: "dépenses en vins"``) or ``{label, high, low}`` where ``high``
    and ``low`` name the customers above / below the average (``high: amateurs de vin``). The unit
    and the English words come from the known vocabulary; a count or an amount without ``high``
    is named « plus de … » / « moins de … », so that a persona name never shows a raw column.
    """
    out: dict[str, Words] = {}
    for column, spec in labels.items():
        if isinstance(spec, str):
            label, high, low = spec, None, None
        else:
            get = spec.get if isinstance(spec, Mapping) else (lambda k, _s=spec: getattr(_s, k, None))
            label, high, low = get("label"), get("high"), get("low")
        label = str(label or "").strip()
        if not label:
            continue
        known = words_for(str(column), generic=True)
        named = words_for(str(column), generic=False) is not None  # a known header keeps its own names
        norm = normalise_name(column)
        en = known.en if known is not None else (_PLAIN[norm][1] if norm in _PLAIN else
                                                 readable_label(column).replace("nombre de ", "number of "))
        unit = known.unit if known is not None else (
            "count" if _COUNTED.match(label) else "eur" if re.search(r"€|\b(?:montant|dépenses?)\b", label) else "number")
        quantity = unit in ("count", "eur", "keur", "kusd")

        generate = quantity and not named
        out[str(column)] = Words(label, en, unit, _piece(known, label, high, "high", "plus", generate),
                                 _piece(known, label, low, "low", "moins", generate),
                                 known.lower_is_recent if known is not None else False)
    return out
