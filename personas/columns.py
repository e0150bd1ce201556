"""Column roles and criteria: what each column of a customer file is, and what it tells.

Customer files come with whatever columns the client has. Each column gets a **role**:

==============  =================================================  ==========================
role            recognised by                                      used as
==============  =================================================  ==========================
identifier      ``id_column``, or unique values with an id-like    pseudonymised key, never
                name (``id``, ``code``, ``ref``…)                  a feature
numeric         numbers (``1 234,56`` and ``12,5`` accepted)       scaled feature
boolean         two values among oui/non, yes/no, 0/1, vrai/faux…  0/1 feature
categorical     text with few distinct values (≤ 30 or ≤ 5 %)      one-hot feature
date            ≥ 90 % of values parse as dates (dd/mm/yyyy…)      tenure in days
text            long free text (comments, survey verbatims)        excluded (may hide PII)
ignore          constant columns, or ``column_roles: {x: ignore}``  excluded
==============  =================================================  ==========================

Postal codes become a department (2 first characters) and the exact code is dropped
(quasi-identifier). Override any role in ``case.yaml``::

    personas:
      column_roles: {code_fidelite: identifier, score_interne: numeric}
      criteria: {note_nps: intention, mouture_preferee: affinite}

Each feature also gets one of the four **criteria** used to rank targets in the deliverable:
``socio_demographique`` (who: age, city, type of customer), ``comportemental`` (what they do:
recency, frequency, spend, channel), ``intention`` (what they plan or say: NPS, declared
budget, interest) and ``affinite`` (what they like: preferred products, opt-ins). Criteria are
guessed from the column name and can be set in ``personas.criteria``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from personas.privacy import normalise_name

__all__ = ["CRITERIA", "SIGNALS", "ColumnInfo", "clean_text", "customer_signals", "guess_criterion", "infer_roles",
           "parse_boolean", "parse_dates", "parse_numbers", "signal_of"]

CRITERIA = ("socio_demographique", "comportemental", "intention", "affinite")

_CRITERIA_TOKENS = {
    "socio_demographique": ("age", "sexe", "genre", "gender", "civilite", "ville", "city", "departement",
                            "region", "pays", "country", "csp", "profession", "metier", "revenu", "income",
                            "famille", "enfants", "foyer", "type", "statut", "tranche", "commune",
                            "secteur", "taille", "education", "etudes", "diplome", "marital", "kidhome",
                            "teenhome", "kid", "teen", "birth", "naissance", "job", "emploi", "married"),
    "intention": ("nps", "intention", "intent", "projet", "interet", "souhait", "budget", "score",
                  "satisfaction", "recommandation", "avis", "note", "envie", "prevoit"),
    "affinite": ("preference", "prefere", "preferee", "favori", "favorite", "favourite", "mouture",
                 "torrefaction", "gout", "style", "newsletter", "optin", "opt", "marque", "univers",
                 "part", "passion", "centre"),
}

_ID_TOKENS = {"id", "code", "ref", "reference", "numero", "num", "no", "customerid", "clientid", "uuid",
              "key", "cle", "matricule", "identifiant"}
_POSTAL_TOKENS = {"cp", "postal", "zip", "codepostal", "postcode", "zipcode"}
_TRUE = {"oui", "yes", "true", "vrai", "1", "y", "o", "x", "1.0"}
_FALSE = {"non", "no", "false", "faux", "0", "n", "0.0"}


@dataclass(frozen=True)
class ColumnInfo:
    """What a column is (``role``), what it tells (``criterion``) and whether it is used."""

    column: str
    role: str
    criterion: str | None
    used: bool
    reason: str  # why it is used or excluded (shown in the RGPD note)
    missing: int = 0  # empty cells
    distinct: int = 0
    placeholder: float | None = None  # numeric: the code that means "no value" (pdays = −1)
    levels: tuple[str, ...] = ()  # ordinal: the levels in their order


def guess_criterion(name: str) -> str:
    """Criterion guessed from the column name; behaviour (``comportemental``) by default."""
    tokens = name_tokens(name)
    for crit, words in _CRITERIA_TOKENS.items():
        if tokens & set(words):
            return crit
    return "comportemental"


def parse_numbers(values: pd.Series) -> pd.Series:
    """Text numbers → float: ``1 234,56``, ``1.234,56``, ``12,5 %``, ``€ 30``; others → NaN."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype(float)
    s = values.astype("string").str.strip()
    s = s.str.replace(r"[\s\u00a0\u202f€$%]", "", regex=True)
    has_comma = s.str.contains(",", regex=False).fillna(False)
    # "1.234,56" → "1234.56"; "12,5" → "12.5"
    s = s.where(~has_comma, s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    return pd.to_numeric(s, errors="coerce").astype(float)


def parse_dates(values: pd.Series) -> pd.Series:
    """Text dates → datetime: ``dd/mm/yyyy`` (French) first, then ISO; others → NaT."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    s = values.astype("string").str.strip()
    iso = s.str.match(r"^\d{4}-\d{2}-\d{2}").fillna(False)
    out = pd.to_datetime(s.where(iso), format="ISO8601", errors="coerce")
    for fmt in ("%d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%y"):
        rest = out.isna() & s.notna() & (s != "")
        if not rest.any():
            return out
        out = out.where(~rest, pd.to_datetime(s.where(rest), format=fmt, errors="coerce"))
    rest = out.isna() & s.notna() & (s != "")
    if rest.any():
        out = out.where(~rest, pd.to_datetime(s.where(rest), errors="coerce", dayfirst=True, format="mixed"))
    return out


def parse_boolean(values: pd.Series) -> pd.Series:
    """``oui/non``, ``yes/no``, ``1/0``, ``vrai/faux``… → 1.0/0.0 (NaN when empty)."""
    if pd.api.types.is_bool_dtype(values):
        return values.astype(float)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    u = pd.Series(uniques, dtype=object).astype(str).str.strip().str.lower()
    table = np.array([1.0 if v in _TRUE else (0.0 if v in _FALSE else np.nan) for v in u] + [np.nan])
    return pd.Series(table[np.where(codes >= 0, codes, len(u))], index=values.index, dtype=float)


def clean_text(values: pd.Series) -> pd.Series:
    """Stripped text with empty cells as missing — computed once per distinct value (fast on
    millions of rows with few distinct values)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    u = pd.Series(uniques, dtype=object).astype(str).str.strip()
    u = u.where(u != "", None).to_numpy(dtype=object)
    out = np.full(len(values), None, dtype=object)
    ok = codes >= 0
    out[ok] = u[codes[ok]]
    return pd.Series(out, index=values.index, dtype=object)


def _non_empty(values: pd.Series, limit: int = 20_000) -> pd.Series:
    """Non-empty values (a random sample of at most ``limit`` of them: enough to type a column)."""
    s = values.dropna()
    if len(s) > limit:
        s = s.sample(limit, random_state=0)
    if s.dtype == object or pd.api.types.is_string_dtype(s):
        s = s.astype(str).str.strip()
        s = s[s != ""]
    return s


def name_tokens(name: str) -> set[str]:
    """Words of a column name, camelCase split: ``NumWebPurchases`` → {num, web, purchases}."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", str(name))
    return set(normalise_name(spaced).split("_")) | set(normalise_name(name).split("_"))


#: Words of a column name that say "a quantity": integers with few values stay numbers.
_COUNT_TOKENS = {
    "nb", "nbr", "nombre", "num", "number", "count", "qty", "quantite", "kid", "kids", "kidhome", "teenhome",
    "teen", "enfant", "enfants", "children", "child", "visits", "visites", "visite", "achats", "purchases",
    "orders", "commandes", "commande", "frequence", "frequency", "jours", "days", "mois", "months", "annees",
    "years", "recency", "recence", "score", "note", "rating", "nps", "age", "fois", "times", "pages", "items",
    "articles", "size", "taille", "personnes", "persons", "members", "membres", "duree", "duration",
    "anciennete", "tenure", "points", "etoiles", "stars", "nuits", "nights", "produits", "products",
    "campaign", "campagnes", "contacts", "previous", "mnt", "montant", "amount", "salaire", "revenu", "income",
}
_BIRTH_YEAR = {"year_birth", "yearbirth", "birth_year", "birthyear", "annee_naissance", "annee_de_naissance",
               "an_naissance", "year_of_birth"}
_PLACEHOLDERS = (-1.0, -9.0, -99.0, -999.0, -9999.0, 999.0, 9999.0, 99999.0)

# Ordered scales recognised in category labels (lower case, no accents), most specific first.
_ORDINAL_SCALES: tuple[tuple[tuple[int, str], ...], ...] = (
    (  # education: INSEE levels, French and English
        (7, r"doctorat|phd|doctorate"), (6, r"bac\s*\+\s*[5-8]|master|ingenieur|mba|grande ecole"),
        (5, r"bac\s*\+\s*[34]|licence|maitrise|bachelor|graduation|undergraduate"),
        (4, r"bac\s*\+\s*2|bts|dut|deug|2n cycle|associate"),
        (3, r"baccalaureat|\bbac\b|high school|lycee"), (2, r"\bcap\b|\bbep\b|vocational"),
        (1, r"brevet|bepc|college|middle school"),
        (0, r"aucun|sans diplome|certificat d.etudes|\bcep\b|primaire|basic|none|no diploma"),
    ),
    (  # frequency
        (4, r"toujours|always|tres souvent|very often"), (3, r"souvent|often|frequemment"),
        (2, r"parfois|sometimes|occasionnel|de temps"), (1, r"rarement|rarely|seldom"), (0, r"jamais|never"),
    ),
    (  # satisfaction / agreement (Likert)
        (0, r"pas du tout|tres insatisfait|very dissatisfied|strongly disagree|tout a fait en desaccord"),
        (4, r"tres satisfait|tout a fait|very satisfied|strongly agree"),
        (1, r"peu satisfait|insatisfait|dissatisfied|plutot pas|disagree|pas d.accord"),
        (2, r"neutre|neutral|ni satisfait|ni d.accord|neither"),
        (3, r"satisfait|plutot d.accord|satisfied|agree|d.accord"),
    ),
    (  # low / medium / high
        (0, r"^(tres )?(faible|bas|basse|low|petit|petite|small)$"), (1, r"^(moyen|moyenne|medium|mid|middle|average|intermediaire)$"),
        (2, r"^(eleve|elevee|fort|forte|haut|haute|high|grand|grande|large)$"),
    ),
)


#: Levels that say nothing about a customer on their own: missing-value and catch-all labels.
_PLACEHOLDER_LEVEL = re.compile(r"^(unknown|inconnue?|other|others|autres?|none|aucune?|n/?a|nan|missing|manquante?|-)$")


def level_rank(value: str) -> int | None:
    """0, 1 or 2 when ``value`` is a level of the low / medium / high scale (``Low``,
    ``Average``, ``élevé``…), else ``None``: such a level means nothing without its column."""
    plain = _ascii_lower(str(value))
    return next((rank for rank, pat in _ORDINAL_SCALES[-1] if re.search(pat, plain)), None)


def is_placeholder_level(value: str) -> bool:
    """``unknown``, ``other``, ``autres``, ``n/a``…: a level that names no one."""
    return bool(_PLACEHOLDER_LEVEL.match(_ascii_lower(str(value))))


def ordinal_levels(levels: list[str]) -> tuple[str, ...] | None:
    """The levels in their order when they read as an ordered scale, else ``None``.

    Recognised: education levels (``CAP, BEP…`` < ``Baccalauréat`` < ``Bac + 5…``, ``Basic`` <
    ``Graduation`` < ``PhD``), frequencies, satisfaction or agreement scales, low/medium/high,
    and bands led by a number (``18-24 ans``, ``moins de 1 000 €``, ``5 000 € et plus``).
    """
    levels = [str(v) for v in levels if str(v).strip()]
    if not 3 <= len(levels) <= 15:
        return None
    plain = [_ascii_lower(v) for v in levels]
    for scale in _ORDINAL_SCALES:
        ranks = []
        for v in plain:
            r = next((rank for rank, pat in scale if re.search(pat, v)), None)
            if r is None:
                break
            ranks.append(r)
        else:
            if len(set(ranks)) >= 3:
                return tuple(v for _, v in sorted(zip(ranks, levels, strict=True)))
    # bands led by a number: "18-24 ans", "moins de 1 000 €", "5 000 € et plus" (not codes like "reg_1")
    lead = r"^\s*(?:moins de|plus de|less than|more than|under|over|de|from|entre|between|<|>|≤|≥)?\s*\d"
    if not all(re.match(lead, v) for v in plain):
        return None
    if not any(re.search(r"\d\s*(?:-|–|à|a|to)\s*\d|moins|plus|less|more|under|over|<|>|\+", v) for v in plain):
        return None
    keys = []
    for v in plain:
        m = re.search(r"\d[\d\s.]*", v)
        x = float(re.sub(r"[\s.]", "", m.group()) or 0) if m else 0.0
        if re.search(r"moins|less|under|<|jusqu", v):
            x -= 0.5
        elif re.search(r"plus de|more|over|>|et plus|\+\s*$|ou plus", v):
            x += 0.5
        keys.append(x)
    if len(set(keys)) < len(keys):
        return None
    return tuple(v for _, v in sorted(zip(keys, levels, strict=True)))


def _ascii_lower(text: str) -> str:
    import unicodedata

    t = unicodedata.normalize("NFKD", text)
    return "".join(c for c in t if not unicodedata.combining(c)).lower().strip()


def find_placeholder(values: pd.Series) -> float | None:
    """A code standing for "no value" in a number column: ``pdays = -1`` (never contacted),
    ``999``… — frequent (≥ 5 % of values) and outside the range of the other values."""
    x = values.to_numpy(dtype=float)
    x = x[np.isfinite(x)]
    if x.size < 10:
        return None
    for code in _PLACEHOLDERS:
        hit = x == code
        share = hit.mean()
        if share < 0.05 or share == 1.0:
            continue
        rest = x[~hit]
        if (code < 0 and rest.min() >= 0) or (code > 0 and rest.max() < code / 2 and rest.min() >= 0):
            return code
    return None


def _integer_codes(values: pd.Series, tokens: set[str]) -> bool:
    """Small integers that are codes (``Region`` 1/2/3, ``Channel`` 1/2), not quantities."""
    x = values.dropna().to_numpy(dtype=float)
    if x.size == 0 or not np.all(x == np.round(x)) or tokens & _COUNT_TOKENS:
        return False
    u = np.unique(x)
    return 2 <= len(u) <= 12 and u.min() >= 0 and u.max() <= 20 and not set(u) <= {0.0, 1.0}


def _infer_one(col: str, values: pd.Series, n: int) -> tuple[str, str]:
    norm = normalise_name(col)
    tokens = name_tokens(col)
    s = _non_empty(values)
    if s.empty:
        return "ignore", "empty column"
    distinct = int(values.nunique())  # C-level hashing; "x" and "x " count twice (rare, harmless)
    n_non_empty = int(values.notna().sum())
    if distinct == 1:
        return "ignore", "one value only: tells nothing"
    if tokens & _POSTAL_TOKENS:
        return "postal", "postal code → department (exact code is a quasi-identifier)"
    lowered = set(s.astype(str).str.strip().str.lower().unique()[:50])
    if len(lowered) == 2 and lowered <= (_TRUE | _FALSE):
        return "boolean", "two values (yes/no)"
    if tokens & _ID_TOKENS and distinct >= 0.9 * n_non_empty:
        return "identifier", "one value per customer"
    if pd.api.types.is_bool_dtype(values):
        return "boolean", "yes/no"
    if pd.api.types.is_numeric_dtype(values):
        if norm in _BIRTH_YEAR or tokens >= {"year", "birth"} or tokens >= {"annee", "naissance"}:
            return "birth_year", "year of birth → age"
        if _integer_codes(values, tokens):
            return "categorical", f"integer codes ({distinct} values): categories, not quantities"
        if find_placeholder(values) is not None:
            return "numeric", "numbers with a placeholder code"
        return "numeric", "numbers"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date", "dates → tenure in days"
    sample = s.sample(min(len(s), 500), random_state=0) if len(s) > 500 else s
    if parse_numbers(sample).notna().mean() >= 0.95:
        return "numeric", "numbers (text, decimal comma accepted)"
    if sample.astype(str).str.match(r"^\d{1,4}[/\-.]\d{1,2}[/\-.]\d{2,4}").mean() >= 0.9 and \
            parse_dates(sample).notna().mean() >= 0.9:
        return "date", "dates → tenure in days"
    if distinct <= 15:
        levels = ordinal_levels(list(values.dropna().astype(str).str.strip().unique()))
        if levels:
            return "ordinal", f"ordered levels ({len(levels)})"
    text = sample.astype(str)
    if text.str.len().mean() > 25 or text.str.count(r"\s").mean() > 3:
        return "text", "free text: not used (may hide personal data, not comparable)"
    if distinct <= 30 or distinct <= 0.05 * n_non_empty:
        return "categorical", f"{distinct} categories"
    if distinct >= 0.5 * n_non_empty:
        return "identifier", "almost one value per customer: identifies, does not describe"
    return "categorical", f"{distinct} categories (rare ones grouped)"


_ROLE_REASON = {
    "numeric": "set in case.yaml", "categorical": "set in case.yaml", "boolean": "set in case.yaml",
    "date": "set in case.yaml", "text": "set in case.yaml", "identifier": "set in case.yaml",
    "ordinal": "set in case.yaml",
    "ignore": "excluded in case.yaml",
}


def infer_roles(
    frame: pd.DataFrame,
    *,
    overrides: dict[str, str] | None = None,
    criteria: dict[str, str] | None = None,
    id_column: str | None = None,
    exclude: list[str] | tuple[str, ...] = (),
    pii: dict[str, str] | None = None,
) -> list[ColumnInfo]:
    """Role, criterion and use of every column of ``frame``.

    ``pii`` maps columns already found to hold direct identifiers to their kind; those are
    excluded (a birth date is kept only as an age, see :mod:`personas.privacy`).
    """
    overrides = overrides or {}
    criteria = criteria or {}
    pii = pii or {}
    out: list[ColumnInfo] = []
    n = len(frame)
    # the file's own age column wins over an age derived from a birth date: one age, counted once
    own_age = next((str(c) for c in frame.columns if (is_age_name(str(c)) or normalise_name(str(c)) in _BIRTH_YEAR)
                    and str(c) not in pii
                    and overrides.get(str(c)) not in ("ignore", "text", "identifier")
                    and str(c) not in exclude), None)
    for col in frame.columns:
        name = str(col)
        values = frame[col]
        text = values.dtype == object or pd.api.types.is_string_dtype(values)
        missing = int(values.isna().sum()) + (int((values == "").sum()) if text else 0)
        distinct = int(values.nunique())
        if name == id_column:
            out.append(ColumnInfo(name, "identifier", None, False, "customer id: pseudonymised (salted hash)",
                                  missing, distinct))
            continue
        if name in exclude:
            out.append(ColumnInfo(name, "ignore", None, False, "excluded in case.yaml", missing, distinct))
            continue
        if name in pii and overrides.get(name) != "ignore":
            kind = pii[name]
            if kind == "birth_date" and own_age:
                out.append(ColumnInfo(name, "pii", None, False, f"exact birth date: excluded (the file already "
                                      f"has an age column, {own_age!r})", missing, distinct))
            elif kind == "birth_date_extra":
                out.append(ColumnInfo(name, "pii", None, False, "second birth-date column: excluded",
                                      missing, distinct))
            elif kind == "birth_date":
                out.append(ColumnInfo(name, "birth_date", "socio_demographique", True,
                                      "exact birth date → age and age band only", missing, distinct))
            else:
                out.append(ColumnInfo(name, "pii", None, False, f"direct identifier ({kind}): excluded",
                                      missing, distinct))
            continue
        if name in overrides:
            role, reason = overrides[name], _ROLE_REASON[overrides[name]]
        else:
            role, reason = _infer_one(name, values, n)
        used = role in ("numeric", "boolean", "categorical", "date", "postal", "ordinal", "birth_year")
        crit = criteria.get(name) or (guess_criterion(name) if used else None)
        if role in ("postal", "birth_year") and name not in criteria:
            crit = "socio_demographique"
        placeholder = find_placeholder(values) if role == "numeric" and pd.api.types.is_numeric_dtype(values) \
            else None
        levels = ()
        if role == "ordinal":
            levels = ordinal_levels(list(values.dropna().astype(str).str.strip().unique())) or tuple(
                sorted(values.dropna().astype(str).str.strip().unique()))
        out.append(ColumnInfo(name, role, crit, used, reason, missing, distinct, placeholder, levels))
    return out


def is_age_name(name: str) -> bool:
    """``âge``, ``Age``, ``age_client``, ``âge (ans)``: the customer's age in years."""
    return normalise_name(name) in ("age", "age_client", "age_ans", "age_du_client", "customer_age", "ages")


def id_like(name: str) -> bool:
    """True when a column name reads as a customer id (``CustomerID``, ``id_client``…)."""
    norm = normalise_name(name)
    return bool(set(norm.split("_")) & _ID_TOKENS) or bool(re.fullmatch(r"(customer|client)_?id", norm))


#: What a customer-file column tells about the customer, from its name (English and French CRM
#: headers): ``value`` (money spent: ``MntWines``, ``montant_total``), ``frequency`` (how often:
#: ``NumWebPurchases``, ``nb_commandes``), ``recency`` (how long since: ``Recency``,
#: ``jours_depuis_dernier_achat``), ``demographics`` (who: ``Year_Birth`` — a birth *year*, not a
#: date —, ``Income``, ``Kidhome``, ``ville``).
SIGNALS: dict[str, tuple[str, ...]] = {
    "recency": ("recency", "recence", "dernier", "derniere", "last", "since", "depuis"),
    "value": ("mnt", "montant", "amount", "spent", "spend", "depense", "depenses", "ca", "revenue", "panier",
              "total", "valeur", "value", "monetary"),
    "frequency": ("num", "nb", "nbr", "nombre", "count", "purchases", "achats", "orders", "commandes", "visits",
                  "visites", "frequency", "frequence"),
    "demographics": ("year", "birth", "naissance", "age", "income", "revenu", "kidhome", "teenhome", "enfants",
                     "education", "marital", "statut", "ville", "city", "sexe", "genre", "gender", "csp",
                     "departement", "pays", "country"),
}


def signal_of(name: str) -> str | None:
    """``value``, ``frequency``, ``recency``, ``demographics`` or None for a column name.

    ``NumWebPurchases`` is a frequency (a count of purchases), not a value; ``MntWines`` a
    value; ``Year_Birth`` demographics (a birth year); ids are never a signal.
    """
    if id_like(name):
        return None
    tokens = name_tokens(name)
    norm = normalise_name(name)
    if norm in _BIRTH_YEAR:
        return "demographics"
    for signal in ("recency", "frequency", "value", "demographics"):
        if tokens & set(SIGNALS[signal]):
            if signal == "frequency" and tokens & {"mnt", "montant", "amount"}:
                return "value"
            return signal
    return None


def customer_signals(columns: list[str]) -> dict[str, list[str]]:
    """The columns grouped by :func:`signal_of` (only the groups found)."""
    out: dict[str, list[str]] = {}
    for c in columns:
        s = signal_of(c)
        if s is not None:
            out.setdefault(s, []).append(c)
    return out
