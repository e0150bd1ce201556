"""RGPD by construction: find direct identifiers, pseudonymise ids, coarsen birth dates.

A customer file from a CRM usually holds names, emails, phone numbers, street addresses,
sometimes IBANs and exact birth dates. None of them is needed to describe a segment, and
none may reach a deliverable (RGPD art. 5.1.c, *data minimisation*). This module finds them
two ways, so that a column named ``contact`` full of emails is caught as surely as one
named ``email``:

* **by column name** — tokens such as ``email``, ``tel``, ``nom``, ``prenom``, ``adresse``,
  ``iban``, ``date_naissance`` (accents, case and separators ignored);
* **by content** — regular expressions run on a sample of the values: emails, French phone
  numbers (``06 12 34 56 78``, ``+33 6…``, ``06.12…``), IBANs (``FR76 …``), street
  addresses (``12 rue …``), first names from a list of common French first names.

A column is flagged when at least 30 % of its sampled non-empty values match.

The customer id is replaced by a salted SHA-256 hash (:func:`pseudonymise`): the same
customer gets the same pseudonym on every run with the same salt (so that an emailing tool
can match segment exports), and nobody can recompute it without the salt, which stays in
``case.yaml`` (``personas.salt``) or in ``CASE/.toolkit/personas_salt.txt``.
An exact birth date becomes an age band (``35-44 ans``) and an age in years (CNIL guidance:
keep the coarsest value that serves the purpose).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "PII_KINDS",
    "PiiFinding",
    "age_band",
    "detect_pii",
    "load_or_create_salt",
    "looks_personal",
    "normalise_name",
    "pseudonymise",
]

#: Kinds of direct identifier, with their label (fr, en) for the processing note.
PII_KINDS = {
    "email": ("adresse e-mail", "email address"),
    "phone": ("numéro de téléphone", "phone number"),
    "name": ("nom ou prénom", "first or last name"),
    "address": ("adresse postale", "street address"),
    "iban": ("IBAN / RIB", "IBAN / bank details"),
    "birth_date": ("date de naissance exacte", "exact birth date"),
    "national_id": ("numéro de sécurité sociale, d'identité ou de carte (nombre long, un par personne)",
                    "national id, card or account number (long number, one per person)"),
    "ip": ("adresse IP", "IP address"),
}

_NAME_TOKENS: dict[str, tuple[str, ...]] = {
    "email": ("email", "mail", "courriel", "e_mail", "emailaddress", "adresse_mail"),
    "phone": ("tel", "telephone", "phone", "mobile", "portable", "gsm", "fixe", "cellphone", "phonenumber"),
    "name": ("nom", "prenom", "name", "firstname", "lastname", "surname", "fullname", "prenoms",
             "nomcomplet", "nom_prenom", "patronyme"),
    "address": ("adresse", "address", "rue", "street", "voie", "addr", "adresse1", "adresse2",
                "address1", "address2", "complement_adresse"),
    "iban": ("iban", "rib", "bic", "swift"),
    "birth_date": ("naissance", "birth", "birthdate", "dob", "ddn", "date_naissance", "birthday",
                   "date_de_naissance"),
    "national_id": ("nir", "secu", "ssn", "insee", "passport", "passeport", "cni"),
    "ip": ("ip", "ip_address", "adresse_ip"),
}
# tokens that look like a name token but are not ("nombre", "name" in "username" is an id)
_NOT_NAME = {"nombre", "nomenclature", "nom_produit", "nom_categorie", "product_name", "campaign_name"}

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
PHONE_RE = re.compile(r"(?:(?:\+|00)33[\s.\-]?(?:\(0\))?[\s.\-]?[1-9]|\b0[1-9])(?:[\s.\-]?\d{2}){4}\b")
INTL_PHONE_RE = re.compile(r"\+\d{1,3}[\s.\-]?\d{2,4}(?:[\s.\-]?\d{2,4}){2,4}")
IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b")
ADDRESS_RE = re.compile(
    r"\b\d{1,4}\s?(?:bis|ter)?,?\s+(?:rue|avenue|av\.?|boulevard|bd|place|pl\.|chemin|impasse|allée|allee|"
    r"quai|cours|route|montée|montee|passage|square|street|st\.?|road|rd\.?|lane|drive)\b",
    re.IGNORECASE,
)
IPV4_RE = re.compile(r"^(?:\d{1,3}\.){3}\d{1,3}$")
NIR_RE = re.compile(r"^[12]\s?\d{2}\s?(?:0[1-9]|1[0-2])\s?\d{2}\s?\d{3}\s?\d{3}(?:\s?\d{2})?$")

_COMMON_FIRST_NAMES = {
    "marie", "jean", "pierre", "michel", "anne", "sophie", "nathalie", "isabelle", "camille", "lea",
    "manon", "chloe", "emma", "ines", "sarah", "julie", "clara", "pauline", "lucie", "marine", "elodie",
    "claire", "celine", "hugo", "lucas", "thomas", "nicolas", "julien", "antoine", "maxime", "alexandre",
    "romain", "mathieu", "olivier", "sebastien", "laurent", "francois", "david", "karim", "mehdi",
    "yanis", "theo", "louis", "paul", "arthur", "jules", "nina", "zoe", "philippe", "alain", "patrick",
    "christophe", "stephane", "catherine", "martine", "sylvie", "valerie", "sandrine", "christine",
    "frederic", "eric", "vincent", "guillaume", "benoit", "mohamed", "ahmed", "fatima", "aurelie",
    "emilie", "laura", "mathilde", "charlotte", "alice", "louise", "gabriel", "raphael", "leo", "adam",
    "john", "james", "mary", "robert", "michael", "william", "linda", "elizabeth", "jennifer", "susan",
}


@dataclass(frozen=True)
class PiiFinding:
    """A column holding direct identifiers: which kind, and how it was found."""

    column: str
    kind: str
    by: str  # "name", "content" or "name+content"
    share: float  # share of sampled non-empty values matching the content rule (0–1)


def normalise_name(name: str) -> str:
    """``"Date de naissance"`` → ``"date_de_naissance"`` (lower case, no accents, ``_``)."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _kind_by_name(column: str) -> str | None:
    norm = normalise_name(column)
    if norm in _NOT_NAME:
        return None
    tokens = set(norm.split("_")) | {norm, norm.replace("_", "")}
    for kind, words in _NAME_TOKENS.items():
        if any(w in tokens for w in words):
            return kind
    return None


