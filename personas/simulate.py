"""Fictional customer data with known segments — for the example case, the tests and benchmarks.

Two generators:

* :func:`brulerie_sauvage` — the customers and transactions of *Brûlerie Sauvage*, a fictional
  Lyon coffee roaster (boutiques, e-shop, subscriptions, coffee for offices). Four latent
  segments drive every column, so the toolkit should find them again. The customer file is a
  French Excel re-save (``;`` separator, decimal comma, ``dd/mm/yyyy`` dates) and holds direct
  identifiers (names, emails, phones, addresses, birth dates) to exercise the RGPD path.
  Transactions follow the UCI Online Retail habits: returns as ``C…`` invoices with negative
  quantities and amounts.
* :func:`make_mixed_customers` — "make_blobs for customer tables": ``k`` segments over numeric,
  categorical and boolean columns plus an id, with the true labels, at any size
  (vectorised; 1,000,000 rows in about a second).

Every name, email and phone number is invented (``example`` domains, ``06 00``… numbers are
drawn at random); any resemblance to a real person is fortuitous.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["EDUCATION_LEVELS", "SEGMENTS", "FIRST_NAMES", "SimulatedCase", "brulerie_sauvage", "make_mixed_customers",
           "make_segmented_customers",
           "write_brulerie_sauvage"]

FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Clara", "Pauline",
    "Lucie", "Marine", "Élodie", "Claire", "Nathalie", "Isabelle", "Sophie", "Anne", "Marie",
    "Céline", "Hugo", "Lucas", "Thomas", "Nicolas", "Julien", "Antoine", "Maxime", "Alexandre",
    "Romain", "Mathieu", "Pierre", "Olivier", "Sébastien", "Laurent", "François", "David",
    "Karim", "Mehdi", "Yanis", "Théo", "Louis", "Paul", "Arthur", "Jules", "Nina", "Zoé",
)
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin",
    "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier",
    "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Benali", "Nguyen", "Haddad",
)
STREETS = ("rue de la République", "rue Mercière", "montée de la Grande-Côte", "boulevard de la "
           "Croix-Rousse", "avenue Jean-Jaurès", "rue Garibaldi", "cours Vitton", "quai Saint-Antoine",
           "rue Paul-Bert", "place Sathonay", "rue Victor-Hugo", "avenue Berthelot", "chemin des Vignes",
           "impasse des Lilas", "allée des Tilleuls", "rue Nationale", "route de Vienne")
LYON = (("Lyon", "69001"), ("Lyon", "69002"), ("Lyon", "69003"), ("Lyon", "69004"), ("Lyon", "69006"),
        ("Lyon", "69007"), ("Villeurbanne", "69100"), ("Caluire-et-Cuire", "69300"))
LYON_OFFICES = (("Lyon", "69003"), ("Lyon", "69007"), ("Villeurbanne", "69100"), ("Vénissieux", "69200"),
                ("Écully", "69130"), ("Limonest", "69760"))
FRANCE = (("Paris", "75011"), ("Paris", "75018"), ("Marseille", "13006"), ("Bordeaux", "33000"),
          ("Nantes", "44000"), ("Lille", "59000"), ("Toulouse", "31000"), ("Grenoble", "38000"),
          ("Annecy", "74000"), ("Rennes", "35000"), ("Strasbourg", "67000"), ("Montpellier", "34000"),
          ("Saint-Étienne", "42000"), ("Dijon", "21000"))

#: The four latent segments of the example case: share of customers and behaviour.
SEGMENTS = ("habitues_boutique", "abonnes_eshop", "occasionnels_cadeaux", "bureaux_b2b")
_SHARES = (0.36, 0.28, 0.26, 0.10)

START = _dt.date(2024, 1, 1)
END = _dt.date(2026, 10, 31)


@dataclass(frozen=True)
class SimulatedCase:
    """The generated example: customer table, transactions and each customer's true segment."""

    customers: pd.DataFrame
    transactions: pd.DataFrame
    segment: pd.Series  # true segment per customer id (not written to the case files)


def _choice(rng: np.random.Generator, options: tuple, p: tuple[float, ...] | None = None) -> object:
    return options[rng.choice(len(options), p=p)]


def _phone(rng: np.random.Generator) -> str:
    digits = [int(d) for d in rng.integers(0, 10, 8)]
    mobile = str(rng.choice(["6", "7"]))
    style = rng.integers(0, 4)
    pairs = [f"{digits[i]}{digits[i + 1]}" for i in range(0, 8, 2)]
    if style == 0:
        return f"0{mobile} " + " ".join(pairs)
    if style == 1:
        return f"+33 {mobile} " + " ".join(pairs)
    if style == 2:
        return f"0{mobile}" + "".join(pairs)
    return f"0{mobile}." + ".".join(pairs)


def _ascii(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def _fr_date(d: _dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _fr_decimal(x: float) -> str:
    return f"{x:.2f}".replace(".", ",")


def brulerie_sauvage(n_customers: int = 2400, seed: int = 2026) -> SimulatedCase:
    """Generate the Brûlerie Sauvage customers (French Excel style) and transactions.

    Amounts are € incl. VAT. Returns: ~2 % of order lines come back as a ``C…`` invoice with
    negative quantity and amount on a later date.
    """
    rng = np.random.default_rng(seed)
    seg_idx = rng.choice(len(SEGMENTS), size=n_customers, p=_SHARES)
    customers: list[dict] = []
    tx: list[tuple] = []
    invoice = 240000
    span = (END - START).days
    for i, s in enumerate(seg_idx):
        seg = SEGMENTS[s]
        cid = f"BS{i + 1:05d}"
        first, last = _choice(rng, FIRST_NAMES), _choice(rng, LAST_NAMES)
        civ = "Mme" if first in FIRST_NAMES[:20] + ("Nina", "Zoé") else "M."
        if seg == "habitues_boutique":
            age = rng.normal(54, 9)
            ville, cp = _choice(rng, LYON)
            canal = _choice(rng, ("boutique", "bouche-à-oreille", "Google"), (0.6, 0.35, 0.05))
            abonne = rng.random() < 0.06
            mouture = _choice(rng, ("espresso", "piston", "grains", "filtre"), (0.45, 0.3, 0.15, 0.1))
            torref = _choice(rng, ("foncée", "medium", "claire"), (0.55, 0.4, 0.05))
            optin = rng.random() < 0.35
            nps = int(np.clip(rng.normal(9, 0.9), 0, 10)) if rng.random() < 0.6 else None
            budget = rng.normal(30, 8)
            type_client = "particulier"
            n_orders = max(2, int(rng.poisson(12)))
            channels, ch_p = ("boutique", "e-shop"), (0.93, 0.07)
            cats, cat_p = ("grains", "moulu", "accessoires", "ateliers"), (0.35, 0.55, 0.06, 0.04)
            first_day = rng.integers(0, span // 3)
        elif seg == "abonnes_eshop":
            age = rng.normal(33, 6)
            ville, cp = _choice(rng, FRANCE) if rng.random() < 0.8 else _choice(rng, LYON)
            canal = _choice(rng, ("Instagram", "Google", "parrainage"), (0.45, 0.3, 0.25))
            abonne = rng.random() < 0.96
            mouture = _choice(rng, ("grains", "filtre", "espresso"), (0.6, 0.3, 0.1))
            torref = _choice(rng, ("claire", "medium"), (0.75, 0.25))
            optin = rng.random() < 0.9
            nps = int(np.clip(rng.normal(8.5, 1.2), 0, 10)) if rng.random() < 0.7 else None
            budget = rng.normal(38, 9)
            type_client = "particulier"
            first_day = rng.integers(0, span - 120)
            n_orders = max(2, int((span - first_day) / 30.4 * rng.uniform(0.7, 1.0)))
            channels, ch_p = ("abonnement", "e-shop"), (0.85, 0.15)
            cats, cat_p = ("grains", "moulu", "accessoires", "ateliers"), (0.78, 0.14, 0.08, 0.0)
        elif seg == "occasionnels_cadeaux":
            age = rng.normal(42, 13)
            ville, cp = _choice(rng, FRANCE) if rng.random() < 0.7 else _choice(rng, LYON)
            canal = _choice(rng, ("Google", "Instagram", "salon"), (0.55, 0.3, 0.15))
            abonne = False
            mouture = _choice(rng, ("moulu", "piston", "espresso"), (0.5, 0.3, 0.2))
            torref = _choice(rng, ("medium", "foncée", "claire"), (0.6, 0.25, 0.15))
            optin = rng.random() < 0.25
            nps = int(np.clip(rng.normal(6, 2), 0, 10)) if rng.random() < 0.4 else None
            budget = rng.normal(20, 7)
            type_client = "particulier"
            n_orders = 1 + int(rng.random() < 0.35) + int(rng.random() < 0.1)
            channels, ch_p = ("e-shop", "boutique"), (0.88, 0.12)
            cats, cat_p = ("grains", "moulu", "accessoires", "ateliers"), (0.1, 0.3, 0.45, 0.15)
            first_day = rng.integers(0, span - 30)
        else:  # bureaux_b2b
            age = rng.normal(44, 8)
            ville, cp = _choice(rng, LYON_OFFICES)
            canal = _choice(rng, ("salon", "prospection", "bouche-à-oreille"), (0.4, 0.45, 0.15))
            abonne = rng.random() < 0.7
            mouture = "grains"
            torref = _choice(rng, ("medium", "foncée"), (0.6, 0.4))
            optin = rng.random() < 0.5
            nps = int(np.clip(rng.normal(7.5, 1.2), 0, 10)) if rng.random() < 0.8 else None
            budget = rng.normal(260, 60)
            type_client = "entreprise"
            first_day = rng.integers(0, span - 200)
            n_orders = max(3, int((span - first_day) / 30.4 * rng.uniform(0.6, 1.0)))
            channels, ch_p = ("B2B",), (1.0,)
            cats, cat_p = ("grains", "moulu", "accessoires", "ateliers"), (0.84, 0.0, 0.1, 0.06)
        age = int(np.clip(age, 18, 85))
        signup = START + _dt.timedelta(days=int(first_day))
        birth = _dt.date(2026 - age, 1, 1) + _dt.timedelta(days=int(rng.integers(0, 365)))
        email_user = f"{_ascii(first)}.{_ascii(last)}{rng.integers(1, 99)}".replace(" ", "").replace("'", "")
        domain = "entreprise.example" if type_client == "entreprise" else _choice(
            rng, ("mail.example", "courriel.example", "boite.example"))
        comment = ""
        r = rng.random()
        if r < 0.04:
            comment = f"Rappeler au {_phone(rng)} pour la livraison"
        elif r < 0.12:
            comment = _choice(rng, ("Aime les cafés d'Éthiopie", "Livraison au bureau svp",
                                    "Client fidèle depuis l'ouverture", "A demandé un atelier latte art",
                                    "Préfère les cafés peu acides"))
        customers.append({
            "id_client": cid,
            "civilite": civ,
            "nom": last,
            "prenom": first,
            "email": f"{email_user}@{domain}",
            "telephone": _phone(rng),
            "adresse": f"{rng.integers(1, 120)} {_choice(rng, STREETS)}",
            "code_postal": cp,
            "ville": ville,
            "date_naissance": "" if (type_client == "entreprise" and rng.random() < 0.6) else _fr_date(birth),
            "date_inscription": _fr_date(signup),
            "type_client": type_client,
            "canal_acquisition": canal,
            "abonne": "oui" if abonne else "non",
            "mouture_preferee": mouture,
            "torrefaction_preferee": torref,
            "optin_newsletter": "oui" if optin else "non",
            "note_nps": "" if nps is None else str(nps),
            "budget_mensuel_declare": _fr_decimal(max(5.0, budget)),
            "commentaire": comment,
        })
        # orders spread between the signup date and the end, recent ones denser for subscribers
        days = np.sort(rng.integers(int(first_day), span + 1, size=n_orders))
        for d in days:
            invoice += 1
            day = START + _dt.timedelta(days=int(d))
            ts = _dt.datetime.combine(day, _dt.time(int(rng.integers(8, 20)), int(rng.integers(0, 60))))
            ch = _choice(rng, channels, ch_p)
            n_lines = 1 + int(rng.random() < 0.35)
            for _ in range(n_lines):
                cat = _choice(rng, cats, cat_p)
                qty = int(rng.integers(3, 11)) if seg == "bureaux_b2b" and cat == "grains" else int(1 + rng.poisson(0.4))
                unit = {"grains": 12.5, "moulu": 11.0, "accessoires": 29.0, "ateliers": 45.0}[cat]
                if seg == "bureaux_b2b" and cat == "grains":
                    unit = 21.0  # 1 kg bags
                amount = round(qty * unit * rng.uniform(0.85, 1.2), 2)
                tx.append((str(invoice), cid, ts, ch, cat, qty, amount))
                if rng.random() < 0.02:  # a return, later, as a C… invoice
                    back = ts + _dt.timedelta(days=int(rng.integers(2, 20)))
                    if back.date() <= END:
                        tx.append((f"C{invoice}", cid, back, ch, cat, -qty, -amount))
    cust = pd.DataFrame(customers)
    trans = pd.DataFrame(tx, columns=["facture", "id_client", "date", "canal", "categorie", "quantite", "montant"])
    trans = trans.sort_values(["date", "facture"], kind="stable").reset_index(drop=True)
    truth = pd.Series([SEGMENTS[s] for s in seg_idx], index=cust["id_client"], name="segment")
    return SimulatedCase(cust, trans, truth)


def write_brulerie_sauvage(data_dir, n_customers: int = 2400, seed: int = 2026) -> tuple:
    """Write ``clients.csv`` (French Excel: ``;``, decimal comma, dd/mm/yyyy, UTF-8 BOM) and
    ``transactions.csv`` (comma, ISO timestamps) into ``data_dir``; return both paths."""
    from pathlib import Path

    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    sim = brulerie_sauvage(n_customers, seed)
    clients = data_dir / "clients.csv"
    sim.customers.to_csv(clients, sep=";", index=False, encoding="utf-8-sig", lineterminator="\r\n")
    trans = data_dir / "transactions.csv"
    t = sim.transactions.copy()
    t["date"] = t["date"].dt.strftime("%Y-%m-%d %H:%M")
    t.to_csv(trans, index=False, encoding="utf-8")
    return clients, trans


def make_mixed_customers(
    n: int = 600,
    k: int = 4,
    seed: int = 0,
    *,
    separation: float = 4.0,
    n_numeric: int = 6,
    n_categorical: int = 3,
    n_boolean: int = 2,
    rows_seed: int | None = None,
    id_start: int = 1,
) -> tuple[pd.DataFrame, np.ndarray]:
    """A customer table with ``k`` known segments over mixed columns, and the true labels.

    Numeric columns are Gaussian around segment centres ``separation`` standard deviations
    apart (on average); each categorical column has one dominant level per segment (70 %);
    booleans have segment-specific rates. Columns: ``customer_id`` + ``n_numeric`` +
    ``n_categorical`` + ``n_boolean`` (1 + 6 + 3 + 2 = 12 with the defaults).
    Segment sizes differ (ratio up to ~2) so that persona ids are well ordered.

    ``seed`` fixes the segments; ``rows_seed`` (when given) draws other customers from the
    same segments — to write a big file in chunks (with ``id_start`` keeping ids unique).
    """
    rng = np.random.default_rng(seed)
    if rows_seed is not None:
        structure = np.random.default_rng(seed)
        centres = structure.normal(0, separation / np.sqrt(2), size=(k, n_numeric))
        dominant_all = [structure.permutation(max(k, 3) + 1)[:k] for _ in range(n_categorical)]
        rates_all = [structure.permutation(np.linspace(0.1, 0.9, k)) for _ in range(n_boolean)]
        rng = np.random.default_rng([seed, rows_seed])
    weights = np.linspace(1.0, 2.0, k)[::-1]
    labels = rng.choice(k, size=n, p=weights / weights.sum())
    data: dict[str, object] = {"customer_id": np.char.add("CU", np.arange(id_start, id_start + n).astype(str))}
    if rows_seed is None:
        centres = rng.normal(0, separation / np.sqrt(2), size=(k, n_numeric))
    names = ["age", "income_keur", "visits_per_month", "basket_eur", "tenure_months", "pages_per_visit",
             "score_a", "score_b", "score_c"]
    scales = [10, 8, 1.5, 12, 6, 2, 1, 1, 1]
    offsets = [40, 35, 4, 45, 24, 6, 0, 0, 0]
    for j in range(n_numeric):
        z = centres[labels, j] + rng.standard_normal(n)
        name = names[j] if j < len(names) else f"num_{j}"
        sc, off = (scales[j], offsets[j]) if j < len(names) else (1, 0)
        data[name] = np.round(off + sc * z, 2)
    cat_names = ["region", "channel", "favourite_category", "device"]
    for j in range(n_categorical):
        levels = np.array([f"{cat_names[j % 4][:3]}_{c}" for c in range(max(k, 3) + 1)])
        dominant = dominant_all[j] if rows_seed is not None else rng.permutation(len(levels))[:k]
        own = rng.random(n) < 0.7
        other = rng.integers(0, len(levels), n)
        data[cat_names[j] if j < 4 else f"cat_{j}"] = levels[np.where(own, dominant[labels], other)]
    bool_names = ["newsletter", "loyalty_member", "app_user"]
    for j in range(n_boolean):
        rates = rates_all[j] if rows_seed is not None else rng.permutation(np.linspace(0.1, 0.9, k))
        data[bool_names[j] if j < 3 else f"flag_{j}"] = rng.random(n) < rates[labels]
    return pd.DataFrame(data), labels


#: Education levels in their order (INSEE-style long labels): an ordinal column for the generators.
EDUCATION_LEVELS = (
    "Aucun diplôme ou certificat d'études primaires",
    "Brevet des collèges, BEPC",
    "CAP, BEP ou diplôme de même niveau",
    "Baccalauréat général, technologique ou professionnel",
    "Bac + 2 (BTS, DUT, DEUG)",
    "Bac + 3 ou bac + 4 (licence, maîtrise)",
    "Bac + 5 ou plus (master, diplôme d'ingénieur, doctorat)",
)


def make_segmented_customers(
    n: int = 1000,
    k: int = 5,
    seed: int = 0,
    *,
    separation: float = 3.0,
    uninformative: bool = True,
) -> tuple[pd.DataFrame, np.ndarray]:
    """A realistic CRM extract with ``k`` known segments, and the true labels.

    What makes it realistic (each trait is a trap seen on real files):

    * skewed amounts (``montant_total_eur`` log-normal) and counts (``nb_commandes``);
    * integer codes: ``region`` 1/2/3/4 and ``canal`` 1/2 (categories, not quantities);
    * an ordinal with long labels: ``niveau_etudes`` (:data:`EDUCATION_LEVELS`);
    * a placeholder: ``jours_depuis_contact`` = −1 for customers never contacted;
    * a yes/no flag (``appli_mobile``), a text category (``source``);
    * with ``uninformative``: a signup date drawn uniformly over four years and a newsletter
      flag at 20 %, both independent of the segments (they should be set aside).

    Segments differ on every informative column by about ``separation`` within-segment
    standard deviations (numeric) or by a dominant level (categories). Sizes vary (ratio 2).
    """
    rng = np.random.default_rng(seed)
    weights = np.linspace(2.0, 1.0, k)
    labels = rng.choice(k, size=n, p=weights / weights.sum())
    # segment centres: spread on a grid of positions so that every pair differs somewhere
    pos = np.stack([rng.permutation(k) for _ in range(4)], axis=1) / max(k - 1, 1)  # k × 4 in [0, 1]
    c = pos[labels]
    s = separation
    data: dict[str, object] = {"id_client": np.char.add("C", np.arange(1, n + 1).astype(str))}
    data["age"] = np.round(25 + 40 * c[:, 0] + (40 / (k - 1) / s) * rng.standard_normal(n)).clip(18, 95)
    data["revenu_annuel_eur"] = np.round(np.exp(np.log(18_000) + 1.6 * c[:, 1]
                                                + (1.6 / (k - 1) / s) * rng.standard_normal(n)), -2)
    data["montant_total_eur"] = np.round(np.exp(np.log(40) + 3.0 * c[:, 2]
                                                + (3.0 / (k - 1) / s) * rng.standard_normal(n)), 2)
    data["nb_commandes"] = rng.poisson(np.exp(np.log(1.5) + 2.2 * c[:, 3]))
    region_of = rng.permutation(np.arange(k) % 4 + 1)
    data["region"] = np.where(rng.random(n) < 0.85, region_of[labels], rng.integers(1, 5, n))
    canal_of = np.arange(k) % 2 + 1
    data["canal"] = np.where(rng.random(n) < 0.85, canal_of[labels], rng.integers(1, 3, n))
    edu_of = np.round(np.linspace(0, len(EDUCATION_LEVELS) - 1, k)).astype(int)[rng.permutation(k)]
    edu = np.clip(edu_of[labels] + rng.integers(-1, 2, n) * (rng.random(n) < 0.3), 0, len(EDUCATION_LEVELS) - 1)
    data["niveau_etudes"] = np.array(EDUCATION_LEVELS, dtype=object)[edu]
    contacted = rng.random(n) < np.linspace(0.1, 0.6, k)[rng.permutation(k)][labels]
    data["jours_depuis_contact"] = np.where(contacted, rng.integers(1, 400, n), -1)
    data["appli_mobile"] = np.where(rng.random(n) < np.linspace(0.1, 0.9, k)[rng.permutation(k)][labels],
                                    "oui", "non")
    sources = np.array(["Instagram", "Google", "Bouche-à-oreille", "Salon", "Partenaire"], dtype=object)
    src_of = rng.permutation(len(sources))[np.arange(k) % len(sources)]
    data["source"] = np.where(rng.random(n) < 0.75, sources[src_of[labels]], sources[rng.integers(0, 5, n)])
    if uninformative:
        signup = pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 4 * 365, n), "D")
        data["date_inscription"] = signup.strftime("%d/%m/%Y")
        data["newsletter"] = np.where(rng.random(n) < 0.2, "oui", "non")
    return pd.DataFrame(data), labels