def _first_token(value: str) -> str:
    return normalise_name(value.split()[0]) if value.split() else ""


def _content_shares(values: pd.Series) -> dict[str, float]:
    s = values.astype(str).str.strip()
    s = s[s != ""]
    if s.empty:
        return {}
    n = len(s)
    compact = s.str.replace(r"\s", "", regex=True)
    shares = {
        "email": s.str.fullmatch(EMAIL_RE.pattern).mean(),
        "phone": (s.str.fullmatch(PHONE_RE.pattern) | s.str.fullmatch(INTL_PHONE_RE.pattern)).mean(),
        "iban": compact.str.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}").mean(),
        "address": s.str.contains(ADDRESS_RE, regex=True).mean(),
        "ip": s.str.fullmatch(IPV4_RE.pattern).mean(),
        "national_id": s.str.fullmatch(NIR_RE.pattern).mean(),
    }
    # names: capitalised words, first token a common first name, or a name-shaped column with
    # many distinct values (last names)
    shaped = s.str.fullmatch(r"[A-ZÀ-Ý][A-Za-zÀ-ÿ'\-]+(?:[ \-][A-ZÀ-Ý][A-Za-zÀ-ÿ'\-]+){0,3}")
    first = s.map(_first_token).isin(_COMMON_FIRST_NAMES)
    shares["name"] = float((shaped & first).mean())
    if shaped.mean() > 0.9 and s.nunique() / n > 0.5 and n >= 30:
        shares["name"] = max(shares["name"], float(shaped.mean()))
    return {k: float(v) for k, v in shares.items()}


def _looks_like_birth_dates(values: pd.Series) -> bool:
    """Dates all 15–100 years in the past, with many distinct days: birth dates."""
    if pd.api.types.is_datetime64_any_dtype(values):
        d = values.dropna()
    else:
        s = values.astype(str).str.strip()
        s = s[s != ""]
        if s.empty or not s.str.match(r"^\d{1,4}[/\-.]\d{1,2}[/\-.]\d{2,4}").mean() > 0.9:
            return False
        dayfirst = bool(s.str.match(r"^\d{1,2}[/\-.]").mean() > 0.5)
        d = pd.to_datetime(s, errors="coerce", dayfirst=dayfirst, format="mixed").dropna()
    if len(d) < 20:
        return False
    years = d.dt.year
    now = pd.Timestamp.today().year
    return bool(((years <= now - 15) & (years >= now - 100)).mean() > 0.95 and d.nunique() > 0.5 * len(d))


_FLAG_VALUES = {"oui", "non", "yes", "no", "true", "false", "vrai", "faux", "0", "1", "0.0", "1.0", "y", "n",
                "o", "x", ""}


def _is_flag(values: pd.Series) -> bool:
    """A yes/no column (``optin_mail``): its values are all flag words."""
    uniq = values.dropna().astype(str).str.strip().str.lower().unique()
    return len(uniq) <= 3 and set(uniq) <= _FLAG_VALUES


_FR_PHONE_DIGITS = re.compile(r"^(?:33|0033)?0?[1-9]\d{8}$")


def _numeric_identifier(values: pd.Series) -> tuple[str | None, float]:
    """A number column that identifies people: phone numbers parsed as integers
    (``+33 6 00 93 69 14`` → 33600936914), or long integers with one value per row.

    Content checks must not stop at text columns: a CSV reader turns a phone or a loyalty
    card number into an integer, and under a neutral header it would become a feature.
    """
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values) or values.empty:
        return None, 0.0
    x = values.to_numpy(dtype=float)
    x = x[np.isfinite(x)]
    if x.size < 5 or not np.all(x == np.round(x)) or (x < 0).any():
        return None, 0.0
    digits = pd.Series(x.astype(np.int64).astype(str))
    phone = float(digits.str.fullmatch(_FR_PHONE_DIGITS.pattern).mean())
    distinct = len(np.unique(x)) / x.size
    if phone >= 0.9 and distinct > 0.5:
        return "phone", phone
    if (digits.str.len() >= 9).mean() >= 0.9 and distinct >= 0.9:
        return "national_id", float(distinct)
    return None, 0.0


def detect_pii(frame: pd.DataFrame, *, sample: int = 300, threshold: float = 0.3,
               seed: int = 0) -> list[PiiFinding]:
    """Columns of ``frame`` that hold direct identifiers, by name and by content.

    Content rules run on up to ``sample`` non-empty values per text column; a column is
    flagged when ``threshold`` (30 %) of them match one rule.
    """
    out: list[PiiFinding] = []
    for col in frame.columns:
        by_name = _kind_by_name(str(col))
        values = frame[col].dropna()
        if len(values) > sample:
            values = values.sample(sample, random_state=seed)
        kind, share = None, 0.0
        if len(values) and (values.dtype == object or pd.api.types.is_string_dtype(values)):
            shares = _content_shares(values)
            if shares:
                best = max(shares, key=lambda k: shares[k])
                if shares[best] >= threshold:
                    kind, share = best, shares[best]
        elif len(values):
            kind, share = _numeric_identifier(values)
        if by_name and by_name != "birth_date" and kind is None and _is_flag(values):
            by_name = None  # "optin_mail", "tel_fourni": a flag about the identifier, not the identifier
        if kind is None and by_name in (None, "birth_date") and _looks_like_birth_dates(values):
            kind, share = "birth_date", 1.0
        if by_name and kind:
            out.append(PiiFinding(str(col), by_name if by_name != "name" else kind, "name+content", share))
        elif by_name:
            out.append(PiiFinding(str(col), by_name, "name", share))
        elif kind:
            out.append(PiiFinding(str(col), kind, "content", share))
    return out


def looks_personal(value: object) -> bool:
    """True if a single value looks like an email, a phone number, an IBAN or an address.

    Used to mask stray personal data in category labels before they reach a deliverable.
    """
    if value is None:
        return False
    text = str(value)
    return bool(EMAIL_RE.search(text) or PHONE_RE.search(text) or INTL_PHONE_RE.search(text)
                or IBAN_RE.search(text.replace(" ", "")) and text[:2].isalpha() and len(text) > 14
                or ADDRESS_RE.search(text))


def pseudonymise(ids: pd.Series, salt: str, *, length: int = 16) -> pd.Series:
    """Salted SHA-256 of each id, as ``length`` hex characters (64 bits by default).

    Deterministic for a given salt; without the salt the id cannot be recovered by hashing
    candidate ids (the weakness of an unsalted hash of an email).
    """
    prefix = hashlib.sha256(salt.encode("utf-8") + b"\x00")  # hashed once, copied per id
    out = []
    for v in ids.astype(str).to_numpy():
        h = prefix.copy()
        h.update(v.encode("utf-8"))
        out.append(h.hexdigest()[:length])
    return pd.Series(out, index=ids.index, name="id_pseudonyme")


SALT_FILE = "personas_salt.txt"


def load_or_create_salt(state_dir: Path, configured: str | None = None) -> str:
    """The salt from ``case.yaml`` when set, else the one kept in ``.toolkit/`` (created once)."""
    if configured:
        return configured
    path = Path(state_dir) / SALT_FILE
    if path.exists():
        text = path.read_text(encoding="utf-8").strip()
        if text:
            return text
    salt = secrets.token_hex(16)
    from toolkit.files import atomic_write_text

    atomic_write_text(path, salt + "\n")
    return salt


AGE_BANDS = (18, 25, 35, 45, 55, 65)


def age_band(age: pd.Series, lang: str = "fr") -> pd.Series:
    """Age in years → band label (``"35-44 ans"`` / ``"35-44"``); INSEE-like 10-year bands."""
    edges = [-np.inf, *AGE_BANDS, np.inf]
    unit = " ans" if lang == "fr" else ""
    labels = [f"< 18{unit}"] + [f"{a}-{b - 1}{unit}" for a, b in zip(AGE_BANDS[:-1], AGE_BANDS[1:], strict=True)]
    labels.append(f"{AGE_BANDS[-1]}+{unit}")
    out = pd.cut(age, bins=edges, labels=labels, right=False)
    return out.astype(object).where(out.notna(), None)
